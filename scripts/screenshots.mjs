// `make screenshots`: what a reader sees, taken from the release dist/ in Debian's Chromium,
// into docs/screenshots/ (shown in the README). Not part of `make test`.
import { mkdirSync } from 'node:fs';
import { startSession, waitForWidgets } from '../tests/e2e/lib/browser.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url);
mkdirSync(OUT, { recursive: true });
const session = await startSession();
const shot = async (page, name, selector = 'review-widget') => {
  await page.locator(selector).first().screenshot({ path: new URL(`${name}.png`, OUT).pathname, animations: 'disabled' });
  console.log(`docs/screenshots/${name}.png`);
};

try {
  // The demo review, light: a spoiler revealed, the reading progress set, one comment.
  let page = await session.page(null, { colorScheme: 'light' });
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto(session.server.url + '/');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  await widget.getByRole('combobox', { name: 'How far have you read?' }).selectOption({ label: 'Chapter 3' });
  const form = widget.getByRole('form', { name: 'Leave a comment' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Ruth');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('The fence in Norfolk stayed with me for weeks.');
  await form.getByRole('button', { name: 'Post comment' }).click();
  await widget.getByRole('heading', { name: '1 comment', exact: true }).waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await shot(page, 'demo-light');
  // A thread: a reply, and a comment that spoils beyond the reader's chapter (collapsed).
  await widget.getByRole('button', { name: 'Reply' }).click();
  const reply = widget.getByRole('form', { name: 'Reply to Ruth' });
  await reply.getByRole('textbox', { name: 'Name', exact: true }).fill('Tommy');
  await reply.getByRole('textbox', { name: 'Comment', exact: true }).fill('Same here. I read the last chapter twice.');
  await reply.getByRole('button', { name: 'Post reply' }).click();
  await widget.getByRole('heading', { name: '2 comments', exact: true }).waitFor();
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Kathy');
  await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('The rumour about deferrals is the cruelest part.');
  await form.getByRole('combobox', { name: 'Spoils up to' }).selectOption({ label: 'Chapter 12' });
  await form.getByRole('button', { name: 'Post comment' }).click();
  await widget.getByRole('heading', { name: '3 comments', exact: true }).waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await shot(page, 'comments', 'review-widget >> .rw-comments');
  await page.close();

  for (const [file, name] of [['dark.html', 'dark'], ['arabic.html', 'arabic']]) {
    page = await session.page(null, { colorScheme: name === 'dark' ? 'dark' : 'light' });
    await page.setViewportSize({ width: 820, height: 900 });
    await page.goto(`${session.server.url}/examples/${file}`);
    await waitForWidgets(page, 1);
    await shot(page, name);
    await page.close();
  }
} finally {
  await session.close();
}
