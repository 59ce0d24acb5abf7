//! The comments' one reducer: what the list shows and which forms are open.

use crate::core::comments::drafts::DraftSlot;
use crate::core::comments::envelope::Unreadable;
use crate::core::comments::{Comment, CommentId, SortOrder, ThreadIndex};
use std::rc::Rc;
use yew::prelude::*;

/// Top-level threads rendered at first, and added by each "Show more comments".
pub const PAGE: usize = 50;

#[derive(Clone, PartialEq)]
pub struct CommentsState {
    pub comments: Rc<Vec<Comment>>,
    pub index: Rc<ThreadIndex>,
    pub order: SortOrder,
    pub shown: usize,
    /// The stored value cannot be fully read: shown read-only until the reader starts afresh.
    pub problem: Option<Unreadable>,
    pub status: Option<String>,
    pub alert: Option<String>,
    /// What the last delete removed, while `Undo` is offered.
    pub undo: Option<Rc<Vec<Comment>>>,
    /// Reply and edit forms that are open.
    pub open: Vec<DraftSlot>,
    /// Comment spoilers the reader revealed (`<id>` for a whole comment, `<id>:<n>` inline).
    pub revealed: Rc<Vec<String>>,
    /// Comments the reader posted on this page: always shown, even beyond the shown page.
    pub posted: Rc<Vec<CommentId>>,
    pub now: i64,
}

pub enum CommentsAction {
    /// The stored comments, as read or as just written.
    Show { comments: Vec<Comment>, problem: Option<Unreadable> },
    Sort(SortOrder),
    ShowMore,
    Open(DraftSlot),
    Close(DraftSlot),
    /// A delete was saved; `removed` is what `Undo` puts back.
    Deleted { comments: Vec<Comment>, removed: Vec<Comment>, status: String },
    ForgetUndo,
    Status(String),
    Alert(Option<String>),
    Toggle(String),
    Tick(i64),
    Posted(CommentId),
}

impl CommentsState {
    pub fn new(comments: Vec<Comment>, problem: Option<Unreadable>, order: SortOrder, open: Vec<DraftSlot>, now: i64) -> Self {
        let index = Rc::new(ThreadIndex::build(&comments, order));
        CommentsState {
            comments: Rc::new(comments),
            index,
            order,
            shown: PAGE,
            problem,
            status: None,
            alert: None,
            undo: None,
            open,
            revealed: Rc::default(),
            posted: Rc::default(),
            now,
        }
    }

    fn with_comments(&mut self, comments: Vec<Comment>) {
        self.index = Rc::new(ThreadIndex::build(&comments, self.order));
        self.comments = Rc::new(comments);
    }
}

impl Reducible for CommentsState {
    type Action = CommentsAction;

    fn reduce(self: Rc<Self>, action: CommentsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CommentsAction::Show { comments, problem } => {
                next.with_comments(comments);
                next.problem = problem;
            }
            CommentsAction::Sort(order) => {
                next.order = order;
                next.index = Rc::new(ThreadIndex::build(&next.comments, order));
            }
            CommentsAction::ShowMore => next.shown += PAGE,
            CommentsAction::Open(slot) => {
                if !next.open.contains(&slot) {
                    next.open.push(slot);
                }
            }
            CommentsAction::Close(slot) => next.open.retain(|open| *open != slot),
            CommentsAction::Deleted { comments, removed, status } => {
                next.with_comments(comments);
                next.undo = Some(Rc::new(removed));
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
                let mut revealed = (*next.revealed).clone();
                if revealed.contains(&key) {
                    revealed.retain(|k| *k != key);
                } else {
                    revealed.push(key);
                }
                next.revealed = Rc::new(revealed);
            }
            CommentsAction::Tick(now) => next.now = now,
            CommentsAction::Posted(id) => {
                let mut posted = (*next.posted).clone();
                posted.push(id);
                next.posted = Rc::new(posted);
            }
        }
        Rc::new(next)
    }
}
