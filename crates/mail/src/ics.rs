//! An iCalendar (RFC 5545) event, so that a phone adds the visit to its calendar, moves it
//! when the booking changes and removes it when the booking is cancelled: one UID per
//! booking, a SEQUENCE that grows with every change, METHOD:CANCEL for a cancellation
//! (RFC 5546).

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

/// What the calendar should do with the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarMethod {
    /// Add or update it.
    Publish,
    /// Remove it.
    Cancel,
}

impl CalendarMethod {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "PUBLISH",
            Self::Cancel => "CANCEL",
        }
    }
}

/// The visit as a calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// The same for every mail about one booking.
    pub uid: String,
    /// Grows with every change of the booking.
    pub sequence: u32,
    /// When the mail was written.
    pub stamp: DateTime<Utc>,
    pub method: CalendarMethod,
    pub summary: String,
    pub location: String,
    /// Japan time.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// The service and the address its mails come from.
    pub organizer_name: String,
    pub organizer_email: String,
}

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

/// A parameter value: quoted, with the characters a quoted value cannot hold dropped.
fn param(text: &str) -> String {
    format!("\"{}\"", text.chars().filter(|c| !matches!(c, '"') && !c.is_control()).collect::<String>())
}

/// Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

impl CalendarEvent {
    /// Times are Japan time, written in UTC so that no time-zone table is needed.
    #[must_use]
    pub fn render(&self) -> String {
        let japan = |at: NaiveDateTime| utc((at - TimeDelta::hours(9)).and_utc());
        let status = match self.method {
            CalendarMethod::Publish => "CONFIRMED",
            CalendarMethod::Cancel => "CANCELLED",
        };
        [
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Madoguchi//JA".to_owned(),
            format!("METHOD:{}", self.method.as_str()),
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&self.uid)),
            format!("SEQUENCE:{}", self.sequence),
            format!("DTSTAMP:{}", utc(self.stamp)),
            format!("DTSTART:{}", japan(self.start)),
            format!("DTEND:{}", japan(self.end)),
            format!("SUMMARY:{}", escape(&self.summary)),
            format!("LOCATION:{}", escape(&self.location)),
            format!("ORGANIZER;CN={}:mailto:{}", param(&self.organizer_name), escape(&self.organizer_email)),
            format!("STATUS:{status}"),
            "TRANSP:OPAQUE".to_owned(),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ]
        .iter()
        .map(|line| fold(line))
        .collect::<Vec<_>>()
        .join("\r\n")
            + "\r\n"
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;

    fn event(method: CalendarMethod) -> CalendarEvent {
        let at = |h| NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(h, 0, 0)).unwrap_or_default();
        CalendarEvent {
            uid: "0190-booking@madoguchi".into(),
            sequence: 2,
            stamp: Utc.with_ymd_and_hms(2026, 11, 20, 3, 4, 5).unwrap(),
            method,
            summary: "交付; 本庁舎".into(),
            location: "中央1-1, 1階".into(),
            start: at(10),
            end: at(11),
            organizer_name: "デモ市 \"窓口\"".into(),
            organizer_email: "no-reply@example.jp".into(),
        }
    }

    #[test]
    fn an_event_in_utc_with_escaped_text_and_its_stamp() {
        let ics = event(CalendarMethod::Publish).render();
        assert!(ics.contains("DTSTART:20261201T010000Z\r\n"));
        assert!(ics.contains("DTSTAMP:20261120T030405Z\r\n"), "the stamp is when the mail was written");
        assert!(ics.contains("SUMMARY:交付\\; 本庁舎\r\n"));
        assert!(ics.contains("LOCATION:中央1-1\\, 1階\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"デモ市 窓口\":mailto:no-reply@example.jp\r\n"));
        assert!(ics.contains("METHOD:PUBLISH\r\n") && ics.contains("SEQUENCE:2\r\n"));
    }

    #[test]
    fn a_cancellation_cancels() {
        let ics = event(CalendarMethod::Cancel).render();
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let mut long = event(CalendarMethod::Publish);
        long.location = "デモ市中央一丁目一番一号 本庁舎 一階 市民課 マイナンバーカード交付窓口".into();
        let ics = long.render();
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("LOCATION:デモ市中央一丁目一番一号 本庁舎 一階 市民課 マイナンバーカード交付窓口\r\n")
        );
    }
}
