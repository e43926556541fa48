//! Microsoft 365: sign-in with the Microsoft identity platform and the Graph v1.0 client.
//!
//! - [`auth`]: authorization code + PKCE with a loopback redirect, device code, token refresh
//!   with rotation (single flight), the replaceable URL opener; [`loopback`]: the listener that
//!   receives the browser's redirect.
//! - [`client`]: the HTTP client (auth header, paging, retries, 4 requests per mailbox);
//!   [`sleep`]: its injectable waits.
//! - One file per resource: [`me`], [`mail_folders`], [`messages`] (with delta), [`batch`].
//! - [`error`]: typed errors; [`texts`]: their German and English messages.
//!
//! The Microsoft use cases of a session (connect, test, folders, disconnect) live in
//! `crate::api`.

pub mod auth;
pub mod batch;
pub mod client;
pub mod contacts;
pub mod error;
pub mod events;
pub mod loopback;
pub mod mail_folders;
pub mod me;
pub mod messages;
pub mod sleep;
pub mod texts;

#[cfg(test)]
mod page_tests;
