//! Configuration from the environment (and a `.env` file), as design.md lists it.

use std::path::PathBuf;

use anyhow::{Context, bail};

#[derive(Clone)]
pub struct Config {
    /// What the service connects as.
    pub database_url: String,
    /// The tables' owner, who migrates (PostgreSQL): when set, the service connects as
    /// the role of `database_url`, which the owner makes and keeps to least privilege.
    pub migration_database_url: Option<String>,
    pub bind: String,
    pub data_dir: PathBuf,
    pub demo: bool,
    pub jwt_secret: Option<String>,
    pub encryption_key: Option<String>,
    /// The key-encryption key before the current one, while a rotation is under way.
    pub previous_encryption_key: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub public_url: String,
    /// Behind our own reverse proxy: read the client address from `X-Forwarded-For`.
    pub trust_forwarded: bool,
    /// The Japanese font PDFs embed; Debian's Noto Sans CJK or IPAex Gothic when absent.
    pub pdf_font: Option<PathBuf>,
    pub resident_dist: PathBuf,
    pub staff_dist: PathBuf,
    /// HTTP worker threads; the number of cores when absent.
    pub workers: Option<usize>,
    /// How often each node looks for reminder mails that are due.
    pub reminder_interval: std::time::Duration,
    /// How many requests reading large files (imports, page scans) a node serves at
    /// once, and how long another waits for its turn before `503 server.busy`.
    pub heavy_requests: usize,
    pub heavy_wait: std::time::Duration,
    /// For tests only: the instant the application's clock starts at (it runs on from
    /// there); the system clock when absent.
    pub clock_start: Option<chrono::DateTime<chrono::Utc>>,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn flag(name: &str) -> anyhow::Result<bool> {
    match var(name).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => bail!("{name} must be 0 or 1, not `{other}`"),
    }
}

impl Config {
    /// # Errors
    /// When a variable holds something unusable.
    pub fn from_env() -> anyhow::Result<Self> {
        let data_dir = PathBuf::from(var("MADOGUCHI_DATA_DIR").unwrap_or_else(|| "data".to_owned()));
        let default_db = format!("sqlite://{}?mode=rwc", data_dir.join("madoguchi.db").display());
        let workers = var("MADOGUCHI_WORKERS")
            .map(|w| w.parse::<usize>().context("MADOGUCHI_WORKERS must be a number"))
            .transpose()?;
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or(default_db),
            migration_database_url: var("MADOGUCHI_MIGRATION_DATABASE_URL"),
            bind: var("MADOGUCHI_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            demo: flag("MADOGUCHI_DEMO")?,
            jwt_secret: var("MADOGUCHI_JWT_SECRET"),
            encryption_key: var("MADOGUCHI_ENCRYPTION_KEY"),
            previous_encryption_key: var("MADOGUCHI_PREVIOUS_ENCRYPTION_KEY"),
            smtp_url: var("MADOGUCHI_SMTP_URL"),
            mail_from: var("MADOGUCHI_MAIL_FROM").unwrap_or_else(|| "no-reply@madoguchi.invalid".to_owned()),
            public_url: var("MADOGUCHI_PUBLIC_URL").unwrap_or_else(|| "http://127.0.0.1:8080".to_owned()),
            trust_forwarded: flag("MADOGUCHI_TRUST_FORWARDED")?,
            pdf_font: var("MADOGUCHI_PDF_FONT").map(PathBuf::from),
            resident_dist: PathBuf::from(
                var("MADOGUCHI_RESIDENT_DIST").unwrap_or_else(|| "frontend-resident/dist".to_owned()),
            ),
            staff_dist: PathBuf::from(var("MADOGUCHI_STAFF_DIST").unwrap_or_else(|| "frontend-staff/dist".to_owned())),
            workers,
            reminder_interval: std::time::Duration::from_secs(60),
            heavy_requests: var("MADOGUCHI_HEAVY_REQUESTS")
                .map(|v| {
                    v.parse::<usize>()
                        .ok()
                        .filter(|n| *n > 0)
                        .context("MADOGUCHI_HEAVY_REQUESTS must be a number above 0")
                })
                .transpose()?
                .unwrap_or(2),
            heavy_wait: std::time::Duration::from_secs(
                var("MADOGUCHI_HEAVY_WAIT_SECONDS")
                    .map(|v| v.parse::<u64>().context("MADOGUCHI_HEAVY_WAIT_SECONDS must be a number of seconds"))
                    .transpose()?
                    .unwrap_or(30),
            ),
            clock_start: var("MADOGUCHI_CLOCK_START")
                .map(|v| chrono::DateTime::parse_from_rfc3339(&v).map(|t| t.to_utc()))
                .transpose()
                .context("MADOGUCHI_CLOCK_START must be an RFC 3339 instant such as 2026-12-31T23:58:00+09:00")?,
            data_dir,
        })
    }
}

/// Secrets never reach a log line: keys are shown as set or not, and the passwords in
/// the database and SMTP addresses as `****`.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |value: &Option<String>| if value.is_some() { "****" } else { "(generated)" };
        f.debug_struct("Config")
            .field("database_url", &redact_password(&self.database_url))
            .field("migration_database_url", &self.migration_database_url.as_deref().map(redact_password))
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("demo", &self.demo)
            .field("jwt_secret", &secret(&self.jwt_secret))
            .field("encryption_key", &secret(&self.encryption_key))
            .field("previous_encryption_key", &self.previous_encryption_key.as_ref().map(|_| "****"))
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_password))
            .field("mail_from", &self.mail_from)
            .field("public_url", &self.public_url)
            .field("trust_forwarded", &self.trust_forwarded)
            .field("pdf_font", &self.pdf_font)
            .field("workers", &self.workers)
            .field("heavy_requests", &self.heavy_requests)
            .field("heavy_wait", &self.heavy_wait)
            .field("clock_start", &self.clock_start)
            .finish_non_exhaustive()
    }
}

/// `scheme://user:password@host/…` with the password replaced by `****`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((credentials, host)) = rest.split_once('@') else { return url.to_owned() };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:****@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_shows_no_secret() {
        let config = Config {
            database_url: "postgres://madoguchi:hunter2-db@db/madoguchi".to_owned(),
            migration_database_url: Some("postgres://owner:hunter2-owner@db/madoguchi".to_owned()),
            bind: "127.0.0.1:8080".to_owned(),
            data_dir: PathBuf::from("data"),
            demo: false,
            jwt_secret: Some("a-signing-key-nobody-may-read-0123".to_owned()),
            encryption_key: Some("an-encryption-key-nobody-may-read".to_owned()),
            previous_encryption_key: Some("a-former-key-nobody-may-read-either".to_owned()),
            smtp_url: Some("smtp://mailer:hunter2-smtp@mail:587".to_owned()),
            mail_from: "no-reply@example.jp".to_owned(),
            public_url: "https://example.jp".to_owned(),
            trust_forwarded: true,
            pdf_font: None,
            resident_dist: PathBuf::from("r"),
            staff_dist: PathBuf::from("s"),
            workers: None,
            reminder_interval: std::time::Duration::from_secs(60),
            heavy_requests: 2,
            heavy_wait: std::time::Duration::from_secs(30),
            clock_start: None,
        };
        let shown = format!("{config:?}");
        for secret in ["hunter2-db", "hunter2-owner", "hunter2-smtp", "nobody-may-read"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("postgres://madoguchi:****@db/madoguchi"), "{shown}");
    }
}
