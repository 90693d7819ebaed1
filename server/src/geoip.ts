/** Reads the GeoIP database file (CSV, or CSV compressed with gzip when its name ends in .gz) into a table. */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { GeoIpParser, type GeoIpTable } from './domain/geoip.js';

/** Loads the file in pieces; a line that cannot be read fails the load with its number. */
export async function loadGeoIp(path: string): Promise<GeoIpTable> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  if (source !== file) file.once('error', (err) => source.destroy(err));
  source.setEncoding('utf8');
  const parser = new GeoIpParser();
  try {
    for await (const chunk of source) parser.write(chunk as string);
    return parser.end();
  } catch (err) {
    file.destroy();
    throw new Error(`GeoIP database ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
