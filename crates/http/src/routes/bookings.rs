//! Residents booking a visit.

use actix_web::{HttpResponse, delete, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_domain::booking::{self, ApplicantInput, SlotRefusal};
use madoguchi_domain::booking_rules::WindowRefusal;
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::procedure::{ProcedureKind, Requirement};
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
    /// A hold taken for this slot while the form was filled in; its places become the booking's.
    pub hold_id: Option<Uuid>,
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

pub(crate) fn refusal(refusal: &SlotRefusal) -> ApiError {
    let detail = match refusal {
        SlotRefusal::Window(WindowRefusal::NotOpen { opens_at }) => format!("bookings for that day open at {}", opens_at.format("%Y-%m-%d %H:%M")),
        SlotRefusal::Window(WindowRefusal::Closed) => "bookings for that slot have closed".to_owned(),
        SlotRefusal::Window(WindowRefusal::OutsidePeriod) => "that day is outside the booking period".to_owned(),
        SlotRefusal::ClosedDay(_) => "the counter is closed that day".to_owned(),
        SlotRefusal::OutsideHours => "no slot starts at that time".to_owned(),
        SlotRefusal::Past => "that slot is over".to_owned(),
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
    let placement = Placement {
        location: LocationId(body.location_id),
        procedure: ProcedureId(body.procedure_id),
        start: body.start,
        applicants: body.applicants,
        email: body.email,
        phone: body.phone,
        hold: body.hold_id,
        notes: String::new(),
        without_letter: false,
        booker: Booker::Resident,
    };
    let (booked, password) = place(&state, &tenant, placement).await?;
    let view = booking_view(&booked);
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(BookingCreated { reception_number: view.reception_number.clone(), password, booking: view }))
}

pub(crate) fn booking_view(booked: &bookings::Booking) -> BookingView {
    BookingView {
        reception_number: booked.reception_number.to_string(),
        location_id: booked.location.0,
        procedure_id: booked.procedure.0,
        start: booked.start.with_timezone(&tokyo()),
        end: booked.end.with_timezone(&tokyo()),
        places: booked.places,
        status: booked.status.clone(),
    }
}

/// Who books, which decides the rules that apply.
pub(crate) enum Booker {
    /// Within the booking window, within the places.
    Resident,
    /// Call center or counter: any open slot that has not ended; beyond the places
    /// only when an administrator asked for it.
    Staff { login_id: String, beyond_capacity: bool },
}

/// A booking to be made, as typed by a resident or a clerk.
pub(crate) struct Placement {
    pub location: LocationId,
    pub procedure: ProcedureId,
    pub start: DateTime<FixedOffset>,
    pub applicants: Vec<ApplicantRequest>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub hold: Option<Uuid>,
    pub notes: String,
    /// The resident has no 交付通知書: the management number is not asked.
    pub without_letter: bool,
    pub booker: Booker,
}

pub(crate) fn to_utc(at: chrono::NaiveDateTime) -> DateTime<Utc> {
    at.and_local_timezone(tokyo()).single().map(|t| t.with_timezone(&Utc)).unwrap_or_default()
}

/// Checks and records a booking, its places and its mail in one transaction;
/// answers the booking and its password.
pub(crate) async fn place(state: &AppState, tenant: &madoguchi_persistence::tenants::Tenant, placement: Placement) -> ApiResult<(bookings::Booking, String)> {
    let scope = tenant.scope();
    let now = state.clock.now();
    let now_jst = now.with_timezone(&tokyo()).naive_local();
    let Placement { location, procedure: procedure_id, .. } = placement;
    let staff = matches!(placement.booker, Booker::Staff { .. });

    let stored_rules = booking_rules::get(&state.db, &scope).await?;
    let procedure = procedures::list(&state.db, &scope, true).await?.into_iter().find(|p| p.id == procedure_id).ok_or(ApiError::NotFound("procedure.not_offered"))?;
    let pool = schedules::pool_for(&state.db, &scope, location, procedure_id).await?.ok_or(ApiError::NotFound("procedure.not_offered"))?;

    let inputs: Vec<ApplicantInput> = placement
        .applicants
        .into_iter()
        .map(|a| ApplicantInput { management_number: a.management_number, name: a.name, name_kana: a.name_kana, birth_date: a.birth_date, address: a.address })
        .collect();
    let mut fields = procedure.fields.effective(stored_rules.pii_free);
    if placement.without_letter && fields.management_number == Requirement::Required {
        fields.management_number = Requirement::Optional;
    }
    let checked = booking::check_applicants(fields, procedure.max_applicants, &inputs, placement.email.as_ref(), placement.phone.as_ref(), now_jst.date());

    let start = placement.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let slot = if staff { booking::staff_bookable_slot(&schedule, &holidays, start, now_jst) } else { booking::bookable_slot(&schedule, &holidays, &stored_rules.rules, start, now_jst) };

    // Field errors first: a resident fixes the form before choosing another slot.
    let (applicants, contact) = checked.map_err(ApiError::from)?;
    let (slot, capacity) = slot.map_err(|r| refusal(&r))?;
    let (created_by, capacity) = match placement.booker {
        Booker::Resident => ("resident".to_owned(), Some(capacity)),
        Booker::Staff { login_id, beyond_capacity } => (login_id, (!beyond_capacity).then_some(capacity)),
    };
    let ledger_check = stored_rules.ledger_check && procedure.kind == ProcedureKind::Issuance && !placement.without_letter;
    let numbers: Vec<Option<String>> = applicants.iter().map(|a| a.management_number.as_ref().map(|m| m.as_str().to_owned())).collect();

    let identities: Vec<String> = applicants.iter().flat_map(|a| booking::identity_keys(a, &contact)).collect();
    let password = generate_password(&mut rand::rngs::OsRng);
    let password_hash = password::hash_booking(password.clone()).await?;

    let context = mail_context(state, tenant, location, procedure_id).await?;
    let email = contact.email.as_ref().map(|e| e.as_str().to_owned());
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
            notes: placement.notes.clone(),
            created_by: created_by.clone(),
            without_letter: placement.without_letter,
            capacity,
            hold: placement.hold,
        };
        let txn = database::begin_write(&state.db).await?;
        if ledger_check {
            let not_ready = state.ledger.check_ready(&txn, &scope, &numbers).await?;
            if !not_ready.is_empty() {
                return Err(ApiError::Invalid { code: "ledger.not_ready", errors: not_ready });
            }
        }
        match bookings::create(&txn, &scope, new, now).await {
            Ok(booked) => {
                if ledger_check {
                    state.ledger.booked(&txn, &scope, booked.id, &numbers, now).await?;
                }
                enqueue_mail(&txn, &scope, &context, madoguchi_mail::MailKind::Confirmation, email.as_deref(), &booked, Some(password.clone()), now).await?;
                txn.commit().await?;
                return Ok((booked, password));
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    #[serde(default)]
    pub reception_number: String,
    #[serde(default)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantView {
    pub management_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub address: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingDetailsView {
    pub booking: BookingView,
    pub applicants: Vec<ApplicantView>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Whether the resident may still change or cancel it (the deadline has not passed).
    pub changeable: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LookupResponse {
    /// Send as `Authorization: Bearer …` to see, change or cancel this booking.
    pub token: String,
    /// Seconds the token lasts.
    pub expires_in: i64,
    pub details: BookingDetailsView,
}

pub(crate) fn view_of(details: &bookings::BookingDetails) -> BookingView {
    let b = &details.booking;
    BookingView {
        reception_number: b.reception_number.to_string(),
        location_id: b.location.0,
        procedure_id: b.procedure.0,
        start: b.start.with_timezone(&tokyo()),
        end: b.end.with_timezone(&tokyo()),
        places: b.places,
        status: b.status.clone(),
    }
}

impl From<&bookings::StoredApplicant> for ApplicantView {
    fn from(a: &bookings::StoredApplicant) -> Self {
        Self { management_number: a.management_number.clone(), name: a.name.clone(), name_kana: a.name_kana.clone(), birth_date: a.birth_date, address: a.address.clone() }
    }
}

pub(crate) fn details_view(details: &bookings::BookingDetails, changeable: bool) -> BookingDetailsView {
    BookingDetailsView {
        booking: view_of(details),
        applicants: details
            .applicants
            .iter()
            .map(ApplicantView::from)
            .collect(),
        email: details.email.clone(),
        phone: details.phone.clone(),
        changeable,
    }
}

pub(crate) fn changeable(rules: &madoguchi_domain::booking_rules::BookingRules, details: &bookings::BookingDetails, now: DateTime<Utc>) -> bool {
    details.booking.status == "booked" && rules.may_change(details.booking.start.with_timezone(&tokyo()).naive_local(), now.with_timezone(&tokyo()).naive_local())
}

fn lookup_failed() -> ApiError {
    ApiError::NotFound("booking.lookup_failed")
}

/// Looks a booking up with its reception number and password.
///
/// A wrong password and an unknown number answer alike. Failed look-ups are
/// limited per client address and per reception number (429 with `Retry-After`).
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path)),
    request_body = LookupRequest,
    responses(
        (status = 200, body = LookupResponse),
        (status = 404, description = "`booking.lookup_failed`: no booking with that number and password", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/bookings/lookup")]
pub async fn lookup_booking(state: web::Data<AppState>, req: actix_web::HttpRequest, tenant: web::Path<String>, body: ValidJson<LookupRequest>) -> ApiResult<web::Json<LookupResponse>> {
    use crate::rate_limit::{LOOKUP_FAILURES_PER_ADDRESS, LOOKUP_FAILURES_PER_NUMBER};
    let ValidJson(body) = body;
    let tenant = open_site(&state, &tenant).await?;
    let scope = tenant.scope();
    let mut errors = FieldErrors::new();
    let number = errors.collect("reception_number", ReceptionNumber::parse(&body.reception_number));
    if body.password.trim().is_empty() {
        errors.push(FieldError::new("password", "validation.required", "this field is required"));
    }
    errors.into_result()?;
    let Some(number) = number else { return Err(lookup_failed()) };
    let address = crate::extract::client_ip(&req, &state.options).unwrap_or_else(|| "unknown".to_owned());
    let number_key = format!("{}:{number}", tenant.id);
    LOOKUP_FAILURES_PER_ADDRESS.check(&state, &address).await?;
    LOOKUP_FAILURES_PER_NUMBER.check(&state, &number_key).await?;

    let found = bookings::find_by_reception(&state.db, &scope, number).await?;
    let (hash, found) = match found {
        Some((details, hash)) => (hash, Some(details)),
        None => (password::dummy_booking_hash(), None),
    };
    let matches = password::verify(hash, body.password.trim().to_owned()).await?;
    let Some(details) = found.filter(|_| matches) else {
        LOOKUP_FAILURES_PER_ADDRESS.record(&state, &address).await?;
        LOOKUP_FAILURES_PER_NUMBER.record(&state, &number_key).await?;
        return Err(lookup_failed());
    };
    let now = state.clock.now();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    let (token, expires_in) = state.tokens.issue_booking(tenant.id, details.booking.id.0, now).map_err(ApiError::internal)?;
    Ok(web::Json(LookupResponse { token, expires_in, details: details_view(&details, changeable(&rules, &details, now)) }))
}

/// The booking named by the path, if the bearer token was issued for it.
async fn held_booking(state: &AppState, req: &actix_web::HttpRequest, slug: &str, number: &str) -> ApiResult<(madoguchi_persistence::tenants::Tenant, bookings::BookingDetails)> {
    let tenant = open_site(state, slug).await?;
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthenticated("auth.token_missing"))?;
    let claims = state.tokens.verify_booking(token, state.clock.now()).map_err(|e| match e {
        crate::auth::tokens::TokenError::Expired => ApiError::Unauthenticated("auth.token_expired"),
        crate::auth::tokens::TokenError::Invalid => ApiError::Unauthenticated("auth.token_invalid"),
    })?;
    let number = ReceptionNumber::parse(number).map_err(|_| ApiError::NotFound("booking.not_found"))?;
    let (details, _) = bookings::find_by_reception(&state.db, &tenant.scope(), number).await?.ok_or(ApiError::NotFound("booking.not_found"))?;
    if claims.tid != tenant.id.0 || claims.bid != details.booking.id.0 {
        return Err(ApiError::NotFound("booking.not_found"));
    }
    if details.booking.status != "booked" {
        return Err(ApiError::conflict("booking.not_active", "the booking is cancelled or already used"));
    }
    Ok((tenant, details))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeBookingRequest {
    /// Another slot of the same location and procedure, RFC 3339 with `+09:00`.
    pub start: DateTime<FixedOffset>,
}

/// Moves the booking to another slot, until the change deadline.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path), ("reception_number" = String, Path)),
    request_body = ChangeBookingRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = BookingDetailsView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.slot_full`, `booking.changed_meanwhile`, `booking.not_active`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`booking.deadline_passed` and the slot codes of booking", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/public/{tenant}/bookings/{reception_number}")]
pub async fn change_booking(state: web::Data<AppState>, req: actix_web::HttpRequest, path: web::Path<(String, String)>, body: ValidJson<ChangeBookingRequest>) -> ApiResult<web::Json<BookingDetailsView>> {
    let ValidJson(body) = body;
    let (slug, number) = path.into_inner();
    let (tenant, details) = held_booking(&state, &req, &slug, &number).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let now_jst = now.with_timezone(&tokyo()).naive_local();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    if !changeable(&rules, &details, now) {
        return Err(ApiError::Unprocessable { code: "booking.deadline_passed", detail: "the booking can no longer be changed online; please call the counter".to_owned(), field: "start" });
    }
    let start = body.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, details.pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let (slot, capacity) = booking::bookable_slot(&schedule, &holidays, &rules, start, now_jst).map_err(|r| refusal(&r))?;
    // Read what the mail needs before the write transaction, which holds SQLite's lock.
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::move_to(&txn, &scope, &details, (to_utc(slot.start), to_utc(slot.end)), Some(capacity), bookings::Actor::RESIDENT, now).await.map_err(conflict)?;
    let moved = bookings::Booking { start: to_utc(slot.start), end: to_utc(slot.end), ..details.booking.clone() };
    enqueue_mail(&txn, &scope, &context, madoguchi_mail::MailKind::Change, details.email.as_deref(), &moved, None, now).await?;
    txn.commit().await?;
    let (updated, _) = bookings::find_by_reception(&state.db, &scope, details.booking.reception_number).await?.ok_or(ApiError::NotFound("booking.not_found"))?;
    Ok(web::Json(details_view(&updated, changeable(&rules, &updated, now))))
}

pub(crate) fn conflict(error: PersistenceError) -> ApiError {
    match error {
        PersistenceError::Conflict("booking.slot_full") => ApiError::conflict("booking.slot_full", "the slot has no place left; choose another"),
        PersistenceError::Conflict("booking.changed_meanwhile") => ApiError::conflict("booking.changed_meanwhile", "the booking was changed or cancelled meanwhile; look it up again"),
        other => other.into(),
    }
}

/// Cancels the booking, until the change deadline.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path), ("reception_number" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Cancelled; the places are free again"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.changed_meanwhile`, `booking.not_active`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`booking.deadline_passed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/public/{tenant}/bookings/{reception_number}")]
pub async fn cancel_booking(state: web::Data<AppState>, req: actix_web::HttpRequest, path: web::Path<(String, String)>) -> ApiResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let (tenant, details) = held_booking(&state, &req, &slug, &number).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    if !changeable(&rules, &details, now) {
        return Err(ApiError::Unprocessable { code: "booking.deadline_passed", detail: "the booking can no longer be cancelled online; please call the counter".to_owned(), field: "reception_number" });
    }
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::cancel(&txn, &scope, &details, bookings::Actor::RESIDENT, now).await.map_err(conflict)?;
    state.ledger.released(&txn, &scope, details.booking.id, state.clock.now()).await?;
    enqueue_mail(&txn, &scope, &context, madoguchi_mail::MailKind::Cancellation, details.email.as_deref(), &details.booking, None, now).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What every mail of a booking says besides the booking itself.
pub struct MailContext {
    service_name: String,
    municipality: String,
    procedure: String,
    location: String,
    address: String,
    lookup_url: String,
    /// The tenant's own wording by kind; the default for a kind absent here.
    templates: std::collections::HashMap<String, madoguchi_persistence::mail_templates::StoredTemplate>,
}

impl MailContext {
    pub(crate) fn template(&self, kind: madoguchi_mail::MailKind) -> madoguchi_mail::MailTemplate {
        self.templates.get(kind.as_str()).map_or_else(|| kind.default_template(), |t| madoguchi_mail::MailTemplate { subject: t.subject.clone(), body: t.body.clone() })
    }

    pub(crate) fn mail(&self, kind: madoguchi_mail::MailKind, booking: &bookings::Booking, password: Option<String>) -> madoguchi_mail::BookingMail {
        madoguchi_mail::BookingMail {
            kind,
            service_name: self.service_name.clone(),
            municipality: self.municipality.clone(),
            reception_number: booking.reception_number.to_string(),
            password,
            procedure: self.procedure.clone(),
            location: self.location.clone(),
            location_address: self.address.clone(),
            start: booking.start.with_timezone(&tokyo()).naive_local(),
            end: booking.end.with_timezone(&tokyo()).naive_local(),
            places: booking.places,
            lookup_url: self.lookup_url.clone(),
            days_before: 0,
        }
    }
}

pub(crate) async fn mail_context(state: &AppState, tenant: &madoguchi_persistence::tenants::Tenant, location: LocationId, procedure: ProcedureId) -> ApiResult<MailContext> {
    let scope = tenant.scope();
    let settings = madoguchi_persistence::settings::get(&state.db, &scope).await?.settings;
    let place = madoguchi_persistence::locations::list(&state.db, &scope, false).await?.into_iter().find(|l| l.id == location);
    let procedure = procedures::list(&state.db, &scope, false).await?.into_iter().find(|p| p.id == procedure).map(|p| p.name).unwrap_or_default();
    Ok(MailContext {
        service_name: settings.service_name,
        municipality: tenant.name.clone(),
        procedure,
        location: place.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        address: place.map(|l| l.address).unwrap_or_default(),
        lookup_url: format!("{}/r/{}/lookup", state.options.public_url, tenant.slug),
        templates: madoguchi_persistence::mail_templates::all(&state.db, &scope).await?,
    })
}

/// Puts the booking's mail in the outbox, in the caller's transaction: the mail goes
/// out if and only if the change is committed.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn enqueue_mail(
    txn: &impl madoguchi_persistence::ConnectionTrait,
    scope: &madoguchi_persistence::TenantScope,
    context: &MailContext,
    kind: madoguchi_mail::MailKind,
    to: Option<&str>,
    booking: &bookings::Booking,
    password: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(to) = to else { return Ok(()) };
    let rendered = context.mail(kind, booking, password).render_with(&context.template(kind));
    let mail = madoguchi_persistence::mail_outbox::OutgoingMail { kind: kind.as_str().to_owned(), to: to.to_owned(), subject: rendered.subject, body: rendered.body, ics: rendered.ics };
    madoguchi_persistence::mail_outbox::enqueue(txn, scope, mail, now).await?;
    Ok(())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub start: DateTime<FixedOffset>,
    /// How many people will come (places to hold); 1 when absent.
    pub places: Option<u16>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HoldCreated {
    /// Send it with the booking; keep it secret.
    pub hold_id: Uuid,
    /// When the places are given back if no booking is made.
    pub expires_at: DateTime<FixedOffset>,
    pub places: u16,
}

/// Holds places of a slot for a few minutes (the tenant's setting) while the
/// resident fills in the form. An unused hold frees itself when it expires.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path)),
    request_body = HoldRequest,
    responses(
        (status = 201, body = HoldCreated),
        (status = 409, description = "`booking.slot_full`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The slot codes of booking; `booking.too_many_applicants`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/holds")]
pub async fn create_hold(state: web::Data<AppState>, tenant: web::Path<String>, body: ValidJson<HoldRequest>) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let tenant = open_site(&state, &tenant).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let stored = booking_rules::get(&state.db, &scope).await?;
    let (location, procedure_id) = (LocationId(body.location_id), ProcedureId(body.procedure_id));
    let procedure = procedures::list(&state.db, &scope, true).await?.into_iter().find(|p| p.id == procedure_id).ok_or(ApiError::NotFound("procedure.not_offered"))?;
    let pool = schedules::pool_for(&state.db, &scope, location, procedure_id).await?.ok_or(ApiError::NotFound("procedure.not_offered"))?;
    let places = body.places.unwrap_or(1);
    if places == 0 || places > u16::from(procedure.max_applicants) {
        return Err(ApiError::invalid(FieldError::new("places", "booking.too_many_applicants", format!("1 to {} people per booking", procedure.max_applicants))));
    }
    let start = body.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let (slot, capacity) = booking::bookable_slot(&schedule, &holidays, &stored.rules, start, now.with_timezone(&tokyo()).naive_local()).map_err(|r| refusal(&r))?;
    let slot_start = slot.start.and_local_timezone(tokyo()).single().map(|t| t.with_timezone(&Utc)).unwrap_or_default();
    let expires_at = now + chrono::TimeDelta::minutes(i64::from(stored.hold_minutes));
    let txn = database::begin_write(&state.db).await?;
    let new = bookings::NewHold { pool, start: slot_start, places, capacity, expires_at };
    let hold_id = bookings::hold(&txn, &scope, new, now).await.map_err(conflict)?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(HoldCreated { hold_id, expires_at: expires_at.with_timezone(&tokyo()), places }))
}

/// Gives held places back at once (the resident chose another slot or left).
#[utoipa::path(tag = "public", params(("tenant" = String, Path), ("hold_id" = Uuid, Path)), responses((status = 204, description = "Released, or already gone")))]
#[delete("/public/{tenant}/holds/{hold_id}")]
pub async fn release_hold(state: web::Data<AppState>, path: web::Path<(String, Uuid)>) -> ApiResult<HttpResponse> {
    let (slug, hold_id) = path.into_inner();
    let tenant = crate::routes::public::resolve(&state, &slug).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::release_hold(&txn, &tenant.scope(), hold_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
