/** First-start data: a demo account with one site and one operator. */
import { defaultAvailability } from './protocol/availability-shared.js';
import { newPassword } from './auth.js';
import type { ChatService } from './chat.js';
import type { SqliteStore } from './store/sqlite.js';

export const DEMO_SITE_KEY = 'demo';

export interface DemoLogin {
  email: string;
  /** Set only when the password was generated or set on this start. */
  password: string | null;
  created: boolean;
}

export async function seedDemo(
  store: SqliteStore,
  chat: ChatService,
  opts: { email?: string; password?: string; allowedOrigins?: string[]; team?: boolean },
  now: number,
): Promise<DemoLogin> {
  const email = opts.email ?? 'operator@demo.test';
  if (store.operatorCount() > 0) return { email, password: null, created: false };
  const accountId = store.createAccount('Demo Shop', now);
  const site = store.createSite({ accountId, name: 'Demo shop', siteKey: DEMO_SITE_KEY, allowedOrigins: opts.allowedOrigins ?? [] }, now);
  const password = opts.password ?? newPassword();
  const operator = await chat.createOperator({ accountId, email, name: 'Alex', role: 'admin', password });
  store.setDefaultSender(site.id, operator.id);
  chat.proactive.addStarterDrafts(accountId, site.id);
  if (opts.team) await seedTeam(store, chat, accountId, email, password, now);
  return { email, password, created: true };
}

/** The demo's teammate, so transfers can be tried, with departments, canned responses and a helpdesk team. */
async function seedTeam(store: SqliteStore, chat: ChatService, accountId: number, email: string, password: string, now: number): Promise<void> {
  const alex = store.operators(accountId)[0]!;
  const sam = await chat.createOperator({ accountId, email: teammateEmail(email), name: 'Sam', role: 'operator', password });
  store.workspace.saveDepartment(accountId, null, 'Sales', [alex.id, sam.id], now);
  store.workspace.saveDepartment(accountId, null, 'Support', [sam.id], now);
  store.workspace.saveTeam(accountId, null, { name: 'Support', priority: 10, defaultAssigneeId: sam.id }, now);
  const canned: Array<[string, string]> = [
    ['hello', 'Hi! Thanks for reaching out. How can I help you today?'],
    ['sorry', 'I am sorry for the trouble. Let me sort this out for you right away.'],
    ['thanks', 'Thank you for chatting with us. Have a great day!'],
    ['shipping', 'Orders ship within 1 business day; delivery takes 3 to 5 days.'],
  ];
  for (const [shortcut, text] of canned) store.workspace.saveCanned(accountId, null, shortcut, text, now);
  // Operators can ask for ratings from the start, so the demo shows them.
  store.availability.setSettings(accountId, JSON.stringify({ ...defaultAvailability(), rating: true }));
}

/** sam@<the demo operator's domain>. */
export function teammateEmail(email: string): string {
  return `sam@${email.split('@')[1] ?? 'demo.test'}`;
}
