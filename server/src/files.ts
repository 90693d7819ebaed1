/**
 * File uploads over HTTP, since WebSocket frames stop at 64 KB.
 *   POST /files?purpose=automatic|attachment             Authorization: Bearer <operator token>
 *   POST /files?purpose=attachment&site=<site key>        Authorization: Visitor <visitor token>
 *        body: the file's bytes; X-File-Name: its URL-encoded name
 *   GET  /files/<key>                                     the stored bytes, with headers that keep them inert
 * Pages on other origins (the widget on a customer's site) upload with CORS: a site's allowed
 * origins, or the operator origins without `site`.
 * Bytes live in `<dataDir>/files/<key>`; the row (owner, sniffed type, size, name) in the store.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentDisposition, displayName, FILE_KEY, PURPOSES, purposeOf, sniffType } from './domain/files.js';
import { originAllowed } from './domain/origin.js';
import type { StoredFile } from './store/availability.js';

export interface FileDeps {
  store: { insertFile(f: StoredFile, now: number): void; file(key: string): StoredFile | null };
  /** The folder of the stored bytes, `<dataDir>/files`. */
  dir: string;
  /** The signed-in operator holding a session token, or null when the token is unknown or expired. */
  operatorByToken(token: string): { accountId: number } | null;
  /** A site's visitor holding their token, or null when the site or the token is unknown. */
  visitorByToken(siteKey: string, token: string): { accountId: number; visitorId: number; blocked: boolean } | null;
  /** The page origins that may upload: a site's, or the operators' when siteKey is null; null for an unknown site. */
  allowedOrigins(siteKey: string | null): readonly string[] | null;
  now(): number;
}

type Headers = Record<string, string>;

export type FileRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Handles `/files` and `/files/<key>`. */
export function fileRoutes(deps: FileDeps): FileRoute {
  return async (req, res, url) => {
    try {
      if (url.pathname === '/files') {
        const cors = corsHeaders(deps, req, url);
        if (!cors) return reply(req, res, 403, { error: 'This page may not upload files to this chat server' });
        if (req.method === 'OPTIONS') {
          res.writeHead(204, { ...cors, ...PREFLIGHT }).end();
          return;
        }
        if (req.method !== 'POST') return reply(req, res, 405, { error: 'Use POST to upload a file' }, { ...cors, Allow: 'POST' });
        return await upload(deps, req, res, url, cors);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return reply(req, res, 405, { error: 'Files can only be read' }, { Allow: 'GET, HEAD' });
      }
      return await serve(deps, req, res, url.pathname.slice('/files/'.length));
    } catch {
      // A full disk, a client gone mid-transfer: nothing was kept (see `upload`).
      if (!res.headersSent) reply(req, res, 500, { error: 'Something went wrong with the file; try again' });
      else res.destroy();
    }
  };
}

async function upload(deps: FileDeps, req: IncomingMessage, res: ServerResponse, url: URL, cors: Headers): Promise<void> {
  const fail = (status: number, error: string, headers: Headers = {}) => reply(req, res, status, { error }, { ...cors, ...headers });
  const [, scheme, token] = /^(Bearer|Visitor) +(\S+)$/i.exec(req.headers.authorization ?? '') ?? [];
  const siteKey = url.searchParams.get('site');
  let owner: { accountId: number; visitorId: number | null } | null = null;
  if (scheme?.toLowerCase() === 'visitor' && siteKey) {
    const visitor = deps.visitorByToken(siteKey, token!);
    if (visitor?.blocked) return fail(403, 'You cannot send files in this chat');
    owner = visitor && { accountId: visitor.accountId, visitorId: visitor.visitorId };
  } else if (scheme?.toLowerCase() === 'bearer') {
    const operator = deps.operatorByToken(token!);
    owner = operator && { accountId: operator.accountId, visitorId: null };
  }
  if (!owner) {
    const asVisitor = scheme?.toLowerCase() === 'visitor';
    return fail(401, asVisitor ? 'The chat did not recognise you: reload the page and try again' : 'Sign in as an operator first', {
      'WWW-Authenticate': asVisitor ? 'Visitor' : 'Bearer',
    });
  }

  const purpose = purposeOf(url.searchParams.get('purpose'));
  if (!purpose) return fail(400, 'Say what the file is for: ?purpose=automatic or ?purpose=attachment');
  if (owner.visitorId !== null && purpose !== 'attachment') return fail(403, 'Only operators can upload images for automatic messages');
  const rules = PURPOSES[purpose];

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > rules.maxBytes) return fail(413, rules.tooLarge);
  const bytes = await readAtMost(req, rules.maxBytes);
  if (!bytes) return fail(413, rules.tooLarge);
  if (!bytes.length) return fail(400, 'The file is empty');

  const type = sniffType(bytes);
  if (!type || !rules.types.includes(type)) return fail(415, rules.wrongType);

  const key = randomBytes(18).toString('base64url');
  const name = displayName(headerText(req, 'x-file-name'), type);
  const path = join(deps.dir, key);
  await mkdir(deps.dir, { recursive: true });
  const handle = await open(path, 'wx'); // a new file, so ours to remove if anything below fails
  try {
    await handle.writeFile(bytes).finally(() => handle.close());
    deps.store.insertFile({ key, ...owner, type, size: bytes.length, name }, deps.now());
  } catch (error) {
    await unlink(path).catch(() => {});
    throw error;
  }
  reply(req, res, 201, { key, url: `/files/${key}`, type, size: bytes.length, name }, { ...cors, Location: `/files/${key}` });
}

const PREFLIGHT: Headers = {
  'Access-Control-Allow-Methods': 'POST',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-File-Name',
  'Access-Control-Max-Age': '600',
};

/**
 * CORS headers for an upload: none for a request without an Origin (not a browser page), the
 * origin echoed back when the server's own pages or the site (or the operator origins) allow it,
 * null when not.
 */
function corsHeaders(deps: FileDeps, req: IncomingMessage, url: URL): Headers | null {
  const origin = req.headers.origin;
  if (!origin) return {};
  const allowed = deps.allowedOrigins(url.searchParams.get('site'));
  if (!allowed || !originAllowed(origin, req.headers.host, allowed)) return null;
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

async function serve(deps: FileDeps, req: IncomingMessage, res: ServerResponse, key: string): Promise<void> {
  const file = FILE_KEY.test(key) ? deps.store.file(key) : null;
  const handle = file ? await open(join(deps.dir, key)).catch(() => null) : null;
  if (!file || !handle) return reply(req, res, 404, { error: 'No such file' });
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.type, file.name),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    // The widget shows images on the host page's origin.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // A key names one upload forever.
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    await handle.close();
    res.end();
    return;
  }
  await pipeline(handle.createReadStream(), res);
}

/**
 * The request body, or null as soon as it passes `max` bytes: reading stops there, and the
 * connection closes after the reply (see `reply`), so a client cannot make the server read on.
 */
function readAtMost(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        done();
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = (error?: Error) => {
      done();
      reject(error ?? new Error('The client went away mid-upload'));
    };
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
}

function headerText(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A JSON reply. When a body was sent but not read to its end, the connection closes rather than read the rest. */
function reply(req: IncomingMessage, res: ServerResponse, status: number, body: object, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  if (req.method !== 'GET' && req.method !== 'HEAD' && !req.readableEnded) headers = { ...headers, Connection: 'close' };
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(req.method === 'HEAD' ? undefined : text);
}
