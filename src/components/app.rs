//! The root of one widget: the header, the review and its spoilers.

use super::comments::CommentsSection;
use super::header::header;
use super::review_body::ReviewView;
use crate::core::config::WidgetConfig;
use crate::core::i18n::fill;
use crate::core::review::{Review, RevealedSpoilers, SpoilerId};
use super::progress::progress_select;
use crate::core::progress::{Progress, Reach};
use crate::shell::reading::ReadingStore;
use crate::shell::{intl, session};

use std::rc::Rc;
use yew::prelude::*;

/// Everything a widget shows, read once from the host element.
#[derive(Debug)]
pub struct Widget {
    pub config: Rc<WidgetConfig>,
    pub review: Review,
    pub spoiler_ids: Vec<SpoilerId>,
    /// Every spoiler with how far it reaches (chapter-aware spoilers).
    pub spoilers: Vec<(SpoilerId, Reach)>,
}

impl Widget {
    pub fn new(config: WidgetConfig, review: Review) -> Widget {
        let spoilers = review.spoilers();
        let spoiler_ids = spoilers.iter().map(|(id, _)| id.clone()).collect();
        Widget { config: Rc::new(config), review, spoiler_ids, spoilers }
    }
}

#[derive(Properties)]
pub struct AppProps {
    pub widget: Rc<Widget>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.widget, &other.widget)
    }
}

/// What a reader can do to the spoilers.
pub enum SpoilerAction {
    Toggle(SpoilerId),
    /// Show all or Hide all, with what the status region says of it.
    RevealAll(Vec<SpoilerId>, &'static str),
    HideAll(Vec<SpoilerId>, &'static str),
    /// The reading progress moved (here, or in another tab or review of the book): open what
    /// became safe, close what no longer is.
    Progress { widget: Rc<Widget>, to: Progress },
}

/// What the reader sees of the spoilers, and why.
#[derive(Clone, PartialEq)]
struct SpoilerState {
    revealed: RevealedSpoilers,
    /// How far the reader has read (chapter-aware spoilers).
    progress: Progress,
    /// How many spoilers the last change of progress opened, while it is the last change
    /// (the status region says "2 more spoilers are now shown.").
    opened: usize,
    /// What the status region says after Show all or Hide all, until the progress moves.
    said: Option<&'static str>,
}

impl Reducible for SpoilerState {
    type Action = SpoilerAction;

    /// The one place the spoiler state changes (effects of `App` persist it).
    fn reduce(self: Rc<Self>, action: SpoilerAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.opened = 0;
        match action {
            SpoilerAction::Toggle(id) => next.revealed.toggle(&id),
            SpoilerAction::RevealAll(ids, said) => {
                next.revealed.reveal(&ids);
                next.said = Some(said);
            }
            SpoilerAction::HideAll(ids, said) => {
                next.revealed.hide(&ids);
                next.said = Some(said);
            }
            SpoilerAction::Progress { widget, to } => {
                if to == self.progress {
                    return self;
                }
                next.opened = next.revealed.follow_progress(&widget.spoilers, self.progress, to);
                next.progress = to;
                next.said = None;
            }
        }
        Rc::new(next)
    }
}

/// The widget's one polite live region: the last thing said, numbered (so that the same
/// words said twice are announced twice).
#[derive(Default)]
struct LiveRegion {
    said: u32,
    text: String,
}

impl Reducible for LiveRegion {
    type Action = String;

    fn reduce(self: Rc<Self>, text: String) -> Rc<Self> {
        Rc::new(LiveRegion { said: self.said.wrapping_add(1), text })
    }
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let widget = &props.widget;
    let config = &widget.config;
    let strings = config.lang.strings();
    let key: Rc<str> = RevealedSpoilers::storage_key(&config.review_id).into();
    // Chapter-aware spoilers: the book's reading progress, shared by its reviews.
    let reading = {
        let (book_id, chapters) = (config.book_id.clone(), config.chapters);
        use_memo((), move |()| chapters.map(|chapters| ReadingStore::open(&book_id, chapters)))
    };
    let spoilers = {
        let (key, widget, reading) = (key.clone(), widget.clone(), reading.clone());
        use_reducer(move || {
            let progress = reading.as_ref().as_ref().map_or(Progress::NotStarted, ReadingStore::read);
            let mut revealed = RevealedSpoilers::restore(session::read(&key).as_deref(), &widget.spoiler_ids);
            revealed.follow_progress(&widget.spoilers, Progress::NotStarted, progress);
            SpoilerState { revealed, progress, opened: 0, said: None }
        })
    };
    let onprogress = {
        let (dispatch, widget) = (spoilers.dispatcher(), widget.clone());
        Callback::from(move |to: Progress| dispatch.dispatch(SpoilerAction::Progress { widget: widget.clone(), to }))
    };
    // The progress is kept for the book (unless it is what is kept already: another tab or
    // review of the book changed it).
    {
        let reading = reading.clone();
        use_effect_with(spoilers.progress, move |progress| {
            if let Some(store) = reading.as_ref() {
                if store.read() != *progress {
                    store.write(*progress);
                }
            }
        });
    }
    // Another tab or review of the same book changed the progress: follow it.
    {
        let (reading, onprogress) = (reading.clone(), onprogress.clone());
        use_effect_with((), move |()| {
            let watch = reading.as_ref().as_ref().and_then(|store| {
                let reading = reading.clone();
                store.watch(move || {
                    if let Some(store) = reading.as_ref() {
                        onprogress.emit(store.read());
                    }
                })
            });
            move || drop(watch)
        });
    }
    // What the review's status line says: what the last change of progress opened, or Show all.
    let status = match spoilers.opened {
        0 => spoilers.said.map(str::to_owned),
        opened => Some(intl::counted(&config.locale, opened, &strings.more_spoilers, &[])),
    };
    // The widget's one polite live region: the last thing that happened, in the review or in
    // the comments (numbered, so the same words said twice are announced twice).
    let live = use_reducer(LiveRegion::default);
    let onannounce = {
        let dispatch = live.dispatcher();
        Callback::from(move |text: String| dispatch.dispatch(text))
    };
    {
        let onannounce = onannounce.clone();
        use_effect_with((status.clone(), spoilers.progress, spoilers.said), move |(status, _, _)| {
            if let Some(status) = status {
                onannounce.emit(status.clone());
            }
        });
    }
    // What the reader revealed is remembered for the session (a reload keeps it).
    use_effect_with(spoilers.revealed.clone(), move |revealed| session::write(&key, &revealed.to_json()));

    let ontoggle = {
        let dispatch = spoilers.dispatcher();
        Callback::from(move |id| dispatch.dispatch(SpoilerAction::Toggle(id)))
    };
    let all_revealed = spoilers.revealed.all_revealed(&widget.spoiler_ids);
    let onallclick = {
        let dispatch = spoilers.dispatcher();
        let ids = widget.spoiler_ids.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(if all_revealed {
                SpoilerAction::HideAll(ids.clone(), strings.all_spoilers_hidden)
            } else {
                SpoilerAction::RevealAll(ids.clone(), strings.all_spoilers_shown)
            })
        })
    };
    let view = ReviewView { strings, revealed: &spoilers.revealed, ontoggle: &ontoggle, chapters: config.chapters.is_some() };
    let label = match &config.book_title {
        Some(title) => fill(strings.review_of, &[("title", title)]),
        None => strings.review.to_owned(),
    };
    html! {
        <article class="rw-widget" lang={config.locale.clone()} aria-label={label}>
            { header(config, &widget.review.content_warnings) }
            if !widget.spoiler_ids.is_empty() || config.chapters.is_some() {
                <div class="rw-toolbar">
                    if let Some(chapters) = config.chapters {
                        { progress_select(strings, chapters, spoilers.progress, &onprogress) }
                    }
                    if !widget.spoiler_ids.is_empty() {
                        <button type="button" class="rw-button rw-all-spoilers" onclick={onallclick}>
                            { if all_revealed { strings.hide_all_spoilers } else { strings.show_all_spoilers } }
                        </button>
                    }
                    <p class="rw-status">{ status.unwrap_or_default() }</p>
                </div>
            }
            <div class="rw-review">{ view.blocks(&widget.review.blocks) }</div>
            <CommentsSection review_id={config.review_id.clone()} lang={config.lang} locale={config.locale.clone()} heading_level={config.heading_level}
                chapters={config.chapters} progress={spoilers.progress} {onannounce} />
            <p class="rw-live" role="status">{ live.text.clone() }{ if live.said % 2 == 1 { "\u{200B}" } else { "" } }</p>
        </article>
    }
}
