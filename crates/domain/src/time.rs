//! Japan time. The business's dates and hours are Asia/Tokyo (+09:00, which keeps no
//! daylight saving); instants are stored in UTC. Every conversion between the two, and
//! every date a person types, goes through here, so that no date can overflow or fall
//! back silently to 1970.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::FieldError;

const JAPAN_OFFSET_SECONDS: i32 = 9 * 3600;

/// Japan's offset from UTC.
#[must_use]
pub fn tokyo() -> FixedOffset {
    FixedOffset::east_opt(JAPAN_OFFSET_SECONDS).unwrap_or_else(|| unreachable!("+09:00 is a valid offset"))
}

/// The instant as a Japanese clock on the wall shows it.
#[must_use]
pub fn japan_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&tokyo()).naive_local()
}

/// The Japanese date of an instant.
#[must_use]
pub fn japan_date(at: DateTime<Utc>) -> NaiveDate {
    japan_time(at).date()
}

/// A Japanese wall-clock time as an instant. A fixed offset maps every wall-clock time
/// to exactly one instant; only the very first moments chrono can represent have none,
/// and those are kept at the earliest instant rather than moved to 1970.
#[must_use]
pub fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    local
        .checked_sub_signed(TimeDelta::seconds(i64::from(JAPAN_OFFSET_SECONDS)))
        .map_or(DateTime::<Utc>::MIN_UTC, |utc| utc.and_utc())
}

/// A Japanese wall-clock time with its offset, as the API writes times (`+09:00`).
#[must_use]
pub fn in_tokyo(local: NaiveDateTime) -> DateTime<FixedOffset> {
    to_utc(local).with_timezone(&tokyo())
}

/// Midnight at the start of a Japanese date, as an instant.
#[must_use]
pub fn day_start(date: NaiveDate) -> DateTime<Utc> {
    to_utc(date.and_time(NaiveTime::MIN))
}

/// Midnight at the end of a Japanese date (the next day's start), as an instant.
#[must_use]
pub fn day_end(date: NaiveDate) -> DateTime<Utc> {
    date.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, day_start)
}

/// `date` moved by `days`, or `None` past the calendar's ends.
#[must_use]
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The years a date typed into the service may fall in: from the Meiji era (the oldest
/// birth dates) to four-digit years, so that any period computed from it stays far
/// from the calendar's ends.
pub const YEARS: std::ops::RangeInclusive<i32> = 1868..=9999;

/// A date as people type it: `2026-12-01`, `2026/12/1`, `20261201`, full-width digits,
/// or 和暦 (`令和8年12月1日`, `R8.12.1`).
///
/// # Errors
/// `validation.date` when it is not a date within [`YEARS`].
pub fn parse_date(field: &str, input: &str) -> Result<NaiveDate, FieldError> {
    use chrono::Datelike;
    crate::wareki::parse_date(input).filter(|date| YEARS.contains(&date.year())).ok_or_else(|| {
        FieldError::new(field, "validation.date", "a date is written YYYY-MM-DD (和暦 and full-width digits are fine)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_japanese_day_starts_at_fifteen_o_clock_utc_the_day_before() {
        assert_eq!(day_start(date("2027-01-01")).to_rfc3339(), "2026-12-31T15:00:00+00:00");
        assert_eq!(day_end(date("2026-12-31")), day_start(date("2027-01-01")));
        let late = "2026-12-31T14:58:00Z".parse::<DateTime<Utc>>().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(japan_date(late), date("2026-12-31"));
        assert_eq!(japan_date(late + TimeDelta::minutes(2)), date("2027-01-01"));
    }

    #[test]
    fn dates_are_read_as_people_type_them() {
        for typed in ["2026-12-01", "2026/12/1", "２０２６－１２－０１", "20261201", "令和8年12月1日", "R8.12.1"]
        {
            assert_eq!(parse_date("from", typed).ok(), Some(date("2026-12-01")), "{typed}");
        }
    }

    #[test]
    fn far_future_and_nonsense_dates_are_refused_not_overflowed() {
        for typed in ["+262142-12-31", "262142-12-31", "10000-01-01", "2026-02-30", "tomorrow", ""] {
            let refused = parse_date("from", typed).err().map(|e| (e.field, e.code));
            assert_eq!(refused, Some(("from".to_owned(), "validation.date")), "{typed}");
        }
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
        assert_eq!(day_end(NaiveDate::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(to_utc(NaiveDateTime::MIN), DateTime::<Utc>::MIN_UTC);
    }
}
