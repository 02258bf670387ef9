//! A municipality using the service: its URL slug and its 全国地方公共団体コード.

use std::fmt;

use crate::{FieldError, width};

/// Names that cannot be a tenant slug because the URL space uses them.
const RESERVED_SLUGS: &[&str] = &["assets", "api", "staff", "static", "r", "admin"];

/// The tenant's name in URLs (`/r/{slug}/`): 2–32 of `a-z 0-9 -`, starting with a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenantSlug(String);

impl TenantSlug {
    /// # Errors
    /// `tenant.invalid_slug` when the text is not a usable slug.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let slug = width::fold_to_ascii(width::trim_text(input)).to_ascii_lowercase();
        let well_formed = (2..=32).contains(&slug.len())
            && slug.starts_with(|c: char| c.is_ascii_lowercase())
            && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.ends_with('-');
        if !well_formed || RESERVED_SLUGS.contains(&slug.as_str()) {
            return Err(FieldError::new(
                "",
                "tenant.invalid_slug",
                "a tenant slug is 2 to 32 lowercase letters, digits or hyphens, starting with a letter",
            ));
        }
        Ok(Self(slug))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 全国地方公共団体コード: five digits and a check digit (weights 6..2, modulus 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalGovernmentCode([u8; 6]);

impl LocalGovernmentCode {
    /// # Errors
    /// `tenant.invalid_code` when it is not six digits or the check digit is wrong.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = width::fold_to_ascii(width::trim_text(input));
        let invalid = || {
            FieldError::new("", "tenant.invalid_code", "a local government code is six digits with a valid check digit")
        };
        let digits: Vec<u8> = folded
            .chars()
            .map(|c| c.to_digit(10).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()
            .ok_or_else(invalid)?;
        let digits: [u8; 6] = digits.try_into().map_err(|_| invalid())?;
        if Self::check_digit(&digits[..5]) != digits[5] {
            return Err(invalid());
        }
        Ok(Self(digits))
    }

    fn check_digit(first_five: &[u8]) -> u8 {
        let sum: u32 = first_five.iter().zip([6u32, 5, 4, 3, 2]).map(|(d, w)| u32::from(*d) * w).sum();
        // The standard takes the last digit of 11 - remainder (so 10 → 0 and 11 → 1).
        u8::try_from((11 - sum % 11) % 10).unwrap_or(0)
    }

    #[must_use]
    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for LocalGovernmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_municipal_codes_pass_their_check_digit() {
        for code in ["131016", "011002", "022039", "132292", "292117"] {
            assert!(LocalGovernmentCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert!(LocalGovernmentCode::parse("131017").is_err());
        assert!(LocalGovernmentCode::parse("13101").is_err());
        assert!(LocalGovernmentCode::parse("13101a").is_err());
    }

    #[test]
    fn full_width_code_is_accepted() {
        assert_eq!(LocalGovernmentCode::parse("１３１０１６").map(|c| c.to_string()), Ok("131016".to_owned()));
    }

    #[test]
    fn slugs_are_lowercase_and_not_reserved() {
        assert_eq!(TenantSlug::parse(" Demo ").map(|s| s.to_string()), Ok("demo".to_owned()));
        assert!(TenantSlug::parse("assets").is_err());
        assert!(TenantSlug::parse("1city").is_err());
        assert!(TenantSlug::parse("a").is_err());
        assert!(TenantSlug::parse("city-").is_err());
    }
}
