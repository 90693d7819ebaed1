/**
 * The live visitor list at scale: 1,000 visitors connected (each with its event stream open, as
 * the widget keeps it) and 20 operators with the panel open, on one server in its own process.
 * Prints the time from a visitor's page view to all 20 operators having the updated row, and the
 * server's memory per connected visitor (its resident set before and after they connect).
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/src/routers/app.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { startServer } from '../../server/src/server.js';
import { summarize, within } from './measure.js';

const VISITORS = 1_000;
const OPERATORS = 20;
const UPDATES = 300;
const WARMUP = 20;
const LOGIN = { email: 'bench@demo.test', password: 'bench password 1234' };

type Client = ReturnType<typeof chatClient>;

function chatClient(url: string, origin: string, params: () => Record<string, string>) {
  class OriginWebSocket extends WebSocket {
    constructor(u: string | URL, protocols?: string | string[]) {
      super(u, protocols, { headers: { origin } });
    }
  }
  const ws = createWSClient({ url, WebSocket: OriginWebSocket as unknown as typeof globalThis.WebSocket, connectionParams: params });
  return { trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }), ws };
}

/** The account with 20 operators, written before the measured server starts. */
async function prepare(dataDir: string): Promise<Array<{ email: string; password: string }>> {
  const server = await startServer({ port: 0, dataDir, demo: LOGIN });
  const accountId = server.store.siteByKey(DEMO_SITE_KEY)!.accountId;
  const logins = [LOGIN];
  for (let i = 2; i <= OPERATORS; i++) {
    const login = { email: `op${i}@bench.test`, password: LOGIN.password };
    await server.chat.createOperator({ accountId, name: `Operator ${i}`, role: 'operator', ...login });
    logins.push(login);
  }
  await server.close();
  return logins;
}

/** The server in a child process, so its memory is its own. */
async function spawnServer(dataDir: string): Promise<{ child: ChildProcess; url: string; wsUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', '--port', '0', '--data', dataDir], {
    env: { ...process.env, DEMO_TEAM: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await within(
    new Promise<string>((resolve) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const found = /Live chat server on (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]!);
      });
    }),
    'the server starting',
    20_000,
  );
  return { child, url, wsUrl: `${url.replace(/^http/, 'ws')}/trpc` };
}

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

export async function visitorListBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-visitors-'));
  const logins = await prepare(dataDir);
  const { child, url, wsUrl } = await spawnServer(dataDir);
  const clients: Client[] = [];
  try {
    // Operators sign in and open the panel's stream; each waits for rows by page URL.
    const waiting = new Map<string, { left: number; done: (at: number) => void }>();
    for (const login of logins) {
      const token: { value?: string } = {};
      const op = chatClient(wsUrl, url, (): Record<string, string> => (token.value ? { operatorToken: token.value } : {}));
      clients.push(op);
      token.value = (await within(op.trpc.auth.login.mutate(login), 'operator login')).token;
      const { cursor } = await op.trpc.operator.inbox.query();
      await within(
        new Promise<void>((resolve) => {
          op.trpc.operator.events.subscribe(
            { lastEventId: cursor },
            {
              onData: ({ data }) => {
                if (data.type === 'synced') resolve();
                if (data.type !== 'visitor' || !data.visitor.currentPage) return;
                const w = waiting.get(data.visitor.currentPage.url);
                if (w && --w.left === 0) w.done(performance.now());
              },
            },
          );
        }),
        'operator stream synced',
      );
    }
    await settle();
    const before = rssBytes(child.pid!);

    // Visitors come on the site: hello, a page view, and their event stream open.
    const visitors: Client[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const token: { value?: string } = {};
      const v = chatClient(`${wsUrl}?site=${DEMO_SITE_KEY}`, url, (): Record<string, string> => (token.value ? { visitorToken: token.value } : {}));
      token.value = (await v.trpc.visitor.hello.mutate()).token;
      await v.trpc.visitor.pageView.mutate({ url: `https://shop.example/landing?v=${i}`, title: 'Landing', language: 'en-US', timeZone: 'Europe/Paris' });
      v.trpc.visitor.events.subscribe({ lastEventId: null }, { onData: () => {} });
      visitors.push(v);
      clients.push(v);
    }
    await settle();
    const after = rssBytes(child.pid!);

    // A visitor moves to another page; time until every operator has the updated row.
    const latencies: number[] = [];
    for (let i = 0; i < WARMUP + UPDATES; i++) {
      const v = visitors[(i * 37) % VISITORS]!;
      const page = `https://shop.example/product/${i}`;
      const arrived = new Promise<number>((done) => waiting.set(page, { left: OPERATORS, done }));
      const start = performance.now();
      await v.trpc.visitor.pageView.mutate({ url: page, title: `Product ${i}` });
      const at = await within(arrived, `the row for ${page} reaching ${OPERATORS} operators`);
      waiting.delete(page);
      if (i >= WARMUP) latencies.push(at - start);
    }
    const s = summarize(latencies);
    const perVisitor = (after - before) / VISITORS;
    console.log(
      `${`visitor list update → ${OPERATORS} operators`.padEnd(40)}p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  mean ${s.mean.toFixed(2)} ms  max ${s.max.toFixed(2)} ms`,
    );
    console.log(`${'server memory per connected visitor'.padEnd(40)}${(perVisitor / 1024).toFixed(1)} KB  (resident set ${(before / 2 ** 20).toFixed(0)} MB → ${(after / 2 ** 20).toFixed(0)} MB with ${VISITORS} visitors)`);
    console.log(`(${VISITORS} visitors connected with their streams open and ${OPERATORS} operators with the panel open, on one server process; ${UPDATES} page views one at a time after ${WARMUP} warm-up; each page view is committed to SQLite before the row is sent.)`);
  } finally {
    await Promise.all(clients.map((c) => c.ws.close()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
