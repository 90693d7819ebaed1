import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { ChatMessage } from '../../../../server/src/protocol/index.js';
import type { PendingMessage } from '../../client/visitor-session.js';
import { PageTrackingController } from '../../controllers/page-tracking.js';
import { sessionContext, VisitorSessionController } from '../../controllers/session.js';
import { ChatDismissEvent } from '../../events/index.js';
import { localeOf } from '../../i18n/index.js';
import { stringsFor, type Strings } from '../../i18n/strings.js';
import { styles } from './chat-window.styles.js';

const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12 20 4l-6 16-3-7-7-1Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * The messenger: transcript, composer, typing indicator and connection state.
 * Inside <chat-launcher> it shares the launcher's session; on its own (e.g. inline on a
 * contact page) it opens its own from the `server` and `site` attributes.
 *
 * @fires chat-ready - on its own: the visitor is known
 * @fires chat-message - on its own: an operator message arrived
 * @fires chat-unread-count - on its own: the unread count changed
 * @fires chat-dismiss - in a launcher: the visitor pressed close or Escape
 * @csspart window - the outer frame
 * @csspart header - the title bar
 * @csspart transcript - the message list
 * @csspart composer - the message form
 * @cssprop --chat-accent - brand colour (header, own messages, buttons)
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background
 * @cssprop --chat-text - text colour
 * @cssprop --chat-font - font family
 * @cssprop --chat-radius - corner radius
 * @cssprop --chat-window-height - height when inline
 */
export class ChatWindow extends LitElement {
  static override styles = styles;

  #consumer = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #session = new VisitorSessionController(this, {
    config: () => ({ server: this.server, site: this.site }),
    provided: () => this.#consumer.value,
  });
  #pages = new PageTrackingController(this, {
    enabled: () => this.#session.owned && !!this.#session.session,
    report: (page) => this.#session.session?.reportPage(page),
  });

  /** WebSocket URL of the chat server, e.g. wss://chat.example.com/trpc (standalone use). */
  @property() server = '';
  /** Public site key (standalone use). */
  @property() site = '';
  /** "launcher" when shown by <chat-launcher>: adds a close button. */
  @property({ reflect: true }) mode: 'inline' | 'launcher' = 'inline';
  @property() override lang = '';

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('.log') private log!: HTMLElement;

  #stickToBottom = true;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A visible window has been read. Done before rendering, so marking read costs no second update.
    if (this.hasUpdated && !document.hidden && this.checkVisibility?.()) this.#session.session?.markRead();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Moves keyboard focus to the message box. */
  focusComposer(): void {
    this.textarea?.focus();
  }

  #handleSubmit(e: Event): void {
    e.preventDefault();
    const text = this.textarea.value;
    if (!text.trim()) return;
    this.#session.session?.send(text);
    this.textarea.value = '';
    this.#stickToBottom = true;
    this.requestUpdate();
  }

  #handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  #handleWindowKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.mode === 'launcher') {
      e.stopPropagation();
      this.dispatchEvent(new ChatDismissEvent());
    }
  }

  #handleInput(): void {
    this.#session.session?.noteTyping();
    this.requestUpdate();
  }

  #handleScroll(): void {
    const log = this.log;
    this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  #renderMessage(m: ChatMessage, t: Strings, time: Intl.DateTimeFormat) {
    if (m.kind === 'event') {
      const text = m.event === 'joined' ? t.joined(m.authorName) : m.event === 'left' ? t.left(m.authorName) : t.ended;
      return html`<li class="notice" data-event=${m.event ?? ''}>${text}</li>`;
    }
    const mine = m.author === 'visitor';
    return html`<li class="msg ${mine ? 'mine' : 'theirs'}" data-author=${m.author}>
      <span class="meta">${mine ? t.you : m.authorName} · <time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time></span>
      <span class="bubble">${m.text}</span>
    </li>`;
  }

  #renderPending(p: PendingMessage, t: Strings) {
    const session = this.#session.session!;
    if (p.error) {
      return html`<li class="msg mine failed" data-pending>
        <span class="bubble">${p.text}</span>
        <span class="meta" role="alert">${t.notSent}: ${p.error}
          <button type="button" @click=${() => session.retry(p.clientId)}>${t.retry}</button>
          <button type="button" @click=${() => session.discard(p.clientId)}>${t.discard}</button>
        </span>
      </li>`;
    }
    return html`<li class="msg mine pending" data-pending>
      <span class="meta">${t.sending}</span>
      <span class="bubble">${p.text}</span>
    </li>`;
  }

  override render() {
    const locale = localeOf(this);
    const t = stringsFor(locale);
    const session = this.#session.session;
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    const status = session?.status ?? 'connecting';
    const statusText = status === 'online' ? t.subtitle : status === 'reconnecting' ? t.reconnecting : t.connecting;
    const open = session?.conversationStatus === 'waiting' || session?.conversationStatus === 'active';
    const ended = session?.conversationStatus === 'ended';
    return html`<section class="root" part="window" aria-label=${t.title} @keydown=${this.#handleWindowKeydown}>
      <header part="header">
        <div class="titles">
          <h2>${t.title}</h2>
          <p class="status ${status === 'online' ? '' : 'offline'}" role="status">${statusText}</p>
        </div>
        ${open
          ? html`<button type="button" class="end" @click=${() => session?.endConversation()}>${t.endChat}</button>`
          : nothing}
        ${this.mode === 'launcher'
          ? html`<button type="button" class="icon close" aria-label=${t.closeChat} @click=${() => this.dispatchEvent(new ChatDismissEvent())}>
              ${closeIcon}
            </button>`
          : nothing}
      </header>
      <div class="log" part="transcript" role="log" aria-live="polite" aria-label=${t.transcript} tabindex="0" @scroll=${this.#handleScroll}>
        <ol class="messages">
          <li class="msg theirs greeting"><span class="bubble">${t.greeting}</span></li>
          ${session?.messages.map((m) => this.#renderMessage(m, t, time))}
          ${session?.outbox.map((p) => this.#renderPending(p, t))}
          ${session?.conversationStatus === 'waiting' ? html`<li class="notice" data-waiting>${t.waiting}</li>` : nothing}
          ${ended && !session?.outbox.length ? html`<li class="notice">${t.newChatHint}</li>` : nothing}
        </ol>
      </div>
      <div class="typing" aria-live="polite">${session?.typing ? t.typing(session.typing) : ''}</div>
      <form part="composer" @submit=${this.#handleSubmit}>
        <label class="sr-only" for="composer">${t.composerLabel}</label>
        <textarea
          id="composer"
          rows="1"
          maxlength="4000"
          placeholder=${t.placeholder}
          aria-describedby="hint"
          @keydown=${this.#handleKeydown}
          @input=${this.#handleInput}
        ></textarea>
        <span class="sr-only" id="hint">${t.composerHint}</span>
        <button type="submit" aria-label=${t.send} ?disabled=${!session}>${sendIcon}</button>
      </form>
    </section>`;
  }
}

if (!customElements.get('chat-window')) customElements.define('chat-window', ChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'chat-window': ChatWindow;
  }
}
