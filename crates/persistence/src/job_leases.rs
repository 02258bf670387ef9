//! Jobs that must run on one node at a time (retention): a node takes the job's lease
//! by a conditional update, which only one of several racing nodes wins.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::PersistenceError;
use crate::entities::job_leases;

/// Takes (or keeps) the lease of `job` for `holder` until `until`; true when it is
/// the holder's now. Another holder's lease is taken only once it has run out.
///
/// # Errors
/// Database failures.
pub async fn take(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, PersistenceError> {
    job_leases::Entity::insert(job_leases::ActiveModel {
        name: Set(job.to_owned()),
        holder: Set(String::new()),
        leased_until: Set(now),
    })
    .on_conflict(OnConflict::column(job_leases::Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    let taken = job_leases::Entity::update_many()
        .col_expr(job_leases::Column::Holder, Expr::value(holder))
        .col_expr(job_leases::Column::LeasedUntil, Expr::value(until))
        .filter(job_leases::Column::Name.eq(job))
        .filter(
            Condition::any().add(job_leases::Column::LeasedUntil.lte(now)).add(job_leases::Column::Holder.eq(holder)),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}
