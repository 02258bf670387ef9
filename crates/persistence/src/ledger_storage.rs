//! Where cards wait before issuance (LED-11): named boxes and shelves, each with the
//! number of cards in it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_storage_locations};
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageLocation {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Cards lying there now.
    pub cards: u64,
}

/// Every location by name, with its card count.
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<Vec<StorageLocation>, PersistenceError> {
    let locations = ledger_storage_locations::Entity::find()
        .filter(ledger_storage_locations::Column::TenantId.eq(scope.uuid()))
        .order_by_asc(ledger_storage_locations::Column::Name)
        .all(db)
        .await?;
    let counts: Vec<(String, i64)> = ledger_cards::Entity::find()
        .select_only()
        .column(ledger_cards::Column::StorageLocation)
        .column_as(ledger_cards::Column::Id.count(), "cards")
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::StorageLocation.ne(""))
        .group_by(ledger_cards::Column::StorageLocation)
        .into_tuple()
        .all(db)
        .await?;
    Ok(locations
        .into_iter()
        .map(|l| {
            let cards =
                counts.iter().find(|(name, _)| *name == l.name).map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            StorageLocation { id: l.id, name: l.name, description: l.description, cards }
        })
        .collect())
}

/// # Errors
/// `Conflict(Conflict::StorageExists)` for a name in use, database failures.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    name: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let id = Uuid::now_v7();
    ledger_storage_locations::Entity::insert(ledger_storage_locations::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        name: Set(name.to_owned()),
        description: Set(description.to_owned()),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, Conflict::StorageExists))?;
    Ok(id)
}

/// # Errors
/// Database failures.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
) -> Result<Option<StorageLocation>, PersistenceError> {
    Ok(all(db, scope).await?.into_iter().find(|l| l.id == id))
}

/// # Errors
/// Database failures.
pub async fn exists(db: &impl ConnectionTrait, scope: &TenantScope, name: &str) -> Result<bool, PersistenceError> {
    Ok(ledger_storage_locations::Entity::find()
        .filter(ledger_storage_locations::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_storage_locations::Column::Name.eq(name))
        .one(db)
        .await?
        .is_some())
}

/// Removes an empty location.
///
/// # Errors
/// `Conflict(Conflict::StorageNotEmpty)`, database failures.
pub async fn delete(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    location: &StorageLocation,
) -> Result<(), PersistenceError> {
    let lying = ledger_cards::Entity::find()
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::StorageLocation.eq(location.name.as_str()))
        .one(db)
        .await?;
    if lying.is_some() {
        return Err(PersistenceError::Conflict(Conflict::StorageNotEmpty));
    }
    ledger_storage_locations::Entity::delete_many()
        .filter(ledger_storage_locations::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_storage_locations::Column::Id.eq(location.id))
        .exec(db)
        .await?;
    Ok(())
}
