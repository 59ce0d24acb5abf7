// Chapter-aware spoilers: the reader says how far they have read, and the review and its
// comments open up exactly to that point, in every review of the book on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations, shadowEverything } from '../lib/widget.mjs';

const session = specSession();

const PAGE = '/pages/chapters.html';
const SAFE_AT_12 = ['Marigold arrives at the lighthouse', 'the keeper vanishes'];
const BEYOND_12 = ['the letters burn', 'sails home through the fog', 'Counted as the whole book'];

async function open(context) {
  const page = await session.page(PAGE, context ? { context } : {});
  await waitForWidgets(page, 2);
  return page;
}

const progressOf = (page, id) => page.locator(`#${id}`).getByRole('combobox', { name: 'How far have you read?' });

/** Whether `text` exists anywhere in the widget (text or attribute) or can be found on the page. */
async function exists(page, id, text) {
  const everything = await shadowEverything(page, `#${id}`);
  const found = await page.evaluate((t) => {
    window.getSelection()?.removeAllRanges();
    return window.find(t);
  }, text);
  return everything.includes(text) || found;
}

test('at chapter 12 after a reload, spoilers up to chapter 12 are open and later ones do not exist', async () => {
  const context = await session.newContext();
  const page = await open(context);
  const first = page.locator('#first');
  // Every spoiler shows how far it reaches.
  for (const tag of ['Up to chapter 3', 'Up to chapter 12', 'Up to chapter 18', 'Whole book']) {
    assert.ok((await first.locator('article').getByText(tag, { exact: true }).count()) >= 1, tag);
  }
  await progressOf(page, 'first').selectOption({ label: 'Chapter 12' });
  // Kept for the book (by an effect after the render), then the page is reloaded.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(':progress') && localStorage.getItem(k) === '12'));
  await page.reload();
  await waitForWidgets(page, 2);
  assert.equal(await progressOf(page, 'first').inputValue(), '12');
  const arrival = first.getByRole('button', { name: 'Hide spoiler: The arrival' });
  assert.equal(await arrival.getAttribute('aria-expanded'), 'true');
  assert.equal(await first.getByRole('button', { name: 'Hide spoiler: Spoiler' }).count(), 1, 'the chapter 12 inline spoiler');
  assert.equal(await first.getByRole('button', { name: 'Show spoiler: Spoiler' }).count(), 1, 'the chapter 18 one stays hidden');
  assert.equal(await first.getByRole('button', { name: 'Show spoiler: The ending' }).getAttribute('aria-expanded'), 'false');
  assert.equal(await first.getByRole('button', { name: 'Show spoiler: Odd mark' }).count(), 1, 'a bad data-chapter is the whole book');
  for (const text of SAFE_AT_12) assert.ok(await exists(page, 'first', text), `shown: ${text}`);
  for (const text of BEYOND_12) assert.equal(await exists(page, 'first', text), false, `hidden: ${text}`);
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => /^review-widget:v1:book:.+:progress$/.test(k)).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(stored, ['12']);
  await context.close();
});

test('raising the progress reveals what became safe and says so once; Not started hides everything', async () => {
  const page = await open();
  const first = page.locator('#first');
  await progressOf(page, 'first').selectOption({ label: 'Chapter 12' });
  await first.getByRole('status').filter({ hasText: '2 more spoilers are now shown.' }).waitFor();
  await progressOf(page, 'first').selectOption({ label: 'Chapter 18' });
  await first.getByRole('status').filter({ hasText: '1 more spoiler is now shown.' }).waitFor();
  assert.ok(await exists(page, 'first', 'the letters burn'));
  assert.equal(await exists(page, 'first', 'sails home through the fog'), false);
  await progressOf(page, 'first').selectOption({ label: 'Finished' });
  await first.getByRole('status').filter({ hasText: '2 more spoilers are now shown.' }).waitFor();
  assert.equal(await first.getByRole('button', { name: /^Show spoiler:/ }).count(), 0);
  await progressOf(page, 'first').selectOption({ label: 'Not started' });
  await first.getByRole('button', { name: 'Show spoiler: The arrival' }).waitFor();
  assert.equal(await first.getByRole('button', { name: /^Hide spoiler:/ }).count(), 0, 'all hidden again');
  for (const text of [...SAFE_AT_12, ...BEYOND_12]) assert.equal(await exists(page, 'first', text), false, text);
  // Show all spoilers still acts on everything.
  await first.getByRole('button', { name: 'Show all spoilers' }).click();
  assert.equal(await first.getByRole('button', { name: /^Show spoiler:/ }).count(), 0);
  await page.close();
});

test('a second review of the same book on the page follows the same progress', async () => {
  const page = await open();
  const second = page.locator('#second');
  assert.equal(await second.getByRole('button', { name: 'Show spoiler: Chapter five' }).count(), 1);
  await progressOf(page, 'first').selectOption({ label: 'Chapter 12' });
  await second.getByRole('button', { name: 'Hide spoiler: Chapter five' }).waitFor();
  assert.equal(await progressOf(page, 'second').inputValue(), '12');
  assert.ok(await exists(page, 'second', 'Gulls everywhere'));
  await page.close();
});

test('a comment that spoils up to chapter 20 is collapsed at chapter 12 and shown once the book is finished', async () => {
  const page = await open();
  const first = page.locator('#first');
  await progressOf(page, 'first').selectOption({ label: 'Chapter 12' });
  const form = first.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('The storm in chapter twenty wrecked me');
  await form.getByRole('combobox', { name: 'Spoils up to' }).selectOption({ label: 'Chapter 20' });
  assert.equal(await form.getByRole('checkbox', { name: 'Contains spoilers' }).isChecked(), true);
  await form.getByRole('button', { name: 'Post comment' }).click();
  const hidden = first.getByRole('button', { name: 'Show spoiler: Comment by Ann' });
  await hidden.waitFor();
  assert.equal(await first.locator('article.rw-comment').getByText('Up to chapter 20').count(), 1);
  assert.equal(await exists(page, 'first', 'storm in chapter twenty'), false);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('review-widget:v1:chapters-first:comments')));
  assert.equal(stored.comments[0].chapter, 20);
  await progressOf(page, 'first').selectOption({ label: 'Finished' });
  await first.locator('article.rw-comment').getByText('The storm in chapter twenty wrecked me').waitFor();
  assert.equal(await hidden.count(), 0, 'shown without a button for a reader who finished');
  await page.close();
});

test('axe finds nothing with the progress control, in light and dark', async () => {
  const page = await open();
  await progressOf(page, 'first').selectOption({ label: 'Chapter 12' });
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await axeViolations(page, '#first'), [], colorScheme);
  }
  await page.close();
});
