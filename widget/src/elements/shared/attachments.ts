/**
 * Files in chats, shared by the visitor's window and the operator panel: the attach button, the
 * upload to the chat server, and how a sent file shows in a transcript (an image inline, a PDF as
 * a card that opens it). The server checks every file again by its content.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChatFile } from '../../../../server/src/protocol/index.js';
import { ATTACHMENT_TYPES } from '../../client/upload.js';

export { attachmentProblem, uploadFile, UploadError, type UploadedFile } from '../../client/upload.js';

const TAG = 'chat-attach-button';

/** "1.2 MB", "340 KB", in the reader's language. */
export function fileSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

const docIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5M9 13h6M9 17h4"/></svg>`;
const clipIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="m20 11.5-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"/></svg>`;

/**
 * A sent file in a transcript. `href` is where the server serves it (undefined: shown without a
 * link or preview); `openLabel` names the link for assistive technology ("Open invoice.pdf").
 */
export function fileView(file: ChatFile, href: string | undefined, openLabel: string, locale: string, onImageLoad?: () => void) {
  if (file.type.startsWith('image/') && href) {
    return html`<a class="file image" part="file" href=${href} target="_blank" rel="noopener noreferrer" aria-label=${openLabel}>
      <img src=${href} alt=${file.name} loading="lazy" decoding="async" @load=${onImageLoad} />
    </a>`;
  }
  const body = html`${docIcon}<span class="file-text"><span class="file-name">${file.name}</span>
      <span class="file-meta">${file.type === 'application/pdf' ? 'PDF' : file.type} · ${fileSize(file.size, locale)}</span></span>`;
  return href
    ? html`<a class="file doc" part="file" href=${href} target="_blank" rel="noopener noreferrer" aria-label=${openLabel}>${body}</a>`
    : html`<span class="file doc" part="file">${body}</span>`;
}

/** Styles for `fileView`, to add to the styles of an element that shows one. */
export const fileStyles = css`
  .file {
    display: flex;
    white-space: normal;
    margin-block-start: 4px;
    color: inherit;
    text-decoration: none;
    border-radius: 10px;
    overflow: hidden;
  }
  .file:focus-visible {
    outline: 2px solid var(--chat-focus, var(--chat-accent, #3b5bdb));
    outline-offset: 2px;
  }
  .file.image img {
    display: block;
    max-width: min(240px, 100%);
    max-height: 240px;
    object-fit: cover;
    background: var(--chat-canvas, #f3f4f8);
  }
  .file.doc {
    align-items: center;
    gap: 10px;
    padding: 10px 12px;
    max-width: 260px;
    background: var(--chat-surface, #ffffff);
    border: 1px solid var(--chat-border, #e3e6ee);
    color: var(--chat-text, #1d2230);
  }
  .file.doc svg {
    flex: none;
    width: 24px;
    height: 24px;
    fill: none;
    stroke: var(--chat-accent, #3b5bdb);
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .file-text {
    display: grid;
    min-width: 0;
  }
  .file-name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .file-meta {
    font-size: 12px;
    color: var(--chat-muted, #5f6679);
  }
`;

/**
 * <chat-attach-button>: a paperclip that opens the file chooser (images and PDFs) and fires
 * `file-pick` with each chosen file. The host uploads it.
 */
export class AttachButton extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    button {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      padding: 0;
      border: 0;
      border-radius: 8px;
      background: none;
      color: var(--chat-muted, #5f6679);
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: var(--chat-canvas, #f3f4f8);
    }
    button:disabled {
      opacity: 0.5;
      cursor: progress;
    }
    button:focus-visible {
      outline: 2px solid var(--chat-focus, var(--chat-accent, #3b5bdb));
      outline-offset: -2px;
    }
    svg {
      width: 20px;
      height: 20px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    input {
      display: none;
    }
  `;

  /** The button's accessible name. */
  @property() label = 'Attach a file';
  /** While a file is being sent: the button waits. */
  @property({ type: Boolean }) busy = false;

  #handleChange(e: Event): void {
    const input = e.target as HTMLInputElement;
    for (const file of Array.from(input.files ?? [])) {
      this.dispatchEvent(new CustomEvent('file-pick', { detail: { file }, bubbles: true, composed: true }));
    }
    input.value = '';
  }

  override render() {
    return html`<button
        part="toggle"
        type="button"
        aria-label=${this.label}
        ?disabled=${this.busy}
        aria-busy=${this.busy ? 'true' : nothing}
        @click=${() => this.renderRoot.querySelector('input')?.click()}
      >
        ${clipIcon}
      </button>
      <input type="file" tabindex="-1" aria-hidden="true" accept=${ATTACHMENT_TYPES.join(',')} @change=${this.#handleChange} />`;
  }
}

/** Registers <chat-attach-button> unless it already is. */
export function defineAttachButton(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, AttachButton);
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-attach-button': AttachButton;
  }
  interface HTMLElementEventMap {
    'file-pick': CustomEvent<{ readonly file: File }>;
  }
}
