//! How fast and how frugally the calendar job imports, against the loopback fakes with 40 ms
//! injected on every Graph and Odoo request (issue 15's performance goal). A benchmark, not a
//! test: it prints numbers, and asserts only that the work was done. Run it with
//!
//!   cargo bench -p it --bench calendar_sync            (1,000 events)
//!   cargo bench -p it --bench calendar_sync -- 3000    (other counts)
//!
//! Each case: fresh fakes, N events in Lena's calendar over the next weeks, then (1) the run
//! that imports them all, with its Graph and Odoo requests against the lower bound (delta pages
//! as large as Graph allows, per page one contact and one identity lookup, one `create` with a
//! list and one read-back, plus the two `fields_get` of the run), (2) the next run with nothing
//! new, which must cost one Graph request and no Odoo request, (3) Jonas, who attends them all,
//! joining every meeting instead of creating it again.

use std::time::Instant;

use it::calendar_job::{CalendarUser, graph};
use it::mail::{JONAS, LENA, odoo};
use office_connector_core::calendar::options::DEFAULT_PAGE_SIZE;
use office_connector_core::model::ItemOutcome;
use serde_json::{Value, json};

async fn graph_requests(fx: &it::graph::GraphFixture) -> u64 {
    let v: Value = fx
        .http
        .get(fx.control("/graph/requests"))
        .send()
        .await
        .expect("requests")
        .json()
        .await
        .expect("json");
    v.as_array()
        .expect("array")
        .iter()
        .filter(|r| {
            r["endpoint"]
                .as_str()
                .is_some_and(|e| e.contains("calendar") || e.contains("events"))
        })
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum()
}

async fn odoo_requests(odoo: &it::fakes_odoo::FakeOdoo) -> u64 {
    odoo.control_get("requests").await["total"]
        .as_u64()
        .unwrap_or(0)
}

async fn latency(fx: &it::graph::GraphFixture, odoo: &it::fakes_odoo::FakeOdoo, ms: u64) {
    fx.control_post("/graph/faults", json!({"kind": "latency", "ms": ms}))
        .await;
    odoo.control_put("faults", json!({"latency_ms": ms})).await;
}

async fn case(events: usize) {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let jonas = CalendarUser::connect(&fx, &odoo, JONAS).await;
    for i in 0..events {
        let day = 7 + (i / 8) % 300;
        let hour = 8 + i % 8;
        let date = (chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
            + chrono::Duration::days(day as i64))
        .format("%Y-%m-%d");
        it::calendar::create_event(
            &fx,
            LENA,
            json!({"subject": format!("Termin {i}"),
            "start": format!("{date}T{hour:02}:00:00"), "end": format!("{date}T{hour:02}:30:00"),
            "time_zone": "Europe/Berlin",
            "attendees": [{"address": JONAS, "name": "Jonas Weiß"},
                {"address": "juergen.mueller@mueller-soehne.example", "name": "Jürgen Müller"}]}),
        )
        .await;
    }
    latency(&fx, &odoo, 40).await;
    let (g0, o0) = (graph_requests(&fx).await, odoo_requests(&odoo).await);
    let started = Instant::now();
    let first = lena.sync(false).await;
    let importing = started.elapsed();
    let imported = first.report.count(ItemOutcome::Created);
    assert!(imported >= events, "{}", first.summary);
    let (g1, o1) = (graph_requests(&fx).await, odoo_requests(&odoo).await);
    let all = imported as u64;
    let pages = all.div_ceil(u64::from(DEFAULT_PAGE_SIZE));
    let bound = (pages, 2 + 4 * pages);

    let started = Instant::now();
    let idle = lena.sync(false).await;
    let quiet = started.elapsed();
    assert!(idle.report.events.is_empty(), "{}", idle.summary);
    let (g2, o2) = (graph_requests(&fx).await, odoo_requests(&odoo).await);

    let started = Instant::now();
    let colleague = jonas.sync(false).await;
    let joining = started.elapsed();
    assert!(
        colleague.report.count(ItemOutcome::Linked) >= events,
        "{}",
        colleague.summary
    );
    println!(
        "{events:>6} events: imported in {:>7.1} s with {} Graph + {} Odoo requests (lower bound {} + {}: {:.2}x) · \
         nothing new: {:>5.0} ms, {} Graph + {} Odoo requests · colleague joins all in {:>7.1} s",
        importing.as_secs_f64(),
        g1 - g0,
        o1 - o0,
        bound.0,
        bound.1,
        (g1 - g0 + o1 - o0) as f64 / (bound.0 + bound.1) as f64,
        quiet.as_secs_f64() * 1e3,
        g2 - g1,
        o2 - o1,
        joining.as_secs_f64(),
    );
}

fn main() {
    // NOTE: `cargo bench` passes `--bench`; any number given is an event count
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![1000]
    } else {
        counts
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    for events in counts {
        runtime.block_on(case(events));
    }
}
