import { css } from 'lit';

/**
 * The base of each operator-panel element with its own shadow root (Team chat, Mentions, the
 * notices, the visitor's contact pane). Put it first in `static styles`: the element's own rules
 * come after it and set what differs from one element to the next (display, line height, button
 * padding and weight, its own focus ring).
 *
 * - `:host` starts from `all: initial`, so host-page CSS does not leak in, with the panel's font.
 * - Box sizing, and no default margins on paragraphs or markers on lists.
 * - Buttons and fields take the element's font and colour; a button has no chrome of its own.
 * - The keyboard focus ring.
 * - The panel's button kinds, `.primary` and `.link`, and `.muted` text.
 */
export const panelElementBase = css`
  :host {
    all: initial;
    font-family: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', sans-serif);
    font-size: 14px;
    color: var(--chat-text, #1d2230);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  p {
    margin: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid transparent;
    border-radius: 8px;
    background: none;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .primary {
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
  }
  .primary:not(:disabled):hover {
    filter: brightness(1.08);
  }
  .link {
    padding: 0 4px;
    color: var(--chat-accent, #3b5bdb);
    text-decoration: underline;
    font-weight: 500;
  }
  .muted {
    color: var(--chat-muted, #5f6679);
  }
`;

/**
 * Line icons (a 24×24 viewBox, stroked in the text colour) at 16px, for the elements that draw
 * them at that size. The visitor's contact pane sizes its one icon itself.
 */
export const panelIconStyles = css`
  svg {
    width: 16px;
    height: 16px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;
