import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { OperatorInfo } from '../../../../server/src/protocol/index.js';
import type { HelpdeskTeam } from '../../../../server/src/protocol/workspace.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { WORKSPACE_LIMITS as L, WORKSPACE_SECTIONS as S } from './labels.js';
import { NoticeController } from './notice-controller.js';
import { base } from './proactive-admin.styles.js';
import { records, RecordsController } from './records.js';

/** The form keeps the priority as typed; it is sent as a number. */
type Draft = { name: string; priority: string; defaultAssigneeId: number | null };

/**
 * The helpdesk teams tickets go to: name, priority (0–100) and a default assignee picked from the
 * account's operators. The list is in priority order, and the first team is marked as the one
 * that receives new tickets.
 */
export class ProactiveHelpdeskTeams extends LitElement {
  static override styles = [
    base,
    records,
    css`
      .team-line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .badge {
        padding: 1px 9px;
        border-radius: 999px;
        background: var(--success-soft);
        color: var(--success);
        font-size: 12px;
        font-weight: 650;
      }
      .team-fields {
        display: grid;
        grid-template-columns: minmax(0, 1.4fr) 150px minmax(0, 1fr);
        gap: 14px;
      }
      @media (max-width: 700px) {
        .team-fields {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  #notice = new NoticeController(this);
  #list = new RecordsController<HelpdeskTeam, Draft>(this, {
    key: 'team',
    load: () => this.#session().helpdeskTeams.list(),
    save: (id, d) =>
      this.#session().helpdeskTeams.save(id, {
        name: d.name,
        priority: Number(d.priority),
        defaultAssigneeId: d.defaultAssigneeId,
      }),
    remove: (id) => this.#session().helpdeskTeams.remove(id),
    blank: () => ({ name: '', priority: '50', defaultAssigneeId: null }),
    draftOf: (t) => ({ name: t.name, priority: String(t.priority), defaultAssigneeId: t.defaultAssigneeId }),
    label: (t) => `“${t.name}”`,
    fields: ['name', 'priority', 'defaultAssigneeId'],
    // An empty or fractional number cannot be sent as one; the server checks the range.
    check: (d) => (/^\s*-?\d+\s*$/.test(d.priority) ? {} : { priority: 'Priority is a whole number from 0 to 100' }),
    fieldOf: (err) => (err.code === 'NOT_FOUND' ? 'defaultAssigneeId' : null),
    notice: this.#notice,
    said: {
      created: (t) => `Team “${t.name}” added`,
      saved: (t) => `“${t.name}” saved`,
      removed: (t) => `“${t.name}” deleted`,
    },
  });

  @property({ attribute: false }) session?: AdminSession;

  @state() private operators: OperatorInfo[] | null = null;
  @state() private operatorsError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.operators) void this.#loadOperators();
  }

  /** The confirmation currently shown, if any. */
  get notice(): string {
    return this.#notice.text;
  }

  #session(): AdminSession {
    if (!this.session) throw new Error('<proactive-helpdesk-teams> needs a session');
    return this.session;
  }

  async #loadOperators(): Promise<void> {
    this.operatorsError = '';
    try {
      this.operators = await this.#session().operators();
    } catch (err) {
      this.operatorsError = AdminError.from(err).message;
    }
  }

  #assignee(id: number | null): string {
    if (id === null) return 'No default assignee';
    return `Assigned to ${this.operators?.find((o) => o.id === id)?.name ?? `operator ${id}`}`;
  }

  #renderForm(d: Draft) {
    const list = this.#list;
    const id = list.id.bind(list);
    return html`<div class="team-fields">
      <div class="field">
        <label for=${id('name')}>Name</label>
        <input
          id=${id('name')}
          type="text"
          autocomplete="off"
          maxlength=${L.teamName}
          placeholder="Support"
          .value=${live(d.name)}
          aria-invalid=${list.invalid('name')}
          aria-describedby=${list.described('name')}
          @input=${(e: Event) => list.edit({ name: (e.target as HTMLInputElement).value })}
        />
        ${list.error('name')}
      </div>
      <div class="field">
        <label for=${id('priority')}>Priority</label>
        <input
          id=${id('priority')}
          type="number"
          inputmode="numeric"
          min="0"
          max="100"
          step="1"
          .value=${live(d.priority)}
          aria-invalid=${list.invalid('priority')}
          aria-describedby=${list.described('priority', id('priority-hint'))}
          @input=${(e: Event) => list.edit({ priority: (e.target as HTMLInputElement).value })}
        />
        <p class="hint" id=${id('priority-hint')}>0 to 100; highest first.</p>
        ${list.error('priority')}
      </div>
      <div class="field">
        <label for=${id('assignee')}>Default assignee</label>
        <select
          id=${id('assignee')}
          aria-invalid=${list.invalid('defaultAssigneeId')}
          aria-describedby=${list.described('defaultAssigneeId')}
          @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            list.edit({ defaultAssigneeId: v ? Number(v) : null });
          }}
        >
          <option value="" ?selected=${d.defaultAssigneeId === null}>Nobody (unassigned)</option>
          ${(this.operators ?? []).map((o) => html`<option value=${o.id} ?selected=${d.defaultAssigneeId === o.id}>${o.name}</option>`)}
        </select>
        ${this.operatorsError ? html`<p class="hint warn">Operators could not be loaded: ${this.operatorsError}</p>` : nothing}
        ${list.error('defaultAssigneeId')}
      </div>
    </div>`;
  }

  override render() {
    const list = this.#list;
    return html`<section class="card section" aria-labelledby="teams-title">
        <div class="section-head">
          <div>
            <h2 id="teams-title">${S.teams.title}</h2>
            <p>${S.teams.help}</p>
          </div>
          ${list.renderAdd('Add team')}
        </div>
        ${list.render({
          label: S.teams.title,
          empty: html`<strong>No helpdesk teams</strong>
            <p>Tickets are still created, without a team or an assignee. Add a team to have them assigned.</p>`,
          item: (t) => html`<div class="team-line">
              <span class="record-title">${t.name}</span>
              ${list.items?.[0]?.id === t.id ? html`<span class="badge">Receives new tickets</span>` : nothing}
            </div>
            <p class="record-sub">Priority ${t.priority} · ${this.#assignee(t.defaultAssigneeId)}</p>`,
          title: (t) => (t ? `Edit “${t.name}”` : 'New helpdesk team'),
          form: (d) => this.#renderForm(d),
          confirm: () => 'Tickets it already has keep its name; new tickets go to the remaining team with the highest priority. This cannot be undone.',
        })}
      </section>
      <p class="notice" role="status">${this.#notice.text ? html`<span>${this.#notice.text}</span>` : nothing}</p>`;
  }
}

if (!customElements.get('proactive-helpdesk-teams')) customElements.define('proactive-helpdesk-teams', ProactiveHelpdeskTeams);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-helpdesk-teams': ProactiveHelpdeskTeams;
  }
}
