//! The QR codes of the カード発行一覧. J-LIS does not publish their layout, so it is
//! configuration: a list of fields in order, `jlis-qr-v1` by default (design.md,
//! "Card ledger inputs"). A municipality that receives another layout changes its
//! setting, not our code; every raw payload is kept, so entries can be read again.

use chrono::NaiveDate;

use crate::applicant::ManagementNumber;
use crate::ledger::card::{ApplicationId, CardKind, Sex, ShipmentNumber, VisitMethod};
use crate::width::{fold_to_ascii, trim_text};
use crate::{FieldError, FieldErrors};

/// One column of a QR payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrField {
    ManagementNumber,
    ApplicationId,
    ShipmentNumber,
    Name,
    BirthDate,
    Sex,
    Address,
    VisitMethod,
    Kind,
    SigningCertificate,
    UserCertificate,
    /// A column this municipality's layout has and the ledger does not keep.
    Skip,
}

const NAMES: [(&str, QrField); 12] = [
    ("management_number", QrField::ManagementNumber),
    ("application_id", QrField::ApplicationId),
    ("shipment_number", QrField::ShipmentNumber),
    ("name", QrField::Name),
    ("birth_date", QrField::BirthDate),
    ("sex", QrField::Sex),
    ("address", QrField::Address),
    ("visit_method", QrField::VisitMethod),
    ("kind", QrField::Kind),
    ("signing_certificate", QrField::SigningCertificate),
    ("user_certificate", QrField::UserCertificate),
    ("skip", QrField::Skip),
];

impl QrField {
    #[must_use]
    pub fn name(self) -> &'static str {
        NAMES.iter().find(|(_, field)| *field == self).map_or("skip", |(name, _)| name)
    }
}

/// The order of the fields in a payload and what separates them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrLayout {
    pub separator: u8,
    pub fields: Vec<QrField>,
}

pub const DEFAULT_LAYOUT: &str = "jlis-qr-v1";

impl QrLayout {
    /// The assumed default: management number, application ID, shipment number, name,
    /// birth date, sex, address, visit method, kind, the two certificates.
    #[must_use]
    pub fn jlis_qr_v1() -> Self {
        use QrField::{
            Address, ApplicationId, BirthDate, Kind, ManagementNumber, Name, Sex, ShipmentNumber, SigningCertificate,
            UserCertificate, VisitMethod,
        };
        Self {
            separator: b',',
            fields: vec![
                ManagementNumber,
                ApplicationId,
                ShipmentNumber,
                Name,
                BirthDate,
                Sex,
                Address,
                VisitMethod,
                Kind,
                SigningCertificate,
                UserCertificate,
            ],
        }
    }

    /// `jlis-qr-v1`, or the field names in order separated by commas (`skip` for a
    /// column to pass over), optionally followed by `;` and a one-character separator
    /// (`tab` for a tab): `management_number,skip,name,birth_date;tab`.
    ///
    /// # Errors
    /// `layout.unknown_field`, `layout.no_management_number`, `layout.duplicate_field`,
    /// `layout.separator`.
    pub fn parse(spec: &str) -> Result<Self, FieldErrors> {
        let spec = trim_text(spec);
        if spec.is_empty() || spec == DEFAULT_LAYOUT {
            return Ok(Self::jlis_qr_v1());
        }
        let (list, separator) = spec.split_once(';').unwrap_or((spec, ","));
        let mut errors = FieldErrors::new();
        let separator = match separator.trim() {
            "tab" => b'\t',
            one if one.len() == 1 => one.as_bytes()[0],
            _ => {
                errors.push(FieldError::new("layout", "layout.separator", "the separator is one character, or `tab`"));
                b','
            }
        };
        let mut fields = Vec::new();
        for name in list.split(',').map(str::trim) {
            match NAMES.iter().find(|(known, _)| *known == name) {
                Some((_, field)) if *field != QrField::Skip && fields.contains(field) => {
                    errors.push(FieldError::new("layout", "layout.duplicate_field", format!("`{name}` appears twice")))
                }
                Some((_, field)) => fields.push(*field),
                None => {
                    errors.push(FieldError::new("layout", "layout.unknown_field", format!("unknown field `{name}`")))
                }
            }
        }
        if !fields.contains(&QrField::ManagementNumber) {
            errors.push(FieldError::new(
                "layout",
                "layout.no_management_number",
                "the layout must name the management number",
            ));
        }
        errors.into_result()?;
        Ok(Self { separator, fields })
    }

    /// The layout written back as [`QrLayout::parse`] reads it.
    #[must_use]
    pub fn spec(&self) -> String {
        if *self == Self::jlis_qr_v1() {
            return DEFAULT_LAYOUT.to_owned();
        }
        let names: Vec<&str> = self.fields.iter().map(|f| f.name()).collect();
        let separator = if self.separator == b'\t' { "tab".to_owned() } else { char::from(self.separator).to_string() };
        format!("{};{separator}", names.join(","))
    }
}

/// A card as its QR code describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedCard {
    pub management_number: ManagementNumber,
    pub application_id: Option<ApplicationId>,
    pub shipment_number: Option<ShipmentNumber>,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub address: Option<String>,
    pub visit_method: Option<VisitMethod>,
    pub kind: Option<CardKind>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
}

fn text(value: &str, max: usize, field: &str, errors: &mut FieldErrors) -> Option<String> {
    let value = trim_text(value);
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > max || value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "qr.invalid_text",
            format!("at most {max} characters, no control characters"),
        ));
        return None;
    }
    Some(value.to_owned())
}

fn flag(value: &str, field: &str, errors: &mut FieldErrors) -> bool {
    match fold_to_ascii(trim_text(value)).as_str() {
        "1" => true,
        "0" | "" => false,
        _ => {
            errors.push(FieldError::new(field, "qr.invalid_flag", "a certificate flag is 0 or 1"));
            false
        }
    }
}

fn coded<T>(
    value: &str,
    field: &str,
    code: &'static str,
    read: impl Fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Option<T> {
    if trim_text(value).is_empty() {
        return None;
    }
    let parsed = read(value);
    if parsed.is_none() {
        errors.push(FieldError::new(field, code, format!("`{}` is not a known code", trim_text(value))));
    }
    parsed
}

/// Reads what a keyboard-wedge reader typed (or a decoded image gave) by `layout`.
///
/// # Errors
/// Every faulty field, named by the layout (`birth_date`, …), or `payload` when the
/// number of fields is wrong.
pub fn read(layout: &QrLayout, payload: &str) -> Result<ScannedCard, FieldErrors> {
    // Readers end what they type with Enter (CR or LF), some with a tab.
    let payload = payload.trim_matches(|c: char| c == '\r' || c == '\n' || c == '\t' || c == '\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(layout.separator)
        .flexible(true)
        .from_reader(payload.as_bytes());
    let record = match reader.records().next() {
        Some(Ok(record)) => record,
        _ => {
            return Err(
                FieldError::new("payload", "qr.unreadable", "the payload is empty or not one line of fields").into()
            );
        }
    };
    if record.len() != layout.fields.len() {
        return Err(FieldError::new(
            "payload",
            "qr.field_count",
            format!("{} fields where the layout has {}", record.len(), layout.fields.len()),
        )
        .into());
    }
    describe(layout.fields.iter().copied().zip(record.iter()))
}

/// A card from its fields' texts, however they arrived (a QR payload, a CSV line).
/// Dates are `YYYYMMDD`.
///
/// # Errors
/// Every faulty field, by its name.
pub fn describe<'a>(fields: impl IntoIterator<Item = (QrField, &'a str)>) -> Result<ScannedCard, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut number = None;
    let mut card = Described::default();
    for (field, value) in fields {
        let name = field.name();
        let at = |e: FieldError| FieldError { field: name.to_owned(), ..e };
        let given = !trim_text(value).is_empty();
        match field {
            QrField::ManagementNumber => number = ManagementNumber::parse(value).map_err(|e| errors.push(at(e))).ok(),
            QrField::ApplicationId if given => {
                card.application_id = ApplicationId::parse(value).map_err(|e| errors.push(at(e))).ok()
            }
            QrField::ShipmentNumber if given => {
                card.shipment_number = ShipmentNumber::parse(value).map_err(|e| errors.push(at(e))).ok()
            }
            QrField::Name => card.name = text(value, 100, name, &mut errors),
            QrField::Address => card.address = text(value, 200, name, &mut errors),
            QrField::BirthDate => {
                card.birth_date = coded(
                    value,
                    name,
                    "birth_date.invalid",
                    |v| NaiveDate::parse_from_str(&fold_to_ascii(trim_text(v)), "%Y%m%d").ok(),
                    &mut errors,
                )
            }
            QrField::Sex => card.sex = coded(value, name, "sex.invalid", Sex::from_code, &mut errors),
            QrField::VisitMethod => {
                card.visit_method = coded(value, name, "visit_method.invalid", VisitMethod::from_code, &mut errors)
            }
            QrField::Kind => card.kind = coded(value, name, "kind.invalid", CardKind::from_code, &mut errors),
            QrField::SigningCertificate => card.signing_certificate = flag(value, name, &mut errors),
            QrField::UserCertificate => card.user_certificate = flag(value, name, &mut errors),
            QrField::ApplicationId | QrField::ShipmentNumber | QrField::Skip => {}
        }
    }
    errors.into_result()?;
    let management_number = number.ok_or_else(|| {
        FieldErrors::from(FieldError::new(
            "management_number",
            "validation.required",
            "the payload has no management number",
        ))
    })?;
    Ok(ScannedCard {
        management_number,
        application_id: card.application_id,
        shipment_number: card.shipment_number,
        name: card.name,
        birth_date: card.birth_date,
        sex: card.sex,
        address: card.address,
        visit_method: card.visit_method,
        kind: card.kind,
        signing_certificate: card.signing_certificate,
        user_certificate: card.user_certificate,
    })
}

/// What a payload says besides the management number, gathered field by field.
#[derive(Default)]
struct Described {
    application_id: Option<ApplicationId>,
    shipment_number: Option<ShipmentNumber>,
    name: Option<String>,
    birth_date: Option<NaiveDate>,
    sex: Option<Sex>,
    address: Option<String>,
    visit_method: Option<VisitMethod>,
    kind: Option<CardKind>,
    signing_certificate: bool,
    user_certificate: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str =
        "A1B-234567,12345678901234567890123,0001234,髙橋　﨑子,19750401,2,デモ市中央一丁目1番1号,1,1,1,1\r\n";

    #[test]
    fn a_payload_of_the_default_layout_is_read() {
        let card = read(&QrLayout::jlis_qr_v1(), PAYLOAD).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(card.management_number.as_str(), "A1B234567");
        assert_eq!(card.name.as_deref(), Some("髙橋　﨑子"), "旧字体 kept as printed");
        assert_eq!(card.birth_date, NaiveDate::from_ymd_opt(1975, 4, 1));
        assert_eq!(
            (card.sex, card.visit_method, card.kind),
            (Some(Sex::Female), Some(VisitMethod::AtIssuance), Some(CardKind::New))
        );
        assert!(card.signing_certificate && card.user_certificate);
    }

    #[test]
    fn name_and_address_may_be_empty() {
        let card = read(&QrLayout::jlis_qr_v1(), "A1B234567,12345678901234567890123,1,,19750401,9,,2,2,0,1")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((card.name, card.address, card.visit_method), (None, None, Some(VisitMethod::AtApplication)));
    }

    #[test]
    fn every_faulty_field_is_named() {
        let errors = read(&QrLayout::jlis_qr_v1(), "A1B23,123,1,名前,19751301,5,,7,1,2,1").err().unwrap_or_default();
        let fields: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("management_number", "management_number.invalid"),
                ("application_id", "application_id.invalid"),
                ("birth_date", "birth_date.invalid"),
                ("sex", "sex.invalid"),
                ("visit_method", "visit_method.invalid"),
                ("signing_certificate", "qr.invalid_flag"),
            ]
        );
        assert_eq!(read(&QrLayout::jlis_qr_v1(), "A1B234567,1,2").map_err(|e| e.0[0].code), Err("qr.field_count"));
        assert_eq!(read(&QrLayout::jlis_qr_v1(), "\r\n").map_err(|e| e.0[0].code), Err("qr.unreadable"));
    }

    #[test]
    fn another_layout_is_configuration() {
        let layout = QrLayout::parse("skip,management_number,birth_date,name;tab").unwrap_or_else(|e| panic!("{e:?}"));
        let card = read(&layout, "X\tC9D876543\t19800202\t佐藤 花子").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((card.management_number.as_str(), card.name.as_deref()), ("C9D876543", Some("佐藤 花子")));
        assert_eq!(QrLayout::parse(&layout.spec()), Ok(layout));
        assert_eq!(QrLayout::parse("jlis-qr-v1").map(|l| l.spec()), Ok("jlis-qr-v1".to_owned()));
        let errors = QrLayout::parse("name,nickname,name").err().unwrap_or_default();
        let codes: Vec<&str> = errors.0.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["layout.unknown_field", "layout.duplicate_field", "layout.no_management_number"]);
    }
}
