//! The contacts job when a server fails over HTTP against both fakes (issue 16): Odoo down in
//! the middle of a run, Graph throttling (429 with `Retry-After`) and 503s. A run that could
//! not finish says "incomplete", loses nothing, and the next run completes without a
//! duplicate.

use std::collections::BTreeSet;

use it::calendar_job::{CalendarUser, graph};
use it::contacts::{exported, exported_named, raw, sync};
use it::mail::{LENA, odoo};
use office_connector_core::model::Outcome;
use serde_json::json;

/// Asserts every contact of the connector in `upn`'s mailbox is there once per partner; their
/// number.
async fn once_each(fx: &it::graph::GraphFixture, upn: &str) -> usize {
    let ours = exported(&raw(fx, upn).await);
    let identities: BTreeSet<String> = ours
        .iter()
        .map(|c| c["extended_properties"][0]["value"].to_string())
        .collect();
    assert_eq!(identities.len(), ours.len(), "a duplicate: {ours:#?}");
    ours.len()
}

/// What one undisturbed run exports for Lena (on fakes of its own).
async fn undisturbed() -> usize {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    once_each(&fx, LENA).await
}

#[tokio::test]
async fn odoo_going_down_mid_run_leaves_the_run_incomplete_and_the_next_one_finishes_it() {
    let expected = undisturbed().await;
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    // Odoo answers the followers and the contacts, then stops (the pictures' read fails)
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 502, "model": "res.partner", "method": "read"}}),
    )
    .await;

    let broken = sync(&lena).await;

    assert_eq!(broken.outcome, Outcome::Incomplete, "{broken:#?}");
    assert!(
        broken.report.incomplete.iter().any(|n| n.contains("Odoo")),
        "{:?}",
        broken.report.incomplete
    );
    let notes = &broken.run.as_ref().expect("recorded").notes;
    assert!(!notes.is_empty(), "the run log says what a rerun picks up");
    odoo.control_delete("faults").await;

    let next = sync(&lena).await;

    assert_eq!(next.outcome, Outcome::Success, "{next:#?}");
    assert_eq!(once_each(&fx, LENA).await, expected);
    let soenke = &exported_named(&fx, LENA, "Sönke").await[0];
    assert!(soenke["photo"].is_object(), "the photo came with the rerun");
    assert!(sync(&lena).await.report.contacts.is_empty());
}

#[tokio::test]
async fn a_failed_read_of_image_checksums_does_not_lose_the_photo() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 503, "model": "ir.attachment", "count": 1}}),
    )
    .await;

    let first = sync(&lena).await;
    odoo.control_delete("faults").await;
    let second = sync(&lena).await;

    assert_eq!(second.outcome, Outcome::Success, "{first:#?} {second:#?}");
    let soenke = &exported_named(&fx, LENA, "Sönke").await[0];
    assert!(
        soenke["photo"].is_object(),
        "Odoo's photo arrives once Odoo answers again: {first:#?}"
    );
}

#[tokio::test]
async fn odoo_down_from_the_start_writes_nothing_and_says_so() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    odoo.control_put("faults", json!({"down": true})).await;

    let down = sync(&lena).await;

    assert_eq!(down.outcome, Outcome::Incomplete, "{down:#?}");
    assert!(exported(&raw(&fx, LENA).await).is_empty());
    odoo.control_delete("faults").await;
    assert_eq!(sync(&lena).await.outcome, Outcome::Success);
    assert!(once_each(&fx, LENA).await >= 5);
}

#[tokio::test]
async fn graph_throttling_and_503s_end_in_runs_a_rerun_settles_without_duplicates() {
    let expected = undisturbed().await;
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    for fault in [
        json!({"kind": "throttle", "retry_after_secs": 7, "count": 3, "path_contains": "contactFolders"}),
        json!({"kind": "server_error", "status": 503, "count": 2, "path_contains": "contactFolders"}),
    ] {
        fx.control_post("/graph/faults", fault).await;
    }

    let mut outcomes = Vec::new();
    for _ in 0..4 {
        let run = sync(&lena).await;
        outcomes.push(run.outcome);
        if run.outcome == Outcome::Success && run.report.contacts.is_empty() {
            break;
        }
    }

    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Success | Outcome::Incomplete)),
        "{outcomes:?}"
    );
    assert_eq!(outcomes.last(), Some(&Outcome::Success), "{outcomes:?}");
    assert_eq!(once_each(&fx, LENA).await, expected);
    let waits: Vec<u64> = lena
        .ms
        .sleeper
        .waits()
        .iter()
        .map(|w| w.as_secs())
        .collect();
    assert!(waits.contains(&7), "Retry-After honoured: {waits:?}");
}
