//! Helpers for calendar tests against the fake Graph: a fake on a fixed date, events put in as
//! the person would (control API), and calendar reads over HTTP.

use chrono::{DateTime, Utc};
use office_connector_fakes::graph::{FakeClock, GraphConfig, GraphSeed};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::graph::{GraphFixture, Reply};

/// The fake with the given seed, its clock set to `now` (RFC 3339), whatever the machine's date.
pub async fn fixture_at(seed: GraphSeed, now: &str) -> GraphFixture {
    let now: DateTime<Utc> = now.parse().expect("RFC 3339 instant");
    GraphFixture::with(GraphConfig {
        seed,
        clock: FakeClock::starting_at(now),
        ..GraphConfig::default()
    })
    .await
}

/// Creates an event in `upn`'s calendar as the person would; returns the action answer
/// (`{id, ical_uid, change_key, copies}`).
pub async fn create_event(fx: &GraphFixture, upn: &str, event: Value) -> Value {
    let reply = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{upn}/events"),
            Some(event),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "create event: {}",
        reply.body
    );
    reply.body
}

/// A timed event of `subject` from `start` to `end` (local times) in `zone`.
pub fn timed(subject: &str, start: &str, end: &str, zone: &str) -> Value {
    json!({"subject": subject, "start": start, "end": end, "time_zone": zone})
}

/// `GET /me/calendarView` for the window, with extra headers.
pub async fn view(
    fx: &GraphFixture,
    token: &str,
    start: &str,
    end: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let url = url::Url::parse_with_params(
        &fx.graph("/me/calendarView"),
        &[
            ("startDateTime", start),
            ("endDateTime", end),
            ("$top", "1000"),
        ],
    )
    .expect("url");
    fx.get(token, url.as_str(), headers).await
}

/// The items of a collection answer.
pub fn items(reply: &Reply) -> Vec<Value> {
    reply.body["value"].as_array().cloned().unwrap_or_default()
}

/// The item of `items` with `subject`.
pub fn by_subject<'a>(items: &'a [Value], subject: &str) -> &'a Value {
    items
        .iter()
        .find(|e| e["subject"] == subject)
        .unwrap_or_else(|| panic!("no event {subject} in {items:#?}"))
}

/// Follows a delta round from `first` to its deltaLink; returns the items and the deltaLink.
pub async fn delta_round(
    fx: &GraphFixture,
    token: &str,
    first: &str,
    headers: &[(&str, &str)],
) -> (Vec<Value>, String) {
    let mut url = first.to_string();
    let mut all = Vec::new();
    for _ in 0..100 {
        let page = fx.get(token, &url, headers).await;
        assert_eq!(page.status, StatusCode::OK, "delta page: {}", page.body);
        all.extend(items(&page));
        if let Some(next) = page.body["@odata.nextLink"].as_str() {
            url = next.to_string();
            continue;
        }
        let delta = page.body["@odata.deltaLink"].as_str().expect("deltaLink");
        return (all, delta.to_string());
    }
    panic!("delta round did not end");
}
