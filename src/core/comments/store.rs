//! Storage behind a small trait (`localStorage` in the browser, memory in tests and when the
//! browser blocks storage), and the save path of one writer: read, merge, apply, write,
//! announce.
//!
//! Every writer (a tab, a widget) keeps its own [`Replica`]. A change is applied to the
//! freshly read value merged with that replica and the union is written; when the stored
//! value turns out to lack something the writer holds (another tab wrote over it a moment
//! earlier), [`CommentStore::refresh`] writes the union back, so lost updates heal within
//! one round of change events. A value the widget cannot read is never overwritten.

use super::envelope::{self, Unreadable};
use super::model::{Comment, CommentId};
use super::record::write_json;
use super::replica::{Applied, Change, Refused, Replica, View};
use crate::core::hash::{fingerprint, Fingerprint};
use std::cell::RefCell;
use std::rc::Rc;

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

    /// Changes one record of the text last read or written under `key` in place (see
    /// [`Patch`]): `Ok(false)` when the stored text is not what the patch expects, or the
    /// store cannot patch, and nothing was written (the caller writes the whole text).
    fn patch(&self, key: &str, patch: &Patch) -> Result<bool, StoreError> {
        let _ = (key, patch);
        Ok(false)
    }
}

/// One record changed in a stored envelope, where it stands: only that record crosses into
/// the store, so a change costs the same whatever the store holds (the browser still copies
/// the whole value into storage, but no second copy of it is built or parsed here).
#[derive(Clone, Copy, Debug)]
pub struct Patch<'a> {
    /// The envelope up to its first record: a new record goes right after it.
    pub head: &'a str,
    /// The record's text as it is stored now; `None` for a new record.
    pub old: Option<&'a str>,
    pub new: &'a str,
}

impl Patch<'_> {
    /// Where the patch goes in `text`: the range to replace, and whether a comma must
    /// follow the new record. `None` when `text` is not as expected: it does not start with
    /// the head, or the old record is not there exactly once, as an item of the list.
    pub fn find(&self, text: &str) -> Option<(std::ops::Range<usize>, bool)> {
        if !text.starts_with(self.head) {
            return None;
        }
        let Some(old) = self.old else {
            let at = self.head.len();
            return Some((at..at, !text[at..].starts_with(']')));
        };
        let at = text.find(old)?;
        let end = at + old.len();
        let alone = at >= self.head.len() && !text[at + 1..].contains(old);
        let item = matches!(text.as_bytes()[at - 1], b'[' | b',') && matches!(text.as_bytes().get(end), Some(b',' | b']'));
        (alone && item).then_some((at..end, false))
    }

    /// `text` with the patch applied (what a store without a cheaper way does).
    pub fn apply(&self, text: &str) -> Option<String> {
        let (range, comma) = self.find(text)?;
        let mut out = String::with_capacity(text.len() + self.new.len() + 1);
        out.push_str(&text[..range.start]);
        out.push_str(self.new);
        if comma {
            out.push(',');
        }
        out.push_str(&text[range.end..]);
        Some(out)
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

    /// Natively only (where the tests exercise the patch path with it): in the browser this
    /// store is the fallback for blocked storage, where a whole write costs nothing extra.
    #[cfg(not(target_arch = "wasm32"))]
    fn patch(&self, key: &str, patch: &Patch) -> Result<bool, StoreError> {
        match self.get(key)?.and_then(|text| patch.apply(&text)) {
            Some(patched) => self.set(key, &patched).map(|()| true),
            None => Ok(false),
        }
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

/// One writer's view of one review's comments in a store.
pub struct CommentStore {
    store: Rc<dyn KeyValueStore>,
    review_id: String,
    key: String,
    writer: String,
    replica: Replica,
    /// The stored text as last read or written: the same text is not parsed again.
    last_text: Option<Fingerprint>,
    /// The stored text as last read or written holds exactly this writer's replica, so a
    /// change can be patched into it (see [`Patch`]).
    in_sync: bool,
    problem: Option<Unreadable>,
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
        let mut opened = CommentStore {
            store,
            review_id: review_id.to_owned(),
            key: comments_key(review_id),
            writer: writer.to_owned(),
            replica: Replica::default(),
            last_text: None,
            in_sync: false,
            problem: None,
            shown: None,
            on_written: Box::new(|_| {}),
        };
        let _ = opened.read();
        opened
    }

    /// Calls `on_written` with the key after every write.
    pub fn on_written(&mut self, on_written: impl Fn(&str) + 'static) {
        self.on_written = Box::new(on_written);
    }

    pub fn key(&self) -> &str {
        &self.key
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

    /// The raw stored text (for "download what is stored").
    pub fn raw(&self) -> Result<Option<String>, StoreError> {
        self.store.get(&self.key)
    }

    /// Reads the stored value into the replica: whether what the reader sees changed, and
    /// whether the stored value lacks something of this writer's. A text equal to the last
    /// one read or written is not parsed again.
    fn read(&mut self) -> Result<(bool, bool), StoreError> {
        let Some(text) = self.store.read_changed(&self.key)? else {
            return Ok((false, false));
        };
        let seen = text.as_deref().filter(|_| !self.store.tells_unchanged()).map(fingerprint);
        if seen.is_some() && seen == self.last_text {
            return Ok((false, false));
        }
        let Some(text) = text else {
            // Nothing stored (never, or removed by the host page): what this writer holds
            // goes back.
            self.in_sync = false;
            let lacking = !self.replica.is_empty();
            let changed = self.problem.take().is_some();
            self.shown = None;
            return Ok((changed, lacking));
        };
        self.last_text = seen;
        self.shown = None;
        match envelope::from_text(&text) {
            Ok(envelope) => {
                let was_unreadable = self.problem.take().is_some();
                if was_unreadable {
                    self.replica = Replica::default();
                }
                let merged = self.replica.merge(&envelope.replica);
                self.in_sync = !merged.lacking && envelope.plain;
                Ok((merged.gained > 0 || was_unreadable, merged.lacking))
            }
            Err(problem) => {
                // Show nothing of this writer's own over it: the value stays as it is.
                self.replica = Replica::default();
                self.problem = Some(problem);
                self.in_sync = false;
                Ok((true, false))
            }
        }
    }

    fn write(&mut self, replica: &Replica) -> Result<(), StoreError> {
        let text = envelope::to_text(&self.review_id, replica);
        self.store.set(&self.key, &text)?;
        self.last_text = (!self.store.tells_unchanged()).then(|| fingerprint(&text));
        self.in_sync = true;
        (self.on_written)(&self.key);
        Ok(())
    }

    /// Writes `next`, which differs from this writer's replica in the record `id` only: in
    /// place when the stored text holds the replica as it is, else whole.
    fn write_change(&mut self, next: &Replica, id: Option<&CommentId>) -> Result<(), StoreError> {
        let before = id.and_then(|id| self.replica.get(id));
        let after = id.and_then(|id| next.get(id));
        if self.in_sync {
            if let Some(after) = after {
                if before.is_some_and(|before| Rc::ptr_eq(before, after)) {
                    return Ok(()); // nothing changed (deleted or restored already)
                }
                let text = |record: &Comment| {
                    let mut out = String::new();
                    write_json(record, &mut out);
                    out
                };
                let (old, new) = (before.map(|b| text(b)), text(after));
                // The old record's text is found by searching: never when a copy of it could
                // sit inside another item (an odd record, or a member a newer version added).
                let nested = old.as_deref().is_some_and(|old| {
                    next.odd().iter().any(|raw| raw.contains(old))
                        || next.records().iter().any(|r| !r.extra.is_empty() && !Rc::ptr_eq(r, after) && text(r).contains(old))
                });
                if nested {
                    return self.write(next);
                }
                let mut head = String::new();
                envelope::head(&self.review_id, &mut head);
                let patch = Patch { head: &head, old: old.as_deref(), new: &new };
                if self.store.patch(&self.key, &patch)? {
                    // A store that cannot tell an unchanged value reads the patched text
                    // once more next time (and finds nothing new in it).
                    self.last_text = None;
                    (self.on_written)(&self.key);
                    return Ok(());
                }
            }
        }
        self.write(next)
    }

    /// Reads what is stored now (after a change event, or to check); when the stored value
    /// lacks something of this writer's, writes the union back.
    pub fn refresh(&mut self) -> Result<Refreshed, StoreError> {
        let (changed, lacking) = self.read()?;
        let mut healed = false;
        if lacking && self.problem.is_none() {
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

    /// Keeps the unreadable value under a backup key, then starts an empty store.
    pub fn start_fresh(&mut self, now: i64) -> Result<String, StoreError> {
        let backup = backup_key(&self.review_id, now);
        if let Some(raw) = self.store.get(&self.key)? {
            self.store.set(&backup, &raw)?;
        }
        self.problem = None;
        self.replica = Replica::default();
        self.shown = None;
        self.write(&Replica::default())?;
        Ok(backup)
    }
}
