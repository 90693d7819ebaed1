/**
 * The admin's workspace views (canned responses, departments, tickets & leads with helpdesk teams
 * and webhooks) inside <proactive-admin>, in real Chromium against the real chat server that
 * web-test-runner starts. The server is shared with the other widget test files, so every record
 * made here carries this run's tag and is removed after each test. Waits poll; nothing sleeps.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import type { AppRouter } from '../../server/src/routers/app.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import type { ProactiveAdmin } from '../../widget/src/elements/proactive-admin/proactive-admin.js';
import '../../widget/src/admin.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  clientId,
  conversationOf,
  deepActiveElement,
  deepAll,
  deepMust,
  deepQuery,
  describe,
  expectAccessible,
  fill,
  it,
  NativeWebSocket,
  pick,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

const TOKEN_KEY = 'chat:operator:token';
/** In every shortcut, name and URL made here (a shortcut may hold letters, digits, "-" and "_"). */
const RUN = `ws${Date.now().toString(36)}`;

let chat: ChatInfo;
let op: Operator;
let serial = 0;
const mounted: ProactiveAdmin[] = [];
const cleanups: Array<() => unknown> = [];

const $ = deepQuery;
const must = deepMust;
const unique = (what: string) => `${RUN}-${what}-${++serial}`;

type View = 'canned' | 'departments' | 'tickets';

/** Mounts the admin and signs in (a stored token is cleared before each test); `view` opens that tab. */
async function openAdmin(view?: View): Promise<ProactiveAdmin> {
  const el = await fixture<ProactiveAdmin>(html`<proactive-admin server=${chat.wsUrl}></proactive-admin>`);
  mounted.push(el);
  await until(() => $(el, 'form.login'), 'the sign-in form');
  fill(must<HTMLInputElement>(el, '#email'), chat.operator.email);
  fill(must<HTMLInputElement>(el, '#password'), chat.operator.password);
  must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
  await until(() => $(el, 'nav.sections'), 'the admin top bar');
  if (view) {
    must(el, `nav.sections button[data-view="${view}"]`).click();
    await until(() => $(el, 'main h1') && textOf($(el, 'main h1')) !== 'Proactive messages', `the ${view} view`);
  }
  return el;
}

/**
 * Waits for focus to reach the element `selector` names: focus moves after the render that
 * follows a save. (Comparing elements with chai would dump both, with all they reference.)
 */
async function focusOn(el: ProactiveAdmin, selector: string, what: string): Promise<void> {
  await until(() => deepActiveElement() === $(el, selector), `focus on ${what}`);
}

const notice = (el: ProactiveAdmin) => deepAll(el, '.notice').map((n) => textOf(n)).find(Boolean) ?? '';
const records = (el: ProactiveAdmin, key: string) =>
  deepAll<HTMLLIElement>(el, `.records li.record`).filter((li) => li.querySelector(`[id^="${key}-"]`));
const shortcutsShown = (el: ProactiveAdmin) => deepAll(el, '.records .shortcut').map((c) => textOf(c));

async function loaded(el: ProactiveAdmin, key: string): Promise<void> {
  await until(() => $(el, `#${key}-add`) && !must<HTMLButtonElement>(el, `#${key}-add`).disabled, `the ${key} list to load`);
}

async function openNew(el: ProactiveAdmin, key: string): Promise<HTMLFormElement> {
  await loaded(el, key);
  must(el, `#${key}-add`).click();
  await until(() => $(el, `#${key}-form`), `the new ${key} form`);
  return must<HTMLFormElement>(el, `#${key}-form`);
}

const submit = (el: ProactiveAdmin, key: string) => must<HTMLButtonElement>(el, `#${key}-form button.save`).click();

/** A visitor of the demo site with its own socket, who writes so a conversation opens. */
async function visitorWrites(text: string): Promise<number> {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  cleanups.push(() => ws.close());
  const hello = await trpc.visitor.hello.mutate();
  token = hello.token ?? null;
  await trpc.visitor.send.mutate({ clientId: clientId(), text });
  return hello.visitorId;
}

/** Runs an operator command in a conversation; returns the link it posted (e.g. "/admin#tickets/3"). */
async function command(conversationId: number, text: string): Promise<string> {
  const posted = await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text });
  const url = posted.extras?.buttons?.[0]?.url;
  if (!url) throw new Error(`${text} posted no link: ${posted.text}`);
  return url;
}

/** Removes what this run made, whichever test made it and however far it got. */
async function removeOwn(): Promise<void> {
  const a = op.trpc.admin;
  const own = (s: string) => s.includes(RUN);
  for (const c of await a.canned.list.query()) if (own(c.shortcut)) await a.canned.remove.mutate({ id: c.id });
  for (const d of await a.departments.list.query()) if (own(d.name)) await a.departments.remove.mutate({ id: d.id });
  for (const t of await a.teams.list.query()) if (own(t.name)) await a.teams.remove.mutate({ id: t.id });
  for (const w of await a.webhooks.list.query()) if (own(w.url)) await a.webhooks.remove.mutate({ id: w.id });
}

describe('<proactive-admin> workspace views', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
  });

  after(() => {
    op?.close();
    localStorage.removeItem(TOKEN_KEY);
  });

  beforeEach(() => {
    localStorage.removeItem(TOKEN_KEY);
  });

  afterEach(async () => {
    for (const el of mounted.splice(0)) el.remove();
    for (const fn of cleanups.splice(0)) await fn();
    history.replaceState(null, '', location.pathname + location.search);
    await removeOwn();
  });

  describe('canned responses', () => {
    it('adds a response from the form and lists it as :shortcut with its text', async () => {
      const el = await openAdmin('canned');
      expect(textOf(must(el, 'main h1'))).to.equal('Canned responses');
      expect(must(el, 'nav.sections button[data-view="canned"]').getAttribute('aria-current')).to.equal('page');
      const form = await openNew(el, 'canned');
      const shortcut = must<HTMLInputElement>(el, '#canned-shortcut');
      await focusOn(el, '#canned-shortcut', 'the shortcut field');
      expect(textOf(form.querySelector('.affix .prefix')), 'the ":" before the field').to.equal(':');

      const name = unique('thanks');
      fill(shortcut, name);
      const text = 'Thanks for waiting, I am looking into it now.';
      fill(must<HTMLTextAreaElement>(el, '#canned-text'), text);
      await el.updateComplete;
      await until(() => textOf($(el, '#canned-text-count')) === `${text.length} / 1000`, 'the character counter to follow the text');
      await expectAccessible(el);

      submit(el, 'canned');
      await until(() => shortcutsShown(el).includes(`:${name}`), 'the new response in the list');
      expect(notice(el)).to.equal(`Canned response :${name} added`);
      expect($(el, '#canned-form'), 'the form closes').to.be.null;
      const row = records(el, 'canned').find((li) => textOf(li.querySelector('.shortcut')) === `:${name}`)!;
      expect(textOf(row.querySelector('.preview'))).to.equal(text);
      await focusOn(el, `#${row.querySelector('button.edit')!.id}`, "the new row's Edit button");
      expect(textOf(row.querySelector('button.edit'))).to.equal(`Edit :${name}`);

      const stored = (await op.trpc.admin.canned.list.query()).find((c) => c.shortcut === name);
      expect(stored?.text).to.equal(text);
    });

    it('shows the server’s error beside the shortcut for a space or a duplicate, keeping the typed text and the list', async () => {
      const taken = unique('hello');
      await op.trpc.admin.canned.create.mutate({ shortcut: taken, text: 'Hello! How can I help?' });
      const el = await openAdmin('canned');
      await until(() => shortcutsShown(el).includes(`:${taken}`), 'the existing response');
      const before = shortcutsShown(el);
      const serverBefore = (await op.trpc.admin.canned.list.query()).map((c) => c.id);

      await openNew(el, 'canned');
      const shortcut = must<HTMLInputElement>(el, '#canned-shortcut');
      const area = must<HTMLTextAreaElement>(el, '#canned-text');
      const spaced = `${RUN} bye`;
      fill(shortcut, spaced);
      fill(area, 'Goodbye, and thanks for visiting.');
      await el.updateComplete;
      expect(textOf($(el, '#canned-shortcut-hint')), 'a hint as soon as a space is typed').to.contain('Spaces are not allowed');

      submit(el, 'canned');
      await until(() => textOf($(el, '#canned-shortcut-error')), 'the server’s message beside the shortcut');
      expect(textOf($(el, '#canned-shortcut-error'))).to.equal('A shortcut may contain only letters, digits, "-" and "_", with no spaces');
      expect(shortcut.getAttribute('aria-invalid')).to.equal('true');
      expect(shortcut.getAttribute('aria-describedby')).to.contain('canned-shortcut-error');
      await focusOn(el, '#canned-shortcut', 'the field to fix');
      expect(shortcut.value, 'what was typed is kept').to.equal(spaced);
      expect(area.value).to.equal('Goodbye, and thanks for visiting.');
      expect(shortcutsShown(el), 'the list is unchanged').to.deep.equal(before);

      // Typing clears the message; a shortcut already used (whatever its case) is refused by the server.
      fill(shortcut, taken.toUpperCase());
      await el.updateComplete;
      expect(textOf($(el, '#canned-shortcut-error')), 'cleared while being fixed').to.equal('');
      submit(el, 'canned');
      await until(() => textOf($(el, '#canned-shortcut-error')), 'the duplicate refused');
      expect(textOf($(el, '#canned-shortcut-error'))).to.equal(`The shortcut ":${taken}" is already used`);
      expect(shortcut.value).to.equal(taken.toUpperCase());
      expect(area.value).to.equal('Goodbye, and thanks for visiting.');
      expect(shortcutsShown(el)).to.deep.equal(before);
      expect((await op.trpc.admin.canned.list.query()).map((c) => c.id), 'nothing stored').to.deep.equal(serverBefore);
      await expectAccessible(el);
    });

    it('edits a response in place and deletes one after a confirmation', async () => {
      const first = await op.trpc.admin.canned.create.mutate({ shortcut: unique('a'), text: 'First text' });
      const second = await op.trpc.admin.canned.create.mutate({ shortcut: unique('b'), text: 'Second text' });
      const el = await openAdmin('canned');
      await until(() => $(el, `#canned-edit-${first.id}`), 'the responses');

      must(el, `#canned-edit-${first.id}`).click();
      await until(() => $(el, `li.record.editing[data-id="${first.id}"] #canned-form`), 'the form in place of the row');
      const area = must<HTMLTextAreaElement>(el, '#canned-text');
      expect(area.value, 'the form starts from the stored text').to.equal('First text');
      expect(textOf($(el, '#canned-form-title'))).to.equal(`Edit :${first.shortcut}`);
      // Cancel leaves it as it was, with focus back on its Edit button.
      must(el, '#canned-form button.cancel').click();
      await until(() => !$(el, '#canned-form'), 'the form to close');
      await focusOn(el, `#canned-edit-${first.id}`, 'its Edit button');

      must(el, `#canned-edit-${first.id}`).click();
      await until(() => $(el, '#canned-form'), 'the form again');
      fill(must<HTMLTextAreaElement>(el, '#canned-text'), 'First text, edited');
      submit(el, 'canned');
      await until(() => textOf($(el, `li.record[data-id="${first.id}"] .preview`)) === 'First text, edited', 'the edited text in the list');
      expect(notice(el)).to.equal(`:${first.shortcut} saved`);
      await focusOn(el, `#canned-edit-${first.id}`, 'its Edit button');
      expect((await op.trpc.admin.canned.list.query()).find((c) => c.id === first.id)?.text).to.equal('First text, edited');

      // Delete asks first; Cancel keeps it.
      must(el, `#canned-delete-${first.id}`).click();
      const dialog = await (async () => {
        await until(() => $<HTMLDialogElement>(el, '#canned-confirm')?.open, 'the confirmation');
        return must<HTMLDialogElement>(el, '#canned-confirm');
      })();
      expect(textOf(dialog.querySelector('h2'))).to.equal(`Delete :${first.shortcut}?`);
      await focusOn(el, '#canned-confirm button.cancel', 'Cancel, the safe choice');
      (dialog.querySelector('button.cancel') as HTMLButtonElement).click();
      await until(() => !dialog.open, 'the dialog to close');
      expect(shortcutsShown(el)).to.include(`:${first.shortcut}`);
      await focusOn(el, `#canned-delete-${first.id}`, 'its Delete button');

      must(el, `#canned-delete-${first.id}`).click();
      await until(() => dialog.open, 'the confirmation again');
      (dialog.querySelector('button.confirm') as HTMLButtonElement).click();
      await until(() => !shortcutsShown(el).includes(`:${first.shortcut}`), 'the row to go');
      expect(notice(el)).to.equal(`:${first.shortcut} deleted`);
      expect(shortcutsShown(el)).to.include(`:${second.shortcut}`);
      await until(() => /^canned-edit-\d+$/.test(deepActiveElement()?.id ?? ''), 'focus on a neighbouring row');
      expect((await op.trpc.admin.canned.list.query()).some((c) => c.id === first.id), 'deleted on the server').to.equal(false);
    });
  });

  describe('departments', () => {
    it('creates a department with a member, renames it and deletes it', async () => {
      const el = await openAdmin('departments');
      await openNew(el, 'department');
      const name = unique('Billing');
      fill(must<HTMLInputElement>(el, '#department-name'), name);
      await until(() => $(el, `#department-member-${op.me.id}`), 'the operators as member checkboxes');
      const box = must<HTMLInputElement>(el, `#department-member-${op.me.id}`);
      expect(textOf(box.closest('label'))).to.contain(op.me.name);
      box.click();
      await el.updateComplete;
      await expectAccessible(el);
      submit(el, 'department');

      const rowOf = () => records(el, 'department').find((li) => textOf(li.querySelector('.record-title')) === name);
      await until(() => rowOf(), 'the new department in the list');
      expect(deepAll(rowOf()!, '.member').map((m) => textOf(m)), 'its members').to.deep.equal([op.me.name]);
      const stored = (await op.trpc.admin.departments.list.query()).find((d) => d.name === name)!;
      expect(stored.operatorIds).to.deep.equal([op.me.id]);

      // A name already used is refused beside the field, with the typed name kept.
      const other = unique('Sales');
      await op.trpc.admin.departments.create.mutate({ name: other, operatorIds: [] });
      must(el, `#department-edit-${stored.id}`).click();
      await until(() => $(el, '#department-form'), 'the rename form');
      const input = must<HTMLInputElement>(el, '#department-name');
      fill(input, other);
      submit(el, 'department');
      await until(() => textOf($(el, '#department-name-error')), 'the conflict');
      expect(textOf($(el, '#department-name-error'))).to.equal(`A department named "${other}" already exists`);
      expect(input.value).to.equal(other);

      const renamed = unique('Accounts');
      fill(input, renamed);
      submit(el, 'department');
      await until(() => records(el, 'department').some((li) => textOf(li.querySelector('.record-title')) === renamed), 'the new name');
      expect((await op.trpc.admin.departments.list.query()).find((d) => d.id === stored.id)?.name).to.equal(renamed);

      must(el, `#department-delete-${stored.id}`).click();
      await until(() => $<HTMLDialogElement>(el, '#department-confirm')?.open, 'the confirmation');
      must(el, '#department-confirm button.confirm').click();
      await until(() => !$(el, `li.record[data-id="${stored.id}"]`), 'the department to go');
      expect((await op.trpc.admin.departments.list.query()).some((d) => d.id === stored.id)).to.equal(false);
    });
  });

  describe('tickets & leads', () => {
    it('lists a ticket made with /ticket, and #tickets/<number> opens it expanded and in view', async () => {
      const said = `My checkout is broken (${RUN})`;
      const visitorId = await visitorWrites(said);
      const conversation = await conversationOf(op, visitorId);
      cleanups.push(() => op.trpc.operator.end.mutate({ conversationId: conversation.id }).catch(() => undefined));
      const title = `Broken checkout ${RUN}`;
      const ticketLink = await command(conversation.id, `/ticket ${title}`);
      expect(ticketLink).to.match(/^\/admin#tickets\/\d+$/);
      const number = Number(ticketLink.split('/').pop());

      // Opened from the operator's link: the address carries the ticket.
      history.replaceState(null, '', `#tickets/${number}`);
      const el = await openAdmin();
      await until(() => $(el, `#tickets-${number}-details`), 'the linked ticket opened');
      expect(textOf(must(el, 'main h1'))).to.equal('Tickets & leads');
      expect(must(el, 'nav.sections button[data-view="tickets"]').getAttribute('aria-current')).to.equal('page');

      const row = must<HTMLTableRowElement>(el, `#tickets-${number}`);
      const cells = [...row.children].map((c) => textOf(c));
      expect(cells[0]).to.equal(`#${number}`);
      expect(cells[1]).to.contain(title);
      expect(cells[5], 'created by').to.equal(op.me.name);
      const headers = deepAll(el, 'table.ticket-table thead th').map((th) => textOf(th));
      expect(headers).to.deep.equal(['Number', 'Title', 'Team', 'Assignee', 'Requester', 'Created by', 'Date']);
      expect(cells[4], 'the requester is the chat’s visitor').to.match(/^Visitor \d+/);

      const toggle = row.querySelector<HTMLButtonElement>('.row-toggle')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(textOf(must(el, `#tickets-${number}-details pre`)), 'the description is the transcript').to.contain(said);
      await focusOn(el, `#tickets-${number} .row-toggle`, 'the linked ticket');
      const box = row.getBoundingClientRect();
      expect(box.top >= 0 && box.bottom <= innerHeight, 'the linked row is scrolled into view').to.equal(true);
      await expectAccessible(el);

      // Clicking the row closes it, and opens it again.
      row.click();
      await until(() => !$(el, `#tickets-${number}-details`), 'the ticket to close');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      row.click();
      await until(() => $(el, `#tickets-${number}-details`), 'the ticket to open again');

      // A lead link followed while the admin is open.
      const leadLink = await command(conversation.id, `/lead Jane ${RUN}`);
      const lead = Number(leadLink.split('/').pop());
      location.hash = `#leads/${lead}`;
      await until(() => $(el, `#leads-${lead}-details`), 'the linked lead opened');
      expect(textOf(must(el, `#leads-${lead}`).children[1])).to.contain(`Jane ${RUN}`);
      expect(textOf(must(el, `#leads-${lead}-details pre`)), 'its notes are the transcript').to.contain(said);
    });

    it('adds a helpdesk team with a priority and a default assignee', async () => {
      const el = await openAdmin('tickets');
      await openNew(el, 'team');
      const name = unique('Support');
      fill(must<HTMLInputElement>(el, '#team-name'), name);
      fill(must<HTMLInputElement>(el, '#team-priority'), '');
      submit(el, 'team');
      await until(() => textOf($(el, '#team-priority-error')), 'an empty priority refused');
      fill(must<HTMLInputElement>(el, '#team-priority'), '100');
      await until(() => $(el, `#team-assignee option[value="${op.me.id}"]`), 'the operators to pick from');
      pick(must<HTMLSelectElement>(el, '#team-assignee'), String(op.me.id));
      submit(el, 'team');
      await until(() => records(el, 'team').some((li) => li.textContent?.includes(name)), 'the new team');
      const stored = (await op.trpc.admin.teams.list.query()).find((t) => t.name === name)!;
      expect(stored).to.include({ priority: 100, defaultAssigneeId: op.me.id });
      const row = must(el, `li.record[data-id="${stored.id}"]`);
      expect(textOf(row.querySelector('.record-sub'))).to.equal(`Priority 100 · Assigned to ${op.me.name}`);
    });

    it('creates a webhook and shows its secret once, with how to check the signature', async () => {
      const el = await openAdmin('tickets');
      await openNew(el, 'webhook');
      const url = `https://example.com/hooks/${RUN}`;
      const input = must<HTMLInputElement>(el, '#webhook-url');
      fill(input, 'ftp://example.com/x');
      submit(el, 'webhook');
      await until(() => textOf($(el, '#webhook-url-error')), 'a bad URL refused');
      expect(textOf($(el, '#webhook-url-error'))).to.equal('The URL must start with http:// or https://');
      expect(input.value).to.equal('ftp://example.com/x');

      fill(input, url);
      must<HTMLInputElement>(el, '#webhook-event-lead-created').click();
      submit(el, 'webhook');
      await until(() => $(el, '#webhook-secret'), 'the secret');
      const secret = must<HTMLInputElement>(el, '#webhook-secret').value;
      expect(secret).to.match(/^whsec_[A-Za-z0-9_-]{20,}$/);
      await focusOn(el, '#webhook-copy', 'Copy');
      const how = textOf(must(el, '.secret'));
      expect(how).to.contain('x-chat-signature').and.contain('sha256=').and.contain('<x-chat-timestamp>.<raw body>');
      await expectAccessible(el);

      const stored = (await op.trpc.admin.webhooks.list.query()).find((w) => w.url === url)!;
      expect(stored.events).to.deep.equal(['ticket.created']);
      expect(stored.secret, 'the server lists it masked').to.equal(`…${secret.slice(-4)}`);
      const row = must(el, `li.record[data-id="${stored.id}"]`);
      expect(textOf(row.querySelector('.masked'))).to.equal(`…${secret.slice(-4)}`);
      expect(row.textContent, 'the list never shows it whole').not.to.contain(secret);

      must(el, '.secret button.done').click();
      await until(() => !$(el, '#webhook-secret'), 'the secret to go');
      expect(deepAll(el, 'input').some((i) => (i as HTMLInputElement).value === secret), 'shown only once').to.equal(false);
      await focusOn(el, `#webhook-delete-${stored.id}`, "the webhook's Delete button");
    });
  });
});
