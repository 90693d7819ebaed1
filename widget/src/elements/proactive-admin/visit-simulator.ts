import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ProactiveList, SimulateInputValue, SimulationResult } from '../../../../server/src/protocol/proactive.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { alertIcon, checkIcon, flaskIcon, megaphoneIcon } from './icons.js';
import { parseAttributes, STATUS_LABELS, VALUE_LABELS, VERDICT_LABELS } from './labels.js';
import { base, simulator } from './proactive-admin.styles.js';
import { DEVICES } from '../../../../server/src/protocol/proactive-shared.js';

type ShownWhen = SimulateInputValue['shown'][number]['when'];

const SHOWN_OPTIONS: Array<{ value: ShownWhen | ''; label: string }> = [
  { value: '', label: 'Not shown before' },
  { value: 'thisPage', label: 'On this page' },
  { value: 'thisVisit', label: 'Earlier this visit' },
  { value: 'earlierVisit', label: 'In an earlier visit' },
];

/** Which input each SimulateInput key comes from. */
const INPUT_OF: Record<string, string> = {
  siteId: 'sim-site',
  url: 'sim-url',
  title: 'sim-title',
  referrer: 'sim-referrer',
  timeOnPage: 'sim-top',
  timeOnSite: 'sim-tos',
  pageViews: 'sim-pv',
  visits: 'sim-visits',
  language: 'sim-lang',
  device: 'sim-device',
  attributes: 'sim-attrs',
  at: 'sim-at',
};

/**
 * "Test a visit": describe a visit (page, times, visit number, device, attributes...) and see
 * which live message the server would show, and for every other message why not.
 */
export class ProactiveVisitSimulator extends LitElement {
  static override styles = [base, simulator];

  @property({ attribute: false }) session?: AdminSession;
  @property({ attribute: false }) list: ProactiveList | null = null;

  @state() private result: SimulationResult | null = null;
  @state() private running = false;
  @state() private error = '';
  /** Problems by input id, from the attributes parser or the server. */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private siteId = 0;

  /** The request in flight; a new run aborts it, so an old answer never overwrites a newer one. */
  #abort: AbortController | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  async #handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const session = this.session;
    if (!session) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const num = (k: string, fallback: number) => (text(k) === '' ? fallback : Number(text(k)));
    const { attributes, errors } = parseAttributes(text('attributes'));
    this.fieldErrors = errors.length ? { 'sim-attrs': errors.join('. ') } : {};
    this.error = '';
    if (errors.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#sim-attrs')?.focus();
      return;
    }
    const shown = (this.list?.messages ?? []).flatMap((m) => {
      const when = text(`shown-${m.id}`) as ShownWhen | '';
      return when ? [{ messageId: m.id, when }] : [];
    });
    const at = text('at') ? new Date(text('at')).getTime() : undefined;
    const input = {
      siteId: Number(text('siteId')),
      url: text('url'),
      title: text('title'),
      referrer: text('referrer'),
      timeOnPage: num('timeOnPage', 0),
      timeOnSite: num('timeOnSite', 0),
      pageViews: num('pageViews', 1),
      visits: num('visits', 1),
      language: text('language') || 'en',
      device: text('device') as (typeof DEVICES)[number],
      attributes,
      inConversation: data.get('inConversation') === 'on',
      shown,
      ...(at && Number.isFinite(at) ? { at } : {}),
    };
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.running = true;
    try {
      const result = await session.simulate(input, abort.signal);
      if (abort.signal.aborted) return;
      this.result = result;
    } catch (err) {
      if (abort.signal.aborted) return;
      const problem = AdminError.from(err);
      const fieldErrors: Record<string, string> = {};
      const other: string[] = [];
      for (const issue of problem.issues) {
        const id = INPUT_OF[issue.path.split('.')[0] ?? ''];
        if (id) fieldErrors[id] = fieldErrors[id] ? `${fieldErrors[id]} · ${issue.message}` : issue.message;
        else other.push(issue.message);
      }
      this.fieldErrors = fieldErrors;
      this.error = Object.keys(fieldErrors).length ? ['The visit could not be tested: fix what is marked.', ...other].join(' ') : problem.message;
      this.result = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      if (this.#abort === abort) {
        this.#abort = null;
        this.running = false;
      }
    }
  }

  // --- rendering -------------------------------------------------------------------

  #input(id: string, name: string, label: string, opts: { type?: string; value?: string; min?: number; hint?: string; placeholder?: string } = {}) {
    const err = this.fieldErrors[id];
    const described = [opts.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type=${opts.type ?? 'text'}
        value=${opts.value ?? ''}
        min=${opts.min ?? nothing}
        placeholder=${opts.placeholder ?? nothing}
        inputmode=${opts.type === 'number' ? 'numeric' : nothing}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${described || nothing}
      />
      ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : nothing}
      <p class="field-error" id="${id}-err">${err ?? ''}</p>
    </div>`;
  }

  #renderForm() {
    const sites = this.list?.sites ?? [];
    const siteId = this.siteId || sites[0]?.id || 0;
    const live = (this.list?.messages ?? []).filter((m) => m.status === 'live' && m.siteId === siteId);
    const attrErr = this.fieldErrors['sim-attrs'];
    return html`<form class="card sim-form" novalidate @submit=${this.#handleSubmit} aria-labelledby="sim-form-title">
      <h2 id="sim-form-title" class="sr-only">The visit</h2>
      <div class="field">
        <label for="sim-site">Channel</label>
        <select id="sim-site" name="siteId" @change=${(e: Event) => (this.siteId = Number((e.target as HTMLSelectElement).value))}>
          ${sites.map((s) => html`<option value=${s.id} ?selected=${s.id === siteId}>${s.name}</option>`)}
        </select>
      </div>
      ${this.#input('sim-url', 'url', 'Page URL', { value: 'https://shop.example/pricing', placeholder: 'https://…' })}
      <div class="grid2">
        ${this.#input('sim-title', 'title', 'Page title', { value: 'Pricing' })}
        ${this.#input('sim-referrer', 'referrer', 'Referrer', { placeholder: 'https://google.com/' })}
      </div>
      <div class="grid2">
        ${this.#input('sim-top', 'timeOnPage', 'Time on page (s)', { type: 'number', value: '30', min: 0 })}
        ${this.#input('sim-tos', 'timeOnSite', 'Time on site (s)', { type: 'number', value: '90', min: 0 })}
      </div>
      <div class="grid2">
        ${this.#input('sim-pv', 'pageViews', 'Page views this visit', { type: 'number', value: '1', min: 1 })}
        ${this.#input('sim-visits', 'visits', 'Visit number', { type: 'number', value: '1', min: 1, hint: '1 is a new visitor; 2 or more, returning.' })}
      </div>
      <div class="grid2">
        ${this.#input('sim-lang', 'language', 'Language', { value: 'en' })}
        <div class="field">
          <label for="sim-device">Device</label>
          <select id="sim-device" name="device">
            ${DEVICES.map((d) => html`<option value=${d}>${VALUE_LABELS[d] ?? d}</option>`)}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="sim-attrs">Custom attributes <span class="optional">(optional)</span></label>
        <textarea
          id="sim-attrs"
          name="attributes"
          rows="3"
          placeholder=${'plan=pro\ncartValue=120\nloggedIn=true'}
          aria-invalid=${attrErr ? 'true' : 'false'}
          aria-describedby="sim-attrs-hint${attrErr ? ' sim-attrs-err' : ''}"
        ></textarea>
        <p class="hint" id="sim-attrs-hint">One name=value per line. Numbers and true/false are read as such.</p>
        <p class="field-error" id="sim-attrs-err">${attrErr ?? ''}</p>
      </div>
      ${this.#input('sim-at', 'at', 'When', { type: 'datetime-local', hint: 'Leave empty for now. Used for business-hours schedules.' })}
      <label class="inline-check"><input type="checkbox" name="inConversation" id="sim-conv" />The visitor is already in a conversation</label>
      <details>
        <summary>Already shown <span class="optional">(frequency)</span></summary>
        <div class="shown-list">
          ${live.length
            ? live.map(
                (m) => html`<div class="shown-row">
                  <label for="shown-${m.id}" title=${m.name}>${m.name}</label>
                  <select id="shown-${m.id}" name="shown-${m.id}">
                    ${SHOWN_OPTIONS.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
                  </select>
                </div>`,
              )
            : html`<p class="hint">No live message on this channel.</p>`}
        </div>
      </details>
      <button type="submit" class="primary run" ?disabled=${this.running || !sites.length}>${flaskIcon}${this.running ? 'Testing…' : 'Test this visit'}</button>
    </form>`;
  }

  #renderResult() {
    const r = this.result;
    if (!r) {
      return html`<div class="card placeholder-card">
        ${flaskIcon}
        <p><strong>Describe a visit, then test it.</strong></p>
        <p>You will see which live message would be shown, and why each other one would not.</p>
      </div>`;
    }
    const winner = r.winnerId !== null ? this.list?.messages.find((m) => m.id === r.winnerId) : undefined;
    const winnerRow = r.results.find((x) => x.id === r.winnerId);
    return html`<div class="card winner">
        <span class="winner-icon ${winnerRow ? '' : 'none'}">${winnerRow ? checkIcon : megaphoneIcon}</span>
        <div>
          <h2 class="winner-title">${winnerRow ? `“${winnerRow.name}” would be shown` : 'No message would be shown'}</h2>
          ${winner
            ? html`<p class="winner-text"><span class="sr-only">Its text: </span>${winner.text}</p>
                <p class="hint">From ${winner.sender?.name ?? 'Team'} on ${winner.siteName}.</p>`
            : html`<p class="muted">${r.results.length ? 'See below why each message is left out.' : 'This account has no proactive messages.'}</p>`}
        </div>
      </div>
      ${r.results.length
        ? html`<section class="card verdicts" aria-labelledby="verdicts-title">
            <h2 id="verdicts-title">Every message, in priority order</h2>
            <table>
              <thead>
                <tr><th scope="col">Message</th><th scope="col">Status</th><th scope="col">Verdict</th><th scope="col">Why</th></tr>
              </thead>
              <tbody>
                ${r.results.map(
                  (x) => html`<tr data-id=${x.id} class=${x.id === r.winnerId ? 'is-winner' : ''}>
                    <th scope="row" class="msg-name">${x.name}</th>
                    <td><span class="pill ${x.status}">${STATUS_LABELS[x.status]}</span></td>
                    <td><span class="verdict ${x.verdict}">${VERDICT_LABELS[x.verdict]}</span></td>
                    <td class="reason">${x.reason}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : nothing}`;
  }

  /** What the status region announces after a run (the table itself is not live). */
  #summary(): string {
    const r = this.result;
    if (!r) return this.running ? 'Testing the visit…' : '';
    const winner = r.results.find((x) => x.id === r.winnerId);
    return winner ? `Tested: “${winner.name}” would be shown.` : 'Tested: no message would be shown.';
  }

  override render() {
    return html`<div class="sim">
      ${this.#renderForm()}
      <div class="results">
        <p class="alert" role="alert">${this.error ? html`${alertIcon}<span>${this.error}</span>` : nothing}</p>
        <p class="sr-only" role="status">${this.#summary()}</p>
        ${this.#renderResult()}
      </div>
    </div>`;
  }
}

if (!customElements.get('proactive-visit-simulator')) customElements.define('proactive-visit-simulator', ProactiveVisitSimulator);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-visit-simulator': ProactiveVisitSimulator;
  }
}
