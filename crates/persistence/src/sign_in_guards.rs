//! Failed sign-ins per (tenant, login ID as typed). Every attempt is counted before
//! its password is checked, in one upsert, so that parallel guesses on any number of
//! nodes each see the others; the rule deciding from the count is the domain's.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use madoguchi_domain::sign_in::{FAILURES_FORGOTTEN_AFTER, SignInKey, Standing};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::sign_in_guards::{self, Column, Entity};
use crate::{PersistenceError, TenantScope};

fn one(scope: &TenantScope, key: &SignInKey) -> Condition {
    Condition::all().add(Column::TenantId.eq(scope.uuid())).add(Column::LoginKey.eq(key.as_str()))
}

fn not_locked(now: DateTime<Utc>) -> Condition {
    Condition::any().add(Column::LockedUntil.is_null()).add(Column::LockedUntil.lte(now))
}

fn standing(model: &sign_in_guards::Model) -> Standing {
    Standing { failures: model.failures, locked_until: model.locked_until, lockouts: model.lockouts }
}

/// Counts an attempt as a failure until its password proves otherwise, and answers
/// the standing with it. While locked the count stands still; after a quiet
/// [`FAILURES_FORGOTTEN_AFTER`] it starts again.
///
/// # Errors
/// Database failures.
pub async fn count_attempt(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    key: &SignInKey,
    now: DateTime<Utc>,
) -> Result<Standing, PersistenceError> {
    let existing = |column: Column| Expr::col((Entity, column));
    let failures = Expr::case(existing(Column::LockedUntil).gt(now), existing(Column::Failures))
        .case(existing(Column::LastFailureAt).lt(now - FAILURES_FORGOTTEN_AFTER), Expr::value(1))
        .finally(existing(Column::Failures).add(1));
    let counted = Entity::insert(sign_in_guards::ActiveModel {
        tenant_id: Set(scope.uuid()),
        login_key: Set(key.as_str().to_owned()),
        failures: Set(1),
        last_failure_at: Set(now),
        locked_until: Set(None),
        lockouts: Set(0),
    })
    .on_conflict(
        OnConflict::columns([Column::TenantId, Column::LoginKey])
            .value(Column::Failures, failures)
            .value(Column::LastFailureAt, Expr::value(now))
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok(standing(&counted))
}

/// The right password: the failures in a row end (a lock set meanwhile by a parallel
/// wrong guess stays).
///
/// # Errors
/// Database failures.
pub async fn succeeded(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    key: &SignInKey,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    Entity::update_many()
        .col_expr(Column::Failures, Expr::value(0))
        .filter(one(scope, key).add(not_locked(now)))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks the sign-in until `until`, as lock-out number `lockouts` in a row; the count
/// starts again after it. Only one of parallel wrong guesses sets it.
///
/// # Errors
/// Database failures.
pub async fn lock(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    key: &SignInKey,
    until: DateTime<Utc>,
    lockouts: i32,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    Entity::update_many()
        .col_expr(Column::LockedUntil, Expr::value(until))
        .col_expr(Column::Lockouts, Expr::value(lockouts))
        .col_expr(Column::Failures, Expr::value(0))
        .filter(one(scope, key).add(not_locked(now)))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the failures and any lock (an administrator unlocked, or set a new password).
///
/// # Errors
/// Database failures.
pub async fn clear(db: &impl ConnectionTrait, scope: &TenantScope, key: &SignInKey) -> Result<(), PersistenceError> {
    Entity::delete_many().filter(one(scope, key)).exec(db).await?;
    Ok(())
}

/// The standing of each of `keys` that has failures or a lock.
///
/// # Errors
/// Database failures.
pub async fn standings(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    keys: &[SignInKey],
) -> Result<HashMap<String, Standing>, PersistenceError> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = Entity::find()
        .filter(Column::TenantId.eq(scope.uuid()))
        .filter(Column::LoginKey.is_in(keys.iter().map(SignInKey::as_str)))
        .all(db)
        .await?;
    Ok(rows.iter().map(|row| (row.login_key.clone(), standing(row))).collect())
}
