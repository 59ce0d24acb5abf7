//! One comment as an `<article>`, with its replies, its reply form and its edit form.

use super::body::BodyView;
use super::env::CommentsEnv;
use super::form::{CommentForm, FormMode, Submission};
use crate::components::spoiler::{spoiler, SpoilerShape, SpoilerView};
use crate::core::comments::drafts::{Draft, DraftSlot, Drafts};
use crate::core::comments::time::relative;
use crate::core::comments::{Comment, CommentId, Thread};
use crate::core::i18n::fill;
use crate::shell::intl;
use std::rc::Rc;
use yew::prelude::*;

/// What rendering a thread needs besides the thread.
pub struct ThreadView<'a> {
    pub env: &'a Rc<CommentsEnv>,
    pub comments: &'a [Comment],
    pub open: &'a [DraftSlot],
    pub drafts: &'a Drafts,
    pub revealed: &'a [String],
    pub now: i64,
    pub read_only: bool,
    pub default_name: &'a str,
    pub ontoggle: &'a Callback<String>,
    pub onopen: &'a Callback<DraftSlot>,
    pub onclose: &'a Callback<DraftSlot>,
    pub ondelete: &'a Callback<CommentId>,
    pub onreply: &'a Callback<(CommentId, Submission), Result<(), String>>,
    pub onedit: &'a Callback<(CommentId, Submission), Result<(), String>>,
}

impl ThreadView<'_> {
    fn time(&self, millis: i64) -> Html {
        let lang = self.env.lang.tag();
        let iso = js_sys::Date::new(&(millis as f64).into()).to_iso_string().as_string().unwrap_or_default();
        let (value, unit) = relative(self.now, millis);
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
        let initial = self.drafts.get(&slot).cloned().unwrap_or(fresh);
        let onsubmit = {
            let (target, onsubmit) = (target.clone(), onsubmit.clone());
            Callback::from(move |submission: Submission| onsubmit.emit((target.clone(), submission)))
        };
        let oncancel = {
            let (slot, onclose) = (slot.clone(), self.onclose.clone());
            Callback::from(move |()| onclose.emit(slot.clone()))
        };
        html! {
            <CommentForm env={self.env.clone()} {slot} {mode} {label} {initial} {onsubmit} oncancel={Some(oncancel)} />
        }
    }

    pub fn render(&self, thread: &Thread) -> Html {
        let Some(comment) = self.comments.get(thread.comment) else { return Html::default() };
        let replies = (!thread.replies.is_empty()).then(|| {
            html! { <div class="rw-replies">{ for thread.replies.iter().map(|reply| self.render(reply)) }</div> }
        });
        if comment.deleted {
            return html! {
                <article class="rw-comment is-deleted" key={comment.id.0.clone()}>
                    <p class="rw-deleted">{ self.env.strings.deleted_comment }</p>
                    { replies.unwrap_or_default() }
                </article>
            };
        }
        let strings = self.env.strings;
        let id = comment.id.clone();
        let reply_slot = DraftSlot::Reply(id.0.clone());
        let edit_slot = DraftSlot::Edit(id.0.clone());
        let editing = self.open.contains(&edit_slot);
        let replying = self.open.contains(&reply_slot);
        let body_view = BodyView { comment_id: &id.0, strings, revealed: self.revealed, ontoggle: self.ontoggle };
        let body = if editing {
            let unedited = Draft { name: String::new(), body: comment.body.clone(), spoiler: comment.spoiler };
            self.form(&id, edit_slot.clone(), FormMode::Edit, strings.edit_comment.into(), unedited, self.onedit)
        } else if comment.spoiler {
            let key = id.0.clone();
            let view = SpoilerView {
                dom_id: format!("rw-c-{}", id.0),
                label: &fill(strings.comment_by, &[("name", &comment.author)]),
                shape: SpoilerShape::Block,
                revealed: self.revealed.contains(&key),
                strings,
                ontoggle: self.ontoggle.reform(move |()| key.clone()),
            };
            spoiler(view, &|| body_view.render(&comment.body))
        } else {
            body_view.render(&comment.body)
        };
        let actions = (!self.read_only && !editing).then(|| {
            let open = |slot: DraftSlot| {
                let onopen = self.onopen.clone();
                Callback::from(move |_: MouseEvent| onopen.emit(slot.clone()))
            };
            let ondelete = {
                let (id, ondelete) = (id.clone(), self.ondelete.clone());
                Callback::from(move |_: MouseEvent| ondelete.emit(id.clone()))
            };
            html! {
                <div class="rw-comment-actions">
                    <button type="button" class="rw-link-button" onclick={open(reply_slot.clone())}
                        aria-expanded={if replying { "true" } else { "false" }}>{ strings.reply }</button>
                    <button type="button" class="rw-link-button" onclick={open(edit_slot.clone())}>{ strings.edit }</button>
                    <button type="button" class="rw-link-button" onclick={ondelete}>{ strings.delete }</button>
                </div>
            }
        });
        let reply_form = (replying && !self.read_only).then(|| {
            let fresh = Draft { name: self.default_name.to_owned(), ..Draft::default() };
            let label = fill(strings.reply_to, &[("name", &comment.author)]).into();
            self.form(&id, reply_slot.clone(), FormMode::Reply, label, fresh, self.onreply)
        });
        html! {
            <article class="rw-comment" key={comment.id.0.clone()}>
                <header class="rw-comment-meta">
                    <span class="rw-comment-author">{ comment.author.clone() }</span>
                    { self.time(comment.created) }
                    if let Some(edited) = comment.edited {
                        <span class="rw-edited">
                            { "(" }{ strings.edited }{ " " }{ self.time(edited) }{ ")" }
                        </span>
                    }
                </header>
                <div class="rw-comment-body">{ body }</div>
                { actions.unwrap_or_default() }
                { reply_form.unwrap_or_default() }
                { replies.unwrap_or_default() }
            </article>
        }
    }
}
