//! Carrying a mail: SMTP when a server is configured, otherwise `.eml` files in the
//! data directory (the embedded default: nothing to install, mails easy to read).

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::RenderedMail;

/// What went wrong, in words that hold no mail address: the text is logged and kept
/// in the outbox, and an address is personal data.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the {0} address cannot be used")]
    Address(&'static str),
    #[error("the mail cannot be built: {0}")]
    Build(String),
    #[error("sending failed: {0}")]
    Send(String),
}

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder only the service's user may open.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
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
                private(&outbox, 0o700)?;
                Ok(Self::Files(AsyncFileTransport::<Tokio1Executor>::new(outbox.clone()), outbox))
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
            Self::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| MailError::Send(without_addresses(&e))),
            Self::Files(files, folder) => {
                let id = files.send(message).await.map_err(|e| MailError::Send(without_addresses(&e)))?;
                // A mail may hold a booking's password: readable by the service's user only.
                private(&folder.join(format!("{id}.eml")), 0o600)
            }
        }
    }
}

/// Gives `path` the Unix permissions `mode` (nothing elsewhere).
fn private(path: &std::path::Path, mode: u32) -> Result<(), MailError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| MailError::Build(format!("{}: {e}", path.display())))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// A server's refusal often quotes the recipient (`550 5.1.1 <taro@example.jp>: User
/// unknown`): every word holding an `@` is replaced.
fn without_addresses(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .split(' ')
        .map(|word| if word.contains('@') { "[address]" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

fn build(from: &str, to: &str, mail: &RenderedMail, id: &str) -> Result<Message, MailError> {
    let address: Mailbox = from.parse().map_err(|_| MailError::Address("sender"))?;
    let domain = address.email.domain().to_owned();
    let name = mail.sender_name.trim();
    let from = Mailbox::new((!name.is_empty()).then(|| name.to_owned()).or(address.name), address.email);
    let to: Mailbox = to.parse().map_err(|_| MailError::Address("recipient"))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_kept_without_the_address() {
        let refusal = "permanent error (550): 5.1.1 <taro.yamada@example.jp>: Recipient address rejected";
        let kept = without_addresses(&refusal);
        assert!(!kept.contains("taro"), "{kept}");
        assert!(kept.contains("Recipient address rejected"), "{kept}");
        assert_eq!(MailError::Address("recipient").to_string(), "the recipient address cannot be used");
    }
}
