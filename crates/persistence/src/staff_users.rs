//! Staff users of one tenant: accounts, credentials and lock-out counters.

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::StaffUserId;
use madoguchi_domain::role::{Role, Roles};
use madoguchi_domain::staff::{LoginId, StaffName};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::Conflict;
use crate::entities::staff_users;
use crate::{PersistenceError, TenantScope, tenants};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    pub id: StaffUserId,
    pub login_id: LoginId,
    pub name: StaffName,
    pub roles: Roles,
    pub disabled: bool,
    /// Holds a one-time password: may do nothing but replace it.
    pub must_change_password: bool,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn from_model(model: staff_users::Model) -> Result<(StaffUser, String), PersistenceError> {
    let corrupt =
        |e: madoguchi_domain::FieldError| PersistenceError::Corrupt(format!("staff user {}: {}", model.id, e.message));
    let user = StaffUser {
        id: StaffUserId(model.id),
        login_id: LoginId::parse(&model.login_id).map_err(corrupt)?,
        name: StaffName::parse(&model.name).map_err(corrupt)?,
        roles: Roles::parse_list(&model.roles).map_err(corrupt)?,
        disabled: model.disabled,
        must_change_password: model.must_change_password,
        password_changed_at: model.password_changed_at,
        created_at: model.created_at,
        updated_at: model.updated_at,
        version: model.version,
    };
    Ok((user, model.password_hash))
}

fn in_scope(scope: &TenantScope) -> Condition {
    Condition::all().add(staff_users::Column::TenantId.eq(scope.uuid()))
}

/// Roles are stored as `admin;ledger`: match the role as a whole item of that list.
fn has_role(role: Role) -> Condition {
    let name = role.as_str();
    Condition::any()
        .add(staff_users::Column::Roles.eq(name))
        .add(staff_users::Column::Roles.like(crate::like::starting_with(&format!("{name};"))))
        .add(staff_users::Column::Roles.like(crate::like::ending_with(&format!(";{name}"))))
        .add(staff_users::Column::Roles.like(crate::like::containing(&format!(";{name};"))))
}

fn one(scope: &TenantScope, id: StaffUserId) -> Condition {
    in_scope(scope).add(staff_users::Column::Id.eq(id.0))
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Part of the login ID or the name.
    pub text: Option<String>,
    pub role: Option<Role>,
    pub page: u64,
    pub per_page: u64,
}

/// One page of users, ordered by login ID, and the total that match.
///
/// # Errors
/// Database failures.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    filter: &UserFilter,
) -> Result<(Vec<StaffUser>, u64), PersistenceError> {
    let mut condition = in_scope(scope);
    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        condition = condition.add(
            Condition::any()
                .add(staff_users::Column::LoginId.like(crate::like::containing(&text.to_lowercase())))
                .add(staff_users::Column::Name.like(crate::like::containing(text))),
        );
    }
    if let Some(role) = filter.role {
        condition = condition.add(has_role(role));
    }
    let paginator = staff_users::Entity::find()
        .filter(condition)
        .order_by_asc(staff_users::Column::LoginId)
        .paginate(db, Ord::max(filter.per_page, 1));
    let total = paginator.num_items().await?;
    let users = paginator
        .fetch_page(filter.page)
        .await?
        .into_iter()
        .map(|m| from_model(m).map(|(u, _)| u))
        .collect::<Result<_, _>>()?;
    Ok((users, total))
}

/// Every user of the tenant (exports and imports).
///
/// # Errors
/// Database failures.
pub async fn all(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<Vec<StaffUser>, PersistenceError> {
    staff_users::Entity::find()
        .filter(in_scope(scope))
        .order_by_asc(staff_users::Column::LoginId)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(m).map(|(u, _)| u))
        .collect()
}

/// # Errors
/// `NotFound` (also for another tenant's user), database failures.
pub async fn get(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: StaffUserId,
) -> Result<StaffUser, PersistenceError> {
    staff_users::Entity::find()
        .filter(one(scope, id))
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)
        .and_then(from_model)
        .map(|(u, _)| u)
}

/// The user and their password hash, for sign-in.
///
/// # Errors
/// Database failures.
pub async fn find_credentials(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    login_id: &LoginId,
) -> Result<Option<(StaffUser, String)>, PersistenceError> {
    staff_users::Entity::find()
        .filter(in_scope(scope).add(staff_users::Column::LoginId.eq(login_id.as_str())))
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

/// # Errors
/// `NotFound`, database failures.
pub async fn password_hash(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: StaffUserId,
) -> Result<String, PersistenceError> {
    staff_users::Entity::find()
        .filter(one(scope, id))
        .one(db)
        .await?
        .map(|m| m.password_hash)
        .ok_or(PersistenceError::NotFound)
}

#[derive(Debug, Clone)]
pub struct NewStaffUser {
    pub login_id: LoginId,
    pub name: StaffName,
    pub roles: Roles,
    pub password_hash: String,
    pub disabled: bool,
    /// The password is a one-time one someone else chose (`madoguchi tenant create`).
    pub must_change_password: bool,
}

/// # Errors
/// `user.login_id_taken` when the tenant already has that login ID.
pub async fn create(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    new: NewStaffUser,
    now: DateTime<Utc>,
) -> Result<StaffUser, PersistenceError> {
    let id = StaffUserId::generate();
    staff_users::Entity::insert(staff_users::ActiveModel {
        tenant_id: Set(scope.uuid()),
        id: Set(id.0),
        login_id: Set(new.login_id.as_str().to_owned()),
        name: Set(new.name.as_str().to_owned()),
        roles: Set(new.roles.to_list()),
        password_hash: Set(new.password_hash),
        disabled: Set(new.disabled),
        must_change_password: Set(new.must_change_password),
        password_changed_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(db)
    .await
    .map_err(|e| PersistenceError::unique_or(e, Conflict::LoginIdTaken))?;
    get(db, scope, id).await
}

#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub name: Option<StaffName>,
    pub roles: Option<Roles>,
    pub disabled: Option<bool>,
}

/// Changes a user. With `expected_version`, a change made meanwhile by another
/// administrator is refused (`user.version_conflict`) rather than overwritten.
///
/// Callers that may remove an administrator hold [`tenants::lock`] and check
/// [`enabled_admins`] in the same transaction.
///
/// # Errors
/// `NotFound`, `user.version_conflict`, database failures.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: StaffUserId,
    expected_version: Option<i32>,
    change: &UserChange,
    now: DateTime<Utc>,
) -> Result<StaffUser, PersistenceError> {
    let mut update = staff_users::Entity::update_many()
        .col_expr(staff_users::Column::UpdatedAt, Expr::value(now))
        .col_expr(staff_users::Column::Version, Expr::col(staff_users::Column::Version).add(1))
        .filter(one(scope, id));
    if let Some(name) = &change.name {
        update = update.col_expr(staff_users::Column::Name, Expr::value(name.as_str()));
    }
    if let Some(roles) = &change.roles {
        update = update.col_expr(staff_users::Column::Roles, Expr::value(roles.to_list()));
    }
    if let Some(disabled) = change.disabled {
        update = update.col_expr(staff_users::Column::Disabled, Expr::value(disabled));
    }
    if let Some(version) = expected_version {
        update = update.filter(staff_users::Column::Version.eq(version));
    }
    if update.exec(db).await?.rows_affected == 0 {
        get(db, scope, id).await?;
        return Err(PersistenceError::Conflict(Conflict::UserChanged));
    }
    get(db, scope, id).await
}

/// # Errors
/// `NotFound`, database failures.
pub async fn delete(db: &impl ConnectionTrait, scope: &TenantScope, id: StaffUserId) -> Result<(), PersistenceError> {
    let result = staff_users::Entity::delete_many().filter(one(scope, id)).exec(db).await?;
    if result.rows_affected == 0 { Err(PersistenceError::NotFound) } else { Ok(()) }
}

/// Sets a new password hash, chosen by its user: a one-time password is replaced.
///
/// # Errors
/// `NotFound`, database failures.
pub async fn set_password(
    db: &impl ConnectionTrait,
    scope: &TenantScope,
    id: StaffUserId,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), PersistenceError> {
    let result = staff_users::Entity::update_many()
        .col_expr(staff_users::Column::PasswordHash, Expr::value(hash))
        .col_expr(staff_users::Column::PasswordChangedAt, Expr::value(now))
        .col_expr(staff_users::Column::MustChangePassword, Expr::value(false))
        .col_expr(staff_users::Column::UpdatedAt, Expr::value(now))
        .col_expr(staff_users::Column::Version, Expr::col(staff_users::Column::Version).add(1))
        .filter(one(scope, id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(PersistenceError::NotFound) } else { Ok(()) }
}

/// Enabled administrators of the tenant; read under [`tenants::lock`] to keep one.
///
/// # Errors
/// Database failures.
pub async fn enabled_admins(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64, PersistenceError> {
    Ok(staff_users::Entity::find()
        .filter(in_scope(scope).add(staff_users::Column::Disabled.eq(false)).add(has_role(Role::Admin)))
        .count(db)
        .await?)
}

/// Takes the tenant lock; see [`tenants::lock`].
///
/// # Errors
/// Database failures.
pub async fn lock_tenant(db: &impl ConnectionTrait, scope: &TenantScope) -> Result<(), PersistenceError> {
    tenants::lock(db, scope).await
}
