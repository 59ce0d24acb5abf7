//! The stored form of a review's comments: a versioned JSON envelope. The same envelope is
//! the export file, so an import is the same merge as a write from another tab.
//!
//! ```json
//! {"format":"review-widget/comments","version":2,"reviewId":"…","comments":[{…},{…}]}
//! ```
//!
//! `comments` holds one record per comment id (see `record`), tombstones included, sorted
//! by id, followed by the records this version cannot show, each exactly as it was stored.
//! Version 1 (no versions or tombstones) reads as version 2 and is migrated on the first
//! write. Only a value that is not an envelope at all (not JSON, another format, a newer
//! major version) makes the store read-only.

use super::record::{from_item, write_json, Writers};
use super::replica::Replica;
use crate::core::json::{write_int, write_string, Json};
use std::rc::Rc;

pub const FORMAT: &str = "review-widget/comments";
pub const VERSION: i64 = 2;

/// Why stored comments cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or not the shape of an envelope.
    Damaged,
    /// Written by a newer major version of the widget.
    Newer(i64),
}

/// What was read: the records, and the review id the envelope names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub review_id: Option<String>,
    pub replica: Replica,
}

/// Reads an envelope.
pub fn from_text(text: &str) -> Result<Envelope, Unreadable> {
    let text = text.trim_start_matches('\u{feff}');
    // Each record is read as soon as it is parsed: no second copy of the whole list.
    let mut records = Vec::new();
    let mut odd = Vec::new();
    let mut writers = Writers::default();
    let (value, found) = Json::parse_items(text, "comments", |item, raw| match from_item(item, &mut writers) {
        Ok(record) => records.push(Rc::new(record)),
        Err(_) => odd.push(raw.to_owned()),
    })
    .map_err(|_| Unreadable::Damaged)?;
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(Unreadable::Damaged);
    }
    match value.get("version").and_then(Json::as_i64) {
        Some(version) if version > VERSION => return Err(Unreadable::Newer(version)),
        Some(version) if version >= 1 => {}
        _ => return Err(Unreadable::Damaged),
    }
    if !found {
        return Err(Unreadable::Damaged);
    }
    Ok(Envelope {
        review_id: value.get("reviewId").and_then(Json::as_str).map(str::to_owned),
        replica: Replica::from_shared(records, odd),
    })
}

/// The envelope's text up to its first record: `{"format":…,"comments":[`.
fn head(review_id: &str, out: &mut String) {
    out.push_str("{\"format\":\"");
    out.push_str(FORMAT);
    out.push_str("\",\"version\":");
    write_int(VERSION, out);
    out.push_str(",\"reviewId\":");
    write_string(review_id, out);
    out.push_str(",\"comments\":[");
}

/// The envelope as text: the same replica always gives the same text (records in id order,
/// then the records this version cannot show).
pub fn to_text(review_id: &str, replica: &Replica) -> String {
    let mut out = String::with_capacity(64 + replica.records().len() * 200);
    head(review_id, &mut out);
    let mut first = true;
    let mut separate = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    for record in replica.records() {
        separate(&mut out);
        write_json(record, &mut out);
    }
    for raw in replica.odd() {
        separate(&mut out);
        out.push_str(raw);
    }
    out.push_str("]}");
    out
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

/// Reads an export file for `review_id`. Records it cannot show are carried along (and
/// counted by the view), as in storage.
pub fn read_export(text: &str, review_id: &str) -> Result<Replica, ImportError> {
    let envelope = from_text(text).map_err(|error| match error {
        Unreadable::Newer(_) => ImportError::Newer,
        Unreadable::Damaged => ImportError::NotAnExport,
    })?;
    match envelope.review_id {
        Some(id) if id == review_id => Ok(envelope.replica),
        Some(other) => Err(ImportError::OtherReview(other)),
        None => Err(ImportError::NotAnExport),
    }
}
