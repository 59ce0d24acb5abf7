//! The JSON-LD `Review` in the host page's `<head>`, once per review id.

use web_sys::Document;

fn selector(review_id: &str) -> String {
    format!("script[data-review-widget=\"{review_id}\"]")
}

/// Takes the review's JSON-LD out of `<head>` (its widget left the page).
pub fn remove_json_ld(document: &Document, review_id: &str) {
    if let Some(script) = document.head().and_then(|head| head.query_selector(&selector(review_id)).ok().flatten()) {
        script.remove();
    }
}

/// Adds `<script type="application/ld+json" data-review-widget="…">` unless one is there.
/// The JSON goes in as text (never parsed as HTML).
pub fn add_json_ld(document: &Document, review_id: &str, json: &str) {
    let Some(head) = document.head() else { return };
    if matches!(head.query_selector(&selector(review_id)), Ok(Some(_))) {
        return;
    }
    let Ok(script) = document.create_element("script") else { return };
    let _ = script.set_attribute("type", "application/ld+json");
    let _ = script.set_attribute("data-review-widget", review_id);
    script.set_text_content(Some(json));
    let _ = head.append_child(&script);
}
