/**
 * The marketer admin's session: one socket, the sign-in state (shared with the operator panel
 * through the same stored token), the list of proactive messages and the account settings, and
 * typed wrappers around `trpc.admin.*` that keep the list current after each change.
 * <proactive-admin> reads it through a controller and re-renders on its "change" event.
 */
import type { AvailabilitySettings } from '../../../server/src/protocol/availability-shared.js';
import type { OperatorInfo, OperatorPresence } from '../../../server/src/protocol/index.js';
import type { z } from 'zod';
import type {
  CannedInput,
  CannedResponse,
  Department,
  DepartmentInput,
  HelpdeskTeam,
  HelpdeskTeamInput,
  Lead,
  Ticket,
  Webhook,
  WebhookInput,
} from '../../../server/src/protocol/workspace.js';
import type {
  AccountSettings,
  ProactiveFieldsInput,
  ProactiveList,
  ProactiveMessage,
  SimulateInputValue,
  SimulationResult,
} from '../../../server/src/protocol/proactive.js';
import { connect, isConnectionError, socketUrl, type ChatClient, type Connection } from './trpc.js';
import type { ConnectionStatus } from './visitor-session.js';

export type { ConnectionStatus };

/**
 * "checking" while a stored token is verified; "forbidden" when the operator is signed in but
 * lacks the admin role (the page then says so instead of showing a broken list).
 */
export type AdminAuth = 'checking' | 'signed-out' | 'signed-in' | 'forbidden';

export type AdminLoginError = 'credentials' | 'offline' | 'expired' | 'other';

/** The row actions that change a message (edit is the editor's business). */
export type RowAction = 'publish' | 'pause' | 'resume' | 'clone' | 'delete';

export interface AdminSessionOptions {
  /** ws:// URL of the chat server (with or without /trpc). The admin connects without a site key. */
  server: string;
  /** Where the operator token lives; null keeps it in memory only. */
  storage?: Storage | null;
}

/** One problem the server found in an input, with the path of the field it is about. */
export interface FieldIssue {
  /** e.g. "name", "rules.conditions.1.value", "businessHours.days.mon.0.end". */
  path: string;
  message: string;
}

/** A refused call, in words a marketer reads, with per-field issues when the input was invalid. */
export class AdminError extends Error {
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(message: string, code: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
    this.issues = issues;
  }

  static from(err: unknown): AdminError {
    if (err instanceof AdminError) return err;
    if (isConnectionError(err)) return new AdminError('No connection to the server. Try again when it is back.', 'OFFLINE');
    const data = (err as { data?: { code?: string; issues?: Array<{ path: string[]; message: string }> } }).data;
    const issues = (data?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AdminError((err as Error).message || 'Something went wrong', data?.code ?? 'ERROR', issues);
  }
}

/** One kind of the workspace's records, kept by the server and edited from the admin. */
export interface AdminRecords<T, F> {
  list(): Promise<T[]>;
  /** Creates a record when `id` is null; otherwise replaces that record's fields. */
  save(id: number | null, fields: F): Promise<T>;
  remove(id: number): Promise<void>;
}

export type CannedFields = z.input<typeof CannedInput>;
export type DepartmentFields = z.input<typeof DepartmentInput>;
export type HelpdeskTeamFields = z.input<typeof HelpdeskTeamInput>;
export type WebhookFields = z.input<typeof WebhookInput>;

/** The shape of admin.canned, admin.departments and admin.teams on the client. */
interface RecordsRouter<T, F> {
  list: { query(): Promise<T[]> };
  create: { mutate(fields: F): Promise<T> };
  update: { mutate(input: { id: number; fields: F }): Promise<T> };
  remove: { mutate(input: { id: number }): Promise<unknown> };
}

/** What POST /files answers for a stored upload. */
export interface UploadedFile {
  /** The path of the file on the chat server, e.g. "/files/abc123…"; what settings store. */
  url: string;
  type: string;
  size: number;
  name: string;
}

/** The same key as the operator panel: signing in at /operator signs in at /admin too. */
const TOKEN_KEY = 'chat:operator:token';
const RETRY_MS = 1_000;

export class AdminSession extends EventTarget {
  status: ConnectionStatus = 'connecting';
  auth: AdminAuth = 'checking';
  operator: OperatorInfo | null = null;
  loginError: AdminLoginError | null = null;
  signingIn = false;
  /** The account's messages in the marketer's order; null until first loaded. */
  list: ProactiveList | null = null;
  /** Why the list could not be loaded. */
  listError: string | null = null;
  settings: AccountSettings | null = null;

  readonly #storage: Storage | null;
  readonly #conn: Connection;
  /** http(s) origin of the chat server, for file uploads and the addresses of uploaded files. */
  readonly #origin: string;
  /** The token when there is no storage to keep it in. */
  #memoryToken: string | null = null;
  #opened = false;
  #closed = false;
  #retryTimer?: ReturnType<typeof setTimeout>;
  /** Bumped on sign-in and sign-out, so answers to calls made for an earlier sign-in are dropped. */
  #epoch = 0;

  constructor(opts: AdminSessionOptions) {
    super();
    this.#storage = opts.storage === undefined ? safeLocalStorage() : opts.storage;
    this.#origin = httpOrigin(opts.server);
    this.#conn = connect({
      url: socketUrl(opts.server),
      params: (): Record<string, string> => {
        const token = this.#read();
        return token ? { operatorToken: token } : {};
      },
      onOpen: () => {
        const reconnected = this.#opened;
        this.#opened = true;
        this.#set({ status: 'online' });
        // Another admin may have changed things while we were away.
        if (reconnected && this.auth === 'signed-in') void this.refresh();
      },
      onClose: () => this.#set({ status: this.#opened ? 'reconnecting' : 'connecting' }),
    });
    if (this.#read()) void this.#restore();
    else this.auth = 'signed-out';
  }

  /** Direct access to the admin procedures, for anything the wrappers below do not cover. */
  get admin(): ChatClient['admin'] {
    return this.#conn.trpc.admin;
  }

  /** True when the account holds as many messages as it may. */
  get atLimit(): boolean {
    return !!this.list && this.list.count >= this.list.limit;
  }

  // --- signing in and out -------------------------------------------------------

  async login(email: string, password: string): Promise<boolean> {
    if (this.signingIn) return false;
    this.#set({ signingIn: true, loginError: null });
    try {
      const { token, operator } = await this.#conn.trpc.auth.login.mutate({ email, password });
      if (this.#closed) return false;
      this.#saveToken(token);
      this.#signedIn(operator);
      return true;
    } catch (err) {
      const code = (err as { data?: { code?: string } }).data?.code;
      this.#set({ loginError: code === 'UNAUTHORIZED' ? 'credentials' : isConnectionError(err) ? 'offline' : 'other' });
      return false;
    } finally {
      this.#set({ signingIn: false });
    }
  }

  async logout(): Promise<void> {
    const token = this.#read();
    this.#signedOut(null);
    if (token) await this.#conn.trpc.auth.logout.mutate().catch(() => undefined);
  }

  // --- messages -------------------------------------------------------------------

  /** Loads the list again; errors are kept in `listError`, not thrown. */
  async refresh(): Promise<void> {
    const epoch = this.#epoch;
    try {
      const list = await this.#conn.trpc.admin.proactive.list.query();
      if (epoch !== this.#epoch) return;
      this.#set({ list, listError: null });
    } catch (err) {
      if (epoch !== this.#epoch || this.#closed) return;
      if (isConnectionError(err)) {
        this.#retryTimer = setTimeout(() => void this.refresh(), RETRY_MS);
        return;
      }
      this.#refused(err);
      this.#set({ listError: AdminError.from(err).message });
    }
  }

  create(fields: ProactiveFieldsInput): Promise<ProactiveMessage> {
    return this.#mutate(() => this.#conn.trpc.admin.proactive.create.mutate(fields));
  }

  update(id: number, fields: ProactiveFieldsInput): Promise<ProactiveMessage> {
    return this.#mutate(() => this.#conn.trpc.admin.proactive.update.mutate({ id, fields }));
  }

  /** The message as stored now (the editor opens it fresh, not from a possibly stale list). */
  get(id: number): Promise<ProactiveMessage> {
    return this.#call(() => this.#conn.trpc.admin.proactive.get.query({ id }));
  }

  /** Publish, pause, resume, clone or delete; the list is reloaded afterwards. */
  act(id: number, action: RowAction): Promise<unknown> {
    const p = this.#conn.trpc.admin.proactive;
    const calls: Record<RowAction, () => Promise<unknown>> = {
      publish: () => p.publish.mutate({ id }),
      pause: () => p.pause.mutate({ id }),
      resume: () => p.resume.mutate({ id }),
      clone: () => p.clone.mutate({ id }),
      delete: () => p.remove.mutate({ id }),
    };
    return this.#mutate(calls[action]);
  }

  /**
   * Moves a message one place up (-1) or down (+1) in the priority order. The list is updated
   * at once and sent as the full id list; a refusal reloads the server's order.
   */
  async move(id: number, by: -1 | 1): Promise<void> {
    const list = this.list;
    if (!list) return;
    const ids = list.messages.map((m) => m.id);
    const i = ids.indexOf(id);
    const j = i + by;
    if (i === -1 || j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    return this.reorder(ids);
  }

  async reorder(ids: number[]): Promise<void> {
    const list = this.list;
    if (list) {
      const byId = new Map(list.messages.map((m) => [m.id, m]));
      const messages = ids.flatMap((id, i) => {
        const m = byId.get(id);
        return m ? [{ ...m, position: i + 1 }] : [];
      });
      this.#set({ list: { ...list, messages } });
    }
    const epoch = this.#epoch;
    try {
      const fresh = await this.#call(() => this.#conn.trpc.admin.proactive.reorder.mutate({ ids }));
      if (epoch === this.#epoch) this.#set({ list: fresh });
    } catch (err) {
      await this.refresh();
      throw err;
    }
  }

  simulate(input: Partial<SimulateInputValue> & { siteId: number; url: string }, signal?: AbortSignal): Promise<SimulationResult> {
    return this.#call(() => this.#conn.trpc.admin.proactive.simulate.query(input, { signal }));
  }

  // --- settings -------------------------------------------------------------------

  async loadSettings(): Promise<AccountSettings> {
    const settings = await this.#call(() => this.#conn.trpc.admin.settings.get.query());
    this.#set({ settings });
    return settings;
  }

  async saveSettings(settings: AccountSettings): Promise<AccountSettings> {
    const saved = await this.#call(() => this.#conn.trpc.admin.settings.update.mutate(settings));
    this.#set({ settings: saved });
    // Schedules of listed messages may now read differently; nothing else in the list changes.
    return saved;
  }

  // --- availability ---------------------------------------------------------------

  /** Holidays, meal times, chat stopped, distribution, the cap, categories and automatic messages. */
  loadAvailability(): Promise<AvailabilitySettings> {
    return this.#call(() => this.#conn.trpc.admin.availability.get.query());
  }

  /** Saves the whole settings; resolves with what the server stored, or rejects with its issues. */
  saveAvailability(settings: AvailabilitySettings): Promise<AvailabilitySettings> {
    return this.#call(() => this.#conn.trpc.admin.availability.update.mutate(settings));
  }

  // --- workspace: canned responses, departments, helpdesk teams, tickets, leads, webhooks ---

  /** ":shortcut" → text, offered in the operators' composer. */
  readonly canned: AdminRecords<CannedResponse, CannedFields> = this.#records(() => this.#conn.trpc.admin.canned);
  /** Departments and their member operators, for routing and transfers. */
  readonly departments: AdminRecords<Department, DepartmentFields> = this.#records(() => this.#conn.trpc.admin.departments);
  /** Helpdesk teams: a new ticket goes to the one with the highest priority. */
  readonly helpdeskTeams: AdminRecords<HelpdeskTeam, HelpdeskTeamFields> = this.#records(() => this.#conn.trpc.admin.teams);

  /** The account's operators (name, email, role), e.g. to pick department members. */
  operators(): Promise<OperatorInfo[]> {
    return this.#call(() => this.#conn.trpc.admin.operators.list.query());
  }

  /** Tickets made from chats, newest first. */
  tickets(): Promise<Ticket[]> {
    return this.#call(() => this.#conn.trpc.admin.tickets.query());
  }

  /** Leads made from chats, newest first. */
  leads(): Promise<Lead[]> {
    return this.#call(() => this.#conn.trpc.admin.leads.query());
  }

  /** The webhooks, each secret shown by its last characters only. */
  webhooks(): Promise<Webhook[]> {
    return this.#call(() => this.#conn.trpc.admin.webhooks.list.query());
  }

  /** Adds a webhook; the answer is the only one that carries its whole secret. */
  createWebhook(fields: WebhookFields): Promise<Webhook> {
    return this.#call(() => this.#conn.trpc.admin.webhooks.create.mutate(fields));
  }

  removeWebhook(id: number): Promise<void> {
    return this.#call(() => this.#conn.trpc.admin.webhooks.remove.mutate({ id }));
  }

  /** The account's operators with status, connection, open chats and capacity. */
  team(): Promise<OperatorPresence[]> {
    return this.#call(() => this.#conn.trpc.admin.operators.team.query());
  }

  setCapacity(id: number, capacity: number): Promise<void> {
    return this.#call(() => this.#conn.trpc.admin.operators.setCapacity.mutate({ id, capacity }));
  }

  /**
   * Uploads a file to the chat server (POST /files, raw bytes, the operator token as a bearer
   * token). The server checks size and type; its `{error}` comes back as an AdminError.
   */
  async upload(file: File, purpose: 'automatic', signal?: AbortSignal): Promise<UploadedFile> {
    const token = this.#read();
    if (!token) {
      this.#signedOut('expired');
      throw new AdminError('Your session has ended. Sign in again.', 'UNAUTHORIZED');
    }
    let res: Response;
    try {
      res = await fetch(`${this.#origin}/files?purpose=${encodeURIComponent(purpose)}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': file.type || 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name),
        },
        body: file,
        signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new AdminError('Cannot reach the server to upload the file. Try again when it is back.', 'OFFLINE');
    }
    const body = (await res.json().catch(() => null)) as Partial<UploadedFile> & { error?: string } | null;
    if (res.ok && body && typeof body.url === 'string') return body as UploadedFile;
    if (res.status === 401) this.#signedOut('expired');
    const fallback =
      res.status === 413 ? 'The file is too large.' : res.status === 415 ? 'This type of file is not accepted.' : `The upload failed (${res.status}).`;
    throw new AdminError(body?.error || fallback, `HTTP_${res.status}`);
  }

  /** The full address of a file the server stored (uploads answer with a path). */
  fileUrl(path: string): string {
    return /^https?:/i.test(path) ? path : `${this.#origin}${path}`;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#conn.close();
  }

  // --- internals -------------------------------------------------------------

  /** Runs a call, turning a refusal into an AdminError (and a FORBIDDEN into the "needs admin" state). */
  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.#refused(err);
      throw AdminError.from(err);
    }
  }

  /** List, save and remove over one admin router; the router is looked up at call time. */
  #records<T, F>(router: () => RecordsRouter<T, F>): AdminRecords<T, F> {
    return {
      list: () => this.#call(() => router().list.query()),
      save: (id, fields) => this.#call(() => (id === null ? router().create.mutate(fields) : router().update.mutate({ id, fields }))),
      remove: async (id) => {
        await this.#call(() => router().remove.mutate({ id }));
      },
    };
  }

  /** A change to the messages: the list is reloaded after it, whether it worked or not. */
  async #mutate<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#call(fn);
    } finally {
      if (this.auth === 'signed-in') await this.refresh();
    }
  }

  #refused(err: unknown): void {
    const code = (err as { data?: { code?: string } }).data?.code;
    if (code === 'FORBIDDEN' && (err as Error).message === 'This needs the admin role') this.#set({ auth: 'forbidden' });
    else if (code === 'UNAUTHORIZED') this.#signedOut('expired');
  }

  async #restore(): Promise<void> {
    const epoch = this.#epoch;
    try {
      const operator = await this.#conn.trpc.auth.me.query();
      if (this.#closed || epoch !== this.#epoch) return;
      this.#signedIn(operator);
    } catch (err) {
      if (this.#closed || epoch !== this.#epoch) return;
      if (isConnectionError(err)) {
        this.#retryTimer = setTimeout(() => void this.#restore(), RETRY_MS);
        return;
      }
      const code = (err as { data?: { code?: string } }).data?.code;
      this.#signedOut(code === 'UNAUTHORIZED' ? 'expired' : 'other');
    }
  }

  #signedIn(operator: OperatorInfo): void {
    this.#epoch++;
    this.operator = operator;
    this.loginError = null;
    this.list = null;
    this.listError = null;
    this.settings = null;
    // The role is checked here so a non-admin never sees a half-loaded page; the server checks it again on every call.
    this.auth = operator.role === 'admin' ? 'signed-in' : 'forbidden';
    this.#changed();
    if (this.auth === 'signed-in') void this.refresh();
  }

  #signedOut(reason: AdminLoginError | null): void {
    this.#epoch++;
    clearTimeout(this.#retryTimer);
    this.#storage?.removeItem(TOKEN_KEY);
    this.#memoryToken = null;
    this.operator = null;
    this.list = null;
    this.listError = null;
    this.settings = null;
    this.auth = 'signed-out';
    this.loginError = reason;
    this.#changed();
  }

  #set(patch: Partial<Pick<AdminSession, 'status' | 'auth' | 'loginError' | 'signingIn' | 'list' | 'listError' | 'settings'>>): void {
    Object.assign(this, patch);
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  #read(): string | null {
    if (!this.#storage) return this.#memoryToken;
    try {
      return this.#storage.getItem(TOKEN_KEY);
    } catch {
      return this.#memoryToken;
    }
  }

  #saveToken(token: string): void {
    this.#memoryToken = token;
    try {
      this.#storage?.setItem(TOKEN_KEY, token);
    } catch {
      // Storage full or blocked: the session still works until the page is closed.
    }
  }
}

/** "ws://host:1234/trpc" → "http://host:1234": uploads go to the same server as the socket. */
function httpOrigin(server: string): string {
  try {
    const url = new URL(server, globalThis.location?.href);
    const scheme = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
    return `${scheme}//${url.host}`;
  } catch {
    return globalThis.location?.origin ?? '';
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
