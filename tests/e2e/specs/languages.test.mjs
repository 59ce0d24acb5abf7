// Languages: tables fetched only for the widget's language, plural forms, right to left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { specSession, waitForWidgets } from '../lib/browser.mjs';
import { axeViolations } from '../lib/widget.mjs';

const session = specSession();
const heading = (scope, name) => scope.getByRole('heading', { name, exact: true });

async function post(scope, name, text, labels) {
  const form = scope.getByRole('form', { name: labels.form });
  await form.getByRole('textbox', { name: labels.name, exact: true }).fill(name);
  await form.getByRole('textbox', { name: labels.comment, exact: true }).fill(text);
  await form.getByRole('button', { name: labels.post }).click();
}

/** Adds a widget in `lang` to the outlet of pages/empty.html, as a single-page app would. */
const addWidget = (page, lang, reviewId, text) =>
  page.evaluate(
    ([lang, reviewId, text]) => {
      const widget = document.createElement('review-widget');
      widget.setAttribute('lang', lang);
      widget.setAttribute('review-id', reviewId);
      widget.append(Object.assign(document.createElement('p'), { textContent: text }));
      document.getElementById('outlet').append(widget);
    },
    [lang, reviewId, text],
  );

/** Opens `path`, counting the language tables the page asks for. */
async function open(path, beforeLoad) {
  const tables = [];
  const page = await session.page(null, {
    beforeLoad: async (p) => {
      p.on('request', (request) => /\/i18n\//.test(request.url()) && tables.push(new URL(request.url()).pathname));
      if (beforeLoad) await beforeLoad(p);
    },
  });
  await page.goto(session.server.url + path);
  return { page, tables };
}

test('an Arabic page: the widget speaks Arabic, lays out right to left, and passes axe', async () => {
  const { page, tables } = await open('/examples/arabic.html');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  await heading(widget, 'لا توجد تعليقات بعد').waitFor();
  assert.deepEqual(tables, ['/i18n/ar.json'], 'one table, the page’s language');
  assert.equal(await widget.getAttribute('lang'), 'ar');
  assert.equal(await widget.evaluate((element) => getComputedStyle(element).direction), 'rtl');
  // The half star is filled from the right, where a right-to-left row of stars starts.
  const half = await page.evaluate(() => getComputedStyle(document.querySelector('review-widget').shadowRoot.querySelector('.rw-star.is-half')).backgroundImage);
  assert.match(half, /to left/);
  // The reading-progress select reveals the chapter 3 spoiler; the whole-book one stays hidden.
  await widget.getByRole('combobox', { name: 'إلى أين وصلت في القراءة؟' }).selectOption({ label: 'الفصل 3' });
  await widget.getByRole('button', { name: 'إخفاء الحرق: من هو مصطفى سعيد' }).waitFor();
  assert.equal(await widget.getByRole('button', { name: 'إظهار الحرق: حرق للأحداث' }).getAttribute('aria-expanded'), 'false');
  const labels = { form: 'اترك تعليقًا', name: 'الاسم', comment: 'التعليق', post: 'نشر التعليق' };
  await post(widget, 'سلمى', 'قرأتها مرتين.', labels);
  await heading(widget, 'تعليق واحد').waitFor();
  await post(widget, 'يوسف', 'وأنا كذلك.', labels);
  await heading(widget, 'تعليقان').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('lang="ar" on the element of a left-to-right page mirrors the widget by itself', async () => {
  const { page } = await open('/pages/empty.html');
  await addWidget(page, 'ar', 'rtl-in-ltr', 'نص المراجعة.');
  await waitForWidgets(page, 1);
  const direction = await page.evaluate(() => {
    const root = document.querySelector('review-widget').shadowRoot.querySelector('.rw-root');
    return [root.getAttribute('dir'), getComputedStyle(root).direction];
  });
  assert.deepEqual(direction, ['rtl', 'rtl']);
  await page.close();
});

test('Polish counts take the form of their plural category', async () => {
  const { page } = await open('/pages/empty.html');
  await addWidget(page, 'pl', 'polish-counts', 'Recenzja.');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  await heading(widget, 'Nie ma jeszcze komentarzy').waitFor();
  const labels = { form: 'Zostaw komentarz', name: 'Imię', comment: 'Komentarz', post: 'Opublikuj komentarz' };
  const seen = [];
  for (let n = 1; n <= 5; n++) {
    await post(widget, 'Ola', `Komentarz numer ${n}`, labels);
    const name = ['1 komentarz', '2 komentarze', '3 komentarze', '4 komentarze', '5 komentarzy'][n - 1];
    await heading(widget, name).waitFor();
    seen.push(name);
  }
  assert.equal(seen.length, 5);
  await page.close();
});

test('an English widget fetches no table, and a table that cannot be fetched leaves the widget in English', async () => {
  const english = await open('/pages/two-widgets.html');
  await waitForWidgets(english.page, 2);
  assert.deepEqual(english.tables, [], 'English needs no table');
  await english.page.close();

  const { page, tables } = await open('/pages/empty.html', (p) =>
    p.route(/\/i18n\/de\.json$/, (route) => route.fulfill({ status: 503, body: 'down' })),
  );
  await addWidget(page, 'de', 'german-unreachable', 'Eine Rezension.');
  await waitForWidgets(page, 1);
  const widget = page.locator('review-widget article');
  assert.equal(await widget.getAttribute('lang'), 'en', 'the widget says it speaks English');
  await heading(widget, 'No comments yet').waitFor();
  assert.deepEqual(tables, ['/assets/rw/i18n/de.json']);
  await page.close();
});
