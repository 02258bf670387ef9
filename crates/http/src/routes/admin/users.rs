//! Staff users, for administrators: list, create, change, delete, reset password,
//! unlock, and the CSV import and export.

use std::collections::HashMap;

use actix_web::{HttpResponse, delete, get, patch, post, web};
use madoguchi_domain::ids::StaffUserId;
use madoguchi_domain::password_policy::PasswordPolicy;
use madoguchi_domain::role::{Role, Roles};
use madoguchi_domain::sign_in::SignInKey;
use madoguchi_domain::staff::{LoginId, StaffName};
use madoguchi_domain::staff_csv::{self, ExistingUser, PlannedChange, PlannedRow};
use madoguchi_domain::text_file::{self, TextEncoding};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::staff_users::{NewStaffUser, StaffUser, UserChange, UserFilter};
use madoguchi_persistence::{
    ConnectionTrait, PersistenceError, TenantScope, database, sessions, settings, sign_in_guards, staff_users,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{Admin, Staff, password};
use crate::dto::{RoleName, StaffUserView};
use crate::extract::{ValidJson, read_body};
use crate::params::Paging;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::spreadsheet::{ExportQuery, Table};
use crate::state::AppState;

/// Largest user CSV accepted.
const IMPORT_LIMIT: usize = 2 * 1024 * 1024;

fn not_found(error: PersistenceError) -> ApiError {
    match error {
        PersistenceError::NotFound => ApiError::NotFound(ProblemCode::UserNotFound),
        other => other.into(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Part of the login ID or the name.
    pub q: Option<String>,
    pub role: Option<RoleName>,
    /// 1-based.
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// At most 500; 50 when absent.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffUserPage {
    pub items: Vec<StaffUserView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// The tenant's staff users, by login ID.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(UserQuery), responses((status = 200, body = StaffUserPage), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<UserQuery>,
) -> ApiResult<web::Json<StaffUserPage>> {
    let paging = Paging::parse(query.page, query.per_page)?;
    let filter = UserFilter {
        text: query.q.clone(),
        role: query.role.map(Role::from),
        page: paging.index(),
        per_page: paging.per_page,
    };
    let (users, total) = staff_users::list(&state.db, &staff.scope, &filter).await?;
    Ok(web::Json(StaffUserPage {
        items: views(&state, &staff.scope, &users).await?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    /// 1 to 64 letters, digits or `. _ - @` (full width too), compared case-insensitively.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[A-Za-z0-9._@\-\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0E\uFF3F\uFF0D\uFF20\u2010-\u2015\u2212\u30FC\uFF70]{1,64}[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub login_id: String,
    /// Up to 100 characters: not blank, no control characters.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: String,
    /// At least one role.
    #[serde(default)]
    #[schema(required = true, min_items = 1)]
    pub roles: Vec<RoleName>,
    /// Must meet the tenant's password rules (at least the tenant's `password_min_length`,
    /// 8 to 64, and at most 128 characters; not only white space; never containing the
    /// login ID).
    #[serde(default)]
    #[schema(
        required = true,
        min_length = 8,
        max_length = 128,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub password: String,
    #[serde(default)]
    pub disabled: bool,
}

fn roles_of(field: &str, roles: &[RoleName], errors: &mut FieldErrors) -> Option<Roles> {
    errors.collect(
        field,
        Roles::from_set(roles.iter().copied().map(Role::from).collect())
            .map_err(|e| FieldErrors::from(FieldError { field: String::new(), ..e })),
    )
}

fn check_password(policy: &PasswordPolicy, field: &str, password: &str, login_id: &str, errors: &mut FieldErrors) {
    if let Err(rule_errors) = policy.check(password, login_id) {
        errors.0.extend(rule_errors.0.into_iter().map(|e| FieldError { field: field.to_owned(), ..e }));
    }
}

/// Creates a staff user.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = StaffUserView),
        (status = 409, description = "`user.login_id_taken`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every faulty field, password rules included", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<CreateUserRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let policy = settings::get(&state.db, &staff.scope).await?.settings.password_policy;
    let mut errors = FieldErrors::new();
    let login_id = errors
        .collect("login_id", LoginId::parse(&body.login_id).map_err(|e| FieldError { field: String::new(), ..e }));
    let name =
        errors.collect("name", StaffName::parse(&body.name).map_err(|e| FieldError { field: String::new(), ..e }));
    let roles = roles_of("roles", &body.roles, &mut errors);
    check_password(
        &policy,
        "password",
        &body.password,
        login_id.as_ref().map_or(body.login_id.as_str(), LoginId::as_str),
        &mut errors,
    );
    let (Some(login_id), Some(name), Some(roles)) = (login_id, name, roles) else {
        return Err(errors.into());
    };
    errors.into_result()?;
    let password_hash = password::hash(body.password).await?;
    let txn = database::begin_write(&state.db).await?;
    let user = staff_users::create(
        &txn,
        &staff.scope,
        NewStaffUser { login_id, name, roles, password_hash, disabled: body.disabled, must_change_password: false },
        state.clock.now(),
    )
    .await?;
    staff
        .audit(
            &txn,
            &state,
            "user.create",
            "staff_user",
            Some(user.id.0.to_string()),
            json!({ "login_id": user.login_id.as_str(), "roles": user.roles.to_list() }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(view(&state, &staff.scope, &user).await?))
}

/// One staff user.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = StaffUserView), (status = 404, description = "`user.not_found`, also for another tenant's user", body = Problem, content_type = "application/problem+json")))]
#[get("/admin/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<StaffUserView>> {
    let user = staff_users::get(&state.db, &staff.scope, StaffUserId(*id)).await.map_err(not_found)?;
    staff
        .audit(
            &state.db,
            &state,
            "user.view",
            "staff_user",
            Some(user.id.0.to_string()),
            json!({ "login_id": user.login_id.as_str() }),
        )
        .await?;
    Ok(web::Json(view(&state, &staff.scope, &user).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// Up to 100 characters: not blank, no control characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: Option<String>,
    /// At least one role.
    #[schema(min_items = 1)]
    pub roles: Option<Vec<RoleName>>,
    pub disabled: Option<bool>,
    /// The `version` read; a change made meanwhile is refused with `user.version_conflict`.
    pub version: Option<i32>,
}

/// Refuses a change that would leave the tenant without an enabled administrator.
/// Runs inside the change's transaction, after the tenant lock.
async fn keep_an_admin(db: &impl ConnectionTrait, scope: &TenantScope) -> ApiResult<()> {
    if staff_users::enabled_admins(db, scope).await? == 0 {
        return Err(ApiError::conflict(
            ProblemCode::UserLastAdmin,
            "the municipality must keep at least one enabled administrator",
        ));
    }
    Ok(())
}

/// Changes a user's name, roles or disabled flag. Disabling ends their sessions.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = StaffUserView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`user.version_conflict`, `user.last_admin`, `user.self_lockout`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<UpdateUserRequest>,
) -> ApiResult<web::Json<StaffUserView>> {
    let ValidJson(body) = body;
    let id = StaffUserId(*id);
    let mut errors = FieldErrors::new();
    let name = match &body.name {
        Some(name) => {
            errors.collect("name", StaffName::parse(name).map_err(|e| FieldError { field: String::new(), ..e }))
        }
        None => None,
    };
    let roles = match &body.roles {
        Some(roles) => roles_of("roles", roles, &mut errors),
        None => None,
    };
    errors.into_result()?;
    if id == staff.user.id && (body.disabled == Some(true) || roles.as_ref().is_some_and(|r| !r.contains(Role::Admin)))
    {
        return Err(ApiError::conflict(
            ProblemCode::UserSelfLockout,
            "you cannot disable yourself or remove your own administrator role",
        ));
    }
    let now = state.clock.now();
    let change = UserChange { name, roles, disabled: body.disabled };
    let txn = database::begin_write(&state.db).await?;
    staff_users::lock_tenant(&txn, &staff.scope).await?;
    let before = staff_users::get(&txn, &staff.scope, id).await.map_err(not_found)?;
    let after = staff_users::update(&txn, &staff.scope, id, body.version, &change, now).await.map_err(not_found)?;
    keep_an_admin(&txn, &staff.scope).await?;
    if after.disabled && !before.disabled {
        sessions::revoke_all_for_user(&txn, &staff.scope, id, None, now).await?;
    }
    staff.audit(&txn, &state, "user.update", "staff_user", Some(id.0.to_string()), changes(&before, &after)).await?;
    txn.commit().await?;
    Ok(web::Json(view(&state, &staff.scope, &after).await?))
}

/// What changed, for the audit log.
fn changes(before: &StaffUser, after: &StaffUser) -> serde_json::Value {
    let mut detail = serde_json::Map::new();
    detail.insert("login_id".to_owned(), json!(after.login_id.as_str()));
    if before.name != after.name {
        detail.insert("name".to_owned(), json!({ "from": before.name.as_str(), "to": after.name.as_str() }));
    }
    if before.roles != after.roles {
        detail.insert("roles".to_owned(), json!({ "from": before.roles.to_list(), "to": after.roles.to_list() }));
    }
    if before.disabled != after.disabled {
        detail.insert("disabled".to_owned(), json!({ "from": before.disabled, "to": after.disabled }));
    }
    serde_json::Value::Object(detail)
}

/// Deletes a user and ends their sessions. The audit log keeps their login ID.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "`user.last_admin`, `user.self_lockout`", body = Problem, content_type = "application/problem+json"))
)]
#[delete("/admin/users/{id}")]
pub async fn delete_user(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = StaffUserId(*id);
    if id == staff.user.id {
        return Err(ApiError::conflict(ProblemCode::UserSelfLockout, "you cannot delete yourself"));
    }
    let txn = database::begin_write(&state.db).await?;
    staff_users::lock_tenant(&txn, &staff.scope).await?;
    let user = staff_users::get(&txn, &staff.scope, id).await.map_err(not_found)?;
    staff_users::delete(&txn, &staff.scope, id).await.map_err(not_found)?;
    keep_an_admin(&txn, &staff.scope).await?;
    staff
        .audit(
            &txn,
            &state,
            "user.delete",
            "staff_user",
            Some(id.0.to_string()),
            json!({ "login_id": user.login_id.as_str() }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// Must meet the tenant's password rules (at least the tenant's `password_min_length`,
    /// 8 to 64, and at most 128 characters; not only white space; never containing the
    /// login ID).
    #[schema(
        min_length = 8,
        max_length = 128,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub password: String,
}

/// Sets a new password for a user (who forgot theirs); also unlocks the account and
/// ends the user's sessions.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ResetPasswordRequest,
    responses((status = 204, description = "Reset"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/users/{id}/password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<ResetPasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let id = StaffUserId(*id);
    let user = staff_users::get(&state.db, &staff.scope, id).await.map_err(not_found)?;
    let policy = settings::get(&state.db, &staff.scope).await?.settings.password_policy;
    let mut errors = FieldErrors::new();
    check_password(&policy, "password", &body.password, user.login_id.as_str(), &mut errors);
    errors.into_result()?;
    let hash = password::hash(body.password).await?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    staff_users::set_password(&txn, &staff.scope, id, hash, now).await.map_err(not_found)?;
    sign_in_guards::clear(&txn, &staff.scope, &SignInKey::from_typed(user.login_id.as_str())).await?;
    sessions::revoke_all_for_user(&txn, &staff.scope, id, None, now).await?;
    staff
        .audit(
            &txn,
            &state,
            "user.password_reset",
            "staff_user",
            Some(id.0.to_string()),
            json!({ "login_id": user.login_id.as_str() }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Unlocks a sign-in locked by wrong passwords at once, and forgets its failures.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = StaffUserView), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[post("/admin/users/{id}/unlock")]
pub async fn unlock_user(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<StaffUserView>> {
    let id = StaffUserId(*id);
    let txn = database::begin_write(&state.db).await?;
    let user = staff_users::get(&txn, &staff.scope, id).await.map_err(not_found)?;
    sign_in_guards::clear(&txn, &staff.scope, &SignInKey::from_typed(user.login_id.as_str())).await?;
    staff
        .audit(
            &txn,
            &state,
            "user.unlock",
            "staff_user",
            Some(id.0.to_string()),
            json!({ "login_id": user.login_id.as_str() }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(StaffUserView::new(&user, None, state.clock.now())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check the file and report what would change, without changing anything.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
    Delete,
    Unchanged,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRow {
    pub line: u64,
    pub login_id: String,
    pub action: ImportAction,
    /// On `update` and `create`, whether a password is set from the file.
    pub sets_password: bool,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    pub create: u64,
    pub update: u64,
    pub delete: u64,
    pub unchanged: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Whether the changes were made (never for a dry run).
    pub applied: bool,
    /// The encoding the file was read in: `utf-8` or `cp932`.
    pub encoding: String,
    pub summary: ImportSummary,
    pub rows: Vec<ImportRow>,
}

fn report(rows: &[PlannedRow], encoding: TextEncoding, dry_run: bool) -> ImportReport {
    let mut summary = ImportSummary::default();
    let rows = rows
        .iter()
        .map(|row| {
            let (action, sets_password) = match &row.change {
                PlannedChange::Create { .. } => (ImportAction::Create, true),
                PlannedChange::Update { new_password, .. } => (ImportAction::Update, new_password.is_some()),
                PlannedChange::Delete => (ImportAction::Delete, false),
                PlannedChange::Unchanged => (ImportAction::Unchanged, false),
            };
            match action {
                ImportAction::Create => summary.create += 1,
                ImportAction::Update => summary.update += 1,
                ImportAction::Delete => summary.delete += 1,
                ImportAction::Unchanged => summary.unchanged += 1,
            }
            ImportRow { line: row.line, login_id: row.login_id.as_str().to_owned(), action, sets_password }
        })
        .collect();
    let encoding = match encoding {
        TextEncoding::Utf8 => "utf-8",
        TextEncoding::Cp932 => "cp932",
    };
    ImportReport { dry_run, applied: !dry_run, encoding: encoding.to_owned(), summary, rows }
}

fn existing(users: &[StaffUser]) -> Vec<ExistingUser> {
    users
        .iter()
        .map(|u| ExistingUser {
            login_id: u.login_id.clone(),
            name: u.name.clone(),
            roles: u.roles.clone(),
            disabled: u.disabled,
        })
        .collect()
}

/// Creates, changes and deletes users from one CSV, all or nothing.
///
/// Send the file as the body (`text/csv`), UTF-8 (with or without BOM) or CP932.
/// Columns: `action,login_id,name,roles,password,disabled` (see the README). Every
/// bad line is reported with its line number and nothing is applied. With
/// `dry_run=true`, the report says what would change.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 200, body = ImportReport),
        (status = 409, description = "`user.last_admin`, `import.stale` (users changed while the file was checked)", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`import.invalid` with each bad line, `import.empty`, `import.unknown_encoding`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/import")]
pub async fn import_users(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<ImportReport>> {
    let _turn = state.heavy.turn().await?;
    let bytes = read_body(&mut payload, IMPORT_LIMIT).await?;
    let (text, encoding) = text_file::decode(&bytes).map_err(ApiError::from)?;
    let policy = settings::get(&state.db, &staff.scope).await?.settings.password_policy;
    let plan_against = |users: &[StaffUser]| {
        staff_csv::plan(&text, &existing(users), &policy, &staff.user.login_id)
            .map_err(|errors| ApiError::Invalid { code: ProblemCode::ImportInvalid, errors: errors.0 })
    };
    let planned = plan_against(&staff_users::all(&state.db, &staff.scope).await?)?;
    if query.dry_run {
        return Ok(web::Json(report(&planned, encoding, true)));
    }

    // Hash outside the transaction: it is slow, and the tenant lock is held inside.
    let mut hashes: HashMap<u64, String> = HashMap::new();
    for row in &planned {
        let new_password = match &row.change {
            PlannedChange::Create { password, .. } => Some(password),
            PlannedChange::Update { new_password, .. } => new_password.as_ref(),
            _ => None,
        };
        if let Some(new_password) = new_password {
            hashes.insert(row.line, password::hash(new_password.clone()).await?);
        }
    }

    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    staff_users::lock_tenant(&txn, &staff.scope).await?;
    let users = staff_users::all(&txn, &staff.scope).await?;
    if plan_against(&users)? != planned {
        return Err(ApiError::conflict(
            ProblemCode::ImportStale,
            "the users changed while the file was being checked; send it again",
        ));
    }
    let by_login: HashMap<&LoginId, &StaffUser> = users.iter().map(|u| (&u.login_id, u)).collect();
    for row in &planned {
        let hash = || hashes.get(&row.line).cloned().ok_or_else(|| ApiError::internal(MissingHash(row.line)));
        let detail =
            |action: &str| json!({ "login_id": row.login_id.as_str(), "import_line": row.line, "action": action });
        match &row.change {
            PlannedChange::Create { name, roles, disabled, .. } => {
                let new = NewStaffUser {
                    login_id: row.login_id.clone(),
                    name: name.clone(),
                    roles: roles.clone(),
                    password_hash: hash()?,
                    disabled: *disabled,
                    must_change_password: false,
                };
                let user = staff_users::create(&txn, &staff.scope, new, now).await?;
                staff
                    .audit(&txn, &state, "user.create", "staff_user", Some(user.id.0.to_string()), detail("create"))
                    .await?;
            }
            PlannedChange::Update { name, roles, disabled, new_password } => {
                let user = by_login.get(&row.login_id).ok_or_else(|| ApiError::internal(MissingHash(row.line)))?;
                let change =
                    UserChange { name: Some(name.clone()), roles: Some(roles.clone()), disabled: Some(*disabled) };
                staff_users::update(&txn, &staff.scope, user.id, None, &change, now).await?;
                if new_password.is_some() {
                    staff_users::set_password(&txn, &staff.scope, user.id, hash()?, now).await?;
                }
                if *disabled || new_password.is_some() {
                    sessions::revoke_all_for_user(&txn, &staff.scope, user.id, None, now).await?;
                }
                staff
                    .audit(&txn, &state, "user.update", "staff_user", Some(user.id.0.to_string()), detail("update"))
                    .await?;
            }
            PlannedChange::Delete => {
                let user = by_login.get(&row.login_id).ok_or_else(|| ApiError::internal(MissingHash(row.line)))?;
                staff_users::delete(&txn, &staff.scope, user.id).await?;
                staff
                    .audit(&txn, &state, "user.delete", "staff_user", Some(user.id.0.to_string()), detail("delete"))
                    .await?;
            }
            PlannedChange::Unchanged => {}
        }
    }
    keep_an_admin(&txn, &staff.scope).await?;
    let result = report(&planned, encoding, false);
    staff
        .audit(
            &txn,
            &state,
            "user.import",
            "staff_user",
            None,
            json!({ "summary": &result.summary, "encoding": &result.encoding }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(result))
}

#[derive(Debug, thiserror::Error)]
#[error("planned import row on line {0} lost its data")]
struct MissingHash(u64);

/// Every user as the import reads them: importing the CSV unchanged changes nothing
/// (`format=xlsx` gives the same table as a workbook, to read).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "CSV in the chosen encoding, or the workbook", content((String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))))
)]
#[get("/admin/users/export")]
pub async fn export_users(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let users = staff_users::all(&state.db, &staff.scope).await?;
    let mut table = Table::new("職員", staff_csv::COLUMNS);
    for user in &users {
        let roles = user.roles.to_list();
        table.push([
            "update",
            user.login_id.as_str(),
            user.name.as_str(),
            &roles,
            "",
            if user.disabled { "1" } else { "0" },
        ]);
    }
    let charset = TextEncoding::from(query.encoding).charset();
    staff
        .audit(
            &state.db,
            &state,
            "user.export",
            "staff_user",
            None,
            json!({ "count": users.len(), "format": query.format, "encoding": charset }),
        )
        .await?;
    table.download(query.format, query.encoding, "staff_users")
}

/// Users as administrators see them, with where each sign-in stands.
async fn views(state: &AppState, scope: &TenantScope, users: &[StaffUser]) -> ApiResult<Vec<StaffUserView>> {
    let keys: Vec<SignInKey> = users.iter().map(|u| SignInKey::from_typed(u.login_id.as_str())).collect();
    let standings = sign_in_guards::standings(&state.db, scope, &keys).await?;
    let now = state.clock.now();
    Ok(users.iter().map(|u| StaffUserView::new(u, standings.get(u.login_id.as_str()), now)).collect())
}

async fn view(state: &AppState, scope: &TenantScope, user: &StaffUser) -> ApiResult<StaffUserView> {
    Ok(views(state, scope, std::slice::from_ref(user)).await?.remove(0))
}
