/**
 * Availability and automatic messages: the values and types the browser needs at run time,
 * without zod, so the widget and the admin can import them without bundling it.
 * protocol/availability.ts re-exports all of it beside its schemas.
 */
import type { Weekday } from './proactive-shared.js';

/** An opening period on the wall clock, HH:MM to HH:MM (24:00 ends the day). */
export interface Interval {
  start: string;
  end: string;
}

export const AVAILABILITY_LIMITS = {
  /** Characters of an automatic message's editable text. */
  text: 200,
  buttons: 3,
  buttonLabel: 40,
  url: 2048,
  /** Bytes of an automatic message's image (jpg or png). */
  imageBytes: 2 * 1024 * 1024,
  holidays: 100,
  holidayName: 80,
  meals: 50,
  categories: 30,
  divisions: 30,
  categoryName: 60,
  capMin: 3,
  capMax: 1000,
  /** Days an open chat counts toward the cap after it was created. */
  capWindowDays: 7,
  /** Minutes after the last busy notice before a visitor's next message brings another. */
  busyResendMinutes: 5,
} as const;

export const LOCALES = ['en', 'ko', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The automatic messages, in the order the admin lists them. */
export const AUTOMATIC_KINDS = ['greeting', 'title', 'busy', 'queue', 'outOfHours', 'unavailable', 'meal', 'cap'] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];

/** The placeholders each message may use; any other `[name]` is refused when the text is saved. */
export const PLACEHOLDERS: Record<AutomaticKind, readonly string[]> = {
  greeting: ['counselor_name'],
  title: ['category_name', 'division_name'],
  busy: [],
  queue: ['counsel_count'],
  outOfHours: [],
  unavailable: [],
  meal: [],
  cap: [],
};

export const OPERATOR_STATUSES = ['online', 'break', 'meal', 'offline'] as const;
export type OperatorStatus = (typeof OPERATOR_STATUSES)[number];

export const DISTRIBUTIONS = ['automatic', 'manual'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export interface LinkButton {
  label: string;
  url: string;
}

export interface AutomaticMessage {
  enabled: boolean;
  /** The marketer's text; null sends the default text in the visitor's language. */
  text: string | null;
  /** The address of an uploaded jpg/png, or null. */
  image: string | null;
  buttons: LinkButton[];
}

export interface Holiday {
  /** A calendar day in the account's time zone, YYYY-MM-DD. */
  date: string;
  name: string;
  /** Opening periods that day; empty closes the whole day. */
  hours: Interval[];
}

export interface MealTime {
  /** null: everyone's meal; otherwise this operator's own. */
  operatorId: number | null;
  days: Weekday[];
  start: string;
  end: string;
  /** true: chats keep being taken and distributed during the meal; false: the meal message is sent and chats wait. */
  intake: boolean;
}

export interface Category {
  name: string;
  divisions: string[];
}

export interface AvailabilitySettings {
  /** The global switch: no chat can start while it is on. */
  chatStopped: boolean;
  distribution: Distribution;
  /** The launcher shows an "away" state outside business hours. */
  launcherAway: boolean;
  holidays: Holiday[];
  meals: MealTime[];
  /** Out of hours with intake: the chat waits for the next opening; without: it closes after the message. */
  outOfHoursIntake: boolean;
  cap: { enabled: boolean; limit: number; intake: boolean };
  categories: Category[];
  messages: Record<AutomaticKind, AutomaticMessage>;
  /** Operators may ask visitors to rate the chat good or bad. */
  rating: boolean;
}

/** What a visitor's widget needs before anyone writes: whether it may, and what to offer. */
export interface VisitorAvailability {
  /** Outside business hours (the launcher may show "away" when the account asks for it). */
  away: boolean;
  /** Set when the visitor cannot start a chat at all: the input is blocked with this reason. */
  blocked: string | null;
  categories: Category[];
}

/** Default texts, used when a message's text is null, in each widget language. */
export const DEFAULT_TEXTS: Record<Locale, Record<AutomaticKind, string>> = {
  en: {
    greeting: 'Hi, this is [counselor_name]. How can I help you today?',
    title: '[category_name] / [division_name]',
    busy: 'We are busier than usual right now. Thank you for your patience: we will reply as soon as we can.',
    queue: 'Chats ahead of yours: [counsel_count]. We will be with you shortly.',
    outOfHours: 'We are closed right now. Leave a message and we will reply when we open.',
    unavailable: 'Chat is unavailable right now.',
    meal: 'We will reply as soon as we are back.',
    cap: 'All our operators are busy. Your chat is in the queue and will start as soon as someone is free.',
  },
  ko: {
    greeting: '안녕하세요, 상담사 [counselor_name]입니다. 무엇을 도와드릴까요?',
    title: '[category_name] / [division_name]',
    busy: '지금은 문의가 많아 답변이 늦어질 수 있습니다. 최대한 빨리 답변 드리겠습니다.',
    queue: '고객님 앞에 [counsel_count]건의 상담이 대기 중입니다. 잠시만 기다려 주세요.',
    outOfHours: '지금은 상담 시간이 아닙니다. 메시지를 남겨 주시면 상담 시간에 답변 드리겠습니다.',
    unavailable: '지금은 상담을 이용할 수 없습니다.',
    meal: '식사 후 바로 답변 드리겠습니다.',
    cap: '모든 상담사가 상담 중입니다. 대기 순서에 따라 곧 연결해 드리겠습니다.',
  },
  fr: {
    greeting: 'Bonjour, ici [counselor_name]. Comment puis-je vous aider ?',
    title: '[category_name] / [division_name]',
    busy: 'Nous sommes plus sollicités que d’habitude. Merci de votre patience : nous répondons dès que possible.',
    queue: 'Conversations avant la vôtre : [counsel_count]. Nous arrivons bientôt.',
    outOfHours: 'Nous sommes fermés. Laissez un message et nous vous répondrons à l’ouverture.',
    unavailable: 'Le chat n’est pas disponible pour le moment.',
    meal: 'Nous vous répondrons dès notre retour.',
    cap: 'Tous nos conseillers sont occupés. Votre conversation est en file d’attente et commencera dès qu’une personne sera libre.',
  },
};

/** The cap's default text when the chat is refused (no intake) rather than queued. */
export const CAP_REFUSED: Record<Locale, string> = {
  en: 'All our operators are busy right now. Please try again in a few minutes.',
  ko: '지금은 모든 상담사가 상담 중입니다. 잠시 후 다시 시도해 주세요.',
  fr: 'Tous nos conseillers sont occupés. Merci de réessayer dans quelques minutes.',
};

/** The fixed prefix of the meal message, before its editable text. `{until}` is HH:MM or "right now". */
export const MEAL_PREFIX: Record<Locale, { until: string; now: string }> = {
  en: { until: 'Hello, chat is unavailable for our meal break until {until}.', now: 'Hello, chat is unavailable for our meal break right now.' },
  ko: { until: '안녕하세요, 식사 시간으로 {until}까지 상담이 어렵습니다.', now: '안녕하세요, 지금은 식사 시간으로 상담이 어렵습니다.' },
  fr: { until: 'Bonjour, le chat est indisponible pendant notre pause repas jusqu’à {until}.', now: 'Bonjour, le chat est indisponible pour notre pause repas en ce moment.' },
};

/** Placeholder names used in a text: `[name]` where name is letters, digits or _. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\[([A-Za-z0-9_]+)\]/g)].map((m) => m[1]!);
}

export function defaultAvailability(): AvailabilitySettings {
  const message = (enabled: boolean): AutomaticMessage => ({ enabled, text: null, image: null, buttons: [] });
  return {
    chatStopped: false,
    distribution: 'manual',
    launcherAway: false,
    holidays: [],
    meals: [],
    outOfHoursIntake: true,
    cap: { enabled: false, limit: 100, intake: true },
    categories: [],
    rating: false,
    messages: {
      greeting: message(false),
      title: message(false),
      busy: message(false),
      queue: message(true),
      outOfHours: message(false),
      unavailable: message(true),
      meal: message(true),
      cap: message(true),
    },
  };
}
