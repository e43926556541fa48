//! Events (https://learn.microsoft.com/graph/api/resources/event, GRAPH_FACTS §3.1):
//! - `GET /me/events` (also `/me/calendar/events`): single events and series masters, not
//!   expanded, ordered by start; `$top` 1–1000 (default 10), `$skip`, `$select`; nextLink with
//!   `$skip`.
//! - `GET /me/events/{id}`: a single event, master, occurrence or exception by id (an occurrence
//!   that was cancelled is 404 `ErrorItemNotFound`; an id of the wrong shape is 400
//!   `ErrorInvalidIdMalformed`).
//! - `GET /me/events/{id}/instances?startDateTime=…&endDateTime=…`: the occurrences and
//!   exceptions of a series in the window (required); empty for an event that is no series.
//!
//! `start`/`end` follow `Prefer: outlook.timezone` as in the calendar view.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::event_query::{self, check_options};
use super::messages::encode_segment;
use super::{Caller, context, project};
use crate::graph::mailbox::event::Instance;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::OData;
use crate::graph::state::GraphState;

/// A collection answer from `instances` of `path` (window pairs for the nextLink in `pairs`).
fn collection(
    state: &GraphState,
    caller: &Caller,
    query: &HashMap<String, String>,
    (path, fragment, pairs): (&str, &str, Vec<(&str, String)>),
    pick: impl FnOnce(&crate::graph::mailbox::Mailbox) -> Result<Vec<Instance>, GraphError>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(query, 1000)?;
    check_options(&odata)?;
    let graph = state.graph_url();
    let (values, next, applied) = caller.with_mailbox(state, |mb| {
        let (presentation, applied) = event_query::presentation(caller, &mb.calendar)?;
        let instances = pick(mb)?;
        let (values, next) =
            event_query::page(&instances, &odata, &presentation, (&graph, path, pairs));
        Ok((values, next, applied))
    })?;
    let mut body = json!({"@odata.context": context(state, fragment)});
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    body["value"] = Value::Array(values);
    Ok(event_query::answer(caller, body, applied.as_slice()))
}

/// `GET /me/events`.
pub async fn list(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let target = ("/me/events", "users('me')/events", Vec::new());
    collection(&state, &caller, &query, target, |mb| {
        let mut all: Vec<Instance> = mb.calendar.events.iter().map(|e| e.as_instance()).collect();
        all.sort_by(|a, b| (a.data.start_utc(), &a.id).cmp(&(b.data.start_utc(), &b.id)));
        Ok(all)
    })
}

/// `GET /me/events/{id}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(event_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_options(&odata)?;
    let (event, applied) = caller.with_mailbox(&state, |mb| {
        let (presentation, applied) = event_query::presentation(&caller, &mb.calendar)?;
        let instance = mb.calendar.instance(&event_id)?;
        Ok((instance.to_json(&presentation), applied))
    })?;
    let mut body = serde_json::Map::new();
    body.insert(
        "@odata.context".into(),
        json!(context(&state, "users('me')/events/$entity")),
    );
    if let Value::Object(map) = project(event, odata.select.as_deref()) {
        body.extend(map);
    }
    Ok(event_query::answer(
        &caller,
        Value::Object(body),
        applied.as_slice(),
    ))
}

/// `GET /me/events/{id}/instances`.
pub async fn instances(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(event_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let window = event_query::window(&query)?;
    let path = format!("/me/events/{}/instances", encode_segment(&event_id));
    let pairs = vec![
        ("startDateTime", window.start_text.clone()),
        ("endDateTime", window.end_text.clone()),
    ];
    let target = (path.as_str(), "Collection(event)", pairs);
    collection(&state, &caller, &query, target, |mb| {
        let (index, date) = mb.calendar.lookup(&event_id)?;
        let event = &mb.calendar.events[index];
        if date.is_some() || event.recurrence.is_none() {
            return Ok(Vec::new());
        }
        let mut all = event.instances(window.window);
        all.sort_by(|a, b| (a.data.start_utc(), &a.id).cmp(&(b.data.start_utc(), &b.id)));
        Ok(all)
    })
}
