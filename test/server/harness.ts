/** Test harness: a real server on port 0 with a temporary data dir, and real tRPC clients. */
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/src/routers/app.js';
import { startServer, type ChatServer, type ServerOptions } from '../../server/src/server.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';

export const OPERATOR = { email: 'alex@demo.test', password: 'correct horse battery' };

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chat-test-'));
}

export async function start(opts: Partial<ServerOptions> = {}): Promise<ChatServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDir();
  const server = await startServer({ port: 0, dataDir, demo: OPERATOR, ...opts });
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
