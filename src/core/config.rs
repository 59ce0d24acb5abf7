//! The widget's attributes, read into a typed configuration. Bad values fall back to the
//! documented defaults instead of failing: a typo in `rating` must not cost the reader the review.

use crate::core::markup::single_spaced;
use crate::core::hash::content_hash_hex;
use crate::core::i18n::Lang;

/// A rating from 0 to 5 in halves, stored as a count of halves (0–10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rating {
    halves: u8,
}

impl Rating {
    /// Accepts decimal numbers from 0 to 5 (`4`, `4.5`, `3.75`); values between halves round
    /// to the nearest half; anything else is refused. (Read without floating point, which
    /// would cost the bundle its float-parsing tables.)
    pub fn parse(text: &str) -> Option<Rating> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || whole.len() > 1 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && fraction.is_empty()) {
            return None;
        }
        // Thousandths are enough to round to halves.
        let mut thousandths = 0u32;
        for (index, digit) in fraction.bytes().chain(std::iter::repeat(b'0')).take(3).enumerate() {
            thousandths += u32::from(digit - b'0') * [100, 10, 1][index];
        }
        let whole = u32::from(whole.as_bytes()[0] - b'0');
        let beyond_thousandths = fraction.bytes().skip(3).any(|b| b != b'0');
        let total = whole * 1000 + thousandths;
        if total > 5000 || (total == 5000 && beyond_thousandths) {
            return None;
        }
        // Round half up to the nearest 500 thousandths.
        Some(Rating { halves: ((total + 250) / 500) as u8 })
    }

    /// The rating as a number, for `Intl.NumberFormat`.
    pub fn value(self) -> f64 {
        f64::from(self.halves) / 2.0
    }

    pub fn halves(self) -> u8 {
        self.halves
    }

    /// "4.5", "4", "0.5": the number as a reader writes it (the decimal sign is localised by the caller).
    pub fn display(self) -> String {
        if self.halves % 2 == 0 {
            format!("{}", self.halves / 2)
        } else {
            format!("{}.5", self.halves / 2)
        }
    }
}

/// A calendar date (`published`), validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// Reads `YYYY-MM-DD`, also at the start of a full ISO 8601 date-time.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let text = text.trim();
        let date = text.get(..10)?;
        let rest = &text[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let bytes = date.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: u16 = date[..4].parse().ok()?;
        let month: u8 = date[5..7].parse().ok()?;
        let day: u8 = date[8..10].parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1000 && (1..=days).contains(&day)).then_some(IsoDate { year, month, day })
    }

    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Midnight UTC of the date, in milliseconds since the epoch.
    pub fn to_millis(self) -> i64 {
        crate::core::comments::time::days_from_civil(i64::from(self.year), u32::from(self.month), u32::from(self.day))
            * 86_400_000
    }
}

/// `tag` as `Intl` takes it, if it is well formed (letters and digits in subtags of 1–8);
/// else the language's own tag.
fn locale_of(tag: &str, lang: Lang) -> String {
    let tag = tag.trim().replace('_', "-");
    let well_formed = tag.len() <= 35
        && tag.split('-').all(|part| (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    if well_formed { tag } else { lang.tag().to_owned() }
}

/// Everything the widget's attributes say, with defaults applied.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Names the comment store: safe to use inside a storage key.
    pub review_id: String,
    pub book_title: Option<String>,
    pub book_author: Option<String>,
    pub rating: Option<Rating>,
    pub reviewer: Option<String>,
    pub published: Option<IsoDate>,
    pub lang: Lang,
    /// The tag `Intl` formats with: the `lang` that chose the language, as written (`en-GB`
    /// writes dates the British way), when it is a well-formed tag; else the language's own.
    pub locale: String,
    pub whole_review_spoiler: bool,
    /// The level of the widget's top heading, 1–6.
    pub heading_level: u8,
    /// `chapters="N"`: chapter-aware spoilers are on, for a book of N chapters.
    pub chapters: Option<u32>,
    /// Names the book's reading progress (safe inside a storage key): every review of the
    /// book on the site shares it.
    pub book_id: String,
    /// `sync="https://…/db"`: comments are shared with other readers through that CouchDB
    /// database (an absolute http or https URL; anything else leaves sharing off).
    pub sync: Option<String>,
    /// `moderation="pre"`: other readers' comments show only once a moderator approved them.
    pub pre_moderation: bool,
}

/// The database URL of a `sync` attribute: absolute http(s), without a trailing slash.
fn sync_url(value: &str) -> Option<String> {
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let plain = value.bytes().all(|b| b > b' ' && b < 0x7f && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'`'));
    (plain && !host.is_empty() && !value.contains(['?', '#'])).then(|| value.trim_end_matches('/').to_owned())
}

/// The host name of a database URL, for the reader ("comments.example.org").
pub fn sync_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// What the page around the widget tells: where it is and which language it speaks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageContext {
    pub pathname: String,
    /// The `lang` of the nearest ancestor that has one.
    pub inherited_lang: Option<String>,
}

impl WidgetConfig {
    /// Reads the attributes through `attr` (name → value).
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>, page: &PageContext) -> WidgetConfig {
        let text = |name: &str| {
            attr(name).map(|value| single_spaced(&value)).filter(|value| !value.is_empty())
        };
        let book_title = text("book-title");
        let review_id = match text("review-id") {
            Some(id) => storage_safe_id(&id),
            None => format!(
                "page-{}",
                content_hash_hex([page.pathname.as_str(), book_title.as_deref().unwrap_or("")])
            ),
        };
        let (lang, locale) = [text("lang"), page.inherited_lang.clone()]
            .into_iter()
            .flatten()
            .find_map(|tag| Lang::from_tag(&tag).map(|lang| (lang, locale_of(&tag, lang))))
            .unwrap_or((Lang::En, Lang::En.tag().to_owned()));
        let heading_level = text("heading-level")
            .and_then(|level| level.parse::<u8>().ok())
            .filter(|level| (1..=6).contains(level))
            .unwrap_or(2);
        let book_author = text("book-author");
        let book_id = match text("book-id") {
            Some(id) => storage_safe_id(&id),
            // ASCII case only: full Unicode case tables would cost every reader ~15 KB.
            None => {
                let title = book_title.as_deref().unwrap_or("").to_ascii_lowercase();
                let author = book_author.as_deref().unwrap_or("").to_ascii_lowercase();
                format!("book-{}", content_hash_hex([title.as_str(), author.as_str()]))
            }
        };
        WidgetConfig {
            review_id,
            book_title,
            book_author,
            rating: text("rating").and_then(|r| Rating::parse(&r)),
            reviewer: text("reviewer"),
            published: text("published").and_then(|d| IsoDate::parse(&d)),
            lang,
            locale,
            whole_review_spoiler: text("spoilers").is_some_and(|s| s.eq_ignore_ascii_case("all")),
            heading_level,
            chapters: crate::core::progress::chapters_attribute(text("chapters").as_deref()),
            book_id,
            // Read by the build with shared comments only (the loader picks it for `sync`).
            sync: if cfg!(feature = "sync") { text("sync").and_then(|url| sync_url(&url)) } else { None },
            pre_moderation: cfg!(feature = "sync") && text("moderation").is_some_and(|m| m.eq_ignore_ascii_case("pre")),
        }
    }
}

/// Keeps letters, digits, `-`, `_` and `.`; percent-encodes the rest (so `:` can never
/// split a storage key) and caps the length.
fn storage_safe_id(id: &str) -> String {
    let mut safe = String::new();
    for c in id.chars().take(120) {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            safe.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                safe.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)], page: &PageContext) -> WidgetConfig {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        WidgetConfig::from_attributes(|name| map.get(name).cloned(), page)
    }

    #[test]
    fn reads_every_documented_attribute() {
        let c = config(
            &[
                ("review-id", "never-let-me-go"),
                ("book-title", " Never  Let Me Go "),
                ("book-author", "Kazuo Ishiguro"),
                ("rating", "4.5"),
                ("reviewer", "A. Reader"),
                ("published", "2026-11-20"),
                ("lang", "fr-CA"),
                ("theme", "dark"),
                ("spoilers", "all"),
                ("heading-level", "3"),
            ],
            &PageContext::default(),
        );
        assert_eq!(c.review_id, "never-let-me-go");
        assert_eq!(c.book_title.as_deref(), Some("Never Let Me Go"));
        assert_eq!(c.rating.map(Rating::display).as_deref(), Some("4.5"));
        assert_eq!(c.published.map(IsoDate::to_iso).as_deref(), Some("2026-11-20"));
        assert_eq!(c.lang, Lang::Fr);
        assert!(c.whole_review_spoiler);
        assert_eq!(c.heading_level, 3);
    }

    #[test]
    fn bad_values_fall_back_to_defaults() {
        let page = PageContext { pathname: "/reviews/x".into(), inherited_lang: Some("de".into()) };
        let c = config(
            &[("rating", "11"), ("published", "2026-02-30"), ("theme", "neon"), ("heading-level", "9")],
            &page,
        );
        assert_eq!(c.rating, None);
        assert_eq!(c.published, None);
        assert_eq!(c.heading_level, 2);
        assert_eq!(c.lang, Lang::De, "the page's lang is the fallback");
        assert!(!c.whole_review_spoiler);
    }

    #[test]
    fn the_locale_is_the_tag_that_chose_the_language_when_it_is_well_formed() {
        let british = PageContext { pathname: "/".into(), inherited_lang: Some("en-GB".into()) };
        let c = config(&[], &british);
        assert_eq!((c.lang, c.locale.as_str()), (Lang::En, "en-GB"));
        let c = config(&[("lang", "fr_CA")], &british);
        assert_eq!((c.lang, c.locale.as_str()), (Lang::Fr, "fr-CA"));
        let c = config(&[("lang", "tlh")], &british);
        assert_eq!((c.lang, c.locale.as_str()), (Lang::En, "en-GB"), "an unknown language falls through to the page's");
        let c = config(&[("lang", "de-<script>")], &PageContext::default());
        assert_eq!((c.lang, c.locale.as_str()), (Lang::De, "de"));
        let c = config(&[], &PageContext::default());
        assert_eq!((c.lang, c.locale.as_str()), (Lang::En, "en"));
    }

    #[test]
    fn default_review_id_comes_from_path_and_title() {
        let a = PageContext { pathname: "/a".into(), inherited_lang: None };
        let b = PageContext { pathname: "/b".into(), inherited_lang: None };
        let id_a = config(&[("book-title", "X")], &a).review_id;
        assert_eq!(id_a, config(&[("book-title", "X")], &a).review_id);
        assert_ne!(id_a, config(&[("book-title", "X")], &b).review_id);
        assert_ne!(id_a, config(&[("book-title", "Y")], &a).review_id);
        assert_eq!(config(&[], &a).lang, Lang::En);
    }

    #[test]
    fn chapters_and_the_book_id_name_the_reading_progress() {
        let page = PageContext::default();
        let a = config(&[("book-title", "Never Let Me Go"), ("book-author", "Kazuo Ishiguro"), ("chapters", "23")], &page);
        let b = config(&[("book-title", "never let  me go"), ("book-author", "KAZUO ISHIGURO"), ("review-id", "x")], &page);
        assert_eq!(a.chapters, Some(23));
        assert_eq!(b.chapters, None);
        assert_eq!(a.book_id, b.book_id, "every review of the book shares its progress");
        let named = config(&[("book-id", "isbn:978-0-571"), ("chapters", "abc")], &page);
        assert_eq!(named.book_id, "isbn%3A978-0-571");
        assert_eq!(named.chapters, None);
    }

    #[test]
    fn review_ids_cannot_split_storage_keys() {
        let c = config(&[("review-id", "a:b/é")], &PageContext::default());
        assert_eq!(c.review_id, "a%3Ab%2F%C3%A9");
    }

    #[test]
    fn ratings_are_halves_from_zero_to_five() {
        assert_eq!(Rating::parse("0").map(Rating::display).as_deref(), Some("0"));
        assert_eq!(Rating::parse("5").map(Rating::display).as_deref(), Some("5"));
        assert_eq!(Rating::parse("3.5").map(Rating::display).as_deref(), Some("3.5"));
        assert_eq!(Rating::parse("4.3").map(Rating::display).as_deref(), Some("4.5"));
        assert_eq!(Rating::parse("4.2").map(Rating::display).as_deref(), Some("4"));
        assert_eq!(Rating::parse("3.75").map(Rating::display).as_deref(), Some("4"));
        assert_eq!(Rating::parse(" 5.000 ").map(Rating::display).as_deref(), Some("5"));
        for bad in ["-1", "5.5", "5.0001", "NaN", "inf", "four", "", ".5", "4.", "10", "1e0", "4,5"] {
            assert_eq!(Rating::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert!(IsoDate::parse("2024-02-29").is_some());
        assert!(IsoDate::parse("2026-11-20T10:00:00Z").is_some());
        for bad in ["2023-02-29", "2026-13-01", "2026-1-1", "20261120", "yesterday", "2026-11-20x"] {
            assert_eq!(IsoDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    #[cfg(feature = "sync")]
    fn sharing_needs_an_absolute_web_address() {
        let with = |sync: &str| config(&[("sync", sync)], &PageContext::default()).sync;
        assert_eq!(with("https://comments.example.org/blog/").as_deref(), Some("https://comments.example.org/blog"));
        assert_eq!(with(" http://127.0.0.1:5984/blog ").as_deref(), Some("http://127.0.0.1:5984/blog"));
        for bad in ["/blog", "javascript:alert(1)", "ftp://x/y", "https://", "https://x/b?c=d", "https://x/a b"] {
            assert_eq!(with(bad), None, "{bad}");
        }
        assert_eq!(sync_host("https://comments.example.org/blog"), "comments.example.org");
        assert_eq!(sync_host("http://user@127.0.0.1:5984/blog"), "127.0.0.1");
        assert!(config(&[("moderation", "PRE")], &PageContext::default()).pre_moderation);
        assert!(!config(&[], &PageContext::default()).pre_moderation);
    }
}
