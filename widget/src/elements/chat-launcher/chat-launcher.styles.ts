import { css } from 'lit';

export const styles = css`
  :host {
    all: initial;
    position: fixed;
    inset-block-end: var(--chat-offset-bottom, 20px);
    inset-inline-end: var(--chat-offset-side, 20px);
    z-index: var(--chat-z-index, 2147483000);
    display: block;
  }
  :host([position='left']) {
    inset-inline-end: auto;
    inset-inline-start: var(--chat-offset-side, 20px);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .launcher {
    position: relative;
    width: 60px;
    height: 60px;
    border-radius: 50%;
    border: 0;
    padding: 0;
    display: grid;
    place-items: center;
    cursor: pointer;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #ffffff);
    box-shadow: 0 6px 20px rgb(20 30 60 / 0.25);
    transition: transform 0.15s ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher:focus-visible {
    outline: 3px solid var(--chat-focus, #ffb703);
    outline-offset: 3px;
  }
  svg {
    width: 28px;
    height: 28px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: var(--chat-badge, #e03131);
    color: #fff;
    font: 600 12px/22px system-ui, sans-serif;
    text-align: center;
    box-shadow: 0 0 0 2px var(--chat-surface, #ffffff);
  }
  /* Away: a grey dot where an online dot would be (not on the close button). */
  :host([away]:not([opened])) .launcher::after {
    content: '';
    position: absolute;
    inset-block-end: 2px;
    inset-inline-end: 2px;
    width: 14px;
    height: 14px;
    border-radius: 50%;
    background: var(--chat-away, #868e96);
    box-shadow: 0 0 0 2px var(--chat-surface, #fff);
  }
  .panel {
    position: absolute;
    inset-block-end: 76px;
    inset-inline-end: 0;
    width: min(var(--chat-window-width, 380px), calc(100vw - 32px));
    height: min(var(--chat-window-height, 600px), calc(100vh - 120px));
    border-radius: var(--chat-radius, 16px);
    box-shadow: 0 16px 48px rgb(20 30 60 / 0.28);
  }
  :host([position='left']) .panel {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  .panel[hidden] {
    display: none;
  }
  chat-window {
    --chat-window-height: 100%;
    height: 100%;
  }
  /* The proactive message card, above the button. */
  .bubble {
    position: absolute;
    inset-block-end: 76px;
    inset-inline-end: 0;
    width: min(var(--chat-bubble-width, 300px), calc(100vw - 40px));
    font: 15px/1.4 var(--chat-font, system-ui, sans-serif);
    color: var(--chat-text, #1d2230);
    background: var(--chat-surface, #fff);
    border-radius: var(--chat-radius, 16px);
    box-shadow: 0 10px 32px rgb(20 30 60 / 0.24);
  }
  :host([position='left']) .bubble {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bubble {
      animation: rise 0.3s ease-out;
    }
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  .open {
    all: unset;
    display: block;
    width: 100%;
    padding: 14px 16px 16px;
    padding-inline-end: 44px;
    border-radius: inherit;
    cursor: pointer;
  }
  .from {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-block-end: 8px;
    font-size: 13px;
    font-weight: 600;
  }
  .avatar {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 12px;
    background: var(--chat-accent, #3b5bdb);
    color: var(--chat-accent-contrast, #fff);
  }
  .avatar::before {
    content: attr(data-initials);
  }
  .text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 6;
    overflow: hidden;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .dismiss {
    position: absolute;
    inset-block-start: 10px;
    inset-inline-end: 10px;
    width: 28px;
    height: 28px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: none;
    color: var(--chat-muted, #646b7e);
    cursor: pointer;
  }
  .dismiss:hover {
    background: rgb(0 0 0 / 0.07);
  }
  .dismiss svg {
    width: 16px;
    height: 16px;
  }
  .open:focus-visible,
  .dismiss:focus-visible {
    outline: 3px solid var(--chat-focus, #ffb703);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (max-width: 480px) {
    .panel {
      position: fixed;
      inset: 0;
      width: 100vw;
      height: 100vh;
      border-radius: 0;
    }
    /* The full-screen window has its own close button; the round one would cover its Send button. */
    :host([opened]) .launcher {
      display: none;
    }
  }
`;
