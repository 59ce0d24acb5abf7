//! Formatting through the browser's `Intl`, so no locale data ships in the bundle.

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

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
    let format = Intl::NumberFormat::new(&locales(lang), &options(&[("maximumFractionDigits", "1")]));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}
