//! The residents' API (`/public/{tenant}/…`): no account; site, counters, bookings, notices.

pub mod bookings;
pub mod counters;
pub mod notices;
pub mod site;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the group's routes; literal paths before `{id}` ones, as listed.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(site::site)
        .service(site::logo)
        .service(counters::list_locations)
        .service(counters::list_procedures)
        .service(counters::get_availability)
        .service(bookings::lookup_booking)
        .service(bookings::create_booking)
        .service(bookings::get_held_booking)
        .service(bookings::change_booking)
        .service(bookings::cancel_booking)
        .service(bookings::create_hold)
        .service(bookings::release_hold)
        .service(notices::public_announcements)
        .service(notices::public_faq);
}
