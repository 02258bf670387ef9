use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, TestApp, problem, send};
use crate::on_both_engines;

on_both_engines!(another_municipalitys_users_are_invisible_and_answer_404,);

async fn another_municipalitys_users_are_invisible_and_answer_404(app: TestApp) {
    app.create_tenant("minato", "131032", "港区").await;
    let theirs = app.token("minato", "admin", DEMO_PASSWORD).await;
    let (_, their_page) = send(app.get("/api/v1/admin/users", &theirs)).await;
    assert_eq!(their_page["total"], 1);
    let their_admin = their_page["items"][0]["id"].as_str().unwrap_or_default().to_owned();

    let ours = app.admin_token().await;
    let (_, our_page) = send(app.get("/api/v1/admin/users?q=admin", &ours)).await;
    assert!(our_page["items"].as_array().into_iter().flatten().all(|u| u["id"] != their_admin.as_str()));

    let path = format!("/api/v1/admin/users/{their_admin}");
    assert_eq!(problem(app.get(&path, &ours)).await.0, 404);
    assert_eq!(problem(app.patch(&path, &ours, &json!({"name": "乗っ取り"}))).await.0, 404);
    assert_eq!(problem(app.delete(&path, &ours)).await.0, 404);
    assert_eq!(
        problem(app.post(&format!("{path}/password"), &ours, &json!({"password": "Takeover 2026 now"}))).await.0,
        404
    );
    assert_eq!(problem(app.post(&format!("{path}/unlock"), &ours, &json!({}))).await.0, 404);

    let (_, their_user) = send(app.get(&path, &theirs)).await;
    assert_eq!(their_user["name"], "他市 管理者", "untouched");
    let (_, their_log) = send(app.get("/api/v1/admin/audit-log", &theirs)).await;
    assert!(
        their_log["items"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| e["actor_login_id"] == "admin" && e["action"] != "user.update")
    );
    let (_, our_log) = send(app.get("/api/v1/admin/audit-log?action=auth.sign_in", &ours)).await;
    assert_eq!(our_log["total"], 1, "their sign-in is not in our log");
}
