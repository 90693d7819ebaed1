/** Shared pieces of the benchmarks: a time limit, arrival tracking, a send-and-wait loop, percentiles. */

export const DELIVERY_TIMEOUT_MS = 5_000;

/** Settles like `promise`, or rejects with `what` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, what: string, ms = DELIVERY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waiters keyed by message id; the receiving side calls arrived(id) and the waiter gets the arrival time. */
export class Arrivals {
  readonly #waiting = new Map<string, (at: number) => void>();

  wait(id: string): Promise<number> {
    return new Promise((resolve) => this.#waiting.set(id, resolve));
  }

  arrived(id: string): void {
    const at = performance.now();
    this.#waiting.get(id)?.(at);
    this.#waiting.delete(id);
  }
}

export interface Run {
  warmup: number;
  count: number;
  /** Prefix of message ids; ids are at least 8 characters (a chat clientId needs that). */
  prefix: string;
  arrivals: Arrivals;
  /** Sends message `id`; the returned promise rejects if sending failed. */
  send(id: string): Promise<unknown>;
}

/** Sends messages one at a time, each after the previous one arrived; returns the measured latencies in ms. */
export async function timeDeliveries(run: Run): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < run.warmup + run.count; i++) {
    const id = `${run.prefix}-${String(i).padStart(6, '0')}`;
    const arrival = run.arrivals.wait(id);
    const start = performance.now();
    const [at] = await within(Promise.all([arrival, run.send(id)]), `delivery of message ${id}`);
    if (i >= run.warmup) latencies.push(at - start);
  }
  return latencies;
}

export interface Summary {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentiles, mean and max of latencies in ms. */
export function summarize(ms: readonly number[]): Summary {
  const sorted = [...ms].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p99: rank(99), mean: ms.reduce((a, b) => a + b, 0) / ms.length, max: sorted.at(-1)! };
}
