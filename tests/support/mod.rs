//! Test helpers: an HTML reader for native tests, and (in the browser) mounting helpers.
#![allow(dead_code)]

#[cfg(target_arch = "wasm32")]
pub mod browser;

use review_widget::core::markup::Markup;

/// A small HTML reader for tests: well-formed tags, quoted or bare attributes, void
/// elements, a few entities. (In the widget the browser has parsed the HTML already.)
pub fn html(source: &str) -> Vec<Markup> {
    let mut stack: Vec<(String, Vec<(String, String)>, Vec<Markup>)> =
        vec![(String::new(), Vec::new(), Vec::new())];
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').expect("closing tag ends");
            let name = after[..end].trim().to_ascii_lowercase();
            rest = &after[end + 1..];
            while stack.len() > 1 {
                let (tag, attrs, children) = stack.pop().unwrap();
                let done = tag == name;
                stack.last_mut().unwrap().2.push(Markup::Element { tag, attrs, children });
                if done {
                    break;
                }
            }
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').expect("tag ends");
            let inside = after[..end].trim_end_matches('/');
            rest = &after[end + 1..];
            let (name, attrs) = tag_parts(inside);
            if matches!(name.as_str(), "br" | "hr" | "img" | "input" | "meta" | "link") {
                stack.last_mut().unwrap().2.push(Markup::Element { tag: name, attrs, children: vec![] });
            } else {
                stack.push((name, attrs, Vec::new()));
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            stack.last_mut().unwrap().2.push(Markup::Text(entities(&rest[..end])));
            rest = &rest[end..];
        }
    }
    while stack.len() > 1 {
        let (tag, attrs, children) = stack.pop().unwrap();
        stack.last_mut().unwrap().2.push(Markup::Element { tag, attrs, children });
    }
    stack.pop().unwrap().2
}

fn tag_parts(inside: &str) -> (String, Vec<(String, String)>) {
    let inside = inside.trim();
    let name_end = inside.find(char::is_whitespace).unwrap_or(inside.len());
    let name = inside[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = inside[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
            let (value, remaining) = match quote {
                Some(q) => {
                    let close = after[1..].find(q).expect("quote closes") + 1;
                    (&after[1..close], &after[close + 1..])
                }
                None => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = remaining.trim_start();
            entities(value)
        } else {
            String::new()
        };
        attrs.push((key, value));
    }
    (name, attrs)
}

fn entities(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}
