//! Hostile and broken answers from Microsoft 365 during a mail run (issue 13): a link to
//! another server gets no request (and so no token), paging that never ends is stopped, and
//! one mail Outlook sends in a form that cannot be read is skipped with a line in the run log
//! while the others are filed. The fake Graph spoils its pages with the `foreign_link`,
//! `endless_paging` and `malformed_item` faults.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Request;
use axum::http::StatusCode;
use it::mail::{IN, LENA, MailUser, mail, odoo, outcome_of};
use office_connector_core::api::{MailRun, MicrosoftRuntime};
use office_connector_core::graph::client::GraphClientOptions;
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::{Value, json};

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

/// A server on another loopback address that answers every request with an empty page and
/// records what arrived: (path, whether it carried an `Authorization` header).
struct Elsewhere {
    base: String,
    seen: Arc<Mutex<Vec<(String, bool)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Elsewhere {
    async fn start() -> Elsewhere {
        // NOTE: 127.0.0.2 is another host on Linux; where it cannot be bound, another port of
        // 127.0.0.1 is another origin all the same.
        let listener = match tokio::net::TcpListener::bind("127.0.0.2:0").await {
            Ok(l) => l,
            Err(_) => tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind"),
        };
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let seen: Arc<Mutex<Vec<(String, bool)>>> = Arc::default();
        let record = seen.clone();
        let app = axum::Router::new().fallback(move |request: Request| {
            let record = record.clone();
            async move {
                let token = request.headers().contains_key("authorization");
                record
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((request.uri().to_string(), token));
                (
                    StatusCode::OK,
                    axum::Json(json!({"value": [], "@odata.deltaLink": "x"})),
                )
            }
        });
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Elsewhere { base, seen, task }
    }

    fn requests(&self) -> Vec<(String, bool)> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Elsewhere {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn fault(lena: &MailUser, fault: Value) {
    lena.ms.graph.control_post("/graph/faults", fault).await;
}

async fn put_mails(lena: &MailUser, subjects: &[&str]) {
    for (i, subject) in subjects.iter().enumerate() {
        let id = format!("<hostile-{i}-{subject}@mueller-soehne.example>");
        lena.put(IN, mail(subject, MUELLER, &[LENA], &id)).await;
    }
}

fn incomplete_saying(run: &MailRun, words: &str) -> bool {
    run.report.incomplete.iter().any(|t| t.contains(words))
        && run
            .run
            .as_ref()
            .is_some_and(|r| r.notes.iter().any(|n| n.contains(words)))
}

#[tokio::test]
async fn a_next_link_to_another_server_gets_no_request_and_the_run_says_so() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let elsewhere = Elsewhere::start().await;
    put_mails(&lena, &["Eins", "Zwei", "Drei"]).await;
    fault(
        &lena,
        json!({"kind": "foreign_link", "base_url": elsewhere.base,
               "path_contains": "/messages/delta", "count": 1}),
    )
    .await;

    let first = lena.sync_paged(false, Some(2)).await;
    assert_eq!(
        elsewhere.requests(),
        vec![],
        "no request, so no token, went there"
    );
    assert_eq!(first.outcome, Outcome::Incomplete, "{first:?}");
    let told = format!(
        "The incoming transfer folder could not be read completely from Outlook: Microsoft 365 answered with a link to another server ({}); it was not followed",
        elsewhere.base
    );
    assert!(incomplete_saying(&first, &told), "{first:?}");
    assert_eq!(
        first.report.count(ItemOutcome::Filed),
        2,
        "the page before the link"
    );

    let second = lena.sync_paged(false, Some(2)).await;
    assert_eq!(second.outcome, Outcome::Success, "{second:?}");
    assert_eq!(second.report.count(ItemOutcome::Filed), 1, "{second:?}");
    assert_eq!(elsewhere.requests(), vec![]);
}

#[tokio::test]
async fn a_delta_link_to_another_server_is_neither_saved_nor_followed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let elsewhere = Elsewhere::start().await;
    put_mails(&lena, &["Einzige"]).await;
    fault(
        &lena,
        json!({"kind": "foreign_link", "base_url": elsewhere.base,
               "path_contains": "/messages/delta", "count": 1}),
    )
    .await;

    let first = lena.sync(false).await;
    assert!(
        incomplete_saying(&first, "link to another server"),
        "{first:?}"
    );
    assert_eq!(first.report.count(ItemOutcome::Filed), 0, "{first:?}");
    let second = lena.sync(false).await;
    let third = lena.sync(false).await;
    assert_eq!(elsewhere.requests(), vec![]);
    assert_eq!(second.report.count(ItemOutcome::Filed), 1, "{second:?}");
    assert_eq!(third.outcome, Outcome::Success, "{third:?}");
}

#[tokio::test]
async fn a_next_link_naming_its_own_page_ends_the_round_instead_of_running_for_ever() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    put_mails(&lena, &["Eins", "Zwei"]).await;
    fault(
        &lena,
        json!({"kind": "endless_paging", "path_contains": "/messages/delta"}),
    )
    .await;

    let run = tokio::time::timeout(Duration::from_secs(120), lena.sync(false))
        .await
        .expect("the run ends");
    assert_eq!(run.outcome, Outcome::Incomplete, "{run:?}");
    assert!(
        incomplete_saying(
            &run,
            "The incoming transfer folder could not be read completely from Outlook: Microsoft 365 kept sending further pages without end"
        ),
        "{run:?}"
    );
    assert!(
        lena.ms.request_count("/messages/delta").await <= 6,
        "at most three pages per folder"
    );

    lena.ms.clear_faults().await;
    let again = lena.sync(false).await;
    assert_eq!(again.outcome, Outcome::Success, "{again:?}");
}

#[tokio::test]
async fn a_round_longer_than_the_page_bound_is_stopped_there() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    put_mails(&lena, &["A", "B", "C", "D", "E", "F", "G"]).await;
    let defaults = lena.ms.runtime();
    let bounded = MicrosoftRuntime {
        client: GraphClientOptions {
            max_pages_per_round: 3,
            ..defaults.client.clone()
        },
        ..defaults
    };

    let stopped = lena.sync_on(&bounded, Some(2)).await;
    assert!(
        incomplete_saying(&stopped, "without end"),
        "four pages of two past a bound of three: {stopped:?}"
    );
    let before = lena.ms.request_count("/messages/delta").await;
    assert!(
        before <= 3 + 1,
        "three pages of the incoming folder, one of the outgoing"
    );

    let whole = lena.sync_on(&lena.ms.runtime(), Some(2)).await;
    assert_eq!(whole.outcome, Outcome::Success, "{whole:?}");
}

const UNREADABLE: &str = "Outlook sent this mail in a form that cannot be read; it was skipped.";

#[tokio::test]
async fn one_malformed_mail_is_skipped_with_a_line_in_the_run_log_and_the_rest_are_filed() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    put_mails(&lena, &["Eins", "Zwei", "Drei", "Vier"]).await;
    for spoil in [
        json!({"subject_contains": "Zwei", "set": {"from": "x"}}),
        json!({"subject_contains": "Drei", "set": {"subject": 42}}),
        json!({"subject_contains": "Vier", "invalid_utf8": true}),
    ] {
        let mut f =
            json!({"kind": "malformed_item", "path_contains": "/messages/delta", "count": 1});
        f.as_object_mut()
            .expect("object")
            .extend(spoil.as_object().expect("object").clone());
        fault(&lena, f).await;
    }

    let run = lena.sync(false).await;
    assert_eq!(outcome_of(&run, "Eins").outcome, ItemOutcome::Filed);
    // a byte that is not text spoils one character of the subject, not the mail
    assert_eq!(
        outcome_of(&run, "\u{FFFD}Vier").outcome,
        ItemOutcome::Filed,
        "{run:?}"
    );
    let zwei = outcome_of(&run, "Zwei");
    assert_eq!(zwei.outcome, ItemOutcome::Skipped);
    assert!(
        zwei.detail
            .as_deref()
            .is_some_and(|d| d.starts_with(UNREADABLE)),
        "{zwei:?}"
    );
    let drei = run
        .report
        .mails
        .iter()
        .find(|m| m.key == "<hostile-2-Drei@mueller-soehne.example>")
        .expect("the mail without a readable subject is told by its Message-ID");
    assert_eq!(drei.outcome, ItemOutcome::Skipped, "{drei:?}");
    assert!(run.report.incomplete.is_empty(), "{run:?}");

    let id = run.run.as_ref().expect("recorded").id;
    let log = lena.ms.session.show_run(id).expect("run log");
    let line = log
        .events
        .iter()
        .find(|e| e.event.summary == "Zwei")
        .expect("a line for the skipped mail");
    assert_eq!(line.event.outcome, ItemOutcome::Skipped);
    assert!(
        line.event
            .detail
            .as_deref()
            .is_some_and(|d| d.contains(UNREADABLE)),
        "{line:?}"
    );
    assert!(line.event.technical.is_some(), "{line:?}");
}

#[tokio::test]
async fn a_skipped_mail_marked_unread_is_read_again_as_its_note_says() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    put_mails(&lena, &["Eins", "Zwei"]).await;
    fault(
        &lena,
        json!({"kind": "malformed_item", "subject_contains": "Zwei", "set": {"toRecipients": 7},
               "path_contains": "/messages/delta", "count": 1}),
    )
    .await;
    let first = lena.sync(false).await;
    let zwei = outcome_of(&first, "Zwei");
    assert_eq!(zwei.outcome, ItemOutcome::Skipped);
    assert!(
        zwei.detail
            .as_deref()
            .is_some_and(|d| d.contains("mark it as unread or read in Outlook")),
        "{zwei:?}"
    );

    let again = lena.sync(false).await;
    assert!(again.report.mails.is_empty(), "skipped for good: {again:?}");

    let graph = &lena.ms.graph;
    let listed: Value = graph
        .http
        .get(graph.control(&format!("/graph/mailboxes/{LENA}/messages")))
        .query(&[("folder", IN)])
        .send()
        .await
        .expect("messages")
        .json()
        .await
        .expect("json");
    let id = listed
        .as_array()
        .and_then(|l| l.iter().find(|m| m["subject"] == "Zwei"))
        .and_then(|m| m["id"].as_str())
        .expect("Zwei is in the folder")
        .to_owned();
    let response = graph
        .http
        .post(graph.control(&format!("/graph/mailboxes/{LENA}/messages/{id}/read")))
        .json(&json!({"read": true}))
        .send()
        .await
        .expect("mark read");
    assert!(response.status().is_success());
    let third = lena.sync(false).await;
    assert_eq!(
        outcome_of(&third, "Zwei").outcome,
        ItemOutcome::Filed,
        "{third:?}"
    );
}
