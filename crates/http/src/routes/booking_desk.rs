//! The staff's booking desk: search, details with history, booking, changing and
//! cancelling on a resident's behalf, check-in at the counter, no-shows, the
//! calendar's counts and the CSV export.

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use madoguchi_domain::applicant::{ManagementNumber, to_katakana};
use madoguchi_domain::booking;
use madoguchi_domain::csv_cell;
use madoguchi_domain::holidays::ClosedDay;
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_domain::role::Role;
use madoguchi_domain::schedule::Closure;
use madoguchi_domain::text_file::TextEncoding;
use madoguchi_domain::width::trim_text;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::{self, BookingFilter};
use madoguchi_persistence::bookings::{self, Actor, BookingDetails};
use madoguchi_persistence::{database, locations, procedures, schedules, tenants};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::access::{CallCenter, Counter};
use crate::auth::{AnyStaff, Staff};
use crate::csv_export::{ExportEncoding, csv_download, csv_text};
use crate::dto::booking::{ApplicantRequest, ApplicantView, BookingStatusView};
use crate::extract::ValidJson;
use crate::params::{self, Paging, PeriodRule};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::booking::{Booker, Placement, allow, conflict, place, refusal, refused};
use crate::services::booking_mail::{enqueue_mail, mail_context};
use crate::state::AppState;
use madoguchi_domain::booking_status::{self, BookingAction, BookingStatus};
use madoguchi_domain::time::{day_end, day_start, in_tokyo, japan_date, to_utc, tokyo};

const MAX_NOTES: usize = 1000;
const MAX_CALENDAR_DAYS: i64 = 62;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BookingQuery {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, included.
    pub to: Option<String>,
    pub location_id: Option<Uuid>,
    pub procedure_id: Option<Uuid>,
    /// One or more of `booked`, `cancelled`, `visited`, `no_show`, comma-separated.
    pub status: Option<String>,
    /// Part of an applicant's name or フリガナ (hiragana is fine); spaces ignored.
    pub name: Option<String>,
    pub reception_number: Option<String>,
    pub management_number: Option<String>,
    /// 1 for the first page.
    pub page: Option<u64>,
    /// 1 to 500; 50 when absent.
    pub per_page: Option<u64>,
    /// Export only: `cp932` (default) or `utf-8`.
    pub encoding: Option<ExportEncoding>,
}

fn filter_of(query: &BookingQuery) -> Result<BookingFilter, FieldErrors> {
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

fn staff_view(details: &BookingDetails) -> StaffBookingView {
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
pub struct BookingPage {
    pub items: Vec<StaffBookingView>,
    /// How many bookings match in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Bookings matching every given filter, in slot order, a page at a time.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(BookingQuery),
    responses((status = 200, body = BookingPage), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings")]
pub async fn search_bookings(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<BookingQuery>,
) -> ApiResult<web::Json<BookingPage>> {
    let filter = filter_of(&query)?;
    let Paging { page, per_page } = Paging::parse(query.page, query.per_page)?;
    let (found, total) =
        booking_desk::search(&state.db, &staff.scope, &filter, (page - 1) * per_page, per_page).await?;
    staff
        .audit(
            &state.db,
            &state,
            "booking.search",
            "booking",
            None,
            json!({ "query": query_detail(&query), "total": total }),
        )
        .await?;
    Ok(web::Json(BookingPage { items: found.iter().map(staff_view).collect(), total, page, per_page }))
}

/// What was searched for, for the audit log.
fn query_detail(query: &BookingQuery) -> serde_json::Value {
    json!({
        "from": query.from, "to": query.to, "location_id": query.location_id, "procedure_id": query.procedure_id,
        "status": query.status, "name": query.name, "reception_number": query.reception_number, "management_number": query.management_number,
    })
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
    /// The card's state: `booked`, `handed_over`, …
    pub status: String,
    pub storage_location: String,
}

async fn find(state: &AppState, scope: &madoguchi_persistence::TenantScope, number: &str) -> ApiResult<BookingDetails> {
    let number = ReceptionNumber::parse(number).map_err(|_| ApiError::NotFound(ProblemCode::BookingNotFound))?;
    let (details, _) = bookings::find_by_reception(&state.db, scope, number)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::BookingNotFound))?;
    Ok(details)
}

async fn details_with_history(
    state: &AppState,
    scope: &madoguchi_persistence::TenantScope,
    details: &BookingDetails,
) -> ApiResult<StaffBookingDetails> {
    let history = booking_desk::history(&state.db, scope, details.booking.id).await?;
    let cards = madoguchi_persistence::ledger_cards::held_by(&state.db, scope, details.booking.id.0)
        .await?
        .into_iter()
        .map(|c| BookingCardView {
            id: c.id,
            management_number: c.management_number,
            status: c.status,
            storage_location: c.storage_location,
        })
        .collect();
    Ok(StaffBookingDetails {
        cards,
        booking: staff_view(details),
        history: history
            .into_iter()
            .map(|e| BookingEventView {
                at: e.at.with_timezone(&tokyo()),
                actor: e.actor,
                action: e.action,
                detail: e.detail,
            })
            .collect(),
    })
}

/// One booking with its history.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    responses((status = 200, body = StaffBookingDetails), (status = 404, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/{reception_number}")]
pub async fn get_booking(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    number: web::Path<String>,
) -> ApiResult<web::Json<StaffBookingDetails>> {
    let details = find(&state, &staff.scope, &number).await?;
    staff
        .audit(
            &state.db,
            &state,
            "booking.read",
            "booking",
            Some(details.booking.reception_number.to_string()),
            json!({}),
        )
        .await?;
    Ok(web::Json(details_with_history(&state, &staff.scope, &details).await?))
}

fn notes_of(text: Option<&str>) -> Result<String, FieldError> {
    let text = text.map(trim_text).unwrap_or_default();
    if text.chars().count() > MAX_NOTES {
        return Err(FieldError::new("notes", "validation.too_long", format!("at most {MAX_NOTES} characters")));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(
            "notes",
            "validation.control_character",
            "notes cannot contain control characters",
        ));
    }
    Ok(text.replace("\r\n", "\n"))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffBookingRequest {
    pub location_id: Uuid,
    pub procedure_id: Uuid,
    /// The slot's start, RFC 3339 with `+09:00`. Staff may book any open slot that
    /// has not ended, outside the residents' booking window too.
    pub start: DateTime<FixedOffset>,
    #[serde(default)]
    pub applicants: Vec<ApplicantRequest>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// 備考, up to 1000 characters; staff only.
    pub notes: Option<String>,
    /// The resident has no 交付通知書: the management number becomes optional.
    #[serde(default)]
    pub without_letter: bool,
    /// Administrators only: book even when the slot is full.
    #[serde(default)]
    pub beyond_capacity: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffBookingCreated {
    pub reception_number: String,
    /// Tell it to the resident; it is mailed when a mail address was given.
    pub password: String,
    pub booking: StaffBookingView,
}

fn beyond_capacity_allowed<A: crate::auth::access::Access>(staff: &Staff<A>, asked: bool) -> ApiResult<bool> {
    if asked && !staff.user.roles.contains_any(&[Role::Admin]) {
        return Err(ApiError::Forbidden);
    }
    Ok(asked)
}

/// Books on a resident's behalf (call center, counter).
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    request_body = StaffBookingRequest,
    responses(
        (status = 201, body = StaffBookingCreated),
        (status = 403, description = "`beyond_capacity` asked by someone who is not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.slot_full`, `booking.duplicate`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors; `booking.closed_day`, `booking.outside_hours`, `booking.in_past`, `ledger.not_ready`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings")]
pub async fn create_staff_booking(
    state: web::Data<AppState>,
    staff: Staff<CallCenter>,
    body: ValidJson<StaffBookingRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let beyond_capacity = beyond_capacity_allowed(&staff, body.beyond_capacity)?;
    let notes = notes_of(body.notes.as_deref()).map_err(ApiError::invalid)?;
    let tenant = tenants::get(&state.db, &staff.scope).await?;
    let placement = Placement {
        location: LocationId(body.location_id),
        procedure: ProcedureId(body.procedure_id),
        start: body.start,
        applicants: body.applicants,
        email: body.email,
        phone: body.phone,
        hold: None,
        notes,
        without_letter: body.without_letter,
        booker: Booker::Staff { login_id: staff.user.login_id.as_str().to_owned(), beyond_capacity },
    };
    let (booked, password) = place(&state, &tenant, placement).await?;
    let number = booked.reception_number.to_string();
    let action = if beyond_capacity { "booking.create_beyond_capacity" } else { "booking.create" };
    staff
        .audit(
            &state.db,
            &state,
            action,
            "booking",
            Some(number.clone()),
            json!({ "start": booked.start, "places": booked.places, "without_letter": body.without_letter }),
        )
        .await?;
    let details = find(&state, &staff.scope, &number).await?;
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(StaffBookingCreated {
        reception_number: number,
        password,
        booking: staff_view(&details),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChangeRequest {
    /// The version the clerk saw; a booking changed meanwhile answers 409.
    pub version: i32,
    /// Another slot of the same location and procedure; the deadline does not bind staff.
    pub start: Option<DateTime<FixedOffset>>,
    pub notes: Option<String>,
    /// Administrators only: move even into a full slot.
    #[serde(default)]
    pub beyond_capacity: bool,
    /// Why, for the booking's history (e.g. 電話で変更依頼).
    pub reason: Option<String>,
}

/// Moves a booking to another slot or edits its notes, on the resident's behalf.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    request_body = StaffChangeRequest,
    responses(
        (status = 200, body = StaffBookingDetails),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.slot_full`, `booking.changed_meanwhile`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/bookings/{reception_number}")]
pub async fn change_staff_booking(
    state: web::Data<AppState>,
    staff: Staff<CallCenter>,
    number: web::Path<String>,
    body: ValidJson<StaffChangeRequest>,
) -> ApiResult<web::Json<StaffBookingDetails>> {
    let ValidJson(body) = body;
    let beyond_capacity = beyond_capacity_allowed(&staff, body.beyond_capacity)?;
    let scope = staff.scope;
    let mut errors = FieldErrors::new();
    let notes = body.notes.as_deref().map(|n| notes_of(Some(n))).and_then(|r| errors.collect("notes", r));
    let reason = body.reason.as_deref().map(|n| notes_of(Some(n))).and_then(|r| errors.collect("reason", r));
    errors.into_result()?;
    let details = find(&state, &scope, &number).await?;
    if details.version != body.version {
        return Err(ApiError::conflict(
            ProblemCode::BookingChangedMeanwhile,
            "the booking was changed meanwhile; reload it",
        ));
    }
    allow(&details, BookingAction::Change)?;
    let now = state.clock.now();
    let actor = Actor { name: staff.user.login_id.as_str(), reason: reason.as_deref() };
    let moved_to = match body.start {
        Some(start) if start.with_timezone(&Utc) != details.booking.start => {
            let start = start.with_timezone(&tokyo()).naive_local();
            let schedule = schedules::schedule(&state.db, &scope, details.pool, start.date(), start.date()).await?;
            let holidays = schedules::holidays(&state.db, &scope).await?;
            let (slot, capacity) =
                booking::staff_bookable_slot(&schedule, &holidays, start, now.with_timezone(&tokyo()).naive_local())
                    .map_err(|r| refusal(&r))?;
            Some((to_utc(slot.start), to_utc(slot.end), (!beyond_capacity).then_some(capacity)))
        }
        _ => None,
    };
    let tenant = tenants::get(&state.db, &scope).await?;
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let txn = database::begin_write(&state.db).await?;
    let mut current = details.clone();
    if let Some(new_notes) = notes.as_deref() {
        booking_desk::set_notes(&txn, &scope, &current, new_notes, actor, now).await.map_err(conflict)?;
        if new_notes != current.notes {
            current.version += 1;
        }
    }
    if let Some((start, end, capacity)) = moved_to {
        bookings::move_to(&txn, &scope, &current, (start, end), capacity, actor, now).await.map_err(conflict)?;
        let moved = bookings::Booking { start, end, ..current.booking.clone() };
        enqueue_mail(
            &txn,
            &scope,
            &context,
            madoguchi_mail::MailKind::Change,
            current.email.as_deref(),
            &moved,
            None,
            now,
        )
        .await?;
    }
    let action =
        if moved_to.is_some_and(|m| m.2.is_none()) { "booking.change_beyond_capacity" } else { "booking.change" };
    staff.audit(&txn, &state, action, "booking", Some(details.booking.reception_number.to_string()), json!({ "from": details.booking.start, "to": moved_to.map(|m| m.0), "notes_changed": notes.is_some_and(|n| n != details.notes), "reason": reason })).await?;
    txn.commit().await?;
    let updated = find(&state, &scope, &number).await?;
    Ok(web::Json(details_with_history(&state, &scope, &updated).await?))
}

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct StaffCancelRequest {
    /// The version the clerk saw.
    pub version: i32,
    /// Why, for the booking's history.
    pub reason: Option<String>,
}

/// Cancels a booking on the resident's behalf; the deadline does not bind staff.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    request_body = StaffCancelRequest,
    responses(
        (status = 200, body = StaffBookingDetails),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.changed_meanwhile`, `booking.not_active`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{reception_number}/cancel")]
pub async fn cancel_staff_booking(
    state: web::Data<AppState>,
    staff: Staff<CallCenter>,
    number: web::Path<String>,
    body: ValidJson<StaffCancelRequest>,
) -> ApiResult<web::Json<StaffBookingDetails>> {
    let ValidJson(body) = body;
    let reason = body
        .reason
        .as_deref()
        .map(|n| notes_of(Some(n)))
        .transpose()
        .map_err(|e| ApiError::invalid(FieldError { field: "reason".to_owned(), ..e }))?;
    let scope = staff.scope;
    let details = find(&state, &scope, &number).await?;
    allow(&details, BookingAction::Cancel)?;
    if details.version != body.version {
        return Err(ApiError::conflict(
            ProblemCode::BookingChangedMeanwhile,
            "the booking was changed meanwhile; reload it",
        ));
    }
    let now = state.clock.now();
    let tenant = tenants::get(&state.db, &scope).await?;
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::cancel(
        &txn,
        &scope,
        &details,
        Actor { name: staff.user.login_id.as_str(), reason: reason.as_deref() },
        now,
    )
    .await
    .map_err(conflict)?;
    state.ledger.released(&txn, &scope, details.booking.id, state.clock.now()).await?;
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
    staff
        .audit(
            &txn,
            &state,
            "booking.cancel",
            "booking",
            Some(details.booking.reception_number.to_string()),
            json!({ "start": details.booking.start, "reason": reason }),
        )
        .await?;
    txn.commit().await?;
    let updated = find(&state, &scope, &number).await?;
    Ok(web::Json(details_with_history(&state, &scope, &updated).await?))
}

/// Marks a booking visited when its holder arrives at the counter: on its day only.
/// A reader typing the reception number (full width, hyphens) is fine.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    responses(
        (status = 200, body = StaffBookingDetails),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.not_active`: cancelled, already visited or a no-show", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`booking.not_today`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{reception_number}/check-in")]
pub async fn check_in(
    state: web::Data<AppState>,
    staff: Staff<Counter>,
    number: web::Path<String>,
) -> ApiResult<web::Json<StaffBookingDetails>> {
    let scope = staff.scope;
    let details = find(&state, &scope, &number).await?;
    let now = state.clock.now();
    let visit_day = japan_date(details.booking.start);
    booking_status::check_in(details.booking.status, visit_day, japan_date(now)).map_err(|r| refused(r, visit_day))?;
    let txn = database::begin_write(&state.db).await?;
    booking_desk::check_in(&txn, &scope, &details, Actor { name: staff.user.login_id.as_str(), reason: None }, now)
        .await
        .map_err(|e| match e {
            madoguchi_persistence::PersistenceError::Conflict(_) => {
                ApiError::conflict(ProblemCode::BookingNotActive, "checked in or changed meanwhile")
            }
            other => other.into(),
        })?;
    state.ledger.visited(&txn, &scope, details.booking.id, state.clock.now()).await?;
    staff
        .audit(
            &txn,
            &state,
            "booking.check_in",
            "booking",
            Some(details.booking.reception_number.to_string()),
            json!({}),
        )
        .await?;
    txn.commit().await?;
    let updated = find(&state, &scope, &number).await?;
    Ok(web::Json(details_with_history(&state, &scope, &updated).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoShowRequest {
    /// Today or an earlier day.
    pub date: NaiveDate,
    /// One location; all when absent.
    pub location_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoShowReport {
    /// The bookings marked as no-shows.
    pub reception_numbers: Vec<String>,
}

/// Marks the day's bookings that nobody came for as no-shows (after closing time).
/// Slots that have not ended yet are left alone.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    request_body = NoShowRequest,
    responses((status = 200, body = NoShowReport), (status = 422, description = "`booking.future_day`", body = Problem, content_type = "application/problem+json"))
)]
#[post("/bookings/no-shows")]
pub async fn mark_no_shows(
    state: web::Data<AppState>,
    staff: Staff<Counter>,
    body: ValidJson<NoShowRequest>,
) -> ApiResult<web::Json<NoShowReport>> {
    let ValidJson(body) = body;
    let now = state.clock.now();
    if body.date > now.with_timezone(&tokyo()).date_naive() {
        return Err(ApiError::Unprocessable {
            code: ProblemCode::BookingFutureDay,
            detail: "no-shows are marked on the day or later".to_owned(),
            field: "date",
        });
    }
    // Only slots that have begun by now: a resident booked for 16:30 may still come.
    let until = day_end(body.date).min(now);
    let txn = database::begin_write(&state.db).await?;
    let marked = booking_desk::mark_no_shows(
        &txn,
        &staff.scope,
        (day_start(body.date), until),
        body.location_id.map(LocationId),
        Actor { name: staff.user.login_id.as_str(), reason: None },
        now,
    )
    .await?;
    let numbers: Vec<String> = marked.iter().map(ToString::to_string).collect();
    staff
        .audit(
            &txn,
            &state,
            "booking.no_show",
            "booking",
            None,
            json!({ "date": body.date, "location_id": body.location_id, "reception_numbers": numbers }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(NoShowReport { reception_numbers: numbers }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    pub location_id: Option<Uuid>,
    /// First day, `YYYY-MM-DD`; today when absent.
    pub from: Option<String>,
    /// Last day, included; at most 62 days after `from`; 6 days after it when absent.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarSlot {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// The slot's capacity.
    pub places: u16,
    /// Places of bookings not cancelled (booked, visited, no-show).
    pub booked: u32,
    /// Places still free for residents (holds count as taken).
    pub remaining: u32,
    pub checked_in: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// `weekly`, `holiday`, `year_end` or `closure`; absent when open.
    pub closed: Option<String>,
    /// The holiday's name or the closure's reason.
    pub closed_name: Option<String>,
    pub slots: Vec<CalendarSlot>,
    /// Bookings on slots that no longer exist (hours changed).
    pub unscheduled_booked: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarPool {
    pub pool_id: Uuid,
    pub name: String,
    pub procedure_ids: Vec<Uuid>,
    pub days: Vec<CalendarDay>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarView {
    pub location_id: Uuid,
    pub pools: Vec<CalendarPool>,
}

/// Per day and slot of a location's counters: places, booked, remaining, checked in.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(CalendarQuery),
    responses((status = 200, body = CalendarView), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/calendar")]
pub async fn calendar(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<CalendarQuery>,
) -> ApiResult<web::Json<CalendarView>> {
    let scope = staff.scope;
    let now = state.clock.now();
    let mut errors = FieldErrors::new();
    if query.location_id.is_none() {
        errors.push(FieldError::new("location_id", "validation.required", "choose a location"));
    }
    let rule = PeriodRule { fields: ("from", "to"), default_span: 6, max_span: MAX_CALENDAR_DAYS };
    let period = params::period(rule, query.from.as_deref(), query.to.as_deref(), japan_date(now), &mut errors);
    errors.into_result()?;
    let Some(params::Period { first: from, last: to }) = period else {
        return Err(ApiError::invalid(FieldError::new("from", "validation.date", "no period")));
    };
    let location_id = query.location_id.unwrap_or_default();
    if !locations::list(&state.db, &scope, false).await?.iter().any(|l| l.id.0 == location_id) {
        return Err(ApiError::NotFound(ProblemCode::LocationNotFound));
    }
    let holidays = schedules::holidays(&state.db, &scope).await?;
    let (since, until) = (day_start(from), day_end(to));
    let mut pools = Vec::new();
    for pool in schedules::pools(&state.db, &scope).await?.into_iter().filter(|p| p.location.0 == location_id) {
        let schedule = schedules::schedule(&state.db, &scope, pool.id, from, to).await?;
        let counts = booking_desk::slot_counts(&state.db, &scope, pool.id, since, until).await?;
        let taken = bookings::usage(&state.db, &scope, pool.id, since, until, now).await?;
        let days = from
            .iter_days()
            .take_while(|d| *d <= to)
            .map(|date| {
                let on_day = |start: &DateTime<Utc>| start.with_timezone(&tokyo()).date_naive() == date;
                let (closed, closed_name, slots) = match schedule.plan_for(date, &holidays) {
                    Ok(plan) => {
                        let slots: Vec<CalendarSlot> = plan
                            .slots(date)
                            .into_iter()
                            .map(|slot| {
                                let key = to_utc(slot.start);
                                let count = counts.get(&key).copied().unwrap_or_default();
                                let used = taken.get(&key).copied().unwrap_or(0);
                                CalendarSlot {
                                    start: in_tokyo(slot.start),
                                    end: in_tokyo(slot.end),
                                    places: plan.places(),
                                    booked: count.booked,
                                    remaining: u32::from(plan.places()).saturating_sub(used),
                                    checked_in: count.checked_in,
                                }
                            })
                            .collect();
                        (None, None, slots)
                    }
                    Err(Closure::Weekly) => (Some("weekly"), None, Vec::new()),
                    Err(Closure::Default(ClosedDay::NationalHoliday(name))) => {
                        (Some("holiday"), Some(name), Vec::new())
                    }
                    Err(Closure::Default(ClosedDay::YearEnd)) => (Some("year_end"), None, Vec::new()),
                    Err(Closure::Override { reason }) => (Some("closure"), Some(reason), Vec::new()),
                };
                let scheduled: u32 = slots.iter().map(|s| s.booked).sum();
                let all: u32 = counts.iter().filter(|(start, _)| on_day(start)).map(|(_, c)| c.booked).sum();
                CalendarDay {
                    date,
                    closed: closed.map(str::to_owned),
                    closed_name,
                    slots,
                    unscheduled_booked: all.saturating_sub(scheduled),
                }
            })
            .collect();
        pools.push(CalendarPool {
            pool_id: pool.id.0,
            name: pool.name,
            procedure_ids: pool.procedures.iter().map(|p| p.0).collect(),
            days,
        });
    }
    Ok(web::Json(CalendarView { location_id, pools }))
}

const EXPORT_COLUMNS: [&str; 19] = [
    "受付番号",
    "日付",
    "開始",
    "終了",
    "場所",
    "手続",
    "人数",
    "状態",
    "申請者",
    "氏名",
    "フリガナ",
    "生年月日",
    "管理番号",
    "電話番号",
    "メールアドレス",
    "備考",
    "通知書なし",
    "来庁時刻",
    "登録者",
];

/// The bookings matching the filters as CSV, one line per applicant (CP932 by default).
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(BookingQuery),
    responses((status = 200, description = "CSV in the chosen encoding", content_type = "text/csv", body = String), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/export")]
pub async fn export_bookings(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<BookingQuery>,
) -> ApiResult<HttpResponse> {
    const MAX_EXPORT: u64 = 20_000;
    let filter = filter_of(&query)?;
    let (found, total) = booking_desk::search(&state.db, &staff.scope, &filter, 0, MAX_EXPORT).await?;
    if total > MAX_EXPORT {
        return Err(ApiError::invalid(FieldError::new(
            "to",
            "booking.export_too_large",
            format!("{total} bookings match; narrow the search to {MAX_EXPORT} or fewer"),
        )));
    }
    let place_names: std::collections::HashMap<Uuid, String> =
        locations::list(&state.db, &staff.scope, false).await?.into_iter().map(|l| (l.id.0, l.name)).collect();
    let procedure_names: std::collections::HashMap<Uuid, String> =
        procedures::list(&state.db, &staff.scope, false).await?.into_iter().map(|p| (p.id.0, p.name)).collect();
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(EXPORT_COLUMNS).map_err(ApiError::internal)?;
    for details in &found {
        let b = &details.booking;
        let start = b.start.with_timezone(&tokyo());
        let count = details.applicants.len().max(1);
        for index in 0..count {
            let applicant = details.applicants.get(index);
            let text = |value: Option<&String>| value.map(|v| csv_cell::neutralise(v)).unwrap_or_default();
            let row = [
                b.reception_number.to_string(),
                start.format("%Y-%m-%d").to_string(),
                start.format("%H:%M").to_string(),
                b.end.with_timezone(&tokyo()).format("%H:%M").to_string(),
                place_names.get(&b.location.0).cloned().unwrap_or_default(),
                procedure_names.get(&b.procedure.0).cloned().unwrap_or_default(),
                b.places.to_string(),
                b.status.label().to_owned(),
                format!("{}/{count}", index + 1),
                text(applicant.and_then(|a| a.name.as_ref())),
                text(applicant.and_then(|a| a.name_kana.as_ref())),
                applicant.and_then(|a| a.birth_date).map(|d| d.to_string()).unwrap_or_default(),
                text(applicant.and_then(|a| a.management_number.as_ref())),
                text(details.phone.as_ref()),
                text(details.email.as_ref()),
                csv_cell::neutralise(&details.notes),
                if details.without_letter { "1" } else { "" }.to_owned(),
                details
                    .checked_in_at
                    .map(|t| t.with_timezone(&tokyo()).format("%H:%M").to_string())
                    .unwrap_or_default(),
                csv_cell::neutralise(&details.created_by),
            ];
            writer.write_record(&row).map_err(ApiError::internal)?;
        }
    }
    let text = csv_text(writer)?;
    let encoding = TextEncoding::from(query.encoding.unwrap_or_default());
    staff
        .audit(
            &state.db,
            &state,
            "booking.export",
            "booking",
            None,
            json!({ "query": query_detail(&query), "count": found.len(), "encoding": encoding.charset() }),
        )
        .await?;
    Ok(csv_download(&text, encoding, "bookings.csv"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaySheetQuery {
    /// `YYYY-MM-DD`; today when absent.
    pub date: Option<String>,
    pub location_id: Option<Uuid>,
}

/// Text for HTML: every character that could open markup is escaped.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            other => out.push(other),
        }
    }
    out
}

const DAY_SHEET_STYLE: &str = "@page{size:A4 portrait;margin:12mm 10mm}body{font-family:'Noto Sans CJK JP','Yu Gothic','Meiryo',sans-serif;font-size:9.5pt;color:#000;margin:0}\
h1{font-size:14pt;margin:0 0 2mm}p.meta{margin:0 0 4mm;font-size:9pt}table{width:100%;border-collapse:collapse;table-layout:fixed}\
th,td{border:0.3mm solid #000;padding:1.2mm 1.5mm;vertical-align:top;word-break:break-all}th{background:#eee;font-weight:bold;text-align:left;white-space:nowrap}\
thead{display:table-header-group}tr{page-break-inside:avoid}.c{text-align:center}.n{white-space:nowrap}.cancelled td{color:#666;text-decoration:line-through}\
col.t{width:13%}col.r{width:12%}col.p{width:18%}col.b{width:11%}col.k{width:12%}col.x{width:6%}col.s{width:12%}col.m{width:10%}@media screen{body{margin:8mm}}";

/// The day's bookings at a location as an A4 page to print (帳票): time, reception
/// number, names, procedure, people, phone, notes and a column to tick.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(DaySheetQuery),
    responses((status = 200, description = "An HTML page laid out for A4", content_type = "text/html", body = String), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/day-sheet")]
pub async fn day_sheet(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<DaySheetQuery>,
) -> ApiResult<HttpResponse> {
    let scope = staff.scope;
    let now = state.clock.now();
    let mut errors = FieldErrors::new();
    let date = params::date("date", query.date.as_deref(), &mut errors).unwrap_or(japan_date(now));
    if query.location_id.is_none() {
        errors.push(FieldError::new("location_id", "validation.required", "choose a location"));
    }
    errors.into_result()?;
    let location_id = query.location_id.unwrap_or_default();
    let location = locations::list(&state.db, &scope, false)
        .await?
        .into_iter()
        .find(|l| l.id.0 == location_id)
        .ok_or(ApiError::NotFound(ProblemCode::LocationNotFound))?;
    let procedure_names: std::collections::HashMap<Uuid, String> =
        procedures::list(&state.db, &scope, false).await?.into_iter().map(|p| (p.id.0, p.name)).collect();
    let tenant = tenants::get(&state.db, &scope).await?;
    let filter = BookingFilter {
        from: Some(day_start(date)),
        until: Some(day_end(date)),
        location: Some(LocationId(location_id)),
        ..BookingFilter::default()
    };
    let (found, _) = booking_desk::search(&state.db, &scope, &filter, 0, 2000).await?;
    let active =
        found.iter().filter(|d| d.booking.status.takes_places()).map(|d| u32::from(d.booking.places)).sum::<u32>();
    let weekday = ["月", "火", "水", "木", "金", "土", "日"]
        [date.format("%u").to_string().parse::<usize>().unwrap_or(1).saturating_sub(1) % 7];
    let mut rows = String::new();
    for details in &found {
        let b = &details.booking;
        let names = details
            .applicants
            .iter()
            .map(|a| {
                let name = a.name.as_deref().unwrap_or("（氏名なし）");
                match &a.name_kana {
                    Some(kana) => format!("{}<br><small>{}</small>", escape_html(name), escape_html(kana)),
                    None => escape_html(name),
                }
            })
            .collect::<Vec<_>>()
            .join("<br>");
        let births = details
            .applicants
            .iter()
            .map(|a| a.birth_date.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("<br>");
        let mut notes = escape_html(&details.notes);
        if details.without_letter {
            notes = format!("通知書なし<br>{notes}");
        }
        rows.push_str(&format!(
            "<tr class=\"{class}\"><td class=\"n\">{start}〜{end}</td><td class=\"n\">{number}</td><td>{names}</td><td class=\"n\">{births}</td><td>{procedure}</td><td class=\"c\">{places}</td><td class=\"n\">{phone}</td><td>{notes}</td><td class=\"c\">{mark}</td></tr>",
            class = b.status.as_str(),
            start = b.start.with_timezone(&tokyo()).format("%H:%M"),
            end = b.end.with_timezone(&tokyo()).format("%H:%M"),
            number = b.reception_number,
            procedure = escape_html(procedure_names.get(&b.procedure.0).map_or("", String::as_str)),
            places = b.places,
            phone = escape_html(details.phone.as_deref().unwrap_or("")),
            mark = match b.status {
                BookingStatus::Visited => "済",
                BookingStatus::NoShow => "欠",
                BookingStatus::Cancelled => "取消",
                BookingStatus::Booked => "□",
            },
        ));
    }
    if found.is_empty() {
        rows.push_str("<tr><td colspan=\"9\" class=\"c\">この日の予約はありません</td></tr>");
    }
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{DAY_SHEET_STYLE}</style></head><body>\
<h1>{title}</h1><p class=\"meta\">{municipality}　予約 {count}件・{active}名　印刷 {printed}</p>\
<table><colgroup><col class=\"t\"><col class=\"r\"><col class=\"p\"><col class=\"b\"><col class=\"k\"><col class=\"x\"><col class=\"s\"><col class=\"m\"><col class=\"x\"></colgroup>\
<thead><tr><th>時間</th><th>受付番号</th><th>氏名</th><th>生年月日</th><th>手続</th><th>人数</th><th>電話</th><th>備考</th><th>確認</th></tr></thead><tbody>{rows}</tbody></table></body></html>",
        title = escape_html(&format!(
            "来庁予約一覧 {}年{}月{}日（{weekday}） {}",
            date.format("%Y"),
            date.format("%-m"),
            date.format("%-d"),
            location.name
        )),
        municipality = escape_html(&tenant.name),
        count = found.iter().filter(|d| d.booking.status.takes_places()).count(),
        printed = now.with_timezone(&tokyo()).format("%Y/%m/%d %H:%M"),
    );
    staff
        .audit(
            &state.db,
            &state,
            "booking.print",
            "booking",
            None,
            json!({ "date": date, "location_id": location_id, "count": found.len() }),
        )
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(html))
}
