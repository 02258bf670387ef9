//! What the booking engine asks of the card ledger (RES-11). When a tenant turns
//! the check on, an issuance booking needs, for each applicant, a ledger entry that
//! is ready for hand-over and whose holder's birth date and name match the applicant's;
//! the booking then marks the entry booked, and cancelling gives it back ([`Ledger`]).
//! Handing the card over stays a clerk's step, after checking the holder's identity.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::FieldError;
use madoguchi_domain::ids::BookingId;
use madoguchi_domain::ledger::status::{self, Step};
use madoguchi_vault::TenantVault;
use sea_orm::DatabaseTransaction;

use crate::Conflict;
use crate::ledger_cards::{self, Transition};

use crate::{PersistenceError, TenantScope};

/// What an applicant says of the card they come for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardClaim {
    pub management_number: Option<String>,
    /// Absent where the tenant asks no names (PII-free mode): then the birth date alone
    /// has to match.
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
}

impl CardClaim {
    /// Whether the card is the applicant's: a number alone does not make it so, or
    /// anyone holding a 交付通知書's number could book (and learn the state of) a
    /// stranger's card.
    fn fits(&self, card: &ledger_cards::LedgerCard) -> bool {
        let birth = self.birth_date.is_some() && self.birth_date == card.birth_date;
        let name = match (&self.name, &card.name) {
            (None, _) => true,
            (Some(typed), Some(on_card)) => madoguchi_domain::variants::same_name(typed, on_card),
            (Some(_), None) => false,
        };
        birth && name
    }
}

/// The card ledger as the booking engine sees it. Every call runs in the booking's
/// own transaction, so the ledger and the booking change together or not at all.
#[async_trait::async_trait]
pub trait CardLedger: Send + Sync {
    /// A field error (`applicants.N.management_number`) for each applicant without a
    /// card that is theirs and ready for hand-over; empty when all have one. One error
    /// for every reason (no such number, not ready, another person's), so that the
    /// answer tells nothing about a card to whoever does not know its holder.
    async fn check_ready(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        claims: &[CardClaim],
    ) -> Result<Vec<FieldError>, PersistenceError>;
    /// The booking now reserves these cards.
    async fn booked(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        booking: BookingId,
        claims: &[CardClaim],
        now: DateTime<Utc>,
    ) -> Result<(), PersistenceError>;
    /// The booking was cancelled: its cards wait for another booking.
    async fn released(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        booking: BookingId,
        now: DateTime<Utc>,
    ) -> Result<(), PersistenceError>;
}

fn required(index: usize) -> FieldError {
    FieldError::new(
        format!("applicants.{index}.management_number"),
        "validation.required",
        "the management number is needed to find the card",
    )
}

fn not_ready(index: usize) -> FieldError {
    FieldError::new(
        format!("applicants.{index}.management_number"),
        "ledger.not_ready",
        "no card ready for hand-over has this management number, name and birth date",
    )
}

/// The ledger itself: the cards of the `ledger_cards` table, moved by the bookings.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ledger;

impl Ledger {
    /// Moves each card the booking holds by `step`, in the booking's transaction.
    async fn move_held(
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        booking: BookingId,
        step: Step,
        now: DateTime<Utc>,
    ) -> Result<(), PersistenceError> {
        for card in ledger_cards::held_by(txn, scope, vault, booking.0).await? {
            let from = card.status;
            // A card moved on by a clerk meanwhile (handed over at the desk) stays where it is.
            let Ok(to) = status::next(from, card.inspection(), step) else { continue };
            let transition = Transition {
                card: card.id,
                version: card.version,
                from,
                to,
                step,
                on: madoguchi_domain::time::japan_date(now),
                reason: "",
                booking: None,
            };
            ledger_cards::transition(txn, scope, vault, transition, "booking", now).await?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl CardLedger for Ledger {
    async fn check_ready(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        claims: &[CardClaim],
    ) -> Result<Vec<FieldError>, PersistenceError> {
        let mut faults = Vec::new();
        for (index, claim) in claims.iter().enumerate() {
            let Some(number) = &claim.management_number else {
                faults.push(required(index));
                continue;
            };
            let ready = ledger_cards::find_by_number(txn, scope, vault, number)
                .await?
                .is_some_and(|card| card.status.ready_for_hand_over() && claim.fits(&card));
            if !ready {
                faults.push(not_ready(index));
            }
        }
        Ok(faults)
    }

    async fn booked(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        booking: BookingId,
        claims: &[CardClaim],
        now: DateTime<Utc>,
    ) -> Result<(), PersistenceError> {
        for claim in claims {
            let Some(number) = &claim.management_number else { continue };
            let card = ledger_cards::find_by_number(txn, scope, vault, number)
                .await?
                .filter(|card| claim.fits(card))
                .ok_or(PersistenceError::Conflict(Conflict::CardNotReady))?;
            let from = card.status;
            let to = status::next(from, card.inspection(), Step::Book)
                .map_err(|_| PersistenceError::Conflict(Conflict::CardNotReady))?;
            // Conditional on the status read: two residents booking one card cannot both hold it.
            let transition = Transition {
                card: card.id,
                version: card.version,
                from,
                to,
                step: Step::Book,
                on: madoguchi_domain::time::japan_date(now),
                reason: "",
                booking: Some(booking.0),
            };
            ledger_cards::transition(txn, scope, vault, transition, "booking", now).await.map_err(|e| match e {
                PersistenceError::Conflict(_) => PersistenceError::Conflict(Conflict::CardNotReady),
                other => other,
            })?;
        }
        Ok(())
    }

    async fn released(
        &self,
        txn: &DatabaseTransaction,
        scope: &TenantScope,
        vault: &TenantVault,
        booking: BookingId,
        now: DateTime<Utc>,
    ) -> Result<(), PersistenceError> {
        Self::move_held(txn, scope, vault, booking, Step::Release, now).await
    }
}
