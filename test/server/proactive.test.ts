/**
 * Proactive messages through the real server and tRPC client: the admin's actions and limits,
 * offers to visitors' tabs (frequency, timing, one at a time, not during a conversation),
 * capture and counters, and bad input that is refused and writes nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { VisitorStreamEvent } from '../../server/src/protocol/index.js';
import type { ProactiveFieldsInput, ProactiveOffer } from '../../server/src/protocol/proactive.js';
import { clientId, codeOf, collect, failure, operator, serverPerTest, visitor, type TestServer, type Tracked } from './harness.js';

const clock = { offset: 0 };
const t = serverPerTest(() => ({ now: () => Date.now() + clock.offset }));

const MIN = 60_000;
const SITE = 1;

function fields(over: Partial<ProactiveFieldsInput> = {}): ProactiveFieldsInput {
  return {
    name: 'Pricing help',
    siteId: SITE,
    text: 'Questions about our plans?',
    capture: 'email',
    followUp: 'Thanks, we will write to you.',
    tags: ['pricing', 'vip'],
    rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/pricing' }] },
    schedule: 'always',
    frequency: 'oncePerVisit',
    ...over,
  };
}

async function admin(server: TestServer) {
  const op = await operator(server);
  t.later(op.close);
  return op;
}

type Admin = Awaited<ReturnType<typeof admin>>;

async function live(op: Admin, over: Partial<ProactiveFieldsInput> = {}) {
  const created = await op.trpc.admin.proactive.create.mutate(fields(over));
  return op.trpc.admin.proactive.publish.mutate({ id: created.id });
}

/** A visitor's tab with its event stream; `token` opens another tab of the same visitor. */
async function tab(server: TestServer, token?: string) {
  const v = await visitor(server, token);
  t.later(v.close);
  const events = collect<Tracked<VisitorStreamEvent>>();
  v.trpc.visitor.events.subscribe({ lastEventId: null }, events);
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  const offers = () => events.items.flatMap((e) => (e.data.type === 'proactive' ? [e.data.offer] : [])) as ProactiveOffer[];
  const view = (path: string) =>
    v.trpc.visitor.pageView.mutate({ url: `https://shop.example${path}`, title: path, device: 'desktop', language: 'en-US' });
  return { ...v, events, offers, view };
}

/** Lets pending offers arrive before asserting that none did. */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('offers', () => {
  it('offers a live message to the tab whose page matches, once per visit, and counts it as sent', async () => {
    const { server } = t;
    const op = await admin(server);
    const m = await live(op);
    const v = await tab(server);
    await v.view('/home');
    await settle();
    expect(v.offers()).toEqual([]);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    expect(v.offers()[0]).toMatchObject({ messageId: m.id, text: 'Questions about our plans?', capture: 'email', sender: { name: 'Alex' } });
    // A reload in the same visit: no second bubble.
    await v.view('/pricing');
    await settle();
    expect(v.offers()).toHaveLength(1);
    // After 30 minutes away, a new visit: offered again.
    clock.offset += 31 * MIN;
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(2));
    clock.offset = 0;
    const list = await op.trpc.admin.proactive.list.query();
    expect(list.messages.find((x) => x.id === m.id)).toMatchObject({ sent: 2, read: 0, replied: 0 });
  });

  it('keeps an offer for a tab whose page view arrived before its stream listened', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op);
    const v = await visitor(server);
    t.later(v.close);
    await v.trpc.visitor.pageView.mutate({ url: 'https://shop.example/pricing' });
    const events = collect<Tracked<VisitorStreamEvent>>();
    v.trpc.visitor.events.subscribe({ lastEventId: null }, events);
    await vi.waitFor(() => expect(events.items.map((e) => e.data.type).filter((t) => t !== 'availability')).toEqual(['synced', 'proactive']));
  });

  it('"once" is never shown twice, even to two tabs of the same visitor viewing at the same moment', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, { frequency: 'once' });
    const a = await tab(server);
    const b = await tab(server, a.token);
    await Promise.all([a.view('/pricing'), b.view('/pricing')]);
    await vi.waitFor(() => expect(a.offers().length + b.offers().length).toBe(1));
    clock.offset += 2 * 60 * MIN;
    await Promise.all([a.view('/pricing'), b.view('/pricing')]);
    await settle();
    clock.offset = 0;
    expect(a.offers().length + b.offers().length).toBe(1);
  });

  it('"every time" is shown at most once per page view, on every page view that matches', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, { frequency: 'everyTime' });
    const v = await tab(server);
    await v.view('/pricing');
    await v.view('/pricing?plan=pro');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(2));
    // Setting attributes re-evaluates the same page view: not a second bubble on it.
    await v.trpc.visitor.setAttributes.mutate({ attributes: { plan: 'pro' } });
    await settle();
    expect(v.offers()).toHaveLength(2);
  });

  it('a time condition fires on time, pushed by the server without the tab asking again', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, {
      rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/pricing' }, { field: 'timeOnPage', op: 'gte', value: 1 }] },
    });
    const v = await tab(server);
    const page = await v.view('/pricing');
    await settle();
    expect(v.offers()).toEqual([]);
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1), { timeout: 3000 });
    expect(v.offers()[0]!.at - page.at).toBeGreaterThanOrEqual(1000);
  });

  it('a visitor who leaves the page before the time is up gets nothing', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, {
      rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/pricing' }, { field: 'timeOnPage', op: 'gte', value: 1 }] },
    });
    const v = await tab(server);
    await v.view('/pricing');
    await v.view('/home');
    await new Promise((r) => setTimeout(r, 1300));
    expect(v.offers()).toEqual([]);
  });

  it('shows one bubble at a time: the first in the marketer order wins, and reordering changes it', async () => {
    const { server } = t;
    const op = await admin(server);
    const first = await live(op, { name: 'First', frequency: 'everyTime' });
    const second = await live(op, { name: 'Second', frequency: 'everyTime' });
    const v = await tab(server);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    expect(v.offers()[0]!.messageId).toBe(first.id);
    const ids = (await op.trpc.admin.proactive.list.query()).messages.map((m) => m.id);
    await op.trpc.admin.proactive.reorder.mutate({ ids: [second.id, ...ids.filter((id) => id !== second.id)] });
    await v.view('/pricing?again');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(2));
    expect(v.offers()[1]!.messageId).toBe(second.id);
  });

  it('offers nothing to a visitor who is in a conversation', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, { frequency: 'everyTime' });
    const v = await tab(server);
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello' });
    await v.view('/pricing');
    await settle();
    expect(v.offers()).toEqual([]);
    await v.trpc.visitor.end.mutate();
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
  });

  it('targets custom attributes set by the host page', async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, {
      rules: { match: 'all', conditions: [{ field: 'attribute', name: 'cartValue', op: 'gte', value: 100 }] },
    });
    const v = await tab(server);
    await v.view('/cart');
    await v.trpc.visitor.setAttributes.mutate({ attributes: { cartValue: 40 } });
    await settle();
    expect(v.offers()).toEqual([]);
    const { attributes } = await v.trpc.visitor.setAttributes.mutate({ attributes: { cartValue: 120, plan: 'pro' } });
    expect(attributes).toEqual({ cartValue: 120, plan: 'pro' });
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
  });

  it('honours the schedule against the account business hours', async () => {
    const { server } = t;
    const op = await admin(server);
    const closedAllWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await op.trpc.admin.settings.update.mutate({ businessHours: { timeZone: 'Asia/Seoul', days: closedAllWeek }, visitGapMinutes: 30 });
    await live(op, { name: 'In hours', schedule: 'inHours', frequency: 'everyTime' });
    const out = await live(op, { name: 'Out of hours', schedule: 'outOfHours', frequency: 'everyTime' });
    const v = await tab(server);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    expect(v.offers()[0]!.messageId).toBe(out.id);
  });
});

describe('capture and counters', () => {
  it('refuses an invalid email and writes nothing; a valid one starts a queued conversation with details, tags and follow-up', async () => {
    const { server } = t;
    const op = await admin(server);
    const m = await live(op);
    const v = await tab(server);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    const { deliveryId } = v.offers()[0]!;
    await v.trpc.visitor.proactive.opened.mutate({ deliveryId });

    const bad = await failure(v.trpc.visitor.proactive.capture.mutate({ deliveryId, email: 'not-an-email' }));
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    expect(bad.message).toBe('Enter a valid email address, like name@example.com');
    expect(server.store.latestConversationOf(v.visitorId)).toBeNull();
    expect(server.store.visitor(v.visitorId)!.email).toBeNull();

    const { conversationId } = await v.trpc.visitor.proactive.capture.mutate({ deliveryId, email: 'ann@example.com' });
    const inbox = await op.trpc.operator.inbox.query();
    const c = inbox.conversations.find((x) => x.id === conversationId)!;
    expect(c).toMatchObject({ status: 'waiting', proactive: { id: m.id, name: 'Pricing help' }, tags: ['pricing', 'vip'] });
    expect(c.visitor.email).toBe('ann@example.com');
    const detail = await op.trpc.operator.conversation.query({ conversationId });
    expect(detail.messages.map((x) => [x.author, x.authorName, x.text])).toEqual([
      ['system', 'Alex', 'Questions about our plans?'],
      ['system', 'Alex', 'Thanks, we will write to you.'],
    ]);
    // The visitor's tab sees the same lines.
    await vi.waitFor(() =>
      expect(v.events.items.flatMap((e) => (e.data.type === 'message' ? [e.data.message.text] : []))).toEqual([
        'Questions about our plans?',
        'Thanks, we will write to you.',
      ]),
    );
    // Writing afterwards counts no second reply.
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Also, do you ship to Canada?', deliveryId });
    const row = (await op.trpc.admin.proactive.list.query()).messages.find((x) => x.id === m.id)!;
    expect(row).toMatchObject({ sent: 1, read: 1, replied: 1 });
  });

  it('a visitor who writes in answer to a message without a form starts the conversation with it and gets the follow-up', async () => {
    const { server } = t;
    const op = await admin(server);
    const m = await live(op, { capture: 'none', followUp: 'Someone will be right with you.' });
    const v = await tab(server);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    const { deliveryId } = v.offers()[0]!;
    const sent = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Is there a student plan?', deliveryId });
    const detail = await op.trpc.operator.conversation.query({ conversationId: sent.conversationId });
    expect(detail.messages.map((x) => x.text)).toEqual(['Questions about our plans?', 'Is there a student plan?', 'Someone will be right with you.']);
    expect(detail.conversation.proactive).toEqual({ id: m.id, name: 'Pricing help' });
    const row = (await op.trpc.admin.proactive.list.query()).messages.find((x) => x.id === m.id)!;
    expect(row).toMatchObject({ sent: 1, read: 1, replied: 1 });
  });

  it("asks for the fields the message's form has", async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op, { capture: 'nameEmail' });
    const v = await tab(server);
    await v.view('/pricing');
    await vi.waitFor(() => expect(v.offers()).toHaveLength(1));
    const { deliveryId } = v.offers()[0]!;
    const noName = await failure(v.trpc.visitor.proactive.capture.mutate({ deliveryId, email: 'ann@example.com' }));
    expect(noName.message).toBe('Enter your name');
    const noEmail = await failure(v.trpc.visitor.proactive.capture.mutate({ deliveryId, name: 'Ann' }));
    expect(noEmail.message).toBe('Enter your email address');
    expect(server.store.latestConversationOf(v.visitorId)).toBeNull();
  });

  it("refuses another visitor's delivery, and an unknown one, as not found", async () => {
    const { server } = t;
    const op = await admin(server);
    await live(op);
    const owner = await tab(server);
    await owner.view('/pricing');
    await vi.waitFor(() => expect(owner.offers()).toHaveLength(1));
    const { deliveryId } = owner.offers()[0]!;
    const other = await tab(server);
    for (const id of [deliveryId, 999_999]) {
      const opened = await failure(other.trpc.visitor.proactive.opened.mutate({ deliveryId: id }));
      expect(codeOf(opened)).toBe('NOT_FOUND');
      const captured = await failure(other.trpc.visitor.proactive.capture.mutate({ deliveryId: id, email: 'x@example.com' }));
      expect(captured.message).toBe('This message is no longer available');
      const sent = await failure(other.trpc.visitor.send.mutate({ clientId: clientId(), text: 'hi', deliveryId: id }));
      expect(codeOf(sent)).toBe('NOT_FOUND');
    }
    expect(server.store.latestConversationOf(other.visitorId)).toBeNull();
    const row = (await op.trpc.admin.proactive.list.query()).messages.find((x) => x.name === 'Pricing help')!;
    expect(row).toMatchObject({ read: 0, replied: 0 });
  });
});

describe('admin', () => {
  it('a new account starts with 3 starter drafts, and the list shows the count out of 140', async () => {
    const op = await admin(t.server);
    const list = await op.trpc.admin.proactive.list.query();
    expect(list.count).toBe(3);
    expect(list.limit).toBe(140);
    expect(list.messages.map((m) => [m.status, m.position])).toEqual([['draft', 1], ['draft', 2], ['draft', 3]]);
    expect(list.messages[0]!.actions).toEqual(['edit', 'clone', 'publish', 'delete']);
    expect(list.sites).toEqual([{ id: SITE, name: 'Demo shop' }]);
  });

  it('allows each action only in its statuses, and says why otherwise', async () => {
    const op = await admin(t.server);
    const { id } = await op.trpc.admin.proactive.create.mutate(fields());
    const pause = await failure(op.trpc.admin.proactive.pause.mutate({ id }));
    expect(codeOf(pause)).toBe('CONFLICT');
    expect(pause.message).toBe('Only a live message can be paused; this one is draft');
    expect((await op.trpc.admin.proactive.publish.mutate({ id })).status).toBe('live');
    expect((await failure(op.trpc.admin.proactive.publish.mutate({ id }))).message).toBe('Only a draft can be published; this one is live');
    expect((await failure(op.trpc.admin.proactive.resume.mutate({ id }))).message).toBe('Only a paused message can be resumed; this one is live');
    const paused = await op.trpc.admin.proactive.pause.mutate({ id });
    expect(paused).toMatchObject({ status: 'paused', actions: ['edit', 'clone', 'resume', 'delete'] });
    expect((await op.trpc.admin.proactive.resume.mutate({ id })).status).toBe('live');
    const clone = await op.trpc.admin.proactive.clone.mutate({ id });
    expect(clone).toMatchObject({ status: 'draft', name: 'Copy of Pricing help', sent: 0 });
    const edited = await op.trpc.admin.proactive.update.mutate({ id, fields: fields({ text: 'New text' }) });
    expect(edited).toMatchObject({ status: 'live', text: 'New text' });
    await op.trpc.admin.proactive.remove.mutate({ id });
    expect(codeOf(await failure(op.trpc.admin.proactive.get.query({ id })))).toBe('NOT_FOUND');
  });

  it('refuses the 141st message, by create or clone, and writes nothing', async () => {
    const { server } = t;
    const op = await admin(server);
    for (let i = 3; i < 140; i++) await op.trpc.admin.proactive.create.mutate(fields({ name: `Message ${i}` }));
    const create = await failure(op.trpc.admin.proactive.create.mutate(fields({ name: 'One too many' })));
    expect(codeOf(create)).toBe('PRECONDITION_FAILED');
    expect(create.message).toBe('An account can hold at most 140 proactive messages; delete one first');
    const { messages } = await op.trpc.admin.proactive.list.query();
    const clone = await failure(op.trpc.admin.proactive.clone.mutate({ id: messages[0]!.id }));
    expect(clone.message).toMatch(/at most 140/);
    const after = await op.trpc.admin.proactive.list.query();
    expect(after.count).toBe(140);
    expect(after.messages.some((m) => m.name === 'One too many' || m.name.startsWith('Copy of'))).toBe(false);
  });

  it('lets exactly one of two concurrent creates at 139 succeed', async () => {
    const { server } = t;
    const op = await admin(server);
    const other = await admin(server);
    for (let i = 3; i < 139; i++) await op.trpc.admin.proactive.create.mutate(fields({ name: `Message ${i}` }));
    const results = await Promise.allSettled([
      op.trpc.admin.proactive.create.mutate(fields({ name: 'Racer A' })),
      other.trpc.admin.proactive.create.mutate(fields({ name: 'Racer B' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await op.trpc.admin.proactive.list.query()).count).toBe(140);
  });

  it('turns messages to error, saying what is missing, when their channel or sender is deleted', async () => {
    const { server } = t;
    const op = await admin(server);
    const accountId = server.store.siteByKey('demo')!.accountId;
    const sam = await server.chat.createOperator({ accountId, email: 'sam@demo.test', name: 'Sam', role: 'admin', password: 'sam password 1' });
    server.store.setDefaultSender(SITE, sam.id);
    const bySam = await live(op, { name: 'Sent as Sam' });
    expect(bySam.sender).toEqual({ id: sam.id, name: 'Sam' });
    await op.trpc.admin.operators.remove.mutate({ id: sam.id });
    expect(await op.trpc.admin.proactive.get.query({ id: bySam.id })).toMatchObject({
      status: 'error',
      error: "Its sender was deleted: set the channel's default sender",
      actions: ['edit', 'delete'],
    });
    // An edit restores a sender; the message waits, paused, for someone to resume it.
    const fixed = await op.trpc.admin.proactive.update.mutate({ id: bySam.id, fields: fields({ name: 'Sent as Sam' }) });
    expect(fixed).toMatchObject({ status: 'paused', error: null, sender: { name: 'Alex' } });

    const other = server.store.createSite({ accountId, name: 'Blog', siteKey: 'blog', allowedOrigins: [] }, Date.now());
    const onBlog = await live(op, { name: 'On the blog', siteId: other.id });
    await op.trpc.admin.sites.remove.mutate({ id: other.id });
    expect(await op.trpc.admin.proactive.get.query({ id: onBlog.id })).toMatchObject({
      status: 'error',
      error: 'Its channel was deleted: choose another channel',
    });
  });

  it('the simulator says which message would be shown and why each other would not', async () => {
    const op = await admin(t.server);
    const pricing = await live(op, {
      name: 'Pricing, 30 s',
      rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/pricing' }, { field: 'timeOnPage', op: 'gte', value: 30 }] },
    });
    const mobile = await live(op, { name: 'Mobile only', rules: { match: 'all', conditions: [{ field: 'device', op: 'is', value: 'mobile' }] } });
    const anyone = await live(op, { name: 'Anyone', rules: { match: 'all', conditions: [] } });
    const later = await live(op, { name: 'Also anyone', rules: { match: 'any', conditions: [] } });
    const seen = await live(op, { name: 'Seen already', frequency: 'once', rules: { match: 'all', conditions: [] } });
    const result = await op.trpc.admin.proactive.simulate.query({
      siteId: SITE,
      url: 'https://shop.example/pricing',
      timeOnPage: 10,
      shown: [{ messageId: seen.id, when: 'earlierVisit' }],
    });
    expect(result.winnerId).toBe(anyone.id);
    const byId = new Map(result.results.map((r) => [r.id, r]));
    expect(byId.get(pricing.id)).toMatchObject({ verdict: 'condition', reason: 'Condition not met: seconds on page ≥ 30' });
    expect(byId.get(mobile.id)).toMatchObject({ verdict: 'condition', reason: 'Condition not met: device is "mobile"' });
    expect(byId.get(anyone.id)!.verdict).toBe('shown');
    expect(byId.get(later.id)!.verdict).toBe('outranked');
    expect(byId.get(seen.id)).toMatchObject({ verdict: 'frequency', reason: 'Already shown: it is sent once per visitor' });
    expect(result.results.filter((r) => r.status === 'draft').every((r) => r.verdict === 'notLive')).toBe(true);
  });

  it('refuses operators without the admin role', async () => {
    const { server } = t;
    const accountId = server.store.siteByKey('demo')!.accountId;
    await server.chat.createOperator({ accountId, email: 'kim@demo.test', name: 'Kim', role: 'operator', password: 'kim password 1' });
    const kim = await operator(server, { email: 'kim@demo.test', password: 'kim password 1' });
    t.later(kim.close);
    for (const call of [
      kim.trpc.admin.proactive.list.query(),
      kim.trpc.admin.proactive.create.mutate(fields()),
      kim.trpc.admin.settings.update.mutate({ businessHours: { timeZone: 'UTC', days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, visitGapMinutes: 30 }),
    ]) {
      const error = await failure(call);
      expect(codeOf(error)).toBe('FORBIDDEN');
      expect(error.message).toBe('This needs the admin role');
    }
    expect(server.store.proactive.count(accountId)).toBe(3);
  });
});

describe('bad input is refused with a clear error and writes nothing', () => {
  const cases: Array<[string, Partial<ProactiveFieldsInput> | Record<string, unknown>, RegExp]> = [
    ['a malformed rule', { rules: { match: 'every', conditions: 'url' } }, /^rules\.match: match must be "all" or "any"; rules\.conditions: /],
    ['a rule of 2 conditions with a nested group', {
      rules: { match: 'all', conditions: [
        { field: 'url', op: 'contains', value: '/a' },
        { match: 'any', conditions: [{ field: 'device', op: 'is', value: 'mobile' }] },
      ] },
    }, /^rules\.conditions: A rule can nest a group only when it has 3 or more conditions; this one has 2$/],
    ['a wildcard pattern of 10,000 *', { rules: { match: 'all', conditions: [{ field: 'url', op: 'matches', value: '*'.repeat(10_000) }] } },
      /^rules\.conditions\.0\.value: value can be at most 500 characters$/],
    ['a number operator on a text field', { rules: { match: 'all', conditions: [{ field: 'url', op: 'gte', value: 3 }] } },
      /^rules\.conditions\.0\.op: url cannot use "gte"/],
    ['text over the length limit', { text: 'x'.repeat(301) }, /^text: The message text can be at most 300 characters$/],
    ['an unknown field', { colour: 'red' }, /Unrecognized key: "colour"/],
  ];

  it.each(cases)('%s', async (_name, over, message) => {
    const { server } = t;
    const op = await admin(server);
    const error = await failure(op.trpc.admin.proactive.create.mutate({ ...fields(), ...over } as ProactiveFieldsInput));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toMatch(message);
    expect((await op.trpc.admin.proactive.list.query()).count).toBe(3);
  });

  it('an unknown channel, and another account\'s channel', async () => {
    const { server } = t;
    const op = await admin(server);
    const accountId = server.store.createAccount('Other', Date.now());
    const theirs = server.store.createSite({ accountId, name: 'Theirs', siteKey: 'theirs', allowedOrigins: [] }, Date.now());
    for (const siteId of [999, theirs.id]) {
      const error = await failure(op.trpc.admin.proactive.create.mutate(fields({ siteId })));
      expect(codeOf(error)).toBe('BAD_REQUEST');
      expect(error.message).toBe(`Unknown channel ${siteId}`);
    }
    expect((await op.trpc.admin.proactive.list.query()).count).toBe(3);
  });

  it('business hours that end before they start, and an unknown time zone', async () => {
    const op = await admin(t.server);
    const before = await op.trpc.admin.settings.get.query();
    const days = { ...before.businessHours.days, mon: [{ start: '18:00', end: '09:00' }] };
    const backwards = await failure(op.trpc.admin.settings.update.mutate({ businessHours: { ...before.businessHours, days }, visitGapMinutes: 30 }));
    expect(backwards.message).toBe('businessHours.days.mon.0.end: Business hours must end after they start');
    const zone = await failure(op.trpc.admin.settings.update.mutate({ businessHours: { ...before.businessHours, timeZone: 'Mars/Olympus' }, visitGapMinutes: 30 }));
    expect(zone.message).toBe('businessHours.timeZone: Unknown time zone: use an IANA name such as Europe/Paris');
    expect(await op.trpc.admin.settings.get.query()).toEqual(before);
  });

  it('a reorder that does not list every message once', async () => {
    const op = await admin(t.server);
    const { messages } = await op.trpc.admin.proactive.list.query();
    const ids = messages.map((m) => m.id);
    for (const bad of [[ids[0]!, ids[0]!, ids[1]!], ids.slice(1), [...ids.slice(1), 999]]) {
      const error = await failure(op.trpc.admin.proactive.reorder.mutate({ ids: bad }));
      expect(error.message).toBe('The new order must list every message of the account exactly once');
    }
    expect((await op.trpc.admin.proactive.list.query()).messages.map((m) => m.id)).toEqual(ids);
  });

  it('too many or malformed visitor attributes', async () => {
    const { server } = t;
    const v = await tab(server);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i]));
    expect((await failure(v.trpc.visitor.setAttributes.mutate({ attributes: many }))).message).toMatch(/At most 50 attributes/);
    const badName = await failure(v.trpc.visitor.setAttributes.mutate({ attributes: { 'two words': 1 } }));
    expect(codeOf(badName)).toBe('BAD_REQUEST');
    expect(server.store.visitor(v.visitorId)!.attributes).toEqual({});
  });
});
