/**
 * <operator-panel> and availability, in real Chromium against the real chat server that
 * web-test-runner starts (web-test-runner.config.mjs): the operator's own status, the team list,
 * why a waiting chat is held, automatic and operator-only lines in the transcript, and blocking a
 * visitor. Settings are account-wide and the server is shared by every test file, so each test
 * puts the defaults back when it ends. Waits poll; nothing sleeps.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defaultAvailability, type AvailabilitySettings } from '../../server/src/protocol/availability-shared.js';
import type { ChatMessage, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import type { AccountSettings } from '../../server/src/protocol/proactive.js';
import type { AppRouter } from '../../server/src/routers/app.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import type { OperatorPanel } from '../../widget/src/elements/operator-panel/operator-panel.js';
import '../../widget/src/operator.js';
import {
  afterEach,
  before,
  beforeEach,
  chatInfo,
  deepActiveElement,
  describe,
  expectAccessible,
  it,
  NativeWebSocket,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

let chat: ChatInfo;
/** The test operator (Alex, an admin) on a socket of its own: sets up and restores the account. */
let op: Operator;
let accountSettings: AccountSettings;
const cleanups: Array<() => void | Promise<void>> = [];

// --- helpers -------------------------------------------------------------------

const $ = <T extends Element = HTMLElement>(el: OperatorPanel, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const visible = (el: Element | null | undefined) => !!el?.checkVisibility({ visibilityProperty: true, opacityProperty: true });

async function mount(): Promise<OperatorPanel> {
  return fixture<OperatorPanel>(html`<operator-panel server=${chat.wsUrl} lang="en"></operator-panel>`);
}

async function signIn(el: OperatorPanel): Promise<void> {
  await until(() => $(el, 'form.login'), 'the sign-in form');
  $<HTMLInputElement>(el, '#email')!.value = chat.operator.email;
  $<HTMLInputElement>(el, '#password')!.value = chat.operator.password;
  $<HTMLButtonElement>(el, 'form.login button[type=submit]')!.click();
  await until(() => $(el, '.topbar') && el.session?.synced && el.session.presence, 'the workspace and the team');
}

const row = (el: OperatorPanel, conversationId: number) => $<HTMLButtonElement>(el, `.row[data-conversation="${conversationId}"]`);
const me = (el: OperatorPanel) => $(el, `.mate[data-operator="${op.me.id}"]`);
const logText = (el: OperatorPanel) => textOf($(el, '[role=log]'));
/** The transcript line of an automatic message of that kind. */
const automaticLine = (el: OperatorPanel, kind: string) => $(el, `[role=log] [data-automatic="${kind}"]`);

async function myServerStatus(): Promise<string | undefined> {
  return (await op.trpc.operator.team.query()).find((o) => o.id === op.me.id)?.status;
}

async function saveAvailability(change: (s: AvailabilitySettings) => void): Promise<void> {
  const settings = defaultAvailability();
  change(settings);
  await op.trpc.admin.availability.update.mutate(settings);
}

/** A visitor on the demo site: its own socket, following its own event stream. */
async function newVisitor() {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  const hello = await trpc.visitor.hello.mutate();
  token = hello.token ?? null;
  const events: VisitorStreamEvent[] = [];
  const sub = trpc.visitor.events.subscribe({ lastEventId: null }, { onData: ({ data }) => events.push(data as VisitorStreamEvent) });
  cleanups.push(() => {
    sub.unsubscribe();
    void ws.close();
  });
  let n = 0;
  const conversations = new Set<number>();
  cleanups.push(async () => {
    // Leave no open chat behind for the other test files on this server.
    for (const conversationId of conversations) await op.trpc.operator.end.mutate({ conversationId }).catch(() => undefined);
  });
  return {
    id: hello.visitorId,
    name: hello.displayName,
    events,
    trpc,
    say: async (text: string, category?: { name: string; division?: string }): Promise<ChatMessage> => {
      const message = await trpc.visitor.send.mutate({
        clientId: `v-${hello.visitorId}-${Date.now().toString(36)}-${n++}`,
        text,
        ...(category ? { category } : {}),
      });
      conversations.add(message.conversationId);
      return message;
    },
    /** Messages this visitor received on its stream. */
    messages: () => events.flatMap((e) => (e.type === 'message' ? [e.message] : [])),
    /** Why the widget's input is blocked, as the server last told; null when it is not. */
    blocked: () => events.filter((e) => e.type === 'availability').at(-1)?.availability.blocked ?? null,
  };
}

// --- tests -------------------------------------------------------------------------

describe('<operator-panel> availability', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
    accountSettings = await op.trpc.admin.settings.get.query();
  });
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('chat:operator:')) localStorage.removeItem(key);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await op.trpc.admin.availability.update.mutate(defaultAvailability());
    await op.trpc.admin.settings.update.mutate(accountSettings);
    await op.trpc.operator.setStatus.mutate({ status: 'online' });
  });

  it('sets the status from the header with the keyboard; the server and the team list show Break, and Go online undoes it', async () => {
    const el = await mount();
    await signIn(el);

    await until(() => textOf(me(el)).includes('Panel open'), 'me in the team list, with the panel open');
    expect(textOf(me(el))).to.include(op.me.name).and.include('(you)').and.include('Panel open');
    expect(textOf(me(el))).to.include('Online');
    expect(textOf(me(el)!.querySelector('.mate-load [aria-hidden]')), 'load as "open / capacity"').to.match(/^\d+ \/ \d+$/);
    expect(textOf($(el, '.status-btn'))).to.include('Online');
    expect($(el, '.status-banner'), 'no banner while online').to.be.null;

    // Open the menu: focus lands on the current status, arrows move, Enter chooses.
    $<HTMLButtonElement>(el, '.status-btn')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => visible($(el, '.status-pop')), 'the status menu');
    expect($(el, '.status-btn')!.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActiveElement()?.getAttribute('data-status'), 'focus on the current status').to.equal('online');
    expect(textOf($(el, '.status-option[data-status="break"]'))).to.include('You will not receive new chats');
    await expectAccessible(el);

    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()?.getAttribute('data-status')).to.equal('break');
    await sendKeys({ press: 'Enter' });
    await until(async () => (await myServerStatus()) === 'break', 'the server to have the operator on a break');
    await until(() => textOf(me(el)).includes('Break'), 'the team list to show Break');
    await until(() => !$(el, '.status-pop') && deepActiveElement()?.classList.contains('status-btn'), 'the menu closed, focus back');
    expect(textOf($(el, '.status-btn'))).to.include('Break');
    expect(me(el)!.querySelector('.status-dot.s-break'), 'a break-coloured dot').to.exist;
    expect(textOf($(el, '.status-banner'))).to.include('You will not receive new chats');
    await expectAccessible(el);

    // Escape closes the menu without changing anything.
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.status-pop'), 'the status menu again');
    expect($(el, '.status-option[aria-pressed="true"]')?.getAttribute('data-status')).to.equal('break');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '.status-pop'), 'the menu to close on Escape');
    expect(deepActiveElement()?.classList.contains('status-btn')).to.be.true;

    $<HTMLButtonElement>(el, '.go-online')!.click();
    await until(async () => (await myServerStatus()) === 'online', 'the server to have the operator online again');
    await until(() => !$(el, '.status-banner') && textOf(me(el)).includes('Online'), 'the banner gone and the team list online');
  });

  it('holds a chat while nobody is available, marks automatic and operator-only lines, and shows link buttons', async () => {
    await saveAvailability((s) => {
      s.categories = [{ name: 'Orders', divisions: ['Refund', 'Delivery'] }];
      s.messages.title.enabled = true;
      s.messages.greeting = { enabled: true, text: null, image: null, buttons: [{ label: 'Track my order', url: 'https://shop.test/track' }] };
    });
    const el = await mount();
    await signIn(el);
    await op.trpc.operator.setStatus.mutate({ status: 'break' });
    await until(() => textOf(me(el)).includes('Break'), 'the panel to hear of the break');

    const visitor = await newVisitor();
    const id = (await visitor.say('Where is my refund?', { name: 'Orders', division: 'Refund' })).conversationId;
    await until(() => textOf(row(el, id)).includes('No one available'), 'the hold badge on the waiting row');
    expect(textOf(row(el, id))).to.include('Orders › Refund');
    expect(row(el, id)!.closest('section')?.getAttribute('aria-labelledby')).to.equal('h-waiting');

    row(el, id)!.click();
    await until(() => $(el, '[role=log][aria-busy=false]') && automaticLine(el, 'unavailable'), 'the unavailable message in the transcript');
    const unavailable = automaticLine(el, 'unavailable')!;
    expect(textOf(unavailable.querySelector('.auto-badge'))).to.equal('Automatic · Unavailable');
    expect(textOf(unavailable.querySelector('.bubble'))).to.equal('Chat is unavailable right now.');
    expect(unavailable.classList.contains('mine') || unavailable.classList.contains('theirs'), 'styled apart from people').to.be.false;
    expect(getComputedStyle(unavailable.querySelector('.bubble')!).borderStyle).to.equal('dashed');

    // The title is the operator's first line; the visitor never sees it.
    const title = automaticLine(el, 'title')!;
    expect(textOf(title.querySelector('.bubble'))).to.equal('Orders / Refund');
    expect(textOf(title)).to.include('Only operators see this').and.include('Chat title');
    expect(visitor.messages().some((m) => m.automatic === 'title'), 'the visitor does not get the title').to.be.false;
    expect(textOf($(el, '.conv-sub'))).to.include('No one available').and.include('Orders › Refund');

    // Back online: the chat is no longer held; accepting it brings the greeting with its link button.
    await op.trpc.operator.setStatus.mutate({ status: 'online' });
    await until(() => row(el, id) && !textOf(row(el, id)).includes('No one available'), 'the hold to clear');
    $<HTMLButtonElement>(el, '.accept')!.click();
    await until(() => automaticLine(el, 'greeting'), 'the greeting');
    const greeting = automaticLine(el, 'greeting')!;
    expect(textOf(greeting.querySelector('.auto-badge'))).to.equal('Automatic · Greeting');
    expect(textOf(greeting.querySelector('.bubble'))).to.include(op.me.name);
    expect(textOf(greeting)).not.to.include('Only operators see this');
    const link = greeting.querySelector<HTMLAnchorElement>('a.link-button')!;
    expect(link.href).to.equal('https://shop.test/track');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.include('noopener');
    expect(textOf(link)).to.include('Track my order');
    expect(logText(el).indexOf('joined the chat')).to.be.lessThan(logText(el).indexOf('Hi, this is'));
    await until(() => visitor.messages().some((m) => m.automatic === 'greeting'), 'the visitor to get the greeting');
    await expectAccessible(el);
  });

  it('shows "Outside business hours" on a chat that arrives while closed', async () => {
    await op.trpc.admin.settings.update.mutate({
      ...accountSettings,
      businessHours: { timeZone: 'UTC', days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
    });
    await saveAvailability((s) => {
      s.chatStopped = false;
      s.messages.outOfHours.enabled = true;
    });
    const el = await mount();
    await signIn(el);

    const visitor = await newVisitor();
    const id = (await visitor.say('Are you open?')).conversationId;
    await until(() => textOf(row(el, id)).includes('Outside business hours'), 'the out-of-hours badge');
    expect(row(el, id)!.querySelector('[data-hold="hours"]')).to.exist;

    row(el, id)!.click();
    await until(() => automaticLine(el, 'outOfHours'), 'the out-of-hours message in the transcript');
    expect(textOf(automaticLine(el, 'outOfHours')!.querySelector('.auto-badge'))).to.equal('Automatic · Out of hours');
    expect(textOf($(el, '.conv-sub'))).to.include('Outside business hours');
  });

  it('blocks a visitor after a confirmation: the chat ends and they cannot write; unblocking lets them back', async () => {
    const el = await mount();
    await signIn(el);
    const visitor = await newVisitor();
    const id = (await visitor.say('Buy cheap watches!!!')).conversationId;
    await until(() => row(el, id), 'the chat listed');
    row(el, id)!.click();
    await until(() => $(el, '.block'), 'the Block button');
    expect($(el, '.block')!.getAttribute('aria-label')).to.equal(`Block ${visitor.name}`);

    // Block asks first, and says what it does; Cancel changes nothing.
    $<HTMLButtonElement>(el, '.block')!.click();
    await until(() => $(el, '[role=alertdialog]') && deepActiveElement()?.classList.contains('cancel'), 'the confirmation');
    expect(textOf($(el, '[role=alertdialog]'))).to.include('Their chat ends now').and.include('cannot start new chats');
    await expectAccessible(el);
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '[role=alertdialog]') && deepActiveElement()?.classList.contains('block'), 'focus back on Block');
    expect(el.session!.conversations.get(id)?.visitor.blocked).to.be.false;

    $<HTMLButtonElement>(el, '.block')!.click();
    await until(() => $(el, '.confirm-block'), 'the confirmation again');
    $<HTMLButtonElement>(el, '.confirm-block')!.click();
    await until(
      () => visitor.messages().some((m) => m.conversationId === id && m.event === 'ended'),
      "the visitor's chat to end",
    );
    await until(() => visitor.blocked(), "the visitor's input to be blocked");
    await until(() => textOf($(el, '.conv-sub .badge.blocked')) === 'Blocked', 'the Blocked chip on the conversation');
    await until(() => logText(el).includes('ended the chat'), 'the ended notice');
    expect(textOf($(el, '.gate.ended'))).to.include('blocked');
    expect(row(el, id), 'the ended chat leaves the lists').to.be.null;
    await until(() => deepActiveElement()?.classList.contains('unblock'), 'focus on Unblock');
    let refused: unknown;
    await visitor.say('Let me in').catch((err: unknown) => (refused = err));
    expect((refused as { data?: { code?: string } })?.data?.code, 'a blocked visitor cannot start a chat').to.equal('FORBIDDEN');
    await expectAccessible(el);

    $<HTMLButtonElement>(el, '.unblock')!.click();
    await until(() => !$(el, '.badge.blocked') && $(el, '.block'), 'the Blocked chip gone and Block back');
    await until(() => visitor.blocked() === null, "the visitor's input unblocked");
    const again = (await visitor.say('Sorry about that, real question now')).conversationId;
    expect(again).not.to.equal(id);
    await until(() => row(el, again), 'the new chat listed');
    expect(textOf(row(el, again))).not.to.include('Blocked');
  });
});
