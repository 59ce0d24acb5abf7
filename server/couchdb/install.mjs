// Installs review-widget's rules into a CouchDB database, creating it if needed:
//
//   node server/couchdb/install.mjs <database-url> --admin <name>:<password> [--origins <url,url…>]
//
// - the design document `_design/review-widget` (validate_doc_update.js: who may write what);
// - the `_security` object (anyone may read, only admins administer; the `banned` list is kept);
// - with --origins, the server's CORS settings, so that the blog's pages may call the database.
// Running it again updates the rules and keeps the database, its comments and its bans.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const database = args.find((arg, at) => !arg.startsWith('--') && !args[at - 1]?.startsWith('--'));
const admin = option('--admin');
if (!database || !admin || !admin.includes(':')) {
  console.error('usage: node server/couchdb/install.mjs <database-url> --admin <name>:<password> [--origins <url,url…>]');
  process.exit(2);
}
const db = database.replace(/\/+$/, '');
const root = new URL('/', db).href.replace(/\/$/, '');
const auth = 'Basic ' + Buffer.from(admin).toString('base64');

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

function fail(what, answer) {
  console.error(`install: could not ${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  process.exit(1);
}

// 1. The database.
const created = await call('PUT', db);
if (created.status !== 201 && created.status !== 412) fail('create the database', created);
console.log(created.status === 201 ? `created ${db}` : `${db} exists`);

// 2. The rules: the function as CouchDB compiles it (without the comments above it).
const source = readFileSync(new URL('validate_doc_update.js', import.meta.url), 'utf8');
const fn = source.slice(source.search(/^function\s*\(/m));
const current = await call('GET', `${db}/_design/review-widget`);
const design = { _id: '_design/review-widget', validate_doc_update: fn, ...(current.status === 200 ? { _rev: current.json._rev } : {}) };
const stored = await call('PUT', `${db}/_design/review-widget`, design);
if (stored.status >= 300) fail('store the rules', stored);
console.log('rules installed (_design/review-widget)');

// 3. Who may read and administer; bans are kept.
const template = JSON.parse(readFileSync(new URL('security.json', import.meta.url), 'utf8'));
const before = await call('GET', `${db}/_security`);
const security = { ...template, banned: Array.isArray(before.json?.banned) ? before.json.banned : [] };
const secured = await call('PUT', `${db}/_security`, security);
if (secured.status >= 300) fail('store the security object', secured);
console.log(`security object stored (${security.banned.length} banned)`);

// 4. CORS for the blog's origins (CouchDB 3: /_node/_local/_config; older servers: /_config).
const origins = option('--origins');
if (origins) {
  let done = false;
  for (const base of [`${root}/_node/_local/_config`, `${root}/_config`]) {
    const first = await call('PUT', `${base}/cors/origins`, origins);
    if (first.status >= 300) continue;
    for (const [section, key, value] of [
      ['cors', 'credentials', 'true'],
      ['cors', 'methods', 'GET, PUT, POST, HEAD, DELETE'],
      ['cors', 'headers', 'accept, authorization, content-type, origin, referer'],
    ]) {
      const answer = await call('PUT', `${base}/${section}/${key}`, value);
      if (answer.status >= 300) fail(`set ${section}/${key}`, answer);
    }
    // CouchDB 3 reads chttpd's switch, older servers httpd's: both are set.
    const switches = [await call('PUT', `${base}/chttpd/enable_cors`, 'true'), await call('PUT', `${base}/httpd/enable_cors`, 'true')];
    if (switches.every((answer) => answer.status >= 300)) fail('turn CORS on', switches[0]);
    done = true;
    break;
  }
  if (!done) fail('set CORS (is this a CouchDB server, and the name an admin?)', { status: 0, json: null });
  console.log(`CORS allowed for ${origins}`);
}
