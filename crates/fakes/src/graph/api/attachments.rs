//! Attachments of a message (https://learn.microsoft.com/graph/api/resources/attachment):
//! - `GET /me/messages/{id}/attachments` — file attachments with `contentBytes`, item attachments
//!   without content (`contentType: null`); dispatch on `@odata.type`.
//! - `GET /me/messages/{id}/attachments/{aid}` — one attachment.
//! - `GET /me/messages/{id}/attachments/{aid}/$value` — raw bytes with the file's content type;
//!   an attached mail comes as its MIME text.
//!
//! Inline images (`isInline: true`, `contentId` referenced as `cid:` in the body) are listed too,
//! although `hasAttachments` is false for a message that has only inline ones.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Caller, context, json};
use crate::graph::mailbox::message::{Attachment, AttachmentContent};
use crate::graph::protocol::errors::GraphError;
use crate::graph::state::GraphState;

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
) -> Result<Response, GraphError> {
    let (values, real_id) = caller.with_mailbox(&state, |mb| {
        let index = mb.message_index(&message_id)?;
        let m = &mb.messages[index];
        let values: Vec<Value> = m.data.attachments.iter().map(Attachment::to_json).collect();
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
