//! The Graph v1.0 HTTP surface, one file per resource (`me`, `mail_folders`, `messages`, `delta`,
//! `attachments`, `batch`, `events`, `calendar_view`, `calendar_delta`, with what the event
//! endpoints share in `event_query`; `contact_folders`, `contacts`, `contact_delta`,
//! `contact_photo`, with what the contact endpoints share in `contact_query`).
//!
//! Every handler resolves the signed-in person from the bearer token ([`Caller`]): a missing,
//! unknown or expired token is 401 `InvalidAuthenticationToken`; a token without the delegated
//! permission the resource needs (`Mail.Read`/`Mail.ReadWrite`, `Calendars.Read`/
//! `Calendars.ReadWrite`, `Contacts.Read`/`Contacts.ReadWrite`) is 403 `ErrorAccessDenied`.

pub mod attachments;
pub mod batch;
pub mod calendar_delta;
pub mod calendar_view;
pub mod caller;
pub mod contact_delta;
pub mod contact_folders;
pub mod contact_photo;
pub mod contact_query;
pub mod contacts;
pub mod delta;
pub mod event_query;
pub mod events;
pub mod mail_folders;
pub mod me;
pub mod messages;
pub mod respond;
pub mod routes;

pub use caller::Caller;
pub use respond::{apply_body_preference, context, json, json_for, parse_body, project};
pub use routes::{normalize_path, routes};
