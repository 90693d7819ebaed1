/**
 * <chat-launcher> in real Chromium against the real chat server that web-test-runner starts
 * (see web-test-runner.config.mjs). Each test is a new visitor: localStorage is cleared first.
 */
import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/index.js';
import type { ChatLauncher } from '../../widget/src/elements/chat-launcher/chat-launcher.js';
import type { ChatWindow } from '../../widget/src/elements/chat-window/chat-window.js';
import type { ChatMessageEvent, ChatReadyEvent, ChatUnreadCountEvent } from '../../widget/src/events/index.js';
import {
  after,
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
  until,
  type ChatInfo,
  type Operator,
} from './helpers.js';

const TOKEN_KEY = 'chat:demo:token';

let chat: ChatInfo;
let op: Operator;

before(async () => {
  chat = await chatInfo();
  op = await signInOperator();
});
after(() => op?.close());
beforeEach(() => localStorage.clear());

/** Mounts a launcher and returns it with the chat-ready event it fires once the server knows the visitor. */
async function mountLauncher(attrs: { lang?: string } = {}) {
  // fixtureSync, so the chat-ready listener is in place before any network reply can arrive.
  const el = fixtureSync<ChatLauncher>(
    html`<chat-launcher server=${chat.wsUrl} site=${chat.site} lang=${attrs.lang ?? 'en'}></chat-launcher>`,
  );
  const ready = oneEvent(el, 'chat-ready') as Promise<ChatReadyEvent>;
  await el.updateComplete;
  return { el, ready };
}

const launcherButton = (el: ChatLauncher) => inShadow<HTMLButtonElement>(el, 'button.launcher');
const panel = (el: ChatLauncher) => inShadow(el, '.panel');
const chatWindowOf = (el: ChatLauncher) => el.shadowRoot!.querySelector<ChatWindow>('chat-window');
const composerOf = (win: ChatWindow) => inShadow<HTMLTextAreaElement>(win, 'textarea');

/** True when a person could see the element (rendered, not display:none or visibility:hidden). */
const visible = (el: Element | null | undefined) => !!el?.checkVisibility({ visibilityProperty: true });

async function windowShown(el: ChatLauncher): Promise<ChatWindow> {
  await until(() => visible(chatWindowOf(el)?.shadowRoot?.querySelector('textarea')), 'the chat window to be shown');
  return chatWindowOf(el)!;
}

/** Opens the launcher, sends `text` from the composer with the keyboard, waits for the server's ack, closes it. */
async function visitorSays(el: ChatLauncher, text: string): Promise<void> {
  await el.open();
  const win = await windowShown(el);
  composerOf(win).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await until(
    () => [...win.shadowRoot!.querySelectorAll('li.mine:not([data-pending]) .bubble')].some((b) => textOf(b) === text),
    `"${text}" to be confirmed in the transcript`,
  );
  el.close();
}

describe('<chat-launcher>', () => {
  it('renders a labelled button and does not load the window before the first open', async () => {
    const { el } = await mountLauncher();
    const button = launcherButton(el);

    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(visible(button)).to.be.true;
    expect(el.shadowRoot!.querySelector('chat-window'), 'no <chat-window> before the first open').to.be.null;
    expect(visible(panel(el))).to.be.false;
  });

  it('opens on click, firing a cancelable chat-open; a page that vetoes it keeps it closed', async () => {
    const { el } = await mountLauncher();
    const button = launcherButton(el);

    // The host page says no.
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('chat-open', veto);
    let vetoed = oneEvent(el, 'chat-open');
    button.click();
    const first = await vetoed;
    expect(first.cancelable).to.be.true;
    expect(first.detail).to.deep.equal({ source: 'user' });
    await el.updateComplete;
    expect(el.opened).to.be.false;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(chatWindowOf(el), 'a vetoed open does not load the window').to.be.null;

    // Now it may open.
    el.removeEventListener('chat-open', veto);
    vetoed = oneEvent(el, 'chat-open');
    button.click();
    expect((await vetoed).detail.source).to.equal('user');
    const win = await windowShown(el);
    expect(el.opened).to.be.true;
    expect(visible(panel(el))).to.be.true;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-label')).to.equal('Close chat');
    expect(textOf(inShadow(win, 'h2'))).to.equal('Chat with us');
  });

  it('closes on Escape, firing chat-close, and gives focus back to the launcher button', async () => {
    const { el } = await mountLauncher();
    launcherButton(el).click();
    const win = await windowShown(el);
    await until(() => deepActiveElement() === composerOf(win), 'the composer to have focus');

    const closed = oneEvent(el, 'chat-close');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail).to.deep.equal({ source: 'user' });
    await until(() => !visible(panel(el)), 'the window to be hidden');
    expect(el.opened).to.be.false;
    await until(() => deepActiveElement() === launcherButton(el), 'focus to return to the launcher button');
    expect(launcherButton(el).getAttribute('aria-label')).to.equal('Open chat');
  });

  it("closes from the window's close button and gives focus back to the launcher button", async () => {
    const { el } = await mountLauncher();
    await el.open();
    const win = await windowShown(el);
    const close = inShadow<HTMLButtonElement>(win, 'button.close');
    expect(close.getAttribute('aria-label')).to.equal('Close chat');

    const closed = oneEvent(el, 'chat-close');
    close.click();
    expect((await closed).detail.source).to.equal('user');
    await until(() => !visible(panel(el)), 'the window to be hidden');
    await until(() => deepActiveElement() === launcherButton(el), 'focus to return to the launcher button');
  });

  it('opens, closes and toggles from JavaScript, with events in order', async () => {
    const { el } = await mountLauncher();
    const events: string[] = [];
    for (const type of ['chat-open', 'chat-close'] as const) {
      el.addEventListener(type, (e) => events.push(`${e.type}:${e.detail.source}`));
    }

    await el.open();
    expect(el.opened).to.be.true;
    await windowShown(el);

    el.close();
    await el.updateComplete;
    expect(el.opened).to.be.false;
    expect(visible(panel(el))).to.be.false;

    await el.toggle();
    await windowShown(el);
    expect(el.opened).to.be.true;

    // A page may veto closing too.
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('chat-close', veto, { once: true });
    el.toggle();
    await el.updateComplete;
    expect(el.opened, 'vetoed close keeps it open').to.be.true;
    expect(visible(panel(el))).to.be.true;

    el.toggle();
    await el.updateComplete;
    expect(el.opened).to.be.false;
    expect(visible(panel(el))).to.be.false;

    expect(events).to.deep.equal(['chat-open:api', 'chat-close:api', 'chat-open:api', 'chat-close:api', 'chat-close:api']);
  });

  it('is reachable by keyboard: Tab to the button, Enter opens it and the composer gets focus', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Page link</button>
      <chat-launcher server=${chat.wsUrl} site=${chat.site} lang="en"></chat-launcher>
    </div>`);
    const el = wrapper.querySelector('chat-launcher')!;
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(launcherButton(el));

    await sendKeys({ press: 'Enter' });
    const win = await windowShown(el);
    await until(() => deepActiveElement() === composerOf(win), 'the composer to have focus after opening');

    // And what the visitor types lands there.
    await sendKeys({ type: 'Bonjour' });
    expect(composerOf(win).value).to.equal('Bonjour');
  });

  it('fires chat-ready with the visitor id and reuses the saved token after re-mounting', async () => {
    const first = await mountLauncher();
    const { visitorId } = (await first.ready).detail;
    expect(visitorId).to.be.a('number').and.to.be.greaterThan(0);
    const token = localStorage.getItem(TOKEN_KEY);
    expect(token, 'the visitor token is kept in localStorage').to.be.a('string').and.not.be.empty;

    // Like a page reload: the element goes away and comes back with the same storage.
    first.el.remove();
    const again = await mountLauncher();
    expect((await again.ready).detail.visitorId, 'same visitor after re-mounting').to.equal(visitorId);
    expect(localStorage.getItem(TOKEN_KEY)).to.equal(token);

    // Without the saved token the server sees somebody new, so the reuse above came from storage.
    again.el.remove();
    localStorage.clear();
    const stranger = await mountLauncher();
    expect((await stranger.ready).detail.visitorId).to.not.equal(visitorId);
  });

  it('shows an unread badge for operator replies while closed, and opening clears it', async () => {
    const { el, ready } = await mountLauncher();
    const { visitorId } = (await ready).detail;
    await visitorSays(el, 'Do you ship to Busan?');
    await until(() => !visible(panel(el)), 'the window to be closed');
    expect(el.shadowRoot!.querySelector('.badge')).to.be.null;

    const counts: number[] = [];
    const messages: string[] = [];
    el.addEventListener('chat-unread-count', (e: ChatUnreadCountEvent) => counts.push(e.detail.count));
    el.addEventListener('chat-message', (e: ChatMessageEvent) => messages.push(e.detail.message.text));

    const conversation = await conversationOf(op, visitorId);
    await op.trpc.operator.accept.mutate({ conversationId: conversation.id });
    await op.trpc.operator.send.mutate({ conversationId: conversation.id, clientId: clientId(), text: 'Yes, we do!' });

    await until(() => el.shadowRoot!.querySelector('.badge'), 'the unread badge to appear');
    const badge = inShadow(el, '.badge');
    expect(textOf(badge)).to.equal('1');
    expect(visible(badge)).to.be.true;
    expect(launcherButton(el).getAttribute('aria-label')).to.equal('Open chat, 1 unread message');
    expect(el.unreadCount).to.equal(1);

    await op.trpc.operator.send.mutate({ conversationId: conversation.id, clientId: clientId(), text: 'Delivery takes 3 days.' });
    await until(() => textOf(el.shadowRoot!.querySelector('.badge')) === '2', 'the badge to count 2');
    expect(launcherButton(el).getAttribute('aria-label')).to.equal('Open chat, 2 unread messages');
    expect(counts).to.deep.equal([1, 2]);
    expect(messages).to.deep.equal(['Yes, we do!', 'Delivery takes 3 days.']);

    launcherButton(el).click();
    await windowShown(el);
    await until(() => !el.shadowRoot!.querySelector('.badge'), 'the badge to go away');
    await until(() => counts.at(-1) === 0, 'chat-unread-count to report 0');
    expect(el.unreadCount).to.equal(0);

    // Read stays read: closing again shows no badge.
    el.close();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.badge')).to.be.null;
  });

  it('reports the current page on mount and each SPA route change', async () => {
    const start = location.href;
    try {
      const { el, ready } = await mountLauncher();
      const { visitorId } = (await ready).detail;
      // The operator sees page views of a visitor's conversation, so start one.
      await visitorSays(el, 'Question about an order');
      const conversation = await conversationOf(op, visitorId);
      const pageViews = async () => (await op.trpc.operator.conversation.query({ conversationId: conversation.id })).pageViews;

      await until(async () => (await pageViews()).some((p) => p.url === start), 'the mounting page to be reported');

      history.pushState({}, '', '/shop/product-42?color=blue');
      document.title = 'Product 42';
      const next = new URL('/shop/product-42?color=blue', start).href;
      let views: Awaited<ReturnType<typeof pageViews>> = [];
      await until(async () => (views = await pageViews()).some((p) => p.url === next), 'the pushState route to be reported');
      const urls = views.map((p) => p.url);
      expect(urls).to.include(start);
      expect(urls.filter((u) => u === next)).to.have.length(1);
      expect(views.find((p) => p.url === next)!.title, 'the title the SPA set right after navigating').to.equal('Product 42');
    } finally {
      history.replaceState({}, '', start);
    }
  });

  for (const [lang, strings] of [
    ['ko', { open: '채팅 열기', close: '채팅 닫기', title: '채팅 상담', placeholder: '메시지를 입력하세요…', send: '보내기' }],
    ['fr', { open: 'Ouvrir le chat', close: 'Fermer le chat', title: 'Discutons', placeholder: 'Écrivez un message…', send: 'Envoyer' }],
  ] as const) {
    it(`speaks the language of lang="${lang}"`, async () => {
      const { el } = await mountLauncher({ lang });
      expect(launcherButton(el).getAttribute('aria-label')).to.equal(strings.open);

      await el.open();
      const win = await windowShown(el);
      expect(launcherButton(el).getAttribute('aria-label')).to.equal(strings.close);
      expect(textOf(inShadow(win, 'h2'))).to.equal(strings.title);
      expect(composerOf(win).placeholder).to.equal(strings.placeholder);
      expect(inShadow(win, 'button[type=submit]').getAttribute('aria-label')).to.equal(strings.send);
      expect(inShadow(win, 'button.close').getAttribute('aria-label')).to.equal(strings.close);
    });
  }

  it('keeps its button and composer visible and styled under a hostile page stylesheet', async () => {
    const { el } = await mountLauncher();
    await el.open();
    const win = await windowShown(el);
    const button = launcherButton(el);
    const composer = composerOf(win);
    const look = () => {
      const b = getComputedStyle(button);
      const c = getComputedStyle(composer);
      const title = getComputedStyle(inShadow(win, 'h2'));
      return {
        button: { display: b.display, color: b.color, background: b.backgroundColor, width: b.width },
        composer: { display: c.display, font: c.fontFamily, color: c.color },
        title: { font: title.fontFamily, color: title.color },
      };
    };
    const before = look();

    const hostile = document.createElement('style');
    hostile.textContent = `
      * { font-family: serif !important; color: red !important; }
      button { display: none !important; }
      textarea { display: none !important; }`;
    const pageButton = document.createElement('button');
    pageButton.textContent = 'A page button';
    document.head.append(hostile);
    document.body.append(pageButton);
    try {
      // The sheet is live: it does hide the page's own buttons.
      expect(getComputedStyle(pageButton).display).to.equal('none');

      expect(look()).to.deep.equal(before);
      expect(before.composer.font).to.not.equal('serif');
      expect(before.composer.color).to.not.equal('rgb(255, 0, 0)');
      expect(visible(button)).to.be.true;
      expect(visible(composer)).to.be.true;
    } finally {
      hostile.remove();
      pageButton.remove();
    }
  });

  it('has no axe violations with the window open', async () => {
    const { el, ready } = await mountLauncher();
    await ready;
    await visitorSays(el, 'Checking accessibility');
    await el.open();
    await windowShown(el);
    await expectAccessible(el);
  });
});
