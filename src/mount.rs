//! The entry point `embed.js` calls: one call per `<review-widget>`, each in its own wasm
//! instance, so a panic in one widget can never reach another.

use crate::components::{App, AppProps, Widget};
use crate::core::config::{PageContext, WidgetConfig};
use crate::core::i18n::{self, Lang};
use crate::core::review::{json_ld, parse_review, BookFacts, ParseOptions};
use crate::shell::{head, light_dom, patch_guard};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};
use yew::AppHandle;

#[cfg(not(panic = "immediate-abort"))]
thread_local! {
    static ON_PANIC: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// A mounted widget; `unmount` tears the app down (listeners and timers included).
#[wasm_bindgen]
pub struct MountedWidget {
    app: Option<AppHandle<App>>,
    _guard: gloo::events::EventListener,
    #[cfg(feature = "test-hooks")]
    _panic_on_click: Option<gloo::events::EventListener>,
    document: web_sys::Document,
    host: HtmlElement,
    review_id: String,
}

#[wasm_bindgen]
impl MountedWidget {
    /// Tears the app down, and takes the review's JSON-LD out of `<head>` unless another
    /// widget of the same review is still on the page.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let others = self.document.query_selector_all("review-widget").ok();
        let shared = others.is_some_and(|others| {
            (0..others.length()).filter_map(|i| others.item(i)?.dyn_into::<HtmlElement>().ok()).any(|other| {
                other != self.host && other.is_connected() && widget_config(&other).review_id == self.review_id
            })
        });
        if !shared {
            head::remove_json_ld(&self.document, &self.review_id);
        }
    }
}

fn widget_config(host: &HtmlElement) -> WidgetConfig {
    WidgetConfig::from_attributes(|name| host.get_attribute(name), &page_context(host))
}

/// Reports a panic to the loader (which shows the light-DOM review again) and the console.
/// The hook belongs to this widget's own wasm instance: no hook of the page or of another
/// module is replaced.
/// In the size-tuned release build (`-Cpanic=immediate-abort`) no hook ever runs, so none is
/// built: the loader notices the trap instead.
#[cfg(panic = "immediate-abort")]
fn install_panic_hook(_: Option<js_sys::Function>) {}

#[cfg(not(panic = "immediate-abort"))]
fn install_panic_hook(on_panic: Option<js_sys::Function>) {
    ON_PANIC.with(|slot| *slot.borrow_mut() = on_panic);
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("review-widget: {info}")));
        ON_PANIC.with(|slot| {
            if let Ok(slot) = slot.try_borrow() {
                if let Some(callback) = slot.as_ref() {
                    let _ = callback.call0(&JsValue::NULL);
                }
            }
        });
    }));
}

fn page_context(host: &HtmlElement) -> PageContext {
    let pathname = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default();
    let inherited_lang = host
        .parent_element()
        .and_then(|parent| parent.closest("[lang]").ok().flatten())
        .and_then(|element| element.get_attribute("lang"));
    PageContext { pathname, inherited_lang }
}

/// Reads `host` (attributes and light DOM) and renders the widget into `root`. `table` is the
/// text of the widget's language table (`i18n/<tag>.json`), fetched by the loader; without it
/// (English, or a failed fetch) the widget speaks English.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, on_panic: Option<js_sys::Function>, table: Option<String>) -> Result<MountedWidget, JsValue> {
    install_panic_hook(on_panic);
    #[cfg(feature = "test-hooks")]
    test_hooks::panic_in_mount(&host);
    let mut config = widget_config(&host);
    if !i18n::load(config.lang, table.as_deref()) {
        config.lang = Lang::En;
        config.locale = Lang::En.tag().to_owned();
    }
    let options = ParseOptions {
        heading_level: config.heading_level,
        whole_review_spoiler: config.whole_review_spoiler,
        chapters: config.chapters,
    };
    let review = parse_review(&light_dom::read_children(&host), options);
    let document = host.owner_document().ok_or("review-widget: the element has no document")?;
    let published = config.published.map(|date| date.to_iso());
    let facts = BookFacts {
        book_title: config.book_title.as_deref(),
        book_author: config.book_author.as_deref(),
        rating: config.rating,
        reviewer: config.reviewer.as_deref(),
        published: published.as_deref(),
    };
    head::add_json_ld(&document, &config.review_id, &json_ld(&facts, &review));
    let review_id = config.review_id.clone();
    let container = document.create_element("div")?;
    container.set_class_name("rw-root");
    // A right-to-left language lays the widget out right to left, unless the page says otherwise.
    if config.lang.is_rtl() && host.closest("[dir]").ok().flatten().is_none() {
        container.set_attribute("dir", "rtl")?;
    }
    root.append_child(&container)?;
    let widget = Rc::new(Widget::new(config, review));
    let app = yew::Renderer::<App>::with_root_and_props(container, AppProps { widget }).render();
    Ok(MountedWidget {
        app: Some(app),
        _guard: patch_guard::guard(&root),
        #[cfg(feature = "test-hooks")]
        _panic_on_click: test_hooks::arm(&host, &root),
        document,
        host: host.clone(),
        review_id,
    })
}

/// Real Rust panics for the isolation tests, in test builds only (`--features test-hooks`):
/// `data-test-panic="mount"` panics while mounting, `"click"` in the first click on the widget.
#[cfg(feature = "test-hooks")]
mod test_hooks {
    use web_sys::{HtmlElement, ShadowRoot};

    fn wanted(host: &HtmlElement, point: &str) -> bool {
        host.get_attribute("data-test-panic").as_deref() == Some(point)
    }

    pub fn panic_in_mount(host: &HtmlElement) {
        if wanted(host, "mount") {
            panic!("test hook: a panic while mounting");
        }
    }

    pub fn arm(host: &HtmlElement, root: &ShadowRoot) -> Option<gloo::events::EventListener> {
        wanted(host, "click").then(|| gloo::events::EventListener::new(root, "click", |_| panic!("test hook: a panic in a click handler")))
    }
}
