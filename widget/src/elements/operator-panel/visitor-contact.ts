import { css, html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ChatMessage } from '../../../../server/src/protocol/index.js';
import type { VisitorContact, WORKSPACE_LIMITS } from '../../../../server/src/protocol/workspace.js';
import type { OperatorSession, VisitorDetail } from '../../client/operator-session.js';
import { isConnectionError } from '../../client/trpc.js';
import { localeOf } from '../../i18n/index.js';
import { operatorStrings, type OperatorStrings } from '../../i18n/operator.js';
import { fileStyles, fileView } from '../shared/attachments.js';
import { panelElementBase } from './element-base.styles.js';
import { noticeText } from './notice-text.js';

const TAG = 'chat-visitor-contact';

type Field = 'name' | 'email' | 'phone' | 'notes';
type Draft = Record<Field, string>;
type PastChat = VisitorDetail['conversations'][number];
/** A past chat's transcript: loading, loaded (oldest line first), or failed. */
type Transcript = { state: 'loading' } | { state: 'loaded'; messages: ChatMessage[] } | { state: 'failed' };

const FIELDS: readonly Field[] = ['name', 'email', 'phone', 'notes'];

/*
 * The server's limits. The typed ones fail the type check when the server's change; the module
 * that holds them is imported for its types only, so the panel does not bundle zod.
 */
const NOTES_MAX: (typeof WORKSPACE_LIMITS)['notes'] = 2000;
const PHONE_MAX: (typeof WORKSPACE_LIMITS)['phone'] = 40;
/** ContactInput's name and email limits. */
const NAME_MAX = 80;
const EMAIL_MAX = 254;

const lockIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/></svg>`;

/**
 * The visitor's contact details and earlier chats, for the right column of the operator panel.
 * It reads them from the session when `visitorId` changes (answers for an earlier visitor are
 * dropped), lets the operator edit the contact (server refusals are shown beside their fields,
 * keeping what was typed), and opens the transcript of each earlier chat on demand.
 *
 * @csspart contact - the Contact section: the details, or the form that edits them
 * @csspart past-chats - the Past chats section
 * @cssprop --chat-accent - primary button and focus ring
 * @cssprop --chat-accent-contrast - text on the primary button
 * @cssprop --chat-surface - background of fields and buttons
 * @cssprop --chat-canvas - background of a hovered button and of a transcript
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - headings, labels and secondary text
 * @cssprop --chat-border - section separators and field borders
 * @cssprop --chat-font - font family
 */
export class VisitorContactPane extends LitElement {
  static override styles = [
    panelElementBase,
    fileStyles,
    css`
    :host {
      display: block;
      font-weight: 400;
      line-height: 1.45;
      text-align: start;
      --danger: #c92a2a;
    }
    :host([hidden]) {
      display: none;
    }
    h3,
    dl,
    dd {
      margin: 0;
    }
    button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      padding: 7px 14px;
      font-weight: 550;
      line-height: 1.2;
    }
    button:disabled {
      cursor: default;
      opacity: 0.55;
    }
    /* The ring falls back to the accent colour here (see @cssprop --chat-accent). */
    button:focus-visible,
    input:focus-visible,
    textarea:focus-visible {
      outline-color: var(--chat-focus, var(--chat-accent, #3b5bdb));
    }
    .secondary {
      background: var(--chat-surface, #ffffff);
      color: var(--chat-text, #1d2230);
      border-color: var(--chat-border, #e3e6ee);
    }
    .secondary:not(:disabled):hover {
      background: var(--chat-canvas, #f3f4f8);
    }
    .small {
      font-size: 12.5px;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .side-section {
      padding: 16px;
      border-bottom: 1px solid var(--chat-border, #e3e6ee);
    }
    .side-section h3 {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 10px;
      font-size: 12px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--chat-muted, #5f6679);
    }
    .error {
      color: var(--danger);
      font-size: 13px;
    }

    /* contact, read-only */
    .details {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-bottom: 12px;
    }
    .details dt {
      font-size: 12px;
      font-weight: 600;
      color: var(--chat-muted, #5f6679);
    }
    .details dd {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .status:empty {
      margin: 0;
    }
    .status {
      margin-top: 8px;
      color: #2b7a3b;
      font-size: 13px;
      font-weight: 550;
    }

    /* contact, editing */
    .contact-form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .field label {
      font-weight: 600;
      font-size: 13px;
    }
    .field input,
    .field textarea {
      width: 100%;
      border: 1px solid #cfd4df;
      border-radius: 8px;
      background: var(--chat-surface, #ffffff);
    }
    .field input {
      height: 36px;
      padding: 0 10px;
    }
    .field textarea {
      min-height: 84px;
      max-height: 240px;
      padding: 8px 10px;
      resize: vertical;
      field-sizing: content;
    }
    .field [aria-invalid='true'] {
      border-color: var(--danger);
    }
    .field-error {
      color: var(--danger);
      font-size: 12.5px;
    }
    .counter {
      align-self: flex-end;
      font-size: 12px;
      color: var(--chat-muted, #5f6679);
      font-variant-numeric: tabular-nums;
    }
    .form-error:empty {
      display: none;
    }
    .actions {
      display: flex;
      gap: 8px;
    }

    /* past chats */
    .past {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .past-chat {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 6px;
      padding-bottom: 10px;
    }
    .past-chat + .past-chat {
      padding-top: 10px;
      border-top: 1px dashed var(--chat-border, #e3e6ee);
    }
    .past-head {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 6px 8px;
      font-weight: 600;
    }
    .chip {
      padding: 1px 8px;
      border-radius: 999px;
      font-size: 11.5px;
      font-weight: 700;
      background: var(--chat-canvas, #f3f4f8);
      color: var(--chat-muted, #5f6679);
    }
    .chip.waiting {
      background: #fff0f0;
      color: #b02525;
    }
    .chip.active {
      background: #ebfbee;
      color: #2b7a3b;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .tag {
      padding: 2px 8px;
      border-radius: 999px;
      border: 1px solid var(--chat-border, #e3e6ee);
      font-size: 12px;
    }
    .toggle {
      padding: 0;
    }
    .transcript {
      align-self: stretch;
      padding: 8px 10px;
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 10px;
      background: var(--chat-canvas, #f3f4f8);
      font-size: 13px;
    }
    .lines {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .line-meta {
      font-size: 12px;
      color: var(--chat-muted, #5f6679);
    }
    .who {
      font-weight: 600;
      color: var(--chat-text, #1d2230);
    }
    .line-text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .line.event {
      font-size: 12px;
      color: var(--chat-muted, #5f6679);
      text-align: center;
    }
    .line.internal {
      padding: 4px 6px;
      border: 1px dashed #fcc419;
      border-radius: 6px;
      background: #fff9db;
    }
    .internal-note {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 11.5px;
      font-weight: 600;
      color: #7a4f00;
    }
    .internal-note svg {
      width: 12px;
      height: 12px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
  `,
  ];

  /** The operator's session; the pane reads and writes through it. */
  @property({ attribute: false }) session?: OperatorSession;
  /** The visitor shown; 0 shows nothing. */
  @property({ type: Number, attribute: 'visitor-id' }) visitorId = 0;
  /** The chat open in the panel, left out of Past chats. */
  @property({ type: Number, attribute: 'current-conversation-id' }) currentConversationId: number | null = null;
  @property() override lang = '';

  @state() private detail: VisitorDetail | null = null;
  @state() private loadFailed = false;
  @state() private editing = false;
  @state() private draft: Draft = blankDraft();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private saving = false;
  @state() private saved = false;
  @state() private expanded: ReadonlySet<number> = new Set();
  @state() private transcripts: ReadonlyMap<number, Transcript> = new Map();

  /** Bumped when the visitor or the session changes: answers to calls made before are dropped. */
  #epoch = 0;
  /** Bumped by each load, so only the latest load's answer is kept. */
  #loads = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('visitorId') || changed.has('session')) {
      this.#reset();
      void this.refresh();
    } else if (changed.has('currentConversationId') && this.currentConversationId !== null && this.detail) {
      // A chat that started after the list was read: read it again, so the previous one is listed.
      if (!this.detail.conversations.some((c) => c.id === this.currentConversationId)) void this.refresh();
    }
  }

  /** Reads the visitor's contact details and chats again. */
  async refresh(): Promise<void> {
    const { session, visitorId } = this;
    const epoch = this.#epoch;
    const load = ++this.#loads;
    if (!session || !visitorId) return;
    this.loadFailed = false;
    try {
      const detail = await session.visitorDetail(visitorId);
      if (epoch !== this.#epoch || load !== this.#loads) return;
      this.detail = detail;
      if (!this.editing) this.draft = draftOf(detail.contact);
    } catch {
      if (epoch !== this.#epoch || load !== this.#loads) return;
      this.loadFailed = true;
    }
  }

  #reset(): void {
    this.#epoch++;
    this.detail = null;
    this.loadFailed = false;
    this.editing = false;
    this.draft = blankDraft();
    this.errors = {};
    this.formError = '';
    this.saving = false;
    this.saved = false;
    this.expanded = new Set();
    this.transcripts = new Map();
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // --- handlers ------------------------------------------------------------------

  #handleEdit(): void {
    if (!this.detail) return;
    this.draft = draftOf(this.detail.contact);
    this.errors = {};
    this.formError = '';
    this.saved = false;
    this.editing = true;
    void this.#focus('#contact-name');
  }

  #handleCancel(): void {
    if (this.detail) this.draft = draftOf(this.detail.contact);
    this.errors = {};
    this.formError = '';
    this.editing = false;
    void this.#focus('.edit');
  }

  #handleInput(field: Field, e: Event): void {
    this.draft = { ...this.draft, [field]: (e.target as HTMLInputElement | HTMLTextAreaElement).value };
    if (this.errors[field]) {
      const errors = { ...this.errors };
      delete errors[field];
      this.errors = errors;
    }
  }

  #handleFormKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || this.saving) return;
    e.preventDefault();
    // Escape closes this form only, not a popover or dialog around the pane.
    e.stopPropagation();
    this.#handleCancel();
  }

  async #handleSave(e: SubmitEvent, t: OperatorStrings): Promise<void> {
    e.preventDefault();
    const { session, detail, visitorId } = this;
    if (!session || !detail || this.saving) return;
    const before = draftOf(detail.contact);
    // Only what the operator changed is sent, so a colleague's edit to another field is kept.
    const changes = Object.fromEntries(FIELDS.filter((f) => this.draft[f] !== before[f]).map((f) => [f, this.draft[f]]));
    if (!Object.keys(changes).length) {
      this.#handleCancel();
      return;
    }
    const epoch = this.#epoch;
    this.saving = true;
    this.errors = {};
    this.formError = '';
    try {
      const contact = await session.updateContact({ visitorId, ...changes });
      if (epoch !== this.#epoch) return;
      this.detail = { ...(this.detail ?? detail), contact };
      this.draft = draftOf(contact);
      this.editing = false;
      this.saved = true;
      void this.#focus('.edit');
    } catch (err) {
      if (epoch !== this.#epoch) return;
      const refusal = refusalOf(err);
      this.errors = refusal.fields;
      this.formError = isConnectionError(err)
        ? t.actionOffline
        : Object.keys(refusal.fields).length
          ? [t.contactNotSaved, ...refusal.other].join(' ')
          : t.actionFailed(refusal.message);
      void this.#focus('.field [aria-invalid="true"], .actions .primary');
    } finally {
      if (epoch === this.#epoch) this.saving = false;
    }
  }

  #handleToggle(id: number): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) {
      expanded.add(id);
      const known = this.transcripts.get(id);
      if (!known || known.state === 'failed') void this.#loadTranscript(id);
    }
    this.expanded = expanded;
  }

  async #loadTranscript(id: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    const epoch = this.#epoch;
    this.transcripts = new Map(this.transcripts).set(id, { state: 'loading' });
    let next: Transcript;
    try {
      next = { state: 'loaded', messages: await session.transcript(id) };
    } catch {
      next = { state: 'failed' };
    }
    if (epoch !== this.#epoch) return;
    this.transcripts = new Map(this.transcripts).set(id, next);
  }

  // --- rendering -------------------------------------------------------------------

  #renderValue(value: string, t: OperatorStrings) {
    return value ? value : html`<span class="muted" aria-hidden="true">—</span><span class="sr-only">${t.notGiven}</span>`;
  }

  #renderContact(t: OperatorStrings) {
    const contact = this.detail?.contact;
    let body;
    if (!contact) {
      body = this.loadFailed
        ? html`<p class="error" role="alert">
            ${t.visitorLoadFailed} <button type="button" class="link" @click=${() => this.refresh()}>${t.retry}</button>
          </p>`
        : html`<p class="muted small" role="status">${t.loadingVisitor}</p>`;
    } else if (this.editing) {
      body = this.#renderForm(t);
    } else {
      const shown = draftOf(contact);
      body = html`<dl class="details">
          ${FIELDS.map((f) => html`<div data-field=${f}><dt>${fieldLabel(t, f)}</dt><dd>${this.#renderValue(shown[f], t)}</dd></div>`)}
        </dl>
        <button type="button" class="secondary edit" @click=${this.#handleEdit}>${t.editContact}</button>`;
    }
    return html`<section class="side-section" part="contact" aria-labelledby="h-contact">
      <h3 id="h-contact">${t.contact}</h3>
      ${body}
      <p class="status" role="status">${this.saved && !this.editing ? t.contactSaved : ''}</p>
    </section>`;
  }

  #renderForm(t: OperatorStrings) {
    const field = (f: Exclude<Field, 'notes'>, type: string, max: number, autocomplete: string) => {
      const error = this.errors[f];
      return html`<div class="field">
        <label for="contact-${f}">${fieldLabel(t, f)}</label>
        <input
          id="contact-${f}"
          name=${f}
          type=${type}
          maxlength=${max}
          autocomplete=${autocomplete}
          .value=${live(this.draft[f])}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `contact-${f}-error` : nothing}
          @input=${(e: Event) => this.#handleInput(f, e)}
        />
        ${error ? html`<p class="field-error" id="contact-${f}-error">${error}</p>` : nothing}
      </div>`;
    };
    const notesError = this.errors.notes;
    return html`<form class="contact-form" novalidate aria-labelledby="h-contact" @submit=${(e: SubmitEvent) => this.#handleSave(e, t)} @keydown=${this.#handleFormKeydown}>
      ${field('name', 'text', NAME_MAX, 'off')} ${field('email', 'email', EMAIL_MAX, 'off')} ${field('phone', 'tel', PHONE_MAX, 'off')}
      <div class="field">
        <label for="contact-notes">${t.contactNotes}</label>
        <textarea
          id="contact-notes"
          name="notes"
          rows="4"
          maxlength=${NOTES_MAX}
          .value=${live(this.draft.notes)}
          aria-invalid=${notesError ? 'true' : 'false'}
          aria-describedby=${notesError ? 'contact-notes-count contact-notes-error' : 'contact-notes-count'}
          @input=${(e: Event) => this.#handleInput('notes', e)}
        ></textarea>
        <span class="counter" aria-hidden="true">${this.draft.notes.length}/${NOTES_MAX}</span>
        <span class="sr-only" id="contact-notes-count">${t.notesLength(this.draft.notes.length, NOTES_MAX)}</span>
        ${notesError ? html`<p class="field-error" id="contact-notes-error">${notesError}</p>` : nothing}
      </div>
      <p class="error form-error" role="alert">${this.formError}</p>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? t.saving : t.saveContact}</button>
        <button type="button" class="secondary cancel" ?disabled=${this.saving} @click=${this.#handleCancel}>${t.cancel}</button>
      </div>
    </form>`;
  }

  #renderPastChats(t: OperatorStrings, when: Intl.DateTimeFormat, time: Intl.DateTimeFormat) {
    const detail = this.detail;
    const past = detail?.conversations.filter((c) => c.id !== this.currentConversationId) ?? [];
    return html`<section class="side-section" part="past-chats" aria-labelledby="h-past">
      <h3 id="h-past">${t.pastChats}</h3>
      ${!detail
        ? this.loadFailed
          ? nothing
          : html`<p class="muted small">${t.loadingVisitor}</p>`
        : past.length
          ? html`<ol class="past">${past.map((c) => this.#renderPastChat(c, t, when, time))}</ol>`
          : html`<p class="muted small">${t.noPastChats}</p>`}
    </section>`;
  }

  #renderPastChat(c: PastChat, t: OperatorStrings, when: Intl.DateTimeFormat, time: Intl.DateTimeFormat) {
    const open = this.expanded.has(c.id);
    return html`<li class="past-chat" data-conversation=${c.id}>
      <p class="past-head">
        <time id="past-${c.id}-when" datetime=${new Date(c.createdAt).toISOString()}>${when.format(c.createdAt)}</time>
        <span class="chip ${c.status}">${statusText(t, c.status)}</span>
      </p>
      ${c.tags.length
        ? html`<ul class="tags" aria-label=${t.tags}>${c.tags.map((tag) => html`<li class="tag">${tag}</li>`)}</ul>`
        : nothing}
      <button
        type="button"
        class="link toggle"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? `past-${c.id}-transcript` : nothing}
        aria-describedby="past-${c.id}-when"
        @click=${() => this.#handleToggle(c.id)}
      >
        ${open ? t.hideTranscript : t.showTranscript}
      </button>
      ${open ? html`<div class="transcript" id="past-${c.id}-transcript">${this.#renderTranscript(c.id, t, time)}</div>` : nothing}
    </li>`;
  }

  #renderTranscript(id: number, t: OperatorStrings, time: Intl.DateTimeFormat) {
    const transcript = this.transcripts.get(id);
    if (!transcript || transcript.state === 'loading') return html`<p class="muted small" role="status">${t.loadingTranscript}</p>`;
    if (transcript.state === 'failed') {
      return html`<p class="error" role="alert">
        ${t.transcriptFailed} <button type="button" class="link" @click=${() => this.#loadTranscript(id)}>${t.retry}</button>
      </p>`;
    }
    if (!transcript.messages.length) return html`<p class="muted small">${t.noMessages}</p>`;
    return html`<ol class="lines">${transcript.messages.map((m) => this.#renderLine(m, t, time))}</ol>`;
  }

  #renderLine(m: ChatMessage, t: OperatorStrings, time: Intl.DateTimeFormat) {
    const at = html`<time datetime=${new Date(m.createdAt).toISOString()}>${time.format(m.createdAt)}</time>`;
    if (m.kind === 'event') return html`<li class="line event" data-event=${m.event ?? ''}>${noticeText(t, m)} · ${at}</li>`;
    const kind = m.automatic;
    return html`<li class="line ${m.internal ? 'internal' : ''}" data-author=${m.author}>
      <p class="line-meta">
        <span class="who">${m.authorName}</span>
        ${kind ? html`· ${t.automaticBadge} · ${t.automaticKinds[kind]}` : m.author === 'system' ? html`· ${t.automatic}` : nothing} · ${at}
      </p>
      ${m.text ? html`<p class="line-text">${m.text}</p>` : nothing}
      ${m.extras?.file ? fileView(m.extras.file, this.session?.fileUrl(m.extras.file.url) ?? undefined, t.openFile(m.extras.file.name), localeOf(this)) : nothing}
      ${m.internal ? html`<p class="internal-note">${lockIcon}${t.internalNote}</p>` : nothing}
    </li>`;
  }

  override render() {
    if (!this.session || !this.visitorId) return nothing;
    const locale = localeOf(this);
    const t = operatorStrings(locale);
    const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    return html`${this.#renderContact(t)}${this.#renderPastChats(t, when, time)}`;
  }
}

function blankDraft(): Draft {
  return { name: '', email: '', phone: '', notes: '' };
}

function draftOf(contact: VisitorContact): Draft {
  return { name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '', notes: contact.notes ?? '' };
}

function fieldLabel(t: OperatorStrings, field: Field): string {
  return { name: t.contactName, email: t.contactEmail, phone: t.contactPhone, notes: t.contactNotes }[field];
}

function statusText(t: OperatorStrings, status: string): string {
  return status === 'ended' ? t.statusEnded : status === 'active' ? t.statusActive : status === 'waiting' ? t.statusWaiting : status;
}

/**
 * A refused save, split by field. The server sends an invalid input's problems as
 * `data.issues` ({ path, message }), the same shape the admin's AdminError reads; the admin's
 * session is not imported here, so the operator panel does not carry it.
 */
function refusalOf(err: unknown): { fields: Partial<Record<Field, string>>; other: string[]; message: string } {
  const data = (err as { data?: { issues?: Array<{ path: string[]; message: string }> } } | null)?.data;
  const fields: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const issue of data?.issues ?? []) {
    const field = issue.path[0] as Field | undefined;
    if (field && FIELDS.includes(field)) fields[field] = fields[field] ? `${fields[field]} · ${issue.message}` : issue.message;
    else other.push(issue.message);
  }
  return { fields, other, message: (err as Error | null)?.message ?? '' };
}

/** Registers <chat-visitor-contact>, once: a page may load the panel twice. */
export function defineVisitorContact(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, VisitorContactPane);
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-visitor-contact': VisitorContactPane;
  }
}

defineVisitorContact();
