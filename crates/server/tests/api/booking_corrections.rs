//! A clerk corrects who a booking is for (a name misheard on the phone, a new mobile
//! number) and issues a new password for a resident who lost theirs.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{book, demo, ordinary_weekday, person, request, today};
use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    a_clerk_corrects_a_misheard_name_and_the_history_keeps_both,
    a_correction_that_makes_two_bookings_one_person_is_refused,
    a_lost_password_is_replaced_and_mailed,
);

async fn booked(app: &TestApp, serial: u32, name: &str, birth: &str, email: Option<&str>) -> Value {
    let demo = demo(app).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    let mut body = request(
        &demo,
        &format!("{day}T10:30:00+09:00"),
        vec![person(&format!("C1C{serial:06}"), name, birth)],
        &format!("03{serial:08}"),
    );
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    let (status, created) = book(app, &body).await;
    assert_eq!(status, 201, "{created}");
    created
}

async fn desk(app: &TestApp, token: &str, reception: &str) -> Value {
    let (status, details) = send(app.get(&format!("/api/v1/bookings/{reception}"), token)).await;
    assert_eq!(status, 200, "{details}");
    details
}

async fn a_clerk_corrects_a_misheard_name_and_the_history_keeps_both(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let created = booked(&app, 1, "山崎 太郎", "1950-05-05", None).await;
    let reception = created["reception_number"].as_str().unwrap_or_default().to_owned();
    let before = desk(&app, &clerk, &reception).await;
    let path = format!("/api/v1/bookings/{reception}");

    let (status, code, body) = problem(app.patch(
        &path,
        &clerk,
        &json!({ "version": before["booking"]["version"], "phone": "123", "applicants": [{ "name_kana": "yamazaki" }, {}] }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let mut fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, ["applicants", "applicants.0.name_kana", "phone"], "each faulty field is named");

    let (status, corrected) = send(app.patch(
        &path,
        &clerk,
        &json!({
            "version": before["booking"]["version"],
            "applicants": [{ "name": "山﨑　太郎", "name_kana": "やまさき たろう" }],
            "phone": "０９０－１２３４－５６７８",
            "email": "Taro@Example.JP",
            "reason": "電話で聞き違い"
        }),
    ))
    .await;
    assert_eq!(status, 200, "{corrected}");
    let booking = &corrected["booking"];
    assert_eq!(booking["applicants"][0]["name"], "山﨑 太郎", "the old form of the kanji is kept as typed");
    assert_eq!(booking["applicants"][0]["name_kana"], "ヤマサキ タロウ");
    assert_eq!((&booking["phone"], &booking["email"]), (&json!("09012345678"), &json!("Taro@example.jp")));
    assert_eq!(booking["version"].as_i64(), before["booking"]["version"].as_i64().map(|v| v + 1), "versioned");
    let last = corrected["history"].as_array().and_then(|h| h.last()).cloned().unwrap_or_default();
    assert_eq!((&last["action"], &last["actor"]), (&json!("corrected"), &json!("callcenter")), "{last}");
    assert_eq!(last["detail"]["applicants.0.name"], json!({ "from": "山崎 太郎", "to": "山﨑 太郎" }));
    assert_eq!(last["detail"]["reason"], "電話で聞き違い");

    let admin = app.admin_token().await;
    let (_, audit) = send(app.get("/api/v1/admin/audit-log?action=booking.change", &admin)).await;
    let detail = &audit["items"][0]["detail"];
    assert_eq!(detail["corrected"], json!(["applicants.0.name", "applicants.0.name_kana", "email", "phone"]));
    assert!(!audit.to_string().contains("09012345678"), "the audit log names fields, not their values");

    // The resident's own look-up finds the corrected booking.
    let (_, site) = send(app.get(&path, &clerk)).await;
    assert_eq!(site["booking"]["applicants"][0]["name"], "山﨑 太郎");
}

async fn a_correction_that_makes_two_bookings_one_person_is_refused(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    booked(&app, 2, "佐藤 花子", "1960-06-06", None).await;
    let other = booked(&app, 3, "佐藤 花", "1960-06-06", None).await;
    let reception = other["reception_number"].as_str().unwrap_or_default().to_owned();
    let before = desk(&app, &clerk, &reception).await;
    let (status, code, _) = problem(app.patch(
        &format!("/api/v1/bookings/{reception}"),
        &clerk,
        &json!({ "version": before["booking"]["version"], "applicants": [{ "name": "佐藤 花子" }] }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "booking.duplicate"), "the same person holds a booking already");
    let after = desk(&app, &clerk, &reception).await;
    assert_eq!(after["booking"]["applicants"][0]["name"], "佐藤 花", "nothing changed");
    assert_eq!(after["booking"]["version"], before["booking"]["version"]);
}

async fn a_lost_password_is_replaced_and_mailed(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let created = booked(&app, 4, "鈴木 一郎", "1945-01-01", Some("ichiro@example.jp")).await;
    let reception = created["reception_number"].as_str().unwrap_or_default().to_owned();
    let old = created["password"].as_str().unwrap_or_default().to_owned();
    let before = desk(&app, &clerk, &reception).await;
    let path = format!("/api/v1/bookings/{reception}/password");

    let (status, code, _) = problem(app.post(&path, &clerk, &json!({ "version": 0 }))).await;
    assert_eq!((status, code.as_str()), (409, "booking.changed_meanwhile"));
    let response = app
        .post(&path, &clerk, &json!({ "version": before["booking"]["version"], "reason": "本人から電話、紛失" }))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let reissued: Value = response.json().await.unwrap_or_default();
    let new = reissued["password"].as_str().unwrap_or_default().to_owned();
    assert!(new.len() == 10 && new != old, "{reissued}");
    assert_eq!(reissued["mailed"], true);

    let lookup = |password: String| {
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
            .json(&json!({ "reception_number": reception, "password": password }))
    };
    assert_eq!(send(lookup(old)).await.0, 404, "the old password no longer opens it");
    assert_eq!(send(lookup(new.clone())).await.0, 200, "the new one does");

    let mut mailed = false;
    for _ in 0..50 {
        let texts: Vec<String> = std::fs::read_dir(&app.outbox)
            .map(|d| d.filter_map(Result::ok).filter_map(|e| std::fs::read(e.path()).ok()).collect::<Vec<_>>())
            .unwrap_or_default()
            .iter()
            .filter_map(|raw| mail_parser::MessageParser::default().parse(raw))
            .map(|m| format!("{}\n{}", m.subject().unwrap_or_default(), m.body_text(0).unwrap_or_default()))
            .collect();
        if texts.iter().any(|t| t.contains("パスワードを再発行しました") && t.contains(&new)) {
            mailed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(mailed, "the new password is mailed to the resident");
}
