//! Staff sign-in sessions. They live in the database so that any node can check
//! them, and so that sign-out, lock-out and idle time-out take effect everywhere.

use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_domain::ids::{SessionId, StaffUserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::staff_sessions;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveSession {
    pub user_id: StaffUserId,
    /// The absolute end, fixed at sign-in.
    pub expires_at: DateTime<Utc>,
}

/// # Errors
/// Database failures.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    user_id: StaffUserId,
    refresh_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<SessionId, PersistenceError> {
    let id = SessionId::generate();
    staff_sessions::Entity::insert(staff_sessions::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        user_id: Set(user_id.0),
        refresh_hash: Set(refresh_hash),
        previous_refresh_hash: Set(None),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

fn live(scope: &TenantScope, id: SessionId, now: DateTime<Utc>, idle_since: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(staff_sessions::Column::TenantId.eq(scope.uuid()))
        .add(staff_sessions::Column::Id.eq(id.0))
        .add(staff_sessions::Column::RevokedAt.is_null())
        .add(staff_sessions::Column::ExpiresAt.gt(now))
        .add(staff_sessions::Column::LastSeenAt.gt(idle_since))
}

/// Activity is recorded at most this often: a busy clerk's every click need not be
/// a write, and the idle time-out is minutes long.
const TOUCH_EVERY: TimeDelta = TimeDelta::seconds(30);

/// Whether the session is alive (not revoked, not past its end, used more recently
/// than `idle_since`), recording it as used now. The write is a conditional update
/// that repeats the liveness test, so a sign-out between the read and the write wins.
///
/// # Errors
/// Database failures.
pub async fn touch(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: SessionId,
    user_id: StaffUserId,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<bool, PersistenceError> {
    let alive = live(scope, id, now, idle_since).add(staff_sessions::Column::UserId.eq(user_id.0));
    let Some(session) = staff_sessions::Entity::find().filter(alive.clone()).one(db).await? else {
        return Ok(false);
    };
    if session.last_seen_at > now - TOUCH_EVERY {
        return Ok(true);
    }
    let result = staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::LastSeenAt, Expr::value(now))
        .filter(alive)
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Replaces the refresh secret of a live session whose current secret is
/// `old_hash`. A refresh token used twice (stolen and replayed) matches only once.
/// It does not count as activity: the SPA refreshes on its own, and an unattended
/// screen must still reach its idle time-out.
///
/// # Errors
/// Database failures.
pub async fn rotate_refresh(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: SessionId,
    old_hash: &str,
    new_hash: String,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> Result<Option<LiveSession>, PersistenceError> {
    let result = staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::PreviousRefreshHash, Expr::value(old_hash))
        .col_expr(staff_sessions::Column::RefreshHash, Expr::value(new_hash))
        .filter(live(scope, id, now, idle_since).add(staff_sessions::Column::RefreshHash.eq(old_hash)))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Ok(None);
    }
    Ok(staff_sessions::Entity::find_by_id((scope.uuid(), id.0))
        .one(db)
        .await?
        .map(|s| LiveSession { user_id: StaffUserId(s.user_id), expires_at: s.expires_at }))
}

/// Ends the session when `presented_hash` is the secret it had before its last
/// rotation: someone kept a copy of the cookie. Returns whether it ended.
///
/// # Errors
/// Database failures.
pub async fn revoke_replayed(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: SessionId,
    presented_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, PersistenceError> {
    let result = staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::RevokedAt, Expr::value(now))
        .filter(
            Condition::all()
                .add(staff_sessions::Column::TenantId.eq(scope.uuid()))
                .add(staff_sessions::Column::Id.eq(id.0))
                .add(staff_sessions::Column::RevokedAt.is_null())
                .add(staff_sessions::Column::PreviousRefreshHash.eq(presented_hash)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// # Errors
/// Database failures.
pub async fn revoke(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: SessionId,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::RevokedAt, Expr::value(now))
        .filter(
            Condition::all()
                .add(staff_sessions::Column::TenantId.eq(scope.uuid()))
                .add(staff_sessions::Column::Id.eq(id.0))
                .add(staff_sessions::Column::RevokedAt.is_null()),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (password reset, disabling), but `keep` (the one
/// from which they changed their own password).
///
/// # Errors
/// Database failures.
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    user_id: StaffUserId,
    keep: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let mut condition = Condition::all()
        .add(staff_sessions::Column::TenantId.eq(scope.uuid()))
        .add(staff_sessions::Column::UserId.eq(user_id.0))
        .add(staff_sessions::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        condition = condition.add(staff_sessions::Column::Id.ne(keep.0));
    }
    staff_sessions::Entity::update_many()
        .col_expr(staff_sessions::Column::RevokedAt, Expr::value(now))
        .filter(condition)
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of the tenant (its keys were destroyed).
///
/// # Errors
/// Database failures.
pub async fn end_all(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<(), PersistenceError> {
    staff_sessions::Entity::delete_many().filter(staff_sessions::Column::TenantId.eq(scope.uuid())).exec(db).await?;
    Ok(())
}
