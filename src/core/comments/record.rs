//! One comment as JSON, and the rules a stored comment must meet to be shown. A record that
//! breaks a rule is not an error of the whole store: the caller keeps its text as it was.
//!
//! ```json
//! {"id":"9f2c…","parent":null,"author":"Ann","body":"…","spoiler":true,"created":1764000000000,
//!  "edited":1764000100000,"changed":1764000100000,"writer":"a1b2…","generation":1}
//! {"id":"77aa…","created":1764000000000,"deleted":true,"changed":1764000200000,"writer":"c3d4…"}
//! ```

use super::model::{Comment, CommentId, Version, ID_MAX};
use super::validation::{COMMENT_MAX, NAME_MAX};
use crate::core::json::{write_int, write_string, Field, Item, Json};
use std::rc::Rc;

/// Times a JavaScript `Date` can hold (±100,000,000 days around the epoch, in ms).
pub const TIME_LIMIT: i64 = 8_640_000_000_000_000;

pub fn is_valid_time(millis: i64) -> bool {
    (-TIME_LIMIT..=TIME_LIMIT).contains(&millis)
}

/// Why a stored record cannot be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Odd {
    NotAnObject,
    /// Missing, or outside `A-Z a-z 0-9 _ -`, or longer than 64.
    Id,
    /// A time missing, not a whole number, or outside what a date can hold.
    Time,
    /// A name or text missing, empty, or over the limit.
    Text,
    /// A known field of the wrong type.
    FieldType,
}

fn time(value: Option<Field>) -> Result<Option<i64>, Odd> {
    match value {
        None | Some(Field::Null) => Ok(None),
        Some(Field::Int(n)) if is_valid_time(n) => Ok(Some(n)),
        Some(_) => Err(Odd::Time),
    }
}

fn flag(value: Option<Field>) -> Result<bool, Odd> {
    match value {
        None | Some(Field::Null) => Ok(false),
        Some(Field::Bool(b)) => Ok(b),
        Some(_) => Err(Odd::FieldType),
    }
}

fn text(value: Option<Field>) -> Result<Option<String>, Odd> {
    match value {
        None | Some(Field::Null) => Ok(None),
        Some(Field::Str(s)) => Ok(Some(s.into_owned())),
        Some(_) => Err(Odd::FieldType),
    }
}

fn valid_id(id: String) -> Result<CommentId, Odd> {
    if CommentId::is_valid(&id) {
        Ok(CommentId(id))
    } else {
        Err(Odd::Id)
    }
}

/// The writer tokens of the records read so far: a store holds thousands of records from a
/// handful of writers, which share one copy of each token.
#[derive(Default)]
pub struct Writers(Vec<Rc<str>>);

impl Writers {
    pub fn get(&mut self, writer: &str) -> Rc<str> {
        if let Some(known) = self.0.iter().find(|known| ***known == *writer) {
            return known.clone();
        }
        let token: Rc<str> = writer.into();
        if self.0.len() < 16 {
            self.0.push(token.clone());
        }
        token
    }
}

/// The members of a record this version knows, in the order they are written. Who owns a
/// shared comment and whether it is shared only matter to the build with shared comments:
/// elsewhere they ride along as members this build does not know.
#[cfg(feature = "sync")]
const KEYS: [&str; 14] =
    ["id", "parent", "author", "body", "spoiler", "chapter", "created", "edited", "deleted", "changed", "writer", "generation", "owner", "share"];
#[cfg(not(feature = "sync"))]
const KEYS: [&str; 12] = ["id", "parent", "author", "body", "spoiler", "chapter", "created", "edited", "deleted", "changed", "writer", "generation"];

/// Reads one stored record (a version 1 comment reads too: its version starts at its last
/// change). On a duplicated member the last one counts.
pub fn from_item(item: Item, writers: &mut Writers) -> Result<Comment, Odd> {
    let Item::Members(members) = item else { return Err(Odd::NotAnObject) };
    let mut slots: [Option<Field>; KEYS.len()] = Default::default();
    let mut extra = Vec::new();
    let mut next = 0;
    for (key, value) in members.drain(..) {
        // Records are written with their members in this order: look from the last one on.
        match (next..KEYS.len()).chain(0..next).find(|at| KEYS[*at] == key) {
            Some(at) => {
                slots[at] = Some(value);
                next = at + 1;
            }
            None => {
                extra.retain(|(name, _): &(String, Json)| *name != *key);
                extra.push((key.into_owned(), value.into_json()));
            }
        }
    }
    #[cfg(feature = "sync")]
    let [id, parent, author, body, spoiler, chapter, created, edited, deleted, changed, writer, generation, owner, share] = slots;
    #[cfg(not(feature = "sync"))]
    let [id, parent, author, body, spoiler, chapter, created, edited, deleted, changed, writer, generation] = slots;
    let id = valid_id(text(id).map_err(|_| Odd::Id)?.ok_or(Odd::Id)?)?;
    let parent = text(parent).map_err(|_| Odd::Id)?.map(valid_id).transpose()?;
    let created = time(created)?.ok_or(Odd::Time)?;
    let edited = time(edited)?;
    let deleted = flag(deleted)?;
    let spoiler = flag(spoiler)?;
    let author = text(author)?.unwrap_or_default();
    let body = text(body)?.unwrap_or_default();
    if !deleted {
        // A text of at most `max` bytes has at most `max` characters: only longer ones are counted.
        let fits = |s: &str, max: usize| !s.trim().is_empty() && (s.len() <= max || s.chars().nth(max).is_none());
        if !fits(&author, NAME_MAX) || !fits(&body, COMMENT_MAX) {
            return Err(Odd::Text);
        }
    }
    let changed = time(changed)?.unwrap_or(edited.unwrap_or(created));
    let writer = match writer {
        None | Some(Field::Null) => writers.get(""),
        Some(Field::Str(writer)) if writer.len() <= ID_MAX => writers.get(&writer),
        Some(Field::Str(_)) => return Err(Odd::Id),
        Some(_) => return Err(Odd::FieldType),
    };
    let generation = match generation {
        None | Some(Field::Null) => 0,
        Some(Field::Int(n)) => u32::try_from(n).map_err(|_| Odd::FieldType)?,
        Some(_) => return Err(Odd::FieldType),
    };
    let chapter = match chapter {
        None | Some(Field::Null) => None,
        Some(Field::Int(n)) => Some(u32::try_from(n).ok().filter(|n| *n >= 1).ok_or(Odd::FieldType)?),
        Some(_) => return Err(Odd::FieldType),
    };
    #[cfg(feature = "sync")]
    let owner = match owner {
        None | Some(Field::Null) => None,
        Some(Field::Str(owner)) if !owner.is_empty() && owner.len() <= ID_MAX * 2 => Some(writers.get(&owner)),
        Some(_) => return Err(Odd::FieldType),
    };
    #[cfg(feature = "sync")]
    let share = flag(share)?;
    #[cfg(not(feature = "sync"))]
    let (owner, share) = (None, false);
    let (author, body) = if deleted { (String::new(), String::new()) } else { (author, body) };
    Ok(Comment {
        id,
        parent,
        author,
        body,
        spoiler: spoiler && !deleted,
        chapter: chapter.filter(|_| spoiler && !deleted),
        created,
        edited: edited.filter(|_| !deleted),
        deleted,
        version: Version { generation, changed, writer },
        owner,
        share,
        extra,
    })
}

fn member(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

/// Appends the record as compact JSON, always with the same members in the same order, so
/// that two writers holding the same state write the same text.
pub fn write_json(comment: &Comment, out: &mut String) {
    out.push_str("{\"id\":");
    write_string(comment.id.as_str(), out);
    write_members(comment, out);
    #[cfg(feature = "sync")]
    {
        if let Some(owner) = &comment.owner {
            member(out, "owner");
            write_string(owner, out);
        }
        if comment.share {
            member(out, "share");
            out.push_str("true");
        }
    }
    for (name, value) in &comment.extra {
        out.push(',');
        write_string(name, out);
        out.push(':');
        value.write(out);
    }
    out.push('}');
}

/// The record's members after its id, as stored and as the shared database holds them (each
/// after a comma; who owns it and whether it is shared are not among them).
pub fn write_members(comment: &Comment, out: &mut String) {
    if let Some(parent) = &comment.parent {
        member(out, "parent");
        write_string(parent.as_str(), out);
    }
    if !comment.deleted {
        member(out, "author");
        write_string(&comment.author, out);
        member(out, "body");
        write_string(&comment.body, out);
        if comment.spoiler {
            member(out, "spoiler");
            out.push_str("true");
            if let Some(chapter) = comment.chapter {
                member(out, "chapter");
                write_int(i64::from(chapter), out);
            }
        }
    }
    member(out, "created");
    write_int(comment.created, out);
    if let Some(edited) = comment.edited {
        member(out, "edited");
        write_int(edited, out);
    }
    if comment.deleted {
        member(out, "deleted");
        out.push_str("true");
    }
    member(out, "changed");
    write_int(comment.version.changed, out);
    member(out, "writer");
    write_string(&comment.version.writer, out);
    if comment.version.generation > 0 {
        member(out, "generation");
        write_int(i64::from(comment.version.generation), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Comment, Odd> {
        let envelope = format!(r#"{{"items":[{text}]}}"#);
        let mut read = None;
        Json::parse_items(&envelope, "items", |item, _| read = Some(from_item(item, &mut Writers::default()))).unwrap();
        read.unwrap()
    }

    fn written(comment: &Comment) -> String {
        let mut out = String::new();
        write_json(comment, &mut out);
        out
    }

    #[test]
    fn a_record_round_trips_and_unknown_members_ride_along() {
        let text = r#"{"id":"a1","parent":"p0","author":"Ann","body":"Hi <b>","spoiler":true,"chapter":12,"created":5,"edited":7,"changed":9,"writer":"t","generation":2,"owner":"r-1f","share":true,"reactions":["+1"]}"#;
        let comment = read(text).unwrap();
        assert_eq!(comment.version, Version { generation: 2, changed: 9, writer: "t".into() });
        // The build with shared comments reads who owns a comment; the others carry it along.
        if cfg!(feature = "sync") {
            assert_eq!((comment.owner.as_deref(), comment.share), (Some("r-1f"), true));
        } else {
            assert_eq!((comment.owner.as_deref(), comment.share, comment.extra.len()), (None, false, 3));
        }
        assert_eq!(comment.extra.last(), Some(&("reactions".to_owned(), Json::Array(vec![Json::String("+1".into())]))));
        assert_eq!(written(&comment), text.replace('<', "\\u003c"));
    }

    #[test]
    fn a_version_1_comment_gets_its_last_change_as_version() {
        let comment = read(r#"{"id":"a","author":"Ann","body":"Hi","created":5,"edited":8}"#).unwrap();
        assert_eq!(comment.version, Version { generation: 0, changed: 8, writer: "".into() });
        let placeholder = read(r#"{"id":"b","parent":null,"author":"","body":"","created":5,"deleted":true}"#).unwrap();
        assert!(placeholder.deleted);
    }

    #[test]
    fn each_broken_rule_is_named() {
        let cases = [
            (r#"[1]"#, Odd::NotAnObject),
            (r#"{"id":"a b","author":"A","body":"B","created":1}"#, Odd::Id),
            (r#"{"id":"a\"b","author":"A","body":"B","created":1}"#, Odd::Id),
            (r#"{"author":"A","body":"B","created":1}"#, Odd::Id),
            (r#"{"id":"a","parent":"x y","author":"A","body":"B","created":1}"#, Odd::Id),
            (r#"{"id":"a","author":"A","body":"B","created":8.7e15}"#, Odd::Time),
            (r#"{"id":"a","author":"A","body":"B","created":8700000000000000}"#, Odd::Time),
            (r#"{"id":"a","author":"A","body":"B","created":-9007199254740991}"#, Odd::Time),
            (r#"{"id":"a","author":"A","body":"B","created":1,"edited":"now"}"#, Odd::Time),
            (r#"{"id":"a","author":"A","body":"  ","created":1}"#, Odd::Text),
            (r#"{"id":"a","author":"A","body":"B","created":1,"spoiler":"yes"}"#, Odd::FieldType),
            (r#"{"id":"a","author":5,"body":"B","created":1}"#, Odd::FieldType),
            (r#"{"id":"a","author":"A","body":"B","created":1,"generation":-1}"#, Odd::FieldType),
            (r#"{"id":"a","author":"A","body":"B","created":1,"spoiler":true,"chapter":0}"#, Odd::FieldType),
            (r#"{"id":"a","author":"A","body":"B","created":1,"spoiler":true,"chapter":"12"}"#, Odd::FieldType),
        ];
        for (text, odd) in cases {
            assert_eq!(read(text).map(|_| ()), Err(odd), "{text}");
        }
        let long = format!(r#"{{"id":"a","author":"A","body":"{}","created":1}}"#, "x".repeat(COMMENT_MAX + 1));
        assert_eq!(read(&long).map(|_| ()), Err(Odd::Text));
        let id64 = format!(r#"{{"id":"{}","author":"A","body":"B","created":1}}"#, "a".repeat(64));
        assert!(read(&id64).is_ok());
        let id65 = format!(r#"{{"id":"{}","author":"A","body":"B","created":1}}"#, "a".repeat(65));
        assert_eq!(read(&id65).map(|_| ()), Err(Odd::Id));
        assert!(read(&format!(r#"{{"id":"a","author":"A","body":"B","created":{TIME_LIMIT}}}"#)).is_ok());
    }
}
