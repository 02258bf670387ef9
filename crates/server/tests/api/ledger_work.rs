//! The ledger desk's work on many cards: imports with their previews and refusals,
//! the renewal list's reconciliation, the postal dictionary and address lists, bulk
//! dates, exports, edits, deletions and storage boxes.

use encoding_rs::SHIFT_JIS;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{DEMO_PASSWORD, Engine, TestApp, field_errors, problem, send};
use crate::on_both_engines;

on_both_engines!(
    an_issuance_csv_in_cp932_with_a_bad_line_applies_nothing_and_names_it,
    a_file_of_bad_lines_lists_the_first_thousand_faults_and_counts_them_all,
    a_legacy_ledger_enters_each_card_where_its_dates_say,
    the_renewal_list_is_reconciled_into_its_four_categories,
    ken_all_split_rows_are_joined_and_fill_the_address_list,
    a_bulk_date_moves_every_card_or_none,
    an_export_carries_the_filtered_cards_and_the_chosen_columns,
    a_card_is_edited_moved_to_a_box_and_deleted_with_a_reason,
);

crate::with_each_engine!(a_second_large_upload_waits_its_turn_and_is_told_when_to_come_back);

async fn clerk(app: &TestApp) -> String {
    app.token("demo", "ledger", DEMO_PASSWORD).await
}

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    assert!(!unmappable, "the fixture must be CP932");
    bytes.into_owned()
}

async fn upload(app: &TestApp, token: &str, path: &str, body: Vec<u8>) -> (u16, Value) {
    send(app.request(Method::POST, path).bearer_auth(token).header("content-type", "text/csv").body(body)).await
}

async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, page) = send(app.get(&format!("/api/v1/ledger/cards?{query}"), token)).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn numbers(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c["management_number"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// An issuance list of `count` cards numbered from `first`, as the 統合端末 writes it.
fn issuance_csv(first: u32, count: u32) -> String {
    let mut text = "製造管理番号,申請書ID,氏名,氏名カナ,生年月日,性別,交付方式,種別,端末\r\n".to_owned();
    for serial in first..first + count {
        text.push_str(&format!(
            "A1B{serial:06},{:023},髙橋 﨑子{serial},タカハシ サキコ,昭和50年4月{}日,2,交付時来庁,新規,T1\r\n",
            u64::from(serial) * 7,
            serial % 28 + 1
        ));
    }
    text
}

async fn import_issuance(app: &TestApp, token: &str, first: u32, count: u32) {
    let (status, report) =
        upload(app, token, "/api/v1/ledger/imports/issuance", sjis(&issuance_csv(first, count))).await;
    assert_eq!(status, 200, "{report}");
}

/// 5,000 lines with a misprinted number each: the answer names the first 1,000 and
/// says how many there are, rather than growing with the file.
async fn a_file_of_bad_lines_lists_the_first_thousand_faults_and_counts_them_all(app: TestApp) {
    let token = clerk(&app).await;
    let mut text = "製造管理番号,氏名,生年月日\r\n".to_owned();
    for serial in 0..5_000 {
        text.push_str(&format!("X{serial:07},誤記 太郎,昭和50年4月1日\r\n"));
    }
    let (status, problem) = upload(&app, &token, "/api/v1/ledger/imports/issuance", sjis(&text)).await;
    assert_eq!((status, &problem["code"]), (422, &json!("import.invalid")));
    let listed = problem["errors"].as_array().map_or(0, Vec::len);
    assert_eq!((listed, &problem["errors_total"]), (1_000, &json!(5_000)), "{}", problem["detail"]);
    assert_eq!(problem["errors"][999]["line"], 1_001, "the first thousand, in order");
    assert_eq!(search(&app, &token, "name=誤記").await["total"], 0, "nothing applied");
}

async fn an_issuance_csv_in_cp932_with_a_bad_line_applies_nothing_and_names_it(app: TestApp) {
    let token = clerk(&app).await;
    let good = issuance_csv(1, 3);
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/issuance?dry_run=true", sjis(&good)).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (&report["encoding"], &report["cards"], &report["applied"]),
        (&json!("cp932"), &json!(3), &json!(false))
    );
    assert_eq!(report["preview"][0]["name"], "髙橋 﨑子1", "旧字体 read from CP932");
    assert_eq!(search(&app, &token, "name=髙橋").await["total"], 0, "a dry run registers nothing");

    let bad = format!("{good}A1B99,1,名前,,昭和99年1月1日,2,1,1,T1\r\n");
    let (status, code, body) = problem(
        app.request(Method::POST, "/api/v1/ledger/imports/issuance")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(sjis(&bad)),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "import.invalid"));
    let lines: Vec<(u64, String)> = body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["line"].as_u64().unwrap_or(0), e["field"].as_str().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(
        lines,
        [(5, "birth_date".to_owned()), (5, "management_number".to_owned()), (5, "application_id".to_owned())]
    );
    assert_eq!(search(&app, &token, "name=髙橋").await["total"], 0, "nothing of the good lines either");

    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/issuance", sjis(&good)).await;
    assert_eq!((status, &report["cards"]), (200, &json!(3)), "{report}");
    let found = search(&app, &token, "birth_date=昭和50年4月3日").await;
    assert_eq!((numbers(&found), &found["items"][0]["status"]), (vec!["A1B000002".to_owned()], &json!("received")));

    // The same file again: every line is a card registered already.
    let (status, code, body) = problem(
        app.request(Method::POST, "/api/v1/ledger/imports/issuance")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(sjis(&good)),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "import.invalid"));
    assert_eq!(field_errors(&body).iter().filter(|(_, c)| c == "ledger.duplicate_qr").count(), 3);

    let (status, code, _) = problem(
        app.request(Method::POST, "/api/v1/ledger/imports/issuance")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(Vec::new()),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "import.empty"));
    let (status, code, _) = problem(
        app.request(Method::POST, "/api/v1/ledger/imports/issuance")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body("氏名,生年月日\r\n山田,19750401\r\n"),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "import.invalid"), "no management number column");

    // A tenant whose 統合端末 names the column otherwise maps it.
    let (status, settings) = send(app.request(Method::PUT, "/api/v1/ledger/settings").bearer_auth(&token).json(
        &json!({ "qr_layout": "jlis-qr-v1", "column_mappings": { "issuance": { "management_number": "カード番号" } } }),
    ))
    .await;
    assert_eq!(status, 200, "{settings}");
    let (status, report) =
        upload(&app, &token, "/api/v1/ledger/imports/issuance", sjis("カード番号,氏名\r\nC9D000001,佐藤 花子\r\n"))
            .await;
    assert_eq!((status, &report["cards"]), (200, &json!(1)), "{report}");
}

async fn a_legacy_ledger_enters_each_card_where_its_dates_say(app: TestApp) {
    let token = clerk(&app).await;
    let text = "製造管理番号,氏名,生年月日,検品日,検品結果,交付前設定日,交付通知書発送日,交付日,廃止日,廃止理由,備考,保管場所\r\n\
        A1B000001,山田 太郎,19600101,2025/04/01,良品,2025/04/02,2025/04/03,,,,再来庁予定,\r\n\
        A1B000002,山田 花子,19620202,2025/04/01,良品,2025/04/02,2025/04/03,2025/04/20,,,,\r\n\
        A1B000003,山田 次郎,19900303,2025/04/01,転出,,,,2025/05/01,転出のため,,\r\n";
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/legacy", text.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{report}");
    let statuses: Vec<&str> =
        report["preview"].as_array().into_iter().flatten().filter_map(|c| c["status"].as_str()).collect();
    assert_eq!(statuses, ["notice_sent", "handed_over", "abolished"]);
    let first = search(&app, &token, "management_number=A1B000001").await["items"][0].clone();
    assert_eq!(
        (&first["notice_sent_on"], &first["notes"], &first["inspection_result"]),
        (&json!("2025-04-03"), &json!("再来庁予定"), &json!("ok"))
    );
    let (_, details) =
        send(app.get(&format!("/api/v1/ledger/cards/{}", first["id"].as_str().unwrap_or_default()), &token)).await;
    assert_eq!(details["history"][0]["action"], "imported", "the history says where it came from");
    // A card it brought on its way can go on: the notice was sent, the card can be handed over.
    let (status, body) = send(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", first["id"].as_str().unwrap_or_default()),
        &token,
        &json!({ "step": "hand_over", "version": first["version"] }),
    ))
    .await;
    assert_eq!((status, &body["card"]["status"]), (200, &json!("handed_over")), "{body}");
}

async fn the_renewal_list_is_reconciled_into_its_four_categories(app: TestApp) {
    let token = clerk(&app).await;
    let legacy = "製造管理番号,生年月日,種別,検品日,交付前設定日,交付通知書発送日,交付日,廃止日,廃止理由\r\n\
        A1B000001,19600101,新規,2025/04/01,2025/04/02,2025/04/03,2025/04/20,,\r\n\
        A1B000002,19620202,新規,2025/04/01,,,,2025/05/01,紛失\r\n\
        A1B000003,19700303,更新,2025/04/01,2025/04/02,2025/04/03,,,\r\n\
        A1B000004,19800404,新規,2025/04/01,2025/04/02,2025/04/03,2025/04/20,,\r\n";
    assert_eq!(upload(&app, &token, "/api/v1/ledger/imports/legacy", legacy.as_bytes().to_vec()).await.0, 200);
    let list = "製造管理番号,氏名,生年月日,電子証明書有効期限\r\nA1B000001,山田 太郎,19600101,2026/12/31\r\nA1B000002,山田 花子,19620202,2026/12/31\r\nZ9Z999999,不明 太郎,19500505,2026/12/31\r\nA1B000004,別人,19811111,2026/12/31\r\n";
    let (status, dry) =
        upload(&app, &token, "/api/v1/ledger/imports/renewal-list?dry_run=true", list.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(search(&app, &token, "renewal_check=matched").await["total"], 0, "a dry run flags nothing");
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/renewal-list", list.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        [&report["listed"], &report["matched"], &report["conflict"], &report["not_in_ledger"], &report["not_on_list"]],
        [&json!(4), &json!(1), &json!(2), &json!(1), &json!(1)],
        "{report}"
    );
    let verdict = |number: &str| {
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["management_number"] == number)
            .map(|f| f["verdict"].as_str().unwrap_or_default().to_owned())
    };
    assert_eq!(verdict("A1B000001").as_deref(), Some("matched"));
    assert_eq!(verdict("A1B000002").as_deref(), Some("conflict"), "abolished in the ledger");
    assert_eq!(verdict("A1B000004").as_deref(), Some("conflict"), "another birth date");
    assert_eq!(verdict("Z9Z999999").as_deref(), Some("not_in_ledger"));
    assert_eq!(verdict("A1B000003").as_deref(), Some("not_on_list"), "a renewal card waiting, not on the list");
    assert_eq!(
        numbers(&search(&app, &token, "renewal_check=conflict").await),
        ["A1B000002", "A1B000004"],
        "each card carries its flag"
    );
    assert_eq!(numbers(&search(&app, &token, "renewal_check=not_on_list").await), ["A1B000003"]);
    // Each finding links to its card, but the one the ledger does not have.
    let link = |number: &str| {
        report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["management_number"] == number)
            .map(|f| f["card_id"].clone())
    };
    let card = search(&app, &token, "management_number=A1B000003").await["items"][0].clone();
    assert_eq!(link("A1B000003"), Some(card["id"].clone()));
    assert_eq!(link("Z9Z999999"), Some(Value::Null));
}

async fn ken_all_split_rows_are_joined_and_fill_the_address_list(app: TestApp) {
    let token = clerk(&app).await;
    assert_eq!(send(app.get("/api/v1/ledger/postal-codes", &token)).await.1["entries"], 0, "no dictionary yet");
    // Japan Post's sample (CP932, CR LF) and, written in by hand, a town split over three rows.
    let mut dictionary = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ken_all_sample.sjis.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
    dictionary.extend(sjis(concat!(
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"協和（８８－２、２７１－１０、３４３－２、４０４－１、４２７－\",0,0,0,0,0,0\r\n",
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"３、４３１－１２、４４３－６、６０８－２、６４１－８、８１４、８４２－\",0,0,0,0,0,0\r\n",
        "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ\",\"北海道\",\"千歳市\",\"５、１１３７－３、１３９２、１６５７、１７５２番地）\",0,0,0,0,0,0\r\n",
    )));
    let (status, report) = upload(&app, &token, "/api/v1/ledger/postal-codes", dictionary).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (&report["entries"], &report["encoding"]),
        (&json!(206), &json!("cp932")),
        "205 rows, and three rows joined into one"
    );
    assert_eq!(send(app.get("/api/v1/ledger/postal-codes", &token)).await.1["entries"], 206);
    let lookup = |address: &str| app.get(&format!("/api/v1/ledger/postal-codes/lookup?address={address}"), &token);
    assert_eq!(send(lookup("北海道千歳市協和８８－２")).await.1["postal_code"], "066-0005");
    assert_eq!(send(lookup("八戸市類家一丁目")).await.1["postal_code"], "031-0001");
    assert_eq!(
        send(lookup("青森県八戸市櫛引字館")).await.1["postal_code"],
        "031-0007",
        "the note （土橋） dropped from the town"
    );

    import_issuance(&app, &token, 1, 1).await;
    let people = "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,製造管理番号\r\n\
        0001,山﨑 太郎,ヤマサキ タロウ,昭和50年4月2日,男,,青森県八戸市類家二丁目3-4,A1B000001\r\n\
        0002,髙木 花子,タカギ ハナコ,1980-02-02,女,202-0001,東京都西東京市ひばりが丘1-1,\r\n\
        0003,宛先 不明,アテサキ フメイ,,,,東京都港区芝公園4-2-8,\r\n";
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/people", people.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (&report["people"], &report["postal_codes_filled"], &report["postal_codes_missing"], &report["cards_linked"]),
        (&json!(3), &json!(1), &json!([4]), &json!(1))
    );
    let (status, found) = send(app.get("/api/v1/ledger/people?name=ヤマサキ", &token)).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(
        (&found[0]["name"], &found[0]["postal_code"], &found[0]["sex"]),
        (&json!("山﨑 太郎"), &json!("031-0001"), &json!("1"))
    );
    let (_, by_birth) = send(app.get("/api/v1/ledger/people?birth_date=S55.2.2", &token)).await;
    assert_eq!(by_birth[0]["name"], "髙木 花子");
    let (status, code, _) = problem(app.get("/api/v1/ledger/people", &token)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let card = search(&app, &token, "management_number=A1B000001").await["items"][0].clone();
    assert_eq!(card["person_id"], found[0]["id"], "the card knows its person");

    // The next month's list: the same person moved, this time without the card's number.
    let next = "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,製造管理番号\r\n\
        0001,山﨑 太郎,ヤマサキ タロウ,昭和50年4月2日,男,,青森県八戸市櫛引字館1,\r\n";
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/people", next.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{report}");
    let (_, moved) = send(app.get("/api/v1/ledger/people?name=ヤマサキ", &token)).await;
    assert_eq!(
        (&moved[0]["id"], &moved[0]["postal_code"]),
        (&found[0]["id"], &json!("031-0007")),
        "the person keeps their id and gets the new address"
    );
    let card = search(&app, &token, "management_number=A1B000001").await["items"][0].clone();
    assert_eq!(card["person_id"], found[0]["id"], "the card still finds its person");
}

async fn a_bulk_date_moves_every_card_or_none(app: TestApp) {
    let token = clerk(&app).await;
    import_issuance(&app, &token, 1, 5).await;
    let (status, result) = send(app.post(
        "/api/v1/ledger/cards/bulk-steps",
        &token,
        &json!({ "step": "inspect", "on_date": "2026-12-02", "filter": { "status": "received", "name": "髙橋" } }),
    ))
    .await;
    assert_eq!((status, &result["moved"]), (200, &json!(5)), "{result}");
    let page =
        search(&app, &token, "status=inspected&date_field=inspected_on&date_from=2026-12-01&date_to=2026-12-31").await;
    assert_eq!(page["total"], 5);

    // Set up four of them, one by one as the 交付前設定 is done.
    for card in page["items"].as_array().into_iter().flatten().take(4) {
        let (status, body) = send(app.post(
            &format!("/api/v1/ledger/cards/{}/steps", card["id"].as_str().unwrap_or_default()),
            &token,
            &json!({ "step": "set_up", "version": card["version"] }),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
    }
    // 交付通知書発送日 for all five: the fifth is not set up, so none moves.
    let ids: Vec<Value> = page["items"].as_array().into_iter().flatten().map(|c| c["id"].clone()).collect();
    let (status, code, body) = problem(app.post(
        "/api/v1/ledger/cards/bulk-steps",
        &token,
        &json!({ "step": "send_notice", "on_date": "2026-11-05", "ids": ids }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (409, "ledger.invalid_transition"));
    assert_eq!(
        field_errors(&body),
        [("cards.A1B000005".to_owned(), "ledger.invalid_transition".to_owned())],
        "the card that cannot move is named"
    );
    assert_eq!(search(&app, &token, "status=notice_sent&name=髙橋").await["total"], 0, "nothing changed");

    let (status, result) = send(app.post(
        "/api/v1/ledger/cards/bulk-steps",
        &token,
        &json!({ "step": "send_notice", "on_date": "2026-11-05", "ids": ids[..4] }),
    ))
    .await;
    assert_eq!((status, &result["moved"]), (200, &json!(4)), "{result}");
    let (_, details) =
        send(app.get(&format!("/api/v1/ledger/cards/{}", ids[0].as_str().unwrap_or_default()), &token)).await;
    let last = details["history"]
        .as_array()
        .and_then(|h| h.iter().find(|e| e["action"] == "send_notice"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&last["from_status"], &last["to_status"], &last["on_date"], &last["actor"]),
        (&json!("set_up"), &json!("notice_sent"), &json!("2026-11-05"), &json!("ledger")),
        "each card's history shows the step: {details}"
    );
    // A wrong date is corrected by the same action.
    let (status, result) = send(app.post("/api/v1/ledger/cards/bulk-steps", &token, &json!({ "step": "send_notice", "on_date": "2026-11-06", "filter": { "status": "notice_sent", "name": "髙橋" } }))).await;
    assert_eq!((status, &result["corrected"]), (200, &json!(4)), "{result}");
    assert_eq!(
        search(&app, &token, "date_field=notice_sent_on&date_from=2026-11-06&date_to=2026-11-06").await["total"],
        4
    );

    let (status, code, body) = problem(app.post(
        "/api/v1/ledger/cards/bulk-steps",
        &token,
        &json!({ "step": "book", "on_date": "2026-11-05", "ids": [] }),
    ))
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "{body}");
}

async fn an_export_carries_the_filtered_cards_and_the_chosen_columns(app: TestApp) {
    let token = clerk(&app).await;
    import_issuance(&app, &token, 1, 4).await;
    let response = app
        .get(
            "/api/v1/ledger/cards/export?birth_date=1975-04-03&columns=management_number,name,birth_date,status",
            &token,
        )
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").contains("Shift_JIS"));
    let bytes = response.bytes().await.unwrap_or_default();
    let (text, _, _) = SHIFT_JIS.decode(&bytes);
    assert_eq!(text, "製造管理番号,氏名,生年月日,状態\r\nA1B000002,髙橋 﨑子2,1975/04/03,納品済\r\n");

    let utf8 = app
        .get("/api/v1/ledger/cards/export?kind=new&name=髙橋&encoding=utf-8&columns=management_number", &token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text = utf8.text().await.unwrap_or_default();
    assert_eq!(text.trim_start_matches('\u{feff}').lines().count(), 5, "header and four cards: {text}");

    let (status, code, body) =
        problem(app.get("/api/v1/ledger/cards/export?columns=management_number,password", &token)).await;
    assert_eq!(
        (status, code.as_str(), field_errors(&body)),
        (422, "validation.failed", vec![("columns".to_owned(), "ledger.unknown_column".to_owned())])
    );
}

async fn a_card_is_edited_moved_to_a_box_and_deleted_with_a_reason(app: TestApp) {
    let token = clerk(&app).await;
    import_issuance(&app, &token, 1, 2).await;
    let card = search(&app, &token, "management_number=A1B000001").await["items"][0].clone();
    let id = card["id"].as_str().unwrap_or_default().to_owned();

    let (status, code, body) = problem(app.patch(
        &format!("/api/v1/ledger/cards/{id}"),
        &token,
        &json!({ "version": card["version"], "storage_location": "箱A-01" }),
    ))
    .await;
    assert_eq!(
        (status, code.as_str(), field_errors(&body)),
        (422, "validation.failed", vec![("storage_location".to_owned(), "ledger.unknown_storage".to_owned())])
    );
    let (status, created) = send(app.post(
        "/api/v1/ledger/storage-locations",
        &token,
        &json!({ "name": "箱A-01", "description": "窓口裏 棚1" }),
    ))
    .await;
    assert_eq!(status, 201, "{created}");
    let (status, code, _) =
        problem(app.post("/api/v1/ledger/storage-locations", &token, &json!({ "name": "箱A-01" }))).await;
    assert_eq!((status, code.as_str()), (409, "ledger.storage_exists"));

    let (status, edited) = send(app.patch(&format!("/api/v1/ledger/cards/{id}"), &token, &json!({ "version": card["version"], "notes": "本人来庁時に住所確認", "handover_notes": "代理人受取の可能性あり", "storage_location": "箱A-01", "postal_code": "０３１０００１" }))).await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        (&edited["card"]["notes"], &edited["card"]["postal_code"], &edited["card"]["storage_location"]),
        (&json!("本人来庁時に住所確認"), &json!("031-0001"), &json!("箱A-01"))
    );
    assert_eq!(edited["history"].as_array().and_then(|h| h.last()).map(|e| e["action"].clone()), Some(json!("edited")));
    let (status, code, _) = problem(app.patch(
        &format!("/api/v1/ledger/cards/{id}"),
        &token,
        &json!({ "version": card["version"], "notes": "古い版" }),
    ))
    .await;
    assert_eq!(
        (status, code.as_str()),
        (409, "ledger.changed_meanwhile"),
        "two clerks on one card: the second is told"
    );

    let other = search(&app, &token, "management_number=A1B000002").await["items"][0]["id"].clone();
    let (status, moved) =
        send(app.post("/api/v1/ledger/cards/move", &token, &json!({ "storage_location": "箱A-01", "ids": [other] })))
            .await;
    assert_eq!((status, &moved["moved"]), (200, &json!(1)), "{moved}");
    let (_, boxes) = send(app.get("/api/v1/ledger/storage-locations", &token)).await;
    assert_eq!((&boxes[0]["name"], &boxes[0]["cards"]), (&json!("箱A-01"), &json!(2)));
    assert_eq!(search(&app, &token, "storage_location=箱A-01").await["total"], 2, "the box's cards");
    let box_id = boxes[0]["id"].as_str().unwrap_or_default().to_owned();
    let (status, code, _) = problem(app.delete(&format!("/api/v1/ledger/storage-locations/{box_id}"), &token)).await;
    assert_eq!((status, code.as_str()), (409, "ledger.storage_not_empty"));

    let version = edited["card"]["version"].clone();
    let (status, code, _) = problem(
        app.request(Method::DELETE, &format!("/api/v1/ledger/cards/{id}"))
            .bearer_auth(&token)
            .json(&json!({ "version": version, "reason": " " })),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"), "a reason is needed");
    let response = app
        .request(Method::DELETE, &format!("/api/v1/ledger/cards/{id}"))
        .bearer_auth(&token)
        .json(&json!({ "version": version, "reason": "二重登録" }))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 204);
    assert_eq!(search(&app, &token, "management_number=A1B000001").await["total"], 0);
    let admin = app.admin_token().await;
    let (_, log) = send(app.get("/api/v1/admin/audit-log?action=ledger.delete", &admin)).await;
    let entry = log["items"][0].clone();
    assert!(
        entry.to_string().contains("二重登録") && entry.to_string().contains("A1B000001"),
        "the audit log keeps the card and the reason: {log}"
    );
    // Deleted by mistake-registration, the card can be scanned again.
    let (status, batch) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&token)).await;
    assert_eq!(status, 201);
    let payload = format!("A1B000001,{:023},1,髙橋 﨑子1,19750402,2,,1,1,1,1", 7);
    let (status, scanned) = send(app.post(
        &format!("/api/v1/ledger/scan-batches/{}/scans", batch["id"].as_str().unwrap_or_default()),
        &token,
        &json!({ "payload": payload }),
    ))
    .await;
    assert_eq!(status, 201, "{scanned}");
}

/// One turn for large files on this node, no wait: while a clerk's issuance list is
/// still arriving, a colleague's upload is told to send again later instead of
/// holding a second file in memory; once the first is in, the next one goes through.
async fn a_second_large_upload_waits_its_turn_and_is_told_when_to_come_back(engine: Engine) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let Some(app) = TestApp::spawn_with(engine, |config| {
        config.heavy_requests = 1;
        config.heavy_wait = std::time::Duration::ZERO;
    })
    .await
    else {
        return;
    };
    let token = clerk(&app).await;
    let before = search(&app, &token, "").await["total"].as_u64().unwrap_or_default();
    let file = sjis(&issuance_csv(1, 3));
    let (head, rest) = file.split_at(file.len() / 2);

    // The first upload: its headers and half its body, the rest still on the way.
    let host = app.address.trim_start_matches("http://").to_owned();
    let request = format!(
        "POST /api/v1/ledger/imports/issuance HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: text/csv\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        file.len()
    );
    let arriving = || async {
        let mut slow = tokio::net::TcpStream::connect(&host).await.unwrap_or_else(|e| panic!("{e}"));
        slow.write_all(request.as_bytes()).await.unwrap_or_else(|e| panic!("{e}"));
        slow.write_all(head).await.unwrap_or_else(|e| panic!("{e}"));
        slow.flush().await.unwrap_or_else(|e| panic!("{e}"));
        slow
    };

    // The colleague's upload, until the first has its turn (the server reads headers
    // as they come; poll rather than guess when). Should the colleague's try hold the
    // turn at the very moment the first asks, the first is the one told to come back:
    // it answers at once, and it is sent again.
    let mut answer = None;
    'attempts: for _ in 0..10 {
        let slow = arriving().await;
        for _ in 0..500 {
            let response = app
                .request(Method::POST, "/api/v1/ledger/imports/issuance?dry_run=true")
                .bearer_auth(&token)
                .header("content-type", "text/csv")
                .body(sjis(&issuance_csv(10, 1)))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            if response.status() == 503 {
                answer = Some((slow, response));
                break 'attempts;
            }
            let mut peek = [0_u8; 1];
            let answered = tokio::time::timeout(std::time::Duration::from_millis(20), slow.peek(&mut peek)).await;
            if matches!(answered, Ok(Ok(n)) if n > 0) {
                continue 'attempts;
            }
        }
    }
    let (mut slow, busy) =
        answer.unwrap_or_else(|| panic!("a second upload went through while the first was arriving"));
    assert_eq!(busy.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
    let body: Value = busy.json().await.unwrap_or_default();
    assert_eq!(body["code"], "server.busy", "{body}");

    // The first upload's rest arrives: it is imported whole.
    slow.write_all(rest).await.unwrap_or_else(|e| panic!("{e}"));
    let mut reply = String::new();
    slow.read_to_string(&mut reply).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert_eq!(search(&app, &token, "").await["total"], before + 3);

    // Its turn given back, the colleague's file goes through.
    let (status, report) = upload(&app, &token, "/api/v1/ledger/imports/issuance", sjis(&issuance_csv(10, 1))).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(search(&app, &token, "").await["total"], before + 4);
}
