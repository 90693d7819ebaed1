/** Team chat in SQLite: channels and direct chats, their messages, what each operator has read, and @mentions. */
import type Database from 'better-sqlite3';
import { visitorDisplayName } from '../domain/conversation.js';
import type { Mention, TeamChannel, TeamMessage } from '../protocol/team.js';

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

/** A mention with who wrote it and where, as the one mentioned reads it. */
const MENTION_SELECT = `SELECT n.*, f.name AS from_name, c.kind AS channel_kind, c.name AS channel_name, v.id AS visitor_id, v.name AS visitor_name
  FROM team_mentions n
  JOIN operators f ON f.id = n.from_id
  LEFT JOIN team_channels c ON c.id = n.channel_id
  LEFT JOIN conversations cv ON cv.id = n.conversation_id
  LEFT JOIN visitors v ON v.id = cv.visitor_id`;

const toMention = (r: Row): Mention => ({
  id: r.id as number,
  from: { id: r.from_id as number, name: r.from_name as string },
  where:
    r.channel_id !== null
      ? {
          channelId: r.channel_id as number,
          kind: r.channel_kind as 'channel' | 'direct',
          // A direct chat is named, for the one mentioned, after whoever wrote.
          name: r.channel_kind === 'channel' ? (r.channel_name as string) : (r.from_name as string),
        }
      : { conversationId: r.conversation_id as number, visitorName: visitorDisplayName({ id: r.visitor_id as number, name: r.visitor_name as string | null }) },
  messageId: r.message_id as number,
  excerpt: r.excerpt as string,
  at: r.created_at as number,
});

/** A mention as stored: whose it is and whether it was read. */
export interface StoredMention {
  id: number;
  accountId: number;
  operatorId: number;
  readAt: number | null;
}

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

  // --- mentions ------------------------------------------------------------------

  insertMention(m: {
    accountId: number;
    operatorId: number;
    fromId: number;
    where: { channelId: number } | { conversationId: number };
    messageId: number;
    excerpt: string;
    createdAt: number;
  }): Mention {
    const channelId = 'channelId' in m.where ? m.where.channelId : null;
    const conversationId = 'conversationId' in m.where ? m.where.conversationId : null;
    const id = this.#db
      .prepare(
        `INSERT INTO team_mentions (account_id, operator_id, from_id, channel_id, conversation_id, message_id, excerpt, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.accountId, m.operatorId, m.fromId, channelId, conversationId, m.messageId, m.excerpt, m.createdAt).lastInsertRowid;
    return toMention(this.#db.prepare(`${MENTION_SELECT} WHERE n.id = ?`).get(Number(id)) as Row);
  }

  mention(id: number): StoredMention | null {
    const r = this.#db.prepare('SELECT id, account_id, operator_id, read_at FROM team_mentions WHERE id = ?').get(id) as Row | undefined;
    return r ? { id: r.id as number, accountId: r.account_id as number, operatorId: r.operator_id as number, readAt: (r.read_at as number | null) ?? null } : null;
  }

  /** An operator's unread mentions, newest first. */
  unreadMentions(operatorId: number, limit: number): Mention[] {
    const rows = this.#db.prepare(`${MENTION_SELECT} WHERE n.operator_id = ? AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ?`).all(operatorId, limit) as Row[];
    return rows.map(toMention);
  }

  unreadMentionCount(operatorId: number): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM team_mentions WHERE operator_id = ? AND read_at IS NULL').get(operatorId) as Row).n as number;
  }

  /** Marks the operator's unread mentions read: those of `ids`, or with `upTo` every one up to that id. Returns the ids marked. */
  markMentionsRead(operatorId: number, which: { ids: number[] } | { upTo: number }, now: number): number[] {
    const ids =
      'ids' in which
        ? which.ids.filter((id) => this.#db.prepare('SELECT 1 FROM team_mentions WHERE id = ? AND operator_id = ? AND read_at IS NULL').get(id, operatorId))
        : (this.#db.prepare('SELECT id FROM team_mentions WHERE operator_id = ? AND id <= ? AND read_at IS NULL').all(operatorId, which.upTo) as Row[]).map(
            (r) => r.id as number,
          );
    const mark = this.#db.prepare('UPDATE team_mentions SET read_at = ? WHERE id = ?');
    for (const id of ids) mark.run(now, id);
    return ids;
  }

  /** The operator's unread mentions of messages up to `messageId` in a channel or direct chat. */
  unreadMentionsIn(operatorId: number, channelId: number, messageId: number): number[] {
    const rows = this.#db
      .prepare('SELECT id FROM team_mentions WHERE operator_id = ? AND channel_id = ? AND message_id <= ? AND read_at IS NULL')
      .all(operatorId, channelId, messageId) as Row[];
    return rows.map((r) => r.id as number);
  }

  /** The newest of the operator's mentions, if any. */
  lastMentionId(operatorId: number): number | null {
    return ((this.#db.prepare('SELECT max(id) AS id FROM team_mentions WHERE operator_id = ?').get(operatorId) as Row).id as number | null) ?? null;
  }
}
