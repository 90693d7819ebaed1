/**
 * Styles of the marketer admin. `base` is shared by <proactive-admin> and its parts (editor, rule
 * builder, simulator, business hours), each in its own shadow root; the other sheets are theirs.
 * Every part starts from `all: initial`, so the host page's CSS does not leak in. Custom
 * properties (--chat-*) do inherit, so a page themes the whole admin from the outer element.
 */
import { css } from 'lit';

export const base = css`
  :host {
    all: initial;
    display: block;
    --accent: var(--chat-accent, #3b5bdb);
    --accent-strong: var(--chat-accent-strong, #2f4ac0);
    --accent-contrast: var(--chat-accent-contrast, #ffffff);
    --accent-soft: var(--chat-accent-soft, #edf2ff);
    --surface: var(--chat-surface, #ffffff);
    --canvas: var(--chat-canvas, #f4f5f9);
    --sunken: var(--chat-sunken, #f8f9fc);
    --text: var(--chat-text, #1d2230);
    --muted: var(--chat-muted, #5f6679);
    --border: var(--chat-border, #e3e6ee);
    --border-strong: var(--chat-border-strong, #c9cedb);
    --danger: #c92a2a;
    --danger-soft: #fff0f0;
    --success: #1b6b30;
    --success-soft: #ebfbee;
    --warn: #a35200;
    --warn-soft: #fff4e0;
    --radius: 10px;
    --shadow: 0 1px 2px rgb(20 30 60 / 0.06), 0 1px 3px rgb(20 30 60 / 0.05);
    --shadow-pop: 0 10px 30px rgb(20 30 60 / 0.16), 0 2px 6px rgb(20 30 60 / 0.08);
    font-family: var(--chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans KR', sans-serif);
    font-size: 14px;
    font-weight: 400;
    line-height: 1.45;
    color: var(--text);
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  h4,
  p,
  figure,
  fieldset,
  dl,
  dd {
    margin: 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
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

  /* --- buttons --- */
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
    white-space: nowrap;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  :is(button, input, select, textarea, a, [tabindex]):focus-visible {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .primary {
    background: var(--accent);
    color: var(--accent-contrast);
    box-shadow: 0 1px 2px rgb(20 30 60 / 0.12);
  }
  .primary:not(:disabled):hover {
    background: var(--accent-strong);
  }
  .secondary {
    background: var(--surface);
    color: var(--text);
    border-color: var(--border-strong);
  }
  .secondary:not(:disabled):hover {
    background: var(--sunken);
  }
  .danger {
    background: var(--danger);
    color: #ffffff;
  }
  .danger:not(:disabled):hover {
    background: #a61e1e;
  }
  .ghost {
    color: var(--muted);
  }
  .ghost:not(:disabled):hover {
    background: var(--canvas);
    color: var(--text);
  }
  .link {
    padding: 0;
    border: 0;
    color: var(--accent);
    font-weight: 550;
  }
  .link:hover {
    text-decoration: underline;
  }
  .icon-btn {
    width: 32px;
    height: 32px;
    padding: 0;
    color: var(--muted);
  }
  .icon-btn:not(:disabled):hover {
    background: var(--canvas);
    color: var(--text);
  }
  .small {
    padding: 5px 10px;
    font-size: 13px;
  }

  /* --- form fields --- */
  .field {
    display: grid;
    align-content: start;
    gap: 6px;
    min-width: 0;
  }
  .field > label,
  .label {
    font-weight: 600;
    font-size: 13px;
  }
  .optional {
    font-weight: 400;
    color: var(--muted);
  }
  .hint {
    font-size: 12.5px;
    color: var(--muted);
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    width: 100%;
    min-width: 0;
    padding: 8px 10px;
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    background: var(--surface);
    line-height: 1.3;
  }
  input:not([type='checkbox']):not([type='radio']),
  select {
    height: 36px;
  }
  select {
    padding-block: 0;
    padding-inline-end: 28px;
    cursor: pointer;
  }
  textarea {
    resize: vertical;
    min-height: 76px;
    line-height: 1.45;
  }
  input::placeholder,
  textarea::placeholder {
    color: #6b7180;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--accent);
    flex: none;
  }
  [aria-invalid='true'] {
    border-color: var(--danger) !important;
    background: var(--danger-soft) !important;
  }
  .field-error {
    display: flex;
    gap: 6px;
    align-items: flex-start;
    color: var(--danger);
    font-size: 12.5px;
    font-weight: 550;
  }
  .field-error:empty {
    display: none;
  }
  .alert {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 10px 14px;
    border-radius: var(--radius);
    border: 1px solid #f5c2c2;
    background: var(--danger-soft);
    color: #8a1c1c;
  }
  .alert:empty {
    display: none;
  }
  .alert svg {
    margin-top: 2px;
  }

  /* --- pills --- */
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px 2px 8px;
    border-radius: 999px;
    font-size: 12.5px;
    font-weight: 600;
    white-space: nowrap;
    background: #eef0f4;
    color: #454b5b;
  }
  .pill::before {
    content: '';
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .pill.live {
    background: var(--success-soft);
    color: var(--success);
  }
  .pill.paused {
    background: var(--warn-soft);
    color: var(--warn);
  }
  .pill.error {
    background: var(--danger-soft);
    color: var(--danger);
  }

  .card {
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 12px;
    box-shadow: var(--shadow);
  }
  .muted {
    color: var(--muted);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    background: var(--accent);
    color: var(--accent-contrast);
    font-size: 12px;
    font-weight: 700;
    flex: none;
  }

  /* --- radio cards (capture, schedule, frequency) --- */
  .choices {
    display: grid;
    gap: 8px;
  }
  .choices.cols {
    grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
  }
  .choice {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 10px 12px;
    border: 1px solid var(--border);
    border-radius: 8px;
    cursor: pointer;
    background: var(--surface);
  }
  .choice:hover {
    border-color: var(--border-strong);
  }
  .choice:has(input:checked) {
    border-color: var(--accent);
    background: var(--accent-soft);
  }
  .choice input {
    margin-top: 2px;
  }
  .choice-text {
    display: grid;
    gap: 1px;
  }
  .choice-label {
    font-weight: 600;
  }

  /* Shared by the admin views: section cards, labels with counters, the saved notice. */
  .section {
    padding: 20px;
    display: grid;
    gap: 16px;
  }
  .section-head h2 {
    font-size: 15px;
    font-weight: 700;
  }
  .section-head p {
    margin-top: 2px;
    font-size: 13px;
    color: var(--muted);
  }
  .label-row {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 8px;
  }
  .counter {
    font-size: 12px;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .counter.near {
    color: var(--warn);
    font-weight: 650;
  }
  .notice {
    position: fixed;
    inset-block-end: 24px;
    inset-inline-start: 50%;
    transform: translateX(-50%);
    padding: 10px 16px;
    border-radius: 10px;
    background: #1d2230;
    color: #ffffff;
    box-shadow: var(--shadow-pop);
    font-weight: 550;
    z-index: 20;
  }
  .notice:empty {
    display: none;
  }
`;

// --- the shell: sign-in, top bar, list ----------------------------------------------

export const shell = css`
  :host {
    height: var(--chat-admin-height, auto);
    min-height: 100%;
  }
  .app {
    min-height: 100%;
    background: var(--canvas);
    display: flex;
    flex-direction: column;
  }
  .topbar {
    display: flex;
    align-items: center;
    gap: 20px;
    padding: 0 24px;
    min-height: 60px;
    background: var(--surface);
    border-bottom: 1px solid var(--border);
    position: sticky;
    top: 0;
    z-index: 5;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 10px;
    font-weight: 700;
    font-size: 15px;
    white-space: nowrap;
  }
  .brand-mark {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 9px;
    background: linear-gradient(135deg, var(--accent), #5c7cfa);
    color: #ffffff;
  }
  .brand-mark svg {
    width: 18px;
    height: 18px;
  }
  .brand-sub {
    color: var(--muted);
    font-weight: 500;
  }
  .sections {
    display: flex;
    align-self: stretch;
    gap: 4px;
  }
  .sections button {
    border-radius: 0;
    padding: 0 12px;
    color: var(--muted);
    border-bottom: 2px solid transparent;
    height: 100%;
  }
  .sections button:hover {
    color: var(--text);
  }
  .sections button[aria-current='page'] {
    color: var(--accent);
    border-bottom-color: var(--accent);
  }
  .spacer {
    flex: 1;
  }
  .conn {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 12.5px;
    color: var(--muted);
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: #2f9e44;
  }
  .conn:not(.online) .dot {
    background: #f08c00;
  }
  .me {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 550;
  }
  main {
    flex: 1;
    width: 100%;
    max-width: 1240px;
    margin: 0 auto;
    padding: 28px 24px 56px;
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: 16px;
    margin-bottom: 18px;
  }
  .page-head h1 {
    font-size: 22px;
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  .page-head p {
    margin-top: 4px;
    color: var(--muted);
    max-width: 640px;
  }
  .head-actions {
    display: flex;
    align-items: center;
    gap: 14px;
  }
  .quota {
    display: grid;
    gap: 4px;
    justify-items: end;
    font-size: 12.5px;
    color: var(--muted);
  }
  .quota-count {
    font-weight: 650;
    color: var(--text);
    font-variant-numeric: tabular-nums;
  }
  progress {
    appearance: none;
    width: 110px;
    height: 5px;
    border: 0;
    border-radius: 3px;
    background: #e6e8ef;
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: #e6e8ef;
  }
  progress::-webkit-progress-value {
    background: var(--accent);
  }
  progress.full::-webkit-progress-value {
    background: var(--danger);
  }
  .limit-note {
    margin-bottom: 14px;
    padding: 10px 14px;
    border-radius: var(--radius);
    background: var(--warn-soft);
    color: #7a3e00;
    border: 1px solid #f8d9a8;
  }
  .sort-note {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 16px;
    border-bottom: 1px solid var(--border);
    background: var(--sunken);
    color: var(--muted);
    font-size: 13px;
    border-radius: 12px 12px 0 0;
  }

  /* --- the table --- */
  table {
    width: 100%;
    border-collapse: separate;
    border-spacing: 0;
  }
  th {
    text-align: start;
    font-size: 12px;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--muted);
    padding: 10px 12px;
    border-bottom: 1px solid var(--border);
    background: var(--sunken);
    white-space: nowrap;
  }
  thead tr:first-child th:first-child {
    border-start-start-radius: 12px;
  }
  thead tr:first-child th:last-child {
    border-start-end-radius: 12px;
  }
  .sort-note + table thead th {
    border-radius: 0;
  }
  th.num,
  td.num {
    text-align: end;
  }
  th .sort {
    padding: 2px 4px;
    margin: -2px -4px;
    border-radius: 6px;
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    text-transform: inherit;
    gap: 4px;
  }
  th .sort:hover {
    color: var(--text);
    background: #eceef4;
  }
  th[aria-sort] .sort {
    color: var(--accent);
  }
  .sort-icon {
    width: 12px;
    height: 12px;
    opacity: 0.45;
  }
  th[aria-sort] .sort-icon {
    opacity: 1;
  }
  td {
    padding: 12px;
    border-bottom: 1px solid var(--border);
    vertical-align: middle;
  }
  tbody tr:last-child td {
    border-bottom: 0;
  }
  tbody tr:hover td {
    background: #fafbfd;
  }
  td.num {
    font-variant-numeric: tabular-nums;
  }
  .rate {
    display: block;
    font-size: 12px;
    color: var(--muted);
  }
  .order {
    width: 92px;
    white-space: nowrap;
  }
  .order-cell {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .position {
    display: inline-grid;
    place-items: center;
    min-width: 24px;
    height: 24px;
    margin-inline-end: 4px;
    border-radius: 6px;
    background: var(--canvas);
    font-size: 12px;
    font-weight: 650;
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .move {
    width: 26px;
    height: 26px;
  }
  .name-cell {
    min-width: 220px;
  }
  .name-link {
    padding: 0;
    border: 0;
    font-weight: 650;
    color: var(--text);
    text-align: start;
    white-space: normal;
  }
  .name-link:hover {
    color: var(--accent);
    text-decoration: underline;
  }
  .row-sub {
    margin-top: 3px;
    font-size: 12.5px;
    color: var(--muted);
    display: -webkit-box;
    -webkit-line-clamp: 1;
    -webkit-box-orient: vertical;
    overflow: hidden;
    max-width: 420px;
  }
  .row-error {
    margin-top: 4px;
    display: flex;
    gap: 6px;
    align-items: center;
    font-size: 12.5px;
    font-weight: 550;
    color: var(--danger);
  }
  .channel {
    color: var(--muted);
    white-space: nowrap;
  }
  .updated {
    color: var(--muted);
    white-space: nowrap;
  }
  .actions-cell {
    width: 52px;
    text-align: end;
  }
  .menu-wrap {
    position: relative;
    display: inline-block;
  }
  .menu {
    position: absolute;
    inset-inline-end: 0;
    top: calc(100% + 4px);
    z-index: 10;
    min-width: 168px;
    padding: 6px;
    display: grid;
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: 10px;
    box-shadow: var(--shadow-pop);
  }
  .menu button {
    justify-content: flex-start;
    gap: 10px;
    width: 100%;
    padding: 8px 10px;
    border-radius: 6px;
    font-weight: 500;
    color: var(--text);
  }
  .menu button:hover,
  .menu button:focus {
    background: var(--accent-soft);
    outline: none;
  }
  .menu button svg {
    color: var(--muted);
  }
  .menu .sep {
    height: 1px;
    margin: 4px 2px;
    background: var(--border);
  }
  .menu .destructive {
    color: var(--danger);
  }
  .menu .destructive svg {
    color: var(--danger);
  }
  .menu button.destructive:hover,
  .menu button.destructive:focus {
    background: var(--danger-soft);
  }
  .empty {
    display: grid;
    justify-items: center;
    gap: 10px;
    padding: 56px 24px;
    text-align: center;
  }
  .empty h2 {
    font-size: 17px;
  }
  .empty .illustration {
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border-radius: 16px;
    background: var(--accent-soft);
    color: var(--accent);
  }
  .empty .illustration svg {
    width: 28px;
    height: 28px;
  }

  /* --- dialogs and full-screen states --- */
  dialog {
    border: 0;
    padding: 0;
    border-radius: 14px;
    box-shadow: var(--shadow-pop);
    width: min(440px, calc(100vw - 32px));
    color: var(--text);
    background: var(--surface);
  }
  dialog::backdrop {
    background: rgb(20 25 40 / 0.45);
  }
  .dialog-body {
    display: grid;
    gap: 10px;
    padding: 22px 22px 18px;
  }
  .dialog-body h2 {
    font-size: 17px;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    padding: 12px 22px 18px;
  }
  .center {
    flex: 1;
    display: grid;
    place-items: center;
    padding: 48px 16px;
  }
  .gate {
    width: min(400px, 100%);
    padding: 32px;
    display: grid;
    gap: 16px;
  }
  .gate h1 {
    font-size: 20px;
    margin-top: 4px;
  }
  .gate .brand-mark {
    width: 44px;
    height: 44px;
    border-radius: 12px;
  }
  .gate .brand-mark svg {
    width: 24px;
    height: 24px;
  }
  .gate .wide {
    width: 100%;
    padding: 10px 14px;
  }
  .gate-actions {
    display: flex;
    gap: 10px;
    flex-wrap: wrap;
  }
  .lock {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border-radius: 12px;
    background: var(--warn-soft);
    color: var(--warn);
  }
  .lock svg {
    width: 22px;
    height: 22px;
  }
  .loading {
    display: flex;
    align-items: center;
    gap: 10px;
    color: var(--muted);
    padding: 40px;
    justify-content: center;
  }
  .spinner {
    width: 18px;
    height: 18px;
    border-radius: 50%;
    border: 2px solid var(--border-strong);
    border-top-color: var(--accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }

  /* The tabs do not fit beside the brand and the account on one line: they get a line of their own. */
  @media (max-width: 1599px) {
    .topbar {
      flex-wrap: wrap;
      gap: 8px 20px;
      padding: 10px 24px 0;
    }
    .sections {
      order: 3;
      width: 100%;
      overflow-x: auto;
      margin-inline-start: -12px;
    }
    .sections button {
      padding: 10px 12px;
    }
  }

  /* Narrow screens: rows become cards, the less important columns go. */
  @media (max-width: 860px) {
    .topbar {
      gap: 8px 16px;
      padding: 10px 16px 0;
    }
    main {
      padding: 20px 12px 40px;
    }
    .col-read,
    .col-replied,
    .col-channel,
    .col-updated {
      display: none;
    }
    .name-cell {
      min-width: 0;
    }
  }
  @media (max-width: 560px) {
    .col-sent {
      display: none;
    }
    .me-name {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    th,
    td {
      padding-inline: 8px;
    }
    .order {
      width: auto;
    }
    .position {
      display: none;
    }
    .head-actions {
      width: 100%;
      justify-content: space-between;
    }
  }
`;

// --- the editor and its preview ------------------------------------------------------

export const editor = css`
  .editor-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px 16px;
    margin-bottom: 18px;
  }
  .back {
    padding: 6px 10px 6px 6px;
  }
  .editor-title {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: 1 1 260px;
    min-width: 0;
  }
  .editor-title h1 {
    font-size: 20px;
    font-weight: 700;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .editor-actions {
    display: flex;
    gap: 8px;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 360px;
    gap: 24px;
    align-items: start;
  }
  .form {
    display: grid;
    gap: 16px;
  }
  .row2 {
    display: grid;
    grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr);
    gap: 16px;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 5px 6px;
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    background: var(--surface);
    cursor: text;
  }
  .tags:focus-within {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .tags.invalid {
    border-color: var(--danger);
  }
  .tags input:not([type='checkbox']) {
    flex: 1;
    min-width: 120px;
    height: 28px;
    border: 0;
    padding: 4px;
    background: transparent;
  }
  .tags input:focus-visible {
    outline: none;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 2px 4px 2px 9px;
    border-radius: 999px;
    background: var(--accent-soft);
    color: var(--accent-strong);
    font-size: 13px;
    font-weight: 550;
  }
  .chip button {
    width: 20px;
    height: 20px;
    padding: 0;
    border-radius: 50%;
    color: inherit;
  }
  .chip button:hover {
    background: rgb(59 91 219 / 0.15);
  }
  .chip svg {
    width: 12px;
    height: 12px;
  }
  .form-alert {
    margin-bottom: 16px;
  }

  /* --- preview --- */
  .preview {
    position: sticky;
    top: 84px;
    display: grid;
    gap: 12px;
  }
  .preview-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
  }
  .preview-head h2 {
    font-size: 13px;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--muted);
  }
  .stage {
    position: relative;
    height: 300px;
    border-radius: 12px;
    border: 1px solid var(--border);
    overflow: hidden;
    background: linear-gradient(180deg, #ffffff 0 34px, #fbfbfd 34px);
  }
  .browser-bar {
    display: flex;
    align-items: center;
    gap: 6px;
    height: 34px;
    padding: 0 12px;
    border-bottom: 1px solid var(--border);
  }
  .browser-bar i {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: #dfe2ea;
  }
  .browser-bar span {
    margin-inline-start: 10px;
    flex: 1;
    height: 16px;
    border-radius: 8px;
    background: #f0f2f6;
  }
  .page-lines {
    display: grid;
    gap: 10px;
    padding: 18px 16px;
  }
  .page-lines i {
    display: block;
    height: 10px;
    border-radius: 5px;
    background: #eceef3;
  }
  .page-lines i:nth-child(1) {
    width: 45%;
    height: 14px;
  }
  .page-lines i:nth-child(2) {
    width: 80%;
  }
  .page-lines i:nth-child(3) {
    width: 65%;
  }
  .page-lines i:nth-child(4) {
    width: 72%;
  }
  .bubble-wrap {
    position: absolute;
    inset-inline-end: 14px;
    inset-block-end: 14px;
    display: grid;
    justify-items: end;
    gap: 10px;
    width: min(270px, calc(100% - 28px));
  }
  .bubble {
    position: relative;
    width: 100%;
    padding: 12px 30px 12px 12px;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 4px 10px;
    background: #ffffff;
    border-radius: 14px;
    box-shadow: 0 8px 24px rgb(20 30 60 / 0.16), 0 1px 3px rgb(20 30 60 / 0.08);
  }
  .bubble .avatar {
    grid-row: span 2;
    width: 30px;
    height: 30px;
    font-size: 11px;
  }
  .bubble-sender {
    font-size: 12px;
    font-weight: 650;
    color: var(--muted);
  }
  .bubble-text {
    font-size: 13.5px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 140px;
    overflow: hidden;
  }
  .bubble-text.placeholder {
    color: #6b7180;
    font-style: italic;
  }
  .bubble-x {
    position: absolute;
    top: 8px;
    inset-inline-end: 8px;
    display: grid;
    place-items: center;
    width: 20px;
    height: 20px;
    border-radius: 50%;
    color: var(--muted);
    background: #f1f3f5;
  }
  .bubble-x svg {
    width: 11px;
    height: 11px;
  }
  .launcher-dot {
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    border-radius: 50%;
    background: var(--accent);
    color: #ffffff;
    box-shadow: 0 6px 16px rgb(20 30 60 / 0.25);
  }
  .launcher-dot svg {
    width: 22px;
    height: 22px;
  }
  .window {
    border-radius: 12px;
    border: 1px solid var(--border);
    overflow: hidden;
    background: #ffffff;
  }
  .window-head {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 12px;
    background: var(--accent);
    color: #ffffff;
    font-weight: 650;
  }
  .window-head .avatar {
    background: #ffffff;
    color: var(--accent);
    width: 28px;
    height: 28px;
    font-size: 11px;
  }
  .window-body {
    display: grid;
    gap: 10px;
    padding: 12px;
    background: #fbfbfd;
  }
  .msg {
    justify-self: start;
    max-width: 88%;
    padding: 8px 11px;
    border-radius: 12px 12px 12px 4px;
    background: #eef0f5;
    font-size: 13px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .capture {
    display: grid;
    gap: 8px;
    padding: 10px;
    border-radius: 10px;
    border: 1px solid var(--border);
    background: #ffffff;
  }
  .capture-title {
    font-size: 12.5px;
    font-weight: 600;
  }
  .fake-input {
    padding: 7px 9px;
    border-radius: 7px;
    border: 1px solid var(--border-strong);
    color: #6b7180;
    font-size: 12.5px;
  }
  .fake-button {
    justify-self: start;
    padding: 6px 12px;
    border-radius: 7px;
    background: var(--accent);
    color: #ffffff;
    font-size: 12.5px;
    font-weight: 600;
  }
  .then {
    font-size: 11.5px;
    font-weight: 600;
    color: var(--muted);
    text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  .preview-note {
    font-size: 12.5px;
    color: var(--muted);
  }

  /* Below the top bar, which takes two lines at these widths. */
  @media (max-width: 1599px) {
    .preview {
      top: 116px;
    }
  }
  @media (max-width: 980px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    .preview {
      position: static;
    }
  }
  @media (max-width: 640px) {
    .row2 {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

// --- the rule builder ---------------------------------------------------------------

export const rules = css`
  .rule-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin-bottom: 12px;
  }
  .rule-head select {
    width: auto;
    font-weight: 600;
  }
  .conditions {
    display: grid;
    gap: 0;
  }
  .joiner {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 4px 0 4px 14px;
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--muted);
  }
  .joiner::before {
    content: '';
    width: 2px;
    height: 14px;
    background: var(--border-strong);
    border-radius: 1px;
  }
  .cond {
    display: grid;
    gap: 6px;
    padding: 10px;
    border: 1px solid var(--border);
    border-radius: 10px;
    background: var(--sunken);
  }
  .cond.has-error {
    border-color: #f0b4b4;
  }
  .cond-row {
    display: grid;
    grid-template-columns: minmax(130px, 1.1fr) minmax(120px, 1fr) minmax(120px, 1.3fr) auto;
    gap: 8px;
    align-items: center;
  }
  .cond-row.attr {
    grid-template-columns: minmax(130px, 1.1fr) minmax(100px, 0.9fr) minmax(120px, 1fr) minmax(110px, 1.1fr) auto;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    padding: 7px 10px;
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    background: var(--surface);
    cursor: pointer;
    font-weight: 550;
  }
  .group {
    display: grid;
    gap: 0;
    padding: 12px;
    border: 1px dashed #b7c2e8;
    border-radius: 12px;
    background: #f6f8ff;
  }
  .group-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin-bottom: 10px;
    font-weight: 600;
  }
  .group-head select {
    width: auto;
  }
  .group-head .spacer {
    flex: 1;
  }
  .group .cond {
    background: var(--surface);
  }
  .group-foot {
    margin-top: 10px;
  }
  .add-row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 12px;
    align-items: center;
  }
  .no-conditions {
    padding: 14px;
    border: 1px dashed var(--border-strong);
    border-radius: 10px;
    color: var(--muted);
    text-align: center;
  }
  .rule-error {
    margin-top: 10px;
  }
  @media (max-width: 760px) {
    .cond-row,
    .cond-row.attr {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
`;

// --- the visit simulator ---------------------------------------------------------------

export const simulator = css`
  .sim {
    display: grid;
    grid-template-columns: minmax(0, 420px) minmax(0, 1fr);
    gap: 24px;
    align-items: start;
  }
  .sim-form {
    padding: 20px;
    display: grid;
    gap: 14px;
  }
  .grid2 {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px;
  }
  .inline-check {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 550;
    cursor: pointer;
  }
  details {
    border: 1px solid var(--border);
    border-radius: 10px;
    background: var(--sunken);
  }
  summary {
    cursor: pointer;
    padding: 10px 12px;
    font-weight: 600;
  }
  summary:focus-visible {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
    border-radius: 10px;
  }
  .shown-list {
    display: grid;
    gap: 8px;
    padding: 0 12px 12px;
  }
  .shown-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 170px;
    gap: 8px;
    align-items: center;
  }
  .shown-row label {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .results {
    display: grid;
    gap: 16px;
  }
  .winner {
    padding: 20px;
    display: flex;
    gap: 16px;
    align-items: flex-start;
  }
  .winner-icon {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 12px;
    background: var(--success-soft);
    color: var(--success);
    flex: none;
  }
  .winner-icon.none {
    background: #eef0f4;
    color: var(--muted);
  }
  .winner-icon svg {
    width: 20px;
    height: 20px;
  }
  .winner h2 {
    font-size: 16px;
  }
  .winner-text {
    margin-top: 8px;
    padding: 10px 12px;
    border-radius: 10px;
    background: var(--sunken);
    border: 1px solid var(--border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .verdicts {
    overflow: hidden;
  }
  .verdicts h2 {
    font-size: 14px;
    padding: 14px 16px;
    border-bottom: 1px solid var(--border);
  }
  .verdicts table {
    width: 100%;
    border-collapse: collapse;
  }
  .verdicts thead th {
    text-align: start;
    font-size: 12px;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--muted);
    padding: 8px 16px;
    background: var(--sunken);
    border-bottom: 1px solid var(--border);
  }
  .verdicts tbody th {
    text-align: start;
    font-weight: 600;
    padding: 10px 16px;
    border-bottom: 1px solid var(--border);
    vertical-align: top;
  }
  .verdicts tr:last-child th {
    border-bottom: 0;
  }
  .verdicts tr.is-winner th {
    background: #f3fbf5;
  }
  .verdicts td {
    padding: 10px 16px;
    border-bottom: 1px solid var(--border);
    vertical-align: top;
  }
  .verdicts tr:last-child td {
    border-bottom: 0;
  }
  .verdicts tr.is-winner td {
    background: #f3fbf5;
  }
  .verdict {
    display: inline-block;
    padding: 2px 9px;
    border-radius: 6px;
    font-size: 12px;
    font-weight: 650;
    white-space: nowrap;
    background: #eef0f4;
    color: #454b5b;
  }
  .verdict.shown {
    background: var(--success-soft);
    color: var(--success);
  }
  .verdict.outranked {
    background: var(--accent-soft);
    color: var(--accent-strong);
  }
  .verdict.condition,
  .verdict.frequency,
  .verdict.schedule {
    background: var(--warn-soft);
    color: var(--warn);
  }
  .reason {
    color: var(--muted);
  }
  .placeholder-card {
    padding: 40px 24px;
    text-align: center;
    color: var(--muted);
    display: grid;
    gap: 6px;
    justify-items: center;
  }
  .placeholder-card svg {
    width: 28px;
    height: 28px;
    color: var(--accent);
  }
  @media (max-width: 900px) {
    .sim {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

// --- business hours ----------------------------------------------------------------

export const hours = css`
  .hours {
    display: grid;
    gap: 16px;
    max-width: 760px;
  }
  .tz-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 12px;
    align-items: start;
  }
  .now {
    margin-top: 25px;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--sunken);
    border: 1px solid var(--border);
    font-size: 13px;
    white-space: nowrap;
  }
  .days {
    display: grid;
    gap: 0;
  }
  .day {
    display: grid;
    grid-template-columns: 130px 110px minmax(0, 1fr);
    gap: 12px;
    align-items: center;
    padding: 10px 0;
    border-top: 1px solid var(--border);
  }
  .day:first-child {
    border-top: 0;
  }
  .day-name {
    font-weight: 600;
  }
  .times {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
  }
  .times input {
    width: 130px !important;
  }
  .closed {
    color: var(--muted);
  }
  .day .field-error {
    grid-column: 2 / -1;
  }
  .inline-check {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    font-weight: 550;
    cursor: pointer;
  }
  .copy {
    margin-top: 8px;
  }
  .gap-row {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .gap-row input {
    width: 110px !important;
  }
  .save-row {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .saved {
    color: var(--success);
    font-weight: 600;
  }
  @media (max-width: 640px) {
    .day {
      grid-template-columns: 1fr;
      gap: 6px;
    }
    .day .field-error {
      grid-column: auto;
    }
    .tz-row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
