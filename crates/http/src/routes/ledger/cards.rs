//! The card ledger desk (`ledger` and `admin`): cards found and moved along their life.

use actix_web::{get, post, web};
use chrono::NaiveDate;
use madoguchi_domain::ledger::status::{self, InspectionResult, Step};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::database;
use madoguchi_persistence::ledger_cards::{self, Transition};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{CardFilterBody, CardQuery, LedgerCardDetails, LedgerCardView};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::ledger::{details, filter};
use crate::state::AppState;
use madoguchi_domain::ids::CardId;

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerCardPage {
    pub items: Vec<LedgerCardView>,
    /// How many cards match in all.
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Searches the ledger: every given filter must match; paged in the order the cards were
/// registered (management numbers are kept sealed, so the database cannot sort by them).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), params(CardQuery, crate::params::PageQuery), responses((status = 200, body = LedgerCardPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/ledger/cards")]
pub async fn search_cards(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<CardQuery>,
    page: web::Query<crate::params::PageQuery>,
) -> ApiResult<web::Json<LedgerCardPage>> {
    let given = CardFilterBody::from(&*query);
    let filter = filter(&given).map_err(ApiError::invalid)?;
    let paging = crate::params::Paging::parse(page.page, page.per_page)?;
    let (page, per_page) = (paging.page, paging.per_page);
    let (cards, total) = ledger_cards::search(
        &state.db,
        &staff.scope,
        &state.vault(&staff.scope).await?,
        &filter,
        paging.offset(),
        per_page,
    )
    .await?;
    // Who looked for whom: the filters (a name or birth date only as given, the audit log
    // keeps no copy of them), and which cards they found.
    let found: Vec<String> = cards.iter().map(|c| c.id.0.to_string()).collect();
    let detail = json!({ "filter": given.given_without_personal_data(), "page": page, "total": total, "found": found });
    staff.audit(&state.db, &state, "ledger.search", "ledger_card", None, detail).await?;
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
    let found = details(&state, &staff, *id).await?;
    staff.audit(&state.db, &state, "ledger.view", "ledger_card", Some(id.to_string()), json!({})).await?;
    Ok(web::Json(found))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    /// `inspect`, `set_up`, `send_notice`, `return_notice`, `hand_over`, `cancel`,
    /// `reissue`, `abolish`, `dispose` (booking moves `book` and `release` happen with bookings).
    #[schema(pattern = "^(inspect|set_up|send_notice|return_notice|hand_over|cancel|reissue|abolish|dispose)$")]
    pub step: String,
    /// With `inspect`: `ok`, `moved_out`, `deceased`, `defect`, `other`.
    #[schema(pattern = "^(ok|moved_out|deceased|defect|other)$")]
    pub inspection_result: Option<String>,
    /// The business date (検品日, 発送日, 交付日…); today in Japan when absent.
    pub on_date: Option<NaiveDate>,
    /// Why: needed for `cancel`, `abolish` and `dispose`; up to 200 characters.
    #[schema(max_length = 200)]
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
    let vault = state.vault(&staff.scope).await?;
    let txn = database::begin_write(&state.db).await?;
    let card = ledger_cards::find(&txn, &staff.scope, &vault, CardId(*id))
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
    ledger_cards::transition(&txn, &staff.scope, &vault, transition, staff.user.login_id.as_str(), now).await?;
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
