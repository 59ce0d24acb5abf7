//! Every text derived from the review (JSON-LD, labels, previews) comes from here, and
//! `redact` is the one function that decides what a spoiler becomes in it: `[spoiler]`.

use crate::core::markup::single_spaced;
use super::{Block, Inline, Review};
use crate::core::config::Rating;
use crate::core::json::{object, string, Json};

/// What a spoiler becomes in derived text.
pub const SPOILER_MARK: &str = "[spoiler]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Spoilers {
    /// Replaced by [`SPOILER_MARK`].
    Redact,
    /// Left out entirely (for labels, where even the mark would read oddly).
    Omit,
    /// Kept (for hashing a spoiler's own content).
    Keep,
}

/// The review as plain text, paragraphs separated by blank lines, every spoiler `[spoiler]`.
pub fn redact(review: &Review) -> String {
    blocks_text(&review.blocks, Spoilers::Redact)
}

/// Inline content as one line of text with spoilers left out (used for spoiler labels).
pub fn redact_inlines(inlines: &[Inline]) -> String {
    collapse(&inlines_text(inlines, Spoilers::Omit))
}

/// Everything, spoilers included: only for hashing content into ids, never for display.
pub fn plain_text(blocks: &[Block]) -> String {
    blocks_text(blocks, Spoilers::Keep)
}

pub(super) fn plain_inline_text(inlines: &[Inline]) -> String {
    collapse(&inlines_text(inlines, Spoilers::Keep))
}

fn blocks_text(blocks: &[Block], spoilers: Spoilers) -> String {
    let mut text = String::new();
    for block in blocks {
        let part = block_text(block, spoilers);
        if !part.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&part);
        }
    }
    text
}

fn block_text(block: &Block, spoilers: Spoilers) -> String {
    match block {
        Block::Paragraph(inlines) | Block::Summary(inlines) | Block::Heading { content: inlines, .. } => {
            collapse(&inlines_text(inlines, spoilers))
        }
        Block::List { items, .. } => {
            let mut text = String::new();
            for item in items {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str("- ");
                text.push_str(&blocks_text(item, spoilers));
            }
            text
        }
        Block::Quote(blocks) => blocks_text(blocks, spoilers),
        Block::Preformatted(text) => text.clone(),
        Block::Rule => String::new(),
        Block::Figure { content, caption } => {
            let mut text = blocks_text(content, spoilers);
            let caption = collapse(&inlines_text(caption, spoilers));
            if !caption.is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&caption);
            }
            text
        }
        Block::Spoiler(spoiler) => match spoilers {
            Spoilers::Redact => SPOILER_MARK.to_owned(),
            Spoilers::Omit => String::new(),
            Spoilers::Keep => blocks_text(&spoiler.content, spoilers),
        },
    }
}

fn inlines_text(inlines: &[Inline], spoilers: Spoilers) -> String {
    let mut text = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => text.push_str(t),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Cite(inner) => {
                text.push_str(&inlines_text(inner, spoilers))
            }
            Inline::Quote(inner) => {
                text.push('“');
                text.push_str(&inlines_text(inner, spoilers));
                text.push('”');
            }
            Inline::Link { content, .. } => text.push_str(&inlines_text(content, spoilers)),
            Inline::Break => text.push('\n'),
            Inline::Image { alt, .. } => text.push_str(alt),
            Inline::Spoiler(spoiler) => match spoilers {
                Spoilers::Redact => text.push_str(SPOILER_MARK),
                Spoilers::Omit => text.push(' '),
                Spoilers::Keep => text.push_str(&inlines_text(&spoiler.content, spoilers)),
            },
        }
    }
    text
}

/// Collapses runs of spaces and tabs, trims each line and drops blank lines at the ends.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(&single_spaced(line));
        out.push('\n');
    }
    out.trim().to_owned()
}

/// The facts about the book and the review that come from the widget's attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookFacts<'a> {
    pub book_title: Option<&'a str>,
    pub book_author: Option<&'a str>,
    pub rating: Option<Rating>,
    pub reviewer: Option<&'a str>,
    /// ISO 8601 date.
    pub published: Option<&'a str>,
}

fn person(name: Option<&str>) -> Option<Json> {
    name.map(|name| object(vec![("@type", Some(string("Person"))), ("name", Some(string(name)))]))
}

/// The schema.org `Review` for search engines, with the body redacted.
/// `<` is escaped so the text can never close the `<script>` element that holds it.
pub fn json_ld(facts: &BookFacts, review: &Review) -> String {
    let book = object(vec![
        ("@type", Some(string("Book"))),
        ("name", facts.book_title.map(string)),
        ("author", person(facts.book_author)),
    ]);
    let rating = facts.rating.map(|rating| {
        let value = if rating.halves() % 2 == 0 {
            Json::Int(i64::from(rating.halves() / 2))
        } else {
            Json::Fraction(rating.display())
        };
        object(vec![
            ("@type", Some(string("Rating"))),
            ("ratingValue", Some(value)),
            ("bestRating", Some(Json::Int(5))),
            ("worstRating", Some(Json::Int(0))),
        ])
    });
    object(vec![
        ("@context", Some(string("https://schema.org"))),
        ("@type", Some(string("Review"))),
        ("itemReviewed", Some(book)),
        ("reviewRating", rating),
        ("author", person(facts.reviewer)),
        ("datePublished", facts.published.map(string)),
        ("reviewBody", Some(Json::String(redact(review)))),
    ])
    .to_json_string()
}
