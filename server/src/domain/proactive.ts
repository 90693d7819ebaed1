/**
 * Proactive messages: lifecycle, frequency, schedule, and which one message a visitor is
 * offered. Pure: the clock, the visitor's history and the business hours are passed in.
 */
import {
  EMAIL,
  type Capture,
  type Frequency,
  type ProactiveAction,
  type ProactiveStatus,
  type Schedule,
  type Verdict,
} from '../protocol/proactive.js';
import { explainFailure, momentOf, nextMatchAt, type CompiledRule, type PreparedFacts } from './targeting.js';

// --- lifecycle ----------------------------------------------------------------

const ALLOWED: Record<ProactiveAction, readonly ProactiveStatus[]> = {
  edit: ['draft', 'live', 'paused', 'error'],
  clone: ['draft', 'live', 'paused'],
  publish: ['draft'],
  pause: ['live'],
  resume: ['paused'],
  delete: ['draft', 'live', 'paused', 'error'],
};

const NEEDS: Record<ProactiveAction, string> = {
  edit: '',
  clone: 'Only a live, draft or paused message can be cloned',
  publish: 'Only a draft can be published',
  pause: 'Only a live message can be paused',
  resume: 'Only a paused message can be resumed',
  delete: '',
};

/** The actions a message in this status allows, in menu order. */
export function allowedActions(status: ProactiveStatus): ProactiveAction[] {
  return (Object.keys(ALLOWED) as ProactiveAction[]).filter((a) => ALLOWED[a].includes(status));
}

/** Null when allowed; otherwise the reason, in words a marketer reads. */
export function actionRefusal(status: ProactiveStatus, action: ProactiveAction): string | null {
  return ALLOWED[action].includes(status) ? null : `${NEEDS[action]}; this one is ${status}`;
}

/** The status an allowed action leads to. */
export function statusAfter(status: ProactiveStatus, action: 'publish' | 'pause' | 'resume'): ProactiveStatus {
  if (action === 'pause') return 'paused';
  return status === 'draft' || status === 'paused' ? 'live' : status;
}

/** What a message points at that no longer exists; null when it is whole. */
export function brokenBecause(m: { siteExists: boolean; senderExists: boolean }): string | null {
  if (!m.siteExists) return 'Its channel was deleted: choose another channel';
  if (!m.senderExists) return "Its sender was deleted: set the channel's default sender";
  return null;
}

/** What is wrong with the details a proactive message's form asked for; null when they will do. */
export function captureProblem(capture: Capture, input: { name?: string; email?: string }): string | null {
  if ((capture === 'name' || capture === 'nameEmail') && !input.name?.trim()) return 'Enter your name';
  if (capture === 'email' || capture === 'nameEmail') {
    if (!input.email?.trim()) return 'Enter your email address';
    if (!EMAIL.test(input.email.trim())) return 'Enter a valid email address, like name@example.com';
  }
  return null;
}

// --- frequency ----------------------------------------------------------------

/** Where a visitor is now, and where each earlier offer of a message was shown. */
export interface Place {
  visitId: number;
  pageViewId: number;
}

/** Whether a message may be offered again, given where it was offered before. */
export function frequencyAllows(frequency: Frequency, before: readonly Place[], now: Place): boolean {
  switch (frequency) {
    case 'once':
      return before.length === 0;
    case 'oncePerVisit':
      return !before.some((p) => p.visitId === now.visitId);
    case 'everyTime':
      return !before.some((p) => p.pageViewId === now.pageViewId);
  }
}

export function scheduleAllows(schedule: Schedule, openNow: boolean): boolean {
  return schedule === 'always' || (schedule === 'inHours') === openNow;
}

// --- choosing the one bubble --------------------------------------------------

export interface Candidate {
  id: number;
  name: string;
  siteId: number;
  status: ProactiveStatus;
  schedule: Schedule;
  frequency: Frequency;
  rule: CompiledRule;
}

export interface OfferContext {
  siteId: number;
  facts: PreparedFacts;
  now: number;
  /** Whether business hours are open now. */
  openNow: boolean;
  /** The visitor has a waiting or active conversation. */
  inConversation: boolean;
  place: Place;
  /** Earlier offers, by message id. */
  history: ReadonlyMap<number, readonly Place[]>;
}

const NONE: readonly Place[] = [];

/** Live on this site, in schedule, and allowed by its frequency: whether its rule is worth testing. */
function eligible(c: Candidate, ctx: OfferContext): boolean {
  return (
    c.status === 'live' &&
    c.siteId === ctx.siteId &&
    (c.schedule === 'always' || (c.schedule === 'inHours') === ctx.openNow) &&
    (ctx.history.size === 0 || frequencyAllows(c.frequency, ctx.history.get(c.id) ?? NONE, ctx.place))
  );
}

/**
 * The message to offer now (the first eligible in the marketer's order), and otherwise the
 * earliest moment a time condition could make one eligible. `candidates` come in order.
 */
export function chooseOffer(candidates: readonly Candidate[], ctx: OfferContext): { offer: Candidate | null; retryAt: number | null } {
  if (ctx.inConversation) return { offer: null, retryAt: null };
  // Candidates compiled together share a pool of text conditions (see ConditionPool).
  const moment = momentOf(ctx.facts, ctx.now, candidates[0]?.rule.pool ?? null);
  for (const c of candidates) if (eligible(c, ctx) && c.rule.holds(moment)) return { offer: c, retryAt: null };
  // Nothing holds now: when could time make one hold? (Only asked here, so a match costs nothing more.)
  let retryAt: number | null = null;
  for (const c of candidates) {
    if (c.rule.timeMarks.length === 0 || !eligible(c, ctx)) continue;
    const at = nextMatchAt(c.rule, ctx.facts, ctx.now);
    if (at !== null && (retryAt === null || at < retryAt)) retryAt = at;
  }
  return { offer: null, retryAt };
}

/** For every message, whether it would be shown and why not: what the visit simulator displays. */
export function explainOffers(
  candidates: readonly Candidate[],
  ctx: OfferContext,
): { winnerId: number | null; results: Array<{ id: number; name: string; status: ProactiveStatus; verdict: Verdict; reason: string }> } {
  let winnerId: number | null = null;
  const results = candidates.map((c) => {
    const row = (verdict: Verdict, reason: string) => ({ id: c.id, name: c.name, status: c.status, verdict, reason });
    if (c.status !== 'live') return row('notLive', `It is ${c.status}, not live`);
    if (c.siteId !== ctx.siteId) return row('otherChannel', 'It runs on another channel');
    if (ctx.inConversation) return row('inConversation', 'The visitor is already in a conversation');
    if (!scheduleAllows(c.schedule, ctx.openNow)) {
      return row('schedule', c.schedule === 'inHours' ? 'It runs during business hours, which are closed then' : 'It runs outside business hours, which are open then');
    }
    if (!frequencyAllows(c.frequency, ctx.history.get(c.id) ?? NONE, ctx.place)) {
      const words = { once: 'once per visitor', oncePerVisit: 'once per visit', everyTime: 'once per page view' }[c.frequency];
      return row('frequency', `Already shown: it is sent ${words}`);
    }
    const failure = explainFailure(c.rule, ctx.facts, ctx.now);
    if (failure) return row('condition', failure);
    if (winnerId !== null) return row('outranked', 'Another message earlier in the order is shown first');
    winnerId = c.id;
    return row('shown', 'All its conditions are met');
  });
  return { winnerId, results };
}
