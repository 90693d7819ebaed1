/**
 * A line of text as operators read it: `#channel` of an existing channel becomes a button that
 * opens it in the Team view, and `@name` of a teammate is set apart, highlighted when it names
 * the signed-in operator, and web addresses are links. Everything else stays plain text (Lit escapes it).
 */
import { css, html } from 'lit';
import { mentionMatches, textParts } from '../../../../server/src/domain/team.js';
import type { OperatorSession } from '../../client/operator-session.js';
import type { OperatorStrings } from '../../i18n/operator.js';
import { linked } from '../shared/links.js';

export interface TeamTextContext {
  /** The channel called `name`, when the account has one. */
  channelId: (name: string) => number | undefined;
  /** Teammates' names, the signed-in operator's first. */
  operators: readonly string[];
  me: string | null;
  onChannel: (channelId: number) => void;
  openLabel: (name: string) => string;
}

/** What renderTeamText needs, read from the operator's session. */
export function teamTextContext(session: OperatorSession, t: OperatorStrings, onChannel: (channelId: number) => void): TeamTextContext {
  return {
    channelId: (name) => session.teamChat.channelNamed(name)?.id,
    operators: session.team.map((o) => o.name),
    me: session.operator?.name ?? null,
    onChannel,
    openLabel: t.teamChat.openChannel,
  };
}

/** True when the text mentions the operator of this name. */
export function mentionsName(text: string, name: string): boolean {
  return textParts(text).some((p) => p.kind === 'mention' && mentionMatches(p.name, name));
}

export function renderTeamText(text: string, ctx: TeamTextContext) {
  const parts = textParts(text);
  if (parts.every((p) => p.kind === 'text')) return linked(text);
  return parts.map((p) => {
    if (p.kind === 'channel') {
      const id = ctx.channelId(p.name);
      return id === undefined
        ? p.text
        : html`<button type="button" class="channel-link" data-channel=${id} aria-label=${ctx.openLabel(p.name)} @click=${() => ctx.onChannel(id)}>${p.text}</button>`;
    }
    if (p.kind === 'mention') {
      if (ctx.me !== null && mentionMatches(p.name, ctx.me)) return html`<mark class="mention me">${p.text}</mark>`;
      if (ctx.operators.some((name) => mentionMatches(p.name, name))) return html`<span class="mention">${p.text}</span>`;
    }
    return linked(p.text);
  });
}

/** For any shadow root that renders team text. */
export const teamTextStyles = css`
  .text-link {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
    overflow-wrap: anywhere;
  }
  .channel-link {
    display: inline;
    padding: 0;
    border: 0;
    border-radius: 4px;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 650;
    line-height: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .channel-link:hover {
    text-decoration-thickness: 2px;
  }
  .mention {
    font-weight: 650;
  }
  .mention.me {
    padding: 0 3px;
    border-radius: 4px;
    background: #ffe066;
    color: #3d2c00;
  }
`;
