/**
 * A resumable subscription: listen first, then replay the persisted backlog after the
 * client's cursor, then forward live events, skipping any the backlog already sent.
 *
 * Persisted events carry their message id as cursor. Ephemeral events (typing, presence)
 * get "<last id>:<seq>" so that every yield is tracked and a resuming client still
 * resumes from the last persisted id.
 */
import { tracked } from '@trpc/server';
import { parseCursor } from './domain/conversation.js';

export interface StreamSource<E> {
  listen(push: (event: E) => void): () => void;
  /**
   * Persisted events after `afterId`, oldest first. `afterId` is null when the client has no
   * cursor at all; a cursor of "0" (or "0:n") is a real one: the client has seen no message yet.
   */
  backlog(afterId: number | null): Iterable<E>;
  /** The persisted id of an event, or null for an ephemeral one. */
  idOf(event: E): number | null;
  /** Sent once the backlog is replayed, so a client can tell history from live events. */
  synced: E;
}

export async function* resumableStream<E>(source: StreamSource<E>, lastEventId: string | null | undefined, signal?: AbortSignal) {
  const queue: E[] = [];
  let wake: (() => void) | null = null;
  const stop = source.listen((event) => {
    queue.push(event);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const cursor = lastEventId ? parseCursor(lastEventId) : null;
    let last = cursor ?? 0;
    let seq = 0;
    for (const event of source.backlog(cursor)) {
      const id = source.idOf(event);
      if (id === null || id <= last) continue;
      last = id;
      seq = 0;
      yield tracked(String(id), event);
    }
    yield tracked(`${last}:${++seq}`, source.synced);
    while (!signal?.aborted) {
      const event = queue.shift();
      if (event === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const id = source.idOf(event);
      if (id === null) {
        yield tracked(`${last}:${++seq}`, event);
      } else if (id > last) {
        last = id;
        seq = 0;
        yield tracked(String(id), event);
      }
    }
  } finally {
    stop();
    signal?.removeEventListener('abort', onAbort);
  }
}
