//! A municipal staff user's identity: login ID and display name.

use std::fmt;

use crate::{FieldError, width};

/// Login ID: 1–64 ASCII letters, digits and `. _ - @`, compared case-insensitively
/// (kept lowercase), typed in full width or half width.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoginId(String);

impl LoginId {
    /// # Errors
    /// `validation.required` or `login_id.invalid`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = width::fold_to_ascii(width::trim_text(input)).to_ascii_lowercase();
        if folded.is_empty() {
            return Err(FieldError::new("", "validation.required", "a login ID is required"));
        }
        let valid = folded.len() <= 64
            && folded.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
        if !valid {
            return Err(FieldError::new("", "login_id.invalid", "a login ID is 1 to 64 letters, digits or . _ - @"));
        }
        Ok(Self(folded))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A staff member's name as shown in the audit log and on screens: 1–100 characters,
/// trimmed, no control characters. 旧字体 such as 髙 or 﨑 are kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StaffName(String);

impl StaffName {
    /// # Errors
    /// `validation.required`, `validation.too_long` or `validation.control_character`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let name = width::trim_text(input);
        if name.is_empty() {
            return Err(FieldError::new("", "validation.required", "a name is required"));
        }
        if name.chars().count() > 100 {
            return Err(FieldError::new("", "validation.too_long", "a name is at most 100 characters"));
        }
        if name.chars().any(char::is_control) {
            return Err(FieldError::new(
                "",
                "validation.control_character",
                "a name cannot contain control characters",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StaffName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_ids_fold_width_and_case() {
        assert_eq!(LoginId::parse("　ＳＡＴＯ．ｔａｒｏ ").map(|l| l.to_string()), Ok("sato.taro".to_owned()));
    }

    #[test]
    fn login_ids_refuse_spaces_and_kanji() {
        assert_eq!(LoginId::parse("sato taro").err().map(|e| e.code), Some("login_id.invalid"));
        assert_eq!(LoginId::parse("佐藤").err().map(|e| e.code), Some("login_id.invalid"));
        assert_eq!(LoginId::parse("  ").err().map(|e| e.code), Some("validation.required"));
    }

    #[test]
    fn old_style_kanji_names_are_kept_as_typed() {
        assert_eq!(StaffName::parse(" 髙﨑　太郎 ").map(|n| n.to_string()), Ok("髙﨑　太郎".to_owned()));
    }

    #[test]
    fn names_with_control_characters_are_refused() {
        assert!(StaffName::parse("山田\u{0007}").is_err());
    }
}
