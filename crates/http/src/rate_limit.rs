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

/// Failed look-ups of one reception number in a day, from anywhere: guessing one
/// booking's password from many addresses stops here, at a few dozen guesses a day.
/// The owner passes with the key of their mail's link.
pub const LOOKUP_FAILURES_PER_NUMBER: Limit =
    Limit { bucket: "lookup_failure_no", max: 30, window: TimeDelta::days(1) };

impl Limit {
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let seconds = self.window.num_seconds().max(1);
        DateTime::from_timestamp(now.timestamp() - now.timestamp().rem_euclid(seconds), 0).unwrap_or(now)
    }

    fn refusal(&self, now: DateTime<Utc>) -> ApiError {
        let retry = (self.window_start(now) + self.window - now).num_seconds().max(1);
        ApiError::RateLimited { retry_after_seconds: u64::try_from(retry).unwrap_or(1) }
    }

    /// Counts one attempt for `key`, then refuses with 429 when the window holds more
    /// than `max`: counted before deciding, in one statement, so that parallel attempts
    /// each see the others.
    ///
    /// # Errors
    /// [`ApiError::RateLimited`], database failures.
    pub async fn take(&self, state: &AppState, key: &str) -> ApiResult<()> {
        let now = state.clock.now();
        if rate_limits::hit(&state.db, self.bucket, key, self.window_start(now)).await? > self.max {
            return Err(self.refusal(now));
        }
        Ok(())
    }

    /// Gives an attempt back when it turned out not to be one the limit is about.
    ///
    /// # Errors
    /// Database failures.
    pub async fn give_back(&self, state: &AppState, key: &str) -> ApiResult<()> {
        rate_limits::give_back(&state.db, self.bucket, key, self.window_start(state.clock.now())).await?;
        Ok(())
    }
}
