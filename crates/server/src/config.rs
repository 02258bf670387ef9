//! Configuration from the environment (and a `.env` file), as design.md lists it.

use std::path::PathBuf;

use anyhow::{Context, bail};

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub data_dir: PathBuf,
    pub demo: bool,
    pub jwt_secret: Option<String>,
    pub encryption_key: Option<String>,
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
            bind: var("MADOGUCHI_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            demo: flag("MADOGUCHI_DEMO")?,
            jwt_secret: var("MADOGUCHI_JWT_SECRET"),
            encryption_key: var("MADOGUCHI_ENCRYPTION_KEY"),
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
            clock_start: var("MADOGUCHI_CLOCK_START")
                .map(|v| chrono::DateTime::parse_from_rfc3339(&v).map(|t| t.to_utc()))
                .transpose()
                .context("MADOGUCHI_CLOCK_START must be an RFC 3339 instant such as 2026-12-31T23:58:00+09:00")?,
            data_dir,
        })
    }
}
