import { css, html, LitElement, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OperatorSession } from '../../client/operator-session.js';
import type { TeamNotice } from '../../client/team-chat.js';
import { TeamSessionController } from '../../controllers/team-session.js';
import { localeOf } from '../../i18n/index.js';
import { operatorStrings, type OperatorStrings } from '../../i18n/operator.js';
import { ChatTeamOpenEvent } from './team-events.js';
import { panelElementBase, panelIconStyles } from './element-base.styles.js';

const TAG = 'chat-team-notices';
/** Remembers that the operator answered "Not now" to browser notifications. */
const PROMPT_KEY = 'chat:operator:notifications-prompt';
/** Notices shown at once; older ones wait below until these are dismissed. */
const SHOWN = 3;

const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
const atIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4"/><path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8"/></svg>`;
const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/></svg>`;

type Permission = NotificationPermission | 'unsupported';

/**
 * What the operator should look at: a teammate mentioned them, or a visitor asked to chat while
 * the panel was in the background. Each notice opens what it is about (fires `chat-team-open`)
 * or is dismissed. When the operator has turned browser notifications on (the prompt asks only
 * when they press its button, never by itself), the same notices also reach the system while the
 * panel is not focused.
 *
 * @fires chat-team-open - a notice was chosen: `{ channelId }` or `{ conversationId }`
 * @csspart prompt - the bar offering browser notifications
 * @csspart notices - the stack of notices
 * @cssprop --chat-accent - the notices' accent and the prompt's button
 * @cssprop --chat-surface - background of a notice
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - secondary text
 * @cssprop --chat-border - borders
 * @cssprop --chat-font - font family
 */
export class TeamNotices extends LitElement {
  static override styles = [
    panelElementBase,
    panelIconStyles,
    css`
    :host {
      display: block;
      position: relative;
      /* Below the Mentions list (z-index 40). */
      z-index: 30;
      line-height: 1.4;
    }
    button {
      padding: 5px 12px;
      font-weight: 600;
    }
    .prompt {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 16px;
      background: #edf2ff;
      color: #1c2f7a;
      border-bottom: 1px solid #bac8ff;
      font-size: 13px;
    }
    .prompt p {
      flex: 1;
    }
    .enable {
      background: var(--chat-accent, #3b5bdb);
      color: var(--chat-accent-contrast, #ffffff);
    }
    .not-now {
      color: #1c2f7a;
    }
    .not-now:hover {
      background: #dbe4ff;
    }
    /* Just below the prompt (or the panel's header), over the right of the workspace. */
    .stack {
      position: absolute;
      top: calc(100% + 10px);
      inset-inline-end: 16px;
      width: min(340px, calc(100% - 32px));
      pointer-events: none;
    }
    .stack ol {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .notice {
      display: flex;
      align-items: flex-start;
      pointer-events: auto;
      background: var(--chat-surface, #ffffff);
      border: 1px solid var(--chat-border, #e3e6ee);
      border-inline-start: 4px solid var(--chat-accent, #3b5bdb);
      border-radius: 10px;
      box-shadow: 0 10px 28px rgb(29 34 48 / 0.16);
    }
    .notice.request {
      border-inline-start-color: #f08c00;
    }
    .open {
      flex: 1;
      min-width: 0;
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      column-gap: 8px;
      padding: 10px 4px 10px 12px;
      text-align: start;
      font-weight: 400;
      border-radius: 8px 0 0 8px;
    }
    .open:hover {
      background: #f8f9fc;
    }
    .open svg {
      grid-row: span 3;
      margin-top: 2px;
      color: var(--chat-accent, #3b5bdb);
    }
    .request .open svg {
      color: #e67700;
    }
    .title {
      font-weight: 700;
    }
    .where {
      font-size: 12.5px;
      color: var(--chat-muted, #5f6679);
    }
    .excerpt {
      margin-top: 2px;
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow-wrap: anywhere;
    }
    .dismiss {
      flex: none;
      width: 32px;
      height: 32px;
      margin: 6px 6px 0 0;
      padding: 0;
      display: grid;
      place-items: center;
      color: var(--chat-muted, #5f6679);
    }
    .dismiss:hover {
      background: #f1f3f5;
      color: var(--chat-text, #1d2230);
    }
  `,
  ];

  #changes = new TeamSessionController(this, { viewing: false });

  /** The operator's session, whose team chat holds the notices. */
  @property({ attribute: false }) session?: OperatorSession;
  @property() override lang = '';

  @state() private permission: Permission = currentPermission();
  @state() private promptDismissed = readFlag(PROMPT_KEY);

  /** The newest notice already handed to the browser's notifications. */
  #lastDesktop: number | null = null;

  protected override updated(): void {
    const notices = this.session?.teamChat.notices ?? [];
    const newest = notices[0]?.id ?? 0;
    // Notices that were there before this element showed are not announced again.
    if (this.#lastDesktop === null) this.#lastDesktop = newest;
    const fresh = notices.filter((n) => n.id > this.#lastDesktop!);
    this.#lastDesktop = Math.max(this.#lastDesktop, newest);
    if (this.permission !== 'granted' || document.hasFocus()) return;
    const t = operatorStrings(localeOf(this));
    for (const n of fresh.reverse()) this.#desktop(n, t);
  }

  // --- handlers ----------------------------------------------------------------

  /** Asks the browser, in answer to the operator's click. */
  async #handleEnable(): Promise<void> {
    if (this.permission === 'unsupported') return;
    this.permission = await Notification.requestPermission();
  }

  #handleNotNow(): void {
    this.promptDismissed = true;
    writeFlag(PROMPT_KEY);
  }

  #handleOpen(n: TeamNotice): void {
    if (n.mentionId !== undefined) this.session?.teamChat.readMention(n.mentionId);
    else this.session?.teamChat.dismiss(n.id);
    this.dispatchEvent(new ChatTeamOpenEvent('channelId' in n.where ? { channelId: n.where.channelId } : { conversationId: n.where.conversationId }));
  }

  #desktop(n: TeamNotice, t: OperatorStrings): void {
    const shown = new Notification(titleOf(n, t), { body: [whereOf(n, t), n.excerpt].filter(Boolean).join('\n'), tag: `chat-notice-${n.id}` });
    shown.onclick = () => {
      window.focus();
      shown.close();
      this.#handleOpen(n);
    };
  }

  // --- rendering -------------------------------------------------------------------

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const t = operatorStrings(localeOf(this));
    const notices = session.teamChat.notices;
    const prompt = this.permission === 'default' && !this.promptDismissed;
    return html`${prompt
        ? html`<div class="prompt" part="prompt">
            <p>${t.teamChat.enableText}</p>
            <button type="button" class="enable" @click=${this.#handleEnable}>${t.teamChat.enable}</button>
            <button type="button" class="not-now" @click=${this.#handleNotNow}>${t.teamChat.notNow}</button>
          </div>`
        : nothing}
      <section class="stack" part="notices" aria-label=${t.teamChat.notices}>
        <ol aria-live="polite">
          ${notices.slice(0, SHOWN).map(
            (n) => html`<li class="notice ${n.kind}" data-notice=${n.id}>
              <button type="button" class="open" @click=${() => this.#handleOpen(n)}>
                ${n.kind === 'mention' ? atIcon : chatIcon}
                <span class="title">${titleOf(n, t)}</span>
                ${whereOf(n, t) ? html`<span class="where">${whereOf(n, t)}</span>` : nothing}
                <span class="excerpt">${n.excerpt}</span>
              </button>
              <button type="button" class="dismiss" aria-label="${t.teamChat.dismiss}: ${titleOf(n, t)}" title=${t.teamChat.dismiss} @click=${() => session.teamChat.dismiss(n.id)}>
                ${closeIcon}
              </button>
            </li>`,
          )}
        </ol>
      </section>`;
  }
}

function titleOf(n: TeamNotice, t: OperatorStrings): string {
  return n.kind === 'mention' ? t.teamChat.mentionedYou(n.from) : t.teamChat.newRequest(n.from);
}

function whereOf(n: TeamNotice, t: OperatorStrings): string {
  if (!('channelId' in n.where)) return n.kind === 'mention' ? t.teamChat.inChat(n.where.name) : '';
  return n.where.kind === 'channel' ? t.teamChat.inChannel(n.where.name) : t.teamChat.inDirect;
}

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function readFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === 'dismissed';
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    globalThis.localStorage?.setItem(key, 'dismissed');
  } catch {
    // Storage blocked: the prompt stays hidden until the page reloads.
  }
}

export function defineTeamNotices(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, TeamNotices);
}

defineTeamNotices();

declare global {
  interface HTMLElementTagNameMap {
    'chat-team-notices': TeamNotices;
  }
}
