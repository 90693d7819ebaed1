import { css, html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { OperatorPresence } from '../../../../server/src/protocol/index.js';
import type { TeamChannel, TeamMessage } from '../../../../server/src/protocol/team.js';
import type { OperatorSession } from '../../client/operator-session.js';
import type { PendingTeamMessage } from '../../client/team-chat.js';
import { TeamSessionController } from '../../controllers/team-session.js';
import { localeOf } from '../../i18n/index.js';
import { operatorStrings, type OperatorStrings } from '../../i18n/operator.js';
import { mentionsName, renderTeamText, teamTextContext, teamTextStyles } from './team-text.js';
import { cannedMenuStyles } from './canned-menu.js';
import { panelElementBase, panelIconStyles } from './element-base.styles.js';
import { ComposerPicker } from './composer-picker.js';
import { mentionSource } from './mention-picker.js';

const TAG = 'chat-team-chat';

const hashIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 9h15M4 15h15M10 3 8 21M16 3l-2 18"/></svg>`;
const plusIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5v14M5 12h14"/></svg>`;
const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12 20 4l-6 16-3-7-7-1Z"/></svg>`;

/** The Team view's place in <operator-panel>'s layout: the centre and the visitor column together. */
export const teamViewStyles = css`
  .center.team-wide {
    grid-column: 2 / -1;
  }
  .view-btn .team-unread {
    padding: 0 6px;
    border-radius: 999px;
    background: var(--accent);
    color: var(--accent-contrast);
  }
`;

/**
 * The Team view of the operator panel: the account's channels (with unread counts and a form to
 * create one) and the teammates to write to directly (with their status), the open channel's
 * messages, and a composer for text only: a file pasted or dropped is refused with a note.
 *
 * @csspart side - the list of channels and teammates
 * @csspart pane - the open channel or direct chat
 * @csspart composer - the message form
 * @cssprop --chat-accent - selection, unread badges, the send button
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background
 * @cssprop --chat-canvas - background of the list and of hovered rows
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - secondary text
 * @cssprop --chat-border - separators and field borders
 * @cssprop --chat-font - font family
 */
export class TeamChatView extends LitElement {
  static override styles = [
    panelElementBase,
    panelIconStyles,
    teamTextStyles,
    cannedMenuStyles,
    css`
      :host {
        display: flex;
        flex: 1;
        min-height: 0;
        line-height: 1.45;
        background: var(--chat-surface, #ffffff);
        --danger: #c92a2a;
      }
      h2,
      h3 {
        margin: 0;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 7px 12px;
        font-weight: 550;
        line-height: 1.2;
      }
      .log:focus-visible {
        outline: 2px solid var(--chat-focus, #4c6ef5);
        outline-offset: 2px;
      }
      .secondary {
        background: var(--chat-surface, #ffffff);
        border-color: var(--chat-border, #e3e6ee);
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        padding: 0;
        margin: -1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
        border: 0;
      }

      /* --- channels and teammates --- */
      .side {
        flex: none;
        width: 240px;
        min-height: 0;
        overflow-y: auto;
        padding: 14px 8px;
        background: var(--chat-canvas, #f3f4f8);
        border-inline-end: 1px solid var(--chat-border, #e3e6ee);
      }
      .side section + section {
        margin-top: 18px;
      }
      .side-head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0 8px 6px;
      }
      .side h2 {
        font-size: 12px;
        font-weight: 700;
        letter-spacing: 0.04em;
        text-transform: uppercase;
        color: var(--chat-muted, #5f6679);
      }
      .add {
        width: 26px;
        height: 26px;
        padding: 0;
        justify-content: center;
        color: var(--chat-muted, #5f6679);
      }
      .add:hover,
      .add[aria-expanded='true'] {
        background: var(--chat-surface, #ffffff);
        color: var(--chat-text, #1d2230);
      }
      .item {
        width: 100%;
        padding: 6px 8px;
        border-radius: 8px;
        text-align: start;
        font-weight: 500;
      }
      .item:hover {
        background: var(--chat-surface, #ffffff);
      }
      .item[aria-current='true'] {
        background: var(--chat-accent-soft, #edf2ff);
        color: var(--chat-accent, #3b5bdb);
      }
      .item.unread .item-name {
        font-weight: 750;
      }
      .item svg {
        color: var(--chat-muted, #5f6679);
      }
      .item-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
      }
      .item-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .item-sub {
        font-size: 12px;
        font-weight: 400;
        color: var(--chat-muted, #5f6679);
      }
      .badge {
        min-width: 20px;
        padding: 1px 6px;
        border-radius: 999px;
        background: var(--chat-accent, #3b5bdb);
        color: var(--chat-accent-contrast, #ffffff);
        font-size: 12px;
        font-weight: 700;
        text-align: center;
      }
      .dot {
        width: 9px;
        height: 9px;
        flex: none;
        border-radius: 50%;
        background: #868e96;
      }
      .dot.hollow {
        background: none;
        border: 2px solid #adb5bd;
      }
      .dot.s-online {
        background: #2f9e44;
      }
      .dot.s-break {
        background: #e67700;
      }
      .dot.s-meal {
        background: #7048e8;
      }
      .new-channel {
        display: flex;
        flex-direction: column;
        gap: 6px;
        margin: 0 4px 8px;
        padding: 10px;
        border: 1px solid var(--chat-border, #e3e6ee);
        border-radius: 10px;
        background: var(--chat-surface, #ffffff);
      }
      .new-channel label {
        font-size: 12.5px;
        font-weight: 600;
      }
      .name-field {
        display: flex;
        align-items: center;
        border: 1px solid #cfd4df;
        border-radius: 8px;
        padding-inline-start: 8px;
        color: var(--chat-muted, #5f6679);
      }
      .name-field:focus-within {
        outline: 2px solid var(--chat-focus, #4c6ef5);
        outline-offset: 1px;
      }
      .name-field input {
        flex: 1;
        min-width: 0;
        padding: 6px 8px 6px 2px;
        border: 0;
        background: none;
        color: var(--chat-text, #1d2230);
        outline: none;
      }
      .field-hint {
        font-size: 12px;
        color: var(--chat-muted, #5f6679);
      }
      .form-actions {
        display: flex;
        justify-content: flex-end;
        gap: 6px;
      }
      .form-actions button {
        padding: 5px 10px;
      }
      .error {
        color: var(--danger);
        font-size: 12.5px;
      }
      .empty-list {
        padding: 4px 8px;
        font-size: 13px;
        color: var(--chat-muted, #5f6679);
      }

      /* --- the open channel --- */
      .pane {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
      }
      .pane-head {
        flex: none;
        padding: 12px 18px;
        border-bottom: 1px solid var(--chat-border, #e3e6ee);
      }
      .pane-head h2 {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 16px;
      }
      .pane-head p {
        font-size: 13px;
        color: var(--chat-muted, #5f6679);
      }
      .log {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        padding: 12px 18px;
      }
      .messages {
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      .older {
        align-self: center;
        margin-bottom: 6px;
        font-size: 13px;
      }
      .msg {
        display: grid;
        grid-template-columns: 32px minmax(0, 1fr);
        column-gap: 10px;
      }
      .avatar {
        grid-row: span 2;
        width: 32px;
        height: 32px;
        border-radius: 8px;
        display: grid;
        place-items: center;
        background: #dbe4ff;
        color: #364fc7;
        font-size: 12px;
        font-weight: 700;
      }
      .msg.mine .avatar {
        background: var(--chat-accent, #3b5bdb);
        color: var(--chat-accent-contrast, #ffffff);
      }
      .meta {
        font-size: 12px;
        color: var(--chat-muted, #5f6679);
      }
      .who {
        font-weight: 650;
        color: var(--chat-text, #1d2230);
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .msg.pending .text {
        opacity: 0.6;
      }
      .msg.failed .text {
        color: var(--danger);
      }
      .msg.mentions-me {
        margin-inline: -8px;
        padding: 4px 8px;
        border-radius: 8px;
        background: #fff9db;
      }
      .notice {
        font-size: 13px;
        color: var(--chat-muted, #5f6679);
        text-align: center;
      }
      .pick {
        margin: auto;
        padding: 24px;
        text-align: center;
        color: var(--chat-muted, #5f6679);
      }
      .composer {
        flex: none;
        padding: 10px 18px 14px;
        border-top: 1px solid var(--chat-border, #e3e6ee);
      }
      .composer textarea {
        display: block;
        width: 100%;
        padding: 8px 10px;
        border: 1px solid #cfd4df;
        border-radius: 10px;
        resize: none;
        background: var(--chat-surface, #ffffff);
      }
      .composer-foot {
        display: flex;
        align-items: center;
        gap: 10px;
        margin-top: 6px;
      }
      .hint {
        flex: 1;
        font-size: 12px;
        color: var(--chat-muted, #5f6679);
      }
      .composer .error {
        flex: 1;
        font-weight: 600;
      }
      @media (max-width: 900px) {
        .side {
          width: 200px;
        }
        .hint {
          display: none;
        }
      }
    `,
  ];

  #changes = new TeamSessionController(this, { viewing: true });
  /** The composer's "@" teammate picker. */
  #picker = new ComposerPicker(this, {
    sources: () => this.#pickerSources(),
    textarea: () => this.composer,
    apply: (textarea, value, caret) => {
      textarea.value = value;
      textarea.setSelectionRange(caret, caret);
      const current = this.session?.teamChat.current;
      if (current !== null && current !== undefined) this.#drafts.set(current, value);
    },
  });

  /** The operator's session; the view reads and writes through its team chat. */
  @property({ attribute: false }) session?: OperatorSession;
  @property() override lang = '';

  @state() private creating = false;
  @state() private createError = '';
  @state() private directError = '';
  /** A file was pasted or dropped: the composer says files are not shared here. */
  @state() private fileRefused = false;

  @query('.log') private log?: HTMLElement;
  @query('#team-composer') private composer?: HTMLTextAreaElement;

  /** Unsent text per channel. */
  #drafts = new Map<number, string>();
  #stickToBottom = true;
  #shown: number | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Another channel opened: start at its latest message, without the last one's note.
    const current = this.session?.teamChat.current ?? null;
    if (current !== this.#shown) {
      this.#shown = current;
      this.#stickToBottom = true;
      this.fileRefused = false;
      this.#picker.close();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Opens a channel or direct chat and puts the cursor in its composer. */
  async openChannel(channelId: number): Promise<void> {
    const opening = this.session?.teamChat.open(channelId);
    await this.updateComplete;
    this.composer?.focus();
    await opening;
  }

  // --- handlers ----------------------------------------------------------------

  async #handleNewChannelToggle(): Promise<void> {
    this.creating = !this.creating;
    this.createError = '';
    await this.updateComplete;
    if (this.creating) this.renderRoot.querySelector<HTMLInputElement>('#new-channel-name')?.focus();
  }

  async #handleCreate(e: SubmitEvent, t: OperatorStrings): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#new-channel-name');
    const session = this.session;
    if (!input || !session) return;
    const problem = await session.teamChat.create(input.value);
    if (problem) {
      this.createError = problem === 'offline' ? t.actionOffline : problem;
      input.focus();
      return;
    }
    this.creating = false;
    this.createError = '';
    await this.updateComplete;
    this.composer?.focus();
  }

  async #handleCancelCreate(): Promise<void> {
    this.creating = false;
    this.createError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.add')?.focus();
  }

  async #handleDirect(operatorId: number, t: OperatorStrings): Promise<void> {
    const problem = await this.session?.teamChat.openDirect(operatorId);
    this.directError = problem ? (problem === 'offline' ? t.actionOffline : problem) : '';
    if (problem) return;
    await this.updateComplete;
    this.composer?.focus();
  }

  #handleSubmit(e: Event, channelId: number): void {
    e.preventDefault();
    const textarea = this.composer;
    if (!textarea || !textarea.value.trim()) return;
    this.session?.teamChat.send(channelId, textarea.value);
    textarea.value = '';
    this.#picker.close();
    this.#drafts.delete(channelId);
    this.fileRefused = false;
    this.#stickToBottom = true;
  }

  #handleKeydown(e: KeyboardEvent): void {
    if (this.#picker.keydown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  #handleInput(e: Event, channelId: number): void {
    const textarea = e.target as HTMLTextAreaElement;
    this.#drafts.set(channelId, textarea.value);
    this.#picker.update(textarea);
    this.fileRefused = false;
  }

  /** Teammates who can read the open channel (all of them) or direct chat (the other one). */
  #pickerSources() {
    const session = this.session;
    const channel = session?.teamChat.current != null ? session.teamChat.channel(session.teamChat.current) : undefined;
    const team = session?.team ?? [];
    const readers = team.filter((o) => o.id !== session?.operator?.id && (channel?.kind !== 'direct' || o.id === channel.operatorId));
    const t = operatorStrings(localeOf(this));
    return [mentionSource(readers, team, { listId: 'team-mention-list', label: t.teamChat.teammates, emptyText: t.teamChat.noTeammateMatches })];
  }

  /** Text pastes as usual; a file (with no text beside it) is refused. */
  #handlePaste(e: ClipboardEvent): void {
    const data = e.clipboardData;
    if (!data?.files.length || data.getData('text/plain')) return;
    e.preventDefault();
    this.fileRefused = true;
  }

  #handleDragOver(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    // Accept the drop, so the browser does not open the file instead.
    e.preventDefault();
  }

  #handleDrop(e: DragEvent): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.fileRefused = true;
  }

  #handleScroll(): void {
    const log = this.log;
    if (log) this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  // --- rendering -------------------------------------------------------------------

  #renderChannels(session: OperatorSession, t: OperatorStrings) {
    const team = session.teamChat;
    const channels = team.channels.filter((c) => c.kind === 'channel');
    return html`<section aria-labelledby="tc-channels">
      <div class="side-head">
        <h2 id="tc-channels">${t.teamChat.channels}</h2>
        <button
          type="button"
          class="add"
          aria-label=${t.teamChat.newChannel}
          title=${t.teamChat.newChannel}
          aria-expanded=${this.creating ? 'true' : 'false'}
          aria-controls="new-channel"
          @click=${this.#handleNewChannelToggle}
        >
          ${plusIcon}
        </button>
      </div>
      ${this.creating
        ? html`<form
            id="new-channel"
            class="new-channel"
            @submit=${(e: SubmitEvent) => this.#handleCreate(e, t)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#handleCancelCreate()}
          >
            <label for="new-channel-name">${t.teamChat.channelName}</label>
            <span class="name-field">
              <span aria-hidden="true">#</span>
              <input
                id="new-channel-name"
                autocomplete="off"
                spellcheck="false"
                maxlength="41"
                required
                aria-invalid=${this.createError ? 'true' : 'false'}
                aria-describedby="new-channel-hint new-channel-error"
                @input=${() => (this.createError = '')}
              />
            </span>
            <p id="new-channel-hint" class="field-hint">${t.teamChat.channelNameHint}</p>
            <p id="new-channel-error" class="error" role="alert">${this.createError}</p>
            <div class="form-actions">
              <button type="button" class="secondary" @click=${this.#handleCancelCreate}>${t.cancel}</button>
              <button type="submit" class="primary">${t.teamChat.create}</button>
            </div>
          </form>`
        : nothing}
      <ul aria-labelledby="tc-channels">
        ${channels.map(
          (c) => html`<li>
            <button type="button" class="item channel ${c.unread ? 'unread' : ''}" data-channel=${c.id} aria-current=${team.current === c.id ? 'true' : 'false'} @click=${() => this.openChannel(c.id)}>
              ${hashIcon}<span class="item-main"><span class="item-name">${c.name}</span></span>${this.#renderUnread(c, t)}
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderTeammates(session: OperatorSession, t: OperatorStrings) {
    const mates = session.team.filter((o) => o.id !== session.operator?.id);
    return html`<section aria-labelledby="tc-directs">
      <div class="side-head"><h2 id="tc-directs">${t.teamChat.directs}</h2></div>
      ${this.directError ? html`<p class="error empty-list" role="alert">${this.directError}</p>` : nothing}
      ${mates.length
        ? html`<ul aria-labelledby="tc-directs">${mates.map((o) => this.#renderMate(o, session, t))}</ul>`
        : html`<p class="empty-list">${t.teamChat.noTeammates}</p>`}
    </section>`;
  }

  #renderMate(o: OperatorPresence, session: OperatorSession, t: OperatorStrings) {
    const direct = session.teamChat.directWith(o.id);
    const status = o.connected ? t.statusNames[o.status] : t.panelClosed;
    return html`<li>
      <button
        type="button"
        class="item teammate ${direct?.unread ? 'unread' : ''}"
        data-operator=${o.id}
        aria-current=${direct && session.teamChat.current === direct.id ? 'true' : 'false'}
        @click=${() => this.#handleDirect(o.id, t)}
      >
        <span class="dot s-${o.status} ${o.connected ? '' : 'hollow'}" aria-hidden="true"></span>
        <span class="item-main"><span class="item-name">${o.name}</span><span class="item-sub">${status}</span></span>
        ${direct ? this.#renderUnread(direct, t) : nothing}
      </button>
    </li>`;
  }

  #renderUnread(c: TeamChannel, t: OperatorStrings) {
    return c.unread
      ? html`<span class="badge"><span aria-hidden="true">${c.unread > 99 ? '99+' : c.unread}</span><span class="sr-only">${t.teamChat.unread(c.unread)}</span></span>`
      : nothing;
  }

  #renderPane(session: OperatorSession, t: OperatorStrings) {
    const team = session.teamChat;
    const channel = team.current !== null ? team.channel(team.current) : undefined;
    if (!channel) return html`<section class="pane" part="pane"><p class="pick">${t.teamChat.pick}</p></section>`;
    const where = channel.kind === 'channel' ? `#${channel.name}` : channel.name;
    const thread = team.thread(channel.id);
    const time = new Intl.DateTimeFormat(localeOf(this), { hour: 'numeric', minute: '2-digit' });
    const text = teamTextContext(session, t, (id) => void this.openChannel(id));
    return html`<section class="pane" part="pane" aria-labelledby="tc-title" @dragover=${this.#handleDragOver} @drop=${this.#handleDrop}>
      <div class="pane-head">
        <h2 id="tc-title">${channel.kind === 'channel' ? html`${hashIcon}${channel.name}` : channel.name}</h2>
        <p>${channel.kind === 'channel' ? t.teamChat.channelIntro : t.teamChat.directIntro(channel.name)}</p>
      </div>
      <div class="log" role="log" aria-live="polite" aria-label=${t.teamChat.messagesIn(where)} aria-busy=${thread?.loading ? 'true' : 'false'} tabindex="0" @scroll=${this.#handleScroll}>
        <ol class="messages">
          ${thread?.hasMore
            ? html`<li class="older"><button type="button" class="link" ?disabled=${thread.loading} @click=${() => team.older(channel.id)}>${t.teamChat.older}</button></li>`
            : nothing}
          ${thread?.loading && !thread.messages.length ? html`<li class="notice">${t.teamChat.loading}</li>` : nothing}
          ${thread?.error ? html`<li class="notice error" role="alert">${t.teamChat.loadFailed}</li>` : nothing}
          ${thread && !thread.loading && !thread.error && !thread.messages.length && !team.pendingIn(channel.id).length
            ? html`<li class="notice">${t.teamChat.empty}</li>`
            : nothing}
          ${thread?.messages.map((m) => this.#renderMessage(m, session, time, text))}
          ${team.pendingIn(channel.id).map((p) => this.#renderPending(p, session, t))}
        </ol>
      </div>
      ${this.#renderComposer(channel.id, where, t)}
    </section>`;
  }

  #renderMessage(m: TeamMessage, session: OperatorSession, time: Intl.DateTimeFormat, text: ReturnType<typeof teamTextContext>) {
    const mine = m.authorId === session.operator?.id;
    const me = session.operator?.name;
    const mentionsMe = !mine && !!me && mentionsName(m.text, me);
    return html`<li class="msg ${mine ? 'mine' : ''} ${mentionsMe ? 'mentions-me' : ''}" data-message=${m.id}>
      <span class="avatar" aria-hidden="true">${initials(m.authorName)}</span>
      <span class="meta"><span class="who">${m.authorName}</span> · <time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time></span>
      <span class="text">${renderTeamText(m.text, text)}</span>
    </li>`;
  }

  #renderPending(p: PendingTeamMessage, session: OperatorSession, t: OperatorStrings) {
    const name = session.operator?.name ?? '';
    return html`<li class="msg mine ${p.error ? 'failed' : 'pending'}" data-pending>
      <span class="avatar" aria-hidden="true">${initials(name)}</span>
      <span class="meta">
        <span class="who">${name}</span> ·
        ${p.error
          ? html`<span role="alert">${t.notSent}: ${p.error}</span>
              <button type="button" class="link" @click=${() => this.session?.teamChat.retry(p.clientId)}>${t.retry}</button>
              <button type="button" class="link" @click=${() => this.session?.teamChat.discard(p.clientId)}>${t.discard}</button>`
          : t.sending}
      </span>
      <span class="text">${p.text}</span>
    </li>`;
  }

  /** Text only: there is no attach button, and a pasted or dropped file is refused. */
  #renderComposer(channelId: number, where: string, t: OperatorStrings) {
    const aria = this.#picker.aria;
    return html`<form class="composer" part="composer" @submit=${(e: Event) => this.#handleSubmit(e, channelId)}>
      ${this.#picker.menu()}
      <label class="sr-only" for="team-composer">${t.teamChat.composerLabel(where)}</label>
      <textarea
        id="team-composer"
        rows="2"
        maxlength="4000"
        placeholder=${t.teamChat.composerLabel(where)}
        aria-describedby="team-composer-note"
        role=${aria.role}
        aria-expanded=${aria.expanded}
        aria-controls=${aria.controls}
        aria-activedescendant=${aria.activedescendant}
        .value=${live(this.#drafts.get(channelId) ?? '')}
        @keydown=${this.#handleKeydown}
        @input=${(e: Event) => this.#handleInput(e, channelId)}
        @blur=${() => this.#picker.close()}
        @paste=${this.#handlePaste}
      ></textarea>
      <div class="composer-foot">
        ${this.fileRefused
          ? html`<p id="team-composer-note" class="error file-refused" role="alert">${t.teamChat.noFiles}</p>`
          : html`<p id="team-composer-note" class="hint">${t.teamChat.composerHint}</p>`}
        <button type="submit" class="primary send">${sendIcon}<span>${t.send}</span></button>
      </div>
    </form>`;
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const t = operatorStrings(localeOf(this));
    return html`<nav class="side" part="side" aria-label=${t.teamChat.nav}>${this.#renderChannels(session, t)}${this.#renderTeammates(session, t)}</nav>
      ${this.#renderPane(session, t)}`;
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

export function defineTeamChat(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, TeamChatView);
}

defineTeamChat();

declare global {
  interface HTMLElementTagNameMap {
    'chat-team-chat': TeamChatView;
  }
}
