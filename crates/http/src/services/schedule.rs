//! Changing a counter's schedule without losing booked places: a change that would
//! strand a booking is refused, naming each one.

use madoguchi_domain::FieldError;
use madoguchi_domain::ids::PoolId;
use madoguchi_domain::schedule::Schedule;
use madoguchi_domain::time::{add_days, japan_date, tokyo};
use madoguchi_persistence::{TenantScope, bookings, schedules};

use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::state::AppState;

/// Refuses a change of schedule (`before` → `after`) that would lose booked places
/// from now on.
pub async fn refuse_stranding(
    state: &AppState,
    scope: &TenantScope,
    pool: PoolId,
    before: &Schedule,
    after: &Schedule,
) -> ApiResult<()> {
    let holidays = schedules::holidays(&state.db, scope).await?;
    refuse_stranding_with(state, scope, pool, (before, &holidays), (after, &holidays)).await
}

pub type Calendar<'a> = (&'a Schedule, &'a madoguchi_domain::holidays::HolidayCalendar);

pub async fn refuse_stranding_with(
    state: &AppState,
    scope: &TenantScope,
    pool: PoolId,
    before: Calendar<'_>,
    after: Calendar<'_>,
) -> ApiResult<()> {
    refused(&stranded(state, scope, pool, before, after).await?)
}

/// A booking a change of schedule would leave without its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranded {
    pub reception_number: String,
    /// Japan time, `YYYY-MM-DD HH:MM`.
    pub when: String,
}

/// `schedule.strands_bookings` naming each booking, or nothing to refuse.
pub fn refused(stranded: &[Stranded]) -> ApiResult<()> {
    if stranded.is_empty() {
        return Ok(());
    }
    Err(ApiError::Invalid {
        code: ProblemCode::ScheduleStrandsBookings,
        errors: stranded
            .iter()
            .map(|s| {
                FieldError::new("bookings", "schedule.affected_booking", format!("{} {}", s.reception_number, s.when))
            })
            .collect(),
    })
}

/// The bookings from now on that the change (`before` → `after`) would strand.
pub async fn stranded(
    state: &AppState,
    scope: &TenantScope,
    pool: PoolId,
    before: Calendar<'_>,
    after: Calendar<'_>,
) -> ApiResult<Vec<Stranded>> {
    let booked = bookings::booked_slots(&state.db, scope, pool, state.clock.now()).await?;
    Ok(booked
        .iter()
        .filter(|slot| {
            let start = slot.start.with_timezone(&tokyo()).naive_local();
            madoguchi_domain::schedule::change_strands(
                before.0.places_at(before.1, start),
                after.0.places_at(after.1, start),
                slot.taken,
            )
        })
        .flat_map(|slot| {
            let when = slot.start.with_timezone(&tokyo()).format("%Y-%m-%d %H:%M").to_string();
            slot.bookings.iter().map(move |number| Stranded { reception_number: number.clone(), when: when.clone() })
        })
        .collect())
}

/// The pool's schedule as it stands for the dates of its booked slots.
pub async fn current(state: &AppState, scope: &TenantScope, pool: PoolId) -> ApiResult<Schedule> {
    let today = japan_date(state.clock.now());
    let horizon = add_days(today, 400).unwrap_or(today);
    schedules::schedule(&state.db, scope, pool, today, horizon).await.map_err(|e| match e {
        madoguchi_persistence::PersistenceError::NotFound => ApiError::NotFound(ProblemCode::PoolNotFound),
        other => other.into(),
    })
}

/// Cancels the bookings an emergency closure strands, each with its mail carrying the
/// municipality's notice, in the closure's transaction; returns their reception numbers.
///
/// # Errors
/// `booking.changed_meanwhile`, database failures.
pub async fn cancel_for_closure(
    state: &AppState,
    staff: &crate::auth::Staff<crate::auth::Admin>,
    txn: &madoguchi_persistence::DatabaseTransaction,
    stranded: &[Stranded],
    notice: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Vec<String>> {
    use crate::services::booking::conflict;
    use crate::services::booking_desk::find;
    use crate::services::booking_mail::{enqueue_with_notice, mail_context};
    use madoguchi_persistence::bookings::{self, Actor};
    let tenant = madoguchi_persistence::tenants::get(&state.db, &staff.scope).await?;
    let actor = Actor { name: staff.user.login_id.as_str(), reason: Some(notice) };
    let vault = state.vault(&staff.scope).await?;
    let mut done = Vec::new();
    for booking in stranded {
        if done.contains(&booking.reception_number) {
            continue;
        }
        let details = find(state, &staff.scope, &booking.reception_number).await?;
        let context = mail_context(state, &tenant, details.booking.location, details.booking.procedure).await?;
        bookings::cancel(txn, &staff.scope, &vault, &details, actor, now).await.map_err(conflict)?;
        state.ledger.released(txn, &staff.scope, &vault, details.booking.id, now).await?;
        enqueue_with_notice(
            txn,
            &staff.scope,
            &context,
            (madoguchi_mail::MailKind::Cancellation, Some(notice)),
            details.email.as_deref(),
            &details.booking,
            None,
            now,
        )
        .await?;
        done.push(booking.reception_number.clone());
    }
    Ok(done)
}
