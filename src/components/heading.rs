//! Headings at a level chosen at run time, without Yew's dynamic tags (which cost the
//! bundle more than a match).

use yew::prelude::*;

/// `<h{level} class id>{content}</h…>`; levels outside 1–6 are clamped.
pub fn heading(level: u8, class: &'static str, id: Option<&'static str>, content: Html) -> Html {
    match level.clamp(1, 6) {
        1 => html! { <h1 ~className={class} {id}>{ content }</h1> },
        2 => html! { <h2 ~className={class} {id}>{ content }</h2> },
        3 => html! { <h3 ~className={class} {id}>{ content }</h3> },
        4 => html! { <h4 ~className={class} {id}>{ content }</h4> },
        5 => html! { <h5 ~className={class} {id}>{ content }</h5> },
        _ => html! { <h6 ~className={class} {id}>{ content }</h6> },
    }
}
