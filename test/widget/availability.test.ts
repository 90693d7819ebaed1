/**
 * Availability in the visitor widget, in real Chromium against the real chat server that
 * web-test-runner starts (see web-test-runner.config.mjs): automatic messages as cards, the composer
 * blocked while chat is stopped or the visitor is blocked, a refused first message, the category
 * picker and its preselection from the host page's URL, and the launcher's "away" state.
 *
 * Availability settings are account-wide and the server is shared by every test file of a run, so
 * each test restores the settings it found (afterEach). No operator has the panel open here (the
 * test operator never subscribes to its stream), so a new chat is answered by the "unavailable"
 * automatic message and waits.
 */
import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import '../../widget/src/index.js';
import '../../widget/src/window.js';
import type { ChatLauncher } from '../../widget/src/elements/chat-launcher/chat-launcher.js';
import type { ChatWindow } from '../../widget/src/elements/chat-window/chat-window.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import { VisitorSession } from '../../widget/src/client/visitor-session.js';
import { sessionContext } from '../../widget/src/controllers/session.js';
import type { AppRouter } from '../../server/src/routers/app.js';
import { defaultAvailability, type AvailabilitySettings } from '../../server/src/protocol/availability-shared.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  clientId,
  conversationOf,
  deepActiveElement,
  describe,
  expectAccessible,
  inShadow,
  it,
  NativeWebSocket,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

let chat: ChatInfo;
let op: Operator;
/** The account's settings before each test, put back after it. */
let original: AvailabilitySettings;
/** Visitors blocked by a test, unblocked after it. */
const blocked: number[] = [];
const cleanups: Array<() => void> = [];

before(async () => {
  chat = await chatInfo();
  op = await signInOperator();
});
after(() => op?.close());
beforeEach(async () => {
  localStorage.clear();
  original = await op.trpc.admin.availability.get.query();
});
afterEach(async () => {
  for (const close of cleanups.splice(0)) close();
  await op.trpc.admin.availability.update.mutate(original);
  for (const visitorId of blocked.splice(0)) await op.trpc.operator.unblock.mutate({ visitorId });
});

/** Saves the account's settings: the defaults, changed by `change`. */
async function settings(change: (s: AvailabilitySettings) => void): Promise<void> {
  const s = defaultAvailability();
  change(s);
  await op.trpc.admin.availability.update.mutate(s);
}

/**
 * Mounts a window with a session the test holds, provided the way <chat-launcher> provides its own
 * (sessionContext), so the test can look at the outbox and play a message the settings cannot make.
 */
async function mountWindow(
  opts: { lang?: string; search?: string } = {},
): Promise<{ el: ChatWindow; visitorId: number; session: VisitorSession }> {
  const session = new VisitorSession({ server: chat.wsUrl, site: chat.site, storage: null });
  cleanups.push(() => session.close());
  const ready = oneEvent(session, 'ready');
  const provide = (e: Event) => {
    const request = e as Event & { context: unknown; callback: (value: VisitorSession, unsubscribe: () => void) => void };
    if (request.context !== sessionContext) return;
    e.stopPropagation();
    request.callback(session, () => undefined);
  };
  const wrapper = fixtureSync<HTMLDivElement>(html`<div @context-request=${provide}>
    <chat-window lang=${opts.lang ?? 'en'}></chat-window>
  </div>`);
  const el = wrapper.querySelector('chat-window')!;
  // The host page's query string, as the window reads it for chat_category / chat_division.
  el.pageSearch = () => opts.search ?? '';
  await el.updateComplete;
  await ready;
  await until(() => session.availability, 'the availability to arrive');
  return { el, visitorId: session.visitorId!, session };
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const composerOf = (el: ChatWindow) => inShadow<HTMLTextAreaElement>(el, 'textarea');
const sendButton = (el: ChatWindow) => inShadow<HTMLButtonElement>(el, 'button[type=submit]');
/** True when a person could see the element. */
const visible = (el: Element | null | undefined) => !!el?.checkVisibility({ visibilityProperty: true });
/** The label text of a form control, through its <label for>. */
const labelOf = (el: ChatWindow, control: Element) => textOf($(el, `label[for="${control.id}"]`));

async function typeAndSend(el: ChatWindow, text: string): Promise<void> {
  composerOf(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

const confirmedMine = (el: ChatWindow, text: string) =>
  $$(el, '.log li.mine:not([data-pending]) .bubble').some((b) => b.textContent === text);

/** Chooses an option of a <select> with the keyboard: focus, then arrow down to it. */
async function choose(el: ChatWindow, select: HTMLSelectElement, option: string): Promise<void> {
  const index = [...select.options].findIndex((o) => o.text === option);
  if (index < 0) throw new Error(`no option "${option}" in #${select.id}`);
  select.focus();
  while (select.selectedIndex < index) await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
}

/** A visitor of the demo site with its own socket, for chats the widget under test does not own. */
async function otherVisitor() {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  cleanups.push(() => void ws.close());
  const hello = await trpc.visitor.hello.mutate();
  token = hello.token ?? null;
  return { id: hello.visitorId, say: (text: string) => trpc.visitor.send.mutate({ clientId: clientId(), text }) };
}

describe('automatic messages', () => {
  it("show as a card from the account, with a label and link buttons, unlike an operator's reply", async () => {
    await settings((s) => {
      s.messages.unavailable.buttons = [
        { label: 'Help centre', url: 'https://example.com/help' },
        { label: 'Order status', url: 'https://example.com/orders' },
      ];
    });
    const { el, visitorId } = await mountWindow();
    await typeAndSend(el, 'Anyone there?');
    await until(() => $(el, 'li.automatic'), 'the automatic message to arrive');

    const card = $(el, 'li.automatic')!;
    expect(card.dataset.automatic).to.equal('unavailable');
    expect(textOf(card.querySelector('.meta'))).to.match(/^Demo Shop · \d/);
    expect(textOf(card.querySelector('.label'))).to.equal('Automatic message');
    expect(textOf(card.querySelector('.text'))).to.equal('Chat is unavailable right now.');
    // The card says why the chat waits; the generic "someone will be with you shortly" would contradict it.
    expect($(el, '[data-waiting]')).to.be.null;
    const links = [...card.querySelectorAll<HTMLAnchorElement>('a[part=automatic-button]')];
    expect(links.map((a) => [textOf(a), a.href, a.target, a.rel])).to.deep.equal([
      ['Help centre (opens in a new tab)', 'https://example.com/help', '_blank', 'noopener noreferrer'],
      ['Order status (opens in a new tab)', 'https://example.com/orders', '_blank', 'noopener noreferrer'],
    ]);
    // Looks like a button, not like inline text.
    expect(getComputedStyle(links[0]!).display).to.equal('block');
    expect(getComputedStyle(links[0]!).textDecorationLine).to.equal('none');

    // An operator's reply is an ordinary message: no card, no label.
    const { id } = await conversationOf(op, visitorId);
    await op.trpc.operator.accept.mutate({ conversationId: id });
    await op.trpc.operator.send.mutate({ conversationId: id, clientId: clientId(), text: 'Here now, sorry!' });
    await until(() => $$(el, 'li.theirs .bubble').some((b) => textOf(b) === 'Here now, sorry!'), 'the reply to show');
    const reply = $$(el, 'li.theirs').find((li) => textOf(li.querySelector('.bubble')) === 'Here now, sorry!')!;
    expect(reply.classList.contains('automatic')).to.be.false;
    expect(reply.querySelector('.label, [part=automatic]')).to.be.null;
    expect(textOf(reply.querySelector('.meta'))).to.match(new RegExp(`^${op.me.name} · `));
    expect(getComputedStyle(reply.querySelector('.bubble')!).backgroundColor, 'the card has its own background').to.not.equal(
      getComputedStyle(card.querySelector('.bubble')!).backgroundColor,
    );
    await expectAccessible(el);
  });

  it('show their image from the chat server, and only web links as buttons, at most 3', async () => {
    const { el, session } = await mountWindow();
    // Settings only accept uploaded images and http(s) links (and uploads need the server's own
    // origin); this checks what the window does with whatever arrives, so the message is handed to
    // the session as its stream would.
    session.messages = [
      {
        id: 1_000_000,
        conversationId: 1_000_000,
        clientId: null,
        kind: 'text',
        event: null,
        author: 'system',
        authorName: 'Demo Shop',
        text: 'We are closed.',
        createdAt: Date.now(),
        automatic: 'outOfHours',
        internal: false,
        extras: {
          image: '/files/abcdefgh12',
          buttons: [
            { label: 'Bad', url: 'javascript:alert(1)' },
            { label: 'One', url: 'https://example.com/1' },
            { label: 'Two', url: 'http://example.com/2' },
            { label: 'Three', url: 'https://example.com/3' },
            { label: 'Four', url: 'https://example.com/4' },
          ],
        },
      },
    ];
    session.dispatchEvent(new Event('change'));
    await el.updateComplete;

    const img = inShadow<HTMLImageElement>(el, 'li.automatic img[part=automatic-image]');
    expect(img.getAttribute('src')).to.equal(`${chat.url}/files/abcdefgh12`);
    expect(img.alt).to.equal('Image from Demo Shop');
    expect(img.loading).to.equal('lazy');
    expect(getComputedStyle(img).maxWidth).to.equal('100%');
    expect($$(el, 'li.automatic a').map(textOf)).to.deep.equal([
      'One (opens in a new tab)',
      'Two (opens in a new tab)',
      'Three (opens in a new tab)',
    ]);
  });
});

describe('blocked input', () => {
  it('while chat is stopped, disables the composer and says why; it comes back when chat resumes', async () => {
    const { el } = await mountWindow();
    expect(composerOf(el).disabled).to.be.false;

    await settings((s) => (s.chatStopped = true));
    await until(() => composerOf(el).disabled, 'the composer to be disabled');
    const reason = inShadow(el, '#blocked');
    expect(textOf(reason)).to.equal('Chat is unavailable right now.');
    expect(visible(reason)).to.be.true;
    expect(composerOf(el).getAttribute('aria-describedby')!.split(' ')).to.include('blocked');
    expect(sendButton(el).disabled).to.be.true;
    // Above the box the visitor would write in.
    expect(reason.getBoundingClientRect().bottom).to.be.at.most(composerOf(el).getBoundingClientRect().top);
    // It cannot be typed into.
    composerOf(el).focus();
    await sendKeys({ type: 'hello' });
    expect(composerOf(el).value).to.equal('');
    await expectAccessible(el);

    await settings((s) => (s.chatStopped = false));
    await until(() => !composerOf(el).disabled, 'the composer to come back');
    expect($(el, '#blocked')).to.be.null;
    expect(composerOf(el).getAttribute('aria-describedby')).to.equal('hint');
    await typeAndSend(el, 'Back again');
    await until(() => confirmedMine(el, 'Back again'), 'the message to be sent');
  });

  it('blocks a blocked visitor, and lets them write once unblocked', async () => {
    const { el, visitorId } = await mountWindow();
    blocked.push(visitorId);
    await op.trpc.operator.block.mutate({ visitorId });
    await until(() => composerOf(el).disabled, 'the composer to be disabled');
    expect(textOf(inShadow(el, '#blocked'))).to.equal('Chat is unavailable right now.');

    await op.trpc.operator.unblock.mutate({ visitorId });
    await until(() => !composerOf(el).disabled, 'the composer to come back');
    expect($(el, '#blocked')).to.be.null;
  });

  it("shows the server's reason on a first message it refused, and no retry loop", async () => {
    // The cap without intake refuses a new chat; the widget cannot know before it writes.
    const others = await Promise.all([otherVisitor(), otherVisitor(), otherVisitor()]);
    for (const v of others) await v.say('Filling the cap');
    await settings((s) => (s.cap = { enabled: true, limit: 3, intake: false }));
    const { el, session } = await mountWindow();
    expect(composerOf(el).disabled, 'nothing says in advance that the cap is reached').to.be.false;

    await typeAndSend(el, 'Hello?');
    await until(() => $(el, 'li.failed'), 'the message to be refused');
    const failed = $(el, 'li.failed')!;
    const note = failed.querySelector('.failure-note')!;
    expect(note.getAttribute('role')).to.equal('alert');
    expect(textOf(note)).to.match(/^Not sent\. All our operators are busy right now\. Please try again in a few minutes\.$/);
    expect(textOf(failed.querySelector('.bubble'))).to.equal('Hello?');
    // It stays refused: the window does not try again on its own.
    expect(session.outbox).to.have.length(1);
    expect(session.outbox[0]!.error).to.match(/^All our operators are busy right now\./);
    expect([...failed.querySelectorAll('button')].map(textOf)).to.deep.equal(['Retry', 'Discard']);

    [...failed.querySelectorAll('button')].find((b) => textOf(b) === 'Discard')!.click();
    await until(() => !$(el, 'li.failed'), 'the message to be discarded');
  });
});

describe('categories', () => {
  const categories = [
    { name: 'Billing', divisions: ['Refund', 'Invoice'] },
    { name: 'Shipping', divisions: [] },
  ];

  it('are chosen above the composer before a chat starts, and reach the operator', async () => {
    await settings((s) => (s.categories = categories));
    const { el, visitorId, session } = await mountWindow({ lang: 'fr' });
    await until(() => $(el, 'select#category'), 'the category picker to appear');
    const category = inShadow<HTMLSelectElement>(el, 'select#category');
    expect(labelOf(el, category)).to.equal('Catégorie');
    expect([...category.options].map((o) => o.text)).to.deep.equal(['Choisir…', 'Billing', 'Shipping']);
    expect($(el, 'select#division'), 'no sub-category before a category').to.be.null;
    expect(category.getBoundingClientRect().bottom).to.be.at.most(composerOf(el).getBoundingClientRect().top);
    await expectAccessible(el);

    // Writing first: the picker says what is missing, and the text stays.
    await typeAndSend(el, 'Je voudrais un remboursement');
    await el.updateComplete;
    expect(textOf(inShadow(el, '#category-error'))).to.equal('Choisissez une catégorie');
    expect(category.getAttribute('aria-invalid')).to.equal('true');
    expect(category.getAttribute('aria-describedby')).to.equal('category-error');
    expect(deepActiveElement()).to.equal(category);
    expect(composerOf(el).value).to.equal('Je voudrais un remboursement');
    expect(session.outbox, 'nothing sent').to.have.length(0);

    await choose(el, category, 'Billing');
    expect($(el, '#category-error')).to.be.null;
    const division = inShadow<HTMLSelectElement>(el, 'select#division');
    expect(labelOf(el, division)).to.equal('Sous-catégorie');
    expect([...division.options].map((o) => o.text)).to.deep.equal(['Choisir…', 'Refund', 'Invoice']);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(), 'the sub-category is next with Tab').to.equal(division);
    await choose(el, division, 'Invoice');

    composerOf(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => confirmedMine(el, 'Je voudrais un remboursement'), 'the message to be sent');
    const summary = await conversationOf(op, visitorId);
    expect(summary.category).to.deep.equal({ name: 'Billing', division: 'Invoice' });
    // The chat started in the window's language: the account answers in French.
    await until(() => textOf($(el, 'li.automatic .text')) === 'Le chat n’est pas disponible pour le moment.', 'the automatic message in French');
    // Once the chat is open, no picker.
    await until(() => !$(el, 'select#category'), 'the picker to go away');
  });

  it('are preselected by chat_category and chat_division in the page URL, with no picker', async () => {
    await settings((s) => (s.categories = categories));
    const { el, visitorId } = await mountWindow({ search: '?utm_source=x&chat_category=Billing&chat_division=Refund' });
    await el.updateComplete;
    expect($(el, '[part=start]'), 'no picker').to.be.null;

    await typeAndSend(el, 'Where is my refund?');
    await until(() => confirmedMine(el, 'Where is my refund?'), 'the message to be sent');
    expect((await conversationOf(op, visitorId)).category).to.deep.equal({ name: 'Billing', division: 'Refund' });
  });

  it('ignore unknown values in the page URL', async () => {
    await settings((s) => (s.categories = categories));
    const { el } = await mountWindow({ search: '?chat_category=Nope' });
    await until(() => $(el, 'select#category'), 'the category picker to appear');
    expect(inShadow<HTMLSelectElement>(el, 'select#category').value).to.equal('');

    // A known category with an unknown sub-category: the category is taken, the sub-category asked.
    const other = await mountWindow({ search: '?chat_category=Billing&chat_division=Nope' });
    await until(() => $(other.el, 'select#division'), 'the sub-category picker to appear');
    expect(inShadow<HTMLSelectElement>(other.el, 'select#category').value).to.equal('Billing');
    expect(inShadow<HTMLSelectElement>(other.el, 'select#division').value).to.equal('');
  });
});

describe('<chat-launcher> away', () => {
  /** Today, in the account's time zone, as the server's holidays name days. */
  async function today(): Promise<string> {
    const { businessHours } = await op.trpc.admin.settings.get.query();
    return new Intl.DateTimeFormat('en-CA', { timeZone: businessHours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
  }

  it('shows away outside business hours when the account asks for it, and comes back', async () => {
    const el = fixtureSync<ChatLauncher>(html`<chat-launcher server=${chat.wsUrl} site=${chat.site} lang="en"></chat-launcher>`);
    await oneEvent(el, 'chat-ready');
    const button = inShadow<HTMLButtonElement>(el, 'button.launcher');
    expect(el.hasAttribute('away')).to.be.false;
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect(getComputedStyle(button, '::after').content).to.equal('none');

    // Closed all day today (a holiday), and the launcher shows it.
    const date = await today();
    await settings((s) => {
      s.launcherAway = true;
      s.holidays = [{ date, name: 'Closed for the test', hours: [] }];
    });
    await until(() => el.hasAttribute('away'), 'the launcher to be away');
    await el.updateComplete;
    expect(button.getAttribute('aria-label')).to.equal('Open chat, we are away');
    const dot = getComputedStyle(button, '::after');
    expect(dot.content).to.not.equal('none');
    expect(dot.backgroundColor).to.equal('rgb(134, 142, 150)');
    expect(visible(button), 'the host page decides whether to hide it').to.be.true;

    // Still a way to leave a message; the dot is not on the close button.
    await el.open();
    expect(getComputedStyle(button, '::after').content).to.equal('none');
    const win = el.shadowRoot!.querySelector<ChatWindow>('chat-window')!;
    await until(() => textOf($(win, '.status')) === 'We are away. Leave a message and we will reply later.', 'the window to say away');
    el.close();

    // The account no longer asks for it.
    await op.trpc.admin.availability.update.mutate(original);
    await until(() => !el.hasAttribute('away'), 'the launcher to be back');
    await el.updateComplete;
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
  });
});
