import { chromium } from 'playwright-core';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WS from 'ws';
class WebSocket extends WS {
  constructor(url, protocols) {
    super(url, protocols, { origin: 'http://127.0.0.1:8792' });
  }
}

const BASE = 'http://127.0.0.1:8792';
const stage = process.argv[2] ?? 'all';
const login = { email: 'operator@demo.test', password: 'panel check pw' };

function client(url, params) {
  const ws = createWSClient({ url, WebSocket, connectionParams: params });
  return { trpc: createTRPCClient({ links: [wsLink({ client: ws })] }), close: () => ws.close() };
}

let token = null;
const admin = client('ws://127.0.0.1:8792/trpc', () => (token ? { operatorToken: token } : {}));
console.log('login...');
token = (await admin.trpc.auth.login.mutate(login)).token;
console.log('logged in');
const settings = await admin.trpc.admin.availability.get.query();
settings.categories = [{ name: 'Orders', divisions: ['Refund', 'Delivery'] }];
settings.messages.title.enabled = true;
settings.messages.greeting = { enabled: true, text: null, image: null, buttons: [{ label: 'Track my order', url: 'https://shop.test/track' }, { label: 'Returns policy', url: 'https://shop.test/returns' }] };
await admin.trpc.admin.availability.update.mutate(settings);

console.log('settings saved');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
const panel = await ctx.newPage();
panel.on('console', (m) => m.type() === 'error' && console.log('panel console:', m.text()));
panel.on('pageerror', (e) => console.log('panel error:', e.message));
await panel.goto(`${BASE}/operator`);
await panel.fill('operator-panel #email', login.email);
await panel.fill('operator-panel #password', login.password);
await panel.click('operator-panel form.login button[type=submit]');
await panel.waitForSelector('operator-panel .topbar');
await panel.waitForSelector('operator-panel .mate');

// Go on a break from the header menu.
await panel.click('operator-panel .status-btn');
await panel.click('operator-panel .status-option[data-status="break"]');
await panel.waitForSelector('operator-panel .status-banner');

// A visitor on the shop writes.
const shop = await ctx.newPage();
shop.on('pageerror', (e) => console.log('shop error:', e.message));
await shop.goto(`${BASE}/`);
await shop.click('chat-launcher .launcher');
await shop.waitForSelector('chat-window textarea', { timeout: 10000 });
await shop.fill('chat-window textarea', 'Hi! My order #1042 has not arrived yet.');
await shop.press('chat-window textarea', 'Enter');
await shop.waitForTimeout(300);
for (let i = 0; i < 3; i++) {
  const selects = shop.locator('chat-window select');
  const n = await selects.count();
  for (let j = 0; j < n; j++) if (!(await selects.nth(j).inputValue())) await selects.nth(j).selectOption({ index: 1 });
  await shop.press('chat-window textarea', 'Enter');
  await shop.waitForTimeout(300);
}
await shop.waitForTimeout(1500);
await shop.screenshot({ path: '/tmp/avail-shop.png' });

// A second visitor over tRPC, with a category.
let vtoken = null;
const visitor = client('ws://127.0.0.1:8792/trpc?site=demo', () => (vtoken ? { visitorToken: vtoken } : {}));
vtoken = (await visitor.trpc.visitor.hello.mutate()).token;
await visitor.trpc.visitor.send.mutate({ clientId: 'shot-visitor-1', text: 'I would like a refund for the grinder.', category: { name: 'Orders', division: 'Refund' } });

await panel.waitForSelector('operator-panel .badge.hold');
await panel.waitForTimeout(500);
await panel.click('operator-panel .row >> nth=0');
await panel.waitForSelector('operator-panel [data-automatic="unavailable"]');
await panel.click('operator-panel .status-btn');
await panel.waitForTimeout(300);
await panel.screenshot({ path: '/tmp/panel-avail-1.png' });
await panel.keyboard.press('Escape');

// Back online, accept the categorised one.
await panel.click('operator-panel .go-online');
await panel.waitForFunction(() => !document.querySelector('operator-panel').shadowRoot.querySelector('.status-banner'));
await panel.click('operator-panel .row:has-text("refund")');
await panel.click('operator-panel .accept');
await panel.waitForSelector('operator-panel [data-automatic="greeting"]');
await panel.waitForTimeout(500);
await panel.screenshot({ path: '/tmp/panel-avail.png' });

// Block confirm
await panel.click('operator-panel .block');
await panel.waitForTimeout(200);
await panel.screenshot({ path: '/tmp/panel-avail-3.png' });
await panel.click('operator-panel .confirm-block');
await panel.waitForSelector('operator-panel .unblock');
await panel.waitForTimeout(300);
await panel.screenshot({ path: '/tmp/panel-avail-4.png' });

await browser.close();
visitor.close();
admin.close();
