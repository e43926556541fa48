//! The contacts job: the Odoo contacts a person follows, kept in their Outlook address book
//! (issue 16). Odoo leads; the person's own Outlook contacts are never touched.
//!
//! Built so far, pure and tested: [`selection`] (which contacts: the subscription),
//! [`mapping`] (an Odoo contact as the Graph `contact` body, its hash, what did not fit) and
//! [`backlink`] (the link back to the Odoo record in the form the version uses) and [`plan`]
//! (Odoo leads: create, update, overwrite Outlook edits, recreate, relink, delete or let go). The engine
//! (collect → plan → apply on Graph `$batch` → report) follows the calendar job's frame.

pub mod backlink;
pub mod directory_texts;
pub mod engine;
#[cfg(test)]
mod engine_tests;
pub mod mapping;
pub mod notes;
pub mod plan;
pub mod remote;
pub mod selection;
