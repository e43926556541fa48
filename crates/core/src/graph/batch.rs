//! JSON batching (https://learn.microsoft.com/graph/json-batching, GRAPH_FACTS §5.3).
//!
//! Contract: `POST /$batch {"requests":[{"id","method","url","headers"?,"body"?}]}` with at most
//! 20 requests and unique ids; `url` is relative to the version (`/me/…`); a body needs a
//! `Content-Type` header. The outer status is 200 even when items fail; responses may come out
//! of order; each item is throttled on its own (429 + its own `Retry-After`). We send
//! independent writes (no `dependsOn`), 20 per batch, and retry only the throttled or
//! unavailable items, waiting the longest `Retry-After` among them.

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use crate::graph::client::GraphClient;
use crate::graph::error::{GraphError, GraphErrorKind};

/// Graph's limit of requests in one batch.
pub const MAX_BATCH: usize = 20;

/// The bodies one batch carries at most: Graph refuses requests over about 4 MB (GRAPH_FACTS
/// §4), so twenty photos go in several batches; one larger body goes alone.
pub const MAX_BATCH_BODIES: usize = 3 * 1024 * 1024;

/// One request of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRequest {
    /// Caller's id, unique within the call.
    pub id: String,
    /// HTTP method (`POST`, `PATCH`, `DELETE`, …).
    pub method: String,
    /// Path relative to the version, e.g. `/me/messages/{id}/move`.
    pub url: String,
    /// JSON body (for a binary body: its base64 text, with `content_type`).
    pub body: Option<Value>,
    /// The body's type when it is not JSON (e.g. `image/jpeg`; the body is then base64).
    pub content_type: Option<String>,
}

/// The answer to one request of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResponse {
    /// The request's id.
    pub id: String,
    /// Its HTTP status.
    pub status: u16,
    /// Its JSON body.
    pub body: Value,
    /// Its `Retry-After`, when throttled.
    pub retry_after: Option<Duration>,
}

impl BatchResponse {
    /// Whether the item succeeded.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Consecutive runs of at most 20 requests whose bodies stay under [`MAX_BATCH_BODIES`].
fn batches(requests: &[BatchRequest]) -> Vec<&[BatchRequest]> {
    let size = |r: &BatchRequest| r.body.as_ref().map_or(0, |b| b.to_string().len());
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, request) in requests.iter().enumerate() {
        let len = size(request);
        if i > start && (i - start == MAX_BATCH || bytes + len > MAX_BATCH_BODIES) {
            out.push(&requests[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += len;
    }
    if start < requests.len() {
        out.push(&requests[start..]);
    }
    out
}

/// Sends `requests` in batches of 20, retrying throttled items; answers in request order.
/// Items that still fail are returned with their status (the caller records them per item).
pub async fn send(
    client: &GraphClient,
    requests: &[BatchRequest],
    max_attempts: u32,
    sleeper: &dyn crate::graph::client::Sleeper,
) -> Result<Vec<BatchResponse>, GraphError> {
    let mut done: HashMap<String, BatchResponse> = HashMap::new();
    for chunk in batches(requests) {
        let mut pending: Vec<&BatchRequest> = chunk.iter().collect();
        let mut attempt = 0;
        while !pending.is_empty() {
            attempt += 1;
            let answers = send_one(client, &pending).await?;
            let mut retry = Vec::new();
            let mut wait = Duration::ZERO;
            for request in pending {
                let answer = answers
                    .get(&request.id)
                    .cloned()
                    .unwrap_or_else(|| BatchResponse {
                        id: request.id.clone(),
                        status: 0,
                        body: Value::Null,
                        retry_after: None,
                    });
                let retryable = matches!(answer.status, 0 | 429 | 503 | 504);
                if retryable && attempt < max_attempts {
                    wait = wait.max(answer.retry_after.unwrap_or(Duration::from_secs(1)));
                    retry.push(request);
                } else {
                    done.insert(request.id.clone(), answer);
                }
            }
            if !retry.is_empty() {
                sleeper.sleep(wait).await;
            }
            pending = retry;
        }
    }
    Ok(requests.iter().filter_map(|r| done.remove(&r.id)).collect())
}

async fn send_one(
    client: &GraphClient,
    requests: &[&BatchRequest],
) -> Result<HashMap<String, BatchResponse>, GraphError> {
    let items: Vec<Value> = requests
        .iter()
        .map(|r| {
            // NOTE: items do not inherit the outer request's headers: each asks for the
            // immutable ids every other request of the client gets, or a created item's id would
            // differ from the one the delta reports later
            let mut item = json!({"id": r.id, "method": r.method, "url": r.url,
                "headers": {"Prefer": "IdType=\"ImmutableId\""}});
            if let Some(body) = &r.body {
                item["body"] = body.clone();
                let kind = r.content_type.as_deref().unwrap_or("application/json");
                item["headers"]["Content-Type"] = json!(kind);
            }
            item
        })
        .collect();
    let response = client
        .send(
            reqwest::Method::POST,
            "/$batch",
            Some(&json!({ "requests": items })),
            &[],
        )
        .await?;
    let Some(responses) = response.body["responses"].as_array() else {
        return Err(GraphError::local(
            GraphErrorKind::BadAnswer,
            "unexpectedBody",
            "batch answer without responses",
        ));
    };
    Ok(responses
        .iter()
        .filter_map(|r| {
            let id = r["id"].as_str()?.to_owned();
            let headers = &r["headers"];
            let retry_after = headers
                .as_object()
                .and_then(|h| {
                    h.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case("retry-after"))
                        .map(|(_, v)| v.clone())
                })
                .and_then(|v| match v {
                    Value::String(s) => s.trim().parse::<u64>().ok(),
                    Value::Number(n) => n.as_u64(),
                    _ => None,
                })
                .map(Duration::from_secs);
            Some((
                id.clone(),
                BatchResponse {
                    id,
                    status: u16::try_from(r["status"].as_u64().unwrap_or(0)).unwrap_or(0),
                    body: r["body"].clone(),
                    retry_after,
                },
            ))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_twenty_requests_or_three_megabytes_of_bodies() {
        let request = |id: usize, len: usize| BatchRequest {
            id: id.to_string(),
            method: "PUT".into(),
            url: "/me/contacts/x/photo/$value".into(),
            body: (len > 0).then(|| json!("a".repeat(len))),
            content_type: None,
        };
        let small: Vec<BatchRequest> = (0..45).map(|i| request(i, 0)).collect();
        let sizes: Vec<usize> = batches(&small).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [20, 20, 5]);
        let photos: Vec<BatchRequest> = (0..7).map(|i| request(i, 900_000)).collect();
        let sizes: Vec<usize> = batches(&photos).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [3, 3, 1]);
        let huge = [request(0, 5_000_000), request(1, 10)];
        let sizes: Vec<usize> = batches(&huge).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [1, 1], "a large body goes alone");
        assert!(batches(&[]).is_empty());
    }
}
