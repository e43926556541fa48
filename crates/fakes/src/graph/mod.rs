//! Fake Microsoft identity platform and Microsoft Graph v1.0 (see shared/reference/graph/).
//!
//! One loopback server ([`FakeGraph::start`]) serves:
//! - `/login/{tenant}/oauth2/v2.0/{authorize,token,devicecode}` — the identity platform
//!   ([`identity`]): auth code + PKCE with `login_hint` sign-in, refresh tokens that replace
//!   themselves on every use (the old one stays valid, as Microsoft documents), device code,
//!   public vs Web app registrations, and Microsoft's AADSTS error bodies.
//! - `/v1.0/...` — Graph ([`api`]): `/me`, mail folders, messages, per-folder message delta,
//!   attachments, MIME, move, delete, `$batch`, events, calendarView and calendarView delta
//!   (with `Prefer: outlook.timezone`), contact folders, contacts with extended properties and
//!   photos, and per-folder contact delta; the error envelope, request ids, throttling
//!   (4 concurrent requests per mailbox, request budget per window) and injected faults
//!   ([`protocol`]).
//! - `/_fake/...` — the control API ([`control`], documented there): seed people and mail, act as
//!   the person in Outlook (mail, calendar and contacts), inject faults, expire delta tokens, revoke refresh
//!   tokens, approve device codes, move or set the clock, read request counts.
//!
//! The demo content ([`seed`]) has the people Lena Schäfer and Jonas Weiß (the fake Odoo's demo
//! salesperson and colleague) with their transfer
//! folders `Odoo Eingang` and `Odoo Ausgang`, a week of meetings and a few contacts of their own.
//! The calendar and the contacts are stores beside the messages in [`mailbox`], with resource
//! files in [`api`].

pub mod api;
pub mod clock;
pub mod control;
pub mod identity;
pub mod mailbox;
pub mod protocol;
pub mod seed;
pub mod server;
pub mod state;

pub use clock::FakeClock;
pub use server::{DemoAccount, FakeGraph, GraphConfig, GraphSeed};
