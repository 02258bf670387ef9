//! The card ledger desk (`ledger` and `admin`): QR codes scanned into batches and
//! registered in one go, cards found and moved along their life.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::qr;
use madoguchi_domain::ledger::status::{self, InspectionResult, Step};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::Conflict;
use madoguchi_persistence::ledger_cards::{self, Transition};
use madoguchi_persistence::ledger_scans::{self, Seen};
use madoguchi_persistence::{PersistenceError, database, ledger_settings};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{CardFilterBody, CardQuery, LedgerCardDetails, LedgerCardView, ScanView, ScannedCardView};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::ledger::{details, filter};
use crate::state::AppState;
use madoguchi_domain::ids::CardId;

#[derive(Debug, Serialize, ToSchema)]
pub struct ScanBatchView {
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// When the batch was registered in the ledger; absent while it is open.
    pub committed_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub scans: Vec<ScanView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCreated {
    pub id: Uuid,
}

async fn batch_view(state: &AppState, staff: &Staff<LedgerDesk>, id: Uuid) -> ApiResult<ScanBatchView> {
    let batch = ledger_scans::batch(&state.db, &staff.scope, id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerBatchNotFound))?;
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let scans = batch
        .scans
        .iter()
        .filter_map(|scan| {
            qr::read(&layout, &scan.payload).ok().map(|card| ScanView {
                id: scan.id,
                scanned_at: scan.scanned_at,
                card: ScannedCardView::from(&card),
            })
        })
        .collect();
    Ok(ScanBatchView {
        id: batch.id,
        created_by: batch.created_by,
        created_at: batch.created_at,
        committed_at: batch.committed_at,
        scans,
    })
}

/// Starts a batch: the pages of one delivery, scanned one QR code after another.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), responses((status = 201, body = BatchCreated), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[post("/ledger/scan-batches")]
pub async fn create_batch(state: web::Data<AppState>, staff: Staff<LedgerDesk>) -> ApiResult<HttpResponse> {
    let txn = database::begin_write(&state.db).await?;
    let id = ledger_scans::create_batch(&txn, &staff.scope, staff.user.login_id.as_str(), state.clock.now()).await?;
    staff.audit(&txn, &state, "ledger.batch_create", "ledger_scan_batch", Some(id.to_string()), json!({})).await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(BatchCreated { id }))
}

/// The batch with every card scanned into it.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = ScanBatchView), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/scan-batches/{id}")]
pub async fn get_batch(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ScanBatchView>> {
    Ok(web::Json(batch_view(&state, &staff, *id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// What the keyboard-wedge reader typed (its Enter may be included).
    pub payload: String,
}

/// Reads one QR code into the batch. The same card scanned before, in this batch or
/// another, or registered already, is refused with `ledger.duplicate_qr` naming where.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ScanRequest,
    responses(
        (status = 201, body = ScanView),
        (status = 409, description = "`ledger.duplicate_qr` (the detail says where the card was met), `ledger.batch_committed`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every faulty field of the payload, named by the layout", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ledger/scan-batches/{id}/scans")]
pub async fn add_scan(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    body: ValidJson<ScanRequest>,
) -> ApiResult<HttpResponse> {
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let payload = body.0.payload;
    if payload.chars().count() > 2000 {
        return Err(ApiError::invalid(FieldError::new(
            "payload",
            "validation.too_long",
            "a QR payload is at most 2000 characters",
        )));
    }
    let card = qr::read(&layout, &payload)
        .map_err(|errors| ApiError::Invalid { code: ProblemCode::QrInvalid, errors: errors.0 })?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    let added = ledger_scans::add(&txn, &staff.scope, *id, &card.management_number, payload.trim_end(), now).await;
    let scan = match added {
        Ok(scan) => scan,
        Err(PersistenceError::Conflict(Conflict::DuplicateQr)) => {
            drop(txn);
            return Err(duplicate(&state, &staff, &card.management_number).await);
        }
        Err(PersistenceError::NotFound) => return Err(ApiError::NotFound(ProblemCode::LedgerBatchNotFound)),
        Err(other) => return Err(other.into()),
    };
    txn.commit().await?;
    Ok(HttpResponse::Created().json(ScanView { id: scan, scanned_at: now, card: ScannedCardView::from(&card) }))
}

/// `ledger.duplicate_qr`, saying where the card was met before.
async fn duplicate(state: &AppState, staff: &Staff<LedgerDesk>, number: &ManagementNumber) -> ApiError {
    let detail = match ledger_scans::seen(&state.db, &staff.scope, number).await {
        Ok(Some(Seen::Registered { card })) => format!("{number} is registered in the ledger already (card {card})"),
        Ok(Some(Seen::Scanned { batch, at })) => {
            format!("{number} was scanned already, in batch {batch} at {}", at.to_rfc3339())
        }
        _ => format!("{number} was scanned or registered already"),
    };
    ApiError::conflict(ProblemCode::LedgerDuplicateQr, detail)
}

/// Takes a wrongly scanned card out of a batch not yet registered.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path), ("scan_id" = Uuid, Path)), responses((status = 204, description = "Removed"), (status = 409, description = "`ledger.batch_committed`", body = Problem, content_type = "application/problem+json")))]
#[delete("/ledger/scan-batches/{id}/scans/{scan_id}")]
pub async fn remove_scan(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (batch, scan) = path.into_inner();
    let txn = database::begin_write(&state.db).await?;
    ledger_scans::remove(&txn, &staff.scope, batch, scan).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCommitted {
    /// How many cards entered the ledger.
    pub registered: usize,
}

/// Registers every card of the batch in the ledger, in one transaction: all of them
/// or, should one fail, none (LED-03).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = BatchCommitted), (status = 409, description = "`ledger.batch_committed`, `ledger.duplicate_qr`", body = Problem, content_type = "application/problem+json"), (status = 422, description = "`ledger.empty_batch`, or a scan the layout no longer reads", body = Problem, content_type = "application/problem+json")))]
#[post("/ledger/scan-batches/{id}/commit")]
pub async fn commit_batch(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<BatchCommitted>> {
    let batch = ledger_scans::batch(&state.db, &staff.scope, *id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerBatchNotFound))?;
    if batch.scans.is_empty() {
        return Err(ApiError::Invalid {
            code: ProblemCode::LedgerEmptyBatch,
            errors: vec![FieldError::new(
                "scans",
                ProblemCode::LedgerEmptyBatch.as_str(),
                "scan at least one card before registering",
            )],
        });
    }
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let mut errors = FieldErrors::new();
    let cards: Vec<(qr::ScannedCard, String)> = batch
        .scans
        .iter()
        .enumerate()
        .filter_map(|(index, scan)| {
            errors
                .collect(&format!("scans.{index}"), qr::read(&layout, &scan.payload))
                .map(|card| (card, scan.payload.clone()))
        })
        .collect();
    errors.into_result()?;
    let now = state.clock.now();
    let actor = staff.user.login_id.as_str();
    let txn = database::begin_write(&state.db).await?;
    ledger_scans::mark_committed(&txn, &staff.scope, *id, now).await?;
    for (card, payload) in &cards {
        ledger_cards::register(&txn, &staff.scope, card, &format!("qr:{payload}"), actor, now).await.map_err(|e| {
            match e {
                PersistenceError::Conflict(code) => ApiError::conflict(
                    ProblemCode::from(code),
                    format!("{} is registered in the ledger already: nothing was registered", card.management_number),
                ),
                other => other.into(),
            }
        })?;
    }
    staff
        .audit(
            &txn,
            &state,
            "ledger.batch_commit",
            "ledger_scan_batch",
            Some(id.to_string()),
            json!({ "cards": cards.len() }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(BatchCommitted { registered: cards.len() }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardPage {
    pub items: Vec<LedgerCardView>,
    /// How many cards match in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Searches the ledger: every given filter must match; paged by management number.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(CardQuery), responses((status = 200, body = LedgerCardPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/cards")]
pub async fn search_cards(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<CardQuery>,
) -> ApiResult<web::Json<LedgerCardPage>> {
    let filter = filter(&CardFilterBody::from(&*query)).map_err(ApiError::invalid)?;
    let paging = crate::params::Paging::parse(query.page, query.per_page)?;
    let (page, per_page) = (paging.page, paging.per_page);
    let (cards, total) = ledger_cards::search(&state.db, &staff.scope, &filter, paging.offset(), per_page).await?;
    Ok(web::Json(LedgerCardPage {
        items: cards.into_iter().map(LedgerCardView::from).collect(),
        total,
        page,
        per_page,
    }))
}

/// A card with its history.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = LedgerCardDetails), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/cards/{id}")]
pub async fn get_card(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<LedgerCardDetails>> {
    Ok(web::Json(details(&state, &staff, *id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    /// `inspect`, `set_up`, `send_notice`, `return_notice`, `hand_over`, `cancel`,
    /// `reissue`, `abolish`, `dispose` (booking moves `book` and `release` happen with bookings).
    pub step: String,
    /// With `inspect`: `ok`, `moved_out`, `deceased`, `defect`, `other`.
    pub inspection_result: Option<String>,
    /// The business date (検品日, 発送日, 交付日…); today in Japan when absent.
    pub on_date: Option<NaiveDate>,
    /// Why: needed for `cancel`, `abolish` and `dispose`.
    pub reason: Option<String>,
    /// The card's version the clerk saw; a stale one answers 409.
    pub version: i32,
}

/// Moves a card one step along its life. A step that does not apply where the card is
/// answers 409 `ledger.invalid_transition`; a change made meanwhile, 409
/// `ledger.changed_meanwhile`.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = StepRequest,
    responses(
        (status = 200, body = LedgerCardDetails),
        (status = 409, description = "`ledger.invalid_transition`, `ledger.changed_meanwhile`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`ledger.unknown_step`, a missing reason or inspection result", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ledger/cards/{id}/steps")]
pub async fn take_step(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    body: ValidJson<StepRequest>,
) -> ApiResult<web::Json<LedgerCardDetails>> {
    let body = body.0;
    let mut errors = FieldErrors::new();
    let inspection = body.inspection_result.as_deref().and_then(|r| {
        let parsed = InspectionResult::parse(r);
        if parsed.is_none() {
            errors.push(FieldError::new(
                "inspection_result",
                "ledger.unknown_inspection_result",
                format!("unknown result `{r}`"),
            ));
        }
        parsed
    });
    let step = Step::parse(&body.step, inspection);
    match step {
        None if body.step == "inspect" && inspection.is_none() => {
            errors.push(FieldError::new("inspection_result", "validation.required", "an inspection needs its result"))
        }
        None => errors.push(FieldError::new("step", "ledger.unknown_step", format!("unknown step `{}`", body.step))),
        Some(Step::Book | Step::Release) => errors.push(FieldError::new(
            "step",
            "ledger.booking_step",
            "cards are booked and released by their bookings",
        )),
        Some(_) => {}
    }
    let reason = body.reason.as_deref().map(madoguchi_domain::width::trim_text).unwrap_or_default();
    if step.is_some_and(Step::needs_reason) && reason.is_empty() {
        errors.push(FieldError::new("reason", "validation.required", "say why"));
    }
    if reason.chars().count() > 200 {
        errors.push(FieldError::new("reason", "validation.too_long", "at most 200 characters"));
    }
    errors.into_result().map_err(ApiError::invalid)?;
    let Some(step) = step else {
        return Err(ApiError::invalid(FieldError::new("step", "ledger.unknown_step", "unknown step")));
    };

    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    let card = ledger_cards::find(&txn, &staff.scope, CardId(*id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerCardNotFound))?;
    if card.version != body.version {
        return Err(ApiError::conflict(
            ProblemCode::LedgerChangedMeanwhile,
            "the card was changed meanwhile: reload it",
        ));
    }
    let from = card.status;
    let to = status::next(from, card.inspection(), step)
        .map_err(|e| ApiError::conflict(ProblemCode::LedgerInvalidTransition, e.to_string()))?;
    let on = body.on_date.unwrap_or_else(|| madoguchi_domain::time::japan_date(now));
    let transition = Transition { card: card.id, version: card.version, from, to, step, on, reason, booking: None };
    ledger_cards::transition(&txn, &staff.scope, transition, staff.user.login_id.as_str(), now).await?;
    staff
        .audit(
            &txn,
            &state,
            "ledger.step",
            "ledger_card",
            Some(id.to_string()),
            json!({ "step": step.as_str(), "from": from.as_str(), "to": to.as_str(), "on": on }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(details(&state, &staff, *id).await?))
}
