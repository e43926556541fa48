//! The UI-free engine of the Odoo Office Connector.
//!
//! Everything the desktop app can do goes through this crate, so the CLI can do it too. It never
//! depends on Tauri or clap (a CI step checks `cargo tree`).
//!
//! - [`api`]: the use cases (open a state home, settings, runs, status).
//! - [`home`]: where state lives; [`settings`]: options and the admin policy.
//! - [`store`]: SQLite (accounts, cursors, links, journal, runs); [`run_lock`]: one run per job.
//! - [`runlog`]: recording a run; [`secrets`]: the OS keyring.
//! - [`error`]: the UI-facing error; [`i18n`]: the typed texts (the desktop app's own in
//!   [`desktop_texts`]), formatted from the Fluent files by [`catalogue`]; [`language`]: the
//!   languages (a leaf).

pub mod api;
pub mod catalogue;
#[cfg(test)]
mod catalogue_tests;
pub mod clock;
pub mod desktop_texts;
pub mod error;
pub mod error_code;
pub mod graph;
pub mod home;
pub mod i18n;
pub mod language;
pub mod mail;
pub mod model;
pub mod odoo;
pub mod run_lock;
pub mod runlog;
pub mod secrets;
pub mod settings;
pub mod store;
