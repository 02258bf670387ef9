//! The tenant's settings and header logo, for administrators.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, put, web};
use chrono::{DateTime, Utc};
use madoguchi_domain::logo::{LogoImage, MAX_LOGO_BYTES};
use madoguchi_domain::settings::SettingsChange;
use madoguchi_persistence::settings::StoredSettings;
use madoguchi_persistence::{PersistenceError, database, settings};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{Admin, Staff};
use crate::extract::{ValidJson, read_body};
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsView {
    /// The service's name in both SPAs' headers and in mails.
    pub service_name: String,
    /// When false, residents see `closed_message` instead of the booking pages.
    pub site_public: bool,
    pub closed_message: String,
    /// 5 to 1440: a session ends this long after sign-in.
    pub session_timeout_minutes: u16,
    /// 1 to 480, at most the session time-out: a session ends after this long unused.
    pub idle_timeout_minutes: u16,
    /// 1 to 20 wrong passwords in a row lock a sign-in (known login IDs and unknown alike).
    pub lockout_threshold: u8,
    /// 1 to 1440: how long the first lock lasts; each lock-out in a row doubles it, at
    /// most a day. An administrator can unlock at once.
    pub lockout_minutes: u16,
    /// 8 to 64.
    pub password_min_length: u8,
    /// 1 to 4 of: lower-case, upper-case, digits, symbols.
    pub password_min_classes: u8,
    /// The counter's phone number for residents (every resident page and mail); empty
    /// until set.
    pub contact_phone: String,
    /// When the phone is answered (平日 8:30〜17:15).
    pub contact_hours: String,
    pub has_logo: bool,
    pub updated_at: DateTime<Utc>,
    /// Send it back with a change to refuse overwriting another administrator's change.
    pub version: i32,
}

impl From<&StoredSettings> for SettingsView {
    fn from(stored: &StoredSettings) -> Self {
        let s = &stored.settings;
        Self {
            service_name: s.service_name.clone(),
            site_public: s.site_public,
            closed_message: s.closed_message.clone(),
            session_timeout_minutes: s.session_timeout_minutes,
            idle_timeout_minutes: s.idle_timeout_minutes,
            lockout_threshold: s.lockout_threshold,
            lockout_minutes: s.lockout_minutes,
            password_min_length: s.password_policy.min_length,
            password_min_classes: s.password_policy.min_classes,
            contact_phone: s.contact_phone.clone(),
            contact_hours: s.contact_hours.clone(),
            has_logo: stored.has_logo,
            updated_at: stored.updated_at,
            version: stored.version,
        }
    }
}

/// The tenant's settings.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses((status = 200, body = SettingsView), (status = 403, body = Problem, content_type = "application/problem+json")))]
#[get("/admin/settings")]
pub async fn get_settings(state: web::Data<AppState>, staff: Staff<Admin>) -> ApiResult<web::Json<SettingsView>> {
    Ok(web::Json(SettingsView::from(&settings::get(&state.db, &staff.scope).await?)))
}

/// Only the fields sent change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    /// Up to 100 characters, not blank.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000](?:[\s\S]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub service_name: Option<String>,
    pub site_public: Option<bool>,
    /// Up to 2000 characters.
    #[schema(max_length = 2000)]
    pub closed_message: Option<String>,
    #[schema(minimum = 5, maximum = 1440)]
    pub session_timeout_minutes: Option<i64>,
    #[schema(minimum = 1, maximum = 480)]
    pub idle_timeout_minutes: Option<i64>,
    #[schema(minimum = 1, maximum = 20)]
    pub lockout_threshold: Option<i64>,
    #[schema(minimum = 1, maximum = 1440)]
    pub lockout_minutes: Option<i64>,
    #[schema(minimum = 8, maximum = 64)]
    pub password_min_length: Option<i64>,
    #[schema(minimum = 1, maximum = 4)]
    pub password_min_classes: Option<i64>,
    /// 10 or 11 digits starting with 0, hyphens (or spaces) as the municipality writes
    /// them, full width too; empty clears it.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[0\uFF10](?:[\-\u0020\u3000\u2010-\u2015\u2212\u30FC\uFF70\uFF0D]*[0-9\uFF10-\uFF19]){9,10}[\-\u0020\u3000\u2010-\u2015\u2212\u30FC\uFF70\uFF0D]*)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub contact_phone: Option<String>,
    /// One line of up to 100 characters, no control characters.
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]{0,98}[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?)?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub contact_hours: Option<String>,
    /// The `version` read; a change made meanwhile is refused with `settings.version_conflict`.
    pub version: Option<i32>,
}

/// Changes settings; every out-of-range field is named.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = [])),
    request_body = SettingsPatch,
    responses(
        (status = 200, body = SettingsView),
        (status = 409, description = "`settings.version_conflict`", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/settings")]
pub async fn update_settings(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    body: ValidJson<SettingsPatch>,
) -> ApiResult<web::Json<SettingsView>> {
    let ValidJson(body) = body;
    let change = SettingsChange {
        service_name: body.service_name,
        site_public: body.site_public,
        closed_message: body.closed_message,
        session_timeout_minutes: body.session_timeout_minutes,
        idle_timeout_minutes: body.idle_timeout_minutes,
        lockout_threshold: body.lockout_threshold,
        lockout_minutes: body.lockout_minutes,
        password_min_length: body.password_min_length,
        password_min_classes: body.password_min_classes,
        contact_phone: body.contact_phone,
        contact_hours: body.contact_hours,
    };
    let txn = database::begin_write(&state.db).await?;
    let current = settings::get(&txn, &staff.scope).await?;
    let next = change.apply_to(&current.settings)?;
    let saved = settings::save(&txn, &staff.scope, &next, body.version, state.clock.now()).await?;
    let before = serde_json::to_value(SettingsView::from(&current)).map_err(ApiError::internal)?;
    let after = serde_json::to_value(SettingsView::from(&saved)).map_err(ApiError::internal)?;
    let changed: serde_json::Map<String, serde_json::Value> = after
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, value)| {
            !matches!(key.as_str(), "updated_at" | "version") && before.get(key.as_str()) != Some(value)
        })
        .map(|(key, value)| (key.clone(), json!({ "from": before.get(key.as_str()), "to": value })))
        .collect();
    staff.audit(&txn, &state, "settings.update", "tenant_settings", None, serde_json::Value::Object(changed)).await?;
    txn.commit().await?;
    Ok(web::Json(SettingsView::from(&saved)))
}

/// Uploads the header logo: PNG, JPEG or WebP, at most 512 KiB. The body is the
/// image itself, with its `Content-Type`.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "image/png", description = "PNG, JPEG or WebP image"),
    responses(
        (status = 204, description = "Stored"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`logo.unsupported_type`, `logo.too_large`, `logo.type_mismatch`, `logo.empty`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/settings/logo")]
pub async fn put_logo(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let declared = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = read_body(&mut payload, MAX_LOGO_BYTES * 2).await?;
    let logo = LogoImage::parse(&declared, bytes)?;
    let detail = json!({ "content_type": logo.format.content_type(), "bytes": logo.bytes.len() });
    let txn = database::begin_write(&state.db).await?;
    settings::put_logo(&txn, &staff.scope, logo, state.clock.now()).await?;
    staff.audit(&txn, &state, "settings.logo_update", "tenant_settings", None, detail).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes the header logo.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses((status = 204, description = "Removed"), (status = 404, description = "`logo.not_found`", body = Problem, content_type = "application/problem+json")))]
#[delete("/admin/settings/logo")]
pub async fn delete_logo(state: web::Data<AppState>, staff: Staff<Admin>) -> ApiResult<HttpResponse> {
    let txn = database::begin_write(&state.db).await?;
    settings::delete_logo(&txn, &staff.scope).await.map_err(|e| match e {
        PersistenceError::NotFound => ApiError::NotFound(ProblemCode::LogoNotFound),
        other => other.into(),
    })?;
    staff.audit(&txn, &state, "settings.logo_delete", "tenant_settings", None, json!({})).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
