//! The staff's booking desk: the call center books for residents, the counter
//! checks them in, clerks search and export.

use chrono::{Duration, NaiveDate, Utc};
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{
    Demo, book, demo, number, one_place_on_a_saturday, ordinary_weekday, person, remaining, request, today,
};
use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    the_call_center_books_for_a_resident_without_a_letter_and_the_place_is_taken,
    only_an_administrator_books_beyond_capacity,
    staff_change_and_cancel_past_the_deadline_and_the_history_shows_it,
    the_counter_checks_in_the_day_s_bookings_and_marks_the_rest_no_shows,
    clerks_find_bookings_by_kana_number_and_status_and_export_them_for_excel,
    with_the_ledger_check_on_an_issuance_booking_needs_a_ready_card,
    the_day_sheet_lists_the_day_for_printing_with_staff_text_escaped,
);

async fn call_center(app: &TestApp) -> String {
    app.token("demo", "callcenter", DEMO_PASSWORD).await
}

fn staff_request(demo: &Demo, start: &str, applicants: Vec<Value>) -> Value {
    json!({ "location_id": demo.main, "procedure_id": demo.issuance, "start": start, "applicants": applicants, "phone": "0312345678" })
}

async fn staff_book(app: &TestApp, token: &str, body: &Value) -> (u16, Value) {
    send(app.post("/api/v1/bookings", token, body)).await
}

async fn the_call_center_books_for_a_resident_without_a_letter_and_the_place_is_taken(app: TestApp) {
    let demo = demo(&app).await;
    let token = call_center(&app).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    let start = format!("{day}T09:00:00+09:00");
    let no_number = json!({ "name": "電話 花子", "name_kana": "でんわ はなこ", "birth_date": "昭和15年1月2日" });

    let (status, code, body) =
        problem(app.post("/api/v1/bookings", &token, &staff_request(&demo, &start, vec![no_number.clone()]))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(
        field_errors(&body),
        vec![("applicants.0.management_number".to_owned(), "validation.required".to_owned())]
    );

    let mut body = staff_request(&demo, &start, vec![no_number]);
    body["without_letter"] = json!(true);
    body["notes"] = json!("通知書紛失。耳が遠いので大きな声で");
    let (status, created) = staff_book(&app, &token, &body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["booking"]["without_letter"], true);
    assert_eq!(created["booking"]["created_by"], "callcenter");
    assert_eq!(
        created["password"].as_str().map(str::len),
        Some(10),
        "the clerk reads the password out to the resident"
    );
    assert_eq!(remaining(&app, &demo, day, &start).await, 5, "the resident site sees the place taken");

    let reception = created["reception_number"].as_str().unwrap_or_default();
    let (status, details) = send(app.get(&format!("/api/v1/bookings/{reception}"), &token)).await;
    assert_eq!(status, 200);
    assert_eq!(details["booking"]["notes"], "通知書紛失。耳が遠いので大きな声で");
    assert_eq!(details["booking"]["applicants"][0]["name_kana"], "デンワ ハナコ");
    assert_eq!(details["history"][0]["action"], "created");
    assert_eq!(details["history"][0]["actor"], "callcenter");

    let ledger = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, code, _) = problem(app.post(
        "/api/v1/bookings",
        &ledger,
        &staff_request(&demo, &start, vec![person(&number(7), "窓口 次郎", "1970-01-01")]),
    ))
    .await;
    assert_eq!((status, code.as_str()), (403, "auth.forbidden"), "the ledger role does not book");
}

async fn only_an_administrator_books_beyond_capacity(app: TestApp) {
    let demo = demo(&app).await;
    let (saturday, start) = one_place_on_a_saturday(&app, &demo).await;
    let (status, _) =
        book(&app, &request(&demo, &start, vec![person(&number(1), "先 着", "1960-01-01")], "0311111111")).await;
    assert_eq!(status, 201);
    let clerk = call_center(&app).await;
    let second = staff_request(&demo, &start, vec![person(&number(2), "追加 一郎", "1961-01-01")]);

    let (status, code, _) = problem(app.post("/api/v1/bookings", &clerk, &second)).await;
    assert_eq!((status, code.as_str()), (409, "booking.slot_full"));
    let mut beyond = second.clone();
    beyond["beyond_capacity"] = json!(true);
    let (status, code, _) = problem(app.post("/api/v1/bookings", &clerk, &beyond)).await;
    assert_eq!((status, code.as_str()), (403, "auth.forbidden"), "a call-center clerk cannot overbook");

    let admin = app.admin_token().await;
    let (status, created) = staff_book(&app, &admin, &beyond).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["booking"]["beyond_capacity"], true);

    let (_, calendar) = send(
        app.get(&format!("/api/v1/bookings/calendar?location_id={}&from={saturday}&to={saturday}", demo.main), &admin),
    )
    .await;
    let slot = calendar["pools"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["days"][0]["slots"].as_array().cloned().unwrap_or_default())
        .find(|s| s["start"] == start)
        .unwrap_or_default();
    assert_eq!((&slot["places"], &slot["booked"], &slot["remaining"]), (&json!(1), &json!(2), &json!(0)), "{calendar}");

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=booking.create_beyond_capacity", &admin)).await;
    assert_eq!(log["items"].as_array().map(Vec::len), Some(1), "{log}");

    // The over-full slot is the administrator's doing, not a schedule change's: other
    // days can still be opened, and re-saving this day as it is changes nothing.
    let (_, pool) = crate::bookings::pool(&app, &demo).await;
    let next_saturday = saturday + Duration::days(7);
    for (day, plan) in [
        (next_saturday, json!({"bands": ["09:00-12:00"], "slot_minutes": 60, "places": 2})),
        (saturday, json!({"bands": ["09:00-10:00"], "slot_minutes": 60, "places": 1})),
    ] {
        let response = app
            .request(Method::PUT, &format!("/api/v1/admin/pools/{}/dates/{day}", pool.0))
            .bearer_auth(&admin)
            .json(&json!({ "plan": plan }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 204, "{day}: {}", response.text().await.unwrap_or_default());
    }
}

async fn staff_change_and_cancel_past_the_deadline_and_the_history_shows_it(app: TestApp) {
    let demo = demo(&app).await;
    let clerk = call_center(&app).await;
    // Tomorrow is past the residents' window and deadline, not the staff's.
    let day = ordinary_weekday(today());
    let later = ordinary_weekday(day);
    let (status, created) = staff_book(
        &app,
        &clerk,
        &staff_request(&demo, &format!("{day}T16:30:00+09:00"), vec![person(&number(3), "変更 三郎", "1955-03-03")]),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let reception = created["reception_number"].as_str().unwrap_or_default().to_owned();
    let version = created["booking"]["version"].clone();
    let path = format!("/api/v1/bookings/{reception}");

    let stale = json!({ "version": 0, "start": format!("{later}T10:00:00+09:00") });
    let (status, code, _) = problem(app.patch(&path, &clerk, &stale)).await;
    assert_eq!(
        (status, code.as_str()),
        (409, "booking.changed_meanwhile"),
        "another clerk's change is not overwritten"
    );

    let garbled = json!({ "version": version, "notes": "ベルが\u{7}鳴る", "reason": "あ".repeat(1001) });
    let (status, code, body) = problem(app.patch(&path, &clerk, &garbled)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(
        field_errors(&body),
        [
            ("notes".to_owned(), "validation.control_character".to_owned()),
            ("reason".to_owned(), "validation.too_long".to_owned())
        ],
        "each faulty field named as sent"
    );

    let change = json!({ "version": version, "start": format!("{later}T10:00:00+09:00"), "notes": "娘さんから電話で変更", "reason": "電話" });
    let (status, changed) = send(app.patch(&path, &clerk, &change)).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["booking"]["start"], format!("{later}T10:00:00+09:00"));
    assert_eq!(changed["booking"]["notes"], "娘さんから電話で変更");
    let actions: Vec<&str> =
        changed["history"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, ["created", "notes", "changed"]);

    let version = changed["booking"]["version"].clone();
    let (status, cancelled) = send(app.post(
        &format!("{path}/cancel"),
        &clerk,
        &json!({ "version": version, "reason": "本人から取消の電話" }),
    ))
    .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["booking"]["status"], "cancelled");
    assert_eq!(cancelled["history"][3]["detail"]["reason"], "本人から取消の電話");
    let (status, code, _) =
        problem(app.post(&format!("{path}/cancel"), &clerk, &json!({ "version": cancelled["booking"]["version"] })))
            .await;
    assert_eq!((status, code.as_str()), (409, "booking.not_active"));
}

/// Moves the application's clock to `time` (JST) on `day`; staff sign in again after it.
fn move_clock_to(app: &TestApp, day: NaiveDate, time: &str) {
    let target = format!("{day}T{time}+09:00")
        .parse::<chrono::DateTime<chrono::FixedOffset>>()
        .unwrap_or_else(|e| panic!("{e}"));
    let now = madoguchi_http::clock::Clock::now(app.clock.as_ref());
    app.advance(target.with_timezone(&Utc) - now);
}

async fn the_counter_checks_in_the_day_s_bookings_and_marks_the_rest_no_shows(app: TestApp) {
    let demo = demo(&app).await;
    let clerk = call_center(&app).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    let mut numbers = Vec::new();
    for (serial, time) in [(11, "09:00"), (12, "09:30"), (13, "16:30")] {
        let (status, created) = staff_book(
            &app,
            &clerk,
            &staff_request(
                &demo,
                &format!("{day}T{time}:00+09:00"),
                vec![person(&number(serial), "来庁 予定", &format!("1980-01-{serial}"))],
            ),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        numbers.push(created["reception_number"].as_str().unwrap_or_default().to_owned());
    }
    let ledger = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, code, _) =
        problem(app.post(&format!("/api/v1/bookings/{}/check-in", numbers[0]), &ledger, &json!({}))).await;
    assert_eq!((status, code.as_str()), (409, "booking.not_today"));

    move_clock_to(&app, day, "09:05:00");
    let ledger = app.token("demo", "ledger", DEMO_PASSWORD).await;
    // A keyboard-wedge reader may send full-width digits.
    let typed: String =
        numbers[0].chars().map(|c| char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap_or(c)).collect();
    let (status, visited) = send(app.post(&format!("/api/v1/bookings/{typed}/check-in"), &ledger, &json!({}))).await;
    assert_eq!(status, 200, "{visited}");
    assert_eq!(visited["booking"]["status"], "visited");
    assert!(
        visited["booking"]["checked_in_at"].as_str().is_some_and(|t| t.starts_with(&format!("{day}T09:0"))),
        "{visited}"
    );
    let (status, code, _) =
        problem(app.post(&format!("/api/v1/bookings/{}/check-in", numbers[0]), &ledger, &json!({}))).await;
    assert_eq!((status, code.as_str()), (409, "booking.not_active"), "a second scan does not check in twice");

    let (_, calendar) =
        send(app.get(&format!("/api/v1/bookings/calendar?location_id={}&from={day}&to={day}", demo.main), &ledger))
            .await;
    let slots = calendar["pools"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["days"][0]["slots"].as_array().cloned().unwrap_or_default())
        .collect::<Vec<_>>();
    let nine = slots.iter().find(|s| s["start"] == format!("{day}T09:00:00+09:00")).cloned().unwrap_or_default();
    assert_eq!((&nine["booked"], &nine["checked_in"], &nine["remaining"]), (&json!(1), &json!(1), &json!(5)));

    // At noon, the 09:30 resident has not come; the 16:30 one still may.
    move_clock_to(&app, day, "12:00:00");
    let ledger = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, report) =
        send(app.post("/api/v1/bookings/no-shows", &ledger, &json!({ "date": day, "location_id": demo.main }))).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["reception_numbers"], json!([numbers[1]]));
    let (_, late) = send(app.get(&format!("/api/v1/bookings/{}", numbers[2]), &ledger)).await;
    assert_eq!(late["booking"]["status"], "booked");
    let (status, code, _) =
        problem(app.post("/api/v1/bookings/no-shows", &ledger, &json!({ "date": day + Duration::days(1) }))).await;
    assert_eq!((status, code.as_str()), (422, "booking.future_day"));
}

async fn clerks_find_bookings_by_kana_number_and_status_and_export_them_for_excel(app: TestApp) {
    let demo = demo(&app).await;
    let clerk = call_center(&app).await;
    let day = ordinary_weekday(today() + Duration::days(4));
    let mut yamada = staff_request(
        &demo,
        &format!("{day}T10:00:00+09:00"),
        vec![
            json!({ "management_number": number(21), "name": "山田 太郎", "name_kana": "ヤマダ タロウ", "birth_date": "1950-04-01" }),
        ],
    );
    yamada["notes"] = json!("=HYPERLINK(\"http://example.invalid\")");
    let (status, first) = staff_book(&app, &clerk, &yamada).await;
    assert_eq!(status, 201, "{first}");
    let (status, _) = staff_book(
        &app,
        &clerk,
        &staff_request(&demo, &format!("{day}T10:30:00+09:00"), vec![person(&number(22), "佐藤 花子", "1960-02-02")]),
    )
    .await;
    assert_eq!(status, 201);
    let reception = first["reception_number"].as_str().unwrap_or_default().to_owned();

    let found = |query: String| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let (status, page) = send(app.get(&format!("/api/v1/bookings?from={day}&to={day}&{query}"), &clerk)).await;
            assert_eq!(status, 200, "{query}: {page}");
            page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|b| b["applicants"][0]["name"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found(String::new()).await, ["山田 太郎", "佐藤 花子"]);
    assert_eq!(found("name=やまだ".to_owned()).await, ["山田 太郎"], "hiragana finds the フリガナ");
    assert_eq!(found("name=山田太郎".to_owned()).await, ["山田 太郎"], "spaces do not matter");
    assert_eq!(found(format!("management_number={}", number(22).replace('A', "Ａ"))).await, ["佐藤 花子"]);
    assert_eq!(found(format!("reception_number={reception}")).await, ["山田 太郎"]);
    assert_eq!(found("status=cancelled".to_owned()).await, Vec::<String>::new());
    assert_eq!(found("name=%25".to_owned()).await, Vec::<String>::new(), "a typed % is not a wildcard");
    let (status, code, body) = problem(app.get("/api/v1/bookings?status=gone&reception_number=123", &clerk)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["status", "reception_number"]);

    let response = app
        .get(&format!("/api/v1/bookings/export?from={day}&to={day}"), &clerk)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        response.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=Shift_JIS")
    );
    let bytes = response.bytes().await.unwrap_or_default();
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!had_errors);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("受付番号,日付,開始"), "{}", lines[0]);
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].contains("山田 太郎") && lines[1].contains("ヤマダ タロウ") && lines[1].contains("予約中"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("\"'=HYPERLINK("), "a formula in the notes is neutralised: {}", lines[1]);

    // The same as a workbook: every cell text, so the phone keeps its leading zero.
    let response = app
        .get(&format!("/api/v1/bookings/export?from={day}&to={day}&format=xlsx"), &clerk)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        response.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let bytes = response.bytes().await.unwrap_or_default().to_vec();
    let (rows, formulas, sheet_xml) = read_workbook(&bytes, "予約");
    assert_eq!(&rows[0][..3], ["受付番号", "日付", "開始"]);
    let column = |title: &str| rows[0].iter().position(|h| h == title).unwrap_or_else(|| panic!("no {title}"));
    let yamada = rows.iter().find(|r| r[column("氏名")] == "山田 太郎").unwrap_or_else(|| panic!("{rows:?}"));
    assert!(yamada[column("電話番号")].starts_with('0'), "the leading zero stays: {yamada:?}");
    assert!(yamada[column("備考")].starts_with("=HYPERLINK("), "kept as written, as text: {yamada:?}");
    assert_eq!(formulas, 0, "no cell is a formula");
    assert!(sheet_xml.contains("state=\"frozen\""), "the header row is frozen");
}

/// A workbook's sheet as text rows (every cell must be a string), how many cells hold a
/// formula, and the sheet's XML.
fn read_workbook(bytes: &[u8], sheet: &str) -> (Vec<Vec<String>>, usize, String) {
    use calamine::Reader;
    use std::io::Read;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("{e}"));
    let range = workbook.worksheet_range(sheet).unwrap_or_else(|e| panic!("{e}"));
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    calamine::Data::String(text) => text.clone(),
                    calamine::Data::Empty => String::new(),
                    other => panic!("a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect();
    let formulas = workbook
        .worksheet_formula(sheet)
        .map(|f| f.used_cells().filter(|(_, _, f)| !f.is_empty()).count())
        .unwrap_or(0);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap_or_else(|e| panic!("{e}"))
        .read_to_string(&mut xml)
        .unwrap_or_else(|e| panic!("{e}"));
    (rows, formulas, xml)
}

async fn with_the_ledger_check_on_an_issuance_booking_needs_a_ready_card(app: TestApp) {
    let demo = demo(&app).await;
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["ledger_check"] = json!(true);
    let (status, body) =
        send(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&rules)).await;
    assert_eq!(status, 204, "{body}");

    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T11:00:00+09:00");
    let (status, code, body) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&request(
        &demo,
        &start,
        vec![person(&number(31), "台帳 未登録", "1990-01-01")],
        "0312345678",
    )))
    .await;
    assert_eq!((status, code.as_str()), (422, "ledger.not_ready"));
    assert_eq!(field_errors(&body), vec![("applicants.0.management_number".to_owned(), "ledger.not_ready".to_owned())]);
    assert_eq!(remaining(&app, &demo, day, &start).await, 6, "nothing was taken");

    let (_, procedures) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    let application = procedures
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "マイナンバーカード申請")
        .and_then(|p| p["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let mut apply = request(
        &demo,
        &start,
        vec![json!({ "name": "申請 花子", "name_kana": "シンセイ ハナコ", "birth_date": "1990-01-01" })],
        "0312345678",
    );
    apply["procedure_id"] = json!(application);
    apply["email"] = json!("shinsei@example.jp");
    let (status, created) = book(&app, &apply).await;
    assert_eq!(status, 201, "an application visit needs no card: {created}");
}

async fn the_day_sheet_lists_the_day_for_printing_with_staff_text_escaped(app: TestApp) {
    let demo = demo(&app).await;
    let clerk = call_center(&app).await;
    let day = ordinary_weekday(today() + Duration::days(5));
    let mut first = staff_request(
        &demo,
        &format!("{day}T13:00:00+09:00"),
        vec![person(&number(61), "印刷 太郎", "1945-01-01"), person(&number(62), "印刷 花子", "1947-02-02")],
    );
    first["notes"] = json!("<b>車いす</b>\n付き添いあり");
    let (status, created) = staff_book(&app, &clerk, &first).await;
    assert_eq!(status, 201, "{created}");
    let (status, _) = staff_book(
        &app,
        &clerk,
        &staff_request(&demo, &format!("{day}T09:30:00+09:00"), vec![person(&number(63), "朝 一番", "1990-03-03")]),
    )
    .await;
    assert_eq!(status, 201);

    let response = app
        .get(&format!("/api/v1/bookings/day-sheet?date={day}&location_id={}", demo.main), &clerk)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("text/html; charset=utf-8"));
    let html = response.text().await.unwrap_or_default();
    assert!(html.contains("@page{size:A4"), "laid out for A4");
    assert!(html.contains("&lt;b&gt;車いす&lt;/b&gt;<br>付き添いあり"), "staff text is escaped, its line breaks kept");
    assert!(!html.contains("<b>車いす"));
    let morning = html.find("朝 一番").unwrap_or(usize::MAX);
    let afternoon = html.find("印刷 太郎").unwrap_or(0);
    assert!(morning < afternoon, "in time order");
    assert!(html.contains("予約 2件・3名"), "two bookings, three people");
    if let Ok(folder) = std::env::var("SCREENSHOT_DIR") {
        let _ = std::fs::write(std::path::Path::new(&folder).join("day-sheet.html"), &html);
    }
}
