/**
 * The Team view of <operator-panel> in real Chromium against the real chat server that
 * web-test-runner starts (web-test-runner.config.mjs): channels, creating one, writing, files
 * refused, `#channel` links and `@name` highlights in a visitor's chat, and the notices with the
 * browser-notification prompt. The test operator's own tRPC client checks what the server stored.
 * Waits poll; nothing sleeps.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AppRouter } from '../../server/src/routers/app.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import type { OperatorPanel } from '../../widget/src/elements/operator-panel/operator-panel.js';
import '../../widget/src/operator.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  deepActiveElement,
  describe,
  expectAccessible,
  fill,
  it,
  NativeWebSocket,
  signInOperator,
  textOf,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

const FILES_REFUSED = "Files can't be shared in team chats";
const PROMPT_KEY = 'chat:operator:notifications-prompt';

let chat: ChatInfo;
/** The test operator on a socket of its own, to read what the server stored. */
let op: Operator;
const cleanups: Array<() => void | Promise<void>> = [];

// --- helpers -------------------------------------------------------------------

const $ = <T extends Element = HTMLElement>(root: Element, selector: string): T | null => root.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: Element, selector: string): T[] => [...root.shadowRoot!.querySelectorAll<T>(selector)];
const teamView = (el: OperatorPanel) => $(el, 'chat-team-chat');
/** Something inside the Team view. */
const inTeam = <T extends Element = HTMLElement>(el: OperatorPanel, selector: string) => {
  const view = teamView(el);
  return view ? $<T>(view, selector) : null;
};
const notices = (el: OperatorPanel) => $(el, 'chat-team-notices')!;
const teamButton = (el: OperatorPanel) => $<HTMLButtonElement>(el, '.view-btn[data-view="team"]')!;
const composer = (el: OperatorPanel) => inTeam<HTMLTextAreaElement>(el, '#team-composer');
const channelItem = (el: OperatorPanel, name: string) =>
  (teamView(el) ? $$<HTMLButtonElement>(teamView(el)!, '.channel') : []).find((b) => textOf(b) === name) ?? null;

async function mount(): Promise<OperatorPanel> {
  const el = await fixture<OperatorPanel>(html`<operator-panel server=${chat.wsUrl} lang="en"></operator-panel>`);
  // A reload finds the session kept from the last mount; otherwise the operator signs in.
  await until(() => $(el, 'form.login') || $(el, '.topbar'), 'the sign-in form or the workspace');
  if ($(el, 'form.login')) {
    $<HTMLInputElement>(el, '#email')!.value = chat.operator.email;
    $<HTMLInputElement>(el, '#password')!.value = chat.operator.password;
    $<HTMLButtonElement>(el, 'form.login button[type=submit]')!.click();
  }
  await until(() => $(el, '.topbar') && el.session?.synced && el.session.teamChat.channels.length, 'the workspace with its channels');
  return el;
}

async function openTeam(el: OperatorPanel): Promise<void> {
  teamButton(el).click();
  await until(() => channelItem(el, 'general'), 'the Team view listing #general');
}

async function openChannel(el: OperatorPanel, name: string): Promise<number> {
  channelItem(el, name)!.click();
  await until(() => textOf(inTeam(el, '#tc-title')) === name && composer(el), `#${name} open`);
  return el.session!.teamChat.current!;
}

const history = async (channelId: number) => (await op.trpc.operator.channels.history.query({ channelId })).messages.map((m) => m.text);

/** A visitor on the demo site who writes, on its own socket; their chat is ended afterwards. */
async function visitorSays(text: string): Promise<number> {
  let token: string | null = null;
  const ws = createWSClient({
    url: socketUrl(chat.wsUrl, chat.site),
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { visitorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  token = (await trpc.visitor.hello.mutate()).token ?? null;
  const { conversationId } = await trpc.visitor.send.mutate({ clientId: `team-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, text });
  cleanups.push(async () => {
    await op.trpc.operator.end.mutate({ conversationId }).catch(() => undefined);
    void ws.close();
  });
  return conversationId;
}

function fileTransfer(): DataTransfer {
  const data = new DataTransfer();
  data.items.add(new File(['%PDF-1.4 invoice'], 'invoice.pdf', { type: 'application/pdf' }));
  return data;
}

// --- tests -------------------------------------------------------------------------

describe('<operator-panel> Team view', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
  });
  after(() => op.close());
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('chat:operator:')) localStorage.removeItem(key);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('lists #general, creates a channel (a refused name says why and creates nothing), and sends a message to it', async () => {
    const el = await mount();
    await openTeam(el);
    expect(teamButton(el).getAttribute('aria-current')).to.equal('page');
    expect(textOf(inTeam(el, '#tc-channels'))).to.equal('Channels');
    expect(inTeam(el, 'ul[aria-labelledby="tc-channels"]') !== null, 'the channel list is labelled').to.be.true;
    expect(textOf(inTeam(el, '#tc-directs'))).to.equal('Direct messages');
    expect(textOf(inTeam(el, '.pick'))).to.equal('Pick a channel or a teammate to start talking.');

    const add = inTeam<HTMLButtonElement>(el, 'button.add')!;
    expect(add.getAttribute('aria-label')).to.equal('New channel');
    add.click();
    await until(() => deepActiveElement() === inTeam(el, '#new-channel-name'), 'focus in the channel name');
    const name = inTeam<HTMLInputElement>(el, '#new-channel-name')!;
    expect(textOf(name.labels?.[0])).to.equal('Channel name');
    await expectAccessible(el);

    const before = (await op.trpc.operator.channels.list.query()).length;
    fill(name, 'Returns EU');
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(inTeam(el, '#new-channel-error')), 'the server’s reason');
    expect(textOf(inTeam(el, '#new-channel-error'))).to.equal('A channel name may contain only lowercase letters, digits, "-" and "_", with no spaces');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect((await op.trpc.operator.channels.list.query()).length, 'nothing was created').to.equal(before);

    const channel = `returns-${Date.now().toString(36)}`;
    fill(name, channel);
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(inTeam(el, '#tc-title')) === channel && !inTeam(el, '#new-channel'), 'the new channel open, the form closed');
    expect(channelItem(el, channel)!.getAttribute('aria-current')).to.equal('true');
    await until(() => deepActiveElement() === composer(el), 'focus in the composer');
    expect(composer(el)!.labels?.[0] && textOf(composer(el)!.labels![0])).to.equal(`Message #${channel}`);

    await sendKeys({ type: 'Refunds for EU orders go here' });
    await sendKeys({ press: 'Enter' });
    const channelId = el.session!.teamChat.current!;
    await until(async () => (await history(channelId)).includes('Refunds for EU orders go here'), 'the message on the server');
    await until(() => textOf(inTeam(el, '[role=log]')).includes('Refunds for EU orders go here') && !inTeam(el, '[data-pending]'), 'the message shown, sent');
    expect(composer(el)!.value).to.equal('');
    expect(inTeam(el, '[role=log]')!.getAttribute('aria-label')).to.equal(`Messages in #${channel}`);
  });

  it('has no attach control, and refuses a pasted or dropped file with a note, sending nothing', async () => {
    const el = await mount();
    await openTeam(el);
    const channelId = await openChannel(el, 'general');
    const sent = (await history(channelId)).length;
    expect(teamView(el)!.shadowRoot!.querySelectorAll('input[type=file], [aria-label*="ttach" i]').length).to.equal(0);
    expect(textOf(inTeam(el, '#team-composer-note'))).to.not.include(FILES_REFUSED);

    const pasted = new ClipboardEvent('paste', { clipboardData: fileTransfer(), bubbles: true, cancelable: true, composed: true });
    composer(el)!.dispatchEvent(pasted);
    await until(() => textOf(inTeam(el, '.file-refused')) === FILES_REFUSED, 'the note after pasting a file');
    expect(pasted.defaultPrevented, 'the paste is stopped').to.be.true;
    expect(inTeam(el, '.file-refused')!.getAttribute('role')).to.equal('alert');
    expect(composer(el)!.value).to.equal('');

    // Typing clears the note; dropping a file on the conversation brings it back.
    fill(composer(el)!, 'x');
    await until(() => !inTeam(el, '.file-refused'), 'the note gone while typing');
    fill(composer(el)!, '');
    const dropped = new DragEvent('drop', { dataTransfer: fileTransfer(), bubbles: true, cancelable: true, composed: true });
    inTeam(el, '[role=log]')!.dispatchEvent(dropped);
    await until(() => textOf(inTeam(el, '.file-refused')) === FILES_REFUSED, 'the note after dropping a file');
    expect(dropped.defaultPrevented, 'the browser does not open the file').to.be.true;
    expect((await history(channelId)).length, 'nothing was sent').to.equal(sent);
  });

  it('in a visitor’s chat, #general is a link that opens the channel, and @name of the operator is highlighted', async () => {
    const el = await mount();
    const conversationId = await visitorSays('Hi @alex, the page told me to ask in #general or #nowhere');
    await until(() => $(el, `.row[data-conversation="${conversationId}"]`), 'the chat in Waiting');
    $<HTMLButtonElement>(el, `.row[data-conversation="${conversationId}"]`)!.click();
    await until(() => $(el, '.log .channel-link'), 'the transcript with a channel link');

    const links = $$<HTMLButtonElement>(el, '.log .channel-link');
    expect(links.map((a) => textOf(a)), 'only an existing channel is a link').to.deep.equal(['#general']);
    expect(links[0]!.localName).to.equal('button');
    expect(links[0]!.getAttribute('aria-label')).to.equal('Open channel #general');
    expect(textOf($(el, '.log mark.mention.me'))).to.equal('@alex');
    expect(textOf($(el, '.log [data-author="visitor"] .bubble'))).to.equal('Hi @alex, the page told me to ask in #general or #nowhere');

    links[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => teamButton(el).getAttribute('aria-current') === 'page' && textOf(inTeam(el, '#tc-title')) === 'general', 'the Team view on #general');
    expect(channelItem(el, 'general')!.getAttribute('aria-current')).to.equal('true');
    await until(() => deepActiveElement() === composer(el), 'focus in the channel’s composer');
    await expectAccessible(el);
  });

  it('asks for browser notifications only when “Turn on notifications” is pressed, and “Not now” hides the prompt for good', async () => {
    const asked: number[] = [];
    const original = Notification.requestPermission;
    Notification.requestPermission = async () => {
      asked.push(Date.now());
      return 'denied';
    };
    cleanups.push(() => {
      Notification.requestPermission = original;
    });
    expect(Notification.permission, 'the browser has not been asked yet').to.equal('default');

    const el = await mount();
    const prompt = () => $(notices(el), '[part=prompt]');
    await until(() => prompt(), 'the prompt');
    expect(asked.length, 'nothing is asked on load').to.equal(0);
    expect(textOf(prompt())).to.include('Get a browser notification when a teammate mentions you');
    await expectAccessible(el);

    const enable = $<HTMLButtonElement>(notices(el), 'button.enable')!;
    expect(textOf(enable)).to.equal('Turn on notifications');
    enable.click();
    await until(() => !prompt(), 'the prompt gone once the browser answered');
    expect(asked.length).to.equal(1);
    el.remove();

    const again = await mount();
    await until(() => $(notices(again), '[part=prompt]'), 'the prompt after a reload (the browser still says "default")');
    $<HTMLButtonElement>(notices(again), 'button.not-now')!.click();
    await until(() => !$(notices(again), '[part=prompt]'), 'the prompt hidden');
    again.remove();
    const third = await mount();
    expect($(notices(third), '[part=prompt]') === null, 'still hidden after a reload').to.be.true;
    expect(asked.length).to.equal(1);
    localStorage.removeItem(PROMPT_KEY);
  });

  it('a chat request while the panel is in the background shows a notice that opens the chat', async () => {
    const el = await mount();
    const focused = document.hasFocus;
    document.hasFocus = () => false;
    cleanups.push(() => {
      document.hasFocus = focused;
    });
    const conversationId = await visitorSays('Is anyone there? My order is late');
    const notice = () => $<HTMLElement>(notices(el), '.notice.request');
    await until(() => notice(), 'the request notice');
    document.hasFocus = focused;
    expect(textOf(notice()!.querySelector('.title'))).to.match(/ wants to chat$/);
    expect(textOf(notice()!.querySelector('.excerpt'))).to.equal('Is anyone there? My order is late');
    expect($(notices(el), '[part=notices]')!.getAttribute('aria-label')).to.equal('Notifications');
    await expectAccessible(el);

    notice()!.querySelector<HTMLButtonElement>('button.open')!.click();
    await until(() => el.session!.focused === conversationId && $(el, `#tab-${conversationId}`), 'the chat open in a tab');
    expect(notice() === null, 'the notice is gone once opened').to.be.true;
    expect(textOf($(el, '.log'))).to.include('Is anyone there? My order is late');
  });
});
