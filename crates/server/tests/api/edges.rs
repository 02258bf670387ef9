use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, problem, send};
use crate::on_both_engines;

on_both_engines!(
    health_and_readiness_answer,
    unknown_api_paths_answer_problem_json,
    a_method_the_path_does_not_take_answers_405_with_allow,
    every_response_carries_the_security_headers,
    uptime_checkers_asking_with_head_get_what_get_gets,
    malformed_oversized_and_mistyped_bodies_are_clear_4xx,
    a_body_is_judged_only_after_the_caller_is_known_and_allowed,
    no_cross_origin_access_is_granted,
    the_openapi_document_and_its_reference_page_are_served_locally,
);

async fn health_and_readiness_answer(app: TestApp) {
    assert_eq!(send(app.request(Method::GET, "/api/health")).await, (200, json!({"status": "ok"})));
    assert_eq!(send(app.request(Method::GET, "/api/ready")).await, (200, json!({"status": "ready"})));
}

async fn unknown_api_paths_answer_problem_json(app: TestApp) {
    for path in ["/api/v1/nothing-here", "/api/whatever", "/api", "/api/v1/public/demo/nothing"] {
        let (status, code, _) = problem(app.request(Method::GET, path)).await;
        assert_eq!((status, code.as_str()), (404, "not_found"), "{path}");
    }
    let admin = app.admin_token().await;
    let (status, code, _) = problem(app.get("/api/v1/admin/users/not-a-uuid", &admin)).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
}

async fn a_method_the_path_does_not_take_answers_405_with_allow(app: TestApp) {
    let response =
        app.request(Method::PUT, "/api/v1/public/demo/locations").send().await.unwrap_or_else(|e| panic!("{e}"));
    let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!((response.status().as_u16(), allow.as_str()), (405, "GET"));
    let path = "/api/v1/admin/users/01a24e26-9739-71eb-a90a-8a3cb748f0ae";
    let (status, code, _) = problem(app.request(Method::from_bytes(b"TRACE").unwrap_or(Method::GET), path)).await;
    assert_eq!((status, code.as_str()), (405, "request.method_not_allowed"));
    let (status, _, _) = problem(app.request(Method::PUT, "/api/v1/public/demo/nothing-here")).await;
    assert_eq!(status, 404, "a path that is not there is still 404");
    // `export` is a path of its own, not a user's ID that fails to parse.
    let admin = app.admin_token().await;
    let response = app
        .request(Method::PATCH, "/api/v1/admin/users/export")
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!((response.status().as_u16(), allow.as_str()), (405, "GET"));
    let (status, code, _) = problem(app.get("/api/v1/admin/users/not-a-uuid", &admin)).await;
    assert_eq!((status, code.as_str()), (404, "not_found"), "a malformed ID of a declared method stays 404");
}

async fn every_response_carries_the_security_headers(app: TestApp) {
    for path in ["/api/ready", "/api/v1/nothing", "/staff/", "/r/demo/"] {
        let response = app.request(Method::GET, path).send().await.unwrap_or_else(|e| panic!("{e}"));
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        assert!(header("content-security-policy").contains("script-src 'self'"), "{path}");
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        assert!(!header("x-request-id").is_empty(), "{path}");
    }
}

async fn malformed_oversized_and_mistyped_bodies_are_clear_4xx(app: TestApp) {
    let login = || app.request(Method::POST, "/api/v1/auth/login");
    let (status, code, _) = problem(login().header("content-type", "application/json").body("{\"tenant\": ")).await;
    assert_eq!((status, code.as_str()), (400, "request.malformed_json"));
    let (status, code, _) = problem(login().header("content-type", "text/plain").body("tenant=demo")).await;
    assert_eq!((status, code.as_str()), (415, "request.unsupported_media_type"));
    let (status, code, _) = problem(
        login().header("content-type", "application/json").body(format!("{{\"tenant\": \"{}\"}}", "x".repeat(100_000))),
    )
    .await;
    assert_eq!((status, code.as_str()), (413, "request.too_large"));
    let (status, code, body) =
        problem(login().json(&json!({"tenant": "demo", "login_id": "admin", "password": "x", "remember": true}))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(body["errors"][0]["field"], "remember");
}

/// Whoever may not use a route learns only that: a stranger 401, a clerk of another duty
/// 403, whatever the body (malformed, oversized, of another type or missing fields); it is
/// not read for them.
async fn a_body_is_judged_only_after_the_caller_is_known_and_allowed(app: TestApp) {
    let clerk = app.token("demo", "callcenter", crate::helpers::DEMO_PASSWORD).await;
    let bodies: [(&str, String); 4] = [
        ("application/json", "{\"name\": ".to_owned()),
        ("application/json", format!("{{\"name\": \"{}\"}}", "x".repeat(100_000))),
        ("text/plain", "name=x".to_owned()),
        ("application/json", "{\"unexpected\": 1}".to_owned()),
    ];
    for (content_type, body) in bodies {
        let post = || app.request(Method::POST, "/api/v1/admin/notices").header("content-type", content_type);
        let (status, code, _) = problem(post().body(body.clone())).await;
        assert_eq!((status, code.as_str()), (401, "auth.token_missing"), "anonymous, {content_type}");
        let (status, code, _) = problem(post().bearer_auth(&clerk).body(body.clone())).await;
        assert_eq!((status, code.as_str()), (403, "auth.forbidden"), "call center, {content_type}");
    }
    let admin = app.admin_token().await;
    let (status, code, _) =
        problem(app.request(Method::POST, "/api/v1/admin/notices").bearer_auth(&admin).json(&json!({"unexpected": 1})))
            .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "the administrator is told about the body");
}

async fn no_cross_origin_access_is_granted(app: TestApp) {
    let response = app
        .request(Method::OPTIONS, "/api/v1/auth/login")
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(response.headers().get("access-control-allow-origin").is_none());
    let response = app
        .request(Method::GET, "/api/ready")
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(response.headers().get("access-control-allow-origin").is_none());
}

async fn the_openapi_document_and_its_reference_page_are_served_locally(app: TestApp) {
    let (status, document) = send(app.request(Method::GET, "/api/openapi.json")).await;
    assert_eq!(status, 200);
    assert_eq!(
        document,
        serde_json::from_str::<serde_json::Value>(&madoguchi_http::openapi::document_json().unwrap_or_default())
            .unwrap_or_default()
    );
    let page = app.request(Method::GET, "/api/docs/").send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap_or_default();
    assert!(html.contains("swagger-ui-bundle.js") && !html.contains("https://"), "assets come from us: {html}");
    let script =
        app.request(Method::GET, "/api/docs/swagger-ui-bundle.js").send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(script.status(), 200);
}

async fn uptime_checkers_asking_with_head_get_what_get_gets(app: TestApp) {
    for path in ["/api/health", "/staff/", "/r/demo/", "/r/demo/lookup", "/"] {
        let get = app.client.get(format!("{}{path}", app.address)).send().await;
        let head = app.client.head(format!("{}{path}", app.address)).send().await;
        let (Ok(get), Ok(head)) = (get, head) else { panic!("{path} does not answer") };
        assert_eq!(head.status(), get.status(), "HEAD {path}");
        assert_ne!(head.status().as_u16(), 404, "HEAD {path}");
        assert!(head.bytes().await.unwrap_or_default().is_empty(), "HEAD {path} has no body");
    }
}
