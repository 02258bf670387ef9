//! What the municipality tells residents: its announcements and FAQ, as published now.

use actix_web::{get, web};
use chrono::{DateTime, FixedOffset};
use madoguchi_domain::notice::NoticeKind;
use madoguchi_domain::time::tokyo;
use madoguchi_persistence::notices;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::problem::{ApiResult, Problem};
use crate::services::site::resolve;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicNotice {
    pub id: Uuid,
    /// The title, or the FAQ's question.
    pub title: String,
    /// Plain text to show as text (line breaks are `\n`); never markup.
    pub body: String,
    pub publish_from: Option<DateTime<FixedOffset>>,
}

async fn published(state: &AppState, slug: &str, kind: NoticeKind) -> ApiResult<web::Json<Vec<PublicNotice>>> {
    let tenant = resolve(state, slug).await?;
    let list = notices::list(&state.db, &tenant.scope(), kind, Some(state.clock.now())).await?;
    Ok(web::Json(
        list.into_iter()
            .map(|n| PublicNotice {
                id: n.id,
                title: n.content.title,
                body: n.content.body,
                publish_from: n.content.publish_from.map(|t| t.with_timezone(&tokyo())),
            })
            .collect(),
    ))
}

/// The announcements published now, in order. Readable while the site is closed too.
#[utoipa::path(tag = "public", params(("tenant" = String, Path)), responses((status = 200, body = Vec<PublicNotice>), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/announcements")]
pub async fn public_announcements(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
) -> ApiResult<web::Json<Vec<PublicNotice>>> {
    published(&state, &tenant, NoticeKind::Announcement).await
}

/// The FAQ published now, in order: `title` is the question, `body` the answer.
#[utoipa::path(tag = "public", params(("tenant" = String, Path)), responses((status = 200, body = Vec<PublicNotice>), (status = 404, body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/faq")]
pub async fn public_faq(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
) -> ApiResult<web::Json<Vec<PublicNotice>>> {
    published(&state, &tenant, NoticeKind::Faq).await
}
