//! The Graph v1.0 HTTP surface, one file per resource (`me`, `mail_folders`, `messages`, `delta`,
//! `attachments`, `batch`). Calendar (`events`, `calendarView`) and contacts (`contacts`,
//! `contactFolders`) get their own files here and their stores in `mailbox`, reusing [`Caller`],
//! the OData parsing and paging links, the error envelope and the throttling gate.
//!
//! Every handler resolves the signed-in person from the bearer token ([`Caller`]): a missing,
//! unknown or expired token is 401 `InvalidAuthenticationToken`; a token without the delegated
//! permission the resource needs (`Mail.Read`/`Mail.ReadWrite`) is 403 `ErrorAccessDenied`.

pub mod attachments;
pub mod batch;
pub mod delta;
pub mod mail_folders;
pub mod me;
pub mod messages;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use super::mailbox::Mailbox;
use super::protocol::errors::GraphError;
use super::protocol::query::Preferences;
use super::state::GraphState;
use crate::graph::identity::tokens::AccessProblem;

/// All Graph routes (mounted under `/v1.0`), without the throttling gate.
pub fn routes() -> Router<Arc<GraphState>> {
    Router::new()
        .route("/me", get(me::get))
        .route(
            "/me/mailFolders",
            get(mail_folders::list_root).post(mail_folders::create_in_root),
        )
        .route("/me/mailFolders/{folder_id}", get(mail_folders::get))
        .route(
            "/me/mailFolders/{folder_id}/childFolders",
            get(mail_folders::list_children).post(mail_folders::create_child),
        )
        .route("/me/mailFolders/{folder_id}/messages", get(messages::list))
        .route(
            "/me/mailFolders/{folder_id}/messages/delta",
            get(delta::get),
        )
        .route(
            "/me/mailFolders/{folder_id}/messages/{message_id}",
            get(messages::get_in_folder),
        )
        .route(
            "/me/mailFolders/{folder_id}/messages/{message_id}/$value",
            get(messages::mime_in_folder),
        )
        .route(
            "/me/messages/{message_id}",
            get(messages::get)
                .patch(messages::update)
                .delete(messages::delete),
        )
        .route("/me/messages/{message_id}/$value", get(messages::mime))
        .route("/me/messages/{message_id}/move", post(messages::move_to))
        .route(
            "/me/messages/{message_id}/attachments",
            get(attachments::list),
        )
        .route(
            "/me/messages/{message_id}/attachments/{attachment_id}",
            get(attachments::get),
        )
        .route(
            "/me/messages/{message_id}/attachments/{attachment_id}/$value",
            get(attachments::value),
        )
        .route("/$batch", post(batch::post))
}

/// Path segments Graph matches case-insensitively, in the spelling our routes use.
const SEGMENTS: &[&str] = &[
    "me",
    "mailFolders",
    "childFolders",
    "messages",
    "delta",
    "move",
    "attachments",
    "$value",
    "$batch",
    "v1.0",
];

/// Rewrites Graph's case-insensitive path segments (`mailfolders` → `mailFolders`) and OData key
/// segments (`mailfolders('id')` → `mailFolders/id`) before routing.
pub fn normalize_path<B>(mut request: axum::http::Request<B>) -> axum::http::Request<B> {
    let uri = request.uri().clone();
    let path = uri.path();
    let normalized: Vec<String> = path
        .split('/')
        .map(|seg| {
            // OData key syntax, as Graph writes it in delta links: `mailfolders('AQMk...')`.
            if let Some((name, key)) = seg.split_once("('")
                && let Some(key) = key.strip_suffix("')")
                && let Some(known) = SEGMENTS.iter().find(|s| s.eq_ignore_ascii_case(name))
            {
                return format!("{known}/{key}");
            }
            SEGMENTS
                .iter()
                .find(|s| s.eq_ignore_ascii_case(seg))
                .map(|s| s.to_string())
                .unwrap_or_else(|| seg.to_string())
        })
        .collect();
    let normalized = normalized.join("/");
    if normalized != path {
        let pq = match uri.query() {
            Some(q) => format!("{normalized}?{q}"),
            None => normalized,
        };
        if let Ok(new) = pq.parse::<axum::http::uri::PathAndQuery>() {
            let mut parts = uri.into_parts();
            parts.path_and_query = Some(new);
            if let Ok(new_uri) = axum::http::Uri::from_parts(parts) {
                *request.uri_mut() = new_uri;
            }
        }
    }
    request
}

/// The delegated permissions of which the request needs one, by resource and method.
fn needed_permission(parts: &Parts) -> Option<&'static [&'static str]> {
    let path = parts.uri.path();
    if path.contains("/mailFolders") || path.contains("/messages") {
        if parts.method == axum::http::Method::GET {
            Some(&["Mail.Read", "Mail.ReadWrite"])
        } else {
            Some(&["Mail.ReadWrite"])
        }
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

/// Parses a JSON request body, answering Graph's 400 when it is not valid JSON of that shape.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, GraphError> {
    serde_json::from_slice(body).map_err(|e| {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "RequestBodyRead",
            format!("Cannot read the request body: {e}"),
        )
    })
}

/// Rewrites `body`/`uniqueBody` of messages in `value` to text when the caller prefers text.
pub fn apply_body_preference(caller: &Caller, value: &mut Value) {
    if !caller.prefs.text_body {
        return;
    }
    match value {
        Value::Object(map) => {
            for key in ["body", "uniqueBody"] {
                if let Some(Value::Object(body)) = map.get_mut(key)
                    && body.get("contentType").and_then(Value::as_str) == Some("html")
                {
                    let text = crate::graph::mailbox::message::html_to_text(
                        body.get("content")
                            .and_then(Value::as_str)
                            .unwrap_or_default(),
                    );
                    body.insert("contentType".into(), Value::from("text"));
                    body.insert("content".into(), Value::from(text));
                }
            }
            if let Some(Value::Array(items)) = map.get_mut("value") {
                items
                    .iter_mut()
                    .for_each(|item| apply_body_preference(caller, item));
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| apply_body_preference(caller, item)),
        _ => {}
    }
}

/// A JSON response with `status`, saying which `Prefer` headers were honoured.
pub fn json_for(
    caller: &Caller,
    status: StatusCode,
    mut body: Value,
    honours_page_size: bool,
) -> Response {
    apply_body_preference(caller, &mut body);
    let mut response = json(status, body);
    let mut applied = Vec::new();
    if caller.prefs.text_body {
        applied.push("outlook.body-content-type=\"text\"".to_string());
    }
    if caller.prefs.immutable_ids {
        applied.push("IdType=\"ImmutableId\"".to_string());
    }
    if let Some(n) = caller.prefs.max_page_size.filter(|_| honours_page_size) {
        applied.push(format!("odata.maxpagesize={n}"));
    }
    if !applied.is_empty()
        && let Ok(v) = axum::http::HeaderValue::from_str(&applied.join(","))
    {
        response.headers_mut().insert("preference-applied", v);
    }
    response
}

/// Keeps only `id`, annotations and the `select`ed properties of an entity (Graph's `$select`).
pub fn project(value: Value, select: Option<&[String]>) -> Value {
    let (Some(select), Value::Object(map)) = (select, &value) else {
        return value;
    };
    Value::Object(
        map.iter()
            .filter(|(k, _)| {
                k.contains('@') || *k == "id" || select.iter().any(|s| s.eq_ignore_ascii_case(k))
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// A JSON response with `status`.
pub fn json(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// `@odata.context` for `fragment` (e.g. `Collection(message)`).
pub fn context(state: &GraphState, fragment: &str) -> String {
    format!("{}/$metadata#{fragment}", state.graph_url())
}
