/**
 * Outgoing webhooks: posts each event to the account's subscribed URLs, signed, with retries.
 * The rules (signature, backoff, which answers are retried, valid URLs) are in domain/webhooks.ts.
 *
 * Every attempt of one delivery sends the same body, so the same `id` (also in `x-chat-delivery`)
 * and the same `createdAt`, the time of the event: a receiver drops repeats by id. The
 * `x-chat-timestamp` header and the signature are made afresh for each attempt, at the time it
 * is sent, so a receiver may refuse a stale timestamp (against replayed requests) and still
 * accept a retry that comes minutes after the event.
 */
import { randomUUID } from 'node:crypto';
import {
  isDelivered,
  isRetryable,
  MAX_ATTEMPTS,
  retryDelayMs,
  signPayload,
  validateWebhookUrl,
  type WebhookEvent,
} from './domain/webhooks.js';

export interface WebhookTarget {
  url: string;
  secret: string;
  /** The events this URL receives. */
  events: string[];
}

/** The outcome of one attempt. */
export interface WebhookResult {
  url: string;
  event: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The HTTP status, or null when no answer came (network error, timeout, unusable URL). */
  status: number | null;
  delivered: boolean;
  /** This attempt failed and there will be no other: the answer is final, or attempts ran out. */
  gaveUp: boolean;
}

export interface WebhookSenderOptions {
  /** An account's webhook targets, read when an event is emitted. */
  targets: (accountId: number) => WebhookTarget[];
  fetch?: typeof fetch;
  now?: () => number;
  /** Schedules a retry; like setTimeout, it must call `fn` later, never at once. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** How long one attempt may take before it counts as no answer. */
  timeoutMs?: number;
  onResult?: (result: WebhookResult) => void;
}

interface Delivery {
  target: WebhookTarget;
  event: WebhookEvent;
  id: string;
  body: string;
  /** Attempts started so far. */
  attempt: number;
  /** The scheduled retry, if one is waiting. */
  timer?: unknown;
}

export class WebhookSender {
  readonly #targets: (accountId: number) => WebhookTarget[];
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;
  readonly #timeoutMs: number;
  readonly #onResult: (result: WebhookResult) => void;
  /** Deliveries in flight or waiting for a retry. */
  readonly #pending = new Set<Delivery>();
  /** Aborted by close(), which ends the requests in flight. */
  readonly #closing = new AbortController();

  constructor(opts: WebhookSenderOptions) {
    this.#targets = opts.targets;
    this.#fetch = opts.fetch ?? fetch;
    this.#now = opts.now ?? Date.now;
    if (opts.setTimer) {
      this.#setTimer = opts.setTimer;
      this.#clearTimer = opts.clearTimer ?? (() => {});
    } else {
      // Unref'd: a waiting retry never keeps the process alive.
      this.#setTimer = (fn, ms) => setTimeout(fn, ms).unref();
      this.#clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>);
    }
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#onResult = opts.onResult ?? (() => {});
  }

  /**
   * Sends `event` to every target of the account subscribed to it. Returns at once and never
   * throws: the requests start after the caller's code has run. The targets and the data are
   * read now, so later changes to either do not alter this event. After close() it does nothing.
   */
  emit(accountId: number, event: WebhookEvent, data: unknown): void {
    if (this.#closing.signal.aborted) return;
    try {
      const createdAt = this.#now();
      for (const target of this.#targets(accountId)) {
        if (!target.events.includes(event)) continue;
        const id = randomUUID();
        const delivery: Delivery = { target, event, id, body: JSON.stringify({ id, event, createdAt, data }), attempt: 0 };
        this.#pending.add(delivery);
        queueMicrotask(() => this.#start(delivery));
      }
    } catch {
      // Targets that cannot be read or data that cannot be serialised lose this event; the
      // action that caused it has already happened and must not fail because of a webhook.
    }
  }

  /** Deliveries in flight or waiting for a retry. */
  pending(): number {
    return this.#pending.size;
  }

  /** Cancels every waiting retry and ends the requests in flight; their outcome is not reported. */
  close(): void {
    this.#closing.abort();
    for (const delivery of this.#pending) {
      if (delivery.timer !== undefined) this.#clearTimer(delivery.timer);
    }
    this.#pending.clear();
  }

  #start(delivery: Delivery): void {
    this.#attempt(delivery).catch(() => this.#pending.delete(delivery));
  }

  async #attempt(delivery: Delivery): Promise<void> {
    if (!this.#pending.has(delivery)) return;
    delivery.timer = undefined;
    delivery.attempt += 1;
    const { url, secret } = delivery.target;
    const usable = validateWebhookUrl(url) === null;
    const status = usable ? await this.#send(delivery, url, secret) : null;
    if (!this.#pending.has(delivery)) return;

    const delivered = isDelivered(status);
    const final = delivered || !usable || !isRetryable(status) || delivery.attempt >= MAX_ATTEMPTS;
    if (final) this.#pending.delete(delivery);
    else delivery.timer = this.#setTimer(() => this.#start(delivery), retryDelayMs(delivery.attempt));
    try {
      this.#onResult({ url, event: delivery.event, attempt: delivery.attempt, status, delivered, gaveUp: final && !delivered });
    } catch {
      // A failing observer does not stop the deliveries.
    }
  }

  /** One POST; the answer's status, or null when none came in time. */
  async #send(delivery: Delivery, url: string, secret: string): Promise<number | null> {
    const timestamp = this.#now();
    const send = this.#fetch;
    try {
      const res = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'live-chat-webhooks/1',
          'x-chat-event': delivery.event,
          'x-chat-delivery': delivery.id,
          'x-chat-timestamp': String(timestamp),
          'x-chat-signature': signPayload(secret, timestamp, delivery.body),
        },
        body: delivery.body,
        // A redirect is an answer, not a new destination: the signed event goes only to the URL the account gave.
        redirect: 'manual',
        signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(this.#timeoutMs)]),
      });
      // Only the status matters; dropping the body frees the connection.
      res.body?.cancel().catch(() => {});
      return res.status;
    } catch {
      return null;
    }
  }
}
