use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_administrator_changes_settings_and_residents_see_the_site_closed,
    out_of_range_settings_are_refused_with_each_field_named,
    a_stale_settings_form_does_not_overwrite_a_newer_change,
    the_header_logo_is_checked_stored_and_served,
    a_lower_lockout_threshold_locks_sooner,
);

/// The smallest valid PNG: a 1×1 transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

async fn an_administrator_changes_settings_and_residents_see_the_site_closed(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, before) = send(app.get("/api/v1/admin/settings", &admin)).await;
    let (status, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!((status, &site["public"]), (200, &json!(true)));

    let message = "システム更新のため、12月1日まで予約を停止しています。<b>お急ぎの方</b>は窓口へ。";
    let (status, saved) = send(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({"service_name": "デモ市 カード交付予約", "site_public": false, "closed_message": message}),
    ))
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["version"].as_i64(), before["version"].as_i64().map(|v| v + 1));

    let (_, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!(site["public"], false);
    assert_eq!(site["service_name"], "デモ市 カード交付予約");
    assert_eq!(site["closed_message"], message, "kept as text; the SPA renders it as text");

    let (status, code, _) = problem(app.request(Method::GET, "/api/v1/public/atlantis/site")).await;
    assert_eq!((status, code.as_str()), (404, "tenant.not_found"));
}

async fn out_of_range_settings_are_refused_with_each_field_named(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, before) = send(app.get("/api/v1/admin/settings", &admin)).await;
    let (status, code, body) = problem(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({"session_timeout_minutes": 2, "lockout_threshold": 0, "password_min_classes": 9, "service_name": "  "}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let mut fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, ["lockout_threshold", "password_min_classes", "service_name", "session_timeout_minutes"]);
    let (_, current) = send(app.get("/api/v1/admin/settings", &admin)).await;
    assert_eq!(
        (current["session_timeout_minutes"].as_u64(), current["version"].as_u64()),
        (Some(480), before["version"].as_u64()),
        "nothing changed"
    );

    let (status, _, body) = problem(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({"session_timeout_minutes": 60, "idle_timeout_minutes": 90}),
    ))
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_errors(&body)[0].0, "idle_timeout_minutes", "idle cannot exceed the session");

    let (status, code, body) =
        problem(app.patch("/api/v1/admin/settings", &admin, &json!({"site_public": "yes"}))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body)[0].0, "site_public");
}

async fn a_stale_settings_form_does_not_overwrite_a_newer_change(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, form) = send(app.get("/api/v1/admin/settings", &admin)).await;
    let read = form["version"].clone();
    let (status, _) =
        send(app.patch("/api/v1/admin/settings", &admin, &json!({"lockout_threshold": 3, "version": read}))).await;
    assert_eq!(status, 200);
    let (status, code, _) =
        problem(app.patch("/api/v1/admin/settings", &admin, &json!({"lockout_threshold": 10, "version": read}))).await;
    assert_eq!((status, code.as_str()), (409, "settings.version_conflict"));
    let (_, current) = send(app.get("/api/v1/admin/settings", &admin)).await;
    assert_eq!(current["lockout_threshold"], 3);
}

async fn the_header_logo_is_checked_stored_and_served(app: TestApp) {
    let admin = app.admin_token().await;
    let put = |content_type: &'static str, body: Vec<u8>| {
        app.request(Method::PUT, "/api/v1/admin/settings/logo")
            .bearer_auth(&admin)
            .header("content-type", content_type)
            .body(body)
    };

    let (status, code, body) = problem(put("image/png", b"<svg onload=alert(1)>".to_vec())).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body)[0].1, "logo.type_mismatch");
    let (status, _, body) = problem(put("image/svg+xml", b"<svg/>".to_vec())).await;
    assert_eq!((status, field_errors(&body)[0].1.as_str()), (422, "logo.unsupported_type"));
    let mut large = PNG.to_vec();
    large.resize(600 * 1024, 0);
    let (status, _, body) = problem(put("image/png", large)).await;
    assert_eq!((status, field_errors(&body)[0].1.as_str()), (422, "logo.too_large"));
    let (status, code, _) = problem(put("image/png", vec![0; 3 * 1024 * 1024])).await;
    assert_eq!((status, code.as_str()), (413, "request.too_large"));

    let response = put("image/png", PNG.to_vec()).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let logo = app.request(Method::GET, "/api/v1/public/demo/logo").send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(logo.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("image/png"));
    assert_eq!(logo.bytes().await.unwrap_or_default().as_ref(), PNG);
    let (_, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!(site["has_logo"], true);

    let response = app.delete("/api/v1/admin/settings/logo", &admin).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    assert_eq!(problem(app.request(Method::GET, "/api/v1/public/demo/logo")).await.1, "logo.not_found");
}

async fn a_lower_lockout_threshold_locks_sooner(app: TestApp) {
    let admin = app.admin_token().await;
    send(app.patch("/api/v1/admin/settings", &admin, &json!({"lockout_threshold": 2}))).await;
    assert_eq!(app.login("demo", "ledger", "wrong").await.status(), 401);
    assert_eq!(app.login("demo", "ledger", "wrong").await.status(), 429);
}
