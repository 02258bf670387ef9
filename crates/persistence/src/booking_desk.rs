//! The staff's side of bookings: search, history, check-in at the counter,
//! no-shows, notes and the counts a day's calendar shows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use madoguchi_domain::booking_status::BookingStatus;
use madoguchi_domain::ids::{BookingId, LocationId, PoolId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_vault::TenantVault;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::bookings::{
    Actor, BookingDetails, StoredApplicant, applicant_of, bump, details_of, free_identities, places, record,
};
use crate::entities::{booking_applicants, booking_events, bookings};
use crate::{PersistenceError, TenantScope};

/// What a clerk searches bookings by; every part is optional and they all must hold.
#[derive(Debug, Clone, Default)]
pub struct BookingFilter {
    /// Slots starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Slots starting before.
    pub until: Option<DateTime<Utc>>,
    pub location: Option<LocationId>,
    pub procedure: Option<ProcedureId>,
    /// Any of these statuses; all when empty.
    pub statuses: Vec<BookingStatus>,
    /// Part of an applicant's name or フリガナ, spaces ignored; the kana already katakana.
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub reception: Option<ReceptionNumber>,
    pub management_number: Option<String>,
    /// The booking's phone, digits only.
    pub phone: Option<String>,
    /// An applicant's birth date.
    pub birth_date: Option<chrono::NaiveDate>,
}

/// At most this many applicants are opened to check a search by a part of a name:
/// the other conditions (a day, a location) narrow it first.
const MAX_NAME_CANDIDATES: u64 = 20_000;

/// The condition of `filter` without the parts of names, which need the rows opened.
fn condition(scope: &TenantScope, vault: &TenantVault, filter: &BookingFilter) -> Result<Condition, PersistenceError> {
    let mut all = Condition::all().add(bookings::Column::TenantId.eq(scope.uuid()));
    if let Some(from) = filter.from {
        all = all.add(bookings::Column::Start.gte(from));
    }
    if let Some(until) = filter.until {
        all = all.add(bookings::Column::Start.lt(until));
    }
    if let Some(location) = filter.location {
        all = all.add(bookings::Column::LocationId.eq(location.0));
    }
    if let Some(procedure) = filter.procedure {
        all = all.add(bookings::Column::ProcedureId.eq(procedure.0));
    }
    if !filter.statuses.is_empty() {
        all = all.add(bookings::Column::Status.is_in(filter.statuses.iter().map(|s| s.as_str())));
    }
    if let Some(number) = filter.reception {
        let value =
            i64::try_from(number.value()).map_err(|_| PersistenceError::Corrupt("reception number".to_owned()))?;
        all = all.add(bookings::Column::ReceptionNumber.eq(value));
    }
    let mut by_applicant = false;
    let mut applicants = Query::select()
        .column(booking_applicants::Column::BookingId)
        .from(booking_applicants::Entity)
        .and_where(booking_applicants::Column::TenantId.eq(scope.uuid()))
        .to_owned();
    if let Some(number) = filter.management_number.as_deref() {
        applicants.and_where(
            booking_applicants::Column::ManagementNumberIndex.is_in(vault.blinds(places::MANAGEMENT_NUMBER, number)),
        );
        by_applicant = true;
    }
    if let Some(birth) = filter.birth_date {
        applicants.and_where(
            booking_applicants::Column::BirthDateIndex.is_in(vault.blinds(places::BIRTH_DATE, &birth.to_string())),
        );
        by_applicant = true;
    }
    if let Some(phone) = filter.phone.as_deref() {
        all = all.add(bookings::Column::PhoneIndex.is_in(vault.blinds(places::PHONE, phone)));
    }
    if by_applicant {
        all = all.add(bookings::Column::Id.in_subquery(applicants));
    }
    Ok(all)
}

/// The bookings whose applicants' name holds `filter.name` or whose reading holds
/// `filter.name_kana` (variants, width and spaces aside), among those `base` matches:
/// the tokens narrow, the opened names decide.
async fn named(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &BookingFilter,
    base: Condition,
) -> Result<Vec<uuid::Uuid>, PersistenceError> {
    use madoguchi_domain::variants::contains_name;
    let name =
        filter.name.as_deref().and_then(|n| crate::search_tokens::owners_matching(scope, vault, places::NAME, n));
    let kana = filter
        .name_kana
        .as_deref()
        .and_then(|k| crate::search_tokens::owners_matching(scope, vault, places::NAME_KANA, k));
    let mut owners = Condition::any();
    for select in [name, kana].into_iter().flatten() {
        owners = owners.add(booking_applicants::Column::BookingId.in_subquery(select));
    }
    let in_base = Query::select().column(bookings::Column::Id).from(bookings::Entity).cond_where(base).to_owned();
    let rows = booking_applicants::Entity::find()
        .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
        .filter(owners)
        .filter(booking_applicants::Column::BookingId.in_subquery(in_base))
        .limit(MAX_NAME_CANDIDATES)
        .all(db)
        .await?;
    let mut found = Vec::new();
    for row in rows {
        let booking = row.booking_id;
        let applicant = applicant_of(vault, row)?;
        let by_name =
            matches!((filter.name.as_deref(), applicant.name.as_deref()), (Some(n), Some(a)) if contains_name(a, n));
        let by_kana = matches!(
            (filter.name_kana.as_deref(), applicant.name_kana.as_deref()),
            (Some(k), Some(a)) if contains_name(&madoguchi_domain::applicant::to_katakana(a), k)
        );
        if by_name || by_kana {
            found.push(booking);
        }
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// The full condition of `filter`.
async fn full_condition(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &BookingFilter,
) -> Result<Condition, PersistenceError> {
    let base = condition(scope, vault, filter)?;
    let by_name = filter.name.as_deref().is_some_and(|n| !n.trim().is_empty())
        || filter.name_kana.as_deref().is_some_and(|k| !k.trim().is_empty());
    if !by_name {
        return Ok(base);
    }
    let ids = named(db, scope, vault, filter, base.clone()).await?;
    Ok(base.add(bookings::Column::Id.is_in(ids)))
}

/// One page of the bookings matching `filter`, in slot order, and how many match in all.
///
/// # Errors
/// Database failures.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    filter: &BookingFilter,
    offset: u64,
    limit: u64,
) -> Result<(Vec<BookingDetails>, u64), PersistenceError> {
    let query = bookings::Entity::find().filter(full_condition(db, scope, vault, filter).await?);
    let total = query.clone().count(db).await?;
    let models = query
        .order_by_asc(bookings::Column::Start)
        .order_by_asc(bookings::Column::ReceptionNumber)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?;
    Ok((with_applicants(db, scope, vault, models).await?, total))
}

async fn with_applicants(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    models: Vec<bookings::Model>,
) -> Result<Vec<BookingDetails>, PersistenceError> {
    let ids: Vec<uuid::Uuid> = models.iter().map(|m| m.id).collect();
    let mut applicants: HashMap<uuid::Uuid, Vec<StoredApplicant>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = booking_applicants::Entity::find()
            .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
            .filter(booking_applicants::Column::BookingId.is_in(chunk.to_vec()))
            .order_by_asc(booking_applicants::Column::BookingId)
            .order_by_asc(booking_applicants::Column::Position)
            .all(db)
            .await?;
        for a in rows {
            applicants.entry(a.booking_id).or_default().push(applicant_of(vault, a)?);
        }
    }
    models
        .into_iter()
        .map(|m| {
            let of_booking = applicants.remove(&m.id).unwrap_or_default();
            details_of(vault, m, of_booking)
        })
        .collect()
}

/// One line of a booking's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub detail: serde_json::Value,
}

/// A booking's history, oldest first.
///
/// # Errors
/// Database failures.
pub async fn history(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    booking: BookingId,
) -> Result<Vec<BookingEvent>, PersistenceError> {
    booking_events::Entity::find()
        .filter(booking_events::Column::TenantId.eq(scope.uuid()))
        .filter(booking_events::Column::BookingId.eq(booking.0))
        .order_by_asc(booking_events::Column::At)
        .order_by_asc(booking_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let detail = crate::sealed::open(vault, places::EVENT_DETAIL, e.detail)?;
            Ok(BookingEvent {
                at: e.at,
                actor: e.actor,
                action: e.action,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
            })
        })
        .collect()
}

/// Replaces a booked booking's notes.
///
/// # Errors
/// `booking.changed_meanwhile`, database failures.
pub async fn set_notes(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    notes: &str,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    if notes == details.notes {
        return Ok(());
    }
    bump(db, scope, details, vec![(bookings::Column::Notes, Expr::value(vault.seal(places::NOTES, notes)))], now)
        .await?;
    record(db, scope, vault, details.booking.id, actor.name, "notes", &serde_json::json!({ "notes": notes }), now).await
}

/// Marks a booked booking visited. The places stay taken; the holder may book the
/// procedure again.
///
/// # Errors
/// `booking.changed_meanwhile` (checked in by someone else, cancelled), database failures.
pub async fn check_in(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    bump(
        db,
        scope,
        details,
        vec![
            (bookings::Column::Status, Expr::value(BookingStatus::Visited.as_str())),
            (bookings::Column::CheckedInAt, Expr::value(now)),
        ],
        now,
    )
    .await?;
    free_identities(db, scope, details.booking.id).await?;
    record(db, scope, vault, details.booking.id, actor.name, "checked_in", &serde_json::json!({}), now).await
}

/// Marks every booking still `booked` with a slot between `from` and `until`
/// (at `location` when given) as a no-show; returns their reception numbers.
///
/// # Errors
/// Database failures.
pub async fn mark_no_shows(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    span: (DateTime<Utc>, DateTime<Utc>),
    location: Option<LocationId>,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<ReceptionNumber>, PersistenceError> {
    let filter = BookingFilter {
        from: Some(span.0),
        until: Some(span.1),
        location,
        statuses: vec![BookingStatus::Booked],
        ..BookingFilter::default()
    };
    let models = bookings::Entity::find()
        .filter(condition(scope, vault, &filter)?)
        .order_by_asc(bookings::Column::Start)
        .all(db)
        .await?;
    let mut marked = Vec::new();
    for model in models {
        let updated = bookings::Entity::update_many()
            .col_expr(bookings::Column::Status, Expr::value(BookingStatus::NoShow.as_str()))
            .col_expr(bookings::Column::UpdatedAt, Expr::value(now))
            .col_expr(bookings::Column::Version, Expr::col(bookings::Column::Version).add(1))
            .filter(bookings::Column::TenantId.eq(scope.uuid()))
            .filter(bookings::Column::Id.eq(model.id))
            .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()))
            .exec(db)
            .await?;
        // Checked in by another clerk meanwhile: leave it visited.
        if updated.rows_affected == 1 {
            let id = BookingId(model.id);
            free_identities(db, scope, id).await?;
            record(db, scope, vault, id, actor.name, "no_show", &serde_json::json!({}), now).await?;
            marked.push(crate::bookings::booking_of(&model)?.reception_number);
        }
    }
    Ok(marked)
}

/// Booked and checked-in places of one slot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlotCount {
    /// Places of bookings booked, visited or no-show (not cancelled).
    pub booked: u32,
    pub checked_in: u32,
}

/// Counts per slot start of a pool between `from` and `until`.
///
/// # Errors
/// Database failures.
pub async fn slot_counts(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<HashMap<DateTime<Utc>, SlotCount>, PersistenceError> {
    let rows: Vec<(DateTime<Utc>, String, i32)> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::Start)
        .column(bookings::Column::Status)
        .column(bookings::Column::Places)
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::PoolId.eq(pool.0))
        .filter(bookings::Column::Start.gte(from))
        .filter(bookings::Column::Start.lt(until))
        .filter(bookings::Column::Status.ne(BookingStatus::Cancelled.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<DateTime<Utc>, SlotCount> = HashMap::new();
    for (start, status, places) in rows {
        let places = u32::try_from(places).unwrap_or(0);
        let count = counts.entry(start).or_default();
        count.booked += places;
        if status == BookingStatus::Visited.as_str() {
            count.checked_in += places;
        }
    }
    Ok(counts)
}

/// Booked bookings with a mail address, slot between `from` and `until`, that have
/// had no reminder yet.
///
/// # Errors
/// Database failures.
pub async fn awaiting_reminder(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<BookingDetails>, PersistenceError> {
    let models = bookings::Entity::find()
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()))
        .filter(bookings::Column::RemindedAt.is_null())
        .filter(bookings::Column::Email.is_not_null())
        .filter(bookings::Column::Start.gte(from))
        .filter(bookings::Column::Start.lt(until))
        .order_by_asc(bookings::Column::Start)
        .limit(500)
        .all(db)
        .await?;
    with_applicants(db, scope, vault, models).await
}

/// Claims the booking's reminder: true for exactly one caller, however many nodes ask.
///
/// # Errors
/// Database failures.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    booking: BookingId,
    now: DateTime<Utc>,
) -> Result<bool, PersistenceError> {
    let updated = bookings::Entity::update_many()
        .col_expr(bookings::Column::RemindedAt, Expr::value(now))
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::Id.eq(booking.0))
        .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()))
        .filter(bookings::Column::RemindedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}
