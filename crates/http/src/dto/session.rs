//! The signed-in staff user as the SPA learns it at sign-in and on reload.

use madoguchi_persistence::settings::StoredSettings;
use madoguchi_persistence::staff_users::StaffUser;
use madoguchi_persistence::tenants::Tenant;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::dto::RoleName;

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantSummary {
    pub slug: String,
    pub name: String,
    /// The service's name as the municipality calls it (header of both SPAs).
    pub service_name: String,
    pub has_logo: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordPolicyView {
    pub min_length: u8,
    /// How many of: lower-case, upper-case, digits, symbols.
    pub min_classes: u8,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentUser {
    pub id: Uuid,
    pub login_id: String,
    pub name: String,
    pub roles: Vec<RoleName>,
    pub tenant: TenantSummary,
    /// The session ends after this long without a request.
    pub idle_timeout_seconds: i64,
    /// The session ends this long after sign-in, whatever happens.
    pub session_timeout_seconds: i64,
    pub password_policy: PasswordPolicyView,
    /// The user signed in with a one-time password: every route but `GET /me` and
    /// `POST /me/password` answers `auth.password_change_required` until it is replaced.
    pub must_change_password: bool,
}

impl CurrentUser {
    #[must_use]
    pub fn new(user: &StaffUser, tenant: &Tenant, stored: &StoredSettings) -> Self {
        let s = &stored.settings;
        Self {
            id: user.id.0,
            login_id: user.login_id.as_str().to_owned(),
            name: user.name.as_str().to_owned(),
            roles: user.roles.iter().map(RoleName::from).collect(),
            tenant: TenantSummary {
                slug: tenant.slug.as_str().to_owned(),
                name: tenant.name.clone(),
                service_name: s.service_name.clone(),
                has_logo: stored.has_logo,
            },
            idle_timeout_seconds: i64::from(s.idle_timeout_minutes) * 60,
            session_timeout_seconds: i64::from(s.session_timeout_minutes) * 60,
            password_policy: PasswordPolicyView {
                min_length: s.password_policy.min_length,
                min_classes: s.password_policy.min_classes,
            },
            must_change_password: user.must_change_password,
        }
    }
}
