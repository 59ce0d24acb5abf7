//! The comments' one reducer: what the list shows and which forms are open.

use crate::core::comments::drafts::DraftSlot;
use crate::core::comments::envelope::Unreadable;
use crate::core::comments::replica::View;
use crate::core::comments::model::inserted_at;
use crate::core::comments::{Comment, CommentId, SortOrder, ThreadIndex};
use std::rc::Rc;

/// Top-level threads rendered at first: a short first render whatever the store holds.
pub const FIRST_PAGE: usize = 20;
/// Top-level threads added by each "Show more comments".
pub const MORE: usize = 50;

/// Where focus goes after a change, so that it never falls back to the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The `Undo` button of a delete.
    Undo,
    /// A comment (by id): restored, or standing where a deleted one was.
    Comment(String),
    /// The button that opened a reply or edit form.
    Opener(DraftSlot),
    /// The comment box of a reply or edit form just opened.
    Form(DraftSlot),
    /// The comments heading.
    Heading,
    /// The status message (after an import).
    Status,
    /// `Undo` went away: to the comment that stands where the deleted one was (or the
    /// heading), but only when the focus was lost with it.
    AfterUndo(Option<String>),
}

/// The comments as last read or written, arranged into threads once per change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub view: Rc<View>,
    pub index: ThreadIndex,
}

impl Listing {
    fn new(view: Rc<View>, order: SortOrder) -> Listing {
        let index = ThreadIndex::build(&view.comments, order);
        Listing { view, index }
    }

    /// The listing of `view`, which follows this one: a new top-level comment (the reader's
    /// post) goes into the threads as they are; anything else arranges them anew.
    fn next(&self, view: Rc<View>, order: SortOrder) -> Listing {
        let index = inserted_at(&self.view.comments, &view.comments)
            .and_then(|at| self.index.with_top_level(&view.comments, at, order))
            .unwrap_or_else(|| ThreadIndex::build(&view.comments, order));
        Listing { view, index }
    }
}

pub struct CommentsState {
    pub listing: Rc<Listing>,
    pub order: SortOrder,
    pub shown: usize,
    /// The stored value cannot be read: shown read-only until the reader starts afresh.
    pub problem: Option<Unreadable>,
    pub status: Option<String>,
    /// Counts the status messages, so that the same words said twice are announced twice.
    pub said: u32,
    pub alert: Option<String>,
    /// What the last delete removed, while `Undo` is offered.
    pub undo: Option<Rc<Comment>>,
    /// Reply and edit forms that are open.
    pub open: Rc<Vec<DraftSlot>>,
    /// Comment spoilers the reader revealed (`<id>` for a whole comment, `<id>:<n>` inline).
    pub revealed: Rc<Vec<String>>,
    /// Comments the reader posted on this page: always shown, even beyond the shown page.
    pub posted: Rc<Vec<CommentId>>,
    pub now: i64,
    /// Where focus goes once this state is on screen, numbered so that each request is new.
    pub focus: Option<(u32, Focus)>,
    /// What stands where the last deleted comment was (for when `Undo` goes away).
    pub undo_fallback: Option<String>,
}

pub enum CommentsAction {
    /// The comments as read.
    Show { view: Rc<View>, problem: Option<Unreadable> },
    /// A change was saved: the comments as written, the reader's new comment (always shown)
    /// and the form it closes, in one render.
    Saved { view: Rc<View>, posted: Option<CommentId>, closed: Option<DraftSlot>, status: Option<String>, focus: Option<Focus> },
    Sort(SortOrder),
    ShowMore,
    Open(DraftSlot),
    Close(DraftSlot),
    /// A delete was saved; `removed` is what `Undo` puts back.
    Deleted { view: Rc<View>, removed: Rc<Comment>, status: String, fallback: Option<String> },
    /// `Undo` goes away: used, or timed out (`true`).
    ForgetUndo(bool),
    /// Move the focus (after the next render).
    Focus(Focus),
    Status(String),
    Alert(Option<String>),
    Toggle(String),
    Tick(i64),
    /// How sharing goes, or what the database holds, changed: show it.
    Sharing,
}

impl CommentsState {
    pub fn new(view: Rc<View>, problem: Option<Unreadable>, order: SortOrder, open: Vec<DraftSlot>, now: i64) -> Self {
        CommentsState {
            listing: Rc::new(Listing::new(view, order)),
            order,
            shown: FIRST_PAGE,
            problem,
            status: None,
            said: 0,
            alert: None,
            undo: None,
            open: Rc::new(open),
            revealed: Rc::default(),
            posted: Rc::default(),
            now,
            focus: None,
            undo_fallback: None,
        }
    }
}

impl CommentsState {
    fn say(&mut self, status: String) {
        self.status = Some(status);
        self.said = self.said.wrapping_add(1);
    }

    fn request(&mut self, focus: Focus) {
        let number = self.focus.as_ref().map_or(0, |(n, _)| n.wrapping_add(1));
        self.focus = Some((number, focus));
    }
}

impl CommentsState {
    /// The one place the comments' state changes.
    pub fn apply(&mut self, action: CommentsAction) {
        let next = self;
        match action {
            CommentsAction::Show { view, problem } => {
                next.listing = Rc::new(next.listing.next(view, next.order));
                next.problem = problem;
            }
            CommentsAction::Saved { view, posted, closed, status, focus } => {
                next.listing = Rc::new(next.listing.next(view, next.order));
                next.problem = None;
                if let Some(id) = posted {
                    Rc::make_mut(&mut next.posted).push(id);
                }
                if let Some(slot) = closed {
                    Rc::make_mut(&mut next.open).retain(|open| *open != slot);
                    next.request(Focus::Opener(slot));
                }
                if let Some(status) = status {
                    next.say(status);
                    next.undo = None;
                }
                if let Some(focus) = focus {
                    next.request(focus);
                }
            }
            CommentsAction::Sort(order) => {
                next.order = order;
                next.listing = Rc::new(Listing::new(next.listing.view.clone(), order));
            }
            CommentsAction::ShowMore => next.shown += MORE,
            CommentsAction::Open(slot) => {
                if !next.open.contains(&slot) {
                    Rc::make_mut(&mut next.open).push(slot.clone());
                }
                next.request(Focus::Form(slot));
            }
            CommentsAction::Close(slot) => {
                Rc::make_mut(&mut next.open).retain(|open| *open != slot);
                next.request(Focus::Opener(slot));
            }
            CommentsAction::Deleted { view, removed, status, fallback } => {
                next.listing = Rc::new(Listing::new(view, next.order));
                next.undo = Some(removed);
                next.say(status);
                next.undo_fallback = fallback;
                next.request(Focus::Undo);
            }
            CommentsAction::ForgetUndo(timed_out) => {
                if next.undo.take().is_some() {
                    next.status = None;
                    if timed_out {
                        let fallback = next.undo_fallback.take();
                        next.request(Focus::AfterUndo(fallback));
                    }
                }
            }
            CommentsAction::Focus(focus) => next.request(focus),
            CommentsAction::Status(status) => {
                next.say(status);
                next.undo = None;
            }
            CommentsAction::Alert(alert) => next.alert = alert,
            CommentsAction::Toggle(key) => {
                let revealed = Rc::make_mut(&mut next.revealed);
                if revealed.contains(&key) {
                    revealed.retain(|k| *k != key);
                } else {
                    revealed.push(key);
                }
            }
            CommentsAction::Tick(now) => next.now = now,
            CommentsAction::Sharing => {}
        }
    }
}
