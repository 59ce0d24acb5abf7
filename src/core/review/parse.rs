//! From the host's markup to the allow-listed [`Review`].
//!
//! Allow-listed elements become model nodes; other elements are unwrapped to their content;
//! scripts, styles, templates, embedded documents and hidden elements are dropped with
//! everything in them. Attributes are never copied: only `href`, `src` and `alt` are read,
//! and URLs pass [`allowed_url`].

use crate::core::progress::Reach;
use super::redact::{plain_inline_text, plain_text, redact_inlines};
use super::{Block, Inline, Review, Spoiler, SpoilerId, SpoilerLabel};
use crate::core::hash::content_hash_hex;
use crate::core::markup::{Markup, MAX_DEPTH};
use crate::core::url::{allowed_url, UrlUse};


#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// The level of the widget's own top heading (1–6); review headings go below it.
    pub heading_level: u8,
    /// `spoilers="all"`: everything but `<p data-summary>` becomes one spoiler.
    pub whole_review_spoiler: bool,
    /// `chapters="N"`: spoilers read `data-chapter` (1 to N) for how far they reach.
    pub chapters: Option<u32>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { heading_level: 2, whole_review_spoiler: false, chapters: None }
    }
}

/// Builds the review model from the host's light-DOM children. Never panics.
pub fn parse_review(nodes: &[Markup], options: ParseOptions) -> Review {
    let mut parser = Parser {
        top_heading: options.heading_level.clamp(1, 6),
        shallowest_heading: shallowest_heading(nodes, 0).unwrap_or(1),
        warnings: Vec::new(),
        seen_ids: Vec::new(),
        chapters: options.chapters.unwrap_or(0),
    };
    let mut blocks = parser.blocks(nodes, Context::default());
    if options.whole_review_spoiler {
        let (summaries, body): (Vec<Block>, Vec<Block>) =
            blocks.into_iter().partition(|block| matches!(block, Block::Summary(_)));
        blocks = summaries;
        if !body.is_empty() {
            let id = parser.spoiler_id("", &plain_text(&body));
            let (label, reach) = (SpoilerLabel::WholeReview, Reach::WholeBook);
            blocks.push(Block::Spoiler(Spoiler { id, label, reach, content: body }));
        }
    }
    Review { blocks, content_warnings: parser.warnings }
}

#[derive(Clone, Copy, Default)]
struct Context {
    depth: usize,
    in_link: bool,
    in_inline_spoiler: bool,
}

impl Context {
    fn deeper(self) -> Self {
        Context { depth: self.depth + 1, ..self }
    }
}

struct Parser {
    top_heading: u8,
    shallowest_heading: u8,
    warnings: Vec<String>,
    /// Each content hash seen so far and how often (identical spoilers get `-2`, `-3`…).
    seen_ids: Vec<(String, u32)>,
    /// The book's chapters (0 when chapter-aware spoilers are off).
    chapters: u32,
}

enum Kind {
    Dropped,
    Block,
    Inline,
}

/// Dropped with everything in them.
const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea",
    "select", "option", "button", "input", "link", "meta", "head", "title", "canvas", "video", "audio",
    "source", "track", "picture", "map", "frame", "frameset", "dialog", "slot", "review-widget",
];

/// Block-level: they end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr",
    "figure", "figcaption", "details", "summary", "aside", "div", "section", "article", "header", "footer",
    "main", "nav", "address", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "form",
    "fieldset", "legend", "hgroup", "center",
];

fn kind_of(tag: &str) -> Kind {
    if DROPPED.contains(&tag) {
        Kind::Dropped
    } else if BLOCKS.contains(&tag) {
        Kind::Block
    } else {
        Kind::Inline
    }
}

fn is_hidden(node: &Markup) -> bool {
    node.attr("hidden").is_some()
}

fn heading_number(tag: &str) -> Option<u8> {
    match tag.as_bytes() {
        [b'h', digit @ b'1'..=b'6'] => Some(digit - b'0'),
        _ => None,
    }
}

fn shallowest_heading(nodes: &[Markup], depth: usize) -> Option<u8> {
    if depth > MAX_DEPTH {
        return None;
    }
    nodes
        .iter()
        .filter_map(|node| match node {
            Markup::Element { tag, children, .. } => {
                let own = heading_number(tag);
                let inner = shallowest_heading(children, depth + 1);
                own.into_iter().chain(inner).min()
            }
            Markup::Text(_) => None,
        })
        .min()
}

/// All text under the nodes, without recursion (safe at any depth).
fn text_content(nodes: &[Markup]) -> String {
    let mut text = String::new();
    let mut stack: Vec<&Markup> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        match node {
            Markup::Text(t) => text.push_str(t),
            Markup::Element { tag, children, .. } => {
                if !matches!(kind_of(tag), Kind::Dropped) && !is_hidden(node) {
                    stack.extend(children.iter().rev());
                }
            }
        }
    }
    text
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Trims the ends of a run of inline content, merges neighbouring texts and drops empty ones.
fn tidy(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (_, Inline::Text(text)) if text.is_empty() => {}
            (Some(Inline::Text(previous)), Inline::Text(text)) => {
                if previous.ends_with(' ') && text.starts_with(' ') {
                    previous.push_str(&text[1..]);
                } else {
                    previous.push_str(&text);
                }
            }
            (_, inline) => out.push(inline),
        }
    }
    if let Some(Inline::Text(first)) = out.first_mut() {
        *first = first.trim_start().to_owned();
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        *last = last.trim_end().to_owned();
    }
    while matches!(out.last(), Some(Inline::Break)) {
        out.pop();
    }
    out.retain(|inline| !matches!(inline, Inline::Text(text) if text.is_empty()));
    out
}

/// Whether inline content shows anything at all (text, an image or a spoiler).
fn has_substance(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Text(text) | Inline::Code(text) => !text.trim().is_empty(),
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Quote(inner) | Inline::Cite(inner) => {
            has_substance(inner)
        }
        Inline::Link { content, .. } => has_substance(content),
        Inline::Image { .. } | Inline::Spoiler(_) => true,
        Inline::Break => false,
    })
}

fn contains_spoiler(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Spoiler(_) => true,
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Quote(inner) | Inline::Cite(inner) => {
            contains_spoiler(inner)
        }
        Inline::Link { content, .. } => contains_spoiler(content),
        _ => false,
    })
}

/// Replaces every inline spoiler by its content, returning the first one's label.
fn unwrap_spoilers(inlines: Vec<Inline>, label: &mut Option<(SpoilerLabel, Reach)>) -> Vec<Inline> {
    inlines
        .into_iter()
        .flat_map(|inline| match inline {
            Inline::Spoiler(spoiler) => {
                // The first label names the moved spoiler; it reaches as far as the widest.
                let (_, reach) = label.get_or_insert((spoiler.label, spoiler.reach));
                *reach = (*reach).max(spoiler.reach);
                unwrap_spoilers(spoiler.content, label)
            }
            Inline::Emphasis(inner) => vec![Inline::Emphasis(unwrap_spoilers(inner, label))],
            Inline::Strong(inner) => vec![Inline::Strong(unwrap_spoilers(inner, label))],
            Inline::Quote(inner) => vec![Inline::Quote(unwrap_spoilers(inner, label))],
            Inline::Cite(inner) => vec![Inline::Cite(unwrap_spoilers(inner, label))],
            Inline::Link { href, content } => {
                vec![Inline::Link { href, content: unwrap_spoilers(content, label) }]
            }
            other => vec![other],
        })
        .collect()
}

fn given_label(text: &str) -> SpoilerLabel {
    let label = collapse_spaces(text).trim().to_owned();
    if label.is_empty() {
        SpoilerLabel::Unnamed
    } else {
        SpoilerLabel::Given(label.chars().take(120).collect())
    }
}

fn label_text(label: &SpoilerLabel) -> &str {
    match label {
        SpoilerLabel::Given(text) => text,
        SpoilerLabel::Unnamed | SpoilerLabel::WholeReview => "",
    }
}

impl Parser {
    /// A stable id from the spoiler's label and content; identical spoilers get `-2`, `-3`…
    fn spoiler_id(&mut self, label: &str, content: &str) -> SpoilerId {
        let hash = content_hash_hex([label, content]);
        let seen = match self.seen_ids.iter_mut().find(|(seen, _)| *seen == hash) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                self.seen_ids.push((hash.clone(), 1));
                1
            }
        };
        SpoilerId(if seen == 1 { hash } else { format!("{hash}-{seen}") })
    }

    fn heading_level(&self, level: u8) -> u8 {
        let relative = level.saturating_sub(self.shallowest_heading);
        (self.top_heading + 1 + relative).min(6)
    }

    /// Block content: runs of inline content between blocks become paragraphs.
    fn blocks(&mut self, nodes: &[Markup], context: Context) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut pending: Vec<Inline> = Vec::new();
        for node in nodes {
            let is_block = match node {
                Markup::Element { tag, .. } => matches!(kind_of(tag), Kind::Block),
                Markup::Text(_) => false,
            };
            if is_block && context.depth < MAX_DEPTH {
                self.flush_paragraph(&mut pending, &mut blocks);
                blocks.extend(self.block(node, context.deeper()));
            } else {
                pending.extend(self.inline(node, context));
            }
        }
        self.flush_paragraph(&mut pending, &mut blocks);
        blocks
    }

    fn flush_paragraph(&mut self, pending: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
        let inlines = tidy(std::mem::take(pending));
        if has_substance(&inlines) {
            blocks.push(Block::Paragraph(inlines));
        }
    }

    fn inline_children(&mut self, children: &[Markup], context: Context) -> Vec<Inline> {
        let mut inlines = Vec::new();
        for child in children {
            inlines.extend(self.inline(child, context.deeper()));
        }
        tidy(inlines)
    }

    fn block(&mut self, node: &Markup, context: Context) -> Vec<Block> {
        let Markup::Element { tag, children, .. } = node else {
            return Vec::new();
        };
        if is_hidden(node) {
            return Vec::new();
        }
        if node.attr("data-content-warning").is_some() {
            let warning = collapse_spaces(&text_content(children)).trim().to_owned();
            if !warning.is_empty() {
                self.warnings.push(warning);
            }
            return Vec::new();
        }
        if let Some(label) = node.attr("data-spoiler") {
            let reach = self.reach(node);
            return self.block_spoiler(tag, label, reach, children, context).into_iter().collect();
        }
        let tag = tag.as_str();
        if let Some(level) = heading_number(tag) {
            let content = self.inline_children(children, context);
            return if has_substance(&content) {
                vec![Block::Heading { level: self.heading_level(level), content }]
            } else {
                Vec::new()
            };
        }
        match tag {
            "p" | "summary" | "figcaption" | "dt" | "legend" | "caption" => {
                let content = self.inline_children(children, context);
                if !has_substance(&content) {
                    Vec::new()
                } else if tag == "p" && node.attr("data-summary").is_some() {
                    vec![Block::Summary(content)]
                } else {
                    vec![Block::Paragraph(content)]
                }
            }
            "ul" | "ol" => {
                let mut items = Vec::new();
                for child in children {
                    let item = match child {
                        Markup::Element { tag, children, .. } if tag == "li" => {
                            if is_hidden(child) {
                                continue;
                            }
                            self.blocks(children, context)
                        }
                        other => self.blocks(std::slice::from_ref(other), context),
                    };
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
                if items.is_empty() {
                    Vec::new()
                } else {
                    vec![Block::List { ordered: tag == "ol", items }]
                }
            }
            "blockquote" => {
                let inner = self.blocks(children, context);
                if inner.is_empty() {
                    Vec::new()
                } else {
                    vec![Block::Quote(inner)]
                }
            }
            "pre" => {
                let text = text_content(children);
                let text = text.strip_prefix('\n').unwrap_or(&text).trim_end().to_owned();
                if text.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![Block::Preformatted(text)]
                }
            }
            "hr" => vec![Block::Rule],
            "figure" => {
                let mut caption = Vec::new();
                let mut rest = Vec::new();
                for child in children {
                    match child {
                        Markup::Element { tag, children, .. } if tag == "figcaption" && caption.is_empty() => {
                            caption = self.inline_children(children, context);
                        }
                        other => rest.push(other.clone()),
                    }
                }
                let content = self.blocks(&rest, context);
                if content.is_empty() && !has_substance(&caption) {
                    Vec::new()
                } else {
                    vec![Block::Figure { content, caption }]
                }
            }
            "details" => {
                // A plain <details> (no data-spoiler) is unwrapped: its summary becomes a paragraph.
                self.blocks(children, context)
            }
            _ => self.blocks(children, context),
        }
    }

    /// `<details data-spoiler>` (label from `<summary>`) or any block with `data-spoiler="label"`.
    /// How far a spoiler element reaches (`data-chapter`, when the book's chapters are known).
    fn reach(&self, node: &Markup) -> Reach {
        Reach::from_attribute(node.attr("data-chapter"), self.chapters)
    }

    fn block_spoiler(&mut self, tag: &str, label: &str, reach: Reach, children: &[Markup], context: Context) -> Option<Block> {
        let (label, content) = if tag == "details" {
            let mut summary = None;
            let mut rest = Vec::new();
            for child in children {
                match child {
                    Markup::Element { tag, children, .. } if tag == "summary" && summary.is_none() => {
                        summary = Some(children.clone());
                    }
                    other => rest.push(other.clone()),
                }
            }
            let label = match summary {
                Some(summary) => {
                    let inlines = self.inline_children(&summary, context);
                    given_label(&redact_inlines(&inlines))
                }
                None => given_label(label),
            };
            (label, self.blocks(&rest, context))
        } else {
            // The element itself, without its data-spoiler, is the content.
            let inner = Markup::Element {
                tag: tag.to_owned(),
                attrs: Vec::new(),
                children: children.to_vec(),
            };
            (given_label(label), self.block(&inner, context))
        };
        if content.is_empty() {
            return None;
        }
        let id = self.spoiler_id(label_text(&label), &plain_text(&content));
        Some(Block::Spoiler(Spoiler { id, label, reach, content }))
    }

    fn inline(&mut self, node: &Markup, context: Context) -> Vec<Inline> {
        let (tag, children) = match node {
            Markup::Text(text) => {
                return vec![Inline::Text(collapse_spaces(text))];
            }
            Markup::Element { tag, children, .. } => (tag.as_str(), children),
        };
        if matches!(kind_of(tag), Kind::Dropped) || is_hidden(node) {
            return Vec::new();
        }
        if context.depth >= MAX_DEPTH {
            return vec![Inline::Text(collapse_spaces(&text_content(children)))];
        }
        if node.attr("data-content-warning").is_some() {
            let warning = collapse_spaces(&text_content(children)).trim().to_owned();
            if !warning.is_empty() {
                self.warnings.push(warning);
            }
            return Vec::new();
        }
        if let Some(label) = node.attr("data-spoiler") {
            let content = self.inline_children(children, Context { in_inline_spoiler: true, ..context });
            if context.in_inline_spoiler {
                return content;
            }
            if !has_substance(&content) {
                return Vec::new();
            }
            let label = given_label(label);
            let id = self.spoiler_id(label_text(&label), &plain_inline_text(&content));
            let reach = self.reach(node);
            return vec![Inline::Spoiler(Spoiler { id, label, reach, content })];
        }
        match tag {
            "br" => vec![Inline::Break],
            "img" => {
                let alt = collapse_spaces(node.attr("alt").unwrap_or("")).trim().to_owned();
                match node.attr("src").and_then(|src| allowed_url(src, UrlUse::Image)) {
                    Some(src) => vec![Inline::Image { src, alt }],
                    None if !alt.is_empty() => vec![Inline::Text(alt)],
                    None => Vec::new(),
                }
            }
            "em" | "i" => vec![Inline::Emphasis(self.inline_children(children, context))],
            "strong" | "b" => vec![Inline::Strong(self.inline_children(children, context))],
            "q" => vec![Inline::Quote(self.inline_children(children, context))],
            "cite" => vec![Inline::Cite(self.inline_children(children, context))],
            "code" | "kbd" | "samp" | "tt" => vec![Inline::Code(collapse_spaces(&text_content(children)))],
            "a" => self.link(node, children, context),
            _ => {
                let mut inlines = Vec::new();
                for child in children {
                    inlines.extend(self.inline(child, context.deeper()));
                }
                inlines
            }
        }
    }

    fn link(&mut self, node: &Markup, children: &[Markup], context: Context) -> Vec<Inline> {
        let href = node.attr("href").and_then(|href| allowed_url(href, UrlUse::Link));
        let inner = Context { in_link: true, ..context };
        let content = self.inline_children(children, inner);
        let Some(href) = href.filter(|_| !context.in_link) else {
            return content;
        };
        if !contains_spoiler(&content) {
            return vec![Inline::Link { href, content }];
        }
        // A button cannot live inside a link: the spoiler moves outside and hides the whole link.
        let mut label = None;
        let content = unwrap_spoilers(content, &mut label);
        let link = vec![Inline::Link { href, content }];
        let (label, reach) = label.unwrap_or((SpoilerLabel::Unnamed, Reach::WholeBook));
        let id = self.spoiler_id(label_text(&label), &plain_inline_text(&link));
        vec![Inline::Spoiler(Spoiler { id, label, reach, content: link })]
    }
}
