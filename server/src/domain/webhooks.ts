/**
 * Outgoing webhooks, the pure part: which events exist, how a delivery is signed, which
 * answers are worth another try and how long to wait before it, and which URLs may be used.
 */
import { createHmac } from 'node:crypto';

export const WEBHOOK_EVENTS = ['ticket.created', 'lead.created'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Attempts per delivery, the first included. */
export const MAX_ATTEMPTS = 8;

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60 * 1000;
const MAX_URL_LENGTH = 2048;

/**
 * The `x-chat-signature` header: `sha256=` and the hex HMAC-SHA256 of `${timestamp}.${body}`
 * under the target's secret. The receiver recomputes it over the raw body it received and the
 * `x-chat-timestamp` header, so neither can be changed on the way without it showing.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** How long to wait after failed attempt `attempt` (1-based): 1 s, 2 s, 4 s … at most 5 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (Math.max(1, attempt) - 1));
}

/** A 2xx answer: the receiver has the event. */
export function isDelivered(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/**
 * Whether a failed attempt may succeed later: no answer at all (null), a timeout (408), too
 * many requests (429) or a server error (5xx). Any other answer is final.
 */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Why a webhook URL cannot be used, or null when it can. */
export function validateWebhookUrl(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return `The URL is longer than ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The URL is not valid';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'The URL must start with http:// or https://';
  if (parsed.username || parsed.password) return 'The URL must not contain a user name or password';
  return null;
}
