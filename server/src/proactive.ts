/**
 * The proactive-message service: the marketer's admin actions, and offering each visitor's tab
 * at most one bubble when its rules hold. It wires the store, the clock and one timer per tab;
 * the rules themselves live in domain/.
 */
import { TRPCError } from '@trpc/server';
import {
  actionRefusal,
  allowedActions,
  brokenBecause,
  chooseOffer,
  explainOffers,
  statusAfter,
  type Candidate,
  type OfferContext,
  type Place,
} from './domain/proactive.js';
import { DEFAULT_BUSINESS_HOURS, isOpen } from './domain/schedule.js';
import { compileRule, ConditionPool, prepareFacts } from './domain/targeting.js';
import type { OperatorSession } from './chat.js';
import {
  BusinessHoursSchema,
  PROACTIVE_LIMITS,
  type AccountSettings,
  type AttributeValue,
  type BusinessHours,
  type ProactiveAction,
  type ProactiveFieldsValue,
  type ProactiveList,
  type ProactiveMessage,
  type ProactiveOffer,
  type SimulateInputValue,
  type SimulationResult,
} from './protocol/proactive.js';
import type { Delivery, ProactiveRow } from './store/proactive.js';
import type { Site, SqliteStore, Visitor } from './store/sqlite.js';

/** The tab a page view came from: the offer goes to that tab only. */
export interface Tab {
  visitor: Visitor | null;
  site: Site | null;
}

interface TabState {
  pageViewId: number;
  timer?: ReturnType<typeof setTimeout>;
}

export interface ProactiveDeps {
  now: () => number;
  /** Delivers an offer to one tab. */
  offer: (tab: Tab, offer: ProactiveOffer) => void;
  /** Whether the visitor has a waiting or active conversation. */
  inConversation: (visitorId: number) => boolean;
}

/** setTimeout's longest delay; a later moment is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const STARTERS: Array<Omit<ProactiveFieldsValue, 'siteId'>> = [
  {
    name: 'Pricing page welcome',
    text: 'Questions about our plans? Leave your email and we will help you choose.',
    capture: 'email',
    followUp: 'Thanks! We will write to you shortly.',
    tags: ['pricing'],
    rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/pricing' }, { field: 'timeOnPage', op: 'gte', value: 20 }] },
    schedule: 'always',
    frequency: 'oncePerVisit',
  },
  {
    name: 'Help at checkout',
    text: 'Need a hand finishing your order? Write to us here.',
    capture: 'none',
    followUp: '',
    tags: ['checkout'],
    rules: { match: 'all', conditions: [{ field: 'url', op: 'contains', value: '/checkout' }, { field: 'timeOnPage', op: 'gte', value: 45 }] },
    schedule: 'inHours',
    frequency: 'oncePerVisit',
  },
  {
    name: 'Returning visitor',
    text: 'Welcome back! Can we help you find something today?',
    capture: 'name',
    followUp: 'Nice to see you again. Someone from the team will be right with you.',
    tags: ['returning'],
    rules: { match: 'all', conditions: [{ field: 'visitorType', op: 'is', value: 'returning' }, { field: 'pageViews', op: 'gte', value: 2 }] },
    schedule: 'always',
    frequency: 'once',
  },
];

export class ProactiveService {
  readonly #store: SqliteStore;
  readonly #deps: ProactiveDeps;
  /** Each account's messages in order, rules compiled; dropped whenever one of them changes. */
  readonly #candidates = new Map<number, Candidate[]>();
  readonly #tabs = new Map<Tab, TabState>();
  /** Each account's business hours, read once and dropped when saved. */
  readonly #hours = new Map<number, BusinessHours>();

  constructor(store: SqliteStore, deps: ProactiveDeps) {
    this.#store = store;
    this.#deps = deps;
  }

  close(): void {
    for (const state of this.#tabs.values()) clearTimeout(state.timer);
    this.#tabs.clear();
  }

  // --- admin ------------------------------------------------------------------

  list(op: OperatorSession): ProactiveList {
    const rows = this.#store.proactive.list(op.accountId);
    return {
      messages: rows.map((r, i) => this.#view(r, i + 1)),
      count: rows.length,
      limit: PROACTIVE_LIMITS.perAccount,
      sites: this.#store.sites(op.accountId).map((s) => ({ id: s.id, name: s.name })),
    };
  }

  get(op: OperatorSession, id: number): ProactiveMessage {
    return this.#viewOf(this.#own(op, id));
  }

  create(op: OperatorSession, fields: ProactiveFieldsValue): ProactiveMessage {
    const row = this.#store.transaction(() => {
      this.#checkRoom(op.accountId);
      const sender = this.#senderFor(op, fields.siteId);
      return this.#store.proactive.insert(op.accountId, fields, { senderId: sender, status: 'draft', error: null }, this.#deps.now());
    });
    return this.#changed(op.accountId, row);
  }

  update(op: OperatorSession, id: number, fields: ProactiveFieldsValue): ProactiveMessage {
    const row = this.#store.transaction(() => {
      const current = this.#own(op, id);
      const keep = current.siteId === fields.siteId && current.senderId !== null && this.#senderExists(op.accountId, current.senderId);
      const senderId = keep ? current.senderId : this.#senderFor(op, fields.siteId);
      // A message whose missing channel or sender an edit restores waits, paused, for a person to resume it.
      const status = current.status === 'error' ? 'paused' : current.status;
      this.#store.proactive.update(id, fields, { senderId, status, error: null }, this.#deps.now());
      return this.#store.proactive.get(id)!;
    });
    return this.#changed(op.accountId, row);
  }

  clone(op: OperatorSession, id: number): ProactiveMessage {
    const row = this.#store.transaction(() => {
      const source = this.#own(op, id);
      this.#allow(source, 'clone');
      this.#checkRoom(op.accountId);
      const name = `Copy of ${source.name}`.slice(0, PROACTIVE_LIMITS.name);
      return this.#store.proactive.insert(op.accountId, { ...source, name }, { senderId: source.senderId, status: 'draft', error: null }, this.#deps.now());
    });
    return this.#changed(op.accountId, row);
  }

  /** publish, pause or resume. */
  act(op: OperatorSession, id: number, action: 'publish' | 'pause' | 'resume'): ProactiveMessage {
    const row = this.#store.transaction(() => {
      const current = this.#own(op, id);
      this.#allow(current, action);
      this.#store.proactive.setStatus(id, statusAfter(current.status, action), null, this.#deps.now());
      return this.#store.proactive.get(id)!;
    });
    return this.#changed(op.accountId, row);
  }

  remove(op: OperatorSession, id: number): { id: number } {
    this.#own(op, id);
    this.#store.proactive.delete(id);
    this.#candidates.delete(op.accountId);
    return { id };
  }

  /** Sets the marketer's order; `ids` must name every message of the account once. */
  reorder(op: OperatorSession, ids: number[]): ProactiveList {
    const current = this.#store.proactive.list(op.accountId).map((r) => r.id);
    const same = ids.length === current.length && new Set(ids).size === ids.length && ids.every((id) => current.includes(id));
    if (!same) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The new order must list every message of the account exactly once' });
    this.#store.transaction(() => this.#store.proactive.reorder(ids));
    this.#candidates.delete(op.accountId);
    return this.list(op);
  }

  /** Which live message a described visit would be shown, and why each other one would not. */
  simulate(op: OperatorSession, v: SimulateInputValue): SimulationResult {
    this.#site(op, v.siteId);
    const now = v.at ?? this.#deps.now();
    const here: Place = { visitId: 2, pageViewId: 2 };
    const earlier: Record<string, Place> = { thisPage: here, thisVisit: { visitId: 2, pageViewId: 1 }, earlierVisit: { visitId: 1, pageViewId: 0 } };
    const history = new Map<number, Place[]>();
    for (const s of v.shown) history.set(s.messageId, [...(history.get(s.messageId) ?? []), earlier[s.when]!]);
    const facts = prepareFacts({
      url: v.url,
      title: v.title,
      referrer: v.referrer,
      language: v.language,
      device: v.device,
      pageViewAt: now - v.timeOnPage * 1000,
      visitStartedAt: now - Math.max(v.timeOnSite, v.timeOnPage) * 1000,
      pageViews: v.pageViews,
      visits: v.visits,
      attributes: v.attributes,
    });
    const ctx: OfferContext = {
      siteId: v.siteId,
      facts,
      now,
      openNow: isOpen(this.businessHours(op.accountId), now),
      inConversation: v.inConversation,
      place: here,
      history,
    };
    return explainOffers(this.#candidatesOf(op.accountId), ctx);
  }

  businessHours(accountId: number): BusinessHours {
    let hours = this.#hours.get(accountId);
    if (!hours) {
      const raw = this.#store.businessHours(accountId);
      const parsed = raw ? BusinessHoursSchema.safeParse(JSON.parse(raw)) : null;
      hours = parsed?.success ? parsed.data : DEFAULT_BUSINESS_HOURS;
      this.#hours.set(accountId, hours);
    }
    return hours;
  }

  settings(op: OperatorSession): AccountSettings {
    return { businessHours: this.businessHours(op.accountId), visitGapMinutes: Math.round(this.#store.visitGapMs(op.accountId) / 60_000) };
  }

  saveSettings(op: OperatorSession, s: AccountSettings): AccountSettings {
    this.#store.setAccountSettings(op.accountId, JSON.stringify(s.businessHours), s.visitGapMinutes * 60_000);
    this.#hours.delete(op.accountId);
    return this.settings(op);
  }

  /** Deletes a channel; its messages turn to error and say so. */
  removeSite(op: OperatorSession, siteId: number): void {
    this.#site(op, siteId);
    this.#store.transaction(() => {
      this.#store.deleteSite(siteId, this.#deps.now());
      this.#markBroken(this.#store.proactive.usingSite(siteId));
    });
    this.#candidates.delete(op.accountId);
  }

  /** Deletes an operator; messages sent in their name turn to error and say so. */
  removeOperator(op: OperatorSession, operatorId: number): void {
    if (operatorId === op.operator.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'You cannot delete yourself' });
    if (!this.#store.operators(op.accountId).some((o) => o.id === operatorId)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `Operator ${operatorId} not found` });
    }
    this.#store.transaction(() => {
      this.#store.deleteOperator(operatorId, this.#deps.now());
      this.#markBroken(this.#store.proactive.usingSender(operatorId));
    });
    this.#candidates.delete(op.accountId);
  }

  /** Three partly configured drafts, so a new account sees what proactive messages can do. */
  addStarterDrafts(accountId: number, siteId: number): void {
    const senderId = this.#store.defaultSender(siteId)?.id ?? null;
    for (const starter of STARTERS) {
      this.#store.proactive.insert(accountId, { ...starter, siteId }, { senderId, status: 'draft', error: null }, this.#deps.now());
    }
  }

  // --- visitors ---------------------------------------------------------------

  /** A tab reported a page view: offer a bubble now, or when a time condition will hold. */
  pageViewed(tab: Tab, pageViewId: number): void {
    const state = this.#tabs.get(tab) ?? { pageViewId };
    clearTimeout(state.timer);
    state.pageViewId = pageViewId;
    this.#tabs.set(tab, state);
    this.#evaluate(tab);
  }

  /** The host page set custom attributes: merge them (null removes one) and look again. */
  setAttributes(tab: Tab, visitor: Visitor, patch: Record<string, AttributeValue | null>): Record<string, AttributeValue> {
    const merged: Record<string, AttributeValue> = { ...visitor.attributes };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    if (Object.keys(merged).length > PROACTIVE_LIMITS.attributes) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `A visitor can have at most ${PROACTIVE_LIMITS.attributes} attributes` });
    }
    this.#store.setVisitorAttributes(visitor.id, merged);
    visitor.attributes = merged;
    if (this.#tabs.has(tab)) {
      clearTimeout(this.#tabs.get(tab)!.timer);
      this.#evaluate(tab);
    }
    return merged;
  }

  /** The tab closed. */
  forget(tab: Tab): void {
    clearTimeout(this.#tabs.get(tab)?.timer);
    this.#tabs.delete(tab);
  }

  /** A delivery of this visitor's, with its message; a clear error for anyone else's. */
  deliveryFor(visitor: Visitor, deliveryId: number): { delivery: Delivery; message: ProactiveRow; senderName: string } {
    const delivery = this.#store.proactive.delivery(deliveryId);
    const message = delivery && this.#store.proactive.get(delivery.messageId);
    if (!delivery || !message || delivery.visitorId !== visitor.id) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'This message is no longer available' });
    }
    const senderName = (message.senderId && this.#store.operatorName(message.senderId)) || 'Team';
    return { delivery, message, senderName };
  }

  /** The visitor clicked the bubble or opened the window from it. */
  opened(visitor: Visitor, deliveryId: number): void {
    this.deliveryFor(visitor, deliveryId);
    this.#store.proactive.markRead(deliveryId, this.#deps.now());
  }

  replied(deliveryId: number): void {
    this.#store.proactive.markReplied(deliveryId, this.#deps.now());
  }

  // --- internals --------------------------------------------------------------

  #evaluate(tab: Tab): void {
    const { visitor, site } = tab;
    const state = this.#tabs.get(tab);
    if (!visitor || !site || !state) return;
    const now = this.#deps.now();
    const seen = this.#store.pageViewInVisit(state.pageViewId);
    if (!seen) return;
    const candidates = this.#candidatesOf(site.accountId);
    if (!candidates.some((c) => c.status === 'live' && c.siteId === site.id)) return;
    const place: Place = { visitId: seen.pageView.visitId, pageViewId: seen.pageView.id };
    const facts = prepareFacts({
      ...seen.pageView,
      pageViewAt: seen.pageView.at,
      visitStartedAt: seen.visitStartedAt,
      pageViews: seen.pageViews,
      visits: seen.visitNumber,
      attributes: visitor.attributes,
    });
    const delivery = this.#store.transaction(() => {
      // Decided and recorded in one transaction: two tabs never both get a "once" message.
      const ctx: OfferContext = {
        siteId: site.id,
        facts,
        now,
        openNow: isOpen(this.businessHours(site.accountId), now),
        inConversation: this.#deps.inConversation(visitor.id),
        place,
        history: this.#store.proactive.history(visitor.id),
      };
      const { offer, retryAt } = chooseOffer(candidates, ctx);
      if (!offer) {
        if (retryAt !== null) state.timer = setTimeout(() => this.#evaluate(tab), Math.min(retryAt - now, MAX_TIMER_MS)).unref();
        return null;
      }
      return { row: this.#store.proactive.deliver(offer.id, visitor.id, place, now), messageId: offer.id };
    });
    if (!delivery) return;
    const { message, senderName } = this.deliveryFor(visitor, delivery.row.id);
    this.#deps.offer(tab, {
      deliveryId: delivery.row.id,
      messageId: message.id,
      text: message.text,
      capture: message.capture,
      sender: { name: senderName },
      at: now,
    });
  }

  #candidatesOf(accountId: number): Candidate[] {
    let list = this.#candidates.get(accountId);
    if (!list) {
      const pool = new ConditionPool();
      list = this.#store.proactive.list(accountId).map((r) => ({
        id: r.id,
        name: r.name,
        siteId: r.siteId,
        status: r.status,
        schedule: r.schedule,
        frequency: r.frequency,
        rule: compileRule(r.rules, pool),
      }));
      this.#candidates.set(accountId, list);
    }
    return list;
  }

  #changed(accountId: number, row: ProactiveRow): ProactiveMessage {
    this.#candidates.delete(accountId);
    return this.#viewOf(row);
  }

  #markBroken(rows: ProactiveRow[]): void {
    for (const r of rows) {
      const error = brokenBecause({
        siteExists: this.#store.site(r.siteId) !== null,
        senderExists: r.senderId !== null && this.#senderExists(r.accountId, r.senderId),
      });
      if (error) this.#store.proactive.setStatus(r.id, 'error', error, this.#deps.now());
    }
  }

  #senderExists(accountId: number, operatorId: number): boolean {
    return this.#store.operators(accountId).some((o) => o.id === operatorId);
  }

  #own(op: OperatorSession, id: number): ProactiveRow {
    const row = this.#store.proactive.get(id);
    if (!row || row.accountId !== op.accountId) throw new TRPCError({ code: 'NOT_FOUND', message: `Proactive message ${id} not found` });
    return row;
  }

  #site(op: OperatorSession, siteId: number): Site {
    const site = this.#store.site(siteId);
    if (!site || site.accountId !== op.accountId) throw new TRPCError({ code: 'BAD_REQUEST', message: `Unknown channel ${siteId}` });
    return site;
  }

  #senderFor(op: OperatorSession, siteId: number): number {
    this.#site(op, siteId);
    const sender = this.#store.defaultSender(siteId);
    if (!sender) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This channel has no operator to send as' });
    return sender.id;
  }

  #allow(row: ProactiveRow, action: ProactiveAction): void {
    const reason = actionRefusal(row.status, action);
    if (reason) throw new TRPCError({ code: 'CONFLICT', message: reason });
  }

  #checkRoom(accountId: number): void {
    if (this.#store.proactive.count(accountId) >= PROACTIVE_LIMITS.perAccount) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: `An account can hold at most ${PROACTIVE_LIMITS.perAccount} proactive messages; delete one first`,
      });
    }
  }

  #viewOf(row: ProactiveRow): ProactiveMessage {
    return this.#view(row, this.#store.proactive.rank(row));
  }

  #view(r: ProactiveRow, position: number): ProactiveMessage {
    const site = this.#store.site(r.siteId);
    const { accountId: _account, senderId, ...record } = r;
    const senderName = senderId !== null ? this.#store.operatorName(senderId) : null;
    return {
      ...record,
      position,
      siteName: site?.name ?? '(deleted channel)',
      sender: senderId !== null && senderName !== null ? { id: senderId, name: senderName } : null,
      actions: allowedActions(r.status),
    };
  }
}
