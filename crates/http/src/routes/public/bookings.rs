//! Residents booking a visit.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, FixedOffset};
use madoguchi_domain::booking::{self};
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_domain::reception::password_candidates;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::bookings::{self};
use madoguchi_persistence::{booking_rules, database, procedures, schedules};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::password;
use crate::dto::booking::{ApplicantRequest, ApplicantView, BookingStatusView};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::booking::{Booker, Placement, allow, changeable, conflict, place, refusal};
use crate::services::booking_mail::{enqueue_mail, mail_context};
use crate::services::site::open_site;
use crate::state::AppState;
use madoguchi_domain::booking_status::BookingAction;
use madoguchi_domain::time::{to_utc, tokyo};

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
    #[schema(max_length = 254, pattern = "^([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,4})?$")]
    pub email: Option<String>,
    /// 10 or 11 digits starting with 0.
    #[schema(pattern = "^(0[0-9]{9,10})?$")]
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
    pub status: BookingStatusView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookingCreated {
    /// 10 digits; quote it at the counter and to look the booking up.
    pub reception_number: String,
    /// Shown once and mailed; only a hash is kept.
    pub password: String,
    pub booking: BookingView,
}

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
        (status = 429, description = "`rate_limited` (bookings from this address), `booking.mail_limited` (mails to this mail address today); see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/bookings")]
pub async fn create_booking(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    tenant: web::Path<String>,
    body: ValidJson<BookingRequest>,
) -> ApiResult<HttpResponse> {
    use crate::rate_limit::{BOOKINGS_PER_ADDRESS, MAILS_PER_RECIPIENT, recipient_key};
    let ValidJson(body) = body;
    let tenant = open_site(&state, &tenant).await?;
    BOOKINGS_PER_ADDRESS.take(&state, &client_address(&req, &state)).await?;
    if let Some(email) = body.email.as_deref().filter(|e| !e.trim().is_empty()) {
        MAILS_PER_RECIPIENT.take(&state, &recipient_key(&state, tenant.id.0, email)).await?;
    }
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
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(BookingCreated {
        reception_number: view.reception_number.clone(),
        password,
        booking: view,
    }))
}

pub(crate) fn booking_view(booked: &bookings::Booking) -> BookingView {
    BookingView {
        reception_number: booked.reception_number.to_string(),
        location_id: booked.location.0,
        procedure_id: booked.procedure.0,
        start: booked.start.with_timezone(&tokyo()),
        end: booked.end.with_timezone(&tokyo()),
        places: booked.places,
        status: booked.status.into(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    /// Ten digits, the last a check digit.
    #[serde(default)]
    #[schema(required = true, pattern = "^[0-9]{10}$")]
    pub reception_number: String,
    #[serde(default)]
    #[schema(required = true, pattern = "\\S")]
    pub password: String,
    /// The `k` of the link in the booking's mails: with it, the ceiling of failed
    /// look-ups per reception number (which a stranger may have used up) does not apply.
    #[serde(default)]
    #[schema(max_length = 64)]
    pub mail_key: Option<String>,
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
        status: b.status.into(),
    }
}

pub(crate) fn details_view(details: &bookings::BookingDetails, changeable: bool) -> BookingDetailsView {
    BookingDetailsView {
        booking: view_of(details),
        applicants: details.applicants.iter().map(ApplicantView::from).collect(),
        email: details.email.clone(),
        phone: details.phone.clone(),
        changeable,
    }
}

fn lookup_failed() -> ApiError {
    ApiError::NotFound(ProblemCode::BookingLookupFailed)
}

/// Looks a booking up with its reception number and password.
///
/// A wrong password and an unknown number answer alike. Every look-up is counted
/// before it is checked (a right one is given back): 20 failures per client address in
/// 15 minutes (`rate_limited`), and 30 per reception number in a day from anywhere
/// (`booking.lookup_limited`, for numbers that exist and numbers that do not alike).
/// The owner passes the second with the `mail_key` of their mail's link, or by calling
/// the counter.
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path)),
    request_body = LookupRequest,
    responses(
        (status = 200, body = LookupResponse),
        (status = 404, description = "`booking.lookup_failed`: no booking with that number and password", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited` (this address), `booking.lookup_limited` (this number; see `Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/bookings/lookup")]
pub async fn lookup_booking(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    tenant: web::Path<String>,
    body: ValidJson<LookupRequest>,
) -> ApiResult<web::Json<LookupResponse>> {
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
    let address = client_address(&req, &state);
    let number_key = crate::rate_limit::number_key(tenant.id.0, &number);
    let holds_mail =
        body.mail_key.as_deref().is_some_and(|key| state.tokens.is_mail_key(tenant.id, &number.to_string(), key));
    LOOKUP_FAILURES_PER_ADDRESS.take(&state, &address).await?;
    if !holds_mail {
        LOOKUP_FAILURES_PER_NUMBER.take(&state, &number_key).await?;
    }

    let vault = state.vault(&scope).await?;
    let found = bookings::find_by_reception(&state.db, &scope, &vault, number).await?;
    let (hash, found) = match found {
        Some((details, hash)) => (hash, Some(details)),
        None => (password::dummy_booking_hash(&vault), None),
    };
    // As many hashes are computed for an unknown number as for a known one.
    let by_secret = state.keys.booking_passwords_by_secret();
    let mut matches = false;
    for candidate in password_candidates(&body.password) {
        matches |= password::verify_booking(by_secret, &vault, hash.clone(), candidate).await?;
    }
    let Some(details) = found.filter(|_| matches) else {
        return Err(lookup_failed());
    };
    LOOKUP_FAILURES_PER_ADDRESS.give_back(&state, &address).await?;
    if !holds_mail {
        LOOKUP_FAILURES_PER_NUMBER.give_back(&state, &number_key).await?;
    }
    let now = state.clock.now();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    let (token, expires_in) =
        state.tokens.issue_booking(tenant.id, details.booking.id.0, now).map_err(ApiError::internal)?;
    Ok(web::Json(LookupResponse {
        token,
        expires_in,
        details: details_view(&details, changeable(&rules, &details, now)),
    }))
}

/// The client's address as the rate limits count it.
fn client_address(req: &actix_web::HttpRequest, state: &AppState) -> String {
    crate::extract::client_ip(req, &state.options).unwrap_or_else(|| "unknown".to_owned())
}

/// The booking named by the path, if the bearer token was issued for it, and it can
/// still be changed.
async fn held_booking(
    state: &AppState,
    req: &actix_web::HttpRequest,
    slug: &str,
    number: &str,
) -> ApiResult<(madoguchi_persistence::tenants::Tenant, bookings::BookingDetails)> {
    let (tenant, details) = token_booking(state, req, slug, number).await?;
    allow(&details, BookingAction::Change)?;
    Ok((tenant, details))
}

/// The booking named by the path, if the bearer token was issued for it.
async fn token_booking(
    state: &AppState,
    req: &actix_web::HttpRequest,
    slug: &str,
    number: &str,
) -> ApiResult<(madoguchi_persistence::tenants::Tenant, bookings::BookingDetails)> {
    let tenant = open_site(state, slug).await?;
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthenticated(ProblemCode::AuthTokenMissing))?;
    let claims = state.tokens.verify_booking(token, state.clock.now()).map_err(|e| match e {
        crate::auth::tokens::TokenError::Expired => ApiError::Unauthenticated(ProblemCode::AuthTokenExpired),
        crate::auth::tokens::TokenError::Invalid => ApiError::Unauthenticated(ProblemCode::AuthTokenInvalid),
    })?;
    let number = ReceptionNumber::parse(number).map_err(|_| ApiError::NotFound(ProblemCode::BookingNotFound))?;
    let (details, _) =
        bookings::find_by_reception(&state.db, &tenant.scope(), &state.vault(&tenant.scope()).await?, number)
            .await?
            .ok_or(ApiError::NotFound(ProblemCode::BookingNotFound))?;
    if claims.tid != tenant.id.0 || claims.bid != details.booking.id.0 {
        return Err(ApiError::NotFound(ProblemCode::BookingNotFound));
    }
    Ok((tenant, details))
}

/// The booking again, for the look-up token's life: a resident who reloads the details
/// page keeps it without typing the password again (the SPA keeps only the token).
#[utoipa::path(
    tag = "public",
    params(("tenant" = String, Path), ("reception_number" = String, Path)),
    security(("bearer" = [])),
    responses(
        (status = 200, body = BookingDetailsView),
        (status = 401, description = "`auth.token_missing`, `auth.token_invalid`, `auth.token_expired`", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`booking.not_found`, `tenant.not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/public/{tenant}/bookings/{reception_number}")]
pub async fn get_held_booking(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let (tenant, details) = token_booking(&state, &req, &slug, &number).await?;
    let rules = booking_rules::get(&state.db, &tenant.scope()).await?.rules;
    let view = details_view(&details, changeable(&rules, &details, state.clock.now()));
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(view))
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
pub async fn change_booking(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    path: web::Path<(String, String)>,
    body: ValidJson<ChangeBookingRequest>,
) -> ApiResult<web::Json<BookingDetailsView>> {
    let ValidJson(body) = body;
    let (slug, number) = path.into_inner();
    let (tenant, details) = held_booking(&state, &req, &slug, &number).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let now_jst = now.with_timezone(&tokyo()).naive_local();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    if !changeable(&rules, &details, now) {
        return Err(ApiError::Unprocessable {
            code: ProblemCode::BookingDeadlinePassed,
            detail: "the booking can no longer be changed online; please call the counter".to_owned(),
            field: "start",
        });
    }
    let start = body.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, details.pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let (slot, capacity) =
        booking::bookable_slot(&schedule, &holidays, &rules, start, now_jst).map_err(|r| refusal(&r))?;
    // Read what the mail needs before the write transaction, which holds SQLite's lock.
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let vault = state.vault(&scope).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::move_to(
        &txn,
        &scope,
        &vault,
        &details,
        (to_utc(slot.start), to_utc(slot.end)),
        Some(capacity),
        bookings::Actor::RESIDENT,
        now,
    )
    .await
    .map_err(conflict)?;
    let moved = bookings::Booking { start: to_utc(slot.start), end: to_utc(slot.end), ..details.booking.clone() };
    enqueue_mail(&txn, &scope, &context, madoguchi_mail::MailKind::Change, details.email.as_deref(), &moved, None, now)
        .await?;
    txn.commit().await?;
    let (updated, _) =
        bookings::find_by_reception(&state.db, &scope, &state.vault(&scope).await?, details.booking.reception_number)
            .await?
            .ok_or(ApiError::NotFound(ProblemCode::BookingNotFound))?;
    Ok(web::Json(details_view(&updated, changeable(&rules, &updated, now))))
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
pub async fn cancel_booking(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let (tenant, details) = held_booking(&state, &req, &slug, &number).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let rules = booking_rules::get(&state.db, &scope).await?.rules;
    if !changeable(&rules, &details, now) {
        return Err(ApiError::Unprocessable {
            code: ProblemCode::BookingDeadlinePassed,
            detail: "the booking can no longer be cancelled online; please call the counter".to_owned(),
            field: "reception_number",
        });
    }
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let vault = state.vault(&scope).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::cancel(&txn, &scope, &vault, &details, bookings::Actor::RESIDENT, now).await.map_err(conflict)?;
    state.ledger.released(&txn, &scope, &vault, details.booking.id, state.clock.now()).await?;
    enqueue_mail(
        &txn,
        &scope,
        &context,
        madoguchi_mail::MailKind::Cancellation,
        details.email.as_deref(),
        &details.booking,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    pub start: DateTime<FixedOffset>,
    /// How many people will come (places to hold); 1 when absent, at most the
    /// procedure's `max_applicants`.
    #[schema(minimum = 1, maximum = 255)]
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
        (status = 409, description = "`booking.slot_full`; `booking.hold_share_reached` (this address holds its share of the counter's day: the tenant's `hold_share_percent`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The slot codes of booking; `booking.too_many_applicants`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many holds from this address; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`site.closed`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/public/{tenant}/holds")]
pub async fn create_hold(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    tenant: web::Path<String>,
    body: ValidJson<HoldRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let tenant = open_site(&state, &tenant).await?;
    let address = client_address(&req, &state);
    crate::rate_limit::HOLDS_PER_ADDRESS.take(&state, &address).await?;
    let scope = tenant.scope();
    let now = state.clock.now();
    let stored = booking_rules::get(&state.db, &scope).await?;
    let (location, procedure_id) = (LocationId(body.location_id), ProcedureId(body.procedure_id));
    let procedure = procedures::list(&state.db, &scope, true)
        .await?
        .into_iter()
        .find(|p| p.id == procedure_id)
        .ok_or(ApiError::NotFound(ProblemCode::ProcedureNotOffered))?;
    let pool = schedules::pool_for(&state.db, &scope, location, procedure_id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::ProcedureNotOffered))?;
    let places = booking::hold_places(body.places, procedure.max_applicants)
        .map_err(|e| ApiError::invalid(e.prefixed("places")))?;
    let start = body.start.with_timezone(&tokyo()).naive_local();
    let schedule = schedules::schedule(&state.db, &scope, pool, start.date(), start.date()).await?;
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let (slot, capacity) =
        booking::bookable_slot(&schedule, &holidays, &stored.rules, start, now.with_timezone(&tokyo()).naive_local())
            .map_err(|r| refusal(&r))?;
    let slot_start = to_utc(slot.start);
    let expires_at = now + chrono::TimeDelta::minutes(i64::from(stored.hold_minutes));
    let day = slot.start.date();
    let holder = bookings::Holder {
        key: crate::rate_limit::holder_key(&state, tenant.id.0, &address),
        day,
        allowance: booking::hold_allowance(
            &schedule,
            &holidays,
            day,
            stored.hold_share_percent,
            u16::from(procedure.max_applicants),
        ),
    };
    let txn = database::begin_write(&state.db).await?;
    let new = bookings::NewHold { pool, start: slot_start, places, capacity, expires_at, holder };
    let hold_id = bookings::hold(&txn, &scope, new, now).await.map_err(conflict)?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(HoldCreated { hold_id, expires_at: expires_at.with_timezone(&tokyo()), places }))
}

/// Gives held places back at once (the resident chose another slot or left).
#[utoipa::path(tag = "public", params(("tenant" = String, Path), ("hold_id" = Uuid, Path)), responses((status = 204, description = "Released, or already gone")))]
#[delete("/public/{tenant}/holds/{hold_id}")]
pub async fn release_hold(state: web::Data<AppState>, path: web::Path<(String, Uuid)>) -> ApiResult<HttpResponse> {
    let (slug, hold_id) = path.into_inner();
    let tenant = crate::services::site::resolve(&state, &slug).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::release_hold(&txn, &tenant.scope(), hold_id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
