//! Which schema this release knows: a database a newer release migrated has migrations
//! this one has not got, and this release cannot know what they changed.

use std::collections::HashSet;

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DatabaseConnection, EntityName, EntityTrait};
use sea_orm_migration::seaql_migrations;

use crate::Migrator;

/// The migrations applied to `db` that this release does not have, oldest first (none
/// on a database never migrated). Reads only: no table is made.
///
/// # Errors
/// Database failures.
pub async fn unknown_migrations(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    if !SchemaManager::new(db).has_table(seaql_migrations::Entity.table_name()).await? {
        return Ok(Vec::new());
    }
    let known: HashSet<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let mut unknown: Vec<String> = seaql_migrations::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|applied| applied.version)
        .filter(|version| !known.contains(version))
        .collect();
    unknown.sort();
    Ok(unknown)
}

/// The newest migration this release has.
#[must_use]
pub fn last_known() -> String {
    Migrator::migrations().last().map(|m| m.name().to_owned()).unwrap_or_default()
}
