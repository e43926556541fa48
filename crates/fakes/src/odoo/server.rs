//! HTTP front of the fake Odoo: `/jsonrpc`, `/json/2/...` (Odoo 19 only), the `/_fake` control
//! API, and the fault injection that sits in front of the API routes.
//!
//! Connections are served with hyper directly so that a fault can close a connection without
//! answering (a dropped connection, or a server that is down while its control API still works).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use super::control;
use super::errors::RpcError;
use super::rpc;
use super::state::OdooState;

/// Shared handle on the server state.
pub type SharedState = Arc<Mutex<OdooState>>;

/// Locks the state, recovering from a poisoned lock (a panicking test must not wedge the fake).
pub fn lock(state: &SharedState) -> MutexGuard<'_, OdooState> {
    match state.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// werkzeug's 404 page, as Odoo answers unknown routes (transcript 163).
pub const NOT_FOUND_HTML: &str = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [("content-type", "text/html; charset=utf-8")],
        NOT_FOUND_HTML,
    )
        .into_response()
}

fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [("content-type", "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

async fn jsonrpc(State(state): State<SharedState>, body: String) -> Response {
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "<p>Invalid JSON data</p>").into_response();
    };
    let answer = rpc::handle_jsonrpc(&mut lock(&state), &request);
    json_response(200, &answer)
}

async fn json2(
    State(state): State<SharedState>,
    Path((model, method)): Path<(String, String)>,
    http_method: axum::http::Method,
    headers: HeaderMap,
    body: String,
) -> Response {
    let mut guard = lock(&state);
    if !guard.version.has_json2() {
        return not_found();
    }
    if http_method != axum::http::Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [("content-type", "text/html; charset=utf-8")],
            "<title>405 Method Not Allowed</title>\n",
        )
            .into_response();
    }
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split_once(' ')
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                .map(|(_, k)| k.trim().to_string())
        });
    let db = headers
        .get("x-odoo-database")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let request: Value = serde_json::from_str(&body).unwrap_or(Value::Object(Default::default()));
    let (status, answer) = rpc::handle_json2(
        &mut guard,
        db.as_deref(),
        bearer.as_deref(),
        &model,
        &method,
        &request,
    );
    json_response(status, &answer)
}

/// Odoo 17's request limit (`odoo.http.DEFAULT_MAX_CONTENT_LENGTH`, 128 MiB): a bigger
/// request is answered 413 by werkzeug; axum's own 2 MB default is no Odoo limit.
pub const MAX_REQUEST_BYTES: usize = 128 * 1024 * 1024;

fn router(state: SharedState) -> Router {
    Router::new()
        .route("/jsonrpc", post(jsonrpc))
        .route("/json/2/{model}/{method}", any(json2))
        .nest("/_fake", control::router())
        .fallback(|| async { not_found() })
        .layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state)
}

/// Werkzeug's answer to a request over the limit.
fn too_large() -> Response {
    let html = "<!doctype html>\n<html lang=en>\n<title>413 Request Entity Too Large</title>\n<h1>Request Entity Too Large</h1>\n<p>The data value transmitted exceeds the capacity limit.</p>\n";
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [("content-type", "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// The connection was closed on purpose by a fault.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
struct Dropped;

/// What the fault layer decides for one API request.
enum Verdict {
    Pass,
    Drop,
    Fail(u16),
    /// A JSON-RPC server error (HTTP 200), as Odoo answers a refused call.
    Refuse(RpcError),
}

fn rpc_target(path: &str, body: &Value) -> (String, String) {
    if let Some(rest) = path.strip_prefix("/json/2/") {
        let mut parts = rest.splitn(2, '/');
        return (
            parts.next().unwrap_or_default().to_string(),
            parts.next().unwrap_or_default().to_string(),
        );
    }
    let params = body.get("params");
    let args = params.and_then(|p| p.get("args")).and_then(Value::as_array);
    let service = params
        .and_then(|p| p.get("service"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let method = params
        .and_then(|p| p.get("method"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if service == "object" {
        let model = args
            .and_then(|a| a.get(3))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let m = args
            .and_then(|a| a.get(4))
            .and_then(Value::as_str)
            .unwrap_or_default();
        return (model.to_string(), m.to_string());
    }
    (service.to_string(), method.to_string())
}

fn judge(state: &SharedState, path: &str, body: &Value) -> (Verdict, u64) {
    let mut guard = lock(state);
    let latency = guard.faults.latency_ms;
    if guard.faults.down {
        return (Verdict::Drop, latency);
    }
    if guard.faults.drop_connections > 0 {
        guard.faults.drop_connections -= 1;
        return (Verdict::Drop, latency);
    }
    let (model, method) = rpc_target(path, body);
    if method == "message_post"
        && let Some(text) = guard.faults.refuse_posts_containing.as_deref()
        && body.to_string().contains(text)
    {
        let refusal = RpcError::validation(format!(
            "This message cannot be posted: it contains \"{text}\"."
        ));
        // counted like any call that reached the model
        guard.count(&format!("{model}.{method}"));
        return (Verdict::Refuse(refusal), latency);
    }
    if let Some(fault) = guard.faults.http_error.as_mut() {
        let applies = fault.model.as_deref().is_none_or(|m| m == model)
            && fault.method.as_deref().is_none_or(|m| m == method);
        if applies {
            if fault.skip > 0 {
                fault.skip -= 1;
            } else {
                let status = fault.status.unwrap_or(503);
                let exhausted = match fault.count.as_mut() {
                    Some(n) => {
                        *n = n.saturating_sub(1);
                        *n == 0
                    }
                    None => false,
                };
                if exhausted {
                    guard.faults.http_error = None;
                }
                return (Verdict::Fail(status), latency);
            }
        }
    }
    (Verdict::Pass, latency)
}

/// The `hold_posts` knob: counts this post in, then waits until enough posts arrived.
async fn hold_post(state: &SharedState) {
    let wanted = {
        let mut guard = lock(state);
        if guard.faults.hold_posts == 0 {
            return;
        }
        guard.faults.posts_arrived += 1;
        guard.faults.hold_posts
    };
    for _ in 0..1000 {
        if lock(state).faults.posts_arrived >= wanted {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn serve_one(
    app: Router,
    state: SharedState,
    req: Request<hyper::body::Incoming>,
) -> Result<Response, Dropped> {
    let path = req.uri().path().to_string();
    if path.starts_with("/_fake") {
        return Ok(app
            .oneshot(req.map(Body::new))
            .await
            .unwrap_or_else(|never| match never {}));
    }
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = lock(&state)
        .faults
        .max_request_bytes
        .unwrap_or(MAX_REQUEST_BYTES)
        .min(MAX_REQUEST_BYTES);
    if declared.is_some_and(|n| n > limit) {
        return Ok(too_large());
    }
    let Ok(bytes) = axum::body::to_bytes(Body::new(body), limit).await else {
        return Ok(too_large());
    };
    let parsed: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let (verdict, latency) = judge(&state, &path, &parsed);
    if rpc_target(&path, &parsed).1 == "message_post" {
        hold_post(&state).await;
    }
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match verdict {
        Verdict::Drop => Err(Dropped),
        Verdict::Fail(status) => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let html = format!(
                "<html><head><title>{status} {0}</title></head><body><center><h1>{status} {0}</h1></center><hr><center>nginx</center></body></html>\n",
                code.canonical_reason().unwrap_or("Error")
            );
            Ok((code, [("content-type", "text/html")], html).into_response())
        }
        Verdict::Refuse(error) => {
            let id = parsed.get("id").cloned().unwrap_or(Value::Null);
            let answer = serde_json::json!({"jsonrpc": "2.0", "id": id, "error": error.to_json()});
            Ok(axum::Json(answer).into_response())
        }
        Verdict::Pass => {
            let req = Request::from_parts(parts, Body::from(bytes));
            Ok(app
                .oneshot(req)
                .await
                .unwrap_or_else(|never| match never {}))
        }
    }
}

/// A running fake Odoo; dropping it stops accepting connections.
#[derive(Debug)]
pub struct OdooServer {
    addr: SocketAddr,
    state: SharedState,
    accept_loop: JoinHandle<()>,
}

impl OdooServer {
    /// Binds 127.0.0.1:`port` (0 = any free port) and starts serving.
    pub async fn start(state: OdooState, port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(state));
        control::set_base_url(&state, &format!("http://{addr}"));
        let app = router(state.clone());
        let loop_state = state.clone();
        let accept_loop = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let app = app.clone();
                let state = loop_state.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        serve_one(app.clone(), state.clone(), req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self {
            addr,
            state,
            accept_loop,
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state (for in-process tests).
    pub fn state(&self) -> SharedState {
        self.state.clone()
    }
}

impl Drop for OdooServer {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}
