//! The signed-in staff user: who they are, and changing their own password.

use actix_web::{HttpResponse, get, post, web};
use madoguchi_domain::FieldError;
use madoguchi_domain::sign_in::SignInKey;
use madoguchi_persistence::{database, sessions, settings, staff_users, tenants};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{OwnAccount, Staff, password};
use crate::dto::session::CurrentUser;
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem};
use crate::services::sign_in::{self, Checked};
use crate::state::AppState;

/// The signed-in user, their roles and their tenant's session rules.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, body = CurrentUser),
        (status = 401, description = "`auth.token_missing`, `auth.token_invalid`, `auth.token_expired`, `auth.session_expired`, `auth.token_stale`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, staff: Staff<OwnAccount>) -> ApiResult<web::Json<CurrentUser>> {
    let tenant = tenants::get(&state.db, &staff.scope).await?;
    let stored = settings::get(&state.db, &staff.scope).await?;
    Ok(web::Json(CurrentUser::new(&staff.user, &tenant, &stored)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// Must meet the tenant's password rules (at least the tenant's `password_min_length`,
    /// 8 to 64, and at most 128 characters; not only white space; never containing the
    /// login ID).
    #[schema(
        min_length = 8,
        max_length = 128,
        pattern = r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub new_password: String,
}

/// Changes one's own password, under the tenant's password rules; a one-time password
/// is thereby replaced, and the user may work. Other sessions of the user end; this one
/// goes on. A wrong current password counts as a failed
/// sign-in, so an unattended screen cannot be used to guess it.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 422, description = "`password.wrong_current` or a rule the new password breaks", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`auth.locked`: wrong current passwords count towards the sign-in's lock-out; try again after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    staff: Staff<OwnAccount>,
    body: ValidJson<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let stored = settings::get(&state.db, &staff.scope).await?;
    let hash = staff_users::password_hash(&state.db, &staff.scope, staff.user.id).await?;
    let key = SignInKey::from_typed(staff.user.login_id.as_str());
    let policy = stored.settings.lockout_policy();
    match sign_in::check(&state, &staff.scope, policy, &key, Some(hash), body.current_password).await? {
        Checked::Right => {}
        Checked::Wrong => {
            return Err(
                FieldError::new("current_password", "password.wrong_current", "the current password is wrong").into()
            );
        }
        Checked::Locked { until } => {
            let seconds = (until - state.clock.now()).num_seconds().max(1);
            return Err(ApiError::Locked { retry_after_seconds: u64::try_from(seconds).unwrap_or(1) });
        }
    }
    stored.settings.password_policy.check(&body.new_password, staff.user.login_id.as_str()).map_err(|errors| {
        ApiError::invalid(madoguchi_domain::FieldErrors(
            errors.0.into_iter().map(|e| e.prefixed("new_password")).collect(),
        ))
    })?;
    let new_hash = password::hash(body.new_password).await?;
    let now = state.clock.now();
    let txn = database::begin_write(&state.db).await?;
    staff_users::set_password(&txn, &staff.scope, staff.user.id, new_hash, now).await?;
    sessions::revoke_all_for_user(&txn, &staff.scope, staff.user.id, Some(staff.session), now).await?;
    staff
        .audit(&txn, &state, "user.password_change", "staff_user", Some(staff.user.id.0.to_string()), json!({}))
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
