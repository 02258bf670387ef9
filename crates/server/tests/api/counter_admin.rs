//! Administrators set up counters: locations, procedures, pools, closures.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{book, demo, number, ordinary_weekday, person, request, today};
use crate::helpers::{TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_administrator_opens_a_new_branch_and_residents_can_book_there,
    changes_that_would_strand_bookings_are_refused_with_the_list,
    the_call_center_reads_the_counters_while_the_residents_site_is_closed,
);

fn id(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

async fn an_administrator_opens_a_new_branch_and_residents_can_book_there(app: TestApp) {
    let admin = app.admin_token().await;
    let (status, branch) = send(app.post(
        "/api/v1/admin/locations",
        &admin,
        &json!({ "name": "南支所", "address": "デモ市南町1-1", "sort_order": 3 }),
    ))
    .await;
    assert_eq!(status, 201, "{branch}");
    let (status, code, _) = problem(app.post("/api/v1/admin/locations", &admin, &json!({ "name": "南支所" }))).await;
    assert_eq!((status, code.as_str()), (409, "location.name_taken"));

    let fields = json!({ "management_number": "hidden", "name": "required", "name_kana": "required", "birth_date": "required", "address": "hidden", "phone": "hidden", "email": "hidden" });
    let (status, code, body) = problem(app.post(
        "/api/v1/admin/procedures",
        &admin,
        &json!({ "name": "", "kind": "certificate", "fields": fields, "max_applicants": 0 }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let named: Vec<String> = field_errors(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(named, ["name", "max_applicants", "fields"], "a procedure must reach the resident by phone or mail");

    let mut fields = fields;
    fields["phone"] = json!("required");
    let (status, procedure) = send(app.post("/api/v1/admin/procedures", &admin, &json!({ "name": "暗証番号の再設定", "kind": "other", "description": "暗証番号を忘れた方", "what_to_bring": "マイナンバーカード\n本人確認書類", "fields": fields, "max_applicants": 1 }))).await;
    assert_eq!(status, 201, "{procedure}");
    let (status, pool) = send(app.post(
        "/api/v1/admin/pools",
        &admin,
        &json!({ "location_id": branch["id"], "name": "窓口", "procedure_ids": [procedure] }),
    ))
    .await;
    assert_eq!(status, 201, "{pool}");
    let week = json!({ "plan": { "bands": ["09:00-12:00"], "slot_minutes": 60, "places": 2 } });
    for weekday in 0..5 {
        let (status, body) = send(
            app.request(Method::PUT, &format!("/api/v1/admin/pools/{}/weekdays/{weekday}", id(&pool)))
                .bearer_auth(&admin)
                .json(&week),
        )
        .await;
        assert_eq!(status, 204, "{body}");
    }

    let (_, locations) = send(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    assert!(locations.as_array().is_some_and(|l| l.iter().any(|l| l["name"] == "南支所")), "{locations}");
    let day = ordinary_weekday(today() + Duration::days(2));
    let (_, free) = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={}&procedure_id={}&from={day}&to={day}",
            id(&branch["id"]),
            id(&procedure)
        ),
    ))
    .await;
    let starts: Vec<&str> =
        free["days"][0]["slots"].as_array().into_iter().flatten().filter_map(|s| s["start"].as_str()).collect();
    assert_eq!(starts.len(), 3, "{free}");
    let booking = json!({ "location_id": branch["id"], "procedure_id": procedure, "start": starts[0], "applicants": [{ "name": "南 一郎", "name_kana": "ミナミ イチロウ", "birth_date": "1970-07-07" }], "phone": "0311112222" });
    let (status, created) = book(&app, &booking).await;
    assert_eq!(status, 201, "{created}");

    let (_, listed) = send(app.get("/api/v1/admin/procedures", &admin)).await;
    let ours = listed.as_array().into_iter().flatten().find(|p| p["id"] == procedure).cloned().unwrap_or_default();
    assert_eq!(ours["fields"]["phone"], "required");
    assert_eq!(ours["what_to_bring"], "マイナンバーカード\n本人確認書類");
    let (_, public) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    let offered = public.as_array().into_iter().flatten().find(|p| p["id"] == procedure).cloned().unwrap_or_default();
    assert_eq!(
        offered["what_to_bring"], "マイナンバーカード\n本人確認書類",
        "residents see the list the municipality wrote"
    );
    let (status, code, body) = problem(app.post(
        "/api/v1/admin/procedures",
        &admin,
        &json!({ "name": "長い持ち物", "kind": "other", "what_to_bring": "あ".repeat(1001), "fields": fields, "max_applicants": 1 }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    assert_eq!(field_errors(&body)[0].0, "what_to_bring");
}

async fn changes_that_would_strand_bookings_are_refused_with_the_list(app: TestApp) {
    let demo = demo(&app).await;
    let admin = app.admin_token().await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let (status, created) = book(
        &app,
        &request(
            &demo,
            &format!("{day}T10:00:00+09:00"),
            vec![person(&number(51), "閉庁 日子", "1980-08-08")],
            "0312345678",
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let reception = id(&created["reception_number"]);

    let (status, code, body) = problem(
        app.request(Method::PUT, &format!("/api/v1/admin/closures/{day}"))
            .bearer_auth(&admin)
            .json(&json!({ "reason": "庁舎点検" })),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "schedule.strands_bookings"));
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.starts_with(&reception)), "{body}");

    let quiet = ordinary_weekday(day + Duration::days(1));
    let (status, _) = send(
        app.request(Method::PUT, &format!("/api/v1/admin/closures/{quiet}"))
            .bearer_auth(&admin)
            .json(&json!({ "reason": "庁舎点検" })),
    )
    .await;
    assert_eq!(status, 204);
    let (_, closures) = send(app.get("/api/v1/admin/closures", &admin)).await;
    assert_eq!(closures, json!([{ "date": quiet, "reason": "庁舎点検" }]));
    let (_, free) = send(app.request(
        Method::GET,
        &format!(
            "/api/v1/public/demo/availability?location_id={}&procedure_id={}&from={quiet}&to={quiet}",
            demo.main, demo.issuance
        ),
    ))
    .await;
    assert_eq!(free["days"][0]["slots"], json!([]), "closed for residents");

    let (_, locations) = send(app.get("/api/v1/admin/locations", &admin)).await;
    let main = locations.as_array().into_iter().flatten().find(|l| l["name"] == "本庁舎").cloned().unwrap_or_default();
    let hide = json!({ "name": "本庁舎", "address": main["address"], "sort_order": 1, "version": main["version"], "active": false });
    let (status, code, _) =
        problem(app.patch(&format!("/api/v1/admin/locations/{}", id(&main["id"])), &admin, &hide)).await;
    assert_eq!((status, code.as_str()), (422, "location.has_bookings"));
    let stale = json!({ "name": "本庁舎（新）", "address": "", "version": 0 });
    let (status, code, _) =
        problem(app.patch(&format!("/api/v1/admin/locations/{}", id(&main["id"])), &admin, &stale)).await;
    assert_eq!((status, code.as_str()), (409, "location.changed_meanwhile"));

    let (_, pools) = send(app.get("/api/v1/admin/pools", &admin)).await;
    let pool = pools
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["location_id"] == demo.main.as_str())
        .cloned()
        .unwrap_or_default();
    let others: Vec<Value> = pool["procedure_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p.as_str() != Some(demo.issuance.as_str()))
        .cloned()
        .collect();
    let (status, code, _) = problem(
        app.request(Method::PUT, &format!("/api/v1/admin/pools/{}/procedures", id(&pool["id"])))
            .bearer_auth(&admin)
            .json(&json!({ "procedure_ids": others })),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "pool.procedure_has_bookings"), "issuance has a booking to come");
}

async fn the_call_center_reads_the_counters_while_the_residents_site_is_closed(app: TestApp) {
    let admin = app.admin_token().await;
    send(app.patch("/api/v1/admin/settings", &admin, &json!({"site_public": false, "closed_message": "保守中"}))).await;
    send(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&{
        let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
        rules["pii_free"] = json!(true);
        rules
    }))
    .await;
    assert_eq!(
        problem(app.request(Method::GET, "/api/v1/public/demo/procedures")).await.0,
        503,
        "residents see the site closed"
    );

    let clerk = app.token("demo", "callcenter", crate::helpers::DEMO_PASSWORD).await;
    let (status, locations) = send(app.get("/api/v1/admin/locations", &clerk)).await;
    assert_eq!(status, 200, "{locations}");
    let main = locations
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["name"] == "本庁舎")
        .map(|l| id(&l["id"]))
        .unwrap_or_default();
    let (status, procedures) = send(app.get("/api/v1/admin/procedures", &clerk)).await;
    assert_eq!(status, 200, "{procedures}");
    let application = procedures
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "マイナンバーカード申請")
        .cloned()
        .unwrap_or_default();
    assert_eq!(application["location_ids"], json!([main]), "offered at 本庁舎 only");
    assert_eq!(
        (&application["fields"]["name"], &application["asked"]["name"]),
        (&json!("required"), &json!("hidden")),
        "PII-free mode asks no name"
    );
    assert_eq!(
        problem(app.post("/api/v1/admin/locations", &clerk, &json!({"name": "x", "address": "", "sort_order": 9})))
            .await
            .0,
        403,
        "reading is not writing"
    );
}
