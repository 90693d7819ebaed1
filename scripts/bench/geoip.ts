/**
 * GeoIP: loading a city database the size of the free ones (3 million IPv4 ranges, 100,000
 * distinct places, in the plain `start,end,country,region,city` layout) from a file, and looking
 * addresses up in it. The file is generated in a temporary folder and deleted afterwards.
 * Prints the load time, the memory the table keeps, and the time per lookup.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setTimeout } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadGeoIp } from '../../server/src/geoip.js';
import { summarize } from './measure.js';

const RANGES = 3_000_000;
const PLACES = 100_000;
const COUNTRIES = ['US', 'DE', 'FR', 'JP', 'KR', 'BR', 'IN', 'GB', 'CA', 'AU'];
/** Lookups per timed sample: one lookup is well under a microsecond, far too short to time alone. */
const BATCH = 100;
const SAMPLES = 5_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory in use after a full garbage collection (buffers are released a moment after it). */
async function inUse(): Promise<number> {
  gc();
  await setTimeout(50);
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const dotted = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const FIRST = 0x01000000;

/**
 * Ranges of 1, 2 or 4 /24 blocks from 1.0.0.0 up, a gap after every fifth, each at one of the
 * places taken in a scattered order. Written as bytes: building 3 million strings would take
 * longer than loading them.
 */
async function writeDatabase(path: string): Promise<number> {
  const octets = Array.from({ length: 256 }, (_, i) => Buffer.from(String(i)));
  const places = Array.from({ length: PLACES }, (_, p) => Buffer.from(`,${COUNTRIES[p % COUNTRIES.length]},Region ${p % 2_000},City ${p}\n`));
  const [firstTail, lastTail] = [Buffer.from('.0,'), Buffer.from('.255')];
  const out = createWriteStream(path);
  let buf = Buffer.allocUnsafe(1 << 20);
  let at = 0;
  const put = (bytes: Buffer) => {
    for (let i = 0; i < bytes.length; i++) buf[at++] = bytes[i]!;
  };
  /** A /24 block number (the address without its last byte) and what follows it. */
  const block = (n: number, tail: Buffer) => {
    put(octets[n >>> 16]!);
    buf[at++] = 0x2e;
    put(octets[(n >>> 8) & 255]!);
    buf[at++] = 0x2e;
    put(octets[n & 255]!);
    put(tail);
  };
  let next = FIRST >>> 8;
  for (let i = 0; i < RANGES; i++) {
    const blocks = 1 << i % 3;
    block(next, firstTail);
    block(next + blocks - 1, lastTail);
    put(places[(i * 7919) % PLACES]!);
    next += blocks + (i % 5 === 0 ? 1 : 0);
    if (at > buf.length - 256) {
      if (!out.write(buf.subarray(0, at))) await once(out, 'drain');
      buf = Buffer.allocUnsafe(1 << 20);
      at = 0;
    }
  }
  out.end(buf.subarray(0, at));
  await once(out, 'finish');
  return next * 256;
}

export async function geoipBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'geoip-bench-'));
  try {
    const path = join(dir, 'city.csv');
    const end = await writeDatabase(path);
    const size = statSync(path).size;

    const before = await inUse();
    const started = performance.now();
    const table = await loadGeoIp(path);
    const loadMs = performance.now() - started;
    const kept = (await inUse()) - before;
    if (table.ranges.v4 !== RANGES) throw new Error(`loaded ${table.ranges.v4} ranges, not ${RANGES}`);

    // Addresses spread over the whole table, a fifth of them in the gaps.
    const ips = Array.from({ length: 4_096 }, (_, i) => dotted(FIRST + Math.floor((((i * 2654435761) % 2 ** 32) / 2 ** 32) * (end - FIRST))));
    let found = 0;
    for (const ip of ips) if (table.lookup(ip)) found++;
    const times: number[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      const t0 = performance.now();
      for (let i = 0; i < BATCH; i++) table.lookup(ips[(s * BATCH + i) & 4095]!);
      times.push(((performance.now() - t0) * 1000) / BATCH);
    }
    const l = summarize(times);

    console.log(
      `geoip: ${RANGES.toLocaleString('en')} IPv4 ranges, ${table.places.toLocaleString('en')} places (${(size / 1e6).toFixed(0)} MB CSV): ` +
        `load ${(loadMs / 1000).toFixed(2)} s, table ${(table.bytes / 1e6).toFixed(0)} MB of ranges` +
        `, ${(kept / 1e6).toFixed(0)} MB kept in all`,
    );
    console.log(
      `  lookup (${Math.round((found / ips.length) * 100)}% of addresses found): p50 ${l.p50.toFixed(2)} µs, p99 ${l.p99.toFixed(2)} µs ` +
        `(each the mean of ${BATCH}; ${Math.round(1e6 / l.mean).toLocaleString('en')} lookups/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
