//! `office-connector sync --job mail [--dry-run] --json` and `decisions list|choose` through the
//! real CLI, with both accounts connected through the CLI under a real Secret Service
//! (`it::odoo_client::KeyringSession`), against the fake Graph and the fake Odoo.

use it::graph::GraphFixture;
use it::home::TempHome;
use it::mail::{LENA, mail, odoo, partner};
use it::microsoft::{browse_first_printed_url, connect_microsoft_args, connect_odoo_args};
use it::odoo_client::{KeyringSession, Step};
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";
const SHARED: &str = "info@schroeder-design.example";
/// Text only the body of a mail holds: it must reach Odoo and never a log.
const BODY_MARKER: &str = "Vertraulicher-Inhalt-7f3a";

/// Waits for step 0's first stdout line (the authorize URL) and plays the browser.
fn json_of(run: &it::cli::CliRun) -> Value {
    run.json()
}

fn outcomes(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["report"]["mails"]
        .as_array()
        .expect("mails")
        .iter()
        .map(|m| m["outcome"].as_str().unwrap_or_default().to_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_previews_files_waits_and_files_after_a_decision_through_the_cli() {
    let graph = GraphFixture::demo().await;
    let odoo = odoo().await;
    let incoming = graph.add_folder(LENA, "CLI In").await;
    let outgoing = graph.add_folder(LENA, "CLI Out").await;
    let mut m1 = mail(
        "Rückfrage",
        MUELLER,
        &[LENA],
        "<cli-1@mueller-soehne.example>",
    );
    m1["folder"] = json!("CLI In");
    m1["body_html"] = json!(format!("<p>{BODY_MARKER}</p>"));
    graph.put_mail(LENA, m1).await;
    let mut m2 = mail(
        "Entwurf",
        SHARED,
        &[LENA],
        "<cli-2@schroeder-design.example>",
    );
    m2["folder"] = json!("CLI In");
    graph.put_mail(LENA, m2).await;
    let admin = odoo.user("admin");
    let shared: Vec<i64> = odoo
        .ok(
            &admin,
            "res.partner",
            "search_read",
            json!([[["email", "ilike", SHARED]]]),
            json!({"fields": ["id"], "order": "id asc"}),
        )
        .await
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    assert!(
        shared.len() >= 2,
        "the demo shares this address: {shared:?}"
    );
    let chosen = shared[0].to_string();
    let lena_key = format!("{}\n", odoo.user(LENA).odoo_api_key);

    let home = TempHome::new();
    let keyring = KeyringSession::new().with_env("RUST_LOG", "trace");
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let odoo_url = odoo.url();
    let (runs, _home) = tokio::task::spawn_blocking(move || {
        let runs = keyring.run(
            &home,
            &[
                Step::new(&connect_microsoft_args(&authority, &graph_url, LENA), ""),
                Step::new(&connect_odoo_args(&odoo_url, LENA), &lena_key),
                Step::new(&["config", "set", "mail.incoming_folder", &incoming], ""),
                Step::new(&["config", "set", "mail.outgoing_folder", &outgoing], ""),
                Step::new(&["sync", "--job", "mail", "--dry-run", "--json"], ""),
                Step::new(&["sync", "--job", "mail", "--json"], ""),
                Step::new(&["decisions", "list", "--json"], ""),
                Step::new(&["decisions", "choose", SHARED, &chosen], ""),
                Step::new(&["sync", "--job", "mail", "--json"], ""),
                Step::new(&["decisions", "list", "--json"], ""),
                Step::new(&["sync", "--job", "mail"], ""),
            ],
        );
        (runs, home)
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");
    for (i, run) in runs.iter().enumerate().take(4) {
        assert_eq!(run.code, 0, "step {i}: {run:?}");
    }
    let preview = &runs[4];
    assert_eq!(preview.code, 2, "a decision waits: {preview:?}");
    let body = json_of(preview);
    assert_eq!(body["report"]["dry_run"], true);
    assert_eq!(outcomes(&body), vec!["filed", "waiting"]);
    assert!(body["run"].is_null(), "a preview records no run");

    let first = &runs[5];
    assert_eq!(first.code, 2, "{first:?}");
    let body = json_of(first);
    assert_eq!(outcomes(&body), vec!["filed", "waiting"]);
    let filed = body["report"]["mails"]
        .as_array()
        .expect("mails")
        .iter()
        .find(|m| m["outcome"] == "filed")
        .cloned()
        .expect("filed mail");
    assert_eq!(filed["key"], "<cli-1@mueller-soehne.example>");
    let mueller = partner(&odoo, MUELLER).await;
    assert_eq!(filed["contacts"], json!([mueller]));
    assert_eq!(filed["messages"].as_array().map(Vec::len), Some(1));

    let list = json_of(&runs[6]);
    assert_eq!(list[0]["address"], SHARED, "{list}");
    assert_eq!(list[0]["kind"], "waiting");
    assert!(
        list[0]["candidates"]
            .as_array()
            .is_some_and(|c| c.len() >= 2)
    );
    assert_eq!(list[0]["mails"][0]["subject"], "Entwurf");

    assert_eq!(runs[7].code, 0, "{:?}", runs[7]);
    let last = &runs[8];
    assert_eq!(last.code, 0, "{last:?}");
    assert_eq!(outcomes(&json_of(last)), vec!["filed"]);
    assert_eq!(json_of(&runs[9]), json!([]));
    assert_eq!(runs[10].code, 0, "{:?}", runs[10]);
    assert!(
        runs[10].stdout.contains("0 mails → 0 contacts"),
        "a summary line: {:?}",
        runs[10]
    );
    assert!(odoo.outbox().await.is_empty(), "filing e-mails nobody");
    let filed = it::mail::entries(&odoo, mueller, "<cli-1@mueller-soehne.example>").await;
    assert!(
        filed[0]["body"]
            .as_str()
            .is_some_and(|b| b.contains(BODY_MARKER)),
        "the body reached Odoo: {filed:?}"
    );
    for (i, run) in runs.iter().enumerate() {
        assert!(
            !run.stderr.contains(BODY_MARKER),
            "step {i} logged a mail body at trace level: {}",
            run.stderr
                .lines()
                .filter(|l| l.contains(BODY_MARKER))
                .map(|l| l.chars().take(300).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_subject_is_shown_not_obeyed_by_the_terminal_and_logs_carry_no_colour() {
    use it::cli::{TERMINAL_ATTACKS, assert_no_raw_controls};
    let graph = GraphFixture::demo().await;
    let odoo = odoo().await;
    let incoming = graph.add_folder(LENA, "Hostile In").await;
    let outgoing = graph.add_folder(LENA, "Hostile Out").await;
    let (attack, shown) = TERMINAL_ATTACKS[0];
    let subject = format!("Angebot {attack}{}", TERMINAL_ATTACKS[3].0);
    let mut m = mail(
        &subject,
        MUELLER,
        &[LENA],
        "<hostile@mueller-soehne.example>",
    );
    m["folder"] = json!("Hostile In");
    graph.put_mail(LENA, m).await;
    let lena_key = format!("{}\n", odoo.user(LENA).odoo_api_key);

    let home = TempHome::new();
    // NOTE: info level, so the run's progress is logged to stderr (a pipe here)
    let keyring = KeyringSession::new().with_env("RUST_LOG", "info");
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let odoo_url = odoo.url();
    let runs = tokio::task::spawn_blocking(move || {
        keyring.run(
            &home,
            &[
                Step::new(&connect_microsoft_args(&authority, &graph_url, LENA), ""),
                Step::new(&connect_odoo_args(&odoo_url, LENA), &lena_key),
                Step::new(&["config", "set", "mail.incoming_folder", &incoming], ""),
                Step::new(&["config", "set", "mail.outgoing_folder", &outgoing], ""),
                Step::new(&["sync", "--job", "mail", "--dry-run"], ""),
                Step::new(&["sync", "--job", "mail"], ""),
                Step::new(&["runs", "show", "1"], ""),
            ],
        )
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");
    for (i, run) in runs.iter().enumerate() {
        assert_eq!(run.code, 0, "step {i}: {run:?}");
        assert_no_raw_controls(&format!("step {i} stdout"), &run.stdout);
        assert_no_raw_controls(&format!("step {i} stderr"), &run.stderr);
    }
    for step in [4, 5, 6] {
        let out = &runs[step].stdout;
        assert!(
            out.contains(&format!("Angebot {shown}\\u{{9b}}2J")),
            "{out}"
        );
    }
    assert!(
        runs[5].stderr.contains("INFO"),
        "progress is logged: {:?}",
        runs[5]
    );
}

#[test]
fn decisions_refuse_what_is_no_address_or_contact_id_in_the_users_language() {
    let home = TempHome::new();
    let empty = it::cli::run(&home, &["decisions", "list"]);
    assert_eq!(empty.code, 0, "{empty:?}");
    assert!(
        empty.stdout.contains("No mail waits for a decision."),
        "{empty:?}"
    );
    let bad = it::cli::run(&home, &["decisions", "choose", "not-an-address", "7"]);
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(bad.stderr.contains("is not a mail address"), "{bad:?}");
    let bad = it::cli::run_with_env(
        &home,
        &[("LANG", "de_DE.UTF-8")],
        &["decisions", "choose", "a@b.example", "sieben"],
    );
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(bad.stderr.contains("keine Odoo-Kontakt-ID"), "{bad:?}");
    let ok = it::cli::run(&home, &["decisions", "choose", "A@B.example", "none"]);
    assert_eq!(ok.code, 0, "{ok:?}");
    assert!(ok.stdout.contains("a@b.example"), "{ok:?}");
    let choices = home.session().mail_choices().expect("choices");
    assert_eq!(
        choices.values().collect::<Vec<_>>(),
        vec![&office_connector_core::mail::plan::AddressChoice::Ignore]
    );
}
