//! The widget in a real browser: header, review, spoilers (toggle, reveal-all, Escape,
//! focus, remembered state, whole-review mode). Run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use support::browser::{mount_widget, press, session_storage, settle};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ATTRS: &[(&str, &str)] = &[
    ("review-id", "browser-test"),
    ("book-title", "Never Let Me Go"),
    ("book-author", "Kazuo Ishiguro"),
    ("rating", "4.5"),
    ("reviewer", "A. Reader"),
    ("published", "2026-11-20"),
    ("lang", "en"),
];

const REVIEW: &str = r#"
  <p>An opening paragraph with no spoilers.</p>
  <details data-spoiler><summary>What Hailsham is for</summary><p>Clones raised as donors <a href="https://example.org/x" title="linktitle">linkword</a> <img src="/a.png" alt="altword"></p></details>
  <p>Text with an <span data-spoiler>inline secret</span> inside it.</p>
  <aside data-content-warning>Sexual content</aside>
  <script>window.__pwned = true</script>
"#;

fn fresh_id(name: &str) -> Vec<(&'static str, String)> {
    vec![("review-id", format!("{name}-{}", js_sys::Math::random()))]
}

fn attrs_with(extra: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    let mut all: Vec<(&'static str, String)> = ATTRS.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    for (k, v) in extra {
        all.retain(|(name, _)| name != k);
        all.push((k, v.clone()));
    }
    all
}

async fn mount_review(extra: &[(&'static str, String)], review: &str) -> support::browser::Mounted {
    let attrs = attrs_with(extra);
    let borrowed: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    mount_widget(&borrowed, review).await
}

#[wasm_bindgen_test]
async fn header_shows_the_book_rating_byline_and_warnings() {
    let w = mount_review(&fresh_id("header"), REVIEW).await;
    let heading = w.query("h2").expect("the top heading is an h2 by default");
    assert_eq!(heading.text_content().unwrap(), "Never Let Me Go");
    let text = w.text();
    assert!(text.contains("by Kazuo Ishiguro"), "{text}");
    assert!(text.contains("4.5 out of 5"), "{text}");
    assert!(text.contains("Reviewed by A. Reader"), "{text}");
    let time = w.query("time").unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2026-11-20"));
    assert_eq!(time.text_content().unwrap(), "November 20, 2026");
    assert!(w.query("[role=note]").unwrap().text_content().unwrap().contains("Sexual content"));
    assert!(text.contains("An opening paragraph with no spoilers."));
    assert!(w.query("script").is_none());
    w.unmount();
}

#[wasm_bindgen_test]
async fn heading_level_moves_the_top_heading() {
    let mut extra = fresh_id("level");
    extra.push(("heading-level", "4".into()));
    let w = mount_review(&extra, "<h2>Inner</h2><p>x</p>").await;
    assert_eq!(w.query("h4").unwrap().text_content().unwrap(), "Never Let Me Go");
    assert_eq!(w.query("h5").unwrap().text_content().unwrap(), "Inner");
    w.unmount();
}

#[wasm_bindgen_test]
async fn nothing_of_a_spoiler_exists_until_it_is_revealed() {
    let w = mount_review(&fresh_id("leak"), REVIEW).await;
    let everything = w.everything();
    for secret in ["Clones", "linkword", "linktitle", "altword", "example.org", "inline secret"] {
        assert!(!everything.contains(secret), "{secret} is in the shadow tree before reveal");
    }
    let button = w.button("Show spoiler: What Hailsham is for").expect("block spoiler button");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    let controls = button.get_attribute("aria-controls").unwrap();
    assert!(w.root.get_element_by_id(&controls).is_some(), "aria-controls points at the content");
    button.click();
    settle().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(button.get_attribute("aria-label").as_deref(), Some("Hide spoiler: What Hailsham is for"));
    let region = w.root.get_element_by_id(&controls).unwrap();
    assert!(region.text_content().unwrap().contains("Clones raised as donors"));
    let link = w.query("a").unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://example.org/x"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener"));
    assert_eq!(link.get_attribute("title"), None, "attributes outside the allow-list never come through");
    assert!(!w.text().contains("inline secret"), "revealing one spoiler reveals only that one");
    w.unmount();
}

#[wasm_bindgen_test]
async fn a_click_on_revealed_text_does_not_hide_it() {
    let w = mount_review(&fresh_id("click"), REVIEW).await;
    w.button("Show spoiler: Spoiler").unwrap().click();
    settle().await;
    let content = w.query(".rw-spoiler-inline .rw-spoiler-content").unwrap();
    assert_eq!(content.text_content().unwrap(), "inline secret");
    content.click();
    settle().await;
    assert!(w.text().contains("inline secret"));
    w.unmount();
}

#[wasm_bindgen_test]
async fn escape_hides_the_spoiler_and_focuses_its_button() {
    let w = mount_review(&fresh_id("escape"), REVIEW).await;
    w.button("Show spoiler: What Hailsham is for").unwrap().click();
    settle().await;
    let link = w.query("a").unwrap();
    link.focus().unwrap();
    press(&link, "Escape");
    settle().await;
    let button = w.button("Show spoiler: What Hailsham is for").expect("hidden again");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(!w.text().contains("Clones"));
    let active = w.root.active_element().expect("focus stays in the widget");
    let button: &web_sys::Element = button.as_ref();
    assert_eq!(&active, button);
    w.unmount();
}

#[wasm_bindgen_test]
async fn show_all_and_hide_all_act_on_every_spoiler() {
    let w = mount_review(&fresh_id("all"), REVIEW).await;
    w.button("Show all spoilers").expect("reveal-all button").click();
    settle().await;
    assert!(w.text().contains("Clones raised as donors") && w.text().contains("inline secret"));
    assert!(w.button("Hide spoiler: What Hailsham is for").is_some());
    assert!(w.button("Hide spoiler: Spoiler").is_some());
    w.button("Hide all spoilers").expect("becomes hide-all").click();
    settle().await;
    assert!(!w.text().contains("Clones") && !w.text().contains("inline secret"));
    // Revealing every spoiler one by one also turns the button into "Hide all".
    w.button("Show spoiler: What Hailsham is for").unwrap().click();
    w.button("Show spoiler: Spoiler").unwrap().click();
    settle().await;
    assert!(w.button("Hide all spoilers").is_some());
    w.unmount();
}

#[wasm_bindgen_test]
async fn a_review_without_spoilers_has_no_reveal_all_button() {
    let w = mount_review(&fresh_id("none"), "<p>Nothing hidden.</p>").await;
    assert!(w.button("Show all spoilers").is_none());
    w.unmount();
}

#[wasm_bindgen_test]
async fn revealed_spoilers_are_remembered_for_the_session_by_content() {
    let id = fresh_id("remember");
    let w = mount_review(&id, REVIEW).await;
    w.button("Show spoiler: Spoiler").unwrap().click();
    settle().await;
    w.unmount();
    let key = format!("review-widget:v1:{}:revealed", id[0].1);
    let stored = session_storage().get_item(&key).unwrap().expect("stored under the widget's key");
    assert_eq!(serde_json::from_str::<Vec<String>>(&stored).unwrap().len(), 1);

    let again = mount_review(&id, REVIEW).await;
    assert!(again.text().contains("inline secret"), "revealed again after a reload");
    assert!(!again.text().contains("Clones"));
    again.unmount();

    let edited = REVIEW.replace("inline secret", "edited secret");
    let after_edit = mount_review(&id, &edited).await;
    assert!(!after_edit.text().contains("edited secret"), "an edited spoiler is hidden again");
    after_edit.unmount();
}

#[wasm_bindgen_test]
async fn whole_review_mode_shows_only_header_warnings_and_summary() {
    let mut extra = fresh_id("whole");
    extra.push(("spoilers", "all".into()));
    let review = r#"<p data-summary>Spoiler-free summary.</p><p>Secret body.</p><aside data-content-warning>Grief</aside>"#;
    let w = mount_review(&extra, review).await;
    let text = w.text();
    assert!(text.contains("Spoiler-free summary.") && text.contains("Grief") && text.contains("Never Let Me Go"));
    assert!(!w.everything().contains("Secret body"));
    w.button("Show spoiler: The whole review").expect("one spoiler for the body").click();
    settle().await;
    assert!(w.text().contains("Secret body."));
    w.unmount();
}

#[wasm_bindgen_test]
async fn unmount_empties_the_shadow_root() {
    let w = mount_review(&fresh_id("unmount"), REVIEW).await;
    let root = w.root.clone();
    assert!(root.query_selector("article").unwrap().is_some());
    w.unmount();
    settle().await;
    assert!(root.query_selector("article").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn json_ld_goes_to_the_head_once_per_review_and_without_spoilers() {
    let id = fresh_id("jsonld");
    let first = mount_review(&id, REVIEW).await;
    let second = mount_review(&id, REVIEW).await;
    let document = web_sys::window().unwrap().document().unwrap();
    let selector = format!("head script[type='application/ld+json'][data-review-widget='{}']", id[0].1);
    let scripts = document.query_selector_all(&selector).unwrap();
    assert_eq!(scripts.length(), 1);
    let json = scripts.item(0).unwrap().text_content().unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["itemReviewed"]["name"], "Never Let Me Go");
    assert!(!json.contains("Clones") && !json.contains("inline secret"));
    first.unmount();
    second.unmount();
}

#[wasm_bindgen_test]
async fn escape_in_a_nested_spoiler_hides_only_the_innermost() {
    let review = r#"<div data-spoiler="Outer"><p>Outer text with <span data-spoiler>inner words</span>.</p></div>"#;
    let w = mount_review(&fresh_id("nested"), review).await;
    w.button("Show spoiler: Outer").unwrap().click();
    settle().await;
    w.button("Show spoiler: Spoiler").expect("the inner spoiler's button").click();
    settle().await;
    let inner = w.query(".rw-spoiler-inline .rw-spoiler-content").unwrap();
    assert_eq!(inner.text_content().unwrap(), "inner words");
    press(&inner, "Escape");
    settle().await;
    assert!(!w.text().contains("inner words"), "the inner spoiler is hidden");
    assert!(w.text().contains("Outer text"), "the outer one stays open");
    let active = w.root.active_element().expect("focus moved");
    assert_eq!(active.get_attribute("aria-label").as_deref(), Some("Show spoiler: Spoiler"));
    w.unmount();
}
