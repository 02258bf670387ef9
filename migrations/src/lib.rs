//! Schema migrations. One file per change, named `mYYYYMMDD_HHMMSS_verb_noun.rs`;
//! a landed file is never edited. Each declares its own identifiers so that it keeps
//! meaning what it meant when entities change later.
//!
//! Every tenant-owned table's primary key, unique constraints and indexes lead with
//! `tenant_id`, so that the schema can be distributed by tenant.

pub use sea_orm_migration::prelude::*;

pub mod audit_guard;
pub mod release;

mod m20261122_000001_create_tenants;
mod m20261122_000002_create_staff;
mod m20261122_000003_create_audit_log;
mod m20261122_000004_create_rate_limits;
mod m20261122_000005_create_booking_config;
mod m20261122_000006_create_bookings;
mod m20261122_000007_create_mail_outbox;
mod m20261122_000008_create_slot_holds;
mod m20261122_000009_add_booking_desk;
mod m20261122_000010_create_notices;
mod m20261122_000011_create_mail_templates;
mod m20261123_000012_create_card_ledger;
mod m20261123_000013_add_ledger_imports;
mod m20261206_000014_add_batch_life_and_contact;
mod m20261206_000015_add_what_to_bring;
mod m20261207_000016_add_sign_in_guards;
mod m20261207_000017_add_hold_allowances;
mod m20261207_000018_add_tenant_keys;
mod m20261208_000019_seal_bookings;
mod m20261208_000020_add_retention;
mod m20261208_000021_add_key_destruction;
mod m20261209_000022_seal_ledger;
mod m20261210_000023_seal_ledger_reasons;
mod m20261211_000024_index_unsealed_audit;
mod m20261212_000025_add_tenant_life_cycle;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_tenants::Migration),
            Box::new(m20261122_000002_create_staff::Migration),
            Box::new(m20261122_000003_create_audit_log::Migration),
            Box::new(m20261122_000004_create_rate_limits::Migration),
            Box::new(m20261122_000005_create_booking_config::Migration),
            Box::new(m20261122_000006_create_bookings::Migration),
            Box::new(m20261122_000007_create_mail_outbox::Migration),
            Box::new(m20261122_000008_create_slot_holds::Migration),
            Box::new(m20261122_000009_add_booking_desk::Migration),
            Box::new(m20261122_000010_create_notices::Migration),
            Box::new(m20261122_000011_create_mail_templates::Migration),
            Box::new(m20261123_000012_create_card_ledger::Migration),
            Box::new(m20261123_000013_add_ledger_imports::Migration),
            Box::new(m20261206_000014_add_batch_life_and_contact::Migration),
            Box::new(m20261206_000015_add_what_to_bring::Migration),
            Box::new(m20261207_000016_add_sign_in_guards::Migration),
            Box::new(m20261207_000017_add_hold_allowances::Migration),
            Box::new(m20261207_000018_add_tenant_keys::Migration),
            Box::new(m20261208_000019_seal_bookings::Migration),
            Box::new(m20261208_000020_add_retention::Migration),
            Box::new(m20261208_000021_add_key_destruction::Migration),
            Box::new(m20261209_000022_seal_ledger::Migration),
            Box::new(m20261210_000023_seal_ledger_reasons::Migration),
            Box::new(m20261211_000024_index_unsealed_audit::Migration),
            Box::new(m20261212_000025_add_tenant_life_cycle::Migration),
        ]
    }
}
