//! Residents booking a visit.

use actix_web::{HttpResponse, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_domain::booking::{self, ApplicantInput, SlotRefusal};
use madoguchi_domain::booking_rules::WindowRefusal;
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::reception::{ReceptionNumber, generate_password};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::bookings::{self, NewBooking};
use madoguchi_persistence::{PersistenceError, booking_rules, database, procedures, schedules};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::password;
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem};
use crate::routes::counters::{open_site, tokyo};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ApplicantRequest {
    /// 製造管理番号 on the 交付通知書, e.g. `A1B234567` (full width and a hyphen are fine).
    pub management_number: Option<String>,
    pub name: Option<String>,
    /// フリガナ: katakana or hiragana.
    pub name_kana: Option<String>,
    /// `1950-04-01`, `1950/4/1` or 和暦 such as `昭和25年4月1日`.
    pub birth_date: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    /// The slot's start, RFC 3339 with `+09:00`, as the availability answers it.
    pub start: DateTime<FixedOffset>,
    /// One per person coming; each takes a place.
    #[serde(default)]
    pub applicants: Vec<ApplicantRequest>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingView {
    pub reception_number: String,
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// How many places (people) the booking takes.
    pub places: u16,
    /// `booked`, `cancelled`, `visited`, `no_show`.
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingCreated {
    /// 10 digits; quote it at the counter and to look the booking up.
    pub reception_number: String,
    /// Shown once and mailed; only a hash is kept.
    pub password: String,
    pub booking: BookingView,
}

fn refusal(refusal: &SlotRefusal) -> ApiError {
    let detail = match refusal {
        SlotRefusal::Window(WindowRefusal::NotOpen { opens_at }) => format!("bookings for that day open at {}", opens_at.format("%Y-%m-%d %H:%M")),
        SlotRefusal::Window(WindowRefusal::Closed) => "bookings for that slot have closed".to_owned(),
        SlotRefusal::Window(WindowRefusal::OutsidePeriod) => "that day is outside the booking period".to_owned(),
        SlotRefusal::ClosedDay(_) => "the counter is closed that day".to_owned(),
        SlotRefusal::OutsideHours => "no slot starts at that time".to_owned(),
    };
    ApiError::Unprocessable { code: refusal.code(), detail, field: "start" }
}

/// How often to draw another reception number when one is taken (one in 10⁸ chances).
const RECEPTION_DRAWS: usize = 3;

/// Books a slot for one or more applicants.
///
/// Every faulty field is named (`applicants.0.birth_date`). The places are taken in
/// the database with a conditional update, so a slot is never overbooked, however
/// many residents race for it.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path)),
    request_body = BookingRequest,
    responses(
        (status = 201, body = BookingCreated),
        (status = 404, description = "`tenant.not_found`, `procedure.not_offered`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.slot_full`, `booking.duplicate`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors; `booking.closed_day`, `booking.outside_hours`, `booking.window_not_open`, `booking.window_closed`, `booking.outside_period`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/bookings")]
pub async fn create_booking(state: web::Data<AppState>, tenant: web::Path<String>, body: ValidJson<BookingRequest>) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let tenant = open_site(&state, &tenant).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let now_jst = now.with_timezone(&tokyo()).naive_local();
    let (location, procedure_id) = (LocationId(body.location_id), ProcedureId(body.procedure_id));

    let stored_rules = booking_rules::get(&state.db, &scope).await?;
    let procedure = procedures::list(&state.db, &scope, true).await?.into_iter().find(|p| p.id == procedure_id).ok_or(ApiError::NotFound("procedure.not_offered"))?;
    let pool = schedules::pool_for(&state.db, &scope, location, procedure_id).await?.ok_or(ApiError::NotFound("procedure.not_offered"))?;

    let inputs: Vec<ApplicantInput> = body
        .applicants
        .into_iter()
        .map(|a| ApplicantInput { management_number: a.management_number, name: a.name, name_kana: a.name_kana, birth_date: a.birth_date, address: a.address })
        .collect();
    let fields = procedure.fields.effective(stored_rules.pii_free);
    let checked = booking::check_applicants(fields, procedure.max_applicants, &inputs, body.email.as_ref(), body.phone.as_ref(), now_jst.date());

    let start = body.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let slot = booking::bookable_slot(&schedule, &holidays, &stored_rules.rules, start, now_jst);

    // Field errors first: a resident fixes the form before choosing another slot.
    let (applicants, contact) = checked.map_err(ApiError::from)?;
    let (slot, capacity) = slot.map_err(|r| refusal(&r))?;

    let identities: Vec<String> = applicants.iter().flat_map(|a| booking::identity_keys(a, &contact)).collect();
    let password = generate_password(&mut rand::rngs::OsRng);
    let password_hash = password::hash(password.clone()).await?;
    let to_utc = |at: chrono::NaiveDateTime| at.and_local_timezone(tokyo()).single().map(|t| t.with_timezone(&Utc)).unwrap_or_default();

    for _ in 0..RECEPTION_DRAWS {
        let new = NewBooking {
            reception_number: ReceptionNumber::generate(&mut rand::rngs::OsRng),
            password_hash: password_hash.clone(),
            location,
            procedure: procedure_id,
            pool,
            start: to_utc(slot.start),
            end: to_utc(slot.end),
            applicants: applicants.clone(),
            identities: identities.clone(),
            contact: contact.clone(),
            notes: String::new(),
            created_by: "resident".to_owned(),
            capacity: Some(capacity),
        };
        let txn = database::begin_write(&state.db).await?;
        match bookings::create(&txn, &scope, new, now).await {
            Ok(booked) => {
                txn.commit().await?;
                let view = BookingView {
                    reception_number: booked.reception_number.to_string(),
                    location_id: booked.location.0,
                    procedure_id: booked.procedure.0,
                    start: booked.start.with_timezone(&tokyo()),
                    end: booked.end.with_timezone(&tokyo()),
                    places: booked.places,
                    status: booked.status,
                };
                return Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(BookingCreated { reception_number: view.reception_number.clone(), password, booking: view }));
            }
            Err(PersistenceError::Conflict("booking.reception_number_taken")) => continue,
            Err(PersistenceError::Conflict("booking.slot_full")) => return Err(ApiError::conflict("booking.slot_full", "the slot has no place left; choose another")),
            Err(PersistenceError::Conflict("booking.duplicate")) => {
                return Err(ApiError::conflict("booking.duplicate", "this person already holds a booking for this procedure; change or cancel that one"));
            }
            Err(other) => return Err(other.into()),
        }
    }
    Err(ApiError::internal(FieldErrors::from(FieldError::new("reception_number", "booking.reception_number_taken", "no free reception number drawn"))))
}
