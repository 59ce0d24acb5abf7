//! The URL allow-list shared by review links, review images and comment links.

/// Which schemes a URL may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// `http`, `https`, `mailto` or a relative URL.
    Link,
    /// `http`, `https` or a relative URL.
    Image,
}

/// Returns the URL as it is safe to put in an attribute, or `None` when its scheme is not
/// allowed. Browsers ignore tabs and newlines anywhere in a URL and leading or trailing
/// control characters and spaces, so `java\tscript:` is `javascript:`: those are removed
/// before the scheme is read.
pub fn allowed_url(raw: &str, usage: UrlUse) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    match scheme_of(&cleaned) {
        None => Some(cleaned),
        Some(scheme) => {
            let allowed = match usage {
                UrlUse::Link => matches!(scheme.as_str(), "http" | "https" | "mailto"),
                UrlUse::Image => matches!(scheme.as_str(), "http" | "https"),
            };
            allowed.then_some(cleaned)
        }
    }
}

/// The lowercased scheme, when the URL starts with one (`letter (letter | digit | + - .)* :`).
fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // "a/b:c" or "?x:y" are relative: a '/', '?' or '#' before the colon ends the scheme.
    valid.then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative_urls() {
        for url in [
            "https://example.org/a?b#c",
            "http://example.org",
            "mailto:someone@example.org",
            "/books/1",
            "../up",
            "#note",
            "?page=2",
            "//cdn.example.org/x",
            "a/b:c",
        ] {
            assert_eq!(allowed_url(url, UrlUse::Link).as_deref(), Some(url), "{url}");
        }
    }

    #[test]
    fn refuses_script_and_data_schemes_in_every_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "",
            "   ",
        ] {
            assert_eq!(allowed_url(url, UrlUse::Link), None, "{url:?}");
        }
    }

    #[test]
    fn images_take_no_mailto() {
        assert_eq!(allowed_url("mailto:a@b", UrlUse::Image), None);
        assert!(allowed_url("https://example.org/cover.jpg", UrlUse::Image).is_some());
    }
}
