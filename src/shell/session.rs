//! `sessionStorage` for what a reader revealed. Blocked or full storage only means the
//! state is not remembered: it never fails the widget.

use web_sys::Storage;

fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

pub fn write(key: &str, value: &str) {
    if let Some(storage) = session_storage() {
        // Full or blocked storage: the state lives on in memory for this page.
        let _ = storage.set_item(key, value);
    }
}
