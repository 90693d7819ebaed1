import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { AccountSettings, Weekday } from '../../../../server/src/protocol/proactive.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { alertIcon } from './icons.js';
import { COMMON_ZONES, WEEKDAY_LABELS } from './labels.js';
import { base, hours } from './proactive-admin.styles.js';
import { WEEKDAYS } from '../../../../server/src/protocol/proactive-shared.js';

interface Day {
  open: boolean;
  start: string;
  end: string;
  /** Further periods set elsewhere (the server allows up to 4); kept as they are. */
  more: Array<{ start: string; end: string }>;
}

type Form = { timeZone: string; days: Record<Weekday, Day>; gap: string };

function formOf(s: AccountSettings): Form {
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const [first, ...more] = s.businessHours.days[d] ?? [];
      return [d, { open: !!first, start: first?.start ?? '09:00', end: first?.end ?? '17:00', more }];
    }),
  ) as Record<Weekday, Day>;
  return { timeZone: s.businessHours.timeZone, days, gap: String(s.visitGapMinutes) };
}

function settingsOf(f: Form): AccountSettings {
  const days = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const day = f.days[d];
      return [d, day.open ? [{ start: day.start, end: day.end }, ...day.more] : []];
    }),
  ) as AccountSettings['businessHours']['days'];
  return { businessHours: { timeZone: f.timeZone.trim(), days }, visitGapMinutes: f.gap.trim() === '' ? NaN : Number(f.gap) };
}

/** "Tue 14:05" in a zone, or null when the zone is unknown to this browser. */
function nowIn(zone: string, at: number): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
  } catch {
    return null;
  }
}

/**
 * The account's business hours (time zone, one opening period per weekday) and the visit gap,
 * read and saved through admin.settings. Used by "during / outside business hours" schedules.
 */
export class ProactiveBusinessHours extends LitElement {
  static override styles = [base, hours];

  @property({ attribute: false }) session?: AdminSession;

  @state() private form: Form | null = null;
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  @state() private saving = false;
  @state() private saved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      this.form = formOf(session.settings ?? (await session.loadSettings()));
    } catch (err) {
      this.formError = AdminError.from(err).message;
    }
  }

  #patch(patch: Partial<Form>): void {
    if (!this.form) return;
    this.form = { ...this.form, ...patch };
    this.saved = false;
  }

  #patchDay(d: Weekday, patch: Partial<Day>): void {
    if (!this.form) return;
    this.#patch({ days: { ...this.form.days, [d]: { ...this.form.days[d], ...patch } } });
    if (this.errors[d]) this.errors = { ...this.errors, [d]: '' };
  }

  #copyMonday(): void {
    const f = this.form;
    if (!f) return;
    const mon = f.days.mon;
    const days = { ...f.days };
    for (const d of ['tue', 'wed', 'thu', 'fri'] as const) days[d] = { ...days[d], open: mon.open, start: mon.start, end: mon.end };
    this.#patch({ days });
  }

  async #handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const session = this.session;
    if (!session || !this.form || this.saving) return;
    this.saving = true;
    this.saved = false;
    this.errors = {};
    this.formError = '';
    try {
      this.form = formOf(await session.saveSettings(settingsOf(this.form)));
      this.saved = true;
    } catch (err) {
      const problem = AdminError.from(err);
      const errors: Record<string, string> = {};
      const other: string[] = [];
      for (const issue of problem.issues) {
        const p = issue.path.split('.');
        const key = p[0] === 'visitGapMinutes' ? 'gap' : p[1] === 'timeZone' ? 'timeZone' : p[1] === 'days' && p[2] ? p[2] : '';
        if (key) errors[key] = errors[key] ? `${errors[key]} · ${issue.message}` : issue.message;
        else other.push(issue.message);
      }
      this.errors = errors;
      this.formError = Object.keys(errors).length ? ['Not saved: fix what is marked below.', ...other].join(' ') : problem.message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this.saving = false;
    }
  }

  #renderDay(d: Weekday, day: Day) {
    const err = this.errors[d];
    const label = WEEKDAY_LABELS[d];
    return html`<li class="day" data-day=${d}>
      <span class="day-name" id="day-${d}">${label}</span>
      <label class="inline-check">
        <input type="checkbox" id="open-${d}" .checked=${live(day.open)} @change=${(e: Event) => this.#patchDay(d, { open: (e.target as HTMLInputElement).checked })} />
        <span>${day.open ? 'Open' : 'Closed'}</span><span class="sr-only"> on ${label}</span>
      </label>
      <div class="times">
        ${day.open
          ? html`<label class="sr-only" for="start-${d}">${label} opens at</label>
              <input
                id="start-${d}"
                type="time"
                .value=${live(day.start)}
                aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${err ? `err-${d}` : nothing}
                @change=${(e: Event) => this.#patchDay(d, { start: (e.target as HTMLInputElement).value })}
              />
              <span aria-hidden="true">–</span>
              <label class="sr-only" for="end-${d}">${label} closes at</label>
              <input
                id="end-${d}"
                type="time"
                .value=${live(day.end === '24:00' ? '23:59' : day.end)}
                aria-invalid=${err ? 'true' : 'false'}
                aria-describedby=${err ? `err-${d}` : nothing}
                @change=${(e: Event) => this.#patchDay(d, { end: (e.target as HTMLInputElement).value })}
              />
              ${day.more.length ? html`<span class="hint">+ ${day.more.length} more ${day.more.length === 1 ? 'period' : 'periods'}</span>` : nothing}`
          : nothing}
      </div>
      <p class="field-error" id="err-${d}">${err ?? ''}</p>
    </li>`;
  }

  override render() {
    const f = this.form;
    if (!f) {
      return html`<p class="alert" role="alert">${this.formError ? html`${alertIcon}<span>${this.formError}</span>` : nothing}</p>
        ${this.formError ? nothing : html`<p class="muted" role="status">Loading settings…</p>`}`;
    }
    const now = nowIn(f.timeZone.trim(), Date.now());
    return html`<form class="hours" novalidate @submit=${this.#handleSubmit} aria-label="Business hours">
      <p class="alert" role="alert" tabindex="-1">${this.formError ? html`${alertIcon}<span>${this.formError}</span>` : nothing}</p>
      <section class="card section" aria-labelledby="h-hours">
        <div class="section-head">
          <h2 id="h-hours">Opening hours</h2>
          <p>Messages scheduled “during business hours” are sent only inside these hours; “outside business hours”, only outside.</p>
        </div>
        <div class="tz-row">
          <div class="field">
            <label for="tz">Time zone</label>
            <input
              id="tz"
              type="text"
              list="zones"
              autocomplete="off"
              spellcheck="false"
              maxlength="64"
              .value=${live(f.timeZone)}
              aria-invalid=${this.errors.timeZone ? 'true' : 'false'}
              aria-describedby="tz-hint${this.errors.timeZone ? ' err-tz' : ''}"
              @input=${(e: Event) => {
                this.#patch({ timeZone: (e.target as HTMLInputElement).value });
                if (this.errors.timeZone) this.errors = { ...this.errors, timeZone: '' };
              }}
            />
            <datalist id="zones">${COMMON_ZONES.map((z) => html`<option value=${z}></option>`)}</datalist>
            <p class="hint" id="tz-hint">An IANA name such as Europe/Paris or America/New_York.</p>
            <p class="field-error" id="err-tz">${this.errors.timeZone ?? ''}</p>
          </div>
          <p class="now">${now ? `Now there: ${now}` : 'Unknown time zone'}</p>
        </div>
        <div>
          <ul class="days" aria-label="Opening hours by day">
            ${WEEKDAYS.map((d) => this.#renderDay(d, f.days[d]))}
          </ul>
          <button type="button" class="ghost small copy" @click=${this.#copyMonday}>Copy Monday to Tuesday–Friday</button>
        </div>
      </section>
      <section class="card section" aria-labelledby="h-visits">
        <div class="section-head">
          <h2 id="h-visits">Visits</h2>
          <p>“Once per visit” counts against a visit; a new one starts after this much inactivity.</p>
        </div>
        <div class="field">
          <label for="gap">Visit gap</label>
          <div class="gap-row">
            <input
              id="gap"
              type="number"
              inputmode="numeric"
              min="1"
              max="1440"
              .value=${live(f.gap)}
              aria-invalid=${this.errors.gap ? 'true' : 'false'}
              aria-describedby="gap-unit${this.errors.gap ? ' err-gap' : ''}"
              @input=${(e: Event) => {
                this.#patch({ gap: (e.target as HTMLInputElement).value });
                if (this.errors.gap) this.errors = { ...this.errors, gap: '' };
              }}
            />
            <span id="gap-unit" class="muted">minutes without activity</span>
          </div>
          <p class="field-error" id="err-gap">${this.errors.gap ?? ''}</p>
        </div>
      </section>
      <div class="save-row">
        <button type="submit" class="primary" ?disabled=${this.saving}>${this.saving ? 'Saving…' : 'Save settings'}</button>
        <span class="saved" role="status">${this.saved ? 'Settings saved' : ''}</span>
      </div>
    </form>`;
  }
}

if (!customElements.get('proactive-business-hours')) customElements.define('proactive-business-hours', ProactiveBusinessHours);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-business-hours': ProactiveBusinessHours;
  }
}
