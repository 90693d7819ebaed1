/**
 * <chat-window> on its own (as on a contact page), in real Chromium against the real chat server that
 * web-test-runner starts (see web-test-runner.config.mjs). An operator is driven through the real tRPC
 * client. Each test is a new visitor: localStorage is cleared first.
 *
 * The reconnect test cuts the network with msw's WebSocket interception: a `ws.link` handler proxies
 * each socket to the real server (`server.connect()`) and can close it, then refuse new ones, to
 * play a dropped connection.
 */
import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ws, type WebSocketHandlerConnection } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../widget/src/window.js';
import type { ChatWindow } from '../../widget/src/elements/chat-window/chat-window.js';
import type { ChatReadyEvent } from '../../widget/src/events/index.js';
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
  signInOperator,
  textOf,
  transcript,
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

let chat: ChatInfo;
let op: Operator;

before(async () => {
  chat = await chatInfo();
  op = await signInOperator();
});
after(() => op?.close());
beforeEach(() => localStorage.clear());

/** Mounts a standalone window and returns it with the visitor id the server gave it. */
async function mountWindow(): Promise<{ el: ChatWindow; visitorId: number }> {
  // fixtureSync, so the chat-ready listener is in place before any network reply can arrive.
  const el = fixtureSync<ChatWindow>(html`<chat-window server=${chat.wsUrl} site=${chat.site} lang="en"></chat-window>`);
  const ready = oneEvent(el, 'chat-ready') as Promise<ChatReadyEvent>;
  await el.updateComplete;
  const { visitorId } = (await ready).detail;
  return { el, visitorId };
}

const composerOf = (el: ChatWindow) => inShadow<HTMLTextAreaElement>(el, 'textarea');
const statusOf = (el: ChatWindow) => textOf(inShadow(el, '.status'));
/**
 * The transcript lines as a person reads them, greeting and the account's automatic messages
 * excluded: which of those the server sends depends on the account's availability (no operator has
 * the panel open here, so "unavailable" arrives); availability.test.ts covers them.
 */
const lines = (el: ChatWindow) =>
  [...el.shadowRoot!.querySelectorAll('.log li:not(.greeting):not(.automatic)')].map((li) => ({
    kind: li.classList.contains('notice') ? 'notice' : li.classList.contains('mine') ? 'mine' : 'theirs',
    pending: li.hasAttribute('data-pending'),
    meta: textOf(li.querySelector('.meta')),
    text: li.classList.contains('notice') ? textOf(li) : (li.querySelector('.bubble')?.textContent ?? ''),
  }));
const confirmed = (el: ChatWindow, text: string) => lines(el).filter((l) => !l.pending && l.text === text);

/** Types into the composer with the real keyboard and presses Enter. */
async function typeAndSend(el: ChatWindow, text: string): Promise<void> {
  composerOf(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** The visitor writes `text`, the server confirms it, and the operator accepts the conversation. */
async function startAndAccept(el: ChatWindow, visitorId: number, text: string): Promise<number> {
  await typeAndSend(el, text);
  await until(() => confirmed(el, text).length === 1, `"${text}" to be confirmed`);
  const { id } = await conversationOf(op, visitorId);
  await op.trpc.operator.accept.mutate({ conversationId: id });
  return id;
}

const timeFormat = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });

describe('<chat-window> standalone', () => {
  it('shows the transcript with author names and times', async () => {
    const { el, visitorId } = await mountWindow();
    const conversationId = await startAndAccept(el, visitorId, 'Is the blue one in stock?');
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'It is, size M and L.' });
    await until(() => confirmed(el, 'It is, size M and L.').length === 1, 'the reply to show');

    const server = await transcript(op, conversationId);
    const mine = server.find((m) => m.text === 'Is the blue one in stock?')!;
    const theirs = server.find((m) => m.text === 'It is, size M and L.')!;
    expect(lines(el)).to.deep.equal([
      { kind: 'mine', pending: false, meta: `You · ${timeFormat.format(mine.createdAt)}`, text: mine.text },
      { kind: 'notice', pending: false, meta: '', text: `${op.me.name} joined the chat` },
      { kind: 'theirs', pending: false, meta: `${op.me.name} · ${timeFormat.format(theirs.createdAt)}`, text: theirs.text },
    ]);
    const times = [...el.shadowRoot!.querySelectorAll('.log li:not(.automatic) time')].map((t) => t.getAttribute('datetime'));
    expect(times).to.deep.equal([new Date(mine.createdAt).toISOString(), new Date(theirs.createdAt).toISOString()]);
  });

  it('sends on Enter and inserts a newline on Shift+Enter', async () => {
    const { el, visitorId } = await mountWindow();
    const composer = composerOf(el);
    composer.focus();
    await sendKeys({ type: 'Line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Line two' });
    expect(composer.value).to.equal('Line one\nLine two');
    expect(lines(el), 'Shift+Enter sends nothing').to.deep.equal([]);

    await sendKeys({ press: 'Enter' });
    expect(composer.value, 'the composer empties on send').to.equal('');
    await until(() => confirmed(el, 'Line one\nLine two').length === 1, 'the two-line message to be confirmed');
    expect(deepActiveElement(), 'focus stays in the composer').to.equal(composer);

    const { id } = await conversationOf(op, visitorId);
    const sent = (await transcript(op, id)).filter((m) => m.author === 'visitor');
    expect(sent.map((m) => m.text)).to.deep.equal(['Line one\nLine two']);
  });

  it('does not send an empty or blank message', async () => {
    const { el, visitorId } = await mountWindow();
    const composer = composerOf(el);
    composer.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    inShadow<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(lines(el), 'nothing shown as sending').to.deep.equal([]);

    // A real message afterwards goes out on the same ordered outbox: once it is on the server,
    // anything sent before it would be there too.
    composer.value = '';
    await typeAndSend(el, 'A real question');
    await until(() => confirmed(el, 'A real question').length === 1, 'the real message to be confirmed');
    const { id } = await conversationOf(op, visitorId);
    const sent = (await transcript(op, id)).filter((m) => m.author === 'visitor');
    expect(sent.map((m) => m.text)).to.deep.equal(['A real question']);
    expect(lines(el).filter((l) => l.kind === 'mine')).to.have.length(1);
  });

  it('asks before ending the chat: Escape or Cancel keeps it, End chat ends it', async () => {
    const { el, visitorId } = await mountWindow();
    const id = await startAndAccept(el, visitorId, 'I need help with an order');
    await until(() => el.shadowRoot?.querySelector('header .end') !== null, 'the End chat button');
    const endButton = () => inShadow<HTMLButtonElement>(el, 'header .end');
    const dialog = () => el.shadowRoot?.querySelector('[role=alertdialog]') ?? null;

    endButton().click();
    await until(() => dialog() !== null, 'the question');
    expect(textOf(dialog())).to.include('End this chat?');
    expect(deepActiveElement()?.classList.contains('confirm-end'), 'focus on the confirming button').to.be.true;
    await sendKeys({ press: 'Escape' });
    await until(() => dialog() === null, 'the question to go');
    expect(deepActiveElement()?.classList.contains('end'), 'focus back on End chat').to.be.true;
    expect((await conversationOf(op, visitorId)).status, 'Escape ends nothing').to.equal('active');

    endButton().click();
    await until(() => dialog() !== null, 'the question again');
    inShadow<HTMLButtonElement>(el, '.cancel-end').click();
    await until(() => dialog() === null, 'Cancel to close it');
    await expectAccessible(el);

    endButton().click();
    await until(() => dialog() !== null, 'the question once more');
    inShadow<HTMLButtonElement>(el, '.confirm-end').click();
    await until(() => lines(el).some((l) => l.kind === 'notice' && l.text.includes('The chat has ended')), 'the ended notice');
    expect((await transcript(op, id)).some((m) => m.event === 'ended'), 'the server ended it').to.be.true;
  });

  it('counts the characters left once a message nears the 4,000-character limit', async () => {
    const { el } = await mountWindow();
    const composer = composerOf(el);
    const type = async (text: string) => {
      composer.value = text;
      composer.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
    };
    await type('A short question');
    expect(el.shadowRoot?.querySelector('.count') === null, 'no counter for a short message').to.be.true;
    await type('x'.repeat(3700));
    expect(textOf(inShadow(el, '.count'))).to.equal('3700 / 4000');
    expect(composer.maxLength).to.equal(4000);
  });

  it("shows the operator's typing indicator with the operator's name", async () => {
    const { el, visitorId } = await mountWindow();
    const conversationId = await startAndAccept(el, visitorId, 'Hello?');
    const typing = inShadow(el, '.typing');
    expect(textOf(typing)).to.equal('');
    expect(typing.getAttribute('aria-live')).to.equal('polite');

    await op.trpc.operator.typing.mutate({ conversationId, typing: true });
    await until(() => textOf(typing) === `${op.me.name} is typing…`, `"${op.me.name} is typing…" to show`);

    await op.trpc.operator.typing.mutate({ conversationId, typing: false });
    await until(() => textOf(typing) === '', 'the typing indicator to go away');

    // The reply itself ends the typing, even if no "stopped typing" comes first.
    await op.trpc.operator.typing.mutate({ conversationId, typing: true });
    await until(() => textOf(typing) !== '', 'typing to show again');
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Here is the answer.' });
    await until(() => confirmed(el, 'Here is the answer.').length === 1, 'the reply to show');
    expect(textOf(typing)).to.equal('');
  });

  it('shows that the visitor is waiting, then "<name> joined the chat" once an operator accepts', async () => {
    // With no automatic message to say why the chat waits, the window says it itself.
    const settings = await op.trpc.admin.availability.get.query();
    const quiet = structuredClone(settings);
    for (const m of Object.values(quiet.messages)) m.enabled = false;
    await op.trpc.admin.availability.update.mutate(quiet);
    try {
      await waitingThenJoined();
    } finally {
      await op.trpc.admin.availability.update.mutate(settings);
    }
  });

  async function waitingThenJoined() {
    const { el, visitorId } = await mountWindow();
    await typeAndSend(el, 'Anyone there?');
    await until(() => el.shadowRoot!.querySelector('[data-waiting]'), 'the waiting notice');
    expect(textOf(el.shadowRoot!.querySelector('[data-waiting]'))).to.equal(
      'Thanks! Someone from our team will be with you shortly.',
    );

    const { id } = await conversationOf(op, visitorId);
    await op.trpc.operator.accept.mutate({ conversationId: id });
    await until(() => el.shadowRoot!.querySelector('li.notice[data-event=joined]'), 'the joined notice');
    expect(textOf(el.shadowRoot!.querySelector('li.notice[data-event=joined]'))).to.equal(`${op.me.name} joined the chat`);
    expect(el.shadowRoot!.querySelector('[data-waiting]'), 'no longer waiting').to.be.null;
  }

  it('shows the history again after being removed and mounted again (a page reload)', async () => {
    const first = await mountWindow();
    const conversationId = await startAndAccept(first.el, first.visitorId, 'Remember my order #1234');
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Got it, looking now.' });
    await until(() => confirmed(first.el, 'Got it, looking now.').length === 1, 'the reply to show');
    const before = lines(first.el);
    first.el.remove();

    const again = await mountWindow();
    expect(again.visitorId).to.equal(first.visitorId);
    await until(() => lines(again.el).length === before.length, 'the history to load');
    expect(lines(again.el)).to.deep.equal(before);
    expect(before.map((l) => l.text)).to.deep.equal([
      'Remember my order #1234',
      `${op.me.name} joined the chat`,
      'Got it, looking now.',
    ]);
  });

  it('has a labelled composer, a polite live transcript and no axe violations', async () => {
    const { el, visitorId } = await mountWindow();
    const conversationId = await startAndAccept(el, visitorId, 'Checking accessibility');
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'All good here.' });
    await until(() => confirmed(el, 'All good here.').length === 1, 'the reply to show');

    const log = inShadow(el, '[part=transcript]');
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(log.contains(el.shadowRoot!.querySelector('li.theirs:not(.greeting)')), 'messages are inside the live region').to
      .be.true;

    const composer = composerOf(el);
    expect([...composer.labels].map((l) => textOf(l))).to.deep.equal(['Message']);
    expect(textOf(el.shadowRoot!.getElementById(composer.getAttribute('aria-describedby')!))).to.equal(
      'Enter to send, Shift+Enter for a new line',
    );
    await expectAccessible(el);
  });

  describe('when the connection drops', () => {
    /** Live proxied sockets of the visitor, and connection attempts refused while "offline". */
    const sockets = new Set<WebSocketHandlerConnection['client']>();
    let offline = false;
    let refused = 0;
    /** When set, the first server frame mentioning this text is dropped and the network goes down. */
    let loseReplyAbout: string | null = null;
    const sentFrames: string[] = [];
    let worker: ReturnType<typeof setupWorker>;

    before(async () => {
      const link = ws.link(chat.wsUrl);
      worker = setupWorker(
        link.addEventListener('connection', ({ client, server }) => {
          if (offline) {
            // What a browser does when it cannot reach the server: "error", then a 1006 close.
            // (tRPC waits for "open" or "error"; a bare close would leave it waiting forever.)
            refused++;
            // msw's handler type leaves out `socket`, the page-side WebSocket its client connection wraps.
            (client as unknown as { socket: WebSocket }).socket.dispatchEvent(new Event('error'));
            client.close(1006, 'offline');
            return;
          }
          sockets.add(client);
          client.addEventListener('close', () => sockets.delete(client));
          client.addEventListener('message', (e) => {
            if (typeof e.data === 'string') sentFrames.push(e.data);
          });
          server.addEventListener('message', (e) => {
            if (loseReplyAbout && typeof e.data === 'string' && e.data.includes(loseReplyAbout)) {
              e.preventDefault();
              loseReplyAbout = null;
              goOffline();
            }
          });
          server.connect();
        }),
      );
      // msw intercepts WebSocket in the page itself (no service worker involved), but start() also
      // registers its worker for HTTP; it is served from node_modules, as the test server has no
      // /mockServiceWorker.js. Its scope does not cover this page, so HTTP is left alone.
      await worker.start({
        serviceWorker: { url: '/node_modules/msw/lib/mockServiceWorker.js' },
        onUnhandledRequest: 'bypass',
        quiet: true,
      });
    });

    after(async () => {
      worker?.stop();
      // A registration left behind would make msw reload the next page that starts a worker.
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    });

    // A failed test must not leave the next one offline.
    afterEach(() => {
      offline = false;
      loseReplyAbout = null;
    });

    /** The visitor.send calls the widget put on the wire (tRPC may batch several calls in one frame). */
    function visitorSends(): Array<{ clientId: string; text: string }> {
      type Call = { method?: string; params?: { path?: string; input?: { clientId: string; text: string } } };
      return sentFrames
        .filter((f) => f.startsWith('{') || f.startsWith('['))
        .flatMap((f) => [JSON.parse(f) as Call | Call[]].flat())
        .filter((c) => c.method === 'mutation' && c.params?.path === 'visitor.send')
        .map((c) => c.params!.input!);
    }

    /** Drops every live socket and refuses new ones until `reconnect()`. */
    function goOffline(): void {
      offline = true;
      refused = 0;
      // 1006: the connection was lost without a closing handshake, as when the network goes away.
      for (const client of sockets) client.close(1006, 'network lost');
    }

    it('shows "Reconnecting…" and sends a message written while offline exactly once when back', async () => {
      const { el, visitorId } = await mountWindow();
      const conversationId = await startAndAccept(el, visitorId, 'Before the drop');
      expect(sockets.size, 'the visitor socket goes through the proxy').to.equal(1);
      await until(() => statusOf(el) === 'We usually reply in a few minutes', 'to be online');

      goOffline();
      await until(() => statusOf(el).startsWith('Reconnecting…'), 'the reconnecting state to show');
      expect(statusOf(el)).to.equal('Reconnecting… messages you write will be sent when you are back online.');
      expect(inShadow(el, '.status').classList.contains('offline')).to.be.true;
      // The widget keeps trying while the network is down.
      await until(() => refused >= 1, 'a reconnection attempt to be refused', 8000);

      await typeAndSend(el, 'Written while offline');
      await until(() => lines(el).some((l) => l.pending && l.text === 'Written while offline'), 'the message to show as sending');
      expect(lines(el).find((l) => l.text === 'Written while offline')!.meta).to.equal('Sending…');
      expect((await transcript(op, conversationId)).map((m) => m.text)).to.not.include('Written while offline');
      // What an offline visitor sees (the status, a message still sending) is accessible too.
      await expectAccessible(el);

      offline = false;
      await until(() => statusOf(el) === 'We usually reply in a few minutes', 'to be back online', 8000);
      await until(() => confirmed(el, 'Written while offline').length === 1, 'the offline message to be confirmed', 8000);

      // A later message is a barrier: the outbox is sent in order, so any repeat would land before it.
      await typeAndSend(el, 'After the drop');
      await until(() => confirmed(el, 'After the drop').length === 1, 'the later message to be confirmed');

      const texts = (await transcript(op, conversationId)).filter((m) => m.author === 'visitor').map((m) => m.text);
      expect(texts).to.deep.equal(['Before the drop', 'Written while offline', 'After the drop']);
      expect(lines(el).filter((l) => l.text === 'Written while offline')).to.have.length(1);
      expect(lines(el).some((l) => l.pending), 'nothing left sending').to.be.false;
      expect(visitorSends().filter((s) => s.text === 'Written while offline'), 'sent over the wire once').to.have.length(1);
    });

    it('does not duplicate a message whose acknowledgement was lost with the connection', async () => {
      const { el, visitorId } = await mountWindow();
      const conversationId = await startAndAccept(el, visitorId, 'Hello again');

      // The server stores the message, but its reply never reaches the widget: the network drops.
      loseReplyAbout = 'Did this arrive?';
      await typeAndSend(el, 'Did this arrive?');
      await until(() => statusOf(el).startsWith('Reconnecting…'), 'the reconnecting state to show');
      expect((await transcript(op, conversationId)).filter((m) => m.text === 'Did this arrive?')).to.have.length(1);
      expect(lines(el).find((l) => l.text === 'Did this arrive?')?.pending, 'still shown as sending').to.be.true;
      await until(() => refused >= 1, 'a reconnection attempt to be refused', 8000);

      offline = false;
      await until(() => confirmed(el, 'Did this arrive?').length === 1, 'the message to be confirmed after reconnecting', 8000);
      await typeAndSend(el, 'And this?');
      await until(() => confirmed(el, 'And this?').length === 1, 'the later message to be confirmed');

      const texts = (await transcript(op, conversationId)).filter((m) => m.author === 'visitor').map((m) => m.text);
      expect(texts).to.deep.equal(['Hello again', 'Did this arrive?', 'And this?']);
      expect(lines(el).filter((l) => l.text === 'Did this arrive?')).to.have.length(1);
      // It was sent twice on the wire, with one client id, and stored once.
      const sends = visitorSends().filter((s) => s.text === 'Did this arrive?').map((s) => s.clientId);
      expect(sends).to.have.length(2);
      expect(sends[0]).to.equal(sends[1]);
    });
  });
});
