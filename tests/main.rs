//! Integration tests: the core and the `office-connector` CLI against the fakes.
//!
//! One binary with a module per area, because linking is the slow part on a 2-core machine.

mod cli_connect_microsoft;
mod graph_calendar;
mod graph_client;
mod graph_contacts;
mod graph_signin;
mod ms_signin;

mod account_checks;
mod calendar_cli;
mod calendar_sync;
mod cli_broken_home;
mod cli_config;
mod cli_connect_odoo;
mod cli_demo;
mod cli_runs;
mod cli_status;
mod contact_directory;
mod contacts_cli;
mod contacts_faults;
mod contacts_folder;
mod contacts_input;
mod contacts_options;
mod contacts_subscription;
mod contacts_sync;
mod core_settings;
mod graph_contract;
mod graph_fakes_command;
mod graph_mail;
mod graph_mime;
mod graph_protocol;
mod mail_access;
mod mail_attachments;
mod mail_cli;
mod mail_crash;
mod mail_hostile;
mod mail_input;
mod mail_opportunity;
mod mail_refusals;
mod mail_storm;
mod mail_sync;
mod odoo_access;
mod odoo_calendar_fake;
mod odoo_client;
mod odoo_contacts_fake;
mod odoo_contract;
mod odoo_control;
mod odoo_domains;
mod odoo_fakes_command;
mod odoo_outbox;
mod odoo_records;
mod odoo_versions;
mod transfer_folders;
