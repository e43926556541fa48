//! The calendar view (https://learn.microsoft.com/graph/api/user-list-calendarview,
//! GRAPH_FACTS §3.1): `GET /me/calendarView?startDateTime=…&endDateTime=…` (also
//! `/me/calendar/calendarView`).
//!
//! The window is required (400 `ErrorInvalidParameter` without it). The answer holds the single
//! events, occurrences and exceptions overlapping the window — never series masters, never
//! cancelled occurrences — ordered by start; `$top` 1–1000 (default 10), `$skip` and `$select`;
//! `@odata.nextLink` carries the window, `$top` and `$skip` and must be followed verbatim.
//! `start`/`end` come in UTC, or in the zone of `Prefer: outlook.timezone` (see
//! [`super::event_query`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::event_query::{self, check_options};
use super::{Caller, context};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::OData;
use crate::graph::state::GraphState;

/// `GET /me/calendarView`.
pub async fn list(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_options(&odata)?;
    let window = event_query::window(&query)?;
    let graph = state.graph_url();
    let (values, next, applied) = caller.with_mailbox(&state, |mb| {
        let (presentation, applied) = event_query::presentation(&caller, &mb.calendar)?;
        let view = mb.calendar.view(window.window);
        let pairs = vec![
            ("startDateTime", window.start_text.clone()),
            ("endDateTime", window.end_text.clone()),
        ];
        let (values, next) = event_query::page(
            &view,
            &odata,
            &presentation,
            (&graph, "/me/calendarView", pairs),
        );
        Ok((values, next, applied))
    })?;
    let mut body = json!({"@odata.context": context(&state, "users('me')/calendarView")});
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    body["value"] = Value::Array(values);
    Ok(event_query::answer(&caller, body, applied.as_slice()))
}
