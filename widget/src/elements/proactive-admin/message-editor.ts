import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { choices, type Choice } from './choices.js';
import type {
  Capture,
  Frequency,
  ProactiveFieldsValue,
  ProactiveList,
  ProactiveMessage,
  Schedule,
} from '../../../../server/src/protocol/proactive.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { ChatEditorDoneEvent, type ChatRuleChangeEvent } from './events.js';
import { alertIcon, backIcon, closeIcon, logoIcon } from './icons.js';
import { CAPTURE_OPTIONS, FREQUENCY_OPTIONS, initials, SCHEDULE_OPTIONS, STATUS_LABELS } from './labels.js';
import { base, editor } from './proactive-admin.styles.js';
import './rule-builder.js';
import type { ProactiveRuleBuilder } from './rule-builder.js';
import { PROACTIVE_LIMITS } from '../../../../server/src/protocol/proactive-shared.js';

type Draft = ProactiveFieldsValue;

/** The editor's own fields; any other issue path is shown in the alert at the top. */
const FIELD_KEYS = ['name', 'siteId', 'text', 'capture', 'followUp', 'tags', 'schedule', 'frequency'] as const;

function blank(siteId: number): Draft {
  return {
    name: '',
    siteId,
    text: '',
    capture: 'none',
    followUp: '',
    tags: [],
    rules: { match: 'all', conditions: [] },
    schedule: 'always',
    frequency: 'oncePerVisit',
  };
}

function draftOf(m: ProactiveMessage): Draft {
  const { name, siteId, text, capture, followUp, tags, rules, schedule, frequency } = m;
  return structuredClone({ name, siteId, text, capture, followUp, tags, rules, schedule, frequency });
}

/**
 * Creates or edits one proactive message: content, channel, data capture, follow-up, tags,
 * targeting rule, schedule and frequency, beside a live preview of the bubble and of what the
 * visitor sees after clicking it. Saving goes to the server, whose validation messages are
 * shown next to the fields they name.
 *
 * @fires chat-editor-done - saved (with the stored message) or cancelled (saved: null)
 */
export class ProactiveMessageEditor extends LitElement {
  static override styles = [base, editor];

  @property({ attribute: false }) session?: AdminSession;
  /** The message being edited; null for a new one. */
  @property({ attribute: false }) message: ProactiveMessage | null = null;
  /** The account's list, for its channels and their senders. */
  @property({ attribute: false }) list: ProactiveList | null = null;

  @state() private draft: Draft = blank(0);
  @state() private errors: Record<string, string> = {};
  @state() private ruleErrors: Record<string, string> = {};
  @state() private formError = '';
  @state() private saving = false;
  @state() private tagText = '';

  #loadedFor: ProactiveMessage | null | undefined = undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('message') && this.message !== this.#loadedFor) {
      this.#loadedFor = this.message;
      this.draft = this.message ? draftOf(this.message) : blank(this.list?.sites[0]?.id ?? 0);
      this.errors = {};
      this.ruleErrors = {};
      this.formError = '';
      this.tagText = '';
    }
    if (!this.draft.siteId && this.list?.sites[0]) this.draft = { ...this.draft, siteId: this.list.sites[0].id };
  }

  /** Puts focus on the first field, for when the editor opens. */
  focusFirst(): void {
    this.renderRoot.querySelector<HTMLElement>('#name')?.focus();
  }

  // --- handlers ------------------------------------------------------------------

  #set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
    if (this.errors[key]) this.errors = { ...this.errors, [key]: '' };
  }

  #handleRule(e: ChatRuleChangeEvent): void {
    this.draft = { ...this.draft, rules: e.detail.rule };
  }

  #addTags(raw: string): void {
    const fresh = raw
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t && !this.draft.tags.includes(t));
    if (fresh.length) this.#set('tags', [...this.draft.tags, ...new Set(fresh)]);
  }

  #handleTagKeydown(e: KeyboardEvent): void {
    const input = e.target as HTMLInputElement;
    if ((e.key === 'Enter' || e.key === ',') && !e.isComposing) {
      e.preventDefault();
      this.#addTags(input.value);
      this.tagText = '';
      input.value = '';
    } else if (e.key === 'Backspace' && input.value === '' && this.draft.tags.length) {
      this.#set('tags', this.draft.tags.slice(0, -1));
    }
  }

  #handleTagInput(e: Event): void {
    const input = e.target as HTMLInputElement;
    // A pasted "a, b, c" becomes chips at once; what follows the last comma stays in the box.
    if (input.value.includes(',')) {
      const parts = input.value.split(',');
      const rest = parts.pop() ?? '';
      this.#addTags(parts.join(','));
      input.value = rest;
    }
    this.tagText = input.value;
  }

  #commitTagText(): void {
    if (!this.tagText.trim()) return;
    this.#addTags(this.tagText);
    this.tagText = '';
    const input = this.renderRoot.querySelector<HTMLInputElement>('#tags');
    if (input) input.value = '';
  }

  async #removeTag(tag: string): Promise<void> {
    this.#set('tags', this.draft.tags.filter((t) => t !== tag));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#tags')?.focus();
  }

  #handleCancel(): void {
    this.dispatchEvent(new ChatEditorDoneEvent(null, false));
  }

  async #handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const session = this.session;
    if (!session || this.saving) return;
    this.#commitTagText();
    this.saving = true;
    this.errors = {};
    this.ruleErrors = {};
    this.formError = '';
    try {
      const saved = this.message ? await session.update(this.message.id, this.draft) : await session.create(this.draft);
      this.dispatchEvent(new ChatEditorDoneEvent(saved, !this.message));
    } catch (err) {
      this.#showErrors(AdminError.from(err));
      await this.updateComplete;
      this.#focusFirstError();
    } finally {
      this.saving = false;
    }
  }

  #showErrors(err: AdminError): void {
    const errors: Record<string, string> = {};
    const ruleErrors: Record<string, string> = {};
    const other: string[] = [];
    for (const issue of err.issues) {
      const [head, ...rest] = issue.path.split('.');
      const add = (into: Record<string, string>, key: string) => {
        into[key] = into[key] ? `${into[key]} · ${issue.message}` : issue.message;
      };
      if (head === 'rules' && rest.length) add(ruleErrors, rest.join('.'));
      else if (head === 'rules') add(ruleErrors, 'conditions');
      else if ((FIELD_KEYS as readonly string[]).includes(head ?? '')) add(errors, head!);
      else other.push(issue.message);
    }
    this.errors = errors;
    this.ruleErrors = ruleErrors;
    const fieldCount = Object.keys(errors).length + Object.keys(ruleErrors).length;
    this.formError = fieldCount
      ? ['The message was not saved: fix what is marked below.', ...other].join(' ')
      : err.message || 'The message was not saved.';
  }

  #focusFirstError(): void {
    const own = this.renderRoot.querySelector<HTMLElement>('.form [aria-invalid="true"]');
    const builder = this.renderRoot.querySelector<ProactiveRuleBuilder>('proactive-rule-builder');
    // Fields come in page order: name, channel, text... then the rule, then delivery.
    const firstOwnKey = FIELD_KEYS.find((k) => this.errors[k]);
    if (own && firstOwnKey && !['schedule', 'frequency'].includes(firstOwnKey)) return own.focus();
    if (Object.keys(this.ruleErrors).length && builder?.focusFirstError()) return;
    if (own) return own.focus();
    this.renderRoot.querySelector<HTMLElement>('.form-alert')?.focus();
  }

  // --- rendering -------------------------------------------------------------------

  #sender(): string {
    const siteId = this.draft.siteId;
    if (this.message?.siteId === siteId && this.message.sender) return this.message.sender.name;
    const other = this.list?.messages.find((m) => m.siteId === siteId && m.sender);
    return other?.sender?.name ?? 'Team';
  }

  #error(key: string) {
    return html`<p class="field-error" id="err-${key}">${this.errors[key] ?? ''}</p>`;
  }

  #invalid(key: string): 'true' | 'false' {
    return this.errors[key] ? 'true' : 'false';
  }

  #radios<T extends string>(name: string, legend: string, options: Array<Choice<T>>, value: T, set: (v: T) => void, cols = false) {
    return html`<fieldset class="field" aria-describedby=${this.errors[name] ? `err-${name}` : nothing}>
      <legend class="label">${legend}</legend>
      ${choices(name, options, value, set, cols)}
      ${this.#error(name)}
    </fieldset>`;
  }

  #renderTags() {
    const d = this.draft;
    return html`<div class="field">
      <label for="tags">Tags <span class="optional">(optional)</span></label>
      <div class="tags ${this.errors.tags ? 'invalid' : ''}" @click=${(e: Event) => {
        if (e.target === e.currentTarget) this.renderRoot.querySelector<HTMLElement>('#tags')?.focus();
      }}>
        ${d.tags.map(
          (t) => html`<span class="chip">${t}<button type="button" aria-label="Remove tag ${t}" @click=${() => this.#removeTag(t)}>${closeIcon}</button></span>`,
        )}
        <input
          id="tags"
          type="text"
          maxlength=${PROACTIVE_LIMITS.tag * 4}
          placeholder=${d.tags.length ? '' : 'pricing, vip'}
          aria-describedby="tags-hint${this.errors.tags ? ' err-tags' : ''}"
          aria-invalid=${this.#invalid('tags')}
          ?disabled=${d.tags.length >= PROACTIVE_LIMITS.tags}
          @keydown=${this.#handleTagKeydown}
          @input=${this.#handleTagInput}
          @blur=${this.#commitTagText}
        />
      </div>
      <p class="hint" id="tags-hint">Added to the conversation the message starts. Press Enter or type a comma after each tag (at most ${PROACTIVE_LIMITS.tags}).</p>
      ${this.#error('tags')}
    </div>`;
  }

  #renderPreview() {
    const d = this.draft;
    const sender = this.#sender();
    const text = d.text.trim();
    const asks = d.capture === 'none' ? [] : d.capture === 'nameEmail' ? ['Name', 'Email'] : [d.capture === 'name' ? 'Name' : 'Email'];
    return html`<aside class="preview" aria-labelledby="preview-title" part="preview">
      <div class="preview-head">
        <h2 id="preview-title">Preview</h2>
        <span class="hint">${this.list?.sites.find((s) => s.id === d.siteId)?.name ?? ''}</span>
      </div>
      <figure class="stage" aria-label="The bubble above the launcher">
        <div class="browser-bar" aria-hidden="true"><i></i><i></i><i></i><span></span></div>
        <div class="page-lines" aria-hidden="true"><i></i><i></i><i></i><i></i></div>
        <div class="bubble-wrap">
          <div class="bubble">
            <span class="avatar" aria-hidden="true">${initials(sender)}</span>
            <span class="bubble-sender">${sender}</span>
            <span class="bubble-text ${text ? '' : 'placeholder'}">${text || 'Your message appears here'}</span>
            <span class="bubble-x" aria-hidden="true">${closeIcon}</span>
          </div>
          <span class="launcher-dot" aria-hidden="true">${logoIcon}</span>
        </div>
      </figure>
      <figure class="window" aria-label="After the visitor clicks the bubble">
        <div class="window-head"><span class="avatar" aria-hidden="true">${initials(sender)}</span><span>${sender}</span></div>
        <div class="window-body">
          <p class="msg">${text || '…'}</p>
          ${asks.length
            ? html`<div class="capture">
                <p class="capture-title">${asks.length === 2 ? 'Leave your name and email' : asks[0] === 'Name' ? 'What is your name?' : 'Leave your email'}</p>
                ${asks.map((a) => html`<span class="fake-input">${a}</span>`)}
                <span class="fake-button">Send</span>
              </div>`
            : html`<p class="preview-note">The visitor replies in the chat window.</p>`}
          ${d.followUp.trim()
            ? html`<p class="then">Then</p>
                <p class="msg">${d.followUp.trim()}</p>`
            : nothing}
        </div>
      </figure>
    </aside>`;
  }

  override render() {
    const d = this.draft;
    const m = this.message;
    const sites = this.list?.sites ?? [];
    const near = d.text.length > PROACTIVE_LIMITS.text - 30;
    return html`<form class="editor" novalidate @submit=${this.#handleSubmit} aria-labelledby="editor-title">
      <div class="editor-head">
        <button type="button" class="ghost back" @click=${this.#handleCancel}>${backIcon}Messages</button>
        <div class="editor-title">
          <h1 id="editor-title">${m ? `Edit “${m.name}”` : 'New message'}</h1>
          ${m ? html`<span class="pill ${m.status}">${STATUS_LABELS[m.status]}</span>` : nothing}
        </div>
        <div class="editor-actions">
          <button type="button" class="secondary" @click=${this.#handleCancel}>Cancel</button>
          <button type="submit" class="primary save" ?disabled=${this.saving || !sites.length}>
            ${this.saving ? 'Saving…' : m ? 'Save changes' : 'Save draft'}
          </button>
        </div>
      </div>
      <div class="alert form-alert" role="alert" tabindex="-1">${this.formError ? html`${alertIcon}<span>${this.formError}</span>` : nothing}</div>
      <div class="layout">
        <div class="form">
          <section class="card section" aria-labelledby="s-message">
            <div class="section-head">
              <h2 id="s-message">Message</h2>
              <p>What the visitor reads, from the channel's default sender.</p>
            </div>
            <div class="row2">
              <div class="field">
                <label for="name">Name</label>
                <input
                  id="name"
                  type="text"
                  maxlength=${PROACTIVE_LIMITS.name}
                  placeholder="Pricing page welcome"
                  .value=${live(d.name)}
                  aria-invalid=${this.#invalid('name')}
                  aria-describedby="name-hint${this.errors.name ? ' err-name' : ''}"
                  @input=${(e: Event) => this.#set('name', (e.target as HTMLInputElement).value)}
                />
                <p class="hint" id="name-hint">Only your team sees it.</p>
                ${this.#error('name')}
              </div>
              <div class="field">
                <label for="site">Channel</label>
                <select
                  id="site"
                  aria-invalid=${this.#invalid('siteId')}
                  aria-describedby=${this.errors.siteId ? 'err-siteId' : nothing}
                  @change=${(e: Event) => this.#set('siteId', Number((e.target as HTMLSelectElement).value))}
                >
                  ${sites.map((s) => html`<option value=${s.id} ?selected=${s.id === d.siteId}>${s.name}</option>`)}
                </select>
                ${sites.length ? nothing : html`<p class="hint">This account has no channel yet.</p>`}
                ${this.#error('siteId')}
              </div>
            </div>
            <div class="field">
              <div class="label-row">
                <label for="text">Message text</label>
                <span class="counter ${near ? 'near' : ''}" id="text-count">${d.text.length} / ${PROACTIVE_LIMITS.text}</span>
              </div>
              <textarea
                id="text"
                rows="3"
                maxlength=${PROACTIVE_LIMITS.text}
                placeholder="Questions about our plans? We are here to help."
                .value=${live(d.text)}
                aria-invalid=${this.#invalid('text')}
                aria-describedby="text-count${this.errors.text ? ' err-text' : ''}"
                @input=${(e: Event) => this.#set('text', (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              ${this.#error('text')}
            </div>
            ${this.#radios<Capture>('capture', 'Data capture', CAPTURE_OPTIONS, d.capture, (v) => this.#set('capture', v), true)}
            <div class="field">
              <label for="followUp">Follow-up <span class="optional">(optional)</span></label>
              <textarea
                id="followUp"
                rows="2"
                maxlength=${PROACTIVE_LIMITS.followUp}
                placeholder="Thanks! Someone from the team will be right with you."
                .value=${live(d.followUp)}
                aria-invalid=${this.#invalid('followUp')}
                aria-describedby="followUp-hint${this.errors.followUp ? ' err-followUp' : ''}"
                @input=${(e: Event) => this.#set('followUp', (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              <p class="hint" id="followUp-hint">Shown after the visitor shares their details, before an operator joins.</p>
              ${this.#error('followUp')}
            </div>
            ${this.#renderTags()}
          </section>

          <section class="card section" aria-labelledby="s-rules">
            <div class="section-head">
              <h2 id="s-rules">Targeting</h2>
              <p>Who sees it. When several live messages match, the first in your list wins.</p>
            </div>
            <proactive-rule-builder .rule=${d.rules} .errors=${this.ruleErrors} @chat-rule-change=${this.#handleRule}></proactive-rule-builder>
          </section>

          <section class="card section" aria-labelledby="s-delivery">
            <div class="section-head">
              <h2 id="s-delivery">Delivery</h2>
              <p>When it may be sent, and how often a visitor sees it.</p>
            </div>
            ${this.#radios<Schedule>('schedule', 'Schedule', SCHEDULE_OPTIONS, d.schedule, (v) => this.#set('schedule', v), true)}
            ${this.#radios<Frequency>('frequency', 'Frequency', FREQUENCY_OPTIONS, d.frequency, (v) => this.#set('frequency', v), true)}
          </section>
        </div>
        ${this.#renderPreview()}
      </div>
    </form>`;
  }
}

if (!customElements.get('proactive-message-editor')) customElements.define('proactive-message-editor', ProactiveMessageEditor);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-message-editor': ProactiveMessageEditor;
  }
}
