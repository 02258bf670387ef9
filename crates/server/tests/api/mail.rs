use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{Datelike, FixedOffset, NaiveDate, TimeDelta, Timelike, Utc};
use madoguchi_domain::tenant::TenantSlug;
use madoguchi_persistence::{mail_outbox, tenants};
use mailin_embedded::{Handler, Response, Server, response};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Engine as Db, TestApp, problem, send};

/// A real SMTP server over TCP (mailin), keeping what it receives.
#[derive(Clone, Default)]
struct Inbox {
    received: Arc<Mutex<Vec<String>>>,
    current: Vec<u8>,
}

impl Handler for Inbox {
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = String::from_utf8_lossy(&std::mem::take(&mut self.current)).into_owned();
        if let Ok(mut received) = self.received.lock() {
            received.push(message);
        }
        response::OK
    }
}

fn start_smtp(listener: TcpListener) -> Arc<Mutex<Vec<String>>> {
    let inbox = Inbox::default();
    let received = inbox.received.clone();
    let mut server = Server::new(inbox);
    server.with_name("smtp.test").with_tcp_listener(listener);
    std::thread::spawn(move || drop(server.serve()));
    received
}

/// The readable text of a raw mail: headers' encoded words and base64 parts decoded.
fn readable(raw: &str) -> String {
    let mut out = String::new();
    let mut in_base64 = false;
    let mut body = false;
    let mut chunk = String::new();
    for line in raw.lines() {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("content-transfer-encoding: base64") {
            in_base64 = true;
            body = false;
            continue;
        }
        if in_base64 && !body && line.is_empty() {
            body = true;
            continue;
        }
        if in_base64 && body {
            if line.is_empty() || line.starts_with("--") {
                out.push_str(&String::from_utf8_lossy(&STANDARD.decode(chunk.trim()).unwrap_or_default()));
                chunk.clear();
                in_base64 = false;
                body = false;
            } else {
                chunk.push_str(line.trim());
            }
            continue;
        }
        // =?utf-8?b?…?= words, as lettre writes a Japanese subject.
        let mut rest = line;
        while let Some(start) = rest.find("=?utf-8?b?") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 10..];
            let end = after.find("?=").unwrap_or(after.len());
            out.push_str(&String::from_utf8_lossy(&STANDARD.decode(&after[..end]).unwrap_or_default()));
            rest = after.get(end + 2..).unwrap_or("");
        }
        out.push_str(rest);
        out.push('\n');
    }
    if !chunk.is_empty() {
        out.push_str(&String::from_utf8_lossy(&STANDARD.decode(chunk.trim()).unwrap_or_default()));
    }
    // Long headers are folded onto lines starting with a space.
    out.replace("\n ", "")
}

fn next_weekday() -> NaiveDate {
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    let today = crate::helpers::today();
    (today + TimeDelta::days(2))
        .iter_days()
        .skip(1)
        .find(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .unwrap_or(today)
}

async fn book_with_mail(app: &TestApp, serial: u32, email: &str) -> Value {
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
    let body = json!({
        "location_id": id(&locations, "本庁舎"), "procedure_id": id(&procedures, "マイナンバーカード交付"),
        "start": format!("{}T10:00:00+09:00", next_weekday()),
        "applicants": [{ "management_number": format!("Z9Z{serial:06}"), "name": "郵便 太郎", "name_kana": "ユウビン タロウ", "birth_date": "1955-05-05" }],
        "phone": format!("03{serial:08}"), "email": email
    });
    let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!(status, 201, "{created}");
    created
}

async fn wait_for(mut check: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

async fn pending(app: &TestApp) -> u64 {
    let slug = TenantSlug::parse("demo").unwrap_or_else(|e| panic!("{e}"));
    let scope = tenants::find_by_slug(&app.db, &slug)
        .await
        .ok()
        .flatten()
        .map(|t| t.scope())
        .unwrap_or_else(|| panic!("no demo"));
    mail_outbox::pending(&app.db, &scope).await.unwrap_or(99)
}

async fn the_confirmation_reaches_an_smtp_server_in_japanese(engine: Db) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let received = start_smtp(listener);
    let Some(app) =
        TestApp::spawn_with(engine, |config| config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await
    else {
        return;
    };
    let created = book_with_mail(&app, 1, "taro@example.jp").await;
    let reception = created["reception_number"].as_str().unwrap_or_default().to_owned();
    assert!(
        wait_for(|| received.lock().map(|r| !r.is_empty()).unwrap_or(false)).await,
        "no mail reached the SMTP server"
    );
    let mail = readable(&received.lock().map(|r| r[0].clone()).unwrap_or_default());
    assert!(mail.contains(&format!("予約を受け付けました（受付番号 {reception}）")), "{mail}");
    assert!(mail.contains(&format!("パスワード: {}", created["password"].as_str().unwrap_or_default())), "{mail}");
    assert!(mail.contains("場所: 本庁舎"), "{mail}");
    assert!(mail.contains("BEGIN:VCALENDAR"), "the invitation is attached: {mail}");
    // The worker records the mail as sent once the server has accepted it: a moment later.
    assert_eq!(settled_pending(&app).await, 0);
}

/// Unsent mails once the worker has had a few seconds to record what it sent.
async fn settled_pending(app: &TestApp) -> u64 {
    for _ in 0..50 {
        if pending(app).await == 0 {
            return 0;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    pending(app).await
}

async fn bookings_succeed_while_smtp_is_down_and_the_mail_follows_once_it_is_back(engine: Db) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    drop(listener);
    let Some(app) =
        TestApp::spawn_with(engine, |config| config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"))).await
    else {
        return;
    };
    let created = book_with_mail(&app, 2, "hanako@example.jp").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(pending(&app).await, 1, "the mail waits in the outbox");
    // It waits sealed: neither the password nor the address nor the name can be read in
    // the outbox, and the password nowhere in the database's files (the booking keeps
    // only its hash).
    let password = created["password"].as_str().unwrap_or("?").to_owned();
    let stored = outbox_rows(&app).await;
    assert!(stored.contains("mdg1:"), "{stored}");
    for secret in [password.as_str(), "hanako@example.jp", "郵便"] {
        assert!(!stored.contains(secret), "{secret} readable in the outbox: {stored}");
    }
    assert!(!database_bytes_contain(&app, &password), "the password in the database's files");

    let received = start_smtp(TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| panic!("{e}")));
    app.advance(TimeDelta::minutes(1));
    assert!(
        wait_for(|| received.lock().map(|r| r.len() == 1).unwrap_or(false)).await,
        "the mail went out once the server was back"
    );
    let delivered = readable(&received.lock().map(|r| r[0].clone()).unwrap_or_default());
    assert!(delivered.contains(created["reception_number"].as_str().unwrap_or("?")), "{delivered}");
    assert!(delivered.contains(&format!("パスワード: {password}")), "the resident gets the password: {delivered}");
    // Once out, the outbox forgets what the mail said.
    assert_eq!(settled_pending(&app).await, 0);
    let kept = outbox_rows(&app).await;
    assert_eq!(kept.lines().filter(|l| l.starts_with("mdg1:")).count(), 1, "only the subject stays, sealed: {kept}");
    // A restart: a fresh node with its own worker on the same database, past every lease.
    app.another_node().await;
    app.advance(TimeDelta::minutes(10));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(received.lock().map(|r| r.len()).unwrap_or(0), 1, "sent once, never again, not even after a restart");
    assert_eq!(settled_pending(&app).await, 0);
}

async fn without_smtp_mails_are_written_to_the_outbox_folder(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let created = book_with_mail(&app, 3, "jiro@example.jp").await;
    let outbox = app.outbox.clone();
    let found = wait_for(|| std::fs::read_dir(&outbox).map(|d| d.count() > 0).unwrap_or(false)).await;
    assert!(found, "no .eml in {}", outbox.display());
    let file = std::fs::read_dir(&outbox)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
        .map(|e| e.path())
        .unwrap_or_default();
    assert_eq!(file.extension().and_then(|e| e.to_str()), Some("eml"));
    let mail = readable(&std::fs::read_to_string(&file).unwrap_or_default());
    assert!(mail.contains(created["reception_number"].as_str().unwrap_or("?")), "{mail}");
    // The mail holds the password: only the service's user may open it, or its folder.
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| std::fs::metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
    assert_eq!((mode(&outbox), mode(&file)), (0o700, 0o600));
}

/// What the outbox rows hold, as the database has them.
async fn outbox_rows(app: &TestApp) -> String {
    use sea_orm::ConnectionTrait;
    let backend = app.db.get_database_backend();
    let sql = "SELECT to_address, subject, body, COALESCE(ics, '') AS ics FROM mail_outbox";
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(backend, sql)).await.unwrap_or_default();
    rows.iter()
        .flat_map(|row| {
            ["to_address", "subject", "body", "ics"].map(|c| row.try_get::<String>("", c).unwrap_or_default())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `text` is in the SQLite files of the test's database, as UTF-8 or CP932
/// (PostgreSQL's files are the server's: for it the rows above are what there is).
fn database_bytes_contain(app: &TestApp, text: &str) -> bool {
    let Some(path) = app.config.database_url.strip_prefix("sqlite://").and_then(|p| p.split('?').next()) else {
        return false;
    };
    let (cp932, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    ["", "-wal", "-journal"].iter().any(|suffix| {
        let bytes = std::fs::read(format!("{path}{suffix}")).unwrap_or_default();
        [text.as_bytes(), &cp932].iter().any(|needle| bytes.windows(needle.len()).any(|w| w == *needle))
    })
}

/// The service refuses to start with another encryption key than the one its data keys
/// were wrapped with, saying so, rather than writing data nobody can read.
async fn another_encryption_key_at_start_is_a_clear_error(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let mut config = app.config.clone();
    config.encryption_key = Some("not the key this database was written with, 48 b".to_owned());
    let refused = madoguchi::app::Application::build(&config, app.clock.clone()).await;
    let message = refused.err().map(|e| format!("{e:#}")).unwrap_or_default();
    assert!(message.contains("MADOGUCHI_ENCRYPTION_KEY"), "{message}");
    assert!(message.contains("does not open the data key"), "{message}");
}

/// A resident's booking body at the main counter on the next weekday.
async fn body_for(app: &TestApp, serial: u32, birth: &str, email: Option<&str>) -> Value {
    let (_, locations) = send(app.request(Method::GET, "/api/v1/public/demo/locations")).await;
    let (_, procedures) = send(app.request(Method::GET, "/api/v1/public/demo/procedures")).await;
    let id = |list: &Value, name: &str| {
        list.as_array().into_iter().flatten().find(|i| i["name"] == name).map(|i| i["id"].clone()).unwrap_or_default()
    };
    let mut body = json!({
        "location_id": id(&locations, "本庁舎"), "procedure_id": id(&procedures, "マイナンバーカード交付"),
        "start": format!("{}T11:00:00+09:00", next_weekday()),
        "applicants": [{ "management_number": format!("Y8Y{serial:06}"), "name": "重複 花子", "name_kana": "チョウフク ハナコ", "birth_date": birth }],
        "phone": format!("04{serial:08}")
    });
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    body
}

/// Someone who types a booked person's name and birth date is refused in words that
/// serve the person (whoever booked has the mail), learns nothing from whether the
/// holder gave a mail address, and the holder is told, within five mails a day.
async fn booking_again_with_a_holders_details_tells_the_holder_not_the_stranger(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let book = |body: Value, from: &'static str| {
        let app = &app;
        async move {
            let builder = app.request(Method::POST, "/api/v1/public/demo/bookings").header("x-forwarded-for", from);
            send(builder.json(&body)).await
        }
    };
    assert_eq!(book(body_for(&app, 1, "1950-01-01", Some("holder@example.jp")).await, "192.0.2.1").await.0, 201);
    assert_eq!(book(body_for(&app, 2, "1960-02-02", None).await, "192.0.2.2").await.0, 201);
    assert!(wait_for(|| outbox_mails(&app).len() == 1).await, "the confirmation");

    let (status, with_mail) =
        book(body_for(&app, 3, "1950-01-01", Some("stranger@example.jp")).await, "192.0.2.3").await;
    let (_, without_mail) = book(body_for(&app, 4, "1960-02-02", Some("stranger@example.jp")).await, "192.0.2.4").await;
    assert_eq!((status, &with_mail["code"]), (409, &json!("booking.duplicate")));
    let said = |problem: &Value| (problem["code"].clone(), problem["title"].clone(), problem["detail"].clone());
    assert_eq!(said(&with_mail), said(&without_mail), "the answer does not tell whether the holder has a mail");

    assert!(wait_for(|| outbox_mails(&app).len() == 2).await, "the holder is told");
    let told = outbox_mails(&app).into_iter().find(|m| m.contains("同じ方の予約のお申し込み")).unwrap_or_default();
    assert!(told.contains("holder@example.jp"), "{told}");
    assert!(!told.contains("stranger@example.jp") && !told.contains("0400000003"), "nothing of the stranger: {told}");

    for serial in 5..12 {
        let (status, _) = book(body_for(&app, serial, "1950-01-01", None).await, "192.0.2.5").await;
        assert_eq!(status, 409);
    }
    // Counted where the refusal wrote them, in its request: no waiting on the sender.
    use sea_orm::ConnectionTrait;
    let backend = app.db.get_database_backend();
    let sql = "SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'duplicate_attempt'";
    let row = app.db.query_one_raw(sea_orm::Statement::from_string(backend, sql)).await.ok().flatten();
    let notices = row.and_then(|r| r.try_get::<i64>("", "n").ok());
    assert_eq!(notices, Some(4), "five mails a day to one address, the confirmation one of them");
}

crate::with_each_engine!(
    booking_again_with_a_holders_details_tells_the_holder_not_the_stranger,
    a_stranger_who_used_up_a_numbers_look_ups_cannot_keep_its_owner_out,
    the_confirmation_reaches_an_smtp_server_in_japanese,
    bookings_succeed_while_smtp_is_down_and_the_mail_follows_once_it_is_back,
    without_smtp_mails_are_written_to_the_outbox_folder,
    another_encryption_key_at_start_is_a_clear_error
);

/// Every mail written to the outbox folder, readable.
fn outbox_mails(app: &TestApp) -> Vec<String> {
    std::fs::read_dir(&app.outbox)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .map(|raw| readable(&raw))
                .collect()
        })
        .unwrap_or_default()
}

async fn an_administrator_rewords_the_confirmation_and_residents_receive_it(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let admin = app.admin_token().await;
    let (status, list) = send(app.get("/api/v1/admin/settings/mail-templates", &admin)).await;
    assert_eq!(status, 200);
    let kinds: Vec<&str> =
        list["templates"].as_array().into_iter().flatten().filter_map(|t| t["kind"].as_str()).collect();
    assert_eq!(kinds, ["confirmation", "change", "cancellation", "reminder", "password_reissued", "duplicate_attempt"]);
    assert!(list["placeholders"].as_array().is_some_and(|p| p.iter().any(|p| p["name"] == "password")));

    let path = "/api/v1/admin/settings/mail-templates/confirmation";
    let forgetful =
        json!({ "subject": "予約 {reception_number}", "body": "ご予約ありがとうございます。{reception_nubmer}" });
    let (status, code, problem_body) =
        problem(app.request(Method::PUT, path).bearer_auth(&admin).json(&forgetful)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
    let codes: Vec<String> = crate::helpers::field_errors(&problem_body).into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        codes,
        ["template.unknown_placeholder", "template.missing_placeholder"],
        "a typo and the lost password are both named"
    );

    let ours = json!({ "subject": "{municipality}窓口予約 受付番号{reception_number}", "body": "{slot}に{location}でお待ちしています。\n受付番号 {reception_number}\nパスワード {password}\n" });
    let (status, preview) = send(app.post(&format!("{path}/preview"), &admin, &ours)).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["subject"], "デモ市窓口予約 受付番号1234567897");
    assert!(
        preview["body"]
            .as_str()
            .is_some_and(|b| b.contains("本庁舎でお待ちしています") && b.contains("パスワード ACDE3FGH47")),
        "{preview}"
    );
    let (status, _) = send(app.request(Method::PUT, path).bearer_auth(&admin).json(&ours)).await;
    assert_eq!(status, 204);

    let created = book_with_mail(&app, 41, "hanako@example.jp").await;
    let number = created["reception_number"].as_str().unwrap_or("?").to_owned();
    let password = created["password"].as_str().unwrap_or("?").to_owned();
    assert!(wait_for(|| !outbox_mails(&app).is_empty()).await, "no mail written");
    let mail = outbox_mails(&app).join("\n");
    assert!(mail.contains(&format!("デモ市窓口予約 受付番号{number}")), "{mail}");
    assert!(mail.contains(&format!("パスワード {password}")), "{mail}");

    let (status, _) = send(app.post(&format!("{path}/test"), &admin, &json!({ "to": "kacho@city.example.jp" }))).await;
    assert_eq!(status, 202);
    assert!(
        wait_for(|| outbox_mails(&app).iter().any(|m| m.contains("【テスト送信】デモ市窓口予約"))).await,
        "the test mail uses the saved wording"
    );
    let (status, code, _) =
        problem(app.post(&format!("{path}/test"), &admin, &json!({ "to": "not an address" }))).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));

    let (status, _) = send(app.delete(path, &admin)).await;
    assert_eq!(status, 204);
    let (_, list) = send(app.get("/api/v1/admin/settings/mail-templates", &admin)).await;
    assert_eq!(list["templates"][0]["customised"], false, "back to the default wording");
}

async fn the_reminder_goes_out_the_day_before_once(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let admin = app.admin_token().await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["reminder_days_before"] = json!(1);
    let (status, body) =
        send(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&rules)).await;
    assert_eq!(status, 204, "{body}");
    let created = book_with_mail(&app, 42, "saburo@example.jp").await;
    let number = created["reception_number"].as_str().unwrap_or("?").to_owned();
    let reminders = |app: &TestApp| {
        outbox_mails(app).into_iter().filter(|m| m.contains("ご予約日が近づいています")).collect::<Vec<_>>()
    };

    // The evening two days before: nothing yet.
    let visit = next_weekday();
    let at = |day: NaiveDate, time: &str| {
        format!("{day}T{time}+09:00")
            .parse::<chrono::DateTime<FixedOffset>>()
            .unwrap_or_else(|e| panic!("{e}"))
            .with_timezone(&Utc)
    };
    let now = madoguchi_http::Clock::now(app.clock.as_ref());
    app.advance(at(visit - TimeDelta::days(2), "20:00:00") - now);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(reminders(&app).is_empty(), "too early");

    let now = madoguchi_http::Clock::now(app.clock.as_ref());
    app.advance(at(visit - TimeDelta::days(1), "09:00:00") - now);
    assert!(wait_for(|| !reminders(&app).is_empty()).await, "no reminder on the day before");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let sent = reminders(&app);
    assert_eq!(sent.len(), 1, "one reminder, however often the task runs");
    assert!(sent[0].contains(&number) && sent[0].contains("あと1日"), "{}", sent[0]);
}

crate::with_each_engine!(
    an_administrator_rewords_the_confirmation_and_residents_receive_it,
    the_reminder_goes_out_the_day_before_once
);

crate::with_each_engine!(a_booking_s_mails_keep_one_calendar_event_and_say_whom_to_call);

/// The raw `.eml` files of the outbox folder.
fn raw_outbox(app: &TestApp) -> Vec<Vec<u8>> {
    std::fs::read_dir(&app.outbox)
        .map(|dir| dir.filter_map(Result::ok).filter_map(|e| std::fs::read(e.path()).ok()).collect())
        .unwrap_or_default()
}

/// A mail as a mail program reads it, with its calendar as a calendar program does.
struct Received {
    sender: String,
    message_id: String,
    subject: String,
    body: String,
    calendar: icalendar::Calendar,
    calendar_content_type: String,
}

fn receive(raw: &[u8]) -> Received {
    use mail_parser::MimeHeaders;
    let message = mail_parser::MessageParser::default().parse(raw).unwrap_or_else(|| panic!("not a mail"));
    let sender = message.from().and_then(|f| f.first()).and_then(|a| a.name()).unwrap_or_default().to_owned();
    let part = message
        .attachments()
        .find(|a| a.content_type().is_some_and(|c| c.ctype() == "text" && c.subtype() == Some("calendar")))
        .unwrap_or_else(|| panic!("no calendar in {}", String::from_utf8_lossy(raw)));
    let calendar_content_type = part.content_type().and_then(|c| c.attribute("method")).unwrap_or_default().to_owned();
    let text = String::from_utf8_lossy(part.contents()).into_owned();
    Received {
        sender,
        message_id: message.message_id().unwrap_or_default().to_owned(),
        subject: message.subject().unwrap_or_default().to_owned(),
        body: message.body_text(0).unwrap_or_default().into_owned(),
        calendar: text.parse().unwrap_or_else(|e| panic!("a calendar program cannot read it: {e}\n{text}")),
        calendar_content_type,
    }
}

fn event(calendar: &icalendar::Calendar) -> &icalendar::Event {
    calendar
        .components
        .iter()
        .find_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no event"))
}

async fn a_booking_s_mails_keep_one_calendar_event_and_say_whom_to_call(engine: Db) {
    use icalendar::Component;
    let Some(app) = TestApp::spawn(engine).await else { return };
    let admin = app.admin_token().await;
    let (status, settings) = send(app.patch(
        "/api/v1/admin/settings",
        &admin,
        &json!({ "contact_phone": "０１２０－１２３－４５６", "contact_hours": "平日 8:30〜17:15" }),
    ))
    .await;
    assert_eq!((status, &settings["contact_phone"]), (200, &json!("0120-123-456")), "{settings}");

    let booked_at = app.now();
    let created = book_with_mail(&app, 51, "ical@example.jp").await;
    let number = created["reception_number"].as_str().unwrap_or("?").to_owned();
    let path = format!("/api/v1/bookings/{number}");
    let (_, booking) = send(app.get(&path, &admin)).await;
    let eleven = format!("{}T11:00:00+09:00", next_weekday());
    let (status, changed) =
        send(app.patch(&path, &admin, &json!({ "version": booking["booking"]["version"], "start": eleven }))).await;
    assert_eq!(status, 200, "{changed}");
    let (status, cancelled) =
        send(app.post(&format!("{path}/cancel"), &admin, &json!({ "version": changed["booking"]["version"] }))).await;
    let _ = &cancelled;
    assert_eq!(status, 200, "{cancelled}");
    assert!(wait_for(|| raw_outbox(&app).len() >= 3).await, "three mails");

    let mails: Vec<Received> = raw_outbox(&app).iter().map(|raw| receive(raw)).collect();
    let pick =
        |title: &str| mails.iter().find(|m| m.subject.contains(title)).unwrap_or_else(|| panic!("no mail 「{title}」"));
    let (confirmation, change, cancellation) =
        (pick("予約を受け付けました"), pick("予約を変更しました"), pick("予約を取り消しました"));

    for mail in [confirmation, change, cancellation] {
        assert_eq!(mail.sender, "デモ市 マイナンバーカード窓口予約", "the sender is named");
        assert!(mail.message_id.ends_with("@madoguchi.invalid"), "{}", mail.message_id);
        assert!(mail.body.contains("お問い合わせ: デモ市 電話 0120-123-456（平日 8:30〜17:15）"), "{}", mail.body);
        assert!(!mail.body.contains("デモ市 デモ市"), "the city is named once in the signature:\n{}", mail.body);
        let stamp = event(&mail.calendar).get_timestamp().unwrap_or_default();
        assert!(
            stamp >= booked_at.with_nanosecond(0).unwrap_or(booked_at) && stamp <= app.now(),
            "DTSTAMP {stamp} is when it was written"
        );
    }
    let ids: std::collections::HashSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), 3, "each mail has its own Message-ID");

    let (first, second, third) =
        (event(&confirmation.calendar), event(&change.calendar), event(&cancellation.calendar));
    assert_eq!(first.get_uid(), second.get_uid(), "a change updates the same event");
    assert_eq!(first.get_uid(), third.get_uid(), "a cancellation removes the same event");
    let sequence = |e: &icalendar::Event| e.get_sequence().unwrap_or_default();
    assert!(sequence(first) < sequence(second) && sequence(second) < sequence(third), "SEQUENCE grows");
    assert_eq!(
        [&confirmation, &change, &cancellation].map(|m| m.calendar.property_value("METHOD").unwrap_or_default()),
        ["PUBLISH", "PUBLISH", "CANCEL"]
    );
    assert_eq!(cancellation.calendar_content_type.to_ascii_uppercase(), "CANCEL");
    assert_eq!(third.property_value("STATUS"), Some("CANCELLED"));
    let start = second.get_start().map(|s| format!("{s:?}")).unwrap_or_default();
    assert!(start.contains("02:00:00"), "the change moved it to 11:00 JST: {start}");
}

/// Guesses from thirty addresses use up the day's look-ups of a reception number, for
/// everyone; the owner opens the booking through the link in their mail.
async fn a_stranger_who_used_up_a_numbers_look_ups_cannot_keep_its_owner_out(engine: Db) {
    let Some(app) = TestApp::spawn(engine).await else { return };
    let created = book_with_mail(&app, 61, "owner@example.jp").await;
    let number = created["reception_number"].as_str().unwrap_or("?").to_owned();
    let password = created["password"].as_str().unwrap_or("?").to_owned();
    let lookup = |from: String, body: Value| {
        app.request(Method::POST, "/api/v1/public/demo/bookings/lookup").header("x-forwarded-for", from).json(&body)
    };
    for address in 0..30 {
        let guess = json!({"reception_number": number, "password": format!("GUESS{address:05}")});
        assert_eq!(problem(lookup(format!("198.51.100.{address}"), guess)).await.1, "booking.lookup_failed");
    }
    let right = json!({"reception_number": number, "password": password});
    let (status, code, _) = problem(lookup("203.0.113.7".to_owned(), right)).await;
    assert_eq!((status, code.as_str()), (429, "booking.lookup_limited"), "the number rests for the day");
    // A number nobody booked rests the same way, so the pause tells a stranger nothing.
    let unknown = if number == "1234567897" { "1234567880" } else { "1234567897" };
    for address in 0..31 {
        let guess = json!({"reception_number": unknown, "password": "GUESS00000"});
        let (_, code, _) = problem(lookup(format!("198.51.100.{address}"), guess)).await;
        assert_eq!(code, if address < 30 { "booking.lookup_failed" } else { "booking.lookup_limited" });
    }

    assert!(wait_for(|| !outbox_mails(&app).is_empty()).await, "no mail written");
    let mail = outbox_mails(&app).join("\n");
    let link = mail
        .split_whitespace()
        .find(|word| word.contains("/r/demo/lookup?n="))
        .unwrap_or_else(|| panic!("no look-up link in {mail}"));
    let key = link.split("&k=").nth(1).unwrap_or_default();
    assert!(link.contains(&format!("n={number}")), "{link}");
    let with_key = json!({"reception_number": number, "password": password, "mail_key": key});
    let (status, found) = send(lookup("203.0.113.7".to_owned(), with_key)).await;
    assert_eq!(status, 200, "the mail's link opens it: {found}");
    let wrong_key = json!({"reception_number": number, "password": password, "mail_key": "AAAAAAAAAAAAAAAAAAAAAA"});
    assert_eq!(problem(lookup("203.0.113.7".to_owned(), wrong_key)).await.1, "booking.lookup_limited");
}
