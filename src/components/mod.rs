//! The Yew components that draw a widget inside its shadow root.

pub mod app;
pub mod comments;
pub mod header;
pub mod heading;
pub mod progress;
pub mod review_body;
pub mod spoiler;

pub use app::{App, AppProps, Widget};

use yew::virtual_dom::VList;
use yew::Html;

/// A plain button (`type="button"`) with a text: one copy of the markup for every such
/// button of the widget.
pub fn button(class: &'static str, label: &'static str, onclick: yew::Callback<web_sys::MouseEvent>) -> Html {
    yew::html! { <button type="button" ~className={class} {onclick}>{ label }</button> }
}

/// `count` nodes rendered one by one into a list. Every list of the widget goes through this
/// one loop: each `.map(…).collect()` of nodes would be its own copy of the iterator code,
/// which every reader downloads.
pub fn nodes(count: usize, render: &mut dyn FnMut(usize) -> Html) -> Html {
    let mut list = Vec::with_capacity(count);
    for at in 0..count {
        list.push(render(at));
    }
    VList::with_children(list, None).into()
}
