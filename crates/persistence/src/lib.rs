//! Everything that speaks SQL: sea-orm entities and the repositories built on them.
//!
//! Tenant-owned data is reached only through a [`TenantScope`], which the HTTP layer
//! obtains from a verified token or a resolved tenant slug; no repository function
//! takes a bare tenant ID, so no query can forget the tenant.

pub mod audit_log;
pub mod booking_desk;
pub mod booking_rules;
pub mod bookings;
mod bulk;
pub mod card_ledger;
pub mod database;
mod entities;
mod error;
pub mod job_leases;
pub mod ledger_cards;
pub mod ledger_events;
pub mod ledger_imports;
pub mod ledger_scans;
pub mod ledger_settings;
pub mod ledger_storage;
mod like;
pub mod locations;
pub mod mail_outbox;
pub mod mail_templates;
pub mod notices;
pub mod procedures;
pub mod rate_limits;
pub mod schedules;
pub mod scope;
mod sealed;
pub mod search_tokens;
pub mod sessions;
pub mod settings;
pub mod sign_in_guards;
pub mod staff_users;
pub mod tenant_keys;
pub mod tenants;
pub mod unique_keys;

pub use error::{Conflict, PersistenceError};
pub use scope::TenantScope;
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};
