//! Wiring: the database, the keys, the HTTP server with the API, its document and
//! the SPAs.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use madoguchi_http::{AppState, Clock, HttpOptions, TokenKeys};
use madoguchi_persistence::{DatabaseConnection, database};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Config;
use crate::spa::{self, SpaDirs};
use crate::{demo, secrets};

pub struct Application {
    pub port: u16,
    pub db: DatabaseConnection,
    server: Server,
    mail: (madoguchi_mail::Transport, String),
    clock: Arc<dyn Clock>,
    state: AppState,
    reminder_interval: std::time::Duration,
}

/// The role a PostgreSQL address connects as.
fn service_role(url: &str) -> anyhow::Result<database::ServiceRole> {
    let parsed = url::Url::parse(url).context("DATABASE_URL is not a URL")?;
    let decode = |text: &str| percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned();
    let name = Some(decode(parsed.username())).filter(|n| !n.is_empty()).context("DATABASE_URL names no user")?;
    Ok(database::ServiceRole { name, password: parsed.password().map(decode) })
}

/// Opens the database and applies pending migrations: through the owner's connection
/// when `MADOGUCHI_MIGRATION_DATABASE_URL` is set (which then makes and keeps the
/// service's role), through the service's own otherwise.
///
/// # Errors
/// When the database cannot be reached, a migration fails or the service role cannot
/// be kept to its rights.
pub async fn open_database(config: &Config) -> anyhow::Result<DatabaseConnection> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    }
    if let Some(owner_url) = config.migration_database_url.as_deref() {
        let owner = database::connect(owner_url).await.context("cannot open the database as its owner")?;
        database::migrate(&owner).await.context("migrations failed")?;
        if config.database_url.starts_with("postgres") {
            database::grant_service_role(&owner, &service_role(&config.database_url)?)
                .await
                .context("the service's database role cannot be kept to its rights")?;
        }
        owner.close().await.ok();
        return database::connect(&config.database_url).await.context("cannot open the database");
    }
    let db = database::connect(&config.database_url).await.context("cannot open the database")?;
    database::migrate(&db).await.context("migrations failed")?;
    if config.database_url.starts_with("postgres") {
        tracing::warn!(
            "the service connects as the tables' owner, who could rewrite the audit log: set \
             MADOGUCHI_MIGRATION_DATABASE_URL to the owner and DATABASE_URL to a role of the service's own"
        );
    }
    Ok(db)
}

/// The tenants' data keys opened with the configured key (or the previous one), a
/// key made for each tenant without one.
///
/// # Errors
/// A key that does not open the stored data keys; database failures.
pub async fn loaded_keys(
    config: &Config,
    db: &madoguchi_persistence::DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<madoguchi_http::keys::Keys> {
    let encryption_key = secrets::load_or_create(config.encryption_key.as_deref(), &config.data_dir, "encryption_key")?;
    let previous = config.previous_encryption_key.as_deref().map(str::as_bytes);
    let keys = madoguchi_http::keys::Keys::new(&encryption_key, previous);
    keys.load(db, now).await.context(
        "the tenants' data keys cannot be opened: is MADOGUCHI_ENCRYPTION_KEY (or data/secrets/encryption_key) \
         the key this database was written with, or, during a rotation, MADOGUCHI_PREVIOUS_ENCRYPTION_KEY?",
    )?;
    Ok(keys)
}

/// The tenants' data keys, opened with the configured key; what was stored before
/// sealing began is sealed now, in batches (a pass that stops resumes at the next start).
///
/// # Errors
/// A key that does not open the stored data keys; database failures.
pub async fn open_keys(
    config: &Config,
    db: &madoguchi_persistence::DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<madoguchi_http::keys::Keys> {
    let keys = loaded_keys(config, db, now).await?;
    let sealed = keys.reseal(db, None).await.context("sealing data stored before encryption failed")?;
    let audit = seal_audit_details(config, db, &keys).await?;
    if sealed.total() + audit > 0 {
        madoguchi_persistence::database::compact_log(db).await.context("emptying the write-ahead log failed")?;
        tracing::info!(
            bookings = sealed.bookings,
            cards = sealed.cards,
            history = sealed.history,
            people = sealed.people,
            scans = sealed.scans,
            audit,
            "sealed personal data under the tenants' current keys"
        );
    }
    Ok(keys)
}

/// Seals the details of audit entries written before sealing began, through the tables'
/// owner (the service's own role may only add to the audit log); answers how many.
///
/// # Errors
/// The owner cannot connect or does not own the audit log; database failures.
async fn seal_audit_details(
    config: &Config,
    db: &madoguchi_persistence::DatabaseConnection,
    keys: &madoguchi_http::keys::Keys,
) -> anyhow::Result<u64> {
    use madoguchi_persistence::audit_log;
    if !audit_log::any_written_before_sealing(db).await? {
        return Ok(0);
    }
    let failed = "sealing the details of audit entries written before encryption failed";
    match config.migration_database_url.as_deref() {
        Some(owner_url) => {
            let owner = database::connect(owner_url).await.context("cannot open the database as its owner")?;
            let sealed = keys.seal_audit_details(&owner).await.context(failed);
            owner.close().await.ok();
            sealed
        }
        None => keys.seal_audit_details(db).await.context(failed),
    }
}

impl Application {
    /// Binds the listener and prepares the server; [`Application::run`] serves.
    ///
    /// # Errors
    /// When the database, the keys or the address are unusable.
    pub async fn build(config: &Config, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let db = open_database(config).await?;
        let jwt = secrets::load_or_create(config.jwt_secret.as_deref(), &config.data_dir, "jwt_secret")?;
        let keys = open_keys(config, &db, clock.now()).await?;
        if config.demo {
            demo::load(&db, &keys, clock.now()).await.context("loading the demo tenant failed")?;
            tracing::info!("{}", demo::banner(&config.public_url));
        }
        let state = AppState {
            db: db.clone(),
            clock: clock.clone(),
            tokens: Arc::new(TokenKeys::from_secret(&jwt)),
            options: HttpOptions {
                trust_forwarded: config.trust_forwarded,
                secure_cookies: config.public_url.starts_with("https://"),
                public_url: config.public_url.trim_end_matches('/').to_owned(),
                pdf_font: config.pdf_font.clone(),
                mail_from: config.mail_from.clone(),
            },
            ledger: Arc::new(madoguchi_persistence::card_ledger::Ledger),
            heavy: madoguchi_http::heavy_work::HeavyWork::new(config.heavy_requests, config.heavy_wait),
            keys,
        };
        let transport = madoguchi_mail::Transport::new(config.smtp_url.as_deref(), config.data_dir.join("outbox"))
            .context("the mail transport cannot be set up")?;
        let listener = TcpListener::bind(&config.bind).with_context(|| format!("cannot listen on {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let dirs = SpaDirs { resident: config.resident_dist.clone(), staff: config.staff_dist.clone() };
        let reminder_state = state.clone();
        let state = web::Data::new(state);
        let https = config.public_url.starts_with("https://");
        // The document as `madoguchi openapi` prints it: with the refusals every route
        // shares declared (not the bare one the registration builds).
        let document = madoguchi_http::openapi::document();
        madoguchi_http::openapi::prepare_declared_methods();
        let mut server = HttpServer::new(move || {
            let dirs = dirs.clone();
            let document = document.clone();
            let (app, _) = madoguchi_http::register(
                App::new()
                    .wrap(from_fn(madoguchi_http::middleware::catch_panics))
                    .wrap(Compress::default())
                    .wrap(from_fn(madoguchi_http::middleware::request_log))
                    .wrap(madoguchi_http::middleware::security_headers(https))
                    .app_data(state.clone())
                    .into_utoipa_app(),
            )
            .openapi_service(move |_| SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", document))
            .split_for_parts();
            app.configure(|config| spa::configure(config, dirs))
                // Uptime checkers ask with HEAD; the process answering is the whole answer.
                .route("/api/health", web::head().to(|| async { actix_web::HttpResponse::Ok().finish() }))
                .route(
                    "/api/docs",
                    web::get().to(|| async {
                        actix_web::HttpResponse::PermanentRedirect().insert_header(("Location", "/api/docs/")).finish()
                    }),
                )
                .default_service(web::to(fallback))
        })
        .listen(listener)?;
        if let Some(workers) = config.workers {
            server = server.workers(workers);
        }
        Ok(Self {
            port,
            db,
            server: server.shutdown_timeout(10).run(),
            mail: (transport, config.mail_from.clone()),
            clock,
            state: reminder_state,
            reminder_interval: config.reminder_interval,
        })
    }

    /// Serves until the process is asked to stop.
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run(self) -> std::io::Result<()> {
        let db = self.db.clone();
        let clock = self.clock.clone();
        let housekeeping = tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
            loop {
                every.tick().await;
                // The longest window is a day, and the sliding count reads the one before.
                let two_days_ago = clock.now() - chrono::TimeDelta::days(2);
                if let Err(error) = madoguchi_persistence::rate_limits::purge(&db, two_days_ago).await {
                    tracing::warn!(%error, "purging old rate-limit windows failed");
                }
                let yesterday = madoguchi_domain::time::japan_date(clock.now()) - chrono::TimeDelta::days(1);
                if let Err(error) = madoguchi_persistence::bookings::forget_days_before(&db, yesterday).await {
                    tracing::warn!(%error, "forgetting past hold allowances failed");
                }
            }
        });
        let (transport, from) = self.mail;
        let mailer = tokio::spawn(crate::mail_worker::run(
            self.db.clone(),
            self.clock.clone(),
            self.state.keys.clone(),
            transport,
            from,
        ));
        let (state, interval) = (self.state, self.reminder_interval);
        let reminders = tokio::spawn(async move {
            let mut every = tokio::time::interval(interval);
            // Who this node is, to the leases of jobs that run on one node at a time.
            let node = uuid::Uuid::new_v4().to_string();
            loop {
                every.tick().await;
                // A data key version another node added, or whose time to seal has come.
                if let Err(error) = state.keys.refresh(&state.db, state.clock.now()).await {
                    tracing::warn!(%error, "reading the tenants' keys again failed");
                }
                if let Err(error) = madoguchi_http::reminders::enqueue_due(&state).await {
                    tracing::warn!(%error, "queueing reminder mails failed");
                }
                if let Err(error) = madoguchi_http::services::scan_batches::expire_abandoned(&state).await {
                    tracing::warn!(%error, "expiring abandoned scan batches failed");
                }
                match madoguchi_http::retention::run(&state, &node).await {
                    Ok(removed) => {
                        for (tenant, kind, rows) in removed {
                            tracing::info!(%tenant, kind, rows, "removed personal data past its retention");
                        }
                    }
                    Err(error) => tracing::warn!(%error, "removing personal data past its retention failed"),
                }
            }
        });
        let result = self.server.await;
        housekeeping.abort();
        mailer.abort();
        reminders.abort();
        result
    }
}

/// Unknown paths: problem+json under `/api/`, plain text elsewhere.
async fn fallback(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    if req.path() == "/api" || req.path().starts_with("/api/") {
        madoguchi_http::middleware::api_not_found(req).await
    } else {
        actix_web::HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("not found\n")
    }
}
