//! The JSON-LD `Review` in the host page's `<head>`, once per review id.

use web_sys::Document;

/// Adds `<script type="application/ld+json" data-review-widget="…">` unless one is there.
/// The JSON goes in as text (never parsed as HTML).
pub fn add_json_ld(document: &Document, review_id: &str, json: &str) {
    let Some(head) = document.head() else { return };
    let selector = format!("script[data-review-widget=\"{review_id}\"]");
    if matches!(head.query_selector(&selector), Ok(Some(_))) {
        return;
    }
    let Ok(script) = document.create_element("script") else { return };
    let _ = script.set_attribute("type", "application/ld+json");
    let _ = script.set_attribute("data-review-widget", review_id);
    script.set_text_content(Some(json));
    let _ = head.append_child(&script);
}
