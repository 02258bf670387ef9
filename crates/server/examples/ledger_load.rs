//! Load figures for the card ledger on PostgreSQL, printed as `metric value unit` lines:
//! (a) a 100,000-line 統合端末 issuance CSV (CP932) imported through the API: lines/s;
//! (b) the ledger grown to 1,000,000 cards by nine more such imports (lines/s), searched
//!     by birth date and by management number at 32 connections: requests/s, p50, p99;
//! (c) 検品日 set on every card a name search matches (11,111 of the imported cards) in one
//!     bulk step: cards/s.
//!
//! `scripts/bench-ledger.sh` builds the release binary and runs this.

use std::time::{Duration, Instant};

#[path = "support/load.rs"]
mod load;

use load::{closed_loop, percentile, start_node, wait_ready};

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const CONNECTIONS: usize = 32;
const SECONDS: u64 = 10;
const IMPORT_LINES: u64 = 100_000;
const LEDGER_SIZE: u64 = 1_000_000;

fn report(name: &str, latencies: &[Duration], failures: u64, elapsed: Duration) {
    println!("{name}_throughput {:.1} requests/s", latencies.len() as f64 / elapsed.as_secs_f64());
    println!("{name}_p50 {:.2} ms", percentile(latencies, 0.50));
    println!("{name}_p99 {:.2} ms", percentile(latencies, 0.99));
    println!("{name}_failures {failures} requests");
}

/// A birth date spread over 1930–2019, the same for the import and the searches.
fn birth(i: u64) -> String {
    format!("{}{:02}{:02}", 1930 + i % 90, 1 + (i / 90) % 12, 1 + (i / 1080) % 28)
}

/// An issuance CSV as the 統合端末 writes it (CP932), of these card lines.
fn issuance_file(lines: impl Iterator<Item = String>) -> Vec<u8> {
    let mut csv = String::from(
        "製造管理番号,申請書ID,発送番号,氏名,氏名カナ,生年月日,性別,住所,交付方式,種別,署名用電子証明書,利用者証明用電子証明書\r\n",
    );
    for line in lines {
        csv.push_str(&line);
        csv.push_str("\r\n");
    }
    encoding_rs::SHIFT_JIS.encode(&csv).0.into_owned()
}

/// Imports an issuance file; panics unless it is accepted, and answers the report.
async fn import_issuance(client: &reqwest::Client, base: &str, token: &str, file: Vec<u8>) -> Value {
    let response = client
        .post(format!("{base}/api/v1/ledger/imports/issuance"))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    let body: Value = response.json().await.unwrap_or_default();
    assert!(status.is_success(), "import failed: {status} {body}");
    body
}

/// A card search by `query(i)` that counts as done when it is answered with success.
fn answered(
    client: &reqwest::Client,
    base: &'static str,
    token: &str,
    query: impl Fn(u64) -> String + Send + Sync + 'static,
) -> impl Fn(u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>> + Send + Sync + 'static {
    let (client, token) = (client.clone(), token.to_owned());
    move |i| {
        let request = client.get(format!("{base}/api/v1/ledger/cards?{}", query(i))).bearer_auth(&token);
        Box::pin(async move { request.send().await.is_ok_and(|r| r.status().is_success()) })
    }
}

#[tokio::main]
async fn main() {
    let binary = std::env::args().nth(1).unwrap_or_else(|| "target/release/madoguchi".to_owned());
    let admin_url =
        std::env::var("BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    // BENCH_LEDGER_DB keeps the filled database under that name, and a second run on it
    // only searches: for trying a change to the search without filling again.
    let kept = std::env::var("BENCH_LEDGER_DB").ok().filter(|n| !n.is_empty());
    let name = kept.clone().unwrap_or_else(|| format!("madoguchi_ledger_bench_{}", std::process::id()));
    let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| panic!("PostgreSQL: {e}"));
    let filled_before = match admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await {
        Ok(_) => false,
        Err(_) if kept.is_some() => true,
        Err(e) => panic!("{e}"),
    };
    let database_url = format!("{}/{name}", admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base));

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .timeout(Duration::from_secs(600))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let node = start_node(&binary, &database_url, 18311, true);
    let base = "http://127.0.0.1:18311";
    wait_ready(&client, base).await;
    // A staff token lasts five minutes: the fill takes longer, so each step signs in anew.
    let sign_in = || load::sign_in(&client, base, "ledger");
    let token = sign_in().await;

    if !filled_before {
        // (a) The import: what a city's 統合端末 writes for a big delivery, in CP932.
        let file = issuance_file((0..IMPORT_LINES).map(|i| {
            format!(
                "A{:02}{:06},{:023},{i},髙橋 﨑子{i},タカハシ サキコ,{},2,デモ市中央一丁目{}番,1,1,1,1",
                i / 1_000_000,
                i % 1_000_000,
                i * 7,
                birth(i),
                i % 50 + 1
            )
        }));
        println!("issuance_import_file {:.1} MB", file.len() as f64 / 1_048_576.0);
        let started = Instant::now();
        let body = import_issuance(&client, base, &token, file).await;
        let elapsed = started.elapsed();
        println!("issuance_import_lines {} lines", body["cards"]);
        println!("issuance_import_seconds {:.2} s", elapsed.as_secs_f64());
        println!("issuance_import_rate {:.0} lines/s", IMPORT_LINES as f64 / elapsed.as_secs_f64());

        // (b) Grow the ledger to a million cards through the same import, nine more files
        // (so that every card is stored as the service stores it, sealed or not), then search
        // it through the API.
        let started = Instant::now();
        let files = (LEDGER_SIZE - IMPORT_LINES) / IMPORT_LINES;
        for file in 0..files {
            let lines = (file * IMPORT_LINES..(file + 1) * IMPORT_LINES).map(|g| {
                format!(
                    "B{:02}{:06},{:023},{g},山田 太郎{g},ヤマダ タロウ,{},1,デモ市北町{}番,1,1,1,1",
                    g / 1_000_000,
                    g % 1_000_000,
                    g * 11,
                    birth(g),
                    g % 99
                )
            });
            import_issuance(&client, base, &sign_in().await, issuance_file(lines)).await;
        }
        let db = Database::connect(&database_url).await.unwrap_or_else(|e| panic!("{e}"));
        for table in ["ledger_cards", "search_tokens"] {
            // The second table exists only where names are sealed.
            let _ = db.execute_unprepared(&format!("ANALYZE {table}")).await;
        }
        let filled = files * IMPORT_LINES;
        println!("ledger_fill_seconds {:.1} s", started.elapsed().as_secs_f64());
        println!("ledger_fill_rate {:.0} lines/s", filled as f64 / started.elapsed().as_secs_f64());
    }
    let token = sign_in().await;

    // The floor under both: a search that finds no card still signs the request in and
    // writes its audit entry.
    let (latencies, failures, elapsed) =
        closed_loop(CONNECTIONS, SECONDS, answered(&client, base, &token, |_| "birth_date=1900-01-01".to_owned()))
            .await;
    report("search_no_match_1m", &latencies, failures, elapsed);

    let by_birth = answered(&client, base, &token, |i| format!("birth_date={}", birth(i * 7919 % LEDGER_SIZE)));
    let (latencies, failures, elapsed) = closed_loop(CONNECTIONS, SECONDS, by_birth).await;
    report("search_birth_date_1m", &latencies, failures, elapsed);

    let by_number = {
        let (client, token) = (client.clone(), token.clone());
        move |i: u64| {
            let (client, token) = (client.clone(), token.clone());
            let g = i * 7919 % (LEDGER_SIZE - IMPORT_LINES);
            let number = format!("B{:02}{:06}", g / 1_000_000, g % 1_000_000);
            async move {
                match client
                    .get(format!("{base}/api/v1/ledger/cards?management_number={number}"))
                    .bearer_auth(token)
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => r.json::<Value>().await.is_ok_and(|page| page["total"] == 1),
                    _ => false,
                }
            }
        }
    };
    let (latencies, failures, elapsed) = closed_loop(CONNECTIONS, SECONDS, by_number).await;
    report("search_management_number_1m", &latencies, failures, elapsed);

    if !filled_before {
        // (c) A week's delivery inspected at once: every card whose name contains 髙橋 﨑子1.
        let started = Instant::now();
        let response = client
            .post(format!("{base}/api/v1/ledger/cards/bulk-steps"))
            .bearer_auth(&token)
            .json(&json!({ "step": "inspect", "on_date": "2026-12-01", "filter": { "name": "髙橋 﨑子1" } }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let status = response.status();
        let body: Value = response.json().await.unwrap_or_default();
        let elapsed = started.elapsed();
        assert!(status.is_success(), "bulk step failed: {status} {body}");
        let moved = body["moved"].as_u64().unwrap_or_default();
        println!("bulk_inspect_cards {moved} cards");
        println!("bulk_inspect_seconds {:.2} s", elapsed.as_secs_f64());
        println!("bulk_inspect_rate {:.0} cards/s", moved as f64 / elapsed.as_secs_f64());
    }

    drop(node);
    if kept.is_none() {
        admin
            .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
