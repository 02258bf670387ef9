//! The administrators' API (`/admin/…`): staff users, settings, mail templates, the audit log, counters and schedules, notices.

pub mod audit_log;
pub mod counters;
pub mod mail_templates;
pub mod notices;
pub mod schedules;
pub mod settings;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the group's routes; literal paths before `{id}` ones, as listed.
pub fn configure(config: &mut ServiceConfig) {
    config
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
        .service(counters::list_locations)
        .service(counters::create_location)
        .service(counters::update_location)
        .service(counters::list_procedures)
        .service(counters::create_procedure)
        .service(counters::update_procedure)
        .service(counters::create_pool)
        .service(counters::set_pool_procedures)
        .service(counters::list_closures)
        .service(counters::put_closure)
        .service(counters::remove_closure)
        .service(schedules::list_pools)
        .service(schedules::set_weekday)
        .service(schedules::set_week)
        .service(schedules::set_date)
        .service(schedules::remove_date)
        .service(schedules::get_booking_rules)
        .service(schedules::put_booking_rules)
        .service(schedules::import_holidays)
        .service(notices::list_notices)
        .service(notices::create_notice)
        .service(notices::reorder_notices)
        .service(notices::update_notice)
        .service(notices::delete_notice);
}
