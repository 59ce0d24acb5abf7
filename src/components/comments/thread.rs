//! One top-level comment and its replies, as a component: it re-renders only when its own
//! records (or what it shows of the page state) change. Each comment is an `<article>` with
//! its reply and edit forms.

use super::actions::Actions;
use crate::components::{button, nodes};
use super::body::BodyView;
use super::env::CommentsEnv;
use super::form::{comment_form, FormMode, FormProps, Submission};
use crate::components::spoiler::{spoiler, SpoilerShape, SpoilerView};
use crate::core::comments::drafts::{Draft, DraftSlot};
use crate::core::comments::time::{iso_utc, relative};
use crate::core::comments::{Comment, CommentId, ThreadIndex};
use crate::components::progress::reach_text;
use crate::core::i18n::fill;
use crate::core::progress::{Progress, Reach};
use crate::shell::intl;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// A comment and its replies, by reference to the records: equal when the records are the same.
#[derive(Clone)]
pub struct ThreadNode {
    pub comment: Rc<Comment>,
    pub replies: Rc<[ThreadNode]>,
}

impl PartialEq for ThreadNode {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.comment, &other.comment) && self.replies == other.replies
    }
}

impl ThreadNode {
    /// The thread of the comment `at` (an index into `comments`), shown at `level`.
    pub fn new(index: &ThreadIndex, at: usize, level: usize, comments: &[Rc<Comment>]) -> ThreadNode {
        ThreadNode {
            comment: comments[at].clone(),
            replies: index.replies(at, level).iter().map(|reply| ThreadNode::new(index, *reply, level + 1, comments)).collect(),
        }
    }
}

/// The DOM id of a comment's `<article>` (focus goes there after an undo).
pub fn comment_dom_id(id: &str) -> String {
    format!("rw-comment-{id}")
}

/// The DOM id of the button that opens a reply or edit form.
pub fn opener_id(slot: &DraftSlot) -> String {
    match slot {
        DraftSlot::Reply(id) => format!("rw-reply-button-{id}"),
        DraftSlot::Edit(id) => format!("rw-edit-button-{id}"),
        DraftSlot::NewComment => "rw-new".to_owned(),
    }
}

/// The comment that will stand where the one whose `Delete` was clicked is: the next one
/// at its level, else the one before, else the one it replies to.
fn standing_in(event: &MouseEvent) -> Option<String> {
    let article = event.target()?.dyn_into::<Element>().ok()?.closest("article").ok()??;
    let sibling = |mut next: Option<Element>, forward: bool| {
        while let Some(element) = next {
            if element.tag_name() == "ARTICLE" {
                return Some(element);
            }
            next = if forward { element.next_element_sibling() } else { element.previous_element_sibling() };
        }
        None
    };
    let other = sibling(article.next_element_sibling(), true)
        .or_else(|| sibling(article.previous_element_sibling(), false))
        .or_else(|| article.parent_element()?.closest("article").ok()?)?;
    other.id().strip_prefix("rw-comment-").map(str::to_owned)
}

/// Another reader's mark next to their name ("3fa9c1"), so that two readers with the same
/// name can be told apart (shared comments only).
fn reader_mark(comment: &Comment) -> Html {
    #[cfg(feature = "sync")]
    if let Some(owner) = &comment.owner {
        return html! { <span class="rw-reader-mark">{ crate::core::comments::sync::fingerprint(owner) }</span> };
    }
    let _ = comment;
    Html::default()
}

/// "Not shared yet" on the reader's own shared comment that the database does not hold as it
/// is yet.
fn not_shared_yet(env: &CommentsEnv, comment: &Comment) -> Html {
    #[cfg(feature = "sync")]
    if env.sharing.as_ref().is_some_and(|sharing| sharing.state.borrow().not_shared_yet(comment)) {
        return html! { <p class="rw-not-shared">{ env.strings.not_shared_yet }</p> };
    }
    let _ = (env, comment);
    Html::default()
}

#[derive(Properties, PartialEq)]
pub struct ThreadProps {
    pub env: Rc<CommentsEnv>,
    pub node: ThreadNode,
    pub actions: Rc<Actions>,
    pub open: Rc<Vec<DraftSlot>>,
    pub revealed: Rc<Vec<String>>,
    pub now: i64,
    pub read_only: bool,
    /// How far the reader has read (chapter-aware spoilers).
    pub progress: Progress,
    /// Changes whenever what the shared database holds changes (sharing only).
    pub shared: u32,
}

/// A struct component without state (see `App`): it re-renders when its props differ.
pub struct ThreadItem;

impl Component for ThreadItem {
    type Message = ();
    type Properties = ThreadProps;

    fn create(_: &Context<Self>) -> Self {
        ThreadItem
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        ThreadView { props: ctx.props() }.render(&ctx.props().node)
    }
}

struct ThreadView<'a> {
    props: &'a ThreadProps,
}

impl ThreadView<'_> {
    fn time(&self, millis: i64) -> Html {
        let lang = self.props.env.locale.as_str();
        let iso = iso_utc(millis).unwrap_or_default();
        let (value, unit) = relative(self.props.now, millis);
        html! {
            <time datetime={iso} title={intl::date_time(lang, millis)}>{ intl::relative_time(lang, value, unit) }</time>
        }
    }

    /// A reply or edit form for the comment `target`: its draft if there is one, else
    /// `fresh`; submitting goes to `onsubmit` with the target, cancelling closes the form.
    fn form(
        &self,
        target: &CommentId,
        slot: DraftSlot,
        mode: FormMode,
        label: AttrValue,
        fresh: Draft,
        onsubmit: &Callback<(CommentId, Submission), Result<(), String>>,
    ) -> Html {
        let env = &self.props.env;
        let initial = env.drafts().get(&slot).cloned().unwrap_or(fresh);
        let onsubmit = {
            let (target, onsubmit) = (target.clone(), onsubmit.clone());
            Callback::from(move |submission: Submission| onsubmit.emit((target.clone(), submission)))
        };
        let oncancel = {
            let (slot, onclose) = (slot.clone(), self.props.actions.onclose.clone());
            Callback::from(move |()| onclose.emit(slot.clone()))
        };
        comment_form(FormProps { env: env.clone(), slot, mode, label, initial, remember: false, onsubmit, oncancel: Some(oncancel) })
    }

    fn render(&self, node: &ThreadNode) -> Html {
        let ThreadProps { env, actions, open, revealed, read_only, .. } = self.props;
        let read_only = *read_only;
        let comment = &node.comment;
        let replies = (!node.replies.is_empty()).then(|| {
            html! { <div class="rw-replies">{ nodes(node.replies.len(), &mut |at| self.render(&node.replies[at])) }</div> }
        });
        if comment.deleted {
            return html! {
                <article class="rw-comment is-deleted" key={comment.id.0.clone()} id={comment_dom_id(&comment.id.0)} tabindex="-1">
                    <p class="rw-deleted">{ env.strings.deleted_comment }</p>
                    { replies.unwrap_or_default() }
                </article>
            };
        }
        let strings = env.strings;
        let id = comment.id.clone();
        let reply_slot = DraftSlot::Reply(id.0.clone());
        let edit_slot = DraftSlot::Edit(id.0.clone());
        let editing = open.contains(&edit_slot);
        let replying = open.contains(&reply_slot);
        let body_view = BodyView { comment_id: &id.0, strings, revealed, ontoggle: &actions.ontoggle };
        let body = if editing {
            let unedited = Draft { body: comment.body.clone(), spoiler: comment.spoiler, chapter: comment.chapter, ..Draft::default() };
            self.form(&id, edit_slot.clone(), FormMode::Edit, strings.edit_comment.into(), unedited, &actions.onedit)
        } else if comment.spoiler {
            // With chapter-aware spoilers a comment within the reader's progress is shown,
            // with its reach; any other spoiler comment waits behind its button.
            let reach = env.chapters.map(|chapters| Reach::of_comment(comment.chapter, chapters));
            let tag = reach.map(|reach| reach_text(strings, reach));
            if reach.is_some_and(|reach| self.props.progress.allows(reach)) {
                html! {
                    <>
                        <p class="rw-spoiler-reach rw-comment-reach">{ tag.unwrap_or_default() }</p>
                        { body_view.render(&comment.body) }
                    </>
                }
            } else {
                let key = id.0.clone();
                let view = SpoilerView {
                    dom_id: format!("rw-c-{}", id.0),
                    label: &fill(strings.comment_by, &[("name", &comment.author)]),
                    shape: SpoilerShape::Block,
                    revealed: revealed.contains(&key),
                    tag,
                    strings,
                    ontoggle: actions.ontoggle.reform(move |()| key.clone()),
                };
                spoiler(view, &|| body_view.render(&comment.body))
            }
        } else {
            body_view.render(&comment.body)
        };
        let buttons = (!read_only && !editing).then(|| {
            let open = |slot: DraftSlot| {
                let onopen = actions.onopen.clone();
                Callback::from(move |_: MouseEvent| onopen.emit(slot.clone()))
            };
            let ondelete = {
                let (id, ondelete) = (id.clone(), actions.ondelete.clone());
                Callback::from(move |event: MouseEvent| ondelete.emit((id.clone(), standing_in(&event))))
            };
            html! {
                <div class="rw-comment-actions">
                    <button type="button" class="rw-link-button" id={opener_id(&reply_slot)} onclick={open(reply_slot.clone())}
                        aria-expanded={if replying { "true" } else { "false" }}>{ strings.reply }</button>
                    // Another reader's comment (from the shared database) is theirs to change.
                    if !(cfg!(feature = "sync") && comment.owner.is_some()) {
                        <button type="button" class="rw-link-button" id={opener_id(&edit_slot)} onclick={open(edit_slot.clone())}>
                            { strings.edit }
                        </button>
                        { button("rw-link-button", strings.delete, ondelete) }
                    }
                </div>
            }
        });
        let reply_form = (replying && !read_only).then(|| {
            let fresh = Draft { name: env.default_name(), ..Draft::default() };
            let label = fill(strings.reply_to, &[("name", &comment.author)]).into();
            self.form(&id, reply_slot.clone(), FormMode::Reply, label, fresh, &actions.onreply)
        });
        html! {
            <article class="rw-comment" key={comment.id.0.clone()} id={comment_dom_id(&comment.id.0)} tabindex="-1">
                <header class="rw-comment-meta">
                    <span class="rw-comment-author">{ comment.author.clone() }</span>
                    { reader_mark(comment) }
                    { self.time(comment.created) }
                    if let Some(edited) = comment.edited {
                        <span class="rw-edited">
                            { "(" }{ strings.edited }{ " " }{ self.time(edited) }{ ")" }
                        </span>
                    }
                </header>
                <div class="rw-comment-body">{ body }</div>
                { not_shared_yet(env, comment) }
                { buttons.unwrap_or_default() }
                { reply_form.unwrap_or_default() }
                { replies.unwrap_or_default() }
            </article>
        }
    }
}
