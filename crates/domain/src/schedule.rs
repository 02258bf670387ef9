//! When a capacity pool is open and how many places each slot has: a weekly template
//! (opening bands such as 8:30–12:00 and 13:00–17:15, a slot length, places per slot),
//! per-date overrides, and the closed days of the [`HolidayCalendar`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::holidays::{ClosedDay, HolidayCalendar};
use crate::{FieldError, FieldErrors};

pub const MIN_SLOT_MINUTES: u16 = 5;
pub const MAX_SLOT_MINUTES: u16 = 240;
pub const MAX_PLACES: u16 = 999;

/// An opening band within a day, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Band {
    start: NaiveTime,
    end: NaiveTime,
}

impl Band {
    /// # Errors
    /// `schedule.band_reversed` when the band does not end after it starts.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, FieldError> {
        if start >= end {
            return Err(FieldError::new("", "schedule.band_reversed", "an opening band must end after it starts"));
        }
        Ok(Self { start, end })
    }

    #[must_use]
    pub fn start(&self) -> NaiveTime {
        self.start
    }

    /// Reads `08:30-12:00,13:00-17:15`, as bands are stored.
    ///
    /// # Errors
    /// `schedule.band_invalid` or `schedule.band_reversed`.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, FieldError> {
        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        text.split(',')
            .filter(|part| !part.trim().is_empty())
            .map(|part| {
                let (start, end) =
                    part.split_once('-').and_then(|(s, e)| Some((time(s)?, time(e)?))).ok_or_else(|| {
                        FieldError::new("", "schedule.band_invalid", format!("`{part}` is not HH:MM-HH:MM"))
                    })?;
                Self::new(start, end)
            })
            .collect()
    }

    /// Writes bands as [`Band::parse_list`] reads them.
    #[must_use]
    pub fn format_list(bands: &[Self]) -> String {
        bands
            .iter()
            .map(|b| format!("{}-{}", b.start.format("%H:%M"), b.end.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(",")
    }

    #[must_use]
    pub fn end(&self) -> NaiveTime {
        self.end
    }
}

/// One slot of a day, in Japan time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SlotTime {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// How one open day runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    bands: Vec<Band>,
    slot_minutes: u16,
    places: u16,
}

impl DayPlan {
    /// Bands are sorted; overlapping bands, a slot length outside 5–240 minutes or
    /// more than 999 places are refused, each fault named.
    ///
    /// # Errors
    /// Every fault, with its field (`bands.1`, `slot_minutes`, `places`).
    pub fn new(mut bands: Vec<Band>, slot_minutes: u16, places: u16) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if bands.is_empty() {
            errors.push(FieldError::new("bands", "validation.required", "an open day needs at least one opening band"));
        }
        bands.sort();
        for (index, pair) in bands.windows(2).enumerate() {
            if let [earlier, later] = pair
                && later.start < earlier.end
            {
                errors.push(FieldError::new(
                    format!("bands.{}", index + 1),
                    "schedule.band_overlap",
                    "opening bands must not overlap",
                ));
            }
        }
        if !(MIN_SLOT_MINUTES..=MAX_SLOT_MINUTES).contains(&slot_minutes) {
            errors.push(FieldError::new(
                "slot_minutes",
                "validation.out_of_range",
                format!("a slot is {MIN_SLOT_MINUTES} to {MAX_SLOT_MINUTES} minutes"),
            ));
        }
        if places > MAX_PLACES {
            errors.push(FieldError::new(
                "places",
                "validation.out_of_range",
                format!("at most {MAX_PLACES} places per slot"),
            ));
        }
        errors.into_result()?;
        Ok(Self { bands, slot_minutes, places })
    }

    #[must_use]
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    #[must_use]
    pub fn slot_minutes(&self) -> u16 {
        self.slot_minutes
    }

    #[must_use]
    pub fn places(&self) -> u16 {
        self.places
    }

    /// The day's slots: each band cut into whole slots (a remainder shorter than a
    /// slot at a band's end is not bookable).
    #[must_use]
    pub fn slots(&self, date: NaiveDate) -> Vec<SlotTime> {
        let length = TimeDelta::minutes(i64::from(self.slot_minutes));
        let mut slots = Vec::new();
        for band in &self.bands {
            let mut start = date.and_time(band.start);
            let band_end = date.and_time(band.end);
            while start + length <= band_end {
                slots.push(SlotTime { start, end: start + length });
                start += length;
            }
        }
        slots
    }
}

/// What a date's configuration says, before the weekly template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateOverride {
    /// Closed that day (an event, an inventory, a system change).
    Closed { reason: String },
    /// Open with these hours and places, even on a holiday.
    Open(DayPlan),
}

/// A capacity pool's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    /// Monday first; `None` is closed.
    pub weekly: [Option<DayPlan>; 7],
    pub overrides: BTreeMap<NaiveDate, DateOverride>,
}

/// Why nothing can be booked on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closure {
    Weekly,
    Default(ClosedDay),
    Override { reason: String },
}

impl Closure {
    /// `weekly`, `holiday`, `year_end` or `closure`, as the API names it.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Default(ClosedDay::NationalHoliday(_)) => "holiday",
            Self::Default(ClosedDay::YearEnd) => "year_end",
            Self::Override { .. } => "closure",
        }
    }

    /// The holiday's name or the reason the municipality gave; none for a weekly
    /// closed day or the year-end break (their kind says it all).
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Default(ClosedDay::NationalHoliday(name)) => Some(name),
            Self::Override { reason } => Some(reason),
            Self::Weekly | Self::Default(ClosedDay::YearEnd) => None,
        }
    }
}

impl Schedule {
    /// The plan of `date`: an override wins (so an administrator can open a holiday);
    /// then holidays and the year-end break close it; then the weekday's template.
    ///
    /// # Errors
    /// Why the day is closed.
    pub fn plan_for<'s>(&'s self, date: NaiveDate, holidays: &HolidayCalendar) -> Result<&'s DayPlan, Closure> {
        match self.overrides.get(&date) {
            Some(DateOverride::Open(plan)) => return Ok(plan),
            Some(DateOverride::Closed { reason }) => return Err(Closure::Override { reason: reason.clone() }),
            None => {}
        }
        if let Some(closed) = holidays.closed(date) {
            return Err(Closure::Default(closed));
        }
        let weekday = usize::try_from(date.weekday().num_days_from_monday()).unwrap_or(0);
        self.weekly.get(weekday).and_then(Option::as_ref).ok_or(Closure::Weekly)
    }
}

impl Schedule {
    /// The places of the slot starting at `start`; `None` when the day is closed or no
    /// slot starts then.
    #[must_use]
    pub fn places_at(&self, holidays: &HolidayCalendar, start: NaiveDateTime) -> Option<u16> {
        let plan = self.plan_for(start.date(), holidays).ok()?;
        plan.slots(start.date()).iter().any(|slot| slot.start == start).then_some(plan.places)
    }

    /// Whether `taken` places booked at `start` would lose their slot under this
    /// schedule: the day closed, the slot gone, or fewer places than are booked.
    #[must_use]
    pub fn strands(&self, holidays: &HolidayCalendar, start: NaiveDateTime, taken: u32) -> bool {
        self.places_at(holidays, start).is_none_or(|places| u32::from(places) < taken)
    }
}

/// Whether a change of schedule loses places booked in one slot, given the slot's places
/// before and after (`None`: no such slot). Only what the change itself does counts: a slot
/// an administrator booked beyond its places, or one already gone, is no reason to refuse a
/// change elsewhere; taking more places from an over-full slot is.
#[must_use]
pub fn change_strands(before: Option<u16>, after: Option<u16>, taken: u32) -> bool {
    match (before, after) {
        (_, Some(after)) => u32::from(after) < taken && before.is_none_or(|before| after < before),
        (Some(_), None) => true,
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn band(start: (u32, u32), end: (u32, u32)) -> Band {
        Band::new(time(start.0, start.1), time(end.0, end.1)).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The demo's weekday: 8:30–17:15, 30-minute slots, 6 places.
    fn demo_day() -> DayPlan {
        DayPlan::new(vec![band((8, 30), (17, 15))], 30, 6).unwrap_or_else(|e| panic!("{e}"))
    }

    fn weekdays() -> Schedule {
        let mut schedule = Schedule::default();
        for weekday in 0..5 {
            schedule.weekly[weekday] = Some(demo_day());
        }
        schedule
    }

    #[test]
    fn a_day_is_cut_into_whole_slots() {
        let slots = demo_day().slots(day(2026, 11, 24));
        assert_eq!(slots.len(), 17, "8:30 to 16:30 starts; 16:45–17:15 is not a whole slot");
        assert_eq!(slots[0].start.time(), time(8, 30));
        assert_eq!(slots[16].end.time(), time(17, 0));
    }

    #[test]
    fn bands_are_stored_as_text_and_read_back() {
        let bands = vec![band((8, 30), (12, 0)), band((13, 0), (17, 15))];
        assert_eq!(Band::format_list(&bands), "08:30-12:00,13:00-17:15");
        assert_eq!(Band::parse_list("08:30-12:00, 13:00-17:15"), Ok(bands));
        assert_eq!(Band::parse_list("8時から").map_err(|e| e.code), Err("schedule.band_invalid"));
    }

    #[test]
    fn a_lunch_break_has_no_slots() {
        let plan =
            DayPlan::new(vec![band((13, 0), (17, 0)), band((9, 0), (12, 0))], 60, 2).unwrap_or_else(|e| panic!("{e}"));
        let starts: Vec<NaiveTime> = plan.slots(day(2026, 11, 24)).iter().map(|s| s.start.time()).collect();
        assert_eq!(starts, [time(9, 0), time(10, 0), time(11, 0), time(13, 0), time(14, 0), time(15, 0), time(16, 0)]);
    }

    #[test]
    fn a_bad_day_plan_names_every_fault() {
        let errors =
            DayPlan::new(vec![band((9, 0), (12, 0)), band((11, 0), (13, 0))], 1, 1000).err().unwrap_or_default();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["bands.1", "slot_minutes", "places"]);
        assert!(Band::new(time(12, 0), time(9, 0)).is_err());
    }

    #[test]
    fn weekends_holidays_and_the_year_end_are_closed() {
        let schedule = weekdays();
        let holidays = HolidayCalendar::default();
        assert!(schedule.plan_for(day(2026, 11, 24), &holidays).is_ok(), "an ordinary Tuesday");
        assert_eq!(schedule.plan_for(day(2026, 11, 22), &holidays), Err(Closure::Weekly), "Sunday");
        assert!(matches!(
            schedule.plan_for(day(2026, 11, 23), &holidays),
            Err(Closure::Default(ClosedDay::NationalHoliday(_)))
        ));
        assert_eq!(schedule.plan_for(day(2026, 12, 29), &holidays), Err(Closure::Default(ClosedDay::YearEnd)));
    }

    #[test]
    fn a_change_that_would_strand_bookings_is_recognised() {
        let mut schedule = weekdays();
        let holidays = HolidayCalendar::default();
        let tuesday_ten = day(2026, 11, 24).and_time(time(10, 0));
        assert!(!schedule.strands(&holidays, tuesday_ten, 6));
        assert!(schedule.strands(&holidays, tuesday_ten, 7), "more booked than places");
        assert!(schedule.strands(&holidays, day(2026, 11, 24).and_time(time(10, 15)), 1), "no slot starts then");
        schedule.overrides.insert(day(2026, 11, 24), DateOverride::Closed { reason: String::new() });
        assert!(schedule.strands(&holidays, tuesday_ten, 1), "closed");
    }

    #[test]
    fn only_what_a_change_itself_loses_strands_a_booking() {
        assert!(!change_strands(Some(6), Some(6), 7), "booked beyond capacity before, untouched by the change");
        assert!(change_strands(Some(6), Some(4), 7), "fewer places still for an over-full slot");
        assert!(change_strands(Some(6), Some(4), 5), "fewer places than booked");
        assert!(!change_strands(Some(6), Some(5), 5), "enough places left");
        assert!(change_strands(Some(6), None, 1), "the slot or the day goes");
        assert!(!change_strands(None, None, 1), "already gone before the change");
        assert!(!change_strands(None, Some(6), 3), "a slot that comes back");
    }

    #[test]
    fn an_override_opens_a_holiday_or_closes_a_weekday() {
        let mut schedule = weekdays();
        let holidays = HolidayCalendar::default();
        let sunday_opening = DayPlan::new(vec![band((9, 0), (12, 0))], 30, 3).unwrap_or_else(|e| panic!("{e}"));
        schedule.overrides.insert(day(2026, 11, 23), DateOverride::Open(sunday_opening.clone()));
        schedule.overrides.insert(day(2026, 11, 25), DateOverride::Closed { reason: "システム更新".to_owned() });
        assert_eq!(schedule.plan_for(day(2026, 11, 23), &holidays), Ok(&sunday_opening));
        assert_eq!(
            schedule.plan_for(day(2026, 11, 25), &holidays),
            Err(Closure::Override { reason: "システム更新".to_owned() })
        );
    }
}
