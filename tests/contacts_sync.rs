//! The contacts job over HTTP against both fakes (issue 16, first part): the contacts Lena
//! follows in Odoo land in her Outlook address book, her own contacts stay as they were, a quiet
//! run writes nothing (not even a photo again), Odoo's photos go along, Odoo leads over an edit
//! in Outlook, and an unfollowed contact stays when
//! the person did not ask for deletion.

use it::calendar_job::{CalendarUser, graph};
use it::contacts::raw;
use it::mail::{LENA, odoo};
use office_connector_core::model::{ItemOutcome, Trigger};
use serde_json::{Value, json};

fn ours(contacts: &[Value]) -> Vec<&Value> {
    contacts
        .iter()
        .filter(|c| {
            c["extended_properties"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        })
        .collect()
}

fn named<'a>(contacts: &'a [Value], name: &str) -> &'a Value {
    contacts
        .iter()
        .find(|c| {
            c["fields"]["displayName"]
                .as_str()
                .is_some_and(|d| d.contains(name))
        })
        .unwrap_or_else(|| panic!("no {name} in {contacts:#?}"))
}

#[tokio::test]
async fn followed_contacts_land_in_outlook_and_odoo_leads() {
    let (graph, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&graph, &odoo, LENA).await;
    let own_before: Vec<Value> = raw(&graph, LENA).await;
    let runtime = lena.ms.runtime();
    let sync = |dry_run: bool| {
        lena.ms
            .session
            .sync_contacts(&runtime, &*lena.ms.secrets, Trigger::Manual, dry_run)
    };
    let first = sync(false).await.expect("the contacts run starts");
    let created = first
        .report
        .contacts
        .iter()
        .filter(|c| c.outcome == ItemOutcome::Created)
        .count();
    assert!(
        created >= 5,
        "{}: {:#?}",
        first.summary,
        first.report.contacts
    );
    let after = raw(&graph, LENA).await;
    assert_eq!(ours(&after).len(), created);
    for own in &own_before {
        let now = after
            .iter()
            .find(|c| c["id"] == own["id"])
            .expect("the person's own stays");
        assert_eq!(
            now["change_key"], own["change_key"],
            "untouched: {}",
            own["fields"]["displayName"]
        );
    }
    let names: Vec<&str> = ours(&after)
        .iter()
        .filter_map(|c| c["fields"]["displayName"].as_str())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("Ömer")),
        "no address, not exported: {names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("Altkunde")),
        "archived, not exported: {names:?}"
    );

    let exported: Vec<Value> = ours(&after).into_iter().cloned().collect();
    assert!(
        named(&exported, "Sönke")["photo"].is_object(),
        "Odoo's photo went along"
    );
    assert!(
        named(&exported, "Maren")["photo"].is_null(),
        "no photo in Odoo, none in Outlook"
    );
    let quiet = sync(false).await.expect("quiet run");
    assert!(
        quiet.report.contacts.is_empty(),
        "{:#?}",
        quiet.report.contacts
    );

    // the person renames an exported contact in Outlook: Odoo's name comes back
    let sonke = named(&exported, "Sönke").clone();
    let id = sonke["id"].as_str().expect("id");
    let edited = graph
        .control_call(
            reqwest::Method::PATCH,
            &format!("/graph/mailboxes/{LENA}/contacts/{id}"),
            Some(json!({"fields": {"displayName": "Sönke (privat)"}})),
        )
        .await;
    assert!(edited.status.is_success(), "{}", edited.body);
    let back = sync(false).await.expect("run");
    assert_eq!(back.report.contacts.len(), 1, "{:#?}", back.report.contacts);
    assert_eq!(back.report.contacts[0].outcome, ItemOutcome::Updated);
    assert!(
        back.report.contacts[0].verdict.contains("displayName"),
        "{}",
        back.report.contacts[0].verdict
    );
    let now = raw(&graph, LENA).await;
    assert_eq!(
        named(&now, "Sönke")["fields"]["displayName"],
        sonke["fields"]["displayName"]
    );

    // Lena unfollows Sönke in Odoo: without the deletion option the contact stays
    let partner = back.report.contacts[0].partner;
    odoo.control_post(
        "act",
        json!({"login": LENA, "model": "res.partner",
        "method": "message_unsubscribe", "args": [[partner]],
        "kwargs": {"partner_ids": [odoo.user(LENA).odoo_partner_id]}}),
    )
    .await;
    let ended = sync(false).await.expect("run");
    assert_eq!(
        ended.report.contacts.len(),
        1,
        "{:#?}",
        ended.report.contacts
    );
    assert_eq!(ended.report.contacts[0].outcome, ItemOutcome::Skipped);
    assert!(
        raw(&graph, LENA)
            .await
            .iter()
            .any(|c| c["id"] == sonke["id"]),
        "still there"
    );
}
