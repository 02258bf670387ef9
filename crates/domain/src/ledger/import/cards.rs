//! The cards an issuance list or a legacy ledger brings, with the dates a legacy line
//! shows (each card enters at the furthest state they reach).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{
    Column, ImportErrors, ImportKind, Line, Mapping, Source, date_cell, gather, optional, postal_cell, text_cell,
};
use crate::ledger::qr::{QrField, ScannedCard, describe};
use crate::ledger::status::{CardStatus, InspectionResult};
use crate::{FieldError, FieldErrors};

/// 男/女 as well as the J-LIS codes.
pub(super) fn sex_code(text: &str) -> &str {
    match text {
        "男" | "男性" => "1",
        "女" | "女性" => "2",
        "不明" => "9",
        other => other,
    }
}

/// 「交付時来庁」 and 「新規」 as well as the J-LIS codes.
pub(super) fn coded_words(column: Column, text: &str) -> &str {
    match (column, text) {
        (Column::VisitMethod, "交付時来庁") => "1",
        (Column::VisitMethod, "申請時来庁") => "2",
        (Column::Kind, "新規") => "1",
        (Column::Kind, "更新") => "2",
        (Column::Kind, "再交付" | "再発行") => "3",
        (Column::SigningCertificate | Column::UserCertificate, "有" | "あり") => "1",
        (Column::SigningCertificate | Column::UserCertificate, "無" | "なし") => "0",
        _ => text,
    }
}

/// The card described by a line, as a QR code would describe it.
pub(super) fn card_of(line: &Line, errors: &mut FieldErrors) -> Option<ScannedCard> {
    let birth = date_cell(line, Column::BirthDate, errors).map(|d| d.format("%Y%m%d").to_string()).unwrap_or_default();
    let pairs: Vec<(QrField, String)> = [
        (QrField::ManagementNumber, Column::ManagementNumber),
        (QrField::ApplicationId, Column::ApplicationId),
        (QrField::ShipmentNumber, Column::ShipmentNumber),
        (QrField::Name, Column::Name),
        (QrField::Sex, Column::Sex),
        (QrField::Address, Column::Address),
        (QrField::VisitMethod, Column::VisitMethod),
        (QrField::Kind, Column::Kind),
        (QrField::SigningCertificate, Column::SigningCertificate),
        (QrField::UserCertificate, Column::UserCertificate),
    ]
    .into_iter()
    .map(|(field, column)| {
        let text = line.get(column);
        let text = if column == Column::Sex { sex_code(text) } else { coded_words(column, text) };
        (field, text.to_owned())
    })
    .chain(std::iter::once((QrField::BirthDate, birth)))
    .collect();
    match describe(pairs.iter().map(|(f, v)| (*f, v.as_str()))) {
        Ok(card) => Some(card),
        Err(found) => {
            errors.0.extend(found.0.into_iter().map(|e| e.at_line(line.line)));
            None
        }
    }
}

/// Where a legacy ledger's card stands, and the dates that brought it there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    pub inspection_result: Option<InspectionResult>,
    pub inspected_on: Option<NaiveDate>,
    pub set_up_on: Option<NaiveDate>,
    pub notice_sent_on: Option<NaiveDate>,
    pub notice_returned_on: Option<NaiveDate>,
    pub handed_over_on: Option<NaiveDate>,
    pub reminder_sent_on: Option<NaiveDate>,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: String,
    pub abolished_on: Option<NaiveDate>,
    pub abolish_reason: String,
    pub disposed_on: Option<NaiveDate>,
    pub dispose_reason: String,
    pub notes: String,
    pub handover_notes: String,
    pub storage_location: String,
}

impl History {
    /// The furthest state its dates show: the legacy files keep dates, not states.
    #[must_use]
    pub fn status(&self) -> CardStatus {
        if self.disposed_on.is_some() {
            CardStatus::Disposed
        } else if self.abolished_on.is_some() {
            CardStatus::Abolished
        } else if self.cancelled_on.is_some() {
            CardStatus::Cancelled
        } else if self.handed_over_on.is_some() {
            CardStatus::HandedOver
        } else if self.notice_returned_on.is_some() {
            CardStatus::NoticeReturned
        } else if self.notice_sent_on.is_some() {
            CardStatus::NoticeSent
        } else if self.set_up_on.is_some() {
            CardStatus::SetUp
        } else if self.inspected_on.is_some() {
            CardStatus::Inspected
        } else {
            CardStatus::Received
        }
    }
}

pub(super) fn inspection_word(text: &str) -> Option<InspectionResult> {
    match text {
        "良" | "良品" | "正常" | "ok" => Some(InspectionResult::Ok),
        "転出" => Some(InspectionResult::MovedOut),
        "死亡" => Some(InspectionResult::Deceased),
        "不良" => Some(InspectionResult::Defect),
        "その他" => Some(InspectionResult::Other),
        other => InspectionResult::parse(other),
    }
}

pub(super) fn history_of(line: &Line, errors: &mut FieldErrors) -> History {
    let result = line.get(Column::InspectionResult);
    let inspection_result = if result.is_empty() {
        None
    } else {
        let parsed = inspection_word(result);
        if parsed.is_none() {
            errors.push(
                FieldError::new(
                    "inspection_result",
                    "ledger.unknown_inspection_result",
                    format!("`{result}`: 良品, 転出, 死亡, 不良 or その他"),
                )
                .at_line(line.line),
            );
        }
        parsed
    };
    History {
        inspection_result,
        inspected_on: date_cell(line, Column::InspectedOn, errors),
        set_up_on: date_cell(line, Column::SetUpOn, errors),
        notice_sent_on: date_cell(line, Column::NoticeSentOn, errors),
        notice_returned_on: date_cell(line, Column::NoticeReturnedOn, errors),
        handed_over_on: date_cell(line, Column::HandedOverOn, errors),
        reminder_sent_on: date_cell(line, Column::ReminderSentOn, errors),
        cancelled_on: date_cell(line, Column::CancelledOn, errors),
        cancel_reason: text_cell(line, Column::CancelReason, 200, errors),
        abolished_on: date_cell(line, Column::AbolishedOn, errors),
        abolish_reason: text_cell(line, Column::AbolishReason, 200, errors),
        disposed_on: date_cell(line, Column::DisposedOn, errors),
        dispose_reason: text_cell(line, Column::DisposeReason, 200, errors),
        notes: text_cell(line, Column::Notes, 1000, errors),
        handover_notes: text_cell(line, Column::HandoverNotes, 1000, errors),
        storage_location: text_cell(line, Column::StorageLocation, 50, errors),
    }
}

/// A card an issuance list or a legacy ledger brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCard {
    pub line: u64,
    pub card: ScannedCard,
    pub name_kana: Option<String>,
    pub postal_code: Option<String>,
    pub card_expires_on: Option<NaiveDate>,
    pub certificate_expires_on: Option<NaiveDate>,
    /// Only from a legacy ledger: the card's story so far.
    pub history: Option<History>,
}

/// Every card of lines read before, or every faulty cell with its line.
///
/// # Errors
/// Each bad cell, with its line number; the first [`super::LISTED_ERRORS`] listed.
pub fn cards(lines: &[Line], kind: ImportKind) -> Result<Vec<ImportedCard>, ImportErrors> {
    cards_of(Source::Lines(lines), kind)
}

/// Every card of an issuance list or legacy ledger, read line by line, or every faulty
/// cell with its line. A management number on two lines is refused on the second.
///
/// # Errors
/// The header's faults, or each bad cell with its line number; the first
/// [`super::LISTED_ERRORS`] listed, all counted.
pub fn read_cards(text: &str, kind: ImportKind, mapping: &Mapping) -> Result<Vec<ImportedCard>, ImportErrors> {
    cards_of(Source::Text { text, kind, mapping }, kind)
}

fn cards_of(source: Source<'_>, kind: ImportKind) -> Result<Vec<ImportedCard>, ImportErrors> {
    let mut seen: HashMap<String, u64> = HashMap::new();
    gather(source, |line, errors| {
        let card = card_of(line, errors);
        let name_kana = optional(text_cell(line, Column::NameKana, 100, errors));
        let postal_code = postal_cell(line, errors);
        let card_expires_on = date_cell(line, Column::CardExpiresOn, errors);
        let certificate_expires_on = date_cell(line, Column::CertificateExpiresOn, errors);
        let history = (kind == ImportKind::Legacy).then(|| history_of(line, errors));
        let card = card?;
        if let Some(first) = seen.insert(card.management_number.as_str().to_owned(), line.line) {
            errors.push(
                FieldError::new(
                    "management_number",
                    "import.duplicate_row",
                    format!("{} is on line {first} too", card.management_number),
                )
                .at_line(line.line),
            );
        }
        Some(ImportedCard {
            line: line.line,
            card,
            name_kana,
            postal_code,
            card_expires_on,
            certificate_expires_on,
            history,
        })
    })
}
