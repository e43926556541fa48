//! Shared pieces of Graph answers: request bodies, `$select` projection, text bodies and
//! `Preference-Applied`, JSON responses and `@odata.context`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::Caller;
use crate::graph::protocol::errors::GraphError;
use crate::graph::state::GraphState;

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
