// The review's spoilers as a reader meets them on the demo page: nothing leaks before a
// reveal, everything shows after "Show all spoilers", keyboard journeys, axe, JSON-LD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations, focusedInWidget, shadowEverything, spoilerOnlyWords, wordsOf } from '../lib/widget.mjs';

const session = specSession();

async function demo(options) {
  const page = await session.page('/', options);
  await waitForWidgets(page, 1);
  return page;
}

test('before any reveal, no word of any spoiler exists in the widget or can be found', async () => {
  const page = await demo();
  const secrets = await spoilerOnlyWords(page);
  assert.ok(secrets.length >= 10, `the demo has spoiler words to look for: ${secrets}`);
  const everything = wordsOf(await shadowEverything(page));
  for (const word of secrets) assert.ok(!everything.has(word), `"${word}" is in the shadow tree`);
  assert.equal(await page.evaluate(() => window.find('Hailsham')), true, 'window.find works (a visible word)');
  for (const word of secrets) {
    const found = await page.evaluate((w) => {
      getSelection().removeAllRanges();
      return window.find(w);
    }, word);
    assert.equal(found, false, `window.find("${word}")`);
  }
  await page.close();
});

test('after "Show all spoilers" every spoiler is visible, and "Hide all spoilers" hides them again', async () => {
  const page = await demo();
  const secrets = await spoilerOnlyWords(page);
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  await page.getByRole('button', { name: 'Hide all spoilers' }).waitFor();
  const text = (await page.locator('review-widget').evaluate((h) => h.shadowRoot.textContent)).toLowerCase();
  for (const word of secrets) assert.ok(text.includes(word), `"${word}" is shown`);
  for (const name of ['Hide spoiler: What Hailsham is for', 'Hide spoiler: The ending', 'Hide spoiler: Spoiler']) {
    const button = page.getByRole('button', { name, exact: true });
    assert.equal(await button.getAttribute('aria-expanded'), 'true', name);
    assert.equal(await button.isVisible(), true, name);
  }
  assert.equal(await page.locator('review-widget article').getByText('they "complete"', { exact: false }).isVisible(), true);
  await page.getByRole('button', { name: 'Hide all spoilers' }).click();
  await page.getByRole('button', { name: 'Show all spoilers' }).waitFor();
  const hidden = wordsOf(await shadowEverything(page));
  for (const word of secrets) assert.ok(!hidden.has(word), `"${word}" is gone again`);
  await page.close();
});

test('keyboard only: Tab, Enter and Space toggle; Escape hides and returns focus', async () => {
  const page = await demo();
  const target = 'Show spoiler: What Hailsham is for';
  for (let i = 0; i < 10 && (await focusedInWidget(page)) !== target; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedInWidget(page), target, 'Tab reaches the spoiler button');
  await page.keyboard.press('Enter');
  await page.locator('review-widget article').getByText('organ donors', { exact: false }).waitFor();
  assert.equal(await focusedInWidget(page), 'Hide spoiler: What Hailsham is for');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: target }).waitFor();
  assert.equal(await page.locator('review-widget article').getByText('organ donors', { exact: false }).count(), 0);
  await page.keyboard.press('Space');
  await page.locator('review-widget article').getByText('organ donors', { exact: false }).waitFor();
  // Escape from inside the revealed content.
  await page.locator('review-widget article').getByText('organ donors', { exact: false }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: target }).waitFor();
  assert.equal(await page.locator('review-widget article').getByText('organ donors', { exact: false }).count(), 0);
  assert.equal(await focusedInWidget(page), target, 'focus is back on the spoiler button');
  // The inline spoiler by keyboard too.
  for (let i = 0; i < 10 && (await focusedInWidget(page)) !== 'Show spoiler: Spoiler'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('review-widget article').getByText('truly in love', { exact: false }).waitFor();
  await page.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no violations with spoilers hidden and revealed (${colorScheme})`, async () => {
    const page = await demo({ colorScheme });
    assert.deepEqual(await axeViolations(page), [], 'spoilers hidden');
    await page.getByRole('button', { name: 'Show all spoilers' }).click();
    await page.getByRole('button', { name: 'Hide all spoilers' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'spoilers revealed');
    await page.close();
  });
}

test('the JSON-LD in <head> is a schema.org Review without any spoiler', async () => {
  const page = await demo();
  const secrets = await spoilerOnlyWords(page);
  const scripts = await page.$$eval('head script[type="application/ld+json"]', (s) => s.map((e) => e.textContent));
  assert.equal(scripts.length, 1);
  const ld = JSON.parse(scripts[0]);
  assert.equal(ld['@type'], 'Review');
  assert.equal(ld.itemReviewed['@type'], 'Book');
  assert.equal(ld.itemReviewed.name, 'Never Let Me Go');
  assert.equal(ld.itemReviewed.author.name, 'Kazuo Ishiguro');
  assert.equal(ld.reviewRating.ratingValue, 4.5);
  assert.equal(ld.author.name, 'A. Reader');
  assert.equal(ld.datePublished, '2026-11-20');
  assert.match(ld.reviewBody, /\[spoiler\]/);
  for (const word of secrets) assert.ok(!ld.reviewBody.toLowerCase().includes(word), `"${word}" in JSON-LD`);
  await page.close();
});

test('before the widget starts, block spoilers are closed and inline spoilers unreadable', async () => {
  // The wasm never arrives: the reader sees the host's HTML with the documented snippet's CSS.
  const page = await session.page(null, {
    beforeLoad: (p) => p.route(/_bg\.wasm/, () => {}),
  });
  await page.goto(session.server.url + '/');
  const inline = page.locator('review-widget span[data-spoiler]');
  assert.equal(await inline.evaluate((e) => getComputedStyle(e).fontSize), '0px');
  assert.equal(await page.locator('review-widget details[data-spoiler]').first().evaluate((d) => d.open), false);
  assert.equal(await page.getByText('organ donors', { exact: false }).isVisible(), false);
  await page.close();
});
