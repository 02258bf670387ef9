//! The card ledger: QR codes scanned into batches and registered at once, cards moved
//! along their life, bookings holding and releasing them.

use chrono::Duration;
use madoguchi_domain::ledger::qr::{QrLayout, read};
use madoguchi_persistence::ledger_cards;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{demo, ordinary_weekday, person, request, today};
use crate::helpers::{DEMO_PASSWORD, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    a_card_scanned_twice_is_refused_wherever_it_was_met,
    a_batch_is_registered_whole_or_not_at_all,
    cards_move_along_their_life_and_illegal_steps_are_refused,
    a_booking_holds_its_card_and_a_clerk_hands_it_over,
    only_the_ledger_desk_reaches_the_ledger,
);

/// A payload of the default layout for card `A1B` + `serial`.
fn payload(serial: u32, name: &str, birth: &str) -> String {
    format!("A1B-{serial:06},{:023},{serial},{name},{birth},1,デモ市中央一丁目1番1号,1,1,1,1", u64::from(serial) * 7)
}

async fn ledger_clerk(app: &TestApp) -> String {
    app.token("demo", "ledger", DEMO_PASSWORD).await
}

async fn new_batch(app: &TestApp, token: &str) -> String {
    let (status, body) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(token)).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap_or_default().to_owned()
}

async fn scan(app: &TestApp, token: &str, batch: &str, payload: &str) -> (u16, Value) {
    send(app.post(&format!("/api/v1/ledger/scan-batches/{batch}/scans"), token, &json!({ "payload": payload }))).await
}

async fn commit(app: &TestApp, token: &str, batch: &str) -> (u16, Value) {
    send(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/commit")).bearer_auth(token)).await
}

async fn card(app: &TestApp, token: &str, number: &str) -> Value {
    let (status, page) = send(app.get(&format!("/api/v1/ledger/cards?management_number={number}"), token)).await;
    assert_eq!(status, 200, "{page}");
    page["items"][0].clone()
}

async fn step(app: &TestApp, token: &str, card: &Value, body: Value) -> (u16, Value) {
    let mut body = body;
    body["version"] = card["version"].clone();
    send(app.post(&format!("/api/v1/ledger/cards/{}/steps", card["id"].as_str().unwrap_or_default()), token, &body))
        .await
}

async fn a_card_scanned_twice_is_refused_wherever_it_was_met(app: TestApp) {
    let clerk = ledger_clerk(&app).await;
    let first = new_batch(&app, &clerk).await;
    let (status, scanned) = scan(&app, &clerk, &first, &format!("{}\r\n", payload(1, "髙橋　﨑子", "19750401"))).await;
    assert_eq!(status, 201, "{scanned}");
    assert_eq!(
        (&scanned["card"]["management_number"], &scanned["card"]["name"]),
        (&json!("A1B000001"), &json!("髙橋　﨑子"))
    );

    let (status, code, body) = problem(app.post(
        &format!("/api/v1/ledger/scan-batches/{first}/scans"),
        &clerk,
        &json!({ "payload": payload(1, "髙橋　﨑子", "19750401") }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.duplicate_qr"), "the same QR twice in one batch");
    assert_eq!(body["conflict_with"]["id"], json!(first), "the refusal points to the batch: {body}");

    let second = new_batch(&app, &clerk).await;
    let (status, code, _) = problem(app.post(
        &format!("/api/v1/ledger/scan-batches/{second}/scans"),
        &clerk,
        &json!({ "payload": payload(1, "髙橋　﨑子", "19750401") }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.duplicate_qr"), "the same card in another batch");

    assert_eq!(commit(&app, &clerk, &first).await.0, 200);
    // A card registered by another way (an import) is refused at the scanner too.
    let imported =
        read(&QrLayout::jlis_qr_v1(), &payload(2, "佐藤 花子", "19800202")).unwrap_or_else(|e| panic!("{e:?}"));
    let scope = demo(&app).await.scope;
    ledger_cards::register(&app.db, &scope, &app.vault(&scope).await, &imported, "import:test", "test", app.now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, code, body) = problem(app.post(
        &format!("/api/v1/ledger/scan-batches/{second}/scans"),
        &clerk,
        &json!({ "payload": payload(2, "佐藤 花子", "19800202") }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.duplicate_qr"));
    assert!(body["detail"].as_str().unwrap_or_default().contains("registered"), "{body}");

    let (status, code, body) = problem(app.post(
        &format!("/api/v1/ledger/scan-batches/{second}/scans"),
        &clerk,
        &json!({ "payload": "A1B23,1,1,名前,19751301,1,,1,1,1,1" }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "qr.invalid"));
    let fields: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["management_number", "application_id", "birth_date"]);
}

async fn a_batch_is_registered_whole_or_not_at_all(app: TestApp) {
    let clerk = ledger_clerk(&app).await;
    let batch = new_batch(&app, &clerk).await;
    for serial in 10..13 {
        assert_eq!(scan(&app, &clerk, &batch, &payload(serial, "登録 太郎", "19600101")).await.0, 201);
    }
    // Card 12 reaches the ledger another way before the batch is registered.
    let other =
        read(&QrLayout::jlis_qr_v1(), &payload(12, "登録 太郎", "19600101")).unwrap_or_else(|e| panic!("{e:?}"));
    let scope = demo(&app).await.scope;
    ledger_cards::register(&app.db, &scope, &app.vault(&scope).await, &other, "import:test", "test", app.now())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, code, _) =
        problem(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/commit")).bearer_auth(&clerk))
            .await;
    assert_eq!((status, code.as_str()), (409, "ledger.duplicate_qr"));
    assert_eq!(card(&app, &clerk, "A1B000010").await, Value::Null, "nothing of the batch was registered");

    // Taking the card out of the batch lets the rest in, once.
    let (_, view) = send(app.get(&format!("/api/v1/ledger/scan-batches/{batch}"), &clerk)).await;
    let last = view["scans"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["card"]["management_number"] == "A1B000012")
        .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    assert_eq!(
        app.delete(&format!("/api/v1/ledger/scan-batches/{batch}/scans/{last}"), &clerk)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0),
        204
    );
    let (status, body) = commit(&app, &clerk, &batch).await;
    assert_eq!((status, &body["registered"]), (200, &json!(2)), "{body}");
    assert_eq!(card(&app, &clerk, "A1B000010").await["status"], "received");
    let (status, code, _) =
        problem(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/commit")).bearer_auth(&clerk))
            .await;
    assert_eq!((status, code.as_str()), (409, "ledger.batch_committed"), "a second click registers nothing twice");

    let empty = new_batch(&app, &clerk).await;
    assert_eq!(
        problem(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{empty}/commit")).bearer_auth(&clerk))
            .await
            .1,
        "ledger.empty_batch"
    );

    let (_, page) = send(app.get("/api/v1/ledger/cards?birth_date=昭和35年1月1日", &clerk)).await;
    assert_eq!(page["total"], 3, "found by birth date in 和暦: {page}");
}

async fn registered(app: &TestApp, clerk: &str, serial: u32) -> Value {
    let batch = new_batch(app, clerk).await;
    assert_eq!(scan(app, clerk, &batch, &payload(serial, "台帳 花子", "19900303")).await.0, 201);
    assert_eq!(commit(app, clerk, &batch).await.0, 200);
    card(app, clerk, &format!("A1B{serial:06}")).await
}

async fn cards_move_along_their_life_and_illegal_steps_are_refused(app: TestApp) {
    let clerk = ledger_clerk(&app).await;
    let mut entry = registered(&app, &clerk, 20).await;

    let (status, code, body) = problem(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", entry["id"].as_str().unwrap_or_default()),
        &clerk,
        &json!({ "step": "send_notice", "version": entry["version"] }),
    ))
    .await;
    assert_eq!(
        (status, code.as_str()),
        (409, "ledger.invalid_transition"),
        "no letter for a card not yet inspected: {body}"
    );

    for (body, status) in [
        (json!({ "step": "inspect", "inspection_result": "ok", "on_date": "2026-11-20" }), "inspected"),
        (json!({ "step": "set_up" }), "set_up"),
        (json!({ "step": "send_notice", "on_date": "2026-11-21" }), "notice_sent"),
        (json!({ "step": "return_notice" }), "notice_returned"),
        (json!({ "step": "send_notice", "on_date": "2026-11-22" }), "notice_sent"),
    ] {
        let (code, details) = step(&app, &clerk, &entry, body.clone()).await;
        assert_eq!((code, details["card"]["status"].as_str()), (200, Some(status)), "{body}: {details}");
        entry = details["card"].clone();
    }
    assert_eq!((&entry["inspected_on"], &entry["notice_sent_on"]), (&json!("2026-11-20"), &json!("2026-11-22")));

    let stale = json!({ "step": "hand_over", "version": entry["version"].as_i64().unwrap_or(0) - 1 });
    let (status, code, _) = problem(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", entry["id"].as_str().unwrap_or_default()),
        &clerk,
        &stale,
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.changed_meanwhile"), "a second clerk with an old screen");

    let (status, code, body) = problem(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", entry["id"].as_str().unwrap_or_default()),
        &clerk,
        &json!({ "step": "cancel", "version": entry["version"] }),
    ))
    .await;
    assert_eq!(
        (status, code.as_str(), field_errors(&body)),
        (422, "validation.failed", vec![("reason".to_owned(), "validation.required".to_owned())]),
        "cancelling says why"
    );
    let (_, details) = step(&app, &clerk, &entry, json!({ "step": "cancel", "reason": "本人死亡" })).await;
    entry = details["card"].clone();
    assert_eq!((&entry["status"], &entry["cancel_reason"]), (&json!("cancelled"), &json!("本人死亡")));
    let (status, code, _) = problem(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", entry["id"].as_str().unwrap_or_default()),
        &clerk,
        &json!({ "step": "hand_over", "version": entry["version"] }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.invalid_transition"), "a cancelled card is not handed over");
    let (_, details) = step(&app, &clerk, &entry, json!({ "step": "dispose", "reason": "裁断" })).await;
    assert_eq!(details["card"]["status"], "disposed");
    let actions: Vec<&str> =
        details["history"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(
        actions,
        ["registered", "inspect", "set_up", "send_notice", "return_notice", "send_notice", "cancel", "dispose"]
    );

    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=ledger.", &app.admin_token().await)).await;
    assert!(log["total"].as_u64().unwrap_or(0) >= 8, "every step is audited: {log}");
}

async fn a_booking_holds_its_card_and_a_clerk_hands_it_over(app: TestApp) {
    let demo = demo(&app).await;
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["ledger_check"] = json!(true);
    assert_eq!(
        send(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&rules)).await.0,
        204
    );

    let clerk = ledger_clerk(&app).await;
    let mut entry = registered(&app, &clerk, 30).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let start = format!("{day}T10:00:00+09:00");
    let body = request(&demo, &start, vec![person("A1B000030", "台帳 花子", "1990-03-03")], "0312345678");
    let (status, code, _) = problem(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!((status, code.as_str()), (422, "ledger.not_ready"), "no letter went out yet");

    for next in [
        json!({ "step": "inspect", "inspection_result": "ok" }),
        json!({ "step": "set_up" }),
        json!({ "step": "send_notice" }),
    ] {
        entry = step(&app, &clerk, &entry, next).await.1["card"].clone();
    }
    // Someone who holds the notice's number but is not its holder gets the answer of a
    // number that does not exist, and the card is not theirs to book.
    let (shared, demo_ref) = (&app, &demo);
    let answer = |applicant: Value| {
        let body = request(demo_ref, &start, vec![applicant], "0399999999");
        async move {
            let (status, code, problem) =
                problem(shared.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
            (status, code, problem["errors"].clone())
        }
    };
    let unknown = answer(person("A1B999999", "台帳 花子", "1990-03-03")).await;
    assert_eq!((unknown.0, unknown.1.as_str()), (422, "ledger.not_ready"));
    assert_eq!(answer(person("A1B000030", "他人 花子", "1990-03-03")).await, unknown, "another name");
    assert_eq!(answer(person("A1B000030", "台帳 花子", "1991-03-03")).await, unknown, "another birth date");
    assert_eq!(card(&app, &clerk, "A1B000030").await["status"], "notice_sent");

    // The holder books.
    let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!(status, 201, "{created}");
    let held = card(&app, &clerk, "A1B000030").await;
    assert_eq!((&held["status"], held["booking_id"].is_string()), (&json!("booked"), true));

    // Cancelled: the card waits for another booking; booked again and visited: handed over.
    let reception = created["booking"]["reception_number"].as_str().unwrap_or_default().to_owned();
    let (_, details) = send(app.get(&format!("/api/v1/bookings/{reception}"), &admin)).await;
    let cancel = json!({ "version": details["booking"]["version"], "reason": "電話で取消" });
    assert_eq!(send(app.post(&format!("/api/v1/bookings/{reception}/cancel"), &admin, &cancel)).await.0, 200);
    let released = card(&app, &clerk, "A1B000030").await;
    assert_eq!((&released["status"], &released["booking_id"]), (&json!("notice_sent"), &Value::Null));

    let today_slot = json!({ "location_id": demo.main, "procedure_id": demo.issuance, "start": null, "applicants": [person("A1B000030", "台帳 花子", "1990-03-03")], "phone": "0312345678" });
    let pool = crate::bookings::pool(&app, &demo).await.1;
    let now = app.now().with_timezone(&crate::bookings::tokyo());
    let plan = json!({"plan": {"bands": ["00:00-23:30"], "slot_minutes": 30, "places": 6}});
    assert_eq!(
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{}/dates/{}", pool.0, now.date_naive()))
            .bearer_auth(&admin)
            .json(&plan)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0),
        204
    );
    // The half hour under way: staff may book a slot until it ends.
    let (hour, minute): (u32, u32) =
        (now.format("%H").to_string().parse().unwrap_or(0), now.format("%M").to_string().parse().unwrap_or(0));
    let slot = now.date_naive().and_hms_opt(hour, if minute < 30 { 0 } else { 30 }, 0).unwrap_or_default();
    let mut staff_booking = today_slot;
    staff_booking["start"] = json!(format!("{}+09:00", slot.format("%Y-%m-%dT%H:%M:%S")));
    let (status, booked) = send(app.post("/api/v1/bookings", &admin, &staff_booking)).await;
    if status != 201 {
        // Late in the evening the hour's slot may have ended; the rest was shown above.
        assert!(now.format("%H:%M").to_string().as_str() >= "23:00", "{booked}");
        return;
    }
    let reception = booked["booking"]["reception_number"].as_str().unwrap_or_default().to_owned();
    assert_eq!(card(&app, &clerk, "A1B000030").await["status"], "booked");
    assert_eq!(
        send(app.request(Method::POST, &format!("/api/v1/bookings/{reception}/check-in")).bearer_auth(&clerk)).await.0,
        200
    );
    let waiting = card(&app, &clerk, "A1B000030").await;
    assert_eq!(waiting["status"], "booked", "checked in is not handed over: the clerk checks the ID first");
    let (status, handed) = step(&app, &clerk, &waiting, json!({ "step": "hand_over" })).await;
    assert_eq!((status, &handed["card"]["status"]), (200, &json!("handed_over")), "{handed}");
    assert_eq!(handed["card"]["handed_over_on"], json!(now.date_naive().to_string()));
}

async fn only_the_ledger_desk_reaches_the_ledger(app: TestApp) {
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    assert_eq!(problem(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&clerk)).await.0, 403);
    assert_eq!(problem(app.get("/api/v1/ledger/cards", &clerk)).await.0, 403);
    let admin = app.admin_token().await;
    assert_eq!(send(app.get("/api/v1/ledger/cards", &admin)).await.0, 200);
    // Another municipality's batch is not found from here.
    let batch = new_batch(&app, &ledger_clerk(&app).await).await;
    app.create_tenant("minato", "131032", "港区").await;
    let other = app.token("minato", "admin", DEMO_PASSWORD).await;
    assert_eq!(problem(app.get(&format!("/api/v1/ledger/scan-batches/{batch}"), &other)).await.0, 404);
    // Nor any of its cards, by search, by ID, in bulk, in an export or on paper.
    let demo_card =
        send(app.get("/api/v1/ledger/cards?management_number=K01000001", &admin)).await.1["items"][0].clone();
    let id = demo_card["id"].as_str().unwrap_or_default();
    assert_eq!(
        send(app.get("/api/v1/ledger/cards", &other)).await.1["total"],
        0,
        "the demo ledger's cards stay in デモ市"
    );
    assert_eq!(problem(app.get(&format!("/api/v1/ledger/cards/{id}"), &other)).await.0, 404);
    assert_eq!(problem(app.get(&format!("/api/v1/ledger/cards/{id}/receipt"), &other)).await.0, 404);
    let (status, code, _) = problem(app.post(
        "/api/v1/ledger/cards/bulk-steps",
        &other,
        &json!({ "step": "inspect", "on_date": "2026-11-24", "ids": [id] }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "another city's card is not there to move");
    let export = app
        .get("/api/v1/ledger/cards/export?encoding=utf-8&columns=management_number", &other)
        .send()
        .await
        .map(|r| r.status().as_u16());
    assert_eq!(export.ok(), Some(200));
    let text = app
        .get("/api/v1/ledger/cards/export?encoding=utf-8&columns=management_number", &other)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .text()
        .await
        .unwrap_or_default();
    assert_eq!(text.trim_start_matches('\u{feff}').lines().count(), 1, "the header only: {text}");
    // The same management number is another municipality's own business.
    let theirs = new_batch(&app, &other).await;
    let (status, body) =
        scan(&app, &other, &theirs, &format!("K01000001,{:023},1,港 太郎,19800101,1,港区芝公園4-2-8,1,1,1,1", 1)).await;
    assert_eq!(status, 201, "{body}");
}
