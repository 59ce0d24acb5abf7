//! Formatting through the browser's `Intl`, so no locale data ships in the bundle.

use js_sys::{Array, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// Building an `Intl` formatter is costly (tenths of a millisecond): each kind is built once
/// per language and kept.
#[derive(Default)]
struct Formatters {
    lang: String,
    relative: Option<Intl::RelativeTimeFormat>,
    plural: Option<Intl::PluralRules>,
    date_time: Option<Intl::DateTimeFormat>,
    number: Option<Intl::NumberFormat>,
}

thread_local! {
    static FORMATTERS: RefCell<Formatters> = RefCell::default();
}

/// Runs `use_it` with the formatters of `lang` (made anew if the language changed).
fn with_formatters<R>(lang: &str, use_it: impl FnOnce(&mut Formatters) -> R) -> R {
    FORMATTERS.with(|cell| {
        let mut formatters = cell.borrow_mut();
        if formatters.lang != lang {
            *formatters = Formatters { lang: lang.to_owned(), ..Formatters::default() };
        }
        use_it(&mut formatters)
    })
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

fn locales(lang: &str) -> Array {
    Array::of1(&JsValue::from_str(lang))
}

/// `2026-11-20` as a long date in `lang` ("November 20, 2026", "20 novembre 2026").
pub fn long_date(lang: &str, iso_date: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso_date));
    if date.get_time().is_nan() {
        return iso_date.to_owned();
    }
    let format = Intl::DateTimeFormat::new(&locales(lang), &options(&[("dateStyle", "long"), ("timeZone", "UTC")]));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| iso_date.to_owned())
}

/// A number with the language's decimal sign ("4.5", "4,5"); `fallback` if `Intl` fails.
pub fn number(lang: &str, value: f64, fallback: &str) -> String {
    let format = with_formatters(lang, |f| {
        f.number
            .get_or_insert_with(|| Intl::NumberFormat::new(&locales(lang), &options(&[("maximumFractionDigits", "1")])))
            .clone()
    });
    format
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}

/// "3 minutes ago", "yesterday", "now" (`Intl.RelativeTimeFormat`, numeric: auto).
pub fn relative_time(lang: &str, value: i64, unit: &str) -> String {
    let format = with_formatters(lang, |f| {
        f.relative
            .get_or_insert_with(|| Intl::RelativeTimeFormat::new(&locales(lang), &options(&[("numeric", "auto")])))
            .clone()
    });
    format.format(value as f64, unit).as_string().unwrap_or_default()
}

/// The plural category of `count` in `lang` ("one", "other", "few"…).
pub fn plural_category(lang: &str, count: usize) -> String {
    let rules = with_formatters(lang, |f| {
        f.plural.get_or_insert_with(|| Intl::PluralRules::new(&locales(lang), &Object::new())).clone()
    });
    rules.select(count as f64).as_string().unwrap_or_else(|| "other".to_owned())
}

/// A moment as a full local date and time, for `title` attributes.
pub fn date_time(lang: &str, millis: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
    let format = with_formatters(lang, |f| {
        f.date_time
            .get_or_insert_with(|| {
                Intl::DateTimeFormat::new(&locales(lang), &options(&[("dateStyle", "long"), ("timeStyle", "short")]))
            })
            .clone()
    });
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
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
