//! The day's bookings at a location as an A4 sheet to print (帳票).

use actix_web::{HttpResponse, get, web};
use madoguchi_domain::ids::LocationId;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::booking_desk::{self, BookingFilter};
use madoguchi_persistence::{locations, procedures, tenants};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::{AnyStaff, Staff};
use crate::params::{self};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;
use madoguchi_domain::booking_status::BookingStatus;
use madoguchi_domain::time::{day_end, day_start, japan_date, tokyo};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DaySheetQuery {
    /// `YYYY-MM-DD`; today when absent.
    #[param(value_type = Option<crate::params::DateText>)]
    pub date: Option<String>,
    #[param(required = true)]
    pub location_id: Option<Uuid>,
}

/// Text for HTML: every character that could open markup is escaped.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            other => out.push(other),
        }
    }
    out
}

const DAY_SHEET_STYLE: &str = "@page{size:A4 portrait;margin:12mm 10mm}body{font-family:'Noto Sans CJK JP','Yu Gothic','Meiryo',sans-serif;font-size:9.5pt;color:#000;margin:0}\
h1{font-size:14pt;margin:0 0 2mm}p.meta{margin:0 0 4mm;font-size:9pt}table{width:100%;border-collapse:collapse;table-layout:fixed}\
th,td{border:0.3mm solid #000;padding:1.2mm 1.5mm;vertical-align:top;word-break:break-all}th{background:#eee;font-weight:bold;text-align:left;white-space:nowrap}\
thead{display:table-header-group}tr{page-break-inside:avoid}.c{text-align:center}.n{white-space:nowrap}.cancelled td{color:#666;text-decoration:line-through}\
col.t{width:13%}col.r{width:12%}col.p{width:18%}col.b{width:11%}col.k{width:12%}col.x{width:6%}col.s{width:12%}col.m{width:10%}@media screen{body{margin:8mm}}";

/// The day's bookings at a location as an A4 page to print (帳票): time, reception
/// number, names, procedure, people, phone, notes and a column to tick.
#[utoipa::path(
    tag = "bookings",
    security(("bearer" = [])),
    params(DaySheetQuery),
    responses((status = 200, description = "An HTML page laid out for A4", content_type = "text/html", body = String), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[get("/bookings/day-sheet")]
pub async fn day_sheet(
    state: web::Data<AppState>,
    staff: Staff<AnyStaff>,
    query: web::Query<DaySheetQuery>,
) -> ApiResult<HttpResponse> {
    let scope = staff.scope;
    let now = state.clock.now();
    let mut errors = FieldErrors::new();
    let date = params::date("date", query.date.as_deref(), &mut errors).unwrap_or(japan_date(now));
    if query.location_id.is_none() {
        errors.push(FieldError::new("location_id", "validation.required", "choose a location"));
    }
    errors.into_result()?;
    let location_id = query.location_id.unwrap_or_default();
    let location = locations::list(&state.db, &scope, false)
        .await?
        .into_iter()
        .find(|l| l.id.0 == location_id)
        .ok_or(ApiError::NotFound(ProblemCode::LocationNotFound))?;
    let procedure_names: std::collections::HashMap<Uuid, String> =
        procedures::list(&state.db, &scope, false).await?.into_iter().map(|p| (p.id.0, p.name)).collect();
    let tenant = tenants::get(&state.db, &scope).await?;
    let filter = BookingFilter {
        from: Some(day_start(date)),
        until: Some(day_end(date)),
        location: Some(LocationId(location_id)),
        ..BookingFilter::default()
    };
    let (found, _) = booking_desk::search(&state.db, &scope, &state.vault(&scope).await?, &filter, 0, 2000).await?;
    let active =
        found.iter().filter(|d| d.booking.status.takes_places()).map(|d| u32::from(d.booking.places)).sum::<u32>();
    let weekday = ["月", "火", "水", "木", "金", "土", "日"]
        [date.format("%u").to_string().parse::<usize>().unwrap_or(1).saturating_sub(1) % 7];
    let mut rows = String::new();
    for details in &found {
        let b = &details.booking;
        let names = details
            .applicants
            .iter()
            .map(|a| {
                let name = a.name.as_deref().unwrap_or("（氏名なし）");
                match &a.name_kana {
                    Some(kana) => format!("{}<br><small>{}</small>", escape_html(name), escape_html(kana)),
                    None => escape_html(name),
                }
            })
            .collect::<Vec<_>>()
            .join("<br>");
        let births = details
            .applicants
            .iter()
            .map(|a| a.birth_date.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("<br>");
        let mut notes = escape_html(&details.notes);
        if details.without_letter {
            notes = format!("通知書なし<br>{notes}");
        }
        rows.push_str(&format!(
            "<tr class=\"{class}\"><td class=\"n\">{start}〜{end}</td><td class=\"n\">{number}</td><td>{names}</td><td class=\"n\">{births}</td><td>{procedure}</td><td class=\"c\">{places}</td><td class=\"n\">{phone}</td><td>{notes}</td><td class=\"c\">{mark}</td></tr>",
            class = b.status.as_str(),
            start = b.start.with_timezone(&tokyo()).format("%H:%M"),
            end = b.end.with_timezone(&tokyo()).format("%H:%M"),
            number = b.reception_number,
            procedure = escape_html(procedure_names.get(&b.procedure.0).map_or("", String::as_str)),
            places = b.places,
            phone = escape_html(details.phone.as_deref().unwrap_or("")),
            mark = match b.status {
                BookingStatus::Visited => "済",
                BookingStatus::NoShow => "欠",
                BookingStatus::Cancelled => "取消",
                BookingStatus::Booked => "□",
            },
        ));
    }
    if found.is_empty() {
        rows.push_str("<tr><td colspan=\"9\" class=\"c\">この日の予約はありません</td></tr>");
    }
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{DAY_SHEET_STYLE}</style></head><body>\
<h1>{title}</h1><p class=\"meta\">{municipality}　予約 {count}件・{active}名　印刷 {printed}</p>\
<table><colgroup><col class=\"t\"><col class=\"r\"><col class=\"p\"><col class=\"b\"><col class=\"k\"><col class=\"x\"><col class=\"s\"><col class=\"m\"><col class=\"x\"></colgroup>\
<thead><tr><th>時間</th><th>受付番号</th><th>氏名</th><th>生年月日</th><th>手続</th><th>人数</th><th>電話</th><th>備考</th><th>確認</th></tr></thead><tbody>{rows}</tbody></table></body></html>",
        title = escape_html(&format!(
            "来庁予約一覧 {}年{}月{}日（{weekday}） {}",
            date.format("%Y"),
            date.format("%-m"),
            date.format("%-d"),
            location.name
        )),
        municipality = escape_html(&tenant.name),
        count = found.iter().filter(|d| d.booking.status.takes_places()).count(),
        printed = now.with_timezone(&tokyo()).format("%Y/%m/%d %H:%M"),
    );
    staff
        .audit(
            &state.db,
            &state,
            "booking.print",
            "booking",
            None,
            json!({ "date": date, "location_id": location_id, "count": found.len() }),
        )
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(html))
}
