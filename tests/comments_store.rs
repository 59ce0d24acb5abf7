//! The comment store: the merge laws over random records, many writers with stale reads and
//! late events, the recent key of a long store, migration from version 1, odd records kept
//! byte for byte, damaged and newer data, a full store, export and import.

use review_widget::core::comments::envelope::{self, read_export, ImportError, Unreadable};
use review_widget::core::comments::model::Version;
use review_widget::core::comments::replica::{Applied, Change, Replica};
use review_widget::core::comments::store::{comments_key, recent_key, CommentStore, KeyValueStore, Limits, MemoryStore, SaveError, StoreError};
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
/// writes (and removals) reach the shared value later, in any order, and each one reaches
/// the other tabs as a change event later still.
#[derive(Default)]
struct Network {
    shared: BTreeMap<String, String>,
    /// Writes on their way to the shared value: (writer, key, text or `None` for a removal).
    in_flight: Vec<(usize, String, Option<String>)>,
    /// Changes on their way to a tab's copy: (tab, key, text).
    events: Vec<(usize, String, Option<String>)>,
    /// Tabs whose copy changed, on their way to hear of it (Chromium updates a tab's copy
    /// first and tells the page in a later task: a change made meanwhile reads the new copy,
    /// and the event then finds nothing new to read).
    notices: Vec<usize>,
    tabs: usize,
    /// Writes to the recent key, and removals of it (its changes folded into the whole).
    recent_writes: usize,
    folds: usize,
}

impl Network {
    /// One write reaches the shared value; its event goes out to the other tabs.
    fn deliver(&mut self, at: usize) {
        let (writer, key, text) = self.in_flight.remove(at);
        match &text {
            Some(text) => self.shared.insert(key.clone(), text.clone()),
            None => self.shared.remove(&key),
        };
        for tab in (0..self.tabs).filter(|t| *t != writer) {
            self.events.push((tab, key.clone(), text.clone()));
        }
    }

    /// What a fresh reader finds: both keys merged.
    fn stored(&self) -> Replica {
        let mut stored = Replica::default();
        for text in self.shared.values() {
            stored.merge(&envelope::from_text(text).unwrap().replica);
        }
        stored
    }
}

struct TabStorage {
    tab: usize,
    copy: RefCell<BTreeMap<String, String>>,
    network: Rc<RefCell<Network>>,
}

impl TabStorage {
    fn send(&self, key: &str, text: Option<&str>) {
        let mut net = self.network.borrow_mut();
        if key.ends_with(":recent") {
            match text {
                Some(_) => net.recent_writes += 1,
                None => net.folds += 1,
            }
        }
        net.in_flight.push((self.tab, key.to_owned(), text.map(str::to_owned)));
    }

    /// A change event: the tab's copy of `key` becomes what was written.
    fn hear(&self, key: String, text: Option<String>) {
        let mut copy = self.copy.borrow_mut();
        match text {
            Some(text) => copy.insert(key, text),
            None => copy.remove(&key),
        };
    }
}

impl KeyValueStore for TabStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.copy.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.copy.borrow_mut().insert(key.to_owned(), value.to_owned());
        self.send(key, Some(value));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if self.copy.borrow_mut().remove(key).is_some() {
            self.send(key, None);
        }
        Ok(())
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
        net.deliver(pick);
        return;
    }
    if choice < 4 && !net.events.is_empty() {
        let pick = random.below(net.events.len());
        let (tab, key, text) = net.events.remove(pick);
        net.notices.push(tab);
        drop(net);
        // The tab's copy comes up to the value written; the tab hears of it later.
        tabs[tab].storage.hear(key, text);
        return;
    }
    if choice < 5 && !net.notices.is_empty() {
        let pick = random.below(net.notices.len());
        let tab = net.notices.remove(pick);
        drop(net);
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
    let (mut recent_writes, mut folds) = (0, 0);
    for seed in 1..=300u64 {
        let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let tab_count = 2 + random.below(3);
        let network = Rc::new(RefCell::new(Network { tabs: tab_count, ..Network::default() }));
        let mut tabs: Vec<Tab> = (0..tab_count)
            .map(|tab| {
                // Half the tabs write single changes to the recent key from the start, and
                // fold it into the whole after a few (as the widget does once the comments
                // are many); the others write whole values only while the stored value is
                // short, as the widget's defaults do.
                let limits = match (seed as usize + tab) % 2 {
                    0 => Limits { recent_from: 0, recent_up_to: 200 + random.below(12_000) },
                    _ => Limits::default(),
                };
                let storage = Rc::new(TabStorage { tab, copy: RefCell::default(), network: network.clone() });
                let store = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", &format!("tab{tab}"), limits);
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
            if !net.in_flight.is_empty() {
                net.deliver(0);
            } else if let Some((tab, key, text)) = (!net.events.is_empty()).then(|| net.events.remove(0)) {
                net.notices.push(tab);
                drop(net);
                tabs[tab].storage.hear(key, text);
            } else if let Some(tab) = (!net.notices.is_empty()).then(|| net.notices.remove(0)) {
                drop(net);
                tabs[tab].store.refresh().unwrap();
            } else {
                break;
            }
            rounds += 1;
            assert!(rounds < 10_000, "seed {seed}: the tabs never settle");
        }
        let final_state = network.borrow().stored();
        assert_eq!(final_state.records().len(), posts, "seed {seed}: every posted comment is there exactly once");
        for (key, _) in &ledger.states {
            let stored = final_state.get(&id(key)).unwrap();
            assert_eq!(**stored, *ledger.winner(key), "seed {seed}: {key} holds the state that wins");
        }
        for tab in &tabs {
            assert_eq!(*tab.store.replica(), final_state, "seed {seed}: every tab converged");
        }
        recent_writes += network.borrow().recent_writes;
        folds += network.borrow().folds;
    }
    assert!(recent_writes > 2000 && folds > 500, "changes go to the recent key ({recent_writes} times) and are folded ({folds} times)");
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

// ---- the recent key ----------------------------------------------------------------------

/// Limits for tests: a stored value of 300 bytes is long, and the recent key holds about two
/// changes.
const SMALL: Limits = Limits { recent_from: 300, recent_up_to: 700 };

/// Three comments stored, as a whole value longer than `SMALL.recent_from`.
fn long_store() -> (Rc<MemoryStore>, String) {
    let storage = Rc::new(MemoryStore::default());
    let records = ["a", "b", "c"].map(|name| comment(name, &format!("{name} stored before")));
    let text = envelope::to_text("book", &Replica::from_records(records.to_vec(), vec![]));
    assert!(text.len() >= SMALL.recent_from);
    storage.set(&comments_key("book"), &text).unwrap();
    (storage, text)
}

#[test]
fn a_change_to_a_long_stored_value_goes_to_the_recent_key_until_that_is_full() {
    let (storage, whole) = long_store();
    let mut store = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", "w", SMALL);
    let announced = Rc::new(RefCell::new(Vec::new()));
    let seen = announced.clone();
    store.on_written(move |key| seen.borrow_mut().push(key.to_owned()));
    store.commit(Change::Post(comment("d", "posted")), 10).unwrap();
    store.commit(Change::Delete(id("a")), 11).unwrap();
    assert_eq!(stored_text(&storage, "book"), whole, "the whole value is not written again");
    let recent = envelope::from_text(&storage.get(&recent_key("book")).unwrap().unwrap()).unwrap().replica;
    let ids: Vec<&str> = recent.records().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a", "d"], "the recent key holds the two changes: a post and a tombstone");
    assert_eq!(*announced.borrow(), vec![comments_key("book"); 2], "each write is announced under the comments key");
    assert_eq!(live_bodies(&open(&storage, "book", "x")), ["b stored before", "c stored before", "posted"]);
    // The change that would take the recent key past its limit writes the whole value,
    // which then holds every change, and removes the recent key.
    store.commit(Change::Post(comment("e", &"long ".repeat(80))), 12).unwrap();
    assert_eq!(storage.get(&recent_key("book")).unwrap(), None);
    let whole = envelope::from_text(&stored_text(&storage, "book")).unwrap().replica;
    assert_eq!(whole, *store.replica());
    assert_eq!(whole.records().len(), 5, "three stored, two posted, the deleted one as a tombstone");
}

#[test]
fn a_short_stored_value_is_written_whole_and_the_recent_key_is_never_used() {
    let storage = Rc::new(MemoryStore::default());
    let mut store = open(&storage, "book", "w");
    for n in 0..20 {
        store.commit(Change::Post(comment(&format!("c{n:02}"), "short")), n).unwrap();
    }
    assert_eq!(storage.get(&recent_key("book")).unwrap(), None);
    assert_eq!(envelope::from_text(&stored_text(&storage, "book")).unwrap().replica.records().len(), 20);
}

#[test]
fn another_tab_that_folds_over_a_recent_change_it_never_saw_gets_it_back() {
    let (storage, _) = long_store();
    let mut tab_a = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", "a", SMALL);
    tab_a.commit(Change::Post(comment("d", "from a")), 10).unwrap();
    assert!(storage.get(&recent_key("book")).unwrap().is_some());
    // Tab b, from a copy that never had tab a's recent change, writes the whole value and
    // removes the recent key.
    let mut stale = Replica::from_records(["a", "b", "c"].map(|n| comment(n, &format!("{n} stored before"))).to_vec(), vec![]);
    stale.merge(&Replica::from_records(vec![comment("e", "from b")], vec![]));
    storage.set(&comments_key("book"), &envelope::to_text("book", &stale)).unwrap();
    storage.remove(&recent_key("book")).unwrap();
    let refreshed = tab_a.refresh().unwrap();
    assert!(refreshed.changed && refreshed.healed);
    let bodies = live_bodies(&open(&storage, "book", "x"));
    assert!(bodies.contains(&"from a".to_owned()) && bodies.contains(&"from b".to_owned()), "{bodies:?}");
}

#[test]
fn a_change_made_when_the_stored_value_lacks_something_writes_it_back_too() {
    let (storage, _) = long_store();
    let mut tab_a = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", "a", SMALL);
    tab_a.commit(Change::Post(comment("x", "from a")), 10).unwrap();
    // Another tab, from a copy that never had x, writes its own recent change over it; tab a
    // makes its next change before it hears of that.
    let other = Replica::from_records(vec![comment("y", "from b")], vec![]);
    storage.set(&recent_key("book"), &envelope::to_text("book", &other)).unwrap();
    tab_a.commit(Change::Post(comment("z", "from a again")), 11).unwrap();
    let bodies = live_bodies(&open(&storage, "book", "fresh"));
    for body in ["from a", "from b", "from a again"] {
        assert!(bodies.contains(&body.to_owned()), "{body} in {bodies:?}");
    }
    // Hearing of it later finds nothing left to write back.
    assert!(!tab_a.refresh().unwrap().healed);
}

#[test]
fn an_unreadable_recent_key_is_never_overwritten_and_starting_afresh_keeps_the_readable_comments() {
    let (storage, whole) = long_store();
    let damaged = "{\"format\":\"review-widget/comments\",\"version\":2,\"comments\":[{\"id\"";
    storage.set(&recent_key("book"), damaged).unwrap();
    let mut store = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", "w", SMALL);
    assert_eq!(store.problem(), Some(&Unreadable::Damaged));
    assert_eq!(store.raw().unwrap().as_deref(), Some(damaged), "what is offered for download is what cannot be read");
    assert_eq!(store.commit(Change::Post(comment("d", "y")), 1), Err(SaveError::Unreadable));
    assert!(!store.refresh().unwrap().healed);
    assert_eq!(storage.get(&recent_key("book")).unwrap().as_deref(), Some(damaged));
    assert_eq!(stored_text(&storage, "book"), whole);
    let backup = store.start_fresh(42).unwrap();
    assert_eq!(storage.get(&format!("{backup}:recent")).unwrap().as_deref(), Some(damaged));
    assert_eq!(storage.get(&backup).unwrap(), None, "the readable value needs no backup");
    assert_eq!(storage.get(&recent_key("book")).unwrap(), None);
    assert_eq!(live_bodies(&open(&storage, "book", "x")), ["a stored before", "b stored before", "c stored before"]);
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
fn odd_records_in_the_recent_key_are_counted_and_kept_byte_for_byte_when_it_is_folded() {
    let (storage, _) = long_store();
    let recent = format!(r#"{{"format":"review-widget/comments","version":2,"reviewId":"book","comments":[{}]}}"#, ODD_RECORDS.join(","));
    storage.set(&recent_key("book"), &recent).unwrap();
    let mut store = CommentStore::with_limits(storage.clone() as Rc<dyn KeyValueStore>, "book", "w", SMALL);
    let view = store.view();
    assert_eq!((view.count, view.hidden), (3, ODD_RECORDS.len()));
    let kept_once = |text: &str| ODD_RECORDS.iter().all(|raw| text.matches(raw).count() == 1);
    // A post that fits goes to the recent key, which carries them along.
    store.commit(Change::Post(comment("d", "posted")), 10).unwrap();
    assert!(kept_once(&storage.get(&recent_key("book")).unwrap().unwrap()));
    // One that does not folds the recent key into the whole value, with them.
    store.commit(Change::Post(comment("e", &"long ".repeat(80))), 11).unwrap();
    assert_eq!(storage.get(&recent_key("book")).unwrap(), None);
    assert!(kept_once(&stored_text(&storage, "book")));
    assert_eq!(open(&storage, "book", "x").view().hidden, ODD_RECORDS.len());
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
