//! Contacts delta per folder (https://learn.microsoft.com/graph/api/contact-delta, GRAPH_FACTS
//! §4.1): `GET /me/contactFolders/{id}/contacts/delta[?$select=…]`.
//!
//! - Rounds as for mail ([`crate::graph::mailbox::contact_sync`]): pages linked by
//!   `@odata.nextLink` (`$skiptoken`), the last with `@odata.deltaLink` (`$deltatoken`); changed
//!   contacts come in full (or as `$select`ed, `id` always), each with `@odata.type`; deleted or
//!   moved-away ones as `{"@odata.type","id","@removed":{"reason":"deleted"}}`.
//! - `$select` is the only query option the documentation names for contact delta; `$filter`,
//!   `$expand`, `$top`, `$skip`, `$orderby`, `$search` and `$count` are 400
//!   `ErrorInvalidUrlQuery`, so a client cannot rely on extended properties coming with a delta
//!   page — it reads them with `$expand` on the contact. Query options are fixed by the first
//!   request and carried in the tokens.
//! - Page size: `Prefer: odata.maxpagesize=N` (default 10, at most 1000), echoed in
//!   `Preference-Applied`.
//! - Links use Graph's key form `…/me/contactfolders('{id}')/contacts/delta?$skiptoken=…`.
//! - An expired or unknown token is 410 Gone, code `SyncStateNotFound`, with `Location` holding
//!   a fresh initial delta URL that keeps the first request's `$select` (decision 0003).
//! - There is no `/me/contacts/delta` in v1.0 (GRAPH_FACTS §4.1); use the default folder's id.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::delta::new_token;
use super::messages::encode_segment;
use super::{Caller, context, project};
use crate::graph::mailbox::DeltaEntry;
use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::contact::is_selectable;
use crate::graph::mailbox::contact_sync::{self, Gone};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::link;
use crate::graph::state::GraphState;

const DEFAULT_PAGE: usize = 10;
const MAX_PAGE: usize = 1000;
const REFUSED: &[&str] = &[
    "filter", "expand", "top", "skip", "orderby", "search", "count",
];

/// The `$select` of a first request; every other option refused.
fn first_select(query: &HashMap<String, String>) -> Result<Option<Vec<String>>, GraphError> {
    let named: Vec<&str> = query
        .keys()
        .map(|k| k.trim_start_matches('$'))
        .filter(|k| REFUSED.iter().any(|r| r.eq_ignore_ascii_case(k)))
        .collect();
    if !named.is_empty() {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidUrlQuery",
            format!(
                "The following parameters are not supported with change tracking over the 'Contacts' resource: '${}'.",
                named.join(", $")
            ),
        ));
    }
    let Some(select) = query
        .iter()
        .find(|(k, _)| k.trim_start_matches('$').eq_ignore_ascii_case("select"))
        .map(|(_, v)| v)
    else {
        return Ok(None);
    };
    let names: Vec<String> = select
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(bad) = names.iter().find(|n| !is_selectable(n)) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "RequestBroker--ParseUri",
            format!("Could not find a property named '{bad}' on type 'microsoft.graph.contact'."),
        ));
    }
    Ok(Some(names))
}

/// 410 with a fresh initial delta URL in `Location`.
fn gone(graph: &str, path: &str, seq: u64, lost: Gone) -> GraphError {
    let mut error = GraphError::new(
        StatusCode::GONE,
        "SyncStateNotFound",
        format!(
            "The sync state generation is not found; generation={};[highest={seq}][{seq}].",
            seq.saturating_sub(7)
        ),
    );
    let pairs: Vec<(&str, String)> = lost
        .select
        .map(|s| vec![("$select", s.join(","))])
        .unwrap_or_default();
    error.location = Some(link(graph, path, &pairs));
    error
}

fn entry_json(
    mb: &Mailbox,
    folder: &str,
    entry: &DeltaEntry,
    select: Option<&[String]>,
    immutable: bool,
) -> Option<Value> {
    let mut typed = serde_json::Map::new();
    typed.insert("@odata.type".into(), json!("#microsoft.graph.contact"));
    match entry {
        DeltaEntry::Changed(immutable_id) => {
            // NOTE: a contact that left the folder after the round started is skipped here and
            // reported as removed by the next round.
            let c = mb
                .contacts
                .contacts
                .iter()
                .find(|c| &c.immutable_id == immutable_id && c.folder_id == folder)?;
            if let Value::Object(map) = project(c.to_json(immutable), select) {
                typed.extend(map);
            }
        }
        DeltaEntry::Removed {
            rest_id,
            immutable_id,
        } => {
            typed.insert(
                "id".into(),
                json!(if immutable { immutable_id } else { rest_id }),
            );
            typed.insert("@removed".into(), json!({"reason": "deleted"}));
        }
    }
    Some(Value::Object(typed))
}

/// `GET /me/contactFolders/{id}/contacts/delta`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_key): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let token = query
        .iter()
        .find(|(k, _)| {
            k.eq_ignore_ascii_case("$skiptoken") || k.eq_ignore_ascii_case("$deltatoken")
        })
        .map(|(k, v)| (k.eq_ignore_ascii_case("$skiptoken"), v.clone()));
    let select = match token {
        None => first_select(&query)?,
        Some(_) => None,
    };
    let page_size = caller
        .prefs
        .max_page_size
        .unwrap_or(DEFAULT_PAGE)
        .min(MAX_PAGE);
    let graph = state.graph_url();
    let immutable = caller.prefs.immutable_ids;
    let body = caller.with_mailbox(&state, |mb| {
        let folder = mb.contacts.folder(&folder_key)?.id.clone();
        // NOTE: Graph writes delta links in OData key syntax; clients must not parse them.
        let path = format!(
            "/me/contactfolders('{}')/contacts/delta",
            encode_segment(&folder)
        );
        let at = contact_sync::position(
            &mb.contacts,
            &folder,
            token.as_ref().map(|(_, t)| t.as_str()),
            select,
        )
        .map_err(|lost| gone(&graph, &path, mb.contacts.seq, lost))?;
        // NOTE: with the empty-page fault, a round opens with an empty page linking to the rest.
        let opens_round = !token.as_ref().is_some_and(|(skip, _)| *skip);
        let size = if mb.empty_first_delta_page && opens_round {
            0
        } else {
            page_size
        };
        let page = contact_sync::page(&mut mb.contacts, &folder, (at, size), new_token());
        let values: Vec<Value> = page
            .entries
            .iter()
            .filter_map(|e| entry_json(mb, &folder, e, page.select.as_deref(), immutable))
            .collect();
        let mut body = json!({"@odata.context": context(&state, "Collection(contact)")});
        let (last, next) = page.next;
        if last {
            body["@odata.deltaLink"] = json!(link(&graph, &path, &[("$deltatoken", next)]));
        } else {
            body["@odata.nextLink"] = json!(link(&graph, &path, &[("$skiptoken", next)]));
        }
        body["value"] = Value::Array(values);
        Ok(body)
    })?;
    Ok(super::json_for(&caller, StatusCode::OK, body, true))
}
