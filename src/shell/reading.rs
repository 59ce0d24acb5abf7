//! A book's reading progress in `localStorage`, shared by every review of the book on the
//! site: other tabs (the `storage` event) and other widgets of this page follow it live.
//! Blocked storage only means the progress lasts for this page.

use crate::core::comments::store::KeyValueStore;
use crate::core::progress::{progress_key, Progress};
use crate::shell::{intl, local_store::LocalStore, sync};

pub struct ReadingStore {
    store: Option<LocalStore>,
    key: String,
    chapters: u32,
    /// Tells this widget's own writes apart from other widgets'.
    token: String,
}

impl ReadingStore {
    pub fn open(book_id: &str, chapters: u32) -> ReadingStore {
        ReadingStore { store: LocalStore::open(), key: progress_key(book_id), chapters, token: intl::random_id() }
    }

    pub fn read(&self) -> Progress {
        let stored = self.store.as_ref().and_then(|store| store.get(&self.key).ok().flatten());
        stored.map_or(Progress::NotStarted, |value| Progress::from_value(&value, self.chapters))
    }

    pub fn write(&self, progress: Progress) {
        if let Some(store) = &self.store {
            if store.set(&self.key, &progress.to_value()).is_ok() {
                sync::announce(&self.key, &self.token);
            }
        }
    }

    /// Calls `changed` when another tab or widget changes the progress.
    pub fn watch(&self, changed: impl Fn() + 'static) -> Option<sync::KeyWatch> {
        sync::watch(vec![self.key.clone()], self.token.clone(), changed)
    }
}
