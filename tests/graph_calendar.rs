//! Calendars through the fake Graph, as a client sees them over HTTP: the required window,
//! paging, calendarView delta rounds, series with exceptions and cancelled occurrences, time
//! zones (Prefer, all-day dates, DST switches), meetings shared between mailboxes, and the demo
//! week. Every date is fixed through the fake's clock; nothing depends on the machine's date or
//! zone.

use std::collections::HashSet;

use it::calendar::{by_subject, create_event, delta_round, fixture_at, items, timed, view};
use it::graph::GraphFixture;
use office_connector_fakes::graph::GraphSeed;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ANNA: &str = "anna.kalender@yourcompany.example.com";
const BEN: &str = "ben.termin@yourcompany.example.com";
const LENA: &str = "lena.schaefer@yourcompany.example.com";
const JONAS: &str = "jonas.weiss@yourcompany.example.com";
const NOW: &str = "2026-03-20T08:00:00Z";
const BERLIN: &str = "W. Europe Standard Time";

/// A fake on a fixed date with Anna (and Ben); Anna's access token.
async fn anna(with_ben: bool) -> (GraphFixture, String) {
    let fx = fixture_at(GraphSeed::Empty, NOW).await;
    fx.add_person(ANNA, "Anna Kalender").await;
    if with_ben {
        fx.add_person(BEN, "Ben Termin").await;
    }
    let token = fx.access_token(ANNA).await;
    (fx, token)
}

fn times(event: &Value) -> (String, String, String) {
    (
        event["start"]["dateTime"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        event["end"]["dateTime"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        event["start"]["timeZone"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

fn start_times(reply: &it::graph::Reply) -> Vec<String> {
    items(reply)
        .iter()
        .map(|e| {
            e["start"]["dateTime"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn calendar_reads_require_a_time_window() {
    let (fx, token) = anna(false).await;
    let created = create_event(
        &fx,
        ANNA,
        timed(
            "Termin",
            "2026-03-23T09:00:00",
            "2026-03-23T10:00:00",
            "UTC",
        ),
    )
    .await;
    let id = created["id"].as_str().expect("id");
    for path in [
        "/me/calendarView".to_string(),
        "/me/calendarView?startDateTime=2026-03-01T00:00:00Z".to_string(),
        "/me/calendarView/delta?endDateTime=2026-04-01T00:00:00Z".to_string(),
        format!("/me/events/{id}/instances"),
    ] {
        let reply = fx.get(&token, &fx.graph(&path), &[]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(
            reply.body["error"]["code"], "ErrorInvalidParameter",
            "{path}"
        );
    }
    let lower = fx
        .get(&token, &fx.graph("/me/calendarview?startdatetime=2026-03-23T00:00:00Z&enddatetime=2026-03-24T00:00:00Z"), &[])
        .await;
    assert_eq!(
        lower.status,
        StatusCode::OK,
        "names are case-insensitive: {}",
        lower.body
    );
    assert_eq!(items(&lower).len(), 1);
}

#[tokio::test]
async fn the_calendar_view_pages_with_a_skip_next_link_and_top_up_to_1000() {
    let (fx, token) = anna(false).await;
    for i in 0..25 {
        let day = 1 + i / 5;
        let hour = 8 + i % 5;
        let event = timed(
            &format!("Termin {i:02}"),
            &format!("2026-04-{day:02}T{hour:02}:00:00"),
            &format!("2026-04-{day:02}T{hour:02}:30:00"),
            "Europe/Berlin",
        );
        create_event(&fx, ANNA, event).await;
    }
    let window = "startDateTime=2026-04-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z";
    let first = fx
        .get(
            &token,
            &fx.graph(&format!("/me/calendarView?{window}")),
            &[],
        )
        .await;
    assert_eq!(items(&first).len(), 10, "default page size 10");
    let mut next = Some(fx.graph(&format!("/me/calendarView?{window}&$top=10")));
    let (mut subjects, mut pages) = (Vec::new(), 0);
    while let Some(url) = next {
        let page = fx.get(&token, &url, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        pages += 1;
        subjects.extend(
            items(&page)
                .iter()
                .map(|e| e["subject"].as_str().unwrap_or_default().to_string()),
        );
        next = page.body["@odata.nextLink"].as_str().map(str::to_string);
        if let Some(link) = &next {
            assert!(link.contains("%24skip="), "nextLink carries $skip: {link}");
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(subjects.len(), 25);
    assert_eq!(
        subjects.iter().collect::<HashSet<_>>().len(),
        25,
        "no duplicates"
    );
    let mut sorted = subjects.clone();
    sorted.sort();
    assert_eq!(subjects, sorted, "ordered by start");
    let too_many = fx
        .get(
            &token,
            &fx.graph(&format!("/me/calendarView?{window}&$top=1001")),
            &[],
        )
        .await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    let events = fx.get(&token, &fx.graph("/me/events?$top=20"), &[]).await;
    assert_eq!(items(&events).len(), 20);
    assert!(
        events.body["@odata.nextLink"]
            .as_str()
            .is_some_and(|l| l.contains("%24skip=20"))
    );
}

#[tokio::test]
async fn window_bounds_honour_their_offset_and_default_to_utc() {
    let (fx, token) = anna(false).await;
    create_event(
        &fx,
        ANNA,
        timed(
            "Neun Uhr UTC",
            "2026-03-23T09:00:00",
            "2026-03-23T10:00:00",
            "UTC",
        ),
    )
    .await;
    let count = |start: &'static str, end: &'static str| {
        let (fx, token) = (&fx, &token);
        async move { items(&view(fx, token, start, end, &[]).await).len() }
    };
    assert_eq!(
        count("2026-03-23T10:30:00+01:00", "2026-03-23T12:00:00+01:00").await,
        1,
        "09:30Z overlaps"
    );
    assert_eq!(
        count("2026-03-23T10:00:00", "2026-03-23T11:00:00").await,
        0,
        "no offset is UTC: the event ends at 10:00Z"
    );
    assert_eq!(
        count(
            "2026-03-23T11:59:00.0000000+02:00",
            "2026-03-23T13:00:00+02:00"
        )
        .await,
        1,
        "09:59Z overlaps"
    );
    let berlin = view(
        &fx,
        &token,
        "2026-03-23T10:00:00",
        "2026-03-23T11:00:00",
        &[("Prefer", "outlook.timezone=\"Europe/Berlin\"")],
    )
    .await;
    assert!(items(&berlin).is_empty(), "Prefer does not move the window");
}

#[tokio::test]
async fn a_delta_round_pages_then_the_next_round_reports_only_changes() {
    let (fx, token) = anna(false).await;
    let mut ids = Vec::new();
    for (i, day) in ["23", "24", "25"].iter().enumerate() {
        let created = create_event(
            &fx,
            ANNA,
            timed(
                &format!("Termin {i}"),
                &format!("2026-03-{day}T09:00:00"),
                &format!("2026-03-{day}T10:00:00"),
                BERLIN,
            ),
        )
        .await;
        ids.push(created["id"].as_str().expect("id").to_string());
    }
    let first = fx.graph("/me/calendarView/delta?startDateTime=2026-03-22T00:00:00Z&endDateTime=2026-03-29T00:00:00Z");
    let page = fx
        .get(&token, &first, &[("Prefer", "odata.maxpagesize=2")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(items(&page).len(), 2);
    assert_eq!(
        page.header("preference-applied"),
        Some("odata.maxpagesize=2")
    );
    let next = page.body["@odata.nextLink"].as_str().expect("nextLink");
    assert!(
        next.contains("%24skiptoken=") && !next.contains("startDateTime"),
        "{next}"
    );
    assert_eq!(items(&page)[0]["@odata.type"], "#microsoft.graph.event");
    let (all, delta) = delta_round(&fx, &token, &first, &[("Prefer", "odata.maxpagesize=2")]).await;
    assert_eq!(all.len(), 3);
    assert!(delta.contains("%24deltatoken="), "{delta}");

    let control = |path: String| format!("/graph/mailboxes/{ANNA}/events/{path}");
    fx.control_call(
        Method::PATCH,
        &control(ids[0].clone()),
        Some(json!({"subject": "Termin 0 neu"})),
    )
    .await;
    fx.control_call(Method::DELETE, &control(ids[1].clone()), None)
        .await;
    let added = create_event(
        &fx,
        ANNA,
        timed("Neu", "2026-03-26T09:00:00", "2026-03-26T10:00:00", BERLIN),
    )
    .await;
    let (changes, _) = delta_round(&fx, &token, &delta, &[]).await;
    let removed: Vec<&Value> = changes
        .iter()
        .filter(|e| e.get("@removed").is_some())
        .collect();
    assert_eq!(removed.len(), 1, "{changes:#?}");
    assert_eq!(removed[0]["id"], ids[1].as_str());
    assert_eq!(removed[0]["@removed"], json!({"reason": "deleted"}));
    assert_eq!(
        removed[0].as_object().map(|o| o.len()),
        Some(3),
        "@odata.type, id, @removed only"
    );
    let full: Vec<&str> = changes
        .iter()
        .filter_map(|e| e["subject"].as_str())
        .collect();
    assert_eq!(full.len(), 2, "{changes:#?}");
    assert!(full.contains(&"Termin 0 neu") && full.contains(&"Neu"));
    assert!(changes.iter().any(|e| e["id"] == added["id"]));
    let (replayed, _) = delta_round(&fx, &token, &delta, &[]).await;
    assert_eq!(
        replayed.len(),
        changes.len(),
        "a deltaLink may be used again"
    );
    for refused in ["$select=subject", "$top=5", "$filter=subject eq 'x'"] {
        let reply = fx.get(&token, &format!("{first}&{refused}"), &[]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(
            reply.body["error"]["code"], "ErrorInvalidUrlQuery",
            "{refused}"
        );
    }
}

#[tokio::test]
async fn a_change_outside_the_window_arrives_as_removed_and_an_expired_token_is_410() {
    let (fx, token) = anna(false).await;
    let far = create_event(
        &fx,
        ANNA,
        timed(
            "Weit weg",
            "2026-06-01T09:00:00",
            "2026-06-01T10:00:00",
            BERLIN,
        ),
    )
    .await;
    create_event(
        &fx,
        ANNA,
        timed("Nah", "2026-03-23T09:00:00", "2026-03-23T10:00:00", BERLIN),
    )
    .await;
    let first = fx.graph("/me/calendarView/delta?startDateTime=2026-03-22T00:00:00Z&endDateTime=2026-03-29T00:00:00Z");
    let (initial, delta) = delta_round(&fx, &token, &first, &[]).await;
    assert_eq!(initial.len(), 1, "only in-window events: {initial:#?}");
    fx.control_call(
        Method::PATCH,
        &format!(
            "/graph/mailboxes/{ANNA}/events/{}",
            far["id"].as_str().expect("id")
        ),
        Some(json!({"subject": "Weit weg, geändert"})),
    )
    .await;
    let later = create_event(
        &fx,
        ANNA,
        timed(
            "Auch weit weg",
            "2026-07-01T09:00:00",
            "2026-07-01T10:00:00",
            BERLIN,
        ),
    )
    .await;
    let (changes, delta) = delta_round(&fx, &token, &delta, &[]).await;
    let removed: HashSet<&str> = changes
        .iter()
        .filter(|e| e.get("@removed").is_some())
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(
        removed,
        HashSet::from([
            far["id"].as_str().expect("id"),
            later["id"].as_str().expect("id")
        ]),
        "{changes:#?}"
    );
    assert!(
        changes.iter().all(|e| e.get("subject").is_none()),
        "nothing out of the window in full"
    );

    let expired = fx
        .control_post(
            &format!("/graph/mailboxes/{ANNA}/calendar/expire-delta"),
            json!({}),
        )
        .await;
    assert!(expired["expired"].as_u64().is_some_and(|n| n >= 1));
    let gone = fx.get(&token, &delta, &[]).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.body["error"]["code"], "SyncStateNotFound");
    let location = gone.header("location").expect("Location").to_string();
    assert!(
        location.contains("/me/calendarView/delta?startDateTime=2026-03-22T00"),
        "{location}"
    );
    let (fresh, _) = delta_round(&fx, &token, &location, &[]).await;
    assert_eq!(
        fresh.len(),
        1,
        "the fresh link starts a full round over the same window"
    );
}

async fn series(fx: &GraphFixture) -> String {
    let mut weekly = timed(
        "Jour fixe",
        "2026-03-02T09:00:00",
        "2026-03-02T09:30:00",
        "Europe/Berlin",
    );
    weekly["recurrence"] = json!({"pattern": {"type": "weekly", "days_of_week": ["monday"]}, "range": {"type": "numbered", "number_of_occurrences": 4}});
    let created = create_event(fx, ANNA, weekly).await;
    let id = created["id"].as_str().expect("id").to_string();
    let occurrence = |date: &str| format!("/graph/mailboxes/{ANNA}/events/{id}/occurrences/{date}");
    let moved = fx.control_call(Method::PATCH, &occurrence("2026-03-09"), Some(json!({"subject": "Jour fixe (verschoben)", "start": "2026-03-09T11:00:00", "end": "2026-03-09T11:30:00"}))).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let cancelled = fx
        .control_call(
            Method::POST,
            &format!("{}/cancel", occurrence("2026-03-16")),
            None,
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    id
}

#[tokio::test]
async fn a_series_expands_with_its_exception_and_without_its_cancelled_occurrence() {
    let (fx, token) = anna(false).await;
    let master = series(&fx).await;
    let march = view(
        &fx,
        &token,
        "2026-03-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
        &[],
    )
    .await;
    let list = items(&march);
    let kinds: Vec<&str> = list.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(
        kinds,
        ["occurrence", "exception", "occurrence"],
        "{list:#?}"
    );
    assert_eq!(
        start_times(&march),
        [
            "2026-03-02T08:00:00.0000000",
            "2026-03-09T10:00:00.0000000",
            "2026-03-23T08:00:00.0000000"
        ]
    );
    assert!(
        list.iter()
            .all(|e| e["seriesMasterId"] == master.as_str() && e["recurrence"].is_null())
    );
    assert_eq!(list[1]["originalStart"], "2026-03-09T08:00:00Z");
    assert_eq!(list[1]["subject"], "Jour fixe (verschoben)");
    let uids: HashSet<&str> = list.iter().filter_map(|e| e["iCalUId"].as_str()).collect();
    assert_eq!(uids.len(), 3, "each occurrence has its own iCalUId");
    let events = fx.get(&token, &fx.graph("/me/events"), &[]).await;
    let masters = items(&events);
    assert_eq!(masters.len(), 1);
    assert_eq!(masters[0]["type"], "seriesMaster");
    assert_eq!(
        masters[0]["recurrence"]["pattern"]["daysOfWeek"],
        json!(["monday"])
    );
    assert_eq!(masters[0]["recurrence"]["range"]["numberOfOccurrences"], 4);
    assert!(!uids.contains(masters[0]["iCalUId"].as_str().expect("uid")));
    let instances = fx.get(&token, &fx.graph(&format!("/me/events/{master}/instances?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z")), &[]).await;
    assert_eq!(start_times(&instances), start_times(&march));
    let one = fx
        .get(
            &token,
            &fx.graph(&format!(
                "/me/events/{}",
                list[1]["id"].as_str().expect("id")
            )),
            &[],
        )
        .await;
    assert_eq!(one.body["type"], "exception");
    let raw = fx
        .control_call(
            Method::GET,
            &format!("/graph/mailboxes/{ANNA}/events"),
            None,
        )
        .await;
    let cancelled_id = raw.body[0]["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .find(|o| o["state"] == "cancelled")
        .and_then(|o| o["id"].as_str())
        .expect("cancelled occurrence")
        .to_string();
    let gone = fx
        .get(
            &token,
            &fx.graph(&format!("/me/events/{cancelled_id}")),
            &[],
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn daily_and_monthly_patterns_follow_their_ranges() {
    let (fx, token) = anna(false).await;
    let mut daily = timed(
        "Täglich",
        "2026-05-04T08:00:00",
        "2026-05-04T08:15:00",
        "UTC",
    );
    daily["recurrence"] = json!({"pattern": {"type": "daily", "interval": 2}, "range": {"type": "endDate", "end_date": "2026-05-10"}});
    create_event(&fx, ANNA, daily).await;
    let mut monthly = timed(
        "Monatsende",
        "2026-01-31T12:00:00",
        "2026-01-31T13:00:00",
        "UTC",
    );
    monthly["recurrence"] = json!({"pattern": {"type": "absoluteMonthly", "day_of_month": 31}, "range": {"type": "noEnd"}});
    create_event(&fx, ANNA, monthly).await;
    let may = view(
        &fx,
        &token,
        "2026-05-01T00:00:00Z",
        "2026-06-01T00:00:00Z",
        &[],
    )
    .await;
    assert_eq!(
        start_times(&may),
        [
            "2026-05-04T08:00:00.0000000",
            "2026-05-06T08:00:00.0000000",
            "2026-05-08T08:00:00.0000000",
            "2026-05-10T08:00:00.0000000",
            "2026-05-31T12:00:00.0000000"
        ]
    );
    let feb = view(
        &fx,
        &token,
        "2026-02-01T00:00:00Z",
        "2026-03-01T00:00:00Z",
        &[],
    )
    .await;
    assert_eq!(
        start_times(&feb),
        ["2026-02-28T12:00:00.0000000"],
        "a short month takes its last day"
    );
    let mut yearly = timed(
        "Jährlich",
        "2026-01-01T12:00:00",
        "2026-01-01T13:00:00",
        "UTC",
    );
    yearly["recurrence"] =
        json!({"pattern": {"type": "absoluteYearly"}, "range": {"type": "noEnd"}});
    let refused = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{ANNA}/events"),
            Some(yearly),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn prefer_timezone_converts_start_and_end_and_names_the_zone_as_given() {
    let (fx, token) = anna(false).await;
    create_event(
        &fx,
        ANNA,
        timed(
            "Sommer",
            "2026-07-01T12:00:00",
            "2026-07-01T13:00:00",
            BERLIN,
        ),
    )
    .await;
    let get = |zone: Option<&'static str>| {
        let (fx, token) = (&fx, &token);
        async move {
            let header = zone.map(|z| format!("outlook.timezone=\"{z}\""));
            let headers: Vec<(&str, &str)> =
                header.iter().map(|h| ("Prefer", h.as_str())).collect();
            view(
                fx,
                token,
                "2026-07-01T00:00:00Z",
                "2026-07-02T00:00:00Z",
                &headers,
            )
            .await
        }
    };
    let plain = get(None).await;
    let event = &items(&plain)[0];
    assert_eq!(
        times(event),
        (
            "2026-07-01T10:00:00.0000000".into(),
            "2026-07-01T11:00:00.0000000".into(),
            "UTC".into()
        )
    );
    assert_eq!(event["originalStartTimeZone"], BERLIN);
    assert_eq!(plain.header("preference-applied"), None);
    for (zone, start) in [
        ("UTC", "2026-07-01T10:00:00.0000000"),
        ("America/Los_Angeles", "2026-07-01T03:00:00.0000000"),
        ("Pacific Standard Time", "2026-07-01T03:00:00.0000000"),
        ("New Zealand Standard Time", "2026-07-01T22:00:00.0000000"),
        ("Europe/Berlin", "2026-07-01T12:00:00.0000000"),
    ] {
        let reply = get(Some(zone)).await;
        assert_eq!(reply.status, StatusCode::OK, "{zone}: {}", reply.body);
        let (got, _, label) = times(&items(&reply)[0]);
        assert_eq!((got.as_str(), label.as_str()), (start, zone));
        assert_eq!(
            reply.header("preference-applied"),
            Some(format!("outlook.timezone=\"{zone}\"").as_str())
        );
    }
    let unknown = get(Some("Mars/Olympus_Mons")).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        unknown.body["error"]["code"],
        "TimeZoneNotSupportedException"
    );
}

#[tokio::test]
async fn all_day_events_keep_their_dates_in_every_zone() {
    let (fx, token) = anna(false).await;
    // Two days across the Berlin spring-forward night (2026-03-29).
    let mut fair = timed("Messe", "2026-03-28", "2026-03-30", "Europe/Berlin");
    fair["is_all_day"] = json!(true);
    create_event(&fx, ANNA, fair).await;
    for zone in [
        None,
        Some("UTC"),
        Some("Pacific Standard Time"),
        Some("Pacific/Auckland"),
        Some(BERLIN),
    ] {
        let header = zone.map(|z| format!("outlook.timezone=\"{z}\""));
        let headers: Vec<(&str, &str)> = header.iter().map(|h| ("Prefer", h.as_str())).collect();
        let reply = view(
            &fx,
            &token,
            "2026-03-27T00:00:00Z",
            "2026-04-01T00:00:00Z",
            &headers,
        )
        .await;
        let event = by_subject(&items(&reply), "Messe").clone();
        assert_eq!(event["isAllDay"], true);
        assert_eq!(
            times(&event),
            (
                "2026-03-28T00:00:00.0000000".into(),
                "2026-03-30T00:00:00.0000000".into(),
                zone.unwrap_or("UTC").into()
            ),
            "{zone:?}"
        );
    }
    let mut wrong = timed("Halb", "2026-03-28T10:00:00", "2026-03-29T00:00:00", "UTC");
    wrong["is_all_day"] = json!(true);
    let refused = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{ANNA}/events"),
            Some(wrong),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "all-day events start and end at midnight"
    );
}

async fn daily_utc_starts(
    fx: &GraphFixture,
    token: &str,
    zone: &str,
    first: &str,
    last: &str,
    window: (&str, &str),
) -> Vec<String> {
    let mut daily = timed(
        &format!("Täglich {zone}"),
        &format!("{first}T09:00:00"),
        &format!("{first}T10:00:00"),
        zone,
    );
    daily["recurrence"] =
        json!({"pattern": {"type": "daily"}, "range": {"type": "endDate", "end_date": last}});
    create_event(fx, ANNA, daily).await;
    let reply = view(fx, token, window.0, window.1, &[]).await;
    items(&reply)
        .iter()
        .filter(|e| e["subject"] == format!("Täglich {zone}"))
        .map(|e| e["start"]["dateTime"].as_str().unwrap_or_default()[..16].to_string())
        .collect()
}

#[tokio::test]
async fn a_series_keeps_its_wall_time_across_dst_switches_in_berlin_los_angeles_and_auckland() {
    let (fx, token) = anna(false).await;
    let spring = daily_utc_starts(
        &fx,
        &token,
        "Europe/Berlin",
        "2026-03-28",
        "2026-03-30",
        ("2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z"),
    )
    .await;
    assert_eq!(
        spring,
        ["2026-03-28T08:00", "2026-03-29T07:00", "2026-03-30T07:00"]
    );
    let autumn = daily_utc_starts(
        &fx,
        &token,
        BERLIN,
        "2026-10-24",
        "2026-10-26",
        ("2026-10-23T00:00:00Z", "2026-10-28T00:00:00Z"),
    )
    .await;
    assert_eq!(
        autumn,
        ["2026-10-24T07:00", "2026-10-25T08:00", "2026-10-26T08:00"]
    );
    let la = daily_utc_starts(
        &fx,
        &token,
        "Pacific Standard Time",
        "2026-03-07",
        "2026-03-09",
        ("2026-03-06T00:00:00Z", "2026-03-11T00:00:00Z"),
    )
    .await;
    assert_eq!(
        la,
        ["2026-03-07T17:00", "2026-03-08T16:00", "2026-03-09T16:00"]
    );
    // Auckland leaves daylight time on 2026-04-05: 09:00 local is 20:00Z before, 21:00Z after.
    let nz = daily_utc_starts(
        &fx,
        &token,
        "New Zealand Standard Time",
        "2026-04-04",
        "2026-04-06",
        ("2026-04-02T00:00:00Z", "2026-04-08T00:00:00Z"),
    )
    .await;
    assert_eq!(
        nz,
        ["2026-04-03T20:00", "2026-04-04T21:00", "2026-04-05T21:00"]
    );
    let local = view(
        &fx,
        &token,
        "2026-03-27T00:00:00Z",
        "2026-04-01T00:00:00Z",
        &[("Prefer", "outlook.timezone=\"Europe/Berlin\"")],
    )
    .await;
    assert!(
        items(&local)
            .iter()
            .filter(|e| e["subject"] == "Täglich Europe/Berlin")
            .all(|e| e["start"]["dateTime"]
                .as_str()
                .is_some_and(|s| s.ends_with("T09:00:00.0000000")))
    );
    let gap = timed(
        "Lücke",
        "2026-03-29T02:30:00",
        "2026-03-29T03:30:00",
        "Europe/Berlin",
    );
    create_event(&fx, ANNA, gap).await;
    let reply = view(
        &fx,
        &token,
        "2026-03-29T00:00:00Z",
        "2026-03-29T06:00:00Z",
        &[],
    )
    .await;
    assert_eq!(
        by_subject(&items(&reply), "Lücke")["start"]["dateTime"],
        "2026-03-29T01:30:00.0000000",
        "a skipped local hour moves forward"
    );
}

#[tokio::test]
async fn a_shared_meeting_has_one_ical_uid_an_id_per_mailbox_and_follows_the_organizer() {
    let (fx, anna_token) = anna(true).await;
    let ben_token = fx.access_token(BEN).await;
    let mut meeting = timed(
        "Planung",
        "2026-03-24T10:00:00",
        "2026-03-24T11:00:00",
        BERLIN,
    );
    meeting["attendees"] = json!([{"address": BEN, "name": "Ben Termin"}, {"address": "kunde@example.com", "name": "Kunde"}]);
    let created = create_event(&fx, ANNA, meeting).await;
    assert_eq!(created["copies"][0]["upn"], BEN);
    let window = ("2026-03-23T00:00:00Z", "2026-03-30T00:00:00Z");
    let mine = items(&view(&fx, &anna_token, window.0, window.1, &[]).await)[0].clone();
    let theirs = items(&view(&fx, &ben_token, window.0, window.1, &[]).await)[0].clone();
    assert_eq!(mine["iCalUId"], theirs["iCalUId"]);
    assert_ne!(mine["id"], theirs["id"]);
    assert_eq!(
        (mine["isOrganizer"].clone(), theirs["isOrganizer"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(mine["responseStatus"]["response"], "organizer");
    assert_eq!(theirs["responseStatus"]["response"], "none");
    assert_eq!(theirs["organizer"]["emailAddress"]["address"], ANNA);
    let id = created["id"].as_str().expect("id");
    fx.control_call(
        Method::PATCH,
        &format!("/graph/mailboxes/{ANNA}/events/{id}"),
        Some(json!({"subject": "Planung (neu)", "location": "Raum 2"})),
    )
    .await;
    let updated = items(&view(&fx, &ben_token, window.0, window.1, &[]).await)[0].clone();
    assert_eq!(updated["subject"], "Planung (neu)");
    assert_eq!(updated["location"]["displayName"], "Raum 2");
    assert_ne!(
        updated["changeKey"], theirs["changeKey"],
        "the copy's change key moves too"
    );
    assert_ne!(updated["@odata.etag"], theirs["@odata.etag"]);
}

#[tokio::test]
async fn an_organizer_cancel_removes_their_event_and_marks_the_copies_cancelled() {
    let (fx, anna_token) = anna(true).await;
    let ben_token = fx.access_token(BEN).await;
    let mut meeting = timed(
        "Review",
        "2026-03-25T14:00:00",
        "2026-03-25T15:00:00",
        BERLIN,
    );
    meeting["attendees"] = json!([{"address": BEN}]);
    let created = create_event(&fx, ANNA, meeting).await;
    let id = created["id"].as_str().expect("id");
    let copy_id = created["copies"][0]["id"]
        .as_str()
        .expect("copy")
        .to_string();
    let first = fx.graph("/me/calendarView/delta?startDateTime=2026-03-23T00:00:00Z&endDateTime=2026-03-30T00:00:00Z");
    let (_, anna_delta) = delta_round(&fx, &anna_token, &first, &[]).await;
    let (_, ben_delta) = delta_round(&fx, &ben_token, &first, &[]).await;
    let refused = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{BEN}/events/{copy_id}/cancel"),
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::CONFLICT,
        "an attendee deletes, not cancels"
    );
    let cancelled = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{ANNA}/events/{id}/cancel"),
            None,
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    let (anna_changes, _) = delta_round(&fx, &anna_token, &anna_delta, &[]).await;
    assert_eq!(anna_changes.len(), 1);
    assert_eq!(anna_changes[0]["id"], id);
    assert!(anna_changes[0].get("@removed").is_some());
    let (ben_changes, _) = delta_round(&fx, &ben_token, &ben_delta, &[]).await;
    assert_eq!(ben_changes.len(), 1, "{ben_changes:#?}");
    assert_eq!(ben_changes[0]["isCancelled"], true);
    assert_eq!(ben_changes[0]["subject"], "Canceled: Review");
    let gone = fx
        .control_call(
            Method::DELETE,
            &format!("/graph/mailboxes/{BEN}/events/{copy_id}"),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let empty = view(
        &fx,
        &ben_token,
        "2026-03-23T00:00:00Z",
        "2026-03-30T00:00:00Z",
        &[],
    )
    .await;
    assert!(
        items(&empty).is_empty(),
        "delete removes the attendee's copy"
    );
}

#[tokio::test]
async fn a_mailbox_ignoring_the_timezone_preference_answers_in_each_events_own_zone() {
    let (fx, token) = anna(false).await;
    create_event(
        &fx,
        ANNA,
        timed(
            "Eigene Zone",
            "2026-03-24T10:00:00",
            "2026-03-24T11:00:00",
            BERLIN,
        ),
    )
    .await;
    let knob = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{ANNA}/calendar/ignore-timezone-preference"),
            Some(json!({"on": true})),
        )
        .await;
    assert_eq!(knob.status, StatusCode::NO_CONTENT);
    let reply = view(
        &fx,
        &token,
        "2026-03-24T00:00:00Z",
        "2026-03-25T00:00:00Z",
        &[("Prefer", "outlook.timezone=\"UTC\"")],
    )
    .await;
    let event = &items(&reply)[0];
    assert_eq!(
        times(event),
        (
            "2026-03-24T10:00:00.0000000".into(),
            "2026-03-24T11:00:00.0000000".into(),
            BERLIN.into()
        )
    );
    assert_eq!(
        reply.header("preference-applied"),
        None,
        "the preference was not honoured"
    );
}

#[tokio::test]
async fn calendar_requests_are_counted_and_throttled_like_mail() {
    let (fx, token) = anna(false).await;
    fx.control_post("/graph/faults", json!({"kind": "throttle", "retry_after_secs": 3, "path_contains": "/calendarView", "count": 1})).await;
    let throttled = view(
        &fx,
        &token,
        "2026-03-24T00:00:00Z",
        "2026-03-25T00:00:00Z",
        &[],
    )
    .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.header("retry-after"), Some("3"));
    let ok = view(
        &fx,
        &token,
        "2026-03-24T00:00:00Z",
        "2026-03-25T00:00:00Z",
        &[],
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    let counts = fx.control_call(Method::GET, "/graph/requests", None).await;
    let count = counts
        .body
        .as_array()
        .expect("counts")
        .iter()
        .find(|c| c["endpoint"] == "GET /v1.0/me/calendarView" && c["mailbox"] == ANNA)
        .map(|c| c["count"].clone());
    assert_eq!(count, Some(json!(2)));
}

#[tokio::test]
async fn the_demo_week_has_the_promised_meetings() {
    // Wednesday 2026-03-25; the demo week is Monday 23 to Sunday 29 March.
    let fx = fixture_at(GraphSeed::Demo, "2026-03-25T09:00:00Z").await;
    let (lena, jonas) = (fx.access_token(LENA).await, fx.access_token(JONAS).await);
    let week = ("2026-03-23T00:00:00+01:00", "2026-04-06T00:00:00+02:00");
    let prefer = [("Prefer", "outlook.timezone=\"Europe/Berlin\"")];
    let lena_week = items(&view(&fx, &lena, week.0, week.1, &prefer).await);
    let jonas_week = items(&view(&fx, &jonas, week.0, week.1, &prefer).await);
    let offer = by_subject(&lena_week, "Angebot S00042 besprechen");
    let copy = by_subject(&jonas_week, "Angebot S00042 besprechen");
    assert_eq!(offer["iCalUId"], copy["iCalUId"]);
    assert_eq!(
        offer["start"]["dateTime"], "2026-03-26T10:00:00.0000000",
        "tomorrow at ten"
    );
    let attendees: Vec<&str> = offer["attendees"]
        .as_array()
        .expect("attendees")
        .iter()
        .filter_map(|a| a["emailAddress"]["address"].as_str())
        .collect();
    assert_eq!(attendees, [JONAS, "juergen.mueller@mueller-soehne.example"]);
    let rounds: Vec<(&str, &str)> = lena_week
        .iter()
        .filter(|e| {
            e["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with("Vertriebsrunde"))
        })
        .map(|e| {
            (
                e["type"].as_str().unwrap_or_default(),
                e["start"]["dateTime"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        rounds,
        [
            ("occurrence", "2026-03-23T09:00:00.0000000"),
            ("exception", "2026-03-26T14:00:00.0000000"),
            ("occurrence", "2026-04-02T09:00:00.0000000")
        ],
        "next Monday is cancelled"
    );
    let fair = by_subject(&lena_week, "Möbelmesse Köln");
    assert_eq!(
        (
            fair["isAllDay"].clone(),
            fair["start"]["dateTime"].clone(),
            fair["end"]["dateTime"].clone()
        ),
        (
            json!(true),
            json!("2026-03-25T00:00:00.0000000"),
            json!("2026-03-27T00:00:00.0000000")
        )
    );
    assert_eq!(by_subject(&lena_week, "Zahnarzt")["sensitivity"], "private");
    let teams = by_subject(&lena_week, "Abstimmung Fuhrpark-Software");
    assert_eq!(
        (
            teams["isOnlineMeeting"].clone(),
            teams["onlineMeetingProvider"].clone()
        ),
        (json!(true), json!("teamsForBusiness"))
    );
    assert!(
        teams["onlineMeeting"]["joinUrl"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://teams.microsoft.com/"))
    );
    assert_eq!(
        by_subject(&lena_week, "Baustellentermin Showroom")["isOrganizer"],
        false,
        "Jonas's meeting reaches Lena"
    );
    assert_eq!(
        by_subject(&jonas_week, "Elternabend")["sensitivity"],
        "private"
    );
}
