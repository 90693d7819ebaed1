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
import {
  AVAILABILITY_LIMITS,
  MEAL_PREFIX,
  type AutomaticKind,
  type Distribution,
  type OperatorStatus,
} from '../../../../server/src/protocol/availability-shared.js';
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

/** For weekday checkboxes, where the full name is the accessible label. */
export const WEEKDAY_SHORT: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

// --- availability -------------------------------------------------------------------

/** The availability view's sections: heading and help text, in page order. */
export const AVAILABILITY_SECTIONS = {
  page: {
    title: 'Availability',
    help: 'Who takes chats and when, what visitors are told when nobody can answer, and the automatic messages sent along the way.',
  },
  stopped: {
    title: 'Chat stopped',
    help: 'A global switch for emergencies or maintenance: while it is on, no chat can start and visitors get the “unavailable” message.',
  },
  distribution: { title: 'Distribution', help: 'How new chats reach your operators.' },
  rating: {
    title: 'Chat rating',
    help: 'Operators can ask visitors to rate a chat good or bad, with an optional comment. The rating shows in the chat and its transcript.',
  },
  team: {
    title: 'Team',
    help: 'Each operator’s status and load right now. Capacity is how many chats an operator takes at once; a change is saved at once.',
  },
  holidays: {
    title: 'Holidays',
    help: 'Days with other hours than the weekly business hours, in the account’s time zone. Visitors get the “out of hours” message while you are closed.',
  },
  meals: {
    title: 'Meal times',
    help: 'Breaks for everyone or for one operator. Without intake, visitors get the “meal time” message and chats wait until the break ends.',
  },
  outOfHours: { title: 'Out of hours', help: 'What happens to chats requested outside business hours and on holidays.' },
  cap: {
    title: 'Chat cap',
    help: `A limit on open chats for the whole account (received plus in progress, over the last ${AVAILABILITY_LIMITS.capWindowDays} days). Over it, visitors get the “chat cap exceeded” message.`,
  },
  categories: {
    title: 'Categories',
    help: 'Topics a visitor picks before writing, each with optional sub-categories. Operators see them on the chat.',
  },
  messages: {
    title: 'Automatic messages',
    help: `Sent by the system on your behalf. Each has at most ${AVAILABILITY_LIMITS.text} characters, an optional image and up to ${AVAILABILITY_LIMITS.buttons} link buttons. Leave the text empty to send the default text in the visitor’s language.`,
  },
} as const;

export const OPERATOR_STATUS_LABELS: Record<OperatorStatus, string> = {
  online: 'Online',
  break: 'On a break',
  meal: 'At a meal',
  offline: 'Offline',
};

export const DISTRIBUTION_OPTIONS: Array<{ value: Distribution; label: string; hint: string }> = [
  { value: 'automatic', label: 'Automatic', hint: 'Each new chat goes to the least busy available operator.' },
  { value: 'manual', label: 'Manual', hint: 'New chats wait in a shared queue; operators pick the ones they take.' },
];

export const CAP_INTAKE_OPTIONS: Array<{ value: 'queue' | 'refuse'; label: string; hint: string }> = [
  { value: 'queue', label: 'Queue chats over the cap', hint: 'They wait, first in first out, until there is room.' },
  { value: 'refuse', label: 'Refuse them', hint: 'No chat is created; the visitor only gets the message.' },
];

/** Each automatic message: what the admin calls it, and when it is sent. */
export const AUTOMATIC_LABELS: Record<AutomaticKind, { label: string; when: string }> = {
  greeting: { label: 'Greeting', when: 'Sent when a chat starts, or when it is handed to a live operator.' },
  title: { label: 'Title', when: 'The subject an operator sees as the visitor’s first line, from the chosen category.' },
  busy: {
    label: 'Busy time',
    when: `While on, sent when a chat is requested, and again when the visitor writes ${AVAILABILITY_LIMITS.busyResendMinutes} minutes or more after it, until an operator replies.`,
  },
  queue: { label: 'Queue count', when: 'Sent once when other chats are waiting ahead of this one for the same operator.' },
  outOfHours: { label: 'Out of hours', when: 'Sent when a chat is requested outside business hours or on a holiday.' },
  unavailable: {
    label: 'Unavailable',
    when: 'Sent when chat is stopped, when every operator is away or offline, or when the visitor is blocked.',
  },
  meal: { label: 'Meal time', when: 'Sent when a chat is requested during a meal time without intake.' },
  cap: { label: 'Chat cap exceeded', when: 'Sent when a chat is requested while the chat cap is reached.' },
};

/** What each placeholder becomes, for the title of its insert chip. */
export const PLACEHOLDER_HINTS: Record<string, string> = {
  counselor_name: 'The assigned operator’s display name',
  category_name: 'The category the visitor chose',
  division_name: 'The sub-category the visitor chose',
  counsel_count: 'How many chats are ahead of this one',
};

/** The meal message's fixed start, as the admin explains it. */
export const MEAL_NOTE = `Starts with “${MEAL_PREFIX.en.until.replace('{until}', 'HH:MM')}” (an operator’s own meal time says “right now” instead of the time), then your text.`;

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

// --- workspace: canned responses, departments, tickets and leads -----------------------

type WorkspaceLimits = typeof import('../../../../server/src/protocol/workspace.js').WORKSPACE_LIMITS;

/**
 * The server's limits the forms show. They are copied rather than imported, so the admin bundle
 * does not carry the server's schemas; `satisfies` fails the type check if they drift apart.
 */
export const WORKSPACE_LIMITS = {
  shortcut: 32,
  cannedText: 1000,
  departmentName: 60,
  teamName: 60,
  url: 2048,
} as const satisfies Partial<WorkspaceLimits>;

/** The views' headings and help, as the top bar and the page heads show them. */
export const WORKSPACE_SECTIONS = {
  canned: {
    title: 'Canned responses',
    help: 'Ready-made replies for operators. In the composer, typing “:” opens a picker that filters as they type; choosing one, or typing a whole :shortcut, inserts its text.',
  },
  departments: {
    title: 'Departments',
    help: 'Groups of operators. Chats can be routed and transferred to a department; its members share its queue.',
  },
  tickets: {
    title: 'Tickets & leads',
    help: 'Made by operators from chats with /ticket and /lead. A ticket’s description and a lead’s notes are the chat’s transcript.',
  },
  teams: {
    title: 'Helpdesk teams',
    help: 'A new ticket goes to the team with the highest priority, and to that team’s default assignee when it has one.',
  },
  webhooks: {
    title: 'Webhooks',
    help: 'Your helpdesk or CRM hears about new tickets and leads: each event is POSTed as JSON to the URLs that subscribe to it, and retried for a while when the receiver is down.',
  },
} as const;

export const WEBHOOK_EVENT_LABELS: Record<'ticket.created' | 'lead.created', string> = {
  'ticket.created': 'A ticket is created',
  'lead.created': 'A lead is created',
};

/** "Nov 22, 2025, 14:05" in the marketer's locale settings (English for now). */
export const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
