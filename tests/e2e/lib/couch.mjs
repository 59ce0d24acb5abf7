// A CouchDB-compatible server for the e2e tests, in memory, on 127.0.0.1 and a free port:
// express-pouchdb (CouchDB's HTTP API over PouchDB) with the repository's rules installed by
// server/couchdb/install.mjs, exactly as a blog owner installs them.
//
// Two things CouchDB does that express-pouchdb does not, added in front of it:
// - `POST /<db>/_changes` with a `selector` in the body (express-pouchdb only passes `doc_ids`
//   on): the selector is handed to PouchDB's changes feed as an option;
// - CORS for the test pages' origin (CouchDB's [cors] settings).
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const INSTALL = fileURLToPath(new URL('../../../server/couchdb/install.mjs', import.meta.url));
export const ADMIN = { name: 'admin', password: 'secret-for-tests' };

function pouchServer() {
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-mapreduce'))
    .plugin(require('pouchdb-replication'))
    .defaults({ adapter: 'memory' });
  return require('express-pouchdb')(PouchDB, { mode: 'fullCouchDB', inMemoryConfig: true, logPath: '/dev/null' });
}

/** Starts the server; `url` is its root. `stop()` and `start()` take it off and on the port again. */
export async function startCouch() {
  const app = pouchServer();
  const requests = [];
  let refuse = null; // (request) => [status, body] to answer instead of the database
  const handler = (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}`);
    response.setHeader('access-control-allow-origin', request.headers.origin || '*');
    response.setHeader('access-control-allow-credentials', 'true');
    response.setHeader('access-control-allow-headers', 'accept, authorization, content-type');
    response.setHeader('access-control-allow-methods', 'GET, PUT, POST, HEAD, DELETE');
    if (request.method === 'OPTIONS') {
      response.writeHead(204);
      return response.end();
    }
    const forced = refuse?.(request, url);
    if (forced) {
      response.writeHead(forced[0], { 'content-type': forced[2] ?? 'text/html' });
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
  };
  let server = createServer(handler);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;

  const admin = 'Basic ' + Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64');
  const couch = {
    url,
    requests,
    /** Plain HTTP to the server; `as` is a {name, password} or 'admin'. */
    async call(method, path, body, as) {
      const headers = { 'content-type': 'application/json' };
      if (as === 'admin') headers.authorization = admin;
      else if (as) headers.authorization = 'Basic ' + Buffer.from(`${as.name}:${as.password}`).toString('base64');
      const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {}
      return { status: response.status, json, text };
    },
    /** A database with the repository's rules, installed by its own install script. */
    async database(name) {
      await promisify(execFile)(process.execPath, [INSTALL, `${url}/${name}`, '--admin', `${ADMIN.name}:${ADMIN.password}`]);
      return `${url}/${name}`;
    },
    /** Every document of a database (comments and decisions). */
    async docs(name) {
      const answer = await couch.call('GET', `/${name}/_all_docs?include_docs=true`, undefined, 'admin');
      return answer.json.rows.map((row) => row.doc).filter((doc) => !doc._id.startsWith('_design/'));
    },
    /** A reader of the database, signed up as the widget does it. */
    async reader(name, roles = []) {
      const user = { name, password: `pw-${name}` };
      await couch.call('PUT', `/_users/org.couchdb.user:${name}`, { name, password: user.password, roles: [], type: 'user' });
      if (roles.length) {
        const doc = (await couch.call('GET', `/_users/org.couchdb.user:${name}`, undefined, 'admin')).json;
        await couch.call('PUT', `/_users/org.couchdb.user:${name}`, { ...doc, roles }, 'admin');
      }
      return user;
    },
    /** Answers every request with `status` and `body` (a broken server) until `refuse(null)`. */
    refuse(answer) {
      refuse = answer;
    },
    async stop() {
      await new Promise((done) => server.close(done));
      server.closeAllConnections?.();
    },
    async start() {
      server = createServer(handler);
      await new Promise((done) => server.listen(port, '127.0.0.1', done));
    },
  };
  // The server's first admin: from here on, nobody else may create databases or change settings.
  await couch.call('PUT', `/_config/admins/${ADMIN.name}`, ADMIN.password);
  return couch;
}
