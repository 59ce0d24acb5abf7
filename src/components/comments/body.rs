//! A comment's body, from the comment text format: paragraphs, breaks, links and inline
//! spoilers, every piece of text rendered as text.

use crate::components::nodes;
use crate::components::spoiler::{spoiler, SpoilerShape, SpoilerView};
use crate::core::comments::text_format::{parse_comment, Span};
use crate::core::i18n::Strings;
use yew::prelude::*;

pub struct BodyView<'a> {
    pub comment_id: &'a str,
    pub strings: &'static Strings,
    pub revealed: &'a [String],
    pub ontoggle: &'a Callback<String>,
}

impl BodyView<'_> {
    pub fn render(&self, body: &str) -> Html {
        let mut counter = 0;
        let paragraphs = parse_comment(body);
        nodes(paragraphs.len(), &mut |at| html! { <p>{ self.spans(&paragraphs[at], &mut counter) }</p> })
    }

    fn spans(&self, spans: &[Span], counter: &mut usize) -> Html {
        nodes(spans.len(), &mut |at| match &spans[at] {
                Span::Text(text) => html! { { text.clone() } },
                Span::Break => html! { <br /> },
                Span::Link(url) => html! {
                    <a href={url.clone()} rel="nofollow ugc noopener noreferrer">{ url.clone() }</a>
                },
                Span::Spoiler(inner) => {
                    *counter += 1;
                    let key = format!("{}:{}", self.comment_id, counter);
                    let view = SpoilerView {
                        dom_id: format!("rw-c-{key}").replace(':', "-"),
                        label: self.strings.unnamed_spoiler,
                        shape: SpoilerShape::Inline,
                        revealed: self.revealed.contains(&key),
                        tag: None,
                        strings: self.strings,
                        ontoggle: self.ontoggle.reform(move |()| key.clone()),
                    };
                    // Spoilers never nest in comments, so the inner counter is never used.
                    spoiler(view, &|| self.spans(inner, &mut 0))
                }
            })
    }
}
