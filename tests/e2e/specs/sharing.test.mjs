// Comments shared between readers through a CouchDB database (`sync`): two readers (two
// browser profiles) on one review, moderation, a server that stops or answers nonsense, and
// comments that are not to be shared never leaving the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations } from '../lib/widget.mjs';
import { startCouch } from '../lib/couch.mjs';

const session = specSession();
let couch;
let db;

before(async () => {
  couch = await startCouch();
  db = await couch.database('blog');
});
after(() => couch.close());

async function reader(query = '') {
  const page = await session.page(`/pages/sharing.html?db=${encodeURIComponent(db)}${query}`);
  await waitForWidgets(page, 1);
  return page;
}

const widget = (page) => page.locator('review-widget');
const form = (page) => widget(page).getByRole('form', { name: 'Leave a comment' });
const article = (page, text) => widget(page).getByRole('article').filter({ hasText: text }).last();

async function post(page, name, body, { share = true } = {}) {
  const f = form(page);
  await f.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await f.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
  const box = f.getByRole('checkbox', { name: 'Share with other readers' });
  if ((await box.isChecked()) !== share) await box.click();
  await f.getByRole('button', { name: 'Post comment' }).click();
  await article(page, body).waitFor();
}

test('a shared comment reaches another reader, who can reply but not change it', async () => {
  const ann = await reader();
  const bob = await reader();
  const shareBox = form(ann).getByRole('checkbox', { name: 'Share with other readers' });
  assert.equal(await shareBox.isChecked(), true, 'sharing is the default');
  assert.match(await form(ann).textContent(), /127\.0\.0\.1/, 'the form says where shared comments go');
  await post(ann, 'Ann', 'Hello from Ann');
  const annsOnBob = article(bob, 'Hello from Ann');
  await annsOnBob.waitFor({ timeout: 2000 });
  assert.equal(await annsOnBob.getByRole('button', { name: 'Reply' }).count(), 1);
  assert.equal(await annsOnBob.getByRole('button', { name: 'Edit' }).count(), 0, 'another reader\'s comment has no Edit');
  assert.equal(await annsOnBob.getByRole('button', { name: 'Delete' }).count(), 0);
  assert.match(await annsOnBob.textContent(), /Ann\s*[0-9a-f]{6}/, 'the name comes with the reader\'s mark');
  // Bob replies; Ann sees the reply.
  await annsOnBob.getByRole('button', { name: 'Reply' }).click();
  const replyForm = widget(bob).getByRole('form', { name: 'Reply to Ann' });
  await replyForm.getByRole('textbox', { name: 'Name', exact: true }).fill('Bob');
  await replyForm.getByRole('textbox', { name: 'Comment', exact: true }).fill('Welcome, Ann');
  await replyForm.getByRole('button', { name: 'Post reply' }).click();
  await article(ann, 'Welcome, Ann').waitFor({ timeout: 5000 });
  // Ann edits, then deletes; Bob follows.
  const mine = article(ann, 'Hello from Ann');
  assert.equal(await mine.getByRole('button', { name: 'Edit' }).count(), 1, 'her own comment keeps Edit');
  await mine.getByRole('button', { name: 'Edit' }).click();
  const edit = widget(ann).getByRole('form', { name: 'Edit your comment' });
  await edit.getByRole('textbox', { name: 'Comment', exact: true }).fill('Hello again from Ann');
  await edit.getByRole('button', { name: 'Save' }).click();
  await article(bob, 'Hello again from Ann').waitFor({ timeout: 5000 });
  await article(ann, 'Hello again from Ann').getByRole('button', { name: 'Delete' }).click();
  await widget(bob).getByText('Hello again from Ann').waitFor({ state: 'detached', timeout: 5000 });
  const docs = await couch.docs('blog');
  assert.ok(docs.some((d) => d._id.startsWith('c:shared-book:r-') && d.deleted === true), 'the delete reached the database as a tombstone');
});

test('a comment not to be shared never leaves the browser', async () => {
  const page = await reader();
  await post(page, 'Cleo', 'Only for me', { share: false });
  await post(page, 'Cleo', 'For everyone');
  await page.waitForFunction(async ([url]) => {
    const answer = await fetch(`${url}/_all_docs?include_docs=true`);
    return (await answer.text()).includes('For everyone');
  }, [db]);
  const docs = await couch.docs('blog');
  assert.ok(!JSON.stringify(docs).includes('Only for me'));
  assert.equal(await article(page, 'Only for me').getByText('Not shared yet').count(), 0, 'an unshared comment is not waiting to be shared');
});

test('moderators hide comments, and with pre-moderation nothing shows before approval', async () => {
  const dan = await reader();
  await post(dan, 'Dan', 'A comment to moderate');
  await article(dan, 'A comment to moderate').getByText('Not shared yet').waitFor({ state: 'detached' });
  const doc = (await couch.docs('blog')).find((d) => d.body === 'A comment to moderate');
  const [, review, user, record] = doc._id.split(':');
  const eve = await reader();
  await article(eve, 'A comment to moderate').waitFor({ timeout: 5000 });
  const moderator = await couch.reader('r-moderator', ['moderator']);
  await couch.call('PUT', `/blog/m:${review}:${user}:${record}`, { status: 'hidden', by: 'r-moderator', at: Date.now() }, moderator);
  await widget(eve).getByText('A comment to moderate').waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await article(dan, 'A comment to moderate').count(), 1, 'the writer still sees their own comment');

  await post(dan, 'Dan', 'Awaiting approval');
  await article(dan, 'Awaiting approval').getByText('Not shared yet').waitFor({ state: 'detached' });
  const waiting = (await couch.docs('blog')).find((d) => d.body === 'Awaiting approval');
  const fay = await reader('&moderation=pre');
  await pulled(fay);
  assert.equal(await article(fay, 'Awaiting approval').count(), 0, 'pre-moderation: not shown yet');
  const [, , u2, r2] = waiting._id.split(':');
  await couch.call('PUT', `/blog/m:${review}:${u2}:${r2}`, { status: 'approved', by: 'r-moderator', at: Date.now() }, moderator);
  await article(fay, 'Awaiting approval').waitFor({ timeout: 5000 });
});

test('a stopped or broken server pauses sharing and loses nothing', async () => {
  const gus = await reader();
  const hal = await reader();
  await couch.stop();
  await post(gus, 'Gus', 'Written while the server was away');
  const waiting = article(gus, 'Written while the server was away');
  await waiting.getByText('Not shared yet').waitFor({ timeout: 5000 });
  await widget(gus).getByRole('status').filter({ hasText: 'Sharing is paused' }).waitFor({ timeout: 10000 });
  await couch.start();
  await article(hal, 'Written while the server was away').waitFor({ timeout: 70000 });
  await waiting.getByText('Not shared yet').waitFor({ state: 'detached', timeout: 10000 });
  // Nonsense and errors from the server leave the widget working.
  for (const answer of [[200, '<html>Not a database</html>'], [500, 'Internal error']]) {
    await couch.refuse(answer);
    await post(hal, 'Hal', `Still working (${answer[0]})`);
    await couch.refuse(null);
  }
});

/** Waits until the reader's widget has read the database once (its sync state has a sequence). */
async function pulled(page) {
  await page.waitForFunction(() =>
    Object.keys(localStorage).some((key) => key.includes(':sync:') && !key.endsWith(':identity') && JSON.parse(localStorage.getItem(key)).seq !== 0),
  );
}

test('a reader the database refuses is told so; sharing follows the attribute; accessible', async () => {
  const ivy = await reader();
  await post(ivy, 'Ivy', 'Before the ban');
  await article(ivy, 'Before the ban').getByText('Not shared yet').waitFor({ state: 'detached' });
  const identity = await ivy.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith(':identity'));
    return JSON.parse(localStorage.getItem(key)).name;
  });
  // The blog owner removes the reader's user (the test server, unlike CouchDB, does not apply
  // the `banned` list to bulk writes: the rules spec tries the ban itself).
  const user = (await couch.call('GET', `/_users/org.couchdb.user:${identity}`, undefined, 'admin')).json;
  await couch.call('DELETE', `/_users/org.couchdb.user:${identity}?rev=${user._rev}`, undefined, 'admin');
  await post(ivy, 'Ivy', 'After the ban');
  await widget(ivy).getByRole('status').filter({ hasText: 'refused to share' }).waitFor();
  assert.equal(await article(ivy, 'After the ban').getByText('Not shared yet').count(), 1, 'kept here, and said so');
  assert.deepEqual(await axeViolations(ivy), []);
  await ivy.screenshot({ path: new URL('../../../target/sharing.png', import.meta.url).pathname });

  const plain = await session.page('/pages/sharing.html');
  await waitForWidgets(plain, 1);
  assert.equal(await form(plain).getByRole('checkbox', { name: 'Share with other readers' }).count(), 0, 'no database, no sharing');
  await plain.locator('review-widget').evaluate((element, url) => element.setAttribute('sync', url), db);
  await form(plain).getByRole('checkbox', { name: 'Share with other readers' }).waitFor();
  await article(plain, 'Before the ban').waitFor({ timeout: 5000 });
});
