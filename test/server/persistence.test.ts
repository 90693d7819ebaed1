/** What was said is still there after the server restarts on the same data dir. */
import { describe, expect, it, vi } from 'vitest';
import type { VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { client, clientId, collect, messagesIn, operator, restart, serverPerTest, textsIn, visitor, type Tracked } from './harness.js';

const t = serverPerTest();

describe('after a restart on the same data dir', () => {
  it('the visitor gets its history back and the operator sees the conversation, page views and status', async () => {
    const before = t.server;
    const op = await operator(before);
    const v = await visitor(before);
    await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/pricing', title: 'Pricing' });
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Is there a student discount?' });
    await op.trpc.operator.accept.mutate({ conversationId });
    await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Yes, 20% off.' });
    const transcriptBefore = before.store.conversationMessages(conversationId);
    await v.ws.close();
    await op.ws.close();

    const server = await restart(before);
    t.replace(server);

    // The visitor's token still names the same visitor, whose history replays with no cursor.
    const back = await visitor(server, v.token);
    t.later(back.close);
    expect(back.visitorId).toBe(v.visitorId);
    const history = collect<Tracked<VisitorStreamEvent>>();
    back.trpc.visitor.events.subscribe({ lastEventId: null }, history);
    await vi.waitFor(() => expect(history.items.some((e) => e.data.type === 'synced')).toBe(true));
    expect(textsIn(history.items)).toEqual(['Is there a student discount?', 'Yes, 20% off.']);
    expect(messagesIn(history.items)).toEqual(transcriptBefore);
    const last = history.items.findLast((e) => e.data.type === 'message')!.data as Extract<VisitorStreamEvent, { type: 'message' }>;
    expect(last.status).toBe('active');

    // The operator signs in again and finds the conversation as it was.
    const opAgain = await operator(server);
    t.later(opAgain.close);
    const inbox = await opAgain.trpc.operator.inbox.query();
    expect(inbox.conversations.map((c) => [c.id, c.status, c.operatorName])).toEqual([[conversationId, 'active', 'Alex']]);
    const detail = await opAgain.trpc.operator.conversation.query({ conversationId });
    expect(detail.messages).toEqual(transcriptBefore);
    expect(detail.pageViews.map((p) => [p.url, p.title])).toEqual([['https://shop.test/pricing', 'Pricing']]);

    // The conversation goes on where it was.
    await opAgain.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Use code STUDENT.' });
    await vi.waitFor(() => expect(textsIn(history.items)).toEqual(['Is there a student discount?', 'Yes, 20% off.', 'Use code STUDENT.']));
  });

  it('an operator session token issued before the restart still signs the operator in', async () => {
    const before = t.server;
    const op = await operator(before);
    await op.ws.close();
    const server = await restart(before);
    t.replace(server);
    const again = client(server, { site: null, params: () => ({ operatorToken: op.token }) });
    t.later(again.close);
    expect(await again.trpc.auth.me.query()).toEqual(op.operator);
  });
});
