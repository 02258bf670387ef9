//! What a resident types about themselves, checked and normalised as they type it:
//! full-width digits and hyphens, spaces between family and given names, hiragana
//! or half-width katakana for the reading. Each type is valid or does not exist.

use std::fmt;

use chrono::NaiveDate;

use crate::FieldError;
use crate::wareki::parse_date;
use crate::width::{fold_to_ascii, trim_text};

fn invalid(code: &'static str, message: &str) -> FieldError {
    FieldError::new("", code, message)
}

fn required(input: &str) -> Result<&str, FieldError> {
    let trimmed = trim_text(input);
    if trimmed.is_empty() { Err(invalid("validation.required", "this field is required")) } else { Ok(trimmed) }
}

/// The card's management number (製造管理番号) on the 交付通知書 and the カード発行一覧:
/// three letters or digits, then six digits (`A1B234567`; `A1B-234567` as printed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ManagementNumber(String);

impl ManagementNumber {
    /// # Errors
    /// `validation.required`, `management_number.invalid`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = fold_to_ascii(required(input)?).to_ascii_uppercase();
        let mut text: String = folded.chars().filter(|c| *c != ' ').collect();
        if text.len() == 10 && text.as_bytes().get(3) == Some(&b'-') {
            text.remove(3);
        }
        let bytes = text.as_bytes();
        let valid = bytes.len() == 9
            && bytes[..3].iter().all(u8::is_ascii_alphanumeric)
            && bytes[3..].iter().all(u8::is_ascii_digit);
        if !valid {
            return Err(invalid(
                "management_number.invalid",
                "a management number is 3 letters or digits and 6 digits, e.g. A1B234567",
            ));
        }
        Ok(Self(text))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ManagementNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's name as written (旧字体 kept as typed), spaces between its parts
/// collapsed to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// # Errors
    /// `validation.required`, `validation.too_long` (over 100 characters),
    /// `validation.control_character`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = collapse_spaces(required(input)?);
        if text.chars().count() > 100 {
            return Err(invalid("validation.too_long", "a name is at most 100 characters"));
        }
        if text.chars().any(char::is_control) {
            return Err(invalid("validation.control_character", "a name cannot contain control characters"));
        }
        Ok(Self(text))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const HALF_WIDTH_KANA: &str = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const FULL_WIDTH_KANA: &str =
    "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

const VOICED: [(char, char); 21] = [
    ('カ', 'ガ'),
    ('キ', 'ギ'),
    ('ク', 'グ'),
    ('ケ', 'ゲ'),
    ('コ', 'ゴ'),
    ('サ', 'ザ'),
    ('シ', 'ジ'),
    ('ス', 'ズ'),
    ('セ', 'ゼ'),
    ('ソ', 'ゾ'),
    ('タ', 'ダ'),
    ('チ', 'ヂ'),
    ('ツ', 'ヅ'),
    ('テ', 'デ'),
    ('ト', 'ド'),
    ('ハ', 'バ'),
    ('ヒ', 'ビ'),
    ('フ', 'ブ'),
    ('ヘ', 'ベ'),
    ('ホ', 'ボ'),
    ('ウ', 'ヴ'),
];
const SEMI_VOICED: [(char, char); 5] = [('ハ', 'パ'), ('ヒ', 'ピ'), ('フ', 'プ'), ('ヘ', 'ペ'), ('ホ', 'ポ')];

/// Half-width katakana (with ﾞ and ﾟ) to full width, hiragana to katakana;
/// everything else kept.
#[must_use]
pub fn to_katakana(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﾞ' | 'ﾟ' => {
                let (table, mark): (&[(char, char)], char) =
                    if c == 'ﾞ' { (&VOICED, '゛') } else { (&SEMI_VOICED, '゜') };
                let combined = out
                    .last()
                    .and_then(|base| table.iter().find(|(plain, _)| plain == base))
                    .map(|(_, marked)| *marked);
                match combined {
                    Some(marked) => {
                        out.pop();
                        out.push(marked);
                    }
                    None => out.push(mark),
                }
            }
            'ぁ'..='ゖ' => out.push(char::from_u32(c as u32 + 0x60).unwrap_or(c)),
            _ => match HALF_WIDTH_KANA.chars().position(|h| h == c) {
                Some(index) => out.push(FULL_WIDTH_KANA.chars().nth(index).unwrap_or(c)),
                None => out.push(c),
            },
        }
    }
    out.into_iter().collect()
}

/// The reading of a name (フリガナ) in full-width katakana.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKana(String);

impl NameKana {
    /// Hiragana and half-width katakana are converted; anything but katakana, the
    /// long-vowel mark and spaces is refused.
    ///
    /// # Errors
    /// `validation.required`, `kana.invalid`, `validation.too_long`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = collapse_spaces(&to_katakana(required(input)?));
        if !text.chars().all(|c| matches!(c, 'ァ'..='ヺ' | 'ー' | ' ')) {
            return Err(invalid("kana.invalid", "write the reading in katakana (or hiragana)"));
        }
        if text.chars().count() > 100 {
            return Err(invalid("validation.too_long", "a reading is at most 100 characters"));
        }
        Ok(Self(text))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A birth date: in the past, and not before 1900.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate(NaiveDate);

impl BirthDate {
    /// # Errors
    /// `validation.required`, `birth_date.invalid`, `birth_date.out_of_range`.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, FieldError> {
        let date = parse_date(required(input)?)
            .ok_or_else(|| invalid("birth_date.invalid", "write the date as 1950-04-01 or 昭和25年4月1日"))?;
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        if date > today || date < earliest {
            return Err(invalid("birth_date.out_of_range", "the birth date is not a possible one"));
        }
        Ok(Self(date))
    }

    #[must_use]
    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// A Japanese phone number, kept as digits: 10 or 11, starting with 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// # Errors
    /// `validation.required`, `phone.invalid`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = fold_to_ascii(required(input)?);
        let digits: String = folded.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
        if !(10..=11).contains(&digits.len()) || !digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(invalid("phone.invalid", "a phone number is 10 or 11 digits starting with 0"));
        }
        Ok(Self(digits))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mail address, lower-cased in its domain. CR, LF and spaces are refused, so that
/// it can never carry a mail header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// # Errors
    /// `validation.required`, `email.invalid`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let text = fold_to_ascii(required(input)?);
        let bad = || invalid("email.invalid", "write the mail address as name@example.jp");
        let (local, domain) = text.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok =
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains("..");
        let printable = text.chars().all(|c| c.is_ascii_graphic());
        if local.is_empty() || local.len() > 64 || !domain_ok || !printable || text.len() > 254 || local.contains('@') {
            return Err(bad());
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A postal code, seven digits (`100-0001` as printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PostalCode(u32);

impl PostalCode {
    /// # Errors
    /// `validation.required`, `postal_code.invalid`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let folded = fold_to_ascii(required(input)?);
        let digits: String = folded.trim_start_matches('〒').chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("postal_code.invalid", "a postal code is 7 digits, e.g. 100-0001"));
        }
        digits.parse().map(Self).map_err(|_| invalid("postal_code.invalid", "a postal code is 7 digits"))
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}-{:04}", self.0 / 10_000, self.0 % 10_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn management_numbers_as_printed_or_typed() {
        for typed in ["A1B234567", "a1b-234567", "Ａ１Ｂ－２３４５６７", " A1B 234567 "] {
            assert_eq!(ManagementNumber::parse(typed).map(|m| m.to_string()), Ok("A1B234567".to_owned()), "{typed}");
        }
        for typed in ["A1B23456", "A1B2345678", "A1BC34567", "A1B-23-4567"] {
            assert_eq!(ManagementNumber::parse(typed).map_err(|e| e.code), Err("management_number.invalid"), "{typed}");
        }
        assert_eq!(ManagementNumber::parse("  ").map_err(|e| e.code), Err("validation.required"));
    }

    #[test]
    fn names_keep_old_characters_and_collapse_spaces() {
        assert_eq!(PersonName::parse("　髙橋　　﨑子 ").map(|n| n.as_str().to_owned()), Ok("髙橋 﨑子".to_owned()));
        assert!(PersonName::parse("a\u{7}b").is_err());
    }

    #[test]
    fn readings_become_full_width_katakana() {
        for typed in ["たかはし さきこ", "ﾀｶﾊｼ ｻｷｺ", "タカハシ　サキコ"] {
            assert_eq!(
                NameKana::parse(typed).map(|k| k.as_str().to_owned()),
                Ok("タカハシ サキコ".to_owned()),
                "{typed}"
            );
        }
        assert_eq!(
            NameKana::parse("ｶﾞｯｺｳ ﾎﾟﾝﾌﾟ ｳﾞｧｲｵﾘﾝ").map(|k| k.as_str().to_owned()),
            Ok("ガッコウ ポンプ ヴァイオリン".to_owned())
        );
        assert_eq!(
            NameKana::parse("ﾃﾞﾝﾄﾞｳ ﾂﾞﾂﾞｷ ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ").map(|k| k.as_str().to_owned()),
            Ok("デンドウ ヅヅキ パピプペポ".to_owned())
        );
        assert_eq!(NameKana::parse("ちょうのすけ").map(|k| k.as_str().to_owned()), Ok("チョウノスケ".to_owned()));
        assert_eq!(NameKana::parse("高橋").map_err(|e| e.code), Err("kana.invalid"));
    }

    #[test]
    fn birth_dates_in_either_calendar_and_never_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        assert_eq!(
            BirthDate::parse("昭和25年4月1日", today).map(BirthDate::date),
            NaiveDate::from_ymd_opt(1950, 4, 1).ok_or(invalid("", ""))
        );
        assert_eq!(BirthDate::parse("2026-11-23", today).map_err(|e| e.code), Err("birth_date.out_of_range"));
        assert_eq!(BirthDate::parse("1899-12-31", today).map_err(|e| e.code), Err("birth_date.out_of_range"));
        assert_eq!(BirthDate::parse("昭和64年2月1日", today).map_err(|e| e.code), Err("birth_date.invalid"));
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for typed in ["03-1234-5678", "０９０－１２３４－５６７８", "(03) 1234 5678", "0312345678"] {
            assert!(PhoneNumber::parse(typed).is_ok(), "{typed}");
        }
        assert_eq!(
            PhoneNumber::parse("０９０－１２３４－５６７８").map(|p| p.as_str().to_owned()),
            Ok("09012345678".to_owned())
        );
        for typed in ["1234-5678", "03-1234-567", "090-1234-56789"] {
            assert!(PhoneNumber::parse(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn mail_addresses_cannot_carry_headers() {
        assert_eq!(
            Email::parse("Taro.Yamada@Example.JP").map(|e| e.as_str().to_owned()),
            Ok("Taro.Yamada@example.jp".to_owned())
        );
        assert_eq!(
            Email::parse("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ").map(|e| e.as_str().to_owned()),
            Ok("taro@example.jp".to_owned())
        );
        for typed in [
            "taro@example.jp\r\nBcc: all@example.jp",
            "taro example@example.jp",
            "taro@localhost",
            "@example.jp",
            "taro@@example.jp",
        ] {
            assert!(Email::parse(typed).is_err(), "{typed:?}");
        }
    }

    #[test]
    fn postal_codes_with_or_without_the_hyphen() {
        assert_eq!(PostalCode::parse("〒１００－０００１").map(|p| p.to_string()), Ok("100-0001".to_owned()));
        assert!(PostalCode::parse("100-001").is_err());
    }
}
