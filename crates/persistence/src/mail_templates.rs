//! Tenants' own wording of their mails, stored as typed; a kind without a row uses
//! the service's default. The mail crate checks and fills them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::mail_templates;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    pub subject: String,
    pub body: String,
    pub updated_at: DateTime<Utc>,
}

/// The tenant's templates by kind name (`confirmation`…).
///
/// # Errors
/// Database failures.
pub async fn all(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<HashMap<String, StoredTemplate>, PersistenceError> {
    Ok(mail_templates::Entity::find()
        .filter(mail_templates::Column::TenantId.eq(scope.uuid()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.kind, StoredTemplate { subject: m.subject, body: m.body, updated_at: m.updated_at }))
        .collect())
}

/// Stores a template already checked.
///
/// # Errors
/// Database failures.
pub async fn save(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    kind: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    mail_templates::Entity::delete_by_id((scope.uuid(), kind.to_owned())).exec(db).await?;
    mail_templates::Entity::insert(mail_templates::ActiveModel {
        tenant_id: Set(scope.uuid()),
        kind: Set(kind.to_owned()),
        subject: Set(subject.to_owned()),
        body: Set(body.to_owned()),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Back to the default wording; true when there was a template.
///
/// # Errors
/// Database failures.
pub async fn reset(db: &impl ConnectionTrait, scope: &TenantScope, kind: &str) -> Result<bool, PersistenceError> {
    Ok(mail_templates::Entity::delete_by_id((scope.uuid(), kind.to_owned())).exec(db).await?.rows_affected > 0)
}
