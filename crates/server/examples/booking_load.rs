//! Load figures for the booking engine on PostgreSQL, through two server processes,
//! printed as `metric value unit` lines:
//! (a) 200 distinct residents race for one slot of 6 places: bookings made, overbookings;
//! (b) the month availability view at 64 connections: requests/s, p50, p99;
//! (c) bookings spread over many slots at 64 connections: bookings/s, p99;
//! (d) a trivial endpoint of the same server, for the framework's own ceiling.
//!
//! `scripts/bench-bookings.sh` builds the release binary and runs this.

use std::sync::Arc;
use std::time::Duration;

#[path = "support/load.rs"]
mod load;

use load::{closed_loop, percentile, start_node, wait_ready};

use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const CONNECTIONS: usize = 64;
const SECONDS: u64 = 10;

fn report(name: &str, latencies: &[Duration], elapsed: Duration, unit: &str) {
    println!("{name}_throughput {:.1} {unit}/s", latencies.len() as f64 / elapsed.as_secs_f64());
    println!("{name}_p50 {:.2} ms", percentile(latencies, 0.50));
    println!("{name}_p99 {:.2} ms", percentile(latencies, 0.99));
}

fn id_of(list: &Value, name: &str) -> String {
    list.as_array()
        .into_iter()
        .flatten()
        .find(|i| i["name"] == name)
        .and_then(|i| i["id"].as_str())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::main]
async fn main() {
    let binary = std::env::args().nth(1).unwrap_or_else(|| "target/release/madoguchi".to_owned());
    let admin_url =
        std::env::var("BENCH_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("madoguchi_bench_{}", std::process::id());
    let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| panic!("PostgreSQL: {e}"));
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap_or_else(|e| panic!("{e}"));
    let database_url = format!("{}/{name}", admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base));

    let client =
        reqwest::Client::builder().pool_max_idle_per_host(CONNECTIONS).build().unwrap_or_else(|e| panic!("{e}"));
    let first = start_node(&binary, &database_url, 18301, true);
    wait_ready(&client, "http://127.0.0.1:18301").await;
    let second = start_node(&binary, &database_url, 18302, false);
    wait_ready(&client, "http://127.0.0.1:18302").await;
    let nodes = ["http://127.0.0.1:18301", "http://127.0.0.1:18302"];

    let locations: Value = client
        .get(format!("{}/api/v1/public/demo/locations", nodes[0]))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let procedures: Value = client
        .get(format!("{}/api/v1/public/demo/procedures", nodes[0]))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let (location, procedure) = (id_of(&locations, "本庁舎"), id_of(&procedures, "マイナンバーカード交付"));
    let tokyo = madoguchi_domain::time::tokyo();
    let today = Utc::now().with_timezone(&tokyo).date_naive();
    let calendar = madoguchi_domain::holidays::HolidayCalendar::default();
    let open_days: Vec<NaiveDate> = (today + chrono::Duration::days(2))
        .iter_days()
        .take(13)
        .filter(|d| d.weekday().num_days_from_monday() < 5 && calendar.closed(*d).is_none())
        .collect();
    let Some(&race_day) = open_days.first() else { panic!("no open day in the window") };
    let person = |i: u64| json!({"management_number": format!("B{:02}{:06}", i % 100, i % 1_000_000), "name": format!("負荷 {i}"), "name_kana": "フカ", "birth_date": format!("19{:02}-{:02}-{:02}", 30 + i % 60, 1 + i % 12, 1 + i % 28)});

    // (a) 200 distinct residents, one 6-place slot, two processes.
    let start = format!("{race_day}T16:30:00+09:00");
    let racers = (0..200_u64).map(|i| {
        let body = json!({"location_id": location, "procedure_id": procedure, "start": start, "applicants": [person(i)], "phone": format!("080{i:08}")});
        let (client, url) = (client.clone(), format!("{}/api/v1/public/demo/bookings", nodes[(i % 2) as usize]));
        let from = load::resident_address(i);
        async move {
            let sent = client.post(url).header("x-forwarded-for", from).json(&body).send().await;
            sent.map(|r| r.status().as_u16()).unwrap_or(0)
        }
    });
    let statuses = futures_util::future::join_all(racers).await;
    let made = statuses.iter().filter(|&&s| s == 201).count();
    println!("race_bookings_made {made} bookings");
    println!("race_overbookings {} bookings", made.saturating_sub(6));
    println!("race_refused_full {} requests", statuses.iter().filter(|&&s| s == 409).count());

    // (b) the month availability view.
    let month = {
        let url = format!(
            "{}/api/v1/public/demo/availability?location_id={location}&procedure_id={procedure}&from={today}&to={}",
            "{node}",
            today + chrono::Duration::days(30)
        );
        let client = client.clone();
        move |i: u64| {
            let url = url.replace("{node}", nodes[(i % 2) as usize]);
            let client = client.clone();
            async move { client.get(url).send().await.is_ok_and(|r| r.status().is_success()) }
        }
    };
    let (latencies, _, elapsed) = closed_loop(CONNECTIONS, SECONDS, month).await;
    report("availability_month", &latencies, elapsed, "requests");

    // (c) bookings spread over every slot of the window; places raised so that none fills.
    let spread_slots: Vec<String> = open_days
        .iter()
        .flat_map(|day| {
            (0..17).map(move |k| format!("{day}T{:02}:{:02}:00+09:00", 8 + (30 + 30 * k) / 60, (30 + 30 * k) % 60))
        })
        .collect();
    let admin_token = load::sign_in(&client, nodes[0], "admin").await;
    let pools: Value = client
        .get(format!("{}/api/v1/admin/pools", nodes[0]))
        .bearer_auth(&admin_token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    let pool = pools
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["location_id"] == location.as_str())
        .and_then(|p| p["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    for weekday in 0..5 {
        client
            .put(format!("{}/api/v1/admin/pools/{pool}/weekdays/{weekday}", nodes[0]))
            .bearer_auth(&admin_token)
            .json(&json!({"plan": {"bands": ["08:30-17:15"], "slot_minutes": 30, "places": 999}}))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let spread = {
        let (client, location, procedure) = (client.clone(), location.clone(), procedure.clone());
        let slots = Arc::new(spread_slots);
        move |i: u64| {
            let n = 10_000 + i;
            let body = json!({"location_id": location, "procedure_id": procedure, "start": slots[(i as usize) % slots.len()], "applicants": [person(n)], "phone": format!("090{n:08}")});
            let (client, url) = (client.clone(), format!("{}/api/v1/public/demo/bookings", nodes[(i % 2) as usize]));
            let from = load::resident_address(n);
            async move {
                let sent = client.post(url).header("x-forwarded-for", from).json(&body).send().await;
                sent.is_ok_and(|r| r.status().as_u16() == 201)
            }
        }
    };
    let (latencies, failed, elapsed) = closed_loop(CONNECTIONS, SECONDS, spread).await;
    report("booking_spread", &latencies, elapsed, "bookings");
    println!("booking_spread_refused {failed} requests");

    // (d) the framework's own ceiling on this machine.
    let trivial = {
        let client = client.clone();
        move |i: u64| {
            let client = client.clone();
            async move {
                client
                    .get(format!("{}/api/health", nodes[(i % 2) as usize]))
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success())
            }
        }
    };
    let (latencies, _, elapsed) = closed_loop(CONNECTIONS, SECONDS, trivial).await;
    report("health", &latencies, elapsed, "requests");

    drop((first, second));
    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
}
