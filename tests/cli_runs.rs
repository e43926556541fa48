//! `office-connector runs`: the run history recorded through the core API, as a person and a
//! script see it.

use it::cli;
use it::home::TempHome;
use office_connector_core::api::Session;
use office_connector_core::model::{ItemOutcome, Job, RunId, Trigger};
use office_connector_core::store::RunEvent;

fn event(key: &str, summary: &str, outcome: ItemOutcome, odoo_ids: Vec<i64>) -> RunEvent {
    RunEvent {
        item_key: key.into(),
        summary: summary.into(),
        outcome,
        detail: None,
        odoo_ids,
        request_id: None,
        technical: None,
    }
}

/// Three runs: mail filed one mail; mail left one waiting; calendar could not start.
fn record_three_runs(session: &Session) -> [RunId; 3] {
    let mut run = session
        .start_run(Job::Mail, Trigger::Manual)
        .expect("start mail");
    run.record(&event(
        "<offer@example.com>",
        "Offer Müller GmbH",
        ItemOutcome::Filed,
        vec![42, 7001],
    ))
    .expect("record");
    let first = run.finish().expect("finish").id;

    let mut run = session
        .start_run(Job::Mail, Trigger::Timer)
        .expect("start mail");
    run.record(&event(
        "<invoice@example.com>",
        "Invoice 2026-17",
        ItemOutcome::Waiting,
        vec![],
    ))
    .expect("record");
    let second = run.finish().expect("finish").id;

    let run = session
        .start_run(Job::Calendar, Trigger::Cli)
        .expect("start calendar");
    let third = run.fail("Odoo is not reachable").expect("fail").id;
    [first, second, third]
}

fn ids(value: &serde_json::Value) -> Vec<i64> {
    value
        .as_array()
        .expect("a JSON array of runs")
        .iter()
        .map(|r| r["id"].as_i64().expect("numeric id"))
        .collect()
}

#[test]
fn runs_json_lists_the_recorded_runs_newest_first_and_the_filters_narrow_them() {
    let home = TempHome::new();
    let [first, second, third] = record_three_runs(&home.session());

    let all = cli::run(&home, &["runs", "--json"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let json = all.json();
    assert_eq!(ids(&json), vec![third.0, second.0, first.0]);
    assert_eq!(json[0]["job"], "calendar");
    assert_eq!(json[0]["trigger"], "cli");
    assert_eq!(json[0]["outcome"], "failed");
    assert_eq!(json[0]["error"], "Odoo is not reachable");
    assert_eq!(json[1]["outcome"], "needs_attention");
    assert_eq!(json[1]["counts"]["waiting"], 1);
    assert_eq!(json[2]["outcome"], "success");
    assert_eq!(json[2]["counts"]["filed"], 1);
    assert!(json[2]["finished_at"].is_string());

    let by_job = cli::run(&home, &["runs", "--json", "--job", "mail"]).json();
    assert_eq!(ids(&by_job), vec![second.0, first.0]);
    let by_outcome = cli::run(&home, &["runs", "--outcome", "needs_attention", "--json"]).json();
    assert_eq!(ids(&by_outcome), vec![second.0]);
    let by_text = cli::run(&home, &["runs", "--json", "--text", "müller"]).json();
    assert_eq!(ids(&by_text), vec![first.0]);
    let limited = cli::run(&home, &["runs", "--json", "--limit", "2"]).json();
    assert_eq!(ids(&limited), vec![third.0, second.0]);

    let bad = cli::run(&home, &["runs", "--job", "invoices"]);
    assert_eq!(
        bad.code, 1,
        "a usage error is exit 1; 2 means the user must act"
    );
    assert!(
        bad.stderr.contains("expected mail, calendar or contacts"),
        "{}",
        bad.stderr
    );
}

#[test]
fn runs_lists_concisely_in_the_users_language() {
    let home = TempHome::new();
    let [first, _, third] = record_three_runs(&home.session());

    let en = cli::run(&home, &["runs"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    let lines: Vec<&str> = en.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", en.stdout);
    assert!(
        lines[0].starts_with(&format!("#{}", third.0)),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("calendar") && lines[0].contains("failed"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].contains("success") && lines[2].contains("1 filed"),
        "{}",
        lines[2]
    );
    assert!(lines[2].starts_with(&format!("#{}", first.0)));

    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["runs"]);
    assert_eq!(de.code, 0, "{}", de.stderr);
    assert!(de.stdout.contains("Eingriff nötig"), "{}", de.stdout);
    assert!(de.stdout.contains("1 abgelegt"), "{}", de.stdout);
    assert!(de.stdout.contains("Kalender"), "{}", de.stdout);
}

#[test]
fn runs_show_prints_one_run_with_its_items() {
    let home = TempHome::new();
    let [first, ..] = record_three_runs(&home.session());
    let id = first.0.to_string();

    let json = cli::run(&home, &["runs", "show", &id, "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let run = json.json();
    assert_eq!(run["id"], first.0);
    assert_eq!(run["job"], "mail");
    assert_eq!(run["outcome"], "success");
    let events = run["events"].as_array().expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["item_key"], "<offer@example.com>");
    assert_eq!(events[0]["summary"], "Offer Müller GmbH");
    assert_eq!(events[0]["outcome"], "filed");
    assert_eq!(events[0]["odoo_ids"], serde_json::json!([42, 7001]));

    let human = cli::run(&home, &["runs", "show", &id]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .starts_with(&format!("Run {id} · mail · manual · success")),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("Offer Müller GmbH"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("(Odoo 42, 7001)"), "{}", human.stdout);
}

#[test]
fn an_unknown_run_id_is_a_clear_error_with_exit_code_1() {
    let home = TempHome::new();
    record_three_runs(&home.session());

    let out = cli::run(&home, &["runs", "show", "999"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(
        out.stderr.trim(),
        "There is no run with the number 999. `office-connector runs` lists the recorded runs."
    );

    let json = cli::run(&home, &["runs", "show", "999", "--json"]);
    assert_eq!(json.code, 1);
    let err = json.json();
    assert_eq!(err["error"]["code"], "not_found");
    assert_eq!(err["error"]["retryable"], false);

    let de = cli::run_with_env(&home, &[("LANG", "de_DE.UTF-8")], &["runs", "show", "999"]);
    assert_eq!(de.code, 1);
    assert!(
        de.stderr
            .starts_with("Es gibt keinen Lauf mit der Nummer 999."),
        "{}",
        de.stderr
    );
}

#[test]
fn a_fresh_home_has_no_runs() {
    let home = TempHome::new();
    let json = cli::run(&home, &["runs", "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert_eq!(json.json(), serde_json::json!([]));
    let human = cli::run(&home, &["runs"]);
    assert_eq!(human.stdout.trim(), "No runs recorded.");
}

#[test]
fn hostile_subjects_and_errors_are_shown_not_obeyed_by_the_terminal() {
    use it::cli::{TERMINAL_ATTACKS, assert_no_raw_controls};
    let home = TempHome::new();
    let session = home.session();
    let mut run = session
        .start_run(Job::Mail, Trigger::Manual)
        .expect("start mail");
    for (i, (attack, _)) in TERMINAL_ATTACKS.iter().enumerate() {
        let mut e = event(
            &format!("<{i}@example.com>{attack}"),
            attack,
            ItemOutcome::Failed,
            vec![],
        );
        e.detail = Some(format!("Odoo said: {attack}"));
        e.request_id = Some((*attack).to_owned());
        run.record(&e).expect("record");
    }
    let mail = run.fail(TERMINAL_ATTACKS[0].0).expect("fail").id;
    let id = mail.0.to_string();

    let list = cli::run(&home, &["runs"]);
    assert_eq!(list.code, 0, "{list:?}");
    assert_no_raw_controls("runs", &list.stdout);
    assert!(
        list.stdout.contains(TERMINAL_ATTACKS[0].1),
        "{}",
        list.stdout
    );

    let show = cli::run(&home, &["runs", "show", &id]);
    assert_eq!(show.code, 0, "{show:?}");
    assert_no_raw_controls("runs show", &show.stdout);
    for (_, shown) in TERMINAL_ATTACKS {
        assert!(show.stdout.contains(shown), "{shown}: {}", show.stdout);
    }

    // JSON carries the text unchanged, as escapes only.
    let json = cli::run(&home, &["runs", "show", &id, "--json"]);
    assert_eq!(json.code, 0, "{json:?}");
    assert_no_raw_controls("runs show --json", &json.stdout);
    let events = json.json()["events"].clone();
    for (i, (attack, _)) in TERMINAL_ATTACKS.iter().enumerate() {
        assert_eq!(events[i]["summary"], *attack);
    }
    let listed = cli::run(&home, &["runs", "--json"]);
    assert_no_raw_controls("runs --json", &listed.stdout);
    assert_eq!(listed.json()[0]["error"], TERMINAL_ATTACKS[0].0);
}
