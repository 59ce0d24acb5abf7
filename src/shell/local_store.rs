//! `localStorage` behind the core's `KeyValueStore`. Every access can fail (blocked by the
//! browser, full, or a page that replaced the getter): failures become `StoreError`s, never
//! panics. Only the keys the core names are touched; nothing is enumerated or cleared.

use crate::core::comments::store::{KeyValueStore, StoreError};
use js_sys::{JsString, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

#[wasm_bindgen]
extern "C" {
    /// The same `Storage`, with `getItem` and `setItem` that take and hand back the
    /// browser's own strings, so a long value is compared without copying it into the wasm
    /// memory.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_js(this: &RawStorage, key: &str, value: &JsString) -> Result<(), JsValue>;

    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &JsString, into: &Uint8Array) -> Encoded;

    /// What `encodeInto` did: UTF-16 units read, bytes written.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

fn raw(storage: &Storage) -> &RawStorage {
    storage.unchecked_ref::<RawStorage>()
}

/// A long browser string as Rust text, encoded by the browser straight into the wasm
/// memory (passing it as a string copies it character by character; encoding it into a new
/// array and copying that costs a second copy). Room for one byte per UTF-16 unit first
/// (enough for ASCII), more only for what did not fit.
fn long_text(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<JsString>()?;
    let units = text.length();
    let encoder = TextEncoder::new();
    let mut bytes: Vec<u8> = Vec::with_capacity(units as usize);
    let mut read = 0;
    while read < units {
        let rest = if read == 0 { text.clone() } else { text.slice(read, units) };
        let spare = bytes.capacity() - bytes.len();
        // SAFETY: the view covers the vector's unused capacity only, and lives for this one
        // call, with no allocation in between that could move or grow the memory.
        let into = unsafe { Uint8Array::view_mut_raw(bytes.as_mut_ptr().add(bytes.len()), spare) };
        let encoded = encoder.encode_into(&rest, &into);
        let written = (encoded.written() as usize).min(spare);
        // SAFETY: `encodeInto` wrote `written` bytes into that capacity.
        unsafe { bytes.set_len(bytes.len() + written) };
        read += encoded.read();
        if read < units {
            // At most three bytes for each unit left.
            bytes.reserve((units - read) as usize * 3);
        }
    }
    // A page can replace `TextEncoder`: the bytes are checked, not trusted.
    String::from_utf8(bytes).ok()
}

pub struct LocalStore {
    storage: Storage,
    /// The keys last read or written, each with its value as the browser's string (`null`
    /// when nothing is stored).
    last: RefCell<Vec<(String, JsValue)>>,
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

    fn remember(&self, key: &str, value: Option<JsValue>) {
        let mut last = self.last.borrow_mut();
        match (last.iter().position(|(last, _)| last == key), value) {
            (Some(at), Some(value)) => last[at].1 = value,
            (Some(at), None) => drop(last.swap_remove(at)),
            (None, Some(value)) => last.push((key.to_owned(), value)),
            (None, None) => {}
        }
    }

    fn last(&self, key: &str) -> Option<JsValue> {
        self.last.borrow().iter().find(|(last, _)| last == key).map(|(_, value)| value.clone())
    }

    /// Writes `value` under `key`. When that key was read before, what it holds now is kept
    /// as the browser hands it back: the browser gives that same string object again until
    /// the value changes, so the next read tells "unchanged" by identity (comparing two
    /// long strings character by character costs milliseconds at 10,000 comments). A value
    /// read back with another length than the one written is not kept: the next read parses.
    fn write(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let storage = raw(&self.storage);
        let value = JsString::from(value);
        storage.set_item_js(key, &value).map_err(write_error)?;
        if self.last(key).is_some() {
            let stored = storage.get_item_js(key).ok().filter(|stored| stored.dyn_ref::<JsString>().is_some_and(|s| s.length() == value.length()));
            self.remember(key, stored);
        }
        Ok(())
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
        self.write(key, value)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(|_| StoreError::Blocked)?;
        if self.last(key).is_some() {
            self.remember(key, Some(JsValue::NULL));
        }
        Ok(())
    }

    fn read_changed(&self, key: &str) -> Result<Option<Option<String>>, StoreError> {
        let value = raw(&self.storage).get_item_js(key).map_err(|_| StoreError::Blocked)?;
        if self.last(key).is_some_and(|last| last == value) {
            return Ok(None);
        }
        let text = long_text(&value);
        self.remember(key, Some(value));
        Ok(Some(text))
    }

    fn tells_unchanged(&self) -> bool {
        true
    }
}
