//! Checking a staff password against the lock-out counter: counted first, decided by
//! the domain's rule, one password hash checked on every path (a dummy one for unknown
//! and locked IDs), so that neither the answer nor its time tells who exists.

use chrono::{DateTime, Utc};
use madoguchi_domain::sign_in::{LockoutPolicy, SignInKey, Verdict};
use madoguchi_persistence::{TenantScope, sign_in_guards};

use crate::auth::password;
use crate::problem::ApiResult;
use crate::state::AppState;

/// What a password attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    Right,
    Wrong,
    /// Locked now: by this wrong password, or before it (then it was not checked).
    Locked {
        until: DateTime<Utc>,
    },
}

/// Checks `typed` against `hash` (`None`: no such user, checked against a dummy)
/// for the sign-in `key`.
///
/// # Errors
/// Database failures.
pub async fn check(
    state: &AppState,
    scope: &TenantScope,
    policy: LockoutPolicy,
    key: &SignInKey,
    hash: Option<String>,
    typed: String,
) -> ApiResult<Checked> {
    let now = state.clock.now();
    let standing = sign_in_guards::count_attempt(&state.db, scope, key, now).await?;
    if let Verdict::Locked { until } = policy.verdict(standing, now) {
        password::verify(password::dummy_hash(), typed).await?;
        return Ok(Checked::Locked { until });
    }
    let known = hash.is_some();
    let right = password::verify(hash.unwrap_or_else(password::dummy_hash), typed).await? && known;
    if right {
        sign_in_guards::succeeded(&state.db, scope, key, now).await?;
        return Ok(Checked::Right);
    }
    if policy.locks(standing) {
        let earlier = LockoutPolicy::earlier_lockouts(standing, now);
        let until = now + policy.lock_for(earlier);
        sign_in_guards::lock(&state.db, scope, key, until, earlier + 1, now).await?;
        return Ok(Checked::Locked { until });
    }
    Ok(Checked::Wrong)
}
