//! The UI-free engine of the Odoo Office Connector.
//!
//! Everything the desktop app can do goes through this crate, so the CLI can do it too. It never
//! depends on Tauri or clap (a CI step checks `cargo tree`).
