//! Limits on what an address may try, counted in the database (shared by all nodes).

use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_persistence::rate_limits;

use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bucket: &'static str,
    pub max: i32,
    pub window: TimeDelta,
}

/// Failed staff sign-ins from one address. Generous, because a whole town hall may
/// reach us through one address; the per-account lock-out is the tight limit.
pub const SIGN_IN_FAILURES_PER_ADDRESS: Limit =
    Limit { bucket: "sign_in_failure", max: 50, window: TimeDelta::minutes(15) };

/// Failed booking look-ups from one address.
pub const LOOKUP_FAILURES_PER_ADDRESS: Limit =
    Limit { bucket: "lookup_failure_ip", max: 20, window: TimeDelta::minutes(15) };

/// Failed look-ups of one reception number, from anywhere: guessing one booking's
/// password from many addresses stops here.
pub const LOOKUP_FAILURES_PER_NUMBER: Limit =
    Limit { bucket: "lookup_failure_no", max: 5, window: TimeDelta::minutes(15) };

impl Limit {
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let seconds = self.window.num_seconds().max(1);
        DateTime::from_timestamp(now.timestamp() - now.timestamp().rem_euclid(seconds), 0).unwrap_or(now)
    }

    fn refusal(&self, now: DateTime<Utc>) -> ApiError {
        let retry = (self.window_start(now) + self.window - now).num_seconds().max(1);
        ApiError::RateLimited { retry_after_seconds: u64::try_from(retry).unwrap_or(1) }
    }

    /// Refuses with 429 when `key` has used up the window.
    ///
    /// # Errors
    /// [`ApiError::RateLimited`], database failures.
    pub async fn check(&self, state: &AppState, key: &str) -> ApiResult<()> {
        let now = state.clock.now();
        if rate_limits::count(&state.db, self.bucket, key, self.window_start(now)).await? >= self.max {
            return Err(self.refusal(now));
        }
        Ok(())
    }

    /// Counts one event for `key`.
    ///
    /// # Errors
    /// Database failures.
    pub async fn record(&self, state: &AppState, key: &str) -> ApiResult<()> {
        rate_limits::hit(&state.db, self.bucket, key, self.window_start(state.clock.now())).await?;
        Ok(())
    }
}
