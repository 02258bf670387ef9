//! The OpenAPI document: paths come from the registered handlers, the rest from here.

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

use crate::dto::RoleName;
use crate::problem::{FieldErrorBody, Problem};
use crate::spreadsheet::{ExportEncoding, ExportFormat};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Madoguchi API",
        description = "My Number Card counter service for municipalities: resident bookings, staff administration, the card ledger.\n\n\
Errors are `application/problem+json` with a stable `code` and every faulty field in `errors`. \
Staff routes take `Authorization: Bearer <access_token>` from `POST /api/v1/auth/login` and are gated by role."
    ),
    components(schemas(Problem, FieldErrorBody, ExportEncoding, ExportFormat, RoleName)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Staff sign-in, sessions, the signed-in user"),
        (name = "users", description = "Staff users (admin)"),
        (name = "settings", description = "Tenant settings (admin)"),
        (name = "audit", description = "The audit log (admin); append-only"),
        (name = "counters", description = "Locations and procedures (admin)"),
        (name = "schedule", description = "Counters' weeks, dates and the booking window (admin)"),
        (name = "bookings", description = "Staff bookings: search, call center, check-in, calendar, export"),
        (name = "notices", description = "Announcements and FAQ (admin)"),
        (name = "public", description = "Residents' API: no account"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// The document as `madoguchi openapi` prints it and `/api/openapi.json` serves it.
#[must_use]
pub fn document() -> utoipa::openapi::OpenApi {
    crate::register(App::new().into_utoipa_app()).split_for_parts().1
}

/// Pretty JSON with a final newline, as committed in `openapi/openapi.json`.
///
/// # Errors
/// Serialisation failures (none expected).
pub fn document_json() -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(&document())?;
    json.push('\n');
    Ok(json)
}
