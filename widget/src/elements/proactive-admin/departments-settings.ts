import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { OperatorInfo } from '../../../../server/src/protocol/index.js';
import type { Department } from '../../../../server/src/protocol/workspace.js';
import { AdminError, type AdminSession } from '../../client/admin-session.js';
import { alertIcon } from './icons.js';
import { WORKSPACE_LIMITS as L, WORKSPACE_SECTIONS as S } from './labels.js';
import { NoticeController } from './notice-controller.js';
import { base } from './proactive-admin.styles.js';
import { records, RecordsController } from './records.js';

type Draft = { name: string; operatorIds: number[] };

/**
 * The account's departments: each with its name and member operators. A department is added,
 * renamed (with its members changed in the same form) or deleted after a confirmation. The
 * members are picked from the account's operators.
 */
export class ProactiveDepartmentsSettings extends LitElement {
  static override styles = [
    base,
    records,
    css`
      .departments {
        display: grid;
        gap: 16px;
        max-width: 880px;
      }
      .members {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin-top: 2px;
      }
      .member {
        padding: 1px 9px;
        border-radius: 999px;
        background: var(--accent-soft);
        color: var(--accent-strong);
        font-size: 12.5px;
        font-weight: 550;
      }
      .name-input {
        max-width: 360px;
      }
    `,
  ];

  #notice = new NoticeController(this);
  #list = new RecordsController<Department, Draft>(this, {
    key: 'department',
    load: () => this.#session().departments.list(),
    save: (id, d) => this.#session().departments.save(id, d),
    remove: (id) => this.#session().departments.remove(id),
    blank: () => ({ name: '', operatorIds: [] }),
    draftOf: (d) => ({ name: d.name, operatorIds: [...d.operatorIds] }),
    label: (d) => `“${d.name}”`,
    fields: ['name', 'operatorIds'],
    // A name already in use comes back as a CONFLICT; an operator that has gone, as NOT_FOUND.
    fieldOf: (err) => (err.code === 'CONFLICT' ? 'name' : err.code === 'NOT_FOUND' ? 'operatorIds' : null),
    notice: this.#notice,
    said: {
      created: (d) => `Department “${d.name}” added`,
      saved: (d) => `“${d.name}” saved`,
      removed: (d) => `“${d.name}” deleted`,
    },
  });

  @property({ attribute: false }) session?: AdminSession;

  /** The account's operators, to pick members from; null until loaded. */
  @state() private operators: OperatorInfo[] | null = null;
  @state() private operatorsError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.operators) void this.#loadOperators();
  }

  /** The departments as last loaded; null until then. */
  get items(): Department[] | null {
    return this.#list.items;
  }

  /** The confirmation currently shown, if any. */
  get notice(): string {
    return this.#notice.text;
  }

  #session(): AdminSession {
    if (!this.session) throw new Error('<proactive-departments-settings> needs a session');
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

  #toggleMember(d: Draft, id: number, on: boolean): void {
    const ids = new Set(d.operatorIds);
    if (on) ids.add(id);
    else ids.delete(id);
    // In the account's order, so the draft compares and reads the same whatever the clicks' order.
    this.#list.edit({ operatorIds: (this.operators ?? []).map((o) => o.id).filter((x) => ids.has(x)) });
  }

  #names(ids: readonly number[]): string[] {
    const byId = new Map((this.operators ?? []).map((o) => [o.id, o.name]));
    return ids.map((id) => byId.get(id) ?? `Operator ${id}`);
  }

  #renderMembers(d: Draft) {
    const list = this.#list;
    const ops = this.operators;
    let body;
    if (!ops) {
      body = this.operatorsError
        ? html`<div class="alert" role="alert">${alertIcon}<span>${this.operatorsError}</span>
            <button type="button" class="link" @click=${() => this.#loadOperators()}>Try again</button></div>`
        : html`<p class="muted" role="status">Loading operators…</p>`;
    } else if (!ops.length) {
      body = html`<p class="muted">This account has no operators yet.</p>`;
    } else {
      body = html`<div class="check-list">
        ${ops.map(
          (o) => html`<label class="check">
            <input
              type="checkbox"
              id=${list.id(`member-${o.id}`)}
              value=${o.id}
              .checked=${live(d.operatorIds.includes(o.id))}
              aria-describedby=${list.described('operatorIds')}
              @change=${(e: Event) => this.#toggleMember(d, o.id, (e.target as HTMLInputElement).checked)}
            />
            <span>${o.name} <span class="muted">${o.email}</span></span>
          </label>`,
        )}
      </div>`;
    }
    return html`<fieldset class="field">
      <legend class="label">Members <span class="optional">(${d.operatorIds.length} selected)</span></legend>
      ${body} ${list.error('operatorIds')}
    </fieldset>`;
  }

  #renderForm(d: Draft) {
    const list = this.#list;
    return html`<div class="field name-input">
        <label for=${list.id('name')}>Name</label>
        <input
          id=${list.id('name')}
          type="text"
          autocomplete="off"
          maxlength=${L.departmentName}
          placeholder="Billing"
          .value=${live(d.name)}
          aria-invalid=${list.invalid('name')}
          aria-describedby=${list.described('name')}
          @input=${(e: Event) => list.edit({ name: (e.target as HTMLInputElement).value })}
        />
        ${list.error('name')}
      </div>
      ${this.#renderMembers(d)}`;
  }

  override render() {
    const list = this.#list;
    return html`<div class="departments">
      <section class="card section" aria-labelledby="departments-title">
        <div class="section-head">
          <div>
            <h2 id="departments-title">All departments${list.items ? html` <span class="counter">(${list.items.length})</span>` : nothing}</h2>
            <p>Names are unique in the account. An operator may belong to several departments.</p>
          </div>
          ${list.renderAdd('Add department')}
        </div>
        ${list.render({
          label: S.departments.title,
          empty: html`<strong>No departments yet</strong>
            <p>Without departments every chat goes to the whole team. Add one for each group that takes its own chats, such as Sales or Billing.</p>`,
          item: (d) => {
            const names = this.#names(d.operatorIds);
            return html`<span class="record-title">${d.name}</span>
              ${names.length
                ? html`<ul class="members" aria-label="Members of ${d.name}">
                    ${names.map((n) => html`<li class="member">${n}</li>`)}
                  </ul>`
                : html`<p class="record-sub">No members yet</p>`}`;
          },
          title: (d) => (d ? `Edit “${d.name}”` : 'New department'),
          form: (d) => this.#renderForm(d),
          confirm: (d) =>
            `Its ${d.operatorIds.length === 1 ? 'member stays' : 'members stay'} in the account; chats can no longer be routed or transferred to it. This cannot be undone.`,
        })}
      </section>
      <p class="notice" role="status">${this.#notice.text ? html`<span>${this.#notice.text}</span>` : nothing}</p>
    </div>`;
  }
}

if (!customElements.get('proactive-departments-settings')) customElements.define('proactive-departments-settings', ProactiveDepartmentsSettings);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-departments-settings': ProactiveDepartmentsSettings;
  }
}
