//! Relative time ("3 minutes ago"): which unit to give `Intl.RelativeTimeFormat`.

const SECOND: i64 = 1000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The value and unit for `Intl.RelativeTimeFormat#format` (`-3, "minute"`), for a moment
/// `then` seen at `now` (both milliseconds since the epoch).
pub fn relative(now: i64, then: i64) -> (i64, &'static str) {
    let diff = then - now;
    let size = diff.abs();
    let (unit, length) = if size < MINUTE {
        ("second", SECOND)
    } else if size < HOUR {
        ("minute", MINUTE)
    } else if size < DAY {
        ("hour", HOUR)
    } else if size < 30 * DAY {
        ("day", DAY)
    } else if size < 365 * DAY {
        ("month", 30 * DAY)
    } else {
        ("year", 365 * DAY)
    };
    // Truncate toward zero: 90 seconds ago is "1 minute ago".
    let value = diff / length;
    if unit == "second" && size < 10 * SECOND {
        return (0, "second");
    }
    (value, unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_largest_whole_unit() {
        let now = 1_800_000_000_000;
        assert_eq!(relative(now, now), (0, "second"));
        assert_eq!(relative(now, now - 5 * SECOND), (0, "second"));
        assert_eq!(relative(now, now - 30 * SECOND), (-30, "second"));
        assert_eq!(relative(now, now - 90 * SECOND), (-1, "minute"));
        assert_eq!(relative(now, now - 5 * HOUR), (-5, "hour"));
        assert_eq!(relative(now, now - 3 * DAY), (-3, "day"));
        assert_eq!(relative(now, now - 65 * DAY), (-2, "month"));
        assert_eq!(relative(now, now - 800 * DAY), (-2, "year"));
        assert_eq!(relative(now, now + 2 * MINUTE), (2, "minute"), "clock skew between tabs");
    }
}
