//! The time the application believes it is. In production that is the system's clock;
//! tests start it at an instant they choose (`MADOGUCHI_CLOCK_START`), so that nothing a
//! test asserts depends on the hour it happens to run, and move it forward to see idle
//! and session time-outs, hold expiry and deadlines without sleeping.

use std::sync::Mutex;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock, or a clock that starts at a chosen instant and runs on at the
/// system's pace from there; either can be moved.
#[derive(Debug)]
pub struct AdjustableClock {
    base: Mutex<Base>,
}

#[derive(Debug, Clone, Copy)]
enum Base {
    /// The system clock, until the clock is first moved.
    System,
    /// `at` when `since` was read from the monotonic clock.
    Pinned { at: DateTime<Utc>, since: Instant },
}

impl Default for AdjustableClock {
    fn default() -> Self {
        Self { base: Mutex::new(Base::System) }
    }
}

impl AdjustableClock {
    /// The system clock, or, given an instant, a clock that starts there now.
    #[must_use]
    pub fn starting_at(start: Option<DateTime<Utc>>) -> Self {
        let base = match start {
            Some(at) => Base::Pinned { at, since: Instant::now() },
            None => Base::System,
        };
        Self { base: Mutex::new(base) }
    }

    /// Moves the clock forward (a negative step is ignored: time does not run back
    /// under a running application by accident).
    pub fn advance(&self, by: TimeDelta) {
        if by > TimeDelta::zero() {
            self.update(|now| now + by);
        }
    }

    /// Moves the clock to `at`, forward or back; it runs on from there.
    pub fn set(&self, at: DateTime<Utc>) {
        self.update(|_| at);
    }

    fn update(&self, to: impl FnOnce(DateTime<Utc>) -> DateTime<Utc>) {
        let mut base = self.base.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = to(read(*base));
        *base = Base::Pinned { at, since: Instant::now() };
    }
}

fn read(base: Base) -> DateTime<Utc> {
    match base {
        Base::System => Utc::now(),
        Base::Pinned { at, since } => at + TimeDelta::from_std(since.elapsed()).unwrap_or(TimeDelta::MAX),
    }
}

impl Clock for AdjustableClock {
    fn now(&self) -> DateTime<Utc> {
        read(*self.base.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_clock_starts_where_it_was_set_and_runs_on() {
        let start = "2026-12-31T14:58:00Z".parse::<DateTime<Utc>>().unwrap_or_else(|e| panic!("{e}"));
        let clock = AdjustableClock::starting_at(Some(start));
        let now = clock.now();
        assert!(now >= start && now - start < TimeDelta::seconds(5), "{now}");
        clock.advance(TimeDelta::days(2));
        assert!(clock.now() >= start + TimeDelta::days(2));
        clock.advance(TimeDelta::days(-5));
        assert!(clock.now() >= start + TimeDelta::days(2), "a negative step is ignored");
        clock.set(start);
        assert!(clock.now() - start < TimeDelta::seconds(5), "set moves it back");
    }
}
