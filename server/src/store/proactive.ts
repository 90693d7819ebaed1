/**
 * Proactive messages and their deliveries in SQLite. Synchronous; callers that read then
 * write (the 140 limit, "once" frequency) do so inside SqliteStore.transaction.
 */
import type Database from 'better-sqlite3';
import type { Place } from '../domain/proactive.js';
import type {
  Capture,
  Frequency,
  ProactiveFieldsValue,
  ProactiveRecord,
  ProactiveStatus,
  Rule,
  Schedule,
} from '../protocol/proactive.js';

/** A stored message, as the service reads it. */
export interface ProactiveRow extends ProactiveRecord {
  accountId: number;
  senderId: number | null;
}

export interface Delivery {
  id: number;
  messageId: number;
  visitorId: number;
  visitId: number;
  pageViewId: number;
  at: number;
  readAt: number | null;
  repliedAt: number | null;
}

type Row = Record<string, unknown>;

const toMessage = (r: Row): ProactiveRow => ({
  id: r.id as number,
  accountId: r.account_id as number,
  siteId: r.site_id as number,
  senderId: (r.sender_id as number | null) ?? null,
  name: r.name as string,
  text: r.text as string,
  capture: r.capture as Capture,
  followUp: r.follow_up as string,
  tags: JSON.parse(r.tags as string) as string[],
  rules: JSON.parse(r.rules as string) as Rule,
  schedule: r.schedule as Schedule,
  frequency: r.frequency as Frequency,
  position: r.position as number,
  status: r.status as ProactiveStatus,
  error: (r.error as string | null) ?? null,
  sent: r.sent as number,
  read: r.read as number,
  replied: r.replied as number,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const toDelivery = (r: Row): Delivery => ({
  id: r.id as number,
  messageId: r.message_id as number,
  visitorId: r.visitor_id as number,
  visitId: r.visit_id as number,
  pageViewId: r.page_view_id as number,
  at: r.at as number,
  readAt: (r.read_at as number | null) ?? null,
  repliedAt: (r.replied_at as number | null) ?? null,
});

export class ProactiveStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  count(accountId: number): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM proactive_messages WHERE account_id = ?').get(accountId) as Row).n as number;
  }

  /** An account's messages in the marketer's order. */
  list(accountId: number): ProactiveRow[] {
    return (this.#db.prepare('SELECT * FROM proactive_messages WHERE account_id = ? ORDER BY position, id').all(accountId) as Row[]).map(toMessage);
  }

  /** A message's place in its account's order: 1 for the first. */
  rank(row: ProactiveRow): number {
    const r = this.#db
      .prepare(
        `SELECT count(*) AS n FROM proactive_messages
         WHERE account_id = ? AND (position < ? OR (position = ? AND id <= ?))`,
      )
      .get(row.accountId, row.position, row.position, row.id) as Row;
    return r.n as number;
  }

  get(id: number): ProactiveRow | null {
    const r = this.#db.prepare('SELECT * FROM proactive_messages WHERE id = ?').get(id) as Row | undefined;
    return r ? toMessage(r) : null;
  }

  /** Adds a message at the end of the account's order. */
  insert(
    accountId: number,
    f: ProactiveFieldsValue,
    m: { senderId: number | null; status: ProactiveStatus; error: string | null },
    now: number,
  ): ProactiveRow {
    const last = this.#db.prepare('SELECT max(position) AS p FROM proactive_messages WHERE account_id = ?').get(accountId) as Row;
    const position = ((last.p as number | null) ?? 0) + 1;
    const id = Number(
      this.#db
        .prepare(
          `INSERT INTO proactive_messages (account_id, site_id, sender_id, name, text, capture, follow_up, tags, rules,
             schedule, frequency, position, status, error, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(accountId, f.siteId, m.senderId, f.name, f.text, f.capture, f.followUp, JSON.stringify(f.tags), JSON.stringify(f.rules),
          f.schedule, f.frequency, position, m.status, m.error, now, now).lastInsertRowid,
    );
    return this.get(id)!;
  }

  update(id: number, f: ProactiveFieldsValue, m: { senderId: number | null; status: ProactiveStatus; error: string | null }, now: number): void {
    this.#db
      .prepare(
        `UPDATE proactive_messages SET site_id = ?, sender_id = ?, name = ?, text = ?, capture = ?, follow_up = ?, tags = ?,
           rules = ?, schedule = ?, frequency = ?, status = ?, error = ?, updated_at = ? WHERE id = ?`,
      )
      .run(f.siteId, m.senderId, f.name, f.text, f.capture, f.followUp, JSON.stringify(f.tags), JSON.stringify(f.rules),
        f.schedule, f.frequency, m.status, m.error, now, id);
  }

  setStatus(id: number, status: ProactiveStatus, error: string | null, now: number): void {
    this.#db.prepare('UPDATE proactive_messages SET status = ?, error = ?, updated_at = ? WHERE id = ?').run(status, error, now, id);
  }

  delete(id: number): void {
    this.#db.prepare('DELETE FROM proactive_messages WHERE id = ?').run(id);
  }

  /** Sets the order: `ids` first to last. */
  reorder(ids: readonly number[]): void {
    const set = this.#db.prepare('UPDATE proactive_messages SET position = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
  }

  /** Messages that use a site or sender: the ones to mark broken when it is deleted. */
  usingSite(siteId: number): ProactiveRow[] {
    return (this.#db.prepare('SELECT * FROM proactive_messages WHERE site_id = ?').all(siteId) as Row[]).map(toMessage);
  }

  usingSender(operatorId: number): ProactiveRow[] {
    return (this.#db.prepare('SELECT * FROM proactive_messages WHERE sender_id = ?').all(operatorId) as Row[]).map(toMessage);
  }

  // --- deliveries -------------------------------------------------------------

  /** Where each message was offered to this visitor before, by message id. */
  history(visitorId: number): Map<number, Place[]> {
    const rows = this.#db
      .prepare('SELECT message_id, visit_id, page_view_id FROM proactive_deliveries WHERE visitor_id = ?')
      .all(visitorId) as Row[];
    const byMessage = new Map<number, Place[]>();
    for (const r of rows) {
      const id = r.message_id as number;
      let places = byMessage.get(id);
      if (!places) byMessage.set(id, (places = []));
      places.push({ visitId: r.visit_id as number, pageViewId: r.page_view_id as number });
    }
    return byMessage;
  }

  /** Records that a bubble was shown, and counts it as sent. */
  deliver(messageId: number, visitorId: number, place: Place, now: number): Delivery {
    const id = Number(
      this.#db
        .prepare('INSERT INTO proactive_deliveries (message_id, visitor_id, visit_id, page_view_id, at) VALUES (?, ?, ?, ?, ?)')
        .run(messageId, visitorId, place.visitId, place.pageViewId, now).lastInsertRowid,
    );
    this.#db.prepare('UPDATE proactive_messages SET sent = sent + 1 WHERE id = ?').run(messageId);
    return { id, messageId, visitorId, visitId: place.visitId, pageViewId: place.pageViewId, at: now, readAt: null, repliedAt: null };
  }

  delivery(id: number): Delivery | null {
    const r = this.#db.prepare('SELECT * FROM proactive_deliveries WHERE id = ?').get(id) as Row | undefined;
    return r ? toDelivery(r) : null;
  }

  /** Counts a delivery as read, once. */
  markRead(id: number, now: number): void {
    const r = this.#db.prepare('UPDATE proactive_deliveries SET read_at = ? WHERE id = ? AND read_at IS NULL').run(now, id);
    if (r.changes) this.#db.prepare('UPDATE proactive_messages SET read = read + 1 WHERE id = (SELECT message_id FROM proactive_deliveries WHERE id = ?)').run(id);
  }

  /** Counts a delivery as replied (and read, if it was not yet), once. */
  markReplied(id: number, now: number): void {
    this.markRead(id, now);
    const r = this.#db.prepare('UPDATE proactive_deliveries SET replied_at = ? WHERE id = ? AND replied_at IS NULL').run(now, id);
    if (r.changes) this.#db.prepare('UPDATE proactive_messages SET replied = replied + 1 WHERE id = (SELECT message_id FROM proactive_deliveries WHERE id = ?)').run(id);
  }
}
