//! Birth dates as residents write them: 西暦 (`1950-04-01`, `1950/4/1`, `19500401`) or
//! 和暦 (`昭和25年4月1日`, `S25.4.1`, `令和元年5月1日`), in full or half width.

use chrono::NaiveDate;

use crate::width::{fold_to_ascii, trim_text};

/// The eras a living resident may be born in, with their first day.
const ERAS: [(&str, char, i32, u32, u32); 5] = [
    ("明治", 'M', 1868, 1, 25),
    ("大正", 'T', 1912, 7, 30),
    ("昭和", 'S', 1926, 12, 25),
    ("平成", 'H', 1989, 1, 8),
    ("令和", 'R', 2019, 5, 1),
];

fn era_start(index: usize) -> Option<NaiveDate> {
    let (_, _, year, month, day) = ERAS.get(index)?;
    NaiveDate::from_ymd_opt(*year, *month, *day)
}

/// Numbers in the text, in order (`昭和25年4月1日` → 25, 4, 1; `元年` counts as 1).
fn numbers(text: &str) -> Vec<u32> {
    let text = text.replace('元', "1");
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

/// Parses a written date; `None` when it is not one.
#[must_use]
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let text = fold_to_ascii(trim_text(input));
    let upper = text.to_ascii_uppercase();
    let era = ERAS.iter().position(|(name, letter, ..)| text.starts_with(name) || upper.starts_with(*letter));
    if let Some(index) = era {
        let [year, month, day] = numbers(&text)[..] else { return None };
        let first_year = ERAS.get(index)?.2;
        let date = NaiveDate::from_ymd_opt(first_year + i32::try_from(year).ok()? - 1, month, day)?;
        // 昭和64年1月8日 does not exist: it was 平成元年. A date must fall inside its era.
        let starts = era_start(index)?;
        let ends = era_start(index + 1);
        return (date >= starts && ends.is_none_or(|end| date < end)).then_some(date);
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&text, "%Y%m%d").ok();
    }
    let [year, month, day] = numbers(&text)[..] else { return None };
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A date in 和暦 as printed on forms: `昭和50年4月1日`, `令和元年5月1日`.
#[must_use]
pub fn format_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let era = (0..ERAS.len()).rev().find(|&i| era_start(i).is_some_and(|start| date >= start));
    match era.and_then(|i| ERAS.get(i)) {
        Some((name, _, first_year, ..)) => {
            let year = date.year() - first_year + 1;
            let year = if year == 1 { "元".to_owned() } else { year.to_string() };
            format!("{name}{year}年{}月{}日", date.month(), date.day())
        }
        None => date.format("%Y年%-m月%-d日").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_their_era() {
        assert_eq!(day(1975, 4, 1).map(format_date).as_deref(), Some("昭和50年4月1日"));
        assert_eq!(day(2019, 5, 1).map(format_date).as_deref(), Some("令和元年5月1日"));
        assert_eq!(day(1989, 1, 7).map(format_date).as_deref(), Some("昭和64年1月7日"));
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn western_dates_in_the_usual_shapes() {
        for text in ["1950-04-01", "1950/4/1", "19500401", "１９５０年４月１日", " 1950.04.01 "] {
            assert_eq!(parse_date(text), day(1950, 4, 1), "{text}");
        }
    }

    #[test]
    fn japanese_era_dates() {
        assert_eq!(parse_date("昭和25年4月1日"), day(1950, 4, 1));
        assert_eq!(parse_date("S25.4.1"), day(1950, 4, 1));
        assert_eq!(parse_date("ｓ２５．４．１"), day(1950, 4, 1));
        assert_eq!(parse_date("平成元年1月8日"), day(1989, 1, 8));
        assert_eq!(parse_date("令和元年5月1日"), day(2019, 5, 1));
        assert_eq!(parse_date("大正15年12月24日"), day(1926, 12, 24));
    }

    #[test]
    fn dates_outside_their_era_or_the_calendar_are_refused() {
        assert_eq!(parse_date("昭和64年1月8日"), None, "that day was 平成元年");
        assert_eq!(parse_date("平成31年5月1日"), None, "that day was 令和元年");
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("25/4/1"), None);
        assert_eq!(parse_date("そのうち"), None);
    }
}
