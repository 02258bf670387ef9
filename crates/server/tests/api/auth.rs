use chrono::TimeDelta;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, json, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_administrator_signs_in_and_sees_who_they_are,
    a_wrong_password_is_refused_with_invalid_credentials,
    an_unknown_user_or_tenant_looks_like_a_wrong_password,
    a_stranger_locks_a_sign_in_for_a_while_not_for_good,
    an_unknown_login_id_is_answered_exactly_like_a_known_one,
    failures_are_forgotten_after_a_quiet_hour,
    parallel_guesses_get_no_more_tries_than_the_threshold,
    wrong_current_passwords_count_towards_the_lock,
    missing_expired_and_tampered_tokens_are_refused,
    a_call_center_clerk_cannot_reach_admin_routes,
    refresh_rotates_the_cookie_and_a_replayed_one_ends_the_session,
    logout_ends_the_session,
    the_idle_timeout_ends_an_unused_session,
    a_disabled_user_cannot_sign_in_and_loses_their_session,
    changing_ones_own_password_follows_the_rules,
);

async fn an_administrator_signs_in_and_sees_who_they_are(app: TestApp) {
    let response = app.login("demo", "admin", DEMO_PASSWORD).await;
    let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (status, body) = json(response).await;
    assert_eq!(status, 200, "{body}");
    assert!(cookie.starts_with("madoguchi_refresh="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "the refresh cookie lacks {attribute}: {cookie}");
    }
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 300);
    assert_eq!(body["user"]["roles"], json!(["admin"]));
    assert_eq!(body["user"]["tenant"]["name"], "デモ市");

    let token = body["access_token"].as_str().unwrap_or_default();
    let (status, me) = send(app.get("/api/v1/me", token)).await;
    assert_eq!(status, 200);
    assert_eq!(me["login_id"], "admin");
    assert_eq!(me["idle_timeout_seconds"], 1800);
}

async fn a_wrong_password_is_refused_with_invalid_credentials(app: TestApp) {
    let (status, code, body) = problem(
        app.request(Method::POST, "/api/v1/auth/login")
            .json(&json!({"tenant": "demo", "login_id": "admin", "password": "wrong password"})),
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"), "{body}");
}

async fn an_unknown_user_or_tenant_looks_like_a_wrong_password(app: TestApp) {
    for (tenant, login) in [("demo", "nobody"), ("atlantis", "admin"), ("demo", "ADMIN with spaces")] {
        let (status, code, _) = problem(
            app.request(Method::POST, "/api/v1/auth/login")
                .json(&json!({"tenant": tenant, "login_id": login, "password": DEMO_PASSWORD})),
        )
        .await;
        assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"), "{tenant}/{login}");
    }
    let (status, code, body) =
        problem(app.request(Method::POST, "/api/v1/auth/login").json(&json!({"tenant": "", "login_id": "admin"})))
            .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(field, _)| field).collect();
    assert_eq!(fields, ["tenant", "password"], "every empty field is named at once");
}

/// The status, the code and the minutes to wait (`Retry-After`, rounded up).
async fn sign_in(app: &TestApp, login: &str, password: &str) -> (u16, String, i64) {
    let response = app.login("demo", login, password).await;
    let retry_after: i64 =
        response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    let (status, body) = json(response).await;
    (status, body["code"].as_str().unwrap_or("signed in").to_owned(), (retry_after + 59) / 60)
}

async fn a_stranger_locks_a_sign_in_for_a_while_not_for_good(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    for attempt in 1..=4 {
        assert_eq!(sign_in(&app, "callcenter", "guess").await.1, "auth.invalid_credentials", "attempt {attempt}");
    }
    assert_eq!(sign_in(&app, "callcenter", "guess").await, (429, "auth.locked".to_owned(), 15), "the fifth locks");
    assert_eq!(
        sign_in(&app, "callcenter", DEMO_PASSWORD).await.1,
        "auth.locked",
        "even the right password waits while locked"
    );
    assert_eq!(send(app.get("/api/v1/me", &clerk)).await.0, 200, "the clerk already signed in works on");

    let admin = app.admin_token().await;
    let (_, users) = send(app.get("/api/v1/admin/users?q=callcenter", &admin)).await;
    let until =
        users["items"][0]["locked_until"].as_str().and_then(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok());
    let minutes_left = until.map(|until| (until - app.now()).num_seconds().div_euclid(60));
    assert_eq!((&users["items"][0]["locked"], minutes_left), (&json!(true), Some(14)));

    // The lock opens by itself; the next one in a row lasts twice as long.
    app.advance(TimeDelta::minutes(15));
    app.token("demo", "callcenter", DEMO_PASSWORD).await;
    for _ in 1..=4 {
        sign_in(&app, "callcenter", "guess").await;
    }
    assert_eq!(sign_in(&app, "callcenter", "guess").await, (429, "auth.locked".to_owned(), 30));
    app.advance(TimeDelta::minutes(16));
    assert_eq!(sign_in(&app, "callcenter", DEMO_PASSWORD).await.1, "auth.locked");

    // An administrator opens it at once.
    let admin = app.admin_token().await;
    let id = users["items"][0]["id"].as_str().unwrap_or_default();
    let (status, unlocked) = send(app.post(&format!("/api/v1/admin/users/{id}/unlock"), &admin, &json!({}))).await;
    assert_eq!((status, &unlocked["locked"]), (200, &json!(false)));
    app.token("demo", "callcenter", DEMO_PASSWORD).await;
}

async fn an_unknown_login_id_is_answered_exactly_like_a_known_one(app: TestApp) {
    let mut answers = Vec::new();
    for login in ["callcenter", "no.such.clerk"] {
        let mut these = Vec::new();
        for _ in 1..=6 {
            these.push(sign_in(&app, login, "guess").await);
        }
        answers.push(these);
    }
    assert_eq!(answers[0], answers[1], "the answers tell no one which IDs exist");
    assert_eq!(answers[0][5].1, "auth.locked");
}

async fn failures_are_forgotten_after_a_quiet_hour(app: TestApp) {
    for _ in 1..=4 {
        sign_in(&app, "callcenter", "guess").await;
    }
    app.advance(TimeDelta::minutes(61));
    for attempt in 1..=4 {
        assert_eq!(sign_in(&app, "callcenter", "guess").await.0, 401, "attempt {attempt} after the hour");
    }
    assert_eq!(sign_in(&app, "callcenter", "guess").await.0, 429);
}

async fn parallel_guesses_get_no_more_tries_than_the_threshold(app: TestApp) {
    // Twelve guesses at once: each is counted before its password is checked, so the
    // four under the threshold are refused as wrong and every other one as locked.
    let guesses = (0..12).map(|_| sign_in(&app, "callcenter", "guess"));
    let answers = futures_util::future::join_all(guesses).await;
    let count = |status: u16| answers.iter().filter(|answer| answer.0 == status).count();
    assert_eq!((count(401), count(429)), (4, 8), "{answers:?}");
}

async fn wrong_current_passwords_count_towards_the_lock(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let change = |current: &str| {
        app.post(
            "/api/v1/me/password",
            &clerk,
            &json!({"current_password": current, "new_password": "Counter 2026 winter"}),
        )
    };
    for attempt in 1..=4 {
        let (_, _, body) = problem(change("guess")).await;
        assert_eq!(field_errors(&body)[0].1, "password.wrong_current", "attempt {attempt}");
    }
    assert_eq!(problem(change("guess")).await.1, "auth.locked");
    assert_eq!(problem(change(DEMO_PASSWORD)).await.1, "auth.locked", "no more guesses from an unattended screen");
    assert_eq!(sign_in(&app, "callcenter", DEMO_PASSWORD).await.1, "auth.locked");
    assert_eq!(send(app.get("/api/v1/me", &clerk)).await.0, 200);
}

async fn missing_expired_and_tampered_tokens_are_refused(app: TestApp) {
    let (status, code, _) = problem(app.request(Method::GET, "/api/v1/me")).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_missing"));

    let token = app.admin_token().await;
    let mut tampered = token.clone().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap_or_default();
    let (status, code, _) = problem(app.get("/api/v1/me", &tampered)).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_invalid"));

    let (status, code, _) = problem(app.get("/api/v1/me", "not.a.jwt")).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_invalid"));

    app.advance(TimeDelta::minutes(6));
    let (status, code, _) = problem(app.get("/api/v1/me", &token)).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_expired"));
}

async fn a_call_center_clerk_cannot_reach_admin_routes(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    for path in
        ["/api/v1/admin/users", "/api/v1/admin/settings", "/api/v1/admin/audit-log", "/api/v1/admin/users/export"]
    {
        let (status, code, _) = problem(app.get(path, &clerk)).await;
        assert_eq!((status, code.as_str()), (403, "auth.forbidden"), "{path}");
    }
    let (status, code, _) = problem(app.post(
        "/api/v1/admin/users",
        &clerk,
        &json!({"login_id": "x", "name": "x", "roles": ["admin"], "password": "long enough password 1"}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (403, "auth.forbidden"));
    let (status, _) = send(app.get("/api/v1/me", &clerk)).await;
    assert_eq!(status, 200, "any role may see itself");
}

async fn refresh_rotates_the_cookie_and_a_replayed_one_ends_the_session(app: TestApp) {
    let response = app.login("demo", "admin", DEMO_PASSWORD).await;
    let first_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .to_owned();
    assert_eq!(response.status(), 200);

    let (status, body) = send(app.request(Method::POST, "/api/v1/auth/refresh")).await;
    assert_eq!(status, 200, "{body}");
    let fresh = body["access_token"].as_str().unwrap_or_default().to_owned();
    assert_eq!(send(app.get("/api/v1/me", &fresh)).await.0, 200);

    // Someone who copied the first cookie replays it: refused, and the session ends
    // for the owner too, who signs in again.
    let stranger = reqwest::Client::new();
    let replay = stranger
        .post(format!("{}/api/v1/auth/refresh", app.address))
        .header("cookie", &first_cookie)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replay.status(), 401);
    assert_eq!(problem(app.get("/api/v1/me", &fresh)).await.1, "auth.session_expired");
    assert_eq!(send(app.request(Method::POST, "/api/v1/auth/refresh")).await.0, 401);
    let admin = app.admin_token().await;
    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=auth.refresh_replayed", &admin)).await;
    assert_eq!(log["total"], 1, "{log}");
}

async fn logout_ends_the_session(app: TestApp) {
    let token = app.admin_token().await;
    let response = app
        .request(Method::POST, "/api/v1/auth/logout")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let (status, code, _) = problem(app.get("/api/v1/me", &token)).await;
    assert_eq!((status, code.as_str()), (401, "auth.session_expired"), "the access token dies with its session");
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/auth/refresh")).await;
    assert_eq!((status, code.as_str()), (401, "auth.session_expired"));
}

async fn the_idle_timeout_ends_an_unused_session(app: TestApp) {
    app.admin_token().await;
    // Working: a request every 20 minutes keeps the session (idle time-out 30 minutes).
    for _ in 0..2 {
        app.advance(TimeDelta::minutes(20));
        let (status, body) = send(app.request(Method::POST, "/api/v1/auth/refresh")).await;
        assert_eq!(status, 200, "{body}");
        let token = body["access_token"].as_str().unwrap_or_default().to_owned();
        assert_eq!(send(app.get("/api/v1/me", &token)).await.0, 200);
    }
    // Refreshing alone is not activity: a screen left open times out.
    app.advance(TimeDelta::minutes(20));
    assert_eq!(send(app.request(Method::POST, "/api/v1/auth/refresh")).await.0, 200);
    app.advance(TimeDelta::minutes(11));
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/auth/refresh")).await;
    assert_eq!((status, code.as_str()), (401, "auth.session_expired"));
}

async fn a_disabled_user_cannot_sign_in_and_loses_their_session(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let admin = app.admin_token().await;
    let (_, users) = send(app.get("/api/v1/admin/users?q=callcenter", &admin)).await;
    let id = users["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    let (status, _) = send(app.patch(&format!("/api/v1/admin/users/{id}"), &admin, &json!({"disabled": true}))).await;
    assert_eq!(status, 200);
    let (status, code, _) = problem(app.get("/api/v1/me", &clerk)).await;
    assert_eq!((status, code.as_str()), (401, "auth.session_expired"));
    let (status, code, _) = problem(
        app.request(Method::POST, "/api/v1/auth/login")
            .json(&json!({"tenant": "demo", "login_id": "callcenter", "password": DEMO_PASSWORD})),
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "auth.disabled"));
}

async fn changing_ones_own_password_follows_the_rules(app: TestApp) {
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, code, body) = problem(app.post(
        "/api/v1/me/password",
        &token,
        &json!({"current_password": "wrong", "new_password": "short"}),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body), [("current_password".to_owned(), "password.wrong_current".to_owned())]);

    let (status, _, body) = problem(app.post(
        "/api/v1/me/password",
        &token,
        &json!({"current_password": DEMO_PASSWORD, "new_password": "ledgerledger"}),
    ))
    .await;
    assert_eq!(status, 422);
    let codes: Vec<String> = field_errors(&body).into_iter().map(|(_, code)| code).collect();
    assert!(
        codes.contains(&"password.too_few_classes".to_owned())
            && codes.contains(&"password.contains_login_id".to_owned()),
        "{codes:?}"
    );

    let response = app
        .post(
            "/api/v1/me/password",
            &token,
            &json!({"current_password": DEMO_PASSWORD, "new_password": "Counter 2026 spring"}),
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    assert_eq!(app.login("demo", "ledger", DEMO_PASSWORD).await.status(), 401);
    app.token("demo", "ledger", "Counter 2026 spring").await;
}

on_both_engines!(an_address_that_keeps_failing_is_slowed_down,);

async fn an_address_that_keeps_failing_is_slowed_down(app: TestApp) {
    // Halfway through a fifteen-minute window of the limit, whatever the hour the test
    // runs at: how long the address waits depends on where in its window it is.
    let into_window = app.now().timestamp().rem_euclid(15 * 60);
    app.advance(TimeDelta::seconds(15 * 60 - into_window + 7 * 60 + 30));

    // Guessing across many accounts: each stays under its own lock-out threshold.
    for round in 0..50 {
        let login = format!("guess{round}");
        let (status, code, _) = problem(
            app.request(Method::POST, "/api/v1/auth/login")
                .json(&json!({"tenant": "demo", "login_id": login, "password": "password1"})),
        )
        .await;
        assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"), "attempt {round}");
    }
    let response = app.login("demo", "admin", DEMO_PASSWORD).await;
    assert_eq!(response.status(), 429, "even a right password waits once the address is limited");
    let first_wait = retry_after(&response);
    // The rest of this window, and the moment the next one has let enough of it fade.
    assert!((7 * 60..=9 * 60).contains(&first_wait), "Retry-After: {first_wait}");
    let (_, code, _) = problem(
        app.request(Method::POST, "/api/v1/auth/login")
            .json(&json!({"tenant": "demo", "login_id": "admin", "password": DEMO_PASSWORD})),
    )
    .await;
    assert_eq!(code, "rate_limited");

    // Whoever waits as long as told gets in.
    let response = app.login("demo", "admin", DEMO_PASSWORD).await;
    assert_eq!(response.status(), 429);
    app.advance(TimeDelta::seconds(retry_after(&response)));
    app.token("demo", "admin", DEMO_PASSWORD).await;
}

fn retry_after(response: &reqwest::Response) -> i64 {
    response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0)
}
