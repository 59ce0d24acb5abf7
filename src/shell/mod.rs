//! The browser shell: the only code that touches `web_sys`. Each module is thin and
//! hands plain data to the core or to the components.

pub mod clock;
#[cfg(feature = "sync")]
pub mod couch;
pub mod files;
pub mod head;
pub mod intl;
pub mod light_dom;
pub mod local_store;
pub mod locks;
pub mod patch_guard;
pub mod reading;
pub mod session;
pub mod sync;
