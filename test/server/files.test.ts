/**
 * File uploads over HTTP: an operator posts the bytes, the type is read from the bytes, the size
 * is capped per purpose, nothing is kept from a refused upload, and stored files are served inert.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operator, serverPerTest, type TestServer } from './harness.js';

const t = serverPerTest();

const MB = 1024 * 1024;
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a small jpeg body'), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SCRIPT = Buffer.from('<script>fetch("/steal?c=" + document.cookie)</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

/** A PNG of exactly `size` bytes: the signature, then padding. */
const pngOfSize = (size: number) => Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(size - 8, 1)]);

async function signIn(): Promise<string> {
  const op = await operator(t.server);
  t.later(() => op.close());
  return op.token;
}

interface UploadOptions {
  purpose?: string;
  name?: string;
  type?: string;
  token?: string | null;
}

async function upload(body: Buffer, opts: UploadOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': opts.type ?? 'application/octet-stream' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.name !== undefined) headers['X-File-Name'] = encodeURIComponent(opts.name);
  const res = await fetch(`${t.server.url}/files?purpose=${opts.purpose ?? 'automatic'}`, { method: 'POST', headers, body: new Uint8Array(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** What an upload left behind: rows in the files table and files in `<dataDir>/files`. */
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

/** A request sent exactly as written (fetch would normalise `..` away before sending). */
function rawGet(server: TestServer, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: new URL(server.url).hostname, port: server.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('uploading a file', () => {
  it('stores a PNG and serves the same bytes back, inert, with the name it was given', async () => {
    const token = await signIn();
    const up = await upload(PNG, { token, name: '  café menu.png ', type: 'image/png' });
    expect(up.status).toBe(201);
    expect(up.body).toEqual({ key: expect.any(String), url: expect.stringMatching(/^\/files\/[A-Za-z0-9_-]{8,64}$/), type: 'image/png', size: PNG.length, name: 'café menu.png' });
    const key = String(up.body.url).slice('/files/'.length);
    expect(readFileSync(join(t.server.dataDir, 'files', key))).toEqual(PNG);
    expect(t.server.store.availability.file(key)).toMatchObject({ accountId: expect.any(Number), type: 'image/png', size: PNG.length });

    const res = await fetch(`${t.server.url}${up.body.url}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-disposition': 'inline',
    });
  });

  it('recognises a JPEG by its bytes whatever its name and Content-Type say, and gives each upload its own key', async () => {
    const token = await signIn();
    const first = await upload(JPEG, { token, name: 'photo' });
    const second = await upload(JPEG, { token, name: 'photo', type: 'text/plain' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'image/jpeg', size: JPEG.length, name: 'photo' });
    expect(second.body.url).not.toBe(first.body.url);

    const res = await fetch(`${t.server.url}${first.body.url}`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
  });

  it('refuses a script renamed evil.png and sent as image/png, and keeps nothing of it', async () => {
    const token = await signIn();
    const up = await upload(SCRIPT, { token, name: 'evil.png', type: 'image/png' });
    expect(up).toMatchObject({ status: 415, body: { error: 'Only JPG or PNG images can be used here' } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('refuses an SVG image, which could carry script, for both purposes', async () => {
    const token = await signIn();
    expect((await upload(SVG, { token, name: 'logo.svg', type: 'image/svg+xml' })).status).toBe(415);
    const attachment = await upload(SVG, { token, name: 'logo.svg', type: 'image/svg+xml', purpose: 'attachment' });
    expect(attachment).toMatchObject({ status: 415, body: { error: expect.stringMatching(/JPG, PNG, GIF, WEBP\) or PDF/) } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('takes an automatic-message image of exactly 2 MB and refuses one byte more, keeping nothing', async () => {
    const token = await signIn();
    expect((await upload(pngOfSize(2 * MB), { token })).status).toBe(201);
    const over = await upload(pngOfSize(2 * MB + 1), { token });
    expect(over).toMatchObject({ status: 413, body: { error: 'The file is larger than 2 MB' } });
    expect(written(t.server).rows).toBe(1);
    expect(written(t.server).files).toHaveLength(1);
  });

  it('stops reading a body with no Content-Length once it passes the limit, without waiting for its end', async () => {
    const token = await signIn();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.server.url}/files?purpose=automatic`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // 2 MB + 1 byte, and the request is never ended: a server that read to the end would never answer.
      req.write(PNG.subarray(0, 8));
      for (let sent = 8; sent < 2 * MB + 1; sent += 64 * 1024) req.write(Buffer.alloc(Math.min(64 * 1024, 2 * MB + 1 - sent), 1));
    });
    expect(status).toBe(413);
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('accepts a PDF as a chat attachment, served as a download, but not as an automatic-message image', async () => {
    const token = await signIn();
    const refused = await upload(PDF, { token, name: 'invoice.pdf', purpose: 'automatic' });
    expect(refused.status).toBe(415);
    expect(written(t.server)).toEqual({ rows: 0, files: [] });

    const up = await upload(PDF, { token, name: 'Facture "mars".pdf', purpose: 'attachment' });
    expect(up).toMatchObject({ status: 201, body: { type: 'application/pdf', size: PDF.length, name: 'Facture "mars".pdf' } });
    const res = await fetch(`${t.server.url}${up.body.url}`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Facture _mars_.pdf"; filename*=UTF-8''Facture%20%22mars%22.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
  });

  it('refuses an attachment over 10 MB', async () => {
    const token = await signIn();
    const over = await upload(pngOfSize(10 * MB + 1), { token, purpose: 'attachment' });
    expect(over).toMatchObject({ status: 413, body: { error: 'The file is larger than 10 MB' } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('requires a signed-in operator: no token, an unknown one or a signed-out one is refused with 401', async () => {
    const op = await operator(t.server);
    t.later(() => op.close());
    const refusal = { status: 401, body: { error: 'Sign in as an operator first' } };
    expect(await upload(PNG, { token: null })).toMatchObject(refusal);
    expect(await upload(PNG, { token: 'not-a-session-token' })).toMatchObject(refusal);
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
    expect((await upload(PNG, { token: op.token })).status).toBe(201);
    await op.trpc.auth.logout.mutate();
    expect(await upload(PNG, { token: op.token })).toMatchObject(refusal);
    expect(written(t.server).rows).toBe(1);
  });

  it('refuses an unknown purpose with 400', async () => {
    const token = await signIn();
    const up = await upload(PNG, { token, purpose: 'avatar' });
    expect(up).toMatchObject({ status: 400, body: { error: expect.stringMatching(/purpose=automatic or \?purpose=attachment/) } });
    expect(written(t.server)).toEqual({ rows: 0, files: [] });
  });

  it('answers 405 to other methods', async () => {
    const token = await signIn();
    const up = await upload(PNG, { token });
    const get = await fetch(`${t.server.url}/files`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const put = await fetch(`${t.server.url}/files?purpose=automatic`, { method: 'PUT', headers: { Authorization: `Bearer ${token}` }, body: PNG });
    expect(put.status).toBe(405);
    const del = await fetch(`${t.server.url}${up.body.url}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    expect(written(t.server).rows).toBe(1);
  });
});

describe('reading a file', () => {
  it('answers 404 for a key nobody uploaded', async () => {
    const res = await fetch(`${t.server.url}/files/AAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(404);
  });

  it('never reaches outside the files folder', async () => {
    expect(existsSync(join(t.server.dataDir, 'chat.db'))).toBe(true);
    for (const path of ['/files/../chat.db', '/files/%2e%2e%2fchat.db', '/files/..%2fchat.db', '/files/%2e%2e/chat.db', '/files/..%5cchat.db']) {
      const res = await rawGet(t.server, path);
      expect(res.status, path).toBe(404);
      expect(res.body.includes('SQLite format'), path).toBe(false);
    }
  });
});
