//! An operator's commands on municipalities: one is brought in with its data key and a
//! first administrator who must replace the one-time password before anything else;
//! one is switched off (closed to residents, no staff sign-in) and on again.

use madoguchi::tenant_admin::{self, NewMunicipality};
use reqwest::Method;
use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, TestApp, problem, send};
use crate::on_both_engines;

on_both_engines!(
    a_new_municipality_s_administrator_first_replaces_the_one_time_password,
    a_municipality_is_brought_in_only_with_every_field_right_and_never_twice,
    a_switched_off_municipality_is_closed_to_residents_and_staff_until_switched_on,
);

/// 千代田区: 13101 and its check digit.
const CODE: &str = "131016";

fn kita() -> NewMunicipality {
    NewMunicipality {
        slug: "kita".to_owned(),
        code: CODE.to_owned(),
        name: "北区".to_owned(),
        admin: "kanri".to_owned(),
        admin_name: Some("北 管理者".to_owned()),
    }
}

async fn a_new_municipality_s_administrator_first_replaces_the_one_time_password(app: TestApp) {
    let created = tenant_admin::create(&app.config, &kita(), app.now()).await.unwrap_or_else(|e| panic!("{e:#}"));
    let one_time = created.one_time_password.clone();
    assert!(one_time.chars().count() >= 12, "{one_time}");
    let keys = "SELECT COUNT(*) AS n FROM tenant_keys WHERE tenant_id IN (SELECT id FROM tenants WHERE slug = 'kita')";
    assert_eq!(app.count(keys).await, 1, "its data key is made with it");
    let (status, site) = send(app.request(Method::GET, "/api/v1/public/kita/site")).await;
    assert_eq!((status, &site["name"], &site["public"]), (200, &json!("北区"), &json!(true)), "{site}");

    let (status, signed_in) = send(app.request(Method::POST, "/api/v1/auth/login").json(&json!({
        "tenant": "kita", "login_id": "kanri", "password": one_time
    })))
    .await;
    assert_eq!((status, &signed_in["user"]["must_change_password"]), (200, &json!(true)), "{signed_in}");
    let token = signed_in["access_token"].as_str().unwrap_or_default().to_owned();
    let (status, code, _) = problem(app.get("/api/v1/admin/users", &token)).await;
    assert_eq!((status, code.as_str()), (403, "auth.password_change_required"), "nothing before the change");
    let (status, me) = send(app.get("/api/v1/me", &token)).await;
    assert_eq!((status, &me["must_change_password"], &me["name"]), (200, &json!(true), &json!("北 管理者")));

    let (status, refused) = send(app.post(
        "/api/v1/me/password",
        &token,
        &json!({ "current_password": one_time, "new_password": "kanri" }),
    ))
    .await;
    assert_eq!(status, 422, "the tenant's rules hold for the first own password too: {refused}");
    let own = "Kita-ku 2026 madoguchi";
    let (status, _) =
        send(app.post("/api/v1/me/password", &token, &json!({ "current_password": one_time, "new_password": own })))
            .await;
    assert_eq!(status, 204);
    let (status, users) = send(app.get("/api/v1/admin/users", &token)).await;
    assert_eq!((status, &users["items"][0]["login_id"]), (200, &json!("kanri")), "{users}");
    let (_, me) = send(app.get("/api/v1/me", &token)).await;
    assert_eq!(me["must_change_password"], json!(false));
    assert_eq!(app.login("kita", "kanri", &one_time).await.status().as_u16(), 401, "the one-time password is gone");
    let again = app.token("kita", "kanri", own).await;

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=tenant.", &again)).await;
    assert_eq!(log["items"][0]["action"], "tenant.create", "{log}");
    assert_eq!(log["items"][0]["actor_login_id"], "system", "{log}");
    assert_eq!(log["items"][0]["detail"]["admin"], "kanri", "{log}");
    let (_, demo_log) = send(app.get("/api/v1/admin/audit-log?action=tenant.", &app.admin_token().await)).await;
    assert_eq!(demo_log["total"], 0, "another municipality's log does not show it: {demo_log}");
}

async fn a_municipality_is_brought_in_only_with_every_field_right_and_never_twice(app: TestApp) {
    let wrong = NewMunicipality {
        slug: "Kita Ku".to_owned(),
        code: "131017".to_owned(),
        name: " ".to_owned(),
        admin: String::new(),
        admin_name: None,
    };
    let error = tenant_admin::create(&app.config, &wrong, app.now()).await.err().map(|e| format!("{e:#}"));
    let error = error.unwrap_or_default();
    for field in ["--slug", "--code", "--name", "--admin"] {
        assert!(error.contains(field), "every faulty field is named at once: {error}");
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tenants").await, 1, "nothing is written");

    tenant_admin::create(&app.config, &kita(), app.now()).await.unwrap_or_else(|e| panic!("{e:#}"));
    let same_slug = NewMunicipality { code: "011002".to_owned(), ..kita() };
    let error = tenant_admin::create(&app.config, &same_slug, app.now()).await.err().map(|e| format!("{e:#}"));
    assert!(error.unwrap_or_default().contains("--slug"));
    let same_code = NewMunicipality { slug: "chiyoda".to_owned(), ..kita() };
    let error = tenant_admin::create(&app.config, &same_code, app.now()).await.err().map(|e| format!("{e:#}"));
    assert!(error.unwrap_or_default().contains("--code"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tenants").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM staff_users WHERE login_id = 'kanri'").await, 1);

    let listed = tenant_admin::list(&app.config).await.unwrap_or_else(|e| panic!("{e:#}"));
    let shown: Vec<(&str, &str, &str)> =
        listed.iter().map(|t| (t.slug.as_str(), t.code.as_str(), t.standing.as_str())).collect();
    assert_eq!(shown, [("demo", "999997", "served"), ("kita", CODE, "served")]);
}

async fn a_switched_off_municipality_is_closed_to_residents_and_staff_until_switched_on(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    assert!(tenant_admin::set_disabled(&app.config, "demo", true, app.now()).await.unwrap_or_else(|e| panic!("{e:#}")));
    assert!(!tenant_admin::set_disabled(&app.config, "demo", true, app.now()).await.unwrap_or_default());

    let (status, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!((status, &site["public"]), (200, &json!(false)), "residents see the closed page: {site}");
    let (status, code, _) = problem(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    assert_eq!((status, code.as_str()), (503, "site.closed"));
    let (status, code, _) = problem(app.get("/api/v1/bookings?page=1", &clerk)).await;
    assert_eq!((status, code.as_str()), (401, "auth.session_expired"), "the staff signed in are signed out");
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/auth/login").json(&json!({
        "tenant": "demo", "login_id": "admin", "password": DEMO_PASSWORD
    })))
    .await;
    assert_eq!((status, code.as_str()), (401, "auth.tenant_disabled"), "the right password is told why");
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/auth/login").json(&json!({
        "tenant": "demo", "login_id": "admin", "password": "a wrong password"
    })))
    .await;
    assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"), "a wrong one is not");
    let listed = tenant_admin::list(&app.config).await.unwrap_or_default();
    assert_eq!(listed.iter().map(|t| t.standing.as_str()).collect::<Vec<_>>(), ["disabled"]);

    assert!(tenant_admin::set_disabled(&app.config, "demo", false, app.now()).await.unwrap_or_default());
    let (_, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!(site["public"], json!(true));
    let admin = app.admin_token().await;
    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=tenant.", &admin)).await;
    let actions: Vec<&str> =
        log["items"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, ["tenant.enable", "tenant.disable"], "{log}");
    let (_, failed) = send(app.get("/api/v1/admin/audit-log?action=auth.sign_in_failed", &admin)).await;
    assert_eq!(failed["items"][1]["detail"]["reason"], "tenant_disabled", "{failed}");
}
