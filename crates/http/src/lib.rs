//! The HTTP edge: routes, DTOs, authentication and role gates, problem+json errors,
//! and the OpenAPI document generated from the handlers.

pub mod auth;
pub mod clock;
pub mod dto;
pub mod extract;
pub mod heavy_work;
pub mod keys;
pub mod middleware;
pub mod openapi;
pub mod params;
pub mod problem;
pub mod rate_limit;
pub mod reminders;
pub mod retention;
pub mod routes;
pub mod rules_beyond_schema;
pub mod services;
pub mod spreadsheet;
pub mod state;

use actix_web::dev::{ServiceFactory, ServiceRequest};
use actix_web::{Error, web};
use utoipa::OpenApi;
use utoipa_actix_web::{UtoipaApp, scope};

pub use auth::tokens::TokenKeys;
pub use clock::{AdjustableClock, Clock};
pub use state::{AppState, HttpOptions};

/// Adds the API's routes and document to an app. `/api/health` and `/api/ready`
/// sit beside `/api/v1`; unknown paths under `/api/v1` answer problem+json 404.
pub fn register<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = Error, InitError = ()>,
{
    app.openapi(openapi::ApiDoc::openapi())
        .app_data(extract::path_config())
        .app_data(extract::query_config())
        .service(routes::health::health)
        .service(routes::health::ready)
        .service(
            scope::scope("/api/v1").configure(routes::configure_v1).default_service(web::to(middleware::api_not_found)),
        )
}
