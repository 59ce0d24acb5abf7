// What a reader finds in a widget, for assertions.
import AxeBuilder from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe on the widget(s) only; returns the violations as readable lines. */
export async function axeViolations(page, selector = 'review-widget') {
  const result = await new AxeBuilder({ page }).include(selector).withTags(WCAG_TAGS).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Every text and attribute value in a widget's shadow tree. */
export function shadowEverything(page, selector = 'review-widget') {
  return page.locator(selector).first().evaluate((host) => {
    const parts = [host.shadowRoot.textContent];
    for (const element of host.shadowRoot.querySelectorAll('*')) {
      for (const attr of element.attributes) parts.push(attr.value);
    }
    return parts.join(' ');
  });
}

/** The set of words (letters only, lowercase) in a text. */
export function wordsOf(text) {
  return new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
}

/** The words (5+ letters) that appear in the review's spoilers and nowhere else in it. */
export function spoilerOnlyWords(page, selector = 'review-widget') {
  return page.locator(selector).first().evaluate((host) => {
    const words = (text) => new Set((text.toLowerCase().match(/\p{L}{5,}/gu) ?? []));
    const spoilers = [...host.querySelectorAll('[data-spoiler]')];
    const secret = words(spoilers.map((s) => {
      const copy = s.cloneNode(true);
      copy.querySelector(':scope > summary')?.remove();
      return copy.textContent;
    }).join(' '));
    const copy = host.cloneNode(true);
    copy.querySelectorAll('[data-spoiler]').forEach((s) => {
      const summary = s.querySelector(':scope > summary');
      s.replaceWith(summary ? summary.textContent : '');
    });
    const open = words(copy.textContent + ' ' + [...host.attributes].map((a) => a.value).join(' '));
    return [...secret].filter((w) => !open.has(w));
  });
}

/** The element focused inside the widget's shadow root, described by role and name. */
export function focusedInWidget(page, selector = 'review-widget') {
  return page.locator(selector).first().evaluate((host) => {
    const active = host.shadowRoot.activeElement;
    if (!active) return null;
    return active.getAttribute('aria-label') ?? active.textContent.trim();
  });
}
