//! Announcements and FAQ entries of a tenant, in the order staff gave them.

use chrono::{DateTime, Utc};
use madoguchi_domain::notice::{NoticeContent, NoticeKind};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::Conflict;
use crate::entities::notices;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: Uuid,
    pub kind: NoticeKind,
    pub content: NoticeContent,
    pub position: i32,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn from_model(m: notices::Model) -> Result<Notice, PersistenceError> {
    let kind = NoticeKind::parse(&m.kind)
        .ok_or_else(|| PersistenceError::Corrupt(format!("notice {}: kind {}", m.id, m.kind)))?;
    Ok(Notice {
        id: m.id,
        kind,
        content: NoticeContent {
            title: m.title,
            body: m.body,
            publish_from: m.publish_from,
            publish_until: m.publish_until,
        },
        position: m.position,
        updated_at: m.updated_at,
        version: m.version,
    })
}

/// The notices of a kind in order; only those published at `published_at` when given.
///
/// # Errors
/// Database failures.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    kind: NoticeKind,
    published_at: Option<DateTime<Utc>>,
) -> Result<Vec<Notice>, PersistenceError> {
    let mut query = notices::Entity::find()
        .filter(notices::Column::TenantId.eq(scope.uuid()))
        .filter(notices::Column::Kind.eq(kind.as_str()));
    if let Some(now) = published_at {
        query = query
            .filter(notices::Column::PublishFrom.is_null().or(notices::Column::PublishFrom.lte(now)))
            .filter(notices::Column::PublishUntil.is_null().or(notices::Column::PublishUntil.gt(now)));
    }
    query
        .order_by_asc(notices::Column::Position)
        .order_by_asc(notices::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

/// Adds a notice after the others of its kind.
///
/// # Errors
/// Database failures.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    kind: NoticeKind,
    content: NoticeContent,
    now: DateTime<Utc>,
) -> Result<Notice, PersistenceError> {
    let last: Option<i32> = notices::Entity::find()
        .select_only()
        .column_as(notices::Column::Position.max(), "max")
        .filter(notices::Column::TenantId.eq(scope.uuid()))
        .filter(notices::Column::Kind.eq(kind.as_str()))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let id = Uuid::now_v7();
    let position = last.map_or(0, |p| p + 1);
    notices::Entity::insert(notices::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id),
        kind: Set(kind.as_str().to_owned()),
        title: Set(content.title.clone()),
        body: Set(content.body.clone()),
        position: Set(position),
        publish_from: Set(content.publish_from),
        publish_until: Set(content.publish_until),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await?;
    Ok(Notice { id, kind, content, position, updated_at: now, version: 1 })
}

/// # Errors
/// `NotFound`, database failures.
pub async fn get(db: &impl ConnectionTrait, scope: &TenantScope, id: Uuid) -> Result<Notice, PersistenceError> {
    notices::Entity::find_by_id((scope.uuid(), id))
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)
        .and_then(from_model)
}

/// Replaces a notice's text and period if it is still at `version`.
///
/// # Errors
/// `notice.changed_meanwhile`, `NotFound`, database failures.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: Uuid,
    version: i32,
    content: &NoticeContent,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let updated = notices::Entity::update_many()
        .col_expr(notices::Column::Title, Expr::value(content.title.clone()))
        .col_expr(notices::Column::Body, Expr::value(content.body.clone()))
        .col_expr(notices::Column::PublishFrom, Expr::value(content.publish_from))
        .col_expr(notices::Column::PublishUntil, Expr::value(content.publish_until))
        .col_expr(notices::Column::UpdatedAt, Expr::value(now))
        .col_expr(notices::Column::Version, Expr::col(notices::Column::Version).add(1))
        .filter(notices::Column::TenantId.eq(scope.uuid()))
        .filter(notices::Column::Id.eq(id))
        .filter(notices::Column::Version.eq(version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        get(db, scope, id).await?;
        return Err(PersistenceError::Conflict(Conflict::NoticeChanged));
    }
    Ok(())
}

/// # Errors
/// `NotFound`, database failures.
pub async fn delete(db: &impl ConnectionTrait, scope: &TenantScope, id: Uuid) -> Result<(), PersistenceError> {
    if notices::Entity::delete_by_id((scope.uuid(), id)).exec(db).await?.rows_affected == 0 {
        return Err(PersistenceError::NotFound);
    }
    Ok(())
}

/// Puts the notices of a kind in the given order; `ids` must name each exactly once.
///
/// # Errors
/// `notice.order_mismatch`, database failures.
pub async fn reorder(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    kind: NoticeKind,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let mut current: Vec<Uuid> = list(db, scope, kind, None).await?.into_iter().map(|n| n.id).collect();
    let mut wanted = ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current != wanted {
        return Err(PersistenceError::Conflict(Conflict::NoticeOrderMismatch));
    }
    for (position, id) in ids.iter().enumerate() {
        notices::Entity::update_many()
            .col_expr(notices::Column::Position, Expr::value(i32::try_from(position).unwrap_or(i32::MAX)))
            .col_expr(notices::Column::UpdatedAt, Expr::value(now))
            .filter(notices::Column::TenantId.eq(scope.uuid()))
            .filter(notices::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(())
}
