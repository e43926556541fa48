//! The Mail page's commands and the mail job on the scheduler, through the IPC of the mock
//! runtime, against the fake Odoo and the fake Graph with an in-memory keyring: what a person
//! sees on the Mail page (preview, run, decisions, unassigned, remembered choices) and what the
//! tray's "Sync now" does.

use std::time::{Duration, Instant};

use office_connector_core::api::Session;
use office_connector_core::mail::plan::AddressChoice;
use serde_json::{Value, json};
use tauri::{Listener, Manager};

use crate::app::core_runner;
use crate::state::AppState;
use crate::tests::{app_with_runner, options};
use crate::wizard_tests::{Wizard, code, lena};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";
const SHARED: &str = "info@schroeder-design.example";
const UNKNOWN: &str = "nina@unknown-company.example";

/// Lena connected on both sides (through the wizard's commands), with a new, empty incoming
/// folder (the demo mailbox's own transfer folders hold the demo's mails).
pub(crate) fn connected(w: &Wizard) -> String {
    let odoo = w.lena_in_odoo();
    w.call(
        "connect_odoo",
        json!({ "request": { "url": w.odoo.url(), "db": null, "login": odoo.odoo_login, "secret": odoo.odoo_api_key } }),
    )
    .expect("odoo connected");
    w.call("sign_in_microsoft", w.sign_in_request())
        .expect("signed in");
    let folder = w
        .call("create_mail_folder", json!({ "name": "Transfer Test" }))
        .expect("folder");
    folder["id"].as_str().expect("id").to_owned()
}

impl Wizard {
    fn put_mail(&self, folder: &str, subject: &str, from: &str, message_id: &str) {
        self.control(
            &format!("/graph/mailboxes/{}/messages", lena()),
            json!({
                "folder": folder,
                "subject": subject,
                "body_html": format!("<p>{subject}</p>"),
                "from": {"name": from, "address": from},
                "to": [{"name": "Lena", "address": lena()}],
                "received": "2026-03-01T09:30:00Z",
                "internet_message_id": message_id,
            }),
        );
    }

    /// The chatter entries with `message_id`, read as Odoo's admin.
    fn entries(&self, message_id: &str) -> Vec<Value> {
        let url = format!("{}/jsonrpc", self.odoo.url());
        let db = self.lena_in_odoo().odoo_db;
        let answer: Value = tauri::async_runtime::block_on(async move {
            let call = |service: &str, method: &str, args: Value| {
                json!({"jsonrpc": "2.0", "method": "call", "id": 1,
                       "params": {"service": service, "method": method, "args": args}})
            };
            let http = reqwest::Client::new();
            let login: Value = http
                .post(&url)
                .json(&call("common", "login", json!([db, "admin", "admin"])))
                .send()
                .await
                .expect("login")
                .json()
                .await
                .expect("json");
            let uid = login["result"].clone();
            http.post(&url)
                .json(&call(
                    "object",
                    "execute_kw",
                    json!([db, uid, "admin", "mail.message", "search_read",
                           [[["message_id", "=", message_id]]],
                           {"fields": ["model", "res_id", "subject"]}]),
                ))
                .send()
                .await
                .expect("search_read")
                .json()
                .await
                .expect("json")
        });
        answer["result"]
            .as_array()
            .unwrap_or_else(|| panic!("entries: {answer}"))
            .clone()
    }

    fn outcomes(run: &Value) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = run["report"]["mails"]
            .as_array()
            .expect("mails")
            .iter()
            .map(|m| {
                (
                    m["subject"].as_str().expect("subject").to_owned(),
                    m["outcome"].as_str().expect("outcome").to_owned(),
                )
            })
            .collect();
        out.sort();
        out
    }
}

fn pair(subject: &str, outcome: &str) -> (String, String) {
    (subject.to_owned(), outcome.to_owned())
}

#[test]
fn the_mail_page_previews_runs_decides_creates_contacts_and_remembers_choices() {
    let w = Wizard::start();
    let folder = connected(&w);
    let none = w
        .call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect_err("no transfer folder chosen yet");
    assert_eq!(code(&none), "config_invalid", "{none}");
    assert!(
        none["message"]
            .as_str()
            .is_some_and(|m| m.contains("transfer folder")),
        "{none}"
    );
    w.call(
        "set_setting",
        json!({ "key": "mail.incoming_folder", "value": folder }),
    )
    .expect("folder chosen");
    w.put_mail(&folder, "Angebot", MUELLER, "<a-1@mueller.example>");
    w.put_mail(&folder, "Entwurf", SHARED, "<s-1@schroeder.example>");
    w.put_mail(&folder, "Hallo", UNKNOWN, "<u-1@unknown.example>");
    assert_eq!(w.call("mail_progress", json!({})), Ok(Value::Null));
    // the run that could not start is on record, with its reason
    let before = w
        .call("list_runs", json!({ "filter": { "job": "mail" } }))
        .expect("runs");
    assert_eq!(before.as_array().map(Vec::len), Some(1), "{before}");
    assert_eq!(before[0]["outcome"], "failed", "{before}");
    assert_eq!(before[0]["summary"], none["message"], "{before}");

    let preview = w
        .call("sync_mail", json!({ "request": { "dry_run": true } }))
        .expect("preview");
    assert_eq!(preview["run"], Value::Null, "a preview is no run");
    assert_eq!(preview["report"]["dry_run"], json!(true));
    assert_eq!(
        Wizard::outcomes(&preview),
        vec![
            pair("Angebot", "filed"),
            pair("Entwurf", "waiting"),
            pair("Hallo", "unassigned")
        ]
    );
    assert!(
        w.entries("<a-1@mueller.example>").is_empty(),
        "a preview writes nothing"
    );
    let runs = w
        .call("list_runs", json!({ "filter": { "job": "mail" } }))
        .expect("runs");
    assert_eq!(runs, before, "and records no run");

    let streamed = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let sink = streamed.clone();
    w.app
        .listen(crate::mail::MAIL_PROGRESS_EVENT, move |event| {
            let step = serde_json::from_str(event.payload()).unwrap_or(Value::Null);
            sink.lock().unwrap_or_else(|p| p.into_inner()).push(step);
        });
    let run = w
        .call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect("run");
    let steps = streamed.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(
        (steps.first(), steps.last()),
        (Some(&json!({"done": 3, "total": 3})), Some(&Value::Null)),
        "the run's progress reached the window as events, then its end: {steps:?}"
    );
    assert_eq!(run["outcome"], json!("needs_attention"), "{run}");
    assert_eq!(run["run"]["trigger"], json!("manual"));
    assert_eq!(run["run"]["outcome"], json!("needs_attention"));
    assert!(
        run["summary"]
            .as_str()
            .is_some_and(|s| s.starts_with("3 mails")),
        "{run}"
    );
    let filed = w.entries("<a-1@mueller.example>");
    assert_eq!(filed.len(), 1, "filed once: {filed:?}");
    assert_eq!(filed[0]["model"], json!("res.partner"));
    assert_eq!(w.call("mail_progress", json!({})), Ok(Value::Null), "over");

    let decisions = w.call("mail_decisions", json!({})).expect("decisions");
    let decisions = decisions.as_array().expect("list").clone();
    assert_eq!(decisions.len(), 2, "{decisions:?}");
    assert_eq!(decisions[0]["kind"], json!("waiting"), "waiting ones first");
    assert_eq!(decisions[0]["address"], json!(SHARED));
    assert_eq!(decisions[0]["mails"][0]["subject"], json!("Entwurf"));
    let candidates = decisions[0]["candidates"].as_array().expect("candidates");
    assert!(candidates.len() >= 2, "{candidates:?}");
    assert!(
        candidates
            .iter()
            .all(|c| c["id"].is_i64() && c["name"].is_string())
    );
    assert_eq!(decisions[1]["kind"], json!("unassigned"));
    assert_eq!(decisions[1]["address"], json!(UNKNOWN));
    assert_eq!(
        decisions[1]["suggested_company"],
        json!("unknown-company.example")
    );

    let bad = w
        .call(
            "choose_mail_contacts",
            json!({ "address": "not an address", "choice": { "kind": "ignore" } }),
        )
        .expect_err("no address");
    assert_eq!(code(&bad), "invalid_input");
    let empty = w
        .call(
            "choose_mail_contacts",
            json!({ "address": SHARED, "choice": { "kind": "contacts", "contacts": [] } }),
        )
        .expect_err("no contact");
    assert_eq!(code(&empty), "invalid_input");
    assert!(
        empty["message"]
            .as_str()
            .is_some_and(|m| m.contains("at least one contact"))
    );
    let chosen = candidates[0]["id"].as_i64().expect("id");
    w.call(
        "choose_mail_contacts",
        json!({ "address": SHARED, "choice": { "kind": "contacts", "contacts": [chosen] } }),
    )
    .expect("decided");
    let found = w
        .call("search_mail_contacts", json!({ "query": "mueller-soehne" }))
        .expect("search");
    assert!(
        found
            .as_array()
            .is_some_and(|f| f.iter().any(|c| c["email"] == json!(MUELLER))),
        "{found}"
    );
    let nina = w
        .call(
            "create_mail_contact",
            json!({ "address": UNKNOWN, "name": "Nina Neu", "company": "Unknown Company" }),
        )
        .expect("created")
        .as_i64()
        .expect("the new id");

    let again = w
        .call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect("run");
    assert_eq!(again["outcome"], json!("success"), "{again}");
    assert_eq!(
        Wizard::outcomes(&again),
        vec![pair("Entwurf", "filed"), pair("Hallo", "filed")],
        "only the waiting mails, the filed one is not filed again"
    );
    assert_eq!(w.entries("<a-1@mueller.example>").len(), 1);
    let on_nina = w.entries("<u-1@unknown.example>");
    assert_eq!(on_nina.len(), 1);
    assert_eq!(on_nina[0]["res_id"], json!(nina));
    assert_eq!(w.call("mail_decisions", json!({})), Ok(json!([])));

    let choices = w.call("mail_choices", json!({})).expect("choices");
    assert_eq!(
        choices[0]["address"],
        json!(SHARED),
        "sorted by address: {choices}"
    );
    assert_eq!(
        choices[0]["choice"],
        json!({ "kind": "contacts", "contacts": [chosen] })
    );
    assert_eq!(choices[0]["contacts"][0]["id"], json!(chosen), "named");
    assert_eq!(choices[1]["address"], json!(UNKNOWN));
    assert_eq!(choices[1]["contacts"][0]["name"], json!("Nina Neu"));

    // the choice is remembered for the next mail from that address
    w.put_mail(&folder, "Rechnung", SHARED, "<s-2@schroeder.example>");
    let third = w
        .call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect("run");
    assert_eq!(Wizard::outcomes(&third), vec![pair("Rechnung", "filed")]);
    let runs = w
        .call(
            "list_runs",
            json!({ "filter": { "job": "mail", "limit": 5 } }),
        )
        .expect("runs");
    assert_eq!(
        runs.as_array().map(Vec::len),
        Some(4),
        "the one that could not start and three runs, no preview"
    );
}

#[test]
fn the_address_choice_the_window_sends_is_the_cores() {
    for (window, core) in [
        (
            json!({ "kind": "contacts", "contacts": [7, 9] }),
            AddressChoice::Contacts(vec![
                office_connector_core::model::OdooId(7),
                office_connector_core::model::OdooId(9),
            ]),
        ),
        (json!({ "kind": "ignore" }), AddressChoice::Ignore),
    ] {
        assert_eq!(serde_json::to_value(&core).expect("json"), window);
        let sent: AddressChoice =
            serde_json::from_value(window.clone()).expect("the window's shape");
        assert_eq!(sent, core, "the window's JSON is the core's choice");
    }
}

/// Waits (bounded) until the home has `count` finished mail runs.
fn mail_runs(session: &Session, count: usize) -> Vec<office_connector_core::store::RunSummary> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let runs = session
            .list_runs(&office_connector_core::store::RunFilter {
                job: Some(office_connector_core::model::Job::Mail),
                ..Default::default()
            })
            .expect("runs");
        if runs.len() >= count && runs.iter().all(|r| r.outcome.is_some()) {
            return runs;
        }
        assert!(Instant::now() < deadline, "no mail run came: {runs:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sync_now_runs_the_mail_job_and_a_refused_sign_in_pauses_it_and_is_told_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let app = app_with_runner(home.path(), core_runner());
    let w = Wizard::over(home, app);
    let folder = connected(&w);
    let state = w.app.state::<AppState>();
    assert!(
        !state.scheduler.view().can_sync_now(),
        "the mail timer is off until mail is set up"
    );
    w.put_mail(&folder, "Angebot", MUELLER, "<a-1@mueller.example>");
    for (key, value) in [
        ("mail.incoming_folder", folder.as_str()),
        ("mail.enabled", "true"),
    ] {
        w.call("set_setting", json!({ "key": key, "value": value }))
            .expect("set");
    }
    let session = Session::open(options(w.home.path())).expect("session");
    // NOTE: the timer runs a job at once when it is set up
    let first = mail_runs(&session, 1);
    assert_eq!(
        first[0].outcome,
        Some(office_connector_core::model::Outcome::Success)
    );
    assert_eq!(
        w.entries("<a-1@mueller.example>").len(),
        1,
        "filed by the timer"
    );
    assert!(state.scheduler.view().can_sync_now());

    w.control(
        "/identity/refresh-tokens/revoke",
        json!({"upn": lena(), "reason": "revoked"}),
    );
    w.put_mail(&folder, "Zweites", MUELLER, "<a-2@mueller.example>");
    state.scheduler.sync_now();
    let runs = mail_runs(&session, 2);
    assert_eq!(
        runs[0].outcome,
        Some(office_connector_core::model::Outcome::NeedsAttention),
        "{runs:?}"
    );
    assert!(
        w.entries("<a-2@mueller.example>").is_empty(),
        "nothing read without a sign-in"
    );
    assert_eq!(w.account_state(0), json!("needs_sign_in"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while state.scheduler.view().can_sync_now() {
        assert!(Instant::now() < deadline, "the timers stay on");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        session.take_sign_in_notices().expect("notices").is_empty(),
        "the app already told the person (once)"
    );
}

/// Sets the fake Odoo's faults (all of them: `{}` clears them).
fn odoo_faults(w: &Wizard, faults: Value) {
    let url = format!("{}/_fake/faults", w.odoo.url());
    let status = tauri::async_runtime::block_on(async move {
        reqwest::Client::new()
            .put(url)
            .json(&faults)
            .send()
            .await
            .expect("faults")
            .status()
    });
    assert!(status.is_success(), "faults: {status}");
}

#[test]
fn a_mail_odoo_refuses_waits_with_its_reason_and_is_retried_or_skipped_from_the_window() {
    let w = Wizard::start();
    let folder = connected(&w);
    w.call(
        "set_setting",
        json!({ "key": "mail.incoming_folder", "value": folder }),
    )
    .expect("folder chosen");
    w.put_mail(
        &folder,
        "Angebot GESPERRT",
        MUELLER,
        "<r-1@mueller.example>",
    );
    w.put_mail(
        &folder,
        "Rechnung GESPERRT",
        MUELLER,
        "<r-2@mueller.example>",
    );
    odoo_faults(&w, json!({ "refuse_posts_containing": "GESPERRT" }));

    let run = w
        .call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect("run");
    assert_eq!(run["outcome"], json!("needs_attention"), "{run}");
    assert_eq!(
        Wizard::outcomes(&run),
        vec![
            pair("Angebot GESPERRT", "refused"),
            pair("Rechnung GESPERRT", "refused")
        ]
    );
    let mail = &run["report"]["mails"][0];
    assert!(
        mail["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "a sentence for the person: {mail}"
    );
    assert!(
        mail["technical"]
            .as_str()
            .is_some_and(|t| t.contains("cannot be posted")),
        "Odoo's error behind it: {mail}"
    );
    let details = w
        .call("show_run", json!({ "id": run["run"]["id"] }))
        .expect("run details");
    let event = &details["events"][0];
    assert_eq!(event["outcome"], json!("refused"), "{details}");
    assert!(event["detail"].is_string(), "{event}");
    assert!(
        event["technical"]
            .as_str()
            .is_some_and(|t| t.contains("cannot be posted")),
        "the run log keeps the technical detail: {event}"
    );

    let refused = w.call("refused_mails", json!({})).expect("refused");
    let refused = refused.as_array().expect("list").clone();
    assert_eq!(refused.len(), 2, "{refused:?}");
    let of = |subject: &str| -> Value {
        refused
            .iter()
            .find(|r| r["subject"] == json!(subject))
            .cloned()
            .unwrap_or_else(|| panic!("{subject} not listed: {refused:?}"))
    };
    let offer = of("Angebot GESPERRT");
    assert_eq!(offer["key"], json!("<r-1@mueller.example>"));
    assert!(
        offer["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{offer}"
    );
    assert!(
        offer["technical"]
            .as_str()
            .is_some_and(|t| t.contains("cannot be posted")),
        "{offer}"
    );
    assert_eq!(
        w.call("mail_decisions", json!({})),
        Ok(json!([])),
        "a refused mail is no decision"
    );

    let unknown = w
        .call("retry_refused_mail", json!({ "key": "<nope@example>" }))
        .expect_err("no such mail");
    assert_eq!(code(&unknown), "not_found", "{unknown}");

    odoo_faults(&w, json!({}));
    let retried = w
        .call(
            "retry_refused_mail",
            json!({ "key": "<r-1@mueller.example>" }),
        )
        .expect("retried");
    assert_eq!(
        retried,
        json!("\"Angebot GESPERRT\" will be tried again in the next run."),
        "the CLI's sentence"
    );
    let skipped = w
        .call(
            "skip_refused_mail",
            json!({ "key": "<r-2@mueller.example>" }),
        )
        .expect("skipped");
    assert!(
        skipped
            .as_str()
            .is_some_and(|s| s.starts_with("\"Rechnung GESPERRT\" is skipped")),
        "{skipped}"
    );
    assert_eq!(w.call("refused_mails", json!({})), Ok(json!([])), "settled");

    w.call("sync_mail", json!({ "request": { "dry_run": false } }))
        .expect("run");
    assert_eq!(
        w.entries("<r-1@mueller.example>").len(),
        1,
        "the retried mail is filed"
    );
    assert!(
        w.entries("<r-2@mueller.example>").is_empty(),
        "the skipped one never is"
    );
}
