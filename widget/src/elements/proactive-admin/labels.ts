/**
 * The words the admin shows for the server's codes (fields, operators, statuses, verdicts...),
 * and the helpers that turn a condition's field and operator into the right kind of value input.
 * English only for now: the admin is the demo's marketer page; the widget's strings are in i18n/.
 */
import type {
  AttributeValue,
  Capture,
  Condition,
  ConditionField,
  ConditionOp,
  Frequency,
  ProactiveAction,
  ProactiveStatus,
  Schedule,
  Verdict,
  Weekday,
} from '../../../../server/src/protocol/proactive.js';
import { DEVICES, IS_OPS, NUMBER_FIELDS, NUMBER_OPS, OPS, STRING_FIELDS, STRING_OPS, VISITOR_TYPES } from '../../../../server/src/protocol/proactive-shared.js';

export const FIELD_LABELS: Record<ConditionField, string> = {
  url: 'Page URL',
  title: 'Page title',
  referrer: 'Referrer',
  language: 'Browser language',
  timeOnPage: 'Time on page (s)',
  timeOnSite: 'Time on site (s)',
  pageViews: 'Page views this visit',
  visits: 'Number of visits',
  visitorType: 'Visitor type',
  device: 'Device',
  attribute: 'Custom attribute',
};

export const OP_LABELS: Record<ConditionOp, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  notStartsWith: 'does not start with',
  endsWith: 'ends with',
  notEndsWith: 'does not end with',
  matches: 'matches pattern (*)',
  notMatches: 'does not match pattern',
  eq: 'equals',
  neq: 'does not equal',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  is: 'is',
  isNot: 'is not',
};

export const VALUE_LABELS: Record<string, string> = {
  new: 'New visitor',
  returning: 'Returning visitor',
  desktop: 'Desktop',
  mobile: 'Mobile',
  tablet: 'Tablet',
};

export const STATUS_LABELS: Record<ProactiveStatus, string> = {
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  error: 'Error',
};

/** Sorting by status puts what is running first. */
export const STATUS_RANK: Record<ProactiveStatus, number> = { live: 0, paused: 1, draft: 2, error: 3 };

export const ACTION_LABELS: Record<ProactiveAction, string> = {
  edit: 'Edit',
  clone: 'Clone',
  publish: 'Publish',
  pause: 'Pause',
  resume: 'Resume',
  delete: 'Delete',
};

export const CAPTURE_OPTIONS: Array<{ value: Capture; label: string; hint: string }> = [
  { value: 'none', label: 'None', hint: 'The visitor writes straight away.' },
  { value: 'name', label: 'Name', hint: 'Asks for a name before the chat starts.' },
  { value: 'email', label: 'Email', hint: 'Asks for an email address.' },
  { value: 'nameEmail', label: 'Name and email', hint: 'Asks for both.' },
];

export const SCHEDULE_OPTIONS: Array<{ value: Schedule; label: string; hint: string }> = [
  { value: 'always', label: 'Any time', hint: 'Sent whenever the rules match.' },
  { value: 'inHours', label: 'During business hours', hint: 'Only while your team is open.' },
  { value: 'outOfHours', label: 'Outside business hours', hint: 'Only while your team is closed.' },
];

export const FREQUENCY_OPTIONS: Array<{ value: Frequency; label: string; hint: string }> = [
  { value: 'once', label: 'Once', hint: 'Shown to each visitor once, never again.' },
  { value: 'oncePerVisit', label: 'Once per visit', hint: 'At most once in each visit; it may come back on a later visit.' },
  { value: 'everyTime', label: 'Every time', hint: 'Each time the rules become true, at most once per page view.' },
];

export const VERDICT_LABELS: Record<Verdict, string> = {
  shown: 'Shown',
  outranked: 'Outranked',
  condition: 'Rules not met',
  frequency: 'Frequency',
  schedule: 'Schedule',
  notLive: 'Not live',
  otherChannel: 'Other channel',
  inConversation: 'In a conversation',
};

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** A short list for the time zone input's suggestions; any IANA name is accepted. */
export const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Istanbul',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Mexico_City',
];

// --- conditions -------------------------------------------------------------------

/** How a condition's value is entered. */
export type ValueKind = 'text' | 'number' | 'choice' | 'boolean';

const has = (xs: readonly string[], x: string) => xs.includes(x);

/** The operators a field takes (the server refuses any other). */
export function opsFor(field: ConditionField): readonly ConditionOp[] {
  if (has(STRING_FIELDS, field)) return STRING_OPS;
  if (has(NUMBER_FIELDS, field)) return NUMBER_OPS;
  if (field === 'attribute') return OPS;
  return IS_OPS;
}

export function valueKind(field: ConditionField, op: ConditionOp): ValueKind {
  if (field === 'visitorType' || field === 'device') return 'choice';
  if (has(STRING_OPS, op)) return 'text';
  if (has(NUMBER_OPS, op)) return 'number';
  return 'boolean';
}

export function choicesFor(field: ConditionField): readonly string[] {
  return field === 'device' ? DEVICES : field === 'visitorType' ? VISITOR_TYPES : [];
}

function defaultValue(field: ConditionField, op: ConditionOp): AttributeValue {
  switch (valueKind(field, op)) {
    case 'text':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'choice':
      return choicesFor(field)[0] ?? '';
  }
}

/** A condition on `field` with its first operator and an empty value of the right type. */
export function newCondition(field: ConditionField = 'url'): Condition {
  const op = opsFor(field)[0]!;
  const c: Condition = { field, op, value: defaultValue(field, op) };
  if (field === 'attribute') c.name = '';
  return c;
}

/** The condition after its operator changed: the value is kept when it still has the right type. */
export function withOp(c: Condition, op: ConditionOp): Condition {
  const keep = valueKind(c.field, c.op) === valueKind(c.field, op);
  return { ...c, op, value: keep ? c.value : defaultValue(c.field, op) };
}

/** For a custom attribute, whose operators compare text, numbers or true/false: the option groups. */
export const ATTRIBUTE_OP_GROUPS: Array<{ label: string; ops: readonly ConditionOp[] }> = [
  { label: 'Text', ops: STRING_OPS },
  { label: 'Number', ops: NUMBER_OPS },
  { label: 'True / false', ops: IS_OPS },
];

/** Text for the attributes box of the simulator: key=value lines. */
export function parseAttributes(text: string): { attributes: Record<string, AttributeValue>; errors: string[] } {
  const attributes: Record<string, AttributeValue> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      errors.push(`Line ${i + 1}: write name=value`);
      return;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      errors.push(`Line ${i + 1}: "${key}" is not a valid attribute name`);
      return;
    }
    if (value === 'true' || value === 'false') attributes[key] = value === 'true';
    else if (/^-?\d+(\.\d+)?$/.test(value)) attributes[key] = Number(value);
    else attributes[key] = value;
  });
  return { attributes, errors };
}

/** Up to two letters from a name, for avatars. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts.at(-1)![0]] : [...(parts[0] ?? '?')].slice(0, 1);
  return letters.join('').toUpperCase();
}
