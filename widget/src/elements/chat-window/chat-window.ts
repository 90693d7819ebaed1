import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatFile, ChatMessage } from '../../../../server/src/protocol/index.js';
import type { Category } from '../../../../server/src/protocol/availability-shared.js';
import type { ChatStart, OfferState, PendingMessage, VisitorSession } from '../../client/visitor-session.js';
import { isConnectionError } from '../../client/trpc.js';
import { PageTrackingController } from '../../controllers/page-tracking.js';
import { sessionContext, VisitorSessionController, type VisitorAttributes } from '../../controllers/session.js';
import { ChatDismissEvent } from '../../events/index.js';
import { localeOf } from '../../i18n/index.js';
import { stringsFor, type Strings } from '../../i18n/strings.js';
import { styles } from './chat-window.styles.js';
import { defineEmojiPicker, insertAtCaret } from '../shared/emoji-picker.js';
import { linked } from '../shared/links.js';
import { attachmentProblem, defineAttachButton, fileView, uploadFile, type UploadError } from '../shared/attachments.js';
import './chat-rating.js';

const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12 20 4l-6 16-3-7-7-1Z"/></svg>`;
const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18"/></svg>`;

/**
 * The server's email check (EMAIL in server/src/protocol/proactive.ts), repeated here because
 * importing that module's values would bundle zod into the widget. The server checks again.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

type CaptureField = 'name' | 'email';
type CaptureErrors = Partial<Record<CaptureField, string>>;

/** The longest message the server takes (LIMITS.messageText); the composer counts down near it. */
const TEXT_MAX = 4000;

/** At most this many link buttons show under an automatic message (the server allows no more). */
const MAX_BUTTONS = 3;

/** Only web links become buttons: no javascript:, data: or other schemes, whatever the settings say. */
function isWebUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * A file the chat server serves (a server-relative path like /files/abc) as a URL on that server.
 * Anything else (another host, a protocol-relative path) gives undefined: the image is not shown.
 */
function serverFileUrl(session: VisitorSession, path: string): string | undefined {
  if (!/^\/(?!\/)/.test(path)) return undefined;
  try {
    const base = new URL(session.server, location.href);
    base.protocol = base.protocol.replace(/^ws/, 'http');
    return new URL(path, base).href;
  } catch {
    return undefined;
  }
}

/** The operator's latest request for a rating, unless the visitor has rated since. */
function pendingRatingRequest(messages: readonly ChatMessage[]): ChatMessage | undefined {
  const last = messages.findLast((m) => m.event === 'rating-requested' || m.event === 'rated');
  return last?.event === 'rating-requested' ? last : undefined;
}

/** What the category picker has settled, from the visitor's choice or the host page's URL. */
interface StartChoice {
  category: Category | undefined;
  /** '' when none is chosen (or the category has none). */
  division: string;
  /** The URL named a known category, and a known sub-category when it has any: no picker. */
  preset: boolean;
}

/**
 * The messenger: transcript, composer, typing indicator and connection state.
 * Inside <chat-launcher> it shares the launcher's session; on its own (e.g. inline on a
 * contact page) it opens its own from the `server` and `site` attributes.
 *
 * An opened proactive message shows at the top of the new conversation, from its sender, with a
 * form for the visitor's name and/or email when the message asks for them. On its own, the
 * window opens an offered proactive message at once (it has no bubble).
 *
 * Automatic messages from the account (out of hours, busy, queue...) show as a card with an
 * "Automatic message" label, their image and up to 3 link buttons. When the account offers
 * categories and no chat is open, the visitor chooses one (and a sub-category when it has any)
 * above the composer; the host page may choose for them with `?chat_category=...&chat_division=...`.
 * When the visitor cannot start a chat (chat stopped, visitor blocked), the composer is disabled
 * and says why.
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
 * @csspart automatic - the card of an automatic message
 * @csspart automatic-image - its image
 * @csspart automatic-button - each of its link buttons
 * @csspart start - the category and sub-category fields above the composer
 * @csspart blocked - why the visitor cannot write now, above the composer
 * @cssprop --chat-accent - brand colour (header, own messages, buttons)
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background
 * @cssprop --chat-text - text colour
 * @cssprop --chat-font - font family
 * @cssprop --chat-radius - corner radius
 * @cssprop --chat-danger - error text and invalid field borders
 * @cssprop --chat-automatic-background - the automatic message card's background
 * @cssprop --chat-notice-background - the background of the blocked notice
 * @cssprop --chat-notice-text - the text of the blocked notice
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
  /** The category and sub-category chosen in the picker; null until the visitor picks one. */
  @state() private category: string | null = null;
  @state() private division: string | null = null;
  /** The picker field the visitor must still fill, after they tried to send without it. */
  @state() private startError: 'category' | 'division' | null = null;
  /** The name of the file being sent, while it uploads. */
  @state() private uploading: string | null = null;
  /** Why the last file was not sent. */
  @state() private uploadError = '';
  /** "End chat" was pressed: the window asks before ending. */
  @state() private confirmingEnd = false;

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('.capture form') private captureForm?: HTMLFormElement;
  @query('.log') private log!: HTMLElement;

  /**
   * The host page's query string, where `chat_category` and `chat_division` preselect the
   * category. A function, read when the window renders and sends, so an SPA's route changes count
   * (and a test may replace it).
   */
  pageSearch: () => string = () => location.search;

  #stickToBottom = true;
  /** How many messages the transcript had when a file was refused. */
  #messagesAtError = 0;
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
    // A refused file's note goes once the conversation moves on.
    const count = this.#session.session?.messages.length ?? 0;
    if (!this.uploadError) this.#messagesAtError = count;
    else if (count > this.#messagesAtError) this.uploadError = '';
    // The chat started: the next one (after it ends) is chosen afresh.
    if (this.#conversationOpen && (this.category !== null || this.division !== null || this.startError)) {
      this.category = this.division = this.startError = null;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#stickToBottom && this.log) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Content that grows after rendering (an image, the rating card) keeps a visitor at the bottom there. */
  #growth = new ResizeObserver(() => this.#handleImageLoad());

  protected override firstUpdated(): void {
    this.#observeGrowth();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observeGrowth();
  }

  #observeGrowth(): void {
    const list = this.renderRoot.querySelector('.messages');
    if (list) this.#growth.observe(list);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#growth.disconnect();
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

  get #conversationOpen(): boolean {
    const status = this.#session.session?.conversationStatus;
    return status === 'waiting' || status === 'active';
  }

  /** The category the next chat starts with: the visitor's pick, else the URL's when it names a known one. */
  #startChoice(categories: readonly Category[]): StartChoice {
    const params = new URLSearchParams(this.pageSearch());
    const fromUrl = categories.find((c) => c.name === params.get('chat_category'));
    const urlDivision = fromUrl?.divisions.find((d) => d === params.get('chat_division')) ?? '';
    const category = this.category === null ? fromUrl : categories.find((c) => c.name === this.category);
    const division =
      this.division !== null && category?.divisions.includes(this.division) ? this.division : category && category === fromUrl ? urlDivision : '';
    return { category, division, preset: !!fromUrl && (!fromUrl.divisions.length || !!urlDivision) };
  }

  /**
   * What the message about to be sent says about the chat it may start: the window's language and
   * the category; undefined when a chat is open. False when the visitor must still choose (the
   * picker then says which field).
   */
  #chatStart(session: VisitorSession): ChatStart | undefined | false {
    if (this.#conversationOpen) return undefined;
    const start: ChatStart = { locale: localeOf(this) };
    const categories = session.availability?.categories ?? [];
    if (!categories.length) return start;
    const { category, division } = this.#startChoice(categories);
    this.startError = !category ? 'category' : category.divisions.length && !division ? 'division' : null;
    if (this.startError) return false;
    start.category = { name: category!.name, ...(division ? { division } : {}) };
    return start;
  }

  async #handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const session = this.#session.session;
    const text = this.textarea.value;
    if (!session || !text.trim()) return;
    const start = await this.#startOrChoose(session);
    if (start === false) return;
    session.send(text, start);
    this.textarea.value = '';
    this.uploadError = '';
    this.#stickToBottom = true;
    this.requestUpdate();
  }

  /** What a message about to be sent starts; false when no chat may start or the visitor must choose first (focused). */
  async #startOrChoose(session: VisitorSession): Promise<ChatStart | undefined | false> {
    if (session.availability?.blocked && !this.#conversationOpen) return false;
    const start = this.#chatStart(session);
    if (start === false) {
      // Choose first: the text stays in the composer, the field that is missing says so.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLSelectElement>(`#${this.startError}`)?.focus();
    }
    return start;
  }

  /** Sends a chosen file: checked here first (size, type), uploaded, then sent as a message. */
  async #handleFile(e: CustomEvent<{ file: File }>): Promise<void> {
    const session = this.#session.session;
    const { file } = e.detail;
    const t = stringsFor(localeOf(this));
    if (!session || this.uploading) return;
    const start = await this.#startOrChoose(session);
    if (start === false) return;
    const problem = attachmentProblem(file);
    const why = (status: number, message: string) => (status === 413 ? t.fileTooLarge : status === 415 ? t.fileWrongType : message);
    this.uploadError = problem ? `${t.fileNotSent(file.name)} ${why(problem === 'size' ? 413 : 415, '')}` : '';
    if (problem) return;
    this.uploading = file.name;
    this.#stickToBottom = true;
    try {
      const endpoint = `${serverFileUrl(session, '/files')}?purpose=attachment&site=${encodeURIComponent(session.site)}`;
      session.send('', start, await uploadFile(endpoint, `Visitor ${session.token}`, file));
    } catch (err) {
      this.uploadError = `${t.fileNotSent(file.name)} ${why((err as UploadError).status, (err as Error).message)}`;
    } finally {
      this.uploading = null;
    }
  }

  #handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      (e.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  }

  async #handleEndRequest(): Promise<void> {
    this.confirmingEnd = !this.confirmingEnd;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(this.confirmingEnd ? '.confirm-end' : '.end')?.focus();
  }

  #handleEndConfirm(): void {
    this.confirmingEnd = false;
    this.#session.session?.endConversation();
    void this.focusComposer();
  }

  async #handleEndCancel(): Promise<void> {
    this.confirmingEnd = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.end')?.focus();
  }

  /** Escape in the question cancels it (and does not close the window). */
  #handleEndKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    void this.#handleEndCancel();
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

  #handleEmoji(e: CustomEvent<{ emoji: string }>): void {
    const textarea = this.textarea;
    const next = insertAtCaret(textarea.value, textarea.selectionStart, textarea.selectionEnd, e.detail.emoji);
    textarea.value = next.value;
    textarea.setSelectionRange(next.caret, next.caret);
    textarea.focus();
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

  #handleCategoryChange(e: Event): void {
    this.category = (e.target as HTMLSelectElement).value;
    this.division = null;
    if (this.startError === 'category' && this.category) this.startError = null;
  }

  #handleDivisionChange(e: Event): void {
    this.division = (e.target as HTMLSelectElement).value;
    if (this.startError === 'division' && this.division) this.startError = null;
  }

  /** An image makes its message taller once loaded: stay at the bottom if the visitor was there. */
  #handleImageLoad(): void {
    if (this.#stickToBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  #handleScroll(): void {
    const log = this.log;
    this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  #renderMessage(m: ChatMessage, t: Strings, time: Intl.DateTimeFormat, ask: ChatMessage | undefined) {
    if (m.kind === 'event') {
      const rating = m.extras?.rating;
      const text =
        m.event === 'joined' ? t.joined(m.authorName)
        : m.event === 'left' ? t.left(m.authorName)
        : m.event === 'reopened' ? t.reopened(m.authorName)
        : m.event === 'rating-requested' ? t.ratingRequested(m.authorName)
        : m.event === 'rated' ? t.rated(rating?.value === 'good')
        : t.ended;
      return html`<li class="notice" data-event=${m.event ?? ''}>${text}${rating?.comment ? html`<q>${rating.comment}</q>` : nothing}</li>
        ${m === ask ? this.#renderRating(m, t) : nothing}`;
    }
    if (m.internal) return nothing;
    if (m.automatic) return this.#renderAutomatic(m, t, time);
    const mine = m.author === 'visitor';
    return html`<li class="msg ${mine ? 'mine' : 'theirs'}" data-author=${m.author}>
      <span class="meta">${mine ? t.you : m.authorName} · <time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time></span>
      <span class="bubble ${m.text ? '' : 'bare'}">${linked(m.text)}${this.#renderFile(m.extras?.file, t, time)}</span>
    </li>`;
  }

  #renderFile(file: ChatFile | undefined, t: Strings, time: Intl.DateTimeFormat) {
    if (!file) return nothing;
    const href = serverFileUrl(this.#session.session!, file.url);
    return fileView(file, href, t.openFile(file.name), time.resolvedOptions().locale, () => this.#handleImageLoad());
  }

  /** The rating card under an operator's request, until the visitor rates. */
  #renderRating(ask: ChatMessage, t: Strings) {
    const session = this.#session.session!;
    const labels = { title: t.rateTitle, good: t.rateGood, bad: t.rateBad, comment: t.rateComment, submit: t.rateSubmit, sending: t.sending, failed: t.rateFailed };
    return html`<li class="rating" aria-live="off">
      <chat-rating .labels=${labels} .rate=${(rating: 'good' | 'bad', comment: string) => session.rate(ask.conversationId, rating, comment)}></chat-rating>
    </li>`;
  }

  /** A message the account sends on its own: a card from the account, distinct from an operator's words. */
  #renderAutomatic(m: ChatMessage, t: Strings, time: Intl.DateTimeFormat) {
    const session = this.#session.session!;
    const image = m.extras?.image ? serverFileUrl(session, m.extras.image) : undefined;
    const buttons = (m.extras?.buttons ?? []).filter((b) => isWebUrl(b.url)).slice(0, MAX_BUTTONS);
    return html`<li class="msg theirs automatic" data-author=${m.author} data-automatic=${m.automatic!}>
      <span class="meta">${m.authorName} · <time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time></span>
      <div class="bubble" part="automatic">
        <span class="label">${t.automatic}</span>
        <span class="text">${m.text}</span>
        ${image
          ? html`<img
              part="automatic-image"
              src=${image}
              alt=${t.automaticImage(m.authorName)}
              loading="lazy"
              decoding="async"
              @load=${this.#handleImageLoad}
            />`
          : nothing}
        ${buttons.length
          ? html`<span class="links">
              ${buttons.map(
                (b) => html`<a part="automatic-button" href=${b.url} target="_blank" rel="noopener noreferrer"
                  >${b.label}<span class="sr-only"> ${t.newTab}</span></a
                >`,
              )}
            </span>`
          : nothing}
      </div>
    </li>`;
  }

  #renderPending(p: PendingMessage, t: Strings, blocked: boolean) {
    const session = this.#session.session!;
    if (p.error) {
      // The server's words (e.g. "Chat is unavailable right now.") as a sentence of their own. Retry
      // is offered only when it could succeed: not while the visitor may not start a chat.
      return html`<li class="msg mine failed" data-pending>
        <span class="bubble">${p.text}</span>
        <span class="meta failure-note" role="alert"><strong>${t.notSent}.</strong> ${p.error}</span>
        <span class="meta actions">
          ${blocked ? nothing : html`<button type="button" @click=${() => session.retry(p.clientId)}>${t.retry}</button>`}
          <button type="button" @click=${() => session.discard(p.clientId)}>${t.discard}</button>
        </span>
      </li>`;
    }
    return html`<li class="msg mine pending" data-pending>
      <span class="meta">${t.sending}</span>
      <span class="bubble">${p.text}${p.file ? html`<span class="file-pending">${p.file.name}</span>` : nothing}</span>
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

  /** The category (and sub-category) fields, above the composer, before a chat starts. */
  #renderStart(categories: readonly Category[], choice: StartChoice, t: Strings) {
    const { category, division } = choice;
    const error = this.startError;
    const field = (id: 'category' | 'division', label: string, options: string[], value: string, onChange: (e: Event) => void) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select
          id=${id}
          required
          aria-invalid=${error === id ? 'true' : 'false'}
          aria-describedby=${ifDefined(error === id ? `${id}-error` : undefined)}
          @change=${onChange}
        >
          <option value="" .selected=${!value}>${t.choose}</option>
          ${options.map((o) => html`<option .value=${o} .selected=${o === value}>${o}</option>`)}
        </select>
        ${error === id
          ? html`<span class="field-error" id="${id}-error">${id === 'category' ? t.categoryRequired : t.divisionRequired}</span>`
          : nothing}
      </div>`;
    return html`<div class="start" part="start">
      ${field('category', t.category, categories.map((c) => c.name), category?.name ?? '', this.#handleCategoryChange)}
      ${category?.divisions.length ? field('division', t.division, category.divisions, division, this.#handleDivisionChange) : nothing}
    </div>`;
  }

  /** An automatic message already told the visitor why the current chat waits: no generic note beside it. */
  #toldWhy(messages: readonly ChatMessage[]): boolean {
    const current = messages.at(-1)?.conversationId;
    return messages.some((m) => m.automatic !== null && m.conversationId === current);
  }

  override render() {
    const locale = localeOf(this);
    const t = stringsFor(locale);
    const session = this.#session.session;
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    const status = session?.status ?? 'connecting';
    const availability = session?.availability;
    const statusText =
      status === 'online' ? (availability?.away ? t.awaySubtitle : t.subtitle) : status === 'reconnecting' ? t.reconnecting : t.connecting;
    const open = this.#conversationOpen;
    const ended = session?.conversationStatus === 'ended';
    // Chat stopped or visitor blocked: no chat can start. A chat already open carries on (the
    // server ends a blocked visitor's chat itself), so the reason only applies between chats.
    const blocked = open ? null : (availability?.blocked ?? null);
    const categories = availability?.categories ?? [];
    const choice = this.#startChoice(categories);
    // A first message still on its way already carries its category: the picker would only confuse.
    const starting = session?.outbox.some((p) => p.start && !p.error);
    const picker = categories.length && !open && !blocked && !choice.preset && !starting;
    const ask = pendingRatingRequest(session?.messages ?? []);
    return html`<section class="root" part="window" aria-label=${t.title} @keydown=${this.#handleWindowKeydown}>
      <header part="header">
        <div class="titles">
          <h2>${t.title}</h2>
          <p class="status ${status === 'online' ? '' : 'offline'}" role="status">${statusText}</p>
        </div>
        ${open
          ? html`<button type="button" class="end" aria-expanded=${this.confirmingEnd ? 'true' : 'false'} @click=${this.#handleEndRequest}>${t.endChat}</button>`
          : nothing}
        ${this.mode === 'launcher'
          ? html`<button type="button" class="icon close" aria-label=${t.closeChat} @click=${() => this.dispatchEvent(new ChatDismissEvent())}>
              ${closeIcon}
            </button>`
          : nothing}
      </header>
      ${open && this.confirmingEnd
        ? html`<div class="end-confirm" role="alertdialog" aria-labelledby="end-question" @keydown=${this.#handleEndKeydown}>
            <p id="end-question">${t.endConfirm}</p>
            <button type="button" class="confirm-end" @click=${this.#handleEndConfirm}>${t.endChat}</button>
            <button type="button" class="cancel-end" @click=${this.#handleEndCancel}>${t.cancel}</button>
          </div>`
        : nothing}
      <div class="log" part="transcript" role="log" aria-live="polite" aria-label=${t.transcript} tabindex="0" @scroll=${this.#handleScroll}>
        <ol class="messages">
          <li class="msg theirs greeting"><span class="bubble">${t.greeting}</span></li>
          ${session?.messages.map((m) => this.#renderMessage(m, t, time, ask))}
          ${session?.offer?.opened ? this.#renderOffer(session.offer, t, time) : nothing}
          ${session?.outbox.map((p) => this.#renderPending(p, t, !!blocked))}
          ${this.uploading ? html`<li class="msg mine pending" data-uploading><span class="meta">${t.uploading(this.uploading)}</span></li>` : nothing}
          ${session?.conversationStatus === 'waiting' && !this.#toldWhy(session.messages)
            ? html`<li class="notice" data-waiting>${t.waiting}</li>`
            : nothing}
          ${ended && !session?.outbox.length ? html`<li class="notice">${t.newChatHint}</li>` : nothing}
        </ol>
      </div>
      <div class="typing" aria-live="polite">${session?.typing ? t.typing(session.typing) : ''}</div>
      <form class="composer" part="composer" novalidate @submit=${this.#handleSubmit}>
        ${picker ? this.#renderStart(categories, choice, t) : nothing}
        <div role="status">${blocked ? html`<p class="blocked" id="blocked" part="blocked">${blocked}</p>` : nothing}</div>
        ${this.uploadError ? html`<p class="upload-error" role="alert">${this.uploadError}</p>` : nothing}
        ${(this.textarea?.value.length ?? 0) > TEXT_MAX - 400
          ? html`<p class="count" aria-live="polite">${this.textarea.value.length} / ${TEXT_MAX}</p>`
          : nothing}
        <div class="row">
          <label class="sr-only" for="composer">${t.composerLabel}</label>
          <textarea
            id="composer"
            rows="1"
            maxlength=${TEXT_MAX}
            placeholder=${t.placeholder}
            aria-describedby=${blocked ? 'blocked hint' : 'hint'}
            ?disabled=${!!blocked}
            @keydown=${this.#handleKeydown}
            @input=${this.#handleInput}
          ></textarea>
          <span class="sr-only" id="hint">${t.composerHint}</span>
          ${blocked
            ? nothing
            : html`<chat-attach-button label=${t.attach} ?busy=${!!this.uploading} @file-pick=${this.#handleFile}></chat-attach-button>
                <chat-emoji-picker align="end" label=${t.emoji} @emoji-pick=${this.#handleEmoji}></chat-emoji-picker>`}
          <button type="submit" aria-label=${t.send} ?disabled=${!session || !!blocked}>${sendIcon}</button>
        </div>
      </form>
    </section>`;
  }
}

defineEmojiPicker();
defineAttachButton();
if (!customElements.get('chat-window')) customElements.define('chat-window', ChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'chat-window': ChatWindow;
  }
}
