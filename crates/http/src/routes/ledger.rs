//! The card ledger desk (`ledger` and `admin`): QR codes scanned into batches and
//! registered in one go, cards found and moved along their life.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_domain::applicant::ManagementNumber;
use madoguchi_domain::ledger::qr;
use madoguchi_domain::ledger::status::{self, CardStatus, InspectionResult, Step};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::ledger_cards::{self, CardFilter, DateColumn, LedgerCard, LedgerEvent, Transition};
use madoguchi_persistence::ledger_scans::{self, Seen};
use madoguchi_persistence::{PersistenceError, database, ledger_settings};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem};
use crate::state::AppState;

/// A card as its QR code described it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScannedCardView {
    pub management_number: String,
    pub application_id: Option<String>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// `1` male, `2` female, `9` unknown.
    pub sex: Option<String>,
    pub address: Option<String>,
    /// `at_issuance` (交付時来庁) or `at_application` (申請時来庁).
    pub visit_method: Option<String>,
    /// `new`, `renewal` or `reissue`.
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
}

impl From<&qr::ScannedCard> for ScannedCardView {
    fn from(card: &qr::ScannedCard) -> Self {
        Self {
            management_number: card.management_number.as_str().to_owned(),
            application_id: card.application_id.as_ref().map(|a| a.as_str().to_owned()),
            shipment_number: card.shipment_number.as_ref().map(|s| s.as_str().to_owned()),
            name: card.name.clone(),
            birth_date: card.birth_date,
            sex: card.sex.map(|s| s.code().to_owned()),
            address: card.address.clone(),
            visit_method: card.visit_method.map(|v| v.as_str().to_owned()),
            kind: card.kind.map(|k| k.as_str().to_owned()),
            signing_certificate: card.signing_certificate,
            user_certificate: card.user_certificate,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScanView {
    pub id: Uuid,
    pub scanned_at: DateTime<Utc>,
    pub card: ScannedCardView,
}

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
    let batch = ledger_scans::batch(&state.db, &staff.scope, id).await?.ok_or(ApiError::NotFound("ledger.batch_not_found"))?;
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let scans = batch
        .scans
        .iter()
        .filter_map(|scan| qr::read(&layout, &scan.payload).ok().map(|card| ScanView { id: scan.id, scanned_at: scan.scanned_at, card: ScannedCardView::from(&card) }))
        .collect();
    Ok(ScanBatchView { id: batch.id, created_by: batch.created_by, created_at: batch.created_at, committed_at: batch.committed_at, scans })
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
pub async fn get_batch(state: web::Data<AppState>, staff: Staff<LedgerDesk>, id: web::Path<Uuid>) -> ApiResult<web::Json<ScanBatchView>> {
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
pub async fn add_scan(state: web::Data<AppState>, staff: Staff<LedgerDesk>, id: web::Path<Uuid>, body: ValidJson<ScanRequest>) -> ApiResult<HttpResponse> {
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let payload = body.0.payload;
    if payload.chars().count() > 2000 {
        return Err(ApiError::invalid(FieldError::new("payload", "validation.too_long", "a QR payload is at most 2000 characters")));
    }
    let card = qr::read(&layout, &payload).map_err(|errors| ApiError::Invalid { code: "qr.invalid", errors: errors.0 })?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    let added = ledger_scans::add(&txn, &staff.scope, *id, &card.management_number, payload.trim_end(), now).await;
    let scan = match added {
        Ok(scan) => scan,
        Err(PersistenceError::Conflict("ledger.duplicate_qr")) => {
            drop(txn);
            return Err(duplicate(&state, &staff, &card.management_number).await);
        }
        Err(PersistenceError::NotFound) => return Err(ApiError::NotFound("ledger.batch_not_found")),
        Err(other) => return Err(other.into()),
    };
    txn.commit().await?;
    Ok(HttpResponse::Created().json(ScanView { id: scan, scanned_at: now, card: ScannedCardView::from(&card) }))
}

/// `ledger.duplicate_qr`, saying where the card was met before.
async fn duplicate(state: &AppState, staff: &Staff<LedgerDesk>, number: &ManagementNumber) -> ApiError {
    let detail = match ledger_scans::seen(&state.db, &staff.scope, number).await {
        Ok(Some(Seen::Registered { card })) => format!("{number} is registered in the ledger already (card {card})"),
        Ok(Some(Seen::Scanned { batch, at })) => format!("{number} was scanned already, in batch {batch} at {}", at.to_rfc3339()),
        _ => format!("{number} was scanned or registered already"),
    };
    ApiError::conflict("ledger.duplicate_qr", detail)
}

/// Takes a wrongly scanned card out of a batch not yet registered.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path), ("scan_id" = Uuid, Path)), responses((status = 204, description = "Removed"), (status = 409, description = "`ledger.batch_committed`", body = Problem, content_type = "application/problem+json")))]
#[delete("/ledger/scan-batches/{id}/scans/{scan_id}")]
pub async fn remove_scan(state: web::Data<AppState>, staff: Staff<LedgerDesk>, path: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
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
pub async fn commit_batch(state: web::Data<AppState>, staff: Staff<LedgerDesk>, id: web::Path<Uuid>) -> ApiResult<web::Json<BatchCommitted>> {
    let batch = ledger_scans::batch(&state.db, &staff.scope, *id).await?.ok_or(ApiError::NotFound("ledger.batch_not_found"))?;
    if batch.scans.is_empty() {
        return Err(ApiError::Invalid { code: "ledger.empty_batch", errors: vec![FieldError::new("scans", "ledger.empty_batch", "scan at least one card before registering")] });
    }
    let layout = ledger_settings::qr_layout(&state.db, &staff.scope).await?;
    let mut errors = FieldErrors::new();
    let cards: Vec<(qr::ScannedCard, String)> = batch.scans.iter().enumerate().filter_map(|(index, scan)| errors.collect(&format!("scans.{index}"), qr::read(&layout, &scan.payload)).map(|card| (card, scan.payload.clone()))).collect();
    errors.into_result()?;
    let now = state.clock.now();
    let actor = staff.user.login_id.as_str();
    let txn = database::begin_write(&state.db).await?;
    ledger_scans::mark_committed(&txn, &staff.scope, *id, now).await?;
    for (card, payload) in &cards {
        ledger_cards::register(&txn, &staff.scope, card, &format!("qr:{payload}"), actor, now).await.map_err(|e| match e {
            PersistenceError::Conflict(code) => ApiError::conflict(code, format!("{} is registered in the ledger already: nothing was registered", card.management_number)),
            other => other.into(),
        })?;
    }
    staff.audit(&txn, &state, "ledger.batch_commit", "ledger_scan_batch", Some(id.to_string()), json!({ "cards": cards.len() })).await?;
    txn.commit().await?;
    Ok(web::Json(BatchCommitted { registered: cards.len() }))
}

/// A card in the ledger with every field the カード管理簿 keeps.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardView {
    pub id: Uuid,
    pub management_number: String,
    pub application_id: Option<String>,
    pub shipment_number: Option<String>,
    pub name: Option<String>,
    pub name_kana: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub visit_method: Option<String>,
    pub kind: Option<String>,
    pub signing_certificate: bool,
    pub user_certificate: bool,
    pub card_expires_on: Option<NaiveDate>,
    pub certificate_expires_on: Option<NaiveDate>,
    /// `received`, `inspected`, `set_up`, `notice_sent`, `notice_returned`, `booked`,
    /// `handed_over`, `cancelled`, `reissued`, `abolished`, `disposed`.
    pub status: String,
    pub inspection_result: Option<String>,
    pub inspected_on: Option<NaiveDate>,
    pub set_up_on: Option<NaiveDate>,
    pub notice_sent_on: Option<NaiveDate>,
    pub notice_returned_on: Option<NaiveDate>,
    pub handed_over_on: Option<NaiveDate>,
    pub reminder_sent_on: Option<NaiveDate>,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: String,
    pub reissue_processed_on: Option<NaiveDate>,
    pub reissuable: Option<bool>,
    pub reissue_reason: String,
    pub abolished_on: Option<NaiveDate>,
    pub abolish_reason: String,
    pub disposed_on: Option<NaiveDate>,
    pub dispose_reason: String,
    pub notes: String,
    pub handover_notes: String,
    pub storage_location: String,
    /// The last e-certificate renewal list's verdict: `matched`, `conflict`, `not_on_list`.
    pub renewal_check: Option<String>,
    pub renewal_checked_on: Option<NaiveDate>,
    /// The person of an imported address list the card belongs to.
    pub person_id: Option<Uuid>,
    /// The booking that holds the card, while one does.
    pub booking_id: Option<Uuid>,
    pub registered_at: DateTime<Utc>,
    pub version: i32,
}

impl From<LedgerCard> for LedgerCardView {
    fn from(c: LedgerCard) -> Self {
        Self {
            id: c.id,
            management_number: c.management_number,
            application_id: c.application_id,
            shipment_number: c.shipment_number,
            name: c.name,
            name_kana: c.name_kana,
            birth_date: c.birth_date,
            sex: c.sex,
            address: c.address,
            postal_code: c.postal_code,
            visit_method: c.visit_method,
            kind: c.kind,
            signing_certificate: c.signing_certificate,
            user_certificate: c.user_certificate,
            card_expires_on: c.card_expires_on,
            certificate_expires_on: c.certificate_expires_on,
            status: c.status,
            inspection_result: c.inspection_result,
            inspected_on: c.inspected_on,
            set_up_on: c.set_up_on,
            notice_sent_on: c.notice_sent_on,
            notice_returned_on: c.notice_returned_on,
            handed_over_on: c.handed_over_on,
            reminder_sent_on: c.reminder_sent_on,
            cancelled_on: c.cancelled_on,
            cancel_reason: c.cancel_reason,
            reissue_processed_on: c.reissue_processed_on,
            reissuable: c.reissuable,
            reissue_reason: c.reissue_reason,
            abolished_on: c.abolished_on,
            abolish_reason: c.abolish_reason,
            disposed_on: c.disposed_on,
            dispose_reason: c.dispose_reason,
            notes: c.notes,
            handover_notes: c.handover_notes,
            storage_location: c.storage_location,
            renewal_check: c.renewal_check,
            renewal_checked_on: c.renewal_checked_on,
            person_id: c.person_id,
            booking_id: c.booking_id,
            registered_at: c.registered_at,
            version: c.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerEventView {
    pub at: DateTime<Utc>,
    /// A staff login ID, or `booking`.
    pub actor: String,
    /// `registered` or the step (`inspect`, `send_notice`, `book`…).
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    /// The business date the step took effect (検品日, 交付日…).
    pub on_date: Option<NaiveDate>,
    pub reason: String,
}

impl From<LedgerEvent> for LedgerEventView {
    fn from(e: LedgerEvent) -> Self {
        Self { at: e.at, actor: e.actor, action: e.action, from_status: e.from_status, to_status: e.to_status, on_date: e.on_date, reason: e.reason }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardDetails {
    pub card: LedgerCardView,
    /// Oldest first.
    pub history: Vec<LedgerEventView>,
    /// The booking that holds the card (LED-08), while one does.
    pub booking: Option<CardBookingView>,
}

/// The booking a card is held by, as its page links it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardBookingView {
    pub reception_number: String,
    pub start: DateTime<chrono::FixedOffset>,
    /// `booked`, `visited`, …
    pub status: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CardQuery {
    pub management_number: Option<String>,
    pub application_id: Option<String>,
    /// `YYYY-MM-DD`, or 和暦 (`昭和50年4月1日`).
    pub birth_date: Option<String>,
    /// Part of the name or its reading.
    pub name: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub visit_method: Option<String>,
    pub storage_location: Option<String>,
    /// The date `date_from`/`date_to` range over: `inspected_on`, `notice_sent_on`,
    /// `handed_over_on`, `card_expires_on`, `certificate_expires_on`.
    pub date_field: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    /// The last renewal list's verdict: `matched`, `conflict`, `not_on_list`.
    pub renewal_check: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// The search's filters, as a bulk action sends them ("every card that matches").
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardFilterBody {
    pub management_number: Option<String>,
    pub application_id: Option<String>,
    pub birth_date: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub visit_method: Option<String>,
    pub storage_location: Option<String>,
    pub date_field: Option<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub renewal_check: Option<String>,
}

impl From<&CardQuery> for CardFilterBody {
    fn from(q: &CardQuery) -> Self {
        Self {
            management_number: q.management_number.clone(),
            application_id: q.application_id.clone(),
            birth_date: q.birth_date.clone(),
            name: q.name.clone(),
            status: q.status.clone(),
            kind: q.kind.clone(),
            visit_method: q.visit_method.clone(),
            storage_location: q.storage_location.clone(),
            date_field: q.date_field.clone(),
            date_from: q.date_from,
            date_to: q.date_to,
            renewal_check: q.renewal_check.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardPage {
    pub items: Vec<LedgerCardView>,
    /// How many cards match in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

pub(crate) fn filter(query: &CardFilterBody) -> Result<CardFilter, FieldErrors> {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let management_number = given(&query.management_number).and_then(|n| errors.collect("management_number", ManagementNumber::parse(&n)));
    let birth_date = given(&query.birth_date).and_then(|d| {
        let parsed = madoguchi_domain::wareki::parse_date(&d);
        if parsed.is_none() {
            errors.push(FieldError::new("birth_date", "validation.date", "a date such as 1975-04-01 or 昭和50年4月1日"));
        }
        parsed
    });
    let status = given(&query.status).and_then(|s| {
        let parsed = CardStatus::parse(&s);
        if parsed.is_none() {
            errors.push(FieldError::new("status", "ledger.unknown_status", format!("unknown status `{s}`")));
        }
        parsed
    });
    let dated = match (given(&query.date_field), query.date_from, query.date_to) {
        (None, None, None) => None,
        (None, ..) => {
            errors.push(FieldError::new("date_field", "validation.required", "name the date the range is for"));
            None
        }
        (Some(name), from, to) => {
            let column = DateColumn::parse(&name);
            if column.is_none() {
                errors.push(FieldError::new("date_field", "ledger.unknown_date_field", format!("unknown date `{name}`")));
            }
            if let (Some(from), Some(to)) = (from, to)
                && from > to
            {
                errors.push(FieldError::new("date_to", "validation.range", "the range ends before it starts"));
            }
            column.map(|c| (c, from, to))
        }
    };
    let renewal_check = given(&query.renewal_check);
    if let Some(check) = &renewal_check
        && !["matched", "conflict", "not_on_list"].contains(&check.as_str())
    {
        errors.push(FieldError::new("renewal_check", "ledger.unknown_renewal_check", format!("unknown verdict `{check}`")));
    }
    for (field, value, known) in [("kind", &query.kind, &["new", "renewal", "reissue"][..]), ("visit_method", &query.visit_method, &["at_issuance", "at_application"][..])] {
        if let Some(value) = given(value)
            && !known.contains(&value.as_str())
        {
            errors.push(FieldError::new(field, "validation.choice", format!("one of {}", known.join(", "))));
        }
    }
    errors.into_result()?;
    Ok(CardFilter {
        dated,
        renewal_check,
        management_number,
        application_id: given(&query.application_id),
        birth_date,
        name: given(&query.name),
        status,
        kind: given(&query.kind),
        visit_method: given(&query.visit_method),
        storage_location: given(&query.storage_location),
    })
}

/// Searches the ledger: every given filter must match; paged by management number.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(CardQuery), responses((status = 200, body = LedgerCardPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/cards")]
pub async fn search_cards(state: web::Data<AppState>, staff: Staff<LedgerDesk>, query: web::Query<CardQuery>) -> ApiResult<web::Json<LedgerCardPage>> {
    let filter = filter(&CardFilterBody::from(&*query)).map_err(ApiError::invalid)?;
    let per_page = query.per_page.unwrap_or(50).clamp(1, 500);
    let page = query.page.unwrap_or(1).max(1);
    let (cards, total) = ledger_cards::search(&state.db, &staff.scope, &filter, (page - 1) * per_page, per_page).await?;
    Ok(web::Json(LedgerCardPage { items: cards.into_iter().map(LedgerCardView::from).collect(), total, page, per_page }))
}

pub(crate) async fn details(state: &AppState, staff: &Staff<LedgerDesk>, id: Uuid) -> ApiResult<LedgerCardDetails> {
    let card = ledger_cards::find(&state.db, &staff.scope, id).await?.ok_or(ApiError::NotFound("ledger.card_not_found"))?;
    let history = ledger_cards::history(&state.db, &staff.scope, id).await?;
    let booking = match card.booking_id {
        Some(booking) => madoguchi_persistence::bookings::summary(&state.db, &staff.scope, booking).await?.map(|b| CardBookingView {
            reception_number: b.reception_number.to_string(),
            start: b.start.with_timezone(&crate::routes::counters::tokyo()),
            status: b.status,
        }),
        None => None,
    };
    Ok(LedgerCardDetails { card: card.into(), history: history.into_iter().map(LedgerEventView::from).collect(), booking })
}

/// A card with its history.
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = LedgerCardDetails), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/cards/{id}")]
pub async fn get_card(state: web::Data<AppState>, staff: Staff<LedgerDesk>, id: web::Path<Uuid>) -> ApiResult<web::Json<LedgerCardDetails>> {
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
pub async fn take_step(state: web::Data<AppState>, staff: Staff<LedgerDesk>, id: web::Path<Uuid>, body: ValidJson<StepRequest>) -> ApiResult<web::Json<LedgerCardDetails>> {
    let body = body.0;
    let mut errors = FieldErrors::new();
    let inspection = body.inspection_result.as_deref().and_then(|r| {
        let parsed = InspectionResult::parse(r);
        if parsed.is_none() {
            errors.push(FieldError::new("inspection_result", "ledger.unknown_inspection_result", format!("unknown result `{r}`")));
        }
        parsed
    });
    let step = Step::parse(&body.step, inspection);
    match step {
        None if body.step == "inspect" && inspection.is_none() => errors.push(FieldError::new("inspection_result", "validation.required", "an inspection needs its result")),
        None => errors.push(FieldError::new("step", "ledger.unknown_step", format!("unknown step `{}`", body.step))),
        Some(Step::Book | Step::Release) => errors.push(FieldError::new("step", "ledger.booking_step", "cards are booked and released by their bookings")),
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
    let Some(step) = step else { return Err(ApiError::invalid(FieldError::new("step", "ledger.unknown_step", "unknown step"))) };

    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    let card = ledger_cards::find(&txn, &staff.scope, *id).await?.ok_or(ApiError::NotFound("ledger.card_not_found"))?;
    if card.version != body.version {
        return Err(ApiError::conflict("ledger.changed_meanwhile", "the card was changed meanwhile: reload it"));
    }
    let from = card.card_status()?;
    let to = status::next(from, card.inspection(), step).map_err(|e| ApiError::conflict("ledger.invalid_transition", e.to_string()))?;
    let on = body.on_date.unwrap_or_else(|| ledger_cards::today(now));
    let transition = Transition { card: card.id, version: card.version, from, to, step, on, reason, booking: None };
    ledger_cards::transition(&txn, &staff.scope, transition, staff.user.login_id.as_str(), now).await?;
    staff.audit(&txn, &state, "ledger.step", "ledger_card", Some(id.to_string()), json!({ "step": step.as_str(), "from": from.as_str(), "to": to.as_str(), "on": on })).await?;
    txn.commit().await?;
    Ok(web::Json(details(&state, &staff, *id).await?))
}
