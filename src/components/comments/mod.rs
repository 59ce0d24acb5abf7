//! Reader comments: the section, its reducer, forms and threads. Everything is saved in the
//! reader's own browser through the core's `CommentStore` (read-modify-write), and other
//! tabs and widgets of the same review update live.

mod body;
mod env;
mod form;
mod state;
mod thread;

use crate::core::comments::drafts::{Draft, DraftSlot};
use crate::core::comments::envelope::{self, merge, read_export, ImportError, Unreadable};
use crate::core::comments::model::{delete, edit, reply_parent, upsert, visible_count};
use crate::core::comments::store::{SaveError, StoreError, SORT_KEY};
use crate::core::comments::{Comment, CommentId, SortOrder};
use crate::components::heading::heading;
use crate::core::i18n::fill;
use crate::shell::{files, intl, sync};
use env::CommentsEnv;
use form::{CommentForm, FormMode, Submission};
use gloo::timers::callback::{Interval, Timeout};
use state::{CommentsAction, CommentsState};
use std::rc::Rc;
use thread::ThreadView;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// How long `Undo` is offered after a delete.
const UNDO_MS: u32 = 10_000;

#[derive(Properties, PartialEq)]
pub struct CommentsProps {
    pub review_id: AttrValue,
    pub lang: crate::core::i18n::Lang,
    /// The level of the widget's top heading; the comments heading goes one below.
    pub heading_level: u8,
}

fn load_state(env: &CommentsEnv) -> CommentsState {
    let loaded = env.comments().load().unwrap_or_else(|_| envelope::from_text(None));
    let order = SortOrder::parse(&env.store.get(SORT_KEY).ok().flatten().unwrap_or_default());
    let open = env.drafts().slots();
    CommentsState::new(loaded.comments, loaded.problem, order, open, intl::now())
}

/// The message a reader gets when a change could not be saved.
fn save_error(env: &CommentsEnv, error: SaveError) -> String {
    match error {
        SaveError::Store(StoreError::Full) => env.strings.storage_full.to_owned(),
        SaveError::Store(StoreError::Blocked) => env.strings.storage_blocked.to_owned(),
        SaveError::Unreadable => env.strings.not_saved_unreadable.to_owned(),
    }
}

#[function_component]
pub fn CommentsSection(props: &CommentsProps) -> Html {
    let env = {
        let (review_id, lang, level) = (props.review_id.to_string(), props.lang, props.heading_level);
        use_memo((), move |()| CommentsEnv::new(review_id, lang, level))
    };
    let env: Rc<CommentsEnv> = (*env).clone();
    let state = {
        let env = env.clone();
        use_reducer(move || load_state(&env))
    };
    let undo_timer = use_mut_ref(|| None::<Timeout>);
    let file_input = use_node_ref();

    // Other tabs and other widgets of this review: show what is stored now.
    {
        let env = env.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            let key = env.comments().key().to_owned();
            let watch = {
                let env = env.clone();
                sync::watch(key, env.token.clone(), move || {
                    if let Ok(loaded) = env.comments().load() {
                        dispatch.dispatch(CommentsAction::Show { comments: loaded.comments, problem: loaded.problem });
                    }
                })
            };
            move || drop(watch)
        });
    }
    // Relative times stay true while the page is open.
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |()| {
            let tick = Interval::new(30_000, move || dispatch.dispatch(CommentsAction::Tick(intl::now())));
            move || drop(tick)
        });
    }

    let strings = env.strings;
    let lang = env.lang.tag();

    // Saves `change` against what is stored now, then shows the result.
    let save = {
        let env = env.clone();
        let dispatch = state.dispatcher();
        move |change: &dyn Fn(&mut Vec<Comment>)| -> Result<Vec<Comment>, SaveError> {
            let (comments, ()) = env.comments().update(|comments| change(comments))?;
            env.announce();
            dispatch.dispatch(CommentsAction::Show { comments: comments.clone(), problem: None });
            Ok(comments)
        }
    };
    let new_comment = |submission: &Submission, parent: Option<CommentId>| Comment {
        id: CommentId(intl::random_id()),
        parent,
        author: submission.name.clone(),
        body: submission.body.clone(),
        spoiler: submission.spoiler,
        created: intl::now(),
        edited: None,
        deleted: false,
    };

    let onpost = {
        let (env, save) = (env.clone(), save.clone());
        let dispatch = state.dispatcher();
        Callback::from(move |submission: Submission| -> Result<(), String> {
            let comment = new_comment(&submission, None);
            save(&|comments| upsert(comments, comment.clone())).map_err(|e| save_error(&env, e))?;
            dispatch.dispatch(CommentsAction::Posted(comment.id.clone()));
            env.remember_name(submission.remember.then_some(submission.name.as_str()));
            *env.last_name.borrow_mut() = Some(submission.name.clone());
            Ok(())
        })
    };
    let onreply = {
        let (env, save) = (env.clone(), save.clone());
        let dispatch = state.dispatcher();
        Callback::from(move |(target, submission): (CommentId, Submission)| -> Result<(), String> {
            let reply = new_comment(&submission, None);
            save(&|comments| {
                let mut reply = reply.clone();
                reply.parent = Some(reply_parent(comments, &target));
                upsert(comments, reply);
            })
            .map_err(|e| save_error(&env, e))?;
            *env.last_name.borrow_mut() = Some(submission.name.clone());
            dispatch.dispatch(CommentsAction::Close(DraftSlot::Reply(target.0.clone())));
            Ok(())
        })
    };
    let onedit = {
        let (env, save) = (env.clone(), save.clone());
        let dispatch = state.dispatcher();
        Callback::from(move |(target, submission): (CommentId, Submission)| -> Result<(), String> {
            let at = intl::now();
            let found = std::cell::Cell::new(false);
            save(&|comments| found.set(edit(comments, &target, submission.body.clone(), submission.spoiler, at)))
                .map_err(|e| save_error(&env, e))?;
            if !found.get() {
                return Err(env.strings.comments_changed_elsewhere.to_owned());
            }
            dispatch.dispatch(CommentsAction::Close(DraftSlot::Edit(target.0.clone())));
            Ok(())
        })
    };
    let ondelete = {
        let env = env.clone();
        let dispatch = state.dispatcher();
        let undo_timer = undo_timer.clone();
        Callback::from(move |target: CommentId| {
            match env.comments().update(|comments| delete(comments, &target)) {
                Ok((comments, removed)) => {
                    env.announce();
                    dispatch.dispatch(CommentsAction::Deleted {
                        comments,
                        removed,
                        status: env.strings.comment_deleted.to_owned(),
                    });
                    let dispatch = dispatch.clone();
                    *undo_timer.borrow_mut() = Some(Timeout::new(UNDO_MS, move || dispatch.dispatch(CommentsAction::ForgetUndo)));
                }
                Err(error) => dispatch.dispatch(CommentsAction::Alert(Some(save_error(&env, error)))),
            }
        })
    };
    let onundo = {
        let (env, save) = (env.clone(), save.clone());
        let dispatch = state.dispatcher();
        let removed = state.undo.clone();
        let undo_timer = undo_timer.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(removed) = removed.clone() else { return };
            undo_timer.borrow_mut().take();
            match save(&|comments| removed.iter().cloned().for_each(|c| upsert(comments, c))) {
                Ok(_) => dispatch.dispatch(CommentsAction::ForgetUndo),
                Err(error) => dispatch.dispatch(CommentsAction::Alert(Some(save_error(&env, error)))),
            }
        })
    };
    let onsort = {
        let (env, dispatch) = (env.clone(), state.dispatcher());
        Callback::from(move |event: Event| {
            let order = SortOrder::parse(&event.target_unchecked_into::<HtmlSelectElement>().value());
            let _ = env.store.set(SORT_KEY, order.as_str());
            dispatch.dispatch(CommentsAction::Sort(order));
        })
    };
    let onexport = {
        let (env, comments) = (env.clone(), state.comments.clone());
        Callback::from(move |_: MouseEvent| {
            let text = envelope::to_text(&env.review_id, &comments);
            files::download(&format!("comments-{}.json", env.review_id), "application/json", &text);
        })
    };
    let onimportclick = {
        let input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onfile = {
        let (env, save) = (env.clone(), save.clone());
        let dispatch = state.dispatcher();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let (env, save, dispatch) = (env.clone(), save.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some(text) = files::read_chosen_file(&input).await else { return };
                let strings = env.strings;
                let outcome = match text.map_err(|()| strings.import_unreadable.to_owned()).and_then(|text| {
                    read_export(&text, &env.review_id).map_err(|error| match error {
                        ImportError::NotAnExport => strings.import_not_export.to_owned(),
                        ImportError::Newer => strings.import_newer.to_owned(),
                        ImportError::OtherReview(_) => strings.import_other_review.to_owned(),
                    })
                }) {
                    Ok(incoming) => {
                        let added = std::cell::Cell::new(0);
                        save(&|comments| added.set(merge(comments, incoming.clone())))
                            .map(|_| added.get())
                            .map_err(|e| save_error(&env, e))
                    }
                    Err(message) => Err(message),
                };
                match outcome {
                    Ok(added) => {
                        let count = intl::count(env.lang.tag(), added);
                        let message = match (added, intl::plural_category(env.lang.tag(), added).as_str()) {
                            (0, _) => strings.imported_none.to_owned(),
                            (_, "one") => fill(strings.imported_one, &[("count", &count)]),
                            _ => fill(strings.imported_other, &[("count", &count)]),
                        };
                        dispatch.dispatch(CommentsAction::Alert(None));
                        dispatch.dispatch(CommentsAction::Status(message));
                    }
                    Err(message) => dispatch.dispatch(CommentsAction::Alert(Some(message))),
                }
            });
        })
    };
    let ondownloadraw = {
        let env = env.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(Some(raw)) = env.comments().raw() {
                files::download(&format!("comments-{}-stored.txt", env.review_id), "text/plain", &raw);
            }
        })
    };
    let onstartafresh = {
        let env = env.clone();
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| match env.comments().start_fresh(intl::now()) {
            Ok(_) => {
                env.announce();
                dispatch.dispatch(CommentsAction::Show { comments: Vec::new(), problem: None });
            }
            Err(error) => dispatch.dispatch(CommentsAction::Alert(Some(save_error(&env, SaveError::Store(error))))),
        })
    };
    let ontoggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |key: String| dispatch.dispatch(CommentsAction::Toggle(key)))
    };
    let onopen = {
        let dispatch = state.dispatcher();
        Callback::from(move |slot: DraftSlot| dispatch.dispatch(CommentsAction::Open(slot)))
    };
    let onclose = {
        let dispatch = state.dispatcher();
        Callback::from(move |slot: DraftSlot| dispatch.dispatch(CommentsAction::Close(slot)))
    };
    let onshowmore = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(CommentsAction::ShowMore))
    };

    // The heading: "No comments yet", "1 comment", "N comments".
    let count = visible_count(&state.comments);
    let heading_text = match (count, intl::plural_category(lang, count).as_str()) {
        (0, _) => strings.comments_heading_none.to_owned(),
        (_, "one") => fill(strings.comments_heading_one, &[("count", &intl::count(lang, count))]),
        _ => fill(strings.comments_heading_other, &[("count", &intl::count(lang, count))]),
    };
    let drafts = env.drafts();
    let remembered = env.remembered_name();
    let main_draft = drafts.get(&DraftSlot::NewComment).cloned().unwrap_or_default();
    let last_name = env.last_name.borrow().clone();
    let default_name = [Some(main_draft.name.clone()), last_name, remembered.clone()]
        .into_iter()
        .flatten()
        .find(|name| !name.is_empty())
        .unwrap_or_default();
    let main_initial = Draft { name: default_name.clone(), ..main_draft };
    let read_only = state.problem.is_some();
    let view = ThreadView {
        env: &env,
        comments: &state.comments,
        open: &state.open,
        drafts: &drafts,
        revealed: &state.revealed,
        now: state.now,
        read_only,
        default_name: &default_name,
        ontoggle: &ontoggle,
        onopen: &onopen,
        onclose: &onclose,
        ondelete: &ondelete,
        onreply: &onreply,
        onedit: &onedit,
    };
    let threads = &state.index.threads;
    let shown = threads.len().min(state.shown);
    // The reader's own new comments beyond the shown page still show, after the button.
    let own_beyond: Vec<&crate::core::comments::Thread> = if state.posted.is_empty() {
        Vec::new()
    } else {
        threads[shown..]
            .iter()
            .filter(|t| state.comments.get(t.comment).is_some_and(|c| state.posted.contains(&c.id)))
            .collect()
    };
    let problem = state.problem.as_ref().map(|problem| {
        let text = match problem {
            Unreadable::Damaged => strings.storage_damaged,
            Unreadable::Newer(_) => strings.storage_newer,
        };
        html! {
            <div class="rw-notice is-problem" role="alert">
                <p>{ text }</p>
                <div class="rw-actions">
                    <button type="button" class="rw-button" onclick={ondownloadraw}>{ strings.download_stored }</button>
                    <button type="button" class="rw-button" onclick={onstartafresh}>{ strings.start_afresh }</button>
                </div>
            </div>
        }
    });
    html! {
        <section class="rw-comments" aria-labelledby="rw-comments-heading">
            { heading(env.heading_level + 1, "rw-comments-heading", Some("rw-comments-heading"), html! { { heading_text } }) }
            <p class="rw-note">{ strings.comments_note }</p>
            if env.blocked {
                <p class="rw-notice" role="status">{ strings.storage_blocked }</p>
            }
            { problem.unwrap_or_default() }
            <div class="rw-comments-toolbar">
                <label class="rw-sort">
                    { strings.sort_comments }
                    <select onchange={onsort}>
                        <option value="oldest" selected={state.order == SortOrder::OldestFirst}>{ strings.oldest_first }</option>
                        <option value="newest" selected={state.order == SortOrder::NewestFirst}>{ strings.newest_first }</option>
                    </select>
                </label>
                <button type="button" class="rw-button" onclick={onexport}>{ strings.export_comments }</button>
                <button type="button" class="rw-button" onclick={onimportclick}>{ strings.import_comments }</button>
                <input type="file" accept=".json,application/json" class="rw-hidden-input" ref={file_input}
                    onchange={onfile} tabindex="-1" aria-hidden="true" />
            </div>
            <div class="rw-status" role="status">
                if let Some(status) = &state.status {
                    <span>{ status.clone() }</span>
                }
                if state.undo.is_some() {
                    { " " }<button type="button" class="rw-button" onclick={onundo}>{ strings.undo }</button>
                }
            </div>
            <div class="rw-alert" role="alert">
                if let Some(alert) = &state.alert {
                    <p class="rw-error">{ alert.clone() }</p>
                }
            </div>
            if !read_only {
                <CommentForm env={env.clone()} slot={DraftSlot::NewComment} mode={FormMode::NewComment}
                    label={strings.leave_comment} initial={main_initial} remember={remembered.is_some()} onsubmit={onpost} />
            }
            <div class="rw-comment-list">
                { for threads[..shown].iter().map(|thread| view.render(thread)) }
            </div>
            if shown < threads.len() {
                <button type="button" class="rw-button rw-show-more" onclick={onshowmore}>{ strings.show_more_comments }</button>
            }
            if !own_beyond.is_empty() {
                <div class="rw-comment-list rw-own-comments">
                    { for own_beyond.iter().map(|thread| view.render(thread)) }
                </div>
            }
        </section>
    }
}
