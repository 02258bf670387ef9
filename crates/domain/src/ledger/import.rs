//! The CSV files a ledger desk imports: the 統合端末's issuance list (LED-13), the
//! municipality's legacy ledger (LED-14), J-LIS's e-certificate renewal target list
//! (LED-09) and a per-person address list (LED-12). Each has a header row and a
//! documented default mapping of headers to fields; a tenant may name its own headers.
//! Columns nobody mapped are passed over: the 統合端末 writes more than we keep.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::applicant::ManagementNumber;
use crate::ledger::qr::{QrField, ScannedCard, describe};
use crate::ledger::status::{CardStatus, InspectionResult};
use crate::wareki::parse_date;
use crate::width::{fold_to_ascii, trim_text};
use crate::{FieldError, FieldErrors};

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// 統合端末 カード発行一覧 CSV: new cards, registered as delivered.
    Issuance,
    /// The current vendor's ledger: cards with their history so far.
    Legacy,
    /// J-LIS 電子証明書更新対象者一覧: reconciled, never registered.
    Renewal,
    /// 宛名 list: one person per line.
    People,
}

impl ImportKind {
    pub const ALL: [Self; 4] = [Self::Issuance, Self::Legacy, Self::Renewal, Self::People];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issuance => "issuance",
            Self::Legacy => "legacy",
            Self::Renewal => "renewal",
            Self::People => "people",
        }
    }

    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The columns this kind of file may carry.
    #[must_use]
    pub fn columns(self) -> &'static [Column] {
        use Column as C;
        match self {
            Self::Issuance => &[
                C::ManagementNumber,
                C::ApplicationId,
                C::ShipmentNumber,
                C::Name,
                C::NameKana,
                C::BirthDate,
                C::Sex,
                C::PostalCode,
                C::Address,
                C::VisitMethod,
                C::Kind,
                C::SigningCertificate,
                C::UserCertificate,
                C::CardExpiresOn,
                C::CertificateExpiresOn,
            ],
            Self::Legacy => &LEGACY,
            Self::Renewal => &[C::ManagementNumber, C::Name, C::BirthDate, C::CertificateExpiresOn],
            Self::People => &[
                C::PersonKey,
                C::Name,
                C::NameKana,
                C::BirthDate,
                C::Sex,
                C::PostalCode,
                C::Address,
                C::ManagementNumber,
            ],
        }
    }

    /// The columns a file of this kind cannot do without.
    #[must_use]
    pub fn required(self) -> &'static [Column] {
        match self {
            Self::Issuance | Self::Legacy | Self::Renewal => &[Column::ManagementNumber],
            Self::People => &[Column::PersonKey, Column::Name],
        }
    }
}

/// A field an import can fill, with its key (as in the API) and the default header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    ManagementNumber,
    ApplicationId,
    ShipmentNumber,
    Name,
    NameKana,
    BirthDate,
    Sex,
    PostalCode,
    Address,
    VisitMethod,
    Kind,
    SigningCertificate,
    UserCertificate,
    CardExpiresOn,
    CertificateExpiresOn,
    Status,
    InspectedOn,
    InspectionResult,
    SetUpOn,
    NoticeSentOn,
    NoticeReturnedOn,
    HandedOverOn,
    ReminderSentOn,
    CancelledOn,
    CancelReason,
    AbolishedOn,
    AbolishReason,
    DisposedOn,
    DisposeReason,
    Notes,
    HandoverNotes,
    StorageLocation,
    PersonKey,
}

const LEGACY: [Column; 32] = [
    Column::ManagementNumber,
    Column::ApplicationId,
    Column::ShipmentNumber,
    Column::Name,
    Column::NameKana,
    Column::BirthDate,
    Column::Sex,
    Column::PostalCode,
    Column::Address,
    Column::VisitMethod,
    Column::Kind,
    Column::SigningCertificate,
    Column::UserCertificate,
    Column::CardExpiresOn,
    Column::CertificateExpiresOn,
    Column::Status,
    Column::InspectedOn,
    Column::InspectionResult,
    Column::SetUpOn,
    Column::NoticeSentOn,
    Column::NoticeReturnedOn,
    Column::HandedOverOn,
    Column::ReminderSentOn,
    Column::CancelledOn,
    Column::CancelReason,
    Column::AbolishedOn,
    Column::AbolishReason,
    Column::DisposedOn,
    Column::DisposeReason,
    Column::Notes,
    Column::HandoverNotes,
    Column::StorageLocation,
];

const HEADERS: [(Column, &str, &str); 33] = [
    (Column::ManagementNumber, "management_number", "製造管理番号"),
    (Column::ApplicationId, "application_id", "申請書ID"),
    (Column::ShipmentNumber, "shipment_number", "発送番号"),
    (Column::Name, "name", "氏名"),
    (Column::NameKana, "name_kana", "氏名カナ"),
    (Column::BirthDate, "birth_date", "生年月日"),
    (Column::Sex, "sex", "性別"),
    (Column::PostalCode, "postal_code", "郵便番号"),
    (Column::Address, "address", "住所"),
    (Column::VisitMethod, "visit_method", "交付方式"),
    (Column::Kind, "kind", "種別"),
    (Column::SigningCertificate, "signing_certificate", "署名用電子証明書"),
    (Column::UserCertificate, "user_certificate", "利用者証明用電子証明書"),
    (Column::CardExpiresOn, "card_expires_on", "カード有効期限"),
    (Column::CertificateExpiresOn, "certificate_expires_on", "電子証明書有効期限"),
    (Column::Status, "status", "状態"),
    (Column::InspectedOn, "inspected_on", "検品日"),
    (Column::InspectionResult, "inspection_result", "検品結果"),
    (Column::SetUpOn, "set_up_on", "交付前設定日"),
    (Column::NoticeSentOn, "notice_sent_on", "交付通知書発送日"),
    (Column::NoticeReturnedOn, "notice_returned_on", "交付通知書返戻日"),
    (Column::HandedOverOn, "handed_over_on", "交付日"),
    (Column::ReminderSentOn, "reminder_sent_on", "交付督促発送日"),
    (Column::CancelledOn, "cancelled_on", "交付取りやめ日"),
    (Column::CancelReason, "cancel_reason", "交付取りやめ理由"),
    (Column::AbolishedOn, "abolished_on", "廃止日"),
    (Column::AbolishReason, "abolish_reason", "廃止理由"),
    (Column::DisposedOn, "disposed_on", "廃棄日"),
    (Column::DisposeReason, "dispose_reason", "廃棄理由"),
    (Column::Notes, "notes", "備考"),
    (Column::HandoverNotes, "handover_notes", "申し送り事項"),
    (Column::StorageLocation, "storage_location", "保管場所"),
    (Column::PersonKey, "person_key", "宛名番号"),
];

impl Column {
    #[must_use]
    pub fn key(self) -> &'static str {
        HEADERS.iter().find(|(c, ..)| *c == self).map_or("", |(_, key, _)| key)
    }

    /// The header the documented default layout gives the column.
    #[must_use]
    pub fn default_header(self) -> &'static str {
        HEADERS.iter().find(|(c, ..)| *c == self).map_or("", |(.., header)| header)
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        HEADERS.iter().find(|(_, k, _)| *k == key).map(|(c, ..)| *c)
    }
}

/// Headers compared as a clerk would: width, spaces and case do not matter.
fn normalise_header(header: &str) -> String {
    fold_to_ascii(trim_text(header.trim_start_matches('\u{feff}')))
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '　')
        .collect::<String>()
        .to_lowercase()
}

/// A tenant's own headers for a kind of file: field key → header.
pub type Mapping = HashMap<String, String>;

/// Checks a tenant's mapping: known keys of this kind, one header per field.
///
/// # Errors
/// `import.unknown_field` for a key the kind does not carry.
pub fn check_mapping(kind: ImportKind, mapping: &Mapping) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (key, header) in mapping {
        if Column::from_key(key).is_none_or(|c| !kind.columns().contains(&c)) {
            errors.push(FieldError::new(
                format!("mapping.{key}"),
                "import.unknown_field",
                format!("`{key}` is not a field of this import"),
            ));
        } else if trim_text(header).is_empty() || header.chars().count() > 50 {
            errors.push(FieldError::new(
                format!("mapping.{key}"),
                "validation.length",
                "a header of 1 to 50 characters",
            ));
        }
    }
    errors.into_result()
}

/// One data line of a file: its number (the header is line 1) and its cells by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub line: u64,
    pub cells: HashMap<Column, String>,
}

impl Line {
    fn get(&self, column: Column) -> &str {
        self.cells.get(&column).map_or("", String::as_str)
    }
}

/// Reads the header and every line into cells by field.
///
/// # Errors
/// `import.missing_column`, `import.duplicate_column`, `import.no_header`,
/// `import.malformed` lines, each with its line number.
pub fn read_table(text: &str, kind: ImportKind, mapping: &Mapping) -> Result<Vec<Line>, FieldErrors> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let Some(Ok(header)) = records.next() else {
        return Err(FieldError::new("file", "import.no_header", "the first line must name the columns")
            .at_line(1)
            .into());
    };
    let mut by_header: HashMap<String, Column> = HashMap::new();
    for column in kind.columns() {
        by_header.insert(normalise_header(column.key()), *column);
        by_header.insert(normalise_header(column.default_header()), *column);
    }
    for (key, header) in mapping {
        if let Some(column) = Column::from_key(key).filter(|c| kind.columns().contains(c)) {
            by_header.insert(normalise_header(header), column);
        }
    }
    let mut errors = FieldErrors::new();
    let mut positions: Vec<(usize, Column)> = Vec::new();
    for (index, cell) in header.iter().enumerate() {
        if let Some(column) = by_header.get(&normalise_header(cell)) {
            if positions.iter().any(|(_, c)| c == column) {
                errors.push(
                    FieldError::new(
                        column.key(),
                        "import.duplicate_column",
                        format!("two columns are `{}`", column.key()),
                    )
                    .at_line(1),
                );
            }
            positions.push((index, *column));
        }
    }
    for column in kind.required() {
        if !positions.iter().any(|(_, c)| c == column) {
            errors.push(
                FieldError::new(
                    column.key(),
                    "import.missing_column",
                    format!("no column `{}` (default header 「{}」)", column.key(), column.default_header()),
                )
                .at_line(1),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut lines = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                errors.push(
                    FieldError::new("file", "import.malformed", format!("the line cannot be read as CSV: {error}"))
                        .at_line(line),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|cell| trim_text(cell).is_empty()) {
            continue;
        }
        let cells = positions
            .iter()
            .map(|(index, column)| (*column, trim_text(record.get(*index).unwrap_or("")).to_owned()))
            .collect();
        lines.push(Line { line, cells });
    }
    errors.into_result()?;
    Ok(lines)
}

fn date_cell(line: &Line, column: Column, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let text = line.get(column);
    if text.is_empty() {
        return None;
    }
    let date = parse_date(text);
    if date.is_none() {
        errors.push(
            FieldError::new(
                column.key(),
                "validation.date",
                format!("`{text}` is not a date (2025-04-01, 20250401 or 令和7年4月1日)"),
            )
            .at_line(line.line),
        );
    }
    date
}

fn text_cell(line: &Line, column: Column, max: usize, errors: &mut FieldErrors) -> String {
    let text = line.get(column);
    if text.chars().count() > max || text.chars().any(char::is_control) {
        errors.push(
            FieldError::new(
                column.key(),
                "validation.length",
                format!("at most {max} characters, no control characters"),
            )
            .at_line(line.line),
        );
        return String::new();
    }
    text.to_owned()
}

/// 男/女 as well as the J-LIS codes.
fn sex_code(text: &str) -> &str {
    match text {
        "男" | "男性" => "1",
        "女" | "女性" => "2",
        "不明" => "9",
        other => other,
    }
}

/// 「交付時来庁」 and 「新規」 as well as the J-LIS codes.
fn coded_words(column: Column, text: &str) -> &str {
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
fn card_of(line: &Line, errors: &mut FieldErrors) -> Option<ScannedCard> {
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

fn inspection_word(text: &str) -> Option<InspectionResult> {
    match text {
        "良" | "良品" | "正常" | "ok" => Some(InspectionResult::Ok),
        "転出" => Some(InspectionResult::MovedOut),
        "死亡" => Some(InspectionResult::Deceased),
        "不良" => Some(InspectionResult::Defect),
        "その他" => Some(InspectionResult::Other),
        other => InspectionResult::parse(other),
    }
}

fn history_of(line: &Line, errors: &mut FieldErrors) -> History {
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

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn postal_cell(line: &Line, errors: &mut FieldErrors) -> Option<String> {
    let text = line.get(Column::PostalCode);
    if text.is_empty() {
        return None;
    }
    let digits: String = fold_to_ascii(text).chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 7 {
        Some(format!("{}-{}", &digits[..3], &digits[3..]))
    } else {
        errors.push(
            FieldError::new("postal_code", "postal_code.invalid", format!("`{text}` is not a 7-digit postal code"))
                .at_line(line.line),
        );
        None
    }
}

/// Every card of an issuance list or legacy ledger, or every faulty cell with its line.
/// A management number on two lines is refused on the second.
///
/// # Errors
/// Each bad cell, with its line number.
pub fn cards(lines: &[Line], kind: ImportKind) -> Result<Vec<ImportedCard>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut cards = Vec::with_capacity(lines.len());
    for line in lines {
        let before = errors.0.len();
        let card = card_of(line, &mut errors);
        let name_kana = optional(text_cell(line, Column::NameKana, 100, &mut errors));
        let postal_code = postal_cell(line, &mut errors);
        let card_expires_on = date_cell(line, Column::CardExpiresOn, &mut errors);
        let certificate_expires_on = date_cell(line, Column::CertificateExpiresOn, &mut errors);
        let history = (kind == ImportKind::Legacy).then(|| history_of(line, &mut errors));
        let Some(card) = card else { continue };
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
        if errors.0.len() == before {
            cards.push(ImportedCard {
                line: line.line,
                card,
                name_kana,
                postal_code,
                card_expires_on,
                certificate_expires_on,
                history,
            });
        }
    }
    errors.into_result()?;
    Ok(cards)
}

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
pub fn renewal_targets(lines: &[Line]) -> Result<Vec<RenewalTarget>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut targets = Vec::with_capacity(lines.len());
    for line in lines {
        let number = ManagementNumber::parse(line.get(Column::ManagementNumber))
            .map_err(|e| errors.push(FieldError { field: "management_number".to_owned(), ..e }.at_line(line.line)))
            .ok();
        let name = optional(text_cell(line, Column::Name, 100, &mut errors));
        let birth_date = date_cell(line, Column::BirthDate, &mut errors);
        let certificate_expires_on = date_cell(line, Column::CertificateExpiresOn, &mut errors);
        let Some(management_number) = number else { continue };
        if let Some(first) = seen.insert(management_number.as_str().to_owned(), line.line) {
            errors.push(
                FieldError::new(
                    "management_number",
                    "import.duplicate_row",
                    format!("{management_number} is on line {first} too"),
                )
                .at_line(line.line),
            );
            continue;
        }
        targets.push(RenewalTarget { line: line.line, management_number, name, birth_date, certificate_expires_on });
    }
    errors.into_result()?;
    Ok(targets)
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
pub fn people(lines: &[Line]) -> Result<Vec<Person>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut people = Vec::with_capacity(lines.len());
    for line in lines {
        let before = errors.0.len();
        let key = fold_to_ascii(line.get(Column::PersonKey));
        if key.is_empty() || key.chars().count() > 20 {
            errors.push(FieldError::new("person_key", "validation.length", "1 to 20 characters").at_line(line.line));
        }
        let name = text_cell(line, Column::Name, 100, &mut errors);
        if name.is_empty() {
            errors.push(FieldError::new("name", "validation.required", "a name").at_line(line.line));
        }
        let name_kana = optional(text_cell(line, Column::NameKana, 100, &mut errors));
        let birth_date = date_cell(line, Column::BirthDate, &mut errors);
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
        let postal_code = postal_cell(line, &mut errors);
        let address = optional(text_cell(line, Column::Address, 200, &mut errors));
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
        if errors.0.len() == before {
            people.push(Person {
                line: line.line,
                person_key: key,
                name,
                name_kana,
                birth_date,
                sex,
                postal_code,
                address,
                management_number,
            });
        }
    }
    errors.into_result()?;
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str, kind: ImportKind) -> Vec<Line> {
        read_table(text, kind, &Mapping::new()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_default_headers_and_extra_columns() {
        let text = "製造管理番号,氏名,生年月日,性別,交付方式,種別,端末番号\nA1B234567,髙橋 一郎,昭和50年4月1日,男,交付時来庁,更新,T-01\n";
        let cards = cards(&table(text, ImportKind::Issuance), ImportKind::Issuance).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(cards[0].card.management_number.as_str(), "A1B234567");
        assert_eq!(cards[0].card.birth_date, NaiveDate::from_ymd_opt(1975, 4, 1));
        assert_eq!(cards[0].card.kind.map(|k| k.as_str()), Some("renewal"));
        assert_eq!(cards[0].line, 2);
    }

    #[test]
    fn a_tenant_names_its_own_headers() {
        let mapping: Mapping = [("management_number".to_owned(), "カード番号".to_owned())].into();
        let lines = read_table("カード番号,氏名\nC9D876543,佐藤 花子\n", ImportKind::Issuance, &mapping)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(lines[0].get(Column::ManagementNumber), "C9D876543");
        assert_eq!(
            check_mapping(ImportKind::Renewal, &[("notes".to_owned(), "x".to_owned())].into()).map_err(|e| e.0[0].code),
            Err("import.unknown_field")
        );
    }

    #[test]
    fn every_bad_line_is_named_and_duplicates_too() {
        let text = "製造管理番号,生年月日\nA1B234567,19750401\nBAD,19750401\nA1B234567,19751301\n";
        let errors = cards(&table(text, ImportKind::Issuance), ImportKind::Issuance).err().unwrap_or_default();
        let found: Vec<(Option<u64>, &str)> = errors.0.iter().map(|e| (e.line, e.code)).collect();
        assert_eq!(
            found,
            [(Some(3), "management_number.invalid"), (Some(4), "validation.date"), (Some(4), "import.duplicate_row")]
        );
        let missing = read_table("氏名\n山田\n", ImportKind::Issuance, &Mapping::new()).err().unwrap_or_default();
        assert_eq!(missing.0[0].code, "import.missing_column");
    }

    #[test]
    fn a_legacy_line_lands_where_its_dates_say() {
        let text = "製造管理番号,検品日,検品結果,交付通知書発送日,交付日,備考\nA1B234567,2025/4/1,良品,2025/4/3,,再来庁予定\nC9D876543,2025/4/1,良品,2025/4/3,2025/4/20,\n";
        let cards = cards(&table(text, ImportKind::Legacy), ImportKind::Legacy).unwrap_or_else(|e| panic!("{e:?}"));
        let statuses: Vec<CardStatus> = cards.iter().filter_map(|c| c.history.as_ref().map(History::status)).collect();
        assert_eq!(statuses, [CardStatus::NoticeSent, CardStatus::HandedOver]);
        assert_eq!(cards[0].history.as_ref().map(|h| h.notes.as_str()), Some("再来庁予定"));
    }

    fn facts(number: &str, status: CardStatus, renewal: bool) -> LedgerFacts {
        LedgerFacts {
            management_number: number.to_owned(),
            status,
            birth_date: NaiveDate::from_ymd_opt(1975, 4, 1),
            renewal_kind: renewal,
        }
    }

    #[test]
    fn reconciliation_gives_every_card_a_verdict() {
        let text =
            "製造管理番号,生年月日\nA1B234567,19750401\nC9D876543,19750401\nE5F111111,19750401\nG7H222222,19800101\n";
        let targets = renewal_targets(&table(text, ImportKind::Renewal)).unwrap_or_else(|e| panic!("{e:?}"));
        let ledger = [
            facts("A1B234567", CardStatus::HandedOver, false),
            facts("C9D876543", CardStatus::Abolished, false),
            facts("G7H222222", CardStatus::HandedOver, false),
            facts("J1K333333", CardStatus::NoticeSent, true),
            facts("L2M444444", CardStatus::HandedOver, true),
        ];
        let findings = reconcile(&targets, &ledger);
        let verdicts: Vec<(&str, Verdict)> =
            findings.iter().map(|f| (f.management_number.as_str(), f.verdict)).collect();
        assert_eq!(
            verdicts,
            [
                ("A1B234567", Verdict::Matched),
                ("C9D876543", Verdict::Conflict),
                ("E5F111111", Verdict::NotInLedger),
                ("G7H222222", Verdict::Conflict),
                ("J1K333333", Verdict::NotOnList)
            ]
        );
    }

    #[test]
    fn an_address_list_reads_people() {
        let text = "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n0001,山﨑 太郎,ヤマサキ タロウ,S50.4.1,男,０３１－０００１,青森県八戸市類家1-1\n0001,重複,,,,,\n";
        let errors = people(&table(text, ImportKind::People)).err().unwrap_or_default();
        assert_eq!(errors.0.iter().map(|e| (e.line, e.code)).collect::<Vec<_>>(), [(Some(3), "import.duplicate_row")]);
        let ok = people(&table(&text.replace("0001,重複,,,,,\n", ""), ImportKind::People))
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (ok[0].postal_code.as_deref(), ok[0].sex.as_deref(), ok[0].name.as_str()),
            (Some("031-0001"), Some("1"), "山﨑 太郎")
        );
    }
}
