//! Drafts: what a reader is typing (the new comment, each open reply or edit), kept so
//! that a reload or a crash loses nothing. One JSON object per review.

use crate::core::json::{write_int, write_string, Json};

/// Which form a draft belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftSlot {
    NewComment,
    Reply(String),
    Edit(String),
}

impl DraftSlot {
    fn key(&self) -> String {
        match self {
            DraftSlot::NewComment => "new".to_owned(),
            DraftSlot::Reply(id) => format!("reply:{id}"),
            DraftSlot::Edit(id) => format!("edit:{id}"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    pub body: String,
    pub spoiler: bool,
    /// "Spoils up to" chapter (chapter-aware spoilers).
    pub chapter: Option<u32>,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.body.trim().is_empty() && !self.spoiler
    }
}

/// All drafts of a review.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drafts {
    entries: Vec<(String, Draft)>,
}

impl Drafts {
    pub fn from_text(text: Option<&str>) -> Drafts {
        let mut drafts = Drafts::default();
        let Some(Json::Object(members)) = text.and_then(|t| Json::parse(t).ok()) else {
            return drafts;
        };
        for (key, value) in members {
            let field = |name: &str| value.get(name).and_then(Json::as_str).unwrap_or("").to_owned();
            let draft = Draft {
                name: field("name"),
                body: field("body"),
                spoiler: value.get("spoiler").and_then(Json::as_bool).unwrap_or(false),
                chapter: value.get("chapter").and_then(Json::as_i64).and_then(|n| u32::try_from(n).ok()),
            };
            if !draft.is_empty() {
                drafts.entries.push((key, draft));
            }
        }
        drafts
    }

    pub fn to_text(&self) -> String {
        let mut out = String::from("{");
        for (key, draft) in &self.entries {
            if out.len() > 1 {
                out.push(',');
            }
            write_string(key, &mut out);
            out.push_str(":{\"body\":");
            write_string(&draft.body, &mut out);
            if !draft.name.is_empty() {
                out.push_str(",\"name\":");
                write_string(&draft.name, &mut out);
            }
            if draft.spoiler {
                out.push_str(",\"spoiler\":true");
            }
            if let Some(chapter) = draft.chapter {
                out.push_str(",\"chapter\":");
                write_int(i64::from(chapter), &mut out);
            }
            out.push('}');
        }
        out.push('}');
        out
    }

    pub fn get(&self, slot: &DraftSlot) -> Option<&Draft> {
        let key = slot.key();
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, d)| d)
    }

    /// Stores the draft, or forgets it when it is empty.
    pub fn set(&mut self, slot: &DraftSlot, draft: Draft) {
        let key = slot.key();
        self.entries.retain(|(k, _)| *k != key);
        if !draft.is_empty() {
            self.entries.push((key, draft));
        }
    }

    pub fn clear(&mut self, slot: &DraftSlot) {
        self.set(slot, Draft::default());
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The open replies and edits, to reopen their forms after a reload.
    pub fn slots(&self) -> Vec<DraftSlot> {
        let mut slots = Vec::new();
        for (key, _) in &self.entries {
            if let Some(id) = key.strip_prefix("reply:") {
                slots.push(DraftSlot::Reply(id.to_owned()));
            } else if let Some(id) = key.strip_prefix("edit:") {
                slots.push(DraftSlot::Edit(id.to_owned()));
            }
        }
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_empty_ones_are_forgotten() {
        let mut drafts = Drafts::default();
        drafts.set(&DraftSlot::NewComment, Draft { name: "Ann".into(), body: "Half a tho".into(), spoiler: true, chapter: Some(12) });
        drafts.set(&DraftSlot::Reply("abc".into()), Draft { body: "Agreed".into(), ..Draft::default() });
        drafts.set(&DraftSlot::Edit("def".into()), Draft::default());
        let read = Drafts::from_text(Some(&drafts.to_text()));
        assert_eq!(read, drafts);
        assert_eq!(read.get(&DraftSlot::NewComment).unwrap().body, "Half a tho");
        assert_eq!(read.slots(), vec![DraftSlot::Reply("abc".into())]);
        let mut cleared = read.clone();
        cleared.clear(&DraftSlot::NewComment);
        cleared.clear(&DraftSlot::Reply("abc".into()));
        assert!(cleared.is_empty());
    }

    #[test]
    fn damaged_drafts_are_an_empty_set() {
        for text in [Some("nope"), Some("[1]"), Some(r#"{"new": 5}"#), None] {
            assert!(Drafts::from_text(text).is_empty(), "{text:?}");
        }
    }
}
