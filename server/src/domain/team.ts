/**
 * Team chat rules: channel names, how `@name` and `#channel` are found in a line of text, and
 * which operators a mention reaches. Pure and import-free, so the operator panel highlights
 * mentions and links channels with exactly the rules the server notifies by.
 *
 * **Mentions.** `@` starts a mention at the start of the text or after a space or an opening
 * bracket or quote (so `sam@demo.test` is an address, not a mention), followed by letters,
 * digits, `.`, `_` or `-`. It reaches every operator of the account, other than its author,
 * whose first name or full name it spells, ignoring case, spaces, `.`, `_` and `-`: `@sam`,
 * `@Sam`, `@samlee`, `@sam.lee` and `@sam_lee` all reach "Sam Lee", and `@sam` reaches every Sam.
 *
 * **Channels.** `#` followed by a channel name, in the same places; only the names of channels
 * that exist become links.
 */

export const CHANNEL_NAME_MAX = 40;
/** Characters of a message shown in a mention notice. */
export const EXCERPT_MAX = 140;

/** Why a channel name is refused, or null when it is fine. */
export function channelNameProblem(name: string): string | null {
  if (name.length === 0) return 'A channel needs a name';
  if (name.length > CHANNEL_NAME_MAX) return `A channel name is at most ${CHANNEL_NAME_MAX} characters`;
  if (!/^[a-z0-9_-]+$/.test(name)) return 'A channel name may contain only lowercase letters, digits, "-" and "_", with no spaces';
  return null;
}

/** What an operator typed as a channel name, without the spaces around it or a leading "#". */
export function cleanChannelName(typed: string): string {
  return typed.trim().replace(/^#/, '');
}

export type TextPart =
  | { kind: 'text'; text: string }
  /** `@name`: `name` is what follows the "@". */
  | { kind: 'mention'; text: string; name: string }
  /** `#name`: `name` is what follows the "#", lowercased. */
  | { kind: 'channel'; text: string; name: string };

const TOKEN = /(^|[\s([{"'])([@#])([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;

/** Splits text into plain runs, `@mentions` and `#channels`, in order; joined, the parts give the text back. */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = 0;
  for (const m of text.matchAll(TOKEN)) {
    const sigil = m[2]!;
    // A name ends before a full stop: "@sam." and "#general." mean "@sam" and "#general".
    let name = m[3]!.replace(/\.+$/, '');
    if (sigil === '#') {
      const channel = /^[A-Za-z0-9_-]+/.exec(name)?.[0] ?? '';
      name = channel.slice(0, CHANNEL_NAME_MAX);
      if (!name || channel.length > CHANNEL_NAME_MAX) continue;
    }
    if (!name) continue;
    const start = m.index + m[1]!.length;
    if (start > plain) parts.push({ kind: 'text', text: text.slice(plain, start) });
    parts.push(sigil === '@' ? { kind: 'mention', text: `@${name}`, name } : { kind: 'channel', text: `#${name}`, name: name.toLowerCase() });
    plain = start + 1 + name.length;
  }
  if (plain < text.length) parts.push({ kind: 'text', text: text.slice(plain) });
  return parts;
}

/** A name or mention as they are compared: lowercase, without spaces, `.`, `_` or `-`. */
export const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** True when `@mention` (without the "@") names this operator: their first name or full name. */
export function mentionMatches(mention: string, operatorName: string): boolean {
  const wanted = squash(mention);
  if (!wanted) return false;
  return wanted === squash(operatorName) || wanted === squash(firstName(operatorName));
}

/**
 * What to write after "@" to mention an operator: their first name when no other operator of the
 * team shares it ("Kim"), otherwise their full name without spaces ("SamLee"). mentionMatches
 * accepts both for them.
 */
export function mentionHandle(operator: { id: number; name: string }, team: ReadonlyArray<{ id: number; name: string }>): string {
  const first = firstName(operator.name);
  const shared = team.some((o) => o.id !== operator.id && squash(firstName(o.name)) === squash(first));
  return shared ? operator.name.trim().replace(/\s+/g, '') : first;
}

/** The operators a text mentions, in the order given, never its author. */
export function mentionedOperators<O extends { id: number; name: string }>(text: string, operators: readonly O[], authorId: number): O[] {
  const mentions = textParts(text).flatMap((p) => (p.kind === 'mention' ? [p.name] : []));
  if (!mentions.length) return [];
  return operators.filter((o) => o.id !== authorId && mentions.some((m) => mentionMatches(m, o.name)));
}

/** The start of a message for a notice: one line, at most EXCERPT_MAX characters. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= EXCERPT_MAX ? line : `${chars.slice(0, EXCERPT_MAX - 1).join('')}…`;
}

/** The two operators of a direct chat, lower id first, so a pair has one chat whoever opens it. */
export function directPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}
