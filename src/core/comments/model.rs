//! Comments, threads, and the changes a reader makes to them.

/// A random id (never `last + 1`): two tabs posting at once never collide.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(pub String);

impl CommentId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Replies nest this deep at the most; a reply to a comment at this depth joins it there.
pub const MAX_DEPTH: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub parent: Option<CommentId>,
    pub author: String,
    /// In the comment text format (see `text_format`).
    pub body: String,
    /// Marked "Contains spoilers": shown collapsed behind a spoiler button.
    pub spoiler: bool,
    /// Milliseconds since the Unix epoch.
    pub created: i64,
    pub edited: Option<i64>,
    /// Deleted but kept as a placeholder because replies hang under it (author and body
    /// are emptied).
    pub deleted: bool,
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

fn position(comments: &[Comment], id: &CommentId) -> Option<usize> {
    comments.iter().position(|comment| &comment.id == id)
}

fn has_replies(comments: &[Comment], id: &CommentId) -> bool {
    comments.iter().any(|comment| comment.parent.as_ref() == Some(id))
}

/// How deep a comment sits (1 for a top-level comment); parents that are missing end the walk.
pub fn depth(comments: &[Comment], id: &CommentId) -> usize {
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
pub fn reply_parent(comments: &[Comment], target: &CommentId) -> CommentId {
    if depth(comments, target) >= MAX_DEPTH {
        if let Some(parent) = position(comments, target).and_then(|at| comments[at].parent.clone()) {
            return parent;
        }
    }
    target.clone()
}

/// Adds a comment (or replaces the one with the same id).
pub fn upsert(comments: &mut Vec<Comment>, comment: Comment) {
    match position(comments, &comment.id) {
        Some(at) => comments[at] = comment,
        None => comments.push(comment),
    }
}

/// Changes a comment's text. Returns false when it is gone (deleted in another tab).
pub fn edit(comments: &mut [Comment], id: &CommentId, body: String, spoiler: bool, at: i64) -> bool {
    match comments.iter_mut().find(|comment| &comment.id == id && !comment.deleted) {
        Some(comment) => {
            comment.body = body;
            comment.spoiler = spoiler;
            comment.edited = Some(at);
            true
        }
        None => false,
    }
}

/// Deletes a comment. One with replies stays as an empty placeholder; placeholders left
/// without replies go too. Returns what was there before, for `Undo` (restored with `upsert`).
pub fn delete(comments: &mut Vec<Comment>, id: &CommentId) -> Vec<Comment> {
    let Some(at) = position(comments, id) else { return Vec::new() };
    let mut removed = vec![comments[at].clone()];
    if has_replies(comments, id) {
        let placeholder = &mut comments[at];
        placeholder.deleted = true;
        placeholder.author = String::new();
        placeholder.body = String::new();
        placeholder.spoiler = false;
    } else {
        comments.remove(at);
    }
    // Placeholders whose last reply just went are not needed any more.
    loop {
        let orphaned = comments
            .iter()
            .position(|comment| comment.deleted && !has_replies(comments, &comment.id));
        match orphaned {
            Some(at) => removed.push(comments.remove(at)),
            None => break,
        }
    }
    removed
}

/// How many comments a reader sees (placeholders do not count).
pub fn visible_count(comments: &[Comment]) -> usize {
    comments.iter().filter(|comment| !comment.deleted).count()
}

/// One top-level comment and its replies, each level oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// Index into the comments the index was built from.
    pub comment: usize,
    pub replies: Vec<Thread>,
}

/// The comments arranged into threads once per change, so a render only walks the part it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadIndex {
    pub threads: Vec<Thread>,
}

impl ThreadIndex {
    /// Top-level comments in `order`; replies oldest first. A reply whose parent is missing
    /// is shown as a top-level comment rather than lost.
    pub fn build(comments: &[Comment], order: SortOrder) -> ThreadIndex {
        // Comment indices sorted by id, to find parents in O(log n).
        let mut by_id: Vec<usize> = (0..comments.len()).collect();
        by_id.sort_unstable_by(|a, b| comments[*a].id.cmp(&comments[*b].id));
        let exists = |id: &CommentId| by_id.binary_search_by(|probe| comments[*probe].id.cmp(id)).is_ok();
        // Children grouped by parent id, oldest first within a parent.
        let mut children: Vec<usize> = (0..comments.len())
            .filter(|&i| comments[i].parent.as_ref().is_some_and(|parent| exists(parent) && *parent != comments[i].id))
            .collect();
        children.sort_unstable_by(|a, b| {
            let (a, b) = (&comments[*a], &comments[*b]);
            a.parent.cmp(&b.parent).then(a.created.cmp(&b.created)).then(a.id.cmp(&b.id))
        });
        let mut top: Vec<usize> = (0..comments.len())
            .filter(|&i| comments[i].parent.as_ref().is_none_or(|parent| !exists(parent) || *parent == comments[i].id))
            .collect();
        top.sort_unstable_by(|a, b| {
            let (a, b) = (&comments[*a], &comments[*b]);
            let oldest_first = a.created.cmp(&b.created).then(a.id.cmp(&b.id));
            match order {
                SortOrder::OldestFirst => oldest_first,
                SortOrder::NewestFirst => oldest_first.reverse(),
            }
        });
        let mut threads: Vec<Thread> = top
            .into_iter()
            .map(|root| thread(comments, &children, root, 1))
            .collect();
        // Hand-edited data can hold a cycle of parents: show those comments rather than lose them.
        let mut shown = vec![false; comments.len()];
        fn mark(thread: &Thread, shown: &mut [bool]) {
            shown[thread.comment] = true;
            thread.replies.iter().for_each(|reply| mark(reply, shown));
        }
        threads.iter().for_each(|t| mark(t, &mut shown));
        for (at, was_shown) in shown.into_iter().enumerate() {
            if !was_shown {
                threads.push(Thread { comment: at, replies: Vec::new() });
            }
        }
        ThreadIndex { threads }
    }
}

fn thread(comments: &[Comment], children: &[usize], at: usize, level: usize) -> Thread {
    let id = &comments[at].id;
    let start = children.partition_point(|&c| comments[c].parent.as_ref() < Some(id));
    let end = children.partition_point(|&c| comments[c].parent.as_ref() <= Some(id));
    let replies = if level > MAX_DEPTH + 1 {
        Vec::new()
    } else {
        children[start..end].iter().map(|&c| thread(comments, children, c, level + 1)).collect()
    };
    Thread { comment: at, replies }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn comment(id: &str, parent: Option<&str>, created: i64) -> Comment {
        Comment {
            id: CommentId(id.into()),
            parent: parent.map(|p| CommentId(p.into())),
            author: format!("author of {id}"),
            body: format!("body of {id}"),
            spoiler: false,
            created,
            edited: None,
            deleted: false,
        }
    }

    fn ids(index: &ThreadIndex, comments: &[Comment]) -> Vec<String> {
        fn walk(t: &Thread, comments: &[Comment], depth: usize, out: &mut Vec<String>) {
            out.push(format!("{}{}", "-".repeat(depth), comments[t.comment].id.0));
            for r in &t.replies {
                walk(r, comments, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        for t in &index.threads {
            walk(t, comments, 0, &mut out);
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
    fn deleting_keeps_replies_under_a_placeholder_and_undo_restores() {
        let mut comments = vec![comment("a", None, 1), comment("b", Some("a"), 2)];
        let removed = delete(&mut comments, &CommentId("a".into()));
        assert_eq!(removed.len(), 1);
        assert!(comments[0].deleted && comments[0].body.is_empty() && comments[0].author.is_empty());
        assert_eq!(visible_count(&comments), 1);
        // Deleting the last reply also removes the placeholder; undo puts both back.
        let removed_b = delete(&mut comments, &CommentId("b".into()));
        assert!(comments.is_empty());
        assert_eq!(removed_b.len(), 2);
        for c in removed_b {
            upsert(&mut comments, c);
        }
        for c in removed {
            upsert(&mut comments, c);
        }
        assert_eq!(comments.len(), 2);
        assert!(comments.iter().all(|c| !c.deleted));
        assert_eq!(comments.iter().find(|c| c.id.0 == "a").unwrap().body, "body of a");
    }

    #[test]
    fn edit_marks_the_time_and_refuses_deleted_comments() {
        let mut comments = vec![comment("a", None, 1)];
        assert!(edit(&mut comments, &CommentId("a".into()), "new".into(), true, 99));
        assert_eq!((comments[0].body.as_str(), comments[0].spoiler, comments[0].edited), ("new", true, Some(99)));
        assert!(!edit(&mut comments, &CommentId("missing".into()), "x".into(), false, 100));
    }

    #[test]
    fn a_cycle_of_parents_does_not_hang() {
        let comments = vec![comment("a", Some("b"), 1), comment("b", Some("a"), 2)];
        assert!(depth(&comments, &CommentId("a".into())) <= 3);
        let index = ThreadIndex::build(&comments, SortOrder::OldestFirst);
        assert_eq!(ids(&index, &comments), vec!["a", "b"], "both are shown");
    }
}
