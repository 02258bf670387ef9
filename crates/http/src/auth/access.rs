//! The extractor every staff handler takes. `Staff<Admin>` in a handler's signature
//! is the route's role gate: the request is refused before the handler runs unless
//! the token is valid, its session alive and the user holds one of the roles.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::TimeDelta;
use futures_util::future::LocalBoxFuture;
use madoguchi_domain::ids::{SessionId, StaffUserId, TenantId};
use madoguchi_domain::role::Role;
use madoguchi_persistence::ConnectionTrait;
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::staff_users::StaffUser;
use madoguchi_persistence::{PersistenceError, TenantScope, sessions, settings, staff_users};

use crate::auth::tokens::TokenError;
use crate::extract::client_ip;
use crate::problem::{ApiError, ProblemCode};
use crate::state::AppState;

/// Which roles may use a route.
pub trait Access {
    const ROLES: &'static [Role];
    /// Whether a user still holding a one-time password may use it: only to see who
    /// they are and to replace the password.
    const BEFORE_PASSWORD_CHANGE: bool = false;
}

/// Any signed-in staff user on their own account (who they are, their password), a
/// one-time password not yet replaced included.
pub struct OwnAccount;
impl Access for OwnAccount {
    const ROLES: &'static [Role] = &Role::ALL;
    const BEFORE_PASSWORD_CHANGE: bool = true;
}

/// Any signed-in staff user.
pub struct AnyStaff;
impl Access for AnyStaff {
    const ROLES: &'static [Role] = &Role::ALL;
}

/// Tenant administrators only.
pub struct Admin;
impl Access for Admin {
    const ROLES: &'static [Role] = &[Role::Admin];
}

/// Those who book, change and cancel on a resident's behalf.
pub struct CallCenter;
impl Access for CallCenter {
    const ROLES: &'static [Role] = &[Role::Admin, Role::CallCenter];
}

/// Those who receive residents at the counter: check-in and no-shows.
pub struct Counter;
impl Access for Counter {
    const ROLES: &'static [Role] = &[Role::Admin, Role::CallCenter, Role::Ledger];
}

/// Those who may take personal data away in a file: every duty but the read-only
/// `viewer`.
pub struct Exporter;
impl Access for Exporter {
    const ROLES: &'static [Role] = &[Role::Admin, Role::CallCenter, Role::Ledger];
}

/// Those who keep the card ledger.
pub struct LedgerDesk;
impl Access for LedgerDesk {
    const ROLES: &'static [Role] = &[Role::Admin, Role::Ledger];
}

/// A signed-in staff user allowed on this route, and the tenant they work in.
pub struct Staff<A: Access> {
    pub user: StaffUser,
    pub scope: TenantScope,
    pub session: SessionId,
    pub client_ip: Option<String>,
    access: PhantomData<A>,
}

impl<A: Access> Staff<A> {
    /// An audit entry for an action of this user.
    pub fn audit_entry(
        &self,
        action: &str,
        target_type: &str,
        target_id: Option<String>,
        detail: serde_json::Value,
    ) -> AuditEntry {
        AuditEntry {
            actor_user_id: Some(self.user.id),
            actor_login_id: self.user.login_id.as_str().to_owned(),
            action: action.to_owned(),
            target_type: target_type.to_owned(),
            target_id,
            client_ip: self.client_ip.clone(),
            detail,
        }
    }

    /// Records an action of this user; writes call it inside their transaction.
    ///
    /// # Errors
    /// Database failures.
    pub async fn audit(
        &self,
        db: &impl ConnectionTrait,
        state: &AppState,
        action: &str,
        target_type: &str,
        target_id: Option<String>,
        detail: serde_json::Value,
    ) -> Result<(), ApiError> {
        let vault = state.vault(&self.scope).await?;
        let entry = self.audit_entry(action, target_type, target_id, detail);
        audit_log::append(db, &self.scope, &vault, entry, state.clock.now()).await?;
        Ok(())
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_owned())
}

async fn authenticate(
    req: HttpRequest,
    required: &'static [Role],
    before_password_change: bool,
) -> Result<(StaffUser, TenantScope, SessionId, Option<String>), ApiError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::internal(MissingState))?.clone();
    let token = bearer(&req).ok_or(ApiError::Unauthenticated(ProblemCode::AuthTokenMissing))?;
    let now = state.clock.now();
    let claims = state.tokens.verify(&token, now).map_err(|e| match e {
        TokenError::Expired => ApiError::Unauthenticated(ProblemCode::AuthTokenExpired),
        TokenError::Invalid => ApiError::Unauthenticated(ProblemCode::AuthTokenInvalid),
    })?;
    let scope = TenantScope::from_verified(TenantId(claims.tid));
    let session = SessionId(claims.sid);
    let user_id = StaffUserId(claims.sub);

    let tenant_settings = match settings::get(&state.db, &scope).await {
        Ok(stored) => stored.settings,
        Err(PersistenceError::NotFound) => return Err(ApiError::Unauthenticated(ProblemCode::AuthSessionExpired)),
        Err(other) => return Err(other.into()),
    };
    let idle_since = now - TimeDelta::minutes(i64::from(tenant_settings.idle_timeout_minutes));
    if !sessions::touch(&state.db, &scope, session, user_id, now, idle_since).await? {
        return Err(ApiError::Unauthenticated(ProblemCode::AuthSessionExpired));
    }
    let user = match staff_users::get(&state.db, &scope, user_id).await {
        Ok(user) => user,
        Err(PersistenceError::NotFound) => return Err(ApiError::Unauthenticated(ProblemCode::AuthSessionExpired)),
        Err(other) => return Err(other.into()),
    };
    if user.disabled {
        return Err(ApiError::Unauthenticated(ProblemCode::AuthDisabled));
    }
    // Roles changed since the token was issued: the client refreshes and gets the
    // new ones, so a demoted user loses access within one request.
    let current: Vec<String> = user.roles.iter().map(|r| r.as_str().to_owned()).collect();
    if current != claims.roles {
        return Err(ApiError::Unauthenticated(ProblemCode::AuthTokenStale));
    }
    if !user.roles.contains_any(required) {
        return Err(ApiError::Forbidden);
    }
    if user.must_change_password && !before_password_change {
        return Err(ApiError::PasswordChangeRequired);
    }
    let ip = client_ip(&req, &state.options);
    Ok((user, scope, session, ip))
}

impl<A: Access + 'static> FromRequest for Staff<A> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let gate = crate::extract::AccessGate::install(req);
        let req = req.clone();
        Box::pin(async move {
            let decided = authenticate(req, A::ROLES, A::BEFORE_PASSWORD_CHANGE).await;
            gate.open();
            let (user, scope, session, client_ip) = decided?;
            Ok(Self { user, scope, session, client_ip, access: PhantomData })
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("application state is not registered")]
pub(crate) struct MissingState;
