/**
 * Availability end to end, in Chromium with a real server: out of hours (waiting, then closed
 * without intake), the only operator on break and back, and the chat cap releasing a queued chat.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultAvailability, type AvailabilitySettings } from '../../server/src/protocol/availability-shared.js';
import { clientId, operator, OPERATOR, visitor } from '../server/harness.js';
import { newPage, signIn, startE2E } from './browser.js';

let env: Awaited<ReturnType<typeof startE2E>>;
let admin: Awaited<ReturnType<typeof operator>>;

beforeAll(async () => {
  env = await startE2E({ automatic: true });
  admin = await operator(env.server);
});
afterAll(async () => {
  admin?.close();
  await env?.close();
});
afterEach(async () => {
  // Each test starts from the defaults, with every chat of the previous one ended.
  await admin.trpc.admin.availability.update.mutate(defaultAvailability());
  await admin.trpc.admin.settings.update.mutate({ businessHours: ALWAYS_OPEN, visitGapMinutes: 30 });
  await admin.trpc.operator.setStatus.mutate({ status: 'online' });
  for (const c of (await admin.trpc.operator.inbox.query()).conversations) await admin.trpc.operator.end.mutate({ conversationId: c.id });
});

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ALWAYS_OPEN = { timeZone: 'UTC', days: Object.fromEntries(DAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]])) } as never;
const NEVER_OPEN = { timeZone: 'Europe/Paris', days: Object.fromEntries(DAYS.map((d) => [d, []])) } as never;

async function configure(change: (s: AvailabilitySettings) => void) {
  const s = defaultAvailability();
  change(s);
  await admin.trpc.admin.availability.update.mutate(s);
}

const chatWindow = (page: Page) => page.locator('chat-launcher chat-window');

/** A visitor in Chromium who opens the chat and writes. */
async function visitorWrites(text: string): Promise<Page> {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/`);
  await page.getByRole('button', { name: /Open chat/ }).click();
  const composer = chatWindow(page).getByLabel('Message');
  await composer.fill(text);
  await composer.press('Enter');
  return page;
}

describe('out of hours', () => {
  it('with intake the chat waits with the message; without intake it is closed right after it', async () => {
    await admin.trpc.admin.settings.update.mutate({ businessHours: NEVER_OPEN, visitGapMinutes: 30 });
    await configure((s) => (s.messages.outOfHours.enabled = true));
    const panel = await newPage(env.browser);
    await signIn(panel, env.server, OPERATOR);

    const waiting = await visitorWrites('Are you open on Sunday?');
    await chatWindow(waiting).getByText('We are closed right now. Leave a message and we will reply when we open.').waitFor();
    await panel.getByRole('button', { name: /Outside business hours/ }).waitFor();

    await configure((s) => {
      s.messages.outOfHours.enabled = true;
      s.messages.outOfHours.text = 'We are closed. Please come back tomorrow from 9:00.';
      s.outOfHoursIntake = false;
    });
    const closed = await visitorWrites('Hello?');
    await chatWindow(closed).getByText('We are closed. Please come back tomorrow from 9:00.').waitFor();
    await chatWindow(closed).getByText('The chat has ended').waitFor();
    const summaries = (await admin.trpc.operator.inbox.query()).conversations;
    expect(summaries.map((c) => c.lastMessage?.text)).not.toContain('Hello?');
  });
});

describe('unavailable', () => {
  it('the only operator goes on break: the visitor gets the unavailable message; back online, the chat is assigned', async () => {
    await configure((s) => (s.distribution = 'automatic'));
    const panel = await newPage(env.browser);
    await signIn(panel, env.server, OPERATOR);
    await panel.getByRole('button', { name: /Your status/ }).click();
    await panel.locator('.status-option[data-status="break"]').click();
    await panel.getByRole('button', { name: /Your status: Break/ }).waitFor();

    const page = await visitorWrites('Can someone help me with my order?');
    await chatWindow(page).getByText('Chat is unavailable right now.').waitFor();
    await panel.getByRole('button', { name: /No one available/ }).waitFor();

    await panel.getByRole('button', { name: /Your status/ }).click();
    await panel.locator('.status-option[data-status="online"]').click();
    await chatWindow(page).getByText('Alex joined the chat').waitFor();
    const [summary] = (await admin.trpc.operator.inbox.query()).conversations;
    expect(summary).toMatchObject({ status: 'active', operatorName: 'Alex' });
  });
});

describe('the chat cap', () => {
  it('cap 3 with intake: a 4th chat waits and is admitted when one ends', async () => {
    await configure((s) => {
      s.distribution = 'automatic';
      s.cap = { enabled: true, limit: 3, intake: true };
    });
    const panel = await newPage(env.browser);
    await signIn(panel, env.server, OPERATOR);
    const first: number[] = [];
    for (const text of ['first', 'second', 'third']) {
      const v = await visitor(env.server);
      first.push((await v.trpc.visitor.send.mutate({ clientId: clientId(), text })).conversationId);
      v.close();
    }
    const fourth = await visitorWrites('Am I fourth?');
    await chatWindow(fourth).getByText(/All our operators are busy/).waitFor();
    await panel.getByRole('button', { name: /Over the chat cap/ }).waitFor();

    await admin.trpc.operator.end.mutate({ conversationId: first[0]! });
    await chatWindow(fourth).getByText('Alex joined the chat').waitFor();
  });
});
