//! Tenants' data keys as stored: wrapped by the key-encryption key, never in the clear.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::PersistenceError;
use crate::entities::tenant_keys;

/// One stored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey {
    pub tenant: Uuid,
    pub version: i32,
    pub wrapped: String,
    /// When it begins to seal; `None`: from the start.
    pub active_from: Option<DateTime<Utc>>,
}

impl From<tenant_keys::Model> for WrappedKey {
    fn from(row: tenant_keys::Model) -> Self {
        Self { tenant: row.tenant_id, version: row.version, wrapped: row.wrapped, active_from: row.active_from }
    }
}

/// Every stored key of every tenant.
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<WrappedKey>, PersistenceError> {
    stored(db, tenant_keys::Entity::find()).await
}

/// The stored keys of one tenant, oldest first.
///
/// # Errors
/// Database failures.
pub async fn of(db: &impl ConnectionTrait, tenant: Uuid) -> Result<Vec<WrappedKey>, PersistenceError> {
    stored(db, tenant_keys::Entity::find().filter(tenant_keys::Column::TenantId.eq(tenant))).await
}

/// The keys `select` finds, by tenant, oldest version first.
async fn stored(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<tenant_keys::Entity>,
) -> Result<Vec<WrappedKey>, PersistenceError> {
    let rows =
        select.order_by_asc(tenant_keys::Column::TenantId).order_by_asc(tenant_keys::Column::Version).all(db).await?;
    Ok(rows.into_iter().map(WrappedKey::from).collect())
}

/// Stores `key` unless the tenant has that version already (two nodes making a
/// tenant's first key at once keep one: each then reads back what was kept).
///
/// # Errors
/// Database failures.
pub async fn insert_if_absent(
    db: &impl ConnectionTrait,
    key: &WrappedKey,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    tenant_keys::Entity::insert(tenant_keys::ActiveModel {
        tenant_id: Set(key.tenant),
        version: Set(key.version),
        wrapped: Set(key.wrapped.clone()),
        created_at: Set(now),
        active_from: Set(key.active_from),
    })
    .on_conflict(
        OnConflict::columns([tenant_keys::Column::TenantId, tenant_keys::Column::Version]).do_nothing().to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Stores a wrapped key again (wrapped under a new key-encryption key).
///
/// # Errors
/// Database failures.
pub async fn rewrap(db: &impl ConnectionTrait, key: &WrappedKey) -> Result<(), PersistenceError> {
    tenant_keys::Entity::update_many()
        .col_expr(tenant_keys::Column::Wrapped, sea_orm::sea_query::Expr::value(key.wrapped.clone()))
        .filter(tenant_keys::Column::TenantId.eq(key.tenant))
        .filter(tenant_keys::Column::Version.eq(key.version))
        .exec(db)
        .await?;
    Ok(())
}

/// Destroys every key of a tenant: what they sealed can no longer be read by anyone,
/// in the database or in any backup once the key-encryption key that wrapped them
/// there is retired. Returns how many keys went.
///
/// # Errors
/// Database failures.
pub async fn destroy(db: &impl ConnectionTrait, tenant: Uuid) -> Result<u64, PersistenceError> {
    Ok(tenant_keys::Entity::delete_many()
        .filter(tenant_keys::Column::TenantId.eq(tenant))
        .exec(db)
        .await?
        .rows_affected)
}
