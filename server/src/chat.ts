/**
 * The chat service: visitors, operators, conversations and their live streams.
 * It wires the store (persistence), the hubs (fan-out) and the clock; rules live in domain/.
 */
import { TRPCError } from '@trpc/server';
import { hashPassword, hashToken, newToken, verifyPassword } from './auth.js';
import { refusal, visitorDisplayName, type ConversationAction } from './domain/conversation.js';
import { captureProblem } from './domain/proactive.js';
import { Hub } from './hub.js';
import type {
  ChatMessage,
  ConversationEvent,
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
}

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const BACKLOG_PAGE = 500;

const visitorTopic = (visitorId: number) => `visitor:${visitorId}`;
const accountTopic = (accountId: number) => `account:${accountId}`;
/** Events for one tab only, such as a proactive offer. */
const tabTopic = (connectionId: number) => `tab:${connectionId}`;

const isOpen = (c: Conversation | null) => c?.status === 'waiting' || c?.status === 'active';

export class ChatService {
  readonly #store: SqliteStore;
  readonly #now: () => number;
  readonly #visitorHub = new Hub<VisitorStreamEvent>();
  readonly #accountHub = new Hub<OperatorStreamEvent>();
  /** Open connections per visitor, for the online marker. */
  readonly #online = new Map<number, number>();
  #connections = 0;
  /** Offers made to a tab before its event stream started listening, by connection id. */
  readonly #heldOffers = new Map<number, VisitorStreamEvent>();
  readonly proactive: ProactiveService;

  constructor(store: SqliteStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
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
  }

  /** Stops the timers of pending offers. */
  close(): void {
    this.proactive.close();
  }

  // --- connections -----------------------------------------------------------

  /** Resolves the tokens a connection presented. Unknown tokens resolve to nobody, never to someone else. */
  async connect(siteKey: string | null, params: Record<string, string | undefined> | null): Promise<Connection> {
    const site = siteKey ? this.#store.siteByKey(siteKey) : null;
    const visitorToken = params?.visitorToken;
    const operatorToken = params?.operatorToken;
    const visitor =
      site && visitorToken && visitorToken.length <= LIMITS.token
        ? this.#store.visitorByToken(site.id, hashToken(visitorToken))
        : null;
    let operator: OperatorSession | null = null;
    if (operatorToken && operatorToken.length <= LIMITS.token) {
      const tokenHash = hashToken(operatorToken);
      const found = this.#store.sessionOperator(tokenHash, this.#now());
      if (found) operator = { ...found, tokenHash };
    }
    const conn: Connection = { id: ++this.#connections, site, visitor, operator };
    if (visitor && site) this.#setOnline(visitor.id, site.accountId, +1);
    return conn;
  }

  disconnect(conn: Connection): void {
    this.proactive.forget(conn);
    this.#heldOffers.delete(conn.id);
    if (conn.visitor && conn.site) this.#setOnline(conn.visitor.id, conn.site.accountId, -1);
  }

  #setOnline(visitorId: number, accountId: number, delta: 1 | -1): void {
    const before = this.#online.get(visitorId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) this.#online.delete(visitorId);
    else this.#online.set(visitorId, after);
    if ((before === 0) !== (after === 0)) {
      this.#accountHub.emit(accountTopic(accountId), { type: 'presence', visitorId, online: after > 0 });
    }
  }

  // --- visitors --------------------------------------------------------------

  /** Identifies the visitor of a connection, creating one when the token was missing or unknown. */
  hello(conn: Connection, site: Site): { visitorId: number; displayName: string; token?: string } {
    if (conn.visitor) return { visitorId: conn.visitor.id, displayName: visitorDisplayName(conn.visitor) };
    const token = newToken();
    const visitor = this.#store.createVisitor(site.id, hashToken(token), this.#now());
    conn.visitor = visitor;
    this.#setOnline(visitor.id, site.accountId, +1);
    return { visitorId: visitor.id, displayName: visitorDisplayName(visitor), token };
  }

  /** Records a page view of one tab, and lets proactive messages look at it. */
  pageView(conn: Connection, visitor: Visitor, site: Site, fields: PageViewFields): PageView {
    const pageView = this.#store.recordPageView(visitor.id, fields, this.#now(), this.#store.visitGapMs(site.accountId));
    this.#accountHub.emit(accountTopic(site.accountId), { type: 'pageview', visitorId: visitor.id, pageView });
    this.proactive.pageViewed(conn, pageView.id);
    return pageView;
  }

  /**
   * Sends a visitor's message, starting a conversation when none is open. Idempotent on clientId.
   * With `deliveryId` the visitor answers a proactive message: a new conversation starts with its
   * text, carries its tags, and is followed by its follow-up.
   */
  visitorSend(visitor: Visitor, site: Site, clientId: string, text: string, deliveryId?: number): ChatMessage {
    const messages: ChatMessage[] = [];
    const result = this.#store.transaction(() => {
      const existing = this.#store.messageByClientId('visitor', visitor.id, clientId);
      if (existing) return { message: existing, created: false };
      // Checked after the retry check: a resent message returns its first result even if the
      // proactive message it answered has been deleted since.
      const answered = deliveryId ? this.proactive.deliveryFor(visitor, deliveryId) : null;
      const now = this.#now();
      let conversation = this.#store.latestConversationOf(visitor.id);
      const starts = !isOpen(conversation);
      if (starts) conversation = this.#start(visitor, site, answered, messages, now);
      const message = this.#store.insertMessage({
        ...this.#line(conversation!, 'visitor', visitor.id, visitorDisplayName(visitor), text, now),
        clientId,
      });
      messages.push(message);
      if (answered) {
        this.proactive.replied(answered.delivery.id);
        if (starts && answered.message.capture === 'none' && answered.message.followUp) {
          messages.push(this.#store.insertMessage(this.#line(conversation!, 'system', null, answered.senderName, answered.message.followUp, now)));
        }
      }
      // Chatting is activity: a visitor talking on one page for a while is still on the same visit.
      this.#store.touchVisit(visitor.id, now, this.#store.visitGapMs(site.accountId));
      return { message, created: true };
    });
    if (result.created) messages.forEach((m) => this.#publish(m));
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
      if (!isOpen(c)) c = this.#start(visitor, site, answered, messages, now);
      if (followUp) messages.push(this.#store.insertMessage(this.#line(c!, 'system', null, answered.senderName, followUp, now)));
      this.proactive.replied(answered.delivery.id);
      return c!;
    });
    if (input.name) visitor.name = input.name;
    if (input.email) visitor.email = input.email;
    messages.forEach((m) => this.#publish(m));
    // The conversation's visitor details changed even when no message did.
    if (!messages.length) this.#publishSummary(conversation.id);
    return { conversationId: conversation.id };
  }

  /** Creates a conversation; when it answers a proactive message it opens with that message's text. */
  #start(
    visitor: Visitor,
    site: Site,
    answered: ReturnType<ProactiveService['deliveryFor']> | null,
    messages: ChatMessage[],
    now: number,
  ): Conversation {
    const origin: ConversationOrigin = answered
      ? { proactive: { id: answered.message.id, name: answered.message.name }, tags: answered.message.tags }
      : {};
    const conversation = this.#store.createConversation({ accountId: site.accountId, siteId: site.id, visitorId: visitor.id, ...origin }, now);
    if (answered) {
      messages.push(this.#store.insertMessage(this.#line(conversation, 'system', null, answered.senderName, answered.message.text, answered.delivery.at)));
    }
    return conversation;
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
  visitorEnd(visitor: Visitor): ChatMessage | null {
    const conversation = this.#store.latestConversationOf(visitor.id);
    if (!conversation || conversation.status === 'ended') return null;
    return this.#transition(conversation, 'ended', conversation.operatorId, 'ended', 'visitor', visitor.id, visitorDisplayName(visitor));
  }

  visitorStream(conn: Connection, visitor: Visitor, lastEventId: string | null | undefined, signal?: AbortSignal) {
    const store = this.#store;
    return resumableStream<VisitorStreamEvent>(
      {
        listen: (push) => {
          const offVisitor = this.#visitorHub.on(visitorTopic(visitor.id), push);
          const offTab = this.#visitorHub.on(tabTopic(conn.id), push);
          const held = this.#heldOffers.get(conn.id);
          if (held) {
            this.#heldOffers.delete(conn.id);
            push(held);
          }
          return () => {
            offVisitor();
            offTab();
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
            if (latest) yield* store.conversationMessages(latest.id).slice(-LIMITS.historyBacklog).map(toEvent);
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

  inbox(op: OperatorSession): { conversations: ConversationSummary[]; cursor: string } {
    // The cursor is read in the same synchronous turn as the list, so no event falls between them.
    const cursor = String(this.#store.accountCursor(op.accountId));
    return { conversations: this.#store.openConversations(op.accountId).map((c) => this.#summary(c)), cursor };
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
      this.#transition(conversation, 'active', op.operator.id, 'joined', 'operator', op.operator.id, op.operator.name);
    }
    return this.#summary(this.#store.conversation(conversationId)!);
  }

  operatorSend(op: OperatorSession, conversationId: number, clientId: string, text: string): ChatMessage {
    const result = this.#store.transaction(() => {
      const existing = this.#store.messageByClientId('operator', op.operator.id, clientId);
      if (existing) return { message: existing, created: false };
      const conversation = this.#conversationFor(op, conversationId);
      this.#check(conversation, 'operatorWrite', op.operator.id);
      const message = this.#store.insertMessage({
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
      return { message, created: true };
    });
    if (result.created) this.#publish(result.message);
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

  end(op: OperatorSession, conversationId: number): ConversationSummary {
    const conversation = this.#conversationFor(op, conversationId);
    this.#check(conversation, 'end', op.operator.id);
    this.#transition(conversation, 'ended', conversation.operatorId, 'ended', 'operator', op.operator.id, op.operator.name);
    return this.#summary(this.#store.conversation(conversationId)!);
  }

  operatorStream(op: OperatorSession, lastEventId: string | null | undefined, signal?: AbortSignal) {
    const store = this.#store;
    const summary = (id: number) => this.#summary(store.conversation(id)!);
    return resumableStream<OperatorStreamEvent>(
      {
        listen: (push) => this.#accountHub.on(accountTopic(op.accountId), push),
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

  // --- internals -------------------------------------------------------------

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
      return this.#store.insertMessage({
        conversationId: conversation.id,
        accountId: conversation.accountId,
        visitorId: conversation.visitorId,
        clientId: null,
        kind: 'event',
        event,
        author,
        authorId,
        authorName,
        text: '',
        createdAt: now,
      });
    });
    this.#publish(message);
    return message;
  }

  #publish(message: ChatMessage): void {
    const conversation = this.#store.conversation(message.conversationId)!;
    this.#visitorHub.emit(visitorTopic(conversation.visitorId), { type: 'message', message, status: conversation.status });
    this.#accountHub.emit(accountTopic(conversation.accountId), {
      type: 'message',
      message,
      conversation: this.#summary(conversation),
    });
  }

  /** Tells operators that a conversation's details changed, through its latest line. */
  #publishSummary(conversationId: number): void {
    const conversation = this.#store.conversation(conversationId)!;
    const message = this.#store.lastMessage(conversationId);
    if (message) this.#accountHub.emit(accountTopic(conversation.accountId), { type: 'message', message, conversation: this.#summary(conversation) });
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
      },
      operatorId: c.operatorId,
      operatorName: c.operatorId ? this.#store.operatorName(c.operatorId) : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      lastMessage: this.#store.lastMessage(c.id),
      currentPage: this.#store.lastPageView(c.visitorId),
      proactive: c.proactive,
      tags: c.tags,
    };
  }
}

