//! Graph's error envelope and response headers (GRAPH_FACTS §5.1, §5.4).
//!
//! Every error is `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`
//! (`date` without `Z`). Every response carries `request-id` and `client-request-id` (echoed from
//! the request, or equal to `request-id` when the client sent none), `x-ms-ags-diagnostic`,
//! `Cache-Control: private` and, for JSON, Graph's OData content type. Handlers return a
//! [`GraphError`]; the [`finish`] middleware adds the per-request ids to its body.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::sync::Arc;

use crate::graph::state::GraphState;

/// Graph's JSON content type.
pub const ODATA_JSON: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// An error Graph answers with.
#[derive(Debug, Clone)]
pub struct GraphError {
    /// HTTP status.
    pub status: StatusCode,
    /// Error code, e.g. `ErrorItemNotFound`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// `Retry-After` seconds (429, 503).
    pub retry_after: Option<u64>,
    /// `Location` header (410 resync).
    pub location: Option<String>,
}

impl GraphError {
    /// An error with status, code and message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_string(),
            message: message.into(),
            retry_after: None,
            location: None,
        }
    }

    /// 404 `ErrorItemNotFound`.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ErrorItemNotFound",
            "The specified object was not found in the store.",
        )
    }

    /// 400 `ErrorInvalidIdMalformed`.
    pub fn malformed_id() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidIdMalformed",
            "Id is malformed.",
        )
    }

    /// 400 `BadRequest` for an invalid request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// 429 `ApplicationThrottled` with `Retry-After`.
    pub fn throttled(message: &str, retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "ApplicationThrottled",
                message,
            )
        }
    }

    /// The error body with the request's ids.
    pub fn body(&self, ids: &RequestIds) -> Value {
        json!({"error": {
            "code": self.code,
            "message": self.message,
            "innerError": {
                "date": ids.date.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "request-id": ids.request_id,
                "client-request-id": ids.client_request_id,
            }
        }})
    }
}

impl From<crate::graph::mailbox::Lookup> for GraphError {
    fn from(lookup: crate::graph::mailbox::Lookup) -> Self {
        match lookup {
            crate::graph::mailbox::Lookup::Malformed => Self::malformed_id(),
            crate::graph::mailbox::Lookup::NotFound => Self::not_found(),
        }
    }
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = self.status;
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert("retry-after", HeaderValue::from(secs));
        }
        if let Some(location) = self
            .location
            .as_deref()
            .and_then(|l| HeaderValue::from_str(l).ok())
        {
            response.headers_mut().insert("location", location);
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                "www-authenticate",
                HeaderValue::from_static(
                    "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
                ),
            );
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The ids of one request.
#[derive(Debug, Clone)]
pub struct RequestIds {
    /// Server-generated request id.
    pub request_id: String,
    /// Client's `client-request-id`, or the request id.
    pub client_request_id: String,
    /// When the request arrived.
    pub date: DateTime<Utc>,
}

impl RequestIds {
    /// Ids for a request with these headers at `now`.
    pub fn new(headers: &HeaderMap, now: DateTime<Utc>) -> Self {
        let request_id = uuid::Uuid::new_v4().to_string();
        let client_request_id = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| request_id.clone());
        Self {
            request_id,
            client_request_id,
            date: now,
        }
    }
}

/// Writes the error body (with the request ids) and Graph's headers onto a response.
pub fn finish_response(mut response: Response, ids: &RequestIds) -> Response {
    if let Some(error) = response.extensions_mut().remove::<GraphError>() {
        let bytes = error.body(ids).to_string();
        *response.body_mut() = Body::from(bytes);
        response
            .headers_mut()
            .insert("content-type", HeaderValue::from_static(ODATA_JSON));
    }
    let headers = response.headers_mut();
    if headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
    {
        headers.insert("content-type", HeaderValue::from_static(ODATA_JSON));
        headers.insert("odata-version", HeaderValue::from_static("4.0"));
    }
    for (name, value) in [
        ("request-id", &ids.request_id),
        ("client-request-id", &ids.client_request_id),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    }
    headers.insert(
        "x-ms-ags-diagnostic",
        HeaderValue::from_static(r#"{"ServerInfo":{"DataCenter":"Germany West Central","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"FR1PEPF00000000","ADSiteName":"FRA"}}"#),
    );
    headers
        .entry("cache-control")
        .or_insert(HeaderValue::from_static("private"));
    response
}

/// Middleware: assigns request ids, then finishes the response (error body, headers).
pub async fn finish(
    State(state): State<Arc<GraphState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let ids = RequestIds::new(request.headers(), state.clock.now());
    request.extensions_mut().insert(ids.clone());
    let response = next.run(request).await;
    finish_response(response, &ids)
}
