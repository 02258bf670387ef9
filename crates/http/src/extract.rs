//! Request extractors that answer bad input with problem+json naming the field.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use madoguchi_domain::FieldError;
use serde::de::DeserializeOwned;

use crate::problem::{ApiError, ProblemCode};
use crate::state::HttpOptions;

/// Largest JSON body any endpoint accepts.
pub const JSON_LIMIT: usize = 64 * 1024;

/// The client's address: the TCP peer, or behind our own reverse proxy the address
/// it appended last to `X-Forwarded-For` (earlier entries are the client's to forge).
#[must_use]
pub fn client_ip(req: &HttpRequest, options: &HttpOptions) -> Option<String> {
    if options.trust_forwarded
        && let Some(forwarded) = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(last) = forwarded.rsplit(',').map(str::trim).find(|s| !s.is_empty())
    {
        return Some(last.to_owned());
    }
    req.peer_addr().map(|addr| addr.ip().to_string())
}

/// Reads a whole body, refusing it once it passes `limit` bytes.
///
/// # Errors
/// [`ApiError::PayloadTooLarge`], or a bad request when the connection fails.
pub async fn read_body<S>(payload: &mut S, limit: usize) -> Result<Vec<u8>, ApiError>
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, actix_web::error::PayloadError>> + Unpin,
{
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: ProblemCode::RequestUnreadable,
            detail: e.to_string(),
            errors: Vec::new(),
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()).is_some_and(
        |mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
        },
    )
}

/// A field error from serde's complaint about one JSON value.
fn field_error(path: &str, error: &serde_json::Error) -> FieldError {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_owned);
    let join = |name: String| if path == "." || path.is_empty() { name } else { format!("{path}.{name}") };
    if let Some(name) = named("missing field `") {
        FieldError::new(join(name), "validation.required", "this field is required")
    } else if named("unknown field `").is_some() {
        // serde_path_to_error's path already ends at the unknown field.
        FieldError::new(path.to_owned(), "validation.unknown_field", message)
    } else {
        FieldError::new(if path == "." { String::new() } else { path.to_owned() }, "validation.invalid_type", message)
    }
}

/// Parses a JSON body, naming the faulty field when it does not fit `T`.
///
/// # Errors
/// 415 for another content type, 400 for JSON that does not parse, 422 for JSON
/// that parses but does not fit.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|error| ApiError::BadRequest {
        code: ProblemCode::RequestMalformedJson,
        detail: error.to_string(),
        errors: Vec::new(),
    })?;
    whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        ApiError::invalid(field_error(&path, error.inner()))
    })
}

/// JSON has one kind of number: `2.0` is the integer 2 to JSON Schema (and to a client
/// that writes every number as a double), so a whole number written with a fraction is
/// read as the integer it is. Anything with a real fraction stays a float and is refused
/// where an integer is due.
fn whole_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(number) if number.is_f64() => {
            #[allow(clippy::cast_possible_truncation, reason = "checked: whole and within i64")]
            if let Some(whole) = number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64) {
                *value = Value::from(whole);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// A staff route's body waits behind this until the caller is known and allowed:
/// actix polls a handler's extractors together, and a body read (and judged) before
/// the role is checked would answer a stranger 400, 413 or 422 about it instead of
/// 401 or 403, and spend the read on them. The staff extractor puts a gate in the
/// request and opens it once it has decided; when it refuses, its error is the answer
/// and the body is never read.
#[derive(Clone, Default)]
pub(crate) struct AccessGate(std::rc::Rc<GateState>);

#[derive(Default)]
struct GateState {
    decided: std::cell::Cell<bool>,
    notify: tokio::sync::Notify,
}

impl AccessGate {
    /// A gate for `req`'s body extractors to wait on.
    pub(crate) fn install(req: &HttpRequest) -> Self {
        let gate = Self::default();
        req.extensions_mut().insert(gate.clone());
        gate
    }

    pub(crate) fn open(&self) {
        self.0.decided.set(true);
        self.0.notify.notify_waiters();
    }

    /// Waits until the staff extractor of the request has decided; at once on a route
    /// without one. Extractors are all made before any is polled, so the gate is in the
    /// request by the time this runs, whatever the order of the handler's arguments.
    async fn passed(req: &HttpRequest) {
        let Some(gate) = req.extensions().get::<Self>().cloned() else { return };
        while !gate.0.decided.get() {
            gate.0.notify.notified().await;
        }
    }
}

/// `web::Json` with our error format.
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let mut payload = payload.take();
        let req = req.clone();
        Box::pin(async move {
            AccessGate::passed(&req).await;
            if !json {
                return Err(ApiError::UnsupportedMediaType("send the body as application/json".to_owned()));
            }
            let body = read_body(&mut payload, JSON_LIMIT).await?;
            parse_json(&body).map(ValidJson)
        })
    }
}

/// `web::Path` errors (a malformed ID) answer problem+json 404.
#[must_use]
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|error, req| {
        actix_web::error::InternalError::from_response(error, crate::middleware::not_there(req)).into()
    })
}

/// `web::Query` errors answer problem+json 422 naming the parameter.
#[must_use]
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _| {
        let message = error.to_string();
        let field = message.split('`').nth(1).unwrap_or("query").to_owned();
        ApiError::invalid(FieldError::new(field, "validation.invalid_query", message)).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct Versioned {
            version: i32,
            places: Vec<u16>,
        }
        let parsed: Result<Versioned, _> = parse_json(br#"{"version": 2457.0, "places": [1.0, 2]}"#);
        assert_eq!(parsed.ok(), Some(Versioned { version: 2457, places: vec![1, 2] }));
        let fraction: Result<Versioned, ApiError> = parse_json(br#"{"version": 2.5, "places": []}"#);
        assert!(matches!(fraction, Err(ApiError::Invalid { .. })), "a real fraction is still refused");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Login {
        tenant: String,
        attempts: u8,
    }

    fn fields(result: Result<Login, ApiError>) -> Vec<(String, String)> {
        match result {
            Err(ApiError::Invalid { errors, .. }) => errors.into_iter().map(|e| (e.field, e.code.to_owned())).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_field_is_named() {
        assert_eq!(
            fields(parse_json(br#"{"attempts": 1}"#)),
            [("tenant".to_owned(), "validation.required".to_owned())]
        );
    }

    #[test]
    fn an_unknown_field_is_named() {
        assert_eq!(
            fields(parse_json(br#"{"tenant": "demo", "attempts": 1, "remember": true}"#)),
            [("remember".to_owned(), "validation.unknown_field".to_owned())]
        );
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        assert_eq!(
            fields(parse_json(br#"{"tenant": "demo", "attempts": "x"}"#)),
            [("attempts".to_owned(), "validation.invalid_type".to_owned())]
        );
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        assert!(matches!(
            parse_json::<Login>(b"{\"tenant\": "),
            Err(ApiError::BadRequest { code: ProblemCode::RequestMalformedJson, .. })
        ));
    }
}
