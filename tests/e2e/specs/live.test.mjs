// A live element: attributes and the review's HTML changed on a mounted widget take effect
// without a reload, and a widget that leaves the page leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';

const session = specSession();

async function page() {
  const p = await session.page('/pages/two-widgets.html');
  await waitForWidgets(p, 2);
  return p;
}

const first = (p) => p.locator('#first');
const heading = (scope, name) => scope.getByRole('heading', { name, exact: true });
const jsonLd = (p, id) => p.evaluate((reviewId) => document.head.querySelector(`script[data-review-widget="${reviewId}"]`)?.textContent ?? null, id);

test('changing lang re-renders the widget in that language, keeping what was typed', async () => {
  const p = await page();
  const box = first(p).getByRole('textbox', { name: 'Comment', exact: true });
  await box.fill('Half a thought');
  await p.evaluate(() => document.getElementById('first').setAttribute('lang', 'fr'));
  await heading(first(p), 'Aucun commentaire pour l’instant').waitFor();
  assert.equal(await first(p).getByRole('textbox', { name: 'Nom', exact: true }).count(), 1);
  assert.equal(await first(p).getByRole('textbox', { name: 'Commentaire', exact: true }).inputValue(), 'Half a thought');
  await p.close();
});

test('changing lang from en to ar turns the heading and the form into Arabic, right to left', async () => {
  const p = await page();
  await heading(first(p), 'No comments yet').waitFor();
  await p.evaluate(() => document.getElementById('first').setAttribute('lang', 'ar'));
  await heading(first(p), 'لا توجد تعليقات بعد').waitFor();
  await first(p).getByRole('form', { name: 'اترك تعليقًا' }).getByRole('button', { name: 'نشر التعليق' }).waitFor();
  const direction = await p.evaluate(() => getComputedStyle(document.getElementById('first').shadowRoot.querySelector('article')).direction);
  assert.equal(direction, 'rtl');
  await p.close();
});

test('changing theme to dark changes the computed colours at once', async () => {
  const p = await session.page(null, { colorScheme: 'light' });
  await p.goto(session.server.url + '/pages/two-widgets.html');
  await waitForWidgets(p, 2);
  const background = () => p.evaluate(() => getComputedStyle(document.getElementById('first').shadowRoot.querySelector('.rw-root')).backgroundColor);
  assert.equal(await background(), 'rgb(255, 253, 248)');
  await p.evaluate(() => document.getElementById('first').setAttribute('theme', 'dark'));
  assert.equal(await background(), 'rgb(29, 28, 32)');
  await p.close();
});

test('changing review-id switches to that review’s comments, and back', async () => {
  const p = await page();
  const form = first(p).getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('On the first book');
  await form.getByRole('button', { name: 'Post comment' }).click();
  await heading(first(p), '1 comment').waitFor();
  await p.evaluate(() => document.getElementById('first').setAttribute('review-id', 'another-book'));
  await heading(first(p), 'No comments yet').waitFor();
  await p.evaluate(() => document.getElementById('first').setAttribute('review-id', 'first-book'));
  await heading(first(p), '1 comment').waitFor();
  await p.close();
});

test('replacing the review’s HTML shows the new text and keeps a spoiler that is still the same revealed', async () => {
  const p = await page();
  await first(p).locator('article').getByRole('button', { name: 'Show spoiler: Spoiler' }).click();
  await first(p).locator('article').getByText('early secret').waitFor();
  await p.evaluate(() => {
    document.querySelector('#first p').textContent = 'The first review, rewritten by its author.';
  });
  await first(p).locator('article').getByText('The first review, rewritten by its author.').waitFor();
  assert.equal(await first(p).locator('article').getByRole('button', { name: 'Hide spoiler: Spoiler' }).count(), 1);
  assert.equal(await first(p).locator('article').getByText('early secret').count(), 1);
  await p.close();
});

test('changing the book updates the header and its JSON-LD; removing the widget removes its JSON-LD', async () => {
  const p = await page();
  assert.match(await jsonLd(p, 'first-book'), /The First Book/);
  await p.evaluate(() => document.getElementById('first').setAttribute('book-title', 'The Renamed Book'));
  await heading(first(p), 'The Renamed Book').waitFor();
  await p.waitForFunction(() => /The Renamed Book/.test(document.head.querySelector('script[data-review-widget="first-book"]')?.textContent ?? ''));
  await p.evaluate(() => document.getElementById('first').remove());
  assert.equal(await jsonLd(p, 'first-book'), null, 'no JSON-LD of a review that left the page');
  assert.notEqual(await jsonLd(p, 'second-book'), null, 'the other widget keeps its own');
  await p.close();
});
