//! The fake Microsoft identity platform (v2.0 endpoints per tenant): directory and app
//! registrations, grants and tokens, Microsoft's error shapes, and the HTTP endpoints
//! `/login/{tenant}/oauth2/v2.0/{authorize,token,devicecode}`.

pub mod apps;
pub mod endpoints;
pub mod errors;
pub mod tokens;
