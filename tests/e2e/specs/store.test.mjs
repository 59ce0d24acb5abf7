// Comments that are never lost: tabs writing at the same moment, odd stored records, and
// failures of the instance or of the download that must leave the page working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';

const session = specSession();

const KEY = 'review-widget:v1:never-let-me-go:comments';
const heading = (scope, name) => scope.getByRole('heading', { name, exact: true });

async function demo(options) {
  const page = await session.page('/', options);
  await waitForWidgets(page, 1);
  return page;
}

function envelope(records) {
  return `{"format":"review-widget/comments","version":2,"reviewId":"never-let-me-go","comments":[${records.join(',')}]}`;
}

const GOOD = '{"id":"good1","author":"Bea","body":"A readable comment","created":1764000000000,"changed":1764000000000,"writer":"w"}';

/** Page side: posts `count` comments through the form as fast as it allows, from `start` on. */
function postBurst([label, count, start]) {
  const root = document.querySelector('review-widget').shadowRoot;
  const type = (field, value) => {
    const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value').set.call(field, value);
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  };
  const form = root.querySelector('form[aria-label="Leave a comment"]');
  const body = form.querySelector('textarea');
  const button = [...form.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Post comment');
  return new Promise((done) => {
    const run = async () => {
      type(form.querySelector('input[type=text]'), label);
      for (let i = 0; i < count; i++) {
        type(body, `${label} comment ${i}`);
        button.click();
        // The form empties the comment box once the comment is saved.
        while (body.value !== '') await new Promise((next) => setTimeout(next));
      }
      done();
    };
    // Every tab starts at the same moment.
    setTimeout(run, Math.max(0, start - Date.now()));
  });
}

/** What a fresh reader finds: the records of the comments key and of the recent key, if any. */
function storedRecords(page) {
  return page.evaluate((key) => {
    const values = [key, `${key}:recent`].map((k) => localStorage.getItem(k)).filter((v) => v !== null).map((v) => JSON.parse(v));
    for (const value of values) if (value.version !== 2) throw new Error(`version ${value.version}`);
    return values.flatMap((v) => v.comments.map(({ id, body }) => ({ id, body })));
  }, KEY);
}

/**
 * Stores `count` long comments (2 KB each) for the demo's review in `context`, before any
 * widget loads: 600 make a value over 1 MiB, from which a change goes to the recent key.
 */
async function storeComments(context, count) {
  const setup = await session.page('/examples/none.html', { context });
  const records = Array.from({ length: count }, (_, i) => {
    const id = `old${String(i).padStart(5, '0')}`;
    const body = `Stored comment ${i}: ${'a long thought '.repeat(140)}`;
    return JSON.stringify({ id, author: 'Earlier', body, created: 1764000000000 + i, changed: 1764000000000 + i, writer: 'w' });
  });
  const text = envelope(records);
  await setup.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, text]);
  await setup.close();
  return text;
}

/** Three tabs of one reader (with `before` comments stored) post 15 each at the same moment. */
async function threeTabs(before) {
  const context = await session.newContext();
  if (before > 0) await storeComments(context, before);
  const tabs = [];
  for (let i = 0; i < 3; i++) {
    const tab = await session.page('/', { context });
    await waitForWidgets(tab, 1);
    tabs.push(tab);
  }
  const start = Date.now() + 500;
  await Promise.all(tabs.map((tab, i) => tab.evaluate(postBurst, [`Tab ${i}`, 15, start])));
  // Each tab showed its own comments as posted.
  for (const [i, tab] of tabs.entries()) {
    const own = tab.locator('review-widget article.rw-comment').filter({ hasText: `Tab ${i} comment` });
    assert.ok((await own.count()) >= 15, `tab ${i} shows its 15`);
  }
  const total = before + 45;
  const headingAll = `${total.toLocaleString('en')} comments`;
  const fresh = await session.page('/', { context });
  await waitForWidgets(fresh, 1);
  await heading(fresh, headingAll).waitFor();
  return { context, tabs, fresh, total, headingAll };
}

test('three tabs post 15 comments each at the same moment, and a fresh tab shows all 45 once', async () => {
  const { context, tabs, fresh, headingAll } = await threeTabs(0);
  await fresh.getByRole('button', { name: 'Show more comments' }).click();
  const bodies = await fresh.locator('review-widget .rw-comment-body').allInnerTexts();
  assert.equal(bodies.length, 45);
  assert.equal(new Set(bodies).size, 45, 'each comment once');
  const stored = JSON.parse(await fresh.evaluate((key) => localStorage.getItem(key), KEY));
  assert.equal(stored.version, 2);
  assert.equal(stored.comments.length, 45);
  assert.equal(new Set(stored.comments.map((c) => c.id)).size, 45);
  assert.equal(await fresh.evaluate((key) => localStorage.getItem(`${key}:recent`), KEY), null, 'a short value is written whole');
  // The tabs that wrote see all 45 too.
  for (const tab of tabs) await heading(tab, headingAll).waitFor();
  await context.close();
});

test('with 600 long comments stored (over 1 MiB), a post goes to the recent key and leaves the stored comments as they were', async () => {
  const context = await session.newContext();
  const before = await storeComments(context, 600);
  const page = await session.page('/', { context });
  await waitForWidgets(page, 1);
  const form = page.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Posted on a long list');
  await form.getByRole('button', { name: 'Post comment' }).click();
  await heading(page, '601 comments').waitFor();
  const [main, recent] = await page.evaluate((key) => [localStorage.getItem(key), JSON.parse(localStorage.getItem(`${key}:recent`))], KEY);
  assert.equal(main, before, 'the comments key is not written again');
  assert.deepEqual(recent.comments.map((c) => c.body), ['Posted on a long list']);
  await page.reload();
  await waitForWidgets(page, 1);
  await heading(page, '601 comments').waitFor();
  await page.getByRole('combobox', { name: 'Sort comments' }).selectOption({ label: 'Newest first' });
  await page.locator('review-widget article.rw-comment').filter({ hasText: 'Posted on a long list' }).waitFor();
  await context.close();
});

test('with 600 long comments stored, three tabs post 15 each at the same moment through the recent key, and none is lost', async () => {
  const { context, tabs, fresh, total, headingAll } = await threeTabs(600);
  const stored = await storedRecords(fresh);
  assert.equal(new Set(stored.map((r) => r.id)).size, total, 'every comment is stored');
  const bodies = new Set(stored.filter((r) => r.body?.startsWith('Tab ')).map((r) => r.body));
  assert.equal(bodies.size, 45, 'the 45 new comments, each once');
  for (const tab of tabs) await heading(tab, headingAll).waitFor();
  await context.close();
});

/** Two tabs of one reader: Ann's comment posted in tab A, whose edit form is open there. */
async function twoTabsEditingOneComment(text) {
  const context = await session.newContext();
  const tabA = await session.page('/', { context });
  await waitForWidgets(tabA, 1);
  const form = tabA.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(text);
  await form.getByRole('button', { name: 'Post comment' }).click();
  const tabB = await session.page('/', { context });
  await waitForWidgets(tabB, 1);
  await heading(tabB, '1 comment').waitFor();
  await tabA.locator('review-widget article.rw-comment').getByRole('button', { name: 'Edit' }).click();
  return { context, tabA, tabB };
}

test('two tabs edit and delete the same comment at the same moment and agree that it is deleted', async () => {
  const { context, tabA, tabB } = await twoTabsEditingOneComment('Shared comment');
  await tabA.getByRole('form', { name: 'Edit your comment' }).getByRole('textbox', { name: 'Comment', exact: true }).fill('Edited at the same moment');
  const start = Date.now() + 300;
  const clickAt = ([name, when]) =>
    new Promise((done) =>
      setTimeout(() => {
        const root = document.querySelector('review-widget').shadowRoot;
        [...root.querySelectorAll('article.rw-comment button')].find((b) => b.textContent.trim() === name).click();
        done();
      }, Math.max(0, when - Date.now())),
    );
  await Promise.all([tabA.evaluate(clickAt, ['Save', start]), tabB.evaluate(clickAt, ['Delete', start])]);
  // A delete wins over an edit made at the same moment, in both tabs and in storage.
  await heading(tabA, 'No comments yet').waitFor();
  await heading(tabB, 'No comments yet').waitFor();
  const [storedA, storedB] = await Promise.all([tabA, tabB].map((tab) => tab.evaluate((key) => localStorage.getItem(key), KEY)));
  const records = JSON.parse(storedA).comments;
  assert.equal(records.length, 1);
  assert.equal(records[0].deleted, true, 'kept as a tombstone');
  assert.equal(records[0].body, undefined, 'the text is gone');
  assert.deepEqual(JSON.parse(storedB), JSON.parse(storedA), 'both tabs hold the same');
  await context.close();
});

test('an edit form whose comment another tab deletes stays, with its text, and can be posted as a new comment', async () => {
  const { context, tabA, tabB } = await twoTabsEditingOneComment('To be deleted elsewhere');
  await tabA.getByRole('form', { name: 'Edit your comment' }).getByRole('textbox', { name: 'Comment', exact: true }).fill('A long thought I do not want to lose');
  await tabB.locator('review-widget article.rw-comment').getByRole('button', { name: 'Delete' }).click();
  await heading(tabB, 'No comments yet').waitFor();
  // Tab A: the comment is gone, the text is not.
  await heading(tabA, 'No comments yet').waitFor();
  await tabA.getByRole('status').filter({ hasText: 'The comment you were editing was deleted in another tab.' }).waitFor();
  const orphan = tabA.getByRole('form', { name: 'Edit your comment' });
  assert.equal(await orphan.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), 'A long thought I do not want to lose');
  assert.equal(await orphan.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Ann');
  await orphan.getByRole('button', { name: 'Post comment' }).click();
  await heading(tabA, '1 comment').waitFor();
  assert.equal(await tabA.getByRole('form', { name: 'Edit your comment' }).count(), 0, 'the form closed');
  await tabA.locator('review-widget article.rw-comment').getByText('A long thought I do not want to lose').waitFor();
  await heading(tabB, '1 comment').waitFor();
  await context.close();
});

const ODD = {
  'a time outside what a date can hold': '{"id":"future","author":"Ann","body":"From far ahead","created":8.7e15}',
  'an id with a quote': '{"id":"bad\\"id","author":"Ann","body":"Odd id","created":1764000000000}',
  'a 500 KB text': `{"id":"huge","author":"Ann","body":"${'long '.repeat(100_000)}","created":1764000000000}`,
};

for (const [kind, odd] of Object.entries(ODD)) {
  test(`a stored record with ${kind} leaves the widget working and stays byte-identical`, async () => {
    const page = await demo({
      beforeLoad: (p) => p.addInitScript(([key, value]) => localStorage.setItem(key, value), [KEY, envelope([odd, GOOD])]),
    });
    await page.getByRole('status').filter({ hasText: '1 saved comment could not be shown.' }).waitFor();
    await heading(page, '1 comment').waitFor();
    assert.equal(await page.locator('review-widget article.rw-comment').getByText('A readable comment').count(), 1);
    // The review's spoilers still answer.
    await page.getByRole('button', { name: 'Show spoiler: What Hailsham is for' }).click();
    await page.getByRole('button', { name: 'Hide spoiler: What Hailsham is for' }).waitFor();
    // And a new comment posts.
    const form = page.getByRole('form', { name: 'Leave a comment' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Cy');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Posted next to an odd one');
    await form.getByRole('button', { name: 'Post comment' }).click();
    await heading(page, '2 comments').waitFor();
    const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
    assert.equal(stored.split(odd).length - 1, 1, 'the odd record is kept once, byte for byte');
    assert.match(stored, /Posted next to an odd one/);
    await page.close();
  });
}

test('a wasm download that fails once is tried again: the next widget mounts', async () => {
  let failures = 0;
  const page = await session.page(null, {
    beforeLoad: (p) =>
      p.route(/_bg\.wasm/, (route) => (failures++ === 0 ? route.fulfill({ status: 503, body: 'down' }) : route.continue())),
  });
  const failed = page.waitForEvent('console', (message) => message.type() === 'error' && /could not load/.test(message.text()));
  await page.goto(session.server.url + '/pages/empty.html');
  const add = (title) =>
    page.evaluate((bookTitle) => {
      const widget = document.createElement('review-widget');
      widget.setAttribute('review-id', bookTitle.toLowerCase().replace(/ /g, '-'));
      widget.setAttribute('book-title', bookTitle);
      widget.append(Object.assign(document.createElement('p'), { textContent: `Review of ${bookTitle}.` }));
      document.getElementById('outlet').append(widget);
    }, title);
  await add('First Try');
  await failed;
  assert.equal(await page.getByText('Review of First Try.').isVisible(), true, 'the review stays readable');
  await add('Second Try');
  await page.locator('review-widget').nth(1).getByRole('heading', { name: 'Second Try' }).waitFor();
  assert.equal(failures, 2, 'the second widget fetched the wasm again');
  await page.close();
});

test('Ctrl+Enter in a reply or an edit saves it and closes the form, and the widget keeps working', async () => {
  const page = await demo();
  const form = page.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('First thoughts');
  await form.getByRole('button', { name: 'Post comment' }).click();
  const article = page.locator('review-widget article.rw-comment').first();
  await article.getByRole('button', { name: 'Reply' }).click();
  // The focus stays in the text box while its form goes away.
  const reply = page.getByRole('form', { name: 'Reply to Ann' }).getByRole('textbox', { name: 'Comment', exact: true });
  await reply.fill('Typed and sent from the keyboard');
  await reply.press('Control+Enter');
  await heading(page, '2 comments').waitFor();
  await article.getByRole('button', { name: 'Edit' }).first().click();
  const edit = page.getByRole('form', { name: 'Edit your comment' }).getByRole('textbox', { name: 'Comment', exact: true });
  await edit.fill('Second thoughts');
  await edit.press('Control+Enter');
  await page.locator('review-widget article.rw-comment').getByText('Second thoughts').waitFor();
  assert.equal(await page.getByRole('form', { name: 'Edit your comment' }).count(), 0);
  await page.getByRole('button', { name: 'Show spoiler: What Hailsham is for' }).click();
  await page.getByRole('button', { name: 'Hide spoiler: What Hailsham is for' }).waitFor();
  await page.close();
});

test('an import file with an odd record merges the good ones and says how many could not be shown', async () => {
  const page = await demo();
  const file = envelope([GOOD, ODD['a time outside what a date can hold']]);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import comments' }).click()]);
  await chooser.setFiles({ name: 'comments.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('status').filter({ hasText: '1 comment imported. 1 comment in the file could not be shown.' }).waitFor();
  await heading(page, '1 comment').waitFor();
  await page.getByRole('status').filter({ hasText: '1 saved comment could not be shown.' }).waitFor();
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  assert.ok(stored.includes(ODD['a time outside what a date can hold']), 'carried along as it was');
  await page.close();
});
