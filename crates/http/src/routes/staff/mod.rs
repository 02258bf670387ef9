//! What every staff member uses: sign-in and sessions, their own account, and the booking desk (call center, counter, viewers).

pub mod auth;
pub mod bookings;
pub mod me;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the group's routes; literal paths before `{id}` ones, as listed.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(auth::login)
        .service(auth::refresh_token)
        .service(auth::logout)
        .service(me::me)
        .service(me::change_password)
        .service(bookings::search::search_bookings)
        .service(bookings::calendar::calendar)
        .service(bookings::export::export_bookings)
        .service(bookings::day_sheet::day_sheet)
        .service(bookings::counter::mark_no_shows)
        .service(bookings::desk::create_staff_booking)
        .service(bookings::desk::get_booking)
        .service(bookings::desk::change_staff_booking)
        .service(bookings::desk::cancel_staff_booking)
        .service(bookings::desk::reissue_password)
        .service(bookings::counter::check_in);
}
