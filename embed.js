// review-widget loader: the only file a host page names.
// Defines <review-widget>, waits until a widget comes near the viewport, then fetches and
// compiles the WebAssembly once per page and gives every widget its own instance of it,
// so that a failure in one widget never reaches another. Everything else is loaded
// relative to this file, so the folder can be served from any path or origin.
const here = (file) => new URL(file, import.meta.url).href;
const GLUE = here('review-widget.js');
const WASM = here('review-widget_bg.wasm');
const STYLE = here('style.css');

let compiled; // Promise<WebAssembly.Module>
let sheet; // Promise<CSSStyleSheet | null>
let instances = 0;
// Instances whose widget left the page cleanly: reused before a new one is made, so a
// single-page app that mounts widget after widget does not pile up instances.
const idle = [];

function compileOnce() {
  compiled ??= fetch(WASM).then((response) => {
    if (!response.ok) throw new Error(`review-widget: ${WASM} answered ${response.status}`);
    return response.headers.get('content-type')?.startsWith('application/wasm')
      ? WebAssembly.compileStreaming(response)
      : response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  });
  return compiled;
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

async function instantiate() {
  if (idle.length) return idle.pop();
  const module = await compileOnce();
  // Each import of the glue under its own URL is a separate module, with its own instance.
  const glue = await import(instances++ === 0 ? GLUE : `${GLUE}?instance=${instances}`);
  await glue.default({ module_or_path: module });
  return glue;
}

const nearViewport = { rootMargin: '600px 0px' };

class ReviewWidget extends HTMLElement {
  #mounted = null;
  #glue = null;
  #observer = null;
  #generation = 0;

  connectedCallback() {
    // Until the widget mounts (and whenever it fails), the light-DOM review shows through.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).append(document.createElement('slot'));
    if (this.#mounted) return;
    this.#observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.#stopObserving();
      this.#mount();
    }, nearViewport);
    this.#observer.observe(this);
  }

  disconnectedCallback() {
    this.#stopObserving();
    this.#generation++;
    const mounted = this.#mounted;
    const glue = this.#glue;
    this.#mounted = null;
    this.#glue = null;
    try {
      if (mounted) {
        mounted.unmount();
        idle.push(glue);
      }
    } catch (error) {
      console.error('review-widget: unmount failed', error);
    }
    this.#showLightDom();
  }

  #stopObserving() {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  async #mount() {
    const generation = ++this.#generation;
    try {
      const [glue, styles] = await Promise.all([instantiate(), styleOnce()]);
      if (generation !== this.#generation || !this.isConnected) {
        idle.push(glue);
        return;
      }
      const root = this.shadowRoot;
      if (styles) root.adoptedStyleSheets = [styles];
      const mounted = glue.mount(this, root, () => this.#fail(generation));
      if (generation !== this.#generation) return;
      root.querySelector('slot')?.remove();
      this.#mounted = mounted;
      this.#glue = glue;
    } catch (error) {
      console.error('review-widget: could not start; the review stays readable as it is.', error);
      this.#fail(generation);
    }
  }

  // A panic inside this widget's instance: drop it (never reused) and show the host's review again.
  #fail(generation) {
    if (generation !== this.#generation) return;
    this.#generation++;
    this.#mounted = null;
    this.#glue = null;
    queueMicrotask(() => this.#showLightDom());
  }

  #showLightDom() {
    this.shadowRoot?.replaceChildren(document.createElement('slot'));
  }
}

if (!customElements.get('review-widget')) customElements.define('review-widget', ReviewWidget);
