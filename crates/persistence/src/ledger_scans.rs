//! Scan batches: the QR codes of a stack of カード発行一覧 pages, read one by one and
//! registered together. A scan row is kept for good, so its unique index refuses the
//! same card read again in any batch, before or after registration.

use chrono::{DateTime, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::Conflict;
use crate::entities::{ledger_cards, ledger_scan_batches, ledger_scans};
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub committed_at: Option<DateTime<Utc>>,
    pub scans: Vec<Scan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub id: Uuid,
    pub management_number: String,
    pub payload: String,
    pub scanned_at: DateTime<Utc>,
}

/// Where a card was met before: registered in the ledger, or scanned into a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    Registered { card: Uuid },
    Scanned { batch: Uuid, at: DateTime<Utc> },
}

/// # Errors
/// Database failures.
pub async fn create_batch(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let id = Uuid::now_v7();
    ledger_scan_batches::Entity::insert(ledger_scan_batches::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        created_by: Set(created_by.to_owned()),
        created_at: Set(now),
        committed_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

/// The batch and its scans, oldest first.
///
/// # Errors
/// Database failures.
pub async fn batch(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
) -> Result<Option<Batch>, PersistenceError> {
    let Some(batch) = ledger_scan_batches::Entity::find_by_id((scope.uuid(), id)).one(db).await? else {
        return Ok(None);
    };
    let scans = ledger_scans::Entity::find()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::BatchId.eq(id))
        .order_by_asc(ledger_scans::Column::ScannedAt)
        .order_by_asc(ledger_scans::Column::Id)
        .all(db)
        .await?;
    Ok(Some(Batch {
        id,
        created_by: batch.created_by,
        created_at: batch.created_at,
        committed_at: batch.committed_at,
        scans: scans
            .into_iter()
            .map(|s| Scan {
                id: s.id,
                management_number: s.management_number,
                payload: s.payload,
                scanned_at: s.scanned_at,
            })
            .collect(),
    }))
}

/// Adds a card's scan to an open batch. A card registered in the ledger (by an import,
/// say) is refused here; one scanned before, in any batch, by the unique index.
///
/// # Errors
/// `NotFound` for no such batch, `Conflict(Conflict::BatchCommitted)`,
/// `Conflict(Conflict::DuplicateQr)`, database failures.
pub async fn add(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    number: &ManagementNumber,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    let open = ledger_scan_batches::Entity::find_by_id((scope.uuid(), batch))
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)?;
    if open.committed_at.is_some() {
        return Err(PersistenceError::Conflict(Conflict::BatchCommitted));
    }
    if registered(db, scope, number).await?.is_some() {
        return Err(PersistenceError::Conflict(Conflict::DuplicateQr));
    }
    let id = Uuid::now_v7();
    ledger_scans::Entity::insert(ledger_scans::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        batch_id: Set(batch),
        management_number: Set(number.as_str().to_owned()),
        payload: Set(payload.to_owned()),
        scanned_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, Conflict::DuplicateQr))?;
    Ok(id)
}

/// Takes a wrong scan out of a batch not yet registered.
///
/// # Errors
/// `NotFound`, `Conflict(Conflict::BatchCommitted)`, database failures.
pub async fn remove(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    scan: Uuid,
) -> Result<(), PersistenceError> {
    let open = ledger_scan_batches::Entity::find_by_id((scope.uuid(), batch))
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)?;
    if open.committed_at.is_some() {
        return Err(PersistenceError::Conflict(Conflict::BatchCommitted));
    }
    let deleted = ledger_scans::Entity::delete_many()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::BatchId.eq(batch))
        .filter(ledger_scans::Column::Id.eq(scan))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(PersistenceError::NotFound);
    }
    Ok(())
}

/// Marks the batch registered, once: a second commit (a double click, a second clerk)
/// finds it committed and changes nothing.
///
/// # Errors
/// `Conflict(Conflict::BatchCommitted)`, database failures.
pub async fn mark_committed(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let marked = ledger_scan_batches::Entity::update_many()
        .col_expr(ledger_scan_batches::Column::CommittedAt, Expr::value(now))
        .filter(ledger_scan_batches::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scan_batches::Column::Id.eq(batch))
        .filter(ledger_scan_batches::Column::CommittedAt.is_null())
        .exec(db)
        .await?;
    if marked.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::BatchCommitted));
    }
    Ok(())
}

async fn registered(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    number: &ManagementNumber,
) -> Result<Option<Uuid>, PersistenceError> {
    Ok(ledger_cards::Entity::find()
        .filter(ledger_cards::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_cards::Column::ManagementNumber.eq(number.as_str()))
        .one(db)
        .await?
        .map(|card| card.id))
}

/// Where this card was met already, to name it in a duplicate's message.
///
/// # Errors
/// Database failures.
pub async fn seen(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    number: &ManagementNumber,
) -> Result<Option<Seen>, PersistenceError> {
    if let Some(card) = registered(db, scope, number).await? {
        return Ok(Some(Seen::Registered { card }));
    }
    let scan = ledger_scans::Entity::find()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::ManagementNumber.eq(number.as_str()))
        .one(db)
        .await?;
    Ok(scan.map(|s| Seen::Scanned { batch: s.batch_id, at: s.scanned_at }))
}
