//! How wrong passwords lock a staff sign-in. Failures are counted per login ID as
//! typed, for IDs that exist and IDs that do not alike, so a stranger can neither tell
//! them apart nor keep a clerk out for long: a lock lasts minutes, longer with each
//! lock-out in a row, and failures are forgotten after a quiet hour.

use chrono::{DateTime, TimeDelta, Utc};

use crate::width;

/// The login ID as the counter knows it: folded like [`crate::staff::LoginId`] (so
/// `ADMIN` and `ａｄｍｉｎ` count as `admin`), and cut to its longest length, so that
/// whatever is typed the key stays small.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SignInKey(String);

impl SignInKey {
    pub const MAX_CHARS: usize = 64;

    #[must_use]
    pub fn from_typed(typed: &str) -> Self {
        let folded = width::fold_to_ascii(width::trim_text(typed)).to_ascii_lowercase();
        Self(folded.chars().take(Self::MAX_CHARS).collect())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Failures with no other failure for this long are forgotten.
pub const FAILURES_FORGOTTEN_AFTER: TimeDelta = TimeDelta::hours(1);
/// Lock-outs in a row are forgotten a day after the last one ended.
pub const LOCKOUTS_FORGOTTEN_AFTER: TimeDelta = TimeDelta::hours(24);
/// The longest lock, however many came before.
pub const LONGEST_LOCK: TimeDelta = TimeDelta::hours(24);

/// A tenant's rule: `threshold` wrong passwords in a row lock the sign-in for
/// `lock_minutes`, doubled for each lock-out in a row before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub threshold: u8,
    pub lock_minutes: u16,
}

/// Where one login ID stands, as counted just now (this attempt included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Failures in a row, this attempt counted as one until its password is checked.
    pub failures: i32,
    pub locked_until: Option<DateTime<Utc>>,
    /// Lock-outs in a row so far.
    pub lockouts: i32,
}

/// What an attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The password is checked.
    Check,
    /// Refused unchecked until then.
    Locked { until: DateTime<Utc> },
}

impl LockoutPolicy {
    /// Decided after the attempt was counted, so that parallel guesses each see the
    /// others: the attempts past the threshold are refused without a check.
    #[must_use]
    pub fn verdict(&self, standing: Standing, now: DateTime<Utc>) -> Verdict {
        match standing.locked_until {
            Some(until) if until > now => Verdict::Locked { until },
            _ if standing.failures > i32::from(self.threshold) => Verdict::Locked { until: now + self.lock_for(0) },
            _ => Verdict::Check,
        }
    }

    /// Whether this wrong password (counted in `standing`) locks the sign-in.
    #[must_use]
    pub fn locks(&self, standing: Standing) -> bool {
        standing.failures >= i32::from(self.threshold)
    }

    /// Lock-outs in a row before this one; they are forgotten once the last lock
    /// ended long enough ago.
    #[must_use]
    pub fn earlier_lockouts(standing: Standing, now: DateTime<Utc>) -> i32 {
        match standing.locked_until {
            Some(ended) if now - ended < LOCKOUTS_FORGOTTEN_AFTER => standing.lockouts,
            _ => 0,
        }
    }

    /// How long a lock lasts after `earlier` lock-outs in a row: doubling, at most a day.
    #[must_use]
    pub fn lock_for(&self, earlier: i32) -> TimeDelta {
        let doublings = u32::try_from(earlier.clamp(0, 16)).unwrap_or(0);
        let minutes = i64::from(self.lock_minutes).saturating_mul(1_i64 << doublings);
        TimeDelta::try_minutes(minutes).map_or(LONGEST_LOCK, |lock| lock.min(LONGEST_LOCK))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: LockoutPolicy = LockoutPolicy { threshold: 5, lock_minutes: 15 };

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(20_000) + TimeDelta::minutes(minutes)
    }

    #[test]
    fn typed_ids_fold_and_stay_small() {
        assert_eq!(SignInKey::from_typed(" ＡＤＭＩＮ ").as_str(), "admin");
        assert_eq!(SignInKey::from_typed(&"長".repeat(10_000)).as_str().chars().count(), 64);
    }

    #[test]
    fn the_threshold_locks_and_attempts_past_it_are_not_checked() {
        let standing = |failures| Standing { failures, locked_until: None, lockouts: 0 };
        assert_eq!(POLICY.verdict(standing(5), at(0)), Verdict::Check);
        assert!(POLICY.locks(standing(5)));
        assert!(!POLICY.locks(standing(4)));
        assert_eq!(POLICY.verdict(standing(6), at(0)), Verdict::Locked { until: at(15) });
        let locked = Standing { failures: 0, locked_until: Some(at(15)), lockouts: 1 };
        assert_eq!(POLICY.verdict(locked, at(14)), Verdict::Locked { until: at(15) });
        assert_eq!(POLICY.verdict(locked, at(15)), Verdict::Check);
    }

    #[test]
    fn locks_in_a_row_double_up_to_a_day_and_are_forgotten_after_one() {
        assert_eq!(POLICY.lock_for(0), TimeDelta::minutes(15));
        assert_eq!(POLICY.lock_for(2), TimeDelta::minutes(60));
        assert_eq!(POLICY.lock_for(40), LONGEST_LOCK);
        let ended = Standing { failures: 5, locked_until: Some(at(0)), lockouts: 3 };
        assert_eq!(LockoutPolicy::earlier_lockouts(ended, at(60)), 3);
        assert_eq!(LockoutPolicy::earlier_lockouts(ended, at(24 * 60)), 0);
    }
}
