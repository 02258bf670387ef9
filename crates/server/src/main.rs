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
    /// Manage the encryption keys.
    Keys {
        #[command(subcommand)]
        action: KeysCommand,
    },
    /// Bring municipalities in, list them, switch them off and on.
    Tenant {
        #[command(subcommand)]
        action: TenantCommand,
    },
}

#[derive(Subcommand)]
enum TenantCommand {
    /// Bring a municipality in: its settings, its data key and its first administrator,
    /// whose one-time password is printed once (they must replace it at first sign-in).
    Create {
        /// The name in its URLs (/r/SLUG/, sign-in): 2 to 32 lowercase letters, digits, hyphens.
        #[arg(long)]
        slug: String,
        /// 地方公共団体コード: six digits, the last a check digit.
        #[arg(long)]
        code: String,
        /// The municipality's name, as residents and staff see it.
        #[arg(long)]
        name: String,
        /// The first administrator's login ID.
        #[arg(long)]
        admin: String,
        /// The first administrator's name (default 管理者).
        #[arg(long)]
        admin_name: Option<String>,
    },
    /// List every municipality with its code, name and standing.
    List,
    /// Switch a municipality off: its residents see the closed page, its staff are
    /// signed out and cannot sign in; its data is kept.
    Disable { slug: String },
    /// Switch a municipality on again.
    Enable { slug: String },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Wrap every municipality's data key under MADOGUCHI_ENCRYPTION_KEY, opening those
    /// still under MADOGUCHI_PREVIOUS_ENCRYPTION_KEY (seconds; no data is touched). With
    /// `--tenant SLUG --data`: give the municipality a new data key and seal its data
    /// again under it while the service keeps serving.
    Rotate {
        /// The municipality whose data key is replaced (with --data).
        #[arg(long, requires = "data")]
        tenant: Option<String>,
        /// Replace the municipality's data key and re-encrypt its data.
        #[arg(long, requires = "tenant")]
        data: bool,
    },
    /// Destroy a municipality's data keys (crypto-shredding, when it leaves after its
    /// export): what they sealed can no longer be read by anyone, and it is no longer
    /// served. There is no undo.
    Destroy {
        /// The municipality.
        #[arg(long)]
        tenant: String,
        /// Confirms that there is no undo.
        #[arg(long)]
        yes: bool,
    },
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
        Command::Keys { action: KeysCommand::Rotate { tenant: Some(slug), data: true } } => {
            let now = AdjustableClock::starting_at(config.clock_start).now();
            let done =
                madoguchi::key_rotation::rotate_data(&config, &slug, now, madoguchi::key_rotation::DATA_KEY_NOTICE)
                    .await?;
            let sealed = done.sealed;
            println!(
                "{slug}: data key version {} seals; sealed again under it: {} bookings, {} ledger cards, {} lines of their history, {} people of the address list, {} scans",
                done.version, sealed.bookings, sealed.cards, sealed.history, sealed.people, sealed.scans
            );
            Ok(())
        }
        Command::Keys { action: KeysCommand::Destroy { tenant, yes } } => {
            if !yes {
                anyhow::bail!("destroying {tenant}'s keys cannot be undone: add --yes once its export is safe");
            }
            let now = AdjustableClock::starting_at(config.clock_start).now();
            let keys = madoguchi::key_rotation::destroy(&config, &tenant, now).await?;
            println!(
                "{tenant}: {keys} data keys destroyed; its sealed data can no longer be read, and it is not served"
            );
            Ok(())
        }
        Command::Tenant { action } => tenant(&config, action).await,
        Command::Keys { action: KeysCommand::Rotate { .. } } => {
            let now = AdjustableClock::starting_at(config.clock_start).now();
            let keys = madoguchi::key_rotation::rotate_kek(&config, now).await?;
            println!(
                "{keys} data keys are wrapped under MADOGUCHI_ENCRYPTION_KEY; remove MADOGUCHI_PREVIOUS_ENCRYPTION_KEY \
                 from every node's configuration"
            );
            Ok(())
        }
    }
}

async fn tenant(config: &Config, action: TenantCommand) -> anyhow::Result<()> {
    use madoguchi::tenant_admin::{self, NewMunicipality};
    let now = AdjustableClock::starting_at(config.clock_start).now();
    match action {
        TenantCommand::Create { slug, code, name, admin, admin_name } => {
            let new = NewMunicipality { slug, code, name, admin, admin_name };
            let created = tenant_admin::create(config, &new, now).await?;
            println!(
                "{} ({}) is served at {}/r/{}/\nits administrator `{}` signs in once with: {}\n\
                 (shown only now; they choose their own password at that first sign-in)",
                created.tenant.name,
                created.tenant.code,
                config.public_url.trim_end_matches('/'),
                created.tenant.slug,
                created.admin,
                created.one_time_password
            );
        }
        TenantCommand::List => {
            for listed in tenant_admin::list(config).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    listed.slug,
                    listed.code,
                    listed.name,
                    listed.standing.as_str(),
                    listed.created_at.format("%Y-%m-%d")
                );
            }
        }
        TenantCommand::Disable { slug } => {
            let changed = tenant_admin::set_disabled(config, &slug, true, now).await?;
            println!("{slug}: {}", if changed { "switched off" } else { "was off already" });
        }
        TenantCommand::Enable { slug } => {
            let changed = tenant_admin::set_disabled(config, &slug, false, now).await?;
            println!("{slug}: {}", if changed { "switched on" } else { "was on already" });
        }
    }
    Ok(())
}
