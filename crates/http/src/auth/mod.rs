//! Staff authentication: password hashing, tokens, sessions and the role-gated
//! extractor every staff handler takes.

pub mod access;
pub mod password;
pub mod refresh;
pub mod tokens;

pub use access::{Admin, AnyStaff, Exporter, LedgerDesk, OwnAccount, Staff};
