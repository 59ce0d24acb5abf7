//! "How far have you read?": the reading-progress select of chapter-aware spoilers.

use super::nodes;
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

/// The options `Not started` (or `first`), `Chapter 1` … `Finished`, with `selected` chosen:
/// the reading progress and the comment form's "Spoils up to" share them.
pub fn progress_options(strings: &Strings, chapters: u32, first: &str, selected: &dyn Fn(Progress) -> bool) -> Html {
    nodes(Progress::choice_count(chapters), &mut |at| {
        let choice = Progress::choice(at, chapters);
        let text = match choice {
            Progress::NotStarted => first.to_owned(),
            other => progress_text(strings, other),
        };
        html! { <option value={choice.to_value()} selected={selected(choice)}>{ text }</option> }
    })
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
                { progress_options(strings, chapters, strings.not_started, &|choice| choice == progress) }
            </select>
        </label>
    }
}
