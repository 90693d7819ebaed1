/** Test harness: a real server on port 0 with a temporary data dir, and real tRPC clients. */
import { createTRPCClient, createWSClient, TRPCClientError, wsLink, type TRPCClient } from '@trpc/client';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import WebSocket from 'ws';
import type { ChatMessage, OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import type { AppRouter } from '../../server/src/routers/app.js';
import { startServer, type ChatServer, type ServerOptions } from '../../server/src/server.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { AUTOMATIC_KINDS, defaultAvailability } from '../../server/src/protocol/availability-shared.js';

export const OPERATOR = { email: 'alex@demo.test', password: 'correct horse battery' };

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chat-test-'));
}

export type TestServer = ChatServer & { dataDir: string };

/**
 * A server on port 0. Tests of the chat itself run with the automatic messages off, so a
 * transcript holds only what the test wrote; pass `automatic: true` to keep the defaults.
 */
export async function start(opts: Partial<ServerOptions> & { automatic?: boolean } = {}): Promise<TestServer> {
  const { automatic, ...options } = opts;
  const dataDir = options.dataDir ?? tempDir();
  const server = await startServer({ port: 0, dataDir, demo: OPERATOR, ...options });
  // On a new data dir only: a restart keeps whatever the test saved.
  if (!automatic && !options.dataDir) {
    const accountId = server.store.siteByKey(DEMO_SITE_KEY)!.accountId;
    const seeded = server.store.availability.settings(accountId);
    const settings = { ...defaultAvailability(), ...(seeded ? (JSON.parse(seeded) as object) : {}) } as ReturnType<typeof defaultAvailability>;
    settings.messages = defaultAvailability().messages;
    for (const kind of AUTOMATIC_KINDS) settings.messages[kind].enabled = false;
    server.store.availability.setSettings(accountId, JSON.stringify(settings));
  }
  return Object.assign(server, { dataDir });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A WebSocket class that sends a browser-like Origin header. */
function wsWithOrigin(origin: string | undefined) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, origin ? { headers: { origin } } : {});
    }
  };
}

export interface ClientOptions {
  site?: string | null;
  origin?: string;
  params?: () => Record<string, string>;
  onClose?: (cause?: { code?: number }) => void;
}

export interface TestClient {
  trpc: TRPCClient<AppRouter>;
  ws: ReturnType<typeof createWSClient>;
  close(): void;
}

export function client(server: ChatServer, opts: ClientOptions = {}): TestClient {
  const site = opts.site === undefined ? DEMO_SITE_KEY : opts.site;
  const url = site === null ? server.wsUrl : `${server.wsUrl}?site=${encodeURIComponent(site)}`;
  const ws = createWSClient({
    url,
    WebSocket: wsWithOrigin(opts.origin ?? server.url) as unknown as typeof globalThis.WebSocket,
    connectionParams: opts.params ?? (() => ({})),
    retryDelayMs: () => 50,
    onClose: opts.onClose,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return { trpc, ws, close: () => ws.close() };
}

/** A visitor who has said hello; `token` reconnects as the same visitor. */
export async function visitor(server: ChatServer, token?: string) {
  const state = { token };
  const c = client(server, { params: (): Record<string, string> => (state.token ? { visitorToken: state.token } : {}) });
  const hello = await c.trpc.visitor.hello.mutate();
  if (hello.token) state.token = hello.token;
  return { ...c, visitorId: hello.visitorId, token: state.token! };
}

/** A signed-in operator. */
export async function operator(server: ChatServer, creds = OPERATOR) {
  const state: { token?: string } = {};
  const c = client(server, { site: null, params: (): Record<string, string> => (state.token ? { operatorToken: state.token } : {}) });
  const login = await c.trpc.auth.login.mutate(creds);
  state.token = login.token;
  return { ...c, operator: login.operator, token: login.token };
}

/** Collects what a subscription yields. */
export function collect<T>() {
  const items: T[] = [];
  const errors: unknown[] = [];
  return {
    items,
    errors,
    onData: (d: T) => void items.push(d),
    onError: (e: unknown) => void errors.push(e),
  };
}

let seq = 0;
export const clientId = (prefix = 'msg') => `${prefix}-${Date.now().toString(36)}-${(++seq).toString(36)}`;

/**
 * A fresh server (and data dir) for each test of the calling file. `later()` registers
 * cleanups (clients to close) that run before the server closes; `replace()` swaps in
 * a restarted server so that it is the one closed and removed at the end.
 */
export function serverPerTest(options: () => Partial<ServerOptions> & { automatic?: boolean } = () => ({})) {
  let current: TestServer | null = null;
  const cleanups: Array<() => unknown> = [];
  beforeEach(async () => {
    current = await start(options());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    if (current) {
      await current.close();
      removeDir(current.dataDir);
      current = null;
    }
  });
  return {
    get server(): TestServer {
      if (!current) throw new Error('No server: used outside a test');
      return current;
    },
    later(cleanup: () => unknown): void {
      cleanups.push(cleanup);
    },
    replace(next: TestServer): void {
      current = next;
    },
  };
}

/** Closes a server and starts a new one on the same data dir (and, if asked, the same port). */
export async function restart(server: TestServer, opts: { samePort?: boolean } & Partial<ServerOptions> = {}): Promise<TestServer> {
  const { samePort, ...rest } = opts;
  await server.close();
  return start({ ...rest, dataDir: server.dataDir, port: samePort ? server.port : 0 });
}

/** Awaits a call that must fail, and returns its tRPC error. */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  let value: unknown;
  try {
    value = await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(value)}`);
}

/** The code of a tRPC error, such as 'BAD_REQUEST'. */
export const codeOf = (error: unknown): string | undefined =>
  error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;

export type Tracked<E> = { id: string; data: E };

/** The persisted messages in what a visitor or operator stream yielded, in order. */
export function messagesIn(events: ReadonlyArray<Tracked<VisitorStreamEvent | OperatorStreamEvent>>): ChatMessage[] {
  return events.flatMap((e) => (e.data.type === 'message' ? [e.data.message] : []));
}

/** The texts of the written (not event) messages a stream yielded, in order. */
export function textsIn(events: ReadonlyArray<Tracked<VisitorStreamEvent | OperatorStreamEvent>>): string[] {
  return messagesIn(events).flatMap((m) => (m.kind === 'text' ? [m.text] : []));
}

/** A raw WebSocket upgrade to /trpc: resolves with the open socket, or with the HTTP refusal. */
export function rawSocket(
  server: ChatServer,
  opts: { site?: string | null; origin?: string | null } = {},
): Promise<{ ws: WebSocket; status?: undefined; body?: undefined } | { ws?: undefined; status: number; body: string }> {
  const site = opts.site === undefined ? DEMO_SITE_KEY : opts.site;
  const url = site === null ? server.wsUrl : `${server.wsUrl}?site=${encodeURIComponent(site)}`;
  const origin = opts.origin === undefined ? server.url : opts.origin;
  const ws = new WebSocket(url, origin === null ? {} : { headers: { origin } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (req, res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    ws.once('error', (error) => reject(error));
  });
}

/** The next JSON frame a raw socket receives (PING/PONG keep-alive frames are skipped). */
export function nextFrame(ws: WebSocket): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const text = data.toString();
      if (text === 'PING' || text === 'PONG') return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(JSON.parse(text) as Record<string, any>);
    };
    const onClose = (code: number) => {
      ws.off('message', onMessage);
      reject(new Error(`Socket closed with ${code} before a frame arrived`));
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}

/**
 * The people of the demo account, for tests run with `serverPerTest`: Alex (an admin), teammates,
 * an operator's open panel and a visitor's open widget. Clients close when the test ends.
 */
export function actors(t: ReturnType<typeof serverPerTest>) {
  const accountId = () => t.server.store.siteByKey(DEMO_SITE_KEY)!.accountId;
  async function admin() {
    const op = await operator(t.server);
    t.later(op.close);
    return op;
  }
  type Op = Awaited<ReturnType<typeof admin>>;
  /** Another operator of the demo account, signed in (panel not open yet). */
  async function teammate(name: string, role: 'operator' | 'admin' = 'operator') {
    const email = `${name.toLowerCase()}@team.test`;
    await t.server.chat.createOperator({ accountId: accountId(), email, name, role, password: 'a long password' });
    const op = await operator(t.server, { email, password: 'a long password' });
    t.later(op.close);
    return op;
  }
  /** The operator opens the panel: their event stream listens (which makes them connected) and has caught up. */
  async function panel(op: Op) {
    const events = collect<Tracked<OperatorStreamEvent>>();
    const sub = op.trpc.operator.events.subscribe({ lastEventId: null }, events);
    t.later(() => sub.unsubscribe());
    await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
    return events;
  }
  /** Opens a visitor's event stream and waits until its history is replayed. */
  async function listen(v: Awaited<ReturnType<typeof visitor>>, lastEventId: string | null = null) {
    const events = collect<Tracked<VisitorStreamEvent>>();
    const sub = v.trpc.visitor.events.subscribe({ lastEventId }, events);
    t.later(() => sub.unsubscribe());
    await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
    return events;
  }
  return { accountId, admin, teammate, panel, listen };
}
