//! Counter locations of a tenant (本庁舎, 北支所…).

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::LocationId;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::locations;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub id: LocationId,
    pub name: String,
    pub address: String,
    pub sort_order: i32,
    pub active: bool,
    pub version: i32,
}

fn from_model(model: locations::Model) -> Location {
    Location { id: LocationId(model.id), name: model.name, address: model.address, sort_order: model.sort_order, active: model.active, version: model.version }
}

/// The tenant's locations in display order; only the active ones when asked.
///
/// # Errors
/// Database failures.
pub async fn list(db: &impl ConnectionTrait, scope: &TenantScope, active_only: bool) -> Result<Vec<Location>, PersistenceError> {
    let mut condition = Condition::all().add(locations::Column::TenantId.eq(scope.uuid()));
    if active_only {
        condition = condition.add(locations::Column::Active.eq(true));
    }
    Ok(locations::Entity::find()
        .filter(condition)
        .order_by_asc(locations::Column::SortOrder)
        .order_by_asc(locations::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

/// # Errors
/// `location.name_taken`, database failures.
pub async fn create(db: &impl ConnectionTrait, scope: &TenantScope, name: &str, address: &str, sort_order: i32, now: DateTime<Utc>) -> Result<Location, PersistenceError> {
    let id = LocationId::generate();
    let model = locations::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        name: Set(name.to_owned()),
        address: Set(address.to_owned()),
        sort_order: Set(sort_order),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    locations::Entity::insert(model).exec_without_returning(db).await.map_err(|e| PersistenceError::unique_or(e, "location.name_taken"))?;
    Ok(Location { id, name: name.to_owned(), address: address.to_owned(), sort_order, active: true, version: 1 })
}
