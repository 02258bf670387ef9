//! What an audit line's target is called, so the log reads without the database:
//! 窓口 本庁舎 rather than a UUID. Names are looked up once per page; a target deleted
//! since keeps its ID (its own delete line says what it was).

use std::collections::HashMap;

use madoguchi_persistence::audit_log::AuditRecord;
use madoguchi_persistence::{TenantScope, ledger_cards, ledger_storage, locations, procedures, staff_users};
use uuid::Uuid;

use crate::problem::ApiResult;
use crate::state::AppState;

/// The name of each record's target, where the target still exists, by record ID.
///
/// # Errors
/// Database failures.
pub async fn target_names(
    state: &AppState,
    scope: &TenantScope,
    records: &[AuditRecord],
) -> ApiResult<HashMap<Uuid, String>> {
    let ids_of = |kind: &str| -> Vec<Uuid> {
        records
            .iter()
            .filter(|r| r.entry.target_type == kind)
            .filter_map(|r| r.entry.target_id.as_deref().and_then(|id| id.parse().ok()))
            .collect()
    };
    let mut names: HashMap<(&str, Uuid), String> = HashMap::new();
    if !ids_of("location").is_empty() {
        for l in locations::list(&state.db, scope, false).await? {
            names.insert(("location", l.id.0), l.name);
        }
    }
    if !ids_of("procedure").is_empty() {
        for p in procedures::list(&state.db, scope, false).await? {
            names.insert(("procedure", p.id.0), p.name);
        }
    }
    if !ids_of("staff_user").is_empty() {
        for u in staff_users::all(&state.db, scope).await? {
            names.insert(("staff_user", u.id.0), u.login_id.as_str().to_owned());
        }
    }
    if !ids_of("ledger_storage_location").is_empty() {
        for s in ledger_storage::all(&state.db, scope).await? {
            names.insert(("ledger_storage_location", s.id), s.name);
        }
    }
    let cards = ids_of("ledger_card");
    if !cards.is_empty() {
        for c in ledger_cards::by_ids(&state.db, scope, &state.vault(scope).await?, &cards).await? {
            names.insert(("ledger_card", c.id.0), c.management_number);
        }
    }
    Ok(records
        .iter()
        .filter_map(|r| {
            let id: Uuid = r.entry.target_id.as_deref()?.parse().ok()?;
            names.get(&(r.entry.target_type.as_str(), id)).map(|name| (r.id, name.clone()))
        })
        .collect())
}
