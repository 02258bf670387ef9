//! The test harness: the real application on a fresh database per test, on SQLite
//! and on PostgreSQL, driven over HTTP like any client.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use madoguchi::{Application, Config};
use madoguchi_domain::role::Roles;
use madoguchi_domain::staff::{LoginId, StaffName};
use madoguchi_domain::tenant::{LocalGovernmentCode, TenantSlug};
use madoguchi_http::auth::password;
use madoguchi_http::{AdjustableClock, Clock};
use madoguchi_persistence::staff_users::{self, NewStaffUser};
use madoguchi_persistence::{DatabaseConnection, tenants};
use reqwest::{Method, RequestBuilder, Response};
use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;

pub const DEMO_PASSWORD: &str = "madoguchi-demo";

/// The instant every test's application starts at: `MADOGUCHI_CLOCK_START` when set
/// (the test command runs the suite at chosen instants: the last minutes of a year, the
/// small hours after a holiday, 29 February), else the moment the test binary started.
/// One instant for all tests, so that a test's own idea of today never differs from its
/// application's, whenever it runs.
pub fn start() -> DateTime<Utc> {
    static START: std::sync::LazyLock<DateTime<Utc>> =
        std::sync::LazyLock::new(|| match std::env::var("MADOGUCHI_CLOCK_START") {
            Ok(value) if !value.trim().is_empty() => DateTime::parse_from_rfc3339(value.trim())
                .unwrap_or_else(|e| panic!("MADOGUCHI_CLOCK_START `{value}` is not an RFC 3339 instant: {e}"))
                .to_utc(),
            _ => Utc::now(),
        });
    *START
}

pub fn tokyo() -> FixedOffset {
    madoguchi_domain::time::tokyo()
}

/// The Japanese date the tests' applications start on.
pub fn today() -> NaiveDate {
    start().with_timezone(&tokyo()).date_naive()
}
const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A database made for one test and dropped after it, even when the test panics.
struct TestDatabase {
    postgres_name: Option<String>,
    dir: PathBuf,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = self.postgres_name.take() {
            // Drop cannot await; a short-lived runtime on its own thread can.
            let _ = std::thread::spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(POSTGRES_ADMIN_URL).await {
                            let _ = admin
                                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                                .await;
                        }
                    });
                }
            })
            .join();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct TestApp {
    pub address: String,
    /// Where the file transport writes mails when no SMTP server is configured.
    pub outbox: PathBuf,
    /// Keeps cookies, like a browser.
    pub client: reqwest::Client,
    pub clock: Arc<AdjustableClock>,
    pub db: DatabaseConnection,
    pub config: Config,
    _database: Arc<TestDatabase>,
}

/// Whether PostgreSQL tests must run: in CI they fail loudly when it is unreachable.
fn postgres_required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

impl TestApp {
    /// Starts the application with the demo tenant. `None` only for PostgreSQL on a
    /// developer machine where it is not running.
    pub async fn spawn(engine: Engine) -> Option<Self> {
        Self::spawn_with(engine, |_| {}).await
    }

    /// As [`TestApp::spawn`], with the configuration adjusted first (an SMTP server, say).
    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> Option<Self> {
        if std::env::var_os("TEST_LOG").is_some() {
            madoguchi::telemetry::init();
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        let dir = std::env::temp_dir().join(format!("madoguchi-test-{id}"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let mut database = TestDatabase { postgres_name: None, dir: dir.clone() };
        let database_url = match engine {
            Engine::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("madoguchi.db").display()),
            Engine::Postgres => {
                let admin = match Database::connect(POSTGRES_ADMIN_URL).await {
                    Ok(admin) => admin,
                    Err(error) if !postgres_required() => {
                        eprintln!("PostgreSQL is not reachable ({error}); skipping this test's PostgreSQL run");
                        return None;
                    }
                    Err(error) => panic!("PostgreSQL must be reachable at {POSTGRES_ADMIN_URL} in CI: {error}"),
                };
                let name = format!("mdg_test_{id}");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
                database.postgres_name = Some(name.clone());
                format!("postgres://postgres@127.0.0.1:5432/{name}")
            }
        };
        let mut config = Config {
            database_url,
            migration_database_url: None,
            bind: "127.0.0.1:0".to_owned(),
            data_dir: dir.clone(),
            demo: true,
            jwt_secret: Some("a test signing key that is long enough!".to_owned()),
            encryption_key: Some("a test encryption key that is long enough".to_owned()),
            previous_encryption_key: None,
            smtp_url: None,
            mail_from: "no-reply@madoguchi.invalid".to_owned(),
            public_url: "http://127.0.0.1".to_owned(),
            // As behind the documented reverse proxy: a test gives each resident it
            // plays an address of their own in X-Forwarded-For.
            trust_forwarded: true,
            pdf_font: None,
            resident_dist: dir.join("no-resident-dist"),
            staff_dist: dir.join("no-staff-dist"),
            workers: Some(1),
            reminder_interval: std::time::Duration::from_millis(200),
            heavy_requests: 2,
            heavy_wait: std::time::Duration::from_secs(30),
            clock_start: Some(start()),
        };
        adjust(&mut config);
        let clock = Arc::new(AdjustableClock::starting_at(config.clock_start));
        let application = Application::build(&config, clock.clone())
            .await
            .unwrap_or_else(|e| panic!("the application does not start: {e:#}"));
        let address = format!("http://127.0.0.1:{}", application.port);
        let db = application.db.clone();
        tokio::spawn(application.run());
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap_or_else(|e| panic!("{e}"));
        Some(Self { address, outbox: dir.join("outbox"), client, clock, db, config, _database: Arc::new(database) })
    }

    /// Starts another node of the application on the same database, as a cluster
    /// behind a load balancer would run; returns its base address.
    pub async fn another_node(&self) -> String {
        self.another_node_with(|_| {}).await
    }

    /// The same application reached through another node's address (with a client of its own).
    pub fn through(&self, address: String) -> Self {
        Self {
            address,
            outbox: self.outbox.clone(),
            client: reqwest::Client::builder().cookie_store(true).build().unwrap_or_else(|e| panic!("{e}")),
            clock: self.clock.clone(),
            db: self.db.clone(),
            config: self.config.clone(),
            _database: self._database.clone(),
        }
    }

    /// As [`TestApp::another_node`], configured otherwise (another encryption key, say).
    pub async fn another_node_with(&self, adjust: impl FnOnce(&mut Config)) -> String {
        let mut config = self.config.clone();
        adjust(&mut config);
        let node = Application::build(&config, self.clock.clone())
            .await
            .unwrap_or_else(|e| panic!("the second node does not start: {e:#}"));
        let address = format!("http://127.0.0.1:{}", node.port);
        tokio::spawn(node.run());
        address
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, format!("{}{path}", self.address))
    }

    pub fn get(&self, path: &str, token: &str) -> RequestBuilder {
        self.request(Method::GET, path).bearer_auth(token)
    }

    pub fn post(&self, path: &str, token: &str, body: &Value) -> RequestBuilder {
        self.request(Method::POST, path).bearer_auth(token).json(body)
    }

    pub fn patch(&self, path: &str, token: &str, body: &Value) -> RequestBuilder {
        self.request(Method::PATCH, path).bearer_auth(token).json(body)
    }

    pub fn delete(&self, path: &str, token: &str) -> RequestBuilder {
        self.request(Method::DELETE, path).bearer_auth(token)
    }

    pub async fn login(&self, tenant: &str, login_id: &str, password: &str) -> Response {
        self.request(Method::POST, "/api/v1/auth/login")
            .json(&serde_json::json!({ "tenant": tenant, "login_id": login_id, "password": password }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Signs in and returns the access token; panics when sign-in fails.
    pub async fn token(&self, tenant: &str, login_id: &str, password: &str) -> String {
        let response = self.login(tenant, login_id, password).await;
        let (status, body) = json(response).await;
        assert_eq!(status, 200, "sign-in of {login_id}@{tenant} failed: {body}");
        body["access_token"].as_str().unwrap_or_default().to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.token("demo", "admin", DEMO_PASSWORD).await
    }

    /// A tenant's data keys, as the service opens them (to write a row as a repository does).
    pub async fn vault(&self, scope: &madoguchi_persistence::TenantScope) -> madoguchi_vault::TenantVault {
        madoguchi_http::keys::Keys::new(self.config.encryption_key.as_deref().unwrap_or_default().as_bytes(), None)
            .tenant(&self.db, scope.tenant_id().0)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// A second municipality with its own administrator (password as the demo's).
    pub async fn create_tenant(&self, slug: &str, code: &str, name: &str) {
        let slug = TenantSlug::parse(slug).unwrap_or_else(|e| panic!("{e}"));
        let code = LocalGovernmentCode::parse(code).unwrap_or_else(|e| panic!("{e}"));
        let tenant = tenants::create(&self.db, &slug, &code, name, self.now()).await.unwrap_or_else(|e| panic!("{e}"));
        // Its data key, as the service makes one for each tenant at start.
        madoguchi_http::keys::Keys::new(self.config.encryption_key.as_deref().unwrap_or_default().as_bytes(), None)
            .make(&self.db, tenant.id.0, self.now())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let user = NewStaffUser {
            login_id: LoginId::parse("admin").unwrap_or_else(|e| panic!("{e}")),
            name: StaffName::parse("他市 管理者").unwrap_or_else(|e| panic!("{e}")),
            roles: Roles::parse(["admin"]).unwrap_or_else(|e| panic!("{e}")),
            password_hash: password::hash(DEMO_PASSWORD.to_owned()).await.unwrap_or_else(|e| panic!("{e}")),
            disabled: false,
            must_change_password: false,
        };
        staff_users::create(&self.db, &tenant.scope(), user, self.now()).await.unwrap_or_else(|e| panic!("{e}"));
    }

    pub fn advance(&self, by: TimeDelta) {
        self.clock.advance(by);
    }

    /// Moves the application's clock to `at`; it runs on from there.
    pub fn move_clock_to(&self, at: DateTime<impl chrono::TimeZone>) {
        self.clock.set(at.to_utc());
    }

    /// What the application's clock reads now.
    /// The `n` a raw `SELECT COUNT(*) AS n …` answers (-1 when it fails).
    pub async fn count(&self, sql: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let backend = self.db.get_database_backend();
        self.db
            .query_one_raw(Statement::from_string(backend, sql.to_owned()))
            .await
            .ok()
            .flatten()
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(-1)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// Status and JSON body of a response (Null when the body is not JSON).
pub async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

pub async fn send(builder: RequestBuilder) -> (u16, Value) {
    json(builder.send().await.unwrap_or_else(|e| panic!("{e}"))).await
}

/// The problem's status and code, after checking it is problem+json.
pub async fn problem(builder: RequestBuilder) -> (u16, String, Value) {
    let response = builder.send().await.unwrap_or_else(|e| panic!("{e}"));
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (status, body) = json(response).await;
    assert_eq!(content_type, "application/problem+json", "not a problem: {status} {body}");
    (status, body["code"].as_str().unwrap_or_default().to_owned(), body)
}

/// The `(field, code)` pairs of a problem's errors.
pub fn field_errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (e["field"].as_str().unwrap_or_default().to_owned(), e["code"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// Writes each test once; it runs on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Engine::Sqlite).await {
                    super::$name(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Engine::Postgres).await {
                    super::$name(app).await;
                }
            }
        }
    )*};
}

/// Like [`on_both_engines!`], for tests that start their application themselves (with
/// a configuration of their own): each gets the engine to start it on.
#[macro_export]
macro_rules! with_each_engine {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$name($crate::helpers::Engine::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$name($crate::helpers::Engine::Postgres).await }
        }
    )*};
}
