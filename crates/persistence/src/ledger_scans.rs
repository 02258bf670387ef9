//! Scan batches: the QR codes of a stack of カード発行一覧 pages, read one by one and
//! registered together. A scan row is kept while its batch is open or registered, so its
//! unique index refuses the same card read again in any batch; discarding an open batch
//! deletes its scans and gives the cards back.

use chrono::{DateTime, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use std::collections::HashMap;

use madoguchi_domain::ids::TenantId;
use madoguchi_domain::ledger::batch::{BatchClosed, BatchState, DiscardReason};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::Conflict;
use crate::entities::{ledger_scan_batches, ledger_scans};
use crate::unique_keys::{self, Kind};
use crate::{PersistenceError, TenantScope};
use madoguchi_vault::TenantVault;

/// Where a scan's QR payload (the card holder's name, birth date, address…) is sealed.
const PAYLOAD: &str = "ledger_scans.payload";
/// Where a scan's management number is sealed.
const MANAGEMENT_NUMBER: &str = "ledger_scans.management_number";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// The last scan read in or taken out (or the creation).
    pub touched_at: DateTime<Utc>,
    pub state: BatchState,
    pub scans: Vec<Scan>,
}

/// An open batch as the list of batches shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBatch {
    pub scope: TenantScope,
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub touched_at: DateTime<Utc>,
    pub scans: u64,
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
    Scanned { batch: Uuid, at: DateTime<Utc>, by: String },
}

fn state_of(model: &ledger_scan_batches::Model) -> Result<BatchState, PersistenceError> {
    match (model.committed_at, model.discarded_at) {
        (None, None) => Ok(BatchState::Open),
        (Some(at), None) => Ok(BatchState::Registered { at }),
        (None, Some(at)) => Ok(BatchState::Discarded {
            at,
            by: model.discarded_by.clone().unwrap_or_default(),
            reason: DiscardReason::stored(model.discard_reason.clone().unwrap_or_default()),
        }),
        (Some(_), Some(_)) => {
            Err(PersistenceError::Corrupt(format!("ledger_scan_batches {}: registered and discarded", model.id)))
        }
    }
}

fn closed(refusal: BatchClosed) -> PersistenceError {
    PersistenceError::Conflict(match refusal {
        BatchClosed::Registered => Conflict::BatchCommitted,
        BatchClosed::Discarded => Conflict::BatchDiscarded,
    })
}

/// The batch, if it is open.
async fn open_batch(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
) -> Result<ledger_scan_batches::Model, PersistenceError> {
    let batch =
        ledger_scan_batches::Entity::find_by_id((scope.uuid(), id)).one(db).await?.ok_or(PersistenceError::NotFound)?;
    state_of(&batch)?.ensure_open().map_err(closed)?;
    Ok(batch)
}

async fn touch(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    ledger_scan_batches::Entity::update_many()
        .col_expr(ledger_scan_batches::Column::TouchedAt, Expr::value(now))
        .filter(ledger_scan_batches::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scan_batches::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
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
        touched_at: Set(Some(now)),
        discarded_at: Set(None),
        discarded_by: Set(None),
        discard_reason: Set(None),
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
    vault: &TenantVault,
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
        state: state_of(&batch)?,
        created_by: batch.created_by,
        created_at: batch.created_at,
        touched_at: batch.touched_at.unwrap_or(batch.created_at),
        scans: scans
            .into_iter()
            .map(|s| {
                Ok(Scan {
                    id: s.id,
                    management_number: crate::sealed::open(vault, MANAGEMENT_NUMBER, s.management_number)?,
                    payload: crate::sealed::open(vault, PAYLOAD, s.payload)?,
                    scanned_at: s.scanned_at,
                })
            })
            .collect::<Result<_, PersistenceError>>()?,
    }))
}

/// Adds a card's scan to an open batch. A card registered in the ledger (by an import,
/// say) is refused here; one scanned before, in any batch, by the scans' unique keys.
///
/// # Errors
/// `NotFound` for no such batch, `Conflict(Conflict::BatchCommitted)`,
/// `Conflict(Conflict::BatchDiscarded)`, `Conflict(Conflict::DuplicateQr)`, database failures.
pub async fn add(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: Uuid,
    number: &ManagementNumber,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<Uuid, PersistenceError> {
    open_batch(db, scope, batch).await?;
    if registered(db, scope, vault, number).await?.is_some() {
        return Err(PersistenceError::Conflict(Conflict::DuplicateQr));
    }
    let id = Uuid::now_v7();
    unique_keys::claim(db, scope, vault, Kind::Scan, &[(id, number.as_str())], Conflict::DuplicateQr).await?;
    ledger_scans::Entity::insert(ledger_scans::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        batch_id: Set(batch),
        management_number: Set(vault.seal(MANAGEMENT_NUMBER, number.as_str())),
        payload: Set(vault.seal(PAYLOAD, payload)),
        scanned_at: Set(now),
        key_version: Set(vault.current().version()),
    })
    .exec_without_returning(db)
    .await?;
    touch(db, scope, batch, now).await?;
    Ok(id)
}

/// Takes a wrong scan out of a batch not yet registered.
///
/// # Errors
/// `NotFound`, `Conflict(Conflict::BatchCommitted)`, `Conflict(Conflict::BatchDiscarded)`,
/// database failures.
pub async fn remove(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    scan: Uuid,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    open_batch(db, scope, batch).await?;
    let deleted = ledger_scans::Entity::delete_many()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::BatchId.eq(batch))
        .filter(ledger_scans::Column::Id.eq(scan))
        .exec(db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(PersistenceError::NotFound);
    }
    unique_keys::release(db, scope, Kind::Scan, &[scan]).await?;
    touch(db, scope, batch, now).await
}

/// Marks the batch registered, once: a second commit (a double click, a second clerk)
/// finds it committed, a discarded batch stays discarded, and nothing changes.
///
/// # Errors
/// `Conflict(Conflict::BatchCommitted)`, `Conflict(Conflict::BatchDiscarded)`, database failures.
pub async fn mark_committed(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    close(db, scope, batch, vec![(ledger_scan_batches::Column::CommittedAt, Expr::value(now))]).await
}

/// Closes an open batch with one conditional update (open: neither registered nor
/// discarded), so of two clerks closing it at once one wins and the other is told how
/// it was closed.
async fn close(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    set: Vec<(ledger_scan_batches::Column, sea_orm::sea_query::SimpleExpr)>,
) -> Result<(), PersistenceError> {
    let mut update = ledger_scan_batches::Entity::update_many()
        .filter(ledger_scan_batches::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scan_batches::Column::Id.eq(batch))
        .filter(ledger_scan_batches::Column::CommittedAt.is_null())
        .filter(ledger_scan_batches::Column::DiscardedAt.is_null());
    for (column, value) in set {
        update = update.col_expr(column, value);
    }
    if update.exec(db).await?.rows_affected == 0 {
        // Not open (or gone): say which, as reading it now finds it.
        open_batch(db, scope, batch).await?;
        return Err(PersistenceError::Conflict(Conflict::BatchCommitted));
    }
    Ok(())
}

/// Throws an open batch away and gives its cards back: its scans are deleted, so the
/// same cards can be read again; the batch keeps who discarded it, when and why.
/// Returns how many scans it held. One conditional update: a clerk registering the
/// batch at the same moment either wins or finds it discarded.
///
/// # Errors
/// `NotFound`, `Conflict(Conflict::BatchCommitted)`, `Conflict(Conflict::BatchDiscarded)`,
/// database failures.
pub async fn discard(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    batch: Uuid,
    by: &str,
    reason: &DiscardReason,
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    close(
        db,
        scope,
        batch,
        vec![
            (ledger_scan_batches::Column::DiscardedAt, Expr::value(now)),
            (ledger_scan_batches::Column::DiscardedBy, Expr::value(by)),
            (ledger_scan_batches::Column::DiscardReason, Expr::value(reason.as_str())),
        ],
    )
    .await?;
    let scans: Vec<Uuid> = ledger_scans::Entity::find()
        .select_only()
        .column(ledger_scans::Column::Id)
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::BatchId.eq(batch))
        .into_tuple()
        .all(db)
        .await?;
    unique_keys::release(db, scope, Kind::Scan, &scans).await?;
    let deleted = ledger_scans::Entity::delete_many()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::BatchId.eq(batch))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Forgets the scan of a card deleted from the ledger, so it can be scanned again.
///
/// # Errors
/// Database failures.
pub async fn forget_number(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    number: &str,
) -> Result<(), PersistenceError> {
    let Some(scan) = unique_keys::owner(db, scope, vault, Kind::Scan, number).await? else { return Ok(()) };
    unique_keys::release(db, scope, Kind::Scan, &[scan]).await?;
    ledger_scans::Entity::delete_many()
        .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scans::Column::Id.eq(scan))
        .exec(db)
        .await?;
    Ok(())
}

/// The tenant's open batches, oldest first, with how many cards each holds.
///
/// # Errors
/// Database failures.
pub async fn open_batches(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<Vec<OpenBatch>, PersistenceError> {
    let batches = ledger_scan_batches::Entity::find()
        .filter(ledger_scan_batches::Column::TenantId.eq(scope.uuid()))
        .filter(ledger_scan_batches::Column::CommittedAt.is_null())
        .filter(ledger_scan_batches::Column::DiscardedAt.is_null())
        .order_by_asc(ledger_scan_batches::Column::CreatedAt)
        .order_by_asc(ledger_scan_batches::Column::Id)
        .all(db)
        .await?;
    with_counts(db, batches).await
}

/// Every tenant's open batches untouched since before `before`: the candidates for expiry
/// (each tenant's own expiry time decides).
///
/// # Errors
/// Database failures.
pub async fn untouched_since(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<Vec<OpenBatch>, PersistenceError> {
    let batches = ledger_scan_batches::Entity::find()
        .filter(ledger_scan_batches::Column::CommittedAt.is_null())
        .filter(ledger_scan_batches::Column::DiscardedAt.is_null())
        .filter(
            Condition::any().add(ledger_scan_batches::Column::TouchedAt.lt(before)).add(
                Condition::all()
                    .add(ledger_scan_batches::Column::TouchedAt.is_null())
                    .add(ledger_scan_batches::Column::CreatedAt.lt(before)),
            ),
        )
        .order_by_asc(ledger_scan_batches::Column::CreatedAt)
        .limit(1000)
        .all(db)
        .await?;
    with_counts(db, batches).await
}

async fn with_counts(
    db: &impl ConnectionTrait,
    batches: Vec<ledger_scan_batches::Model>,
) -> Result<Vec<OpenBatch>, PersistenceError> {
    if batches.is_empty() {
        return Ok(Vec::new());
    }
    let counts: HashMap<(Uuid, Uuid), i64> = ledger_scans::Entity::find()
        .select_only()
        .column(ledger_scans::Column::TenantId)
        .column(ledger_scans::Column::BatchId)
        .column_as(ledger_scans::Column::Id.count(), "scans")
        .filter(ledger_scans::Column::BatchId.is_in(batches.iter().map(|b| b.id)))
        .group_by(ledger_scans::Column::TenantId)
        .group_by(ledger_scans::Column::BatchId)
        .into_tuple::<(Uuid, Uuid, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(tenant, batch, n)| ((tenant, batch), n))
        .collect();
    Ok(batches
        .into_iter()
        .map(|b| OpenBatch {
            scope: TenantScope::from_verified(TenantId(b.tenant_id)),
            id: b.id,
            scans: counts.get(&(b.tenant_id, b.id)).map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
            touched_at: b.touched_at.unwrap_or(b.created_at),
            created_by: b.created_by,
            created_at: b.created_at,
        })
        .collect())
}

async fn registered(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    number: &ManagementNumber,
) -> Result<Option<Uuid>, PersistenceError> {
    unique_keys::owner(db, scope, vault, Kind::Card, number.as_str()).await
}

/// Where this card was met already, to name it in a duplicate's message.
///
/// # Errors
/// Database failures.
pub async fn seen(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    number: &ManagementNumber,
) -> Result<Option<Seen>, PersistenceError> {
    if let Some(card) = registered(db, scope, vault, number).await? {
        return Ok(Some(Seen::Registered { card }));
    }
    let Some(scan) = unique_keys::owner(db, scope, vault, Kind::Scan, number.as_str()).await? else {
        return Ok(None);
    };
    let Some(scan) = ledger_scans::Entity::find_by_id((scope.uuid(), scan)).one(db).await? else { return Ok(None) };
    let by = ledger_scan_batches::Entity::find_by_id((scope.uuid(), scan.batch_id))
        .one(db)
        .await?
        .map(|b| b.created_by)
        .unwrap_or_default();
    Ok(Some(Seen::Scanned { batch: scan.batch_id, at: scan.scanned_at, by }))
}

/// Seals again, under the tenant's current key, up to `batch` scans stored before
/// sealing began or under an older data key, with their unique keys made anew; returns
/// how many (0 when none is left).
///
/// # Errors
/// A value that does not open, database failures.
pub async fn reseal(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    let version = vault.current().version();
    let scans = crate::sealed::under_older_keys::<ledger_scans::Entity>(db, scope, vault, batch).await?;
    let ids: Vec<Uuid> = scans.iter().map(|s| s.id).collect();
    unique_keys::release(db, scope, Kind::Scan, &ids).await?;
    let mut numbers = Vec::with_capacity(scans.len());
    for scan in scans {
        let number = crate::sealed::open(vault, MANAGEMENT_NUMBER, scan.management_number)?;
        let payload = crate::sealed::open(vault, PAYLOAD, scan.payload)?;
        ledger_scans::Entity::update_many()
            .col_expr(ledger_scans::Column::ManagementNumber, Expr::value(vault.seal(MANAGEMENT_NUMBER, &number)))
            .col_expr(ledger_scans::Column::Payload, Expr::value(vault.seal(PAYLOAD, &payload)))
            .col_expr(ledger_scans::Column::KeyVersion, Expr::value(version))
            .filter(ledger_scans::Column::TenantId.eq(scope.uuid()))
            .filter(ledger_scans::Column::Id.eq(scan.id))
            .exec(db)
            .await?;
        numbers.push((scan.id, number));
    }
    let owners: Vec<(Uuid, &str)> = numbers.iter().map(|(id, n)| (*id, n.as_str())).collect();
    unique_keys::claim(db, scope, vault, Kind::Scan, &owners, Conflict::DuplicateQr).await?;
    Ok(u64::try_from(ids.len()).unwrap_or(u64::MAX))
}
