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
use crate::graph::mailbox::{DeltaEntry, Mailbox, SyncState};
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
        let delta_path = format!(
            "/me/mailfolders('{}')/messages/delta",
            encode_segment(&folder_id)
        );
        let round = match skiptoken.as_ref().or(deltatoken.as_ref()) {
            None => Round {
                entries: mb.delta_entries(&folder_id, 0, filter),
                offset: 0,
                next_since: mb.seq,
                select: odata.select.clone(),
                filter,
            },
            Some(token) => resume(mb, &folder_id, token)
                .map_err(|gone| sync_state_gone(mb, &graph, &delta_path, gone))?,
        };
        // NOTE: with the empty-page fault, a round opens with an empty page that links to the rest.
        let page_size = if mb.empty_first_delta_page && skiptoken.is_none() {
            0
        } else {
            page_size
        };
        let end = (round.offset + page_size).min(round.entries.len());
        let values = page_values(mb, &round, end, &folder_id, immutable);
        let more = end < round.entries.len() || (page_size == 0 && !round.entries.is_empty());
        let (name, token) = save_state(mb, folder_id, round, end, more);
        let mut body = json!({"@odata.context": context(&state, "Collection(message)")});
        body[name] = json!(link(&graph, &delta_path, &[(token.0, token.1)]));
        body["value"] = Value::Array(values);
        Ok((body, ()))
    })?;
    Ok(super::json_for(&caller, StatusCode::OK, body, true))
}

/// Saves where the next request goes on: the rest of this round (`more`), or the next round;
/// the link's name and its query pair.
fn save_state(
    mb: &mut Mailbox,
    folder_id: String,
    round: Round,
    end: usize,
    more: bool,
) -> (&'static str, (&'static str, String)) {
    let new = new_token();
    let Round {
        entries,
        next_since,
        select,
        filter,
        ..
    } = round;
    if more {
        let state = SyncState::Page {
            folder_id,
            entries,
            offset: end,
            next_since,
            select,
            filter,
            expired: false,
        };
        mb.sync_states.insert(new.clone(), state);
        ("@odata.nextLink", ("$skiptoken", new))
    } else {
        let state = SyncState::Round {
            folder_id,
            since: next_since,
            select,
            filter,
            expired: false,
        };
        mb.sync_states.insert(new.clone(), state);
        ("@odata.deltaLink", ("$deltatoken", new))
    }
}

/// Where a delta request stands: the round's entries, how many earlier pages returned, and the
/// query the round was started with.
struct Round {
    entries: Vec<DeltaEntry>,
    offset: usize,
    next_since: u64,
    select: Option<Vec<String>>,
    filter: Option<ReceivedFilter>,
}

/// The round a token continues; `Err` with the token's state (if any) when it is unknown,
/// expired or for another folder.
fn resume(mb: &Mailbox, folder_id: &str, token: &str) -> Result<Round, Option<SyncState>> {
    match mb.sync_states.get(token).cloned() {
        Some(SyncState::Round {
            folder_id: f,
            since,
            select,
            filter,
            expired: false,
        }) if f == folder_id => Ok(Round {
            entries: mb.delta_entries(folder_id, since, filter),
            offset: 0,
            next_since: mb.seq,
            select,
            filter,
        }),
        Some(SyncState::Page {
            folder_id: f,
            entries,
            offset,
            next_since,
            select,
            filter,
            expired: false,
        }) if f == folder_id => Ok(Round {
            entries,
            offset,
            next_since,
            select,
            filter,
        }),
        other => Err(other),
    }
}

/// 410 Gone for a token that cannot go on, with a fresh initial delta URL (same query) in
/// `Location`.
fn sync_state_gone(
    mb: &Mailbox,
    graph: &str,
    delta_path: &str,
    gone: Option<SyncState>,
) -> GraphError {
    let (select, filter) = match gone {
        Some(SyncState::Round { select, filter, .. } | SyncState::Page { select, filter, .. }) => {
            (select, filter)
        }
        None => (None, None),
    };
    let mut pairs = Vec::new();
    if let Some(select) = select {
        pairs.push(("$select", select.join(",")));
    }
    if let Some(f) = filter {
        let op = if f.inclusive { "ge" } else { "gt" };
        pairs.push((
            "$filter",
            format!(
                "receivedDateTime {op} {}",
                f.after.format("%Y-%m-%dT%H:%M:%SZ")
            ),
        ));
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
    error.location = Some(link(graph, delta_path, &pairs));
    error
}

/// The messages (and removals) of the round's entries up to `end`.
fn page_values(
    mb: &Mailbox,
    round: &Round,
    end: usize,
    folder_id: &str,
    immutable: bool,
) -> Vec<Value> {
    let mut values = Vec::new();
    for entry in &round.entries[round.offset.min(end)..end] {
        match entry {
            DeltaEntry::Changed(immutable_id) => {
                // NOTE: a message that left the folder after the round started is skipped here
                // and reported as removed by the next round.
                if let Some(m) = mb
                    .messages
                    .iter()
                    .find(|m| &m.immutable_id == immutable_id && m.folder_id == folder_id)
                {
                    let mut v = m.to_json(round.select.as_deref(), false, immutable);
                    if let Value::Object(map) = &mut v {
                        let mut typed = serde_json::Map::new();
                        typed.insert("@odata.type".into(), json!("#microsoft.graph.message"));
                        typed.extend(std::mem::take(map));
                        *map = typed;
                    }
                    values.push(v);
                }
            }
            DeltaEntry::Removed {
                rest_id,
                immutable_id,
            } => values.push(json!({
                "@odata.type": "#microsoft.graph.message",
                "id": if immutable { immutable_id } else { rest_id },
                "@removed": {"reason": "deleted"},
            })),
        }
    }
    values
}
