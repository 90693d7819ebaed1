/** Per-connection context: tokens come from connectionParams, the site key from the socket URL. */
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import type { ChatService, Connection } from './chat.js';

export interface Context {
  chat: ChatService;
  conn: Connection;
}

export function contextFactory(chat: ChatService) {
  return async ({ req, res, info }: CreateWSSContextFnOptions): Promise<Context> => {
    const siteKey = new URL(req.url ?? '/', 'http://localhost').searchParams.get('site');
    const conn = await chat.connect(siteKey, info.connectionParams);
    res.once('close', () => chat.disconnect(conn));
    return { chat, conn };
  };
}
