// The last step of the release build, after trunk: every reader downloads these files, so
// they leave dist/ as small as they can be without changing what they do.
//  1. One more size-optimising round of binaryen, then the wasm's import, export and module names (wasm-bindgen's `__wbg_appendChild_<hash>`…)
//     become one or two letters (binaryen's minify pass), and the glue is rewritten to match.
//  2. The glue and the loader are minified (terser, ES module mode: exports keep their names).
//  3. The stylesheet is minified (csso), and so are the language tables (i18n/*.json).
// Any name the rewrite cannot account for stops the build: a mismatch would only show in a browser.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { minify as minifyJs } from 'terser';
import { minify as minifyCss } from 'csso';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).pathname;
const wasmOpt = new URL('../node_modules/.bin/wasm-opt', import.meta.url).pathname;

function fail(message) {
  console.error(`shrink: ${message}`);
  process.exit(1);
}

const js = async (code) => {
  const out = await minifyJs(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) fail('terser returned nothing');
  return out.code;
};

// Both builds: the widget, and the widget with shared comments.
for (const name of ['review-widget', 'review-widget-sync']) await shrink(dist(`${name}_bg.wasm`), dist(`${name}.js`));

// --- 1. names and 2. the glue, for one build -----------------------------------------------
async function shrink(WASM, GLUE) {
  const before = readFileSync(WASM);
  const modulesBefore = importModules(before);
  const mapping = JSON.parse(
    execFileSync(wasmOpt, [WASM, '--minify-imports-and-exports-and-modules', '-o', WASM], {
      encoding: 'utf8',
    }),
  );
  // One more size-optimising round on the renamed module still finds about 0.5 KB gzip.
  execFileSync(wasmOpt, [WASM, '-Os', '--converge', '--ignore-implicit-traps', '--strip-producers', '--strip-target-features', '-o', WASM]);
  const modulesAfter = importModules(readFileSync(WASM));
  if (modulesBefore.length !== 1 || modulesAfter.length !== 1) fail(`expected one import module, found ${modulesBefore} → ${modulesAfter}`);

  let glue = readFileSync(GLUE, 'utf8');
  const replaceOnce = (pattern, replacement, what) => {
    const found = glue.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
    if (found !== 1) fail(`${what}: found ${found} times in the glue, expected once`);
    glue = glue.replace(pattern, replacement);
  };
  const quote = (name) => name.replace(/[$.*+?()[\]{}|\\^]/g, '\\$&');
  replaceOnce(new RegExp(`"${quote(modulesBefore[0])}":`), `${JSON.stringify(modulesAfter[0])}:`, `import module ${modulesBefore[0]}`);
  for (const [, name, short] of mapping.imports) {
    replaceOnce(new RegExp(`(?<=[\\s{,])${quote(name)}(?=:)`), short, `import ${name}`);
  }
  for (const [name, short] of mapping.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${quote(name)}\\b`, 'g'), `wasm.${short}`);
    // Exports are reached only as `wasm.<name>` (a local function may share the name).
    if (new RegExp(`[.'"]${quote(name)}\\b`).test(glue)) fail(`export ${name} is reached in the glue other than as wasm.${name}`);
  }

  writeFileSync(GLUE, await js(glue));
}

// --- 2. the loader ----------------------------------------------------------------------
writeFileSync(dist('embed.js'), await js(readFileSync(dist('embed.js'), 'utf8')));

// --- 3. CSS -----------------------------------------------------------------------------
writeFileSync(dist('style.css'), minifyCss(readFileSync(dist('style.css'), 'utf8')).css);
for (const table of readdirSync(dist('i18n'))) {
  writeFileSync(dist(`i18n/${table}`), JSON.stringify(JSON.parse(readFileSync(dist(`i18n/${table}`), 'utf8'))));
}

// The import section's module names (wasm binary format: section 2).
function importModules(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const name = () => {
    const length = leb();
    at += length;
    return bytes.subarray(at - length, at).toString('utf8');
  };
  const limits = () => {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    const modules = new Set();
    for (let count = leb(); count > 0; count--) {
      modules.add(name());
      name();
      const kind = bytes[at++];
      if (kind === 0) leb(); // function: type index
      else if (kind === 1) (at++, limits()); // table: reference type, limits
      else if (kind === 2) limits(); // memory
      else if (kind === 3) at += 2; // global: value type, mutability
      else if (kind === 4) (at++, leb()); // tag: attribute, type index
      else fail(`unknown import kind ${kind}`);
    }
    return [...modules];
  }
  return [];
}
