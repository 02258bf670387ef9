//! Days the counter is closed unless an administrator opens them: Japanese national
//! holidays and the year-end break (12/29–1/3, as municipal offices keep it).
//!
//! Holidays are computed by law (jpholiday) and can be overridden by the Cabinet
//! Office's `syukujitsu.csv`, which also carries one-off holidays decided after a
//! release. Years the imported file covers are taken from it alone.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock, RwLock};

use chrono::{Datelike, NaiveDate};

use crate::{FieldError, FieldErrors};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HolidayCalendar {
    /// From an imported `syukujitsu.csv`: the holidays of the years it covers.
    imported: BTreeMap<NaiveDate, String>,
    imported_years: BTreeSet<i32>,
}

/// Why a day is closed by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedDay {
    NationalHoliday(String),
    YearEnd,
}

impl HolidayCalendar {
    #[must_use]
    pub fn new(imported: BTreeMap<NaiveDate, String>) -> Self {
        let imported_years = imported.keys().map(Datelike::year).collect();
        Self { imported, imported_years }
    }

    /// The national holiday's name on `date`, if it is one.
    #[must_use]
    pub fn holiday_name(&self, date: NaiveDate) -> Option<String> {
        if self.imported_years.contains(&date.year()) {
            return self.imported.get(&date).cloned();
        }
        by_law(date.year()).get(&date).cloned()
    }

    /// Why the counter is closed on `date` by default, or `None` on an ordinary day.
    #[must_use]
    pub fn closed(&self, date: NaiveDate) -> Option<ClosedDay> {
        let (month, day) = (date.month(), date.day());
        if (month == 12 && day >= 29) || (month == 1 && day <= 3) {
            return Some(ClosedDay::YearEnd);
        }
        self.holiday_name(date).map(ClosedDay::NationalHoliday)
    }
}

/// The holidays of a year by law, computed once per year and process: computing a
/// single date walks the whole rule set, and a month's calendar asks for 31 dates.
type YearHolidays = Arc<BTreeMap<NaiveDate, String>>;

fn by_law(year: i32) -> YearHolidays {
    static YEARS: OnceLock<RwLock<HashMap<i32, YearHolidays>>> = OnceLock::new();
    let years = YEARS.get_or_init(|| RwLock::new(HashMap::new()));
    if let Some(known) = years.read().ok().and_then(|y| y.get(&year).cloned()) {
        return known;
    }
    let computed: YearHolidays =
        Arc::new(jpholiday::jpholiday::JPHoliday::new().year_holidays(year).into_iter().collect());
    if let Ok(mut years) = years.write() {
        years.insert(year, computed.clone());
    }
    computed
}

/// Parses the Cabinet Office's `syukujitsu.csv` (already decoded from CP932): a header,
/// then `YYYY/M/D,名称` lines.
///
/// # Errors
/// Every line that is not a date and a name, with its line number.
pub fn parse_syukujitsu(text: &str) -> Result<BTreeMap<NaiveDate, String>, FieldErrors> {
    let mut holidays = BTreeMap::new();
    let mut errors = FieldErrors::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        let line = line.trim().trim_start_matches('\u{FEFF}');
        if line.is_empty() || (index == 0 && !line.starts_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        let mut cells = line.splitn(2, ',');
        let date = cells.next().map(str::trim).and_then(|d| NaiveDate::parse_from_str(d, "%Y/%m/%d").ok());
        let name = cells.next().map(str::trim).filter(|n| !n.is_empty());
        match (date, name) {
            (Some(date), Some(name)) => {
                holidays.insert(date, name.to_owned());
            }
            _ => errors.push(
                FieldError::new("file", "holidays.invalid_line", format!("`{line}` is not `YYYY/M/D,名称`"))
                    .at_line(line_number),
            ),
        }
    }
    if holidays.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("file", "import.empty", "the file lists no holiday"));
    }
    errors.into_result().map(|()| holidays)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn national_holidays_are_known_by_law() {
        let calendar = HolidayCalendar::default();
        assert_eq!(calendar.closed(day(2026, 11, 23)), Some(ClosedDay::NationalHoliday("勤労感謝の日".to_owned())));
        // Vernal equinox 2027 falls on Sunday 3/21: Monday 3/22 is a substitute holiday.
        assert!(calendar.holiday_name(day(2027, 3, 22)).is_some());
        assert_eq!(calendar.closed(day(2026, 11, 24)), None);
    }

    #[test]
    fn the_year_end_break_is_closed() {
        let calendar = HolidayCalendar::default();
        for d in [day(2026, 12, 28), day(2027, 1, 4)] {
            assert_eq!(calendar.closed(d), None, "{d}");
        }
        for d in [day(2026, 12, 29), day(2026, 12, 31), day(2027, 1, 2), day(2027, 1, 3)] {
            assert!(calendar.closed(d).is_some(), "{d}");
        }
    }

    #[test]
    fn an_imported_list_rules_the_years_it_covers() {
        let text = "国民の祝日・休日月日,国民の祝日・休日名称\r\n2027/1/1,元日\r\n2027/5/6,臨時の休日\r\n";
        let calendar = HolidayCalendar::new(parse_syukujitsu(text).unwrap_or_default());
        assert_eq!(calendar.holiday_name(day(2027, 5, 6)), Some("臨時の休日".to_owned()));
        assert_eq!(calendar.holiday_name(day(2027, 11, 23)), None, "2027 comes from the file alone");
        assert!(calendar.holiday_name(day(2028, 11, 23)).is_some(), "other years by law");
    }

    #[test]
    fn a_bad_line_is_named() {
        let errors = parse_syukujitsu("日付,名称\n2027/1/1,元日\n2027-13-01,謎\n").err().unwrap_or_default();
        assert_eq!(errors.0.iter().map(|e| e.line).collect::<Vec<_>>(), [Some(3)]);
        assert!(parse_syukujitsu("日付,名称\n").is_err(), "an empty list is refused");
    }
}
