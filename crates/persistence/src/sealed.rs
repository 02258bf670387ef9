//! Opening what a repository keeps sealed (`madoguchi_vault`): a value that does not
//! open is a corrupt row, named by the place it was read from.

use madoguchi_vault::TenantVault;

use crate::PersistenceError;

pub(crate) fn open(vault: &TenantVault, place: &str, value: String) -> Result<String, PersistenceError> {
    vault.open(place, &value).map_err(|e| PersistenceError::Corrupt(format!("{place}: {e}")))
}

pub(crate) fn open_opt(
    vault: &TenantVault,
    place: &str,
    value: Option<String>,
) -> Result<Option<String>, PersistenceError> {
    value.map(|v| open(vault, place, v)).transpose()
}

/// A table whose rows carry the key version that sealed them, read by the passes that
/// seal rows again.
pub(crate) trait Keyed: sea_orm::EntityTrait {
    /// Its tenant, key version and ID columns.
    const COLUMNS: [Self::Column; 3];
}

macro_rules! keyed {
    ($($table:ident),*) => {$(
        impl Keyed for crate::entities::$table::Entity {
            const COLUMNS: [Self::Column; 3] = {
                use crate::entities::$table::Column as C;
                [C::TenantId, C::KeyVersion, C::Id]
            };
        }
    )*};
}

keyed!(bookings, ledger_cards, ledger_events, ledger_people, ledger_scans);

/// Up to `batch` of the tenant's rows of `E` sealed before sealing began or under a key
/// older than the vault's current one, in the order of their IDs, so that a pass that
/// seals them again in batches resumes where it stopped.
///
/// # Errors
/// Database failures.
pub(crate) async fn under_older_keys<E: Keyed>(
    db: &impl sea_orm::ConnectionTrait,
    scope: &crate::scope::TenantScope,
    vault: &TenantVault,
    batch: u64,
) -> Result<Vec<E::Model>, PersistenceError> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let [tenant, key_version, id] = E::COLUMNS;
    Ok(E::find()
        .filter(tenant.eq(scope.uuid()))
        .filter(key_version.lt(vault.current().version()))
        .order_by_asc(id)
        .limit(batch)
        .all(db)
        .await?)
}
