//! One spoiler, in a review or in a comment: the WAI-ARIA disclosure pattern.
//! Hidden content is not rendered at all, so no text, `alt`, `title` or `aria-*` of it
//! exists in the shadow tree until the reader asks for it.
//!
//! A plain function rather than a component: it holds no state of its own (the reveal
//! state lives in the owner's reducer), and every component type costs bundle bytes.

use crate::core::i18n::{fill, Strings};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SpoilerShape {
    /// Inside a line of text: a fixed-size chip that gives no hint of the length it hides.
    Inline,
    /// A section: the label and the word "Spoiler".
    Block,
}

pub struct SpoilerView<'a> {
    /// Unique in the shadow root: ties the button to the content (`aria-controls`).
    pub dom_id: String,
    /// What the button says it hides (already in the reader's language).
    pub label: &'a str,
    pub shape: SpoilerShape,
    pub revealed: bool,
    /// With chapter-aware spoilers: how far it reaches ("Up to chapter 12"), shown on it.
    pub tag: Option<String>,
    pub strings: &'static Strings,
    pub ontoggle: Callback<()>,
}

/// Escape inside a revealed spoiler: focus its button, then hide it. The innermost
/// revealed spoiler answers; the ones around it stay open.
fn hide_on_escape(ontoggle: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        event.prevent_default();
        event.stop_propagation();
        // Yew delegates events, so the wrapper is found from the target: the innermost
        // revealed spoiler around it is the one whose handler runs first.
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest(".rw-spoiler.is-revealed").ok().flatten())
            .and_then(|wrapper| wrapper.first_element_child())
            .and_then(|button| button.dyn_into::<HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
        ontoggle.emit(());
    })
}

/// Renders the spoiler; `content` is called only when it is revealed.
pub fn spoiler(view: SpoilerView, content: &dyn Fn() -> Html) -> Html {
    let SpoilerView { dom_id, label, shape, revealed, tag, strings, ontoggle } = view;
    let template = if revealed { strings.hide_spoiler } else { strings.show_spoiler };
    let name = fill(template, &[("label", label)]);
    let onkeydown = revealed.then(|| hide_on_escape(ontoggle.clone()));
    let onclick = ontoggle.reform(|_: MouseEvent| ());
    let expanded = if revealed { "true" } else { "false" };
    let class = match (shape, revealed) {
        (SpoilerShape::Inline, false) => "rw-spoiler rw-spoiler-inline is-hidden",
        (SpoilerShape::Inline, true) => "rw-spoiler rw-spoiler-inline is-revealed",
        (SpoilerShape::Block, false) => "rw-spoiler rw-spoiler-block is-hidden",
        (SpoilerShape::Block, true) => "rw-spoiler rw-spoiler-block is-revealed",
    };
    let content = if revealed { content() } else { Html::default() };
    let reach = tag.map(|tag| html! { <span class="rw-spoiler-reach" aria-hidden="true">{ tag }</span> });
    let button_face = match shape {
        SpoilerShape::Inline => html! {
            <>
                <span class="rw-spoiler-chip" aria-hidden="true">{ strings.spoiler_tag }</span>
                { reach.unwrap_or_default() }
            </>
        },
        SpoilerShape::Block => html! {
            <>
                <span class="rw-spoiler-tag" aria-hidden="true">{ strings.spoiler_tag }</span>
                <span class="rw-spoiler-label" aria-hidden="true">{ label.to_owned() }</span>
                { reach.unwrap_or_default() }
                <span class="rw-chevron" aria-hidden="true"></span>
            </>
        },
    };
    let button = html! {
        <button type="button" class="rw-spoiler-toggle" aria-expanded={expanded}
            aria-controls={dom_id.clone()} aria-label={name} {onclick}>
            { button_face }
        </button>
    };
    match shape {
        SpoilerShape::Inline => html! {
            <span ~className={class} {onkeydown}>
                { button }
                <span id={dom_id} class="rw-spoiler-content" tabindex="-1" hidden={!revealed}>{ content }</span>
            </span>
        },
        SpoilerShape::Block => html! {
            <div ~className={class} {onkeydown}>
                { button }
                <div id={dom_id} class="rw-spoiler-content" tabindex="-1" hidden={!revealed}>{ content }</div>
            </div>
        },
    }
}
