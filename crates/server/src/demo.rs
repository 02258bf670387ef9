//! The demo tenant (design.md): デモ市 with one staff user per role. Loading it twice
//! changes nothing.

use chrono::Utc;
use madoguchi_domain::role::{Role, Roles};
use madoguchi_domain::staff::{LoginId, StaffName};
use madoguchi_domain::tenant::{LocalGovernmentCode, TenantSlug};
use madoguchi_http::auth::password;
use madoguchi_persistence::staff_users::NewStaffUser;
use madoguchi_persistence::{DatabaseConnection, staff_users, tenants};

pub const DEMO_PASSWORD: &str = "madoguchi-demo";

const USERS: [(&str, &str, Role); 3] =
    [("admin", "デモ 管理者", Role::Admin), ("callcenter", "デモ コールセンター", Role::CallCenter), ("ledger", "デモ 管理簿担当", Role::Ledger)];

/// # Errors
/// Database failures.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    let slug = TenantSlug::parse("demo").map_err(|e| anyhow::anyhow!(e.message))?;
    let tenant = match tenants::find_by_slug(db, &slug).await? {
        Some(tenant) => tenant,
        None => {
            let code = LocalGovernmentCode::parse("999997").map_err(|e| anyhow::anyhow!(e.message))?;
            tenants::create(db, &slug, &code, "デモ市", Utc::now()).await?
        }
    };
    let scope = tenant.scope();
    for (login, name, role) in USERS {
        let login_id = LoginId::parse(login).map_err(|e| anyhow::anyhow!(e.message))?;
        if staff_users::find_credentials(db, &scope, &login_id).await?.is_some() {
            continue;
        }
        let user = NewStaffUser {
            login_id,
            name: StaffName::parse(name).map_err(|e| anyhow::anyhow!(e.message))?,
            roles: Roles::parse([role.as_str()]).map_err(|e| anyhow::anyhow!(e.message))?,
            password_hash: password::hash(DEMO_PASSWORD.to_owned()).await.map_err(|e| anyhow::anyhow!(e.to_string()))?,
            disabled: false,
        };
        staff_users::create(db, &scope, user, Utc::now()).await?;
    }
    Ok(())
}

/// What the demo prints at start, so that nobody has to look up the passwords.
#[must_use]
pub fn banner(public_url: &str) -> String {
    let base = public_url.trim_end_matches('/');
    format!(
        "Demo tenant デモ市 (slug `demo`)\n  residents: {base}/r/demo/\n  staff:     {base}/staff/  tenant `demo`, users admin / callcenter / ledger, password `{DEMO_PASSWORD}`\n  API docs:  {base}/api/docs/"
    )
}
