//! The stored form of a review's comments: a versioned JSON envelope. The same envelope is
//! the export file.
//!
//! ```json
//! {"format":"review-widget/comments","version":1,"reviewId":"…","comments":[{…}]}
//! ```
//!
//! Reading never fails outright: what can be read is shown, and anything the widget cannot
//! fully read (damaged, or written by a newer version) is reported so that it is never
//! overwritten.

use super::model::{Comment, CommentId};
use super::validation::{COMMENT_MAX, NAME_MAX};
use crate::core::json::{object, string, Json};

pub const FORMAT: &str = "review-widget/comments";
pub const VERSION: i64 = 1;

/// Why stored comments cannot be fully read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not the shape of an envelope.
    Damaged,
    /// Written by a newer version of the widget.
    Newer(i64),
}

/// What was read from storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// Everything that could be read.
    pub comments: Vec<Comment>,
    /// Set when the stored text must not be overwritten.
    pub problem: Option<Unreadable>,
}

fn opt_string(value: &Option<CommentId>) -> Json {
    value.as_ref().map_or(Json::Null, |id| string(id.as_str()))
}

fn comment_to_json(comment: &Comment) -> Json {
    object(vec![
        ("id", Some(string(comment.id.as_str()))),
        ("parent", Some(opt_string(&comment.parent))),
        ("author", Some(string(&comment.author))),
        ("body", Some(string(&comment.body))),
        ("spoiler", Some(Json::Bool(comment.spoiler))),
        ("created", Some(Json::Int(comment.created))),
        ("edited", comment.edited.map(Json::Int)),
        ("deleted", comment.deleted.then_some(Json::Bool(true))),
    ])
}

/// Reads one comment; `None` when it is not a well-formed comment.
fn comment_from_json(value: &Json) -> Option<Comment> {
    let id = value.get("id")?.as_str().filter(|id| !id.is_empty() && id.len() <= 64)?;
    let parent = match value.get("parent") {
        None | Some(Json::Null) => None,
        Some(parent) => Some(CommentId(parent.as_str()?.to_owned())),
    };
    let deleted = value.get("deleted").and_then(Json::as_bool).unwrap_or(false);
    let author = value.get("author")?.as_str()?;
    let body = value.get("body")?.as_str()?;
    let fits = author.chars().count() <= NAME_MAX && body.chars().count() <= COMMENT_MAX;
    let filled = deleted || (!author.trim().is_empty() && !body.trim().is_empty());
    if !fits || !filled {
        return None;
    }
    Some(Comment {
        id: CommentId(id.to_owned()),
        parent,
        author: author.to_owned(),
        body: body.to_owned(),
        spoiler: value.get("spoiler").and_then(Json::as_bool).unwrap_or(false),
        created: value.get("created")?.as_i64()?,
        edited: value.get("edited").and_then(Json::as_i64),
        deleted,
    })
}

/// The envelope as text.
pub fn to_text(review_id: &str, comments: &[Comment]) -> String {
    object(vec![
        ("format", Some(string(FORMAT))),
        ("version", Some(Json::Int(VERSION))),
        ("reviewId", Some(string(review_id))),
        ("comments", Some(Json::Array(comments.iter().map(comment_to_json).collect()))),
    ])
    .to_json_string()
}

/// Reads stored text (`None`: nothing stored yet).
pub fn from_text(text: Option<&str>) -> Loaded {
    let Some(text) = text else {
        return Loaded { comments: Vec::new(), problem: None };
    };
    let damaged = || Loaded { comments: Vec::new(), problem: Some(Unreadable::Damaged) };
    let Ok(value) = Json::parse(text) else { return damaged() };
    let Some(version) = value.get("version").and_then(Json::as_i64) else { return damaged() };
    let Some(items) = value.get("comments").and_then(Json::as_array) else { return damaged() };
    let mut comments = Vec::with_capacity(items.len());
    let mut all_read = value.get("format").and_then(Json::as_str) == Some(FORMAT);
    for item in items {
        match comment_from_json(item) {
            Some(comment) => comments.push(comment),
            None => all_read = false,
        }
    }
    let comments = without_duplicate_ids(comments);
    let problem = if version > VERSION {
        Some(Unreadable::Newer(version))
    } else if version < 1 || !all_read {
        Some(Unreadable::Damaged)
    } else {
        None
    };
    Loaded { comments, problem }
}

/// Keeps the last of comments that share an id (hand-edited data), in O(n log n).
fn without_duplicate_ids(comments: Vec<Comment>) -> Vec<Comment> {
    let mut order: Vec<usize> = (0..comments.len()).collect();
    order.sort_by(|a, b| comments[*a].id.cmp(&comments[*b].id).then(a.cmp(b)));
    let mut keep = vec![true; comments.len()];
    for pair in order.windows(2) {
        if comments[pair[0]].id == comments[pair[1]].id {
            keep[pair[0]] = false;
        }
    }
    if keep.iter().all(|k| *k) {
        return comments;
    }
    comments.into_iter().zip(keep).filter_map(|(comment, kept)| kept.then_some(comment)).collect()
}

/// Why an import file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not an export of this widget, or damaged.
    NotAnExport,
    /// Exported by a newer version of the widget.
    Newer,
    /// The comments of another review.
    OtherReview(String),
}

/// Reads an export file for `review_id`: all or nothing.
pub fn read_export(text: &str, review_id: &str) -> Result<Vec<Comment>, ImportError> {
    let value = Json::parse(text.trim_start_matches('\u{feff}')).map_err(|_| ImportError::NotAnExport)?;
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(ImportError::NotAnExport);
    }
    let loaded = from_text(Some(text.trim_start_matches('\u{feff}')));
    match loaded.problem {
        Some(Unreadable::Newer(_)) => return Err(ImportError::Newer),
        Some(Unreadable::Damaged) => return Err(ImportError::NotAnExport),
        None => {}
    }
    match value.get("reviewId").and_then(Json::as_str) {
        Some(id) if id == review_id => Ok(loaded.comments),
        Some(other) => Err(ImportError::OtherReview(other.to_owned())),
        None => Err(ImportError::NotAnExport),
    }
}

/// Adds the comments whose ids are not there yet; returns how many were added.
pub fn merge(into: &mut Vec<Comment>, incoming: Vec<Comment>) -> usize {
    let mut known: Vec<CommentId> = into.iter().map(|comment| comment.id.clone()).collect();
    known.sort_unstable();
    let before = into.len();
    for comment in without_duplicate_ids(incoming) {
        if known.binary_search(&comment.id).is_err() {
            into.push(comment);
        }
    }
    into.len() - before
}
