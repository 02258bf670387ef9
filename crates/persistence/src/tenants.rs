//! Municipalities. The only repository without a scope: it is where scopes come from.

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::TenantId;
use madoguchi_domain::settings::TenantSettings;
use madoguchi_domain::tenant::{LocalGovernmentCode, TenantSlug};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::Conflict;
use crate::entities::tenants;
use crate::{PersistenceError, TenantScope, settings};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub slug: TenantSlug,
    pub code: LocalGovernmentCode,
    pub name: String,
    /// Switched off by an operator: closed to residents, no staff sign-in.
    pub disabled: bool,
}

impl Tenant {
    #[must_use]
    pub fn scope(&self) -> TenantScope {
        TenantScope::from_verified(self.id)
    }
}

fn from_model(model: tenants::Model) -> Result<Tenant, PersistenceError> {
    Ok(Tenant {
        id: TenantId(model.id),
        slug: TenantSlug::parse(&model.slug).map_err(|e| PersistenceError::Corrupt(e.message))?,
        code: LocalGovernmentCode::parse(&model.code).map_err(|e| PersistenceError::Corrupt(e.message))?,
        name: model.name,
        disabled: model.disabled_at.is_some(),
    })
}

/// Tenants still served: a tenant whose keys were destroyed is gone to everyone.
fn served() -> sea_orm::Select<tenants::Entity> {
    tenants::Entity::find().filter(tenants::Column::KeysDestroyedAt.is_null())
}

/// # Errors
/// Database failures.
pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &TenantSlug) -> Result<Option<Tenant>, PersistenceError> {
    served().filter(tenants::Column::Slug.eq(slug.as_str())).one(db).await?.map(from_model).transpose()
}

/// Every tenant served (keys made at start, housekeeping).
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Tenant>, PersistenceError> {
    served().all(db).await?.into_iter().map(from_model).collect()
}

/// # Errors
/// Database failures.
pub async fn get(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<Tenant, PersistenceError> {
    served()
        .filter(tenants::Column::Id.eq(scope.uuid()))
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)
        .and_then(from_model)
}

/// Destroys the tenant's data keys (crypto-shredding) and stops serving it: its sealed
/// data can be read by no one any more, its staff are signed out. In the caller's
/// transaction; returns how many keys went.
///
/// # Errors
/// Database failures.
pub async fn destroy_keys(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    now: DateTime<Utc>,
) -> Result<u64, PersistenceError> {
    let destroyed = crate::tenant_keys::destroy(db, scope.uuid()).await?;
    tenants::Entity::update_many()
        .col_expr(tenants::Column::KeysDestroyedAt, Expr::value(now))
        .filter(tenants::Column::Id.eq(scope.uuid()))
        .exec(db)
        .await?;
    crate::sessions::end_all(db, scope).await?;
    // Mails still queued could never be opened again, nor sent: they go with the keys.
    crate::entities::mail_outbox::Entity::delete_many()
        .filter(crate::entities::mail_outbox::Column::TenantId.eq(scope.uuid()))
        .filter(crate::entities::mail_outbox::Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(destroyed)
}

/// Creates a tenant with default settings.
///
/// # Errors
/// `tenant.slug_taken` or `tenant.code_taken` when another tenant has them.
pub async fn create(
    db: &impl ConnectionTrait,
    slug: &TenantSlug,
    code: &LocalGovernmentCode,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Tenant, PersistenceError> {
    if tenants::Entity::find().filter(tenants::Column::Slug.eq(slug.as_str())).one(db).await?.is_some() {
        return Err(PersistenceError::Conflict(Conflict::TenantSlugTaken));
    }
    let id = TenantId::generate();
    tenants::Entity::insert(tenants::ActiveModel {
        id: Set(id.0),
        slug: Set(slug.as_str().to_owned()),
        code: Set(code.to_string()),
        name: Set(name.to_owned()),
        created_at: Set(now),
        keys_destroyed_at: Set(None),
        disabled_at: Set(None),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, Conflict::TenantCodeTaken))?;
    let scope = TenantScope::from_verified(id);
    settings::insert_defaults(db, &scope, &TenantSettings::defaults_for(name), now).await?;
    get(db, &scope).await
}

/// Where a tenant stands, as an operator lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Served,
    Disabled,
    /// Its data keys destroyed: gone, its slug and code kept from reuse.
    KeysDestroyed,
}

impl Standing {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Served => "served",
            Self::Disabled => "disabled",
            Self::KeysDestroyed => "keys destroyed",
        }
    }
}

/// A tenant as `madoguchi tenant list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub slug: String,
    pub code: String,
    pub name: String,
    pub standing: Standing,
    pub created_at: DateTime<Utc>,
}

/// Every tenant, gone ones included, by slug.
///
/// # Errors
/// Database failures.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Listed>, PersistenceError> {
    let models = tenants::Entity::find().order_by_asc(tenants::Column::Slug).all(db).await?;
    Ok(models
        .into_iter()
        .map(|m| Listed {
            standing: match (m.keys_destroyed_at, m.disabled_at) {
                (Some(_), _) => Standing::KeysDestroyed,
                (None, Some(_)) => Standing::Disabled,
                (None, None) => Standing::Served,
            },
            slug: m.slug,
            code: m.code,
            name: m.name,
            created_at: m.created_at,
        })
        .collect())
}

/// Switches a served tenant off (`Some(now)`) or on again (`None`); answers whether it
/// changed (not when it already was so). Switching off also ends every staff session
/// of the tenant.
///
/// # Errors
/// Database failures.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    disabled_at: Option<DateTime<Utc>>,
) -> Result<bool, PersistenceError> {
    let still_otherwise = if disabled_at.is_some() {
        tenants::Column::DisabledAt.is_null()
    } else {
        tenants::Column::DisabledAt.is_not_null()
    };
    let changed = tenants::Entity::update_many()
        .col_expr(tenants::Column::DisabledAt, Expr::value(disabled_at))
        .filter(tenants::Column::Id.eq(scope.uuid()))
        .filter(tenants::Column::KeysDestroyedAt.is_null())
        .filter(still_otherwise)
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if changed && disabled_at.is_some() {
        crate::sessions::end_all(db, scope).await?;
    }
    Ok(changed)
}

/// Serialises writers within one tenant for the rest of the transaction: a no-op
/// update takes the tenant row's lock on PostgreSQL and the write lock on SQLite.
/// Used where a rule spans several rows (the tenant's last administrator).
///
/// # Errors
/// Database failures.
pub async fn lock(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<(), PersistenceError> {
    tenants::Entity::update_many()
        .col_expr(tenants::Column::Slug, Expr::col(tenants::Column::Slug))
        .filter(tenants::Column::Id.eq(scope.uuid()))
        .exec(db)
        .await?;
    Ok(())
}
