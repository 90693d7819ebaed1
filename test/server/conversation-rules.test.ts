/**
 * Conversation rules as both sides see them: accept before replying, one operator per
 * conversation, ending, and what happens when the visitor writes again after the end.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { clientId, codeOf, collect, failure, messagesIn, operator, serverPerTest, textsIn, visitor, type TestServer, type Tracked } from './harness.js';

const t = serverPerTest();

const BLAKE = { email: 'blake@demo.test', password: 'a second operator password' };

async function secondOperator(server: TestServer) {
  const accountId = server.store.siteByKey('demo')!.accountId;
  await server.chat.createOperator({ accountId, name: 'Blake', role: 'operator', ...BLAKE });
  const blake = await operator(server, BLAKE);
  t.later(blake.close);
  return blake;
}

async function waitingConversation(server: TestServer) {
  const op = await operator(server);
  const v = await visitor(server);
  t.later(op.close);
  t.later(v.close);
  const vEvents = collect<Tracked<VisitorStreamEvent>>();
  v.trpc.visitor.events.subscribe({ lastEventId: null }, vEvents);
  const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello, anyone?' });
  await vi.waitFor(() => expect(textsIn(vEvents.items)).toEqual(['Hello, anyone?']));
  return { op, v, vEvents, conversationId };
}

describe('an operator', () => {
  it('cannot reply before accepting (CONFLICT), and nothing reaches the visitor', async () => {
    const { server } = t;
    const { op, v, vEvents, conversationId } = await waitingConversation(server);
    const error = await failure(op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Too early' }));
    expect(codeOf(error)).toBe('CONFLICT');
    expect(error.message).toBe('Accept the conversation before replying');
    expect(server.store.conversationMessages(conversationId).map((m) => m.text)).toEqual(['Hello, anyone?']);

    // Accepting makes the same reply possible; the visitor sees the join and then the reply.
    const accepted = await op.trpc.operator.accept.mutate({ conversationId });
    expect(accepted).toMatchObject({ status: 'active', operatorName: 'Alex' });
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Now I can help' });
    await vi.waitFor(() => expect(textsIn(vEvents.items)).toEqual(['Hello, anyone?', 'Now I can help']));
    expect(messagesIn(vEvents.items).map((m) => m.event ?? m.text)).toEqual(['Hello, anyone?', 'joined', 'Now I can help']);
    expect(v.visitorId).toBeGreaterThan(0);
  });

  it('accepting twice is harmless: one join notice', async () => {
    const { server } = t;
    const { op, conversationId } = await waitingConversation(server);
    await op.trpc.operator.accept.mutate({ conversationId });
    await op.trpc.operator.accept.mutate({ conversationId });
    expect(server.store.conversationMessages(conversationId).filter((m) => m.event === 'joined')).toHaveLength(1);
  });
});

describe('a second operator', () => {
  it('cannot accept, or reply to, a conversation another operator is serving (CONFLICT)', async () => {
    const { server } = t;
    const { op, vEvents, conversationId } = await waitingConversation(server);
    const blake = await secondOperator(server);
    await op.trpc.operator.accept.mutate({ conversationId });
    const transcript = server.store.conversationMessages(conversationId);

    const accept = await failure(blake.trpc.operator.accept.mutate({ conversationId }));
    expect(codeOf(accept)).toBe('CONFLICT');
    expect(accept.message).toBe('Another operator is already serving this conversation');
    const send = await failure(blake.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Me too!' }));
    expect(codeOf(send)).toBe('CONFLICT');
    expect(send.message).toMatch(/another operator/i);

    expect(server.store.conversationMessages(conversationId)).toEqual(transcript);
    expect(server.store.conversation(conversationId)).toMatchObject({ status: 'active', operatorId: op.operator.id });
    const inbox = await blake.trpc.operator.inbox.query();
    expect(inbox.conversations.find((c) => c.id === conversationId)?.operatorName).toBe('Alex');
    expect(messagesIn(vEvents.items).filter((m) => m.authorName === 'Blake')).toEqual([]);
  });

  it('of whom only one wins when both accept at the same moment', async () => {
    const { server } = t;
    const { op, conversationId } = await waitingConversation(server);
    const blake = await secondOperator(server);
    const results = await Promise.allSettled([
      op.trpc.operator.accept.mutate({ conversationId }),
      blake.trpc.operator.accept.mutate({ conversationId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(codeOf(refused.reason)).toBe('CONFLICT');
    expect(server.store.conversationMessages(conversationId).filter((m) => m.event === 'joined')).toHaveLength(1);
  });
});

describe('ending a conversation', () => {
  it('shows the visitor an "ended" notice; further replies and accepts are refused with CONFLICT', async () => {
    const { server } = t;
    const { op, vEvents, conversationId } = await waitingConversation(server);
    const inbox = await op.trpc.operator.inbox.query();
    const opEvents = collect<Tracked<OperatorStreamEvent>>();
    op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, opEvents);
    await op.trpc.operator.accept.mutate({ conversationId });

    const ended = await op.trpc.operator.end.mutate({ conversationId });
    expect(ended.status).toBe('ended');
    await vi.waitFor(() => expect(messagesIn(vEvents.items).at(-1)?.event).toBe('ended'));
    const notice = vEvents.items.at(-1)!.data as Extract<VisitorStreamEvent, { type: 'message' }>;
    expect(notice).toMatchObject({ status: 'ended', message: { kind: 'event', event: 'ended', authorName: 'Alex' } });
    await vi.waitFor(() => expect(messagesIn(opEvents.items).at(-1)?.event).toBe('ended'));

    const reply = await failure(op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'One more thing' }));
    expect(codeOf(reply)).toBe('CONFLICT');
    expect(reply.message).toBe('This conversation has ended');
    expect(codeOf(await failure(op.trpc.operator.accept.mutate({ conversationId })))).toBe('CONFLICT');
    const again = await failure(op.trpc.operator.end.mutate({ conversationId }));
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.message).toMatch(/already ended/);
    expect((await op.trpc.operator.inbox.query()).conversations.map((c) => c.id)).not.toContain(conversationId);
  });

  it('by the visitor also shows the notice to both sides', async () => {
    const { server } = t;
    const { op, v, vEvents, conversationId } = await waitingConversation(server);
    await op.trpc.operator.accept.mutate({ conversationId });
    const notice = await v.trpc.visitor.end.mutate();
    expect(notice).toMatchObject({ event: 'ended', conversationId });
    await vi.waitFor(() => expect(messagesIn(vEvents.items).at(-1)?.event).toBe('ended'));
    expect(server.store.conversation(conversationId)!.status).toBe('ended');
    // Ending again is a no-op.
    expect(await v.trpc.visitor.end.mutate()).toBeNull();
  });

  it('then a visitor message starts a new waiting conversation, with the old one left ended', async () => {
    const { server } = t;
    const { op, v, vEvents, conversationId } = await waitingConversation(server);
    await op.trpc.operator.accept.mutate({ conversationId });
    await op.trpc.operator.end.mutate({ conversationId });

    const next = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Sorry, one more question' });
    expect(next.conversationId).not.toBe(conversationId);
    expect(server.store.conversation(conversationId)!.status).toBe('ended');
    expect(server.store.conversationMessages(conversationId).map((m) => m.text)).not.toContain('Sorry, one more question');

    await vi.waitFor(() => expect(textsIn(vEvents.items).at(-1)).toBe('Sorry, one more question'));
    const latest = vEvents.items.at(-1)!.data as Extract<VisitorStreamEvent, { type: 'message' }>;
    expect(latest.status).toBe('waiting');
    const inbox = await op.trpc.operator.inbox.query();
    expect(inbox.conversations.map((c) => [c.id, c.status, c.operatorId])).toEqual([[next.conversationId, 'waiting', null]]);

    // The new conversation follows the rules from the start: accept before replying.
    const early = await failure(op.trpc.operator.send.mutate({ conversationId: next.conversationId, clientId: clientId(), text: 'Hi' }));
    expect(codeOf(early)).toBe('CONFLICT');
  });
});
