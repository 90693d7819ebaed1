/**
 * Who can see and write what: visitors only ever reach their own conversation, operators
 * need a session, and an operator only reaches conversations of their own account.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import {
  client,
  clientId,
  codeOf,
  collect,
  failure,
  messagesIn,
  operator,
  serverPerTest,
  textsIn,
  visitor,
  type TestServer,
  type Tracked,
} from './harness.js';

const t = serverPerTest();

const synced = (events: ReadonlyArray<Tracked<{ type: string }>>) => events.some((e) => e.data.type === 'synced');

/** Visitor B in a conversation an operator has answered. */
async function visitorB(server: TestServer) {
  const op = await operator(server);
  const b = await visitor(server);
  t.later(op.close);
  t.later(b.close);
  const { conversationId } = await b.trpc.visitor.send.mutate({ clientId: clientId(), text: 'B: my order number is 1234' });
  await op.trpc.operator.accept.mutate({ conversationId });
  await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Thanks B, looking at 1234' });
  return { op, b, conversationId };
}

/** A second account with its own site and operator. */
async function otherAccount(server: TestServer) {
  const accountId = server.store.createAccount('Other Shop', Date.now());
  const site = server.store.createSite({ accountId, name: 'Other shop', siteKey: 'other-shop', allowedOrigins: [] }, Date.now());
  const creds = { email: 'sam@other.test', password: 'another long passphrase' };
  await server.chat.createOperator({ accountId, name: 'Sam', role: 'admin', ...creds });
  return { accountId, site, creds };
}

describe('a visitor', () => {
  it("never receives another visitor's messages, replies or typing on its stream", async () => {
    const { server } = t;
    const a = await visitor(server);
    t.later(a.close);
    const aEvents = collect<Tracked<VisitorStreamEvent>>();
    a.trpc.visitor.events.subscribe({ lastEventId: null }, aEvents);
    await vi.waitFor(() => expect(synced(aEvents.items)).toBe(true));

    const { op, conversationId } = await visitorB(server);
    await op.trpc.operator.typing.mutate({ conversationId, typing: true });
    // A's own message is a barrier: B's traffic came first, so it would have arrived by now.
    await a.trpc.visitor.send.mutate({ clientId: clientId(), text: 'A: hello' });
    await vi.waitFor(() => expect(textsIn(aEvents.items)).toContain('A: hello'));

    expect(textsIn(aEvents.items)).toEqual(['A: hello']);
    expect(aEvents.items.filter((e) => e.data.type === 'typing')).toEqual([]);
    expect(messagesIn(aEvents.items).every((m) => m.conversationId !== conversationId)).toBe(true);
  });

  it("cannot post into another visitor's conversation: a conversationId key is refused and nothing is written", async () => {
    const { server } = t;
    const { conversationId } = await visitorB(server);
    const transcript = server.store.conversationMessages(conversationId);
    const a = await visitor(server);
    t.later(a.close);

    const error = await failure(
      a.trpc.visitor.send.mutate({
        clientId: clientId(),
        text: 'A pretending to be in B',
        // @ts-expect-error visitor.send takes no conversation id: the server picks the visitor's own
        conversationId,
      }),
    );
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/unrecognized key.*conversationId/i);
    expect(server.store.conversationMessages(conversationId)).toEqual(transcript);
    expect(server.store.latestConversationOf(a.visitorId)).toBeNull();

    // A normal send lands in A's own, new conversation.
    const own = await a.trpc.visitor.send.mutate({ clientId: clientId(), text: 'A: hello' });
    expect(own.conversationId).not.toBe(conversationId);
    expect(server.store.conversationMessages(conversationId)).toEqual(transcript);
  });

  it("with a forged or unknown token gets a brand-new visitor with empty history, never B's", async () => {
    const { server } = t;
    const { b } = await visitorB(server);
    const forged = await visitor(server, 'forged-token-that-nobody-was-ever-given');
    t.later(forged.close);
    expect(forged.visitorId).not.toBe(b.visitorId);
    expect(forged.token).not.toBe('forged-token-that-nobody-was-ever-given');

    const history = collect<Tracked<VisitorStreamEvent>>();
    forged.trpc.visitor.events.subscribe({ lastEventId: null }, history);
    // Even asking for everything after message 1 finds none of B's messages.
    const fromStart = collect<Tracked<VisitorStreamEvent>>();
    forged.trpc.visitor.events.subscribe({ lastEventId: '1' }, fromStart);
    await vi.waitFor(() => expect(synced(history.items) && synced(fromStart.items)).toBe(true));
    expect(messagesIn(history.items)).toEqual([]);
    expect(messagesIn(fromStart.items)).toEqual([]);

    // An over-long token is treated as unknown too, not as an error that leaks anything.
    const long = await visitor(server, 'x'.repeat(500));
    t.later(long.close);
    expect(long.visitorId).not.toBe(b.visitorId);
  });

  it("token from one site is not a visitor on another site", async () => {
    const { server } = t;
    const { b } = await visitorB(server);
    const accountId = server.store.siteByKey('demo')!.accountId;
    server.store.createSite({ accountId, name: 'Second shop', siteKey: 'second', allowedOrigins: [] }, Date.now());
    const elsewhere = client(server, { site: 'second', params: () => ({ visitorToken: b.token }) });
    t.later(elsewhere.close);
    const hello = await elsewhere.trpc.visitor.hello.mutate();
    expect(hello.visitorId).not.toBe(b.visitorId);
    expect(hello.token).toBeTruthy();
  });

  it('cannot use visitor procedures before hello, or with no site key', async () => {
    const { server } = t;
    const anonymous = client(server);
    t.later(anonymous.close);
    const before = await failure(anonymous.trpc.visitor.send.mutate({ clientId: clientId(), text: 'hi' }));
    expect(codeOf(before)).toBe('UNAUTHORIZED');
    expect(before.message).toMatch(/visitor\.hello/);

    const noSite = client(server, { site: null });
    t.later(noSite.close);
    const error = await failure(noSite.trpc.visitor.hello.mutate());
    expect(codeOf(error)).toBe('FORBIDDEN');
    expect(error.message).toMatch(/site key/);
  });
});

describe('operator procedures', () => {
  const calls = (c: ReturnType<typeof client>, conversationId: number) => ({
    inbox: () => c.trpc.operator.inbox.query(),
    conversation: () => c.trpc.operator.conversation.query({ conversationId }),
    accept: () => c.trpc.operator.accept.mutate({ conversationId }),
    send: () => c.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'sneaky' }),
    typing: () => c.trpc.operator.typing.mutate({ conversationId, typing: true }),
    end: () => c.trpc.operator.end.mutate({ conversationId }),
    me: () => c.trpc.auth.me.query(),
  });

  /** Subscribes to operator.events and returns the error it ends with. */
  const eventsError = async (c: ReturnType<typeof client>) => {
    const events = collect<Tracked<OperatorStreamEvent>>();
    c.trpc.operator.events.subscribe({ lastEventId: null }, events);
    await vi.waitFor(() => expect(events.errors).toHaveLength(1));
    expect(events.items).toEqual([]);
    return events.errors[0];
  };

  it('without a session are refused with UNAUTHORIZED, and change nothing', async () => {
    const { server } = t;
    const v = await visitor(server);
    t.later(v.close);
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Anyone there?' });
    const transcript = server.store.conversationMessages(conversationId);

    for (const connection of [client(server, { site: null }), client(server) /* a widget connection */]) {
      t.later(connection.close);
      for (const [name, call] of Object.entries(calls(connection, conversationId))) {
        const error = await failure(call());
        expect(codeOf(error), name).toBe('UNAUTHORIZED');
        expect(error.message, name).toMatch(/sign in/i);
      }
      expect(codeOf(await eventsError(connection))).toBe('UNAUTHORIZED');
    }
    expect(server.store.conversationMessages(conversationId)).toEqual(transcript);
    expect(server.store.conversation(conversationId)!.status).toBe('waiting');
  });

  it('with a forged token, or one signed out, are refused with UNAUTHORIZED', async () => {
    const { server } = t;
    const forged = client(server, { site: null, params: () => ({ operatorToken: 'forged-operator-token' }) });
    t.later(forged.close);
    expect(codeOf(await failure(forged.trpc.operator.inbox.query()))).toBe('UNAUTHORIZED');
    expect(codeOf(await eventsError(forged))).toBe('UNAUTHORIZED');

    const op = await operator(server);
    t.later(op.close);
    await op.trpc.auth.logout.mutate();
    expect(codeOf(await failure(op.trpc.operator.inbox.query()))).toBe('UNAUTHORIZED');
    const reused = client(server, { site: null, params: () => ({ operatorToken: op.token }) });
    t.later(reused.close);
    expect(codeOf(await failure(reused.trpc.operator.inbox.query()))).toBe('UNAUTHORIZED');
  });

  it("after signing out, are refused on the operator's other open connections too (another tab)", async () => {
    const { server } = t;
    const op = await operator(server);
    t.later(op.close);
    const otherTab = client(server, { site: null, params: () => ({ operatorToken: op.token }) });
    t.later(otherTab.close);
    expect((await otherTab.trpc.auth.me.query()).email).toBe(op.operator.email);

    await op.trpc.auth.logout.mutate();
    const error = await failure(otherTab.trpc.operator.inbox.query());
    expect(codeOf(error)).toBe('UNAUTHORIZED');
    expect(codeOf(await eventsError(otherTab))).toBe('UNAUTHORIZED');
  });

  it('a wrong password is refused with UNAUTHORIZED and a message that does not say which part was wrong', async () => {
    const { server } = t;
    const c = client(server, { site: null });
    t.later(c.close);
    const wrongPassword = await failure(c.trpc.auth.login.mutate({ email: 'alex@demo.test', password: 'not it' }));
    const unknownEmail = await failure(c.trpc.auth.login.mutate({ email: 'nobody@demo.test', password: 'not it' }));
    expect(codeOf(wrongPassword)).toBe('UNAUTHORIZED');
    expect(wrongPassword.message).toBe(unknownEmail.message);
    expect(codeOf(await failure(c.trpc.operator.inbox.query()))).toBe('UNAUTHORIZED');
  });
});

describe('an operator of another account', () => {
  it("gets NOT_FOUND for the demo account's conversation and cannot change it", async () => {
    const { server } = t;
    const { conversationId } = await visitorB(server);
    const transcript = server.store.conversationMessages(conversationId);
    const { creds } = await otherAccount(server);
    const sam = await operator(server, creds);
    t.later(sam.close);

    expect((await sam.trpc.operator.inbox.query()).conversations).toEqual([]);
    const attempts = {
      conversation: sam.trpc.operator.conversation.query({ conversationId }),
      accept: sam.trpc.operator.accept.mutate({ conversationId }),
      send: sam.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Hi from Sam' }),
      typing: sam.trpc.operator.typing.mutate({ conversationId, typing: true }),
      end: sam.trpc.operator.end.mutate({ conversationId }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      const error = await failure(attempt);
      expect(codeOf(error), name).toBe('NOT_FOUND');
      expect(error.message, name).toBe(`Conversation ${conversationId} not found`);
    }
    // The same answer as for a conversation that does not exist at all.
    const missing = await failure(sam.trpc.operator.conversation.query({ conversationId: 999_999 }));
    expect(codeOf(missing)).toBe('NOT_FOUND');

    expect(server.store.conversationMessages(conversationId)).toEqual(transcript);
    expect(server.store.conversation(conversationId)!.status).toBe('active');
  });

  it("never sees the demo account's messages, page views or presence on its stream", async () => {
    const { server } = t;
    const { site, creds } = await otherAccount(server);
    const sam = await operator(server, creds);
    t.later(sam.close);
    const live = collect<Tracked<OperatorStreamEvent>>();
    sam.trpc.operator.events.subscribe({ lastEventId: null }, live);
    // A cursor from before everything must not replay other accounts' messages either.
    const replay = collect<Tracked<OperatorStreamEvent>>();
    sam.trpc.operator.events.subscribe({ lastEventId: '1' }, replay);
    await vi.waitFor(() => expect(synced(live.items) && synced(replay.items)).toBe(true));

    const { b } = await visitorB(server);
    await b.trpc.visitor.pageView.mutate({ url: 'https://demo.test/secret-page' });
    await b.trpc.visitor.typing.mutate({ typing: true });

    // A visitor of Sam's own site is the barrier.
    const own = client(server, { site: site.siteKey });
    t.later(own.close);
    await own.trpc.visitor.hello.mutate();
    await own.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello Other Shop' });
    await vi.waitFor(() => expect(textsIn(live.items)).toContain('Hello Other Shop'));
    await vi.waitFor(() => expect(textsIn(replay.items)).toContain('Hello Other Shop'));

    for (const events of [live.items, replay.items]) {
      expect(textsIn(events)).toEqual(['Hello Other Shop']);
      const aboutB = events.filter(
        (e) => ('visitorId' in e.data && e.data.visitorId === b.visitorId) || e.data.type === 'typing' || e.data.type === 'pageview',
      );
      expect(aboutB).toEqual([]);
    }
  });
});
