//! Comments shared with other readers through a CouchDB database (`sync="…"`; the `sync`
//! build only). The reader's store stays the primary copy: this sends the reader's shared
//! comments out and merges what other readers wrote in, as one more writer of the same
//! conflict-free set. The core decides what goes out and checks what comes in
//! (`core::comments::sync`); this module only carries requests and takes turns.
//!
//! One tab of the reader talks to the database at a time (a Web Lock per review); the others
//! follow through storage, as they do for each other's comments.

use super::actions::show;
use super::env::CommentsEnv;
use super::state::CommentsAction;
use super::CommentsSection;
use crate::core::comments::replica::Change;
use crate::core::comments::store::PREFIX;
use crate::core::comments::sync::{changes_selector, Identity, SyncState, PAGE};
use crate::core::config::sync_host;
use crate::core::hash::content_hash_hex;
use crate::shell::couch::{self, Wake};
use crate::shell::{intl, locks};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::html::Scope;

/// Long polls last this long (the database answers sooner when something changes).
const LONG_POLL_MS: u32 = 25_000;
/// Waits after failures grow up to this.
const BACKOFF_MAX_MS: i32 = 60_000;

/// How sharing goes, as the reader is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Working,
    /// The database does not answer (or answers nonsense): retried with growing waits.
    Paused,
    /// The database refused a comment of the reader's (its rules, or a ban).
    Refused,
}

pub struct Sharing {
    /// The database's URL, and its host for the reader.
    pub db: String,
    pub host: String,
    pub pre_moderation: bool,
    review_id: String,
    /// What the database holds of this review, shared by the reader's tabs.
    pub state: RefCell<SyncState>,
    pub health: Cell<Health>,
    /// Counts changes of what the threads show of sharing ("Not shared yet", moderation).
    pub generation: Cell<u32>,
    wake: Wake,
    alive: Cell<bool>,
    /// Tells this widget's writes of the sync state apart from other widgets' on the page.
    pub token: String,
}

impl Sharing {
    pub fn new(db: &str, review_id: &str, pre_moderation: bool) -> Rc<Sharing> {
        Rc::new(Sharing {
            db: db.to_owned(),
            host: sync_host(db).to_owned(),
            pre_moderation,
            review_id: review_id.to_owned(),
            state: RefCell::default(),
            health: Cell::new(Health::Working),
            generation: Cell::new(0),
            wake: Wake::default(),
            alive: Cell::new(true),
            token: intl::random_id(),
        })
    }

    /// The key the sync state is kept under: per review and database.
    pub fn state_key(&self) -> String {
        format!("{PREFIX}{}:sync:{}", self.review_id, content_hash_hex([self.db.as_str()]))
    }

    /// The key the reader's identity on the database is kept under (every review shares it).
    fn identity_key(&self) -> String {
        format!("{PREFIX}sync:{}:identity", content_hash_hex([self.db.as_str()]))
    }

    /// Something to send (a comment posted, edited or deleted here or in another tab).
    pub fn wake(&self) {
        self.wake.wake();
    }

    pub fn stop(&self) {
        self.alive.set(false);
        self.wake.wake();
    }

    /// Reads the kept state again (another tab of the reader changed it).
    pub fn reload(&self, env: &CommentsEnv) -> bool {
        let kept = SyncState::from_text(env.store.get(&self.state_key()).ok().flatten().as_deref());
        let changed = *self.state.borrow() != kept;
        if changed {
            *self.state.borrow_mut() = kept;
            self.generation.set(self.generation.get().wrapping_add(1));
        }
        changed
    }

    fn keep(&self, env: &CommentsEnv) {
        let key = self.state_key();
        if env.store.set(&key, &self.state.borrow().to_text()).is_ok() {
            crate::shell::sync::announce(&key, &self.token);
        }
        self.generation.set(self.generation.get().wrapping_add(1));
    }

    fn root(&self) -> &str {
        self.db.rsplit_once('/').map_or(self.db.as_str(), |(root, _)| root)
    }

    /// The reader's identity on the database: kept, or signed up now.
    async fn identity(&self, env: &CommentsEnv) -> Result<Identity, ()> {
        let key = self.identity_key();
        if let Some(kept) = Identity::from_text(env.store.get(&key).ok().flatten().as_deref()) {
            return Ok(kept);
        }
        let identity = Identity::new(&(intl::random_id() + &intl::random_id()), &(intl::random_id() + &intl::random_id()));
        let url = format!("{}/_users/org.couchdb.user:{}", self.root(), identity.name);
        let answer = couch::call("PUT", &url, Some(&identity.signup_doc()), None).await?;
        if answer.status != 201 && answer.status != 202 {
            return Err(());
        }
        // Another tab may have signed up at the same moment: the first one kept wins.
        if let Some(kept) = Identity::from_text(env.store.get(&key).ok().flatten().as_deref()) {
            return Ok(kept);
        }
        env.store.set(&key, &identity.to_text()).map_err(|_| ())?;
        Ok(identity)
    }

    fn kept_identity(&self, env: &CommentsEnv) -> Option<Identity> {
        Identity::from_text(env.store.get(&self.identity_key()).ok().flatten().as_deref())
    }

    fn set_health(&self, health: Health, link: &Scope<CommentsSection>) {
        if self.health.replace(health) != health {
            link.send_message(CommentsAction::Sharing);
        }
    }

    /// Merges what came from the database into the reader's store, and shows it.
    fn merge(&self, env: &Rc<CommentsEnv>, link: &Scope<CommentsSection>, records: crate::core::comments::replica::Replica) {
        if records.is_empty() {
            return;
        }
        let merged = env.comments.borrow_mut().commit(Change::Import(records), intl::now());
        if merged.is_ok() {
            show(env, link);
        }
    }

    /// Sends what is due; `Err` when the database could not be reached.
    async fn push(&self, env: &Rc<CommentsEnv>, link: &Scope<CommentsSection>) -> Result<(), ()> {
        loop {
            let me = match self.kept_identity(env) {
                Some(me) => me,
                None => {
                    // Signed up only once there is something to share.
                    let due = self.state.borrow().outgoing(env.comments.borrow().replica(), &self.review_id, "-").is_some();
                    if !due {
                        return Ok(());
                    }
                    self.identity(env).await?
                }
            };
            let Some((body, sent)) = self.state.borrow().outgoing(env.comments.borrow().replica(), &self.review_id, &me.name) else {
                return Ok(());
            };
            let answer = couch::call("POST", &format!("{}/_bulk_docs", self.db), Some(&body), Some(&me)).await?;
            if answer.status == 401 || answer.status == 403 {
                // The identity was refused altogether (its user removed by the blog): the
                // comments stay here, and the reader is told.
                self.set_health(Health::Refused, link);
                return Ok(());
            }
            let pushed = self.state.borrow_mut().read_push(&answer.text, &sent)?;
            self.keep(env);
            if pushed.refused > 0 {
                self.set_health(Health::Refused, link);
            } else if pushed.stored > 0 && self.health.get() == Health::Refused {
                self.set_health(Health::Working, link);
            }
            for id in &pushed.conflicts {
                let answer = couch::call("GET", &format!("{}/{}", self.db, encode(id)), None, Some(&me)).await?;
                let theirs = {
                    let store = env.comments.borrow();
                    self.state.borrow_mut().read_conflicted(&answer.text, &self.review_id, &me.name, store.replica())
                };
                if let Some(record) = theirs {
                    self.merge(env, link, crate::core::comments::replica::Replica::from_records(vec![record], Vec::new()));
                }
            }
            link.send_message(CommentsAction::Sharing);
            if pushed.conflicts.is_empty() && sent.len() < PAGE {
                return Ok(());
            }
        }
    }

    /// Pulls one page of changes (a long poll once caught up); `Ok(true)` when caught up.
    async fn pull(&self, env: &Rc<CommentsEnv>, link: &Scope<CommentsSection>, long: bool) -> Result<bool, ()> {
        let mut since = String::new();
        self.state.borrow().seq.write(&mut since);
        let since = since.trim_matches('"').to_owned();
        let mut url = format!("{}/_changes?filter=_selector&include_docs=true&limit={PAGE}&since={}", self.db, encode(&since));
        if long {
            url.push_str(&format!("&feed=longpoll&timeout={LONG_POLL_MS}"));
        }
        let answer = couch::call("POST", &url, Some(&changes_selector(&self.review_id)), None).await?;
        if answer.status != 200 {
            return Err(());
        }
        let me = self.kept_identity(env).map(|me| me.name);
        let pulled = {
            let store = env.comments.borrow();
            self.state.borrow_mut().read_changes(&answer.text, &self.review_id, me.as_deref(), store.replica())?
        };
        self.keep(env);
        self.merge(env, link, pulled.records);
        if pulled.decided {
            show(env, link);
        }
        link.send_message(CommentsAction::Sharing);
        Ok(pulled.changes < PAGE)
    }

    /// Talks to the database while the widget lives: send what is due, pull what is new,
    /// long-poll once caught up (only while the page is visible), wait longer after each
    /// failure. A long poll in flight is not abandoned when something is to be sent: it is
    /// waited for again after the send.
    async fn run(self: Rc<Self>, env: Rc<CommentsEnv>, link: Scope<CommentsSection>) {
        self.reload(&env);
        let mut caught_up = false;
        let mut backoff = 1_000;
        let mut in_flight: Option<js_sys::Promise> = None;
        while self.alive.get() {
            let woken = self.wake.wait();
            let mut outcome = self.push(&env, &link).await.map(|()| None);
            if outcome.is_ok() {
                if couch::hidden() {
                    couch::first(&couch::after(1_000), &woken).await;
                    continue;
                }
                let pull = in_flight.get_or_insert_with(|| {
                    let (sharing, env, link, long) = (self.clone(), env.clone(), link.clone(), caught_up);
                    wasm_bindgen_futures::future_to_promise(async move {
                        let pulled = sharing.pull(&env, &link, long).await;
                        pulled.map(wasm_bindgen::JsValue::from_bool).map_err(|()| wasm_bindgen::JsValue::NULL)
                    })
                });
                outcome = match JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(pull, &woken))).await {
                    // The pull ended (with whether it caught up), or the wake-up came first.
                    Ok(value) => Ok(value.as_bool()),
                    Err(_) => Err(()),
                };
                if !matches!(outcome, Ok(None)) {
                    in_flight = None;
                }
            }
            match outcome {
                Ok(pulled) => {
                    caught_up = pulled.unwrap_or(caught_up);
                    backoff = 1_000;
                    if self.health.get() == Health::Paused {
                        self.set_health(Health::Working, &link);
                    }
                }
                Err(()) => {
                    caught_up = false;
                    if self.health.get() == Health::Working {
                        self.set_health(Health::Paused, &link);
                    }
                    couch::first(&couch::after(backoff), &self.wake.wait()).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX_MS);
                }
            }
        }
    }

    /// Starts talking to the database, in turn with the reader's other tabs.
    pub fn start(self: &Rc<Self>, env: Rc<CommentsEnv>, link: Scope<CommentsSection>) {
        let name = format!("review-widget:sync:{}:{}", self.review_id, content_hash_hex([self.db.as_str()]));
        locks::hold(&name, self.clone().run(env, link));
    }
}

/// A document id or sequence in a URL.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
