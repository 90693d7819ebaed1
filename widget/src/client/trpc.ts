/** The one tRPC client per session, over one WebSocket. */
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../../server/src/routers/app.js';

export type ChatClient = TRPCClient<AppRouter>;

export interface Connection {
  trpc: ChatClient;
  close(): void;
}

export interface ConnectOptions {
  /** ws:// or wss:// URL of the chat server's /trpc endpoint. */
  url: string;
  /** Read again on every (re)connection, so a token saved later is sent next time. */
  params: () => Record<string, string>;
  onOpen: () => void;
  onClose: (code?: number) => void;
}

export function connect(opts: ConnectOptions): Connection {
  const ws = createWSClient({
    url: opts.url,
    connectionParams: opts.params,
    // Backoff with jitter, capped, so a restarting server is not stampeded.
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000) * (0.75 + Math.random() / 2),
    keepAlive: { enabled: true, intervalMs: 20_000, pongTimeoutMs: 5_000 },
    onOpen: opts.onOpen,
    onClose: (cause) => opts.onClose(cause?.code),
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  return { trpc, close: () => ws.close() };
}

/** Appends the site key to the server URL; accepts URLs with or without the /trpc path. */
export function socketUrl(server: string, site?: string): string {
  const url = new URL(server, globalThis.location?.href);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (!url.pathname.endsWith('/trpc')) url.pathname = url.pathname.replace(/\/?$/, '/trpc');
  if (site) url.searchParams.set('site', site);
  return url.toString();
}

/** True when a failed call never reached the server (the socket was closed), so it is safe to retry. */
export function isConnectionError(err: unknown): boolean {
  return !(err as { data?: unknown } | null)?.data;
}

export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
