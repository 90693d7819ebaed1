/**
 * One HTTP server on one port: demo pages, the widget bundle, and the tRPC WebSocket at /trpc.
 * Tests build it on port 0 and close it; main.ts builds it from the command line.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { ChatService } from './chat.js';
import { contextFactory } from './context.js';
import { originAllowed } from './domain/origin.js';
import { loadGeoIp } from './geoip.js';
import { httpHandler } from './http.js';
import { appRouter } from './routers/app.js';
import { seedDemo, type DemoLogin } from './seed.js';
import { SqliteStore } from './store/sqlite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Largest WebSocket frame accepted; larger frames close the connection with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

export interface ServerOptions {
  port?: number;
  host?: string;
  /** The folder holding chat.db. */
  dataDir: string;
  demo?: { email?: string; password?: string; allowedOrigins?: string[]; team?: boolean };
  /** Extra origins allowed to open operator connections (the server's own origin always is). */
  operatorOrigins?: string[];
  /** A GeoIP range database (CSV; layouts in domain/geoip.ts): the live visitor list then shows where visitors are. */
  geoipDb?: string;
  /**
   * Reverse proxies in front of the server (0, the default: none). With 1 or more, a visitor's
   * address is read from X-Forwarded-For, that many entries from its end, not from the socket.
   */
  trustProxy?: number;
  keepAlive?: { pingMs: number; pongWaitMs: number };
  now?: () => number;
}

export interface ChatServer {
  url: string;
  wsUrl: string;
  port: number;
  store: SqliteStore;
  chat: ChatService;
  demo: DemoLogin;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`);
}

export async function startServer(opts: ServerOptions): Promise<ChatServer> {
  const now = opts.now ?? Date.now;
  const geoip = opts.geoipDb ? await loadGeoIp(opts.geoipDb) : undefined;
  const store = new SqliteStore(join(opts.dataDir, 'chat.db'));
  const chat = new ChatService(store, now, { geoip });
  const demo = await seedDemo(store, chat, opts.demo ?? {}, now());

  const http = createServer(
    httpHandler({
      demoDir: join(ROOT, 'demo'),
      distDir: join(ROOT, 'dist'),
      files: {
        store: store.availability,
        dir: join(opts.dataDir, 'files'),
        operatorByToken: (token) => chat.operatorByToken(token),
        visitorByToken: (siteKey, token) => {
          const site = store.siteByKey(siteKey);
          const visitor = site && chat.visitorByToken(site, token);
          return visitor ? { accountId: site!.accountId, visitorId: visitor.id, blocked: store.availability.isBlocked(visitor.id) } : null;
        },
        allowedOrigins: (siteKey) => (siteKey === null ? (opts.operatorOrigins ?? []) : (store.siteByKey(siteKey)?.allowedOrigins ?? null)),
        now,
      },
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: contextFactory(chat, { trustProxy: opts.trustProxy ?? 0 }),
    keepAlive: { enabled: true, pingMs: opts.keepAlive?.pingMs ?? 30_000, pongWaitMs: opts.keepAlive?.pongWaitMs ?? 5_000 },
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/trpc') return refuse(socket, 404, 'Not Found');
    const siteKey = url.searchParams.get('site');
    const origin = req.headers.origin;
    if (siteKey !== null) {
      const site = store.siteByKey(siteKey);
      if (!site) return refuse(socket, 403, 'Unknown site key');
      if (!originAllowed(origin, req.headers.host, site.allowedOrigins)) {
        return refuse(socket, 403, 'Origin not allowed for this site');
      }
    } else if (!originAllowed(origin, req.headers.host, opts.operatorOrigins ?? [])) {
      return refuse(socket, 403, 'Origin not allowed');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      store.close();
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${opts.port ?? 8787} is already in use`) : error);
    });
    http.listen(opts.port ?? 8787, opts.host ?? '127.0.0.1', resolve);
  });
  const port = (http.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}/trpc`,
    port,
    store,
    chat,
    demo,
    close() {
      closing ??= (async () => {
        // Ask clients to reconnect (to this server when it is back, or to another one).
        handler.broadcastReconnectNotification();
        for (const client of wss.clients) client.close(1001, 'Server restarting');
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        chat.close();
        store.close();
      })();
      return closing;
    },
  };
}
