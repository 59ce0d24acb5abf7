// The rules a comments database enforces (server/couchdb/validate_doc_update.js, installed by
// server/couchdb/install.mjs), tried through plain HTTP as any client could: only a reader's
// own comments, in the shape the widget writes, by a signed-in reader who is not banned;
// moderation decisions by moderators only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCouch } from '../lib/couch.mjs';

let couch;
let ann;
let bob;
const comment = (extra = {}) => ({ author: 'Ann', body: 'A good book.', created: 1_764_000_000_000, changed: 1_764_000_000_000, writer: 'tab1', ...extra });

before(async () => {
  couch = await startCouch();
  await couch.database('blog');
  ann = await couch.reader('r-ann');
  bob = await couch.reader('r-bob');
});
after(() => couch.close());

test('a signed-in reader writes their own comments, in the widget\'s shape', async () => {
  const put = await couch.call('PUT', '/blog/c:book:r-ann:a1', comment(), ann);
  assert.equal(put.status, 201, put.text);
  const tombstone = await couch.call('PUT', '/blog/c:book:r-ann:a1', { _rev: put.json.rev, created: 1, changed: 2, writer: 't', deleted: true }, ann);
  assert.equal(tombstone.status, 201, tombstone.text);
  const emoji = await couch.call('PUT', '/blog/c:book:r-ann:a2', comment({ body: '😀'.repeat(5000) }), ann);
  assert.equal(emoji.status, 201, 'characters are counted as the widget counts them');
});

test('everything else is refused', async () => {
  const cases = [
    ['an unauthenticated write', 'PUT', '/blog/c:book:r-ann:b1', comment(), undefined, 401],
    ['a write into another reader\'s comments', 'PUT', '/blog/c:book:r-bob:b2', comment(), ann, 403],
    ['an oversized comment', 'PUT', '/blog/c:book:r-ann:b3', comment({ body: 'x'.repeat(5001) }), ann, 403],
    ['an empty name', 'PUT', '/blog/c:book:r-ann:b4', comment({ author: '  ' }), ann, 403],
    ['an unknown field', 'PUT', '/blog/c:book:r-ann:b5', comment({ html: '<b>' }), ann, 403],
    ['an attachment', 'PUT', '/blog/c:book:r-ann:b6', comment({ _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } }), ann, 403],
    ['a time that is not a time', 'PUT', '/blog/c:book:r-ann:b7', comment({ created: 8.7e15 }), ann, 403],
    ['a document of another kind', 'PUT', '/blog/x:book:r-ann:b8', comment(), ann, 403],
    ['a moderation decision by a reader', 'PUT', '/blog/m:book:r-bob:b9', { status: 'hidden', by: 'r-ann', at: 1 }, ann, 403],
  ];
  for (const [what, method, path, body, as, status] of cases) {
    const answer = await couch.call(method, path, body, as);
    assert.equal(answer.status, status, `${what}: ${answer.text}`);
  }
});

test('a forged revision branch of another reader\'s comment is refused', async () => {
  const put = await couch.call('PUT', '/blog/c:book:r-bob:c1', comment({ author: 'Bob' }), bob);
  assert.equal(put.status, 201);
  const forged = await couch.call(
    'POST',
    '/blog/_bulk_docs',
    { new_edits: false, docs: [{ _id: 'c:book:r-bob:c1', _rev: '9-forged', _revisions: { start: 9, ids: ['forged'] }, ...comment({ body: 'taken over' }) }] },
    ann,
  );
  assert.ok(forged.status >= 400 || forged.json.some((r) => r.error === 'forbidden'), forged.text);
  const stored = await couch.call('GET', '/blog/c:book:r-bob:c1', undefined, 'admin');
  assert.equal(stored.json.body, 'A good book.');
});

test('moderators decide; a banned reader may not write', async () => {
  const moderator = await couch.reader('r-mod', ['moderator']);
  const decided = await couch.call('PUT', '/blog/m:book:r-bob:c1', { status: 'hidden', by: 'r-mod', at: 1 }, moderator);
  assert.equal(decided.status, 201, decided.text);
  const odd = await couch.call('PUT', '/blog/m:book:r-bob:c2', { status: 'maybe' }, moderator);
  assert.equal(odd.status, 403);
  const security = (await couch.call('GET', '/blog/_security', undefined, 'admin')).json;
  await couch.call('PUT', '/blog/_security', { ...security, banned: ['r-bob'] }, 'admin');
  const banned = await couch.call('PUT', '/blog/c:book:r-bob:c3', comment(), bob);
  assert.equal(banned.status, 403, banned.text);
  // Installing again keeps the ban (and the comments).
  await couch.database('blog');
  assert.deepEqual((await couch.call('GET', '/blog/_security', undefined, 'admin')).json.banned, ['r-bob']);
  assert.equal((await couch.call('PUT', '/blog/c:book:r-bob:c4', comment(), bob)).status, 403);
});
