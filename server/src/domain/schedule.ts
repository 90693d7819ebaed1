/** Business hours: a weekly schedule in the account's IANA time zone. Pure: time is passed in. */
import { WEEKDAYS, type BusinessHours, type Weekday } from '../protocol/proactive.js';

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'UTC',
  days: {
    mon: [{ start: '09:00', end: '18:00' }],
    tue: [{ start: '09:00', end: '18:00' }],
    wed: [{ start: '09:00', end: '18:00' }],
    thu: [{ start: '09:00', end: '18:00' }],
    fri: [{ start: '09:00', end: '18:00' }],
    sat: [],
    sun: [],
  },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The weekday and "HH:MM" on the wall clock of `timeZone` at `now` (DST included). */
export function wallClock(timeZone: string, now: number): { day: Weekday; time: string } {
  let day = 'mon';
  let hour = '00';
  let minute = '00';
  for (const part of formatter(timeZone).formatToParts(now)) {
    if (part.type === 'weekday') day = part.value.slice(0, 3).toLowerCase();
    else if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return { day: (WEEKDAYS as readonly string[]).includes(day) ? (day as Weekday) : 'mon', time: `${hour}:${minute}` };
}

/** True when `now` falls in an opening period: from its start, up to but not including its end. */
export function isOpen(hours: BusinessHours, now: number): boolean {
  const { day, time } = wallClock(hours.timeZone, now);
  return hours.days[day].some((i) => i.start <= time && time < i.end);
}
