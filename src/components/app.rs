//! The root of one widget: the header, the review and its spoilers.

use super::comments::CommentsSection;
use super::button;
use super::header::header;
use super::review_body::ReviewView;
use crate::core::config::WidgetConfig;
use crate::core::i18n::fill;
use crate::core::review::{Review, RevealedSpoilers, SpoilerId};
use super::progress::progress_select;
use crate::core::progress::{Progress, Reach};
use crate::shell::reading::ReadingStore;
use crate::shell::{intl, session, sync};

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

/// What a reader can do to the spoilers, and what the widget says.
pub enum AppMsg {
    Toggle(SpoilerId),
    /// Show all or Hide all.
    All,
    /// The reading progress moved (here, or in another tab or review of the book): open
    /// what became safe, close what no longer is.
    Progress(Progress),
    /// Say something in the widget's live region.
    Announce(String),
}

/// The root of one widget. A struct component, like every component here: hooks are
/// instantiated anew at each call site, and every reader pays for that code.
pub struct App {
    revealed: RevealedSpoilers,
    /// How far the reader has read (chapter-aware spoilers).
    progress: Progress,
    /// How many spoilers the last change of progress opened, while it is the last change
    /// (the status line says "2 more spoilers are now shown.").
    opened: usize,
    /// What the status line says after Show all or Hide all, until the progress moves.
    all_said: Option<&'static str>,
    /// The live region: the last thing said, numbered (so that the same words said twice
    /// are announced twice).
    said: u32,
    live: String,
    /// The session key of the revealed spoilers.
    key: String,
    /// The book's reading progress, kept for every review of the book.
    reading: Option<Rc<ReadingStore>>,
    _watch: Option<sync::KeyWatch>,
}

impl App {
    /// What the review's status line says: what the last change of progress opened, or what
    /// Show all or Hide all did.
    fn status(&self, ctx: &Context<Self>) -> Option<String> {
        let config = &ctx.props().widget.config;
        match self.opened {
            0 => self.all_said.map(str::to_owned),
            opened => Some(intl::counted(&config.locale, opened, &config.lang.strings().more_spoilers, &[])),
        }
    }

    fn say(&mut self, text: String) {
        self.said = self.said.wrapping_add(1);
        self.live = text;
    }
}

impl Component for App {
    type Message = AppMsg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let widget = &ctx.props().widget;
        let config = &widget.config;
        let reading = config.chapters.map(|chapters| Rc::new(ReadingStore::open(&config.book_id, chapters)));
        let progress = reading.as_ref().map_or(Progress::NotStarted, |store| store.read());
        let key = RevealedSpoilers::storage_key(&config.review_id);
        let mut revealed = RevealedSpoilers::restore(session::read(&key).as_deref(), &widget.spoiler_ids);
        revealed.follow_progress(&widget.spoilers, Progress::NotStarted, progress);
        // Another tab or review of the same book changed the progress: follow it.
        let watch = reading.as_ref().and_then(|store| {
            let (link, reading) = (ctx.link().clone(), store.clone());
            store.watch(move || link.send_message(AppMsg::Progress(reading.read())))
        });
        App { revealed, progress, opened: 0, all_said: None, said: 0, live: String::new(), key, reading, _watch: watch }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: AppMsg) -> bool {
        let widget = &ctx.props().widget;
        let strings = widget.config.lang.strings();
        if let AppMsg::Announce(text) = msg {
            self.say(text);
            return true;
        }
        self.opened = 0;
        match msg {
            AppMsg::Announce(_) => {}
            AppMsg::Toggle(id) => self.revealed.toggle(&id),
            AppMsg::All => {
                let said = if self.revealed.all_revealed(&widget.spoiler_ids) {
                    self.revealed.hide(&widget.spoiler_ids);
                    strings.all_spoilers_hidden
                } else {
                    self.revealed.reveal(&widget.spoiler_ids);
                    strings.all_spoilers_shown
                };
                self.all_said = Some(said);
                self.say(said.to_owned());
            }
            AppMsg::Progress(to) => {
                if to == self.progress {
                    return false;
                }
                self.opened = self.revealed.follow_progress(&widget.spoilers, self.progress, to);
                self.progress = to;
                self.all_said = None;
                // Kept for the book, unless that is what is kept already (another tab or
                // review of the book changed it).
                if let Some(store) = self.reading.as_ref().filter(|store| store.read() != to) {
                    store.write(to);
                }
                if let Some(status) = self.status(ctx) {
                    self.say(status);
                }
            }
        }
        // What the reader revealed is remembered for the session (a reload keeps it).
        session::write(&self.key, &self.revealed.to_json());
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let widget = &ctx.props().widget;
        let config = &widget.config;
        let strings = config.lang.strings();
        let link = ctx.link();
        let ontoggle = link.callback(AppMsg::Toggle);
        let all_revealed = self.revealed.all_revealed(&widget.spoiler_ids);
        let view = ReviewView { strings, revealed: &self.revealed, ontoggle: &ontoggle, chapters: config.chapters.is_some() };
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
                            { progress_select(strings, chapters, self.progress, &link.callback(AppMsg::Progress)) }
                        }
                        if !widget.spoiler_ids.is_empty() {
                            { button("rw-button rw-all-spoilers", if all_revealed { strings.hide_all_spoilers } else { strings.show_all_spoilers }, link.callback(|_| AppMsg::All)) }
                        }
                        <p class="rw-status">{ self.status(ctx).unwrap_or_default() }</p>
                    </div>
                }
                <div class="rw-review">{ view.blocks(&widget.review.blocks) }</div>
                <CommentsSection config={config.clone()} progress={self.progress} onannounce={link.callback(AppMsg::Announce)} />
                <p class="rw-live" role="status">{ self.live.clone() }{ if self.said % 2 == 1 { "\u{200B}" } else { "" } }</p>
            </article>
        }
    }
}
