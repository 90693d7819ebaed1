/**
 * The one pattern of the admin's record lists (canned responses, departments, helpdesk teams,
 * webhooks): a list with Edit and Delete on each row, a form that opens in place of the row (or
 * above the list for a new record), the server's validation messages beside the fields they name
 * with what was typed kept, a confirmation dialog before deleting, and focus put somewhere
 * sensible after each step. A view owns one controller per list and renders the controller's
 * templates with its own fields; `records` is the style sheet that goes with them.
 */
import { css, html, nothing, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import { AdminError } from '../../client/admin-session.js';
import { alertIcon, editIcon, plusIcon, trashIcon } from './icons.js';
import type { NoticeController } from './notice-controller.js';

export interface RecordsOptions<T extends { id: number }, D extends object> {
  /** Prefix of the ids this list renders, unique in the host's shadow root ("canned" → #canned-form). */
  key: string;
  load(): Promise<T[]>;
  /** Creates (id null) or updates a record; rejects with the server's refusal. */
  save(id: number | null, draft: D): Promise<T>;
  remove(id: number): Promise<void>;
  /** The form's content for a new record. */
  blank(): D;
  /** The form's content for an existing record. */
  draftOf(item: T): D;
  /** How a record is named in buttons, dialogs and notices, e.g. `:hello`. */
  label(item: T): string;
  /** The draft's fields whose problems are shown beside them; any other problem goes to the form's alert. */
  fields: ReadonlyArray<keyof D & string>;
  /** Problems worth catching before asking the server (a number field left empty), by field. */
  check?(draft: D): Partial<Record<keyof D & string, string>>;
  /** The field a refusal without per-field issues is about (a CONFLICT over a name), if any. */
  fieldOf?(err: AdminError): (keyof D & string) | null;
  /**
   * Called once a save went through and the list is reloaded; may name what to focus next
   * (a selector in the host's shadow root). By default focus goes to the saved row's first button.
   */
  afterSave?(saved: T, created: boolean): string | void;
  /** Whether rows have an Edit button (webhooks are only added and removed). */
  editable?: boolean;
  notice: NoticeController;
  said: { created(item: T): string; saved(item: T): string; removed(item: T): string };
}

/** What a view gives the list's templates. */
export interface RecordsTemplates<T, D> {
  /** The list's accessible name. */
  label: string;
  /** What the list shows when it is empty. */
  empty: TemplateResult;
  /** One row's content; the Edit and Delete buttons are added after it. */
  item(item: T): unknown;
  /** The form's heading. */
  title(editing: T | null): string;
  /** The form's fields for the draft. */
  form(draft: D, editing: T | null): unknown;
  /** The delete dialog's text. */
  confirm(item: T): string;
}

export class RecordsController<T extends { id: number }, D extends object> implements ReactiveController {
  /** As the server listed them; null until loaded. */
  items: T[] | null = null;
  loadError = '';
  /** The record in the form: an existing one, 'new', or null while the form is closed. */
  editing: T | 'new' | null = null;
  /** What the form shows, kept as typed until it saves. */
  draft: D | null = null;
  /** Problems by field. */
  errors: Partial<Record<keyof D & string, string>> = {};
  /** A problem that is not about one field. */
  formError = '';
  saving = false;
  /** The record the delete dialog asks about. */
  confirming: T | null = null;
  removing = false;
  removeError = '';

  readonly #host: LitElement;
  readonly #opts: RecordsOptions<T, D>;
  #loading: Promise<void> | null = null;

  constructor(host: LitElement, opts: RecordsOptions<T, D>) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.items) void this.load();
  }

  /** Keeps the delete dialog open exactly while there is something to confirm. */
  hostUpdated(): void {
    const dialog = this.#find<HTMLDialogElement>(`#${this.id('confirm')}`);
    if (!dialog) return;
    if (this.confirming && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.cancel')?.focus();
    } else if (!this.confirming && dialog.open) {
      dialog.close();
    }
  }

  /** An id inside this list: `id('shortcut')` is "canned-shortcut". */
  id(name: string): string {
    return `${this.#opts.key}-${name}`;
  }

  load(): Promise<void> {
    this.#loading ??= (async () => {
      this.loadError = '';
      this.#update();
      try {
        this.items = await this.#opts.load();
      } catch (err) {
        this.loadError = AdminError.from(err).message;
      } finally {
        this.#loading = null;
        this.#update();
      }
    })();
    return this.#loading;
  }

  /** Opens the form for a record, or for a new one, and puts focus in its first field. */
  async open(item: T | 'new'): Promise<void> {
    this.editing = item;
    this.draft = item === 'new' ? this.#opts.blank() : this.#opts.draftOf(item);
    this.errors = {};
    this.formError = '';
    await this.#focus(`#${this.id('form')} :is(input, select, textarea)`);
  }

  /** Changes the draft; the problems of the changed fields are cleared, as they are being fixed. */
  edit(patch: Partial<D>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...patch };
    const changed = Object.keys(patch).filter((k) => k in this.errors);
    if (changed.length) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => !changed.includes(k))) as typeof this.errors;
    this.#update();
  }

  async cancel(): Promise<void> {
    const was = this.editing;
    this.editing = null;
    this.draft = null;
    this.errors = {};
    this.formError = '';
    await this.#focus(was && was !== 'new' ? `#${this.id(`edit-${was.id}`)}` : `#${this.id('add')}`);
  }

  async save(e?: Event): Promise<void> {
    e?.preventDefault();
    const { draft, editing } = this;
    if (!draft || !editing || this.saving) return;
    const problems = this.#opts.check?.(draft) ?? {};
    if (Object.keys(problems).length) {
      this.errors = problems;
      this.formError = '';
      await this.#focus(`#${this.id('form')} [aria-invalid="true"]`);
      return;
    }
    this.saving = true;
    this.errors = {};
    this.formError = '';
    this.#update();
    try {
      const saved = await this.#opts.save(editing === 'new' ? null : editing.id, draft);
      this.editing = null;
      this.draft = null;
      this.#opts.notice.show(editing === 'new' ? this.#opts.said.created(saved) : this.#opts.said.saved(saved));
      await this.load();
      const next = this.#opts.afterSave?.(saved, editing === 'new');
      await this.#focus(...(next ? [next] : []), `#${this.id(this.#opts.editable === false ? `delete-${saved.id}` : `edit-${saved.id}`)}`);
    } catch (err) {
      this.#refused(AdminError.from(err));
      await this.#focus(`#${this.id('form')} [aria-invalid="true"]`, `#${this.id('form-alert')}`);
    } finally {
      this.saving = false;
      this.#update();
    }
  }

  /** Asks before deleting; the dialog opens on the next render. */
  askRemove(item: T): void {
    this.confirming = item;
    this.removeError = '';
    this.#update();
  }

  async confirmRemove(): Promise<void> {
    const item = this.confirming;
    if (!item || this.removing) return;
    this.removing = true;
    this.removeError = '';
    this.#update();
    const rows = this.items ?? [];
    const i = rows.findIndex((r) => r.id === item.id);
    const neighbour = rows[i + 1] ?? rows[i - 1];
    try {
      await this.#opts.remove(item.id);
      this.confirming = null;
      if (this.editing !== 'new' && this.editing?.id === item.id) this.editing = this.draft = null;
      this.#opts.notice.show(this.#opts.said.removed(item));
      await this.load();
      await this.#focus(neighbour ? `#${this.id(`${this.#opts.editable === false ? 'delete' : 'edit'}-${neighbour.id}`)}` : `#${this.id('add')}`);
    } catch (err) {
      this.removeError = AdminError.from(err).message;
    } finally {
      this.removing = false;
      this.#update();
    }
  }

  /** Closes the dialog without deleting; focus goes back to the row's Delete button. */
  async keep(): Promise<void> {
    const item = this.confirming;
    if (!item) return;
    this.confirming = null;
    await this.#focus(`#${this.id(`delete-${item.id}`)}`);
  }

  // --- templates ---------------------------------------------------------------------

  /** The form for a new record, then the list (or its empty state), then the delete dialog. */
  render(t: RecordsTemplates<T, D>) {
    const items = this.items;
    const { editing } = this;
    let list;
    if (!items) {
      list = this.loadError
        ? html`<div class="alert" role="alert">${alertIcon}<span>${this.loadError}</span>
            <button type="button" class="link" @click=${() => this.load()}>Try again</button></div>`
        : html`<p class="muted loading-note" role="status">Loading…</p>`;
    } else if (!items.length && editing !== 'new') {
      list = html`<div class="records-empty">${t.empty}</div>`;
    } else {
      list = html`<ul class="records" aria-label=${t.label}>
        ${items.map((item) =>
          editing !== 'new' && editing?.id === item.id
            ? html`<li class="record editing" data-id=${item.id}>${this.#renderForm(t, item)}</li>`
            : html`<li class="record" data-id=${item.id}>
                <div class="record-main">${t.item(item)}</div>
                <div class="record-actions">${this.#renderActions(item)}</div>
              </li>`,
        )}
      </ul>`;
    }
    return html`${editing === 'new' ? html`<div class="record new">${this.#renderForm(t, null)}</div>` : nothing} ${list} ${this.#renderDialog(t)}`;
  }

  /** The button that opens the form for a new record; a view puts it in its section's head. */
  renderAdd(text: string) {
    return html`<button type="button" class="secondary small add" id=${this.id('add')} ?disabled=${!this.items || this.editing === 'new'} @click=${() => this.open('new')}>
      ${plusIcon}${text}
    </button>`;
  }

  /** A field's problem, beside it (an empty paragraph when there is none). */
  error(field: keyof D & string) {
    const text = this.errors[field];
    return html`<p class="field-error" id=${this.id(`${field}-error`)}>${text ? html`${alertIcon}<span>${text}</span>` : nothing}</p>`;
  }

  invalid(field: keyof D & string): 'true' | 'false' {
    return this.errors[field] ? 'true' : 'false';
  }

  /** aria-describedby for a field: its hints, then its problem when there is one. */
  described(field: keyof D & string, ...hints: string[]) {
    const ids = [...hints, ...(this.errors[field] ? [this.id(`${field}-error`)] : [])];
    return ids.length ? ids.join(' ') : nothing;
  }

  #renderActions(item: T) {
    const name = this.#opts.label(item);
    return html`${this.#opts.editable === false
        ? nothing
        : html`<button type="button" class="ghost small edit" id=${this.id(`edit-${item.id}`)} ?disabled=${this.editing !== null} @click=${() => this.open(item)}>
            ${editIcon}Edit<span class="sr-only"> ${name}</span>
          </button>`}
      <button type="button" class="ghost small delete" id=${this.id(`delete-${item.id}`)} @click=${() => this.askRemove(item)}>
        ${trashIcon}Delete<span class="sr-only"> ${name}</span>
      </button>`;
  }

  #renderForm(t: RecordsTemplates<T, D>, item: T | null) {
    const draft = this.draft;
    if (!draft) return nothing;
    return html`<form class="record-form" id=${this.id('form')} novalidate aria-labelledby=${this.id('form-title')} @submit=${(e: Event) => this.save(e)}>
      <h3 id=${this.id('form-title')}>${t.title(item)}</h3>
      <div class="alert form-alert" id=${this.id('form-alert')} role="alert" tabindex="-1">${this.formError
          ? html`${alertIcon}<span>${this.formError}</span>`
          : nothing}</div>
      ${t.form(draft, item)}
      <div class="form-actions">
        <button type="submit" class="primary save" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save'}</button>
        <button type="button" class="secondary cancel" ?disabled=${this.saving} @click=${() => this.cancel()}>Cancel</button>
      </div>
    </form>`;
  }

  #renderDialog(t: RecordsTemplates<T, D>) {
    const item = this.confirming;
    const title = this.id('confirm-title');
    const text = this.id('confirm-text');
    return html`<dialog id=${this.id('confirm')} aria-labelledby=${title} aria-describedby=${text} @cancel=${(e: Event) => (e.preventDefault(), this.keep())}>
      ${item
        ? html`<div class="dialog-body">
              <h2 id=${title}>Delete ${this.#opts.label(item)}?</h2>
              <p id=${text} class="muted">${t.confirm(item)}</p>
              <div class="alert" role="alert">${this.removeError ? html`${alertIcon}<span>${this.removeError}</span>` : nothing}</div>
            </div>
            <div class="dialog-actions">
              <button type="button" class="secondary cancel" @click=${() => this.keep()}>Cancel</button>
              <button type="button" class="danger confirm" ?disabled=${this.removing} @click=${() => this.confirmRemove()}>${trashIcon}Delete</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  // --- internals ---------------------------------------------------------------------

  /** Puts the server's problems beside the fields they name; the rest goes to the form's alert. */
  #refused(err: AdminError): void {
    const fields: readonly string[] = this.#opts.fields;
    const errors: Record<string, string> = {};
    const other: string[] = [];
    for (const issue of err.issues) {
      // Updates send { id, fields }, so their issues' paths start with "fields.".
      const field = issue.path.replace(/^fields\./, '').split('.')[0] ?? '';
      if (fields.includes(field)) errors[field] = errors[field] ? `${errors[field]} · ${issue.message}` : issue.message;
      else other.push(issue.message);
    }
    if (!err.issues.length) {
      const field = this.#opts.fieldOf?.(err);
      if (field) errors[field] = err.message;
      else other.push(err.message || 'Not saved.');
    }
    this.errors = errors as typeof this.errors;
    this.formError = other.length ? `Not saved: ${other.join(' ')}` : '';
  }

  #find<E extends Element>(selector: string): E | null {
    return this.#host.renderRoot.querySelector<E>(selector);
  }

  /** After the next render, focuses the first selector that matches. */
  async #focus(...selectors: string[]): Promise<void> {
    this.#update();
    await this.#host.updateComplete;
    for (const s of selectors) {
      const el = this.#find<HTMLElement>(s);
      if (el) {
        el.focus();
        return;
      }
    }
  }

  #update(): void {
    this.#host.requestUpdate();
  }
}

/** Styles of the record lists, forms and dialog, on top of the shared `base` sheet. */
export const records = css`
  .section-head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 16px;
  }
  .section-head p {
    max-width: 640px;
  }
  .records {
    display: grid;
    border: 1px solid var(--border);
    border-radius: 10px;
    overflow: hidden;
  }
  .record {
    display: flex;
    align-items: flex-start;
    gap: 12px;
    padding: 12px 14px;
    border-top: 1px solid var(--border);
    background: var(--surface);
  }
  .record:first-child {
    border-top: 0;
  }
  .record.editing,
  .record.new {
    display: block;
    background: var(--sunken);
  }
  .record.new {
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 14px;
  }
  .record-main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 3px;
  }
  .record-title {
    font-weight: 650;
    overflow-wrap: anywhere;
  }
  .record-sub {
    font-size: 13px;
    color: var(--muted);
    overflow-wrap: anywhere;
  }
  .record-actions {
    display: flex;
    gap: 4px;
    flex: none;
  }
  .record-actions .delete:not(:disabled):hover {
    color: var(--danger);
    background: var(--danger-soft);
  }
  .record-form {
    display: grid;
    gap: 14px;
  }
  .record-form h3 {
    font-size: 14px;
    font-weight: 700;
  }
  .form-alert:focus {
    outline: none;
  }
  .form-actions {
    display: flex;
    gap: 8px;
  }
  .records-empty {
    display: grid;
    justify-items: center;
    gap: 8px;
    padding: 28px 20px;
    border: 1px dashed var(--border-strong);
    border-radius: 10px;
    text-align: center;
    color: var(--muted);
  }
  .records-empty strong {
    color: var(--text);
    font-size: 15px;
  }
  .records-empty p {
    max-width: 520px;
  }
  .loading-note {
    padding: 12px 0;
  }
  code,
  kbd {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12.5px;
    padding: 1px 5px;
    border-radius: 5px;
    background: #eceef4;
    color: var(--text);
    overflow-wrap: anywhere;
  }
  .hint.warn {
    color: var(--warn);
    font-weight: 550;
  }
  .check-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 6px 16px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 0;
    cursor: pointer;
    font-weight: 550;
  }
  .check .muted {
    font-weight: 400;
    font-size: 12.5px;
  }

  /* --- the delete dialog --- */
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
    overflow-wrap: anywhere;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    padding: 12px 22px 18px;
  }
  @media (max-width: 640px) {
    .record {
      flex-direction: column;
    }
  }
`;
