//! A booking's life: booked, then changed any number of times, and in the end cancelled,
//! checked in at the counter (visited), or marked a no-show once its day is over. Every
//! staff or resident action is a transition checked here; an illegal one is refused,
//! never applied.

use std::fmt;

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookingStatus {
    /// Places taken; the visit is still to come.
    Booked,
    Cancelled,
    /// Checked in at the counter.
    Visited,
    /// Nobody came.
    NoShow,
}

impl BookingStatus {
    pub const ALL: [Self; 4] = [Self::Booked, Self::Cancelled, Self::Visited, Self::NoShow];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Cancelled => "cancelled",
            Self::Visited => "visited",
            Self::NoShow => "no_show",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The name the counter's lists and exports use.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Booked => "予約中",
            Self::Cancelled => "取消",
            Self::Visited => "来庁済",
            Self::NoShow => "無断欠席",
        }
    }

    /// Whether the booking still counts in a day's places and totals.
    #[must_use]
    pub fn takes_places(self) -> bool {
        self != Self::Cancelled
    }
}

impl fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a resident or a clerk does to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingAction {
    /// Another slot, or (staff) other notes.
    Change,
    Cancel,
    /// The visitor is at the counter, on the booking's day.
    CheckIn,
    /// The day is over and nobody came.
    MarkNoShow,
}

/// Why an action cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingRefusal {
    /// The booking is cancelled, visited or a no-show: nothing more can happen to it.
    NotActive(BookingStatus),
    /// Check-in happens on the booking's day only.
    NotToday,
}

/// The status after `action`, or why it cannot be taken.
///
/// # Errors
/// [`BookingRefusal::NotActive`] for anything but a booked booking.
pub fn next(from: BookingStatus, action: BookingAction) -> Result<BookingStatus, BookingRefusal> {
    match (from, action) {
        (BookingStatus::Booked, BookingAction::Change) => Ok(BookingStatus::Booked),
        (BookingStatus::Booked, BookingAction::Cancel) => Ok(BookingStatus::Cancelled),
        (BookingStatus::Booked, BookingAction::CheckIn) => Ok(BookingStatus::Visited),
        (BookingStatus::Booked, BookingAction::MarkNoShow) => Ok(BookingStatus::NoShow),
        (other, _) => Err(BookingRefusal::NotActive(other)),
    }
}

/// Checking a visitor in: a booked booking, on its own day (Japan time).
///
/// # Errors
/// [`BookingRefusal::NotActive`], or [`BookingRefusal::NotToday`] on another day.
pub fn check_in(from: BookingStatus, visit_day: NaiveDate, today: NaiveDate) -> Result<BookingStatus, BookingRefusal> {
    let to = next(from, BookingAction::CheckIn)?;
    if visit_day != today {
        return Err(BookingRefusal::NotToday);
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use BookingAction::{Cancel, Change, CheckIn, MarkNoShow};
    use BookingStatus::{Booked, Cancelled, NoShow, Visited};

    #[test]
    fn a_booking_is_changed_then_cancelled_visited_or_missed() {
        assert_eq!(next(Booked, Change), Ok(Booked));
        assert_eq!(next(Booked, Cancel), Ok(Cancelled));
        assert_eq!(next(Booked, CheckIn), Ok(Visited));
        assert_eq!(next(Booked, MarkNoShow), Ok(NoShow));
    }

    #[test]
    fn an_ended_booking_refuses_every_action() {
        for from in [Cancelled, Visited, NoShow] {
            for action in [Change, Cancel, CheckIn, MarkNoShow] {
                assert_eq!(next(from, action), Err(BookingRefusal::NotActive(from)), "{from} {action:?}");
            }
        }
    }

    #[test]
    fn check_in_happens_on_the_day_only() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 23).unwrap_or_default();
        assert_eq!(check_in(Booked, day, day), Ok(Visited));
        assert_eq!(check_in(Booked, day, day.pred_opt().unwrap_or_default()), Err(BookingRefusal::NotToday));
        assert_eq!(check_in(Visited, day, day), Err(BookingRefusal::NotActive(Visited)), "a card read twice");
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(BookingStatus::parse("gone"), None);
    }
}
