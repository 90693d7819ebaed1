/**
 * Wire protocol: input schemas and the shapes the server sends.
 * No Node imports here, so the widget can `import type` from this module.
 */
import { z } from 'zod';
import type { ProactiveOffer } from './proactive.js';
import type { LiveVisitor } from './workspace.js';
import type { Mention, MentionsRead, TeamChannel, TeamMessage } from './team.js';
import { ChatStartFields, type AutomaticKind, type LinkButton, type OperatorStatus, type VisitorAvailability } from './availability.js';

export const LIMITS = {
  messageText: 4000,
  url: 2048,
  title: 300,
  name: 80,
  email: 254,
  password: 200,
  token: 128,
  /** Messages a visitor's stream replays when it starts with no cursor. */
  historyBacklog: 200,
} as const;

/** A client-generated id that makes a write idempotent. */
export const ClientId = z
  .string()
  .min(8, 'clientId must be at least 8 characters')
  .max(64, 'clientId must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'clientId may contain only letters, digits, "-" and "_"');

export const MessageText = z
  .string()
  .max(LIMITS.messageText, `A message can be at most ${LIMITS.messageText} characters`)
  .refine((s) => s.trim().length > 0, 'A message cannot be empty');

/** Subscription cursor: "<last message id>" or "<last message id>:<ephemeral seq>". */
export const Cursor = z
  .string()
  .max(40)
  .regex(/^\d+(:\d+)?$/, 'lastEventId must look like "123" or "123:4"')
  .nullish();

export const Device = z.enum(['desktop', 'mobile', 'tablet']);

export const PageViewInput = z.strictObject({
  url: z.string().min(1).max(LIMITS.url),
  title: z.string().max(LIMITS.title).default(''),
  referrer: z.string().max(LIMITS.url).default(''),
  language: z.string().max(35).default(''),
  timeZone: z.string().max(64).default(''),
  device: Device.default('desktop'),
});

export const HelloInput = z.strictObject({}).optional();

/** An uploaded file (see `POST /files`) sent with a message. */
export const FileKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'file must be the key of an uploaded file');

/** A message's text, which may be left empty when a file is sent with it. */
const Caption = z.string().max(LIMITS.messageText, `A message can be at most ${LIMITS.messageText} characters`).default('');

/** A message needs some text or a file. */
const hasContent = (m: { text: string; file?: string }) => m.file !== undefined || m.text.trim().length > 0;
const EMPTY = { message: 'A message cannot be empty', path: ['text'] };

export const VisitorSendInput = z
  .strictObject({
    clientId: ClientId,
    text: Caption,
    file: FileKey.optional(),
    /** The proactive message the visitor is answering, if any. */
    deliveryId: z.number().int().positive().optional(),
    /** Used when this message starts a chat: the language of automatic messages, and the category chosen. */
    ...ChatStartFields,
  })
  .refine(hasContent, EMPTY);

export const TypingInput = z.strictObject({ typing: z.boolean() });

export const StreamInput = z.strictObject({ lastEventId: Cursor });

export const ConversationId = z.number().int().positive();

export const LoginInput = z.strictObject({
  email: z.string().trim().min(3).max(LIMITS.email),
  password: z.string().min(1).max(LIMITS.password),
});

export const ConversationRef = z.strictObject({ conversationId: ConversationId });

export const OperatorSendInput = z
  .strictObject({
    conversationId: ConversationId,
    clientId: ClientId,
    text: Caption,
    file: FileKey.optional(),
    /** An internal note: only operators see it. */
    note: z.boolean().default(false),
  })
  .refine(hasContent, EMPTY);

export const OperatorTypingInput = z.strictObject({
  conversationId: ConversationId,
  typing: z.boolean(),
});

// ---------------------------------------------------------------------------
// Shapes sent to clients (plain JSON; times are epoch milliseconds)

export type DeviceType = z.infer<typeof Device>;
export type PageView = z.output<typeof PageViewInput> & { id: number; visitId: number; at: number };
export type ConversationStatus = 'waiting' | 'active' | 'ended';
export type Role = 'operator' | 'admin';

/** What a transcript line is: a text written by someone, or a notice of an event. */
export type MessageKind = 'text' | 'event';
export type AuthorType = 'visitor' | 'operator' | 'system';
/** Events shown as notices in the transcript. */
export type ConversationEvent = 'joined' | 'left' | 'ended' | 'reopened' | 'rating-requested' | 'rated';

export type Rating = 'good' | 'bad';

/** A file sent in a chat: an image (shown inline) or a PDF. */
export interface ChatFile {
  /** Relative to the chat server: `/files/<key>`. */
  url: string;
  name: string;
  type: string;
  size: number;
}

export interface ChatMessage {
  id: number;
  conversationId: number;
  clientId: string | null;
  kind: MessageKind;
  event: ConversationEvent | null;
  author: AuthorType;
  authorName: string;
  text: string;
  createdAt: number;
  /** Set on automatic messages: which one it is. */
  automatic: AutomaticKind | null;
  /** Shown to operators only (a chat's title, command output); never sent to a visitor. */
  internal: boolean;
  extras: MessageExtras | null;
}

/** An image and link buttons under a message. */
export interface MessageExtras {
  image?: string;
  buttons?: LinkButton[];
  /** The command that posted an operators-only line. */
  command?: string;
  /** /history: the visitor's pages, newest first. */
  pages?: Array<{ title: string; url: string; at: number }>;
  file?: ChatFile;
  /** On a 'rated' event: the visitor's rating. */
  rating?: { value: Rating; comment: string };
}

export interface VisitorInfo {
  id: number;
  displayName: string;
  name: string | null;
  email: string | null;
  online: boolean;
  blocked: boolean;
}

export interface ConversationSummary {
  id: number;
  status: ConversationStatus;
  visitor: VisitorInfo;
  operatorId: number | null;
  operatorName: string | null;
  createdAt: number;
  updatedAt: number;
  lastMessage: ChatMessage | null;
  currentPage: PageView | null;
  /** The proactive message that started the conversation, if any. */
  proactive: { id: number; name: string } | null;
  tags: string[];
  category: { name: string; division: string | null } | null;
  /** Why a waiting chat is not being distributed: outside hours, a meal, the cap, nobody available. */
  hold: 'hours' | 'meal' | 'cap' | 'unavailable' | null;
  /** An operator has replied at least once. */
  answered: boolean;
  /** Its place in the queue: when it started, or when it was last transferred to a department. */
  queuedAt: number;
  /** The department it was transferred to. */
  department: { id: number; name: string } | null;
  /** Operators invited into the chat besides the one serving it. */
  guests: Array<{ id: number; name: string }>;
  /** Who ended it, once it has ended. */
  endedBy: 'visitor' | 'operator' | 'system' | null;
  /** The visitor's rating, once given. */
  rating: { value: Rating; comment: string } | null;
  /** An operator asked for a rating that has not come yet. */
  ratingPending: boolean;
}

export interface OperatorInfo {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/** An operator as teammates see them. */
export interface OperatorPresence {
  id: number;
  name: string;
  /** The chosen status, or "meal" during a meal time. */
  status: OperatorStatus;
  /** Has the panel open. */
  connected: boolean;
  openChats: number;
  capacity: number;
}

/** Events on a visitor's stream. */
export type VisitorStreamEvent =
  | { type: 'message'; message: ChatMessage; status: ConversationStatus }
  | { type: 'typing'; conversationId: number; name: string; typing: boolean }
  /** A proactive message offered to this tab only. */
  | { type: 'proactive'; offer: ProactiveOffer }
  /** Sent when the stream starts and whenever it changes. */
  | { type: 'availability'; availability: VisitorAvailability }
  | { type: 'synced' };

/** Events on an operator's stream. */
export type OperatorStreamEvent =
  | { type: 'message'; message: ChatMessage; conversation: ConversationSummary }
  | { type: 'typing'; conversationId: number; typing: boolean }
  | { type: 'pageview'; visitorId: number; pageView: PageView }
  | { type: 'presence'; visitorId: number; online: boolean }
  /** A conversation's details changed without a new message (its hold, the visitor's details or block). */
  | { type: 'conversation'; conversation: ConversationSummary }
  /** A visitor came on the site or moved to another page: their row in the live list. */
  | { type: 'visitor'; visitor: LiveVisitor }
  /** The team's status, sent when the stream starts and whenever it changes. */
  | { type: 'team'; operators: OperatorPresence[] }
  /** An admin saved the account's settings: what the panel offers may change. */
  | { type: 'settings'; ratingEnabled: boolean }
  /** An admin changed the canned responses or the departments: read them again. */
  | { type: 'lists' }
  /** A message in a team channel, or in a direct chat of this operator. */
  | { type: 'team-message'; message: TeamMessage }
  /** A team channel was created. */
  | { type: 'team-channel'; channel: TeamChannel }
  /** Another operator mentioned this operator with @name; sent to them alone. */
  | { type: 'mention'; mention: Mention }
  /** Some of this operator's mentions were read (here or in another panel of theirs); sent to them alone. */
  | ({ type: 'mentions-read' } & MentionsRead)
  | { type: 'synced' };
