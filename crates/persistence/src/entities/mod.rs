//! sea-orm entities, one per table, mirroring the migrations. Only repositories use them.

pub mod audit_log;
pub mod booking_applicants;
pub mod booking_events;
pub mod booking_identities;
pub mod booking_rules;
pub mod bookings;
pub mod capacity_pools;
pub mod locations;
pub mod mail_outbox;
pub mod mail_templates;
pub mod notices;
pub mod pool_date_overrides;
pub mod pool_procedures;
pub mod pool_weekdays;
pub mod procedures;
pub mod rate_limits;
pub mod slot_holds;
pub mod slot_usage;
pub mod staff_sessions;
pub mod staff_users;
pub mod tenant_closures;
pub mod tenant_holidays;
pub mod tenant_logos;
pub mod tenant_settings;
pub mod tenants;
