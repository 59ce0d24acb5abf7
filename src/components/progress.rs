//! "How far have you read?": the reading-progress select of chapter-aware spoilers.

use crate::core::i18n::{fill, Strings};
use crate::core::progress::{Progress, Reach};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// An option's or a tag's words: "Not started", "Chapter 12", "Finished".
pub fn progress_text(strings: &Strings, progress: Progress) -> String {
    match progress {
        Progress::NotStarted => strings.not_started.to_owned(),
        Progress::Chapter(n) => fill(strings.chapter_n, &[("number", &n.to_string())]),
        Progress::Finished => strings.finished.to_owned(),
    }
}

/// A spoiler's visible tag: "Up to chapter 12", "Whole book".
pub fn reach_text(strings: &Strings, reach: Reach) -> String {
    match reach {
        Reach::Chapter(n) => fill(strings.up_to_chapter, &[("number", &n.to_string())]),
        Reach::WholeBook => strings.whole_book.to_owned(),
    }
}

/// The select, for a book of `chapters` chapters.
pub fn progress_select(strings: &Strings, chapters: u32, progress: Progress, onchange: &Callback<Progress>) -> Html {
    let onchange = onchange.reform(move |event: Event| {
        Progress::from_value(&event.target_unchecked_into::<HtmlSelectElement>().value(), chapters)
    });
    html! {
        <label class="rw-progress">
            { strings.reading_progress }
            <select {onchange}>
                { for Progress::choices(chapters).map(|choice| html! {
                    <option value={choice.to_value()} selected={choice == progress}>{ progress_text(strings, choice) }</option>
                }) }
            </select>
        </label>
    }
}
