//! Crash safety of the mail transfer (issue 6 §8): a separate `office-connector sync` process is
//! SIGKILLed at each journal step in turn (debug builds read `OFFICE_CONNECTOR_CRASH_PLAN`),
//! and each rerun in a new process resumes — every mail ends up filed exactly once per contact,
//! and moved to Deleted Items, nothing lost.

use it::graph::GraphFixture;
use it::home::TempHome;
use it::mail::{LENA, entries, mail, odoo, partner};
use it::microsoft::{browse_first_printed_url, connect_microsoft_args, connect_odoo_args};
use it::odoo_client::{KeyringSession, Step};
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";
const HUBER: &str = "theresa.huber@alpenblick-hotels.example";
const STEPS: [&str; 7] = [
    "intent",
    "attached",
    "posted",
    "written",
    "confirmed",
    "before_move",
    "moved",
];

async fn folder_subjects(graph: &GraphFixture, folder: &str) -> Vec<String> {
    let list: Value = graph
        .http
        .get(graph.control(&format!("/graph/mailboxes/{LENA}/messages")))
        .query(&[("folder", folder)])
        .send()
        .await
        .expect("messages")
        .json()
        .await
        .expect("json");
    let mut v: Vec<String> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|m| m["subject"].as_str().unwrap_or_default().to_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_at_each_journal_step_resumes_in_a_new_process_exactly_once() {
    let graph = GraphFixture::demo().await;
    let odoo = odoo().await;
    let incoming = graph.add_folder(LENA, "Crash In").await;
    let outgoing = graph.add_folder(LENA, "Crash Out").await;
    let mut m1 = mail(
        "Eingang",
        MUELLER,
        &[LENA],
        "<crash-1@mueller-soehne.example>",
    );
    m1["folder"] = json!("Crash In");
    m1["attachments"] = json!([
        {"name": "angebot.txt", "content_type": "text/plain", "content_base64": "QW5nZWJvdA=="}
    ]);
    graph.put_mail(LENA, m1).await;
    let mut m2 = mail(
        "Ausgang",
        LENA,
        &[MUELLER, HUBER],
        "<crash-2@yourcompany.example.com>",
    );
    m2["folder"] = json!("Crash Out");
    graph.put_mail(LENA, m2).await;
    let lena_key = format!("{}\n", odoo.user(LENA).odoo_api_key);

    let home = TempHome::new();
    let plan_dir = tempfile::tempdir().expect("dir");
    let plan = plan_dir.path().join("crash-plan");
    std::fs::write(&plan, STEPS.join("\n")).expect("plan");
    let keyring =
        KeyringSession::new().with_env("OFFICE_CONNECTOR_CRASH_PLAN", &plan.display().to_string());
    let browser = tokio::spawn(browse_first_printed_url(keyring.path().to_path_buf()));
    let authority = graph.fake.login_url();
    let graph_url = graph.fake.graph_url();
    let odoo_url = odoo.url();
    let runs = tokio::task::spawn_blocking(move || {
        let mut steps = vec![
            Step::new(&connect_microsoft_args(&authority, &graph_url, LENA), ""),
            Step::new(&connect_odoo_args(&odoo_url, LENA), &lena_key),
            Step::new(&["config", "set", "mail.incoming_folder", &incoming], ""),
            Step::new(&["config", "set", "mail.outgoing_folder", &outgoing], ""),
            Step::new(&["config", "set", "mail.delete_after_transfer", "true"], ""),
        ];
        for _ in 0..=STEPS.len() {
            steps.push(Step::new(&["sync", "--job", "mail", "--json"], ""));
        }
        steps.push(Step::new(&["sync", "--job", "mail", "--json"], ""));
        keyring.run(&home, &steps)
    })
    .await
    .expect("keyring session");
    browser.await.expect("browser");
    for (i, run) in runs.iter().enumerate().take(5) {
        assert_eq!(run.code, 0, "setup step {i}: {run:?}");
    }
    let syncs = &runs[5..];
    for (i, step) in STEPS.iter().enumerate() {
        assert_eq!(
            syncs[i].code, 137,
            "the sync was killed at {step}: {:?}",
            syncs[i]
        );
    }
    let last = &syncs[STEPS.len()];
    assert_eq!(last.code, 0, "the rerun completes: {last:?}");
    let idle = &syncs[STEPS.len() + 1];
    assert_eq!(idle.code, 0, "{idle:?}");
    assert_eq!(
        idle.json()["report"]["mails"],
        json!([]),
        "nothing left to do"
    );

    let mueller = partner(&odoo, MUELLER).await;
    let huber = partner(&odoo, HUBER).await;
    for (p, id) in [
        (mueller, "<crash-1@mueller-soehne.example>"),
        (mueller, "<crash-2@yourcompany.example.com>"),
        (huber, "<crash-2@yourcompany.example.com>"),
    ] {
        assert_eq!(entries(&odoo, p, id).await.len(), 1, "{id} once on {p}");
    }
    // a kill between creating the attachment and posting left none behind
    let admin = odoo.user("admin");
    let on_mueller = odoo
        .ok(
            &admin,
            "ir.attachment",
            "search_read",
            json!([[["res_model", "=", "res.partner"], ["res_id", "=", mueller]]]),
            json!({"fields": ["name"]}),
        )
        .await;
    let entry = &entries(&odoo, mueller, "<crash-1@mueller-soehne.example>").await[0];
    assert_eq!(
        on_mueller.as_array().map(Vec::len),
        Some(1),
        "only the filed entry's attachment: {on_mueller} (entry {entry})"
    );
    assert!(folder_subjects(&graph, "Crash In").await.is_empty());
    assert!(folder_subjects(&graph, "Crash Out").await.is_empty());
    assert_eq!(
        folder_subjects(&graph, "deleteditems").await,
        vec!["Ausgang", "Eingang"],
        "moved, never lost"
    );
    assert!(odoo.outbox().await.is_empty());
}
