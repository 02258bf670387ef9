//! Bookings and the places they take. Capacity and the one-booking-per-person rule
//! are enforced by the database: a conditional update on the slot's usage and a
//! unique index on the applicants' identity keys.
//!
//! Who a booking is for is kept sealed with the tenant's data key (see [`places`]):
//! mail address, phone, notes, the applicants' management numbers, names, readings,
//! birth dates and addresses, and the history's details. Identity keys are keyed
//! hashes; phone, management number and birth date have blind indexes, names and
//! readings text tokens (`search_tokens`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::booking::{Applicant, Contact};
use madoguchi_domain::booking_status::BookingStatus;
use madoguchi_domain::ids::{BookingId, LocationId, PoolId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_vault::TenantVault;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::Conflict;
use crate::entities::{
    booking_applicants, booking_events, booking_identities, bookings, hold_allowances, slot_holds, slot_usage,
};
use crate::sealed::{open, open_opt};
use crate::{PersistenceError, TenantScope};
use uuid::Uuid;

/// Where each sealed value is kept: a ciphertext opens only in its place, and a blind
/// index is computed per place.
pub mod places {
    pub const EMAIL: &str = "bookings.email";
    pub const PHONE: &str = "bookings.phone";
    pub const NOTES: &str = "bookings.notes";
    pub const MANAGEMENT_NUMBER: &str = "booking_applicants.management_number";
    pub const NAME: &str = "booking_applicants.name";
    pub const NAME_KANA: &str = "booking_applicants.name_kana";
    pub const BIRTH_DATE: &str = "booking_applicants.birth_date";
    pub const ADDRESS: &str = "booking_applicants.address";
    pub const EVENT_DETAIL: &str = "booking_events.detail";
    pub const IDENTITY: &str = "booking_identities.identity_key";
}

/// The stored row of an applicant, sealed and indexed.
fn sealed_applicant(
    vault: &TenantVault,
    booking: Uuid,
    position: usize,
    applicant: &StoredApplicant,
) -> booking_applicants::ActiveModel {
    let key = vault.current();
    let seal = |place: &str, value: &Option<String>| value.as_deref().map(|v| vault.seal(place, v));
    let birth = applicant.birth_date.map(|d| d.to_string());
    booking_applicants::ActiveModel {
        tenant_id: Set(vault.tenant()),
        booking_id: Set(booking),
        position: Set(i16::try_from(position).unwrap_or(i16::MAX)),
        management_number: Set(seal(places::MANAGEMENT_NUMBER, &applicant.management_number)),
        management_number_index: Set(applicant
            .management_number
            .as_deref()
            .map(|m| key.blind(places::MANAGEMENT_NUMBER, m))),
        name: Set(seal(places::NAME, &applicant.name)),
        name_kana: Set(seal(places::NAME_KANA, &applicant.name_kana)),
        birth_date: Set(None),
        birth_date_sealed: Set(seal(places::BIRTH_DATE, &birth)),
        birth_date_index: Set(birth.as_deref().map(|b| key.blind(places::BIRTH_DATE, b))),
        address: Set(seal(places::ADDRESS, &applicant.address)),
    }
}

/// The applicants' name and reading tokens of a booking.
fn tokens_of(vault: &TenantVault, applicants: &[StoredApplicant]) -> Vec<i64> {
    let mut texts = Vec::new();
    for a in applicants {
        if let Some(name) = a.name.as_deref() {
            texts.push((places::NAME, name));
        }
        if let Some(kana) = a.name_kana.as_deref() {
            texts.push((places::NAME_KANA, kana));
        }
    }
    crate::search_tokens::of(vault, &texts)
}

/// An applicant as stored, opened.
pub(crate) fn applicant_of(
    vault: &TenantVault,
    row: booking_applicants::Model,
) -> Result<StoredApplicant, PersistenceError> {
    let birth_date = match open_opt(vault, places::BIRTH_DATE, row.birth_date_sealed)? {
        Some(text) => Some(
            text.parse::<NaiveDate>()
                .map_err(|_| PersistenceError::Corrupt(format!("{}: not a date", places::BIRTH_DATE)))?,
        ),
        None => row.birth_date,
    };
    Ok(StoredApplicant {
        management_number: open_opt(vault, places::MANAGEMENT_NUMBER, row.management_number)?,
        name: open_opt(vault, places::NAME, row.name)?,
        name_kana: open_opt(vault, places::NAME_KANA, row.name_kana)?,
        birth_date,
        address: open_opt(vault, places::ADDRESS, row.address)?,
    })
}

/// A booking's applicants, opened, in their order.
async fn applicants_of(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    booking: Uuid,
) -> Result<Vec<StoredApplicant>, PersistenceError> {
    use sea_orm::QueryOrder;
    booking_applicants::Entity::find()
        .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
        .filter(booking_applicants::Column::BookingId.eq(booking))
        .order_by_asc(booking_applicants::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|a| applicant_of(vault, a))
        .collect()
}

/// The identity keys of a booking as stored (see `madoguchi_domain::booking::keys_of`).
fn stored_identities(applicants: &[StoredApplicant], phone: Option<&str>, email: Option<&str>) -> Vec<String> {
    use madoguchi_domain::booking::{Identity, keys_of};
    let mut keys: Vec<String> = applicants
        .iter()
        .flat_map(|a| {
            keys_of(&Identity {
                management_number: a.management_number.as_deref(),
                birth_date: a.birth_date,
                name: a.name.as_deref(),
                phone,
                email,
            })
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Inserts identity keys, as keyed hashes under every key held.
async fn insert_identities(
    db: &impl ConnectionTrait,
    vault: &TenantVault,
    procedure: Uuid,
    booking: Uuid,
    keys: &[String],
) -> Result<(), PersistenceError> {
    for key in keys {
        for hashed in vault.unique_keys(places::IDENTITY, key) {
            booking_identities::Entity::insert(booking_identities::ActiveModel {
                tenant_id: Set(vault.tenant()),
                procedure_id: Set(procedure),
                identity_key: Set(hashed),
                booking_id: Set(booking),
            })
            .exec_without_returning(db)
            .await
            .map_err(|e| PersistenceError::unique_or(e, Conflict::DuplicateBooking))?;
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
pub struct NewBooking {
    pub reception_number: ReceptionNumber,
    pub password_hash: String,
    pub location: LocationId,
    pub procedure: ProcedureId,
    pub pool: PoolId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub applicants: Vec<Applicant>,
    /// Identity keys of all applicants (see `madoguchi_domain::booking::identity_keys`).
    pub identities: Vec<String>,
    pub contact: Contact,
    pub notes: String,
    /// `resident` or the staff user's login ID.
    pub created_by: String,
    /// Booked for a resident who has no 交付通知書 yet.
    pub without_letter: bool,
    /// The slot's places; `None` books beyond capacity (administrators only).
    pub capacity: Option<u16>,
    /// A hold of the resident's on this slot, whose places the booking takes over.
    pub hold: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub id: BookingId,
    pub reception_number: ReceptionNumber,
    pub location: LocationId,
    pub procedure: ProcedureId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub places: u16,
    pub status: BookingStatus,
    /// Grows by one with every change (1 when booked).
    pub version: u32,
}

fn places_of(applicants: &[Applicant]) -> i32 {
    i32::try_from(applicants.len()).unwrap_or(i32::MAX)
}

/// Takes `places` places of a slot, within `capacity` when given. One conditional
/// update: parallel bookings on any node cannot pass the capacity together.
async fn reserve(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    start: DateTime<Utc>,
    places: i32,
    capacity: Option<u16>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    if take(db, scope, pool, start, places, capacity).await? {
        return Ok(());
    }
    // Full, unless some of it is held by residents who went away: give those back, try once more.
    if reclaim_expired_holds(db, scope, pool, start, now).await? > 0
        && take(db, scope, pool, start, places, capacity).await?
    {
        return Ok(());
    }
    Err(PersistenceError::Conflict(Conflict::SlotFull))
}

/// The row a counter's `INSERT … ON CONFLICT DO NOTHING` asked for is there, whether this
/// insert made it or another got there first.
fn present(inserted: Result<u64, DbErr>) -> Result<(), PersistenceError> {
    match inserted {
        Ok(_) | Err(DbErr::RecordNotInserted) => Ok(()),
        Err(other) => Err(other.into()),
    }
}

/// One conditional update: true when the places were taken.
async fn take(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    start: DateTime<Utc>,
    places: i32,
    capacity: Option<u16>,
) -> Result<bool, PersistenceError> {
    let inserted = slot_usage::Entity::insert(slot_usage::ActiveModel {
        tenant_id: Set(scope.uuid()),
        pool_id: Set(pool.0),
        start: Set(start),
        taken: Set(0),
    })
    .on_conflict(
        OnConflict::columns([slot_usage::Column::TenantId, slot_usage::Column::PoolId, slot_usage::Column::Start])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await;
    present(inserted)?;
    let mut update = slot_usage::Entity::update_many()
        .col_expr(slot_usage::Column::Taken, Expr::col(slot_usage::Column::Taken).add(places))
        .filter(slot_usage::Column::TenantId.eq(scope.uuid()))
        .filter(slot_usage::Column::PoolId.eq(pool.0))
        .filter(slot_usage::Column::Start.eq(start));
    if let Some(capacity) = capacity {
        update = update.filter(Expr::col(slot_usage::Column::Taken).add(places).lte(i32::from(capacity)));
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Deletes a slot's expired holds and gives their places back; returns how many.
/// Each hold is deleted by its own statement, so two nodes never give one back twice.
async fn reclaim_expired_holds(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i32, PersistenceError> {
    let expired = slot_holds::Entity::find()
        .filter(slot_holds::Column::TenantId.eq(scope.uuid()))
        .filter(slot_holds::Column::PoolId.eq(pool.0))
        .filter(slot_holds::Column::Start.eq(start))
        .filter(slot_holds::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut freed = 0;
    for hold in expired {
        if drop_hold(db, scope, &hold).await? {
            freed += hold.places;
        }
    }
    Ok(freed)
}

/// Places of one slot a resident wants to hold.
#[derive(Debug, Clone)]
pub struct NewHold {
    pub pool: PoolId,
    pub start: DateTime<Utc>,
    pub places: u16,
    /// The slot's places.
    pub capacity: u16,
    pub expires_at: DateTime<Utc>,
    pub holder: Holder,
}

/// Who holds, and how many places of the pool's day they may hold at once.
#[derive(Debug, Clone)]
pub struct Holder {
    /// A keyed hash of the client's address.
    pub key: String,
    /// The slot's day, where the counter is.
    pub day: NaiveDate,
    pub allowance: u16,
}

/// Holds places of a slot for a resident filling in the form, until it expires.
///
/// # Errors
/// `booking.hold_share_reached` when the holder already holds their share of the
/// day, `booking.slot_full`, database failures.
pub async fn hold(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    new: NewHold,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let NewHold { pool, start, places, capacity, expires_at, holder } = new;
    allow(db, scope, pool, &holder, places, now).await?;
    reserve(db, scope, pool, start, i32::from(places), Some(capacity), now).await?;
    // Random, not time-ordered: the id is what proves the hold is yours.
    let id = Uuid::new_v4();
    slot_holds::Entity::insert(slot_holds::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        pool_id: Set(pool.0),
        start: Set(start),
        places: Set(i32::from(places)),
        expires_at: Set(expires_at),
        holder: Set(Some(holder.key)),
        day: Set(Some(holder.day)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Counts `places` against the holder's allowance of the pool's day: one conditional
/// update, so that parallel holds of one client cannot pass it together. Their own
/// expired holds are given back first when they stand in the way.
async fn allow(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    holder: &Holder,
    places: u16,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let inserted = hold_allowances::Entity::insert(hold_allowances::ActiveModel {
        tenant_id: Set(scope.uuid()),
        pool_id: Set(pool.0),
        day: Set(holder.day),
        holder: Set(holder.key.clone()),
        held: Set(0),
    })
    .on_conflict(
        OnConflict::columns([
            hold_allowances::Column::TenantId,
            hold_allowances::Column::PoolId,
            hold_allowances::Column::Day,
            hold_allowances::Column::Holder,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await;
    present(inserted)?;
    let raise = || {
        hold_allowances::Entity::update_many()
            .col_expr(hold_allowances::Column::Held, Expr::col(hold_allowances::Column::Held).add(i32::from(places)))
            .filter(hold_allowances::Column::TenantId.eq(scope.uuid()))
            .filter(hold_allowances::Column::PoolId.eq(pool.0))
            .filter(hold_allowances::Column::Day.eq(holder.day))
            .filter(hold_allowances::Column::Holder.eq(holder.key.as_str()))
            .filter(Expr::col(hold_allowances::Column::Held).add(i32::from(places)).lte(i32::from(holder.allowance)))
    };
    if raise().exec(db).await?.rows_affected == 1 {
        return Ok(());
    }
    let expired = slot_holds::Entity::find()
        .filter(slot_holds::Column::TenantId.eq(scope.uuid()))
        .filter(slot_holds::Column::PoolId.eq(pool.0))
        .filter(slot_holds::Column::Day.eq(holder.day))
        .filter(slot_holds::Column::Holder.eq(holder.key.as_str()))
        .filter(slot_holds::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut freed = false;
    for hold in expired {
        freed |= drop_hold(db, scope, &hold).await?;
    }
    if freed && raise().exec(db).await?.rows_affected == 1 {
        return Ok(());
    }
    Err(PersistenceError::Conflict(Conflict::HoldShareReached))
}

/// Deletes a hold, gives its places back to the slot and to its holder's allowance;
/// false when another request deleted it first (then that one gave them back).
async fn drop_hold(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    hold: &slot_holds::Model,
) -> Result<bool, PersistenceError> {
    if slot_holds::Entity::delete_by_id((hold.tenant_id, hold.id)).exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    release(db, scope, PoolId(hold.pool_id), hold.start, hold.places).await?;
    forget_held(db, scope, hold).await?;
    Ok(true)
}

/// Takes a hold's places off its holder's allowance.
async fn forget_held(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    hold: &slot_holds::Model,
) -> Result<(), PersistenceError> {
    let (Some(holder), Some(day)) = (&hold.holder, hold.day) else { return Ok(()) };
    hold_allowances::Entity::update_many()
        .col_expr(hold_allowances::Column::Held, Expr::col(hold_allowances::Column::Held).sub(hold.places))
        .filter(hold_allowances::Column::TenantId.eq(scope.uuid()))
        .filter(hold_allowances::Column::PoolId.eq(hold.pool_id))
        .filter(hold_allowances::Column::Day.eq(day))
        .filter(hold_allowances::Column::Holder.eq(holder.as_str()))
        .filter(hold_allowances::Column::Held.gte(hold.places))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the hold allowances of days before `day`, and the holds of those days that
/// nobody reclaimed: their slots are past, so neither can matter again. For the
/// housekeeping that runs on every node.
///
/// # Errors
/// Database failures.
pub async fn forget_days_before(db: &impl ConnectionTrait, day: NaiveDate) -> Result<u64, PersistenceError> {
    slot_holds::Entity::delete_many().filter(slot_holds::Column::Day.lt(day)).exec(db).await?;
    Ok(hold_allowances::Entity::delete_many()
        .filter(hold_allowances::Column::Day.lt(day))
        .exec(db)
        .await?
        .rows_affected)
}

/// Gives a hold's places back (the resident went back to choose another slot).
///
/// # Errors
/// Database failures.
pub async fn release_hold(db: &impl ConnectionTrait, scope: &TenantScope, id: Uuid) -> Result<bool, PersistenceError> {
    let Some(hold) = slot_holds::Entity::find_by_id((scope.uuid(), id)).one(db).await? else { return Ok(false) };
    drop_hold(db, scope, &hold).await
}

/// Turns a live hold on exactly this slot and number of places into the booking's
/// places; false when there is no such hold (then the booking takes places itself).
async fn use_hold(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
    pool: PoolId,
    start: DateTime<Utc>,
    places: i32,
    now: DateTime<Utc>,
) -> Result<bool, PersistenceError> {
    let Some(hold) = slot_holds::Entity::find_by_id((scope.uuid(), id))
        .filter(slot_holds::Column::PoolId.eq(pool.0))
        .filter(slot_holds::Column::Start.eq(start))
        .filter(slot_holds::Column::Places.eq(places))
        .filter(slot_holds::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    if slot_holds::Entity::delete_by_id((scope.uuid(), id)).exec(db).await?.rows_affected != 1 {
        return Ok(false);
    }
    // The places stay taken, now by the booking; the holder may hold others again.
    forget_held(db, scope, &hold).await?;
    Ok(true)
}

/// Records a booking, its applicants and identities, and takes its places, in the
/// caller's transaction.
///
/// # Errors
/// `booking.reception_number_taken` (draw another), `booking.duplicate`,
/// `booking.slot_full`, database failures.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    new: NewBooking,
    now: DateTime<Utc>,
) -> Result<Booking, PersistenceError> {
    let id = BookingId::generate();
    let places = places_of(&new.applicants);
    let reception = i64::try_from(new.reception_number.value())
        .map_err(|_| PersistenceError::Corrupt("reception number".to_owned()))?;
    bookings::Entity::insert(bookings::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        reception_number: Set(reception),
        password_hash: Set(new.password_hash),
        location_id: Set(new.location.0),
        procedure_id: Set(new.procedure.0),
        pool_id: Set(new.pool.0),
        start: Set(new.start),
        end: Set(new.end),
        places: Set(places),
        status: Set(BookingStatus::Booked.as_str().to_owned()),
        email: Set(new.contact.email.as_ref().map(|e| vault.seal(places::EMAIL, e.as_str()))),
        phone: Set(new.contact.phone.as_ref().map(|p| vault.seal(places::PHONE, p.as_str()))),
        phone_index: Set(new.contact.phone.as_ref().map(|p| vault.current().blind(places::PHONE, p.as_str()))),
        key_version: Set(vault.current().version()),
        personal_data_removed_at: Set(None),
        notes: Set(vault.seal(places::NOTES, &new.notes)),
        created_by: Set(new.created_by.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        without_letter: Set(new.without_letter),
        beyond_capacity: Set(new.capacity.is_none()),
        checked_in_at: Set(None),
        reminded_at: Set(None),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, Conflict::ReceptionNumberTaken))?;
    let detail = serde_json::json!({ "start": new.start, "places": places, "without_letter": new.without_letter, "beyond_capacity": new.capacity.is_none() });
    record(db, scope, vault, id, &new.created_by, "created", &detail, now).await?;
    insert_identities(db, vault, new.procedure.0, id.0, &new.identities).await?;
    let applicants: Vec<StoredApplicant> = new
        .applicants
        .iter()
        .map(|a| StoredApplicant {
            management_number: a.management_number.as_ref().map(|m| m.as_str().to_owned()),
            name: a.name.as_ref().map(|n| n.as_str().to_owned()),
            name_kana: a.name_kana.as_ref().map(|k| k.as_str().to_owned()),
            birth_date: a.birth_date.map(|b| b.date()),
            address: a.address.clone(),
        })
        .collect();
    for (position, applicant) in applicants.iter().enumerate() {
        booking_applicants::Entity::insert(sealed_applicant(vault, id.0, position, applicant))
            .exec_without_returning(db)
            .await?;
    }
    crate::search_tokens::replace(db, scope, id.0, &tokens_of(vault, &applicants)).await?;
    let held = match new.hold {
        Some(hold) => use_hold(db, scope, hold, new.pool, new.start, places, now).await?,
        None => false,
    };
    if !held {
        reserve(db, scope, new.pool, new.start, places, new.capacity, now).await?;
    }
    Ok(Booking {
        id,
        reception_number: new.reception_number,
        location: new.location,
        procedure: new.procedure,
        start: new.start,
        end: new.end,
        places: u16::try_from(places).unwrap_or(u16::MAX),
        status: BookingStatus::Booked,
        version: 1,
    })
}

/// Places taken per slot start of a pool between `from` and `until`, not counting
/// holds that have expired (they are given back lazily).
///
/// # Errors
/// Database failures.
pub async fn usage(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<HashMap<DateTime<Utc>, u32>, PersistenceError> {
    let expired = slot_holds::Entity::find()
        .filter(slot_holds::Column::TenantId.eq(scope.uuid()))
        .filter(slot_holds::Column::PoolId.eq(pool.0))
        .filter(slot_holds::Column::Start.gte(from))
        .filter(slot_holds::Column::Start.lt(until))
        .filter(slot_holds::Column::ExpiresAt.lte(now))
        .all(db)
        .await?;
    let mut taken = taken_by_slot(db, scope, pool, from, until).await?;
    for hold in expired {
        if let Some(count) = taken.get_mut(&hold.start) {
            *count = count.saturating_sub(u32::try_from(hold.places).unwrap_or(0));
        }
    }
    Ok(taken)
}

async fn taken_by_slot(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<HashMap<DateTime<Utc>, u32>, PersistenceError> {
    Ok(slot_usage::Entity::find()
        .filter(
            Condition::all()
                .add(slot_usage::Column::TenantId.eq(scope.uuid()))
                .add(slot_usage::Column::PoolId.eq(pool.0))
                .add(slot_usage::Column::Start.gte(from))
                .add(slot_usage::Column::Start.lt(until)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.start, u32::try_from(row.taken).unwrap_or(0)))
        .collect())
}

/// How many bookings a table holds for the tenant (tests and statistics).
///
/// # Errors
/// Database failures.
pub async fn count_active(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64, PersistenceError> {
    use sea_orm::PaginatorTrait;
    Ok(bookings::Entity::find()
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()))
        .count(db)
        .await?)
}

/// A booking as its holder and the staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingDetails {
    pub booking: Booking,
    pub pool: PoolId,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub applicants: Vec<StoredApplicant>,
    pub version: i32,
    /// 備考: staff notes, never shown to the resident.
    pub notes: String,
    pub without_letter: bool,
    pub beyond_capacity: bool,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplicant {
    pub management_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub address: Option<String>,
}

pub(crate) fn booking_of(model: &bookings::Model) -> Result<Booking, PersistenceError> {
    let reception = u64::try_from(model.reception_number)
        .ok()
        .and_then(|n| ReceptionNumber::parse(&format!("{n:010}")).ok())
        .ok_or_else(|| PersistenceError::Corrupt(format!("booking {}: reception number", model.id)))?;
    Ok(Booking {
        id: BookingId(model.id),
        reception_number: reception,
        location: LocationId(model.location_id),
        procedure: ProcedureId(model.procedure_id),
        start: model.start,
        end: model.end,
        places: u16::try_from(model.places).unwrap_or(0),
        status: BookingStatus::parse(&model.status)
            .ok_or_else(|| PersistenceError::Corrupt(format!("booking {}: status `{}`", model.id, model.status)))?,
        version: u32::try_from(model.version).unwrap_or(0),
    })
}

pub(crate) fn details_of(
    vault: &TenantVault,
    model: bookings::Model,
    applicants: Vec<StoredApplicant>,
) -> Result<BookingDetails, PersistenceError> {
    Ok(BookingDetails {
        booking: booking_of(&model)?,
        pool: PoolId(model.pool_id),
        email: open_opt(vault, places::EMAIL, model.email)?,
        phone: open_opt(vault, places::PHONE, model.phone)?,
        applicants,
        version: model.version,
        notes: open(vault, places::NOTES, model.notes)?,
        without_letter: model.without_letter,
        beyond_capacity: model.beyond_capacity,
        checked_in_at: model.checked_in_at,
        created_by: model.created_by,
        created_at: model.created_at,
    })
}

/// Notes what happened to a booking, in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    booking: BookingId,
    actor: &str,
    action: &str,
    detail: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    booking_events::Entity::insert(booking_events::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(Uuid::now_v7()),
        booking_id: Set(booking.0),
        at: Set(now),
        actor: Set(actor.to_owned()),
        action: Set(action.to_owned()),
        detail: Set(vault.seal(places::EVENT_DETAIL, &detail.to_string())),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The booking that holds one of `keys` for the procedure, with its mail address:
/// whom to tell that someone tried to book again with their details.
///
/// # Errors
/// Database failures.
pub async fn holder_of(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    procedure: ProcedureId,
    keys: &[String],
) -> Result<Option<(Booking, Option<String>)>, PersistenceError> {
    let hashed: Vec<String> = keys.iter().flat_map(|k| vault.unique_keys(places::IDENTITY, k)).collect();
    let Some(identity) = booking_identities::Entity::find()
        .filter(booking_identities::Column::TenantId.eq(scope.uuid()))
        .filter(booking_identities::Column::ProcedureId.eq(procedure.0))
        .filter(booking_identities::Column::IdentityKey.is_in(hashed))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(model) = bookings::Entity::find_by_id((scope.uuid(), identity.booking_id)).one(db).await? else {
        return Ok(None);
    };
    let email = open_opt(vault, places::EMAIL, model.email.clone())?;
    Ok(Some((booking_of(&model)?, email)))
}

/// A booking by its reception number, with its password hash.
///
/// # Errors
/// Database failures.
pub async fn find_by_reception(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    number: ReceptionNumber,
) -> Result<Option<(BookingDetails, String)>, PersistenceError> {
    let reception =
        i64::try_from(number.value()).map_err(|_| PersistenceError::Corrupt("reception number".to_owned()))?;
    let Some(model) = bookings::Entity::find()
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::ReceptionNumber.eq(reception))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let applicants = applicants_of(db, scope, vault, model.id).await?;
    let hash = model.password_hash.clone();
    Ok(Some((details_of(vault, model, applicants)?, hash)))
}

/// Gives back places of a slot.
async fn release(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    start: DateTime<Utc>,
    places: i32,
) -> Result<(), PersistenceError> {
    slot_usage::Entity::update_many()
        .col_expr(slot_usage::Column::Taken, Expr::col(slot_usage::Column::Taken).sub(places))
        .filter(slot_usage::Column::TenantId.eq(scope.uuid()))
        .filter(slot_usage::Column::PoolId.eq(pool.0))
        .filter(slot_usage::Column::Start.eq(start))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a booked booking `version` as changed; refuses if it changed meanwhile or is no longer booked.
pub(crate) async fn bump(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    details: &BookingDetails,
    set: Vec<(bookings::Column, sea_orm::sea_query::SimpleExpr)>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let mut update = bookings::Entity::update_many()
        .col_expr(bookings::Column::UpdatedAt, Expr::value(now))
        .col_expr(bookings::Column::Version, Expr::col(bookings::Column::Version).add(1))
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::Id.eq(details.booking.id.0))
        .filter(bookings::Column::Version.eq(details.version))
        .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()));
    for (column, value) in set {
        update = update.col_expr(column, value);
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::BookingChanged));
    }
    Ok(())
}

/// Who changes a booking and why, for its history.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// `resident` or the staff user's login ID.
    pub name: &'a str,
    pub reason: Option<&'a str>,
}

impl Actor<'static> {
    pub const RESIDENT: Self = Actor { name: "resident", reason: None };
}

/// Frees the identity keys of a booking that is no longer active, so that its
/// holder may book the procedure again.
pub(crate) async fn free_identities(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    booking: BookingId,
) -> Result<(), PersistenceError> {
    booking_identities::Entity::delete_many()
        .filter(booking_identities::Column::TenantId.eq(scope.uuid()))
        .filter(booking_identities::Column::BookingId.eq(booking.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Cancels a booking: its places and its holder's identity keys are freed.
///
/// # Errors
/// `booking.changed_meanwhile`, database failures.
pub async fn cancel(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    bump(db, scope, details, vec![(bookings::Column::Status, Expr::value(BookingStatus::Cancelled.as_str()))], now)
        .await?;
    free_identities(db, scope, details.booking.id).await?;
    record(
        db,
        scope,
        vault,
        details.booking.id,
        actor.name,
        "cancelled",
        &serde_json::json!({ "start": details.booking.start, "reason": actor.reason }),
        now,
    )
    .await?;
    release(db, scope, details.pool, details.booking.start, i32::from(details.booking.places)).await
}

/// Moves a booking to another slot of the same pool, taking the new places before
/// giving back the old ones.
///
/// # Errors
/// `booking.slot_full`, `booking.changed_meanwhile`, database failures.
#[allow(clippy::too_many_arguments)]
pub async fn move_to(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    slot: (DateTime<Utc>, DateTime<Utc>),
    capacity: Option<u16>,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let (start, end) = slot;
    let mut set = vec![
        (bookings::Column::Start, Expr::value(start)),
        (bookings::Column::End, Expr::value(end)),
        (bookings::Column::RemindedAt, Expr::value(Option::<DateTime<Utc>>::None)),
    ];
    if capacity.is_none() {
        set.push((bookings::Column::BeyondCapacity, Expr::value(true)));
    }
    bump(db, scope, details, set, now).await?;
    let detail = serde_json::json!({ "from": details.booking.start, "to": start, "reason": actor.reason, "beyond_capacity": capacity.is_none() });
    record(db, scope, vault, details.booking.id, actor.name, "changed", &detail, now).await?;
    if start != details.booking.start {
        let places = i32::from(details.booking.places);
        reserve(db, scope, details.pool, start, places, capacity, now).await?;
        release(db, scope, details.pool, details.booking.start, places).await?;
    }
    Ok(())
}

/// An active booking's slot, for checking a schedule change against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTaken {
    pub start: DateTime<Utc>,
    pub taken: u32,
    /// Reception numbers of the active bookings in it.
    pub bookings: Vec<String>,
}

/// A pool's slots from `from` on that have active bookings, with their reception numbers.
///
/// # Errors
/// Database failures.
pub async fn booked_slots(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    from: DateTime<Utc>,
) -> Result<Vec<SlotTaken>, PersistenceError> {
    use sea_orm::QueryOrder;
    let rows = bookings::Entity::find()
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::PoolId.eq(pool.0))
        .filter(bookings::Column::Status.eq(BookingStatus::Booked.as_str()))
        .filter(bookings::Column::Start.gte(from))
        .order_by_asc(bookings::Column::Start)
        .all(db)
        .await?;
    let mut slots: Vec<SlotTaken> = Vec::new();
    for row in rows {
        let number = format!("{:010}", row.reception_number);
        let places = u32::try_from(row.places).unwrap_or(0);
        match slots.last_mut() {
            Some(last) if last.start == row.start => {
                last.taken += places;
                last.bookings.push(number);
            }
            _ => slots.push(SlotTaken { start: row.start, taken: places, bookings: vec![number] }),
        }
    }
    Ok(slots)
}

/// What a card's page shows of the booking that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingSummary {
    pub reception_number: ReceptionNumber,
    pub start: DateTime<Utc>,
    pub status: BookingStatus,
}

/// # Errors
/// Database failures.
pub async fn summary(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: uuid::Uuid,
) -> Result<Option<BookingSummary>, PersistenceError> {
    let Some(model) = bookings::Entity::find_by_id((scope.uuid(), id)).one(db).await? else { return Ok(None) };
    let booking = booking_of(&model)?;
    Ok(Some(BookingSummary {
        reception_number: booking.reception_number,
        start: booking.start,
        status: booking.status,
    }))
}

/// Corrects who a booked booking is for: the phone, the mail address, applicants'
/// names and readings, and so the keys that find the same person twice. The booking's
/// version goes up and its history keeps each field before and after. Returns the
/// names of the fields changed (`phone`, `applicants.0.name`…), none when nothing did.
///
/// # Errors
/// `Conflict(Conflict::BookingChanged)` for a booking changed meanwhile,
/// `Conflict(Conflict::DuplicateBooking)` when the corrected person holds another
/// booking for the procedure, database failures.
pub async fn correct(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    correction: &madoguchi_domain::booking::Correction,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<Vec<String>, PersistenceError> {
    let mut changes = serde_json::Map::new();
    let mut set = Vec::new();
    let mut change = |field: String, from: Option<&str>, to: &str| {
        if from == Some(to) {
            return false;
        }
        changes.insert(field, serde_json::json!({ "from": from, "to": to }));
        true
    };
    let phone = correction.phone.as_ref().map(|p| p.as_str().to_owned()).or_else(|| details.phone.clone());
    let email = correction.email.as_ref().map(|e| e.as_str().to_owned()).or_else(|| details.email.clone());
    if let Some(p) = &correction.phone
        && change("phone".to_owned(), details.phone.as_deref(), p.as_str())
    {
        set.push((bookings::Column::Phone, Expr::value(vault.seal(places::PHONE, p.as_str()))));
        set.push((bookings::Column::PhoneIndex, Expr::value(vault.current().blind(places::PHONE, p.as_str()))));
    }
    if let Some(e) = &correction.email
        && change("email".to_owned(), details.email.as_deref(), e.as_str())
    {
        set.push((bookings::Column::Email, Expr::value(vault.seal(places::EMAIL, e.as_str()))));
    }
    let mut applicants = details.applicants.clone();
    let mut rows = Vec::new();
    for (position, fix) in correction.applicants.iter().enumerate() {
        let (Some(fix), Some(applicant)) = (fix, applicants.get_mut(position)) else { continue };
        let mut row = false;
        if let Some(name) = &fix.name
            && change(format!("applicants.{position}.name"), applicant.name.as_deref(), name.as_str())
        {
            applicant.name = Some(name.as_str().to_owned());
            row = true;
        }
        if let Some(kana) = &fix.name_kana
            && change(format!("applicants.{position}.name_kana"), applicant.name_kana.as_deref(), kana.as_str())
        {
            applicant.name_kana = Some(kana.as_str().to_owned());
            row = true;
        }
        if row {
            rows.push(position);
        }
    }
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    bump(db, scope, details, set, now).await?;
    for position in rows {
        let applicant = &applicants[position];
        let seal = |place: &str, value: &Option<String>| value.as_deref().map(|v| vault.seal(place, v));
        booking_applicants::Entity::update_many()
            .col_expr(booking_applicants::Column::Name, Expr::value(seal(places::NAME, &applicant.name)))
            .col_expr(booking_applicants::Column::NameKana, Expr::value(seal(places::NAME_KANA, &applicant.name_kana)))
            .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
            .filter(booking_applicants::Column::BookingId.eq(details.booking.id.0))
            .filter(booking_applicants::Column::Position.eq(i16::try_from(position).unwrap_or(i16::MAX)))
            .exec(db)
            .await?;
    }
    booking_identities::Entity::delete_many()
        .filter(booking_identities::Column::TenantId.eq(scope.uuid()))
        .filter(booking_identities::Column::BookingId.eq(details.booking.id.0))
        .exec(db)
        .await?;
    let keys = stored_identities(&applicants, phone.as_deref(), email.as_deref());
    insert_identities(db, vault, details.booking.procedure.0, details.booking.id.0, &keys).await?;
    crate::search_tokens::replace(db, scope, details.booking.id.0, &tokens_of(vault, &applicants)).await?;
    let fields: Vec<String> = changes.keys().cloned().collect();
    let mut detail = serde_json::Value::Object(changes);
    if let Some(reason) = actor.reason {
        detail["reason"] = serde_json::json!(reason);
    }
    record(db, scope, vault, details.booking.id, actor.name, "corrected", &detail, now).await?;
    Ok(fields)
}

/// Replaces a booked booking's password hash (the old password stops working).
///
/// # Errors
/// `Conflict(Conflict::BookingChanged)`, database failures.
pub async fn replace_password(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    details: &BookingDetails,
    password_hash: String,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    bump(db, scope, details, vec![(bookings::Column::PasswordHash, Expr::value(password_hash))], now).await?;
    let detail = serde_json::json!({ "reason": actor.reason });
    record(db, scope, vault, details.booking.id, actor.name, "password_reissued", &detail, now).await
}

/// Seals up to `batch` of the tenant's bookings not yet sealed under its current key
/// — stored before sealing began, or under an older data key — with their history,
/// identity keys (under every key held), indexes and tokens; returns how many: 0 when
/// none is left. Each call is whole or nothing in the caller's transaction, so the pass
/// resumes where it stopped.
///
/// # Errors
/// A value that does not open, database failures.
pub async fn reseal(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    let version = vault.current().version();
    let models = crate::sealed::under_older_keys::<bookings::Entity>(db, scope, vault, batch).await?;
    for model in &models {
        let applicants = applicants_of(db, scope, vault, model.id).await?;
        booking_applicants::Entity::delete_many()
            .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
            .filter(booking_applicants::Column::BookingId.eq(model.id))
            .exec(db)
            .await?;
        for (position, applicant) in applicants.iter().enumerate() {
            booking_applicants::Entity::insert(sealed_applicant(vault, model.id, position, applicant))
                .exec_without_returning(db)
                .await?;
        }
        crate::search_tokens::replace(db, scope, model.id, &tokens_of(vault, &applicants)).await?;
        let email = open_opt(vault, places::EMAIL, model.email.clone())?;
        let phone = open_opt(vault, places::PHONE, model.phone.clone())?;
        // An active booking holds its identity keys; they are made again from what it
        // holds, under every key now held.
        let held = booking_identities::Entity::delete_many()
            .filter(booking_identities::Column::TenantId.eq(scope.uuid()))
            .filter(booking_identities::Column::BookingId.eq(model.id))
            .exec(db)
            .await?
            .rows_affected;
        if held > 0 {
            let keys = stored_identities(&applicants, phone.as_deref(), email.as_deref());
            insert_identities(db, vault, model.procedure_id, model.id, &keys).await?;
        }
        let events = booking_events::Entity::find()
            .filter(booking_events::Column::TenantId.eq(scope.uuid()))
            .filter(booking_events::Column::BookingId.eq(model.id))
            .all(db)
            .await?;
        for event in events {
            let detail = open(vault, places::EVENT_DETAIL, event.detail)?;
            booking_events::Entity::update_many()
                .col_expr(booking_events::Column::Detail, Expr::value(vault.seal(places::EVENT_DETAIL, &detail)))
                .filter(booking_events::Column::TenantId.eq(scope.uuid()))
                .filter(booking_events::Column::Id.eq(event.id))
                .exec(db)
                .await?;
        }
        let notes = open(vault, places::NOTES, model.notes.clone())?;
        let seal = |place: &str, value: &Option<String>| value.as_deref().map(|v| vault.seal(place, v));
        bookings::Entity::update_many()
            .col_expr(bookings::Column::Email, Expr::value(seal(places::EMAIL, &email)))
            .col_expr(bookings::Column::Phone, Expr::value(seal(places::PHONE, &phone)))
            .col_expr(
                bookings::Column::PhoneIndex,
                Expr::value(phone.as_deref().map(|p| vault.current().blind(places::PHONE, p))),
            )
            .col_expr(bookings::Column::Notes, Expr::value(vault.seal(places::NOTES, &notes)))
            .col_expr(bookings::Column::KeyVersion, Expr::value(version))
            .filter(bookings::Column::TenantId.eq(scope.uuid()))
            .filter(bookings::Column::Id.eq(model.id))
            .filter(bookings::Column::KeyVersion.eq(model.key_version))
            .exec(db)
            .await?;
    }
    Ok(u64::try_from(models.len()).unwrap_or(u64::MAX))
}

/// Removes who up to `batch` bookings were for — contact, notes, the applicants'
/// names, readings, birth dates, addresses and management numbers, their search tokens
/// and the history's details — once visited or missed before `before`, or cancelled
/// before it. What statistics count stays: location, procedure, slot, places, status,
/// channel and the history's actions and times. Returns how many: 0 when none is left.
///
/// # Errors
/// Database failures.
pub async fn remove_personal_data(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    before: DateTime<Utc>,
    batch: u64,
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    use sea_orm::{QueryOrder, QuerySelect};
    let over = Condition::any()
        .add(
            Condition::all()
                .add(bookings::Column::Status.is_in([BookingStatus::Visited.as_str(), BookingStatus::NoShow.as_str()]))
                .add(bookings::Column::Start.lt(before)),
        )
        .add(
            Condition::all()
                .add(bookings::Column::Status.eq(BookingStatus::Cancelled.as_str()))
                .add(bookings::Column::UpdatedAt.lt(before)),
        );
    let ids: Vec<Uuid> = bookings::Entity::find()
        .select_only()
        .column(bookings::Column::Id)
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::PersonalDataRemovedAt.is_null())
        .filter(over)
        .order_by_asc(bookings::Column::Id)
        .limit(batch)
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    bookings::Entity::update_many()
        .col_expr(bookings::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(bookings::Column::Phone, Expr::value(Option::<String>::None))
        .col_expr(bookings::Column::PhoneIndex, Expr::value(Option::<i64>::None))
        .col_expr(bookings::Column::Notes, Expr::value(""))
        .col_expr(bookings::Column::PersonalDataRemovedAt, Expr::value(now))
        .filter(bookings::Column::TenantId.eq(scope.uuid()))
        .filter(bookings::Column::Id.is_in(ids.clone()))
        .exec(db)
        .await?;
    let none = || Expr::value(Option::<String>::None);
    booking_applicants::Entity::update_many()
        .col_expr(booking_applicants::Column::ManagementNumber, none())
        .col_expr(booking_applicants::Column::ManagementNumberIndex, Expr::value(Option::<i64>::None))
        .col_expr(booking_applicants::Column::Name, none())
        .col_expr(booking_applicants::Column::NameKana, none())
        .col_expr(booking_applicants::Column::BirthDate, Expr::value(Option::<NaiveDate>::None))
        .col_expr(booking_applicants::Column::BirthDateSealed, none())
        .col_expr(booking_applicants::Column::BirthDateIndex, Expr::value(Option::<i64>::None))
        .col_expr(booking_applicants::Column::Address, none())
        .filter(booking_applicants::Column::TenantId.eq(scope.uuid()))
        .filter(booking_applicants::Column::BookingId.is_in(ids.clone()))
        .exec(db)
        .await?;
    booking_events::Entity::update_many()
        .col_expr(booking_events::Column::Detail, Expr::value("{}"))
        .filter(booking_events::Column::TenantId.eq(scope.uuid()))
        .filter(booking_events::Column::BookingId.is_in(ids.clone()))
        .exec(db)
        .await?;
    booking_identities::Entity::delete_many()
        .filter(booking_identities::Column::TenantId.eq(scope.uuid()))
        .filter(booking_identities::Column::BookingId.is_in(ids.clone()))
        .exec(db)
        .await?;
    crate::search_tokens::remove_all(db, scope, &ids).await?;
    Ok(u64::try_from(ids.len()).unwrap_or(u64::MAX))
}
