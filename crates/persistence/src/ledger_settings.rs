//! How a municipality's カード発行一覧 QR codes are laid out (design.md: a layout change
//! is configuration, not code).

use madoguchi_domain::ledger::batch::BatchExpiry;
use madoguchi_domain::ledger::qr::{DEFAULT_LAYOUT, QrLayout};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ConnectionTrait, EntityTrait,
};

use crate::entities::ledger_settings;
use crate::{PersistenceError, TenantScope};

/// The tenant's QR layout; `jlis-qr-v1` until it sets another.
///
/// # Errors
/// `Corrupt` for a stored layout that no longer parses, database failures.
pub async fn qr_layout(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<QrLayout, PersistenceError> {
    let spec = ledger_settings::Entity::find_by_id(scope.uuid())
        .one(db)
        .await?
        .map_or_else(|| DEFAULT_LAYOUT.to_owned(), |m| m.qr_layout);
    QrLayout::parse(&spec).map_err(|e| PersistenceError::Corrupt(format!("ledger_settings.qr_layout: {e}")))
}

/// # Errors
/// Database failures.
pub async fn set_qr_layout(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    layout: &QrLayout,
) -> Result<(), PersistenceError> {
    ledger_settings::Entity::insert(ledger_settings::ActiveModel {
        tenant_id: Set(scope.uuid()),
        qr_layout: Set(layout.spec()),
        version: Set(1),
        column_mappings: Set("{}".to_owned()),
        batch_expiry_hours: NotSet,
    })
    .on_conflict(
        OnConflict::column(ledger_settings::Column::TenantId)
            .update_column(ledger_settings::Column::QrLayout)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The tenant's own headers for a kind of import (field key → header); empty until set.
///
/// # Errors
/// `Corrupt` for stored JSON that no longer reads, database failures.
pub async fn column_mappings(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<std::collections::HashMap<String, std::collections::HashMap<String, String>>, PersistenceError> {
    let stored = ledger_settings::Entity::find_by_id(scope.uuid())
        .one(db)
        .await?
        .map_or_else(|| "{}".to_owned(), |m| m.column_mappings);
    serde_json::from_str(&stored)
        .map_err(|e| PersistenceError::Corrupt(format!("ledger_settings.column_mappings: {e}")))
}

/// # Errors
/// Database failures.
pub async fn set_column_mappings(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    mappings: &std::collections::HashMap<String, std::collections::HashMap<String, String>>,
) -> Result<(), PersistenceError> {
    let json = serde_json::to_string(mappings).map_err(|e| PersistenceError::Corrupt(e.to_string()))?;
    ledger_settings::Entity::insert(ledger_settings::ActiveModel {
        tenant_id: Set(scope.uuid()),
        qr_layout: Set(DEFAULT_LAYOUT.to_owned()),
        version: Set(1),
        column_mappings: Set(json),
        batch_expiry_hours: NotSet,
    })
    .on_conflict(
        OnConflict::column(ledger_settings::Column::TenantId)
            .update_column(ledger_settings::Column::ColumnMappings)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// How long an open scan batch may stay untouched; 72 hours until the tenant sets another.
///
/// # Errors
/// `Corrupt` for a stored value out of range, database failures.
pub async fn batch_expiry(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<BatchExpiry, PersistenceError> {
    match ledger_settings::Entity::find_by_id(scope.uuid()).one(db).await? {
        Some(model) => BatchExpiry::from_hours(model.batch_expiry_hours.into()).map_err(|_| {
            PersistenceError::Corrupt(format!("ledger_settings.batch_expiry_hours = {}", model.batch_expiry_hours))
        }),
        None => Ok(BatchExpiry::DEFAULT),
    }
}

/// # Errors
/// Database failures.
pub async fn set_batch_expiry(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    expiry: BatchExpiry,
) -> Result<(), PersistenceError> {
    ledger_settings::Entity::insert(ledger_settings::ActiveModel {
        tenant_id: Set(scope.uuid()),
        qr_layout: Set(DEFAULT_LAYOUT.to_owned()),
        version: Set(1),
        column_mappings: Set("{}".to_owned()),
        batch_expiry_hours: Set(expiry.hours().into()),
    })
    .on_conflict(
        OnConflict::column(ledger_settings::Column::TenantId)
            .update_column(ledger_settings::Column::BatchExpiryHours)
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
