//! The tenant's booking window, period and deadline, and its booking options.

use chrono::{DateTime, NaiveTime, Utc};
use madoguchi_domain::booking_rules::{BookingRules, DaysBefore};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::booking_rules;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRules {
    pub rules: BookingRules,
    /// How long a resident may hold places while filling in the form.
    pub hold_minutes: u16,
    /// The share of a counter's day (in percent of its places) one client may hold at once.
    pub hold_share_percent: u16,
    /// Never ask for nor store names and addresses (RES-07).
    pub pii_free: bool,
    /// An issuance booking needs a card-ledger entry ready for hand-over (RES-11).
    pub ledger_check: bool,
    /// Mail a reminder this many days before the visit (1 = the day before); `None` sends none.
    pub reminder_days_before: Option<u16>,
    /// Days after the visit or the cancellation until who a booking was for is removed.
    pub retention_days: u16,
    pub version: i32,
}

impl StoredRules {
    #[must_use]
    pub fn defaults() -> Self {
        Self {
            rules: BookingRules::demo(),
            hold_minutes: 10,
            hold_share_percent: 10,
            pii_free: false,
            ledger_check: false,
            reminder_days_before: None,
            retention_days: 90,
            version: 1,
        }
    }
}

fn days(value: i32, what: &str) -> Result<u16, PersistenceError> {
    u16::try_from(value).map_err(|_| PersistenceError::Corrupt(format!("booking_rules.{what} = {value}")))
}

/// The rules, or the defaults for a tenant that has not set them.
///
/// # Errors
/// Database failures.
pub async fn get(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<StoredRules, PersistenceError> {
    let Some(m) = booking_rules::Entity::find_by_id(scope.uuid()).one(db).await? else {
        return Ok(StoredRules::defaults());
    };
    Ok(StoredRules {
        rules: BookingRules {
            first_date: m.first_date,
            last_date: m.last_date,
            opens: DaysBefore { days_before: days(m.opens_days_before, "opens_days_before")?, at: m.opens_at },
            closes: DaysBefore { days_before: days(m.closes_days_before, "closes_days_before")?, at: m.closes_at },
            change_deadline: DaysBefore {
                days_before: days(m.change_days_before, "change_days_before")?,
                at: m.change_at,
            },
        },
        hold_minutes: days(m.hold_minutes, "hold_minutes")?,
        hold_share_percent: days(m.hold_share_percent, "hold_share_percent")?,
        pii_free: m.pii_free,
        ledger_check: m.ledger_check,
        reminder_days_before: m.reminder_days_before.map(|d| days(d, "reminder_days_before")).transpose()?,
        retention_days: days(m.retention_days, "retention_days")?,
        version: m.version,
    })
}

/// Stores rules already validated by the domain.
///
/// # Errors
/// Database failures.
pub async fn save(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    stored: &StoredRules,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let r = &stored.rules;
    let at = |t: NaiveTime| Set(t);
    let model = booking_rules::ActiveModel {
        tenant_id: Set(scope.uuid()),
        first_date: Set(r.first_date),
        last_date: Set(r.last_date),
        opens_days_before: Set(i32::from(r.opens.days_before)),
        opens_at: at(r.opens.at),
        closes_days_before: Set(i32::from(r.closes.days_before)),
        closes_at: at(r.closes.at),
        change_days_before: Set(i32::from(r.change_deadline.days_before)),
        change_at: at(r.change_deadline.at),
        hold_minutes: Set(i32::from(stored.hold_minutes)),
        hold_share_percent: Set(i32::from(stored.hold_share_percent)),
        pii_free: Set(stored.pii_free),
        ledger_check: Set(stored.ledger_check),
        reminder_days_before: Set(stored.reminder_days_before.map(i32::from)),
        retention_days: Set(i32::from(stored.retention_days)),
        updated_at: Set(now),
        version: Set(stored.version),
    };
    booking_rules::Entity::delete_by_id(scope.uuid()).exec(db).await?;
    booking_rules::Entity::insert(model).exec_without_returning(db).await?;
    Ok(())
}

/// Tenants that mail reminders, with how many days before.
///
/// # Errors
/// Database failures.
pub async fn reminder_tenants(
    db: &impl ConnectionTrait,
) -> Result<Vec<(madoguchi_domain::ids::TenantId, u16)>, PersistenceError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    booking_rules::Entity::find()
        .filter(booking_rules::Column::ReminderDaysBefore.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok((
                madoguchi_domain::ids::TenantId(m.tenant_id),
                days(m.reminder_days_before.unwrap_or_default(), "reminder_days_before")?,
            ))
        })
        .collect()
}
