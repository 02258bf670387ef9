//! Fixed-window counters in the database, so that every node sees the same count.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::PersistenceError;
use crate::entities::rate_limits;

/// Counts one event in the window and returns the window's count. One upsert, so
/// that parallel events on several nodes are all counted.
///
/// # Errors
/// Database failures.
pub async fn hit(
    db: &impl ConnectionTrait,
    bucket: &str,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, PersistenceError> {
    let counted = rate_limits::Entity::insert(rate_limits::ActiveModel {
        bucket: Set(bucket.to_owned()),
        key: Set(key.to_owned()),
        window_start: Set(window_start),
        count: Set(1),
    })
    .on_conflict(
        OnConflict::columns([rate_limits::Column::Bucket, rate_limits::Column::Key, rate_limits::Column::WindowStart])
            .value(rate_limits::Column::Count, Expr::col((rate_limits::Entity, rate_limits::Column::Count)).add(1))
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok(counted.count)
}

/// Takes one event back (it turned out not to count: the right password).
///
/// # Errors
/// Database failures.
pub async fn give_back(
    db: &impl ConnectionTrait,
    bucket: &str,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    rate_limits::Entity::update_many()
        .col_expr(rate_limits::Column::Count, Expr::col(rate_limits::Column::Count).sub(1))
        .filter(rate_limits::Column::Bucket.eq(bucket))
        .filter(rate_limits::Column::Key.eq(key))
        .filter(rate_limits::Column::WindowStart.eq(window_start))
        .filter(rate_limits::Column::Count.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// The window's count so far.
///
/// # Errors
/// Database failures.
pub async fn count(
    db: &impl ConnectionTrait,
    bucket: &str,
    key: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, PersistenceError> {
    Ok(rate_limits::Entity::find_by_id((bucket.to_owned(), key.to_owned(), window_start))
        .one(db)
        .await?
        .map_or(0, |m| m.count))
}

/// Forgets windows that started before `before`.
///
/// # Errors
/// Database failures.
pub async fn purge(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, PersistenceError> {
    Ok(rate_limits::Entity::delete_many()
        .filter(rate_limits::Column::WindowStart.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
