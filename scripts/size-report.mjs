// Where the release wasm's bytes go: the largest functions and data, and totals by area.
// Reads twiggy's CSV of the size-tuned wasm before wasm-bindgen and wasm-opt (names kept);
// the shares carry over to the shipped file, whose size `make bench` reports.
import { execFileSync } from 'node:child_process';

const WASM = process.argv[2] ?? 'target/size/wasm32-unknown-unknown/release/review_widget.wasm';
const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', WASM], { encoding: 'utf8', maxBuffer: 1 << 28 });

function rows(text) {
  const out = [];
  for (const line of text.trim().split('\n').slice(1)) {
    // Name is the only quoted field; sizes follow it.
    const match = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (match) out.push({ name: match[1].replace(/^"|"$/g, '').replace(/""/g, '"'), size: Number(match[2]) });
  }
  return out;
}

// Sections that never reach a reader (names, wasm-bindgen's descriptors) are left out.
const items = rows(csv).filter((r) => !/function names|__wasm_bindgen_unstable|producers|target_features|\.debug/.test(r.name));
const AREAS = [
  ['data (strings, tables)', /^data segment/],
  ['review-widget: components', /review_widget[^:]*::components/],
  ['review-widget: core/comments', /review_widget[^:]*::core::comments/],
  ['review-widget: core/review', /review_widget[^:]*::core::review/],
  ['review-widget: core (other)', /review_widget[^:]*::core/],
  ['review-widget: shell, mount', /review_widget[^:]*::(shell|mount)/],
  ['yew', /yew/],
  ['wasm-bindgen, web-sys, js-sys', /wasm_bindgen|web_sys|js_sys|gloo|__wbg|__wbindgen/],
  ['std, core, alloc (fmt, sort…)', /^(<)?(core|alloc|std|dlmalloc|talc|compiler_builtins)|<core::|<alloc::|<std::|::fmt::/],
];
const totals = new Map(AREAS.map(([area]) => [area, 0]));
totals.set('other', 0);
for (const item of items) {
  const area = AREAS.find(([, pattern]) => pattern.test(item.name))?.[0] ?? 'other';
  totals.set(area, totals.get(area) + item.size);
}
const all = items.reduce((sum, item) => sum + item.size, 0);
const kb = (n) => (n / 1000).toFixed(1).padStart(7);
console.log(`code and data of ${WASM}: ${kb(all).trim()} KB before wasm-opt\n`);
console.log('by area');
for (const [area, size] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`${kb(size)} KB ${(100 * size / all).toFixed(1).padStart(5)} %  ${area}`);
}
console.log('\nlargest items');
for (const item of items.sort((a, b) => b.size - a.size).slice(0, 40)) {
  console.log(`${kb(item.size)} KB  ${item.name.replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 150)}`);
}
