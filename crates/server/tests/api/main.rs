//! API tests against the running application, each on SQLite and PostgreSQL.

mod helpers;

mod at_rest;
mod audit;
mod auth;
mod booking_corrections;
mod booking_desk;
mod bookings;
mod counter_admin;
mod counters;
mod db_roles;
mod edges;
mod hoarding;
mod key_rotation;
mod ledger;
mod ledger_batches;
mod ledger_documents;
mod ledger_work;
mod mail;
mod notices;
mod retention;
mod schedule_admin;
mod search_variants;
mod settings;
mod tenancy;
mod tenant_admin;
mod upgrades;
mod users;
