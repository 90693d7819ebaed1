/**
 * Team chat in the operator's session: the account's channels and this operator's direct chats
 * with unread counts, the messages of the ones opened, replies on their way, this operator's
 * unread mentions (read from the server on start, kept live by the stream), and the notices the
 * panel shows (someone mentioned this operator, or a visitor asked to chat while the panel was in
 * the background). OperatorSession owns it, feeds it the stream's events, and re-renders on change.
 */
import type { ConversationSummary, OperatorInfo, OperatorStreamEvent } from '../../../server/src/protocol/index.js';
import type { Mention, MentionsRead, TeamChannel, TeamMessage } from '../../../server/src/protocol/team.js';
import { isConnectionError, newClientId, type ChatClient } from './trpc.js';

/** Messages of a channel or direct chat, oldest first. */
export interface TeamThread {
  loading: boolean;
  messages: TeamMessage[];
  /** Older messages exist on the server. */
  hasMore: boolean;
  error?: string;
}

export interface PendingTeamMessage {
  clientId: string;
  channelId: number;
  text: string;
  /** Set when the server refused it; it stays until retried or discarded. */
  error?: string;
}

/** Something the operator should look at: a mention of them, or a new chat request. */
export interface TeamNotice {
  id: number;
  kind: 'mention' | 'request';
  /** Who mentioned them, or the visitor asking to chat. */
  from: string;
  /** Where it opens: a channel (its name, or the teammate of a direct chat) or a visitor's chat. */
  where: { channelId: number; kind: 'channel' | 'direct'; name: string } | { conversationId: number; name: string };
  excerpt: string;
  at: number;
  /** The stored mention, which opening the notice marks read. */
  mentionId?: number;
}

export interface TeamChatOptions {
  trpc: () => ChatClient;
  changed: () => void;
  me: () => OperatorInfo | null;
  /** True when the panel already lists this conversation (so a message in it is no new request). */
  known: (conversationId: number) => boolean;
  /** True when the operator is looking at the panel. */
  focused?: () => boolean;
}

/** Notices kept at most; older ones drop off. */
const MAX_NOTICES = 20;
/** Unread mentions listed at most, as the server lists them. */
const MAX_MENTIONS = 50;

export class TeamChat {
  /** Channels first, then direct chats, each by name. */
  channels: TeamChannel[] = [];
  /** The channel or direct chat open in the Team view. */
  current: number | null = null;
  pending: PendingTeamMessage[] = [];
  /** Newest first. */
  notices: TeamNotice[] = [];
  /** This operator's unread mentions, newest first (the latest MAX_MENTIONS). */
  mentions: Mention[] = [];
  /** How many of this operator's mentions are unread, listed or not. */
  mentionsUnread = 0;
  /** Set while the Team view shows: messages arriving in the open channel count as read. */
  viewing = false;

  readonly #opts: TeamChatOptions;
  readonly #threads = new Map<number, TeamThread>();
  #noticeIds = 0;
  #flushing = false;
  /** Bumped on sign-out, so answers to calls made before are dropped. */
  #epoch = 0;

  constructor(opts: TeamChatOptions) {
    this.#opts = opts;
  }

  get unreadTotal(): number {
    return this.channels.reduce((n, c) => n + c.unread, 0);
  }

  channel(id: number): TeamChannel | undefined {
    return this.channels.find((c) => c.id === id);
  }

  /** The channel named `#name`, if the account has one. */
  channelNamed(name: string): TeamChannel | undefined {
    return this.channels.find((c) => c.kind === 'channel' && c.name === name);
  }

  /** The direct chat with a teammate, once one exists. */
  directWith(operatorId: number): TeamChannel | undefined {
    return this.channels.find((c) => c.kind === 'direct' && c.operatorId === operatorId);
  }

  thread(channelId: number): TeamThread | undefined {
    return this.#threads.get(channelId);
  }

  pendingIn(channelId: number): PendingTeamMessage[] {
    return this.pending.filter((p) => p.channelId === channelId);
  }

  /** Reads the channel list (after sign-in and after a reconnect), the open thread, and sends what waited. */
  async load(): Promise<void> {
    const epoch = this.#epoch;
    void this.#loadMentions(epoch);
    try {
      const channels = await this.#opts.trpc().operator.channels.list.query();
      if (epoch !== this.#epoch) return;
      this.channels = channels;
      // Messages may have been missed while offline: threads not on screen are read again when opened.
      for (const id of this.#threads.keys()) if (id !== this.current) this.#threads.delete(id);
      this.#opts.changed();
    } catch {
      // The next reconnect reads it again.
      return;
    }
    if (this.current !== null) await this.#loadThread(this.current);
    void this.#flush();
  }

  reset(): void {
    this.#epoch++;
    this.channels = [];
    this.current = null;
    this.pending = [];
    this.notices = [];
    this.mentions = [];
    this.mentionsUnread = 0;
    this.#threads.clear();
  }

  /** Opens a channel or direct chat in the Team view and marks it read. */
  async open(channelId: number): Promise<void> {
    this.current = channelId;
    this.#opts.changed();
    if (!this.#threads.get(channelId) || this.#threads.get(channelId)?.error) await this.#loadThread(channelId);
    else this.#markRead(channelId);
  }

  /** Opens the direct chat with a teammate, creating it the first time. Returns the reason when refused. */
  async openDirect(operatorId: number): Promise<string | null> {
    const known = this.directWith(operatorId);
    if (known) {
      await this.open(known.id);
      return null;
    }
    try {
      const channel = await this.#opts.trpc().operator.channels.direct.mutate({ operatorId });
      this.#add(channel);
      await this.open(channel.id);
      return null;
    } catch (err) {
      return isConnectionError(err) ? 'offline' : errorMessage(err);
    }
  }

  /** Creates a channel and opens it. Returns the server's reason when it is refused. */
  async create(name: string): Promise<string | null> {
    try {
      const channel = await this.#opts.trpc().operator.channels.create.mutate({ name });
      this.#add(channel);
      await this.open(channel.id);
      return null;
    } catch (err) {
      return isConnectionError(err) ? 'offline' : errorMessage(err);
    }
  }

  /** Reads the messages before the oldest one shown. */
  async older(channelId: number): Promise<void> {
    const thread = this.#threads.get(channelId);
    if (!thread || thread.loading || !thread.hasMore) return;
    const epoch = this.#epoch;
    thread.loading = true;
    this.#opts.changed();
    try {
      const page = await this.#opts.trpc().operator.channels.history.query({ channelId, before: thread.messages[0]?.id });
      if (epoch !== this.#epoch) return;
      thread.messages = merge(page.messages, thread.messages);
      thread.hasMore = page.hasMore;
    } catch {
      // The button stays; pressing it again retries.
    } finally {
      thread.loading = false;
      this.#opts.changed();
    }
  }

  /** Queues a message and sends it now, or once the connection is back. */
  send(channelId: number, text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.pending = [...this.pending, { clientId: newClientId(), channelId, text: trimmed }];
    this.#opts.changed();
    void this.#flush();
  }

  retry(clientId: string): void {
    this.pending = this.pending.map((p) => (p.clientId === clientId ? { ...p, error: undefined } : p));
    void this.#flush();
  }

  discard(clientId: string): void {
    this.pending = this.pending.filter((p) => p.clientId !== clientId);
    this.#opts.changed();
  }

  /** The operator opened a mention: it is read, here, on the server, and in their other panels. */
  readMention(mentionId: number): void {
    const epoch = this.#epoch;
    this.#mentionsRead({ read: { ids: [mentionId] }, unread: this.mentionsUnread - (this.mentions.some((m) => m.id === mentionId) ? 1 : 0) });
    this.#opts
      .trpc()
      .operator.channels.readMention.mutate({ mentionId })
      .then((result) => epoch === this.#epoch && this.#mentionsRead(result))
      // Already gone, or offline: the list is read again on reconnect.
      .catch(() => undefined);
  }

  /** Marks every mention read. */
  readAllMentions(): void {
    const epoch = this.#epoch;
    const newest = this.mentions[0]?.id;
    if (newest !== undefined) this.#mentionsRead({ read: { upTo: newest }, unread: 0 });
    this.#opts
      .trpc()
      .operator.channels.readAllMentions.mutate()
      .then((result) => epoch === this.#epoch && this.#mentionsRead(result))
      .catch(() => undefined);
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
    this.#opts.changed();
  }

  setViewing(viewing: boolean): void {
    this.viewing = viewing;
    if (viewing && this.current !== null) this.#markRead(this.current);
  }

  /** Every event of the operator's stream passes here before the session reads it. */
  receive(event: OperatorStreamEvent): void {
    switch (event.type) {
      case 'team-message':
        this.#message(event.message);
        break;
      case 'team-channel':
        this.#add(event.channel);
        break;
      case 'mention': {
        const { mention } = event;
        // Someone reading the very channel they are mentioned in sees the highlight there (reading it marks the mention read).
        if ('channelId' in mention.where && this.viewing && this.current === mention.where.channelId && this.#focused()) break;
        if (!this.mentions.some((m) => m.id === mention.id)) {
          this.mentions = [mention, ...this.mentions].slice(0, MAX_MENTIONS);
          this.mentionsUnread++;
        }
        const where = 'channelId' in mention.where ? mention.where : { conversationId: mention.where.conversationId, name: mention.where.visitorName };
        this.#notice({ kind: 'mention', from: mention.from.name, where, excerpt: mention.excerpt, at: mention.at, mentionId: mention.id });
        break;
      }
      case 'mentions-read':
        this.#mentionsRead(event);
        break;
      case 'message':
        if (this.#isNewRequest(event.conversation, event.message.author) && !this.#focused()) {
          const name = event.conversation.visitor.displayName;
          this.#notice({ kind: 'request', from: name, where: { conversationId: event.conversation.id, name }, excerpt: event.message.text, at: event.message.createdAt });
        }
        break;
    }
  }

  async #loadMentions(epoch: number): Promise<void> {
    try {
      const list = await this.#opts.trpc().operator.channels.mentions.query();
      if (epoch !== this.#epoch) return;
      this.mentions = list.mentions;
      this.mentionsUnread = list.unread;
      this.#opts.changed();
    } catch {
      // The next reconnect reads it again.
    }
  }

  /** Mentions read here or elsewhere leave the list, with their notices. */
  #mentionsRead({ read, unread }: MentionsRead): void {
    const isRead = (id: number) => ('ids' in read ? read.ids.includes(id) : id <= read.upTo);
    this.mentions = this.mentions.filter((m) => !isRead(m.id));
    this.notices = this.notices.filter((n) => n.mentionId === undefined || !isRead(n.mentionId));
    this.mentionsUnread = Math.max(unread, this.mentions.length);
    this.#opts.changed();
  }

  #focused(): boolean {
    return (this.#opts.focused ?? defaultFocused)();
  }

  #isNewRequest(c: ConversationSummary, author: string): boolean {
    return c.status === 'waiting' && author === 'visitor' && !this.#opts.known(c.id);
  }

  #notice(notice: Omit<TeamNotice, 'id'>): void {
    this.notices = [{ ...notice, id: ++this.#noticeIds }, ...this.notices].slice(0, MAX_NOTICES);
  }

  #message(message: TeamMessage): void {
    const thread = this.#threads.get(message.channelId);
    if (thread) thread.messages = merge(thread.messages, [message]);
    this.pending = this.pending.filter((p) => p.clientId !== message.clientId || p.channelId !== message.channelId);
    const channel = this.channel(message.channelId);
    // A direct chat someone else opened: read the list again to learn it.
    if (!channel) return void this.load();
    const mine = message.authorId === this.#opts.me()?.id;
    const seen = mine || (this.viewing && this.current === channel.id);
    this.#replace({ ...channel, lastMessageAt: message.createdAt, unread: seen ? channel.unread : channel.unread + 1 });
    if (seen && !mine) this.#markRead(channel.id);
  }

  #add(channel: TeamChannel): void {
    if (this.channel(channel.id)) return;
    this.channels = [...this.channels, channel].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.id - b.id);
    this.#opts.changed();
  }

  #replace(channel: TeamChannel): void {
    this.channels = this.channels.map((c) => (c.id === channel.id ? channel : c));
  }

  async #loadThread(channelId: number): Promise<void> {
    const epoch = this.#epoch;
    const before = this.#threads.get(channelId);
    this.#threads.set(channelId, { loading: true, messages: before?.messages ?? [], hasMore: before?.hasMore ?? false });
    this.#opts.changed();
    try {
      const page = await this.#opts.trpc().operator.channels.history.query({ channelId });
      if (epoch !== this.#epoch) return;
      // Messages the stream brought during the call are kept.
      const current = this.#threads.get(channelId);
      this.#threads.set(channelId, { loading: false, messages: merge(page.messages, current?.messages ?? []), hasMore: page.hasMore });
      this.#markRead(channelId);
    } catch (err) {
      if (epoch !== this.#epoch) return;
      const current = this.#threads.get(channelId);
      this.#threads.set(channelId, { loading: false, messages: current?.messages ?? [], hasMore: false, error: errorMessage(err) || 'error' });
    }
    this.#opts.changed();
  }

  /** Tells the server the operator has read the channel up to its last message, when it shows. */
  #markRead(channelId: number): void {
    const channel = this.channel(channelId);
    const last = this.#threads.get(channelId)?.messages.at(-1);
    if (!channel || !last || !this.viewing || this.current !== channelId) return;
    if (channel.unread) {
      this.#replace({ ...channel, unread: 0 });
      this.#opts.changed();
    }
    this.#opts
      .trpc()
      .operator.channels.read.mutate({ channelId, messageId: last.id })
      .catch(() => undefined);
  }

  /** Sends waiting messages one at a time, in order; each carries its clientId, so a retry never duplicates. */
  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    const epoch = this.#epoch;
    const tried = new Set<string>();
    try {
      // Messages queued while others were on their way go out in the same run.
      for (let p = this.#nextToSend(tried); p && epoch === this.#epoch; p = this.#nextToSend(tried)) {
        tried.add(p.clientId);
        try {
          const message = await this.#opts.trpc().operator.channels.send.mutate({ channelId: p.channelId, clientId: p.clientId, text: p.text });
          if (epoch !== this.#epoch) return;
          this.#message(message);
        } catch (err) {
          // Offline: it waits for the connection, and load() sends it then.
          if (isConnectionError(err)) return;
          const refused = errorMessage(err) || 'Not sent';
          this.pending = this.pending.map((q) => (q.clientId === p!.clientId ? { ...q, error: refused } : q));
        }
        this.#opts.changed();
      }
    } finally {
      this.#flushing = false;
    }
  }

  #nextToSend(tried: Set<string>): PendingTeamMessage | undefined {
    return this.pending.find((p) => !p.error && !tried.has(p.clientId));
  }
}

/** Messages of both lists, once each, in id order. */
function merge(a: TeamMessage[], b: TeamMessage[]): TeamMessage[] {
  const byId = new Map([...a, ...b].map((m) => [m.id, m]));
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

function errorMessage(err: unknown): string {
  return (err as Error | null)?.message ?? '';
}

function defaultFocused(): boolean {
  return typeof document === 'undefined' || document.hasFocus();
}
