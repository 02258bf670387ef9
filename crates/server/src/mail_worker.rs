//! Sends what the outbox holds. Every node runs one; leases keep them from sending
//! the same mail twice, and a mail marked sent is never sent again after a restart.

use std::time::Duration;

use std::sync::Arc;

use chrono::TimeDelta;
use madoguchi_http::Clock;
use madoguchi_http::keys::{KeyError, Keys};
use madoguchi_mail::{RenderedMail, Transport};
use madoguchi_persistence::DatabaseConnection;
use madoguchi_persistence::mail_outbox::{self, ClaimedMail, places};

/// How long a claimed mail stays with this node before another may try it.
const LEASE: TimeDelta = TimeDelta::minutes(2);
const BATCH: u64 = 20;

/// The claimed mail opened with its tenant's keys: recipient and mail.
async fn opened(db: &DatabaseConnection, keys: &Keys, item: &ClaimedMail) -> Result<(String, RenderedMail), KeyError> {
    let open = |place, value| keys.open(db, item.tenant_id, place, value);
    let to = open(places::TO, &item.mail.to).await?;
    let subject = open(places::SUBJECT, &item.mail.subject).await?;
    let body = open(places::BODY, &item.mail.body).await?;
    let ics = match &item.mail.ics {
        Some(ics) => Some(open(places::ICS, ics).await?),
        None => None,
    };
    Ok((to, RenderedMail { sender_name: item.mail.sender_name.clone(), subject, body, ics }))
}

/// Sends one batch of due mails; returns how many were tried.
pub async fn send_due(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    keys: &Keys,
    transport: &Transport,
    from: &str,
) -> usize {
    let claimed = match mail_outbox::claim_due(db, clock.now(), BATCH, LEASE).await {
        Ok(claimed) => claimed,
        Err(error) => {
            tracing::warn!(%error, "claiming mails failed");
            return 0;
        }
    };
    for item in &claimed {
        let outcome = match opened(db, keys, item).await {
            Ok((to, rendered)) => transport.send(from, &to, &rendered, &item.id.to_string()).await,
            Err(error) => {
                tracing::error!(mail = %item.id, %error, "a queued mail cannot be opened");
                Err(madoguchi_mail::MailError::Build("the mail cannot be opened with the tenant's keys".to_owned()))
            }
        };
        let recorded = match &outcome {
            Ok(()) => mail_outbox::mark_sent(db, item, clock.now()).await,
            Err(error) => {
                // The address is personal data: log the mail's id and kind only.
                tracing::warn!(mail = %item.id, kind = %item.mail.kind, attempts = item.attempts + 1, %error, "sending a mail failed; it will be retried");
                mail_outbox::mark_failed(db, item, &error.to_string(), clock.now()).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(mail = %item.id, %error, "recording a mail's outcome failed");
        }
    }
    claimed.len()
}

/// Runs until the process stops: a batch whenever there is work, a pause otherwise.
pub async fn run(db: DatabaseConnection, clock: Arc<dyn Clock>, keys: Keys, transport: Transport, from: String) {
    loop {
        if send_due(&db, clock.as_ref(), &keys, &transport, &from).await == 0 {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
}
