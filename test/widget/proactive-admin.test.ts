/**
 * <proactive-admin> in real Chromium against the real chat server that web-test-runner starts
 * (see web-test-runner.config.mjs). The server is shared with the other widget test files, so
 * every test works on messages it creates under a unique name, asserts counts relative to the
 * server's, and deletes what it made. Waits poll (waitUntil); nothing sleeps.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ws } from 'msw';
import { setupWorker } from 'msw/browser';
import type { ProactiveFieldsInput, ProactiveMessage } from '../../server/src/protocol/proactive.js';
import type { ProactiveAdmin } from '../../widget/src/elements/proactive-admin/proactive-admin.js';
import '../../widget/src/admin.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  deepActiveElement,
  deepAll,
  deepMust,
  deepQuery,
  describe,
  fill,
  pick,
  expectAccessible,
  it,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

const TOKEN_KEY = 'chat:operator:token';
/** Unique to this run, in every name and URL this file creates, so cleanup finds exactly its own. */
const RUN = `wtr-admin-${Date.now().toString(36)}`;
const STARTERS = ['Pricing page welcome', 'Help at checkout', 'Returning visitor'];

let chat: ChatInfo;
let op: Operator;
let siteId: number;
let serial = 0;
const mounted: ProactiveAdmin[] = [];

// --- helpers -------------------------------------------------------------------

const $ = deepQuery;
const must = deepMust;

const uniqueName = (what: string) => `${RUN} ${what} ${++serial}`;

const choose = pick;

async function mount(): Promise<ProactiveAdmin> {
  const el = await fixture<ProactiveAdmin>(html`<proactive-admin server=${chat.wsUrl}></proactive-admin>`);
  mounted.push(el);
  return el;
}

async function signIn(el: ProactiveAdmin): Promise<void> {
  await until(() => $(el, 'form.login'), 'the sign-in form');
  fill(must<HTMLInputElement>(el, '#email'), chat.operator.email);
  fill(must<HTMLInputElement>(el, '#password'), chat.operator.password);
  must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
  await listShown(el);
}

const listShown = (el: ProactiveAdmin) => until(() => $(el, 'table tbody tr'), 'the list of messages');

async function signedIn(): Promise<ProactiveAdmin> {
  const el = await mount();
  await signIn(el);
  return el;
}

const row = (el: ProactiveAdmin, id: number) => $<HTMLTableRowElement>(el, `tr[data-id="${id}"]`);
const rowNamed = (el: ProactiveAdmin, name: string) =>
  deepAll<HTMLTableRowElement>(el, 'tbody tr').find((tr) => textOf(tr.querySelector('.name-link')) === name) ?? null;
const statusOf = (tr: Element | null) => textOf(tr?.querySelector('.pill'));
const menuActions = (el: ProactiveAdmin) => deepAll(el, '[role="menuitem"]').map((b) => b.dataset.action);
/** Ids of the rows on screen, top to bottom. */
const shownIds = (el: ProactiveAdmin) => deepAll(el, 'tbody tr[data-id]').map((tr) => Number(tr.dataset.id));

async function serverList() {
  return op.trpc.admin.proactive.list.query();
}

/** Creates a message through the API (as another admin would), optionally publishing it. */
async function createMessage(over: Partial<ProactiveFieldsInput> = {}, status: 'draft' | 'live' | 'paused' = 'draft'): Promise<ProactiveMessage> {
  const m = await op.trpc.admin.proactive.create.mutate({
    name: uniqueName('api'),
    siteId,
    text: 'Hello from the tests',
    rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: `/${RUN}/nowhere` }] },
    ...over,
  });
  if (status === 'draft') return m;
  const live = await op.trpc.admin.proactive.publish.mutate({ id: m.id });
  return status === 'paused' ? op.trpc.admin.proactive.pause.mutate({ id: m.id }) : live;
}

/** Puts these messages first in the account's order, keeping the others after them. */
async function putFirst(ids: number[]): Promise<void> {
  const rest = (await serverList()).messages.map((m) => m.id).filter((id) => !ids.includes(id));
  await op.trpc.admin.proactive.reorder.mutate({ ids: [...ids, ...rest] });
}

async function pressOn(target: HTMLElement, key: string): Promise<void> {
  target.focus();
  await sendKeys({ press: key });
}

// --- tests -------------------------------------------------------------------------

describe('<proactive-admin>', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
    const list = await serverList();
    siteId = list.sites[0]!.id;
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
    // Whatever this file created (clones included) goes, so the 140 limit and other files are untouched.
    const { messages } = await serverList();
    for (const m of messages.filter((x) => x.name.includes(RUN))) await op.trpc.admin.proactive.remove.mutate({ id: m.id });
  });

  it('signs in with the operator login and lists the starter drafts with the account count out of 140', async () => {
    const el = await mount();
    await until(() => $(el, 'form.login'), 'the sign-in form');
    expect(textOf(must<HTMLInputElement>(el, '#email').labels?.[0])).to.equal('Email');
    await expectAccessible(el);

    fill(must<HTMLInputElement>(el, '#email'), chat.operator.email);
    fill(must<HTMLInputElement>(el, '#password'), 'not the password');
    must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
    await until(() => textOf($(el, '#login-error')).includes('Wrong email or password'), 'the wrong-password error');
    expect(localStorage.getItem(TOKEN_KEY)).to.be.null;

    fill(must<HTMLInputElement>(el, '#password'), chat.operator.password);
    must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
    await listShown(el);
    expect(localStorage.getItem(TOKEN_KEY), 'the token is kept under the key the operator panel uses').to.be.a('string');

    const server = await serverList();
    expect(server.limit).to.equal(140);
    await until(() => textOf($(el, '.quota-count')) === `${server.count} / 140`, `the count "${server.count} / 140"`);
    for (const name of STARTERS) {
      const tr = rowNamed(el, name);
      expect(tr, `starter draft "${name}" is listed`).to.not.be.null;
      const stored = server.messages.find((m) => m.name === name)!;
      expect(statusOf(tr), `the status of "${name}" as stored`).to.equal({ draft: 'Draft', live: 'Live', paused: 'Paused', error: 'Error' }[stored.status]);
    }
    expect(shownIds(el), 'rows in the server order').to.deep.equal(server.messages.map((m) => m.id));
    const headers = deepAll(el, 'thead th').map((th) => textOf(th));
    expect(headers.slice(1, 8)).to.deep.equal(['Name', 'Status', 'Channel', 'Sent', 'Read', 'Replied', 'Updated']);
    await expectAccessible(el);

    // A second page load finds the stored token and skips the sign-in form.
    el.remove();
    const again = await mount();
    await listShown(again);
    expect($(again, 'form.login')).to.be.null;
  });

  it('creates a message in the editor: live preview, tags, a rule whose nesting the server refuses until it has 3 conditions', async () => {
    const el = await signedIn();
    const before = (await serverList()).count;
    const name = uniqueName('editor');

    await pressOn(must(el, 'button.new'), 'Enter');
    await until(() => $(el, 'proactive-message-editor') && $(el, '#name'), 'the editor');
    expect(deepActiveElement()?.id, 'focus starts on the name').to.equal('name');
    await sendKeys({ type: name });

    const text = 'Shipping is free this week. Questions?';
    fill(must<HTMLTextAreaElement>(el, '#text'), text);
    await until(() => textOf($(el, '.bubble-text')) === text, 'the preview bubble to show the text');
    expect(textOf($(el, '#text-count'))).to.equal(`${text.length} / 300`);
    expect(textOf($(el, '.bubble-sender')), 'the preview shows a sender').to.not.equal('');

    must<HTMLInputElement>(el, 'input[name="capture"][value="nameEmail"]').click();
    await until(() => deepAll(el, '.capture .fake-input').length === 2, 'the capture form preview to ask for name and email');
    fill(must<HTMLTextAreaElement>(el, '#followUp'), 'Thanks, we will write soon.');

    const tags = must<HTMLInputElement>(el, '#tags');
    tags.focus();
    await sendKeys({ type: 'promo' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'spring,' });
    await until(() => deepAll(el, '.chip').length === 2, 'two tag chips');
    expect(deepAll(el, '.chip').map((c) => textOf(c))).to.deep.equal(['promo', 'spring']);

    // Rule: one condition, match any, then a group: 2 conditions in all.
    must(el, '#add-condition').click();
    await until(() => $(el, '#f-0'), 'the first condition');
    expect(deepActiveElement()?.id, 'focus moves to the new condition').to.equal('f-0');
    choose(must<HTMLSelectElement>(el, '#o-0'), 'contains');
    fill(must<HTMLInputElement>(el, '#v-0'), `/${RUN}/sale`);
    choose(must<HTMLSelectElement>(el, '#match'), 'any');

    must(el, '#add-group').click();
    await until(() => $(el, '#f-1-0'), 'the group and its first condition');
    // The operators follow the field, and the value input its type.
    choose(must<HTMLSelectElement>(el, '#f-1-0'), 'timeOnPage');
    await until(() => must<HTMLSelectElement>(el, '#o-1-0').options.length === 6, 'the number operators');
    expect([...must<HTMLSelectElement>(el, '#o-1-0').options].map((o) => o.value)).to.deep.equal(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
    expect(must<HTMLInputElement>(el, '#v-1-0').type).to.equal('number');
    choose(must<HTMLSelectElement>(el, '#o-1-0'), 'gte');
    fill(must<HTMLInputElement>(el, '#v-1-0'), '20');

    must(el, 'button.save').click();
    const ruleError = () => textOf($(el, '#rule-error'));
    await until(() => ruleError().includes('nest a group only when it has 3 or more conditions'), "the server's nesting error beside the rule");
    expect(ruleError()).to.include('this one has 2');
    expect(must(el, '#rule-error').getAttribute('role')).to.equal('alert');
    expect(textOf($(el, '.form-alert'))).to.include('not saved');
    expect((await serverList()).count, 'nothing is written').to.equal(before);
    await expectAccessible(el);

    // A second condition in the group (3 in all): a device select, and it saves.
    must(el, 'button.add-in-group').click();
    await until(() => $(el, '#f-1-1'), 'the second condition of the group');
    choose(must<HTMLSelectElement>(el, '#f-1-1'), 'device');
    await until(() => $<HTMLSelectElement>(el, '#v-1-1')?.localName === 'select', 'a device select');
    choose(must<HTMLSelectElement>(el, '#v-1-1'), 'mobile');
    // A custom attribute compared as true/false takes a checkbox.
    choose(must<HTMLSelectElement>(el, '#f-1-1'), 'attribute');
    await until(() => $(el, '#n-1-1'), 'the attribute name input');
    choose(must<HTMLSelectElement>(el, '#o-1-1'), 'is');
    await until(() => $<HTMLInputElement>(el, '#v-1-1')?.type === 'checkbox', 'a true/false checkbox');
    choose(must<HTMLSelectElement>(el, '#f-1-1'), 'device');
    await until(() => $<HTMLSelectElement>(el, '#v-1-1')?.localName === 'select', 'the device select again');
    choose(must<HTMLSelectElement>(el, '#v-1-1'), 'mobile');

    must(el, 'button.save').click();
    await until(() => rowNamed(el, name), 'the new message in the list');
    expect(statusOf(rowNamed(el, name))).to.equal('Draft');
    expect(el.notice).to.include('created');
    const server = await serverList();
    expect(server.count).to.equal(before + 1);
    await until(() => textOf($(el, '.quota-count')) === `${before + 1} / 140`, 'the count to go up by one');
    const saved = server.messages.find((m) => m.name === name)!;
    expect(saved.text).to.equal(text);
    expect(saved.capture).to.equal('nameEmail');
    expect(saved.tags).to.deep.equal(['promo', 'spring']);
    expect(saved.rules).to.deep.equal({
      match: 'any',
      conditions: [
        { field: 'url', op: 'contains', value: `/${RUN}/sale` },
        {
          match: 'any',
          conditions: [
            { field: 'timeOnPage', op: 'gte', value: 20 },
            { field: 'device', op: 'is', value: 'mobile' },
          ],
        },
      ],
    });
    expect(deepActiveElement(), 'focus returns to the saved row').to.equal(rowNamed(el, name)?.querySelector('.name-link'));
  });

  it('offers only the actions valid for the status, publishes from the row menu by keyboard, and deletes after confirmation', async () => {
    const draft = await createMessage();
    const el = await signedIn();
    await until(() => row(el, draft.id), 'the draft row');
    const button = () => must<HTMLButtonElement>(row(el, draft.id)!, '.menu-button');

    await pressOn(button(), 'Enter');
    await until(() => $(el, '[role="menu"]'), 'the row menu');
    expect(button().getAttribute('aria-expanded')).to.equal('true');
    expect(menuActions(el)).to.deep.equal(['edit', 'clone', 'publish', 'delete']);
    expect(deepActiveElement()?.getAttribute('data-action'), 'focus on the first item').to.equal('edit');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()?.getAttribute('data-action')).to.equal('publish');
    await sendKeys({ press: 'Enter' });

    await until(() => statusOf(row(el, draft.id)) === 'Live', 'the status pill to read Live');
    expect(row(el, draft.id)!.querySelector('.pill')!.classList.contains('live')).to.be.true;
    expect((await op.trpc.admin.proactive.get.query({ id: draft.id })).status).to.equal('live');
    expect(el.notice).to.include('is live');

    // Live: pause, no publish. Escape closes the menu and gives focus back to its button.
    await pressOn(button(), 'ArrowDown');
    await until(() => $(el, '[role="menu"]'), 'the row menu again');
    expect(menuActions(el)).to.deep.equal(['edit', 'clone', 'pause', 'delete']);
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '[role="menu"]'), 'the menu to close');
    expect(deepActiveElement()).to.equal(button());

    // Delete asks first; Escape keeps the message.
    await pressOn(button(), 'ArrowUp');
    await until(() => deepActiveElement()?.getAttribute('data-action') === 'delete', 'focus on Delete (the last item)');
    await sendKeys({ press: 'Enter' });
    const dialog = () => must<HTMLDialogElement>(el, 'dialog');
    await until(() => dialog().open, 'the delete confirmation');
    expect(textOf(dialog().querySelector('h2'))).to.equal(`Delete “${draft.name}”?`);
    expect(deepActiveElement()?.classList.contains('cancel'), 'focus on Cancel').to.be.true;
    await expectAccessible(el);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog().open, 'the dialog to close');
    expect(row(el, draft.id)).to.not.be.null;
    await until(() => deepActiveElement() === button(), 'focus back on the menu button');

    await pressOn(button(), 'ArrowUp');
    await until(() => deepActiveElement()?.getAttribute('data-action') === 'delete', 'focus on Delete');
    await sendKeys({ press: 'Enter' });
    await until(() => dialog().open, 'the delete confirmation again');
    must<HTMLButtonElement>(el, 'dialog .confirm').click();
    await until(() => !row(el, draft.id), 'the row to go');
    expect((await serverList()).messages.some((m) => m.id === draft.id)).to.be.false;
    expect(el.notice).to.include('deleted');
  });

  it('edits a message from its name, with the stored values filled in, and clones one as a new draft', async () => {
    const m = await createMessage({ text: 'Before the edit', tags: ['old'], frequency: 'once' }, 'paused');
    const el = await signedIn();
    await until(() => row(el, m.id), 'the row');

    must<HTMLButtonElement>(row(el, m.id)!, '.name-link').click();
    await until(() => $(el, 'proactive-message-editor') && $<HTMLInputElement>(el, '#name')?.value === m.name, 'the editor with the stored name');
    expect(textOf($(el, '#editor-title'))).to.equal(`Edit “${m.name}”`);
    expect(must<HTMLTextAreaElement>(el, '#text').value).to.equal('Before the edit');
    expect(must<HTMLInputElement>(el, 'input[name="frequency"][value="once"]').checked).to.be.true;
    expect(deepAll(el, '.chip').map((c) => textOf(c))).to.deep.equal(['old']);
    expect(must<HTMLInputElement>(el, '#v-0').value).to.equal(`/${RUN}/nowhere`);
    fill(must<HTMLTextAreaElement>(el, '#text'), 'After the edit');
    must(el, 'button.save').click();
    await until(() => textOf(row(el, m.id)?.querySelector('.row-sub')) === 'After the edit', 'the new text in the list');
    expect(statusOf(row(el, m.id)), 'the status is kept').to.equal('Paused');
    expect((await op.trpc.admin.proactive.get.query({ id: m.id })).text).to.equal('After the edit');

    // Paused: resume, no pause.
    must<HTMLButtonElement>(row(el, m.id)!, '.menu-button').click();
    await until(() => $(el, '[role="menu"]'), 'the row menu');
    expect(menuActions(el)).to.deep.equal(['edit', 'clone', 'resume', 'delete']);
    must(el, '[role="menuitem"][data-action="clone"]').click();
    await until(() => rowNamed(el, `Copy of ${m.name}`), 'the clone in the list');
    expect(statusOf(rowNamed(el, `Copy of ${m.name}`))).to.equal('Draft');
  });

  it('disables New at the 140-message limit and says why', async function (this: { timeout(ms: number): void }) {
    this.timeout(60_000);
    const { count, limit } = await serverList();
    // Fill the account up to its limit (all deleted again after the test).
    for (let i = count; i < limit; i++) await createMessage();
    const el = await signedIn();
    await until(() => textOf($(el, '.quota-count')) === `${limit} / ${limit}`, 'the full count');
    const button = must<HTMLButtonElement>(el, 'button.new');
    expect(button.disabled).to.be.true;
    const note = must(el, `#${button.getAttribute('aria-describedby')}`);
    expect(textOf(note)).to.include(`limit of ${limit} messages`);
    expect(textOf(note)).to.include('Delete a message');
  });

  it('sorts by status with the header button (aria-sort, Enter flips it) and goes back to priority order', async () => {
    const draft = await createMessage({}, 'draft');
    const live = await createMessage({}, 'live');
    const paused = await createMessage({}, 'paused');
    const el = await signedIn();
    await until(() => row(el, paused.id), 'the messages');
    const mine = () => shownIds(el).filter((id) => [draft.id, live.id, paused.id].includes(id));
    const th = () => must(el, 'button[data-sort="status"]').closest('th')!;
    expect(mine(), 'priority order: as created').to.deep.equal([draft.id, live.id, paused.id]);
    expect(must(el, 'button[data-sort="position"]').closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(th().hasAttribute('aria-sort')).to.be.false;

    must(el, 'button[data-sort="status"]').click();
    await until(() => th().getAttribute('aria-sort') === 'ascending', 'aria-sort ascending on Status');
    expect(mine()).to.deep.equal([live.id, paused.id, draft.id]);
    const rank = { Live: 0, Paused: 1, Draft: 2, Error: 3 } as Record<string, number>;
    const ranks = deepAll(el, 'tbody tr').map((tr) => rank[statusOf(tr)]!);
    expect(ranks, 'every row in status order').to.deep.equal([...ranks].sort((a, b) => a - b));
    expect($(el, '.move-up'), 'no reordering while sorted by something else').to.be.null;
    expect(textOf($(el, '.sort-note'))).to.include('Sorted by status');

    await pressOn(must(el, 'button[data-sort="status"]'), 'Enter');
    await until(() => th().getAttribute('aria-sort') === 'descending', 'aria-sort descending after Enter');
    expect(mine()).to.deep.equal([draft.id, paused.id, live.id]);

    must(el, 'button[data-sort="sent"]').click();
    await until(() => must(el, 'button[data-sort="sent"]').closest('th')!.getAttribute('aria-sort') === 'descending', 'Sent sorts most first');
    expect(th().hasAttribute('aria-sort')).to.be.false;

    must(el, '.sort-note button').click();
    await until(() => $(el, '.move-up'), 'priority order with its move buttons');
    expect(mine()).to.deep.equal([draft.id, live.id, paused.id]);
  });

  it('moves a message up with the keyboard, sending the full order to the server, and keeps focus on it', async () => {
    const first = await createMessage();
    const second = await createMessage();
    const el = await signedIn();
    await until(() => row(el, second.id), 'both rows');
    const up = must<HTMLButtonElement>(row(el, second.id)!, '.move-up');
    expect(up.getAttribute('aria-label')).to.equal(`Move “${second.name}” up`);

    await pressOn(up, 'Enter');
    await until(async () => {
      const ids = (await serverList()).messages.map((m) => m.id);
      return ids.indexOf(second.id) === ids.indexOf(first.id) - 1;
    }, 'the server order to put the second message just before the first');
    const ids = shownIds(el);
    expect(ids.indexOf(second.id)).to.equal(ids.indexOf(first.id) - 1);
    expect(deepActiveElement()?.closest('tr')?.dataset.id, 'focus stays on the moved row').to.equal(String(second.id));
    await until(() => el.notice.includes('moved to position'), 'the move to be confirmed');
  });

  it('tests a visit: names the message shown, and why each other one is not', async () => {
    const path = `/${RUN}/landing`;
    const url = (extra: object[] = []) => ({ match: 'all' as const, conditions: [{ field: 'url' as const, op: 'contains' as const, value: path }, ...extra] });
    const winner = await createMessage({ name: uniqueName('winner'), text: 'First in line', rules: url() }, 'live');
    const second = await createMessage({ name: uniqueName('second'), rules: url() }, 'live');
    const slow = await createMessage({ name: uniqueName('slow'), rules: url([{ field: 'timeOnPage', op: 'gte', value: 600 }]) }, 'live');
    await putFirst([winner.id, second.id, slow.id]);

    const el = await signedIn();
    must(el, 'button[data-view="simulator"]').click();
    await until(() => $(el, '#sim-url'), 'the simulator');
    expect(must(el, 'button[data-view="simulator"]').getAttribute('aria-current')).to.equal('page');
    fill(must<HTMLInputElement>(el, '#sim-url'), `https://shop.test${path}?utm=1`);
    fill(must<HTMLInputElement>(el, '#sim-top'), '30');
    fill(must<HTMLTextAreaElement>(el, '#sim-attrs'), 'plan=pro\ncartValue=120\nloggedIn=true');
    must(el, 'button.run').click();

    const verdict = (id: number) => textOf($(el, `.verdicts tr[data-id="${id}"] .verdict`));
    const reason = (id: number) => textOf($(el, `.verdicts tr[data-id="${id}"] .reason`));
    await until(() => textOf($(el, '.winner-title')).includes(winner.name), 'the winner to be named');
    expect(textOf($(el, '.winner-title'))).to.equal(`“${winner.name}” would be shown`);
    expect(textOf($(el, '.winner-text'))).to.include('First in line');
    expect(verdict(winner.id)).to.equal('Shown');
    expect(verdict(second.id)).to.equal('Outranked');
    expect(reason(second.id)).to.equal('Another message earlier in the order is shown first');
    expect(verdict(slow.id)).to.equal('Rules not met');
    expect(reason(slow.id)).to.include('Condition not met');
    const status = deepAll(el, '[role="status"]').map((s) => textOf(s));
    expect(status.some((s) => s.includes(`“${winner.name}” would be shown`)), 'the result is announced').to.be.true;
    await expectAccessible(el);

    // Already shown on this page: "once per visit" keeps the winner out, and the next one is shown.
    choose(must<HTMLSelectElement>(el, `#shown-${winner.id}`), 'thisPage');
    must(el, 'button.run').click();
    await until(() => verdict(winner.id) === 'Frequency', 'the frequency verdict');
    expect(reason(winner.id)).to.include('once per visit');
    expect(verdict(second.id)).to.equal('Shown');

    // A bad attributes line is refused before anything is sent.
    fill(must<HTMLTextAreaElement>(el, '#sim-attrs'), 'no equals sign here');
    must(el, 'button.run').click();
    await until(() => textOf($(el, '#sim-attrs-err')).includes('Line 1'), 'the attributes error');
    expect(must(el, '#sim-attrs').getAttribute('aria-invalid')).to.equal('true');
  });

  it('edits business hours: the server refuses an unknown time zone beside the field, and saves a valid one', async () => {
    const original = await op.trpc.admin.settings.get.query();
    try {
      const el = await signedIn();
      must(el, 'button[data-view="settings"]').click();
      await until(() => $(el, '#tz'), 'the business hours form');
      fill(must<HTMLInputElement>(el, '#tz'), 'Mars/Olympus_Mons');
      must(el, '.save-row button[type="submit"]').click();
      await until(() => textOf($(el, '#err-tz')).includes('Unknown time zone'), "the server's time zone error");
      expect(must(el, '#tz').getAttribute('aria-invalid')).to.equal('true');
      expect(deepActiveElement()?.id, 'focus on the field to fix').to.equal('tz');
      expect(must<HTMLInputElement>(el, '#tz').list?.querySelectorAll('option').length, 'suggested zones').to.be.greaterThan(10);

      fill(must<HTMLInputElement>(el, '#tz'), 'Asia/Seoul');
      const sunday = must<HTMLInputElement>(el, '#open-sun');
      if (!sunday.checked) sunday.click();
      await until(() => $(el, '#start-sun'), "Sunday's hours");
      const start = must<HTMLInputElement>(el, '#start-sun');
      start.value = '10:00';
      start.dispatchEvent(new Event('change', { bubbles: true }));
      const end = must<HTMLInputElement>(el, '#end-sun');
      end.value = '14:00';
      end.dispatchEvent(new Event('change', { bubbles: true }));
      must(el, '.save-row button[type="submit"]').click();
      await until(() => textOf($(el, '.saved')) === 'Settings saved', 'the saved confirmation');
      const saved = await op.trpc.admin.settings.get.query();
      expect(saved.businessHours.timeZone).to.equal('Asia/Seoul');
      expect(saved.businessHours.days.sun).to.deep.equal([{ start: '10:00', end: '14:00' }]);
      await expectAccessible(el);
    } finally {
      await op.trpc.admin.settings.update.mutate(original);
    }
  });

  describe('for an operator without the admin role', () => {
    // The server offers no way to create a non-admin operator from a browser, so msw rewrites the
    // role in the server's sign-in answer. What is under test is the page's reaction to such an
    // operator; the server's own refusal ("This needs the admin role") is checked by its tests.
    let worker: ReturnType<typeof setupWorker>;

    before(async () => {
      const link = ws.link(chat.wsUrl);
      worker = setupWorker(
        link.addEventListener('connection', ({ client, server }) => {
          server.addEventListener('message', (e) => {
            if (typeof e.data !== 'string' || !e.data.includes('"role":"admin"')) return;
            e.preventDefault();
            client.send(e.data.replaceAll('"role":"admin"', '"role":"operator"'));
          });
          server.connect();
        }),
      );
      await worker.start({ serviceWorker: { url: '/node_modules/msw/lib/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
    });

    after(async () => {
      worker?.stop();
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });

    it('says the page needs the admin role instead of showing the list, and offers another sign-in', async () => {
      const el = await mount();
      await until(() => $(el, 'form.login'), 'the sign-in form');
      fill(must<HTMLInputElement>(el, '#email'), chat.operator.email);
      fill(must<HTMLInputElement>(el, '#password'), chat.operator.password);
      must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
      await until(() => $(el, '.forbidden'), 'the "needs the admin role" page');
      expect(textOf($(el, '.forbidden h1'))).to.equal('This page needs the admin role');
      expect(textOf($(el, '.forbidden'))).to.include(chat.operator.email);
      expect($(el, 'table'), 'no list').to.be.null;
      expect($(el, '.topbar'), 'no admin navigation').to.be.null;
      expect(el.session?.list, 'no admin data was loaded').to.be.null;
      await expectAccessible(el);

      must(el, '.forbidden button').click();
      await until(() => $(el, 'form.login'), 'the sign-in form again');
      expect(localStorage.getItem(TOKEN_KEY)).to.be.null;
    });
  });
});
