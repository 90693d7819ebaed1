/**
 * Proactive messages, pure domain: targeting rules and their validation, `*` patterns,
 * business hours across zones and DST, the message lifecycle, frequency, and which single
 * message a visitor is offered (and why the others are not, as the simulator shows).
 */
import { describe, expect, it } from 'vitest';
import {
  BusinessHoursSchema,
  PROACTIVE_ACTIONS,
  PROACTIVE_STATUSES,
  RuleSchema,
  type BusinessHours,
  type Condition,
  type ConditionGroup,
  type Frequency,
  type ProactiveAction,
  type ProactiveStatus,
} from '../../server/src/protocol/proactive.js';
import {
  actionRefusal,
  allowedActions,
  brokenBecause,
  chooseOffer,
  explainOffers,
  frequencyAllows,
  scheduleAllows,
  statusAfter,
  type Candidate,
  type OfferContext,
  type Place,
} from '../../server/src/domain/proactive.js';
import { DEFAULT_BUSINESS_HOURS, isOpen, wallClock } from '../../server/src/domain/schedule.js';
import {
  compileRule,
  ConditionPool,
  describeCondition,
  explainFailure,
  nextMatchAt,
  prepareFacts,
  wildcardMatcher,
  type CompiledRule,
  type VisitFacts,
} from '../../server/src/domain/targeting.js';

const SEC = 1_000;
const MIN = 60 * SEC;
/** Wednesday 14 January 2026, 10:00 UTC: the moment most facts below are evaluated at. */
const T = Date.UTC(2026, 0, 14, 10, 0, 0);

/** A visitor 12 s into their third page of a second visit that started 5 minutes ago. */
function facts(over: Partial<VisitFacts> = {}): VisitFacts {
  return {
    url: 'https://Shop.Example.com/Pricing/Pro?utm_source=Newsletter',
    title: 'Pricing — Acme Pro',
    referrer: 'https://www.google.com/search?q=acme+pricing',
    language: 'fr-CA',
    device: 'mobile',
    pageViewAt: T - 12 * SEC,
    visitStartedAt: T - 5 * MIN,
    pageViews: 3,
    visits: 2,
    attributes: { plan: 'Pro', seats: 12, trial: true, churned: false },
    ...over,
  };
}

type Item = Condition | ConditionGroup;

/** Validates a rule the way the API does, then compiles it. */
function compiled(match: 'all' | 'any', ...conditions: Item[]): CompiledRule {
  return compileRule(RuleSchema.parse({ match, conditions }));
}

/** Whether one condition (validated, then compiled) holds for these facts at `now`. */
function holds(c: Condition, f: VisitFacts = facts(), now = T): boolean {
  return compiled('all', c).test(prepareFacts(f), now);
}

/** The messages of a rejected rule, each prefixed with its path. */
function ruleIssues(input: unknown): string[] {
  const r = RuleSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const url = (op: Condition['op'], value: string): Condition => ({ field: 'url', op, value });
const timeOnPage = (op: Condition['op'], value: number): Condition => ({ field: 'timeOnPage', op, value });

// --- conditions ---------------------------------------------------------------

describe('text conditions: each operator and its negation', () => {
  const NEGATION = {
    equals: 'notEquals',
    contains: 'notContains',
    startsWith: 'notStartsWith',
    endsWith: 'notEndsWith',
    matches: 'notMatches',
  } as const;

  // [field, operator, a value for which it holds, a value for which it does not]
  const rows: Array<[Condition['field'], keyof typeof NEGATION, string, string]> = [
    ['url', 'equals', 'https://shop.example.com/pricing/pro?utm_source=newsletter', 'https://shop.example.com/pricing/pro'],
    ['url', 'equals', 'HTTPS://SHOP.EXAMPLE.COM/PRICING/PRO?UTM_SOURCE=NEWSLETTER', 'https://shop.example.com/pricing/pro?utm_source=newsletter&x=1'],
    ['url', 'contains', '/pricing/', '/checkout/'],
    ['url', 'contains', '/PRICING/pro', '/pricing/team'],
    ['url', 'startsWith', 'https://shop.EXAMPLE.com/', 'https://www.example.com/'],
    ['url', 'endsWith', 'UTM_SOURCE=newsletter', 'utm_source=ads'],
    ['url', 'matches', 'https://*.example.com/pricing/*', 'https://*.example.com/blog/*'],
    ['title', 'equals', 'pricing — acme pro', 'Pricing'],
    ['title', 'contains', 'ACME', 'Globex'],
    ['title', 'startsWith', 'pricing', 'acme'],
    ['title', 'endsWith', ' pro', 'team'],
    ['title', 'matches', 'pricing*pro', 'pricing*team'],
    ['referrer', 'equals', 'https://www.google.com/search?q=acme+pricing', 'https://www.google.com/'],
    ['referrer', 'contains', 'google.', 'bing.'],
    ['referrer', 'startsWith', 'https://www.google.', 'https://duckduckgo.'],
    ['referrer', 'endsWith', 'q=acme+pricing', 'q=acme'],
    ['referrer', 'matches', '*google.*/search*', '*bing.*/search*'],
    ['language', 'equals', 'FR-ca', 'fr'],
    ['language', 'contains', '-ca', '-fr'],
    ['language', 'startsWith', 'fr', 'en'],
    ['language', 'endsWith', 'ca', 'fr'],
    ['language', 'matches', 'fr-*', 'en-*'],
  ];

  it.each(rows)('%s %s: holds for %j, not for %j; the negation the other way round', (field, op, yes, no) => {
    const not = NEGATION[op];
    expect(holds({ field, op, value: yes })).toBe(true);
    expect(holds({ field, op: not, value: yes })).toBe(false);
    expect(holds({ field, op, value: no })).toBe(false);
    expect(holds({ field, op: not, value: no })).toBe(true);
  });

  it('compares the visitor\'s text case-insensitively too', () => {
    const shouting = facts({ url: 'HTTPS://SHOP.EXAMPLE.COM/PRICING', title: 'PRICING', language: 'EN-GB' });
    expect(holds(url('equals', 'https://shop.example.com/pricing'), shouting)).toBe(true);
    expect(holds({ field: 'title', op: 'startsWith', value: 'pri' }, shouting)).toBe(true);
    expect(holds({ field: 'language', op: 'matches', value: 'en-*' }, shouting)).toBe(true);
  });

  it('treats an empty referrer (a direct visit) as text that contains nothing', () => {
    const direct = facts({ referrer: '' });
    expect(holds({ field: 'referrer', op: 'contains', value: 'google' }, direct)).toBe(false);
    expect(holds({ field: 'referrer', op: 'notContains', value: 'google' }, direct)).toBe(true);
    expect(holds({ field: 'referrer', op: 'matches', value: '*' }, direct)).toBe(true);
  });
});

describe('number conditions: each operator and its negation', () => {
  const NEGATION = { eq: 'neq', gt: 'lte', gte: 'lt' } as const;
  const OPPOSITE = { neq: 'eq', lte: 'gt', lt: 'gte' } as const;

  // [field, facts, operator, a value for which it holds, a value for which it does not]
  // The facts are evaluated at T: the page opened 12 s ago, the visit started 300 s ago.
  const rows: Array<[Condition['field'], Partial<VisitFacts>, Condition['op'], number, number]> = [
    ['pageViews', { pageViews: 3 }, 'eq', 3, 4],
    ['pageViews', { pageViews: 3 }, 'gt', 2, 3],
    ['pageViews', { pageViews: 3 }, 'gte', 3, 4],
    ['pageViews', { pageViews: 3 }, 'neq', 2, 3],
    ['pageViews', { pageViews: 3 }, 'lt', 4, 3],
    ['pageViews', { pageViews: 3 }, 'lte', 3, 2],
    ['visits', { visits: 2 }, 'eq', 2, 1],
    ['visits', { visits: 2 }, 'gt', 1, 2],
    ['visits', { visits: 2 }, 'gte', 2, 3],
    ['visits', { visits: 2 }, 'lt', 3, 2],
    ['timeOnPage', { pageViewAt: T - 12 * SEC }, 'eq', 12, 13],
    ['timeOnPage', { pageViewAt: T - 12 * SEC }, 'gt', 11, 12],
    ['timeOnPage', { pageViewAt: T - 12 * SEC }, 'gte', 12, 13],
    ['timeOnPage', { pageViewAt: T - 12 * SEC }, 'lte', 12, 11],
    ['timeOnPage', { pageViewAt: T - 12_999 }, 'eq', 12, 13],
    ['timeOnPage', { pageViewAt: T - 11_999 }, 'gte', 11, 12],
    ['timeOnSite', { visitStartedAt: T - 300 * SEC }, 'eq', 300, 299],
    ['timeOnSite', { visitStartedAt: T - 300 * SEC }, 'gte', 300, 301],
    ['timeOnSite', { visitStartedAt: T - 300 * SEC }, 'lt', 301, 300],
    ['timeOnSite', { visitStartedAt: T - 300_500 }, 'eq', 300, 301],
  ];

  it.each(rows)('%s with %j: %s holds for %d, not for %d; the negation the other way round', (field, over, op, yes, no) => {
    const f = facts(over);
    const not = op in NEGATION ? NEGATION[op as keyof typeof NEGATION] : OPPOSITE[op as keyof typeof OPPOSITE];
    expect(holds({ field, op, value: yes }, f)).toBe(true);
    expect(holds({ field, op: not, value: yes }, f)).toBe(false);
    expect(holds({ field, op, value: no }, f)).toBe(false);
    expect(holds({ field, op: not, value: no }, f)).toBe(true);
  });

  it('counts time on page in whole seconds from pageViewAt to the `now` passed in', () => {
    const f = facts({ pageViewAt: T });
    const thirty = timeOnPage('gte', 30);
    expect(holds(thirty, f, T)).toBe(false);
    expect(holds(thirty, f, T + 29_999)).toBe(false);
    expect(holds(thirty, f, T + 30_000)).toBe(true);
    expect(holds(thirty, f, T + 95_000)).toBe(true);
  });

  it('counts time on site from visitStartedAt, not from the current page', () => {
    const f = facts({ visitStartedAt: T - 120 * SEC, pageViewAt: T - 2 * SEC });
    expect(holds({ field: 'timeOnSite', op: 'gte', value: 120 }, f)).toBe(true);
    expect(holds({ field: 'timeOnPage', op: 'gte', value: 120 }, f)).toBe(false);
  });
});

describe('visitor type and device', () => {
  it.each([
    // visits, operator, value, holds
    [1, 'is', 'new', true],
    [1, 'isNot', 'new', false],
    [1, 'is', 'returning', false],
    [1, 'isNot', 'returning', true],
    [2, 'is', 'new', false],
    [2, 'isNot', 'new', true],
    [2, 'is', 'returning', true],
    [2, 'isNot', 'returning', false],
    [17, 'is', 'returning', true],
  ] as const)('visit number %d: visitor %s %s → %s', (visits, op, value, expected) => {
    expect(holds({ field: 'visitorType', op, value }, facts({ visits }))).toBe(expected);
  });

  it.each([
    ['mobile', 'is', 'mobile', true],
    ['mobile', 'isNot', 'mobile', false],
    ['mobile', 'is', 'desktop', false],
    ['mobile', 'isNot', 'desktop', true],
    ['tablet', 'is', 'tablet', true],
    ['tablet', 'isNot', 'mobile', true],
    ['desktop', 'is', 'mobile', false],
  ] as const)('on a %s: device %s %s → %s', (device, op, value, expected) => {
    expect(holds({ field: 'device', op, value }, facts({ device }))).toBe(expected);
  });
});

describe('custom attributes', () => {
  // The visitor carries { plan: 'Pro', seats: 12, trial: true, churned: false }.
  const attr = (name: string, op: Condition['op'], value: Condition['value']): Condition => ({ field: 'attribute', name, op, value });

  it.each([
    ['plan', 'equals', 'pro', true],
    ['plan', 'notEquals', 'pro', false],
    ['plan', 'equals', 'team', false],
    ['plan', 'notEquals', 'team', true],
    ['plan', 'contains', 'R', true],
    ['plan', 'notContains', 'R', false],
    ['plan', 'startsWith', 'pr', true],
    ['plan', 'notStartsWith', 'pr', false],
    ['plan', 'endsWith', 'ro', true],
    ['plan', 'notEndsWith', 'ro', false],
    ['plan', 'matches', 'p*o', true],
    ['plan', 'notMatches', 'p*o', false],
    ['plan', 'matches', 't*', false],
    ['plan', 'notMatches', 't*', true],
  ] as const)('text attribute %s %s %j → %s', (name, op, value, expected) => {
    expect(holds(attr(name, op, value))).toBe(expected);
  });

  it.each([
    ['eq', 12, true],
    ['neq', 12, false],
    ['eq', 11, false],
    ['neq', 11, true],
    ['gt', 11, true],
    ['lte', 11, false],
    ['gt', 12, false],
    ['lte', 12, true],
    ['gte', 12, true],
    ['lt', 12, false],
    ['gte', 13, false],
    ['lt', 13, true],
  ] as const)('number attribute seats %s %d → %s', (op, value, expected) => {
    expect(holds(attr('seats', op, value))).toBe(expected);
  });

  it('compares a number attribute as text when the operator is a text one', () => {
    expect(holds(attr('seats', 'equals', '12'))).toBe(true);
    expect(holds(attr('seats', 'startsWith', '2'))).toBe(false);
  });

  it('does not compare a text attribute as a number', () => {
    const f = facts({ attributes: { seats: '12' } });
    expect(holds(attr('seats', 'eq', 12), f)).toBe(false);
    expect(holds(attr('seats', 'gte', 1), f)).toBe(false);
  });

  it.each([
    ['trial', 'is', true, true],
    ['trial', 'isNot', true, false],
    ['trial', 'is', false, false],
    ['trial', 'isNot', false, true],
    ['churned', 'is', false, true],
    ['churned', 'isNot', false, false],
    ['churned', 'is', true, false],
    ['churned', 'isNot', true, true],
  ] as const)('true/false attribute %s %s %s → %s', (name, op, value, expected) => {
    expect(holds(attr(name, op, value))).toBe(expected);
  });

  describe('a missing attribute: only the negated text operators and ≠ hold', () => {
    it.each([
      ['equals', 'x', false],
      ['contains', 'x', false],
      ['startsWith', 'x', false],
      ['endsWith', 'x', false],
      ['matches', '*', false],
      ['notEquals', 'x', true],
      ['notContains', 'x', true],
      ['notStartsWith', 'x', true],
      ['notEndsWith', 'x', true],
      ['notMatches', '*', true],
      ['eq', 0, false],
      ['gt', -1, false],
      ['gte', 0, false],
      ['lt', 1, false],
      ['lte', 0, false],
      ['neq', 0, true],
      ['is', true, false],
      ['isNot', true, true],
    ] as const)('coupon %s %j → %s', (op, value, expected) => {
      expect(holds(attr('coupon', op, value))).toBe(expected);
    });

    it('a missing true/false attribute satisfies "is not", whatever the value', () => {
      expect(holds(attr('coupon', 'is', false))).toBe(false);
      expect(holds(attr('coupon', 'isNot', false))).toBe(true);
    });
  });
});

// --- `*` patterns ---------------------------------------------------------------

describe('wildcard patterns', () => {
  it.each([
    // pattern, text (already lowered), matches
    ['*/pricing', 'https://acme.com/pricing', true],
    ['*/pricing', 'https://acme.com/pricing/pro', false],
    ['/blog/*', '/blog/2026/hello', true],
    ['/blog/*', '/blog/', true],
    ['/blog/*', '/blog', false],
    ['/blog/*', '/news/blog/x', false],
    ['https://*.acme.com/', 'https://shop.acme.com/', true],
    ['https://*.acme.com/', 'https://acme.com/', false],
    ['https://*.acme.com/*', 'https://eu.shop.acme.com/cart?x=1', true],
    ['*checkout*', 'https://acme.com/cart/checkout/step-2', true],
    ['*checkout*', 'https://acme.com/cart', false],
    ['*a*b*c*', 'xxaxxbxxcxx', true],
    ['*a*b*c*', 'abc', true],
    ['*a*b*c*', 'cba', false],
    ['*a*b*c*', 'acb', false],
    ['/shop/*/item/*/reviews', '/shop/shoes/item/42/reviews', true],
    ['/shop/*/item/*/reviews', '/shop/shoes/item/42/photos', false],
    ['**pricing**', '/en/pricing/pro', true],
    ['**pricing**', '/en/plans', false],
    ['a***b', 'ab', true],
    ['a***b', 'a-x-b', true],
    ['a***b', 'a-x-c', false],
    ['/pricing', '/pricing', true],
    ['/pricing', '/pricing/', false],
    ['/pricing', '/en/pricing', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['ab*ba', 'ab-ba', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['a*b*b', 'ab', false],
    ['a*b*b', 'abb', true],
    ['*ab*ab', 'xabcab', true],
    ['*ab*ab', 'xab', false],
    ['*', '', true],
    ['*', 'anything at all', true],
    ['*.html?x=(1)*', '/page.html?x=(1)&y', true],
    ['*.html?x=(1)*', '/pageahtml?x=(1)&y', false],
    ['*.html?x=(1)*', '/page.htmlx=1', false],
  ])('%j against %j → %s', (pattern, text, expected) => {
    expect(wildcardMatcher(pattern)(text)).toBe(expected);
  });

  it('lowers the pattern, so a capitalised pattern matches lowered text', () => {
    expect(wildcardMatcher('/PRICING/*')('/pricing/pro')).toBe(true);
  });

  it('matches anything with a pattern of 10,000 stars', () => {
    const all = wildcardMatcher('*'.repeat(10_000));
    expect(all('')).toBe(true);
    expect(all('https://acme.com/' + 'a'.repeat(5_000))).toBe(true);
  });

  it('matches a pathological pattern against a long near-miss correctly', () => {
    // A backtracking regex would explode here; the piece scan answers at once.
    const pattern = '*' + 'a*'.repeat(100) + 'b';
    expect(wildcardMatcher(pattern)('a'.repeat(5_000))).toBe(false);
    expect(wildcardMatcher(pattern)('a'.repeat(5_000) + 'b')).toBe(true);
  });

  it('refuses a 10,000-star pattern in a rule: at most 500 characters', () => {
    expect(ruleIssues({ match: 'all', conditions: [url('matches', '*'.repeat(10_000))] })).toEqual([
      'conditions.0.value: value can be at most 500 characters',
    ]);
    expect(ruleIssues({ match: 'all', conditions: [url('matches', '*'.repeat(500))] })).toEqual([]);
  });
});

// --- rules ----------------------------------------------------------------------

describe('rules: all, any and one level of nesting', () => {
  const onPricing = url('contains', '/pricing');
  const onBlog = url('contains', '/blog');
  const mobile: Condition = { field: 'device', op: 'is', value: 'mobile' };
  const desktop: Condition = { field: 'device', op: 'is', value: 'desktop' };
  const threeViews: Condition = { field: 'pageViews', op: 'gte', value: 3 };
  const tenViews: Condition = { field: 'pageViews', op: 'gte', value: 10 };
  // The facts: on /pricing, on a mobile, third page view.

  it.each([
    ['all: every condition holds', 'all', [onPricing, mobile, threeViews], true],
    ['all: one condition fails', 'all', [onPricing, mobile, tenViews], false],
    ['any: one condition holds', 'any', [onBlog, desktop, threeViews], true],
    ['any: no condition holds', 'any', [onBlog, desktop, tenViews], false],
    ['all with a nested any that holds', 'all', [onPricing, threeViews, { match: 'any', conditions: [desktop, mobile] }], true],
    ['all with a nested any that fails', 'all', [onPricing, threeViews, { match: 'any', conditions: [desktop, tenViews] }], false],
    ['any with a nested all that holds', 'any', [onBlog, desktop, { match: 'all', conditions: [onPricing, mobile] }], true],
    ['any with a nested all that fails', 'any', [onBlog, desktop, { match: 'all', conditions: [onPricing, tenViews] }], false],
    ['empty "all" targets everyone', 'all', [], true],
    ['empty "any" targets everyone', 'any', [], true],
  ] as const)('%s', (_name, match, conditions, expected) => {
    expect(compiled(match, ...(conditions as readonly Item[])).test(prepareFacts(facts()), T)).toBe(expected);
  });

  it('accepts a nested group when the rule has 3 conditions in all', () => {
    expect(ruleIssues({ match: 'all', conditions: [onPricing, { match: 'any', conditions: [mobile, desktop] }] })).toEqual([]);
    expect(ruleIssues({ match: 'any', conditions: [{ match: 'all', conditions: [onPricing, mobile, threeViews] }] })).toEqual([]);
  });

  it.each([
    ['2 conditions, one of them in a group', { match: 'all', conditions: [onPricing, { match: 'any', conditions: [mobile] }] }, 2],
    ['a lone group of 2', { match: 'any', conditions: [{ match: 'all', conditions: [onPricing, mobile] }] }, 2],
    ['a lone group of 1', { match: 'any', conditions: [{ match: 'all', conditions: [onPricing] }] }, 1],
  ])('refuses nesting with fewer than 3 conditions: %s', (_name, rule, count) => {
    expect(ruleIssues(rule)).toEqual([`conditions: A rule can nest a group only when it has 3 or more conditions; this one has ${count}`]);
  });

  it('refuses a group inside a nested group', () => {
    const rule = {
      match: 'all',
      conditions: [onPricing, mobile, { match: 'any', conditions: [threeViews, { match: 'all', conditions: [desktop, tenViews] }] }],
    };
    expect(ruleIssues(rule)).toEqual(['conditions.2.conditions.1: Groups can nest only one level deep']);
  });

  it('refuses an empty nested group', () => {
    expect(ruleIssues({ match: 'all', conditions: [onPricing, mobile, threeViews, { match: 'any', conditions: [] }] })).toEqual([
      'conditions.3.conditions: A group needs at least one condition',
    ]);
  });

  it('refuses more than 20 conditions, counting those inside groups', () => {
    const group = { match: 'any', conditions: Array.from({ length: 11 }, () => mobile) };
    expect(ruleIssues({ match: 'all', conditions: [...Array.from({ length: 10 }, () => onPricing), group] })).toEqual([
      'conditions: A rule can have at most 20 conditions',
    ]);
  });

  it.each([
    ['text operator with a number', url('contains', 5 as unknown as string), 'conditions.0.value: "contains" compares text, so value must be text'],
    ['number operator with text', { field: 'pageViews', op: 'gte', value: '3' }, 'conditions.0.value: "gte" compares numbers, so value must be a number'],
    ['number field with a text operator', { field: 'pageViews', op: 'contains', value: '3' }, 'conditions.0.op: pageViews cannot use "contains"; use one of eq, neq, gt, gte, lt, lte'],
    ['text field with a number operator', { field: 'url', op: 'gte', value: 3 }, 'conditions.0.op: url cannot use "gte"; use one of equals, notEquals, contains, notContains, startsWith, notStartsWith, endsWith, notEndsWith, matches, notMatches'],
    ['device with a text operator', { field: 'device', op: 'equals', value: 'mobile' }, 'conditions.0.op: device cannot use "equals"; use one of is, isNot'],
    ['an unknown device', { field: 'device', op: 'is', value: 'watch' }, 'conditions.0.value: device is desktop, mobile, tablet'],
    ['an unknown visitor type', { field: 'visitorType', op: 'is', value: 'vip' }, 'conditions.0.value: visitorType is new, returning'],
    ['is on an attribute with text', { field: 'attribute', name: 'trial', op: 'is', value: 'yes' }, 'conditions.0.value: "is" on an attribute compares true/false, so value must be true or false'],
    ['an attribute without a name', { field: 'attribute', op: 'eq', value: 3 }, 'conditions.0.name: An attribute condition needs the attribute name'],
    ['a name on a non-attribute', { field: 'url', name: 'plan', op: 'contains', value: 'x' }, 'conditions.0.name: name applies only to attribute conditions, not to url'],
    ['an empty text value', url('contains', ''), 'conditions.0.value: value cannot be empty'],
    ['a negative page count', { field: 'pageViews', op: 'gte', value: -1 }, 'conditions.0.value: pageViews must be between 0 and 1000000000'],
    ['an unknown field', { field: 'colour', op: 'equals', value: 'red' }, 'conditions.0.field: field must be one of url, title, referrer, language, timeOnPage, timeOnSite, pageViews, visits, visitorType, device, attribute'],
    ['an unknown operator', { field: 'url', op: 'like', value: '%x%' }, 'conditions.0.op: op must be one of equals, notEquals, contains, notContains, startsWith, notStartsWith, endsWith, notEndsWith, matches, notMatches, eq, neq, gt, gte, lt, lte, is, isNot'],
    ['an unknown key', { field: 'url', op: 'contains', value: 'x', caseSensitive: true }, 'conditions.0: Unrecognized key: "caseSensitive"'],
    ['a string instead of a condition', 'url contains /pricing', 'conditions.0: Invalid input: expected object, received string'],
  ])('refuses %s with a clear message', (_name, condition, message) => {
    expect(ruleIssues({ match: 'all', conditions: [condition] })).toEqual([message]);
  });

  it.each([
    ['a string instead of a rule', 'url contains /pricing', ': Invalid input: expected object, received string'],
    ['an unknown match', { match: 'every', conditions: [] }, 'match: match must be "all" or "any"'],
    ['an unknown key on the rule', { match: 'all', conditions: [], priority: 1 }, ': Unrecognized key: "priority"'],
    ['an unknown key on a group', { match: 'all', conditions: [onPricing, mobile, { match: 'any', conditions: [threeViews], not: true }] }, 'conditions.2: Unrecognized key: "not"'],
  ])('refuses %s with a clear message', (_name, rule, message) => {
    expect(ruleIssues(rule)).toEqual([message]);
  });
});

// --- waiting for time conditions, and explanations -------------------------------

describe('nextMatchAt', () => {
  const opened = facts({ pageViewAt: T, url: 'https://acme.com/pricing' });
  const f = prepareFacts(opened);

  it('returns the moment "timeOnPage ≥ 30" starts to hold on a page opened at T', () => {
    const rule = compiled('all', timeOnPage('gte', 30));
    expect(nextMatchAt(rule, f, T)).toBe(T + 30_000);
    expect(nextMatchAt(rule, f, T + 29_999)).toBe(T + 30_000);
  });

  it('waits for the later of two time conditions', () => {
    const rule = compiled('all', timeOnPage('gte', 30), { field: 'timeOnSite', op: 'gte', value: 45 });
    // The visit started 10 s before this page, so 45 s on site comes at T + 35 s.
    expect(nextMatchAt(rule, prepareFacts({ ...opened, visitStartedAt: T - 10 * SEC }), T)).toBe(T + 35_000);
  });

  it('is null once the rule already holds', () => {
    const rule = compiled('all', timeOnPage('gte', 30));
    expect(rule.test(f, T + 45_000)).toBe(true);
    expect(nextMatchAt(rule, f, T + 45_000)).toBeNull();
  });

  // Including the first second in which "≥ 30" holds, before the next whole-second mark.
  it.each([30_000, 30_500, 30_999])('is null while the rule already holds, at T + %d ms', (after) => {
    const rule = compiled('all', timeOnPage('gte', 30));
    expect(rule.test(f, T + after)).toBe(true);
    expect(nextMatchAt(rule, f, T + after)).toBeNull();
  });

  it('is null when a condition that time does not change fails', () => {
    const rule = compiled('all', timeOnPage('gte', 30), url('contains', '/checkout'));
    expect(nextMatchAt(rule, f, T)).toBeNull();
  });

  it('is null for a time condition that waiting can only break', () => {
    expect(nextMatchAt(compiled('all', timeOnPage('lt', 10)), f, T + 20_000)).toBeNull();
  });

  it('is null for a rule without time conditions', () => {
    expect(nextMatchAt(compiled('all', url('contains', '/checkout')), f, T)).toBeNull();
  });
});

describe('explanations', () => {
  const f = prepareFacts(facts({ url: 'https://acme.com/pricing', pageViewAt: T - 5 * SEC }));

  it('names the failing condition of an "all" rule', () => {
    const rule = compiled('all', url('contains', '/pricing'), timeOnPage('gte', 30), { field: 'device', op: 'is', value: 'desktop' });
    expect(explainFailure(rule, f, T)).toBe('Condition not met: seconds on page ≥ 30');
  });

  it('lists every failing condition of an "any" rule', () => {
    const rule = compiled('any', url('startsWith', '/blog'), { field: 'attribute', name: 'plan', op: 'equals', value: 'team' });
    expect(explainFailure(rule, f, T)).toBe('Condition not met: none of: URL starts with "/blog"; attribute plan is "team"');
  });

  it('is null when the rule holds, including the empty rule', () => {
    expect(explainFailure(compiled('all', url('contains', '/pricing')), f, T)).toBeNull();
    expect(explainFailure(compiled('any'), f, T)).toBeNull();
  });

  it.each([
    [url('notContains', '/checkout'), 'URL does not contain "/checkout"'],
    [{ field: 'pageViews', op: 'lte', value: 3 }, 'page views this visit ≤ 3'],
    [{ field: 'visitorType', op: 'isNot', value: 'new' }, 'visitor is not "new"'],
    [{ field: 'attribute', name: 'trial', op: 'is', value: true }, 'attribute trial is true'],
  ] as const)('describes %j as %j', (c, words) => {
    expect(describeCondition(c as Condition)).toBe(words);
  });
});

// --- business hours -------------------------------------------------------------

describe('business hours', () => {
  const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
  const weekdays = (timeZone: string, day = NINE_TO_SIX): BusinessHours => ({
    timeZone,
    days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  });
  const everyDay = (timeZone: string, day = NINE_TO_SIX): BusinessHours => ({
    timeZone,
    days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
  });
  const at = (iso: string) => Date.parse(iso);

  it.each([
    // The same instant, read on two wall clocks.
    ['2026-01-14T10:00:00Z', 'Europe/Paris', true], // Wed 11:00 in Paris
    ['2026-01-14T10:00:00Z', 'Asia/Seoul', false], // Wed 19:00 in Seoul
    ['2026-01-14T01:00:00Z', 'Europe/Paris', false], // Wed 02:00 in Paris
    ['2026-01-14T01:00:00Z', 'Asia/Seoul', true], // Wed 10:00 in Seoul
    // The weekday comes from the zone too: Friday evening in UTC is Saturday morning in Seoul.
    ['2026-01-16T23:30:00Z', 'UTC', false], // Fri 23:30
    ['2026-01-17T00:30:00Z', 'Asia/Seoul', false], // Sat 09:30 in Seoul, closed on Saturdays
    ['2026-01-18T23:30:00Z', 'Asia/Seoul', false], // Mon 08:30 in Seoul, not yet open
    ['2026-01-19T00:00:00Z', 'Asia/Seoul', true], // Mon 09:00 in Seoul, while still Sunday in UTC
  ])('%s in %s: open %s', (iso, zone, expected) => {
    expect(isOpen(weekdays(zone), at(iso))).toBe(expected);
  });

  it('reads the wall clock of the zone', () => {
    expect(wallClock('Asia/Seoul', at('2026-01-16T23:30:00Z'))).toEqual({ day: 'sat', time: '08:30' });
    expect(wallClock('America/Los_Angeles', at('2026-01-16T07:59:00Z'))).toEqual({ day: 'thu', time: '23:59' });
    expect(wallClock('Europe/Paris', at('2026-01-14T23:00:00Z'))).toEqual({ day: 'thu', time: '00:00' });
  });

  describe('across a DST change, 09:00 local stays 09:00 local', () => {
    it.each([
      // New York springs forward on Sunday 8 March 2026, 02:00 EST → 03:00 EDT (UTC−5 → UTC−4).
      ['America/New_York', 'Sat 7 Mar, 08:59 EST', '2026-03-07T13:59:00Z', false],
      ['America/New_York', 'Sat 7 Mar, 09:00 EST', '2026-03-07T14:00:00Z', true],
      ['America/New_York', 'Sun 8 Mar, 08:59 EDT', '2026-03-08T12:59:00Z', false],
      ['America/New_York', 'Sun 8 Mar, 09:00 EDT', '2026-03-08T13:00:00Z', true],
      ['America/New_York', 'Mon 9 Mar, 09:00 EDT', '2026-03-09T13:00:00Z', true],
      ['America/New_York', 'Mon 9 Mar, 17:59 EDT', '2026-03-09T21:59:00Z', true],
      ['America/New_York', 'Mon 9 Mar, 18:00 EDT', '2026-03-09T22:00:00Z', false],
      // Paris falls back on Sunday 25 October 2026, 03:00 CEST → 02:00 CET (UTC+2 → UTC+1).
      ['Europe/Paris', 'Sat 24 Oct, 08:59 CEST', '2026-10-24T06:59:00Z', false],
      ['Europe/Paris', 'Sat 24 Oct, 09:00 CEST', '2026-10-24T07:00:00Z', true],
      ['Europe/Paris', 'Sun 25 Oct, 08:00 CET', '2026-10-25T07:00:00Z', false],
      ['Europe/Paris', 'Sun 25 Oct, 09:00 CET', '2026-10-25T08:00:00Z', true],
      ['Europe/Paris', 'Mon 26 Oct, 08:59 CET', '2026-10-26T07:59:00Z', false],
      ['Europe/Paris', 'Mon 26 Oct, 09:00 CET', '2026-10-26T08:00:00Z', true],
    ])('%s, %s (%s): open %s', (zone, _local, iso, expected) => {
      expect(isOpen(everyDay(zone), at(iso))).toBe(expected);
    });
  });

  it('opens at the start and closes at the end: the end is exclusive', () => {
    const hours = weekdays('UTC');
    expect(isOpen(hours, at('2026-01-14T08:59:59Z'))).toBe(false);
    expect(isOpen(hours, at('2026-01-14T09:00:00Z'))).toBe(true);
    expect(isOpen(hours, at('2026-01-14T17:59:59Z'))).toBe(true);
    expect(isOpen(hours, at('2026-01-14T18:00:00Z'))).toBe(false);
  });

  it('honours several periods a day and the gap between them', () => {
    const split = weekdays('UTC', [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }]);
    expect(isOpen(split, at('2026-01-14T11:59:00Z'))).toBe(true);
    expect(isOpen(split, at('2026-01-14T12:00:00Z'))).toBe(false);
    expect(isOpen(split, at('2026-01-14T13:29:00Z'))).toBe(false);
    expect(isOpen(split, at('2026-01-14T13:30:00Z'))).toBe(true);
  });

  it('stays open to midnight with an end of 24:00, and opens at 00:00', () => {
    const late = weekdays('UTC', [{ start: '20:00', end: '24:00' }]);
    expect(isOpen(late, at('2026-01-14T23:59:59Z'))).toBe(true);
    expect(isOpen(late, at('2026-01-15T00:00:00Z'))).toBe(false);
    const allDay = weekdays('UTC', [{ start: '00:00', end: '24:00' }]);
    expect(isOpen(allDay, at('2026-01-14T00:00:00Z'))).toBe(true);
    expect(isOpen(allDay, at('2026-01-14T23:59:00Z'))).toBe(true);
  });

  it('is closed all day on a day with no hours', () => {
    const hours = weekdays('UTC', [{ start: '00:00', end: '24:00' }]);
    expect(isOpen(hours, at('2026-01-17T00:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(hours, at('2026-01-17T12:00:00Z'))).toBe(false);
    expect(isOpen(hours, at('2026-01-18T23:59:00Z'))).toBe(false); // Sunday
  });

  it('defaults to weekdays 09:00–18:00 UTC', () => {
    expect(isOpen(DEFAULT_BUSINESS_HOURS, at('2026-01-14T09:00:00Z'))).toBe(true);
    expect(isOpen(DEFAULT_BUSINESS_HOURS, at('2026-01-17T12:00:00Z'))).toBe(false);
  });

  describe('validation', () => {
    const hoursIssues = (input: unknown) => {
      const r = BusinessHoursSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    const days = (mon: unknown) => ({ mon, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

    it.each([
      ['an end before the start', 'Europe/Paris', [{ start: '18:00', end: '09:00' }], 'days.mon.0.end: Business hours must end after they start'],
      ['an end equal to the start', 'Europe/Paris', [{ start: '09:00', end: '09:00' }], 'days.mon.0.end: Business hours must end after they start'],
      ['a time past 24:00', 'Europe/Paris', [{ start: '18:00', end: '24:30' }], 'days.mon.0.end: Times are HH:MM, from 00:00 to 24:00'],
      ['an unknown zone', 'Mars/Olympus_Mons', [], 'timeZone: Unknown time zone: use an IANA name such as Europe/Paris'],
      ['a UTC offset instead of a zone', 'Europe/Paris+2', [], 'timeZone: Unknown time zone: use an IANA name such as Europe/Paris'],
    ])('refuses %s', (_name, timeZone, mon, message) => {
      expect(hoursIssues({ timeZone, days: days(mon) })).toEqual([message]);
    });

    it('accepts 24:00 as an end and a real IANA zone', () => {
      expect(hoursIssues({ timeZone: 'Asia/Seoul', days: days([{ start: '20:00', end: '24:00' }]) })).toEqual([]);
    });
  });
});

// --- lifecycle ------------------------------------------------------------------

describe('lifecycle', () => {
  const ALLOWED: Record<ProactiveStatus, ProactiveAction[]> = {
    draft: ['edit', 'clone', 'publish', 'delete'],
    live: ['edit', 'clone', 'pause', 'delete'],
    paused: ['edit', 'clone', 'resume', 'delete'],
    error: ['edit', 'delete'],
  };
  const REFUSAL: Partial<Record<ProactiveAction, string>> = {
    clone: 'Only a live, draft or paused message can be cloned',
    publish: 'Only a draft can be published',
    pause: 'Only a live message can be paused',
    resume: 'Only a paused message can be resumed',
  };
  const pairs = PROACTIVE_STATUSES.flatMap((status) => PROACTIVE_ACTIONS.map((action) => [status, action] as const));

  it('covers every status × action pair', () => {
    expect(pairs).toHaveLength(24);
  });

  it.each(pairs)('%s message, %s', (status, action) => {
    const refusal = actionRefusal(status, action);
    if (ALLOWED[status].includes(action)) expect(refusal).toBeNull();
    else expect(refusal).toBe(`${REFUSAL[action]}; this one is ${status}`);
  });

  it.each(PROACTIVE_STATUSES)('offers the %s message exactly its allowed actions, in menu order', (status) => {
    expect(allowedActions(status)).toEqual(ALLOWED[status]);
  });

  it.each([
    ['draft', 'publish', 'live'],
    ['live', 'pause', 'paused'],
    ['paused', 'resume', 'live'],
  ] as const)('%s, %s → %s', (status, action, after) => {
    expect(actionRefusal(status, action)).toBeNull();
    expect(statusAfter(status, action)).toBe(after);
  });

  it('explains what a broken message points at', () => {
    expect(brokenBecause({ siteExists: true, senderExists: true })).toBeNull();
    expect(brokenBecause({ siteExists: false, senderExists: true })).toBe('Its channel was deleted: choose another channel');
    expect(brokenBecause({ siteExists: true, senderExists: false })).toBe("Its sender was deleted: set the channel's default sender");
    expect(brokenBecause({ siteExists: false, senderExists: false })).toBe('Its channel was deleted: choose another channel');
  });
});

// --- frequency and schedule -----------------------------------------------------

describe('frequency', () => {
  /** The visitor is on page view 11 of visit 1. */
  const here: Place = { visitId: 1, pageViewId: 11 };
  const places: Record<string, Place[]> = {
    'never shown': [],
    'already shown on this very page view (reported again, e.g. by a second connection)': [{ visitId: 1, pageViewId: 11 }],
    'shown in another tab of this visit (another page view)': [{ visitId: 1, pageViewId: 12 }],
    'shown before a reload in this visit (new page view, same visit)': [{ visitId: 1, pageViewId: 10 }],
    'shown in an earlier visit': [{ visitId: 0, pageViewId: 3 }],
  };
  const expected: Record<Frequency, boolean[]> = {
    once: [true, false, false, false, false],
    oncePerVisit: [true, false, false, false, true],
    everyTime: [true, false, true, true, true],
  };
  const rows = (Object.keys(expected) as Frequency[]).flatMap((frequency) =>
    Object.keys(places).map((situation, i) => [frequency, situation, expected[frequency][i]!] as const),
  );

  it.each(rows)('%s, %s: may be offered %s', (frequency, situation, allowed) => {
    expect(frequencyAllows(frequency, places[situation]!, here)).toBe(allowed);
  });

  it.each([
    ['once', false],
    ['oncePerVisit', true],
    ['everyTime', true],
  ] as const)('%s after a new visit, with this visit\'s earlier offers elsewhere: %s', (frequency, allowed) => {
    const nextVisit: Place = { visitId: 2, pageViewId: 20 };
    expect(frequencyAllows(frequency, [{ visitId: 1, pageViewId: 10 }, { visitId: 1, pageViewId: 11 }], nextVisit)).toBe(allowed);
  });
});

describe('schedule', () => {
  it.each([
    ['always', true, true],
    ['always', false, true],
    ['inHours', true, true],
    ['inHours', false, false],
    ['outOfHours', true, false],
    ['outOfHours', false, true],
  ] as const)('%s with business hours open=%s: %s', (schedule, open, allowed) => {
    expect(scheduleAllows(schedule, open)).toBe(allowed);
  });
});

// --- choosing the one bubble ----------------------------------------------------

describe('choosing an offer', () => {
  const SITE = 1;
  const PAGE = 101;
  const VISIT = 7;
  const visitFacts = facts({ url: 'https://acme.com/pricing', pageViewAt: T - 5 * SEC, visitStartedAt: T - 100 * SEC });

  let nextId = 1;
  function candidate(rule: CompiledRule, over: Partial<Omit<Candidate, 'rule'>> = {}): Candidate {
    const id = over.id ?? nextId++;
    return { id, name: `message ${id}`, siteId: SITE, status: 'live', schedule: 'always', frequency: 'oncePerVisit', rule, ...over };
  }
  function context(over: Partial<OfferContext> = {}): OfferContext {
    return {
      siteId: SITE,
      facts: prepareFacts(visitFacts),
      now: T,
      openNow: true,
      inConversation: false,
      place: { visitId: VISIT, pageViewId: PAGE },
      history: new Map(),
      ...over,
    };
  }
  const pricing = compiled('all', url('contains', '/pricing'));
  const checkout = compiled('all', url('contains', '/checkout'));
  const everyone = compiled('all');

  it('offers the first matching message in the marketer\'s order', () => {
    const list = [candidate(checkout, { id: 1 }), candidate(pricing, { id: 2 }), candidate(everyone, { id: 3 }), candidate(pricing, { id: 4 })];
    expect(chooseOffer(list, context())).toEqual({ offer: list[1], retryAt: null });
    expect(chooseOffer([list[3]!, list[2]!, list[1]!], context()).offer?.id).toBe(4);
  });

  it.each([
    ['a draft', { status: 'draft' }, {}],
    ['a paused message', { status: 'paused' }, {}],
    ['a broken message', { status: 'error' }, {}],
    ['a message for another channel', { siteId: 2 }, {}],
    ['an in-hours message while closed', { schedule: 'inHours' }, { openNow: false }],
    ['an out-of-hours message while open', { schedule: 'outOfHours' }, { openNow: true }],
    ['a once-per-visit message already shown this visit', { id: 50, frequency: 'oncePerVisit' }, { history: new Map([[50, [{ visitId: VISIT, pageViewId: PAGE - 1 }]]]) }],
    ['a once message shown in an earlier visit', { id: 50, frequency: 'once' }, { history: new Map([[50, [{ visitId: VISIT - 1, pageViewId: 3 }]]]) }],
    ['an every-time message already shown on this page view', { id: 50, frequency: 'everyTime' }, { history: new Map([[50, [{ visitId: VISIT, pageViewId: PAGE }]]]) }],
  ] as const)('skips %s, even though its conditions hold', (_name, first, ctx) => {
    const skipped = candidate(everyone, first as Partial<Candidate>);
    const next = candidate(pricing, { id: 99 });
    expect(chooseOffer([skipped, next], context(ctx as Partial<OfferContext>)).offer?.id).toBe(99);
    expect(chooseOffer([skipped], context(ctx as Partial<OfferContext>))).toEqual({ offer: null, retryAt: null });
  });

  it.each([
    ['an in-hours message while open', { schedule: 'inHours' }, { openNow: true }],
    ['an out-of-hours message while closed', { schedule: 'outOfHours' }, { openNow: false }],
    ['an every-time message after a reload', { id: 60, frequency: 'everyTime' }, { history: new Map([[60, [{ visitId: VISIT, pageViewId: PAGE - 1 }]]]) }],
    ['a once-per-visit message shown in an earlier visit', { id: 60, frequency: 'oncePerVisit' }, { history: new Map([[60, [{ visitId: VISIT - 1, pageViewId: 3 }]]]) }],
  ] as const)('offers %s', (_name, first, ctx) => {
    const c = candidate(everyone, first as Partial<Candidate>);
    expect(chooseOffer([c, candidate(pricing)], context(ctx as Partial<OfferContext>)).offer?.id).toBe(c.id);
  });

  it('offers nothing, and plans no retry, while the visitor is in a conversation', () => {
    const list = [candidate(everyone), candidate(compiled('all', timeOnPage('gte', 30)))];
    expect(chooseOffer(list, context({ inConversation: true }))).toEqual({ offer: null, retryAt: null });
  });

  it('plans a retry at the earliest moment a time condition could let an eligible message through', () => {
    // Page opened at T − 5 s, visit started at T − 100 s.
    const list = [
      candidate(compiled('all', timeOnPage('gte', 60))), // T + 55 s
      candidate(compiled('all', timeOnPage('gte', 20), url('contains', '/checkout'))), // never: wrong page
      candidate(compiled('all', { field: 'timeOnSite', op: 'gte', value: 130 })), // T + 30 s
      candidate(compiled('all', timeOnPage('gte', 8)), { status: 'paused' }), // not live
      candidate(compiled('all', timeOnPage('gte', 9)), { schedule: 'inHours' }), // closed
      candidate(compiled('all', timeOnPage('gte', 10)), { id: 70, frequency: 'once' }), // already shown
      candidate(checkout),
    ];
    const history = new Map([[70, [{ visitId: 1, pageViewId: 1 }]]]);
    expect(chooseOffer(list, context({ openNow: false, history }))).toEqual({ offer: null, retryAt: T + 30_000 });
  });

  it('offers the message once its time has come', () => {
    const later = candidate(compiled('all', url('contains', '/pricing'), timeOnPage('gte', 30)));
    const { retryAt } = chooseOffer([later], context());
    expect(retryAt).toBe(T + 25_000);
    expect(chooseOffer([later], context({ now: retryAt! - 1 })).offer).toBeNull();
    expect(chooseOffer([later], context({ now: retryAt! })).offer).toBe(later);
  });

  describe('explainOffers, as the simulator shows it', () => {
    it('gives each message its verdict and reason', () => {
      const list = [
        candidate(everyone, { id: 1, status: 'draft' }),
        candidate(everyone, { id: 2, siteId: 2 }),
        candidate(everyone, { id: 3, schedule: 'inHours' }),
        candidate(everyone, { id: 4, frequency: 'oncePerVisit' }),
        candidate(compiled('all', url('contains', '/checkout')), { id: 5 }),
        candidate(pricing, { id: 6 }),
        candidate(everyone, { id: 7 }),
        candidate(everyone, { id: 8, schedule: 'outOfHours', status: 'paused' }),
      ];
      const ctx = context({ openNow: false, history: new Map([[4, [{ visitId: VISIT, pageViewId: PAGE - 2 }]]]) });
      const { winnerId, results } = explainOffers(list, ctx);
      expect(winnerId).toBe(6);
      expect(winnerId).toBe(chooseOffer(list, ctx).offer?.id);
      expect(results.map(({ id, verdict, reason }) => [id, verdict, reason])).toEqual([
        [1, 'notLive', 'It is draft, not live'],
        [2, 'otherChannel', 'It runs on another channel'],
        [3, 'schedule', 'It runs during business hours, which are closed then'],
        [4, 'frequency', 'Already shown: it is sent once per visit'],
        [5, 'condition', 'Condition not met: URL contains "/checkout"'],
        [6, 'shown', 'All its conditions are met'],
        [7, 'outranked', 'Another message earlier in the order is shown first'],
        [8, 'notLive', 'It is paused, not live'],
      ]);
    });

    it.each([
      ['once', 'Already shown: it is sent once per visitor'],
      ['everyTime', 'Already shown: it is sent once per page view'],
    ] as const)('explains the %s frequency', (frequency, reason) => {
      const c = candidate(everyone, { id: 80, frequency });
      const ctx = context({ history: new Map([[80, [{ visitId: VISIT, pageViewId: PAGE }]]]) });
      expect(explainOffers([c], ctx).results[0]).toMatchObject({ verdict: 'frequency', reason });
    });

    it('explains an out-of-hours message while open', () => {
      const c = candidate(everyone, { schedule: 'outOfHours' });
      expect(explainOffers([c], context({ openNow: true })).results[0]).toMatchObject({
        verdict: 'schedule',
        reason: 'It runs outside business hours, which are open then',
      });
    });

    it('explains that no live message of this channel is shown during a conversation', () => {
      const list = [candidate(everyone, { id: 1 }), candidate(everyone, { id: 2, status: 'paused' }), candidate(everyone, { id: 3, siteId: 9 })];
      const { winnerId, results } = explainOffers(list, context({ inConversation: true }));
      expect(winnerId).toBeNull();
      expect(results.map((r) => [r.id, r.verdict, r.reason])).toEqual([
        [1, 'inConversation', 'The visitor is already in a conversation'],
        [2, 'notLive', 'It is paused, not live'],
        [3, 'otherChannel', 'It runs on another channel'],
      ]);
    });

    it('explains a time condition not yet met', () => {
      const c = candidate(compiled('all', url('contains', '/pricing'), timeOnPage('gte', 30)), { id: 90 });
      expect(explainOffers([c], context()).results[0]).toMatchObject({ verdict: 'condition', reason: 'Condition not met: seconds on page ≥ 30' });
      expect(explainOffers([c], context({ now: T + 25_000 }))).toMatchObject({ winnerId: 90, results: [{ verdict: 'shown' }] });
    });
  });
});

describe('a pool of shared text conditions', () => {
  const rule = (value: string, more: Item[] = []) => RuleSchema.parse({ match: 'all', conditions: [{ field: 'url', op: 'contains', value }, ...more] });
  const place = { visitId: 1, pageViewId: 1 };
  const ctx = (over: Partial<VisitFacts> = {}): OfferContext => ({
    siteId: 1, facts: prepareFacts(facts(over)), now: T, openNow: true, inConversation: false, place, history: new Map(),
  });
  const candidate = (id: number, r: CompiledRule): Candidate => ({ id, name: `m${id}`, siteId: 1, status: 'live', schedule: 'always', frequency: 'everyTime', rule: r });

  it('gives every rule of the pool the same answers as rules compiled alone, page view after page view', () => {
    const rules = [
      rule('/pricing', [{ field: 'device', op: 'is', value: 'desktop' }]),
      rule('/pricing', [{ field: 'title', op: 'contains', value: 'acme' }]),
      rule('/blog'),
    ];
    const pool = new ConditionPool();
    const shared = rules.map((r, i) => candidate(i + 1, compileRule(r, pool)));
    const alone = rules.map((r, i) => candidate(i + 1, compileRule(r)));
    expect(pool.slots.size).toBe(3);
    for (const over of [{}, { url: 'https://x/blog' }, { url: 'https://x/pricing', device: 'desktop' }]) {
      expect(chooseOffer(shared, ctx(over)).offer?.id).toBe(chooseOffer(alone, ctx(over)).offer?.id);
    }
    expect(chooseOffer(shared, ctx()).offer?.id).toBe(2);
    expect(chooseOffer(shared, ctx({ url: 'https://x/blog' })).offer?.id).toBe(3);
  });

  it('never mixes up the results of two pools evaluated together', () => {
    const a = new ConditionPool();
    const b = new ConditionPool();
    // Both first conditions get slot 0 in their own pool; only the second one holds.
    const list = [candidate(1, compileRule(rule('/checkout'), a)), candidate(2, compileRule(rule('/pricing'), b))];
    expect(chooseOffer(list, ctx()).offer?.id).toBe(2);
    expect(chooseOffer([list[1]!, list[0]!], ctx({ url: 'https://x/checkout' })).offer?.id).toBe(1);
  });
});
