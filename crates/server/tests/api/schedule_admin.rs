use chrono::{Datelike, Duration, NaiveDate, Weekday};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_administrator_opens_a_saturday_and_residents_can_book_it,
    a_change_that_would_strand_bookings_is_refused_with_the_bookings_named,
    the_booking_window_is_set_by_the_administrator_only,
    an_emergency_closure_cancels_the_day_s_bookings_after_they_were_confirmed,
);

use crate::helpers::today;

fn ordinary_weekday(after: NaiveDate) -> NaiveDate {
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    after
        .iter_days()
        .skip(1)
        .find(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .unwrap_or(after)
}

/// The pool of 本庁舎, with the demo's location and issuance procedure ids.
async fn main_pool(app: &TestApp, admin: &str) -> (String, String, String) {
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
    let (location, procedure) = (id(&locations, "本庁舎"), id(&procedures, "マイナンバーカード交付"));
    let (status, pools) = send(app.get("/api/v1/admin/pools", admin)).await;
    assert_eq!(status, 200, "{pools}");
    let pool = pools
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["location_id"] == location.as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(pool["weekdays"][0], json!({"bands": ["08:30-17:15"], "slot_minutes": 30, "places": 6}));
    assert_eq!(pool["weekdays"][6], Value::Null);
    (pool["id"].as_str().unwrap_or_default().to_owned(), location, procedure)
}

async fn slots(app: &TestApp, location: &str, procedure: &str, day: NaiveDate) -> Vec<Value> {
    let (_, body) = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={location}&procedure_id={procedure}&from={day}&to={day}"
        ),
    ))
    .await;
    body["days"][0]["slots"].as_array().cloned().unwrap_or_default()
}

async fn an_administrator_opens_a_saturday_and_residents_can_book_it(app: TestApp) {
    let admin = app.admin_token().await;
    let (pool, location, procedure) = main_pool(&app, &admin).await;
    let saturday = (today() + Duration::days(2)).iter_days().find(|d| d.weekday() == Weekday::Sat).unwrap_or_default();
    assert!(slots(&app, &location, &procedure, saturday).await.is_empty());
    let response = app
        .request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/dates/{saturday}"))
        .bearer_auth(&admin)
        .json(&json!({"plan": {"bands": ["09:00-12:00"], "slot_minutes": 60, "places": 2}}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let opened = slots(&app, &location, &procedure, saturday).await;
    assert_eq!(opened.len(), 3);
    assert!(opened.iter().all(|s| s["remaining"] == 2));

    let (status, code, body) = problem(
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/dates/{saturday}"))
            .bearer_auth(&admin)
            .json(&json!({"plan": {"bands": ["12:00-09:00", "9時"], "slot_minutes": 1, "places": 2}})),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["bands.0", "bands.1"]);

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=schedule.", &admin)).await;
    assert_eq!(log["total"], 1);
}

async fn a_change_that_would_strand_bookings_is_refused_with_the_bookings_named(app: TestApp) {
    let admin = app.admin_token().await;
    let (pool, location, procedure) = main_pool(&app, &admin).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let body = json!({
        "location_id": location, "procedure_id": procedure, "start": format!("{day}T10:00:00+09:00"),
        "applicants": [{"management_number": "K1K000001", "name": "影響 受", "name_kana": "エイキョウ", "birth_date": "1950-01-01"}], "phone": "0312340000"
    });
    let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!(status, 201, "{created}");
    let reception = created["reception_number"].as_str().unwrap_or_default();

    let (status, code, refused) = problem(
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/dates/{day}"))
            .bearer_auth(&admin)
            .json(&json!({"closed": true, "reason": "庁舎点検"})),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"));
    assert_eq!(refused["errors"][0]["message"], format!("{reception} {day} 10:00"));
    assert_eq!(slots(&app, &location, &procedure, day).await.len(), 17, "nothing changed");

    let weekday = day.weekday().num_days_from_monday();
    let (status, code, _) = problem(
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/weekdays/{weekday}"))
            .bearer_auth(&admin)
            .json(&json!({"plan": {"bands": ["13:00-17:00"], "slot_minutes": 30, "places": 6}})),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"), "the morning with the booking would go");

    // Fewer places, but still enough for what is booked: accepted.
    let response = app
        .request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/dates/{day}"))
        .bearer_auth(&admin)
        .json(&json!({"plan": {"bands": ["08:30-17:15"], "slot_minutes": 30, "places": 1}}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let after = slots(&app, &location, &procedure, day).await;
    assert_eq!(
        after.iter().find(|s| s["start"] == format!("{day}T10:00:00+09:00")).map(|s| s["remaining"].clone()),
        Some(json!(0))
    );
}

async fn the_booking_window_is_set_by_the_administrator_only(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    assert_eq!(problem(app.get("/api/v1/admin/booking-rules", &clerk)).await.0, 403);
    assert_eq!(problem(app.get("/api/v1/admin/pools", &clerk)).await.0, 403);

    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    assert_eq!((&rules["opens_days_before"], &rules["hold_minutes"]), (&json!(14), &json!(10)));
    rules["opens_days_before"] = json!(1);
    rules["closes_days_before"] = json!(3);
    rules["change_at"] = json!("25:00");
    rules["hold_minutes"] = json!(0);
    let (status, _, body) =
        problem(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&rules)).await;
    assert_eq!(status, 422);
    let mut fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, ["change_at", "closes", "hold_minutes"]);

    rules["opens_days_before"] = json!(30);
    rules["closes_days_before"] = json!(1);
    rules["change_at"] = json!("17:00");
    rules["hold_minutes"] = json!(5);
    let response = app
        .request(Method::PUT, "/api/v1/admin/booking-rules")
        .bearer_auth(&admin)
        .json(&rules)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    let (_, saved) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    assert_eq!(
        (&saved["opens_days_before"], &saved["change_at"], &saved["hold_minutes"]),
        (&json!(30), &json!("17:00"), &json!(5))
    );

    let (_, site) = send(app.request(Method::GET, "/api/v1/public/demo/site")).await;
    assert_eq!(
        site["booking"]["opens"],
        json!({"days_before": 30, "at": "00:00"}),
        "residents are told the new window: {site}"
    );
    assert_eq!(site["booking"]["change_deadline"], json!({"days_before": 1, "at": "17:00"}));
    assert_eq!(site["booking"]["hold_minutes"], json!(5));
}

on_both_engines!(an_imported_holiday_list_closes_its_days, a_week_is_saved_whole_or_not_at_all,);

async fn an_imported_holiday_list_closes_its_days(app: TestApp) {
    let admin = app.admin_token().await;
    let (_, location, procedure) = main_pool(&app, &admin).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    assert_eq!(slots(&app, &location, &procedure, day).await.len(), 17);
    // As the Cabinet Office publishes it: CP932, a header, YYYY/M/D dates; a one-off holiday added.
    let csv = format!(
        "国民の祝日・休日月日,国民の祝日・休日名称\r\n{},臨時の休日\r\n{}/1/1,元日\r\n",
        day.format("%Y/%-m/%-d"),
        day.year()
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&csv);
    let (status, report) = send(
        app.request(Method::POST, "/api/v1/admin/holidays/import")
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body(bytes.into_owned()),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((&report["encoding"], &report["holidays"]), (&json!("cp932"), &json!(2)));
    assert!(slots(&app, &location, &procedure, day).await.is_empty(), "{day} is a holiday now");

    let (status, code, body) = problem(
        app.request(Method::POST, "/api/v1/admin/holidays/import")
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body("日付,名称\n2027/1/1,元日\n2027-13-40,謎\n"),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "import.invalid"));
    assert_eq!(body["errors"][0]["line"], 3);

    // A day with a booking cannot become a holiday unnoticed.
    let booked_day = ordinary_weekday(day);
    let booking = json!({
        "location_id": location, "procedure_id": procedure, "start": format!("{booked_day}T09:00:00+09:00"),
        "applicants": [{"management_number": "H1H000001", "name": "祝日 前", "name_kana": "シュクジツ", "birth_date": "1960-01-01"}], "phone": "0356565656"
    });
    assert_eq!(send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&booking)).await.0, 201);
    let csv = format!("日付,名称\r\n{},臨時の休日\r\n", booked_day.format("%Y/%-m/%-d"));
    let (status, code, _) = problem(
        app.request(Method::POST, "/api/v1/admin/holidays/import")
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body(csv),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"));
}

async fn a_week_is_saved_whole_or_not_at_all(app: TestApp) {
    let admin = app.admin_token().await;
    let (pool, location, procedure) = main_pool(&app, &admin).await;
    let weekday = json!({"bands": ["08:30-12:00", "13:00-17:15"], "slot_minutes": 30, "places": 4});
    let saturday = json!({"bands": ["09:00-12:00"], "slot_minutes": 60, "places": 2});
    let put = |week: Value| {
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/week"))
            .bearer_auth(&admin)
            .json(&json!({ "weekdays": week }))
    };

    // A bad Saturday and a Tuesday that would strand the demo bookings: nothing changes.
    let bad = json!([weekday, weekday, weekday, weekday, weekday, {"bands": ["12:00-09:00"], "slot_minutes": 60, "places": 2}, null]);
    let (status, code, body) = problem(put(bad)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body).into_iter().map(|(f, _)| f).collect::<Vec<_>>(), ["weekdays.5.bands.0"]);
    let closed_week = json!([null, null, null, null, null, saturday, null]);
    let (status, code, _) = problem(put(closed_week)).await;
    assert_eq!(
        (status, code.as_str()),
        (422, "schedule.strands_bookings"),
        "closing every weekday strands the demo bookings"
    );
    let (_, pools) = send(app.get("/api/v1/admin/pools", &admin)).await;
    let week = pools
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == pool)
        .map(|p| p["weekdays"].clone())
        .unwrap_or_default();
    assert_eq!((&week[0]["places"], &week[5]), (&json!(6), &Value::Null), "the week is as it was");

    let response = put(json!([weekday, weekday, weekday, weekday, weekday, saturday, null]))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204, "{}", response.text().await.unwrap_or_default());
    // The first Saturday in the window that no holiday or year-end closure keeps shut.
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    let next_saturday = (today() + Duration::days(2))
        .iter_days()
        .find(|d| d.weekday() == Weekday::Sat && calendar.closed(*d).is_none())
        .unwrap_or_default();
    assert_eq!(slots(&app, &location, &procedure, next_saturday).await.len(), 3, "Saturdays open");
}

async fn an_emergency_closure_cancels_the_day_s_bookings_after_they_were_confirmed(app: TestApp) {
    let admin = app.admin_token().await;
    let (pool, location, procedure) = main_pool(&app, &admin).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let mut booked = Vec::new();
    for (serial, time) in [(1, "09:00"), (2, "14:30")] {
        let body = json!({
            "location_id": location, "procedure_id": procedure, "start": format!("{day}T{time}:00+09:00"),
            "applicants": [{"management_number": format!("T1T00000{serial}"), "name": "台風 太郎", "name_kana": "タイフウ", "birth_date": format!("195{serial}-01-01")}],
            "phone": format!("031234000{serial}"), "email": format!("typhoon{serial}@example.jp")
        });
        let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
        assert_eq!(status, 201, "{created}");
        booked.push(created["reception_number"].as_str().unwrap_or_default().to_owned());
    }
    let close = |cancel: Value| {
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{pool}/dates/{day}"))
            .bearer_auth(&admin)
            .json(&json!({"closed": true, "reason": "台風", "cancel_bookings": cancel}))
    };

    // The administrator is shown the bookings first.
    let (status, code, listed) = problem(close(Value::Null)).await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"));
    assert_eq!(listed["errors"].as_array().map(Vec::len), Some(2), "{listed}");

    // A list that is not the one shown (someone booked since) cancels nothing.
    let (status, code, _) =
        problem(close(json!({"notice": "台風のため休業します", "reception_numbers": [booked[0]]}))).await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"));
    let (status, code, body) = problem(close(json!({"notice": " ", "reception_numbers": booked}))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body), [("cancel_bookings.notice".to_owned(), "validation.required".to_owned())]);
    let (_, still) = send(app.get(&format!("/api/v1/bookings/{}", booked[0]), &admin)).await;
    assert_eq!(still["booking"]["status"], "booked", "nothing was cancelled yet");

    let notice = "台風の接近により、この日は臨時休業とします。改めてご予約ください。";
    let (status, body) = send(close(json!({"notice": notice, "reception_numbers": booked}))).await;
    assert_eq!(status, 204, "{body}");
    for number in &booked {
        let (_, details) = send(app.get(&format!("/api/v1/bookings/{number}"), &admin)).await;
        assert_eq!(details["booking"]["status"], "cancelled", "{details}");
    }
    let day_view = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={location}&procedure_id={procedure}&from={day}&to={day}"
        ),
    ))
    .await
    .1;
    assert_eq!(
        (&day_view["days"][0]["closed"], &day_view["days"][0]["closed_reason"]),
        (&json!("closure"), &json!("台風"))
    );

    // Each resident is told, with the municipality's notice first.
    let mut told = 0;
    for _ in 0..50 {
        told = std::fs::read_dir(&app.outbox)
            .map(|d| d.filter_map(Result::ok).filter_map(|e| std::fs::read(e.path()).ok()).collect::<Vec<_>>())
            .unwrap_or_default()
            .iter()
            .filter_map(|raw| mail_parser::MessageParser::default().parse(raw))
            .filter(|m| m.subject().is_some_and(|s| s.contains("予約を取り消しました")))
            .filter(|m| m.body_text(0).is_some_and(|b| b.starts_with("【デモ市からのお知らせ】") && b.contains(notice)))
            .count();
        if told == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(told, 2, "both residents get the cancellation with the notice");
}
