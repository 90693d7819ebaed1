import { css, html, LitElement, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Mention } from '../../../../server/src/protocol/team.js';
import type { OperatorSession } from '../../client/operator-session.js';
import { TeamSessionController } from '../../controllers/team-session.js';
import { localeOf } from '../../i18n/index.js';
import { operatorStrings, type OperatorStrings } from '../../i18n/operator.js';
import { ChatTeamOpenEvent } from './team-events.js';
import { panelElementBase, panelIconStyles } from './element-base.styles.js';

const TAG = 'chat-team-mentions';

const atIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4"/><path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8"/></svg>`;

/**
 * The header's Mentions button: how many of this operator's mentions are unread, and a list of
 * them, newest first, kept on the server until read (so a mention made while the panel was closed
 * is here when it opens). Opening one marks it read, here and in the operator's other panels, and
 * goes to it (fires `chat-team-open`); "Mark all read" clears the list.
 *
 * @fires chat-team-open - a mention was opened: `{ channelId }` or `{ conversationId }`
 * @csspart button - the Mentions button with its count
 * @csspart list - the list of unread mentions
 * @cssprop --chat-accent - the count and the button while mentions are unread
 * @cssprop --chat-accent-contrast - text on the count
 * @cssprop --chat-surface - background of the button and the list
 * @cssprop --chat-canvas - background of a hovered mention
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - secondary text
 * @cssprop --chat-border - borders
 * @cssprop --chat-font - font family
 */
export class TeamMentions extends LitElement {
  static override styles = [
    panelElementBase,
    panelIconStyles,
    css`
    :host {
      display: block;
      position: relative;
      /* Above the notices that float below the header. */
      z-index: 40;
      line-height: 1.4;
    }
    button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 6px 10px;
      font-weight: 600;
      line-height: 1.2;
    }
    .toggle {
      border-color: var(--chat-border, #e3e6ee);
      border-radius: 999px;
      background: var(--chat-surface, #ffffff);
      color: var(--chat-muted, #5f6679);
    }
    .toggle.unread {
      border-color: #bac8ff;
      background: #edf2ff;
      color: var(--chat-accent, #3b5bdb);
    }
    .count {
      min-width: 20px;
      padding: 1px 6px;
      border-radius: 999px;
      background: var(--chat-accent, #3b5bdb);
      color: var(--chat-accent-contrast, #ffffff);
      font-size: 12px;
      text-align: center;
    }
    .pop {
      position: absolute;
      top: calc(100% + 6px);
      inset-inline-end: 0;
      width: 360px;
      padding: 8px;
      background: var(--chat-surface, #ffffff);
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 12px;
      box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 0 0 4px 8px;
    }
    .title {
      flex: 1;
      font-size: 12px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--chat-muted, #5f6679);
    }
    .mark-all {
      padding: 4px 8px;
      font-size: 13px;
      color: var(--chat-accent, #3b5bdb);
    }
    .mark-all:hover,
    .mention:hover {
      background: var(--chat-canvas, #f3f4f8);
    }
    .list {
      max-height: min(420px, 60vh);
      overflow-y: auto;
    }
    .list li + li {
      border-top: 1px solid var(--chat-border, #e3e6ee);
    }
    .mention {
      width: 100%;
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      column-gap: 8px;
      padding: 8px;
      text-align: start;
      font-weight: 400;
    }
    .who {
      font-weight: 650;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who .where {
      font-weight: 400;
      color: var(--chat-muted, #5f6679);
    }
    time {
      font-size: 12px;
      color: var(--chat-muted, #5f6679);
    }
    .excerpt {
      grid-column: 1 / -1;
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow-wrap: anywhere;
      font-size: 13px;
      color: var(--chat-muted, #5f6679);
    }
    .empty,
    .more {
      padding: 6px 8px 8px;
      font-size: 13px;
      color: var(--chat-muted, #5f6679);
    }
    @media (max-width: 900px) {
      .label {
        display: none;
      }
    }
  `,
  ];

  #changes = new TeamSessionController(this, { viewing: false });

  /** The operator's session, whose team chat holds the mentions. */
  @property({ attribute: false }) session?: OperatorSession;
  @property() override lang = '';

  @state() private open = false;

  // --- handlers ----------------------------------------------------------------

  #handleToggle(): void {
    this.open = !this.open;
  }

  #handleOpen(m: Mention): void {
    this.session?.teamChat.readMention(m.id);
    this.open = false;
    this.dispatchEvent(new ChatTeamOpenEvent('channelId' in m.where ? { channelId: m.where.channelId } : { conversationId: m.where.conversationId }));
  }

  async #handleMarkAll(): Promise<void> {
    this.session?.teamChat.readAllMentions();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.toggle')?.focus();
  }

  async #handleKeydown(e: KeyboardEvent): Promise<void> {
    if (e.key !== 'Escape' || !this.open) return;
    e.stopPropagation();
    this.open = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.toggle')?.focus();
  }

  #handleFocusout(e: FocusEvent): void {
    if (!this.renderRoot.contains(e.relatedTarget as Node | null)) this.open = false;
  }

  // --- rendering -------------------------------------------------------------------

  override render() {
    const team = this.session?.teamChat;
    if (!team) return nothing;
    const locale = localeOf(this);
    const t = operatorStrings(locale);
    const unread = team.mentionsUnread;
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
    const when = (at: number) => (new Date(at).toDateString() === new Date().toDateString() ? time : day).format(at);
    return html`<div @keydown=${this.#handleKeydown} @focusout=${this.#handleFocusout}>
      <button
        type="button"
        class="toggle ${unread ? 'unread' : ''}"
        part="button"
        aria-label=${t.teamChat.mentionsButton(unread)}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="mentions-list"
        @click=${this.#handleToggle}
      >
        ${atIcon}<span class="label">${t.teamChat.mentions}</span>${unread ? html`<span class="count">${unread}</span>` : nothing}
      </button>
      ${this.open
        ? html`<div id="mentions-list" class="pop" part="list" role="group" aria-labelledby="mentions-title">
            <div class="head">
              <p class="title" id="mentions-title">${t.teamChat.mentions}</p>
              ${team.mentions.length ? html`<button type="button" class="mark-all" @click=${this.#handleMarkAll}>${t.teamChat.markAllRead}</button>` : nothing}
            </div>
            ${team.mentions.length
              ? html`<ul class="list">
                  ${team.mentions.map(
                    (m) => html`<li>
                      <button type="button" class="mention" data-mention=${m.id} @click=${() => this.#handleOpen(m)}>
                        <span class="who">${m.from.name} <span class="where">${whereOf(m, t)}</span></span>
                        <time datetime=${new Date(m.at).toISOString()}>${when(m.at)}</time>
                        <span class="excerpt">${m.excerpt}</span>
                      </button>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="empty">${t.teamChat.noMentions}</p>`}
            ${unread > team.mentions.length && team.mentions.length ? html`<p class="more">${t.teamChat.mentionsShown(team.mentions.length, unread)}</p>` : nothing}
          </div>`
        : nothing}
    </div>`;
  }
}

function whereOf(m: Mention, t: OperatorStrings): string {
  if (!('channelId' in m.where)) return t.teamChat.inChat(m.where.visitorName);
  return m.where.kind === 'channel' ? t.teamChat.inChannel(m.where.name) : t.teamChat.inDirect;
}

export function defineTeamMentions(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, TeamMentions);
}

defineTeamMentions();

declare global {
  interface HTMLElementTagNameMap {
    'chat-team-mentions': TeamMentions;
  }
}
