//! The comment text format: plain text, never HTML.
//!
//! * a blank line starts a new paragraph, a single newline is a line break;
//! * `||text||` is an inline spoiler (within one paragraph; unterminated or empty `||` stay as typed);
//! * bare `http://` and `https://` URLs become links (`||` always ends a URL; trailing
//!   punctuation is not part of it).
//!
//! Nothing else is interpreted: `<`, `&` and friends are text.

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Break,
    Link(String),
    /// An inline spoiler: text, breaks and links, never another spoiler.
    Spoiler(Vec<Span>),
}

pub type Paragraph = Vec<Span>;

/// Parses a comment body into paragraphs.
pub fn parse_comment(body: &str) -> Vec<Paragraph> {
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in normalized.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(paragraph(&std::mem::take(&mut current).join("\n")));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(paragraph(&current.join("\n")));
    }
    paragraphs
}

/// One paragraph: spoilers first (`||…||`), then links and breaks inside each piece.
fn paragraph(text: &str) -> Paragraph {
    let mut spans = Vec::new();
    let mut rest = text;
    loop {
        let Some(open) = rest.find("||") else {
            spans.extend(links_and_breaks(rest));
            break;
        };
        let after_open = &rest[open + 2..];
        match after_open.find("||") {
            Some(close) if !after_open[..close].trim().is_empty() => {
                spans.extend(links_and_breaks(&rest[..open]));
                spans.push(Span::Spoiler(links_and_breaks(&after_open[..close])));
                rest = &after_open[close + 2..];
            }
            Some(close) => {
                // `||||` or `|| ||`: nothing to hide, shown as typed.
                spans.extend(links_and_breaks(&rest[..open + 2 + close + 2]));
                rest = &after_open[close + 2..];
            }
            None => {
                spans.extend(links_and_breaks(rest));
                break;
            }
        }
    }
    merge_texts(spans)
}

fn merge_texts(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match (out.last_mut(), span) {
            (_, Span::Text(text)) if text.is_empty() => {}
            (Some(Span::Text(previous)), Span::Text(text)) => previous.push_str(&text),
            (_, span) => out.push(span),
        }
    }
    out
}

fn links_and_breaks(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            spans.push(Span::Break);
        }
        spans.extend(links(line));
    }
    spans
}

fn links(line: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(start) = find_url_start(rest) {
        let candidate = &rest[start..];
        let end = candidate.find(char::is_whitespace).unwrap_or(candidate.len());
        let end = candidate[..end].find("||").unwrap_or(end);
        let url = trim_url(&candidate[..end]);
        let scheme_only = url.trim_end_matches('/').ends_with(':');
        if scheme_only {
            spans.push(Span::Text(rest[..start + url.len()].to_owned()));
        } else {
            spans.push(Span::Text(rest[..start].to_owned()));
            spans.push(Span::Link(url.to_owned()));
        }
        rest = &rest[start + url.len().max(1)..];
    }
    spans.push(Span::Text(rest.to_owned()));
    merge_texts(spans)
}

/// Where the next `http://` or `https://` starts, at a word start (not inside `xhttp://`).
fn find_url_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http") {
        let at = from + found;
        let tail = &lower[at..];
        let is_url = tail.starts_with("http://") || tail.starts_with("https://");
        let boundary = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if is_url && boundary {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// Drops trailing punctuation that ends a sentence rather than the URL; a closing bracket
/// stays when the URL opened one.
fn trim_url(url: &str) -> &str {
    let mut end = url.len();
    loop {
        let current = &url[..end];
        let Some(last) = current.chars().last() else { break };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '…' => true,
            ')' => current.matches('(').count() < current.matches(')').count(),
            ']' => current.matches('[').count() < current.matches(']').count(),
            _ => false,
        };
        if !drop {
            break;
        }
        end -= last.len_utf8();
    }
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Span {
        Span::Text(s.to_owned())
    }
    fn link(s: &str) -> Span {
        Span::Link(s.to_owned())
    }

    #[test]
    fn blank_lines_make_paragraphs_and_newlines_breaks() {
        assert_eq!(
            parse_comment("one\ntwo\n\n\n  \nthree\r\nfour"),
            vec![vec![t("one"), Span::Break, t("two")], vec![t("three"), Span::Break, t("four")]]
        );
        assert_eq!(parse_comment("  \n\n "), Vec::<Paragraph>::new());
    }

    #[test]
    fn html_is_text() {
        let body = "<script>alert(1)</script> & <b>bold</b> &amp;";
        assert_eq!(parse_comment(body), vec![vec![t(body)]]);
    }

    #[test]
    fn spoilers() {
        assert_eq!(
            parse_comment("a ||secret|| b"),
            vec![vec![t("a "), Span::Spoiler(vec![t("secret")]), t(" b")]]
        );
        assert_eq!(
            parse_comment("||one|| and ||two||"),
            vec![vec![Span::Spoiler(vec![t("one")]), t(" and "), Span::Spoiler(vec![t("two")])]]
        );
    }

    #[test]
    fn spoiler_edges_stay_as_typed() {
        assert_eq!(parse_comment("unterminated ||secret"), vec![vec![t("unterminated ||secret")]]);
        assert_eq!(parse_comment("empty |||| here"), vec![vec![t("empty |||| here")]]);
        assert_eq!(parse_comment("blank || || here"), vec![vec![t("blank || || here")]]);
        assert_eq!(parse_comment("a ||b|| c ||d"), vec![vec![t("a "), Span::Spoiler(vec![t("b")]), t(" c ||d")]]);
        assert_eq!(parse_comment("|||x|||"), vec![vec![Span::Spoiler(vec![t("|x")]), t("|")]]);
    }

    #[test]
    fn a_spoiler_never_crosses_a_paragraph() {
        assert_eq!(parse_comment("||start\n\nend||"), vec![vec![t("||start")], vec![t("end||")]]);
        assert_eq!(
            parse_comment("||line\nbreak||"),
            vec![vec![Span::Spoiler(vec![t("line"), Span::Break, t("break")])]]
        );
    }

    #[test]
    fn urls_become_links_without_trailing_punctuation() {
        assert_eq!(
            parse_comment("See https://example.org/a_(b), then http://x.example/p?q=1."),
            vec![vec![
                t("See "),
                link("https://example.org/a_(b)"),
                t(", then "),
                link("http://x.example/p?q=1"),
                t("."),
            ]]
        );
        assert_eq!(parse_comment("(https://example.org)"), vec![vec![t("("), link("https://example.org"), t(")")]]);
        assert_eq!(parse_comment("HTTPS://EXAMPLE.ORG"), vec![vec![link("HTTPS://EXAMPLE.ORG")]]);
    }

    #[test]
    fn only_bare_http_and_https_urls_are_links() {
        for body in ["javascript:alert(1)", "xhttp://a.b", "www.example.org", "ftp://a.b", "http://", "https:// x"] {
            let parsed = parse_comment(body);
            assert!(
                parsed.iter().flatten().all(|span| !matches!(span, Span::Link(_))),
                "{body}: {parsed:?}"
            );
        }
    }

    #[test]
    fn spoiler_bars_end_urls() {
        assert_eq!(
            parse_comment("||https://example.org/twist||"),
            vec![vec![Span::Spoiler(vec![link("https://example.org/twist")])]]
        );
        assert_eq!(
            parse_comment("https://example.org/a||b||"),
            vec![vec![link("https://example.org/a"), Span::Spoiler(vec![t("b")])]]
        );
        assert_eq!(parse_comment("https://example.org/a||b"), vec![vec![link("https://example.org/a"), t("||b")]]);
    }
}
