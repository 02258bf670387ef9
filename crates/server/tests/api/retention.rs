//! Who a booking was for is removed the number of days after the visit (or the
//! cancellation) the municipality set; what statistics count stays, a booking still
//! waiting for its visit keeps everything, and each removal is in the audit log. The
//! job runs on one node at a time.

use chrono::{Duration, NaiveTime, TimeZone};
use madoguchi_persistence::job_leases;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{book, demo, ordinary_weekday, person, request, today, tokyo};
use crate::helpers::{DEMO_PASSWORD, TestApp, send};
use crate::on_both_engines;

on_both_engines!(
    personal_data_goes_the_set_number_of_days_after_the_visit_or_the_cancellation,
    a_person_of_the_address_list_goes_the_set_number_of_days_after_the_last_list_that_held_them,
    one_node_at_a_time_holds_a_job,
);

async fn booked(app: &TestApp, start: &str, serial: u32, name: &str) -> String {
    let demo = demo(app).await;
    let body = request(
        &demo,
        start,
        vec![person(&format!("R7R{serial:06}"), name, "1952-03-04")],
        &format!("0612{serial:06}"),
    );
    let (status, created) = book(app, &body).await;
    assert_eq!(status, 201, "{created}");
    created["reception_number"].as_str().unwrap_or_default().to_owned()
}

async fn shown(app: &TestApp, clerk: &str, reception: &str) -> Value {
    let (status, details) = send(app.get(&format!("/api/v1/bookings/{reception}"), clerk)).await;
    assert_eq!(status, 200, "{details}");
    details
}

/// Waits for the background job (every 200 ms in tests) to have removed `reception`'s data.
async fn removed(app: &TestApp, clerk: &str, reception: &str) -> bool {
    for _ in 0..100 {
        if shown(app, clerk, reception).await["booking"]["applicants"][0]["name"].is_null() {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

async fn personal_data_goes_the_set_number_of_days_after_the_visit_or_the_cancellation(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    assert_eq!(rules["retention_days"], 90, "the default: {rules}");
    rules["retention_days"] = json!(30);
    let (status, body) =
        send(app.client.put(format!("{}/api/v1/admin/booking-rules", app.address)).bearer_auth(&admin).json(&rules))
            .await;
    assert_eq!(status, 204, "{body}");
    rules["retention_days"] = json!(3);
    let (status, refused) =
        send(app.client.put(format!("{}/api/v1/admin/booking-rules", app.address)).bearer_auth(&admin).json(&rules))
            .await;
    assert_eq!((status, refused["errors"][0]["field"].as_str()), (422, Some("retention_days")), "{refused}");

    let day = ordinary_weekday(today() + Duration::days(2));
    let visited = booked(&app, &format!("{day}T10:00:00+09:00"), 1, "来庁 一郎").await;
    let cancelled = booked(&app, &format!("{day}T10:30:00+09:00"), 2, "取消 二郎").await;
    let waiting = booked(&app, &format!("{day}T11:00:00+09:00"), 3, "未来 三郎").await;
    let clerk = app.token("demo", "admin", DEMO_PASSWORD).await;
    let version = shown(&app, &clerk, &cancelled).await["booking"]["version"].clone();
    let (status, _) = send(app.post(
        &format!("/api/v1/bookings/{cancelled}/cancel"),
        &clerk,
        &json!({ "version": version, "reason": "本人から電話" }),
    ))
    .await;
    assert_eq!(status, 200);

    // The visit day: she comes.
    let visit = tokyo()
        .from_local_datetime(&day.and_time(NaiveTime::from_hms_opt(10, 5, 0).unwrap_or_default()))
        .single()
        .unwrap_or_else(|| panic!("a time"));
    app.move_clock_to(visit);
    let clerk = app.token("demo", "admin", DEMO_PASSWORD).await;
    let (status, _) =
        send(app.request(Method::POST, &format!("/api/v1/bookings/{visited}/check-in")).bearer_auth(&clerk)).await;
    assert_eq!(status, 200);

    // 29 days after the visit: the booking cancelled two days before it is past its 30
    // days and goes; the visited one is kept.
    app.advance(Duration::days(29));
    let clerk = app.token("demo", "admin", DEMO_PASSWORD).await;
    assert!(removed(&app, &clerk, &cancelled).await, "30 days after the cancellation, its data is removed");
    assert_eq!(shown(&app, &clerk, &visited).await["booking"]["applicants"][0]["name"], "来庁 一郎");

    // A day past the visit's 30: the visited booking loses who it was for.
    app.advance(Duration::days(2));
    let clerk = app.token("demo", "admin", DEMO_PASSWORD).await;
    assert!(removed(&app, &clerk, &visited).await, "30 days after the visit, its data is removed");
    let kept = shown(&app, &clerk, &visited).await;
    let b = &kept["booking"];
    assert_eq!(
        (b["status"].as_str(), b["places"].as_u64(), b["phone"].is_null()),
        (Some("visited"), Some(1), true),
        "{kept}"
    );
    assert!(b["applicants"][0]["birth_date"].is_null() && b["applicants"][0]["management_number"].is_null(), "{kept}");
    assert!(kept["history"].as_array().is_some_and(|h| h.iter().all(|e| e["detail"] == json!({}))), "{kept}");
    assert_eq!(
        shown(&app, &clerk, &waiting).await["booking"]["applicants"][0]["name"],
        "未来 三郎",
        "a booking never visited nor cancelled keeps its data"
    );
    let (_, found) = send(app.get("/api/v1/bookings?name=来庁", &clerk)).await;
    assert_eq!(found["total"], 0, "nothing finds the removed name: {found}");
    let number = visited.parse::<i64>().unwrap_or_default();
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) AS n FROM search_tokens WHERE owner_id IN (SELECT id FROM bookings WHERE reception_number = {number})")).await,
        0
    );
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) AS n FROM booking_applicants WHERE name IS NULL AND booking_id IN (SELECT id FROM bookings WHERE reception_number = {number})")).await,
        1
    );

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=retention.bookings", &clerk)).await;
    assert_eq!(log["total"], 2, "one entry per run that removed something: {log}");
    let entries = log["items"].as_array().cloned().unwrap_or_default();
    assert!(entries.iter().all(|e| e["actor_login_id"] == "system" && e["detail"]["bookings"] == 1), "{log}");
}

async fn import_people(app: &TestApp, clerk: &str, lines: &str) {
    let file = format!("宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,製造管理番号\r\n{lines}");
    let (status, report) = send(
        app.request(Method::POST, "/api/v1/ledger/imports/people")
            .bearer_auth(clerk)
            .header("content-type", "text/csv")
            .body(file.into_bytes()),
    )
    .await;
    assert_eq!(status, 200, "{report}");
}

/// The names of the address list's people found by a part of a name or reading.
async fn people_named(app: &TestApp, clerk: &str, name: &str) -> Vec<String> {
    let (status, found) = send(app.get(&format!("/api/v1/ledger/people?name={name}"), clerk)).await;
    assert_eq!(status, 200, "{found}");
    found.as_array().into_iter().flatten().filter_map(|p| p["name"].as_str().map(str::to_owned)).collect()
}

/// The monthly address list keeps each person as long as lists hold them: one missing
/// from the lists for longer than the municipality's retention period goes, with the link
/// from their card; one the newer list holds again stays.
async fn a_person_of_the_address_list_goes_the_set_number_of_days_after_the_last_list_that_held_them(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["retention_days"] = json!(30);
    let (status, body) =
        send(app.client.put(format!("{}/api/v1/admin/booking-rules", app.address)).bearer_auth(&admin).json(&rules))
            .await;
    assert_eq!(status, 204, "{body}");
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    import_people(
        &app,
        &clerk,
        "0001,転出 一郎,テンシュツ イチロウ,1950-01-01,男,,デモ市中央一丁目1番,K01000001\r\n\
         0002,在住 花子,ザイジュウ ハナコ,1960-02-02,女,,デモ市中央二丁目2番,\r\n",
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_cards WHERE person_id IS NOT NULL").await, 1);

    // The next list, twenty days on, no longer holds the one who moved away.
    app.advance(Duration::days(20));
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    import_people(&app, &clerk, "0002,在住 花子,ザイジュウ ハナコ,1960-02-02,女,,デモ市中央二丁目2番,\r\n").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(people_named(&app, &clerk, "転出").await, ["転出 一郎"], "20 days after the first list, kept");

    // Thirty-one days after the first list (eleven after the second): he goes, she stays.
    app.advance(Duration::days(11));
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let mut gone = false;
    for _ in 0..100 {
        if people_named(&app, &clerk, "テンシュツ").await.is_empty() {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(gone, "31 days after the last list that held him, he is removed");
    assert_eq!(people_named(&app, &clerk, "ザイジュウ").await, ["在住 花子"], "renewed by the newer list");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_people").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_cards WHERE person_id IS NOT NULL").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM unique_keys WHERE kind = 'person'").await, 1);

    let admin = app.token("demo", "admin", DEMO_PASSWORD).await;
    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=retention.people", &admin)).await;
    assert_eq!(log["total"], 1, "{log}");
    assert_eq!(
        (log["items"][0]["actor_login_id"].as_str(), &log["items"][0]["detail"]["people"]),
        (Some("system"), &json!(1)),
        "{log}"
    );
}

async fn one_node_at_a_time_holds_a_job(app: TestApp) {
    let now = app.now();
    let until = now + Duration::minutes(10);
    assert!(job_leases::take(&app.db, "a test job", "node-a", now, until).await.unwrap_or(false));
    assert!(!job_leases::take(&app.db, "a test job", "node-b", now, until).await.unwrap_or(true), "held by node-a");
    assert!(job_leases::take(&app.db, "a test job", "node-a", now, until).await.unwrap_or(false), "node-a keeps it");
    let later = until + Duration::seconds(1);
    assert!(
        job_leases::take(&app.db, "a test job", "node-b", later, later + Duration::minutes(10)).await.unwrap_or(false),
        "node-b takes it once node-a's lease ran out"
    );
}
