//! Contacts (https://learn.microsoft.com/graph/api/resources/contact, GRAPH_FACTS §4.1):
//! - `GET /me/contacts` (the default Contacts folder) and `GET /me/contactFolders/{id}/contacts`:
//!   `$top` 1–1000 (default 10), `$skip` in an `@odata.nextLink` to follow verbatim, `$select`,
//!   the extended-property `$filter` and `$expand` ([`super::contact_query`]). A filter searches
//!   the listed folder only, never the whole mailbox.
//! - `POST /me/contacts` or `/me/contactFolders/{id}/contacts` → 201 with the contact (without
//!   its extended properties, which come only when expanded).
//! - `GET|PATCH|DELETE /me/contacts/{id}` find the contact in any folder; the folder-scoped forms
//!   answer 404 for a contact in another folder. PATCH → 200 with the whole contact; DELETE →
//!   204. A stale `If-Match` is 412 `ErrorIrresolvableConflict`.
//! - Ids are opaque: the wrong shape is 400 `ErrorInvalidIdMalformed`, an unknown or deleted
//!   contact 404 `ErrorItemNotFound`. `Prefer: IdType="ImmutableId"` answers immutable ids.
//!
//! What a body may set, the limits (≤ 3 e-mail addresses, …) and the displayName rule are in
//! [`crate::graph::mailbox::contact`]: a PATCH without `displayName` regenerates it from the
//! name parts, so a client must always send it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::contact_query::{ContactQuery, refused};
use super::messages::{check_if_match, encode_segment};
use super::{Caller, context};
use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::contact::{ContactData, parse_write};
use crate::graph::mailbox::contacts::Contacts;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::link;
use crate::graph::state::GraphState;

/// The folder a request names (`None`: the default folder), checked.
fn folder_id(mb: &Mailbox, folder: Option<&str>) -> Result<String, GraphError> {
    Ok(match folder {
        Some(key) => mb.contacts.folder(key)?.id.clone(),
        None => mb.contacts.default_folder().id.clone(),
    })
}

/// Index of contact `id`, which must be in `folder` when the request names one.
pub fn find(mb: &Mailbox, folder: Option<&str>, id: &str) -> Result<usize, GraphError> {
    let scope = folder.map(|f| folder_id(mb, Some(f))).transpose()?;
    let index = mb.contacts.index(id)?;
    if scope.is_some_and(|f| f != mb.contacts.contacts[index].folder_id) {
        return Err(GraphError::not_found());
    }
    Ok(index)
}

/// `{"@odata.context": …}` followed by the entity's properties.
fn with_context(state: &GraphState, fragment: &str, entity: Value) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("@odata.context".into(), json!(context(state, fragment)));
    if let Value::Object(entity) = entity {
        map.extend(entity);
    }
    Value::Object(map)
}

fn list(
    state: &GraphState,
    caller: &Caller,
    folder: Option<&str>,
    query: &HashMap<String, String>,
) -> Result<Response, GraphError> {
    let q = ContactQuery::parse(query, true)?;
    let immutable = caller.prefs.immutable_ids;
    let (values, total, real_folder) = caller.with_mailbox(state, |mb| {
        let real = folder_id(mb, folder)?;
        let matching: Vec<_> = mb
            .contacts
            .in_folder(&real)
            .into_iter()
            .filter(|c| q.passes(c))
            .collect();
        let values: Vec<Value> = matching
            .iter()
            .skip(q.skip)
            .take(q.top)
            .map(|c| q.render(c, immutable))
            .collect();
        Ok((values, matching.len(), real))
    })?;
    let (path, fragment) = match folder {
        Some(key) => (
            format!("/me/contactFolders/{}/contacts", encode_segment(key)),
            format!("users('me')/contactFolders('{real_folder}')/contacts"),
        ),
        None => (
            "/me/contacts".to_string(),
            "users('me')/contacts".to_string(),
        ),
    };
    let mut body = json!({"@odata.context": context(state, &fragment)});
    if q.skip + q.top < total {
        body["@odata.nextLink"] = json!(link(&state.graph_url(), &path, &q.next_pairs()));
    }
    body["value"] = Value::Array(values);
    Ok(super::json_for(caller, StatusCode::OK, body, false))
}

fn get_one(
    state: &GraphState,
    caller: &Caller,
    folder: Option<&str>,
    id: &str,
    query: &HashMap<String, String>,
) -> Result<Response, GraphError> {
    let q = ContactQuery::parse(query, false)?;
    let contact = caller.with_mailbox(state, |mb| {
        let index = find(mb, folder, id)?;
        Ok(q.render(&mb.contacts.contacts[index], caller.prefs.immutable_ids))
    })?;
    let body = with_context(state, "users('me')/contacts/$entity", contact);
    Ok(super::json_for(caller, StatusCode::OK, body, false))
}

fn create(
    state: &GraphState,
    caller: &Caller,
    folder: Option<&str>,
    body: &[u8],
) -> Result<Response, GraphError> {
    let write = parse_write(&super::parse_body::<Value>(body)?).map_err(refused)?;
    let now = state.clock.now();
    let contact = caller.with_mailbox(state, |mb| {
        let folder = folder_id(mb, folder)?;
        let mut data = ContactData::default();
        data.apply(&write);
        if !write.sets("displayName") {
            data.regenerate_display_name();
        }
        let index = mb.contacts.add(&folder, data, write.extended.clone(), now);
        Ok(mb.contacts.contacts[index].to_json(caller.prefs.immutable_ids))
    })?;
    let body = with_context(state, "users('me')/contacts/$entity", contact);
    Ok(super::json_for(caller, StatusCode::CREATED, body, false))
}

fn update(
    state: &GraphState,
    caller: &Caller,
    (folder, id): (Option<&str>, &str),
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, GraphError> {
    let write = parse_write(&super::parse_body::<Value>(body)?).map_err(refused)?;
    let now = state.clock.now();
    let contact = caller.with_mailbox(state, |mb| {
        let index = find(mb, folder, id)?;
        check_if_match(headers, &mb.contacts.contacts[index].change_key)?;
        mb.contacts.update(index, now, |c| {
            c.data.apply(&write);
            // NOTE: Exchange regenerates displayName on a change that does not name it.
            if !write.sets("displayName") {
                c.data.regenerate_display_name();
            }
            Contacts::merge_extended(c, &write.extended);
        });
        Ok(mb.contacts.contacts[index].to_json(caller.prefs.immutable_ids))
    })?;
    let body = with_context(state, "users('me')/contacts/$entity", contact);
    Ok(super::json_for(caller, StatusCode::OK, body, false))
}

fn delete(
    state: &GraphState,
    caller: &Caller,
    (folder, id): (Option<&str>, &str),
    headers: &HeaderMap,
) -> Result<Response, GraphError> {
    caller.with_mailbox(state, |mb| {
        let index = find(mb, folder, id)?;
        check_if_match(headers, &mb.contacts.contacts[index].change_key)?;
        mb.contacts.remove(index);
        Ok(())
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /me/contacts`.
pub async fn list_default(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    list(&state, &caller, None, &query)
}

/// `GET /me/contactFolders/{id}/contacts`.
pub async fn list_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    list(&state, &caller, Some(&folder), &query)
}

/// `POST /me/contacts`.
pub async fn create_default(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, None, &body)
}

/// `POST /me/contactFolders/{id}/contacts`.
pub async fn create_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder): Path<String>,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, Some(&folder), &body)
}

/// `GET /me/contacts/{id}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    get_one(&state, &caller, None, &id, &query)
}

/// `GET /me/contactFolders/{folder}/contacts/{id}`.
pub async fn get_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    get_one(&state, &caller, Some(&folder), &id, &query)
}

/// `PATCH /me/contacts/{id}`.
pub async fn patch(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, GraphError> {
    update(&state, &caller, (None, &id), &headers, &body)
}

/// `PATCH /me/contactFolders/{folder}/contacts/{id}`.
pub async fn patch_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, GraphError> {
    update(&state, &caller, (Some(&folder), &id), &headers, &body)
}

/// `DELETE /me/contacts/{id}`.
pub async fn remove(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, GraphError> {
    delete(&state, &caller, (None, &id), &headers)
}

/// `DELETE /me/contactFolders/{folder}/contacts/{id}`.
pub async fn remove_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, GraphError> {
    delete(&state, &caller, (Some(&folder), &id), &headers)
}
