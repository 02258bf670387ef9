//! Connecting and migrating. SQLite is the embedded default, PostgreSQL production.

use std::time::Duration;

use madoguchi_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    TransactionTrait,
};

/// Opens a pool. For SQLite it turns on write-ahead logging, so that readers never
/// wait for a writer, a busy timeout, so that writers queue instead of failing, and
/// secure deletion, so that what a row held before it was sealed, changed or removed
/// is overwritten in the file rather than left in free space.
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
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| sqlite.pragma("secure_delete", "ON"));
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DatabaseBackend::Sqlite && !url.contains(":memory:") {
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Applies every pending migration, after refusing a database that a newer release has
/// migrated: this release cannot know what those migrations changed, and serving on it
/// could write what the newer release no longer reads.
///
/// # Errors
/// A schema newer than this release; when a migration fails (nothing after it is applied).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let unknown = madoguchi_migrations::release::unknown_migrations(db).await?;
    if !unknown.is_empty() {
        return Err(DbErr::Custom(format!(
            "the database was migrated by a newer release of madoguchi ({}); this release knows the \
             migrations up to {}. Run the newer release, or restore a backup taken before it migrated",
            unknown.join(", "),
            madoguchi_migrations::release::last_known()
        )));
    }
    Migrator::up(db, None).await
}

/// Moves everything the SQLite write-ahead log holds into the database file and
/// empties the log, so that earlier versions of rewritten rows are nowhere on disk
/// (after sealing stored data). Nothing to do on PostgreSQL.
///
/// # Errors
/// Database failures.
pub async fn compact_log(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
    }
    Ok(())
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

/// Begins a transaction that only reads: on SQLite it never takes the write lock, so it
/// waits for no writer; on PostgreSQL it scopes settings that last as long as it does
/// (`SET LOCAL`).
///
/// # Errors
/// When the transaction cannot begin.
pub async fn begin_read(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin().await
}

/// The PostgreSQL role the service connects as, when the tables belong to another
/// (the owner, who migrates). It may read and write the data, but on the audit log only
/// add and read: no UPDATE, DELETE or TRUNCATE, and as it owns nothing it cannot drop
/// or disable the log's triggers.
#[derive(Debug, Clone)]
pub struct ServiceRole {
    pub name: String,
    /// Set when the role is made; an existing role keeps its password.
    pub password: Option<String>,
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// Makes the service role if it is missing and gives it exactly its rights on the
/// current tables (called after every migration, so new tables are covered); refuses a
/// role that is a superuser or owns tables, since it could undo the audit log's
/// protections.
///
/// # Errors
/// A name that is no plain PostgreSQL identifier, a role with too many powers, or
/// database failures (the owner needs CREATEROLE to make the role).
pub async fn grant_service_role(owner: &DatabaseConnection, role: &ServiceRole) -> Result<(), DbErr> {
    use sea_orm::Statement;
    let plain = role.name.len() <= 63
        && role.name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && role.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(DbErr::Custom(format!(
            "the service role `{}` must be a plain lower-case PostgreSQL name",
            role.name
        )));
    }
    let backend = owner.get_database_backend();
    let ask = |sql: &str, values: Vec<sea_orm::Value>| Statement::from_sql_and_values(backend, sql, values);
    let found = owner
        .query_one_raw(ask(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1",
            vec![role.name.clone().into()],
        ))
        .await?;
    let name = quoted(&role.name);
    match found {
        None => {
            let password =
                role.password.as_deref().map(|p| format!(" PASSWORD '{}'", p.replace('\'', "''"))).unwrap_or_default();
            // Another node starting at the same moment may have made it meanwhile.
            if let Err(error) = owner.execute_unprepared(&format!("CREATE ROLE {name} LOGIN{password}")).await
                && !error.to_string().contains("already exists")
            {
                return Err(error);
            }
        }
        Some(row) => {
            let superuser: bool = row.try_get("", "rolsuper")?;
            let bypasses: bool = row.try_get("", "rolbypassrls")?;
            if superuser || bypasses {
                return Err(DbErr::Custom(format!(
                    "the service role `{}` is a superuser: connect the service as a role of its own \
                     (the owner migrates through MADOGUCHI_MIGRATION_DATABASE_URL)",
                    role.name
                )));
            }
        }
    }
    let owned = owner
        .query_one_raw(ask(
            "SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1",
            vec![role.name.clone().into()],
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    if owned > 0 {
        return Err(DbErr::Custom(format!(
            "the service role `{}` owns tables: the tables must belong to the migrating owner",
            role.name
        )));
    }
    let database: String = owner
        .query_one_raw(ask("SELECT current_database() AS name", vec![]))
        .await?
        .map(|row| row.try_get("", "name"))
        .transpose()?
        .unwrap_or_default();
    for statement in [
        format!("GRANT CONNECT ON DATABASE {} TO {name}", quoted(&database)),
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC".to_owned(),
        format!("GRANT USAGE ON SCHEMA public TO {name}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"),
        format!("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {name}"),
        format!("REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_log FROM {name}"),
        format!("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON seaql_migrations FROM {name}"),
    ] {
        owner.execute_unprepared(&statement).await?;
    }
    Ok(())
}
