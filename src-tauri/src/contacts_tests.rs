//! The Contacts page's commands and the contacts job on the scheduler, through the IPC of the
//! mock runtime, against the fake Odoo and the fake Graph with an in-memory keyring: the list
//! with its filters, following many contacts at once (and what Odoo then shows), preview and
//! run, the run log, and what the tray's "Sync now" and the contacts timer do.

use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use office_connector_core::api::Session;
use office_connector_core::model::{Job, Outcome, Trigger};
use office_connector_core::store::{RunFilter, RunSummary};
use serde_json::{Value, json};
use tauri::Manager;

use crate::app::core_runner;
use crate::calendar_tests::{timer as timer_of, until as wait_for};
use crate::mail_tests::connected;
use crate::notify::{Notice, notice_for};
use crate::state::AppState;
use crate::tests::{app_with_runner, options};
use crate::wizard_tests::{Wizard, code};

impl Wizard {
    fn contacts_setting(&self, key: &str, value: &str) {
        self.call("set_setting", json!({ "key": key, "value": value }))
            .unwrap_or_else(|e| panic!("{key} = {value}: {e}"));
    }

    fn directory(&self, filter: &str, search: Option<&str>) -> Value {
        self.call(
            "contact_directory",
            json!({ "query": { "filter": filter, "search": search, "offset": 0, "limit": 200 } }),
        )
        .unwrap_or_else(|e| panic!("list {filter}: {e}"))
    }

    fn follow(&self, ids: &[i64], follow: bool) -> Result<Value, Value> {
        self.call("follow_contacts", json!({ "ids": ids, "follow": follow }))
    }

    /// Whether Odoo shows Lena's partner among the followers of contact `id` (a JSON-RPC read
    /// of `mail.followers` as Odoo's administrator).
    fn odoo_follows(&self, id: i64) -> bool {
        let url = format!("{}/jsonrpc", self.odoo.url());
        let lena = self.lena_in_odoo();
        let (db, partner) = (lena.odoo_db, lena.odoo_partner_id);
        let answer: Value = tauri::async_runtime::block_on(async move {
            let body = json!({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "service": "object", "method": "execute_kw",
                "args": [db, 2, "admin", "mail.followers", "search_read",
                    [[["res_model", "=", "res.partner"], ["res_id", "=", id],
                      ["partner_id", "=", partner]]], {"fields": ["partner_id"]}]}});
            reqwest::Client::new()
                .post(&url)
                .json(&body)
                .send()
                .await
                .expect("followers")
                .json()
                .await
                .expect("json")
        });
        !answer["result"]
            .as_array()
            .unwrap_or_else(|| panic!("followers: {answer}"))
            .is_empty()
    }
}

fn contacts(page: &Value) -> &Vec<Value> {
    page["contacts"].as_array().expect("contacts")
}

fn named<'a>(page: &'a Value, name: &str) -> &'a Value {
    contacts(page)
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
}

fn ids(page: &Value) -> Vec<i64> {
    contacts(page)
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn the_contacts_page_lists_filters_follows_many_at_once_previews_and_runs() {
    let w = Wizard::start();
    connected(&w);
    let followed = w.directory("followed", None);
    assert_eq!(followed["total"], json!(10), "{followed}");
    let omer = named(&followed, "Ömer Yılmaz");
    assert_eq!(
        (&omer["state"], &omer["reason"]),
        (&json!("not_exported"), &json!("no_email"))
    );
    assert_eq!(named(&followed, "Sönke Petersen")["state"], "next_sync");

    // three Alpenblick people Lena does not follow yet, followed in one go
    let open = w.directory("not_followed", Some("alpenblick"));
    let mut chosen = ids(&open);
    chosen.sort_unstable();
    assert!(chosen.len() >= 3, "{open}");
    assert!(chosen.iter().all(|id| !w.odoo_follows(*id)));
    let change = w.follow(&chosen, true).expect("followed");
    assert_eq!(change["changed"], json!(chosen), "{change}");
    assert!(
        change["message"]
            .as_str()
            .is_some_and(|m| m.contains("Switch the contacts sync on")),
        "the job is off, so it says how its contacts get there: {change}"
    );
    assert!(chosen.iter().all(|id| w.odoo_follows(*id)), "Odoo shows it");
    assert_eq!(
        w.directory("followed", None)["total"],
        json!(10 + chosen.len())
    );
    let none = w.follow(&[], true).expect_err("nothing chosen");
    assert_eq!(code(&none), "invalid_input", "{none}");

    let preview = w
        .call("sync_contacts", json!({ "request": { "dry_run": true } }))
        .expect("a preview");
    assert_eq!(preview["run"], Value::Null, "a preview is no run");
    assert_eq!(preview["report"]["dry_run"], json!(true));
    assert_eq!(
        w.directory("exported", None)["total"],
        json!(0),
        "nothing written"
    );

    let done = w
        .call("sync_contacts", json!({ "request": { "dry_run": false } }))
        .expect("a run");
    assert_eq!(done["run"]["trigger"], json!("manual"), "{done}");
    assert_eq!(done["outcome"], json!("success"), "{done}");
    let created: Vec<&Value> = done["report"]["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter(|c| c["outcome"] == "created")
        .collect();
    let exported = w.directory("exported", None);
    assert_eq!(exported["total"], json!(created.len()), "{exported}");
    for id in &chosen {
        assert!(ids(&exported).contains(id), "{id} went to Outlook");
    }
    assert!(
        created.iter().all(|c| c["verdict"]
            .as_str()
            .is_some_and(|v| v.starts_with("Created in Outlook."))),
        "each contact's outcome line: {done}"
    );
    let runs = w
        .call("list_runs", json!({ "filter": { "job": "contacts" } }))
        .expect("runs");
    assert_eq!(runs.as_array().map(Vec::len), Some(1), "{runs}");
    let details = w
        .call("show_run", json!({ "id": done["run"]["id"] }))
        .expect("details");
    assert_eq!(
        details["events"].as_array().map(Vec::len),
        done["report"]["contacts"].as_array().map(Vec::len),
        "each contact's outcome is in the run log (the created and the left out): {details}"
    );

    // unfollowing one: Odoo no longer shows it; the list says it is still in Outlook
    let one = chosen[0];
    w.follow(&[one], false).expect("unfollowed");
    assert!(!w.odoo_follows(one));
    let still = w.directory("exported", None);
    let row = contacts(&still)
        .iter()
        .find(|c| c["id"] == one)
        .expect("still linked");
    assert_eq!(
        (&row["followed"], &row["state"]),
        (&json!(false), &json!("exported"))
    );
}

/// Waits (bounded) until the home has `count` finished runs of `job`, newest first.
fn runs_of(session: &Session, job: Job, count: usize) -> Vec<RunSummary> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let filter = RunFilter {
            job: Some(job),
            ..RunFilter::default()
        };
        let runs = session.list_runs(&filter).expect("runs");
        if runs.len() >= count && runs.iter().all(|r| r.outcome.is_some()) {
            return runs;
        }
        assert!(Instant::now() < deadline, "no {job} run came: {runs:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sync_now_runs_contacts_after_mail_and_calendar_once_switched_on_and_its_timer_uses_its_interval()
{
    let home = tempfile::tempdir().expect("tempdir");
    let app = app_with_runner(home.path(), core_runner());
    let w = Wizard::over(home, app);
    let folder = connected(&w);
    let state = w.app.state::<AppState>();
    w.contacts_setting("mail.incoming_folder", &folder);
    let day = (Utc::now() - TimeDelta::days(30)).date_naive().to_string();
    w.contacts_setting("calendar.start_date", &day);
    wait_for(&state, "mail and calendar set up", |v| {
        timer_of(v, Job::Mail).set_up && timer_of(v, Job::Calendar).set_up
    });
    let contacts = timer_of(&state.scheduler.view(), Job::Contacts);
    assert!(
        !contacts.set_up && !contacts.timer_on,
        "off until switched on: {contacts:?}"
    );

    // the person switches contacts on, every 90 minutes
    w.contacts_setting("contacts.sync_interval_minutes", "90");
    w.contacts_setting("contacts.enabled", "true");
    wait_for(&state, "the contacts timer on", |v| {
        timer_of(v, Job::Contacts).timer_on
    });
    let session = Session::open(options(w.home.path())).expect("session");
    // NOTE: a timer that comes on runs its job at once
    let first = runs_of(&session, Job::Contacts, 1);
    assert_eq!(
        (first[0].trigger, first[0].outcome),
        (Trigger::Timer, Some(Outcome::Success)),
        "{first:?}"
    );
    // NOTE: the view may still show the run it just started ("at once") for a moment; the
    // next run must come to lie the contacts' own interval after the run just made
    wait_for(
        &state,
        "the next run planned 90 minutes after the run just made",
        |v| {
            timer_of(v, Job::Contacts)
                .next_run_at
                .is_some_and(|next| next - Utc::now() > TimeDelta::minutes(80))
        },
    );
    let status = w.call("status", json!({})).expect("status");
    assert_eq!(status["jobs"][2]["interval_minutes"], json!(90), "{status}");

    assert_eq!(
        crate::tray::on_menu_item(w.app.handle(), crate::tray::ids::SYNC_NOW),
        crate::tray::MenuOutcome::Handled
    );
    let mail = runs_of(&session, Job::Mail, 1);
    let calendar = runs_of(&session, Job::Calendar, 1);
    let contacts = runs_of(&session, Job::Contacts, 2);
    assert_eq!(contacts[0].trigger, Trigger::Manual);
    let ended = |r: &RunSummary| r.finished_at.expect("finished");
    assert!(
        ended(&mail[0]) <= calendar[0].started_at && ended(&calendar[0]) <= contacts[0].started_at,
        "mail, then calendar, then contacts: {mail:?} {calendar:?} {contacts:?}"
    );
    // nothing for the person to do: no notification
    let recent: Vec<Option<Outcome>> = contacts.iter().map(|r| r.outcome).collect();
    assert_eq!(notice_for(Job::Contacts, &recent), None, "{recent:?}");
    assert_eq!(
        Notice::NeedsAttention { job: Job::Contacts }.page(),
        "#/contacts",
        "a contacts run waiting for the person opens its page"
    );
}
