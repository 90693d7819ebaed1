/**
 * A picker in a composer that opens while a token is typed at the caret: `:shortcut` for canned
 * responses, `@name` for teammates. The textarea is its combobox and keeps the keyboard focus:
 * arrows move the highlight, Enter or Tab picks, Escape closes; a click on an option picks it.
 * Picking replaces the typed token with the item's text.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { applyCanned } from './canned.js';
import { renderPickerMenu } from './canned-menu.js';

/** One kind of token and what it offers. */
export interface PickerSource<T> {
  /** The token being typed at the caret: where its sigil is, and what follows it. */
  find(value: string, caret: number): { start: number; query: string } | null;
  /** What matches the query, in the order shown. */
  items(query: string): readonly T[];
  /** What replaces the token once an item is picked. */
  text(item: T): string;
  option(item: T, query: string): TemplateResult;
  /** The listbox's id; options are `${listId}-${index}`. */
  listId: string;
  label: string;
  emptyText: string;
}

export interface ComposerPickerOptions {
  /** The kinds of token this composer knows; the first that finds one at the caret opens. */
  sources: () => ReadonlyArray<PickerSource<unknown>>;
  textarea: () => HTMLTextAreaElement | null | undefined;
  /** Puts the new text in the composer, with the caret after the inserted item. */
  apply: (textarea: HTMLTextAreaElement, value: string, caret: number) => void;
}

interface Open {
  /** Which of the sources found the token. */
  index: number;
  start: number;
  query: string;
  active: number;
}

export class ComposerPicker implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #opts: ComposerPickerOptions;
  #open: Open | null = null;

  constructor(host: ReactiveControllerHost, opts: ComposerPickerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#open = null;
  }

  get isOpen(): boolean {
    return this.#open !== null;
  }

  /** Call on input: opens, follows or closes the picker for the token at the caret. */
  update(textarea: HTMLTextAreaElement): void {
    const sources = this.#opts.sources();
    for (let index = 0; index < sources.length; index++) {
      const found = sources[index]!.find(textarea.value, textarea.selectionStart);
      if (!found) continue;
      const same = this.#open?.index === index && this.#open.query === found.query;
      return this.#set({ index, ...found, active: same ? this.#open!.active : 0 });
    }
    this.#set(null);
  }

  close(): void {
    if (this.#open) this.#set(null);
  }

  /** Call first on keydown: true when the key belonged to the open picker (it was handled). */
  keydown(e: KeyboardEvent): boolean {
    const open = this.#open;
    const source = open && this.#opts.sources()[open.index];
    if (!open || !source || e.isComposing) return false;
    const items = source.items(open.query);
    if (items.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : items.length - 1;
      this.#set({ ...open, active: (open.active + step) % items.length });
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.#set(null);
      return true;
    }
    if (items.length && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
      e.preventDefault();
      this.#pick(source, items[open.active] ?? items[0]);
      return true;
    }
    return false;
  }

  /** The menu, to render inside the `.composer` element, while the picker is open. */
  menu(): TemplateResult | typeof nothing {
    const open = this.#open;
    const source = open && this.#opts.sources()[open.index];
    if (!open || !source) return nothing;
    return renderPickerMenu({
      items: source.items(open.query),
      active: open.active,
      listId: source.listId,
      label: source.label,
      emptyText: source.emptyText,
      option: (item) => source.option(item, open.query),
      onPick: (item) => this.#pick(source, item),
      onHover: (active) => this.#set({ ...open, active }),
    });
  }

  /** The textarea's combobox attributes (`nothing` removes one while the picker is closed). */
  get aria(): { role: string | typeof nothing; expanded: string | typeof nothing; controls: string | typeof nothing; activedescendant: string | typeof nothing } {
    const open = this.#open;
    const source = open && this.#opts.sources()[open.index];
    if (!open || !source) return { role: nothing, expanded: nothing, controls: nothing, activedescendant: nothing };
    const listed = source.items(open.query).length > 0;
    return {
      role: 'combobox',
      expanded: 'true',
      controls: listed ? source.listId : nothing,
      activedescendant: listed ? `${source.listId}-${open.active}` : nothing,
    };
  }

  #pick(source: PickerSource<unknown>, item: unknown): void {
    const textarea = this.#opts.textarea();
    const open = this.#open;
    if (!textarea || !open) return;
    const next = applyCanned(textarea.value, open.start, textarea.selectionStart, source.text(item));
    this.#set(null);
    this.#opts.apply(textarea, next.value, next.caret);
    textarea.focus();
  }

  #set(open: Open | null): void {
    this.#open = open;
    this.#host.requestUpdate();
  }
}
