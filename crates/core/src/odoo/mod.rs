//! The Odoo side: the external JSON-RPC API of Odoo 16–19, as one user with an API key.
//!
//! - [`url`]: what a person pastes → the server's base URL.
//! - [`rpc`]: the `/jsonrpc` transport, the envelope and the typed model calls.
//! - [`error`]: Odoo's error shapes as typed errors; [`messages`]: their texts.
//! - [`connect`]: database detection, login, version and the user read once at connect.
//! - [`partners`], [`chatter`], [`opportunities`]: the models the jobs read and write.

pub mod calendar;
pub mod chatter;
pub mod connect;
pub mod contact_directory;
pub mod contacts;
pub mod error;
pub mod messages;
pub mod opportunities;
pub mod partners;
pub mod rpc;
pub mod url;

pub use connect::{ConnectRequest, Connected, OdooAccount};
pub use error::OdooError;
pub use rpc::{JsonRpc, OdooClient, SearchRead, ServerVersion, Timeouts};
pub use url::OdooUrl;

/// The secret-store name of the Odoo API key (or password).
pub const SECRET_NAME: &str = "odoo.api_key";
