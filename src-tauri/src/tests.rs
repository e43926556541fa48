//! Shell smoke tests on Tauri's mock runtime: the window's commands through the IPC, and the
//! tray menu's handlers called directly (no panel exists headless).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use office_connector_core::api::{OpenOptions, Session};
use office_connector_core::model::{AccountKind, ItemOutcome, Job, Trigger};
use office_connector_core::store::{NewAccount, RunEvent};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;

use super::*;
use crate::jobs::CoreJobs;
use crate::jobs::JobEngine;
use crate::scheduler::{JobRunner, SystemTicks};
use crate::state::AppState;
use crate::tray::{MenuOutcome, ids, on_menu_item};

/// Tells the test which run it is doing, and records one contact.
struct Reporting(mpsc::Sender<i64>);

impl JobEngine for Reporting {
    fn run(
        &self,
        session: &Session,
        trigger: Trigger,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<office_connector_core::store::RunSummary, office_connector_core::error::CoreError>
    {
        let mut run = session.start_run(Job::Contacts, trigger)?;
        progress(0, 1);
        run.record(&RunEvent {
            item_key: "res.partner,7".into(),
            summary: "Jana Müller".into(),
            outcome: ItemOutcome::Created,
            detail: None,
            odoo_ids: vec![7],
            request_id: None,
            technical: None,
        })?;
        let _ = self.0.send(run.id().0);
        Ok(run.finish()?)
    }
}

pub(crate) fn options(home: &Path) -> OpenOptions {
    OpenOptions {
        home: Some(home.to_path_buf()),
        // NOTE: a policy file that does not exist: this machine's policy must not leak in
        policy_file: Some(home.join("no-policy.toml")),
        clock: None,
    }
}

/// Connects both accounts and switches contacts on: contacts is set up.
fn set_up_contacts(home: &Path) {
    let session = Session::open(options(home)).expect("session");
    for (kind, identity) in [
        (AccountKind::Microsoft, "anna@contoso.example"),
        (AccountKind::Odoo, "anna"),
    ] {
        session
            .store()
            .save_account(&NewAccount {
                kind,
                identity: identity.into(),
                display_name: None,
                endpoints: json!({}),
            })
            .expect("account");
    }
    session.set_setting("contacts.enabled", "true").expect("on");
}

/// The app on the mock runtime over `home`, with a contacts engine that reports its runs.
pub(crate) fn app(home: &Path) -> (App<MockRuntime>, mpsc::Receiver<i64>) {
    let (tx, rx) = mpsc::channel();
    (app_with_runner(home, reporting_runner(home, tx)), rx)
}

/// The scheduler's jobs over `home`, with a contacts engine that sends each run's id to `tx`.
fn reporting_runner(home: &Path, tx: mpsc::Sender<i64>) -> RunnerFactory {
    let home_options = options(home);
    Box::new(move |_, _| {
        let jobs = CoreJobs::new(Session::open(home_options)?)
            .with_engine(Job::Contacts, Box::new(Reporting(tx)));
        Ok(Box::new(jobs) as Box<dyn JobRunner>)
    })
}

/// The app on the mock runtime over `home`, with the scheduler's jobs made by `runner`.
pub(crate) fn app_with_runner(home: &Path, runner: RunnerFactory) -> App<MockRuntime> {
    app_launched(home, runner, false)
}

/// The app on the mock runtime over `home`, started `minimized` (tray only) or not.
fn app_launched(home: &Path, runner: RunnerFactory, minimized: bool) -> App<MockRuntime> {
    let launch = Launch {
        demo: true,
        home: Some(home.to_path_buf()),
        minimized,
        desktop: false,
    };
    let app = build_app_with(
        mock_builder(),
        launch,
        mock_context(noop_assets()),
        runner,
        Arc::new(SystemTicks::default()),
    )
    .expect("the app builds on the mock runtime");
    let mut app = app;
    // NOTE: Tauri runs `setup` on the first event-loop turn; on the mock runtime one
    // iteration does exactly that and returns (the real loop would never return).
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    app
}

pub(crate) fn settings_window(app: &App<MockRuntime>) -> WebviewWindow<MockRuntime> {
    app.get_webview_window(window::SETTINGS)
        .expect("the settings window opens at start")
}

pub(crate) fn invoke(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // NOTE: the window's own origin on Linux (custom protocol); anything else is remote
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("json"))
}

#[test]
fn the_window_commands_answer_through_the_ipc_in_the_windows_shapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (app, _runs) = app(dir.path());
    let window = settings_window(&app);

    let status = invoke(&window, "status", json!({})).expect("status");
    assert_eq!(status["demo"], json!(true));
    assert_eq!(status["can_sync_now"], json!(false), "nothing set up");
    let jobs: Vec<&str> = status["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .map(|j| j["job"].as_str().expect("name"))
        .collect();
    assert_eq!(jobs, ["mail", "calendar", "contacts"]);
    assert_eq!(status["jobs"][0]["configured"], json!(false));
    assert_eq!(status["jobs"][0]["next_run_at"], Value::Null);
    assert_eq!(status["accounts"][0]["state"], json!("not_connected"));

    assert_eq!(
        invoke(&window, "list_runs", json!({ "filter": {} })),
        Ok(json!([]))
    );
    let missing = invoke(&window, "show_run", json!({ "id": 999 })).expect_err("no such run");
    assert_eq!(missing["code"], json!("not_found"));
    assert_eq!(missing["retryable"], json!(false));

    // a run recorded by the CLI shows up in the window's words
    let session = Session::open(options(dir.path())).expect("session");
    let mut run = session.start_run(Job::Mail, Trigger::Cli).expect("run");
    run.record(&RunEvent {
        item_key: "<offer-2211@kunde.example>".into(),
        summary: "Angebot 2211".into(),
        outcome: ItemOutcome::Filed,
        detail: None,
        odoo_ids: vec![3],
        request_id: None,
        technical: None,
    })
    .expect("event");
    let id = run.finish().expect("finished").id.0;
    let runs = invoke(&window, "list_runs", json!({ "filter": { "job": "mail" } })).expect("runs");
    assert_eq!(runs[0]["outcome"], json!("success"));
    assert_eq!(runs[0]["summary"], json!("1 filed"));
    assert_eq!(runs[0]["trigger"], json!("cli"));
    let details = invoke(&window, "show_run", json!({ "id": id })).expect("details");
    assert_eq!(details["run"]["id"], json!(id));
    assert_eq!(details["events"][0]["subject"], json!("Angebot 2211"));
    assert_eq!(details["events"][0]["outcome"], json!("filed"));
    let none = invoke(
        &window,
        "list_runs",
        json!({ "filter": { "outcome": "running" } }),
    );
    assert_eq!(none, Ok(json!([])));

    // the language: unset follows the OS; saved; then the errors speak it
    assert_eq!(
        invoke(&window, "get_settings", json!({})),
        Ok(json!({ "language": null }))
    );
    invoke(
        &window,
        "set_setting",
        json!({ "key": "language", "value": "de" }),
    )
    .expect("saved");
    assert_eq!(
        invoke(&window, "get_settings", json!({})),
        Ok(json!({ "language": "de" }))
    );
    let bad = invoke(
        &window,
        "set_setting",
        json!({ "key": "language", "value": "fr" }),
    )
    .expect_err("no French");
    assert_eq!(bad["code"], json!("invalid_input"));
    assert_eq!(bad["retryable"], json!(false));
    let german = invoke(&window, "show_run", json!({ "id": 999 })).expect_err("no such run");
    assert!(
        german["message"]
            .as_str()
            .expect("message")
            .contains("Lauf"),
        "{german}"
    );
    invoke(
        &window,
        "set_setting",
        json!({ "key": "language", "value": null }),
    )
    .expect("unset");
    assert_eq!(
        invoke(&window, "get_settings", json!({})),
        Ok(json!({ "language": null }))
    );
}

#[test]
fn the_tray_menu_handlers_work_without_a_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    set_up_contacts(dir.path());
    let (app, runs) = app(dir.path());
    let handle = app.handle();
    let state = app.state::<AppState>();
    let wait = Duration::from_secs(10);
    let first = runs
        .recv_timeout(wait)
        .expect("contacts never ran: runs at start");

    assert_eq!(on_menu_item(handle, ids::PAUSE), MenuOutcome::Handled);
    assert!(state.scheduler.view().paused, "Pause pauses");
    assert_eq!(on_menu_item(handle, ids::SYNC_NOW), MenuOutcome::Handled);
    let manual = runs.recv_timeout(wait).expect("Sync now runs while paused");
    assert!(manual > first);
    assert_eq!(on_menu_item(handle, ids::PAUSE), MenuOutcome::Handled);
    assert!(!state.scheduler.view().paused, "the same item resumes");

    assert_eq!(
        on_menu_item(handle, ids::OPEN_SETTINGS),
        MenuOutcome::Handled
    );
    assert!(app.get_webview_window(window::SETTINGS).is_some());
    assert_eq!(on_menu_item(handle, "no_such_item"), MenuOutcome::Unknown);

    assert_eq!(on_menu_item(handle, ids::QUIT), MenuOutcome::Quit);
    assert!(
        state.scheduler.view().stopped,
        "Quit stops the scheduler first"
    );
    let session = Session::open(options(dir.path())).expect("session");
    let recorded = session.list_runs(&Default::default()).expect("runs");
    assert_eq!(recorded.len(), 2);
    assert!(
        recorded.iter().all(|r| r.finished_at.is_some()),
        "no run left half-done"
    );
}

fn no_tray_library(_: &tauri::AppHandle<MockRuntime>) -> Result<(), crate::tray::TrayError> {
    let missing = crate::tray_library::first_loadable(&["libno-such-tray.so.1"]);
    Err(missing.expect_err("no such library").into())
}

fn a_tray(_: &tauri::AppHandle<MockRuntime>) -> Result<(), crate::tray::TrayError> {
    Ok(())
}

#[test]
fn without_its_tray_library_a_minimized_start_opens_the_settings_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (tx, _runs) = mpsc::channel();
    let app = app_launched(dir.path(), reporting_runner(dir.path(), tx), true);
    let handle = app.handle();
    assert!(
        app.get_webview_window(window::SETTINGS).is_none(),
        "started minimized: no window"
    );

    crate::app::show(handle, Some(a_tray), true);
    assert!(
        app.get_webview_window(window::SETTINGS).is_none(),
        "with a tray, minimized stays minimized"
    );
    crate::app::show(handle, Some(no_tray_library), true);
    assert!(
        app.get_webview_window(window::SETTINGS).is_some(),
        "without a tray the window is the only way in"
    );
}

#[test]
fn a_page_opens_by_its_location_hash() {
    assert_eq!(
        window::show_page_script("#/logs"),
        r##"window.location.hash = "#/logs";"##
    );
    assert_eq!(
        window::show_page_script("\";alert(1);\""),
        r#"window.location.hash = "\";alert(1);\"";"#,
        "a page is always a string, never code"
    );
}

#[test]
fn the_window_title_marks_the_demo() {
    use office_connector_core::i18n::Language;
    assert_eq!(window::title(false, Language::En), "Office Connector");
    assert_eq!(window::title(true, Language::De), "Office Connector — Demo");
}

#[test]
fn the_command_line_takes_demo_home_and_minimized() {
    let launch = Launch::try_parse_from([
        "office-connector-desktop",
        "--demo",
        "--home",
        "/tmp/demo-home",
    ])
    .expect("parsed");
    assert!(launch.demo);
    assert_eq!(launch.home, Some(PathBuf::from("/tmp/demo-home")));
    assert!(launch.desktop, "a real start integrates with the desktop");
    assert!(!launch.minimized);
    assert!(Launch::try_parse_from(["office-connector-desktop", "--minimized"]).is_ok());
    assert!(Launch::try_parse_from(["office-connector-desktop", "--bogus"]).is_err());
}
