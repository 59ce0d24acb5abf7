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
use crate::components::progress::progress_text;
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

/// The prefix of a form's DOM ids (`<prefix>-name`, `<prefix>-body`).
pub fn form_id(slot: &DraftSlot) -> String {
    match slot {
        DraftSlot::NewComment => "rw-new".to_owned(),
        DraftSlot::Reply(id) => format!("rw-reply-{id}"),
        DraftSlot::Edit(id) => format!("rw-edit-{id}"),
    }
}

#[function_component]
pub fn CommentForm(props: &FormProps) -> Html {
    let env = &props.env;
    let strings = env.strings;
    let name = use_state(|| props.initial.name.clone());
    let body = use_state(|| props.initial.body.clone());
    let spoiler = use_state(|| props.initial.spoiler);
    let chapter = use_state(|| props.initial.chapter);
    let remember = use_state(|| props.remember);
    let name_error = use_state(|| None::<String>);
    let body_error = use_state(|| None::<String>);
    let alert = use_state(|| None::<String>);
    let pending = use_mut_ref(PendingDraft::default);
    let form_ref = use_node_ref();
    let name_ref = use_node_ref();
    let body_ref = use_node_ref();

    // Save what is pending when the page is hidden (reload, tab closed) or the form goes.
    {
        let pending = pending.clone();
        let env = env.clone();
        let slot = props.slot.clone();
        use_effect_with((), move |()| {
            let on_hide = {
                let (pending, env, slot) = (pending.clone(), env.clone(), slot.clone());
                web_sys::window().map(|window| {
                    EventListener::new(&window, "pagehide", move |_| flush(&pending, &env, &slot))
                })
            };
            move || {
                drop(on_hide);
                flush(&pending, &env, &slot);
            }
        });
    }

    let schedule_draft = {
        let pending = pending.clone();
        let env = env.clone();
        let slot = props.slot.clone();
        move |draft: Draft| {
            *env.typed.borrow_mut() = Some((slot.clone(), draft.clone()));
            let mut state = pending.borrow_mut();
            state.draft = Some(draft);
            let (pending, env, slot) = (pending.clone(), env.clone(), slot.clone());
            state.timer = Some(Timeout::new(400, move || flush(&pending, &env, &slot)));
        }
    };

    let id = form_id(&props.slot);
    let with_name = props.mode != FormMode::Edit;

    let oninput_name = {
        let (name, body, spoiler, chapter, name_error) = (name.clone(), body.clone(), spoiler.clone(), chapter.clone(), name_error.clone());
        let schedule = schedule_draft.clone();
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            name_error.set(None);
            schedule(Draft { name: value.clone(), body: (*body).clone(), spoiler: *spoiler, chapter: *chapter });
            name.set(value);
        })
    };
    let oninput_body = {
        let (name, body, spoiler, chapter, body_error) = (name.clone(), body.clone(), spoiler.clone(), chapter.clone(), body_error.clone());
        let schedule = schedule_draft.clone();
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlTextAreaElement>().value();
            body_error.set(None);
            schedule(Draft { name: (*name).clone(), body: value.clone(), spoiler: *spoiler, chapter: *chapter });
            body.set(value);
        })
    };
    // "Contains spoilers" and "Spoils up to" say one thing: checked with no chapter is the
    // whole book; "No spoilers" unchecks it.
    let set_mark = {
        let (name, body, spoiler, chapter) = (name.clone(), body.clone(), spoiler.clone(), chapter.clone());
        let schedule = schedule_draft.clone();
        move |marked: bool, reach: Option<u32>| {
            schedule(Draft { name: (*name).clone(), body: (*body).clone(), spoiler: marked, chapter: reach });
            spoiler.set(marked);
            chapter.set(reach);
        }
    };
    let onspoiler = {
        let set_mark = set_mark.clone();
        Callback::from(move |event: Event| set_mark(event.target_unchecked_into::<HtmlInputElement>().checked(), None))
    };
    let onreach = {
        let chapters = env.chapters.unwrap_or(0);
        Callback::from(move |event: Event| {
            match Progress::from_value(&event.target_unchecked_into::<HtmlSelectElement>().value(), chapters) {
                Progress::NotStarted => set_mark(false, None),
                Progress::Chapter(n) => set_mark(true, Some(n)),
                Progress::Finished => set_mark(true, None),
            }
        })
    };
    let onremember = {
        let remember = remember.clone();
        Callback::from(move |event: Event| remember.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };

    let onsubmit = {
        let (name, body, spoiler, chapter, remember) = (name.clone(), body.clone(), spoiler.clone(), chapter.clone(), remember.clone());
        let (name_error, body_error, alert) = (name_error.clone(), body_error.clone(), alert.clone());
        let (name_ref, body_ref) = (name_ref.clone(), body_ref.clone());
        let submit = props.onsubmit.clone();
        let pending = pending.clone();
        let env = env.clone();
        let slot = props.slot.clone();
        let mode = props.mode;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let checked_name = if mode == FormMode::Edit { Ok(String::new()) } else { check_name(&name) };
            let checked_body = check_body(&body);
            name_error.set(checked_name.as_ref().err().map(|e| error_text(&env, *e, true)));
            body_error.set(checked_body.as_ref().err().map(|e| error_text(&env, *e, false)));
            let (Ok(clean_name), Ok(clean_body)) = (checked_name.clone(), checked_body.clone()) else {
                let first_invalid = if checked_name.is_err() { &name_ref } else { &body_ref };
                if let Some(field) = first_invalid.cast::<HtmlElement>() {
                    let _ = field.focus();
                }
                return;
            };
            let submission = Submission {
                name: clean_name,
                body: clean_body,
                spoiler: *spoiler,
                chapter: (*chapter).filter(|_| *spoiler),
                remember: *remember,
            };
            match submit.emit(submission) {
                Ok(()) => {
                    alert.set(None);
                    // Posted: the draft goes, the text box empties, the name stays.
                    {
                        let mut state = pending.borrow_mut();
                        state.timer = None;
                        state.draft = None;
                    }
                    env.save_draft(&slot, Draft::default());
                    body.set(String::new());
                    spoiler.set(false);
                    chapter.set(None);
                }
                Err(message) => alert.set(Some(message)),
            }
        })
    };
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
        let form_ref = form_ref.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                if let Some(form) = form_ref.cast::<HtmlFormElement>() {
                    let _ = form.request_submit();
                }
            }
        })
    };
    let oncancel = props.oncancel.clone().map(|cancel| {
        let pending = pending.clone();
        let env = env.clone();
        let slot = props.slot.clone();
        Callback::from(move |_: MouseEvent| {
            {
                let mut state = pending.borrow_mut();
                state.timer = None;
                state.draft = None;
            }
            env.save_draft(&slot, Draft::default());
            cancel.emit(());
        })
    });

    let counter = remaining(&body).map(|left| {
        let (plural, count) = if left >= 0 { (&strings.characters_left, left) } else { (&strings.characters_over, -left) };
        let text = intl::counted(&env.locale, count as usize, plural, &[]);
        let class = if left < 0 { "rw-counter is-over" } else { "rw-counter" };
        html! { <p id={format!("{id}-counter")} {class} aria-live="polite">{ text }</p> }
    });
    let body_described = {
        let mut ids = Vec::new();
        if body_error.is_some() {
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
                        value={(*name).clone()} oninput={oninput_name}
                        aria-invalid={name_error.is_some().then_some("true")}
                        aria-describedby={name_error.is_some().then(|| format!("{id}-name-error"))} />
                    if let Some(error) = &*name_error {
                        <p id={format!("{id}-name-error")} class="rw-error" role="alert">{ error.clone() }</p>
                    }
                </div>
            }
            <div class="rw-field">
                <label for={format!("{id}-body")}>{ strings.comment }</label>
                <textarea id={format!("{id}-body")} ref={body_ref} rows="4"
                    value={(*body).clone()} oninput={oninput_body} {onkeydown}
                    aria-invalid={body_error.is_some().then_some("true")}
                    aria-describedby={body_described} />
                { counter.unwrap_or_default() }
                if let Some(error) = &*body_error {
                    <p id={format!("{id}-body-error")} class="rw-error" role="alert">{ error.clone() }</p>
                }
            </div>
            <div class="rw-checks">
                <label class="rw-check">
                    <input type="checkbox" checked={*spoiler} onchange={onspoiler} />
                    { strings.contains_spoilers }
                </label>
                if let Some(chapters) = env.chapters {
                    <label class="rw-reach">
                        { strings.spoils_up_to }
                        <select onchange={onreach}>
                            { for Progress::choices(chapters).map(|choice| {
                                let selected = match choice {
                                    Progress::NotStarted => !*spoiler,
                                    Progress::Chapter(n) => *spoiler && *chapter == Some(n),
                                    Progress::Finished => *spoiler && chapter.is_none_or(|n| n > chapters),
                                };
                                let text = match choice {
                                    Progress::NotStarted => strings.no_spoilers.to_owned(),
                                    other => progress_text(strings, other),
                                };
                                html! { <option value={choice.to_value()} {selected}>{ text }</option> }
                            }) }
                        </select>
                    </label>
                }
                if props.mode == FormMode::NewComment {
                    <label class="rw-check">
                        <input type="checkbox" checked={*remember} onchange={onremember} />
                        { strings.remember_name }
                    </label>
                }
            </div>
            if let Some(message) = &*alert {
                <p class="rw-error rw-form-alert" role="alert">{ message.clone() }</p>
            }
            <div class="rw-actions">
                <button type="submit" class="rw-button is-primary">{ submit_label }</button>
                if let Some(oncancel) = oncancel {
                    <button type="button" class="rw-button" onclick={oncancel}>{ strings.cancel }</button>
                }
            </div>
        </form>
    }
}
