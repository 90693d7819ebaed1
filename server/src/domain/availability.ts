/**
 * Availability: whether a chat request can be served now, which single automatic message
 * answers it, who gets it, and the texts. Pure: settings, facts and the time are passed in.
 *
 * Precedence, when several situations apply at once (the first wins, one message is sent):
 *   stopped > blocked > out of hours > meal > cap > unavailable > busy
 * Greeting, title and queue count are not situations: they are sent beside any of these.
 */
import {
  AVAILABILITY_LIMITS,
  CAP_REFUSED,
  DEFAULT_TEXTS,
  MEAL_PREFIX,
  placeholdersIn,
  type AutomaticKind,
  type AutomaticMessage,
  type Holiday,
  type Locale,
  type MealTime,
  type OperatorStatus,
} from '../protocol/availability-shared.js';
import type { BusinessHours } from '../protocol/proactive.js';
import { wallClock } from './schedule.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// --- business hours and holidays ----------------------------------------------------

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day YYYY-MM-DD on the wall clock of `timeZone` at `now`. */
export function localDate(timeZone: string, now: number): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return f.format(now);
}

/** Open at `now`: a holiday's own hours replace the weekly ones for its date (none: closed all day). */
export function openAt(hours: BusinessHours, holidays: readonly Holiday[], now: number): boolean {
  const { day, time } = wallClock(hours.timeZone, now);
  const holiday = holidays.length ? holidays.find((h) => h.date === localDate(hours.timeZone, now)) : undefined;
  const periods = holiday ? holiday.hours : hours.days[day];
  return periods.some((i) => i.start <= time && time < i.end);
}

// --- meal times and operator status -------------------------------------------------

/**
 * The meal in progress at `now`. With an operator id: everyone's meal or that operator's own;
 * with null: everyone's meal only.
 */
export function mealAt(meals: readonly MealTime[], operatorId: number | null, timeZone: string, now: number): MealTime | null {
  if (!meals.length) return null;
  const { day, time } = wallClock(timeZone, now);
  return (
    meals.find(
      (m) => (m.operatorId === null || m.operatorId === operatorId) && m.days.includes(day) && m.start <= time && time < m.end,
    ) ?? null
  );
}

/** The status others see: a meal time sets "meal" on its own, except for an operator who is offline. */
export function effectiveStatus(chosen: OperatorStatus, meal: MealTime | null): OperatorStatus {
  return chosen !== 'offline' && meal ? 'meal' : chosen;
}

export interface OperatorFacts {
  id: number;
  /** The effective status. */
  status: OperatorStatus;
  /** Has the panel open (an operator stream is listening). */
  connected: boolean;
  /** Chats the operator is serving now. */
  openChats: number;
  capacity: number;
  /** When the operator last got a chat; null when never. */
  lastAssignedAt: number | null;
  /** On a meal that keeps taking chats. */
  mealIntake: boolean;
}

/** Can take a chat at all (capacity aside): online, or on a meal that keeps taking chats, with the panel open. */
export function available(o: OperatorFacts): boolean {
  return o.connected && (o.status === 'online' || (o.status === 'meal' && o.mealIntake));
}

/** Automatic distribution: the least busy available operator with room; ties go to whoever waited longest. */
export function chooseOperator(operators: readonly OperatorFacts[]): number | null {
  let best: OperatorFacts | null = null;
  for (const o of operators) {
    if (!available(o) || o.openChats >= o.capacity) continue;
    if (
      !best ||
      o.openChats < best.openChats ||
      (o.openChats === best.openChats && (o.lastAssignedAt ?? -Infinity) < (best.lastAssignedAt ?? -Infinity)) ||
      (o.openChats === best.openChats && o.lastAssignedAt === best.lastAssignedAt && o.id < best.id)
    ) {
      best = o;
    }
  }
  return best?.id ?? null;
}

// --- the chat request -----------------------------------------------------------------

export const PRECEDENCE = ['stopped', 'blocked', 'outOfHours', 'meal', 'cap', 'unavailable', 'busy'] as const;
export type Situation = (typeof PRECEDENCE)[number];

export interface RequestFacts {
  chatStopped: boolean;
  blocked: boolean;
  /** Business hours apply to chat (the out-of-hours message is on) and it is outside them. */
  outOfHours: boolean;
  /** Everyone's meal without intake, or every available-otherwise operator on their own meal. */
  meal: boolean;
  capExceeded: boolean;
  /** Some operator could take a chat (online, or on a meal that takes chats, with the panel open). */
  anyoneAvailable: boolean;
  /** The busy notice is switched on. */
  busy: boolean;
}

/** Which situation answers a chat request; null when it is served normally. */
export function situationOf(f: RequestFacts): Situation | null {
  if (f.chatStopped) return 'stopped';
  if (f.blocked) return 'blocked';
  if (f.outOfHours) return 'outOfHours';
  if (f.meal) return 'meal';
  if (f.capExceeded) return 'cap';
  if (!f.anyoneAvailable) return 'unavailable';
  if (f.busy) return 'busy';
  return null;
}

/** Why a created chat waits instead of being distributed. */
export type Hold = 'hours' | 'meal' | 'cap' | 'unavailable';

export interface RequestOutcome {
  situation: Situation | null;
  /** The automatic message that answers the request, if any. */
  message: AutomaticKind | null;
  /** false: no conversation is created and the visitor's message is refused. */
  create: boolean;
  /** The visitor's input is blocked (chat stopped, visitor blocked). */
  blockInput: boolean;
  /** The chat is closed right after the message (out of hours without intake). */
  close: boolean;
  /** false: the chat waits outside the cap until there is room. */
  admitted: boolean;
  hold: Hold | null;
}

export function decideRequest(f: RequestFacts, intake: { outOfHours: boolean; cap: boolean }): RequestOutcome {
  const situation = situationOf(f);
  const base: RequestOutcome = { situation, message: null, create: true, blockInput: false, close: false, admitted: true, hold: null };
  switch (situation) {
    case 'stopped':
    case 'blocked':
      return { ...base, message: 'unavailable', create: false, blockInput: true };
    case 'outOfHours':
      return intake.outOfHours ? { ...base, message: 'outOfHours', hold: 'hours' } : { ...base, message: 'outOfHours', close: true };
    case 'meal':
      return { ...base, message: 'meal', hold: 'meal' };
    case 'cap':
      return intake.cap ? { ...base, message: 'cap', admitted: false, hold: 'cap' } : { ...base, message: 'cap', create: false };
    case 'unavailable':
      return { ...base, message: 'unavailable', hold: 'unavailable' };
    case 'busy':
      return { ...base, message: 'busy' };
    case null:
      return base;
  }
}

// --- the queue --------------------------------------------------------------------------

/** The slice of an open chat the queue looks at. */
export interface QueuedChat {
  id: number;
  status: 'waiting' | 'active';
  operatorId: number | null;
  admitted: boolean;
  createdAt: number;
  assignedAt: number | null;
  firstReplyAt: number | null;
  /** Routing: its place in the queue, its department, and who passed it on (see routing.ts). */
  queuedAt?: number;
  departmentId?: number | null;
  passedBy?: number | null;
}

/** Open chats created before this moment no longer count toward the cap (7 days back). */
export function capWindowStart(now: number): number {
  return now - AVAILABILITY_LIMITS.capWindowDays * DAY;
}

/** The cap counts open chats (waiting or in progress) created in the last 7 days that were admitted. */
export function countsTowardCap(c: QueuedChat, now: number): boolean {
  return c.admitted && c.createdAt > capWindowStart(now);
}

/** A new chat would go over the cap: the open chats that count already fill it. */
export function capExceeded(openTowardCap: number, cap: { enabled: boolean; limit: number }): boolean {
  return cap.enabled && openTowardCap >= cap.limit;
}

/** Chats that may be admitted now, oldest first, given the room under the cap. */
export function admissible(chats: readonly QueuedChat[], cap: { enabled: boolean; limit: number }, now: number): number[] {
  const waiting = chats.filter((c) => !c.admitted).sort((a, b) => a.id - b.id);
  if (!cap.enabled) return waiting.map((c) => c.id);
  const open = chats.filter((c) => countsTowardCap(c, now)).length;
  return waiting.slice(0, Math.max(0, cap.limit - open)).map((c) => c.id);
}

/** Unanswered chats of the same operator that got to them before this one. */
export function queueAhead(chats: readonly QueuedChat[], chatId: number): number {
  const me = chats.find((c) => c.id === chatId);
  if (!me || me.operatorId === null) return 0;
  const mine = me.assignedAt ?? me.createdAt;
  return chats.filter(
    (c) =>
      c.id !== chatId &&
      c.operatorId === me.operatorId &&
      c.status === 'active' &&
      c.firstReplyAt === null &&
      ((c.assignedAt ?? c.createdAt) < mine || ((c.assignedAt ?? c.createdAt) === mine && c.id < chatId)),
  ).length;
}

/** Chats each operator is serving now. */
export function loads(chats: readonly QueuedChat[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const c of chats) if (c.status === 'active' && c.operatorId !== null) m.set(c.operatorId, (m.get(c.operatorId) ?? 0) + 1);
  return m;
}

// --- the busy notice --------------------------------------------------------------------

/** A visitor's new message brings the busy notice again: 5 minutes after the last one, until an operator replied. */
export function busyResendDue(
  c: { busyNoticeAt: number | null; firstReplyAt: number | null },
  busyOn: boolean,
  now: number,
): boolean {
  return (
    busyOn && c.busyNoticeAt !== null && c.firstReplyAt === null && now - c.busyNoticeAt >= AVAILABILITY_LIMITS.busyResendMinutes * MINUTE
  );
}

// --- texts ------------------------------------------------------------------------------

/** Replaces known placeholders; any other `[name]` is dropped, never sent raw. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text
    .replace(/\[([A-Za-z0-9_]+)\]/g, (_, name: string) => (Object.hasOwn(values, name) ? values[name]! : ''))
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function localeOf(language: string | null | undefined): Locale {
  // The primary subtag only: "kok" (Konkani) is not Korean, "frr" (North Frisian) not French.
  const l = (language ?? '').toLowerCase().split(/[-_]/)[0];
  return l === 'ko' ? 'ko' : l === 'fr' ? 'fr' : 'en';
}

/**
 * The text of an automatic message in a language. The meal message opens with a fixed
 * sentence: until the end of everyone's meal (HH:MM), or "right now" for an operator's own.
 */
export function automaticText(
  kind: AutomaticKind,
  message: Pick<AutomaticMessage, 'text'>,
  locale: Locale,
  values: Readonly<Record<string, string>> = {},
  mealUntil?: string | null,
  opts: { refused?: boolean } = {},
): string {
  // Without intake, the cap's default text must not promise a place in the queue.
  const fallback = kind === 'cap' && opts.refused ? CAP_REFUSED[locale] : DEFAULT_TEXTS[locale][kind];
  const body = fillPlaceholders(message.text ?? fallback, values);
  if (kind !== 'meal') return body;
  const prefix = mealUntil ? MEAL_PREFIX[locale].until.replace('{until}', mealUntil) : MEAL_PREFIX[locale].now;
  return body ? `${prefix} ${body}` : prefix;
}

/** Placeholders a text uses that its message does not know. */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  return placeholdersIn(text).filter((p) => !allowed.includes(p));
}
