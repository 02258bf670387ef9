//! The time the application believes it is. Tests move it forward to see idle and
//! session time-outs happen without sleeping.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeDelta, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock plus an offset that only moves forward.
#[derive(Debug, Default)]
pub struct AdjustableClock {
    offset_seconds: AtomicI64,
}

impl AdjustableClock {
    pub fn advance(&self, by: TimeDelta) {
        self.offset_seconds.fetch_add(by.num_seconds().max(0), Ordering::SeqCst);
    }
}

impl Clock for AdjustableClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::seconds(self.offset_seconds.load(Ordering::SeqCst))
    }
}
