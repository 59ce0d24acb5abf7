// What axe cannot check: keyboard journeys where focus never falls back to the page, what the
// live regions say, visible focus, forced colours, reflow, text spacing, zoom, reduced motion
// and target sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations } from '../lib/widget.mjs';

const session = specSession();

async function demo(options) {
  const page = await session.page('/', options);
  await waitForWidgets(page, 1);
  return page;
}

/** The focused element inside the widget: role and accessible name (or null when focus left it). */
function focused(page) {
  return page.locator('review-widget').evaluate((host) => {
    const active = host.shadowRoot.activeElement;
    if (!active) return null;
    const role = active.getAttribute('role') ?? { BUTTON: 'button', TEXTAREA: 'textbox', INPUT: 'textbox', SELECT: 'combobox', ARTICLE: 'article', H2: 'heading', H3: 'heading' }[active.tagName] ?? active.tagName.toLowerCase();
    const label = active.getAttribute('aria-label') ?? (active.labels?.[0]?.textContent ?? active.textContent).trim();
    return `${role}: ${label}`;
  });
}

const status = (page) => page.locator('review-widget .rw-comments .rw-status');

/** Presses Tab until the focused element is `target` (at most `limit` times). */
async function tabTo(page, target, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${target}; last: ${await focused(page)}`);
}

test('the widget has one polite live region, and it says what just happened', async () => {
  const page = await demo();
  const live = page.locator('review-widget').getByRole('status');
  assert.equal(await page.locator('review-widget').evaluate((host) => host.shadowRoot.querySelectorAll('[role=status]').length), 1);
  const form = page.getByRole('form', { name: 'Leave a comment' });
  for (let i = 0; i < 2; i++) {
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(`Comment ${i}`);
    await form.getByRole('button', { name: 'Post comment' }).click();
    await page.getByRole('heading', { name: i === 0 ? '1 comment' : '2 comments' }).waitFor();
    await live.filter({ hasText: 'Comment posted.' }).waitFor();
  }
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  await live.filter({ hasText: 'All spoilers are shown.' }).waitFor();
  await page.close();
});

test('keyboard only: post, reply, edit, Escape, delete and undo; focus always lands somewhere meaningful', async () => {
  const page = await demo();
  await tabTo(page, 'textbox: Name');
  await page.keyboard.type('Kim');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'textbox: Comment');
  await page.keyboard.type('Typed from the keyboard');
  await page.keyboard.press('Control+Enter');
  await status(page).filter({ hasText: 'Comment posted.' }).waitFor();
  assert.equal(await focused(page), 'textbox: Comment', 'focus stays in the form after posting');

  // Reply: the form opens with focus in its comment box; Escape closes it back to Reply.
  await tabTo(page, 'button: Reply');
  await page.keyboard.press('Enter');
  await page.getByRole('form', { name: 'Reply to Kim' }).waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.id.endsWith('-body'));
  await page.keyboard.type('A first draft');
  await page.keyboard.press('Escape');
  await page.getByRole('form', { name: 'Reply to Kim' }).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.textContent === 'Reply');
  assert.equal(await focused(page), 'button: Reply');
  await page.keyboard.press('Enter');
  const replyBox = page.getByRole('form', { name: 'Reply to Kim' }).getByRole('textbox', { name: 'Comment', exact: true });
  assert.equal(await replyBox.inputValue(), 'A first draft', 'Escape kept the draft');
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.id.endsWith('-body'));
  await page.keyboard.press('Control+Enter');
  await page.getByRole('heading', { name: '2 comments' }).waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.textContent === 'Reply');
  assert.equal(await focused(page), 'button: Reply', 'after posting a reply, focus is back on Reply');

  // Edit, then save with Ctrl+Enter: back on Edit.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'button: Edit');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.tagName === 'TEXTAREA');
  await page.keyboard.press('End');
  await page.keyboard.type(', edited');
  await page.keyboard.press('Control+Enter');
  await page.locator('review-widget article.rw-comment').getByText('Typed from the keyboard, edited').waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.textContent === 'Edit');

  // Delete the reply: focus moves to Undo, which puts it back and focuses it.
  const replyDelete = page.locator('review-widget .rw-replies article.rw-comment').getByRole('button', { name: 'Delete' });
  await replyDelete.focus();
  await page.keyboard.press('Enter');
  await status(page).filter({ hasText: 'Comment deleted. Undo is available for 10 seconds.' }).waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.textContent === 'Undo');
  assert.equal(await focused(page), 'button: Undo');
  await page.keyboard.press('Enter');
  await status(page).filter({ hasText: 'Comment restored.' }).waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.tagName === 'ARTICLE');
  assert.match(await focused(page), /^article: .*Typed and sent|^article: .*A first draft/);

  // Sort from the keyboard: focus stays on the select.
  await page.locator('review-widget').getByRole('combobox', { name: 'Sort comments' }).focus();
  await page.keyboard.press('ArrowDown');
  assert.match(await focused(page), /^combobox: Sort comments/);
  await page.close();
});

test('when Undo times out, focus moves to the comment that now stands where the deleted one was', async () => {
  const page = await session.page(null, { beforeLoad: (p) => p.clock.install() });
  await page.goto(session.server.url + '/');
  await waitForWidgets(page, 1);
  const form = page.getByRole('form', { name: 'Leave a comment' });
  for (const body of ['First comment', 'Second comment']) {
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
    await form.getByRole('button', { name: 'Post comment' }).click();
    await page.locator('review-widget article.rw-comment').getByText(body).waitFor();
  }
  await page.locator('review-widget article.rw-comment').filter({ hasText: 'First comment' }).getByRole('button', { name: 'Delete' }).press('Enter');
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.textContent === 'Undo');
  await page.clock.runFor(10_500);
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.tagName === 'ARTICLE');
  assert.match(await focused(page), /Second comment/);
  assert.equal(await page.locator('review-widget').getByRole('button', { name: 'Undo' }).count(), 0);
  await page.close();
});

test('Show all spoilers is announced, and an import moves focus to what it reports', async () => {
  const page = await demo();
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  await page.locator('review-widget').getByRole('status').filter({ hasText: 'All spoilers are shown.' }).waitFor();
  await page.locator('review-widget .rw-toolbar .rw-status').filter({ hasText: 'All spoilers are shown.' }).waitFor();
  const file = JSON.stringify({ format: 'review-widget/comments', version: 2, reviewId: 'never-let-me-go', comments: [
    { id: 'imp1', author: 'Bo', body: 'Imported one', created: 1764000000000 },
  ] });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import comments' }).click()]);
  await chooser.setFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await status(page).filter({ hasText: '1 comment imported.' }).waitFor();
  await page.waitForFunction(() => document.querySelector('review-widget').shadowRoot.activeElement?.classList.contains('rw-status'));
  await page.close();
});

/** Contrast ratio of two CSS colours (rgb/rgba strings). */
function contrastIn(page) {
  return page.locator('review-widget').evaluate((host) => {
    const parse = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const active = host.shadowRoot.activeElement;
    const ring = getComputedStyle(active).outlineColor;
    // The ring is drawn outside the control (outline-offset), on what is around it.
    let bg = 'rgba(0, 0, 0, 0)';
    for (let el = active.parentElement; el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg); el = el.parentElement) bg = getComputedStyle(el).backgroundColor;
    const [a, b] = [lum(parse(ring)), lum(parse(bg))].sort((x, y) => y - x);
    return { ratio: (a + 0.05) / (b + 0.05), style: getComputedStyle(active).outlineStyle, width: parseFloat(getComputedStyle(active).outlineWidth) };
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`every control shows a focus ring with at least 3:1 contrast (${colorScheme})`, async () => {
    const page = await demo({ colorScheme });
    await tabTo(page, 'button: Show all spoilers');
    const seen = [];
    // Tab through the whole widget, to the last control of the comments.
    for (let i = 0; i < 40; i++) {
      const name = await focused(page);
      if (name === null || seen.includes(name)) break;
      seen.push(name);
      const ring = await contrastIn(page);
      assert.notEqual(ring.style, 'none', name);
      assert.ok(ring.width >= 2, `${name}: ${ring.width}px`);
      assert.ok(ring.ratio >= 3, `${name}: ${ring.ratio.toFixed(2)}:1`);
      await page.keyboard.press('Tab');
    }
    assert.ok(seen.includes('button: Post comment') && seen.includes('button: Import comments'), seen.join(' | '));
    await page.close();
  });
}

test('keyboard only: export starts a download from Enter, and focus stays on the button', async () => {
  const page = await demo();
  await tabTo(page, 'button: Export comments');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /^comments-never-let-me-go\.json$/);
  assert.equal(await focused(page), 'button: Export comments');
  await page.close();
});

test('forced colours: spoiler chips, buttons and the focus ring stay visible', async () => {
  const page = await demo();
  await page.emulateMedia({ forcedColors: 'active' });
  const report = await page.locator('review-widget').evaluate((host) => {
    const root = host.shadowRoot;
    const bordered = (el) => parseFloat(getComputedStyle(el).borderTopWidth) > 0 && getComputedStyle(el).borderTopStyle !== 'none';
    return {
      chips: [...root.querySelectorAll('.rw-spoiler-inline > .rw-spoiler-toggle, .rw-spoiler-tag')].map(bordered),
      buttons: [...root.querySelectorAll('.rw-button, .rw-spoiler-toggle')].map(bordered),
    };
  });
  assert.ok(report.chips.length > 0 && report.chips.every(Boolean), 'chips have a border');
  assert.ok(report.buttons.length > 0 && report.buttons.every(Boolean), 'buttons have a border');
  await tabTo(page, 'button: Show all spoilers');
  const ring = await page.locator('review-widget').evaluate((host) => getComputedStyle(host.shadowRoot.activeElement).outlineStyle);
  assert.notEqual(ring, 'none');
  await page.close();
});

/** Elements of the widget that stick out of it sideways, and whether it scrolls sideways. */
function overflow(page) {
  return page.locator('review-widget').evaluate((host) => {
    const box = host.getBoundingClientRect();
    const out = [...host.shadowRoot.querySelectorAll('*')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > box.right + 1)
      .map((el) => `${el.tagName}.${el.className}`);
    // The live region is clipped on purpose (read aloud, not shown).
    const scrolls = [host, ...host.shadowRoot.querySelectorAll('*:not(.rw-live)')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible' && el.clientWidth > 0);
    return { out: out.slice(0, 5), scrolls: scrolls.map((el) => `${el.tagName}.${el.className}`).slice(0, 5), page: document.documentElement.scrollWidth > document.documentElement.clientWidth };
  });
}

test('reflow at 320 CSS px: nothing sticks out and nothing scrolls sideways', async () => {
  const page = await session.page(null);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto(session.server.url + '/');
  await waitForWidgets(page, 1);
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  assert.deepEqual(await overflow(page), { out: [], scrolls: [], page: false });
  await page.close();
});

test('zoom 200 %: nothing sticks out and nothing scrolls sideways', async () => {
  const page = await session.page(null);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(session.server.url + '/');
  await waitForWidgets(page, 1);
  await page.evaluate(() => (document.documentElement.style.zoom = '2'));
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  assert.deepEqual(await overflow(page), { out: [], scrolls: [], page: false });
  await page.close();
});

test('text spacing (WCAG 1.4.12): nothing is clipped or overlaps', async () => {
  const page = await demo();
  await page.getByRole('button', { name: 'Show all spoilers' }).click();
  const clipped = await page.locator('review-widget').evaluate((host) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }');
    host.shadowRoot.adoptedStyleSheets = [...host.shadowRoot.adoptedStyleSheets, sheet];
    return [...host.shadowRoot.querySelectorAll('button, label, select, p, h2, h3, span, time')]
      .filter((el) => el.getClientRects().length && !el.closest('.rw-live'))
      .filter((el) => {
        const style = getComputedStyle(el);
        const hides = /hidden|clip/.test(style.overflow + style.overflowX + style.overflowY);
        return hides && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
      })
      .map((el) => `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 30)}`);
  });
  assert.deepEqual(clipped, []);
  assert.deepEqual((await overflow(page)).out, []);
  await page.close();
});

test('prefers-reduced-motion removes every transition and animation', async () => {
  const page = await demo();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = await page.locator('review-widget').evaluate((host) =>
    [...host.shadowRoot.querySelectorAll('*')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const durations = (style.transitionDuration + ',' + style.animationDuration).split(',').map((d) => parseFloat(d));
        return durations.some((d) => d > 0) || style.animationName !== 'none';
      })
      .map((el) => `${el.tagName}.${el.className}`),
  );
  assert.deepEqual(moving, []);
  await page.close();
});

test('every control is at least 24 × 24 CSS px (WCAG 2.5.8)', async () => {
  const page = await demo();
  const form = page.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('One with a ||secret|| in it');
  await form.getByRole('button', { name: 'Post comment' }).click();
  await page.getByRole('heading', { name: '1 comment' }).waitFor();
  const small = await page.locator('review-widget').evaluate((host) =>
    [...host.shadowRoot.querySelectorAll('button, select, input:not([type=file]), textarea, a')]
      .filter((el) => el.getClientRects().length)
      .filter((el) => {
        // Links inside a sentence are exempt (the inline exception).
        if (el.tagName === 'A' && el.closest('p')) return false;
        const box = el.getBoundingClientRect();
        return box.width < 24 || box.height < 24;
      })
      .map((el) => `${el.tagName}.${el.className} "${(el.getAttribute('aria-label') ?? el.textContent).trim()}" ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`),
  );
  assert.deepEqual(small, []);
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});
