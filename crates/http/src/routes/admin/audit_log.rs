//! Reading the audit log, for administrators. There is deliberately no route that
//! changes or deletes an entry; the database refuses it too.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::audit_log::{self, AuditFilter, AuditRecord};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{Admin, Staff};
use crate::params::{self, Paging};
use crate::problem::{ApiResult, Problem};
use crate::services::audit_names::target_names;
use crate::spreadsheet::{ExportEncoding, ExportFormat, Table};
use crate::state::AppState;
use madoguchi_domain::time::{day_end, day_start, tokyo};

/// Most rows one export holds; narrow the period for more.
const EXPORT_LIMIT: u64 = 100_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The acting user's login ID, exactly.
    pub user: Option<String>,
    /// An action (`user.create`) or a family ending in a dot (`user.`).
    pub action: Option<String>,
    /// First day in Japan time: `YYYY-MM-DD`, full-width digits or 和暦.
    #[param(value_type = Option<crate::params::DateText>)]
    pub from: Option<String>,
    /// Last day in Japan time, included.
    #[param(value_type = Option<crate::params::DateText>)]
    pub until: Option<String>,
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u64>,
}

impl AuditQuery {
    fn filter(&self) -> Result<AuditFilter, FieldErrors> {
        let mut errors = FieldErrors::new();
        let from = params::date("from", self.from.as_deref(), &mut errors).map(day_start);
        let until = params::date("until", self.until.as_deref(), &mut errors).map(day_end);
        if let (Some(from), Some(until)) = (from, until)
            && from >= until
        {
            errors.push(FieldError::new("until", "validation.period_reversed", "the last day is before the first"));
        }
        errors.into_result()?;
        let nonempty = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Ok(AuditFilter {
            actor_login_id: nonempty(&self.user).map(|u| u.to_lowercase()),
            action: nonempty(&self.action),
            from,
            until,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditRecordView {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<Uuid>,
    /// The acting user's login ID; for a failed sign-in, the login ID as typed.
    pub actor_login_id: String,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    /// What the target is called (a counter's name, a user's login ID, a card's
    /// management number) when it still exists; a booking's ID is its reception number.
    pub target_name: Option<String>,
    pub client_ip: Option<String>,
    /// What changed, as an object.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl From<AuditRecord> for AuditRecordView {
    fn from(record: AuditRecord) -> Self {
        let e = record.entry;
        Self {
            id: record.id,
            occurred_at: record.occurred_at,
            actor_user_id: e.actor_user_id.map(|id| id.0),
            actor_login_id: e.actor_login_id,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            target_name: None,
            client_ip: e.client_ip,
            detail: e.detail,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLogPage {
    pub items: Vec<AuditRecordView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// The audit log, newest first.
#[utoipa::path(tag = "audit", security(("bearer" = [])), params(AuditQuery), responses((status = 200, body = AuditLogPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/admin/audit-log")]
pub async fn search_audit_log(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<AuditQuery>,
) -> ApiResult<web::Json<AuditLogPage>> {
    let filter = query.filter()?;
    let paging = Paging::parse(query.page, query.per_page)?;
    let (records, total) = audit_log::search(
        &state.db,
        &staff.scope,
        &state.vault(&staff.scope).await?,
        &filter,
        paging.index(),
        paging.per_page,
    )
    .await?;
    let mut names = target_names(&state, &staff.scope, &records).await?;
    Ok(web::Json(AuditLogPage {
        items: records
            .into_iter()
            .map(|record| {
                let name = names.remove(&record.id);
                AuditRecordView { target_name: name, ..AuditRecordView::from(record) }
            })
            .collect(),
        total,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditExportQuery {
    pub user: Option<String>,
    pub action: Option<String>,
    #[param(value_type = Option<crate::params::DateText>)]
    pub from: Option<String>,
    #[param(value_type = Option<crate::params::DateText>)]
    pub until: Option<String>,
    /// `cp932` (default) or `utf-8`.
    #[serde(default)]
    pub encoding: ExportEncoding,
    /// `csv` (default) or `xlsx`.
    #[serde(default)]
    pub format: ExportFormat,
}

/// The audit log as CSV or XLSX, oldest first, with the same filters.
#[utoipa::path(tag = "audit", security(("bearer" = [])), params(AuditExportQuery), responses((status = 200, description = "CSV in the chosen encoding, or the workbook", content((String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 422, body = Problem, content_type = "application/problem+json")))]
#[get("/admin/audit-log/export")]
pub async fn export_audit_log(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<AuditExportQuery>,
) -> ApiResult<HttpResponse> {
    let q = &query.0;
    let filter = AuditQuery {
        user: q.user.clone(),
        action: q.action.clone(),
        from: q.from.clone(),
        until: q.until.clone(),
        page: None,
        per_page: None,
    }
    .filter()?;
    let records =
        audit_log::export(&state.db, &staff.scope, &state.vault(&staff.scope).await?, &filter, EXPORT_LIMIT).await?;
    let mut names = target_names(&state, &staff.scope, &records).await?;
    let mut table =
        Table::new("操作ログ", ["日時", "ログインID", "操作", "対象種別", "対象ID", "対象名", "接続元", "詳細"]);
    let count = records.len();
    for record in records {
        let when = record.occurred_at.with_timezone(&tokyo()).format("%Y-%m-%d %H:%M:%S").to_string();
        let name = names.remove(&record.id).unwrap_or_default();
        let e = record.entry;
        let row = [
            when,
            e.actor_login_id,
            e.action,
            e.target_type,
            e.target_id.unwrap_or_default(),
            name,
            e.client_ip.unwrap_or_default(),
            e.detail.to_string(),
        ];
        table.push(row);
    }
    staff.audit(&state.db, &state, "audit_log.export", "audit_log", None, json!({ "count": count })).await?;
    table.download(q.format, q.encoding, "audit_log")
}
