//! The audit log: who did what, when, to what, from where. Append-only; the
//! database refuses updates and deletes (see the migration's triggers).

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::StaffUserId;
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::entities::audit_log;
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_user_id: Option<StaffUserId>,
    /// The login ID as typed at a failed sign-in, or the acting user's.
    pub actor_login_id: String,
    /// Dotted action name: `auth.sign_in`, `user.create`, …
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub client_ip: Option<String>,
    pub detail: serde_json::Value,
}

/// The actor of what the service does by itself (expiries, retention, key changes).
pub const SYSTEM: &str = "system";

impl AuditEntry {
    /// What the service did of itself (a background job, an operator's command): the
    /// actor is `system`, with no user and no client address.
    #[must_use]
    pub fn by_system(action: &str, target_type: &str, target_id: Option<String>, detail: serde_json::Value) -> Self {
        Self {
            actor_user_id: None,
            actor_login_id: SYSTEM.to_owned(),
            action: action.to_owned(),
            target_type: target_type.to_owned(),
            target_id,
            client_ip: None,
            detail,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub entry: AuditEntry,
}

/// Where the details are sealed: they may name whom an action concerned (a search's
/// terms, a corrected name); who did what, when and to which record stays readable.
pub const DETAIL: &str = "audit_log.detail";

/// # Errors
/// Database failures.
pub async fn append(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &madoguchi_vault::TenantVault,
    entry: AuditEntry,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(Uuid::now_v7()),
        occurred_at: Set(now),
        actor_user_id: Set(entry.actor_user_id.map(|id| id.0)),
        actor_login_id: Set(entry.actor_login_id),
        action: Set(entry.action),
        target_type: Set(entry.target_type),
        target_id: Set(entry.target_id),
        client_ip: Set(entry.client_ip),
        detail: Set(vault.seal(DETAIL, &entry.detail.to_string())),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor_login_id: Option<String>,
    /// An exact action (`user.create`) or a prefix ending in a dot (`user.`).
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

fn condition(scope: &TenantScope, filter: &AuditFilter) -> Condition {
    let mut condition = Condition::all().add(audit_log::Column::TenantId.eq(scope.uuid()));
    if let Some(login) = &filter.actor_login_id {
        condition = condition.add(audit_log::Column::ActorLoginId.eq(login.as_str()));
    }
    if let Some(action) = &filter.action {
        condition = if action.ends_with('.') {
            condition.add(audit_log::Column::Action.like(crate::like::starting_with(action)))
        } else {
            condition.add(audit_log::Column::Action.eq(action.as_str()))
        };
    }
    if let Some(from) = filter.from {
        condition = condition.add(audit_log::Column::OccurredAt.gte(from));
    }
    if let Some(until) = filter.until {
        condition = condition.add(audit_log::Column::OccurredAt.lt(until));
    }
    condition
}

fn from_model(vault: &madoguchi_vault::TenantVault, model: audit_log::Model) -> Result<AuditRecord, PersistenceError> {
    // Entries written before sealing began open as they are until a start seals them.
    let detail = crate::sealed::open(vault, DETAIL, model.detail)?;
    Ok(AuditRecord {
        id: model.id,
        occurred_at: model.occurred_at,
        entry: AuditEntry {
            actor_user_id: model.actor_user_id.map(StaffUserId),
            actor_login_id: model.actor_login_id,
            action: model.action,
            target_type: model.target_type,
            target_id: model.target_id,
            client_ip: model.client_ip,
            detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
        },
    })
}

/// Newest first, one page, and the total that match.
///
/// # Errors
/// Database failures.
pub async fn search(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &madoguchi_vault::TenantVault,
    filter: &AuditFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AuditRecord>, u64), PersistenceError> {
    let paginator = audit_log::Entity::find()
        .filter(condition(scope, filter))
        .order_by_desc(audit_log::Column::OccurredAt)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, per_page.max(1));
    let total = paginator.num_items().await?;
    let records =
        paginator.fetch_page(page).await?.into_iter().map(|m| from_model(vault, m)).collect::<Result<_, _>>()?;
    Ok((records, total))
}

/// Up to `limit` records, oldest first, for a CSV export.
///
/// # Errors
/// Database failures.
pub async fn export(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    vault: &madoguchi_vault::TenantVault,
    filter: &AuditFilter,
    limit: u64,
) -> Result<Vec<AuditRecord>, PersistenceError> {
    audit_log::Entity::find()
        .filter(condition(scope, filter))
        .order_by_asc(audit_log::Column::OccurredAt)
        .order_by_asc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(vault, m))
        .collect()
}

/// Entries written before details were sealed, as the partial index
/// `ix_audit_log_unsealed` holds them: the literal lets the planner use it.
const WRITTEN_BEFORE_SEALING: &str = "detail NOT LIKE 'mdg1:%'";

/// Whether any tenant has entries whose details were written before sealing began.
///
/// # Errors
/// Database failures.
pub async fn any_written_before_sealing(db: &impl ConnectionTrait) -> Result<bool, PersistenceError> {
    let found = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .filter(Expr::cust(WRITTEN_BEFORE_SEALING))
        .limit(1)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Seals the details of up to `batch` of the tenant's entries written before sealing
/// began; answers how many, 0 when none is left. Only the tables' owner can: the
/// append-only guard is lifted for the one update, inside the transaction, and put back
/// before it commits. Who did what, when and to which record is not touched.
///
/// # Errors
/// Database failures, a connection that does not own the audit log among them.
pub async fn seal_written_before(
    owner: &sea_orm::DatabaseConnection,
    scope: &TenantScope,
    vault: &madoguchi_vault::TenantVault,
    batch: u64,
) -> Result<u64, PersistenceError> {
    use audit_log::Column as C;
    let txn = crate::database::begin_write(owner).await?;
    let models = audit_log::Entity::find()
        .filter(C::TenantId.eq(scope.uuid()))
        .filter(Expr::cust(WRITTEN_BEFORE_SEALING))
        .order_by_asc(C::Id)
        .limit(batch)
        .all(&txn)
        .await?;
    if models.is_empty() {
        return Ok(0);
    }
    let sealed = u64::try_from(models.len()).unwrap_or(u64::MAX);
    let ids: Vec<Uuid> = models.iter().map(|m| m.id).collect();
    let mut details = CaseStatement::new();
    for model in models {
        details = details.case(C::Id.eq(model.id), vault.seal(DETAIL, &model.detail));
    }
    madoguchi_migrations::audit_guard::lift_for_update(&txn).await?;
    audit_log::Entity::update_many()
        .col_expr(C::Detail, details.finally(Expr::col(C::Detail)).into())
        .filter(C::TenantId.eq(scope.uuid()))
        .filter(C::Id.is_in(ids))
        .exec(&txn)
        .await?;
    madoguchi_migrations::audit_guard::restore(&txn).await?;
    txn.commit().await?;
    Ok(sealed)
}
