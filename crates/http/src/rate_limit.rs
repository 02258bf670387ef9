//! Limits on what a client may try, counted in the database (shared by all nodes).
//!
//! Each limit counts in fixed windows and decides on a sliding estimate: the current
//! window's count plus the previous window's, weighted by how much of it still lies
//! within one window of now. So no edge between windows doubles the allowance, and a
//! client that reached the limit stays refused across the edge.

use chrono::{DateTime, TimeDelta, Utc};
use madoguchi_persistence::rate_limits;

use crate::problem::{ApiError, ApiResult, ProblemCode};
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bucket: &'static str,
    pub max: i32,
    pub window: TimeDelta,
    /// What a refused client is told.
    pub code: ProblemCode,
}

/// Failed staff sign-ins from one address. Generous, because a whole town hall may
/// reach us through one address; the per-account lock-out is the tight limit.
pub const SIGN_IN_FAILURES_PER_ADDRESS: Limit =
    Limit { bucket: "sign_in_failure", max: 50, window: TimeDelta::minutes(15), code: ProblemCode::RateLimited };

/// Failed booking look-ups from one address.
pub const LOOKUP_FAILURES_PER_ADDRESS: Limit =
    Limit { bucket: "lookup_failure_ip", max: 20, window: TimeDelta::minutes(15), code: ProblemCode::RateLimited };

/// Failed look-ups of one reception number in a day, from anywhere: guessing one
/// booking's password from many addresses stops here, at a few dozen guesses a day.
/// The owner passes with the key of their mail's link.
pub const LOOKUP_FAILURES_PER_NUMBER: Limit =
    Limit { bucket: "lookup_failure_no", max: 30, window: TimeDelta::days(1), code: ProblemCode::BookingLookupLimited };

/// Holds taken by one address. A family choosing a slot takes a few; a script that
/// holds slot after slot to empty a month stops here.
pub const HOLDS_PER_ADDRESS: Limit =
    Limit { bucket: "hold_ip", max: 30, window: TimeDelta::minutes(15), code: ProblemCode::RateLimited };

/// Bookings made from one address in a day. Generous: a library's or a care home's
/// shared connection books for many; the duplicate rule and the held-places cap are
/// the tight limits.
pub const BOOKINGS_PER_ADDRESS: Limit =
    Limit { bucket: "booking_ip", max: 20, window: TimeDelta::days(1), code: ProblemCode::RateLimited };

/// Mails sent to one mail address in a day on a resident's request: whoever types an
/// address not theirs cannot turn us into a relay that floods it.
pub const MAILS_PER_RECIPIENT: Limit =
    Limit { bucket: "mail_to", max: 5, window: TimeDelta::days(1), code: ProblemCode::BookingMailLimited };

/// The key of one reception number of one tenant in the per-number limit.
#[must_use]
pub fn number_key(tenant: uuid::Uuid, number: &impl std::fmt::Display) -> String {
    format!("{tenant}:{number}")
}

/// The key of one mail address of one tenant: a keyed hash, so that the table of
/// counts holds no address.
#[must_use]
pub fn recipient_key(state: &AppState, tenant: uuid::Uuid, address: &str) -> String {
    state.tokens.opaque_key(&format!("{tenant}:{}", address.trim().to_lowercase()))
}

/// The key of one client address of one tenant in the held-places cap
/// (`hold_allowances`): a keyed hash, so that the table holds no address.
#[must_use]
pub fn holder_key(state: &AppState, tenant: uuid::Uuid, address: &str) -> String {
    state.tokens.opaque_key(&format!("holder:{tenant}:{address}"))
}

impl Limit {
    fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        let seconds = self.window.num_seconds().max(1);
        DateTime::from_timestamp(now.timestamp() - now.timestamp().rem_euclid(seconds), 0).unwrap_or(now)
    }

    fn refusal(&self, wait: TimeDelta) -> ApiError {
        let seconds = (wait.num_milliseconds() + 999) / 1000;
        ApiError::RateLimited { code: self.code, retry_after_seconds: u64::try_from(seconds.max(1)).unwrap_or(1) }
    }

    /// Counts one attempt for `key`, then refuses with 429 when the sliding count is
    /// above `max`: counted before deciding, in one statement, so that parallel attempts
    /// each see the others.
    ///
    /// # Errors
    /// [`ApiError::RateLimited`] with the limit's code, database failures.
    pub async fn take(&self, state: &AppState, key: &str) -> ApiResult<()> {
        let now = state.clock.now();
        let start = self.window_start(now);
        let current = rate_limits::hit(&state.db, self.bucket, key, start).await?;
        let previous = rate_limits::count(&state.db, self.bucket, key, start - self.window).await?;
        if over(self.max, current, previous, now - start, self.window) {
            return Err(self.refusal(wait(self.max, current, previous, now - start, self.window)));
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

/// Whether `current` attempts in this window, plus the part of the previous window's
/// `previous` that lies within one window of now, pass `max`. In whole milliseconds,
/// so that no rounding lets one more attempt through.
fn over(max: i32, current: i32, previous: i32, elapsed: TimeDelta, window: TimeDelta) -> bool {
    let window = window.num_milliseconds().max(1);
    let elapsed = elapsed.num_milliseconds().clamp(0, window);
    i64::from(current) * window + i64::from(previous) * (window - elapsed) > i64::from(max) * window
}

/// How long until one more attempt passes, if nothing else is tried meanwhile: while
/// this window lasts, until the previous one has faded enough; else into the next one,
/// where this window's count is the one that fades.
fn wait(max: i32, current: i32, previous: i32, elapsed: TimeDelta, window: TimeDelta) -> TimeDelta {
    let w = window.num_milliseconds().max(1);
    let e = elapsed.num_milliseconds().clamp(0, w);
    let (max, next, previous, current) =
        (i64::from(max), i64::from(current) + 1, i64::from(previous), i64::from(current));
    // In this window: next·w + previous·(w − t) ≤ max·w, for t the time into it.
    if next <= max && previous > 0 {
        let t = w - ((max - next) * w) / previous;
        return TimeDelta::milliseconds((t - e).max(0) + 1);
    }
    // In the next: 1·w + current·(w − t) ≤ max·w.
    let t = if current > 0 { w - ((max - 1) * w) / current } else { 0 };
    TimeDelta::milliseconds(w - e + t.max(0) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTES_15: TimeDelta = TimeDelta::minutes(15);

    #[test]
    fn a_client_that_reached_the_limit_stays_refused_just_after_the_window_edge() {
        // 20 of 20 in the last seconds of a window; the first attempt of the next one.
        assert!(over(20, 1, 20, TimeDelta::seconds(2), MINUTES_15));
    }

    #[test]
    fn the_previous_window_fades_out_over_one_window() {
        assert!(!over(20, 10, 20, TimeDelta::seconds(450), MINUTES_15), "half of 20 plus 10 is the limit");
        assert!(over(20, 11, 20, TimeDelta::seconds(450), MINUTES_15));
        assert!(!over(20, 20, 20, MINUTES_15, MINUTES_15), "a whole window later only this one counts");
    }

    #[test]
    fn retry_after_is_when_one_more_attempt_passes() {
        for (current, previous, elapsed) in [(30, 0, 60), (21, 5, 600), (3, 40, 10), (20, 20, 899)] {
            let elapsed = TimeDelta::seconds(elapsed);
            let wait = wait(20, current, previous, elapsed, MINUTES_15);
            let at = elapsed + wait;
            // One more attempt then, in whichever window `at` falls.
            let passes = if at < MINUTES_15 {
                !over(20, current + 1, previous, at, MINUTES_15)
            } else {
                !over(20, 1, current, at - MINUTES_15, MINUTES_15)
            };
            assert!(passes, "{current}/{previous} at {elapsed}: wait {wait}");
            let early = elapsed + wait - TimeDelta::seconds(2);
            let passes_early = if early < MINUTES_15 {
                !over(20, current + 1, previous, early, MINUTES_15)
            } else {
                !over(20, 1, current, early - MINUTES_15, MINUTES_15)
            };
            assert!(!passes_early, "{current}/{previous} at {elapsed}: not two seconds sooner");
        }
    }

    #[test]
    fn parallel_attempts_split_by_an_edge_get_no_more_than_the_limit_together() {
        // 15 before the edge, then one by one after it: the 6th after the edge is refused.
        let after_edge = TimeDelta::milliseconds(300);
        assert!(!over(20, 5, 15, after_edge, MINUTES_15));
        assert!(over(20, 6, 15, after_edge, MINUTES_15));
    }
}
