//! Keeps events that the browser fires in the middle of a DOM change away from Yew.
//!
//! Removing a focused text field whose value changed makes the browser fire `change` on it
//! synchronously, while Yew is still patching the DOM (a comment deleted in another tab
//! takes its open edit form with it). Yew's event registry is busy at that moment, and an
//! event reaching it then stops the app. The widget never listens to `change` on text
//! fields (it reads them on `input`), so that event stops at the shadow root.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};

/// Lives as long as the widget.
pub fn guard(root: &ShadowRoot) -> EventListener {
    EventListener::new_with_options(root, "change", EventListenerOptions::run_in_capture_phase(), |event| {
        let text_field = event.target().and_then(|target| target.dyn_into::<Element>().ok()).is_some_and(|field| {
            let tag = field.local_name();
            tag == "textarea" || (tag == "input" && field.get_attribute("type").as_deref() == Some("text"))
        });
        if text_field {
            event.stop_propagation();
        }
    })
}
