//! The staff calendar: places, booked, remaining and checked in, per day and slot.

use actix_web::{get, web};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::{self};
use madoguchi_persistence::bookings::{self};
use madoguchi_persistence::{locations, schedules};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{AnyStaff, Staff};
use crate::params::{self, PeriodRule};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;
use madoguchi_domain::availability;
use madoguchi_domain::time::{day_end, day_start, in_tokyo, japan_date, to_utc, tokyo};

const MAX_CALENDAR_DAYS: i64 = 62;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    #[param(required = true)]
    pub location_id: Option<Uuid>,
    /// First day, `YYYY-MM-DD`; today when absent.
    #[param(value_type = Option<crate::params::DateText>)]
    pub from: Option<String>,
    /// Last day, included; at most 62 days after `from`; 6 days after it when absent.
    #[param(value_type = Option<crate::params::DateText>)]
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
    /// Places held by residents still filling in the form, not booked yet: they come
    /// back when the hold expires, so the slot is not really full.
    pub held: u32,
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
                let used = |start| taken.get(&to_utc(start)).copied().unwrap_or(0);
                let (closed, closed_name, slots) = match availability::staff_day(&schedule, &holidays, date, used) {
                    Ok(found) => {
                        let slots: Vec<CalendarSlot> = found
                            .into_iter()
                            .map(|(free, places)| {
                                let count = counts.get(&to_utc(free.slot.start)).copied().unwrap_or_default();
                                CalendarSlot {
                                    start: in_tokyo(free.slot.start),
                                    end: in_tokyo(free.slot.end),
                                    places,
                                    booked: count.booked,
                                    remaining: free.remaining,
                                    held: used(free.slot.start).saturating_sub(count.booked),
                                    checked_in: count.checked_in,
                                }
                            })
                            .collect();
                        (None, None, slots)
                    }
                    Err(closure) => (Some(closure.kind()), closure.name().map(str::to_owned), Vec::new()),
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
