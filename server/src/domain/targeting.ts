/**
 * Targeting rules, compiled once into plain predicates. Pure: time is passed in.
 *
 * Text comparisons ignore case. A `*` pattern is matched by a linear scan of its literal
 * pieces, never by a regular expression, so no pattern can make matching slow.
 */
import type {
  AttributeValue,
  Condition,
  ConditionGroup,
  Match,
  NumberOp,
  Rule,
  StringOp,
} from '../protocol/proactive.js';

/** What the server knows of one page view at the moment it evaluates. */
export interface VisitFacts {
  url: string;
  title: string;
  referrer: string;
  language: string;
  device: string;
  /** When the current page was opened (epoch ms). */
  pageViewAt: number;
  /** When this visit started (epoch ms). */
  visitStartedAt: number;
  /** Page views in this visit, the current one included. */
  pageViews: number;
  /** The visit's number: 1 for a new visitor. */
  visits: number;
  attributes: Readonly<Record<string, AttributeValue>>;
}

/** Facts with their text lowered once per evaluation (by prepareFacts), shared by every rule. */
export type PreparedFacts = VisitFacts;

export function prepareFacts(f: VisitFacts): PreparedFacts {
  return {
    ...f,
    url: f.url.toLowerCase(),
    title: f.title.toLowerCase(),
    referrer: f.referrer.toLowerCase(),
    language: f.language.toLowerCase(),
  };
}

/**
 * Rules compiled together (an account's messages) share their text conditions: on one page
 * view each distinct one, such as `URL contains "/pricing"`, is tested once for all of them.
 */
export class ConditionPool {
  readonly slots = new Map<string, number>();
  /**
   * Results by slot, each valid for the moment whose number stamps it. Reused from page view to
   * page view instead of allocated: evaluation is synchronous, and a stale stamp only means
   * "test again".
   */
  stamps = new Uint32Array(0);
  results = new Uint8Array(0);
  moments = 0;

  /** A new moment's number, with room for every slot. */
  next(): number {
    if (this.stamps.length < this.slots.size) {
      this.stamps = new Uint32Array(this.slots.size * 2);
      this.results = new Uint8Array(this.slots.size * 2);
    }
    this.moments = (this.moments + 1) >>> 0 || 1;
    return this.moments;
  }
}

/** Facts at one moment: the time conditions' whole seconds worked out once for every rule. */
export interface Moment extends PreparedFacts {
  pageSeconds: number;
  siteSeconds: number;
  /** The pool whose shared results this moment may use, and its number there. */
  pool: ConditionPool | null;
  stamp: number;
}

/** Whole seconds elapsed since `from`: "30 s on page" holds from the 30th second on. */
const seconds = (now: number, from: number) => Math.floor((now - from) / 1000);

export function momentOf(f: PreparedFacts, now: number, pool: ConditionPool | null = null): Moment {
  return {
    url: f.url,
    title: f.title,
    referrer: f.referrer,
    language: f.language,
    device: f.device,
    pageViewAt: f.pageViewAt,
    visitStartedAt: f.visitStartedAt,
    pageViews: f.pageViews,
    visits: f.visits,
    attributes: f.attributes,
    pageSeconds: seconds(now, f.pageViewAt),
    siteSeconds: seconds(now, f.visitStartedAt),
    pool,
    stamp: pool ? pool.next() : 0,
  };
}

/** A text test whose result is shared, within one moment, by every rule of the pool. */
function shared(pool: ConditionPool, c: Condition, test: Test): Test {
  const key = JSON.stringify([c.field, c.name ?? '', c.op, c.value]);
  let slot = pool.slots.get(key);
  if (slot === undefined) pool.slots.set(key, (slot = pool.slots.size));
  return (m) => {
    if (m.pool !== pool || slot >= pool.stamps.length) return test(m);
    if (pool.stamps[slot] === m.stamp) return pool.results[slot] === 1;
    const result = test(m);
    pool.stamps[slot] = m.stamp;
    pool.results[slot] = result ? 1 : 0;
    return result;
  };
}

type Test = (m: Moment) => boolean;

export type CompiledNode =
  | { kind: 'condition'; condition: Condition; test: Test }
  | { kind: 'group'; match: Match; items: CompiledNode[]; test: Test };

export interface CompiledRule {
  root: CompiledNode;
  /** True when the rule holds for these facts at `now`. */
  test: (f: PreparedFacts, now: number) => boolean;
  /** The same, for a moment worked out once for many rules. */
  holds: Test;
  /** The pool it shares text conditions with, if any. */
  pool: ConditionPool | null;
  /** Thresholds (ms after the page view or the visit start) at which a time condition may flip. */
  timeMarks: Array<{ from: 'page' | 'visit'; afterMs: number }>;
}

/** Matches `text` against a pattern in which `*` stands for any run of characters (both lowered). */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const parts = pattern.toLowerCase().split('*');
  if (parts.length === 1) return (s) => s === parts[0];
  const head = parts[0]!;
  const tail = parts.at(-1)!;
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const fixed = head.length + tail.length;
  return (s) => {
    if (s.length < fixed || (head && !s.startsWith(head)) || (tail && !s.endsWith(tail))) return false;
    const end = s.length - tail.length;
    let at = head.length;
    // Leftmost placement of each piece is optimal for `*`-only patterns.
    for (const piece of middle) {
      const found = s.indexOf(piece, at);
      if (found === -1 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

type TextField = 'url' | 'title' | 'referrer' | 'language';

/**
 * A text condition on a field of the facts, as one closure (no nested call): it runs for
 * every live message on every page view.
 */
function fieldStringTest(field: TextField, op: StringOp, raw: string): Test {
  const v = raw.toLowerCase();
  switch (op) {
    case 'equals': return (f) => f[field] === v;
    case 'notEquals': return (f) => f[field] !== v;
    case 'contains': return (f) => f[field].includes(v);
    case 'notContains': return (f) => !f[field].includes(v);
    case 'startsWith': return (f) => f[field].startsWith(v);
    case 'notStartsWith': return (f) => !f[field].startsWith(v);
    case 'endsWith': return (f) => f[field].endsWith(v);
    case 'notEndsWith': return (f) => !f[field].endsWith(v);
    case 'matches': {
      const m = wildcardMatcher(v);
      return (f) => m(f[field]);
    }
    case 'notMatches': {
      const m = wildcardMatcher(v);
      return (f) => !m(f[field]);
    }
  }
}

function stringTest(op: StringOp, raw: string): (s: string) => boolean {
  const v = raw.toLowerCase();
  switch (op) {
    case 'equals': return (s) => s === v;
    case 'notEquals': return (s) => s !== v;
    case 'contains': return (s) => s.includes(v);
    case 'notContains': return (s) => !s.includes(v);
    case 'startsWith': return (s) => s.startsWith(v);
    case 'notStartsWith': return (s) => !s.startsWith(v);
    case 'endsWith': return (s) => s.endsWith(v);
    case 'notEndsWith': return (s) => !s.endsWith(v);
    case 'matches': return wildcardMatcher(v);
    case 'notMatches': {
      const m = wildcardMatcher(v);
      return (s) => !m(s);
    }
  }
}

/** A number condition on a field of the moment, as one closure (see fieldStringTest). */
function fieldNumberTest(field: 'pageViews' | 'visits' | 'pageSeconds' | 'siteSeconds', op: NumberOp, v: number): Test {
  switch (op) {
    case 'eq': return (m) => m[field] === v;
    case 'neq': return (m) => m[field] !== v;
    case 'gt': return (m) => m[field] > v;
    case 'gte': return (m) => m[field] >= v;
    case 'lt': return (m) => m[field] < v;
    case 'lte': return (m) => m[field] <= v;
  }
}

function numberTest(op: NumberOp, v: number): (n: number) => boolean {
  switch (op) {
    case 'eq': return (n) => n === v;
    case 'neq': return (n) => n !== v;
    case 'gt': return (n) => n > v;
    case 'gte': return (n) => n >= v;
    case 'lt': return (n) => n < v;
    case 'lte': return (n) => n <= v;
  }
}

const isStringOp = (op: string): op is StringOp =>
  ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith', 'matches', 'notMatches'].includes(op);
const isNumberOp = (op: string): op is NumberOp => ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'].includes(op);

function compileCondition(c: Condition, marks: CompiledRule['timeMarks']): Test {
  switch (c.field) {
    case 'url':
    case 'title':
    case 'referrer':
    case 'language':
      return fieldStringTest(c.field, c.op as StringOp, String(c.value));
    case 'pageViews':
    case 'visits':
      return fieldNumberTest(c.field, c.op as NumberOp, c.value as number);
    case 'timeOnPage':
    case 'timeOnSite': {
      const v = c.value as number;
      const from = c.field === 'timeOnPage' ? 'page' : 'visit';
      // A whole-second count changes truth only when it reaches v or v + 1.
      marks.push({ from, afterMs: Math.ceil(v) * 1000 }, { from, afterMs: (Math.floor(v) + 1) * 1000 });
      return fieldNumberTest(from === 'page' ? 'pageSeconds' : 'siteSeconds', c.op as NumberOp, v);
    }
    case 'visitorType': {
      const want = c.value === 'returning';
      const is = c.op === 'is';
      return (f) => (f.visits > 1 === want) === is;
    }
    case 'device': {
      const want = String(c.value);
      const is = c.op === 'is';
      return (f) => (f.device === want) === is;
    }
    case 'attribute': {
      const name = c.name!;
      if (isStringOp(c.op)) {
        const t = stringTest(c.op, String(c.value));
        const negated = c.op.startsWith('not');
        // A missing attribute satisfies only the negated operators ("does not contain").
        return (f) => {
          const a = f.attributes[name];
          return a === undefined ? negated : t(String(a).toLowerCase());
        };
      }
      if (isNumberOp(c.op)) {
        const t = numberTest(c.op, c.value as number);
        return (f) => {
          const a = f.attributes[name];
          return typeof a === 'number' ? t(a) : c.op === 'neq' && a === undefined;
        };
      }
      const want = c.value === true;
      const is = c.op === 'is';
      // As for text: a missing (or non true/false) attribute satisfies only "is not".
      return (f) => {
        const a = f.attributes[name];
        return typeof a === 'boolean' ? (a === want) === is : !is;
      };
    }
  }
}

/**
 * A rough cost of testing an item: numbers and fixed values first, then text, patterns, groups.
 * "all" stops at the first false and "any" at the first true, so testing cheap items first
 * gives the same answer sooner.
 */
function cost(item: Condition | ConditionGroup): number {
  if ('match' in item) return 10;
  if (item.op === 'matches' || item.op === 'notMatches') return 4;
  if (item.op === 'contains' || item.op === 'notContains') return 3;
  if (typeof item.value === 'string' && item.field !== 'device' && item.field !== 'visitorType') return 2;
  return item.field === 'attribute' ? 1.5 : 1;
}

function compileNode(item: Condition | ConditionGroup | Rule, marks: CompiledRule['timeMarks'], pool: ConditionPool | null): CompiledNode {
  if (!('match' in item)) {
    const test = compileCondition(item, marks);
    // Numbers and fixed values cost less to test again than to look up.
    return { kind: 'condition', condition: item, test: pool && cost(item) >= 2 ? shared(pool, item, test) : test };
  }
  const items = item.conditions.map((c) => compileNode(c, marks, pool));
  // Evaluation order only: explanations keep the marketer's order.
  const tests = item.conditions
    .map((c, i) => ({ c: cost(c), test: items[i]!.test }))
    .sort((a, b) => a.c - b.c)
    .map((x) => x.test);
  return { kind: 'group', match: item.match, items, test: item.match === 'all' ? allOf(tests) : anyOf(tests) };
}

/** "all" of the tests; unrolled for the usual sizes, since it runs for every rule on every page view. */
function allOf(tests: Test[]): Test {
  const [a, b, c, d, e] = tests;
  switch (tests.length) {
    case 1: return a!;
    case 2: return (m) => a!(m) && b!(m);
    case 3: return (m) => a!(m) && b!(m) && c!(m);
    case 4: return (m) => a!(m) && b!(m) && c!(m) && d!(m);
    case 5: return (m) => a!(m) && b!(m) && c!(m) && d!(m) && e!(m);
    default: return (m) => tests.every((t) => t(m));
  }
}

function anyOf(tests: Test[]): Test {
  const [a, b, c, d, e] = tests;
  switch (tests.length) {
    case 1: return a!;
    case 2: return (m) => a!(m) || b!(m);
    case 3: return (m) => a!(m) || b!(m) || c!(m);
    case 4: return (m) => a!(m) || b!(m) || c!(m) || d!(m);
    case 5: return (m) => a!(m) || b!(m) || c!(m) || d!(m) || e!(m);
    default: return (m) => tests.some((t) => t(m));
  }
}

/**
 * Compiles a validated rule, once when messages change, not per page view. Rules compiled
 * with the same pool share the results of their text conditions within one evaluation.
 */
export function compileRule(rule: Rule, pool: ConditionPool | null = null): CompiledRule {
  const timeMarks: CompiledRule['timeMarks'] = [];
  const root = compileNode(rule, timeMarks, pool);
  // A rule without conditions targets every visitor, whether it says "all" or "any".
  const holds: Test = rule.conditions.length === 0 ? () => true : root.test;
  return { root: { ...root, test: holds }, holds, pool, test: (f, now) => holds(momentOf(f, now, pool)), timeMarks };
}

/**
 * The first moment after `now` at which the rule holds for these facts, when only time moves
 * (the visitor stays on the page). Null when it holds now or never will by waiting.
 */
export function nextMatchAt(rule: CompiledRule, f: PreparedFacts, now: number): number | null {
  if (rule.timeMarks.length === 0 || rule.test(f, now)) return null;
  const times = rule.timeMarks
    .map((m) => (m.from === 'page' ? f.pageViewAt : f.visitStartedAt) + m.afterMs)
    .filter((t) => t > now)
    .sort((a, b) => a - b);
  for (const t of times) if (rule.holds(momentOf(f, t, rule.pool))) return t;
  return null;
}

// --- explanations, for the simulator ------------------------------------------

const OP_WORDS: Record<string, string> = {
  equals: 'is', notEquals: 'is not', contains: 'contains', notContains: 'does not contain',
  startsWith: 'starts with', notStartsWith: 'does not start with', endsWith: 'ends with',
  notEndsWith: 'does not end with', matches: 'matches', notMatches: 'does not match',
  eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', is: 'is', isNot: 'is not',
};

const FIELD_WORDS: Record<string, string> = {
  url: 'URL', title: 'page title', referrer: 'referrer', language: 'language',
  timeOnPage: 'seconds on page', timeOnSite: 'seconds on site this visit', pageViews: 'page views this visit',
  visits: 'visit number', visitorType: 'visitor', device: 'device',
};

/** A condition in words, e.g. `URL contains "/pricing"`. */
export function describeCondition(c: Condition): string {
  const field = c.field === 'attribute' ? `attribute ${c.name}` : FIELD_WORDS[c.field];
  const value = typeof c.value === 'string' ? `"${c.value}"` : String(c.value);
  return `${field} ${OP_WORDS[c.op]} ${value}`;
}

/** Why a rule does not hold: the failing condition(s) in words, or null when it holds. */
export function explainFailure(rule: CompiledRule, f: PreparedFacts, now: number): string | null {
  const m = momentOf(f, now, rule.pool);
  const why = (node: CompiledNode): string | null => {
    if (node.test(m)) return null;
    if (node.kind === 'condition') return describeCondition(node.condition);
    if (node.match === 'all') {
      for (const item of node.items) {
        const w = why(item);
        if (w) return w;
      }
      return null;
    }
    return node.items.length === 0 ? 'the group is empty' : `none of: ${node.items.map((i) => why(i)).join('; ')}`;
  };
  const reason = why(rule.root);
  return reason && `Condition not met: ${reason}`;
}
