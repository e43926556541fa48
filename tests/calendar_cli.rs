//! `office-connector sync --job calendar`, `sync` (every job set up), `status` and `runs`
//! through the real CLI, connected under a real Secret Service, against both fakes. Dates are
//! relative to the fakes' clock, which is the machine's here (the CLI cannot be given another).

use chrono::{Duration, Utc};
use it::graph::GraphFixture;
use it::home::TempHome;
use it::mail::{LENA, odoo};
use it::microsoft::{browse_first_printed_url, connect_microsoft_args, connect_odoo_args};
use it::odoo_client::{KeyringSession, Step};
use serde_json::{Value, json};

fn events(body: &Value) -> Vec<(String, String)> {
    body["report"]["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (field("subject"), field("outcome"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_runs_from_the_cli_previews_records_and_shows_in_status_and_runs() {
    let graph = GraphFixture::demo().await;
    let odoo = odoo().await;
    let day = |d: i64| {
        (Utc::now() + Duration::days(d))
            .format("%Y-%m-%d")
            .to_string()
    };
    let start = day(-3);
    it::calendar::create_event(
        &graph,
        LENA,
        json!({"subject": "CLI-Termin",
        "start": format!("{}T10:00:00", day(2)), "end": format!("{}T11:00:00", day(2)),
        "time_zone": "Europe/Berlin"}),
    )
    .await;
    let lena_key = format!("{}\n", odoo.user(LENA).odoo_api_key);
    let home = TempHome::new();
    let keyring = KeyringSession::new();
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let (authority, graph_url, odoo_url) =
        (graph.fake.login_url(), graph.fake.graph_url(), odoo.url());
    let (runs, _home) = tokio::task::spawn_blocking(move || {
        let runs = keyring.run(
            &home,
            &[
                Step::new(&connect_microsoft_args(&authority, &graph_url, LENA), ""),
                Step::new(&connect_odoo_args(&odoo_url, LENA), &lena_key),
                Step::new(&["sync", "--job", "calendar", "--json"], ""),
                Step::new(&["config", "set", "calendar.start_date", &start], ""),
                Step::new(&["sync", "--job", "calendar", "--dry-run", "--json"], ""),
                Step::new(&["sync", "--job", "calendar", "--json"], ""),
                Step::new(&["sync"], ""),
                Step::new(&["status", "--json"], ""),
                Step::new(&["runs", "--json", "--job", "calendar"], ""),
            ],
        );
        (runs, home)
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");
    assert_eq!(runs[2].code, 1, "no start date yet: {:?}", runs[2]);
    assert!(runs[2].stdout.contains("start date"), "{:?}", runs[2]);

    let preview = runs[4].json();
    assert_eq!(runs[4].code, 0, "{:?}", runs[4]);
    assert!(preview["run"].is_null(), "a preview records no run");
    assert!(events(&preview).contains(&("CLI-Termin".into(), "created".into())));
    let done = runs[5].json();
    assert_eq!(runs[5].code, 0, "{:?}", runs[5]);
    assert!(events(&done).contains(&("CLI-Termin".into(), "created".into())));
    assert!(
        done["summary"]
            .as_str()
            .is_some_and(|s| s.contains("new in Odoo")),
        "{done}"
    );

    // `sync` alone runs the jobs that are set up: the calendar only, and it has nothing new
    assert_eq!(runs[6].code, 0, "{:?}", runs[6]);
    assert!(
        runs[6].stdout.contains("0 events → 0 new in Odoo"),
        "{}",
        runs[6].stdout
    );
    let status = runs[7].json();
    let calendar = status["jobs"]
        .as_array()
        .and_then(|jobs| jobs.iter().find(|j| j["job"] == "calendar"))
        .cloned()
        .expect("calendar job");
    assert_eq!(calendar["last_run"]["outcome"], "success", "{calendar}");
    let listed = runs[8].json();
    let outcomes: Vec<&str> = listed
        .as_array()
        .expect("runs")
        .iter()
        .filter_map(|r| r["outcome"].as_str())
        .collect();
    assert_eq!(
        outcomes,
        ["success", "success", "failed"],
        "newest first: {listed}"
    );
    assert!(
        listed[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("no start date"))
    );
    assert_eq!(
        it::calendar_job::odoo_events(&odoo, "CLI-Termin")
            .await
            .len(),
        1
    );
    it::calendar_job::assert_nobody_mailed(&odoo).await;
}
