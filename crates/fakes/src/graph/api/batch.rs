//! JSON batching (https://learn.microsoft.com/graph/json-batching, GRAPH_FACTS §5.3):
//! `POST /v1.0/$batch {"requests":[{"id","method","url","headers"?,"body"?,"dependsOn"?}]}`.
//!
//! At most 20 requests with unique ids, else the whole batch is 400. Each request runs through the
//! same handlers as a direct call (and is counted, budgeted and subject to faults on its own); the
//! outer status is 200 even when items fail; each item has its own `status`, `headers` and `body`
//! (JSON, or base64 for binary content). An item whose `dependsOn` request failed answers
//! 424 Failed Dependency without running.

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
    let batch: BatchRequest = match super::parse_body(&bytes) {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    if batch.requests.is_empty() {
        return GraphError::bad_request("Invalid batch payload format.").into_response();
    }
    if batch.requests.len() > MAX_REQUESTS {
        return GraphError::bad_request(format!(
            "The number of batch requests exceeds the limit of {MAX_REQUESTS}."
        ))
        .into_response();
    }
    let mut seen = HashSet::new();
    for item in &batch.requests {
        if !seen.insert(item.id.clone()) {
            return GraphError::bad_request("Batch request contains duplicate request ids.")
                .into_response();
        }
    }
    for item in &batch.requests {
        if item
            .depends_on
            .iter()
            .any(|d| !seen.contains(d) || d == &item.id)
        {
            return GraphError::bad_request(format!(
                "Request '{}' depends on an unknown request.",
                item.id
            ))
            .into_response();
        }
    }
    let now = state.clock.now();
    let mailbox = {
        let world = state.world();
        world
            .identity
            .access_user(authorization.as_ref().and_then(|v| v.to_str().ok()), now)
            .ok()
    };
    let router = super::routes().with_state(state.clone());
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses: Vec<Value> = Vec::new();
    let mut pending: Vec<&BatchItem> = batch.requests.iter().collect();
    while !pending.is_empty() {
        let Some(pos) = pending
            .iter()
            .position(|i| i.depends_on.iter().all(|d| statuses.contains_key(d)))
        else {
            return GraphError::bad_request("The dependsOn values of the batch form a cycle.")
                .into_response();
        };
        let item = pending.remove(pos);
        if item
            .depends_on
            .iter()
            .any(|d| statuses.get(d).is_some_and(|s| *s >= 400))
        {
            statuses.insert(item.id.clone(), 424);
            let error = GraphError::new(
                StatusCode::FAILED_DEPENDENCY,
                "FailedDependency",
                "Failed dependency.",
            );
            responses.push(json!({
                "id": item.id,
                "status": 424,
                "headers": {"Content-Type": "application/json"},
                "body": error.body(&ids),
            }));
            continue;
        }
        let path = if item.url.starts_with('/') {
            item.url.clone()
        } else {
            format!("/{}", item.url)
        };
        if let Some(mailbox) = &mailbox {
            let route = path.split('?').next().unwrap_or_default();
            match admit(
                &state,
                &mailbox.to_ascii_lowercase(),
                &format!("{} $batch{route}", item.method.to_ascii_uppercase()),
                route,
                now,
            ) {
                // NOTE: spoiled pages are for reads; a batch carries the job's writes.
                Admission::Proceed(latency, hold, _) => {
                    if !latency.is_zero() {
                        tokio::time::sleep(latency).await;
                    }
                    if let Some(mut release) = hold {
                        let _ = release.changed().await;
                    }
                }
                Admission::Reject(error) => {
                    let item_response = finish_response(error.into_response(), &ids);
                    let value = to_item(&item.id, item_response).await;
                    statuses.insert(
                        item.id.clone(),
                        value["status"]
                            .as_u64()
                            .and_then(|s| u16::try_from(s).ok())
                            .unwrap_or(500),
                    );
                    responses.push(value);
                    continue;
                }
                // NOTE: inside a batch a broken transfer breaks the whole batch answer
                Admission::Drop | Admission::Cut(_) => return dropped_connection(),
            }
        }
        let method =
            Method::from_bytes(item.method.to_ascii_uppercase().as_bytes()).unwrap_or(Method::GET);
        let mut builder = axum::http::Request::builder()
            .method(method)
            .uri(format!("/v1.0{path}"));
        if let Some(auth) = &authorization {
            builder = builder.header(header::AUTHORIZATION, auth.clone());
        }
        for (k, v) in &item.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let body = match &item.body {
            Some(v) => Body::from(serde_json::to_vec(v).unwrap_or_default()),
            None => Body::empty(),
        };
        let Ok(sub_request) = builder.body(body) else {
            return GraphError::bad_request(format!(
                "Request '{}' is not a valid request.",
                item.id
            ))
            .into_response();
        };
        let sub_request = super::normalize_path(sub_request);
        let app = axum::Router::new().nest("/v1.0", router.clone());
        let sub_response = match app.oneshot(sub_request).await {
            Ok(r) => finish_response(r, &ids),
            Err(never) => match never {},
        };
        let value = to_item(&item.id, sub_response).await;
        statuses.insert(
            item.id.clone(),
            value["status"]
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(500),
        );
        responses.push(value);
    }
    json(StatusCode::OK, json!({"responses": responses}))
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
