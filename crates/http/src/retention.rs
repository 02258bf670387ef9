//! Retention: who a booking was for is removed a tenant-set number of days after the
//! visit or the cancellation (`booking_rules.retention_days`), and a person of the
//! address list as many days after the last list that held them was imported. A periodic
//! task on every node; the job's lease lets one node at a time run it, and each run that
//! removed something is in the tenant's audit log.

use chrono::{DateTime, Duration, Utc};
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::{
    DatabaseTransaction, PersistenceError, TenantScope, booking_rules, bookings, database, job_leases, ledger_imports,
    tenants,
};

use crate::problem::ApiResult;
use crate::state::AppState;

const JOB: &str = "retention";
/// Longer than a run takes; a node that stops mid-run gives the job up this late.
const LEASE: i64 = 10;
const BATCH: u64 = 500;

/// What the job removes.
#[derive(Debug, Clone, Copy)]
enum Removal {
    /// Who bookings were for.
    Bookings,
    /// People of the address list.
    People,
}

impl Removal {
    const ALL: [Self; 2] = [Self::Bookings, Self::People];

    /// The audit action, its target, and the key its detail counts under.
    fn audit(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Bookings => ("retention.bookings", "booking", "bookings"),
            Self::People => ("retention.people", "ledger_person", "people"),
        }
    }

    /// Removes a batch; returns how many rows.
    async fn batch(
        self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<u64, PersistenceError> {
        match self {
            Self::Bookings => bookings::remove_personal_data(txn, scope, before, BATCH, now).await,
            Self::People => ledger_imports::remove_people_before(txn, scope, before, BATCH).await,
        }
    }
}

/// Runs the job if this node (`holder`) holds its lease; returns how many bookings had
/// their personal data removed and how many people of the address list went, per tenant
/// and kind (`bookings`, `people`) that had any.
///
/// # Errors
/// Database failures (a batch removed stays removed; the next run goes on).
pub async fn run(state: &AppState, holder: &str) -> ApiResult<Vec<(String, &'static str, u64)>> {
    let now = state.clock.now();
    if !job_leases::take(&state.db, JOB, holder, now, now + Duration::minutes(LEASE)).await? {
        return Ok(Vec::new());
    }
    let mut removed = Vec::new();
    for tenant in tenants::all(&state.db).await? {
        let scope = tenant.scope();
        let days = booking_rules::get(&state.db, &scope).await?.retention_days;
        let before: DateTime<Utc> = now - Duration::days(i64::from(days));
        for removal in Removal::ALL {
            let (action, target, counted) = removal.audit();
            let mut count = 0;
            loop {
                let txn = database::begin_write(&state.db).await?;
                let done = removal.batch(&txn, &scope, before, now).await?;
                txn.commit().await?;
                count += done;
                if done < BATCH {
                    break;
                }
            }
            if count > 0 {
                let vault = state.vault(&scope).await?;
                let detail = serde_json::json!({ counted: count, "before": before, "retention_days": days });
                let entry = AuditEntry::by_system(action, target, None, detail);
                audit_log::append(&state.db, &scope, &vault, entry, now).await?;
                removed.push((tenant.slug.as_str().to_owned(), counted, count));
                database::compact_log(&state.db).await?;
            }
        }
    }
    Ok(removed)
}
