//! Times for people and machines: which unit to give `Intl.RelativeTimeFormat` ("3 minutes
//! ago"), and ISO 8601 text for `<time datetime>`, computed here so that no browser call
//! that can throw is needed for it.

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

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A moment as `Date#toISOString` writes it (`2026-11-20T09:05:00.000Z`; years outside
/// 0–9999 as `+012345` / `-000001`). `None` outside what a date can hold.
pub fn iso_utc(millis: i64) -> Option<String> {
    if !crate::core::comments::record::is_valid_time(millis) {
        return None;
    }
    let days = millis.div_euclid(DAY);
    let of_day = millis.rem_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    let year = match year {
        0..=9999 => format!("{year:04}"),
        y if y < 0 => format!("-{:06}", -y),
        y => format!("+{y:06}"),
    };
    Some(format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / HOUR,
        of_day % HOUR / MINUTE,
        of_day % MINUTE / SECOND,
        of_day % SECOND
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_text_matches_what_dates_write() {
        assert_eq!(iso_utc(0).as_deref(), Some("1970-01-01T00:00:00.000Z"));
        assert_eq!(iso_utc(1_764_000_000_123).as_deref(), Some("2025-11-24T16:00:00.123Z"));
        assert_eq!(iso_utc(-1).as_deref(), Some("1969-12-31T23:59:59.999Z"));
        assert_eq!(iso_utc(951_782_400_000).as_deref(), Some("2000-02-29T00:00:00.000Z"));
        assert_eq!(iso_utc(8_640_000_000_000_000).as_deref(), Some("+275760-09-13T00:00:00.000Z"));
        assert_eq!(iso_utc(-8_640_000_000_000_000).as_deref(), Some("-271821-04-20T00:00:00.000Z"));
        assert_eq!(iso_utc(8_700_000_000_000_000), None);
        assert_eq!(days_from_civil(2026, 11, 20) * DAY, 1_795_132_800_000);
        for days in [-800_000, -1, 0, 59, 60, 365, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

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
