/**
 * Chat rating through the real server: once an admin turns it on, the operator in a chat asks the
 * visitor to rate it, the visitor answers good or bad with an optional comment, and operators see
 * the rating on the conversation and in its transcript. Rating again replaces the rating; every
 * refused request writes nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../server/src/protocol/index.js';
import { actors, clientId, codeOf, failure, messagesIn, operator, restart, serverPerTest, textsIn, visitor } from './harness.js';

/** Wednesday 25 November 2026, 10:00 UTC; each step moves the clock on, as a person would. */
const WEDNESDAY_10 = Date.UTC(2026, 10, 25, 10, 0);
const clock = { at: WEDNESDAY_10 };
const now = () => clock.at;
const later = () => void (clock.at += 60_000);
const t = serverPerTest(() => {
  clock.at = WEDNESDAY_10;
  return { now };
});

const FIRST_WORDS = 'My parcel never arrived';
const FIRST_REPLY = 'Sorry, I am sending a new one today';

// --- helpers ---------------------------------------------------------------------------------

const { accountId, admin, teammate, panel, listen } = actors(t);
type Op = Awaited<ReturnType<typeof admin>>;
type Panel = Awaited<ReturnType<typeof panel>>;

/** A visitor with the widget open. */
async function chatter() {
  const v = await visitor(t.server);
  t.later(v.close);
  const events = await listen(v);
  const seen = () => messagesIn(events.items);
  const rate = (conversationId: number, rating: 'good' | 'bad', comment?: string) =>
    v.trpc.visitor.rate.mutate(comment === undefined ? { conversationId, rating } : { conversationId, rating, comment });
  return { ...v, events, seen, rate };
}

/** Alex, with the panel open, serves a visitor who wrote and has been answered. */
async function servedChat() {
  const a = await admin();
  const aEvents = await panel(a);
  const v = await chatter();
  const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: FIRST_WORDS });
  await a.trpc.operator.accept.mutate({ conversationId });
  await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: FIRST_REPLY });
  await vi.waitFor(() => expect(textsIn(v.events.items)).toContain(FIRST_REPLY));
  later();
  const ask = () => a.trpc.operator.requestRating.mutate({ conversationId });
  const summary = async () => (await a.trpc.operator.conversation.query({ conversationId })).conversation;
  return { a, aEvents, v, conversationId, ask, summary };
}

async function setRating(a: Op, rating: boolean) {
  const settings = await a.trpc.admin.availability.get.query();
  await a.trpc.admin.availability.update.mutate({ ...settings, rating });
}

/** A served chat in an account with rating turned on. */
async function ratedChat() {
  const chat = await servedChat();
  await setRating(chat.a, true);
  return chat;
}

/** Everything a refused call could have written about a conversation. */
const snapshot = (conversationId: number) => ({
  lastMessageId: t.server.store.accountCursor(accountId()),
  conversation: t.server.store.conversation(conversationId),
  messages: t.server.store.conversationMessages(conversationId),
});

/** The notices (event lines) of a conversation that an operator's panel received. */
const panelNotices = (events: Panel, conversationId: number): ChatMessage[] =>
  messagesIn(events.items).filter((m) => m.conversationId === conversationId && m.kind === 'event');

const notices = (messages: ChatMessage[]) => messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));

/** The transcript a ticket made from the chat carries, line by line. */
async function ticketLines(a: Op, conversationId: number): Promise<string[]> {
  await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '/ticket Delivery' });
  const [ticket] = await a.trpc.admin.tickets.query();
  return ticket!.description.split('\n');
}

// --- tests -----------------------------------------------------------------------------------

describe('chat rating turned off (the default)', () => {
  it('the operator cannot ask and the visitor cannot rate: FORBIDDEN, and nothing is written', async () => {
    const { a, v, conversationId, ask, summary } = await servedChat();
    expect((await a.trpc.admin.availability.get.query()).rating).toBe(false);
    const before = snapshot(conversationId);

    const asked = await failure(ask());
    expect(codeOf(asked)).toBe('FORBIDDEN');
    expect(asked.message).toBe('Chat rating is turned off: an admin can turn it on in Availability');
    const rated = await failure(v.rate(conversationId, 'good'));
    expect(codeOf(rated)).toBe('FORBIDDEN');
    expect(rated.message).toBe('This chat cannot be rated');

    expect(snapshot(conversationId)).toEqual(before);
    expect(await summary()).toMatchObject({ rating: null, ratingPending: false });
  });

  it('turned off again after a request, the visitor can no longer answer it', async () => {
    const { a, v, conversationId, ask } = await ratedChat();
    await ask();
    await setRating(a, false);
    const before = snapshot(conversationId);
    expect(codeOf(await failure(v.rate(conversationId, 'good')))).toBe('FORBIDDEN');
    expect(snapshot(conversationId)).toEqual(before);
  });
});

describe('turning rating on and off', () => {
  it("open panels learn it at once, and a panel opened later reads it from the inbox", async () => {
    const a = await admin();
    const sam = await teammate('Sam');
    const samPanel = await panel(sam);
    expect((await sam.trpc.operator.inbox.query()).ratingEnabled).toBe(false);
    await setRating(a, true);
    await vi.waitFor(() => expect(samPanel.items.some((e) => e.data.type === 'settings' && e.data.ratingEnabled)).toBe(true));
    expect((await sam.trpc.operator.inbox.query()).ratingEnabled).toBe(true);
    await setRating(a, false);
    await vi.waitFor(() => expect(samPanel.items.filter((e) => e.data.type === 'settings').at(-1)?.data).toEqual({ type: 'settings', ratingEnabled: false }));
  });
});

describe('asking for a rating', () => {
  it("the operator serving the chat asks: the visitor's window shows the request, and the chat shows it pending", async () => {
    const { a, aEvents, v, conversationId, ask, summary } = await ratedChat();
    expect((await a.trpc.admin.availability.get.query()).rating).toBe(true);
    const request = await ask();
    expect(request).toMatchObject({ conversationId, kind: 'event', event: 'rating-requested', author: 'operator', authorName: 'Alex', internal: false });

    await vi.waitFor(() => expect(v.seen().find((m) => m.id === request.id)).toMatchObject({ event: 'rating-requested', internal: false }));
    await vi.waitFor(() => expect(panelNotices(aEvents, conversationId).map((m) => m.id)).toContain(request.id));
    expect(await summary()).toMatchObject({ rating: null, ratingPending: true });
  });

  it('asking again while the visitor has not answered is a CONFLICT and writes nothing', async () => {
    const { conversationId, ask } = await ratedChat();
    await ask();
    later();
    const before = snapshot(conversationId);
    const again = await failure(ask());
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.message).toBe('A rating was already asked for; the visitor has not answered yet');
    expect(snapshot(conversationId)).toEqual(before);
  });

  it('an operator who is not in the chat cannot ask (CONFLICT); one invited into it can', async () => {
    const { a, conversationId, summary } = await ratedChat();
    const sam = await teammate('Sam');
    await panel(sam);
    const before = snapshot(conversationId);
    const refused = await failure(sam.trpc.operator.requestRating.mutate({ conversationId }));
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.message).toBe('Another operator is serving this conversation');
    expect(snapshot(conversationId)).toEqual(before);
    expect((await summary()).ratingPending).toBe(false);

    await a.trpc.operator.transfer.mutate({ conversationId, to: { operatorId: sam.operator.id }, mode: 'invite' });
    const request = await sam.trpc.operator.requestRating.mutate({ conversationId });
    expect(request).toMatchObject({ event: 'rating-requested', authorName: 'Sam' });
    expect((await summary()).ratingPending).toBe(true);
  });

  it('no one can ask in a chat that is waiting or has ended, nor in a conversation that does not exist', async () => {
    const { a, conversationId, ask } = await ratedChat();
    const waiting = await chatter();
    const { conversationId: waitingId } = await waiting.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Anyone there?' });
    const beforeWaiting = snapshot(waitingId);
    const notAccepted = await failure(a.trpc.operator.requestRating.mutate({ conversationId: waitingId }));
    expect(codeOf(notAccepted)).toBe('CONFLICT');
    expect(notAccepted.message).toBe('Accept the conversation before replying');
    expect(snapshot(waitingId)).toEqual(beforeWaiting);

    await a.trpc.operator.end.mutate({ conversationId });
    const before = snapshot(conversationId);
    const ended = await failure(ask());
    expect(codeOf(ended)).toBe('CONFLICT');
    expect(ended.message).toBe('This conversation has ended');
    expect(snapshot(conversationId)).toEqual(before);

    expect(codeOf(await failure(a.trpc.operator.requestRating.mutate({ conversationId: 99_999 })))).toBe('NOT_FOUND');
  });
});

describe('the visitor rating the chat', () => {
  it('rates it bad with a comment: the operator sees a "rated" notice with the rating, and the chat shows it', async () => {
    const { a, aEvents, v, conversationId, ask, summary } = await ratedChat();
    await ask();
    later();
    expect(await v.rate(conversationId, 'bad', '  Took a week to answer  ')).toEqual({ rating: { value: 'bad', comment: 'Took a week to answer' } });

    const rating = { value: 'bad', comment: 'Took a week to answer' };
    await vi.waitFor(() =>
      expect(panelNotices(aEvents, conversationId).at(-1)).toMatchObject({ event: 'rated', author: 'visitor', authorName: `Visitor ${v.visitorId}`, extras: { rating } }),
    );
    const told = aEvents.items.findLast((e) => e.data.type === 'message' && e.data.message.event === 'rated')!.data;
    expect(told).toMatchObject({ conversation: { id: conversationId, rating, ratingPending: false } });
    expect(await summary()).toMatchObject({ rating, ratingPending: false });
    await vi.waitFor(() => expect(notices(v.seen())).toEqual(['joined', 'rating-requested', 'rated']));

    expect(await ticketLines(a, conversationId)).toEqual(
      expect.arrayContaining([
        '[2026-11-25 10:01] Alex asked for a rating',
        `[2026-11-25 10:02] Visitor ${v.visitorId} rated the chat Bad: Took a week to answer`,
      ]),
    );
  });

  it('rating again with another value replaces the rating and posts a new notice; the same rating again posts nothing', async () => {
    const { a, aEvents, v, conversationId, ask, summary } = await ratedChat();
    await ask();
    later();
    await v.rate(conversationId, 'bad', 'Slow');
    later();
    expect(await v.rate(conversationId, 'good')).toEqual({ rating: { value: 'good', comment: '' } });
    expect(await summary()).toMatchObject({ rating: { value: 'good', comment: '' }, ratingPending: false });
    const ratingsTold = () => panelNotices(aEvents, conversationId).flatMap((m) => (m.event === 'rated' ? [m.extras?.rating] : []));
    await vi.waitFor(() => expect(ratingsTold()).toEqual([{ value: 'bad', comment: 'Slow' }, { value: 'good', comment: '' }]));

    later();
    const before = snapshot(conversationId);
    expect(await v.rate(conversationId, 'good', '')).toEqual({ rating: { value: 'good', comment: '' } });
    expect(snapshot(conversationId)).toEqual(before);
    // A later message is a barrier: a notice of the repeat would have come before it.
    await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Thank you!' });
    await vi.waitFor(() => expect(textsIn(v.events.items)).toContain('Thank you!'));
    expect(notices(v.seen()).filter((e) => e === 'rated')).toHaveLength(2);

    const lines = await ticketLines(a, conversationId);
    expect(lines.filter((l) => l.includes('rated the chat'))).toEqual([
      `[2026-11-25 10:02] Visitor ${v.visitorId} rated the chat Bad: Slow`,
      `[2026-11-25 10:03] Visitor ${v.visitorId} rated the chat Good`,
    ]);
  });

  it('an answered chat can be rated without being asked, and asking after a rating asks again', async () => {
    const { v, conversationId, ask, summary } = await ratedChat();
    await v.rate(conversationId, 'good', 'Quick and kind');
    expect(await summary()).toMatchObject({ rating: { value: 'good', comment: 'Quick and kind' }, ratingPending: false });
    later();
    await ask();
    expect(await summary()).toMatchObject({ rating: { value: 'good', comment: 'Quick and kind' }, ratingPending: true });
    later();
    // The same rating answers the new request, so it is posted this time.
    const before = t.server.store.conversationMessages(conversationId).length;
    await v.rate(conversationId, 'good', 'Quick and kind');
    expect(notices(t.server.store.conversationMessages(conversationId).slice(before))).toEqual(['rated']);
    expect((await summary()).ratingPending).toBe(false);
  });

  it('a chat no operator has answered, with no rating asked for, cannot be rated: CONFLICT, nothing written', async () => {
    const a = await admin();
    await setRating(a, true);
    const v = await chatter();
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello?' });
    const before = snapshot(conversationId);
    const refused = await failure(v.rate(conversationId, 'bad', 'Nobody came'));
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.message).toBe('A chat can be rated once an operator has answered');
    expect(snapshot(conversationId)).toEqual(before);
  });

  it("a visitor cannot rate another visitor's chat, nor one that does not exist: NOT_FOUND, nothing changes", async () => {
    const { v, conversationId, ask, summary } = await ratedChat();
    await ask();
    await v.rate(conversationId, 'good', 'Great');
    const stranger = await chatter();
    const before = snapshot(conversationId);
    const refused = await failure(stranger.rate(conversationId, 'bad', 'Terrible'));
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(refused.message).toBe(`Conversation ${conversationId} not found`);
    expect(snapshot(conversationId)).toEqual(before);
    expect(await summary()).toMatchObject({ rating: { value: 'good', comment: 'Great' } });

    // The stranger gets the same answer as for a conversation nobody has.
    const unknown = await failure(stranger.rate(99_999, 'bad'));
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.message).toBe('Conversation 99999 not found');
    expect(stranger.seen()).toEqual([]);
  });

  it('a comment over 500 characters or a rating other than good or bad is BAD_REQUEST, and nothing is written', async () => {
    const { v, conversationId, ask, summary } = await ratedChat();
    await ask();
    const before = snapshot(conversationId);
    const long = await failure(v.rate(conversationId, 'bad', 'x'.repeat(501)));
    expect(codeOf(long)).toBe('BAD_REQUEST');
    expect(long.message).toBe('comment: A comment is at most 500 characters');
    // @ts-expect-error 'meh' is not a rating: the server must refuse it too
    const meh = await failure(v.rate(conversationId, 'meh'));
    expect(codeOf(meh)).toBe('BAD_REQUEST');
    expect(meh.message).toBe('rating: A rating is "good" or "bad"');
    expect(snapshot(conversationId)).toEqual(before);
    expect(await summary()).toMatchObject({ rating: null, ratingPending: true });

    // 500 characters is the limit, not past it.
    expect((await v.rate(conversationId, 'bad', 'x'.repeat(500))).rating.comment).toHaveLength(500);
  });

  it('a chat the operator ended after asking can still be rated, and stays ended', async () => {
    const { a, aEvents, v, conversationId, ask, summary } = await ratedChat();
    await ask();
    await a.trpc.operator.end.mutate({ conversationId });
    later();
    await v.rate(conversationId, 'good', 'Solved, thanks');
    expect(await summary()).toMatchObject({ status: 'ended', rating: { value: 'good', comment: 'Solved, thanks' }, ratingPending: false });
    await vi.waitFor(() => expect(panelNotices(aEvents, conversationId).map((m) => m.event)).toEqual(['joined', 'rating-requested', 'ended', 'rated']));
    // The visitor's window is told of the rating with the chat still ended.
    const ratedEvent = () => v.events.items.find((e) => e.data.type === 'message' && e.data.message.event === 'rated')?.data;
    await vi.waitFor(() => expect(ratedEvent()).toMatchObject({ status: 'ended', message: { extras: { rating: { value: 'good', comment: 'Solved, thanks' } } } }));
  });

  it('the rating and the request are still there after the server restarts', async () => {
    const { a, v, conversationId, ask } = await ratedChat();
    await ask();
    later();
    await v.rate(conversationId, 'bad', 'Parcel still missing');
    later();
    await ask();
    const transcript = t.server.store.conversationMessages(conversationId);
    a.close();
    v.close();

    const server = await restart(t.server, { now });
    t.replace(server);
    const again = await operator(server);
    t.later(again.close);
    const detail = await again.trpc.operator.conversation.query({ conversationId });
    expect(detail.conversation).toMatchObject({ rating: { value: 'bad', comment: 'Parcel still missing' }, ratingPending: true });
    expect(detail.messages).toEqual(transcript);
    expect((await again.trpc.admin.availability.get.query()).rating).toBe(true);

    // The same visitor answers the request made before the restart.
    const back = await visitor(server, v.token);
    t.later(back.close);
    later();
    await back.trpc.visitor.rate.mutate({ conversationId, rating: 'good', comment: 'Arrived!' });
    expect((await again.trpc.operator.conversation.query({ conversationId })).conversation).toMatchObject({
      rating: { value: 'good', comment: 'Arrived!' },
      ratingPending: false,
    });
  });
});
