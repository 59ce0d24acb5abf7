//! `localStorage` behind the core's `KeyValueStore`. Every access can fail (blocked by the
//! browser, full, or a page that replaced the getter): failures become `StoreError`s, never
//! panics. Only the keys the core names are touched; nothing is enumerated or cleared.

use crate::core::comments::store::{KeyValueStore, StoreError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

pub struct LocalStore {
    storage: Storage,
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
        Some(LocalStore { storage })
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
        self.storage.set_item(key, value).map_err(write_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(|_| StoreError::Blocked)
    }
}
