//! Connecting and migrating. SQLite is the embedded default, PostgreSQL production.

use std::time::Duration;

use madoguchi_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    TransactionTrait,
};

/// Opens a pool. For SQLite it turns on write-ahead logging, so that readers never
/// wait for a writer, and a busy timeout, so that writers queue instead of failing.
///
/// # Errors
/// When the database cannot be reached.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 20 })
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite && !url.contains(":memory:") {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Applies every pending migration.
///
/// # Errors
/// When a migration fails; nothing after it is applied.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the database answers (readiness).
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once:
/// a transaction that reads first and writes later cannot wait for another writer
/// (SQLite answers "database is locked" at the upgrade), so writers queue at the
/// start instead. On PostgreSQL it is a plain transaction; row locks and
/// conditional updates do the rest.
///
/// # Errors
/// When the transaction cannot begin.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DatabaseBackend::Sqlite {
        txn.execute_unprepared("UPDATE tenants SET slug = slug WHERE 1 = 0").await?;
    }
    Ok(txn)
}
