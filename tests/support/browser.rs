//! Helpers for the browser tests: mount a widget into a fresh element and look at what a
//! reader (or a screen reader) finds in its shadow root.

use review_widget::shell::mount::{mount, MountedWidget};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, KeyboardEventInit, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub struct Mounted {
    pub host: HtmlElement,
    pub root: ShadowRoot,
    pub widget: MountedWidget,
}

impl Mounted {
    /// Every text in the shadow tree, plus every attribute value: what "exists" in it.
    pub fn everything(&self) -> String {
        let mut out = self.root.text_content().unwrap_or_default();
        let all = self.root.query_selector_all("*").unwrap();
        for index in 0..all.length() {
            let element: Element = all.item(index).unwrap().dyn_into().unwrap();
            let attributes = element.attributes();
            for a in 0..attributes.length() {
                let attr = attributes.item(a).unwrap();
                out.push_str(&format!(" {}={}", attr.name(), attr.value()));
            }
        }
        out
    }

    pub fn query(&self, selector: &str) -> Option<HtmlElement> {
        self.root.query_selector(selector).unwrap().map(|e| e.dyn_into().unwrap())
    }

    pub fn query_all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    /// The button whose accessible name (here: aria-label or text) is `name`.
    pub fn button(&self, name: &str) -> Option<HtmlElement> {
        self.query_all("button").into_iter().find(|b| {
            b.get_attribute("aria-label").unwrap_or_else(|| b.text_content().unwrap_or_default().trim().to_owned())
                == name
        })
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn unmount(mut self) {
        self.widget.unmount();
        self.host.remove();
    }
}

/// Creates `<review-widget>` with the attributes and light-DOM HTML (test fixtures only),
/// attaches an open shadow root and mounts the widget into it.
pub async fn mount_widget(attributes: &[(&str, &str)], light_dom: &str) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("review-widget").unwrap().dyn_into().unwrap();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    host.set_inner_html(light_dom);
    document.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    let widget = mount(host.clone(), root.clone(), None).expect("mounts");
    settle().await;
    Mounted { host, root, widget }
}

/// Lets Yew finish rendering.
pub async fn settle() {
    yew::scheduler::flush().await;
}

pub fn press(target: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub fn session_storage() -> web_sys::Storage {
    web_sys::window().unwrap().session_storage().unwrap().unwrap()
}
