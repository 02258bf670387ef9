//! When a slot may be booked, changed or cancelled: the booking period (first and
//! last bookable date), the booking window (opens N days before at a time, closes M
//! days before at a time) and the change/cancel deadline. All times are Japan time.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::{FieldError, FieldErrors};

/// A moment relative to a visit's date: `days_before` days earlier, at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaysBefore {
    pub days_before: u16,
    pub at: NaiveTime,
}

impl DaysBefore {
    #[must_use]
    pub fn moment(&self, visit: NaiveDate) -> NaiveDateTime {
        (visit - TimeDelta::days(i64::from(self.days_before))).and_time(self.at)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingRules {
    /// First and last bookable dates, when the municipality limits them.
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Bookings for a day open at this moment…
    pub opens: DaysBefore,
    /// …and close at this one.
    pub closes: DaysBefore,
    /// Residents may change or cancel until this moment.
    pub change_deadline: DaysBefore,
}

/// Why a resident cannot book a slot now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowRefusal {
    /// Outside the municipality's booking period.
    OutsidePeriod,
    /// Not yet: bookings for that day open at the moment given.
    NotOpen { opens_at: NaiveDateTime },
    /// Too late (or the slot is past).
    Closed,
}

const MAX_DAYS_BEFORE: u16 = 366;

impl BookingRules {
    /// The demo's rules: bookable from 14 days before until the end of the day 2 days
    /// before (the window closes at midnight 1 day before), changeable as long.
    #[must_use]
    pub fn demo() -> Self {
        let midnight = NaiveTime::MIN;
        Self {
            first_date: None,
            last_date: None,
            opens: DaysBefore { days_before: 14, at: midnight },
            closes: DaysBefore { days_before: 1, at: midnight },
            change_deadline: DaysBefore { days_before: 1, at: midnight },
        }
    }

    /// # Errors
    /// Every inconsistent field: a window that closes before it opens, a period that
    /// ends before it starts, more than a year ahead.
    pub fn validate(self) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, value) in [
            ("opens.days_before", self.opens.days_before),
            ("closes.days_before", self.closes.days_before),
            ("change_deadline.days_before", self.change_deadline.days_before),
        ] {
            if value > MAX_DAYS_BEFORE {
                errors.push(FieldError::new(
                    field,
                    "validation.out_of_range",
                    format!("at most {MAX_DAYS_BEFORE} days"),
                ));
            }
        }
        // Compare against an arbitrary visit date: the window must open before it closes.
        let probe = NaiveDate::from_ymd_opt(2030, 6, 15).unwrap_or_default();
        if self.opens.moment(probe) >= self.closes.moment(probe) {
            errors.push(FieldError::new(
                "closes",
                "booking_rules.window_reversed",
                "the booking window must close after it opens",
            ));
        }
        if let (Some(first), Some(last)) = (self.first_date, self.last_date)
            && first > last
        {
            errors.push(FieldError::new(
                "last_date",
                "validation.period_reversed",
                "the last bookable date is before the first",
            ));
        }
        errors.into_result().map(|()| self)
    }

    /// Whether a resident may book a slot starting at `start`, at `now`.
    ///
    /// # Errors
    /// Why not.
    pub fn check_booking(&self, start: NaiveDateTime, now: NaiveDateTime) -> Result<(), WindowRefusal> {
        let date = start.date();
        if self.first_date.is_some_and(|first| date < first) || self.last_date.is_some_and(|last| date > last) {
            return Err(WindowRefusal::OutsidePeriod);
        }
        let opens_at = self.opens.moment(date);
        if now < opens_at {
            return Err(WindowRefusal::NotOpen { opens_at });
        }
        if now >= self.closes.moment(date) || now >= start {
            return Err(WindowRefusal::Closed);
        }
        Ok(())
    }

    /// Whether a resident may still change or cancel a booking of a slot starting at `start`.
    #[must_use]
    pub fn may_change(&self, start: NaiveDateTime, now: NaiveDateTime) -> bool {
        now < self.change_deadline.moment(start.date()) && now < start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).unwrap_or_default()
    }

    #[test]
    fn the_window_opens_and_closes_at_its_moments() {
        let rules = BookingRules::demo();
        let visit = at(2026, 12, 10, 9, 0);
        assert_eq!(
            rules.check_booking(visit, at(2026, 11, 25, 23, 59)),
            Err(WindowRefusal::NotOpen { opens_at: at(2026, 11, 26, 0, 0) })
        );
        assert_eq!(rules.check_booking(visit, at(2026, 11, 26, 0, 0)), Ok(()));
        assert_eq!(rules.check_booking(visit, at(2026, 12, 8, 23, 59)), Ok(()));
        assert_eq!(rules.check_booking(visit, at(2026, 12, 9, 0, 0)), Err(WindowRefusal::Closed));
    }

    #[test]
    fn the_period_limits_the_dates() {
        let rules = BookingRules {
            first_date: NaiveDate::from_ymd_opt(2026, 12, 1),
            last_date: NaiveDate::from_ymd_opt(2026, 12, 25),
            ..BookingRules::demo()
        };
        assert_eq!(
            rules.check_booking(at(2026, 11, 30, 9, 0), at(2026, 11, 20, 9, 0)),
            Err(WindowRefusal::OutsidePeriod)
        );
        assert_eq!(
            rules.check_booking(at(2026, 12, 28, 9, 0), at(2026, 12, 20, 9, 0)),
            Err(WindowRefusal::OutsidePeriod)
        );
        assert_eq!(rules.check_booking(at(2026, 12, 1, 9, 0), at(2026, 11, 20, 9, 0)), Ok(()));
    }

    #[test]
    fn changes_stop_at_the_deadline() {
        let rules = BookingRules::demo();
        let visit = at(2026, 12, 10, 9, 0);
        assert!(rules.may_change(visit, at(2026, 12, 8, 23, 59)));
        assert!(!rules.may_change(visit, at(2026, 12, 9, 0, 0)));
    }

    #[test]
    fn a_window_that_closes_before_it_opens_is_refused() {
        let rules = BookingRules {
            opens: DaysBefore { days_before: 2, at: NaiveTime::MIN },
            closes: DaysBefore { days_before: 5, at: NaiveTime::MIN },
            ..BookingRules::demo()
        };
        let errors = rules.validate().err().unwrap_or_default();
        assert_eq!(errors.0.iter().map(|e| e.code).collect::<Vec<_>>(), ["booking_rules.window_reversed"]);
        assert!(BookingRules::demo().validate().is_ok());
    }
}
