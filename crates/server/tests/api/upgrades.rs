//! Releases over time: a node of this release refuses a database that a newer release has
//! migrated, and says what to do, while the nodes already serving go on.

use madoguchi_persistence::ConnectionTrait;
use reqwest::Method;

use crate::helpers::{Engine, TestApp, send};
use crate::with_each_engine;

with_each_engine!(a_node_refuses_a_database_a_newer_release_migrated,);

async fn a_node_refuses_a_database_a_newer_release_migrated(engine: Engine) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let newer = "m20991231_000099_from_a_newer_release";
    app.db
        .execute_unprepared(&format!("INSERT INTO seaql_migrations (version, applied_at) VALUES ('{newer}', 0)"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let refused = madoguchi::app::Application::build(&app.config, app.clock.clone()).await;
    let message = refused.err().map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(message.contains("newer release") && message.contains(newer), "{message}");
    assert!(message.contains("this release knows the migrations up to m2026"), "and the last it knows: {message}");
    let (status, _) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!(status, 200, "the node already serving goes on");
}
