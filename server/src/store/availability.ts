/**
 * Availability in SQLite: account settings, operator status and capacity, blocked visitors,
 * the queue's view of open chats, and uploaded files.
 */
import type Database from 'better-sqlite3';
import type { Hold, QueuedChat } from '../domain/availability.js';
import type { OperatorStatus } from '../protocol/availability.js';

type Row = Record<string, unknown>;

export interface OperatorState {
  id: number;
  name: string;
  status: OperatorStatus;
  capacity: number;
  lastAssignedAt: number | null;
}

export interface StoredFile {
  key: string;
  accountId: number;
  type: string;
  size: number;
  name: string;
  /** The visitor who uploaded it; null for an operator's upload. */
  visitorId: number | null;
}

/** Conversation columns the queue and the automatic messages keep up to date. */
export interface QueueFields {
  admitted?: boolean;
  hold?: Hold | null;
  assignedAt?: number;
  firstReplyAt?: number;
  busyNoticeAt?: number;
  queueNoticeSent?: boolean;
  greeted?: boolean;
}

const COLUMNS: Record<keyof QueueFields, string> = {
  admitted: 'admitted',
  hold: 'hold',
  assignedAt: 'assigned_at',
  firstReplyAt: 'first_reply_at',
  busyNoticeAt: 'busy_notice_at',
  queueNoticeSent: 'queue_notice_sent',
  greeted: 'greeted',
};

export class AvailabilityStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  settings(accountId: number): string | null {
    const r = this.#db.prepare('SELECT availability FROM accounts WHERE id = ?').get(accountId) as Row | undefined;
    return (r?.availability as string | null) ?? null;
  }

  setSettings(accountId: number, json: string): void {
    this.#db.prepare('UPDATE accounts SET availability = ? WHERE id = ?').run(json, accountId);
  }

  /** Accounts that have chats waiting for an operator or for room under the cap. */
  accountsWithWaitingChats(): number[] {
    return (this.#db.prepare(`SELECT DISTINCT account_id FROM conversations WHERE status = 'waiting'`).all() as Row[]).map(
      (r) => r.account_id as number,
    );
  }

  operatorStates(accountId: number): OperatorState[] {
    return (
      this.#db
        .prepare('SELECT id, name, status, capacity, last_assigned_at FROM operators WHERE account_id = ? AND deleted_at IS NULL ORDER BY id')
        .all(accountId) as Row[]
    ).map((r) => ({
      id: r.id as number,
      name: r.name as string,
      status: r.status as OperatorStatus,
      capacity: r.capacity as number,
      lastAssignedAt: (r.last_assigned_at as number | null) ?? null,
    }));
  }

  setOperatorStatus(operatorId: number, status: OperatorStatus): void {
    this.#db.prepare('UPDATE operators SET status = ? WHERE id = ?').run(status, operatorId);
  }

  setCapacity(operatorId: number, capacity: number): void {
    this.#db.prepare('UPDATE operators SET capacity = ? WHERE id = ?').run(capacity, operatorId);
  }

  markAssigned(operatorId: number, now: number): void {
    this.#db.prepare('UPDATE operators SET last_assigned_at = ? WHERE id = ?').run(now, operatorId);
  }

  /** The open chats of an account in queue order (first in, first out; a transfer goes to the bottom). */
  queue(accountId: number): QueuedChat[] {
    return (
      this.#db
        .prepare(
          `SELECT id, status, operator_id, admitted, created_at, assigned_at, first_reply_at, queued_at, department_id, passed_by FROM conversations
           WHERE account_id = ? AND status IN ('waiting', 'active') ORDER BY coalesce(queued_at, created_at), id`,
        )
        .all(accountId) as Row[]
    ).map((r) => ({
      id: r.id as number,
      status: r.status as QueuedChat['status'],
      operatorId: (r.operator_id as number | null) ?? null,
      admitted: r.admitted === 1,
      createdAt: r.created_at as number,
      assignedAt: (r.assigned_at as number | null) ?? null,
      firstReplyAt: (r.first_reply_at as number | null) ?? null,
      queuedAt: (r.queued_at as number | null) ?? (r.created_at as number),
      departmentId: (r.department_id as number | null) ?? null,
      passedBy: (r.passed_by as number | null) ?? null,
    }));
  }

  /** Open, admitted chats created after `since`: what the cap counts. */
  openTowardCap(accountId: number, since: number): number {
    const r = this.#db
      .prepare(
        `SELECT count(*) AS n FROM conversations INDEXED BY conversations_cap
         WHERE account_id = ? AND status IN ('waiting', 'active') AND admitted = 1 AND created_at > ?`,
      )
      .get(accountId, since) as Row;
    return r.n as number;
  }

  setQueueFields(conversationId: number, fields: QueueFields): void {
    const entries = Object.entries(fields) as Array<[keyof QueueFields, unknown]>;
    if (!entries.length) return;
    const sql = `UPDATE conversations SET ${entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`;
    this.#db.prepare(sql).run(...entries.map(([, v]) => (typeof v === 'boolean' ? Number(v) : v)), conversationId);
  }

  setBlocked(visitorId: number, at: number | null): void {
    this.#db.prepare('UPDATE visitors SET blocked_at = ? WHERE id = ?').run(at, visitorId);
  }

  isBlocked(visitorId: number): boolean {
    const r = this.#db.prepare('SELECT blocked_at FROM visitors WHERE id = ?').get(visitorId) as Row | undefined;
    return r?.blocked_at != null;
  }

  insertFile(f: StoredFile, now: number): void {
    this.#db
      .prepare('INSERT INTO files (account_id, visitor_id, key, type, size, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(f.accountId, f.visitorId, f.key, f.type, f.size, f.name, now);
  }

  file(key: string): StoredFile | null {
    const r = this.#db.prepare('SELECT * FROM files WHERE key = ?').get(key) as Row | undefined;
    return r
      ? {
          key: r.key as string,
          accountId: r.account_id as number,
          visitorId: r.visitor_id as number | null,
          type: r.type as string,
          size: r.size as number,
          name: r.name as string,
        }
      : null;
  }
}
