// The CouchDB-compatible test server itself, run in a child process of the tests
// (lib/couch.mjs): express-pouchdb, in memory, on 127.0.0.1 and a free port. Messages from the
// parent take it down (every connection cut, new ones refused), up again, or make it answer
// nonsense; its data lives as long as the process.
//
// Two things CouchDB does that express-pouchdb does not, added in front of it:
// - `POST /<db>/_changes` with a `selector` in the body (express-pouchdb only passes `doc_ids`
//   on): the selector is handed to PouchDB's changes feed as an option;
// - CORS for the test pages' origin (CouchDB's [cors] settings).
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// PouchDB's changes feeds add a listener per long poll in flight.
EventEmitter.defaultMaxListeners = 100;

const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'))
  .defaults({ adapter: 'memory' });
const app = require('express-pouchdb')(PouchDB, { mode: 'fullCouchDB', inMemoryConfig: true, logPath: '/dev/null' });

let down = false;
let forced = null; // [status, body]: answered instead of the database
const sockets = new Set();

const server = createServer((request, response) => {
  if (down) return request.socket.destroy();
  const url = new URL(request.url, 'http://127.0.0.1');
  response.setHeader('access-control-allow-origin', request.headers.origin || '*');
  response.setHeader('access-control-allow-credentials', 'true');
  response.setHeader('access-control-allow-headers', 'accept, authorization, content-type');
  response.setHeader('access-control-allow-methods', 'GET, PUT, POST, HEAD, DELETE');
  if (request.method === 'OPTIONS') {
    response.writeHead(204);
    return response.end();
  }
  if (forced) {
    response.writeHead(forced[0], { 'content-type': 'text/html' });
    return response.end(forced[1]);
  }
  if (request.method === 'POST' && url.pathname.endsWith('/_changes')) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body = {};
      try {
        body = JSON.parse(raw.toString() || '{}');
      } catch {}
      const query = Object.fromEntries(url.searchParams);
      for (const key of ['limit', 'timeout', 'heartbeat']) if (/^\d+$/.test(query[key] ?? '')) query[key] = Number(query[key]);
      if (/^\d+$/.test(query.since ?? '')) query.since = Number(query.since);
      if (query.include_docs !== undefined) query.include_docs = query.include_docs === 'true';
      if (body.selector) query.selector = body.selector;
      Object.assign(request, { query, body, rawBody: raw, _body: true });
      app(request, response);
    });
    return;
  }
  app(request, response);
});
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

process.on('message', (message) => {
  if (message.down !== undefined) {
    down = message.down;
    if (down) for (const socket of sockets) socket.destroy();
  }
  if (message.forced !== undefined) forced = message.forced;
  process.send({ done: message.id });
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
