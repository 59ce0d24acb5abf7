//! Hearing about changes to a stored key: from other tabs (the `storage` event) and from
//! other widgets on this page (a `review-widget:stored` event on `window`, since the
//! `storage` event never fires in the page that wrote).

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, StorageEvent};

const SAME_PAGE_EVENT: &str = "review-widget:stored";

/// Listeners that call back while alive; dropping them removes them.
pub struct KeyWatch {
    _listeners: [EventListener; 2],
}

/// Calls `changed` when one of `keys` changes in another tab, or another widget of this
/// page announces the first of them. `token` identifies this widget, so its own writes do
/// not call back.
pub fn watch(keys: Vec<String>, token: String, changed: impl Fn() + 'static) -> Option<KeyWatch> {
    let window = web_sys::window()?;
    let changed = std::rc::Rc::new(changed);
    let key = keys.first()?.clone();
    let other_tab = {
        let changed = changed.clone();
        EventListener::new(&window, "storage", move |event| {
            let Some(event) = event.dyn_ref::<StorageEvent>() else { return };
            // A null key means the whole storage was cleared (by the host page).
            if event.key().is_none_or(|k| keys.contains(&k)) {
                changed();
            }
        })
    };
    let same_page = EventListener::new(&window, SAME_PAGE_EVENT, move |event| {
        let Some(event) = event.dyn_ref::<CustomEvent>() else { return };
        let detail = event.detail().as_string().unwrap_or_default();
        if let Some((written, writer)) = detail.split_once('\u{1f}') {
            if written == key && writer != token {
                changed();
            }
        }
    });
    Some(KeyWatch { _listeners: [other_tab, same_page] })
}

/// Tells the other widgets on this page that `key` was written by the widget `token`.
/// The event goes out once the current task's code has returned: a listener that writes
/// (and so announces) in turn never runs inside itself.
pub fn announce(key: &str, token: &str) {
    let detail = format!("{key}\u{1f}{token}");
    wasm_bindgen_futures::spawn_local(async move {
        let Some(window) = web_sys::window() else { return };
        let init = CustomEventInit::new();
        init.set_detail(&JsValue::from_str(&detail));
        if let Ok(event) = CustomEvent::new_with_event_init_dict(SAME_PAGE_EVENT, &init) {
            let _ = window.dispatch_event(&event);
        }
    });
}
