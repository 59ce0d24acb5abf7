//! Storage behind a small trait (`localStorage` in the browser, memory in tests and when the
//! browser blocks storage), and the save path of one writer: read, merge, apply, write,
//! announce.
//!
//! Every writer (a tab, a widget) keeps its own [`Replica`]. A change is applied to the
//! freshly read value merged with that replica and the union is written (or, once the
//! stored value is long, only the changed record, to the recent key: see [`CommentStore`]);
//! when the stored value turns out to lack something the writer holds (another tab wrote
//! over it a moment earlier), [`CommentStore::refresh`] writes the union back, so lost
//! updates heal within one round of change events. A value the widget cannot read is never
//! overwritten.

use super::envelope::{self, Unreadable};
use super::model::CommentId;
use super::replica::{Applied, Change, Refused, Replica, View};
use crate::core::hash::{fingerprint, Fingerprint};
use std::cell::RefCell;
use std::rc::Rc;

/// Every key the widget uses starts with this.
pub const PREFIX: &str = "review-widget:v1:";

pub fn comments_key(review_id: &str) -> String {
    format!("{PREFIX}{review_id}:comments")
}

/// A review's recent changes, once its comments are many (see [`CommentStore`]).
pub fn recent_key(review_id: &str) -> String {
    format!("{PREFIX}{review_id}:comments:recent")
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

    /// Reads `key`, or says `Ok(None)` when it still holds exactly the text this store last
    /// read or wrote under it (a store that cannot tell cheaply just reads).
    fn read_changed(&self, key: &str) -> Result<Option<Option<String>>, StoreError> {
        self.get(key).map(Some)
    }

    /// Whether `read_changed` tells an unchanged value itself (then the reader need not
    /// fingerprint what it writes).
    fn tells_unchanged(&self) -> bool {
        false
    }
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
    /// The stored value cannot be read: it is kept as it is until the reader starts afresh.
    Unreadable,
    /// The comment was deleted meanwhile (in another tab).
    Gone,
}

/// What a refresh found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// What the reader sees may have changed.
    pub changed: bool,
    /// The stored value lacked something of this writer's, and the union was written back.
    pub healed: bool,
}

/// When a change is written to the recent key instead of the whole value (see
/// [`CommentStore`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From this size of the stored value on (in bytes), one comment's change goes to the
    /// recent key.
    pub recent_from: usize,
    /// The recent key grows up to this size; the change that would take it further writes
    /// the whole value instead (and empties the recent key).
    pub recent_up_to: usize,
}

impl Default for Limits {
    /// The recent key is used from 1 MiB stored on (about 5,000 comments of 200 bytes):
    /// below that a whole write costs the browser a few milliseconds at most, and a review's
    /// comments stay one envelope under one key, as simple to read (and to back up) as can
    /// be. It holds up to 16 KB of changes (about 80).
    fn default() -> Limits {
        Limits { recent_from: 1024 * 1024, recent_up_to: 16 * 1024 }
    }
}

/// One stored key's value as last read or written.
#[derive(Default)]
struct Part {
    key: String,
    replica: Replica,
    /// The length of its text (0 when nothing is stored).
    len: usize,
    /// Its text, fingerprinted, for a store that cannot tell an unchanged value itself.
    fingerprint: Option<Fingerprint>,
    problem: Option<Unreadable>,
}

impl Part {
    fn new(key: String) -> Part {
        Part { key, ..Part::default() }
    }

    /// Takes in what was read (or written): `None` when nothing is stored.
    fn take(&mut self, text: Option<&str>, fingerprint: Option<Fingerprint>) {
        self.fingerprint = fingerprint;
        self.len = text.map_or(0, str::len);
        (self.replica, self.problem) = match text.map(envelope::from_text) {
            None => (Replica::default(), None),
            Some(Ok(envelope)) => (envelope.replica, None),
            Some(Err(problem)) => (Replica::default(), Some(problem)),
        };
    }

    /// Takes in what was just written: `text`, the envelope of `replica`.
    fn written(&mut self, replica: Replica, text: &str, store: &dyn KeyValueStore) {
        self.fingerprint = (!store.tells_unchanged()).then(|| fingerprint(text));
        (self.replica, self.len, self.problem) = (replica, text.len(), None);
    }
}

/// One writer's view of one review's comments in a store.
///
/// A review's comments are one envelope under [`comments_key`]. Once that value is long
/// (see [`Limits`]), a change to one comment is written as a small envelope of its own under
/// the recent key ([`recent_key`]) instead of writing the whole value again: the browser
/// copies every byte of a value it stores, about 11 ms for 10,000 comments. What is stored
/// is the merge of both envelopes; the next whole write (a recent key grown past its limit,
/// an import, a write back) folds the recent key into the comments key and removes it.
pub struct CommentStore {
    store: Rc<dyn KeyValueStore>,
    review_id: String,
    writer: String,
    limits: Limits,
    replica: Replica,
    /// The comments key and the recent key, as last read or written: a text equal to the
    /// last one is not parsed again.
    main: Part,
    recent: Part,
    problem: Option<Unreadable>,
    /// What is stored (as last read or written) lacks something of `replica`: the next
    /// write is whole, whatever it is for.
    stored_lacks: bool,
    /// The view of `replica`, once asked for: kept until the replica changes, and brought up
    /// to date in place by a post of this writer's (a post with 10,000 comments stored never
    /// walks them all).
    shown: Option<Rc<View>>,
    /// Called after every write (to tell the other widgets of the page).
    on_written: Box<dyn Fn(&str)>,
}

impl CommentStore {
    /// Opens the comments of `review_id` for the writer `writer` (a random token) and reads
    /// what is stored. Storage trouble on this first read leaves an empty store.
    pub fn open(store: Rc<dyn KeyValueStore>, review_id: &str, writer: &str) -> CommentStore {
        CommentStore::with_limits(store, review_id, writer, Limits::default())
    }

    /// The same, with other limits for the recent key (tests use small ones).
    pub fn with_limits(store: Rc<dyn KeyValueStore>, review_id: &str, writer: &str, limits: Limits) -> CommentStore {
        let mut opened = CommentStore {
            store,
            review_id: review_id.to_owned(),
            writer: writer.to_owned(),
            limits,
            replica: Replica::default(),
            main: Part::new(comments_key(review_id)),
            recent: Part::new(recent_key(review_id)),
            problem: None,
            stored_lacks: false,
            shown: None,
            on_written: Box::new(|_| {}),
        };
        let _ = opened.read();
        opened
    }

    /// Calls `on_written` with the comments key after every write.
    pub fn on_written(&mut self, on_written: impl Fn(&str) + 'static) {
        self.on_written = Box::new(on_written);
    }

    /// The comments key (which names the review's comments: locks, same-page events).
    pub fn key(&self) -> &str {
        &self.main.key
    }

    /// Every key the comments are stored under (to hear other tabs change them).
    pub fn keys(&self) -> Vec<String> {
        vec![self.main.key.clone(), self.recent.key.clone()]
    }

    pub fn writer(&self) -> &str {
        &self.writer
    }

    pub fn replica(&self) -> &Replica {
        &self.replica
    }

    /// Set while the stored value cannot be read (nothing is written then).
    pub fn problem(&self) -> Option<&Unreadable> {
        self.problem.as_ref()
    }

    /// What the reader is shown of the replica (see [`Replica::view`]).
    pub fn view(&mut self) -> Rc<View> {
        let replica = &self.replica;
        self.shown.get_or_insert_with(|| Rc::new(replica.view())).clone()
    }

    /// The raw stored text (for "download what is stored"): the value that cannot be read,
    /// else the comments key's.
    pub fn raw(&self) -> Result<Option<String>, StoreError> {
        let part = if self.recent.problem.is_some() && self.main.problem.is_none() { &self.recent } else { &self.main };
        self.store.get(&part.key)
    }

    /// Reads one key: whether its text changed since it was last read or written.
    fn read_part(store: &dyn KeyValueStore, part: &mut Part) -> Result<bool, StoreError> {
        let Some(text) = store.read_changed(&part.key)? else {
            return Ok(false);
        };
        let seen = text.as_deref().filter(|_| !store.tells_unchanged()).map(fingerprint);
        // Still nothing stored, or the same text again.
        let absent = text.is_none() && part.len == 0 && part.problem.is_none();
        if absent || (seen.is_some() && seen == part.fingerprint) {
            return Ok(false);
        }
        part.take(text.as_deref(), seen);
        Ok(true)
    }

    /// Reads the stored value into the replica: whether what the reader sees changed (and
    /// notes whether the stored value lacks something of this writer's). Texts equal to the
    /// last ones read or written are not parsed again.
    fn read(&mut self) -> Result<bool, StoreError> {
        let main = Self::read_part(&*self.store, &mut self.main)?;
        let recent = Self::read_part(&*self.store, &mut self.recent)?;
        if !main && !recent {
            return Ok(false);
        }
        self.shown = None;
        if let Some(problem) = self.main.problem.as_ref().or(self.recent.problem.as_ref()) {
            // Show nothing of this writer's own over it: the value stays as it is.
            self.replica = Replica::default();
            self.problem = Some(problem.clone());
            self.stored_lacks = false;
            return Ok(true);
        }
        let was_unreadable = self.problem.take().is_some();
        if was_unreadable {
            self.replica = Replica::default();
        }
        let merged = match self.recent.replica.is_empty() {
            true => self.replica.merge(&self.main.replica),
            false => {
                let mut stored = self.main.replica.clone();
                stored.merge(&self.recent.replica);
                self.replica.merge(&stored)
            }
        };
        self.stored_lacks = merged.lacking;
        Ok(merged.gained > 0 || was_unreadable)
    }

    /// Writes `replica` whole under the comments key and removes the recent key, whose
    /// changes it holds.
    fn write(&mut self, replica: &Replica) -> Result<(), StoreError> {
        let text = envelope::to_text(&self.review_id, replica);
        self.store.set(&self.main.key, &text)?;
        self.main.written(replica.clone(), &text, &*self.store);
        self.stored_lacks = false;
        // Were the removal to fail, the recent changes would only be stored twice (the merge
        // takes each once).
        if self.recent.len > 0 && self.store.remove(&self.recent.key).is_ok() {
            self.recent = Part::new(std::mem::take(&mut self.recent.key));
        }
        (self.on_written)(&self.main.key);
        Ok(())
    }

    /// Writes `next`, which differs from this writer's replica in the record `id` only: to
    /// the recent key while the stored value is long and the recent key short, else whole.
    fn write_change(&mut self, next: &Replica, id: Option<&CommentId>) -> Result<(), StoreError> {
        let before = id.and_then(|id| self.replica.get(id));
        let after = id.and_then(|id| next.get(id));
        if let Some(after) = after.filter(|_| self.main.len >= self.limits.recent_from && !self.stored_lacks) {
            if before.is_some_and(|before| Rc::ptr_eq(before, after)) {
                return Ok(()); // nothing changed (deleted or restored already)
            }
            let mut recent = self.recent.replica.clone();
            recent.put(after.clone());
            let text = envelope::to_text(&self.review_id, &recent);
            if text.len() <= self.limits.recent_up_to {
                self.store.set(&self.recent.key, &text)?;
                self.recent.written(recent, &text, &*self.store);
                (self.on_written)(&self.main.key);
                return Ok(());
            }
        }
        self.write(next)
    }

    /// Reads what is stored now (after a change event, or to check); when the stored value
    /// lacks something of this writer's, writes the union back.
    pub fn refresh(&mut self) -> Result<Refreshed, StoreError> {
        let changed = self.read()?;
        let mut healed = false;
        if self.stored_lacks && self.problem.is_none() {
            let replica = self.replica.clone();
            self.write(&replica)?;
            healed = true;
        }
        Ok(Refreshed { changed, healed })
    }

    /// Saves a change against what is stored now: read, merge, apply, write. Nothing
    /// changes (in storage or in this writer's replica) when it fails.
    pub fn commit(&mut self, change: Change, now: i64) -> Result<Applied, SaveError> {
        self.read().map_err(SaveError::Store)?;
        if self.problem.is_some() {
            return Err(SaveError::Unreadable);
        }
        let mut next = self.replica.clone();
        let id = change.record_id().cloned();
        let posted = matches!(change, Change::Post(_));
        let applied = next.apply(change, now, &self.writer).map_err(|Refused::Gone| SaveError::Gone)?;
        self.write_change(&next, id.as_ref()).map_err(SaveError::Store)?;
        self.replica = next;
        let shown = self.shown.take().filter(|_| posted);
        self.shown = shown.zip(id).and_then(|(shown, id)| shown.with_posted(&self.replica, &id)).map(Rc::new);
        Ok(applied)
    }

    /// Keeps each value that cannot be read under a backup key (the comments key's under
    /// [`backup_key`], the recent key's under the same with `:recent`), then starts afresh
    /// with what can be read. Hands back the first backup key.
    pub fn start_fresh(&mut self, now: i64) -> Result<String, StoreError> {
        let backup = backup_key(&self.review_id, now);
        let mut kept = Replica::default();
        for (part, backup) in [(&self.main, backup.clone()), (&self.recent, format!("{backup}:recent"))] {
            if part.problem.is_none() {
                kept.merge(&part.replica);
            } else if let Some(raw) = self.store.get(&part.key)? {
                self.store.set(&backup, &raw)?;
            }
        }
        self.problem = None;
        self.shown = None;
        self.write(&kept)?;
        self.replica = kept;
        Ok(backup)
    }
}
