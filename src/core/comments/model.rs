//! One comment as every writer (tab, widget, import file, later a server) stores it, the
//! rule that orders two states of the same comment, and the threads a reader sees.

use crate::core::json::Json;
use std::rc::Rc;

/// A random id (never `last + 1`): two tabs posting at once never collide.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(pub String);

/// Ids are 1 to 64 of these characters: safe in storage keys, file names and DOM ids.
pub const ID_MAX: usize = 64;

impl CommentId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `A-Z a-z 0-9 _ -`, 1 to [`ID_MAX`] of them.
    pub fn is_valid(id: &str) -> bool {
        !id.is_empty() && id.len() <= ID_MAX && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    }
}

/// Replies nest this deep at the most; a reply to a comment at this depth joins it there.
pub const MAX_DEPTH: usize = 3;

/// Which state of a comment is the newer one, the same on every tab:
/// a later `generation` (a delete undone) wins; within a generation a delete wins over any
/// edit (so nothing deleted comes back through a stale copy); then the later change, then
/// the writer's token as the tie-break.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub generation: u32,
    /// Milliseconds since the epoch, on the writer's clock, never behind the version it replaces.
    pub changed: i64,
    /// The writer's random token (one per tab and widget), shared by the records of one
    /// writer.
    pub writer: Rc<str>,
}

/// The state of one comment: live, or a tombstone (`deleted`, author and body empty) that
/// is kept so that no stale copy can bring the comment back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub parent: Option<CommentId>,
    pub author: String,
    /// In the comment text format (see `text_format`).
    pub body: String,
    /// Marked "Contains spoilers": shown collapsed behind a spoiler button.
    pub spoiler: bool,
    /// With chapter-aware spoilers: how far into the book the spoiler reaches ("Spoils up to
    /// chapter 12"); `None` with `spoiler` set spoils the whole book.
    pub chapter: Option<u32>,
    /// Milliseconds since the Unix epoch.
    pub created: i64,
    pub edited: Option<i64>,
    pub deleted: bool,
    pub version: Version,
    /// The reader who wrote it, as the shared database knows them, for a comment that came
    /// from it; `None` for a comment written in this browser.
    pub owner: Option<Rc<str>>,
    /// Written in this browser and meant for other readers too (sent to the shared database).
    pub share: bool,
    /// Members this version does not know (written by a newer minor version): carried along.
    pub extra: Vec<(String, Json)>,
}

impl Comment {
    /// A new comment by `writer` at `now`.
    pub fn new(id: CommentId, parent: Option<CommentId>, author: String, body: String, spoiler: bool, now: i64, writer: &str) -> Comment {
        Comment {
            id,
            parent,
            author,
            body,
            spoiler,
            chapter: None,
            created: now,
            edited: None,
            deleted: false,
            version: Version { generation: 0, changed: now, writer: writer.into() },
            owner: None,
            share: false,
            extra: Vec::new(),
        }
    }

    /// The version a change by `writer` at `now` gets: never behind this one, so that a
    /// clock that went back still makes the change win.
    pub fn next_version(&self, now: i64, writer: &str, generation: u32) -> Version {
        Version { generation, changed: now.max(self.version.changed.saturating_add(1)), writer: writer.into() }
    }

    /// Whether this state wins over `other` (a state of the same comment). A total order:
    /// states that tie on every rule are told apart by their content, so every tab picks the same.
    pub fn supersedes(&self, other: &Comment) -> bool {
        let rank = |c: &Comment| (c.version.generation, c.deleted, c.version.changed);
        match rank(self).cmp(&rank(other)).then_with(|| self.version.writer.cmp(&other.version.writer)) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => {
                fn content(c: &Comment) -> (&str, &str, (bool, Option<u32>), i64, Option<i64>, Option<&CommentId>) {
                    (&c.author, &c.body, (c.spoiler, c.chapter), c.created, c.edited, c.parent.as_ref())
                }
                content(self) > content(other)
            }
        }
    }

    /// The tombstone of this comment, by `writer` at `now`.
    pub fn tombstone(&self, now: i64, writer: &str) -> Comment {
        Comment {
            id: self.id.clone(),
            parent: self.parent.clone(),
            author: String::new(),
            body: String::new(),
            spoiler: false,
            chapter: None,
            created: self.created,
            edited: None,
            deleted: true,
            version: self.next_version(now, writer, self.version.generation),
            owner: self.owner.clone(),
            share: self.share,
            extra: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    OldestFirst,
    NewestFirst,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::OldestFirst => "oldest",
            SortOrder::NewestFirst => "newest",
        }
    }

    pub fn parse(text: &str) -> SortOrder {
        if text == "newest" {
            SortOrder::NewestFirst
        } else {
            SortOrder::OldestFirst
        }
    }
}

fn position(comments: &[Rc<Comment>], id: &CommentId) -> Option<usize> {
    comments.iter().position(|comment| &comment.id == id)
}

/// How deep a comment sits (1 for a top-level comment); parents that are missing end the walk.
pub fn depth(comments: &[Rc<Comment>], id: &CommentId) -> usize {
    let mut depth = 1;
    let mut current = position(comments, id).and_then(|at| comments[at].parent.clone());
    while let Some(parent) = current {
        match position(comments, &parent) {
            Some(at) if depth < comments.len() => {
                depth += 1;
                current = comments[at].parent.clone();
            }
            _ => break,
        }
    }
    depth
}

/// The parent a reply to `target` gets: `target` itself, or its parent when `target` is
/// already at the deepest level.
pub fn reply_parent(comments: &[Rc<Comment>], target: &CommentId) -> CommentId {
    if depth(comments, target) >= MAX_DEPTH {
        if let Some(parent) = position(comments, target).and_then(|at| comments[at].parent.clone()) {
            return parent;
        }
    }
    target.clone()
}

/// Where `after` holds one comment more than `before`, the very same others (the same
/// records, not equal ones) in the same order: the new one's place.
pub fn inserted_at(before: &[Rc<Comment>], after: &[Rc<Comment>]) -> Option<usize> {
    if after.len() != before.len() + 1 {
        return None;
    }
    let at = before.iter().zip(after).position(|(before, after)| !Rc::ptr_eq(before, after)).unwrap_or(before.len());
    before[at..].iter().zip(&after[at + 1..]).all(|(before, after)| Rc::ptr_eq(before, after)).then_some(at)
}

/// The comments arranged into threads once per change, without a list per thread: a
/// render walks only the threads it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadIndex {
    /// The top-level comments in the chosen order (indices into the comments the index was
    /// built from); then any comment a walk from them cannot reach (a cycle of parents in
    /// hand-edited data, replies nested too deep), shown rather than lost.
    pub top: Vec<usize>,
    /// Every comment's replies, oldest first: `replies[start[at]..start[at + 1]]`.
    replies: Vec<usize>,
    start: Vec<usize>,
    /// Comments a walk from the top-level ones reaches (the others are shown on their own).
    reached: Vec<bool>,
}

impl ThreadIndex {
    /// Top-level comments in `order`; replies oldest first. A reply whose parent is missing
    /// is shown as a top-level comment rather than lost.
    pub fn build(comments: &[Rc<Comment>], order: SortOrder) -> ThreadIndex {
        let count = comments.len();
        // Each comment's rank by id (the store keeps them in id order already): the
        // tie-break between comments of the same time, and how parents are found.
        let mut by_id: Vec<usize> = (0..count).collect();
        let sorted = comments.windows(2).all(|pair| pair[0].id <= pair[1].id);
        if !sorted {
            by_id.sort_unstable_by(|a, b| comments[*a].id.cmp(&comments[*b].id));
        }
        let mut rank = by_id.clone();
        if !sorted {
            for (position, at) in by_id.iter().enumerate() {
                rank[*at] = position;
            }
        }
        let find = |id: &CommentId| by_id.binary_search_by(|probe| comments[*probe].id.cmp(id)).ok().map(|at| by_id[at]);
        let parents: Vec<Option<usize>> = comments
            .iter()
            .enumerate()
            .map(|(at, comment)| comment.parent.as_ref().and_then(find).filter(|parent| *parent != at))
            .collect();
        let oldest_first = |at: &usize| (comments[*at].created, rank[*at]);
        // Replies grouped by parent (counted, then placed), oldest first within a parent.
        let mut start = vec![0; count + 1];
        for parent in parents.iter().flatten() {
            start[parent + 1] += 1;
        }
        for at in 0..count {
            start[at + 1] += start[at];
        }
        let mut replies = vec![0; start[count]];
        let mut next = start.clone();
        for (at, parent) in parents.iter().enumerate() {
            if let Some(parent) = *parent {
                replies[next[parent]] = at;
                next[parent] += 1;
            }
        }
        for at in 0..count {
            replies[start[at]..start[at + 1]].sort_unstable_by_key(oldest_first);
        }
        // Top-level comments by (time, rank): the keys are sorted as they are, without going
        // back to the comments for each comparison.
        let mut keys = Vec::with_capacity(count);
        for at in 0..count {
            if parents[at].is_none() {
                keys.push(oldest_first(&at));
            }
        }
        keys.sort_unstable();
        let mut top = Vec::with_capacity(keys.len());
        for (_, by_rank) in keys {
            top.push(by_id[by_rank]);
        }
        if order == SortOrder::NewestFirst {
            top.reverse();
        }
        // What a walk from the top-level comments reaches; anything else joins them, alone.
        let mut index = ThreadIndex { top, replies, start, reached: vec![true; count] };
        let mut reached = vec![false; count];
        let mut stack: Vec<(usize, usize)> = index.top.iter().map(|at| (*at, 1)).collect();
        while let Some((at, level)) = stack.pop() {
            reached[at] = true;
            stack.extend(index.replies(at, level).iter().map(|reply| (*reply, level + 1)));
        }
        index.top.extend((0..count).filter(|at| !reached[*at]));
        index.reached = reached;
        index
    }

    /// The index of `comments`, which are the comments this index was built from (in id order,
    /// as a view holds them) with one new top-level comment at `at`: the same as
    /// [`ThreadIndex::build`] gives (a post from the main form with 10,000 stored sorts nothing).
    /// `None` when `comments` are not exactly that.
    pub fn with_top_level(&self, comments: &[Rc<Comment>], at: usize, order: SortOrder) -> Option<ThreadIndex> {
        let count = comments.len();
        let fits = |before: Option<&Rc<Comment>>, after: Option<&Rc<Comment>>| match (before, after) {
            (Some(before), Some(after)) => before.id < after.id,
            _ => true,
        };
        let new = comments.get(at)?;
        let in_order = fits(at.checked_sub(1).and_then(|before| comments.get(before)), Some(new)) && fits(Some(new), comments.get(at + 1));
        if self.reached.len() + 1 != count || new.parent.is_some() || !in_order {
            return None;
        }
        let shifted = |indices: &[usize]| {
            let mut out = Vec::with_capacity(indices.len() + 1);
            for index in indices {
                out.push(if *index >= at { index + 1 } else { *index });
            }
            out
        };
        let mut top = shifted(&self.top);
        // A comment shown at the top because its parent was missing may be a reply to this one.
        if top.iter().any(|top| comments[*top].parent.as_ref() == Some(&new.id)) {
            return None;
        }
        let replies = shifted(&self.replies);
        let mut start = self.start.clone();
        start.insert(at, start[at]);
        let mut reached = self.reached.clone();
        reached.insert(at, true);
        // The top-level comments come first, by (time, id); then those shown on their own.
        let sorted = top.len() - self.reached.iter().filter(|reached| !**reached).count();
        // Keys are unique (the index breaks ties of time), so "newer" is "not older".
        let key = |index: usize| (comments[index].created, index);
        let oldest_first = order == SortOrder::OldestFirst;
        let place = top[..sorted].partition_point(|other| (key(*other) < key(at)) == oldest_first);
        top.insert(place, at);
        Some(ThreadIndex { top, replies, start, reached })
    }

    /// The replies of the comment `at`, shown at `level` (1 for a top-level comment): none
    /// below the deepest level shown, nor under a comment shown on its own.
    pub fn replies(&self, at: usize, level: usize) -> &[usize] {
        if level > MAX_DEPTH + 1 || !self.reached[at] {
            return &[];
        }
        &self.replies[self.start[at]..self.start[at + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn comment(id: &str, parent: Option<&str>, created: i64) -> Rc<Comment> {
        let parent = parent.map(|p| CommentId(p.into()));
        Rc::new(Comment::new(CommentId(id.into()), parent, format!("author of {id}"), format!("body of {id}"), false, created, "w"))
    }

    fn ids(index: &ThreadIndex, comments: &[Rc<Comment>]) -> Vec<String> {
        fn walk(index: &ThreadIndex, at: usize, comments: &[Rc<Comment>], level: usize, out: &mut Vec<String>) {
            out.push(format!("{}{}", "-".repeat(level - 1), comments[at].id.0));
            for reply in index.replies(at, level) {
                walk(index, *reply, comments, level + 1, out);
            }
        }
        let mut out = Vec::new();
        for at in &index.top {
            walk(index, *at, comments, 1, &mut out);
        }
        out
    }

    #[test]
    fn threads_sort_top_level_by_order_and_replies_oldest_first() {
        let comments = vec![
            comment("b", None, 20),
            comment("a", None, 10),
            comment("a2", Some("a"), 40),
            comment("a1", Some("a"), 30),
            comment("a1x", Some("a1"), 50),
        ];
        let oldest = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        assert_eq!(ids(&oldest, &comments), vec!["a", "-a1", "--a1x", "-a2", "b"]);
        let newest = ThreadIndex::build(&comments, SortOrder::NewestFirst);
        assert_eq!(ids(&newest, &comments), vec!["b", "a", "-a1", "--a1x", "-a2"]);
    }

    #[test]
    fn replies_to_the_third_level_stay_at_the_third_level() {
        let comments = vec![comment("a", None, 1), comment("b", Some("a"), 2), comment("c", Some("b"), 3)];
        assert_eq!(reply_parent(&comments, &CommentId("a".into())).0, "a");
        assert_eq!(reply_parent(&comments, &CommentId("b".into())).0, "b");
        assert_eq!(reply_parent(&comments, &CommentId("c".into())).0, "b", "a reply to c joins c under b");
        assert_eq!(depth(&comments, &CommentId("c".into())), 3);
    }

    #[test]
    fn orphans_and_self_parents_are_shown_not_lost() {
        let comments = vec![comment("x", Some("gone"), 1), comment("y", Some("y"), 2)];
        let index = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        assert_eq!(ids(&index, &comments), vec!["x", "y"]);
    }

    #[test]
    fn replies_nested_deeper_than_shown_are_shown_on_their_own() {
        let chain = ["a", "b", "c", "d", "e", "f"];
        let comments: Vec<_> = chain.iter().enumerate().map(|(n, id)| comment(id, n.checked_sub(1).map(|p| chain[p]), n as i64)).collect();
        let index = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        assert_eq!(ids(&index, &comments), vec!["a", "-b", "--c", "---d", "----e", "f"]);
    }

    /// A new top-level comment put into an index gives the index a whole build gives, over
    /// random threads: replies, missing parents, cycles, chains deeper than shown, equal times.
    #[test]
    fn a_new_top_level_comment_goes_where_a_whole_build_puts_it() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut below = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..400 {
            let count = below(30) as usize;
            let mut comments: Vec<Rc<Comment>> = Vec::new();
            for n in 0..count {
                let id = format!("c{:03}", n * 2 + 1);
                let parent = match below(4) {
                    0 if n > 0 => Some(format!("c{:03}", below(n as u64) * 2 + 1)),
                    1 => Some(format!("c{:03}", below(60))),
                    _ => None,
                };
                comments.push(comment(&id, parent.as_deref(), below(5) as i64));
            }
            let new = comment(&format!("c{:03}", below(count as u64 + 1) * 2), None, below(6) as i64);
            let at = comments.partition_point(|c| c.id < new.id);
            let mut after = comments.clone();
            after.insert(at, new);
            // A reply whose parent was missing joins the new comment: only a whole build can say.
            let awaited = comments.iter().any(|c| c.parent.as_ref() == Some(&after[at].id));
            for order in [SortOrder::OldestFirst, SortOrder::NewestFirst] {
                let index = ThreadIndex::build(&comments, order);
                let whole = (!awaited).then(|| ThreadIndex::build(&after, order));
                assert_eq!(index.with_top_level(&after, at, order), whole, "round {round} {order:?}");
            }
        }
    }

    #[test]
    fn one_inserted_record_is_found_by_identity() {
        let (a, b, c) = (comment("a", None, 1), comment("b", None, 2), comment("c", None, 3));
        assert_eq!(inserted_at(&[a.clone(), c.clone()], &[a.clone(), b.clone(), c.clone()]), Some(1));
        assert_eq!(inserted_at(&[a.clone(), b.clone()], &[a.clone(), b.clone(), c.clone()]), Some(2));
        assert_eq!(inserted_at(&[], &[a.clone()]), Some(0));
        let equal_not_same = comment("c", None, 3);
        assert_eq!(inserted_at(&[a.clone(), c.clone()], &[a.clone(), b.clone(), equal_not_same]), None, "a record replaced");
        assert_eq!(inserted_at(&[a.clone(), c.clone()], &[b.clone(), a.clone(), c.clone(), c.clone()]), None, "two more");
    }

    #[test]
    fn only_a_new_top_level_comment_in_its_place_is_put_in() {
        let comments = vec![comment("a", None, 1), comment("c", None, 2)];
        let index = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        let reply = vec![comments[0].clone(), comment("b", Some("a"), 3), comments[1].clone()];
        assert_eq!(index.with_top_level(&reply, 1, SortOrder::OldestFirst), None, "a reply");
        let out_of_order = vec![comments[0].clone(), comments[1].clone(), comment("b", None, 3)];
        assert_eq!(index.with_top_level(&out_of_order, 2, SortOrder::OldestFirst), None, "not in id order");
        assert_eq!(index.with_top_level(&comments, 1, SortOrder::OldestFirst), None, "nothing new");
    }

    #[test]
    fn a_cycle_of_parents_does_not_hang() {
        let comments = vec![comment("a", Some("b"), 1), comment("b", Some("a"), 2)];
        assert!(depth(&comments, &CommentId("a".into())) <= 3);
        let index = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        assert_eq!(ids(&index, &comments), vec!["a", "b"], "both are shown");
    }

    #[test]
    fn a_delete_wins_within_its_generation_and_an_undo_wins_over_the_delete() {
        let live = Comment::new(CommentId("a".into()), None, "Ann".into(), "Hi".into(), false, 100, "tab1");
        let dead = live.tombstone(50, "tab2");
        assert_eq!(dead.version.changed, 101, "a slow clock still moves the version on");
        let mut late_edit = live.clone();
        late_edit.body = "edited later".into();
        late_edit.version = live.next_version(10_000, "tab3", 0);
        assert!(dead.supersedes(&late_edit) && !late_edit.supersedes(&dead));
        let mut restored = live.clone();
        restored.version = dead.next_version(200, "tab2", dead.version.generation + 1);
        assert!(restored.supersedes(&dead) && restored.supersedes(&late_edit));
        assert!(!live.supersedes(&live), "a state does not supersede itself");
    }
}
