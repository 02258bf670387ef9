//! Reading an import file: the kinds, their columns and default headers, a tenant's
//! own headers, and the lines cut into cells, each bad cell named with its line.

use std::collections::HashMap;

use chrono::NaiveDate;

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

pub(super) const LEGACY: [Column; 32] = [
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

pub(super) const HEADERS: [(Column, &str, &str); 33] = [
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
pub(super) fn normalise_header(header: &str) -> String {
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
    pub(super) fn get(&self, column: Column) -> &str {
        self.cells.get(&column).map_or("", String::as_str)
    }
}

/// How many faults of a file are listed; the rest are only counted, so that a file of
/// bad lines (up to the upload limit) answers in a page, not in megabytes.
pub const LISTED_ERRORS: usize = 1_000;

/// The faults of a file: the first [`LISTED_ERRORS`], and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportErrors {
    pub listed: FieldErrors,
    pub total: u64,
}

impl ImportErrors {
    fn add(&mut self, errors: FieldErrors) {
        self.total += u64::try_from(errors.0.len()).unwrap_or(u64::MAX);
        let room = LISTED_ERRORS.saturating_sub(self.listed.0.len());
        self.listed.0.extend(errors.0.into_iter().take(room));
    }

    fn into_result(self) -> Result<(), Self> {
        if self.total == 0 { Ok(()) } else { Err(self) }
    }
}

impl From<FieldErrors> for ImportErrors {
    fn from(errors: FieldErrors) -> Self {
        let mut tally = Self::default();
        tally.add(errors);
        tally
    }
}

/// Where lines come from: a file's text, read one line at a time, or lines read before.
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    Text { text: &'a str, kind: ImportKind, mapping: &'a Mapping },
    Lines(&'a [Line]),
}

/// Each line made an item by `read`, or every fault with its line. Items are kept only
/// while no line has failed: a faulty file applies nothing, so a 48 MB file of bad lines
/// costs its faults' count, not its lines.
pub(super) fn gather<T>(
    source: Source<'_>,
    mut read: impl FnMut(&Line, &mut FieldErrors) -> Option<T>,
) -> Result<Vec<T>, ImportErrors> {
    let mut items = Vec::new();
    let mut clean = true;
    let mut visit = |line: &Line, errors: &mut FieldErrors| {
        let item = read(line, errors);
        clean &= errors.is_empty();
        if let Some(item) = item.filter(|_| clean) {
            items.push(item);
        }
    };
    match source {
        Source::Text { text, kind, mapping } => each_line(text, kind, mapping, visit)?,
        Source::Lines(lines) => {
            let mut tally = ImportErrors::default();
            for line in lines {
                let mut errors = FieldErrors::new();
                visit(line, &mut errors);
                tally.add(errors);
            }
            tally.into_result()?;
        }
    }
    Ok(items)
}

/// Reads the header and every line into cells by field.
///
/// # Errors
/// `import.missing_column`, `import.duplicate_column`, `import.no_header`,
/// `import.malformed` lines, each with its line number.
pub fn read_table(text: &str, kind: ImportKind, mapping: &Mapping) -> Result<Vec<Line>, ImportErrors> {
    let mut lines = Vec::new();
    each_line(text, kind, mapping, |line, _| lines.push(line.clone()))?;
    Ok(lines)
}

/// Reads the header, then hands each line to `visit` with the line's own fault list,
/// one line at a time.
fn each_line(
    text: &str,
    kind: ImportKind,
    mapping: &Mapping,
    mut visit: impl FnMut(&Line, &mut FieldErrors),
) -> Result<(), ImportErrors> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let Some(Ok(header)) = records.next() else {
        return Err(FieldErrors::from(
            FieldError::new("file", "import.no_header", "the first line must name the columns").at_line(1),
        )
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
    errors.into_result()?;
    let mut tally = ImportErrors::default();
    for record in records {
        let mut errors = FieldErrors::new();
        match record {
            Ok(record) if record.iter().all(|cell| trim_text(cell).is_empty()) => {}
            Ok(record) => {
                let line = record.position().map_or(0, csv::Position::line);
                let cells = positions
                    .iter()
                    .map(|(index, column)| (*column, trim_text(record.get(*index).unwrap_or("")).to_owned()))
                    .collect();
                visit(&Line { line, cells }, &mut errors);
            }
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                errors.push(
                    FieldError::new("file", "import.malformed", format!("the line cannot be read as CSV: {error}"))
                        .at_line(line),
                );
            }
        }
        tally.add(errors);
    }
    tally.into_result()
}

pub(super) fn date_cell(line: &Line, column: Column, errors: &mut FieldErrors) -> Option<NaiveDate> {
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

pub(super) fn text_cell(line: &Line, column: Column, max: usize, errors: &mut FieldErrors) -> String {
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

pub(super) fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

pub(super) fn postal_cell(line: &Line, errors: &mut FieldErrors) -> Option<String> {
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
