//! Announcements (お知らせ) and FAQ: administrators write, order and schedule them;
//! residents read the published ones. Text only: answers carry what staff typed, as
//! JSON strings the resident SPA shows as text, never as markup.

use actix_web::{HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, FixedOffset, Utc};
use madoguchi_domain::FieldError;
use madoguchi_domain::notice::{NoticeContent, NoticeKind};
use madoguchi_persistence::Conflict;
use madoguchi_persistence::notices::{self, Notice};
use madoguchi_persistence::{PersistenceError, database};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{Admin, Staff};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;
use madoguchi_domain::time::tokyo;

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKindName {
    /// お知らせ
    Announcement,
    /// よくある質問: the title is the question, the body the answer.
    Faq,
}

impl From<NoticeKindName> for NoticeKind {
    fn from(kind: NoticeKindName) -> Self {
        match kind {
            NoticeKindName::Announcement => Self::Announcement,
            NoticeKindName::Faq => Self::Faq,
        }
    }
}

impl From<NoticeKind> for NoticeKindName {
    fn from(kind: NoticeKind) -> Self {
        match kind {
            NoticeKind::Announcement => Self::Announcement,
            NoticeKind::Faq => Self::Faq,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeView {
    pub id: Uuid,
    pub kind: NoticeKindName,
    pub title: String,
    /// Plain text; line breaks are `\n`.
    pub body: String,
    /// 0 first.
    pub position: i32,
    pub publish_from: Option<DateTime<FixedOffset>>,
    pub publish_until: Option<DateTime<FixedOffset>>,
    /// Whether residents see it now.
    pub published: bool,
    pub updated_at: DateTime<FixedOffset>,
    pub version: i32,
}

fn view(notice: Notice, now: DateTime<Utc>) -> NoticeView {
    NoticeView {
        id: notice.id,
        kind: notice.kind.into(),
        published: notice.content.published(now),
        title: notice.content.title,
        body: notice.content.body,
        position: notice.position,
        publish_from: notice.content.publish_from.map(|t| t.with_timezone(&tokyo())),
        publish_until: notice.content.publish_until.map(|t| t.with_timezone(&tokyo())),
        updated_at: notice.updated_at.with_timezone(&tokyo()),
        version: notice.version,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KindQuery {
    /// `announcement` or `faq`.
    pub kind: NoticeKindName,
}

/// Every announcement or FAQ entry, published or not, in display order.
#[utoipa::path(tag = "notices", security(("bearer" = [])), params(KindQuery), responses((status = 200, body = Vec<NoticeView>)))]
#[get("/admin/notices")]
pub async fn list_notices(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<KindQuery>,
) -> ApiResult<web::Json<Vec<NoticeView>>> {
    let now = state.clock.now();
    let list = notices::list(&state.db, &staff.scope, query.kind.into(), None).await?;
    Ok(web::Json(list.into_iter().map(|n| view(n, now)).collect()))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNotice {
    pub kind: NoticeKindName,
    /// Up to 200 characters, one line: not blank, no control characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub title: String,
    /// Plain text up to 5000 characters; markup is shown as typed. Line breaks (`\n`,
    /// `\r\n`) and tabs are the only control characters.
    #[serde(default)]
    #[schema(
        max_length = 5000,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B-\u001F\u007F-\u009F](?:(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub body: String,
    /// RFC 3339; shown from then. Absent: at once.
    pub publish_from: Option<DateTime<FixedOffset>>,
    /// Hidden from then. Absent: until removed.
    pub publish_until: Option<DateTime<FixedOffset>>,
}

fn content(
    title: &str,
    body: &str,
    from: Option<DateTime<FixedOffset>>,
    until: Option<DateTime<FixedOffset>>,
) -> ApiResult<NoticeContent> {
    Ok(NoticeContent::parse(title, body, from.map(|t| t.with_timezone(&Utc)), until.map(|t| t.with_timezone(&Utc)))?)
}

/// Adds an announcement or FAQ entry after the others.
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    request_body = NewNotice,
    responses((status = 201, body = NoticeView), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/notices")]
pub async fn create_notice(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<NewNotice>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let checked = content(&body.title, &body.body, body.publish_from, body.publish_until)?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    let created = notices::create(&txn, &staff.scope, body.kind.into(), checked, now).await?;
    staff
        .audit(
            &txn,
            &state,
            "notice.create",
            "notice",
            Some(created.id.to_string()),
            json!({ "kind": body.kind, "title": created.content.title }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::Created().json(view(created, now)))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeChange {
    /// The version edited; a notice changed meanwhile answers 409.
    pub version: i32,
    /// Up to 200 characters, one line: not blank, no control characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,198}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub title: String,
    /// Plain text up to 5000 characters; line breaks (`\n`, `\r\n`) and tabs are the
    /// only control characters.
    #[serde(default)]
    #[schema(
        max_length = 5000,
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B-\u001F\u007F-\u009F](?:(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\r\n)*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u0008\u000B-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub body: String,
    pub publish_from: Option<DateTime<FixedOffset>>,
    pub publish_until: Option<DateTime<FixedOffset>>,
}

fn not_found(error: PersistenceError) -> ApiError {
    match error {
        PersistenceError::NotFound => ApiError::NotFound(ProblemCode::NoticeNotFound),
        PersistenceError::Conflict(Conflict::NoticeChanged) => {
            ApiError::conflict(ProblemCode::NoticeChangedMeanwhile, "someone else changed it meanwhile; reload it")
        }
        other => other.into(),
    }
}

/// Replaces a notice's text and publication period.
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = NoticeChange,
    responses(
        (status = 200, body = NoticeView),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`notice.changed_meanwhile`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/notices/{id}")]
pub async fn update_notice(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
    body: ValidJson<NoticeChange>,
) -> ApiResult<web::Json<NoticeView>> {
    let ValidJson(body) = body;
    let id = id.into_inner();
    let checked = content(&body.title, &body.body, body.publish_from, body.publish_until)?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    notices::update(&txn, &staff.scope, id, body.version, &checked, now).await.map_err(not_found)?;
    staff
        .audit(&txn, &state, "notice.update", "notice", Some(id.to_string()), json!({ "title": checked.title }))
        .await?;
    let updated = notices::get(&txn, &staff.scope, id).await.map_err(not_found)?;
    txn.commit().await?;
    Ok(web::Json(view(updated, now)))
}

/// Removes a notice.
#[utoipa::path(tag = "notices", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204, description = "Removed"), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[delete("/admin/notices/{id}")]
pub async fn delete_notice(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let txn = database::begin_write(&state.db).await?;
    let notice = notices::get(&txn, &staff.scope, id).await.map_err(not_found)?;
    notices::delete(&txn, &staff.scope, id).await.map_err(not_found)?;
    staff
        .audit(&txn, &state, "notice.delete", "notice", Some(id.to_string()), json!({ "title": notice.content.title }))
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeOrder {
    pub kind: NoticeKindName,
    /// Every notice of the kind, each once, in the new order.
    pub ids: Vec<Uuid>,
}

/// Puts the announcements or FAQ entries in a new order.
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    request_body = NoticeOrder,
    responses((status = 204, description = "Reordered"), (status = 422, description = "`notice.order_mismatch`: not every notice named once", body = Problem, content_type = "application/problem+json"))
)]
#[put("/admin/notices/order")]
pub async fn reorder_notices(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<NoticeOrder>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let txn = database::begin_write(&state.db).await?;
    notices::reorder(&txn, &staff.scope, body.kind.into(), &body.ids, state.clock.now()).await.map_err(
        |e| match e {
            PersistenceError::Conflict(code) => {
                ApiError::invalid(FieldError::new("ids", code.code(), "name every notice of the kind exactly once"))
            }
            other => other.into(),
        },
    )?;
    staff.audit(&txn, &state, "notice.reorder", "notice", None, json!({ "kind": body.kind, "ids": body.ids })).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
