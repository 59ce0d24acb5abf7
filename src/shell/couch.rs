//! HTTP to a CouchDB database, for shared comments (the `sync` build only): `fetch`, with the
//! reader's anonymous credentials where a write needs them. Every failure (no network, a
//! refused CORS request, a server that answers HTML or nothing) is an `Err`, never a panic.

use crate::core::comments::sync::Identity;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Answers larger than this are refused (a page of changes is far smaller).
const ANSWER_MAX: usize = 8 << 20;

pub struct Answer {
    pub status: u16,
    pub text: String,
}

/// `method url` with a JSON `body`, signed in as `auth` when given.
pub async fn call(method: &str, url: &str, body: Option<&str>, auth: Option<&Identity>) -> Result<Answer, ()> {
    let window = web_sys::window().ok_or(())?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| ())?;
    let headers = request.headers();
    headers.set("accept", "application/json").map_err(|_| ())?;
    if body.is_some() {
        headers.set("content-type", "application/json").map_err(|_| ())?;
    }
    if let Some(who) = auth {
        let token = window.btoa(&format!("{}:{}", who.name, who.password)).map_err(|_| ())?;
        headers.set("authorization", &format!("Basic {token}")).map_err(|_| ())?;
    }
    let response: Response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    let text = JsFuture::from(response.text().map_err(|_| ())?).await.map_err(|_| ())?.as_string().ok_or(())?;
    if text.len() > ANSWER_MAX {
        return Err(());
    }
    Ok(Answer { status: response.status(), text })
}

/// A promise that resolves after `ms` milliseconds.
pub fn after(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

/// Whether the page is hidden (a background tab): no long polling then.
pub fn hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// A wake-up call: `wait` gives a promise that `wake` resolves (the next `wait` a new one).
#[derive(Default)]
pub struct Wake {
    resolve: std::cell::RefCell<Option<js_sys::Function>>,
    pending: std::cell::Cell<bool>,
}

impl Wake {
    pub fn wait(&self) -> Promise {
        if self.pending.replace(false) {
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        Promise::new(&mut |resolve, _| *self.resolve.borrow_mut() = Some(resolve))
    }

    pub fn wake(&self) {
        match self.resolve.borrow_mut().take() {
            Some(resolve) => {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
            None => self.pending.set(true),
        }
    }
}

/// Waits for the first of two promises.
pub async fn first(a: &Promise, b: &Promise) {
    let _ = JsFuture::from(Promise::race(&js_sys::Array::of2(a, b))).await;
}
