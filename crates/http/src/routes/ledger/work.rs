//! Work on many cards at once: bulk dates (LED-07), exports (LED-06), storage
//! locations (LED-11); and hand edits and deletions of one card.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDate;
use madoguchi_domain::ledger::status::{self, CardStatus, InspectionResult, Step};
use madoguchi_domain::text_file::TextEncoding;
use madoguchi_domain::width::trim_text;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::Conflict;
use madoguchi_persistence::ledger_cards::{self, BulkCard, CardEdit, LedgerCard};
use madoguchi_persistence::{PersistenceError, database, ledger_storage};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{LedgerDesk, Staff};
use crate::dto::ledger::{CardFilterBody, CardQuery, LedgerCardDetails};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::ledger::{details, filter};
use crate::spreadsheet::{ExportEncoding, ExportFormat, Table};
use crate::state::AppState;
use madoguchi_domain::ids::CardId;

/// How many cards one bulk action may touch: a week's delivery at a big city.
const BULK_LIMIT: u64 = 20_000;

/// The cards a bulk action is for: those chosen, or every card that matches.
struct Selection {
    ids: Option<Vec<Uuid>>,
    filter: Option<CardFilterBody>,
}

async fn selected(state: &AppState, staff: &Staff<LedgerDesk>, selection: &Selection) -> ApiResult<Vec<LedgerCard>> {
    match (&selection.ids, &selection.filter) {
        (Some(ids), None) if !ids.is_empty() => {
            if ids.len() as u64 > BULK_LIMIT {
                return Err(ApiError::invalid(FieldError::new(
                    "ids",
                    "ledger.too_many",
                    format!("at most {BULK_LIMIT} cards at once"),
                )));
            }
            let cards = ledger_cards::by_ids(&state.db, &staff.scope, &state.vault(&staff.scope).await?, ids).await?;
            if cards.len() != ids.len() {
                return Err(ApiError::invalid(FieldError::new(
                    "ids",
                    ProblemCode::LedgerCardNotFound.as_str(),
                    "some of the chosen cards are not in the ledger",
                )));
            }
            Ok(cards)
        }
        (None, Some(body)) => {
            let filter = filter(body).map_err(|e| {
                ApiError::invalid(FieldErrors(
                    e.0.into_iter().map(|e| FieldError { field: format!("filter.{}", e.field), ..e }).collect(),
                ))
            })?;
            let cards =
                ledger_cards::matching(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &filter, BULK_LIMIT)
                    .await?;
            if cards.len() as u64 > BULK_LIMIT {
                return Err(ApiError::invalid(FieldError::new(
                    "filter",
                    "ledger.too_many",
                    format!("more than {BULK_LIMIT} cards match: narrow the search"),
                )));
            }
            if cards.is_empty() {
                return Err(ApiError::invalid(FieldError::new("filter", "ledger.nothing_matches", "no card matches")));
            }
            Ok(cards)
        }
        _ => Err(ApiError::invalid(FieldError::new(
            "ids",
            "ledger.selection",
            "send either `ids` (at least one) or `filter`",
        ))),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkStepRequest {
    /// `inspect` (検品日), `send_notice` (交付通知書発送日) or `hand_over` (交付日).
    #[schema(pattern = "^(inspect|send_notice|hand_over)$")]
    pub step: String,
    /// With `inspect`: `ok` unless said otherwise.
    #[schema(pattern = "^(ok|moved_out|deceased|defect|other)$")]
    pub inspection_result: Option<String>,
    pub on_date: NaiveDate,
    /// The chosen cards…
    pub ids: Option<Vec<Uuid>>,
    /// …or every card that matches.
    pub filter: Option<CardFilterBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BulkStepResult {
    /// Cards moved to the step's state, with the date.
    pub moved: usize,
    /// Cards there already, whose date was corrected.
    pub corrected: usize,
}

/// Sets 検品日, 交付通知書発送日 or 交付日 on many cards, moving each along (LED-07): all
/// of them in one transaction, or — when one card cannot take the step — none, with
/// every such card named (`cards.<management number>`). A card already there has its
/// date corrected.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    request_body = BulkStepRequest,
    responses(
        (status = 200, body = BulkStepResult),
        (status = 409, description = "`ledger.invalid_transition` naming each card, `ledger.changed_meanwhile`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/ledger/cards/bulk-steps")]
pub async fn bulk_steps(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    body: ValidJson<BulkStepRequest>,
) -> ApiResult<web::Json<BulkStepResult>> {
    let body = body.0;
    let result = match body.inspection_result.as_deref() {
        None => Some(InspectionResult::Ok),
        Some(r) => InspectionResult::parse(r),
    };
    let step = match (body.step.as_str(), result) {
        ("inspect", Some(result)) => Step::Inspect(result),
        ("inspect", None) => {
            return Err(ApiError::invalid(FieldError::new(
                "inspection_result",
                "ledger.unknown_inspection_result",
                "ok, moved_out, deceased, defect or other",
            )));
        }
        ("send_notice", _) => Step::SendNotice,
        ("hand_over", _) => Step::HandOver,
        (other, _) => {
            return Err(ApiError::invalid(FieldError::new(
                "step",
                "ledger.unknown_step",
                format!("`{other}`: inspect, send_notice or hand_over"),
            )));
        }
    };
    let cards = selected(&state, &staff, &Selection { ids: body.ids, filter: body.filter }).await?;
    let there = match step {
        Step::Inspect(_) => CardStatus::Inspected,
        Step::SendNotice => CardStatus::NoticeSent,
        _ => CardStatus::HandedOver,
    };
    let mut refused = Vec::new();
    let mut plan = Vec::with_capacity(cards.len());
    for card in &cards {
        let from = card.status;
        if from == there {
            plan.push((card, from, None));
            continue;
        }
        match status::next(from, card.inspection(), step) {
            Ok(to) => plan.push((card, from, Some(to))),
            Err(e) => refused.push(FieldError::new(
                format!("cards.{}", card.management_number),
                ProblemCode::LedgerInvalidTransition.as_str(),
                e.to_string(),
            )),
        }
    }
    if !refused.is_empty() {
        return Err(ApiError::ConflictItems {
            code: ProblemCode::LedgerInvalidTransition,
            detail: format!("{} of {} cards cannot take this step; nothing was changed", refused.len(), cards.len()),
            errors: refused,
        });
    }
    let now = state.clock.now();
    let actor = staff.user.login_id.as_str();
    let batch: Vec<BulkCard> = plan
        .iter()
        .map(|(card, from, to)| BulkCard { id: card.id.0, version: card.version, from: *from, to: *to })
        .collect();
    let moved = batch.iter().filter(|c| c.to.is_some()).count();
    let corrected = batch.len() - moved;
    let vault = state.vault(&staff.scope).await?;
    let txn = database::begin_write(&state.db).await?;
    ledger_cards::bulk_step(&txn, &staff.scope, &vault, &batch, step, body.on_date, actor, now).await.map_err(|e| {
        match e {
            PersistenceError::Conflict(code) => ApiError::conflict(
                ProblemCode::from(code),
                "a card was changed by someone else meanwhile; nothing was changed: search again and retry",
            ),
            other => other.into(),
        }
    })?;
    staff
        .audit(
            &txn,
            &state,
            "ledger.bulk_step",
            "ledger_card",
            None,
            json!({ "step": step.as_str(), "on": body.on_date, "moved": moved, "corrected": corrected }),
        )
        .await?;
    txn.commit().await?;
    Ok(web::Json(BulkStepResult { moved, corrected }))
}

/// The columns an export can carry, in the ledger's order, with their headers.
const EXPORT_COLUMNS: [(&str, &str); 38] = [
    ("management_number", "製造管理番号"),
    ("application_id", "申請書ID"),
    ("shipment_number", "発送番号"),
    ("name", "氏名"),
    ("name_kana", "氏名カナ"),
    ("birth_date", "生年月日"),
    ("sex", "性別"),
    ("postal_code", "郵便番号"),
    ("address", "住所"),
    ("visit_method", "交付方式"),
    ("kind", "種別"),
    ("signing_certificate", "署名用電子証明書"),
    ("user_certificate", "利用者証明用電子証明書"),
    ("card_expires_on", "カード有効期限"),
    ("certificate_expires_on", "電子証明書有効期限"),
    ("status", "状態"),
    ("inspected_on", "検品日"),
    ("inspection_result", "検品結果"),
    ("set_up_on", "交付前設定日"),
    ("notice_sent_on", "交付通知書発送日"),
    ("notice_returned_on", "交付通知書返戻日"),
    ("handed_over_on", "交付日"),
    ("reminder_sent_on", "交付督促発送日"),
    ("cancelled_on", "交付取りやめ日"),
    ("cancel_reason", "交付取りやめ理由"),
    ("reissue_processed_on", "再発行処理日"),
    ("reissuable", "再交付可否"),
    ("reissue_reason", "再交付理由"),
    ("abolished_on", "廃止日"),
    ("abolish_reason", "廃止理由"),
    ("disposed_on", "廃棄日"),
    ("dispose_reason", "廃棄理由"),
    ("notes", "備考"),
    ("handover_notes", "申し送り事項"),
    ("storage_location", "保管場所"),
    ("renewal_check", "更新対象照合"),
    ("registered_at", "登録日時"),
    ("id", "ID"),
];

/// A card's state as the clerks say it.
fn cell(card: &LedgerCard, column: &str) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let flag = |b: bool| if b { "1" } else { "0" }.to_owned();
    match column {
        "management_number" => card.management_number.clone(),
        "application_id" => text(&card.application_id),
        "shipment_number" => text(&card.shipment_number),
        "name" => text(&card.name),
        "name_kana" => text(&card.name_kana),
        "birth_date" => date(card.birth_date),
        "sex" => text(&card.sex),
        "postal_code" => text(&card.postal_code),
        "address" => text(&card.address),
        "visit_method" => match card.visit_method.as_deref() {
            Some("at_issuance") => "交付時来庁".to_owned(),
            Some("at_application") => "申請時来庁".to_owned(),
            _ => String::new(),
        },
        "kind" => match card.kind.as_deref() {
            Some("new") => "新規".to_owned(),
            Some("renewal") => "更新".to_owned(),
            Some("reissue") => "再交付".to_owned(),
            _ => String::new(),
        },
        "signing_certificate" => flag(card.signing_certificate),
        "user_certificate" => flag(card.user_certificate),
        "card_expires_on" => date(card.card_expires_on),
        "certificate_expires_on" => date(card.certificate_expires_on),
        "status" => card.status.label().to_owned(),
        "inspected_on" => date(card.inspected_on),
        "inspection_result" => text(&card.inspection_result),
        "set_up_on" => date(card.set_up_on),
        "notice_sent_on" => date(card.notice_sent_on),
        "notice_returned_on" => date(card.notice_returned_on),
        "handed_over_on" => date(card.handed_over_on),
        "reminder_sent_on" => date(card.reminder_sent_on),
        "cancelled_on" => date(card.cancelled_on),
        "cancel_reason" => card.cancel_reason.clone(),
        "reissue_processed_on" => date(card.reissue_processed_on),
        "reissuable" => card.reissuable.map(|b| if b { "可" } else { "否" }.to_owned()).unwrap_or_default(),
        "reissue_reason" => card.reissue_reason.clone(),
        "abolished_on" => date(card.abolished_on),
        "abolish_reason" => card.abolish_reason.clone(),
        "disposed_on" => date(card.disposed_on),
        "dispose_reason" => card.dispose_reason.clone(),
        "notes" => card.notes.clone(),
        "handover_notes" => card.handover_notes.clone(),
        "storage_location" => card.storage_location.clone(),
        "renewal_check" => text(&card.renewal_check),
        "registered_at" => card.registered_at.format("%Y/%m/%d %H:%M").to_string(),
        "id" => card.id.to_string(),
        _ => String::new(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportOptions {
    /// Comma-separated column keys in the wanted order (every column when absent):
    /// `management_number,name,birth_date,status,…`.
    #[param(
        pattern = "^((management_number|application_id|shipment_number|name|name_kana|birth_date|sex|postal_code|address|visit_method|kind|signing_certificate|user_certificate|card_expires_on|certificate_expires_on|status|inspected_on|inspection_result|set_up_on|notice_sent_on|notice_returned_on|handed_over_on|reminder_sent_on|cancelled_on|cancel_reason|reissue_processed_on|reissuable|reissue_reason|abolished_on|abolish_reason|disposed_on|dispose_reason|notes|handover_notes|storage_location|renewal_check|registered_at|id)(,(management_number|application_id|shipment_number|name|name_kana|birth_date|sex|postal_code|address|visit_method|kind|signing_certificate|user_certificate|card_expires_on|certificate_expires_on|status|inspected_on|inspection_result|set_up_on|notice_sent_on|notice_returned_on|handed_over_on|reminder_sent_on|cancelled_on|cancel_reason|reissue_processed_on|reissuable|reissue_reason|abolished_on|abolish_reason|disposed_on|dispose_reason|notes|handover_notes|storage_location|renewal_check|registered_at|id))*)?$"
    )]
    pub columns: Option<String>,
    /// `cp932` (default) or `utf-8`.
    #[serde(default)]
    pub encoding: ExportEncoding,
    /// `csv` (default) or `xlsx` (at most 1,048,575 cards, Excel's limit).
    #[serde(default)]
    pub format: ExportFormat,
}

/// The matching cards with the chosen columns (LED-06): CSV, CP932 by default, or XLSX.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(CardQuery, ExportOptions),
    responses((status = 200, description = "CSV in the chosen encoding, or the workbook", content((String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/ledger/cards/export")]
pub async fn export_cards(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    query: web::Query<CardQuery>,
    options: web::Query<ExportOptions>,
) -> ApiResult<HttpResponse> {
    let filter = filter(&CardFilterBody::from(&*query)).map_err(ApiError::invalid)?;
    let columns: Vec<&(&str, &str)> = match options.columns.as_deref().map(trim_text).filter(|c| !c.is_empty()) {
        None => EXPORT_COLUMNS.iter().collect(),
        Some(list) => {
            let mut errors = FieldErrors::new();
            let chosen: Vec<_> = list
                .split(',')
                .map(str::trim)
                .filter_map(|key| {
                    let found = EXPORT_COLUMNS.iter().find(|(k, _)| *k == key);
                    if found.is_none() {
                        errors.push(FieldError::new(
                            "columns",
                            "ledger.unknown_column",
                            format!("unknown column `{key}`"),
                        ));
                    }
                    found
                })
                .collect();
            errors.into_result().map_err(ApiError::invalid)?;
            chosen
        }
    };
    let count = ledger_cards::count(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &filter).await?;
    if options.format == ExportFormat::Xlsx && count > XLSX_EXPORT_LIMIT {
        return Err(ApiError::invalid(FieldError::new(
            "format",
            "export.too_large_for_xlsx",
            format!(
                "{count} cards are more than a workbook takes here ({XLSX_EXPORT_LIMIT}); narrow the search or download CSV"
            ),
        )));
    }
    let charset = TextEncoding::from(options.encoding).charset();
    let keys: Vec<&'static str> = columns.iter().map(|(k, _)| *k).collect();
    staff
        .audit(
            &state.db,
            &state,
            "ledger.export",
            "ledger_card",
            None,
            json!({ "count": count, "columns": keys, "format": options.format, "encoding": charset }),
        )
        .await?;
    let headers = columns.iter().map(|(_, header)| *header);
    if options.format == ExportFormat::Csv {
        let headers = headers.map(str::to_owned).collect();
        let pages = card_pages(state.db.clone(), staff.scope, state.vault(&staff.scope).await?, filter, keys);
        return Ok(crate::spreadsheet::streamed_csv(headers, options.encoding, "card_ledger", pages));
    }
    let mut table = Table::new("カード管理簿", headers);
    let vault = state.vault(&staff.scope).await?;
    let mut after: Option<uuid::Uuid> = None;
    loop {
        let page = ledger_cards::page_after(&state.db, &staff.scope, &vault, &filter, after, EXPORT_PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.0);
        for card in &page {
            table.push(keys.iter().map(|key| cell(card, key)));
        }
    }
    table.download(options.format, options.encoding, "card_ledger")
}

/// Cards fetched for a download per query.
const EXPORT_PAGE: u64 = 2_000;

/// The most cards a workbook is built for: it is built in memory, a CSV is not.
const XLSX_EXPORT_LIMIT: u64 = 100_000;

/// The export's rows, a page of cards at a time, walking the ledger in the order the
/// cards were registered.
fn card_pages(
    db: madoguchi_persistence::DatabaseConnection,
    scope: madoguchi_persistence::TenantScope,
    vault: madoguchi_vault::TenantVault,
    filter: ledger_cards::CardFilter,
    keys: Vec<&'static str>,
) -> impl futures_util::Stream<Item = ApiResult<Vec<Vec<String>>>> + 'static {
    futures_util::stream::unfold(Some(None::<uuid::Uuid>), move |after| {
        let (db, vault, filter, keys) = (db.clone(), vault.clone(), filter.clone(), keys.clone());
        async move {
            let after = after?;
            match ledger_cards::page_after(&db, &scope, &vault, &filter, after, EXPORT_PAGE).await {
                Err(error) => Some((Err(ApiError::from(error)), None)),
                Ok(page) => {
                    let next = Some(Some(page.last()?.id.0));
                    let rows = page.iter().map(|card| keys.iter().map(|key| cell(card, key)).collect()).collect();
                    Some((Ok(rows), next))
                }
            }
        }
    })
}

/// A clerk's edit of one card: only the fields sent change. Dates of steps change with
/// the steps, and the status never by hand.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardEditRequest {
    pub version: i32,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$")]
    pub name_kana: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    /// Seven digits (`123-4567`); blank or `null` clears it.
    #[schema(value_type = Option<String>, pattern = "^([0-9]{3}-?[0-9]{4})?$")]
    pub postal_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub card_expires_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub certificate_expires_on: Option<Option<NaiveDate>>,
    /// 交付督促発送日
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub reminder_sent_on: Option<Option<NaiveDate>>,
    /// 再交付可否
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<bool>)]
    pub reissuable: Option<Option<bool>>,
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reissue_reason: Option<String>,
    /// 備考
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub notes: Option<String>,
    /// 申し送り事項
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,998}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub handover_notes: Option<String>,
    /// A storage location's name (`GET /ledger/storage-locations`); blank for none.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,48}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub storage_location: Option<String>,
}

/// `null` (clear the field) told apart from absent (leave it).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

fn bounded(field: &str, value: Option<&str>, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let value = value.map(|v| trim_text(v).to_owned())?;
    if value.chars().count() > max || value.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError::new(field, "validation.too_long", format!("at most {max} characters")));
    }
    Some(value)
}

/// Edits a card's details, notes and storage; a stale version answers 409
/// `ledger.changed_meanwhile`.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CardEditRequest,
    responses(
        (status = 200, body = LedgerCardDetails),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`ledger.changed_meanwhile`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/ledger/cards/{id}")]
pub async fn edit_card(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    body: ValidJson<CardEditRequest>,
) -> ApiResult<web::Json<LedgerCardDetails>> {
    let body = body.0;
    let mut errors = FieldErrors::new();
    let optional = |field: &str, value: &Option<Option<String>>, max: usize, errors: &mut FieldErrors| {
        value.as_ref().map(|v| bounded(field, v.as_deref(), max, errors).filter(|v| !v.is_empty()))
    };
    let postal_code = body.postal_code.as_ref().map(|v| {
        v.as_deref().map(trim_text).filter(|v| !v.is_empty()).and_then(|v| {
            let digits: String =
                madoguchi_domain::width::fold_to_ascii(v).chars().filter(char::is_ascii_digit).collect();
            if digits.len() == 7 {
                Some(format!("{}-{}", &digits[..3], &digits[3..]))
            } else {
                errors.push(FieldError::new("postal_code", "postal_code.invalid", "seven digits"));
                None
            }
        })
    });
    let storage_location = bounded("storage_location", body.storage_location.as_deref(), 50, &mut errors);
    if let Some(location) = storage_location.as_deref().filter(|l| !l.is_empty())
        && !ledger_storage::exists(&state.db, &staff.scope, location).await?
    {
        errors.push(FieldError::new(
            "storage_location",
            "ledger.unknown_storage",
            format!("no storage location 「{location}」"),
        ));
    }
    let edit = CardEdit {
        name: optional("name", &body.name, 100, &mut errors),
        name_kana: optional("name_kana", &body.name_kana, 100, &mut errors),
        address: optional("address", &body.address, 200, &mut errors),
        postal_code,
        card_expires_on: body.card_expires_on,
        certificate_expires_on: body.certificate_expires_on,
        reminder_sent_on: body.reminder_sent_on,
        reissuable: body.reissuable,
        reissue_reason: bounded("reissue_reason", body.reissue_reason.as_deref(), 200, &mut errors),
        notes: bounded("notes", body.notes.as_deref(), 1000, &mut errors),
        handover_notes: bounded("handover_notes", body.handover_notes.as_deref(), 1000, &mut errors),
        storage_location,
    };
    if edit.fields().is_empty() {
        errors.push(FieldError::new("version", "ledger.nothing_to_change", "send at least one field to change"));
    }
    errors.into_result().map_err(ApiError::invalid)?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    ledger_cards::find(&txn, &staff.scope, &state.vault(&staff.scope).await?, CardId(*id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerCardNotFound))?;
    ledger_cards::edit(
        &txn,
        &staff.scope,
        &state.vault(&staff.scope).await?,
        *id,
        body.version,
        &edit,
        staff.user.login_id.as_str(),
        now,
    )
    .await
    .map_err(|e| match e {
        PersistenceError::Conflict(code) => {
            ApiError::conflict(ProblemCode::from(code), "the card was changed meanwhile: reload it")
        }
        other => other.into(),
    })?;
    staff
        .audit(&txn, &state, "ledger.edit", "ledger_card", Some(id.to_string()), json!({ "fields": edit.fields() }))
        .await?;
    txn.commit().await?;
    Ok(web::Json(details(&state, &staff, *id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardDeleteRequest {
    pub version: i32,
    /// Why the card leaves the ledger (kept in the audit log with the card as it was):
    /// at most 200 characters, not only spaces.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000](?:[\s\S]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub reason: String,
}

/// Deletes a card registered by mistake; the audit log keeps it with the reason. A card
/// a booking holds cannot be deleted (409 `ledger.card_booked`).
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = CardDeleteRequest,
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`ledger.changed_meanwhile`, `ledger.card_booked`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/ledger/cards/{id}")]
pub async fn delete_card(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
    body: ValidJson<CardDeleteRequest>,
) -> ApiResult<HttpResponse> {
    let reason = trim_text(&body.0.reason).to_owned();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApiError::invalid(FieldError::new(
            "reason",
            "validation.required",
            "say why, in at most 200 characters",
        )));
    }
    let txn = database::begin_write(&state.db).await?;
    let card = ledger_cards::find(&txn, &staff.scope, &state.vault(&staff.scope).await?, CardId(*id))
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerCardNotFound))?;
    ledger_cards::delete(&txn, &staff.scope, &state.vault(&staff.scope).await?, &card, body.0.version).await.map_err(
        |e| match e {
            PersistenceError::Conflict(Conflict::CardBooked) => {
                ApiError::conflict(ProblemCode::LedgerCardBooked, "a booking holds the card: cancel the booking first")
            }
            PersistenceError::Conflict(code) => {
                ApiError::conflict(ProblemCode::from(code), "the card was changed meanwhile: reload it")
            }
            other => other.into(),
        },
    )?;
    let snapshot = json!({ "reason": reason, "management_number": card.management_number, "status": card.status.as_str(), "source": card.source });
    staff.audit(&txn, &state, "ledger.delete", "ledger_card", Some(id.to_string()), snapshot).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StorageLocationView {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Cards lying there now.
    pub cards: u64,
}

impl From<ledger_storage::StorageLocation> for StorageLocationView {
    fn from(l: ledger_storage::StorageLocation) -> Self {
        Self { id: l.id, name: l.name, description: l.description, cards: l.cards }
    }
}

/// Boxes and shelves, each with its number of cards (the cards: search by
/// `storage_location`).
#[utoipa::path(tag = "ledger", security(("bearer" = [])), responses((status = 200, body = [StorageLocationView])))]
#[get("/ledger/storage-locations")]
pub async fn list_storage(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
) -> ApiResult<web::Json<Vec<StorageLocationView>>> {
    Ok(web::Json(
        ledger_storage::all(&state.db, &staff.scope).await?.into_iter().map(StorageLocationView::from).collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageLocationRequest {
    /// `箱A-01`, `書庫2段目`…; unique; 1 to 50 characters, no control characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,48}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub name: String,
    /// Up to 200 characters.
    #[serde(default)]
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F](?:[^\u0000-\u0009\u000B-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0009\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub description: String,
}

#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    request_body = StorageLocationRequest,
    responses((status = 201, body = StorageLocationView), (status = 409, description = "`ledger.storage_exists`", body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/storage-locations")]
pub async fn create_storage(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    body: ValidJson<StorageLocationRequest>,
) -> ApiResult<HttpResponse> {
    let mut errors = FieldErrors::new();
    let name = trim_text(&body.0.name).to_owned();
    if name.is_empty() || name.chars().count() > 50 || name.chars().any(char::is_control) {
        errors.push(FieldError::new("name", "validation.length", "1 to 50 characters"));
    }
    let description = bounded("description", Some(&body.0.description), 200, &mut errors).unwrap_or_default();
    errors.into_result().map_err(ApiError::invalid)?;
    let txn = database::begin_write(&state.db).await?;
    let id =
        ledger_storage::create(&txn, &staff.scope, &name, &description, state.clock.now()).await.map_err(
            |e| match e {
                PersistenceError::Conflict(code) => {
                    ApiError::conflict(ProblemCode::from(code), format!("「{name}」 exists already"))
                }
                other => other.into(),
            },
        )?;
    staff
        .audit(
            &txn,
            &state,
            "ledger.storage_create",
            "ledger_storage_location",
            Some(id.to_string()),
            json!({ "name": name }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(StorageLocationView { id, name, description, cards: 0 }))
}

/// Removes an empty storage location (409 `ledger.storage_not_empty` otherwise).
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 204, description = "Removed"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, description = "`ledger.storage_not_empty`", body = Problem, content_type = "application/problem+json"))
)]
#[delete("/ledger/storage-locations/{id}")]
pub async fn delete_storage(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let txn = database::begin_write(&state.db).await?;
    let location = ledger_storage::find(&txn, &staff.scope, *id)
        .await?
        .ok_or(ApiError::NotFound(ProblemCode::LedgerStorageNotFound))?;
    ledger_storage::delete(&txn, &staff.scope, &location).await.map_err(|e| match e {
        PersistenceError::Conflict(code) => ApiError::conflict(
            ProblemCode::from(code),
            format!("{} cards lie in 「{}」: move them first", location.cards, location.name),
        ),
        other => other.into(),
    })?;
    staff
        .audit(
            &txn,
            &state,
            "ledger.storage_delete",
            "ledger_storage_location",
            Some(id.to_string()),
            json!({ "name": location.name }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// A storage location's name, or empty to take the cards out of storage.
    #[schema(max_length = 50)]
    pub storage_location: String,
    /// The chosen cards…
    pub ids: Option<Vec<Uuid>>,
    /// …or every card that matches.
    pub filter: Option<CardFilterBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MoveResult {
    pub moved: u64,
}

/// Puts the chosen (or matching) cards into a storage location.
#[utoipa::path(
    tag = "ledger",
    security(("bearer" = [])),
    request_body = MoveRequest,
    responses((status = 200, body = MoveResult), (status = 422, description = "`ledger.unknown_storage`…", body = Problem, content_type = "application/problem+json"))
)]
#[post("/ledger/cards/move")]
pub async fn move_cards(
    state: web::Data<AppState>,
    staff: Staff<LedgerDesk>,
    body: ValidJson<MoveRequest>,
) -> ApiResult<web::Json<MoveResult>> {
    let body = body.0;
    let location = trim_text(&body.storage_location).to_owned();
    if !location.is_empty() && !ledger_storage::exists(&state.db, &staff.scope, &location).await? {
        return Err(ApiError::invalid(FieldError::new(
            "storage_location",
            "ledger.unknown_storage",
            format!("no storage location 「{location}」"),
        )));
    }
    let cards = selected(&state, &staff, &Selection { ids: body.ids, filter: body.filter }).await?;
    let ids: Vec<Uuid> = cards.iter().map(|c| c.id.0).collect();
    let vault = state.vault(&staff.scope).await?;
    let txn = database::begin_write(&state.db).await?;
    let moved = ledger_cards::move_to(
        &txn,
        &staff.scope,
        &vault,
        &ids,
        &location,
        staff.user.login_id.as_str(),
        state.clock.now(),
    )
    .await?;
    staff.audit(&txn, &state, "ledger.move", "ledger_card", None, json!({ "to": location, "cards": moved })).await?;
    txn.commit().await?;
    Ok(web::Json(MoveResult { moved }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_column_has_a_cell() {
        let known: std::collections::HashSet<&str> = EXPORT_COLUMNS.iter().map(|(k, _)| *k).collect();
        assert_eq!(known.len(), EXPORT_COLUMNS.len(), "no column twice");
        assert_eq!(madoguchi_domain::ledger::status::CardStatus::HandedOver.label(), "交付済");
    }
}
