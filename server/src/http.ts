/** Serves the demo pages, the built widget and uploaded files. Everything else on this port is the WebSocket. */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileRoutes, type FileDeps } from './files.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.json': 'application/json',
};

/** The demo runs under a strict policy: no inline script or style, no eval. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/pricing': 'index.html',
  '/checkout': 'index.html',
  '/contact': 'index.html',
  '/operator': 'operator.html',
  '/admin': 'admin.html',
};

export interface HttpOptions {
  demoDir: string;
  distDir: string;
  files: FileDeps;
}

function inside(root: string, rel: string): string | null {
  const full = normalize(join(root, rel));
  return full.startsWith(root + sep) ? full : null;
}

export function httpHandler(opts: HttpOptions) {
  const files = fileRoutes(opts.files);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (path === '/files' || path.startsWith('/files/')) return files(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end('Method not allowed');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    let file: string | null = null;
    if (PAGES[path]) file = join(opts.demoDir, PAGES[path]);
    else if (path.startsWith('/dist/')) file = inside(opts.distDir, path.slice('/dist/'.length));
    else if (path.startsWith('/demo/')) file = inside(opts.demoDir, path.slice('/demo/'.length));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      const hint = path.startsWith('/dist/') ? ' (run `npm run build` to build the widget)' : '';
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found${hint}`);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = CSP;
      const scheme = (req.headers['x-forwarded-proto'] ?? '') === 'https' ? 'wss' : 'ws';
      body = Buffer.from(body.toString('utf8').replaceAll('%CHAT_SERVER%', `${scheme}://${req.headers.host}/trpc`));
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  };
}
