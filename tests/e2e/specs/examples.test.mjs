// The example pages in dist/examples/, as a site owner would copy them: each one works, passes
// axe, and shows what it is there to show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations } from '../lib/widget.mjs';

const session = specSession();
const heading = (scope, name) => scope.getByRole('heading', { name, exact: true });
const jsonLdCount = (page) => page.evaluate(() => document.head.querySelectorAll('script[data-review-widget]').length);

/** Opens an example and collects Content-Security-Policy violations. */
async function example(file, options = {}) {
  const page = await session.page(null, options);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(`${session.server.url}/examples/${file}`);
  return page;
}

test('the demo links the examples, and the examples index links every example', async () => {
  const page = await session.page('/');
  await page.getByRole('link', { name: 'the examples' }).click();
  await heading(page, 'review-widget examples').waitFor();
  const links = await page.getByRole('listitem').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['wordpress.html', 'two-reviews.html', 'single-page-app.html', 'strict-csp.html', 'dark.html', 'arabic.html']);
  await page.close();
});

const ENGLISH = { show: /^Show spoiler: /, form: 'Leave a comment', name: 'Name', comment: 'Comment', post: 'Post comment', one: '1 comment' };
const ARABIC = { show: /^إظهار الحرق: /, form: 'اترك تعليقًا', name: 'الاسم', comment: 'التعليق', post: 'نشر التعليق', one: 'تعليق واحد' };

for (const [file, count, words] of [
  ['wordpress.html', 1, ENGLISH],
  ['two-reviews.html', 2, ENGLISH],
  ['strict-csp.html', 1, ENGLISH],
  ['dark.html', 1, ENGLISH],
  ['arabic.html', 1, ARABIC],
]) {
  test(`examples/${file}: every widget mounts, a spoiler toggles, a comment posts and survives a reload; no policy violated, no console error, axe finds nothing`, async () => {
    const page = await example(file);
    const consoleErrors = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await waitForWidgets(page, count);
    const widget = page.locator('review-widget article').first();
    const spoiler = widget.getByRole('button', { name: words.show }).first();
    const controls = await spoiler.getAttribute('aria-controls');
    await spoiler.click();
    assert.equal(await widget.locator(`button[aria-controls="${controls}"]`).getAttribute('aria-expanded'), 'true');
    await widget.locator(`#${controls}`).waitFor();
    const form = widget.getByRole('form', { name: words.form });
    await form.getByRole('textbox', { name: words.name, exact: true }).fill('Reader');
    await form.getByRole('textbox', { name: words.comment, exact: true }).fill('Kept after a reload.');
    await form.getByRole('button', { name: words.post }).click();
    await heading(widget, words.one).waitFor();
    await page.reload();
    await waitForWidgets(page, count);
    await heading(widget, words.one).waitFor();
    await widget.getByText('Kept after a reload.').waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });
}

test('examples/wordpress.html: a page in lang="en-GB" gets English words and British dates', async () => {
  const page = await example('wordpress.html');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  assert.equal(await widget.getAttribute('lang'), 'en-GB');
  assert.equal(await widget.locator('.rw-byline time').textContent(), '22 November 2026');
  await widget.getByRole('button', { name: 'Show all spoilers' }).waitFor();
  await page.close();
});

test('examples/single-page-app.html: inserting, swapping and removing a widget leaves nothing behind', async () => {
  const page = await example('single-page-app.html');
  const widget = page.locator('#outlet article');
  await page.getByRole('button', { name: 'Open "Never Let Me Go"' }).click();
  await heading(widget, 'Never Let Me Go').waitFor();
  assert.equal(await jsonLdCount(page), 1);
  await page.getByRole('button', { name: 'Open "An Artist of the Floating World"' }).click();
  await heading(widget, 'An Artist of the Floating World').waitFor();
  await widget.getByRole('button', { name: 'Show spoiler: Spoiler' }).click();
  await widget.getByText('cost a pupil his freedom').waitFor();
  assert.equal(await jsonLdCount(page), 1, 'the swapped review replaced the first one in <head>');
  // A comment posted in the app is there when the app opens the review again after a reload.
  const form = widget.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Posted inside the app.');
  await form.getByRole('button', { name: 'Post comment' }).click();
  await heading(widget, '1 comment').waitFor();
  await page.getByRole('button', { name: 'Close the review' }).click();
  await page.waitForFunction(() => !document.head.querySelector('script[data-review-widget]'));
  await page.reload();
  await page.getByRole('button', { name: 'Open "An Artist of the Floating World"' }).click();
  await widget.getByText('Posted inside the app.').waitFor();
  await page.close();
});

test('examples/dark.html: the page’s accent colour reaches every accent-coloured control', async () => {
  const page = await example('dark.html');
  await waitForWidgets(page, 1);
  const colours = await page.evaluate(() => {
    const root = document.querySelector('review-widget').shadowRoot;
    const style = (selector, property) => getComputedStyle(root.querySelector(selector))[property];
    return {
      post: style('.rw-button.is-primary', 'backgroundColor'),
      tag: style('.rw-spoiler-tag', 'backgroundColor'),
      outlined: style('.rw-button:not(.is-primary)', 'borderTopColor'),
      checkbox: style('.rw-check input', 'accentColor'),
      radius: style('.rw-root', 'borderTopLeftRadius'),
    };
  });
  // examples.css: review-widget { --rw-accent: #7ee0c3; --rw-radius: 0.25rem; }
  const accent = 'rgb(126, 224, 195)';
  assert.deepEqual(colours, { post: accent, tag: accent, outlined: accent, checkbox: accent, radius: '4px' });
  await page.close();
});

test('theme="auto" follows the reader’s colour scheme while the page is open; the page’s font is inherited', async () => {
  const page = await session.page('/');
  await waitForWidgets(page, 1);
  const look = () =>
    page.evaluate(() => {
      const root = document.querySelector('review-widget').shadowRoot.querySelector('.rw-root');
      return { background: getComputedStyle(root).backgroundColor, font: getComputedStyle(root).fontFamily };
    });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await look();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await look();
  assert.equal(light.background, 'rgb(255, 253, 248)');
  assert.equal(dark.background, 'rgb(29, 28, 32)');
  const pageFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.equal(dark.font, pageFont, 'no --rw-font: the page’s font');
  await page.evaluate(() => document.querySelector('review-widget').style.setProperty('--rw-font', 'Georgia, serif'));
  assert.equal((await look()).font, 'Georgia, serif');
  await page.close();
});
