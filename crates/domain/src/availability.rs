//! What a resident sees on the calendar: each bookable slot and its remaining
//! places. Never the capacity (RES-02).

use chrono::{NaiveDate, NaiveDateTime};

use crate::booking_rules::BookingRules;
use crate::holidays::HolidayCalendar;
use crate::schedule::{Closure, Schedule, SlotTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotAvailability {
    pub slot: SlotTime,
    pub remaining: u32,
}

/// A day's slots that a resident could book at `now`, with their remaining places.
/// `taken` says how many places of a slot (by its start) are booked or held.
/// Slots outside the booking window are left out; full slots stay, with 0.
pub fn day(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    rules: &BookingRules,
    date: NaiveDate,
    now: NaiveDateTime,
    taken: impl Fn(NaiveDateTime) -> u32,
) -> Vec<SlotAvailability> {
    let Ok(plan) = schedule.plan_for(date, holidays) else {
        return Vec::new();
    };
    plan.slots(date)
        .into_iter()
        .filter(|slot| rules.check_booking(slot.start, now).is_ok())
        .map(|slot| SlotAvailability { slot, remaining: remaining(plan.places(), taken(slot.start)) })
        .collect()
}

/// Why a day takes no booking at all (a weekly closed day, a holiday, the year-end break
/// or the municipality's own closure), so residents are told rather than shown nothing.
#[must_use]
pub fn closure(schedule: &Schedule, holidays: &HolidayCalendar, date: NaiveDate) -> Option<Closure> {
    schedule.plan_for(date, holidays).err()
}

/// Every slot of a day as the staff see it, the booking window aside, with its places
/// and remaining places; `Err` says why the day is closed.
///
/// # Errors
/// The day's closure (weekly, holiday, year end, an override).
pub fn staff_day(
    schedule: &Schedule,
    holidays: &HolidayCalendar,
    date: NaiveDate,
    taken: impl Fn(NaiveDateTime) -> u32,
) -> Result<Vec<(SlotAvailability, u16)>, Closure> {
    let plan = schedule.plan_for(date, holidays)?;
    Ok(plan
        .slots(date)
        .into_iter()
        .map(|slot| (SlotAvailability { slot, remaining: remaining(plan.places(), taken(slot.start)) }, plan.places()))
        .collect())
}

/// The places still free: never below zero, though an administrator may have booked a
/// slot beyond its places.
#[must_use]
pub fn remaining(places: u16, taken: u32) -> u32 {
    u32::from(places).saturating_sub(taken)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_slot_booked_beyond_its_places_has_none_left_not_fewer_than_none() {
        assert_eq!(super::remaining(6, 4), 2);
        assert_eq!(super::remaining(6, 8), 0);
    }

    use chrono::NaiveTime;

    use super::*;
    use crate::schedule::{Band, DayPlan};

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d).and_then(|d| d.and_hms_opt(h, m, 0)).unwrap_or_default()
    }

    fn schedule() -> Schedule {
        let band = Band::new(
            NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let plan = DayPlan::new(vec![band], 60, 6).unwrap_or_else(|e| panic!("{e}"));
        let mut schedule = Schedule::default();
        for weekday in 0..5 {
            schedule.weekly[weekday] = Some(plan.clone());
        }
        schedule
    }

    #[test]
    fn remaining_places_are_capacity_less_what_is_taken() {
        let slots = day(
            &schedule(),
            &HolidayCalendar::default(),
            &BookingRules::demo(),
            at(10, 0, 0).date(),
            at(1, 12, 0),
            |start| if start == at(10, 9, 0) { 6 } else { 2 },
        );
        let remaining: Vec<u32> = slots.iter().map(|s| s.remaining).collect();
        assert_eq!(remaining, [0, 4], "a full slot is shown with 0, the other with 4");
    }

    #[test]
    fn days_outside_the_window_or_closed_show_nothing() {
        let rules = BookingRules::demo();
        let holidays = HolidayCalendar::default();
        assert!(day(&schedule(), &holidays, &rules, at(10, 0, 0).date(), at(20, 12, 0), |_| 0).is_empty(), "past");
        assert!(
            day(&schedule(), &holidays, &rules, at(31, 0, 0).date(), at(20, 12, 0), |_| 0).is_empty(),
            "year-end break"
        );
        assert!(
            day(&schedule(), &holidays, &rules, at(28, 0, 0).date(), at(1, 12, 0), |_| 0).is_empty(),
            "not open yet"
        );
        assert_eq!(day(&schedule(), &holidays, &rules, at(28, 0, 0).date(), at(20, 12, 0), |_| 0).len(), 2);
    }
}
