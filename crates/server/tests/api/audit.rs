use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, TestApp, problem, send};
use crate::on_both_engines;

on_both_engines!(
    sign_ins_and_user_changes_are_recorded_with_who_when_and_where,
    the_audit_log_filters_by_user_action_and_period,
    the_audit_log_exports_as_csv,
    nothing_can_change_or_delete_an_audit_entry,
    card_searches_and_views_are_recorded_with_their_filters,
    the_read_only_viewer_reads_bookings_but_does_not_export_them,
);

/// Who looked for whom in the card ledger: each search with the filters given and the
/// cards it found, each card and scan batch opened.
async fn card_searches_and_views_are_recorded_with_their_filters(app: TestApp) {
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, found) = send(app.get("/api/v1/ledger/cards?name=山田&birth_date=昭和30年11月3日", &clerk)).await;
    assert_eq!((status, &found["total"]), (200, &json!(1)), "{found}");
    let card = found["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(send(app.get(&format!("/api/v1/ledger/cards/{card}"), &clerk)).await.0, 200);
    let (_, batch) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&clerk)).await;
    let batch = batch["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(send(app.get(&format!("/api/v1/ledger/scan-batches/{batch}"), &clerk)).await.0, 200);

    let admin = app.admin_token().await;
    let (_, page) = send(app.get("/api/v1/admin/audit-log?action=ledger.", &admin)).await;
    assert_eq!(actions(&page), ["ledger.batch_view", "ledger.batch_create", "ledger.view", "ledger.search"], "{page}");
    let search = &page["items"][3];
    assert_eq!(search["actor_login_id"], "ledger");
    // Which details were given and which cards were found: no copy of the name or birth
    // date outlives the card's own data in the log.
    assert_eq!(
        (&search["detail"]["filter"], &search["detail"]["total"], &search["detail"]["found"]),
        (&json!({"name": true, "birth_date": true}), &json!(1), &json!([card])),
        "{search}"
    );
    assert_eq!(page["items"][2]["target_id"], json!(card));
    assert_eq!(page["items"][0]["target_id"], json!(batch));
}

async fn the_read_only_viewer_reads_bookings_but_does_not_export_them(app: TestApp) {
    let admin = app.admin_token().await;
    let viewer = json!({"login_id": "etsuran", "name": "閲覧 専用", "roles": ["viewer"], "password": "Madoguchi 2026"});
    assert_eq!(send(app.post("/api/v1/admin/users", &admin, &viewer)).await.0, 201);
    let token = app.token("demo", "etsuran", "Madoguchi 2026").await;
    assert_eq!(send(app.get("/api/v1/bookings?page=1", &token)).await.0, 200, "reading is the viewer's duty");
    let (status, code, _) = problem(app.get("/api/v1/bookings/export", &token)).await;
    assert_eq!((status, code.as_str()), (403, "auth.forbidden"), "taking the data away is not");
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let exported = app.get("/api/v1/bookings/export", &clerk).send().await.map(|r| r.status().as_u16());
    assert_eq!(exported.ok(), Some(200));
}

fn actions(page: &Value) -> Vec<String> {
    page["items"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str().map(str::to_owned)).collect()
}

async fn sign_ins_and_user_changes_are_recorded_with_who_when_and_where(app: TestApp) {
    app.login("demo", "callcenter", "wrong").await;
    let admin = app.admin_token().await;
    let (status, created) = send(app.post(
        "/api/v1/admin/users",
        &admin,
        &json!({"login_id": "kato", "name": "加藤", "roles": ["viewer"], "password": "Madoguchi 2026"}),
    ))
    .await;
    assert_eq!(status, 201);
    let id = created["id"].as_str().unwrap_or_default();
    assert_eq!(send(app.get(&format!("/api/v1/admin/users/{id}"), &admin)).await.0, 200);

    let (status, page) = send(app.get("/api/v1/admin/audit-log", &admin)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        actions(&page),
        ["user.view", "user.create", "auth.sign_in", "auth.sign_in_failed"],
        "newest first; reading a record is recorded too"
    );
    let create = &page["items"][1];
    assert_eq!(create["actor_login_id"], "admin");
    assert_eq!(create["target_id"], created["id"]);
    assert_eq!(create["target_name"], "kato", "the log names the user, not only its ID");
    assert_eq!(create["client_ip"], "127.0.0.1");
    assert!(create["occurred_at"].as_str().is_some_and(|t| t.starts_with("20")));
    let failed = &page["items"][3];
    assert_eq!(
        (&failed["actor_login_id"], &failed["detail"]["reason"]),
        (&json!("callcenter"), &json!("wrong_password"))
    );
    assert!(!page.to_string().contains("Madoguchi 2026"), "no password reaches the log");
}

async fn the_audit_log_filters_by_user_action_and_period(app: TestApp) {
    app.token("demo", "ledger", DEMO_PASSWORD).await;
    let admin = app.admin_token().await;
    send(app.patch("/api/v1/admin/settings", &admin, &json!({"lockout_threshold": 4}))).await;

    let (_, by_user) = send(app.get("/api/v1/admin/audit-log?user=LEDGER", &admin)).await;
    assert_eq!(actions(&by_user), ["auth.sign_in"]);
    let (_, by_family) = send(app.get("/api/v1/admin/audit-log?action=settings.", &admin)).await;
    assert_eq!(actions(&by_family), ["settings.update"]);
    assert_eq!(by_family["items"][0]["detail"]["lockout_threshold"], json!({"from": 5, "to": 4}));

    let today = crate::helpers::today();
    let (_, today_page) = send(app.get(&format!("/api/v1/admin/audit-log?from={today}&until={today}"), &admin)).await;
    assert_eq!(today_page["total"], 3);
    let yesterday = today.pred_opt().unwrap_or(today);
    let (_, none) = send(app.get(&format!("/api/v1/admin/audit-log?until={yesterday}"), &admin)).await;
    assert_eq!(none["total"], 0);

    let (status, code, body) =
        problem(app.get("/api/v1/admin/audit-log?from=2026-13-01&until=yesterday", &admin)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "{body}");
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(2));
}

async fn the_audit_log_exports_as_csv(app: TestApp) {
    let admin = app.admin_token().await;
    let response =
        app.get("/api/v1/admin/audit-log/export?encoding=utf-8", &admin).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("audit_log.csv"))
    );
    let text = response.text().await.unwrap_or_default();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("日時,ログインID,操作,対象種別,対象ID,対象名,接続元,詳細"));
    assert!(
        lines.next().is_some_and(|l| l.contains(",admin,auth.sign_in,staff_user,") && l.contains("127.0.0.1")),
        "{text}"
    );
    let (_, page) = send(app.get("/api/v1/admin/audit-log?action=audit_log.export", &admin)).await;
    assert_eq!(page["total"], 1, "the export itself is recorded");
}

async fn nothing_can_change_or_delete_an_audit_entry(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, page) = send(app.get("/api/v1/admin/audit-log", &admin)).await;
    let id = page["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
        let (status, code, _) =
            problem(app.request(method.clone(), "/api/v1/admin/audit-log").bearer_auth(&admin).json(&json!({}))).await;
        let expected = if method == Method::GET { (200, "") } else { (405, "request.method_not_allowed") };
        assert_eq!((status, code.as_str()), expected, "{method}: the log takes only GET");
        let (status, code, _) = problem(
            app.request(method.clone(), &format!("/api/v1/admin/audit-log/{id}")).bearer_auth(&admin).json(&json!({})),
        )
        .await;
        assert_eq!((status, code.as_str()), (404, "not_found"), "{method}");
    }
    // Not even our own code can, by mistake: the database refuses.
    assert!(app.db.execute_unprepared("UPDATE audit_log SET action = 'tampered'").await.is_err());
    assert!(app.db.execute_unprepared("DELETE FROM audit_log").await.is_err());
    let (_, after) = send(app.get("/api/v1/admin/audit-log", &admin)).await;
    assert_eq!(after["total"], page["total"]);
    assert_eq!(after["items"][0]["action"], "auth.sign_in");
}
