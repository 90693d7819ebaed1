/**
 * Resuming streams: a client that comes back with the last id it saw gets exactly what it
 * missed, in order, once — whether it reconnects by hand or the tRPC client does it after
 * the server restarts.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ChatService } from '../../server/src/chat.js';
import type { OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { SqliteStore } from '../../server/src/store/sqlite.js';
import {
  clientId,
  collect,
  messagesIn,
  operator,
  restart,
  serverPerTest,
  textsIn,
  visitor,
  type TestServer,
  type Tracked,
} from './harness.js';

const t = serverPerTest();

const ids = (events: ReadonlyArray<Tracked<VisitorStreamEvent | OperatorStreamEvent>>) => messagesIn(events).map((m) => m.id);
const isSynced = (e: Tracked<VisitorStreamEvent | OperatorStreamEvent>) => e.data.type === 'synced';

/** A visitor who has written, and an operator who has accepted and answered twice. */
async function openConversation(server: TestServer) {
  const op = await operator(server);
  const v = await visitor(server);
  t.later(op.close);
  t.later(v.close);
  const first = collect<Tracked<VisitorStreamEvent>>();
  v.trpc.visitor.events.subscribe({ lastEventId: null }, first);
  const hello = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello?' });
  const conversationId = hello.conversationId;
  await op.trpc.operator.accept.mutate({ conversationId });
  for (const text of ['one', 'two']) await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text });
  await vi.waitFor(() => expect(textsIn(first.items)).toEqual(['Hello?', 'one', 'two']));
  return { op, v, first, conversationId };
}

describe('a visitor reconnecting with lastEventId', () => {
  it('receives exactly the messages sent while it was away, in order, with none repeated', async () => {
    const { server } = t;
    const { op, v, first, conversationId } = await openConversation(server);
    const lastSeen = first.items.at(-1)!.id;
    expect(lastSeen).toBe(String(ids(first.items).at(-1)));

    await v.ws.close();
    for (const text of ['three', 'four', 'five']) await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text });

    const back = await visitor(server, v.token);
    t.later(back.close);
    expect(back.visitorId).toBe(v.visitorId);
    const resumed = collect<Tracked<VisitorStreamEvent>>();
    back.trpc.visitor.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true));

    expect(textsIn(resumed.items)).toEqual(['three', 'four', 'five']);
    // What the two connections saw, put together, is the transcript: nothing lost, nothing twice.
    const transcript = server.store.conversationMessages(conversationId).map((m) => m.id);
    expect([...ids(first.items), ...ids(resumed.items)]).toEqual(transcript);
    expect(resumed.errors).toEqual([]);

    // And the resumed stream is live: a later reply arrives once.
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'six' });
    await vi.waitFor(() => expect(textsIn(resumed.items)).toEqual(['three', 'four', 'five', 'six']));
  });

  it('resumes from an ephemeral cursor ("<id>:<seq>", e.g. after a typing event) without losing the next message', async () => {
    const { server } = t;
    const { op, v, first, conversationId } = await openConversation(server);
    await op.trpc.operator.typing.mutate({ conversationId, typing: true });
    await vi.waitFor(() => expect(first.items.at(-1)?.data.type).toBe('typing'));
    const lastSeen = first.items.at(-1)!.id;
    expect(lastSeen).toMatch(/^\d+:\d+$/);

    await v.ws.close();
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'three' });

    const back = await visitor(server, v.token);
    t.later(back.close);
    const resumed = collect<Tracked<VisitorStreamEvent>>();
    back.trpc.visitor.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true));
    expect(textsIn(resumed.items)).toEqual(['three']);
    expect(messagesIn(resumed.items)).toHaveLength(1);
  });
});

describe('an operator reconnecting with lastEventId', () => {
  it('receives exactly the visitor messages sent while it was away', async () => {
    const { server } = t;
    const { op, v, conversationId } = await openConversation(server);
    const inbox = await op.trpc.operator.inbox.query();
    const first = collect<Tracked<OperatorStreamEvent>>();
    op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, first);
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'seen live' });
    await vi.waitFor(() => expect(textsIn(first.items)).toEqual(['seen live']));
    const lastSeen = first.items.filter((e) => e.data.type === 'message').at(-1)!.id;

    await op.ws.close();
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'missed 1' });
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'missed 2' });

    const back = await operator(server);
    t.later(back.close);
    const resumed = collect<Tracked<OperatorStreamEvent>>();
    back.trpc.operator.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true));
    expect(textsIn(resumed.items)).toEqual(['missed 1', 'missed 2']);
    const transcript = server.store.conversationMessages(conversationId).map((m) => m.id);
    expect(ids(resumed.items)).toEqual(transcript.slice(-2));
  });
});

describe('a cursor at the very start', () => {
  it('an operator whose inbox was empty (cursor "0") still gets the first message sent while it was away', async () => {
    const { server } = t;
    const op = await operator(server);
    t.later(op.close);
    const inbox = await op.trpc.operator.inbox.query();
    expect(inbox).toEqual({ conversations: [], cursor: '0', ratingEnabled: false });
    const first = collect<Tracked<OperatorStreamEvent>>();
    op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, first);
    await vi.waitFor(() => expect(first.items.some(isSynced)).toBe(true));
    const lastSeen = first.items.at(-1)!.id;

    await op.ws.close();
    const v = await visitor(server);
    t.later(v.close);
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'First message ever' });

    const back = await operator(server);
    t.later(back.close);
    const resumed = collect<Tracked<OperatorStreamEvent>>();
    back.trpc.operator.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true));
    expect(textsIn(resumed.items)).toEqual(['First message ever']);
  });

  it('a visitor whose stream had no messages yet (cursor "0:1") gets what another tab sent meanwhile, once', async () => {
    const { server } = t;
    const v = await visitor(server);
    t.later(v.close);
    const first = collect<Tracked<VisitorStreamEvent>>();
    v.trpc.visitor.events.subscribe({ lastEventId: null }, first);
    await vi.waitFor(() => expect(first.items.some(isSynced)).toBe(true));
    const lastSeen = first.items.find(isSynced)!.id;
    expect(lastSeen).toBe('0:1');

    await v.ws.close();
    const otherTab = await visitor(server, v.token);
    t.later(otherTab.close);
    await otherTab.trpc.visitor.send.mutate({ clientId: clientId(), text: 'from the other tab' });

    const back = await visitor(server, v.token);
    t.later(back.close);
    const resumed = collect<Tracked<VisitorStreamEvent>>();
    back.trpc.visitor.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true));
    expect(textsIn(resumed.items)).toEqual(['from the other tab']);
  });
});

describe('a visitor away for longer than one backlog page', () => {
  it('gets every missed message once, in order', async () => {
    const { server } = t;
    const { op, v, first, conversationId } = await openConversation(server);
    const lastSeen = first.items.at(-1)!.id;
    await v.ws.close();
    const session = (await server.chat.connect(null, { operatorToken: op.token })).operator!;
    const missed = Array.from({ length: 1_001 }, (_, i) => `missed ${i}`);
    // One commit for the lot keeps the test fast; each send still goes through the service.
    server.store.transaction(() => {
      for (const text of missed) server.chat.operatorSend(session, conversationId, clientId(), text);
    });

    const back = await visitor(server, v.token);
    t.later(back.close);
    const resumed = collect<Tracked<VisitorStreamEvent>>();
    back.trpc.visitor.events.subscribe({ lastEventId: lastSeen }, resumed);
    await vi.waitFor(() => expect(resumed.items.some(isSynced)).toBe(true), { timeout: 5_000 });
    expect(textsIn(resumed.items)).toEqual(missed);
    const transcript = server.store.conversationMessages(conversationId).map((m) => m.id);
    expect([...ids(first.items), ...ids(resumed.items)]).toEqual(transcript);
  });
});

describe('a message sent while the backlog is being replayed', () => {
  it('is delivered once, not once from the backlog and again live', async () => {
    const { server } = t;
    const { op, v, first, conversationId } = await openConversation(server);
    const lastSeen = first.items.at(-1)!.id;
    await v.ws.close();
    const session = (await server.chat.connect(null, { operatorToken: op.token })).operator!;
    const send = (text: string) => server.chat.operatorSend(session, conversationId, clientId(), text);
    // More than one backlog page, so the replay reads the database again after it started listening.
    const missed = Array.from({ length: 600 }, (_, i) => `missed ${i}`);
    server.store.transaction(() => missed.forEach(send));

    // Over the wire the replay is too fast to get a write in between, so the stream is driven by hand.
    const tab = await server.chat.connect('demo', { visitorToken: v.token });
    const stream = server.chat.visitorStream(tab, tab.visitor!, lastSeen);
    const seen: string[] = [];
    for await (const [, event] of stream) {
      if (event.type === 'synced') send('after the replay');
      if (event.type !== 'message') continue;
      seen.push(event.message.text);
      if (seen.length === 1) send('during the replay');
      if (event.message.text === 'after the replay') break;
    }
    expect(seen).toEqual([...missed, 'during the replay', 'after the replay']);
  });
});

describe('the tRPC client reconnecting by itself', () => {
  it('resumes both streams after the server restarts on the same port and data dir, losing and repeating nothing', async () => {
    const old = t.server;
    const { op, v, first, conversationId } = await openConversation(old);
    const inbox = await op.trpc.operator.inbox.query();
    const opEvents = collect<Tracked<OperatorStreamEvent>>();
    op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, opEvents);
    await vi.waitFor(() => expect(opEvents.items.some(isSynced)).toBe(true));

    await old.close();
    // While the server is down, a reply is written to its database (as another server
    // process sharing the data would): the visitor can only get it from the backlog.
    const store = new SqliteStore(join(old.dataDir, 'chat.db'));
    try {
      const offline = new ChatService(store);
      const session = (await offline.connect(null, { operatorToken: op.token })).operator!;
      offline.operatorSend(session, conversationId, clientId(), 'three (sent while down)');
    } finally {
      store.close();
    }

    const server = await restart(old, { samePort: true });
    t.replace(server);
    expect(server.port).toBe(old.port);

    // Another client writes after the restart.
    const other = await operator(server);
    t.later(other.close);
    await other.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'four (after restart)' });

    const expected = ['Hello?', 'one', 'two', 'three (sent while down)', 'four (after restart)'];
    await vi.waitFor(() => expect(textsIn(first.items)).toEqual(expected), { timeout: 5_000 });
    await vi.waitFor(() => expect(textsIn(opEvents.items)).toEqual(expected.slice(3)), { timeout: 5_000 });

    const transcript = server.store.conversationMessages(conversationId).map((m) => m.id);
    expect(ids(first.items)).toEqual(transcript);
    expect(first.errors).toEqual([]);
    expect(opEvents.errors).toEqual([]);

    // The reconnected clients are still live: one more message each way arrives once.
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'still here' });
    await vi.waitFor(() => expect(textsIn(opEvents.items)).toEqual([...expected.slice(3), 'still here']));
    await vi.waitFor(() => expect(textsIn(first.items)).toEqual([...expected, 'still here']));
  });
});
