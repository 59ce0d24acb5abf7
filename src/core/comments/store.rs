//! Storage behind a small trait: `localStorage` in the browser, memory in tests and when
//! the browser blocks storage. Every change is a read-modify-write of the current stored
//! value, so two tabs never erase each other's comments, and a value the widget cannot
//! read is never overwritten.

use super::envelope::{self, Loaded, Unreadable};
use super::model::Comment;
use std::cell::RefCell;

/// Every key the widget uses starts with this.
pub const PREFIX: &str = "review-widget:v1:";

pub fn comments_key(review_id: &str) -> String {
    format!("{PREFIX}{review_id}:comments")
}

pub fn drafts_key(review_id: &str) -> String {
    format!("{PREFIX}{review_id}:drafts")
}

/// Where the unreadable value goes when a reader starts a fresh store.
pub fn backup_key(review_id: &str, now: i64) -> String {
    format!("{PREFIX}{review_id}:comments:backup:{now}")
}

/// The reader's name, when they asked for it to be remembered: shared by every review.
pub const NAME_KEY: &str = "review-widget:v1:name";
/// The chosen comment order: shared by every review.
pub const SORT_KEY: &str = "review-widget:v1:sort";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses storage (privacy settings, sandboxed frames…).
    Blocked,
    /// The quota for this site is used up.
    Full,
}

/// A key-value store of strings (the shape of `localStorage`).
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
}

/// An in-memory store, with an optional quota in bytes (for tests of a full store).
#[derive(Default)]
pub struct MemoryStore {
    entries: RefCell<Vec<(String, String)>>,
    quota: Option<usize>,
}

impl MemoryStore {
    pub fn with_quota(quota: usize) -> MemoryStore {
        MemoryStore { entries: RefCell::default(), quota: Some(quota) }
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(quota) = self.quota {
            let others: usize = entries.iter().filter(|(k, _)| k != key).map(|(k, v)| k.len() + v.len()).sum();
            if others + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value.to_owned(),
            None => entries.push((key.to_owned(), value.to_owned())),
        }
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.entries.borrow_mut().retain(|(k, _)| k != key);
        Ok(())
    }
}

/// Why a change was not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    Store(StoreError),
    /// The stored value cannot be fully read: it is kept as it is until the reader starts afresh.
    Unreadable,
}

/// One review's comments in a store.
pub struct CommentStore<'s> {
    store: &'s dyn KeyValueStore,
    review_id: &'s str,
    key: String,
}

impl<'s> CommentStore<'s> {
    pub fn new(store: &'s dyn KeyValueStore, review_id: &'s str) -> CommentStore<'s> {
        CommentStore { store, review_id, key: comments_key(review_id) }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// The raw stored text (for "download what is stored").
    pub fn raw(&self) -> Result<Option<String>, StoreError> {
        self.store.get(&self.key)
    }

    pub fn load(&self) -> Result<Loaded, StoreError> {
        Ok(envelope::from_text(self.store.get(&self.key)?.as_deref()))
    }

    /// Reads the current value, applies `change`, writes the result back; returns the
    /// comments now stored and what `change` returned.
    pub fn update<R>(&self, change: impl FnOnce(&mut Vec<Comment>) -> R) -> Result<(Vec<Comment>, R), SaveError> {
        let loaded = self.load().map_err(SaveError::Store)?;
        if loaded.problem.is_some() {
            return Err(SaveError::Unreadable);
        }
        let mut comments = loaded.comments;
        let result = change(&mut comments);
        self.store
            .set(&self.key, &envelope::to_text(self.review_id, &comments))
            .map_err(SaveError::Store)?;
        Ok((comments, result))
    }

    /// Keeps the unreadable value under a backup key, then starts an empty store.
    pub fn start_fresh(&self, now: i64) -> Result<String, StoreError> {
        let backup = backup_key(self.review_id, now);
        if let Some(raw) = self.store.get(&self.key)? {
            self.store.set(&backup, &raw)?;
        }
        self.store.set(&self.key, &envelope::to_text(self.review_id, &[]))?;
        Ok(backup)
    }

    pub fn problem(&self) -> Option<Unreadable> {
        self.load().ok().and_then(|loaded| loaded.problem)
    }
}
