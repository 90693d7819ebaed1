/**
 * The operator workspace in SQLite: departments, operators invited into chats, transfers and who
 * ended a chat, contact details, canned responses, helpdesk teams, tickets, leads and webhooks.
 */
import type Database from 'better-sqlite3';
import type { CannedResponse, Department, HelpdeskTeam, Lead, Ticket, Webhook } from '../protocol/workspace.js';

type Row = Record<string, unknown>;

/** Conversation columns the workspace keeps. */
export interface RoutingFields {
  departmentId?: number | null;
  queuedAt?: number;
  endedBy?: 'visitor' | 'operator' | 'system' | null;
  passedBy?: number | null;
  rating?: 'good' | 'bad' | null;
  ratingComment?: string | null;
  ratedAt?: number | null;
  ratingRequestedAt?: number | null;
}

const ROUTING_COLUMNS: Record<keyof RoutingFields, string> = {
  departmentId: 'department_id',
  queuedAt: 'queued_at',
  endedBy: 'ended_by',
  passedBy: 'passed_by',
  rating: 'rating',
  ratingComment: 'rating_comment',
  ratedAt: 'rated_at',
  ratingRequestedAt: 'rating_requested_at',
};

export interface NewTicket {
  accountId: number;
  title: string;
  description: string;
  teamId: number | null;
  teamName: string | null;
  assigneeId: number | null;
  conversationId: number | null;
  visitorId: number | null;
  createdBy: number;
}

export interface NewLead {
  accountId: number;
  name: string;
  notes: string;
  source: string;
  email: string | null;
  phone: string | null;
  conversationId: number | null;
  visitorId: number | null;
  createdBy: number;
}

const toCanned = (r: Row): CannedResponse => ({
  id: r.id as number,
  shortcut: r.shortcut as string,
  text: r.text as string,
  updatedAt: r.updated_at as number,
});

const toTeam = (r: Row): HelpdeskTeam => ({
  id: r.id as number,
  name: r.name as string,
  priority: r.priority as number,
  defaultAssigneeId: (r.default_assignee_id as number | null) ?? null,
});

const toTicket = (r: Row): Ticket => ({
  id: r.id as number,
  number: r.number as number,
  title: r.title as string,
  description: r.description as string,
  teamName: (r.team_name as string | null) ?? null,
  assigneeName: (r.assignee_name as string | null) ?? null,
  conversationId: (r.conversation_id as number | null) ?? null,
  visitorName: r.visitor_id ? ((r.visitor_name as string | null) ?? `Visitor ${r.visitor_id as number}`) : null,
  visitorEmail: (r.visitor_email as string | null) ?? null,
  createdByName: (r.created_by_name as string | null) ?? null,
  createdAt: r.created_at as number,
});

const toLead = (r: Row): Lead => ({
  id: r.id as number,
  number: r.number as number,
  name: r.name as string,
  notes: r.notes as string,
  source: r.source as string,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  conversationId: (r.conversation_id as number | null) ?? null,
  createdByName: (r.created_by_name as string | null) ?? null,
  createdAt: r.created_at as number,
});

const toWebhook = (r: Row): Webhook => ({
  id: r.id as number,
  url: r.url as string,
  events: JSON.parse(r.events as string) as Webhook['events'],
  secret: r.secret as string,
  createdAt: r.created_at as number,
});

const TICKET_SELECT = `SELECT t.*, a.name AS assignee_name, c.name AS created_by_name, v.name AS visitor_name, v.email AS visitor_email FROM tickets t
  LEFT JOIN operators a ON a.id = t.assignee_id LEFT JOIN operators c ON c.id = t.created_by LEFT JOIN visitors v ON v.id = t.visitor_id`;

export class WorkspaceStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  // --- departments ---------------------------------------------------------------------

  departments(accountId: number): Department[] {
    const rows = this.#db.prepare('SELECT id, name FROM departments WHERE account_id = ? ORDER BY name').all(accountId) as Row[];
    const members = this.#db
      .prepare('SELECT m.department_id, m.operator_id FROM department_members m JOIN departments d ON d.id = m.department_id WHERE d.account_id = ? ORDER BY m.operator_id')
      .all(accountId) as Row[];
    return rows.map((r) => ({
      id: r.id as number,
      name: r.name as string,
      operatorIds: members.filter((m) => m.department_id === r.id).map((m) => m.operator_id as number),
    }));
  }

  departmentName(id: number): string | null {
    const r = this.#db.prepare('SELECT name FROM departments WHERE id = ?').get(id) as Row | undefined;
    return (r?.name as string | undefined) ?? null;
  }

  saveDepartment(accountId: number, id: number | null, name: string, operatorIds: number[], now: number): number {
    const deptId =
      id ?? Number(this.#db.prepare('INSERT INTO departments (account_id, name, created_at) VALUES (?, ?, ?)').run(accountId, name, now).lastInsertRowid);
    if (id !== null) this.#db.prepare('UPDATE departments SET name = ? WHERE id = ?').run(name, id);
    this.#db.prepare('DELETE FROM department_members WHERE department_id = ?').run(deptId);
    const add = this.#db.prepare('INSERT INTO department_members (department_id, operator_id) VALUES (?, ?)');
    for (const operatorId of new Set(operatorIds)) add.run(deptId, operatorId);
    return deptId;
  }

  deleteDepartment(id: number): void {
    this.#db.prepare('UPDATE conversations SET department_id = NULL WHERE department_id = ?').run(id);
    this.#db.prepare('DELETE FROM department_members WHERE department_id = ?').run(id);
    this.#db.prepare('DELETE FROM departments WHERE id = ?').run(id);
  }

  // --- conversations -------------------------------------------------------------------

  setRouting(conversationId: number, fields: RoutingFields): void {
    const entries = Object.entries(fields) as Array<[keyof RoutingFields, unknown]>;
    if (!entries.length) return;
    const sql = `UPDATE conversations SET ${entries.map(([k]) => `${ROUTING_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
    this.#db.prepare(sql).run(...entries.map(([, v]) => v), conversationId);
  }

  setTags(conversationId: number, tags: string[]): void {
    this.#db.prepare('UPDATE conversations SET tags = ? WHERE id = ?').run(JSON.stringify(tags), conversationId);
  }

  /** Operators invited into a conversation besides the one serving it, in the order they joined. */
  guests(conversationId: number): Array<{ id: number; name: string }> {
    return (
      this.#db
        .prepare('SELECT o.id, o.name FROM conversation_guests g JOIN operators o ON o.id = g.operator_id WHERE g.conversation_id = ? ORDER BY g.joined_at, o.id')
        .all(conversationId) as Row[]
    ).map((r) => ({ id: r.id as number, name: r.name as string }));
  }

  addGuest(conversationId: number, operatorId: number, now: number): void {
    this.#db.prepare('INSERT OR IGNORE INTO conversation_guests (conversation_id, operator_id, joined_at) VALUES (?, ?, ?)').run(conversationId, operatorId, now);
  }

  removeGuest(conversationId: number, operatorId: number): void {
    this.#db.prepare('DELETE FROM conversation_guests WHERE conversation_id = ? AND operator_id = ?').run(conversationId, operatorId);
  }

  clearGuests(conversationId: number): void {
    this.#db.prepare('DELETE FROM conversation_guests WHERE conversation_id = ?').run(conversationId);
  }

  /** A visitor's conversations, newest first. */
  visitorConversations(visitorId: number, limit = 50): Array<{ id: number; status: string; createdAt: number; endedAt: number | null; tags: string[] }> {
    return (
      this.#db.prepare('SELECT id, status, created_at, ended_at, tags FROM conversations WHERE visitor_id = ? ORDER BY id DESC LIMIT ?').all(visitorId, limit) as Row[]
    ).map((r) => ({
      id: r.id as number,
      status: r.status as string,
      createdAt: r.created_at as number,
      endedAt: (r.ended_at as number | null) ?? null,
      tags: JSON.parse(r.tags as string) as string[],
    }));
  }

  setContact(visitorId: number, c: { name?: string; email?: string; phone?: string; notes?: string }): void {
    const set = (column: string, value: string | undefined, empty: string | null) => {
      if (value !== undefined) this.#db.prepare(`UPDATE visitors SET ${column} = ? WHERE id = ?`).run(value === '' ? empty : value, visitorId);
    };
    set('name', c.name, null);
    set('email', c.email, null);
    set('phone', c.phone, null);
    set('notes', c.notes, '');
  }

  // --- canned responses ----------------------------------------------------------------

  cannedResponses(accountId: number): CannedResponse[] {
    return (this.#db.prepare('SELECT * FROM canned_responses WHERE account_id = ? ORDER BY shortcut').all(accountId) as Row[]).map(toCanned);
  }

  cannedByShortcut(accountId: number, shortcut: string): CannedResponse | null {
    const r = this.#db.prepare('SELECT * FROM canned_responses WHERE account_id = ? AND shortcut = ?').get(accountId, shortcut) as Row | undefined;
    return r ? toCanned(r) : null;
  }

  cannedCount(accountId: number): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM canned_responses WHERE account_id = ?').get(accountId) as Row).n as number;
  }

  saveCanned(accountId: number, id: number | null, shortcut: string, text: string, now: number): CannedResponse {
    const rowId =
      id ??
      Number(
        this.#db
          .prepare('INSERT INTO canned_responses (account_id, shortcut, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run(accountId, shortcut, text, now, now).lastInsertRowid,
      );
    if (id !== null) this.#db.prepare('UPDATE canned_responses SET shortcut = ?, text = ?, updated_at = ? WHERE id = ?').run(shortcut, text, now, id);
    return toCanned(this.#db.prepare('SELECT * FROM canned_responses WHERE id = ?').get(rowId) as Row);
  }

  deleteCanned(accountId: number, id: number): boolean {
    return this.#db.prepare('DELETE FROM canned_responses WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
  }

  // --- helpdesk teams, tickets and leads ---------------------------------------------------

  teams(accountId: number): HelpdeskTeam[] {
    return (this.#db.prepare('SELECT * FROM helpdesk_teams WHERE account_id = ? ORDER BY priority DESC, id').all(accountId) as Row[]).map(toTeam);
  }

  saveTeam(accountId: number, id: number | null, t: Omit<HelpdeskTeam, 'id'>, now: number): HelpdeskTeam {
    const rowId =
      id ??
      Number(
        this.#db
          .prepare('INSERT INTO helpdesk_teams (account_id, name, priority, default_assignee_id, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(accountId, t.name, t.priority, t.defaultAssigneeId, now).lastInsertRowid,
      );
    if (id !== null) {
      this.#db.prepare('UPDATE helpdesk_teams SET name = ?, priority = ?, default_assignee_id = ? WHERE id = ?').run(t.name, t.priority, t.defaultAssigneeId, id);
    }
    return toTeam(this.#db.prepare('SELECT * FROM helpdesk_teams WHERE id = ?').get(rowId) as Row);
  }

  deleteTeam(accountId: number, id: number): boolean {
    return this.#db.prepare('DELETE FROM helpdesk_teams WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
  }

  #nextNumber(table: 'tickets' | 'leads', accountId: number): number {
    const r = this.#db.prepare(`SELECT coalesce(max(number), 0) + 1 AS n FROM ${table} WHERE account_id = ?`).get(accountId) as Row;
    return r.n as number;
  }

  createTicket(t: NewTicket, now: number): Ticket {
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO tickets (account_id, number, title, description, team_id, team_name, assignee_id, conversation_id, visitor_id, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(t.accountId, this.#nextNumber('tickets', t.accountId), t.title, t.description, t.teamId, t.teamName, t.assigneeId, t.conversationId, t.visitorId, t.createdBy, now)
        .lastInsertRowid,
    );
    return toTicket(this.#db.prepare(`${TICKET_SELECT} WHERE t.id = ?`).get(id) as Row);
  }

  tickets(accountId: number, limit = 200): Ticket[] {
    return (this.#db.prepare(`${TICKET_SELECT} WHERE t.account_id = ? ORDER BY t.number DESC LIMIT ?`).all(accountId, limit) as Row[]).map(toTicket);
  }

  /** Tickets by number, or whose title or description contains the keyword; newest first. */
  searchTickets(accountId: number, query: { number: number } | { keyword: string }, limit = 10): Ticket[] {
    if ('number' in query) {
      return (this.#db.prepare(`${TICKET_SELECT} WHERE t.account_id = ? AND t.number = ?`).all(accountId, query.number) as Row[]).map(toTicket);
    }
    const like = `%${query.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return (
      this.#db
        .prepare(`${TICKET_SELECT} WHERE t.account_id = ? AND (t.title LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\') ORDER BY t.number DESC LIMIT ?`)
        .all(accountId, like, like, limit) as Row[]
    ).map(toTicket);
  }

  createLead(l: NewLead, now: number): Lead {
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO leads (account_id, number, name, notes, source, email, phone, conversation_id, visitor_id, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(l.accountId, this.#nextNumber('leads', l.accountId), l.name, l.notes, l.source, l.email, l.phone, l.conversationId, l.visitorId, l.createdBy, now)
        .lastInsertRowid,
    );
    return this.leads(l.accountId, 1, id)[0]!;
  }

  leads(accountId: number, limit = 200, id?: number): Lead[] {
    return (
      this.#db
        .prepare(
          `SELECT l.*, c.name AS created_by_name FROM leads l LEFT JOIN operators c ON c.id = l.created_by
           WHERE l.account_id = ? ${id ? 'AND l.id = ?' : ''} ORDER BY l.number DESC LIMIT ?`,
        )
        .all(...(id ? [accountId, id, limit] : [accountId, limit])) as Row[]
    ).map(toLead);
  }

  // --- webhooks ------------------------------------------------------------------------

  webhooks(accountId: number): Webhook[] {
    return (this.#db.prepare('SELECT * FROM webhooks WHERE account_id = ? ORDER BY id').all(accountId) as Row[]).map(toWebhook);
  }

  createWebhook(accountId: number, url: string, secret: string, events: string[], now: number): Webhook {
    const id = Number(
      this.#db.prepare('INSERT INTO webhooks (account_id, url, secret, events, created_at) VALUES (?, ?, ?, ?, ?)').run(accountId, url, secret, JSON.stringify(events), now).lastInsertRowid,
    );
    return toWebhook(this.#db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as Row);
  }

  deleteWebhook(accountId: number, id: number): boolean {
    return this.#db.prepare('DELETE FROM webhooks WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
  }
}
