/**
 * The `@name` picker in the operators' composers: what is being typed, which teammates match it,
 * and what is put in the text for the one chosen, by the rules the server notifies by
 * (domain/team.ts). The menu and its keyboard are the canned responses' (composer-picker.ts).
 */
import { html } from 'lit';
import { mentionHandle, squash } from '../../../../server/src/domain/team.js';
import { typedToken } from './canned.js';
import { withMatch } from './canned-menu.js';
import type { PickerSource } from './composer-picker.js';

type Named = { id: number; name: string };

/** What may follow the "@" while a name is typed: what a mention may spell (a letter or digit first). */
const PARTIAL_NAME = /^(?:[\p{L}\p{N}][\p{L}\p{N}._-]*)?$/u;

/** The `@name` being typed at the caret, at the start of the text or after whitespace (see typedToken). */
export function mentionQuery(value: string, caret: number): { start: number; query: string } | null {
  return typedToken(value, caret, '@', PARTIAL_NAME);
}

/**
 * The teammates whose name matches what follows the "@", ignoring case, spaces, `.`, `_` and
 * `-`, at most `limit`: first names that start with it first, then any other word (or the whole
 * name) that does, then names that contain it; each group alphabetical. An empty query lists
 * everyone alphabetically.
 */
export function filterTeammates<O extends Named>(teammates: readonly O[], query: string, limit = 8): O[] {
  const q = squash(query);
  const rank = (o: O): number => {
    const words = o.name.trim().split(/\s+/).map(squash);
    if (words[0]?.startsWith(q)) return 0;
    if (words.some((w) => w.startsWith(q)) || squash(o.name).startsWith(q)) return 1;
    return squash(o.name).includes(q) ? 2 : 3;
  };
  return teammates
    .map((o) => ({ o, rank: rank(o) }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.o.name.localeCompare(b.o.name, undefined, { sensitivity: 'base' }) || a.o.id - b.o.id)
    .slice(0, Math.max(0, limit))
    .map((entry) => entry.o);
}

/**
 * The picker's source for a composer: `teammates` are those who can read what is written there
 * (never the writer), `team` is everyone in the account, whose names decide each handle.
 */
export function mentionSource(
  teammates: readonly Named[],
  team: readonly Named[],
  strings: { label: string; emptyText: string; listId: string },
): PickerSource<Named> {
  return {
    ...strings,
    find: mentionQuery,
    items: (query) => filterTeammates(teammates, query),
    text: (o) => `@${mentionHandle(o, team)} `,
    option: (o, query) =>
      html`<b class="canned-shortcut">${withMatch(o.name, query)}</b>
        <span class="canned-preview">@${mentionHandle(o, team)}</span>`,
  };
}
