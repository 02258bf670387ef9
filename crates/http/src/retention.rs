//! Retention: who a booking was for is removed a tenant-set number of days after the
//! visit or the cancellation (`booking_rules.retention_days`). A periodic task on every
//! node; the job's lease lets one node at a time run it, and each run that removed
//! something is in the tenant's audit log.

use chrono::{DateTime, Duration, Utc};
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::{booking_rules, bookings, database, job_leases, tenants};

use crate::problem::ApiResult;
use crate::state::AppState;

const JOB: &str = "retention";
/// Longer than a run takes; a node that stops mid-run gives the job up this late.
const LEASE: i64 = 10;
const BATCH: u64 = 500;

/// Runs the job if this node (`holder`) holds its lease; returns how many bookings had
/// their personal data removed, per tenant that had any.
///
/// # Errors
/// Database failures (a batch removed stays removed; the next run goes on).
pub async fn run(state: &AppState, holder: &str) -> ApiResult<Vec<(String, u64)>> {
    let now = state.clock.now();
    if !job_leases::take(&state.db, JOB, holder, now, now + Duration::minutes(LEASE)).await? {
        return Ok(Vec::new());
    }
    let mut removed = Vec::new();
    for tenant in tenants::all(&state.db).await? {
        let scope = tenant.scope();
        let days = booking_rules::get(&state.db, &scope).await?.retention_days;
        let before: DateTime<Utc> = now - Duration::days(i64::from(days));
        let mut count = 0;
        loop {
            let txn = database::begin_write(&state.db).await?;
            let done = bookings::remove_personal_data(&txn, &scope, before, BATCH, now).await?;
            txn.commit().await?;
            count += done;
            if done < BATCH {
                break;
            }
        }
        if count > 0 {
            let vault = state.vault(&scope).await?;
            let detail = serde_json::json!({ "bookings": count, "before": before, "retention_days": days });
            let entry = AuditEntry::by_system("retention.bookings", "booking", None, detail);
            audit_log::append(&state.db, &scope, &vault, entry, now).await?;
            removed.push((tenant.slug.as_str().to_owned(), count));
            database::compact_log(&state.db).await?;
        }
    }
    Ok(removed)
}
