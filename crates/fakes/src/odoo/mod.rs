//! Fake Odoo external API (JSON-RPC), faithful to `shared/reference/odoo/` (FACTS.md and the
//! transcripts recorded from a real Odoo 17.0).
//!
//! Remote contract it implements:
//! - `POST /jsonrpc` with services `common` (`version`, `login`, `authenticate`), `object`
//!   (`execute_kw`, `execute`) and `db` (`list`, `server_version`); login by password or API key;
//!   error objects and messages exactly as the transcripts show them (see `errors.rs`).
//! - `POST /json/2/<model>/<method>` (bearer API key, `X-Odoo-Database`) only when pretending to be
//!   Odoo 19; on 16-18 an HTML 404 like transcript 163.
//! - ORM semantics in `orm.rs` and `domain.rs`, access rights in `access.rs`, chatter and the
//!   outbox in `mail.rs`, followers in `followers.rs`, contacts (`res.partner`: computed fields,
//!   photos as attachments, address sync) in `partners.rs`, damaged images refused as
//!   attachments in `images.rs`, calendar in `calendar.rs` (its mails in `calendar_mail.rs`,
//!   reminders in `alarms.rs`), custom fields in `custom_fields.rs`, the microsoft_calendar
//!   module in `microsoft.rs`, worlds in `seeds.rs`, version differences in `version.rs`.
//!
//! # Control API (`/_fake/...`, JSON)
//!
//! For tests, `demo` and benchmarks. Faults apply to the API routes only (`/jsonrpc`,
//! `/json/2`), never to the control API.
//!
//! | method + path | body / answer |
//! |---|---|
//! | `GET /_fake/health` | `{"ok": true, "version": 17, "seed": "demo", "modules": []}` |
//! | `POST /_fake/seed` | `{"seed": "empty"\|"demo"\|"transcripts", "modules": ["microsoft_calendar"]}` → resets every database (`modules` optional, for `empty` and `demo`; `transcripts` keeps `o365` without and `o365_ms` with microsoft_calendar); answers the users |
//! | `GET /_fake/users` | the seed's people with db, login, password, API key, uid, partner id |
//! | `GET/PUT/DELETE /_fake/faults` | `{"latency_ms": N, "http_error": {"status": 503, "model": "res.partner", "method": "write", "skip": 0, "count": 1}, "drop_connections": N, "down": bool, "hold_posts": N, "refuse_posts_containing": "text"}` (`hold_posts`: every `message_post` waits until N have arrived; `refuse_posts_containing`: a post with that text is refused with a `ValidationError`; `max_request_bytes`: a proxy answering 413 above that size — without it the limit is Odoo's 128 MiB) |
//! | `GET/DELETE /_fake/requests` | `{"total": N, "counts": {"res.partner.search_read": 3, "common.authenticate": 1}}` / reset |
//! | `GET/DELETE /_fake/outbox` | every e-mail a real Odoo would have sent or queued: `[{db, kind, partner_id, email, subject, model, res_id, mail_message_id, mail_id, state, caused_by_uid}]`, `?db=&kind=` to filter / clear (details in `control.rs`) |
//! | `POST /_fake/cron` | `{"job": "calendar_reminder"\|"mail_queue"}` runs that scheduled job now → `{"job", "sent": N}` |
//! | `GET /_fake/records/{db}/{model}` | all records in stored form (many2one = id), `?ids=1,2` to pick |
//! | `POST /_fake/records/{db}/{model}` | `{"id": optional, "values": {...}}` inserts a record as stored, bypassing access rights; answers `{"id": N}` |
//! | `GET/PUT /_fake/clock` | `{"now": "YYYY-MM-DD HH:MM:SS"}` freezes the clock, `{"advance_seconds": N}` moves it |
//! | `POST /_fake/act` | `{"db": optional, "login": "...", "model": "res.partner", "method": "write", "args": [[14], {"active": false}], "kwargs": {}}` runs the method as that person (their rights, no password) → `{"result": ...}`, `{}` for None, or `{"error": {Odoo's error object}}` (details in `control.rs`) |
//!
//! Not served (the product never uses them): `/web/session/*` cookie logins and
//! `/web/dataset/call_kw`, custom models (`ir.model` create).

pub mod access;
pub mod alarms;
pub mod calendar;
pub mod calendar_mail;
pub mod control;
pub mod custom_fields;
pub mod domain;
pub mod errors;
pub mod fields;
pub mod followers;
pub mod image_sizes;
pub mod images;
pub mod mail;
pub mod microsoft;
pub mod models;
pub mod orm;
pub mod partners;
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
