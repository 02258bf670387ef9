//! The booking mails, in Japanese. Dates are written the way residents read them:
//! `2026年12月1日（火）10:00〜10:30`.

use chrono::{Datelike, NaiveDateTime, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Confirmation,
    Change,
    Cancellation,
}

impl MailKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Change => "change",
            Self::Cancellation => "cancellation",
        }
    }
}

/// What a booking mail says.
#[derive(Debug, Clone)]
pub struct BookingMail {
    pub kind: MailKind,
    pub service_name: String,
    pub municipality: String,
    pub reception_number: String,
    /// Only in the confirmation, the one time it is sent.
    pub password: Option<String>,
    pub procedure: String,
    pub location: String,
    pub location_address: String,
    /// Japan time.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub places: u16,
    /// Where to look the booking up, change or cancel it.
    pub lookup_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub body: String,
    /// An iCalendar invitation, for the confirmation and a change.
    pub ics: Option<String>,
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// `2026年12月1日（火）10:00〜10:30`
#[must_use]
pub fn japanese_slot(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!("{}年{}月{}日（{}）{}〜{}", start.year(), start.month(), start.day(), weekday(start.weekday()), start.format("%H:%M"), end.format("%H:%M"))
}

/// Values reach the mail as text; a line break in one must not start a new line
/// the template did not mean.
fn one_line(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

impl BookingMail {
    #[must_use]
    pub fn render(&self) -> RenderedMail {
        let slot = japanese_slot(self.start, self.end);
        let (title, lead) = match self.kind {
            MailKind::Confirmation => ("予約を受け付けました", "以下の内容で来庁予約を受け付けました。"),
            MailKind::Change => ("予約を変更しました", "以下の内容に予約を変更しました。"),
            MailKind::Cancellation => ("予約を取り消しました", "以下の予約を取り消しました。"),
        };
        let service = one_line(&self.service_name);
        let mut body = format!(
            "{lead}\n\n受付番号: {number}\n",
            number = one_line(&self.reception_number),
        );
        if let Some(password) = &self.password {
            body.push_str(&format!("パスワード: {}\n", one_line(password)));
        }
        body.push_str(&format!(
            "手続き: {procedure}\n日時: {slot}\n場所: {location}（{address}）\n人数: {places}名\n\n",
            procedure = one_line(&self.procedure),
            location = one_line(&self.location),
            address = one_line(&self.location_address),
            places = self.places,
        ));
        if self.kind != MailKind::Cancellation {
            body.push_str("当日は、受付番号をお伝えください。本人確認書類と、交付通知書（はがき）が届いている方はそれもお持ちください。\n");
            body.push_str(&format!("予約の確認・変更・取り消しは、受付番号とパスワードで次のページから行えます。\n{}\n", one_line(&self.lookup_url)));
        }
        body.push_str(&format!("\nこのメールは送信専用です。ご返信いただいてもお答えできません。\n{municipality} {service}\n", municipality = one_line(&self.municipality)));
        let ics = (self.kind != MailKind::Cancellation).then(|| {
            crate::ics::event(
                &format!("{}@madoguchi", self.reception_number),
                &format!("{} {}", self.procedure, self.location),
                &format!("{}（{}）", self.location, self.location_address),
                self.start,
                self.end,
            )
        });
        RenderedMail { subject: format!("【{service}】{title}（受付番号 {}）", one_line(&self.reception_number)), body, ics }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn mail(kind: MailKind) -> BookingMail {
        let at = |h, m| NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(h, m, 0)).unwrap_or_default();
        BookingMail {
            kind,
            service_name: "デモ市 マイナンバーカード窓口予約".to_owned(),
            municipality: "デモ市".to_owned(),
            reception_number: "1234567897".to_owned(),
            password: (kind == MailKind::Confirmation).then(|| "abcd3467".to_owned()),
            procedure: "マイナンバーカード交付".to_owned(),
            location: "本庁舎".to_owned(),
            location_address: "デモ市中央1-1\r\nBcc: x@example.jp".to_owned(),
            start: at(10, 0),
            end: at(10, 30),
            places: 2,
            lookup_url: "http://127.0.0.1:8080/r/demo/lookup".to_owned(),
        }
    }

    #[test]
    fn the_confirmation_carries_number_password_and_the_date_in_japanese() {
        let rendered = mail(MailKind::Confirmation).render();
        assert_eq!(rendered.subject, "【デモ市 マイナンバーカード窓口予約】予約を受け付けました（受付番号 1234567897）");
        for expected in ["受付番号: 1234567897", "パスワード: abcd3467", "日時: 2026年12月1日（火）10:00〜10:30", "人数: 2名"] {
            assert!(rendered.body.contains(expected), "{expected} missing in\n{}", rendered.body);
        }
        assert!(!rendered.body.contains("\r\nBcc"), "a line break in a value does not start a line");
        assert!(rendered.ics.is_some());
    }

    #[test]
    fn a_cancellation_has_no_password_and_no_invitation() {
        let rendered = mail(MailKind::Cancellation).render();
        assert!(rendered.subject.contains("予約を取り消しました"));
        assert!(!rendered.body.contains("パスワード"));
        assert_eq!(rendered.ics, None);
    }
}
