//! The `madoguchi` service: configuration, command line, wiring, SPAs. Thin: the
//! business lives in the other crates.

pub mod app;
pub mod config;
pub mod demo;
pub mod key_rotation;
pub mod mail_worker;
pub mod secrets;
pub mod spa;
pub mod telemetry;
pub mod tenant_admin;

pub use app::Application;
pub use config::Config;
