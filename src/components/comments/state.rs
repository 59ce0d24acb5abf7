//! The comments' one reducer: what the list shows and which forms are open.

use crate::core::comments::drafts::DraftSlot;
use crate::core::comments::envelope::Unreadable;
use crate::core::comments::replica::View;
use crate::core::comments::{Comment, CommentId, SortOrder, ThreadIndex};
use std::rc::Rc;
use yew::prelude::*;

/// Top-level threads rendered at first: a short first render whatever the store holds.
pub const FIRST_PAGE: usize = 20;
/// Top-level threads added by each "Show more comments".
pub const MORE: usize = 50;

/// The comments as last read or written, arranged into threads once per change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub view: View,
    pub index: ThreadIndex,
}

impl Listing {
    fn new(view: View, order: SortOrder) -> Listing {
        let index = ThreadIndex::build(&view.comments, order);
        Listing { view, index }
    }
}

#[derive(Clone, PartialEq)]
pub struct CommentsState {
    pub listing: Rc<Listing>,
    pub order: SortOrder,
    pub shown: usize,
    /// The stored value cannot be read: shown read-only until the reader starts afresh.
    pub problem: Option<Unreadable>,
    pub status: Option<String>,
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
}

pub enum CommentsAction {
    /// The comments as read.
    Show { view: View, problem: Option<Unreadable> },
    /// A change was saved: the comments as written, the reader's new comment (always shown)
    /// and the form it closes, in one render.
    Saved { view: View, posted: Option<CommentId>, closed: Option<DraftSlot> },
    Sort(SortOrder),
    ShowMore,
    Open(DraftSlot),
    Close(DraftSlot),
    /// A delete was saved; `removed` is what `Undo` puts back.
    Deleted { view: View, removed: Rc<Comment>, status: String },
    ForgetUndo,
    Status(String),
    Alert(Option<String>),
    Toggle(String),
    Tick(i64),
}

impl CommentsState {
    pub fn new(view: View, problem: Option<Unreadable>, order: SortOrder, open: Vec<DraftSlot>, now: i64) -> Self {
        CommentsState {
            listing: Rc::new(Listing::new(view, order)),
            order,
            shown: FIRST_PAGE,
            problem,
            status: None,
            alert: None,
            undo: None,
            open: Rc::new(open),
            revealed: Rc::default(),
            posted: Rc::default(),
            now,
        }
    }
}

impl Reducible for CommentsState {
    type Action = CommentsAction;

    fn reduce(self: Rc<Self>, action: CommentsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CommentsAction::Show { view, problem } => {
                next.listing = Rc::new(Listing::new(view, next.order));
                next.problem = problem;
            }
            CommentsAction::Saved { view, posted, closed } => {
                next.listing = Rc::new(Listing::new(view, next.order));
                next.problem = None;
                if let Some(id) = posted {
                    Rc::make_mut(&mut next.posted).push(id);
                }
                if let Some(slot) = closed {
                    Rc::make_mut(&mut next.open).retain(|open| *open != slot);
                }
            }
            CommentsAction::Sort(order) => {
                next.order = order;
                next.listing = Rc::new(Listing::new(next.listing.view.clone(), order));
            }
            CommentsAction::ShowMore => next.shown += MORE,
            CommentsAction::Open(slot) => {
                if !next.open.contains(&slot) {
                    Rc::make_mut(&mut next.open).push(slot);
                }
            }
            CommentsAction::Close(slot) => Rc::make_mut(&mut next.open).retain(|open| *open != slot),
            CommentsAction::Deleted { view, removed, status } => {
                next.listing = Rc::new(Listing::new(view, next.order));
                next.undo = Some(removed);
                next.status = Some(status);
            }
            CommentsAction::ForgetUndo => {
                next.undo = None;
                next.status = None;
            }
            CommentsAction::Status(status) => {
                next.status = Some(status);
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
        }
        Rc::new(next)
    }
}
