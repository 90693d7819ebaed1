/**
 * Files sent in chats through the real server: a visitor uploads with their own token (and the
 * site's CORS rules for pages on other origins), then visitors and operators send the file's key
 * with a message, which both sides receive with the file's details. A key that is not the
 * sender's own is refused as if it did not exist, and a refused upload or message keeps nothing.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, OperatorStreamEvent, VisitorStreamEvent } from '../../server/src/protocol/index.js';
import { DEMO_SITE_KEY } from '../../server/src/seed.js';
import { clientId, codeOf, collect, failure, messagesIn, OPERATOR, operator, serverPerTest, visitor, type TestServer, type Tracked } from './harness.js';

/** Wednesday 25 November 2026, 10:00 UTC: the tickets' transcripts print this time. */
const WEDNESDAY_10 = Date.UTC(2026, 10, 25, 10, 0);
const SHOP = 'https://shop.example';
const PANEL = 'https://panel.example';
const t = serverPerTest(() => ({
  now: () => WEDNESDAY_10,
  demo: { ...OPERATOR, allowedOrigins: [SHOP] },
  operatorOrigins: [PANEL],
}));

const MB = 1024 * 1024;
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SCRIPT = Buffer.from('<script>fetch("/steal?c=" + document.cookie)</script>');
/** A PNG of exactly `size` bytes: the signature, then padding. */
const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8, 1)]);

const NOT_FOUND_FILE = 'That file was not found: attach it again';
const UNRECOGNISED = 'The chat did not recognise you: reload the page and try again';

// --- helpers ---------------------------------------------------------------------------------

type Visitor = Awaited<ReturnType<typeof visitor>>;
type Operator = Awaited<ReturnType<typeof operator>>;

const accountId = () => t.server.store.siteByKey(DEMO_SITE_KEY)!.accountId;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

interface UploadOptions {
  /** The Authorization header, such as `Visitor <token>`; null for none. */
  auth: string | null;
  /** The `site` query parameter; null for none. */
  site?: string | null;
  purpose?: string;
  name?: string;
  /** A page origin, sent as the Origin header (which fetch may refuse to set). */
  origin?: string;
  method?: 'POST' | 'OPTIONS' | 'GET';
}

/** `POST /files` (or another method) through node:http, which sends the headers as written. */
function upload(body: Buffer | null, opts: UploadOptions): Promise<Reply> {
  const query = new URLSearchParams({ purpose: opts.purpose ?? 'attachment' });
  if (opts.site !== null) query.set('site', opts.site ?? DEMO_SITE_KEY);
  const headers: Record<string, string> = {};
  if (opts.auth) headers.Authorization = opts.auth;
  if (opts.origin) headers.Origin = opts.origin;
  if (opts.name !== undefined) headers['X-File-Name'] = encodeURIComponent(opts.name);
  if (body) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: new URL(t.server.url).hostname, port: t.server.port, path: `/files?${query}`, method: opts.method ?? 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const asVisitor = (v: Visitor) => `Visitor ${v.token}`;
const asOperator = (op: Operator) => `Bearer ${op.token}`;

/** Uploads a file and returns its key, failing the test if the upload is refused. */
async function uploaded(auth: string, body: Buffer = PNG, name = 'photo.png', site: string | null = DEMO_SITE_KEY): Promise<string> {
  const reply = await upload(body, { auth, name, site });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String(reply.body!.key);
}

/** What uploads left behind: rows in the files table and files in `<dataDir>/files`. */
function written(server: TestServer): { rows: number; files: string[] } {
  const db = new Database(join(server.dataDir, 'chat.db'), { readonly: true });
  try {
    const rows = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    const dir = join(server.dataDir, 'files');
    return { rows, files: existsSync(dir) ? readdirSync(dir) : [] };
  } finally {
    db.close();
  }
}

/** Everything a refused message could have written, to compare before and after. */
function snapshot(visitorId: number) {
  const conversation = t.server.store.latestConversationOf(visitorId);
  return {
    lastMessageId: t.server.store.accountCursor(accountId()),
    conversation,
    messages: conversation ? t.server.store.conversationMessages(conversation.id) : [],
  };
}

async function signedIn(creds = OPERATOR) {
  const op = await operator(t.server, creds);
  t.later(op.close);
  return op;
}

async function aVisitor() {
  const v = await visitor(t.server);
  t.later(v.close);
  return v;
}

/** The operator's panel stream, once its backlog is replayed. */
async function panel(op: Operator) {
  const events = collect<Tracked<OperatorStreamEvent>>();
  const sub = op.trpc.operator.events.subscribe({ lastEventId: null }, events);
  t.later(() => sub.unsubscribe());
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  return events;
}

/** The visitor's stream, once its backlog is replayed. */
async function listen(v: Visitor) {
  const events = collect<Tracked<VisitorStreamEvent>>();
  const sub = v.trpc.visitor.events.subscribe({ lastEventId: null }, events);
  t.later(() => sub.unsubscribe());
  await vi.waitFor(() => expect(events.items.some((e) => e.data.type === 'synced')).toBe(true));
  return events;
}

/** Alex, with the panel open, has accepted the chat of a visitor whose widget is open. */
async function chatting() {
  const a = await signedIn();
  const aEvents = await panel(a);
  const v = await aVisitor();
  const vEvents = await listen(v);
  const { conversationId } = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello, my order came broken' });
  await a.trpc.operator.accept.mutate({ conversationId });
  return { a, aEvents, v, vEvents, conversationId };
}

/** A second account with its own site and admin operator, Sam. */
async function otherAccount() {
  const otherId = t.server.store.createAccount('Other Shop', WEDNESDAY_10);
  t.server.store.createSite({ accountId: otherId, name: 'Other shop', siteKey: 'other-shop', allowedOrigins: [] }, WEDNESDAY_10);
  const creds = { email: 'sam@other.test', password: 'another long passphrase' };
  await t.server.chat.createOperator({ accountId: otherId, name: 'Sam', role: 'admin', ...creds });
  return signedIn(creds);
}

const fileOf = (key: string, name: string, type: string, size: number) => ({ url: `/files/${key}`, name, type, size });

// --- uploads -----------------------------------------------------------------------------------

describe('a visitor uploading a file', () => {
  it('uploads a PNG with their own token and the site key, and gets back what the chat will show', async () => {
    const v = await aVisitor();
    const reply = await upload(PNG, { auth: asVisitor(v), name: 'broken mug.png' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), url: `/files/${reply.body!.key}`, type: 'image/png', size: PNG.length, name: 'broken mug.png' });
    expect(t.server.store.availability.file(String(reply.body!.key))).toMatchObject({ accountId: accountId(), visitorId: v.visitorId });

    const served = await fetch(`${t.server.url}${reply.body!.url}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it('may upload a PDF to send, but not an image for automatic messages, which is for operators', async () => {
    const v = await aVisitor();
    const refused = await upload(PNG, { auth: asVisitor(v), purpose: 'automatic' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'Only operators can upload images for automatic messages' } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });

    const pdf = await upload(PDF, { auth: asVisitor(v), name: 'receipt.pdf' });
    expect(pdf).toMatchObject({ status: 201, body: { type: 'application/pdf', size: PDF.length, name: 'receipt.pdf' } });
  });

  it('is refused with 401 and a message for visitors when the token or the site is not known, keeping nothing', async () => {
    const v = await aVisitor();
    await otherAccount();
    const refusal = { status: 401, body: { error: UNRECOGNISED } };
    expect(await upload(PNG, { auth: 'Visitor not-a-visitor-token' })).toMatchObject(refusal);
    // The visitor's own token, for another site or a site that does not exist.
    expect(await upload(PNG, { auth: asVisitor(v), site: 'other-shop' })).toMatchObject(refusal);
    expect(await upload(PNG, { auth: asVisitor(v), site: 'no-such-site' })).toMatchObject(refusal);
    // A visitor token means nothing without the site it belongs to.
    expect(await upload(PNG, { auth: asVisitor(v), site: null })).toMatchObject(refusal);
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('is refused with 403 once the visitor is blocked', async () => {
    const a = await signedIn();
    const v = await aVisitor();
    await uploaded(asVisitor(v));
    await a.trpc.operator.block.mutate({ visitorId: v.visitorId });
    const reply = await upload(PNG, { auth: asVisitor(v) });
    expect(reply).toMatchObject({ status: 403, body: { error: 'You cannot send files in this chat' } });
    expect(written(t.server).rows).toBe(1);

    await a.trpc.operator.unblock.mutate({ visitorId: v.visitorId });
    expect((await upload(PNG, { auth: asVisitor(v) })).status).toBe(201);
  });

  it('refuses a script renamed evil.png with 415 and the types that may be sent, keeping nothing', async () => {
    const v = await aVisitor();
    const reply = await upload(SCRIPT, { auth: asVisitor(v), name: 'evil.png' });
    expect(reply).toMatchObject({ status: 415, body: { error: 'Only images (JPG, PNG, GIF, WEBP) or PDF files can be sent' } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('refuses a file over 10 MB with 413, keeping nothing', async () => {
    const v = await aVisitor();
    const res = await fetch(`${t.server.url}/files?purpose=attachment&site=${DEMO_SITE_KEY}`, {
      method: 'POST',
      headers: { Authorization: asVisitor(v), 'X-File-Name': 'huge.png' },
      body: new Uint8Array(pngOfSize(10 * MB + 1)),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'The file is larger than 10 MB' });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });
});

describe('uploads from pages on other origins (CORS)', () => {
  it('a page origin the site allows may upload, and reads the reply, success or error', async () => {
    const v = await aVisitor();
    const ok = await upload(PNG, { auth: asVisitor(v), origin: SHOP });
    expect(ok.status).toBe(201);
    expect(ok.headers).toMatchObject({ 'access-control-allow-origin': SHOP, vary: 'Origin' });

    // The widget shows the server's reason, so errors carry the header too.
    const wrongType = await upload(SCRIPT, { auth: asVisitor(v), origin: SHOP });
    expect(wrongType).toMatchObject({ status: 415, headers: { 'access-control-allow-origin': SHOP, vary: 'Origin' } });
    const unknown = await upload(PNG, { auth: 'Visitor not-a-visitor-token', origin: SHOP });
    expect(unknown).toMatchObject({ status: 401, body: { error: UNRECOGNISED }, headers: { 'access-control-allow-origin': SHOP } });
    expect(written(t.server).rows).toBe(1);
  });

  it('answers the preflight of an allowed origin with the method and headers an upload uses', async () => {
    const reply = await upload(null, { auth: null, origin: SHOP, method: 'OPTIONS' });
    expect(reply.status).toBe(204);
    expect(reply.headers).toMatchObject({ 'access-control-allow-origin': SHOP, vary: 'Origin', 'access-control-allow-methods': 'POST' });
    const allowed = String(reply.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'x-file-name']));
  });

  it('refuses an origin the site does not allow with 403 and no CORS header, before and after the preflight', async () => {
    const v = await aVisitor();
    for (const method of ['OPTIONS', 'POST'] as const) {
      const reply = await upload(method === 'POST' ? PNG : null, { auth: asVisitor(v), origin: 'https://evil.example', method });
      expect(reply.status, method).toBe(403);
      expect(reply.headers['access-control-allow-origin'], method).toBeUndefined();
    }
    // The operators' origins are not a site's.
    expect((await upload(PNG, { auth: asVisitor(v), origin: PANEL })).status).toBe(403);
    // Nor can a page get past the check by naming a site that does not exist.
    expect((await upload(PNG, { auth: asVisitor(v), origin: SHOP, site: 'no-such-site' })).status).toBe(403);
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it("always allows the server's own pages", async () => {
    const v = await aVisitor();
    const reply = await upload(PNG, { auth: asVisitor(v), origin: t.server.url });
    expect(reply).toMatchObject({ status: 201, headers: { 'access-control-allow-origin': t.server.url } });
  });

  it('operator uploads without a site follow the operator origins, not the sites\'', async () => {
    const a = await signedIn();
    const fromPanel = await upload(PNG, { auth: asOperator(a), site: null, origin: PANEL });
    expect(fromPanel).toMatchObject({ status: 201, headers: { 'access-control-allow-origin': PANEL, vary: 'Origin' } });
    const fromShop = await upload(PNG, { auth: asOperator(a), site: null, origin: SHOP });
    expect(fromShop.status).toBe(403);
    expect(fromShop.headers['access-control-allow-origin']).toBeUndefined();
    expect(written(t.server).rows).toBe(1);
  });
});

// --- sending -----------------------------------------------------------------------------------

describe('sending a file in a chat', () => {
  it('a visitor sends a file with no text: the operator and the visitor see it with its name, type and size', async () => {
    const { aEvents, v, vEvents, conversationId } = await chatting();
    const key = await uploaded(asVisitor(v), PNG, 'broken mug.png');
    const sent = await v.trpc.visitor.send.mutate({ clientId: clientId(), text: '', file: key });
    const file = fileOf(key, 'broken mug.png', 'image/png', PNG.length);
    expect(sent).toMatchObject({ conversationId, kind: 'text', author: 'visitor', text: '', extras: { file } });

    await vi.waitFor(() => expect(messagesIn(aEvents.items).find((m) => m.id === sent.id)?.extras?.file).toEqual(file));
    await vi.waitFor(() => expect(messagesIn(vEvents.items).find((m) => m.id === sent.id)?.extras?.file).toEqual(file));
    expect((await fetch(`${t.server.url}${file.url}`)).status).toBe(200);
  });

  it('a visitor may start a chat with a file alone', async () => {
    const v = await aVisitor();
    const key = await uploaded(asVisitor(v), PDF, 'order.pdf');
    const sent = await v.trpc.visitor.send.mutate({ clientId: clientId(), file: key });
    expect(sent.extras?.file).toEqual(fileOf(key, 'order.pdf', 'application/pdf', PDF.length));
    expect(t.server.store.conversationMessages(sent.conversationId).map((m) => m.id)).toContain(sent.id);
  });

  it('an operator sends a file with a caption: the visitor sees both', async () => {
    const { a, aEvents, vEvents, conversationId } = await chatting();
    const key = await uploaded(asOperator(a), PDF, 'return label.pdf', null);
    const sent = await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Print this label', file: key });
    const file = fileOf(key, 'return label.pdf', 'application/pdf', PDF.length);
    expect(sent).toMatchObject({ kind: 'text', author: 'operator', authorName: 'Alex', text: 'Print this label', internal: false, extras: { file } });

    await vi.waitFor(() => expect(messagesIn(vEvents.items).find((m) => m.id === sent.id)).toMatchObject({ text: 'Print this label', extras: { file } }));
    await vi.waitFor(() => expect(messagesIn(aEvents.items).find((m) => m.id === sent.id)?.extras?.file).toEqual(file));
  });

  it('a message with neither text nor a file is refused as empty, for visitors and operators, and writes nothing', async () => {
    const { a, v, conversationId } = await chatting();
    const before = snapshot(v.visitorId);
    for (const call of [
      v.trpc.visitor.send.mutate({ clientId: clientId(), text: '' }),
      v.trpc.visitor.send.mutate({ clientId: clientId(), text: '   ' }),
      a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '' }),
      a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: ' \n ' }),
    ]) {
      const error = await failure(call);
      expect(codeOf(error)).toBe('BAD_REQUEST');
      expect(error.message).toBe('text: A message cannot be empty');
    }
    expect(snapshot(v.visitorId)).toEqual(before);
  });

  it('a file key that is not the shape of one is refused with BAD_REQUEST, and writes nothing', async () => {
    const { a, v, conversationId } = await chatting();
    const before = snapshot(v.visitorId);
    for (const file of ['../chat.db', 'short', 'x'.repeat(65), 'has space in it']) {
      const fromVisitor = await failure(v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'see this', file }));
      expect(codeOf(fromVisitor), file).toBe('BAD_REQUEST');
      expect(fromVisitor.message, file).toBe('file: file must be the key of an uploaded file');
      const fromOperator = await failure(a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'see this', file }));
      expect(codeOf(fromOperator), file).toBe('BAD_REQUEST');
    }
    expect(snapshot(v.visitorId)).toEqual(before);
  });

  it("a visitor can only send their own uploads: an unknown key, another visitor's file or an operator's is NOT_FOUND, and nothing is written", async () => {
    const a = await signedIn();
    const v = await aVisitor();
    const other = await aVisitor();
    const keys = {
      unknown: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      otherVisitors: await uploaded(asVisitor(other)),
      operators: await uploaded(asOperator(a), PNG, 'logo.png', null),
    };
    // Before any chat: a refused file does not open one either.
    for (const [whose, file] of Object.entries(keys)) {
      const error = await failure(v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'look', file }));
      expect(codeOf(error), whose).toBe('NOT_FOUND');
      expect(error.message, whose).toBe(NOT_FOUND_FILE);
    }
    expect(t.server.store.latestConversationOf(v.visitorId)).toBeNull();

    // In a chat: nothing is added to it.
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'Hello' });
    const before = snapshot(v.visitorId);
    for (const [whose, file] of Object.entries(keys)) {
      expect(codeOf(await failure(v.trpc.visitor.send.mutate({ clientId: clientId(), text: 'look', file }))), whose).toBe('NOT_FOUND');
    }
    expect(snapshot(v.visitorId)).toEqual(before);
  });

  it("an operator can only send the account's operator uploads: an unknown key, a visitor's file or another account's is NOT_FOUND, and nothing is written", async () => {
    const { a, v, conversationId } = await chatting();
    const sam = await otherAccount();
    const keys = {
      unknown: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      // Even the visitor of this very chat: an operator forwards a file by uploading it themselves.
      visitors: await uploaded(asVisitor(v)),
      otherAccounts: await uploaded(asOperator(sam), PNG, 'theirs.png', null),
    };
    const before = snapshot(v.visitorId);
    for (const [whose, file] of Object.entries(keys)) {
      const error = await failure(a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'here', file }));
      expect(codeOf(error), whose).toBe('NOT_FOUND');
      expect(error.message, whose).toBe(NOT_FOUND_FILE);
    }
    expect(snapshot(v.visitorId)).toEqual(before);
  });

  it('a /command cannot carry a file: BAD_REQUEST, no ticket, nothing written', async () => {
    const { a, v, conversationId } = await chatting();
    const key = await uploaded(asOperator(a), PNG, 'shot.png', null);
    const before = snapshot(v.visitorId);
    const error = await failure(a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '/ticket Broken mug', file: key }));
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(error.message).toBe('A command cannot carry a file: send the file on its own');
    expect(snapshot(v.visitorId)).toEqual(before);
    expect(await a.trpc.admin.tickets.query()).toEqual([]);
  });

  it('resending a file message with the same clientId returns the first message and writes one, for visitors and operators', async () => {
    const { a, aEvents, v, conversationId } = await chatting();
    const visitorKey = await uploaded(asVisitor(v));
    const visitorId = clientId();
    const first = await v.trpc.visitor.send.mutate({ clientId: visitorId, text: '', file: visitorKey });
    expect(await v.trpc.visitor.send.mutate({ clientId: visitorId, text: '', file: visitorKey })).toEqual(first);

    const operatorKey = await uploaded(asOperator(a), PDF, 'label.pdf', null);
    const operatorId = clientId();
    const reply = await a.trpc.operator.send.mutate({ conversationId, clientId: operatorId, text: 'Label', file: operatorKey });
    expect(await a.trpc.operator.send.mutate({ conversationId, clientId: operatorId, text: 'Label', file: operatorKey })).toEqual(reply);

    const withFiles = (messages: ChatMessage[]) => messages.filter((m) => m.extras?.file).map((m) => m.id);
    expect(withFiles(t.server.store.conversationMessages(conversationId))).toEqual([first.id, reply.id]);
    // The panel was told of each once.
    await vi.waitFor(() => expect(withFiles(messagesIn(aEvents.items))).toEqual([first.id, reply.id]));
  });

  it('a ticket made from the chat lists each file by name and address', async () => {
    const { a, v, conversationId } = await chatting();
    const visitorKey = await uploaded(asVisitor(v), PNG, 'broken mug.png');
    await v.trpc.visitor.send.mutate({ clientId: clientId(), text: '', file: visitorKey });
    const operatorKey = await uploaded(asOperator(a), PDF, 'return label.pdf', null);
    await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: 'Print this label', file: operatorKey });
    await a.trpc.operator.send.mutate({ conversationId, clientId: clientId(), text: '/ticket Broken mug' });

    const [ticket] = await a.trpc.admin.tickets.query();
    expect(ticket).toMatchObject({ title: 'Broken mug', conversationId });
    const lines = ticket!.description.split('\n');
    expect(lines).toContain(`[2026-11-25 10:00] Visitor ${v.visitorId}: [file: broken mug.png /files/${visitorKey}]`);
    expect(lines).toContain(`[2026-11-25 10:00] Alex: Print this label [file: return label.pdf /files/${operatorKey}]`);
  });
});
