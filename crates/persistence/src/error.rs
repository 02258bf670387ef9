use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum PersistenceError {
    #[error("not found")]
    NotFound,
    /// A unique index or a conditional update refused the change.
    #[error("conflict: {0}")]
    Conflict(Conflict),
    /// A stored value no longer parses as its domain type.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database error")]
    Database(#[source] DbErr),
}

impl PersistenceError {
    /// Maps a unique-index violation to `code`, anything else to a database error.
    pub(crate) fn unique_or(error: DbErr, code: Conflict) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => Self::Conflict(code),
            _ => Self::Database(error),
        }
    }
}

impl From<DbErr> for PersistenceError {
    fn from(error: DbErr) -> Self {
        Self::Database(error)
    }
}

/// What the database refused, as the rows told it: a unique index or a conditional
/// update that matched nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conflict {
    /// The slot has no place left.
    SlotFull,
    /// The client holds their share of the day's places already.
    HoldShareReached,
    /// The same person already holds a booking for the procedure.
    DuplicateBooking,
    /// The reception number drawn is taken.
    ReceptionNumberTaken,
    /// The booking changed since it was read.
    BookingChanged,
    /// The card was scanned or registered before.
    DuplicateQr,
    /// A booking holds the card.
    CardBooked,
    /// The scan batch is registered already.
    BatchCommitted,
    /// The scan batch was discarded.
    BatchDiscarded,
    /// The card changed since it was read.
    CardChanged,
    /// The card is not ready to be handed over.
    CardNotReady,
    /// A storage location of that name exists.
    StorageExists,
    /// Cards lie in the storage location.
    StorageNotEmpty,
    /// The location changed since it was read.
    LocationChanged,
    /// Another location has that name.
    LocationNameTaken,
    /// The procedure changed since it was read.
    ProcedureChanged,
    /// Another procedure has that name.
    ProcedureNameTaken,
    /// The notice changed since it was read.
    NoticeChanged,
    /// The order names other notices than there are.
    NoticeOrderMismatch,
    /// The settings changed since they were read.
    SettingsChanged,
    /// The user changed since it was read.
    UserChanged,
    /// Another user has that login ID.
    LoginIdTaken,
    /// Another municipality has that slug.
    TenantSlugTaken,
    /// Another municipality has that local government code.
    TenantCodeTaken,
}

impl Conflict {
    /// The stable name, as problem codes and field errors carry it.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::SlotFull => "booking.slot_full",
            Self::HoldShareReached => "booking.hold_share_reached",
            Self::DuplicateBooking => "booking.duplicate",
            Self::ReceptionNumberTaken => "booking.reception_number_taken",
            Self::BookingChanged => "booking.changed_meanwhile",
            Self::DuplicateQr => "ledger.duplicate_qr",
            Self::CardBooked => "ledger.card_booked",
            Self::BatchCommitted => "ledger.batch_committed",
            Self::BatchDiscarded => "ledger.batch_discarded",
            Self::CardChanged => "ledger.changed_meanwhile",
            Self::CardNotReady => "ledger.not_ready",
            Self::StorageExists => "ledger.storage_exists",
            Self::StorageNotEmpty => "ledger.storage_not_empty",
            Self::LocationChanged => "location.changed_meanwhile",
            Self::LocationNameTaken => "location.name_taken",
            Self::ProcedureChanged => "procedure.changed_meanwhile",
            Self::ProcedureNameTaken => "procedure.name_taken",
            Self::NoticeChanged => "notice.changed_meanwhile",
            Self::NoticeOrderMismatch => "notice.order_mismatch",
            Self::SettingsChanged => "settings.version_conflict",
            Self::UserChanged => "user.version_conflict",
            Self::LoginIdTaken => "user.login_id_taken",
            Self::TenantSlugTaken => "tenant.slug_taken",
            Self::TenantCodeTaken => "tenant.code_taken",
        }
    }
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
