//! Paper in and out of the ledger desk: scanned カード発行一覧 pages read into a batch
//! (LED-01), the day's 交付チェックリスト and a card's 受領書 as PDF (LED-15).

use std::sync::OnceLock;

use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use madoguchi_documents::pdf::{self, Checklist, ChecklistRow, PdfFont, Receipt};
use madoguchi_documents::scans;
use madoguchi_domain::ids::LocationId;
use madoguchi_domain::ledger::qr;
use madoguchi_domain::text_file;
use madoguchi_domain::wareki::format_date;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::{self, BookingFilter};
use madoguchi_persistence::{booking_rules, ledger_cards, ledger_settings, locations, tenants};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{ScanView, ScannedCardView};
use crate::extract::read_body;
use crate::params;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::scan_batches;
use crate::state::AppState;
use madoguchi_domain::ids::CardId;
use madoguchi_domain::ledger::batch::BatchState;
use madoguchi_domain::time::{day_end, day_start, japan_date, tokyo};

/// A scanned page: a 600 dpi A4 PNG is about 10 MB, a PDF of a dozen pages more.
const SCAN_LIMIT: usize = 40 * 1024 * 1024;

#[derive(Debug, Serialize, ToSchema)]
pub struct RefusedCode {
    /// 1-based page of the file.
    pub page: usize,
    /// `ledger.duplicate_qr`, `qr.invalid`, `qr.undecodable`…
    pub code: String,
    pub detail: String,
    /// The management number, when the code could be read that far.
    pub management_number: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImageScanReport {
    /// QR codes found on the pages.
    pub found: usize,
    /// Scans added to the batch, in reading order.
    pub added: Vec<ScanView>,
    /// Codes found but not added, each with why.
    pub refused: Vec<RefusedCode>,
}

/// Reads every QR code of scanned カード発行一覧 pages (PNG, JPEG, or a PDF of scanned
/// pages) into the batch, in reading order. A code read before (in any batch, or a
/// registered card) or unreadable is listed under `refused`; the others join the batch.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "image/png, image/jpeg or application/pdf"),
    responses(
        (status = 200, body = ImageScanReport),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`ledger.batch_committed`, `ledger.batch_discarded`: start a new batch", body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`scan.unknown_format`, `scan.unreadable`, `scan.no_code`, `scan.too_large`", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`server.busy`: other large files are being read on this server; send again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ledger/scan-batches/{id}/images")]
pub async fn scan_images(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    mut payload: web::Payload,
) -> ApiResult<web::Json<ImageScanReport>> {
    let batch = scan_batches::find(&state, &staff.scope, *id).await?.batch;
    match batch.state {
        BatchState::Open => {}
        BatchState::Registered { .. } => {
            return Err(ApiError::conflict(
                ProblemCode::LedgerBatchCommitted,
                "the batch is registered already: start a new one",
            ));
        }
        BatchState::Discarded { .. } => {
            return Err(ApiError::conflict(
                ProblemCode::LedgerBatchDiscarded,
                "the batch was discarded: start a new one",
            ));
        }
    }
    let _turn = state.heavy.turn().await?;
    let bytes = read_body(&mut payload, SCAN_LIMIT).await?;
    // Decoding a page takes a CPU for a moment: off the request threads.
    let found = web::block(move || scans::read_codes(&bytes)).await.map_err(ApiError::internal)?.map_err(|e| {
        let code = match e {
            scans::ScanError::UnknownFormat => ProblemCode::ScanUnknownFormat,
            scans::ScanError::TooLarge(_)
            | scans::ScanError::TooManyPages(..)
            | scans::ScanError::TooManyPixels
            | scans::ScanError::TooSlow => ProblemCode::ScanTooLarge,
            _ => ProblemCode::ScanUnreadable,
        };
        ApiError::Invalid { code, errors: vec![FieldError::new("file", code.as_str(), e.to_string())] }
    })?;
    if found.is_empty() {
        return Err(ApiError::Invalid {
            code: ProblemCode::ScanNoCode,
            errors: vec![FieldError::new(
                "file",
                ProblemCode::ScanNoCode.as_str(),
                "no QR code was found: scan at 300 dpi or more, straight",
            )],
        });
    }
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let mut report = ImageScanReport { found: found.len(), added: Vec::new(), refused: Vec::new() };
    for code in found {
        let page = code.page;
        let bytes = match code.payload {
            Ok(bytes) => bytes,
            Err(e) => {
                report.refused.push(RefusedCode {
                    page,
                    code: ProblemCode::QrUndecodable.as_str().to_owned(),
                    detail: e,
                    management_number: None,
                });
                continue;
            }
        };
        let Ok((text, _)) = text_file::decode(&bytes) else {
            report.refused.push(RefusedCode {
                page,
                code: ProblemCode::QrUndecodable.as_str().to_owned(),
                detail: "neither UTF-8 nor Shift_JIS".to_owned(),
                management_number: None,
            });
            continue;
        };
        let card = match qr::read(&layout, &text) {
            Ok(card) => card,
            Err(errors) => {
                let detail =
                    errors.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
                report.refused.push(RefusedCode {
                    page,
                    code: ProblemCode::QrInvalid.as_str().to_owned(),
                    detail,
                    management_number: None,
                });
                continue;
            }
        };
        let now = state.clock.now();
        match scan_batches::add(&state, &staff.scope, *id, &card, text.trim_end(), now).await {
            Ok(scan) => {
                report.added.push(ScanView { id: scan, scanned_at: now, card: ScannedCardView::from(&card) });
            }
            Err(refusal @ (ApiError::Conflict { .. } | ApiError::ConflictWith { .. })) => {
                let problem = refusal.problem();
                report.refused.push(RefusedCode {
                    page,
                    code: problem.code.as_str().to_owned(),
                    detail: problem.detail.unwrap_or_default(),
                    management_number: Some(card.management_number.as_str().to_owned()),
                });
            }
            Err(other) => return Err(other),
        }
    }
    staff
        .audit(
            &state.db,
            &state,
            "ledger.scan_images",
            "ledger_scan_batch",
            Some(id.to_string()),
            json!({ "found": report.found, "added": report.added.len(), "refused": report.refused.len() }),
        )
        .await?;
    Ok(web::Json(report))
}

/// The font, loaded once per process.
fn font(state: &AppState) -> ApiResult<PdfFont> {
    static FONT: OnceLock<Result<PdfFont, String>> = OnceLock::new();
    FONT.get_or_init(|| {
        let path =
            pdf::find_font(state.options.pdf_font.as_deref()).ok_or_else(|| pdf::PdfError::NoFont.to_string())?;
        PdfFont::load(&path).map_err(|e| e.to_string())
    })
    .clone()
    .map_err(|e| {
        tracing::error!(error = %e, "PDFs cannot be made");
        ApiError::Unavailable(ProblemCode::PdfFontMissing)
    })
}

fn pdf_response(bytes: Vec<u8>, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Content-Disposition", format!("inline; filename=\"{filename}\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes)
}

fn birth(date: Option<NaiveDate>) -> String {
    date.map(|d| format!("{}（{}）", format_date(d), d.format("%Y/%m/%d"))).unwrap_or_default()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChecklistQuery {
    /// `YYYY-MM-DD`; today in Japan when absent.
    #[param(value_type = Option<crate::params::DateText>)]
    pub date: Option<String>,
    /// One location; all when absent.
    pub location_id: Option<Uuid>,
}

/// The day's 交付チェックリスト (A4 landscape PDF): each booking's cards with their
/// state and storage place, and boxes to tick for 本人確認, 暗証番号 and 交付.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(ChecklistQuery),
    responses((status = 200, description = "PDF", content_type = "application/pdf", body = Vec<u8>), (status = 404, description = "`location.not_found`", body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 503, description = "`pdf.font_missing`", body = Problem, content_type = "application/problem+json"))
)]
#[get("/ledger/checklist")]
pub async fn checklist(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<ChecklistQuery>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let mut errors = FieldErrors::new();
    let date = params::date("date", query.date.as_deref(), &mut errors).unwrap_or(japan_date(now));
    errors.into_result()?;
    let all_locations = locations::list(&state.db, &staff.scope, false).await?;
    let location = match query.location_id {
        Some(id) => {
            Some(all_locations.iter().find(|l| l.id.0 == id).ok_or(ApiError::NotFound(ProblemCode::LocationNotFound))?)
        }
        None => None,
    };
    let filter = BookingFilter {
        from: Some(day_start(date)),
        until: Some(day_end(date)),
        location: location.map(|l| LocationId(l.id.0)),
        ..BookingFilter::default()
    };
    let (found, _) =
        booking_desk::search(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &filter, 0, 5000).await?;
    let ledger_check = booking_rules::get(&state.db, &staff.scope).await?.ledger_check;
    let mut rows = Vec::new();
    for details in found.iter().filter(|d| d.booking.status.takes_places()) {
        let held =
            ledger_cards::held_by(&state.db, &staff.scope, &state.vault(&staff.scope).await?, details.booking.id.0)
                .await?;
        for applicant in &details.applicants {
            // The card the booking holds, or else the ledger's card of that number: with
            // the ledger check off, bookings hold no card, yet the card may be waiting.
            let (card, holds) = match applicant.management_number.as_deref() {
                Some(number) => match held.iter().find(|c| c.management_number == number) {
                    Some(card) => (Some(card.clone()), true),
                    None => (
                        ledger_cards::find_by_number(
                            &state.db,
                            &staff.scope,
                            &state.vault(&staff.scope).await?,
                            number,
                        )
                        .await?,
                        false,
                    ),
                },
                None => (None, false),
            };
            let card_status = match (&card, &applicant.management_number) {
                (Some(card), _) if holds || !ledger_check => card.status.label().to_owned(),
                (Some(card), _) => format!("{}（予約と未連携）", card.status.label()),
                (None, Some(_)) => "管理簿にカードなし".to_owned(),
                (None, None) => "製造管理番号なし".to_owned(),
            };
            let card = card.as_ref();
            rows.push(ChecklistRow {
                time: details.booking.start.with_timezone(&tokyo()).format("%H:%M").to_string(),
                reception_number: details.booking.reception_number.to_string(),
                name: applicant.name.clone().or_else(|| card.and_then(|c| c.name.clone())).unwrap_or_default(),
                name_kana: applicant.name_kana.clone().unwrap_or_default(),
                birth_date: birth(applicant.birth_date.or_else(|| card.and_then(|c| c.birth_date))),
                management_number: applicant.management_number.clone().unwrap_or_default(),
                card_status,
                storage_location: card.map(|c| c.storage_location.clone()).unwrap_or_default(),
            });
        }
    }
    let tenant = tenants::get(&state.db, &staff.scope).await?;
    let weekday = ["月", "火", "水", "木", "金", "土", "日"]
        [date.format("%u").to_string().parse::<usize>().unwrap_or(1).saturating_sub(1) % 7];
    let list = Checklist {
        title: format!(
            "交付チェックリスト　{}（{weekday}）　{}",
            date.format("%Y年%-m月%-d日"),
            location.map_or("全窓口", |l| l.name.as_str())
        ),
        subtitle: format!(
            "{}　{}件　予約時の管理簿照合: {}　印刷 {}",
            tenant.name,
            rows.len(),
            if ledger_check { "あり" } else { "なし（カードは製造管理番号で表示）" },
            now.with_timezone(&tokyo()).format("%Y/%m/%d %H:%M")
        ),
        rows,
    };
    let font = font(&state)?;
    let bytes = web::block(move || pdf::checklist(&font, &list))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    staff
        .audit(
            &state.db,
            &state,
            "ledger.print_checklist",
            "booking",
            None,
            json!({ "date": date, "location_id": query.location_id }),
        )
        .await?;
    Ok(pdf_response(bytes, &format!("checklist-{date}.pdf")))
}

/// A card's 受領書 (A4 PDF) for its holder to sign at the counter.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "PDF", content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 503, description = "`pdf.font_missing`", body = Problem, content_type = "application/problem+json"))
)]
#[get("/ledger/cards/{id}/receipt")]
pub async fn receipt(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let card = ledger_cards::find(&state.db, &staff.scope, &state.vault(&staff.scope).await?, CardId(*id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerCardNotFound))?;
    let tenant = tenants::get(&state.db, &staff.scope).await?;
    let receipt = Receipt {
        addressee: format!("{}長　様", tenant.name),
        name: card.name.clone().unwrap_or_default(),
        name_kana: card.name_kana.clone().unwrap_or_default(),
        birth_date: birth(card.birth_date),
        address: card.address.clone().unwrap_or_default(),
        management_number: card.management_number.clone(),
        kind: match card.kind.as_deref() {
            Some("new") => "新規",
            Some("renewal") => "更新",
            Some("reissue") => "再交付",
            _ => "",
        }
        .to_owned(),
        handed_over_on: card.handed_over_on.map(format_date).unwrap_or_default(),
    };
    let font = font(&state)?;
    let bytes = web::block(move || pdf::receipts(&font, &[receipt]))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    staff
        .audit(
            &state.db,
            &state,
            "ledger.print_receipt",
            "ledger_card",
            Some(id.to_string()),
            json!({ "management_number": card.management_number }),
        )
        .await?;
    Ok(pdf_response(bytes, &format!("receipt-{}.pdf", card.management_number)))
}
