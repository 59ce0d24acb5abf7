// Comments at scale, in headless Chromium on the release dist/: with 10, 1,000 and 10,000
// comments stored, the time from mount to the list shown, from "Post comment" to the new
// comment shown, and the wasm memory of the widget's instance. Medians of BENCH_RUNS (11) page loads
// (one load of this 2-core machine varies by a quarter; 11 keep the medians steady).
// Prints a table to stderr and the figures as JSON to stdout (for scripts/bench.mjs).
import { startSession } from '../tests/e2e/lib/browser.mjs';

const SIZES = (process.env.BENCH_SIZES ?? "10,1000,10000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const KEY = 'review-widget:v1:never-let-me-go:comments';

// Stored as the widget stores them: records in id order.
const id = (i) => `c${String(i).padStart(5, '0')}`;

function envelope(count) {
  const comments = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    // One in five is a reply to an earlier top-level comment.
    const parent = i % 5 === 4 ? id(i - 1 - ((i - 1) % 5)) : null;
    comments.push({
      id: id(i),
      parent,
      author: `Reader ${i % 97}`,
      body: `Comment number ${i}: the school, the cottages and the fence all stayed with me.`,
      spoiler: i % 11 === 0,
      created: start + i * 60_000,
      changed: start + i * 60_000,
      writer: `tab${i % 3}`,
    });
  }
  return JSON.stringify({ format: 'review-widget/comments', version: 2, reviewId: 'never-let-me-go', comments });
}

// Installed before the page's scripts: keeps each wasm instance, so its memory can be read.
function probe() {
  window.__instances = [];
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    window.__instances.push(result.instance ?? result);
    return result;
  };
}

// Takes the widget out, lets its teardown finish, then puts a fresh copy in its place (the
// module is compiled already) and times, inside its shadow root, from the mount (the app's
// container appears) to the first comment shown. (Replacing it in one step would time the old
// widget's teardown too, which a reader opening the page never waits for.)
function remount() {
  return new Promise((done) => {
    const old = document.querySelector('review-widget');
    const copy = old.cloneNode(true);
    const place = document.createComment('');
    old.replaceWith(place);
    setTimeout(() => {
      place.replaceWith(copy);
      const root = copy.shadowRoot;
      let mounted;
      const observer = new MutationObserver(() => {
        if (mounted === undefined && root.querySelector('.rw-root')) mounted = performance.now();
        if (mounted !== undefined && root.querySelector('article.rw-comment')) {
          observer.disconnect();
          done(performance.now() - mounted);
        }
      });
      observer.observe(root, { childList: true, subtree: true });
    }, 100);
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const session = await startSession();
const results = [];
for (const size of SIZES) {
  const text = envelope(size);
  const runs = [];
  // One more page load first, not counted: it warms the browser's caches and compilers.
  for (let run = -1; run < RUNS; run++) {
    const page = await session.page(null, {
      beforeLoad: async (p) => {
        await p.addInitScript(probe);
        await p.addInitScript(([key, value]) => localStorage.setItem(key, value), [KEY, text]);
      },
    });
    page.on('crash', () => console.error(`bench: the page crashed with ${size} comments`));
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('404') && console.error('page:', m.text()));
    if (process.env.BENCH_DEBUG) {
      page.on('framenavigated', (f) => console.error('navigated', f.url()));
      page.on('close', () => console.error('closed'));
      page.on('pageerror', (e) => console.error('pageerror', e));
    }
    await page.goto(session.server.url + '/');
    await page.waitForFunction(() => document.querySelector('review-widget')?.shadowRoot?.querySelector('article.rw-comment'));
    const list = await page.evaluate(remount);
    const form = page.getByRole('form', { name: 'Leave a comment' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Bench');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(`Timed post ${run}`);
    // From the click to the new comment in the DOM: Yew renders in microtasks after the
    // click's handler, so the next task sees the result.
    const post = await page.locator('review-widget').evaluate(async (host, body) => {
      const root = host.shadowRoot;
      const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Post comment');
      const started = performance.now();
      button.click();
      await new Promise((done) => setTimeout(done));
      const elapsed = performance.now() - started;
      const shown = [...root.querySelectorAll('.rw-comment-body')].some((b) => b.textContent.includes(body));
      return shown ? elapsed : Number.NaN;
    }, `Timed post ${run}`);
    if (Number.isNaN(post)) throw new Error(`the posted comment was not shown (${size} stored)`);
    const memory = await page.evaluate(() =>
      // The release build gives exports short names: the memory is the one Memory export.
      Math.max(...window.__instances.map((i) => Object.values(i.exports).find((e) => e instanceof WebAssembly.Memory)?.buffer.byteLength ?? 0)),
    );
    if (run >= 0) runs.push({ list, post, memory });
    // The page's own context goes with it (its storage, its processes): nothing of one load
    // lingers into the next.
    await page.context().close();
  }
  results.push({
    comments: size,
    list_ms: +median(runs.map((r) => r.list)).toFixed(1),
    post_ms: +median(runs.map((r) => r.post)).toFixed(1),
    wasm_memory_mb: +(median(runs.map((r) => r.memory)) / 1048576).toFixed(1),
  });
}
await session.close();

const base = results[0];
const largest = results[results.length - 1];
const goals = {
  list_ratio_10000_vs_10: +(largest.list_ms / base.list_ms).toFixed(2),
  post_ratio_10000_vs_10: +(largest.post_ms / base.post_ms).toFixed(2),
  post_ms_with_1000: results.find((r) => r.comments === 1000)?.post_ms ?? null,
};
console.error('comments stored   list shown (ms)   post shown (ms)   wasm memory (MB)');
for (const r of results) {
  console.error(`${String(r.comments).padStart(15)}   ${String(r.list_ms).padStart(15)}   ${String(r.post_ms).padStart(15)}   ${String(r.wasm_memory_mb).padStart(16)}`);
}
console.error(`10,000 vs 10: list x${goals.list_ratio_10000_vs_10} (goal <= 3), post x${goals.post_ratio_10000_vs_10} (goal <= 3); post with 1,000 stored: ${goals.post_ms_with_1000} ms (goal <= 16)`);
console.log(JSON.stringify({ comments: results, goals }, null, 2));
