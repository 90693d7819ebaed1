/**
 * Team chat in Chromium with a real server: Alex mentions Sam in a visitor's chat, Sam's panel
 * shows the notice, opens the chat from it, and `#general` in that line opens the channel, where
 * Alex's message in #general is waiting for Sam, unread.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../server/harness.js';
import { teammateEmail } from '../../server/src/seed.js';
import { newPage, signIn, startE2E } from './browser.js';

let env: Awaited<ReturnType<typeof startE2E>>;
const SAM = { email: teammateEmail(OPERATOR.email), password: OPERATOR.password };

beforeAll(async () => {
  env = await startE2E({ demo: { ...OPERATOR, team: true } });
});
afterAll(async () => {
  await env?.close();
});

const chatWindow = (page: Page) => page.locator('chat-launcher chat-window');

describe('team chat', () => {
  it('Alex writes “@sam see #general” to a visitor; Sam gets the notice, and #general opens the channel', async () => {
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    const sam = await newPage(env.browser);
    await signIn(sam, env.server, SAM);

    const visitor = await newPage(env.browser);
    await visitor.goto(`${env.server.url}/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const message = chatWindow(visitor).getByLabel('Message');
    await message.fill('Can I change the delivery address?');
    await message.press('Enter');
    await chatWindow(visitor).getByText('Can I change the delivery address?').waitFor();

    // Alex posts in #general first, then mentions Sam in the visitor's chat.
    await alex.getByRole('button', { name: 'Team chat' }).click();
    await alex.getByRole('button', { name: 'general' }).click();
    const team = alex.getByLabel('Message #general');
    await team.fill('Address changes are fine until the parcel ships.');
    await team.press('Enter');
    await alex.getByRole('log', { name: 'Messages in #general' }).getByText('Address changes are fine').waitFor();

    await alex.getByRole('button', { name: 'Chats', exact: true }).click();
    await alex.getByRole('button', { name: /Can I change the delivery address/ }).first().click();
    await alex.getByRole('button', { name: 'Accept', exact: true }).click();
    const reply = alex.getByLabel('Reply');
    await reply.fill('@sam see #general');
    await reply.press('Enter');
    await chatWindow(visitor).getByText('@sam see #general').waitFor();

    // Sam: the notice, and the unread team message on the Team chat button.
    const notice = sam.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: /^Alex mentioned you/ });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('@sam see #general');
    await sam.getByRole('button', { name: 'Team chat 1 unread team message', exact: true }).waitFor();

    await notice.click();
    const line = sam.locator('operator-panel .log [data-author="operator"]').filter({ hasText: '@sam see #general' });
    await line.waitFor();
    expect(await line.locator('mark.mention').textContent()).toBe('@sam');

    await line.getByRole('button', { name: 'Open channel #general' }).click();
    await sam.getByRole('log', { name: 'Messages in #general' }).getByText('Address changes are fine until the parcel ships.').waitFor();
    expect(await sam.getByRole('button', { name: /Team chat/ }).getAttribute('aria-current')).toBe('page');
    // Reading #general clears its unread count.
    await sam.getByRole('button', { name: 'Team chat', exact: true }).waitFor();
    await Promise.all([alex.context().close(), sam.context().close(), visitor.context().close()]);
  });
});
