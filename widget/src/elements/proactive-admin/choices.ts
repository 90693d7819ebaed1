/** Radio choices with a label and a hint each, as the admin's forms show them. */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint: string;
}

/** The radio group's options; the caller wraps them in a fieldset with its legend. */
export function choices<T extends string>(name: string, options: ReadonlyArray<Choice<T>>, value: T, set: (v: T) => void, cols = false) {
  return html`<div class="choices ${cols ? 'cols' : ''}">
    ${options.map(
      (o) => html`<label class="choice">
        <input type="radio" name=${name} value=${o.value} .checked=${live(value === o.value)} @change=${() => set(o.value)} />
        <span class="choice-text"><span class="choice-label">${o.label}</span><span class="hint">${o.hint}</span></span>
      </label>`,
    )}
  </div>`;
}
