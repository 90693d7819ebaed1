/**
 * <chat-visitor-contact> in real Chromium against the real chat server that web-test-runner starts
 * (web-test-runner.config.mjs): the pane reads and writes through a real OperatorSession, visitors
 * are real tRPC clients on their own sockets, and the test operator's own client checks what the
 * server stored. Waits poll; nothing sleeps.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AppRouter } from '../../server/src/routers/app.js';
import { OperatorSession } from '../../widget/src/client/operator-session.js';
import { socketUrl } from '../../widget/src/client/trpc.js';
import type { VisitorContactPane } from '../../widget/src/elements/operator-panel/visitor-contact.js';
import '../../widget/src/elements/operator-panel/visitor-contact.js';
import {
  after,
  afterEach,
  before,
  chatInfo,
  clientId,
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

let chat: ChatInfo;
/** The test operator (Alex) on a socket of its own: sets chats up and reads what the server stored. */
let op: Operator;
/** The session the pane is given, signed in as the same operator. */
let session: OperatorSession;
const cleanups: Array<() => void | Promise<void>> = [];
/** An empty field: a dash that screen readers skip, and “Not given” that only they read. */
const EMPTY = '—Not given';

// --- helpers -------------------------------------------------------------------

const $ = <T extends Element = HTMLElement>(el: VisitorContactPane, selector: string): T | null =>
  el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: VisitorContactPane, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const input = (el: VisitorContactPane, field: string) => $<HTMLInputElement & HTMLTextAreaElement>(el, `#contact-${field}`)!;
/** The read-only value shown for a field. */
const shown = (el: VisitorContactPane, field: string) => textOf($(el, `.details [data-field="${field}"] dd`));
const editButton = (el: VisitorContactPane) => $<HTMLButtonElement>(el, 'button.edit');
const saveButton = (el: VisitorContactPane) => $<HTMLButtonElement>(el, '.contact-form button[type=submit]')!;
const pastChat = (el: VisitorContactPane, conversationId: number) => $(el, `.past-chat[data-conversation="${conversationId}"]`);

async function mount(visitorId: number, currentConversationId: number | null = null): Promise<VisitorContactPane> {
  return fixture<VisitorContactPane>(html`<chat-visitor-contact
    .session=${session}
    .visitorId=${visitorId}
    .currentConversationId=${currentConversationId}
    lang="en"
  ></chat-visitor-contact>`);
}

const loaded = (el: VisitorContactPane) => until(() => editButton(el), 'the contact details');

async function startEditing(el: VisitorContactPane): Promise<void> {
  await loaded(el);
  editButton(el)!.click();
  await until(() => $(el, 'form.contact-form'), 'the contact form');
}

/** The visitor's contact as the server has it now. */
const serverContact = async (visitorId: number) => (await op.trpc.operator.visitor.get.query({ visitorId })).contact;

/** A visitor on the demo site, on its own socket. */
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
  const conversations = new Set<number>();
  cleanups.push(async () => {
    // Leave no open chat behind for the other test files on this server.
    for (const conversationId of conversations) await op.trpc.operator.end.mutate({ conversationId }).catch(() => undefined);
    void ws.close();
  });
  let n = 0;
  return {
    id: hello.visitorId,
    name: hello.displayName,
    say: async (text: string) => {
      const message = await trpc.visitor.send.mutate({ clientId: `v-${hello.visitorId}-${Date.now().toString(36)}-${n++}`, text });
      conversations.add(message.conversationId);
      return message;
    },
  };
}

// --- tests -------------------------------------------------------------------------

describe('<chat-visitor-contact>', () => {
  before(async () => {
    chat = await chatInfo();
    op = await signInOperator();
    session = new OperatorSession({ server: chat.wsUrl, storage: null });
    expect(await session.login(chat.operator.email, chat.operator.password), 'the pane’s session signs in').to.be.true;
  });
  after(() => {
    session.close();
    op.close();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('edits name, email, phone and notes; the details show them, the server has them, and a fresh read returns them', async () => {
    const visitor = await newVisitor();
    const el = await mount(visitor.id);
    await loaded(el);

    for (const field of ['name', 'email', 'phone', 'notes']) {
      expect(shown(el, field), `an empty ${field} shows a dash, read as “Not given”`).to.equal(EMPTY);
    }
    expect(textOf($(el, '#h-contact'))).to.equal('Contact');
    expect(textOf($(el, '[part=past-chats]'))).to.include('No earlier chats.');
    await expectAccessible(el);

    editButton(el)!.click();
    await until(() => $(el, 'form.contact-form'), 'the contact form');
    expect(deepActiveElement() === input(el, 'name'), 'focus moves to the first field').to.be.true;
    for (const [field, label] of [['name', 'Name'], ['email', 'Email'], ['phone', 'Phone'], ['notes', 'Notes']] as const) {
      expect(textOf(input(el, field).labels?.[0]), `${field} is labelled`).to.equal(label);
    }
    expect(input(el, 'notes').localName).to.equal('textarea');
    expect(textOf($(el, '.counter'))).to.equal('0/2000');

    fill(input(el, 'name'), 'Dana Kim');
    fill(input(el, 'email'), 'dana@example.com');
    fill(input(el, 'phone'), '+82 10-1234-5678');
    const notes = 'Prefers email.\nAsked about the C2 grinder.';
    fill(input(el, 'notes'), notes);
    await el.updateComplete;
    expect(textOf($(el, '.counter')), 'the counter follows the notes').to.equal('42/2000');
    expect(input(el, 'notes').getAttribute('aria-describedby')).to.equal('contact-notes-count');
    expect(textOf($(el, '#contact-notes-count'))).to.equal('42 of 2000 characters');
    await expectAccessible(el);

    saveButton(el).click();
    await until(() => !$(el, 'form.contact-form') && shown(el, 'name') === 'Dana Kim', 'the saved details, read-only');
    expect(shown(el, 'email')).to.equal('dana@example.com');
    expect(shown(el, 'phone')).to.equal('+82 10-1234-5678');
    expect($(el, '.details [data-field="notes"] dd')!.textContent).to.equal('Prefers email.\nAsked about the C2 grinder.');
    expect(textOf($(el, '.status[role=status]'))).to.equal('Contact saved.');
    await until(() => deepActiveElement() === editButton(el), 'focus back on Edit contact');

    expect(await serverContact(visitor.id)).to.deep.include({
      name: 'Dana Kim',
      email: 'dana@example.com',
      phone: '+82 10-1234-5678',
      notes: 'Prefers email.\nAsked about the C2 grinder.',
    });
    const fresh = await session.visitorDetail(visitor.id);
    expect(fresh.contact).to.deep.include({ name: 'Dana Kim', email: 'dana@example.com', phone: '+82 10-1234-5678' });

    // Clearing a field (and pressing Enter in the form) saves it empty.
    await startEditing(el);
    fill(input(el, 'phone'), '');
    input(el, 'phone').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !$(el, 'form.contact-form') && shown(el, 'phone') === EMPTY, 'the phone cleared');
    expect((await serverContact(visitor.id)).phone).to.be.null;

    // Cancel restores what was saved and sends nothing.
    await startEditing(el);
    fill(input(el, 'name'), 'Someone else');
    $<HTMLButtonElement>(el, 'button.cancel')!.click();
    await until(() => !$(el, 'form.contact-form'), 'the form to close');
    expect(shown(el, 'name')).to.equal('Dana Kim');
    expect(deepActiveElement() === editButton(el), 'focus back on Edit contact').to.be.true;
    expect((await serverContact(visitor.id)).name).to.equal('Dana Kim');
  });

  it('shows a bad email and a phone with letters beside their fields, keeps what was typed, and changes nothing on the server', async () => {
    const visitor = await newVisitor();
    await op.trpc.operator.visitor.update.mutate({ visitorId: visitor.id, name: 'Original Name', email: 'original@example.com' });
    const before = await serverContact(visitor.id);
    const el = await mount(visitor.id);
    await startEditing(el);
    expect(input(el, 'email').value).to.equal('original@example.com');

    fill(input(el, 'name'), 'New Name');
    fill(input(el, 'email'), 'not-an-email');
    saveButton(el).click();
    await until(() => input(el, 'email').getAttribute('aria-invalid') === 'true', 'the email marked invalid');
    const emailError = $(el, `#${input(el, 'email').getAttribute('aria-describedby')}`);
    expect(textOf(emailError), 'the server’s message, beside the field').to.equal('Enter a valid email address');
    expect(emailError!.closest('.field') === input(el, 'email').closest('.field'), 'the message sits in the email’s field').to.be.true;
    expect(input(el, 'email').value, 'what was typed is kept').to.equal('not-an-email');
    expect(input(el, 'name').value).to.equal('New Name');
    expect(input(el, 'name').getAttribute('aria-invalid')).to.equal('false');
    expect(textOf($(el, '.form-error[role=alert]'))).to.equal('Not saved: fix what is marked.');
    expect(textOf($(el, '.status[role=status]')), 'nothing claims it saved').to.equal('');
    await until(() => deepActiveElement() === input(el, 'email'), 'focus on the field to fix');
    expect(await serverContact(visitor.id), 'neither the email nor the name changed').to.deep.equal(before);
    await expectAccessible(el);

    fill(input(el, 'email'), 'original@example.com');
    fill(input(el, 'phone'), 'call me maybe');
    saveButton(el).click();
    await until(() => input(el, 'phone').getAttribute('aria-invalid') === 'true', 'the phone marked invalid');
    expect(textOf($(el, `#${input(el, 'phone').getAttribute('aria-describedby')}`))).to.equal(
      'A phone number may contain only digits, spaces and + ( ) - .',
    );
    expect(input(el, 'email').getAttribute('aria-invalid'), 'the fixed email is no longer marked').to.equal('false');
    expect(input(el, 'email').hasAttribute('aria-describedby')).to.be.false;
    expect(input(el, 'phone').value).to.equal('call me maybe');
    expect(input(el, 'name').value).to.equal('New Name');
    expect(await serverContact(visitor.id)).to.deep.equal(before);

    // Typing in the field clears its mark.
    fill(input(el, 'phone'), 'call me');
    await el.updateComplete;
    expect(input(el, 'phone').getAttribute('aria-invalid')).to.equal('false');

    // Escape leaves the form and shows what is saved.
    input(el, 'phone').focus();
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'form.contact-form'), 'the form to close on Escape');
    expect(shown(el, 'name')).to.equal('Original Name');
    expect(shown(el, 'email')).to.equal('original@example.com');
    expect(deepActiveElement() === editButton(el), 'focus back on Edit contact').to.be.true;
    expect(await serverContact(visitor.id)).to.deep.equal(before);
  });

  it('lists an earlier chat but not the current one, with its date, status and tags, and opens its transcript once', async () => {
    const visitor = await newVisitor();
    const first = await visitor.say('Is the C2 grinder in stock?');
    const earlier = first.conversationId;
    await op.trpc.operator.accept.mutate({ conversationId: earlier });
    await op.trpc.operator.send.mutate({ conversationId: earlier, clientId: clientId(), text: 'Yes, it ships tomorrow.' });
    await op.trpc.operator.send.mutate({ conversationId: earlier, clientId: clientId(), text: '/help' });
    await op.trpc.operator.end.mutate({ conversationId: earlier, tags: ['stock', 'grinder'] });
    const second = await visitor.say('Back again about my order');
    const current = second.conversationId;
    expect(current).to.not.equal(earlier);

    let transcriptCalls = 0;
    const transcript = session.transcript.bind(session);
    session.transcript = (id) => {
      transcriptCalls++;
      return transcript(id);
    };
    cleanups.push(() => {
      session.transcript = transcript;
    });

    const el = await mount(visitor.id, current);
    await until(() => pastChat(el, earlier), 'the earlier chat in Past chats');
    expect(!!pastChat(el, current), 'the chat open in the panel is not listed').to.be.false;
    expect($$(el, '.past-chat')).to.have.length(1);

    const item = pastChat(el, earlier)!;
    const { createdAt } = (await op.trpc.operator.visitor.get.query({ visitorId: visitor.id })).conversations.find((c) => c.id === earlier)!;
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(createdAt);
    expect(textOf(item.querySelector('time'))).to.equal(date);
    expect(textOf(item.querySelector('.chip'))).to.equal('Ended');
    expect([...item.querySelectorAll('.tag')].map(textOf)).to.deep.equal(['stock', 'grinder']);

    const toggle = item.querySelector<HTMLButtonElement>('button.toggle')!;
    expect(textOf(toggle)).to.equal('Show transcript');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await expectAccessible(el);

    toggle.focus();
    await sendKeys({ press: 'Enter' });
    const lines = () => textOf(item.querySelector('.transcript'));
    await until(() => lines().includes('Yes, it ships tomorrow.'), 'the transcript');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(textOf(toggle)).to.equal('Hide transcript');
    expect(item.querySelector('.transcript')?.id).to.equal(toggle.getAttribute('aria-controls'));

    const visitorLine = item.querySelector('.line[data-author="visitor"]')!;
    expect(textOf(visitorLine.querySelector('.who'))).to.equal(visitor.name);
    expect(textOf(visitorLine.querySelector('.line-text'))).to.equal('Is the C2 grinder in stock?');
    const reply = [...item.querySelectorAll('.line[data-author="operator"]')].find((l) => textOf(l).includes('ships tomorrow'))!;
    expect(textOf(reply.querySelector('.who'))).to.equal(op.me.name);
    expect(lines()).to.include(`${op.me.name} joined the chat`).and.include(`${op.me.name} ended the chat`);
    const internal = item.querySelector('.line.internal');
    expect(!!internal, 'the /help output is listed').to.be.true;
    expect(textOf(internal!.querySelector('.internal-note'))).to.equal('Only operators see this');
    expect(lines(), 'the second chat is not in the first one’s transcript').to.not.include('Back again about my order');
    await expectAccessible(el);

    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(!!item.querySelector('.transcript'), 'the transcript is hidden').to.be.false;
    toggle.click();
    await el.updateComplete;
    expect(lines()).to.include('Yes, it ships tomorrow.');
    expect(transcriptCalls, 'the transcript is read once').to.equal(1);
  });

  it('reloads when the visitor changes and ignores a late answer for the previous visitor', async () => {
    const first = await newVisitor();
    const second = await newVisitor();
    await op.trpc.operator.visitor.update.mutate({ visitorId: first.id, name: 'First Visitor', notes: 'First notes' });
    await op.trpc.operator.visitor.update.mutate({ visitorId: second.id, name: 'Second Visitor' });
    const chatOfSecond = (await second.say('Hello from the second visitor')).conversationId;
    await op.trpc.operator.end.mutate({ conversationId: chatOfSecond });

    const el = await mount(first.id);
    await until(() => shown(el, 'name') === 'First Visitor', 'the first visitor');
    expect(textOf($(el, '[part=past-chats]'))).to.include('No earlier chats.');
    // An edit in progress belongs to the visitor it was started for.
    await startEditing(el);
    fill(input(el, 'name'), 'Half typed');

    el.visitorId = second.id;
    await until(() => shown(el, 'name') === 'Second Visitor', 'the second visitor');
    expect(!!$(el, 'form.contact-form'), 'the edit for the first visitor is gone').to.be.false;
    expect(shown(el, 'notes')).to.equal(EMPTY);
    expect(!!pastChat(el, chatOfSecond), 'the second visitor’s chat').to.be.true;
    expect(await serverContact(first.id)).to.deep.include({ name: 'First Visitor' });

    // The first visitor's answer arrives after the switch to the second: it is not shown.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const visitorDetail = session.visitorDetail.bind(session);
    let lateAnswer: Promise<unknown> | undefined;
    session.visitorDetail = (id) => {
      const answer = id === first.id ? gate.then(() => visitorDetail(id)) : visitorDetail(id);
      if (id === first.id) lateAnswer = answer;
      return answer;
    };
    cleanups.push(() => {
      session.visitorDetail = visitorDetail;
    });
    el.visitorId = first.id;
    await el.updateComplete;
    expect(textOf($(el, '[part=contact] [role=status]')), 'loading, not the second visitor’s details').to.equal('Loading visitor details…');
    el.visitorId = second.id;
    await until(() => shown(el, 'name') === 'Second Visitor', 'the second visitor again');
    release();
    await lateAnswer;
    await el.updateComplete;
    expect(shown(el, 'name')).to.equal('Second Visitor');
    expect(!!pastChat(el, chatOfSecond), 'the second visitor’s chat').to.be.true;
  });
});
