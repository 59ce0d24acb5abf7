//! Reader comments: the section that composes the notices, the tools, the form and the
//! threads. Everything is saved in the reader's own browser through the core's
//! `CommentStore`; other tabs and widgets of the same review update live.
//!
//! * `state`: the one reducer; `actions`: what a reader can do, saved and shown;
//! * `form`: new comment, reply and edit; `thread`: one top-level thread as a component;
//! * `body`: a comment's text; `notices`, `toolbar`: the parts around the list;
//! * `env`: the store, the review and the words every part needs.

mod actions;
mod body;
mod env;
mod form;
mod notices;
#[cfg(feature = "sync")]
mod sharing;
mod state;
mod thread;
mod toolbar;

use crate::components::heading::heading;
use crate::components::{button, nodes};
use crate::core::comments::drafts::{Draft, DraftSlot};
use crate::core::comments::store::SORT_KEY;
use crate::core::comments::SortOrder;
use crate::core::config::WidgetConfig;
use crate::core::progress::Progress;
use crate::shell::{clock, intl, sync};
use actions::Actions;
use env::CommentsEnv;
use form::{comment_form, FormMode, FormProps};
use gloo::timers::callback::Timeout;
use state::{CommentsAction, CommentsState, Focus};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use std::rc::Rc;
use thread::{ThreadItem, ThreadNode};
use yew::prelude::*;

/// Moves the focus inside the comments section (see [`Focus`]).
fn move_focus(section: &NodeRef, focus: &Focus) {
    let Some(section) = section.cast::<Element>() else { return };
    let find = |selector: &str| section.query_selector(selector).ok().flatten();
    let by_id = |id: &str| find(&format!("[id=\"{id}\"]"));
    let target = match focus {
        Focus::Undo => find(".rw-status button"),
        Focus::Comment(id) => by_id(&thread::comment_dom_id(id)),
        // An opener that is gone (its comment deleted meanwhile): the heading.
        Focus::Opener(slot) => by_id(&thread::opener_id(slot)).or_else(|| find("#rw-comments-heading")),
        Focus::Form(slot) => by_id(&format!("{}-body", form::form_id(slot))),
        Focus::Heading => find("#rw-comments-heading"),
        Focus::Status => find(".rw-status"),
        Focus::AfterUndo(standing) => {
            // Only when the focus went with the button: never take it from elsewhere.
            let document = section.owner_document();
            let active = document.as_ref().and_then(|d| d.active_element());
            let root = section.get_root_node().dyn_into::<ShadowRoot>().ok();
            let lost = match (&active, &root) {
                (None, _) => true,
                (Some(active), Some(root)) if active == &root.host() => root.active_element().is_none(),
                (Some(active), _) => document.and_then(|d| d.body()).is_some_and(|body| body.is_same_node(Some(active))),
            };
            if !lost {
                return;
            }
            standing.as_deref().and_then(|id| by_id(&thread::comment_dom_id(id))).or_else(|| find("#rw-comments-heading"))
        }
    };
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        if !target.has_attribute("tabindex") {
            let _ = target.set_attribute("tabindex", "-1");
        }
        let _ = target.focus();
    }
}

#[derive(Properties)]
pub struct CommentsProps {
    /// The widget's attributes: the review, the language, the heading level, chapters, sharing.
    pub config: Rc<WidgetConfig>,
    /// How far the reader has read (chapter-aware spoilers).
    pub progress: Progress,
    /// Says what just happened in the widget's live region.
    pub onannounce: Callback<String>,
}

/// `onannounce` is not compared: each render of the app hands a new callback to the same
/// live region, and the comments must not re-render for that.
impl PartialEq for CommentsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && self.progress == other.progress
    }
}

/// Starts talking to the shared database, and follows what the reader's other tabs learn
/// from it.
#[cfg(feature = "sync")]
fn start_sharing(env: &Rc<CommentsEnv>, ctx: &Context<CommentsSection>) -> Option<sync::KeyWatch> {
    let sharing = env.sharing.clone()?;
    sharing.reload(env);
    sharing.start(env.clone(), ctx.link().clone());
    let (env, link) = (env.clone(), ctx.link().clone());
    let token = sharing.token.clone();
    sync::watch(vec![sharing.state_key()], token, move || {
        if sharing.reload(&env) {
            actions::show(&env, &link);
            link.send_message(CommentsAction::Sharing);
        }
    })
}

/// Whether the widget shares comments through a database (sync build only).
fn sharing_on(env: &CommentsEnv) -> bool {
    #[cfg(feature = "sync")]
    return env.sharing.is_some();
    #[cfg(not(feature = "sync"))]
    {
        let _ = env;
        false
    }
}

fn initial_state(env: &CommentsEnv) -> CommentsState {
    let store = env.comments.borrow();
    let order = SortOrder::parse(&env.store.get(SORT_KEY).ok().flatten().unwrap_or_default());
    let problem = store.problem().cloned();
    drop(store);
    CommentsState::new(env.view(), problem, order, env.drafts().slots(), intl::now())
}

/// An edit form whose comment another tab deleted: the reader's text stays on screen with a
/// note, and posts as a new comment (or Cancel drops it).
fn orphan(env: &Rc<CommentsEnv>, actions: &Actions, slot: DraftSlot) -> Html {
    let initial = Draft { name: env.default_name(), ..env.latest_draft(&slot) };
    let onsubmit = actions.onrepost.reform({
        let slot = slot.clone();
        move |submission| (Some(slot.clone()), submission)
    });
    let oncancel = actions.onclose.reform({
        let slot = slot.clone();
        move |()| slot.clone()
    });
    html! {
        <div class="rw-orphan" key={form::form_id(&slot)}>
            <p class="rw-notice" role="status">{ env.strings.edited_comment_deleted }</p>
            { comment_form(FormProps { env: env.clone(), slot, mode: FormMode::NewComment, label: env.strings.edit_comment.into(),
                initial, remember: false, onsubmit, oncancel: Some(oncancel) }) }
        </div>
    }
}

/// The comments section: a struct component (see `App`), whose state changes in one place
/// ([`CommentsState::apply`]).
pub struct CommentsSection {
    env: Rc<CommentsEnv>,
    state: CommentsState,
    actions: Rc<Actions>,
    /// What the new-comment form starts with (read once: the form keeps its own state).
    main_initial: Draft,
    remembered: bool,
    file_input: NodeRef,
    section: NodeRef,
    /// The last focus request moved (see [`Focus`]), and the pending move.
    focused: Option<u32>,
    pending_focus: Option<Timeout>,
    _watch: Option<sync::KeyWatch>,
    _tick: Option<gloo::events::EventListener>,
    /// The reader's other tabs changed what the shared database holds (sync build only).
    #[cfg(feature = "sync")]
    _shared: Option<sync::KeyWatch>,
}

impl Component for CommentsSection {
    type Message = CommentsAction;
    type Properties = CommentsProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let env = CommentsEnv::new(&props.config);
        let actions = Rc::new(Actions::new(env.clone(), ctx.link().clone()));
        // Other tabs and other widgets of this review: merge what they stored; the page's
        // one clock keeps relative times true.
        let watch = {
            let (keys, token) = (env.comments.borrow().keys(), env.comments.borrow().writer().to_owned());
            let onstored = actions.onstored.clone();
            sync::watch(keys, token, move || onstored.emit(()))
        };
        let link = ctx.link().clone();
        let tick = clock::on_tick(move || link.send_message(CommentsAction::Tick(intl::now())));
        let draft = env.drafts().get(&DraftSlot::NewComment).cloned().unwrap_or_default();
        let main_initial = Draft { name: env.default_name(), ..draft };
        let remembered = env.remembered_name().is_some();
        #[cfg(feature = "sync")]
        let shared = start_sharing(&env, ctx);
        CommentsSection {
            state: initial_state(&env),
            env,
            actions,
            main_initial,
            remembered,
            file_input: NodeRef::default(),
            section: NodeRef::default(),
            focused: None,
            pending_focus: None,
            _watch: watch,
            _tick: tick,
            #[cfg(feature = "sync")]
            _shared: shared,
        }
    }

    fn destroy(&mut self, _: &Context<Self>) {
        #[cfg(feature = "sync")]
        if let Some(sharing) = &self.env.sharing {
            sharing.stop();
        }
    }

    fn update(&mut self, ctx: &Context<Self>, action: CommentsAction) -> bool {
        let said = self.state.said;
        self.state.apply(action);
        // Each new status message is announced (in the widget's one live region).
        if self.state.said != said {
            if let Some(status) = self.state.status.clone() {
                ctx.props().onannounce.emit(status);
            }
        }
        true
    }

    /// Focus goes where the last change asked, once it is on screen (after this render and
    /// those of the thread components it started).
    fn rendered(&mut self, _: &Context<Self>, _: bool) {
        if let Some((number, focus)) = self.state.focus.clone() {
            if self.focused != Some(number) {
                self.focused = Some(number);
                let section = self.section.clone();
                self.pending_focus = Some(Timeout::new(0, move || move_focus(&section, &focus)));
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let (env, state, actions) = (&self.env, &self.state, &self.actions);
        let strings = env.strings;
        let listing = &state.listing;
        let heading_text = match listing.view.count {
            0 => strings.comments_heading_none.to_owned(),
            count => env.counted(count, &strings.comments_heading),
        };
        let read_only = state.problem.is_some();
        let comments = &listing.view.comments;
        #[cfg(feature = "sync")]
        let shared = env.sharing.as_ref().map_or(0, |sharing| sharing.generation.get());
        #[cfg(not(feature = "sync"))]
        let shared = 0;
        let item = |at: &usize| {
            let node = ThreadNode::new(&listing.index, *at, 1, comments);
            let key = node.comment.id.0.clone();
            html! {
                <ThreadItem {key} env={env.clone()} {node} actions={actions.clone()}
                    open={state.open.clone()} revealed={state.revealed.clone()} now={state.now} {read_only}
                    progress={props.progress} {shared} />
            }
        };
        let threads = &listing.index.top;
        let shown = threads.len().min(state.shown);
        // The reader's own new comments beyond the shown page still show, after the button, in
        // the list's order (found by id: the view is in id order; never a walk of every thread).
        let mut own_beyond: Vec<(usize, usize)> = Vec::new();
        for id in state.posted.iter() {
            let Ok(at) = comments.binary_search_by(|comment| comment.id.cmp(id)) else { continue };
            if let Some(place) = threads.iter().position(|thread| *thread == at).filter(|place| *place >= shown) {
                own_beyond.push((place, at));
            }
        }
        own_beyond.sort_unstable();
        // Edit forms whose comment another tab deleted: kept on screen, above the list.
        let orphans: Vec<DraftSlot> = state
            .open
            .iter()
            .filter(|slot| match slot {
                DraftSlot::Edit(id) => !comments.iter().any(|c| c.id.0 == *id && !c.deleted),
                _ => false,
            })
            .cloned()
            .collect();
        let undo = state.undo.clone().map(|removed| {
            let onundo = actions.onundo.reform(move |_: MouseEvent| removed.clone());
            html! { <>{ " " }{ button("rw-button", strings.undo, onundo) }</> }
        });
        html! {
            <section class="rw-comments" aria-labelledby="rw-comments-heading" ref={self.section.clone()}>
                { heading(env.heading_level + 1, "rw-comments-heading", Some("rw-comments-heading"), html! { { heading_text } }) }
                <p class="rw-note">{ if sharing_on(env) { strings.comments_note_shared } else { strings.comments_note } }</p>
                { notices::notices(env, actions, state.problem.as_ref(), listing.view.hidden) }
                { toolbar::toolbar(env, actions, state.order, &self.file_input) }
                <div class="rw-status">
                    if let Some(status) = &state.status {
                        <span>{ status.clone() }</span>
                    }
                    { undo.unwrap_or_default() }
                </div>
                <div class="rw-alert" role="alert">
                    if let Some(alert) = &state.alert {
                        <p class="rw-error">{ alert.clone() }</p>
                    }
                </div>
                if !read_only {
                    { comment_form(FormProps { env: env.clone(), slot: DraftSlot::NewComment, mode: FormMode::NewComment,
                        label: strings.leave_comment.into(), initial: self.main_initial.clone(), remember: self.remembered,
                        onsubmit: actions.onpost.clone(), oncancel: None }) }
                }
                { nodes(orphans.len(), &mut |at| orphan(env, actions, orphans[at].clone())) }
                <div class="rw-comment-list">
                    { nodes(shown, &mut |at| item(&threads[at])) }
                </div>
                if shown < threads.len() {
                    { button("rw-button rw-show-more", strings.show_more_comments, actions.onshowmore.reform(|_| ())) }
                }
                if !own_beyond.is_empty() {
                    <div class="rw-comment-list rw-own-comments">
                        { nodes(own_beyond.len(), &mut |at| item(&own_beyond[at].1)) }
                    </div>
                }
            </section>
        }
    }
}
