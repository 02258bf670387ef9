//! Every route of the API, grouped by what they serve.

pub mod audit_log;
pub mod auth;
pub mod booking_desk;
pub mod bookings;
pub mod counter_admin;
pub mod counters;
pub mod health;
pub mod ledger;
pub mod ledger_documents;
pub mod ledger_imports;
pub mod ledger_work;
pub mod mail_templates;
pub mod me;
pub mod notices;
pub mod public;
pub mod schedule_admin;
pub mod settings;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/api/v1` routes. Literal paths come before `{id}` ones, so that
/// `/admin/users/export` is not read as a user ID.
pub fn configure_v1(config: &mut ServiceConfig) {
    config
        .service(auth::login)
        .service(auth::refresh_token)
        .service(auth::logout)
        .service(me::me)
        .service(me::change_password)
        .service(users::list_users)
        .service(users::create_user)
        .service(users::import_users)
        .service(users::export_users)
        .service(users::get_user)
        .service(users::update_user)
        .service(users::delete_user)
        .service(users::reset_password)
        .service(users::unlock_user)
        .service(settings::get_settings)
        .service(settings::update_settings)
        .service(mail_templates::list_mail_templates)
        .service(mail_templates::put_mail_template)
        .service(mail_templates::reset_mail_template)
        .service(mail_templates::preview_mail_template)
        .service(mail_templates::test_mail_template)
        .service(settings::put_logo)
        .service(settings::delete_logo)
        .service(audit_log::search_audit_log)
        .service(audit_log::export_audit_log)
        .service(public::site)
        .service(public::logo)
        .service(counters::list_locations)
        .service(counters::list_procedures)
        .service(counters::get_availability)
        .service(bookings::lookup_booking)
        .service(bookings::create_booking)
        .service(bookings::change_booking)
        .service(bookings::cancel_booking)
        .service(bookings::create_hold)
        .service(bookings::release_hold)
        .service(counter_admin::list_locations)
        .service(counter_admin::create_location)
        .service(counter_admin::update_location)
        .service(counter_admin::list_procedures)
        .service(counter_admin::create_procedure)
        .service(counter_admin::update_procedure)
        .service(counter_admin::create_pool)
        .service(counter_admin::set_pool_procedures)
        .service(counter_admin::list_closures)
        .service(counter_admin::put_closure)
        .service(counter_admin::remove_closure)
        .service(schedule_admin::list_pools)
        .service(schedule_admin::set_weekday)
        .service(schedule_admin::set_week)
        .service(schedule_admin::set_date)
        .service(schedule_admin::remove_date)
        .service(schedule_admin::get_booking_rules)
        .service(schedule_admin::put_booking_rules)
        .service(schedule_admin::import_holidays)
        .service(notices::list_notices)
        .service(notices::create_notice)
        .service(notices::reorder_notices)
        .service(notices::update_notice)
        .service(notices::delete_notice)
        .service(notices::public_announcements)
        .service(notices::public_faq)
        .service(booking_desk::search_bookings)
        .service(booking_desk::calendar)
        .service(booking_desk::export_bookings)
        .service(booking_desk::day_sheet)
        .service(booking_desk::mark_no_shows)
        .service(booking_desk::create_staff_booking)
        .service(booking_desk::get_booking)
        .service(booking_desk::change_staff_booking)
        .service(booking_desk::cancel_staff_booking)
        .service(booking_desk::check_in)
        .service(ledger::create_batch)
        .service(ledger::get_batch)
        .service(ledger::add_scan)
        .service(ledger::remove_scan)
        .service(ledger::commit_batch)
        .service(ledger_documents::scan_images)
        .service(ledger_documents::checklist)
        .service(ledger_documents::receipt)
        .service(ledger::search_cards)
        .service(ledger_work::export_cards)
        .service(ledger_imports::import_issuance)
        .service(ledger_imports::import_legacy)
        .service(ledger_imports::import_renewal_list)
        .service(ledger_imports::import_people)
        .service(ledger_imports::import_postal_codes)
        .service(ledger_imports::postal_summary)
        .service(ledger_imports::lookup_postal_code)
        .service(ledger_imports::find_people)
        .service(ledger_imports::get_ledger_settings)
        .service(ledger_imports::put_ledger_settings)
        .service(ledger_work::bulk_steps)
        .service(ledger_work::move_cards)
        .service(ledger_work::list_storage)
        .service(ledger_work::create_storage)
        .service(ledger_work::delete_storage)
        .service(ledger::get_card)
        .service(ledger_work::edit_card)
        .service(ledger_work::delete_card)
        .service(ledger::take_step);
}
