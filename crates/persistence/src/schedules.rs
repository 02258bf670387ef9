//! Capacity pools and their schedules: which pool a procedure draws from at a
//! location, weekly templates, date overrides, tenant-wide closures and imported
//! holidays.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::holidays::HolidayCalendar;
use madoguchi_domain::ids::{LocationId, PoolId, ProcedureId};
use madoguchi_domain::schedule::{Band, DateOverride, DayPlan, Schedule};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{
    capacity_pools, pool_date_overrides, pool_procedures, pool_weekdays, tenant_closures, tenant_holidays,
};
use crate::{PersistenceError, TenantScope};

/// # Errors
/// Database failures (an unknown location is refused by its foreign key).
pub async fn create_pool(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    location: LocationId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<PoolId, PersistenceError> {
    let id = PoolId::generate();
    capacity_pools::Entity::insert(capacity_pools::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        location_id: Set(location.0),
        name: Set(name.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// Offers `procedure` at `location`, drawing places from `pool`.
///
/// # Errors
/// Database failures.
pub async fn offer(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    location: LocationId,
    procedure: ProcedureId,
    pool: PoolId,
) -> Result<(), PersistenceError> {
    pool_procedures::Entity::insert(pool_procedures::ActiveModel {
        tenant_id: Set(scope.uuid()),
        location_id: Set(location.0),
        procedure_id: Set(procedure.0),
        pool_id: Set(pool.0),
    })
    .on_conflict(
        OnConflict::columns([
            pool_procedures::Column::TenantId,
            pool_procedures::Column::LocationId,
            pool_procedures::Column::ProcedureId,
        ])
        .update_column(pool_procedures::Column::PoolId)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Every (location, procedure) the tenant offers.
///
/// # Errors
/// Database failures.
pub async fn offerings(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<Vec<(LocationId, ProcedureId)>, PersistenceError> {
    Ok(pool_procedures::Entity::find()
        .filter(pool_procedures::Column::TenantId.eq(scope.uuid()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (LocationId(m.location_id), ProcedureId(m.procedure_id)))
        .collect())
}

/// The pool `procedure` draws from at `location`, if it is offered there.
///
/// # Errors
/// Database failures.
pub async fn pool_for(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    location: LocationId,
    procedure: ProcedureId,
) -> Result<Option<PoolId>, PersistenceError> {
    Ok(pool_procedures::Entity::find_by_id((scope.uuid(), location.0, procedure.0))
        .one(db)
        .await?
        .map(|m| PoolId(m.pool_id)))
}

fn count(value: u16) -> i32 {
    i32::from(value)
}

/// Sets a weekday's plan (0 = Monday), or closes it with `None`.
///
/// # Errors
/// Database failures.
pub async fn set_weekday(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    weekday: u8,
    plan: Option<&DayPlan>,
) -> Result<(), PersistenceError> {
    let key = (scope.uuid(), pool.0, i16::from(weekday));
    pool_weekdays::Entity::delete_by_id(key).exec(db).await?;
    if let Some(plan) = plan {
        pool_weekdays::Entity::insert(pool_weekdays::ActiveModel {
            tenant_id: Set(key.0),
            pool_id: Set(key.1),
            weekday: Set(key.2),
            bands: Set(Band::format_list(plan.bands())),
            slot_minutes: Set(count(plan.slot_minutes())),
            places: Set(count(plan.places())),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Sets what a date does, replacing an earlier override of it.
///
/// # Errors
/// Database failures.
pub async fn set_override(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    date: NaiveDate,
    value: &DateOverride,
) -> Result<(), PersistenceError> {
    let (closed, reason, bands, slot_minutes, places) = match value {
        DateOverride::Closed { reason } => (true, reason.clone(), String::new(), 0, 0),
        DateOverride::Open(plan) => {
            (false, String::new(), Band::format_list(plan.bands()), count(plan.slot_minutes()), count(plan.places()))
        }
    };
    pool_date_overrides::Entity::insert(pool_date_overrides::ActiveModel {
        tenant_id: Set(scope.uuid()),
        pool_id: Set(pool.0),
        date: Set(date),
        closed: Set(closed),
        reason: Set(reason),
        bands: Set(bands),
        slot_minutes: Set(slot_minutes),
        places: Set(places),
    })
    .on_conflict(
        OnConflict::columns([
            pool_date_overrides::Column::TenantId,
            pool_date_overrides::Column::PoolId,
            pool_date_overrides::Column::Date,
        ])
        .update_columns([
            pool_date_overrides::Column::Closed,
            pool_date_overrides::Column::Reason,
            pool_date_overrides::Column::Bands,
            pool_date_overrides::Column::SlotMinutes,
            pool_date_overrides::Column::Places,
        ])
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Closes every counter of the tenant on `date`.
///
/// # Errors
/// Database failures.
pub async fn add_closure(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    date: NaiveDate,
    reason: &str,
) -> Result<(), PersistenceError> {
    tenant_closures::Entity::insert(tenant_closures::ActiveModel {
        tenant_id: Set(scope.uuid()),
        date: Set(date),
        reason: Set(reason.to_owned()),
    })
    .on_conflict(
        OnConflict::columns([tenant_closures::Column::TenantId, tenant_closures::Column::Date])
            .update_column(tenant_closures::Column::Reason)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn plan_of(bands: &str, slot_minutes: i32, places: i32, what: &str) -> Result<DayPlan, PersistenceError> {
    let corrupt = |detail: String| PersistenceError::Corrupt(format!("{what}: {detail}"));
    let bands = Band::parse_list(bands).map_err(|e| corrupt(e.message))?;
    let slot_minutes = u16::try_from(slot_minutes).map_err(|_| corrupt(format!("slot_minutes {slot_minutes}")))?;
    let places = u16::try_from(places).map_err(|_| corrupt(format!("places {places}")))?;
    DayPlan::new(bands, slot_minutes, places).map_err(|e| corrupt(e.to_string()))
}

/// A pool's schedule for the dates `from..=until`, tenant closures included.
///
/// # Errors
/// `NotFound` for a pool of another tenant; database failures; stored plans that no
/// longer validate.
pub async fn schedule(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Schedule, PersistenceError> {
    capacity_pools::Entity::find_by_id((scope.uuid(), pool.0)).one(db).await?.ok_or(PersistenceError::NotFound)?;
    let mut schedule = Schedule::default();
    let in_pool = Condition::all()
        .add(pool_weekdays::Column::TenantId.eq(scope.uuid()))
        .add(pool_weekdays::Column::PoolId.eq(pool.0));
    for row in pool_weekdays::Entity::find().filter(in_pool).all(db).await? {
        let plan = plan_of(&row.bands, row.slot_minutes, row.places, "pool weekday")?;
        if let Some(slot) = usize::try_from(row.weekday).ok().and_then(|w| schedule.weekly.get_mut(w)) {
            *slot = Some(plan);
        }
    }
    let overrides = pool_date_overrides::Entity::find()
        .filter(
            Condition::all()
                .add(pool_date_overrides::Column::TenantId.eq(scope.uuid()))
                .add(pool_date_overrides::Column::PoolId.eq(pool.0))
                .add(pool_date_overrides::Column::Date.between(from, until)),
        )
        .all(db)
        .await?;
    for row in overrides {
        let value = if row.closed {
            DateOverride::Closed { reason: row.reason }
        } else {
            DateOverride::Open(plan_of(&row.bands, row.slot_minutes, row.places, "pool date override")?)
        };
        schedule.overrides.insert(row.date, value);
    }
    // A tenant-wide closure wins over a pool's own opening.
    let closures = tenant_closures::Entity::find()
        .filter(
            Condition::all()
                .add(tenant_closures::Column::TenantId.eq(scope.uuid()))
                .add(tenant_closures::Column::Date.between(from, until)),
        )
        .all(db)
        .await?;
    for closure in closures {
        schedule.overrides.insert(closure.date, DateOverride::Closed { reason: closure.reason });
    }
    Ok(schedule)
}

/// The tenant's holiday calendar: imported holidays over the computed ones.
///
/// # Errors
/// Database failures.
pub async fn holidays(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<HolidayCalendar, PersistenceError> {
    let imported: BTreeMap<NaiveDate, String> = tenant_holidays::Entity::find()
        .filter(tenant_holidays::Column::TenantId.eq(scope.uuid()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.date, m.name))
        .collect();
    Ok(HolidayCalendar::new(imported))
}

/// A capacity pool with its location and what it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSummary {
    pub id: PoolId,
    pub location: LocationId,
    pub name: String,
    pub procedures: Vec<ProcedureId>,
    pub weekly: [Option<DayPlan>; 7],
}

/// Every pool of the tenant with its week.
///
/// # Errors
/// Database failures; stored plans that no longer validate.
pub async fn pools(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<Vec<PoolSummary>, PersistenceError> {
    use sea_orm::QueryOrder;
    let offered =
        pool_procedures::Entity::find().filter(pool_procedures::Column::TenantId.eq(scope.uuid())).all(db).await?;
    let weekdays =
        pool_weekdays::Entity::find().filter(pool_weekdays::Column::TenantId.eq(scope.uuid())).all(db).await?;
    let mut pools = Vec::new();
    for pool in capacity_pools::Entity::find()
        .filter(capacity_pools::Column::TenantId.eq(scope.uuid()))
        .order_by_asc(capacity_pools::Column::CreatedAt)
        .all(db)
        .await?
    {
        let mut weekly: [Option<DayPlan>; 7] = Default::default();
        for row in weekdays.iter().filter(|w| w.pool_id == pool.id) {
            if let Some(slot) = usize::try_from(row.weekday).ok().and_then(|w| weekly.get_mut(w)) {
                *slot = Some(plan_of(&row.bands, row.slot_minutes, row.places, "pool weekday")?);
            }
        }
        pools.push(PoolSummary {
            id: PoolId(pool.id),
            location: LocationId(pool.location_id),
            name: pool.name,
            procedures: offered.iter().filter(|o| o.pool_id == pool.id).map(|o| ProcedureId(o.procedure_id)).collect(),
            weekly,
        });
    }
    Ok(pools)
}

/// Removes a date's override: the weekly template applies again.
///
/// # Errors
/// Database failures.
pub async fn remove_override(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    pool: PoolId,
    date: NaiveDate,
) -> Result<bool, PersistenceError> {
    Ok(pool_date_overrides::Entity::delete_by_id((scope.uuid(), pool.0, date)).exec(db).await?.rows_affected == 1)
}

/// Replaces the imported holidays of every year the list covers (other years keep
/// theirs); returns those years.
///
/// # Errors
/// Database failures.
pub async fn replace_holidays(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    holidays: &BTreeMap<NaiveDate, String>,
) -> Result<Vec<i32>, PersistenceError> {
    use chrono::Datelike;
    let mut years: Vec<i32> = holidays.keys().map(Datelike::year).collect();
    years.dedup();
    for &year in &years {
        let (first, last) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31));
        if let (Some(first), Some(last)) = (first, last) {
            tenant_holidays::Entity::delete_many()
                .filter(tenant_holidays::Column::TenantId.eq(scope.uuid()))
                .filter(tenant_holidays::Column::Date.between(first, last))
                .exec(db)
                .await?;
        }
    }
    for (date, name) in holidays {
        tenant_holidays::Entity::insert(tenant_holidays::ActiveModel {
            tenant_id: Set(scope.uuid()),
            date: Set(*date),
            name: Set(name.chars().take(100).collect()),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(years)
}

/// Stops offering `procedure` at `location`.
///
/// # Errors
/// Database failures.
pub async fn withdraw(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    location: LocationId,
    procedure: ProcedureId,
) -> Result<(), PersistenceError> {
    pool_procedures::Entity::delete_by_id((scope.uuid(), location.0, procedure.0)).exec(db).await?;
    Ok(())
}

/// The tenant-wide closures (庁舎点検日…) from `from` on, by date.
///
/// # Errors
/// Database failures.
pub async fn closures(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    from: NaiveDate,
) -> Result<Vec<(NaiveDate, String)>, PersistenceError> {
    use sea_orm::QueryOrder;
    Ok(tenant_closures::Entity::find()
        .filter(tenant_closures::Column::TenantId.eq(scope.uuid()))
        .filter(tenant_closures::Column::Date.gte(from))
        .order_by_asc(tenant_closures::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.date, m.reason))
        .collect())
}

/// Opens a closed date again; true when it was closed.
///
/// # Errors
/// Database failures.
pub async fn remove_closure(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    date: NaiveDate,
) -> Result<bool, PersistenceError> {
    Ok(tenant_closures::Entity::delete_by_id((scope.uuid(), date)).exec(db).await?.rows_affected > 0)
}
