//! The Web Locks API (`navigator.locks`), where the browser has it: the tabs of this origin
//! run jobs under one name one at a time. It only makes tabs meet less often; the comments'
//! correctness never depends on it (see `core::comments::store`).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Asks for the lock `name`, calling `job` (a JS function) with it: the promise of the
/// request, or `None` where the browser has no locks (or refuses the call).
fn request(name: &str, job: &JsValue) -> Option<Promise> {
    let locks = web_sys::window()
        .and_then(|window| Reflect::get(&window, &JsValue::from_str("navigator")).ok())
        .and_then(|navigator| Reflect::get(&navigator, &JsValue::from_str("locks")).ok())
        .filter(|locks| locks.is_object())?;
    let request = Reflect::get(&locks, &JsValue::from_str("request")).ok()?.dyn_into::<Function>().ok()?;
    request.call2(&locks, &JsValue::from_str(name), job).ok()?.dyn_into::<Promise>().ok()
}

/// Runs `job` while holding the lock `name`, or at once where there are no locks.
pub fn with_lock(name: &str, job: impl FnOnce() + 'static) {
    let job = Closure::once_into_js(move |_lock: JsValue| job());
    let run = |job: &JsValue| {
        let _ = job.unchecked_ref::<Function>().call1(&JsValue::NULL, &JsValue::NULL);
    };
    match request(name, &job) {
        // A refused lock (an opaque origin, a sandboxed frame) must not become an unhandled
        // rejection on the host page; the job then runs without it.
        Some(promise) => wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                run(&job);
            }
        }),
        None => run(&job),
    }
}

/// Holds the lock `name` while `job` runs (shared comments: one tab of the reader talks to
/// the database at a time; the next one waiting takes over when that tab goes). Where there
/// are no locks, or the lock is refused, the job runs without one.
#[cfg(feature = "sync")]
pub fn hold(name: &str, job: impl std::future::Future<Output = ()> + 'static) {
    use std::{cell::RefCell, future::Future, pin::Pin, rc::Rc};
    // Run once: by the lock's callback, or here when there is no lock.
    type Job = Rc<RefCell<Option<Pin<Box<dyn Future<Output = ()>>>>>>;
    let job: Job = Rc::new(RefCell::new(Some(Box::pin(job))));
    let run = |job: &Job| job.borrow_mut().take();
    let held = {
        let job = job.clone();
        Closure::once_into_js(move |_lock: JsValue| -> Promise {
            let work = run(&job);
            wasm_bindgen_futures::future_to_promise(async move {
                if let Some(work) = work {
                    work.await;
                }
                Ok(JsValue::UNDEFINED)
            })
        })
    };
    let asked = request(name, &held);
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(asked) = asked {
            if wasm_bindgen_futures::JsFuture::from(asked).await.is_ok() {
                return;
            }
        }
        if let Some(work) = run(&job) {
            work.await;
        }
    });
}
