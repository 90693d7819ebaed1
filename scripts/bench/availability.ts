/**
 * Availability: the time the server takes to decide which automatic message answers one chat
 * request, with 1,000 open chats and 20 operators on the account. This is the whole decision
 * as a request makes it: settings, the queue read from SQLite, operator status and meal
 * times, business hours and holidays, the cap over 7 days, and the precedence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatService } from '../../server/src/chat.js';
import { defaultAvailability } from '../../server/src/protocol/availability-shared.js';
import { SqliteStore } from '../../server/src/store/sqlite.js';
import { summarize } from './measure.js';

const OPEN_CHATS = 1_000;
const OPERATORS = 20;
const WARMUP = 200;
const COUNT = 5_000;
const NOW = Date.UTC(2026, 10, 25, 10, 0);

export async function availabilityBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const store = new SqliteStore(join(dir, 'chat.db'));
  const chat = new ChatService(store, () => NOW, { tick: false });
  try {
    const accountId = store.createAccount('Bench', NOW);
    const site = store.createSite({ accountId, name: 'Bench', siteKey: 'bench', allowedOrigins: [] }, NOW);
    const operators: number[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const o = await chat.createOperator({ accountId, email: `op${i}@bench.test`, name: `Operator ${i}`, role: 'operator', password: 'bench password' });
      store.availability.setCapacity(o.id, 100);
      operators.push(o.id);
      chat.availability.connected(o.id, +1);
    }
    const settings = defaultAvailability();
    settings.distribution = 'automatic';
    settings.cap = { enabled: true, limit: 1000, intake: true };
    settings.messages.busy.enabled = true;
    settings.messages.outOfHours.enabled = true;
    settings.holidays = Array.from({ length: 30 }, (_, i) => ({ date: `2027-01-${String(i + 1).padStart(2, '0')}`, name: '', hours: [] }));
    settings.meals = operators.map((id) => ({ operatorId: id, days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, start: '12:00', end: '13:00', intake: false })).map((m) => ({ ...m, days: [...m.days] }));
    store.availability.setSettings(accountId, JSON.stringify(settings));

    store.transaction(() => {
      for (let i = 0; i < OPEN_CHATS; i++) {
        const v = store.createVisitor(site.id, `bench-visitor-${i}`, NOW - i * 60_000);
        const c = store.createConversation({ accountId, siteId: site.id, visitorId: v.id }, NOW - i * 60_000);
        // Most chats are being served, some unanswered; the rest wait.
        if (i % 5 !== 0) {
          store.updateConversation(c.id, 'active', operators[i % OPERATORS]!, NOW - i * 60_000);
          store.availability.setQueueFields(c.id, { assignedAt: NOW - i * 60_000, ...(i % 3 ? { firstReplyAt: NOW - i * 30_000 } : {}) });
        }
      }
    });
    const requester = store.createVisitor(site.id, 'bench-requester', NOW);

    const samples: number[] = [];
    let last = null;
    for (let i = 0; i < WARMUP + COUNT; i++) {
      const start = performance.now();
      last = chat.availability.decide(accountId, requester.id, NOW);
      const took = performance.now() - start;
      if (i >= WARMUP) samples.push(took);
    }
    const s = summarize(samples);
    console.log(`Availability: deciding the automatic message for one chat request`);
    console.log(`  ${OPEN_CHATS} open chats, ${OPERATORS} operators, 30 holidays, ${OPERATORS} meal times; ${COUNT} decisions`);
    console.log(`  p50 ${s.p50.toFixed(3)} ms   p99 ${s.p99.toFixed(3)} ms   mean ${s.mean.toFixed(3)} ms   max ${s.max.toFixed(3)} ms`);
    console.log(`  decision: ${last?.situation ?? 'served normally'} (message: ${last?.message ?? 'none'})\n`);
  } finally {
    chat.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
