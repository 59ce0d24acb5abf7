// Failure isolation with real Rust panics. The page is served as usual, but its glue and wasm
// come from the test-hooks build (`make dist-hooks`: the same size-tuned build, where a panic
// is a bare `unreachable` trap), in which `data-test-panic` makes a widget panic while
// mounting or in its first click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { specSession, waitForWidgets } from '../lib/browser.mjs';

const HOOKS = fileURLToPath(new URL('../../../target/e2e-hooks/', import.meta.url));
const STOPPED = 'The interactive part of this review stopped working. The review is shown as written.';
const session = specSession({ expected: /unreachable/ });

/** Opens the panics page on the test-hooks build; `glue` collects every instance's glue URL. */
async function openPanics() {
  const glue = [];
  const [script, wasm] = await Promise.all([readFile(HOOKS + 'review-widget.js', 'utf8'), readFile(HOOKS + 'review-widget_bg.wasm')]);
  const page = await session.page(null, {
    beforeLoad: async (p) => {
      await p.route(/review-widget\.js(\?.*)?$/, (route) => {
        glue.push(route.request().url());
        return route.fulfill({ contentType: 'text/javascript', body: script });
      });
      await p.route(/review-widget_bg\.wasm$/, (route) => route.fulfill({ contentType: 'application/wasm', body: wasm }));
    },
  });
  await page.goto(session.server.url + '/pages/panics.html');
  return { page, glue };
}

const stopped = (page, id) => page.locator(`#${id}`).getByRole('status').filter({ hasText: STOPPED });

test('a Rust panic while mounting leaves that review readable with a short message, and the others working', async () => {
  const { page } = await openPanics();
  await waitForWidgets(page, 2, '#first, #clicking');
  await stopped(page, 'mounting').waitFor();
  assert.equal(await page.locator('#mounting article').count(), 0, 'no app in the widget that panicked');
  assert.equal(await page.getByText('The review of a widget that panics while mounting.').isVisible(), true);
  const first = page.locator('#first article');
  await first.getByRole('button', { name: 'Show spoiler: Spoiler' }).click();
  await first.getByText('early secret').waitFor();
  await page.close();
});

test('a Rust panic in a click handler after mount: that widget shows its review again, the others keep working, its instance is never reused', async () => {
  const { page, glue } = await openPanics();
  await waitForWidgets(page, 2, '#first, #clicking');
  const clicking = page.locator('#clicking article');
  await clicking.getByRole('button', { name: 'Show spoiler: Spoiler' }).click();
  await stopped(page, 'clicking').waitFor();
  assert.equal(await page.locator('#clicking article').count(), 0, 'the app is gone from the widget that panicked');
  // The review shows as the page wrote it (the loader's own CSS-free fallback).
  assert.equal(await page.getByText('The review of a widget that panics on a click.').isVisible(), true);
  const first = page.locator('#first article');
  await first.getByRole('button', { name: 'Show spoiler: Spoiler' }).click();
  await first.getByText('early secret').waitFor();
  // A widget that takes the failed one's place gets a fresh instance, and works.
  const before = glue.length;
  await page.evaluate(() => {
    const old = document.getElementById('clicking');
    const copy = old.cloneNode(true);
    copy.removeAttribute('data-test-panic');
    old.remove();
    document.querySelector('main').append(copy);
  });
  await waitForWidgets(page, 2, '#first, #clicking');
  assert.equal(glue.length, before + 1, 'a new instance was made');
  assert.match(glue.at(-1), new RegExp(`instance=${before + 1}$`));
  // The spoiler revealed by the click that panicked is still revealed (kept for the session);
  // the new instance answers clicks.
  await clicking.getByText('late secret').waitFor();
  await clicking.getByRole('button', { name: 'Hide spoiler: Spoiler' }).click();
  await clicking.getByRole('button', { name: 'Show spoiler: Spoiler' }).waitFor();
  assert.equal(await clicking.getByText('late secret').count(), 0);
  await page.close();
});
