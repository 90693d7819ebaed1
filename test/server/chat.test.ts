import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { clientId, collect, operator, removeDir, start, visitor } from './harness.js';

type Server = Awaited<ReturnType<typeof start>>;
let server: Server;
const closers: Array<() => void> = [];

beforeEach(async () => {
  server = await start();
});
afterEach(async () => {
  closers.splice(0).forEach((c) => c());
  await server.close();
  removeDir(server.dataDir);
});

const texts = (events: Array<{ data: VisitorStreamEvent | OperatorStreamEvent }>) =>
  events.flatMap((e) => (e.data.type === 'message' && e.data.message.kind === 'text' ? [e.data.message.text] : []));

describe('a visitor and an operator', () => {
  it('exchange messages in real time, with the join notice and typing both ways', async () => {
    const v = await visitor(server);
    const op = await operator(server);
    closers.push(v.close, op.close);

    const inbox = await op.trpc.operator.inbox.query();
    expect(inbox.conversations).toEqual([]);
    const opEvents = collect<{ id: string; data: OperatorStreamEvent }>();
    op.trpc.operator.events.subscribe({ lastEventId: inbox.cursor }, opEvents);
    const vEvents = collect<{ id: string; data: VisitorStreamEvent }>();
    v.trpc.visitor.events.subscribe({ lastEventId: null }, vEvents);

    await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/pricing', title: 'Pricing', device: 'desktop' });
    const sent = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hi, is the Pro plan monthly?' });

    await vi.waitFor(() => expect(texts(opEvents.items)).toEqual(['Hi, is the Pro plan monthly?']));
    const incoming = opEvents.items.find((e) => e.data.type === 'message')!.data as Extract<OperatorStreamEvent, { type: 'message' }>;
    expect(incoming.conversation.status).toBe('waiting');
    expect(incoming.conversation.currentPage?.url).toBe('https://shop.test/pricing');

    await op.trpc.operator.accept.mutate({ conversationId: sent.conversationId });
    await vi.waitFor(() =>
      expect(vEvents.items.some((e) => e.data.type === 'message' && e.data.message.event === 'joined' && e.data.message.authorName === 'Alex')).toBe(true),
    );

    await op.trpc.operator.typing.mutate({ conversationId: sent.conversationId, typing: true });
    await vi.waitFor(() => expect(vEvents.items.some((e) => e.data.type === 'typing' && e.data.typing && e.data.name === 'Alex')).toBe(true));
    await v.trpc.visitor.typing.mutate({ typing: true });
    await vi.waitFor(() => expect(opEvents.items.some((e) => e.data.type === 'typing' && e.data.typing)).toBe(true));

    await op.trpc.operator.send.mutate({ conversationId: sent.conversationId, clientId: clientId(), text: 'Yes, billed monthly.' });
    await vi.waitFor(() => expect(texts(vEvents.items)).toEqual(['Hi, is the Pro plan monthly?', 'Yes, billed monthly.']));
    const reply = vEvents.items.at(-1)!.data as Extract<VisitorStreamEvent, { type: 'message' }>;
    expect(reply.message.author).toBe('operator');
    expect(reply.message.authorName).toBe('Alex');
  });
});
