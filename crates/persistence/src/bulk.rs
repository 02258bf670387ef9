//! Many rows of two columns inserted in one PostgreSQL statement: the values go as two
//! array literals (`unnest`), three parameters in all, where a multi-row `INSERT`
//! would bind three per row. An import's hundred thousand cards bring millions of
//! search tokens.

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
    let literal = |items: Vec<String>| format!("{{{}}}", items.join(","));
    let statement = Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        [scope.uuid().into(), literal(first.collect()).into(), literal(second.collect()).into()],
    );
    db.execute_raw(statement).await?;
    Ok(())
}
