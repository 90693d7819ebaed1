/**
 * Retried writes: a client that did not hear back sends the same clientId again, and the
 * message still appears once — in the reply, the transcript and every stream.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { clientId, collect, operator, serverPerTest, textsIn, visitor, type Tracked } from './harness.js';

const t = serverPerTest();

async function watchers() {
  const { server } = t;
  const op = await operator(server);
  const v = await visitor(server);
  t.later(op.close);
  t.later(v.close);
  const inbox = await op.trpc.operator.inbox.query();
  const opEvents = collect<Tracked<OperatorStreamEvent>>();
  op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, opEvents);
  const vEvents = collect<Tracked<VisitorStreamEvent>>();
  v.trpc.visitor.events.subscribe({ lastEventId: null }, vEvents);
  await vi.waitFor(() => {
    expect(opEvents.items.some((e) => e.data.type === 'synced')).toBe(true);
    expect(vEvents.items.some((e) => e.data.type === 'synced')).toBe(true);
  });
  return { op, v, opEvents, vEvents };
}

describe('visitor.send retried with the same clientId', () => {
  it('returns the same message both times and shows it once everywhere', async () => {
    const { server } = t;
    const { v, opEvents, vEvents } = await watchers();
    const id = clientId();
    const first = await v.trpc.visitor.send.mutate({ clientId: id, text: 'Do you ship to Canada?' });
    const again = await v.trpc.visitor.send.mutate({ clientId: id, text: 'Do you ship to Canada?' });
    expect(again).toEqual(first);

    // The retry may come on a new connection after a drop, as the same visitor.
    await v.ws.close();
    const back = await visitor(server, v.token);
    t.later(back.close);
    const third = await back.trpc.visitor.send.mutate({ clientId: id, text: 'Do you ship to Canada?' });
    expect(third).toEqual(first);

    // A different message afterwards is a barrier: once it arrives, any duplicate would have too.
    await back.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Thanks' });
    await vi.waitFor(() => expect(textsIn(opEvents.items)).toContain('Thanks'));
    expect(textsIn(opEvents.items)).toEqual(['Do you ship to Canada?', 'Thanks']);
    expect(textsIn(vEvents.items)).toEqual(['Do you ship to Canada?']);
    expect(server.store.conversationMessages(first.conversationId).map((m) => m.text)).toEqual(['Do you ship to Canada?', 'Thanks']);
  });

  it('does not return or overwrite another visitor\'s message that used the same clientId', async () => {
    const { server } = t;
    const a = await visitor(server);
    const b = await visitor(server);
    t.later(a.close);
    t.later(b.close);
    const id = clientId();
    const fromA = await a.trpc.visitor.send.mutate({ clientId: id, text: 'from A' });
    const fromB = await b.trpc.visitor.send.mutate({ clientId: id, text: 'from B' });
    expect(fromB.id).not.toBe(fromA.id);
    expect(fromB.text).toBe('from B');
    expect(fromB.conversationId).not.toBe(fromA.conversationId);
  });
});

describe('operator.send retried with the same clientId', () => {
  it('returns the same message both times and shows it once everywhere', async () => {
    const { server } = t;
    const { op, v, opEvents, vEvents } = await watchers();
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hi' });
    await op.trpc.operator.accept.mutate({ conversationId });

    const id = clientId('op');
    const first = await op.trpc.operator.send.mutate({ conversationId, clientId: id, text: 'Yes, we do.' });
    const again = await op.trpc.operator.send.mutate({ conversationId, clientId: id, text: 'Yes, we do.' });
    expect(again).toEqual(first);

    // Signed in again on another connection (a reload), the retry is still recognised.
    const reloaded = await operator(server);
    t.later(reloaded.close);
    const third = await reloaded.trpc.operator.send.mutate({ conversationId, clientId: id, text: 'Yes, we do.' });
    expect(third).toEqual(first);

    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId('op'), text: 'Anything else?' });
    await vi.waitFor(() => expect(textsIn(vEvents.items)).toContain('Anything else?'));
    expect(textsIn(vEvents.items)).toEqual(['Hi', 'Yes, we do.', 'Anything else?']);
    expect(textsIn(opEvents.items)).toEqual(['Hi', 'Yes, we do.', 'Anything else?']);
    const detail = await op.trpc.operator.conversation.query({ conversationId });
    expect(detail.messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual(['Hi', 'Yes, we do.', 'Anything else?']);
  });
});
