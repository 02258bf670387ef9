//! A scan batch's life: open while a clerk reads the pages of a delivery, then registered
//! in the ledger, or discarded (by a clerk, with a reason, or by expiry). A discarded batch
//! gives its cards back so they can be read again.

use chrono::{DateTime, TimeDelta, Utc};

use crate::{FieldError, width};

/// Where a batch stands; only an open batch takes or loses scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchState {
    Open,
    Registered { at: DateTime<Utc> },
    Discarded { at: DateTime<Utc>, by: String, reason: DiscardReason },
}

/// Why a batch that is not open refuses a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchClosed {
    Registered,
    Discarded,
}

impl BatchState {
    /// # Errors
    /// Which way the batch was closed.
    pub fn ensure_open(&self) -> Result<(), BatchClosed> {
        match self {
            Self::Open => Ok(()),
            Self::Registered { .. } => Err(BatchClosed::Registered),
            Self::Discarded { .. } => Err(BatchClosed::Discarded),
        }
    }

    #[must_use]
    pub fn is_open(&self) -> bool {
        matches!(self, Self::Open)
    }
}

/// A clerk's word on why the scans are thrown away (「読み取り直すため」), or the expiry's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardReason(String);

impl DiscardReason {
    pub const MAX_CHARS: usize = 200;

    /// # Errors
    /// `reason` required, or too long.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let text = width::trim_text(text);
        if text.is_empty() {
            return Err(FieldError::new("reason", "validation.required", "say why the scans are discarded"));
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(FieldError::new("reason", "validation.too_long", "a reason is at most 200 characters"));
        }
        Ok(Self(text.to_owned()))
    }

    /// The reason written when nobody touched the batch for the tenant's expiry time.
    #[must_use]
    pub fn expired(hours: BatchExpiry) -> Self {
        Self(format!("{} 時間操作がなかったため自動で破棄", hours.hours()))
    }

    /// A reason read back from storage, trusted as written.
    #[must_use]
    pub fn stored(text: String) -> Self {
        Self(text)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How long an open batch may stay untouched before it is discarded: 1 hour to 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchExpiry(u16);

impl BatchExpiry {
    pub const DEFAULT: Self = Self(72);
    pub const MIN_HOURS: i64 = 1;
    pub const MAX_HOURS: i64 = 720;

    /// # Errors
    /// `batch_expiry_hours` out of range.
    pub fn from_hours(hours: i64) -> Result<Self, FieldError> {
        if (Self::MIN_HOURS..=Self::MAX_HOURS).contains(&hours) {
            Ok(Self(u16::try_from(hours).unwrap_or(u16::MAX)))
        } else {
            Err(FieldError::new(
                "batch_expiry_hours",
                "validation.out_of_range",
                format!("between {} and {} hours", Self::MIN_HOURS, Self::MAX_HOURS),
            ))
        }
    }

    #[must_use]
    pub fn hours(self) -> u16 {
        self.0
    }

    /// When a batch last touched at `touched` is discarded.
    #[must_use]
    pub fn expires_at(self, touched: DateTime<Utc>) -> DateTime<Utc> {
        touched + TimeDelta::hours(i64::from(self.0))
    }

    /// Batches untouched since before this instant have expired at `now`.
    #[must_use]
    pub fn cutoff(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - TimeDelta::hours(i64::from(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_an_open_batch_takes_changes() {
        let at = Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap();
        assert_eq!(BatchState::Open.ensure_open(), Ok(()));
        assert_eq!(BatchState::Registered { at }.ensure_open(), Err(BatchClosed::Registered));
        let discarded =
            BatchState::Discarded { at, by: "yamada".into(), reason: DiscardReason::parse("読み直し").unwrap() };
        assert_eq!(discarded.ensure_open(), Err(BatchClosed::Discarded));
    }

    #[test]
    fn a_reason_is_required_and_short() {
        assert_eq!(DiscardReason::parse("  　").unwrap_err().code, "validation.required");
        assert_eq!(DiscardReason::parse(&"あ".repeat(201)).unwrap_err().code, "validation.too_long");
        assert_eq!(DiscardReason::parse(" 別の箱と混ざった ").unwrap().as_str(), "別の箱と混ざった");
    }

    #[test]
    fn a_batch_expires_the_set_hours_after_its_last_scan() {
        let touched = Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap();
        let expiry = BatchExpiry::from_hours(72).unwrap();
        assert_eq!(expiry.expires_at(touched), Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap());
        assert!(BatchExpiry::from_hours(0).is_err());
        assert!(BatchExpiry::from_hours(721).is_err());
    }
}
