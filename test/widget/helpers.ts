/**
 * Shared helpers for the visitor widget's element tests: the address of the real chat server that
 * web-test-runner starts beside the pages, an operator driven through the real tRPC client, shadow-DOM
 * queries, and an axe accessibility check.
 */
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from '@trpc/client';
import { expect, waitUntil } from '@open-wc/testing';
import 'axe-core';
import type AxeCore from 'axe-core';
import type { ChatMessage, ConversationSummary, OperatorInfo } from '../../server/src/protocol/index.js';
import type { AppRouter } from '../../server/src/routers/app.js';

type Fn = () => void | Promise<void>;
/** Mocha's globals, which web-test-runner provides (the repo carries no @types/mocha). */
export const { describe, it, before, after, beforeEach, afterEach } = globalThis as unknown as {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: Fn) => void;
  before: (body: Fn) => void;
  after: (body: Fn) => void;
  beforeEach: (body: Fn) => void;
  afterEach: (body: Fn) => void;
};

/**
 * The browser's own WebSocket, captured when this module loads, i.e. before any test patches the
 * global (msw does in chat-window.test.ts). The operator's client always uses it, so a simulated
 * network drop only ever cuts the visitor's socket.
 */
export const NativeWebSocket = globalThis.WebSocket;

export interface ChatInfo {
  url: string;
  wsUrl: string;
  site: string;
  operator: { email: string; password: string };
}

let info: Promise<ChatInfo> | undefined;

/** Where the chat server started by web-test-runner.config.mjs listens. */
export function chatInfo(): Promise<ChatInfo> {
  info ??= fetch('/__chat.json').then((r) => {
    if (!r.ok) throw new Error(`/__chat.json: ${r.status}`);
    return r.json() as Promise<ChatInfo>;
  });
  return info;
}

export interface Operator {
  trpc: TRPCClient<AppRouter>;
  me: OperatorInfo;
  close(): void;
}

/** Signs the demo operator in over its own WebSocket (the real tRPC client, as the operator panel does). */
export async function signInOperator(): Promise<Operator> {
  const { wsUrl, operator } = await chatInfo();
  let token: string | null = null;
  const ws = createWSClient({
    url: wsUrl,
    WebSocket: NativeWebSocket,
    connectionParams: () => (token ? { operatorToken: token } : {}),
    retryDelayMs: () => 100,
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  const login = await trpc.auth.login.mutate(operator);
  token = login.token;
  return { trpc, me: login.operator, close: () => void ws.close() };
}

/** The open conversation of a visitor, as the operator's inbox lists it, once it is there. */
export async function conversationOf(op: Operator, visitorId: number): Promise<ConversationSummary> {
  let found: ConversationSummary | undefined;
  await waitUntil(
    async () => {
      const { conversations } = await op.trpc.operator.inbox.query();
      found = conversations.find((c) => c.visitor.id === visitorId);
      return !!found;
    },
    `no conversation for visitor ${visitorId} in the operator's inbox`,
    { timeout: 5000, interval: 50 },
  );
  return found!;
}

/** The transcript of a conversation as the operator (and so the server) has it. */
export async function transcript(op: Operator, conversationId: number): Promise<ChatMessage[]> {
  return (await op.trpc.operator.conversation.query({ conversationId })).messages;
}

let clientIds = 0;
/** A fresh client id for operator writes (8-64 chars of [A-Za-z0-9_-]). */
export function clientId(): string {
  return `wtr-${Date.now().toString(36)}-${(clientIds++).toString(36)}`;
}

/** The one element matching `selector` in el's shadow root; fails the test when there is none. */
export function inShadow<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector} in its shadow root`);
  return found;
}

/** The text a person reads, with runs of whitespace collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Polls until `fn` holds (no fixed sleeps), with a message that says what was awaited. */
export function until(fn: () => unknown, message: string, timeout = 5000): Promise<void> {
  return waitUntil(async () => !!(await fn()), message, { timeout, interval: 20 });
}

/** The element that has keyboard focus, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

const axe = (globalThis as unknown as { axe: typeof AxeCore }).axe;

/**
 * Runs axe-core on an element (shadow roots included) and fails with the rules it broke.
 * Rules are only disabled by the caller, with the reason written beside the call.
 */
export async function expectAccessible(el: Element, options: AxeCore.RunOptions = {}): Promise<void> {
  const results = await axe.run(el, { resultTypes: ['violations'], ...options });
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, summary.join('\n')).to.deep.equal([]);
}

/** What `admin.proactive.create` takes, minus what the helper fills in. */
export type ProactiveFields = Omit<Parameters<Operator['trpc']['admin']['proactive']['create']['mutate']>[0], 'siteId' | 'name'> & {
  name?: string;
};

let demoSiteId: Promise<number> | undefined;

/**
 * Creates and publishes a proactive message on the demo site as the test operator (an admin, and the
 * site's default sender). Returns its id; remove it with removeProactive when the test is done, as
 * other test files share the server.
 */
export async function publishProactive(op: Operator, fields: ProactiveFields): Promise<number> {
  demoSiteId ??= op.trpc.admin.proactive.list.query().then(({ sites }) => {
    const site = sites.find((s) => s.name === 'Demo shop') ?? sites[0];
    if (!site) throw new Error('the test server has no site');
    return site.id;
  });
  const message = await op.trpc.admin.proactive.create.mutate({
    name: `wtr ${fields.text.slice(0, 40)} ${clientId()}`,
    ...fields,
    siteId: await demoSiteId,
  });
  await op.trpc.admin.proactive.publish.mutate({ id: message.id });
  return message.id;
}

export async function removeProactive(op: Operator, id: number): Promise<void> {
  await op.trpc.admin.proactive.remove.mutate({ id }).catch(() => undefined);
}

/** querySelectorAll through every open shadow root below `root` (the admin nests its parts). */
export function deepAll<T extends Element = HTMLElement>(root: Element | ShadowRoot, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Element | ShadowRoot) => {
    // An element that hosts no shadow root is searched itself (e.g. a table row).
    const scope = node instanceof Element ? (node.shadowRoot ?? (node === root ? node : null)) : node;
    if (!scope) return;
    found.push(...scope.querySelectorAll<T>(selector));
    for (const child of scope.querySelectorAll('*')) if (child.shadowRoot) visit(child);
  };
  visit(root);
  return found;
}

/** The first match through every open shadow root below `el`, or null. */
export const deepQuery = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => deepAll<T>(el, selector)[0] ?? null;

/** The first match through every open shadow root below `el`; throws when there is none. */
export function deepMust<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = deepQuery<T>(el, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** Types into a text field the way a keyboard would end up: value set, input event fired. */
export function fill(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** A select, time or date input as a picker leaves it: value set, change fired. */
export function pick(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
