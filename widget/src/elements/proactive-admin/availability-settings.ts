import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { choices, type Choice } from './choices.js';
import {
  AUTOMATIC_KINDS,
  AVAILABILITY_LIMITS as L,
  DEFAULT_TEXTS,
  PLACEHOLDERS,
  type AutomaticKind,
  type AutomaticMessage,
  type AvailabilitySettings,
  type Holiday,
  type MealTime,
} from '../../../../server/src/protocol/availability-shared.js';
import type { OperatorPresence } from '../../../../server/src/protocol/index.js';
import { WEEKDAYS, type Weekday } from '../../../../server/src/protocol/proactive-shared.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { ChatAdminNavigateEvent } from './events.js';
import { alertIcon, arrowRightIcon, closeIcon, imageIcon, linkIcon, plusIcon, refreshIcon, trashIcon } from './icons.js';
import {
  AUTOMATIC_LABELS,
  AVAILABILITY_SECTIONS as S,
  CAP_INTAKE_OPTIONS,
  DISTRIBUTION_OPTIONS,
  MEAL_NOTE,
  OPERATOR_STATUS_LABELS,
  PLACEHOLDER_HINTS,
  WEEKDAY_LABELS,
  WEEKDAY_SHORT,
} from './labels.js';
import { availability } from './availability-settings.styles.js';
import { NoticeController } from './notice-controller.js';
import { base } from './proactive-admin.styles.js';

/** Top-level keys whose problems are shown beside a field; any other issue goes to the alert at the top. */
const FIELD_ROOTS = ['holidays', 'meals', 'cap', 'categories', 'messages'];
const IMAGE_TYPES = ['image/png', 'image/jpeg'];
const MAX_PERIODS = 4;

/** What is sent: an empty or blank text means "the default text" (null). */
function normalized(d: AvailabilitySettings): AvailabilitySettings {
  const messages = Object.fromEntries(
    AUTOMATIC_KINDS.map((k) => {
      const m = d.messages[k];
      return [k, { ...m, text: m.text === null || m.text.trim() === '' ? null : m.text }];
    }),
  ) as AvailabilitySettings['messages'];
  return { ...d, messages };
}

/** JSON with object keys sorted, so two equal settings compare equal whatever their key order. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** YYYY-MM-DD of the local calendar day `offset` days from today. */
function localDay(offset: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A time input cannot show 24:00 (end of day); it shows 23:59 until changed. */
const timeValue = (t: string) => (t === '24:00' ? '23:59' : t);

/** HH:MM plus some hours, at most 24:00. */
function laterBy(t: string, hours: number): string {
  const [h = 0, m = 0] = t.split(':').map(Number);
  const minutes = Math.min(24 * 60, h * 60 + m + hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const valueOf = (e: Event) => (e.target as HTMLInputElement).value;
const checkedOf = (e: Event) => (e.target as HTMLInputElement).checked;

/**
 * The account's availability, edited as one draft and saved as a whole through
 * admin.availability: chat stopped, distribution, holidays, meal times, out-of-hours behaviour,
 * the chat cap, categories and the automatic messages (text with placeholders, link buttons,
 * an uploaded image). The team table beside it saves each operator's capacity at once through
 * admin.operators.setCapacity. The server's validation messages are shown next to the fields
 * they name, and the draft is kept as typed until it saves. Business hours stay in their own
 * view; this one links there.
 *
 * @fires chat-admin-navigate - when the marketer follows the link to business hours
 */
export class ProactiveAvailabilitySettings extends LitElement {
  static override styles = [base, availability];

  #notice = new NoticeController(this);

  @property({ attribute: false }) session?: AdminSession;

  /** As stored on the server; null until loaded. */
  @state() private saved: AvailabilitySettings | null = null;
  /** What the form shows; differs from `saved` while there are unsaved changes. */
  @state() private draft: AvailabilitySettings | null = null;
  @state() private loadError = '';
  /** Problems by issue path ("cap.limit", "holidays.0.date", "messages.greeting.text"...). */
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  @state() private saving = false;
  @state() private team: OperatorPresence[] | null = null;
  @state() private teamError = '';
  @state() private teamLoading = false;
  /** Capacity as typed, per operator, until the server accepts it. */
  @state() private capacityText: Record<number, string> = {};
  @state() private capacityErrors: Record<number, string> = {};
  @state() private capacitySaving: ReadonlySet<number> = new Set();
  @state() private uploading: ReadonlySet<AutomaticKind> = new Set();

  #uploads = new AbortController();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#uploads.signal.aborted) this.#uploads = new AbortController();
    if (!this.saved) void this.#load();
    if (!this.team) void this.#loadTeam();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#uploads.abort();
  }

  /** True while the form holds changes that are not saved. */
  get dirty(): boolean {
    return !!this.draft && !!this.saved && stable(normalized(this.draft)) !== stable(this.saved);
  }

  /** The confirmation currently shown, if any. */
  get notice(): string {
    return this.#notice.text;
  }

  async #load(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.loadError = '';
    try {
      const settings = await session.loadAvailability();
      this.saved = settings;
      this.draft = structuredClone(settings);
    } catch (err) {
      this.loadError = AdminError.from(err).message;
    }
  }

  async #loadTeam(): Promise<void> {
    const session = this.session;
    if (!session || this.teamLoading) return;
    this.teamLoading = true;
    this.teamError = '';
    try {
      this.team = await session.team();
    } catch (err) {
      this.teamError = AdminError.from(err).message;
    } finally {
      this.teamLoading = false;
    }
  }

  // --- editing ---------------------------------------------------------------------

  /**
   * Changes the draft; the problems at the given paths and below them are cleared, as they are
   * being fixed ("=path" clears that path only, e.g. a list's own "names must be unique").
   */
  #edit(change: (d: AvailabilitySettings) => void, ...clear: string[]): void {
    if (!this.draft) return;
    const d = structuredClone(this.draft);
    change(d);
    this.draft = d;
    this.#clear(...clear);
  }

  #clear(...paths: string[]): void {
    const hit = (p: string) => paths.some((c) => (c.startsWith('=') ? p === c.slice(1) : p === c || p.startsWith(`${c}.`)));
    if (Object.keys(this.errors).some(hit)) this.errors = Object.fromEntries(Object.entries(this.errors).filter(([p]) => !hit(p)));
  }

  #message(kind: AutomaticKind, patch: Partial<AutomaticMessage>, clear = `messages.${kind}`): void {
    this.#edit((d) => Object.assign(d.messages[kind], patch), clear);
  }

  #setError(path: string, message: string): void {
    this.errors = { ...this.errors, [path]: message };
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #addHoliday(): void {
    const taken = new Set(this.draft?.holidays.map((h) => h.date));
    let offset = 1;
    while (taken.has(localDay(offset))) offset++;
    const i = this.draft?.holidays.length ?? 0;
    this.#edit((d) => d.holidays.push({ date: localDay(offset), name: '', hours: [] }), 'holidays');
    void this.#focus(`#hol-${i}-date`);
  }

  #removeHoliday(i: number): void {
    this.#edit((d) => d.holidays.splice(i, 1), 'holidays');
    void this.#focus(this.draft && this.draft.holidays.length > i ? `#hol-${i}-date` : '#add-holiday');
  }

  #addPeriod(i: number): void {
    const h = this.draft?.holidays[i];
    if (!h) return;
    const last = h.hours.at(-1);
    const next = last && last.end < '23:00' ? { start: last.end, end: laterBy(last.end, 2) } : { start: '09:00', end: '13:00' };
    this.#edit((d) => d.holidays[i]!.hours.push(next), `holidays.${i}.hours`);
    void this.#focus(`#hol-${i}-start-${h.hours.length}`);
  }

  #addMeal(): void {
    const i = this.draft?.meals.length ?? 0;
    this.#edit((d) => d.meals.push({ operatorId: null, days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '12:00', end: '13:00', intake: false }), 'meals');
    void this.#focus(`#meal-${i}-who`);
  }

  #removeMeal(i: number): void {
    this.#edit((d) => d.meals.splice(i, 1), 'meals');
    void this.#focus(this.draft && this.draft.meals.length > i ? `#meal-${i}-who` : '#add-meal');
  }

  #toggleDay(i: number, day: Weekday, on: boolean): void {
    this.#edit((d) => {
      const days = new Set(d.meals[i]!.days);
      if (on) days.add(day);
      else days.delete(day);
      d.meals[i]!.days = WEEKDAYS.filter((w) => days.has(w));
    }, `meals.${i}.days`);
  }

  #addCategory(): void {
    const i = this.draft?.categories.length ?? 0;
    this.#edit((d) => d.categories.push({ name: '', divisions: [] }), 'categories');
    void this.#focus(`#cat-${i}-name`);
  }

  #removeCategory(i: number): void {
    this.#edit((d) => d.categories.splice(i, 1), 'categories');
    void this.#focus(this.draft && this.draft.categories.length > i ? `#cat-${i}-name` : '#add-category');
  }

  #addDivision(i: number): void {
    const j = this.draft?.categories[i]?.divisions.length ?? 0;
    this.#edit((d) => d.categories[i]!.divisions.push(''), `categories.${i}.divisions`);
    void this.#focus(`#cat-${i}-div-${j}`);
  }

  #removeDivision(i: number, j: number): void {
    this.#edit((d) => d.categories[i]!.divisions.splice(j, 1), `categories.${i}.divisions`);
    const left = this.draft?.categories[i]?.divisions.length ?? 0;
    void this.#focus(left > j ? `#cat-${i}-div-${j}` : left ? `#cat-${i}-div-${left - 1}` : `#add-div-${i}`);
  }

  #addButton(kind: AutomaticKind): void {
    const j = this.draft?.messages[kind].buttons.length ?? 0;
    this.#edit((d) => d.messages[kind].buttons.push({ label: '', url: 'https://' }), `messages.${kind}.buttons`);
    void this.#focus(`#m-${kind}-btn-${j}-label`);
  }

  #removeButton(kind: AutomaticKind, j: number): void {
    this.#edit((d) => d.messages[kind].buttons.splice(j, 1), `messages.${kind}.buttons`);
    const left = this.draft?.messages[kind].buttons.length ?? 0;
    void this.#focus(left > j ? `#m-${kind}-btn-${j}-label` : `#add-btn-${kind}`);
  }

  /** Puts `[name]` where the caret is (or over the selection) in a message's text. */
  async #insertPlaceholder(kind: AutomaticKind, name: string): Promise<void> {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#m-${kind}-text`);
    const text = this.draft?.messages[kind].text ?? '';
    const token = `[${name}]`;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    if (text.length - (end - start) + token.length > L.text) {
      this.#setError(`messages.${kind}.text`, `No room for ${token}: the text can be at most ${L.text} characters.`);
      return;
    }
    this.#message(kind, { text: text.slice(0, start) + token + text.slice(end) }, `messages.${kind}.text`);
    await this.updateComplete;
    if (!area) return;
    area.focus();
    area.setSelectionRange(start + token.length, start + token.length);
  }

  // --- handlers ----------------------------------------------------------------------

  async #handleFile(kind: AutomaticKind, e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    const session = this.session;
    if (!file || !session) return;
    const path = `messages.${kind}.image`;
    this.#clear(path);
    // Checked here for a quick answer; the server checks again and has the last word.
    if (!IMAGE_TYPES.includes(file.type)) return this.#setError(path, `“${file.name}” is not a JPG or PNG image.`);
    if (file.size > L.imageBytes) {
      return this.#setError(path, `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; an image can be at most ${L.imageBytes / 1024 / 1024} MB.`);
    }
    this.uploading = new Set([...this.uploading, kind]);
    try {
      const uploaded = await session.upload(file, 'automatic', this.#uploads.signal);
      this.#message(kind, { image: uploaded.url }, path);
      await this.#focus(`#m-${kind}-remove-image`);
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.#setError(path, AdminError.from(err).message);
    } finally {
      const uploading = new Set(this.uploading);
      uploading.delete(kind);
      this.uploading = uploading;
    }
  }

  async #handleRemoveImage(kind: AutomaticKind): Promise<void> {
    this.#message(kind, { image: null }, `messages.${kind}.image`);
    await this.#focus(`#m-${kind}-image`);
  }

  async #handleCapacity(o: OperatorPresence, e: Event): Promise<void> {
    const session = this.session;
    const raw = valueOf(e).trim();
    if (!session || this.capacitySaving.has(o.id)) return;
    this.capacityErrors = { ...this.capacityErrors, [o.id]: '' };
    const capacity = raw === '' ? NaN : Number(raw);
    if (!Number.isInteger(capacity)) {
      this.capacityErrors = { ...this.capacityErrors, [o.id]: 'Capacity is a whole number of chats.' };
      return;
    }
    if (capacity === o.capacity) return;
    this.capacitySaving = new Set([...this.capacitySaving, o.id]);
    try {
      await session.setCapacity(o.id, capacity);
      const text = { ...this.capacityText };
      delete text[o.id];
      this.capacityText = text;
      this.team = (this.team ?? []).map((x) => (x.id === o.id ? { ...x, capacity } : x));
      this.#notice.show(`${o.name} now takes up to ${capacity} ${capacity === 1 ? 'chat' : 'chats'} at once`);
      void this.#loadTeam();
    } catch (err) {
      const problem = AdminError.from(err);
      this.capacityErrors = { ...this.capacityErrors, [o.id]: problem.issues.find((i) => i.path === 'capacity')?.message ?? problem.message };
    } finally {
      const saving = new Set(this.capacitySaving);
      saving.delete(o.id);
      this.capacitySaving = saving;
    }
  }

  async #handleSave(): Promise<void> {
    const session = this.session;
    if (!session || !this.draft || this.saving || !this.dirty) return;
    this.saving = true;
    this.errors = {};
    this.formError = '';
    try {
      const saved = await session.saveAvailability(normalized(this.draft));
      this.saved = saved;
      this.draft = structuredClone(saved);
      this.#notice.show('Availability settings saved');
    } catch (err) {
      this.#showErrors(AdminError.from(err));
      await this.updateComplete;
      (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('.form-alert'))?.focus();
    } finally {
      this.saving = false;
    }
  }

  #handleDiscard(): void {
    if (!this.saved) return;
    this.draft = structuredClone(this.saved);
    this.errors = {};
    this.formError = '';
    this.#notice.show('Changes discarded');
  }

  #showErrors(err: AdminError): void {
    let issues = err.issues;
    // A refusal from outside the schema (e.g. an image that is not an upload) names its path in the message.
    if (!issues.length && err.code === 'BAD_REQUEST') {
      const m = /^([A-Za-z]+(?:\.[A-Za-z0-9_]+)*): (.+)$/s.exec(err.message);
      if (m && FIELD_ROOTS.includes(m[1]!.split('.')[0]!)) issues = [{ path: m[1]!, message: m[2]! }];
    }
    const errors: Record<string, string> = {};
    const other: string[] = [];
    for (const issue of issues) {
      if (FIELD_ROOTS.includes(issue.path.split('.')[0]!)) errors[issue.path] = errors[issue.path] ? `${errors[issue.path]} · ${issue.message}` : issue.message;
      else other.push(issue.message);
    }
    this.errors = errors;
    this.formError = Object.keys(errors).length ? ['Not saved: fix what is marked below.', ...other].join(' ') : err.message || 'Not saved.';
  }

  #navigate(view: 'settings'): void {
    this.dispatchEvent(new ChatAdminNavigateEvent(view));
  }

  // --- rendering -------------------------------------------------------------------

  /** The problems at `path` and below it, joined. */
  #errs(path: string): string {
    return Object.entries(this.errors)
      .filter(([p]) => p === path || p.startsWith(`${path}.`))
      .map(([, m]) => m)
      .join(' · ');
  }

  #invalid(path: string): 'true' | 'false' {
    return this.#errs(path) ? 'true' : 'false';
  }

  /** aria-describedby for a field: its hint ids, plus its error's id when there is one. */
  #described(path: string, errorId: string, ...hints: string[]) {
    const ids = [...hints, ...(this.#errs(path) ? [errorId] : [])];
    return ids.length ? ids.join(' ') : nothing;
  }

  #error(id: string, text: string) {
    return html`<p class="field-error" id=${id}>${text ? html`${alertIcon}<span>${text}</span>` : nothing}</p>`;
  }

  #sectionHead(id: string, s: { title: string; help: string }, extra: unknown = nothing) {
    return html`<div class="section-head">
      <div>
        <h2 id=${id}>${s.title}</h2>
        <p>${s.help}</p>
      </div>
      ${extra}
    </div>`;
  }

  #switch(id: string, label: string, checked: boolean, onChange: (on: boolean) => void, hint = '') {
    return html`<label class="switch" for=${id}>
      <input id=${id} type="checkbox" role="switch" .checked=${live(checked)} aria-describedby=${hint ? `${id}-hint` : nothing} @change=${(e: Event) => onChange(checkedOf(e))} />
      <span class="switch-text">
        <span class="switch-label">${label}</span>
        ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      </span>
    </label>`;
  }

  #radios<T extends string>(name: string, legend: string, options: Array<Choice<T>>, value: T, set: (v: T) => void) {
    return html`<fieldset class="field">
      <legend class="sr-only">${legend}</legend>
      ${choices(name, options, value, set, true)}
    </fieldset>`;
  }

  #renderStopped(d: AvailabilitySettings) {
    return html`<section class="card section stopped ${d.chatStopped ? 'on' : ''}" aria-labelledby="a-stopped">
      ${this.#sectionHead('a-stopped', S.stopped)}
      ${this.#switch('chat-stopped', 'Stop chat', d.chatStopped, (on) => this.#edit((x) => (x.chatStopped = on)))}
      ${d.chatStopped
        ? html`<p class="warning" id="stopped-warning">${alertIcon}<span><strong>Visitors cannot start chats.</strong> Chats already open go on; new requests get the “unavailable” message.</span></p>`
        : nothing}
    </section>`;
  }

  #renderRating(d: AvailabilitySettings) {
    return html`<section class="card section" aria-labelledby="a-rating">
      ${this.#sectionHead('a-rating', S.rating)}
      ${this.#switch('rating-enabled', 'Let operators ask for a rating', d.rating, (on) => this.#edit((x) => (x.rating = on)))}
    </section>`;
  }

  #renderDistribution(d: AvailabilitySettings) {
    return html`<section class="card section" aria-labelledby="a-distribution">
      ${this.#sectionHead('a-distribution', S.distribution)}
      ${this.#radios('distribution', 'Distribution', DISTRIBUTION_OPTIONS, d.distribution, (v) => this.#edit((x) => (x.distribution = v)))}
    </section>`;
  }

  #renderTeam() {
    const team = this.team;
    const refresh = html`<button type="button" class="ghost small refresh" ?disabled=${this.teamLoading} @click=${() => this.#loadTeam()}>
      ${refreshIcon}Refresh
    </button>`;
    let body;
    if (!team) {
      body = this.teamError
        ? html`<div class="alert" role="alert">${alertIcon}<span>${this.teamError}</span></div>`
        : html`<p class="muted" role="status">Loading the team…</p>`;
    } else if (!team.length) {
      body = html`<p class="muted">No operators in this account yet.</p>`;
    } else {
      body = html`<div class="table-wrap">
          <table class="team">
            <caption class="sr-only">Operators, their status and load</caption>
            <thead>
              <tr>
                <th scope="col">Operator</th>
                <th scope="col">Status</th>
                <th scope="col">Panel</th>
                <th scope="col" class="num">Open chats</th>
                <th scope="col">Capacity</th>
              </tr>
            </thead>
            <tbody>
              ${team.map((o) => {
                const err = this.capacityErrors[o.id] ?? '';
                const full = o.openChats >= o.capacity;
                return html`<tr data-operator=${o.id}>
                  <th scope="row">${o.name}</th>
                  <td><span class="status ${o.status}"><span class="status-dot" aria-hidden="true"></span>${OPERATOR_STATUS_LABELS[o.status]}</span></td>
                  <td class=${o.connected ? 'connected' : 'muted'}>${o.connected ? 'Connected' : 'Not connected'}</td>
                  <td class="num ${full ? 'full' : ''}">${o.openChats}</td>
                  <td class="capacity-cell">
                    <div class="capacity-row">
                      <input
                        id="capacity-${o.id}"
                        class="capacity"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max="100"
                        aria-label="Capacity of ${o.name}"
                        .value=${live(this.capacityText[o.id] ?? String(o.capacity))}
                        aria-invalid=${err ? 'true' : 'false'}
                        aria-describedby=${err ? `err-capacity-${o.id}` : 'capacity-unit'}
                        ?disabled=${this.capacitySaving.has(o.id)}
                        @input=${(e: Event) => (this.capacityText = { ...this.capacityText, [o.id]: valueOf(e) })}
                        @change=${(e: Event) => this.#handleCapacity(o, e)}
                      />
                      <span class="muted" aria-hidden="true">chats</span>
                    </div>
                    ${this.#error(`err-capacity-${o.id}`, err)}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
        <p class="hint" id="capacity-unit">Capacity: open chats at once, from 1 to 100. Saved as soon as you leave the field.</p>`;
    }
    return html`<section class="card section" aria-labelledby="a-team">
      ${this.#sectionHead('a-team', S.team, refresh)} ${body}
    </section>`;
  }

  #renderPeriods(h: Holiday, i: number) {
    const label = h.name.trim() || h.date;
    return html`<ul class="periods" aria-label="Opening periods on ${label}">
        ${h.hours.map(
          (p, j) => html`<li class="period">
            <label class="sr-only" for="hol-${i}-start-${j}">Period ${j + 1} on ${label} opens at</label>
            <input
              id="hol-${i}-start-${j}"
              type="time"
              .value=${live(timeValue(p.start))}
              aria-invalid=${this.#invalid(`holidays.${i}.hours.${j}`)}
              aria-describedby=${this.#described(`holidays.${i}.hours.${j}`, `err-hol-${i}`)}
              @change=${(e: Event) => this.#edit((d) => (d.holidays[i]!.hours[j]!.start = valueOf(e)), `holidays.${i}.hours.${j}`)}
            />
            <span aria-hidden="true">–</span>
            <label class="sr-only" for="hol-${i}-end-${j}">Period ${j + 1} on ${label} closes at</label>
            <input
              id="hol-${i}-end-${j}"
              type="time"
              .value=${live(timeValue(p.end))}
              aria-invalid=${this.#invalid(`holidays.${i}.hours.${j}`)}
              aria-describedby=${this.#described(`holidays.${i}.hours.${j}`, `err-hol-${i}`)}
              @change=${(e: Event) => this.#edit((d) => (d.holidays[i]!.hours[j]!.end = valueOf(e)), `holidays.${i}.hours.${j}`)}
            />
            <button
              type="button"
              class="icon-btn"
              aria-label="Remove period ${j + 1} on ${label}"
              title="Remove period"
              @click=${() => {
                this.#edit((d) => d.holidays[i]!.hours.splice(j, 1), `holidays.${i}.hours`);
                void this.#focus(h.hours.length > 1 ? `#hol-${i}-start-0` : `#hol-${i}-closed`);
              }}
            >
              ${closeIcon}
            </button>
          </li>`,
        )}
      </ul>
      <button type="button" class="ghost small add-period" ?disabled=${h.hours.length >= MAX_PERIODS} @click=${() => this.#addPeriod(i)}>
        ${plusIcon}Add period
      </button>`;
  }

  #renderHolidays(d: AvailabilitySettings) {
    return html`<section class="card section" aria-labelledby="a-holidays">
      ${this.#sectionHead('a-holidays', S.holidays)}
      ${d.holidays.length
        ? html`<ul class="rows" aria-label="Holidays">
            ${d.holidays.map((h, i) => {
              const closed = h.hours.length === 0;
              const err = this.#errs(`holidays.${i}`);
              return html`<li class="row-card holiday ${err ? 'has-error' : ''}" data-index=${i}>
                <div class="holiday-grid">
                  <div class="field">
                    <label for="hol-${i}-date">Date</label>
                    <input
                      id="hol-${i}-date"
                      type="date"
                      required
                      .value=${live(h.date)}
                      aria-invalid=${this.#invalid(`holidays.${i}.date`)}
                      aria-describedby=${this.#described(`holidays.${i}`, `err-hol-${i}`)}
                      @change=${(e: Event) => this.#edit((x) => (x.holidays[i]!.date = valueOf(e)), `holidays.${i}.date`, '=holidays')}
                    />
                  </div>
                  <div class="field">
                    <label for="hol-${i}-name">Name <span class="optional">(optional)</span></label>
                    <input
                      id="hol-${i}-name"
                      type="text"
                      maxlength=${L.holidayName}
                      placeholder="New Year’s Day"
                      .value=${live(h.name)}
                      aria-invalid=${this.#invalid(`holidays.${i}.name`)}
                      @input=${(e: Event) => this.#edit((x) => (x.holidays[i]!.name = valueOf(e)), `holidays.${i}.name`)}
                    />
                  </div>
                  <label class="inline-check closed-check">
                    <input
                      id="hol-${i}-closed"
                      type="checkbox"
                      .checked=${live(closed)}
                      @change=${(e: Event) => this.#edit((x) => (x.holidays[i]!.hours = checkedOf(e) ? [] : [{ start: '09:00', end: '13:00' }]), `holidays.${i}.hours`)}
                    />
                    <span>Closed all day</span>
                  </label>
                  <button type="button" class="icon-btn remove" aria-label="Remove holiday ${h.name.trim() || h.date}" title="Remove holiday" @click=${() => this.#removeHoliday(i)}>
                    ${trashIcon}
                  </button>
                </div>
                ${closed ? nothing : this.#renderPeriods(h, i)} ${this.#error(`err-hol-${i}`, err)}
              </li>`;
            })}
          </ul>`
        : html`<p class="empty-note">No holidays. The weekly business hours apply every day.</p>`}
      ${this.#error('err-holidays', this.errors.holidays ?? '')}
      <div>
        <button type="button" class="secondary small" id="add-holiday" ?disabled=${d.holidays.length >= L.holidays} @click=${this.#addHoliday}>
          ${plusIcon}Add holiday
        </button>
      </div>
    </section>`;
  }

  #renderMeal(m: MealTime, i: number) {
    const team = this.team ?? [];
    const known = m.operatorId === null || team.some((o) => o.id === m.operatorId);
    const err = this.#errs(`meals.${i}`);
    const n = i + 1;
    return html`<li class="row-card meal ${err ? 'has-error' : ''}" data-index=${i}>
      <div class="meal-grid">
        <div class="field">
          <label for="meal-${i}-who">Who</label>
          <select
            id="meal-${i}-who"
            aria-invalid=${this.#invalid(`meals.${i}.operatorId`)}
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this.#edit((x) => (x.meals[i]!.operatorId = v ? Number(v) : null), `meals.${i}.operatorId`);
            }}
          >
            <option value="" ?selected=${m.operatorId === null}>Everyone</option>
            ${team.map((o) => html`<option value=${o.id} ?selected=${m.operatorId === o.id}>${o.name}</option>`)}
            ${known ? nothing : html`<option value=${m.operatorId!} selected>Operator #${m.operatorId}</option>`}
          </select>
        </div>
        <fieldset class="field days-field ${this.#errs(`meals.${i}.days`) ? 'invalid' : ''}" aria-describedby=${this.#described(`meals.${i}.days`, `err-meal-${i}`)}>
          <legend class="label">Days<span class="sr-only"> of meal time ${n}</span></legend>
          <div class="day-checks">
            ${WEEKDAYS.map(
              (day) => html`<label class="day-check">
                <input
                  id="meal-${i}-day-${day}"
                  type="checkbox"
                  .checked=${live(m.days.includes(day))}
                  aria-invalid=${this.#invalid(`meals.${i}.days`)}
                  @change=${(e: Event) => this.#toggleDay(i, day, checkedOf(e))} />
                <span aria-hidden="true">${WEEKDAY_SHORT[day]}</span><span class="sr-only">${WEEKDAY_LABELS[day]}</span>
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="field time-field">
          <label for="meal-${i}-start">Start</label>
          <input
            id="meal-${i}-start"
            type="time"
            .value=${live(timeValue(m.start))}
            aria-invalid=${this.#invalid(`meals.${i}.start`)}
            aria-describedby=${this.#described(`meals.${i}`, `err-meal-${i}`)}
            @change=${(e: Event) => this.#edit((x) => (x.meals[i]!.start = valueOf(e)), `meals.${i}.start`, `meals.${i}.end`)}
          />
        </div>
        <div class="field time-field">
          <label for="meal-${i}-end">End</label>
          <input
            id="meal-${i}-end"
            type="time"
            .value=${live(timeValue(m.end))}
            aria-invalid=${this.#invalid(`meals.${i}.end`)}
            aria-describedby=${this.#described(`meals.${i}`, `err-meal-${i}`)}
            @change=${(e: Event) => this.#edit((x) => (x.meals[i]!.end = valueOf(e)), `meals.${i}.start`, `meals.${i}.end`)}
          />
        </div>
      </div>
      <div class="meal-foot">
        <label class="inline-check">
          <input id="meal-${i}-intake" type="checkbox" .checked=${live(m.intake)} @change=${(e: Event) => this.#edit((x) => (x.meals[i]!.intake = checkedOf(e)))} />
          <span>Take chats during this meal</span>
        </label>
        <button type="button" class="icon-btn remove" aria-label="Remove meal time ${n}" title="Remove meal time" @click=${() => this.#removeMeal(i)}>${trashIcon}</button>
      </div>
      ${this.#error(`err-meal-${i}`, err)}
    </li>`;
  }

  #renderMeals(d: AvailabilitySettings) {
    return html`<section class="card section" aria-labelledby="a-meals">
      ${this.#sectionHead('a-meals', S.meals)}
      ${d.meals.length
        ? html`<ul class="rows" aria-label="Meal times">${d.meals.map((m, i) => this.#renderMeal(m, i))}</ul>`
        : html`<p class="empty-note">No meal times.</p>`}
      ${this.#error('err-meals', this.errors.meals ?? '')}
      <div>
        <button type="button" class="secondary small" id="add-meal" ?disabled=${d.meals.length >= L.meals} @click=${this.#addMeal}>${plusIcon}Add meal time</button>
      </div>
    </section>`;
  }

  #renderOutOfHours(d: AvailabilitySettings) {
    const link = html`<button type="button" class="link to-hours" @click=${() => this.#navigate('settings')}>Edit business hours${arrowRightIcon}</button>`;
    return html`<section class="card section" aria-labelledby="a-ooh">
      ${this.#sectionHead('a-ooh', S.outOfHours, link)}
      <div class="switches">
        ${this.#switch(
          'ooh-intake',
          'Keep chats outside business hours (they wait for the next opening)',
          d.outOfHoursIntake,
          (on) => this.#edit((x) => (x.outOfHoursIntake = on)),
          'Off: the chat is closed right after the “out of hours” message.',
        )}
        ${this.#switch('launcher-away', 'Show the launcher as away outside business hours', d.launcherAway, (on) => this.#edit((x) => (x.launcherAway = on)))}
      </div>
    </section>`;
  }

  #renderCap(d: AvailabilitySettings) {
    const limitErr = this.#errs('cap.limit');
    return html`<section class="card section" aria-labelledby="a-cap">
      ${this.#sectionHead('a-cap', S.cap)}
      ${this.#switch('cap-enabled', 'Limit open chats', d.cap.enabled, (on) => this.#edit((x) => (x.cap.enabled = on), 'cap'))}
      <div class="cap-body ${d.cap.enabled ? '' : 'off'}">
        <div class="field">
          <label for="cap-limit">Chat cap</label>
          <div class="inline-row">
            <input
              id="cap-limit"
              type="number"
              inputmode="numeric"
              min=${L.capMin}
              max=${L.capMax}
              .value=${live(Number.isFinite(d.cap.limit) ? String(d.cap.limit) : '')}
              aria-invalid=${limitErr ? 'true' : 'false'}
              aria-describedby=${this.#described('cap.limit', 'err-cap-limit', 'cap-limit-hint')}
              @input=${(e: Event) => this.#edit((x) => (x.cap.limit = (e.target as HTMLInputElement).valueAsNumber), 'cap.limit')}
            />
            <span class="muted" id="cap-limit-hint">open chats, from ${L.capMin} to ${L.capMax}</span>
          </div>
          ${this.#error('err-cap-limit', limitErr)}
        </div>
        ${this.#radios('cap-intake', 'Chats over the cap', CAP_INTAKE_OPTIONS, d.cap.intake ? 'queue' : 'refuse', (v) => this.#edit((x) => (x.cap.intake = v === 'queue')))}
      </div>
    </section>`;
  }

  #renderCategories(d: AvailabilitySettings) {
    return html`<section class="card section" aria-labelledby="a-categories">
      ${this.#sectionHead('a-categories', S.categories)}
      <p class="note" id="category-params">
        A host page can preselect them with the URL parameters <code>chat_category</code> and <code>chat_division</code> (the sub-category), e.g.
        <code class="example">?chat_category=Billing&amp;chat_division=Refunds</code>.
      </p>
      ${d.categories.length
        ? html`<ul class="rows" aria-label="Categories">
            ${d.categories.map((c, i) => {
              const err = this.#errs(`categories.${i}`);
              const label = c.name.trim() || `category ${i + 1}`;
              return html`<li class="row-card category ${err ? 'has-error' : ''}" data-index=${i}>
                <div class="category-head">
                  <div class="field">
                    <label for="cat-${i}-name">Category</label>
                    <input
                      id="cat-${i}-name"
                      type="text"
                      maxlength=${L.categoryName}
                      placeholder="Billing"
                      .value=${live(c.name)}
                      aria-invalid=${this.#invalid(`categories.${i}.name`)}
                      aria-describedby=${this.#described(`categories.${i}`, `err-cat-${i}`)}
                      @input=${(e: Event) => this.#edit((x) => (x.categories[i]!.name = valueOf(e)), `categories.${i}.name`, '=categories')}
                    />
                  </div>
                  <button type="button" class="icon-btn remove" aria-label="Remove ${label}" title="Remove category" @click=${() => this.#removeCategory(i)}>${trashIcon}</button>
                </div>
                <div class="divisions">
                  <p class="label" id="cat-${i}-divs">Sub-categories</p>
                  ${c.divisions.length
                    ? html`<ul class="division-list" aria-labelledby="cat-${i}-divs">
                        ${c.divisions.map(
                          (v, j) => html`<li class="division">
                            <label class="sr-only" for="cat-${i}-div-${j}">Sub-category ${j + 1} of ${label}</label>
                            <input
                              id="cat-${i}-div-${j}"
                              type="text"
                              maxlength=${L.categoryName}
                              placeholder="Refunds"
                              .value=${live(v)}
                              aria-invalid=${this.#invalid(`categories.${i}.divisions.${j}`)}
                              @input=${(e: Event) => this.#edit((x) => (x.categories[i]!.divisions[j] = valueOf(e)), `categories.${i}.divisions`)}
                            />
                            <button type="button" class="icon-btn" aria-label="Remove sub-category ${v.trim() || j + 1} of ${label}" title="Remove sub-category" @click=${() => this.#removeDivision(i, j)}>
                              ${closeIcon}
                            </button>
                          </li>`,
                        )}
                      </ul>`
                    : html`<p class="hint">None: the visitor picks only the category.</p>`}
                  <button type="button" class="ghost small" id="add-div-${i}" ?disabled=${c.divisions.length >= L.divisions} @click=${() => this.#addDivision(i)}>
                    ${plusIcon}Add sub-category<span class="sr-only"> to ${label}</span>
                  </button>
                </div>
                ${this.#error(`err-cat-${i}`, err)}
              </li>`;
            })}
          </ul>`
        : html`<p class="empty-note">No categories: visitors write without choosing a topic.</p>`}
      ${this.#error('err-categories', this.errors.categories ?? '')}
      <div>
        <button type="button" class="secondary small" id="add-category" ?disabled=${d.categories.length >= L.categories} @click=${this.#addCategory}>
          ${plusIcon}Add category
        </button>
      </div>
    </section>`;
  }

  #renderButtons(kind: AutomaticKind, m: AutomaticMessage) {
    const root = `messages.${kind}.buttons`;
    const title = AUTOMATIC_LABELS[kind].label;
    return html`<fieldset class="field buttons-field">
      <legend class="label">Link buttons <span class="optional">(${m.buttons.length} / ${L.buttons})</span><span class="sr-only"> of the ${title} message</span></legend>
      ${m.buttons.length
        ? html`<ul class="link-buttons">
            ${m.buttons.map((b, j) => {
              const err = this.#errs(`${root}.${j}`);
              return html`<li class="link-button">
                <div class="link-row">
                  <span class="link-icon" aria-hidden="true">${linkIcon}</span>
                  <label class="sr-only" for="m-${kind}-btn-${j}-label">Button ${j + 1} label</label>
                  <input
                    id="m-${kind}-btn-${j}-label"
                    type="text"
                    class="btn-label"
                    maxlength=${L.buttonLabel}
                    placeholder="Label"
                    .value=${live(b.label)}
                    aria-invalid=${this.#invalid(`${root}.${j}.label`)}
                    aria-describedby=${this.#described(`${root}.${j}`, `err-m-${kind}-btn-${j}`)}
                    @input=${(e: Event) => this.#edit((x) => (x.messages[kind].buttons[j]!.label = valueOf(e)), `${root}.${j}.label`)}
                  />
                  <label class="sr-only" for="m-${kind}-btn-${j}-url">Button ${j + 1} link</label>
                  <input
                    id="m-${kind}-btn-${j}-url"
                    type="url"
                    class="btn-url"
                    maxlength=${L.url}
                    placeholder="https://example.com/help"
                    .value=${live(b.url)}
                    aria-invalid=${this.#invalid(`${root}.${j}.url`)}
                    aria-describedby=${this.#described(`${root}.${j}`, `err-m-${kind}-btn-${j}`)}
                    @input=${(e: Event) => this.#edit((x) => (x.messages[kind].buttons[j]!.url = valueOf(e)), `${root}.${j}.url`)}
                  />
                  <button type="button" class="icon-btn" aria-label="Remove button ${j + 1}" title="Remove button" @click=${() => this.#removeButton(kind, j)}>${closeIcon}</button>
                </div>
                ${this.#error(`err-m-${kind}-btn-${j}`, err)}
              </li>`;
            })}
          </ul>`
        : nothing}
      ${this.#error(`err-m-${kind}-buttons`, this.errors[root] ?? '')}
      <div>
        <button type="button" class="ghost small" id="add-btn-${kind}" ?disabled=${m.buttons.length >= L.buttons} @click=${() => this.#addButton(kind)}>
          ${plusIcon}Add link button
        </button>
      </div>
    </fieldset>`;
  }

  #renderImage(kind: AutomaticKind, m: AutomaticMessage) {
    const path = `messages.${kind}.image`;
    const err = this.#errs(path);
    const title = AUTOMATIC_LABELS[kind].label;
    const busy = this.uploading.has(kind);
    return html`<div class="field image-field">
      <span class="label" id="m-${kind}-image-label">Image <span class="optional">(optional)</span></span>
      ${m.image
        ? html`<div class="thumb-row">
            <img class="thumb" src=${this.session?.fileUrl(m.image) ?? m.image} alt="Image of the ${title} message" />
            <button type="button" class="secondary small" id="m-${kind}-remove-image" @click=${() => this.#handleRemoveImage(kind)}>
              ${trashIcon}Remove<span class="sr-only"> the image of the ${title} message</span>
            </button>
          </div>`
        : html`<label class="upload secondary small ${busy ? 'busy' : ''}" for="m-${kind}-image">
              ${imageIcon}<span>${busy ? 'Uploading…' : 'Upload image'}</span>
              <input
                id="m-${kind}-image"
                class="sr-only"
                type="file"
                accept="image/png,image/jpeg"
                aria-label="Upload an image for the ${title} message"
                aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${this.#described(path, `err-m-${kind}-image`, `m-${kind}-image-hint`)}
                ?disabled=${busy}
                @change=${(e: Event) => this.#handleFile(kind, e)}
              />
            </label>
            <p class="hint" id="m-${kind}-image-hint">JPG or PNG, at most ${L.imageBytes / 1024 / 1024} MB.</p>`}
      ${this.#error(`err-m-${kind}-image`, err)}
    </div>`;
  }

  #renderMessage(kind: AutomaticKind, m: AutomaticMessage) {
    const { label, when } = AUTOMATIC_LABELS[kind];
    const text = m.text ?? '';
    const textPath = `messages.${kind}.text`;
    const textErr = this.#errs(textPath);
    const placeholders = PLACEHOLDERS[kind];
    const near = text.length > L.text - 20;
    const other = [this.errors[`messages.${kind}`], this.errors[`messages.${kind}.enabled`]].filter(Boolean).join(' · ');
    return html`<article class="card msg-card ${m.enabled ? '' : 'off'}" data-kind=${kind} aria-labelledby="m-${kind}-title">
      <div class="msg-head">
        <div>
          <h3 id="m-${kind}-title">${label}</h3>
          <p class="hint">${when}</p>
        </div>
        <label class="switch compact" for="m-${kind}-enabled">
          <input id="m-${kind}-enabled" type="checkbox" role="switch" .checked=${live(m.enabled)} @change=${(e: Event) => this.#message(kind, { enabled: checkedOf(e) }, `messages.${kind}.enabled`)} />
          <span class="switch-label">${m.enabled ? 'On' : 'Off'}<span class="sr-only">: send the ${label} message</span></span>
        </label>
      </div>
      ${this.#error(`err-m-${kind}`, other)}
      <div class="field">
        <div class="label-row">
          <label for="m-${kind}-text">Text</label>
          <span class="counter ${near ? 'near' : ''}" id="m-${kind}-count">${text.length} / ${L.text}</span>
        </div>
        ${kind === 'meal' ? html`<p class="note meal-note" id="m-meal-note">${MEAL_NOTE}</p>` : nothing}
        <textarea
          id="m-${kind}-text"
          rows="2"
          maxlength=${L.text}
          placeholder=${DEFAULT_TEXTS.en[kind]}
          .value=${live(text)}
          aria-invalid=${textErr ? 'true' : 'false'}
          aria-describedby=${this.#described(textPath, `err-m-${kind}-text`, `m-${kind}-count`, `m-${kind}-text-hint`, ...(kind === 'meal' ? ['m-meal-note'] : []))}
          @input=${(e: Event) => this.#message(kind, { text: (e.target as HTMLTextAreaElement).value }, textPath)}
        ></textarea>
        ${this.#error(`err-m-${kind}-text`, textErr)}
        <div class="text-foot">
          <p class="hint" id="m-${kind}-text-hint">Empty sends the default text (shown in grey) in the visitor’s language.</p>
          ${placeholders.length
            ? html`<div class="placeholders" role="group" aria-label="Insert a placeholder in the ${label} text">
                ${placeholders.map(
                  (p) => html`<button type="button" class="placeholder-chip" data-placeholder=${p} title=${PLACEHOLDER_HINTS[p] ?? ''} @click=${() => this.#insertPlaceholder(kind, p)}>
                    <span class="sr-only">Insert </span>[${p}]
                  </button>`,
                )}
              </div>`
            : html`<p class="hint no-placeholders">No placeholders in this message.</p>`}
        </div>
      </div>
      <div class="msg-extras">${this.#renderButtons(kind, m)} ${this.#renderImage(kind, m)}</div>
    </article>`;
  }

  #renderMessages(d: AvailabilitySettings) {
    return html`<section class="messages" aria-labelledby="a-messages">
      <div class="section-head group-head">
        <div>
          <h2 id="a-messages">${S.messages.title}</h2>
          <p>${S.messages.help}</p>
        </div>
      </div>
      ${AUTOMATIC_KINDS.map((k) => this.#renderMessage(k, d.messages[k]))}
    </section>`;
  }

  override render() {
    const d = this.draft;
    if (!d) {
      return html`${this.loadError
        ? html`<div class="alert" role="alert">${alertIcon}<span>${this.loadError}</span>
            <button type="button" class="link" @click=${() => this.#load()}>Try again</button></div>`
        : html`<p class="muted loading" role="status">Loading availability settings…</p>`}`;
    }
    const dirty = this.dirty;
    return html`<div class="availability">
      <div class="alert form-alert" role="alert" tabindex="-1">${this.formError ? html`${alertIcon}<span>${this.formError}</span>` : nothing}</div>
      ${this.#renderStopped(d)} ${this.#renderDistribution(d)} ${this.#renderRating(d)} ${this.#renderTeam()} ${this.#renderHolidays(d)} ${this.#renderMeals(d)}
      ${this.#renderOutOfHours(d)} ${this.#renderCap(d)} ${this.#renderCategories(d)} ${this.#renderMessages(d)}
      <div class="footer" role="group" aria-label="Save availability settings">
        <p class="footer-state ${dirty ? 'dirty' : ''}">${this.saving ? 'Saving…' : dirty ? 'You have unsaved changes' : 'All changes saved'}</p>
        <button type="button" class="secondary discard" ?disabled=${!dirty || this.saving} @click=${this.#handleDiscard}>Discard changes</button>
        <button type="button" class="primary save" ?disabled=${!dirty || this.saving} @click=${this.#handleSave}>${this.saving ? 'Saving…' : 'Save'}</button>
      </div>
      <p class="notice" role="status">${this.#notice.text ? html`<span>${this.#notice.text}</span>` : nothing}</p>
    </div>`;
  }
}

if (!customElements.get('proactive-availability-settings')) customElements.define('proactive-availability-settings', ProactiveAvailabilitySettings);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-availability-settings': ProactiveAvailabilitySettings;
  }
}
