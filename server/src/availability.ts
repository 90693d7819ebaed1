/**
 * Availability: account settings, who is connected and in which status, and the facts the
 * domain rules in domain/availability.ts decide on. ChatService applies the decisions.
 */
import { TRPCError } from '@trpc/server';
import type { OperatorSession } from './chat.js';
import {
  available,
  capExceeded,
  capWindowStart,
  decideRequest,
  effectiveStatus,
  loads,
  mealAt,
  openAt,
  type OperatorFacts,
  type QueuedChat,
  type RequestOutcome,
} from './domain/availability.js';
import {
  AUTOMATIC_KINDS,
  defaultAvailability,
  type AvailabilitySettings,
  type Locale,
  type OperatorStatus,
  type VisitorAvailability,
} from './protocol/availability.js';
import type { OperatorPresence } from './protocol/index.js';
import type { BusinessHours } from './protocol/proactive.js';
import type { SqliteStore } from './store/sqlite.js';
import { automaticText } from './domain/availability.js';

/** What the decision for one chat request rests on, kept for the messages it leads to. */
export interface RequestDecision extends RequestOutcome {
  /** End of everyone's meal (HH:MM) when the meal message applies; null for an operator's own meal. */
  mealUntil: string | null;
}

export class AvailabilityService {
  readonly #store: SqliteStore;
  readonly #now: () => number;
  readonly #hours: (accountId: number) => BusinessHours;
  readonly #settings = new Map<number, AvailabilitySettings>();
  /** Open operator streams per operator: an operator with none is logged out. */
  readonly #connected = new Map<number, number>();

  constructor(store: SqliteStore, opts: { now: () => number; businessHours: (accountId: number) => BusinessHours }) {
    this.#store = store;
    this.#now = opts.now;
    this.#hours = opts.businessHours;
  }

  settings(accountId: number): AvailabilitySettings {
    let s = this.#settings.get(accountId);
    if (!s) {
      const raw = this.#store.availability.settings(accountId);
      const defaults = defaultAvailability();
      s = raw ? { ...defaults, ...(JSON.parse(raw) as Partial<AvailabilitySettings>) } : defaults;
      s.messages = { ...defaults.messages, ...s.messages };
      this.#settings.set(accountId, s);
    }
    return s;
  }

  /** Saves an account's settings; images must be files this account uploaded. */
  save(op: OperatorSession, s: AvailabilitySettings): AvailabilitySettings {
    for (const kind of AUTOMATIC_KINDS) {
      const image = s.messages[kind].image;
      if (!image) continue;
      const file = this.#store.availability.file(image.slice('/files/'.length));
      if (!file || file.accountId !== op.accountId) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `messages.${kind}.image: no uploaded file at ${image}` });
      }
      if (!/^image\/(png|jpeg)$/.test(file.type)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `messages.${kind}.image: an automatic message's image must be a jpg or png` });
      }
    }
    this.#store.availability.setSettings(op.accountId, JSON.stringify(s));
    this.#settings.delete(op.accountId);
    return this.settings(op.accountId);
  }

  // --- operators ---------------------------------------------------------------------------

  connected(operatorId: number, delta: 1 | -1): boolean {
    const before = this.#connected.get(operatorId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after) this.#connected.set(operatorId, after);
    else this.#connected.delete(operatorId);
    return (before === 0) !== (after === 0);
  }

  setStatus(op: OperatorSession, status: OperatorStatus): void {
    this.#store.availability.setOperatorStatus(op.operator.id, status);
  }

  /** Each operator as the queue sees them at `now`; without the queue, their load is left at 0. */
  operatorFacts(accountId: number, queue: readonly QueuedChat[] | null, now: number): Array<OperatorFacts & { name: string }> {
    const s = this.settings(accountId);
    const zone = this.#hours(accountId).timeZone;
    const load = queue ? loads(queue) : new Map<number, number>();
    return this.#store.availability.operatorStates(accountId).map((o) => {
      const meal = mealAt(s.meals, o.id, zone, now);
      return {
        id: o.id,
        name: o.name,
        status: effectiveStatus(o.status, meal),
        connected: this.#connected.has(o.id),
        openChats: load.get(o.id) ?? 0,
        capacity: o.capacity,
        lastAssignedAt: o.lastAssignedAt,
        mealIntake: meal?.intake ?? false,
      };
    });
  }

  team(accountId: number): OperatorPresence[] {
    return this.operatorFacts(accountId, this.#store.availability.queue(accountId), this.#now()).map((o) => ({
      id: o.id,
      name: o.name,
      status: o.status,
      connected: o.connected,
      openChats: o.openChats,
      capacity: o.capacity,
    }));
  }


  // --- decisions ---------------------------------------------------------------------------

  /** Whether chat is open at `now` by the business hours and holidays. */
  openNow(accountId: number, now = this.#now()): boolean {
    return openAt(this.#hours(accountId), this.settings(accountId).holidays, now);
  }

  /** The end of everyone's meal without intake in progress, as HH:MM, or null. */
  sharedMealUntil(accountId: number, now: number): string | null {
    const closing = this.settings(accountId).meals.filter((m) => !m.intake);
    return mealAt(closing, null, this.#hours(accountId).timeZone, now)?.end ?? null;
  }

  /** Which automatic message answers a chat request now, and what happens to the chat. */
  decide(accountId: number, visitorId: number, now: number): RequestDecision {
    const s = this.settings(accountId);
    // Whether someone could serve does not depend on how busy they are: the cap speaks to that.
    const operators = this.operatorFacts(accountId, null, now);
    const mealUntil = this.sharedMealUntil(accountId, now);
    // Everyone who would otherwise serve is on their own meal: the meal message, "right now".
    const ownMeals = operators.some((o) => o.connected && o.status === 'meal' && !o.mealIntake);
    const anyoneAvailable = operators.some(available);
    const outcome = decideRequest(
      {
        chatStopped: s.chatStopped,
        blocked: this.#store.availability.isBlocked(visitorId),
        outOfHours: s.messages.outOfHours.enabled && !this.openNow(accountId, now),
        meal: mealUntil !== null || (!anyoneAvailable && ownMeals),
        capExceeded: s.cap.enabled && capExceeded(this.#store.availability.openTowardCap(accountId, capWindowStart(now)), s.cap),
        anyoneAvailable,
        busy: s.messages.busy.enabled,
      },
      { outOfHours: s.outOfHoursIntake, cap: s.cap.intake },
    );
    return { ...outcome, mealUntil };
  }

  /** The launcher shows "away": outside business hours, when the account asks for it. */
  away(accountId: number): boolean {
    return this.settings(accountId).launcherAway && !this.openNow(accountId);
  }

  /** What a visitor's widget shows before they write. */
  forVisitor(accountId: number, visitorId: number, locale: Locale): VisitorAvailability {
    const s = this.settings(accountId);
    const blocked = s.chatStopped || this.#store.availability.isBlocked(visitorId);
    return {
      away: this.away(accountId),
      blocked: blocked ? automaticText('unavailable', s.messages.unavailable, locale) : null,
      categories: s.categories,
    };
  }
}
