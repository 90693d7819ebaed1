/**
 * Availability through the real server and tRPC client: business hours and holidays, chat
 * stopped, blocked visitors, operator status, meal times, the chat cap, the busy notice, queue
 * position, greeting and title, and settings that are refused and change nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultAvailability, type AvailabilitySettings } from '../../server/src/protocol/availability-shared.js';
import type { ChatMessage, OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import type { BusinessHours } from '../../server/src/protocol/proactive.js';
import { clientId, codeOf, collect, failure, messagesIn, operator, serverPerTest, visitor, type TestServer, type Tracked } from './harness.js';

const MIN = 60_000;
/** Wednesday 25 November 2026, 10:00 UTC: inside the default hours (Mon–Fri 09:00–18:00 UTC). */
const WEDNESDAY_10 = Date.UTC(2026, 10, 25, 10, 0);
const clock = { at: WEDNESDAY_10 };
const t = serverPerTest(() => ({ now: () => clock.at, automatic: true }));

const ALL_DAY: BusinessHours['days'] = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) as BusinessHours['days'];

async function admin(server: TestServer) {
  clock.at = WEDNESDAY_10;
  const op = await operator(server);
  t.later(op.close);
  return op;
}
type Admin = Awaited<ReturnType<typeof admin>>;

/** Saves the defaults with some changes, and returns what was saved. */
async function configure(op: Admin, change: (s: AvailabilitySettings) => void): Promise<AvailabilitySettings> {
  const s = defaultAvailability();
  change(s);
  return op.trpc.admin.availability.update.mutate(s);
}

/** An operator with the panel open: their event stream listens. */
async function panel(op: Admin) {
  const events = collect<Tracked<OperatorStreamEvent>>();
  const sub = op.trpc.operator.events.subscribe({ lastEventId: null }, events);
  t.later(() => sub.unsubscribe());
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  return events;
}

async function chatter(server: TestServer, opts: { language?: string } = {}) {
  const v = await visitor(server);
  t.later(v.close);
  await v.trpc.visitor.pageView.mutate({ url: 'https://shop.example/', language: opts.language ?? 'en-US' });
  const events = collect<Tracked<VisitorStreamEvent>>();
  v.trpc.visitor.events.subscribe({ lastEventId: null }, events);
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  const send = (text: string, extra: Record<string, unknown> = {}) => v.trpc.visitor.send.mutate({ clientId: clientId(), text, ...extra });
  const seen = () => messagesIn(events.items);
  const availability = () => events.items.flatMap((e) => (e.data.type === 'availability' ? [e.data.availability] : [])).at(-1);
  return { ...v, events, send, seen, availability };
}

const automatic = (messages: ChatMessage[]) => messages.filter((m) => m.automatic).map((m) => m.automatic);
const textOf = (messages: ChatMessage[], kind: string) => messages.find((m) => m.automatic === kind)?.text;

async function conversationOf(op: Admin, conversationId: number) {
  return op.trpc.operator.conversation.query({ conversationId });
}

async function secondOperator(server: TestServer, name = 'Sam') {
  const email = `${name.toLowerCase()}@demo.test`;
  await server.chat.createOperator({ accountId: 1, email, name, role: 'operator', password: 'a long password' });
  const op = await operator(server, { email, password: 'a long password' });
  t.later(op.close);
  return op;
}

describe('out of hours', () => {
  it('with intake the chat waits with the message, and is distributed at the next opening', async () => {
    const op = await admin(t.server);
    await op.trpc.admin.settings.update.mutate({
      businessHours: { timeZone: 'UTC', days: { ...ALL_DAY, wed: [{ start: '12:00', end: '18:00' }] } },
      visitGapMinutes: 30,
    });
    await configure(op, (s) => {
      s.messages.outOfHours.enabled = true;
      s.distribution = 'automatic';
    });
    await panel(op);
    const v = await chatter(t.server);
    const sent = await v.send('Are you there?');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['outOfHours']));
    expect(textOf(v.seen(), 'outOfHours')).toBe('We are closed right now. Leave a message and we will reply when we open.');
    const before = await conversationOf(op, sent.conversationId);
    expect(before.conversation).toMatchObject({ status: 'waiting', hold: 'hours', operatorId: null });

    clock.at = Date.UTC(2026, 10, 25, 12, 0);
    t.server.chat.tick();
    const after = await conversationOf(op, sent.conversationId);
    expect(after.conversation).toMatchObject({ status: 'active', operatorId: op.operator.id, hold: null });
    await vi.waitFor(() => expect(v.seen().some((m) => m.event === 'joined')).toBe(true));
  });

  it('in manual distribution the opening clears the hold, and operators hear of it without a new message', async () => {
    const op = await admin(t.server);
    await op.trpc.admin.settings.update.mutate({
      businessHours: { timeZone: 'UTC', days: { ...ALL_DAY, wed: [{ start: '12:00', end: '18:00' }] } },
      visitGapMinutes: 30,
    });
    await configure(op, (s) => (s.messages.outOfHours.enabled = true));
    const events = await panel(op);
    const sent = await (await chatter(t.server)).send('Hello');
    expect((await conversationOf(op, sent.conversationId)).conversation.hold).toBe('hours');
    clock.at = Date.UTC(2026, 10, 25, 12, 0);
    t.server.chat.tick();
    await vi.waitFor(() => {
      const updates = events.items.flatMap((e) => (e.data.type === 'conversation' ? [e.data.conversation] : []));
      expect(updates.at(-1)).toMatchObject({ id: sent.conversationId, status: 'waiting', hold: null });
    });
  });

  it('without intake the chat is closed right after the message', async () => {
    const op = await admin(t.server);
    await op.trpc.admin.settings.update.mutate({ businessHours: { timeZone: 'Asia/Seoul', days: { ...ALL_DAY, wed: [] } }, visitGapMinutes: 30 });
    await configure(op, (s) => {
      s.messages.outOfHours.enabled = true;
      s.outOfHoursIntake = false;
    });
    const v = await chatter(t.server);
    const sent = await v.send('Hello?');
    await vi.waitFor(() => expect(v.seen().at(-1)?.event).toBe('ended'));
    expect(v.seen().map((m) => m.automatic ?? m.event ?? m.text)).toEqual(['Hello?', 'outOfHours', 'ended']);
    expect((await conversationOf(op, sent.conversationId)).conversation.status).toBe('ended');
  });

  it('a holiday closes a day that the weekly hours open', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => {
      s.messages.outOfHours.enabled = true;
      s.holidays = [{ date: '2026-11-25', name: 'Founders day', hours: [] }];
    });
    const v = await chatter(t.server);
    await v.send('Open today?');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['outOfHours']));
  });

  it('the launcher is told it is away outside business hours when the account asks for it', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.launcherAway = true));
    const v = await chatter(t.server);
    expect(v.availability()?.away).toBe(false);
    clock.at = Date.UTC(2026, 10, 25, 19, 0);
    t.server.chat.tick();
    await vi.waitFor(() => expect(v.availability()?.away).toBe(true));
  });
});

describe('chat stopped and blocked visitors', () => {
  it('chat stopped: no conversation is created, the message is refused with the reason and the input is blocked', async () => {
    const op = await admin(t.server);
    const v = await chatter(t.server);
    expect(v.availability()?.blocked).toBeNull();
    await configure(op, (s) => (s.chatStopped = true));
    await vi.waitFor(() => expect(v.availability()?.blocked).toBe('Chat is unavailable right now.'));
    const error = await failure(v.send('Hello'));
    expect(codeOf(error)).toBe('FORBIDDEN');
    expect(error.message).toBe('Chat is unavailable right now.');
    expect((await op.trpc.operator.inbox.query()).conversations).toEqual([]);

    await configure(op, (s) => (s.chatStopped = false));
    await vi.waitFor(() => expect(v.availability()?.blocked).toBeNull());
    await v.send('Hello again');
  });

  it('chat stopped wins over out of hours: one message, the unavailable one', async () => {
    const op = await admin(t.server);
    await op.trpc.admin.settings.update.mutate({ businessHours: { timeZone: 'UTC', days: { ...ALL_DAY, wed: [] } }, visitGapMinutes: 30 });
    await configure(op, (s) => {
      s.chatStopped = true;
      s.messages.outOfHours.enabled = true;
      s.messages.unavailable.text = 'Chat is paused today.';
    });
    const v = await chatter(t.server);
    expect((await failure(v.send('Hi'))).message).toBe('Chat is paused today.');
  });

  it('blocking ends the open chat and blocks the input; unblocking lets the visitor chat again', async () => {
    const op = await admin(t.server);
    await panel(op);
    const v = await chatter(t.server);
    const sent = await v.send('Buy cheap watches');
    await op.trpc.operator.block.mutate({ visitorId: v.visitorId });
    await vi.waitFor(() => expect(v.seen().at(-1)?.event).toBe('ended'));
    await vi.waitFor(() => expect(v.availability()?.blocked).toBe('Chat is unavailable right now.'));
    expect((await conversationOf(op, sent.conversationId)).conversation.visitor.blocked).toBe(true);
    expect(codeOf(await failure(v.send('again')))).toBe('FORBIDDEN');

    await op.trpc.operator.unblock.mutate({ visitorId: v.visitorId });
    await vi.waitFor(() => expect(v.availability()?.blocked).toBeNull());
    const next = await v.send('Sorry');
    expect(next.conversationId).not.toBe(sent.conversationId);
  });

  it('an operator cannot block a visitor of another account', async () => {
    const op = await admin(t.server);
    const error = await failure(op.trpc.operator.block.mutate({ visitorId: 9999 }));
    expect(codeOf(error)).toBe('NOT_FOUND');
  });
});

describe('operator status and distribution', () => {
  it('the only operator on break: the chat waits with the unavailable message, and is assigned when they come back', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => {
      s.distribution = 'automatic';
      s.messages.greeting.enabled = true;
    });
    const team = await panel(op);
    await op.trpc.operator.setStatus.mutate({ status: 'break' });
    await vi.waitFor(() => {
      const last = team.items.findLast((e) => e.data.type === 'team')?.data as Extract<OperatorStreamEvent, { type: 'team' }>;
      expect(last.operators.find((o) => o.id === op.operator.id)?.status).toBe('break');
    });
    const v = await chatter(t.server);
    const sent = await v.send('Anyone?');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['unavailable']));
    expect((await conversationOf(op, sent.conversationId)).conversation).toMatchObject({ status: 'waiting', hold: 'unavailable' });

    await op.trpc.operator.setStatus.mutate({ status: 'online' });
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['unavailable', 'greeting']));
    expect(textOf(v.seen(), 'greeting')).toBe(`Hi, this is ${op.operator.name}. How can I help you today?`);
    expect((await conversationOf(op, sent.conversationId)).conversation).toMatchObject({ status: 'active', operatorId: op.operator.id });
  });

  it('nobody with the panel open counts as unavailable; in manual distribution the chat stays for someone to take', async () => {
    const op = await admin(t.server);
    const v = await chatter(t.server);
    const sent = await v.send('Hello');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['unavailable']));
    await panel(op);
    const detail = await conversationOf(op, sent.conversationId);
    expect(detail.conversation).toMatchObject({ status: 'waiting', hold: null, operatorId: null });
  });

  it('automatic distribution gives the chat to the least busy operator', async () => {
    const alex = await admin(t.server);
    await configure(alex, (s) => (s.distribution = 'automatic'));
    const sam = await secondOperator(t.server);
    await panel(alex);
    await panel(sam);
    const first = await (await chatter(t.server)).send('one');
    const second = await (await chatter(t.server)).send('two');
    const owners = [
      (await conversationOf(alex, first.conversationId)).conversation.operatorId,
      (await conversationOf(alex, second.conversationId)).conversation.operatorId,
    ];
    expect(new Set(owners)).toEqual(new Set([alex.operator.id, sam.operator.id]));
  });

  it('queue count: the second unanswered chat of the same operator hears how many are ahead, once', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.distribution = 'automatic'));
    await panel(op);
    const a = await chatter(t.server);
    await a.send('first');
    const b = await chatter(t.server);
    await b.send('second');
    await vi.waitFor(() => expect(automatic(b.seen())).toEqual(['queue']));
    expect(textOf(b.seen(), 'queue')).toBe('Chats ahead of yours: 1. We will be with you shortly.');
    expect(automatic(a.seen())).toEqual([]);
    await b.send('still there?');
    expect(automatic(b.seen())).toEqual(['queue']);
  });
});

describe('meal times', () => {
  it("everyone's meal without intake: the fixed prefix with the end time, then distribution when it ends", async () => {
    const op = await admin(t.server);
    await configure(op, (s) => {
      s.distribution = 'automatic';
      s.meals = [{ operatorId: null, days: ['wed'], start: '09:30', end: '10:30', intake: false }];
      s.messages.meal.text = 'Leave your question here.';
    });
    await panel(op);
    const v = await chatter(t.server);
    const sent = await v.send('Lunch?');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['meal']));
    expect(textOf(v.seen(), 'meal')).toBe('Hello, chat is unavailable for our meal break until 10:30. Leave your question here.');
    expect((await conversationOf(op, sent.conversationId)).conversation.hold).toBe('meal');

    clock.at = Date.UTC(2026, 10, 25, 10, 30);
    t.server.chat.tick();
    await vi.waitFor(async () => expect((await conversationOf(op, sent.conversationId)).conversation.status).toBe('active'));
  });

  it("an operator's own meal sets their status and says \"right now\" when nobody else can serve", async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.meals = [{ operatorId: op.operator.id, days: ['wed'], start: '09:30', end: '10:30', intake: false }]));
    await panel(op);
    expect((await op.trpc.operator.team.query()).find((o) => o.id === op.operator.id)?.status).toBe('meal');
    const v = await chatter(t.server, { language: 'fr-FR' });
    await v.send('Bonjour');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['meal']));
    expect(textOf(v.seen(), 'meal')).toBe('Bonjour, le chat est indisponible pour notre pause repas en ce moment. Nous vous répondrons dès notre retour.');
  });
});

describe('the chat cap', () => {
  it('cap 3 with intake: the 4th chat waits outside the cap and is admitted when one ends', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.cap = { enabled: true, limit: 3, intake: true }));
    await panel(op);
    const chats = [];
    for (const text of ['one', 'two', 'three']) chats.push(await (await chatter(t.server)).send(text));
    const fourth = await chatter(t.server);
    const sent = await fourth.send('four');
    await vi.waitFor(() => expect(automatic(fourth.seen())).toEqual(['cap']));
    expect((await conversationOf(op, sent.conversationId)).conversation.hold).toBe('cap');

    await op.trpc.operator.end.mutate({ conversationId: chats[0]!.conversationId });
    await vi.waitFor(async () => expect((await conversationOf(op, sent.conversationId)).conversation.hold).toBeNull());
  });

  it('cap 3 without intake: the 4th chat is refused and nothing is created', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.cap = { enabled: true, limit: 3, intake: false }));
    for (const text of ['one', 'two', 'three']) await (await chatter(t.server)).send(text);
    const fourth = await chatter(t.server);
    const error = await failure(fourth.send('four'));
    expect(codeOf(error)).toBe('FORBIDDEN');
    expect(error.message).toBe('All our operators are busy right now. Please try again in a few minutes.');
    expect((await op.trpc.operator.inbox.query()).conversations).toHaveLength(3);
  });

  it('chats older than 7 days no longer count toward the cap', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.cap = { enabled: true, limit: 3, intake: false }));
    clock.at = WEDNESDAY_10 - 8 * 24 * 60 * MIN;
    for (const text of ['one', 'two', 'three']) await (await chatter(t.server)).send(text);
    clock.at = WEDNESDAY_10;
    await (await chatter(t.server)).send('four');
  });
});

describe('the busy notice', () => {
  it('is sent at the request, again 5 minutes after it when the visitor writes, and no more once an operator replied', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.messages.busy.enabled = true));
    await panel(op);
    const v = await chatter(t.server);
    const sent = await v.send('Hello');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['busy']));
    clock.at += 4 * MIN + 59_000;
    await v.send('Still here');
    clock.at += 1_000;
    await v.send('Hello??');
    await vi.waitFor(() => expect(automatic(v.seen())).toEqual(['busy', 'busy']));

    await op.trpc.operator.accept.mutate({ conversationId: sent.conversationId });
    await op.trpc.operator.send.mutate({ conversationId: sent.conversationId, clientId: clientId(), text: 'Hi!' });
    clock.at += 10 * MIN;
    await v.send('Thanks');
    await vi.waitFor(() => expect(v.seen().at(-1)?.text).toBe('Thanks'));
    expect(automatic(v.seen())).toEqual(['busy', 'busy']);
  });
});

describe('greeting, title, language, categories', () => {
  it('the title is the operator\'s first line, made of the category; the visitor never receives it', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => {
      s.messages.title.enabled = true;
      s.categories = [{ name: 'Orders', divisions: ['Refund', 'Delivery'] }];
    });
    const events = await panel(op);
    const v = await chatter(t.server);
    const sent = await v.send('Where is my parcel?', { category: { name: 'Orders', division: 'Delivery' } });
    const detail = await conversationOf(op, sent.conversationId);
    expect(detail.messages.map((m) => [m.automatic, m.internal, m.text])).toEqual([
      ['title', true, 'Orders / Delivery'],
      [null, false, 'Where is my parcel?'],
    ]);
    expect(detail.conversation.category).toEqual({ name: 'Orders', division: 'Delivery' });
    await vi.waitFor(() => expect(messagesIn(events.items).some((m) => m.automatic === 'title')).toBe(true));
    await new Promise((r) => setTimeout(r, 100));
    expect(v.seen().some((m) => m.internal || m.automatic === 'title')).toBe(false);
    // A reloaded widget's history does not carry it either.
    const again = collect<Tracked<VisitorStreamEvent>>();
    v.trpc.visitor.events.subscribe({ lastEventId: null }, again);
    await vi.waitFor(() => expect(again.items.some((e) => e.data.type === 'synced')).toBe(true));
    expect(messagesIn(again.items).map((m) => m.text)).toEqual(['Where is my parcel?']);
  });

  it('an unknown category is refused and nothing is created', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.categories = [{ name: 'Orders', divisions: [] }]));
    const v = await chatter(t.server);
    const error = await failure(v.send('Hi', { category: { name: 'Returns' } }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toBe('Unknown category "Returns"');
    expect((await op.trpc.operator.inbox.query()).conversations).toEqual([]);
  });

  it('automatic messages speak the visitor\'s language', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => (s.messages.busy.enabled = true));
    await panel(op);
    const v = await chatter(t.server);
    await v.send('안녕하세요', { locale: 'ko' });
    await vi.waitFor(() => expect(textOf(v.seen(), 'busy')).toBe('지금은 문의가 많아 답변이 늦어질 수 있습니다. 최대한 빨리 답변 드리겠습니다.'));
  });

  it('images and buttons travel with the message', async () => {
    const op = await admin(t.server);
    await configure(op, (s) => {
      s.messages.busy.enabled = true;
      s.messages.busy.buttons = [{ label: 'Help center', url: 'https://help.example/' }];
    });
    await panel(op);
    const v = await chatter(t.server);
    await v.send('Hi');
    await vi.waitFor(() => expect(v.seen().find((m) => m.automatic === 'busy')?.extras).toEqual({ buttons: [{ label: 'Help center', url: 'https://help.example/' }] }));
  });
});

describe('settings that are refused change nothing', () => {
  const cases: Array<[string, (s: AvailabilitySettings) => void, RegExp]> = [
    ['a cap under 3', (s) => (s.cap.limit = 2), /cap\.limit: The chat cap is between 3 and 1000/],
    ['a cap over 1000', (s) => (s.cap.limit = 1001), /The chat cap is between 3 and 1000/],
    ['a meal that ends before it starts', (s) => (s.meals = [{ operatorId: null, days: ['mon'], start: '13:00', end: '12:00', intake: false }]), /meals\.0\.end: A meal time must end after it starts/],
    ['a holiday whose hours end before they start', (s) => (s.holidays = [{ date: '2026-12-24', name: 'Eve', hours: [{ start: '14:00', end: '09:00' }] }]), /holidays\.0\.hours\.0\.end: Holiday hours must end after they start/],
    ['text over 200 characters', (s) => (s.messages.busy.text = 'x'.repeat(201)), /messages\.busy\.text: The text can be at most 200 characters/],
    ['a 4th button', (s) => (s.messages.busy.buttons = [1, 2, 3, 4].map((i) => ({ label: `B${i}`, url: 'https://a.example/' }))), /At most 3 buttons/],
    ['an unknown placeholder', (s) => (s.messages.greeting.text = 'Hi [customer]'), /Unknown placeholder \[customer\]; this message can use \[counselor_name\]/],
    ['an image that was never uploaded', (s) => (s.messages.busy.image = '/files/abcdefghijkl'), /no uploaded file/],
    ['a button that is not a web link', (s) => (s.messages.busy.buttons = [{ label: 'Run', url: 'javascript:alert(1)' }]), /http:\/\/ or https:\/\//],
  ];
  it.each(cases)('%s', async (_, change, message) => {
    const op = await admin(t.server);
    const before = await op.trpc.admin.availability.get.query();
    const s = defaultAvailability();
    change(s);
    const error = await failure(op.trpc.admin.availability.update.mutate(s));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect(await op.trpc.admin.availability.get.query()).toEqual(before);
  });

  it('an unknown time zone is refused', async () => {
    const op = await admin(t.server);
    const error = await failure(op.trpc.admin.settings.update.mutate({ businessHours: { timeZone: 'Mars/Olympus', days: ALL_DAY }, visitGapMinutes: 30 }));
    expect(error.message).toMatch(/Unknown time zone/);
  });

  it('only admins change settings', async () => {
    await admin(t.server);
    const sam = await secondOperator(t.server);
    expect(codeOf(await failure(sam.trpc.admin.availability.update.mutate(defaultAvailability())))).toBe('FORBIDDEN');
  });
});
