import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatMessage } from '../../../../server/src/protocol/index.js';
import type { OfferState, PendingMessage } from '../../client/visitor-session.js';
import { isConnectionError } from '../../client/trpc.js';
import { PageTrackingController } from '../../controllers/page-tracking.js';
import { sessionContext, VisitorSessionController, type VisitorAttributes } from '../../controllers/session.js';
import { ChatDismissEvent } from '../../events/index.js';
import { localeOf } from '../../i18n/index.js';
import { stringsFor, type Strings } from '../../i18n/strings.js';
import { styles } from './chat-window.styles.js';

const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12 20 4l-6 16-3-7-7-1Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * The server's email check (EMAIL in server/src/protocol/proactive.ts), repeated here because
 * importing that module's values would bundle zod into the widget. The server checks again.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

type CaptureField = 'name' | 'email';
type CaptureErrors = Partial<Record<CaptureField, string>>;

/**
 * The messenger: transcript, composer, typing indicator and connection state.
 * Inside <chat-launcher> it shares the launcher's session; on its own (e.g. inline on a
 * contact page) it opens its own from the `server` and `site` attributes.
 *
 * An opened proactive message shows at the top of the new conversation, from its sender, with a
 * form for the visitor's name and/or email when the message asks for them. On its own, the
 * window opens an offered proactive message at once (it has no bubble).
 *
 * @fires chat-ready - on its own: the visitor is known
 * @fires chat-message - on its own: an operator message arrived
 * @fires chat-unread-count - on its own: the unread count changed
 * @fires chat-proactive-shown - on its own: a proactive message was shown
 * @fires chat-dismiss - in a launcher: the visitor pressed close or Escape
 * @csspart window - the outer frame
 * @csspart header - the title bar
 * @csspart transcript - the message list
 * @csspart capture - the name/email form of a proactive message
 * @csspart composer - the message form
 * @cssprop --chat-accent - brand colour (header, own messages, buttons)
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background
 * @cssprop --chat-text - text colour
 * @cssprop --chat-font - font family
 * @cssprop --chat-radius - corner radius
 * @cssprop --chat-danger - error text and invalid field borders
 * @cssprop --chat-window-height - height when inline
 */
export class ChatWindow extends LitElement {
  static override styles = styles;

  #consumer = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  #session = new VisitorSessionController(this, {
    config: () => ({ server: this.server, site: this.site }),
    provided: () => this.#consumer.value,
    // On its own there is no bubble: the window is where the message shows.
    onOffer: (session) => session.openOffer(),
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

  /** Client-side problems with the proactive form's fields, shown under each. */
  @state() private captureErrors: CaptureErrors = {};
  /** Why the server refused the form (its own words), or why it could not be sent. */
  @state() private captureFailure = '';
  @state() private capturing = false;

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('.capture form') private captureForm?: HTMLFormElement;
  @query('.log') private log!: HTMLElement;

  #stickToBottom = true;
  /** The delivery the form's state belongs to; another offer starts afresh (see willUpdate). */
  #captureFor = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // A visible window has been read. Done before rendering, so marking read costs no second update.
    if (this.hasUpdated && !document.hidden && this.checkVisibility?.()) this.#session.session?.markRead();
    const offer = this.#session.session?.offer;
    if (offer && offer.deliveryId !== this.#captureFor) {
      this.#captureFor = offer.deliveryId;
      this.captureErrors = {};
      this.captureFailure = '';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * Moves keyboard focus to where the visitor writes: the first field of an opened proactive
   * message's form when there is one, else the message box.
   */
  async focusComposer(): Promise<void> {
    await this.updateComplete;
    (this.captureForm?.querySelector('input') ?? this.textarea)?.focus();
  }

  /**
   * Custom attributes for proactive message targeting, merged into those already set; null
   * removes one. On its own, this is how the page feeds them; in a launcher, prefer the launcher's.
   */
  setAttributes(attributes: VisitorAttributes): void {
    this.#session.setAttributes(attributes);
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

  async #handleCapture(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const session = this.#session.session;
    if (!session || this.capturing) return;
    const form = e.target as HTMLFormElement;
    const details = this.#captureDetails(form);
    const errors = this.#validate(details);
    this.captureErrors = errors;
    this.captureFailure = '';
    const invalid = Object.keys(errors)[0] as CaptureField | undefined;
    if (invalid) {
      await this.updateComplete;
      (form.elements.namedItem(invalid) as HTMLInputElement).focus();
      return;
    }
    this.capturing = true;
    try {
      await session.submitCapture(details);
      // The form goes away; the conversation (and the follow-up) continues in the composer.
      void this.focusComposer();
    } catch (err) {
      this.captureFailure = isConnectionError(err) ? stringsFor(localeOf(this)).captureFailed : (err as Error).message;
    } finally {
      this.capturing = false;
    }
  }

  /** Once the visitor was told a field is wrong, the message follows what they type. */
  #handleCaptureInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    const field = input.name as CaptureField;
    if (!this.captureErrors[field]) return;
    const error = this.#validate(this.#captureDetails(input.form!))[field];
    this.captureErrors = { ...this.captureErrors, [field]: error };
  }

  #captureDetails(form: HTMLFormElement): { name?: string; email?: string } {
    const value = (field: CaptureField) => (form.elements.namedItem(field) as HTMLInputElement | null)?.value.trim();
    return { name: value('name'), email: value('email') };
  }

  #validate(details: { name?: string; email?: string }): CaptureErrors {
    const t = stringsFor(localeOf(this));
    const errors: CaptureErrors = {};
    if (details.name === '') errors.name = t.nameRequired;
    if (details.email === '') errors.email = t.emailRequired;
    else if (details.email !== undefined && !EMAIL.test(details.email)) errors.email = t.emailInvalid;
    return errors;
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

  /** The proactive message, as its sender's first line of the conversation it would start. */
  #renderOffer(offer: OfferState, t: Strings, time: Intl.DateTimeFormat) {
    return html`<li class="msg theirs" data-author="system" data-offer>
        <span class="meta">${offer.sender.name} · <time datetime=${new Date(offer.at).toISOString()}>${time.format(offer.at)}</time></span>
        <span class="bubble">${offer.text}</span>
      </li>
      ${offer.capture !== 'none' && !offer.captured && !offer.answered ? this.#renderCapture(offer, t) : nothing}`;
  }

  #renderCapture(offer: OfferState, t: Strings) {
    const field = (name: CaptureField, label: string, type: string, max: number) => {
      const error = this.captureErrors[name];
      return html`<div class="field">
        <label for="capture-${name}">${label}</label>
        <input
          id="capture-${name}"
          name=${name}
          type=${type}
          autocomplete=${name}
          maxlength=${max}
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(error ? `capture-${name}-error` : undefined)}
          @input=${this.#handleCaptureInput}
        />
        ${error ? html`<span class="field-error" id="capture-${name}-error">${error}</span>` : nothing}
      </div>`;
    };
    // Outside the transcript's live region (aria-live=off): errors are announced through the
    // field that gets focus and its description, and the server's refusal through role=alert.
    return html`<li class="capture" aria-live="off">
      <form part="capture" novalidate aria-label=${t.captureTitle} @submit=${this.#handleCapture}>
        <p class="intro">${t.captureIntro}</p>
        ${offer.capture !== 'email' ? field('name', t.captureName, 'text', 80) : nothing}
        ${offer.capture !== 'name' ? field('email', t.captureEmail, 'email', 254) : nothing}
        ${this.captureFailure ? html`<p class="failure" role="alert">${this.captureFailure}</p>` : nothing}
        <button type="submit" aria-disabled=${this.capturing ? 'true' : 'false'}>${this.capturing ? t.sending : t.captureSubmit}</button>
      </form>
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
          ${session?.offer?.opened ? this.#renderOffer(session.offer, t, time) : nothing}
          ${session?.outbox.map((p) => this.#renderPending(p, t))}
          ${session?.conversationStatus === 'waiting' ? html`<li class="notice" data-waiting>${t.waiting}</li>` : nothing}
          ${ended && !session?.outbox.length ? html`<li class="notice">${t.newChatHint}</li>` : nothing}
        </ol>
      </div>
      <div class="typing" aria-live="polite">${session?.typing ? t.typing(session.typing) : ''}</div>
      <form class="composer" part="composer" @submit=${this.#handleSubmit}>
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
