//! The booking mails, in Japanese. Dates are written the way residents read them:
//! `2026年12月1日（火）10:00〜10:30`.

use chrono::{DateTime, Datelike, NaiveDateTime, Utc, Weekday};

use crate::ics::{CalendarEvent, CalendarMethod};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Confirmation,
    Change,
    Cancellation,
    /// Sent some days before the visit, when the tenant turned it on.
    Reminder,
    /// A new password, issued by staff for a resident who lost the first.
    PasswordReissued,
    /// Someone tried to book again with the holder's details and was refused: the
    /// holder learns of it (it may have been them, or someone posing as them).
    DuplicateAttempt,
}

impl MailKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Change => "change",
            Self::Cancellation => "cancellation",
            Self::Reminder => "reminder",
            Self::PasswordReissued => "password_reissued",
            Self::DuplicateAttempt => "duplicate_attempt",
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
    /// For the reminder: days until the visit.
    pub days_before: u16,
    /// The counter's phone number and hours, for help; empty when not set.
    pub contact_phone: String,
    pub contact_hours: String,
    pub calendar: CalendarInfo,
    /// The municipality's word on why (an emergency closure), put before the body.
    pub notice: Option<String>,
    /// What to bring, one item per line, as the municipality wrote it for the
    /// procedure; empty for the service's default list.
    pub what_to_bring: String,
}

/// What keeps a booking's calendar entries one event: its UID, a sequence that grows
/// with each change, and who sends them.
#[derive(Debug, Clone)]
pub struct CalendarInfo {
    pub uid: String,
    pub sequence: u32,
    /// When the mail is written.
    pub stamp: DateTime<Utc>,
    pub organizer_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    /// The From header's display name: the service.
    pub sender_name: String,
    pub subject: String,
    pub body: String,
    /// An iCalendar event: published by the confirmation, a change and the reminder,
    /// cancelled by the cancellation.
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
    format!(
        "{}年{}月{}日（{}）{}〜{}",
        start.year(),
        start.month(),
        start.day(),
        weekday(start.weekday()),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// Values reach the mail as text; a line break in one must not start a new line
/// the template did not mean.
fn one_line(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A tenant's wording of one kind of mail, with `{placeholder}`s for the booking's
/// values. Staff write it; the values are filled in as single lines, so neither a
/// template nor a value can add a mail header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailTemplate {
    pub subject: String,
    pub body: String,
}

/// The placeholders a template may use, and what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 13] = [
    ("service_name", "サービス名"),
    ("municipality", "自治体名"),
    ("reception_number", "受付番号"),
    ("password", "パスワード（予約受付とパスワード再発行のメールのみ）"),
    ("procedure", "手続き"),
    ("slot", "日時（2026年12月1日（火）10:00〜10:30）"),
    ("location", "場所"),
    ("location_address", "場所の住所"),
    ("places", "人数"),
    ("lookup_url", "予約の確認・変更ページのURL"),
    ("days_before", "予約日までの日数（リマインダー）"),
    ("contact", "問い合わせ先（電話番号と受付時間。未設定なら行ごと省略）"),
    ("what_to_bring", "持ち物（手続きごとの設定。1行に1つ、「・」付き）"),
];

const FOOTER: &str = "\nこのメールは送信専用です。ご返信いただいてもお答えできません。\n{contact}\n{service_name}\n";
const WHAT_TO_BRING: &str = "当日は、受付番号をお伝えください。\nお持ちいただくもの:\n{what_to_bring}\n\n予約の確認・変更・取り消しは、受付番号とパスワードで次のページから行えます。\n{lookup_url}\n";
/// What to bring when the municipality has not written its own list.
const DEFAULT_TO_BRING: &str = "本人確認書類\n交付通知書（はがき）※届いている方のみ";
const DETAILS: &str = "受付番号: {reception_number}\n";
const SLOT: &str = "手続き: {procedure}\n日時: {slot}\n場所: {location}（{location_address}）\n人数: {places}名\n\n";

impl MailKind {
    pub const ALL: [Self; 6] = [
        Self::Confirmation,
        Self::Change,
        Self::Cancellation,
        Self::Reminder,
        Self::PasswordReissued,
        Self::DuplicateAttempt,
    ];

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// What the service says when the tenant has not written its own.
    #[must_use]
    pub fn default_template(self) -> MailTemplate {
        let (title, lead) = match self {
            Self::Confirmation => ("予約を受け付けました", "以下の内容で来庁予約を受け付けました。"),
            Self::Change => ("予約を変更しました", "以下の内容に予約を変更しました。"),
            Self::Cancellation => ("予約を取り消しました", "以下の予約を取り消しました。"),
            Self::Reminder => ("ご予約日が近づいています", "ご予約の日まで、あと{days_before}日です。"),
            Self::PasswordReissued => (
                "パスワードを再発行しました",
                "窓口でのお申し出により、予約のパスワードを再発行しました。これまでのパスワードは使えません。",
            ),
            Self::DuplicateAttempt => (
                "同じ方の予約のお申し込みがありました",
                "このメールアドレスでご予約の方と同じ内容で、新しい予約のお申し込みがありましたが、お受けしていません。\nご予約は次のとおり有効です。お心当たりのないお申し込みでしたら、お問い合わせ先へご連絡ください。",
            ),
        };
        let mut body = format!("{lead}\n\n{DETAILS}");
        if matches!(self, Self::Confirmation | Self::PasswordReissued) {
            body.push_str("パスワード: {password}\n");
        }
        body.push_str(SLOT);
        if self != Self::Cancellation {
            body.push_str(WHAT_TO_BRING);
        }
        body.push_str(FOOTER);
        MailTemplate { subject: format!("【{{service_name}}】{title}（受付番号 {{reception_number}}）"), body }
    }

    /// Placeholders a template of this kind must keep: without them the mail would
    /// not do its job (the confirmation is the only place the password is sent).
    #[must_use]
    pub fn required_placeholders(self) -> &'static [&'static str] {
        match self {
            Self::Confirmation | Self::PasswordReissued => &["reception_number", "password"],
            _ => &["reception_number"],
        }
    }
}

/// What is wrong with a template, per field (`subject`, `body`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFault {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

fn placeholders_in(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

impl MailTemplate {
    /// # Errors
    /// Every fault: empty, too long, a line break in the subject, an unknown or a
    /// missing placeholder.
    pub fn check(&self, kind: MailKind) -> Result<(), Vec<TemplateFault>> {
        let mut faults = Vec::new();
        for (field, text, max) in [("subject", &self.subject, 200), ("body", &self.body, 10_000)] {
            if text.trim().is_empty() {
                faults.push(TemplateFault {
                    field,
                    code: "validation.required",
                    message: "this field is required".to_owned(),
                });
                continue;
            }
            if text.chars().count() > max {
                faults.push(TemplateFault {
                    field,
                    code: "validation.too_long",
                    message: format!("at most {max} characters"),
                });
            }
            if text.chars().any(|c| c.is_control() && !(field == "body" && matches!(c, '\n' | '\r' | '\t'))) {
                faults.push(TemplateFault {
                    field,
                    code: "validation.control_character",
                    message: "line breaks only in the body".to_owned(),
                });
            }
            if let Some(unknown) =
                placeholders_in(text).into_iter().find(|p| !PLACEHOLDERS.iter().any(|(name, _)| name == p))
            {
                faults.push(TemplateFault {
                    field,
                    code: "template.unknown_placeholder",
                    message: format!("{{{unknown}}} is not a placeholder"),
                });
            }
            if field == "subject" && placeholders_in(text).contains(&"password") {
                faults.push(TemplateFault {
                    field,
                    code: "template.password_in_subject",
                    message: "the password goes in the body only".to_owned(),
                });
            }
        }
        let all = format!("{}{}", self.subject, self.body);
        for required in kind.required_placeholders() {
            if !placeholders_in(&all).contains(required) {
                faults.push(TemplateFault {
                    field: "body",
                    code: "template.missing_placeholder",
                    message: format!("{{{required}}} must appear"),
                });
            }
        }
        if faults.is_empty() { Ok(()) } else { Err(faults) }
    }

    fn fill(text: &str, values: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(text.len() + 64);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after
                .find('}')
                .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, v)| (close, v)))
            {
                Some((close, value)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl BookingMail {
    /// 「お問い合わせ: デモ市 電話 0120-123-456（平日 8:30〜17:15）」, or nothing when no
    /// phone is set.
    fn contact_line(&self) -> String {
        let phone = one_line(&self.contact_phone);
        if phone.trim().is_empty() {
            return String::new();
        }
        let hours = one_line(&self.contact_hours);
        let hours = if hours.trim().is_empty() { String::new() } else { format!("（{}）", hours.trim()) };
        format!("お問い合わせ: {} 電話 {}{hours}", one_line(&self.municipality), phone.trim())
    }

    /// The list of what to bring, one 「・」 item per line (lines only: no control
    /// character other than the line breaks between items).
    fn to_bring(&self) -> String {
        let list = if self.what_to_bring.trim().is_empty() { DEFAULT_TO_BRING } else { &self.what_to_bring };
        list.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| format!("・{}", one_line(l)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The mail in the service's default wording.
    #[must_use]
    pub fn render(&self) -> RenderedMail {
        self.render_with(&self.kind.default_template())
    }

    /// The mail in a tenant's wording.
    #[must_use]
    pub fn render_with(&self, template: &MailTemplate) -> RenderedMail {
        let values = [
            ("service_name", one_line(&self.service_name)),
            ("municipality", one_line(&self.municipality)),
            ("reception_number", one_line(&self.reception_number)),
            ("password", self.password.as_deref().map(one_line).unwrap_or_default()),
            ("procedure", one_line(&self.procedure)),
            ("slot", japanese_slot(self.start, self.end)),
            ("location", one_line(&self.location)),
            ("location_address", one_line(&self.location_address)),
            ("places", self.places.to_string()),
            ("lookup_url", one_line(&self.lookup_url)),
            ("days_before", self.days_before.to_string()),
        ];
        let contact = self.contact_line();
        let mut body = template.body.replace("\r\n", "\n");
        if contact.is_empty() {
            // No phone set: the line that would hold it goes, not just its text.
            body = body.replace("{contact}\n", "");
        }
        let mut body = MailTemplate::fill(
            &body,
            &[&values[..], &[("contact", contact), ("what_to_bring", self.to_bring())]].concat(),
        );
        if let Some(notice) = self.notice.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            body = format!(
                "【{}からのお知らせ】\n{}\n\n{body}",
                one_line(&self.municipality),
                notice.replace("\r\n", "\n")
            );
        }
        let subject = one_line(&MailTemplate::fill(
            &template.subject,
            &[&values[..], &[("what_to_bring", one_line(&self.to_bring()))]].concat(),
        ));
        let method = match self.kind {
            MailKind::Cancellation => Some(CalendarMethod::Cancel),
            MailKind::Confirmation | MailKind::Change | MailKind::Reminder => Some(CalendarMethod::Publish),
            // The visit is unchanged; the calendar already has it.
            MailKind::PasswordReissued | MailKind::DuplicateAttempt => None,
        };
        let ics = method.map(|method| {
            CalendarEvent {
                uid: self.calendar.uid.clone(),
                sequence: self.calendar.sequence,
                stamp: self.calendar.stamp,
                method,
                summary: format!("{} {}", self.procedure, self.location),
                location: format!("{}（{}）", self.location, self.location_address),
                start: self.start,
                end: self.end,
                organizer_name: self.service_name.clone(),
                organizer_email: self.calendar.organizer_email.clone(),
            }
            .render()
        });
        RenderedMail { sender_name: one_line(&self.service_name), subject, body, ics }
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
            days_before: 1,
            contact_phone: "0120-123-456".to_owned(),
            contact_hours: "平日 8:30〜17:15".to_owned(),
            calendar: CalendarInfo {
                uid: "booking-1@madoguchi".to_owned(),
                sequence: 1,
                stamp: chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 20, 1, 0, 0).unwrap(),
                organizer_email: "no-reply@example.jp".to_owned(),
            },
            notice: None,
            what_to_bring: String::new(),
        }
    }

    #[test]
    fn the_confirmation_carries_number_password_and_the_date_in_japanese() {
        let rendered = mail(MailKind::Confirmation).render();
        assert_eq!(
            rendered.subject,
            "【デモ市 マイナンバーカード窓口予約】予約を受け付けました（受付番号 1234567897）"
        );
        for expected in
            ["受付番号: 1234567897", "パスワード: abcd3467", "日時: 2026年12月1日（火）10:00〜10:30", "人数: 2名"]
        {
            assert!(rendered.body.contains(expected), "{expected} missing in\n{}", rendered.body);
        }
        assert!(!rendered.body.contains("\r\nBcc"), "a line break in a value does not start a line");
        assert!(rendered.ics.is_some());
    }

    #[test]
    fn a_cancellation_has_no_password_and_cancels_the_calendar_entry() {
        let rendered = mail(MailKind::Cancellation).render();
        assert!(rendered.subject.contains("予約を取り消しました"));
        assert!(!rendered.body.contains("パスワード"));
        assert!(rendered.ics.is_some_and(|ics| ics.contains("METHOD:CANCEL")));
    }

    #[test]
    fn what_to_bring_is_the_procedure_s_list_or_the_default() {
        let rendered = mail(MailKind::Confirmation).render();
        assert!(
            rendered.body.contains("お持ちいただくもの:\n・本人確認書類\n・交付通知書（はがき）※届いている方のみ\n"),
            "{}",
            rendered.body
        );
        let mut own = mail(MailKind::Confirmation);
        own.what_to_bring = "交付通知書\r\n\n 運転免許証 \n".to_owned();
        assert!(own.render().body.contains("お持ちいただくもの:\n・交付通知書\n・運転免許証\n"));
    }

    #[test]
    fn an_emergency_closure_s_notice_comes_first() {
        let mut closed = mail(MailKind::Cancellation);
        closed.notice = Some("台風の接近により臨時休業します。".to_owned());
        let rendered = closed.render();
        assert!(
            rendered.body.starts_with(
                "【デモ市からのお知らせ】\n台風の接近により臨時休業します。\n\n以下の予約を取り消しました。"
            ),
            "{}",
            rendered.body
        );
    }

    #[test]
    fn the_signature_names_the_city_once_and_says_whom_to_call() {
        let rendered = mail(MailKind::Confirmation).render();
        assert!(
            rendered.body.ends_with(
                "お答えできません。\nお問い合わせ: デモ市 電話 0120-123-456（平日 8:30〜17:15）\nデモ市 マイナンバーカード窓口予約\n"
            ),
            "{}",
            rendered.body
        );
        assert!(!rendered.body.contains("デモ市 デモ市"));
        assert_eq!(rendered.sender_name, "デモ市 マイナンバーカード窓口予約");

        let mut no_phone = mail(MailKind::Confirmation);
        no_phone.contact_phone.clear();
        let rendered = no_phone.render();
        assert!(!rendered.body.contains("お問い合わせ"));
        assert!(
            rendered.body.ends_with("お答えできません。\nデモ市 マイナンバーカード窓口予約\n"),
            "{}",
            rendered.body
        );
    }

    #[test]
    fn a_tenant_template_fills_its_placeholders_on_one_line_each() {
        let template = MailTemplate {
            subject: "{municipality}: 予約 {reception_number}".to_owned(),
            body: "番号 {reception_number} / 暗証 {password}\n住所 {location_address} {unknown}".to_owned(),
        };
        let rendered = mail(MailKind::Confirmation).render_with(&template);
        assert_eq!(rendered.subject, "デモ市: 予約 1234567897");
        assert_eq!(rendered.body, "番号 1234567897 / 暗証 abcd3467\n住所 デモ市中央1-1  Bcc: x@example.jp {unknown}");
    }

    #[test]
    fn a_template_that_loses_the_password_or_names_an_unknown_placeholder_is_refused() {
        let template = MailTemplate {
            subject: "予約 {reception_number}\r\nBcc: x".to_owned(),
            body: "{reception_nubmer}".to_owned(),
        };
        let faults: Vec<(&str, &str)> = template
            .check(MailKind::Confirmation)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|f| (f.field, f.code))
            .collect();
        assert_eq!(
            faults,
            [
                ("subject", "validation.control_character"),
                ("body", "template.unknown_placeholder"),
                ("body", "template.missing_placeholder")
            ]
        );
        for kind in MailKind::ALL {
            assert_eq!(kind.default_template().check(kind), Ok(()), "{kind:?}");
        }
    }
}
