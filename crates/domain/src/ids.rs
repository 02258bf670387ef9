//! Typed identifiers, so that a user's ID can never be passed where a tenant's is meant.

use std::fmt;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new, time-ordered identifier (UUID v7), so that rows inserted together sit together.
            #[must_use]
            pub fn generate() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A municipality.
    TenantId
);
id_type!(
    /// A staff user, within a tenant.
    StaffUserId
);
id_type!(
    /// A staff sign-in session.
    SessionId
);
id_type!(
    /// A counter location (本庁舎, 北支所…).
    LocationId
);
id_type!(
    /// A procedure residents book (交付, 申請…).
    ProcedureId
);
id_type!(
    /// A capacity pool: the places of a location's counter.
    PoolId
);
id_type!(
    /// A booking of a visit to the counter.
    BookingId
);
id_type!(
    /// A card in the ledger (カード管理簿).
    CardId
);
id_type!(
    /// A person of an imported address list.
    PersonId
);
