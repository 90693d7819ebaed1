/**
 * Team chat in Chromium with a real server: Alex mentions Sam in a visitor's chat, Sam's panel
 * shows the notice, opens the chat from it, and `#general` in that line opens the channel, where
 * Alex's message in #general is waiting for Sam, unread. And a mention made while Sam's panel is
 * closed (written with the `@` picker) waits in his Mentions list until he opens it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../server/harness.js';
import { DEMO_SITE_KEY, teammateEmail } from '../../server/src/seed.js';
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

  it('Alex picks Sam with “@” while Sam’s panel is closed; Sam finds it under Mentions later, and opening it marks it read', async () => {
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    await alex.getByRole('button', { name: 'Team chat' }).click();
    await alex.getByRole('button', { name: 'general', exact: true }).click();
    const team = alex.getByLabel('Message #general');
    await team.pressSequentially('Heads up @s');
    await alex.getByRole('listbox', { name: 'Teammates' }).getByRole('option', { name: 'Sam @Sam' }).waitFor();
    await team.press('Enter');
    expect(await team.inputValue()).toBe('Heads up @Sam ');
    await team.pressSequentially('the courier moved pickups to 4 pm');
    await team.press('Enter');
    await alex.getByRole('log', { name: 'Messages in #general' }).getByText('Heads up @Sam the courier moved pickups to 4 pm').waitFor();

    // Sam opens the panel afterwards, in two tabs.
    const sam = await newPage(env.browser);
    await signIn(sam, env.server, SAM);
    const samAgain = await sam.context().newPage();
    await samAgain.goto(`${env.server.url}/operator`);
    await samAgain.getByRole('button', { name: 'Mentions, 1 unread' }).waitFor();

    await sam.getByRole('button', { name: 'Mentions, 1 unread' }).click();
    const item = sam.getByRole('group', { name: 'Mentions' }).getByRole('button', { name: /^Alex in #general/ });
    expect(await item.textContent()).toContain('Heads up @Sam the courier moved pickups to 4 pm');
    await item.click();
    const line = sam.getByRole('log', { name: 'Messages in #general' }).locator('li').filter({ hasText: 'the courier moved pickups' });
    await line.waitFor();
    expect(await line.locator('mark.mention').textContent()).toBe('@Sam');
    await sam.getByRole('button', { name: 'Mentions, none unread' }).waitFor();
    // Read in one tab, read in the other, and on the server.
    await samAgain.getByRole('button', { name: 'Mentions, none unread' }).waitFor();
    const accountId = env.server.store.siteByKey(DEMO_SITE_KEY)!.accountId;
    const samId = env.server.store.operators(accountId).find((o) => o.name === 'Sam')!.id;
    expect(env.server.store.channels.unreadMentionCount(samId)).toBe(0);

    // A reload lists nothing unread.
    await sam.reload();
    await sam.getByRole('button', { name: 'Mentions, none unread' }).waitFor();
    await Promise.all([alex.context().close(), sam.context().close()]);
  });
});
