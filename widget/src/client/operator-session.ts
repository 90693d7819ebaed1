/**
 * An operator's workspace session: one socket, the sign-in state, the inbox of open
 * conversations, the transcripts and page views of the conversations opened as tabs, the
 * visitors' typing, unread counts and the outbox of replies not yet acknowledged.
 * <operator-panel> reads it through a controller and re-renders on its "change" event.
 */
import { PURPOSES } from '../../../server/src/domain/files.js';
import { attachmentProblem, uploadFile, UploadError, type UploadedFile } from './upload.js';
import type {
  ChatMessage,
  ConversationSummary,
  OperatorInfo,
  OperatorPresence,
  OperatorStreamEvent,
  PageView,
} from '../../../server/src/protocol/index.js';
import type { OperatorStatus } from '../../../server/src/protocol/availability-shared.js';
import type { CannedResponse, Department, LiveVisitor, VisitorContact } from '../../../server/src/protocol/workspace.js';
import { connect, isConnectionError, newClientId, socketUrl, type Connection } from './trpc.js';
import { TeamChat } from './team-chat.js';
import type { ConnectionStatus } from './visitor-session.js';

export type { ConnectionStatus };

/** "checking" while a stored token is being verified; the panel shows neither form nor workspace yet. */
export type AuthState = 'checking' | 'signed-out' | 'signed-in';

/** Why the last sign-in attempt failed (the element words it in the operator's language). */
export type LoginError = 'credentials' | 'offline' | 'expired' | 'other';

export interface PendingReply {
  clientId: string;
  conversationId: number;
  operatorId: number;
  text: string;
  createdAt: number;
  /** Set when the server refused the reply; it stays until retried or discarded. */
  error?: string;
  /** A file already uploaded, sent with the text. */
  file?: UploadedFile;
  /** An internal note: only operators see it. */
  note?: boolean;
}

/** A conversation opened in a tab: its transcript and the visitor's pages in the current visit. */
export interface ConversationDetail {
  loading: boolean;
  /** Oldest first. */
  messages: ChatMessage[];
  /** Newest first. */
  pageViews: PageView[];
  error?: string;
}

/** An action on one conversation that shows progress and may be refused. */
export type ConversationAction = 'accept' | 'end' | 'block' | 'unblock' | 'reopen' | 'transfer' | 'leave' | 'rating' | 'upload';

/** Where a chat is transferred: an operator or a department. */
export type TransferTarget = { operatorId: number } | { departmentId: number };

/** A visitor's contact details and past chats, as the details pane shows them. */
export interface VisitorDetail {
  contact: VisitorContact;
  conversations: Array<{ id: number; status: string; createdAt: number; endedAt: number | null; tags: string[] }>;
}

/** The outcome of the last action on a conversation, when it was refused. */
export interface ActionError {
  action: ConversationAction | 'load';
  code: string;
  message: string;
}

export interface OperatorSessionOptions {
  /** ws:// URL of the chat server (with or without /trpc). Operators connect without a site key. */
  server: string;
  /** Where the token, outbox and open tabs live; null keeps them in memory only. */
  storage?: Storage | null;
}

const TOKEN_KEY = 'chat:operator:token';
const OUTBOX_KEY = 'chat:operator:outbox';
const TABS_KEY = 'chat:operator:tabs';
const STATUS_KEY = 'chat:operator:status';

const TYPING_SEND_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 6_000;
const RETRY_MS = 1_000;

export class OperatorSession extends EventTarget {
  status: ConnectionStatus = 'connecting';
  auth: AuthState = 'checking';
  operator: OperatorInfo | null = null;
  loginError: LoginError | null = null;
  /** True while a login call is in flight. */
  signingIn = false;
  /** Every conversation the panel knows: the open ones from the inbox, plus ended ones still shown in a tab. */
  conversations = new Map<number, ConversationSummary>();
  /** Conversations opened as tabs, in tab order. */
  tabs: number[] = [];
  /** The tab in front, if any. */
  focused: number | null = null;
  outbox: PendingReply[] = [];
  /** The account lets operators ask visitors to rate a chat (read with the inbox). */
  ratingEnabled = false;
  /** True once the event stream has caught up after (re)subscribing. */
  synced = false;
  /** The team as the server last told it, the signed-in operator included. */
  team: OperatorPresence[] = [];
  /**
   * The status this operator last chose here. The server tells only the effective one (a scheduled
   * meal shows "meal"), so this is what tells a chosen meal from a scheduled one.
   */
  chosenStatus: OperatorStatus | null = null;
  /** True while a status change is in flight. */
  statusBusy = false;
  /** Set when the last status change was refused or could not be sent. */
  statusError: string | null = null;
  /** The account's canned responses, for the composer's ":" picker. */
  canned: CannedResponse[] = [];
  /** The account's departments, for transfers. */
  departments: Department[] = [];
  /** Visitors on the site now, by id, kept live by the stream. */
  visitors = new Map<number, LiveVisitor>();
  /** Team channels and direct chats, and the notices of mentions and of new requests. */
  readonly teamChat = new TeamChat({
    trpc: () => this.#conn.trpc,
    changed: () => this.#changed(),
    me: () => this.operator,
    known: (conversationId) => this.conversations.has(conversationId),
  });

  readonly #storage: Storage | null;
  readonly #conn: Connection;
  readonly #origin: string;
  readonly #details = new Map<number, ConversationDetail>();
  readonly #typing = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #unread = new Map<number, number>();
  readonly #errors = new Map<number, ActionError>();
  /** Actions in flight per conversation, so buttons can show progress and not be pressed twice. */
  readonly #busy = new Set<string>();
  /** Highest message id seen per conversation: tells a new message from a replayed one. */
  readonly #seen = new Map<number, number>();
  #opened = false;
  #closed = false;
  #flushing = false;
  #subscription: { unsubscribe(): void } | null = null;
  /** The last event id received; the tRPC client resends it itself on reconnect, we use it after an error. */
  #cursor: string | null = null;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #typingIdleTimer?: ReturnType<typeof setTimeout>;
  #typingConversation: number | null = null;
  #typingSentAt = 0;
  /** Bumped on sign-in and sign-out, so answers to calls made for an earlier sign-in are dropped. */
  #epoch = 0;

  constructor(opts: OperatorSessionOptions) {
    super();
    this.#storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
    this.#origin = serverOrigin(opts.server);
    this.#conn = connect({
      url: socketUrl(opts.server),
      params: (): Record<string, string> => {
        const token = this.#read(TOKEN_KEY);
        return token ? { operatorToken: token } : {};
      },
      onOpen: () => {
        const reconnected = this.#opened;
        this.#opened = true;
        this.#set({ status: 'online' });
        if (reconnected && this.auth === 'signed-in') {
          void this.#refreshInbox();
          void this.#flush();
          void this.teamChat.load();
        }
      },
      onClose: () => this.#set({ status: this.#opened ? 'reconnecting' : 'connecting' }),
    });
    if (this.#read(TOKEN_KEY)) void this.#restore();
    else this.auth = 'signed-out';
  }

  // --- reading ---------------------------------------------------------------

  /** Waiting conversations, longest-waiting first (queue order). */
  get waiting(): ConversationSummary[] {
    return [...this.conversations.values()].filter((c) => c.status === 'waiting').sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id);
  }

  /** Active conversations, and those the visitor ended while this operator served them, most recently updated first. */
  get active(): ConversationSummary[] {
    return [...this.conversations.values()]
      .filter((c) => c.status === 'active' || this.endedByVisitor(c.id))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** The visitor ended this chat while this operator served it: it waits to be closed or continued. */
  endedByVisitor(conversationId: number): boolean {
    const c = this.conversations.get(conversationId);
    return !!c && c.status === 'ended' && c.endedBy === 'visitor' && c.operatorId === this.operator?.id;
  }

  detail(conversationId: number): ConversationDetail | undefined {
    return this.#details.get(conversationId);
  }

  /** Visitor messages that arrived while the conversation was not the focused tab. */
  unread(conversationId: number): number {
    return this.#unread.get(conversationId) ?? 0;
  }

  /** True while the visitor of that conversation is typing. */
  visitorTyping(conversationId: number): boolean {
    return this.#typing.has(conversationId);
  }

  actionError(conversationId: number): ActionError | undefined {
    return this.#errors.get(conversationId);
  }

  /** The signed-in operator as the team sees them, once the server has told. */
  get presence(): OperatorPresence | undefined {
    return this.team.find((o) => o.id === this.operator?.id);
  }

  busy(conversationId: number, action: ConversationAction): boolean {
    return this.#busy.has(`${action}:${conversationId}`);
  }

  pending(conversationId: number): PendingReply[] {
    return this.outbox.filter((p) => p.conversationId === conversationId);
  }

  /**
   * The address of a file the server serves (an automatic message's image, "/files/…"), or null
   * for anything that is not a path on the chat server.
   */
  fileUrl(path: string): string | null {
    return /^\/files\/[A-Za-z0-9_-]+$/.test(path) ? this.#origin + path : null;
  }

  /**
   * Where a link in a message may go: an http(s) address, or a page of the chat server's admin
   * that a command linked ("/admin#tickets/3"). Anything else is not shown.
   */
  linkUrl(url: string): string | null {
    if (/^https?:\/\//i.test(url)) return url;
    return /^\/admin#(tickets|leads)\/\d+$/.test(url) ? this.#origin + url : null;
  }

  /** True when this operator may write in the conversation: they serve it, or were invited into it. */
  canReply(conversationId: number): boolean {
    const c = this.conversations.get(conversationId);
    const me = this.operator?.id;
    return !!c && c.status === 'active' && (c.operatorId === me || c.guests.some((g) => g.id === me));
  }

  // --- signing in and out -------------------------------------------------------

  async login(email: string, password: string): Promise<boolean> {
    if (this.signingIn) return false;
    this.#set({ signingIn: true, loginError: null });
    try {
      const { token, operator } = await this.#conn.trpc.auth.login.mutate({ email, password });
      if (this.#closed) return false;
      this.#write(TOKEN_KEY, token);
      this.#signedIn(operator);
      return true;
    } catch (err) {
      const code = errorCode(err);
      this.#set({
        loginError: code === 'UNAUTHORIZED' ? 'credentials' : isConnectionError(err) ? 'offline' : 'other',
      });
      return false;
    } finally {
      this.#set({ signingIn: false });
    }
  }

  async logout(): Promise<void> {
    const token = this.#read(TOKEN_KEY);
    this.#stopTyping();
    this.#signedOut(null);
    this.#storage?.removeItem(OUTBOX_KEY);
    this.#storage?.removeItem(TABS_KEY);
    this.#storage?.removeItem(STATUS_KEY);
    // The server forgets the token; if we are offline it stays valid until it expires, but it is gone from this browser.
    if (token) await this.#conn.trpc.auth.logout.mutate().catch(() => undefined);
  }

  // --- tabs -----------------------------------------------------------------------

  /** Opens a conversation as a tab (or brings its tab to the front) and loads its transcript. */
  open(conversationId: number): void {
    if (!this.tabs.includes(conversationId)) this.tabs = [...this.tabs, conversationId];
    this.focus(conversationId);
    if (!this.#details.has(conversationId) || this.#details.get(conversationId)?.error) void this.#load(conversationId);
  }

  focus(conversationId: number | null): void {
    if (conversationId !== null && !this.tabs.includes(conversationId)) return;
    if (this.#typingConversation !== null && this.#typingConversation !== conversationId) this.#stopTyping();
    this.focused = conversationId;
    if (conversationId !== null) this.#unread.delete(conversationId);
    this.#saveTabs();
    this.#changed();
  }

  closeTab(conversationId: number): void {
    const i = this.tabs.indexOf(conversationId);
    if (i === -1) return;
    if (this.#typingConversation === conversationId) this.#stopTyping();
    this.tabs = this.tabs.filter((id) => id !== conversationId);
    this.#details.delete(conversationId);
    this.#errors.delete(conversationId);
    const summary = this.conversations.get(conversationId);
    if (summary?.status === 'ended') this.conversations.delete(conversationId);
    if (this.focused === conversationId) {
      this.focused = this.tabs[Math.min(i, this.tabs.length - 1)] ?? null;
      if (this.focused !== null) this.#unread.delete(this.focused);
    }
    this.#saveTabs();
    this.#changed();
  }

  // --- acting on a conversation ----------------------------------------------------

  async accept(conversationId: number): Promise<boolean> {
    return this.#act(conversationId, 'accept', () => this.#conn.trpc.operator.accept.mutate({ conversationId }));
  }

  async end(conversationId: number, tags: string[] = []): Promise<boolean> {
    return this.#act(conversationId, 'end', () => this.#conn.trpc.operator.end.mutate({ conversationId, tags }));
  }

  /** Continues an ended chat with this operator. */
  async reopen(conversationId: number): Promise<boolean> {
    return this.#act(conversationId, 'reopen', () => this.#conn.trpc.operator.reopen.mutate({ conversationId }));
  }

  /** Transfers the chat (and leaves it), or invites an operator into it. */
  async transfer(conversationId: number, to: TransferTarget, mode: 'transfer' | 'invite'): Promise<boolean> {
    return this.#act(conversationId, 'transfer', () => this.#conn.trpc.operator.transfer.mutate({ conversationId, to, mode }));
  }

  /** Uploads a file and sends it in the chat; a refused file is reported as the 'upload' action's error. */
  async attach(conversationId: number, file: File): Promise<boolean> {
    return this.#act(conversationId, 'upload', async () => {
      // Checked here first, so a file the server would refuse is never sent.
      const problem = attachmentProblem(file);
      if (problem === 'size') throw new UploadError(413, PURPOSES.attachment.tooLarge);
      if (problem) throw new UploadError(415, PURPOSES.attachment.wrongType);
      const uploaded = await uploadFile(`${this.#origin}/files?purpose=attachment`, `Bearer ${this.#read(TOKEN_KEY) ?? ''}`, file);
      this.send(conversationId, '', uploaded);
      return null;
    });
  }

  /** Asks the visitor to rate the chat; the request shows in both transcripts. */
  async requestRating(conversationId: number): Promise<boolean> {
    return this.#act(conversationId, 'rating', async () => {
      await this.#conn.trpc.operator.requestRating.mutate({ conversationId });
      return null;
    });
  }

  async leave(conversationId: number): Promise<boolean> {
    return this.#act(conversationId, 'leave', async () => {
      await this.#conn.trpc.operator.leave.mutate({ conversationId });
      return null;
    });
  }

  /** A visitor's contact details and past chats. */
  async visitorDetail(visitorId: number): Promise<VisitorDetail> {
    return this.#conn.trpc.operator.visitor.get.query({ visitorId });
  }

  /** Saves edited contact details; throws with the server's reason when refused. */
  async updateContact(contact: { visitorId: number; name?: string; email?: string; phone?: string; notes?: string }): Promise<VisitorContact> {
    const saved = await this.#conn.trpc.operator.visitor.update.mutate(contact);
    this.#forVisitor(saved.id, (c) => ({ ...c, visitor: { ...c.visitor, name: saved.name, email: saved.email, displayName: saved.displayName } }));
    this.#changed();
    return saved;
  }

  /** A past conversation's transcript, read without opening it as a tab. */
  async transcript(conversationId: number): Promise<ChatMessage[]> {
    return (await this.#conn.trpc.operator.conversation.query({ conversationId })).messages;
  }

  /**
   * Starts a chat with a visitor on the site; it opens as a tab. Returns the server's reason when
   * it is refused (the visitor is already chatting, or blocked).
   */
  async startChat(visitorId: number, text: string): Promise<string | null> {
    try {
      const summary = await this.#conn.trpc.operator.startChat.mutate({ visitorId, clientId: newClientId(), text });
      this.#remember(summary);
      this.open(summary.id);
      return null;
    } catch (err) {
      return isConnectionError(err) ? 'offline' : errorMessage(err) || 'error';
    }
  }

  /** Reads the canned responses and departments again (they change in the admin). */
  async refreshLists(): Promise<void> {
    const epoch = this.#epoch;
    try {
      const [canned, departments] = await Promise.all([this.#conn.trpc.operator.canned.query(), this.#conn.trpc.operator.departments.query()]);
      if (epoch !== this.#epoch) return;
      this.canned = canned;
      this.departments = departments;
      this.#changed();
    } catch {
      // The picker and the transfer menu keep what they had.
    }
  }

  /**
   * Blocks or unblocks the visitor of a conversation. Blocking ends their open chat (the server
   * sends the "ended" line) and stops them starting new ones.
   */
  async setBlocked(conversationId: number, blocked: boolean): Promise<boolean> {
    const visitorId = this.conversations.get(conversationId)?.visitor.id;
    if (visitorId === undefined) return false;
    return this.#act(conversationId, blocked ? 'block' : 'unblock', async () => {
      const result = blocked
        ? await this.#conn.trpc.operator.block.mutate({ visitorId })
        : await this.#conn.trpc.operator.unblock.mutate({ visitorId });
      this.#forVisitor(visitorId, (c) => ({ ...c, visitor: { ...c.visitor, blocked: result.blocked } }));
      return null;
    });
  }

  /** Sets this operator's status (online, break, meal, offline); the team event brings the effective one back. */
  async setStatus(status: OperatorStatus): Promise<boolean> {
    if (this.auth !== 'signed-in' || !this.operator) return false;
    const epoch = this.#epoch;
    const operatorId = this.operator.id;
    this.#set({ statusBusy: true, statusError: null });
    try {
      await this.#conn.trpc.operator.setStatus.mutate({ status });
      if (epoch !== this.#epoch) return false;
      this.chosenStatus = status;
      this.#write(STATUS_KEY, JSON.stringify({ operatorId, status }));
      return true;
    } catch (err) {
      if (epoch !== this.#epoch) return false;
      this.statusError = isConnectionError(err) ? 'OFFLINE' : errorMessage(err) || 'ERROR';
      return false;
    } finally {
      if (epoch === this.#epoch) this.#set({ statusBusy: false });
    }
  }

  /** Queues a reply (or, with `note`, an internal note only operators see) and sends it now or once back online. */
  send(conversationId: number, text: string, file?: UploadedFile, note = false): void {
    const trimmed = text.trim();
    if ((!trimmed && !file) || !this.operator) return;
    this.outbox = [
      ...this.outbox,
      { clientId: newClientId(), conversationId, operatorId: this.operator.id, text: trimmed, createdAt: Date.now(), file, ...(note ? { note } : {}) },
    ];
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

  /** Call on every keystroke in a composer; tells the visitor at most every few seconds. */
  noteTyping(conversationId: number): void {
    if (!this.canReply(conversationId)) return;
    if (this.#typingConversation !== null && this.#typingConversation !== conversationId) this.#stopTyping();
    const now = Date.now();
    if (now - this.#typingSentAt > TYPING_SEND_EVERY_MS) {
      this.#typingSentAt = now;
      this.#typingConversation = conversationId;
      this.#call(() => this.#conn.trpc.operator.typing.mutate({ conversationId, typing: true }));
    }
    clearTimeout(this.#typingIdleTimer);
    this.#typingIdleTimer = setTimeout(() => this.#stopTyping(), TYPING_IDLE_MS);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#typingIdleTimer);
    for (const timer of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
    this.#subscription?.unsubscribe();
    this.#conn.close();
  }

  // --- internals -------------------------------------------------------------

  /** Verifies a stored token; a stale one leads to the sign-in form. */
  async #restore(): Promise<void> {
    const epoch = this.#epoch;
    try {
      const operator = await this.#conn.trpc.auth.me.query();
      if (this.#closed || epoch !== this.#epoch) return;
      this.#signedIn(operator);
    } catch (err) {
      if (this.#closed || epoch !== this.#epoch) return;
      if (isConnectionError(err)) {
        // The socket retries by itself; ask again once it is back.
        this.#retryTimer = setTimeout(() => void this.#restore(), RETRY_MS);
        return;
      }
      this.#signedOut(errorCode(err) === 'UNAUTHORIZED' ? 'expired' : 'other');
    }
  }

  #signedIn(operator: OperatorInfo): void {
    this.#epoch++;
    this.operator = operator;
    this.auth = 'signed-in';
    this.loginError = null;
    this.outbox = (this.#readJson<PendingReply[]>(OUTBOX_KEY) ?? []).filter((p) => p.operatorId === operator.id);
    const saved = this.#readJson<{ operatorId: number; tabs: number[]; focused: number | null }>(TABS_KEY);
    if (saved?.operatorId === operator.id) {
      this.tabs = saved.tabs.filter((id) => Number.isInteger(id)).slice(0, 20);
      this.focused = saved.focused !== null && this.tabs.includes(saved.focused) ? saved.focused : (this.tabs[0] ?? null);
    }
    const status = this.#readJson<{ operatorId: number; status: OperatorStatus }>(STATUS_KEY);
    this.chosenStatus = status?.operatorId === operator.id ? status.status : null;
    this.#changed();
    void this.#startWorkspace(this.#epoch);
  }

  /** Forgets everything about the operator; `reason` explains it on the sign-in form. */
  #signedOut(reason: LoginError | null): void {
    this.#epoch++;
    this.#storage?.removeItem(TOKEN_KEY);
    this.#subscription?.unsubscribe();
    this.#subscription = null;
    this.#cursor = null;
    clearTimeout(this.#retryTimer);
    for (const timer of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
    this.conversations = new Map();
    this.#details.clear();
    this.#unread.clear();
    this.#errors.clear();
    this.#seen.clear();
    this.#busy.clear();
    this.tabs = [];
    this.focused = null;
    this.outbox = [];
    this.operator = null;
    this.synced = false;
    this.team = [];
    this.visitors = new Map();
    this.teamChat.reset();
    this.chosenStatus = null;
    this.statusBusy = false;
    this.statusError = null;
    this.auth = 'signed-out';
    this.loginError = reason;
    this.#changed();
  }

  /** Loads the inbox, then follows the event stream from the inbox's cursor, so nothing falls between. */
  async #startWorkspace(epoch: number): Promise<void> {
    let inbox;
    try {
      inbox = await this.#conn.trpc.operator.inbox.query();
    } catch (err) {
      if (this.#closed || epoch !== this.#epoch) return;
      if (errorCode(err) === 'UNAUTHORIZED') return this.#signedOut('expired');
      this.#retryTimer = setTimeout(() => void this.#startWorkspace(epoch), RETRY_MS);
      return;
    }
    if (this.#closed || epoch !== this.#epoch) return;
    for (const c of inbox.conversations) this.#remember(c);
    this.#cursor = inbox.cursor;
    this.ratingEnabled = inbox.ratingEnabled;
    this.#subscribe(epoch);
    void this.refreshLists();
    void this.#loadVisitors(epoch);
    void this.teamChat.load();
    for (const id of this.tabs) void this.#load(id);
    void this.#flush();
    this.#changed();
  }

  async #loadVisitors(epoch: number): Promise<void> {
    try {
      const rows = await this.#conn.trpc.operator.visitors.query();
      if (epoch !== this.#epoch) return;
      // Rows the stream brought during the call are newer than the list.
      const live = this.visitors;
      this.visitors = new Map(rows.map((v) => [v.id, live.get(v.id) ?? v]));
      this.#changed();
    } catch {
      // The stream's events still fill the list.
    }
  }

  #subscribe(epoch: number): void {
    this.#subscription?.unsubscribe();
    this.synced = false;
    this.#subscription = this.#conn.trpc.operator.events.subscribe(
      { lastEventId: this.#cursor },
      {
        onData: ({ id, data }) => {
          if (epoch !== this.#epoch) return;
          this.#cursor = id;
          this.#receive(data as OperatorStreamEvent);
        },
        onError: (err) => {
          if (this.#closed || epoch !== this.#epoch) return;
          // The session was revoked or has expired (e.g. signed out elsewhere).
          if (errorCode(err) === 'UNAUTHORIZED') return this.#signedOut('expired');
          this.#retryTimer = setTimeout(() => this.#subscribe(epoch), RETRY_MS);
        },
      },
    );
  }

  #receive(event: OperatorStreamEvent): void {
    this.teamChat.receive(event);
    switch (event.type) {
      case 'synced':
        this.synced = true;
        break;
      case 'typing':
        this.#setTyping(event.conversationId, event.typing);
        break;
      case 'presence':
        this.#forVisitor(event.visitorId, (c) => ({ ...c, visitor: { ...c.visitor, online: event.online } }));
        if (!event.online) this.visitors.delete(event.visitorId);
        break;
      case 'visitor':
        this.visitors.set(event.visitor.id, event.visitor);
        break;
      case 'pageview':
        this.#pageView(event.visitorId, event.pageView);
        break;
      case 'message':
        this.#message(event.message, event.conversation);
        break;
      case 'conversation':
        // Details changed without a message: the summary replaces the one known, if any.
        if (this.conversations.has(event.conversation.id) || event.conversation.status !== 'ended') {
          this.conversations.set(event.conversation.id, event.conversation);
        }
        break;
      case 'team':
        this.team = event.operators;
        break;
      case 'settings':
        this.ratingEnabled = event.ratingEnabled;
        break;
      case 'lists':
        void this.refreshLists();
        break;
    }
    this.#changed();
  }

  #message(message: ChatMessage, conversation: ConversationSummary): void {
    const id = conversation.id;
    const isNew = message.id > (this.#seen.get(id) ?? 0);
    this.#remember(conversation);
    const detail = this.#details.get(id);
    if (detail) detail.messages = insert(detail.messages, message);
    this.#confirm(message);
    if (message.author === 'visitor') this.#setTyping(id, false);
    if (isNew && message.author === 'visitor' && message.kind === 'text' && this.focused !== id) {
      this.#unread.set(id, this.unread(id) + 1);
    }
    // Once a conversation has ended and is not open in a tab, it leaves the panel; one the visitor
    // ended while this operator served it stays until they close it or continue it.
    const keep = conversation.endedBy === 'visitor' && conversation.operatorId === this.operator?.id;
    if (conversation.status === 'ended' && !this.tabs.includes(id) && !keep) {
      this.conversations.delete(id);
      this.#unread.delete(id);
    }
  }

  #pageView(visitorId: number, pageView: PageView): void {
    this.#forVisitor(visitorId, (c) => ({ ...c, currentPage: pageView }));
    for (const [id, detail] of this.#details) {
      if (this.conversations.get(id)?.visitor.id !== visitorId) continue;
      if (detail.pageViews.some((p) => p.id === pageView.id)) continue;
      // A new visit starts a new list: the panel shows the current visit only.
      const sameVisit = detail.pageViews.filter((p) => p.visitId === pageView.visitId);
      detail.pageViews = [pageView, ...sameVisit].sort((a, b) => b.at - a.at || b.id - a.id);
    }
  }

  #forVisitor(visitorId: number, update: (c: ConversationSummary) => ConversationSummary): void {
    for (const [id, c] of this.conversations) if (c.visitor.id === visitorId) this.conversations.set(id, update(c));
  }

  /** Keeps the newer of two summaries of the same conversation. */
  #remember(summary: ConversationSummary): void {
    const known = this.conversations.get(summary.id);
    const lastId = summary.lastMessage?.id ?? 0;
    if (!known || lastId >= (known.lastMessage?.id ?? 0)) this.conversations.set(summary.id, summary);
    if (lastId > (this.#seen.get(summary.id) ?? 0)) this.#seen.set(summary.id, lastId);
  }

  /** After a reconnect: presence and page changes are not replayed, so re-read the inbox's summaries. */
  async #refreshInbox(): Promise<void> {
    const epoch = this.#epoch;
    try {
      const inbox = await this.#conn.trpc.operator.inbox.query();
      if (this.#closed || epoch !== this.#epoch) return;
      this.ratingEnabled = inbox.ratingEnabled;
      for (const c of inbox.conversations) {
        const known = this.conversations.get(c.id);
        // Do not let a missed message count as read: mark it seen only through the stream.
        if (!known) {
          this.conversations.set(c.id, c);
          if (c.lastMessage && !this.#seen.has(c.id)) this.#seen.set(c.id, 0);
        } else if ((c.lastMessage?.id ?? 0) >= (known.lastMessage?.id ?? 0)) {
          this.conversations.set(c.id, c);
        } else {
          this.conversations.set(c.id, { ...known, visitor: c.visitor, currentPage: c.currentPage });
        }
      }
      this.#changed();
    } catch {
      // The stream still brings every message; the next reconnect refreshes again.
    }
  }

  async #load(conversationId: number): Promise<void> {
    const epoch = this.#epoch;
    const before = this.#details.get(conversationId);
    this.#details.set(conversationId, { loading: true, messages: before?.messages ?? [], pageViews: before?.pageViews ?? [] });
    this.#changed();
    try {
      const result = await this.#conn.trpc.operator.conversation.query({ conversationId });
      if (this.#closed || epoch !== this.#epoch || !this.tabs.includes(conversationId)) return;
      this.#remember(result.conversation);
      const current = this.#details.get(conversationId);
      // Events that arrived during the load are merged in, not lost.
      let messages = result.messages;
      for (const m of current?.messages ?? []) messages = insert(messages, m);
      this.#details.set(conversationId, { loading: false, messages, pageViews: result.pageViews });
      this.#errors.delete(conversationId);
    } catch (err) {
      if (this.#closed || epoch !== this.#epoch) return;
      if (isConnectionError(err)) {
        this.#retryTimer = setTimeout(() => {
          if (this.tabs.includes(conversationId)) void this.#load(conversationId);
        }, RETRY_MS);
        return;
      }
      const current = this.#details.get(conversationId);
      this.#details.set(conversationId, { ...(current ?? { messages: [], pageViews: [] }), loading: false, error: errorMessage(err) });
      this.#errors.set(conversationId, { action: 'load', code: errorCode(err) ?? 'ERROR', message: errorMessage(err) });
    }
    this.#changed();
  }

  async #act(conversationId: number, action: ConversationAction, call: () => Promise<ConversationSummary | null>): Promise<boolean> {
    const key = `${action}:${conversationId}`;
    if (this.#busy.has(key)) return false;
    const epoch = this.#epoch;
    this.#busy.add(key);
    this.#errors.delete(conversationId);
    this.#changed();
    try {
      const summary = await call();
      if (epoch !== this.#epoch) return false;
      if (summary) this.#remember(summary);
      return true;
    } catch (err) {
      if (epoch !== this.#epoch) return false;
      this.#errors.set(conversationId, {
        action,
        // A file the server refused (an HTTP status, no tRPC data) is not a lost connection.
        code: err instanceof UploadError && err.status > 0 ? `HTTP_${err.status}` : isConnectionError(err) ? 'OFFLINE' : (errorCode(err) ?? 'ERROR'),
        message: errorMessage(err),
      });
      return false;
    } finally {
      this.#busy.delete(key);
      this.#changed();
    }
  }

  /** Sends queued replies one at a time, in order. Each carries its clientId, so a retry never duplicates. */
  async #flush(): Promise<void> {
    if (this.#flushing || this.auth !== 'signed-in' || this.status !== 'online') return;
    this.#flushing = true;
    const epoch = this.#epoch;
    try {
      for (const pending of this.outbox) {
        if (pending.error || this.#closed || epoch !== this.#epoch) continue;
        try {
          const message = await this.#conn.trpc.operator.send.mutate({
            conversationId: pending.conversationId,
            clientId: pending.clientId,
            text: pending.text,
            file: pending.file?.key,
            note: pending.note,
          });
          if (epoch !== this.#epoch) return;
          const detail = this.#details.get(message.conversationId);
          if (detail) detail.messages = insert(detail.messages, message);
          this.#confirm(message);
          this.#changed();
        } catch (err) {
          if (isConnectionError(err)) return; // back online → onOpen flushes again
          this.outbox = this.outbox.map((p) =>
            p.clientId === pending.clientId ? { ...p, error: errorMessage(err) || 'Not sent' } : p,
          );
          this.#saveOutbox();
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** A confirmed message replaces the pending reply with the same clientId. */
  #confirm(message: ChatMessage): void {
    if (message.author !== 'operator' || !message.clientId) return;
    if (!this.outbox.some((p) => p.clientId === message.clientId)) return;
    this.outbox = this.outbox.filter((p) => p.clientId !== message.clientId);
    this.#saveOutbox();
  }

  #setTyping(conversationId: number, typing: boolean): void {
    clearTimeout(this.#typing.get(conversationId));
    this.#typing.delete(conversationId);
    if (!typing) return;
    this.#typing.set(
      conversationId,
      setTimeout(() => {
        this.#typing.delete(conversationId);
        this.#changed();
      }, TYPING_SHOWN_MS),
    );
  }

  #stopTyping(): void {
    clearTimeout(this.#typingIdleTimer);
    const conversationId = this.#typingConversation;
    this.#typingConversation = null;
    if (this.#typingSentAt === 0 || conversationId === null) return;
    this.#typingSentAt = 0;
    this.#call(() => this.#conn.trpc.operator.typing.mutate({ conversationId, typing: false }));
  }

  /** Fire-and-forget calls whose loss is harmless (typing). */
  #call(fn: () => Promise<unknown>): void {
    if (this.auth === 'signed-in') fn().catch(() => undefined);
  }

  #set(patch: Partial<Pick<OperatorSession, 'status' | 'loginError' | 'signingIn' | 'statusBusy' | 'statusError'>>): void {
    Object.assign(this, patch);
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  #saveOutbox(): void {
    this.#write(OUTBOX_KEY, JSON.stringify(this.outbox));
    this.#changed();
  }

  #saveTabs(): void {
    if (!this.operator) return;
    this.#write(TABS_KEY, JSON.stringify({ operatorId: this.operator.id, tabs: this.tabs, focused: this.focused }));
  }

  #read(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #readJson<T>(key: string): T | null {
    try {
      const raw = this.#read(key);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  #write(key: string, value: string): void {
    try {
      this.#storage?.setItem(key, value);
    } catch {
      // Storage full or blocked: the session still works in memory.
    }
  }
}

/** Inserts a message in id order; returns the same array when it was already there. */
function insert(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (messages.some((m) => m.id === message.id)) return messages;
  const i = messages.findIndex((m) => m.id > message.id);
  return i === -1 ? [...messages, message] : [...messages.slice(0, i), message, ...messages.slice(i)];
}

function errorCode(err: unknown): string | undefined {
  return (err as { data?: { code?: string } } | null)?.data?.code;
}

function errorMessage(err: unknown): string {
  return (err as Error | null)?.message ?? '';
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The http(s) origin of a chat server given by its ws(s) URL: where its /files live. */
export function serverOrigin(server: string): string {
  const url = new URL(socketUrl(server));
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.origin;
}
