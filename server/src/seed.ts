/** First-start data: a demo account with one site and one operator. */
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
  opts: { email?: string; password?: string; allowedOrigins?: string[] },
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
  return { email, password, created: true };
}
