import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Lead, Ticket } from '../../../../server/src/protocol/workspace.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import './helpdesk-teams.js';
import { alertIcon, downIcon, refreshIcon } from './icons.js';
import { dateTime, WORKSPACE_SECTIONS as S } from './labels.js';
import { base } from './proactive-admin.styles.js';
import './webhooks-settings.js';

/** A ticket or lead named by the page's address: `#tickets/12`, `#leads/3`. */
export interface RecordLink {
  kind: 'tickets' | 'leads';
  number: number;
}

const WORDS = { tickets: 'Ticket', leads: 'Lead' } as const;

/**
 * Tickets and leads made from chats, newest first, each row opening to its transcript; then the
 * helpdesk teams tickets go to, and the webhooks that tell a helpdesk or CRM. Operators' ticket
 * and lead links point at `/admin#tickets/<number>` and `/admin#leads/<number>`: given such a
 * `target`, the view opens that row and scrolls it into view.
 */
export class ProactiveTicketsView extends LitElement {
  static override styles = [
    base,
    css`
      .tickets {
        display: grid;
        gap: 16px;
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
      .table-wrap {
        overflow-x: auto;
        border: 1px solid var(--border);
        border-radius: 10px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th[scope='col'] {
        text-align: start;
        font-size: 12px;
        font-weight: 650;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--muted);
        padding: 9px 12px;
        background: var(--sunken);
        border-bottom: 1px solid var(--border);
        white-space: nowrap;
      }
      td,
      th[scope='row'] {
        padding: 10px 12px;
        border-top: 1px solid var(--border);
        text-align: start;
        vertical-align: top;
        font-weight: 400;
      }
      tbody tr:first-child > * {
        border-top: 0;
      }
      tr.summary {
        cursor: pointer;
      }
      tr.summary > * {
        vertical-align: middle;
      }
      tr.summary:hover > * {
        background: #fafbfd;
      }
      tr.summary.open > * {
        background: var(--accent-soft);
      }
      .num {
        font-variant-numeric: tabular-nums;
        color: var(--muted);
        white-space: nowrap;
      }
      .row-toggle {
        padding: 0;
        border: 0;
        gap: 6px;
        font-weight: 650;
        color: var(--text);
        text-align: start;
        white-space: normal;
        justify-content: flex-start;
      }
      .row-toggle svg {
        transition: transform 0.15s;
        transform: rotate(-90deg);
        color: var(--muted);
      }
      .row-toggle[aria-expanded='true'] svg {
        transform: none;
      }
      .row-toggle:hover {
        color: var(--accent);
      }
      .when {
        white-space: nowrap;
        color: var(--muted);
      }
      .none {
        color: var(--muted);
      }
      tr.details > td {
        border-top: 0;
        padding-top: 0;
        background: var(--accent-soft);
      }
      .details-label {
        font-size: 12px;
        font-weight: 650;
        color: var(--muted);
        margin-bottom: 6px;
      }
      pre {
        margin: 0;
        max-height: 420px;
        overflow: auto;
        padding: 12px 14px;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--surface);
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12.5px;
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .empty-note {
        padding: 18px;
        border: 1px dashed var(--border-strong);
        border-radius: 10px;
        color: var(--muted);
        text-align: center;
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12.5px;
        padding: 1px 5px;
        border-radius: 5px;
        background: #eceef4;
        color: var(--text);
      }
      .loading-note {
        padding: 12px 0;
      }
      @media (prefers-reduced-motion: reduce) {
        .row-toggle svg {
          transition: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) session?: AdminSession;
  /** The ticket or lead to open and scroll to; null shows both lists closed. */
  @property({ attribute: false }) target: RecordLink | null = null;

  @state() private tickets: Ticket[] | null = null;
  @state() private leads: Lead[] | null = null;
  @state() private loadError = '';
  @state() private loading = false;
  /** Open rows, as "tickets/12" and "leads/3". */
  @state() private expanded: ReadonlySet<string> = new Set();
  /** Says that the linked ticket or lead is not in the lists. */
  @state() private missing = '';

  /** Set when `target` changes; the row is shown once the lists are loaded. */
  #reveal = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.tickets) void this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('target') && this.target) {
      this.expanded = new Set([...this.expanded, `${this.target.kind}/${this.target.number}`]);
      this.missing = '';
      this.#reveal = true;
      // A link followed while the view is open may name a ticket made since it loaded.
      if (this.tickets) void this.refresh();
    }
  }

  /** Loads both lists again; the linked row, if any, is then opened and scrolled to. */
  async refresh(): Promise<void> {
    const session = this.session;
    if (!session || this.loading) return;
    this.loading = true;
    this.loadError = '';
    try {
      [this.tickets, this.leads] = await Promise.all([session.tickets(), session.leads()]);
    } catch (err) {
      this.loadError = AdminError.from(err).message;
    } finally {
      this.loading = false;
    }
    if (this.#reveal && this.tickets) {
      this.#reveal = false;
      await this.updateComplete;
      this.#show();
    }
  }

  /** Scrolls to the linked row and puts focus on it, or says it is not there. */
  #show(): void {
    const target = this.target;
    if (!target) return;
    const row = this.renderRoot.querySelector<HTMLElement>(`#${target.kind}-${target.number}`);
    if (!row) {
      this.missing = `${WORDS[target.kind]} #${target.number} was not found in this account.`;
      return;
    }
    row.scrollIntoView({ block: 'center' });
    row.querySelector<HTMLElement>('.row-toggle')?.focus({ preventScroll: true });
  }

  #toggle(key: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(key)) next.add(key);
    this.expanded = next;
  }

  #renderWhen(at: number) {
    return html`<time datetime=${new Date(at).toISOString()}>${dateTime.format(at)}</time>`;
  }

  #or(value: string | null) {
    return value ? value : html`<span class="none">—</span>`;
  }

  /** A row that opens to `body` below it; the title cell is the row's header and its toggle. */
  #renderRow(kind: RecordLink['kind'], number: number, title: string, cells: unknown[], bodyLabel: string, body: string, columns: number) {
    const key = `${kind}/${number}`;
    const open = this.expanded.has(key);
    const details = `${kind}-${number}-details`;
    return html`<tr id="${kind}-${number}" class="summary ${open ? 'open' : ''}" data-number=${number} @click=${() => this.#toggle(key)}>
        <td class="num">#${number}</td>
        <th scope="row">
          <button type="button" class="row-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${open ? details : nothing}>
            ${downIcon}<span>${title}</span><span class="sr-only">: ${open ? 'hide' : 'show'} the ${bodyLabel.toLowerCase()}</span>
          </button>
        </th>
        ${cells.map((c) => html`<td>${c}</td>`)}
      </tr>
      ${open
        ? html`<tr class="details" id=${details}>
            <td colspan=${columns}>
              <p class="details-label">${bodyLabel}</p>
              <pre>${body || '(empty)'}</pre>
            </td>
          </tr>`
        : nothing}`;
  }

  #renderTickets(tickets: Ticket[]) {
    if (!tickets.length) {
      return html`<p class="empty-note">No tickets yet. In a chat, an operator types <code>/ticket</code> and a title to make one.</p>`;
    }
    return html`<div class="table-wrap">
      <table class="ticket-table">
        <caption class="sr-only">Tickets, newest first. Open a row to read its description.</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Title</th>
            <th scope="col">Team</th>
            <th scope="col">Assignee</th>
            <th scope="col">Requester</th>
            <th scope="col">Created by</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          ${tickets.map((t) =>
            this.#renderRow(
              'tickets',
              t.number,
              t.title,
              [this.#or(t.teamName), this.#or(t.assigneeName), this.#or([t.visitorName, t.visitorEmail].filter(Boolean).join(' · ')), this.#or(t.createdByName), html`<span class="when">${this.#renderWhen(t.createdAt)}</span>`],
              'Description (the chat’s transcript)',
              t.description,
              7,
            ),
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderLeads(leads: Lead[]) {
    if (!leads.length) {
      return html`<p class="empty-note">No leads yet. In a chat, an operator types <code>/lead</code> and a name to make one.</p>`;
    }
    return html`<div class="table-wrap">
      <table class="lead-table">
        <caption class="sr-only">Leads, newest first. Open a row to read its notes.</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Name</th>
            <th scope="col">Email / phone</th>
            <th scope="col">Source</th>
            <th scope="col">Created by</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          ${leads.map((l) =>
            this.#renderRow(
              'leads',
              l.number,
              l.name,
              [
                l.email || l.phone ? [l.email, l.phone].filter(Boolean).join(' · ') : this.#or(null),
                l.source,
                this.#or(l.createdByName),
                html`<span class="when">${this.#renderWhen(l.createdAt)}</span>`,
              ],
              'Notes (the chat’s transcript)',
              l.notes,
              6,
            ),
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderLists() {
    if (!this.tickets || !this.leads) {
      return this.loadError
        ? html`<div class="alert" role="alert">${alertIcon}<span>${this.loadError}</span>
            <button type="button" class="link" @click=${() => this.refresh()}>Try again</button></div>`
        : html`<p class="muted loading-note" role="status">Loading tickets and leads…</p>`;
    }
    const refresh = html`<button type="button" class="ghost small refresh" ?disabled=${this.loading} @click=${() => this.refresh()}>
      ${refreshIcon}Refresh<span class="sr-only"> tickets and leads</span>
    </button>`;
    return html`<div class="alert missing" role="alert">${this.missing ? html`${alertIcon}<span>${this.missing}</span>` : nothing}</div>
      <section class="card section" aria-labelledby="tickets-title">
        <div class="section-head">
          <div>
            <h2 id="tickets-title">Tickets <span class="counter">(${this.tickets.length})</span></h2>
            <p>Each goes to the helpdesk team with the highest priority when it is made. Its description is the chat’s transcript.</p>
          </div>
          ${refresh}
        </div>
        ${this.#renderTickets(this.tickets)}
      </section>
      <section class="card section" aria-labelledby="leads-title">
        <div class="section-head">
          <div>
            <h2 id="leads-title">Leads <span class="counter">(${this.leads.length})</span></h2>
            <p>Contacts to follow up, with the visitor’s email and phone when the operator had them. The notes are the chat’s transcript.</p>
          </div>
        </div>
        ${this.#renderLeads(this.leads)}
      </section>`;
  }

  override render() {
    return html`<div class="tickets">
      ${this.#renderLists()}
      <proactive-helpdesk-teams .session=${this.session}></proactive-helpdesk-teams>
      <proactive-webhooks-settings .session=${this.session}></proactive-webhooks-settings>
    </div>`;
  }
}

if (!customElements.get('proactive-tickets-view')) customElements.define('proactive-tickets-view', ProactiveTicketsView);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-tickets-view': ProactiveTicketsView;
  }
}

/** The ticket or lead a page address names (`#tickets/12`, `#leads/3`), or null. */
export function recordLink(hash: string): RecordLink | null {
  const m = /^#(tickets|leads)\/(\d{1,9})$/.exec(hash);
  return m ? { kind: m[1] as RecordLink['kind'], number: Number(m[2]) } : null;
}
