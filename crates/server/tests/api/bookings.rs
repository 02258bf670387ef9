use chrono::{Datelike, Duration, NaiveDate, TimeDelta, Weekday};
use madoguchi_domain::schedule::{Band, DateOverride, DayPlan};
use madoguchi_domain::tenant::TenantSlug;
use madoguchi_persistence::booking_rules::{self, StoredRules};
use madoguchi_persistence::{TenantScope, schedules, tenants};
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::helpers::{TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    a_resident_books_a_slot_and_its_remaining_places_drop,
    a_family_takes_one_place_each,
    the_last_place_goes_to_one_resident_only,
    the_same_person_cannot_book_the_same_procedure_twice,
    closed_days_odd_times_and_the_window_are_refused_with_their_codes,
    every_faulty_applicant_field_is_named,
    pii_free_mode_stores_no_name_or_address,
    residents_racing_for_a_slot_never_overbook_it,
);

pub(crate) use crate::helpers::{today, tokyo};

pub(crate) fn ordinary_weekday(after: NaiveDate) -> NaiveDate {
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    after
        .iter_days()
        .skip(1)
        .find(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .unwrap_or(after)
}

pub(crate) struct Demo {
    pub main: String,
    pub issuance: String,
    pub scope: TenantScope,
}

pub(crate) async fn demo(app: &TestApp) -> Demo {
    let (_, locations) = send(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    let (_, procedures) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    let id = |list: &Value, name: &str| {
        list.as_array()
            .into_iter()
            .flatten()
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let slug = TenantSlug::parse("demo").unwrap_or_else(|e| panic!("{e}"));
    let scope = tenants::find_by_slug(&app.db, &slug)
        .await
        .ok()
        .flatten()
        .map(|t| t.scope())
        .unwrap_or_else(|| panic!("no demo"));
    Demo { main: id(&locations, "本庁舎"), issuance: id(&procedures, "マイナンバーカード交付"), scope }
}

pub(crate) fn person(number: &str, name: &str, birth: &str) -> Value {
    json!({ "management_number": number, "name": name, "name_kana": "テスト", "birth_date": birth })
}

pub(crate) fn request(demo: &Demo, start: &str, applicants: Vec<Value>, phone: &str) -> Value {
    json!({ "location_id": demo.main, "procedure_id": demo.issuance, "start": start, "applicants": applicants, "phone": phone })
}

pub(crate) async fn book(app: &TestApp, body: &Value) -> (u16, Value) {
    send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(body)).await
}

pub(crate) async fn remaining(app: &TestApp, demo: &Demo, day: NaiveDate, start: &str) -> u64 {
    let (_, body) = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={}&procedure_id={}&from={day}&to={day}",
            demo.main, demo.issuance
        ),
    ))
    .await;
    body["days"][0]["slots"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["start"] == start)
        .and_then(|s| s["remaining"].as_u64())
        .unwrap_or(99)
}

/// A management number with a given serial, valid in shape.
pub(crate) fn number(serial: u32) -> String {
    format!("A1B{serial:06}")
}

async fn a_resident_books_a_slot_and_its_remaining_places_drop(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T10:00:00+09:00");
    let (status, created) = book(
        &app,
        &request(
            &demo,
            &start,
            vec![person("ａ１ｂ－２３４５６７", "山田　太郎", "昭和25年4月1日")],
            "０９０－１２３４－５６７８",
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let reception = created["reception_number"].as_str().unwrap_or_default();
    assert!(reception.len() == 10 && reception.bytes().all(|b| b.is_ascii_digit()), "{reception}");
    assert_eq!(created["password"].as_str().map(str::len), Some(10));
    assert_eq!(created["booking"]["start"], start);
    assert_eq!(created["booking"]["places"], 1);
    assert_eq!(remaining(&app, &demo, day, &start).await, 5);
}

async fn a_family_takes_one_place_each(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T13:00:00+09:00");
    let family = vec![
        person(&number(1), "山田 太郎", "1950-04-01"),
        person(&number(2), "山田 花子", "1952-05-05"),
        person(&number(3), "山田 一郎", "1980-06-06"),
    ];
    let (status, created) = book(&app, &request(&demo, &start, family, "0312345678")).await;
    assert_eq!((status, &created["booking"]["places"]), (201, &json!(3)), "{created}");
    assert_eq!(remaining(&app, &demo, day, &start).await, 3);
    let five = (10..15).map(|i| person(&number(i), "山田 某", "1990-01-01")).collect();
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &start,
        five,
        "0312345678",
    )))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "the demo allows 4 people per booking");
}

pub(crate) async fn one_place_on_a_saturday(app: &TestApp, demo: &Demo) -> (NaiveDate, String) {
    let (_, pool) = pool(app, demo).await;
    let saturday = (today() + Duration::days(2)).iter_days().find(|d| d.weekday() == Weekday::Sat).unwrap_or_default();
    let plan =
        DayPlan::new(Band::parse_list("09:00-10:00").unwrap_or_default(), 60, 1).unwrap_or_else(|e| panic!("{e}"));
    schedules::set_override(&app.db, &demo.scope, pool, saturday, &DateOverride::Open(plan))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (saturday, format!("{saturday}T09:00:00+09:00"))
}

pub(crate) async fn pool(app: &TestApp, demo: &Demo) -> (TenantScope, madoguchi_domain::ids::PoolId) {
    let location = madoguchi_domain::ids::LocationId(demo.main.parse().unwrap_or_default());
    let procedure = madoguchi_domain::ids::ProcedureId(demo.issuance.parse().unwrap_or_default());
    (
        demo.scope,
        schedules::pool_for(&app.db, &demo.scope, location, procedure)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no pool")),
    )
}

async fn the_last_place_goes_to_one_resident_only(app: TestApp) {
    let demo = demo(&app).await;
    let (saturday, start) = one_place_on_a_saturday(&app, &demo).await;
    let (status, _) =
        book(&app, &request(&demo, &start, vec![person(&number(1), "先 着", "1960-01-01")], "0311111111")).await;
    assert_eq!(status, 201);
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &start,
        vec![person(&number(2), "後 着", "1961-01-01")],
        "0322222222",
    )))
    .await;
    assert_eq!((status, code.as_str()), (409, "booking.slot_full"));
    assert_eq!(remaining(&app, &demo, saturday, &start).await, 0, "a full slot shows 0");
}

async fn the_same_person_cannot_book_the_same_procedure_twice(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (status, _) = book(
        &app,
        &request(
            &demo,
            &format!("{day}T09:00:00+09:00"),
            vec![person(&number(7), "佐藤 一", "1970-07-07")],
            "0333333333",
        ),
    )
    .await;
    assert_eq!(status, 201);
    // The same card, typed another way, at another time.
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &format!("{day}T11:00:00+09:00"),
        vec![person("ａ１ｂ０００００７", "佐藤 一", "1970-07-07")],
        "0399999999",
    )))
    .await;
    assert_eq!((status, code.as_str()), (409, "booking.duplicate"));
    // Another card number, but the same birth date and phone.
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &format!("{day}T11:00:00+09:00"),
        vec![person(&number(8), "佐藤 はじめ", "1970-07-07")],
        "03-3333-3333",
    )))
    .await;
    assert_eq!((status, code.as_str()), (409, "booking.duplicate"));
    assert_eq!(
        remaining(&app, &demo, day, &format!("{day}T11:00:00+09:00")).await,
        6,
        "a refused booking takes no place"
    );
}

async fn closed_days_odd_times_and_the_window_are_refused_with_their_codes(app: TestApp) {
    let demo = demo(&app).await;
    let weekday = ordinary_weekday(today() + Duration::days(2));
    let sunday = (today() + Duration::days(2)).iter_days().find(|d| d.weekday() == Weekday::Sun).unwrap_or_default();
    let late = ordinary_weekday(today() + Duration::days(15));
    // Tomorrow, opened by an override whatever day it is: open, but its window has closed.
    let tomorrow = today() + Duration::days(1);
    let (_, pool) = pool(&app, &demo).await;
    let plan =
        DayPlan::new(Band::parse_list("09:00-12:00").unwrap_or_default(), 60, 6).unwrap_or_else(|e| panic!("{e}"));
    schedules::set_override(&app.db, &demo.scope, pool, tomorrow, &DateOverride::Open(plan))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        (format!("{sunday}T10:00:00+09:00"), "booking.closed_day"),
        (format!("{weekday}T08:45:00+09:00"), "booking.outside_hours"),
        (format!("{weekday}T17:00:00+09:00"), "booking.outside_hours"),
        (format!("{late}T10:00:00+09:00"), "booking.window_not_open"),
        (format!("{tomorrow}T10:00:00+09:00"), "booking.window_closed"),
    ];
    for (index, (start, expected)) in cases.iter().enumerate() {
        let body = request(
            &demo,
            start,
            vec![person(&number(100 + u32::try_from(index).unwrap_or(0)), "田中 次郎", "1975-01-01")],
            "0344444444",
        );
        let (status, code, problem_body) =
            problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
        assert_eq!((status, code.as_str()), (422, *expected), "{start}: {problem_body}");
        assert_eq!(field_errors(&problem_body)[0].0, "start");
    }
}

async fn every_faulty_applicant_field_is_named(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let body = json!({
        "location_id": demo.main, "procedure_id": demo.issuance, "start": format!("{day}T10:00:00+09:00"),
        "applicants": [{ "name": "鈴木 三郎", "name_kana": "すずき さぶろう", "birth_date": "昭和99年1月1日" }],
        "phone": "12-34"
    });
    let (status, code, problem_body) =
        problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(
        field_errors(&problem_body),
        [
            ("applicants.0.management_number".to_owned(), "validation.required".to_owned()),
            ("applicants.0.birth_date".to_owned(), "birth_date.invalid".to_owned()),
            ("phone".to_owned(), "phone.invalid".to_owned()),
        ]
    );
}

async fn pii_free_mode_stores_no_name_or_address(app: TestApp) {
    let demo = demo(&app).await;
    booking_rules::save(&app.db, &demo.scope, &StoredRules { pii_free: true, ..StoredRules::defaults() }, app.now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, procedures) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    assert!(
        procedures
            .as_array()
            .into_iter()
            .flatten()
            .all(|p| p["fields"]["name"] == "hidden" && p["fields"]["address"] == "hidden")
    );

    let day = ordinary_weekday(today() + Duration::days(2));
    let mut applicant = person(&number(42), "個人 情報", "1966-06-06");
    applicant["address"] = json!("デモ市中央1-1");
    let (status, created) =
        book(&app, &request(&demo, &format!("{day}T10:00:00+09:00"), vec![applicant], "0355555555")).await;
    assert_eq!(status, 201, "{created}");
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM booking_applicants WHERE name IS NULL AND name_kana IS NULL AND address IS NULL AND management_number LIKE 'mdg1:%'"))
        .await
        .ok()
        .flatten()
        .and_then(|r| r.try_get::<i64>("", "n").ok());
    assert_eq!(row, Some(1), "the applicant is stored without name, reading or address, its number sealed");
}

async fn residents_racing_for_a_slot_never_overbook_it(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T15:00:00+09:00");
    let racers = (0..12).map(|i| {
        // Twelve different people: another card, birth date and phone each.
        let body = request(
            &demo,
            &start,
            vec![person(&number(500 + i), "競争 者", &format!("1980-01-{:02}", i + 1))],
            &format!("0900000{i:04}"),
        );
        let app = &app;
        async move { book(app, &body).await.0 }
    });
    let statuses = futures_util::future::join_all(racers).await;
    assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 6, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|&&s| s == 409).count(), 6, "{statuses:?}");
    assert_eq!(remaining(&app, &demo, day, &start).await, 0);

    let same = request(
        &demo,
        &format!("{day}T16:00:00+09:00"),
        vec![person(&number(900), "同一 人物", "1985-05-05")],
        "0901112222",
    );
    let statuses = futures_util::future::join_all((0..8).map(|_| book(&app, &same))).await;
    assert_eq!(statuses.iter().filter(|(s, _)| *s == 201).count(), 1, "one person books once: {statuses:?}");
    assert_eq!(remaining(&app, &demo, day, &format!("{day}T16:00:00+09:00")).await, 5);
}

on_both_engines!(
    a_resident_looks_up_changes_and_cancels_their_booking,
    a_wrong_password_finds_nothing_and_repeated_failures_are_limited,
    changes_stop_at_the_deadline,
    a_lookup_token_opens_only_its_own_booking,
);

async fn book_one(app: &TestApp, demo: &Demo, start: &str, serial: u32) -> (String, String) {
    let (status, created) = book(
        app,
        &request(
            demo,
            start,
            vec![person(&number(serial), "変更 太郎", &format!("1970-01-{:02}", serial % 28 + 1))],
            &format!("03{serial:08}"),
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    (
        created["reception_number"].as_str().unwrap_or_default().to_owned(),
        created["password"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn lookup(app: &TestApp, reception: &str, password: &str) -> (u16, Value) {
    send(
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
            .json(&json!({"reception_number": reception, "password": password})),
    )
    .await
}

async fn a_resident_looks_up_changes_and_cancels_their_booking(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (first, second) = (format!("{day}T09:30:00+09:00"), format!("{day}T14:30:00+09:00"));
    let (reception, password) = book_one(&app, &demo, &first, 1).await;

    // As typed from the mail on a phone: full-width digits.
    let typed: String = reception.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
    let (status, found) = lookup(&app, &typed, &password).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["details"]["booking"]["start"], first);
    assert_eq!(found["details"]["applicants"][0]["management_number"], "A1B000001");
    assert_eq!(found["details"]["changeable"], true);
    let token = found["token"].as_str().unwrap_or_default().to_owned();
    // The password as read out on the phone and typed in small letters, in two groups.
    assert!(password.len() == 10 && password.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    let spoken = format!("{}-{}", password[..5].to_lowercase(), &password[5..]);
    assert_eq!(lookup(&app, &reception, &spoken).await.0, 200, "{spoken} opens it");

    let (status, changed) = send(
        app.request(Method::PATCH, &format!("/api/v1/public/demo/bookings/{reception}"))
            .bearer_auth(&token)
            .json(&json!({"start": second})),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["booking"]["start"], second);
    assert_eq!(
        (remaining(&app, &demo, day, &first).await, remaining(&app, &demo, day, &second).await),
        (6, 5),
        "the old place is free, the new one taken"
    );

    let response = app
        .request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{reception}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    assert_eq!(remaining(&app, &demo, day, &second).await, 6);
    let (_, after) = lookup(&app, &reception, &password).await;
    assert_eq!(
        (&after["details"]["booking"]["status"], &after["details"]["changeable"]),
        (&json!("cancelled"), &json!(false))
    );
    let (status, code, _) =
        problem(app.request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{reception}")).bearer_auth(&token))
            .await;
    assert_eq!((status, code.as_str()), (409, "booking.not_active"));
    // Cancelled, the same person may book again.
    book_one(&app, &demo, &first, 1).await;
}

async fn a_wrong_password_finds_nothing_and_repeated_failures_are_limited(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (reception, password) = book_one(&app, &demo, &format!("{day}T10:30:00+09:00"), 2).await;
    // Thirty guesses at once from one address: each is counted before it is checked,
    // so no more than the limit of twenty are checked.
    let guesses = (0..30).map(|attempt| {
        problem(
            app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
                .json(&json!({"reception_number": reception, "password": format!("guess{attempt}")})),
        )
    });
    let answers = futures_util::future::join_all(guesses).await;
    let count = |code: &str| answers.iter().filter(|(_, c, _)| c == code).count();
    assert_eq!((count("booking.lookup_failed"), count("rate_limited")), (20, 10));
    let response = app
        .request(Method::POST, "/api/v1/public/demo/bookings/lookup")
        .json(&json!({"reception_number": reception, "password": password}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 429, "the address waits, even with the right password");
    let wait: i64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no Retry-After"));
    app.advance(TimeDelta::seconds(wait + 1));
    assert_eq!(lookup(&app, &reception, &password).await.0, 200, "the owner is let in once Retry-After has passed");

    let (status, code, body) = problem(
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
            .json(&json!({"reception_number": "1234567890", "password": ""})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(code, "validation.failed");
    let fields: Vec<(String, String)> = field_errors(&body);
    assert_eq!(
        fields,
        [
            ("reception_number".to_owned(), "reception_number.check_digit".to_owned()),
            ("password".to_owned(), "validation.required".to_owned())
        ]
    );
}

async fn changes_stop_at_the_deadline(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (reception, password) = book_one(&app, &demo, &format!("{day}T11:30:00+09:00"), 3).await;
    let (_, found) = lookup(&app, &reception, &password).await;
    let token = found["token"].as_str().unwrap_or_default().to_owned();
    // The demo's deadline is midnight starting the day before the visit.
    let deadline = (day - Duration::days(1))
        .and_hms_opt(0, 0, 1)
        .unwrap_or_default()
        .and_local_timezone(tokyo())
        .single()
        .unwrap_or_default();
    app.move_clock_to(deadline);
    let (_, late) = lookup(&app, &reception, &password).await;
    assert_eq!(late["details"]["changeable"], false);
    let fresh = late["token"].as_str().unwrap_or(&token).to_owned();
    let (status, code, _) =
        problem(app.request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{reception}")).bearer_auth(&fresh))
            .await;
    assert_eq!((status, code.as_str()), (422, "booking.deadline_passed"));
}

async fn a_lookup_token_opens_only_its_own_booking(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (mine, my_password) = book_one(&app, &demo, &format!("{day}T12:00:00+09:00"), 4).await;
    let (theirs, _) = book_one(&app, &demo, &format!("{day}T12:00:00+09:00"), 5).await;
    let (_, found) = lookup(&app, &mine, &my_password).await;
    let token = found["token"].as_str().unwrap_or_default().to_owned();
    let (status, code, _) =
        problem(app.request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{theirs}")).bearer_auth(&token))
            .await;
    assert_eq!((status, code.as_str()), (404, "booking.not_found"));
    let (status, code, _) =
        problem(app.request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{theirs}"))).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_missing"));
    let admin = app.admin_token().await;
    let (status, code, _) =
        problem(app.request(Method::DELETE, &format!("/api/v1/public/demo/bookings/{mine}")).bearer_auth(&admin)).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_invalid"), "a staff token is not a booking token");

    // A reload reads the booking again with the token alone, for the token's life.
    let path = format!("/api/v1/public/demo/bookings/{mine}");
    let (status, again) = send(app.request(Method::GET, &path).bearer_auth(&token)).await;
    assert_eq!((status, &again["booking"]["reception_number"]), (200, &json!(mine)), "{again}");
    assert_eq!(again["changeable"], true);
    let (status, code, _) =
        problem(app.request(Method::GET, &format!("/api/v1/public/demo/bookings/{theirs}")).bearer_auth(&token)).await;
    assert_eq!((status, code.as_str()), (404, "booking.not_found"));
    app.advance(Duration::minutes(16));
    let (status, code, _) = problem(app.request(Method::GET, &path).bearer_auth(&token)).await;
    assert_eq!((status, code.as_str()), (401, "auth.token_expired"), "fifteen minutes, then the password again");
}

on_both_engines!(two_nodes_share_one_slot_without_overbooking,);

/// Two application nodes on one database, residents spread over both: 60 people race
/// for a 6-place slot, and one person presses the button 20 times.
async fn two_nodes_share_one_slot_without_overbooking(app: TestApp) {
    let demo = demo(&app).await;
    let nodes = [app.address.clone(), app.another_node().await];
    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T09:30:00+09:00");
    let client = reqwest::Client::new();
    let racers = (0..60_u32).map(|i| {
        let body = request(
            &demo,
            &start,
            vec![person(&number(2000 + i), "並列 者", &format!("19{:02}-0{}-1{}", 40 + i % 50, i % 9 + 1, i % 9))],
            &format!("070{i:08}"),
        );
        let url = format!("{}/api/v1/public/demo/bookings", nodes[usize::try_from(i % 2).unwrap_or(0)]);
        let client = client.clone();
        let from = format!("198.51.100.{i}");
        async move {
            let sent = client.post(url).header("x-forwarded-for", from).json(&body).send().await;
            sent.map(|r| r.status().as_u16()).unwrap_or(0)
        }
    });
    let statuses = futures_util::future::join_all(racers).await;
    assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 6, "{statuses:?}");
    assert!(statuses.iter().all(|&s| s == 201 || s == 409), "{statuses:?}");
    assert_eq!(remaining(&app, &demo, day, &start).await, 0);

    let later = format!("{day}T16:30:00+09:00");
    let same = request(&demo, &later, vec![person(&number(3000), "連打 太郎", "1990-09-09")], "0809999999");
    let presses = (0..20_usize).map(|i| {
        let url = format!("{}/api/v1/public/demo/bookings", nodes[i % 2]);
        let (client, body) = (client.clone(), same.clone());
        async move { client.post(url).json(&body).send().await.map(|r| r.status().as_u16()).unwrap_or(0) }
    });
    let statuses = futures_util::future::join_all(presses).await;
    assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 1, "{statuses:?}");
    assert_eq!(remaining(&app, &demo, day, &later).await, 5);
}

on_both_engines!(a_held_place_waits_for_its_holder_and_frees_itself_when_the_hold_expires,);

/// The one-place slot of `day` as the staff calendar shows it.
async fn one_place_slot(app: &TestApp, location: &str, day: NaiveDate) -> Value {
    let admin = app.admin_token().await;
    let path = format!("/api/v1/bookings/calendar?location_id={location}&from={day}&to={day}");
    let (_, calendar) = send(app.get(&path, &admin)).await;
    calendar["pools"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["days"][0]["slots"].as_array().cloned().unwrap_or_default())
        .find(|s| s["places"] == 1)
        .unwrap_or_default()
}

async fn a_held_place_waits_for_its_holder_and_frees_itself_when_the_hold_expires(app: TestApp) {
    let demo = demo(&app).await;
    let (saturday, start) = one_place_on_a_saturday(&app, &demo).await;
    let hold_body = json!({"location_id": demo.main, "procedure_id": demo.issuance, "start": start});
    let (status, held) = send(app.request(Method::POST, "/api/v1/public/demo/holds").json(&hold_body)).await;
    assert_eq!(status, 201, "{held}");
    assert_eq!(remaining(&app, &demo, saturday, &start).await, 0, "the held place is not offered to others");
    let slot = one_place_slot(&app, &demo.main, saturday).await;
    assert_eq!(
        (&slot["held"], &slot["booked"], &slot["remaining"]),
        (&json!(1), &json!(0), &json!(0)),
        "staff see it held, not full: {slot}"
    );

    // Someone else cannot take it, nor hold it.
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &start,
        vec![person(&number(61), "横入 り", "1961-01-01")],
        "0361616161",
    )))
    .await;
    assert_eq!((status, code.as_str()), (409, "booking.slot_full"));

    // The holder books within the time, on the held place.
    let mut mine = request(&demo, &start, vec![person(&number(62), "保留 者", "1962-02-02")], "0362626262");
    mine["hold_id"] = held["hold_id"].clone();
    let (status, created) = book(&app, &mine).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(remaining(&app, &demo, saturday, &start).await, 0);
    let slot = one_place_slot(&app, &demo.main, saturday).await;
    assert_eq!((&slot["held"], &slot["booked"]), (&json!(0), &json!(1)), "booked now: {slot}");

    // A second hold on another one-place day, left to expire: no timer frees it, the next resident does.
    let (_, pool) = pool(&app, &demo).await;
    let sunday = saturday + Duration::days(1);
    let plan =
        DayPlan::new(Band::parse_list("09:00-10:00").unwrap_or_default(), 60, 1).unwrap_or_else(|e| panic!("{e}"));
    schedules::set_override(&app.db, &demo.scope, pool, sunday, &DateOverride::Open(plan))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sunday_start = format!("{sunday}T09:00:00+09:00");
    let (status, _) = send(
        app.request(Method::POST, "/api/v1/public/demo/holds")
            .json(&json!({"location_id": demo.main, "procedure_id": demo.issuance, "start": sunday_start})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(remaining(&app, &demo, sunday, &sunday_start).await, 0);
    app.advance(TimeDelta::minutes(11));
    assert_eq!(remaining(&app, &demo, sunday, &sunday_start).await, 1, "an expired hold is not counted");
    let (status, created) =
        book(&app, &request(&demo, &sunday_start, vec![person(&number(63), "後 から", "1963-03-03")], "0363636363"))
            .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(remaining(&app, &demo, sunday, &sunday_start).await, 0);
}
