// Comments as readers meet them: they survive reloads, tabs and other widgets; hostile
// input stays text; storage that is full, blocked or damaged loses nothing; export/import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations } from '../lib/widget.mjs';

const session = specSession();

const KEY = 'review-widget:v1:never-let-me-go:comments';

async function demo(options) {
  const page = await session.page('/', options);
  await waitForWidgets(page, 1);
  return page;
}

function mainForm(scope) {
  return scope.getByRole('form', { name: 'Leave a comment' });
}

async function post(scope, name, body) {
  const form = mainForm(scope);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
  await form.getByRole('button', { name: 'Post comment' }).click();
}

const heading = (scope, name) => scope.getByRole('heading', { name, exact: true });

test('a comment survives a reload, with its name, time and text', async () => {
  const page = await demo();
  await heading(page, 'No comments yet').waitFor();
  await post(page, 'Ann', 'The fence scene stayed with me.');
  await heading(page, '1 comment').waitFor();
  await page.reload();
  await waitForWidgets(page, 1);
  await heading(page, '1 comment').waitFor();
  const article = page.locator('review-widget article.rw-comment');
  assert.equal(await article.count(), 1);
  assert.match(await article.innerText(), /Ann/);
  assert.match(await article.innerText(), /The fence scene stayed with me\./);
  assert.match(await article.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT/);
  await page.close();
});

test('Ctrl+Enter in the comment box posts it', async () => {
  const page = await demo();
  const form = mainForm(page);
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Kim');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Posted from the keyboard');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).press('Control+Enter');
  await heading(page, '1 comment').waitFor();
  await page.close();
});

const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '<svg onload="window.__pwned = 1"></svg>',
  'javascript:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1',
  'java\tscript:window.__pwned=1',
  '"><img src=x onerror=window.__pwned=1>',
  "'><svg/onload=window.__pwned=1>",
  '||https://example.org/a"onmouseover="window.__pwned=1||',
  '||javascript:window.__pwned=1||',
  'https://example.org/x?<script>window.__pwned=1</script>',
];

test('hostile names and comments stay text and trip no trap', async () => {
  const page = await demo();
  for (const [index, text] of HOSTILE.entries()) {
    await post(page, text.slice(0, 80), `${text} #${index}`);
    await heading(page, `${index + 1} ${index === 0 ? 'comment' : 'comments'}`).waitFor();
  }
  // Reveal every spoiler in the comments, so their content is rendered too.
  const hidden = page.locator('review-widget .rw-comments').getByRole('button', { name: 'Show spoiler: Spoiler' });
  assert.ok((await hidden.count()) >= 2);
  while ((await hidden.count()) > 0) await hidden.first().click();
  const report = await page.locator('review-widget').evaluate((host) => {
    const allowed = new Set(['P', 'BR', 'A', 'SPAN', 'BUTTON']);
    const bodies = [...host.shadowRoot.querySelectorAll('.rw-comment-body')];
    const foreign = bodies.flatMap((b) => [...b.querySelectorAll('*')].filter((e) => !allowed.has(e.tagName)).map((e) => e.tagName));
    const links = bodies.flatMap((b) => [...b.querySelectorAll('a')].map((a) => a.getAttribute('href')));
    const handlers = [...host.shadowRoot.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
    );
    const rels = bodies.flatMap((b) => [...b.querySelectorAll('a')].map((a) => a.rel));
    return { foreign, links, handlers, rels, authors: [...host.shadowRoot.querySelectorAll('.rw-comment-author')].map((a) => a.textContent) };
  });
  assert.deepEqual(report.foreign, []);
  assert.deepEqual(report.handlers, []);
  for (const href of report.links) assert.match(href, /^https:\/\/example\.org\//);
  for (const rel of report.rels) assert.equal(rel, 'nofollow ugc noopener noreferrer');
  assert.ok(report.authors.includes('<script>window.__pwned = 1</script>'), 'names are shown as typed');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('axe finds no violations with three comments, a reply and a validation error', async () => {
  const page = await demo();
  await post(page, 'Ann', 'One');
  await heading(page, '1 comment').waitFor();
  await post(page, 'Bo', 'Two with a ||hidden|| bit');
  await heading(page, '2 comments').waitFor();
  await post(page, 'Cy', 'Three');
  await heading(page, '3 comments').waitFor();
  const first = page.locator('review-widget article.rw-comment').filter({ hasText: 'One' }).first();
  await first.getByRole('button', { name: 'Reply' }).click();
  const reply = page.getByRole('form', { name: 'Reply to Ann' });
  await reply.getByRole('textbox', { name: 'Comment', exact: true }).fill('A reply');
  await reply.getByRole('button', { name: 'Post reply' }).click();
  await heading(page, '4 comments').waitFor();
  await mainForm(page).getByRole('textbox', { name: 'Name', exact: true }).fill('');
  await mainForm(page).getByRole('button', { name: 'Post comment' }).click();
  await page.getByRole('alert').filter({ hasText: 'Please enter your name.' }).waitFor();
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page), [], colorScheme);
  }
  await page.close();
});

test('two tabs both post and both comments survive', async () => {
  const context = await session.newContext();
  const tabA = await session.page('/', { context });
  const tabB = await session.page('/', { context });
  await waitForWidgets(tabA, 1);
  await waitForWidgets(tabB, 1);
  await post(tabA, 'Tab A', 'Written in tab A');
  await post(tabB, 'Tab B', 'Written in tab B');
  await heading(tabA, '2 comments').waitFor();
  await heading(tabB, '2 comments').waitFor();
  const stored = JSON.parse(await tabA.evaluate((key) => localStorage.getItem(key), KEY));
  assert.deepEqual(stored.comments.map((c) => c.body).sort(), ['Written in tab A', 'Written in tab B']);
  await context.close();
});

test('a second widget with the same review id on the page updates live', async () => {
  const page = await session.page('/pages/same-id.html');
  await waitForWidgets(page, 2);
  await post(page.locator('#top'), 'Ann', 'Posted at the top');
  await heading(page.locator('#bottom'), '1 comment').waitFor();
  assert.equal(await page.locator('#bottom article.rw-comment').getByText('Posted at the top').count(), 1);
  await page.close();
});

test('storage filled to the quota: the comment stays in the form and an alert explains', async () => {
  const page = await demo();
  const filled = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length >= 1) {
      try {
        localStorage.setItem(`host-filler-${n++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    return n;
  });
  assert.ok(filled > 1);
  await post(page, 'Ann', 'This will not fit');
  await page.getByRole('alert').filter({ hasText: 'storage for this site is full' }).waitFor();
  const box = mainForm(page).getByRole('textbox', { name: 'Comment', exact: true });
  assert.equal(await box.inputValue(), 'This will not fit');
  assert.equal(await page.getByRole('button', { name: 'Export comments' }).count(), 1);
  await heading(page, 'No comments yet').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('host-filler-0').length), 1 << 20, "the host's keys are untouched");
  await page.close();
});

test('storage blocked: comments work for the page and a notice says they will not be kept', async () => {
  const page = await demo({
    beforeLoad: (p) =>
      p.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      }),
  });
  await page.getByRole('status').filter({ hasText: 'comments will be gone when you close it' }).waitFor();
  await post(page, 'Ann', 'Kept in memory');
  await heading(page, '1 comment').waitFor();
  assert.equal(await page.locator('review-widget article.rw-comment').getByText('Kept in memory').count(), 1);
  await page.close();
});

test('damaged data under the key is shown as a problem and left byte-identical', async () => {
  const damaged = '{"format":"review-widget/comments","version":1,"comments":[{"id":"a", broken';
  const page = await demo({
    beforeLoad: (p) => p.addInitScript(([key, value]) => localStorage.setItem(key, value), [KEY, damaged]),
  });
  await page.getByRole('alert').filter({ hasText: 'are damaged' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Download stored data' }).count(), 1);
  assert.equal(await page.getByRole('form', { name: 'Leave a comment' }).count(), 0, 'nothing can be written over it');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), damaged);
  // Starting afresh keeps the old value under a backup key.
  await page.getByRole('button', { name: 'Start afresh' }).click();
  await mainForm(page).waitFor();
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('review-widget:v1:never-let-me-go:comments:backup:')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, [damaged]);
  await page.close();
});

test('export, then import into a fresh profile, restores every comment', async () => {
  const page = await demo();
  await post(page, 'Ann', 'First to export');
  await heading(page, '1 comment').waitFor();
  await post(page, 'Bo', 'Second to export');
  await heading(page, '2 comments').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export comments' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.reviewId, 'never-let-me-go');
  assert.equal(exported.comments.length, 2);
  await page.close();

  const fresh = await demo();
  await heading(fresh, 'No comments yet').waitFor();
  const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.getByRole('button', { name: 'Import comments' }).click()]);
  await chooser.setFiles(file);
  await fresh.getByRole('status').filter({ hasText: '2 comments imported.' }).waitFor();
  await heading(fresh, '2 comments').waitFor();
  // A second import adds nothing.
  const [again] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.getByRole('button', { name: 'Import comments' }).click()]);
  await again.setFiles(file);
  await fresh.getByRole('status').filter({ hasText: 'No new comments in that file' }).waitFor();
  await heading(fresh, '2 comments').waitFor();
  await fresh.close();
});

test('a file that is not an export is refused with a message and changes nothing', async () => {
  const page = await demo();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import comments' }).click()]);
  await chooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await page.getByRole('alert').filter({ hasText: 'not a comments export' }).waitFor();
  await heading(page, 'No comments yet').waitFor();
  await page.close();
});
