/**
 * The proactive-message values and types the browser needs at run time, without zod, so that
 * the widget and the admin can import them without bundling it. protocol/proactive.ts
 * re-exports all of it beside its schemas.
 */

export const PROACTIVE_LIMITS = {
  /** Messages an account may hold, whatever their status. */
  perAccount: 140,
  name: 80,
  text: 300,
  followUp: 500,
  tags: 10,
  tag: 32,
  /** Conditions in one rule, counting those inside nested groups. */
  conditions: 20,
  /** Length of a text value or `*` pattern. */
  value: 500,
  attributeName: 64,
  attributeText: 200,
  /** Custom attributes a visitor may carry. */
  attributes: 50,
} as const;

// --- conditions ---------------------------------------------------------------

export const STRING_FIELDS = ['url', 'title', 'referrer', 'language'] as const;
export const NUMBER_FIELDS = ['timeOnPage', 'timeOnSite', 'pageViews', 'visits'] as const;
export const FIELDS = [...STRING_FIELDS, ...NUMBER_FIELDS, 'visitorType', 'device', 'attribute'] as const;

/** Text operators; `matches` takes a pattern where `*` stands for any run of characters. */
export const STRING_OPS = [
  'equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith',
  'endsWith', 'notEndsWith', 'matches', 'notMatches',
] as const;
export const NUMBER_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
/** For a fixed set of values (visitor type, device) and for true/false attributes. */
export const IS_OPS = ['is', 'isNot'] as const;
export const OPS = [...STRING_OPS, ...NUMBER_OPS, ...IS_OPS] as const;

export type ConditionField = (typeof FIELDS)[number];
export type StringOp = (typeof STRING_OPS)[number];
export type NumberOp = (typeof NUMBER_OPS)[number];
export type ConditionOp = (typeof OPS)[number];
export type AttributeValue = string | number | boolean;

export const VISITOR_TYPES = ['new', 'returning'] as const;
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;

export interface Condition {
  field: ConditionField;
  op: ConditionOp;
  value: AttributeValue;
  /** The custom attribute's name, for field "attribute" only. */
  name?: string;
}

export type Match = 'all' | 'any';

/** A group nested one level inside a rule. */
export interface ConditionGroup {
  match: Match;
  conditions: Condition[];
}

export interface Rule {
  match: Match;
  conditions: Array<Condition | ConditionGroup>;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Counts the conditions of a rule, those inside groups included. */
export function conditionCount(rule: Rule): number {
  return rule.conditions.reduce((n, c) => n + ('match' in c ? c.conditions.length : 1), 0);
}
