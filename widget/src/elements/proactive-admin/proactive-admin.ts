import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ProactiveAction, ProactiveMessage } from '../../../../server/src/protocol/proactive.js';
import { AdminError, AdminSession, type RowAction } from '../../client/admin-session.js';
import { ServerSessionController } from '../../controllers/server-session.js';
import './availability-settings.js';
import './business-hours.js';
import './canned-settings.js';
import './departments-settings.js';
import type { ChatAdminNavigateEvent, ChatEditorDoneEvent } from './events.js';
import { HashController } from './hash-controller.js';
import {
  alertIcon,
  copyIcon,
  dotsIcon,
  downIcon,
  editIcon,
  lockIcon,
  logoIcon,
  megaphoneIcon,
  pauseIcon,
  playIcon,
  plusIcon,
  signOutIcon,
  sortAscIcon,
  sortDescIcon,
  sortIcon,
  trashIcon,
  upIcon,
} from './icons.js';
import { ACTION_LABELS, AVAILABILITY_SECTIONS, initials, STATUS_LABELS, STATUS_RANK, WORKSPACE_SECTIONS } from './labels.js';
import './message-editor.js';
import type { ProactiveMessageEditor } from './message-editor.js';
import { NoticeController } from './notice-controller.js';
import { base, editor, shell } from './proactive-admin.styles.js';
import { recordLink, type RecordLink } from './tickets-view.js';
import './visit-simulator.js';

export type AdminView = 'messages' | 'editor' | 'simulator' | 'settings' | 'availability' | 'canned' | 'departments' | 'tickets';
type WorkspaceView = 'canned' | 'departments' | 'tickets';

const WORKSPACE_TAGS = {
  canned: (session: AdminSession) => html`<proactive-canned-settings .session=${session}></proactive-canned-settings>`,
  departments: (session: AdminSession) => html`<proactive-departments-settings .session=${session}></proactive-departments-settings>`,
  tickets: (session: AdminSession, target: RecordLink | null) =>
    html`<proactive-tickets-view .session=${session} .target=${target}></proactive-tickets-view>`,
} as const;
export type SortKey = 'position' | 'status' | 'sent' | 'read' | 'replied' | 'updated';
type SortDir = 'asc' | 'desc';

const ACTION_ICONS: Record<ProactiveAction, unknown> = {
  edit: editIcon,
  clone: copyIcon,
  publish: playIcon,
  pause: pauseIcon,
  resume: playIcon,
  delete: trashIcon,
};

const SORT_LABELS: Record<SortKey, string> = {
  position: 'Priority',
  status: 'Status',
  sent: 'Sent',
  read: 'Read',
  replied: 'Replied',
  updated: 'Updated',
};

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });

/** "just now", "5 minutes ago", "yesterday"; a date beyond a week. */
function when(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  if (Math.abs(s) < 45) return 'just now';
  const m = Math.round(s / 60);
  if (Math.abs(m) < 60) return relative.format(m, 'minute');
  const h = Math.round(m / 60);
  if (Math.abs(h) < 24) return relative.format(h, 'hour');
  const d = Math.round(h / 24);
  if (Math.abs(d) < 7) return relative.format(d, 'day');
  return shortDate.format(at);
}

const rate = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '');

/**
 * The marketer's admin for proactive messages: the prioritised list with its counters, row
 * actions and reordering; the editor with its rule builder and live preview; "test a visit";
 * the account's business hours; availability (holidays, meal times, the team, the cap,
 * categories, automatic messages); canned responses; departments; and tickets and leads with
 * the helpdesk teams and webhooks. An address like `#tickets/12` (the links operators get from
 * /ticket and /lead) opens that ticket in the Tickets & leads view. It opens its own connection
 * from the `server` attribute and signs in with the operator token the operator panel keeps, so
 * one sign-in serves both.
 * Operators without the admin role are told so.
 *
 * @fires chat-editor-done - (from the editor inside) when a message was saved or the editor closed
 * @csspart app - the outer frame
 * @csspart header - the top bar
 * @csspart login - the sign-in form
 * @csspart table - the list of messages
 * @cssprop --chat-accent - brand colour (primary buttons, active tab, preview)
 * @cssprop --chat-accent-contrast - text on the accent colour
 * @cssprop --chat-surface - background of cards
 * @cssprop --chat-canvas - background behind cards
 * @cssprop --chat-text - text colour
 * @cssprop --chat-muted - secondary text colour
 * @cssprop --chat-border - border colour
 * @cssprop --chat-font - font family
 */
export class ProactiveAdmin extends LitElement {
  static override styles = [base, shell, editor];

  #admin = new ServerSessionController(this, { server: () => this.server, open: (server) => new AdminSession({ server }) });
  #notice = new NoticeController(this);
  /** Operators' ticket and lead links (`/admin#tickets/12`) open the Tickets & leads view on that row. */
  #hash = new HashController(this, (hash) => {
    const link = recordLink(hash);
    if (!link) return;
    this.view = 'tickets';
    this.recordTarget = link;
    this.editing = null;
    this.menuFor = null;
  });

  /** WebSocket URL of the chat server, e.g. wss://chat.example.com/trpc. */
  @property() server = '';

  @state() private view: AdminView = 'messages';
  /** The message open in the editor; null for a new one. */
  @state() private editing: ProactiveMessage | null = null;
  @state() private sort: { key: SortKey; dir: SortDir } = { key: 'position', dir: 'asc' };
  /** The row whose action menu is open. */
  @state() private menuFor: number | null = null;
  @state() private confirmDelete: ProactiveMessage | null = null;
  @state() private actionError = '';
  @state() private busy: ReadonlySet<number> = new Set();
  /** The ticket or lead the page address names, shown opened in the Tickets & leads view. */
  @state() private recordTarget: RecordLink | null = null;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('#email') private emailInput?: HTMLInputElement;
  @query('#password') private passwordInput?: HTMLInputElement;

  /** Where focus goes after the delete dialog closes. */
  #afterDialog: (() => void) | null = null;

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const dialog = this.dialog;
    if (dialog && this.confirmDelete && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('.cancel')?.focus();
    } else if (dialog && !this.confirmDelete && dialog.open) {
      dialog.close();
    }
  }

  /** The session, for hosts and tests that want to read its state. */
  get session(): AdminSession | undefined {
    return this.#admin.session;
  }

  /** The confirmation currently shown ("“Welcome” is live"), if any. */
  get notice(): string {
    return this.#notice.text;
  }

  /** Shows one part of the admin, as the top bar does. */
  async show(view: Exclude<AdminView, 'editor'>): Promise<void> {
    this.view = view;
    this.menuFor = null;
    this.actionError = '';
    this.#notice.clear();
    // A tab leaves the linked ticket or lead behind, so the same link can be followed again.
    if (this.recordTarget) {
      this.recordTarget = null;
      this.#hash.clear();
    }
    if (view === 'messages') void this.session?.refresh();
    await this.updateComplete;
  }

  // --- handlers ------------------------------------------------------------------

  async #handleLogin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const session = this.session;
    if (!session || !this.emailInput || !this.passwordInput) return;
    const ok = await session.login(this.emailInput.value, this.passwordInput.value);
    await this.updateComplete;
    if (!ok) {
      this.passwordInput?.select();
      this.passwordInput?.focus();
    } else {
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  async #handleSignOut(): Promise<void> {
    this.view = 'messages';
    this.editing = null;
    this.menuFor = null;
    await this.session?.logout();
    await this.updateComplete;
    this.emailInput?.focus();
  }

  async #openEditor(m: ProactiveMessage | null): Promise<void> {
    this.editing = m;
    this.view = 'editor';
    this.menuFor = null;
    this.actionError = '';
    this.#notice.clear();
    await this.updateComplete;
    const ed = this.renderRoot.querySelector<ProactiveMessageEditor>('proactive-message-editor');
    await ed?.updateComplete;
    ed?.focusFirst();
  }

  async #handleEditorDone(e: ChatEditorDoneEvent): Promise<void> {
    const { saved, created } = e.detail;
    const back = saved ?? this.editing;
    this.view = 'messages';
    this.editing = null;
    if (saved) this.#notice.show(created ? `Draft “${saved.name}” created` : `“${saved.name}” saved`);
    await this.updateComplete;
    this.#focusRow(back?.id ?? null, '.name-link');
  }

  async #handleNavigate(e: ChatAdminNavigateEvent): Promise<void> {
    await this.show(e.detail.view);
    this.renderRoot.querySelector<HTMLElement>('main h1')?.focus();
  }

  #handleSort(key: SortKey): void {
    const same = this.sort.key === key;
    const dir: SortDir = same ? (this.sort.dir === 'asc' ? 'desc' : 'asc') : key === 'position' || key === 'status' ? 'asc' : 'desc';
    this.sort = { key, dir };
    this.menuFor = null;
  }

  async #handleMove(m: ProactiveMessage, by: -1 | 1): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.actionError = '';
    try {
      const moved = session.move(m.id, by);
      await this.updateComplete;
      this.#focusMove(m.id, by);
      await moved;
      const position = session.list?.messages.find((x) => x.id === m.id)?.position;
      if (position) this.#notice.show(`“${m.name}” moved to position ${position}`);
    } catch (err) {
      this.actionError = AdminError.from(err).message;
    }
  }

  /** Keeps focus on the moved row's button, or on its other move button once it reaches an end. */
  #focusMove(id: number, by: -1 | 1): void {
    const row = this.renderRoot.querySelector(`tr[data-id="${id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(by < 0 ? '.move-up' : '.move-down');
    const other = row?.querySelector<HTMLButtonElement>(by < 0 ? '.move-down' : '.move-up');
    (same && !same.disabled ? same : other)?.focus();
  }

  async #openMenu(m: ProactiveMessage, focus: 'first' | 'last' = 'first'): Promise<void> {
    this.menuFor = m.id;
    await this.updateComplete;
    const items = this.#menuItems();
    (focus === 'first' ? items[0] : items.at(-1))?.focus();
  }

  #menuItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.menu [role="menuitem"]')];
  }

  #closeMenu(focusButton: boolean): void {
    const id = this.menuFor;
    this.menuFor = null;
    if (focusButton && id !== null) void this.updateComplete.then(() => this.#focusRow(id, '.menu-button'));
  }

  #handleMenuButtonKeydown(e: KeyboardEvent, m: ProactiveMessage): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.#openMenu(m, e.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  #handleMenuKeydown(e: KeyboardEvent): void {
    const items = this.#menuItems();
    const i = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowDown') next = items[(i + 1) % items.length];
    else if (e.key === 'ArrowUp') next = items[(i - 1 + items.length) % items.length];
    else if (e.key === 'Home') next = items[0];
    else if (e.key === 'End') next = items.at(-1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.#closeMenu(true);
      return;
    } else if (e.key === 'Tab') {
      this.#closeMenu(false);
      return;
    } else return;
    e.preventDefault();
    next?.focus();
  }

  #handleMenuFocusOut(e: FocusEvent): void {
    const wrap = e.currentTarget as HTMLElement;
    if (!wrap.contains(e.relatedTarget as Node | null)) this.menuFor = null;
  }

  async #handleAction(m: ProactiveMessage, action: ProactiveAction): Promise<void> {
    this.menuFor = null;
    if (action === 'edit') return this.#openEditor(m);
    if (action === 'delete') {
      this.confirmDelete = m;
      this.#afterDialog = () => this.#focusRow(m.id, '.menu-button');
      return;
    }
    await this.#run(m, action);
    this.#focusRow(m.id, '.menu-button');
  }

  /** Runs a row action; says what happened, or why it did not. */
  async #run(m: ProactiveMessage, action: RowAction): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    this.actionError = '';
    this.busy = new Set([...this.busy, m.id]);
    try {
      await session.act(m.id, action);
      const said: Record<RowAction, string> = {
        publish: `“${m.name}” is live`,
        pause: `“${m.name}” is paused`,
        resume: `“${m.name}” is live again`,
        clone: `Copy of “${m.name}” created as a draft`,
        delete: `“${m.name}” deleted`,
      };
      this.#notice.show(said[action]);
      return true;
    } catch (err) {
      this.actionError = `${ACTION_LABELS[action]} “${m.name}”: ${AdminError.from(err).message}`;
      return false;
    } finally {
      const busy = new Set(this.busy);
      busy.delete(m.id);
      this.busy = busy;
      await this.updateComplete;
    }
  }

  async #handleConfirmDelete(): Promise<void> {
    const m = this.confirmDelete;
    if (!m) return;
    const rows = this.#sorted(this.session?.list?.messages ?? []);
    const i = rows.findIndex((r) => r.id === m.id);
    const neighbour = rows[i + 1] ?? rows[i - 1];
    const ok = await this.#run(m, 'delete');
    this.#afterDialog = ok
      ? () => (neighbour ? this.#focusRow(neighbour.id, '.menu-button') : this.renderRoot.querySelector<HTMLElement>('.new')?.focus())
      : () => this.#focusRow(m.id, '.menu-button');
    this.confirmDelete = null;
  }

  #handleDialogClose(): void {
    this.confirmDelete = null;
    const then = this.#afterDialog;
    this.#afterDialog = null;
    void this.updateComplete.then(() => then?.());
  }

  #focusRow(id: number | null, selector: string): void {
    const target = id !== null ? this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${id}"] ${selector}`) : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('.new'))?.focus();
  }

  // --- rendering -------------------------------------------------------------------

  #sorted(messages: ProactiveMessage[]): ProactiveMessage[] {
    const { key, dir } = this.sort;
    const value = (m: ProactiveMessage): number =>
      key === 'status' ? STATUS_RANK[m.status] : key === 'updated' ? m.updatedAt : key === 'position' ? m.position : m[key];
    const sign = dir === 'asc' ? 1 : -1;
    return [...messages].sort((a, b) => (value(a) - value(b)) * sign || a.position - b.position);
  }

  #renderLogin(session: AdminSession | undefined) {
    const error =
      session?.loginError === 'credentials'
        ? 'Wrong email or password.'
        : session?.loginError === 'offline'
          ? 'Cannot reach the server. Check your connection and try again.'
          : session?.loginError === 'expired'
            ? 'Your session has ended. Sign in again.'
            : session?.loginError
              ? 'Sign-in failed. Try again.'
              : '';
    const invalid = session?.loginError === 'credentials' ? 'true' : 'false';
    return html`<div class="center">
      <form class="card gate login" part="login" aria-labelledby="login-title" @submit=${this.#handleLogin}>
        <span class="brand-mark">${logoIcon}</span>
        <div>
          <h1 id="login-title">Sign in to the admin</h1>
          <p class="muted">Proactive messages, availability, canned responses, departments, tickets and leads. Use your operator account; it needs the admin role.</p>
        </div>
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" aria-invalid=${invalid} aria-describedby="login-error" />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" aria-invalid=${invalid} aria-describedby="login-error" />
        </div>
        <p id="login-error" class="alert" role="alert">${error ? html`${alertIcon}<span>${error}</span>` : nothing}</p>
        <button type="submit" class="primary wide" ?disabled=${!session || session.signingIn}>${session?.signingIn ? 'Signing in…' : 'Sign in'}</button>
        ${session && session.status !== 'online'
          ? html`<p class="conn" role="status"><span class="dot"></span>${session.status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}</p>`
          : nothing}
      </form>
    </div>`;
  }

  #renderForbidden(session: AdminSession) {
    const op = session.operator;
    return html`<div class="center">
      <section class="card gate forbidden" aria-labelledby="forbidden-title">
        <span class="lock">${lockIcon}</span>
        <div>
          <h1 id="forbidden-title" tabindex="-1">This page needs the admin role</h1>
          <p class="muted">
            You are signed in as ${op ? `${op.name} (${op.email})` : 'an operator'}, without the admin role. Proactive
            messages, availability and the workspace settings are managed by admins. Ask an admin of your account for access, or sign in with another
            account.
          </p>
        </div>
        <div class="gate-actions">
          <button type="button" class="secondary" @click=${this.#handleSignOut}>${signOutIcon}Sign in with another account</button>
        </div>
      </section>
    </div>`;
  }

  #renderHeader(session: AdminSession) {
    const name = session.operator?.name ?? '';
    const section = this.view === 'editor' ? 'messages' : this.view;
    const tab = (view: Exclude<AdminView, 'editor'>, label: string) =>
      html`<button type="button" aria-current=${section === view ? 'page' : 'false'} data-view=${view} @click=${() => this.show(view)}>${label}</button>`;
    const status = session.status;
    return html`<header class="topbar" part="header">
      <div class="brand"><span class="brand-mark">${logoIcon}</span><span>Live chat</span><span class="brand-sub">Admin</span></div>
      <nav class="sections" aria-label="Admin sections">
        ${tab('messages', 'Proactive messages')} ${tab('simulator', 'Test a visit')} ${tab('settings', 'Business hours')}
        ${tab('availability', AVAILABILITY_SECTIONS.page.title)} ${tab('canned', WORKSPACE_SECTIONS.canned.title)}
        ${tab('departments', WORKSPACE_SECTIONS.departments.title)} ${tab('tickets', WORKSPACE_SECTIONS.tickets.title)}
      </nav>
      <span class="spacer"></span>
      <p class="conn ${status}" role="status">
        <span class="dot"></span>${status === 'online' ? 'Online' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
      </p>
      <div class="me">
        <span class="avatar" aria-hidden="true">${initials(name)}</span>
        <span class="me-name"><span class="sr-only">Signed in as </span>${name}</span>
      </div>
      <button type="button" class="ghost signout" @click=${this.#handleSignOut}>${signOutIcon}Sign out</button>
    </header>`;
  }

  #renderSortHeader(key: SortKey, label: string, cls = '') {
    const active = this.sort.key === key;
    const ariaSort = active ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : nothing;
    const icon = !active ? sortIcon : this.sort.dir === 'asc' ? sortAscIcon : sortDescIcon;
    return html`<th scope="col" class=${cls} aria-sort=${ariaSort}>
      <button type="button" class="sort" data-sort=${key} title="Sort by ${SORT_LABELS[key].toLowerCase()}" @click=${() => this.#handleSort(key)}>
        ${label === SORT_LABELS[key] ? label : html`<span aria-hidden="true">${label}</span><span class="sr-only">${SORT_LABELS[key]}</span>`}<span class="sort-icon">${icon}</span>
      </button>
    </th>`;
  }

  #renderMenu(m: ProactiveMessage) {
    const open = this.menuFor === m.id;
    const items = m.actions;
    return html`<div class="menu-wrap" @focusout=${this.#handleMenuFocusOut}>
      <button
        type="button"
        class="icon-btn menu-button"
        id="menu-button-${m.id}"
        aria-label="Actions for ${m.name}"
        aria-haspopup="menu"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? `menu-${m.id}` : nothing}
        ?disabled=${this.busy.has(m.id)}
        @click=${() => (open ? this.#closeMenu(false) : this.#openMenu(m))}
        @keydown=${(e: KeyboardEvent) => this.#handleMenuButtonKeydown(e, m)}
      >
        ${dotsIcon}
      </button>
      ${open
        ? html`<div class="menu" role="menu" id="menu-${m.id}" aria-labelledby="menu-button-${m.id}" @keydown=${this.#handleMenuKeydown}>
            ${items.map(
              (a) => html`${a === 'delete' && items.length > 1 ? html`<div class="sep" role="separator"></div>` : nothing}
                <button type="button" role="menuitem" tabindex="-1" data-action=${a} class=${a === 'delete' ? 'destructive' : ''} @click=${() => this.#handleAction(m, a)}>
                  ${ACTION_ICONS[a]}${ACTION_LABELS[a]}
                </button>`,
            )}
          </div>`
        : nothing}
    </div>`;
  }

  #renderRow(m: ProactiveMessage, i: number, count: number, byPriority: boolean, now: number) {
    return html`<tr data-id=${m.id} data-status=${m.status}>
      <td class="order">
        <div class="order-cell">
          <span class="position"><span class="sr-only">Priority </span>${m.position}</span>
          ${byPriority
            ? html`<button type="button" class="icon-btn move move-up" aria-label="Move “${m.name}” up" title="Move up" ?disabled=${i === 0} @click=${() => this.#handleMove(m, -1)}>${upIcon}</button>
                <button type="button" class="icon-btn move move-down" aria-label="Move “${m.name}” down" title="Move down" ?disabled=${i === count - 1} @click=${() => this.#handleMove(m, 1)}>${downIcon}</button>`
            : nothing}
        </div>
      </td>
      <td class="name-cell">
        <button type="button" class="name-link" @click=${() => this.#openEditor(m)}>${m.name}</button>
        ${m.status === 'error' && m.error
          ? html`<p class="row-error">${alertIcon}<span>${m.error}</span></p>`
          : html`<p class="row-sub">${m.text}</p>`}
      </td>
      <td><span class="pill ${m.status}">${STATUS_LABELS[m.status]}</span></td>
      <td class="channel col-channel">${m.siteName}</td>
      <td class="num sent col-sent">${m.sent}</td>
      <td class="num read col-read">${m.read}<span class="rate">${rate(m.read, m.sent)}</span></td>
      <td class="num replied col-replied">${m.replied}<span class="rate">${rate(m.replied, m.sent)}</span></td>
      <td class="updated col-updated"><time datetime=${new Date(m.updatedAt).toISOString()} title=${dateFormat.format(m.updatedAt)}>${when(m.updatedAt, now)}</time></td>
      <td class="actions-cell">${this.#renderMenu(m)}</td>
    </tr>`;
  }

  #renderList(session: AdminSession) {
    const list = session.list;
    const atLimit = session.atLimit;
    const head = html`<div class="page-head">
      <div>
        <h1 tabindex="-1">Proactive messages</h1>
        <p>Bubbles shown above the launcher when a visitor matches the rules. The list is the priority order: when several messages match, the first one wins.</p>
      </div>
      <div class="head-actions">
        ${list
          ? html`<div class="quota">
              <span><span class="quota-count">${list.count} / ${list.limit}</span> messages</span>
              <progress class=${atLimit ? 'full' : ''} max=${list.limit} value=${list.count} aria-label="Messages used of the account's limit"></progress>
            </div>`
          : nothing}
        <button type="button" class="primary new" ?disabled=${!list || atLimit} aria-describedby=${atLimit ? 'limit-note' : nothing} @click=${() => this.#openEditor(null)}>
          ${plusIcon}New message
        </button>
      </div>
    </div>`;
    if (!list) {
      return html`${head}
        ${session.listError
          ? html`<div class="alert" role="alert">${alertIcon}<span>${session.listError}</span>
              <button type="button" class="link" @click=${() => session.refresh()}>Try again</button></div>`
          : html`<div class="loading" role="status"><span class="spinner"></span>Loading messages…</div>`}`;
    }
    const rows = this.#sorted(list.messages);
    const byPriority = this.sort.key === 'position' && this.sort.dir === 'asc';
    const now = Date.now();
    return html`${head}
      ${atLimit
        ? html`<p class="limit-note" id="limit-note">This account has reached its limit of ${list.limit} messages. Delete a message to create a new one.</p>`
        : nothing}
      <div class="alert action-error" role="alert">${this.actionError ? html`${alertIcon}<span>${this.actionError}</span>` : nothing}</div>
      ${rows.length
        ? html`<div class="card" part="table">
            ${byPriority
              ? nothing
              : html`<p class="sort-note">
                  Sorted by ${SORT_LABELS[this.sort.key].toLowerCase()}. Reorder in priority order.
                  <button type="button" class="link" @click=${() => (this.sort = { key: 'position', dir: 'asc' })}>Show priority order</button>
                </p>`}
            <table>
              <caption class="sr-only">Proactive messages. Priority order decides which one is shown when several match.</caption>
              <thead>
                <tr>
                  ${this.#renderSortHeader('position', '#', 'order')}
                  <th scope="col">Name</th>
                  ${this.#renderSortHeader('status', 'Status')}
                  <th scope="col" class="col-channel">Channel</th>
                  ${this.#renderSortHeader('sent', 'Sent', 'num col-sent')}
                  ${this.#renderSortHeader('read', 'Read', 'num col-read')}
                  ${this.#renderSortHeader('replied', 'Replied', 'num col-replied')}
                  ${this.#renderSortHeader('updated', 'Updated', 'col-updated')}
                  <th scope="col" class="actions-cell"><span class="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  rows,
                  (m) => m.id,
                  (m, i) => this.#renderRow(m, i, rows.length, byPriority, now),
                )}
              </tbody>
            </table>
          </div>`
        : html`<div class="card empty">
            <span class="illustration">${megaphoneIcon}</span>
            <h2>No proactive messages yet</h2>
            <p class="muted">Greet visitors on your pricing page, help them at checkout, welcome them back.</p>
            <button type="button" class="primary" @click=${() => this.#openEditor(null)}>${plusIcon}Create your first message</button>
          </div>`}`;
  }

  #renderDialog() {
    const m = this.confirmDelete;
    return html`<dialog aria-labelledby="delete-title" aria-describedby="delete-text" @close=${this.#handleDialogClose}>
      ${m
        ? html`<div class="dialog-body">
              <h2 id="delete-title">Delete “${m.name}”?</h2>
              <p id="delete-text" class="muted">
                ${m.status === 'live' ? 'It is live: visitors will stop seeing it at once. ' : ''}Its counters go with it. This cannot be undone.
              </p>
            </div>
            <div class="dialog-actions">
              <button type="button" class="secondary cancel" @click=${() => (this.confirmDelete = null)}>Cancel</button>
              <button type="button" class="danger confirm" ?disabled=${this.busy.has(m.id)} @click=${this.#handleConfirmDelete}>${trashIcon}Delete</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  #renderWorkspace(session: AdminSession, view: WorkspaceView) {
    const { title, help } = WORKSPACE_SECTIONS[view];
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${title}</h1>
          <p>${help}</p>
        </div>
      </div>
      ${WORKSPACE_TAGS[view](session, this.recordTarget)}`;
  }

  #renderView(session: AdminSession) {
    switch (this.view) {
      case 'editor':
        return html`<proactive-message-editor
          .session=${session}
          .message=${this.editing}
          .list=${session.list}
          @chat-editor-done=${this.#handleEditorDone}
        ></proactive-message-editor>`;
      case 'simulator':
        return html`<div class="page-head">
            <div>
              <h1 tabindex="-1">Test a visit</h1>
              <p>Describe a visit and see which live message would be shown, and why the others would not.</p>
            </div>
          </div>
          <proactive-visit-simulator .session=${session} .list=${session.list}></proactive-visit-simulator>`;
      case 'settings':
        return html`<div class="page-head">
            <div>
              <h1 tabindex="-1">Business hours</h1>
              <p>When your team is open, for messages scheduled in or outside business hours.</p>
            </div>
          </div>
          <proactive-business-hours .session=${session}></proactive-business-hours>`;
      case 'availability':
        return html`<div class="page-head">
            <div>
              <h1 tabindex="-1">${AVAILABILITY_SECTIONS.page.title}</h1>
              <p>${AVAILABILITY_SECTIONS.page.help}</p>
            </div>
          </div>
          <proactive-availability-settings
            .session=${session}
            @chat-admin-navigate=${(e: ChatAdminNavigateEvent) => this.#handleNavigate(e)}
          ></proactive-availability-settings>`;
      case 'canned':
      case 'departments':
      case 'tickets':
        return this.#renderWorkspace(session, this.view);
      default:
        return this.#renderList(session);
    }
  }

  override render() {
    const session = this.session;
    let body;
    if (!session || session.auth === 'signed-out') body = this.#renderLogin(session);
    else if (session.auth === 'checking') body = html`<div class="center"><p class="loading" role="status"><span class="spinner"></span>Checking your session…</p></div>`;
    else if (session.auth === 'forbidden') body = this.#renderForbidden(session);
    else {
      body = html`${this.#renderHeader(session)}
        <main>${this.#renderView(session)}</main>
        ${this.#renderDialog()}`;
    }
    return html`<div class="app" part="app">
      ${body}
      <p class="notice" role="status">${this.#notice.text
        ? html`<span>${this.#notice.text}</span>`
        : nothing}</p>
    </div>`;
  }
}
