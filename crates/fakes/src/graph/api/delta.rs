//! Message delta per folder (https://learn.microsoft.com/graph/api/message-delta,
//! GRAPH_FACTS §2.5): `GET /me/mailFolders/{id}/messages/delta[?$select=…]`.
//!
//! A round is a series of pages linked by `@odata.nextLink` (opaque `$skiptoken`), the last
//! carrying `@odata.deltaLink` (opaque `$deltatoken`); the next round started from that link
//! reports only messages created or changed since, and `@removed` (`reason: deleted`) entries for
//! messages that left the folder (moved or deleted). The initial round reports current content
//! only; `$filter=receivedDateTime ge|gt <datetime>` limits every round to mail received since. The page size follows `Prefer: odata.maxpagesize=N` (default 10), echoed in
//! `Preference-Applied`. Query options are fixed by the first request and carried in the tokens.
//! Links use Graph's form `…/me/mailfolders('AQMk…')/messages/delta?$skiptoken=…`.
//! An expired or unknown token answers 410 Gone, code `SyncStateNotFound`, with a `Location`
//! header holding a fresh initial delta URL (full resync).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::messages::{check_select, encode_segment};
use super::{Caller, context};
use crate::graph::mailbox::{DeltaEntry, SyncState};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::{OData, ReceivedFilter, link};
use crate::graph::state::GraphState;

const DEFAULT_PAGE: usize = 10;

/// A new opaque delta state token.
pub fn new_token() -> String {
    let raw: Vec<u8> = (0..48).map(|_| rand::random::<u8>()).collect();
    format!("MCMw{}", URL_SAFE_NO_PAD.encode(raw))
}

/// `GET /me/mailFolders/{id}/messages/delta`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_key): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let skiptoken = query.get("$skiptoken").cloned();
    let deltatoken = query.get("$deltatoken").cloned();
    let odata = if skiptoken.is_none() && deltatoken.is_none() {
        let odata = OData::parse(&query, 1000)?;
        check_select(&odata)?;
        odata
    } else {
        OData::default()
    };
    let filter = odata
        .filter
        .as_deref()
        .map(ReceivedFilter::parse)
        .transpose()?;
    let page_size = caller.prefs.max_page_size.unwrap_or(DEFAULT_PAGE);
    let graph = state.graph_url();
    let immutable = caller.prefs.immutable_ids;
    let (body, _) = caller.with_mailbox(&state, |mb| {
        let folder_id = mb.folder(&folder_key)?.id.clone();
        // NOTE: Graph writes delta links in OData key syntax; clients must not parse them.
        let delta_path = format!("/me/mailfolders('{}')/messages/delta", encode_segment(&folder_id));
        let token = skiptoken.as_ref().or(deltatoken.as_ref());
        let (entries, offset, next_since, select, filter) = match token {
            None => (mb.delta_entries(&folder_id, 0, filter), 0, mb.seq, odata.select.clone(), filter),
            Some(token) => match mb.sync_states.get(token).cloned() {
                Some(SyncState::Round { folder_id: f, since, select, filter, expired: false }) if f == folder_id => {
                    (mb.delta_entries(&folder_id, since, filter), 0, mb.seq, select, filter)
                }
                Some(SyncState::Page { folder_id: f, entries, offset, next_since, select, filter, expired: false })
                    if f == folder_id =>
                {
                    (entries, offset, next_since, select, filter)
                }
                other => {
                    let (select, filter) = match other {
                        Some(SyncState::Round { select, filter, .. } | SyncState::Page { select, filter, .. }) => (select, filter),
                        None => (None, None),
                    };
                    let mut pairs = Vec::new();
                    if let Some(select) = select {
                        pairs.push(("$select", select.join(",")));
                    }
                    if let Some(f) = filter {
                        let op = if f.inclusive { "ge" } else { "gt" };
                        pairs.push(("$filter", format!("receivedDateTime {op} {}", f.after.format("%Y-%m-%dT%H:%M:%SZ"))));
                    }
                    let mut error = GraphError::new(
                        StatusCode::GONE,
                        "SyncStateNotFound",
                        format!(
                            "The sync state generation is not found; generation={};[highest={}][{}].",
                            mb.seq.saturating_sub(7),
                            mb.seq,
                            mb.seq
                        ),
                    );
                    error.location = Some(link(&graph, &delta_path, &pairs));
                    return Err(error);
                }
            },
        };
        // NOTE: with the empty-page fault, a round opens with an empty page that links to the rest.
        let page_size = if mb.empty_first_delta_page && skiptoken.is_none() { 0 } else { page_size };
        let end = (offset + page_size).min(entries.len());
        let mut values = Vec::new();
        for entry in &entries[offset.min(end)..end] {
            match entry {
                DeltaEntry::Changed(immutable_id) => {
                    // NOTE: a message that left the folder after the round started is skipped here
                    // and reported as removed by the next round.
                    if let Some(m) = mb.messages.iter().find(|m| &m.immutable_id == immutable_id && m.folder_id == folder_id) {
                        let mut v = m.to_json(select.as_deref(), false, immutable);
                        if let Value::Object(map) = &mut v {
                            let mut typed = serde_json::Map::new();
                            typed.insert("@odata.type".into(), json!("#microsoft.graph.message"));
                            typed.extend(std::mem::take(map));
                            *map = typed;
                        }
                        values.push(v);
                    }
                }
                DeltaEntry::Removed { rest_id, immutable_id } => values.push(json!({
                    "@odata.type": "#microsoft.graph.message",
                    "id": if immutable { immutable_id } else { rest_id },
                    "@removed": {"reason": "deleted"},
                })),
            }
        }
        let new = new_token();
        let mut body = json!({"@odata.context": context(&state, "Collection(message)")});
        if end < entries.len() || (page_size == 0 && !entries.is_empty()) {
            mb.sync_states.insert(
                new.clone(),
                SyncState::Page { folder_id: folder_id.clone(), entries, offset: end, next_since, select, filter, expired: false },
            );
            body["@odata.nextLink"] = json!(link(&graph, &delta_path, &[("$skiptoken", new)]));
        } else {
            mb.sync_states.insert(
                new.clone(),
                SyncState::Round { folder_id: folder_id.clone(), since: next_since, select, filter, expired: false },
            );
            body["@odata.deltaLink"] = json!(link(&graph, &delta_path, &[("$deltatoken", new)]));
        }
        body["value"] = Value::Array(values);
        Ok((body, ()))
    })?;
    Ok(super::json_for(&caller, StatusCode::OK, body, true))
}
