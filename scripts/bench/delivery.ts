/**
 * Visitor→operator delivery latency through the real chat server, against a bare `ws` relay
 * on the same machine: time from the visitor's send to the operator's subscription receiving it.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import type { AppRouter } from '../../server/src/routers/app.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { startServer, type ChatServer } from '../../server/src/server.js';
import { Arrivals, summarize, timeDeliveries, within, type Summary } from './measure.js';

const WARMUP = 50;
const COUNT = 1_000;
const HOST = '127.0.0.1';
const LOGIN = { email: 'bench@demo.test', password: 'bench password 1234' };
const TEXT = 'Hi, is the Pro plan billed monthly?';

/** A tRPC WebSocket client that sends the server's own origin, as a page it served would. */
function chatClient(server: ChatServer, site: string | null, params: () => Record<string, string>) {
  const origin = server.url;
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin } });
    }
  }
  const ws = createWSClient({
    url: site === null ? server.wsUrl : `${server.wsUrl}?site=${encodeURIComponent(site)}`,
    WebSocket: OriginWebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: params,
  });
  return { trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }), ws };
}

async function chatDelivery(): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const server = await startServer({ port: 0, host: HOST, dataDir, demo: LOGIN });
  const tokens: { operator?: string; visitor?: string } = {};
  const op = chatClient(server, null, (): Record<string, string> => (tokens.operator ? { operatorToken: tokens.operator } : {}));
  const visitor = chatClient(server, DEMO_SITE_KEY, (): Record<string, string> => (tokens.visitor ? { visitorToken: tokens.visitor } : {}));
  let unsubscribe = () => {};
  try {
    tokens.operator = (await within(op.trpc.auth.login.mutate(LOGIN), 'operator login')).token;
    const { cursor } = await within(op.trpc.operator.inbox.query(), 'operator inbox');

    const arrivals = new Arrivals();
    let synced!: () => void;
    const ready = new Promise<void>((resolve) => (synced = resolve));
    ({ unsubscribe } = op.trpc.operator.events.subscribe(
      { lastEventId: cursor },
      {
        onData: ({ data }) => {
          if (data.type === 'synced') synced();
          else if (data.type === 'message' && data.message.clientId) arrivals.arrived(data.message.clientId);
        },
        onError: (err) => console.error('operator.events failed:', err),
      },
    ));
    await within(ready, 'operator.events synced');

    tokens.visitor = (await within(visitor.trpc.visitor.hello.mutate(), 'visitor hello')).token;
    return await timeDeliveries({
      warmup: WARMUP,
      count: COUNT,
      prefix: 'bench',
      arrivals,
      send: (clientId) => visitor.trpc.visitor.send.mutate({ clientId, text: TEXT }),
    });
  } finally {
    unsubscribe();
    await Promise.all([op.ws.close(), visitor.ws.close()]);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor: a WebSocketServer that forwards each frame from one client socket to another. */
async function bareRelay(): Promise<number[]> {
  const wss = new WebSocketServer({ host: HOST, port: 0 });
  await within(new Promise((resolve) => wss.once('listening', resolve)), 'bare ws server listening');
  const url = `ws://${HOST}:${(wss.address() as AddressInfo).port}`;
  let receiverSide: WebSocket | undefined;
  wss.on('connection', (socket, req) => {
    if (req.url === '/receiver') receiverSide = socket;
    else socket.on('message', (data, isBinary) => receiverSide?.send(data, { binary: isBinary }));
  });

  const open = async (path: string) => {
    const socket = new WebSocket(url + path);
    await within(new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject)), `bare ws ${path} open`);
    return socket;
  };
  const receiver = await open('/receiver');
  const sender = await open('/sender');
  try {
    await within(
      (async () => {
        while (!receiverSide) await new Promise((resolve) => setTimeout(resolve, 1));
      })(),
      'bare ws receiver registered',
    );
    const arrivals = new Arrivals();
    receiver.on('message', (data) => arrivals.arrived((JSON.parse(String(data)) as { clientId: string }).clientId));
    return await timeDeliveries({
      warmup: WARMUP,
      count: COUNT,
      prefix: 'bare',
      arrivals,
      send: (clientId) =>
        new Promise<void>((resolve, reject) => sender.send(JSON.stringify({ clientId, text: TEXT }), (err) => (err ? reject(err) : resolve()))),
    });
  } finally {
    sender.terminate();
    receiver.terminate();
    await new Promise((resolve) => wss.close(resolve));
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const row = (label: string, s: Summary) =>
  `${label.padEnd(40)}p50 ${ms(s.p50).padEnd(9)}  p99 ${ms(s.p99).padEnd(9)}  mean ${ms(s.mean).padEnd(9)}  max ${ms(s.max)}`;

export async function deliveryLatency(): Promise<void> {
  const chat = summarize(await chatDelivery());
  const bare = summarize(await bareRelay());
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  console.log(row(`visitor→operator delivery (${COUNT} msgs)`, chat));
  console.log(row(`bare ws relay (${COUNT} msgs)`, bare));
  console.log(`${'ratio'.padEnd(40)}p50 ${ratio(chat.p50, bare.p50).padEnd(9)}  p99 ${ratio(chat.p99, bare.p99)}`);
  console.log(`(${WARMUP} warm-up messages each, sent one at a time over loopback; each chat message is committed to SQLite (WAL, synchronous=FULL) before it is delivered.)`);
}
