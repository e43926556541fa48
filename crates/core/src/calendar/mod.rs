//! The calendar job: the person's Outlook calendar → Odoo's calendar, one Odoo event per
//! meeting, nobody mailed (issue 15). Outlook leads; the job never writes to Outlook.
//!
//! A run is collect → plan → apply → report, as the mail job (decision 0009):
//! - [`window`]: which dates are read (start date to a year ahead, ≤ 5-year windows).
//! - [`zones`]: Graph's `{dateTime, timeZone}` as instants (Windows names through CLDR).
//! - [`event`]: an Outlook event read into exact times and parsed addresses.
//! - [`remote`]: the seams — what the job asks of Outlook and of Odoo, as traits.
//! - [`plan`]: the pure planner (identity, join or create, Outlook leads, cancellations).
//! - [`engine`]: one run, a delta page at a time; [`apply`]: the writes, journaled.
//! - [`report`]: each event's outcome and the summary; [`notes`]: the sentences.

mod apply;
pub mod engine;
#[cfg(test)]
mod engine_tests;
pub mod error;
pub mod event;
#[cfg(test)]
mod memory;
pub mod notes;
pub mod options;
pub mod plan;
#[cfg(test)]
mod plan_tests;
pub mod remote;
pub mod report;
pub mod window;
pub mod zones;
