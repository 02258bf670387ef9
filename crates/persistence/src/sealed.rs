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
