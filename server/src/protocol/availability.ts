/**
 * Availability on the wire: the settings an admin edits (holidays, meal times, the cap,
 * categories, the automatic messages) and what operators and visitors send about it.
 * No Node imports, so the widget and the admin may `import type` from this module.
 */
import { z } from 'zod';
import {
  AUTOMATIC_KINDS,
  AVAILABILITY_LIMITS as L,
  DISTRIBUTIONS,
  LOCALES,
  OPERATOR_STATUSES,
  PLACEHOLDERS,
  placeholdersIn,
  type AutomaticKind,
  type AutomaticMessage,
  type AvailabilitySettings,
} from './availability-shared.js';
import { period, TimeOfDay } from './proactive.js';
import { WEEKDAYS } from './proactive-shared.js';

export * from './availability-shared.js';

const list = (xs: readonly string[]) => xs.join(', ');

const HttpUrl = z
  .string()
  .max(L.url, `A link can be at most ${L.url} characters`)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'A link must start with http:// or https://');

/** An uploaded image's address, as returned by POST /files. */
const ImageRef = z.string().regex(/^\/files\/[A-Za-z0-9_-]{8,64}$/, 'image must be the address of an uploaded file');

const LinkButtonSchema = z.strictObject({
  label: z.string().trim().min(1, 'A button needs a label').max(L.buttonLabel, `A button label can be at most ${L.buttonLabel} characters`),
  url: HttpUrl,
});

function messageSchema(kind: AutomaticKind) {
  const allowed = PLACEHOLDERS[kind];
  return z.strictObject({
    enabled: z.boolean(),
    text: z
      .string()
      .max(L.text, `The text can be at most ${L.text} characters`)
      .refine((t) => t.trim().length > 0, 'The text cannot be empty; use null for the default text')
      .superRefine((t, ctx) => {
        const unknown = placeholdersIn(t).filter((p) => !allowed.includes(p));
        if (unknown.length) {
          ctx.addIssue({
            code: 'custom',
            message: `Unknown placeholder [${unknown[0]}]; ${allowed.length ? `this message can use ${allowed.map((p) => `[${p}]`).join(', ')}` : 'this message takes no placeholders'}`,
          });
        }
      })
      .nullable(),
    image: ImageRef.nullable(),
    buttons: z.array(LinkButtonSchema).max(L.buttons, `At most ${L.buttons} buttons`),
  }) satisfies z.ZodType<AutomaticMessage>;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const HolidaySchema = z.strictObject({
  date: z.string().regex(DAY, 'A holiday date is YYYY-MM-DD'),
  name: z.string().trim().max(L.holidayName, `A holiday name can be at most ${L.holidayName} characters`).default(''),
  hours: z.array(period('Holiday hours must end after they start')).max(4, 'At most 4 opening periods a day'),
});

const MealSchema = z
  .strictObject({
    operatorId: z.number().int().positive().nullable(),
    days: z.array(z.enum(WEEKDAYS, { error: `days are ${list(WEEKDAYS)}` })).min(1, 'A meal time needs at least one day').max(7),
    start: TimeOfDay,
    end: TimeOfDay,
    intake: z.boolean(),
  })
  .refine((m) => m.end > m.start, { message: 'A meal time must end after it starts', path: ['end'] })
  .transform((m) => ({ operatorId: m.operatorId, days: [...new Set(m.days)], start: m.start, end: m.end, intake: m.intake }));

const Name = (what: string) =>
  z.string().trim().min(1, `A ${what} needs a name`).max(L.categoryName, `A ${what} name can be at most ${L.categoryName} characters`);

const CategorySchema = z.strictObject({
  name: Name('category'),
  divisions: z
    .array(Name('sub-category'))
    .max(L.divisions, `At most ${L.divisions} sub-categories`)
    .refine((d) => new Set(d).size === d.length, 'Sub-category names must be unique within a category'),
});

export const AvailabilitySchema = z.strictObject({
  chatStopped: z.boolean(),
  distribution: z.enum(DISTRIBUTIONS, { error: `distribution is ${list(DISTRIBUTIONS)}` }),
  launcherAway: z.boolean(),
  holidays: z
    .array(HolidaySchema)
    .max(L.holidays, `At most ${L.holidays} holidays`)
    .refine((h) => new Set(h.map((x) => x.date)).size === h.length, 'Each date can be a holiday only once'),
  meals: z.array(MealSchema).max(L.meals, `At most ${L.meals} meal times`),
  outOfHoursIntake: z.boolean(),
  cap: z.strictObject({
    enabled: z.boolean(),
    limit: z
      .number({ error: 'The chat cap is a whole number' })
      .int('The chat cap is a whole number')
      .min(L.capMin, `The chat cap is between ${L.capMin} and ${L.capMax}`)
      .max(L.capMax, `The chat cap is between ${L.capMin} and ${L.capMax}`),
    intake: z.boolean(),
  }),
  categories: z
    .array(CategorySchema)
    .max(L.categories, `At most ${L.categories} categories`)
    .refine((c) => new Set(c.map((x) => x.name)).size === c.length, 'Category names must be unique'),
  rating: z.boolean().default(false),
  messages: z.strictObject(
    Object.fromEntries(AUTOMATIC_KINDS.map((k) => [k, messageSchema(k)])) as Record<AutomaticKind, ReturnType<typeof messageSchema>>,
  ),
}) satisfies z.ZodType<AvailabilitySettings, unknown>;

export const OperatorStatusInput = z.strictObject({
  status: z.enum(OPERATOR_STATUSES, { error: `status is ${list(OPERATOR_STATUSES)}` }),
});

export const VisitorRef = z.strictObject({ visitorId: z.number().int().positive() });

export const OperatorCapacityInput = z.strictObject({
  id: z.number().int().positive(),
  capacity: z.number().int().min(1, 'Capacity is at least 1 chat').max(100, 'Capacity is at most 100 chats'),
});

/** What a visitor may add to the message that starts a chat. */
export const ChatStartFields = {
  locale: z.enum(LOCALES).optional(),
  category: z
    .strictObject({
      name: z.string().max(L.categoryName),
      division: z.string().max(L.categoryName).optional(),
    })
    .optional(),
};
