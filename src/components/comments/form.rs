//! The comment form, used for a new comment, a reply and an edit. It owns what the reader
//! types: a failed post leaves everything in place, and a draft is saved as they type.

use super::env::CommentsEnv;
use crate::core::comments::drafts::{Draft, DraftSlot};
use crate::core::comments::validation::{check_body, check_name, remaining, FieldError};
use crate::shell::intl;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use crate::components::button;
use crate::components::progress::progress_options;
use crate::core::progress::Progress;
use web_sys::{HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    NewComment,
    Reply,
    Edit,
}

/// What a valid form hands over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub name: String,
    pub body: String,
    pub spoiler: bool,
    /// "Spoils up to": a chapter, or `None` for the whole book (with `spoiler`).
    pub chapter: Option<u32>,
    pub remember: bool,
    /// "Share with other readers" (with a shared database).
    pub share: bool,
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub env: Rc<CommentsEnv>,
    pub slot: DraftSlot,
    pub mode: FormMode,
    /// The form's accessible name ("Leave a comment", "Reply to Ann", …).
    pub label: AttrValue,
    pub initial: Draft,
    #[prop_or_default]
    pub remember: bool,
    /// Saves the submission; `Err` carries the message to show (the text stays).
    pub onsubmit: Callback<Submission, Result<(), String>>,
    #[prop_or_default]
    pub oncancel: Option<Callback<()>>,
}

/// The pending draft and its timer: saved 400 ms after the last keystroke, or at once when
/// the page is hidden or the form goes away.
#[derive(Default)]
struct PendingDraft {
    draft: Option<Draft>,
    timer: Option<Timeout>,
}

fn flush(pending: &Rc<RefCell<PendingDraft>>, env: &CommentsEnv, slot: &DraftSlot) {
    let draft = {
        let mut pending = pending.borrow_mut();
        pending.timer = None;
        pending.draft.take()
    };
    if let Some(draft) = draft {
        env.save_draft(slot, draft);
    }
}

fn error_text(env: &CommentsEnv, error: FieldError, name_field: bool) -> String {
    let strings = env.strings;
    match (error, name_field) {
        (FieldError::Missing, true) => strings.name_missing.to_owned(),
        (FieldError::Missing, false) => strings.comment_missing.to_owned(),
        (FieldError::TooLong { max, length }, is_name) => {
            let plural = if is_name { &strings.name_too_long } else { &strings.comment_too_long };
            intl::counted(&env.locale, length - max, plural, &[("max", &intl::count(&env.locale, max))])
        }
    }
}

/// "Share with other readers" and where shared comments go, with a shared database (sync
/// build only), in new comments and replies (an edit keeps the comment's sharing).
fn share_choice(props: &FormProps, share: bool, link: &yew::html::Scope<CommentForm>) -> Html {
    #[cfg(feature = "sync")]
    if let Some(sharing) = props.env.sharing.as_ref().filter(|_| props.mode != FormMode::Edit) {
        let strings = props.env.strings;
        let onshare = link.callback(|event: Event| FormMsg::Share(event.target_unchecked_into::<HtmlInputElement>().checked()));
        let note = crate::core::i18n::fill(strings.shared_goes_to, &[("host", &sharing.host)]);
        return html! {
            <>
                <label class="rw-check">
                    <input type="checkbox" checked={share} onchange={onshare} />
                    { strings.share_with_readers }
                </label>
                <p class="rw-note rw-share-note">{ note }</p>
            </>
        };
    }
    let _ = (props, share, link);
    Html::default()
}

/// A comment form: the one place one is built (each `html!` site of a component expands its
/// properties builder anew, which every reader pays for).
pub fn comment_form(props: FormProps) -> Html {
    html! { <CommentForm ..props /> }
}

/// The prefix of a form's DOM ids (`<prefix>-name`, `<prefix>-body`).
pub fn form_id(slot: &DraftSlot) -> String {
    match slot {
        DraftSlot::NewComment => "rw-new".to_owned(),
        DraftSlot::Reply(id) => format!("rw-reply-{id}"),
        DraftSlot::Edit(id) => format!("rw-edit-{id}"),
    }
}

/// What the form holds.
#[derive(Default)]
struct Fields {
    name: String,
    body: String,
    spoiler: bool,
    chapter: Option<u32>,
    remember: bool,
    share: bool,
    name_error: Option<String>,
    body_error: Option<String>,
    alert: Option<String>,
}

/// What the reader does in the form.
pub enum FormMsg {
    Name(String),
    Body(String),
    /// "Contains spoilers" and "Spoils up to" say one thing: checked with no chapter is
    /// the whole book; "No spoilers" unchecks it.
    Mark(bool, Option<u32>),
    Remember(bool),
    #[cfg_attr(not(feature = "sync"), allow(dead_code))]
    Share(bool),
    Submit,
    Cancel,
}

/// A struct component (see `App`): it owns what the reader types, so a failed post leaves
/// everything in place, and a keystroke re-renders the form only.
pub struct CommentForm {
    fields: Fields,
    pending: Rc<RefCell<PendingDraft>>,
    form_ref: NodeRef,
    name_ref: NodeRef,
    body_ref: NodeRef,
    /// Saves what is pending when the page is hidden (reload, tab closed).
    _on_hide: Option<EventListener>,
}

impl CommentForm {
    /// The draft is saved 400 ms after the last change.
    fn schedule_draft(&self, props: &FormProps) {
        let fields = &self.fields;
        let draft = Draft { name: fields.name.clone(), body: fields.body.clone(), spoiler: fields.spoiler, chapter: fields.chapter };
        *props.env.typed.borrow_mut() = Some((props.slot.clone(), draft.clone()));
        let mut state = self.pending.borrow_mut();
        state.draft = Some(draft);
        let (pending, env, slot) = (self.pending.clone(), props.env.clone(), props.slot.clone());
        state.timer = Some(Timeout::new(400, move || flush(&pending, &env, &slot)));
    }

    /// The draft goes (posted or cancelled).
    fn drop_draft(&self, props: &FormProps) {
        {
            let mut state = self.pending.borrow_mut();
            state.timer = None;
            state.draft = None;
        }
        props.env.save_draft(&props.slot, Draft::default());
    }

    fn submit(&mut self, props: &FormProps) {
        let env = &props.env;
        let fields = &mut self.fields;
        let checked_name = if props.mode == FormMode::Edit { Ok(String::new()) } else { check_name(&fields.name) };
        let checked_body = check_body(&fields.body);
        fields.name_error = checked_name.as_ref().err().map(|e| error_text(env, *e, true));
        fields.body_error = checked_body.as_ref().err().map(|e| error_text(env, *e, false));
        let (Ok(name), Ok(body)) = (checked_name.clone(), checked_body) else {
            let first_invalid = if checked_name.is_err() { &self.name_ref } else { &self.body_ref };
            if let Some(field) = first_invalid.cast::<HtmlElement>() {
                let _ = field.focus();
            }
            return;
        };
        let submission = Submission {
            name,
            body,
            spoiler: fields.spoiler,
            chapter: fields.chapter.filter(|_| fields.spoiler),
            remember: fields.remember,
            share: fields.share,
        };
        match props.onsubmit.emit(submission) {
            Ok(()) => {
                // Posted: the draft goes, the text box empties, the name stays.
                self.drop_draft(props);
                let fields = &mut self.fields;
                fields.alert = None;
                fields.body.clear();
                fields.spoiler = false;
                fields.chapter = None;
            }
            Err(message) => self.fields.alert = Some(message),
        }
    }
}

impl Component for CommentForm {
    type Message = FormMsg;
    type Properties = FormProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let pending: Rc<RefCell<PendingDraft>> = Rc::default();
        let on_hide = {
            let (pending, env, slot) = (pending.clone(), props.env.clone(), props.slot.clone());
            web_sys::window().map(|window| EventListener::new(&window, "pagehide", move |_| flush(&pending, &env, &slot)))
        };
        let initial = &props.initial;
        CommentForm {
            fields: Fields {
                name: initial.name.clone(),
                body: initial.body.clone(),
                spoiler: initial.spoiler,
                chapter: initial.chapter,
                remember: props.remember,
                share: true,
                ..Fields::default()
            },
            pending,
            form_ref: NodeRef::default(),
            name_ref: NodeRef::default(),
            body_ref: NodeRef::default(),
            _on_hide: on_hide,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: FormMsg) -> bool {
        let props = ctx.props();
        let fields = &mut self.fields;
        // Every change the reader makes: the field, its error cleared, the draft saved soon.
        match msg {
            FormMsg::Name(name) => {
                fields.name_error = None;
                fields.name = name;
            }
            FormMsg::Body(body) => {
                fields.body_error = None;
                fields.body = body;
            }
            FormMsg::Mark(spoiler, chapter) => {
                fields.spoiler = spoiler;
                fields.chapter = chapter;
            }
            FormMsg::Remember(remember) => {
                fields.remember = remember;
                return true;
            }
            FormMsg::Share(share) => {
                fields.share = share;
                return true;
            }
            FormMsg::Submit => {
                self.submit(props);
                return true;
            }
            FormMsg::Cancel => {
                self.drop_draft(props);
                if let Some(cancel) = &props.oncancel {
                    cancel.emit(());
                }
                return false;
            }
        }
        self.schedule_draft(props);
        true
    }

    /// The form goes (posted, cancelled, or the widget leaves): what is pending is saved.
    fn destroy(&mut self, ctx: &Context<Self>) {
        flush(&self.pending, &ctx.props().env, &ctx.props().slot);
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let env = &props.env;
        let strings = env.strings;
        let link = ctx.link();
        let id = form_id(&props.slot);
        let with_name = props.mode != FormMode::Edit;
        let fields = &self.fields;
        let oninput_name = link.callback(|event: InputEvent| FormMsg::Name(event.target_unchecked_into::<HtmlInputElement>().value()));
        let oninput_body = link.callback(|event: InputEvent| FormMsg::Body(event.target_unchecked_into::<HtmlTextAreaElement>().value()));
        let onspoiler = link.callback(|event: Event| FormMsg::Mark(event.target_unchecked_into::<HtmlInputElement>().checked(), None));
        let onreach = {
            let chapters = env.chapters.unwrap_or(0);
            link.callback(move |event: Event| match Progress::from_value(&event.target_unchecked_into::<HtmlSelectElement>().value(), chapters) {
                Progress::NotStarted => FormMsg::Mark(false, None),
                Progress::Chapter(n) => FormMsg::Mark(true, Some(n)),
                Progress::Finished => FormMsg::Mark(true, None),
            })
        };
        let onremember = link.callback(|event: Event| FormMsg::Remember(event.target_unchecked_into::<HtmlInputElement>().checked()));
        let onsubmit = link.callback(|event: SubmitEvent| {
            event.prevent_default();
            FormMsg::Submit
        });
        // Escape in a reply or edit form closes it (its draft is kept) and focus goes back to
        // the button that opened it.
        let onformkeydown = props.oncancel.clone().map(|cancel| {
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    cancel.emit(());
                }
            })
        });
        // Ctrl+Enter or Cmd+Enter in the comment posts it, through the same validation.
        let onkeydown = {
            let form_ref = self.form_ref.clone();
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                    event.prevent_default();
                    if let Some(form) = form_ref.cast::<HtmlFormElement>() {
                        let _ = form.request_submit();
                    }
                }
            })
        };
        let oncancel = props.oncancel.as_ref().map(|_| link.callback(|_: MouseEvent| FormMsg::Cancel));
        let (form_ref, name_ref, body_ref) = (self.form_ref.clone(), self.name_ref.clone(), self.body_ref.clone());
        let counter = remaining(&fields.body).map(|left| {
            let (plural, count) = if left >= 0 { (&strings.characters_left, left) } else { (&strings.characters_over, -left) };
            let text = intl::counted(&env.locale, count as usize, plural, &[]);
            let class = if left < 0 { "rw-counter is-over" } else { "rw-counter" };
            html! { <p id={format!("{id}-counter")} ~className={class} aria-live="polite">{ text }</p> }
        });
        let body_described = {
            let mut ids = Vec::new();
            if fields.body_error.is_some() {
                ids.push(format!("{id}-body-error"));
            }
            if counter.is_some() {
                ids.push(format!("{id}-counter"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        };
        let submit_label = match props.mode {
            FormMode::NewComment => strings.post_comment,
            FormMode::Reply => strings.post_reply,
            FormMode::Edit => strings.save,
        };
        html! {
            <form class="rw-form" aria-label={props.label.clone()} ref={form_ref} {onsubmit} onkeydown={onformkeydown} novalidate=true>
                if with_name {
                    <div class="rw-field">
                        <label for={format!("{id}-name")}>{ strings.name }</label>
                        <input id={format!("{id}-name")} ref={name_ref} type="text" autocomplete="name"
                            value={fields.name.clone()} oninput={oninput_name}
                            aria-invalid={fields.name_error.is_some().then_some("true")}
                            aria-describedby={fields.name_error.is_some().then(|| format!("{id}-name-error"))} />
                        if let Some(error) = &fields.name_error {
                            <p id={format!("{id}-name-error")} class="rw-error" role="alert">{ error.clone() }</p>
                        }
                    </div>
                }
                <div class="rw-field">
                    <label for={format!("{id}-body")}>{ strings.comment }</label>
                    <textarea id={format!("{id}-body")} ref={body_ref} rows="4"
                        value={fields.body.clone()} oninput={oninput_body} {onkeydown}
                        aria-invalid={fields.body_error.is_some().then_some("true")}
                        aria-describedby={body_described} />
                    { counter.unwrap_or_default() }
                    if let Some(error) = &fields.body_error {
                        <p id={format!("{id}-body-error")} class="rw-error" role="alert">{ error.clone() }</p>
                    }
                </div>
                <div class="rw-checks">
                    <label class="rw-check">
                        <input type="checkbox" checked={fields.spoiler} onchange={onspoiler} />
                        { strings.contains_spoilers }
                    </label>
                    if let Some(chapters) = env.chapters {
                        <label class="rw-reach">
                            { strings.spoils_up_to }
                            <select onchange={onreach}>
                                { progress_options(strings, chapters, strings.no_spoilers, &|choice| match choice {
                                    Progress::NotStarted => !fields.spoiler,
                                    Progress::Chapter(n) => fields.spoiler && fields.chapter == Some(n),
                                    Progress::Finished => fields.spoiler && fields.chapter.is_none_or(|n| n > chapters),
                                }) }
                            </select>
                        </label>
                    }
                    if props.mode == FormMode::NewComment {
                        <label class="rw-check">
                            <input type="checkbox" checked={fields.remember} onchange={onremember} />
                            { strings.remember_name }
                        </label>
                    }
                    { share_choice(props, fields.share, link) }
                </div>
                if let Some(message) = &fields.alert {
                    <p class="rw-error rw-form-alert" role="alert">{ message.clone() }</p>
                }
                <div class="rw-actions">
                    <button type="submit" class="rw-button is-primary">{ submit_label }</button>
                    if let Some(oncancel) = oncancel {
                        { button("rw-button", strings.cancel, oncancel) }
                    }
                </div>
            </form>
        }
    }
}
