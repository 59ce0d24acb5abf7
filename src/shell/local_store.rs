//! `localStorage` behind the core's `KeyValueStore`. Every access can fail (blocked by the
//! browser, full, or a page that replaced the getter): failures become `StoreError`s, never
//! panics. Only the keys the core names are touched; nothing is enumerated or cleared.

use crate::core::comments::store::{KeyValueStore, StoreError};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

#[wasm_bindgen]
extern "C" {
    /// The same `Storage`, with a `getItem` that hands back the browser's own string, so it
    /// can be compared without copying it into the wasm memory.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
}

fn raw_item(storage: &Storage, key: &str) -> Result<JsValue, JsValue> {
    storage.unchecked_ref::<RawStorage>().get_item_js(key)
}

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// A long browser string as Rust text: encoded by the browser and copied in one piece
/// (passing it as a string copies it character by character).
fn long_text(value: &JsValue) -> Option<String> {
    if !value.is_string() {
        return None;
    }
    String::from_utf8(TextEncoder::new().encode(value).to_vec()).ok()
}

pub struct LocalStore {
    storage: Storage,
    /// The key and the text last read or written there, as the browser's string.
    last: RefCell<Option<(String, JsValue)>>,
}

impl LocalStore {
    /// `None` when the browser does not give this page a usable `localStorage`. A storage
    /// that is merely full is still used (reading works; writes report `Full`).
    pub fn open() -> Option<LocalStore> {
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        // Some browsers hand out a storage that throws on every access.
        let probe = "review-widget:v1:probe";
        match storage.set_item(probe, "1") {
            Ok(()) => {
                let _ = storage.remove_item(probe);
            }
            Err(error) if write_error(error.clone()) == StoreError::Full => {}
            Err(_) => return None,
        }
        storage.get_item(probe).ok()?;
        Some(LocalStore { storage, last: RefCell::default() })
    }

    fn remember(&self, key: &str, value: JsValue) {
        *self.last.borrow_mut() = Some((key.to_owned(), value));
    }
}

fn write_error(error: JsValue) -> StoreError {
    match error.dyn_ref::<DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StoreError::Full,
        _ => StoreError::Blocked,
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(|_| StoreError::Blocked)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(write_error)?;
        if self.last.borrow().as_ref().is_some_and(|(last, _)| last == key) {
            match raw_item(&self.storage, key) {
                Ok(written) => self.remember(key, written),
                Err(_) => *self.last.borrow_mut() = None,
            }
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(|_| StoreError::Blocked)
    }

    fn read_changed(&self, key: &str) -> Result<Option<Option<String>>, StoreError> {
        let value = raw_item(&self.storage, key).map_err(|_| StoreError::Blocked)?;
        let unchanged = self.last.borrow().as_ref().is_some_and(|(last, text)| last == key && *text == value);
        if unchanged {
            return Ok(None);
        }
        let text = long_text(&value);
        self.remember(key, value);
        Ok(Some(text))
    }

    fn tells_unchanged(&self) -> bool {
        true
    }
}
