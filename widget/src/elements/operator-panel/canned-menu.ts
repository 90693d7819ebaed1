import { css, html, type TemplateResult } from 'lit';
import { cannedQuery, filterCanned, type CannedResponse } from './canned.js';
import type { PickerSource } from './composer-picker.js';

export interface CannedMenuOptions {
  /** The matching responses, in the order shown (see filterCanned). */
  items: CannedResponse[];
  /** Index of the highlighted option (the composer's aria-activedescendant is `${listId}-${active}`). */
  active: number;
  /** What follows the ":" in the composer; its match in each shortcut is highlighted. */
  query: string;
  onPick: (item: CannedResponse) => void;
  onHover: (index: number) => void;
  /** The listbox's id; the composer points at it with aria-controls. */
  listId: string;
  /** Shown instead of the list when nothing matches. */
  emptyText: string;
  /** The listbox's accessible name. */
  label?: string;
}

/** The text with the first case-insensitive match of the query marked. */
export function withMatch(text: string, query: string) {
  const at = query ? text.toLowerCase().indexOf(query.toLowerCase()) : -1;
  if (at < 0) return text;
  const end = at + query.length;
  return html`${text.slice(0, at)}<mark>${text.slice(at, end)}</mark>${text.slice(end)}`;
}

/** A listbox of choices floating above the composer (see renderPickerMenu). */
export interface PickerMenuOptions<T> {
  items: readonly T[];
  /** Index of the highlighted option (the composer's aria-activedescendant is `${listId}-${active}`). */
  active: number;
  onPick: (item: T) => void;
  onHover: (index: number) => void;
  /** The listbox's id; the composer points at it with aria-controls. */
  listId: string;
  /** Shown instead of the list when nothing matches. */
  emptyText: string;
  /** The listbox's accessible name. */
  label: string;
  /** An option's content. */
  option: (item: T) => TemplateResult;
}

/**
 * The list that floats above the composer while the operator types `:shortcut` or `@name`.
 * Keyboard focus stays in the composer (it moves the highlight and sets aria-activedescendant);
 * a click picks, and pressing the mouse on an option does not take focus from the composer.
 */
export function renderPickerMenu<T>(opts: PickerMenuOptions<T>): TemplateResult {
  const { items, active, onPick, onHover, listId, emptyText, label, option } = opts;
  const keepFocus = (e: Event) => e.preventDefault();
  return html`<div class="canned-menu" part="canned-menu">
    ${items.length
      ? html`<ul class="canned-list" role="listbox" id=${listId} aria-label=${label}>
          ${items.map(
            (item, i) =>
              html`<li
                class="canned-option"
                role="option"
                id="${listId}-${i}"
                aria-selected=${i === active ? 'true' : 'false'}
                @mousedown=${keepFocus}
                @mousemove=${() => i !== active && onHover(i)}
                @click=${() => onPick(item)}
              >
                ${option(item)}
              </li>`,
          )}
        </ul>`
      : html`<p class="canned-empty" role="status">${emptyText}</p>`}
  </div>`;
}

/** The canned responses as a picker menu: each option is the `:shortcut` in bold and a one-line preview. */
export function renderCannedMenu(opts: CannedMenuOptions): TemplateResult {
  const { query, label = 'Canned responses', ...rest } = opts;
  return renderPickerMenu({ ...rest, label, option: (item) => cannedOption(item, query) });
}

export function cannedOption(item: CannedResponse, query: string): TemplateResult {
  return html`<b class="canned-shortcut">:${withMatch(item.shortcut, query)}</b>
    <span class="canned-preview">${item.text}</span>`;
}

/**
 * Styles for renderPickerMenu, for the element that renders it. The menu sits at the top edge of
 * the composer, which becomes its containing block.
 */
export const cannedMenuStyles = css`
  .composer:has(> .canned-menu) {
    position: relative;
  }
  .canned-menu {
    position: absolute;
    z-index: 5;
    inset-inline: 0;
    bottom: calc(100% + 6px);
    padding: 4px;
    background: var(--chat-surface, #ffffff);
    border: 1px solid var(--chat-border, #e3e6ee);
    border-radius: 10px;
    box-shadow: 0 12px 32px rgb(29 34 48 / 0.14);
    font-family: var(--chat-font, system-ui, sans-serif);
    font-size: 13.5px;
    color: var(--chat-text, #1d2230);
  }
  .canned-list {
    max-height: 240px;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    list-style: none;
  }
  .canned-option {
    display: flex;
    align-items: baseline;
    gap: 10px;
    padding: 6px 10px;
    border-radius: 6px;
    cursor: pointer;
  }
  .canned-option[aria-selected='true'] {
    background: var(--chat-accent-soft, #edf2ff);
  }
  .canned-shortcut {
    flex: none;
    max-width: 40%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 650;
  }
  .canned-shortcut mark {
    background: none;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .canned-preview {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--chat-muted, #5f6679);
  }
  .canned-empty {
    margin: 0;
    padding: 6px 10px;
    color: var(--chat-muted, #5f6679);
  }
`;

/** The canned responses as a composer picker source (see ComposerPicker). */
export function cannedSource(list: CannedResponse[], strings: { label: string; emptyText: string; listId: string }): PickerSource<CannedResponse> {
  return { ...strings, find: cannedQuery, items: (query) => filterCanned(list, query), text: (item) => item.text, option: cannedOption };
}
