//! Every route of the API, grouped by who calls it. Each group registers its own
//! routes; no route module imports another.

pub mod admin;
pub mod health;
pub mod ledger;
pub mod public;
pub mod staff;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/api/v1` routes, group by group.
pub fn configure_v1(config: &mut ServiceConfig) {
    staff::configure(config);
    admin::configure(config);
    public::configure(config);
    ledger::configure(config);
}
