//! The tenant's password rules, as Japanese municipalities usually phrase them:
//! "at least N characters, using at least K of upper case, lower case, digits and symbols".

use crate::{FieldError, FieldErrors};

/// Longer inputs are refused before hashing, so a huge password cannot tie up the CPU.
pub const MAX_PASSWORD_LENGTH: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: u8,
    pub min_classes: u8,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self { min_length: 12, min_classes: 2 }
    }
}

impl PasswordPolicy {
    /// Checks a new password for a user.
    ///
    /// # Errors
    /// Every rule the password breaks, each with its own code.
    pub fn check(&self, password: &str, login_id: &str) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let length = password.chars().count();
        if length < usize::from(self.min_length) {
            errors.push(FieldError::new(
                "",
                "password.too_short",
                format!("a password needs at least {} characters", self.min_length),
            ));
        }
        if length > MAX_PASSWORD_LENGTH {
            errors.push(FieldError::new(
                "",
                "password.too_long",
                format!("a password has at most {MAX_PASSWORD_LENGTH} characters"),
            ));
        }
        if character_classes(password) < self.min_classes {
            errors.push(FieldError::new(
                "",
                "password.too_few_classes",
                format!(
                    "a password needs at least {} of: upper-case letters, lower-case letters, digits, symbols",
                    self.min_classes
                ),
            ));
        }
        if !login_id.is_empty() && password.to_lowercase().contains(&login_id.to_lowercase()) {
            errors.push(FieldError::new("", "password.contains_login_id", "a password cannot contain the login ID"));
        }
        errors.into_result()
    }
}

fn character_classes(password: &str) -> u8 {
    let has = |f: fn(&char) -> bool| u8::from(password.chars().any(|c| f(&c)));
    has(char::is_ascii_uppercase)
        + has(char::is_ascii_lowercase)
        + has(char::is_ascii_digit)
        + has(|c| !c.is_ascii_alphanumeric() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(result: Result<(), FieldErrors>) -> Vec<&'static str> {
        result.err().map(|e| e.0.into_iter().map(|e| e.code).collect()).unwrap_or_default()
    }

    #[test]
    fn the_demo_password_meets_the_default_rules() {
        assert!(PasswordPolicy::default().check("madoguchi-demo", "admin").is_ok());
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let policy = PasswordPolicy { min_length: 10, min_classes: 3 };
        assert_eq!(
            codes(policy.check("sato12", "sato")),
            vec!["password.too_short", "password.too_few_classes", "password.contains_login_id"]
        );
    }

    #[test]
    fn japanese_characters_count_as_symbols() {
        let policy = PasswordPolicy { min_length: 8, min_classes: 2 };
        assert!(policy.check("まどぐちabcdef", "x").is_ok());
    }
}
