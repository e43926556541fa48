//! calendarView delta (https://learn.microsoft.com/graph/api/event-delta,
//! https://learn.microsoft.com/graph/delta-query-events, GRAPH_FACTS §3.2):
//! `GET /me/calendarView/delta?startDateTime=…&endDateTime=…`.
//!
//! - The window is required on the first request and frozen into the tokens; `$select`,
//!   `$filter`, `$top`, `$skip`, `$expand`, `$orderby`, `$search` and `$count` are 400
//!   `ErrorInvalidUrlQuery`, as Graph refuses them for change tracking on calendarView.
//! - A round is a series of pages linked by `@odata.nextLink` (`$skiptoken`), the last carrying
//!   `@odata.deltaLink` (`$deltatoken`); what a round reports is described in
//!   [`crate::graph::mailbox::calendar_sync`]: instances like the calendar view's (occurrences and
//!   exceptions, never masters), each with `@odata.type`; `@removed: {"reason":"deleted"}` entries
//!   with only `@odata.type` and `id`, also for events outside the window that changed.
//! - Page size: `Prefer: odata.maxpagesize=N`. Microsoft documents neither a default nor a
//!   maximum for this function (event-delta: "odata.maxpagesize={x}. Optional."; delta query
//!   for events: the header sets "the maximum number of events in a response"). The fake uses
//!   Outlook's documented default page size of 10 when none is asked, so clients meet paging at
//!   once, and caps a larger request at 1000, Outlook's largest `$top`; `Preference-Applied`
//!   names the size used. NOTE: real servers have been seen to send more than N events per page
//!   when a recurring series expands (microsoftgraph/msgraph-sdk-dotnet#3070); not modelled.
//! - `start`/`end` follow `Prefer: outlook.timezone` per request (UTC without it).
//! - An expired or unknown token answers 410 Gone, code `SyncStateNotFound`, as the message delta
//!   does, with a `Location` header holding a fresh initial delta URL for the same window.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::delta::new_token;
use super::event_query::{self, WindowQuery};
use super::{Caller, context};
use crate::graph::mailbox::Mailbox;
use crate::graph::mailbox::calendar::Window;
use crate::graph::mailbox::calendar_sync::{self, CalendarSync, SyncEntry};
use crate::graph::mailbox::event::Presentation;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::link;
use crate::graph::state::GraphState;

const PATH: &str = "/me/calendarView/delta";
const DEFAULT_PAGE: usize = 10;
const MAX_PAGE: usize = 1000;
/// Query options Graph refuses on calendarView delta.
const REFUSED: &[&str] = &[
    "$select", "$filter", "$top", "$skip", "$expand", "$orderby", "$search", "$count",
];

fn refuse_options(query: &HashMap<String, String>) -> Result<(), GraphError> {
    let named: Vec<&str> = REFUSED
        .iter()
        .copied()
        .filter(|o| {
            query.keys().any(|k| {
                k.eq_ignore_ascii_case(o) || k.eq_ignore_ascii_case(o.trim_start_matches('$'))
            })
        })
        .collect();
    if named.is_empty() {
        return Ok(());
    }
    Err(GraphError::new(
        StatusCode::BAD_REQUEST,
        "ErrorInvalidUrlQuery",
        format!(
            "The following parameters are not supported with change tracking over the 'CalendarView' resource: '{}'.",
            named.join(", ")
        ),
    ))
}

/// 410 with a fresh initial delta URL for `window` in `Location`.
fn gone(graph: &str, mb: &Mailbox, window: Option<Window>) -> GraphError {
    let seq = mb.calendar.seq;
    let mut error = GraphError::new(
        StatusCode::GONE,
        "SyncStateNotFound",
        format!(
            "The sync state generation is not found; generation={};[highest={seq}][{seq}].",
            seq.saturating_sub(7)
        ),
    );
    let pairs: Vec<(&str, String)> = window
        .map(|w| {
            let at = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
            vec![("startDateTime", at(w.start)), ("endDateTime", at(w.end))]
        })
        .unwrap_or_default();
    error.location = Some(link(graph, PATH, &pairs));
    error
}

/// Where a request continues: the round's entries, offset, window and what its deltaLink keeps.
struct Position {
    window: Window,
    entries: Vec<SyncEntry>,
    offset: usize,
    since: u64,
    known: calendar_sync::Known,
}

/// The position a request starts from: a new round, a saved deltaLink or a nextLink.
fn position(
    graph: &str,
    mb: &Mailbox,
    token: Option<&String>,
    window: Option<WindowQuery>,
) -> Result<Position, GraphError> {
    let Some(token) = token else {
        let Some(window) = window else {
            return Err(gone(graph, mb, None));
        };
        let round = calendar_sync::round(&mb.calendar, window.window, None);
        return Ok(Position {
            window: window.window,
            entries: round.entries,
            offset: 0,
            since: round.since,
            known: round.known,
        });
    };
    match mb.calendar.sync_states.get(token) {
        Some(CalendarSync::Round {
            window,
            since,
            known,
            expired: false,
        }) => {
            let round = calendar_sync::round(&mb.calendar, *window, Some((*since, known)));
            Ok(Position {
                window: *window,
                entries: round.entries,
                offset: 0,
                since: round.since,
                known: round.known,
            })
        }
        Some(CalendarSync::Page {
            window,
            entries,
            offset,
            since,
            known,
            expired: false,
        }) => Ok(Position {
            window: *window,
            entries: entries.clone(),
            offset: *offset,
            since: *since,
            known: known.clone(),
        }),
        other => Err(gone(graph, mb, other.map(CalendarSync::window))),
    }
}

fn entry_json(entry: &SyncEntry, presentation: &Presentation) -> Value {
    let mut typed = serde_json::Map::new();
    typed.insert("@odata.type".into(), json!("#microsoft.graph.event"));
    match entry {
        SyncEntry::Changed(instance) => {
            if let Value::Object(map) = instance.to_json(presentation) {
                typed.extend(map);
            }
        }
        SyncEntry::Removed(id) => {
            typed.insert("id".into(), json!(id));
            typed.insert("@removed".into(), json!({"reason": "deleted"}));
        }
    }
    Value::Object(typed)
}

/// `GET /me/calendarView/delta`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let token = query
        .iter()
        .find(|(k, _)| {
            k.eq_ignore_ascii_case("$skiptoken") || k.eq_ignore_ascii_case("$deltatoken")
        })
        .map(|(_, v)| v.clone());
    let window = if token.is_none() {
        refuse_options(&query)?;
        Some(event_query::window(&query)?)
    } else {
        None
    };
    let page_size = caller
        .prefs
        .max_page_size
        .unwrap_or(DEFAULT_PAGE)
        .min(MAX_PAGE);
    let graph = state.graph_url();
    let (body, mut applied) = caller.with_mailbox(&state, |mb| {
        let (presentation, applied) = event_query::presentation(&caller, &mb.calendar)?;
        let at = position(&graph, mb, token.as_ref(), window)?;
        let end = (at.offset + page_size).min(at.entries.len());
        let values: Vec<Value> = at.entries[at.offset.min(end)..end]
            .iter()
            .map(|e| entry_json(e, &presentation))
            .collect();
        let next_token = new_token();
        let mut body = json!({"@odata.context": context(&state, "Collection(event)")});
        if end < at.entries.len() {
            let page = CalendarSync::Page {
                window: at.window,
                entries: at.entries,
                offset: end,
                since: at.since,
                known: at.known,
                expired: false,
            };
            mb.calendar.sync_states.insert(next_token.clone(), page);
            body["@odata.nextLink"] = json!(link(&graph, PATH, &[("$skiptoken", next_token)]));
        } else {
            let round = CalendarSync::Round {
                window: at.window,
                since: at.since,
                known: at.known,
                expired: false,
            };
            mb.calendar.sync_states.insert(next_token.clone(), round);
            body["@odata.deltaLink"] = json!(link(&graph, PATH, &[("$deltatoken", next_token)]));
        }
        body["value"] = Value::Array(values);
        Ok((body, applied))
    })?;
    let mut all: Vec<String> = applied.take().into_iter().collect();
    if caller.prefs.max_page_size.is_some() {
        all.push(format!("odata.maxpagesize={page_size}"));
    }
    Ok(event_query::answer(&caller, body, &all))
}
