//! The contacts job's subscription over HTTP against both fakes (issue 16): what the person
//! sees in Outlook and reads in the run log when a contact's subscription ends (unfollowed,
//! archived or deleted in Odoo) with and without `contacts.delete_after_unfollow`, when they
//! delete an exported contact in Outlook, when they sync from a new computer, and when two
//! colleagues follow the same contact.

use it::calendar_job::{CalendarUser, graph};
use it::contacts::{
    act, admin_writes, exported, exported_named, follow, later, line, partner_named, raw, sync,
    unfollow,
};
use it::mail::{JONAS, LENA, odoo};
use office_connector_core::model::{ItemOutcome, Outcome};
use reqwest::Method;
use serde_json::json;

const FINN: &str = "Finn Lüders";
const SOENKE: &str = "Sönke Petersen";

#[tokio::test]
async fn with_the_option_an_unfollowed_contact_goes_to_deleted_items() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("contacts.delete_after_unfollow", "true")
        .expect("setting");
    sync(&lena).await;
    assert_eq!(exported_named(&fx, LENA, FINN).await.len(), 1);
    let finn = partner_named(&odoo, FINN).await;

    unfollow(&odoo, LENA, finn).await;
    lena.ms.reset_counts().await;
    let ended = sync(&lena).await;

    assert_eq!(ended.outcome, Outcome::Success, "{}", ended.summary);
    assert_eq!(ended.report.contacts.len(), 1, "{:#?}", ended.report);
    let finn_line = line(&ended, finn);
    assert_eq!(finn_line.outcome, ItemOutcome::Deleted);
    assert_eq!(finn_line.name, FINN);
    assert_eq!(
        finn_line.verdict,
        "No longer followed in Odoo; moved to Deleted Items in Outlook."
    );
    assert_eq!(lena.ms.request_count("DELETE $batch/me/contacts").await, 1);
    assert!(exported_named(&fx, LENA, FINN).await.is_empty(), "gone");
    let detail = lena
        .ms
        .session
        .show_run(ended.run.as_ref().expect("recorded").id)
        .expect("run detail");
    let logged = format!("{detail:?}");
    assert!(logged.contains("moved to Deleted Items"), "{logged}");
}

#[tokio::test]
async fn without_the_option_an_unfollowed_contact_stays_and_odoo_changes_no_longer_reach_it() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    let finn = partner_named(&odoo, FINN).await;
    let before = exported_named(&fx, LENA, FINN).await;
    assert_eq!(before.len(), 1);

    unfollow(&odoo, LENA, finn).await;
    let ended = sync(&lena).await;
    assert_eq!(line(&ended, finn).outcome, ItemOutcome::Skipped);
    assert_eq!(
        line(&ended, finn).verdict,
        "No longer followed in Odoo; left in Outlook and no longer updated."
    );
    later(&odoo).await;
    admin_writes(
        &odoo,
        finn,
        json!({"function": "Leitung Einkauf", "phone": "+49 40 999"}),
    )
    .await;
    let next = sync(&lena).await;

    assert!(next.report.contacts.is_empty(), "{:#?}", next.report);
    let after = exported_named(&fx, LENA, FINN).await;
    assert_eq!(after.len(), 1, "still there");
    assert_eq!(after[0]["change_key"], before[0]["change_key"], "untouched");
    assert_ne!(after[0]["fields"]["jobTitle"], "Leitung Einkauf");
}

#[tokio::test]
async fn a_contact_deleted_in_outlook_while_still_followed_is_created_again() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    let finn = partner_named(&odoo, FINN).await;
    let gone = exported_named(&fx, LENA, FINN).await;
    let id = gone[0]["id"].as_str().expect("id");
    let deleted = fx
        .control_call(
            Method::DELETE,
            &format!("/graph/mailboxes/{LENA}/contacts/{id}"),
            None,
        )
        .await;
    assert!(deleted.status.is_success(), "{}", deleted.body);

    let back = sync(&lena).await;

    assert_eq!(back.report.contacts.len(), 1, "{:#?}", back.report);
    assert_eq!(line(&back, finn).outcome, ItemOutcome::Created);
    assert_eq!(
        line(&back, finn).verdict,
        "Deleted in Outlook while you still follow it in Odoo; created again."
    );
    let now = exported_named(&fx, LENA, FINN).await;
    assert_eq!(now.len(), 1, "once: {now:#?}");
    assert_ne!(now[0]["id"], gone[0]["id"], "a new contact");
    assert!(sync(&lena).await.report.contacts.is_empty(), "settled");
}

#[tokio::test]
async fn archived_or_deleted_in_odoo_ends_the_subscription_like_an_unfollow() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    lena.ms
        .session
        .set_setting("contacts.delete_after_unfollow", "true")
        .expect("setting");
    sync(&lena).await;
    let (finn, soenke) = (
        partner_named(&odoo, FINN).await,
        partner_named(&odoo, SOENKE).await,
    );
    let admin = odoo.user("admin").odoo_login;
    later(&odoo).await;
    admin_writes(&odoo, finn, json!({"active": false})).await;
    act(
        &odoo,
        &admin,
        "res.partner",
        "unlink",
        json!([[soenke]]),
        json!({}),
    )
    .await;

    let ended = sync(&lena).await;

    assert_eq!(ended.outcome, Outcome::Success, "{}", ended.summary);
    assert_eq!(line(&ended, finn).outcome, ItemOutcome::Deleted);
    assert_eq!(line(&ended, soenke).outcome, ItemOutcome::Deleted);
    assert!(exported_named(&fx, LENA, FINN).await.is_empty());
    assert!(exported_named(&fx, LENA, "Sönke").await.is_empty());
    assert!(sync(&lena).await.report.contacts.is_empty(), "settled");
}

#[tokio::test]
async fn an_archived_contact_stays_in_outlook_without_the_option() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    sync(&lena).await;
    let finn = partner_named(&odoo, FINN).await;
    later(&odoo).await;
    admin_writes(&odoo, finn, json!({"active": false})).await;

    let ended = sync(&lena).await;

    assert_eq!(line(&ended, finn).outcome, ItemOutcome::Skipped);
    assert_eq!(exported_named(&fx, LENA, FINN).await.len(), 1);
}

#[tokio::test]
async fn a_new_computer_on_the_same_mailbox_relinks_every_contact_instead_of_duplicating() {
    let (fx, odoo) = (graph().await, odoo().await);
    let first_home = CalendarUser::connect(&fx, &odoo, LENA).await;
    let first = sync(&first_home).await;
    let made = exported(&raw(&fx, LENA).await);
    assert!(made.len() >= 5, "{}", first.summary);

    // a reinstall: a fresh state home (a new store) signs in to the same mailbox
    let second_home = CalendarUser::connect(&fx, &odoo, LENA).await;
    let again = sync(&second_home).await;

    assert_eq!(again.outcome, Outcome::Success, "{}", again.summary);
    // the followed contacts left out (no address, archived) say so once on each computer
    let relinked: Vec<_> = again
        .report
        .contacts
        .iter()
        .filter(|c| c.outcome != ItemOutcome::Skipped)
        .collect();
    assert_eq!(relinked.len(), made.len(), "{:#?}", again.report);
    for contact in relinked {
        assert_eq!(contact.outcome, ItemOutcome::Linked, "{contact:?}");
        assert!(
            contact.verdict.starts_with("Found in Outlook"),
            "{contact:?}"
        );
    }
    let now = exported(&raw(&fx, LENA).await);
    assert_eq!(now.len(), made.len(), "no duplicate");
    let mut identities: Vec<String> = now
        .iter()
        .map(|c| c["extended_properties"][0]["value"].to_string())
        .collect();
    identities.sort();
    identities.dedup();
    assert_eq!(identities.len(), made.len(), "one contact per partner");
    assert!(sync(&second_home).await.report.contacts.is_empty());
}

#[tokio::test]
async fn two_people_following_one_contact_each_get_their_own_and_nothing_is_shared() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let jonas = CalendarUser::connect(&fx, &odoo, JONAS).await;
    jonas
        .ms
        .session
        .set_setting("contacts.delete_after_unfollow", "true")
        .expect("setting");
    let soenke = partner_named(&odoo, SOENKE).await;
    follow(&odoo, JONAS, &[soenke]).await;

    sync(&lena).await;
    let jonas_run = sync(&jonas).await;
    assert_eq!(line(&jonas_run, soenke).outcome, ItemOutcome::Created);

    let hers = exported_named(&fx, LENA, "Sönke").await;
    let his = exported_named(&fx, JONAS, "Sönke").await;
    assert_eq!((hers.len(), his.len()), (1, 1));
    assert_ne!(hers[0]["id"], his[0]["id"]);
    assert!(
        exported_named(&fx, JONAS, FINN).await.is_empty(),
        "only Lena follows Finn"
    );

    // Jonas lets go of it: his goes, hers stays as it was
    unfollow(&odoo, JONAS, soenke).await;
    assert_eq!(
        line(&sync(&jonas).await, soenke).outcome,
        ItemOutcome::Deleted
    );
    assert!(sync(&lena).await.report.contacts.is_empty());
    assert!(exported_named(&fx, JONAS, "Sönke").await.is_empty());
    let still = exported_named(&fx, LENA, "Sönke").await;
    assert_eq!(still.len(), 1);
    assert_eq!(still[0]["change_key"], hers[0]["change_key"]);
}
