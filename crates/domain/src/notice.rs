//! Announcements (お知らせ) and FAQ entries: plain text that residents read. Staff
//! type text, not markup; the resident SPA shows it as text, line breaks kept.

use chrono::{DateTime, Utc};

use crate::width::trim_text;
use crate::{FieldError, FieldErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Announcement,
    Faq,
}

impl NoticeKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Announcement => "announcement",
            Self::Faq => "faq",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "announcement" => Some(Self::Announcement),
            "faq" => Some(Self::Faq),
            _ => None,
        }
    }
}

pub const MAX_TITLE: usize = 200;
pub const MAX_BODY: usize = 5000;

/// A notice's text and publication period, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeContent {
    pub title: String,
    pub body: String,
    pub publish_from: Option<DateTime<Utc>>,
    pub publish_until: Option<DateTime<Utc>>,
}

fn text(errors: &mut FieldErrors, field: &str, value: &str, max: usize, multiline: bool) -> String {
    let value = trim_text(value).replace("\r\n", "\n");
    if value.is_empty() && !multiline {
        errors.push(FieldError::new(field, "validation.required", "this field is required"));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, "validation.too_long", format!("at most {max} characters")));
    } else if value.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t'))) {
        errors.push(FieldError::new(field, "validation.control_character", "control characters are not allowed"));
    }
    value
}

impl NoticeContent {
    /// # Errors
    /// Every faulty field: `title`, `body`, `publish_until` (not after `publish_from`).
    pub fn parse(
        title: &str,
        body: &str,
        publish_from: Option<DateTime<Utc>>,
        publish_until: Option<DateTime<Utc>>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = text(&mut errors, "title", title, MAX_TITLE, false);
        let body = text(&mut errors, "body", body, MAX_BODY, true);
        if let (Some(from), Some(until)) = (publish_from, publish_until)
            && until <= from
        {
            errors.push(FieldError::new(
                "publish_until",
                "validation.period_reversed",
                "the end comes after the start",
            ));
        }
        errors.into_result()?;
        Ok(Self { title, body, publish_from, publish_until })
    }

    /// Whether residents see it at `now`.
    #[must_use]
    pub fn published(&self, now: DateTime<Utc>) -> bool {
        self.publish_from.is_none_or(|from| from <= now) && self.publish_until.is_none_or(|until| now < until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    #[test]
    fn markup_is_kept_as_text_and_control_characters_are_refused() {
        let notice = NoticeContent::parse(" 年末年始の休業 ", "<b>12月29日</b>から\r\n休みます", None, None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(notice.title, "年末年始の休業");
        assert_eq!(notice.body, "<b>12月29日</b>から\n休みます");
        let refused = NoticeContent::parse("a\u{7}b", "", None, None)
            .err()
            .map(|e| e.0.into_iter().map(|f| (f.field, f.code)).collect::<Vec<_>>());
        assert_eq!(refused, Some(vec![("title".to_owned(), "validation.control_character")]));
    }

    #[test]
    fn the_period_bounds_what_residents_see() {
        let now = Utc::now();
        let notice = NoticeContent::parse("t", "", Some(now), Some(now + TimeDelta::days(1)))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(notice.published(now));
        assert!(!notice.published(now - TimeDelta::seconds(1)));
        assert!(!notice.published(now + TimeDelta::days(1)));
        assert!(NoticeContent::parse("t", "", Some(now), Some(now)).is_err());
    }
}
