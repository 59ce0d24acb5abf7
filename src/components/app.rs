//! The root of one widget: the header, the review and its spoilers.

use super::comments::CommentsSection;
use super::header::header;
use super::review_body::ReviewView;
use crate::core::config::WidgetConfig;
use crate::core::i18n::fill;
use crate::core::review::{Review, RevealedSpoilers, SpoilerId};
use crate::shell::session;
use std::rc::Rc;
use yew::prelude::*;

/// Everything a widget shows, read once from the host element.
#[derive(Debug)]
pub struct Widget {
    pub config: Rc<WidgetConfig>,
    pub review: Review,
    pub spoiler_ids: Vec<SpoilerId>,
}

impl Widget {
    pub fn new(config: WidgetConfig, review: Review) -> Widget {
        let spoiler_ids = review.spoiler_ids();
        Widget { config: Rc::new(config), review, spoiler_ids }
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
    let spoilers = {
        let (key, ids) = (key.clone(), widget.spoiler_ids.clone());
        use_reducer(move || SpoilerState(RevealedSpoilers::restore(session::read(&key).as_deref(), &ids)))
    };
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
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(if all_revealed {
                SpoilerAction::HideAll(ids.clone())
            } else {
                SpoilerAction::RevealAll(ids.clone())
            })
        })
    };
    let view = ReviewView { strings, revealed: &spoilers.0, ontoggle: &ontoggle };
    let label = match &config.book_title {
        Some(title) => fill(strings.review_of, &[("title", title)]),
        None => strings.review.to_owned(),
    };
    html! {
        <article class="rw-widget" lang={config.lang.tag()} aria-label={label}>
            { header(config, &widget.review.content_warnings) }
            if !widget.spoiler_ids.is_empty() {
                <div class="rw-toolbar">
                    <button type="button" class="rw-button rw-all-spoilers" onclick={onallclick}>
                        { if all_revealed { strings.hide_all_spoilers } else { strings.show_all_spoilers } }
                    </button>
                </div>
            }
            <div class="rw-review">{ view.blocks(&widget.review.blocks) }</div>
            <CommentsSection review_id={config.review_id.clone()} lang={config.lang} heading_level={config.heading_level} />
        </article>
    }
}
