//! The review: an allow-listed model of the host's HTML, with its spoilers.
//!
//! Only what is modelled here can ever be rendered: there is no variant that carries raw HTML.

mod parse;
mod redact;
mod revealed;

pub use parse::{parse_review, ParseOptions};
pub use redact::{json_ld, plain_text, redact, redact_inlines, BookFacts};
pub use revealed::RevealedSpoilers;

use crate::core::progress::Reach;

/// A spoiler's stable id: a hash of its label and content, so that a spoiler the author
/// edits gets a new id (and is hidden again for readers who had revealed the old one).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpoilerId(pub String);

impl SpoilerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a spoiler's button says it hides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpoilerLabel {
    /// The author's words: a `<summary>` or the value of `data-spoiler="…"`.
    Given(String),
    /// No label given: the strings table's word for "Spoiler".
    Unnamed,
    /// `spoilers="all"`: the whole review body.
    WholeReview,
}

/// Content that stays out of the page until the reader asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spoiler<C> {
    pub id: SpoilerId,
    pub label: SpoilerLabel,
    /// How far into the book it reaches (`data-chapter`; the whole book without it).
    pub reach: Reach,
    pub content: C,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// `<p data-summary>`: spoiler-free, visible even when the whole review is a spoiler.
    Summary(Vec<Inline>),
    Heading { level: u8, content: Vec<Inline> },
    List { ordered: bool, items: Vec<Vec<Block>> },
    Quote(Vec<Block>),
    Preformatted(String),
    Rule,
    Figure { content: Vec<Block>, caption: Vec<Inline> },
    Spoiler(Spoiler<Vec<Block>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Code(String),
    Link { href: String, content: Vec<Inline> },
    Break,
    Quote(Vec<Inline>),
    Cite(Vec<Inline>),
    Image { src: String, alt: String },
    Spoiler(Spoiler<Vec<Inline>>),
}

/// The review as the widget renders it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    pub blocks: Vec<Block>,
    /// The texts of `<aside data-content-warning>`, shown in the header.
    pub content_warnings: Vec<String>,
}

impl Review {
    /// Every spoiler of the review, outer ones before the ones nested in them.
    pub fn spoiler_ids(&self) -> Vec<SpoilerId> {
        self.spoilers().into_iter().map(|(id, _)| id).collect()
    }

    /// Every spoiler with its reach, outer ones first.
    pub fn spoilers(&self) -> Vec<(SpoilerId, Reach)> {
        let mut found = Vec::new();
        visit_blocks(&self.blocks, &mut |id, reach| found.push((id.clone(), reach)));
        found
    }
}

fn visit_blocks(blocks: &[Block], found: &mut impl FnMut(&SpoilerId, Reach)) {
    for block in blocks {
        match block {
            Block::Paragraph(inlines) | Block::Summary(inlines) | Block::Heading { content: inlines, .. } => {
                visit_inlines(inlines, found)
            }
            Block::List { items, .. } => items.iter().for_each(|item| visit_blocks(item, found)),
            Block::Quote(blocks) => visit_blocks(blocks, found),
            Block::Figure { content, caption } => {
                visit_blocks(content, found);
                visit_inlines(caption, found);
            }
            Block::Spoiler(spoiler) => {
                found(&spoiler.id, spoiler.reach);
                visit_blocks(&spoiler.content, found);
            }
            Block::Preformatted(_) | Block::Rule => {}
        }
    }
}

fn visit_inlines(inlines: &[Inline], found: &mut impl FnMut(&SpoilerId, Reach)) {
    for inline in inlines {
        match inline {
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Quote(inner) | Inline::Cite(inner) => {
                visit_inlines(inner, found)
            }
            Inline::Link { content, .. } => visit_inlines(content, found),
            Inline::Spoiler(spoiler) => {
                found(&spoiler.id, spoiler.reach);
                visit_inlines(&spoiler.content, found);
            }
            Inline::Text(_) | Inline::Code(_) | Inline::Break | Inline::Image { .. } => {}
        }
    }
}
