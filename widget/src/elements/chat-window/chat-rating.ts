/**
 * <chat-rating>: the card an operator's rating request shows in the visitor's window. The visitor
 * picks Good or Bad, may add a comment, and sends; the transcript then says how they rated.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Rating } from '../../../../server/src/protocol/index.js';

const COMMENT_MAX = 500;

const thumb = (down: boolean) =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" class=${down ? 'down' : 'up'}><path d="M7 11v9H4v-9zM7 11l4-8a2 2 0 0 1 2 2v4h5.5a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.3 20H7"/></svg>`;

export interface RatingLabels {
  title: string;
  good: string;
  bad: string;
  comment: string;
  submit: string;
  sending: string;
  failed: string;
}

export class ChatRating extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    form {
      display: grid;
      gap: 10px;
      padding: 14px;
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 14px;
      background: var(--chat-surface, #ffffff);
      color: var(--chat-text, #1d2230);
      font: inherit;
    }
    fieldset {
      display: flex;
      gap: 8px;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin-block-end: 8px;
      padding: 0;
      font-weight: 600;
    }
    .choice {
      display: inline-flex;
      flex: 1;
      align-items: center;
      justify-content: center;
      gap: 6px;
      padding: 8px 10px;
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 10px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .choice[aria-pressed='true'] {
      border-color: var(--chat-accent, #3b5bdb);
      background: color-mix(in srgb, var(--chat-accent, #3b5bdb) 10%, transparent);
      color: var(--chat-accent, #3b5bdb);
      font-weight: 600;
    }
    svg {
      width: 18px;
      height: 18px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linejoin: round;
    }
    /* A class, not a style attribute: the widget runs under a strict CSP (no inline styles). */
    svg.down {
      transform: rotate(180deg);
    }
    label {
      font-size: 13px;
      color: var(--chat-muted, #5f6679);
    }
    textarea {
      box-sizing: border-box;
      width: 100%;
      min-height: 56px;
      margin-block-start: 4px;
      padding: 8px 10px;
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 10px;
      font: inherit;
      color: inherit;
      resize: vertical;
    }
    .send {
      justify-self: end;
      padding: 8px 14px;
      border: 0;
      border-radius: 10px;
      background: var(--chat-accent, #3b5bdb);
      color: var(--chat-accent-contrast, #ffffff);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .send[aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    button:focus-visible,
    textarea:focus-visible {
      outline: 2px solid var(--chat-focus, var(--chat-accent, #3b5bdb));
      outline-offset: 2px;
    }
    .failure {
      margin: 0;
      color: var(--chat-danger, #c92a2a);
      font-size: 13px;
    }
  `;

  @property({ attribute: false }) labels!: RatingLabels;
  /** Sends the rating; rejects with the reason when it was not taken. */
  @property({ attribute: false }) rate!: (rating: Rating, comment: string) => Promise<unknown>;

  @state() private choice: Rating | null = null;
  @state() private sending = false;
  @state() private failure = '';

  async #handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this.choice || this.sending) return;
    const comment = (this.renderRoot.querySelector('textarea')?.value ?? '').trim();
    this.sending = true;
    this.failure = '';
    try {
      await this.rate(this.choice, comment);
    } catch (err) {
      this.failure = `${this.labels.failed} ${(err as Error).message ?? ''}`.trim();
    } finally {
      this.sending = false;
    }
  }

  override render() {
    const l = this.labels;
    const choice = (value: Rating, label: string) =>
      html`<button type="button" class="choice" data-rating=${value} aria-pressed=${this.choice === value ? 'true' : 'false'} @click=${() => (this.choice = value)}>
        ${thumb(value === 'bad')}${label}
      </button>`;
    return html`<form part="rating" @submit=${this.#handleSubmit}>
      <fieldset>
        <legend>${l.title}</legend>
        ${choice('good', l.good)} ${choice('bad', l.bad)}
      </fieldset>
      <label>${l.comment}<textarea maxlength=${COMMENT_MAX} rows="2"></textarea></label>
      ${this.failure ? html`<p class="failure" role="alert">${this.failure}</p>` : nothing}
      <button type="submit" class="send" aria-disabled=${!this.choice || this.sending ? 'true' : 'false'}>${this.sending ? l.sending : l.submit}</button>
    </form>`;
  }
}

if (!customElements.get('chat-rating')) customElements.define('chat-rating', ChatRating);

declare global {
  interface HTMLElementTagNameMap {
    'chat-rating': ChatRating;
  }
}
