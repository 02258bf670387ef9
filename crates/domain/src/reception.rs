//! What a resident gets for a booking: a reception number (受付番号) to quote on the
//! phone and at the counter, and a password to look it up.

use std::fmt;

use rand::{Rng, RngCore};

use crate::FieldError;
use crate::width::{fold_to_ascii, trim_text};

/// Ten digits: nine random ones and a check digit, so that a misread or mistyped
/// digit is caught before any look-up. About 10⁹ numbers: guessing one that exists
/// is hopeless at the look-up rate limit, and it is useless without the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReceptionNumber(u64);

/// The Luhn check digit of `body` (as credit-card numbers use: catches every single
/// wrong digit and most swaps of neighbours).
fn luhn_digit(body: u64) -> u64 {
    let mut sum = 0;
    let mut rest = body;
    let mut double = true;
    while rest > 0 {
        let mut digit = rest % 10;
        if double {
            digit *= 2;
            if digit > 9 {
                digit -= 9;
            }
        }
        sum += digit;
        double = !double;
        rest /= 10;
    }
    (10 - sum % 10) % 10
}

impl ReceptionNumber {
    pub fn generate(rng: &mut impl RngCore) -> Self {
        // The first digit is never 0, so that spreadsheets keep all ten digits.
        let body = rng.gen_range(100_000_000..1_000_000_000_u64);
        Self(body * 10 + luhn_digit(body))
    }

    /// Accepts what people type: full-width digits, spaces and hyphens.
    ///
    /// # Errors
    /// `reception_number.invalid` for anything but ten digits with a right check digit.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let digits: String = fold_to_ascii(trim_text(input)).chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let invalid = || FieldError::new("", "reception_number.invalid", "a reception number is 10 digits");
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let value: u64 = digits.parse().map_err(|_| invalid())?;
        if luhn_digit(value / 10) != value % 10 {
            return Err(FieldError::new("", "reception_number.check_digit", "the reception number has a typing error"));
        }
        Ok(Self(value))
    }

    #[must_use]
    pub fn value(self) -> u64 {
        self.0
    }
}

impl fmt::Display for ReceptionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:010}", self.0)
    }
}

/// Digits and capitals that cannot be confused when read out on the phone or written
/// down: no 0/O, 1/I, 2/Z, 5/S, 8/B, and no lower case to say "small" for.
const PASSWORD_ALPHABET: &[u8] = b"34679ACDEFGHJKLMNPQRTUVWXY";
/// 26 symbols × 10 = 47 bits, more than the 8 mixed-case characters (45 bits) it replaced.
pub const PASSWORD_LENGTH: usize = 10;

/// A booking's password, shown once and mailed; only its hash is stored.
pub fn generate_password(rng: &mut impl RngCore) -> String {
    (0..PASSWORD_LENGTH).map(|_| char::from(PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())])).collect()
}

/// What a password typed by a resident is compared as: full-width folded, spaces and
/// hyphens (a grouping read out on the phone) dropped, capitals. Passwords made before
/// the capitals-only alphabet are mixed case: compare the trimmed input too.
#[must_use]
pub fn password_candidates(typed: &str) -> Vec<String> {
    let trimmed = crate::width::fold_to_ascii(typed.trim());
    let normalised: String =
        trimmed.chars().filter(|c| !matches!(c, ' ' | '-')).map(|c| c.to_ascii_uppercase()).collect();
    if normalised == trimmed { vec![normalised] } else { vec![normalised, trimmed] }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    #[test]
    fn generated_numbers_parse_back() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..1000 {
            let number = ReceptionNumber::generate(&mut rng);
            assert_eq!(number.to_string().len(), 10);
            assert_eq!(ReceptionNumber::parse(&number.to_string()), Ok(number));
        }
    }

    #[test]
    fn every_single_wrong_digit_is_caught() {
        let number = ReceptionNumber::generate(&mut StdRng::seed_from_u64(1)).to_string();
        for position in 0..10 {
            for replacement in '0'..='9' {
                let mut typed: Vec<char> = number.chars().collect();
                if typed[position] == replacement {
                    continue;
                }
                typed[position] = replacement;
                let typed: String = typed.into_iter().collect();
                assert!(ReceptionNumber::parse(&typed).is_err(), "{typed} was accepted for {number}");
            }
        }
    }

    #[test]
    fn full_width_digits_spaces_and_hyphens_are_accepted() {
        let number = ReceptionNumber::generate(&mut StdRng::seed_from_u64(3)).to_string();
        let full_width: String = number.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
        let typed = format!(" {}－{} ", &full_width[..15], &full_width[15..]);
        assert_eq!(ReceptionNumber::parse(&typed).map(|n| n.to_string()), Ok(number));
        assert!(ReceptionNumber::parse("12345").is_err());
    }

    #[test]
    fn passwords_use_only_unambiguous_characters() {
        let mut rng = StdRng::seed_from_u64(9);
        for _ in 0..200 {
            let password = generate_password(&mut rng);
            assert_eq!(password.len(), PASSWORD_LENGTH);
            assert!(password.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()), "{password}");
            assert!(!password.chars().any(|c| "0O1I2Z5S8B".contains(c)), "{password}");
        }
        let bits = |symbols: f64, length: usize| symbols.log2() * f64::from(u8::try_from(length).unwrap_or(0));
        assert!(bits(26.0, PASSWORD_LENGTH) >= bits(48.0, 8), "no less entropy than before");
    }

    #[test]
    fn a_password_is_compared_as_read_out() {
        assert_eq!(password_candidates(" ａｃｄｅ-fgh jk7 "), ["ACDEFGHJK7", "acde-fgh jk7"]);
        assert_eq!(password_candidates("ACDEFGHJK7"), ["ACDEFGHJK7"]);
    }
}
