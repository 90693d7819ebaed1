/**
 * Visitors' locations in the operator's live visitor list, through the real server: from a GeoIP
 * database, with the address read from X-Forwarded-For only when the server is told it is behind
 * a proxy; a database that cannot be read stops the server from starting.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/src/routers/app.js';
import type { OperatorStreamEvent } from '../../server/src/protocol/index.js';
import type { ServerOptions } from '../../server/src/server.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { collect, operator, removeDir, start, tempDir, type TestServer, type Tracked } from './harness.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/geoip-sample.csv', import.meta.url));
const BRISBANE = { countryCode: 'AU', region: 'Queensland', city: 'Brisbane' };

const running: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function server(opts: Partial<ServerOptions>): Promise<TestServer> {
  const s = await start(opts);
  running.push({ close: () => s.close().then(() => removeDir(s.dataDir)) });
  return s;
}

/** A visitor whose WebSocket upgrade carries `headers`, as a reverse proxy would add them. */
async function visitorVia(s: TestServer, headers: Record<string, string>) {
  class ProxiedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin: s.url, ...headers } });
    }
  }
  const ws = createWSClient({ url: `${s.wsUrl}?site=${DEMO_SITE_KEY}`, WebSocket: ProxiedWebSocket as unknown as typeof globalThis.WebSocket });
  running.push(ws);
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return (await trpc.visitor.hello.mutate()).visitorId;
}

/** The row of the operator's live visitor list for one visitor. */
async function rowOf(s: TestServer, visitorId: number) {
  const op = await operator(s);
  running.push(op);
  const rows = await op.trpc.operator.visitors.query();
  const row = rows.find((r) => r.id === visitorId);
  expect(row).toBeDefined();
  return row!;
}

describe('with a GeoIP database and TRUST_PROXY=1', () => {
  it('the live visitor list shows where the address the proxy forwarded is', async () => {
    const s = await server({ geoipDb: SAMPLE, trustProxy: 1 });
    const visitorId = await visitorVia(s, { 'x-forwarded-for': '1.0.0.9' });
    expect((await rowOf(s, visitorId)).location).toEqual(BRISBANE);
  });

  it('operators with the panel open hear of the visitor with their location', async () => {
    const s = await server({ geoipDb: SAMPLE, trustProxy: 1 });
    const op = await operator(s);
    running.push(op);
    const events = collect<Tracked<OperatorStreamEvent>>();
    const sub = op.trpc.operator.events.subscribe({ lastEventId: null }, events);
    running.push({ close: () => sub.unsubscribe() });
    await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
    const visitorId = await visitorVia(s, { 'x-forwarded-for': '2a00:1450:4001:81c::200e' });
    await vi.waitFor(() => {
      const seen = events.items.flatMap((e) => (e.data.type === 'visitor' && e.data.visitor.id === visitorId ? [e.data.visitor] : []));
      expect(seen.at(-1)?.location).toEqual({ countryCode: 'IE', region: 'Leinster', city: 'Dublin' });
    });
  });

  it('reads the address the proxy appended, not one the visitor put in front of it', async () => {
    const s = await server({ geoipDb: SAMPLE, trustProxy: 1 });
    const visitorId = await visitorVia(s, { 'x-forwarded-for': '8.8.8.8, 1.0.0.9' });
    expect((await rowOf(s, visitorId)).location).toEqual(BRISBANE);
  });

  it('shows no location for an address the database does not have', async () => {
    const s = await server({ geoipDb: SAMPLE, trustProxy: 1 });
    const visitorId = await visitorVia(s, { 'x-forwarded-for': '9.9.9.9' });
    const row = await rowOf(s, visitorId);
    expect(row.location).toBeNull();
  });
});

describe('without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For: the address is the socket\'s, here loopback, which has no location', async () => {
    const s = await server({ geoipDb: SAMPLE });
    const visitorId = await visitorVia(s, { 'x-forwarded-for': '1.0.0.9' });
    expect((await rowOf(s, visitorId)).location).toBeNull();
  });
});

describe('a GeoIP database that cannot be read', () => {
  it('stops the server from starting, naming the file and the line', async () => {
    const dir = tempDir();
    try {
      const bad = join(dir, 'geoip.csv');
      writeFileSync(bad, '1.0.0.0,1.0.0.255,OC,AU,Queensland,Brisbane,-27.4679,153.028\n1.0.1.0,1.0.3.255,AS,CN,Fujian,Fuzhou\n');
      await expect(start({ dataDir: dir, geoipDb: bad })).rejects.toThrow(`GeoIP database ${bad}: line 2: expected 3, 4, 5 or 8 columns, found 6`);
    } finally {
      removeDir(dir);
    }
  });
});
