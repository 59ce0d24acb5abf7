//! An edit form whose comment another tab deleted: the reader's text stays on screen, with a
//! note, and can be posted as a new comment (or dropped with Cancel).

use super::actions::Actions;
use super::env::CommentsEnv;
use super::form::{CommentForm, FormMode, Submission};
use crate::core::comments::drafts::{Draft, DraftSlot};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OrphanProps {
    pub env: Rc<CommentsEnv>,
    pub actions: Rc<Actions>,
    pub slot: DraftSlot,
}

#[function_component]
pub fn OrphanedEdit(props: &OrphanProps) -> Html {
    let env = &props.env;
    // Read when this form first renders: after the closed edit form saved what was pending.
    let initial = (*use_memo((), {
        let (env, slot) = (env.clone(), props.slot.clone());
        move |()| Draft { name: env.default_name(), ..env.drafts().get(&slot).cloned().unwrap_or_default() }
    }))
    .clone();
    let onsubmit = {
        let (repost, slot) = (props.actions.onrepost.clone(), props.slot.clone());
        Callback::from(move |submission: Submission| repost.emit((slot.clone(), submission)))
    };
    let oncancel = props.actions.onclose.reform({
        let slot = props.slot.clone();
        move |()| slot.clone()
    });
    html! {
        <div class="rw-orphan">
            <p class="rw-notice" role="status">{ env.strings.edited_comment_deleted }</p>
            <CommentForm env={env.clone()} slot={props.slot.clone()} mode={FormMode::NewComment}
                label={env.strings.edit_comment} {initial} {onsubmit} oncancel={Some(oncancel)} />
        </div>
    }
}
