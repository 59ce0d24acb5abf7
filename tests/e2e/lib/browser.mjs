// Debian's Chromium driven by playwright-core (no browser downloads on this machine).
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One server and one browser for a spec file. */
export async function startSession() {
  const server = await startServer();
  const profile = await mkdtemp(join(tmpdir(), 'rw-e2e-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  const errors = [];
  const newContext = () => browser.newContext({ viewport: { width: 1000, height: 800 } });
  return {
    server,
    errors,
    /** A fresh browser profile (its own storage): for "another reader" or "a fresh profile". */
    newContext,
    /**
     * Opens `path` in a new page. Each call gets a fresh context (fresh storage) unless
     * `options.context` is given (e.g. two tabs of one reader). Uncaught errors go to `errors`.
     */
    async page(path, options = {}) {
      const context = options.context ?? (await newContext());
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error));
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      if (options.beforeLoad) await options.beforeLoad(page);
      if (path) await page.goto(server.url + path);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until every <review-widget> matching `selector` has rendered its article. */
export async function waitForWidgets(page, count, selector = 'review-widget') {
  await page.waitForFunction(
    ([sel, n]) => {
      const hosts = [...document.querySelectorAll(sel)];
      return hosts.length === n && hosts.every((h) => h.shadowRoot?.querySelector('article'));
    },
    [selector, count],
  );
}

/**
 * One session for a spec file: started before its tests, closed after them, when no page
 * may have thrown an uncaught error (but those `expected` matches, planted on purpose).
 */
export function specSession({ expected } = {}) {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(async () => {
    await session.close();
    const unexpected = session.errors.map(String).filter((error) => !(expected && expected.test(error)));
    assert.deepEqual(unexpected, [], 'no uncaught errors on any page');
  });
  return new Proxy({}, { get: (_, name) => session[name] });
}
