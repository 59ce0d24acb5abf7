//! Comments shared between readers through a CouchDB database (`sync="…"` on the element).
//! The reader's browser stays the primary copy; the database is one more writer of the same
//! conflict-free set. This module decides what goes out and checks everything that comes in
//! (with the same rules as stored records); the browser shell only carries the requests.
//!
//! Documents, one per comment and one per moderation decision:
//!
//! ```text
//! c:<review-id>:<user>:<record-id>   the record's members as stored, without its id
//! m:<review-id>:<user>:<record-id>   {"status": "hidden" | "approved", "by": …, "at": …}
//! ```
//!
//! The user part is the writer's anonymous database user; the database refuses a `c:`
//! document whose user part is not its writer, so a comment's owner is read from its id and
//! never from its content.

use super::model::{Comment, CommentId};
use super::record::{from_item, write_members, Writers};
use super::replica::Replica;
use crate::core::hash::content_hash_hex;
use crate::core::json::{write_string, Field, Item, Json};
use std::borrow::Cow;
use std::rc::Rc;

/// Changes asked for in one pull, and documents sent in one push.
pub const PAGE: usize = 200;

/// The reader's anonymous identity on a database: a throwaway CouchDB user, created on the
/// first shared post and kept in the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub password: String,
}

impl Identity {
    /// An identity from two random texts (hex digits): the user name and the password.
    pub fn new(name: &str, password: &str) -> Identity {
        Identity { name: format!("r-{name}"), password: password.to_owned() }
    }

    /// Reads a kept identity; `None` when there is none or it is damaged.
    pub fn from_text(text: Option<&str>) -> Option<Identity> {
        let value = Json::parse(text?).ok()?;
        let field = |name: &str| value.get(name).and_then(Json::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
        Some(Identity { name: field("name")?, password: field("password")? })
    }

    pub fn to_text(&self) -> String {
        let mut out = String::from("{\"name\":");
        write_string(&self.name, &mut out);
        out.push_str(",\"password\":");
        write_string(&self.password, &mut out);
        out.push('}');
        out
    }

    /// The user document that signs the identity up (`PUT /_users/org.couchdb.user:<name>`).
    pub fn signup_doc(&self) -> String {
        let mut out = self.to_text();
        out.pop();
        out.push_str(",\"roles\":[],\"type\":\"user\"}");
        out
    }
}

/// A short, stable mark of a reader's identity, shown next to their name so that two readers
/// with the same name can be told apart.
pub fn fingerprint(user: &str) -> String {
    content_hash_hex([user])[..6].to_owned()
}

/// A moderator's decision on a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Hidden,
    Approved,
}

/// One of the reader's own documents in the database.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OwnDoc {
    record: String,
    /// The document's revision (`""` before the first write).
    rev: String,
    /// The version of the record the database holds.
    held: Option<String>,
    /// A version the database refused (not sent again until the record changes).
    refused: Option<String>,
}

/// What this browser knows of the database for one review: kept beside the comments, so the
/// reader's other tabs show the same ("Not shared yet", moderation) and a reload goes on
/// where it stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncState {
    /// Where the next pull starts: the database's `last_seq`, kept as it was written.
    pub seq: Json,
    docs: Vec<OwnDoc>,
    /// Moderators' decisions, by record id.
    decisions: Vec<(String, Decision)>,
}

/// What a pull brought.
#[derive(Debug, Default)]
pub struct Pulled {
    /// Comments to merge into the reader's store.
    pub records: Replica,
    /// Changes in the page (fewer than asked: caught up).
    pub changes: usize,
    /// Documents that broke a rule, were not the shape of a comment, or claimed another
    /// reader's comment: left out.
    pub rejected: usize,
    /// A moderation decision changed.
    pub decided: bool,
}

/// What a push did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    /// Documents that changed in the database meanwhile: fetch, merge, send again.
    pub conflicts: Vec<String>,
    /// Comments the database refused (its rules, or a ban).
    pub refused: usize,
    pub stored: usize,
}

/// A record's version as one text (what the database holds is compared with it).
fn version_key(comment: &Comment) -> String {
    format!("{}.{}.{}", comment.version.generation, comment.version.changed, comment.version.writer)
}

/// The id of a comment's document.
pub fn comment_doc_id(review_id: &str, user: &str, record: &str) -> String {
    format!("c:{review_id}:{user}:{record}")
}

/// `(kind, review, user, record)` of a document id.
fn split_doc_id(id: &str) -> Option<(&str, &str, &str, &str)> {
    let mut parts = id.splitn(4, ':');
    let (kind, review, user, record) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    (CommentId::is_valid(record) && !user.is_empty() && !user.contains(':')).then_some((kind, review, user, record))
}

/// The body of a `_changes` request that selects the review's comments and decisions
/// (deletions come through too: the selector is on the id).
pub fn changes_selector(review_id: &str) -> String {
    let range = |kind: &str| {
        let mut out = String::from("{\"_id\":{\"$gt\":");
        write_string(&format!("{kind}:{review_id}:"), &mut out);
        out.push_str(",\"$lt\":");
        write_string(&format!("{kind}:{review_id}:\u{fff0}"), &mut out);
        out.push_str("}}");
        out
    };
    format!("{{\"selector\":{{\"$or\":[{},{}]}}}}", range("c"), range("m"))
}

/// A document's members as a stored record's (the id, owner and sharing are set from the
/// document's id, never read from its content).
fn record_members(doc: Vec<(String, Json)>, record: &str) -> Vec<(Cow<'static, str>, Field<'static>)> {
    let mut members = vec![(Cow::Borrowed("id"), Field::Str(Cow::Owned(record.to_owned())))];
    for (key, value) in doc {
        if key.starts_with('_') || matches!(key.as_str(), "id" | "owner" | "share") {
            continue;
        }
        let field = match value {
            Json::Null => Field::Null,
            Json::Bool(b) => Field::Bool(b),
            Json::Int(n) => Field::Int(n),
            Json::String(s) => Field::Str(Cow::Owned(s)),
            other => Field::Other(other),
        };
        members.push((Cow::Owned(key), field));
    }
    members
}

impl Default for SyncState {
    fn default() -> SyncState {
        SyncState { seq: Json::Int(0), docs: Vec::new(), decisions: Vec::new() }
    }
}

impl SyncState {
    pub fn from_text(text: Option<&str>) -> SyncState {
        let mut state = SyncState::default();
        let Some(value) = text.and_then(|t| Json::parse(t).ok()) else { return state };
        if let Some(seq) = value.get("seq") {
            state.seq = seq.clone();
        }
        for doc in value.get("docs").and_then(Json::as_array).unwrap_or_default() {
            let text = |name: &str| doc.get(name).and_then(Json::as_str).map(str::to_owned);
            if let Some(record) = text("record") {
                state.docs.push(OwnDoc { record, rev: text("rev").unwrap_or_default(), held: text("held"), refused: text("refused") });
            }
        }
        if let Some(Json::Object(decisions)) = value.get("decisions") {
            for (record, decision) in decisions {
                match decision.as_str() {
                    Some("hidden") => state.decisions.push((record.clone(), Decision::Hidden)),
                    Some("approved") => state.decisions.push((record.clone(), Decision::Approved)),
                    _ => {}
                }
            }
        }
        state
    }

    pub fn to_text(&self) -> String {
        let mut out = String::from("{\"seq\":");
        self.seq.write(&mut out);
        out.push_str(",\"docs\":[");
        for (at, doc) in self.docs.iter().enumerate() {
            if at > 0 {
                out.push(',');
            }
            out.push_str("{\"record\":");
            write_string(&doc.record, &mut out);
            out.push_str(",\"rev\":");
            write_string(&doc.rev, &mut out);
            for (name, value) in [("held", &doc.held), ("refused", &doc.refused)] {
                if let Some(value) = value {
                    out.push_str(",\"");
                    out.push_str(name);
                    out.push_str("\":");
                    write_string(value, &mut out);
                }
            }
            out.push('}');
        }
        out.push_str("],\"decisions\":{");
        for (at, (record, decision)) in self.decisions.iter().enumerate() {
            if at > 0 {
                out.push(',');
            }
            write_string(record, &mut out);
            out.push_str(if *decision == Decision::Hidden { ":\"hidden\"" } else { ":\"approved\"" });
        }
        out.push_str("}}");
        out
    }

    fn own(&mut self, record: &str) -> &mut OwnDoc {
        let at = match self.docs.iter().position(|doc| doc.record == record) {
            Some(at) => at,
            None => {
                self.docs.push(OwnDoc { record: record.to_owned(), rev: String::new(), held: None, refused: None });
                self.docs.len() - 1
            }
        };
        &mut self.docs[at]
    }

    fn decide(&mut self, record: &str, decision: Option<Decision>) -> bool {
        let before = self.decision(record);
        self.decisions.retain(|(r, _)| r != record);
        if let Some(decision) = decision {
            self.decisions.push((record.to_owned(), decision));
        }
        before != decision
    }

    pub fn decision(&self, record: &str) -> Option<Decision> {
        self.decisions.iter().find(|(r, _)| r == record).map(|(_, d)| *d)
    }

    /// A comment written here for other readers that the database does not hold as it is yet.
    pub fn not_shared_yet(&self, comment: &Comment) -> bool {
        comment.owner.is_none()
            && comment.share
            && self.docs.iter().find(|doc| doc.record == comment.id.0).and_then(|doc| doc.held.as_ref()) != Some(&version_key(comment))
    }

    /// Whether another reader's comment is kept from view by moderation (with pre-moderation,
    /// until a moderator approved it). The reader's own comments are always shown to them.
    pub fn withheld(&self, comment: &Comment, pre_moderation: bool) -> bool {
        comment.owner.is_some()
            && match self.decision(&comment.id.0) {
                Some(Decision::Hidden) => true,
                Some(Decision::Approved) => false,
                None => pre_moderation,
            }
    }

    /// The `_bulk_docs` body for the reader's shared comments the database does not hold as
    /// they are (at most [`PAGE`]), with what each carries; `None` when nothing is due.
    pub fn outgoing(&self, replica: &Replica, review_id: &str, me: &str) -> Option<(String, Vec<(String, String)>)> {
        let mut body = String::from("{\"docs\":[");
        let mut sent = Vec::new();
        for record in replica.records() {
            if record.owner.is_some() || !record.share || sent.len() == PAGE {
                continue;
            }
            let version = version_key(record);
            let known = self.docs.iter().find(|doc| doc.record == record.id.0);
            if known.is_some_and(|doc| doc.held.as_ref() == Some(&version) || doc.refused.as_ref() == Some(&version)) {
                continue;
            }
            if !sent.is_empty() {
                body.push(',');
            }
            body.push_str("{\"_id\":");
            write_string(&comment_doc_id(review_id, me, &record.id.0), &mut body);
            if let Some(doc) = known.filter(|doc| !doc.rev.is_empty()) {
                body.push_str(",\"_rev\":");
                write_string(&doc.rev, &mut body);
            }
            write_members(record, &mut body);
            body.push('}');
            sent.push((record.id.0.clone(), version));
        }
        body.push_str("]}");
        (!sent.is_empty()).then_some((body, sent))
    }

    /// Reads the answer to a push of `sent` (as [`Self::outgoing`] gave it).
    pub fn read_push(&mut self, text: &str, sent: &[(String, String)]) -> Result<Pushed, ()> {
        let Ok(Json::Array(results)) = Json::parse(text) else { return Err(()) };
        let mut pushed = Pushed::default();
        for result in &results {
            let Some((_, _, _, record)) = result.get("id").and_then(Json::as_str).and_then(split_doc_id) else { continue };
            let Some((_, version)) = sent.iter().find(|(r, _)| r == record) else { continue };
            let (record, version) = (record.to_owned(), version.clone());
            if let Some(rev) = result.get("rev").and_then(Json::as_str).filter(|_| result.get("error").is_none()) {
                let doc = self.own(&record);
                doc.rev = rev.to_owned();
                doc.held = Some(version);
                pushed.stored += 1;
            } else if result.get("error").and_then(Json::as_str) == Some("conflict") {
                pushed.conflicts.push(result.get("id").and_then(Json::as_str).unwrap_or_default().to_owned());
            } else {
                self.own(&record).refused = Some(version);
                pushed.refused += 1;
            }
        }
        Ok(pushed)
    }

    /// Reads one page of `_changes` (with documents) for `review_id`, as the reader `me`
    /// (`None` before their first shared post), against what the reader holds.
    pub fn read_changes(&mut self, text: &str, review_id: &str, me: Option<&str>, holds: &Replica) -> Result<Pulled, ()> {
        let Ok(page) = Json::parse(text) else { return Err(()) };
        let Some(results) = page.get("results").and_then(Json::as_array) else { return Err(()) };
        let mut pulled = Pulled { changes: results.len(), ..Pulled::default() };
        let mut records = Vec::new();
        let mut writers = Writers::default();
        for change in results.iter().take(PAGE * 4) {
            if let Some(record) = self.read_change(change, review_id, me, holds, &mut writers, &mut pulled) {
                records.push(record);
            }
        }
        if let Some(seq) = page.get("last_seq") {
            self.seq = seq.clone();
        }
        pulled.records = Replica::from_records(records, Vec::new());
        Ok(pulled)
    }

    fn read_change(&mut self, change: &Json, review_id: &str, me: Option<&str>, holds: &Replica, writers: &mut Writers, pulled: &mut Pulled) -> Option<Comment> {
        let id = change.get("id").and_then(Json::as_str)?;
        let Some((kind, _, user, record)) = split_doc_id(id).filter(|(_, review, _, _)| *review == review_id) else {
            pulled.rejected += usize::from(!id.starts_with("_design/"));
            return None;
        };
        let (user, record) = (user.to_owned(), record.to_owned());
        let doc = change.get("doc");
        let deleted = doc.and_then(|d| d.get("_deleted")).and_then(Json::as_bool).unwrap_or(false)
            || change.get("deleted").and_then(Json::as_bool).unwrap_or(false);
        match kind {
            "m" => {
                let decision = match doc.and_then(|d| d.get("status")).and_then(Json::as_str) {
                    _ if deleted => None,
                    Some("hidden") => Some(Decision::Hidden),
                    Some("approved") => Some(Decision::Approved),
                    _ => {
                        pulled.rejected += 1;
                        return None;
                    }
                };
                pulled.decided |= self.decide(&record, decision);
                None
            }
            "c" => {
                // A document the database removed is a comment no reader should see.
                if deleted {
                    pulled.decided |= self.decide(&record, Some(Decision::Hidden));
                    return None;
                }
                let Some(Json::Object(members)) = doc.cloned() else {
                    pulled.rejected += 1;
                    return None;
                };
                let mine = me == Some(user.as_str());
                // A comment already held belongs to its owner: a document in another reader's
                // name for the same comment is refused.
                let claimed = holds.get(&CommentId(record.clone())).is_some_and(|held| match &held.owner {
                    Some(owner) => **owner != *user,
                    None => !mine,
                });
                let mut fields = record_members(members, &record);
                let comment = (!claimed).then(|| from_item(Item::Members(&mut fields), writers).ok()).flatten();
                let Some(mut comment) = comment else {
                    pulled.rejected += 1;
                    return None;
                };
                if mine {
                    comment.share = true;
                    let doc = self.own(&record);
                    doc.rev = change.get("doc").and_then(|d| d.get("_rev")).and_then(Json::as_str).unwrap_or_default().to_owned();
                    doc.held = Some(version_key(&comment));
                } else {
                    comment.owner = Some(Rc::from(user.as_str()));
                }
                Some(comment)
            }
            _ => {
                pulled.rejected += 1;
                None
            }
        }
    }

    /// Reads a document fetched after a conflict: its revision is the one to write over, and
    /// its record (the reader's own) is merged like a pulled one.
    pub fn read_conflicted(&mut self, text: &str, review_id: &str, me: &str, holds: &Replica) -> Option<Comment> {
        let doc = Json::parse(text).ok()?;
        let id = doc.get("_id").and_then(Json::as_str)?.to_owned();
        let change = Json::Object(vec![("id".to_owned(), Json::String(id)), ("doc".to_owned(), doc)]);
        self.read_change(&change, review_id, Some(me), holds, &mut Writers::default(), &mut Pulled::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::comments::record::write_json;

    fn comment(id: &str, body: &str) -> Comment {
        let mut comment = Comment::new(CommentId(id.into()), None, "Ruth".into(), body.into(), false, 1_000, "tab1");
        comment.share = true;
        comment
    }

    fn change(id: &str, doc: &str) -> String {
        format!(r#"{{"id":"{id}","seq":1,"changes":[],"doc":{doc}}}"#)
    }

    fn page(changes: &[String]) -> String {
        format!(r#"{{"results":[{}],"last_seq":"7-g1AAAA"}}"#, changes.join(","))
    }

    #[test]
    fn own_shared_comments_go_out_until_the_database_holds_them() {
        let replica = Replica::from_records(vec![comment("a1", "hello"), Comment::new(CommentId("b1".into()), None, "Ruth".into(), "local".into(), false, 2, "t")], vec![]);
        let mut state = SyncState::default();
        let (body, sent) = state.outgoing(&replica, "book", "r-me").unwrap();
        assert_eq!(sent.len(), 1, "the unshared comment stays here");
        assert!(body.starts_with(r#"{"docs":[{"_id":"c:book:r-me:a1","author":"Ruth","body":"hello""#), "{body}");
        assert!(state.not_shared_yet(&replica.records()[0]));
        let answer = r#"[{"ok":true,"id":"c:book:r-me:a1","rev":"1-abc"}]"#;
        assert_eq!(state.read_push(answer, &sent).unwrap(), Pushed { stored: 1, ..Pushed::default() });
        assert!(!state.not_shared_yet(&replica.records()[0]));
        assert!(state.outgoing(&replica, "book", "r-me").is_none(), "nothing is due");
        // An edit is due again, with the revision it replaces.
        let mut edited = replica.clone();
        edited.apply(crate::core::comments::replica::Change::Edit { id: CommentId("a1".into()), body: "hi".into(), spoiler: false, chapter: None }, 5_000, "tab1").unwrap();
        let (body, _) = state.outgoing(&edited, "book", "r-me").unwrap();
        assert!(body.contains(r#""_rev":"1-abc""#), "{body}");
        let again = SyncState::from_text(Some(&state.to_text()));
        assert_eq!(again, state, "kept across reloads and tabs");
    }

    #[test]
    fn refusals_and_conflicts_are_told_apart() {
        let replica = Replica::from_records(vec![comment("a1", "one"), comment("a2", "two")], vec![]);
        let mut state = SyncState::default();
        let (_, sent) = state.outgoing(&replica, "book", "r-me").unwrap();
        let answer = r#"[{"id":"c:book:r-me:a1","error":"conflict","reason":"Document update conflict."},{"id":"c:book:r-me:a2","error":"forbidden","reason":"banned"}]"#;
        let pushed = state.read_push(answer, &sent).unwrap();
        assert_eq!(pushed, Pushed { conflicts: vec!["c:book:r-me:a1".into()], refused: 1, stored: 0 });
        let (_, again) = state.outgoing(&replica, "book", "r-me").unwrap();
        assert_eq!(again.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(), vec!["a1"], "a refused version is not sent again");
        assert!(state.read_push("<html>", &sent).is_err());
    }

    #[test]
    fn pulled_comments_are_checked_like_stored_ones_and_keep_their_owner() {
        let mut state = SyncState::default();
        let good = change("c:book:r-ann:x1", r#"{"_id":"c:book:r-ann:x1","_rev":"1-a","author":"Ann","body":"Hi","created":5,"changed":5,"writer":"t9","owner":"r-me","share":true}"#);
        let bad_time = change("c:book:r-ann:x2", r#"{"_id":"c:book:r-ann:x2","author":"Ann","body":"Hi","created":8.7e15}"#);
        let other_review = change("c:other:r-ann:x3", r#"{"author":"Ann","body":"Hi","created":5}"#);
        let not_a_doc = change("c:book:r-ann:x4", "[1]");
        let ddoc = change("_design/review-widget", "{}");
        let text = page(&[good, bad_time, other_review, not_a_doc, ddoc]);
        let pulled = state.read_changes(&text, "book", Some("r-me"), &Replica::default()).unwrap();
        assert_eq!((pulled.changes, pulled.rejected), (5, 3));
        let record = &pulled.records.records()[0];
        assert_eq!((record.id.0.as_str(), record.owner.as_deref(), record.share), ("x1", Some("r-ann"), false), "the owner comes from the id");
        assert_eq!(state.seq, Json::String("7-g1AAAA".into()));
        assert!(state.read_changes("<html>nope</html>", "book", None, &Replica::default()).is_err());
    }

    #[test]
    fn a_document_cannot_take_over_another_readers_comment() {
        let mut mine = comment("a1", "mine");
        mine.share = true;
        let mut annes = comment("x1", "Ann's");
        annes.owner = Some("r-ann".into());
        let holds = Replica::from_records(vec![mine, annes], vec![]);
        let mut state = SyncState::default();
        let forged = [
            change("c:book:r-evil:a1", r#"{"author":"Evil","body":"taken","created":1,"changed":9999,"writer":"z"}"#),
            change("c:book:r-evil:x1", r#"{"author":"Evil","body":"taken","created":1,"changed":9999,"writer":"z"}"#),
        ];
        let pulled = state.read_changes(&page(&forged), "book", Some("r-me"), &holds).unwrap();
        assert_eq!((pulled.records.records().len(), pulled.rejected), (0, 2));
    }

    #[test]
    fn own_documents_come_back_as_own_comments_and_moderation_is_followed() {
        let mut state = SyncState::default();
        let mut mine = comment("a1", "hello");
        mine.version.writer = "tab1".into();
        let mut doc = String::new();
        write_members(&mine, &mut doc);
        let own = change("c:book:r-me:a1", &format!(r#"{{"_id":"c:book:r-me:a1","_rev":"2-b"{doc}}}"#));
        let hidden = change("m:book:r-ann:x1", r#"{"status":"hidden","by":"mod","at":5}"#);
        let pulled = state.read_changes(&page(&[own, hidden]), "book", Some("r-me"), &Replica::default()).unwrap();
        let record = &pulled.records.records()[0];
        assert_eq!((record.owner.as_deref(), record.share), (None, true));
        assert!(!state.not_shared_yet(record), "the database holds it");
        assert!(pulled.decided);
        let mut annes = comment("x1", "Ann's");
        annes.owner = Some("r-ann".into());
        assert!(state.withheld(&annes, false));
        assert!(!state.withheld(record, true), "a reader always sees their own comments");
        let mut other = comment("x2", "unmoderated");
        other.owner = Some("r-bob".into());
        assert!(!state.withheld(&other, false) && state.withheld(&other, true), "pre-moderation waits for an approval");
        let approved = change("m:book:r-bob:x2", r#"{"status":"approved","by":"mod","at":6}"#);
        state.read_changes(&page(&[approved]), "book", Some("r-me"), &Replica::default()).unwrap();
        assert!(!state.withheld(&other, true));
        let removed = format!(r#"{{"id":"c:book:r-bob:x2","seq":9,"deleted":true,"changes":[]}}"#);
        state.read_changes(&page(&[removed]), "book", Some("r-me"), &Replica::default()).unwrap();
        assert!(state.withheld(&other, false), "a document the database removed is hidden");
        let _ = write_json;
    }

    #[test]
    fn identities_and_the_selector() {
        let identity = Identity::new("0123456789abcdef0123456789abcdef", "secret");
        assert_eq!(identity.name, "r-0123456789abcdef0123456789abcdef");
        assert_eq!(Identity::from_text(Some(&identity.to_text())), Some(identity.clone()));
        assert_eq!(Identity::from_text(Some("{}")), None);
        assert!(identity.signup_doc().contains(r#""type":"user""#));
        assert_eq!(fingerprint("r-ann").len(), 6);
        assert_ne!(fingerprint("r-ann"), fingerprint("r-ann2"));
        let selector = changes_selector("book");
        assert!(Json::parse(&selector).is_ok(), "{selector}");
        assert!(selector.contains(r#""$gt":"c:book:""#));
    }
}
