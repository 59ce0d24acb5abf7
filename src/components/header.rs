//! The header from the widget's attributes: the book, the rating, the byline and the
//! content warnings.

use super::heading::heading;
use super::nodes;
use crate::core::config::WidgetConfig;
use crate::core::i18n::fill;
use crate::shell::intl;
use yew::prelude::*;

/// The header; a plain function (it has no state), re-rendered with the app.
pub fn header(config: &WidgetConfig, content_warnings: &[String]) -> Html {
    let lang = config.locale.as_str();
    let strings = config.lang.strings();
    let title = match &config.book_title {
        Some(title) => html! { <cite class="rw-title">{ title.clone() }</cite> },
        None => html! { { strings.review } },
    };
    let rating = config.rating.map(|rating| {
        let number = intl::number(lang, rating.value(), &rating.display());
        let text = fill(strings.rating, &[("rating", &number)]);
        let stars = nodes(5, &mut |star| {
            let class = match usize::from(rating.halves()).saturating_sub(star * 2) {
                0 => "rw-star",
                1 => "rw-star is-half",
                _ => "rw-star is-full",
            };
            html! { <span ~className={class}>{ "★" }</span> }
        });
        html! {
            <p class="rw-rating">
                <span class="rw-stars" aria-hidden="true">{ stars }</span>
                <span class="rw-rating-text">{ text }</span>
            </p>
        }
    });
    let published = config.published.map(|date| {
        let iso = date.to_iso();
        let text = intl::long_date(lang, date.to_millis()).unwrap_or_else(|| iso.clone());
        html! { <time datetime={iso}>{ text }</time> }
    });
    let byline = match (&config.reviewer, published) {
        (None, None) => None,
        (reviewer, published) => Some(html! {
            <p class="rw-byline">
                if let Some(reviewer) = reviewer {
                    <span>{ fill(strings.reviewed_by, &[("reviewer", reviewer)]) }</span>
                }
                if reviewer.is_some() && published.is_some() { <span aria-hidden="true">{ " · " }</span> }
                { published.unwrap_or_default() }
            </p>
        }),
    };
    let warnings = (!content_warnings.is_empty()).then(|| {
        html! {
            <div class="rw-warnings" role="note">
                <strong>{ strings.content_warnings }{ ": " }</strong>
                <ul class="rw-warning-list">
                    { nodes(content_warnings.len(), &mut |at| html! { <li>{ content_warnings[at].clone() }</li> }) }
                </ul>
            </div>
        }
    });
    html! {
        <header class="rw-header">
            { heading(config.heading_level, "rw-heading", None, title) }
            if let Some(author) = &config.book_author {
                <p class="rw-author">{ fill(strings.book_by, &[("author", author)]) }</p>
            }
            { rating.unwrap_or_default() }
            { byline.unwrap_or_default() }
            { warnings.unwrap_or_default() }
        </header>
    }
}
