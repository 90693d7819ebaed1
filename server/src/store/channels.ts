/** Team chat in SQLite: channels and direct chats, their messages, and what each operator has read. */
import type Database from 'better-sqlite3';
import type { TeamChannel, TeamMessage } from '../protocol/team.js';

type Row = Record<string, unknown>;

/** A channel or direct chat as stored: who may see a direct chat is in operatorA and operatorB. */
export interface StoredChannel {
  id: number;
  accountId: number;
  kind: 'channel' | 'direct';
  name: string | null;
  operatorA: number | null;
  operatorB: number | null;
  createdAt: number;
}

const toChannel = (r: Row): StoredChannel => ({
  id: r.id as number,
  accountId: r.account_id as number,
  kind: r.kind as StoredChannel['kind'],
  name: (r.name as string | null) ?? null,
  operatorA: (r.operator_a as number | null) ?? null,
  operatorB: (r.operator_b as number | null) ?? null,
  createdAt: r.created_at as number,
});

const toMessage = (r: Row): TeamMessage => ({
  id: r.id as number,
  channelId: r.channel_id as number,
  clientId: r.client_id as string,
  authorId: r.author_id as number,
  authorName: r.author_name as string,
  text: r.text as string,
  createdAt: r.created_at as number,
});

const MESSAGE_SELECT = 'SELECT m.*, o.name AS author_name FROM team_messages m JOIN operators o ON o.id = m.author_id';

export class ChannelStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  channel(id: number): StoredChannel | null {
    const r = this.#db.prepare('SELECT * FROM team_channels WHERE id = ?').get(id) as Row | undefined;
    return r ? toChannel(r) : null;
  }

  channelCount(accountId: number): number {
    return (this.#db.prepare("SELECT count(*) AS n FROM team_channels WHERE account_id = ? AND kind = 'channel'").get(accountId) as Row).n as number;
  }

  channelByName(accountId: number, name: string): StoredChannel | null {
    const r = this.#db.prepare('SELECT * FROM team_channels WHERE account_id = ? AND name = ?').get(accountId, name) as Row | undefined;
    return r ? toChannel(r) : null;
  }

  createChannel(accountId: number, name: string, createdBy: number | null, now: number): StoredChannel {
    const id = this.#db
      .prepare("INSERT INTO team_channels (account_id, kind, name, created_by, created_at) VALUES (?, 'channel', ?, ?, ?)")
      .run(accountId, name, createdBy, now).lastInsertRowid;
    return this.channel(Number(id))!;
  }

  /** The direct chat of two operators (lower id first), created the first time. */
  direct(accountId: number, a: number, b: number, now: number): StoredChannel {
    this.#db
      .prepare("INSERT OR IGNORE INTO team_channels (account_id, kind, operator_a, operator_b, created_by, created_at) VALUES (?, 'direct', ?, ?, ?, ?)")
      .run(accountId, a, b, a, now);
    return toChannel(this.#db.prepare('SELECT * FROM team_channels WHERE account_id = ? AND operator_a = ? AND operator_b = ?').get(accountId, a, b) as Row);
  }

  /**
   * The account's channels and this operator's direct chats, as they see them: a direct chat is
   * named after the other operator, and unread counts messages from others after their last read.
   */
  list(accountId: number, operatorId: number): TeamChannel[] {
    const rows = this.#db
      .prepare(
        `SELECT c.*, other.id AS other_id, other.name AS other_name,
           (SELECT max(created_at) FROM team_messages WHERE channel_id = c.id) AS last_at,
           (SELECT count(*) FROM team_messages m WHERE m.channel_id = c.id AND m.author_id <> ?
              AND m.id > coalesce((SELECT last_read_id FROM team_reads r WHERE r.channel_id = c.id AND r.operator_id = ?), 0)) AS unread
         FROM team_channels c
         LEFT JOIN operators other ON other.id = CASE WHEN c.operator_a = ? THEN c.operator_b ELSE c.operator_a END
         WHERE c.account_id = ? AND (c.kind = 'channel' OR ? IN (c.operator_a, c.operator_b))
         ORDER BY c.kind, c.name, other.name, c.id`,
      )
      .all(operatorId, operatorId, operatorId, accountId, operatorId) as Row[];
    return rows.map((r) => ({
      id: r.id as number,
      kind: r.kind as TeamChannel['kind'],
      name: r.kind === 'channel' ? (r.name as string) : ((r.other_name as string | null) ?? ''),
      operatorId: r.kind === 'direct' ? (r.other_id as number) : null,
      unread: r.unread as number,
      lastMessageAt: (r.last_at as number | null) ?? null,
      createdAt: r.created_at as number,
    }));
  }

  messageByClientId(authorId: number, clientId: string): TeamMessage | null {
    const r = this.#db.prepare(`${MESSAGE_SELECT} WHERE m.author_id = ? AND m.client_id = ?`).get(authorId, clientId) as Row | undefined;
    return r ? toMessage(r) : null;
  }

  insertMessage(m: { channelId: number; authorId: number; clientId: string; text: string; createdAt: number }): TeamMessage {
    const id = this.#db
      .prepare('INSERT INTO team_messages (channel_id, author_id, client_id, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(m.channelId, m.authorId, m.clientId, m.text, m.createdAt).lastInsertRowid;
    return toMessage(this.#db.prepare(`${MESSAGE_SELECT} WHERE m.id = ?`).get(Number(id)) as Row);
  }

  /** Up to `limit` messages before `before` (or the latest), oldest first, and whether older ones exist. */
  history(channelId: number, before: number | undefined, limit: number): { messages: TeamMessage[]; hasMore: boolean } {
    const rows = this.#db
      .prepare(`${MESSAGE_SELECT} WHERE m.channel_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`)
      .all(channelId, before ?? Number.MAX_SAFE_INTEGER, limit + 1) as Row[];
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
  }

  messageCount(channelId: number): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM team_messages WHERE channel_id = ?').get(channelId) as Row).n as number;
  }

  /** Marks a channel read up to a message of it; reading never goes backwards. */
  markRead(channelId: number, operatorId: number, messageId: number): void {
    const inChannel = this.#db.prepare('SELECT max(id) AS id FROM team_messages WHERE channel_id = ? AND id <= ?').get(channelId, messageId) as Row;
    if (inChannel.id === null) return;
    this.#db
      .prepare(
        `INSERT INTO team_reads (channel_id, operator_id, last_read_id) VALUES (?, ?, ?)
         ON CONFLICT (channel_id, operator_id) DO UPDATE SET last_read_id = max(last_read_id, excluded.last_read_id)`,
      )
      .run(channelId, operatorId, inChannel.id);
  }
}
