//! Helpers for the browser tests: mount a widget into a fresh element and look at what a
//! reader (or a screen reader) finds in its shadow root.

use review_widget::mount::{mount, MountedWidget};
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
    let widget = mount(host.clone(), root.clone(), None, None).expect("mounts");
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

/// Types `value` into a text field as a reader would (value, then an `input` event).
pub fn type_into(field: &HtmlElement, value: &str) {
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    field.dispatch_event(&event).unwrap();
}

impl Mounted {
    /// The field labelled `label` inside the form named `form`.
    pub fn field(&self, form: &str, label: &str) -> HtmlElement {
        let form = self.form(form);
        let labels = form.query_selector_all("label").unwrap();
        for index in 0..labels.length() {
            let label_el: web_sys::HtmlLabelElement = labels.item(index).unwrap().dyn_into().unwrap();
            let text = label_el.text_content().unwrap_or_default();
            if text.trim() == label {
                if !label_el.html_for().is_empty() {
                    return self.root.get_element_by_id(&label_el.html_for()).unwrap().dyn_into().unwrap();
                }
                return label_el.query_selector("input").unwrap().unwrap().dyn_into().unwrap();
            }
        }
        panic!("no field labelled {label}");
    }

    pub fn form(&self, name: &str) -> HtmlElement {
        self.query_all("form")
            .into_iter()
            .find(|f| f.get_attribute("aria-label").as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no form named {name}"))
    }

    /// The `<article>` of the comment whose body contains `text`.
    pub fn comment(&self, text: &str) -> HtmlElement {
        self.query_all("article.rw-comment")
            .into_iter()
            .filter(|a| a.query_selector(":scope > .rw-comment-body").unwrap().is_some_and(|b| b.text_content().unwrap_or_default().contains(text)))
            .next_back()
            .unwrap_or_else(|| panic!("no comment with {text}"))
    }

    pub fn heading_text(&self) -> String {
        self.query(".rw-comments-heading").unwrap().text_content().unwrap()
    }
}

/// The button named `name` inside `scope` (not inside nested articles' action rows of replies).
pub fn button_in(scope: &HtmlElement, name: &str) -> HtmlElement {
    let list = scope.query_selector_all("button").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.get_attribute("aria-label").unwrap_or_else(|| b.text_content().unwrap_or_default().trim().to_owned()) == name)
        .unwrap_or_else(|| panic!("no button {name}"))
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}
