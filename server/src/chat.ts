/**
 * The chat service: visitors, operators, conversations and their live streams.
 * It wires the store (persistence), the hubs (fan-out) and the clock; rules live in domain/.
 */
import { TRPCError } from '@trpc/server';
import { hashPassword, hashToken, newToken, verifyPassword } from './auth.js';
import { refusal, visitorDisplayName, type ConversationAction } from './domain/conversation.js';
import { captureProblem } from './domain/proactive.js';
import { AvailabilityService, type RequestDecision } from './availability.js';
import {
  admissible,
  automaticText,
  available,
  busyResendDue,
  localeOf,
  queueAhead,
  type Hold,
} from './domain/availability.js';
import type { AutomaticKind, Locale, OperatorStatus, VisitorAvailability } from './protocol/availability.js';
import { Hub } from './hub.js';
import type { GeoIpTable, GeoLocation } from './domain/geoip.js';
import { helpText, isCommand, parseCommand, recentPages, transcriptText, type Command } from './domain/commands.js';
import { eligible, nextOwner, routeChat, transferRefusal } from './domain/routing.js';
import type { ContactUpdate, LiveVisitor, TransferRequest, VisitorContact } from './protocol/workspace.js';
import { WorkspaceService } from './workspace.js';
import { TeamChatService } from './channels.js';
import type {
  ChatFile,
  ChatMessage,
  ConversationEvent,
  MessageExtras,
  Rating,
  ConversationSummary,
  OperatorInfo,
  OperatorStreamEvent,
  PageView,
  VisitorStreamEvent,
} from './protocol/index.js';
import { LIMITS } from './protocol/index.js';
import { ProactiveService } from './proactive.js';
import type { Conversation, ConversationOrigin, PageViewFields, Site, SqliteStore, Visitor } from './store/sqlite.js';
import { resumableStream } from './stream.js';

export interface OperatorSession {
  operator: OperatorInfo;
  accountId: number;
  tokenHash: string;
}

/** What one WebSocket connection (one browser tab) has proven about itself. */
export interface Connection {
  readonly id: number;
  site: Site | null;
  visitor: Visitor | null;
  operator: OperatorSession | null;
  /** Where the connection comes from, when a GeoIP database is configured and knows its address. */
  readonly location: GeoLocation | null;
}

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const BACKLOG_PAGE = 500;

const visitorTopic = (visitorId: number) => `visitor:${visitorId}`;
const accountTopic = (accountId: number) => `account:${accountId}`;
/** Events for one tab only, such as a proactive offer. */
const tabTopic = (connectionId: number) => `tab:${connectionId}`;

const isOpen = (c: Conversation | null) => c?.status === 'waiting' || c?.status === 'active';

/** What a visitor may add to the message that starts a chat. */
export interface ChatStart {
  locale?: Locale;
  category?: { name: string; division?: string };
}

/** Business hours and meal times are set in whole minutes: the queue looks again at each minute. */
const TICK_MS = 60_000;

export class ChatService {
  readonly #store: SqliteStore;
  readonly #now: () => number;
  readonly #visitorHub = new Hub<VisitorStreamEvent>();
  readonly #accountHub = new Hub<OperatorStreamEvent>();
  /** Open connections per visitor, for the online marker. */
  readonly #online = new Map<number, number>();
  /** The account of each visitor online, for the live visitor list. */
  readonly #onlineAccount = new Map<number, number>();
  /** Where each visitor online is, from the address of their latest connection that GeoIP knows. */
  readonly #located = new Map<number, GeoLocation>();
  readonly #geoip: GeoIpTable | undefined;
  #connections = 0;
  /** Offers made to a tab before its event stream started listening, by connection id. */
  readonly #heldOffers = new Map<number, VisitorStreamEvent>();
  readonly proactive: ProactiveService;
  readonly availability: AvailabilityService;
  readonly workspace: WorkspaceService;
  /** Channels and direct chats between operators, and @mentions. */
  readonly teamChat: TeamChatService;
  /** Tells visitors' streams (by account or by visitor) to send their availability again. */
  readonly #availabilityHub = new Hub<void>();
  /** Accounts with a stream open, and what their visitors and team were last told, for the minute tick. */
  readonly #lastTold = new Map<number, { away: boolean; team: string }>();
  #tick: ReturnType<typeof setTimeout> | undefined;

  constructor(store: SqliteStore, now: () => number = Date.now, opts: { tick?: boolean; workspace?: WorkspaceService; geoip?: GeoIpTable } = {}) {
    this.#store = store;
    this.#now = now;
    this.#geoip = opts.geoip;
    this.proactive = new ProactiveService(store, {
      now,
      offer: (tab, offer) => {
        const id = (tab as Connection).id;
        const event: VisitorStreamEvent = { type: 'proactive', offer };
        // A page view can arrive before the tab's stream listens: keep the offer for it.
        if (this.#visitorHub.listenerCount(tabTopic(id)) === 0) this.#heldOffers.set(id, event);
        else this.#visitorHub.emit(tabTopic(id), event);
      },
      inConversation: (visitorId) => isOpen(store.latestConversationOf(visitorId)),
    });
    this.availability = new AvailabilityService(store, { now, businessHours: (accountId) => this.proactive.businessHours(accountId) });
    this.workspace = opts.workspace ?? new WorkspaceService(store, now);
    this.teamChat = new TeamChatService(store, now);
    if (opts.tick !== false) this.#scheduleTick();
  }

  /** Stops the timers of pending offers and of the queue. */
  close(): void {
    this.proactive.close();
    this.workspace.close();
    clearTimeout(this.#tick);
  }

  #scheduleTick(): void {
    const wall = Date.now();
    this.#tick = setTimeout(() => {
      this.tick();
      this.#scheduleTick();
    }, TICK_MS - (wall % TICK_MS) + 50);
    this.#tick.unref?.();
  }

  /**
   * Looks again at what time changes: opening and closing, holidays, meal times. Waiting chats
   * are distributed, and visitors and operators hear of status that changed.
   */
  tick(): void {
    const accounts = new Set([...this.#lastTold.keys(), ...this.#store.availability.accountsWithWaitingChats()]);
    for (const accountId of accounts) {
      this.#distribute(accountId);
      const told = this.#lastTold.get(accountId);
      if (!told) continue;
      const away = this.availability.away(accountId);
      if (away !== told.away) {
        told.away = away;
        this.#availabilityHub.emit(accountTopic(accountId));
      }
      this.#publishTeam(accountId);
    }
  }

  // --- connections -----------------------------------------------------------

  /** Resolves the tokens a connection presented. Unknown tokens resolve to nobody, never to someone else. */
  async connect(siteKey: string | null, params: Record<string, string | undefined> | null, ip?: string): Promise<Connection> {
    const site = siteKey ? this.#store.siteByKey(siteKey) : null;
    const visitor = site && params?.visitorToken ? this.visitorByToken(site, params.visitorToken) : null;
    const operator = params?.operatorToken ? this.operatorByToken(params.operatorToken) : null;
    const location = site && ip && this.#geoip ? this.#geoip.lookup(ip) : null;
    const conn: Connection = { id: ++this.#connections, site, visitor, operator, location };
    if (visitor && location) this.#located.set(visitor.id, location);
    if (visitor && site) this.#setOnline(visitor.id, site.accountId, +1);
    return conn;
  }

  /** The site's visitor holding this token (a socket's or an upload's), or null. */
  visitorByToken(site: Site, token: string): Visitor | null {
    return token.length <= LIMITS.token ? this.#store.visitorByToken(site.id, hashToken(token)) : null;
  }

  /** The signed-in operator holding this session token, or null when it is unknown or expired. */
  operatorByToken(token: string): OperatorSession | null {
    if (token.length > LIMITS.token) return null;
    const tokenHash = hashToken(token);
    const found = this.#store.sessionOperator(tokenHash, this.#now());
    return found ? { ...found, tokenHash } : null;
  }

  disconnect(conn: Connection): void {
    this.proactive.forget(conn);
    this.#heldOffers.delete(conn.id);
    if (conn.visitor && conn.site) this.#setOnline(conn.visitor.id, conn.site.accountId, -1);
  }

  #setOnline(visitorId: number, accountId: number, delta: 1 | -1): void {
    const before = this.#online.get(visitorId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) {
      this.#online.delete(visitorId);
      this.#onlineAccount.delete(visitorId);
      this.#located.delete(visitorId);
    } else {
      this.#online.set(visitorId, after);
      this.#onlineAccount.set(visitorId, accountId);
    }
    if ((before === 0) !== (after === 0)) {
      this.#accountHub.emit(accountTopic(accountId), { type: 'presence', visitorId, online: after > 0 });
      if (after > 0) this.#accountHub.emit(accountTopic(accountId), { type: 'visitor', visitor: this.#liveVisitor(visitorId) });
    }
  }

  // --- visitors --------------------------------------------------------------

  /** Identifies the visitor of a connection, creating one when the token was missing or unknown. */
  hello(conn: Connection, site: Site): { visitorId: number; displayName: string; token?: string } {
    if (conn.visitor) return { visitorId: conn.visitor.id, displayName: visitorDisplayName(conn.visitor) };
    const token = newToken();
    const visitor = this.#store.createVisitor(site.id, hashToken(token), this.#now());
    conn.visitor = visitor;
    if (conn.location) this.#located.set(visitor.id, conn.location);
    this.#setOnline(visitor.id, site.accountId, +1);
    return { visitorId: visitor.id, displayName: visitorDisplayName(visitor), token };
  }

  /** Records a page view of one tab, and lets proactive messages look at it. */
  pageView(conn: Connection, visitor: Visitor, site: Site, fields: PageViewFields): PageView {
    const pageView = this.#store.recordPageView(visitor.id, fields, this.#now(), this.#store.visitGapMs(site.accountId));
    this.#accountHub.emit(accountTopic(site.accountId), { type: 'pageview', visitorId: visitor.id, pageView });
    this.#accountHub.emit(accountTopic(site.accountId), { type: 'visitor', visitor: this.#liveVisitor(visitor.id) });
    this.proactive.pageViewed(conn, pageView.id);
    return pageView;
  }

  /**
   * Sends a visitor's message, starting a conversation when none is open. Idempotent on clientId.
   * With `deliveryId` the visitor answers a proactive message: a new conversation starts with its
   * text, carries its tags, and is followed by its follow-up.
   */
  visitorSend(
    connVisitor: Visitor,
    site: Site,
    clientId: string,
    text: string,
    deliveryId?: number,
    start: ChatStart = {},
    file?: string,
  ): ChatMessage {
    // Operators may have edited the visitor's name since this connection opened.
    const visitor = this.#store.visitor(connVisitor.id) ?? connVisitor;
    const messages: ChatMessage[] = [];
    const result = this.#store.transaction(() => {
      const existing = this.#store.messageByClientId('visitor', visitor.id, clientId);
      if (existing) return { message: existing, created: false };
      // Checked after the retry check: a resent message returns its first result even if the
      // proactive message it answered has been deleted since.
      const answered = deliveryId ? this.proactive.deliveryFor(visitor, deliveryId) : null;
      const extras = file ? { file: this.#attachment(site.accountId, file, visitor.id) } : null;
      const now = this.#now();
      let conversation = this.#store.latestConversationOf(visitor.id);
      let decision: RequestDecision | null = null;
      if (!isOpen(conversation)) ({ conversation, decision } = this.#start(visitor, site, answered, messages, now, start));
      const message = this.#store.insertMessage({
        ...this.#line(conversation!, 'visitor', visitor.id, visitorDisplayName(visitor), text, now),
        clientId,
        extras,
      });
      messages.push(message);
      // Answering a proactive message with no form starts the chat with its follow-up.
      const followUp = decision && answered?.message.capture === 'none' ? answered.message.followUp : '';
      if (answered) this.proactive.replied(answered.delivery.id);
      if (followUp) messages.push(this.#store.insertMessage(this.#line(conversation!, 'system', null, answered!.senderName, followUp, now)));
      if (decision) this.#answerRequest(conversation!, decision, messages, now, Boolean(followUp));
      else this.#busyAgain(conversation!, messages, now);
      // Chatting is activity: a visitor talking on one page for a while is still on the same visit.
      this.#store.touchVisit(visitor.id, now, this.#store.visitGapMs(site.accountId));
      return { message, created: true };
    });
    if (result.created) {
      messages.forEach((m) => this.#publish(m));
      this.#distribute(site.accountId);
    }
    return result.message;
  }

  /**
   * The visitor submitted a proactive message's form: their details are saved, and the
   * conversation starts with the message's text and follow-up, queued for operators.
   */
  proactiveCapture(visitor: Visitor, site: Site, input: { deliveryId: number; name?: string; email?: string }): { conversationId: number } {
    const answered = this.proactive.deliveryFor(visitor, input.deliveryId);
    const { capture, followUp } = answered.message;
    const problem = captureProblem(capture, input);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    const messages: ChatMessage[] = [];
    const conversation = this.#store.transaction(() => {
      const now = this.#now();
      this.#store.setVisitorContact(visitor.id, { name: input.name, email: input.email });
      let c = this.#store.latestConversationOf(visitor.id);
      let decision: RequestDecision | null = null;
      if (!isOpen(c)) ({ conversation: c, decision } = this.#start(visitor, site, answered, messages, now, {}));
      if (followUp) messages.push(this.#store.insertMessage(this.#line(c!, 'system', null, answered.senderName, followUp, now)));
      if (decision) this.#answerRequest(c!, decision, messages, now, Boolean(followUp));
      this.proactive.replied(answered.delivery.id);
      return c!;
    });
    if (input.name) visitor.name = input.name;
    if (input.email) visitor.email = input.email;
    messages.forEach((m) => this.#publish(m));
    // The conversation's visitor details changed even when no message did.
    if (!messages.length) this.#publishSummary(conversation.id);
    this.#distribute(site.accountId);
    return { conversationId: conversation.id };
  }

  /**
   * A chat request: decides whether a conversation may start and how it waits. When it may not,
   * throws with the automatic message's text, and nothing is written. When it answers a
   * proactive message it opens with that message's text.
   */
  #start(
    visitor: Visitor,
    site: Site,
    answered: ReturnType<ProactiveService['deliveryFor']> | null,
    messages: ChatMessage[],
    now: number,
    start: ChatStart,
  ): { conversation: Conversation; decision: RequestDecision } {
    const settings = this.availability.settings(site.accountId);
    const locale = start.locale ?? localeOf(this.#store.lastPageView(visitor.id)?.language);
    const decision = this.availability.decide(site.accountId, visitor.id, now);
    if (!decision.create) {
      const kind = decision.message!;
      throw new TRPCError({ code: 'FORBIDDEN', message: automaticText(kind, settings.messages[kind], locale, {}, decision.mealUntil, { refused: true }) });
    }
    let category: Conversation['category'] = null;
    if (start.category) {
      const known = settings.categories.find((c) => c.name === start.category!.name);
      const division = start.category.division ?? null;
      if (!known) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Unknown category "${start.category.name}"` });
      }
      if (division !== null && !known.divisions.includes(division)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Unknown sub-category "${division}" in "${known.name}"` });
      }
      category = { name: known.name, division };
    }
    const origin: ConversationOrigin = {
      ...(answered ? { proactive: { id: answered.message.id, name: answered.message.name }, tags: answered.message.tags } : {}),
      locale,
      category,
      admitted: decision.admitted,
      hold: decision.hold,
    };
    const conversation = this.#store.createConversation({ accountId: site.accountId, siteId: site.id, visitorId: visitor.id, ...origin }, now);
    // The title is the operator's first line: a subject made of the category the visitor chose.
    if (settings.messages.title.enabled && (category || !/\[/.test(settings.messages.title.text ?? '['))) {
      const values = { category_name: category?.name ?? '', division_name: category?.division ?? '' };
      messages.push(this.#automatic(conversation, 'title', values, now, { internal: true }));
    }
    if (answered) {
      messages.push(this.#store.insertMessage(this.#line(conversation, 'system', null, answered.senderName, answered.message.text, answered.delivery.at)));
    }
    return { conversation, decision };
  }

  /**
   * After the visitor's first message: the automatic message that answers the request, and
   * closing when it says so. A proactive message's follow-up already told the visitor what
   * happens next, so it stands in for the "nobody available" and "busy" notices.
   */
  #answerRequest(conversation: Conversation, decision: RequestDecision, messages: ChatMessage[], now: number, followedUp = false): void {
    const kind = decision.message;
    const answered = followedUp && (kind === 'unavailable' || kind === 'busy');
    if (kind && !answered && this.availability.settings(conversation.accountId).messages[kind].enabled) {
      messages.push(this.#automatic(conversation, kind, {}, now, { mealUntil: decision.mealUntil }));
      if (kind === 'busy') this.#store.availability.setQueueFields(conversation.id, { busyNoticeAt: now });
    }
    if (decision.close) {
      this.#store.updateConversation(conversation.id, 'ended', null, now);
      this.#store.workspace.setRouting(conversation.id, { endedBy: 'system' });
      messages.push(this.#event(conversation, 'ended', { author: 'system', id: null, name: this.#store.accountName(conversation.accountId) }, now));
    }
  }

  /** The busy notice again, when the visitor writes 5 minutes or more after it and nobody has replied yet. */
  #busyAgain(conversation: Conversation, messages: ChatMessage[], now: number): void {
    if (!isOpen(conversation)) return;
    if (!busyResendDue(conversation, this.availability.settings(conversation.accountId).messages.busy.enabled, now)) return;
    messages.push(this.#automatic(conversation, 'busy', {}, now));
    this.#store.availability.setQueueFields(conversation.id, { busyNoticeAt: now });
  }

  /** Inserts an automatic message from the account, with its image and buttons. */
  #automatic(
    c: Conversation,
    kind: AutomaticKind,
    values: Record<string, string>,
    now: number,
    opts: { internal?: boolean; mealUntil?: string | null } = {},
  ): ChatMessage {
    const message = this.availability.settings(c.accountId).messages[kind];
    const text = automaticText(kind, message, c.locale, values, opts.mealUntil);
    const extras = message.image || message.buttons.length ? { ...(message.image ? { image: message.image } : {}), ...(message.buttons.length ? { buttons: message.buttons } : {}) } : null;
    return this.#store.insertMessage({
      ...this.#line(c, 'system', null, this.#store.accountName(c.accountId), text, now),
      automatic: kind,
      internal: opts.internal ?? false,
      extras,
    });
  }

  /** A text line of a conversation, ready to insert. */
  #line(c: Conversation, author: 'visitor' | 'system', authorId: number | null, authorName: string, text: string, at: number) {
    return {
      conversationId: c.id,
      accountId: c.accountId,
      visitorId: c.visitorId,
      clientId: null,
      kind: 'text' as const,
      event: null,
      author,
      authorId,
      authorName,
      text,
      createdAt: at,
    };
  }

  visitorTyping(visitor: Visitor, site: Site, typing: boolean): void {
    const conversation = this.#store.latestConversationOf(visitor.id);
    if (!conversation || conversation.status === 'ended') return;
    this.#accountHub.emit(accountTopic(site.accountId), { type: 'typing', conversationId: conversation.id, typing });
  }

  /** The visitor ends their open conversation. */
  visitorEnd(connVisitor: Visitor): ChatMessage | null {
    const visitor = this.#store.visitor(connVisitor.id) ?? connVisitor;
    const conversation = this.#store.latestConversationOf(visitor.id);
    if (!conversation || conversation.status === 'ended') return null;
    const message = this.#transition(conversation, 'ended', conversation.operatorId, 'ended', 'visitor', visitor.id, visitorDisplayName(visitor));
    // A chat ending makes room: under the cap, and in its operator's hands.
    this.#distribute(conversation.accountId);
    return message;
  }

  /** What the visitor's widget shows before they write, in their language. */
  #visitorAvailability(visitor: Visitor, accountId: number): VisitorAvailability {
    return this.availability.forVisitor(accountId, visitor.id, localeOf(this.#store.lastPageView(visitor.id)?.language));
  }

  visitorStream(conn: Connection, visitor: Visitor, lastEventId: string | null | undefined, signal?: AbortSignal) {
    const store = this.#store;
    const accountId = conn.site!.accountId;
    this.#remember(accountId);
    return resumableStream<VisitorStreamEvent>(
      {
        listen: (push) => {
          const offVisitor = this.#visitorHub.on(visitorTopic(visitor.id), push);
          const offTab = this.#visitorHub.on(tabTopic(conn.id), push);
          const sendAvailability = () => push({ type: 'availability', availability: this.#visitorAvailability(visitor, accountId) });
          const offAccount = this.#availabilityHub.on(accountTopic(accountId), sendAvailability);
          const offBlocked = this.#availabilityHub.on(visitorTopic(visitor.id), sendAvailability);
          sendAvailability();
          const held = this.#heldOffers.get(conn.id);
          if (held) {
            this.#heldOffers.delete(conn.id);
            push(held);
          }
          return () => {
            offVisitor();
            offTab();
            offAccount();
            offBlocked();
          };
        },
        *backlog(afterId) {
          const statusOf = new Map<number, Conversation['status']>();
          const toEvent = (message: ChatMessage): VisitorStreamEvent => {
            let status = statusOf.get(message.conversationId);
            if (!status) statusOf.set(message.conversationId, (status = store.conversation(message.conversationId)!.status));
            return { type: 'message', message, status };
          };
          if (afterId === null) {
            // No cursor: the history of the latest conversation, so a reloaded page shows it again.
            const latest = store.latestConversationOf(visitor.id);
            if (latest) {
              yield* store
                .conversationMessages(latest.id)
                .filter((m) => !m.internal)
                .slice(-LIMITS.historyBacklog)
                .map(toEvent);
            }
            return;
          }
          for (let page = store.visitorMessagesAfter(visitor.id, afterId, BACKLOG_PAGE); page.length > 0; ) {
            yield* page.map(toEvent);
            if (page.length < BACKLOG_PAGE) return;
            page = store.visitorMessagesAfter(visitor.id, page.at(-1)!.id, BACKLOG_PAGE);
          }
        },
        idOf: (e) => (e.type === 'message' ? e.message.id : null),
        synced: { type: 'synced' },
      },
      lastEventId,
      signal,
    );
  }

  // --- operators -------------------------------------------------------------

  async createOperator(o: { accountId: number; email: string; name: string; role: OperatorInfo['role']; password: string }) {
    return this.#store.createOperator({ ...o, passwordHash: await hashPassword(o.password) }, this.#now());
  }

  async login(conn: Connection, email: string, password: string): Promise<{ token: string; operator: OperatorInfo }> {
    const found = this.#store.operatorCredentials(email);
    // Verify even when the email is unknown, so timing does not reveal which emails exist.
    const ok = await verifyPassword(password, found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
    if (!found || !ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    const token = newToken();
    const tokenHash = hashToken(token);
    const now = this.#now();
    this.#store.createSession(tokenHash, found.operator.id, now, now + SESSION_TTL_MS);
    conn.operator = { operator: found.operator, accountId: found.accountId, tokenHash };
    return { token, operator: found.operator };
  }

  /**
   * The signed-in operator of a connection, checked against the store on every call, so that
   * signing out (in any tab) or the session expiring ends it on connections already open.
   */
  operatorOf(conn: Connection): OperatorSession | null {
    if (conn.operator && !this.#store.sessionOperator(conn.operator.tokenHash, this.#now())) conn.operator = null;
    return conn.operator;
  }

  logout(conn: Connection): void {
    if (conn.operator) this.#store.deleteSession(conn.operator.tokenHash);
    conn.operator = null;
  }

  /** The account's operators. */
  operators(op: OperatorSession): OperatorInfo[] {
    return this.#store.operators(op.accountId);
  }

  /** The open conversations, the stream cursor to follow from, and whether operators may ask for ratings. */
  inbox(op: OperatorSession): { conversations: ConversationSummary[]; cursor: string; ratingEnabled: boolean } {
    // The cursor is read in the same synchronous turn as the list, so no event falls between them.
    const cursor = String(this.#store.accountCursor(op.accountId));
    const ratingEnabled = this.availability.settings(op.accountId).rating;
    return { conversations: this.#store.openConversations(op.accountId).map((c) => this.#summary(c)), cursor, ratingEnabled };
  }

  conversationDetail(op: OperatorSession, conversationId: number) {
    const conversation = this.#conversationFor(op, conversationId);
    return {
      conversation: this.#summary(conversation),
      messages: this.#store.conversationMessages(conversation.id),
      pageViews: this.#store.currentVisitPageViews(conversation.visitorId),
    };
  }

  accept(op: OperatorSession, conversationId: number): ConversationSummary {
    const conversation = this.#conversationFor(op, conversationId);
    this.#check(conversation, 'accept', op.operator.id);
    if (conversation.status !== 'active') {
      const messages: ChatMessage[] = [];
      this.#store.transaction(() => this.#handOff(conversation, op.operator, messages, this.#now()));
      messages.forEach((m) => this.#publish(m));
      this.#publishTeam(op.accountId);
    }
    return this.#summary(this.#store.conversation(conversationId)!);
  }

  /**
   * Gives a conversation to an operator: "<operator> joined", then the greeting with their name,
   * then how many of their chats are unanswered ahead of it (once, and only when some are).
   */
  #handOff(conversation: Conversation, operator: { id: number; name: string }, messages: ChatMessage[], now: number): void {
    const settings = this.availability.settings(conversation.accountId).messages;
    this.#store.updateConversation(conversation.id, 'active', operator.id, now);
    this.#store.availability.setQueueFields(conversation.id, { assignedAt: now, hold: null, admitted: true });
    this.#store.availability.markAssigned(operator.id, now);
    messages.push(this.#event(conversation, 'joined', { author: 'operator', id: operator.id, name: operator.name }, now));
    if (settings.greeting.enabled && !conversation.greeted) {
      messages.push(this.#automatic(conversation, 'greeting', { counselor_name: operator.name }, now));
      this.#store.availability.setQueueFields(conversation.id, { greeted: true });
    }
    if (!conversation.queueNoticeSent) {
      const ahead = queueAhead(this.#store.availability.queue(conversation.accountId), conversation.id);
      if (settings.queue.enabled && ahead > 0) {
        messages.push(this.#automatic(conversation, 'queue', { counsel_count: String(ahead) }, now));
      }
      this.#store.availability.setQueueFields(conversation.id, { queueNoticeSent: true });
    }
  }

  /**
   * Admits chats waiting for room under the cap, and in automatic distribution gives waiting
   * chats, oldest first, to the least busy available operator. Each waiting chat's hold says why
   * it still waits.
   */
  #distribute(accountId: number): void {
    const settings = this.availability.settings(accountId);
    const now = this.#now();
    const messages: ChatMessage[] = [];
    const changed = new Set<number>();
    this.#store.transaction(() => {
      const admit = new Set(admissible(this.#store.availability.queue(accountId), settings.cap, now));
      for (const id of admit) this.#store.availability.setQueueFields(id, { admitted: true });
      const closed = settings.messages.outOfHours.enabled && !this.availability.openNow(accountId, now);
      const meal = this.availability.sharedMealUntil(accountId, now) !== null;
      let queue = this.#store.availability.queue(accountId);
      const departments = this.#store.workspace.departments(accountId);
      for (const chat of queue) {
        if (chat.status !== 'waiting' || chat.operatorId !== null) continue;
        let hold: Hold | null = !chat.admitted ? 'cap' : closed ? 'hours' : meal ? 'meal' : null;
        if (hold === null) {
          const operators = this.availability.operatorFacts(accountId, queue, now);
          const routed = { departmentId: chat.departmentId ?? null, passedBy: chat.passedBy ?? null };
          const operatorId = settings.distribution === 'automatic' ? routeChat(routed, operators, departments) : null;
          if (operatorId !== null) {
            this.#handOff(this.#store.conversation(chat.id)!, operators.find((o) => o.id === operatorId)!, messages, now);
            queue = this.#store.availability.queue(accountId);
            continue;
          }
          if (!eligible(routed, operators, departments).some(available)) hold = 'unavailable';
        }
        const conversation = this.#store.conversation(chat.id)!;
        if (conversation.hold !== hold || admit.has(chat.id)) {
          this.#store.availability.setQueueFields(chat.id, { hold });
          changed.add(chat.id);
        }
      }
    });
    messages.forEach((m) => this.#publish(m));
    for (const id of changed) this.#publishSummary(id);
    if (messages.length) this.#publishTeam(accountId);
  }

  /** An operator's message, or a `/command` whose output only operators see. Idempotent on clientId. */
  /**
   * An operator's message; with `note`, an internal note that only operators see, which any
   * operator of the account may add to any of its chats. Idempotent on clientId.
   */
  operatorSend(op: OperatorSession, conversationId: number, clientId: string, text: string, file?: string, note = false): ChatMessage {
    if (isCommand(text)) {
      if (file) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A command cannot carry a file: send the file on its own' });
      const parsed = parseCommand(text);
      if (!parsed.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: parsed.error });
      return this.#command(op, conversationId, clientId, parsed.command);
    }
    const result = this.#store.transaction(() => {
      const existing = this.#store.messageByClientId('operator', op.operator.id, clientId);
      if (existing) return { message: existing, created: false };
      const conversation = this.#conversationFor(op, conversationId);
      if (!note) this.#checkWrite(conversation, op.operator.id);
      const extras = file ? { file: this.#attachment(op.accountId, file, null) } : null;
      const message = this.#store.insertMessage({
        extras,
        internal: note,
        conversationId,
        accountId: conversation.accountId,
        visitorId: conversation.visitorId,
        clientId,
        kind: 'text',
        event: null,
        author: 'operator',
        authorId: op.operator.id,
        authorName: op.operator.name,
        text,
        createdAt: this.#now(),
      });
      if (!note && conversation.firstReplyAt === null) this.#store.availability.setQueueFields(conversationId, { firstReplyAt: message.createdAt });
      return { message, created: true };
    });
    if (result.created) this.#publish(result.message);
    if (result.created) this.teamChat.mentionedInChat(op, result.message);
    return result.message;
  }

  operatorTyping(op: OperatorSession, conversationId: number, typing: boolean): void {
    const conversation = this.#conversationFor(op, conversationId);
    if (conversation.status !== 'active' || conversation.operatorId !== op.operator.id) return;
    this.#visitorHub.emit(visitorTopic(conversation.visitorId), {
      type: 'typing',
      conversationId,
      name: op.operator.name,
      typing,
    });
  }

  /** Ends a chat, adding the operator's tags to it. */
  end(op: OperatorSession, conversationId: number, tags: string[] = []): ConversationSummary {
    const conversation = this.#conversationFor(op, conversationId);
    this.#check(conversation, 'end', op.operator.id);
    const known = new Set(conversation.tags.map((t) => t.toLowerCase()));
    const added = tags.filter((t) => !known.has(t.toLowerCase()) && known.add(t.toLowerCase()));
    if (added.length) this.#store.workspace.setTags(conversationId, [...conversation.tags, ...added]);
    this.#transition(conversation, 'ended', conversation.operatorId, 'ended', 'operator', op.operator.id, op.operator.name);
    this.#distribute(op.accountId);
    this.#publishTeam(op.accountId);
    return this.#summary(this.#store.conversation(conversationId)!);
  }

  /**
   * Continues a chat that has ended: it becomes active again with this operator, and the visitor's
   * window opens for writing. Only the visitor's latest chat can continue.
   */
  reopen(op: OperatorSession, conversationId: number): ConversationSummary {
    const conversation = this.#conversationFor(op, conversationId);
    if (conversation.status !== 'ended') throw new TRPCError({ code: 'CONFLICT', message: 'This chat has not ended' });
    if (this.#store.latestConversationOf(conversation.visitorId)?.id !== conversation.id) {
      throw new TRPCError({ code: 'CONFLICT', message: 'The visitor has started a new chat since this one ended' });
    }
    if (this.#store.availability.isBlocked(conversation.visitorId)) {
      throw new TRPCError({ code: 'CONFLICT', message: 'This visitor is blocked; unblock them to continue the chat' });
    }
    this.#store.transaction(() => this.#store.availability.setQueueFields(conversationId, { assignedAt: this.#now(), hold: null, admitted: true }));
    this.#transition(conversation, 'active', op.operator.id, 'reopened', 'operator', op.operator.id, op.operator.name);
    this.#publishTeam(op.accountId);
    return this.#summary(this.#store.conversation(conversationId)!);
  }

  /**
   * Transfer: hands the chat to an operator, or puts it at the bottom of a department's queue, and
   * leaves it. Invite: adds an operator to the chat and stays.
   */
  transfer(op: OperatorSession, input: TransferRequest): ConversationSummary {
    const me = op.operator;
    const conversation = this.#conversationFor(op, input.conversationId);
    if (conversation.status !== 'active') throw new TRPCError({ code: 'CONFLICT', message: conversation.status === 'ended' ? 'This conversation has ended' : 'Accept the conversation before transferring it' });
    const guests = this.#store.workspace.guests(conversation.id);
    const inChat = [conversation.operatorId!, ...guests.map((g) => g.id)];
    if (!inChat.includes(me.id)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an operator in this chat can transfer it or invite someone' });
    if (input.mode === 'transfer' && conversation.operatorId !== me.id) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${this.#store.operatorName(conversation.operatorId!)} can transfer this chat; you can leave it` });
    }
    const now = this.#now();
    const operators = this.availability.operatorFacts(op.accountId, this.#store.availability.queue(op.accountId), now);
    const departments = this.#store.workspace.departments(op.accountId);
    const refused = transferRefusal({ me: me.id, mode: input.mode, to: input.to, operators, departments, inChat });
    if (refused) throw new TRPCError(refused);
    const messages: ChatMessage[] = [];
    const event = (e: ConversationEvent, who: { id: number; name: string }) => this.#event(conversation, e, { author: 'operator', id: who.id, name: who.name }, now);
    const note = (text: string) => this.#store.insertMessage({ ...this.#line(conversation, 'system', null, me.name, text, now), author: 'operator', authorId: me.id, internal: true });
    this.#store.transaction(() => {
      if ('operatorId' in input.to) {
        const target = operators.find((o) => o.id === (input.to as { operatorId: number }).operatorId)!;
        if (input.mode === 'invite') {
          this.#store.workspace.addGuest(conversation.id, target.id, now);
          messages.push(note(`${me.name} invited ${target.name}`), event('joined', target));
          return;
        }
        // An invited operator takes it over: already in the chat, so no second "joined".
        const wasGuest = guests.some((g) => g.id === target.id);
        this.#store.workspace.removeGuest(conversation.id, target.id);
        this.#store.updateConversation(conversation.id, 'active', target.id, now);
        this.#store.availability.setQueueFields(conversation.id, { assignedAt: now });
        this.#store.availability.markAssigned(target.id, now);
        this.#store.workspace.setRouting(conversation.id, { passedBy: me.id });
        messages.push(note(`${me.name} transferred the chat to ${target.name}`), event('left', me));
        if (!wasGuest) messages.push(event('joined', target));
        return;
      }
      const department = departments.find((d) => d.id === (input.to as { departmentId: number }).departmentId)!;
      // Invited operators leave with the one who transferred it.
      for (const guest of guests) messages.push(event('left', guest));
      this.#store.workspace.clearGuests(conversation.id);
      this.#store.updateConversation(conversation.id, 'waiting', null, now);
      this.#store.availability.setQueueFields(conversation.id, { hold: null });
      this.#store.workspace.setRouting(conversation.id, { departmentId: department.id, queuedAt: now, passedBy: me.id });
      messages.push(note(`${me.name} transferred the chat to ${department.name}`), event('left', me));
    });
    messages.forEach((m) => this.#publish(m));
    this.#distribute(op.accountId);
    this.#publishTeam(op.accountId);
    return this.#summary(this.#store.conversation(conversation.id)!);
  }

  /**
   * The operator leaves a chat; the visitor stays. An invited operator takes it over, or it goes
   * back to the queue for others (not straight back to whoever left).
   */
  leave(op: OperatorSession, conversationId: number, clientId: string | null = null): ChatMessage {
    const me = op.operator;
    const conversation = this.#conversationFor(op, conversationId);
    if (conversation.status === 'ended') throw new TRPCError({ code: 'CONFLICT', message: 'This conversation has ended' });
    const guests = this.#store.workspace.guests(conversation.id);
    const owner = conversation.status === 'active' && conversation.operatorId === me.id;
    if (!owner && !guests.some((g) => g.id === me.id)) throw new TRPCError({ code: 'CONFLICT', message: 'You are not in this chat' });
    const now = this.#now();
    const message = this.#store.transaction(() => {
      if (owner) {
        const next = nextOwner(guests, me.id);
        if (next !== null) this.#store.workspace.removeGuest(conversation.id, next);
        this.#store.updateConversation(conversation.id, next === null ? 'waiting' : 'active', next, now);
        this.#store.availability.setQueueFields(conversation.id, next === null ? { hold: null } : { assignedAt: now });
        this.#store.workspace.setRouting(conversation.id, { passedBy: me.id });
      } else {
        this.#store.workspace.removeGuest(conversation.id, me.id);
      }
      return this.#event(conversation, 'left', { author: 'operator', id: me.id, name: me.name }, now, { clientId });
    });
    this.#publish(message);
    this.#distribute(op.accountId);
    this.#publishTeam(op.accountId);
    return message;
  }

  /** Runs a command; what it posts is seen by operators only. */
  #command(op: OperatorSession, conversationId: number, clientId: string, command: Command): ChatMessage {
    const existing = this.#store.messageByClientId('operator', op.operator.id, clientId);
    if (existing) return existing;
    if (command.name === 'leave') return this.leave(op, conversationId, clientId);
    const conversation = this.#conversationFor(op, conversationId);
    const now = this.#now();
    let announce: (() => void) | null = null;
    const message = this.#store.transaction(() => {
      const post = (text: string, extras: ChatMessage['extras'] = null) =>
        this.#store.insertMessage({
          ...this.#line(conversation, 'system', null, op.operator.name, text, now),
          clientId,
          author: 'operator',
          authorId: op.operator.id,
          internal: true,
          extras: { command: command.name, ...extras },
        });
      switch (command.name) {
        case 'help':
          return post(helpText());
        case 'history': {
          const pages = recentPages(this.#store.recentPageViews(conversation.visitorId));
          const name = visitorDisplayName(this.#store.visitor(conversation.visitorId)!);
          const text = pages.length === 1 ? `The page ${name} viewed:` : pages.length ? `The last ${pages.length} pages ${name} viewed, newest first:` : `${name} has not viewed any page yet.`;
          return post(text, { pages: pages.map((p) => ({ title: p.title, url: p.url, at: p.at })) });
        }
        case 'ticket': {
          const ticket = this.workspace.createTicket({
            accountId: op.accountId,
            title: command.title,
            description: this.#transcript(conversation),
            conversationId: conversation.id,
            visitorId: conversation.visitorId,
            createdBy: op.operator.id,
          });
          announce = () => this.workspace.announce(op.accountId, 'ticket.created', ticket);
          const to = [ticket.teamName, ticket.assigneeName].filter(Boolean).join(', ');
          return post(`Ticket #${ticket.number} created: ${ticket.title}${to ? ` (${to})` : ''}`, { buttons: [ticketLink(ticket.number)] });
        }
        case 'search_tickets': {
          const found = this.#store.workspace.searchTickets(op.accountId, command.query);
          const asked = 'number' in command.query ? `#${command.query.number}` : `"${command.query.keyword}"`;
          if (!found.length) return post(`No ticket matches ${asked}.`);
          return post(`${found.length === 1 ? '1 ticket matches' : `${found.length} tickets match`} ${asked}:`, {
            buttons: found.map((t) => ({ ...ticketLink(t.number), label: `#${t.number} ${t.title}`.slice(0, 80) })),
          });
        }
        case 'lead': {
          const visitor = this.#store.visitor(conversation.visitorId)!;
          const lead = this.workspace.createLead({
            accountId: op.accountId,
            name: command.leadName,
            notes: this.#transcript(conversation),
            source: 'live chat',
            email: visitor.email,
            phone: visitor.phone,
            conversationId: conversation.id,
            visitorId: visitor.id,
            createdBy: op.operator.id,
          });
          announce = () => this.workspace.announce(op.accountId, 'lead.created', lead);
          return post(`Lead #${lead.number} created: ${lead.name}`, { buttons: [{ label: `Lead #${lead.number}`, url: `/admin#leads/${lead.number}` }] });
        }
      }
    });
    this.#publish(message);
    (announce as (() => void) | null)?.();
    return message;
  }

  /** The transcript a ticket or lead carries, in the account's time zone. */
  #transcript(conversation: Conversation): string {
    return transcriptText(this.#store.conversationMessages(conversation.id), this.proactive.businessHours(conversation.accountId).timeZone);
  }

  /** The account's visitors on the site now, most recently active first. */
  liveVisitors(op: OperatorSession): LiveVisitor[] {
    const rows: LiveVisitor[] = [];
    for (const [visitorId, accountId] of this.#onlineAccount) if (accountId === op.accountId) rows.push(this.#liveVisitor(visitorId));
    return rows.sort((a, b) => (b.currentPage?.at ?? 0) - (a.currentPage?.at ?? 0) || b.id - a.id);
  }

  #liveVisitor(visitorId: number): LiveVisitor {
    const visitor = this.#store.visitor(visitorId)!;
    const last = this.#store.lastPageView(visitorId);
    const visit = last ? this.#store.pageViewInVisit(last.id) : null;
    return {
      id: visitor.id,
      displayName: visitorDisplayName(visitor),
      email: visitor.email,
      language: last?.language ?? '',
      timeZone: last?.timeZone ?? '',
      device: last?.device ?? '',
      currentPage: last ? { url: last.url, title: last.title, at: last.at } : null,
      pagesThisVisit: visit?.pageViews ?? 0,
      visitStartedAt: visit?.visitStartedAt ?? null,
      location: this.#located.get(visitorId) ?? null,
    };
  }

  /**
   * An operator starts a chat with a visitor on the site: the conversation opens with this
   * operator serving it and their message, which the visitor's chat window shows.
   */
  startChat(op: OperatorSession, visitorId: number, clientId: string, text: string): ConversationSummary {
    const visitor = this.#visitorFor(op, visitorId);
    const existing = this.#store.messageByClientId('operator', op.operator.id, clientId);
    if (existing) return this.#summary(this.#store.conversation(existing.conversationId)!);
    if (this.#store.availability.isBlocked(visitorId)) throw new TRPCError({ code: 'CONFLICT', message: 'This visitor is blocked' });
    const open = this.#store.latestConversationOf(visitorId);
    if (isOpen(open)) throw new TRPCError({ code: 'CONFLICT', message: `${visitorDisplayName(visitor)} is already in a chat` });
    const now = this.#now();
    const site = this.#store.site(visitor.siteId)!;
    const messages: ChatMessage[] = [];
    const conversation = this.#store.transaction(() => {
      const locale = localeOf(this.#store.lastPageView(visitorId)?.language);
      const c = this.#store.createConversation({ accountId: site.accountId, siteId: site.id, visitorId, locale }, now);
      this.#store.updateConversation(c.id, 'active', op.operator.id, now);
      this.#store.availability.setQueueFields(c.id, { assignedAt: now, firstReplyAt: now, queueNoticeSent: true, greeted: true });
      this.#store.availability.markAssigned(op.operator.id, now);
      messages.push(
        this.#store.insertMessage({ ...this.#line(c, 'system', null, op.operator.name, text, now), clientId, author: 'operator', authorId: op.operator.id }),
      );
      return c;
    });
    messages.forEach((m) => this.#publish(m));
    this.#publishTeam(op.accountId);
    this.teamChat.mentionedInChat(op, messages[0]!);
    return this.#summary(this.#store.conversation(conversation.id)!);
  }

  /** A visitor of the account with their contact details and past chats. */
  visitorDetail(op: OperatorSession, visitorId: number) {
    const visitor = this.#visitorFor(op, visitorId);
    return {
      contact: contactOf(visitor),
      conversations: this.#store.workspace.visitorConversations(visitorId),
    };
  }

  /** Saves the contact details an operator edited; an empty field clears it. */
  updateContact(op: OperatorSession, input: ContactUpdate): VisitorContact {
    this.#visitorFor(op, input.visitorId);
    this.#store.workspace.setContact(input.visitorId, input);
    const visitor = this.#store.visitor(input.visitorId)!;
    const open = this.#store.latestConversationOf(visitor.id);
    if (open) this.#publishSummary(open.id);
    return contactOf(visitor);
  }

  #visitorFor(op: OperatorSession, visitorId: number): Visitor {
    const visitor = this.#store.visitor(visitorId);
    const site = visitor ? this.#store.site(visitor.siteId) : null;
    if (!visitor || !site || site.accountId !== op.accountId) throw new TRPCError({ code: 'NOT_FOUND', message: `Visitor ${visitorId} not found` });
    return visitor;
  }

  setStatus(op: OperatorSession, status: OperatorStatus): void {
    this.availability.setStatus(op, status);
    this.#publishTeam(op.accountId);
    this.#distribute(op.accountId);
  }

  setCapacity(op: OperatorSession, operatorId: number, capacity: number): void {
    if (!this.#store.operators(op.accountId).some((o) => o.id === operatorId)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `Operator ${operatorId} not found` });
    }
    this.#store.availability.setCapacity(operatorId, capacity);
    this.#publishTeam(op.accountId);
    this.#distribute(op.accountId);
  }

  saveAvailability(op: OperatorSession, settings: Parameters<AvailabilityService['save']>[1]) {
    const saved = this.availability.save(op, settings);
    this.#availabilityHub.emit(accountTopic(op.accountId));
    this.#accountHub.emit(accountTopic(op.accountId), { type: 'settings', ratingEnabled: saved.rating });
    this.#publishTeam(op.accountId);
    this.#distribute(op.accountId);
    return saved;
  }

  /** After an admin changed canned responses or departments: open panels read them again. Returns `result`. */
  listsChanged<T>(accountId: number, result: T): T {
    this.#accountHub.emit(accountTopic(accountId), { type: 'lists' });
    return result;
  }

  /** Blocks or unblocks a visitor of the account; blocking ends their open chat. */
  setBlocked(op: OperatorSession, visitorId: number, blocked: boolean): { visitorId: number; blocked: boolean } {
    this.#visitorFor(op, visitorId);
    this.#store.availability.setBlocked(visitorId, blocked ? this.#now() : null);
    const open = this.#store.latestConversationOf(visitorId);
    if (blocked && open && isOpen(open)) {
      this.#transition(open, 'ended', open.operatorId, 'ended', 'operator', op.operator.id, op.operator.name);
      this.#distribute(op.accountId);
      this.#publishTeam(op.accountId);
    } else if (open) {
      this.#publishSummary(open.id);
    }
    this.#availabilityHub.emit(visitorTopic(visitorId));
    return { visitorId, blocked };
  }

  operatorStream(op: OperatorSession, lastEventId: string | null | undefined, signal?: AbortSignal) {
    const store = this.#store;
    const summary = (id: number) => this.#summary(store.conversation(id)!);
    return resumableStream<OperatorStreamEvent>(
      {
        listen: (push) => {
          const off = this.#accountHub.on(accountTopic(op.accountId), push);
          const offTeamChat = this.teamChat.listen(op.operator.id, push);
          this.#remember(op.accountId);
          if (this.availability.connected(op.operator.id, +1)) {
            this.#publishTeam(op.accountId);
            this.#distribute(op.accountId);
          } else {
            push({ type: 'team', operators: this.availability.team(op.accountId) });
          }
          return () => {
            off();
            offTeamChat();
            if (this.availability.connected(op.operator.id, -1)) this.#publishTeam(op.accountId);
          };
        },
        *backlog(afterId) {
          // Without a cursor the panel starts from inbox(), which hands it one ("0" for an empty account).
          if (afterId === null) return;
          for (let page = store.accountMessagesAfter(op.accountId, afterId, BACKLOG_PAGE); page.length > 0; ) {
            yield* page.map((message): OperatorStreamEvent => ({ type: 'message', message, conversation: summary(message.conversationId) }));
            if (page.length < BACKLOG_PAGE) return;
            page = store.accountMessagesAfter(op.accountId, page.at(-1)!.id, BACKLOG_PAGE);
          }
        },
        idOf: (e) => (e.type === 'message' ? e.message.id : null),
        synced: { type: 'synced' },
      },
      lastEventId,
      signal,
    );
  }

  // --- rating ------------------------------------------------------------------

  /** An operator in the chat asks the visitor to rate it; the visitor's window shows the choice. */
  requestRating(op: OperatorSession, conversationId: number): ChatMessage {
    const message = this.#store.transaction(() => {
      const conversation = this.#conversationFor(op, conversationId);
      if (!this.availability.settings(op.accountId).rating) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Chat rating is turned off: an admin can turn it on in Availability' });
      }
      this.#checkWrite(conversation, op.operator.id);
      if (ratingPending(conversation)) throw new TRPCError({ code: 'CONFLICT', message: 'A rating was already asked for; the visitor has not answered yet' });
      const now = this.#now();
      this.#store.workspace.setRouting(conversation.id, { ratingRequestedAt: now });
      return this.#event(conversation, 'rating-requested', { author: 'operator', id: op.operator.id, name: op.operator.name }, now);
    });
    this.#publish(message);
    return message;
  }

  /** The visitor rates a chat of theirs, good or bad, with an optional comment. Rating again replaces it. */
  rate(visitor: Visitor, input: { conversationId: number; rating: Rating; comment: string }): { rating: { value: Rating; comment: string } } {
    const result = this.#store.transaction(() => {
      const conversation = this.#store.conversation(input.conversationId);
      if (!conversation || conversation.visitorId !== visitor.id) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `Conversation ${input.conversationId} not found` });
      }
      if (!this.availability.settings(conversation.accountId).rating) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'This chat cannot be rated' });
      }
      if (conversation.ratingRequestedAt === null && conversation.firstReplyAt === null) {
        throw new TRPCError({ code: 'CONFLICT', message: 'A chat can be rated once an operator has answered' });
      }
      const rating = { value: input.rating, comment: input.comment };
      const same = conversation.rating?.value === rating.value && conversation.rating.comment === rating.comment;
      if (same && !ratingPending(conversation)) return { rating, message: null };
      const now = this.#now();
      this.#store.workspace.setRouting(conversation.id, { rating: rating.value, ratingComment: rating.comment, ratedAt: now });
      const author = this.#store.visitor(visitor.id) ?? visitor;
      const who = { author: 'visitor' as const, id: visitor.id, name: visitorDisplayName(author) };
      return { rating, message: this.#event(conversation, 'rated', who, now, { extras: { rating } }) };
    });
    if (result.message) this.#publish(result.message);
    return { rating: result.rating };
  }

  // --- internals -------------------------------------------------------------

  /** A file uploaded by this visitor (or, with visitorId null, by an operator of the account), to send in a chat. */
  #attachment(accountId: number, key: string, visitorId: number | null): ChatFile {
    const file = this.#store.availability.file(key);
    if (!file || file.accountId !== accountId || file.visitorId !== visitorId) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'That file was not found: attach it again' });
    }
    return { url: `/files/${file.key}`, name: file.name, type: file.type, size: file.size };
  }

  /** An operator may only reach conversations of their own account; others look like they do not exist. */
  #conversationFor(op: OperatorSession, conversationId: number): Conversation {
    const conversation = this.#store.conversation(conversationId);
    if (!conversation || conversation.accountId !== op.accountId) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `Conversation ${conversationId} not found` });
    }
    return conversation;
  }

  #check(conversation: Conversation, action: ConversationAction, operatorId: number): void {
    const reason = refusal(conversation, action, operatorId);
    if (reason) throw new TRPCError({ code: 'CONFLICT', message: reason });
  }

  /** The operator serving a chat and the operators invited into it may write in it. */
  #checkWrite(conversation: Conversation, operatorId: number): void {
    if (conversation.status === 'active' && this.#store.workspace.guests(conversation.id).some((g) => g.id === operatorId)) return;
    this.#check(conversation, 'operatorWrite', operatorId);
  }

  /** Changes a conversation's status and records the notice of it in the transcript, in one commit. */
  #transition(
    conversation: Conversation,
    status: Conversation['status'],
    operatorId: number | null,
    event: ConversationEvent,
    author: 'visitor' | 'operator',
    authorId: number,
    authorName: string,
  ): ChatMessage {
    const message = this.#store.transaction(() => {
      const now = this.#now();
      this.#store.updateConversation(conversation.id, status, operatorId, now);
      this.#store.workspace.setRouting(conversation.id, { endedBy: status === 'ended' ? author : null });
      // Operators invited into a chat leave it when it ends; continuing it starts with its operator alone.
      if (status === 'ended') this.#store.workspace.clearGuests(conversation.id);
      return this.#event(conversation, event, { author, id: authorId, name: authorName }, now);
    });
    this.#publish(message);
    return message;
  }

  /** Records the notice of an event in the transcript: who did it (the account itself for 'system'), and when. */
  #event(
    conversation: Conversation,
    event: ConversationEvent,
    who: { author: 'visitor' | 'operator' | 'system'; id: number | null; name: string },
    at: number,
    more: { extras?: MessageExtras; clientId?: string | null } = {},
  ): ChatMessage {
    return this.#store.insertMessage({
      ...this.#line(conversation, 'system', null, who.name, '', at),
      kind: 'event',
      event,
      author: who.author,
      authorId: who.id,
      clientId: more.clientId ?? null,
      extras: more.extras ?? null,
    });
  }

  #publish(message: ChatMessage): void {
    const conversation = this.#store.conversation(message.conversationId)!;
    if (!message.internal) this.#visitorHub.emit(visitorTopic(conversation.visitorId), { type: 'message', message, status: conversation.status });
    this.#accountHub.emit(accountTopic(conversation.accountId), {
      type: 'message',
      message,
      conversation: this.#summary(conversation),
    });
  }

  /** Tells the account's operators the team's status, when it changed since they were last told. */
  #publishTeam(accountId: number): void {
    const operators = this.availability.team(accountId);
    const told = this.#lastTold.get(accountId);
    const key = JSON.stringify(operators);
    if (told?.team === key) return;
    this.#lastTold.set(accountId, { away: told?.away ?? false, team: key });
    this.#accountHub.emit(accountTopic(accountId), { type: 'team', operators });
  }

  /** An account with streams open: the minute tick looks at it. */
  #remember(accountId: number): void {
    if (!this.#lastTold.has(accountId)) this.#lastTold.set(accountId, { away: this.availability.away(accountId), team: '' });
  }

  /** Tells operators that a conversation's details changed without a new message. */
  #publishSummary(conversationId: number): void {
    const conversation = this.#store.conversation(conversationId)!;
    this.#accountHub.emit(accountTopic(conversation.accountId), { type: 'conversation', conversation: this.#summary(conversation) });
  }

  #summary(c: Conversation): ConversationSummary {
    const visitor = this.#store.visitor(c.visitorId)!;
    return {
      id: c.id,
      status: c.status,
      visitor: {
        id: visitor.id,
        displayName: visitorDisplayName(visitor),
        name: visitor.name,
        email: visitor.email,
        online: this.#online.has(visitor.id),
        blocked: this.#store.availability.isBlocked(visitor.id),
      },
      operatorId: c.operatorId,
      operatorName: c.operatorId ? this.#store.operatorName(c.operatorId) : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      lastMessage: this.#store.lastMessage(c.id),
      currentPage: this.#store.lastPageView(c.visitorId),
      proactive: c.proactive,
      tags: c.tags,
      category: c.category,
      hold: c.status === 'waiting' ? c.hold : null,
      answered: c.firstReplyAt !== null,
      queuedAt: c.queuedAt,
      department: c.departmentId === null ? null : { id: c.departmentId, name: this.#store.workspace.departmentName(c.departmentId) ?? '' },
      guests: c.status === 'ended' ? [] : this.#store.workspace.guests(c.id),
      endedBy: c.status === 'ended' ? c.endedBy : null,
      rating: c.rating && { value: c.rating.value, comment: c.rating.comment },
      ratingPending: ratingPending(c),
    };
  }
}

/** A link to a ticket in the admin. */
function ticketLink(number: number): { label: string; url: string } {
  return { label: `Ticket #${number}`, url: `/admin#tickets/${number}` };
}

/** An operator asked for a rating after the visitor last rated (or before they ever did). */
function ratingPending(c: Conversation): boolean {
  return c.ratingRequestedAt !== null && (c.rating === null || c.rating.at < c.ratingRequestedAt);
}

function contactOf(v: Visitor): VisitorContact {
  return { id: v.id, displayName: visitorDisplayName(v), name: v.name, email: v.email, phone: v.phone, notes: v.notes };
}
