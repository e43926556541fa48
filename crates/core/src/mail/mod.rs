//! The mail job: transfer folders in Outlook → the chatter of the matching Odoo contacts,
//! exactly once (issue 6).
//!
//! A run is collect → plan → apply → report (STYLE "One sync run"):
//! - [`address`]: normalising addresses and splitting Odoo e-mail fields that hold several.
//! - [`key`]: the stable key of a mail (its RFC Message-ID, else a content key) that colleagues'
//!   copies share.
//! - [`matching`]: which Odoo contacts an address matches (archived ones and, by default,
//!   colleagues' partners never do).
//! - [`plan`]: the pure planner: mails, contacts, decisions and what is already filed in, a
//!   sorted [`plan::Plan`] out; no I/O, no clock.
//! - [`remote`]: the seams — what the job asks of the mailbox and of Odoo, as traits.
//! - [`body`]: the sanitised HTML body and its header; [`decisions`]: the Decisions and
//!   Unassigned lists; [`engine`]: one run (collect, plan and apply a page at a time, with the
//!   journal); [`report`]: what a run reports and its progress;
//!   [`texts`]: its German and English texts; [`transfer_folder`]: which mail folder a typed
//!   id or path names.

pub mod address;
mod apply;
pub mod body;
pub(crate) mod collect;
pub mod decisions;
pub mod engine;
pub mod file_names;
#[cfg(test)]
mod input_properties;
pub mod key;
#[cfg(test)]
mod machine_tests;
pub mod matching;
#[cfg(test)]
pub(crate) mod memory;
pub mod notes;
pub mod options;
pub mod plan;
pub mod remote;
pub mod report;
mod round;
pub mod state;
pub mod texts;
pub mod transfer_folder;
