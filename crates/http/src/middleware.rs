//! Cross-cutting response rules: security headers, the request log and panics.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpResponse};
use futures_util::FutureExt;
use tracing::Instrument;

use crate::problem::{ApiError, ProblemCode};

/// Headers every response carries (IPA「安全なウェブサイトの作り方」): no framing,
/// no sniffing, no referrer leaking reception numbers, scripts only from us; and, when
/// the service is reached over https, browsers told never to try plain http again.
#[must_use]
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
             connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((HeaderName::from_static("permissions-policy"), "camera=(self), microphone=(), geolocation=(), payment=()"))
        .add((HeaderName::from_static("cross-origin-opener-policy"), "same-origin"))
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

/// Logs each request once, in a span carrying its request ID (taken from the proxy or
/// made here, and echoed back). Only the route's pattern is logged
/// (`/api/v1/bookings/{number}`), never the path or the query: they carry reception
/// numbers and names. API responses are never cached by browsers or proxies.
///
/// # Errors
/// Those of the inner service.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = request_id(&req);
    let method = req.method().clone();
    let is_api = req.path().starts_with("/api/");
    let span = tracing::info_span!("request", request_id = %id, %method, route = tracing::field::Empty);
    let started = Instant::now();
    let mut response = match next.call(req).instrument(span.clone()).await {
        Ok(response) => response,
        Err(error) => {
            let status = error.as_response_error().status_code().as_u16();
            span.in_scope(|| tracing::error!(status, "request failed"));
            return Err(error);
        }
    };
    let route = response.request().match_pattern().unwrap_or_else(|| "(no route)".to_owned());
    span.record("route", route.as_str());
    let status = response.status().as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, elapsed_ms, "request failed");
        } else {
            tracing::info!(status, elapsed_ms, "request");
        }
    });
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID, value);
    }
    if is_api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

/// A panic in a handler is a defect, never an answer to a request: the client gets the
/// same JSON 500 as any internal error, the connection stays up, and the log gets one
/// line (from [`install_panic_hook`]) instead of a backtrace per request.
///
/// # Errors
/// Those of the inner service.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    // The request cannot be kept aside for an answer (routing needs it unshared), so
    // the panic becomes an error, which actix answers with the error's own response.
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(response) => response,
        Err(_) => Err(ApiError::internal(std::io::Error::other("a handler panicked")).into()),
    }
}

/// Panics are logged as one line with where they happened; their message may quote
/// input, so it is left out.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map_or_else(|| "unknown".to_owned(), |l| format!("{}:{}", l.file(), l.line()));
        tracing::error!(at, "panic");
    }));
}

/// The answer for an unknown path under `/api/`, or for a method the path does not
/// take (405 with the methods it takes in `Allow`).
pub async fn api_not_found(req: actix_web::HttpRequest) -> HttpResponse {
    not_there(&req)
}

/// 404, or 405 with `Allow` when the path is declared for other methods (also when the
/// router took the path for a template whose parameter it then could not read:
/// `PATCH /admin/users/export` is not an `/admin/users/{id}`).
#[must_use]
pub fn not_there(req: &actix_web::HttpRequest) -> HttpResponse {
    match crate::openapi::declared_methods(req.path()).filter(|m| !m.contains(&req.method().as_str())) {
        Some(methods) => {
            let mut response = actix_web::ResponseError::error_response(&ApiError::MethodNotAllowed);
            if let Ok(allow) = actix_web::http::header::HeaderValue::from_str(&methods.join(", ")) {
                response.headers_mut().insert(actix_web::http::header::ALLOW, allow);
            }
            response
        }
        None => actix_web::ResponseError::error_response(&ApiError::NotFound(ProblemCode::NotFound)),
    }
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, test, web};

    use super::*;

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_json_500_and_the_next_request_is_served() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(catch_panics))
                .route(
                    "/boom",
                    web::get().to(|| async {
                        let days: Vec<u64> = Vec::new();
                        HttpResponse::Ok().body(days[0].to_string())
                    }),
                )
                .route("/fine", web::get().to(|| async { HttpResponse::Ok().body("fine") })),
        )
        .await;
        let error = test::try_call_service(&app, test::TestRequest::get().uri("/boom").to_request())
            .await
            .err()
            .unwrap_or_else(|| panic!("the panic was not caught"));
        let response = error.error_response();
        assert_eq!(response.status().as_u16(), 500);
        let body = actix_web::body::to_bytes(response.into_body()).await.unwrap_or_default();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(body["code"], "internal");
        let response = test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(response.status().as_u16(), 200);
    }

    /// A writer the test reads back.
    #[derive(Clone, Default)]
    struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[actix_web::test]
    async fn the_log_names_the_route_not_the_reception_number_or_the_query() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(from_fn(request_log))
                .route("/api/v1/bookings/{number}", web::get().to(|| async { HttpResponse::Ok().finish() })),
        )
        .await;
        let uri = "/api/v1/bookings/20261207-0042?name=%E5%B1%B1%E7%94%B0";
        test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        let log = String::from_utf8(captured.0.lock().map(|b| b.clone()).unwrap_or_default()).unwrap_or_default();
        assert!(log.contains("route=\"/api/v1/bookings/{number}\""), "{log}");
        assert!(!log.contains("0042") && !log.contains("name="), "{log}");
    }

    #[actix_web::test]
    async fn https_deployments_ask_browsers_for_https_only() {
        for (https, expected) in [(true, Some("max-age=31536000")), (false, None)] {
            let app = test::init_service(
                App::new().wrap(security_headers(https)).route("/", web::get().to(HttpResponse::Ok)),
            )
            .await;
            let response = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
            let hsts = response.headers().get(header::STRICT_TRANSPORT_SECURITY).and_then(|v| v.to_str().ok());
            assert_eq!(hsts, expected);
        }
    }
}
