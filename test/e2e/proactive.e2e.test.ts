/**
 * Proactive messages end to end: a marketer publishes a message in /admin, a visitor on the
 * demo shop gets the bubble on time, answers its form, and the operator panel shows the
 * conversation; counters and frequency are checked the way a person would see them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, operator as apiOperator } from '../server/harness.js';
import { newPage, signIn, startE2E } from './browser.js';

let env: Awaited<ReturnType<typeof startE2E>>;

beforeAll(async () => {
  env = await startE2E();
});
afterAll(async () => {
  await env?.close();
});

const bubble = (page: Page) => page.locator('chat-launcher').getByRole('button', { name: /Open message from/ });
const chatWindow = (page: Page) => page.locator('chat-launcher chat-window');

async function adminSignIn(page: Page): Promise<void> {
  await page.goto(`${env.server.url}/admin`);
  await page.getByLabel('Email').fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/\d+ \/ 140/).waitFor();
}

describe('proactive messages', () => {
  it('admin publishes; the visitor gets the bubble after 3 s, answers with an email; the operator sees it; counters add up', async () => {
    const { server, browser } = env;
    const admin = await newPage(browser);
    await adminSignIn(admin);
    await admin.getByRole('button', { name: /New message/ }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Pricing questions');
    await admin.getByLabel('Message text').fill('Comparing plans? Leave your email and we will help.');
    await admin.getByLabel(/Follow-up/).fill('Thanks! We will write to you within the hour.');
    await admin.getByRole('radio', { name: /^Email/ }).check();
    await admin.getByRole('radio', { name: /^Once per visit/ }).check();
    // Rule: URL contains /pricing AND time on page ≥ 3 s.
    await admin.getByRole('button', { name: 'Add condition' }).click();
    await admin.getByLabel('Field').last().selectOption('url');
    await admin.getByLabel('Operator').last().selectOption('contains');
    await admin.getByLabel('Value').last().fill('/pricing');
    await admin.getByRole('button', { name: 'Add condition' }).click();
    await admin.getByLabel('Field').last().selectOption('timeOnPage');
    await admin.getByLabel('Operator').last().selectOption('gte');
    await admin.getByLabel('Value').last().fill('3');
    await admin.getByRole('button', { name: 'Save draft' }).click();
    const row = admin.getByRole('row', { name: /Pricing questions/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Actions for Pricing questions' }).click();
    await admin.getByRole('menuitem', { name: 'Publish' }).click();
    await row.getByText('Live', { exact: true }).waitFor();

    // The visitor opens /pricing: no bubble at first, then after about 3 s.
    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/pricing`);
    const shownAt = Date.now();
    await visitor.waitForTimeout(1500);
    expect(await bubble(visitor).count()).toBe(0);
    await bubble(visitor).waitFor({ timeout: 6000 });
    expect(Date.now() - shownAt).toBeGreaterThanOrEqual(2500);
    await expect(bubble(visitor).textContent()).resolves.toContain('Comparing plans?');

    // Clicking opens the window with the form; an invalid email is refused with an error.
    await bubble(visitor).click();
    const email = chatWindow(visitor).getByLabel(/Email/);
    await email.fill('ann@');
    await chatWindow(visitor).getByRole('button', { name: /Send|Submit/ }).first().click();
    await chatWindow(visitor).getByText(/valid email/i).waitFor();
    await email.fill('ann@example.com');
    await chatWindow(visitor).getByRole('button', { name: /Send|Submit/ }).first().click();
    await chatWindow(visitor).getByText('Thanks! We will write to you within the hour.').waitFor();

    // The operator sees the new conversation with that email and where it came from.
    const operator = await newPage(browser);
    await signIn(operator, server, OPERATOR);
    await operator.getByRole('button', { name: /Thanks! We will write to you within the hour/ }).click();
    await operator.getByText('ann@example.com').waitFor();
    await operator.getByText('Pricing questions').first().waitFor();

    // A reload in the same visit shows no bubble, even after the time condition.
    await visitor.reload();
    await visitor.waitForTimeout(4000);
    expect(await bubble(visitor).count()).toBe(0);

    // The admin list counts it: sent 1, read 1, replied 1.
    await admin.reload();
    const counted = admin.getByRole('row', { name: /Pricing questions/ });
    await counted.waitFor();
    // The count, without the rate shown beside it.
    const count = (column: string) =>
      counted.locator(`td.col-${column}`).evaluate((td) => {
        const copy = td.cloneNode(true) as HTMLElement;
        copy.querySelector('.rate')?.remove();
        return (copy.textContent ?? '').trim();
      });
    expect([await count('sent'), await count('read'), await count('replied')]).toEqual(['1', '1', '1']);
  });

  it('offers no bubble while the visitor is in a conversation', async () => {
    const { server, browser } = env;
    const op = await apiOperator(server);
    const message = await op.trpc.admin.proactive.create.mutate({
      name: 'Checkout nudge',
      siteId: 1,
      text: 'Need a hand with your order?',
      frequency: 'everyTime',
      rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/checkout' }] },
    });
    await op.trpc.admin.proactive.publish.mutate({ id: message.id });

    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const composer = chatWindow(visitor).getByLabel('Message');
    await composer.fill('Do you sell gift cards?');
    await composer.press('Enter');
    await chatWindow(visitor).getByText('Someone from our team will be with you shortly').waitFor();
    await visitor.getByRole('button', { name: 'Close chat' }).first().click();
    await visitor.getByRole('link', { name: 'Checkout', exact: true }).click();
    await visitor.waitForTimeout(1500);
    expect(await bubble(visitor).count()).toBe(0);

    // Once the conversation has ended, the same page offers it again.
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await chatWindow(visitor).getByRole('button', { name: 'End chat' }).click();
    await chatWindow(visitor).getByRole('alertdialog').getByRole('button', { name: 'End chat' }).click();
    await chatWindow(visitor).getByText('The chat has ended').waitFor();
    await visitor.getByRole('button', { name: 'Close chat' }).first().click();
    await visitor.getByRole('link', { name: 'Shop', exact: true }).click();
    await visitor.getByRole('link', { name: 'Checkout', exact: true }).click();
    await bubble(visitor).waitFor();
    op.close();
  });
});
