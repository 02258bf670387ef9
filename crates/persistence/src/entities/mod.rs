//! sea-orm entities, one per table, mirroring the migrations. Only repositories use them.

pub mod audit_log;
pub mod rate_limits;
pub mod staff_sessions;
pub mod staff_users;
pub mod tenant_logos;
pub mod tenant_settings;
pub mod tenants;
