//! The audit log's append-only guard: triggers that make the database itself refuse to
//! change or remove an entry, so that not even a bug of ours (or a hand-typed
//! statement) can rewrite history. Made by the audit log's migration (000003); lifted only by
//! the tables' owner, inside a transaction, to seal the details of entries written
//! before sealing began, and put back before that transaction ends.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, DbErr};

/// The SQLite trigger that refuses updates, word for word as the audit log's migration
/// (000003, never edited) made it.
const SQLITE_NO_UPDATE: &str = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";

/// Lets the transaction `db` update entries: only the tables' owner may. On PostgreSQL
/// the table stays locked against everyone else until the transaction ends.
///
/// # Errors
/// Database failures, a role that does not own the table among them.
pub async fn lift_for_update(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    db.execute_unprepared(match db.get_database_backend() {
        DatabaseBackend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete",
        _ => "DROP TRIGGER audit_log_no_update",
    })
    .await?;
    Ok(())
}

/// Puts back what [`lift_for_update`] lifted, in the same transaction.
///
/// # Errors
/// Database failures.
pub async fn restore(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    db.execute_unprepared(match db.get_database_backend() {
        DatabaseBackend::Postgres => "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete",
        _ => SQLITE_NO_UPDATE,
    })
    .await?;
    Ok(())
}
