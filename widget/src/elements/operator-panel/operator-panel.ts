import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { OPERATOR_STATUSES, type OperatorStatus } from '../../../../server/src/protocol/availability-shared.js';
import type { ChatMessage, ConversationSummary, MessageExtras, OperatorPresence, PageView } from '../../../../server/src/protocol/index.js';
import { OperatorSession, type PendingReply, type TransferTarget } from '../../client/operator-session.js';
import { defineEmojiPicker, insertAtCaret } from '../shared/emoji-picker.js';
import { defineAttachButton, fileView } from '../shared/attachments.js';
import { expandTyped } from './canned.js';
import { cannedSource } from './canned-menu.js';
import { ComposerPicker } from './composer-picker.js';
import { mentionSource } from './mention-picker.js';
import { placeName } from './place.js';
import { noticeText } from './notice-text.js';
import './visitor-contact.js';
import './team-chat.js';
import './team-notices.js';
import './team-mentions.js';
import type { ChatTeamOpenEvent } from './team-events.js';
import { renderTeamText, teamTextContext } from './team-text.js';
import { ServerSessionController } from '../../controllers/server-session.js';
import { localeOf } from '../../i18n/index.js';
import { operatorStrings, type OperatorStrings } from '../../i18n/operator.js';
import { styles } from './operator-panel.styles.js';

const logoIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;
const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12 20 4l-6 16-3-7-7-1Z"/></svg>`;
const pageIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8Z"/><path d="M14 3v5h5"/></svg>`;
const inboxIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 13h4l2 3h4l2-3h4"/><path d="M5.5 5h13L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5Z"/></svg>`;
const chevronIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="m6 9 6 6 6-6"/></svg>`;
const checkIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="m5 12 5 5 9-10"/></svg>`;
const lockIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/></svg>`;
const botIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="4" y="8" width="16" height="11" rx="3"/><path d="M12 8V4M9 13h.01M15 13h.01"/></svg>`;
const externalIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/></svg>`;
const blockIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="8"/><path d="m6.5 6.5 11 11"/></svg>`;
const bellIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4Z"/><path d="M10 21h4"/></svg>`;
const signOutIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 16l-4-4 4-4M6 12h10"/></svg>`;

interface Formats {
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

/**
 * The operator's workspace: sign-in, the queue of waiting chats and the active ones, several
 * conversations open at once as tabs, the composer, and the visitor's pages in this visit.
 * It opens its own connection from the `server` attribute; the operator's session token is kept
 * in localStorage, so a reload stays signed in.
 *
 * @csspart panel - the outer frame
 * @csspart header - the top bar with the operator's name and status, connection status and sign out
 * @csspart status - the operator's own status control in the header
 * @csspart team - the team list: each teammate's status, whether their panel is open, and their load
 * @csspart inbox - the left column with the Waiting and Active lists
 * @csspart conversation - the open conversation (tab panel)
 * @csspart transcript - the message list
 * @csspart composer - the reply form
 * @csspart visitor - the right column with the visitor's details and pages
 * @csspart login - the sign-in form
 * @cssprop --chat-accent - brand colour (own messages, primary buttons, selection)
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background of panels
 * @cssprop --chat-canvas - background behind panels
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - secondary text colour
 * @cssprop --chat-border - border colour
 * @cssprop --chat-font - font family
 * @cssprop --chat-panel-height - height of the panel (default: 100% of its container)
 */
export class OperatorPanel extends LitElement {
  static override styles = styles;

  #session = new ServerSessionController(this, { server: () => this.server, open: (server) => new OperatorSession({ server }) });
  /** The reply box's pickers: ":" canned responses and "@" teammates. */
  #picker = new ComposerPicker(this, {
    sources: () => this.#composerSources(),
    textarea: () => this.composer,
    apply: (textarea, value, caret) => {
      const id = this.#session.session?.focused;
      if (id !== null && id !== undefined) this.#setComposer(textarea, value, caret, id);
    },
  });

  /** WebSocket URL of the chat server, e.g. wss://chat.example.com/trpc. */
  @property() server = '';
  @property() override lang = '';

  /** The conversation whose End chat confirmation is showing. */
  @state() private confirmingEnd: number | null = null;
  /** The conversation whose Block visitor confirmation is showing. */
  @state() private confirmingBlock: number | null = null;
  /** The status menu in the header is open. */
  @state() private statusOpen = false;
  /** Tags added in the End chat dialog. */
  @state() private endTags: string[] = [];
  /** The conversation whose Transfer menu is open, and whether it transfers or invites. */
  @state() private transferOpen: number | null = null;
  @state() private transferMode: 'transfer' | 'invite' = 'transfer';
  /** The centre shows the open chats, or the visitors on the site now. */
  @state() private view: 'chats' | 'visitors' | 'team' = 'chats';
  /** The visitor whose "Start chat" form is open, and why starting failed. */
  @state() private starting: number | null = null;
  @state() private startError = '';
  /** The incoming-requests list in the header is open. */
  @state() private requestsOpen = false;

  @query('.log') private log?: HTMLDivElement;
  @query('#reply') private composer?: HTMLTextAreaElement;
  @query('#email') private emailInput?: HTMLInputElement;
  @query('#password') private passwordInput?: HTMLInputElement;

  /** Unsent text per conversation, so switching tabs keeps what the operator was writing. */
  #drafts = new Map<number, string>();
  /** Conversations whose composer writes internal notes rather than replies. */
  @state() private notes = new Set<number>();
  #stickToBottom = true;
  #shownConversation: number | null = null;
  /** Re-renders the visitor list each minute, for "time on site". */
  #clock?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => this.view === 'visitors' && this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const focused = this.#session.session?.focused ?? null;
    if (focused !== this.#shownConversation) {
      this.#shownConversation = focused;
      this.#stickToBottom = true;
    }
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** The session, for hosts that want to read its state (e.g. to show a count in the page title). */
  get session(): OperatorSession | undefined {
    return this.#session.session;
  }

  // --- handlers ------------------------------------------------------------------

  async #handleLogin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const session = this.#session.session;
    if (!session || !this.emailInput || !this.passwordInput) return;
    const ok = await session.login(this.emailInput.value, this.passwordInput.value);
    if (!ok) {
      await this.updateComplete;
      this.passwordInput?.select();
      this.passwordInput?.focus();
    }
  }

  async #handleSignOut(): Promise<void> {
    this.#drafts.clear();
    this.confirmingEnd = null;
    this.confirmingBlock = null;
    this.statusOpen = false;
    await this.#session.session?.logout();
    await this.updateComplete;
    this.emailInput?.focus();
  }

  async #handleStatusToggle(): Promise<void> {
    this.statusOpen = !this.statusOpen;
    if (!this.statusOpen) return;
    await this.updateComplete;
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('.status-option')];
    (options.find((o) => o.getAttribute('aria-pressed') === 'true') ?? options[0])?.focus();
  }

  async #handleSetStatus(status: OperatorStatus): Promise<void> {
    const session = this.#session.session;
    if (!session || session.statusBusy) return;
    const ok = await session.setStatus(status);
    if (!ok || !this.statusOpen) return;
    this.statusOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.status-btn')?.focus();
  }

  async #handleStatusKeydown(e: KeyboardEvent): Promise<void> {
    if (!this.statusOpen) return;
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.statusOpen = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.status-btn')?.focus();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('.status-option')];
    const i = options.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    if (i === -1) return;
    e.preventDefault();
    options[(i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length]?.focus();
  }

  /** The menu closes when focus leaves it (a click elsewhere, Tab past the last option). */
  #handleStatusFocusout(e: FocusEvent): void {
    const control = this.renderRoot.querySelector('.status-control');
    if (this.statusOpen && !control?.contains(e.relatedTarget as Node | null)) this.statusOpen = false;
  }

  async #handleOpen(id: number): Promise<void> {
    const session = this.#session.session;
    if (!session) return;
    this.view = 'chats';
    this.requestsOpen = false;
    session.open(id);
    this.confirmingEnd = null;
    this.confirmingBlock = null;
    await this.updateComplete;
    this.#focusPrimary(id);
  }

  #handleTabKeydown(e: KeyboardEvent): void {
    const session = this.#session.session;
    if (!session || session.focused === null) return;
    const tabs = session.tabs;
    const i = tabs.indexOf(session.focused);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
    else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (e.key === 'Home') next = tabs[0];
    else if (e.key === 'End') next = tabs.at(-1);
    else if (e.key === 'Delete') {
      e.preventDefault();
      void this.#handleCloseTab(session.focused);
      return;
    } else return;
    e.preventDefault();
    if (next === undefined) return;
    this.#selectTab(next, true);
  }

  async #selectTab(id: number, moveFocus = false): Promise<void> {
    this.#session.session?.focus(id);
    this.confirmingEnd = null;
    this.confirmingBlock = null;
    if (!moveFocus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${id}`)?.focus();
  }

  async #handleCloseTab(id: number): Promise<void> {
    const session = this.#session.session;
    if (!session) return;
    session.closeTab(id);
    this.#drafts.delete(id);
    if (this.confirmingEnd === id) this.confirmingEnd = null;
    if (this.confirmingBlock === id) this.confirmingBlock = null;
    await this.updateComplete;
    const target =
      session.focused !== null
        ? this.renderRoot.querySelector<HTMLElement>(`#tab-${session.focused}`)
        : this.renderRoot.querySelector<HTMLElement>('.row');
    target?.focus();
  }

  async #handleAccept(id: number): Promise<void> {
    const ok = await this.#session.session?.accept(id);
    await this.updateComplete;
    if (ok) this.composer?.focus();
  }

  async #handleEndRequest(id: number): Promise<void> {
    this.confirmingBlock = null;
    this.transferOpen = null;
    this.endTags = [];
    this.confirmingEnd = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm .tag-entry')?.focus();
  }

  /** Enter or a comma turns what was typed into a tag; Backspace in an empty field removes the last one. */
  #handleTagKeydown(e: KeyboardEvent): void {
    const input = e.target as HTMLInputElement;
    if ((e.key === 'Enter' || e.key === ',') && !e.isComposing) {
      e.preventDefault();
      this.#addTag(input);
    } else if (e.key === 'Backspace' && !input.value && this.endTags.length) {
      this.endTags = this.endTags.slice(0, -1);
    }
  }

  #addTag(input: HTMLInputElement): void {
    const tag = input.value.replace(/,/g, ' ').trim();
    input.value = '';
    if (tag && !this.endTags.some((t) => t.toLowerCase() === tag.toLowerCase())) this.endTags = [...this.endTags, tag];
  }

  async #handleEndCancel(): Promise<void> {
    this.confirmingEnd = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.end')?.focus();
  }

  async #handleEndConfirm(id: number): Promise<void> {
    const session = this.#session.session;
    if (!session) return;
    const entry = this.renderRoot.querySelector<HTMLInputElement>('.tag-entry');
    if (entry?.value.trim()) this.#addTag(entry);
    const ok = await session.end(id, this.endTags);
    if (ok) this.confirmingEnd = null;
    await this.updateComplete;
    if (ok) this.renderRoot.querySelector<HTMLElement>('.close-tab')?.focus();
  }

  #handleConfirmKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      void (this.confirmingBlock !== null ? this.#handleBlockCancel() : this.#handleEndCancel());
    }
  }

  async #handleBlockRequest(id: number): Promise<void> {
    this.confirmingEnd = null;
    this.confirmingBlock = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm .cancel')?.focus();
  }

  async #handleBlockCancel(): Promise<void> {
    this.confirmingBlock = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.block')?.focus();
  }

  async #handleBlockConfirm(id: number): Promise<void> {
    const session = this.#session.session;
    if (!session) return;
    const ok = await session.setBlocked(id, true);
    if (ok) this.confirmingBlock = null;
    await this.updateComplete;
    if (ok) this.renderRoot.querySelector<HTMLElement>('.unblock')?.focus();
  }

  async #handleUnblock(id: number): Promise<void> {
    const ok = await this.#session.session?.setBlocked(id, false);
    await this.updateComplete;
    if (ok) this.renderRoot.querySelector<HTMLElement>('.block')?.focus();
  }

  #handleSubmit(e: Event, id: number): void {
    e.preventDefault();
    const textarea = this.composer;
    const session = this.#session.session;
    const note = this.notes.has(id);
    if (!textarea || !session || !(note || session.canReply(id))) return;
    const text = textarea.value;
    if (!text.trim()) return;
    session.send(id, text, undefined, note);
    this.#drafts.delete(id);
    this.#picker.close();
    textarea.value = '';
    this.#stickToBottom = true;
    this.requestUpdate();
  }

  #setNoteMode(id: number, note: boolean): void {
    const next = new Set(this.notes);
    if (note) next.add(id);
    else next.delete(id);
    this.notes = next;
    void this.updateComplete.then(() => this.composer?.focus());
  }

  #handleComposerKeydown(e: KeyboardEvent, id: number): void {
    const textarea = e.target as HTMLTextAreaElement;
    if (e.isComposing || this.#picker.keydown(e)) return;
    // A complete ":shortcut" followed by a space or Enter becomes its text.
    if ((e.key === ' ' || (e.key === 'Enter' && !e.shiftKey)) && this.#expandShortcut(textarea, id)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      textarea.form?.requestSubmit();
    }
  }

  /** The reply box's pickers: ":" canned responses, and "@" teammates (all of them may read a visitor's chat). */
  #composerSources() {
    const session = this.#session.session;
    const t = operatorStrings(localeOf(this));
    const team = session?.team ?? [];
    return [
      cannedSource(session?.canned ?? [], { listId: 'canned-list', label: t.cannedLabel, emptyText: t.cannedNone }),
      mentionSource(
        team.filter((o) => o.id !== session?.operator?.id),
        team,
        { listId: 'mention-list', label: t.teamChat.teammates, emptyText: t.teamChat.noTeammateMatches },
      ),
    ];
  }

  #expandShortcut(textarea: HTMLTextAreaElement, id: number): boolean {
    const expanded = expandTyped(textarea.value, textarea.selectionStart, this.#session.session?.canned ?? []);
    if (!expanded) return false;
    this.#setComposer(textarea, expanded.value, expanded.caret, id);
    return true;
  }

  #setComposer(textarea: HTMLTextAreaElement, value: string, caret: number, id: number): void {
    textarea.value = value;
    textarea.setSelectionRange(caret, caret);
    this.#drafts.set(id, value);
    this.#picker.close();
  }

  #handleEmoji(e: CustomEvent<{ emoji: string }>, id: number): void {
    const textarea = this.composer;
    if (!textarea || textarea.disabled) return;
    const next = insertAtCaret(textarea.value, textarea.selectionStart, textarea.selectionEnd, e.detail.emoji);
    this.#setComposer(textarea, next.value, next.caret, id);
    textarea.focus();
  }

  #handleInput(e: Event, id: number): void {
    const textarea = e.target as HTMLTextAreaElement;
    this.#drafts.set(id, textarea.value);
    this.#picker.update(textarea);
    this.#session.session?.noteTyping(id);
  }

  // --- transfers, leaving, continuing --------------------------------------------------

  async #handleTransferToggle(id: number): Promise<void> {
    this.confirmingEnd = null;
    this.confirmingBlock = null;
    this.transferOpen = this.transferOpen === id ? null : id;
    if (this.transferOpen === null) return;
    // Each opening starts from "Transfer and leave".
    this.transferMode = 'transfer';
    void this.#session.session?.refreshLists();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.transfer-pop input:checked')?.focus();
  }

  async #handleTransfer(id: number, to: TransferTarget): Promise<void> {
    const session = this.#session.session;
    if (!session) return;
    const ok = await session.transfer(id, to, this.transferMode);
    if (ok) this.transferOpen = null;
  }

  async #handleLeave(id: number): Promise<void> {
    await this.#session.session?.leave(id);
  }

  async #handleContinue(id: number): Promise<void> {
    const ok = await this.#session.session?.reopen(id);
    await this.updateComplete;
    if (ok) this.composer?.focus();
  }

  #handlePopKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.transferOpen = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.transfer-btn')?.focus());
  }

  #handleScroll(): void {
    const log = this.log;
    if (log) this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  /** After opening a conversation: the next thing to do there (accept, or write). */
  #focusPrimary(id: number): void {
    const session = this.#session.session;
    const target =
      session?.conversations.get(id)?.status === 'waiting'
        ? this.renderRoot.querySelector<HTMLElement>('.accept')
        : session?.canReply(id)
          ? this.composer
          : this.renderRoot.querySelector<HTMLElement>(`#tab-${id}`);
    target?.focus();
  }

  // --- rendering -------------------------------------------------------------------

  #renderLogin(session: OperatorSession | undefined, t: OperatorStrings) {
    const error =
      session?.loginError === 'credentials'
        ? t.wrongCredentials
        : session?.loginError === 'offline'
          ? t.loginOffline
          : session?.loginError === 'expired'
            ? t.sessionExpired
            : session?.loginError
              ? t.loginFailed
              : '';
    const status = session?.status ?? 'connecting';
    return html`<div class="login-screen">
      <form class="login" part="login" aria-labelledby="login-title" aria-describedby="login-intro" @submit=${this.#handleLogin}>
        <div class="brand-mark">${logoIcon}</div>
        <h1 id="login-title">${t.signInTitle}</h1>
        <p id="login-intro" class="muted">${t.signInIntro}</p>
        <div class="field">
          <label for="email">${t.email}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            maxlength="254"
            aria-invalid=${session?.loginError === 'credentials' ? 'true' : 'false'}
            aria-describedby="login-error"
          />
        </div>
        <div class="field">
          <label for="password">${t.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength="200"
            aria-invalid=${session?.loginError === 'credentials' ? 'true' : 'false'}
            aria-describedby="login-error"
          />
        </div>
        <p id="login-error" class="form-error" role="alert">${error}</p>
        <button type="submit" class="primary wide" ?disabled=${!session || session.signingIn}>
          ${session?.signingIn ? t.signingIn : t.signIn}
        </button>
        ${status !== 'online'
          ? html`<p class="conn-note" role="status"><span class="dot pulse"></span>${status === 'reconnecting' ? t.reconnecting : t.connecting}</p>`
          : nothing}
      </form>
    </div>`;
  }

  #renderHeader(session: OperatorSession, t: OperatorStrings) {
    const status = session.status;
    const statusText = status === 'online' ? t.connected : status === 'reconnecting' ? t.reconnecting : t.connecting;
    const name = session.operator?.name ?? '';
    return html`<header class="topbar" part="header">
      <div class="brand">
        <span class="brand-mark small">${logoIcon}</span>
        <span class="brand-name">${t.product}</span>
        <span class="brand-sub">${t.workspace}</span>
      </div>
      <nav class="views" aria-label=${t.views}>
        <button type="button" class="view-btn" aria-current=${this.view === 'chats' ? 'page' : 'false'} @click=${() => (this.view = 'chats')}>${t.chats}</button>
        <button type="button" class="view-btn" data-view="visitors" aria-current=${this.view === 'visitors' ? 'page' : 'false'} @click=${() => (this.view = 'visitors')}>
          ${t.visitorsOnSite} <span class="count">${session.visitors.size}</span>
        </button>
        ${this.#renderTeamViewButton(session, t)}
      </nav>
      ${this.#renderRequests(session, t)}
      <chat-team-mentions .session=${session} lang=${localeOf(this)} @chat-team-open=${this.#handleTeamOpen}></chat-team-mentions>
      <p class="conn ${status}" role="status"><span class="dot ${status === 'online' ? '' : 'pulse'}"></span>${statusText}</p>
      ${this.#renderStatus(session, name, t)}
      <button type="button" class="ghost signout" @click=${this.#handleSignOut}>${signOutIcon}<span>${t.signOut}</span></button>
    </header>
    ${status === 'reconnecting' ? html`<div class="banner" part="banner">${t.reconnectingHint}</div>` : nothing}
    ${this.#renderStatusBanner(session, t)}`;
  }

  /**
   * The operator's own status: the effective one the team sees (a scheduled meal shows as
   * "Meal (scheduled)"), and a menu to choose another.
   */
  #renderStatus(session: OperatorSession, name: string, t: OperatorStrings) {
    const { effective, chosen, scheduledMeal } = statusOf(session);
    const label = scheduledMeal ? t.mealScheduled : t.statusNames[effective];
    const open = this.statusOpen;
    return html`<div class="status-control" part="status" @keydown=${this.#handleStatusKeydown} @focusout=${this.#handleStatusFocusout}>
      <button
        type="button"
        class="me status-btn"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="status-menu"
        title=${t.changeStatus}
        @click=${this.#handleStatusToggle}
      >
        <span class="avatar me-avatar" aria-hidden="true">${initials(name)}<span class="status-dot s-${effective}"></span></span>
        <span class="me-text" aria-hidden="true">
          <span class="me-name">${name}</span>
          <span class="me-status s-${effective}">${label}</span>
        </span>
        <span class="sr-only">${t.signedInAs(name)}. ${t.myStatus}: ${label}.</span>
        ${chevronIcon}
      </button>
      ${open
        ? html`<div id="status-menu" class="status-pop" role="group" aria-labelledby="status-title" tabindex="-1">
            <p id="status-title" class="pop-title">${t.myStatus}</p>
            <ul class="status-options">
              ${OPERATOR_STATUSES.map(
                (s) => html`<li>
                  <button
                    type="button"
                    class="status-option"
                    data-status=${s}
                    aria-pressed=${chosen === s ? 'true' : 'false'}
                    aria-describedby="status-hint-${s}"
                    @click=${() => this.#handleSetStatus(s)}
                  >
                    <span class="status-dot s-${s}" aria-hidden="true"></span>
                    <span class="option-text">
                      <span class="option-name">${t.statusNames[s]}</span>
                      <span class="option-hint" id="status-hint-${s}">${t.statusHints[s]}</span>
                    </span>
                    <span class="option-check">${chosen === s ? checkIcon : nothing}</span>
                  </button>
                </li>`,
              )}
            </ul>
            ${scheduledMeal ? html`<p class="pop-note">${t.mealScheduledHint}</p>` : nothing}
            ${session.statusError ? html`<p class="pop-error" role="alert">${t.statusFailed}</p>` : nothing}
          </div>`
        : nothing}
    </div>`;
  }

  /**
   * The incoming-request indicator: how many visitors wait, and a list to serve one (accept it) or
   * view it without joining.
   */
  #renderRequests(session: OperatorSession, t: OperatorStrings) {
    const waiting = session.waiting;
    return html`<div class="requests" @focusout=${(e: FocusEvent) => {
      if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) this.requestsOpen = false;
    }} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.requestsOpen = false)}>
      <button
        type="button"
        class="requests-btn ${waiting.length ? 'hot' : ''}"
        aria-expanded=${this.requestsOpen ? 'true' : 'false'}
        aria-controls="requests-list"
        @click=${() => (this.requestsOpen = !this.requestsOpen)}
      >
        ${bellIcon}<span>${t.requests(waiting.length)}</span>
      </button>
      ${this.requestsOpen
        ? html`<div id="requests-list" class="requests-pop" role="group" aria-label=${t.incomingRequests}>
            <p class="pop-title">${t.incomingRequests}</p>
            ${waiting.length
              ? html`<ul class="request-list">
                  ${waiting.map(
                    (c) => html`<li class="request" data-conversation=${c.id}>
                      <span class="request-main">
                        <span class="request-name">${c.visitor.displayName}</span>
                        <span class="request-preview">${c.lastMessage ? this.#preview(c.lastMessage, session, t) : t.noMessages}</span>
                      </span>
                      <button type="button" class="secondary view-request" @click=${() => this.#handleOpen(c.id)}>${t.viewRequest}</button>
                      <button type="button" class="primary serve" ?disabled=${session.busy(c.id, 'accept')} @click=${() => this.#handleServe(c.id)}>${t.serve}</button>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="muted small empty-requests">${t.noWaiting}</p>`}
          </div>`
        : nothing}
    </div>`;
  }

  async #handleServe(id: number): Promise<void> {
    await this.#handleOpen(id);
    await this.#handleAccept(id);
  }

  /** Visitors on the site now, live: who, where from, which page, how long, and their chat. */
  #renderVisitors(session: OperatorSession, t: OperatorStrings) {
    const rows = [...session.visitors.values()].sort((a, b) => (b.currentPage?.at ?? 0) - (a.currentPage?.at ?? 0) || b.id - a.id);
    const chats = new Map([...session.conversations.values()].filter((c) => c.status !== 'ended').map((c) => [c.visitor.id, c]));
    const now = Date.now();
    const locale = localeOf(this);
    return html`<section class="visitors-view" aria-labelledby="h-visitors">
      <h2 id="h-visitors">${t.visitorsOnSite} <span class="count">${rows.length}</span></h2>
      ${rows.length
        ? html`<table class="visitor-table">
            <thead>
              <tr>
                <th scope="col">${t.visitorCol}</th>
                <th scope="col">${t.locationCol}</th>
                <th scope="col">${t.currentPage}</th>
                <th scope="col">${t.pagesCol}</th>
                <th scope="col">${t.timeOnSite}</th>
                <th scope="col">${t.chatCol}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((v) => {
                const chat = chats.get(v.id);
                const state = !chat ? 'browsing' : chat.status === 'waiting' ? 'waiting' : 'chatting';
                const minutes = v.visitStartedAt ? Math.max(0, Math.floor((now - v.visitStartedAt) / 60_000)) : 0;
                const browser = [v.timeZone.replace(/_/g, ' '), v.language].filter(Boolean).join(' · ');
                const place = placeName(v.location, locale);
                return html`<tr data-visitor=${v.id}>
                  <th scope="row"><span class="visitor-name">${v.displayName}</span>${v.email ? html`<span class="muted small">${v.email}</span>` : nothing}</th>
                  <td class="location-cell">
                    ${place ? html`<span class="place">${place}</span>${browser ? html`<span class="muted small">${browser}</span>` : nothing}` : browser || '—'}
                  </td>
                  <td class="page-cell">
                    ${v.currentPage
                      ? html`<span class="page-title">${v.currentPage.title || t.untitled}</span><span class="page-url" title=${v.currentPage.url}>${v.currentPage.url}</span>`
                      : '—'}
                  </td>
                  <td>${v.pagesThisVisit}</td>
                  <td>${t.minutes(minutes)}</td>
                  <td class="chat-cell">
                    ${chat
                      ? html`<button type="button" class="link chat-state ${state}" @click=${() => this.#handleOpen(chat.id)}>
                          ${state === 'waiting' ? t.stateWaiting : chat.operatorName ? t.servedBy(chat.operatorName) : t.stateChatting}
                        </button>`
                      : this.starting === v.id
                        ? this.#renderStartChat(session, v.id, v.displayName, t)
                        : html`<span class="chat-state browsing">${t.stateBrowsing}</span>
                            <button type="button" class="secondary start-chat" aria-label=${t.startChatWith(v.displayName)} @click=${() => this.#openStart(v.id)}>
                              ${t.startChat}
                            </button>`}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : html`<p class="empty-list">${t.noVisitorsOnSite}</p>`}
    </section>`;
  }

  async #openStart(visitorId: number): Promise<void> {
    this.starting = visitorId;
    this.startError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('.start-form textarea')?.focus();
  }

  #renderStartChat(session: OperatorSession, visitorId: number, name: string, t: OperatorStrings) {
    const submit = async (e: Event) => {
      e.preventDefault();
      const text = (e.currentTarget as HTMLFormElement).querySelector('textarea')!.value;
      if (!text.trim()) return;
      const problem = await session.startChat(visitorId, text);
      if (problem) this.startError = problem === 'offline' ? t.actionOffline : problem;
      else {
        this.starting = null;
        this.view = 'chats';
      }
    };
    return html`<form class="start-form" @submit=${submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.starting = null)}>
      <label class="sr-only" for="start-text">${t.startChatWith(name)}</label>
      <textarea id="start-text" rows="2" maxlength="4000" placeholder=${t.startChatPlaceholder}></textarea>
      ${this.startError ? html`<p class="form-error" role="alert">${this.startError}</p>` : nothing}
      <div class="start-actions">
        <button type="button" class="secondary" @click=${() => (this.starting = null)}>${t.cancel}</button>
        <button type="submit" class="primary">${t.send}</button>
      </div>
    </form>`;
  }

  /** Under the header while the operator is not taking chats, with a way back online. */
  #renderStatusBanner(session: OperatorSession, t: OperatorStrings) {
    const { effective, scheduledMeal } = statusOf(session);
    if (effective === 'online') return nothing;
    return html`<div class="banner status-banner s-${effective}" part="banner">
      <span class="status-dot s-${effective}" aria-hidden="true"></span>
      <p>${scheduledMeal ? t.mealScheduledHint : t.statusBanner[effective]}</p>
      ${scheduledMeal
        ? nothing
        : html`<button type="button" class="secondary go-online" ?disabled=${session.statusBusy} @click=${() => this.#handleSetStatus('online')}>
            ${t.goOnline}
          </button>`}
    </div>`;
  }

  /** The team: each operator's status, whether their panel is open, and how many chats they hold. */
  #renderTeam(session: OperatorSession, t: OperatorStrings) {
    const team = session.team;
    const online = team.filter((o) => o.connected && o.status === 'online').length;
    return html`<section class="team" part="team" aria-labelledby="h-team">
      <h2 id="h-team">
        <span>${t.team}</span>
        ${team.length ? html`<span class="team-online">${t.teamOnline(online, team.length)}</span>` : nothing}
      </h2>
      ${team.length
        ? html`<ul class="mates">${team.map((o) => this.#renderMate(o, session, t))}</ul>`
        : html`<p class="empty-list">${t.noTeam}</p>`}
    </section>`;
  }

  #renderMate(o: OperatorPresence, session: OperatorSession, t: OperatorStrings) {
    const me = o.id === session.operator?.id;
    const { scheduledMeal } = me ? statusOf(session) : { scheduledMeal: false };
    const full = o.openChats >= o.capacity;
    return html`<li class="mate ${o.connected ? 'connected' : 'away'}" data-operator=${o.id}>
      <span class="status-dot s-${o.status} ${o.connected ? '' : 'hollow'}" aria-hidden="true"></span>
      <span class="mate-main">
        <span class="mate-name">${o.name}${me ? html` <span class="you">${t.youSuffix}</span>` : nothing}</span>
        <span class="mate-sub">
          <span class="mate-status s-${o.status}">${me && scheduledMeal ? t.mealScheduled : t.statusNames[o.status]}</span>
          <span aria-hidden="true">·</span>
          <span class="mate-panel">${o.connected ? t.panelOpen : t.panelClosed}</span>
        </span>
      </span>
      <span class="mate-load ${full ? 'full' : ''}">
        <span aria-hidden="true">${o.openChats} / ${o.capacity}</span><span class="sr-only">${t.load(o.openChats, o.capacity)}</span>
      </span>
    </li>`;
  }

  /** Why a waiting chat is not distributed, its category, and a blocked visitor. */
  #renderBadges(c: ConversationSummary, t: OperatorStrings) {
    const hold = c.status === 'waiting' ? c.hold : null;
    if (!hold && !c.category && !c.visitor.blocked) return nothing;
    return html`${hold
      ? html`<span class="badge hold hold-${hold}" data-hold=${hold}><span class="sr-only">${t.onHold}: </span>${t.holds[hold]}</span>`
      : nothing}${c.category
      ? html`<span class="badge category"><span class="sr-only">${t.category}: </span>${categoryText(c.category)}</span>`
      : nothing}${c.visitor.blocked ? html`<span class="badge blocked">${blockIcon}${t.blocked}</span>` : nothing}`;
  }

  #renderRow(c: ConversationSummary, session: OperatorSession, t: OperatorStrings, f: Formats) {
    const unread = session.unread(c.id);
    const last = c.lastMessage;
    const when = last?.createdAt ?? c.updatedAt;
    return html`<li>
      <button
        type="button"
        class="row ${unread ? 'has-unread' : ''}"
        data-conversation=${c.id}
        aria-current=${session.focused === c.id ? 'true' : 'false'}
        @click=${() => this.#handleOpen(c.id)}
      >
        ${this.#renderAvatar(c, t)}
        <span class="row-main">
          <span class="row-top">
            <span class="row-name">${c.visitor.displayName}</span>
            <time class="row-time" datetime=${new Date(when).toISOString()}>${formatWhen(when, f)}</time>
          </span>
          <span class="row-bottom">
            <span class="preview">${last ? this.#preview(last, session, t) : t.noMessages}</span>
            ${unread
              ? html`<span class="unread-badge"><span aria-hidden="true">${unread}</span><span class="sr-only">${t.unread(unread)}</span></span>`
              : nothing}
          </span>
          ${session.endedByVisitor(c.id) ? html`<span class="row-badges"><span class="badge ended-badge">${t.endedByVisitorBadge}</span></span>` : nothing}
          ${(c.status === 'waiting' && c.hold) || c.category || c.visitor.blocked
            ? html`<span class="row-badges">${this.#renderBadges(c, t)}</span>`
            : nothing}
        </span>
      </button>
    </li>`;
  }

  #renderAvatar(c: ConversationSummary, t: OperatorStrings, big = false) {
    const online = c.visitor.online;
    return html`<span class="avatar tone-${c.visitor.id % 8} ${big ? 'big' : ''}">
      <span aria-hidden="true">${initials(c.visitor.displayName)}</span>
      <span class="presence ${online ? 'online' : 'offline'}"></span>
      <span class="sr-only">${online ? t.visitorOnline : t.visitorOffline}</span>
    </span>`;
  }

  #preview(m: ChatMessage, session: OperatorSession, t: OperatorStrings): string {
    if (m.kind === 'event') return noticeText(t, m);
    const text = `${m.internal && !m.extras?.command ? `${t.note}: ` : ''}${m.text || (m.extras?.file ? `📎 ${m.extras.file.name}` : '')}`;
    if (m.author === 'operator') return `${m.authorName === session.operator?.name ? t.you : m.authorName}: ${text}`;
    return text;
  }

  #renderInbox(session: OperatorSession, t: OperatorStrings, f: Formats) {
    const waiting = session.waiting;
    const active = session.active;
    return html`<nav class="inbox" part="inbox" aria-label=${t.conversations}>
      <section class="group" aria-labelledby="h-waiting">
        <h2 id="h-waiting">
          <span>${t.waiting}</span>
          <span class="count ${waiting.length ? 'hot' : ''}"><span aria-hidden="true">${waiting.length}</span><span class="sr-only">${t.inQueue(waiting.length)}</span></span>
        </h2>
        ${waiting.length
          ? html`<ul class="rows">${waiting.map((c) => this.#renderRow(c, session, t, f))}</ul>`
          : html`<p class="empty-list">${t.noWaiting}</p>`}
      </section>
      <section class="group" aria-labelledby="h-active">
        <h2 id="h-active">
          <span>${t.active}</span>
          <span class="count"><span aria-hidden="true">${active.length}</span><span class="sr-only">${t.activeCount(active.length)}</span></span>
        </h2>
        ${active.length
          ? html`<ul class="rows">${active.map((c) => this.#renderRow(c, session, t, f))}</ul>`
          : html`<p class="empty-list">${t.noActive}</p>`}
      </section>
    </nav>`;
  }

  #renderTabs(session: OperatorSession, t: OperatorStrings) {
    return html`<div class="tabs" role="tablist" aria-label=${t.tabs} @keydown=${this.#handleTabKeydown}>
      ${session.tabs.map((id) => {
        const c = session.conversations.get(id);
        const selected = session.focused === id;
        const unread = session.unread(id);
        return html`<button
          type="button"
          role="tab"
          id="tab-${id}"
          class="tab ${c?.status ?? ''}"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls=${selected ? `panel-${id}` : nothing}
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.#selectTab(id)}
        >
          <span class="presence ${c?.visitor.online ? 'online' : 'offline'}" aria-hidden="true"></span>
          <span class="tab-name">${c?.visitor.displayName ?? `#${id}`}</span>
          ${unread
            ? html`<span class="unread-badge"><span aria-hidden="true">${unread}</span><span class="sr-only">${t.unread(unread)}</span></span>`
            : nothing}
        </button>`;
      })}
    </div>`;
  }

  #renderMessage(m: ChatMessage, session: OperatorSession, t: OperatorStrings, f: Formats) {
    const at = html`<time datetime=${new Date(m.createdAt).toISOString()}>${f.time.format(m.createdAt)}</time>`;
    if (m.kind === 'event') {
      return html`<li class="notice" data-event=${m.event ?? ''}><span>${noticeText(t, m)} · ${at}</span></li>`;
    }
    // Lines the account sent by itself (automatic messages, a proactive message and its follow-up)
    // sit on the team's side, styled apart from what a person wrote.
    if (m.author === 'system' || m.internal) return this.#renderSystemMessage(m, session, t, at);
    const mine = m.author === 'operator';
    const me = mine && m.authorName === session.operator?.name;
    return html`<li class="msg ${mine ? 'mine' : 'theirs'}" data-author=${m.author}>
      <span class="meta"><span class="who">${m.authorName}</span> · ${at}</span>
      ${m.text ? html`<span class="bubble ${me ? '' : mine ? 'colleague' : ''}">${this.#teamText(m.text, session, t)}</span>` : nothing}
      ${this.#renderExtras(m.extras, t)}
    </li>`;
  }

  #renderSystemMessage(m: ChatMessage, session: OperatorSession, t: OperatorStrings, at: unknown) {
    const kind = m.automatic;
    return html`<li class="msg system ${m.internal ? 'internal' : ''}" data-author=${m.author} data-automatic=${kind ?? nothing}>
      <span class="meta">
        <span class="who">${m.authorName}</span> ·
        ${kind
          ? html`<span class="auto-badge">${botIcon}<span>${t.automaticBadge} · <span class="auto-kind">${t.automaticKinds[kind]}</span></span></span> ·`
          : m.author === 'system'
            ? html`<span class="auto">${t.automatic}</span> ·`
            : nothing}
        ${at}
      </span>
      <span class="bubble">${m.author === 'operator' ? this.#teamText(m.text, session, t) : m.text}</span>
      ${this.#renderExtras(m.extras, t)}
      ${m.internal ? html`<span class="internal-note">${lockIcon}${t.internalNote}</span>` : nothing}
    </li>`;
  }

  /** An image and link buttons under a message. Only chat-server files and http(s) links are shown. */
  #renderExtras(extras: MessageExtras | null, t: OperatorStrings) {
    if (!extras) return nothing;
    const session = this.#session.session;
    const image = extras.image ? session?.fileUrl(extras.image) : null;
    const buttons = (extras.buttons ?? []).flatMap((b) => {
      const url = session?.linkUrl(b.url);
      return url ? [{ label: b.label, url }] : [];
    });
    const pages = extras.pages ?? [];
    const file = extras.file;
    if (!image && !buttons.length && !pages.length && !file) return nothing;
    const time = new Intl.DateTimeFormat(localeOf(this), { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    return html`<span class="extras">
      ${pages.length
        ? html`<ol class="history-pages" aria-label=${t.pagesViewed}>
            ${pages.map(
              (p) => html`<li>
                <time datetime=${new Date(p.at).toISOString()}>${time.format(p.at)}</time>
                <span class="page-text"><span class="page-title">${p.title || t.untitled}</span><span class="page-url" title=${p.url}>${p.url}</span></span>
              </li>`,
            )}
          </ol>`
        : nothing}
      ${image ? html`<img class="extra-image" src=${image} alt=${t.attachedImage} loading="lazy" />` : nothing}
      ${file ? fileView(file, session?.fileUrl(file.url) ?? undefined, t.openFile(file.name), localeOf(this), () => this.#keepAtBottom()) : nothing}
      ${buttons.length
        ? html`<span class="link-buttons">
            ${buttons.map(
              (b) => html`<a class="link-button" href=${b.url} target="_blank" rel="noopener noreferrer"
                >${b.label}${externalIcon}<span class="sr-only"> ${t.opensInNewTab}</span></a
              >`,
            )}
          </span>`
        : nothing}
    </span>`;
  }

  /** An image makes its message taller once loaded: stay at the bottom if the operator was there. */
  #keepAtBottom(): void {
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  #renderPending(p: PendingReply, session: OperatorSession, t: OperatorStrings) {
    if (p.error) {
      return html`<li class="msg mine failed" data-pending>
        <span class="bubble">${p.text}</span>
        <span class="meta" role="alert">${t.notSent}: ${p.error}
          <button type="button" class="link" @click=${() => session.retry(p.clientId)}>${t.retry}</button>
          <button type="button" class="link" @click=${() => session.discard(p.clientId)}>${t.discard}</button>
        </span>
      </li>`;
    }
    return html`<li class="msg mine pending" data-pending>
      <span class="meta">${session.operator?.name ?? ''} · ${t.sending}</span>
      <span class="bubble">${p.text || (p.file ? `📎 ${p.file.name}` : '')}</span>
    </li>`;
  }

  #renderActionError(session: OperatorSession, id: number, t: OperatorStrings) {
    const err = session.actionError(id);
    if (!err || err.action === 'load') return nothing;
    const text =
      err.code === 'OFFLINE'
        ? t.actionOffline
        : err.action === 'accept' && err.code === 'CONFLICT'
          ? t.acceptConflict
          : err.action === 'upload'
            ? t.fileNotSent(err.message)
            : t.actionFailed(err.message);
    return html`<p class="action-error" role="alert">${text}</p>`;
  }

  #renderConversation(session: OperatorSession, id: number, t: OperatorStrings, f: Formats) {
    const c = session.conversations.get(id);
    const detail = session.detail(id);
    const name = c?.visitor.displayName ?? `#${id}`;
    const status = c?.status;
    const mine = session.canReply(id);
    const otherOperator = status === 'active' && !mine ? (c?.operatorName ?? '') : '';
    const statusText = status === 'waiting' ? t.statusWaiting : status === 'active' ? t.statusActive : status === 'ended' ? t.statusEnded : '';
    const confirming = this.confirmingEnd === id;
    const confirmingBlock = this.confirmingBlock === id && !!c && !c.visitor.blocked;
    const blockBusy = session.busy(id, 'block') || session.busy(id, 'unblock');
    const draft = this.#drafts.get(id) ?? '';
    return html`<section class="conversation" part="conversation" role="tabpanel" id="panel-${id}" aria-labelledby="tab-${id}">
      <div class="conv-head">
        ${c ? this.#renderAvatar(c, t) : nothing}
        <div class="conv-titles">
          <h2>${name}</h2>
          <p class="conv-sub">
            ${status ? html`<span class="chip ${status}">${statusText}</span>` : nothing}
            ${status === 'waiting' && c ? html`<span>${t.waitingSince(f.time.format(c.createdAt))}</span>` : nothing}
            ${status === 'active' && c?.operatorName ? html`<span>${t.servedBy(c.operatorName)}</span>` : nothing}
            ${c?.guests.length ? html`<span class="guests">${t.alsoInChat}: ${c.guests.map((g) => g.name).join(', ')}</span>` : nothing}
            ${c?.department ? html`<span class="badge department"><span class="sr-only">${t.department}: </span>${c.department.name}</span>` : nothing}
            ${c ? this.#renderBadges(c, t) : nothing}
            ${c?.rating
              ? html`<span class="badge rating ${c.rating.value}" title=${c.rating.comment}>${t.ratingChip(c.rating.value === 'good')}</span>`
              : c?.ratingPending
                ? html`<span class="badge rating pending">${t.ratingPendingChip}</span>`
                : nothing}
          </p>
        </div>
        <div class="conv-actions">
          ${c
            ? c.visitor.blocked
              ? html`<button
                  type="button"
                  class="secondary unblock"
                  aria-label=${t.unblockVisitorLabel(name)}
                  ?disabled=${blockBusy}
                  @click=${() => this.#handleUnblock(id)}
                >
                  ${session.busy(id, 'unblock') ? t.unblocking : t.unblockVisitor}
                </button>`
              : html`<button
                  type="button"
                  class="secondary block"
                  aria-label=${t.blockVisitorLabel(name)}
                  aria-expanded=${confirmingBlock ? 'true' : 'false'}
                  ?disabled=${blockBusy}
                  @click=${() => (confirmingBlock ? this.#handleBlockCancel() : this.#handleBlockRequest(id))}
                >
                  ${blockIcon}<span>${session.busy(id, 'block') ? t.blocking : t.blockVisitor}</span>
                </button>`
            : nothing}
          ${mine && status === 'active'
            ? html`<button
                  type="button"
                  class="secondary transfer-btn"
                  aria-expanded=${this.transferOpen === id ? 'true' : 'false'}
                  aria-controls="transfer-${id}"
                  ?disabled=${session.busy(id, 'transfer')}
                  @click=${() => this.#handleTransferToggle(id)}
                >
                  ${session.busy(id, 'transfer') ? t.transferring : t.transfer}
                </button>
                <button type="button" class="secondary leave" title=${t.leaveLabel} ?disabled=${session.busy(id, 'leave')} @click=${() => this.#handleLeave(id)}>
                  ${t.leave}
                </button>
                ${session.ratingEnabled && !c?.ratingPending
                  ? html`<button type="button" class="secondary request-rating" ?disabled=${session.busy(id, 'rating')} @click=${() => session.requestRating(id)}>
                      ${session.busy(id, 'rating') ? t.requestingRating : t.requestRating}
                    </button>`
                  : nothing}`
            : nothing}
          ${status && status !== 'ended'
            ? html`<button
                type="button"
                class="secondary end"
                aria-expanded=${confirming ? 'true' : 'false'}
                ?disabled=${session.busy(id, 'end')}
                @click=${() => (confirming ? this.#handleEndCancel() : this.#handleEndRequest(id))}
              >
                ${session.busy(id, 'end') ? t.ending : t.endChat}
              </button>`
            : nothing}
          <button type="button" class="icon close-tab" aria-label=${t.closeTab(name)} title=${t.closeTab(name)} @click=${() => this.#handleCloseTab(id)}>
            ${closeIcon}
          </button>
        </div>
      </div>
      ${this.transferOpen === id && mine && status === 'active' ? this.#renderTransfer(session, id, t) : nothing}
      ${confirming && status !== 'ended'
        ? html`<div class="confirm end-dialog" role="alertdialog" aria-labelledby="end-title" aria-describedby="confirm-text" @keydown=${this.#handleConfirmKeydown}>
            <p id="end-title" class="confirm-title">${t.endTitle}</p>
            <p id="confirm-text">${t.endConfirm}</p>
            <div class="tag-field">
              <label for="end-tags">${t.endTagsLabel}</label>
              <div class="tag-input">
                <ul class="tags">
                  ${this.endTags.map(
                    (tag) => html`<li class="tag">
                      ${tag}<button type="button" class="remove-tag" aria-label=${t.removeTag(tag)} @click=${() => (this.endTags = this.endTags.filter((x) => x !== tag))}>
                        ${closeIcon}
                      </button>
                    </li>`,
                  )}
                </ul>
                <input id="end-tags" class="tag-entry" maxlength="40" autocomplete="off" aria-describedby="end-tags-hint" @keydown=${this.#handleTagKeydown} />
              </div>
              <p id="end-tags-hint" class="hint">${t.endTagsHint}</p>
            </div>
            <div class="confirm-actions">
              <button type="button" class="danger confirm-end" ?disabled=${session.busy(id, 'end')} @click=${() => this.#handleEndConfirm(id)}>
                ${t.confirmEnd}
              </button>
              <button type="button" class="secondary cancel" @click=${this.#handleEndCancel}>${t.cancel}</button>
            </div>
          </div>`
        : confirmingBlock
          ? html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-text" @keydown=${this.#handleConfirmKeydown}>
              <p id="confirm-text">${t.blockConfirm(name)}</p>
              <div class="confirm-actions">
                <button type="button" class="danger confirm-block" ?disabled=${blockBusy} @click=${() => this.#handleBlockConfirm(id)}>
                  ${t.confirmBlock}
                </button>
                <button type="button" class="secondary cancel" @click=${this.#handleBlockCancel}>${t.cancel}</button>
              </div>
            </div>`
          : nothing}
      ${this.#renderActionError(session, id, t)}
      <div
        class="log"
        part="transcript"
        role="log"
        aria-live="polite"
        aria-label=${t.transcript(name)}
        aria-busy=${detail?.loading ? 'true' : 'false'}
        tabindex="0"
        @scroll=${this.#handleScroll}
      >
        <ol class="messages">
          ${detail?.loading && !detail.messages.length ? html`<li class="notice loading">${t.loading}</li>` : nothing}
          ${detail?.error ? html`<li class="notice error" role="alert">${t.loadFailed}</li>` : nothing}
          ${detail?.messages.map((m) => this.#renderMessage(m, session, t, f))}
          ${session.pending(id).map((p) => this.#renderPending(p, session, t))}
        </ol>
      </div>
      <div class="typing" aria-live="polite">
        ${session.visitorTyping(id)
          ? html`<span class="typing-dots" aria-hidden="true"><i></i><i></i><i></i></span>${t.visitorTyping(name)}`
          : nothing}
      </div>
      ${status === 'waiting'
        ? html`<div class="gate">
            <p>${t.acceptHint}</p>
            <button type="button" class="primary accept" ?disabled=${session.busy(id, 'accept')} @click=${() => this.#handleAccept(id)}>
              ${session.busy(id, 'accept') ? t.accepting : t.accept}
            </button>
          </div>`
        : status === 'ended' && session.endedByVisitor(id)
          ? html`<div class="gate ended visitor-ended" role="status">
              <p><strong>${t.visitorEnded(name)}</strong> ${t.visitorEndedHint}</p>
              <div class="gate-actions">
                <button type="button" class="secondary close-ended" @click=${() => this.#handleCloseTab(id)}>${t.close}</button>
                <button type="button" class="primary continue" ?disabled=${session.busy(id, 'reopen')} @click=${() => this.#handleContinue(id)}>
                  ${session.busy(id, 'reopen') ? t.continuing : t.continueChat}
                </button>
              </div>
            </div>`
        : status === 'ended'
          ? html`<div class="gate ended">
              <p>${t.endedNote}${c?.visitor.blocked ? html` <span class="blocked-note">${t.blockedNote}</span>` : nothing}</p>
              <button type="button" class="secondary" @click=${() => this.#handleCloseTab(id)}>${t.closeConversation}</button>
            </div>`
          : otherOperator
            ? html`<div class="gate"><p>${t.otherOperator(otherOperator)}</p></div>`
            : nothing}
      ${status === 'ended' ? nothing : this.#renderComposer(session, id, mine, status, draft, t)}
    </section>`;
  }

  /** The reply box, with the ":" canned-response and "@" teammate pickers and the emoji picker. */
  #renderComposer(session: OperatorSession, id: number, mine: boolean, status: string | undefined, draft: string, t: OperatorStrings) {
    // Anyone on the team may add a note; only the operators in the chat may reply.
    const note = this.notes.has(id);
    const writable = mine || note;
    const aria = writable ? this.#picker.aria : null;
    const mode = (toNote: boolean, label: string) =>
      html`<button type="button" class="mode-btn" data-mode=${toNote ? 'note' : 'reply'} aria-pressed=${note === toNote ? 'true' : 'false'} @click=${() => this.#setNoteMode(id, toNote)}>
        ${label}
      </button>`;
    return html`<form class="composer ${writable ? '' : 'disabled'} ${note ? 'note' : ''}" part="composer" @submit=${(e: Event) => this.#handleSubmit(e, id)}>
      <div class="composer-modes" role="group" aria-label=${t.composerMode}>${mode(false, t.reply)} ${mode(true, t.note)}</div>
      ${writable ? this.#picker.menu() : nothing}
      <label class="sr-only" for="reply">${t.composerLabel}</label>
      <textarea
        id="reply"
        rows="2"
        maxlength="4000"
        placeholder=${note ? t.notePlaceholder : mine ? t.placeholder : status === 'waiting' ? t.placeholderDisabled : ''}
        aria-describedby="reply-hint"
        role=${aria?.role ?? nothing}
        aria-expanded=${aria?.expanded ?? nothing}
        aria-controls=${aria?.controls ?? nothing}
        aria-activedescendant=${aria?.activedescendant ?? nothing}
        ?disabled=${!writable}
        .value=${live(draft)}
        @keydown=${(e: KeyboardEvent) => this.#handleComposerKeydown(e, id)}
        @input=${(e: Event) => this.#handleInput(e, id)}
        @blur=${() => this.#picker.close()}
      ></textarea>
      <div class="composer-foot">
        ${mine && !note
          ? html`<chat-attach-button
                label=${t.attach}
                ?busy=${session.busy(id, 'upload')}
                @file-pick=${(e: CustomEvent<{ file: File }>) => void session.attach(id, e.detail.file)}
              ></chat-attach-button>
              <chat-emoji-picker label=${t.emoji} @emoji-pick=${(e: CustomEvent<{ emoji: string }>) => this.#handleEmoji(e, id)}></chat-emoji-picker>`
          : nothing}
        <span class="hint" id="reply-hint">${t.composerHintCommands}</span>
        <button type="submit" class="primary send" ?disabled=${!writable}>${sendIcon}<span>${note ? t.addNote : t.send}</span></button>
      </div>
    </form>`;
  }

  /** Transfer to an operator or a department, or invite an operator. */
  #renderTransfer(session: OperatorSession, id: number, t: OperatorStrings) {
    const me = session.operator?.id;
    const c = session.conversations.get(id);
    const invite = this.transferMode === 'invite';
    // An invited operator can be handed the chat, not invited again.
    const others = session.team.filter((o) => o.id !== me && !(invite && c?.guests.some((g) => g.id === o.id)));
    const busy = session.busy(id, 'transfer');
    return html`<div class="transfer-pop" id="transfer-${id}" role="group" aria-labelledby="transfer-title-${id}" @keydown=${this.#handlePopKeydown}>
      <p class="pop-title" id="transfer-title-${id}">${t.transferTitle}</p>
      <fieldset class="modes">
        <legend class="sr-only">${t.transferTitle}</legend>
        ${(['transfer', 'invite'] as const).map(
          (mode) => html`<label class="mode">
            <input type="radio" name="transfer-mode-${id}" value=${mode} .checked=${live(this.transferMode === mode)} @change=${() => (this.transferMode = mode)} />
            ${t.transferModes[mode]}
          </label>`,
        )}
      </fieldset>
      <p class="pop-sub">${t.transferOperators}</p>
      ${others.length
        ? html`<ul class="targets">
            ${others.map((o) => {
              const ready = o.connected && o.status === 'online';
              // Offline, on a break or with the panel closed: shown, but they cannot take it now.
              const away = !o.connected || o.status === 'offline' || o.status === 'break';
              return html`<li>
                <button
                  type="button"
                  class="target"
                  data-operator=${o.id}
                  ?disabled=${busy || away}
                  aria-label=${invite ? t.inviteTo(o.name) : t.transferTo(o.name)}
                  @click=${() => this.#handleTransfer(id, { operatorId: o.id })}
                >
                  <span class="status-dot s-${o.status} ${o.connected ? '' : 'hollow'}" aria-hidden="true"></span>
                  <span class="target-name">${o.name}</span>
                  <span class="target-sub ${ready ? '' : 'muted'}">${o.connected ? t.statusNames[o.status] : t.panelClosed} · ${o.openChats} / ${o.capacity}</span>
                </button>
              </li>`;
            })}
          </ul>`
        : html`<p class="muted small">${t.noOtherOperators}</p>`}
      ${invite
        ? nothing
        : html`<p class="pop-sub">${t.transferDepartments}</p>
            ${session.departments.length
              ? html`<ul class="targets">
                  ${session.departments.map(
                    (d) => html`<li>
                      <button type="button" class="target" data-department=${d.id} ?disabled=${busy} aria-label=${t.transferTo(d.name)} @click=${() => this.#handleTransfer(id, { departmentId: d.id })}>
                        <span class="target-name">${d.name}</span>
                        <span class="target-sub">${session.team.filter((o) => d.operatorIds.includes(o.id) && o.connected && o.status === 'online').length} ${t.online.toLowerCase()}</span>
                      </button>
                    </li>`,
                  )}
                </ul>
                <p class="pop-note">${t.transferDepartmentHint}</p>`
              : html`<p class="muted small">${t.noDepartments}</p>`}`}
    </div>`;
  }

  #renderVisitor(session: OperatorSession, id: number | null, t: OperatorStrings, f: Formats) {
    const c = id !== null ? session.conversations.get(id) : undefined;
    if (!c) {
      return html`<aside class="visitor" part="visitor" aria-label=${t.visitorDetails}>
        <p class="side-empty">${t.noVisitor}</p>
      </aside>`;
    }
    const pages = session.detail(id!)?.pageViews ?? [];
    const current = pages[0] ?? c.currentPage;
    const place = c.visitor.online ? placeName(session.visitors.get(c.visitor.id)?.location, localeOf(this)) : '';
    return html`<aside class="visitor" part="visitor" aria-label=${t.visitorDetails}>
      <div class="visitor-card">
        ${this.#renderAvatar(c, t, true)}
        <h2>${c.visitor.displayName}</h2>
        <p class="presence-text ${c.visitor.online ? 'online' : 'offline'}">
          <span class="presence ${c.visitor.online ? 'online' : 'offline'}" aria-hidden="true"></span>${c.visitor.online ? t.visitorOnline : t.visitorOffline}
        </p>
        ${place ? html`<p class="visitor-place">${place}</p>` : nothing}
        <p class="muted small">${t.startedAt(formatWhen(c.createdAt, f))}</p>
        ${c.visitor.blocked ? html`<p class="badge blocked">${blockIcon}${t.blocked}</p>` : nothing}
      </div>
      <chat-visitor-contact .session=${session} .visitorId=${c.visitor.id} .currentConversationId=${id} lang=${localeOf(this)}></chat-visitor-contact>
      ${c.category
        ? html`<section class="side-section" aria-labelledby="h-category">
            <h3 id="h-category">${t.category}</h3>
            <p class="origin-name">${categoryText(c.category)}</p>
          </section>`
        : nothing}
      ${c.proactive
        ? html`<section class="side-section origin" aria-labelledby="h-origin">
            <h3 id="h-origin">${t.startedBy}</h3>
            <p class="origin-name">${c.proactive.name}</p>
          </section>`
        : nothing}
      ${c.tags.length
        ? html`<section class="side-section" aria-labelledby="h-tags">
            <h3 id="h-tags">${t.tags}</h3>
            <ul class="tags">${c.tags.map((tag) => html`<li class="tag">${tag}</li>`)}</ul>
          </section>`
        : nothing}
      <section class="side-section" aria-labelledby="h-current">
        <h3 id="h-current">${t.currentPage}</h3>
        ${current
          ? html`<div class="current-page">
              <span class="page-icon">${pageIcon}</span>
              <div class="page-text">
                <p class="page-title">${current.title || t.untitled}</p>
                <p class="page-url" title=${current.url}>${current.url}</p>
              </div>
            </div>`
          : html`<p class="muted small">${t.noPages}</p>`}
      </section>
      <section class="side-section" aria-labelledby="h-pages">
        <h3 id="h-pages">${t.pagesVisited}${pages.length ? html` <span class="count">${pages.length}</span>` : nothing}</h3>
        ${pages.length
          ? html`<ol class="pages ${c.visitor.online ? 'live' : ''}">
              ${pages.map((p) => this.#renderPage(p, t, f))}
            </ol>`
          : html`<p class="muted small">${t.noPages}</p>`}
      </section>
    </aside>`;
  }

  #renderPage(p: PageView, t: OperatorStrings, f: Formats) {
    return html`<li>
      <time datetime=${new Date(p.at).toISOString()}>${f.time.format(p.at)}</time>
      <div class="page-text">
        <p class="page-title">${p.title || t.untitled}</p>
        <p class="page-url" title=${p.url}>${p.url}</p>
      </div>
    </li>`;
  }

  // --- team chat (the Team view itself is <chat-team-chat>) ----------------------------

  #renderTeamViewButton(session: OperatorSession, t: OperatorStrings) {
    const unread = session.teamChat.unreadTotal;
    return html`<button type="button" class="view-btn" data-view="team" aria-current=${this.view === 'team' ? 'page' : 'false'} @click=${() => (this.view = 'team')}>
      ${t.teamChat.view}${unread
        ? html` <span class="count team-unread"><span aria-hidden="true">${unread}</span><span class="sr-only">${t.teamChat.viewUnread(unread)}</span></span>`
        : nothing}
    </button>`;
  }

  /** `#channel` links and `@name` mentions in a line, as the Team view shows them. */
  #teamText(text: string, session: OperatorSession, t: OperatorStrings) {
    return renderTeamText(text, teamTextContext(session, t, (channelId) => void this.#openTeamChannel(channelId)));
  }

  async #openTeamChannel(channelId: number): Promise<void> {
    this.view = 'team';
    await this.updateComplete;
    await this.renderRoot.querySelector('chat-team-chat')?.openChannel(channelId);
  }

  /** A notice was chosen: its channel in the Team view, or its visitor's chat. */
  #handleTeamOpen(e: ChatTeamOpenEvent): void {
    if ('channelId' in e.detail) void this.#openTeamChannel(e.detail.channelId);
    else void this.#handleOpen(e.detail.conversationId);
  }

  #renderWorkspace(session: OperatorSession, t: OperatorStrings, f: Formats) {
    const focused = session.focused;
    return html`${this.#renderHeader(session, t)}
      <chat-team-notices .session=${session} lang=${localeOf(this)} @chat-team-open=${this.#handleTeamOpen}></chat-team-notices>
      <div class="body">
        <div class="left">${this.#renderInbox(session, t, f)}${this.#renderTeam(session, t)}</div>
        <main class="center ${this.view === 'team' ? 'team-wide' : ''}">
          ${this.view === 'team'
            ? html`<chat-team-chat .session=${session} lang=${localeOf(this)}></chat-team-chat>`
            : this.view === 'visitors'
            ? this.#renderVisitors(session, t)
            : session.tabs.length && focused !== null
            ? html`${this.#renderTabs(session, t)}${this.#renderConversation(session, focused, t, f)}`
            : html`<div class="empty-state">
                <span class="empty-icon">${inboxIcon}</span>
                <h2>${t.emptyTitle}</h2>
                <p>${t.emptyHint}</p>
              </div>`}
        </main>
        ${this.view === 'team' ? nothing : this.#renderVisitor(session, focused, t, f)}
      </div>`;
  }

  override render() {
    const locale = localeOf(this);
    const t = operatorStrings(locale);
    const f: Formats = {
      time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
    };
    const session = this.#session.session;
    const auth = session?.auth ?? 'checking';
    return html`<div class="app ${auth}" part="panel" lang=${locale}>
      ${auth === 'signed-in' && session
        ? this.#renderWorkspace(session, t, f)
        : auth === 'signed-out'
          ? this.#renderLogin(session, t)
          : html`<div class="login-screen"><p class="restoring" role="status"><span class="dot pulse"></span>${t.restoring}</p></div>`}
    </div>`;
  }
}

/**
 * The operator's own status: the effective one from the team event (falling back to the one chosen
 * here until it arrives), the one chosen, and whether a meal shows only because one is scheduled.
 */
function statusOf(session: OperatorSession): { effective: OperatorStatus; chosen: OperatorStatus | null; scheduledMeal: boolean } {
  const effective = session.presence?.status ?? session.chosenStatus ?? 'online';
  const scheduledMeal = effective === 'meal' && session.chosenStatus !== 'meal';
  return { effective, chosen: session.chosenStatus ?? (scheduledMeal ? null : effective), scheduledMeal };
}

/** "Orders › Refund", or the category alone. */
function categoryText(category: NonNullable<ConversationSummary['category']>): string {
  return category.division ? `${category.name} › ${category.division}` : category.name;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const second = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** A time today, a date otherwise. */
function formatWhen(at: number, f: Formats): string {
  const d = new Date(at);
  const now = new Date();
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? f.time.format(d) : f.day.format(d);
}

defineEmojiPicker();
defineAttachButton();
