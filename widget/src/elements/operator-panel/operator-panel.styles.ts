import { css } from 'lit';
import { cannedMenuStyles } from './canned-menu.js';
import { fileStyles } from '../shared/attachments.js';
import { teamViewStyles } from './team-chat.js';
import { teamTextStyles } from './team-text.js';

const panelStyles = css`
  :host {
    all: initial;
    display: block;
    contain: content;
    height: var(--chat-panel-height, 100%);
    min-height: 480px;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .app {
    --accent: var(--chat-accent, #3b5bdb);
    --accent-contrast: var(--chat-accent-contrast, #ffffff);
    --accent-soft: var(--chat-accent-soft, #edf2ff);
    --surface: var(--chat-surface, #ffffff);
    --canvas: var(--chat-canvas, #f3f4f8);
    --text: var(--chat-text, #1d2230);
    --muted: var(--chat-muted, #5f6679);
    --border: var(--chat-border, #e3e6ee);
    --online: #2f9e44;
    --offline: #adb5bd;
    --danger: #c92a2a;
    --warn: #f59f00;
    --status-online: var(--online);
    --status-break: #e67700;
    --status-meal: #7048e8;
    --status-offline: #868e96;
    display: flex;
    flex-direction: column;
    height: 100%;
    font-family: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', sans-serif);
    font-size: 14px;
    font-weight: 400;
    line-height: 1.45;
    color: var(--text);
    background: var(--canvas);
    text-align: start;
    overflow: hidden;
    container-type: inline-size;
  }
  h1,
  h2,
  h3,
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
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    cursor: pointer;
    border: 1px solid transparent;
    border-radius: 8px;
    padding: 7px 14px;
    font-weight: 550;
    line-height: 1.2;
    background: none;
    text-decoration: none;
    visibility: visible;
    opacity: 1;
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  .log:focus-visible {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .primary {
    background: var(--accent);
    color: var(--accent-contrast);
  }
  .primary:not(:disabled):hover {
    filter: brightness(1.08);
  }
  .secondary {
    background: var(--surface);
    color: var(--text);
    border-color: var(--border);
  }
  .secondary:not(:disabled):hover {
    background: var(--canvas);
  }
  .danger {
    background: var(--danger);
    color: #ffffff;
  }
  .ghost {
    color: var(--muted);
  }
  .ghost:hover {
    background: var(--canvas);
    color: var(--text);
  }
  .icon {
    width: 32px;
    height: 32px;
    padding: 0;
    color: var(--muted);
  }
  .icon:hover {
    background: var(--canvas);
    color: var(--text);
  }
  .link {
    padding: 0 4px;
    color: var(--accent);
    text-decoration: underline;
    font-weight: 500;
  }
  svg {
    width: 18px;
    height: 18px;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .muted {
    color: var(--muted);
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
  .dot {
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--online);
    flex: none;
  }
  .dot.pulse {
    background: var(--warn);
    animation: pulse 1.2s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dot.pulse,
    .typing-dots i {
      animation: none;
    }
  }

  /* --- sign-in ------------------------------------------------------------ */
  .login-screen {
    flex: 1;
    display: grid;
    place-items: center;
    padding: 24px;
    background: radial-gradient(circle at 20% 10%, #e7ecff 0, transparent 45%), var(--canvas);
  }
  .login {
    width: min(380px, 100%);
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding: 32px 28px 28px;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 16px;
    box-shadow: 0 12px 40px rgb(29 34 48 / 0.08);
  }
  .login h1 {
    font-size: 22px;
    font-weight: 680;
    letter-spacing: -0.01em;
  }
  .login .muted {
    margin-top: -8px;
  }
  .brand-mark {
    width: 44px;
    height: 44px;
    border-radius: 12px;
    display: grid;
    place-items: center;
    background: var(--accent);
    color: var(--accent-contrast);
  }
  .brand-mark svg {
    width: 22px;
    height: 22px;
  }
  .brand-mark.small {
    width: 30px;
    height: 30px;
    border-radius: 8px;
  }
  .brand-mark.small svg {
    width: 16px;
    height: 16px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .field label {
    font-weight: 600;
    font-size: 13px;
  }
  .field input {
    height: 40px;
    padding: 0 12px;
    border: 1px solid #cfd4df;
    border-radius: 8px;
    background: var(--surface);
  }
  .field input[aria-invalid='true'] {
    border-color: var(--danger);
  }
  .form-error {
    color: var(--danger);
    font-size: 13px;
    min-height: 0;
  }
  .form-error:empty {
    display: none;
  }
  .wide {
    width: 100%;
    height: 40px;
  }
  .conn-note,
  .restoring {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--muted);
    font-size: 13px;
  }

  /* --- header --------------------------------------------------------------- */
  .topbar {
    flex: none;
    display: flex;
    align-items: center;
    gap: 16px;
    /* Its menus (requests, status) open over the notices bar below it. */
    position: relative;
    z-index: 35;
    height: 56px;
    padding: 0 16px;
    background: var(--surface);
    border-bottom: 1px solid var(--border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: 1;
    min-width: 0;
  }
  .brand-name {
    font-weight: 700;
    font-size: 15px;
    white-space: nowrap;
  }
  /* On narrower screens the header's room goes to the views and menus. */
  @media (max-width: 1280px) {
    .brand-sub {
      display: none;
    }
  }
  .brand-sub {
    color: var(--muted);
    padding-inline-start: 10px;
    border-inline-start: 1px solid var(--border);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .conn {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    padding: 4px 10px;
    border-radius: 999px;
    font-size: 12.5px;
    font-weight: 600;
    background: #ebfbee;
    color: #2b7a3b;
  }
  .conn.reconnecting,
  .conn.connecting {
    background: #fff4e6;
    color: #a04a00;
  }
  /* the operator's own status */
  .status-control {
    position: relative;
  }
  .status-btn {
    gap: 10px;
    padding: 4px 8px 4px 4px;
    border-radius: 999px;
    font-weight: 600;
  }
  .status-btn:hover,
  .status-btn[aria-expanded='true'] {
    background: var(--canvas);
  }
  .status-btn > svg {
    width: 16px;
    height: 16px;
    color: var(--muted);
  }
  .me-avatar .status-dot {
    position: absolute;
    right: -2px;
    bottom: -2px;
    width: 12px;
    height: 12px;
    border: 2px solid var(--surface);
  }
  .me-text {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    line-height: 1.2;
  }
  .me-status {
    font-size: 12px;
    font-weight: 550;
    color: var(--muted);
  }
  .me-status.s-break {
    color: #a34d00;
  }
  .me-status.s-meal {
    color: #5f3dc4;
  }
  .status-dot {
    display: inline-block;
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--status-offline);
  }
  .status-dot.s-online {
    background: var(--status-online);
  }
  .status-dot.s-break {
    background: var(--status-break);
  }
  .status-dot.s-meal {
    background: var(--status-meal);
  }
  .status-dot.hollow {
    background: transparent;
    border: 2px solid var(--status-offline);
  }
  .status-dot.hollow.s-online {
    border-color: var(--status-online);
  }
  .status-dot.hollow.s-break {
    border-color: var(--status-break);
  }
  .status-dot.hollow.s-meal {
    border-color: var(--status-meal);
  }
  .status-pop {
    position: absolute;
    z-index: 10;
    top: calc(100% + 6px);
    inset-inline-end: 0;
    width: 300px;
    padding: 8px;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 12px;
    box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
  }
  .status-pop:focus {
    outline: none;
  }
  .pop-title {
    padding: 4px 8px 6px;
    font-size: 12px;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--muted);
  }
  .status-option {
    width: 100%;
    justify-content: flex-start;
    gap: 10px;
    padding: 8px;
    text-align: start;
    font-weight: 400;
  }
  .status-option:hover {
    background: var(--canvas);
  }
  .status-option[aria-pressed='true'] {
    background: var(--accent-soft);
  }
  .option-text {
    flex: 1;
    display: flex;
    flex-direction: column;
  }
  .option-name {
    font-weight: 600;
  }
  .option-hint {
    font-size: 12px;
    color: var(--muted);
  }
  .option-check {
    width: 18px;
    color: var(--accent);
  }
  .pop-note,
  .pop-error {
    margin: 6px 8px 2px;
    font-size: 12.5px;
    color: var(--muted);
  }
  .pop-error {
    color: var(--danger);
  }
  .banner {
    flex: none;
    padding: 8px 16px;
    background: #fff4e6;
    color: #7a3b00;
    border-bottom: 1px solid #ffd8a8;
    font-size: 13px;
  }

  .status-banner {
    display: flex;
    align-items: center;
    gap: 10px;
    padding-block: 6px;
  }
  .status-banner p {
    flex: 1;
  }
  .status-banner.s-offline {
    background: #f1f3f5;
    color: #343a40;
    border-bottom-color: #dee2e6;
  }
  .status-banner.s-meal {
    background: #f3f0ff;
    color: #3b2a8a;
    border-bottom-color: #d0bfff;
  }
  .go-online {
    padding: 4px 12px;
    font-size: 13px;
  }

  /* --- layout ------------------------------------------------------------- */
  .body {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 300px minmax(0, 1fr) 300px;
  }
  @container (max-width: 1100px) {
    .body {
      grid-template-columns: 260px minmax(0, 1fr) 240px;
    }
  }
  @container (max-width: 820px) {
    .body {
      grid-template-columns: 220px minmax(0, 1fr);
    }
    .visitor,
    .brand-sub,
    .hint {
      display: none;
    }
  }

  /* --- inbox ------------------------------------------------------------------ */
  .left {
    min-height: 0;
    display: flex;
    flex-direction: column;
    background: var(--surface);
    border-inline-end: 1px solid var(--border);
  }
  .inbox {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 12px 8px;
  }
  .group + .group {
    margin-top: 12px;
  }
  .group h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    font-size: 12px;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--muted);
  }
  .count {
    min-width: 20px;
    height: 20px;
    padding: 0 6px;
    border-radius: 999px;
    display: inline-grid;
    place-items: center;
    font-size: 11.5px;
    font-weight: 700;
    letter-spacing: 0;
    background: var(--canvas);
    color: var(--muted);
  }
  .count.hot {
    background: #fff0f0;
    color: #c92a2a;
  }
  .empty-list {
    padding: 6px 8px 10px;
    color: var(--muted);
    font-size: 13px;
  }
  .rows {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .row {
    width: 100%;
    display: flex;
    align-items: flex-start;
    justify-content: flex-start;
    gap: 10px;
    padding: 10px;
    border-radius: 10px;
    text-align: start;
    font-weight: 400;
  }
  .row:hover {
    background: var(--canvas);
  }
  .row[aria-current='true'] {
    background: var(--accent-soft);
  }
  .row-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .row-top,
  .row-bottom {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .row-name {
    flex: 1;
    min-width: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .row-time {
    flex: none;
    font-size: 12px;
    color: var(--muted);
  }
  .preview {
    flex: 1;
    min-width: 0;
    color: var(--muted);
    font-size: 13px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .has-unread .preview {
    color: var(--text);
    font-weight: 550;
  }
  .row-badges {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-top: 4px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    max-width: 100%;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 11.5px;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    background: var(--canvas);
    color: var(--muted);
    border: 1px solid var(--border);
  }
  .badge svg {
    width: 12px;
    height: 12px;
  }
  .badge.hold {
    background: #fff9db;
    color: #7a4f00;
    border-color: #ffe066;
  }
  .badge.hold::before {
    content: '';
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: var(--warn);
  }
  .badge.hold-meal {
    background: #f3f0ff;
    color: #4c2fa8;
    border-color: #d0bfff;
  }
  .badge.hold-meal::before {
    background: var(--status-meal);
  }
  .badge.hold-unavailable {
    background: #fff5f5;
    color: #a61e1e;
    border-color: #ffc9c9;
  }
  .badge.hold-unavailable::before {
    background: var(--danger);
  }
  .badge.category {
    background: #e7f5ff;
    color: #1864ab;
    border-color: #a5d8ff;
  }
  .badge.rating.good {
    background: #ebfbee;
    color: #2b8a3e;
    border-color: #b2f2bb;
  }
  .badge.rating.bad {
    background: #fff5f5;
    color: #b02525;
    border-color: #ffc9c9;
  }
  .badge.rating.pending {
    background: #fff9db;
    color: #8a5a00;
    border-color: #ffe066;
  }
  .badge.blocked {
    background: #fff5f5;
    color: #b02525;
    border-color: #ffc9c9;
  }
  .unread-badge {
    flex: none;
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 999px;
    display: inline-grid;
    place-items: center;
    background: var(--accent);
    color: var(--accent-contrast);
    font-size: 11px;
    font-weight: 700;
  }

  /* team */
  .team {
    flex: none;
    max-height: 40%;
    overflow-y: auto;
    padding: 8px 8px 10px;
    border-top: 1px solid var(--border);
    background: #fafbfd;
  }
  .team h2 {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 8px;
    font-size: 12px;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--muted);
  }
  .team-online {
    margin-inline-start: auto;
    font-size: 12px;
    font-weight: 500;
    text-transform: none;
    letter-spacing: 0;
  }
  .mates {
    display: flex;
    flex-direction: column;
  }
  .mate {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 6px 8px;
    border-radius: 8px;
  }
  .mate-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    line-height: 1.3;
  }
  .mate-name {
    font-weight: 600;
    font-size: 13px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .you {
    font-weight: 400;
    color: var(--muted);
  }
  .mate-sub {
    display: flex;
    flex-wrap: wrap;
    gap: 0 4px;
    white-space: nowrap;
    font-size: 12px;
    color: var(--muted);
  }
  .mate.away .mate-name {
    color: var(--muted);
  }
  .mate-load {
    flex: none;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    background: var(--canvas);
    color: var(--text);
  }
  .mate-load.full {
    background: #fff0f0;
    color: #b02525;
  }

  /* avatars and presence */
  .avatar {
    position: relative;
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 13px;
    font-weight: 700;
    color: #ffffff;
    background: #5c7cfa;
  }
  .avatar.big {
    width: 56px;
    height: 56px;
    font-size: 19px;
  }
  .me-avatar {
    width: 30px;
    height: 30px;
    font-size: 12px;
    background: #343a40;
  }
  .tone-0 { background: #4263eb; }
  .tone-1 { background: #0b7285; }
  .tone-2 { background: #9c36b5; }
  .tone-3 { background: #c2410c; }
  .tone-4 { background: #237032; }
  .tone-5 { background: #c2255c; }
  .tone-6 { background: #5f3dc4; }
  .tone-7 { background: #1971c2; }
  .presence {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--offline);
    flex: none;
  }
  .presence.online {
    background: var(--online);
  }
  .avatar .presence {
    position: absolute;
    right: -1px;
    bottom: -1px;
    border: 2px solid var(--surface);
    width: 12px;
    height: 12px;
  }
  .avatar.big .presence {
    width: 16px;
    height: 16px;
    right: 1px;
    bottom: 1px;
  }

  /* --- centre: tabs and conversation --------------------------------------- */
  .center {
    min-width: 0;
    min-height: 0;
    display: flex;
    flex-direction: column;
    background: var(--surface);
  }
  .tabs {
    flex: none;
    display: flex;
    gap: 2px;
    padding: 8px 8px 0;
    overflow-x: auto;
    background: var(--canvas);
    border-bottom: 1px solid var(--border);
  }
  .tab {
    flex: none;
    max-width: 220px;
    gap: 8px;
    padding: 8px 12px;
    border-radius: 8px 8px 0 0;
    border: 1px solid transparent;
    border-bottom: 0;
    margin-bottom: -1px;
    font-weight: 500;
    color: var(--muted);
  }
  .tab:hover {
    color: var(--text);
    background: rgb(255 255 255 / 0.6);
  }
  .tab[aria-selected='true'] {
    background: var(--surface);
    color: var(--text);
    border-color: var(--border);
    font-weight: 600;
  }
  .tab .presence {
    width: 8px;
    height: 8px;
  }
  .tab-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .tab.ended .tab-name {
    text-decoration: line-through;
    text-decoration-color: var(--offline);
  }
  .conversation {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .conv-head {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px;
    padding: 12px 16px;
    border-bottom: 1px solid var(--border);
  }
  /* Room for the name and status first; the actions move under them when the pane is narrow. */
  .conv-titles {
    flex: 1 1 220px;
    min-width: 0;
  }
  .conv-titles h2 {
    font-size: 16px;
    font-weight: 680;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .conv-sub {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 4px 8px;
    margin-top: 2px;
    font-size: 12.5px;
    color: var(--muted);
  }
  .conv-sub > * {
    white-space: nowrap;
  }
  .chip {
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 11.5px;
    font-weight: 700;
  }
  .chip.waiting {
    background: #fff0f0;
    color: #b02525;
  }
  .chip.active {
    background: #ebfbee;
    color: #2b7a3b;
  }
  .chip.ended {
    background: var(--canvas);
    color: var(--muted);
  }
  .conv-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 6px;
    margin-inline-start: auto;
  }
  .conv-actions > button {
    white-space: nowrap;
  }
  .block svg {
    width: 16px;
    height: 16px;
  }
  .blocked-note {
    display: block;
    color: #b02525;
  }
  .confirm {
    flex: none;
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 12px;
    padding: 10px 16px;
    background: #fff5f5;
    border-bottom: 1px solid #ffc9c9;
  }
  .confirm p {
    flex: 1;
    min-width: 200px;
    color: #8a1c1c;
    font-weight: 550;
  }
  .confirm-actions {
    display: flex;
    gap: 8px;
  }
  .action-error {
    flex: none;
    padding: 8px 16px;
    background: #fff5f5;
    color: var(--danger);
    border-bottom: 1px solid #ffc9c9;
    font-size: 13px;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    /* The panel keeps the view at the bottom itself (see #keepAtBottom); the browser's own
       adjustment when an image above loads would count as the operator scrolling up. */
    overflow-anchor: none;
    background: #fafbfd;
  }
  .messages {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: 20px 24px 8px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    max-width: min(72%, 560px);
  }
  .msg.theirs {
    align-self: flex-start;
  }
  .msg.mine {
    align-self: flex-end;
    align-items: flex-end;
  }
  .meta {
    margin: 8px 4px 3px;
    font-size: 12px;
    color: var(--muted);
  }
  .who {
    font-weight: 600;
    color: var(--text);
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .theirs .bubble {
    background: var(--surface);
    border: 1px solid var(--border);
    border-end-start-radius: 4px;
  }
  .mine .bubble {
    background: var(--accent);
    color: var(--accent-contrast);
    border-end-end-radius: 4px;
  }
  .mine .bubble.colleague {
    background: #dbe4ff;
    color: var(--text);
  }
  /* automatic and other lines the account sent by itself */
  .msg.system {
    align-self: flex-end;
    align-items: flex-end;
  }
  .system .bubble {
    background: #f8f9fa;
    color: var(--text);
    border: 1px dashed #adb5bd;
    border-end-end-radius: 4px;
  }
  .auto-badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0 7px 0 5px;
    border-radius: 999px;
    background: #e9ecef;
    color: #495057;
    font-weight: 600;
  }
  .auto-badge svg {
    width: 13px;
    height: 13px;
  }
  .auto-kind {
    font-weight: 700;
    color: var(--text);
  }
  .msg.internal .bubble {
    background: #fff9db;
    border: 1px dashed #fcc419;
  }
  .internal-note {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin: 3px 4px 0;
    font-size: 11.5px;
    font-weight: 600;
    color: #7a4f00;
  }
  .internal-note svg {
    width: 12px;
    height: 12px;
  }
  .extras {
    display: flex;
    flex-direction: column;
    align-items: inherit;
    gap: 6px;
    margin-top: 6px;
  }
  .extra-image {
    display: block;
    max-width: min(100%, 280px);
    max-height: 220px;
    border-radius: 10px;
    border: 1px solid var(--border);
    object-fit: cover;
  }
  .link-buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 6px;
  }
  .link-button {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 6px 12px;
    border-radius: 8px;
    border: 1px solid var(--accent);
    background: var(--surface);
    color: var(--accent);
    font-size: 13px;
    font-weight: 600;
    text-decoration: none;
  }
  .link-button:hover {
    background: var(--accent-soft);
  }
  .link-button:focus-visible {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .link-button svg {
    width: 14px;
    height: 14px;
  }
  .pending .bubble {
    opacity: 0.65;
  }
  .failed .bubble {
    background: #fff5f5;
    color: var(--danger);
    border: 1px solid #ffc9c9;
  }
  .notice {
    align-self: stretch;
    display: flex;
    align-items: center;
    gap: 12px;
    margin: 10px 0;
    font-size: 12px;
    color: var(--muted);
  }
  .notice::before,
  .notice::after {
    content: '';
    flex: 1;
    height: 1px;
    background: var(--border);
  }
  .notice.error {
    color: var(--danger);
  }
  .typing {
    flex: none;
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 26px;
    padding: 0 24px;
    font-size: 12.5px;
    color: var(--muted);
    background: #fafbfd;
  }
  .typing-dots {
    display: inline-flex;
    gap: 3px;
  }
  .typing-dots i {
    width: 5px;
    height: 5px;
    border-radius: 50%;
    background: var(--muted);
    animation: pulse 1s ease-in-out infinite;
  }
  .typing-dots i:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing-dots i:nth-child(3) {
    animation-delay: 0.3s;
  }
  .gate {
    flex: none;
    display: flex;
    align-items: center;
    gap: 16px;
    margin: 0 16px;
    padding: 12px 14px;
    border: 1px solid #d0dcff;
    border-bottom: 0;
    border-radius: 12px 12px 0 0;
    background: var(--accent-soft);
  }
  .gate p {
    flex: 1;
  }
  .gate.ended {
    margin-bottom: 16px;
    border-bottom: 1px solid var(--border);
    border-radius: 12px;
    background: var(--canvas);
    border-color: var(--border);
    color: var(--muted);
  }
  .accept {
    padding-inline: 22px;
    height: 36px;
  }
  .composer {
    flex: none;
    margin: 0 16px 16px;
    border: 1px solid #cfd4df;
    border-radius: 12px;
    background: var(--surface);
  }
  .gate + .composer {
    border-top-left-radius: 0;
    border-top-right-radius: 0;
  }
  .composer:focus-within {
    border-color: var(--accent);
    box-shadow: 0 0 0 3px rgb(59 91 219 / 0.15);
  }
  .composer.disabled {
    background: var(--canvas);
  }
  .composer textarea {
    display: block;
    width: 100%;
    min-height: 64px;
    max-height: 200px;
    resize: none;
    field-sizing: content;
    padding: 12px 14px 4px;
    border: 0;
    background: transparent;
    outline: none;
  }
  .composer textarea:focus-visible {
    outline: none;
  }
  .composer textarea:disabled {
    cursor: not-allowed;
  }
  /* Reply or note: a note is written on the same yellow as the notes in the transcript. */
  .composer-modes {
    display: flex;
    gap: 2px;
    padding: 6px 8px 0;
  }
  .mode-btn {
    padding: 3px 10px;
    border: 0;
    border-radius: 6px;
    background: none;
    color: var(--muted);
    font: inherit;
    font-size: 12.5px;
    font-weight: 600;
    cursor: pointer;
  }
  .mode-btn[aria-pressed='true'] {
    background: var(--canvas, #f3f4f8);
    color: var(--text);
  }
  .composer.note .mode-btn[aria-pressed='true'] {
    background: #ffec99;
    color: #5c3c00;
  }
  .mode-btn:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 1px;
  }
  .composer.note {
    background: #fff9db;
    border-color: #fcc419;
  }
  .composer-foot {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 8px 8px 14px;
  }
  .hint {
    flex: 1;
    font-size: 12px;
    color: var(--muted);
  }
  .send svg {
    width: 16px;
    height: 16px;
  }
  .empty-state {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 32px;
    text-align: center;
    color: var(--muted);
    background: #fafbfd;
  }
  .empty-state h2 {
    font-size: 17px;
    color: var(--text);
  }
  .empty-state p {
    max-width: 360px;
  }
  .empty-icon {
    width: 56px;
    height: 56px;
    margin-bottom: 4px;
    border-radius: 16px;
    display: grid;
    place-items: center;
    background: var(--accent-soft);
    color: var(--accent);
  }
  .empty-icon svg {
    width: 28px;
    height: 28px;
  }

  /* --- visitor side panel -------------------------------------------------- */
  .visitor {
    min-height: 0;
    overflow-y: auto;
    background: var(--surface);
    border-inline-start: 1px solid var(--border);
  }
  .side-empty {
    padding: 24px 20px;
    color: var(--muted);
    font-size: 13px;
    text-align: center;
  }
  .visitor-card {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
    padding: 24px 16px 18px;
    text-align: center;
    border-bottom: 1px solid var(--border);
  }
  .visitor-card h2 {
    margin-top: 8px;
    font-size: 16px;
    font-weight: 680;
  }
  .presence-text {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
    font-weight: 600;
  }
  .presence-text.online {
    color: #2b7a3b;
  }
  .presence-text.offline {
    color: var(--muted);
  }
  .presence-text .presence {
    width: 8px;
    height: 8px;
  }
  .visitor-place {
    font-size: 13px;
  }
  .origin-name {
    margin: 0;
    padding: 8px 10px;
    border-radius: 8px;
    background: var(--accent-soft);
    color: var(--text);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tag {
    padding: 2px 8px;
    border-radius: 999px;
    border: 1px solid var(--border);
    font-size: 12px;
  }
  .auto {
    font-style: italic;
  }
  .visitor-card .badge {
    margin-top: 6px;
  }
  .side-section {
    padding: 16px;
    border-bottom: 1px solid var(--border);
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
    color: var(--muted);
  }
  .current-page {
    display: flex;
    gap: 10px;
    padding: 10px;
    border: 1px solid var(--border);
    border-radius: 10px;
    background: #fafbfd;
  }
  .page-icon {
    flex: none;
    width: 30px;
    height: 30px;
    border-radius: 8px;
    display: grid;
    place-items: center;
    background: var(--accent-soft);
    color: var(--accent);
  }
  .page-icon svg {
    width: 16px;
    height: 16px;
  }
  .page-text {
    min-width: 0;
    flex: 1;
  }
  .page-title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .page-url {
    font-size: 12px;
    color: var(--muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pages {
    position: relative;
    display: flex;
    flex-direction: column;
  }
  .pages li {
    display: flex;
    gap: 10px;
    padding: 6px 0;
  }
  .pages li + li {
    border-top: 1px dashed var(--border);
  }
  .pages time {
    flex: none;
    min-width: 52px;
    white-space: nowrap;
    padding-top: 1px;
    font-size: 12px;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .pages.live li:first-child .page-title::after {
    content: '';
    display: inline-block;
    width: 6px;
    height: 6px;
    margin-inline-start: 6px;
    vertical-align: middle;
    border-radius: 50%;
    background: var(--online);
  }

  /* --- workspace: transfer menu, end dialog with tags, visitor ended, history, composer extras --- */
  .conversation {
    position: relative;
  }
  .transfer-pop {
    position: absolute;
    z-index: 10;
    top: 60px;
    inset-inline-end: 16px;
    width: 320px;
    max-height: 60%;
    overflow: auto;
    padding: 8px;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 12px;
    box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
  }
  .modes {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0 0 6px;
    padding: 0 8px 8px;
    border: 0;
    border-bottom: 1px solid var(--border);
  }
  .mode {
    display: flex;
    align-items: center;
    gap: 8px;
    font-size: 13px;
  }
  .pop-sub {
    margin: 8px 8px 4px;
    font-size: 12px;
    font-weight: 600;
    color: var(--muted);
  }
  .targets {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .target {
    width: 100%;
    justify-content: flex-start;
    gap: 8px;
    padding: 7px 8px;
    text-align: start;
    font-weight: 400;
  }
  .target:hover {
    background: var(--canvas);
  }
  .target-name {
    flex: 1;
    font-weight: 600;
  }
  .target-sub {
    font-size: 12px;
    color: var(--muted);
  }
  .guests {
    color: var(--muted);
  }
  .badge.department {
    background: #e6fcf5;
    color: #0b7285;
  }
  .badge.ended-badge {
    background: #fff4e6;
    color: #a34a00;
  }
  .end-dialog {
    align-items: flex-start;
    flex-direction: column;
    gap: 8px;
  }
  .end-dialog p {
    flex: none;
  }
  .confirm-title {
    font-weight: 700;
  }
  .tag-field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    width: 100%;
    max-width: 520px;
    font-size: 13px;
  }
  .tag-field label {
    font-weight: 600;
    color: var(--text);
  }
  .tag-input {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 4px 6px;
    border: 1px solid #cfd4df;
    border-radius: 8px;
    background: var(--surface);
  }
  .tag-input:focus-within {
    border-color: var(--accent);
    box-shadow: 0 0 0 3px rgb(59 91 219 / 0.15);
  }
  .tag-input .tag {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    background: var(--accent-soft);
  }
  .remove-tag {
    width: 18px;
    height: 18px;
    padding: 0;
    border: 0;
    background: none;
  }
  .remove-tag svg {
    width: 12px;
    height: 12px;
  }
  .tag-entry {
    flex: 1;
    min-width: 120px;
    border: 0;
    outline: none;
    padding: 4px;
    font: inherit;
    background: transparent;
  }
  .end-dialog .hint,
  .end-dialog p.hint {
    flex: none;
    color: var(--muted);
    font-weight: 400;
  }
  .tag-input .tag-entry,
  .tag-input .tag-entry:focus {
    border: 0;
    box-shadow: none;
    outline: none;
  }
  .gate.visitor-ended {
    background: #fff9db;
    border-color: #ffe066;
    color: var(--text);
  }
  .gate-actions {
    display: flex;
    gap: 8px;
  }
  .history-pages {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 6px 0 0;
    padding: 0;
    list-style: none;
    font-size: 12.5px;
  }
  .history-pages li {
    display: flex;
    gap: 10px;
  }
  .history-pages time {
    flex: none;
    width: 96px;
    color: var(--muted);
  }
  .history-pages .page-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .composer {
    position: relative;
  }
  .composer-foot chat-emoji-picker {
    margin-inline-start: -10px;
  }
  /* --- header views, incoming requests, live visitor list --- */
  .views {
    display: flex;
    gap: 4px;
    margin-inline-start: 12px;
  }
  .view-btn {
    padding: 6px 10px;
    border: 0;
    border-radius: 8px;
    background: none;
    font-weight: 600;
    color: var(--muted);
  }
  .view-btn[aria-current='page'] {
    background: var(--accent-soft);
    color: var(--accent);
  }
  .view-btn .count {
    margin-inline-start: 4px;
  }
  .requests {
    position: relative;
    margin-inline-start: auto;
  }
  .requests-btn {
    gap: 6px;
    padding: 6px 10px;
    border: 1px solid var(--border);
    border-radius: 999px;
    background: var(--surface);
    font-weight: 600;
    color: var(--muted);
  }
  .requests-btn svg {
    width: 16px;
    height: 16px;
  }
  .requests-btn.hot {
    border-color: #ffa94d;
    background: #fff4e6;
    color: #a34a00;
  }
  .requests-pop {
    position: absolute;
    z-index: 10;
    top: calc(100% + 6px);
    inset-inline-end: 0;
    width: 360px;
    padding: 8px;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 12px;
    box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
  }
  .request-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .request {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px;
    border-radius: 8px;
  }
  .request + .request {
    border-top: 1px solid var(--border);
  }
  .request-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .request-name {
    font-weight: 600;
  }
  .request-preview {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 12.5px;
    color: var(--muted);
  }
  .empty-requests {
    padding: 4px 8px 8px;
  }
  .visitors-view {
    flex: 1;
    min-height: 0;
    overflow: auto;
    padding: 16px 20px;
  }
  .visitors-view h2 {
    margin: 0 0 12px;
    font-size: 16px;
  }
  .visitor-table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  .visitor-table th,
  .visitor-table td {
    padding: 10px 8px;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--border);
  }
  .visitor-table thead th {
    font-size: 12px;
    font-weight: 600;
    color: var(--muted);
  }
  .visitor-table tbody th {
    font-weight: 600;
  }
  .visitor-table th .muted,
  .page-cell .page-url {
    display: block;
    font-weight: 400;
  }
  .page-cell {
    max-width: 260px;
  }
  .location-cell .muted {
    display: block;
  }
  .page-cell .page-title {
    display: block;
  }
  .chat-cell {
    min-width: 180px;
  }
  .chat-state {
    display: inline-block;
    margin-inline-end: 8px;
    font-weight: 600;
  }
  .chat-state.browsing {
    color: var(--muted);
    font-weight: 400;
  }
  .chat-state.waiting {
    color: #a34a00;
  }
  .chat-state.chatting {
    color: #2b8a3e;
  }
  .start-form {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .start-form textarea {
    width: 100%;
    padding: 6px 8px;
    border: 1px solid #cfd4df;
    border-radius: 8px;
    font: inherit;
    resize: vertical;
  }
  .start-actions {
    display: flex;
    justify-content: flex-end;
    gap: 6px;
  }

`;

export const styles = [panelStyles, cannedMenuStyles, fileStyles, teamTextStyles, teamViewStyles];
