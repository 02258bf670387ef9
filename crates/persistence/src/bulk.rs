//! Many values in one PostgreSQL statement, as array literals: rows of two columns
//! inserted (`unnest`), three parameters in all where a multi-row `INSERT` would bind
//! three per row (an import's hundred thousand cards bring millions of search tokens);
//! and look-ups of many values (`= ANY($n)`). A statement run again is planned once for
//! all its values after five runs, and PostgreSQL's plan for `col IN ($2, …, $501)`
//! then filters the whole index range instead of looking each value up (1.5 s instead
//! of 40 ms for 500 keys); `= ANY` of one array stays a look-up.

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
