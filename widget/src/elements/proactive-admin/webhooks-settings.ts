import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Webhook } from '../../../../server/src/protocol/workspace.js';
import type { AdminSession } from '../../client/admin-session.js';
import { checkIcon, copyIcon } from './icons.js';
import { dateTime, WEBHOOK_EVENT_LABELS, WORKSPACE_LIMITS as L, WORKSPACE_SECTIONS as S } from './labels.js';
import { NoticeController } from './notice-controller.js';
import { base } from './proactive-admin.styles.js';
import { records, RecordsController } from './records.js';

type WebhookEvent = Webhook['events'][number];
type Draft = { url: string; events: WebhookEvent[] };

const EVENTS = Object.keys(WEBHOOK_EVENT_LABELS) as WebhookEvent[];

/**
 * The account's outgoing webhooks: a URL and the events it receives (ticket.created,
 * lead.created). A new webhook's signing secret is shown once, with a copy button and how a
 * receiver checks the `x-chat-signature` header; afterwards the list shows its last characters
 * only. Webhooks are added and removed, not edited: a changed URL is a new webhook with a new secret.
 */
export class ProactiveWebhooksSettings extends LitElement {
  static override styles = [
    base,
    records,
    css`
      .events {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 18px;
      }
      .event {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12.5px;
      }
      .url {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 13px;
      }
      .secret {
        display: grid;
        gap: 12px;
        padding: 16px;
        border: 1px solid #b2dfbf;
        border-radius: 10px;
        background: var(--success-soft);
      }
      .secret h3 {
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      .secret-row {
        display: flex;
        gap: 8px;
      }
      .secret-row input:not([type='checkbox']) {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        /* At 14px some monospace fonts (DejaVu Sans Mono) lose the underscore in a text field. */
        font-size: 15px;
        background: var(--surface);
      }
      .secret-actions {
        display: flex;
        align-items: center;
        gap: 12px;
      }
      .copied {
        color: var(--success);
        font-weight: 600;
        font-size: 13px;
      }
      .copied:empty {
        display: none;
      }
      .how {
        display: grid;
        gap: 8px;
        font-size: 13px;
      }
      details.how-details {
        border: 1px solid var(--border);
        border-radius: 10px;
        background: var(--sunken);
        padding: 10px 12px;
      }
      details.how-details summary {
        cursor: pointer;
        font-weight: 600;
      }
      details.how-details[open] summary {
        margin-bottom: 8px;
      }
      pre {
        margin: 0;
        padding: 10px 12px;
        border-radius: 8px;
        background: #1d2230;
        color: #e9ecf5;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12px;
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  #notice = new NoticeController(this);
  #list = new RecordsController<Webhook, Draft>(this, {
    key: 'webhook',
    load: () => this.#session().webhooks(),
    save: async (_id, d) => {
      const created = await this.#session().createWebhook({ url: d.url, events: d.events });
      this.created = created;
      this.copied = '';
      return created;
    },
    remove: (id) => this.#session().removeWebhook(id),
    blank: () => ({ url: '', events: [...EVENTS] }),
    draftOf: (w) => ({ url: w.url, events: [...w.events] }),
    label: (w) => `the webhook to ${w.url}`,
    fields: ['url', 'events'],
    // A URL the server cannot use is refused with a BAD_REQUEST that names it, without field issues.
    fieldOf: (err) => (err.code === 'BAD_REQUEST' && /URL/.test(err.message) ? 'url' : null),
    afterSave: () => '#webhook-copy',
    editable: false,
    notice: this.#notice,
    said: {
      created: (w) => `Webhook to ${w.url} added`,
      saved: (w) => `Webhook to ${w.url} saved`,
      removed: (w) => `Webhook to ${w.url} removed`,
    },
  });

  @property({ attribute: false }) session?: AdminSession;

  /** The webhook just created, with its whole secret, until the marketer is done with it. */
  @state() private created: Webhook | null = null;
  @state() private copied = '';

  /** The confirmation currently shown, if any. */
  get notice(): string {
    return this.#notice.text;
  }

  #session(): AdminSession {
    if (!this.session) throw new Error('<proactive-webhooks-settings> needs a session');
    return this.session;
  }

  async #handleCopy(): Promise<void> {
    const secret = this.created?.secret;
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = 'Copied to the clipboard';
    } catch {
      // No clipboard access (an insecure page, or permission refused): select it for a manual copy.
      const input = this.renderRoot.querySelector<HTMLInputElement>('#webhook-secret');
      input?.focus();
      input?.select();
      this.copied = 'Selected: press Ctrl+C (⌘C on a Mac) to copy';
    }
  }

  async #handleDone(): Promise<void> {
    const id = this.created?.id;
    this.created = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#webhook-delete-${id}`)?.focus();
  }

  #toggleEvent(d: Draft, event: WebhookEvent, on: boolean): void {
    const set = new Set(d.events);
    if (on) set.add(event);
    else set.delete(event);
    this.#list.edit({ events: EVENTS.filter((e) => set.has(e)) });
  }

  #renderHow() {
    return html`<div class="how">
      <p>
        Each delivery is a POST with a JSON body and the headers <code>x-chat-event</code>, <code>x-chat-delivery</code> (the same id on
        every retry: drop repeats), <code>x-chat-timestamp</code> (milliseconds since 1970, new on every attempt) and
        <code>x-chat-signature</code>.
      </p>
      <p>
        The signature is <code>sha256=</code> followed by the hex HMAC-SHA256, keyed with the secret, of
        <code>&lt;x-chat-timestamp&gt;.&lt;raw body&gt;</code>: the timestamp, a dot and the body exactly as received, before any JSON
        parsing. Compute it yourself, compare in constant time, and refuse old timestamps so a captured request cannot be replayed.
      </p>
      <p>In Node.js, with <code>rawBody</code> the body as received:</p>
      <pre>
const signature = String(req.headers['x-chat-signature']);
const expected = 'sha256=' + crypto.createHmac('sha256', secret)
  .update(req.headers['x-chat-timestamp'] + '.' + rawBody).digest('hex');
const ok = signature.length === expected.length &&
  crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));</pre
      >
    </div>`;
  }

  #renderSecret(w: Webhook) {
    return html`<section class="secret" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title">Signing secret of the webhook to ${w.url}</h3>
      <p>Copy it now and keep it with the receiver: it is shown only this once. Later the list shows its last 4 characters only.</p>
      <div class="secret-row">
        <label class="sr-only" for="webhook-secret">Signing secret</label>
        <input id="webhook-secret" type="text" readonly spellcheck="false" .value=${w.secret} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="primary" id="webhook-copy" @click=${this.#handleCopy}>${copyIcon}Copy<span class="sr-only"> the secret</span></button>
      </div>
      ${this.#renderHow()}
      <div class="secret-actions">
        <button type="button" class="secondary done" @click=${this.#handleDone}>${checkIcon}Done, I have stored it</button>
        <p class="copied" role="status">${this.copied}</p>
      </div>
    </section>`;
  }

  #renderForm(d: Draft) {
    const list = this.#list;
    const id = list.id.bind(list);
    return html`<div class="field">
        <label for=${id('url')}>URL</label>
        <input
          id=${id('url')}
          type="url"
          autocomplete="off"
          spellcheck="false"
          maxlength=${L.url}
          placeholder="https://helpdesk.example.com/hooks/chat"
          .value=${live(d.url)}
          aria-invalid=${list.invalid('url')}
          aria-describedby=${list.described('url', id('url-hint'))}
          @input=${(e: Event) => list.edit({ url: (e.target as HTMLInputElement).value })}
        />
        <p class="hint" id=${id('url-hint')}>http:// or https://, without a user name or password.</p>
        ${list.error('url')}
      </div>
      <fieldset class="field">
        <legend class="label">Events</legend>
        <div class="events">
          ${EVENTS.map(
            (ev) => html`<label class="check">
              <input
                type="checkbox"
                id=${id(`event-${ev.replace('.', '-')}`)}
                .checked=${live(d.events.includes(ev))}
                aria-describedby=${list.described('events')}
                @change=${(e: Event) => this.#toggleEvent(d, ev, (e.target as HTMLInputElement).checked)}
              />
              <span><span class="event">${ev}</span> <span class="muted">${WEBHOOK_EVENT_LABELS[ev]}</span></span>
            </label>`,
          )}
        </div>
        ${list.error('events')}
      </fieldset>`;
  }

  override render() {
    const list = this.#list;
    return html`<section class="card section" aria-labelledby="webhooks-title">
        <div class="section-head">
          <div>
            <h2 id="webhooks-title">${S.webhooks.title}</h2>
            <p>${S.webhooks.help}</p>
          </div>
          ${list.renderAdd('Add webhook')}
        </div>
        ${this.created
          ? this.#renderSecret(this.created)
          : html`<details class="how-details">
              <summary>How a receiver checks a delivery</summary>
              ${this.#renderHow()}
            </details>`}
        ${list.render({
          label: S.webhooks.title,
          empty: html`<strong>No webhooks</strong>
            <p>Tickets and leads stay in this admin only. Add a webhook to send them to your helpdesk or CRM as they are created.</p>`,
          item: (w) => html`<span class="record-title url">${w.url}</span>
            <p class="record-sub">
              ${w.events.map((e) => html`<code>${e}</code> `)} · Secret <code class="masked">${w.secret}</code> · Added
              ${dateTime.format(w.createdAt)}
            </p>`,
          title: () => 'New webhook',
          form: (d) => this.#renderForm(d),
          confirm: () => 'Tickets and leads created from now on are no longer sent there. This cannot be undone.',
        })}
      </section>
      <p class="notice" role="status">${this.#notice.text ? html`<span>${this.#notice.text}</span>` : nothing}</p>`;
  }
}

if (!customElements.get('proactive-webhooks-settings')) customElements.define('proactive-webhooks-settings', ProactiveWebhooksSettings);

declare global {
  interface HTMLElementTagNameMap {
    'proactive-webhooks-settings': ProactiveWebhooksSettings;
  }
}
