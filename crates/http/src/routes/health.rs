//! Liveness and readiness for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use madoguchi_persistence::database;
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `ready`.
    pub status: String,
}

/// The process answers.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)))]
#[get("/api/health")]
pub async fn health() -> web::Json<Health> {
    web::Json(Health { status: "ok".to_owned() })
}

/// The database answers too; a load balancer sends traffic only then.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health), (status = 503, description = "`service.database_unavailable`", body = Problem, content_type = "application/problem+json")))]
#[get("/api/ready")]
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    if database::ping(&state.db).await {
        Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(Health { status: "ready".to_owned() }))
    } else {
        Err(ApiError::Unavailable(ProblemCode::ServiceDatabaseUnavailable))
    }
}
