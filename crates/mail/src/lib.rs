//! Mail: the texts residents receive and the transports that carry them (SMTP, or
//! `.eml` files when no SMTP server is configured). Mails are written to the
//! database outbox in the booking's transaction and sent by a worker, so a booking
//! never waits for, nor fails with, the mail server.

pub mod ics;
pub mod templates;
pub mod transport;

pub use templates::{BookingMail, CalendarInfo, MailKind, MailTemplate, RenderedMail};
pub use transport::{MailError, Transport};
