//! One clock for every widget on the page: the loader sends `review-widget:tick` on
//! `window` every 30 seconds, and each widget's relative times ("3 minutes ago") follow it.

use gloo::events::EventListener;

const TICK_EVENT: &str = "review-widget:tick";

/// Calls `tick` on every tick while the listener lives.
pub fn on_tick(tick: impl Fn() + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, TICK_EVENT, move |_| tick()))
}
