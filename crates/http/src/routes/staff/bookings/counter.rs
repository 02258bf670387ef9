//! The counter's day: checking visitors in, and marking the no-shows once it is over.

use actix_web::{post, web};
use chrono::NaiveDate;
use madoguchi_domain::ids::LocationId;
use madoguchi_persistence::booking_desk::{self};
use madoguchi_persistence::bookings::Actor;
use madoguchi_persistence::database;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Staff;
use crate::auth::access::Counter;
use crate::dto::booking_desk::StaffBookingDetails;
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::booking::refused;
use crate::services::booking_desk::{details_with_history, find};
use crate::state::AppState;
use madoguchi_domain::booking_status::{self};
use madoguchi_domain::time::{day_end, day_start, japan_date, tokyo};

/// Marks a booking visited when its holder arrives at the counter: on its day only.
/// Cards the booking holds are not handed over by this: that is the ledger's step,
/// taken by a clerk after the identity check.
/// A reader typing the reception number (full width, hyphens) is fine.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(("reception_number" = String, Path)),
    responses(
        (status = 200, body = StaffBookingDetails),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.not_active`: cancelled, already visited or a no-show; `booking.not_today`: the booking is for another day", body = Problem, content_type = "application/problem+json"),
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
    let vault = state.vault(&scope).await?;
    let txn = database::begin_write(&state.db).await?;
    booking_desk::check_in(
        &txn,
        &scope,
        &vault,
        &details,
        Actor { name: staff.user.login_id.as_str(), reason: None },
        now,
    )
    .await
    .map_err(|e| match e {
        madoguchi_persistence::PersistenceError::Conflict(_) => {
            ApiError::conflict(ProblemCode::BookingNotActive, "checked in or changed meanwhile")
        }
        other => other.into(),
    })?;
    // The cards the booking holds stay booked: a clerk hands each over after checking
    // its holder's identity, as a step of the ledger.
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
    let vault = state.vault(&staff.scope).await?;
    let txn = database::begin_write(&state.db).await?;
    let marked = booking_desk::mark_no_shows(
        &txn,
        &staff.scope,
        &vault,
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
