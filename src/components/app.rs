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
    RevealAll(Vec<SpoilerId>),
    HideAll(Vec<SpoilerId>),
    /// The reading progress moved: open what became safe, close what no longer is.
    Progress { spoilers: Rc<Widget>, before: Progress, after: Progress },
}

/// The revealed spoilers.
#[derive(Clone, PartialEq)]
struct SpoilerState(RevealedSpoilers);

impl Reducible for SpoilerState {
    type Action = SpoilerAction;

    /// The one place the spoiler state changes (an effect of `App` persists it).
    fn reduce(self: Rc<Self>, action: SpoilerAction) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            SpoilerAction::Toggle(id) => next.toggle(&id),
            SpoilerAction::RevealAll(ids) => next.reveal(&ids),
            SpoilerAction::HideAll(ids) => next.hide(&ids),
            SpoilerAction::Progress { spoilers, before, after } => {
                next.follow_progress(&spoilers.spoilers, before, after);
            }
        }
        Rc::new(SpoilerState(next))
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
    let progress = {
        let reading = reading.clone();
        use_state(move || reading.as_ref().as_ref().map_or(Progress::NotStarted, ReadingStore::read))
    };
    let spoilers = {
        let (key, widget, progress) = (key.clone(), widget.clone(), *progress);
        use_reducer(move || {
            let mut revealed = RevealedSpoilers::restore(session::read(&key).as_deref(), &widget.spoiler_ids);
            revealed.follow_progress(&widget.spoilers, Progress::NotStarted, progress);
            SpoilerState(revealed)
        })
    };
    let progress_status = use_state(|| None::<String>);
    // The latest progress and revealed spoilers, for callbacks made on an earlier render.
    let latest = use_mut_ref(|| (*progress, spoilers.0.clone()));
    latest.borrow_mut().1 = spoilers.0.clone();
    // The progress moved: by the reader here (`true`: it is saved), or in another tab or
    // review of the book (`false`: it was saved there).
    let onprogress = {
        let (reading, progress, status, latest) = (reading.clone(), progress.clone(), progress_status.clone(), latest.clone());
        let (dispatch, widget) = (spoilers.dispatcher(), widget.clone());
        Callback::from(move |(after, here): (Progress, bool)| {
            let (before, mut revealed) = latest.borrow().clone();
            if before == after {
                return;
            }
            latest.borrow_mut().0 = after;
            if let (true, Some(reading)) = (here, reading.as_ref()) {
                reading.write(after);
            }
            let shown = revealed.follow_progress(&widget.spoilers, before, after);
            let strings = widget.config.lang.strings();
            let message = intl::counted(widget.config.lang.tag(), shown, strings.more_spoilers_one, strings.more_spoilers_other);
            status.set((shown > 0).then_some(message));
            dispatch.dispatch(SpoilerAction::Progress { spoilers: widget.clone(), before, after });
            progress.set(after);
        })
    };
    // Another tab or review of the same book changed the progress: follow it.
    {
        let (reading, onprogress) = (reading.clone(), onprogress.clone());
        use_effect_with((), move |()| {
            let watch = reading.as_ref().as_ref().and_then(|store| {
                let reading = reading.clone();
                store.watch(move || {
                    if let Some(store) = reading.as_ref() {
                        onprogress.emit((store.read(), false));
                    }
                })
            });
            move || drop(watch)
        });
    }
    // What the reader revealed is remembered for the session (a reload keeps it).
    use_effect_with(spoilers.0.clone(), move |revealed| session::write(&key, &revealed.to_json()));

    let ontoggle = {
        let dispatch = spoilers.dispatcher();
        Callback::from(move |id| dispatch.dispatch(SpoilerAction::Toggle(id)))
    };
    let all_revealed = spoilers.0.all_revealed(&widget.spoiler_ids);
    let onallclick = {
        let dispatch = spoilers.dispatcher();
        let ids = widget.spoiler_ids.clone();
        let status = progress_status.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(Some(if all_revealed { strings.all_spoilers_hidden } else { strings.all_spoilers_shown }.to_owned()));
            dispatch.dispatch(if all_revealed {
                SpoilerAction::HideAll(ids.clone())
            } else {
                SpoilerAction::RevealAll(ids.clone())
            })
        })
    };
    let view = ReviewView { strings, revealed: &spoilers.0, ontoggle: &ontoggle, chapters: config.chapters.is_some() };
    let label = match &config.book_title {
        Some(title) => fill(strings.review_of, &[("title", title)]),
        None => strings.review.to_owned(),
    };
    html! {
        <article class="rw-widget" lang={config.lang.tag()} aria-label={label}>
            { header(config, &widget.review.content_warnings) }
            if !widget.spoiler_ids.is_empty() || config.chapters.is_some() {
                <div class="rw-toolbar">
                    if let Some(chapters) = config.chapters {
                        { progress_select(strings, chapters, *progress, &onprogress.reform(|chosen| (chosen, true))) }
                    }
                    if !widget.spoiler_ids.is_empty() {
                        <button type="button" class="rw-button rw-all-spoilers" onclick={onallclick}>
                            { if all_revealed { strings.hide_all_spoilers } else { strings.show_all_spoilers } }
                        </button>
                    }
                    <p class="rw-status" role="status">{ (*progress_status).clone().unwrap_or_default() }</p>
                </div>
            }
            <div class="rw-review">{ view.blocks(&widget.review.blocks) }</div>
            <CommentsSection review_id={config.review_id.clone()} lang={config.lang} heading_level={config.heading_level}
                chapters={config.chapters} progress={*progress} />
        </article>
    }
}
