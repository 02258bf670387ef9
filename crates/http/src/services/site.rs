//! Which municipality a public URL names, and whether its residents' site is open.

use madoguchi_domain::tenant::TenantSlug;
use madoguchi_persistence::settings;
use madoguchi_persistence::tenants::{self, Tenant};

use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::state::AppState;

/// The tenant named by a public URL, or `tenant.not_found`.
///
/// # Errors
/// `tenant.not_found`, database failures.
pub async fn resolve(state: &AppState, slug: &str) -> ApiResult<Tenant> {
    let slug = TenantSlug::parse(slug).map_err(|_| ApiError::NotFound(ProblemCode::TenantNotFound))?;
    tenants::find_by_slug(&state.db, &slug).await?.ok_or(ApiError::NotFound(ProblemCode::TenantNotFound))
}

/// The tenant of a public booking URL, refused with 503 `site.closed` (and the
/// tenant's message) while its site is not public or the municipality is switched off.
///
/// # Errors
/// `tenant.not_found`, `site.closed`, database failures.
pub async fn open_site(state: &AppState, slug: &str) -> ApiResult<Tenant> {
    let tenant = resolve(state, slug).await?;
    let stored = settings::get(&state.db, &tenant.scope()).await?;
    if !stored.settings.site_public || tenant.disabled {
        return Err(ApiError::SiteClosed { message: stored.settings.closed_message });
    }
    Ok(tenant)
}
