//! One booking at the desk: its page with history, and booking, changing or cancelling
//! on a resident's behalf (call center, counter).

use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_domain::FieldErrors;
use madoguchi_domain::booking;
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::role::Role;
use madoguchi_persistence::booking_desk::{self};
use madoguchi_persistence::bookings::{self, Actor};
use madoguchi_persistence::{database, schedules, tenants};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::access::CallCenter;
use crate::auth::{AnyStaff, Staff};
use crate::dto::booking::ApplicantRequest;
use crate::dto::booking_desk::{StaffBookingDetails, StaffBookingView, staff_view};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::booking::{Booker, Placement, allow, conflict, place, refusal};
use crate::services::booking_desk::{details_with_history, find};
use crate::services::booking_mail::{enqueue_mail, mail_context};
use crate::state::AppState;
use madoguchi_domain::booking::StaffNotes;
use madoguchi_domain::booking_status::BookingAction;
use madoguchi_domain::time::{to_utc, tokyo};

/// Why a clerk changed or cancelled a booking, for its history.
fn reason_of(text: Option<&str>) -> ApiResult<Option<String>> {
    text.map(StaffNotes::parse)
        .transpose()
        .map(|reason| reason.map(StaffNotes::into_string))
        .map_err(|e| ApiError::invalid(e.prefixed("reason")))
}

/// Refuses a change made on a booking as it was before someone else changed it.
fn seen_version(details: &bookings::BookingDetails, version: i32) -> ApiResult<()> {
    if details.version == version {
        Ok(())
    } else {
        Err(ApiError::conflict(ProblemCode::BookingChangedMeanwhile, "the booking was changed meanwhile; reload it"))
    }
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
    #[schema(max_length = 254, pattern = "^([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,4})?$")]
    pub email: Option<String>,
    /// 10 or 11 digits starting with 0.
    #[schema(pattern = "^(0[0-9]{9,10})?$")]
    pub phone: Option<String>,
    /// 備考, up to 1000 characters; staff only.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
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
        (status = 404, description = "`procedure.not_offered`: not at that location", body = Problem, content_type = "application/problem+json"),
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
    let notes = StaffNotes::parse(body.notes.as_deref().unwrap_or_default())
        .map_err(|e| ApiError::invalid(e.prefixed("notes")))?
        .into_string();
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
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub notes: Option<String>,
    /// Administrators only: move even into a full slot.
    #[serde(default)]
    pub beyond_capacity: bool,
    /// Why, for the booking's history (e.g. 電話で変更依頼).
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reason: Option<String>,
    /// A corrected phone number (10 or 11 digits); unchanged when absent.
    #[schema(pattern = "^0[0-9]{9,10}$")]
    pub phone: Option<String>,
    /// A corrected mail address; unchanged when absent.
    #[schema(max_length = 254, pattern = "^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,4}$")]
    pub email: Option<String>,
    /// Corrected names and readings, by the applicants' order; an absent field, or an
    /// entry left out at the end, keeps what was booked.
    #[serde(default)]
    pub applicants: Vec<ApplicantCorrection>,
}

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct ApplicantCorrection {
    /// Up to 100 characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F](?:[^\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: Option<String>,
    /// Katakana (hiragana is converted), up to 100 characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[\u3041-\u3096\u30A1-\u30FA\u30FC](?:[\u3041-\u3096\u30A1-\u30FA\u30FC\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]{0,98}[\u3041-\u3096\u30A1-\u30FA\u30FC])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name_kana: Option<String>,
}

/// Moves a booking to another slot, edits its notes, or corrects who it is for (name,
/// reading, phone, mail: versioned in the booking's history, audited by field), on the
/// resident's behalf.
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
    let notes =
        body.notes.as_deref().and_then(|n| errors.collect("notes", StaffNotes::parse(n))).map(StaffNotes::into_string);
    let reason = body
        .reason
        .as_deref()
        .and_then(|n| errors.collect("reason", StaffNotes::parse(n)))
        .map(StaffNotes::into_string);
    let details = find(&state, &scope, &number).await?;
    let corrections: Vec<booking::NameCorrectionInput> = body
        .applicants
        .iter()
        .map(|a| booking::NameCorrectionInput { name: a.name.clone(), name_kana: a.name_kana.clone() })
        .collect();
    let correction = booking::Correction::parse(
        body.phone.as_deref(),
        body.email.as_deref(),
        &corrections,
        details.applicants.len(),
    )
    .unwrap_or_else(|found| {
        errors.0.extend(found.0);
        booking::Correction::default()
    });
    errors.into_result()?;
    seen_version(&details, body.version)?;
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
    let vault = state.vault(&scope).await?;
    let txn = database::begin_write(&state.db).await?;
    let mut current = details.clone();
    if let Some(new_notes) = notes.as_deref() {
        booking_desk::set_notes(&txn, &scope, &vault, &current, new_notes, actor, now).await.map_err(conflict)?;
        if new_notes != current.notes {
            current.version += 1;
        }
    }
    let mut corrected = Vec::new();
    if !correction.is_empty() {
        corrected =
            bookings::correct(&txn, &scope, &vault, &current, &correction, actor, now).await.map_err(conflict)?;
        if !corrected.is_empty() {
            current.version += 1;
            if let Some(email) = &correction.email {
                current.email = Some(email.as_str().to_owned());
            }
        }
    }
    if let Some((start, end, capacity)) = moved_to {
        bookings::move_to(&txn, &scope, &vault, &current, (start, end), capacity, actor, now)
            .await
            .map_err(conflict)?;
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
    staff.audit(&txn, &state, action, "booking", Some(details.booking.reception_number.to_string()), json!({ "from": details.booking.start, "to": moved_to.map(|m| m.0), "notes_changed": notes.is_some_and(|n| n != details.notes), "corrected": corrected, "reason": reason })).await?;
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
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
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
    let reason = reason_of(body.reason.as_deref())?;
    let scope = staff.scope;
    let details = find(&state, &scope, &number).await?;
    allow(&details, BookingAction::Cancel)?;
    seen_version(&details, body.version)?;
    let now = state.clock.now();
    let tenant = tenants::get(&state.db, &scope).await?;
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let vault = state.vault(&scope).await?;
    let txn = database::begin_write(&state.db).await?;
    bookings::cancel(
        &txn,
        &scope,
        &vault,
        &details,
        Actor { name: staff.user.login_id.as_str(), reason: reason.as_deref() },
        now,
    )
    .await
    .map_err(conflict)?;
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

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PasswordReissueRequest {
    /// The version the clerk saw.
    pub version: i32,
    /// Why, for the booking's history (e.g. 本人から電話、パスワード紛失).
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F](?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordReissued {
    /// Tell it to the resident; it is mailed too when the booking has a mail address.
    pub password: String,
    /// Whether a mail with the new password was queued.
    pub mailed: bool,
    pub booking: StaffBookingDetails,
}

/// Issues a new password for a resident who lost it (the old one stops working) and
/// mails it to the booking's address.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    request_body = PasswordReissueRequest,
    responses(
        (status = 200, body = PasswordReissued),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.changed_meanwhile`, `booking.not_active`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/bookings/{reception_number}/password")]
pub async fn reissue_password(
    state: web::Data<AppState>,
    staff: Staff<CallCenter>,
    number: web::Path<String>,
    body: ValidJson<PasswordReissueRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let reason = reason_of(body.reason.as_deref())?;
    let scope = staff.scope;
    let details = find(&state, &scope, &number).await?;
    allow(&details, BookingAction::Change)?;
    seen_version(&details, body.version)?;
    let password = madoguchi_domain::reception::generate_password(&mut rand::rngs::OsRng);
    let now = state.clock.now();
    let tenant = tenants::get(&state.db, &scope).await?;
    let vault = state.vault(&scope).await?;
    let hash = crate::auth::password::hash_booking(&vault, &password);
    let context = mail_context(&state, &tenant, details.booking.location, details.booking.procedure).await?;
    let actor = Actor { name: staff.user.login_id.as_str(), reason: reason.as_deref() };
    let txn = database::begin_write(&state.db).await?;
    bookings::replace_password(&txn, &scope, &vault, &details, hash, actor, now).await.map_err(conflict)?;
    let reissued = bookings::Booking { version: details.booking.version + 1, ..details.booking.clone() };
    enqueue_mail(
        &txn,
        &scope,
        &context,
        madoguchi_mail::MailKind::PasswordReissued,
        details.email.as_deref(),
        &reissued,
        Some(password.clone()),
        now,
    )
    .await?;
    staff
        .audit(
            &txn,
            &state,
            "booking.password_reissue",
            "booking",
            Some(details.booking.reception_number.to_string()),
            json!({ "mailed": details.email.is_some(), "reason": reason }),
        )
        .await?;
    txn.commit().await?;
    let updated = find(&state, &scope, &number).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(PasswordReissued {
        password,
        mailed: details.email.is_some(),
        booking: details_with_history(&state, &scope, &updated).await?,
    }))
}
