//! Staff sign-in, token refresh and sign-out.

use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_domain::ids::StaffUserId;
use madoguchi_domain::sign_in::SignInKey;
use madoguchi_domain::staff::LoginId;
use madoguchi_domain::tenant::TenantSlug;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::settings::StoredSettings;
use madoguchi_persistence::staff_users::StaffUser;
use madoguchi_persistence::tenants::Tenant;
use madoguchi_persistence::{TenantScope, sessions, settings, staff_users, tenants};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::password;
use crate::auth::refresh::{self, RefreshToken};
use crate::auth::tokens::{ACCESS_TOKEN_LIFETIME, Claims};
use crate::dto::session::CurrentUser;
use crate::extract::{ValidJson, client_ip};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::rate_limit::SIGN_IN_FAILURES_PER_ADDRESS;
use crate::services::sign_in::{self, Checked};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The municipality's slug, e.g. `demo`; not blank.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub tenant: String,
    /// Not blank.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub login_id: String,
    /// Not blank.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer …`; refresh it before `expires_in` runs out.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub user: CurrentUser,
}

enum Refusal {
    UnknownUser,
    WrongPassword,
    /// The wrong password that set the lock, or an attempt while it holds.
    Locked {
        until: DateTime<Utc>,
    },
    Disabled,
    /// The municipality is switched off (`madoguchi tenant disable`).
    TenantDisabled,
}

impl Refusal {
    fn reason(&self) -> &'static str {
        match self {
            Self::UnknownUser => "unknown_user",
            Self::WrongPassword => "wrong_password",
            Self::Locked { .. } => "locked",
            Self::Disabled => "disabled",
            Self::TenantDisabled => "tenant_disabled",
        }
    }

    fn error(&self, now: DateTime<Utc>) -> ApiError {
        match self {
            Self::UnknownUser | Self::WrongPassword => ApiError::Unauthenticated(ProblemCode::AuthInvalidCredentials),
            Self::Locked { until } => ApiError::Locked {
                retry_after_seconds: u64::try_from((*until - now).num_seconds().max(1)).unwrap_or(1),
            },
            Self::Disabled => ApiError::Unauthenticated(ProblemCode::AuthDisabled),
            Self::TenantDisabled => ApiError::Unauthenticated(ProblemCode::AuthTenantDisabled),
        }
    }
}

fn required(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, "validation.required", "this field is required"));
    }
}

fn address_key(ip: Option<&str>) -> &str {
    ip.unwrap_or("unknown")
}

async fn refuse(
    state: &AppState,
    tenant: &Tenant,
    typed_login: &SignInKey,
    user: Option<StaffUserId>,
    ip: Option<String>,
    refusal: Refusal,
) -> ApiError {
    let entry = AuditEntry {
        actor_user_id: user,
        actor_login_id: typed_login.as_str().to_owned(),
        action: "auth.sign_in_failed".to_owned(),
        target_type: "staff_user".to_owned(),
        target_id: user.map(|id| id.0.to_string()),
        client_ip: ip,
        detail: json!({ "reason": refusal.reason() }),
    };
    let appended = match state.vault(&tenant.scope()).await {
        Ok(vault) => audit_log::append(&state.db, &tenant.scope(), &vault, entry, state.clock.now())
            .await
            .map_err(ApiError::from),
        Err(error) => Err(ApiError::from(error)),
    };
    if let Err(error) = appended {
        return error;
    }
    refusal.error(state.clock.now())
}

/// Starts a session and answers with an access token and the refresh cookie.
async fn start_session(
    state: &AppState,
    tenant: &Tenant,
    stored: &StoredSettings,
    user: &StaffUser,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let scope = tenant.scope();
    let secret = refresh::new_secret();
    let expires_at = now + TimeDelta::minutes(i64::from(stored.settings.session_timeout_minutes));
    let session = sessions::create(&state.db, &scope, user.id, refresh::hash_secret(&secret), now, expires_at).await?;
    let token = RefreshToken { tenant: tenant.id, session, secret };
    token_response(state, tenant, stored, user, &token, expires_at)
}

fn token_response(
    state: &AppState,
    tenant: &Tenant,
    stored: &StoredSettings,
    user: &StaffUser,
    token: &RefreshToken,
    session_end: chrono::DateTime<chrono::Utc>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let claims = Claims::new(tenant.id, user.id, token.session, &user.roles, now, session_end);
    let access_token = state.tokens.issue(&claims).map_err(ApiError::internal)?;
    let body = LoginResponse {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in: (claims.exp - now.timestamp()).min(ACCESS_TOKEN_LIFETIME.num_seconds()),
        user: CurrentUser::new(user, tenant, stored),
    };
    Ok(HttpResponse::Ok()
        .cookie(token.cookie((session_end - now).num_seconds(), state.options.secure_cookies))
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}

/// Sign in with the municipality, login ID and password.
///
/// Wrong passwords are counted per login ID as typed, whether or not such a user
/// exists, so an unknown ID is answered exactly as a known one. After the tenant's
/// `lockout_threshold` in a row the sign-in is locked (`auth.locked`, 429, with
/// `Retry-After`) for `lockout_minutes`, doubled for each lock-out in a row (at most a
/// day), even for the right password; an administrator can unlock at once. Sessions
/// already signed in go on. Failures are forgotten after a quiet hour. After 50
/// failed sign-ins from one address within 15 minutes, that address waits (429).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the refresh cookie is set", body = LoginResponse),
        (status = 401, description = "`auth.invalid_credentials`, `auth.disabled`, or `auth.tenant_disabled` (the right password, but the municipality is switched off)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A required field is empty", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`auth.locked`: the login ID is locked after too many wrong passwords; `rate_limited`: too many failed sign-ins from this address. Either way, try again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let mut errors = FieldErrors::new();
    required(&mut errors, "tenant", &body.tenant);
    required(&mut errors, "login_id", &body.login_id);
    required(&mut errors, "password", &body.password);
    errors.into_result()?;
    let ip = client_ip(&req, &state.options);
    let address = address_key(ip.as_deref()).to_owned();
    // Counted as a failure before the password is checked; given back when it is right.
    SIGN_IN_FAILURES_PER_ADDRESS.take(&state, &address).await?;

    let tenant = match TenantSlug::parse(&body.tenant) {
        Ok(slug) => tenants::find_by_slug(&state.db, &slug).await?,
        Err(_) => None,
    };
    let Some(tenant) = tenant else {
        // Same work as a wrong password, so that timing does not tell which tenants exist.
        password::verify(password::dummy_hash(), body.password).await?;
        tracing::info!(reason = "unknown_tenant", "sign-in refused");
        return Err(ApiError::Unauthenticated(ProblemCode::AuthInvalidCredentials));
    };
    let scope = tenant.scope();
    let now = state.clock.now();
    let stored = settings::get(&state.db, &scope).await?;
    let key = SignInKey::from_typed(&body.login_id);
    let found = match LoginId::parse(&body.login_id) {
        Ok(login_id) => staff_users::find_credentials(&state.db, &scope, &login_id).await?,
        Err(_) => None,
    };
    let (user, hash) = found.map_or((None, None), |(user, hash)| (Some(user), Some(hash)));
    let user_id = user.as_ref().map(|u| u.id);
    let checked = sign_in::check(&state, &scope, stored.settings.lockout_policy(), &key, hash, body.password).await?;
    let user = match (checked, user) {
        (Checked::Right, Some(user)) => user,
        (Checked::Locked { until }, _) => {
            return Err(refuse(&state, &tenant, &key, user_id, ip, Refusal::Locked { until }).await);
        }
        (_, user) => {
            let refusal = if user.is_some() { Refusal::WrongPassword } else { Refusal::UnknownUser };
            return Err(refuse(&state, &tenant, &key, user_id, ip, refusal).await);
        }
    };
    SIGN_IN_FAILURES_PER_ADDRESS.give_back(&state, &address).await?;
    if user.disabled {
        return Err(refuse(&state, &tenant, &key, Some(user.id), ip, Refusal::Disabled).await);
    }
    // Told only to who knows a password of it: a stranger learns no more than that
    // the residents' site is closed.
    if tenant.disabled {
        return Err(refuse(&state, &tenant, &key, Some(user.id), ip, Refusal::TenantDisabled).await);
    }
    let response = start_session(&state, &tenant, &stored, &user).await?;
    let entry = AuditEntry {
        actor_user_id: Some(user.id),
        actor_login_id: user.login_id.as_str().to_owned(),
        action: "auth.sign_in".to_owned(),
        target_type: "staff_user".to_owned(),
        target_id: Some(user.id.0.to_string()),
        client_ip: ip,
        detail: json!({}),
    };
    audit_log::append(&state.db, &scope, &state.vault(&scope).await?, entry, now).await?;
    Ok(response)
}

fn expired(state: &AppState) -> HttpResponse {
    let mut response =
        actix_web::ResponseError::error_response(&ApiError::Unauthenticated(ProblemCode::AuthSessionExpired));
    let _ = response.add_cookie(&refresh::removal_cookie(state.options.secure_cookies));
    response
}

/// A new access token for the session in the refresh cookie.
///
/// The cookie's secret changes on every refresh; the one before, sent again, ends the
/// session (the cookie was copied); older ones are refused. Refreshing
/// does not count as activity, so an unattended screen still reaches its idle time-out.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "A new access token; the refresh cookie is replaced", body = LoginResponse),
        (status = 401, description = "`auth.session_expired`: sign in again", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_token(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let Some(old) = req.cookie(refresh::COOKIE_NAME).and_then(|c| RefreshToken::parse(c.value())) else {
        return Ok(expired(&state));
    };
    let now = state.clock.now();
    let scope = TenantScope::from_verified(old.tenant);
    let Ok(tenant) = tenants::get(&state.db, &scope).await else {
        return Ok(expired(&state));
    };
    if tenant.disabled {
        return Ok(expired(&state));
    }
    let stored = settings::get(&state.db, &scope).await?;
    let idle_since = now - TimeDelta::minutes(i64::from(stored.settings.idle_timeout_minutes));
    let secret = refresh::new_secret();
    let rotated = sessions::rotate_refresh(
        &state.db,
        &scope,
        old.session,
        &refresh::hash_secret(&old.secret),
        refresh::hash_secret(&secret),
        now,
        idle_since,
    )
    .await?;
    let Some(live) = rotated else {
        // The secret before the last rotation, sent again: a copy of the cookie is in
        // someone else's hands, so the session ends for both.
        if sessions::revoke_replayed(&state.db, &scope, old.session, &refresh::hash_secret(&old.secret), now).await? {
            let entry = AuditEntry {
                actor_user_id: None,
                actor_login_id: String::new(),
                action: "auth.refresh_replayed".to_owned(),
                target_type: "staff_session".to_owned(),
                target_id: Some(old.session.0.to_string()),
                client_ip: client_ip(&req, &state.options),
                detail: json!({}),
            };
            audit_log::append(&state.db, &scope, &state.vault(&scope).await?, entry, now).await?;
        }
        return Ok(expired(&state));
    };
    // A locked sign-in does not end sessions already signed in; a disabled user's does.
    let user = match staff_users::get(&state.db, &scope, live.user_id).await {
        Ok(user) if !user.disabled => user,
        Ok(_) => {
            sessions::revoke(&state.db, &scope, old.session, now).await?;
            return Err(ApiError::Unauthenticated(ProblemCode::AuthDisabled));
        }
        Err(_) => return Ok(expired(&state)),
    };
    let token = RefreshToken { tenant: tenant.id, session: old.session, secret };
    token_response(&state, &tenant, &stored, &user, &token, live.expires_at)
}

/// Ends the session of the refresh cookie (and of the bearer token, if sent).
#[utoipa::path(tag = "auth", responses((status = 204, description = "Signed out; the cookie is removed")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let from_cookie = req
        .cookie(refresh::COOKIE_NAME)
        .and_then(|c| RefreshToken::parse(c.value()))
        .map(|t| (t.tenant, t.session, None));
    let from_bearer = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| state.tokens.verify(token, now).ok())
        .map(|c| (madoguchi_domain::ids::TenantId(c.tid), madoguchi_domain::ids::SessionId(c.sid), Some(c.sub)));
    for (tenant, session, user) in [from_cookie, from_bearer].into_iter().flatten() {
        let scope = TenantScope::from_verified(tenant);
        sessions::revoke(&state.db, &scope, session, now).await?;
        if let Some(user_id) = user
            && let Ok(user) = staff_users::get(&state.db, &scope, StaffUserId(user_id)).await
        {
            let entry = AuditEntry {
                actor_user_id: Some(user.id),
                actor_login_id: user.login_id.as_str().to_owned(),
                action: "auth.sign_out".to_owned(),
                target_type: "staff_user".to_owned(),
                target_id: Some(user.id.0.to_string()),
                client_ip: client_ip(&req, &state.options),
                detail: json!({}),
            };
            audit_log::append(&state.db, &scope, &state.vault(&scope).await?, entry, now).await?;
        }
    }
    Ok(HttpResponse::NoContent().cookie(refresh::removal_cookie(state.options.secure_cookies)).finish())
}
