//! Shared support for the integration tests: temporary state homes, fakes, the CLI binary.

pub mod calendar;
pub mod calendar_job;
pub mod contacts;
pub mod fakes_odoo;
pub mod graph;
pub mod graph_schema;
pub mod mail;
pub mod microsoft;
pub mod odoo_client;

pub mod cli;
pub mod home;
