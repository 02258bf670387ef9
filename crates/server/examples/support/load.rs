//! What the load examples share: server processes, a closed-loop load generator and
//! percentiles.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Signs a demo staff user in and returns the access token.
pub async fn sign_in(client: &reqwest::Client, base: &str, login_id: &str) -> String {
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"tenant": "demo", "login_id": login_id, "password": "madoguchi-demo"}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .json()
        .await
        .unwrap_or_default();
    login["access_token"].as_str().unwrap_or_else(|| panic!("no token: {login}")).to_owned()
}

/// A server process, stopped when dropped.
pub struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start_node(binary: &str, database_url: &str, port: u16, demo: bool) -> Node {
    let dir = std::env::temp_dir().join(format!("madoguchi-bench-{port}"));
    let _ = std::fs::create_dir_all(&dir);
    let child = Command::new(binary)
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("MADOGUCHI_BIND", format!("127.0.0.1:{port}"))
        .env("MADOGUCHI_DATA_DIR", &dir)
        .env("MADOGUCHI_DEMO", if demo { "1" } else { "0" })
        .env("MADOGUCHI_JWT_SECRET", "a benchmark signing key that is long enough")
        .env("MADOGUCHI_ENCRYPTION_KEY", "a benchmark encryption key that is long enough")
        // As behind the documented proxy: each simulated resident sends an address of
        // their own, so the per-client limits see many residents, not one load generator.
        .env("MADOGUCHI_TRUST_FORWARDED", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
    Node(child)
}

pub async fn wait_ready(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if client.get(format!("{base}/api/ready")).send().await.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not become ready");
}

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// Runs `connections` loops for `seconds`, each calling `request(i)`; returns the
/// latencies of successful requests (sorted), the count of failed ones and the time taken.
pub async fn closed_loop<F, Fut>(connections: usize, seconds: u64, request: F) -> (Vec<Duration>, u64, Duration)
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let counter = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (request, counter, failures) = (request.clone(), counter.clone(), failures.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    let begun = Instant::now();
                    if request(i).await {
                        latencies.push(begun.elapsed());
                    } else {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap_or_default());
    }
    let elapsed = started.elapsed();
    all.sort();
    (all, failures.load(Ordering::Relaxed), elapsed)
}

/// The address a simulated resident `i` comes from (a private range).
#[must_use]
#[allow(dead_code, reason = "only the booking benchmark plays residents")]
pub fn resident_address(i: u64) -> String {
    format!("10.{}.{}.{}", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)
}
