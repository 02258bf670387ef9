//! Scan batches as the ledger desk uses them: read QR codes in, take a wrong one out,
//! register the batch, or discard it with a reason; an abandoned batch expires so its
//! cards are never stranded.

use chrono::{DateTime, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::batch::{BatchClosed, BatchExpiry, DiscardReason};
use madoguchi_domain::ledger::qr::{self, ScannedCard};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::ledger_cards;
use madoguchi_persistence::ledger_scans::{self, Batch, OpenBatch, Seen};
use madoguchi_persistence::{Conflict, PersistenceError, TenantScope, database, ledger_settings};
use serde_json::json;
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::problem::{ApiError, ApiResult, ConflictKind, ConflictWith, ProblemCode};
use crate::state::AppState;

/// The batch, and the expiry the tenant set.
pub struct BatchWithExpiry {
    pub batch: Batch,
    pub expiry: BatchExpiry,
    /// The batch's cards as the current layout reads them.
    pub cards: Vec<(ledger_scans::Scan, ScannedCard)>,
}

/// # Errors
/// `ledger.batch_not_found`, database failures.
pub async fn find(state: &AppState, scope: &TenantScope, id: Uuid) -> ApiResult<BatchWithExpiry> {
    let batch = ledger_scans::batch(&state.db, scope, &state.vault(scope).await?, id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerBatchNotFound))?;
    let layout = ledger_settings::qr_layout(&state.db, scope).await?;
    let cards = batch
        .scans
        .iter()
        .filter_map(|scan| qr::read(&layout, &scan.payload).ok().map(|card| (scan.clone(), card)))
        .collect();
    Ok(BatchWithExpiry { expiry: ledger_settings::batch_expiry(&state.db, scope).await?, batch, cards })
}

/// The tenant's open batches and its expiry time.
///
/// # Errors
/// Database failures.
pub async fn open(state: &AppState, scope: &TenantScope) -> ApiResult<(Vec<OpenBatch>, BatchExpiry)> {
    Ok((ledger_scans::open_batches(&state.db, scope).await?, ledger_settings::batch_expiry(&state.db, scope).await?))
}

/// Maps a closed batch's refusal to the problem a clerk reads.
fn refused(error: PersistenceError) -> ApiError {
    match error {
        PersistenceError::NotFound => ApiError::NotFound(ProblemCode::LedgerBatchNotFound),
        PersistenceError::Conflict(Conflict::BatchCommitted) => {
            ApiError::conflict(ProblemCode::LedgerBatchCommitted, "the batch is registered already: start a new one")
        }
        PersistenceError::Conflict(Conflict::BatchDiscarded) => ApiError::conflict(
            ProblemCode::LedgerBatchDiscarded,
            "the batch was discarded: start a new one and scan its cards again",
        ),
        other => other.into(),
    }
}

/// Reads one card into an open batch.
///
/// # Errors
/// `ledger.duplicate_qr` naming where the card was met, a closed batch, database failures.
pub async fn add(
    state: &AppState,
    scope: &TenantScope,
    batch: Uuid,
    card: &ScannedCard,
    payload: &str,
    now: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let vault = state.vault(scope).await?;
    let txn = database::begin_write(&state.db).await?;
    match ledger_scans::add(&txn, scope, &vault, batch, &card.management_number, payload, now).await {
        Ok(scan) => {
            txn.commit().await?;
            Ok(scan)
        }
        Err(PersistenceError::Conflict(Conflict::DuplicateQr)) => {
            drop(txn);
            Err(duplicate(state, scope, &card.management_number).await)
        }
        Err(other) => Err(refused(other)),
    }
}

/// `ledger.duplicate_qr`, saying where the card was met before and linking to it.
pub async fn duplicate(state: &AppState, scope: &TenantScope, number: &ManagementNumber) -> ApiError {
    let seen = match state.vault(scope).await {
        Ok(vault) => ledger_scans::seen(&state.db, scope, &vault, number).await.map_err(ApiError::from),
        Err(error) => Err(ApiError::from(error)),
    };
    match seen {
        Ok(Some(Seen::Registered { card })) => ApiError::ConflictWith {
            code: ProblemCode::LedgerDuplicateQr,
            detail: format!("{number} is registered in the ledger already"),
            with: ConflictWith { kind: ConflictKind::LedgerCard, id: card, at: None, by: None },
        },
        Ok(Some(Seen::Scanned { batch, at, by })) => ApiError::ConflictWith {
            code: ProblemCode::LedgerDuplicateQr,
            detail: format!(
                "{number} was scanned already, by {by} at {}, in a batch not registered yet",
                at.to_rfc3339()
            ),
            with: ConflictWith { kind: ConflictKind::LedgerScanBatch, id: batch, at: Some(at), by: Some(by) },
        },
        _ => ApiError::conflict(ProblemCode::LedgerDuplicateQr, format!("{number} was scanned or registered already")),
    }
}

/// Takes a wrong scan out of an open batch.
///
/// # Errors
/// No such scan, a closed batch, database failures.
pub async fn remove(
    state: &AppState,
    staff: &Staff<LedgerDesk>,
    batch: Uuid,
    scan: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let txn = database::begin_write(&state.db).await?;
    ledger_scans::remove(&txn, &staff.scope, batch, scan, now).await.map_err(|e| match e {
        PersistenceError::NotFound => ApiError::NotFound(ProblemCode::NotFound),
        other => refused(other),
    })?;
    staff.audit(&txn, state, "ledger.scan_remove", "ledger_scan_batch", Some(batch.to_string()), json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// Registers every card of the batch in the ledger, in one transaction: all of them or,
/// should one fail, none (LED-03).
///
/// # Errors
/// An empty batch, a scan the layout no longer reads, a closed batch, a card registered
/// meanwhile, database failures.
pub async fn commit(state: &AppState, staff: &Staff<LedgerDesk>, id: Uuid) -> ApiResult<usize> {
    let batch = ledger_scans::batch(&state.db, &staff.scope, &state.vault(&staff.scope).await?, id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerBatchNotFound))?;
    batch.state.ensure_open().map_err(|closed| {
        refused(PersistenceError::Conflict(match closed {
            BatchClosed::Registered => Conflict::BatchCommitted,
            BatchClosed::Discarded => Conflict::BatchDiscarded,
        }))
    })?;
    if batch.scans.is_empty() {
        return Err(ApiError::Invalid {
            code: ProblemCode::LedgerEmptyBatch,
            errors: vec![FieldError::new(
                "scans",
                ProblemCode::LedgerEmptyBatch.as_str(),
                "scan at least one card before registering",
            )],
        });
    }
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let mut errors = FieldErrors::new();
    let cards: Vec<(ScannedCard, String)> = batch
        .scans
        .iter()
        .enumerate()
        .filter_map(|(index, scan)| {
            errors
                .collect(&format!("scans.{index}"), qr::read(&layout, &scan.payload))
                .map(|card| (card, scan.payload.clone()))
        })
        .collect();
    errors.into_result()?;
    let now = state.clock.now();
    let actor = staff.user.login_id.as_str();
    let vault = state.vault(&staff.scope).await?;
    let txn = database::begin_write(&state.db).await?;
    ledger_scans::mark_committed(&txn, &staff.scope, id, now).await.map_err(refused)?;
    for (card, payload) in &cards {
        ledger_cards::register(&txn, &staff.scope, &vault, card, &format!("qr:{payload}"), actor, now).await.map_err(
            |e| match e {
                PersistenceError::Conflict(code) => ApiError::conflict(
                    ProblemCode::from(code),
                    format!("{} is registered in the ledger already: nothing was registered", card.management_number),
                ),
                other => other.into(),
            },
        )?;
    }
    staff
        .audit(
            &txn,
            state,
            "ledger.batch_commit",
            "ledger_scan_batch",
            Some(id.to_string()),
            json!({ "cards": cards.len() }),
        )
        .await?;
    txn.commit().await?;
    Ok(cards.len())
}

/// Discards an open batch with the clerk's reason; its cards can be scanned again.
///
/// # Errors
/// A closed batch, database failures.
pub async fn discard(state: &AppState, staff: &Staff<LedgerDesk>, id: Uuid, reason: &DiscardReason) -> ApiResult<u64> {
    let txn = database::begin_write(&state.db).await?;
    let scans = ledger_scans::discard(&txn, &staff.scope, id, staff.user.login_id.as_str(), reason, state.clock.now())
        .await
        .map_err(refused)?;
    staff
        .audit(
            &txn,
            state,
            "ledger.batch_discard",
            "ledger_scan_batch",
            Some(id.to_string()),
            json!({ "reason": reason.as_str(), "scans": scans }),
        )
        .await?;
    txn.commit().await?;
    Ok(scans)
}

/// Discards every open batch left untouched for its tenant's expiry time, each in its
/// own transaction with an audit line by `system`; returns how many went.
///
/// # Errors
/// Database failures.
pub async fn expire_abandoned(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    // No tenant expires a batch sooner than the shortest expiry allows.
    let candidates =
        ledger_scans::untouched_since(&state.db, BatchExpiry::from_hours(BatchExpiry::MIN_HOURS)?.cutoff(now)).await?;
    let mut expired = 0;
    for batch in candidates {
        let expiry = ledger_settings::batch_expiry(&state.db, &batch.scope).await?;
        if expiry.expires_at(batch.touched_at) > now {
            continue;
        }
        let reason = DiscardReason::expired(expiry);
        // A municipality no longer served (its keys destroyed) keeps its batches as they are.
        let Ok(vault) = state.vault(&batch.scope).await else { continue };
        let txn = database::begin_write(&state.db).await?;
        match ledger_scans::discard(&txn, &batch.scope, batch.id, audit_log::SYSTEM, &reason, now).await {
            Ok(scans) => {
                let detail = json!({ "reason": reason.as_str(), "scans": scans, "created_by": batch.created_by });
                let entry = AuditEntry::by_system(
                    "ledger.batch_expire",
                    "ledger_scan_batch",
                    Some(batch.id.to_string()),
                    detail,
                );
                audit_log::append(&txn, &batch.scope, &vault, entry, now).await?;
                txn.commit().await?;
                expired += 1;
            }
            // Registered or discarded by a clerk meanwhile.
            Err(PersistenceError::Conflict(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Ok(expired)
}
