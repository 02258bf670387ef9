use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use madoguchi::{Application, Config, app, demo, telemetry};
use madoguchi_http::{AdjustableClock, Clock};

/// Madoguchi: the My Number Card counter service. Configured by environment
/// variables (and a `.env` file); see the README.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve (the default).
    Serve,
    /// Apply migrations and exit.
    Migrate,
    /// Load the demo tenant (idempotent) and exit.
    Demo,
    /// Print the OpenAPI document.
    Openapi,
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", madoguchi_http::openapi::document_json()?);
        return Ok(());
    }
    // Whatever the service writes (the SQLite file, generated keys, `.eml` mails) is for
    // its own user only.
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
    // A missing .env file is normal.
    let _ = dotenvy::dotenv();
    telemetry::init();
    madoguchi_http::middleware::install_panic_hook();
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            if let Some(start) = config.clock_start {
                tracing::warn!(%start, "MADOGUCHI_CLOCK_START is set: the clock does not follow the system's (a setting for tests)");
            }
            let application =
                Application::build(&config, Arc::new(AdjustableClock::starting_at(config.clock_start))).await?;
            if config.demo {
                eprintln!("{}", demo::banner(&config.public_url));
            }
            tracing::info!(bind = %config.bind, port = application.port, "serving");
            application.run().await.context("the server failed")
        }
        Command::Migrate => {
            app::open_database(&config).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Demo => {
            let db = app::open_database(&config).await?;
            let now = AdjustableClock::starting_at(config.clock_start).now();
            let keys = app::open_keys(&config, &db, now).await?;
            demo::load(&db, &keys, now).await?;
            println!("{}", demo::banner(&config.public_url));
            Ok(())
        }
        Command::Openapi => Ok(()),
    }
}
