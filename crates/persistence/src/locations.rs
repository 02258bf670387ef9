//! Counter locations of a tenant (本庁舎, 北支所…).

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::LocationId;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::Conflict;
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
    Location {
        id: LocationId(model.id),
        name: model.name,
        address: model.address,
        sort_order: model.sort_order,
        active: model.active,
        version: model.version,
    }
}

/// The tenant's locations in display order; only the active ones when asked.
///
/// # Errors
/// Database failures.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    active_only: bool,
) -> Result<Vec<Location>, PersistenceError> {
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
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    name: &str,
    address: &str,
    sort_order: i32,
    now: DateTime<Utc>,
) -> Result<Location, PersistenceError> {
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
    locations::Entity::insert(model)
        .exec_without_returning(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::LocationNameTaken))?;
    Ok(Location { id, name: name.to_owned(), address: address.to_owned(), sort_order, active: true, version: 1 })
}

/// A location's editable fields.
#[derive(Debug, Clone)]
pub struct LocationChange {
    pub name: String,
    pub address: String,
    pub sort_order: i32,
    pub active: bool,
}

/// Replaces a location's fields if it is still at `version`.
///
/// # Errors
/// `location.changed_meanwhile`, `location.name_taken`, `NotFound`, database failures.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: LocationId,
    version: i32,
    change: &LocationChange,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let updated = locations::Entity::update_many()
        .col_expr(locations::Column::Name, Expr::value(change.name.clone()))
        .col_expr(locations::Column::Address, Expr::value(change.address.clone()))
        .col_expr(locations::Column::SortOrder, Expr::value(change.sort_order))
        .col_expr(locations::Column::Active, Expr::value(change.active))
        .col_expr(locations::Column::UpdatedAt, Expr::value(now))
        .col_expr(locations::Column::Version, Expr::col(locations::Column::Version).add(1))
        .filter(locations::Column::TenantId.eq(scope.uuid()))
        .filter(locations::Column::Id.eq(id.0))
        .filter(locations::Column::Version.eq(version))
        .exec(db)
        .await
        .map_err(|e| PersistenceError::unique_or(e, Conflict::LocationNameTaken))?;
    if updated.rows_affected == 0 {
        if !list(db, scope, false).await?.iter().any(|l| l.id == id) {
            return Err(PersistenceError::NotFound);
        }
        return Err(PersistenceError::Conflict(Conflict::LocationChanged));
    }
    Ok(())
}
