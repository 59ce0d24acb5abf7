//! One spoiler, in a review or (later) in a comment: the WAI-ARIA disclosure pattern.
//! Hidden content is not rendered at all, so no text, `alt`, `title` or `aria-*` of it
//! exists in the shadow tree until the reader asks for it.

use crate::core::i18n::{fill, Strings};
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SpoilerShape {
    /// Inside a line of text: a fixed-size chip that gives no hint of the length it hides.
    Inline,
    /// A section: the label and the word "Spoiler".
    Block,
}

#[derive(Properties, PartialEq)]
pub struct SpoilerProps {
    /// Unique in the shadow root: ties the button to the content (`aria-controls`).
    pub dom_id: AttrValue,
    /// What the button says it hides (already in the reader's language).
    pub label: AttrValue,
    pub shape: SpoilerShape,
    pub revealed: bool,
    pub strings: &'static Strings,
    pub ontoggle: Callback<()>,
    /// Rendered only while revealed.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Spoiler(props: &SpoilerProps) -> Html {
    let button = use_node_ref();
    let onclick = props.ontoggle.reform(|_: MouseEvent| ());
    let onkeydown = {
        let button = button.clone();
        let ontoggle = props.ontoggle.clone();
        let revealed = props.revealed;
        Callback::from(move |event: KeyboardEvent| {
            if revealed && event.key() == "Escape" {
                event.prevent_default();
                // The innermost revealed spoiler answers; the ones around it stay open.
                event.stop_propagation();
                if let Some(button) = button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
                ontoggle.emit(());
            }
        })
    };
    let strings = props.strings;
    let template = if props.revealed { strings.hide_spoiler } else { strings.show_spoiler };
    let name = fill(template, &[("label", &props.label)]);
    let expanded = if props.revealed { "true" } else { "false" };
    let content = if props.revealed { props.children.clone() } else { Html::default() };
    let state = if props.revealed { "is-revealed" } else { "is-hidden" };
    match props.shape {
        SpoilerShape::Inline => html! {
            <span class={classes!("rw-spoiler", "rw-spoiler-inline", state)} {onkeydown}>
                <button type="button" ref={button} class="rw-spoiler-toggle" aria-expanded={expanded}
                    aria-controls={props.dom_id.clone()} aria-label={name} {onclick}>
                    <span class="rw-spoiler-chip" aria-hidden="true">{ strings.spoiler_tag }</span>
                </button>
                <span id={props.dom_id.clone()} class="rw-spoiler-content" tabindex="-1" hidden={!props.revealed}>
                    { content }
                </span>
            </span>
        },
        SpoilerShape::Block => html! {
            <div class={classes!("rw-spoiler", "rw-spoiler-block", state)} {onkeydown}>
                <button type="button" ref={button} class="rw-spoiler-toggle" aria-expanded={expanded}
                    aria-controls={props.dom_id.clone()} aria-label={name} {onclick}>
                    <span class="rw-spoiler-tag" aria-hidden="true">{ strings.spoiler_tag }</span>
                    <span class="rw-spoiler-label" aria-hidden="true">{ props.label.clone() }</span>
                    <span class="rw-chevron" aria-hidden="true"></span>
                </button>
                <div id={props.dom_id.clone()} class="rw-spoiler-content" tabindex="-1" hidden={!props.revealed}>
                    { content }
                </div>
            </div>
        },
    }
}
