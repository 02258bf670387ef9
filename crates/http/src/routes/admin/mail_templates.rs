//! Administrators word their tenant's mails: confirmation, change, cancellation and
//! reminder, with placeholders for the booking's values; preview them and send a
//! test mail before residents see them.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use madoguchi_domain::applicant::Email;
use madoguchi_domain::ids::{BookingId, LocationId, ProcedureId};
use madoguchi_domain::reception::ReceptionNumber;
use madoguchi_domain::{FieldError, FieldErrors};
use madoguchi_mail::templates::PLACEHOLDERS;
use madoguchi_mail::{MailKind, MailTemplate};
use madoguchi_persistence::{bookings, database, locations, mail_outbox, mail_templates, procedures, tenants};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::auth::{Admin, Staff};
use crate::extract::ValidJson;
use crate::problem::{ApiError, ApiResult, Problem, ProblemCode};
use crate::services::booking_mail::{MailContext, mail_context};
use crate::state::AppState;
use madoguchi_domain::time::{to_utc, tokyo};

#[derive(Debug, Serialize, ToSchema)]
pub struct MailTemplateView {
    /// `confirmation`, `change`, `cancellation`, `reminder`.
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// False while the service's default wording is used.
    pub customised: bool,
    pub updated_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceholderView {
    /// Written `{name}` in a template.
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailTemplates {
    pub templates: Vec<MailTemplateView>,
    pub placeholders: Vec<PlaceholderView>,
}

fn kind_of(text: &str) -> ApiResult<MailKind> {
    MailKind::parse(text).ok_or(ApiError::NotFound(ProblemCode::MailTemplateUnknownKind))
}

/// Every mail kind's wording, the tenant's or the default, and the placeholders.
#[utoipa::path(tag = "settings", security(("bearer" = [])), responses((status = 200, body = MailTemplates)))]
#[get("/admin/settings/mail-templates")]
pub async fn list_mail_templates(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
) -> ApiResult<web::Json<MailTemplates>> {
    let stored = mail_templates::all(&state.db, &staff.scope).await?;
    let templates = MailKind::ALL
        .into_iter()
        .map(|kind| match stored.get(kind.as_str()) {
            Some(t) => MailTemplateView {
                kind: kind.as_str().to_owned(),
                subject: t.subject.clone(),
                body: t.body.clone(),
                customised: true,
                updated_at: Some(t.updated_at.with_timezone(&tokyo())),
            },
            None => {
                let t = kind.default_template();
                MailTemplateView {
                    kind: kind.as_str().to_owned(),
                    subject: t.subject,
                    body: t.body,
                    customised: false,
                    updated_at: None,
                }
            }
        })
        .collect();
    let placeholders = PLACEHOLDERS
        .iter()
        .map(|(name, description)| PlaceholderView { name: (*name).to_owned(), description: (*description).to_owned() })
        .collect();
    Ok(web::Json(MailTemplates { templates, placeholders }))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailTemplateBody {
    /// One line, up to 200 characters: not blank, no control characters; only known
    /// `{placeholder}`s, and never `{password}`.
    #[schema(
        max_length = 200,
        pattern = r"^(?=[^{]*(?:\{(?:service_name|municipality|reception_number|procedure|slot|location|location_address|places|lookup_url|days_before|contact|what_to_bring)\}[^{]*)*(?:\{[^}]*)?$)[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F](?:[^\u0000-\u001F\u007F-\u009F]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\u0000-\u001F\u007F-\u009F])?[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub subject: String,
    /// Up to 10,000 characters, not blank; `{placeholder}`s (only known ones) are filled
    /// in. Line breaks and tabs are the only control characters.
    #[schema(
        max_length = 10000,
        pattern = r"^(?=[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$)(?=[^{]*(?:\{(?:service_name|municipality|reception_number|password|procedure|slot|location|location_address|places|lookup_url|days_before|contact|what_to_bring)\}[^{]*)*(?:\{[^}]*)?$)[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    )]
    pub body: String,
}

fn checked(kind: MailKind, body: &MailTemplateBody) -> ApiResult<MailTemplate> {
    let template = MailTemplate { subject: body.subject.trim().to_owned(), body: body.body.replace("\r\n", "\n") };
    template.check(kind).map_err(|faults| {
        let mut errors = FieldErrors::new();
        for fault in faults {
            errors.push(FieldError::new(fault.field, fault.code, fault.message));
        }
        ApiError::from(errors)
    })?;
    Ok(template)
}

/// Replaces a mail kind's wording for this tenant.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = [])),
    params(("kind" = String, Path, pattern = "^(confirmation|change|cancellation|reminder|password_reissued|duplicate_attempt)$", description = "`confirmation`, `change`, `cancellation`, `reminder`, `password_reissued`, `duplicate_attempt`")),
    request_body = MailTemplateBody,
    responses(
        (status = 204, description = "Saved"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`template.unknown_placeholder`, `template.missing_placeholder`, …", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/settings/mail-templates/{kind}")]
pub async fn put_mail_template(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    kind: web::Path<String>,
    body: ValidJson<MailTemplateBody>,
) -> ApiResult<HttpResponse> {
    let kind = kind_of(&kind)?;
    let template = checked(kind, &body.0)?;
    let txn = database::begin_write(&state.db).await?;
    mail_templates::save(&txn, &staff.scope, kind.as_str(), &template.subject, &template.body, state.clock.now())
        .await?;
    staff
        .audit(
            &txn,
            &state,
            "mail_template.update",
            "mail_template",
            Some(kind.as_str().to_owned()),
            json!({ "subject": template.subject }),
        )
        .await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Goes back to the service's default wording.
#[utoipa::path(tag = "settings", security(("bearer" = [])), params(("kind" = String, Path)), responses((status = 204, description = "Default wording again")))]
#[delete("/admin/settings/mail-templates/{kind}")]
pub async fn reset_mail_template(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    kind: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let kind = kind_of(&kind)?;
    let txn = database::begin_write(&state.db).await?;
    if mail_templates::reset(&txn, &staff.scope, kind.as_str()).await? {
        staff
            .audit(&txn, &state, "mail_template.reset", "mail_template", Some(kind.as_str().to_owned()), json!({}))
            .await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MailPreview {
    pub subject: String,
    pub body: String,
}

/// A sample booking at the tenant's first counter, to show a template filled in.
async fn sample(state: &AppState, staff: &Staff<Admin>) -> ApiResult<(MailContext, bookings::Booking)> {
    let tenant = tenants::get(&state.db, &staff.scope).await?;
    let location = locations::list(&state.db, &staff.scope, true)
        .await?
        .into_iter()
        .next()
        .map_or(LocationId(uuid::Uuid::nil()), |l| l.id);
    let procedure = procedures::list(&state.db, &staff.scope, true)
        .await?
        .into_iter()
        .next()
        .map_or(ProcedureId(uuid::Uuid::nil()), |p| p.id);
    let context = mail_context(state, &tenant, location, procedure).await?;
    let day = state.clock.now().with_timezone(&tokyo()).date_naive() + chrono::Duration::days(7);
    let at = |h| to_utc(day.and_hms_opt(h, 0, 0).unwrap_or_else(|| NaiveDate::MIN.and_time(chrono::NaiveTime::MIN)));
    let booking = bookings::Booking {
        id: BookingId(uuid::Uuid::nil()),
        reception_number: ReceptionNumber::parse("1234567897").map_err(ApiError::invalid)?,
        location,
        procedure,
        start: at(10),
        end: at(10) + chrono::Duration::minutes(30),
        places: 1,
        status: madoguchi_domain::booking_status::BookingStatus::Booked,
        version: 1,
    };
    Ok((context, booking))
}

fn render(
    context: &MailContext,
    kind: MailKind,
    booking: &bookings::Booking,
    template: &MailTemplate,
    now: chrono::DateTime<chrono::Utc>,
) -> madoguchi_mail::RenderedMail {
    let sample_password =
        matches!(kind, MailKind::Confirmation | MailKind::PasswordReissued).then(|| "ACDE3FGH47".to_owned());
    let mut mail = context.mail(kind, booking, sample_password, now);
    mail.days_before = 1;
    mail.render_with(template)
}

/// The template filled in with a sample booking, before it is saved.
#[utoipa::path(
    tag = "settings",
    security(("bearer" = [])),
    params(("kind" = String, Path, pattern = "^(confirmation|change|cancellation|reminder|password_reissued|duplicate_attempt)$")),
    request_body = MailTemplateBody,
    responses((status = 200, body = MailPreview), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/settings/mail-templates/{kind}/preview")]
pub async fn preview_mail_template(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    kind: web::Path<String>,
    body: ValidJson<MailTemplateBody>,
) -> ApiResult<web::Json<MailPreview>> {
    let kind = kind_of(&kind)?;
    let template = checked(kind, &body.0)?;
    let (context, booking) = sample(&state, &staff).await?;
    let rendered = render(&context, kind, &booking, &template, state.clock.now());
    Ok(web::Json(MailPreview { subject: rendered.subject, body: rendered.body }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestMailRequest {
    /// Where to send the sample: a mail address (`name@example.jp`, at most 254
    /// characters, at most 64 before the `@`).
    #[schema(
        pattern = r"^[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?=[\u0021-\u007E\uFF01-\uFF5E\u2010-\u2015\u2212\u30FC\uFF70]{1,254}[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$)[\u0021-\u003F\u0041-\u007E\uFF01-\uFF1F\uFF21-\uFF5E\u2010-\u2015\u2212\u30FC\uFF70]{1,64}[@\uFF20][\u0021-\u002D\u002F-\u003F\u0041-\u007E\uFF01-\uFF0D\uFF0F-\uFF1F\uFF21-\uFF5E\u2010-\u2015\u2212\u30FC\uFF70]+(?:[.\uFF0E][\u0021-\u002D\u002F-\u003F\u0041-\u007E\uFF01-\uFF0D\uFF0F-\uFF1F\uFF21-\uFF5E\u2010-\u2015\u2212\u30FC\uFF70]+)+[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub to: String,
    /// A template to try before saving it; the stored one (or the default) when absent.
    pub template: Option<MailTemplateBody>,
}

/// Sends the template, filled in with a sample booking, to an address of the
/// administrator's choosing (through the outbox, like every mail).
#[utoipa::path(
    tag = "settings",
    security(("bearer" = [])),
    params(("kind" = String, Path, pattern = "^(confirmation|change|cancellation|reminder|password_reissued|duplicate_attempt)$")),
    request_body = TestMailRequest,
    responses((status = 202, description = "Queued"), (status = 422, body = Problem, content_type = "application/problem+json"))
)]
#[post("/admin/settings/mail-templates/{kind}/test")]
pub async fn test_mail_template(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    kind: web::Path<String>,
    body: ValidJson<TestMailRequest>,
) -> ApiResult<HttpResponse> {
    let ValidJson(body) = body;
    let kind = kind_of(&kind)?;
    let to = Email::parse(&body.to).map_err(|e| ApiError::invalid(FieldError { field: "to".to_owned(), ..e }))?;
    let (context, booking) = sample(&state, &staff).await?;
    let template = match &body.template {
        Some(given) => checked(kind, given)?,
        None => context.template(kind),
    };
    let rendered = render(&context, kind, &booking, &template, state.clock.now());
    let txn = database::begin_write(&state.db).await?;
    let mail = mail_outbox::OutgoingMail {
        sender_name: rendered.sender_name,
        kind: format!("test_{}", kind.as_str()),
        to: to.as_str().to_owned(),
        subject: format!("【テスト送信】{}", rendered.subject),
        body: rendered.body,
        ics: rendered.ics,
    };
    mail_outbox::enqueue(&txn, &staff.scope, mail, state.clock.now(), context.sealing_key()).await?;
    // The address is personal data of a colleague: the log keeps the kind only.
    staff.audit(&txn, &state, "mail_template.test", "mail_template", Some(kind.as_str().to_owned()), json!({})).await?;
    txn.commit().await?;
    Ok(HttpResponse::Accepted().finish())
}
