import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { CannedResponse } from '../../../../server/src/protocol/workspace.js';
import type { AdminSession, CannedFields } from '../../client/admin-session.js';
import { WORKSPACE_LIMITS as L, WORKSPACE_SECTIONS as S } from './labels.js';
import { NoticeController } from './notice-controller.js';
import { base } from './proactive-admin.styles.js';
import { records, RecordsController } from './records.js';

type Draft = { shortcut: string; text: string };

const valueOf = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;

/**
 * The account's canned responses: a list of `:shortcut` and the start of its text, a form to add
 * or edit one (the shortcut after a ":" adornment, the text with a character counter), and delete
 * after a confirmation. Typing a space in a shortcut shows a hint at once; whether a shortcut is
 * valid or already used is the server's call, and its message is shown beside the field with
 * what was typed kept.
 */
export class ProactiveCannedSettings extends LitElement {
  static override styles = [
    base,
    records,
    css`
      .canned {
        display: grid;
        gap: 16px;
        max-width: 880px;
      }
      .shortcut {
        justify-self: start;
        font-weight: 650;
        color: var(--accent-strong);
        background: var(--accent-soft);
      }
      .preview {
        font-size: 13px;
        color: var(--muted);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .affix {
        display: flex;
        align-items: stretch;
        max-width: 360px;
      }
      .affix .prefix {
        display: grid;
        place-items: center;
        padding: 0 10px;
        border: 1px solid var(--border-strong);
        border-inline-end: 0;
        border-radius: 8px 0 0 8px;
        background: var(--canvas);
        color: var(--muted);
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-weight: 700;
      }
      .affix input:not([type='checkbox']) {
        border-radius: 0 8px 8px 0;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        /* At 14px some monospace fonts (DejaVu Sans Mono) lose the underscore in a text field. */
        font-size: 15px;
      }
      textarea {
        min-height: 110px;
      }
    `,
  ];

  #notice = new NoticeController(this);
  #list = new RecordsController<CannedResponse, Draft>(this, {
    key: 'canned',
    load: () => this.#session().canned.list(),
    save: (id, d) => this.#session().canned.save(id, d satisfies CannedFields),
    remove: (id) => this.#session().canned.remove(id),
    blank: () => ({ shortcut: '', text: '' }),
    draftOf: (c) => ({ shortcut: c.shortcut, text: c.text }),
    label: (c) => `:${c.shortcut}`,
    fields: ['shortcut', 'text'],
    // A shortcut already in use comes back as a CONFLICT without field issues.
    fieldOf: (err) => (err.code === 'CONFLICT' ? 'shortcut' : null),
    notice: this.#notice,
    said: {
      created: (c) => `Canned response :${c.shortcut} added`,
      saved: (c) => `:${c.shortcut} saved`,
      removed: (c) => `:${c.shortcut} deleted`,
    },
  });

  @property({ attribute: false }) session?: AdminSession;

  /** The responses as last loaded; null until then. */
  get items(): CannedResponse[] | null {
    return this.#list.items;
  }

  /** The confirmation currently shown, if any. */
  get notice(): string {
    return this.#notice.text;
  }

  #session(): AdminSession {
    if (!this.session) throw new Error('<proactive-canned-settings> needs a session');
    return this.session;
  }

  #renderForm(d: Draft) {
    const list = this.#list;
    const id = (n: string) => list.id(n);
    const spaced = /\s/.test(d.shortcut.trim());
    // The server's message replaces the quick hint, so the field does not say the same thing twice.
    const warn = spaced && !list.errors.shortcut;
    const hint = warn ? 'Spaces are not allowed in a shortcut.' : 'Letters, digits, “-” and “_”.';
    const near = d.text.length > L.cannedText - 50;
    return html`<div class="field">
        <label for=${id('shortcut')}>Shortcut</label>
        <div class="affix">
          <span class="prefix" aria-hidden="true">:</span>
          <input
            id=${id('shortcut')}
            type="text"
            autocomplete="off"
            spellcheck="false"
            maxlength=${L.shortcut + 1}
            placeholder="refund"
            .value=${live(d.shortcut)}
            aria-invalid=${list.invalid('shortcut')}
            aria-describedby=${list.described('shortcut', id('shortcut-hint'))}
            @input=${(e: Event) => list.edit({ shortcut: valueOf(e) })}
          />
        </div>
        <p class="hint ${warn ? 'warn' : ''}" id=${id('shortcut-hint')}>${hint} Operators type <kbd>:${d.shortcut.trim() || 'shortcut'}</kbd> to insert it.</p>
        ${list.error('shortcut')}
      </div>
      <div class="field">
        <div class="label-row">
          <label for=${id('text')}>Text</label>
          <span class="counter ${near ? 'near' : ''}" id=${id('text-count')}>${d.text.length} / ${L.cannedText}</span>
        </div>
        <textarea
          id=${id('text')}
          rows="4"
          maxlength=${L.cannedText}
          placeholder="Your refund is on its way: it shows on your statement within 5 working days."
          .value=${live(d.text)}
          aria-invalid=${list.invalid('text')}
          aria-describedby=${list.described('text', id('text-count'))}
          @input=${(e: Event) => list.edit({ text: valueOf(e) })}
        ></textarea>
        ${list.error('text')}
      </div>`;
  }

  override render() {
    const list = this.#list;
    return html`<div class="canned">
      <section class="card section" aria-labelledby="canned-title">
        <div class="section-head">
          <div>
            <h2 id="canned-title">Responses${list.items ? html` <span class="counter">(${list.items.length})</span>` : nothing}</h2>
            <p>Shortcuts are unique in the account, whatever their case.</p>
          </div>
          ${list.renderAdd('Add response')}
        </div>
        ${list.render({
          label: S.canned.title,
          empty: html`<strong>No canned responses yet</strong>
            <p>
              Add the replies your operators write again and again. In a chat they type <kbd>:</kbd> in the composer to pick one from a list
              that filters as they type, or a whole <kbd>:shortcut</kbd> to insert its text.
            </p>`,
          item: (c) => html`<code class="shortcut record-title">:${c.shortcut}</code>
            <p class="preview">${c.text}</p>`,
          title: (c) => (c ? `Edit :${c.shortcut}` : 'New canned response'),
          form: (d) => this.#renderForm(d),
          confirm: () => 'Operators will no longer be offered it in the composer. This cannot be undone.',
        })}
      </section>
      <p class="notice" role="status">${this.#notice.text ? html`<span>${this.#notice.text}</span>` : nothing}</p>
    </div>`;
  }
}

if (!customElements.get('proactive-canned-settings')) customElements.define('proactive-canned-settings', ProactiveCannedSettings);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-canned-settings': ProactiveCannedSettings;
  }
}
