import { css, html, LitElement, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';

const TAG = 'chat-emoji-picker';

/** Emoji per row of the grid; every group fills whole rows, so Up and Down keep the column. */
const COLUMNS = 8;

/** A few common emoji, space-separated (a heart carries its variation selector). */
const GROUPS = [
  '😀 😄 😁 😅 😂 🙂 😉 😊 😍 😘 😎 🤔 😮 😢 😭 😡',
  '👍 👎 👌 👏 🙌 🙏 👋 💪',
  '❤️ 🧡 💛 💚 💙 💜 🖤 💔',
  '🎉 🎁 ✨ 🔥 💡 📦 ✅ ☕',
].map((group) => group.split(' '));

const EMOJI = GROUPS.flat();

const smileIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9"/><path d="M8 14a4.5 4.5 0 0 0 8 0M9 9.5h.01M15 9.5h.01"/></svg>`;

/**
 * Puts `insert` in place of value[start..end) (the selection, or the caret when they are equal)
 * and says where the caret goes: just after the inserted text. Out-of-range positions are clamped.
 */
export function insertAtCaret(value: string, start: number, end: number, insert: string): { value: string; caret: number } {
  const from = Math.min(Math.max(start, 0), value.length);
  const to = Math.min(Math.max(end, from), value.length);
  return { value: value.slice(0, from) + insert + value.slice(to), caret: from + insert.length };
}

/**
 * An emoji button for a composer: it opens a small grid of common emoji above itself.
 * Arrow keys move within the grid (Up and Down by a row), Enter or Space picks, Escape closes;
 * the popover also closes when focus leaves the picker. After a pick, focus is back on the
 * toggle before `emoji-pick` fires, so a listener may move it on (e.g. to its text field).
 *
 * @fires emoji-pick - an emoji was picked; `detail.emoji` is the text to insert
 * @csspart toggle - the button that opens and closes the grid
 * @csspart popover - the grid of emoji
 * @cssprop --chat-accent - focus ring
 * @cssprop --chat-surface - background of the popover
 * @cssprop --chat-canvas - background of a hovered button
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - the toggle's icon and the group names
 * @cssprop --chat-border - border of the popover
 * @cssprop --chat-font - font family
 */
export class EmojiPicker extends LitElement {
  static override styles = css`
    :host {
      all: initial;
      display: inline-block;
      position: relative;
      font-family: var(--chat-font, system-ui, sans-serif);
      font-size: 14px;
      color: var(--chat-text, #1d2230);
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
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    button:hover,
    [aria-expanded='true'] {
      background: var(--chat-canvas, #f3f4f8);
    }
    button:focus-visible {
      outline: 2px solid var(--chat-focus, var(--chat-accent, #3b5bdb));
      outline-offset: -2px;
    }
    [part='toggle'] {
      color: var(--chat-muted, #5f6679);
    }
    svg {
      width: 20px;
      height: 20px;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
    }
    [role='dialog'] {
      position: absolute;
      z-index: 10;
      bottom: calc(100% + 6px);
      inset-inline-start: 0;
      padding: 4px 8px 8px;
      background: var(--chat-surface, #ffffff);
      border: 1px solid var(--chat-border, #e3e6ee);
      border-radius: 12px;
      box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
    }
    :host([align='end']) [role='dialog'] {
      inset-inline: auto 0;
    }
    [role='dialog']:focus {
      outline: none;
    }
    p {
      margin: 6px 4px 2px;
      font-size: 11.5px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--chat-muted, #5f6679);
    }
    [role='group'] {
      display: grid;
      grid-template-columns: repeat(${COLUMNS}, 36px);
    }
    [role='group'] button {
      font-size: 20px;
      font-family: 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', sans-serif;
    }
  `;

  /** The toggle's accessible name. */
  @property() label = 'Insert emoji';
  /** The popover's accessible name. */
  @property({ attribute: 'dialog-label' }) dialogLabel = 'Emoji';
  /** The names shown above the groups, in order: smileys, gestures, hearts, objects. */
  @property({ attribute: false }) groupLabels = ['Smileys', 'Gestures', 'Hearts', 'Objects'];
  /** Which edge of the toggle the popover lines up with: "start" (default) or "end". */
  @property({ reflect: true }) align: 'start' | 'end' = 'start';
  /** Whether the grid shows. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The emoji that takes Tab focus in the grid (roving tabindex), kept between openings. */
  @state() private active = 0;

  #toggle(): HTMLButtonElement | null | undefined {
    return this.shadowRoot?.querySelector('button');
  }

  #close(): void {
    this.#toggle()?.focus();
    this.open = false;
  }

  #focusEmoji(index: number): void {
    this.active = index;
    this.shadowRoot?.querySelector<HTMLElement>(`[data-i="${index}"]`)?.focus();
  }

  async #handleToggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    await this.updateComplete;
    this.#focusEmoji(this.active);
  }

  #handlePick(index: number): void {
    this.active = index;
    this.#close();
    this.dispatchEvent(new CustomEvent('emoji-pick', { detail: { emoji: EMOJI[index]! }, bubbles: true, composed: true }));
  }

  #handleKeydown(e: KeyboardEvent): void {
    if (!this.open) return;
    if (e.key === 'Escape') {
      // Escape would otherwise also reach the chat window, which closes on it.
      e.preventDefault();
      e.stopPropagation();
      this.#close();
      return;
    }
    const index = Number((e.target as HTMLElement).dataset.i ?? NaN);
    if (Number.isNaN(index)) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? EMOJI.length - 1 : step === undefined ? -1 : index + step;
    if (next < 0 || next >= EMOJI.length) return;
    e.preventDefault();
    this.#focusEmoji(next);
  }

  /** Focus left the picker (a click elsewhere, Tab past it): the popover closes. */
  #handleFocusout(e: FocusEvent): void {
    if (!this.shadowRoot?.contains(e.relatedTarget as Node | null)) this.open = false;
  }

  override render() {
    let i = 0;
    return html`<div @keydown=${this.#handleKeydown} @focusout=${this.#handleFocusout}>
      <button part="toggle" type="button" aria-label=${this.label} aria-haspopup="dialog" aria-expanded=${this.open} @click=${this.#handleToggle}>
        ${smileIcon}
      </button>
      ${this.open
        ? html`<div part="popover" role="dialog" aria-label=${this.dialogLabel} tabindex="-1">
            ${GROUPS.map(
              (group, g) => html`<p id="g${g}">${this.groupLabels[g]}</p>
                <div role="group" aria-labelledby="g${g}">
                  ${group.map((emoji) => {
                    const n = i++;
                    return html`<button type="button" data-i=${n} tabindex=${n === this.active ? 0 : -1} @click=${() => this.#handlePick(n)}>${emoji}</button>`;
                  })}
                </div>`,
            )}
          </div>`
        : nothing}
    </div>`;
  }
}

/** Registers <chat-emoji-picker> unless it already is (a page may load the bundle twice). */
export function defineEmojiPicker(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, EmojiPicker);
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-emoji-picker': EmojiPicker;
  }
  interface HTMLElementEventMap {
    'emoji-pick': CustomEvent<{ readonly emoji: string }>;
  }
}
