/**
 * The operator workspace in Chromium with a real server: a transfer between two operators,
 * /history seen by operators only, a canned response, a ticket from the chat, and ending with
 * tags, then continuing a chat the visitor ended.
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
const accountId = () => env.server.store.siteByKey(DEMO_SITE_KEY)!.accountId;

/** A visitor on the demo shop who opens the chat and writes. */
async function visitorWrites(text: string, path = '/'): Promise<Page> {
  const visitor = await newPage(env.browser);
  await visitor.goto(`${env.server.url}${path}`);
  await visitor.getByRole('button', { name: 'Open chat' }).click();
  const composer = chatWindow(visitor).getByLabel('Message');
  await composer.fill(text);
  await composer.press('Enter');
  await chatWindow(visitor).getByText(text).waitFor();
  return visitor;
}

/** An operator opens the visitor's chat from the list and accepts it. */
async function accept(operator: Page, visitor: Page, firstWords: RegExp): Promise<void> {
  await operator.getByRole('button', { name: firstWords }).first().click();
  await operator.getByRole('button', { name: 'Accept', exact: true }).click();
  await chatWindow(visitor).getByText('Alex joined the chat').waitFor();
}

describe('operator workspace', () => {
  it('Alex transfers the chat to Sam, Sam answers, and the visitor sees Sam', async () => {
    const visitor = await visitorWrites('My parcel never arrived');
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    const sam = await newPage(env.browser);
    await signIn(sam, env.server, SAM);
    await accept(alex, visitor, /My parcel never arrived/);

    await alex.getByRole('button', { name: 'Transfer', exact: true }).click();
    await alex.getByRole('button', { name: 'Transfer to Sam' }).click();
    await chatWindow(visitor).getByText('Alex left the chat').waitFor();
    await chatWindow(visitor).getByText('Sam joined the chat').waitFor();
    // Alex can no longer write in it.
    await alex.getByText('Sam is serving this chat.').waitFor();
    expect(await alex.getByLabel('Reply').isDisabled()).toBe(true);

    // The chat is now in Sam's Active list.
    await sam.getByRole('button', { name: /Sam joined the chat/ }).first().click();
    const reply = sam.getByLabel('Reply');
    await reply.fill('Hi, Sam here. I am checking with the carrier now.');
    await reply.press('Enter');
    const answer = chatWindow(visitor).locator('[data-author="operator"]').filter({ hasText: 'Sam here' });
    await answer.waitFor();
    expect(await answer.locator('.meta').textContent()).toContain('Sam');
    await Promise.all([alex.context().close(), sam.context().close(), visitor.context().close()]);
  });

  it('/history shows the visitor’s pages to the operator, and nothing of it reaches the visitor', async () => {
    const visitor = await newPage(env.browser);
    await visitor.goto(`${env.server.url}/`);
    await visitor.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const composer = chatWindow(visitor).getByLabel('Message');
    await composer.fill('Which plan should I pick?');
    await composer.press('Enter');

    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    await accept(alex, visitor, /Which plan should I pick/);
    const reply = alex.getByLabel('Reply');
    await reply.fill('/history');
    await reply.press('Enter');
    const output = alex.locator('li.msg.internal').filter({ hasText: 'newest first' });
    await output.waitFor();
    const pages = output.locator('.history-pages li');
    expect(await pages.count()).toBe(2);
    expect(await pages.first().textContent()).toContain('Subscriptions');
    await output.getByText('Only operators see this').waitFor();

    // The visitor's page shows nothing of it, live or after a reload.
    await alex.getByLabel('Reply').fill('Happy to help you choose.');
    await alex.getByLabel('Reply').press('Enter');
    await chatWindow(visitor).getByText('Happy to help you choose.').waitFor();
    expect(await chatWindow(visitor).textContent()).not.toMatch(/newest first|history/i);
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await chatWindow(visitor).getByText('Happy to help you choose.').waitFor();
    expect(await chatWindow(visitor).textContent()).not.toMatch(/newest first|history/i);
    await Promise.all([alex.context().close(), visitor.context().close()]);
  });

  it('“:sorry” expands to its canned response, from the picker or typed in full', async () => {
    const visitor = await visitorWrites('The discount code does not work');
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    await accept(alex, visitor, /The discount code does not work/);
    const reply = alex.getByLabel('Reply');
    const sorry = 'I am sorry for the trouble. Let me sort this out for you right away.';

    // The picker filters as the operator types; Enter picks the highlighted entry.
    await reply.pressSequentially(':so');
    const option = alex.getByRole('option', { name: /:sorry/ });
    await option.waitFor();
    expect(await alex.getByRole('option').count()).toBe(1);
    await reply.press('Enter');
    expect(await reply.inputValue()).toBe(sorry);

    // Typed in full and followed by a space, it expands too.
    await reply.fill('');
    await reply.pressSequentially(':sorry ');
    expect(await reply.inputValue()).toBe(sorry);
    await reply.press('Enter');
    await chatWindow(visitor).getByText(sorry).waitFor();
    await Promise.all([alex.context().close(), visitor.context().close()]);
  });

  it('/ticket Broken checkout creates a ticket whose description is the transcript', async () => {
    const visitor = await visitorWrites('The pay button spins forever', '/checkout');
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    await accept(alex, visitor, /The pay button spins forever/);
    const reply = alex.getByLabel('Reply');
    await reply.fill('Thanks, I am opening a ticket for our developers.');
    await reply.press('Enter');
    await chatWindow(visitor).getByText('I am opening a ticket').waitFor();
    await reply.fill('/ticket Broken checkout');
    await reply.press('Enter');

    const output = alex.locator('li.msg.internal').filter({ hasText: 'Broken checkout' });
    await output.waitFor();
    const link = output.getByRole('link', { name: /Ticket #\d+/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/admin#tickets\/\d+$/);

    const ticket = env.server.store.workspace.tickets(accountId()).find((t) => t.title === 'Broken checkout')!;
    expect(ticket.description).toContain('The pay button spins forever');
    expect(ticket.description).toContain('Alex: Thanks, I am opening a ticket for our developers.');
    expect(ticket.teamName).toBe('Support');
    expect(ticket.assigneeName).toBe('Sam');
    expect(await chatWindow(visitor).textContent()).not.toContain('Broken checkout');
    await Promise.all([alex.context().close(), visitor.context().close()]);
  });

  it('ends a chat with tags; when the visitor ends the next one, the operator continues it', async () => {
    const visitor = await visitorWrites('Can I get a refund?');
    const alex = await newPage(env.browser);
    await signIn(alex, env.server, OPERATOR);
    await accept(alex, visitor, /Can I get a refund/);

    await alex.getByRole('button', { name: 'End chat' }).click();
    const dialog = alex.getByRole('alertdialog');
    const tags = dialog.getByLabel('Tags');
    await tags.fill('refund');
    await tags.press('Enter');
    await tags.fill('vip');
    await tags.press(',');
    await dialog.getByRole('button', { name: 'End chat' }).click();
    await chatWindow(visitor).getByText('The chat has ended').waitFor();
    // The operator's side panel shows the tags the chat ended with.
    await alex.locator('.side-section .tag').filter({ hasText: 'vip' }).waitFor();
    expect(await alex.locator('.side-section .tag').allTextContents()).toEqual(['refund', 'vip']);

    // The visitor starts again, then ends the chat themselves.
    const composer = chatWindow(visitor).getByLabel('Message');
    await composer.fill('One more question about my order');
    await composer.press('Enter');
    await alex.getByRole('button', { name: /One more question about my order/ }).first().click();
    await alex.getByRole('button', { name: 'Accept', exact: true }).click();
    await chatWindow(visitor).getByText('Alex joined the chat').last().waitFor();
    await chatWindow(visitor).getByRole('button', { name: 'End chat' }).click();
    await chatWindow(visitor).getByRole('alertdialog').getByRole('button', { name: 'End chat' }).click();

    const notice = alex.getByRole('status').filter({ hasText: 'ended the chat.' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Continue chat' }).click();
    await chatWindow(visitor).getByText('Alex continued the chat').waitFor();
    await composer.fill('Great, thanks for staying!');
    await composer.press('Enter');
    await alex.locator('li.msg.theirs').filter({ hasText: 'Great, thanks for staying!' }).waitFor();
    await Promise.all([alex.context().close(), visitor.context().close()]);
  });
});
