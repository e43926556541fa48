//! Attachments of a message (https://learn.microsoft.com/graph/api/resources/attachment):
//! - `GET /me/messages/{id}/attachments` — file attachments with `contentBytes`, item attachments
//!   without content (`contentType: null`); dispatch on `@odata.type`. `$select` of the base
//!   type's properties (`id,name,contentType,size,isInline,lastModifiedDateTime`) lists the
//!   metadata without `contentBytes` (GRAPH_FACTS §2.6); `@odata.type` is always there; a
//!   property of a derived type (`contentBytes`) or an unknown one is 400.
//! - `GET /me/messages/{id}/attachments/{aid}` — one attachment.
//! - `GET /me/messages/{id}/attachments/{aid}/$value` — raw bytes with the file's content type;
//!   an attached mail comes as its MIME text.
//!
//! Inline images (`isInline: true`, `contentId` referenced as `cid:` in the body) are listed too,
//! although `hasAttachments` is false for a message that has only inline ones.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Caller, context, json};
use crate::graph::mailbox::message::{Attachment, AttachmentContent};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::OData;
use crate::graph::state::GraphState;

/// The properties of `microsoft.graph.attachment` itself, which `$select` may name.
const BASE_PROPERTIES: [&str; 6] = [
    "id",
    "name",
    "contentType",
    "size",
    "isInline",
    "lastModifiedDateTime",
];

/// The selected properties of `attachment`, or the whole attachment without `$select`.
fn selected(attachment: &Attachment, select: Option<&[String]>) -> Value {
    let full = attachment.to_json();
    let (Some(select), Value::Object(map)) = (select, &full) else {
        return full;
    };
    let kept = map
        .iter()
        .filter(|(k, _)| {
            k.as_str() == "@odata.type" || k.as_str() == "id" || select.iter().any(|s| s == *k)
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(kept)
}

fn check_select(odata: &OData) -> Result<(), GraphError> {
    for name in odata.select.iter().flatten() {
        if !BASE_PROPERTIES.iter().any(|p| p.eq_ignore_ascii_case(name)) {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "RequestBroker--ParseUri",
                format!(
                    "Could not find a property named '{name}' on type 'microsoft.graph.attachment'."
                ),
            ));
        }
    }
    Ok(())
}

fn find(
    state: &GraphState,
    caller: &Caller,
    message_id: &str,
    attachment_id: &str,
) -> Result<Attachment, GraphError> {
    caller.with_mailbox(state, |mb| {
        let index = mb.message_index(message_id)?;
        let attachment = mb.messages[index]
            .data
            .attachments
            .iter()
            .find(|a| a.id == attachment_id)
            .cloned();
        match attachment {
            Some(a) => Ok(a),
            None if crate::graph::mailbox::ids::is_well_formed(attachment_id) => {
                Err(GraphError::not_found())
            }
            None => Err(GraphError::malformed_id()),
        }
    })
}

/// `GET /me/messages/{id}/attachments`.
pub async fn list(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(message_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_select(&odata)?;
    let select: Option<Vec<String>> = odata.select.as_ref().map(|list| {
        list.iter()
            .filter_map(|s| BASE_PROPERTIES.iter().find(|p| p.eq_ignore_ascii_case(s)))
            .map(|p| (*p).to_string())
            .collect()
    });
    let (values, real_id) = caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        let m = &mb.messages[index];
        let values: Vec<Value> = m
            .data
            .attachments
            .iter()
            .map(|a| selected(a, select.as_deref()))
            .collect();
        Ok((values, m.id(caller.prefs.immutable_ids).to_string()))
    })?;
    Ok(json(
        StatusCode::OK,
        json!({
            "@odata.context": context(&state, &format!("users('me')/messages('{real_id}')/attachments")),
            "value": values,
        }),
    ))
}

/// `GET /me/messages/{id}/attachments/{aid}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((message_id, attachment_id)): Path<(String, String)>,
) -> Result<Response, GraphError> {
    let attachment = find(&state, &caller, &message_id, &attachment_id)?;
    let mut body = serde_json::Map::new();
    body.insert(
        "@odata.context".into(),
        json!(context(
            &state,
            &format!("users('me')/messages('{message_id}')/attachments/$entity")
        )),
    );
    if let Value::Object(map) = attachment.to_json() {
        body.extend(map);
    }
    Ok(json(StatusCode::OK, Value::Object(body)))
}

/// `GET /me/messages/{id}/attachments/{aid}/$value`.
pub async fn value(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((message_id, attachment_id)): Path<(String, String)>,
) -> Result<Response, GraphError> {
    let attachment = find(&state, &caller, &message_id, &attachment_id)?;
    let content_type = match &attachment.content {
        AttachmentContent::File(_) => attachment.content_type.clone(),
        AttachmentContent::Item(_) => "message/rfc822".to_string(),
    };
    let mut response = attachment.raw().into_response();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    Ok(response)
}
