//! The languages in a real browser: each table's plural forms are the categories Chromium's
//! `Intl.PluralRules` uses for its language, and counts pick the right form.
#![cfg(target_arch = "wasm32")]

use review_widget::core::i18n::{fill, load, Lang};
use review_widget::shell::intl;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TABLES: &[(Lang, &str)] = &[
    (Lang::Fr, include_str!("../i18n/fr.json")),
    (Lang::De, include_str!("../i18n/de.json")),
    (Lang::Es, include_str!("../i18n/es.json")),
    (Lang::Ar, include_str!("../i18n/ar.json")),
    (Lang::Pl, include_str!("../i18n/pl.json")),
];

fn load_all() {
    for (lang, table) in TABLES {
        assert!(load(*lang, Some(table)), "{lang:?} loads");
    }
}

fn browser_categories(tag: &str) -> Vec<String> {
    let locales = js_sys::Array::of1(&JsValue::from_str(tag));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    let categories = js_sys::Reflect::get(&rules.resolved_options(), &JsValue::from_str("pluralCategories")).unwrap();
    js_sys::Array::from(&categories).iter().filter_map(|c| c.as_string()).collect()
}

#[wasm_bindgen_test]
fn every_language_has_a_form_for_each_plural_category_the_browser_uses() {
    for lang in Lang::ALL {
        let mut theirs = browser_categories(lang.tag());
        let mut ours: Vec<String> = lang.plural_categories().iter().map(|c| (*c).to_owned()).collect();
        theirs.sort();
        ours.sort();
        assert_eq!(theirs, ours, "{lang:?}");
    }
}

#[wasm_bindgen_test]
fn counts_choose_the_form_of_their_category() {
    load_all();
    let heading = |lang: Lang, n: usize| intl::counted(lang.tag(), n, &lang.strings().comments_heading, &[]);
    let number = |lang: Lang, n: usize| intl::count(lang.tag(), n);
    // English: one and other.
    assert_eq!(heading(Lang::En, 1), "1 comment");
    for n in [0, 2, 5, 11, 22, 101] {
        assert_eq!(heading(Lang::En, n), format!("{n} comments"));
    }
    assert_eq!(intl::counted("en", 1, &Lang::En.strings().characters_left, &[]), "1 character left");
    // Polish: one, few (2–4, 22–24…), many (0, 5–21, 25…).
    let polish: Vec<String> = [0, 1, 2, 5, 11, 22, 101].into_iter().map(|n| heading(Lang::Pl, n)).collect();
    assert_eq!(polish, ["0 komentarzy", "1 komentarz", "2 komentarze", "5 komentarzy", "11 komentarzy", "22 komentarze", "101 komentarzy"]);
    // Arabic: six categories; numbers are written as Intl writes them for `ar`.
    let arabic: Vec<String> = [0, 1, 2, 5, 11, 22, 101].into_iter().map(|n| heading(Lang::Ar, n)).collect();
    let n = |value: usize| number(Lang::Ar, value);
    assert_eq!(
        arabic,
        [
            format!("{} تعليق", n(0)),
            "تعليق واحد".to_owned(),
            "تعليقان".to_owned(),
            format!("{} تعليقات", n(5)),
            format!("{} تعليقًا", n(11)),
            format!("{} تعليقًا", n(22)),
            format!("{} تعليق", n(101)),
        ]
    );
    // French: 0 and 1 are "one"; a million is "many".
    assert_eq!(heading(Lang::Fr, 0), format!("{} commentaire", number(Lang::Fr, 0)));
    assert_eq!(heading(Lang::Fr, 1_000_000), format!("{} de commentaires", number(Lang::Fr, 1_000_000)));
}

#[wasm_bindgen_test]
fn limits_come_from_the_code_and_are_formatted_for_the_language() {
    load_all();
    let strings = Lang::De.strings();
    let max = intl::count("de", review_widget::core::comments::validation::COMMENT_MAX);
    assert_eq!(max, "5.000");
    let text = intl::counted("de", 3, &strings.comment_too_long, &[("max", &max)]);
    assert_eq!(text, "Ihr Kommentar ist 3 Zeichen zu lang (höchstens 5.000).");
    assert_eq!(fill(Lang::En.strings().name_too_long.form("one"), &[("count", "1"), ("max", "80")]), "Your name is 1 character too long (80 at most).");
}

/// The comment-count heading's words for 0, 1, 2, 5, 11, 22 and 101 in every language are the
/// table's form for the category that the browser's own `Intl.PluralRules` picks.
#[wasm_bindgen_test]
fn the_count_heading_follows_the_browsers_plural_rules_in_every_language() {
    load_all();
    for lang in Lang::ALL {
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
        let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        for n in [0usize, 1, 2, 5, 11, 22, 101] {
            let category = rules.select(n as f64).as_string().unwrap();
            let form = lang.strings().comments_heading.form(&category);
            let expected = fill(form, &[("count", &intl::count(lang.tag(), n))]);
            let shown = intl::counted(lang.tag(), n, &lang.strings().comments_heading, &[]);
            assert_eq!(shown, expected, "{lang:?} {n} ({category})");
            assert!(lang.plural_categories().contains(&category.as_str()), "{lang:?}: {category}");
        }
    }
}
