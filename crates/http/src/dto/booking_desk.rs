//! A booking as the staff desk reads and shows it: the search query and its filter,
//! the booking with its applicants, history and cards.

use chrono::{DateTime, FixedOffset};
use madoguchi_domain::applicant::{ManagementNumber, PhoneNumber, to_katakana};
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_domain::width::trim_text;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::BookingFilter;
use madoguchi_persistence::bookings::BookingDetails;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::dto::booking::{ApplicantView, BookingStatusView};
use crate::params::{self};
use crate::spreadsheet::{ExportEncoding, ExportFormat};
use madoguchi_domain::booking_status::BookingStatus;
use madoguchi_domain::time::{day_end, day_start, tokyo};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BookingQuery {
    /// First day, `YYYY-MM-DD`.
    #[param(value_type = Option<crate::params::DateText>)]
    pub from: Option<String>,
    /// Last day, included.
    #[param(value_type = Option<crate::params::DateText>)]
    pub to: Option<String>,
    pub location_id: Option<Uuid>,
    pub procedure_id: Option<Uuid>,
    /// One or more of `booked`, `cancelled`, `visited`, `no_show`, comma-separated.
    #[param(pattern = "^((booked|cancelled|visited|no_show)(,(booked|cancelled|visited|no_show))*)?$")]
    pub status: Option<String>,
    /// Part of an applicant's name or フリガナ (hiragana is fine); spaces ignored.
    pub name: Option<String>,
    /// Ten digits, the last a check digit.
    #[param(pattern = "^([0-9]{10})?$")]
    pub reception_number: Option<String>,
    #[param(pattern = "^([0-9A-Za-z]{3}-?[0-9]{6})?$")]
    pub management_number: Option<String>,
    /// The booking's phone number, with or without hyphens, full-width digits accepted.
    #[param(pattern = "^(0[0-9]{9,10})?$")]
    pub phone: Option<String>,
    /// An applicant's birth date: ISO, 和暦 (昭和50年4月1日, S50.4.1) or full-width digits.
    #[param(value_type = Option<crate::params::DateText>)]
    pub birth_date: Option<String>,
    /// 1 for the first page.
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// 1 to 500; 50 when absent.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u64>,
    /// Export only: `cp932` (default) or `utf-8`.
    pub encoding: Option<ExportEncoding>,
    /// Export only: `csv` (default) or `xlsx`.
    pub format: Option<ExportFormat>,
}

pub fn filter_of(query: &BookingQuery) -> Result<BookingFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let from = params::date("from", query.from.as_deref(), &mut errors);
    let to = params::date("to", query.to.as_deref(), &mut errors);
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.push(FieldError::new("to", "validation.period_reversed", "the last day is before the first"));
    }
    let mut statuses = Vec::new();
    for status in query.status.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(status) = BookingStatus::parse(status) {
            statuses.push(status);
        } else {
            errors.push(FieldError::new(
                "status",
                "booking.unknown_status",
                "use booked, cancelled, visited or no_show",
            ));
        }
    }
    let given = |value: &Option<String>| value.as_deref().map(trim_text).filter(|v| !v.is_empty()).map(str::to_owned);
    let reception = given(&query.reception_number)
        .and_then(|text| errors.collect("reception_number", ReceptionNumber::parse(&text)));
    let management_number = given(&query.management_number)
        .and_then(|text| errors.collect("management_number", ManagementNumber::parse(&text)))
        .map(|m| m.as_str().to_owned());
    let name = given(&query.name).map(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    let phone = given(&query.phone)
        .and_then(|text| errors.collect("phone", PhoneNumber::parse(&text)))
        .map(|p| p.as_str().to_owned());
    let birth_date = params::date("birth_date", query.birth_date.as_deref(), &mut errors);
    errors.into_result()?;
    Ok(BookingFilter {
        from: from.map(day_start),
        until: to.map(day_end),
        location: query.location_id.map(LocationId),
        procedure: query.procedure_id.map(ProcedureId),
        statuses,
        name_kana: name.as_deref().map(to_katakana),
        name,
        reception,
        management_number,
        phone,
        birth_date,
    })
}

/// A booking as the staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffBookingView {
    pub reception_number: String,
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub places: u16,
    pub status: BookingStatusView,
    pub applicants: Vec<ApplicantView>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// 備考: staff only, never shown to the resident.
    pub notes: String,
    /// Booked for a resident without a 交付通知書.
    pub without_letter: bool,
    /// Booked by an administrator beyond the slot's places.
    pub beyond_capacity: bool,
    pub checked_in_at: Option<DateTime<FixedOffset>>,
    /// `resident` or the staff user's login ID.
    pub created_by: String,
    pub created_at: DateTime<FixedOffset>,
    /// Send it back with a change, so that a change made meanwhile is not overwritten.
    pub version: i32,
}

pub fn staff_view(details: &BookingDetails) -> StaffBookingView {
    let b = &details.booking;
    StaffBookingView {
        reception_number: b.reception_number.to_string(),
        location_id: b.location.0,
        procedure_id: b.procedure.0,
        start: b.start.with_timezone(&tokyo()),
        end: b.end.with_timezone(&tokyo()),
        places: b.places,
        status: b.status.into(),
        applicants: details.applicants.iter().map(ApplicantView::from).collect(),
        email: details.email.clone(),
        phone: details.phone.clone(),
        notes: details.notes.clone(),
        without_letter: details.without_letter,
        beyond_capacity: details.beyond_capacity,
        checked_in_at: details.checked_in_at.map(|t| t.with_timezone(&tokyo())),
        created_by: details.created_by.clone(),
        created_at: details.created_at.with_timezone(&tokyo()),
        version: details.version,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingEventView {
    pub at: DateTime<FixedOffset>,
    /// `resident` or the staff user's login ID.
    pub actor: String,
    /// `created`, `changed`, `cancelled`, `checked_in`, `no_show`, `notes`.
    pub action: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffBookingDetails {
    pub booking: StaffBookingView,
    /// Oldest first.
    pub history: Vec<BookingEventView>,
    /// The ledger's cards the booking holds, with their progress (LED-08).
    pub cards: Vec<BookingCardView>,
}

/// A card a booking holds, as the booking's page shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookingCardView {
    pub id: Uuid,
    pub management_number: String,
    pub status: crate::dto::ledger::CardStatusView,
    pub storage_location: String,
}

/// What was searched for, for the audit log.
pub fn query_detail(query: &BookingQuery) -> serde_json::Value {
    // Identifiers as typed; of whom a clerk looked for, only which details were given:
    // the audit log keeps no copy of a name, phone or birth date past their retention.
    json!({
        "from": query.from, "to": query.to, "location_id": query.location_id, "procedure_id": query.procedure_id,
        "status": query.status, "reception_number": query.reception_number,
        "name": query.name.is_some(), "management_number": query.management_number.is_some(),
        "phone": query.phone.is_some(), "birth_date": query.birth_date.is_some(),
    })
}
