//! What residents' pages need before anything else: which municipality, whether the
//! site is open, its name and logo. No account.

use actix_web::{HttpResponse, get, web};
use madoguchi_domain::booking_rules::DaysBefore;
use madoguchi_persistence::{booking_rules, settings};
use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::site::resolve;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SiteInfo {
    pub slug: String,
    /// The municipality, e.g. デモ市.
    pub name: String,
    pub service_name: String,
    /// When false, show `closed_message` instead of the booking pages.
    pub public: bool,
    /// Plain text; render it as text, never as HTML.
    pub closed_message: String,
    pub has_logo: bool,
    /// Where residents get help: the counter's phone number and when it is answered
    /// (empty until the municipality sets them).
    pub contact: PublicContact,
    /// When residents may book, change and cancel, to explain it before they start.
    pub booking: PublicBookingRules,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicContact {
    /// As the municipality writes it (`0120-123-456`).
    pub phone: String,
    /// 平日 8:30〜17:15
    pub hours: String,
}

/// A moment before the visit: `days_before` days earlier at `at` (`HH:MM`, Japan time).
/// `{days_before: 1, at: "00:00"}` is the midnight that ends the day two days before.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicDaysBefore {
    pub days_before: u16,
    pub at: String,
}

impl From<DaysBefore> for PublicDaysBefore {
    fn from(value: DaysBefore) -> Self {
        Self { days_before: value.days_before, at: value.at.format("%H:%M").to_string() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicBookingRules {
    /// Bookings for a day open at this moment…
    pub opens: PublicDaysBefore,
    /// …and close at this one.
    pub closes: PublicDaysBefore,
    /// Residents may change or cancel until this moment.
    pub change_deadline: PublicDaysBefore,
    /// The first and last bookable dates, when the municipality limits them.
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
    /// How long a chosen slot is held while the form is filled in.
    pub hold_minutes: u16,
    /// Names and addresses are never asked (PII-free mode).
    pub pii_free: bool,
}

/// The municipality's site: name, service name, whether it is open.
#[utoipa::path(tag = "public", params(("tenant" = String, Path, description = "The municipality's slug")), responses((status = 200, body = SiteInfo), (status = 404, description = "`tenant.not_found`", body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/site")]
pub async fn site(state: web::Data<AppState>, tenant: web::Path<String>) -> ApiResult<HttpResponse> {
    let tenant = resolve(&state, &tenant).await?;
    let stored = settings::get(&state.db, &tenant.scope()).await?;
    let s = stored.settings;
    let rules = booking_rules::get(&state.db, &tenant.scope()).await?;
    let booking = PublicBookingRules {
        opens: rules.rules.opens.into(),
        closes: rules.rules.closes.into(),
        change_deadline: rules.rules.change_deadline.into(),
        first_date: rules.rules.first_date,
        last_date: rules.rules.last_date,
        hold_minutes: rules.hold_minutes,
        pii_free: rules.pii_free,
    };
    let body = SiteInfo {
        slug: tenant.slug.as_str().to_owned(),
        service_name: s.service_name,
        // A municipality switched off by the operator is closed, whatever its setting.
        public: s.site_public && !tenant.disabled,
        closed_message: s.closed_message,
        has_logo: stored.has_logo,
        name: tenant.name,
        contact: PublicContact { phone: s.contact_phone, hours: s.contact_hours },
        booking,
    };
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-cache")).json(body))
}

/// The municipality's header logo.
#[utoipa::path(tag = "public", params(("tenant" = String, Path)), responses((status = 200, description = "The image", content_type = "image/png", body = Vec<u8>), (status = 404, description = "`logo.not_found`", body = Problem, content_type = "application/problem+json")))]
#[get("/public/{tenant}/logo")]
pub async fn logo(state: web::Data<AppState>, tenant: web::Path<String>) -> ApiResult<HttpResponse> {
    let tenant = resolve(&state, &tenant).await?;
    let (content_type, bytes, updated_at) =
        settings::logo(&state.db, &tenant.scope()).await?.ok_or(ApiError::NotFound(ProblemCode::LogoNotFound))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Type", content_type))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .insert_header(("ETag", format!("\"{}\"", updated_at.timestamp_millis())))
        .body(bytes))
}
