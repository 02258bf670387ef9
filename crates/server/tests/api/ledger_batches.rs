//! Open scan batches survive a reload: listed for the clerk and the desk, reopened,
//! registered, or discarded with a reason; an abandoned one expires so no card is
//! stranded by a scan nobody registered.

use chrono::TimeDelta;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    a_clerk_who_reloads_finds_the_open_batch_the_duplicate_points_to,
    a_discarded_batch_gives_its_cards_back_and_says_who_and_why,
    an_abandoned_batch_expires_after_the_time_the_municipality_set,
);

fn payload(serial: u32) -> String {
    format!(
        "A1B-{serial:06},{:023},{serial},山田 太郎,19750401,1,デモ市中央一丁目1番1号,1,1,1,1",
        u64::from(serial) * 7
    )
}

async fn new_batch(app: &TestApp, token: &str) -> String {
    let (status, body) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(token)).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap_or_default().to_owned()
}

/// The status, the problem code (empty for a scan taken) and the body.
async fn scan(app: &TestApp, token: &str, batch: &str, serial: u32) -> (u16, String, Value) {
    let (status, body) = send(app.post(
        &format!("/api/v1/ledger/scan-batches/{batch}/scans"),
        token,
        &json!({ "payload": payload(serial) }),
    ))
    .await;
    (status, body["code"].as_str().unwrap_or_default().to_owned(), body)
}

async fn open_batches(app: &TestApp, token: &str) -> Value {
    let (status, list) = send(app.get("/api/v1/ledger/scan-batches", token)).await;
    assert_eq!(status, 200, "{list}");
    list
}

async fn batch(app: &TestApp, token: &str, id: &str) -> Value {
    let (status, view) = send(app.get(&format!("/api/v1/ledger/scan-batches/{id}"), token)).await;
    assert_eq!(status, 200, "{view}");
    view
}

async fn audit_actions(app: &TestApp, action: &str) -> Vec<Value> {
    let admin = app.admin_token().await;
    let (status, page) = send(app.get(&format!("/api/v1/admin/audit-log?action={action}"), &admin)).await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().cloned().unwrap_or_default()
}

async fn a_clerk_who_reloads_finds_the_open_batch_the_duplicate_points_to(app: TestApp) {
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let first = new_batch(&app, &clerk).await;
    assert_eq!(scan(&app, &clerk, &first, 1).await.0, 201);
    assert_eq!(scan(&app, &clerk, &first, 2).await.0, 201);

    // The page is reloaded, the session even ends: a new sign-in finds the batch.
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let list = open_batches(&app, &clerk).await;
    assert_eq!(list["expiry_hours"], 72);
    let items = list["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!((&items[0]["id"], &items[0]["mine"], &items[0]["scans"]), (&json!(first), &json!(true), &json!(2)));
    assert_eq!(items[0]["created_by"], "ledger");
    let touched = items[0]["touched_at"].as_str().unwrap_or_default().parse::<chrono::DateTime<chrono::Utc>>();
    let expires = items[0]["expires_at"].as_str().unwrap_or_default().parse::<chrono::DateTime<chrono::Utc>>();
    assert_eq!(expires.ok(), touched.ok().map(|t| t + TimeDelta::hours(72)), "{list}");

    // The desk sees it too, as someone else's.
    let admin = app.admin_token().await;
    let seen_by_admin = open_batches(&app, &admin).await;
    assert_eq!(seen_by_admin["items"][0]["mine"], false);

    // Scanning a card of it into a new batch points to the batch that holds it.
    let second = new_batch(&app, &clerk).await;
    let (status, code, body) = scan(&app, &clerk, &second, 2).await;
    assert_eq!((status, code.as_str()), (409, "ledger.duplicate_qr"));
    assert_eq!(body["conflict_with"]["kind"], "ledger_scan_batch", "{body}");
    assert_eq!(body["conflict_with"]["id"], json!(first));
    assert_eq!(body["conflict_with"]["by"], "ledger");

    // Reopened, it still holds both cards and registers them.
    let reopened = batch(&app, &clerk, &first).await;
    assert_eq!(reopened["state"], "open");
    let numbers: Vec<&str> = reopened["scans"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["card"]["management_number"].as_str())
        .collect();
    assert_eq!(numbers, ["A1B000001", "A1B000002"]);
    let (status, done) =
        send(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{first}/commit")).bearer_auth(&clerk))
            .await;
    assert_eq!((status, &done["registered"]), (200, &json!(2)), "{done}");
    let left: Vec<Value> = open_batches(&app, &clerk).await["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(left.iter().map(|b| b["id"].clone()).collect::<Vec<_>>(), [json!(second)], "only the empty one is open");

    // Once registered, the duplicate points to the card in the ledger.
    let (_, _, body) = scan(&app, &clerk, &second, 1).await;
    assert_eq!(body["conflict_with"]["kind"], "ledger_card", "{body}");
}

async fn a_discarded_batch_gives_its_cards_back_and_says_who_and_why(app: TestApp) {
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let stranded = new_batch(&app, &clerk).await;
    assert_eq!(scan(&app, &clerk, &stranded, 7).await.0, 201);
    let discard = |reason: Value| {
        app.post(&format!("/api/v1/ledger/scan-batches/{stranded}/discard"), &clerk, &json!({ "reason": reason }))
    };

    let (status, code, body) = problem(discard(json!("　 "))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body), [("reason".to_owned(), "validation.required".to_owned())]);
    assert_eq!(batch(&app, &clerk, &stranded).await["scans"].as_array().map(Vec::len), Some(1), "nothing changed");

    let (status, discarded) = send(discard(json!("別の配送分と混ざったため"))).await;
    assert_eq!(status, 200, "{discarded}");
    assert_eq!(discarded["state"], "discarded");
    assert_eq!(
        (&discarded["discarded_by"], &discarded["discard_reason"]),
        (&json!("ledger"), &json!("別の配送分と混ざったため"))
    );
    assert_eq!(discarded["scans"], json!([]));
    assert!(discarded["expires_at"].is_null());
    assert_eq!(open_batches(&app, &clerk).await["items"], json!([]));

    // The card is free again.
    let fresh = new_batch(&app, &clerk).await;
    assert_eq!(scan(&app, &clerk, &fresh, 7).await.0, 201, "the card can be scanned again");

    // The discarded batch takes nothing more, is not registered, and is discarded once.
    assert_eq!(scan(&app, &clerk, &stranded, 8).await.1, "ledger.batch_discarded");
    let (status, code, _) = problem(
        app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{stranded}/commit")).bearer_auth(&clerk),
    )
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.batch_discarded"));
    assert_eq!(problem(discard(json!("もう一度"))).await.1, "ledger.batch_discarded");

    let audited = audit_actions(&app, "ledger.batch_discard").await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(audited[0]["target_id"], json!(stranded));
    assert_eq!(audited[0]["detail"]["reason"], "別の配送分と混ざったため");
    assert_eq!(audited[0]["detail"]["scans"], 1);
}

async fn an_abandoned_batch_expires_after_the_time_the_municipality_set(app: TestApp) {
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let settings = |hours: Value| {
        app.request(Method::PUT, "/api/v1/ledger/settings")
            .bearer_auth(&clerk)
            .json(&json!({ "qr_layout": "jlis-qr-v1", "batch_expiry_hours": hours }))
    };
    let (status, code, body) = problem(settings(json!(0))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body), [("batch_expiry_hours".to_owned(), "validation.out_of_range".to_owned())]);
    let (status, saved) = send(settings(json!(2))).await;
    assert_eq!((status, &saved["batch_expiry_hours"]), (200, &json!(2)), "{saved}");

    let abandoned = new_batch(&app, &clerk).await;
    // The clerk comes back after lunch (signing in again: the idle session ended).
    app.advance(TimeDelta::minutes(30));
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    assert_eq!(scan(&app, &clerk, &abandoned, 3).await.0, 201, "a scan 30 minutes in");

    // Two hours after the batch was started it is still open: it was touched since.
    app.advance(TimeDelta::minutes(90));
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    assert_eq!(batch(&app, &clerk, &abandoned).await["state"], "open");

    // Two hours after the last scan, the housekeeping discards it.
    app.advance(TimeDelta::minutes(31));
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let mut view = Value::Null;
    for _ in 0..50 {
        view = batch(&app, &clerk, &abandoned).await;
        if view["state"] == "discarded" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(view["state"], "discarded", "{view}");
    assert_eq!(view["discarded_by"], "system");
    assert!(view["discard_reason"].as_str().unwrap_or_default().contains("2 時間"), "{view}");

    let fresh = new_batch(&app, &clerk).await;
    assert_eq!(scan(&app, &clerk, &fresh, 3).await.0, 201, "the expired batch gave the card back");
    let audited = audit_actions(&app, "ledger.batch_expire").await;
    assert_eq!(audited.len(), 1, "{audited:?}");
    assert_eq!(
        (&audited[0]["actor_login_id"], &audited[0]["detail"]["created_by"]),
        (&json!("system"), &json!("ledger"))
    );
}
