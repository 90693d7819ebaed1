import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Condition, ConditionField, ConditionGroup, ConditionOp, Match, Rule } from '../../../../server/src/protocol/proactive.js';
import { ChatRuleChangeEvent } from './events.js';
import { alertIcon, closeIcon, layersIcon, plusIcon } from './icons.js';
import { ATTRIBUTE_OP_GROUPS, choicesFor, FIELD_LABELS, newCondition, OP_LABELS, opsFor, VALUE_LABELS, valueKind, withOp } from './labels.js';
import { base, rules } from './proactive-admin.styles.js';
import { conditionCount, FIELDS, PROACTIVE_LIMITS } from '../../../../server/src/protocol/proactive-shared.js';

const PLACEHOLDERS: Partial<Record<ConditionField, string>> = {
  url: '/pricing or https://shop.example/*',
  title: 'Checkout',
  referrer: 'google.com',
  language: 'fr',
};

/** Where a condition sits: its index in the rule, and in its group when it is in one. */
type At = readonly [number] | readonly [number, number];

const isGroup = (c: Condition | ConditionGroup): c is ConditionGroup => 'match' in c;

/**
 * The targeting rule of a proactive message: match all / any, conditions whose operator list
 * and value input follow the chosen field, and groups nested one level. It does not judge the
 * rule itself: the server's messages, passed in `errors`, are shown beside the parts they name.
 *
 * @fires chat-rule-change - on every edit, with the whole new rule
 */
export class ProactiveRuleBuilder extends LitElement {
  static override styles = [base, rules];

  @property({ attribute: false }) rule: Rule = { match: 'all', conditions: [] };
  /** Server messages keyed by path inside the rule, e.g. "conditions", "conditions.1.conditions.0.value". */
  @property({ attribute: false }) errors: Record<string, string> = {};

  /** Moves focus to the first control the server complained about, or to the rule's own message. */
  focusFirstError(): boolean {
    const target =
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (this.errors.conditions || this.errors.match ? this.renderRoot.querySelector<HTMLElement>('#add-condition') : null);
    target?.focus();
    return !!target;
  }

  // --- changes ---------------------------------------------------------------------

  #emit(rule: Rule): void {
    this.rule = rule;
    this.dispatchEvent(new ChatRuleChangeEvent(rule));
  }

  #updateAt(at: At, fn: (c: Condition) => Condition): void {
    const conditions = this.rule.conditions.map((item, i) => {
      if (i !== at[0]) return item;
      if (at.length === 1) return isGroup(item) ? item : fn(item);
      if (!isGroup(item)) return item;
      return { ...item, conditions: item.conditions.map((c, j) => (j === at[1] ? fn(c) : c)) };
    });
    this.#emit({ ...this.rule, conditions });
  }

  async #add(group?: number): Promise<void> {
    let focusId: string;
    if (group === undefined) {
      this.#emit({ ...this.rule, conditions: [...this.rule.conditions, newCondition()] });
      focusId = `f-${this.rule.conditions.length - 1}`;
    } else {
      const g = this.rule.conditions[group];
      if (!g || !isGroup(g)) return;
      this.#emit({
        ...this.rule,
        conditions: this.rule.conditions.map((item, i) => (i === group ? { ...g, conditions: [...g.conditions, newCondition()] } : item)),
      });
      focusId = `f-${group}-${g.conditions.length}`;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${focusId}`)?.focus();
  }

  async #addGroup(): Promise<void> {
    const group: ConditionGroup = { match: 'any', conditions: [newCondition()] };
    this.#emit({ ...this.rule, conditions: [...this.rule.conditions, group] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#m-${this.rule.conditions.length - 1}`)?.focus();
  }

  async #remove(at: At): Promise<void> {
    const removes = () => [...this.renderRoot.querySelectorAll<HTMLElement>('.remove')];
    const index = removes().findIndex((b) => b.dataset.at === at.join('-'));
    let conditions: Rule['conditions'];
    if (at.length === 1) {
      conditions = this.rule.conditions.filter((_, i) => i !== at[0]);
    } else {
      conditions = this.rule.conditions.flatMap((item, i) => {
        if (i !== at[0] || !isGroup(item)) return [item];
        const rest = item.conditions.filter((_, j) => j !== at[1]);
        // An emptied group goes with its last condition.
        return rest.length ? [{ ...item, conditions: rest }] : [];
      });
    }
    this.#emit({ ...this.rule, conditions });
    await this.updateComplete;
    // Focus stays nearby: the remove button now in that place, else the one before, else "Add condition".
    const after = removes();
    (after[index] ?? after[index - 1] ?? this.renderRoot.querySelector<HTMLElement>('#add-condition'))?.focus();
  }

  #setGroupMatch(index: number, match: Match): void {
    this.#emit({
      ...this.rule,
      conditions: this.rule.conditions.map((item, i) => (i === index && isGroup(item) ? { ...item, match } : item)),
    });
  }

  #handleField(at: At, e: Event): void {
    const field = (e.target as HTMLSelectElement).value as ConditionField;
    this.#updateAt(at, () => newCondition(field));
  }

  #handleOp(at: At, e: Event): void {
    const op = (e.target as HTMLSelectElement).value as ConditionOp;
    this.#updateAt(at, (c) => withOp(c, op));
  }

  #handleValue(at: At, e: Event): void {
    const input = e.target as HTMLInputElement | HTMLSelectElement;
    this.#updateAt(at, (c) => {
      const kind = valueKind(c.field, c.op);
      if (kind === 'boolean') return { ...c, value: (input as HTMLInputElement).checked };
      // An empty number box stays empty text, which the server refuses with a clear message.
      if (kind === 'number') return { ...c, value: input.value === '' ? '' : Number(input.value) };
      return { ...c, value: input.value };
    });
  }

  #handleName(at: At, e: Event): void {
    const name = (e.target as HTMLInputElement).value;
    this.#updateAt(at, (c) => ({ ...c, name }));
  }

  // --- rendering -------------------------------------------------------------------

  #errorsAt(at: At): Array<[string, string]> {
    const prefix = at.length === 1 ? `conditions.${at[0]}` : `conditions.${at[0]}.conditions.${at[1]}`;
    return Object.entries(this.errors).filter(([path]) => path === prefix || path.startsWith(`${prefix}.`));
  }

  #renderValue(c: Condition, at: At, id: string, invalid: boolean, describedBy: string | typeof nothing) {
    const kind = valueKind(c.field, c.op);
    const label = html`<label class="sr-only" for=${id}>Value</label>`;
    if (kind === 'choice') {
      return html`${label}<select id=${id} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @change=${(e: Event) => this.#handleValue(at, e)}>
        ${choicesFor(c.field).map((v) => html`<option value=${v} ?selected=${c.value === v}>${VALUE_LABELS[v] ?? v}</option>`)}
      </select>`;
    }
    if (kind === 'boolean') {
      return html`<label class="check">
        <input id=${id} type="checkbox" .checked=${live(c.value === true)} aria-describedby=${describedBy} @change=${(e: Event) => this.#handleValue(at, e)} />
        <span>${c.value === true ? 'true' : 'false'}</span><span class="sr-only"> (value)</span>
      </label>`;
    }
    if (kind === 'number') {
      return html`${label}<input
          id=${id}
          type="number"
          inputmode="numeric"
          min="0"
          step="1"
          .value=${live(String(c.value))}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: Event) => this.#handleValue(at, e)}
        />`;
    }
    return html`${label}<input
        id=${id}
        type="text"
        maxlength=${PROACTIVE_LIMITS.value}
        placeholder=${PLACEHOLDERS[c.field] ?? ''}
        .value=${live(String(c.value))}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${(e: Event) => this.#handleValue(at, e)}
      />`;
  }

  #renderCondition(c: Condition, at: At, n: string) {
    const key = at.join('-');
    const errors = this.#errorsAt(at);
    const errorId = `e-${key}`;
    const describedBy = errors.length ? errorId : nothing;
    const bad = (part: string) => errors.some(([p]) => p.endsWith(`.${part}`));
    const whole = errors.some(([p]) => !/\.(field|op|value|name)$/.test(p));
    return html`<div class="cond ${errors.length ? 'has-error' : ''}" data-at=${key}>
      <div class="cond-row ${c.field === 'attribute' ? 'attr' : ''}" role="group" aria-label="Condition ${n}">
        <label class="sr-only" for="f-${key}">Field</label>
        <select id="f-${key}" aria-invalid=${bad('field') || whole ? 'true' : 'false'} aria-describedby=${describedBy} @change=${(e: Event) => this.#handleField(at, e)}>
          ${FIELDS.map((f) => html`<option value=${f} ?selected=${c.field === f}>${FIELD_LABELS[f]}</option>`)}
        </select>
        ${c.field === 'attribute'
          ? html`<label class="sr-only" for="n-${key}">Attribute name</label>
              <input
                id="n-${key}"
                type="text"
                placeholder="plan"
                maxlength=${PROACTIVE_LIMITS.attributeName}
                .value=${live(c.name ?? '')}
                aria-invalid=${bad('name') ? 'true' : 'false'}
                aria-describedby=${describedBy}
                @input=${(e: Event) => this.#handleName(at, e)}
              />`
          : nothing}
        <label class="sr-only" for="o-${key}">Operator</label>
        <select id="o-${key}" aria-invalid=${bad('op') ? 'true' : 'false'} aria-describedby=${describedBy} @change=${(e: Event) => this.#handleOp(at, e)}>
          ${c.field === 'attribute'
            ? ATTRIBUTE_OP_GROUPS.map(
                (g) => html`<optgroup label=${g.label}>
                  ${g.ops.map((op) => html`<option value=${op} ?selected=${c.op === op}>${OP_LABELS[op]}</option>`)}
                </optgroup>`,
              )
            : opsFor(c.field).map((op) => html`<option value=${op} ?selected=${c.op === op}>${OP_LABELS[op]}</option>`)}
        </select>
        ${this.#renderValue(c, at, `v-${key}`, bad('value'), describedBy)}
        <button type="button" class="icon-btn remove" data-at=${key} aria-label="Remove condition ${n}" title="Remove condition" @click=${() => this.#remove(at)}>
          ${closeIcon}
        </button>
      </div>
      <p class="field-error" id=${errorId}>${errors.map(([, m]) => m).join(' · ')}</p>
    </div>`;
  }

  #renderJoiner(match: Match, i: number) {
    return i === 0 ? nothing : html`<span class="joiner" aria-hidden="true">${match === 'all' ? 'and' : 'or'}</span>`;
  }

  #renderGroup(g: ConditionGroup, i: number) {
    const ordinal = this.rule.conditions.slice(0, i + 1).filter(isGroup).length;
    const errors = Object.entries(this.errors).filter(([p]) => p === `conditions.${i}` || p === `conditions.${i}.conditions` || p === `conditions.${i}.match`);
    return html`<div class="group" role="group" aria-labelledby="gl-${i}">
      <div class="group-head">
        <span id="gl-${i}">Group${ordinal > 1 ? ` ${ordinal}` : ''}:</span>
        <label for="m-${i}">match</label>
        <select id="m-${i}" @change=${(e: Event) => this.#setGroupMatch(i, (e.target as HTMLSelectElement).value as Match)}>
          <option value="all" ?selected=${g.match === 'all'}>all</option>
          <option value="any" ?selected=${g.match === 'any'}>any</option>
        </select>
        <span>of these</span>
        <span class="spacer"></span>
      </div>
      <ol class="conditions">
        ${g.conditions.map((c, j) => html`<li>${this.#renderJoiner(g.match, j)}${this.#renderCondition(c, [i, j], `${i + 1}.${j + 1}`)}</li>`)}
      </ol>
      <p class="field-error">${errors.map(([, m]) => m).join(' · ')}</p>
      <div class="group-foot">
        <button type="button" class="ghost small add-in-group" ?disabled=${this.#full} @click=${() => this.#add(i)}>${plusIcon}Add condition to group${ordinal > 1 ? ` ${ordinal}` : ''}</button>
      </div>
    </div>`;
  }

  get #full(): boolean {
    return conditionCount(this.rule) >= PROACTIVE_LIMITS.conditions;
  }

  override render() {
    const rule = this.rule;
    const total = conditionCount(rule);
    const ruleError = [this.errors.conditions, this.errors.match].filter(Boolean).join(' · ');
    return html`<div class="rule" part="rule">
      <div class="rule-head">
        <label for="match">Show when the visitor matches</label>
        <select id="match" @change=${(e: Event) => this.#emit({ ...this.rule, match: (e.target as HTMLSelectElement).value as Match })}>
          <option value="all" ?selected=${rule.match === 'all'}>all</option>
          <option value="any" ?selected=${rule.match === 'any'}>any</option>
        </select>
        <span>of these conditions</span>
      </div>
      ${rule.conditions.length
        ? html`<ol class="conditions" aria-label="Conditions">
            ${rule.conditions.map(
              (item, i) =>
                html`<li>${this.#renderJoiner(rule.match, i)}${isGroup(item) ? this.#renderGroup(item, i) : this.#renderCondition(item, [i], String(i + 1))}</li>`,
            )}
          </ol>`
        : html`<p class="no-conditions">No conditions: the message can show on every page of the channel.</p>`}
      <p class="alert rule-error" role="alert" id="rule-error">${ruleError ? html`${alertIcon}<span>${ruleError}</span>` : nothing}</p>
      <div class="add-row">
        <button type="button" id="add-condition" class="secondary small" ?disabled=${this.#full} @click=${() => this.#add()}>${plusIcon}Add condition</button>
        <button type="button" id="add-group" class="secondary small" ?disabled=${this.#full} @click=${this.#addGroup}>${layersIcon}Add group</button>
        <span class="hint">
          ${this.#full
            ? `A rule can have at most ${PROACTIVE_LIMITS.conditions} conditions.`
            : `${total} ${total === 1 ? 'condition' : 'conditions'}. Groups nest one level, in rules of 3 or more conditions.`}
        </span>
      </div>
    </div>`;
  }
}

if (!customElements.get('proactive-rule-builder')) customElements.define('proactive-rule-builder', ProactiveRuleBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-rule-builder': ProactiveRuleBuilder;
  }
}
