// A CouchDB-compatible server for the e2e tests (lib/couch-server.mjs, in a child process, so
// that nothing of it outlives a spec), with the repository's rules installed by
// server/couchdb/install.mjs, exactly as a blog owner installs them.
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const INSTALL = fileURLToPath(new URL('../../../server/couchdb/install.mjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./couch-server.mjs', import.meta.url));
export const ADMIN = { name: 'admin', password: 'secret-for-tests' };

/** Starts the server; `url` is its root. `stop()` and `start()` take it down and up again, `close()` ends it. */
export async function startCouch() {
  const child = fork(SERVER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [{ port }] = await once(child, 'message');
  const url = `http://127.0.0.1:${port}`;
  let asked = 0;
  const tell = async (message) => {
    const id = ++asked;
    child.send({ ...message, id });
    while ((await once(child, 'message'))[0].done !== id);
  };

  const admin = 'Basic ' + Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64');
  const couch = {
    url,
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
    /** Answers every request with `[status, body]` (a broken server) until `refuse(null)`. */
    refuse: (answer) => tell({ forced: answer }),
    /** The server goes down: every connection cut (long polls in flight too), new ones refused. */
    stop: () => tell({ down: true }),
    start: () => tell({ down: false }),
    /** Ends the server (after a spec). */
    close() {
      child.kill();
    },
  };
  // The server's first admin: from here on, nobody else may create databases or change settings.
  await couch.call('PUT', `/_config/admins/${ADMIN.name}`, ADMIN.password);
  return couch;
}
