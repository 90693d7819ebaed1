/** Per-connection context: tokens come from connectionParams, the site key from the socket URL. */
import type { IncomingMessage } from 'node:http';
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import type { ChatService, Connection } from './chat.js';

export interface Context {
  chat: ChatService;
  conn: Connection;
}

/**
 * The address a connection comes from: the socket's peer, or, behind `trustProxy` reverse
 * proxies, the one the outermost proxy saw. Each proxy appends to X-Forwarded-For the address it
 * was reached from, so the entries further left are whatever the client sent, and are ignored.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustProxy <= 0) return peer;
  const forwarded = [req.headers['x-forwarded-for'] ?? []].flat().join(',').split(',').map((a) => a.trim()).filter(Boolean);
  const address = forwarded[Math.max(0, forwarded.length - trustProxy)];
  if (address === undefined) return peer;
  // Some proxies add the port: "[2001:db8::1]:443", "203.0.113.7:5123".
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  return /^[\d.]+:\d+$/.test(address) ? address.slice(0, address.indexOf(':')) : address;
}

export function contextFactory(chat: ChatService, opts: { trustProxy: number } = { trustProxy: 0 }) {
  return async ({ req, res, info }: CreateWSSContextFnOptions): Promise<Context> => {
    const siteKey = new URL(req.url ?? '/', 'http://localhost').searchParams.get('site');
    const conn = await chat.connect(siteKey, info.connectionParams, clientAddress(req, opts.trustProxy));
    res.once('close', () => chat.disconnect(conn));
    return { chat, conn };
  };
}
