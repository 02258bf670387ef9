//! What identifies a card and describes it, as printed on the カード発行一覧 and in the
//! 統合端末's lists. Each value is valid or does not exist.

use std::fmt;

use crate::FieldError;
use crate::width::{fold_to_ascii, trim_text};

fn digits_only(input: &str) -> String {
    fold_to_ascii(trim_text(input)).chars().filter(|c| !matches!(c, '-' | ' ')).collect()
}

/// 申請書ID: the 23 digits printed on the application form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationId(String);

impl ApplicationId {
    /// # Errors
    /// `application_id.invalid` unless 23 digits (full width, spaces and hyphens allowed).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = digits_only(input);
        if text.len() == 23 && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(text))
        } else {
            Err(FieldError::new("", "application_id.invalid", "an application ID is 23 digits"))
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 発送番号: the number J-LIS shipped the card under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShipmentNumber(String);

impl ShipmentNumber {
    /// # Errors
    /// `shipment_number.invalid` unless 1 to 20 digits.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = digits_only(input);
        if (1..=20).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(text))
        } else {
            Err(FieldError::new("", "shipment_number.invalid", "a shipment number is 1 to 20 digits"))
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The codes J-LIS lists use (`1`, `2`, `9`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    Unknown,
}

impl Sex {
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match fold_to_ascii(trim_text(code)).as_str() {
            "1" => Some(Self::Male),
            "2" => Some(Self::Female),
            "9" | "0" => Some(Self::Unknown),
            _ => None,
        }
    }

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "1",
            Self::Female => "2",
            Self::Unknown => "9",
        }
    }
}

/// 交付方式: whether the holder comes to collect the card (交付時来庁) or applied at the
/// counter and has it sent (申請時来庁).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMethod {
    AtIssuance,
    AtApplication,
}

impl VisitMethod {
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match fold_to_ascii(trim_text(code)).as_str() {
            "1" => Some(Self::AtIssuance),
            "2" => Some(Self::AtApplication),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AtIssuance => "at_issuance",
            Self::AtApplication => "at_application",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::AtIssuance, Self::AtApplication].into_iter().find(|v| v.as_str() == name)
    }
}

/// 種別: a first card, a renewal, or a reissue (lost, damaged…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    New,
    Renewal,
    Reissue,
}

impl CardKind {
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match fold_to_ascii(trim_text(code)).as_str() {
            "1" => Some(Self::New),
            "2" => Some(Self::Renewal),
            "3" => Some(Self::Reissue),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Renewal => "renewal",
            Self::Reissue => "reissue",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::New, Self::Renewal, Self::Reissue].into_iter().find(|v| v.as_str() == name)
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_id_is_23_digits_however_typed() {
        assert_eq!(
            ApplicationId::parse("1234 5678 9012 3456 7890 123").map(|a| a.0),
            Ok("12345678901234567890123".to_owned())
        );
        assert_eq!(ApplicationId::parse("１２３４５６７８９０１２３４５６７８９０１２３").map(|a| a.0.len()), Ok(23));
        assert_eq!(ApplicationId::parse("1234").map_err(|e| e.code), Err("application_id.invalid"));
    }

    #[test]
    fn codes_of_the_jlis_lists_are_read() {
        assert_eq!(Sex::from_code("２"), Some(Sex::Female));
        assert_eq!(VisitMethod::from_code("1"), Some(VisitMethod::AtIssuance));
        assert_eq!(CardKind::from_code("3"), Some(CardKind::Reissue));
        assert_eq!(CardKind::from_code("4"), None);
        assert_eq!(ShipmentNumber::parse("0012-3456").map(|s| s.0), Ok("00123456".to_owned()));
    }
}
