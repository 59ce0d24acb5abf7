//! The comment store: the envelope, read-modify-write with interleaved writers, damaged and
//! newer data, a full store, export and import.

use review_widget::core::comments::envelope::{self, merge, read_export, ImportError, Unreadable};
use review_widget::core::comments::model::{delete, edit, upsert};
use review_widget::core::comments::store::{comments_key, CommentStore, KeyValueStore, MemoryStore, SaveError, StoreError};
use review_widget::core::comments::{Comment, CommentId};

fn comment(id: &str, body: &str) -> Comment {
    Comment {
        id: CommentId(id.into()),
        parent: None,
        author: "Ann".into(),
        body: body.into(),
        spoiler: false,
        created: 1_800_000_000_000,
        edited: None,
        deleted: false,
    }
}

#[test]
fn the_envelope_round_trips_every_field() {
    let mut reply = comment("r1", "A reply with <b>tags</b> & ||spoiler||");
    reply.parent = Some(CommentId("c1".into()));
    reply.spoiler = true;
    reply.edited = Some(1_800_000_100_000);
    let mut gone = comment("c1", "x");
    gone.deleted = true;
    gone.author.clear();
    gone.body.clear();
    let comments = vec![gone, reply];
    let text = envelope::to_text("book", &comments);
    assert!(text.starts_with(r#"{"format":"review-widget/comments","version":1,"reviewId":"book""#), "{text}");
    let loaded = envelope::from_text(Some(&text));
    assert_eq!(loaded.problem, None);
    assert_eq!(loaded.comments, comments);
}

#[test]
fn an_older_envelope_without_optional_fields_reads_with_defaults() {
    let text = r#"{"format":"review-widget/comments","version":1,"reviewId":"b",
                   "comments":[{"id":"a","author":"Ann","body":"Hi","created":5}]}"#;
    let loaded = envelope::from_text(Some(text));
    assert_eq!(loaded.problem, None);
    let c = &loaded.comments[0];
    assert_eq!((c.parent.clone(), c.spoiler, c.edited, c.deleted), (None, false, None, false));
}

#[test]
fn two_interleaved_writers_keep_both_comments() {
    let storage = MemoryStore::default();
    let tab_a = CommentStore::new(&storage, "book");
    let tab_b = CommentStore::new(&storage, "book");
    // Both tabs loaded the empty store earlier; each posts from its own stale view.
    let seen_by_a = tab_a.load().unwrap().comments;
    let seen_by_b = tab_b.load().unwrap().comments;
    assert!(seen_by_a.is_empty() && seen_by_b.is_empty());
    tab_a.update(|c| upsert(c, comment("from-a", "A"))).unwrap();
    tab_b.update(|c| upsert(c, comment("from-b", "B"))).unwrap();
    // B edits A's comment while A deletes its own: still no lost comment of B.
    tab_b.update(|c| edit(c, &CommentId("from-a".into()), "edited by B".into(), false, 2)).unwrap();
    let (now, _) = tab_a.update(|c| delete(c, &CommentId("from-a".into()))).unwrap();
    assert_eq!(now.iter().map(|c| c.id.0.as_str()).collect::<Vec<_>>(), vec!["from-b"]);
}

#[test]
fn damaged_data_is_never_overwritten_until_the_reader_starts_afresh() {
    let storage = MemoryStore::default();
    let key = comments_key("book");
    for damaged in ["{not json", r#"{"version":1}"#, r#"[1,2,3]"#, r#"{"version":"1","comments":[]}"#] {
        storage.set(&key, damaged).unwrap();
        let store = CommentStore::new(&storage, "book");
        assert_eq!(store.load().unwrap().problem, Some(Unreadable::Damaged), "{damaged}");
        assert_eq!(store.update(|c| upsert(c, comment("x", "y"))), Err(SaveError::Unreadable));
        assert_eq!(storage.get(&key).unwrap().as_deref(), Some(damaged), "left byte-identical");
    }
    let store = CommentStore::new(&storage, "book");
    let backup = store.start_fresh(42).unwrap();
    assert_eq!(backup, "review-widget:v1:book:comments:backup:42");
    assert_eq!(storage.get(&backup).unwrap().as_deref(), Some(r#"{"version":"1","comments":[]}"#));
    store.update(|c| upsert(c, comment("x", "y"))).unwrap();
    assert_eq!(store.load().unwrap().comments.len(), 1);
}

#[test]
fn a_partly_damaged_store_shows_what_it_can_and_stays_untouched() {
    let text = r#"{"format":"review-widget/comments","version":1,"reviewId":"b","comments":[
        {"id":"good","author":"Ann","body":"Readable","created":1},
        {"id":"bad","author":5,"body":"x","created":2}]}"#;
    let loaded = envelope::from_text(Some(text));
    assert_eq!(loaded.problem, Some(Unreadable::Damaged));
    assert_eq!(loaded.comments.len(), 1);
    assert_eq!(loaded.comments[0].body, "Readable");
}

#[test]
fn data_from_a_newer_version_is_shown_but_never_overwritten() {
    let storage = MemoryStore::default();
    let newer = r#"{"format":"review-widget/comments","version":2,"reviewId":"book","comments":[
        {"id":"n1","author":"Future","body":"From the future","created":1,"reactions":["+1"]}],"extra":true}"#;
    storage.set(&comments_key("book"), newer).unwrap();
    let store = CommentStore::new(&storage, "book");
    let loaded = store.load().unwrap();
    assert_eq!(loaded.problem, Some(Unreadable::Newer(2)));
    assert_eq!(loaded.comments[0].body, "From the future");
    assert_eq!(store.update(|c| c.clear()), Err(SaveError::Unreadable));
    assert_eq!(storage.get(&comments_key("book")).unwrap().as_deref(), Some(newer));
}

#[test]
fn a_full_store_refuses_the_write_and_keeps_the_old_value() {
    let storage = MemoryStore::with_quota(400);
    let store = CommentStore::new(&storage, "book");
    store.update(|c| upsert(c, comment("a", "short"))).unwrap();
    let before = storage.get(&comments_key("book")).unwrap();
    let result = store.update(|c| upsert(c, comment("b", &"long ".repeat(100))));
    assert_eq!(result, Err(SaveError::Store(StoreError::Full)));
    assert_eq!(storage.get(&comments_key("book")).unwrap(), before);
}

#[test]
fn export_then_import_merges_by_id_without_duplicates() {
    let exported = envelope::to_text("book", &[comment("a", "one"), comment("b", "two")]);
    let incoming = read_export(&exported, "book").unwrap();
    let mut local = vec![comment("b", "two"), comment("c", "three")];
    assert_eq!(merge(&mut local, incoming.clone()), 1);
    assert_eq!(merge(&mut local, incoming), 0, "a second import adds nothing");
    assert_eq!(local.len(), 3);
}

#[test]
fn duplicate_ids_in_stored_data_keep_the_last_one() {
    let text = r#"{"format":"review-widget/comments","version":1,"reviewId":"b","comments":[
        {"id":"a","author":"Ann","body":"first","created":1},
        {"id":"b","author":"Bo","body":"other","created":2},
        {"id":"a","author":"Ann","body":"second","created":3}]}"#;
    let loaded = envelope::from_text(Some(text));
    assert_eq!(loaded.problem, None);
    let bodies: Vec<&str> = loaded.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, vec!["other", "second"]);
}

#[test]
fn bad_import_files_are_refused_whole() {
    let newer = r#"{"format":"review-widget/comments","version":9,"reviewId":"book","comments":[]}"#;
    let partial = r#"{"format":"review-widget/comments","version":1,"reviewId":"book","comments":[{"id":"a"}]}"#;
    assert_eq!(read_export("hello", "book"), Err(ImportError::NotAnExport));
    assert_eq!(read_export(r#"{"comments":[]}"#, "book"), Err(ImportError::NotAnExport));
    assert_eq!(read_export(newer, "book"), Err(ImportError::Newer));
    assert_eq!(read_export(partial, "book"), Err(ImportError::NotAnExport));
    let other = envelope::to_text("other-book", &[comment("a", "x")]);
    assert_eq!(read_export(&other, "book"), Err(ImportError::OtherReview("other-book".into())));
}

#[test]
fn a_blocked_store_reports_blocked() {
    struct Blocked;
    impl KeyValueStore for Blocked {
        fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
            Err(StoreError::Blocked)
        }
        fn set(&self, _: &str, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Blocked)
        }
        fn remove(&self, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Blocked)
        }
    }
    let store = CommentStore::new(&Blocked, "book");
    assert_eq!(store.load(), Err(StoreError::Blocked));
    assert_eq!(store.update(|_| ()), Err(SaveError::Store(StoreError::Blocked)));
}
