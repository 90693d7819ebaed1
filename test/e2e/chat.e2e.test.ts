import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../server/harness.js';
import { newPage, signIn, startE2E } from './browser.js';

let env: Awaited<ReturnType<typeof startE2E>>;

beforeAll(async () => {
  env = await startE2E();
});
afterAll(async () => {
  await env?.close();
});

const chatWindow = (page: Page) => page.locator('chat-launcher chat-window');

describe('a visitor and an operator chat in two browser windows', () => {
  it('visitor writes from the launcher; operator accepts and answers; visitor sees typing and the reply, also after reload', async () => {
    const { server, browser } = env;
    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/`);
    // SPA navigation: the operator should see the page the visitor is on now.
    await visitor.getByRole('link', { name: 'Subscriptions', exact: true }).click();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const composer = chatWindow(visitor).getByLabel('Message');
    await composer.fill('Hi! Does the Pro plan ship to Canada?');
    await composer.press('Enter');
    await chatWindow(visitor).getByText('Someone from our team will be with you shortly').waitFor();

    const operator = await newPage(browser);
    await signIn(operator, server, OPERATOR);
    const row = operator.getByRole('button', { name: /Does the Pro plan ship to Canada/ });
    await row.waitFor();
    await row.click();
    await operator.getByText('Subscriptions · Brewline').first().waitFor();
    await operator.getByRole('button', { name: 'Accept', exact: true }).click();

    await chatWindow(visitor).getByText('Alex joined the chat').waitFor();

    // Visitor typing is shown to the operator.
    await composer.pressSequentially('Also, is ', { delay: 20 });
    await operator.getByText(/is typing…/).waitFor();

    // Operator typing is shown to the visitor, then the reply arrives.
    const reply = operator.getByLabel('Reply');
    await reply.pressSequentially('Yes, we ship', { delay: 20 });
    await chatWindow(visitor).getByText('Alex is typing…').waitFor();
    await reply.pressSequentially(' to Canada in 3–5 days.');
    await reply.press('Enter');
    const answer = chatWindow(visitor).getByText('Yes, we ship to Canada in 3–5 days.');
    await answer.waitFor();
    await chatWindow(visitor).getByText('Alex is typing…').waitFor({ state: 'hidden' });
    expect(await chatWindow(visitor).locator('[data-author="operator"] .meta').first().textContent()).toContain('Alex');

    // History survives a reload, and the visitor is the same one.
    await visitor.reload();
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await chatWindow(visitor).getByText('Yes, we ship to Canada in 3–5 days.').waitFor();
    await chatWindow(visitor).getByText('Hi! Does the Pro plan ship to Canada?').waitFor();

    // The operator ends the chat; the visitor is told.
    await operator.getByRole('button', { name: 'End chat' }).click();
    await operator.getByRole('alertdialog').getByRole('button', { name: 'End chat' }).click();
    await chatWindow(visitor).getByText('The chat has ended').waitFor();
  });

  it('the unread badge counts replies while the window is closed', async () => {
    const { server, browser } = env;
    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/checkout`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const composer = chatWindow(visitor).getByLabel('Message');
    await composer.fill('Where is my order #1042?');
    await composer.press('Enter');
    await visitor.getByRole('button', { name: 'Close chat' }).first().click();

    const operator = await newPage(browser);
    await signIn(operator, server, OPERATOR);
    await operator.getByRole('button', { name: /Where is my order/ }).click();
    await operator.getByRole('button', { name: 'Accept', exact: true }).click();
    await operator.getByLabel('Reply').fill('It left our warehouse this morning.');
    await operator.getByLabel('Reply').press('Enter');

    await visitor.getByRole('button', { name: 'Open chat, 1 unread message' }).waitFor();
    await visitor.getByRole('button', { name: 'Open chat, 1 unread message' }).click();
    await chatWindow(visitor).getByText('It left our warehouse this morning.').waitFor();
    await visitor.getByRole('button', { name: 'Close chat' }).first().click();
    await visitor.getByRole('button', { name: 'Open chat', exact: true }).waitFor();
  });
});
