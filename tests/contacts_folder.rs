//! Where the contacts job writes (issue 16): the main Contacts folder, or with the option a
//! folder "Odoo" made on the first run; switching moves the job's contacts and leaves the
//! person's own where they are; a quiet run does not look the folder up again.

use it::calendar_job::{CalendarUser, graph};
use it::contacts::raw;
use it::mail::{LENA, odoo};
use office_connector_core::model::{ItemOutcome, Trigger};
use reqwest::Method;
use serde_json::Value;

/// (display name, folder path) of the job's contacts, sorted.
fn placed(contacts: &[Value]) -> Vec<(String, String)> {
    let mut placed: Vec<(String, String)> = contacts
        .iter()
        .filter(|c| {
            c["extended_properties"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        })
        .map(|c| {
            (
                c["fields"]["displayName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                c["folder"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    placed.sort();
    placed
}

async fn graph_requests(fx: &it::graph::GraphFixture) -> u64 {
    let counts = fx.control_call(Method::GET, "/graph/requests", None).await;
    counts
        .body
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|c| {
                    c["mailbox"]
                        .as_str()
                        .is_some_and(|m| m.eq_ignore_ascii_case(LENA))
                })
                .filter_map(|c| c["count"].as_u64())
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn the_odoo_folder_option_makes_the_folder_and_switching_moves_only_our_contacts() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let session = &lena.ms.session;
    session
        .set_setting("contacts.own_folder", "true")
        .expect("option");
    let own_before = raw(&graph, LENA).await;
    let runtime = lena.ms.runtime();
    let sync = || session.sync_contacts(&runtime, &*lena.ms.secrets, Trigger::Manual, false);

    let first = sync().await.expect("runs");
    assert!(first.report.incomplete.is_empty(), "{first:?}");
    let in_odoo = placed(&raw(&graph, LENA).await);
    assert!(in_odoo.len() >= 5, "{in_odoo:?}");
    assert!(
        in_odoo.iter().all(|(_, folder)| folder == "Odoo"),
        "all in the folder Odoo: {in_odoo:?}"
    );

    let before = graph_requests(&graph).await;
    let quiet = sync().await.expect("runs");
    assert!(quiet.report.contacts.is_empty(), "{quiet:?}");
    assert_eq!(
        graph_requests(&graph).await - before,
        1,
        "a quiet run reads the folder's delta, nothing else"
    );

    session
        .set_setting("contacts.own_folder", "false")
        .expect("option");
    let moved = sync().await.expect("runs");
    assert!(moved.report.incomplete.is_empty(), "{moved:?}");
    assert!(
        moved
            .report
            .contacts
            .iter()
            .all(|c| matches!(c.outcome, ItemOutcome::Created | ItemOutcome::Skipped)),
        "created anew, or left out as before: {moved:?}"
    );
    let after = raw(&graph, LENA).await;
    let in_main = placed(&after);
    assert_eq!(
        in_main.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        in_odoo.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        "the same contacts, once each"
    );
    assert!(
        in_main.iter().all(|(_, folder)| folder.is_empty()),
        "{in_main:?}"
    );
    for own in &own_before {
        let now = after.iter().find(|c| c["id"] == own["id"]).expect("kept");
        assert_eq!(now["change_key"], own["change_key"]);
    }
}
