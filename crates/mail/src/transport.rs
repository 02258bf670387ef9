//! Carrying a mail: SMTP when a server is configured, otherwise `.eml` files in the
//! data directory (the embedded default: nothing to install, mails easy to read).

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::RenderedMail;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address `{0}` cannot be used")]
    Address(String),
    #[error("the mail cannot be built: {0}")]
    Build(String),
    #[error("sending failed: {0}")]
    Send(String),
}

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    /// SMTP for `smtp_url` (`smtp://host:port`, `smtps://…`), else files under `outbox`.
    ///
    /// # Errors
    /// An unusable URL, or an outbox folder that cannot be made.
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf) -> Result<Self, MailError> {
        match smtp_url {
            Some(url) => Ok(Self::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::Build(e.to_string()))?
                    .build(),
            )),
            None => {
                std::fs::create_dir_all(&outbox).map_err(|e| MailError::Build(format!("{}: {e}", outbox.display())))?;
                Ok(Self::Files(AsyncFileTransport::<Tokio1Executor>::new(outbox)))
            }
        }
    }

    /// Sends `mail` from the service's address under its name. `id` makes the
    /// Message-ID, so a mail sent again after a failure keeps it.
    ///
    /// # Errors
    /// Bad addresses, or the transport's failure.
    pub async fn send(&self, from: &str, to: &str, mail: &RenderedMail, id: &str) -> Result<(), MailError> {
        let message = build(from, to, mail, id)?;
        match self {
            Self::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
            Self::Files(files) => files.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
        }
    }
}

fn build(from: &str, to: &str, mail: &RenderedMail, id: &str) -> Result<Message, MailError> {
    let address: Mailbox = from.parse().map_err(|_| MailError::Address(from.to_owned()))?;
    let domain = address.email.domain().to_owned();
    let name = mail.sender_name.trim();
    let from = Mailbox::new((!name.is_empty()).then(|| name.to_owned()).or(address.name), address.email);
    let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
    let builder =
        Message::builder().from(from).to(to).subject(mail.subject.clone()).message_id(Some(format!("<{id}@{domain}>")));
    let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.body.clone());
    let message = match &mail.ics {
        Some(ics) => {
            // The part's method must be the calendar's own (RFC 6047).
            let method = if ics.contains("\r\nMETHOD:CANCEL\r\n") { "CANCEL" } else { "PUBLISH" };
            let calendar = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|e| MailError::Build(e.to_string()))?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(text)
                    .singlepart(Attachment::new("yoyaku.ics".to_owned()).body(ics.clone(), calendar)),
            )
        }
        None => builder.singlepart(text),
    };
    message.map_err(|e| MailError::Build(e.to_string()))
}
