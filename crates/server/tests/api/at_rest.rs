//! Someone who copies the database (the SQLite file, a `pg_dump`) or the data folder
//! finds no one's name, reading, birth date, address, mail address, phone,
//! management number or booking password in it — in UTF-8, CP932, EUC-JP or UTF-16 —
//! while every feature still finds and shows them. Bookings written before sealing
//! began are sealed at the next start.

use std::path::Path;

use chrono::Duration;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::bookings::{book, demo, ordinary_weekday, today};
use crate::helpers::{DEMO_PASSWORD, Engine, TestApp, send};
use crate::with_each_engine;

with_each_engine!(
    a_booking_leaves_nothing_readable_in_the_database_or_the_data_folder,
    a_scanned_card_waits_in_its_batch_with_nothing_readable,
    bookings_stored_before_sealing_are_sealed_at_the_next_start_and_still_found,
    the_card_ledger_and_the_address_list_leave_nothing_readable_and_are_still_found,
    audit_entries_written_before_sealing_are_sealed_at_the_next_start_and_still_shown,
);

pub(crate) const NAME: &str = "髙橋 﨑子";
pub(crate) const KANA: &str = "タカハシ サキコ";
pub(crate) const BIRTH: &str = "1985-04-12";
pub(crate) const ADDRESS: &str = "東京都千代田区千代田1-1";
pub(crate) const EMAIL: &str = "taro@example.jp";
pub(crate) const PHONE: &str = "090-1234-5678";
pub(crate) const NUMBER: &str = "Q7Z246813";

/// Each value in the spellings a reader of raw bytes would try.
fn secrets(password: &str) -> Vec<&str> {
    vec![
        NAME,
        "髙橋",
        "﨑子",
        "高橋",
        KANA,
        "タカハシ",
        BIRTH,
        "19850412",
        "1985/04/12",
        ADDRESS,
        "千代田区千代田",
        EMAIL,
        PHONE,
        "09012345678",
        NUMBER,
        password,
    ]
}

fn encodings(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut forms = vec![("UTF-8", text.as_bytes().to_vec())];
    for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::EUC_JP] {
        let (bytes, _, unmappable) = encoding.encode(text);
        if !unmappable {
            forms.push((encoding.name(), bytes.into_owned()));
        }
    }
    forms.push(("UTF-16LE", text.encode_utf16().flat_map(u16::to_le_bytes).collect()));
    forms.push(("UTF-16BE", text.encode_utf16().flat_map(u16::to_be_bytes).collect()));
    forms
}

/// Every value found in `bytes`, with its encoding.
fn readable_in(bytes: &[u8], password: &str) -> Vec<String> {
    let mut found = Vec::new();
    for secret in secrets(password) {
        for (encoding, form) in encodings(secret) {
            if bytes.windows(form.len()).any(|w| w == form.as_slice()) {
                found.push(format!("{secret} ({encoding})"));
            }
        }
    }
    found
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// What the raw copies hold: each file of the data folder (the SQLite database among
/// them) and, on PostgreSQL, the database as `pg_dump` writes it.
fn raw_copies(app: &TestApp, engine: Engine) -> Vec<(String, Vec<u8>)> {
    let mut copies: Vec<(String, Vec<u8>)> = files_under(&app.config.data_dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect();
    if engine == Engine::Postgres {
        let name = app.config.database_url.rsplit('/').next().unwrap_or_default();
        let dump = std::process::Command::new("pg_dump")
            .args(["-h", "127.0.0.1", "-U", "postgres", "--no-owner", name])
            .output()
            .unwrap_or_else(|e| panic!("pg_dump: {e}"));
        assert!(dump.status.success(), "pg_dump: {}", String::from_utf8_lossy(&dump.stderr));
        assert!(dump.stdout.len() > 10_000, "the dump holds the database");
        copies.push(("pg_dump".to_owned(), dump.stdout));
    } else {
        assert!(copies.iter().any(|(path, _)| path.ends_with("madoguchi.db")), "the SQLite file is read");
    }
    copies
}

fn assert_nothing_readable(app: &TestApp, engine: Engine, password: &str) {
    for (copy, bytes) in raw_copies(app, engine) {
        let found = readable_in(&bytes, password);
        assert!(found.is_empty(), "{copy} shows {found:?}");
    }
}

pub(crate) async fn spawn(engine: Engine) -> Option<TestApp> {
    // Mails wait in the (sealed) outbox table instead of being written as files: the
    // data folder holds only what is kept at rest.
    TestApp::spawn_with(engine, |config| config.smtp_url = Some("smtp://127.0.0.1:9".to_owned())).await
}

/// Books for the person whose values the tests look for; returns the reception
/// number and the password.
pub(crate) async fn book_the_person(app: &TestApp) -> (String, String) {
    let demo = demo(app).await;
    let day = ordinary_weekday(today() + Duration::days(2));
    let body = json!({
        "location_id": demo.main,
        "procedure_id": demo.issuance,
        "start": format!("{day}T10:00:00+09:00"),
        "applicants": [{ "management_number": NUMBER, "name": NAME, "name_kana": KANA, "birth_date": BIRTH, "address": ADDRESS }],
        "phone": PHONE,
        "email": EMAIL,
    });
    let (status, created) = book(app, &body).await;
    assert_eq!(status, 201, "{created}");
    (
        created["reception_number"].as_str().unwrap_or_default().to_owned(),
        created["password"].as_str().unwrap_or_default().to_owned(),
    )
}

/// The names a clerk's search shows.
pub(crate) async fn clerk_finds(app: &TestApp, clerk: &str, query: &str) -> Vec<String> {
    let (status, page) = send(app.get(&format!("/api/v1/bookings?{query}"), clerk)).await;
    assert_eq!(status, 200, "{query}: {page}");
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["applicants"][0]["name"].as_str().map(str::to_owned))
        .collect()
}

/// `address`: what the booking holds (the issuance procedure does not ask for one).
pub(crate) async fn assert_every_feature_finds_the_person(
    app: &TestApp,
    reception: &str,
    password: &str,
    address: Option<&str>,
) {
    let (status, found) = send(
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup")
            .json(&json!({ "reception_number": reception, "password": password })),
    )
    .await;
    assert_eq!(status, 200, "{found}");
    let applicant = &found["details"]["applicants"][0];
    assert_eq!(applicant["name"], NAME, "{found}");
    assert_eq!(found["details"]["email"], EMAIL, "{found}");

    let clerk = app.token("demo", "callcenter", DEMO_PASSWORD).await;
    for query in [
        "name=高橋".to_owned(),
        "name=橋崎".to_owned(),
        "name=タカハシ".to_owned(),
        "name=たかはし さきこ".to_owned(),
        format!("birth_date={BIRTH}"),
        "birth_date=昭和60年4月12日".to_owned(),
        "phone=０９０１２３４５６７８".to_owned(),
        format!("management_number={NUMBER}"),
        format!("reception_number={reception}"),
    ] {
        assert_eq!(clerk_finds(app, &clerk, &query).await, [NAME], "{query}");
    }
    assert!(clerk_finds(app, &clerk, "name=高橋一").await.is_empty(), "a part the name does not hold");
    assert!(clerk_finds(app, &clerk, "birth_date=1985-04-13").await.is_empty());

    let (status, details) = send(app.get(&format!("/api/v1/bookings/{reception}"), &clerk)).await;
    assert_eq!(status, 200, "{details}");
    let shown: &Value = &details["booking"]["applicants"][0];
    assert_eq!(
        (shown["name_kana"].as_str(), shown["birth_date"].as_str(), shown["management_number"].as_str()),
        (Some(KANA), Some(BIRTH), Some(NUMBER)),
        "{details}"
    );
    assert_eq!(shown["address"].as_str(), address, "{details}");
    assert_eq!(details["booking"]["phone"], "09012345678", "{details}");
}

async fn a_booking_leaves_nothing_readable_in_the_database_or_the_data_folder(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let (reception, password) = book_the_person(&app).await;
    assert_nothing_readable(&app, engine, &password);
    assert_every_feature_finds_the_person(&app, &reception, &password, None).await;
    assert_nothing_readable(&app, engine, &password);

    // The same person cannot book the procedure twice: the rule holds on keyed hashes.
    let (status, again) = book_the_person_again(&app).await;
    assert_eq!(status, 409, "{again}");
}

pub(crate) async fn book_the_person_again(app: &TestApp) -> (u16, Value) {
    let demo = demo(app).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    let body = json!({
        "location_id": demo.main,
        "procedure_id": demo.issuance,
        "start": format!("{day}T11:00:00+09:00"),
        "applicants": [{ "management_number": NUMBER, "name": "高橋 崎子", "name_kana": KANA, "birth_date": BIRTH }],
        "phone": "0311112222",
    });
    book(app, &body).await
}

async fn execute(app: &TestApp, sql: &str) {
    let backend = app.db.get_database_backend();
    app.db.execute_raw(Statement::from_string(backend, sql.to_owned())).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn bookings_stored_before_sealing_are_sealed_at_the_next_start_and_still_found(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let (reception, password) = book_the_person(&app).await;
    // The rows as the previous version wrote them: plain values, plain identity keys.
    execute(&app, &format!("UPDATE bookings SET email = '{EMAIL}', phone = '09012345678', phone_index = NULL, notes = '', key_version = 0 WHERE reception_number = {}", reception.parse::<i64>().unwrap_or_default())).await;
    execute(&app, &format!("UPDATE booking_applicants SET management_number = '{NUMBER}', management_number_index = NULL, name = '{NAME}', name_kana = '{KANA}', birth_date = '{BIRTH}', birth_date_sealed = NULL, birth_date_index = NULL, address = '{ADDRESS}' WHERE booking_id IN (SELECT id FROM bookings WHERE key_version = 0)")).await;
    execute(&app, "DELETE FROM booking_identities WHERE booking_id IN (SELECT id FROM bookings WHERE key_version = 0)")
        .await;
    execute(&app, &format!("INSERT INTO booking_identities (tenant_id, procedure_id, identity_key, booking_id) SELECT tenant_id, procedure_id, 'mn:{NUMBER}', id FROM bookings WHERE key_version = 0")).await;
    execute(&app, "DELETE FROM search_tokens WHERE owner_id IN (SELECT id FROM bookings WHERE key_version = 0)").await;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE '髙橋%'").await, 1);
    let shown: Vec<String> =
        raw_copies(&app, engine).iter().flat_map(|(_, bytes)| readable_in(bytes, &password)).collect();
    assert!(shown.iter().any(|s| s.starts_with(NAME)), "plain rows are seen in the raw copies: {shown:?}");

    // The next node to start seals them.
    app.another_node().await;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_applicants WHERE name LIKE '髙橋%'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM bookings WHERE key_version = 0").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM booking_identities WHERE identity_key LIKE 'mn:%'").await, 0);
    assert_every_feature_finds_the_person(&app, &reception, &password, Some(ADDRESS)).await;
    // Neither a free page of the SQLite file nor its write-ahead log keeps the plain rows.
    assert_nothing_readable(&app, engine, &password);
    let (status, again) = book_the_person_again(&app).await;
    assert_eq!(status, 409, "the one-booking rule holds on the sealed rows: {again}");
}

/// A card read from its QR code waits in the clerk's batch: its payload (name, birth
/// date, address) and management number are sealed, and the batch still shows whom it
/// is for.
async fn a_scanned_card_waits_in_its_batch_with_nothing_readable(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (status, batch) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&clerk)).await;
    assert_eq!(status, 201, "{batch}");
    let batch = batch["id"].as_str().unwrap_or_default().to_owned();
    let (status, scanned) = send(app.post(
        &format!("/api/v1/ledger/scan-batches/{batch}/scans"),
        &clerk,
        &json!({ "payload": card_payload() }),
    ))
    .await;
    assert_eq!(status, 201, "{scanned}");
    assert_nothing_readable(&app, engine, "no password in this test");

    let (status, shown) = send(app.get(&format!("/api/v1/ledger/scan-batches/{batch}"), &clerk)).await;
    assert_eq!(status, 200, "{shown}");
    let card = &shown["scans"][0]["card"];
    assert_eq!((card["name"].as_str(), card["address"].as_str()), (Some(NAME), Some(ADDRESS)), "{shown}");
}

/// The J-LIS QR code of the person's card (management number [`NUMBER`]).
fn card_payload() -> String {
    format!("{}-{},{:023},1,{NAME},19850412,2,{ADDRESS},1,1,1,1", &NUMBER[..3], &NUMBER[3..], 97_531)
}

/// Why the person's card was cancelled, in a clerk's words: who called, and their phone.
fn cancel_reason() -> String {
    format!("本人死亡（{NAME}の家族 {PHONE} より連絡）")
}

/// The clerk's ways to the person's card and to the person in the address list.
async fn assert_the_ledger_finds_the_person(app: &TestApp, clerk: &str) {
    for query in [
        "name=高橋".to_owned(),
        "name=橋﨑".to_owned(),
        // A card read from its QR code has no reading: the address list's is searched.
        "name=タカハシ".to_owned(),
        format!("birth_date={BIRTH}"),
        format!("management_number={NUMBER}"),
    ] {
        let (status, page) = send(app.get(&format!("/api/v1/ledger/cards?{query}"), clerk)).await;
        assert_eq!(status, 200, "{query}: {page}");
        assert_eq!(page["total"], 1, "{query}: {page}");
        let card = &page["items"][0];
        assert_eq!(
            (card["name"].as_str(), card["management_number"].as_str(), card["birth_date"].as_str()),
            (Some(NAME), Some(NUMBER), Some(BIRTH)),
            "{query}: {page}"
        );
    }
    let (_, none) = send(app.get("/api/v1/ledger/cards?name=高橋一", clerk)).await;
    assert_eq!(none["total"], 0, "a part the name does not hold: {none}");
    let (_, page) = send(app.get(&format!("/api/v1/ledger/cards?management_number={NUMBER}"), clerk)).await;
    let id = page["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    let (status, details) = send(app.get(&format!("/api/v1/ledger/cards/{id}"), clerk)).await;
    assert_eq!(status, 200, "{details}");
    assert_eq!(
        (details["card"]["address"].as_str(), details["card"]["notes"].as_str()),
        (Some(ADDRESS), Some(format!("連絡先 {PHONE}").as_str())),
        "{details}"
    );
    let cancelled = details["history"].as_array().into_iter().flatten().find(|e| e["action"] == "cancel");
    assert_eq!(
        (details["card"]["cancel_reason"].as_str(), cancelled.and_then(|e| e["reason"].as_str())),
        (Some(cancel_reason().as_str()), Some(cancel_reason().as_str())),
        "the reason on the card and in its history: {details}"
    );
    for query in ["name=たかはし", "name=髙橋 﨑子", "birth_date=昭和60年4月12日"] {
        let (status, people) = send(app.get(&format!("/api/v1/ledger/people?{query}"), clerk)).await;
        assert_eq!(status, 200, "{query}: {people}");
        assert_eq!(
            (people[0]["name"].as_str(), people[0]["address"].as_str(), people[0]["management_number"].as_str()),
            (Some(NAME), Some(ADDRESS), Some(NUMBER)),
            "{query}: {people}"
        );
        assert_eq!(people[0]["id"], page["items"][0]["person_id"], "the card knows its person");
    }
}

/// The person's card scanned and registered, their line of the address list imported, a
/// note with their phone written on the card: none of it readable in a raw copy, all of
/// it found. Rows the previous version wrote in the clear are sealed at the next start,
/// and a second scan of the card is still refused.
async fn the_card_ledger_and_the_address_list_leave_nothing_readable_and_are_still_found(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    let clerk = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (_, batch) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&clerk)).await;
    let batch = batch["id"].as_str().unwrap_or_default().to_owned();
    let scans = format!("/api/v1/ledger/scan-batches/{batch}/scans");
    assert_eq!(send(app.post(&scans, &clerk, &json!({ "payload": card_payload() }))).await.0, 201);
    let commit = format!("/api/v1/ledger/scan-batches/{batch}/commit");
    let (status, committed) = send(app.request(Method::POST, &commit).bearer_auth(&clerk)).await;
    assert_eq!(status, 200, "{committed}");
    let people = format!(
        "宛名番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所,製造管理番号\r\n\
         7700123,{NAME},{KANA},{BIRTH},女,100-0001,{ADDRESS},{NUMBER}\r\n"
    );
    let (status, report) = send(
        app.request(Method::POST, "/api/v1/ledger/imports/people")
            .bearer_auth(&clerk)
            .header("content-type", "text/csv")
            .body(people.into_bytes()),
    )
    .await;
    assert_eq!((status, &report["cards_linked"]), (200, &json!(1)), "{report}");
    let (_, page) = send(app.get(&format!("/api/v1/ledger/cards?management_number={NUMBER}"), &clerk)).await;
    let card = &page["items"][0];
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_cards WHERE person_id IS NOT NULL").await, 1);
    let (status, edited) = send(
        app.request(Method::PATCH, &format!("/api/v1/ledger/cards/{}", card["id"].as_str().unwrap_or_default()))
            .bearer_auth(&clerk)
            .json(&json!({ "version": card["version"], "notes": format!("連絡先 {PHONE}") })),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    let (status, cancelled) = send(app.post(
        &format!("/api/v1/ledger/cards/{}/steps", card["id"].as_str().unwrap_or_default()),
        &clerk,
        &json!({ "step": "cancel", "version": edited["card"]["version"], "reason": cancel_reason() }),
    ))
    .await;
    assert_eq!(status, 200, "{cancelled}");

    assert_nothing_readable(&app, engine, "no password in this test");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM ledger_people WHERE person_key = '7700123'").await, 0);
    assert_the_ledger_finds_the_person(&app, &clerk).await;

    // The rows as the previous version wrote them: plain values, no keys, no tokens.
    execute(&app, &format!("UPDATE ledger_cards SET management_number = '{NUMBER}', name = '{NAME}', birth_date = '{BIRTH}', birth_date_sealed = NULL, birth_date_index = NULL, address = '{ADDRESS}', notes = '連絡先 {PHONE}', source = 'qr:{}', cancel_reason = '{}', key_version = 0 WHERE person_id IS NOT NULL", card_payload(), cancel_reason())).await;
    execute(
        &app,
        &format!("UPDATE ledger_events SET reason = '{}', key_version = 0 WHERE action = 'cancel'", cancel_reason()),
    )
    .await;
    execute(&app, "UPDATE ledger_events SET key_version = 0").await;
    execute(&app, &format!("UPDATE ledger_people SET person_key = '7700123', name = '{NAME}', name_kana = '{KANA}', birth_date = '{BIRTH}', birth_date_sealed = NULL, birth_date_index = NULL, address = '{ADDRESS}', management_number = '{NUMBER}', management_number_index = NULL, key_version = 0")).await;
    execute(
        &app,
        &format!(
            "UPDATE ledger_scans SET management_number = '{NUMBER}', payload = '{}', key_version = 0",
            card_payload()
        ),
    )
    .await;
    let theirs = "SELECT id FROM ledger_cards WHERE person_id IS NOT NULL UNION SELECT id FROM ledger_people UNION SELECT id FROM ledger_scans";
    execute(&app, &format!("DELETE FROM unique_keys WHERE owner_id IN ({theirs})")).await;
    execute(&app, &format!("DELETE FROM search_tokens WHERE owner_id IN ({theirs})")).await;
    let shown: Vec<String> =
        raw_copies(&app, engine).iter().flat_map(|(_, bytes)| readable_in(bytes, "no password in this test")).collect();
    assert!(shown.iter().any(|s| s.starts_with(NAME)), "plain rows are seen in the raw copies: {shown:?}");

    app.another_node().await;
    for table in ["ledger_cards", "ledger_events", "ledger_people", "ledger_scans"] {
        assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM {table} WHERE key_version = 0")).await, 0, "{table}");
    }
    assert_nothing_readable(&app, engine, "no password in this test");
    assert_the_ledger_finds_the_person(&app, &clerk).await;
    let (_, again) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(&clerk)).await;
    let again = again["id"].as_str().unwrap_or_default().to_owned();
    let (status, refused) = send(app.post(
        &format!("/api/v1/ledger/scan-batches/{again}/scans"),
        &clerk,
        &json!({ "payload": card_payload() }),
    ))
    .await;
    assert_eq!((status, refused["code"].as_str()), (409, Some("ledger.duplicate_qr")), "{refused}");
}

/// Adds an audit entry as a version before sealing wrote it: a card search whose details
/// hold the name and birth date searched for, in the clear.
pub(crate) async fn add_a_plain_audit_entry(app: &TestApp) {
    // Its other columns are copied from the sign-in this writes.
    app.admin_token().await;
    let id = if app.config.database_url.starts_with("sqlite:") { "randomblob(16)" } else { "gen_random_uuid()" };
    execute(app, &format!(
        "INSERT INTO audit_log (tenant_id, id, occurred_at, actor_user_id, actor_login_id, action, target_type, target_id, client_ip, detail) \
         SELECT tenant_id, {id}, occurred_at, actor_user_id, actor_login_id, 'ledger.search', 'ledger_card', NULL, client_ip, \
         '{{\"filter\":{{\"name\":\"{NAME}\",\"birth_date\":\"{BIRTH}\"}}}}' FROM audit_log WHERE action = 'auth.sign_in' LIMIT 1"
    ))
    .await;
}

/// The admin finds the entry written in the clear, details and all.
pub(crate) async fn assert_the_plain_entry_is_shown(app: &TestApp) {
    let admin = app.admin_token().await;
    let (status, page) = send(app.get("/api/v1/admin/audit-log?action=ledger.search", &admin)).await;
    assert_eq!(status, 200, "{page}");
    let shown = page["items"].as_array().into_iter().flatten().any(|e| e["detail"]["filter"]["name"] == NAME);
    assert!(shown, "{page}");
}

/// An earlier version wrote search terms into the audit log as they were typed. The log
/// refuses updates, yet the next start seals those details through the tables' owner;
/// the entry still shows them, and the log refuses updates again.
async fn audit_entries_written_before_sealing_are_sealed_at_the_next_start_and_still_shown(engine: Engine) {
    let Some(app) = spawn(engine).await else { return };
    add_a_plain_audit_entry(&app).await;
    let plain = "SELECT COUNT(*) AS n FROM audit_log WHERE detail NOT LIKE 'mdg1:%'";
    assert_eq!(app.count(plain).await, 1);
    let shown: Vec<String> =
        raw_copies(&app, engine).iter().flat_map(|(_, bytes)| readable_in(bytes, "no password in this test")).collect();
    assert!(shown.iter().any(|s| s.starts_with(NAME)), "the plain entry is seen in the raw copies: {shown:?}");

    app.another_node().await;
    assert_eq!(app.count(plain).await, 0);
    assert_nothing_readable(&app, engine, "no password in this test");
    assert_the_plain_entry_is_shown(&app).await;
    let backend = app.db.get_database_backend();
    let rewrite = Statement::from_string(backend, "UPDATE audit_log SET action = 'nothing.happened'".to_owned());
    assert!(app.db.execute_raw(rewrite).await.is_err(), "the log is append-only again");
}
