//! Announcements and FAQ: administrators write, order and schedule; residents read.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    administrators_write_order_and_schedule_announcements_and_residents_read_the_published_ones,
    a_bad_notice_names_each_faulty_field,
);

async fn public_titles(app: &TestApp, what: &str) -> Vec<String> {
    let (status, list) = send(app.request(Method::GET, &format!("/api/v1/public/demo/{what}"))).await;
    assert_eq!(status, 200, "{list}");
    list.as_array().into_iter().flatten().filter_map(|n| n["title"].as_str().map(str::to_owned)).collect()
}

async fn administrators_write_order_and_schedule_announcements_and_residents_read_the_published_ones(app: TestApp) {
    let admin = app.admin_token().await;
    let demo_announcements = public_titles(&app, "announcements").await;
    assert_eq!(demo_announcements.len(), 2, "the demo has two");

    let script = "<script>alert('x')</script>\n12月は混み合います";
    let (status, urgent) = send(app.post(
        "/api/v1/admin/notices",
        &admin,
        &json!({ "kind": "announcement", "title": "臨時休業のお知らせ", "body": script }),
    ))
    .await;
    assert_eq!(status, 201, "{urgent}");
    let tomorrow = (app.now() + Duration::days(1)).to_rfc3339();
    let (status, later) = send(app.post(
        "/api/v1/admin/notices",
        &admin,
        &json!({ "kind": "announcement", "title": "来年度の予定", "publish_from": tomorrow }),
    ))
    .await;
    assert_eq!((status, &later["published"]), (201, &json!(false)), "{later}");

    let mut titles = demo_announcements.clone();
    titles.push("臨時休業のお知らせ".to_owned());
    assert_eq!(public_titles(&app, "announcements").await, titles, "a notice to come is not shown yet");
    let (_, list) = send(app.request(Method::GET, "/api/v1/public/demo/announcements")).await;
    assert_eq!(list[2]["body"], script, "markup comes back as the text it was, for the SPA to show as text");
    assert_eq!(public_titles(&app, "faq").await.len(), 3, "announcements and FAQ are kept apart");

    let (_, all) = send(app.get("/api/v1/admin/notices?kind=announcement", &admin)).await;
    let mut ids: Vec<Value> = all.as_array().into_iter().flatten().map(|n| n["id"].clone()).collect();
    ids.rotate_right(2);
    let (status, _) = send(
        app.request(Method::PUT, "/api/v1/admin/notices/order")
            .bearer_auth(&admin)
            .json(&json!({ "kind": "announcement", "ids": ids })),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(public_titles(&app, "announcements").await[0], "臨時休業のお知らせ", "moved to the top");
    let (status, code, _) = problem(
        app.request(Method::PUT, "/api/v1/admin/notices/order")
            .bearer_auth(&admin)
            .json(&json!({ "kind": "announcement", "ids": &ids[..1] })),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "an order must name every notice");

    app.advance(Duration::days(2));
    let admin = app.admin_token().await;
    assert!(
        public_titles(&app, "announcements").await.contains(&"来年度の予定".to_owned()),
        "shown once its day has come"
    );

    let id = urgent["id"].as_str().unwrap_or_default();
    let change = json!({ "version": urgent["version"], "title": "臨時休業（終了）", "body": "" });
    let (status, changed) = send(app.patch(&format!("/api/v1/admin/notices/{id}"), &admin, &change)).await;
    assert_eq!((status, &changed["title"]), (200, &json!("臨時休業（終了）")), "{changed}");
    let (status, code, _) = problem(app.patch(&format!("/api/v1/admin/notices/{id}"), &admin, &change)).await;
    assert_eq!(
        (status, code.as_str()),
        (409, "notice.changed_meanwhile"),
        "a second editor with the old version is refused"
    );
    let (status, _) = send(app.delete(&format!("/api/v1/admin/notices/{id}"), &admin)).await;
    assert_eq!(status, 204);
    assert!(!public_titles(&app, "announcements").await.iter().any(|t| t.starts_with("臨時休業")));

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=notice.", &admin)).await;
    assert_eq!(log["items"].as_array().map(Vec::len), Some(5), "create ×2, reorder, update, delete: {log}");
}

async fn a_bad_notice_names_each_faulty_field(app: TestApp) {
    let admin = app.admin_token().await;
    let now = app.now();
    let bad = json!({ "kind": "faq", "title": " ", "body": "あ".repeat(5001), "publish_from": now.to_rfc3339(), "publish_until": (now - Duration::hours(1)).to_rfc3339() });
    let (status, code, body) = problem(app.post("/api/v1/admin/notices", &admin, &bad)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "body", "publish_until"]);

    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let (status, code, _) =
        problem(app.post("/api/v1/admin/notices", &clerk, &json!({ "kind": "faq", "title": "質問" }))).await;
    assert_eq!((status, code.as_str()), (403, "auth.forbidden"));
}
