/**
 * <operator-panel> in real Chromium against the real chat server that web-test-runner starts
 * (see web-test-runner.config.mjs). Visitors are real tRPC clients on their own sockets, so the
 * test sees what a visitor would receive. Waits poll (waitUntil); nothing sleeps.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core';
import type AxeCore from 'axe-core';
import type { ChatMessage, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import type { AppRouter } from '../../server/src/routers/app.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import type { OperatorPanel } from '../../widget/src/elements/operator-panel/operator-panel.js';
import '../../widget/src/operator.js';

/** Mocha's globals, provided by web-test-runner (the repo carries no @types/mocha). */
const { describe, it, before, beforeEach, afterEach } = globalThis as unknown as {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
  before: (fn: () => Promise<void> | void) => void;
  beforeEach: (fn: () => Promise<void> | void) => void;
  afterEach: (fn: () => Promise<void> | void) => void;
};

interface ChatInfo {
  url: string;
  wsUrl: string;
  site: string;
  operator: { email: string; password: string };
}

const TOKEN_KEY = 'chat:operator:token';
let chat: ChatInfo;
const cleanups: Array<() => void> = [];

// --- helpers -------------------------------------------------------------------

function until(fn: () => unknown, message: string, timeout = 5000): Promise<void> {
  return waitUntil(async () => !!(await fn()), message, { timeout, interval: 20 });
}

const $ = <T extends Element = HTMLElement>(el: OperatorPanel, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: OperatorPanel, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const visible = (el: Element | null | undefined) => !!el?.checkVisibility({ visibilityProperty: true, opacityProperty: true });

function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Shift+Tab (the Puppeteer-driven launcher takes modifiers as separate down/up keys). */
async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

async function expectAccessible(el: Element): Promise<void> {
  const axe = (globalThis as unknown as { axe: typeof AxeCore }).axe;
  const results = await axe.run(el, { resultTypes: ['violations'] });
  const summary = results.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, summary.join('\n')).to.deep.equal([]);
}

async function mount(): Promise<OperatorPanel> {
  return fixture<OperatorPanel>(html`<operator-panel server=${chat.wsUrl} lang="en"></operator-panel>`);
}

async function loginForm(el: OperatorPanel) {
  await until(() => $(el, 'form.login'), 'the sign-in form');
  return {
    email: $<HTMLInputElement>(el, '#email')!,
    password: $<HTMLInputElement>(el, '#password')!,
    submit: $<HTMLButtonElement>(el, 'form.login button[type=submit]')!,
  };
}

async function signIn(el: OperatorPanel): Promise<void> {
  const form = await loginForm(el);
  form.email.value = chat.operator.email;
  form.password.value = chat.operator.password;
  form.submit.click();
  await workspace(el);
}

const workspace = (el: OperatorPanel) => until(() => $(el, '.topbar') && el.session?.synced, 'the workspace to be shown');

const row = (el: OperatorPanel, conversationId: number) => $<HTMLButtonElement>(el, `.row[data-conversation="${conversationId}"]`);
/** Which list a conversation's row is in: "waiting", "active", or null when listed nowhere. */
function listOf(el: OperatorPanel, conversationId: number): string | null {
  const section = row(el, conversationId)?.closest('section');
  return section?.getAttribute('aria-labelledby')?.replace('h-', '') ?? null;
}
const logText = (el: OperatorPanel) => textOf($(el, '[role=log]'));
const composer = (el: OperatorPanel) => $<HTMLTextAreaElement>(el, '#reply');

/** A visitor on the demo site: its own socket, following its own event stream. */
async function newVisitor() {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  const hello = await trpc.visitor.hello.mutate();
  token = hello.token ?? null;
  const events: VisitorStreamEvent[] = [];
  const sub = trpc.visitor.events.subscribe({ lastEventId: null }, { onData: ({ data }) => events.push(data as VisitorStreamEvent) });
  const close = () => {
    sub.unsubscribe();
    void ws.close();
  };
  cleanups.push(close);
  let n = 0;
  return {
    id: hello.visitorId,
    name: hello.displayName,
    events,
    trpc,
    say: (text: string): Promise<ChatMessage> =>
      trpc.visitor.send.mutate({ clientId: `v-${hello.visitorId}-${Date.now().toString(36)}-${n++}`, text }),
    /** Operator messages this visitor received on its stream. */
    received: () =>
      events.flatMap((e) => (e.type === 'message' && e.message.author === 'operator' ? [e.message] : [])),
  };
}

// --- tests -------------------------------------------------------------------------

describe('<operator-panel>', () => {
  before(async () => {
    chat = (await (await fetch('/__chat.json')).json()) as ChatInfo;
  });
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('chat:operator:')) localStorage.removeItem(key);
  });
  afterEach(() => {
    for (const close of cleanups.splice(0)) close();
  });

  it('shows a labelled sign-in form, a clear error for a wrong password, and the workspace for the right one', async () => {
    const el = await mount();
    const form = await loginForm(el);

    expect(textOf(form.email.labels?.[0])).to.equal('Email');
    expect(textOf(form.password.labels?.[0])).to.equal('Password');
    expect(form.password.type).to.equal('password');
    await expectAccessible(el);

    form.email.value = chat.operator.email;
    form.password.value = 'not the password';
    form.submit.click();
    const alert = () => $(el, 'form.login [role=alert]');
    await until(() => textOf(alert()).includes('Wrong email or password'), 'the wrong-credentials error');
    expect(visible(alert())).to.be.true;
    expect(form.password.getAttribute('aria-invalid')).to.equal('true');
    expect(localStorage.getItem(TOKEN_KEY)).to.be.null;
    expect($(el, '.topbar'), 'no workspace after a wrong password').to.be.null;

    form.password.value = chat.operator.password;
    form.submit.click();
    await workspace(el);
    expect($(el, 'form.login')).to.be.null;
    expect(textOf($(el, '.me'))).to.include(el.session!.operator!.name);
    expect(textOf($(el, '.conn'))).to.equal('Connected');
    expect(localStorage.getItem(TOKEN_KEY), 'the session token is kept').to.be.a('string');
    await expectAccessible(el);
  });

  it('restores a stored session on load, and asks to sign in again when the stored token is stale', async () => {
    const first = await mount();
    await signIn(first);
    first.remove();

    const again = await mount();
    await workspace(again);
    expect($(again, 'form.login'), 'no sign-in form when the token is still valid').to.be.null;
    again.remove();

    localStorage.setItem(TOKEN_KEY, 'stale-token-from-an-old-session');
    const stale = await mount();
    await loginForm(stale);
    expect(textOf($(stale, 'form.login [role=alert]'))).to.include('Sign in again');
    expect(localStorage.getItem(TOKEN_KEY), 'the stale token is dropped').to.be.null;
  });

  it('lists a new chat in Waiting; Accept moves it to Active and a reply sent with Enter reaches the visitor', async () => {
    const el = await mount();
    await signIn(el);
    const visitor = await newVisitor();
    await visitor.trpc.visitor.pageView.mutate({ url: 'https://shop.test/pricing', title: 'Bean subscriptions' });
    const first = await visitor.say('Hello, is the C2 grinder in stock?');
    const id = first.conversationId;

    await until(() => listOf(el, id) === 'waiting', 'the chat in Waiting');
    expect(textOf(row(el, id))).to.include(visitor.name).and.include('Hello, is the C2 grinder in stock?');
    expect(textOf(row(el, id)), 'unread marker on a chat not yet opened').to.include('1 unread message');
    const waitingCount = Number(textOf($(el, '#h-waiting .count [aria-hidden]')));
    expect(waitingCount).to.be.greaterThan(0);
    expect(waitingCount).to.equal(el.session!.waiting.length);

    row(el, id)!.click();
    await until(() => logText(el).includes('Hello, is the C2 grinder in stock?'), 'the transcript');
    expect($(el, `#tab-${id}`)?.getAttribute('aria-selected')).to.equal('true');
    expect(composer(el)!.disabled, 'the composer waits for Accept').to.be.true;
    expect($(el, '[role=log]')!.getAttribute('aria-live')).to.equal('polite');
    await until(() => textOf($(el, '.current-page')).includes('Bean subscriptions'), 'the current page');
    expect(textOf($(el, '.current-page'))).to.include('https://shop.test/pricing');
    await expectAccessible(el);

    $<HTMLButtonElement>(el, '.accept')!.click();
    await until(() => listOf(el, id) === 'active', 'the chat to move to Active');
    await until(() => !composer(el)!.disabled, 'the composer to be enabled');
    await until(() => logText(el).includes(`${el.session!.operator!.name} joined the chat`), 'the joined notice');

    // The visitor types: the operator sees it.
    await visitor.trpc.visitor.typing.mutate({ typing: true });
    await until(() => textOf($(el, '.typing')).includes(`${visitor.name} is typing`), 'the typing indicator');

    composer(el)!.focus();
    await sendKeys({ type: 'Yes, it ships today.' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Anything else?' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => visitor.received().some((m) => m.text === 'Yes, it ships today.\nAnything else?'),
      'the reply to reach the visitor',
    );
    expect(composer(el)!.value, 'the composer is emptied after sending').to.equal('');
    await until(() => !$(el, '[data-pending]') && logText(el).includes('Anything else?'), 'the reply confirmed');
    const mine = $$(el, '.msg.mine').at(-1)!;
    expect(textOf(mine.querySelector('.meta'))).to.include(el.session!.operator!.name);
    expect(mine.querySelector('time'), 'each message shows its time').to.exist;

    // A visitor's message that looks like markup is shown as text.
    await visitor.say('<img src=x onerror="window.__pwned=1"><b>bold?</b>');
    await until(() => logText(el).includes('<b>bold?</b>'), 'the markup as text');
    expect($(el, '[role=log] img, [role=log] b')).to.be.null;
  });

  it('writes an internal note in a chat it does not serve: shown to operators, never sent to the visitor', async () => {
    const el = await mount();
    await signIn(el);
    const visitor = await newVisitor();
    const { conversationId: id } = await visitor.say('Where is my parcel?');
    await until(() => listOf(el, id) === 'waiting', 'the chat in Waiting');
    row(el, id)!.click();
    await until(() => logText(el).includes('Where is my parcel?'), 'the transcript');
    expect(composer(el)!.disabled, 'no reply before Accept').to.be.true;

    $<HTMLButtonElement>(el, '.mode-btn[data-mode="note"]')!.click();
    await until(() => !composer(el)!.disabled, 'the note composer');
    expect($(el, '.mode-btn[data-mode="note"]')!.getAttribute('aria-pressed')).to.equal('true');
    expect(composer(el)!.placeholder).to.include('only your team sees');
    expect(textOf($(el, '.composer .send'))).to.equal('Add note');
    expect($(el, '.composer chat-attach-button') === null, 'no files in notes').to.be.true;
    composer(el)!.focus();
    await sendKeys({ type: 'Customer called earlier about this' });
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, '[data-pending]') && textOf($(el, '.msg.internal:last-of-type')).includes('Customer called earlier about this'), 'the note in the transcript');
    expect(textOf($(el, '.msg.internal:last-of-type'))).to.include('Only operators see this');
    // A note reads like any operator's words: a mention of this operator is highlighted.
    const me = el.session!.operator!.name;
    el.session!.send(id, `@${me.split(' ')[0]} please follow up`, undefined, true);
    await until(() => textOf($(el, '.msg.internal:last-of-type mark.mention.me')) === `@${me.split(' ')[0]}`, 'the mention highlighted in the note');
    expect(listOf(el, id), 'a note does not take the chat').to.equal('waiting');

    // The visitor's stream never carried it.
    await visitor.say('Hello?');
    await until(() => logText(el).includes('Hello?'), 'the next visitor message');
    expect(visitor.events.some((e) => e.type === 'message' && e.message.text.includes('Customer called'))).to.be.false;
    await expectAccessible(el);
  });

  it('marks chats that get messages while another one is in front, and clears the mark when opened', async () => {
    const el = await mount();
    await signIn(el);
    const alice = await newVisitor();
    const bob = await newVisitor();
    const a = (await alice.say('Alice here')).conversationId;
    const b = (await bob.say('Bob here')).conversationId;
    await until(() => row(el, a) && row(el, b), 'both chats listed');

    row(el, a)!.click();
    await until(() => logText(el).includes('Alice here'), "Alice's transcript");
    row(el, b)!.click();
    await until(() => logText(el).includes('Bob here'), "Bob's transcript");
    expect($$(el, '[role=tab]').map((t) => t.id)).to.include.members([`tab-${a}`, `tab-${b}`]);

    await alice.say('Are you there?');
    await until(() => textOf($(el, `#tab-${a}`)).includes('1 unread message'), "an unread mark on Alice's tab");
    expect(textOf(row(el, a))).to.include('Are you there?').and.include('1 unread message');
    await bob.say('Still here');
    await until(() => logText(el).includes('Still here'), "Bob's new message");
    expect(textOf($(el, `#tab-${b}`)), 'no mark on the chat in front').not.to.include('unread');

    $<HTMLButtonElement>(el, `#tab-${a}`)!.click();
    await until(() => logText(el).includes('Are you there?'), "Alice's tab in front");
    expect(textOf($(el, `#tab-${a}`))).not.to.include('unread');
    expect(textOf(row(el, a))).not.to.include('unread');
  });

  it('runs the main flow with the keyboard alone: sign in, open, accept, reply, end with confirmation', async () => {
    const el = await mount();
    await loginForm(el);
    $<HTMLInputElement>(el, '#email')!.focus();
    await sendKeys({ type: chat.operator.email });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id).to.equal('password');
    await sendKeys({ type: chat.operator.password });
    await sendKeys({ press: 'Enter' });
    await workspace(el);

    const visitor = await newVisitor();
    const id = (await visitor.say('Keyboard visitor here')).conversationId;
    await until(() => listOf(el, id) === 'waiting', 'the chat in Waiting');

    // Tab through the page until the chat's row has focus.
    const tabTo = async (match: (e: Element | null) => boolean, what: string, backwards = false) => {
      for (let i = 0; i < 60 && !match(deepActiveElement()); i++) await (backwards ? shiftTab() : sendKeys({ press: 'Tab' }));
      expect(match(deepActiveElement()), `${what} reachable with ${backwards ? 'Shift+Tab' : 'Tab'}`).to.be.true;
    };
    await tabTo((e) => e === row(el, id), 'the waiting chat');
    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement()?.classList.contains('accept'), 'focus on Accept after opening');
    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement() === composer(el), 'focus on the composer after accepting');
    await sendKeys({ type: 'Typed without a mouse' });
    await sendKeys({ press: 'Enter' });
    await until(() => visitor.received().some((m) => m.text === 'Typed without a mouse'), 'the reply to reach the visitor');

    // End chat asks first, with the Tags field focused; Escape cancels and gives focus back.
    await tabTo((e) => !!e?.classList.contains('end'), 'End chat', true);
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[role=alertdialog]') && deepActiveElement()?.classList.contains('tag-entry'), 'the confirmation');
    expect(textOf($(el, '[role=alertdialog]'))).to.include('End this chat?');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '[role=alertdialog]') && deepActiveElement()?.classList.contains('end'), 'focus back on End chat');
    expect(el.session!.conversations.get(id)?.status).to.equal('active');

    // Tags are typed and added with Enter, then Tab reaches the End chat button.
    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement()?.classList.contains('tag-entry'), 'the confirmation again');
    await sendKeys({ type: 'keyboard only' });
    await sendKeys({ press: 'Enter' });
    await until(() => textOf($(el, '.tag-input')).includes('keyboard only'), 'the tag chip');
    await tabTo((e) => !!e?.classList.contains('confirm-end'), 'the End chat button in the dialog');
    await sendKeys({ press: 'Enter' });
    await until(
      () => visitor.events.some((e) => e.type === 'message' && e.message.event === 'ended'),
      'the visitor to be told the chat ended',
    );
    await until(() => logText(el).includes('ended the chat'), 'the ended notice');
    expect(composer(el), 'no composer in an ended chat').to.be.null;
    expect(listOf(el, id), 'an ended chat leaves the lists').to.be.null;

    // Arrow keys move between tabs; Delete closes the one in front.
    await tabTo((e) => e?.getAttribute('role') === 'tab', 'the tab', true);
    await sendKeys({ press: 'Delete' });
    await until(() => !$(el, `#tab-${id}`), 'the tab to close');
  });

  it('keeps its look and its buttons under a hostile page stylesheet', async () => {
    const hostile = document.createElement('style');
    hostile.textContent = '* { font-family: serif !important; color: red !important } button { display: none !important }';
    document.head.append(hostile);
    try {
      const el = await mount();
      const form = await loginForm(el);
      const check = (button: HTMLElement | null, what: string) => {
        expect(visible(button), `${what} is visible`).to.be.true;
        const style = getComputedStyle(button!);
        expect(style.display, what).not.to.equal('none');
        expect(style.color, what).not.to.equal('rgb(255, 0, 0)');
        expect(style.fontFamily, what).not.to.match(/^serif/);
        expect(button!.getBoundingClientRect().height, what).to.be.greaterThan(20);
      };
      check(form.submit, 'the sign-in button');
      expect(getComputedStyle(form.email).color).not.to.equal('rgb(255, 0, 0)');

      await signIn(el);
      check($(el, '.signout'), 'Sign out');
      const visitor = await newVisitor();
      const id = (await visitor.say('Styled?')).conversationId;
      await until(() => row(el, id), 'the chat listed');
      check(row(el, id), 'the chat row');
      row(el, id)!.click();
      await until(() => $(el, '.accept'), 'Accept');
      check($(el, '.accept'), 'Accept');
      check($(el, '.end'), 'End chat');
    } finally {
      hostile.remove();
    }
  });
});
