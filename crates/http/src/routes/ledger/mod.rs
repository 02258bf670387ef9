//! The card ledger desk (`/ledger/…`): QR intake, cards and their steps, imports, documents.

pub mod batches;
pub mod cards;
pub mod documents;
pub mod imports;
pub mod work;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the group's routes; literal paths before `{id}` ones, as listed.
pub fn configure(config: &mut ServiceConfig) {
    config
        .service(batches::list_open_batches)
        .service(batches::create_batch)
        .service(batches::get_batch)
        .service(batches::add_scan)
        .service(batches::remove_scan)
        .service(batches::commit_batch)
        .service(batches::discard_batch)
        .service(documents::scan_images)
        .service(documents::checklist)
        .service(documents::receipt)
        .service(cards::search_cards)
        .service(work::export_cards)
        .service(imports::import_issuance)
        .service(imports::import_legacy)
        .service(imports::import_renewal_list)
        .service(imports::import_people)
        .service(imports::import_postal_codes)
        .service(imports::postal_summary)
        .service(imports::lookup_postal_code)
        .service(imports::find_people)
        .service(imports::get_ledger_settings)
        .service(imports::put_ledger_settings)
        .service(work::bulk_steps)
        .service(work::move_cards)
        .service(work::list_storage)
        .service(work::create_storage)
        .service(work::delete_storage)
        .service(cards::get_card)
        .service(work::edit_card)
        .service(work::delete_card)
        .service(cards::take_step);
}
