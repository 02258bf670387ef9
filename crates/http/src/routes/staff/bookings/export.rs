//! The bookings matching a search as CSV (CP932 by default) or XLSX, one line per applicant.

use actix_web::{HttpResponse, get, web};
use madoguchi_domain::FieldError;
use madoguchi_domain::text_file::TextEncoding;
use madoguchi_persistence::booking_desk::{self};
use madoguchi_persistence::{locations, procedures};
use serde_json::json;
use uuid::Uuid;

use crate::auth::{Exporter, Staff};
use crate::dto::booking_desk::{BookingQuery, filter_of, query_detail};
use crate::problem::{ApiError, ApiResult, Problem};
use crate::spreadsheet::Table;
use crate::state::AppState;
use madoguchi_domain::time::tokyo;

const EXPORT_COLUMNS: [&str; 19] = [
    "受付番号",
    "日付",
    "開始",
    "終了",
    "場所",
    "手続",
    "人数",
    "状態",
    "申請者",
    "氏名",
    "フリガナ",
    "生年月日",
    "管理番号",
    "電話番号",
    "メールアドレス",
    "備考",
    "通知書なし",
    "来庁時刻",
    "登録者",
];

/// The bookings matching the filters, one line per applicant: CSV (CP932 by default) or,
/// with `format=xlsx`, an Excel workbook of text cells. Every duty but the read-only
/// `viewer` may export.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(BookingQuery),
    responses((status = 200, description = "CSV in the chosen encoding, or the workbook", content((String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 403, description = "`auth.forbidden`: the read-only `viewer` does not export", body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/export")]
pub async fn export_bookings(
    state: web::Data<AppState>,
    staff: Staff<Exporter>,
    query: web::Query<BookingQuery>,
) -> ApiResult<HttpResponse> {
    const MAX_EXPORT: u64 = 20_000;
    // The search's paging means nothing to an export, but a value out of its range is
    // refused here as the search refuses it: one query, one set of rules.
    crate::params::Paging::parse(query.page, query.per_page)?;
    let filter = filter_of(&query)?;
    let (found, total) =
        booking_desk::search(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &filter, 0, MAX_EXPORT)
            .await?;
    if total > MAX_EXPORT {
        return Err(ApiError::invalid(FieldError::new(
            "to",
            "booking.export_too_large",
            format!("{total} bookings match; narrow the search to {MAX_EXPORT} or fewer"),
        )));
    }
    let place_names: std::collections::HashMap<Uuid, String> =
        locations::list(&state.db, &staff.scope, false).await?.into_iter().map(|l| (l.id.0, l.name)).collect();
    let procedure_names: std::collections::HashMap<Uuid, String> =
        procedures::list(&state.db, &staff.scope, false).await?.into_iter().map(|p| (p.id.0, p.name)).collect();
    let mut table = Table::new("予約", EXPORT_COLUMNS);
    for details in &found {
        let b = &details.booking;
        let start = b.start.with_timezone(&tokyo());
        let count = details.applicants.len().max(1);
        for index in 0..count {
            let applicant = details.applicants.get(index);
            let text = |value: Option<&String>| value.cloned().unwrap_or_default();
            let row = [
                b.reception_number.to_string(),
                start.format("%Y-%m-%d").to_string(),
                start.format("%H:%M").to_string(),
                b.end.with_timezone(&tokyo()).format("%H:%M").to_string(),
                place_names.get(&b.location.0).cloned().unwrap_or_default(),
                procedure_names.get(&b.procedure.0).cloned().unwrap_or_default(),
                b.places.to_string(),
                b.status.label().to_owned(),
                format!("{}/{count}", index + 1),
                text(applicant.and_then(|a| a.name.as_ref())),
                text(applicant.and_then(|a| a.name_kana.as_ref())),
                applicant.and_then(|a| a.birth_date).map(|d| d.to_string()).unwrap_or_default(),
                text(applicant.and_then(|a| a.management_number.as_ref())),
                text(details.phone.as_ref()),
                text(details.email.as_ref()),
                details.notes.clone(),
                if details.without_letter { "1" } else { "" }.to_owned(),
                details
                    .checked_in_at
                    .map(|t| t.with_timezone(&tokyo()).format("%H:%M").to_string())
                    .unwrap_or_default(),
                details.created_by.clone(),
            ];
            table.push(row);
        }
    }
    let encoding = query.encoding.unwrap_or_default();
    let format = query.format.unwrap_or_default();
    staff
        .audit(
            &state.db,
            &state,
            "booking.export",
            "booking",
            None,
            json!({
                "query": query_detail(&query),
                "count": found.len(),
                "format": format,
                "encoding": TextEncoding::from(encoding).charset()
            }),
        )
        .await?;
    table.download(format, encoding, "bookings")
}
