/**
 * `npm run bench`: runs each benchmark in turn and prints its figures. No assertions;
 * a benchmark that cannot finish (e.g. a message not delivered within 5 s) fails the run.
 */
import { availabilityBench } from './bench/availability.js';
import { deliveryLatency } from './bench/delivery.js';
import { geoipBench } from './bench/geoip.js';
import { targetingBench } from './bench/targeting.js';
import { visitorListBench } from './bench/visitors.js';

const benchmarks: Array<[name: string, run: () => Promise<void>]> = [
  ['delivery latency', deliveryLatency],
  ['targeting', targetingBench],
  ['availability', availabilityBench],
  ['visitor list', visitorListBench],
  ['geoip', geoipBench],
];

console.log(`node ${process.version} on ${process.platform}/${process.arch}\n`);
for (const [name, run] of benchmarks) {
  try {
    await run();
  } catch (err) {
    console.error(`benchmark "${name}" failed:`, err instanceof Error ? err.message : err);
    process.exitCode = 1;
    break;
  }
}
