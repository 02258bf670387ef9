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

/// The columns a pass that seals rows again reads a table by.
pub(crate) struct KeyedTable<C> {
    pub tenant: C,
    pub key_version: C,
    pub id: C,
}

/// Up to `batch` of the tenant's rows of `E` sealed before sealing began or under a key
/// older than the vault's current one, in the order of their IDs, so that a pass that
/// seals them again in batches resumes where it stopped.
///
/// # Errors
/// Database failures.
pub(crate) async fn under_older_keys<E>(
    db: &impl sea_orm::ConnectionTrait,
    scope: &crate::scope::TenantScope,
    vault: &TenantVault,
    table: KeyedTable<E::Column>,
    batch: u64,
) -> Result<Vec<E::Model>, PersistenceError>
where
    E: sea_orm::EntityTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    Ok(E::find()
        .filter(table.tenant.eq(scope.uuid()))
        .filter(table.key_version.lt(vault.current().version()))
        .order_by_asc(table.id)
        .limit(batch)
        .all(db)
        .await?)
}
