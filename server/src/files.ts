/**
 * File uploads over HTTP, since WebSocket frames stop at 64 KB.
 *   POST /files?purpose=automatic|attachment   body: the file's bytes; Authorization: Bearer <operator token>
 *   GET  /files/<key>                           the stored bytes, with headers that keep them inert
 * Bytes live in `<dataDir>/files/<key>`; the row (owner, sniffed type, size, name) in the store.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentDisposition, displayName, FILE_KEY, PURPOSES, purposeOf, sniffType } from './domain/files.js';
import type { StoredFile } from './store/availability.js';

export interface FileDeps {
  store: { insertFile(f: StoredFile, now: number): void; file(key: string): StoredFile | null };
  /** The folder of the stored bytes, `<dataDir>/files`. */
  dir: string;
  /** The signed-in operator holding a session token, or null when the token is unknown or expired. */
  operatorByToken(token: string): { accountId: number } | null;
  now(): number;
}

export type FileRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Handles `/files` and `/files/<key>`. */
export function fileRoutes(deps: FileDeps): FileRoute {
  return async (req, res, url) => {
    try {
      if (url.pathname === '/files') {
        if (req.method !== 'POST') return reply(req, res, 405, { error: 'Use POST to upload a file' }, { Allow: 'POST' });
        return await upload(deps, req, res, url);
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

async function upload(deps: FileDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const token = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const session = token ? deps.operatorByToken(token) : null;
  if (!session) return reply(req, res, 401, { error: 'Sign in as an operator first' }, { 'WWW-Authenticate': 'Bearer' });

  const purpose = purposeOf(url.searchParams.get('purpose'));
  if (!purpose) return reply(req, res, 400, { error: 'Say what the file is for: ?purpose=automatic or ?purpose=attachment' });
  const rules = PURPOSES[purpose];

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > rules.maxBytes) return reply(req, res, 413, { error: rules.tooLarge });
  const bytes = await readAtMost(req, rules.maxBytes);
  if (!bytes) return reply(req, res, 413, { error: rules.tooLarge });
  if (!bytes.length) return reply(req, res, 400, { error: 'The file is empty' });

  const type = sniffType(bytes);
  if (!type || !rules.types.includes(type)) return reply(req, res, 415, { error: rules.wrongType });

  const key = randomBytes(18).toString('base64url');
  const name = displayName(headerText(req, 'x-file-name'), type);
  const path = join(deps.dir, key);
  await mkdir(deps.dir, { recursive: true });
  const handle = await open(path, 'wx'); // a new file, so ours to remove if anything below fails
  try {
    await handle.writeFile(bytes).finally(() => handle.close());
    deps.store.insertFile({ key, accountId: session.accountId, type, size: bytes.length, name }, deps.now());
  } catch (error) {
    await unlink(path).catch(() => {});
    throw error;
  }
  reply(req, res, 201, { url: `/files/${key}`, type, size: bytes.length, name }, { Location: `/files/${key}` });
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
function reply(req: IncomingMessage, res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  if (req.method !== 'GET' && req.method !== 'HEAD' && !req.readableEnded) headers = { ...headers, Connection: 'close' };
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(req.method === 'HEAD' ? undefined : text);
}
