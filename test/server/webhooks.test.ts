/**
 * Outgoing webhooks: a receiver gets each event it subscribed to, signed so it can tell the
 * request is genuine, and again after a temporary failure, with the same delivery id; a
 * refusal is final, and the action that emitted the event never waits for or fails on a webhook.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isDelivered,
  isRetryable,
  MAX_ATTEMPTS,
  retryDelayMs,
  signPayload,
  validateWebhookUrl,
  WEBHOOK_EVENTS,
} from '../../server/src/domain/webhooks.js';
import { WebhookSender, type WebhookResult, type WebhookSenderOptions, type WebhookTarget } from '../../server/src/webhooks.js';

const SECRET = 'whsec_test_0123456789';

describe('signPayload', () => {
  it('is sha256= and the HMAC-SHA256 of "timestamp.body" under the secret', () => {
    const body = JSON.stringify({ id: 'd1', event: 'lead.created', data: { email: 'ana@example.com' } });
    const expected = createHmac('sha256', SECRET).update(`1700000000000.${body}`).digest('hex');
    expect(signPayload(SECRET, 1_700_000_000_000, body)).toBe(`sha256=${expected}`);
  });

  it('changes when the body, the timestamp or the secret changes', () => {
    const base = signPayload(SECRET, 1000, '{"a":1}');
    expect(signPayload(SECRET, 1000, '{"a":2}')).not.toBe(base);
    expect(signPayload(SECRET, 1001, '{"a":1}')).not.toBe(base);
    expect(signPayload('other', 1000, '{"a":1}')).not.toBe(base);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000]);
  });

  it('never waits more than five minutes', () => {
    expect(retryDelayMs(9)).toBe(256_000);
    expect(retryDelayMs(10)).toBe(300_000);
    expect(retryDelayMs(50)).toBe(300_000);
    expect(retryDelayMs(10_000)).toBe(300_000);
  });

  it('gives up after eight attempts in all', () => {
    expect(MAX_ATTEMPTS).toBe(8);
  });
});

describe('isRetryable', () => {
  it.each([
    [null, true],
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [422, false],
    [301, false],
    [200, false],
    [204, false],
  ])('status %s → %s', (status, retry) => {
    expect(isRetryable(status)).toBe(retry);
  });

  it('counts only 2xx as delivered', () => {
    expect([200, 201, 204, 299].every(isDelivered)).toBe(true);
    expect([null, 199, 300, 302, 400, 500].some(isDelivered)).toBe(false);
  });
});

describe('validateWebhookUrl', () => {
  it('accepts http and https URLs', () => {
    expect(validateWebhookUrl('https://hooks.example.com/chat?team=1')).toBeNull();
    expect(validateWebhookUrl('http://localhost:8080/hook')).toBeNull();
  });

  it.each([
    ['not a url', /not valid/],
    ['', /not valid/],
    ['ftp://files.example.com/hook', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['https://user:pass@hooks.example.com/', /user name or password/],
    ['https://user@hooks.example.com/', /user name or password/],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, /longer than 2048/],
  ])('refuses %s with a reason', (url, reason) => {
    expect(validateWebhookUrl(url)).toMatch(reason);
  });

  it('accepts a URL of exactly 2048 characters', () => {
    const prefix = 'https://hooks.example.com/';
    expect(validateWebhookUrl(prefix + 'a'.repeat(2048 - prefix.length))).toBeNull();
  });

  it('lists the events', () => {
    expect(WEBHOOK_EVENTS).toEqual(['ticket.created', 'lead.created']);
  });
});

// --- Delivery against a real HTTP receiver ---

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  requests: Received[];
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local receiver answering with `statuses` in turn (the last one repeats); `null` never answers. */
async function receiver(statuses: (number | null)[] = [200]): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = statuses[Math.min(requests.length, statuses.length - 1)];
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (status != null) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, requests };
}

/** A URL on which nothing listens: a port just freed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** What a receiver does to trust a request: recompute the signature over the raw body. */
function verify(req: Received, secret: string): boolean {
  const timestamp = Number(req.headers['x-chat-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${req.body}`).digest('hex')}`;
  const given = String(req.headers['x-chat-signature'] ?? '');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * Retry timers that record their delays: `run` fires them soon (as setTimeout would, only
 * without the wait); otherwise they wait until `fire()`.
 */
function fakeTimers(run: boolean) {
  const delays: number[] = [];
  const waiting = new Map<number, () => void>();
  const cleared: unknown[] = [];
  let next = 0;
  return {
    delays,
    cleared,
    waiting,
    setTimer: (fn: () => void, ms: number) => {
      delays.push(ms);
      const handle = ++next;
      if (run) setImmediate(fn);
      else waiting.set(handle, fn);
      return handle;
    },
    clearTimer: (t: unknown) => {
      cleared.push(t);
      waiting.delete(t as number);
    },
  };
}

/** The real fetch, counting the requests started (synchronously, as each attempt begins). */
function countingFetch() {
  const calls: string[] = [];
  const spy: typeof fetch = (input, init) => {
    calls.push(String(input));
    return fetch(input, init);
  };
  return { calls, fetch: spy };
}

function sender(targets: WebhookTarget[], opts: Partial<WebhookSenderOptions> = {}) {
  const results: WebhookResult[] = [];
  const s = new WebhookSender({ targets: () => targets, onResult: (r) => results.push(r), ...opts });
  cleanups.push(() => s.close());
  return { s, results };
}

const target = (url: string, events: string[] = ['lead.created', 'ticket.created']): WebhookTarget => ({ url, secret: SECRET, events });

describe('WebhookSender', () => {
  it('posts a signed JSON delivery that the receiver can verify', async () => {
    const r = await receiver([200]);
    const { s, results } = sender([target(r.url)], { now: () => 1_700_000_000_000 });

    s.emit(7, 'lead.created', { name: 'Ana', email: 'ana@example.com' });

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(results[0]).toEqual({ url: r.url, event: 'lead.created', attempt: 1, status: 200, delivered: true, gaveUp: false });
    const [req] = r.requests;
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['user-agent']).toBe('live-chat-webhooks/1');
    expect(req!.headers['x-chat-event']).toBe('lead.created');
    expect(req!.headers['x-chat-timestamp']).toBe('1700000000000');
    expect(verify(req!, SECRET)).toBe(true);
    expect(verify(req!, 'a-different-secret')).toBe(false);
    const body = JSON.parse(req!.body) as Record<string, unknown>;
    expect(body).toEqual({ id: req!.headers['x-chat-delivery'], event: 'lead.created', createdAt: 1_700_000_000_000, data: { name: 'Ana', email: 'ana@example.com' } });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.pending()).toBe(0);
  });

  it('retries a receiver that fails with 500 twice, with the same delivery and growing delays, until it answers 200', async () => {
    const r = await receiver([500, 500, 200]);
    const timers = fakeTimers(true);
    let clock = 1000;
    const { s, results } = sender([target(r.url)], { ...timers, now: () => (clock += 1000) });

    s.emit(1, 'ticket.created', { subject: 'Refund' });

    await vi.waitFor(() => expect(results.at(-1)?.delivered).toBe(true));
    expect(results.map((x) => [x.attempt, x.status, x.delivered, x.gaveUp])).toEqual([
      [1, 500, false, false],
      [2, 500, false, false],
      [3, 200, true, false],
    ]);
    expect(timers.delays).toEqual([1000, 2000]);
    expect(r.requests).toHaveLength(3);
    const ids = new Set(r.requests.map((q) => q.headers['x-chat-delivery']));
    expect(ids.size).toBe(1);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    // Each attempt is stamped when it is sent, and each signature verifies against its own stamp.
    expect(new Set(r.requests.map((q) => q.headers['x-chat-timestamp'])).size).toBe(3);
    expect(r.requests.every((q) => verify(q, SECRET))).toBe(true);
    expect(s.pending()).toBe(0);
  });

  it('does not retry a 400: the answer is final', async () => {
    const r = await receiver([400, 200]);
    const timers = fakeTimers(true);
    const { s, results } = sender([target(r.url)], timers);

    s.emit(1, 'lead.created', {});

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(results[0]).toMatchObject({ attempt: 1, status: 400, delivered: false, gaveUp: true });
    expect(timers.delays).toEqual([]);
    expect(r.requests).toHaveLength(1);
    expect(s.pending()).toBe(0);
  });

  it('gives up after eight attempts at a receiver that keeps failing', async () => {
    const r = await receiver([503]);
    const timers = fakeTimers(true);
    const { s, results } = sender([target(r.url)], timers);

    s.emit(1, 'lead.created', {});

    await vi.waitFor(() => expect(results.at(-1)?.gaveUp).toBe(true));
    expect(results.map((x) => x.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((x) => x.gaveUp)).toHaveLength(1);
    expect(timers.delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000]);
    expect(r.requests).toHaveLength(8);
    expect(s.pending()).toBe(0);
  });

  it('returns before any request starts, never throws on an unreachable URL, and retries it', async () => {
    const url = await closedPortUrl();
    const timers = fakeTimers(false);
    const { calls, fetch: spyFetch } = countingFetch();
    const { s, results } = sender([target(url)], { ...timers, fetch: spyFetch });

    expect(() => s.emit(1, 'lead.created', { n: 1 })).not.toThrow();
    expect(calls).toEqual([]);
    expect(s.pending()).toBe(1);

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(calls).toEqual([url]);
    expect(results[0]).toMatchObject({ attempt: 1, status: null, delivered: false, gaveUp: false });
    expect(timers.delays).toEqual([1000]);
    expect(s.pending()).toBe(1);
  });

  it('counts a receiver that does not answer within the timeout as a failure to retry', async () => {
    const r = await receiver([null, 200]);
    const timers = fakeTimers(true);
    const { s, results } = sender([target(r.url)], { ...timers, timeoutMs: 200 });

    s.emit(1, 'lead.created', {});

    await vi.waitFor(() => expect(results.at(-1)?.delivered).toBe(true));
    expect(results.map((x) => x.status)).toEqual([null, 200]);
    expect(r.requests).toHaveLength(2);
  });

  it('sends nothing to targets not subscribed to the event', async () => {
    const leads = await receiver([200]);
    const tickets = await receiver([200]);
    const { s, results } = sender([target(leads.url, ['lead.created']), target(tickets.url, ['ticket.created'])]);

    s.emit(1, 'ticket.created', { subject: 'Hi' });

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(s.pending()).toBe(0);
    expect(results[0]!.url).toBe(tickets.url);
    expect(tickets.requests).toHaveLength(1);
    expect(leads.requests).toHaveLength(0);
  });

  it("reads each account's own targets", async () => {
    const a = await receiver([200]);
    const b = await receiver([200]);
    const results: WebhookResult[] = [];
    const s = new WebhookSender({ targets: (id) => (id === 1 ? [target(a.url)] : [target(b.url)]), onResult: (r) => results.push(r) });
    cleanups.push(() => s.close());

    s.emit(2, 'lead.created', {});

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(b.requests).toHaveLength(1);
    expect(a.requests).toHaveLength(0);
  });

  it('close() cancels a scheduled retry, even one whose timer still fires', async () => {
    const r = await receiver([500, 200]);
    const timers = fakeTimers(false);
    const { calls, fetch: spyFetch } = countingFetch();
    const { s, results } = sender([target(r.url)], { ...timers, fetch: spyFetch });

    s.emit(1, 'lead.created', {});
    await vi.waitFor(() => expect(timers.waiting.size).toBe(1));
    expect(s.pending()).toBe(1);
    const late = [...timers.waiting.values()];

    s.close();
    expect(s.pending()).toBe(0);
    expect(timers.cleared).toHaveLength(1);
    expect(timers.waiting.size).toBe(0);

    for (const fire of late) fire();
    expect(calls).toHaveLength(1);
    expect(results).toHaveLength(1);
    expect(r.requests).toHaveLength(1);
  });

  it('does nothing after close()', async () => {
    const calls: string[] = [];
    const { s } = sender([target('http://127.0.0.1:9/hook')], { fetch: async (input) => (calls.push(String(input)), new Response()) });
    s.close();
    s.emit(1, 'lead.created', {});
    expect(s.pending()).toBe(0);
    await Promise.resolve();
    expect(calls).toEqual([]);
  });

  it('never throws when the targets cannot be read or the data cannot be serialised', () => {
    const broken = new WebhookSender({
      targets: () => {
        throw new Error('database is locked');
      },
    });
    expect(() => broken.emit(1, 'lead.created', {})).not.toThrow();
    expect(broken.pending()).toBe(0);

    const { s } = sender([target('http://127.0.0.1:9/hook')]);
    expect(() => s.emit(1, 'lead.created', { n: 1n })).not.toThrow();
    expect(s.pending()).toBe(0);
  });

  it('sends no request to a URL with credentials in it and gives up at once', async () => {
    const calls: string[] = [];
    const { s, results } = sender([target('https://user:pass@hooks.example.com/')], {
      fetch: async (input) => (calls.push(String(input)), new Response()),
    });

    s.emit(1, 'lead.created', {});

    await vi.waitFor(() => expect(results).toHaveLength(1));
    expect(results[0]).toMatchObject({ attempt: 1, status: null, delivered: false, gaveUp: true });
    expect(calls).toEqual([]);
  });
});
