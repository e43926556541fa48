//! The fault storm of issue 13, kept as a probe: while Microsoft throttles, fails and drops
//! connections and Odoo answers 502 and drops connections, every mail run ends with an outcome
//! (never an error), the person is told what is left, and once the storm is over every mail is
//! filed exactly once — none lost, none doubled, nobody mailed.

use it::mail::{IN, LENA, MailUser, entries, mail, odoo, partner};
use office_connector_core::model::{ItemOutcome, Outcome};
use serde_json::json;

const MUELLER: &str = "juergen.mueller@mueller-soehne.example";

#[tokio::test]
async fn a_storm_of_throttling_failures_and_drops_loses_and_doubles_nothing() {
    let odoo = odoo().await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let mueller = partner(&odoo, MUELLER).await;
    let keys: Vec<String> = (1..=20)
        .map(|i| format!("<sturm-{i}@mueller-soehne.example>"))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        lena.put(IN, mail(&format!("Sturm {i}"), MUELLER, &[LENA], key))
            .await;
    }
    let graph = &lena.ms.graph;
    for fault in [
        json!({"kind": "throttle", "retry_after_secs": 1, "count": 6}),
        json!({"kind": "server_error", "status": 503, "count": 4}),
        json!({"kind": "drop_connection", "count": 3}),
    ] {
        graph.control_post("/graph/faults", fault).await;
    }
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 502, "skip": 3, "count": 4}, "drop_connections": 2}),
    )
    .await;

    let mut outcomes = Vec::new();
    for _ in 0..6 {
        let run = lena.sync_paged(false, Some(5)).await;
        outcomes.push(run.outcome);
        if run.outcome == Outcome::Success && run.report.mails.is_empty() {
            break;
        }
    }

    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Success | Outcome::Incomplete)),
        "every run ended with an outcome a rerun settles: {outcomes:?}"
    );
    let settled = lena.sync(false).await;
    assert_eq!(settled.outcome, Outcome::Success, "{settled:?}");
    assert!(
        settled
            .report
            .mails
            .iter()
            .all(|m| m.outcome != ItemOutcome::Failed),
        "{settled:?}"
    );
    for key in &keys {
        assert_eq!(entries(&odoo, mueller, key).await.len(), 1, "{key} once");
    }
    assert!(odoo.outbox().await.is_empty(), "nobody mailed");
}
