//! Exchange-style throttling and injected faults, applied per mailbox before a Graph handler runs.
//!
//! Limits (GRAPH_FACTS §5.2): at most 4 concurrent requests per app and mailbox — the fifth gets
//! 429 `ApplicationThrottled` ("Application is over its MailboxConcurrency limit.") with
//! `Retry-After` in seconds — and a request budget per mailbox per window (Exchange: 10,000 per
//! 10 minutes), measured on the fake's clock; both are configurable. Faults (latency, 429 storms,
//! 5xx, dropped connections, requests held until released, and pages spoiled as a hostile or
//! broken server would send them, see [`super::spoil`]) are set through the control API and can
//! target one mailbox and a path fragment; latency is served while holding the concurrency slot,
//! so held requests count.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::errors::GraphError;
use crate::graph::state::GraphState;

/// Throttling limits of the fake Graph.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Concurrent requests allowed per mailbox (Exchange: 4).
    pub max_concurrent_per_mailbox: usize,
    /// `Retry-After` seconds for concurrency 429s.
    pub concurrency_retry_after_secs: u64,
    /// Requests allowed per mailbox per window (Exchange: 10,000).
    pub requests_per_window: u32,
    /// Window length in seconds (Exchange: 600).
    pub window_secs: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_concurrent_per_mailbox: 4,
            concurrency_retry_after_secs: 1,
            requests_per_window: 10_000,
            window_secs: 600,
        }
    }
}

/// What an injected fault does.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Hold the request this long (while it occupies a concurrency slot).
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// Answer 429 `ApplicationThrottled`.
    Throttle {
        /// `Retry-After` seconds.
        retry_after_secs: u64,
    },
    /// Answer a 5xx.
    ServerError {
        /// 500, 502, 503 or 504.
        status: u16,
    },
    /// Close the connection without a complete response.
    DropConnection,
    /// Answer the status and headers, send the first `after_bytes` bytes of the body, then
    /// drop the connection: a transfer that breaks in the middle.
    CutBody {
        /// Bytes of the body sent before the connection drops.
        after_bytes: usize,
    },
    /// Hold the request (in its concurrency slot) until `POST /_fake/graph/release`.
    Hold,
    /// Move the page's `@odata.nextLink` and `@odata.deltaLink` to another server: `base_url`
    /// (e.g. `http://127.0.0.2:4711`) in place of the fake's origin, path and query kept.
    ForeignLink {
        /// Scheme, host and port the links then name.
        base_url: String,
    },
    /// Give the page an `@odata.nextLink` naming the request's own URL (in place of its
    /// deltaLink, if it had one): paging that never ends.
    EndlessPaging,
    /// Spoil message items of the page's `value`: those whose subject contains
    /// `subject_contains` (else the first message) get the fields of `set` (e.g.
    /// `{"subject": 42}` or `{"from": "x"}`) and, with `invalid_utf8`, a byte that is not
    /// UTF-8 at the start of their subject.
    MalformedItem {
        /// Which items (by subject); the page's first message when absent.
        #[serde(default)]
        subject_contains: Option<String>,
        /// Fields set on each such item, wrongly typed as the test likes.
        #[serde(default)]
        set: serde_json::Map<String, serde_json::Value>,
        /// Also put a byte that is not UTF-8 into the subject.
        #[serde(default)]
        invalid_utf8: bool,
    },
}

impl FaultKind {
    /// Whether the fault changes the content of an answer the handler gave.
    fn spoils_page(&self) -> bool {
        matches!(
            self,
            FaultKind::ForeignLink { .. }
                | FaultKind::EndlessPaging
                | FaultKind::MalformedItem { .. }
        )
    }
}

/// A fault with its scope.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Only requests for this mailbox (UPN); all when absent.
    #[serde(default)]
    pub mailbox: Option<String>,
    /// Only requests whose path contains this; all when absent.
    #[serde(default)]
    pub path_contains: Option<String>,
    /// How many requests it hits; every request when absent.
    #[serde(default)]
    pub count: Option<u32>,
}

/// Per-mailbox concurrency and budget accounting.
#[derive(Debug, Default)]
pub struct Throttle {
    inflight: Mutex<HashMap<String, usize>>,
    windows: Mutex<HashMap<String, (DateTime<Utc>, u32)>>,
}

/// A held concurrency slot; released when dropped (also when the client disconnects).
#[derive(Debug)]
pub struct Slot {
    state: Arc<GraphState>,
    mailbox: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut inflight = self
            .state
            .throttle
            .inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(n) = inflight.get_mut(&self.mailbox) {
            *n = n.saturating_sub(1);
        }
    }
}

/// What the gate decided for one request.
pub enum Admission {
    /// Go ahead after this latency (and, if held, after the next release), then spoil the
    /// answer with these faults.
    Proceed(
        std::time::Duration,
        Option<tokio::sync::watch::Receiver<u64>>,
        Vec<FaultKind>,
    ),
    /// Answer with this error.
    Reject(GraphError),
    /// Drop the connection.
    Drop,
    /// Run the handler, then drop the connection after this many bytes of its body.
    Cut(usize),
}

/// Counts the request, applies faults and the request budget (not concurrency).
pub fn admit(
    state: &GraphState,
    mailbox: &str,
    endpoint: &str,
    path: &str,
    now: DateTime<Utc>,
) -> Admission {
    {
        let mut requests = state.requests.lock().unwrap_or_else(|e| e.into_inner());
        *requests
            .entry((endpoint.to_string(), mailbox.to_string()))
            .or_insert(0) += 1;
    }
    let effects = {
        let mut faults = state.faults.lock().unwrap_or_else(|e| e.into_inner());
        let effects = fault_effects(state, &mut faults, mailbox, path);
        faults.retain(|f| f.count != Some(0));
        effects
    };
    if let Some(decision) = effects.decision {
        return decision;
    }
    if let Some(error) = over_budget(state, mailbox, now) {
        return Admission::Reject(error);
    }
    Admission::Proceed(effects.latency, effects.hold, effects.spoils)
}

/// What the faults in force make of one request.
#[derive(Default)]
struct Effects {
    latency: std::time::Duration,
    hold: Option<tokio::sync::watch::Receiver<u64>>,
    spoils: Vec<FaultKind>,
    decision: Option<Admission>,
}

/// Applies the faults that hit a request to `mailbox` at `path`, counting each one used.
fn fault_effects(state: &GraphState, faults: &mut [Fault], mailbox: &str, path: &str) -> Effects {
    let mut effects = Effects::default();
    let hits = |fault: &Fault| {
        fault
            .mailbox
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(mailbox))
            && fault
                .path_contains
                .as_deref()
                .is_none_or(|p| path.contains(p))
            && fault.count != Some(0)
    };
    for fault in faults.iter_mut().filter(|f| hits(f)) {
        match &fault.kind {
            FaultKind::Latency { ms } => effects.latency += std::time::Duration::from_millis(*ms),
            FaultKind::Hold => effects.hold = Some(state.release.subscribe()),
            // spoiling waits for an answer, below
            kind if kind.spoils_page() => continue,
            _ if effects.decision.is_some() => continue,
            FaultKind::Throttle { retry_after_secs } => {
                effects.decision = Some(Admission::Reject(GraphError::throttled(
                    "Application is over its MailboxConcurrency limit.",
                    *retry_after_secs,
                )));
            }
            FaultKind::ServerError { status } => {
                effects.decision = Some(Admission::Reject(server_error(*status)));
            }
            FaultKind::DropConnection => effects.decision = Some(Admission::Drop),
            FaultKind::CutBody { after_bytes } => {
                effects.decision = Some(Admission::Cut(*after_bytes));
            }
            FaultKind::ForeignLink { .. }
            | FaultKind::EndlessPaging
            | FaultKind::MalformedItem { .. } => {}
        }
        if let Some(n) = fault.count.as_mut() {
            *n -= 1;
        }
    }
    // NOTE: a request answered with an error has no page to spoil; the fault stays for the next.
    if effects.decision.is_none() {
        for fault in faults
            .iter_mut()
            .filter(|f| hits(f) && f.kind.spoils_page())
        {
            effects.spoils.push(fault.kind.clone());
            if let Some(n) = fault.count.as_mut() {
                *n -= 1;
            }
        }
    }
    effects
}

/// The 5xx answer of a `server_error` fault.
fn server_error(status: u16) -> GraphError {
    let (code, message) = match status {
        502 => ("BadGateway", "Bad Gateway"),
        503 => ("ServiceUnavailable", "Service Unavailable"),
        504 => ("GatewayTimeout", "Gateway Timeout"),
        _ => ("generalException", "General exception while processing."),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut error = GraphError::new(status, code, message);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        error.retry_after = Some(1);
    }
    error
}

/// Counts the request in `mailbox`'s budget window; the 429 once the window is spent.
fn over_budget(state: &GraphState, mailbox: &str, now: DateTime<Utc>) -> Option<GraphError> {
    let limits = state
        .limits
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let mut windows = state
        .throttle
        .windows
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let window = windows.entry(mailbox.to_string()).or_insert((now, 0));
    let elapsed = (now - window.0).num_seconds();
    if elapsed >= limits.window_secs {
        *window = (now, 0);
    }
    window.1 += 1;
    if window.1 > limits.requests_per_window {
        let wait = (limits.window_secs - (now - window.0).num_seconds()).max(1);
        return Some(GraphError::throttled(
            "Application is over its MailboxRequests limit.",
            u64::try_from(wait).unwrap_or(1),
        ));
    }
    None
}

/// Takes a concurrency slot for `mailbox`, or `None` when the mailbox is at its limit.
pub fn acquire(state: &Arc<GraphState>, mailbox: &str) -> Option<Slot> {
    let max = state
        .limits
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .max_concurrent_per_mailbox;
    let mut inflight = state
        .throttle
        .inflight
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let n = inflight.entry(mailbox.to_string()).or_insert(0);
    if *n >= max {
        return None;
    }
    *n += 1;
    Some(Slot {
        state: state.clone(),
        mailbox: mailbox.to_string(),
    })
}

/// A response whose body fails at once, so the client sees the connection drop.
pub fn dropped_connection() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: dropped connection",
        ))
    });
    Response::new(Body::from_stream(stream))
}

/// `response` with its status and headers (a `Content-Length` of the whole body included), but
/// only the first `after` bytes of its body before the connection breaks.
pub async fn cut_body(response: Response, after: usize) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.insert(
        axum::http::header::CONTENT_LENGTH,
        axum::http::HeaderValue::from(bytes.len()),
    );
    let head = bytes.slice(..after.min(bytes.len()));
    let stream = futures_util::stream::iter([
        Ok::<Bytes, std::io::Error>(head),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault: connection dropped in the middle of the body",
        )),
    ]);
    Response::from_parts(parts, Body::from_stream(stream))
}

/// The endpoint name used for request counts: method and route template.
pub fn endpoint_name(request: &Request) -> String {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| request.uri().path().to_string());
    format!("{} {route}", request.method())
}

/// Middleware for Graph routes: concurrency slot, budget, faults and counts per mailbox.
pub async fn gate(State(state): State<Arc<GraphState>>, request: Request, next: Next) -> Response {
    let now = state.clock.now();
    let authorization = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mailbox = {
        let world = state.world();
        world
            .identity
            .access_user(authorization.as_deref(), now)
            .ok()
    };
    // NOTE: unauthenticated requests go straight to the handler, which answers 401.
    let Some(mailbox) = mailbox.map(|m| m.to_ascii_lowercase()) else {
        return next.run(request).await;
    };
    let Some(slot) = acquire(&state, &mailbox) else {
        let limits = state
            .limits
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let endpoint = endpoint_name(&request);
        let mut requests = state.requests.lock().unwrap_or_else(|e| e.into_inner());
        *requests.entry((endpoint, mailbox)).or_insert(0) += 1;
        return GraphError::throttled(
            "Application is over its MailboxConcurrency limit.",
            limits.concurrency_retry_after_secs,
        )
        .into_response();
    };
    let endpoint = endpoint_name(&request);
    let path = request.uri().path().to_string();
    let own_url = match request.extensions().get::<axum::extract::OriginalUri>() {
        Some(original) => format!("{}{}", state.base_url, original.0),
        None => format!("{}{}", state.graph_url(), request.uri()),
    };
    match admit(&state, &mailbox, &endpoint, &path, now) {
        Admission::Reject(error) => error.into_response(),
        Admission::Drop => dropped_connection(),
        Admission::Cut(after) => {
            let response = next.run(request).await;
            drop(slot);
            cut_body(response, after).await
        }
        Admission::Proceed(latency, hold, spoils) => {
            if !latency.is_zero() {
                tokio::time::sleep(latency).await;
            }
            if let Some(mut release) = hold {
                // NOTE: an error means the fake is shutting down; answer anyway.
                let _ = release.changed().await;
            }
            let mut response = next.run(request).await;
            drop(slot);
            if !spoils.is_empty() {
                response = super::spoil::page(response, &spoils, &own_url).await;
            }
            // NOTE: the fakes' answers have known lengths; a streamed one counts as 0.
            let served = axum::body::HttpBody::size_hint(response.body())
                .exact()
                .unwrap_or(0);
            *state
                .served_bytes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry((endpoint, mailbox))
                .or_insert(0) += served;
            response
        }
    }
}
