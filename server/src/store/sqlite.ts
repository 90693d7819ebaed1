/**
 * SQLite persistence (better-sqlite3, WAL). Every method is synchronous and each write
 * is committed before it returns, so a caller acknowledges a write only after commit.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations.js';
import { visitFor } from '../domain/visits.js';
import { ProactiveStore } from './proactive.js';
import { AvailabilityStore } from './availability.js';
import { WorkspaceStore } from './workspace.js';
import { ChannelStore } from './channels.js';
import type {
  AuthorType,
  ChatMessage,
  ConversationEvent,
  ConversationStatus,
  DeviceType,
  MessageKind,
  OperatorInfo,
  PageView,
  Role,
} from '../protocol/index.js';
import type { AttributeValue } from '../protocol/proactive.js';
import type { AutomaticKind, Locale } from '../protocol/availability.js';
import type { Hold } from '../domain/availability.js';
import type { MessageExtras } from '../protocol/index.js';

export interface Site {
  id: number;
  accountId: number;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
}

export interface Visitor {
  id: number;
  siteId: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The operators' notes about the visitor. */
  notes: string;
  createdAt: number;
  /** Custom attributes set by the host page. */
  attributes: Record<string, AttributeValue>;
}

export interface Conversation {
  id: number;
  accountId: number;
  siteId: number;
  visitorId: number;
  status: ConversationStatus;
  operatorId: number | null;
  createdAt: number;
  updatedAt: number;
  /** The proactive message that started it, if any (its name survives the message's deletion). */
  proactive: { id: number; name: string } | null;
  tags: string[];
  /** false while the chat waits for room under the cap. */
  admitted: boolean;
  /** Why it waits instead of being distributed, if it does. */
  hold: Hold | null;
  /** The language of its automatic messages. */
  locale: Locale;
  category: { name: string; division: string | null } | null;
  assignedAt: number | null;
  firstReplyAt: number | null;
  busyNoticeAt: number | null;
  queueNoticeSent: boolean;
  greeted: boolean;
  /** The department it was transferred to; null for the whole team. */
  departmentId: number | null;
  /** Its place in the queue: when it started, or when it was last transferred to a department. */
  queuedAt: number;
  endedBy: 'visitor' | 'operator' | 'system' | null;
  /** The operator who last transferred it away, so it is not given straight back to them. */
  passedBy: number | null;
  /** The visitor's latest rating of the chat. */
  rating: { value: 'good' | 'bad'; comment: string; at: number } | null;
  /** When an operator last asked the visitor for a rating. */
  ratingRequestedAt: number | null;
}

/** What a new conversation may carry besides its visitor. */
export interface ConversationOrigin {
  proactive?: { id: number; name: string } | null;
  tags?: string[];
  locale?: Locale;
  category?: { name: string; division: string | null } | null;
  admitted?: boolean;
  hold?: Hold | null;
}

export interface NewMessage {
  conversationId: number;
  accountId: number;
  visitorId: number;
  clientId: string | null;
  kind: MessageKind;
  event: ConversationEvent | null;
  author: AuthorType;
  authorId: number | null;
  authorName: string;
  text: string;
  createdAt: number;
  automatic?: AutomaticKind | null;
  /** Shown to operators only. */
  internal?: boolean;
  extras?: MessageExtras | null;
}

export type PageViewFields = Omit<PageView, 'id' | 'visitId' | 'at'>;

type Row = Record<string, unknown>;

const toMessage = (r: Row): ChatMessage => ({
  id: r.id as number,
  conversationId: r.conversation_id as number,
  clientId: (r.client_id as string | null) ?? null,
  kind: r.kind as MessageKind,
  event: (r.event as ConversationEvent | null) ?? null,
  author: r.author as AuthorType,
  authorName: r.author_name as string,
  text: r.text as string,
  createdAt: r.created_at as number,
  automatic: (r.automatic as AutomaticKind | null) ?? null,
  internal: r.internal === 1,
  extras: r.extras ? (JSON.parse(r.extras as string) as MessageExtras) : null,
});

const toConversation = (r: Row): Conversation => ({
  id: r.id as number,
  accountId: r.account_id as number,
  siteId: r.site_id as number,
  visitorId: r.visitor_id as number,
  status: r.status as ConversationStatus,
  operatorId: (r.operator_id as number | null) ?? null,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
  proactive: r.proactive_id ? { id: r.proactive_id as number, name: (r.proactive_name as string) ?? '' } : null,
  tags: JSON.parse((r.tags as string) ?? '[]') as string[],
  admitted: r.admitted !== 0,
  hold: (r.hold as Hold | null) ?? null,
  locale: (r.locale as Locale) ?? 'en',
  category: r.category ? { name: r.category as string, division: (r.division as string | null) ?? null } : null,
  assignedAt: (r.assigned_at as number | null) ?? null,
  firstReplyAt: (r.first_reply_at as number | null) ?? null,
  busyNoticeAt: (r.busy_notice_at as number | null) ?? null,
  queueNoticeSent: r.queue_notice_sent === 1,
  greeted: r.greeted === 1,
  departmentId: (r.department_id as number | null) ?? null,
  queuedAt: (r.queued_at as number | null) ?? (r.created_at as number),
  endedBy: (r.ended_by as Conversation['endedBy']) ?? null,
  passedBy: (r.passed_by as number | null) ?? null,
  rating: r.rating
    ? { value: r.rating as 'good' | 'bad', comment: (r.rating_comment as string | null) ?? '', at: r.rated_at as number }
    : null,
  ratingRequestedAt: (r.rating_requested_at as number | null) ?? null,
});

const toPageView = (r: Row): PageView => ({
  id: r.id as number,
  visitId: r.visit_id as number,
  url: r.url as string,
  title: r.title as string,
  referrer: r.referrer as string,
  language: r.language as string,
  timeZone: r.time_zone as string,
  device: r.device as DeviceType,
  at: r.at as number,
});

const toVisitor = (r: Row): Visitor => ({
  id: r.id as number,
  siteId: r.site_id as number,
  name: (r.name as string | null) ?? null,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  notes: (r.notes as string | null) ?? '',
  createdAt: r.created_at as number,
  attributes: JSON.parse((r.attributes as string) ?? '{}') as Record<string, AttributeValue>,
});

const toSite = (r: Row): Site => ({
  id: r.id as number,
  accountId: r.account_id as number,
  name: r.name as string,
  siteKey: r.site_key as string,
  allowedOrigins: JSON.parse(r.allowed_origins as string) as string[],
});

const toOperator = (r: Row): OperatorInfo => ({
  id: r.id as number,
  email: r.email as string,
  name: r.name as string,
  role: r.role as Role,
});

export class SqliteStore {
  readonly #db: Database.Database;
  /** Proactive messages and their deliveries. */
  readonly proactive: ProactiveStore;
  /** Availability settings, operator status, blocked visitors, the queue, files. */
  readonly availability: AvailabilityStore;
  /** Departments, invited operators, contact details, canned responses, tickets, leads, webhooks. */
  readonly workspace: WorkspaceStore;
  /** Team chat: channels, direct chats between operators, their messages and read marks. */
  readonly channels: ChannelStore;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the write is acknowledged to a client.
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    this.#migrate();
    this.proactive = new ProactiveStore(this.#db);
    this.availability = new AvailabilityStore(this.#db);
    this.workspace = new WorkspaceStore(this.#db);
    this.channels = new ChannelStore(this.#db);
  }

  #migrate(): void {
    const current = this.#db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < migrations.length; v++) {
      this.#db.transaction(() => {
        this.#db.exec(migrations[v]!);
        this.#db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  get schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  close(): void {
    this.#db.close();
  }

  // --- accounts, sites, operators -------------------------------------------

  createAccount(name: string, now: number): number {
    return Number(this.#db.prepare('INSERT INTO accounts (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
  }

  accountName(accountId: number): string {
    const r = this.#db.prepare('SELECT name FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
    return (r?.name as string) ?? '';
  }

  visitGapMs(accountId: number): number {
    const r = this.#db.prepare('SELECT visit_gap_ms FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
    return (r?.visit_gap_ms as number) ?? 30 * 60 * 1000;
  }

  createSite(s: Omit<Site, 'id'>, now: number): Site {
    const id = Number(
      this.#db
        .prepare('INSERT INTO sites (account_id, name, site_key, allowed_origins, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.accountId, s.name, s.siteKey, JSON.stringify(s.allowedOrigins), now).lastInsertRowid,
    );
    return { id, ...s };
  }

  /** A site that has not been deleted. */
  siteByKey(siteKey: string): Site | null {
    const r = this.#db.prepare('SELECT * FROM sites WHERE site_key = ? AND deleted_at IS NULL').get(siteKey) as Row | undefined;
    return r ? toSite(r) : null;
  }

  site(id: number): Site | null {
    const r = this.#db.prepare('SELECT * FROM sites WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
    return r ? toSite(r) : null;
  }

  sites(accountId: number): Site[] {
    return (this.#db.prepare('SELECT * FROM sites WHERE account_id = ? AND deleted_at IS NULL ORDER BY id').all(accountId) as Row[]).map(toSite);
  }

  /** Deletes a site: its widget stops connecting; its history stays. */
  deleteSite(id: number, now: number): void {
    this.#db.prepare('UPDATE sites SET deleted_at = ? WHERE id = ?').run(now, id);
  }

  /** The operator a site's proactive messages are sent as: its default sender, else the account's first admin. */
  defaultSender(siteId: number): { id: number; name: string } | null {
    const r = this.#db
      .prepare(
        `SELECT o.id, o.name FROM sites s JOIN operators o ON o.account_id = s.account_id AND o.deleted_at IS NULL
         WHERE s.id = ? ORDER BY (o.id = s.default_sender_id) DESC, (o.role = 'admin') DESC, o.id LIMIT 1`,
      )
      .get(siteId) as Row | undefined;
    return r ? { id: r.id as number, name: r.name as string } : null;
  }

  setDefaultSender(siteId: number, operatorId: number): void {
    this.#db.prepare('UPDATE sites SET default_sender_id = ? WHERE id = ?').run(operatorId, siteId);
  }

  businessHours(accountId: number): string | null {
    const r = this.#db.prepare('SELECT business_hours FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
    return (r?.business_hours as string | null) ?? null;
  }

  setAccountSettings(accountId: number, businessHours: string, visitGapMs: number): void {
    this.#db.prepare('UPDATE accounts SET business_hours = ?, visit_gap_ms = ? WHERE id = ?').run(businessHours, visitGapMs, accountId);
  }

  firstSite(): Site | null {
    const r = this.#db.prepare('SELECT site_key FROM sites ORDER BY id LIMIT 1').get() as Row | undefined;
    return r ? this.siteByKey(r.site_key as string) : null;
  }

  createOperator(
    o: { accountId: number; email: string; name: string; role: Role; passwordHash: string },
    now: number,
  ): OperatorInfo {
    const id = Number(
      this.#db
        .prepare('INSERT INTO operators (account_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(o.accountId, o.email, o.name, o.role, o.passwordHash, now).lastInsertRowid,
    );
    return { id, email: o.email, name: o.name, role: o.role };
  }

  operatorCount(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM operators').get() as Row).n as number;
  }

  operatorCredentials(email: string): { operator: OperatorInfo; accountId: number; passwordHash: string } | null {
    const r = this.#db.prepare('SELECT * FROM operators WHERE email = ? AND deleted_at IS NULL').get(email) as Row | undefined;
    return r ? { operator: toOperator(r), accountId: r.account_id as number, passwordHash: r.password_hash as string } : null;
  }

  operatorName(id: number): string | null {
    const r = this.#db.prepare('SELECT name FROM operators WHERE id = ?').get(id) as Row | undefined;
    return (r?.name as string) ?? null;
  }

  createSession(tokenHash: string, operatorId: number, now: number, expiresAt: number): void {
    this.#db
      .prepare('INSERT INTO operator_sessions (token_hash, operator_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(tokenHash, operatorId, now, expiresAt);
  }

  sessionOperator(tokenHash: string, now: number): { operator: OperatorInfo; accountId: number } | null {
    const r = this.#db
      .prepare(
        `SELECT o.* FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND o.deleted_at IS NULL`,
      )
      .get(tokenHash, now) as Row | undefined;
    return r ? { operator: toOperator(r), accountId: r.account_id as number } : null;
  }

  operators(accountId: number): OperatorInfo[] {
    return (this.#db.prepare('SELECT * FROM operators WHERE account_id = ? AND deleted_at IS NULL ORDER BY id').all(accountId) as Row[]).map(toOperator);
  }

  /** Deletes an operator: they can no longer sign in; their name stays on past messages. */
  deleteOperator(id: number, now: number): void {
    this.#db.prepare('UPDATE operators SET deleted_at = ? WHERE id = ?').run(now, id);
    this.#db.prepare('DELETE FROM operator_sessions WHERE operator_id = ?').run(id);
  }

  deleteSession(tokenHash: string): void {
    this.#db.prepare('DELETE FROM operator_sessions WHERE token_hash = ?').run(tokenHash);
  }

  // --- visitors, visits, page views ------------------------------------------

  createVisitor(siteId: number, tokenHash: string, now: number): Visitor {
    const id = Number(
      this.#db
        .prepare('INSERT INTO visitors (site_id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
        .run(siteId, tokenHash, now, now).lastInsertRowid,
    );
    return { id, siteId, name: null, email: null, phone: null, notes: '', createdAt: now, attributes: {} };
  }

  visitorByToken(siteId: number, tokenHash: string): Visitor | null {
    const r = this.#db.prepare('SELECT * FROM visitors WHERE token_hash = ? AND site_id = ?').get(tokenHash, siteId) as
      | Row
      | undefined;
    return r ? toVisitor(r) : null;
  }

  visitor(id: number): Visitor | null {
    const r = this.#db.prepare('SELECT * FROM visitors WHERE id = ?').get(id) as Row | undefined;
    return r ? toVisitor(r) : null;
  }

  setVisitorAttributes(id: number, attributes: Record<string, AttributeValue>): void {
    this.#db.prepare('UPDATE visitors SET attributes = ? WHERE id = ?').run(JSON.stringify(attributes), id);
  }

  setVisitorContact(id: number, contact: { name?: string; email?: string }): void {
    if (contact.name) this.#db.prepare('UPDATE visitors SET name = ? WHERE id = ?').run(contact.name, id);
    if (contact.email) this.#db.prepare('UPDATE visitors SET email = ? WHERE id = ?').run(contact.email, id);
  }

  /** A page view with its visit: when the visit started, its number, and how many pages it has had so far. */
  pageViewInVisit(pageViewId: number): { pageView: PageView; visitStartedAt: number; visitNumber: number; pageViews: number } | null {
    const r = this.#db
      .prepare(
        `SELECT p.*, v.started_at AS visit_started_at, v.number AS visit_number,
           (SELECT count(*) FROM page_views q WHERE q.visit_id = p.visit_id AND q.id <= p.id) AS visit_page_views
         FROM page_views p JOIN visits v ON v.id = p.visit_id WHERE p.id = ?`,
      )
      .get(pageViewId) as Row | undefined;
    if (!r) return null;
    return {
      pageView: toPageView(r),
      visitStartedAt: r.visit_started_at as number,
      visitNumber: r.visit_number as number,
      pageViews: r.visit_page_views as number,
    };
  }

  /** Records a page view, starting a new visit after `gapMs` of inactivity. */
  recordPageView(visitorId: number, p: PageViewFields, now: number, gapMs: number): PageView {
    return this.transaction(() => {
      const last = this.#db
        .prepare('SELECT id, number, last_activity_at FROM visits WHERE visitor_id = ? ORDER BY id DESC LIMIT 1')
        .get(visitorId) as Row | undefined;
      const decision = visitFor(
        last ? { id: last.id as number, number: last.number as number, lastActivityAt: last.last_activity_at as number } : null,
        now,
        gapMs,
      );
      let visitId: number;
      if (decision.continues) {
        visitId = decision.visit.id;
        this.#db.prepare('UPDATE visits SET last_activity_at = ? WHERE id = ?').run(now, visitId);
      } else {
        visitId = Number(
          this.#db
            .prepare('INSERT INTO visits (visitor_id, number, started_at, last_activity_at) VALUES (?, ?, ?, ?)')
            .run(visitorId, decision.number, now, now).lastInsertRowid,
        );
      }
      this.#db.prepare('UPDATE visitors SET last_seen_at = ? WHERE id = ?').run(now, visitorId);
      const id = Number(
        this.#db
          .prepare(
            `INSERT INTO page_views (visitor_id, visit_id, url, title, referrer, language, time_zone, device, at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(visitorId, visitId, p.url, p.title, p.referrer, p.language, p.timeZone, p.device, now).lastInsertRowid,
      );
      return { id, visitId, ...p, at: now };
    });
  }

  /** Counts other activity (a chat message) toward the visitor's current visit, unless that visit has lapsed. */
  touchVisit(visitorId: number, now: number, gapMs: number): void {
    const last = this.#db
      .prepare('SELECT id, number, last_activity_at FROM visits WHERE visitor_id = ? ORDER BY id DESC LIMIT 1')
      .get(visitorId) as Row | undefined;
    if (!last) return;
    const decision = visitFor({ id: last.id as number, number: last.number as number, lastActivityAt: last.last_activity_at as number }, now, gapMs);
    if (decision.continues) this.#db.prepare('UPDATE visits SET last_activity_at = ? WHERE id = ?').run(now, decision.visit.id);
  }

  /** Page views of the visitor's latest visit, newest first. */
  currentVisitPageViews(visitorId: number, limit = 50): PageView[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM page_views WHERE visit_id = (SELECT max(id) FROM visits WHERE visitor_id = ?)
           ORDER BY id DESC LIMIT ?`,
        )
        .all(visitorId, limit) as Row[]
    ).map(toPageView);
  }

  /** The visitor's latest page views across all visits, newest first. */
  recentPageViews(visitorId: number, limit = 15): PageView[] {
    return (this.#db.prepare('SELECT * FROM page_views WHERE visitor_id = ? ORDER BY id DESC LIMIT ?').all(visitorId, limit) as Row[]).map(toPageView);
  }

  lastPageView(visitorId: number): PageView | null {
    const r = this.#db.prepare('SELECT * FROM page_views WHERE visitor_id = ? ORDER BY id DESC LIMIT 1').get(visitorId) as
      | Row
      | undefined;
    return r ? toPageView(r) : null;
  }

  // --- conversations and messages --------------------------------------------

  conversation(id: number): Conversation | null {
    const r = this.#db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
    return r ? toConversation(r) : null;
  }

  latestConversationOf(visitorId: number): Conversation | null {
    const r = this.#db.prepare('SELECT * FROM conversations WHERE visitor_id = ? ORDER BY id DESC LIMIT 1').get(visitorId) as
      | Row
      | undefined;
    return r ? toConversation(r) : null;
  }

  openConversations(accountId: number): Conversation[] {
    return (
      this.#db
        .prepare(`SELECT * FROM conversations WHERE account_id = ? AND status IN ('waiting', 'active') ORDER BY id`)
        .all(accountId) as Row[]
    ).map(toConversation);
  }

  createConversation(c: { accountId: number; siteId: number; visitorId: number } & ConversationOrigin, now: number): Conversation {
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO conversations (account_id, site_id, visitor_id, status, created_at, updated_at, queued_at, proactive_id, proactive_name, tags,
             locale, category, division, admitted, hold)
           VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.accountId, c.siteId, c.visitorId, now, now, now, c.proactive?.id ?? null, c.proactive?.name ?? null, JSON.stringify(c.tags ?? []),
          c.locale ?? 'en', c.category?.name ?? null, c.category?.division ?? null, c.admitted === false ? 0 : 1, c.hold ?? null).lastInsertRowid,
    );
    return this.conversation(id)!;
  }

  updateConversation(id: number, status: ConversationStatus, operatorId: number | null, now: number): void {
    this.#db
      .prepare('UPDATE conversations SET status = ?, operator_id = ?, updated_at = ?, ended_at = ? WHERE id = ?')
      .run(status, operatorId, now, status === 'ended' ? now : null, id);
  }

  messageByClientId(author: AuthorType, authorId: number, clientId: string): ChatMessage | null {
    const r = this.#db
      .prepare('SELECT * FROM messages WHERE author = ? AND author_id = ? AND client_id = ?')
      .get(author, authorId, clientId) as Row | undefined;
    return r ? toMessage(r) : null;
  }

  insertMessage(m: NewMessage): ChatMessage {
    const extras = m.extras ?? null;
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO messages (conversation_id, account_id, visitor_id, client_id, kind, event, author, author_id,
             author_name, text, created_at, automatic, internal, extras) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(m.conversationId, m.accountId, m.visitorId, m.clientId, m.kind, m.event, m.author, m.authorId, m.authorName,
          m.text, m.createdAt, m.automatic ?? null, m.internal ? 1 : 0, extras ? JSON.stringify(extras) : null).lastInsertRowid,
    );
    this.#db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(m.createdAt, m.conversationId);
    return { id, conversationId: m.conversationId, clientId: m.clientId, kind: m.kind, event: m.event, author: m.author,
      authorName: m.authorName, text: m.text, createdAt: m.createdAt, automatic: m.automatic ?? null, internal: m.internal ?? false, extras };
  }

  conversationMessages(conversationId: number): ChatMessage[] {
    return (this.#db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id').all(conversationId) as Row[]).map(
      toMessage,
    );
  }

  lastMessage(conversationId: number): ChatMessage | null {
    const r = this.#db.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 1').get(conversationId) as
      | Row
      | undefined;
    return r ? toMessage(r) : null;
  }

  /** A visitor's messages after a cursor, oldest first. */
  visitorMessagesAfter(visitorId: number, afterId: number, limit: number): ChatMessage[] {
    return (
      this.#db
        .prepare('SELECT * FROM messages WHERE visitor_id = ? AND id > ? AND internal = 0 ORDER BY id LIMIT ?')
        .all(visitorId, afterId, limit) as Row[]
    ).map(toMessage);
  }

  /** An account's messages after a cursor, oldest first. */
  accountMessagesAfter(accountId: number, afterId: number, limit: number): ChatMessage[] {
    return (
      this.#db
        .prepare('SELECT * FROM messages WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?')
        .all(accountId, afterId, limit) as Row[]
    ).map(toMessage);
  }

  /** The newest message id of an account: the cursor an operator's stream resumes from. */
  accountCursor(accountId: number): number {
    const r = this.#db.prepare('SELECT max(id) AS id FROM messages WHERE account_id = ?').get(accountId) as Row;
    return (r.id as number | null) ?? 0;
  }
}
