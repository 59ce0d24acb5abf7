// The skeleton end to end: the demo, several widgets, late widgets, lazy loading,
// sub-paths, a strict CSP, and failures that must leave the review readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';

const session = specSession();

const isWasm = (url) => /_bg\.wasm(\?|$)/.test(url);

test('the demo page shows the widget, loaded through embed.js', async () => {
  const page = await session.page('/');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  await widget.getByRole('heading', { name: 'Never Let Me Go' }).waitFor();
  assert.equal(await widget.getByText('by Kazuo Ishiguro').count(), 1);
  assert.equal(await widget.getByText('4.5 out of 5').count(), 1);
  assert.equal(await page.locator('review-widget').evaluate((host) => host.shadowRoot.mode), 'open');
  const hasSlot = await page.locator('review-widget').evaluate((host) => !!host.shadowRoot.querySelector('slot'));
  assert.equal(hasSlot, false, 'the rendered widget replaces the light-DOM placeholder');
  await page.close();
});

test('a host page with two widgets shows both, each with its own review', async () => {
  const page = await session.page('/pages/two-widgets.html');
  await waitForWidgets(page, 2);
  await page.locator('#first').getByRole('heading', { name: 'The First Book' }).waitFor();
  await page.locator('#second').getByRole('heading', { name: 'The Second Book' }).waitFor();
  assert.equal(await page.locator('#first article').getByText('The first review.').count(), 1);
  assert.equal(await page.locator('#second article').getByText('The first review.').count(), 0);
  assert.equal(await page.locator('#second article').getByText('The second review.').count(), 1);
  await page.close();
});

test('the wasm is fetched once for a page with several widgets', async () => {
  const page = await session.page();
  const wasm = [];
  page.on('request', (request) => isWasm(request.url()) && wasm.push(request.url()));
  await page.goto(session.server.url + '/pages/two-widgets.html');
  await waitForWidgets(page, 2);
  assert.equal(wasm.length, 1, wasm.join(', '));
  await page.close();
});

test('a widget inserted by script after load mounts', async () => {
  const page = await session.page('/pages/empty.html');
  await page.evaluate(() => customElements.whenDefined('review-widget'));
  await page.evaluate(() => {
    const widget = document.createElement('review-widget');
    widget.setAttribute('review-id', 'late');
    widget.setAttribute('book-title', 'Arrived Late');
    const p = document.createElement('p');
    p.textContent = 'Added by a single-page app.';
    widget.append(p);
    document.getElementById('outlet').append(widget);
  });
  await waitForWidgets(page, 1);
  await page.getByRole('heading', { name: 'Arrived Late' }).waitFor();
  assert.equal(await page.locator('review-widget article').getByText('Added by a single-page app.').count(), 1);
  await page.close();
});

test('a single-page app that swaps widgets reuses the instance of the one it removed', async () => {
  const page = await session.page();
  const glue = [];
  page.on('request', (request) => /review-widget\.js(\?|$)/.test(request.url()) && glue.push(request.url()));
  await page.goto(session.server.url + '/pages/empty.html');
  await page.evaluate(() => customElements.whenDefined('review-widget'));
  for (const title of ['First Page', 'Second Page', 'Third Page', 'Fourth Page']) {
    await page.evaluate((bookTitle) => {
      const outlet = document.getElementById('outlet');
      outlet.replaceChildren();
      const widget = document.createElement('review-widget');
      widget.setAttribute('review-id', bookTitle.toLowerCase().replace(' ', '-'));
      widget.setAttribute('book-title', bookTitle);
      widget.append(Object.assign(document.createElement('p'), { textContent: `Review of ${bookTitle}.` }));
      outlet.append(widget);
    }, title);
    await page.locator('review-widget article').getByRole('heading', { name: title }).waitFor();
  }
  assert.equal(glue.length, 1, `one instance served every page: ${glue.join(', ')}`);
  await page.close();
});

test('a widget 3,000px below the fold fetches no wasm until it is scrolled to', async () => {
  const page = await session.page();
  const wasm = [];
  page.on('request', (request) => isWasm(request.url()) && wasm.push(request.url()));
  await page.goto(session.server.url + '/pages/below-fold.html');
  await page.evaluate(() => customElements.whenDefined('review-widget'));
  // Two frames: intersection observers have reported by then.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.deepEqual(wasm, [], 'no wasm before the widget is near the viewport');
  assert.equal(await page.locator('review-widget').evaluate((h) => !!h.shadowRoot.querySelector('article')), false);
  const requested = page.waitForRequest((request) => isWasm(request.url()));
  await page.locator('review-widget').scrollIntoViewIfNeeded();
  await requested;
  await waitForWidgets(page, 1);
  await page.getByRole('heading', { name: 'Far Below' }).waitFor();
  await page.close();
});

test('served under a sub-path, embed.js loads everything relative to itself', async () => {
  const page = await session.page();
  const assets = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\.(js|wasm|css)$/.test(path) && !path.startsWith('/pages/')) assets.push(path);
  });
  await page.goto(session.server.url + '/pages/two-widgets.html');
  await waitForWidgets(page, 2);
  assert.ok(assets.length >= 4, assets.join(', '));
  for (const path of assets) assert.match(path, /^\/assets\/rw\//);
  await page.close();
});

test('under a strict Content-Security-Policy the widget renders with its styles', async () => {
  const page = await session.page();
  const violations = [];
  page.on('console', (message) => /Content.Security.Policy/i.test(message.text()) && violations.push(message.text()));
  await page.goto(session.server.url + '/pages/csp.html?csp=strict');
  await waitForWidgets(page, 1);
  await page.getByRole('button', { name: 'Show spoiler: The twist' }).waitFor();
  const styled = await page.locator('review-widget').evaluate((host) => {
    const article = host.shadowRoot.querySelector('.rw-root');
    return host.shadowRoot.adoptedStyleSheets.length === 1 && getComputedStyle(article).borderTopStyle === 'solid';
  });
  assert.equal(styled, true, 'the shadow root has its stylesheet');
  assert.deepEqual(violations, []);
  await page.close();
});

test('when the wasm cannot be fetched, the review stays readable as the host wrote it', async () => {
  const page = await session.page(null, {
    beforeLoad: (p) => p.route(/_bg\.wasm/, (route) => route.fulfill({ status: 503, body: 'down' })),
  });
  const failed = page.waitForEvent('console', (message) => message.type() === 'error');
  await page.goto(session.server.url + '/pages/two-widgets.html');
  await failed;
  await page.getByText('The first review.').waitFor();
  assert.equal(await page.getByText('The second review.').isVisible(), true);
  await page.close();
});

test('a widget removed from the page is torn down and shows no app', async () => {
  const page = await session.page('/pages/two-widgets.html');
  await waitForWidgets(page, 2);
  const left = await page.evaluate(() => {
    const host = document.getElementById('first');
    const root = host.shadowRoot;
    host.remove();
    return root.querySelector('article') === null && root.querySelector('slot') !== null;
  });
  assert.equal(left, true);
  await page.locator('#second').getByRole('heading', { name: 'The Second Book' }).waitFor();
  await page.close();
});
