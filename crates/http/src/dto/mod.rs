//! Shapes shared by several routes. Route-specific request and response bodies
//! live with their routes.

use chrono::{DateTime, Utc};
use madoguchi_domain::role::Role;
use madoguchi_domain::sign_in::Standing;
use madoguchi_persistence::staff_users::StaffUser;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = Role)]
pub enum RoleName {
    Admin,
    CallCenter,
    Ledger,
    Viewer,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => Self::Admin,
            Role::CallCenter => Self::CallCenter,
            Role::Ledger => Self::Ledger,
            Role::Viewer => Self::Viewer,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Admin => Self::Admin,
            RoleName::CallCenter => Self::CallCenter,
            RoleName::Ledger => Self::Ledger,
            RoleName::Viewer => Self::Viewer,
        }
    }
}

/// A staff user as administrators see it. Never the password hash.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StaffUserView {
    pub id: Uuid,
    pub login_id: String,
    pub name: String,
    pub roles: Vec<RoleName>,
    pub disabled: bool,
    /// Sign-in locked now after too many wrong passwords; it opens by itself at
    /// `locked_until`, or when an administrator unlocks it.
    pub locked: bool,
    pub locked_until: Option<DateTime<Utc>>,
    /// Wrong passwords in a row since the last good one (forgotten after a quiet hour).
    pub failed_attempts: i32,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with a change to refuse overwriting someone else's change.
    pub version: i32,
}

impl StaffUserView {
    /// The user with where their sign-in stands (`None`: no failures).
    #[must_use]
    pub fn new(user: &StaffUser, standing: Option<&Standing>, now: DateTime<Utc>) -> Self {
        let locked_until = standing.and_then(|s| s.locked_until).filter(|until| *until > now);
        Self {
            id: user.id.0,
            login_id: user.login_id.as_str().to_owned(),
            name: user.name.as_str().to_owned(),
            roles: user.roles.iter().map(RoleName::from).collect(),
            disabled: user.disabled,
            locked: locked_until.is_some(),
            locked_until,
            failed_attempts: standing.map_or(0, |s| s.failures),
            password_changed_at: user.password_changed_at,
            created_at: user.created_at,
            updated_at: user.updated_at,
            version: user.version,
        }
    }
}
pub mod booking;
pub mod booking_desk;
pub mod ledger;
pub mod procedure;
pub mod session;
