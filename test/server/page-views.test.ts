/**
 * Page views: what the visitor looked at reaches the operator, grouped in visits; a new
 * visit starts after 30 minutes of inactivity. The server's clock is injected.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorStreamEvent } from '../../server/src/protocol/index.js';
import { clientId, collect, operator, serverPerTest, visitor, type Tracked } from './harness.js';

const START = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
let clock = START;
const t = serverPerTest(() => ({ now: () => clock }));
beforeEach(() => {
  clock = START;
});

const PRICING = {
  url: 'https://shop.test/pricing?plan=pro',
  title: 'Pricing — Shop',
  referrer: 'https://search.example/?q=shop',
  language: 'ko-KR',
  timeZone: 'Asia/Seoul',
  device: 'mobile' as const,
};

describe('a page view', () => {
  it('is recorded with url, title, referrer, language, time zone and device, and shows to the operator', async () => {
    const { server } = t;
    const op = await operator(server);
    const v = await visitor(server);
    t.later(op.close);
    t.later(v.close);
    const events = collect<Tracked<OperatorStreamEvent>>();
    op.trpc.operator.events.subscribe({ lastEventId: null }, events);
    await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));

    const recorded = await v.trpc.visitor.pageView.mutate(PRICING);
    expect(recorded).toMatchObject({ ...PRICING, at: START });

    // The operator sees it arrive live...
    await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'pageview')).toBe(true));
    const live = events.items.find((e) => e.data.type === 'pageview')!.data as Extract<OperatorStreamEvent, { type: 'pageview' }>;
    expect(live).toEqual({ type: 'pageview', visitorId: v.visitorId, pageView: recorded });

    // ...and with the conversation, newest first; fields left out take their defaults.
    clock += MINUTE;
    const checkout = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/checkout' });
    expect(checkout).toMatchObject({ title: '', referrer: '', language: '', timeZone: '', device: 'desktop', at: START + MINUTE });
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Help with checkout?' });
    const detail = await op.trpc.operator.conversation.query({ conversationId });
    expect(detail.pageViews).toEqual([checkout, recorded]);
    const inbox = await op.trpc.operator.inbox.query();
    expect(inbox.conversations[0]!.currentPage).toEqual(checkout);
  });
});

describe('visits', () => {
  it('page views less than 30 minutes apart are one visit; after 30 quiet minutes a new visit starts', async () => {
    const { server } = t;
    const op = await operator(server);
    const v = await visitor(server);
    t.later(op.close);
    t.later(v.close);

    const home = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/' });
    clock += 29 * MINUTE;
    const pricing = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/pricing' });
    expect(pricing.visitId).toBe(home.visitId);
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Question about pricing' });
    const during = await op.trpc.operator.conversation.query({ conversationId });
    expect(during.pageViews.map((p) => p.url)).toEqual(['https://shop.test/pricing', 'https://shop.test/']);

    clock += 45 * MINUTE;
    const back = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/contact' });
    expect(back.visitId).not.toBe(home.visitId);
    // The operator sees the pages of the current visit only.
    const after = await op.trpc.operator.conversation.query({ conversationId });
    expect(after.pageViews.map((p) => p.url)).toEqual(['https://shop.test/contact']);
    // Counted from the last activity, not the start: 29 more minutes is still this visit.
    clock += 29 * MINUTE;
    expect((await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/faq' })).visitId).toBe(back.visitId);
  });

  it('a visitor chatting on one page is active: their next page view continues the same visit', async () => {
    const { server } = t;
    const op = await operator(server);
    const v = await visitor(server);
    t.later(op.close);
    t.later(v.close);

    const pricing = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/pricing' });
    const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Which plan fits a team of 5?' });
    await op.trpc.operator.accept.mutate({ conversationId });
    for (let i = 0; i < 3; i++) {
      clock += 20 * MINUTE;
      await op.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: `answer ${i}` });
      await v.trpc.visitor.send.mutate({ clientId: clientId(), text: `follow-up ${i}` });
    }
    clock += 5 * MINUTE;
    const checkout = await v.trpc.visitor.pageView.mutate({ url: 'https://shop.test/checkout' });
    expect(checkout.visitId).toBe(pricing.visitId);
    const detail = await op.trpc.operator.conversation.query({ conversationId });
    expect(detail.pageViews.map((p) => p.url)).toEqual(['https://shop.test/checkout', 'https://shop.test/pricing']);
  });
});
