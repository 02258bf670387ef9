use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_administrator_creates_changes_and_deletes_a_user,
    a_weak_password_is_refused_with_every_broken_rule_named,
    a_taken_login_id_is_a_conflict,
    the_last_administrator_cannot_be_removed,
    a_password_reset_unlocks_and_ends_sessions,
    wildcards_typed_into_a_search_are_characters,
    a_user_csv_with_one_bad_line_applies_nothing_and_names_the_line,
    a_user_csv_creates_changes_and_deletes_in_one_go,
    a_cp932_export_reimports_unchanged,
    a_shift_jis_import_with_japanese_headers_is_read,
);

async fn find(app: &TestApp, token: &str, login: &str) -> Value {
    let (_, page) = send(app.get(&format!("/api/v1/admin/users?q={login}"), token)).await;
    page["items"].as_array().into_iter().flatten().find(|u| u["login_id"] == login).cloned().unwrap_or(Value::Null)
}

async fn an_administrator_creates_changes_and_deletes_a_user(app: TestApp) {
    let admin = app.admin_token().await;
    let (status, created) = send(app.post("/api/v1/admin/users", &admin, &json!({"login_id": "Sato.Hanako", "name": "佐藤　花子", "roles": ["call_center", "viewer"], "password": "Madoguchi 2026"}))).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["login_id"], "sato.hanako", "login IDs are case-insensitive and kept lower-case");
    assert_eq!(created["roles"], json!(["call_center", "viewer"]));
    let id = created["id"].as_str().unwrap_or_default().to_owned();

    app.token("demo", "sato.hanako", "Madoguchi 2026").await;

    let (status, changed) = send(app.patch(
        &format!("/api/v1/admin/users/{id}"),
        &admin,
        &json!({"name": "佐藤 花子", "roles": ["ledger"], "version": created["version"]}),
    ))
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["roles"], json!(["ledger"]));

    // A second administrator working from the old version does not overwrite it.
    let (status, code, _) = problem(app.patch(
        &format!("/api/v1/admin/users/{id}"),
        &admin,
        &json!({"name": "古い画面", "version": created["version"]}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "user.version_conflict"));

    let (status, listed) = send(app.get("/api/v1/admin/users?role=ledger", &admin)).await;
    assert_eq!(status, 200);
    let logins: Vec<&str> =
        listed["items"].as_array().into_iter().flatten().filter_map(|u| u["login_id"].as_str()).collect();
    assert_eq!(logins, ["ledger", "sato.hanako"]);

    let response =
        app.delete(&format!("/api/v1/admin/users/{id}"), &admin).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let (status, code, _) = problem(app.get(&format!("/api/v1/admin/users/{id}"), &admin)).await;
    assert_eq!((status, code.as_str()), (404, "user.not_found"));
    assert_eq!(app.login("demo", "sato.hanako", "Madoguchi 2026").await.status(), 401);
}

async fn a_weak_password_is_refused_with_every_broken_rule_named(app: TestApp) {
    let admin = app.admin_token().await;
    let (status, code, body) = problem(app.post(
        "/api/v1/admin/users",
        &admin,
        &json!({"login_id": "tanaka", "name": "", "roles": [], "password": "tanaka"}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let errors = field_errors(&body);
    for expected in [
        ("name", "validation.required"),
        ("roles", "role.required"),
        ("password", "password.too_short"),
        ("password", "password.too_few_classes"),
        ("password", "password.contains_login_id"),
    ] {
        assert!(errors.iter().any(|(f, c)| f == expected.0 && c == expected.1), "missing {expected:?} in {errors:?}");
    }
    assert!(find(&app, &admin, "tanaka").await.is_null(), "nothing was created");

    // The tenant tightens its rules; the server enforces them.
    let (status, _) = send(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({"password_min_length": 16, "password_min_classes": 3}),
    ))
    .await;
    assert_eq!(status, 200);
    let (status, _, body) = problem(app.post(
        "/api/v1/admin/users",
        &admin,
        &json!({"login_id": "tanaka", "name": "田中", "roles": ["viewer"], "password": "Madoguchi 2026"}),
    ))
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_errors(&body), [("password".to_owned(), "password.too_short".to_owned())]);
}

async fn a_taken_login_id_is_a_conflict(app: TestApp) {
    let admin = app.admin_token().await;
    let (status, code, _) = problem(app.post(
        "/api/v1/admin/users",
        &admin,
        &json!({"login_id": "LEDGER", "name": "二人目", "roles": ["viewer"], "password": "Madoguchi 2026"}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "user.login_id_taken"));
}

async fn the_last_administrator_cannot_be_removed(app: TestApp) {
    let admin = app.admin_token().await;
    let me = find(&app, &admin, "admin").await;
    let id = me["id"].as_str().unwrap_or_default();
    let (status, code, _) =
        problem(app.patch(&format!("/api/v1/admin/users/{id}"), &admin, &json!({"roles": ["viewer"]}))).await;
    assert_eq!((status, code.as_str()), (409, "user.self_lockout"));
    let (status, code, _) = problem(app.delete(&format!("/api/v1/admin/users/{id}"), &admin)).await;
    assert_eq!((status, code.as_str()), (409, "user.self_lockout"));

    // With a second administrator, one may demote the other; never the last one.
    let (status, second) = send(app.post(
        "/api/v1/admin/users",
        &admin,
        &json!({"login_id": "admin2", "name": "二人目", "roles": ["admin"], "password": "Madoguchi 2026"}),
    ))
    .await;
    assert_eq!(status, 201);
    let second_token = app.token("demo", "admin2", "Madoguchi 2026").await;
    let (status, _) =
        send(app.patch(&format!("/api/v1/admin/users/{id}"), &second_token, &json!({"roles": ["viewer"]}))).await;
    assert_eq!(status, 200);
    let second_id = second["id"].as_str().unwrap_or_default();
    let (status, code, _) =
        problem(app.patch(&format!("/api/v1/admin/users/{second_id}"), &second_token, &json!({"disabled": true})))
            .await;
    assert_eq!((status, code.as_str()), (409, "user.self_lockout"));
}

async fn a_password_reset_unlocks_and_ends_sessions(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    for _ in 0..5 {
        app.login("demo", "callcenter", "wrong").await;
    }
    let admin = app.admin_token().await;
    let id = find(&app, &admin, "callcenter").await["id"].as_str().unwrap_or_default().to_owned();
    let (status, code, body) =
        problem(app.post(&format!("/api/v1/admin/users/{id}/password"), &admin, &json!({"password": "abc"}))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "{body}");
    let response = app
        .post(&format!("/api/v1/admin/users/{id}/password"), &admin, &json!({"password": "New Counter 2026"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    assert_eq!(problem(app.get("/api/v1/me", &clerk)).await.1, "auth.session_expired");
    app.token("demo", "callcenter", "New Counter 2026").await;
}

async fn import(app: &TestApp, token: &str, csv: Vec<u8>, dry_run: bool) -> reqwest::RequestBuilder {
    app.request(Method::POST, &format!("/api/v1/admin/users/import?dry_run={dry_run}"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(csv)
}

async fn logins(app: &TestApp, token: &str) -> Vec<String> {
    let (_, page) = send(app.get("/api/v1/admin/users", token)).await;
    page["items"].as_array().into_iter().flatten().filter_map(|u| u["login_id"].as_str().map(str::to_owned)).collect()
}

async fn a_user_csv_with_one_bad_line_applies_nothing_and_names_the_line(app: TestApp) {
    let admin = app.admin_token().await;
    let before = logins(&app, &admin).await;
    let csv = "action,login_id,name,roles,password,disabled\n\
               create,suzuki,鈴木 一郎,call_center,Madoguchi 2026,0\n\
               create,takahashi,髙橋 次郎,clerk,Madoguchi 2026,0\n\
               delete,ledger,,,,\n";
    // As Excel saves it too: CR LF line ends count the same lines.
    for file in [csv.to_owned(), csv.replace('\n', "\r\n")] {
        let (status, code, body) = problem(import(&app, &admin, file.into_bytes(), false).await).await;
        assert_eq!((status, code.as_str()), (422, "import.invalid"), "{body}");
        let lines: Vec<u64> =
            body["errors"].as_array().into_iter().flatten().filter_map(|e| e["line"].as_u64()).collect();
        assert_eq!(lines, [3], "{body}");
    }
    let (_, _, body) = problem(import(&app, &admin, csv.as_bytes().to_vec(), false).await).await;
    assert_eq!(body["errors"][0]["field"], "roles");
    assert_eq!(logins(&app, &admin).await, before, "nothing was applied");
}

async fn a_user_csv_creates_changes_and_deletes_in_one_go(app: TestApp) {
    let admin = app.admin_token().await;
    let csv = "action,login_id,name,roles,password,disabled\r\n\
               create,suzuki,鈴木 一郎,call_center;viewer,Madoguchi 2026,0\r\n\
               update,callcenter,デモ コールセンター,call_center,,1\r\n\
               delete,ledger,,,,\r\n\
               update,admin,デモ 管理者,admin,,0\r\n";
    let (status, preview) = send(import(&app, &admin, csv.as_bytes().to_vec(), true).await).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["summary"], json!({"create": 1, "update": 1, "delete": 1, "unchanged": 1}));
    assert_eq!(preview["applied"], false);
    assert_eq!(logins(&app, &admin).await, ["admin", "callcenter", "ledger"], "a dry run changes nothing");

    let (status, report) = send(import(&app, &admin, csv.as_bytes().to_vec(), false).await).await;
    assert_eq!((status, &report["applied"]), (200, &json!(true)), "{report}");
    assert_eq!(logins(&app, &admin).await, ["admin", "callcenter", "suzuki"]);
    assert_eq!(find(&app, &admin, "callcenter").await["disabled"], true);
    app.token("demo", "suzuki", "Madoguchi 2026").await;
}

async fn a_cp932_export_reimports_unchanged(app: TestApp) {
    let admin = app.admin_token().await;
    // 旧字体 and IBM extension characters that CP932 holds and Shift_JIS proper does not.
    for (login, name) in [("takahashi", "髙橋 﨑子"), ("watanabe", "渡邊 =SUM(A1)")] {
        let (status, body) = send(app.post(
            "/api/v1/admin/users",
            &admin,
            &json!({"login_id": login, "name": name, "roles": ["viewer"], "password": "Madoguchi 2026"}),
        ))
        .await;
        assert_eq!(status, 201, "{body}");
    }
    let response = app.get("/api/v1/admin/users/export", &admin).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=Shift_JIS")
    );
    assert_eq!(response.headers().get("x-unmappable-characters").and_then(|v| v.to_str().ok()), Some("0"));
    let bytes = response.bytes().await.unwrap_or_default().to_vec();
    assert!(std::str::from_utf8(&bytes).is_err(), "the export is CP932, not UTF-8");
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!had_errors);
    assert!(text.contains("髙橋 﨑子"), "{text}");
    assert!(text.contains("'=SUM(A1)") || text.contains("渡邊 =SUM(A1)"), "{text}");

    let (status, report) = send(import(&app, &admin, bytes, false).await).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["encoding"], "cp932");
    assert_eq!(report["summary"], json!({"create": 0, "update": 0, "delete": 0, "unchanged": 5}));
    assert_eq!(find(&app, &admin, "takahashi").await["name"], "髙橋 﨑子");

    let response =
        app.get("/api/v1/admin/users/export?encoding=utf-8", &admin).send().await.unwrap_or_else(|e| panic!("{e}"));
    let bytes = response.bytes().await.unwrap_or_default();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 exports carry a BOM for Excel");
}

async fn a_shift_jis_import_with_japanese_headers_is_read(app: TestApp) {
    let admin = app.admin_token().await;
    let csv = "操作,ログインID,氏名,権限,パスワード,無効\r\n追加,yamada,山田 太郎,viewer,Madoguchi 2026,0\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
    let (status, report) = send(import(&app, &admin, bytes.into_owned(), false).await).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["encoding"], "cp932");
    assert_eq!(find(&app, &admin, "yamada").await["name"], "山田 太郎");

    let (status, code, _) = problem(import(&app, &admin, Vec::new(), true).await).await;
    assert_eq!((status, code.as_str()), (422, "import.empty"));
}

on_both_engines!(two_administrators_demoting_each_other_at_once_leave_one,);

async fn two_administrators_demoting_each_other_at_once_leave_one(app: TestApp) {
    let first = app.admin_token().await;
    let (status, _) = send(app.post(
        "/api/v1/admin/users",
        &first,
        &json!({"login_id": "admin2", "name": "二人目", "roles": ["admin"], "password": "Madoguchi 2026"}),
    ))
    .await;
    assert_eq!(status, 201);
    let second = app.token("demo", "admin2", "Madoguchi 2026").await;
    let first_id = find(&app, &first, "admin").await["id"].as_str().unwrap_or_default().to_owned();
    let second_id = find(&app, &first, "admin2").await["id"].as_str().unwrap_or_default().to_owned();

    let demote = json!({"roles": ["viewer"]});
    let (a, b) = tokio::join!(
        send(app.patch(&format!("/api/v1/admin/users/{second_id}"), &first, &demote)),
        send(app.patch(&format!("/api/v1/admin/users/{first_id}"), &second, &demote)),
    );
    let succeeded = [a.0, b.0].iter().filter(|&&s| s == 200).count();
    assert_eq!(succeeded, 1, "exactly one demotion wins: {a:?} / {b:?}");
    let loser = if a.0 == 200 { &b } else { &a };
    assert!(matches!(loser.0, 401 | 403 | 409), "{loser:?}");

    let survivor = if a.0 == 200 { first } else { second };
    let (_, admins) = send(app.get("/api/v1/admin/users?role=admin", &survivor)).await;
    assert_eq!(admins["total"], 1, "the municipality keeps exactly one administrator");
}

async fn wildcards_typed_into_a_search_are_characters(app: TestApp) {
    let admin = app.admin_token().await;
    let total = |q: &str| {
        let encoded: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        let path = format!("/api/v1/admin/users?q={encoded}");
        let admin = admin.clone();
        let app = &app;
        async move { send(app.get(&path, &admin)).await.1["total"].as_u64() }
    };
    assert!(total("a").await.unwrap_or(0) > 0);
    for wildcard in ["%", "_", "a%n", "_dmin"] {
        assert_eq!(total(wildcard).await, Some(0), "{wildcard} is searched for, not matched against anything");
    }
}
