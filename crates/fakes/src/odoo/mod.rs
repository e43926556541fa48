//! Fake Odoo external API (JSON-RPC), faithful to `shared/reference/odoo/` (FACTS.md and the
//! transcripts recorded from a real Odoo 17.0).
//!
//! Remote contract it implements:
//! - `POST /jsonrpc` with services `common` (`version`, `login`, `authenticate`), `object`
//!   (`execute_kw`, `execute`) and `db` (`list`, `server_version`); login by password or API key;
//!   error objects and messages exactly as the transcripts show them (see `errors.rs`).
//! - `POST /json/2/<model>/<method>` (bearer API key, `X-Odoo-Database`) only when pretending to be
//!   Odoo 19; on 16-18 an HTML 404 like transcript 163.
//! - ORM semantics in `orm.rs` and `domain.rs`, access rights in `access.rs`, chatter, followers and
//!   the outbox in `mail.rs`, calendar in `calendar.rs`, worlds in `seeds.rs`, version
//!   differences in `version.rs`.
//! - The control API under `/_fake/...` is documented in `control.rs`: seed, faults (latency,
//!   HTTP 5xx, dropped connections, server down), request counts, outbox, raw records, clock.
//!
//! Not served (the product never uses them): `/web/session/*` cookie logins and
//! `/web/dataset/call_kw`, `ir.model.fields` (custom fields).

pub mod access;
pub mod calendar;
pub mod control;
pub mod domain;
pub mod errors;
pub mod fields;
pub mod mail;
pub mod models;
pub mod orm;
pub mod rpc;
pub mod seeds;
pub mod server;
pub mod state;
pub mod store;
pub mod version;

pub use seeds::{Seed, SeedUser};
pub use server::OdooServer;
pub use state::{Faults, HttpErrorFault, OdooState};
pub use store::{OutboxKind, OutboxMail};
pub use version::OdooVersion;
