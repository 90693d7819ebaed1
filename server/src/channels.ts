/**
 * Team chat: the account's channels (anyone on the team may create one; every account has
 * #general) and direct chats between two of its operators. There is no visitor in them and files
 * are refused. Messages and mention notices go live to each operator's own stream, and only to
 * operators who may see where they were written. Mentions are kept until the one mentioned reads
 * them: by opening one, by "mark all read", or by reading the channel they were written in.
 */
import { TRPCError } from '@trpc/server';
import { channelNameProblem, cleanChannelName, directPair, excerpt, mentionedOperators } from './domain/team.js';
import { Hub } from './hub.js';
import type { OperatorSession } from './chat.js';
import type { ChatMessage, OperatorStreamEvent } from './protocol/index.js';
import { TEAM_LIMITS, type ChannelHistory, type MentionList, type MentionsRead, type TeamChannel, type TeamMessage } from './protocol/team.js';
import type { StoredChannel } from './store/channels.js';
import type { SqliteStore } from './store/sqlite.js';

/** The channel every account has. */
export const GENERAL = 'general';

export const FILES_REFUSED = "Files can't be shared in team chats";

const operatorTopic = (operatorId: number) => `operator:${operatorId}`;

export class TeamChatService {
  readonly #store: SqliteStore;
  readonly #now: () => number;
  readonly #hub = new Hub<OperatorStreamEvent>();

  constructor(store: SqliteStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  /** Forwards this operator's team messages and mention notices to their stream; returns how to stop. */
  listen(operatorId: number, push: (event: OperatorStreamEvent) => void): () => void {
    return this.#hub.on(operatorTopic(operatorId), push);
  }

  /** The account's channels, then this operator's direct chats, with their unread counts. */
  list(op: OperatorSession): TeamChannel[] {
    if (this.#store.channels.channelCount(op.accountId) === 0) {
      this.#store.transaction(() => {
        if (this.#store.channels.channelCount(op.accountId) === 0) this.#store.channels.createChannel(op.accountId, GENERAL, null, this.#now());
      });
    }
    return this.#store.channels.list(op.accountId, op.operator.id);
  }

  create(op: OperatorSession, typed: string): TeamChannel {
    const name = cleanChannelName(typed);
    const problem = channelNameProblem(name);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    this.list(op);
    const channel = this.#store.transaction(() => {
      if (this.#store.channels.channelByName(op.accountId, name)) {
        throw new TRPCError({ code: 'CONFLICT', message: `A channel named #${name} already exists` });
      }
      if (this.#store.channels.channelCount(op.accountId) >= TEAM_LIMITS.channels) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `An account can have at most ${TEAM_LIMITS.channels} channels` });
      }
      return this.#store.channels.createChannel(op.accountId, name, op.operator.id, this.#now());
    });
    const created = this.#view(op, channel.id);
    for (const o of this.#store.operators(op.accountId)) this.#hub.emit(operatorTopic(o.id), { type: 'team-channel', channel: created });
    return created;
  }

  /** The direct chat with another operator of the account, created the first time. */
  direct(op: OperatorSession, operatorId: number): TeamChannel {
    if (operatorId === op.operator.id) throw new TRPCError({ code: 'BAD_REQUEST', message: "You can't start a direct chat with yourself" });
    if (!this.#store.operators(op.accountId).some((o) => o.id === operatorId)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: `Operator ${operatorId} not found` });
    }
    const [a, b] = directPair(op.operator.id, operatorId);
    const channel = this.#store.transaction(() => this.#store.channels.direct(op.accountId, a, b, this.#now()));
    return this.#view(op, channel.id);
  }

  history(op: OperatorSession, channelId: number, before: number | undefined, limit: number): ChannelHistory {
    this.#channelFor(op, channelId);
    return this.#store.channels.history(channelId, before, limit);
  }

  /** Writes a message; idempotent on clientId. A file is refused, and nothing is written. */
  send(op: OperatorSession, input: { channelId: number; clientId: string; text: string; file?: string }): TeamMessage {
    if (input.file !== undefined) throw new TRPCError({ code: 'BAD_REQUEST', message: FILES_REFUSED });
    const result = this.#store.transaction(() => {
      const existing = this.#store.channels.messageByClientId(op.operator.id, input.clientId);
      if (existing) return { message: existing, created: false };
      this.#channelFor(op, input.channelId);
      const message = this.#store.channels.insertMessage({
        channelId: input.channelId,
        authorId: op.operator.id,
        clientId: input.clientId,
        text: input.text,
        createdAt: this.#now(),
      });
      // What one writes, one has read.
      this.#store.channels.markRead(input.channelId, op.operator.id, message.id);
      return { message, created: true };
    });
    if (!result.created) return result.message;
    const channel = this.#store.channels.channel(input.channelId)!;
    const readers = this.#readers(channel);
    for (const o of readers) this.#hub.emit(operatorTopic(o.id), { type: 'team-message', message: result.message });
    this.#notify(op, readers, { channelId: channel.id }, result.message);
    return result.message;
  }

  /**
   * Marks a channel read up to a message, and this operator's mentions in it up to there; returns
   * the channel as they now see it.
   */
  read(op: OperatorSession, channelId: number, messageId: number): TeamChannel {
    this.#channelFor(op, channelId);
    const marked = this.#store.transaction(() => {
      this.#store.channels.markRead(channelId, op.operator.id, messageId);
      const ids = this.#store.channels.unreadMentionsIn(op.operator.id, channelId, messageId);
      return this.#store.channels.markMentionsRead(op.operator.id, { ids }, this.#now());
    });
    if (marked.length) this.#mentionsRead(op, { ids: marked });
    return this.#view(op, channelId);
  }

  /** An operator wrote in a visitor's chat (every operator of the account may read it): the ones it mentions are told. */
  mentionedInChat(op: OperatorSession, message: ChatMessage): void {
    this.#notify(op, this.#store.operators(op.accountId), { conversationId: message.conversationId }, message);
  }

  /** This operator's unread mentions, newest first, and how many there are in all. */
  mentions(op: OperatorSession): MentionList {
    return {
      mentions: this.#store.channels.unreadMentions(op.operator.id, TEAM_LIMITS.mentions),
      unread: this.#store.channels.unreadMentionCount(op.operator.id),
    };
  }

  /** Marks one of this operator's mentions read (again is fine); anyone else's looks like it does not exist. */
  readMention(op: OperatorSession, mentionId: number): MentionsRead {
    const marked = this.#store.transaction(() => {
      const mention = this.#store.channels.mention(mentionId);
      if (mention?.operatorId !== op.operator.id || mention.accountId !== op.accountId) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `Mention ${mentionId} not found` });
      }
      return this.#store.channels.markMentionsRead(op.operator.id, { ids: [mentionId] }, this.#now());
    });
    return this.#mentionsRead(op, { ids: [mentionId] }, marked.length > 0);
  }

  /** Marks every mention of this operator read. */
  readAllMentions(op: OperatorSession): MentionsRead {
    const { upTo, marked } = this.#store.transaction(() => {
      const last = this.#store.channels.lastMentionId(op.operator.id) ?? 0;
      return { upTo: last, marked: this.#store.channels.markMentionsRead(op.operator.id, { upTo: last }, this.#now()) };
    });
    return this.#mentionsRead(op, { upTo }, marked.length > 0);
  }

  /** What this operator's panels learn once mentions were read; they are told when any changed. */
  #mentionsRead(op: OperatorSession, read: MentionsRead['read'], changed = true): MentionsRead {
    const result: MentionsRead = { read, unread: this.#store.channels.unreadMentionCount(op.operator.id) };
    if (changed) this.#hub.emit(operatorTopic(op.operator.id), { type: 'mentions-read', ...result });
    return result;
  }

  /** Keeps a mention for each operator the message names, among those who may read it, and tells them. */
  #notify(op: OperatorSession, readers: ReadonlyArray<{ id: number; name: string }>, where: { channelId: number } | { conversationId: number }, message: { id: number; text: string }): void {
    const mentioned = mentionedOperators(message.text, readers, op.operator.id);
    if (!mentioned.length) return;
    const at = this.#now();
    const stored = this.#store.transaction(() =>
      mentioned.map((o) =>
        this.#store.channels.insertMention({
          accountId: op.accountId,
          operatorId: o.id,
          fromId: op.operator.id,
          where,
          messageId: message.id,
          excerpt: excerpt(message.text),
          createdAt: at,
        }),
      ),
    );
    mentioned.forEach((o, i) => this.#hub.emit(operatorTopic(o.id), { type: 'mention', mention: stored[i]! }));
  }

  /** Operators who may read a channel: the whole account, or the two of a direct chat. */
  #readers(channel: StoredChannel): Array<{ id: number; name: string }> {
    const operators = this.#store.operators(channel.accountId);
    return channel.kind === 'channel' ? operators : operators.filter((o) => o.id === channel.operatorA || o.id === channel.operatorB);
  }

  /** A channel this operator may read; anything else looks like it does not exist. */
  #channelFor(op: OperatorSession, channelId: number): StoredChannel {
    const channel = this.#store.channels.channel(channelId);
    const visible =
      channel?.accountId === op.accountId && (channel.kind === 'channel' || channel.operatorA === op.operator.id || channel.operatorB === op.operator.id);
    if (!channel || !visible) throw new TRPCError({ code: 'NOT_FOUND', message: `Channel ${channelId} not found` });
    return channel;
  }

  #view(op: OperatorSession, channelId: number): TeamChannel {
    return this.#store.channels.list(op.accountId, op.operator.id).find((c) => c.id === channelId)!;
  }
}
