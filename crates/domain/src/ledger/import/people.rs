//! A per-person address list, for the ledger's people look-up.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::cards::sex_code;
use super::table::{
    Column, ImportErrors, ImportKind, Line, Mapping, Source, date_cell, gather, optional, postal_cell, text_cell,
};
use crate::FieldError;
use crate::applicant::ManagementNumber;
use crate::width::fold_to_ascii;

/// A person of an address list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub line: u64,
    pub person_key: String,
    pub name: String,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<String>,
    pub postal_code: Option<String>,
    pub address: Option<String>,
    pub management_number: Option<ManagementNumber>,
}

/// # Errors
/// Each bad cell, with its line number.
pub fn people(lines: &[Line]) -> Result<Vec<Person>, ImportErrors> {
    people_of(Source::Lines(lines))
}

/// Every person of an address list, read line by line.
///
/// # Errors
/// The header's faults, or each bad cell with its line number; the first
/// [`super::LISTED_ERRORS`] listed, all counted.
pub fn read_people(text: &str, mapping: &Mapping) -> Result<Vec<Person>, ImportErrors> {
    people_of(Source::Text { text, kind: ImportKind::People, mapping })
}

fn people_of(source: Source<'_>) -> Result<Vec<Person>, ImportErrors> {
    let mut seen: HashMap<String, u64> = HashMap::new();
    gather(source, |line, errors| {
        let key = fold_to_ascii(line.get(Column::PersonKey));
        if key.is_empty() || key.chars().count() > 20 {
            errors.push(FieldError::new("person_key", "validation.length", "1 to 20 characters").at_line(line.line));
        }
        let name = text_cell(line, Column::Name, 100, errors);
        if name.is_empty() {
            errors.push(FieldError::new("name", "validation.required", "a name").at_line(line.line));
        }
        let name_kana = optional(text_cell(line, Column::NameKana, 100, errors));
        let birth_date = date_cell(line, Column::BirthDate, errors);
        let sex_text = sex_code(line.get(Column::Sex));
        let sex = if sex_text.is_empty() {
            None
        } else {
            let parsed = crate::ledger::card::Sex::from_code(sex_text);
            if parsed.is_none() {
                errors.push(
                    FieldError::new("sex", "sex.invalid", format!("`{sex_text}`: 1, 2, 9, 男 or 女"))
                        .at_line(line.line),
                );
            }
            parsed.map(|s| s.code().to_owned())
        };
        let postal_code = postal_cell(line, errors);
        let address = optional(text_cell(line, Column::Address, 200, errors));
        let number = line.get(Column::ManagementNumber);
        let management_number = if number.is_empty() {
            None
        } else {
            ManagementNumber::parse(number)
                .map_err(|e| errors.push(FieldError { field: "management_number".to_owned(), ..e }.at_line(line.line)))
                .ok()
        };
        if let Some(first) = seen.insert(key.clone(), line.line) {
            errors.push(
                FieldError::new("person_key", "import.duplicate_row", format!("{key} is on line {first} too"))
                    .at_line(line.line),
            );
        }
        Some(Person {
            line: line.line,
            person_key: key,
            name,
            name_kana,
            birth_date,
            sex,
            postal_code,
            address,
            management_number,
        })
    })
}
