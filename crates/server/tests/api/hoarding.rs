//! A script cannot empty a counter's month: holds, bookings and mails have limits per
//! client, and one client holds no more than the tenant's share of a day at once.

use chrono::{Duration, NaiveDate, TimeDelta};
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{Demo, demo, number, ordinary_weekday, person, request};
use crate::helpers::{Engine as Db, TestApp, send, today};

async fn spawn(engine: Db) -> Option<TestApp> {
    TestApp::spawn(engine).await
}

/// The status, the problem code (empty on success) and the body.
async fn answer(builder: reqwest::RequestBuilder) -> (u16, String, Value) {
    let (status, body) = send(builder).await;
    (status, body["code"].as_str().unwrap_or_default().to_owned(), body)
}

/// Every slot start of the main counter's `day`, and the day's places in all.
async fn day_of(app: &TestApp, demo: &Demo, day: NaiveDate) -> (Vec<String>, u64) {
    let admin = app.admin_token().await;
    let path = format!("/api/v1/bookings/calendar?location_id={}&from={day}&to={day}", demo.main);
    let (_, calendar) = send(app.get(&path, &admin)).await;
    let slots: Vec<Value> = calendar["pools"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["days"][0]["slots"].as_array().cloned().unwrap_or_default())
        .collect();
    let starts = slots.iter().filter_map(|s| s["start"].as_str().map(str::to_owned)).collect();
    (starts, slots.iter().filter_map(|s| s["places"].as_u64()).sum())
}

async fn set_hold_share(app: &TestApp, percent: u16) {
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["hold_share_percent"] = json!(percent);
    let response = app
        .request(Method::PUT, "/api/v1/admin/booking-rules")
        .bearer_auth(&admin)
        .json(&rules)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
}

fn hold(app: &TestApp, demo: &Demo, from: &str, start: &str) -> reqwest::RequestBuilder {
    app.request(Method::POST, "/api/v1/public/demo/holds")
        .header("x-forwarded-for", from)
        .json(&json!({"location_id": demo.main, "procedure_id": demo.issuance, "start": start}))
}

async fn one_address_holds_no_more_than_the_tenant_s_share_of_a_day(engine: Db) {
    let Some(app) = spawn(engine).await else { return };
    let demo = demo(&app).await;
    set_hold_share(&app, 10).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (starts, places) = day_of(&app, &demo, day).await;
    let share = usize::try_from(places / 10).unwrap_or_default();
    assert!(share >= 4 && starts.len() * 2 > share, "the demo day: {places} places in {} slots", starts.len());

    // Twice its share, all at once, one place in each of the day's slots in turn.
    let script = "203.0.113.66";
    let attempts = (0..share * 2).map(|i| answer(hold(&app, &demo, script, &starts[i % starts.len()])));
    let answers = futures_util::future::join_all(attempts).await;
    let held: Vec<&Value> = answers.iter().filter(|(s, _, _)| *s == 201).map(|(_, _, body)| body).collect();
    let refused = answers.iter().filter(|(s, c, _)| (*s, c.as_str()) == (409, "booking.hold_share_reached")).count();
    assert_eq!((held.len(), refused), (share, share), "{answers:?}");

    // Another resident is not held back by the script.
    assert_eq!(answer(hold(&app, &demo, "198.51.100.7", &starts[0])).await.0, 201);

    // Given back, a place may be held again; the share stays the ceiling.
    let first = held[0]["hold_id"].as_str().unwrap_or_default();
    let released = app
        .request(Method::DELETE, &format!("/api/v1/public/demo/holds/{first}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(released.status(), 204);
    assert_eq!(answer(hold(&app, &demo, script, &starts[1])).await.0, 201);
    assert_eq!(answer(hold(&app, &demo, script, &starts[2])).await.1, "booking.hold_share_reached");

    // Holds that ran out give the share back, though no one else reclaimed them.
    app.advance(TimeDelta::minutes(11));
    assert_eq!(answer(hold(&app, &demo, script, &starts[3])).await.0, 201);
    // Another day has a share of its own.
    let next = ordinary_weekday(day + Duration::days(1));
    assert_eq!(answer(hold(&app, &demo, script, &format!("{next}{}", &starts[0][10..]))).await.0, 201);

    // Once a day is past, its counts are forgotten by the housekeeping; later days keep theirs.
    let counted = |db: &madoguchi_persistence::DatabaseConnection| {
        let db = db.clone();
        async move {
            use sea_orm::ConnectionTrait;
            let row = db
                .query_one_raw(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    "SELECT COUNT(*) AS n FROM hold_allowances",
                ))
                .await
                .ok()
                .flatten();
            row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(-1)
        }
    };
    assert_eq!(counted(&app.db).await, 3, "one allowance per address and day held from");
    let forgotten = madoguchi_persistence::bookings::forget_days_before(&app.db, next).await;
    assert_eq!(forgotten.ok(), Some(2));
    assert_eq!(counted(&app.db).await, 1);
}

async fn a_script_that_holds_and_gives_back_is_stopped(engine: Db) {
    let Some(app) = spawn(engine).await else { return };
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (starts, _) = day_of(&app, &demo, day).await;
    let churn = "203.0.113.67";
    for i in 0..30 {
        let (status, _, held) = answer(hold(&app, &demo, churn, &starts[i % starts.len()])).await;
        assert_eq!(status, 201, "hold {i}: {held}");
        let id = held["hold_id"].as_str().unwrap_or_default();
        let _ = app.request(Method::DELETE, &format!("/api/v1/public/demo/holds/{id}")).send().await;
    }
    let response = hold(&app, &demo, churn, &starts[0]).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 429, "the 31st hold in a quarter of an hour");
    assert!(response.headers().get("retry-after").is_some());
    assert_eq!(answer(hold(&app, &demo, "198.51.100.8", &starts[0])).await.0, 201, "others hold on");
}

fn booking(demo: &Demo, start: &str, serial: u32, email: &str) -> Value {
    let birth = format!("19{:02}-0{}-1{}", 40 + serial % 50, serial % 9 + 1, serial % 10);
    let mut body =
        request(demo, start, vec![person(&number(7000 + serial), "予約 多数", &birth)], &format!("06{serial:08}"));
    if !email.is_empty() {
        body["email"] = json!(email);
    }
    body
}

fn book(app: &TestApp, from: &str, body: &Value) -> reqwest::RequestBuilder {
    app.request(Method::POST, "/api/v1/public/demo/bookings").header("x-forwarded-for", from).json(body)
}

async fn one_address_books_at_most_twenty_times_a_day(engine: Db) {
    let Some(app) = spawn(engine).await else { return };
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (starts, _) = day_of(&app, &demo, day).await;
    let bodies: Vec<Value> = (0..25).map(|i| booking(&demo, &starts[i as usize % starts.len()], i, "")).collect();
    let answers =
        futures_util::future::join_all(bodies.iter().map(|body| answer(book(&app, "203.0.113.68", body)))).await;
    let count = |status: u16, code: &str| answers.iter().filter(|(s, c, _)| *s == status && c == code).count();
    assert_eq!(
        (answers.iter().filter(|(s, _, _)| *s == 201).count(), count(429, "rate_limited")),
        (20, 5),
        "{answers:?}"
    );
    let other = booking(&demo, &starts[0], 99, "");
    assert_eq!(answer(book(&app, "198.51.100.9", &other)).await.0, 201, "another address books on");
}

async fn an_address_typed_in_many_bookings_gets_five_mails_a_day(engine: Db) {
    let Some(app) = spawn(engine).await else { return };
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (starts, _) = day_of(&app, &demo, day).await;
    let victim = ["victim@example.jp", "Victim@Example.JP "];
    let bodies: Vec<Value> =
        (0..8).map(|i| booking(&demo, &starts[i as usize], 200 + i, victim[i as usize % 2])).collect();
    let answers = futures_util::future::join_all(
        bodies.iter().enumerate().map(|(i, body)| answer(book(&app, &format!("198.51.100.{}", 20 + i), body))),
    )
    .await;
    let limited = answers.iter().filter(|(s, c, _)| (*s, c.as_str()) == (429, "booking.mail_limited")).count();
    assert_eq!((answers.iter().filter(|(s, _, _)| *s == 201).count(), limited), (5, 3), "{answers:?}");
    let elsewhere = booking(&demo, &starts[9], 300, "someone.else@example.jp");
    assert_eq!(answer(book(&app, "198.51.100.40", &elsewhere)).await.0, 201);
    // A day later the address may be mailed again.
    app.advance(TimeDelta::days(2));
    let later = ordinary_weekday(day + Duration::days(3));
    let again = booking(&demo, &format!("{later}{}", &starts[0][10..]), 301, victim[0]);
    assert_eq!(answer(book(&app, "198.51.100.41", &again)).await.0, 201);
}

crate::with_each_engine!(
    one_address_holds_no_more_than_the_tenant_s_share_of_a_day,
    a_script_that_holds_and_gives_back_is_stopped,
    one_address_books_at_most_twenty_times_a_day,
    an_address_typed_in_many_bookings_gets_five_mails_a_day,
);
