//! `madoguchi tenant …`: an operator brings a municipality in (its data key and first
//! administrator, who signs in with a one-time password and must replace it), lists
//! them, and switches one off and on again.

use anyhow::Context;
use chrono::{DateTime, Utc};
use madoguchi_domain::role::Roles;
use madoguchi_domain::settings::TenantSettings;
use madoguchi_domain::staff::{LoginId, StaffName};
use madoguchi_domain::tenant::{LocalGovernmentCode, TenantSlug};
use madoguchi_http::auth::password;
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::staff_users::{self, NewStaffUser};
use madoguchi_persistence::tenants::{self, Listed, Tenant};
use madoguchi_persistence::{Conflict, PersistenceError, database};
use rand::Rng;
use serde_json::json;

use crate::app;
use crate::config::Config;

/// The longest municipality name kept (the tenant's display name).
const NAME_CHARS: usize = 100;

/// What an operator types to bring a municipality in.
#[derive(Debug, Clone)]
pub struct NewMunicipality {
    pub slug: String,
    /// 地方公共団体コード, six digits with its check digit.
    pub code: String,
    pub name: String,
    /// The first administrator's login ID.
    pub admin: String,
    /// Their name as staff see it; 管理者 when not given.
    pub admin_name: Option<String>,
}

/// A municipality brought in, and what its first administrator signs in with once.
#[derive(Debug, Clone)]
pub struct Created {
    pub tenant: Tenant,
    pub admin: LoginId,
    pub one_time_password: String,
}

/// Checks every field at once, so that the operator mends them in one go.
fn parse(new: &NewMunicipality) -> anyhow::Result<(TenantSlug, LocalGovernmentCode, String, LoginId, StaffName)> {
    let mut faults = Vec::new();
    let slug = TenantSlug::parse(&new.slug).map_err(|e| faults.push(format!("--slug: {}", e.message))).ok();
    let code = LocalGovernmentCode::parse(&new.code).map_err(|e| faults.push(format!("--code: {}", e.message))).ok();
    let name = new.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > NAME_CHARS {
        faults.push(format!("--name: the municipality's name is 1 to {NAME_CHARS} characters"));
    }
    let admin = LoginId::parse(&new.admin).map_err(|e| faults.push(format!("--admin: {}", e.message))).ok();
    let admin_name = StaffName::parse(new.admin_name.as_deref().unwrap_or("管理者"))
        .map_err(|e| faults.push(format!("--admin-name: {}", e.message)))
        .ok();
    match (slug, code, admin, admin_name) {
        (Some(slug), Some(code), Some(admin), Some(admin_name)) if faults.is_empty() => {
            Ok((slug, code, name, admin, admin_name))
        }
        _ => anyhow::bail!("{}", faults.join("\n")),
    }
}

/// A password for one sign-in, read out or handed over on paper: no look-alike
/// characters (0/O, 1/l/I), in groups of four, within the new tenant's password rules.
fn one_time_password(login_id: &str) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    let policy = TenantSettings::defaults_for("").password_policy;
    let mut rng = rand::rngs::OsRng;
    loop {
        let groups: Vec<String> =
            (0..4).map(|_| (0..4).map(|_| char::from(LETTERS[rng.gen_range(0..LETTERS.len())])).collect()).collect();
        let candidate = groups.join("-");
        if policy.check(&candidate, login_id).is_ok() {
            return candidate;
        }
    }
}

/// Brings a municipality in: the tenant with default settings, its data key, and its
/// first administrator holding a one-time password (returned, never stored readable);
/// audited in the municipality's own log as `tenant.create`.
///
/// # Errors
/// Each faulty field, a slug or code already taken, database failures.
pub async fn create(config: &Config, new: &NewMunicipality, now: DateTime<Utc>) -> anyhow::Result<Created> {
    let (slug, code, name, admin, admin_name) = parse(new)?;
    let db = app::open_database(config).await?;
    let keys = app::loaded_keys(config, &db, now).await?;
    let one_time_password = one_time_password(admin.as_str());
    let hash = password::hash(one_time_password.clone()).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let txn = database::begin_write(&db).await?;
    let tenant = tenants::create(&txn, &slug, &code, &name, now).await.map_err(|e| match e {
        PersistenceError::Conflict(Conflict::TenantSlugTaken) => {
            anyhow::anyhow!("--slug: a municipality has `{slug}` already (or had, and its keys were destroyed)")
        }
        PersistenceError::Conflict(Conflict::TenantCodeTaken) => {
            anyhow::anyhow!("--code: a municipality has the code {code} already")
        }
        other => anyhow::Error::from(other),
    })?;
    let user = NewStaffUser {
        login_id: admin.clone(),
        name: admin_name,
        roles: Roles::parse(["admin"]).map_err(|e| anyhow::anyhow!(e.message))?,
        password_hash: hash,
        disabled: false,
        must_change_password: true,
    };
    let user = staff_users::create(&txn, &tenant.scope(), user, now).await?;
    txn.commit().await?;
    // Outside the transaction, as keys are made; a start makes it should this fail.
    keys.make(&db, tenant.id.0, now).await.context("making the municipality's data key failed")?;
    let vault = keys.tenant(&db, tenant.id.0).await?;
    let detail =
        json!({ "slug": slug.as_str(), "code": code.to_string(), "admin": admin.as_str(), "admin_id": user.id.0 });
    let entry = AuditEntry::by_system("tenant.create", "tenant", Some(tenant.id.0.to_string()), detail);
    audit_log::append(&db, &tenant.scope(), &vault, entry, now).await?;
    Ok(Created { tenant, admin, one_time_password })
}

/// Every municipality of the deployment, gone ones included, by slug.
///
/// # Errors
/// Database failures.
pub async fn list(config: &Config) -> anyhow::Result<Vec<Listed>> {
    let db = app::open_database(config).await?;
    Ok(tenants::list(&db).await?)
}

/// Switches the municipality `slug` off (`disabled`: its residents see the closed page,
/// its staff are signed out and cannot sign in, its data and background work go on) or
/// on again; answers whether it changed, and audits it (`tenant.disable`,
/// `tenant.enable`).
///
/// # Errors
/// An unknown municipality, database failures.
pub async fn set_disabled(config: &Config, slug: &str, disabled: bool, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let slug = TenantSlug::parse(slug).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let db = app::open_database(config).await?;
    let tenant = tenants::find_by_slug(&db, &slug).await?.with_context(|| format!("no municipality `{slug}`"))?;
    let keys = app::loaded_keys(config, &db, now).await?;
    let vault = keys.tenant(&db, tenant.id.0).await?;
    let txn = database::begin_write(&db).await?;
    let changed = tenants::set_disabled(&txn, &tenant.scope(), disabled.then_some(now)).await?;
    if changed {
        let action = if disabled { "tenant.disable" } else { "tenant.enable" };
        let entry = AuditEntry::by_system(action, "tenant", Some(tenant.id.0.to_string()), json!({}));
        audit_log::append(&txn, &tenant.scope(), &vault, entry, now).await?;
    }
    txn.commit().await?;
    Ok(changed)
}
