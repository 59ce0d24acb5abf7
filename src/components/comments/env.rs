//! What every part of the comments needs: the store, the review, the words.

use crate::core::comments::drafts::{Draft, DraftSlot, Drafts};
use crate::core::comments::store::{drafts_key, CommentStore, KeyValueStore, MemoryStore, NAME_KEY};
use crate::core::i18n::{Lang, Strings};
use crate::shell::{intl, local_store::LocalStore, sync};
use std::rc::Rc;

pub struct CommentsEnv {
    pub store: Box<dyn KeyValueStore>,
    /// The browser refused `localStorage`: comments live in memory for this page only.
    pub blocked: bool,
    pub review_id: String,
    pub lang: Lang,
    pub strings: &'static Strings,
    /// Tells this widget's own writes apart from other widgets' on the same page.
    pub token: String,
    pub heading_level: u8,
    /// The name last posted with on this page: pre-fills reply forms (kept in memory only,
    /// unless the reader asked to remember it).
    pub last_name: std::cell::RefCell<Option<String>>,
}

impl PartialEq for CommentsEnv {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl CommentsEnv {
    pub fn new(review_id: String, lang: Lang, heading_level: u8) -> Rc<CommentsEnv> {
        let (store, blocked): (Box<dyn KeyValueStore>, bool) = match LocalStore::open() {
            Some(local) => (Box::new(local), false),
            None => (Box::new(MemoryStore::default()), true),
        };
        Rc::new(CommentsEnv {
            store,
            blocked,
            review_id,
            lang,
            strings: lang.strings(),
            token: intl::random_id(),
            heading_level,
            last_name: Default::default(),
        })
    }

    pub fn comments(&self) -> CommentStore<'_> {
        CommentStore::new(&*self.store, &self.review_id)
    }

    /// Tells the other widgets of this page that the comments changed.
    pub fn announce(&self) {
        sync::announce(self.comments().key(), &self.token);
    }

    pub fn drafts(&self) -> Drafts {
        Drafts::from_text(self.store.get(&drafts_key(&self.review_id)).ok().flatten().as_deref())
    }

    /// Saves one draft (read-modify-write, so other forms' drafts stay). Storage trouble
    /// only means the draft is not kept: the text is still in the form.
    pub fn save_draft(&self, slot: &DraftSlot, draft: Draft) {
        let mut drafts = self.drafts();
        if drafts.get(slot) == Some(&draft) || (draft.is_empty() && drafts.get(slot).is_none()) {
            return;
        }
        drafts.set(slot, draft);
        let key = drafts_key(&self.review_id);
        let _ = if drafts.is_empty() { self.store.remove(&key) } else { self.store.set(&key, &drafts.to_text()) };
    }

    pub fn remembered_name(&self) -> Option<String> {
        self.store.get(NAME_KEY).ok().flatten().filter(|name| !name.trim().is_empty())
    }

    pub fn remember_name(&self, name: Option<&str>) {
        let _ = match name {
            Some(name) => self.store.set(NAME_KEY, name),
            None => self.store.remove(NAME_KEY),
        };
    }
}
