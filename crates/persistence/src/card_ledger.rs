//! What the booking engine asks of the card ledger (RES-11). When a tenant turns
//! the check on, an issuance booking needs, for each applicant, a ledger entry that
//! is ready for hand-over; the booking then marks the entry booked, and cancelling or
//! visiting moves it on. The ledger issue fills this in; until then no card is ever
//! ready, which is what a tenant with an empty ledger would see.

use madoguchi_domain::FieldError;
use madoguchi_domain::ids::BookingId;
use sea_orm::DatabaseTransaction;

use crate::{PersistenceError, TenantScope};

/// The card ledger as the booking engine sees it. Every call runs in the booking's
/// own transaction, so the ledger and the booking change together or not at all.
#[async_trait::async_trait]
pub trait CardLedger: Send + Sync {
    /// A field error (`applicants.N.management_number`) for each management number
    /// whose card is not ready for hand-over; empty when all are.
    async fn check_ready(&self, txn: &DatabaseTransaction, scope: &TenantScope, numbers: &[Option<String>]) -> Result<Vec<FieldError>, PersistenceError>;
    /// The booking now reserves these cards.
    async fn booked(&self, txn: &DatabaseTransaction, scope: &TenantScope, booking: BookingId, numbers: &[Option<String>]) -> Result<(), PersistenceError>;
    /// The booking was cancelled: its cards wait for another booking.
    async fn released(&self, txn: &DatabaseTransaction, scope: &TenantScope, booking: BookingId) -> Result<(), PersistenceError>;
    /// The holder came to the counter.
    async fn visited(&self, txn: &DatabaseTransaction, scope: &TenantScope, booking: BookingId) -> Result<(), PersistenceError>;
}

/// The ledger before it exists: no card is registered, so none is ready.
#[derive(Debug, Default, Clone, Copy)]
pub struct EmptyLedger;

#[async_trait::async_trait]
impl CardLedger for EmptyLedger {
    async fn check_ready(&self, _txn: &DatabaseTransaction, _scope: &TenantScope, numbers: &[Option<String>]) -> Result<Vec<FieldError>, PersistenceError> {
        Ok(numbers
            .iter()
            .enumerate()
            .map(|(index, number)| match number {
                Some(_) => FieldError::new(format!("applicants.{index}.management_number"), "ledger.not_ready", "no card with this management number is ready for hand-over"),
                None => FieldError::new(format!("applicants.{index}.management_number"), "validation.required", "the management number is needed to find the card"),
            })
            .collect())
    }

    async fn booked(&self, _txn: &DatabaseTransaction, _scope: &TenantScope, _booking: BookingId, _numbers: &[Option<String>]) -> Result<(), PersistenceError> {
        Ok(())
    }

    async fn released(&self, _txn: &DatabaseTransaction, _scope: &TenantScope, _booking: BookingId) -> Result<(), PersistenceError> {
        Ok(())
    }

    async fn visited(&self, _txn: &DatabaseTransaction, _scope: &TenantScope, _booking: BookingId) -> Result<(), PersistenceError> {
        Ok(())
    }
}
