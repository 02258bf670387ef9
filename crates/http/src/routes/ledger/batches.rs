//! Scan batches (`ledger` and `admin`): the QR codes of a delivery's カード発行一覧, read
//! one by one, kept on the server so a reload or a closed session strands nothing, then
//! registered together or discarded with a reason.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use madoguchi_domain::FieldError;
use madoguchi_domain::ledger::batch::{BatchState, DiscardReason};
use madoguchi_domain::ledger::qr;
use madoguchi_persistence::{database, ledger_scans, ledger_settings};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{ScanView, ScannedCardView};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::scan_batches::{self, BatchWithExpiry};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BatchStateView {
    Open,
    Registered,
    Discarded,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScanBatchView {
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// The last scan read in or taken out.
    pub touched_at: DateTime<Utc>,
    pub state: BatchStateView,
    /// When an open batch left untouched is discarded (the tenant's expiry time after
    /// `touched_at`); absent once registered or discarded.
    pub expires_at: Option<DateTime<Utc>>,
    /// When the batch was registered in the ledger.
    pub committed_at: Option<DateTime<Utc>>,
    pub discarded_at: Option<DateTime<Utc>>,
    /// A login ID, or `system` for an expiry.
    pub discarded_by: Option<String>,
    pub discard_reason: Option<String>,
    /// Oldest first; empty once discarded (the cards were given back).
    pub scans: Vec<ScanView>,
}

impl From<BatchWithExpiry> for ScanBatchView {
    fn from(found: BatchWithExpiry) -> Self {
        let BatchWithExpiry { batch, expiry, cards } = found;
        let (state, expires_at, committed_at, discarded) = match batch.state {
            BatchState::Open => (BatchStateView::Open, Some(expiry.expires_at(batch.touched_at)), None, None),
            BatchState::Registered { at } => (BatchStateView::Registered, None, Some(at), None),
            BatchState::Discarded { at, by, reason } => {
                (BatchStateView::Discarded, None, None, Some((at, by, reason.as_str().to_owned())))
            }
        };
        Self {
            id: batch.id,
            created_by: batch.created_by,
            created_at: batch.created_at,
            touched_at: batch.touched_at,
            state,
            expires_at,
            committed_at,
            discarded_at: discarded.as_ref().map(|d| d.0),
            discarded_by: discarded.as_ref().map(|d| d.1.clone()),
            discard_reason: discarded.map(|d| d.2),
            scans: cards
                .iter()
                .map(|(scan, card)| ScanView {
                    id: scan.id,
                    scanned_at: scan.scanned_at,
                    card: ScannedCardView::from(card),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCreated {
    pub id: Uuid,
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

#[derive(Debug, Serialize, ToSchema)]
pub struct OpenBatchView {
    pub id: Uuid,
    /// The clerk who started it.
    pub created_by: String,
    /// Started by the signed-in clerk.
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub touched_at: DateTime<Utc>,
    /// When it is discarded unless a card is scanned or it is registered before.
    pub expires_at: DateTime<Utc>,
    /// Cards scanned into it.
    pub scans: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpenBatchList {
    /// Oldest first.
    pub items: Vec<OpenBatchView>,
    /// Hours an open batch may stay untouched (the tenant's setting).
    pub expiry_hours: u16,
}

/// Every open batch of the municipality, the signed-in clerk's marked: what is waiting to
/// be registered or discarded.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), responses((status = 200, body = OpenBatchList), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/scan-batches")]
pub async fn list_open_batches(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
) -> ApiResult<web::Json<OpenBatchList>> {
    let (batches, expiry) = scan_batches::open(&state, &staff.scope).await?;
    let me = staff.user.login_id.as_str();
    Ok(web::Json(OpenBatchList {
        items: batches
            .into_iter()
            .map(|b| OpenBatchView {
                mine: b.created_by == me,
                expires_at: expiry.expires_at(b.touched_at),
                id: b.id,
                created_by: b.created_by,
                created_at: b.created_at,
                touched_at: b.touched_at,
                scans: b.scans,
            })
            .collect(),
        expiry_hours: expiry.hours(),
    }))
}

/// The batch with every card scanned into it, and where it stands.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = ScanBatchView), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/scan-batches/{id}")]
pub async fn get_batch(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ScanBatchView>> {
    let batch = scan_batches::find(&state, &staff.scope, *id).await?;
    staff.audit(&state.db, &state, "ledger.batch_view", "ledger_scan_batch", Some(id.to_string()), json!({})).await?;
    Ok(web::Json(batch.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// What the keyboard-wedge reader typed (its Enter may be included).
    #[schema(max_length = 2000)]
    pub payload: String,
}

/// Reads one QR code into the batch. The same card scanned before, in this batch or
/// another, or registered already, is refused with `ledger.duplicate_qr`, whose
/// `conflict_with` names the batch that holds it (to reopen or discard) or the card.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ScanRequest,
    responses(
        (status = 201, body = ScanView),
        (status = 404, description = "`ledger.batch_not_found`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`ledger.duplicate_qr` (with `conflict_with`), `ledger.batch_committed`, `ledger.batch_discarded`", body = Problem, content_type = "application/problem+json"),
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
    let payload = body.0.payload;
    if payload.chars().count() > 2000 {
        return Err(ApiError::invalid(FieldError::new(
            "payload",
            "validation.too_long",
            "a QR payload is at most 2000 characters",
        )));
    }
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let card = qr::read(&layout, &payload)
        .map_err(|errors| ApiError::Invalid { code: ProblemCode::QrInvalid, errors: errors.0 })?;
    let now = state.clock.now();
    let scan = scan_batches::add(&state, &staff.scope, *id, &card, payload.trim_end(), now).await?;
    Ok(HttpResponse::Created().json(ScanView { id: scan, scanned_at: now, card: ScannedCardView::from(&card) }))
}

/// Takes a wrongly scanned card out of an open batch.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path), ("scan_id" = Uuid, Path)), responses((status = 204, description = "Removed"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "`ledger.batch_committed`, `ledger.batch_discarded`", body = Problem, content_type = "application/problem+json")))]
#[delete("/ledger/scan-batches/{id}/scans/{scan_id}")]
pub async fn remove_scan(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    path: web::Path<(Uuid, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (batch, scan) = path.into_inner();
    scan_batches::remove(&state, &staff, batch, scan, state.clock.now()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchCommitted {
    /// How many cards entered the ledger.
    pub registered: usize,
}

/// Registers every card of the batch in the ledger, in one transaction: all of them
/// or, should one fail, none (LED-03).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = BatchCommitted), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "`ledger.batch_committed`, `ledger.batch_discarded`, `ledger.duplicate_qr`, `ledger.empty_batch` (nothing scanned yet)", body = Problem, content_type = "application/problem+json"), (status = 422, description = "a scan the layout no longer reads", body = Problem, content_type = "application/problem+json")))]
#[post("/ledger/scan-batches/{id}/commit")]
pub async fn commit_batch(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<BatchCommitted>> {
    Ok(web::Json(BatchCommitted { registered: scan_batches::commit(&state, &staff, *id).await? }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscardRequest {
    /// Why the scans are thrown away (「別の配送分と混ざったため」); kept in the audit log.
    #[schema(
        min_length = 1,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000](?:[\s\S]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reason: String,
}

/// Discards an open batch: its cards are given back and can be scanned again; the batch
/// keeps who discarded it, when and why, and the audit log says so.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = DiscardRequest, responses((status = 200, body = ScanBatchView), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "`ledger.batch_committed`, `ledger.batch_discarded`", body = Problem, content_type = "application/problem+json"), (status = 422, description = "`reason` missing or too long", body = Problem, content_type = "application/problem+json")))]
#[post("/ledger/scan-batches/{id}/discard")]
pub async fn discard_batch(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    body: ValidJson<DiscardRequest>,
) -> ApiResult<web::Json<ScanBatchView>> {
    let reason = DiscardReason::parse(&body.0.reason).map_err(ApiError::invalid)?;
    scan_batches::discard(&state, &staff, *id, &reason).await?;
    Ok(web::Json(scan_batches::find(&state, &staff.scope, *id).await?.into()))
}
