//! JSON batching (https://learn.microsoft.com/graph/json-batching, GRAPH_FACTS §5.3):
//! `POST /v1.0/$batch {"requests":[{"id","method","url","headers"?,"body"?,"dependsOn"?}]}`.
//!
//! At most 20 requests with unique ids, else the whole batch is 400. Each request runs through the
//! same handlers as a direct call (and is counted, budgeted and subject to faults on its own); the
//! outer status is 200 even when items fail; each item has its own `status`, `headers` and `body`
//! (JSON, or base64 for binary content). An item whose `dependsOn` request failed answers
//! 424 Failed Dependency without running.
//!
//! An item with a `body` must name its `Content-Type` in `headers` (json-batching: "When a body
//! is included with the request, the headers object must contain a value for Content-Type"),
//! else the whole batch is 400. A JSON content type takes the body as JSON; any other (a
//! contact photo's `image/jpeg`) takes it as base64 (URL-safe or standard, padded or not) of the
//! raw bytes, as the documentation describes for images.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

use super::json;
use crate::graph::protocol::errors::{GraphError, RequestIds, finish_response};
use crate::graph::protocol::throttle::{Admission, admit, dropped_connection};
use crate::graph::state::GraphState;

const MAX_REQUESTS: usize = 20;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BatchItem {
    id: String,
    method: String,
    url: String,
    #[serde(default)]
    headers: HashMap<String, String>,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    depends_on: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct BatchRequest {
    requests: Vec<BatchItem>,
}

/// Reads and checks a batch; any fault in it makes the whole batch 400.
fn parse_batch(bytes: &[u8]) -> Result<BatchRequest, GraphError> {
    let batch: BatchRequest = super::parse_body(bytes)?;
    if batch.requests.is_empty() {
        return Err(GraphError::bad_request("Invalid batch payload format."));
    }
    if batch.requests.len() > MAX_REQUESTS {
        return Err(GraphError::bad_request(format!(
            "The number of batch requests exceeds the limit of {MAX_REQUESTS}."
        )));
    }
    let mut seen = HashSet::new();
    if !batch.requests.iter().all(|i| seen.insert(i.id.clone())) {
        return Err(GraphError::bad_request(
            "Batch request contains duplicate request ids.",
        ));
    }
    if let Some(item) = batch
        .requests
        .iter()
        .find(|i| i.body.is_some() && content_type(i).is_none())
    {
        return Err(GraphError::bad_request(format!(
            "Request '{}' has a body but no Content-Type header.",
            item.id
        )));
    }
    if let Some(item) = batch
        .requests
        .iter()
        .find(|i| i.depends_on.iter().any(|d| !seen.contains(d) || d == &i.id))
    {
        return Err(GraphError::bad_request(format!(
            "Request '{}' depends on an unknown request.",
            item.id
        )));
    }
    Ok(batch)
}

/// Items of one batch Outlook works on at the same time.
const ITEMS_AT_ONCE: usize = 4;

/// What every item of one batch runs with.
struct Run<'a> {
    state: &'a Arc<GraphState>,
    ids: &'a RequestIds,
    authorization: Option<&'a HeaderValue>,
    mailbox: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
    router: axum::Router,
}

fn status_of(item: &Value) -> u16 {
    item["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(500)
}

impl Run<'_> {
    /// The answer of one item; `Err` is an answer for the whole batch instead.
    async fn item(
        &self,
        item: &BatchItem,
        statuses: &HashMap<String, u16>,
    ) -> Result<Value, Response> {
        if item
            .depends_on
            .iter()
            .any(|d| statuses.get(d).is_some_and(|s| *s >= 400))
        {
            let error = GraphError::new(
                StatusCode::FAILED_DEPENDENCY,
                "FailedDependency",
                "Failed dependency.",
            );
            return Ok(json!({
                "id": item.id,
                "status": 424,
                "headers": {"Content-Type": "application/json"},
                "body": error.body(self.ids),
            }));
        }
        let path = if item.url.starts_with('/') {
            item.url.clone()
        } else {
            format!("/{}", item.url)
        };
        if let Some(rejected) = self.admit(item, &path).await? {
            return Ok(rejected);
        }
        self.run(item, &path).await
    }

    /// Counts, budgets and faults the item on its own; `Some` is its rejection.
    async fn admit(&self, item: &BatchItem, path: &str) -> Result<Option<Value>, Response> {
        let Some(mailbox) = &self.mailbox else {
            return Ok(None);
        };
        let route = path.split('?').next().unwrap_or_default();
        let endpoint = format!("{} $batch{route}", item.method.to_ascii_uppercase());
        match admit(
            self.state,
            &mailbox.to_ascii_lowercase(),
            &endpoint,
            route,
            self.now,
        ) {
            // NOTE: spoiled pages are for reads; a batch carries the job's writes.
            Admission::Proceed(latency, hold, _) => {
                if !latency.is_zero() {
                    tokio::time::sleep(latency).await;
                }
                if let Some(mut release) = hold {
                    let _ = release.changed().await;
                }
                Ok(None)
            }
            Admission::Reject(error) => {
                let response = finish_response(error.into_response(), self.ids);
                Ok(Some(to_item(&item.id, response).await))
            }
            // NOTE: inside a batch a broken transfer breaks the whole batch answer
            Admission::Drop | Admission::Cut(_) => Err(dropped_connection()),
        }
    }

    /// Runs the item through the same handlers as a direct call.
    async fn run(&self, item: &BatchItem, path: &str) -> Result<Value, Response> {
        let method =
            Method::from_bytes(item.method.to_ascii_uppercase().as_bytes()).unwrap_or(Method::GET);
        let mut builder = axum::http::Request::builder()
            .method(method)
            .uri(format!("/v1.0{path}"));
        if let Some(auth) = self.authorization {
            builder = builder.header(header::AUTHORIZATION, auth.clone());
        }
        for (k, v) in &item.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let body = item_body(item).map_err(IntoResponse::into_response)?;
        let sub_request = builder.body(body).map_err(|_| {
            GraphError::bad_request(format!("Request '{}' is not a valid request.", item.id))
                .into_response()
        })?;
        let sub_request = super::normalize_path(sub_request);
        let app = axum::Router::new().nest("/v1.0", self.router.clone());
        let sub_response = match app.oneshot(sub_request).await {
            Ok(r) => finish_response(r, self.ids),
            Err(never) => match never {},
        };
        Ok(to_item(&item.id, sub_response).await)
    }
}

/// `POST /$batch`.
pub async fn post(State(state): State<Arc<GraphState>>, request: Request) -> Response {
    let ids = request
        .extensions()
        .get::<RequestIds>()
        .cloned()
        .unwrap_or_else(|| RequestIds::new(request.headers(), state.clock.now()));
    let authorization = request.headers().get(header::AUTHORIZATION).cloned();
    let Ok(bytes) = axum::body::to_bytes(request.into_body(), 16 * 1024 * 1024).await else {
        return GraphError::bad_request("Invalid batch payload format.").into_response();
    };
    let batch = match parse_batch(&bytes) {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let now = state.clock.now();
    let mailbox = {
        let world = state.world();
        world
            .identity
            .access_user(authorization.as_ref().and_then(|v| v.to_str().ok()), now)
            .ok()
    };
    let run = Run {
        state: &state,
        ids: &ids,
        authorization: authorization.as_ref(),
        mailbox,
        now,
        router: super::routes().with_state(state.clone()),
    };
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses: Vec<Value> = Vec::new();
    let mut pending: Vec<&BatchItem> = batch.requests.iter().collect();
    // NOTE: Outlook runs up to 4 items of a batch at once (GRAPH_FACTS §5.2); an item waits
    // for those it depends on
    while !pending.is_empty() {
        let ready: Vec<&BatchItem> = pending
            .iter()
            .filter(|i| i.depends_on.iter().all(|d| statuses.contains_key(d)))
            .take(ITEMS_AT_ONCE)
            .copied()
            .collect();
        if ready.is_empty() {
            return GraphError::bad_request("The dependsOn values of the batch form a cycle.")
                .into_response();
        }
        pending.retain(|p| !ready.iter().any(|r| std::ptr::eq(*r, *p)));
        let answers =
            futures_util::future::join_all(ready.iter().map(|item| run.item(item, &statuses)))
                .await;
        for (item, answer) in ready.iter().zip(answers) {
            match answer {
                Ok(value) => {
                    statuses.insert(item.id.clone(), status_of(&value));
                    responses.push(value);
                }
                Err(whole) => return whole,
            }
        }
    }
    json(StatusCode::OK, json!({"responses": responses}))
}

/// The `Content-Type` an item names in its `headers` (names are case-insensitive).
fn content_type(item: &BatchItem) -> Option<&str> {
    item.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
}

/// The raw body of an item: JSON as JSON, anything else decoded from base64.
fn item_body(item: &BatchItem) -> Result<Body, GraphError> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let Some(body) = &item.body else {
        return Ok(Body::empty());
    };
    let is_json = content_type(item).is_some_and(|t| t.trim().starts_with("application/json"));
    if is_json {
        return Ok(Body::from(serde_json::to_vec(body).unwrap_or_default()));
    }
    let text = body.as_str().unwrap_or_default();
    [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(text).ok())
        .filter(|_| body.is_string())
        .map(Body::from)
        .ok_or_else(|| {
            GraphError::bad_request(format!(
                "The body of request '{}' is not base64, as its Content-Type asks.",
                item.id
            ))
        })
}

async fn to_item(id: &str, response: Response) -> Value {
    let status = response.status().as_u16();
    let mut headers = Map::new();
    let mut is_json = false;
    for name in [
        header::CONTENT_TYPE.as_str(),
        "retry-after",
        "location",
        "preference-applied",
        "etag",
    ] {
        if let Some(v) = response
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
        {
            let display = match name {
                "content-type" => {
                    is_json = v.starts_with("application/json");
                    "Content-Type"
                }
                "retry-after" => "Retry-After",
                "location" => "Location",
                "preference-applied" => "Preference-Applied",
                _ => "ETag",
            };
            headers.insert(display.to_string(), json!(v));
        }
    }
    let bytes: Bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let mut item = json!({"id": id, "status": status, "headers": headers});
    if !bytes.is_empty() {
        item["body"] = if is_json {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        } else {
            json!(STANDARD.encode(&bytes))
        };
    }
    item
}
