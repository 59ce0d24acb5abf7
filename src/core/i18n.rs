//! Every word a reader sees. English is built in (and is what a widget falls back to); every
//! other language is one table, `i18n/<tag>.json`, which the loader fetches only for a widget
//! in that language and hands to [`load`]. Templates use `{name}` placeholders, filled by
//! [`fill`]; a count-bearing string has one form per CLDR plural category of its language,
//! chosen by the category that `Intl.PluralRules` gives in the browser.
//!
//! Adding a language: its table in `i18n/`, one line in [`Lang::ALL`] (with its tag and plural
//! categories), and its tag in the loader's list; the tests check the rest.

use crate::core::json::Json;
use std::cell::RefCell;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    Ar,
    Pl,
}

impl Lang {
    /// Every language that ships, English first.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Fr, Lang::De, Lang::Es, Lang::Ar, Lang::Pl];

    /// `en`, `fr-CA`, `DE`… → the language; unknown languages → `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.tag() == primary)
    }

    /// The BCP 47 tag handed to `Intl`, written in `lang` attributes and naming the table.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Ar => "ar",
            Lang::Pl => "pl",
        }
    }

    /// Written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The CLDR plural categories the language uses (`Intl.PluralRules` reports the same);
    /// every count-bearing string of its table has exactly these forms.
    pub fn plural_categories(self) -> &'static [&'static str] {
        match self {
            Lang::En | Lang::De => &["one", "other"],
            Lang::Fr | Lang::Es => &["one", "many", "other"],
            Lang::Ar => &["zero", "one", "two", "few", "many", "other"],
            Lang::Pl => &["one", "few", "many", "other"],
        }
    }

    /// The words of this language: English, or the table [`load`]ed for it (English until then).
    pub fn strings(self) -> &'static Strings {
        LOADED.with(|loaded| loaded.borrow().iter().find(|(lang, _)| *lang == self).map(|(_, strings)| *strings)).unwrap_or(&EN)
    }
}

thread_local! {
    /// Tables read in this instance, kept for its lifetime (one per language at most).
    static LOADED: RefCell<Vec<(Lang, &'static Strings)>> = const { RefCell::new(Vec::new()) };
}

/// Makes `lang` usable from the text of its table file: `true` when the language's words are
/// there (English always is; a table already read stays). A missing, unreadable or mislabelled
/// table leaves the language unavailable, and the widget speaks English.
pub fn load(lang: Lang, table: Option<&str>) -> bool {
    if lang == Lang::En || !std::ptr::eq(lang.strings(), &EN) {
        return true;
    }
    let Some(strings) = table.and_then(|text| Strings::from_table(lang, text)) else {
        return false;
    };
    let strings: &'static Strings = Box::leak(Box::new(strings));
    LOADED.with(|loaded| loaded.borrow_mut().push((lang, strings)));
    true
}

pub type Text = &'static str;

/// A count-bearing string: one form per CLDR plural category; an empty form falls back to
/// `other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub zero: Text,
    pub one: Text,
    pub two: Text,
    pub few: Text,
    pub many: Text,
    pub other: Text,
}

impl Plural {
    const fn two(one: Text, other: Text) -> Plural {
        Plural { zero: "", one, two: "", few: "", many: "", other }
    }

    /// The form for a category as `Intl.PluralRules` names it.
    pub fn form(&self, category: &str) -> Text {
        let form = match category {
            "zero" => self.zero,
            "one" => self.one,
            "two" => self.two,
            "few" => self.few,
            "many" => self.many,
            _ => self.other,
        };
        if form.is_empty() { self.other } else { form }
    }

    fn slot(&mut self, category: &str) -> Option<&mut Text> {
        Some(match category {
            "zero" => &mut self.zero,
            "one" => &mut self.one,
            "two" => &mut self.two,
            "few" => &mut self.few,
            "many" => &mut self.many,
            "other" => &mut self.other,
            _ => return None,
        })
    }
}

/// One entry of a table, as [`Strings::entry`] hands it out.
enum Entry<'a> {
    Text(&'a mut Text),
    Plural(&'a mut Plural),
}

trait Slot {
    fn entry(&mut self) -> Entry<'_>;
}

impl Slot for Text {
    fn entry(&mut self) -> Entry<'_> {
        Entry::Text(self)
    }
}

impl Slot for Plural {
    fn entry(&mut self) -> Entry<'_> {
        Entry::Plural(self)
    }
}

macro_rules! strings {
    ($($(#[doc = $doc:literal])* $key:ident: $kind:ident,)*) => {
        /// The words of one language, one field per key of the table files.
        #[derive(Clone, Copy, Debug)]
        pub struct Strings {
            $($(#[doc = $doc])* pub $key: $kind,)*
        }

        impl Strings {
            /// Every key of a table, in the order of the English table.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),*];

            /// The entry of `key`: found by its place in [`Self::KEYS`], then a jump on that
            /// place (far less code than a match on a hundred texts).
            fn entry(&mut self, key: &str) -> Option<Entry<'_>> {
                #[allow(non_camel_case_types)]
                #[derive(Clone, Copy)]
                enum Key { $($key,)* }
                const BY_PLACE: &[Key] = &[$(Key::$key),*];
                let place = Self::KEYS.iter().position(|k| *k == key)?;
                Some(match BY_PLACE[place] {
                    $(Key::$key => self.$key.entry(),)*
                })
            }
        }
    };
}

strings! {
    show_spoiler: Text,
    hide_spoiler: Text,
    unnamed_spoiler: Text,
    whole_review: Text,
    spoiler_tag: Text,
    show_all_spoilers: Text,
    hide_all_spoilers: Text,
    rating: Text,
    book_by: Text,
    reviewed_by: Text,
    content_warnings: Text,
    review_of: Text,
    review: Text,
    comments_heading_none: Text,
    comments_heading: Plural,
    name: Text,
    comment: Text,
    contains_spoilers: Text,
    remember_name: Text,
    post_comment: Text,
    post_reply: Text,
    reply: Text,
    edit: Text,
    delete: Text,
    save: Text,
    cancel: Text,
    undo: Text,
    sort_comments: Text,
    oldest_first: Text,
    newest_first: Text,
    export_comments: Text,
    import_comments: Text,
    show_more_comments: Text,
    deleted_comment: Text,
    /// Shown before the time of the last edit: "(edited 3 minutes ago)".
    edited: Text,
    comment_by: Text,
    reply_to: Text,
    edit_comment: Text,
    leave_comment: Text,
    comments_note: Text,
    name_missing: Text,
    /// `{count}` characters over the limit `{max}`.
    name_too_long: Plural,
    comment_missing: Text,
    comment_too_long: Plural,
    characters_left: Plural,
    characters_over: Plural,
    storage_blocked: Text,
    storage_full: Text,
    storage_damaged: Text,
    storage_newer: Text,
    not_saved_unreadable: Text,
    download_stored: Text,
    start_afresh: Text,
    /// `{count}` is the seconds Undo stays offered.
    comment_deleted: Plural,
    imported_none: Text,
    imported: Plural,
    import_not_export: Text,
    import_newer: Text,
    import_other_review: Text,
    import_unreadable: Text,
    comments_changed_elsewhere: Text,
    /// Above an edit form whose comment another tab deleted.
    edited_comment_deleted: Text,
    /// A notice of stored comments this version cannot show.
    hidden: Plural,
    /// After an import: records of the file that cannot be shown (kept all the same).
    import_hidden: Plural,
    /// Chapter-aware spoilers: the reading-progress select and its options.
    reading_progress: Text,
    not_started: Text,
    chapter_n: Text,
    finished: Text,
    /// The comment form's select, and its first option.
    spoils_up_to: Text,
    no_spoilers: Text,
    /// A spoiler's visible tag.
    up_to_chapter: Text,
    whole_book: Text,
    more_spoilers: Plural,
    /// Announcements of what just happened.
    comment_posted: Text,
    comment_restored: Text,
    all_spoilers_shown: Text,
    all_spoilers_hidden: Text,
    /// Shared comments (`sync`): the form's checkbox and where shared comments go, a comment
    /// not in the database yet, and when the database does not answer or refuses.
    comments_note_shared: Text,
    share_with_readers: Text,
    shared_goes_to: Text,
    not_shared_yet: Text,
    sharing_paused: Text,
    sharing_refused: Text,
    /// Shown by the loader (`embed.js`) above the review when a widget stopped.
    widget_stopped: Text,
}

impl Strings {
    /// Reads a table file: `{"format": "review-widget/strings", "lang": "<tag>", "<key>": "…" |
    /// {"<category>": "…"}}`. Keys it lacks stay English; unknown keys and entries of the wrong
    /// shape are left out. `None` when it is not a table of `lang`.
    pub fn from_table(lang: Lang, text: &str) -> Option<Strings> {
        let Ok(Json::Object(members)) = Json::parse(text) else {
            return None;
        };
        let member = |name: &str| members.iter().find(|(key, _)| key == name).and_then(|(_, value)| value.as_str());
        if member("format") != Some("review-widget/strings") || member("lang") != Some(lang.tag()) {
            return None;
        }
        let mut strings = EN;
        let leak = |text: &str| -> Text { Box::leak(text.into()) };
        for (key, value) in &members {
            match (strings.entry(key), value) {
                (Some(Entry::Text(slot)), Json::String(text)) => *slot = leak(text),
                (Some(Entry::Plural(slot)), Json::Object(forms)) => {
                    // The English forms go: a category the table leaves out falls back to its `other`.
                    *slot = Plural::two("", slot.other);
                    for (category, form) in forms {
                        if let (Some(target), Some(form)) = (slot.slot(category), form.as_str()) {
                            *target = leak(form);
                        }
                    }
                }
                _ => {}
            }
        }
        Some(strings)
    }
}

/// Tables are static: two are the same table exactly when they are the same object.
impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Replaces each `{name}` in `template` by its value, in one pass (a value that itself
/// contains `{…}` is never filled again). Unknown placeholders stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

static EN: Strings = Strings {
    show_spoiler: "Show spoiler: {label}",
    hide_spoiler: "Hide spoiler: {label}",
    unnamed_spoiler: "Spoiler",
    whole_review: "The whole review",
    spoiler_tag: "Spoiler",
    show_all_spoilers: "Show all spoilers",
    hide_all_spoilers: "Hide all spoilers",
    rating: "{rating} out of 5",
    book_by: "by {author}",
    reviewed_by: "Reviewed by {reviewer}",
    content_warnings: "Content warnings",
    review_of: "Review of {title}",
    review: "Review",
    comments_heading_none: "No comments yet",
    comments_heading: Plural::two("{count} comment", "{count} comments"),
    name: "Name",
    comment: "Comment",
    contains_spoilers: "Contains spoilers",
    remember_name: "Remember my name",
    post_comment: "Post comment",
    post_reply: "Post reply",
    reply: "Reply",
    edit: "Edit",
    delete: "Delete",
    save: "Save",
    cancel: "Cancel",
    undo: "Undo",
    sort_comments: "Sort comments",
    oldest_first: "Oldest first",
    newest_first: "Newest first",
    export_comments: "Export comments",
    import_comments: "Import comments",
    show_more_comments: "Show more comments",
    deleted_comment: "Deleted comment",
    edited: "edited",
    comment_by: "Comment by {name}",
    reply_to: "Reply to {name}",
    edit_comment: "Edit your comment",
    leave_comment: "Leave a comment",
    comments_note: "Comments stay in this browser: they are not sent anywhere.",
    name_missing: "Please enter your name.",
    name_too_long: Plural::two("Your name is {count} character too long ({max} at most).", "Your name is {count} characters too long ({max} at most)."),
    comment_missing: "Please write a comment.",
    comment_too_long: Plural::two("Your comment is {count} character too long ({max} at most).", "Your comment is {count} characters too long ({max} at most)."),
    characters_left: Plural::two("{count} character left", "{count} characters left"),
    characters_over: Plural::two("{count} character too many", "{count} characters too many"),
    storage_blocked: "This browser does not let the page keep data, so comments will be gone when you close it. Export them to keep a copy.",
    storage_full: "Your comment was not saved: this browser’s storage for this site is full. It is still in the form. Export your comments to keep a copy, or free some space and try again.",
    storage_damaged: "The comments saved in this browser are damaged, so nothing new can be saved over them. You can download what is stored, or start afresh (the old data is kept aside).",
    storage_newer: "These comments were saved by a newer version of this widget, so this page will not change them. You can download what is stored.",
    not_saved_unreadable: "Not saved: the stored comments cannot be changed safely (see the notice above). Your text is still in the form.",
    download_stored: "Download stored data",
    start_afresh: "Start afresh",
    comment_deleted: Plural::two("Comment deleted. Undo is available for {count} second.", "Comment deleted. Undo is available for {count} seconds."),
    imported_none: "No new comments in that file: they are all here already.",
    imported: Plural::two("{count} comment imported.", "{count} comments imported."),
    import_not_export: "That file is not a comments export from this widget, so nothing was imported.",
    import_newer: "That file comes from a newer version of this widget, so nothing was imported.",
    import_other_review: "That file holds the comments of another review, so nothing was imported.",
    import_unreadable: "That file could not be read, so nothing was imported.",
    comments_changed_elsewhere: "This comment was changed or deleted in another tab.",
    edited_comment_deleted: "The comment you were editing was deleted in another tab. Your text is kept here: post it as a new comment, or cancel.",
    hidden: Plural::two("{count} saved comment could not be shown. It is kept as it was.", "{count} saved comments could not be shown. They are kept as they were."),
    import_hidden: Plural::two("{count} comment in the file could not be shown.", "{count} comments in the file could not be shown."),
    reading_progress: "How far have you read?",
    not_started: "Not started",
    chapter_n: "Chapter {number}",
    finished: "Finished",
    spoils_up_to: "Spoils up to",
    no_spoilers: "No spoilers",
    up_to_chapter: "Up to chapter {number}",
    whole_book: "Whole book",
    more_spoilers: Plural::two("{count} more spoiler is now shown.", "{count} more spoilers are now shown."),
    comment_posted: "Comment posted.",
    comment_restored: "Comment restored.",
    all_spoilers_shown: "All spoilers are shown.",
    all_spoilers_hidden: "All spoilers are hidden.",
    comments_note_shared: "Your comments stay in this browser unless you choose to share them.",
    share_with_readers: "Share with other readers",
    shared_goes_to: "Shared comments are stored on {host} and shown to other readers.",
    not_shared_yet: "Not shared yet",
    sharing_paused: "Sharing is paused: {host} does not answer. Your comments are kept here and will be shared when it does.",
    sharing_refused: "{host} refused to share a comment of yours. It is kept here, for you only.",
    widget_stopped: "The interactive part of this review stopped working. The review is shown as written.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn table_file(lang: Lang) -> String {
        let path = format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.tag());
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{').skip(1).filter_map(|part| part.split_once('}')).map(|(name, _)| name.to_owned()).collect()
    }

    /// What a table gives for `key`: one text, or its forms by category.
    fn forms(strings: &Strings, key: &str) -> Vec<(&'static str, Text)> {
        let mut copy = strings.clone();
        match copy.entry(key).expect("a known key") {
            Entry::Text(text) => vec![("", *text)],
            Entry::Plural(plural) => ["zero", "one", "two", "few", "many", "other"]
                .into_iter()
                .filter_map(|category| {
                    let form = *plural.slot(category).expect("a category");
                    (!form.is_empty()).then_some((category, form))
                })
                .collect(),
        }
    }

    #[test]
    fn english_names_match_the_embed_contract() {
        let s = Lang::En.strings();
        assert_eq!(fill(s.show_spoiler, &[("label", "The ending")]), "Show spoiler: The ending");
        assert_eq!(fill(s.hide_spoiler, &[("label", "Spoiler")]), "Hide spoiler: Spoiler");
        assert_eq!(s.show_all_spoilers, "Show all spoilers");
        assert_eq!(s.hide_all_spoilers, "Hide all spoilers");
        let comment_names = [
            s.name, s.comment, s.contains_spoilers, s.remember_name, s.post_comment, s.comments_heading_none,
            s.reply, s.edit, s.delete, s.sort_comments, s.oldest_first, s.newest_first, s.export_comments,
            s.import_comments, s.undo,
        ];
        assert_eq!(
            comment_names,
            [
                "Name", "Comment", "Contains spoilers", "Remember my name", "Post comment", "No comments yet", "Reply",
                "Edit", "Delete", "Sort comments", "Oldest first", "Newest first", "Export comments", "Import comments",
                "Undo",
            ]
        );
        assert_eq!(fill(s.comments_heading.form("one"), &[("count", "1")]), "1 comment");
        assert_eq!(fill(s.comments_heading.form("other"), &[("count", "12")]), "12 comments");
        let chapter_names = [s.reading_progress, s.not_started, s.finished, s.spoils_up_to, s.no_spoilers, s.whole_book];
        assert_eq!(chapter_names, ["How far have you read?", "Not started", "Finished", "Spoils up to", "No spoilers", "Whole book"]);
        assert_eq!(fill(s.chapter_n, &[("number", "12")]), "Chapter 12");
        assert_eq!(fill(s.up_to_chapter, &[("number", "12")]), "Up to chapter 12");
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
        assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
    }

    #[test]
    fn language_tags_resolve_to_their_primary_language() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag("es_MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("ar-EG"), Some(Lang::Ar));
        assert_eq!(Lang::from_tag("pl"), Some(Lang::Pl));
        assert_eq!(Lang::from_tag("tlh"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert!(Lang::ALL.iter().all(|lang| Lang::from_tag(lang.tag()) == Some(*lang)));
        assert_eq!(Lang::ALL.iter().filter(|lang| lang.is_rtl()).collect::<Vec<_>>(), [&Lang::Ar]);
    }

    /// Every table has every key and no other, keeps English's placeholders, and has one form
    /// per plural category of its language (a `zero`, `one` or `two` form may leave out the count:
    /// "تعليق واحد", "one comment").
    #[test]
    fn every_language_has_every_string_with_the_placeholders_of_english() {
        let en = Lang::En.strings();
        for lang in Lang::ALL.into_iter().skip(1) {
            let text = table_file(lang);
            let Ok(Json::Object(members)) = Json::parse(&text) else { panic!("{lang:?}: not a JSON object") };
            let keys: Vec<&str> = members.iter().map(|(key, _)| key.as_str()).filter(|key| !["format", "lang"].contains(key)).collect();
            assert_eq!(keys, Strings::KEYS, "{lang:?}: the keys, in the English order");
            let strings = Strings::from_table(lang, &text).unwrap_or_else(|| panic!("{lang:?}: the table is read"));
            for key in Strings::KEYS {
                let english = forms(en, key);
                let wanted = placeholders(english.last().expect("a form").1);
                let theirs = forms(&strings, key);
                if english[0].0.is_empty() {
                    assert_eq!(placeholders(theirs[0].1), wanted, "{lang:?} {key}: {}", theirs[0].1);
                    continue;
                }
                let categories: Vec<&str> = theirs.iter().map(|(category, _)| *category).collect();
                assert_eq!(categories, lang.plural_categories(), "{lang:?} {key}: the plural forms");
                for (category, form) in theirs {
                    let found = placeholders(form);
                    if ["zero", "one", "two"].contains(&category) {
                        assert!(found.is_subset(&wanted), "{lang:?} {key} {category}: {form}");
                    } else {
                        assert_eq!(found, wanted, "{lang:?} {key} {category}: {form}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_table_of_another_language_or_format_is_refused_and_missing_keys_stay_english() {
        let french = table_file(Lang::Fr);
        assert!(Strings::from_table(Lang::De, &french).is_none(), "labelled fr, asked for de");
        assert!(Strings::from_table(Lang::Fr, "{not json").is_none());
        assert!(Strings::from_table(Lang::Fr, r#"{"lang":"fr","reply":"Répondre"}"#).is_none(), "no format");
        let partial = r#"{"format":"review-widget/strings","lang":"fr","reply":"Répondre","nope":"x","edit":7,
            "comments_heading":{"one":"{count} commentaire","other":"{count} commentaires","eleventh":"?"}}"#;
        let strings = Strings::from_table(Lang::Fr, partial).expect("read");
        assert_eq!(strings.reply, "Répondre");
        assert_eq!(strings.edit, "Edit", "a wrong shape keeps English");
        assert_eq!(strings.delete, "Delete", "a missing key keeps English");
        assert_eq!(strings.comments_heading.form("many"), "{count} commentaires", "a missing form falls back to other");
    }

    #[test]
    fn a_loaded_table_serves_its_language_once_read() {
        assert!(load(Lang::En, None));
        assert!(!load(Lang::Pl, None), "no table, no Polish");
        assert!(std::ptr::eq(Lang::Pl.strings(), &EN));
        assert!(load(Lang::Pl, Some(&table_file(Lang::Pl))));
        assert_eq!(Lang::Pl.strings().reply, "Odpowiedz");
        assert!(load(Lang::Pl, None), "a table read once stays");
    }

    /// The loader fetches exactly the tables that ship, and says the English sentence of this table
    /// when a widget stopped.
    #[test]
    fn the_loader_knows_every_table_and_the_stopped_sentence() {
        let embed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/embed.js")).expect("embed.js");
        let list = embed.split("const TABLES = [").nth(1).and_then(|rest| rest.split(']').next()).expect("TABLES in embed.js");
        let tags: Vec<&str> = list.split(',').map(|tag| tag.trim().trim_matches('\'')).filter(|tag| !tag.is_empty()).collect();
        let shipped: Vec<&str> = Lang::ALL.iter().skip(1).map(|lang| lang.tag()).collect();
        assert_eq!(tags, shipped);
        assert!(embed.contains(&format!("'{}'", EN.widget_stopped)), "embed.js says: {}", EN.widget_stopped);
    }
}
