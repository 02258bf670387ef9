//! Bulk work on PostgreSQL. Rows of two columns go in as two array literals (`unnest`),
//! three parameters in all where a multi-row `INSERT` would bind three per row (an
//! import's hundred thousand cards bring millions of search tokens). And a transaction
//! that looks up hundreds of values per statement, chunk after chunk, plans each
//! statement for its values: after five runs PostgreSQL would switch to one generic
//! plan, and for `col IN ($2, …, $501)` on a table bulk-loaded moments ago (no
//! statistics yet) that plan filters the whole index range instead of looking each
//! value up — 1.5 s instead of 40 ms per 500 keys, measured on a 100,000-card ledger.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::{PersistenceError, TenantScope};

/// Runs `sql` (`$1` the tenant, `$2` and `$3` the two columns as array literals).
/// The elements are numbers, UUIDs or base64 keys: none needs quoting in an array literal.
pub(crate) async fn insert_pairs(
    db: &impl ConnectionTrait,
    sql: &str,
    scope: &TenantScope,
    first: impl Iterator<Item = String>,
    second: impl Iterator<Item = String>,
) -> Result<(), PersistenceError> {
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        [scope.uuid().into(), literal(first).into(), literal(second).into()],
    );
    db.execute_raw(statement).await?;
    Ok(())
}

/// An array literal of numbers, UUIDs or base64 keys (none needs quoting).
pub(crate) fn literal(items: impl Iterator<Item = String>) -> String {
    format!("{{{}}}", items.collect::<Vec<_>>().join(","))
}

/// Plans every further statement of the caller's transaction for its own values (see
/// above). Nothing on SQLite, and nothing outside a transaction.
pub(crate) async fn plan_for_values(db: &impl ConnectionTrait) -> Result<(), PersistenceError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await?;
    }
    Ok(())
}
