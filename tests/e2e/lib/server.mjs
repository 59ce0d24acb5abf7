// A small static server for the e2e tests, on 127.0.0.1 and a free port.
//   /                 the release dist/ (the demo page)
//   /assets/rw/…      dist/ again, under a sub-path, as a CDN folder would be
//   /pages/…          host pages written for the tests (tests/e2e/pages)
// Query `?csp=strict` on a page answers it with a strict Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DIST = resolve(here, '../../../dist');
const PAGES = resolve(here, '../pages');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

function locate(pathname) {
  const routes = [
    ['/assets/rw/', DIST],
    ['/pages/', PAGES],
    ['/', DIST],
  ];
  for (const [prefix, root] of routes) {
    if (!pathname.startsWith(prefix)) continue;
    let rest = decodeURIComponent(pathname.slice(prefix.length)) || 'index.html';
    const file = normalize(join(root, rest));
    if (!file.startsWith(root)) return null;
    return file;
  }
  return null;
}

/** Starts the server; resolves to { url, close, requests } (requests: every path asked for). */
export async function startServer() {
  const requests = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const file = locate(url.pathname);
    try {
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((done) => server.close(done)),
  };
}
