// A tiny static file server for the built portal (examples/portal/dist): what "any web server" does.
// Used by the e2e test and the screenshot script. No dependencies.
import { createServer, request } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The strict CSP the elements promise to work under (no inline script, no eval). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Serve `dir` on 127.0.0.1 (port 0 = a free one). Resolves to `{ url, close }`.
 * @param {string} dir
 * `api`: the department server's URL; `/api/…` is passed to it (`/api/push` → `/push`), streams included,
 * as `npm start`'s dev server does.
 * @param {string} dir
 * @param {{ port?: number, csp?: string, api?: string }} [options]
 */
export function serveStatic(dir, { port = 0, csp = STRICT_CSP, api } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (api && /^\/api(\/|$)/.test(req.url ?? '')) {
      const target = new URL(req.url.replace(/^\/api/, '') || '/', api);
      const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('server unavailable');
      });
      req.pipe(upstream);
      return;
    }
    if (!api && req.url === '/api/health') {
      // No server behind this one: the portal's probe hears so without a failed request in the console.
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false}');
      return;
    }
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (extname(file) === '.html' && csp) headers['content-security-policy'] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = /** @type {import('node:net').AddressInfo} */ (server.address());
      ok({ url: `http://127.0.0.1:${p}/`, close: () => new Promise((done) => server.close(() => done(undefined))) });
    });
  });
}
