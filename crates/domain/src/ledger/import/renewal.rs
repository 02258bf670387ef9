//! J-LIS's e-certificate renewal list, reconciled with the ledger: matched, conflict,
//! not in the ledger, not on the list.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{Column, ImportErrors, ImportKind, Line, Mapping, Source, date_cell, gather, optional, text_cell};
use crate::FieldError;
use crate::applicant::ManagementNumber;
use crate::ledger::status::CardStatus;

/// A line of J-LIS's e-certificate renewal target list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalTarget {
    pub line: u64,
    pub management_number: ManagementNumber,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub certificate_expires_on: Option<NaiveDate>,
}

/// # Errors
/// Each bad cell, with its line number.
pub fn renewal_targets(lines: &[Line]) -> Result<Vec<RenewalTarget>, ImportErrors> {
    targets_of(Source::Lines(lines))
}

/// Every line of a renewal list, read line by line.
///
/// # Errors
/// The header's faults, or each bad cell with its line number; the first
/// [`super::LISTED_ERRORS`] listed, all counted.
pub fn read_renewal_targets(text: &str, mapping: &Mapping) -> Result<Vec<RenewalTarget>, ImportErrors> {
    targets_of(Source::Text { text, kind: ImportKind::Renewal, mapping })
}

fn targets_of(source: Source<'_>) -> Result<Vec<RenewalTarget>, ImportErrors> {
    let mut seen: HashMap<String, u64> = HashMap::new();
    gather(source, |line, errors| {
        let number = ManagementNumber::parse(line.get(Column::ManagementNumber))
            .map_err(|e| errors.push(FieldError { field: "management_number".to_owned(), ..e }.at_line(line.line)))
            .ok();
        let name = optional(text_cell(line, Column::Name, 100, errors));
        let birth_date = date_cell(line, Column::BirthDate, errors);
        let certificate_expires_on = date_cell(line, Column::CertificateExpiresOn, errors);
        let management_number = number?;
        if let Some(first) = seen.insert(management_number.as_str().to_owned(), line.line) {
            errors.push(
                FieldError::new(
                    "management_number",
                    "import.duplicate_row",
                    format!("{management_number} is on line {first} too"),
                )
                .at_line(line.line),
            );
            return None;
        }
        Some(RenewalTarget { line: line.line, management_number, name, birth_date, certificate_expires_on })
    })
}

/// What the ledger knows of a card, for the reconciliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFacts {
    pub management_number: String,
    pub status: CardStatus,
    pub birth_date: Option<NaiveDate>,
    pub renewal_kind: bool,
}

/// The verdict on one card of either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// On the list, in the ledger, and the ledger agrees.
    Matched,
    /// On the list and in the ledger, but the ledger says otherwise: the card is
    /// abolished, disposed, cancelled or reissued, or the birth dates differ.
    Conflict,
    /// On the list, not in the ledger.
    NotInLedger,
    /// A renewal card the ledger still waits to hand over that the list does not name.
    NotOnList,
}

impl Verdict {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Matched => "matched",
            Self::Conflict => "conflict",
            Self::NotInLedger => "not_in_ledger",
            Self::NotOnList => "not_on_list",
        }
    }
}

/// One line of the reconciliation report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub management_number: String,
    pub verdict: Verdict,
    /// The list's line, when the card is on it.
    pub line: Option<u64>,
    /// Why a conflict is one.
    pub reason: String,
}

/// Compares a renewal list with the ledger: every card on either side gets a verdict.
#[must_use]
pub fn reconcile(targets: &[RenewalTarget], ledger: &[LedgerFacts]) -> Vec<Finding> {
    let by_number: HashMap<&str, &LedgerFacts> = ledger.iter().map(|f| (f.management_number.as_str(), f)).collect();
    let mut findings: Vec<Finding> = targets
        .iter()
        .map(|target| {
            let number = target.management_number.as_str().to_owned();
            let Some(facts) = by_number.get(number.as_str()) else {
                return Finding {
                    management_number: number,
                    verdict: Verdict::NotInLedger,
                    line: Some(target.line),
                    reason: String::new(),
                };
            };
            let reason = if matches!(
                facts.status,
                CardStatus::Abolished | CardStatus::Disposed | CardStatus::Cancelled | CardStatus::Reissued
            ) {
                format!("the ledger says {}", facts.status.as_str())
            } else if target.birth_date.is_some() && facts.birth_date.is_some() && target.birth_date != facts.birth_date
            {
                "the birth dates differ".to_owned()
            } else {
                String::new()
            };
            let verdict = if reason.is_empty() { Verdict::Matched } else { Verdict::Conflict };
            Finding { management_number: number, verdict, line: Some(target.line), reason }
        })
        .collect();
    let listed: std::collections::HashSet<&str> = targets.iter().map(|t| t.management_number.as_str()).collect();
    let waiting = |s: CardStatus| {
        !matches!(
            s,
            CardStatus::HandedOver
                | CardStatus::Abolished
                | CardStatus::Disposed
                | CardStatus::Cancelled
                | CardStatus::Reissued
        )
    };
    let mut missing: Vec<Finding> = ledger
        .iter()
        .filter(|f| f.renewal_kind && waiting(f.status) && !listed.contains(f.management_number.as_str()))
        .map(|f| Finding {
            management_number: f.management_number.clone(),
            verdict: Verdict::NotOnList,
            line: None,
            reason: String::new(),
        })
        .collect();
    missing.sort_by(|a, b| a.management_number.cmp(&b.management_number));
    findings.extend(missing);
    findings
}
