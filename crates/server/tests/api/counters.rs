use chrono::{Datelike, Duration, NaiveDate, Weekday};
use madoguchi_domain::schedule::{Band, DateOverride, DayPlan};
use madoguchi_domain::tenant::TenantSlug;
use madoguchi_persistence::{TenantScope, schedules, tenants};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    residents_see_the_locations_and_what_each_offers,
    a_weekday_in_the_window_has_its_slots_with_remaining_places_only,
    weekends_past_days_and_days_not_yet_open_have_no_slots,
    a_national_holiday_is_closed,
    a_date_override_closes_a_weekday_or_opens_a_saturday,
    a_municipality_wide_closure_closes_every_counter,
    a_closed_site_answers_503_with_its_message,
    availability_questions_are_checked,
    dates_are_read_as_people_type_them_and_impossible_ones_refused_everywhere,
);

use crate::helpers::{today, tokyo};

async fn demo_ids(app: &TestApp) -> (Value, Value) {
    let (_, locations) = send(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    let (_, procedures) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    (locations, procedures)
}

fn id_of(list: &Value, name: &str) -> String {
    list.as_array()
        .into_iter()
        .flatten()
        .find(|item| item["name"] == name)
        .and_then(|item| item["id"].as_str())
        .unwrap_or_default()
        .to_owned()
}

async fn availability(app: &TestApp, location: &str, procedure: &str, from: NaiveDate, to: NaiveDate) -> Value {
    let (status, body) = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={location}&procedure_id={procedure}&from={from}&to={to}"
        ),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn day_of(body: &Value, date: NaiveDate) -> Value {
    body["days"].as_array().into_iter().flatten().find(|d| d["date"] == date.to_string()).cloned().unwrap_or_default()
}

fn slots_on(body: &Value, date: NaiveDate) -> Vec<Value> {
    body["days"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["date"] == date.to_string())
        .and_then(|d| d["slots"].as_array().cloned())
        .unwrap_or_default()
}

/// The next weekday after `after` that is not a holiday, within the demo's window.
fn ordinary_weekday(after: NaiveDate) -> NaiveDate {
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    after
        .iter_days()
        .skip(1)
        .find(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .unwrap_or(after)
}

async fn main_counter(app: &TestApp) -> (TenantScope, madoguchi_domain::ids::PoolId) {
    let (locations, procedures) = demo_ids(app).await;
    let slug = TenantSlug::parse("demo").unwrap_or_else(|e| panic!("{e}"));
    let scope = tenants::find_by_slug(&app.db, &slug)
        .await
        .ok()
        .flatten()
        .map(|t| t.scope())
        .unwrap_or_else(|| panic!("no demo tenant"));
    let location = madoguchi_domain::ids::LocationId(id_of(&locations, "本庁舎").parse().unwrap_or_default());
    let procedure =
        madoguchi_domain::ids::ProcedureId(id_of(&procedures, "マイナンバーカード交付").parse().unwrap_or_default());
    let pool = schedules::pool_for(&app.db, &scope, location, procedure)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no pool"));
    (scope, pool)
}

async fn residents_see_the_locations_and_what_each_offers(app: TestApp) {
    let (locations, procedures) = demo_ids(&app).await;
    let names: Vec<&str> = locations.as_array().into_iter().flatten().filter_map(|l| l["name"].as_str()).collect();
    assert_eq!(names, ["本庁舎", "北支所"]);
    let issuance =
        procedures.as_array().into_iter().flatten().find(|p| p["kind"] == "issuance").cloned().unwrap_or_default();
    assert_eq!(issuance["fields"]["management_number"], "required");
    assert_eq!(issuance["location_ids"].as_array().map(Vec::len), Some(2));

    let north = id_of(&locations, "北支所");
    let (_, at_north) =
        send(app.request(Method::GET, &format!("/api/v1/public/demo/procedures?location_id={north}"))).await;
    let offered: Vec<&str> = at_north.as_array().into_iter().flatten().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(offered, ["マイナンバーカード交付", "電子証明書の更新"], "北支所 takes no applications");
}

async fn a_weekday_in_the_window_has_its_slots_with_remaining_places_only(app: TestApp) {
    let (locations, procedures) = demo_ids(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let body =
        availability(&app, &id_of(&locations, "本庁舎"), &id_of(&procedures, "マイナンバーカード交付"), day, day).await;
    let slots = slots_on(&body, day);
    assert_eq!(slots.len(), 17, "8:30 to 17:00 in 30-minute slots");
    assert_eq!(slots[0]["start"], format!("{day}T08:30:00+09:00"));
    assert_eq!(slots[16]["end"], format!("{day}T17:00:00+09:00"));
    assert!(slots.iter().all(|s| s["remaining"] == 6));
    let keys: Vec<&String> = slots[0].as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(keys, ["end", "remaining", "start"], "no capacity or total is ever shown");
}

async fn weekends_past_days_and_days_not_yet_open_have_no_slots(app: TestApp) {
    let (locations, procedures) = demo_ids(&app).await;
    let (location, procedure) = (id_of(&locations, "本庁舎"), id_of(&procedures, "マイナンバーカード交付"));
    let from = today() - Duration::days(3);
    let body = availability(&app, &location, &procedure, from, today() + Duration::days(30)).await;
    for day in body["days"].as_array().into_iter().flatten() {
        let date = NaiveDate::parse_from_str(day["date"].as_str().unwrap_or_default(), "%Y-%m-%d").unwrap_or_default();
        let open = !day["slots"].as_array().is_none_or(Vec::is_empty);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let in_window = date >= today() + Duration::days(2) && date <= today() + Duration::days(14);
        if weekend || !in_window {
            assert!(!open, "{date} should have no slots");
        }
    }
    assert_eq!(body["days"].as_array().map(Vec::len), Some(34));
}

async fn a_national_holiday_is_closed(app: TestApp) {
    // 成人の日, the second Monday of next January, seen from the first days of that year.
    let year = today().year() + 1;
    let first_monday = NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .iter_days()
        .find(|d| d.weekday() == Weekday::Mon)
        .unwrap_or_default();
    let holiday = first_monday + Duration::days(7);
    let moment = (holiday - Duration::days(6))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_local_timezone(tokyo())
        .single()
        .unwrap_or_default();
    app.move_clock_to(moment);

    let (locations, procedures) = demo_ids(&app).await;
    let body = availability(
        &app,
        &id_of(&locations, "本庁舎"),
        &id_of(&procedures, "マイナンバーカード交付"),
        holiday,
        holiday + Duration::days(1),
    )
    .await;
    assert!(slots_on(&body, holiday).is_empty(), "{holiday} is 成人の日");
    let closed = day_of(&body, holiday);
    assert_eq!(
        (&closed["closed"], &closed["closed_reason"]),
        (&json!("holiday"), &json!("成人の日")),
        "residents are told why"
    );
    assert_eq!(slots_on(&body, holiday + Duration::days(1)).len(), 17, "the Tuesday after is open");
}

async fn a_date_override_closes_a_weekday_or_opens_a_saturday(app: TestApp) {
    let (scope, pool) = main_counter(&app).await;
    let weekday = ordinary_weekday(today() + Duration::days(2));
    let saturday = (today() + Duration::days(2)).iter_days().find(|d| d.weekday() == Weekday::Sat).unwrap_or_default();
    schedules::set_override(&app.db, &scope, pool, weekday, &DateOverride::Closed { reason: "庁舎点検".to_owned() })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let morning = Band::parse_list("09:00-12:00").unwrap_or_else(|e| panic!("{e}"));
    let plan = DayPlan::new(morning, 60, 3).unwrap_or_else(|e| panic!("{e}"));
    schedules::set_override(&app.db, &scope, pool, saturday, &DateOverride::Open(plan))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let (locations, procedures) = demo_ids(&app).await;
    let body = availability(
        &app,
        &id_of(&locations, "本庁舎"),
        &id_of(&procedures, "マイナンバーカード交付"),
        today(),
        today() + Duration::days(14),
    )
    .await;
    assert!(slots_on(&body, weekday).is_empty(), "{weekday} was closed");
    let closed = day_of(&body, weekday);
    assert_eq!((&closed["closed"], &closed["closed_reason"]), (&json!("closure"), &json!("庁舎点検")), "and why");
    assert!(day_of(&body, saturday)["closed"].is_null(), "an opened Saturday is not closed");
    let opened = slots_on(&body, saturday);
    assert_eq!(
        opened.iter().map(|s| s["remaining"].as_u64().unwrap_or(0)).collect::<Vec<_>>(),
        [3, 3, 3],
        "{saturday}: 9, 10 and 11 o'clock"
    );

    let other = availability(
        &app,
        &id_of(&locations, "北支所"),
        &id_of(&procedures, "マイナンバーカード交付"),
        weekday,
        weekday,
    )
    .await;
    assert_eq!(slots_on(&other, weekday).len(), 17, "北支所 keeps its own schedule");
}

async fn a_municipality_wide_closure_closes_every_counter(app: TestApp) {
    let (scope, _) = main_counter(&app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    schedules::add_closure(&app.db, &scope, day, "システム更新").await.unwrap_or_else(|e| panic!("{e}"));
    let (locations, procedures) = demo_ids(&app).await;
    for location in ["本庁舎", "北支所"] {
        let body =
            availability(&app, &id_of(&locations, location), &id_of(&procedures, "マイナンバーカード交付"), day, day)
                .await;
        assert!(slots_on(&body, day).is_empty(), "{location}");
    }
}

async fn a_closed_site_answers_503_with_its_message(app: TestApp) {
    let admin = app.admin_token().await;
    send(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({"site_public": false, "closed_message": "12月1日から受付を再開します。"}),
    ))
    .await;
    for path in ["/api/v1/public/demo/locations", "/api/v1/public/demo/procedures", "/api/v1/public/demo/availability"]
    {
        let (status, code, body) = problem(app.request(Method::GET, path)).await;
        assert_eq!((status, code.as_str()), (503, "site.closed"), "{path}");
        assert_eq!(body["detail"], "12月1日から受付を再開します。");
    }
    assert_eq!(
        send(app.request(Method::GET, "/api/v1/public/demo/site")).await.0,
        200,
        "the site info still answers, to show the message"
    );
}

async fn availability_questions_are_checked(app: TestApp) {
    let (status, code, body) =
        problem(app.request(Method::GET, "/api/v1/public/demo/availability?from=2026-02-30")).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["location_id", "procedure_id", "from"]);

    let (locations, procedures) = demo_ids(&app).await;
    let (north, application) = (id_of(&locations, "北支所"), id_of(&procedures, "マイナンバーカード申請"));
    let (status, code, _) = problem(app.request(
        Method::GET,
        &format!("/api/v1/public/demo/availability?location_id={north}&procedure_id={application}"),
    ))
    .await;
    assert_eq!((status, code.as_str()), (404, "procedure.not_offered"));

    let main = id_of(&locations, "本庁舎");
    let (status, _, body) = problem(app.request(Method::GET, &format!("/api/v1/public/demo/availability?location_id={main}&procedure_id={application}&from=2027-01-01&to=2027-06-01"))).await;
    assert_eq!((status, field_errors(&body)[0].1.as_str()), (422, "validation.period_too_long"));
}

async fn dates_are_read_as_people_type_them_and_impossible_ones_refused_everywhere(app: TestApp) {
    let (locations, procedures) = demo_ids(&app).await;
    let (main, issuance) = (id_of(&locations, "本庁舎"), id_of(&procedures, "マイナンバーカード交付"));
    let day = today() + Duration::days(3);
    let encode = |text: &str| text.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let wareki = format!("令和{}年{}月{}日", day.year() - 2018, day.month(), day.day());
    let full_width: String = day.to_string().chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect();
    for typed in [day.to_string(), wareki, full_width] {
        let path = format!(
            "/api/v1/public/demo/availability?location_id={main}&procedure_id={issuance}&from={}&to={}",
            encode(&typed),
            encode(&typed)
        );
        let (status, body) = send(app.request(Method::GET, &path)).await;
        assert_eq!(status, 200, "{typed}: {body}");
        assert_eq!(body["days"][0]["date"], day.to_string(), "{typed}");
    }

    // The far end of the calendar, once a panic that dropped the connection.
    let admin = app.admin_token().await;
    let far = "+262142-12-31";
    let public =
        format!("/api/v1/public/demo/availability?location_id={main}&procedure_id={issuance}&from={}", encode(far));
    let (status, code, body) = problem(app.request(Method::GET, &public)).await;
    assert_eq!((status, code.as_str(), field_errors(&body)[0].0.as_str()), (422, "validation.failed", "from"));
    for path in [
        format!("/api/v1/bookings?from={}", encode(far)),
        format!("/api/v1/bookings/calendar?location_id={main}&from={}", encode(far)),
        format!("/api/v1/bookings/day-sheet?location_id={main}&date={}", encode(far)),
        format!("/api/v1/admin/audit-log?from={}", encode(far)),
    ] {
        let (status, code, body) = problem(app.get(&path, &admin)).await;
        assert_eq!((status, code.as_str()), (422, "validation.failed"), "{path}: {body}");
    }

    // One paging rule: 1 to 500 per page, refused past it, on every list.
    for list in ["/api/v1/bookings", "/api/v1/admin/users", "/api/v1/admin/audit-log"] {
        let (status, _) = send(app.get(&format!("{list}?per_page=500"), &admin)).await;
        assert_eq!(status, 200, "{list}");
        let (status, code, body) =
            problem(app.get(&format!("{list}?page=18446744073709551615&per_page=501"), &admin)).await;
        assert_eq!((status, code.as_str()), (422, "validation.failed"), "{list}");
        let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["page", "per_page"], "{list}");
    }
}
