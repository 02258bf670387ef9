//! A clerk types the everyday form of a kanji and finds the name as its owner writes it
//! (高 finds 髙, 崎 finds 﨑, 辺 finds 邊 and 邉), in bookings, in the ledger and in the
//! address list; a card read from a QR code, which carries no reading, is found by
//! kana through the address list.

use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{book, demo, ordinary_weekday, person, request, today};
use crate::helpers::{DEMO_PASSWORD, TestApp, send};
use crate::on_both_engines;

on_both_engines!(
    a_booking_is_found_by_the_everyday_form_of_its_kanji,
    a_card_is_found_by_variant_kanji_and_by_the_reading_of_its_person,
);

fn names(page: &Value, pick: impl Fn(&Value) -> &Value) -> Vec<String> {
    let mut found: Vec<String> = page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| pick(item).as_str().unwrap_or_default().to_owned())
        .collect();
    found.sort();
    found
}

async fn a_booking_is_found_by_the_everyday_form_of_its_kanji(app: TestApp) {
    let demo = demo(&app).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    for (serial, name) in [(1, "髙橋 﨑子"), (2, "渡邉 一郎"), (3, "山埼 次郎")] {
        let body = request(
            &demo,
            &format!("{day}T10:00:00+09:00"),
            vec![person(&format!("V1V{serial:06}"), name, "1970-01-01")],
            &format!("0311111{serial:03}"),
        );
        assert_eq!(book(&app, &body).await.0, 201);
    }
    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    let found = |name: &'static str| {
        let (app, clerk) = (&app, clerk.clone());
        async move {
            let (status, page) =
                send(app.get(&format!("/api/v1/bookings?from={day}&to={day}&name={name}"), &clerk)).await;
            assert_eq!(status, 200, "{page}");
            names(&page, |b| &b["applicants"][0]["name"])
        }
    };
    assert_eq!(found("高橋").await, ["髙橋 﨑子"], "高 finds 髙");
    assert_eq!(found("高橋崎子").await, ["髙橋 﨑子"], "崎 finds 﨑 in the same name");
    assert_eq!(found("渡辺").await, ["渡邉 一郎"], "辺 finds 邉");
    assert_eq!(found("山崎").await, Vec::<String>::new(), "埼 is another name than 崎");

    // A caller who gives a phone number or a birth date instead of a name.
    let by = |query: String| {
        let (app, clerk) = (&app, clerk.clone());
        async move {
            let (status, page) = send(app.get(&format!("/api/v1/bookings?from={day}&to={day}&{query}"), &clerk)).await;
            assert_eq!(status, 200, "{page}");
            names(&page, |b| &b["applicants"][0]["name"])
        }
    };
    assert_eq!(by("phone=０３－１１１１－１００２".to_owned()).await, ["渡邉 一郎"]);
    assert_eq!(by("birth_date=昭和45年1月1日".to_owned()).await.len(), 3);
    assert_eq!(by("birth_date=S45.1.2".to_owned()).await, Vec::<String>::new());
    let (status, _) = send(app.get("/api/v1/bookings?phone=12", &clerk)).await;
    assert_eq!(status, 422, "a phone that cannot be one is named");
}

async fn a_card_is_found_by_variant_kanji_and_by_the_reading_of_its_person(app: TestApp) {
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, batch) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&token)).await;
    assert_eq!(status, 201);
    let batch = batch["id"].as_str().unwrap_or_default().to_owned();
    let payload = format!("W1W-000001,{:023},1,渡邊 花子,19800202,2,デモ市中央一丁目1番1号,1,1,1,1", 7);
    let (status, scanned) =
        send(app.post(&format!("/api/v1/ledger/scan-batches/{batch}/scans"), &token, &json!({ "payload": payload })))
            .await;
    assert_eq!(status, 201, "{scanned}");
    assert_eq!(
        send(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/commit")).bearer_auth(&token))
            .await
            .0,
        200
    );
    let search = |query: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            let (status, page) = send(app.get(&format!("/api/v1/ledger/cards?{query}"), &token)).await;
            assert_eq!(status, 200, "{page}");
            names(&page, |c| &c["name"])
        }
    };
    assert_eq!(search("name=渡辺").await, ["渡邉 恵美", "渡邊 花子"], "辺 finds 邊 and 邉 (a demo card) in the ledger");
    assert_eq!(search("name=ワタナベ").await, ["渡邉 恵美"], "the demo card has its reading; the QR code gave none");

    let people = "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,製造管理番号\r\n\
        0101,渡邊 花子,ワタナベ ハナコ,1980-02-02,女,,デモ市中央一丁目1番1号,W1W000001\r\n";
    let (status, report) = send(
        app.request(Method::POST, "/api/v1/ledger/imports/people")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(people),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        search("name=ワタナベ").await,
        ["渡邉 恵美", "渡邊 花子"],
        "the address list gives the card its reading"
    );
    let (_, found) = send(app.get("/api/v1/ledger/people?name=渡辺", &token)).await;
    assert_eq!(found[0]["name"], "渡邊 花子", "the person look-up finds variants too");
}
