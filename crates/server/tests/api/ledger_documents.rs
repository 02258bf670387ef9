//! Paper at the ledger desk: scanned カード発行一覧 pages (PNG and PDF) read into a batch,
//! the 交付チェックリスト and 受領書 printed with the names as written.

use std::io::Cursor;
use std::sync::Arc;

use chrono::Duration;
use encoding_rs::SHIFT_JIS;
use image::{GrayImage, Luma};
use reqwest::Method;
use serde_json::{Value, json};

use crate::bookings::{demo, ordinary_weekday, person, request, today};
use crate::helpers::{DEMO_PASSWORD, TestApp, problem, send};
use crate::on_both_engines;

on_both_engines!(
    ten_qr_codes_on_a_scanned_page_become_ten_cards,
    a_scan_of_more_pages_than_one_upload_may_is_refused_unread,
    the_checklist_and_the_receipt_carry_the_names_as_written,
    with_the_ledger_check_off_the_checklist_still_finds_each_card
);

/// The payload of card `C1D` + `serial`, in Shift_JIS as J-LIS prints it.
fn sjis_payload(serial: u32) -> Vec<u8> {
    let text = format!(
        "C1D{serial:06},{:023},{serial},髙橋 﨑子{serial},1975040{},2,デモ市中央一丁目{serial}番,1,1,1,1",
        u64::from(serial) * 3,
        serial % 9 + 1
    );
    let (bytes, _, unmappable) = SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// An A4 page at 150 dpi with ten QR codes, two across and five down, as a scanner gives it.
fn page_with_codes(first: u32) -> GrayImage {
    let mut page = GrayImage::from_pixel(1240, 1754, Luma([255]));
    for index in 0..10_u32 {
        let code = qrcode::QrCode::new(sjis_payload(first + index)).unwrap_or_else(|e| panic!("{e}"));
        let image = code.render::<Luma<u8>>().module_dimensions(4, 4).build();
        let (x, y) = (120 + (index % 2) * 560, 100 + (index / 2) * 320);
        image::imageops::overlay(&mut page, &image, i64::from(x), i64::from(y));
    }
    page
}

fn png(page: &GrayImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    page.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap_or_else(|e| panic!("{e}"));
    bytes
}

/// The page as a scanner's PDF writes it: one image filling an A4 page.
fn pdf(page: &GrayImage) -> Vec<u8> {
    let mut document = krilla::Document::new();
    let mut pdf_page =
        document.start_page_with(krilla::page::PageSettings::from_wh(595.0, 842.0).unwrap_or_else(|| panic!("size")));
    let mut surface = pdf_page.surface();
    let image = krilla::image::Image::from_png(Arc::new(png(page)).into(), true).unwrap_or_else(|e| panic!("{e}"));
    surface.draw_image(image, krilla::geom::Size::from_wh(595.0, 842.0).unwrap_or_else(|| panic!("size")));
    surface.finish();
    pdf_page.finish();
    document.finish().unwrap_or_else(|e| panic!("{e:?}"))
}

async fn upload(app: &TestApp, token: &str, batch: &str, body: Vec<u8>) -> (u16, Value) {
    send(
        app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/images"))
            .bearer_auth(token)
            .header("content-type", "application/octet-stream")
            .body(body),
    )
    .await
}

async fn new_batch(app: &TestApp, token: &str) -> String {
    let (status, body) = send(app.request(Method::POST, "/api/v1/ledger/scan-batches").bearer_auth(token)).await;
    assert_eq!(status, 201);
    body["id"].as_str().unwrap_or_default().to_owned()
}

async fn ten_qr_codes_on_a_scanned_page_become_ten_cards(app: TestApp) {
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let batch = new_batch(&app, &token).await;
    let (status, report) = upload(&app, &token, &batch, png(&page_with_codes(1))).await;
    assert_eq!(status, 200, "{report}");
    let added: Vec<&str> = report["added"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["card"]["management_number"].as_str())
        .collect();
    assert_eq!(added, (1..=10).map(|n| format!("C1D{n:06}")).collect::<Vec<_>>(), "in reading order: {report}");
    assert_eq!(report["added"][0]["card"]["name"], "髙橋 﨑子1", "Shift_JIS read with its 旧字体");
    let (status, committed) =
        send(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{batch}/commit")).bearer_auth(&token))
            .await;
    assert_eq!((status, &committed["registered"]), (200, &json!(10)));

    // The same page again: every code is a card registered already.
    let again = new_batch(&app, &token).await;
    let (status, report) = upload(&app, &token, &again, png(&page_with_codes(1))).await;
    assert_eq!(
        (status, report["added"].as_array().map(Vec::len), report["refused"].as_array().map(Vec::len)),
        (200, Some(0), Some(10)),
        "{report}"
    );
    assert_eq!(report["refused"][0]["code"], "ledger.duplicate_qr");

    // The next ten cards, scanned to PDF.
    let (status, report) = upload(&app, &token, &again, pdf(&page_with_codes(11))).await;
    assert_eq!((status, report["added"].as_array().map(Vec::len)), (200, Some(10)), "{report}");
    assert_eq!(report["added"][9]["card"]["management_number"], "C1D000020");
    assert_eq!(
        send(app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{again}/commit")).bearer_auth(&token))
            .await
            .1["registered"],
        10
    );
    let (_, page) = send(app.get("/api/v1/ledger/cards?name=髙橋", &token)).await;
    assert_eq!(page["total"], 20);

    let (status, code, _) = problem(
        app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{}/images", new_batch(&app, &token).await))
            .bearer_auth(&token)
            .body(b"GIF89a not a scan".to_vec()),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "scan.unknown_format"));
    let blank = png(&GrayImage::from_pixel(600, 800, Luma([255])));
    let (status, code, _) = problem(
        app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{}/images", new_batch(&app, &token).await))
            .bearer_auth(&token)
            .body(blank),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "scan.no_code"));
}

/// 101 blank pages: refused for their number before any is decoded, with a word on
/// splitting the file, not "no QR code found" after reading them all.
async fn a_scan_of_more_pages_than_one_upload_may_is_refused_unread(app: TestApp) {
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let blank = png(&GrayImage::from_pixel(20, 20, Luma([255])));
    let mut document = krilla::Document::new();
    for _ in 0..101 {
        let size = krilla::page::PageSettings::from_wh(595.0, 842.0).unwrap_or_else(|| panic!("size"));
        let mut page = document.start_page_with(size);
        let mut surface = page.surface();
        let image =
            krilla::image::Image::from_png(Arc::new(blank.clone()).into(), true).unwrap_or_else(|e| panic!("{e}"));
        surface.draw_image(image, krilla::geom::Size::from_wh(595.0, 842.0).unwrap_or_else(|| panic!("size")));
        surface.finish();
        page.finish();
    }
    let file = document.finish().unwrap_or_else(|e| panic!("{e:?}"));
    let (status, code, body) = problem(
        app.request(Method::POST, &format!("/api/v1/ledger/scan-batches/{}/images", new_batch(&app, &token).await))
            .bearer_auth(&token)
            .body(file),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "scan.too_large"), "{body}");
    assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("101 pages")), "{body}");
}

/// The text of a PDF as `pdftotext` (poppler) extracts it.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("madoguchi-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("doc.pdf");
    std::fs::write(&file, bytes).unwrap_or_else(|e| panic!("{e}"));
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn the_checklist_and_the_receipt_carry_the_names_as_written(app: TestApp) {
    let demo = demo(&app).await;
    let admin = app.admin_token().await;
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let (_, mut rules) = send(app.get("/api/v1/admin/booking-rules", &admin)).await;
    rules["ledger_check"] = json!(true);
    assert_eq!(
        send(app.request(Method::PUT, "/api/v1/admin/booking-rules").bearer_auth(&admin).json(&rules)).await.0,
        204
    );
    let csv = "製造管理番号,氏名,氏名カナ,生年月日,住所,種別,検品日,交付前設定日,交付通知書発送日\r\nA1B000077,髙橋 﨑子,タカハシ サキコ,1975-04-01,デモ市中央一丁目1番1号,新規,2026/11/01,2026/11/02,2026/11/03\r\n";
    let (status, imported) = send(
        app.request(Method::POST, "/api/v1/ledger/imports/legacy")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(csv),
    )
    .await;
    assert_eq!(status, 200, "{imported}");
    let day = ordinary_weekday(today() + Duration::days(3));
    let body = request(
        &demo,
        &format!("{day}T10:00:00+09:00"),
        vec![person("A1B000077", "髙橋 﨑子", "1975-04-01")],
        "0312345678",
    );
    let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
    assert_eq!(status, 201, "{created}");

    let response = app
        .get(&format!("/api/v1/ledger/checklist?date={day}&location_id={}", demo.main), &token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/pdf"));
    let text = pdf_text(&response.bytes().await.unwrap_or_default());
    assert!(text.contains("交付チェックリスト"), "{text}");
    assert!(text.contains("髙橋 﨑子"), "the name with 髙 and 﨑, extracted from the PDF: {text}");
    assert!(text.contains("A1B000077") && text.contains("予約済"), "{text}");
    assert!(text.contains(created["booking"]["reception_number"].as_str().unwrap_or("missing")), "{text}");

    let (_, page) = send(app.get("/api/v1/ledger/cards?management_number=A1B000077", &token)).await;
    let id = page["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    // Each shows the other (LED-08): the booking its card's progress, the card its booking.
    let reception = created["booking"]["reception_number"].as_str().unwrap_or_default();
    let (_, booking) = send(app.get(&format!("/api/v1/bookings/{reception}"), &admin)).await;
    assert_eq!(
        (&booking["cards"][0]["management_number"], &booking["cards"][0]["status"]),
        (&json!("A1B000077"), &json!("booked")),
        "{booking}"
    );
    let (_, details) = send(app.get(&format!("/api/v1/ledger/cards/{id}"), &token)).await;
    assert_eq!(details["booking"]["reception_number"], reception, "{details}");
    let response =
        app.get(&format!("/api/v1/ledger/cards/{id}/receipt"), &token).send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.status(), 200);
    let text = pdf_text(&response.bytes().await.unwrap_or_default());
    for expected in ["個人番号カード受領書", "髙橋 﨑子", "タカハシ サキコ", "昭和50年4月1日", "デモ市長", "受領者署名"]
    {
        assert!(text.contains(expected), "{expected} in: {text}");
    }
    let (status, code, _) = problem(app.get("/api/v1/ledger/checklist?date=2026-13-01", &token)).await;
    assert_eq!((status, code.as_str()), (422, "validation.failed"));
}

async fn with_the_ledger_check_off_the_checklist_still_finds_each_card(app: TestApp) {
    let demo = demo(&app).await;
    let token = app.token("demo", "ledger", DEMO_PASSWORD).await;
    let day = ordinary_weekday(today() + Duration::days(3));
    // The check is off (the default): bookings hold no card.
    for (number, name, birth, phone) in
        [("A1B000088", "漢 点検", "1960-01-01", "0312345678"), ("A1B000099", "番号 無し", "1961-02-02", "0312345679")]
    {
        let body = request(&demo, &format!("{day}T11:00:00+09:00"), vec![person(number, name, birth)], phone);
        let (status, created) = send(app.request(Method::POST, "/api/v1/public/demo/bookings").json(&body)).await;
        assert_eq!(status, 201, "{created}");
    }
    let csv = "製造管理番号,氏名,氏名カナ,生年月日,住所,種別,検品日,交付前設定日,交付通知書発送日\r\nA1B000088,漢 点検,カン テンケン,1960-01-01,デモ市中央一丁目1番1号,新規,2026/11/01,2026/11/02,2026/11/03\r\n";
    let (status, imported) = send(
        app.request(Method::POST, "/api/v1/ledger/imports/legacy")
            .bearer_auth(&token)
            .header("content-type", "text/csv")
            .body(csv),
    )
    .await;
    assert_eq!(status, 200, "{imported}");
    let response = app
        .get(&format!("/api/v1/ledger/checklist?date={day}&location_id={}", demo.main), &token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text = pdf_text(&response.bytes().await.unwrap_or_default()).replace(char::is_whitespace, "");
    assert!(text.contains("予約時の管理簿照合:なし"), "the sheet says the check is off: {text}");
    assert!(text.contains("A1B000088") && text.contains("通知書発送済"), "the waiting card is shown: {text}");
    assert!(text.contains("管理簿にカードなし"), "the unknown number says the ledger has no card: {text}");
    assert!(!text.contains("管理簿に予約なし"), "{text}");
}
