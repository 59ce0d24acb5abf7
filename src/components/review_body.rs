//! Renders the allow-listed review model. Every text goes in as a text node, every URL
//! came through the core's allow-list; nothing here can produce raw HTML.

use super::heading::heading;
use super::nodes;
use super::progress::reach_text;
use super::spoiler::{spoiler, SpoilerShape, SpoilerView};
use crate::core::progress::Reach;
use crate::core::i18n::Strings;
use crate::core::review::{Block, Inline, RevealedSpoilers, SpoilerId, SpoilerLabel};
use yew::prelude::*;

/// What rendering needs besides the model: the words, the state, and how to toggle.
pub struct ReviewView<'a> {
    pub strings: &'static Strings,
    pub revealed: &'a RevealedSpoilers,
    pub ontoggle: &'a Callback<SpoilerId>,
    /// Chapter-aware spoilers are on: each spoiler shows how far it reaches.
    pub chapters: bool,
}

impl ReviewView<'_> {
    pub fn label<'l>(&self, label: &'l SpoilerLabel) -> &'l str {
        match label {
            SpoilerLabel::Given(text) => text,
            SpoilerLabel::Unnamed => self.strings.unnamed_spoiler,
            SpoilerLabel::WholeReview => self.strings.whole_review,
        }
    }

    fn spoiler(&self, which: (&SpoilerId, &SpoilerLabel, Reach), shape: SpoilerShape, content: &dyn Fn() -> Html) -> Html {
        let (id, label, reach) = which;
        let ontoggle = {
            let id = id.clone();
            self.ontoggle.reform(move |()| id.clone())
        };
        let view = SpoilerView {
            dom_id: format!("rw-spoiler-{}", id.as_str()),
            label: self.label(label),
            shape,
            revealed: self.revealed.is_revealed(id),
            tag: self.chapters.then(|| reach_text(self.strings, reach)),
            strings: self.strings,
            ontoggle,
        };
        spoiler(view, content)
    }

    pub fn blocks(&self, blocks: &[Block]) -> Html {
        nodes(blocks.len(), &mut |at| self.block(&blocks[at]))
    }

    fn block(&self, block: &Block) -> Html {
        match block {
            Block::Paragraph(inlines) => html! { <p>{ self.inlines(inlines) }</p> },
            Block::Summary(inlines) => html! { <p class="rw-summary">{ self.inlines(inlines) }</p> },
            Block::Heading { level, content } => heading(*level, "", None, self.inlines(content)),
            Block::List { ordered, items } => {
                let items = nodes(items.len(), &mut |at| html! { <li>{ self.blocks(&items[at]) }</li> });
                if *ordered {
                    html! { <ol>{ items }</ol> }
                } else {
                    html! { <ul>{ items }</ul> }
                }
            }
            Block::Quote(blocks) => html! { <blockquote>{ self.blocks(blocks) }</blockquote> },
            Block::Preformatted(text) => html! { <pre>{ text.clone() }</pre> },
            Block::Rule => html! { <hr /> },
            Block::Figure { content, caption } => html! {
                <figure>
                    { self.blocks(content) }
                    if !caption.is_empty() { <figcaption>{ self.inlines(caption) }</figcaption> }
                </figure>
            },
            Block::Spoiler(spoiler) => {
                self.spoiler((&spoiler.id, &spoiler.label, spoiler.reach), SpoilerShape::Block, &|| self.blocks(&spoiler.content))
            }
        }
    }

    pub fn inlines(&self, inlines: &[Inline]) -> Html {
        nodes(inlines.len(), &mut |at| self.inline(&inlines[at]))
    }

    fn inline(&self, inline: &Inline) -> Html {
        match inline {
            Inline::Text(text) => html! { { text.clone() } },
            Inline::Emphasis(inner) => html! { <em>{ self.inlines(inner) }</em> },
            Inline::Strong(inner) => html! { <strong>{ self.inlines(inner) }</strong> },
            Inline::Code(text) => html! { <code>{ text.clone() }</code> },
            Inline::Link { href, content } => html! {
                <a href={href.clone()} rel="noopener">{ self.inlines(content) }</a>
            },
            Inline::Break => html! { <br /> },
            Inline::Quote(inner) => html! { <q>{ self.inlines(inner) }</q> },
            Inline::Cite(inner) => html! { <cite>{ self.inlines(inner) }</cite> },
            Inline::Image { src, alt } => html! {
                <img src={src.clone()} alt={alt.clone()} loading="lazy" decoding="async" />
            },
            Inline::Spoiler(spoiler) => {
                self.spoiler((&spoiler.id, &spoiler.label, spoiler.reach), SpoilerShape::Inline, &|| self.inlines(&spoiler.content))
            }
        }
    }
}
