//! `madoguchi keys rotate`: a new key-encryption key in seconds (only the data keys
//! are wrapped again), or a new data key for one municipality with its data sealed
//! again under it while the service keeps serving.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use madoguchi_domain::tenant::TenantSlug;
use madoguchi_persistence::audit_log::{self, AuditEntry};
use madoguchi_persistence::tenants;

use crate::app;
use crate::config::Config;

/// How long nodes are given to open a new data key before it seals: each reads the keys
/// again at every tick of its background work (a minute by default).
pub const DATA_KEY_NOTICE: Duration = Duration::from_secs(180);

/// Wraps every data key under `MADOGUCHI_ENCRYPTION_KEY`, opening those still wrapped
/// under `MADOGUCHI_PREVIOUS_ENCRYPTION_KEY`; returns how many keys.
///
/// # Errors
/// A data key neither key opens; database failures.
pub async fn rotate_kek(config: &Config, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let db = app::open_database(config).await?;
    let keys = app::loaded_keys(config, &db, now).await?;
    keys.rewrap_all(&db).await.context("wrapping the data keys again failed")
}

/// Destroys the data keys of the municipality `slug` (crypto-shredding, when it leaves
/// after its export): nothing they sealed can be read again, and the service no longer
/// serves it. Returns how many keys went.
///
/// # Errors
/// An unknown municipality, keys that do not open, database failures.
pub async fn destroy(config: &Config, slug: &str, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let slug = TenantSlug::parse(slug).map_err(|e| anyhow::anyhow!("--tenant: {}", e.message))?;
    let db = app::open_database(config).await?;
    let tenant = tenants::find_by_slug(&db, &slug).await?.with_context(|| format!("no municipality `{slug}`"))?;
    let keys = app::loaded_keys(config, &db, now).await?;
    Ok(keys.destroy(&db, &tenant, now).await?)
}

/// What a data key rotation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataRotation {
    pub version: i32,
    pub sealed: madoguchi_http::keys::Resealed,
}

/// Gives the municipality `slug` a new data key that seals from `now + notice` on,
/// waits that long, then seals its data again under it, a batch per transaction (an
/// interrupted pass goes on at the next start of any node, or when run again). The old
/// key is kept: the append-only audit log and mails still queued stay sealed under it.
///
/// # Errors
/// An unknown municipality, keys that do not open, database failures.
pub async fn rotate_data(
    config: &Config,
    slug: &str,
    now: DateTime<Utc>,
    notice: Duration,
) -> anyhow::Result<DataRotation> {
    let slug = TenantSlug::parse(slug).map_err(|e| anyhow::anyhow!("--tenant: {}", e.message))?;
    let db = app::open_database(config).await?;
    let tenant = tenants::find_by_slug(&db, &slug).await?.with_context(|| format!("no municipality `{slug}`"))?;
    let keys = app::loaded_keys(config, &db, now).await?;
    let active_from = now + chrono::Duration::from_std(notice).unwrap_or_default();
    let version = keys.add_version(&db, tenant.id.0, active_from, now).await?;
    tracing::info!(%slug, version, %active_from, "a new data key; its data is sealed again once every node holds it");
    tokio::time::sleep(notice).await;
    keys.refresh(&db, active_from).await?;
    let sealed = keys.reseal(&db, Some(tenant.id.0)).await?;
    let vault = keys.tenant(&db, tenant.id.0).await?;
    let detail = serde_json::json!({
        "version": version,
        "bookings": sealed.bookings,
        "cards": sealed.cards,
        "history": sealed.history,
        "people": sealed.people,
        "scans": sealed.scans,
    });
    let entry = AuditEntry::by_system("keys.rotate_data", "tenant", Some(tenant.id.0.to_string()), detail);
    audit_log::append(&db, &tenant.scope(), &vault, entry, active_from).await?;
    Ok(DataRotation { version, sealed })
}
