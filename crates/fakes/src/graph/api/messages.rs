//! Messages (https://learn.microsoft.com/graph/api/resources/message):
//! - `GET /me/mailFolders/{id}/messages`: `$select` (unknown property → 400), `$top` 1–1000
//!   (default 10), `$skip`, `$expand=attachments`, `$orderby=receivedDateTime [asc|desc]`
//!   (default newest first); `@odata.nextLink` carries `$skip` and must be followed verbatim.
//! - `GET /me/messages/{id}` (also under a folder), `GET /me/messages/{id}/$value` (MIME).
//! - `POST /me/messages/{id}/move {"destinationId"}` → 201 with the moved message, whose id is
//!   NEW unless the request has `Prefer: IdType="ImmutableId"`.
//! - `PATCH /me/messages/{id}` (`isRead`, `categories`, `importance`) → 200 with the message.
//! - A stale `If-Match` on PATCH/DELETE is 412 `ErrorIrresolvableConflict`.
//! - `DELETE /me/messages/{id}` → 204; the message goes to Deleted Items; its old id is 404.
//!
//! Ids are opaque; an id of the wrong shape is 400 `ErrorInvalidIdMalformed`, an unknown one 404
//! `ErrorItemNotFound`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Caller, context};
use crate::graph::mailbox::message::is_selectable;
use crate::graph::mailbox::mime;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::{OData, ReceivedFilter, link};
use crate::graph::state::GraphState;

const DEFAULT_PAGE: usize = 10;

/// Percent-encodes one path segment (ids may hold `=`, `+`, `/`).
pub fn encode_segment(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Validates `$select` against the message schema.
pub fn check_select(odata: &OData) -> Result<(), GraphError> {
    for name in odata.select.iter().flatten() {
        if !is_selectable(name) {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "RequestBroker--ParseUri",
                format!(
                    "Could not find a property named '{name}' on type 'microsoft.graph.message'."
                ),
            ));
        }
    }
    for name in &odata.expand {
        if !name.eq_ignore_ascii_case("attachments") {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "RequestBroker--ParseUri",
                format!(
                    "Could not find a property named '{name}' on type 'microsoft.graph.message'."
                ),
            ));
        }
    }
    Ok(())
}

/// `GET /me/mailFolders/{id}/messages`.
pub async fn list(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_select(&odata)?;
    let filter = odata
        .filter
        .as_deref()
        .map(ReceivedFilter::parse)
        .transpose()?;
    let ascending = match odata.orderby.as_deref().map(|o| o.to_ascii_lowercase()) {
        None => false,
        Some(o) if o == "receiveddatetime desc" => false,
        Some(o) if o == "receiveddatetime" || o == "receiveddatetime asc" => true,
        Some(o) => {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "ErrorInvalidProperty",
                format!("The fake Graph sorts messages by receivedDateTime only, not '{o}'."),
            ));
        }
    };
    let page = odata.top.unwrap_or(DEFAULT_PAGE);
    let expand = odata.expands("attachments");
    let (values, total, real_id) = caller.with_mailbox(&state, |mb| {
        let folder = mb.folder(&folder_id)?.id.clone();
        let mut messages = mb.messages_in(&folder);
        messages.retain(|m| filter.is_none_or(|f| f.matches(m.data.received)));
        messages.sort_by(|a, b| (a.data.received, &a.rest_id).cmp(&(b.data.received, &b.rest_id)));
        if !ascending {
            messages.reverse();
        }
        let total = messages.len();
        let values: Vec<Value> = messages
            .into_iter()
            .skip(odata.skip)
            .take(page)
            .map(|m| m.to_json(odata.select.as_deref(), expand, caller.prefs.immutable_ids))
            .collect();
        Ok((values, total, folder))
    })?;
    let mut body = json!({"@odata.context": context(&state, &format!("users('me')/mailFolders('{real_id}')/messages"))});
    if odata.skip + page < total {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(select) = &odata.select {
            pairs.push(("$select", select.join(",")));
        }
        if expand {
            pairs.push(("$expand", "attachments".into()));
        }
        if let Some(f) = &odata.filter {
            pairs.push(("$filter", f.clone()));
        }
        if let Some(orderby) = &odata.orderby {
            pairs.push(("$orderby", orderby.clone()));
        }
        pairs.push(("$top", page.to_string()));
        pairs.push(("$skip", (odata.skip + page).to_string()));
        let path = format!("/me/mailFolders/{}/messages", encode_segment(&folder_id));
        body["@odata.nextLink"] = json!(link(&state.graph_url(), &path, &pairs));
    }
    body["value"] = Value::Array(values);
    Ok(super::json_for(&caller, StatusCode::OK, body, false))
}

fn get_one(
    state: &GraphState,
    caller: &Caller,
    folder: Option<&str>,
    id: &str,
    query: &HashMap<String, String>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(query, 1000)?;
    check_select(&odata)?;
    let mut body = caller.with_mailbox(state, |mb| {
        let index = mb.message_index(id)?;
        let m = &mb.messages[index];
        if let Some(folder) = folder
            && mb.folder(folder)?.id != m.folder_id
        {
            return Err(GraphError::not_found());
        }
        Ok(m.to_json(
            odata.select.as_deref(),
            odata.expands("attachments"),
            caller.prefs.immutable_ids,
        ))
    })?;
    if let Value::Object(map) = &mut body {
        let mut with_context = serde_json::Map::new();
        with_context.insert(
            "@odata.context".into(),
            json!(context(state, "users('me')/messages/$entity")),
        );
        with_context.extend(std::mem::take(map));
        *map = with_context;
    }
    Ok(super::json_for(caller, StatusCode::OK, body, false))
}

/// `GET /me/messages/{id}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    get_one(&state, &caller, None, &message_id, &query)
}

/// `GET /me/mailFolders/{folder}/messages/{id}`.
pub async fn get_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder_id, message_id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    get_one(&state, &caller, Some(&folder_id), &message_id, &query)
}

/// `GET /me/messages/{id}/$value`: the MIME text.
pub async fn mime(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
) -> Result<Response, GraphError> {
    let text = caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        Ok(mime::render(&mb.messages[index].data))
    })?;
    let mut response = text.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    Ok(response)
}

/// `GET /me/mailFolders/{folder}/messages/{id}/$value`: the MIME text of a message in that folder.
pub async fn mime_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder_id, message_id)): Path<(String, String)>,
) -> Result<Response, GraphError> {
    caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        if mb.folder(&folder_id)?.id != mb.messages[index].folder_id {
            return Err(GraphError::not_found());
        }
        Ok(())
    })?;
    mime(State(state), caller, Path(message_id)).await
}

/// Body of a move.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MoveRequest {
    destination_id: Option<String>,
}

/// `POST /me/messages/{id}/move`.
pub async fn move_to(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
    body: Bytes,
) -> Result<Response, GraphError> {
    let request: MoveRequest = super::parse_body(&body)?;
    let Some(destination) = request.destination_id else {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "The value of the parameter 'DestinationId' is empty.",
        ));
    };
    let now = state.clock.now();
    let mut moved = caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        let dest = mb.folder(&destination)?.id.clone();
        mb.move_message(index, &dest, now);
        Ok(mb.messages[index].to_json(None, false, caller.prefs.immutable_ids))
    })?;
    if let Value::Object(map) = &mut moved {
        let mut with_context = serde_json::Map::new();
        with_context.insert(
            "@odata.context".into(),
            json!(context(&state, "users('me')/messages/$entity")),
        );
        with_context.extend(std::mem::take(map));
        *map = with_context;
    }
    Ok(super::json_for(&caller, StatusCode::CREATED, moved, false))
}

/// 412 `ErrorIrresolvableConflict` when `If-Match` names another change key than the current one.
pub fn check_if_match(headers: &HeaderMap, change_key: &str) -> Result<(), GraphError> {
    let Some(expected) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let expected = expected.trim().trim_start_matches("W/").trim_matches('"');
    if expected == "*" || expected == change_key {
        Ok(())
    } else {
        Err(GraphError::new(
            StatusCode::PRECONDITION_FAILED,
            "ErrorIrresolvableConflict",
            "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.",
        ))
    }
}

/// Body of a message update.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MessageUpdate {
    is_read: Option<bool>,
    categories: Option<Vec<String>>,
    importance: Option<String>,
}

/// `PATCH /me/messages/{id}`: `isRead`, `categories`, `importance`; honours `If-Match`.
pub async fn update(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, GraphError> {
    let update: MessageUpdate = serde_json::from_slice(&body).map_err(|e| {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidPropertyRequest",
            format!(
                "The fake Graph updates isRead, categories and importance of a message only: {e}"
            ),
        )
    })?;
    if let Some(importance) = &update.importance
        && !matches!(importance.as_str(), "low" | "normal" | "high")
    {
        return Err(GraphError::bad_request(format!(
            "Invalid importance '{importance}'."
        )));
    }
    let now = state.clock.now();
    let mut body = caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        check_if_match(&headers, &mb.messages[index].change_key)?;
        mb.update_message(index, now, |data| {
            if let Some(read) = update.is_read {
                data.is_read = read;
            }
            if let Some(categories) = update.categories {
                data.categories = categories;
            }
            if let Some(importance) = update.importance {
                data.importance = importance;
            }
        });
        Ok(mb.messages[index].to_json(None, false, caller.prefs.immutable_ids))
    })?;
    if let Value::Object(map) = &mut body {
        let mut with_context = serde_json::Map::new();
        with_context.insert(
            "@odata.context".into(),
            json!(context(&state, "users('me')/messages/$entity")),
        );
        with_context.extend(std::mem::take(map));
        *map = with_context;
    }
    Ok(super::json_for(&caller, StatusCode::OK, body, false))
}

/// `DELETE /me/messages/{id}`; honours `If-Match`.
pub async fn delete(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, GraphError> {
    let now = state.clock.now();
    caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        check_if_match(&headers, &mb.messages[index].change_key)?;
        mb.delete_message(index, now);
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
