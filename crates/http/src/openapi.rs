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
    components(schemas(Problem, FieldErrorBody, ExportEncoding, ExportFormat, RoleName, crate::params::DateText)),
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
    let mut document = crate::register(App::new().into_utoipa_app()).split_for_parts().1;
    declare_common_refusals(&mut document);
    crate::rules_beyond_schema::declare(&mut document);
    document
}

/// Statuses that come from the layers every route passes through rather than from the
/// handler: the staff gate (401, 403), the body extractors (400, 413, 415, 422), the
/// query and path extractors (422, 404). Declared here once for each operation that
/// passes through them, unless the handler declared the status with its own words.
fn declare_common_refusals(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content("application/problem+json", Content::new(Some(Ref::from_schema_name("Problem"))))
                .build(),
        )
    };
    for item in document.paths.paths.values_mut() {
        let shared = item.parameters.clone().unwrap_or_default();
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
            let parameters: Vec<_> = shared.iter().chain(operation.parameters.iter().flatten()).collect();
            let in_path = parameters.iter().any(|p| matches!(p.parameter_in, ParameterIn::Path));
            let in_query = parameters.iter().any(|p| matches!(p.parameter_in, ParameterIn::Query));
            let body = operation.request_body.as_ref().map(|b| b.content.keys().cloned().collect::<Vec<_>>());
            let mut declare = |status: &str, description: &str| {
                operation.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description));
            };
            if secured {
                declare(
                    "401",
                    "Not signed in: the token is missing, invalid or expired, or the session ended (`auth.*`)",
                );
                declare(
                    "403",
                    "`auth.forbidden`: not allowed for the signed-in user's roles; \
                     `auth.password_change_required`: the user holds a one-time password and must replace it \
                     first (`POST /api/v1/me/password`)",
                );
            }
            if let Some(types) = body {
                if types.iter().any(|t| t.contains("json")) {
                    declare("400", "`request.malformed_json`: the body is not JSON");
                }
                declare("413", "`request.too_large`: the body is over this route's limit");
                declare("415", "`request.unsupported_media_type`: the body is of another content type");
                declare("422", "`validation.failed`: each faulty field named in `errors`");
            }
            if in_query {
                declare("422", "`validation.failed`: each faulty parameter named in `errors`");
            }
            if in_path {
                declare("404", "`not_found`: nothing has that identifier");
            }
        }
    }
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

/// Each path template of the document, split in segments, with its declared methods.
type MethodTable = Vec<(Vec<String>, Vec<&'static str>)>;

static TEMPLATES: std::sync::LazyLock<MethodTable> = std::sync::LazyLock::new(|| {
    document()
        .paths
        .paths
        .iter()
        .map(|(template, item)| {
            let methods = [
                ("GET", item.get.is_some()),
                ("PUT", item.put.is_some()),
                ("POST", item.post.is_some()),
                ("DELETE", item.delete.is_some()),
                ("PATCH", item.patch.is_some()),
            ];
            let segments = template.split('/').map(str::to_owned).collect();
            (segments, methods.into_iter().filter(|(_, declared)| *declared).map(|(m, _)| m).collect())
        })
        .collect()
});

/// Builds the table `declared_methods` reads, so that the first stray request of a
/// server's life does not pay for building the whole document.
pub fn prepare_declared_methods() {
    std::sync::LazyLock::force(&TEMPLATES);
}

/// The methods the document declares for `path`, when some path template matches it
/// (`{…}` matches one segment): an undeclared method on such a path is answered 405
/// with `Allow`, not 404.
#[must_use]
pub fn declared_methods(path: &str) -> Option<Vec<&'static str>> {
    let segments: Vec<&str> = path.split('/').collect();
    let fits = |template: &[String]| {
        template.len() == segments.len()
            && template.iter().zip(&segments).all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
    };
    let placeholders = |template: &[String]| template.iter().filter(|t| t.starts_with('{')).count();
    // The most specific templates win: `/admin/users/export` is its own path, not an
    // `/admin/users/{id}`.
    let fewest = TEMPLATES.iter().filter(|(template, _)| fits(template)).map(|(t, _)| placeholders(t)).min()?;
    let mut methods: Vec<&'static str> = TEMPLATES
        .iter()
        .filter(|(template, _)| fits(template) && placeholders(template) == fewest)
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    methods.sort_unstable();
    methods.dedup();
    (!methods.is_empty()).then_some(methods)
}
