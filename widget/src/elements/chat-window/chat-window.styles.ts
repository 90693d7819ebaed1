import { css } from 'lit';
import { fileStyles } from '../shared/attachments.js';

export const styles = [
  fileStyles,
  css`
  :host {
    all: initial;
    display: block;
    contain: content;
    height: var(--chat-window-height, 560px);
    max-height: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    height: 100%;
    font-family: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', sans-serif);
    font-size: var(--chat-font-size, 15px);
    line-height: 1.4;
    color: var(--chat-text, #1d2230);
    background: var(--chat-surface, #ffffff);
    border-radius: var(--chat-radius, 16px);
    border: 1px solid var(--chat-border, #e3e6ee);
    overflow: hidden;
    text-align: start;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 16px 14px;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
  }
  .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.08em;
    font-weight: 650;
  }
  .status {
    margin: 2px 0 0;
    font-size: 0.85em;
    opacity: 0.9;
  }
  .status.offline::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: #ffd43b;
    animation: pulse 1.2s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  header button {
    font: inherit;
    font-size: 0.85em;
    color: inherit;
    /* Darkening, not lightening, the accent keeps white text above 4.5:1 (WCAG AA). */
    background: rgb(0 0 0 / 0.16);
    border: 0;
    border-radius: 8px;
    padding: 6px 10px;
    cursor: pointer;
  }
  header button.icon {
    width: 32px;
    height: 32px;
    padding: 0;
    display: grid;
    place-items: center;
  }
  header button:hover {
    background: rgb(0 0 0 / 0.28);
  }
  button:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--chat-focus, #ffb703);
    outline-offset: 2px;
  }
  /* The live region scrolls; the list inside it keeps list semantics (an <ol> may not be role=log). */
  .log {
    flex: 1;
    overflow-y: auto;
    padding: 16px;
    background: var(--chat-log-background, #f6f7fb);
  }
  .messages {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    max-width: 82%;
  }
  .msg.mine {
    align-self: flex-end;
    align-items: flex-end;
  }
  .msg.theirs {
    align-self: flex-start;
  }
  .meta {
    font-size: 0.75em;
    color: var(--chat-muted, #646b7e);
    margin: 6px 4px 2px;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .mine .bubble {
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
    border-end-end-radius: 4px;
  }
  .theirs .bubble {
    background: var(--chat-bubble, #ffffff);
    border: 1px solid var(--chat-border, #e3e6ee);
    border-end-start-radius: 4px;
  }
  /* Still sending: outlined rather than faded, so its text keeps 4.5:1 contrast (WCAG AA). */
  .pending .bubble {
    background: transparent;
    color: var(--chat-accent, #3b5bdb);
    border: 1px dashed var(--chat-accent, #3b5bdb);
  }
  .failed .bubble {
    background: #fff5f5;
    color: #c92a2a;
    border: 1px solid #ffc9c9;
  }
  .failure-note {
    max-width: 100%;
    text-align: end;
    color: var(--chat-danger, #c92a2a);
    margin-block-end: 0;
  }
  .failed .actions {
    margin-block-start: 2px;
  }
  .failed .meta button {
    font: inherit;
    color: var(--chat-accent, #3b5bdb);
    background: none;
    border: 0;
    padding: 0 4px;
    text-decoration: underline;
    cursor: pointer;
  }
  .notice {
    align-self: center;
    font-size: 0.8em;
    color: var(--chat-muted, #646b7e);
    padding: 4px 10px;
    text-align: center;
  }
  /* An automatic message: a card from the account, set apart from an operator's own words. */
  .automatic .bubble {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px 12px 12px;
    background: var(--chat-automatic-background, #eef2ff);
    border: 1px solid var(--chat-border, #e3e6ee);
    border-inline-start: 3px solid var(--chat-accent, #3b5bdb);
  }
  .automatic .label {
    font-size: 0.72em;
    font-weight: 650;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--chat-muted, #646b7e);
  }
  .automatic img {
    display: block;
    max-width: 100%;
    max-height: 240px;
    border-radius: 10px;
    object-fit: contain;
  }
  .links {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .links a {
    display: block;
    padding: 8px 12px;
    border-radius: 10px;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
    font-weight: 600;
    text-align: center;
    text-decoration: none;
    white-space: normal;
  }
  .links a:hover {
    filter: brightness(0.92);
  }
  .links a:focus-visible {
    outline: 2px solid var(--chat-focus, #ffb703);
    outline-offset: 2px;
  }
  .greeting .bubble {
    background: var(--chat-bubble, #ffffff);
    border: 1px solid var(--chat-border, #e3e6ee);
  }
  .typing {
    min-height: 1.6em;
    padding: 0 16px;
    font-size: 0.8em;
    color: var(--chat-muted, #646b7e);
    background: var(--chat-log-background, #f6f7fb);
  }
  /* The proactive message's form, a card under its message. */
  .capture {
    margin-block-start: 4px;
  }
  .capture form {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px 14px 14px;
    background: var(--chat-bubble, #ffffff);
    border: 1px solid var(--chat-border, #e3e6ee);
    border-radius: 14px;
  }
  .capture p {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field label {
    font-size: 0.85em;
    font-weight: 600;
  }
  .field input {
    font: inherit;
    color: inherit;
    background: var(--chat-surface, #ffffff);
    /* 3:1 against the card at least, so the field's edge is visible (WCAG 1.4.11). */
    border: 1px solid var(--chat-muted, #646b7e);
    border-radius: 8px;
    padding: 8px 10px;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--chat-danger, #c92a2a);
  }
  .field-error,
  .failure {
    font-size: 0.85em;
    color: var(--chat-danger, #c92a2a);
  }
  .capture button {
    align-self: flex-start;
    font: inherit;
    font-weight: 600;
    padding: 8px 16px;
    border: 0;
    border-radius: 10px;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
    cursor: pointer;
  }
  .capture button[aria-disabled='true'] {
    cursor: progress;
  }
  .composer {
    padding: 10px 12px;
    border-top: 1px solid var(--chat-border, #e3e6ee);
    background: var(--chat-surface, #ffffff);
  }
  .composer .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }
  /* The category picker, before a chat starts. */
  .start {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 10px;
    margin-block-end: 10px;
  }
  .start .field {
    flex: 1 1 140px;
    min-width: 0;
  }
  select {
    font: inherit;
    color: inherit;
    background: var(--chat-surface, #ffffff);
    border: 1px solid var(--chat-muted, #646b7e);
    border-radius: 8px;
    padding: 7px 8px;
    width: 100%;
  }
  select[aria-invalid='true'] {
    border-color: var(--chat-danger, #c92a2a);
  }
  /* Why the visitor cannot write now (chat stopped, blocked). */
  .blocked {
    margin: 0 0 10px;
    padding: 8px 12px;
    border-radius: 10px;
    font-size: 0.88em;
    background: var(--chat-notice-background, #fff4e6);
    color: var(--chat-notice-text, #7a3500);
  }
  textarea {
    flex: 1;
    resize: none;
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--chat-border, #e3e6ee);
    border-radius: 12px;
    padding: 9px 12px;
    max-height: 140px;
    min-height: 40px;
    field-sizing: content;
  }
  textarea:disabled {
    background: var(--chat-log-background, #f6f7fb);
    cursor: not-allowed;
  }
  .composer button {
    flex: none;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    border: 0;
    display: grid;
    place-items: center;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
    cursor: pointer;
  }
  .composer button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  svg {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .bubble.bare {
    padding: 0;
    background: none;
    border: 0;
  }
  .file-pending {
    display: block;
    font-weight: 600;
  }
  .notice q {
    display: block;
    font-style: italic;
  }
  .rating {
    list-style: none;
  }
  .upload-error {
    margin: 0 0 8px;
    font-size: 13px;
    color: var(--chat-danger, #c92a2a);
  }
  .count {
    margin: 0 0 6px;
    text-align: end;
    font-size: 11.5px;
    color: var(--chat-muted, #646b7e);
  }
  .text-link {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  /* "End this chat?" under the header, before anything is ended. */
  .end-confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 10px 16px;
    background: var(--chat-notice-background, #fff9db);
    color: var(--chat-notice-text, #5c3c00);
    border-bottom: 1px solid var(--chat-border, #e3e6ee);
    font-size: 0.9em;
  }
  .end-confirm p {
    flex: 1 1 100%;
    margin: 0;
  }
  .end-confirm button {
    padding: 6px 12px;
    border-radius: 8px;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .confirm-end {
    border: 0;
    background: var(--chat-danger, #c92a2a);
    color: #ffffff;
  }
  .cancel-end {
    border: 1px solid var(--chat-border, #e3e6ee);
    background: var(--chat-surface, #ffffff);
    color: var(--chat-text, #1d2230);
  }
  .end-confirm button:focus-visible {
    outline: 2px solid var(--chat-focus, var(--chat-accent, #3b5bdb));
    outline-offset: 2px;
  }
`,
];
