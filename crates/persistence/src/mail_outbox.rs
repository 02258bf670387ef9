//! The mail outbox. Enqueued in the transaction of the change it tells about;
//! claimed by a worker with a lease (a conditional update, so two nodes never take
//! the same mail); marked sent once the transport accepted it.
//!
//! A mail carries personal data and, for a new booking, its password: the recipient,
//! subject, body and calendar are kept sealed with the tenant's data key, and the
//! recipient, body and calendar are wiped once the mail is sent.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use madoguchi_vault::DataKey;

use crate::entities::mail_outbox;
use crate::{PersistenceError, TenantScope};

/// The sealed columns, as their ciphertexts are bound to.
pub mod places {
    pub const TO: &str = "mail_outbox.to_address";
    pub const SUBJECT: &str = "mail_outbox.subject";
    pub const BODY: &str = "mail_outbox.body";
    pub const ICS: &str = "mail_outbox.ics";
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub kind: String,
    /// The From header's display name.
    pub sender_name: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub ics: Option<String>,
}

/// A mail claimed for sending, its `to`, `subject`, `body` and `ics` still sealed
/// (open them with the tenant's keys, at [`places`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMail {
    pub tenant_id: Uuid,
    pub id: Uuid,
    pub attempts: i32,
    pub mail: OutgoingMail,
}

/// Queues `mail`, sealed with `key` (the tenant's current data key).
///
/// # Errors
/// Database failures.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    mail: OutgoingMail,
    now: DateTime<Utc>,
    key: &DataKey,
) -> Result<(), PersistenceError> {
    debug_assert_eq!(key.tenant(), scope.uuid());
    mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(Uuid::now_v7()),
        kind: Set(mail.kind),
        to_address: Set(key.seal(places::TO, &mail.to)),
        subject: Set(key.seal(places::SUBJECT, &mail.subject)),
        body: Set(key.seal(places::BODY, &mail.body)),
        ics: Set(mail.ics.map(|ics| key.seal(places::ICS, &ics))),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(String::new()),
        sender_name: Set(mail.sender_name),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Claims up to `limit` due mails for `lease`. A mail whose worker died is due
/// again when its lease runs out.
///
/// # Errors
/// Database failures.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
    lease: TimeDelta,
) -> Result<Vec<ClaimedMail>, PersistenceError> {
    let free = || {
        Condition::any().add(mail_outbox::Column::ClaimedUntil.is_null()).add(mail_outbox::Column::ClaimedUntil.lt(now))
    };
    let due = mail_outbox::Entity::find()
        .filter(
            Condition::all()
                .add(mail_outbox::Column::SentAt.is_null())
                .add(mail_outbox::Column::NextAttemptAt.lte(now))
                .add(free()),
        )
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::new();
    for row in due {
        let taken = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::ClaimedUntil, Expr::value(now + lease))
            .filter(mail_outbox::Column::TenantId.eq(row.tenant_id))
            .filter(mail_outbox::Column::Id.eq(row.id))
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(free())
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            claimed.push(ClaimedMail {
                tenant_id: row.tenant_id,
                id: row.id,
                attempts: row.attempts,
                mail: OutgoingMail {
                    kind: row.kind,
                    sender_name: row.sender_name,
                    to: row.to_address,
                    subject: row.subject,
                    body: row.body,
                    ics: row.ics,
                },
            });
        }
    }
    Ok(claimed)
}

/// Marks the mail sent and wipes what it told: nothing needs the recipient, the body
/// (with a booking's password) or the calendar once the mail is out.
///
/// # Errors
/// Database failures.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    mail: &ClaimedMail,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
        .col_expr(mail_outbox::Column::ToAddress, Expr::value(""))
        .col_expr(mail_outbox::Column::Body, Expr::value(""))
        .col_expr(mail_outbox::Column::Ics, Expr::value(Option::<String>::None))
        .col_expr(mail_outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .filter(mail_outbox::Column::TenantId.eq(mail.tenant_id))
        .filter(mail_outbox::Column::Id.eq(mail.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Backs off exponentially: 30 s, 1 min, 2 min … at most an hour between attempts.
///
/// # Errors
/// Database failures.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    mail: &ClaimedMail,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let wait = TimeDelta::seconds(30 * 2_i64.pow(u32::try_from(mail.attempts.clamp(0, 7)).unwrap_or(7)))
        .min(TimeDelta::hours(1));
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now + wait))
        .col_expr(mail_outbox::Column::LastError, Expr::value(error.chars().take(500).collect::<String>()))
        .filter(mail_outbox::Column::TenantId.eq(mail.tenant_id))
        .filter(mail_outbox::Column::Id.eq(mail.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Unsent mails of a tenant (operations and tests).
///
/// # Errors
/// Database failures.
pub async fn pending(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64, PersistenceError> {
    use sea_orm::PaginatorTrait;
    Ok(mail_outbox::Entity::find()
        .filter(mail_outbox::Column::TenantId.eq(scope.uuid()))
        .filter(mail_outbox::Column::SentAt.is_null())
        .count(db)
        .await?)
}
