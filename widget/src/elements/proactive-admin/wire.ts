/**
 * The constants of server/src/protocol/proactive.ts the admin needs at run time, without zod:
 * importing that module's values would pull zod into the admin bundle (about 140 KB minified).
 * Each copy is checked against the protocol's own type, so tsc fails the day they drift apart.
 */
import type * as P from '../../../../server/src/protocol/proactive.js';
import type { Rule } from '../../../../server/src/protocol/proactive.js';

export const PROACTIVE_LIMITS = {
  perAccount: 140,
  name: 80,
  text: 300,
  followUp: 500,
  tags: 10,
  tag: 32,
  conditions: 20,
  value: 500,
  attributeName: 64,
  attributeText: 200,
  attributes: 50,
} as const satisfies typeof P.PROACTIVE_LIMITS;

export const STRING_FIELDS = ['url', 'title', 'referrer', 'language'] as const satisfies typeof P.STRING_FIELDS;
export const NUMBER_FIELDS = ['timeOnPage', 'timeOnSite', 'pageViews', 'visits'] as const satisfies typeof P.NUMBER_FIELDS;
export const FIELDS = [...STRING_FIELDS, ...NUMBER_FIELDS, 'visitorType', 'device', 'attribute'] as const satisfies typeof P.FIELDS;

export const STRING_OPS = [
  'equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith',
  'endsWith', 'notEndsWith', 'matches', 'notMatches',
] as const satisfies typeof P.STRING_OPS;
export const NUMBER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const satisfies typeof P.NUMBER_OPS;
export const IS_OPS = ['is', 'isNot'] as const satisfies typeof P.IS_OPS;
export const OPS = [...STRING_OPS, ...NUMBER_OPS, ...IS_OPS] as const satisfies typeof P.OPS;

export const VISITOR_TYPES = ['new', 'returning'] as const satisfies typeof P.VISITOR_TYPES;
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const satisfies typeof P.DEVICES;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies typeof P.WEEKDAYS;

/** Counts the conditions of a rule, those inside groups included (as the server does). */
export function conditionCount(rule: Rule): number {
  return rule.conditions.reduce((n, c) => n + ('match' in c ? c.conditions.length : 1), 0);
}
