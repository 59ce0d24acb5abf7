//! What every part of the comments needs: the store and its save path, the review, the words.

use crate::core::comments::drafts::{Draft, DraftSlot, Drafts};
use crate::core::comments::store::{drafts_key, CommentStore, KeyValueStore, MemoryStore, NAME_KEY};
use crate::core::comments::replica::View;
use crate::core::config::WidgetConfig;
use crate::core::i18n::{Plural, Strings};
use crate::shell::{intl, local_store::LocalStore, sync};
use std::cell::RefCell;
use std::rc::Rc;

pub struct CommentsEnv {
    /// `localStorage`, or memory when the browser refuses it.
    pub store: Rc<dyn KeyValueStore>,
    /// The browser refused `localStorage`: comments live in memory for this page only.
    pub blocked: bool,
    /// This widget's copy of the comments and its save path (read, merge, write, announce).
    pub comments: RefCell<CommentStore>,
    pub review_id: String,
    /// The tag `Intl` formats with (`en-GB`, `fr-CA`…).
    pub locale: String,
    pub strings: &'static Strings,
    pub heading_level: u8,
    /// Chapter-aware spoilers: the book's chapters.
    pub chapters: Option<u32>,
    /// The name last posted with on this page: pre-fills reply forms (kept in memory only,
    /// unless the reader asked to remember it).
    pub last_name: RefCell<Option<String>>,
    /// What the reader typed last, in which form, before its draft is saved (400 ms later).
    pub typed: RefCell<Option<(DraftSlot, Draft)>>,
    /// Comments shared with other readers (`sync="…"`), when the widget has a database.
    #[cfg(feature = "sync")]
    pub sharing: Option<Rc<super::sharing::Sharing>>,
}

impl PartialEq for CommentsEnv {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl CommentsEnv {
    pub fn new(config: &WidgetConfig) -> Rc<CommentsEnv> {
        let (review_id, lang, locale) = (config.review_id.clone(), config.lang, config.locale.clone());
        let (heading_level, chapters) = (config.heading_level, config.chapters);
        let (store, blocked): (Rc<dyn KeyValueStore>, bool) = match LocalStore::open() {
            Some(local) => (Rc::new(local), false),
            None => (Rc::new(MemoryStore::default()), true),
        };
        // Tells this widget's own writes apart from other widgets' on the same page.
        let token = intl::random_id();
        let mut comments = CommentStore::open(store.clone(), &review_id, &token);
        #[cfg(feature = "sync")]
        let sharing = config.sync.as_deref().map(|db| super::sharing::Sharing::new(db, &review_id, config.pre_moderation));
        #[cfg(feature = "sync")]
        let woken = sharing.clone();
        comments.on_written(move |key| {
            sync::announce(key, &token);
            // Something new to send to the shared database.
            #[cfg(feature = "sync")]
            if let Some(sharing) = &woken {
                sharing.wake();
            }
        });
        Rc::new(CommentsEnv {
            store,
            blocked,
            comments: RefCell::new(comments),
            review_id,
            locale,
            strings: lang.strings(),
            heading_level,
            chapters,
            last_name: RefCell::default(),
            typed: RefCell::default(),
            #[cfg(feature = "sync")]
            sharing,
        })
    }

    /// What the reader sees of the comments (with sharing, without what moderators withheld).
    pub fn view(&self) -> Rc<View> {
        #[cfg(feature = "sync")]
        if let Some(sharing) = &self.sharing {
            let state = sharing.state.borrow();
            return Rc::new(self.comments.borrow().replica().view_without(|comment| state.withheld(comment, sharing.pre_moderation)));
        }
        // The view the store keeps; while another part reads the store, the whole view.
        match self.comments.try_borrow_mut() {
            Ok(mut store) => store.view(),
            Err(_) => Rc::new(self.comments.borrow().replica().view()),
        }
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

    /// A form's draft as the reader left it: what they typed last, else what is saved.
    pub fn latest_draft(&self, slot: &DraftSlot) -> Draft {
        match &*self.typed.borrow() {
            Some((typed, draft)) if typed == slot => draft.clone(),
            _ => self.drafts().get(slot).cloned().unwrap_or_default(),
        }
    }

    /// The name a new form starts with: the new comment's draft, else the name last posted
    /// with on this page, else the remembered one.
    pub fn default_name(&self) -> String {
        let draft = self.drafts().get(&DraftSlot::NewComment).map(|draft| draft.name.clone());
        [draft, self.last_name.borrow().clone(), self.remembered_name()]
            .into_iter()
            .flatten()
            .find(|name| !name.is_empty())
            .unwrap_or_default()
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

impl CommentsEnv {
    /// `one` or `other` for `count` by the language's plural rules, with `{count}` filled in.
    pub fn counted(&self, count: usize, plural: &Plural) -> String {
        intl::counted(&self.locale, count, plural, &[])
    }
}
