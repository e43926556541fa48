//! Integration tests: the core and the `office-connector` CLI against the fakes.
//!
//! One binary with a module per area, because linking is the slow part on a 2-core machine.

mod graph_signin;
mod ms_signin;
mod graph_client;
mod cli_connect_microsoft;

mod cli_demo;
mod cli_runs;
mod cli_status;
mod core_settings;
mod odoo_contract;
mod graph_mail;
mod graph_protocol;
mod graph_contract;
mod odoo_access;
mod odoo_control;
mod odoo_domains;
mod odoo_outbox;
mod odoo_versions;
mod odoo_fakes_command;
mod odoo_records;
mod odoo_client;
mod cli_connect_odoo;
mod cli_config;
mod graph_fakes_command;
