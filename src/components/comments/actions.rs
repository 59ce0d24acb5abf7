//! What a reader can do to the comments, each saved through the widget's `CommentStore`
//! (read, merge, apply, write, announce) and then shown. Built once per widget: they hold
//! only the environment, the dispatcher and the undo timer, so the thread components see
//! the same callbacks on every render.

use super::env::CommentsEnv;
use super::form::Submission;
use super::state::{CommentsAction, Focus};
use crate::core::comments::drafts::DraftSlot;
use crate::core::comments::envelope::{self, read_export, ImportError};
use crate::core::comments::model::reply_parent;
use crate::core::comments::replica::{Applied, Change, View};
use crate::core::comments::store::{SaveError, StoreError, SORT_KEY};
use crate::core::comments::{Comment, CommentId, SortOrder};
use crate::shell::{files, intl, locks};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long `Undo` is offered after a delete.
pub const UNDO_MS: u32 = 10_000;

type Dispatch = yew::html::Scope<super::CommentsSection>;
type Submit<T> = Callback<T, Result<(), String>>;

pub struct Actions {
    pub onpost: Submit<Submission>,
    pub onreply: Submit<(CommentId, Submission)>,
    pub onedit: Submit<(CommentId, Submission)>,
    /// The text of an edit form whose comment is gone, posted as a new comment (the form closes).
    pub onrepost: Submit<(Option<DraftSlot>, Submission)>,
    /// A comment to delete, and the comment that will stand where it was (for the focus).
    pub ondelete: Callback<(CommentId, Option<String>)>,
    /// Puts back what a delete removed.
    pub onundo: Callback<Rc<Comment>>,
    pub ontoggle: Callback<String>,
    pub onopen: Callback<DraftSlot>,
    pub onclose: Callback<DraftSlot>,
    pub onsort: Callback<SortOrder>,
    pub onexport: Callback<()>,
    /// The text of an import file, or `Err` when it could not be read.
    pub onimport: Callback<Result<String, ()>>,
    pub ondownloadraw: Callback<()>,
    pub onstartafresh: Callback<()>,
    pub onshowmore: Callback<()>,
    /// The stored comments may have changed (another tab, another widget): merge and show.
    pub onstored: Callback<()>,
}

impl PartialEq for Actions {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The message a reader gets when a change could not be saved.
fn save_error(env: &CommentsEnv, error: SaveError) -> String {
    let strings = env.strings;
    match error {
        SaveError::Store(StoreError::Full) => strings.storage_full,
        SaveError::Store(StoreError::Blocked) => strings.storage_blocked,
        SaveError::Unreadable => strings.not_saved_unreadable,
        SaveError::Gone => strings.comments_changed_elsewhere,
    }
    .to_owned()
}

/// Shows what the store holds now.
pub fn show(env: &CommentsEnv, dispatch: &Dispatch) {
    if let Ok(store) = env.comments.try_borrow() {
        let problem = store.problem().cloned();
        drop(store);
        dispatch.send_message(CommentsAction::Show { view: env.view(), problem });
    }
}

/// Reads what is stored, merges it, writes the union back where the stored value lacks
/// something of this widget's, and shows the result. Tabs take turns through a Web Lock.
fn refresh(env: &Rc<CommentsEnv>, dispatch: &Dispatch) {
    let name = env.comments.borrow().key().to_owned();
    let (env, dispatch) = (env.clone(), dispatch.clone());
    locks::with_lock(&name, move || {
        let refreshed = match env.comments.try_borrow_mut() {
            Ok(mut store) => store.refresh(),
            // Busy saving a change of its own: that change reads the stored value anyway.
            Err(_) => return,
        };
        if refreshed.is_ok_and(|r| r.changed) {
            show(&env, &dispatch);
            // Another tab's comments may be for the shared database too.
            #[cfg(feature = "sync")]
            if let Some(sharing) = &env.sharing {
                sharing.wake();
            }
        }
    });
}

/// Saves `change` and checks once more under the lock; hands back what it did and the view
/// to show (the caller shows it in one action). A refused change shows at once what the
/// fresh read brought (another tab's delete, say).
fn commit(env: &Rc<CommentsEnv>, dispatch: &Dispatch, change: Change) -> Result<(Applied, Rc<View>), SaveError> {
    let applied = env
        .comments
        .try_borrow_mut()
        .map_err(|_| SaveError::Store(StoreError::Blocked))?
        .commit(change, intl::now());
    match applied {
        Ok(applied) => {
            let view = env.view();
            refresh(env, dispatch);
            Ok((applied, view))
        }
        Err(error) => {
            show(env, dispatch);
            Err(error)
        }
    }
}

/// What a saved change shows besides the comments.
#[derive(Default)]
struct After {
    /// The reader's new comment (always shown).
    posted: Option<CommentId>,
    /// The reply or edit form it closes (focus goes back to its opener).
    closed: Option<DraftSlot>,
    status: Option<String>,
    focus: Option<Focus>,
}

/// Saves `change` and shows the result.
fn save(env: &Rc<CommentsEnv>, dispatch: &Dispatch, change: Change, after: After) -> Result<Applied, String> {
    let (applied, view) = commit(env, dispatch, change).map_err(|error| save_error(env, error))?;
    let After { posted, closed, status, focus } = after;
    dispatch.send_message(CommentsAction::Saved { view, posted, closed, status, focus });
    Ok(applied)
}

fn new_comment(env: &CommentsEnv, submission: &Submission, parent: Option<CommentId>) -> Comment {
    let writer = env.comments.borrow().writer().to_owned();
    let Submission { name, body, spoiler, chapter, .. } = submission.clone();
    let mut comment = Comment::new(CommentId(intl::random_id()), parent, name, body, spoiler, intl::now(), &writer);
    comment.chapter = chapter.filter(|_| spoiler);
    #[cfg(feature = "sync")]
    {
        comment.share = submission.share && env.sharing.is_some();
    }
    comment
}

fn imported_message(env: &CommentsEnv, added: usize) -> String {
    let strings = env.strings;
    match added {
        0 => strings.imported_none.to_owned(),
        _ => env.counted(added, &strings.imported),
    }
}

impl Actions {
    pub fn new(env: Rc<CommentsEnv>, dispatch: Dispatch) -> Actions {
        let undo_timer: Rc<RefCell<Option<Timeout>>> = Rc::default();
        let e = || env.clone();
        let d = || dispatch.clone();

        // A new comment, from the main form, or from an edit form whose comment is gone (which
        // closes, and focus goes to the new comment).
        let onrepost = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |(slot, submission): (Option<DraftSlot>, Submission)| {
                let comment = new_comment(&env, &submission, None);
                let id = comment.id.clone();
                let status = Some(env.strings.comment_posted.to_owned());
                let focus = slot.as_ref().map(|_| Focus::Comment(id.0.clone()));
                save(&env, &dispatch, Change::Post(comment), After { posted: Some(id), closed: slot, status, focus })?;
                env.remember_name(submission.remember.then_some(submission.name.as_str()));
                *env.last_name.borrow_mut() = Some(submission.name);
                Ok(())
            })
        };
        let onpost = onrepost.reform(|submission| (None, submission));
        let onreply = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |(target, submission): (CommentId, Submission)| {
                let parent = reply_parent(env.comments.borrow().replica().records(), &target);
                let reply = new_comment(&env, &submission, Some(parent));
                *env.last_name.borrow_mut() = Some(submission.name);
                let (closed, status) = (Some(DraftSlot::Reply(target.0)), Some(env.strings.comment_posted.to_owned()));
                save(&env, &dispatch, Change::Post(reply), After { closed, status, ..After::default() })?;
                Ok(())
            })
        };
        let onedit = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |(target, submission): (CommentId, Submission)| {
                let (body, spoiler, chapter) = (submission.body, submission.spoiler, submission.chapter);
                let change = Change::Edit { id: target.clone(), body, spoiler, chapter };
                save(&env, &dispatch, change, After { closed: Some(DraftSlot::Edit(target.0)), ..After::default() })?;
                Ok(())
            })
        };
        let ondelete = {
            let (env, dispatch, undo_timer) = (e(), d(), undo_timer.clone());
            Callback::from(move |(target, fallback): (CommentId, Option<String>)| match commit(&env, &dispatch, Change::Delete(target)) {
                Ok((Applied::Deleted(Some(removed)), view)) => {
                    let status = env.counted((UNDO_MS / 1000) as usize, &env.strings.comment_deleted);
                    dispatch.send_message(CommentsAction::Deleted { view, removed, status, fallback });
                    let dispatch = dispatch.clone();
                    *undo_timer.borrow_mut() = Some(Timeout::new(UNDO_MS, move || dispatch.send_message(CommentsAction::ForgetUndo(true))));
                }
                Ok((_, view)) => dispatch.send_message(CommentsAction::Saved { view, posted: None, closed: None, status: None, focus: Some(Focus::Heading) }),
                Err(error) => dispatch.send_message(CommentsAction::Alert(Some(save_error(&env, error)))),
            })
        };
        let onundo = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |removed: Rc<Comment>| {
                undo_timer.borrow_mut().take();
                dispatch.send_message(CommentsAction::ForgetUndo(false));
                let after = After {
                    status: Some(env.strings.comment_restored.to_owned()),
                    focus: Some(Focus::Comment(removed.id.0.clone())),
                    ..After::default()
                };
                if let Err(message) = save(&env, &dispatch, Change::Restore(removed), after) {
                    dispatch.send_message(CommentsAction::Alert(Some(message)));
                }
            })
        };
        let onsort = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |order: SortOrder| {
                let _ = env.store.set(SORT_KEY, order.as_str());
                dispatch.send_message(CommentsAction::Sort(order));
            })
        };
        let onexport = {
            let env = e();
            Callback::from(move |()| {
                let text = envelope::to_text(&env.review_id, env.comments.borrow().replica());
                files::download(&format!("comments-{}.json", env.review_id), "application/json", &text);
            })
        };
        let onimport = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |text: Result<String, ()>| {
                let strings = env.strings;
                let incoming = text.map_err(|()| strings.import_unreadable).and_then(|text| {
                    read_export(&text, &env.review_id).map_err(|error| match error {
                        ImportError::NotAnExport => strings.import_not_export,
                        ImportError::Newer => strings.import_newer,
                        ImportError::OtherReview(_) => strings.import_other_review,
                    })
                });
                let outcome = incoming.map_err(str::to_owned).and_then(|replica| {
                    let hidden = replica.view().hidden;
                    match save(&env, &dispatch, Change::Import(replica), After::default())? {
                        Applied::Imported(merged) => Ok((merged.new_comments, hidden)),
                        _ => Ok((0, hidden)),
                    }
                });
                match outcome {
                    Ok((added, hidden)) => {
                        let mut message = imported_message(&env, added);
                        if hidden > 0 {
                            message.push(' ');
                            message.push_str(&env.counted(hidden, &strings.import_hidden));
                        }
                        dispatch.send_message(CommentsAction::Alert(None));
                        dispatch.send_message(CommentsAction::Status(message));
                        dispatch.send_message(CommentsAction::Focus(Focus::Status));
                    }
                    Err(message) => dispatch.send_message(CommentsAction::Alert(Some(message))),
                }
            })
        };
        let ondownloadraw = {
            let env = e();
            Callback::from(move |()| {
                if let Ok(Some(raw)) = env.comments.borrow().raw() {
                    files::download(&format!("comments-{}-stored.txt", env.review_id), "text/plain", &raw);
                }
            })
        };
        let onstartafresh = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |()| {
                let started = env.comments.borrow_mut().start_fresh(intl::now());
                match started {
                    Ok(_) => {
                        show(&env, &dispatch);
                        dispatch.send_message(CommentsAction::Focus(Focus::Heading));
                    }
                    Err(error) => dispatch.send_message(CommentsAction::Alert(Some(save_error(&env, SaveError::Store(error))))),
                }
            })
        };
        let onstored = {
            let (env, dispatch) = (e(), d());
            Callback::from(move |()| refresh(&env, &dispatch))
        };
        let send = |action: fn(DraftSlot) -> CommentsAction| {
            let dispatch = d();
            Callback::from(move |slot: DraftSlot| dispatch.send_message(action(slot)))
        };
        let ontoggle = {
            let dispatch = d();
            Callback::from(move |key: String| dispatch.send_message(CommentsAction::Toggle(key)))
        };
        let onshowmore = {
            let dispatch = d();
            Callback::from(move |()| dispatch.send_message(CommentsAction::ShowMore))
        };
        Actions {
            onpost,
            onrepost,
            onreply,
            onedit,
            ondelete,
            onundo,
            ontoggle,
            onopen: send(CommentsAction::Open),
            onclose: send(CommentsAction::Close),
            onsort,
            onexport,
            onimport,
            ondownloadraw,
            onstartafresh,
            onshowmore,
            onstored,
        }
    }
}
