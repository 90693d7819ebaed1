/**
 * GeoIP tables: the CSV layouts they read (DB-IP lite, IP2Location LITE, a plain one), lookups
 * at the edges of ranges and in the gaps between them, IPv6 and IPv4-mapped IPv6, addresses
 * that never have a place, and lines that fail the load with their number.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GeoIpFormatError, GeoIpParser, parseGeoIpCsv, type GeoIpTable } from '../../server/src/domain/geoip.js';
import { loadGeoIp } from '../../server/src/geoip.js';

const BRISBANE = { countryCode: 'AU', region: 'Queensland', city: 'Brisbane' };
const FUZHOU = { countryCode: 'CN', region: 'Fujian', city: 'Fuzhou' };
const MOUNTAIN_VIEW = { countryCode: 'US', region: 'California', city: 'Mountain View' };
const DUBLIN = { countryCode: 'IE', region: 'Leinster', city: 'Dublin' };

/** The plain layout, unquoted, with a header. */
const PLAIN = `ip_start,ip_end,country,region,city
1.0.0.0,1.0.0.255,AU,Queensland,Brisbane
1.0.1.0,1.0.3.255,CN,Fujian,Fuzhou
8.8.8.0,8.8.8.255,US,California,Mountain View
2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US,California,Mountain View
2a00:1450:4000::,2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff,IE,Leinster,Dublin
`;

const where = (table: GeoIpTable, ...ips: string[]) => ips.map((ip) => table.lookup(ip));

/** The error a CSV text fails with. */
function failure(text: string): GeoIpFormatError {
  try {
    parseGeoIpCsv(text);
  } catch (error) {
    if (error instanceof GeoIpFormatError) return error;
    throw error;
  }
  throw new Error('Expected the table to be refused');
}

describe('looking up an IPv4 address', () => {
  const table = parseGeoIpCsv(PLAIN);

  it('finds the first and the last address of a range', () => {
    expect(where(table, '1.0.0.0', '1.0.0.255')).toEqual([BRISBANE, BRISBANE]);
    expect(where(table, '1.0.1.0', '1.0.2.77', '1.0.3.255')).toEqual([FUZHOU, FUZHOU, FUZHOU]);
    expect(table.lookup('8.8.8.8')).toEqual(MOUNTAIN_VIEW);
  });

  it('finds nothing before the first range, in a gap between ranges, or after the last', () => {
    expect(where(table, '0.255.255.255', '1.0.4.0', '8.8.7.255', '8.8.9.0', '1.0.0.256', '')).toEqual([null, null, null, null, null, null]);
    expect(where(parseGeoIpCsv('2.0.0.0,2.0.0.255,FR\n'), '1.255.255.255', '2.0.1.0')).toEqual([null, null]);
  });

  it('finds an IPv4 address written as IPv4-mapped IPv6, as dual-stack sockets report it', () => {
    expect(where(table, '::ffff:1.0.0.1', '::FFFF:8.8.8.8', '::ffff:808:808', '0:0:0:0:0:ffff:0100:0000')).toEqual([
      BRISBANE,
      MOUNTAIN_VIEW,
      MOUNTAIN_VIEW,
      BRISBANE,
    ]);
  });
});

describe('looking up an IPv6 address', () => {
  const table = parseGeoIpCsv(PLAIN);

  it('finds the first and the last address of a range, in any spelling', () => {
    expect(where(table, '2001:4860::', '2001:4860:ffff:ffff:ffff:ffff:ffff:ffff', '2001:4860:4860::8888', '2001:4860:0:0:0:0:0:1')).toEqual([
      MOUNTAIN_VIEW,
      MOUNTAIN_VIEW,
      MOUNTAIN_VIEW,
      MOUNTAIN_VIEW,
    ]);
    expect(where(table, '2A00:1450:4001:81C::200E', '2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff')).toEqual([DUBLIN, DUBLIN]);
  });

  it('finds nothing just outside a range, in the gap between ranges, or for what is not an address', () => {
    expect(
      where(table, '2001:485f:ffff:ffff:ffff:ffff:ffff:ffff', '2001:4861::', '2a00:1450:3fff:ffff:ffff:ffff:ffff:ffff', '2a00:1450:5000::', '2001:4860:::1', '2001:4860::g', '1:2:3:4:5:6:7:8:9'),
    ).toEqual([null, null, null, null, null, null, null]);
  });

  it('reads "::" at the start, middle or end, and refuses what is not an address', () => {
    const everywhere = parseGeoIpCsv('2000::,2fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,US\n');
    const valid = ['2001::', '2001:2:3:4:5:6:7::', '2001::8', '2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329', '2001:db8::1.2.3.4'];
    const invalid = ['2001:2:3:4:5:6:7:8::', '2001:2:3:4:5:6:7', ':2001::', '2001::8:', '2001::8::', '20010::', '2001:::8', '2001::1.2.3', 'fe80:::'];
    expect(where(everywhere, ...valid).map((p) => p?.countryCode ?? null)).toEqual(valid.map(() => 'US'));
    expect(where(everywhere, ...invalid)).toEqual(invalid.map(() => null));
  });
});

describe('addresses that say nothing about where a person is', () => {
  // A table that claims every address in both families.
  const table = parseGeoIpCsv('0.0.0.0,255.255.255.255,US\n::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,US\n');

  it('have no place, even where the table claims them', () => {
    const hidden = [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.20',
      '127.0.0.1',
      '169.254.10.1',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.251',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1%eth0',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:192.168.0.1',
      '::ffff:127.0.0.1',
    ];
    expect(where(table, ...hidden)).toEqual(hidden.map(() => null));
  });

  it('are told apart from public addresses beside them', () => {
    const shown = ['8.8.8.8', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '2001:4860::1', 'fec0::1', '::ffff:8.8.4.4'];
    expect(where(table, ...shown).map((p) => p?.countryCode)).toEqual(shown.map(() => 'US'));
  });
});

describe('the layouts read', () => {
  it('dbip-country-lite: addresses and a country', () => {
    const table = parseGeoIpCsv('1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.3.255,CN\n');
    expect(where(table, '1.0.0.9', '1.0.2.1')).toEqual([
      { countryCode: 'AU', region: null, city: null },
      { countryCode: 'CN', region: null, city: null },
    ]);
  });

  it('dbip-city-lite: continent, country, region, city, latitude, longitude; quoted or not', () => {
    const table = parseGeoIpCsv(
      '1.0.0.0,1.0.0.255,OC,AU,Queensland,Brisbane,-27.4679,153.028\n' +
        '"8.8.8.0","8.8.8.255","NA","US","District of Columbia","Washington, ""D.C.""","38.9","-77.03"\n' +
        '2a00:1450:4000::,2a00:1450:4fff:ffff:ffff:ffff:ffff:ffff,EU,IE,Leinster,Dublin,53.3498,-6.26031\n',
    );
    expect(where(table, '1.0.0.1', '8.8.8.8', '2a00:1450:4001::1')).toEqual([
      BRISBANE,
      { countryCode: 'US', region: 'District of Columbia', city: 'Washington, "D.C."' },
      DUBLIN,
    ]);
  });

  it('a country and a region, without a city', () => {
    expect(parseGeoIpCsv('1.0.0.0,1.0.0.255,AU,Queensland\n').lookup('1.0.0.1')).toEqual({ countryCode: 'AU', region: 'Queensland', city: null });
  });

  it('IP2Location LITE DB1: decimal addresses, country code and name, quoted', () => {
    const table = parseGeoIpCsv('"0","16777215","-","-"\r\n"16777216","16777471","AU","Australia"\r\n"16777472","16778239","CN","China"\r\n');
    expect(where(table, '1.0.0.0', '1.0.0.255', '1.0.1.0', '1.0.4.0')).toEqual([
      { countryCode: 'AU', region: null, city: null },
      { countryCode: 'AU', region: null, city: null },
      { countryCode: 'CN', region: null, city: null },
      null,
    ]);
  });

  it('IP2Location LITE DB3: region and city after the country name, "-" when unknown', () => {
    const table = parseGeoIpCsv('"16777216","16777471","AU","Australia","Queensland","Brisbane"\n"16777472","16778239","CN","China","-","-"\n');
    expect(where(table, '1.0.0.3', '1.0.1.3')).toEqual([BRISBANE, { countryCode: 'CN', region: null, city: null }]);
  });

  it('IP2Location IPv6 files: IPv4 ranges as ::ffff:a.b.c.d numbers, and IPv6 ranges as 128-bit numbers', () => {
    const mapped = 0xffff_0000_0000n;
    const google = 0x2001_4860n << 96n;
    const table = parseGeoIpCsv(
      [
        `"0","${mapped - 1n}","-","-"`,
        `"${mapped + 16777216n}","${mapped + 16777471n}","AU","Australia"`,
        `"${google}","${google + (1n << 96n) - 1n}","US","United States of America"`,
      ].join('\n'),
    );
    expect(where(table, '1.0.0.7', '::ffff:1.0.0.7', '2001:4860:4860::8888', '2001:4861::').map((p) => p?.countryCode ?? null)).toEqual([
      'AU',
      'AU',
      'US',
      null,
    ]);
  });

  it('leaves out ranges without a known country', () => {
    const table = parseGeoIpCsv('1.0.0.0,1.0.0.255,ZZ\n1.0.1.0,1.0.1.255,-\n1.0.2.0,1.0.2.255,\n1.0.3.0,1.0.3.255,au\n');
    expect(where(table, '1.0.0.1', '1.0.1.1', '1.0.2.1', '1.0.3.1')).toEqual([null, null, null, { countryCode: 'AU', region: null, city: null }]);
  });

  it('reads a file written in pieces of any size the same as whole, with a byte order mark and blank lines', () => {
    const text = `\uFEFF${PLAIN}\n\n`;
    const parser = new GeoIpParser();
    for (let i = 0; i < text.length; i += 7) parser.write(text.slice(i, i + 7));
    const table = parser.end();
    expect(table.ranges).toEqual({ v4: 3, v6: 2 });
    expect(where(table, '1.0.0.0', '1.0.3.255', '2a00:1450:4fff::1')).toEqual([BRISBANE, FUZHOU, DUBLIN]);
  });
});

describe('a header line', () => {
  it('is skipped on the first line, quoted or not', () => {
    expect(parseGeoIpCsv('ip_from,ip_to,country_code,country_name\n"16777216","16777471","AU","Australia"\n').lookup('1.0.0.1')?.countryCode).toBe('AU');
    expect(parseGeoIpCsv('"ip_start","ip_end","country"\n1.0.0.0,1.0.0.255,AU').lookup('1.0.0.1')?.countryCode).toBe('AU');
  });

  it('anywhere else is an error', () => {
    const error = failure('1.0.0.0,1.0.0.255,AU\nip_start,ip_end,country\n');
    expect(error.line).toBe(2);
    expect(error.message).toBe('line 2: "ip_start" is not an IP address');
  });
});

describe('a line that cannot be read', () => {
  it.each([
    ['an address out of range', '1.0.0.0,1.0.0.256,AU', 'line 2: "1.0.0.256" is not an IP address'],
    ['a first address that is not one', '1.0.0,1.0.0.255,AU', 'line 2: "1.0.0" is not an IP address'],
    ['addresses of two families', '1.0.0.0,::ffff,AU', 'line 2: "1.0.0.0" and "::ffff" are not of one kind'],
    ['a country name instead of a code', '1.0.0.0,1.0.0.255,Australia', 'line 2: "Australia" is not a two-letter country code'],
    ['too few columns', '1.0.0.0,1.0.0.255', 'line 2: expected 3, 4, 5 or 8 columns, found 2'],
    ['six columns', '1.0.0.0,1.0.0.255,OC,AU,Queensland,Brisbane', 'line 2: expected 3, 4, 5 or 8 columns, found 6'],
    ['a range that ends before it starts', '1.0.0.255,1.0.0.0,AU', 'line 2: the range ends before it starts'],
    ['an unclosed quote', '"1.0.0.0,1.0.0.255,AU', 'line 2: a quoted field is not closed'],
  ])('fails the load with its line number: %s', (_name, line, message) => {
    const error = failure(`ip_start,ip_end,country\n${line}\n`);
    expect(error.message).toBe(message);
    expect(error.line).toBe(2);
  });

  it('counts blank lines, and the first line when it is data, in the line number', () => {
    expect(failure('8.8.8.0,8.8.8.255,US\n\n\n9.9.9.9,9.9.9.x,US\n').line).toBe(4);
    expect(failure('1.0.0.0;1.0.0.255;AU\n').message).toBe('line 1: "1.0.0.0;1.0.0.255;AU" is not an IP address');
  });

  it('overlapping or out of order, in either family', () => {
    expect(failure('1.0.0.0,1.0.0.255,AU\n1.0.0.255,1.0.1.255,CN\n').message).toMatch(/^line 2: the range starts before the previous one ends/);
    expect(failure('8.8.8.0,8.8.8.255,US\n1.0.0.0,1.0.0.255,AU\n').line).toBe(2);
    expect(failure('2a00::,2a00::ff,IE\n1.0.0.0,1.0.0.255,AU\n2001::,2001::ff,US\n').line).toBe(3);
  });
});

describe('loading a database file', () => {
  it('reads a gzip-compressed file, and names the file and line of an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geoip-test-'));
    try {
      writeFileSync(join(dir, 'city.csv.gz'), gzipSync(PLAIN));
      expect((await loadGeoIp(join(dir, 'city.csv.gz'))).lookup('1.0.0.1')).toEqual(BRISBANE);
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, `${PLAIN}8.8.9.0,8.8.9.255,United States\n`);
      await expect(loadGeoIp(bad)).rejects.toThrow(`GeoIP database ${bad}: line 7: "United States" is not a two-letter country code`);
      await expect(loadGeoIp(join(dir, 'missing.csv'))).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
