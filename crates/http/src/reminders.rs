//! The reminder mail some days before a visit, when the tenant turned it on. A
//! periodic task on every node; each booking's reminder is claimed by a conditional
//! update in the transaction that queues the mail, so it goes out once.

use std::collections::HashMap;

use chrono::{Duration, NaiveTime};
use madoguchi_domain::ids::{LocationId, ProcedureId};
use madoguchi_mail::MailKind;
use madoguchi_persistence::{TenantScope, booking_desk, booking_rules, database, mail_outbox, tenants};

use crate::problem::ApiResult;
use crate::services::booking_mail::{MailContext, mail_context};
use crate::state::AppState;
use madoguchi_domain::time::{day_end, day_start, tokyo};

/// Reminders go out from this time of day, not at midnight.
const SEND_FROM: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(time) => time,
    None => NaiveTime::MIN,
};

/// Queues the reminders that are due now; returns how many.
///
/// # Errors
/// Database failures.
pub async fn enqueue_due(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let local = now.with_timezone(&tokyo()).naive_local();
    if local.time() < SEND_FROM {
        return Ok(0);
    }
    let mut queued = 0;
    for (tenant_id, days_before) in booking_rules::reminder_tenants(&state.db).await? {
        let scope = TenantScope::from_verified(tenant_id);
        let tenant = match tenants::get(&state.db, &scope).await {
            Ok(tenant) => tenant,
            // A municipality no longer served (its keys destroyed) has nobody to remind.
            Err(madoguchi_persistence::PersistenceError::NotFound) => continue,
            Err(other) => return Err(other.into()),
        };
        let day = local.date() + Duration::days(i64::from(days_before));
        let (from, until) = (day_start(day), day_end(day));
        let mut contexts: HashMap<(LocationId, ProcedureId), MailContext> = HashMap::new();
        for details in
            booking_desk::awaiting_reminder(&state.db, &scope, &state.vault(&scope).await?, from, until).await?
        {
            let Some(to) = details.email.clone() else { continue };
            let key = (details.booking.location, details.booking.procedure);
            let context = match contexts.entry(key) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(mail_context(state, &tenant, key.0, key.1).await?)
                }
            };
            let mut mail = context.mail(MailKind::Reminder, &details.booking, None, now);
            mail.days_before = days_before;
            let rendered = mail.render_with(&context.template(MailKind::Reminder));
            let txn = database::begin_write(&state.db).await?;
            if booking_desk::claim_reminder(&txn, &scope, details.booking.id, now).await? {
                let outgoing = mail_outbox::OutgoingMail {
                    sender_name: rendered.sender_name,
                    kind: MailKind::Reminder.as_str().to_owned(),
                    to,
                    subject: rendered.subject,
                    body: rendered.body,
                    ics: rendered.ics,
                };
                mail_outbox::enqueue(&txn, &scope, outgoing, now, context.sealing_key()).await?;
                queued += 1;
            }
            txn.commit().await?;
        }
    }
    Ok(queued)
}
