/**
 * Proactive messages in the widget, in real Chromium against the real chat server that
 * web-test-runner starts (see web-test-runner.config.mjs). The test operator is an admin: it
 * publishes each test's own message, targeted at a URL path no other test visits, and removes it
 * afterwards. Each test is a new visitor (localStorage is cleared), on its own SPA route
 * (history.pushState, which the widget reports as a page view).
 */
import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/index.js';
import '../../widget/src/window.js';
import type { ChatLauncher } from '../../widget/src/elements/chat-launcher/chat-launcher.js';
import type { ChatWindow } from '../../widget/src/elements/chat-window/chat-window.js';
import type { ChatProactiveShownEvent, ChatReadyEvent } from '../../widget/src/events/index.js';
import {
  after,
  afterEach,
  before,
  beforeEach,
  chatInfo,
  conversationOf,
  deepActiveElement,
  describe,
  expectAccessible,
  inShadow,
  it,
  publishProactive,
  removeProactive,
  signInOperator,
  textOf,
  transcript,
  until,
  type ChatInfo,
  type Operator,
  type ProactiveFields,
} from './helpers.js';

let chat: ChatInfo;
let op: Operator;
let start: string;
let created: number[] = [];
let routes = 0;

before(async () => {
  chat = await chatInfo();
  op = await signInOperator();
});
after(() => op?.close());
beforeEach(() => {
  localStorage.clear();
  start = location.href;
});
afterEach(async () => {
  history.replaceState(null, '', start);
  await Promise.all(created.map((id) => removeProactive(op, id)));
  created = [];
});

/** A URL path that only this test visits. */
const uniquePath = (name: string) => `/wtr-proactive/${name}-${Date.now().toString(36)}-${routes++}`;

/** Publishes a message shown on `path` (URL contains it) and remembers to remove it. */
async function publish(path: string, fields: Partial<ProactiveFields> & { text: string }): Promise<number> {
  const id = await publishProactive(op, {
    frequency: 'everyTime',
    rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: path }] },
    ...fields,
  });
  created.push(id);
  return id;
}

/** Mounts a launcher on `path`, recording chat-proactive-shown events from the very start. */
function mountLauncher(path: string) {
  history.pushState(null, '', path);
  const el = fixtureSync<ChatLauncher>(html`<chat-launcher server=${chat.wsUrl} site=${chat.site} lang="en"></chat-launcher>`);
  const shown: ChatProactiveShownEvent['detail'][] = [];
  el.addEventListener('chat-proactive-shown', (e) => shown.push(e.detail));
  const ready = oneEvent(el, 'chat-ready') as Promise<ChatReadyEvent>;
  return { el, shown, ready };
}

/** True when a person could see the element. */
const visible = (el: Element | null | undefined) => !!el?.checkVisibility({ visibilityProperty: true });
const bubbleOf = (el: ChatLauncher) => el.shadowRoot!.querySelector<HTMLElement>('[part=bubble]');
const openButton = (el: ChatLauncher) => inShadow<HTMLButtonElement>(el, '[part=bubble] button.open');
const dismissButton = (el: ChatLauncher) => inShadow<HTMLButtonElement>(el, '[part=bubble] button.dismiss');
const launcherButton = (el: ChatLauncher) => inShadow<HTMLButtonElement>(el, 'button.launcher');
const announcement = (el: ChatLauncher) => textOf(inShadow(el, '[role=status]'));
const chatWindowOf = (el: ChatLauncher) => el.shadowRoot!.querySelector<ChatWindow>('chat-window');

async function bubbleShown(el: ChatLauncher): Promise<HTMLElement> {
  await until(() => visible(bubbleOf(el)), 'the proactive bubble to appear', 8000);
  // Past its entrance animation (it fades in), so what is checked is what stays on screen.
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
  return bubbleOf(el)!;
}

async function windowShown(el: ChatLauncher): Promise<ChatWindow> {
  await until(() => visible(chatWindowOf(el)?.shadowRoot?.querySelector('textarea')), 'the chat window to be shown');
  return chatWindowOf(el)!;
}

const $ = <T extends Element = HTMLElement>(win: ChatWindow, selector: string) => win.shadowRoot!.querySelector<T>(selector);
const captureForm = (win: ChatWindow) => $<HTMLFormElement>(win, 'form[part=capture]');
const emailField = (win: ChatWindow) => inShadow<HTMLInputElement>(win, 'form[part=capture] input[name=email]');
const composerOf = (win: ChatWindow) => inShadow<HTMLTextAreaElement>(win, 'textarea');
/**
 * The transcript's lines from others (greeting and the account's automatic messages excluded: with
 * no operator panel open the server answers a new chat with "unavailable"; availability.test.ts
 * covers those), as "author: text".
 */
const theirLines = (win: ChatWindow) =>
  [...win.shadowRoot!.querySelectorAll('.log li.theirs:not(.greeting):not(.automatic)')].map(
    (li) => `${textOf(li.querySelector('.meta')).split(' · ')[0]}: ${textOf(li.querySelector('.bubble'))}`,
  );
/** The error the visitor reads for a field, found the way assistive technology finds it. */
function fieldError(win: ChatWindow, input: HTMLInputElement): string {
  const ids = input.getAttribute('aria-describedby');
  return ids ? ids.split(' ').map((id) => textOf(win.shadowRoot!.getElementById(id))).join(' ') : '';
}

/** Types into the focused element with the real keyboard. */
async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

describe('proactive messages', () => {
  it('shows a published message as a bubble with the sender and text, announces it, and fires chat-proactive-shown once', async () => {
    const path = uniquePath('bubble');
    const text = 'Comparing plans? Ask us anything.';
    const id = await publish(path, { text });
    const { el, shown } = mountLauncher(path);

    const bubble = await bubbleShown(el);
    const sender = op.me.name;
    const initial = sender.charAt(0).toUpperCase();
    expect(textOf(bubble.querySelector('.from'))).to.equal(sender);
    expect(getComputedStyle(bubble.querySelector('.avatar')!, '::before').content).to.equal(`"${initial}"`);
    expect(bubble.querySelector('.avatar')!.getAttribute('aria-hidden')).to.equal('true');
    expect(textOf(bubble.querySelector('.text'))).to.equal(text);
    expect(openButton(el).getAttribute('aria-label')).to.equal(`Open message from ${sender}: ${text}`);
    expect(dismissButton(el).getAttribute('aria-label')).to.equal('Dismiss');
    // The bubble sits above the launcher button, which stays.
    expect(bubble.getBoundingClientRect().bottom).to.be.at.most(launcherButton(el).getBoundingClientRect().top);
    expect(visible(launcherButton(el))).to.be.true;

    // Announced politely through a live region that was in the page before the text arrived.
    const status = inShadow(el, '[role=status]');
    expect(announcement(el)).to.equal(`New message from ${sender}: ${text}`);
    expect(status.contains(openButton(el)), 'the live region holds text only, not the buttons').to.be.false;

    expect(shown).to.have.length(1);
    expect(shown[0]).to.deep.include({ messageId: id, text });
    expect(shown[0]!.deliveryId).to.be.a('number').and.greaterThan(0);

    // Counted as sent on the server, and not fired again by later renders or by opening.
    expect((await op.trpc.admin.proactive.get.query({ id })).sent).to.equal(1);
    el.requestUpdate();
    await el.updateComplete;
    openButton(el).click();
    await windowShown(el);
    expect(shown).to.have.length(1);
  });

  it('goes away on X without opening the window; focus moves to the launcher button', async () => {
    const path = uniquePath('dismiss');
    const id = await publish(path, { text: 'Free shipping over $50 today.' });
    const { el } = mountLauncher(path);
    await bubbleShown(el);
    let opened = false;
    el.addEventListener('chat-open', () => (opened = true));

    dismissButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !bubbleOf(el), 'the bubble to go away');
    expect(announcement(el), 'nothing left to announce').to.equal('');
    expect(el.opened).to.be.false;
    expect(opened).to.be.false;
    await until(() => deepActiveElement() === launcherButton(el), 'focus on the launcher button');
    // Dismissing is not reading.
    expect((await op.trpc.admin.proactive.get.query({ id })).read).to.equal(0);

    // Opening the chat afterwards shows no trace of it.
    await el.open();
    const win = await windowShown(el);
    expect(theirLines(win)).to.deep.equal([]);
    expect(captureForm(win)).to.be.null;
  });

  it('opens the window on click, with the message from its sender and a form asking for the email', async () => {
    const path = uniquePath('open');
    const text = 'Leave your email and we will send you a discount code.';
    const id = await publish(path, { text, capture: 'email', followUp: 'Thanks, it is on its way!' });
    const { el } = mountLauncher(path);
    await bubbleShown(el);

    const opening = oneEvent(el, 'chat-open');
    openButton(el).click();
    expect((await opening).detail.source).to.equal('user');
    const win = await windowShown(el);
    expect(el.opened).to.be.true;
    expect(bubbleOf(el), 'the bubble gives way to the window').to.be.null;
    expect(announcement(el)).to.equal('');

    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`]);
    const form = captureForm(win)!;
    expect(visible(form)).to.be.true;
    expect(form.getAttribute('aria-label')).to.equal('Your details');
    const email = emailField(win);
    expect([...email.labels!].map((l) => textOf(l))).to.deep.equal(['Email']);
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(email.required).to.be.true;
    expect(form.querySelector('input[name=name]'), 'capture "email" asks for no name').to.be.null;
    expect(textOf(form.querySelector('button[type=submit]'))).to.equal('Submit');
    await until(() => deepActiveElement() === email, 'focus in the email field');

    // Opening it counts as read.
    await until(async () => (await op.trpc.admin.proactive.get.query({ id })).read === 1, 'the message to be counted as read');

    // Closing the window without answering makes the message disappear.
    el.close('user');
    await el.updateComplete;
    await el.open();
    await windowShown(el);
    expect(theirLines(win)).to.deep.equal([]);
    expect(captureForm(win)).to.be.null;
    expect(bubbleOf(el)).to.be.null;
  });

  it('refuses an invalid email with an inline error, sending nothing', async () => {
    const path = uniquePath('invalid');
    const id = await publish(path, { text: 'Want our newsletter?', capture: 'email', followUp: 'Welcome aboard!' });
    const { el, ready } = mountLauncher(path);
    const { visitorId } = (await ready).detail;
    await bubbleShown(el);
    openButton(el).click();
    const win = await windowShown(el);
    const email = emailField(win);
    await until(() => deepActiveElement() === email, 'focus in the email field');

    // Empty, then malformed: each time an error under the field, linked to it, and focus stays there.
    await sendKeys({ press: 'Enter' });
    await until(() => fieldError(win, email) !== '', 'an error for the empty field');
    expect(fieldError(win, email)).to.equal('Enter your email address');
    expect(email.getAttribute('aria-invalid')).to.equal('true');

    await type('ann@example');
    await until(() => fieldError(win, email) === 'Enter a valid email address, like name@example.com', 'the error to follow the typing');
    inShadow<HTMLButtonElement>(win, 'form[part=capture] button[type=submit]').click();
    await win.updateComplete;
    expect(fieldError(win, email)).to.equal('Enter a valid email address, like name@example.com');
    expect(visible(win.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!))).to.be.true;
    expect(deepActiveElement()).to.equal(email);

    // Nothing reached the server: no reply counted, no conversation started.
    expect((await op.trpc.admin.proactive.get.query({ id })).replied).to.equal(0);
    const { conversations } = await op.trpc.operator.inbox.query();
    expect(conversations.some((c) => c.visitor.id === visitorId)).to.be.false;
    expect(captureForm(win)).to.not.be.null;

    // Fixing it clears the error as the visitor types.
    await type('.com');
    await until(() => fieldError(win, email) === '', 'the error to go away once the address is valid');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
  });

  it('shows the server’s refusal when it will not take the details', async () => {
    const path = uniquePath('refused');
    const id = await publish(path, { text: 'Can we call you back?', capture: 'name' });
    const { el } = mountLauncher(path);
    await bubbleShown(el);
    openButton(el).click();
    const win = await windowShown(el);
    const name = inShadow<HTMLInputElement>(win, 'form[part=capture] input[name=name]');
    expect([...name.labels!].map((l) => textOf(l))).to.deep.equal(['Name']);
    expect(name.autocomplete).to.equal('name');
    expect(win.shadowRoot!.querySelector('form[part=capture] input[name=email]'), 'capture "name" asks for no email').to.be.null;

    // The marketer deletes the message while the visitor is filling it in.
    await removeProactive(op, id);
    name.focus();
    await type('Ann');
    await sendKeys({ press: 'Enter' });
    await until(() => $(win, 'form[part=capture] [role=alert]'), 'the refusal to show');
    expect(textOf($(win, 'form[part=capture] [role=alert]'))).to.equal('This message is no longer available');
    expect(captureForm(win), 'the form stays, so the visitor is not left guessing').to.not.be.null;
  });

  it('takes a valid email: the form goes away and the follow-up shows; the operator gets the conversation', async () => {
    const path = uniquePath('valid');
    const text = 'Questions about delivery? Leave your email.';
    const followUp = 'Thanks! We will write to you within the hour.';
    const id = await publish(path, { text, capture: 'nameEmail', followUp, tags: ['wtr-delivery'] });
    const { el, ready } = mountLauncher(path);
    const { visitorId } = (await ready).detail;
    await bubbleShown(el);
    openButton(el).click();
    const win = await windowShown(el);

    const name = inShadow<HTMLInputElement>(win, 'form[part=capture] input[name=name]');
    await until(() => deepActiveElement() === name, 'focus in the first field, the name');
    await type('Ann Lee');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(emailField(win));
    await type('ann@example.com');
    await sendKeys({ press: 'Enter' });

    await until(() => theirLines(win).includes(`${op.me.name}: ${followUp}`), 'the follow-up to show');
    expect(captureForm(win)).to.be.null;
    // The proactive text once, now as the conversation's first line, then the follow-up.
    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`, `${op.me.name}: ${followUp}`]);
    expect(win.shadowRoot!.querySelector('[data-offer]')).to.be.null;
    await until(() => deepActiveElement() === composerOf(win), 'focus on the composer, to go on writing');

    const conversation = await conversationOf(op, visitorId);
    expect(conversation.visitor).to.deep.include({ name: 'Ann Lee', email: 'ann@example.com' });
    expect(conversation.proactive?.id).to.equal(id);
    expect(conversation.tags).to.include('wtr-delivery');
    expect((await transcript(op, conversation.id)).map((m) => m.text)).to.deep.equal([text, followUp]);
    expect((await op.trpc.admin.proactive.get.query({ id })).replied).to.equal(1);
  });

  it('without a form, focuses the composer; writing answers the message and shows its follow-up', async () => {
    const path = uniquePath('none');
    const text = 'Hi! Need help choosing a grinder?';
    const followUp = 'Someone will answer in a minute.';
    const id = await publish(path, { text, capture: 'none', followUp });
    const { el } = mountLauncher(path);
    await bubbleShown(el);
    openButton(el).click();
    const win = await windowShown(el);
    expect(captureForm(win)).to.be.null;
    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`]);
    await until(() => deepActiveElement() === composerOf(win), 'focus on the composer');

    await type('Yes, for espresso');
    await sendKeys({ press: 'Enter' });
    await until(() => theirLines(win).length === 2, 'the follow-up to show');
    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`, `${op.me.name}: ${followUp}`]);
    const order = [...win.shadowRoot!.querySelectorAll('.log li:not(.greeting):not(.automatic) .bubble')].map((b) => textOf(b));
    expect(order).to.deep.equal([text, 'Yes, for espresso', followUp]);
    expect((await op.trpc.admin.proactive.get.query({ id })).replied).to.equal(1);

    // Answered, so closing the window keeps the conversation.
    el.close();
    await el.open();
    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`, `${op.me.name}: ${followUp}`]);
  });

  it('setAttributes feeds attribute conditions, before the chat is ready and after', async () => {
    const path = uniquePath('attributes');
    const targeted = 'Big cart! Here is 10% off for Pro members.';
    // First in order, so it wins whenever it matches.
    await publish(path, {
      text: targeted,
      rules: {
        match: 'all',
        conditions: [
          { field: 'url', op: 'contains', value: path },
          { field: 'attribute', name: 'plan', op: 'equals', value: 'pro' },
          { field: 'attribute', name: 'cartValue', op: 'gt', value: 100 },
        ],
      },
    });
    // Shown once, when the targeted one does not match: it proves the page was looked at.
    await publish(path, { text: 'Welcome to the shop.', frequency: 'once' });

    // Set before the element has a server, a site or a place in the page, so before any session.
    history.pushState(null, '', path);
    const el = document.createElement('chat-launcher');
    el.setAttributes({ plan: 'pro', coupon: 'SPRING' });
    el.setAttributes({ coupon: null });
    el.server = chat.wsUrl;
    el.site = chat.site;
    el.lang = 'en';
    const ready = oneEvent(el, 'chat-ready');
    await fixture(html`<div>${el}</div>`);
    await ready;
    const bubble = await bubbleShown(el);
    expect(textOf(bubble.querySelector('.text')), 'plan alone is not enough').to.equal('Welcome to the shop.');
    dismissButton(el).click();
    await until(() => !bubbleOf(el), 'the first bubble to go away');

    el.setAttributes({ cartValue: 120 });
    await until(() => textOf(bubbleOf(el)?.querySelector('.text')) === targeted, 'the attribute-targeted message to appear');
  });

  it('is reachable by keyboard: Tab to the bubble, Enter opens it, and the form can be filled in', async () => {
    const path = uniquePath('keyboard');
    const followUp = 'Got it, talk soon.';
    await publish(path, { text: 'Shall we email you the manual?', capture: 'email', followUp });
    history.pushState(null, '', path);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Page link</button>
      <chat-launcher server=${chat.wsUrl} site=${chat.site} lang="en"></chat-launcher>
    </div>`);
    const el = wrapper.querySelector('chat-launcher')!;
    await bubbleShown(el);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(openButton(el));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(dismissButton(el));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActiveElement()).to.equal(openButton(el));

    await sendKeys({ press: 'Enter' });
    const win = await windowShown(el);
    await until(() => deepActiveElement() === emailField(win), 'focus in the email field');
    await type('reader@example.com');
    await sendKeys({ press: 'Enter' });
    await until(() => theirLines(win).includes(`${op.me.name}: ${followUp}`), 'the follow-up to show');
  });

  it('has no axe violations with the bubble shown, and with the form shown (errors included)', async () => {
    const path = uniquePath('axe');
    await publish(path, { text: 'Looking for a gift? We can help.', capture: 'nameEmail', followUp: 'Thanks!' });
    const { el } = mountLauncher(path);
    await bubbleShown(el);
    await expectAccessible(el);

    openButton(el).click();
    const win = await windowShown(el);
    await until(() => captureForm(win), 'the form');
    await expectAccessible(el);

    inShadow<HTMLButtonElement>(win, 'form[part=capture] button[type=submit]').click();
    await until(() => fieldError(win, emailField(win)) !== '', 'the errors');
    await expectAccessible(el);
  });

  it('speaks the page language in the bubble and the form (ko, fr)', async () => {
    for (const [lang, expected] of [
      ['ko', { open: '님의 메시지 열기', dismiss: '닫기', email: '이메일', submit: '제출' }],
      ['fr', { open: 'Ouvrir le message de', dismiss: 'Ignorer', email: 'E-mail', submit: 'Valider' }],
    ] as const) {
      localStorage.clear();
      const path = uniquePath(`lang-${lang}`);
      await publish(path, { text: 'Hello', capture: 'email' });
      history.pushState(null, '', path);
      const el = await fixture<ChatLauncher>(html`<chat-launcher server=${chat.wsUrl} site=${chat.site} lang=${lang}></chat-launcher>`);
      await bubbleShown(el);
      expect(openButton(el).getAttribute('aria-label')).to.include(expected.open);
      expect(dismissButton(el).getAttribute('aria-label')).to.equal(expected.dismiss);
      openButton(el).click();
      const win = await windowShown(el);
      await until(() => captureForm(win), 'the form');
      expect(textOf(emailField(win).labels![0])).to.equal(expected.email);
      expect(textOf($(win, 'form[part=capture] button[type=submit]'))).to.equal(expected.submit);
      el.remove();
    }
  });

  it('a standalone <chat-window> shows the message itself and fires chat-proactive-shown', async () => {
    const path = uniquePath('standalone');
    const text = 'Writing to us? Leave your email too.';
    await publish(path, { text, capture: 'email' });
    history.pushState(null, '', path);
    const win = fixtureSync<ChatWindow>(html`<chat-window server=${chat.wsUrl} site=${chat.site} lang="en"></chat-window>`);
    const shown = oneEvent(win, 'chat-proactive-shown') as Promise<ChatProactiveShownEvent>;
    expect((await shown).detail.text).to.equal(text);
    await until(() => captureForm(win), 'the form');
    expect(theirLines(win)).to.deep.equal([`${op.me.name}: ${text}`]);
  });
});
