/**
 * Availability, pure domain: business hours with holidays across zones and DST, meal times and
 * operator status, automatic distribution, which single automatic message answers a chat request
 * (and what happens to the chat), the busy notice, the queue and the cap, and the texts sent.
 * The clock is always passed in.
 */
import { describe, expect, it } from 'vitest';
import {
  AUTOMATIC_KINDS,
  AvailabilitySchema,
  DEFAULT_TEXTS,
  MEAL_PREFIX,
  PLACEHOLDERS,
  defaultAvailability,
  type AutomaticKind,
  type AvailabilitySettings,
  type Holiday,
  type Locale,
  type MealTime,
  type OperatorStatus,
} from '../../server/src/protocol/availability.js';
import type { BusinessHours } from '../../server/src/protocol/proactive.js';
import {
  PRECEDENCE,
  admissible,
  automaticText,
  available,
  busyResendDue,
  capExceeded,
  chooseOperator,
  countsTowardCap,
  decideRequest,
  effectiveStatus,
  fillPlaceholders,
  localDate,
  localeOf,
  mealAt,
  openAt,
  queueAhead,
  situationOf,
  unknownPlaceholders,
  type OperatorFacts,
  type QueuedChat,
  type RequestFacts,
  type RequestOutcome,
  type Situation,
} from '../../server/src/domain/availability.js';

const SEC = 1_000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** An instant in UTC, with a 1-based month. */
const utc = (y: number, month: number, d: number, h = 0, m = 0, s = 0, ms = 0) => Date.UTC(y, month - 1, d, h, m, s, ms);

/** Wednesday 14 January 2026, 10:00 UTC: the moment most facts below are evaluated at. */
const T = utc(2026, 1, 14, 10);

// --- business hours and holidays ---------------------------------------------------

describe('openAt: weekly hours', () => {
  const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
  const weekdays = (timeZone: string, day = NINE_TO_SIX): BusinessHours => ({
    timeZone,
    days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  });

  it.each([
    // [zone, local wall clock, instant, open]
    ['UTC', 'Wed 08:59', utc(2026, 1, 14, 8, 59), false],
    ['UTC', 'Wed 09:00', utc(2026, 1, 14, 9, 0), true],
    ['UTC', 'Wed 17:59:59', utc(2026, 1, 14, 17, 59, 59), true],
    ['UTC', 'Wed 18:00 (the end is exclusive)', utc(2026, 1, 14, 18, 0), false],
    ['UTC', 'Sat 12:00', utc(2026, 1, 17, 12, 0), false],
    // Paris is UTC+1 in winter.
    ['Europe/Paris', 'Wed 08:59', utc(2026, 1, 14, 7, 59), false],
    ['Europe/Paris', 'Wed 09:00', utc(2026, 1, 14, 8, 0), true],
    ['Europe/Paris', 'Wed 17:59', utc(2026, 1, 14, 16, 59), true],
    ['Europe/Paris', 'Wed 18:00', utc(2026, 1, 14, 17, 0), false],
    ['Europe/Paris', 'Sat 00:30, still Fri 23:30 in UTC', utc(2026, 1, 16, 23, 30), false],
    // Seoul is UTC+9, no DST.
    ['Asia/Seoul', 'Wed 08:59, still Tue in UTC', utc(2026, 1, 13, 23, 59), false],
    ['Asia/Seoul', 'Wed 09:00', utc(2026, 1, 14, 0, 0), true],
    ['Asia/Seoul', 'Wed 17:59', utc(2026, 1, 14, 8, 59), true],
    ['Asia/Seoul', 'Wed 18:00', utc(2026, 1, 14, 9, 0), false],
    ['Asia/Seoul', 'Sat 09:30, still Fri in UTC', utc(2026, 1, 17, 0, 30), false],
    // New York is UTC−5 in winter.
    ['America/New_York', 'Wed 08:59', utc(2026, 1, 14, 13, 59), false],
    ['America/New_York', 'Wed 09:00', utc(2026, 1, 14, 14, 0), true],
    ['America/New_York', 'Wed 17:59', utc(2026, 1, 14, 22, 59), true],
    ['America/New_York', 'Wed 18:00', utc(2026, 1, 14, 23, 0), false],
    ['America/New_York', 'Fri 12:00, already Sat 02:00 in Seoul', utc(2026, 1, 16, 17, 0), true],
  ])('%s, %s: open %s', (zone, _local, now, expected) => {
    expect(openAt(weekdays(zone), [], now)).toBe(expected);
  });

  it('reads the weekday in the zone: Monday 00:30 in Seoul is Sunday in UTC', () => {
    const mondayNight: BusinessHours = {
      timeZone: 'Asia/Seoul',
      days: { mon: [{ start: '00:00', end: '03:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(openAt(mondayNight, [], utc(2026, 1, 18, 15, 30))).toBe(true); // Sun 15:30 UTC
    expect(openAt({ ...mondayNight, timeZone: 'UTC' }, [], utc(2026, 1, 18, 15, 30))).toBe(false);
  });

  it('honours several periods a day, 24:00 as an end, and the gap between periods', () => {
    const split = weekdays('UTC', [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '24:00' },
    ]);
    expect(openAt(split, [], utc(2026, 1, 14, 11, 59))).toBe(true);
    expect(openAt(split, [], utc(2026, 1, 14, 12, 0))).toBe(false);
    expect(openAt(split, [], utc(2026, 1, 14, 13, 29))).toBe(false);
    expect(openAt(split, [], utc(2026, 1, 14, 13, 30))).toBe(true);
    expect(openAt(split, [], utc(2026, 1, 14, 23, 59, 59))).toBe(true);
    expect(openAt(split, [], utc(2026, 1, 15, 0, 0))).toBe(false);
  });
});

describe('openAt across DST changes: local hours stay local', () => {
  const daily = (timeZone: string, start: string, end: string): BusinessHours => {
    const day = [{ start, end }];
    return { timeZone, days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } };
  };

  it.each([
    // Paris springs forward on Sunday 29 March 2026 at 02:00 CET → 03:00 CEST (01:00 UTC).
    ['Europe/Paris', '09–18', 'Sat 28 Mar 08:59 CET', utc(2026, 3, 28, 7, 59), false],
    ['Europe/Paris', '09–18', 'Sat 28 Mar 09:00 CET', utc(2026, 3, 28, 8, 0), true],
    ['Europe/Paris', '09–18', 'Sun 29 Mar 08:00 CEST (09:00 on Saturday’s offset)', utc(2026, 3, 29, 6, 0), false],
    ['Europe/Paris', '09–18', 'Sun 29 Mar 08:59 CEST', utc(2026, 3, 29, 6, 59), false],
    ['Europe/Paris', '09–18', 'Sun 29 Mar 09:00 CEST', utc(2026, 3, 29, 7, 0), true],
    ['Europe/Paris', '09–18', 'Sun 29 Mar 17:59 CEST', utc(2026, 3, 29, 15, 59), true],
    ['Europe/Paris', '09–18', 'Sun 29 Mar 18:00 CEST', utc(2026, 3, 29, 16, 0), false],
    ['Europe/Paris', '01–03', 'Sun 29 Mar 01:59 CET', utc(2026, 3, 29, 0, 59), true],
    ['Europe/Paris', '01–03', 'Sun 29 Mar 03:00 CEST, one real minute later', utc(2026, 3, 29, 1, 0), false],
    // New York springs forward on Sunday 8 March 2026 at 02:00 EST → 03:00 EDT (07:00 UTC).
    ['America/New_York', '09–18', 'Sat 7 Mar 08:59 EST', utc(2026, 3, 7, 13, 59), false],
    ['America/New_York', '09–18', 'Sat 7 Mar 09:00 EST', utc(2026, 3, 7, 14, 0), true],
    ['America/New_York', '09–18', 'Sun 8 Mar 08:59 EDT', utc(2026, 3, 8, 12, 59), false],
    ['America/New_York', '09–18', 'Sun 8 Mar 09:00 EDT', utc(2026, 3, 8, 13, 0), true],
    ['America/New_York', '09–18', 'Sun 8 Mar 17:59 EDT', utc(2026, 3, 8, 21, 59), true],
    ['America/New_York', '09–18', 'Sun 8 Mar 18:00 EDT', utc(2026, 3, 8, 22, 0), false],
    ['America/New_York', '02–03', 'Sun 8 Mar 01:59 EST', utc(2026, 3, 8, 6, 59), false],
    ['America/New_York', '02–03', 'Sun 8 Mar 03:00 EDT: 02:xx never happens', utc(2026, 3, 8, 7, 0), false],
    // New York falls back on Sunday 1 November 2026 at 02:00 EDT → 01:00 EST (06:00 UTC).
    ['America/New_York', '09–18', 'Sat 31 Oct 08:59 EDT', utc(2026, 10, 31, 12, 59), false],
    ['America/New_York', '09–18', 'Sat 31 Oct 09:00 EDT', utc(2026, 10, 31, 13, 0), true],
    ['America/New_York', '09–18', 'Sun 1 Nov 08:00 EST (09:00 on Saturday’s offset)', utc(2026, 11, 1, 13, 0), false],
    ['America/New_York', '09–18', 'Sun 1 Nov 09:00 EST', utc(2026, 11, 1, 14, 0), true],
    ['America/New_York', '09–18', 'Sun 1 Nov 17:59 EST', utc(2026, 11, 1, 22, 59), true],
    ['America/New_York', '09–18', 'Sun 1 Nov 18:00 EST', utc(2026, 11, 1, 23, 0), false],
    ['America/New_York', '01–02', 'Sun 1 Nov 00:59 EDT', utc(2026, 11, 1, 4, 59), false],
    ['America/New_York', '01–02', 'Sun 1 Nov 01:30 EDT, the first time', utc(2026, 11, 1, 5, 30), true],
    ['America/New_York', '01–02', 'Sun 1 Nov 01:30 EST, the second time', utc(2026, 11, 1, 6, 30), true],
    ['America/New_York', '01–02', 'Sun 1 Nov 02:00 EST', utc(2026, 11, 1, 7, 0), false],
  ])('%s %s, %s: open %s', (zone, hours, _local, now, expected) => {
    const [start, end] = hours.split('–').map((h) => `${h.padStart(2, '0')}:00`);
    expect(openAt(daily(zone, start!, end!), [], now)).toBe(expected);
  });
});

describe('openAt with holidays', () => {
  const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
  const weekdays = (timeZone: string): BusinessHours => ({
    timeZone,
    days: { mon: NINE_TO_SIX, tue: NINE_TO_SIX, wed: NINE_TO_SIX, thu: NINE_TO_SIX, fri: NINE_TO_SIX, sat: [], sun: [] },
  });
  const holiday = (date: string, hours: Holiday['hours'] = []): Holiday => ({ date, name: 'Holiday', hours });
  const MORNING = [{ start: '10:00', end: '12:00' }];

  it.each([
    // [case, holidays, instant, open]
    ['no holiday, Wed 12:00', [], utc(2026, 1, 14, 12), true],
    ['a whole-day holiday that day, at noon', [holiday('2026-01-14')], utc(2026, 1, 14, 12), false],
    ['a whole-day holiday that day, at its first minute of hours', [holiday('2026-01-14')], utc(2026, 1, 14, 9), false],
    ['a whole-day holiday the day before does not close the next day', [holiday('2026-01-14')], utc(2026, 1, 15, 12), true],
    ['a whole-day holiday on another date', [holiday('2026-01-15'), holiday('2025-01-14')], utc(2026, 1, 14, 12), true],
    ['a partial holiday, 09:30 (open on weekly hours)', [holiday('2026-01-14', MORNING)], utc(2026, 1, 14, 9, 30), false],
    ['a partial holiday, 10:00', [holiday('2026-01-14', MORNING)], utc(2026, 1, 14, 10, 0), true],
    ['a partial holiday, 11:59', [holiday('2026-01-14', MORNING)], utc(2026, 1, 14, 11, 59), true],
    ['a partial holiday, 12:00 (its end is exclusive)', [holiday('2026-01-14', MORNING)], utc(2026, 1, 14, 12, 0), false],
    ['a partial holiday, 15:00 (open on weekly hours)', [holiday('2026-01-14', MORNING)], utc(2026, 1, 14, 15, 0), false],
    ['a partial holiday on a Saturday opens it', [holiday('2026-01-17', MORNING)], utc(2026, 1, 17, 11, 0), true],
    ['a partial holiday on a Saturday, outside its hours', [holiday('2026-01-17', MORNING)], utc(2026, 1, 17, 13, 0), false],
    [
      'among several holidays, the one of the date applies',
      [holiday('2026-01-13'), holiday('2026-01-14', [{ start: '14:00', end: '16:00' }]), holiday('2026-01-15')],
      utc(2026, 1, 14, 15, 0),
      true,
    ],
  ])('%s: open %s', (_case, holidays, now, expected) => {
    expect(openAt(weekdays('UTC'), holidays, now)).toBe(expected);
  });

  describe('the date of a holiday is read in the account’s zone, not in UTC', () => {
    const SEOUL_EARLY: BusinessHours = {
      timeZone: 'Asia/Seoul',
      days: {
        mon: [{ start: '07:00', end: '18:00' }],
        tue: [{ start: '07:00', end: '18:00' }],
        wed: [{ start: '07:00', end: '18:00' }],
        thu: [{ start: '07:00', end: '18:00' }],
        fri: [{ start: '07:00', end: '18:00' }],
        sat: [],
        sun: [],
      },
    };
    // Wed 14 Jan 22:30 UTC is Thu 15 Jan 07:30 in Seoul.
    const now = utc(2026, 1, 14, 22, 30);

    it.each([
      ['no holiday', [], true],
      ['a holiday on Seoul’s date (15 Jan) closes', [holiday('2026-01-15')], false],
      ['a holiday on the UTC date (14 Jan) does not apply', [holiday('2026-01-14')], true],
      ['a partial holiday on Seoul’s date replaces the hours', [holiday('2026-01-15', [{ start: '07:00', end: '08:00' }])], true],
      ['a partial holiday on Seoul’s date that opens later', [holiday('2026-01-15', [{ start: '08:00', end: '12:00' }])], false],
    ])('%s: open %s', (_case, holidays, expected) => {
      expect(openAt(SEOUL_EARLY, holidays, now)).toBe(expected);
    });

    it('in New York, 03:00 UTC on 15 Jan is still the evening of 14 Jan', () => {
      const evenings: BusinessHours = {
        timeZone: 'America/New_York',
        days: { mon: [], tue: [], wed: [{ start: '20:00', end: '24:00' }], thu: [], fri: [], sat: [], sun: [] },
      };
      const wedEvening = utc(2026, 1, 15, 3, 0); // Wed 22:00 EST
      expect(openAt(evenings, [], wedEvening)).toBe(true);
      expect(openAt(evenings, [holiday('2026-01-15')], wedEvening)).toBe(true);
      expect(openAt(evenings, [holiday('2026-01-14')], wedEvening)).toBe(false);
    });
  });
});

describe('localDate near midnight', () => {
  it.each([
    ['UTC', utc(2026, 1, 14, 23, 59, 59, 999), '2026-01-14'],
    ['UTC', utc(2026, 1, 15, 0, 0), '2026-01-15'],
    ['Asia/Seoul', utc(2026, 1, 14, 14, 59, 59), '2026-01-14'],
    ['Asia/Seoul', utc(2026, 1, 14, 15, 0), '2026-01-15'],
    ['Asia/Seoul', utc(2025, 12, 31, 15, 0), '2026-01-01'],
    ['Europe/Paris', utc(2026, 1, 14, 22, 59), '2026-01-14'],
    ['Europe/Paris', utc(2026, 1, 14, 23, 0), '2026-01-15'],
    ['Europe/Paris', utc(2026, 7, 14, 21, 59), '2026-07-14'], // CEST, UTC+2
    ['Europe/Paris', utc(2026, 7, 14, 22, 0), '2026-07-15'],
    ['America/New_York', utc(2026, 1, 15, 4, 59), '2026-01-14'],
    ['America/New_York', utc(2026, 1, 15, 5, 0), '2026-01-15'],
    ['America/New_York', utc(2026, 1, 1, 4, 59), '2025-12-31'],
    ['America/New_York', utc(2026, 7, 15, 3, 59), '2026-07-14'], // EDT, UTC−4
    ['America/New_York', utc(2026, 7, 15, 4, 0), '2026-07-15'],
  ])('%s at %d is %s', (zone, now, expected) => {
    expect(localDate(zone, now)).toBe(expected);
  });
});

// --- meal times and operator status -------------------------------------------------

describe('mealAt', () => {
  const EVERYONE: MealTime = { operatorId: null, days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '12:00', end: '13:00', intake: false };
  const SEVEN: MealTime = { operatorId: 7, days: ['wed'], start: '15:00', end: '15:30', intake: false };
  const EIGHT: MealTime = { operatorId: 8, days: ['sat', 'sun'], start: '11:00', end: '12:00', intake: true };
  const MEALS = [EVERYONE, SEVEN, EIGHT];
  /** A wall-clock time in Seoul (UTC+9) in the week of Wed 14 January 2026. */
  const seoul = (day: number, h: number, m = 0) => utc(2026, 1, day, h - 9, m);

  it.each([
    // [asked for, Seoul wall clock, instant, expected meal]
    ['everyone (null)', 'Wed 11:59', seoul(14, 11, 59), null],
    ['everyone (null)', 'Wed 12:00', seoul(14, 12, 0), EVERYONE],
    ['everyone (null)', 'Wed 12:59', seoul(14, 12, 59), EVERYONE],
    ['everyone (null)', 'Wed 13:00 (the end is exclusive)', seoul(14, 13, 0), null],
    ['everyone (null)', 'Sat 12:30 (not one of its days)', seoul(17, 12, 30), null],
    ['everyone (null)', 'Wed 15:10, only operator 7’s own meal', seoul(14, 15, 10), null],
    ['everyone (null)', 'Sat 11:30, only operator 8’s own meal', seoul(17, 11, 30), null],
    ['operator 7', 'Wed 12:30, everyone’s meal', seoul(14, 12, 30), EVERYONE],
    ['operator 7', 'Wed 15:10, its own meal', seoul(14, 15, 10), SEVEN],
    ['operator 7', 'Wed 15:30, its own meal is over', seoul(14, 15, 30), null],
    ['operator 7', 'Thu 15:10, its own meal is on Wednesdays only', seoul(15, 15, 10), null],
    ['operator 7', 'Sat 11:30, operator 8’s meal', seoul(17, 11, 30), null],
    ['operator 8', 'Wed 15:10, operator 7’s meal', seoul(14, 15, 10), null],
    ['operator 8', 'Sat 11:30, its own meal', seoul(17, 11, 30), EIGHT],
    ['operator 8', 'Sun 11:00, its own meal', seoul(18, 11, 0), EIGHT],
    ['operator 9', 'Fri 12:15, everyone’s meal', seoul(16, 12, 15), EVERYONE],
  ])('%s at %s', (who, _local, now, expected) => {
    const operatorId = who.startsWith('operator') ? Number(who.split(' ')[1]) : null;
    expect(mealAt(MEALS, operatorId, 'Asia/Seoul', now)).toEqual(expected);
  });

  it('reads the meal’s days and times on the account’s wall clock', () => {
    const noonUtc = utc(2026, 1, 14, 12, 30); // Wed 21:30 in Seoul
    expect(mealAt(MEALS, null, 'UTC', noonUtc)).toEqual(EVERYONE);
    expect(mealAt(MEALS, null, 'Asia/Seoul', noonUtc)).toBeNull();
    // Sat 02:30 UTC is Sat 11:30 in Seoul, inside operator 8's meal there only.
    expect(mealAt(MEALS, 8, 'Asia/Seoul', utc(2026, 1, 17, 2, 30))).toEqual(EIGHT);
    expect(mealAt(MEALS, 8, 'UTC', utc(2026, 1, 17, 2, 30))).toBeNull();
  });

  it('finds nothing without meal times', () => {
    expect(mealAt([], null, 'UTC', T)).toBeNull();
    expect(mealAt([], 7, 'UTC', T)).toBeNull();
  });
});

describe('effectiveStatus', () => {
  const MEAL: MealTime = { operatorId: null, days: ['wed'], start: '12:00', end: '13:00', intake: false };

  it.each([
    ['online', MEAL, 'meal'],
    ['break', MEAL, 'meal'],
    ['meal', MEAL, 'meal'],
    ['offline', MEAL, 'offline'],
    ['online', null, 'online'],
    ['break', null, 'break'],
    ['meal', null, 'meal'],
    ['offline', null, 'offline'],
  ] as Array<[OperatorStatus, MealTime | null, OperatorStatus]>)('chosen %s, meal %j: others see %s', (chosen, meal, expected) => {
    expect(effectiveStatus(chosen, meal)).toBe(expected);
  });
});

// --- automatic distribution ---------------------------------------------------------

describe('available', () => {
  it.each([
    // [status, connected, meal intake, available]
    ['online', true, false, true],
    ['online', false, false, false],
    ['meal', true, true, true],
    ['meal', true, false, false],
    ['meal', false, true, false],
    ['break', true, true, false],
    ['break', true, false, false],
    ['offline', true, true, false],
    ['offline', false, false, false],
  ] as Array<[OperatorStatus, boolean, boolean, boolean]>)('%s, connected %s, meal intake %s: %s', (status, connected, mealIntake, expected) => {
    expect(available({ id: 1, status, connected, openChats: 0, capacity: 5, lastAssignedAt: null, mealIntake })).toBe(expected);
  });

  it('ignores capacity: a full operator is still available (chooseOperator skips them)', () => {
    const full: OperatorFacts = { id: 1, status: 'online', connected: true, openChats: 5, capacity: 5, lastAssignedAt: null, mealIntake: false };
    expect(available(full)).toBe(true);
    expect(chooseOperator([full])).toBeNull();
  });
});

describe('chooseOperator', () => {
  const op = (id: number, over: Partial<OperatorFacts> = {}): OperatorFacts => ({
    id,
    status: 'online',
    connected: true,
    openChats: 0,
    capacity: 5,
    lastAssignedAt: T - HOUR,
    mealIntake: false,
    ...over,
  });

  const rows: Array<[string, OperatorFacts[], number | null]> = [
    ['the least busy', [op(1, { openChats: 3 }), op(2, { openChats: 1 }), op(3, { openChats: 2 })], 2],
    ['fewer chats beats a longer wait', [op(1, { openChats: 2, lastAssignedAt: null }), op(2, { openChats: 1, lastAssignedAt: T })], 2],
    ['skips a full operator', [op(1, { openChats: 2, capacity: 2 }), op(2, { openChats: 4, capacity: 5 })], 2],
    ['skips one over capacity', [op(1, { openChats: 3, capacity: 2 }), op(2, { openChats: 4 })], 2],
    ['skips one with the panel closed', [op(1, { connected: false }), op(2, { openChats: 4 })], 2],
    ['skips one on break', [op(1, { status: 'break' }), op(2, { openChats: 4 })], 2],
    ['skips one offline', [op(1, { status: 'offline' }), op(2, { openChats: 4 })], 2],
    ['skips one on a meal without intake', [op(1, { status: 'meal' }), op(2, { openChats: 4 })], 2],
    ['takes one on a meal with intake', [op(1, { status: 'meal', mealIntake: true }), op(2, { openChats: 4 })], 1],
    ['a tie goes to whoever waited longest', [op(1, { lastAssignedAt: T - MIN }), op(2, { lastAssignedAt: T - 10 * MIN }), op(3, { lastAssignedAt: T - 5 * MIN })], 2],
    ['never assigned counts as the longest wait', [op(1, { lastAssignedAt: T - 30 * DAY }), op(2, { lastAssignedAt: null })], 2],
    ['then the lowest id', [op(3), op(1), op(2)], 1],
    ['then the lowest id, never assigned', [op(3, { lastAssignedAt: null }), op(2, { lastAssignedAt: null }), op(4)], 2],
    ['the tie only counts among the least busy', [op(1, { openChats: 1, lastAssignedAt: null }), op(2, { lastAssignedAt: T }), op(3, { lastAssignedAt: T - MIN })], 3],
    ['none: nobody at all', [], null],
    [
      'none: nobody available with room',
      [op(1, { status: 'break' }), op(2, { connected: false }), op(3, { openChats: 5 }), op(4, { status: 'meal' }), op(5, { status: 'offline' })],
      null,
    ],
  ];

  it.each(rows)('%s', (_case, operators, expected) => {
    expect(chooseOperator(operators)).toBe(expected);
  });

  it.each(rows)('%s, whatever the order of the list', (_case, operators, expected) => {
    expect(chooseOperator([...operators].reverse())).toBe(expected);
    expect(chooseOperator([...operators.slice(1), ...operators.slice(0, 1)])).toBe(expected);
  });
});

// --- the chat request ------------------------------------------------------------------

describe('situationOf and decideRequest', () => {
  const ORDER: Situation[] = ['stopped', 'blocked', 'outOfHours', 'meal', 'cap', 'unavailable', 'busy'];
  const NORMAL: RequestFacts = {
    chatStopped: false,
    blocked: false,
    outOfHours: false,
    meal: false,
    capExceeded: false,
    anyoneAvailable: true,
    busy: false,
  };
  const FACT: Record<Situation, Partial<RequestFacts>> = {
    stopped: { chatStopped: true },
    blocked: { blocked: true },
    outOfHours: { outOfHours: true },
    meal: { meal: true },
    cap: { capExceeded: true },
    unavailable: { anyoneAvailable: false },
    busy: { busy: true },
  };
  const facts = (...situations: Situation[]): RequestFacts => Object.assign({ ...NORMAL }, ...situations.map((s) => FACT[s]));

  it('documents the precedence stopped > blocked > out of hours > meal > cap > unavailable > busy', () => {
    expect(PRECEDENCE).toEqual(ORDER);
  });

  it('serves a request normally when nothing applies', () => {
    expect(situationOf(NORMAL)).toBeNull();
  });

  it.each(ORDER)('%s alone', (s) => {
    expect(situationOf(facts(s))).toBe(s);
  });

  const pairs = ORDER.flatMap((higher, i) => ORDER.slice(i + 1).map((lower) => [higher, lower] as const));
  it('has every pair in the table', () => expect(pairs).toHaveLength(21));

  it.each(pairs)('%s wins over %s', (higher, lower) => {
    expect(situationOf(facts(higher, lower))).toBe(higher);
    expect(situationOf(facts(lower, higher))).toBe(higher);
    for (const intake of [
      { outOfHours: true, cap: true },
      { outOfHours: false, cap: false },
    ]) {
      expect(decideRequest(facts(higher, lower), intake).situation).toBe(higher);
    }
  });

  it.each(ORDER.map((s, i) => [s, ORDER.slice(i)] as const))('%s wins when it and everything below it apply', (s, all) => {
    expect(situationOf(facts(...all))).toBe(s);
  });

  const SERVED: Omit<RequestOutcome, 'situation'> = { message: null, create: true, blockInput: false, close: false, admitted: true, hold: null };
  const outcomes: Array<[Situation | null, string, { outOfHours: boolean; cap: boolean }, Omit<RequestOutcome, 'situation'>]> = [
    [null, 'any intake', { outOfHours: true, cap: true }, SERVED],
    [null, 'no intake', { outOfHours: false, cap: false }, SERVED],
    ['stopped', 'any intake', { outOfHours: true, cap: true }, { ...SERVED, message: 'unavailable', create: false, blockInput: true }],
    ['stopped', 'no intake', { outOfHours: false, cap: false }, { ...SERVED, message: 'unavailable', create: false, blockInput: true }],
    ['blocked', 'any intake', { outOfHours: true, cap: true }, { ...SERVED, message: 'unavailable', create: false, blockInput: true }],
    ['blocked', 'no intake', { outOfHours: false, cap: false }, { ...SERVED, message: 'unavailable', create: false, blockInput: true }],
    ['outOfHours', 'intake yes', { outOfHours: true, cap: false }, { ...SERVED, message: 'outOfHours', hold: 'hours' }],
    ['outOfHours', 'intake no', { outOfHours: false, cap: true }, { ...SERVED, message: 'outOfHours', close: true }],
    ['meal', 'any intake', { outOfHours: true, cap: true }, { ...SERVED, message: 'meal', hold: 'meal' }],
    ['meal', 'no intake', { outOfHours: false, cap: false }, { ...SERVED, message: 'meal', hold: 'meal' }],
    ['cap', 'intake yes', { outOfHours: false, cap: true }, { ...SERVED, message: 'cap', admitted: false, hold: 'cap' }],
    ['cap', 'intake no', { outOfHours: true, cap: false }, { ...SERVED, message: 'cap', create: false }],
    ['unavailable', 'any intake', { outOfHours: true, cap: true }, { ...SERVED, message: 'unavailable', hold: 'unavailable' }],
    ['unavailable', 'no intake', { outOfHours: false, cap: false }, { ...SERVED, message: 'unavailable', hold: 'unavailable' }],
    ['busy', 'any intake', { outOfHours: true, cap: true }, { ...SERVED, message: 'busy' }],
    ['busy', 'no intake', { outOfHours: false, cap: false }, { ...SERVED, message: 'busy' }],
  ];

  it.each(outcomes)('%s, %s: %j', (situation, _intakeName, intake, expected) => {
    const f = situation ? facts(situation) : NORMAL;
    expect(decideRequest(f, intake)).toEqual({ situation, ...expected });
  });

  it('answers out of hours with intake no even when the cap would have refused the chat', () => {
    expect(decideRequest(facts('outOfHours', 'cap'), { outOfHours: false, cap: false })).toEqual({
      situation: 'outOfHours',
      ...SERVED,
      message: 'outOfHours',
      close: true,
    });
  });
});

describe('busyResendDue', () => {
  const SENT = T;

  it.each([
    ['4:59 later', { busyNoticeAt: SENT, firstReplyAt: null }, true, SENT + 4 * MIN + 59 * SEC, false],
    ['4:59.999 later', { busyNoticeAt: SENT, firstReplyAt: null }, true, SENT + 5 * MIN - 1, false],
    ['5:00 later', { busyNoticeAt: SENT, firstReplyAt: null }, true, SENT + 5 * MIN, true],
    ['an hour later', { busyNoticeAt: SENT, firstReplyAt: null }, true, SENT + HOUR, true],
    ['at once', { busyNoticeAt: SENT, firstReplyAt: null }, true, SENT, false],
    ['after the first operator reply', { busyNoticeAt: SENT, firstReplyAt: SENT + MIN }, true, SENT + HOUR, false],
    ['with busy switched off', { busyNoticeAt: SENT, firstReplyAt: null }, false, SENT + HOUR, false],
    ['when never sent before', { busyNoticeAt: null, firstReplyAt: null }, true, SENT + HOUR, false],
  ])('%s: due %s', (_case, chat, busyOn, now, expected) => {
    expect(busyResendDue(chat, busyOn, now)).toBe(expected);
  });
});

// --- the queue and the cap ----------------------------------------------------------

const chat = (id: number, over: Partial<QueuedChat> = {}): QueuedChat => ({
  id,
  status: 'active',
  operatorId: 1,
  admitted: true,
  createdAt: T - HOUR + id * SEC,
  assignedAt: T - HOUR + id * SEC,
  firstReplyAt: null,
  ...over,
});

describe('queueAhead', () => {
  const CHATS: QueuedChat[] = [
    chat(10, { assignedAt: T }),
    chat(11, { assignedAt: T + MIN, firstReplyAt: T + 2 * MIN }), // answered
    chat(12, { operatorId: 2, assignedAt: T + MIN }), // another operator's
    chat(13, { status: 'waiting', operatorId: 1, assignedAt: null, createdAt: T - DAY }), // waiting, in operator 1's queue
    chat(14, { assignedAt: T + 2 * MIN }),
    chat(15, { assignedAt: T + 2 * MIN }), // same time as 14: the lower id is ahead
    chat(16, { assignedAt: T + 3 * MIN }),
    chat(9, { createdAt: T - DAY, assignedAt: T + 5 * MIN }), // created first, assigned (transferred) last
    chat(17, { status: 'waiting', operatorId: null, assignedAt: null }),
    chat(18, { operatorId: 2, assignedAt: T + 4 * MIN }),
  ];

  it.each([
    // [chat, ahead, why]
    [10, 0, 'the first assigned has nobody ahead'],
    [11, 1, 'an answered chat still sees 10 ahead of it'],
    [14, 1, '10; not 11 (answered), not 12 (operator 2), not 13 (waiting)'],
    [15, 2, '10 and 14 (same time, lower id)'],
    [16, 3, '10, 14, 15'],
    [9, 4, '10, 14, 15, 16: assigned before it, though created after it'],
    [12, 0, 'operator 2’s first'],
    [18, 1, 'operator 2’s 12'],
    [17, 0, 'no operator'],
    [99, 0, 'an unknown chat'],
  ])('chat %i has %i ahead: %s', (id, expected) => {
    expect(queueAhead(CHATS, id)).toBe(expected);
  });

  it('does not depend on the order of the list', () => {
    expect(queueAhead([...CHATS].reverse(), 16)).toBe(3);
  });
});

describe('countsTowardCap', () => {
  const WEEK = 7 * DAY;

  it.each([
    ['created now', { createdAt: T }, true],
    ['created a minute ago, waiting', { createdAt: T - MIN, status: 'waiting' as const, operatorId: null }, true],
    ['6 days old', { createdAt: T - 6 * DAY }, true],
    ['just under 7 days old', { createdAt: T - WEEK + 1 }, true],
    ['exactly 7 days old', { createdAt: T - WEEK }, false],
    ['just over 7 days old', { createdAt: T - WEEK - 1 }, false],
    ['30 days old', { createdAt: T - 30 * DAY }, false],
    ['created now but not admitted', { createdAt: T, admitted: false }, false],
  ])('%s: counts %s', (_case, over, expected) => {
    expect(countsTowardCap(chat(1, over), T)).toBe(expected);
  });
});

describe('capExceeded', () => {
  const recent = (n: number, over: Partial<QueuedChat> = {}) => Array.from({ length: n }, (_, i) => chat(i + 1, { createdAt: T - i * MIN, ...over }));
  const ON3 = { enabled: true, limit: 3 };

  it.each([
    ['no chats', [], ON3, false],
    ['2 open, cap 3', recent(2), ON3, false],
    ['3 open, cap 3: a new one would go over', recent(3), ON3, true],
    ['4 open, cap 3', recent(4), ON3, true],
    ['3 open, some waiting for an operator', [...recent(2), chat(9, { status: 'waiting', operatorId: null })], ON3, true],
    ['3 open, one exactly 7 days old', [...recent(2), chat(9, { createdAt: T - 7 * DAY })], ON3, false],
    ['3 open, one just under 7 days old', [...recent(2), chat(9, { createdAt: T - 7 * DAY + 1 })], ON3, true],
    ['2 admitted and 5 held outside the cap', [...recent(2), ...recent(5, { admitted: false })], ON3, false],
    ['10 open, cap disabled', recent(10), { enabled: false, limit: 3 }, false],
    ['999 open, cap 1000', recent(999), { enabled: true, limit: 1000 }, false],
    ['1000 open, cap 1000', recent(1000), { enabled: true, limit: 1000 }, true],
  ])('%s: exceeded %s', (_case, chats, cap, expected) => {
    expect(capExceeded(chats.filter((c) => countsTowardCap(c, T)).length, cap)).toBe(expected);
  });
});

describe('admissible', () => {
  const admitted = (id: number, createdAt = T - HOUR) => chat(id, { createdAt });
  const held = (id: number) => chat(id, { admitted: false, status: 'waiting', operatorId: null, assignedAt: null, createdAt: T - MIN * (100 - id) });
  // Held chats listed out of order: the oldest (lowest id) goes first.
  const HELD = [held(5), held(3), held(4)];

  it.each([
    ['cap 4 with 2 open: room for 2', [admitted(1), admitted(2), ...HELD], { enabled: true, limit: 4 }, [3, 4]],
    ['cap 5 with 2 open: room for 3', [admitted(1), admitted(2), ...HELD], { enabled: true, limit: 5 }, [3, 4, 5]],
    ['cap 100 with 2 open: everyone, oldest first', [admitted(1), admitted(2), ...HELD], { enabled: true, limit: 100 }, [3, 4, 5]],
    ['cap 3 with 2 open: room for 1', [admitted(1), admitted(2), ...HELD], { enabled: true, limit: 3 }, [3]],
    ['cap 3 with 3 open: no room', [admitted(1), admitted(2), admitted(6), ...HELD], { enabled: true, limit: 3 }, []],
    ['cap 3 with 5 open: no room, never negative', [1, 2, 6, 7, 8].map((id) => admitted(id)).concat(HELD), { enabled: true, limit: 3 }, []],
    ['an open chat 7 days old takes no room', [admitted(1, T - 7 * DAY), admitted(2), admitted(6), ...HELD], { enabled: true, limit: 3 }, [3]],
    ['cap disabled: every held chat, oldest first', [admitted(1), admitted(2), admitted(6), ...HELD], { enabled: false, limit: 3 }, [3, 4, 5]],
    ['nothing held', [admitted(1)], { enabled: true, limit: 3 }, []],
  ])('%s', (_case, chats, cap, expected) => {
    expect(admissible(chats, cap, T)).toEqual(expected);
  });
});

// --- texts ----------------------------------------------------------------------------

describe('fillPlaceholders', () => {
  it.each([
    ['Hi, this is [counselor_name].', { counselor_name: 'Mina' }, 'Hi, this is Mina.'],
    ['[category_name] / [division_name]', { category_name: 'Billing', division_name: 'Refunds' }, 'Billing / Refunds'],
    ['There are [counsel_count] chats ahead of you.', { counsel_count: '3' }, 'There are 3 chats ahead of you.'],
    ['[counsel_count] and again [counsel_count]', { counsel_count: '2' }, '2 and again 2'],
    ['안녕하세요, 상담사 [counselor_name]입니다.', { counselor_name: '김민지' }, '안녕하세요, 상담사 김민지입니다.'],
    ['A value is inserted as is: [counselor_name]', { counselor_name: '$& $1 $$' }, 'A value is inserted as is: $& $1 $$'],
    ['No placeholders here.', { counselor_name: 'Mina' }, 'No placeholders here.'],
    ['Prices [in EUR] and [] stay as written', {}, 'Prices [in EUR] and [] stay as written'],
    // Unknown or missing placeholders are dropped, never sent raw; the spaces around them close up.
    ['Welcome [customer] to our shop', {}, 'Welcome to our shop'],
    ['Thanks [customer]', {}, 'Thanks'],
    ['[customer] Hello', { counselor_name: 'Mina' }, 'Hello'],
    ['Hi [counselor_name] here', {}, 'Hi here'],
    // Names that exist on every object are not values.
    ['Hi [constructor] there', {}, 'Hi there'],
    ['Hi [toString] there', {}, 'Hi there'],
    ['Hi [__proto__] there', {}, 'Hi there'],
    ['Hi [hasOwnProperty] there', { counselor_name: 'Mina' }, 'Hi there'],
  ])('%j with %j: %j', (text, values, expected) => {
    expect(fillPlaceholders(text, values)).toBe(expected);
  });
});

describe('localeOf', () => {
  it.each([
    ['ko-KR', 'ko'],
    ['ko', 'ko'],
    ['KO-kr', 'ko'],
    ['ko_KR', 'ko'],
    ['fr-CA', 'fr'],
    ['fr', 'fr'],
    ['FR-fr', 'fr'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['de-DE', 'en'],
    ['ja', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
    // Other languages whose codes merely start with ko / fr.
    ['kok-IN', 'en'], // Konkani
    ['kos', 'en'], // Kosraean
    ['frr', 'en'], // North Frisian
    ['fro', 'en'], // Old French
  ] as Array<[string | null | undefined, Locale]>)('%j is %s', (language, expected) => {
    expect(localeOf(language)).toBe(expected);
  });
});

describe('automaticText', () => {
  const DEFAULT = { text: null };
  const VALUES = { counselor_name: 'Mina', category_name: 'Billing', division_name: 'Refunds', counsel_count: '2' };

  it.each([
    ['en', 'greeting', 'Hi, this is Mina. How can I help you today?'],
    ['ko', 'greeting', '안녕하세요, 상담사 Mina입니다. 무엇을 도와드릴까요?'],
    ['fr', 'greeting', 'Bonjour, ici Mina. Comment puis-je vous aider ?'],
    ['en', 'title', 'Billing / Refunds'],
    ['ko', 'title', 'Billing / Refunds'],
    ['en', 'unavailable', 'Chat is unavailable right now.'],
    ['ko', 'unavailable', '지금은 상담을 이용할 수 없습니다.'],
    ['fr', 'unavailable', 'Le chat n’est pas disponible pour le moment.'],
    ['en', 'outOfHours', 'We are closed right now. Leave a message and we will reply when we open.'],
    ['ko', 'outOfHours', '지금은 상담 시간이 아닙니다. 메시지를 남겨 주시면 상담 시간에 답변 드리겠습니다.'],
    ['fr', 'outOfHours', 'Nous sommes fermés. Laissez un message et nous vous répondrons à l’ouverture.'],
  ] as Array<[Locale, AutomaticKind, string]>)('%s %s, default text: %j', (locale, kind, expected) => {
    expect(automaticText(kind, DEFAULT, locale, VALUES)).toBe(expected);
  });

  const nonMeal = AUTOMATIC_KINDS.filter((k) => k !== 'meal');
  it.each((['en', 'ko', 'fr'] as const).flatMap((locale) => nonMeal.map((kind) => [locale, kind] as const)))(
    '%s %s: the default text of that language, with every placeholder filled',
    (locale, kind) => {
      const text = automaticText(kind, DEFAULT, locale, VALUES, '12:30');
      expect(text).toBe(fillPlaceholders(DEFAULT_TEXTS[locale][kind], VALUES));
      expect(text).not.toMatch(/\[[A-Za-z0-9_]+\]/);
      expect(text).not.toContain('{until}');
    },
  );

  it.each(['en', 'ko', 'fr'] as const)('%s queue count, default text: the number of chats ahead is in it', (locale) => {
    const text = automaticText('queue', DEFAULT, locale, { counsel_count: '7' });
    expect(text).toContain('7');
    expect(text).toBe(DEFAULT_TEXTS[locale].queue.replace('[counsel_count]', '7'));
  });

  it('has a default text for every message in every language, different per language', () => {
    for (const kind of AUTOMATIC_KINDS) {
      for (const locale of ['en', 'ko', 'fr'] as const) expect(DEFAULT_TEXTS[locale][kind].trim()).not.toBe('');
      if (kind !== 'title') expect(new Set([DEFAULT_TEXTS.en[kind], DEFAULT_TEXTS.ko[kind], DEFAULT_TEXTS.fr[kind]]).size).toBe(3);
    }
  });

  it('uses the marketer’s text over the default, in every language', () => {
    const text = { text: 'Back at [counselor_name]’s desk soon.' };
    for (const locale of ['en', 'ko', 'fr'] as const) {
      expect(automaticText('greeting', text, locale, VALUES)).toBe('Back at Mina’s desk soon.');
    }
  });

  it('never sends a placeholder raw, known but missing or unknown', () => {
    expect(automaticText('greeting', DEFAULT, 'en', {})).not.toContain('[');
    expect(automaticText('greeting', { text: 'Hi [customer] I am [counselor_name].' }, 'en', VALUES)).toBe('Hi I am Mina.');
  });

  describe('the meal message opens with a fixed sentence', () => {
    it.each([
      ['en', '12:30', 'Hello, chat is unavailable for our meal break until 12:30. We will reply as soon as we are back.'],
      ['ko', '12:30', '안녕하세요, 식사 시간으로 12:30까지 상담이 어렵습니다. 식사 후 바로 답변 드리겠습니다.'],
      ['fr', '12:30', 'Bonjour, le chat est indisponible pendant notre pause repas jusqu’à 12:30. Nous vous répondrons dès notre retour.'],
      ['en', '13:45', 'Hello, chat is unavailable for our meal break until 13:45. We will reply as soon as we are back.'],
      // A per-operator meal: "right now" instead of the end.
      ['en', null, 'Hello, chat is unavailable for our meal break right now. We will reply as soon as we are back.'],
      ['ko', null, '안녕하세요, 지금은 식사 시간으로 상담이 어렵습니다. 식사 후 바로 답변 드리겠습니다.'],
      ['fr', null, 'Bonjour, le chat est indisponible pour notre pause repas en ce moment. Nous vous répondrons dès notre retour.'],
      ['en', undefined, 'Hello, chat is unavailable for our meal break right now. We will reply as soon as we are back.'],
    ] as Array<[Locale, string | null | undefined, string]>)('%s, until %s: %j', (locale, mealUntil, expected) => {
      expect(automaticText('meal', DEFAULT, locale, {}, mealUntil)).toBe(expected);
    });

    it.each(['en', 'ko', 'fr'] as const)('%s: the prefix comes from MEAL_PREFIX, then the marketer’s text', (locale) => {
      const text = { text: 'Back at one.' };
      expect(automaticText('meal', text, locale, {}, '12:30')).toBe(`${MEAL_PREFIX[locale].until.replace('{until}', '12:30')} Back at one.`);
      expect(automaticText('meal', text, locale, {}, null)).toBe(`${MEAL_PREFIX[locale].now} Back at one.`);
    });

    it('starts with the English sentence the product names', () => {
      expect(automaticText('meal', DEFAULT, 'en', {}, '12:30').startsWith('Hello, chat is unavailable for our meal break until 12:30.')).toBe(true);
    });

    it('sends the prefix alone when the text leaves nothing', () => {
      expect(automaticText('meal', { text: '[customer]' }, 'en', {}, '12:30')).toBe('Hello, chat is unavailable for our meal break until 12:30.');
    });

    it('is the only message with a prefix', () => {
      expect(automaticText('busy', DEFAULT, 'en', {}, '12:30')).toBe(DEFAULT_TEXTS.en.busy);
      expect(automaticText('unavailable', { text: 'Closed.' }, 'en', {}, '12:30')).toBe('Closed.');
    });
  });
});

describe('unknownPlaceholders', () => {
  it.each([
    ['Hi, this is [counselor_name].', PLACEHOLDERS.greeting, []],
    ['Hi [customer], this is [counselor_name].', PLACEHOLDERS.greeting, ['customer']],
    ['[category_name] / [division_name]', PLACEHOLDERS.title, []],
    ['[category_name] / [counselor_name]', PLACEHOLDERS.title, ['counselor_name']],
    ['[counsel_count] ahead', PLACEHOLDERS.queue, []],
    ['[counselor_name] is busy', PLACEHOLDERS.busy, ['counselor_name']],
    ['[a] [b_2] [C]', [], ['a', 'b_2', 'C']],
    ['[Counselor_Name] is case-sensitive', PLACEHOLDERS.greeting, ['Counselor_Name']],
    ['No placeholder, [not one], []', [], []],
    ['', PLACEHOLDERS.greeting, []],
  ] as Array<[string, readonly string[], string[]]>)('%j allowing %j: %j', (text, allowed, expected) => {
    expect(unknownPlaceholders(text, allowed)).toEqual(expected);
  });
});

// --- the settings on the wire ---------------------------------------------------------

describe('AvailabilitySchema', () => {
  const valid = (): AvailabilitySettings => defaultAvailability();
  const issues = (input: unknown): string[] => {
    const r = AvailabilitySchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const withSettings = (change: (s: AvailabilitySettings) => void): AvailabilitySettings => {
    const s = valid();
    change(s);
    return s;
  };
  const meal = (start: string, end: string): MealTime => ({ operatorId: null, days: ['mon'], start, end, intake: false });
  const button = (n: number) => ({ label: `Link ${n}`, url: `https://example.com/${n}` });

  it('accepts the defaults', () => {
    expect(AvailabilitySchema.safeParse(valid()).success).toBe(true);
  });

  it.each([
    ['cap 3', (s: AvailabilitySettings) => void (s.cap.limit = 3)],
    ['cap 1000', (s: AvailabilitySettings) => void (s.cap.limit = 1000)],
    ['a meal 12:00–13:00', (s: AvailabilitySettings) => void (s.meals = [meal('12:00', '13:00')])],
    ['a partial holiday', (s: AvailabilitySettings) => void (s.holidays = [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] }])],
    ['a text of 200 characters', (s: AvailabilitySettings) => void (s.messages.busy.text = 'x'.repeat(200))],
    ['3 buttons', (s: AvailabilitySettings) => void (s.messages.unavailable.buttons = [button(1), button(2), button(3)])],
    ['a greeting with [counselor_name]', (s: AvailabilitySettings) => void (s.messages.greeting.text = 'Hi, I am [counselor_name].')],
    ['an uploaded image', (s: AvailabilitySettings) => void (s.messages.meal.image = '/files/abcDEF_123-xyz')],
  ])('accepts %s', (_case, change) => {
    expect(issues(withSettings(change))).toEqual([]);
  });

  it.each([
    ['cap 2', (s: AvailabilitySettings) => void (s.cap.limit = 2), 'cap.limit: The chat cap is between 3 and 1000'],
    ['cap 1001', (s: AvailabilitySettings) => void (s.cap.limit = 1001), 'cap.limit: The chat cap is between 3 and 1000'],
    ['a meal ending before it starts', (s: AvailabilitySettings) => void (s.meals = [meal('13:00', '12:00')]), 'meals.0.end: '],
    ['a meal ending when it starts', (s: AvailabilitySettings) => void (s.meals = [meal('12:00', '12:00')]), 'meals.0.end: '],
    [
      'a holiday period ending before it starts',
      (s: AvailabilitySettings) => void (s.holidays = [{ date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '14:00', end: '10:00' }] }]),
      'holidays.0.hours.0.end: ',
    ],
    ['a text of 201 characters', (s: AvailabilitySettings) => void (s.messages.busy.text = 'x'.repeat(201)), 'messages.busy.text: The text can be at most 200 characters'],
    [
      'a 4th button',
      (s: AvailabilitySettings) => void (s.messages.unavailable.buttons = [button(1), button(2), button(3), button(4)]),
      'messages.unavailable.buttons: At most 3 buttons',
    ],
    [
      'an unknown placeholder in the greeting',
      (s: AvailabilitySettings) => void (s.messages.greeting.text = 'Hello [customer], I am [counselor_name].'),
      'messages.greeting.text: Unknown placeholder [customer]; this message can use [counselor_name]',
    ],
    [
      'a placeholder in a message that takes none',
      (s: AvailabilitySettings) => void (s.messages.busy.text = 'Sorry, [counselor_name] is busy.'),
      'messages.busy.text: Unknown placeholder [counselor_name]; this message takes no placeholders',
    ],
    [
      'an image on another site',
      (s: AvailabilitySettings) => void (s.messages.meal.image = 'https://example.com/lunch.png'),
      'messages.meal.image: image must be the address of an uploaded file',
    ],
    [
      'an image path outside /files/',
      (s: AvailabilitySettings) => void (s.messages.meal.image = '/files/../etc/passwd'),
      'messages.meal.image: image must be the address of an uploaded file',
    ],
  ])('refuses %s with a clear message', (_case, change, message) => {
    const input = withSettings(change);
    expect(AvailabilitySchema.safeParse(input).success).toBe(false);
    const found = issues(input);
    expect(found).toHaveLength(1);
    expect(found[0]!.startsWith(message)).toBe(true);
  });

  it('says what is wrong with a period that ends before it starts', () => {
    const r = AvailabilitySchema.safeParse(withSettings((s) => void (s.meals = [meal('13:00', '12:00')])));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('A meal time must end after it starts');
    const holiday = AvailabilitySchema.safeParse(withSettings((s) => void (s.holidays = [{ date: '2026-12-24', name: 'Eve', hours: [{ start: '14:00', end: '09:00' }] }])));
    expect(holiday.error?.issues[0]?.message).toBe('Holiday hours must end after they start');
  });
});
