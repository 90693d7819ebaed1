/** End-to-end helpers: a real server on port 0 and real Chromium pages (playwright-core, Debian's chromium). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { removeDir, start } from '../server/harness.js';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export type E2EServer = Awaited<ReturnType<typeof start>>;

export async function startE2E(opts: Parameters<typeof start>[0] = {}): Promise<{ server: E2EServer; browser: Browser; close(): Promise<void> }> {
  const server = await start(opts);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      removeDir(server.dataDir);
    },
  };
}

/** A fresh browser context (its own localStorage): one visitor or one operator. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

export async function signIn(page: Page, server: E2EServer, creds: { email: string; password: string }): Promise<void> {
  await page.goto(`${server.url}/operator`);
  await page.getByLabel('Email').fill(creds.email);
  await page.getByLabel('Password').fill(creds.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: /conversations/i }).waitFor();
}
