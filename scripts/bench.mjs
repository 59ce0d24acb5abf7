// What a host page downloads on first view of one widget, raw, gzip and brotli, and the
// budget: the whole first view at most 130 KB gzip, embed.js at most 3 KB gzip (1 KB = 1000 bytes).
// Writes the same figures to target/bench.json; exits non-zero when a budget is broken.
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url);
const FILES = ['embed.js', 'review-widget.js', 'review-widget_bg.wasm', 'style.css'];
const BUDGET = { total_gzip: 130_000, embed_gzip: 3_000 };

const rows = FILES.map((file) => {
  const url = new URL(file, DIST);
  if (!existsSync(url)) {
    console.error(`bench: dist/${file} is missing: run make dist first.`);
    process.exit(2);
  }
  const bytes = readFileSync(url);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), {
  raw: 0,
  gzip: 0,
  brotli: 0,
});

const kb = (n) => (n / 1000).toFixed(1).padStart(8);
console.log('first view of one widget (KB = 1000 bytes)');
console.log(`${'file'.padEnd(24)}${'raw'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
for (const r of rows) console.log(`${r.file.padEnd(24)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`${'total'.padEnd(24)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);

// A widget in another language than English also fetches its table (never any other).
const I18N = new URL('i18n/', DIST);
const tables = (existsSync(I18N) ? readdirSync(I18N) : []).sort().map((file) => {
  const bytes = readFileSync(new URL(file, I18N));
  return { file: `i18n/${file}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
if (tables.length) {
  console.log('\nplus, for a widget in that language (fetched with the wasm)');
  for (const t of tables) console.log(`${t.file.padEnd(24)}${kb(t.raw)}${kb(t.gzip)}   first view ${kb(total.gzip + t.gzip).trim()} KB gzip`);
  console.log('');
}

// A widget with shared comments (`sync`) loads the other build instead of the glue and wasm.
const sharingFiles = ['review-widget-sync.js', 'review-widget-sync_bg.wasm'].filter((file) => existsSync(new URL(file, DIST))).map((file) => {
  const bytes = readFileSync(new URL(file, DIST));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
let sharing;
if (sharingFiles.length === 2) {
  const replaced = rows.filter((r) => r.file === 'review-widget.js' || r.file === 'review-widget_bg.wasm').reduce((sum, r) => sum + r.gzip, 0);
  const gzip = total.gzip - replaced + sharingFiles.reduce((sum, f) => sum + f.gzip, 0);
  sharing = { files: sharingFiles, first_view_gzip: gzip, added_gzip: gzip - total.gzip };
  console.log('for a widget with shared comments (sync="…"), instead of the glue and the wasm');
  for (const f of sharingFiles) console.log(`${f.file.padEnd(28)}${kb(f.raw)}${kb(f.gzip)}`);
  console.log(`first view ${kb(gzip).trim()} KB gzip (+${kb(gzip - total.gzip).trim()}); a page without sync never loads these\n`);
}

const embed = rows.find((r) => r.file === 'embed.js');
const broken = [];
if (total.gzip > BUDGET.total_gzip) broken.push(`first view ${kb(total.gzip).trim()} KB gzip > ${BUDGET.total_gzip / 1000} KB`);
if (embed.gzip > BUDGET.embed_gzip) broken.push(`embed.js ${kb(embed.gzip).trim()} KB gzip > ${BUDGET.embed_gzip / 1000} KB`);

const extra = process.env.BENCH_EXTRA ? JSON.parse(readFileSync(process.env.BENCH_EXTRA, 'utf8')) : undefined;
const shared = process.env.BENCH_SHARING ? JSON.parse(readFileSync(process.env.BENCH_SHARING, 'utf8')) : undefined;
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../target/bench.json', import.meta.url),
  JSON.stringify(
    { files: rows, total, tables, sharing: { ...sharing, ...shared }, budget: BUDGET, within_budget: broken.length === 0, ...(extra ? { runtime: extra } : {}) },
    null,
    2,
  ) + '\n',
);
console.log('written: target/bench.json');
if (broken.length) {
  console.error(`bench: over budget: ${broken.join('; ')}`);
  process.exit(1);
}
console.log('within budget');
