//! Which spoilers the reader has revealed, and how that is remembered for the session.

use super::SpoilerId;
use crate::core::progress::{Progress, Reach};
use crate::core::json::Json;

/// The spoilers a reader revealed. Remembered per review id, by spoiler id (a hash of the
/// spoiler's content), so a spoiler the author edits is hidden again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevealedSpoilers {
    /// In the order they were revealed; a review has few spoilers, so a list beats a set
    /// (and keeps the set's code out of the bundle).
    ids: Vec<SpoilerId>,
}

impl RevealedSpoilers {
    /// The `sessionStorage` key for a review's revealed spoilers.
    pub fn storage_key(review_id: &str) -> String {
        format!("review-widget:v1:{review_id}:revealed")
    }

    /// Restores from stored JSON, keeping only ids the review still has. Anything
    /// unreadable means "nothing revealed".
    pub fn restore(stored: Option<&str>, existing: &[SpoilerId]) -> RevealedSpoilers {
        let parsed = stored.and_then(|text| Json::parse(text).ok());
        let items = parsed.as_ref().and_then(Json::as_array).unwrap_or_default();
        RevealedSpoilers {
            ids: existing
                .iter()
                .filter(|id| items.iter().any(|item| item.as_str() == Some(id.as_str())))
                .cloned()
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        Json::Array(self.ids.iter().map(|id| Json::String(id.0.clone())).collect()).to_json_string()
    }

    pub fn is_revealed(&self, id: &SpoilerId) -> bool {
        self.ids.contains(id)
    }

    pub fn toggle(&mut self, id: &SpoilerId) {
        if self.ids.contains(id) {
            self.ids.retain(|revealed| revealed != id);
        } else {
            self.ids.push(id.clone());
        }
    }

    /// True when every one of `all` is revealed (and there is at least one).
    pub fn all_revealed(&self, all: &[SpoilerId]) -> bool {
        !all.is_empty() && all.iter().all(|id| self.ids.contains(id))
    }

    /// The reader's progress moved from `before` to `after`: spoilers that became safe are
    /// revealed, those that are no longer safe hidden. Returns how many were newly revealed.
    pub fn follow_progress(&mut self, spoilers: &[(SpoilerId, Reach)], before: Progress, after: Progress) -> usize {
        let mut shown = 0;
        for (id, reach) in spoilers {
            match (before.allows(*reach), after.allows(*reach)) {
                (false, true) if !self.is_revealed(id) => {
                    self.ids.push(id.clone());
                    shown += 1;
                }
                (true, false) => self.ids.retain(|revealed| revealed != id),
                _ => {}
            }
        }
        shown
    }

    pub fn reveal(&mut self, ids: &[SpoilerId]) {
        for id in ids {
            if !self.ids.contains(id) {
                self.ids.push(id.clone());
            }
        }
    }

    pub fn hide(&mut self, ids: &[SpoilerId]) {
        self.ids.retain(|revealed| !ids.contains(revealed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reveals_what_became_safe_and_hides_what_no_longer_is() {
        let id = |s: &str| SpoilerId(s.into());
        let spoilers = vec![
            (id("c3"), Reach::Chapter(3)),
            (id("c12"), Reach::Chapter(12)),
            (id("c18"), Reach::Chapter(18)),
            (id("all"), Reach::WholeBook),
        ];
        let mut revealed = RevealedSpoilers::default();
        assert_eq!(revealed.follow_progress(&spoilers, Progress::NotStarted, Progress::Chapter(12)), 2);
        assert!(revealed.is_revealed(&id("c3")) && revealed.is_revealed(&id("c12")) && !revealed.is_revealed(&id("c18")));
        assert_eq!(revealed.follow_progress(&spoilers, Progress::Chapter(12), Progress::Chapter(18)), 1);
        revealed.toggle(&id("all"));
        assert_eq!(revealed.follow_progress(&spoilers, Progress::Chapter(18), Progress::Finished), 0, "already open");
        revealed.follow_progress(&spoilers, Progress::Finished, Progress::NotStarted);
        assert!(spoilers.iter().all(|(s, _)| !revealed.is_revealed(s)), "lowering to Not started hides all");
    }

    fn id(s: &str) -> SpoilerId {
        SpoilerId(s.to_owned())
    }

    #[test]
    fn keys_live_under_the_widget_prefix_and_name_the_review() {
        assert_eq!(RevealedSpoilers::storage_key("never-let-me-go"), "review-widget:v1:never-let-me-go:revealed");
    }

    #[test]
    fn restores_only_spoilers_the_review_still_has() {
        let existing = [id("a"), id("b")];
        let restored = RevealedSpoilers::restore(Some(r#"["a","edited-away"]"#), &existing);
        assert!(restored.is_revealed(&id("a")));
        assert!(!restored.is_revealed(&id("b")));
        assert!(!restored.is_revealed(&id("edited-away")));
        assert_eq!(restored.to_json(), r#"["a"]"#);
    }

    #[test]
    fn damaged_state_reveals_nothing() {
        for stored in [Some("{"), Some(r#"{"a":1}"#), Some("[1,2]"), Some(""), None] {
            assert_eq!(RevealedSpoilers::restore(stored, &[id("a")]), RevealedSpoilers::default());
        }
    }

    #[test]
    fn toggle_reveal_all_and_hide_all() {
        let all = [id("a"), id("b")];
        let mut state = RevealedSpoilers::default();
        assert!(!state.all_revealed(&all));
        state.toggle(&all[0]);
        assert!(state.is_revealed(&all[0]) && !state.all_revealed(&all));
        state.reveal(&all);
        assert!(state.all_revealed(&all));
        state.toggle(&all[1]);
        assert!(!state.is_revealed(&all[1]));
        state.hide(&all);
        assert!(!state.is_revealed(&all[0]) && !state.is_revealed(&all[1]));
        assert_eq!(state.to_json(), "[]");
        assert!(!state.all_revealed(&[]), "no spoilers is not 'all revealed'");
    }
}
