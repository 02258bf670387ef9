//! A tenant's settings and its header logo.

use chrono::{DateTime, Utc};
use madoguchi_domain::logo::LogoImage;
use madoguchi_domain::password_policy::PasswordPolicy;
use madoguchi_domain::settings::TenantSettings;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::Conflict;
use crate::entities::{tenant_logos, tenant_settings};
use crate::{PersistenceError, TenantScope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSettings {
    pub settings: TenantSettings,
    pub has_logo: bool,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn small<T: TryFrom<i32>>(value: i32, field: &str) -> Result<T, PersistenceError> {
    T::try_from(value).map_err(|_| PersistenceError::Corrupt(format!("tenant_settings.{field} = {value}")))
}

fn from_model(model: tenant_settings::Model, has_logo: bool) -> Result<StoredSettings, PersistenceError> {
    Ok(StoredSettings {
        settings: TenantSettings {
            service_name: model.service_name,
            site_public: model.site_public,
            closed_message: model.closed_message,
            session_timeout_minutes: small(model.session_timeout_minutes, "session_timeout_minutes")?,
            idle_timeout_minutes: small(model.idle_timeout_minutes, "idle_timeout_minutes")?,
            lockout_threshold: small(model.lockout_threshold, "lockout_threshold")?,
            lockout_minutes: small(model.lockout_minutes, "lockout_minutes")?,
            password_policy: PasswordPolicy {
                min_length: small(model.password_min_length, "password_min_length")?,
                min_classes: small(model.password_min_classes, "password_min_classes")?,
            },
            contact_phone: model.contact_phone,
            contact_hours: model.contact_hours,
        },
        has_logo,
        updated_at: model.updated_at,
        version: model.version,
    })
}

pub(crate) async fn insert_defaults(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    settings: &TenantSettings,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    tenant_settings::Entity::insert(tenant_settings::ActiveModel {
        tenant_id: Set(scope.uuid()),
        service_name: Set(settings.service_name.clone()),
        site_public: Set(settings.site_public),
        closed_message: Set(settings.closed_message.clone()),
        session_timeout_minutes: Set(settings.session_timeout_minutes.into()),
        idle_timeout_minutes: Set(settings.idle_timeout_minutes.into()),
        lockout_threshold: Set(settings.lockout_threshold.into()),
        lockout_minutes: Set(settings.lockout_minutes.into()),
        password_min_length: Set(settings.password_policy.min_length.into()),
        password_min_classes: Set(settings.password_policy.min_classes.into()),
        updated_at: Set(now),
        version: Set(1),
        contact_phone: Set(settings.contact_phone.clone()),
        contact_hours: Set(settings.contact_hours.clone()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// # Errors
/// `NotFound` for a tenant without settings, database failures.
pub async fn get(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<StoredSettings, PersistenceError> {
    let model = tenant_settings::Entity::find_by_id(scope.uuid()).one(db).await?.ok_or(PersistenceError::NotFound)?;
    let has_logo = tenant_logos::Entity::find_by_id(scope.uuid())
        .select_only()
        .column(tenant_logos::Column::TenantId)
        .into_tuple::<uuid::Uuid>()
        .one(db)
        .await?
        .is_some();
    from_model(model, has_logo)
}

/// Saves settings already checked by the domain. With `expected_version`, a change
/// made meanwhile by another administrator is refused instead of overwritten.
///
/// # Errors
/// `settings.version_conflict`, database failures.
pub async fn save(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    settings: &TenantSettings,
    expected_version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<StoredSettings, PersistenceError> {
    let mut update = tenant_settings::Entity::update_many()
        .col_expr(tenant_settings::Column::ServiceName, Expr::value(settings.service_name.clone()))
        .col_expr(tenant_settings::Column::SitePublic, Expr::value(settings.site_public))
        .col_expr(tenant_settings::Column::ClosedMessage, Expr::value(settings.closed_message.clone()))
        .col_expr(
            tenant_settings::Column::SessionTimeoutMinutes,
            Expr::value(i32::from(settings.session_timeout_minutes)),
        )
        .col_expr(tenant_settings::Column::IdleTimeoutMinutes, Expr::value(i32::from(settings.idle_timeout_minutes)))
        .col_expr(tenant_settings::Column::LockoutThreshold, Expr::value(i32::from(settings.lockout_threshold)))
        .col_expr(tenant_settings::Column::LockoutMinutes, Expr::value(i32::from(settings.lockout_minutes)))
        .col_expr(
            tenant_settings::Column::PasswordMinLength,
            Expr::value(i32::from(settings.password_policy.min_length)),
        )
        .col_expr(
            tenant_settings::Column::PasswordMinClasses,
            Expr::value(i32::from(settings.password_policy.min_classes)),
        )
        .col_expr(tenant_settings::Column::ContactPhone, Expr::value(settings.contact_phone.clone()))
        .col_expr(tenant_settings::Column::ContactHours, Expr::value(settings.contact_hours.clone()))
        .col_expr(tenant_settings::Column::UpdatedAt, Expr::value(now))
        .col_expr(tenant_settings::Column::Version, Expr::col(tenant_settings::Column::Version).add(1))
        .filter(tenant_settings::Column::TenantId.eq(scope.uuid()));
    if let Some(version) = expected_version {
        update = update.filter(tenant_settings::Column::Version.eq(version));
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Err(PersistenceError::Conflict(Conflict::SettingsChanged));
    }
    get(db, scope).await
}

/// # Errors
/// Database failures.
pub async fn logo(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
) -> Result<Option<(String, Vec<u8>, DateTime<Utc>)>, PersistenceError> {
    Ok(tenant_logos::Entity::find_by_id(scope.uuid()).one(db).await?.map(|m| (m.content_type, m.bytes, m.updated_at)))
}

/// # Errors
/// Database failures.
pub async fn put_logo(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    logo: LogoImage,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    tenant_logos::Entity::insert(tenant_logos::ActiveModel {
        tenant_id: Set(scope.uuid()),
        content_type: Set(logo.format.content_type().to_owned()),
        bytes: Set(logo.bytes),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(tenant_logos::Column::TenantId)
            .update_columns([
                tenant_logos::Column::ContentType,
                tenant_logos::Column::Bytes,
                tenant_logos::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// # Errors
/// `NotFound` when there was no logo.
pub async fn delete_logo(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<(), PersistenceError> {
    let deleted =
        tenant_logos::Entity::delete_many().filter(tenant_logos::Column::TenantId.eq(scope.uuid())).exec(db).await?;
    if deleted.rows_affected == 0 { Err(PersistenceError::NotFound) } else { Ok(()) }
}
