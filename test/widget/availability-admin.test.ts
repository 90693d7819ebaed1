/**
 * The admin's Availability view (<proactive-availability-settings> inside <proactive-admin>) in
 * real Chromium against the real chat server that web-test-runner starts. The server is shared
 * with the other widget test files, so every test restores the account's availability settings
 * and the operator's capacity as they were. Waits poll; nothing sleeps.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AvailabilitySettings } from '../../server/src/protocol/availability-shared.js';
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

let chat: ChatInfo;
let op: Operator;
let original: AvailabilitySettings;
let originalCapacity: number;
const mounted: ProactiveAdmin[] = [];

// --- helpers -------------------------------------------------------------------

const $ = deepQuery;
const must = deepMust;

const saveButton = (el: ProactiveAdmin) => must<HTMLButtonElement>(el, '.footer button.save');

/**
 * Mounts the admin, signs in unless a stored token already did (it is cleared before each test,
 * so a second mount in a test is a page reload), and opens the Availability view.
 */
async function openAvailability(): Promise<ProactiveAdmin> {
  const el = await fixture<ProactiveAdmin>(html`<proactive-admin server=${chat.wsUrl}></proactive-admin>`);
  mounted.push(el);
  await until(() => $(el, 'form.login') || $(el, 'button[data-view="availability"]'), 'the sign-in form or the admin');
  if ($(el, 'form.login')) {
    fill(must<HTMLInputElement>(el, '#email'), chat.operator.email);
    fill(must<HTMLInputElement>(el, '#password'), chat.operator.password);
    must<HTMLButtonElement>(el, 'form.login button[type=submit]').click();
  }
  await until(() => $(el, 'button[data-view="availability"]'), 'the admin top bar');
  must(el, 'button[data-view="availability"]').click();
  await until(() => $(el, '#chat-stopped'), 'the availability form');
  return el;
}

async function save(el: ProactiveAdmin): Promise<void> {
  await until(() => !saveButton(el).disabled, 'Save to be enabled by the change');
  saveButton(el).click();
}

async function saved(el: ProactiveAdmin): Promise<void> {
  await save(el);
  await until(() => textOf($(el, '.availability > .notice')) === 'Availability settings saved', 'the saved notice');
}

const stored = () => op.trpc.admin.availability.get.query();

// --- tests -------------------------------------------------------------------------

describe('<proactive-admin> availability view', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
    original = await stored();
    originalCapacity = (await op.trpc.admin.operators.team.query()).find((o) => o.id === op.me.id)!.capacity;
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
    await op.trpc.admin.availability.update.mutate(original);
    await op.trpc.admin.operators.setCapacity.mutate({ id: op.me.id, capacity: originalCapacity });
  });

  it('shows the settings stored on the server, the team, and every section in order', async () => {
    const settings = structuredClone(original);
    settings.distribution = 'automatic';
    settings.cap = { enabled: true, limit: 42, intake: false };
    settings.rating = true;
    settings.categories = [{ name: 'Billing', divisions: ['Refunds', 'Invoices'] }];
    settings.messages.greeting = { enabled: true, text: 'Hello, [counselor_name] here.', image: null, buttons: [{ label: 'Help centre', url: 'https://example.com/help' }] };
    await op.trpc.admin.availability.update.mutate(settings);

    const el = await openAvailability();
    const nav = deepAll(el, 'nav.sections button').map((b) => textOf(b));
    expect(nav, 'a nav entry beside the others').to.include('Availability');
    expect(must(el, 'button[data-view="availability"]').getAttribute('aria-current')).to.equal('page');

    const headings = deepAll(el, '.availability h2').map((h) => textOf(h));
    expect(headings).to.deep.equal([
      'Chat stopped',
      'Distribution',
      'Chat rating',
      'Team',
      'Holidays',
      'Meal times',
      'Out of hours',
      'Chat cap',
      'Categories',
      'Automatic messages',
    ]);
    expect(must<HTMLInputElement>(el, 'input[name="distribution"][value="automatic"]').checked).to.be.true;
    expect(must<HTMLInputElement>(el, '#cap-enabled').checked).to.be.true;
    expect(must<HTMLInputElement>(el, '#rating-enabled').checked, 'chat rating is on').to.be.true;
    expect(must<HTMLInputElement>(el, '#cap-limit').value).to.equal('42');
    expect(must<HTMLInputElement>(el, 'input[name="cap-intake"][value="refuse"]').checked).to.be.true;
    expect(must<HTMLInputElement>(el, '#cat-0-name').value).to.equal('Billing');
    expect(must<HTMLInputElement>(el, '#cat-0-div-1').value).to.equal('Invoices');
    expect(textOf($(el, '#category-params'))).to.include('chat_category').and.include('chat_division');

    // One card per automatic message, in the server's order, with its default text as placeholder.
    const kinds = deepAll(el, 'article.msg-card').map((a) => a.dataset.kind);
    expect(kinds).to.deep.equal(['greeting', 'title', 'busy', 'queue', 'outOfHours', 'unavailable', 'meal', 'cap']);
    const greeting = must<HTMLTextAreaElement>(el, '#m-greeting-text');
    expect(greeting.value).to.equal('Hello, [counselor_name] here.');
    expect(textOf($(el, '#m-greeting-count'))).to.equal(`${'Hello, [counselor_name] here.'.length} / 200`);
    expect(must<HTMLInputElement>(el, '#m-greeting-btn-0-url').value).to.equal('https://example.com/help');
    expect(must<HTMLTextAreaElement>(el, '#m-busy-text').placeholder).to.include('busier than usual');
    expect(deepAll(el, 'article[data-kind="title"] .placeholder-chip').map((b) => b.dataset.placeholder)).to.deep.equal(['category_name', 'division_name']);
    expect(textOf($(el, '#m-meal-note'))).to.include('Hello, chat is unavailable for our meal break until HH:MM.');

    // The team, with this operator's capacity.
    await until(() => $(el, `tr[data-operator="${op.me.id}"]`), 'the team table');
    expect(must<HTMLInputElement>(el, `#capacity-${op.me.id}`).value).to.equal(String(originalCapacity));
    expect(textOf($(el, `tr[data-operator="${op.me.id}"] th`))).to.equal(op.me.name);

    expect(saveButton(el).disabled, 'nothing to save yet').to.be.true;
    await expectAccessible(el);

    // The link to business hours opens that view.
    must(el, 'button.to-hours').click();
    await until(() => $(el, 'proactive-business-hours'), 'the business hours view');
    expect(must(el, 'button[data-view="settings"]').getAttribute('aria-current')).to.equal('page');
  });

  it('stops chat with the switch and keeps it stopped after saving', async () => {
    const el = await openAvailability();
    const stopped = must<HTMLInputElement>(el, '#chat-stopped');
    expect(stopped.checked).to.equal(original.chatStopped);
    expect(stopped.getAttribute('role')).to.equal('switch');

    // By keyboard: focus the switch and press Space.
    stopped.focus();
    await sendKeys({ press: 'Space' });
    await until(() => $(el, '#stopped-warning'), 'the warning');
    expect(textOf($(el, '#stopped-warning'))).to.include('Visitors cannot start chats');
    expect(must(el, 'section.stopped').classList.contains('on')).to.be.true;
    expect(textOf($(el, '.footer-state'))).to.equal('You have unsaved changes');

    await saved(el);
    expect((await stored()).chatStopped, 'stored on the server').to.be.true;
    expect(saveButton(el).disabled, 'nothing left to save').to.be.true;
    expect(textOf($(el, '.footer-state'))).to.equal('All changes saved');

    // Another page load reads it back from the server.
    for (const m of mounted.splice(0)) m.remove();
    const again = await openAvailability();
    expect(must<HTMLInputElement>(again, '#chat-stopped').checked).to.be.true;
    expect($(again, '#stopped-warning')).to.not.be.null;
  });

  it("shows the server's placeholder error beside the greeting, keeps the text, and inserts placeholders from the chips", async () => {
    const el = await openAvailability();
    const area = must<HTMLTextAreaElement>(el, '#m-greeting-text');
    const typed = 'Hi [customer], welcome!';
    fill(area, typed);
    await until(() => textOf($(el, '#m-greeting-count')) === `${typed.length} / 200`, 'the live counter');
    await save(el);

    const error = () => textOf($(el, '#err-m-greeting-text'));
    await until(() => error().includes('Unknown placeholder [customer]'), "the server's placeholder error");
    expect(error()).to.include('this message can use [counselor_name]');
    expect(area.value, 'what the admin typed is kept').to.equal(typed);
    expect(area.getAttribute('aria-invalid')).to.equal('true');
    expect(area.getAttribute('aria-describedby')).to.include('err-m-greeting-text');
    expect(deepActiveElement()?.id, 'focus on the field to fix').to.equal('m-greeting-text');
    expect(textOf($(el, '.form-alert'))).to.include('Not saved');
    expect((await stored()).messages.greeting.text, 'nothing written').to.equal(original.messages.greeting.text);

    // Fix it with the chip: select "[customer]" and click [counselor_name].
    const start = typed.indexOf('[customer]');
    area.setSelectionRange(start, start + '[customer]'.length);
    must(el, 'article[data-kind="greeting"] .placeholder-chip[data-placeholder="counselor_name"]').click();
    await until(() => area.value === 'Hi [counselor_name], welcome!', 'the placeholder to replace the selection');
    expect(error(), 'the error clears once the text changes').to.equal('');
    expect(deepActiveElement()?.id, 'focus back in the text').to.equal('m-greeting-text');
    expect(area.selectionStart).to.equal(start + '[counselor_name]'.length);

    await saved(el);
    expect((await stored()).messages.greeting.text).to.equal('Hi [counselor_name], welcome!');

    // Emptying the text goes back to the default (null).
    fill(area, '');
    await saved(el);
    expect((await stored()).messages.greeting.text).to.be.null;
  });

  it('refuses a chat cap of 2 with the server message beside the field', async () => {
    const el = await openAvailability();
    const cap = must<HTMLInputElement>(el, '#cap-limit');
    if (!must<HTMLInputElement>(el, '#cap-enabled').checked) must(el, '#cap-enabled').click();
    fill(cap, '2');
    await save(el);
    await until(() => textOf($(el, '#err-cap-limit')).includes('The chat cap is between 3 and 1000'), "the server's cap error");
    expect(cap.value).to.equal('2');
    expect(cap.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()?.id).to.equal('cap-limit');
    expect((await stored()).cap, 'nothing written').to.deep.equal(original.cap);
    await expectAccessible(el);

    fill(cap, '3');
    await until(() => textOf($(el, '#err-cap-limit')) === '', 'the error to clear as the field is fixed');
    await saved(el);
    expect((await stored()).cap).to.deep.equal({ ...original.cap, enabled: true, limit: 3 });
  });

  it('adds a holiday with opening periods and a meal time, and reads them back', async () => {
    const el = await openAvailability();
    const holidays = original.holidays.length;
    const meals = original.meals.length;

    must(el, '#add-holiday').click();
    const h = holidays;
    await until(() => $(el, `#hol-${h}-date`), 'the new holiday');
    expect(deepActiveElement()?.id, 'focus on the new holiday').to.equal(`hol-${h}-date`);
    pick(must<HTMLInputElement>(el, `#hol-${h}-date`), '2031-12-24');
    fill(must<HTMLInputElement>(el, `#hol-${h}-name`), 'Christmas Eve');
    expect(must<HTMLInputElement>(el, `#hol-${h}-closed`).checked, 'a new holiday is closed all day').to.be.true;
    must(el, `#hol-${h}-closed`).click();
    await until(() => $(el, `#hol-${h}-start-0`), 'the first opening period');
    pick(must<HTMLInputElement>(el, `#hol-${h}-start-0`), '10:00');
    pick(must<HTMLInputElement>(el, `#hol-${h}-end-0`), '12:00');
    must(el, `li.holiday[data-index="${h}"] .add-period`).click();
    await until(() => $(el, `#hol-${h}-start-1`), 'a second period');
    pick(must<HTMLInputElement>(el, `#hol-${h}-start-1`), '13:00');
    pick(must<HTMLInputElement>(el, `#hol-${h}-end-1`), '15:30');

    must(el, '#add-meal').click();
    const m = meals;
    await until(() => $(el, `#meal-${m}-who`), 'the new meal time');
    const who = must<HTMLSelectElement>(el, `#meal-${m}-who`);
    await until(() => [...who.options].some((o) => o.value === String(op.me.id)), 'the team in the "who" list');
    expect(who.options[0]!.text).to.equal('Everyone');
    pick(who, String(op.me.id));
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      if (must<HTMLInputElement>(el, `#meal-${m}-day-${day}`).checked && day !== 'wed') must(el, `#meal-${m}-day-${day}`).click();
    }
    if (!must<HTMLInputElement>(el, `#meal-${m}-day-wed`).checked) must(el, `#meal-${m}-day-wed`).click();
    must(el, `#meal-${m}-day-sat`).click();
    pick(must<HTMLInputElement>(el, `#meal-${m}-start`), '11:30');
    pick(must<HTMLInputElement>(el, `#meal-${m}-end`), '12:15');
    must(el, `#meal-${m}-intake`).click();
    await expectAccessible(el);

    await saved(el);
    const back = await stored();
    expect(back.holidays[h]).to.deep.equal({
      date: '2031-12-24',
      name: 'Christmas Eve',
      hours: [
        { start: '10:00', end: '12:00' },
        { start: '13:00', end: '15:30' },
      ],
    });
    expect(back.meals[m]).to.deep.equal({ operatorId: op.me.id, days: ['wed', 'sat'], start: '11:30', end: '12:15', intake: true });

    // A fresh page shows them as saved.
    for (const x of mounted.splice(0)) x.remove();
    const again = await openAvailability();
    expect(must<HTMLInputElement>(again, `#hol-${h}-date`).value).to.equal('2031-12-24');
    expect(must<HTMLInputElement>(again, `#hol-${h}-end-1`).value).to.equal('15:30');
    await until(() => must<HTMLSelectElement>(again, `#meal-${m}-who`).value === String(op.me.id), 'the meal operator');
    expect(must<HTMLInputElement>(again, `#meal-${m}-day-sat`).checked).to.be.true;
    expect(must<HTMLInputElement>(again, `#meal-${m}-day-mon`).checked).to.be.false;

    // A meal that ends before it starts is refused beside its row, and removing the holiday saves.
    pick(must<HTMLInputElement>(again, `#meal-${m}-end`), '11:00');
    must(again, `li.holiday[data-index="${h}"] button.remove`).click();
    await save(again);
    await until(() => textOf($(again, `#err-meal-${m}`)) !== '', "the server's meal time error");
    expect(must(again, `#meal-${m}-end`).getAttribute('aria-invalid')).to.equal('true');
    pick(must<HTMLInputElement>(again, `#meal-${m}-end`), '13:00');
    await saved(again);
    const last = await stored();
    expect(last.holidays).to.have.length(holidays);
    expect(last.meals[m]!.end).to.equal('13:00');
  });

  it("saves an operator's capacity on change, and shows the server's refusal beside it", async () => {
    const el = await openAvailability();
    const id = op.me.id;
    await until(() => $(el, `#capacity-${id}`), 'the team table');
    const input = must<HTMLInputElement>(el, `#capacity-${id}`);

    fill(input, '0');
    pick(input, '0');
    await until(() => textOf($(el, `#err-capacity-${id}`)).includes('Capacity is at least 1 chat'), "the server's capacity error");
    expect(input.value, 'what was typed is kept').to.equal('0');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    const next = originalCapacity === 7 ? 8 : 7;
    fill(input, String(next));
    pick(input, String(next));
    await until(() => textOf($(el, '.availability > .notice')).includes(`up to ${next} chats`), 'the capacity notice');
    expect(textOf($(el, `#err-capacity-${id}`))).to.equal('');
    const team = await op.trpc.admin.operators.team.query();
    expect(team.find((o) => o.id === id)!.capacity).to.equal(next);
    expect(saveButton(el).disabled, 'capacity is not part of the settings draft').to.be.true;
  });

  it('checks an image in the browser before uploading it', async () => {
    const el = await openAvailability();
    const input = must<HTMLInputElement>(el, '#m-unavailable-image');
    expect(input.accept).to.equal('image/png,image/jpeg');
    const choose = (file: File) => {
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };

    choose(new File(['GIF89a'], 'party.gif', { type: 'image/gif' }));
    await until(() => textOf($(el, '#err-m-unavailable-image')).includes('not a JPG or PNG'), 'the type error');

    choose(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    await until(() => textOf($(el, '#err-m-unavailable-image')).includes('at most 2 MB'), 'the size error');
    expect(must(el, '#m-unavailable-image').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, 'article[data-kind="unavailable"] img.thumb')).to.be.null;
    expect(saveButton(el).disabled, 'nothing changed').to.be.true;
  });

  it('discards unsaved changes', async () => {
    const el = await openAvailability();
    must(el, 'input[name="distribution"][value="automatic"]').click();
    must(el, '#launcher-away').click();
    must(el, '#add-category').click();
    await until(() => !must<HTMLButtonElement>(el, 'button.discard').disabled, 'Discard to be enabled');
    must(el, 'button.discard').click();
    await until(() => saveButton(el).disabled, 'Save disabled again');
    expect(must<HTMLInputElement>(el, `input[name="distribution"][value="${original.distribution}"]`).checked).to.be.true;
    expect(must<HTMLInputElement>(el, '#launcher-away').checked).to.equal(original.launcherAway);
    expect(deepAll(el, 'li.category')).to.have.length(original.categories.length);
    expect(await stored()).to.deep.equal(original);
  });
});
