/** Styles of <proactive-availability-settings>, on top of the admin's shared `base` sheet. */
import { css } from 'lit';

export const availability = css`
  .availability {
    display: grid;
    gap: 16px;
    max-width: 880px;
  }
  .section-head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 16px;
  }
  .section-head p {
    max-width: 640px;
  }
  .group-head {
    padding: 8px 2px 0;
  }
  .group-head h2 {
    font-size: 17px;
  }
  .loading {
    padding: 24px 0;
  }
  .form-alert:focus {
    outline: none;
  }
  .note {
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--sunken);
    border: 1px solid var(--border);
    font-size: 13px;
    color: var(--muted);
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12.5px;
    padding: 1px 5px;
    border-radius: 5px;
    background: #eceef4;
    color: var(--text);
    overflow-wrap: anywhere;
  }
  code.example {
    white-space: nowrap;
  }
  .empty-note {
    padding: 14px;
    border: 1px dashed var(--border-strong);
    border-radius: 10px;
    color: var(--muted);
    text-align: center;
  }
  .inline-check {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    font-weight: 550;
    cursor: pointer;
  }
  .inline-row {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .label-row label {
    font-weight: 600;
    font-size: 13px;
  }

  /* --- switches: a checkbox with role="switch" --- */
  .switch {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    cursor: pointer;
  }
  .switch input[type='checkbox'] {
    appearance: none;
    position: relative;
    width: 38px;
    height: 22px;
    margin: 0;
    border-radius: 999px;
    background: #cfd4df;
    cursor: pointer;
    transition: background 0.15s;
    flex: none;
  }
  .switch input[type='checkbox']::before {
    content: '';
    position: absolute;
    top: 3px;
    inset-inline-start: 3px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: #ffffff;
    box-shadow: 0 1px 2px rgb(20 30 60 / 0.25);
    transition: transform 0.15s;
  }
  .switch input[type='checkbox']:checked {
    background: var(--accent);
  }
  .switch input[type='checkbox']:checked::before {
    transform: translateX(16px);
  }
  .switch-text {
    display: grid;
    gap: 2px;
    padding-top: 1px;
  }
  .switch-label {
    font-weight: 600;
  }
  .switch.compact {
    align-items: center;
    gap: 8px;
  }
  .switch.compact .switch-label {
    min-width: 24px;
    font-size: 13px;
    color: var(--muted);
  }
  .switches {
    display: grid;
    gap: 14px;
  }
  @media (prefers-reduced-motion: reduce) {
    .switch input[type='checkbox'],
    .switch input[type='checkbox']::before {
      transition: none;
    }
  }

  /* --- chat stopped --- */
  .stopped.on {
    border-color: #f1b36a;
    background: linear-gradient(0deg, var(--warn-soft), var(--warn-soft)), var(--surface);
  }
  .stopped.on .switch input[type='checkbox']:checked {
    background: var(--warn);
  }
  .warning {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 10px 14px;
    border-radius: var(--radius);
    border: 1px solid #f1b36a;
    background: #ffffff;
    color: #7a3e00;
  }
  .warning svg {
    margin-top: 2px;
    color: var(--warn);
  }

  /* --- team --- */
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--border);
    border-radius: 10px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  thead th {
    text-align: start;
    font-size: 12px;
    font-weight: 650;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--muted);
    padding: 8px 12px;
    background: var(--sunken);
    border-bottom: 1px solid var(--border);
    white-space: nowrap;
  }
  tbody th {
    text-align: start;
    font-weight: 600;
  }
  tbody th,
  tbody td {
    padding: 8px 12px;
    border-bottom: 1px solid var(--border);
    vertical-align: middle;
  }
  tbody tr:last-child th,
  tbody tr:last-child td {
    border-bottom: 0;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  td.full {
    color: var(--warn);
    font-weight: 650;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 7px;
    white-space: nowrap;
  }
  .status-dot {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: #adb5bd;
    flex: none;
  }
  .status.online .status-dot {
    background: #2f9e44;
  }
  .status.break .status-dot {
    background: #f08c00;
  }
  .status.meal .status-dot {
    background: #1c7ed6;
  }
  .connected {
    color: var(--success);
  }
  .capacity-row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .capacity-row input {
    width: 80px !important;
  }
  .capacity-cell .field-error {
    margin-top: 4px;
    max-width: 260px;
  }
  .refresh {
    flex: none;
  }

  /* --- rows (holidays, meal times, categories) --- */
  .rows {
    display: grid;
    gap: 10px;
  }
  .row-card {
    display: grid;
    gap: 10px;
    padding: 12px;
    border: 1px solid var(--border);
    border-radius: 10px;
    background: var(--sunken);
  }
  .row-card.has-error {
    border-color: #f0b4b4;
  }
  .remove {
    align-self: end;
  }
  .remove:not(:disabled):hover {
    color: var(--danger);
  }
  .holiday-grid {
    display: grid;
    grid-template-columns: 170px minmax(0, 1fr) auto auto;
    gap: 12px;
    align-items: end;
  }
  .closed-check {
    height: 36px;
  }
  .periods {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
  }
  .period {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .period input,
  .time-field input {
    width: 120px !important;
  }
  .add-period {
    justify-self: start;
  }
  .meal-grid {
    display: flex;
    flex-wrap: wrap;
    gap: 12px 16px;
    align-items: flex-end;
  }
  .meal-grid > .field:first-child {
    width: 200px;
  }
  .meal-foot {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
  }
  /* A floated legend is laid out as a grid item, so it sits like the other fields' labels. */
  .days-field legend {
    float: left;
  }
  .day-checks {
    display: flex;
    gap: 4px;
  }
  .day-check {
    position: relative;
    display: inline-grid;
    place-items: center;
    min-width: 40px;
    height: 36px;
    padding: 0 6px;
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    background: var(--surface);
    font-size: 12.5px;
    font-weight: 600;
    color: var(--muted);
    cursor: pointer;
  }
  .day-check input[type='checkbox'] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    opacity: 0;
    cursor: pointer;
  }
  .day-check:has(input:checked) {
    background: var(--accent-soft);
    border-color: var(--accent);
    color: var(--accent-strong);
  }
  .day-check:has(input:focus-visible) {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .days-field.invalid .day-check {
    border-color: var(--danger);
  }
  .category-head {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 12px;
    align-items: end;
  }
  .divisions {
    display: grid;
    gap: 8px;
    padding-inline-start: 16px;
    border-inline-start: 2px solid var(--border);
    justify-items: start;
  }
  .division-list {
    display: grid;
    gap: 6px;
    width: 100%;
  }
  .division {
    display: grid;
    grid-template-columns: minmax(0, 360px) auto;
    gap: 6px;
    align-items: center;
  }

  /* --- chat cap --- */
  .cap-body {
    display: grid;
    gap: 14px;
  }
  .cap-body input[type='number'] {
    width: 110px;
  }

  /* --- automatic messages --- */
  .messages {
    display: grid;
    gap: 12px;
  }
  .msg-card {
    padding: 18px 20px;
    display: grid;
    gap: 14px;
  }
  .msg-card.off {
    background: var(--sunken);
  }
  .msg-head {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: 16px;
  }
  .msg-head h3 {
    font-size: 14.5px;
    font-weight: 700;
  }
  .msg-head .hint {
    margin-top: 2px;
    max-width: 600px;
  }
  .meal-note {
    font-size: 12.5px;
  }
  .text-foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  .placeholders {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .placeholder-chip {
    padding: 3px 10px;
    border-radius: 999px;
    border: 1px solid #c5d0fa;
    background: var(--accent-soft);
    color: var(--accent-strong);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12px;
    font-weight: 550;
  }
  .placeholder-chip:hover {
    background: #dfe7ff;
  }
  .msg-extras {
    display: grid;
    grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr);
    gap: 16px;
    padding-top: 12px;
    border-top: 1px solid var(--border);
  }
  .link-buttons {
    display: grid;
    gap: 6px;
  }
  .link-row {
    display: grid;
    grid-template-columns: auto minmax(0, 0.8fr) minmax(0, 1.4fr) auto;
    gap: 6px;
    align-items: center;
  }
  .link-icon {
    color: var(--muted);
    display: grid;
  }
  .upload {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    justify-self: start;
    padding: 5px 10px;
    border: 1px solid var(--border-strong);
    border-radius: 8px;
    background: var(--surface);
    font-size: 13px;
    font-weight: 550;
    cursor: pointer;
  }
  .upload:hover {
    background: var(--sunken);
  }
  .upload:has(input:focus-visible) {
    outline: 2px solid var(--chat-focus, #4c6ef5);
    outline-offset: 2px;
  }
  .upload:has(input[aria-invalid='true']) {
    border-color: var(--danger);
  }
  .upload.busy {
    cursor: progress;
    opacity: 0.7;
  }
  .thumb-row {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .thumb {
    width: 96px;
    height: 72px;
    object-fit: cover;
    border-radius: 8px;
    border: 1px solid var(--border);
    background: var(--sunken);
  }

  /* --- save bar and notice --- */
  .footer {
    position: sticky;
    bottom: 0;
    z-index: 4;
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 10px;
    margin-top: 4px;
    padding: 12px 16px;
    border: 1px solid var(--border);
    border-radius: 12px;
    background: var(--surface);
    box-shadow: 0 -6px 20px rgb(20 30 60 / 0.08), var(--shadow);
  }
  .footer-state {
    margin-inline-end: auto;
    color: var(--muted);
    font-size: 13px;
  }
  .footer-state.dirty {
    color: var(--warn);
    font-weight: 600;
  }
  .notice {
    /* Above the sticky save bar. */
    inset-block-end: 88px;
  }

  @media (max-width: 760px) {
    .holiday-grid {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .msg-extras {
      grid-template-columns: minmax(0, 1fr);
    }
    .link-row {
      grid-template-columns: auto minmax(0, 1fr) auto;
    }
    .link-row .btn-url {
      grid-column: 2 / 3;
    }
  }
`;
