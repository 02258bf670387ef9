//! Administrators shape the counters' time: each pool's week, single dates, and
//! the booking window. A change that would leave booked residents without their
//! slot is refused with the list of those bookings, never applied silently.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{NaiveDate, NaiveTime};
use madoguchi_domain::booking_rules::{BookingRules, DaysBefore};
use madoguchi_domain::ids::PoolId;
use madoguchi_domain::schedule::{Band, DateOverride, DayPlan};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_rules::{self, StoredRules};
use madoguchi_persistence::{database, schedules};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{Admin, Staff};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::schedule::{
    cancel_for_closure, current, refuse_stranding, refuse_stranding_with, refused, stranded,
};
use crate::state::AppState;

/// One day's hours: bands such as `08:30-12:00`, a slot length and places per slot.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DayPlanBody {
    /// `HH:MM-HH:MM`, e.g. `["08:30-12:00", "13:00-17:15"]` (one item may also list
    /// several, comma-separated); at least one band, each ending after it starts, none
    /// overlapping another.
    #[schema(
        min_items = 1,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*-[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?(?:,[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*-[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?)*$"
    )]
    pub bands: Vec<String>,
    /// 5 to 240.
    #[schema(minimum = 5, maximum = 240)]
    pub slot_minutes: u16,
    /// Places per slot, 0 to 999.
    #[schema(maximum = 999)]
    pub places: u16,
}

impl DayPlanBody {
    fn of(plan: &DayPlan) -> Self {
        Self {
            bands: plan.bands().iter().map(|b| Band::format_list(std::slice::from_ref(b))).collect(),
            slot_minutes: plan.slot_minutes(),
            places: plan.places(),
        }
    }

    fn plan(&self) -> Result<DayPlan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut bands = Vec::new();
        for (index, text) in self.bands.iter().enumerate() {
            match Band::parse_list(text) {
                Ok(parsed) => bands.extend(parsed),
                Err(error) => errors.push(FieldError { field: format!("bands.{index}"), ..error }),
            }
        }
        errors.into_result()?;
        DayPlan::new(bands, self.slot_minutes, self.places)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PoolView {
    pub id: Uuid,
    pub location_id: Uuid,
    pub name: String,
    pub procedure_ids: Vec<Uuid>,
    /// Monday first; `null` is closed.
    pub weekdays: Vec<Option<DayPlanBody>>,
}

/// The capacity pools and their weeks.
#[utoipa::path(tag = "schedule", security(("bearer" = [])), responses((status = 200, body = Vec<PoolView>), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/admin/pools")]
pub async fn list_pools(state: web::Data<AppState>, staff: Staff<Admin>) -> ApiResult<web::Json<Vec<PoolView>>> {
    let pools = schedules::pools(&state.db, &staff.scope).await?;
    Ok(web::Json(
        pools
            .into_iter()
            .map(|p| PoolView {
                id: p.id.0,
                location_id: p.location.0,
                name: p.name,
                procedure_ids: p.procedures.into_iter().map(|id| id.0).collect(),
                weekdays: p.weekly.iter().map(|day| day.as_ref().map(DayPlanBody::of)).collect(),
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekBody {
    /// Seven days, Monday first; `null` closes the day.
    #[schema(min_items = 7, max_items = 7)]
    pub weekdays: Vec<Option<DayPlanBody>>,
}

/// Sets a pool's whole week at once: every day is checked, the bookings of every day
/// are kept, and either all seven days change or none does.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = WeekBody,
    responses(
        (status = 204, description = "Set"),
        (status = 404, description = "`pool.not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors named `weekdays.N.…`, or `schedule.strands_bookings` listing each affected booking", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/pools/{id}/week")]
pub async fn set_week(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<WeekBody>,
) -> ApiResult<HttpResponse> {
    let pool = PoolId(*id);
    if body.0.weekdays.len() != 7 {
        return Err(ApiError::invalid(FieldError::new(
            "weekdays",
            "schedule.seven_days",
            "give the seven days of the week, Monday first",
        )));
    }
    let mut errors = FieldErrors::new();
    let plans: Vec<Option<DayPlan>> = body
        .0
        .weekdays
        .iter()
        .enumerate()
        .map(|(day, plan)| plan.as_ref().and_then(|plan| errors.collect(&format!("weekdays.{day}"), plan.plan())))
        .collect();
    errors.into_result()?;
    let before = current(&state, &staff.scope, pool).await?;
    let mut after = before.clone();
    after.weekly.clone_from_slice(&plans);
    refuse_stranding(&state, &staff.scope, pool, &before, &after).await?;
    let txn = database::begin_write(&state.db).await?;
    for (day, plan) in (0_u8..).zip(&plans) {
        schedules::set_weekday(&txn, &staff.scope, pool, day, plan.as_ref()).await?;
    }
    staff
        .audit(
            &txn,
            &state,
            "schedule.week_set",
            "capacity_pool",
            Some(id.to_string()),
            json!({ "weekdays": body.0.weekdays }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekdayBody {
    /// `null` closes the weekday.
    pub plan: Option<DayPlanBody>,
}

/// Sets one weekday of a pool's week (0 = Monday … 6 = Sunday).
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("weekday" = u8, Path, maximum = 6, description = "0 = Monday … 6 = Sunday")),
    request_body = WeekdayBody,
    responses(
        (status = 204, description = "Set"),
        (status = 404, description = "`pool.not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors, or `schedule.strands_bookings` listing each affected booking", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/pools/{id}/weekdays/{weekday}")]
pub async fn set_weekday(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<(Uuid, u8)>,
    body: ValidJson<WeekdayBody>,
) -> ApiResult<HttpResponse> {
    let (id, weekday) = path.into_inner();
    if weekday > 6 {
        return Err(ApiError::NotFound(ProblemCode::NotFound));
    }
    let pool = PoolId(id);
    let plan = body.0.plan.as_ref().map(DayPlanBody::plan).transpose()?;
    let before = current(&state, &staff.scope, pool).await?;
    let mut after = before.clone();
    if let Some(slot) = after.weekly.get_mut(usize::from(weekday)) {
        *slot = plan.clone();
    }
    refuse_stranding(&state, &staff.scope, pool, &before, &after).await?;
    let txn = database::begin_write(&state.db).await?;
    schedules::set_weekday(&txn, &staff.scope, pool, weekday, plan.as_ref()).await?;
    staff
        .audit(
            &txn,
            &state,
            "schedule.weekday_set",
            "capacity_pool",
            Some(id.to_string()),
            json!({ "weekday": weekday, "plan": body.0.plan }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DateBody {
    /// Close the date (with `reason`), or open it with `plan` (even on a holiday).
    #[serde(default)]
    pub closed: bool,
    #[serde(default)]
    pub reason: String,
    pub plan: Option<DayPlanBody>,
    /// An emergency closure of a day with bookings: cancel them, each with a mail
    /// carrying `notice`. `reception_numbers` must be the bookings the refusal listed,
    /// so none booked since is cancelled unseen.
    pub cancel_bookings: Option<CancelBookingsBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelBookingsBody {
    /// Why, for the residents (台風の接近により臨時休業します。); 1 to 500 characters,
    /// not blank.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000](?:[\s\S]{0,498}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub notice: String,
    /// The reception numbers confirmed by the administrator.
    pub reception_numbers: Vec<String>,
}

/// Sets what one date does for a pool: closed, or open with its own hours. Closing a day
/// with bookings is refused with `schedule.strands_bookings` listing them; sent again
/// with `cancel_bookings` naming exactly those, the day closes and each is cancelled
/// with a mail, in one transaction.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    params(("id" = Uuid, Path), ("date" = String, Path, format = Date, pattern = "^(18(6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-", description = "YYYY-MM-DD")),
    request_body = DateBody,
    responses(
        (status = 204, description = "Set"),
        (status = 404, description = "`pool.not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`booking.changed_meanwhile` (a booking to cancel changed meanwhile)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors, or `schedule.strands_bookings` listing each affected booking (again when `cancel_bookings` names others than those)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/pools/{id}/dates/{date}")]
pub async fn set_date(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<(Uuid, String)>,
    body: ValidJson<DateBody>,
) -> ApiResult<HttpResponse> {
    let (id, date) = path.into_inner();
    let (pool, date) = (PoolId(id), crate::params::required_date("date", &date)?);
    let body = body.0;
    let value = match (&body.closed, &body.plan) {
        (true, None) => DateOverride::Closed { reason: body.reason.trim().chars().take(200).collect() },
        (false, Some(plan)) => DateOverride::Open(plan.plan()?),
        _ => {
            return Err(ApiError::invalid(FieldError::new(
                "plan",
                "schedule.closed_or_plan",
                "either close the date or give its plan",
            )));
        }
    };
    let before = current(&state, &staff.scope, pool).await?;
    let mut after = before.clone();
    after.overrides.insert(date, value.clone());
    let holidays = schedules::holidays(&state.db, &staff.scope).await?;
    let stranded = stranded(&state, &staff.scope, pool, (&before, &holidays), (&after, &holidays)).await?;
    let cancelling = match &body.cancel_bookings {
        Some(cancel) if body.closed && !stranded.is_empty() => {
            let notice = madoguchi_domain::width::trim_text(&cancel.notice).to_owned();
            if notice.is_empty() || notice.chars().count() > 500 {
                return Err(ApiError::invalid(FieldError::new(
                    "cancel_bookings.notice",
                    if notice.is_empty() { "validation.required" } else { "validation.too_long" },
                    "tell the residents why, in at most 500 characters",
                )));
            }
            let mut confirmed: Vec<&str> = cancel.reception_numbers.iter().map(|n| n.trim()).collect();
            let mut listed: Vec<&str> = stranded.iter().map(|s| s.reception_number.as_str()).collect();
            confirmed.sort_unstable();
            listed.sort_unstable();
            confirmed.dedup();
            if confirmed != listed {
                // Booked or cancelled since the list was shown: show it again.
                refused(&stranded)?;
            }
            Some(notice)
        }
        _ => {
            refused(&stranded)?;
            None
        }
    };
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    schedules::set_override(&txn, &staff.scope, pool, date, &value).await?;
    let mut cancelled = Vec::new();
    if let Some(notice) = &cancelling {
        cancelled = cancel_for_closure(&state, &staff, &txn, &stranded, notice, now).await?;
    }
    staff
        .audit(
            &txn,
            &state,
            "schedule.date_set",
            "capacity_pool",
            Some(id.to_string()),
            json!({ "date": date, "closed": body.closed, "reason": body.reason, "plan": body.plan, "cancelled": cancelled, "notice": cancelling }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes a date's own setting: the week applies again.
#[utoipa::path(tag = "schedule", security(("bearer" = [])), params(("id" = Uuid, Path), ("date" = String, Path, format = Date, pattern = "^(18(6[89]|[7-9][0-9])|19[0-9]{2}|[2-9][0-9]{3})-")), responses((status = 204, description = "Removed"), (status = 422, description = "`schedule.strands_bookings`; `validation.date`: `date` is not a date", body = Problem, content_type = "application/problem+json")))]
#[delete("/admin/pools/{id}/dates/{date}")]
pub async fn remove_date(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<(Uuid, String)>,
) -> ApiResult<HttpResponse> {
    let (id, date) = path.into_inner();
    let (pool, date) = (PoolId(id), crate::params::required_date("date", &date)?);
    let before = current(&state, &staff.scope, pool).await?;
    let mut after = before.clone();
    after.overrides.remove(&date);
    refuse_stranding(&state, &staff.scope, pool, &before, &after).await?;
    let txn = database::begin_write(&state.db).await?;
    schedules::remove_override(&txn, &staff.scope, pool, date).await?;
    staff
        .audit(&txn, &state, "schedule.date_removed", "capacity_pool", Some(id.to_string()), json!({ "date": date }))
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingRulesBody {
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Bookings for a day open this many days before (at most 366), at `opens_at` (`HH:MM`).
    #[schema(maximum = 366)]
    pub opens_days_before: u16,
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub opens_at: String,
    /// At most 366; the window closes after it opens.
    #[schema(maximum = 366)]
    pub closes_days_before: u16,
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub closes_at: String,
    /// Residents may change or cancel until this many days before (at most 366), at
    /// `change_at`.
    #[schema(maximum = 366)]
    pub change_days_before: u16,
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[01]?[0-9]|2[0-3]):[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-5]?[0-9][\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub change_at: String,
    /// How long a hold keeps places, 1 to 60 minutes.
    #[schema(minimum = 1, maximum = 60)]
    pub hold_minutes: u16,
    /// How much of a counter's day (percent of its places, 1 to 100) one client may
    /// hold at once; never less than one booking of the most people a procedure
    /// allows. 10 when absent.
    #[serde(default = "default_hold_share")]
    #[schema(minimum = 1, maximum = 100, default = 10)]
    pub hold_share_percent: u16,
    /// Never ask for nor store names and addresses.
    pub pii_free: bool,
    /// An issuance booking needs a card-ledger entry ready for hand-over (RES-11).
    #[serde(default)]
    pub ledger_check: bool,
    /// Mail a reminder this many days before the visit (1 = the day before, up to 14);
    /// `null` sends none.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 14)]
    pub reminder_days_before: Option<u16>,
    /// Days after the visit (or the cancellation) until who the booking was for is
    /// removed — names, readings, birth dates, addresses, contact, notes; what statistics
    /// count stays. A person of the ledger's address list whom no list imported in as many
    /// days held is removed too. 7 to 3,650; 90 when absent.
    #[serde(default = "default_retention")]
    #[schema(minimum = 7, maximum = 3650, default = 90)]
    pub retention_days: u16,
}

const fn default_retention() -> u16 {
    90
}

const fn default_hold_share() -> u16 {
    10
}

fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// The booking window, period, deadline and options.
#[utoipa::path(tag = "schedule", security(("bearer" = [])), responses((status = 200, body = BookingRulesBody)))]
#[get("/admin/booking-rules")]
pub async fn get_booking_rules(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
) -> ApiResult<web::Json<BookingRulesBody>> {
    let stored = booking_rules::get(&state.db, &staff.scope).await?;
    let r = stored.rules;
    Ok(web::Json(BookingRulesBody {
        first_date: r.first_date,
        last_date: r.last_date,
        opens_days_before: r.opens.days_before,
        opens_at: time_text(r.opens.at),
        closes_days_before: r.closes.days_before,
        closes_at: time_text(r.closes.at),
        change_days_before: r.change_deadline.days_before,
        change_at: time_text(r.change_deadline.at),
        hold_minutes: stored.hold_minutes,
        hold_share_percent: stored.hold_share_percent,
        pii_free: stored.pii_free,
        ledger_check: stored.ledger_check,
        reminder_days_before: stored.reminder_days_before,
        retention_days: stored.retention_days,
    }))
}

/// Replaces the booking window, period, deadline and options; every fault named.
#[utoipa::path(tag = "schedule", security(("bearer" = [])), request_body = BookingRulesBody, responses((status = 204, description = "Saved"), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[put("/admin/booking-rules")]
pub async fn put_booking_rules(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<BookingRulesBody>,
) -> ApiResult<HttpResponse> {
    let b = body.0;
    let mut errors = FieldErrors::new();
    let mut time = |field: &str, text: &str| match NaiveTime::parse_from_str(text.trim(), "%H:%M") {
        Ok(time) => time,
        Err(_) => {
            errors.push(FieldError::new(field, "validation.time", "a time is written HH:MM"));
            NaiveTime::MIN
        }
    };
    let rules = BookingRules {
        first_date: b.first_date,
        last_date: b.last_date,
        opens: DaysBefore { days_before: b.opens_days_before, at: time("opens_at", &b.opens_at) },
        closes: DaysBefore { days_before: b.closes_days_before, at: time("closes_at", &b.closes_at) },
        change_deadline: DaysBefore { days_before: b.change_days_before, at: time("change_at", &b.change_at) },
    };
    if !(1..=60).contains(&b.hold_minutes) {
        errors.push(FieldError::new("hold_minutes", "validation.out_of_range", "a hold lasts 1 to 60 minutes"));
    }
    if !(1..=100).contains(&b.hold_share_percent) {
        errors.push(FieldError::new(
            "hold_share_percent",
            "validation.out_of_range",
            "one client may hold 1 to 100 percent of a day",
        ));
    }
    if b.reminder_days_before.is_some_and(|d| !(1..=14).contains(&d)) {
        errors.push(FieldError::new(
            "reminder_days_before",
            "validation.out_of_range",
            "a reminder goes 1 to 14 days before the visit",
        ));
    }
    if !(7..=3650).contains(&b.retention_days) {
        errors.push(FieldError::new(
            "retention_days",
            "validation.out_of_range",
            "personal data is kept 7 to 3,650 days after the visit",
        ));
    }
    let validated = rules.validate();
    if let Err(rule_errors) = &validated {
        errors.0.extend(rule_errors.0.iter().cloned());
    }
    errors.into_result()?;
    let rules = validated?;
    let txn = database::begin_write(&state.db).await?;
    let version = booking_rules::get(&txn, &staff.scope).await?.version + 1;
    booking_rules::save(
        &txn,
        &staff.scope,
        &StoredRules {
            rules,
            hold_minutes: b.hold_minutes,
            hold_share_percent: b.hold_share_percent,
            pii_free: b.pii_free,
            ledger_check: b.ledger_check,
            reminder_days_before: b.reminder_days_before,
            retention_days: b.retention_days,
            version,
        },
        state.clock.now(),
    )
    .await?;
    staff
        .audit(
            &txn,
            &state,
            "booking_rules.update",
            "booking_rules",
            None,
            serde_json::to_value(&b).unwrap_or_default(),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HolidayImportReport {
    /// The years the file covered; for them, its list replaces the computed holidays.
    pub years: Vec<i32>,
    pub holidays: usize,
    /// `utf-8` or `cp932`.
    pub encoding: String,
}

/// Imports the Cabinet Office's `syukujitsu.csv` (CP932 or UTF-8, as downloaded): for
/// the years it covers, its list replaces the holidays computed by law.
#[utoipa::path(
    tag = "schedule",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv", description = "syukujitsu.csv"),
    responses((status = 200, body = HolidayImportReport), (status = 422, description = "`import.invalid` with each bad line, `import.empty`, `import.unknown_encoding`", body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/holidays/import")]
pub async fn import_holidays(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<HolidayImportReport>> {
    use madoguchi_domain::text_file::{self, TextEncoding};
    let bytes = crate::extract::read_body(&mut payload, 1024 * 1024).await?;
    let (text, encoding) = text_file::decode(&bytes).map_err(ApiError::from)?;
    let holidays = madoguchi_domain::holidays::parse_syukujitsu(&text)
        .map_err(|errors| ApiError::Invalid { code: ProblemCode::ImportInvalid, errors: errors.0 })?;
    // A new holiday on a day with bookings would strand them: refuse, naming them.
    let calendar = madoguchi_domain::holidays::HolidayCalendar::new(holidays.clone());
    let now_in_force = schedules::holidays(&state.db, &staff.scope).await?;
    for pool in schedules::pools(&state.db, &staff.scope).await? {
        let schedule = current(&state, &staff.scope, pool.id).await?;
        refuse_stranding_with(&state, &staff.scope, pool.id, (&schedule, &now_in_force), (&schedule, &calendar))
            .await?;
    }
    let txn = database::begin_write(&state.db).await?;
    let years = schedules::replace_holidays(&txn, &staff.scope, &holidays).await?;
    staff
        .audit(
            &txn,
            &state,
            "holidays.import",
            "tenant_holidays",
            None,
            json!({ "years": years, "holidays": holidays.len() }),
        )
        .await?;
    txn.commit().await?;
    let encoding = if encoding == TextEncoding::Utf8 { "utf-8" } else { "cp932" };
    Ok(web::Json(HolidayImportReport { years, holidays: holidays.len(), encoding: encoding.to_owned() }))
}
