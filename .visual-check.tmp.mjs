import { chromium } from 'playwright-core';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';

const BASE = 'http://127.0.0.1:8791';
let token = null;
const ws = createWSClient({ url: 'ws://127.0.0.1:8791/trpc', WebSocket, connectionParams: () => (token ? { operatorToken: token } : {}) });
const trpc = createTRPCClient({ links: [wsLink({ client: ws })] });
const login = await trpc.auth.login.mutate({ email: 'check@demo.test', password: 'visual check pw' });
token = login.token;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });

// An image for the automatic message: a small banner drawn in the browser, uploaded as the admin does.
await page.setContent('<div id=b style="width:320px;height:120px;background:linear-gradient(90deg,#3b5bdb,#15aabf);color:#fff;font:600 22px system-ui;display:grid;place-items:center">Summer opening hours</div>');
const png = await page.locator('#b').screenshot();
const up = await fetch(`${BASE}/files?purpose=automatic`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, body: png });
const file = await up.json();
console.log('upload', up.status, file);

const settings = await trpc.admin.availability.get.query();
const original = structuredClone(settings);
settings.messages.unavailable.image = file.url;
settings.messages.unavailable.buttons = [
  { label: 'Help centre', url: 'https://example.com/help' },
  { label: 'Track my order', url: 'https://example.com/orders' },
];
await trpc.admin.availability.update.mutate(settings);

const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`${BASE}/`);
await page.locator('chat-launcher').locator('button.launcher').click();
const win = page.locator('chat-launcher chat-window');
await win.locator('textarea').waitFor();
await win.locator('textarea').fill('Hello, is anyone there?');
await win.locator('textarea').press('Enter');
await win.locator('li.automatic img').waitFor();
await page.waitForFunction(() => {
  const img = document.querySelector('chat-launcher').shadowRoot.querySelector('chat-window').shadowRoot.querySelector('li.automatic img');
  return img && img.complete && img.naturalWidth > 0;
});
await page.screenshot({ path: '/tmp/widget-auto.png' });

// Chat stopped: new visitor (fresh storage) so no conversation is open.
settings.chatStopped = true;
await trpc.admin.availability.update.mutate(settings);
const ctx2 = await browser.newContext({ viewport: { width: 1100, height: 820 } });
const page2 = await ctx2.newPage();
page2.on('pageerror', (e) => errors.push(String(e)));
await page2.goto(`${BASE}/`);
await page2.locator('chat-launcher').locator('button.launcher').click();
const win2 = page2.locator('chat-launcher chat-window');
await win2.locator('#blocked').waitFor();
await page2.screenshot({ path: '/tmp/widget-blocked.png' });

// Categories, and away.
settings.chatStopped = false;
settings.categories = [{ name: 'Orders', divisions: ['Delivery', 'Returns'] }, { name: 'Products', divisions: [] }];
settings.launcherAway = true;
const { businessHours } = await trpc.admin.settings.get.query();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: businessHours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
settings.holidays = [{ date: today, name: 'Closed', hours: [] }];
await trpc.admin.availability.update.mutate(settings);
const ctx3 = await browser.newContext({ viewport: { width: 1100, height: 820 } });
const page3 = await ctx3.newPage();
page3.on('pageerror', (e) => errors.push(String(e)));
await page3.goto(`${BASE}/`);
await page3.waitForFunction(() => document.querySelector('chat-launcher')?.hasAttribute('away'));
await page3.locator('chat-launcher').locator('button.launcher').screenshot({ path: '/tmp/widget-away-button.png' });
console.log('away label:', await page3.locator('chat-launcher').locator('button.launcher').getAttribute('aria-label'));
await page3.locator('chat-launcher').locator('button.launcher').click();
const win3 = page3.locator('chat-launcher chat-window');
await win3.locator('select#category').selectOption('Orders');
await win3.locator('select#division').waitFor();
await page3.screenshot({ path: '/tmp/widget-categories.png' });

await trpc.admin.availability.update.mutate(original);
console.log('errors:', errors);
await browser.close();
ws.close();
