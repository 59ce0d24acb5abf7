//! Files in and out: downloading an export, reading a chosen file.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};

/// Offers `text` to the reader as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return false };
    let Some(link) = document.create_element("a").ok().and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok()) else {
        return false;
    };
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The download has started by the next task; the URL can go then.
    let revoke = gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = Url::revoke_object_url(&url);
    });
    revoke.forget();
    true
}

/// The text of the first file chosen in `input`, if any.
pub async fn read_chosen_file(input: &HtmlInputElement) -> Option<Result<String, ()>> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    // Reset, so that choosing the same file again fires `change` again.
    input.set_value("");
    Some(text.ok().and_then(|t| t.as_string()).ok_or(()))
}
