//! Keys over time: a new key-encryption key wraps every data key again in one step
//! and nothing is lost; a municipality's new data key takes over its bookings while
//! the service keeps serving; a node started with a key that opens nothing says so;
//! a leaving municipality's keys are destroyed, and with them what they sealed.

use std::time::Duration;

use madoguchi::key_rotation::{rotate_data, rotate_kek};
use reqwest::Method;
use serde_json::json;

use crate::at_rest::{NAME, assert_every_feature_finds_the_person, book_the_person, book_the_person_again, spawn};
use crate::helpers::{Engine, TestApp, send};
use crate::with_each_engine;

with_each_engine!(
    a_new_encryption_key_wraps_every_data_key_and_nothing_is_lost,
    a_municipality_gets_a_new_data_key_and_its_bookings_move_to_it_while_it_serves,
    a_leaving_municipality_s_keys_are_destroyed_and_its_data_with_them,
);

const NEW_KEY: &str = "the encryption key that replaces the first, 48 b";

async fn a_new_encryption_key_wraps_every_data_key_and_nothing_is_lost(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let (reception, password) = book_the_person(&app).await;
    let first = app.config.encryption_key.clone();

    // Nodes are given the new key with the old as the previous one, then the keys are wrapped again.
    let mut rotating = app.config.clone();
    rotating.previous_encryption_key = first.clone();
    rotating.encryption_key = Some(NEW_KEY.to_owned());
    let during = app.another_node_with(|c| *c = rotating.clone()).await;
    let (status, _) = send(app.client.get(format!("{during}/api/v1/public/demo/locations"))).await;
    assert_eq!(status, 200, "a node with both keys serves during the rotation");
    let wrapped = rotate_kek(&rotating, app.now()).await.unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(wrapped as i64, app.count("SELECT COUNT(*) AS n FROM tenant_keys").await);

    // A node with the new key alone finds everything; the first key alone opens nothing.
    let after = app
        .another_node_with(|c| {
            c.encryption_key = Some(NEW_KEY.to_owned());
            c.previous_encryption_key = None;
        })
        .await;
    let on_new_node = app.through(after);
    assert_every_feature_finds_the_person(&on_new_node, &reception, &password, None).await;
    let refused = madoguchi::app::Application::build(&app.config, app.clock.clone()).await;
    let message = refused.err().map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(message.contains("MADOGUCHI_ENCRYPTION_KEY"), "{message}");
}

async fn a_municipality_gets_a_new_data_key_and_its_bookings_move_to_it_while_it_serves(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let (reception, password) = book_the_person(&app).await;
    let before = app.count("SELECT COUNT(*) AS n FROM bookings").await;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE 'mdg1:1:%'").await, before);

    // The running node reads the keys every 200 ms (its background tick in tests): two
    // seconds' notice lets it hold the new key before anything is sealed with it.
    let done =
        rotate_data(&app.config, "demo", app.now(), Duration::from_secs(2)).await.unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(done.version, 2);
    assert_eq!(done.sealed.bookings as i64, before, "every booking sealed again");
    assert_eq!(done.sealed.cards as i64, app.count("SELECT COUNT(*) AS n FROM ledger_cards").await, "every card too");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_cards WHERE key_version <> 2").await, 0);
    assert_eq!(
        done.sealed.history as i64,
        app.count("SELECT COUNT(*) AS n FROM ledger_events").await,
        "and every line of their history"
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_events WHERE key_version <> 2").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_events WHERE reason LIKE 'mdg1:1:%'").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM ledger_cards WHERE abolish_reason LIKE 'mdg1:2:%'").await,
        1,
        "the demo card abolished 転出のため"
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM bookings WHERE key_version <> 2").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE 'mdg1:1:%'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE 'mdg1:2:%'").await, before);

    // The node that served all along finds, shows and guards everything, old password included.
    assert_every_feature_finds_the_person(&app, &reception, &password, None).await;
    let (status, again) = book_the_person_again(&app).await;
    assert_eq!(status, 409, "the one-booking rule holds across the keys: {again}");
    let (status, lookup) = send(
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
            .json(&json!({ "reception_number": reception, "password": password })),
    )
    .await;
    assert_eq!((status, lookup["details"]["applicants"][0]["name"].as_str()), (200, Some(NAME)));
    let admin = app.admin_token().await;
    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=keys.", &admin)).await;
    assert_eq!(log["items"][0]["detail"]["version"], 2, "the rotation is in the audit log: {log}");
}

async fn a_leaving_municipality_s_keys_are_destroyed_and_its_data_with_them(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    book_the_person(&app).await;
    let demo: uuid::Uuid = demo_id(&app).await;
    let queued = "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL";
    assert!(app.count(queued).await > 0, "the confirmation waits for the SMTP server");
    let destroyed =
        madoguchi::key_rotation::destroy(&app.config, "demo", app.now()).await.unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(destroyed as i64, 1);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tenant_keys").await, 0);
    assert_eq!(app.count(queued).await, 0, "a mail nobody can open any more is not tried for ever");

    // The service key no longer opens anything of it: there is nothing to open it with.
    let keys = madoguchi::app::loaded_keys(&app.config, &app.db, app.now()).await.unwrap_or_else(|e| panic!("{e:#}"));
    assert!(keys.tenant(&app.db, demo).await.is_err(), "no key of the municipality is left");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tenant_keys").await, 0, "and none is made again");

    // A node started afterwards serves nobody of it, and makes it no new key.
    let node = app.through(app.another_node().await);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tenant_keys").await, 0);
    let (status, _) = send(node.request(Method::GET, "/api/v1/public/demo/locations")).await;
    assert_eq!(status, 404, "its residents' site is gone");
    let signed_in = node.login("demo", "admin", crate::helpers::DEMO_PASSWORD).await.status().as_u16();
    assert_ne!(signed_in, 200, "its staff cannot sign in");
    assert!(
        app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE 'mdg1:%'").await > 0,
        "only ciphertext is left"
    );
}

async fn demo_id(app: &TestApp) -> uuid::Uuid {
    use madoguchi_domain::tenant::TenantSlug;
    let slug = TenantSlug::parse("demo").unwrap_or_else(|e| panic!("{e}"));
    madoguchi_persistence::tenants::find_by_slug(&app.db, &slug)
        .await
        .ok()
        .flatten()
        .map(|t| t.id.0)
        .unwrap_or_else(|| panic!("no demo"))
}
