/**
 * GeoIP: where a visitor's IP address is, from a table of address ranges read from a CSV file.
 *
 * Each line is one range: its first and last address, then where it is. The addresses are
 * written as text (`1.0.0.0`, `2a00:1450::`) or as decimal numbers (`16777216`); fields may be
 * quoted. What follows the two addresses depends on how they are written:
 *
 * - text addresses (DB-IP lite files, or a file of your own), by number of columns:
 *   - 3: `country` (dbip-country-lite)
 *   - 4: `country,region`
 *   - 5: `country,region,city`
 *   - 8: `continent,country,region,city,latitude,longitude` (dbip-city-lite)
 * - decimal addresses (IP2Location LITE files): `country,country name[,region,city[,…]]`,
 *   so DB1 (4 columns), DB3 (6) and the larger ones, whose extra columns are ignored. Numbers
 *   up to 4294967295 are IPv4 addresses, larger ones IPv6 (the IPv6 files' `::ffff:a.b.c.d`
 *   ranges are their IPv4 ones).
 *
 * `country` is an ISO 3166 two-letter code. A range whose country is `-`, `ZZ` or empty has no
 * known place and is left out; a region or city of `-` is unknown. A first line that names the
 * columns (`ip_from,ip_to,…`) is skipped; blank lines are ignored. Ranges must be in ascending
 * order without overlapping, as these files are. Anything else is an error naming its line.
 *
 * The table keeps three 32-bit numbers per IPv4 range (nine per IPv6 range) in typed arrays, and
 * each distinct place once; a lookup is a binary search. Private, loopback, link-local, shared
 * (CGNAT) and multicast addresses are never looked up: they say nothing about where a person is.
 */

/** Where an address is. The country is a code: each reader names it in their own language. */
export interface GeoLocation {
  readonly countryCode: string;
  readonly region: string | null;
  readonly city: string | null;
}

/** A line of the file that cannot be read; `line` counts from 1. */
export class GeoIpFormatError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'GeoIpFormatError';
  }
}

/** A growable array of unsigned 32-bit numbers. */
class Words {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The numbers pushed, in an array of exactly that size. */
  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** The address ranges of one family, sorted; an address is `width` 32-bit words. */
class Ranges {
  constructor(
    readonly width: 1 | 4,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly places: Uint32Array,
  ) {}

  get count(): number {
    return this.places.length;
  }

  get bytes(): number {
    return this.starts.byteLength + this.ends.byteLength + this.places.byteLength;
  }

  /** The place of the range holding `address`, or -1. */
  find(address: Uint32Array): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.starts, mid * this.width, address, 0, this.width) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found === -1 || compare(this.ends, found * this.width, address, 0, this.width) < 0) return -1;
    return this.places[found]!;
  }
}

/** Compares two addresses of `width` words, as numbers. */
function compare(a: Uint32Array, ai: number, b: Uint32Array, bi: number, width: number): number {
  for (let i = 0; i < width; i++) {
    const d = a[ai + i]! - b[bi + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** A loaded GeoIP table. */
export class GeoIpTable {
  readonly #v4: Ranges;
  readonly #v6: Ranges;
  readonly #places: readonly GeoLocation[];
  readonly #words = new Uint32Array(4);

  constructor(v4: Ranges, v6: Ranges, places: readonly GeoLocation[]) {
    this.#v4 = v4;
    this.#v6 = v6;
    this.#places = places;
  }

  /** Ranges with a known place, IPv4 and IPv6. */
  get ranges(): { v4: number; v6: number } {
    return { v4: this.#v4.count, v6: this.#v6.count };
  }

  /** Distinct places. */
  get places(): number {
    return this.#places.length;
  }

  /** Bytes held by the range arrays (the places are counted apart, in `places`). */
  get bytes(): number {
    return this.#v4.bytes + this.#v6.bytes;
  }

  /** Where `ip` is (IPv4, IPv6 or IPv4-mapped IPv6, with or without a `%zone`), or null when unknown. */
  lookup(ip: string): GeoLocation | null {
    const words = this.#words;
    const text = ip.includes('%') ? ip.slice(0, ip.indexOf('%')) : ip;
    let place: number;
    const v4 = parseIPv4(text);
    if (v4 !== -1) {
      words[0] = v4;
      place = publicIPv4(v4) ? this.#v4.find(words) : -1;
    } else if (parseIPv6(text, words, 0)) {
      if (isMappedIPv4(words, 0)) {
        words[0] = words[3]!;
        place = publicIPv4(words[0]) ? this.#v4.find(words) : -1;
      } else {
        place = publicIPv6(words) ? this.#v6.find(words) : -1;
      }
    } else {
      return null;
    }
    return place === -1 ? null : this.#places[place]!;
  }
}

/** Reads a whole CSV text into a table. */
export function parseGeoIpCsv(text: string): GeoIpTable {
  const parser = new GeoIpParser();
  parser.write(text);
  return parser.end();
}

/** Builds a table from a CSV file read in pieces of any size: `write` each, then `end`. */
export class GeoIpParser {
  readonly #v4 = { starts: new Words(), ends: new Words(), places: new Words() };
  readonly #v6 = { starts: new Words(), ends: new Words(), places: new Words() };
  readonly #places = new PlaceIndex();
  /** The last address of the previous range of each family, to check the order. */
  readonly #lastV4 = new Uint32Array(1);
  readonly #lastV6 = new Uint32Array(4);
  #anyV4 = false;
  #anyV6 = false;
  /** Scratch space for one range: its first and last address, as IPv6 words. */
  readonly #range = new Uint32Array(8);
  #line = 0;
  #rest = '';

  write(chunk: string): void {
    let text = this.#rest + chunk;
    if (this.#line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      this.#readLine(text.slice(from, nl));
      from = nl + 1;
    }
    this.#rest = text.slice(from);
  }

  end(): GeoIpTable {
    if (this.#rest) this.#readLine(this.#rest);
    this.#rest = '';
    const done = (r: { starts: Words; ends: Words; places: Words }, width: 1 | 4) => new Ranges(width, r.starts.done(), r.ends.done(), r.places.done());
    return new GeoIpTable(done(this.#v4, 1), done(this.#v6, 4), this.#places.places);
  }

  #readLine(raw: string): void {
    const line = ++this.#line;
    const fields = splitCsv(raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw);
    if (fields === null) throw new GeoIpFormatError(line, 'a quoted field is not closed');
    const first = fields[0]!;
    const last = fields[1] ?? '';
    if (fields.length === 1 && first === '') return;

    const numeric = isDecimal(first) && isDecimal(last);
    const family = numeric ? this.#readNumbers(first, last) : this.#readAddresses(first, last);
    if (family === 0) {
      if (line === 1 && HEADER.test(first)) return;
      const bad = [first, last].find((f) => !validAddress(f));
      throw new GeoIpFormatError(line, bad === undefined ? `"${first}" and "${last}" are not of one kind` : `"${bad}" is not an IP address`);
    }

    // The columns of the country, region and city (see the layouts at the top).
    if (!numeric && !(fields.length >= 3 && fields.length <= 5) && fields.length !== 8) {
      throw new GeoIpFormatError(line, `expected 3, 4, 5 or 8 columns, found ${fields.length}`);
    }
    if (fields.length < 3) throw new GeoIpFormatError(line, `expected a country after the addresses`);
    const countryAt = fields.length === 8 && !numeric ? 3 : 2;
    const regionAt = numeric ? 4 : countryAt + 1;

    let country = fields[countryAt]!;
    if (country === '' || country === '-' || country === 'ZZ') return;
    if (!COUNTRY.test(country)) throw new GeoIpFormatError(line, `"${country}" is not a two-letter country code`);
    if (country.charCodeAt(0) > 90 || country.charCodeAt(1) > 90) country = country.toUpperCase();

    const r = this.#range;
    const v4 = family === 4;
    const width = v4 ? 1 : 4;
    const startAt = v4 ? 3 : 0;
    const endAt = v4 ? 7 : 4;
    if (compare(r, startAt, r, endAt, width) > 0) throw new GeoIpFormatError(line, `the range ends before it starts`);
    const previous = v4 ? this.#lastV4 : this.#lastV6;
    if ((v4 ? this.#anyV4 : this.#anyV6) && compare(r, startAt, previous, 0, width) <= 0) {
      throw new GeoIpFormatError(line, `the range starts before the previous one ends (ranges must be in ascending order without overlapping)`);
    }
    if (v4) this.#anyV4 = true;
    else this.#anyV6 = true;

    const target = v4 ? this.#v4 : this.#v6;
    for (let i = 0; i < width; i++) {
      previous[i] = r[endAt + i]!;
      target.starts.push(r[startAt + i]!);
      target.ends.push(r[endAt + i]!);
    }
    target.places.push(this.#places.indexOf(country, known(fields[regionAt]), known(fields[regionAt + 1])));
  }

  /**
   * Reads two text addresses into the scratch range as IPv6 words (an IPv4 address in the last
   * word). Returns the family of the range, or 0 when an address is not valid or the two differ.
   */
  #readAddresses(first: string, last: string): 0 | 4 | 6 {
    const r = this.#range;
    const a = parseIPv4(first);
    const b = parseIPv4(last);
    if (a !== -1 && b !== -1) {
      r[3] = a;
      r[7] = b;
      return 4;
    }
    if (a !== -1 || b !== -1 || !parseIPv6(first, r, 0) || !parseIPv6(last, r, 4)) return 0;
    return this.#family6();
  }

  /** As #readAddresses, for decimal addresses. */
  #readNumbers(first: string, last: string): 0 | 4 | 6 {
    const r = this.#range;
    if (first.length <= 10 && last.length <= 10) {
      const a = Number(first);
      const b = Number(last);
      if (a <= 0xffffffff && b <= 0xffffffff) {
        r[3] = a;
        r[7] = b;
        return 4;
      }
    }
    for (const [text, at] of [[first, 0], [last, 4]] as const) {
      const n = BigInt(text);
      if (n >> 128n !== 0n) return 0;
      for (let i = 0; i < 4; i++) r[at + i] = Number((n >> BigInt(96 - 32 * i)) & 0xffffffffn);
    }
    return this.#family6();
  }

  /** An IPv6 range within ::ffff:0:0/96 is the IPv4 range it maps. */
  #family6(): 4 | 6 {
    return isMappedIPv4(this.#range, 0) && isMappedIPv4(this.#range, 4) ? 4 : 6;
  }
}

/**
 * The distinct places of a table, each kept once and found by its names. The hash table is our
 * own: a Map keyed by the names would have the engine hash every line's new strings, which took
 * most of the time of loading a city database.
 */
class PlaceIndex {
  readonly places: GeoLocation[] = [];
  /** Index into `places` by hash, or -1; at most half full. */
  #slots = new Int32Array(1 << 12).fill(-1);

  indexOf(countryCode: string, region: string | null, city: string | null): number {
    const mask = this.#slots.length - 1;
    for (let slot = hashPlace(countryCode, region, city) & mask; ; slot = (slot + 1) & mask) {
      const index = this.#slots[slot]!;
      if (index === -1) return this.#add(slot, countryCode, region, city);
      const p = this.places[index]!;
      if (p.city === city && p.region === region && p.countryCode === countryCode) return index;
    }
  }

  #add(slot: number, countryCode: string, region: string | null, city: string | null): number {
    const index = this.places.length;
    this.places.push(Object.freeze({ countryCode: own(countryCode), region: region === null ? null : own(region), city: city === null ? null : own(city) }));
    this.#slots[slot] = index;
    if (this.places.length * 2 > this.#slots.length) {
      this.#slots = new Int32Array(this.#slots.length * 2).fill(-1);
      const mask = this.#slots.length - 1;
      this.places.forEach((p, i) => {
        let at = hashPlace(p.countryCode, p.region, p.city) & mask;
        while (this.#slots[at] !== -1) at = (at + 1) & mask;
        this.#slots[at] = i;
      });
    }
    return index;
  }
}

/** FNV-1a over the three names, each followed by a comma. */
function hashPlace(countryCode: string, region: string | null, city: string | null): number {
  return fnv(fnv(fnv(0x811c9dc5, countryCode), region ?? ''), city ?? '') >>> 0;
}

function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x2c, 0x01000193);
}

const COUNTRY = /^[a-z]{2}$/i;
/** A column name in a header line. */
const HEADER = /^[a-z_][\w -]*$/i;

/** A decimal number of at most 39 digits (2^128 has 39). */
function isDecimal(text: string): boolean {
  if (text.length === 0 || text.length > 39) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A copy of `text` that does not share the memory of the line it was cut from. V8 keeps a
 * substring as a view of its parent string, so a place name kept as it is would keep the whole
 * piece of the file that it came in.
 */
const own = (text: string): string => (' ' + text).slice(1);

const known = (value: string | undefined): string | null => (value === undefined || value === '' || value === '-' ? null : value);

/** An address as text, or as a number below 2^128. */
const validAddress = (text: string) =>
  parseIPv4(text) !== -1 || parseIPv6(text, new Uint32Array(4), 0) || (isDecimal(text) && BigInt(text) >> 128n === 0n);

/** The fields of one CSV line, unquoted and trimmed; null when a quote is not closed. */
function splitCsv(line: string): string[] | null {
  if (!line.includes('"')) {
    const fields = line.split(',');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.charCodeAt(0) <= 32 || f.charCodeAt(f.length - 1) <= 32) fields[i] = f.trim();
    }
    return fields;
  }
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    while (line[i] === ' ') i++;
    if (line[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) return null;
        value += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      fields.push(value.trim());
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      fields.push(line.slice(i, comma === -1 ? line.length : comma).trim());
      if (comma === -1) break;
      i = comma + 1;
    }
  }
  return fields;
}

/** An IPv4 address in dotted form as an unsigned 32-bit number, or -1. */
export function parseIPv4(text: string): number {
  let value = 0;
  let part = -1;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (part === -1 || dots === 3) return -1;
      value = value * 256 + part;
      part = -1;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3 || (digits > 0 && part === 0)) return -1;
      part = (part === -1 ? 0 : part * 10) + c - 48;
      if (part > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || part === -1) return -1;
  return value * 256 + part;
}

/** Reads an IPv6 address into 4 words of `out` from `at`; false when it is not one. */
export function parseIPv6(text: string, out: Uint32Array, at: number): boolean {
  const len = text.length;
  if (len < 2 || len > 45) return false;
  const groups = [0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  /** Where "::" stands among the groups, or -1. */
  let gap = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58 /* : */) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
  }
  while (i < len) {
    let value = 0;
    let j = i;
    for (; j < len && j - i <= 4; j++) {
      const digit = hexDigit(text.charCodeAt(j));
      if (digit === -1) break;
      value = value * 16 + digit;
    }
    if (j < len && text.charCodeAt(j) === 46 /* . */) {
      // The last 32 bits written as IPv4, as in ::ffff:1.2.3.4.
      const v4 = parseIPv4(text.slice(i));
      if (v4 === -1 || count > 6) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    groups[count++] = value;
    if (j === len) break;
    if (text.charCodeAt(j) !== 58) return false;
    if (text.charCodeAt(j + 1) === 58) {
      if (gap !== -1) return false;
      gap = count;
      i = j + 2;
    } else {
      if (j + 1 === len) return false;
      i = j + 1;
    }
  }
  if (gap === -1 ? count !== 8 : count > 7) return false;
  if (gap !== -1) {
    const zeros = 8 - count;
    for (let k = count - 1; k >= gap; k--) groups[k + zeros] = groups[k]!;
    for (let k = gap; k < gap + zeros; k++) groups[k] = 0;
  }
  for (let k = 0; k < 4; k++) out[at + k] = ((groups[2 * k]! << 16) | groups[2 * k + 1]!) >>> 0;
  return true;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function isMappedIPv4(words: Uint32Array, at: number): boolean {
  return words[at] === 0 && words[at + 1] === 0 && words[at + 2] === 0xffff;
}

/** False for addresses that are not on the public internet: private, loopback, link-local, CGNAT, multicast, reserved. */
function publicIPv4(ip: number): boolean {
  const a = ip >>> 24;
  const b = (ip >>> 16) & 0xff;
  return !(
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168)
  );
}

/** False for the unspecified and loopback addresses, unique-local (fc00::/7), link-local (fe80::/10) and multicast. */
function publicIPv6(words: Uint32Array): boolean {
  const first = words[0]!;
  if (first === 0 && words[1] === 0 && words[2] === 0 && words[3]! <= 1) return false;
  return (first >>> 25) !== 0x7e && (first >>> 22) !== 0x3fa && (first >>> 24) !== 0xff;
}
