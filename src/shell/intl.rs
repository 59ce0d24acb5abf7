//! Formatting through the browser's `Intl`, so no locale data ships in the bundle.
//!
//! Every `Intl` constructor and method can throw (a bad locale, a value out of range). They
//! are declared here with `catch`, so a throw becomes a fallback text and never escapes
//! into the widget.

use crate::core::i18n::Plural;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locale: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn format(this: &DateTimeFormat, millis: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = RelativeTimeFormat)]
    fn new(locale: &str, options: &Object) -> Result<RelativeTimeFormat, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = PluralRules)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn select(this: &PluralRules, count: f64) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = NumberFormat)]
    fn new(locale: &str, options: &Object) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(catch, method)]
    fn format(this: &NumberFormat, value: f64) -> Result<String, JsValue>;
}

/// The kinds of formatter kept.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Relative,
    Plural,
    DateTime,
    Number,
}

thread_local! {
    /// Building an `Intl` formatter is costly (tenths of a millisecond): each kind is built
    /// once per language and kept. `None`: the browser refused to build it.
    static FORMATTERS: RefCell<(String, Vec<(Kind, Option<JsValue>)>)> = RefCell::default();
}

/// The formatter of `kind` for `lang`, built by `make` the first time (all kinds go through
/// this one function, so the bundle holds its code once).
fn formatter(lang: &str, kind: Kind, make: fn(&str) -> Option<JsValue>) -> Option<JsValue> {
    FORMATTERS.with(|cell| {
        let mut kept = cell.borrow_mut();
        if kept.0 != lang {
            *kept = (lang.to_owned(), Vec::new());
        }
        if let Some((_, formatter)) = kept.1.iter().find(|(k, _)| *k == kind) {
            return formatter.clone();
        }
        let made = make(lang);
        kept.1.push((kind, made.clone()));
        made
    })
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// A date (milliseconds at UTC midnight) as a long date in `lang` ("November 20, 2026").
pub fn long_date(lang: &str, millis: i64) -> Option<String> {
    DateTimeFormat::new(lang, &options(&[("dateStyle", "long"), ("timeZone", "UTC")])).ok()?.format(millis as f64).ok()
}

/// A number with the language's decimal sign ("4.5", "4,5"); `fallback` if `Intl` fails.
pub fn number(lang: &str, value: f64, fallback: &str) -> String {
    let format = formatter(lang, Kind::Number, |lang| NumberFormat::new(lang, &options(&[("maximumFractionDigits", "1")])).ok().map(Into::into));
    format.and_then(|f| f.unchecked_into::<NumberFormat>().format(value).ok()).unwrap_or_else(|| fallback.to_owned())
}

/// "3 minutes ago", "yesterday", "now" (`Intl.RelativeTimeFormat`, numeric: auto).
pub fn relative_time(lang: &str, value: i64, unit: &str) -> String {
    let format = formatter(lang, Kind::Relative, |lang| RelativeTimeFormat::new(lang, &options(&[("numeric", "auto")])).ok().map(Into::into));
    format.and_then(|f| f.unchecked_into::<RelativeTimeFormat>().format(value as f64, unit).ok()).unwrap_or_default()
}

/// The plural category of `count` in `lang` ("one", "other", "few"…).
pub fn plural_category(lang: &str, count: usize) -> String {
    let rules = formatter(lang, Kind::Plural, |lang| PluralRules::new(lang).ok().map(Into::into));
    rules.and_then(|r| r.unchecked_into::<PluralRules>().select(count as f64).ok()).unwrap_or_else(|| "other".to_owned())
}

/// A moment as a full local date and time, for `title` attributes (empty if `Intl` refuses).
pub fn date_time(lang: &str, millis: i64) -> String {
    let format = formatter(lang, Kind::DateTime, |lang| {
        DateTimeFormat::new(lang, &options(&[("dateStyle", "long"), ("timeStyle", "short")])).ok().map(Into::into)
    });
    format.and_then(|f| f.unchecked_into::<DateTimeFormat>().format(millis as f64).ok()).unwrap_or_default()
}

/// The form of `plural` for `count` by the language's plural rules, with `{count}` (and
/// `extra`) filled in.
pub fn counted(lang: &str, count: usize, plural: &Plural, extra: &[(&str, &str)]) -> String {
    let template = plural.form(&plural_category(lang, count));
    let count = self::count(lang, count);
    let mut values = vec![("count", count.as_str())];
    values.extend_from_slice(extra);
    crate::core::i18n::fill(template, &values)
}

/// A plain count in `lang` ("1,234", "1 234").
pub fn count(lang: &str, count: usize) -> String {
    number(lang, count as f64, &count.to_string())
}

/// Milliseconds since the epoch.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A random id of 16 hex digits (two 32-bit draws): ids never collide across tabs.
pub fn random_id() -> String {
    let draw = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{:08x}{:08x}", draw(), draw())
}
