//! What must be unique among sealed values: a card's management number, a scan's, a
//! person's 宛名番号. Each owner row holds the value's unique key
//! (`madoguchi_vault::DataKey::unique_key`) under every data key held, so that the
//! primary key refuses a second owner of the value however either was sealed — also
//! while a re-encryption moves the tenant to a new key — and a look-up by the value is
//! an exact look-up in SQL.

use std::collections::HashMap;

use madoguchi_vault::TenantVault;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entities::unique_keys;
use crate::{Conflict, PersistenceError, TenantScope};

/// What a unique key keeps unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A ledger card's management number.
    Card,
    /// A scanned QR code's management number: the same card is never scanned twice.
    Scan,
    /// An address list's 宛名番号.
    Person,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::Scan => "scan",
            Self::Person => "person",
        }
    }

    /// The field the keys are derived for (a card's and a scan's number share none).
    fn field(self) -> &'static str {
        match self {
            Self::Card => "ledger_cards.management_number",
            Self::Scan => "ledger_scans.management_number",
            Self::Person => "ledger_people.person_key",
        }
    }
}

/// Rows per INSERT (four columns each).
const CHUNK: usize = 1000;

/// Claims each `(owner, value)`: `Conflict(conflict)` when another owner holds one of
/// the values, or when a value is given twice.
///
/// # Errors
/// The conflict, database failures.
pub async fn claim(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    kind: Kind,
    owners: &[(Uuid, &str)],
    conflict: Conflict,
) -> Result<(), PersistenceError> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let pairs: Vec<(String, Uuid)> = owners
            .iter()
            .flat_map(|(owner, value)| vault.unique_keys(kind.field(), value).into_iter().map(move |k| (k, *owner)))
            .collect();
        for chunk in pairs.chunks(50_000) {
            crate::bulk::insert_pairs(
                db,
                &format!(
                    "INSERT INTO unique_keys (tenant_id, kind, key, owner_id) \
                     SELECT $1, '{}', k, o FROM unnest($2::text::text[], $3::text::uuid[]) AS u(k, o)",
                    kind.as_str()
                ),
                scope,
                chunk.iter().map(|(k, _)| k.clone()),
                chunk.iter().map(|(_, o)| o.to_string()),
            )
            .await
            .map_err(|e| match e {
                PersistenceError::Database(e) => PersistenceError::unique_or(e, conflict),
                other => other,
            })?;
        }
        return Ok(());
    }
    let rows: Vec<unique_keys::ActiveModel> = owners
        .iter()
        .flat_map(|(owner, value)| {
            vault.unique_keys(kind.field(), value).into_iter().map(move |key| unique_keys::ActiveModel {
                tenant_id: Set(scope.uuid()),
                kind: Set(kind.as_str().to_owned()),
                key: Set(key),
                owner_id: Set(*owner),
            })
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        unique_keys::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await
            .map_err(|e| PersistenceError::unique_or(e, conflict))?;
    }
    Ok(())
}

/// The owners of these values, by value.
///
/// # Errors
/// Database failures.
pub async fn owners(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    kind: Kind,
    values: &[&str],
) -> Result<HashMap<String, Uuid>, PersistenceError> {
    let mut found = HashMap::new();
    for chunk in values.chunks(CHUNK / 2) {
        let mut value_of: HashMap<String, &str> = HashMap::new();
        for value in chunk {
            for key in vault.unique_keys(kind.field(), value) {
                value_of.insert(key, value);
            }
        }
        let rows: Vec<(String, Uuid)> = unique_keys::Entity::find()
            .select_only()
            .column(unique_keys::Column::Key)
            .column(unique_keys::Column::OwnerId)
            .filter(unique_keys::Column::TenantId.eq(scope.uuid()))
            .filter(unique_keys::Column::Kind.eq(kind.as_str()))
            .filter(unique_keys::Column::Key.is_in(value_of.keys().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        for (key, owner) in rows {
            if let Some(value) = value_of.get(&key) {
                found.insert((*value).to_owned(), owner);
            }
        }
    }
    Ok(found)
}

/// The owner of one value.
///
/// # Errors
/// Database failures.
pub async fn owner(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &TenantVault,
    kind: Kind,
    value: &str,
) -> Result<Option<Uuid>, PersistenceError> {
    Ok(owners(db, scope, vault, kind, &[value]).await?.remove(value))
}

/// A sub-query of the owner of `value`, to narrow rows by.
#[must_use]
pub fn owner_query(scope: &TenantScope, vault: &TenantVault, kind: Kind, value: &str) -> SelectStatement {
    Query::select()
        .column(unique_keys::Column::OwnerId)
        .from(unique_keys::Entity)
        .and_where(unique_keys::Column::TenantId.eq(scope.uuid()))
        .and_where(unique_keys::Column::Kind.eq(kind.as_str()))
        .and_where(unique_keys::Column::Key.is_in(vault.unique_keys(kind.field(), value)))
        .to_owned()
}

/// Gives up what these owners held (they were deleted, or are claimed again).
///
/// # Errors
/// Database failures.
pub async fn release(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    kind: Kind,
    owners: &[Uuid],
) -> Result<(), PersistenceError> {
    for chunk in owners.chunks(CHUNK) {
        unique_keys::Entity::delete_many()
            .filter(unique_keys::Column::TenantId.eq(scope.uuid()))
            .filter(unique_keys::Column::Kind.eq(kind.as_str()))
            .filter(unique_keys::Column::OwnerId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}
