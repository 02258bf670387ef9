//! A minimal iCalendar (RFC 5545) event, so that a phone adds the visit to its calendar.

use chrono::{NaiveDateTime, TimeDelta};

fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\\' => "\\\\".to_owned(),
            ';' => "\\;".to_owned(),
            ',' => "\\,".to_owned(),
            '\n' => "\\n".to_owned(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// Times are Japan time, written in UTC so that no time-zone table is needed.
#[must_use]
pub fn event(uid: &str, summary: &str, location: &str, start: NaiveDateTime, end: NaiveDateTime) -> String {
    let utc = |at: NaiveDateTime| (at - TimeDelta::hours(9)).format("%Y%m%dT%H%M%SZ").to_string();
    [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Madoguchi//JA".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(uid)),
        format!("DTSTAMP:{}", utc(start)),
        format!("DTSTART:{}", utc(start)),
        format!("DTEND:{}", utc(end)),
        format!("SUMMARY:{}", escape(summary)),
        format!("LOCATION:{}", escape(location)),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ]
    .join("\r\n")
        + "\r\n"
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn an_event_in_utc_with_escaped_text() {
        let at = |h| NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(h, 0, 0)).unwrap_or_default();
        let ics = event("1@madoguchi", "交付; 本庁舎", "中央1-1, 1階", at(10), at(11));
        assert!(ics.contains("DTSTART:20261201T010000Z\r\n"));
        assert!(ics.contains("SUMMARY:交付\\; 本庁舎\r\n"));
        assert!(ics.contains("LOCATION:中央1-1\\, 1階\r\n"));
    }
}
