//! Who a Graph request acts for: the bearer token resolved to a person and their mailbox, the
//! delegated permission the resource needs, and the request's `Prefer` headers.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};

use crate::graph::identity::tokens::AccessProblem;
use crate::graph::mailbox::Mailbox;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::Preferences;
use crate::graph::state::GraphState;

/// The delegated permissions of which the request needs one, by resource and method.
fn needed_permission(parts: &Parts) -> Option<&'static [&'static str]> {
    let path = parts.uri.path();
    let read = parts.method == axum::http::Method::GET;
    if path.contains("/mailFolders") || path.contains("/messages") {
        Some(if read {
            &["Mail.Read", "Mail.ReadWrite"]
        } else {
            &["Mail.ReadWrite"]
        })
    } else if path.contains("/events") || path.contains("/calendarView") {
        Some(if read {
            &["Calendars.Read", "Calendars.ReadWrite"]
        } else {
            &["Calendars.ReadWrite"]
        })
    } else if path.contains("/contacts") || path.contains("/contactFolders") {
        Some(if read {
            &["Contacts.Read", "Contacts.ReadWrite"]
        } else {
            &["Contacts.ReadWrite"]
        })
    } else {
        None
    }
}

/// The signed-in person a request acts for, with its `Prefer` headers.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Lower-case UPN, the mailbox key.
    pub mailbox: String,
    /// `Prefer` headers.
    pub prefs: Preferences,
}

impl FromRequestParts<Arc<GraphState>> for Caller {
    type Rejection = GraphError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<GraphState>,
    ) -> Result<Self, GraphError> {
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let now = state.clock.now();
        let world = state.world();
        let unauthorized = |message: &str| {
            GraphError::new(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                message,
            )
        };
        match world.identity.access_grant(authorization, now) {
            Ok((upn, scopes)) => {
                let mailbox = upn.to_ascii_lowercase();
                if !world.mailboxes.contains_key(&mailbox) {
                    return Err(GraphError::new(
                        StatusCode::NOT_FOUND,
                        "MailboxNotEnabledForRESTAPI",
                        "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
                    ));
                }
                if let Some(needed) = needed_permission(parts)
                    && !scopes
                        .iter()
                        .any(|s| needed.iter().any(|n| s.eq_ignore_ascii_case(n)))
                {
                    return Err(GraphError::new(
                        StatusCode::FORBIDDEN,
                        "ErrorAccessDenied",
                        "Access is denied. Check credentials and try again.",
                    ));
                }
                Ok(Caller {
                    mailbox,
                    prefs: Preferences::from_headers(&parts.headers),
                })
            }
            Err(AccessProblem::Missing) => Err(unauthorized("Access token is empty.")),
            Err(AccessProblem::Malformed) => Err(unauthorized(
                "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.",
            )),
            Err(AccessProblem::Expired) => Err(unauthorized(
                "Lifetime validation failed, the token is expired.",
            )),
        }
    }
}

impl Caller {
    /// Runs `f` on the caller's mailbox under the world lock.
    pub fn with_mailbox<R>(
        &self,
        state: &GraphState,
        f: impl FnOnce(&mut Mailbox) -> Result<R, GraphError>,
    ) -> Result<R, GraphError> {
        let mut world = state.world();
        let mailbox = world
            .mailboxes
            .get_mut(&self.mailbox)
            .ok_or_else(GraphError::not_found)?;
        f(mailbox)
    }
}
