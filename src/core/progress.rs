//! Chapter-aware spoilers: how far the reader has read, how far a spoiler reaches, and the
//! one rule between them. A spoiler is shown to a reader only when its whole reach is
//! within what they have read; anything unclear counts as spoiling the whole book.

/// Books have at most this many chapters here (a longer `chapters` turns the feature off).
pub const MAX_CHAPTERS: u32 = 999;

/// How far into the book a spoiler (or a comment) gives things away. `Chapter(n)` is
/// narrower than `Chapter(n + 1)`, and every chapter narrower than the whole book.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    Chapter(u32),
    WholeBook,
}

impl Reach {
    /// A `data-chapter` value: a whole number from 1 to `chapters`. Anything else (missing,
    /// `-1`, `12.5`, `99` in a 23-chapter book, `abc`, empty) spoils the whole book.
    pub fn from_attribute(value: Option<&str>, chapters: u32) -> Reach {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| (1..=chapters).contains(n))
            .map_or(Reach::WholeBook, Reach::Chapter)
    }

    /// A stored comment's mark, for a book of `chapters` chapters.
    pub fn of_comment(chapter: Option<u32>, chapters: u32) -> Reach {
        match chapter {
            Some(n) if (1..=chapters).contains(&n) => Reach::Chapter(n),
            _ => Reach::WholeBook,
        }
    }
}

/// The `chapters` attribute: 1 to [`MAX_CHAPTERS`], or the feature is off.
pub fn chapters_attribute(value: Option<&str>) -> Option<u32> {
    value.and_then(|v| v.trim().parse::<u32>().ok()).filter(|n| (1..=MAX_CHAPTERS).contains(n))
}

/// How far the reader has read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    #[default]
    NotStarted,
    /// Read up to the end of this chapter.
    Chapter(u32),
    Finished,
}

impl Progress {
    /// Whether a spoiler of `reach` is safe for this reader.
    pub fn allows(self, reach: Reach) -> bool {
        match (self, reach) {
            (Progress::Finished, _) => true,
            (Progress::Chapter(read), Reach::Chapter(chapter)) => chapter <= read,
            _ => false,
        }
    }

    /// The stored text and the select's value: `none`, `1`…`N`, `finished`.
    pub fn to_value(self) -> String {
        match self {
            Progress::NotStarted => "none".to_owned(),
            Progress::Chapter(n) => n.to_string(),
            Progress::Finished => "finished".to_owned(),
        }
    }

    /// Reads a stored or chosen value for a book of `chapters` chapters; anything else
    /// (a chapter the book does not have, damaged text) is "not started", never more.
    pub fn from_value(value: &str, chapters: u32) -> Progress {
        match value {
            "finished" => Progress::Finished,
            other => match Reach::from_attribute(Some(other), chapters) {
                Reach::Chapter(n) => Progress::Chapter(n),
                Reach::WholeBook => Progress::NotStarted,
            },
        }
    }

    /// The select's choices, in order.
    pub fn choices(chapters: u32) -> impl Iterator<Item = Progress> {
        (0..Progress::choice_count(chapters)).map(move |at| Progress::choice(at, chapters))
    }

    /// How many choices a book of `chapters` chapters has.
    pub fn choice_count(chapters: u32) -> usize {
        chapters as usize + 2
    }

    /// The choice at `at` of [`Progress::choices`].
    pub fn choice(at: usize, chapters: u32) -> Progress {
        match at {
            0 => Progress::NotStarted,
            at if at <= chapters as usize => Progress::Chapter(at as u32),
            _ => Progress::Finished,
        }
    }
}

/// The `localStorage` key of a book's reading progress, shared by every review of the book.
pub fn progress_key(book_id: &str) -> String {
    format!("review-widget:v1:book:{book_id}:progress")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spoiler_is_safe_exactly_when_the_reader_has_read_its_whole_reach() {
        let twelve = Reach::Chapter(12);
        assert!(Progress::Chapter(12).allows(twelve), "progress = chapter");
        assert!(!Progress::Chapter(11).allows(twelve), "one below");
        assert!(Progress::Chapter(13).allows(twelve));
        assert!(!Progress::NotStarted.allows(Reach::Chapter(1)));
        assert!(Progress::Finished.allows(twelve) && Progress::Finished.allows(Reach::WholeBook));
        assert!(!Progress::Chapter(23).allows(Reach::WholeBook), "the whole book needs Finished");
    }

    #[test]
    fn a_chapter_that_is_not_one_of_the_book_spoils_the_whole_book() {
        for bad in [Some("-1"), Some("12.5"), Some("99"), Some("abc"), Some(""), Some("0"), Some("+3"), Some("1e1"), None] {
            assert_eq!(Reach::from_attribute(bad, 23), Reach::WholeBook, "{bad:?}");
        }
        assert_eq!(Reach::from_attribute(Some(" 12 "), 23), Reach::Chapter(12));
        assert_eq!(Reach::from_attribute(Some("23"), 23), Reach::Chapter(23));
        assert!(Reach::Chapter(3) < Reach::Chapter(18) && Reach::Chapter(18) < Reach::WholeBook);
        assert_eq!(Reach::of_comment(Some(20), 23), Reach::Chapter(20));
        assert_eq!(Reach::of_comment(Some(30), 23), Reach::WholeBook);
        assert_eq!(Reach::of_comment(None, 23), Reach::WholeBook);
    }

    #[test]
    fn progress_values_round_trip_and_bad_ones_mean_not_started() {
        for progress in Progress::choices(23) {
            assert_eq!(Progress::from_value(&progress.to_value(), 23), progress);
        }
        assert_eq!(Progress::choices(3).count(), 5);
        assert_eq!(Progress::from_value("24", 23), Progress::NotStarted, "a chapter the book lacks");
        assert_eq!(Progress::from_value("garbage", 23), Progress::NotStarted);
        assert_eq!(chapters_attribute(Some("23")), Some(23));
        for bad in [Some("0"), Some("-2"), Some("x"), Some("1000"), None] {
            assert_eq!(chapters_attribute(bad), None, "{bad:?}");
        }
    }
}
