//! What the event endpoints share: the required time window (`startDateTime`/`endDateTime`),
//! the zone `start`/`end` are answered in (`Prefer: outlook.timezone`), `$select` on events, pages
//! with a `$skip` nextLink, and answers saying which preferences were applied.
//!
//! Window values honour their own offset; a value without one is UTC; `Prefer:
//! outlook.timezone` never changes the window (GRAPH_FACTS §3.1). Parameter names are
//! case-insensitive (Microsoft's own examples write `startdatetime`). A missing window is 400
//! `ErrorInvalidParameter`; an unknown zone in the Prefer header is 400
//! `TimeZoneNotSupportedException` (also when the mailbox ignores the preference).

use std::collections::HashMap;

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use super::{Caller, json_for, project};
use crate::graph::mailbox::calendar::{Calendar, Window};
use crate::graph::mailbox::event::{Instance, Presentation, is_selectable};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::{OData, link};
use crate::graph::protocol::timezones::Zone;

/// Outlook's default page size.
pub const DEFAULT_PAGE: usize = 10;

/// The window as the client wrote it (for nextLinks) and as instants.
#[derive(Debug, Clone)]
pub struct WindowQuery {
    /// `startDateTime` as given.
    pub start_text: String,
    /// `endDateTime` as given.
    pub end_text: String,
    /// The window.
    pub window: Window,
}

fn parameter<'a>(query: &'a HashMap<String, String>, name: &str) -> Option<&'a String> {
    query
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// An instant as Graph reads a window bound: with its offset, or UTC without one.
pub fn parse_instant(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc());
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        return Some(t.and_utc());
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// The required window of a calendarView, instances or delta request.
pub fn window(query: &HashMap<String, String>) -> Result<WindowQuery, GraphError> {
    let (Some(start), Some(end)) = (
        parameter(query, "startDateTime"),
        parameter(query, "endDateTime"),
    ) else {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
        ));
    };
    let bound = |name: &str, value: &str| {
        parse_instant(value).ok_or_else(|| {
            GraphError::new(
                StatusCode::BAD_REQUEST,
                "ErrorInvalidParameter",
                format!("The value '{value}' of parameter '{name}' is invalid."),
            )
        })
    };
    Ok(WindowQuery {
        window: Window {
            start: bound("StartDateTime", start)?,
            end: bound("EndDateTime", end)?,
        },
        start_text: start.clone(),
        end_text: end.clone(),
    })
}

/// The zone to answer in, and the `Preference-Applied` entry when the preference was honoured.
pub fn presentation(
    caller: &Caller,
    calendar: &Calendar,
) -> Result<(Presentation, Option<String>), GraphError> {
    let asked = caller
        .prefs
        .time_zone
        .as_deref()
        .map(Zone::resolve)
        .transpose()?;
    Ok(match asked {
        _ if calendar.ignore_timezone_preference => (Presentation::Original, None),
        Some(zone) => {
            let applied = format!("outlook.timezone=\"{}\"", zone.name);
            (Presentation::Zone(zone), Some(applied))
        }
        None => (Presentation::Zone(Zone::utc()), None),
    })
}

/// Validates `$select` against the event schema; other options the fake does not serve are 400.
pub fn check_options(odata: &OData) -> Result<(), GraphError> {
    for name in odata.select.iter().flatten() {
        if !is_selectable(name) {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "RequestBroker--ParseUri",
                format!(
                    "Could not find a property named '{name}' on type 'microsoft.graph.event'."
                ),
            ));
        }
    }
    if odata.filter.is_some() || odata.orderby.is_some() || !odata.expand.is_empty() {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "The fake Graph serves events with $select, $top and $skip only ($filter, $orderby and $expand are not modelled).",
        ));
    }
    Ok(())
}

/// One page of `instances` as JSON, with its `@odata.nextLink` (`$skip`) when more follow.
pub fn page(
    instances: &[Instance],
    odata: &OData,
    presentation: &Presentation,
    next: (&str, &str, Vec<(&str, String)>),
) -> (Vec<Value>, Option<String>) {
    let size = odata.top.unwrap_or(DEFAULT_PAGE);
    let values = instances
        .iter()
        .skip(odata.skip)
        .take(size)
        .map(|i| project(i.to_json(presentation), odata.select.as_deref()))
        .collect();
    let (base, path, mut pairs) = next;
    if odata.skip + size >= instances.len() {
        return (values, None);
    }
    if let Some(select) = &odata.select {
        pairs.push(("$select", select.join(",")));
    }
    pairs.push(("$top", size.to_string()));
    pairs.push(("$skip", (odata.skip + size).to_string()));
    (values, Some(link(base, path, &pairs)))
}

/// A JSON answer whose `Preference-Applied` also names the zone and page size honoured.
pub fn answer(caller: &Caller, body: Value, applied: &[String]) -> Response {
    let mut response = json_for(caller, StatusCode::OK, body, false);
    let mut all: Vec<String> = response
        .headers()
        .get("preference-applied")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    all.extend(applied.iter().cloned());
    if !all.is_empty()
        && let Ok(v) = HeaderValue::from_str(&all.join(","))
    {
        response.headers_mut().insert("preference-applied", v);
    }
    response
}
