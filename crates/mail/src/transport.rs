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

    /// # Errors
    /// Bad addresses, or the transport's failure.
    pub async fn send(&self, from: &str, to: &str, mail: &RenderedMail) -> Result<(), MailError> {
        let message = build(from, to, mail)?;
        match self {
            Self::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
            Self::Files(files) => files.send(message).await.map(drop).map_err(|e| MailError::Send(e.to_string())),
        }
    }
}

fn build(from: &str, to: &str, mail: &RenderedMail) -> Result<Message, MailError> {
    let from: Mailbox = from.parse().map_err(|_| MailError::Address(from.to_owned()))?;
    let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
    let builder = Message::builder().from(from).to(to).subject(mail.subject.clone());
    let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.body.clone());
    let message = match &mail.ics {
        Some(ics) => {
            let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
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
