/**
 * Proactive messages on the wire: targeting rules, the message a marketer edits, the offer a
 * visitor receives, account business hours and the visit simulator.
 * No Node imports, so the widget and the admin may `import type` from this module.
 */
import { z } from 'zod';
import {
  conditionCount,
  DEVICES,
  FIELDS,
  IS_OPS,
  NUMBER_FIELDS,
  NUMBER_OPS,
  OPS,
  PROACTIVE_LIMITS,
  STRING_FIELDS,
  STRING_OPS,
  VISITOR_TYPES,
  WEEKDAYS,
  type Condition,
  type ConditionGroup,
  type Rule,
  type Weekday,
} from './proactive-shared.js';

export * from './proactive-shared.js';

const list = (xs: readonly string[]) => xs.join(', ');

const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const ConditionSchema = z
  .strictObject({
    field: z.enum(FIELDS, { error: `field must be one of ${list(FIELDS)}` }),
    op: z.enum(OPS, { error: `op must be one of ${list(OPS)}` }),
    value: z.union([z.string(), z.number(), z.boolean()], { error: 'value must be text, a number or true/false' }),
    name: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    const isString = (STRING_FIELDS as readonly string[]).includes(c.field);
    const isNumber = (NUMBER_FIELDS as readonly string[]).includes(c.field);
    if (c.field === 'attribute') {
      if (!c.name) return issue('An attribute condition needs the attribute name', 'name');
      if (c.name.length > PROACTIVE_LIMITS.attributeName || !ATTRIBUTE_NAME.test(c.name)) {
        return issue(`An attribute name is a letter or _ then letters, digits, _ . - (at most ${PROACTIVE_LIMITS.attributeName})`, 'name');
      }
    } else if (c.name !== undefined) {
      return issue(`name applies only to attribute conditions, not to ${c.field}`, 'name');
    }
    // Which operators a field takes, and which type of value each operator wants.
    let ops: readonly string[];
    if (isString) ops = STRING_OPS;
    else if (isNumber) ops = NUMBER_OPS;
    else if (c.field === 'attribute') ops = OPS;
    else ops = IS_OPS;
    if (!ops.includes(c.op)) return issue(`${c.field} cannot use "${c.op}"; use one of ${list(ops)}`, 'op');
    if ((STRING_OPS as readonly string[]).includes(c.op)) {
      if (typeof c.value !== 'string') return issue(`"${c.op}" compares text, so value must be text`, 'value');
      if (c.value.length === 0) return issue('value cannot be empty', 'value');
      if (c.value.length > PROACTIVE_LIMITS.value) return issue(`value can be at most ${PROACTIVE_LIMITS.value} characters`, 'value');
    } else if ((NUMBER_OPS as readonly string[]).includes(c.op)) {
      if (typeof c.value !== 'number' || !Number.isFinite(c.value)) return issue(`"${c.op}" compares numbers, so value must be a number`, 'value');
      if (isNumber && (c.value < 0 || c.value > 1e9)) return issue(`${c.field} must be between 0 and 1000000000`, 'value');
    } else if (c.field === 'visitorType') {
      if (!(VISITOR_TYPES as readonly unknown[]).includes(c.value)) return issue(`visitorType is ${list(VISITOR_TYPES)}`, 'value');
    } else if (c.field === 'device') {
      if (!(DEVICES as readonly unknown[]).includes(c.value)) return issue(`device is ${list(DEVICES)}`, 'value');
    } else if (typeof c.value !== 'boolean') {
      return issue(`"${c.op}" on an attribute compares true/false, so value must be true or false`, 'value');
    }
  }) as unknown as z.ZodType<Condition>;

const MatchSchema = z.enum(['all', 'any'], { error: 'match must be "all" or "any"' });

function isGroupLike(item: unknown): boolean {
  return typeof item === 'object' && item !== null && ('match' in item || 'conditions' in item);
}

/** Copies the issues of a nested parse into the current context, keeping their paths. */
function forward(ctx: z.RefinementCtx, issues: z.core.$ZodIssue[]): void {
  for (const i of issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
}

const GroupSchema = z.strictObject({
  match: MatchSchema,
  conditions: z
    .array(
      z.unknown().transform((item, ctx): Condition => {
        if (isGroupLike(item)) {
          ctx.addIssue({ code: 'custom', message: 'Groups can nest only one level deep' });
          return z.NEVER;
        }
        const r = ConditionSchema.safeParse(item);
        if (!r.success) {
          forward(ctx, r.error.issues);
          return z.NEVER;
        }
        return r.data;
      }),
    )
    .min(1, 'A group needs at least one condition'),
});


export const RuleSchema = z
  .strictObject({
    match: MatchSchema,
    conditions: z.array(
      z.unknown().transform((item, ctx): Condition | ConditionGroup => {
        const r = isGroupLike(item) ? GroupSchema.safeParse(item) : ConditionSchema.safeParse(item);
        if (!r.success) {
          forward(ctx, r.error.issues);
          return z.NEVER;
        }
        return r.data as Condition | ConditionGroup;
      }),
    ),
  })
  .superRefine((rule, ctx) => {
    const total = conditionCount(rule as Rule);
    if (total > PROACTIVE_LIMITS.conditions) {
      ctx.addIssue({ code: 'custom', message: `A rule can have at most ${PROACTIVE_LIMITS.conditions} conditions`, path: ['conditions'] });
    }
    const nests = rule.conditions.some((c) => 'match' in c);
    if (nests && total < 3) {
      ctx.addIssue({
        code: 'custom',
        message: `A rule can nest a group only when it has 3 or more conditions; this one has ${total}`,
        path: ['conditions'],
      });
    }
  }) as unknown as z.ZodType<Rule>;

// --- messages -----------------------------------------------------------------

export const CAPTURES = ['none', 'name', 'email', 'nameEmail'] as const;
export const SCHEDULES = ['always', 'inHours', 'outOfHours'] as const;
export const FREQUENCIES = ['once', 'oncePerVisit', 'everyTime'] as const;
export const PROACTIVE_STATUSES = ['draft', 'live', 'paused', 'error'] as const;
export const PROACTIVE_ACTIONS = ['edit', 'clone', 'publish', 'pause', 'resume', 'delete'] as const;

export type Capture = (typeof CAPTURES)[number];
export type Schedule = (typeof SCHEDULES)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type ProactiveStatus = (typeof PROACTIVE_STATUSES)[number];
export type ProactiveAction = (typeof PROACTIVE_ACTIONS)[number];

const Tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(PROACTIVE_LIMITS.tag, `A tag can be at most ${PROACTIVE_LIMITS.tag} characters`)
  .regex(/^[^\s,]+$/, 'A tag cannot contain spaces or commas');

const Id = z.number().int().positive();

/** Everything a marketer edits. */
export const ProactiveFields = z.strictObject({
  name: z.string().trim().min(1, 'Give the message a name').max(PROACTIVE_LIMITS.name, `A name can be at most ${PROACTIVE_LIMITS.name} characters`),
  siteId: Id,
  text: z.string().trim().min(1, 'The message text cannot be empty').max(PROACTIVE_LIMITS.text, `The message text can be at most ${PROACTIVE_LIMITS.text} characters`),
  capture: z.enum(CAPTURES, { error: `capture must be one of ${list(CAPTURES)}` }).default('none'),
  followUp: z.string().trim().max(PROACTIVE_LIMITS.followUp, `The follow-up can be at most ${PROACTIVE_LIMITS.followUp} characters`).default(''),
  tags: z.array(Tag).max(PROACTIVE_LIMITS.tags, `At most ${PROACTIVE_LIMITS.tags} tags`).default([]),
  rules: RuleSchema,
  schedule: z.enum(SCHEDULES, { error: `schedule must be one of ${list(SCHEDULES)}` }).default('always'),
  frequency: z.enum(FREQUENCIES, { error: `frequency must be one of ${list(FREQUENCIES)}` }).default('oncePerVisit'),
});
export type ProactiveFieldsInput = z.input<typeof ProactiveFields>;
export type ProactiveFieldsValue = z.output<typeof ProactiveFields>;

export const ProactiveRef = z.strictObject({ id: Id });
export const ProactiveUpdate = z.strictObject({ id: Id, fields: ProactiveFields });
export const ProactiveReorder = z.strictObject({ ids: z.array(Id).min(1).max(PROACTIVE_LIMITS.perAccount) });

/** A message as stored: what the marketer edits, plus its place, status and counters. */
export interface ProactiveRecord extends ProactiveFieldsValue {
  id: number;
  /** Sorts the marketer's order; stored values may have gaps. */
  position: number;
  status: ProactiveStatus;
  /** What is missing, when status is "error". */
  error: string | null;
  sent: number;
  read: number;
  replied: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProactiveMessage extends ProactiveRecord {
  /** 1 = first in the marketer's order. */
  position: number;
  siteName: string;
  sender: { id: number; name: string } | null;
  /** The actions its status allows, for the admin's row menu. */
  actions: ProactiveAction[];
}

export interface ProactiveList {
  messages: ProactiveMessage[];
  count: number;
  limit: number;
  sites: Array<{ id: number; name: string }>;
}

// --- business hours -----------------------------------------------------------


export const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Times are HH:MM, from 00:00 to 24:00');

/** A period of a day, HH:MM to HH:MM, that must end after it starts; `message` says so in the caller's words. */
export const period = (message: string) =>
  z.strictObject({ start: TimeOfDay, end: TimeOfDay }).refine((i) => i.end > i.start, { message, path: ['end'] });

export const Interval = period('Business hours must end after they start');

/** Whether an IANA zone name is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const BusinessHoursSchema = z.strictObject({
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'Unknown time zone: use an IANA name such as Europe/Paris' }),
  days: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(Interval).max(4, 'At most 4 opening periods a day')])) as Record<
      Weekday,
      z.ZodArray<typeof Interval>
    >,
  ),
});
export type BusinessHours = z.output<typeof BusinessHoursSchema>;

export const AccountSettingsSchema = z.strictObject({
  businessHours: BusinessHoursSchema,
  /** Minutes of inactivity after which the next page view starts a new visit. */
  visitGapMinutes: z.number().int().min(1, 'The visit gap is at least 1 minute').max(24 * 60, 'The visit gap is at most 24 hours'),
});
export type AccountSettings = z.output<typeof AccountSettingsSchema>;

// --- the visitor side ---------------------------------------------------------

const AttributeName = z
  .string()
  .max(PROACTIVE_LIMITS.attributeName)
  .regex(ATTRIBUTE_NAME, 'An attribute name is a letter or _ then letters, digits, _ . -');
const AttributeValueSchema = z.union([
  z.string().max(PROACTIVE_LIMITS.attributeText, `An attribute value can be at most ${PROACTIVE_LIMITS.attributeText} characters`),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);

/** Custom attributes from the host page; null removes one. */
export const AttributesInput = z.strictObject({
  attributes: z
    .record(AttributeName, AttributeValueSchema)
    .refine((a) => Object.keys(a).length <= PROACTIVE_LIMITS.attributes, `At most ${PROACTIVE_LIMITS.attributes} attributes`),
});

/** A proactive message offered to one tab of a visitor. */
export interface ProactiveOffer {
  deliveryId: number;
  messageId: number;
  text: string;
  capture: Capture;
  sender: { name: string };
  at: number;
}

export const DeliveryRef = z.strictObject({ deliveryId: Id });

export const CaptureInput = z.strictObject({
  deliveryId: Id,
  name: z.string().trim().max(80, 'A name can be at most 80 characters').optional(),
  email: z.string().trim().max(254, 'An email can be at most 254 characters').optional(),
});

/** A permissive but useful email check: something@something.tld, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// --- the simulator ------------------------------------------------------------

export const SimulateInput = z.strictObject({
  siteId: Id,
  url: z.string().min(1, 'Enter a URL').max(2048),
  title: z.string().max(300).default(''),
  referrer: z.string().max(2048).default(''),
  /** Seconds on the current page. */
  timeOnPage: z.number().min(0).max(1e7).default(0),
  /** Seconds on the site in this visit. */
  timeOnSite: z.number().min(0).max(1e7).default(0),
  /** Page views in this visit, the current one included. */
  pageViews: z.number().int().min(1).max(1e6).default(1),
  /** Which visit this is: 1 for a new visitor. */
  visits: z.number().int().min(1).max(1e6).default(1),
  language: z.string().max(35).default('en'),
  device: z.enum(DEVICES).default('desktop'),
  attributes: z.record(AttributeName, z.union([z.string().max(PROACTIVE_LIMITS.attributeText), z.number().finite(), z.boolean()])).default({}),
  /** When the visit happens (epoch ms); now by default. */
  at: z.number().int().positive().optional(),
  inConversation: z.boolean().default(false),
  /** Messages this visitor was already shown, to test frequency. */
  shown: z
    .array(z.strictObject({ messageId: Id, when: z.enum(['thisPage', 'thisVisit', 'earlierVisit']) }))
    .max(PROACTIVE_LIMITS.perAccount)
    .default([]),
});
export type SimulateInputValue = z.output<typeof SimulateInput>;

export type Verdict = 'shown' | 'outranked' | 'condition' | 'frequency' | 'schedule' | 'notLive' | 'otherChannel' | 'inConversation';

export interface SimulationResult {
  winnerId: number | null;
  results: Array<{ id: number; name: string; status: ProactiveStatus; verdict: Verdict; reason: string }>;
}
