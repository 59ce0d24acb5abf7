// review-widget loader, the only file a host page names: defines <review-widget>; near the
// viewport, compiles the wasm once per page and gives each widget its own instance (a failure
// stays in one widget). Everything loads relative to this file.
const here = (file) => new URL(file, import.meta.url).href;
// Two builds: the widget, and the widget with comments shared through a database (`sync`),
// fetched only for a widget that has that attribute.
const build = (name) => ({ glue: here(`${name}.js`), wasm: here(`${name}_bg.wasm`), compiled: undefined, idle: [] });
const PLAIN = build('review-widget');
const SHARING = build('review-widget-sync');
const STYLE = here('style.css');
const TICK_MS = 30_000;
const STOPPED = 'The interactive part of this review stopped working. The review is shown as written.';
// The languages besides English (built in): i18n/<tag>.json, fetched for widgets in that language.
const TABLES = ['fr', 'de', 'es', 'ar', 'pl'];
const tables = new Map(); // tag → Promise<string | null>, forgotten when it fails

let sheet; // Promise<CSSStyleSheet | null>
let instances = 0;
// Each build keeps its compiled module (a promise, forgotten when it fails) and the instances
// of widgets that left cleanly: reused first, so single-page apps do not pile them up.
// Mounted widgets by instance number (each glue has its own URL, seen in error stacks).
const mounted = new Map();
let clock = 0;

function compileOnce(b) {
  b.compiled ??= fetch(b.wasm)
    .then((response) => {
      if (!response.ok) throw new Error(`review-widget: ${b.wasm} answered ${response.status}`);
      return response.headers.get('content-type')?.startsWith('application/wasm')
        ? WebAssembly.compileStreaming(response)
        : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    })
    .catch((error) => {
      b.compiled = undefined; // the next widget, or the next attempt, tries again
      throw error;
    });
  return b.compiled;
}

function styleOnce() {
  // A constructed sheet: works under a CSP without 'unsafe-inline', shared by every widget.
  sheet ??= fetch(STYLE)
    .then((response) => (response.ok ? response.text() : ''))
    .then((css) => {
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(css);
      return constructed;
    })
    .catch(() => null);
  return sheet;
}

// The widget's language as the widget itself resolves it: its own `lang`, then the nearest one.
function languageOf(element) {
  for (const tag of [element.getAttribute('lang'), element.parentElement?.closest('[lang]')?.getAttribute('lang')]) {
    const primary = tag?.trim().split(/[-_]/)[0].toLowerCase();
    if (primary === 'en' || TABLES.includes(primary)) return primary;
  }
  return 'en';
}

// The table of a language's words (null for English, or when it cannot be had: English then).
function tableOf(lang) {
  if (!TABLES.includes(lang)) return Promise.resolve(null);
  if (!tables.has(lang)) {
    const table = fetch(here(`i18n/${lang}.json`))
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`${response.status}`))))
      .catch((error) => {
        tables.delete(lang);
        console.error(`review-widget: no ${lang} table, English instead`, error);
        return null;
      });
    tables.set(lang, table);
  }
  return tables.get(lang);
}

async function instantiate(b) {
  if (b.idle.length) return b.idle.pop();
  const module = await compileOnce(b);
  // Each import of the glue under its own URL is a separate module, with its own instance.
  const number = ++instances;
  const glue = await import(`${b.glue}?instance=${number}`);
  await glue.default({ module_or_path: module });
  return { glue, number, build: b };
}

function ownerOf(error) {
  const stack = String(error?.stack ?? '');
  for (const [number, widget] of mounted) if (stack.includes(`?instance=${number}:`)) return widget;
  return null;
}
// An error that escaped an instance: its widget stopped; show the host's review, never reuse it.
addEventListener('error', (event) => ownerOf(event.error)?.crashed());
addEventListener('unhandledrejection', (event) => ownerOf(event.reason)?.crashed());

// One clock for the relative times ("3 minutes ago") of every widget on the page.
function keepTime() {
  if (mounted.size && !clock) clock = setInterval(() => dispatchEvent(new Event('review-widget:tick')), TICK_MS);
  if (!mounted.size && clock) clock = clearInterval(clock) ?? 0;
}

const nearViewport = { rootMargin: '600px 0px' };
// Attributes the widget reads when it mounts (`theme` is read by the stylesheet itself).
const LIVE = ['review-id', 'book-title', 'book-author', 'rating', 'reviewer', 'published', 'lang', 'spoilers', 'heading-level', 'chapters', 'book-id', 'sync', 'moderation'];

class ReviewWidget extends HTMLElement {
  #mounted = null;
  #instance = null;
  #observer = null;
  #generation = 0;
  #lightDom = null; // watches the review's HTML while mounted
  #remount = 0; // pending re-read of attributes and light DOM
  #table = null; // the words of the widget's language, as mounted (null: English)

  static get observedAttributes() {
    return LIVE;
  }

  // A changed attribute or review HTML re-reads the widget (revealed spoilers and drafts stay).
  attributeChangedCallback(name, before, after) {
    if (before !== after) this.#changed();
  }

  #changed() {
    if (!this.#mounted || this.#remount) return;
    this.#remount = setTimeout(async () => {
      const generation = this.#generation;
      const table = await tableOf(languageOf(this));
      this.#remount = 0;
      const instance = this.#instance;
      if (!this.#mounted || !instance || generation !== this.#generation) return;
      try {
        this.#mounted.unmount();
      } catch (error) {
        console.error('review-widget: unmount failed', error);
      }
      this.#mounted = null;
      // Sharing turned on or off: the other build.
      if (instance.build !== this.#build()) {
        this.#forget();
        instance.build.idle.push(instance);
        return this.#mount();
      }
      this.#start(instance, ++this.#generation, table);
    }, 50);
  }

  connectedCallback() {
    // Until the widget mounts (and whenever it fails), the light-DOM review shows through.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).append(document.createElement('slot'));
    if (!this.#mounted) this.#observe(false);
  }

  disconnectedCallback() {
    this.#stopObserving();
    clearTimeout(this.#remount);
    this.#remount = 0;
    this.#lightDom?.disconnect();
    this.#lightDom = null;
    this.#generation++;
    const widget = this.#mounted;
    const instance = this.#instance;
    this.#forget();
    try {
      if (widget) {
        widget.unmount();
        instance.build.idle.push(instance);
      }
    } catch (error) {
      console.error('review-widget: unmount failed', error);
    }
    this.#showLightDom();
  }

  // Loads near the viewport; after a failed load, only once it left the viewport and came back.
  #observe(afterFailure) {
    this.#stopObserving();
    let ready = !afterFailure;
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => !entry.isIntersecting)) ready = true;
      if (!ready || !entries.some((entry) => entry.isIntersecting)) return;
      this.#stopObserving();
      this.#mount();
    }, nearViewport);
    this.#observer.observe(this);
  }

  #build() {
    return this.hasAttribute('sync') ? SHARING : PLAIN;
  }

  #stopObserving() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  #forget() {
    if (this.#instance) mounted.delete(this.#instance.number);
    this.#mounted = null;
    this.#instance = null;
    keepTime();
  }

  async #mount() {
    const generation = ++this.#generation;
    let instance, styles, table;
    try {
      [instance, styles, table] = await Promise.all([instantiate(this.#build()), styleOnce(), tableOf(languageOf(this))]);
    } catch (error) {
      console.error('review-widget: could not load; the review stays readable as it is.', error);
      if (generation === this.#generation && this.isConnected) this.#observe(true);
      return;
    }
    if (generation !== this.#generation || !this.isConnected) {
      instance.build.idle.push(instance);
      return;
    }
    if (styles) this.shadowRoot.adoptedStyleSheets = [styles];
    this.#start(instance, generation, table);
  }

  #start(instance, generation, table) {
    try {
      const root = this.shadowRoot;
      root.replaceChildren(document.createElement('slot'));
      this.#instance = instance;
      mounted.set(instance.number, this);
      this.#table = table;
      const widget = instance.glue.mount(this, root, () => this.#fail(generation), table);
      if (generation !== this.#generation) return;
      root.querySelector('slot')?.remove();
      this.#mounted = widget;
      keepTime();
      this.#lightDom ??= new MutationObserver(() => this.#changed());
      this.#lightDom.observe(this, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-spoiler', 'data-chapter', 'data-summary', 'data-content-warning', 'href', 'src', 'alt'] });
    } catch (error) {
      console.error('review-widget: could not start; the review stays readable as it is.', error);
      this.#fail(generation);
    }
  }

  crashed() {
    console.error('review-widget: this widget stopped; its review is shown as the page wrote it.');
    this.#fail(this.#generation);
  }

  // A failure in this widget's instance: drop it (never reused), show the host's review again.
  #fail(generation) {
    if (generation !== this.#generation) return;
    this.#generation++;
    this.#lightDom?.disconnect();
    this.#lightDom = null;
    this.#forget();
    let message = STOPPED;
    try {
      message = JSON.parse(this.#table).widget_stopped || STOPPED;
    } catch {}
    queueMicrotask(() => this.#showLightDom(message));
  }

  // The host's review as the page wrote it; after a failure, with one sentence saying why.
  #showLightDom(message) {
    const parts = [document.createElement('slot')];
    if (message) {
      const note = document.createElement('p');
      note.className = 'rw-stopped';
      note.setAttribute('role', 'status');
      note.textContent = message;
      parts.unshift(note);
    }
    this.shadowRoot?.replaceChildren(...parts);
  }
}

if (!customElements.get('review-widget')) customElements.define('review-widget', ReviewWidget);
