//! One writer's copy of a review's comments: a set of records (live comments and
//! tombstones), one state per id, that any number of writers change without coordination.
//!
//! `merge` keeps, for every id, the state that [`Comment::supersedes`] the other, and the
//! union of the records this version cannot show (kept as they were stored). It is a join:
//! commutative, associative and idempotent, so every writer that has seen the same changes
//! holds the same set, whatever the order the changes reached it in.

use super::model::{Comment, CommentId};
use std::rc::Rc;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replica {
    /// One state per id, sorted by id.
    records: Vec<Rc<Comment>>,
    /// Records this version cannot show, exactly as they were stored: sorted, once each.
    odd: Vec<Rc<str>>,
}

/// What a merge found, seen from the replica merged into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Records taken from the other side (new, or newer states).
    pub gained: usize,
    /// Of those, comments this side had never seen, live.
    pub new_comments: usize,
    /// The other side lacks something this side holds: it should be written back.
    pub lacking: bool,
}

/// A reader's change to the comments.
#[derive(Clone, Debug)]
pub enum Change {
    /// A new comment or reply, with its version.
    Post(Comment),
    Edit { id: CommentId, body: String, spoiler: bool, chapter: Option<u32> },
    Delete(CommentId),
    /// Undo of a delete: the comment as it was before.
    Restore(Rc<Comment>),
    /// The records of an export file.
    Import(Replica),
}

impl Change {
    /// The one comment the change is about (`None` for an import).
    pub fn record_id(&self) -> Option<&CommentId> {
        match self {
            Change::Post(comment) => Some(&comment.id),
            Change::Edit { id, .. } | Change::Delete(id) => Some(id),
            Change::Restore(comment) => Some(&comment.id),
            Change::Import(_) => None,
        }
    }
}

/// What a change did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The comment as it was before the delete (what `Undo` restores); `None` when it was
    /// already gone.
    Deleted(Option<Rc<Comment>>),
    Imported(Merged),
}

/// Why a change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The comment was deleted (in another tab, or by another writer).
    Gone,
}

/// What a reader sees: the comments to show (placeholders for deleted comments that still
/// have replies included) and how many stored comments cannot be shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub comments: Vec<Rc<Comment>>,
    /// Live comments shown.
    pub count: usize,
    /// Stored comments that cannot be shown (odd records, replies to missing comments).
    pub hidden: usize,
}

impl Replica {
    /// Builds a replica from records in any order, with duplicates (the newer state wins).
    pub fn from_records(records: Vec<Comment>, odd: Vec<String>) -> Replica {
        Replica::from_shared(records.into_iter().map(Rc::new).collect(), odd)
    }

    /// The same, from records already shared (as the stored list is read: no second copy).
    pub fn from_shared(mut records: Vec<Rc<Comment>>, odd: Vec<String>) -> Replica {
        // Stored records are written in id order: sorting is only for other sources.
        if !records.windows(2).all(|pair| pair[0].id <= pair[1].id) {
            records.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        }
        // One state per id, in place: the winner stays where the first one stood.
        records.dedup_by(|later, kept| {
            if later.id != kept.id {
                return false;
            }
            if later.supersedes(kept) {
                std::mem::swap(later, kept);
            }
            true
        });
        let mut odd: Vec<Rc<str>> = odd.into_iter().map(Rc::from).collect();
        odd.sort();
        odd.dedup();
        Replica { records, odd }
    }

    pub fn records(&self) -> &[Rc<Comment>] {
        &self.records
    }

    pub fn odd(&self) -> &[Rc<str>] {
        &self.odd
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.odd.is_empty()
    }

    fn find(&self, id: &CommentId) -> Result<usize, usize> {
        self.records.binary_search_by(|record| record.id.cmp(id))
    }

    pub fn get(&self, id: &CommentId) -> Option<&Rc<Comment>> {
        self.find(id).ok().map(|at| &self.records[at])
    }

    /// Puts one state in, if it is new or newer; returns whether it was.
    pub fn put(&mut self, record: Rc<Comment>) -> bool {
        match self.find(&record.id) {
            Ok(at) if record.supersedes(&self.records[at]) => {
                self.records[at] = record;
                true
            }
            Ok(_) => false,
            Err(at) => {
                self.records.insert(at, record);
                true
            }
        }
    }

    /// Merges `other` into this replica.
    pub fn merge(&mut self, other: &Replica) -> Merged {
        let mut merged = Merged::default();
        if self.is_empty() {
            // The first read: everything is gained (and nothing is lacking).
            *self = other.clone();
            merged.gained = self.records.len() + self.odd.len();
            merged.new_comments = self.records.iter().filter(|record| !record.deleted).count();
            return merged;
        }
        if other.records.len() < 8 && other.odd.is_empty() {
            // One writer's single change: insert in place rather than rebuild the list.
            for theirs in &other.records {
                let seen = self.get(&theirs.id).cloned();
                if self.put(theirs.clone()) {
                    merged.gained += 1;
                    if seen.is_none() && !theirs.deleted {
                        merged.new_comments += 1;
                    }
                } else if seen.is_some_and(|ours| !Rc::ptr_eq(&ours, theirs) && *ours != **theirs) {
                    merged.lacking = true;
                }
            }
            merged.lacking |= self.records.len() > other.records.len() || !self.odd.is_empty();
            return merged;
        }
        let (mut a, mut b) = (0, 0);
        let (ours, theirs) = (&self.records, &other.records);
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        while a < ours.len() || b < theirs.len() {
            let order = match (ours.get(a), theirs.get(b)) {
                (Some(x), Some(y)) => x.id.cmp(&y.id),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    merged.lacking = true;
                    out.push(ours[a].clone());
                    a += 1;
                }
                std::cmp::Ordering::Greater => {
                    merged.gained += 1;
                    if !theirs[b].deleted {
                        merged.new_comments += 1;
                    }
                    out.push(theirs[b].clone());
                    b += 1;
                }
                std::cmp::Ordering::Equal => {
                    let (x, y) = (&ours[a], &theirs[b]);
                    if Rc::ptr_eq(x, y) || !(x.supersedes(y) || y.supersedes(x)) {
                        out.push(x.clone());
                    } else if y.supersedes(x) {
                        merged.gained += 1;
                        out.push(y.clone());
                    } else {
                        merged.lacking = true;
                        out.push(x.clone());
                    }
                    a += 1;
                    b += 1;
                }
            }
        }
        self.records = out;
        let odd_before = self.odd.len();
        for raw in &other.odd {
            if let Err(at) = self.odd.binary_search(raw) {
                self.odd.insert(at, raw.clone());
            }
        }
        merged.gained += self.odd.len() - odd_before;
        merged.lacking |= self.odd.len() > other.odd.len();
        merged
    }

    /// Applies a reader's change made by `writer` at `now`.
    pub fn apply(&mut self, change: Change, now: i64, writer: &str) -> Result<Applied, Refused> {
        match change {
            Change::Post(comment) => {
                self.put(Rc::new(comment));
                Ok(Applied::Done)
            }
            Change::Edit { id, body, spoiler, chapter } => {
                let current = self.get(&id).filter(|c| !c.deleted).ok_or(Refused::Gone)?;
                let mut edited = (**current).clone();
                edited.version = current.next_version(now, writer, current.version.generation);
                edited.body = body;
                edited.spoiler = spoiler;
                edited.chapter = chapter.filter(|_| spoiler);
                edited.edited = Some(now);
                self.put(Rc::new(edited));
                Ok(Applied::Done)
            }
            Change::Delete(id) => {
                let Some(current) = self.get(&id).filter(|c| !c.deleted).cloned() else {
                    return Ok(Applied::Deleted(None));
                };
                self.put(Rc::new(current.tombstone(now, writer)));
                Ok(Applied::Deleted(Some(current)))
            }
            Change::Restore(before) => {
                let current = self.get(&before.id).cloned();
                match current {
                    // Restored already (by another tab), or never deleted: nothing to do.
                    Some(current) if !current.deleted => Ok(Applied::Done),
                    current => {
                        let mut restored = (*before).clone();
                        let base = current.as_deref().unwrap_or(&before);
                        restored.version = base.next_version(now, writer, base.version.generation.saturating_add(1));
                        self.put(Rc::new(restored));
                        Ok(Applied::Done)
                    }
                }
            }
            Change::Import(other) => Ok(Applied::Imported(self.merge(&other))),
        }
    }

    /// What a reader sees. A comment is shown when it is live and every comment above it
    /// exists (a deleted one shows as a placeholder while it has replies).
    pub fn view(&self) -> View {
        self.view_without(|_| false)
    }

    /// The view with the comments `withheld` says (moderation) shown like deleted ones: not
    /// counted, and a placeholder while they have replies. (Generic, so that the plain view
    /// above carries no code for it.)
    pub fn view_without(&self, withheld: impl Fn(&Comment) -> bool) -> View {
        const UNKNOWN: u8 = 0;
        const VISITING: u8 = 1;
        const ATTACHED: u8 = 2;
        const DETACHED: u8 = 3;
        let records = &self.records;
        // Each record's parent: none, missing, or where it is (looked up once).
        let parents: Vec<Option<Option<usize>>> = records.iter().map(|r| r.parent.as_ref().map(|p| self.find(p).ok())).collect();
        let parent_of = |at: usize| parents[at];
        let mut state = vec![UNKNOWN; records.len()];
        let mut path = Vec::new();
        for start in 0..records.len() {
            let mut at = start;
            let result = loop {
                match state[at] {
                    ATTACHED => break ATTACHED,
                    DETACHED | VISITING => break DETACHED,
                    _ => {}
                }
                state[at] = VISITING;
                path.push(at);
                match parent_of(at) {
                    None => break ATTACHED,
                    Some(None) => break DETACHED,
                    Some(Some(parent)) if parent == at => break DETACHED,
                    Some(Some(parent)) => at = parent,
                }
            };
            for visited in path.drain(..) {
                state[visited] = result;
            }
        }
        // Deleted comments above a shown reply stay as placeholders.
        let mut shown = vec![false; records.len()];
        let mut view = View::default();
        let gone: Vec<bool> = records.iter().map(|record| record.deleted || withheld(record)).collect();
        for at in 0..records.len() {
            if gone[at] {
                continue;
            }
            if state[at] != ATTACHED {
                view.hidden += 1;
                continue;
            }
            view.count += 1;
            let mut up = Some(at);
            while let Some(current) = up {
                if shown[current] {
                    break;
                }
                shown[current] = true;
                up = parent_of(current).flatten();
            }
        }
        view.hidden += self.odd.len();
        for (at, record) in records.iter().enumerate() {
            if shown[at] {
                view.comments.push(match !record.deleted && withheld(record) {
                    // A placeholder, never the text it holds.
                    true => Rc::new(record.tombstone(record.version.changed, &record.version.writer)),
                    false => record.clone(),
                });
            }
        }
        view
    }
}

impl View {
    /// This view of a replica, after the comment `id` was posted into that replica (a new
    /// record, nothing else changed): the same as the whole view of `replica` now, without
    /// walking every record. `None` when only the whole view can say (the comment is not new
    /// here, or is a reply to a comment this view does not hold).
    pub fn with_posted(&self, replica: &Replica, id: &CommentId) -> Option<View> {
        let posted = replica.get(id).filter(|posted| !posted.deleted)?;
        let in_view = |id: &CommentId| self.comments.binary_search_by(|shown| shown.id.cmp(id));
        if let Some(parent) = &posted.parent {
            // A comment this view holds is shown, so it is attached to a thread: so is a reply to it.
            in_view(parent).ok()?;
        }
        let at = in_view(id).err()?;
        let mut comments = Vec::with_capacity(self.comments.len() + 1);
        comments.extend_from_slice(&self.comments[..at]);
        comments.push(posted.clone());
        comments.extend_from_slice(&self.comments[at..]);
        Some(View { comments, count: self.count + 1, hidden: self.hidden })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(replica: &mut Replica, id: &str, parent: Option<&str>, now: i64, writer: &str) {
        let parent = parent.map(|p| CommentId(p.into()));
        let comment = Comment::new(CommentId(id.into()), parent, "Ann".into(), format!("body {id}"), false, now, writer);
        replica.apply(Change::Post(comment), now, writer).unwrap();
    }

    fn shown(view: &View) -> Vec<(String, bool)> {
        view.comments.iter().map(|c| (c.id.0.clone(), c.deleted)).collect()
    }

    #[test]
    fn a_deleted_comment_with_replies_stays_as_a_placeholder_until_its_last_reply_goes() {
        let mut replica = Replica::default();
        post(&mut replica, "a", None, 1, "w");
        post(&mut replica, "b", Some("a"), 2, "w");
        replica.apply(Change::Delete(CommentId("a".into())), 3, "w").unwrap();
        let view = replica.view();
        assert_eq!(shown(&view), vec![("a".into(), true), ("b".into(), false)]);
        assert_eq!((view.count, view.hidden), (1, 0));
        replica.apply(Change::Delete(CommentId("b".into())), 4, "w").unwrap();
        assert_eq!(shown(&replica.view()), vec![]);
        assert_eq!(replica.records().len(), 2, "both tombstones are kept");
    }

    #[test]
    fn undo_restores_the_comment_as_it_was_and_wins_over_the_delete() {
        let mut replica = Replica::default();
        post(&mut replica, "a", None, 1, "w");
        let Ok(Applied::Deleted(Some(before))) = replica.apply(Change::Delete(CommentId("a".into())), 5, "w") else {
            panic!("deleted")
        };
        let tombstone = replica.get(&CommentId("a".into())).unwrap().clone();
        replica.apply(Change::Restore(before), 6, "w").unwrap();
        let restored = replica.get(&CommentId("a".into())).unwrap();
        assert!(!restored.deleted && restored.body == "body a");
        assert_eq!(restored.version.generation, 1);
        // A tab that only saw the tombstone takes the restored comment on merge.
        let mut stale = Replica::from_records(vec![(*tombstone).clone()], vec![]);
        stale.merge(&replica);
        assert!(!stale.get(&CommentId("a".into())).unwrap().deleted);
    }

    #[test]
    fn editing_a_comment_deleted_elsewhere_is_refused() {
        let mut replica = Replica::default();
        post(&mut replica, "a", None, 1, "w");
        replica.apply(Change::Delete(CommentId("a".into())), 2, "w").unwrap();
        let edit = Change::Edit { id: CommentId("a".into()), body: "late".into(), spoiler: false, chapter: None };
        assert_eq!(replica.apply(edit, 3, "w"), Err(Refused::Gone));
    }

    #[test]
    fn withheld_comments_show_like_deleted_ones_and_never_their_text() {
        let mut replica = Replica::default();
        post(&mut replica, "a", None, 1, "w");
        post(&mut replica, "b", Some("a"), 2, "w");
        post(&mut replica, "c", None, 3, "w");
        let view = replica.view_without(|c| c.id.0 != "b");
        assert_eq!(shown(&view), vec![("a".into(), true), ("b".into(), false)]);
        assert_eq!((view.count, view.hidden), (1, 0));
        assert!(view.comments[0].body.is_empty());
    }

    /// A view brought up to date by a post is the whole view of the replica after it; where
    /// only the whole view can say, it is not brought up to date.
    #[test]
    fn a_view_after_a_post_is_the_whole_view_or_nothing() {
        let mut replica = Replica::default();
        post(&mut replica, "m", None, 1, "w");
        post(&mut replica, "d", None, 2, "w");
        post(&mut replica, "r", Some("d"), 3, "w");
        post(&mut replica, "lonely", None, 4, "w");
        post(&mut replica, "odd", Some("missing"), 5, "w");
        replica.apply(Change::Delete(CommentId("d".into())), 6, "w").unwrap();
        replica.apply(Change::Delete(CommentId("lonely".into())), 7, "w").unwrap();
        // Top-level, first and last in id order; replies to a live comment and to a placeholder.
        for (id, parent) in [("a", None), ("z", None), ("n", Some("m")), ("s", Some("d"))] {
            let before = replica.view();
            post(&mut replica, id, parent, 10, "w");
            assert_eq!(before.with_posted(&replica, &CommentId(id.into())), Some(replica.view()), "{id}");
        }
        // A reply to a deleted comment that had none (it becomes a placeholder), to a missing
        // comment, or to a hidden one.
        for (id, parent) in [("t1", Some("lonely")), ("t2", Some("nowhere")), ("t3", Some("odd"))] {
            let before = replica.view();
            post(&mut replica, id, parent, 11, "w");
            assert_eq!(before.with_posted(&replica, &CommentId(id.into())), None, "{id}");
        }
        // A comment that was there already, and a tombstone.
        let view = replica.view();
        assert_eq!(view.with_posted(&replica, &CommentId("a".into())), None, "already shown");
        assert_eq!(view.with_posted(&replica, &CommentId("lonely".into())), None, "deleted");
    }

    #[test]
    fn replies_to_missing_comments_are_hidden_and_counted() {
        let mut replica = Replica::default();
        post(&mut replica, "x", Some("gone"), 1, "w");
        post(&mut replica, "y", Some("x"), 2, "w");
        post(&mut replica, "z", Some("z"), 3, "w");
        post(&mut replica, "ok", None, 4, "w");
        let view = replica.view();
        assert_eq!(shown(&view), vec![("ok".into(), false)]);
        assert_eq!(view.hidden, 3);
    }

    #[test]
    fn merge_reports_what_each_side_lacks() {
        let mut a = Replica::default();
        post(&mut a, "a", None, 1, "w");
        let mut b = a.clone();
        post(&mut b, "b", None, 2, "v");
        let merged = a.merge(&b);
        assert_eq!(merged, Merged { gained: 1, new_comments: 1, lacking: false });
        let again = b.merge(&a);
        assert_eq!(again, Merged::default(), "nothing new either way");
        post(&mut a, "c", None, 3, "w");
        assert_eq!(b.clone().merge(&a).gained, 1);
        assert!(a.merge(&b).lacking, "b lacks c");
    }
}
