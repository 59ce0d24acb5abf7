// Comments at scale, in headless Chromium on the release dist/: with 10, 1,000 and 10,000
// comments stored, the time from mount to the list shown, from "Post comment" to the new
// comment shown, and the wasm memory of the widget's instance. Medians of RUNS page loads.
// Prints a table to stderr and the figures as JSON to stdout (for scripts/bench.mjs).
import { startSession } from '../tests/e2e/lib/browser.mjs';

const SIZES = [10, 1000, 10000];
const RUNS = 3;
const KEY = 'review-widget:v1:never-let-me-go:comments';

function envelope(count) {
  const comments = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    // One in five is a reply to an earlier top-level comment.
    const parent = i % 5 === 4 ? `c${i - 1 - ((i - 1) % 5)}` : null;
    comments.push({
      id: `c${i}`,
      parent,
      author: `Reader ${i % 97}`,
      body: `Comment number ${i}: the school, the cottages and the fence all stayed with me.`,
      spoiler: i % 11 === 0,
      created: start + i * 60_000,
    });
  }
  return JSON.stringify({ format: 'review-widget/comments', version: 1, reviewId: 'never-let-me-go', comments });
}

// Installed before the page's scripts: records when the widget's container appears in its
// shadow root (mount), when the first comment appears (list shown), and keeps each wasm
// instance so its memory can be read.
function probe() {
  window.__bench = { instances: [] };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    window.__bench.instances.push(result.instance ?? result);
    return result;
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => {
      if (!window.__bench.mount && root.querySelector('.rw-root')) window.__bench.mount = performance.now();
      if (!window.__bench.listed && root.querySelector('article.rw-comment')) window.__bench.listed = performance.now();
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const session = await startSession();
const results = [];
for (const size of SIZES) {
  const text = envelope(size);
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await session.page(null, {
      beforeLoad: async (p) => {
        await p.addInitScript(probe);
        await p.addInitScript(([key, value]) => localStorage.setItem(key, value), [KEY, text]);
      },
    });
    await page.goto(session.server.url + '/');
    await page.waitForFunction(() => window.__bench.listed);
    const list = await page.evaluate(() => window.__bench.listed - window.__bench.mount);
    const form = page.getByRole('form', { name: 'Leave a comment' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Bench');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(`Timed post ${run}`);
    const post = await page.locator('review-widget').evaluate(
      (host, body) =>
        new Promise((done) => {
          const root = host.shadowRoot;
          const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Post comment');
          const shown = () => [...root.querySelectorAll('.rw-comment-body')].some((b) => b.textContent.includes(body));
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (shown()) {
              observer.disconnect();
              done(performance.now() - started);
            }
          });
          observer.observe(root, { childList: true, subtree: true, characterData: true });
          button.click();
          if (shown()) {
            observer.disconnect();
            done(performance.now() - started);
          }
        }),
      `Timed post ${run}`,
    );
    const memory = await page.evaluate(() =>
      Math.max(...window.__bench.instances.map((i) => i.exports.memory?.buffer.byteLength ?? 0)),
    );
    runs.push({ list, post, memory });
    await page.close();
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
  post_ms_with_1000: results.find((r) => r.comments === 1000).post_ms,
};
console.error('comments stored   list shown (ms)   post shown (ms)   wasm memory (MB)');
for (const r of results) {
  console.error(`${String(r.comments).padStart(15)}   ${String(r.list_ms).padStart(15)}   ${String(r.post_ms).padStart(15)}   ${String(r.wasm_memory_mb).padStart(16)}`);
}
console.error(`10,000 vs 10: list x${goals.list_ratio_10000_vs_10} (goal <= 3), post x${goals.post_ratio_10000_vs_10} (goal <= 5); post with 1,000 stored: ${goals.post_ms_with_1000} ms (goal <= 16)`);
console.log(JSON.stringify({ comments: results, goals }, null, 2));
