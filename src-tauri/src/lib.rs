//! The desktop shell `office-connector-desktop`: tray, settings window, scheduler and
//! notifications over the core's use cases. It stays thin: no SQL, no HTTP, no sync logic.
//!
//! - [`app`]: command line, setup and the run loop.
//! - [`commands`]: what the settings window may call; [`wizard`]: its setup wizard's and
//!   Settings page's commands; [`mail`]: the Mail page's commands and the mail job's engine;
//!   [`calendar`]: the Calendar page's commands and the calendar job's engine;
//!   [`contacts`]: the Contacts page's commands (run, list, follow) and the contacts job's engine;
//!   [`error`]: errors for the window; [`ipc`]: the window's commands from their one
//!   declaration (`ipc_commands.rs`).
//! - [`scheduler`]: one timer per job; [`jobs`]: the scheduler's runner over the core.
//! - [`tray`]: icon, tooltip and menu ([`tray_library`]: whether it can be made);
//!   [`window`]: the settings window; [`notify`]: when to tell the user; [`texts`]: the tray's
//!   and notifications' texts (from the core's catalog); [`start_at_login`]: the autostart
//!   entry, turned on at an installed app's first start.
//!
//! [`run_app`] is generic over the runtime so tests build the app on
//! `tauri::test::mock_builder()` (after Tauri's `examples/api`).

pub mod app;
pub mod calendar;
pub mod commands;
pub mod contacts;
pub mod error;
pub mod ipc;
pub mod jobs;
pub mod mail;
pub mod notify;
pub mod scheduler;
pub mod start_at_login;
pub mod state;
pub mod texts;
pub mod tray;
pub mod tray_library;
pub mod window;
pub mod wizard;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod calendar_tests;
#[cfg(test)]
mod contacts_tests;
#[cfg(test)]
mod mail_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wizard_tests;

pub use app::{Launch, RunnerFactory, build_app, build_app_with, core_runner, run, run_app, start};
