/**
 * Team chat on the wire: the account's channels and direct chats between two operators, their
 * messages, and mention notices. There is no visitor in them, and no files.
 */
import { z } from 'zod';
import { ClientId, MessageText } from './index.js';

export const TEAM_LIMITS = {
  /** Channels an account may have (direct chats not counted). */
  channels: 100,
  /** Messages one history call returns at most. */
  historyPage: 100,
  /** Unread mentions listed at most, newest first. */
  mentions: 50,
} as const;

const Id = z.number().int().positive();

export const ChannelRef = z.strictObject({ channelId: Id });

/** The name is checked by the channel name rules (domain/team.ts), which say what is wrong with it. */
export const ChannelCreateInput = z.strictObject({ name: z.string().max(200, 'A channel name is at most 40 characters') });

/** Opens the direct chat with another operator of the account, creating it the first time. */
export const DirectInput = z.strictObject({ operatorId: Id });

export const ChannelHistoryInput = z.strictObject({
  channelId: Id,
  /** Messages before this message id; the latest ones when left out. */
  before: Id.optional(),
  limit: z.number().int().min(1).max(TEAM_LIMITS.historyPage).default(50),
});

export const ChannelSendInput = z.strictObject({
  channelId: Id,
  clientId: ClientId,
  text: MessageText,
  /** A file key. Accepted only to be refused: files are not shared in team chats. */
  file: z.string().max(200).optional(),
});

export const ChannelReadInput = z.strictObject({ channelId: Id, messageId: Id });

/** Marks one of this operator's mentions read. */
export const MentionReadInput = z.strictObject({ mentionId: Id });

// ---------------------------------------------------------------------------
// Shapes sent to clients

/** A channel of the account, or a direct chat of this operator with another one. */
export interface TeamChannel {
  id: number;
  kind: 'channel' | 'direct';
  /** The channel's name (without "#"), or the other operator's name in a direct chat. */
  name: string;
  /** In a direct chat: the other operator. */
  operatorId: number | null;
  /** Messages from others this operator has not read. */
  unread: number;
  lastMessageAt: number | null;
  createdAt: number;
}

export interface TeamMessage {
  id: number;
  channelId: number;
  clientId: string;
  authorId: number;
  authorName: string;
  text: string;
  createdAt: number;
}

/** Someone wrote `@name` for this operator: where, and the start of what they wrote. Kept until read. */
export interface Mention {
  id: number;
  from: { id: number; name: string };
  /** A channel (its name), a direct chat (named after whoever wrote), or a visitor's chat. */
  where: { channelId: number; kind: 'channel' | 'direct'; name: string } | { conversationId: number; visitorName: string };
  /** The message: a team message in a channel or direct chat, or a message of the visitor's chat. */
  messageId: number;
  excerpt: string;
  at: number;
}

/** This operator's unread mentions, newest first (at most TEAM_LIMITS.mentions), and how many are unread in all. */
export interface MentionList {
  mentions: Mention[];
  unread: number;
}

/** Mentions marked read: these ids, or every one up to an id; and how many stay unread. */
export interface MentionsRead {
  read: { ids: number[] } | { upTo: number };
  unread: number;
}

export type ChannelHistory = { messages: TeamMessage[]; hasMore: boolean };
