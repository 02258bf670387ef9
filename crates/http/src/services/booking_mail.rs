//! The mails a booking sends: what every mail says besides the booking (the tenant's
//! words, the place, the look-up link), written to the outbox in the booking's own
//! transaction.

use chrono::{DateTime, Utc};
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_domain::time::tokyo;
use madoguchi_persistence::{bookings, procedures};

use crate::problem::ApiResult;
use crate::state::AppState;

/// What every mail of a booking says besides the booking itself.
pub struct MailContext {
    service_name: String,
    municipality: String,
    procedure: String,
    location: String,
    address: String,
    /// The look-up page; each mail links to it with its number and mail key.
    lookup_url: String,
    tenant: madoguchi_domain::ids::TenantId,
    keys: std::sync::Arc<crate::auth::tokens::TokenKeys>,
    contact_phone: String,
    contact_hours: String,
    what_to_bring: String,
    /// The address mails come from, the calendar events' organizer.
    mail_from: String,
    /// The tenant's data key, which seals the mails in the outbox.
    sealing: std::sync::Arc<madoguchi_vault::DataKey>,
    /// The tenant's own wording by kind; the default for a kind absent here.
    templates: std::collections::HashMap<String, madoguchi_persistence::mail_templates::StoredTemplate>,
}

impl MailContext {
    /// The key mails of this context are sealed with in the outbox.
    #[must_use]
    pub fn sealing_key(&self) -> &madoguchi_vault::DataKey {
        &self.sealing
    }

    pub fn template(&self, kind: madoguchi_mail::MailKind) -> madoguchi_mail::MailTemplate {
        self.templates.get(kind.as_str()).map_or_else(
            || kind.default_template(),
            |t| madoguchi_mail::MailTemplate { subject: t.subject.clone(), body: t.body.clone() },
        )
    }

    /// The look-up page with the booking's number filled in and the key proving the
    /// mail is held (see [`crate::auth::tokens::TokenKeys::mail_key`]).
    fn lookup_link(&self, booking: &bookings::Booking) -> String {
        let number = booking.reception_number.to_string();
        let key = self.keys.mail_key(self.tenant, &number);
        format!("{}?n={number}&k={key}", self.lookup_url)
    }

    /// The mail about `booking` as it stood before the change the mail tells of (as
    /// booked, for the confirmation): the calendar's SEQUENCE is its version then, so a
    /// change or a cancellation always outranks what the resident's calendar holds.
    pub fn mail(
        &self,
        kind: madoguchi_mail::MailKind,
        booking: &bookings::Booking,
        password: Option<String>,
        now: DateTime<Utc>,
    ) -> madoguchi_mail::BookingMail {
        use madoguchi_mail::MailKind;
        let sequence = match kind {
            MailKind::Confirmation | MailKind::Reminder | MailKind::PasswordReissued | MailKind::DuplicateAttempt => {
                booking.version.saturating_sub(1)
            }
            MailKind::Change | MailKind::Cancellation => booking.version,
        };
        madoguchi_mail::BookingMail {
            kind,
            service_name: self.service_name.clone(),
            municipality: self.municipality.clone(),
            reception_number: booking.reception_number.to_string(),
            password,
            procedure: self.procedure.clone(),
            location: self.location.clone(),
            location_address: self.address.clone(),
            start: booking.start.with_timezone(&tokyo()).naive_local(),
            end: booking.end.with_timezone(&tokyo()).naive_local(),
            places: booking.places,
            lookup_url: self.lookup_link(booking),
            days_before: 0,
            contact_phone: self.contact_phone.clone(),
            contact_hours: self.contact_hours.clone(),
            calendar: madoguchi_mail::CalendarInfo {
                uid: format!("{}@madoguchi", booking.id.0),
                sequence,
                stamp: now,
                organizer_email: self.mail_from.clone(),
            },
            notice: None,
            what_to_bring: self.what_to_bring.clone(),
        }
    }
}

pub async fn mail_context(
    state: &AppState,
    tenant: &madoguchi_persistence::tenants::Tenant,
    location: LocationId,
    procedure: ProcedureId,
) -> ApiResult<MailContext> {
    let scope = tenant.scope();
    let settings = madoguchi_persistence::settings::get(&state.db, &scope).await?.settings;
    let place =
        madoguchi_persistence::locations::list(&state.db, &scope, false).await?.into_iter().find(|l| l.id == location);
    let (procedure, what_to_bring) = procedures::list(&state.db, &scope, false)
        .await?
        .into_iter()
        .find(|p| p.id == procedure)
        .map(|p| (p.name, p.what_to_bring))
        .unwrap_or_default();
    Ok(MailContext {
        service_name: settings.service_name,
        municipality: tenant.name.clone(),
        procedure,
        location: place.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
        address: place.map(|l| l.address).unwrap_or_default(),
        lookup_url: format!("{}/r/{}/lookup", state.options.public_url, tenant.slug),
        tenant: tenant.id,
        keys: state.tokens.clone(),
        contact_phone: settings.contact_phone,
        contact_hours: settings.contact_hours,
        what_to_bring,
        mail_from: state.options.mail_from.clone(),
        sealing: state.keys.current(&state.db, tenant.id.0).await?,
        templates: madoguchi_persistence::mail_templates::all(&state.db, &scope).await?,
    })
}

/// Puts the booking's mail in the outbox, in the caller's transaction: the mail goes
/// out if and only if the change is committed.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue_mail(
    txn: &impl madoguchi_persistence::ConnectionTrait,
    scope: &madoguchi_persistence::TenantScope,
    context: &MailContext,
    kind: madoguchi_mail::MailKind,
    to: Option<&str>,
    booking: &bookings::Booking,
    password: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    enqueue_with_notice(txn, scope, context, (kind, None), to, booking, password, now).await
}

/// As [`enqueue_mail`], with the municipality's notice before the body.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue_with_notice(
    txn: &impl madoguchi_persistence::ConnectionTrait,
    scope: &madoguchi_persistence::TenantScope,
    context: &MailContext,
    (kind, notice): (madoguchi_mail::MailKind, Option<&str>),
    to: Option<&str>,
    booking: &bookings::Booking,
    password: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some(to) = to else { return Ok(()) };
    let mut mail = context.mail(kind, booking, password, now);
    mail.notice = notice.map(str::to_owned);
    let rendered = mail.render_with(&context.template(kind));
    let mail = madoguchi_persistence::mail_outbox::OutgoingMail {
        sender_name: rendered.sender_name,
        kind: kind.as_str().to_owned(),
        to: to.to_owned(),
        subject: rendered.subject,
        body: rendered.body,
        ics: rendered.ics,
    };
    madoguchi_persistence::mail_outbox::enqueue(txn, scope, mail, now, context.sealing_key()).await?;
    Ok(())
}
