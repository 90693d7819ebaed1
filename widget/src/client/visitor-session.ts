/**
 * A visitor's chat session: one socket, the transcript, the outbox of messages not yet
 * acknowledged, the operator's typing state and the unread count. Elements read it through
 * controllers and re-render on its "change" event.
 */
import type { ChatFile, ChatMessage, ConversationStatus, DeviceType, Rating, VisitorStreamEvent } from '../../../server/src/protocol/index.js';
import type { AttributeValue, ProactiveOffer } from '../../../server/src/protocol/proactive.js';
import type { Locale, VisitorAvailability } from '../../../server/src/protocol/availability-shared.js';
import { connect, isConnectionError, newClientId, socketUrl, type Connection } from './trpc.js';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting';

export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: number;
  /** Set when the server refused the message; it stays until retried or discarded. */
  error?: string;
  /** The proactive message this message answers. */
  deliveryId?: number;
  /** Sent with it when it starts a chat (see send). */
  start?: ChatStart;
  /** A file already uploaded (see upload.ts), sent with the text. */
  file?: ChatFile & { key: string };
}

/** What the message that starts a chat says about it: the visitor's language and chosen category. */
export interface ChatStart {
  locale?: Locale;
  category?: { name: string; division?: string };
}

export interface PageInfo {
  url: string;
  title: string;
  referrer: string;
  language: string;
  timeZone: string;
  device: DeviceType;
}

export interface SessionOptions {
  server: string;
  site: string;
  /** Where the visitor token, outbox and read marker live; null keeps them in memory only. */
  storage?: Storage | null;
}

/** A proactive message offered to this tab, with what the visitor has done with it. */
export interface OfferState extends ProactiveOffer {
  /** The visitor clicked the bubble: the window shows the message (and its form). */
  opened: boolean;
  /** The form was submitted and accepted. */
  captured: boolean;
  /** The visitor wrote while it was open: that message answers it. */
  answered: boolean;
}

/** Fired when a proactive message is offered to this tab. */
export class SessionOfferEvent extends Event {
  constructor(readonly offer: ProactiveOffer) {
    super('offer');
  }
}

/** Fired for each operator message that arrives live (not for history). */
export class SessionMessageEvent extends Event {
  constructor(readonly message: ChatMessage) {
    super('message');
  }
}

const TYPING_SEND_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 6_000;

export class VisitorSession extends EventTarget {
  /** The chat server as configured (ws(s):// or http(s)://); files it serves, such as images, are relative to it. */
  readonly server: string;
  status: ConnectionStatus = 'connecting';
  visitorId: number | null = null;
  /** Confirmed messages, oldest first. */
  messages: ChatMessage[] = [];
  outbox: PendingMessage[] = [];
  conversationStatus: ConversationStatus | null = null;
  /** The name of the operator who is typing, if any. */
  typing: string | null = null;
  /** The proactive message offered to this tab, until dismissed or until the conversation it starts is in `messages`. */
  offer: OfferState | null = null;
  /** Whether the visitor may start a chat now, and the categories to offer. */
  availability: VisitorAvailability | null = null;

  /** True once the history has loaded. */
  get synced(): boolean {
    return this.#synced;
  }

  readonly site: string;
  readonly #storage: Storage | null;
  readonly #conn: Connection;
  #ready = false;
  /** True once the first backlog has been replayed: later messages are new to the visitor. */
  #synced = false;
  #closed = false;
  #flushing = false;
  #pendingPage: PageInfo | null = null;
  #attributes: Record<string, AttributeValue | null> | null = null;
  #subscription: { unsubscribe(): void } | null = null;
  #typingShownTimer?: ReturnType<typeof setTimeout>;
  #typingIdleTimer?: ReturnType<typeof setTimeout>;
  #typingSentAt = 0;
  #lastRead: number;

  constructor(opts: SessionOptions) {
    super();
    this.server = opts.server;
    this.site = opts.site;
    this.#storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
    this.outbox = this.#load<PendingMessage[]>('outbox') ?? [];
    this.#lastRead = this.#load<number>('read') ?? 0;
    this.#conn = connect({
      url: socketUrl(opts.server, opts.site),
      params: (): Record<string, string> => {
        const token = this.token;
        return token ? { visitorToken: token } : {};
      },
      onOpen: () => {
        if (this.#ready) {
          this.#set({ status: 'online' });
          void this.#flush();
        }
      },
      onClose: () => this.#set({ status: this.#ready ? 'reconnecting' : 'connecting' }),
    });
    void this.#bootstrap();
  }

  /** Who the visitor is to the server; it also signs their file uploads. */
  get token(): string | null {
    return this.#load<string>('token');
  }

  /** Operator messages the visitor has not seen yet. */
  get unread(): number {
    return this.messages.filter((m) => m.author === 'operator' && m.kind === 'text' && m.id > this.#lastRead).length;
  }

  markRead(): void {
    const last = this.messages.at(-1)?.id ?? 0;
    if (last <= this.#lastRead) return;
    this.#lastRead = last;
    this.#save('read', last);
    this.#changed();
  }

  /**
   * Queues a message and sends it now, or as soon as the connection is back. `start` goes with it
   * when there may be no open conversation: the server uses it only if this message starts one.
   */
  send(text: string, start?: ChatStart, file?: PendingMessage['file']): void {
    const trimmed = text.trim();
    if (!trimmed && !file) return;
    // Writing while a proactive message is open answers it. The offer stays until the transcript
    // carries its text (see #receive), so the window does not flicker meanwhile.
    const offer = this.offer;
    const deliveryId = offer?.opened && !offer.answered && !offer.captured ? offer.deliveryId : undefined;
    if (deliveryId) this.offer = { ...offer!, answered: true };
    this.outbox = [...this.outbox, { clientId: newClientId(), text: trimmed, createdAt: Date.now(), deliveryId, start, file }];
    this.#saveOutbox();
    this.#stopTyping();
    void this.#flush();
  }

  retry(clientId: string): void {
    this.outbox = this.outbox.map((p) => (p.clientId === clientId ? { ...p, error: undefined } : p));
    this.#saveOutbox();
    void this.#flush();
  }

  discard(clientId: string): void {
    this.outbox = this.outbox.filter((p) => p.clientId !== clientId);
    this.#saveOutbox();
  }

  /** Call on every keystroke in the composer; sends "typing" at most every few seconds. */
  noteTyping(): void {
    const now = Date.now();
    if (now - this.#typingSentAt > TYPING_SEND_EVERY_MS) {
      this.#typingSentAt = now;
      this.#call(() => this.#conn.trpc.visitor.typing.mutate({ typing: true }));
    }
    clearTimeout(this.#typingIdleTimer);
    this.#typingIdleTimer = setTimeout(() => this.#stopTyping(), TYPING_IDLE_MS);
  }

  endConversation(): void {
    this.#call(() => this.#conn.trpc.visitor.end.mutate());
  }

  /** Rates a chat; the server's 'rated' line confirms it in the transcript. */
  rate(conversationId: number, rating: Rating, comment: string): Promise<unknown> {
    return this.#conn.trpc.visitor.rate.mutate({ conversationId, rating, comment });
  }

  reportPage(page: PageInfo): void {
    this.#pendingPage = page;
    if (this.#ready) this.#sendPage();
  }

  /** Custom attributes for proactive targeting, merged into those already set (null removes one). */
  setAttributes(attributes: Record<string, AttributeValue | null>): Promise<Record<string, AttributeValue>> {
    this.#attributes = { ...this.#attributes, ...attributes };
    if (!this.#ready) return Promise.resolve({});
    return this.#sendAttributes();
  }

  /** The visitor clicked the offered bubble: the window shows it, and it counts as read. */
  openOffer(): void {
    if (!this.offer || this.offer.opened) return;
    this.offer = { ...this.offer, opened: true };
    const deliveryId = this.offer.deliveryId;
    this.#call(() => this.#conn.trpc.visitor.proactive.opened.mutate({ deliveryId }));
    this.#changed();
  }

  /** Hides the offered message (X on the bubble, or closing the window). Frequency decides if it returns. */
  dismissOffer(): void {
    if (!this.offer) return;
    this.offer = null;
    this.#changed();
  }

  /**
   * Submits the offered message's form. Resolves once the server accepted it (the follow-up
   * then arrives in the transcript); rejects with the server's words when it did not.
   */
  async submitCapture(details: { name?: string; email?: string }): Promise<void> {
    const offer = this.offer;
    if (!offer) throw new Error('This message is no longer available');
    await this.#conn.trpc.visitor.proactive.capture.mutate({ deliveryId: offer.deliveryId, ...details });
    if (this.offer?.deliveryId === offer.deliveryId) this.offer = { ...this.offer, captured: true };
    this.#changed();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#typingShownTimer);
    clearTimeout(this.#typingIdleTimer);
    this.#subscription?.unsubscribe();
    this.#conn.close();
  }

  // --- internals -------------------------------------------------------------

  async #bootstrap(): Promise<void> {
    let hello;
    try {
      hello = await this.#conn.trpc.visitor.hello.mutate();
    } catch {
      // The socket retries by itself; try again once it is back.
      if (!this.#closed) setTimeout(() => void this.#bootstrap(), 1_000);
      return;
    }
    if (this.#closed) return;
    if (hello.token) this.#save('token', hello.token);
    this.visitorId = hello.visitorId;
    this.#ready = true;
    this.#set({ status: 'online' });
    this.#subscribe();
    if (this.#attributes) void this.#sendAttributes().catch(() => undefined);
    if (this.#pendingPage) this.#sendPage();
    void this.#flush();
    this.dispatchEvent(new Event('ready'));
  }

  #subscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = this.#conn.trpc.visitor.events.subscribe(
      { lastEventId: null },
      {
        onData: ({ data }) => this.#receive(data as VisitorStreamEvent),
        onError: (err) => {
          // The server no longer knows this visitor (e.g. its data was reset): start over as a new one.
          if ((err as { data?: { code?: string } }).data?.code === 'UNAUTHORIZED') {
            this.#storage?.removeItem(this.#key('token'));
            this.#ready = false;
            this.messages = [];
            void this.#bootstrap();
          }
        },
      },
    );
  }

  #receive(event: VisitorStreamEvent): void {
    if (event.type === 'typing') {
      clearTimeout(this.#typingShownTimer);
      if (event.typing) this.#typingShownTimer = setTimeout(() => this.#set({ typing: null }), TYPING_SHOWN_MS);
      this.#set({ typing: event.typing ? event.name : null });
      return;
    }
    if (event.type === 'proactive') {
      // One bubble at a time: an offer does not replace one the visitor is answering.
      if (this.offer?.opened && !this.offer.captured) return;
      this.offer = { ...event.offer, opened: false, captured: false, answered: false };
      this.#changed();
      this.dispatchEvent(new SessionOfferEvent(event.offer));
      return;
    }
    if (event.type === 'availability') {
      this.availability = event.availability;
      this.#changed();
      return;
    }
    if (event.type === 'synced') {
      this.#synced = true;
      this.#changed();
      return;
    }
    const { message, status } = event;
    const added = this.#add(message);
    // The conversation the offer started opens with its text, stamped with the offer's time:
    // from here on the transcript shows it, so the offer itself is done.
    if (this.offer?.opened && message.author === 'system' && message.createdAt === this.offer.at) this.offer = null;
    this.conversationStatus = status;
    if (message.author === 'operator') {
      clearTimeout(this.#typingShownTimer);
      this.typing = null;
    }
    this.#changed();
    if (added && this.#synced && message.author === 'operator' && message.kind === 'text') {
      this.dispatchEvent(new SessionMessageEvent(message));
    }
  }

  /** Inserts a confirmed message in order; false when it was already there. */
  #add(message: ChatMessage): boolean {
    if (this.messages.some((m) => m.id === message.id)) return false;
    const i = this.messages.findIndex((m) => m.id > message.id);
    if (i === -1) this.messages.push(message);
    else this.messages.splice(i, 0, message);
    this.messages = [...this.messages];
    if (message.clientId && this.outbox.some((p) => p.clientId === message.clientId)) {
      this.outbox = this.outbox.filter((p) => p.clientId !== message.clientId);
      this.#saveOutbox();
    }
    return true;
  }

  /** Sends queued messages one at a time, in order. Each carries its clientId, so a retry never duplicates. */
  async #flush(): Promise<void> {
    if (this.#flushing || !this.#ready) return;
    this.#flushing = true;
    try {
      for (const pending of this.outbox) {
        if (pending.error || this.#closed) continue;
        try {
          const message = await this.#conn.trpc.visitor.send.mutate({
            clientId: pending.clientId,
            text: pending.text,
            file: pending.file?.key,
            ...(pending.deliveryId ? { deliveryId: pending.deliveryId } : {}),
            ...pending.start,
          });
          this.#add(message);
          this.#changed();
        } catch (err) {
          if (isConnectionError(err)) return; // back online → onOpen flushes again
          this.outbox = this.outbox.map((p) =>
            p.clientId === pending.clientId ? { ...p, error: (err as Error).message || 'Not sent' } : p,
          );
          this.#saveOutbox();
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  #sendPage(): void {
    const page = this.#pendingPage;
    if (!page) return;
    this.#pendingPage = null;
    this.#call(() => this.#conn.trpc.visitor.pageView.mutate(page));
  }

  async #sendAttributes(): Promise<Record<string, AttributeValue>> {
    const attributes = this.#attributes ?? {};
    const result = await this.#conn.trpc.visitor.setAttributes.mutate({ attributes });
    return result.attributes;
  }

  #stopTyping(): void {
    clearTimeout(this.#typingIdleTimer);
    if (this.#typingSentAt === 0) return;
    this.#typingSentAt = 0;
    this.#call(() => this.#conn.trpc.visitor.typing.mutate({ typing: false }));
  }

  /** Fire-and-forget calls whose loss is harmless (typing, page views while offline). */
  #call(fn: () => Promise<unknown>): void {
    if (this.#ready) fn().catch(() => undefined);
  }

  #set(patch: Partial<Pick<VisitorSession, 'status' | 'typing'>>): void {
    Object.assign(this, patch);
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  #key(name: string): string {
    return `chat:${this.site}:${name}`;
  }

  #load<T>(name: string): T | null {
    try {
      const raw = this.#storage?.getItem(this.#key(name));
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  #save(name: string, value: unknown): void {
    try {
      this.#storage?.setItem(this.#key(name), JSON.stringify(value));
    } catch {
      // Storage full or blocked: the session still works in memory.
    }
  }

  #saveOutbox(): void {
    this.#save('outbox', this.outbox);
    this.#changed();
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
