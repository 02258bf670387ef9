//! The HTTP layer's error and its one mapping to RFC 9457 `application/problem+json`.
//!
//! Handlers return [`ApiError`]; errors from the layers below are converted into it
//! here and nowhere else, so every status and code is decided in one place.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_persistence::PersistenceError;
use serde::Serialize;
use utoipa::ToSchema;

pub mod catalogue;

pub use catalogue::ProblemCode;

/// One faulty input field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldErrorBody {
    /// Dotted path of the field as sent (`password`, `roles`); for imports, the column.
    pub field: String,
    /// Stable machine code (`password.too_short`).
    pub code: String,
    /// English explanation for integrators; the SPAs show their own text for `code`.
    pub message: String,
    /// 1-based line of an uploaded file, when the error comes from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl From<FieldError> for FieldErrorBody {
    fn from(error: FieldError) -> Self {
        Self { field: error.field, code: error.code.to_owned(), message: error.message, line: error.line }
    }
}

/// RFC 9457 problem details with a stable `code` and every faulty field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type (`urn:madoguchi:problem:auth.locked`).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine code the SPAs translate.
    pub code: ProblemCode,
    pub errors: Vec<FieldErrorBody>,
    /// How many faults a file has in all, when `errors` lists only the first 1,000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors_total: Option<u64>,
    /// What the conflict is with, so a client can lead to it (`ledger.duplicate_qr`: the
    /// open batch that holds the card, or the card in the ledger).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict_with: Option<ConflictWith>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    LedgerScanBatch,
    LedgerCard,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConflictWith {
    pub kind: ConflictKind,
    pub id: uuid::Uuid,
    /// When it met the thing refused now (the earlier scan's time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// Who holds it (the clerk of the batch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Bad input: every faulty field, 422.
    #[error("invalid input")]
    Invalid { code: ProblemCode, errors: Vec<FieldError> },
    /// A file with faulty lines (`import.invalid`, 422): the first of them, and how
    /// many there are in all.
    #[error("invalid file")]
    InvalidFile { errors: Vec<FieldError>, total: u64 },
    /// A valid request the current state refuses, about one field (`start`).
    #[error("unprocessable: {code}")]
    Unprocessable { code: ProblemCode, detail: String, field: &'static str },
    /// A request that is not understood at all (malformed JSON, wrong content type).
    #[error("bad request: {detail}")]
    BadRequest { code: ProblemCode, detail: String, errors: Vec<FieldError> },
    #[error("unauthenticated: {0}")]
    Unauthenticated(ProblemCode),
    #[error("forbidden")]
    Forbidden,
    /// The user holds a one-time password: nothing but replacing it is allowed.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("locked")]
    /// Too many wrong passwords for this login ID; it may try again after the seconds.
    Locked { retry_after_seconds: u64 },
    #[error("not found: {0}")]
    NotFound(ProblemCode),
    #[error("conflict: {code}")]
    Conflict { code: ProblemCode, detail: String },
    /// A conflict with a thing the client can open (the batch holding a card).
    #[error("conflict: {code}")]
    ConflictWith { code: ProblemCode, detail: String, with: ConflictWith },
    /// A refusal about several items at once (each card a bulk update cannot move).
    #[error("conflict: {code}")]
    ConflictItems { code: ProblemCode, detail: String, errors: Vec<FieldError> },
    #[error("payload too large")]
    PayloadTooLarge,
    /// The path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// A limit of `rate_limit` refused; `code` says which kind.
    #[error("rate limited: {code}")]
    RateLimited { code: ProblemCode, retry_after_seconds: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(ProblemCode),
    /// The tenant's resident site is switched off; `message` is theirs.
    #[error("site closed")]
    SiteClosed { message: String },
    /// Something we did not expect; logged with its cause, answered without it.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn invalid(errors: impl Into<FieldErrors>) -> Self {
        Self::Invalid { code: ProblemCode::ValidationFailed, errors: errors.into().0 }
    }

    pub fn conflict(code: ProblemCode, detail: impl Into<String>) -> Self {
        Self::Conflict { code, detail: detail.into() }
    }

    pub fn internal(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(error))
    }

    /// The code, a title for the kind of refusal, and the detail; the status is the code's.
    fn parts(&self) -> (ProblemCode, &'static str, Option<String>) {
        match self {
            Self::Invalid { code, .. } => (*code, "The input has errors", None),
            Self::InvalidFile { errors, total } => (
                ProblemCode::ImportInvalid,
                "The file has errors",
                (u64::try_from(errors.len()).unwrap_or(u64::MAX) < *total)
                    .then(|| format!("{total} errors; the first {} are listed", errors.len())),
            ),
            Self::Unprocessable { code, detail, .. } => (*code, "The choice cannot be booked", Some(detail.clone())),
            Self::BadRequest { code, detail, .. } => (*code, "The request cannot be read", Some(detail.clone())),
            Self::Unauthenticated(code) => (*code, "Not signed in", None),
            Self::Forbidden => (ProblemCode::AuthForbidden, "Not allowed for your roles", None),
            Self::PasswordChangeRequired => {
                (ProblemCode::AuthPasswordChangeRequired, "Change the one-time password first", None)
            }
            Self::Locked { retry_after_seconds } => (
                ProblemCode::AuthLocked,
                "Sign-in is locked for a while",
                Some(format!(
                    "Too many wrong passwords. Try again in {} minutes, or ask an administrator to unlock it.",
                    retry_after_seconds.div_ceil(60)
                )),
            ),
            Self::NotFound(code) => (*code, "Not found", None),
            Self::Conflict { code, detail }
            | Self::ConflictItems { code, detail, .. }
            | Self::ConflictWith { code, detail, .. } => {
                (*code, "The change conflicts with the current state", Some(detail.clone()))
            }
            Self::PayloadTooLarge => (ProblemCode::RequestTooLarge, "The request body is too large", None),
            Self::MethodNotAllowed => {
                (ProblemCode::RequestMethodNotAllowed, "The path does not take this method", None)
            }
            Self::UnsupportedMediaType(detail) => {
                (ProblemCode::RequestUnsupportedMediaType, "Unsupported content type", Some(detail.clone()))
            }
            Self::RateLimited { code, .. } => {
                (*code, "Too many requests; try again later", Some(code.message().to_owned()))
            }
            Self::Unavailable(code) => (*code, "Temporarily unavailable", None),
            Self::SiteClosed { message } => {
                (ProblemCode::SiteClosed, "Bookings are not taken now", Some(message.clone()))
            }
            Self::Internal(_) => (ProblemCode::Internal, "Internal error", None),
        }
    }

    #[must_use]
    pub fn problem(&self) -> Problem {
        let (code, title, detail) = self.parts();
        let status = code.status();
        let errors = match self {
            Self::Invalid { errors, .. }
            | Self::InvalidFile { errors, .. }
            | Self::BadRequest { errors, .. }
            | Self::ConflictItems { errors, .. } => errors.iter().cloned().map(FieldErrorBody::from).collect(),
            Self::Unprocessable { code, detail, field } => vec![FieldErrorBody {
                field: (*field).to_owned(),
                code: code.as_str().to_owned(),
                message: detail.clone(),
                line: None,
            }],
            _ => Vec::new(),
        };
        Problem {
            kind: format!("urn:madoguchi:problem:{code}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            code,
            errors,
            errors_total: match self {
                Self::InvalidFile { total, .. } => Some(*total),
                _ => None,
            },
            conflict_with: match self {
                Self::ConflictWith { with, .. } => Some(with.clone()),
                _ => None,
            },
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::invalid(errors)
    }
}

impl From<FieldError> for ApiError {
    fn from(error: FieldError) -> Self {
        Self::invalid(error)
    }
}

impl From<PersistenceError> for ApiError {
    fn from(error: PersistenceError) -> Self {
        match error {
            PersistenceError::NotFound => Self::NotFound(ProblemCode::NotFound),
            PersistenceError::Conflict(code) => Self::conflict(
                ProblemCode::from(code),
                "another change got there first, or the value is already in use",
            ),
            other => Self::internal(other),
        }
    }
}

/// An uploaded file that is empty or in no encoding we read.
impl From<madoguchi_domain::text_file::DecodeError> for ApiError {
    fn from(error: madoguchi_domain::text_file::DecodeError) -> Self {
        use madoguchi_domain::text_file::DecodeError;
        let code = match error {
            DecodeError::Empty => ProblemCode::ImportEmpty,
            DecodeError::UnknownEncoding => ProblemCode::ImportUnknownEncoding,
        };
        Self::Invalid { code, errors: vec![FieldError::new("file", code.as_str(), error.to_string())] }
    }
}

impl From<madoguchi_persistence::DbErr> for ApiError {
    fn from(error: madoguchi_persistence::DbErr) -> Self {
        Self::from(PersistenceError::from(error))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0.status()
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = %cause, source = ?cause.source(), "internal error");
        }
        let problem = self.problem();
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        match self {
            Self::RateLimited { retry_after_seconds, .. } | Self::Locked { retry_after_seconds } => {
                response.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
            }
            Self::Unauthenticated(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            _ => {}
        }
        response.body(serde_json::to_vec(&problem).unwrap_or_default())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
