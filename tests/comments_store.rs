//! The comment store: the merge laws over random records, many writers with stale reads and
//! late events, migration from version 1, odd records kept byte for byte, damaged and newer
//! data, a full store, export and import.

use review_widget::core::comments::envelope::{self, read_export, ImportError, Unreadable};
use review_widget::core::comments::model::Version;
use review_widget::core::comments::replica::{Applied, Change, Replica};
use review_widget::core::comments::store::{comments_key, CommentStore, KeyValueStore, MemoryStore, Patch, SaveError, StoreError};
use review_widget::core::comments::{Comment, CommentId};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A small deterministic generator (xorshift64*): every failure can be replayed by its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn id(text: &str) -> CommentId {
    CommentId(text.into())
}

fn comment(name: &str, body: &str) -> Comment {
    Comment::new(id(name), None, "Ann".into(), body.into(), false, 1_800_000_000_000, "writer")
}

fn stored_text(storage: &MemoryStore, review: &str) -> String {
    storage.get(&comments_key(review)).unwrap().unwrap()
}

fn open(storage: &Rc<MemoryStore>, review: &str, writer: &str) -> CommentStore {
    CommentStore::open(storage.clone() as Rc<dyn KeyValueStore>, review, writer)
}

fn live_bodies(store: &CommentStore) -> Vec<String> {
    let mut bodies: Vec<String> = store.replica().view().comments.iter().filter(|c| !c.deleted).map(|c| c.body.clone()).collect();
    bodies.sort();
    bodies
}

// ---- the merge laws -------------------------------------------------------------------

/// A random state of one of a few ids: live or deleted, any generation, version and writer.
fn random_record(random: &mut Random) -> Comment {
    let ids = ["a", "b", "c", "d", "e"];
    let writers = ["t1", "t2", "t3"];
    let mut comment = Comment::new(
        id(ids[random.below(ids.len())]),
        None,
        "Ann".into(),
        format!("text {}", random.below(3)),
        random.below(2) == 0,
        1000,
        writers[random.below(writers.len())],
    );
    comment.version = Version {
        generation: random.below(3) as u32,
        changed: 1000 + random.below(4) as i64,
        writer: writers[random.below(writers.len())].into(),
    };
    if random.below(3) == 0 {
        comment = comment.tombstone(1000 + random.below(4) as i64, writers[random.below(writers.len())]);
    }
    comment
}

fn random_replica(random: &mut Random) -> Replica {
    let records = (0..random.below(7)).map(|_| random_record(random)).collect();
    let odd = (0..random.below(3)).map(|n| format!("{{\"odd\":{n}}}")).collect();
    Replica::from_records(records, odd)
}

fn merged(a: &Replica, b: &Replica) -> Replica {
    let mut out = a.clone();
    out.merge(b);
    out
}

#[test]
fn merge_is_commutative_associative_and_idempotent() {
    let mut random = Random(0x5eed);
    for round in 0..3000 {
        let (a, b, c) = (random_replica(&mut random), random_replica(&mut random), random_replica(&mut random));
        assert_eq!(merged(&a, &b), merged(&b, &a), "commutative, round {round}");
        assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)), "associative, round {round}");
        assert_eq!(merged(&a, &a), a, "idempotent, round {round}");
        assert_eq!(merged(&merged(&a, &b), &b), merged(&a, &b), "absorbs, round {round}");
        // The same set always gives the same stored text.
        assert_eq!(envelope::to_text("r", &merged(&a, &b)), envelope::to_text("r", &merged(&b, &a)));
    }
}

#[test]
fn merge_says_when_the_other_side_lacks_something() {
    let mut random = Random(7);
    for _ in 0..2000 {
        let (a, b) = (random_replica(&mut random), random_replica(&mut random));
        let mut into = a.clone();
        let result = into.merge(&b);
        assert_eq!(result.lacking, into != b, "lacking exactly when the union differs from b");
        assert_eq!(result.gained > 0, into != a, "gained exactly when the union differs from a");
    }
}

// ---- many writers, stale reads, late events --------------------------------------------

/// Shared storage as Chromium has it: each tab reads and writes its own copy at once; the
/// writes reach the shared value later, in any order, and each one reaches the other tabs
/// as a change event later still.
#[derive(Default)]
struct Network {
    shared: Option<String>,
    /// Writes on their way to the shared value: (writer, text).
    in_flight: Vec<(usize, String)>,
    /// Change events on their way to a tab: (tab, text).
    events: Vec<(usize, String)>,
    tabs: usize,
    /// Writes that changed one record in place.
    patched: usize,
}

struct TabStorage {
    tab: usize,
    copy: RefCell<Option<String>>,
    network: Rc<RefCell<Network>>,
    /// Changes one record in place where it can (as the browser's store does).
    patching: bool,
}

impl KeyValueStore for TabStorage {
    fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
        Ok(self.copy.borrow().clone())
    }

    fn set(&self, _: &str, value: &str) -> Result<(), StoreError> {
        *self.copy.borrow_mut() = Some(value.to_owned());
        self.network.borrow_mut().in_flight.push((self.tab, value.to_owned()));
        Ok(())
    }

    fn remove(&self, _: &str) -> Result<(), StoreError> {
        Ok(())
    }

    fn patch(&self, key: &str, patch: &Patch) -> Result<bool, StoreError> {
        let patched = self.copy.borrow().as_deref().filter(|_| self.patching).and_then(|text| patch.apply(text));
        match patched {
            Some(text) => {
                self.network.borrow_mut().patched += 1;
                self.set(key, &text).map(|()| true)
            }
            None => Ok(false),
        }
    }
}

struct Tab {
    storage: Rc<TabStorage>,
    store: CommentStore,
    /// What this tab's last delete removed, for an undo.
    undo: Option<Rc<Comment>>,
}

/// Every state a tab committed, to know which one must win.
#[derive(Default)]
struct Ledger {
    states: BTreeMap<String, Vec<Comment>>,
}

impl Ledger {
    fn note(&mut self, store: &CommentStore, id: &CommentId) {
        if let Some(state) = store.replica().get(id) {
            self.states.entry(id.0.clone()).or_default().push((**state).clone());
        }
    }

    /// The state that must survive: the one that supersedes every other committed state.
    fn winner(&self, id: &str) -> &Comment {
        let states = &self.states[id];
        states.iter().find(|s| states.iter().all(|o| *s == o || s.supersedes(o) || **s == *o)).unwrap()
    }
}

fn step(random: &mut Random, tabs: &mut [Tab], network: &Rc<RefCell<Network>>, ledger: &mut Ledger, now: &mut i64, posts: &mut usize) {
    *now += random.below(3) as i64;
    let choice = random.below(10);
    let mut net = network.borrow_mut();
    if choice < 2 && !net.in_flight.is_empty() {
        let pick = random.below(net.in_flight.len());
        let (writer, text) = net.in_flight.remove(pick);
        net.shared = Some(text.clone());
        for tab in (0..net.tabs).filter(|t| *t != writer) {
            net.events.push((tab, text.clone()));
        }
        return;
    }
    if choice < 4 && !net.events.is_empty() {
        let pick = random.below(net.events.len());
        let (tab, text) = net.events.remove(pick);
        drop(net);
        // The event brings the tab's copy up to the value written, then the tab merges.
        *tabs[tab].storage.copy.borrow_mut() = Some(text);
        tabs[tab].store.refresh().unwrap();
        return;
    }
    drop(net);
    let at = random.below(tabs.len());
    let tab = &mut tabs[at];
    // The view the store keeps (brought up to date in place by posts) is the replica's.
    let view = tab.store.view();
    assert_eq!(*view, tab.store.replica().view(), "the kept view is the whole view");
    let live: Vec<CommentId> = view.comments.iter().filter(|c| !c.deleted).map(|c| c.id.clone()).collect();
    let action = random.below(10);
    if action < 5 || live.is_empty() {
        *posts += 1;
        let new_id = id(&format!("c{posts}"));
        let parent = (!live.is_empty() && random.below(3) == 0).then(|| live[random.below(live.len())].clone());
        let writer = tab.store.writer().to_owned();
        let comment = Comment::new(new_id.clone(), parent, "Ann".into(), format!("post {posts}"), false, *now, &writer);
        tab.store.commit(Change::Post(comment), *now).unwrap();
        ledger.note(&tab.store, &new_id);
    } else if action < 7 {
        let target = live[random.below(live.len())].clone();
        let edit = Change::Edit { id: target.clone(), body: format!("edited at {now}"), spoiler: false, chapter: None };
        match tab.store.commit(edit, *now) {
            Ok(_) => ledger.note(&tab.store, &target),
            Err(SaveError::Gone) => {}
            Err(other) => panic!("{other:?}"),
        }
    } else if action < 9 {
        let target = live[random.below(live.len())].clone();
        if let Ok(Applied::Deleted(removed)) = tab.store.commit(Change::Delete(target.clone()), *now) {
            tab.undo = removed;
            ledger.note(&tab.store, &target);
        }
    } else if let Some(removed) = tab.undo.take() {
        let target = removed.id.clone();
        tab.store.commit(Change::Restore(removed), *now).unwrap();
        ledger.note(&tab.store, &target);
    }
}

#[test]
fn writers_with_stale_reads_and_late_events_lose_nothing_and_converge() {
    let mut patched = 0;
    for seed in 1..=300u64 {
        let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let tab_count = 2 + random.below(3);
        let network = Rc::new(RefCell::new(Network { tabs: tab_count, ..Network::default() }));
        let mut tabs: Vec<Tab> = (0..tab_count)
            .map(|tab| {
                let patching = (seed as usize + tab) % 2 == 0;
                let storage = Rc::new(TabStorage { tab, copy: RefCell::default(), network: network.clone(), patching });
                let store = CommentStore::open(storage.clone() as Rc<dyn KeyValueStore>, "book", &format!("tab{tab}"));
                Tab { storage, store, undo: None }
            })
            .collect();
        let (mut ledger, mut now, mut posts) = (Ledger::default(), 1_000, 0);
        for _ in 0..60 {
            step(&mut random, &mut tabs, &network, &mut ledger, &mut now, &mut posts);
        }
        // Quiet: every write reaches the shared value, every event its tab.
        let mut rounds = 0;
        loop {
            let mut net = network.borrow_mut();
            if let Some((writer, text)) = (!net.in_flight.is_empty()).then(|| net.in_flight.remove(0)) {
                net.shared = Some(text.clone());
                for tab in (0..net.tabs).filter(|t| *t != writer) {
                    net.events.push((tab, text.clone()));
                }
            } else if let Some((tab, text)) = (!net.events.is_empty()).then(|| net.events.remove(0)) {
                drop(net);
                *tabs[tab].storage.copy.borrow_mut() = Some(text);
                tabs[tab].store.refresh().unwrap();
            } else {
                break;
            }
            rounds += 1;
            assert!(rounds < 10_000, "seed {seed}: the tabs never settle");
        }
        let shared = network.borrow().shared.clone().expect("something was written");
        let final_state = envelope::from_text(&shared).unwrap().replica;
        assert_eq!(final_state.records().len(), posts, "seed {seed}: every posted comment is there exactly once");
        for (key, _) in &ledger.states {
            let stored = final_state.get(&id(key)).unwrap();
            assert_eq!(**stored, *ledger.winner(key), "seed {seed}: {key} holds the state that wins");
        }
        for tab in &tabs {
            assert_eq!(*tab.store.replica(), final_state, "seed {seed}: every tab converged");
        }
        patched += network.borrow().patched;
    }
    assert!(patched > 1000, "half the tabs change records in place ({patched} times)");
}

#[test]
fn a_patch_changes_one_record_in_place_or_says_it_cannot() {
    let head = r#"{"format":"review-widget/comments","version":2,"reviewId":"b","comments":["#;
    let (a, b) = (r#"{"id":"a","n":1}"#, r#"{"id":"b","n":2}"#);
    let text = format!("{head}{a},{b}]}}");
    let insert = Patch { head, old: None, new: r#"{"id":"c"}"# };
    assert_eq!(insert.apply(&text).unwrap(), format!(r#"{head}{{"id":"c"}},{a},{b}]}}"#));
    assert_eq!(insert.apply(&format!("{head}]}}")).unwrap(), format!(r#"{head}{{"id":"c"}}]}}"#), "into an empty list");
    let replace = Patch { head, old: Some(b), new: r#"{"id":"b","n":3}"# };
    assert_eq!(replace.apply(&text).unwrap(), format!(r#"{head}{a},{{"id":"b","n":3}}]}}"#));
    // Anything unexpected: the caller writes the whole text.
    assert_eq!(replace.apply(&format!("{head}{a}]}}")), None, "the old record is not there");
    assert_eq!(replace.apply(&format!("{head}{b},{b}]}}")), None, "it is there twice");
    assert_eq!(insert.apply(&text.replace("\"version\":2", "\"version\":1")), None, "another head");
}

#[test]
fn a_copy_of_a_record_inside_another_item_is_never_patched_in_its_place() {
    let storage = Rc::new(MemoryStore::default());
    let mut store = open(&storage, "book", "w");
    store.commit(Change::Post(comment("a", "first")), 1).unwrap();
    let record = stored_text(&storage, "book").split_once(",\"comments\":[").unwrap().1.trim_end_matches("]}").to_owned();
    // A member of another record (as a newer version might add), or an odd record, holds an
    // exact copy of the record's text, while the record itself is written another way.
    let spaced = record.replacen('{', "{ ", 1);
    for holder in [format!(r#"{{"id":"0","author":"B","body":"b","created":1,"quoted":[{record}]}}"#), format!(r#"{{"odd":[{record}]}}"#)] {
        let text = format!(r#"{{"format":"review-widget/comments","version":2,"reviewId":"book","comments":[{holder},{spaced}]}}"#);
        storage.set(&comments_key("book"), &text).unwrap();
        let mut store = open(&storage, "book", "w2");
        let edit = Change::Edit { id: id("a"), body: "edited".into(), spoiler: false, chapter: None };
        store.commit(edit, 2).unwrap();
        let reread = open(&storage, "book", "w3");
        assert!(live_bodies(&reread).contains(&"edited".to_owned()), "{holder}");
        assert!(stored_text(&storage, "book").contains(&format!(":[{record}]")), "the copy stays as it was");
    }
}

#[test]
fn a_deleted_comment_never_comes_back_through_a_stale_tab() {
    let storage = Rc::new(MemoryStore::default());
    let mut tab_a = open(&storage, "book", "a");
    tab_a.commit(Change::Post(comment("c1", "hello")), 10).unwrap();
    let mut tab_b = open(&storage, "book", "b");
    tab_a.commit(Change::Delete(id("c1")), 20).unwrap();
    // B still shows c1; its edit reads first, finds the tombstone, and is refused.
    let edit = Change::Edit { id: id("c1"), body: "late edit".into(), spoiler: false, chapter: None };
    assert_eq!(tab_b.commit(edit, 30), Err(SaveError::Gone));
    // Even a stale copy that still has the live comment loses to the tombstone.
    let stale = Replica::from_records(vec![comment("c1", "hello")], vec![]);
    tab_b.commit(Change::Import(stale), 40).unwrap();
    assert!(live_bodies(&tab_b).is_empty());
    assert!(tab_b.replica().get(&id("c1")).unwrap().deleted);
}

#[test]
fn a_reply_to_a_comment_deleted_elsewhere_is_kept_under_a_placeholder() {
    let storage = Rc::new(MemoryStore::default());
    let mut tab_a = open(&storage, "book", "a");
    tab_a.commit(Change::Post(comment("c1", "parent")), 10).unwrap();
    let mut tab_b = open(&storage, "book", "b");
    tab_a.commit(Change::Delete(id("c1")), 20).unwrap();
    let reply = Comment::new(id("r1"), Some(id("c1")), "Bo".into(), "reply".into(), false, 30, "b");
    tab_b.commit(Change::Post(reply), 30).unwrap();
    tab_a.refresh().unwrap();
    let view = tab_a.view();
    let shown: Vec<(&str, bool)> = view.comments.iter().map(|c| (c.id.as_str(), c.deleted)).collect();
    assert_eq!(shown, vec![("c1", true), ("r1", false)]);
}

#[test]
fn a_refresh_writes_back_what_another_tab_overwrote() {
    let storage = Rc::new(MemoryStore::default());
    let mut tab_a = open(&storage, "book", "a");
    tab_a.commit(Change::Post(comment("c1", "from a")), 10).unwrap();
    // Another tab wrote from an old copy that never had c1.
    let mut stale = Replica::default();
    stale.merge(&Replica::from_records(vec![comment("c2", "from b")], vec![]));
    storage.set(&comments_key("book"), &envelope::to_text("book", &stale)).unwrap();
    let refreshed = tab_a.refresh().unwrap();
    assert!(refreshed.changed && refreshed.healed);
    let fresh = open(&storage, "book", "c");
    assert_eq!(live_bodies(&fresh), vec!["from a", "from b"]);
    // Nothing new: no write.
    assert!(!tab_a.refresh().unwrap().healed);
}

// ---- the stored format ------------------------------------------------------------------

#[test]
fn the_envelope_round_trips_every_field() {
    let mut reply = Comment::new(id("r1"), Some(id("c1")), "Bo".into(), "A reply with <b>tags</b> & ||spoiler||".into(), true, 5, "t");
    reply.edited = Some(9);
    reply.version = Version { generation: 2, changed: 9, writer: "t".into() };
    let gone = comment("c1", "x").tombstone(7, "u");
    let replica = Replica::from_records(vec![reply, gone], vec![]);
    let text = envelope::to_text("book", &replica);
    assert!(text.starts_with(r#"{"format":"review-widget/comments","version":2,"reviewId":"book","comments":["#), "{text}");
    let read = envelope::from_text(&text).unwrap();
    assert_eq!(read.replica, replica);
    assert_eq!(read.review_id.as_deref(), Some("book"));
}

const VERSION_1: &str = r#"{"format":"review-widget/comments","version":1,"reviewId":"book","comments":[
    {"id":"a","parent":null,"author":"Ann","body":"First","spoiler":false,"created":100},
    {"id":"b","parent":"a","author":"Bo","body":"Reply","spoiler":true,"created":200,"edited":300},
    {"id":"gone","parent":null,"author":"","body":"","spoiler":false,"created":50,"deleted":true},
    {"id":"g1","parent":"gone","author":"Cy","body":"Under a placeholder","spoiler":false,"created":60}]}"#;

#[test]
fn version_1_data_reads_as_it_was_and_is_migrated_on_the_first_write() {
    let storage = Rc::new(MemoryStore::default());
    storage.set(&comments_key("book"), VERSION_1).unwrap();
    let mut store = open(&storage, "book", "w");
    assert_eq!(store.problem(), None);
    let view = store.view();
    let shown: Vec<(&str, bool)> = view.comments.iter().map(|c| (c.id.as_str(), c.deleted)).collect();
    assert_eq!(shown, vec![("a", false), ("b", false), ("g1", false), ("gone", true)]);
    assert_eq!(view.count, 3);
    assert_eq!(stored_text(&storage, "book"), VERSION_1, "reading alone changes nothing");
    store.commit(Change::Post(comment("c", "New")), 400).unwrap();
    let migrated = stored_text(&storage, "book");
    assert!(migrated.contains(r#""version":2"#));
    let read = envelope::from_text(&migrated).unwrap().replica;
    let b = read.get(&id("b")).unwrap();
    assert_eq!((b.body.as_str(), b.spoiler, b.edited, b.version.changed), ("Reply", true, Some(300), 300));
    assert!(read.get(&id("gone")).unwrap().deleted, "the placeholder became a tombstone");
    assert_eq!(read.records().len(), 5);
}

/// Each kind of record this version cannot show, as another writer might have stored it.
const ODD_RECORDS: [&str; 5] = [
    r#"{"id":"t1","author":"Ann","body":"From the far future","created":8.7e15}"#,
    r#"{"id":"t2","author":"Ann","body":"Before time","created":-9007199254740991}"#,
    r#"{"id":"has \"quote\"","author":"Ann","body":"Odd id","created":1}"#,
    r#"{ "id" : "sp",  "author":"Ann","body":"Odd type","created":1,"spoiler":"yes" }"#,
    r#"["not","a","record"]"#,
];

#[test]
fn odd_records_are_kept_byte_for_byte_through_later_writes_and_counted() {
    let huge = format!(r#"{{"id":"big","author":"Ann","body":"{}","created":1}}"#, "x".repeat(500_000));
    let mut odd: Vec<String> = ODD_RECORDS.iter().map(|s| s.to_string()).collect();
    odd.push(huge);
    let good = r#"{"id":"ok","author":"Bo","body":"Readable","created":5,"changed":5,"writer":"w"}"#;
    let text = format!(
        r#"{{"format":"review-widget/comments","version":2,"reviewId":"book","comments":[{},{good}]}}"#,
        odd.join(",")
    );
    let storage = Rc::new(MemoryStore::default());
    storage.set(&comments_key("book"), &text).unwrap();
    let mut store = open(&storage, "book", "w");
    assert_eq!(store.problem(), None, "one odd record does not make the store unreadable");
    let view = store.view();
    assert_eq!((view.count, view.hidden), (1, odd.len()));
    store.commit(Change::Post(comment("new", "Posted after")), 10).unwrap();
    store.commit(Change::Delete(id("ok")), 11).unwrap();
    let after = stored_text(&storage, "book");
    for raw in &odd {
        assert_eq!(after.matches(raw.as_str()).count(), 1, "kept once, as it was: {}", &raw[..raw.len().min(60)]);
    }
    assert_eq!(live_bodies(&open(&storage, "book", "x")), vec!["Posted after"]);
}

#[test]
fn values_that_are_not_an_envelope_are_never_overwritten_until_the_reader_starts_afresh() {
    let storage = Rc::new(MemoryStore::default());
    let key = comments_key("book");
    let cases = [
        ("{not json", Unreadable::Damaged),
        (r#"{"version":1}"#, Unreadable::Damaged),
        (r#"[1,2,3]"#, Unreadable::Damaged),
        (r#"{"format":"review-widget/comments","version":"1","comments":[]}"#, Unreadable::Damaged),
        (r#"{"format":"something-else","version":1,"comments":[]}"#, Unreadable::Damaged),
        (r#"{"format":"review-widget/comments","version":2,"comments":null}"#, Unreadable::Damaged),
        (r#"{"format":"review-widget/comments","version":3,"reviewId":"book","comments":[]}"#, Unreadable::Newer(3)),
    ];
    for (value, problem) in cases {
        storage.set(&key, value).unwrap();
        let mut store = open(&storage, "book", "w");
        assert_eq!(store.problem(), Some(&problem), "{value}");
        assert_eq!(store.commit(Change::Post(comment("x", "y")), 1), Err(SaveError::Unreadable));
        assert!(!store.refresh().unwrap().healed);
        assert_eq!(storage.get(&key).unwrap().as_deref(), Some(value), "left byte-identical");
    }
    let mut store = open(&storage, "book", "w");
    let backup = store.start_fresh(42).unwrap();
    assert_eq!(backup, "review-widget:v1:book:comments:backup:42");
    assert!(storage.get(&backup).unwrap().unwrap().contains(r#""version":3"#));
    store.commit(Change::Post(comment("x", "y")), 50).unwrap();
    assert_eq!(live_bodies(&open(&storage, "book", "z")), vec!["y"]);
}

#[test]
fn a_full_store_refuses_the_write_and_keeps_the_old_value_and_the_old_view() {
    let storage = Rc::new(MemoryStore::with_quota(600));
    let mut store = open(&storage, "book", "w");
    store.commit(Change::Post(comment("a", "short")), 1).unwrap();
    let before = stored_text(&storage, "book");
    let result = store.commit(Change::Post(comment("b", &"long ".repeat(100))), 2);
    assert_eq!(result, Err(SaveError::Store(StoreError::Full)));
    assert_eq!(stored_text(&storage, "book"), before);
    assert_eq!(live_bodies(&store), vec!["short"], "the failed comment is not shown as posted");
}

#[test]
fn the_same_stored_text_is_not_parsed_again_and_writes_are_announced() {
    let storage = Rc::new(MemoryStore::default());
    let mut store = open(&storage, "book", "w");
    let announced = Rc::new(RefCell::new(Vec::new()));
    let seen = announced.clone();
    store.on_written(move |key| seen.borrow_mut().push(key.to_owned()));
    store.commit(Change::Post(comment("a", "one")), 1).unwrap();
    assert_eq!(*announced.borrow(), vec![comments_key("book")]);
    assert_eq!(store.refresh().unwrap(), Default::default(), "nothing changed, nothing written");
    assert_eq!(announced.borrow().len(), 1);
}

// ---- export and import -------------------------------------------------------------------

#[test]
fn export_then_import_is_the_same_merge_and_carries_tombstones() {
    let storage = Rc::new(MemoryStore::default());
    let mut source = open(&storage, "book", "w");
    source.commit(Change::Post(comment("a", "one")), 1).unwrap();
    source.commit(Change::Post(comment("b", "two")), 2).unwrap();
    source.commit(Change::Delete(id("b")), 3).unwrap();
    let exported = envelope::to_text("book", source.replica());

    let other = Rc::new(MemoryStore::default());
    let mut target = open(&other, "book", "v");
    target.commit(Change::Post(comment("b", "two")), 2).unwrap();
    target.commit(Change::Post(comment("c", "three")), 4).unwrap();
    let Ok(Applied::Imported(merged)) = target.commit(Change::Import(read_export(&exported, "book").unwrap()), 5) else {
        panic!("imported")
    };
    assert_eq!(merged.new_comments, 1);
    assert_eq!(live_bodies(&target), vec!["one", "three"], "the export's tombstone deletes b here too");
    let Ok(Applied::Imported(again)) = target.commit(Change::Import(read_export(&exported, "book").unwrap()), 6) else {
        panic!("imported")
    };
    assert_eq!(again.gained, 0, "a second import adds nothing");
}

#[test]
fn import_files_keep_good_records_and_refuse_what_is_not_an_export() {
    let mixed = format!(
        r#"{{"format":"review-widget/comments","version":2,"reviewId":"book","comments":[{},{}]}}"#,
        r#"{"id":"good","author":"A","body":"B","created":1}"#, ODD_RECORDS[0]
    );
    let replica = read_export(&mixed, "book").unwrap();
    assert_eq!((replica.view().count, replica.view().hidden), (1, 1));
    let newer = r#"{"format":"review-widget/comments","version":9,"reviewId":"book","comments":[]}"#;
    assert_eq!(read_export("hello", "book"), Err(ImportError::NotAnExport));
    assert_eq!(read_export(r#"{"comments":[]}"#, "book"), Err(ImportError::NotAnExport));
    assert_eq!(read_export(newer, "book"), Err(ImportError::Newer));
    assert_eq!(read_export(VERSION_1, "book").map(|r| r.view().count), Ok(3), "a version 1 export imports");
    let other = envelope::to_text("other-book", &Replica::from_records(vec![comment("a", "x")], vec![]));
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
    let mut store = CommentStore::open(Rc::new(Blocked), "book", "w");
    assert_eq!(store.refresh(), Err(StoreError::Blocked));
    assert_eq!(store.commit(Change::Post(comment("a", "b")), 1), Err(SaveError::Store(StoreError::Blocked)));
}

#[test]
fn duplicate_ids_in_stored_data_keep_the_newer_state() {
    let text = r#"{"format":"review-widget/comments","version":2,"reviewId":"b","comments":[
        {"id":"a","author":"Ann","body":"first","created":1,"changed":1},
        {"id":"b","author":"Bo","body":"other","created":2},
        {"id":"a","author":"Ann","body":"second","created":1,"changed":3}]}"#;
    let replica = envelope::from_text(text).unwrap().replica;
    let bodies: Vec<&str> = replica.records().iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, vec!["second", "other"]);
}
