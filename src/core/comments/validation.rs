//! What a reader may post: a name of 1–80 characters and a comment of 1–5,000, counted in
//! Unicode characters after trimming.

pub const NAME_MAX: usize = 80;
pub const COMMENT_MAX: usize = 5000;
/// The counter under the comment box appears from this many characters on.
pub const COUNTER_FROM: usize = 4500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Missing,
    TooLong { max: usize, length: usize },
}

/// A name on one line: trimmed, runs of white space (newlines included) made one space,
/// control characters dropped.
pub fn clean_name(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A comment body: newlines normalised to `\n`, control characters other than newlines and
/// tabs dropped, white space trimmed at both ends.
pub fn clean_body(body: &str) -> String {
    let unified = body.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = unified.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
    kept.trim().to_owned()
}

fn check(text: &str, max: usize) -> Result<(), FieldError> {
    let length = text.chars().count();
    if length == 0 {
        Err(FieldError::Missing)
    } else if length > max {
        Err(FieldError::TooLong { max, length })
    } else {
        Ok(())
    }
}

pub fn check_name(name: &str) -> Result<String, FieldError> {
    let name = clean_name(name);
    check(&name, NAME_MAX).map(|()| name)
}

pub fn check_body(body: &str) -> Result<String, FieldError> {
    let body = clean_body(body);
    check(&body, COMMENT_MAX).map(|()| body)
}

/// Characters left before the limit (negative when over), once the counter should show.
pub fn remaining(body: &str) -> Option<i64> {
    let length = clean_body(body).chars().count();
    (length >= COUNTER_FROM).then(|| COMMENT_MAX as i64 - length as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_to_one_line_and_counted_in_characters() {
        assert_eq!(check_name("  Ann \n  Lee\t"), Ok("Ann Lee".into()));
        assert_eq!(check_name(" \n "), Err(FieldError::Missing));
        assert_eq!(check_name(&"é".repeat(80)).map(|n| n.chars().count()), Ok(80));
        assert_eq!(check_name(&"é".repeat(81)), Err(FieldError::TooLong { max: 80, length: 81 }));
        assert_eq!(check_name("a\u{0}b"), Ok("a b".into()));
    }

    #[test]
    fn bodies_keep_their_lines_and_count_characters_not_bytes() {
        assert_eq!(check_body("\r\n  one\r\n\r\ntwo  \n"), Ok("one\n\ntwo".into()));
        assert_eq!(check_body("   "), Err(FieldError::Missing));
        assert!(check_body(&"😀".repeat(5000)).is_ok(), "5,000 emoji are 5,000 characters");
        assert_eq!(check_body(&"😀".repeat(5001)), Err(FieldError::TooLong { max: 5000, length: 5001 }));
    }

    #[test]
    fn the_counter_shows_near_the_limit() {
        assert_eq!(remaining(&"a".repeat(100)), None);
        assert_eq!(remaining(&"a".repeat(4500)), Some(500));
        assert_eq!(remaining(&"a".repeat(5003)), Some(-3));
    }
}
