// Shared comments at scale, in headless Chromium on the release dist/: with 1,000 comments in
// the database (a CouchDB-compatible server from the e2e suite, on this machine), the time
// from the page's start to the first comment from the database shown, for a reader whose
// browser holds none yet. Medians of BENCH_RUNS (5) page loads, after one more not counted.
// Prints a line to stderr and the figures as JSON to stdout (for scripts/bench.mjs).
import { startSession } from '../tests/e2e/lib/browser.mjs';
import { startCouch } from '../tests/e2e/lib/couch.mjs';

const COUNT = Number(process.env.BENCH_SHARED ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const couch = await startCouch();
const db = await couch.database('bench');
const start = Date.UTC(2026, 0, 1);
const docs = [];
for (let i = 0; i < COUNT; i++) {
  docs.push({
    _id: `c:shared-book:r-reader${i % 40}:rec${String(i).padStart(6, '0')}`,
    author: `Reader ${i % 40}`,
    body: `Shared comment number ${i}: the school, the cottages and the fence all stayed with me.`,
    created: start + i * 60_000,
    changed: start + i * 60_000,
    writer: `tab${i % 7}`,
  });
}
await couch.call('POST', '/bench/_bulk_docs', { docs }, 'admin');

const session = await startSession();
const times = [];
for (let run = -1; run < RUNS; run++) {
  const page = await session.page(`/pages/sharing.html?db=${encodeURIComponent(db)}`);
  const shown = await page.evaluate(
    () =>
      new Promise((done) => {
        const look = () => {
          const first = document.querySelector('review-widget')?.shadowRoot?.querySelector('article.rw-comment');
          if (first) done(performance.now());
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
  if (run >= 0) times.push(shown);
  await page.context().close();
}
await session.close();
couch.close();

const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
console.error(`shared comments: ${COUNT} in the database, first one shown ${median.toFixed(0)} ms after the page started (median of ${RUNS})`);
console.log(JSON.stringify({ shared_comments: COUNT, first_remote_comment_ms: +median.toFixed(0) }, null, 2));
