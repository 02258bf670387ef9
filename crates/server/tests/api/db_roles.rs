//! On PostgreSQL the owner migrates and the service connects as a role of its own,
//! which the owner makes and keeps: it serves every feature, but on the audit log it
//! may only add and read — not rewrite, delete, empty, or disarm its triggers.

use madoguchi_persistence::{ConnectionTrait, DatabaseConnection};
use reqwest::Method;

use crate::helpers::{Engine, TestApp, send};

const SERVICE: &str = "madoguchi_test_service";

async fn as_the_service_role() -> Option<TestApp> {
    TestApp::spawn_with(Engine::Postgres, |config| {
        config.migration_database_url = Some(config.database_url.clone());
        config.database_url =
            config.database_url.replace("postgres://postgres@", &format!("postgres://{SERVICE}:a%2Bservice%40secret@"));
    })
    .await
}

async fn refused(db: &DatabaseConnection, sql: &str) -> String {
    match db.execute_unprepared(sql).await {
        Ok(_) => panic!("the service role may `{sql}`"),
        Err(error) => error.to_string(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_role_may_only_add_to_the_audit_log_and_read_it() {
    let Some(app) = as_the_service_role().await else { return };
    assert!(app.config.database_url.contains(SERVICE));

    // Every feature works as the service role: signing in (audited), booking, reading the log.
    let admin = app.admin_token().await;
    let (status, log) = send(app.get("/api/v1/admin/audit-log", &admin)).await;
    assert_eq!(status, 200, "{log}");
    assert!(log["total"].as_u64().unwrap_or_default() >= 1, "{log}");
    let (status, _) = send(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    assert_eq!(status, 200);

    let db = &app.db;
    for sql in [
        "UPDATE audit_log SET action = 'nothing.happened'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_log_no_update_or_delete ON audit_log",
        "DROP TABLE audit_log",
        "CREATE TABLE elsewhere (copy text)",
        "DELETE FROM seaql_migrations",
    ] {
        let error = refused(db, sql).await;
        assert!(error.contains("permission denied") || error.contains("must be owner"), "{sql}: {error}");
    }
    let (status, after) = send(app.get("/api/v1/admin/audit-log", &admin)).await;
    assert_eq!((status, after["total"].as_u64() >= log["total"].as_u64()), (200, true), "{after}");
}

/// The service role may not rewrite the log, so the start seals the details of entries
/// written before sealing through the owner, and leaves the guard as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_seals_audit_details_written_before_sealing_and_the_service_still_cannot_rewrite() {
    let Some(app) = as_the_service_role().await else { return };
    crate::at_rest::add_a_plain_audit_entry(&app).await;
    let plain = "SELECT COUNT(*) AS n FROM audit_log WHERE detail NOT LIKE 'mdg1:%'";
    assert_eq!(app.count(plain).await, 1);

    app.another_node().await;
    assert_eq!(app.count(plain).await, 0);
    crate::at_rest::assert_the_plain_entry_is_shown(&app).await;
    let error = refused(&app.db, "UPDATE audit_log SET action = 'nothing.happened'").await;
    assert!(error.contains("permission denied"), "{error}");
}
