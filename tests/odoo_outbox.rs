//! The outbox self-test: the fake Odoo records every e-mail a real Odoo would send, so a later
//! "nobody gets spammed" test can fail (FACTS 23, 27, 28).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};

struct World {
    fake: FakeOdoo,
    admin: SeedUser,
    lena: SeedUser,
    jonas: SeedUser,
    nordwind: i64,
    kunde: i64,
}

async fn world() -> World {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    // events in December 2026 are in the future for this clock
    fake.control_put("clock", json!({"now": "2026-06-01 08:00:00"}))
        .await;
    let admin = fake.user("admin");
    let lena = fake.user("lena.schaefer@yourcompany.example.com");
    let jonas = fake.user("jonas.weiss@yourcompany.example.com");
    let nordwind = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["name", "=", "Nordwind Logistik AG"]]]),
            json!({}),
        )
        .await[0]
        .as_i64()
        .unwrap();
    let kunde = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["name", "=", "Renate Köster"]]]),
            json!({}),
        )
        .await[0]
        .as_i64()
        .unwrap();
    World {
        fake,
        admin,
        lena,
        jonas,
        nordwind,
        kunde,
    }
}

fn recipients(outbox: &[Value]) -> Vec<(String, i64)> {
    let mut r: Vec<(String, i64)> = outbox
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap_or_default().to_string(),
                m["partner_id"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    r.sort();
    r
}

#[tokio::test]
async fn a_comment_mails_every_follower_except_the_calling_user() {
    let w = world().await;
    // Nordwind is followed by Lena (seed); Jonas follows it too now
    w.fake
        .ok(
            &w.admin,
            "res.partner",
            "message_subscribe",
            json!([[w.nordwind]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id]}),
        )
        .await;
    w.fake.control_delete("outbox").await;
    w.fake.ok(&w.lena, "res.partner", "message_post", json!([[w.nordwind]]), json!({"body": "<p>Angebot</p>", "body_is_html": true, "message_type": "email", "email_from": "info@nordwind-logistik.example", "subtype_xmlid": "mail.mt_comment"})).await;
    let outbox = w.fake.outbox().await;
    assert_eq!(
        recipients(&outbox),
        [("notification".to_string(), w.jonas.odoo_partner_id)],
        "Lena posted, so only Jonas is mailed: {outbox:?}"
    );
    assert_eq!(outbox[0]["email"], "jonas.weiss@yourcompany.example.com");
}

#[tokio::test]
async fn a_note_mails_nobody_unless_partner_ids_names_someone() {
    let w = world().await;
    w.fake
        .ok(
            &w.admin,
            "res.partner",
            "message_subscribe",
            json!([[w.nordwind]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id]}),
        )
        .await;
    w.fake.control_delete("outbox").await;
    w.fake.ok(&w.lena, "res.partner", "message_post", json!([[w.nordwind]]), json!({"body": "<p>filed</p>", "body_is_html": true, "message_type": "email", "subtype_xmlid": "mail.mt_note"})).await;
    assert!(
        w.fake.outbox().await.is_empty(),
        "a note without partner_ids mails nobody"
    );
    w.fake.ok(&w.lena, "res.partner", "message_post", json!([[w.nordwind]]), json!({"body": "<p>fyi</p>", "body_is_html": true, "message_type": "comment", "subtype_xmlid": "mail.mt_note", "partner_ids": [w.kunde]})).await;
    assert_eq!(
        recipients(&w.fake.outbox().await),
        [("notification".to_string(), w.kunde)],
        "partner_ids are always mailed"
    );
}

#[tokio::test]
async fn a_future_event_invites_every_attendee_but_the_caller_and_moving_it_mails_a_date_update() {
    let w = world().await;
    w.fake.control_delete("outbox").await;
    let event = w
        .fake
        .ok(&w.lena, "calendar.event", "create", json!([{"name": "Kick-off", "start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id, w.kunde]]]}]), json!({}))
        .await;
    let mut invited = vec![
        ("invitation".to_string(), w.jonas.odoo_partner_id),
        ("invitation".to_string(), w.kunde),
    ];
    invited.sort();
    assert_eq!(recipients(&w.fake.outbox().await), invited);
    let attendees = w
        .fake
        .ok(
            &w.admin,
            "calendar.attendee",
            "search_read",
            json!([[["event_id", "=", event]]]),
            json!({"fields": ["partner_id", "state"]}),
        )
        .await;
    for a in attendees.as_array().unwrap() {
        let expected = if a["partner_id"][0] == w.lena.odoo_partner_id {
            "accepted"
        } else {
            "needsAction"
        };
        assert_eq!(a["state"], expected);
    }
    let queue = w
        .fake
        .ok(
            &w.admin,
            "mail.mail",
            "search_read",
            json!([[]]),
            json!({"fields": ["subject", "state"]}),
        )
        .await;
    assert_eq!(queue.as_array().unwrap().len(), 2);
    assert_eq!(queue[0]["subject"], "Invitation to Kick-off");
    assert_eq!(queue[0]["state"], "outgoing");

    w.fake.control_delete("outbox").await;
    w.fake.ok(&w.lena, "calendar.event", "write", json!([[event], {"start": "2026-12-01 13:00:00", "stop": "2026-12-01 14:00:00", "partner_ids": [[3, w.kunde], [4, w.nordwind]]}]), json!({})).await;
    let mut expected = vec![
        ("date_updated".to_string(), w.jonas.odoo_partner_id),
        ("invitation".to_string(), w.nordwind),
    ];
    expected.sort();
    assert_eq!(
        recipients(&w.fake.outbox().await),
        expected,
        "the removed attendee gets nothing, the new one an invitation"
    );
}

#[tokio::test]
async fn no_mail_to_attendees_and_past_events_send_no_invitations() {
    let w = world().await;
    w.fake.control_delete("outbox").await;
    let quiet = json!({"context": {"no_mail_to_attendees": true}});
    let event = w
        .fake
        .ok(&w.lena, "calendar.event", "create", json!([{"name": "Quiet", "start": "2026-12-02 09:00:00", "stop": "2026-12-02 10:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.jonas.odoo_partner_id]]]}]), quiet.clone())
        .await;
    w.fake.ok(&w.lena, "calendar.event", "write", json!([[event], {"start": "2026-12-03 09:00:00", "stop": "2026-12-03 10:00:00", "partner_ids": [[4, w.kunde]]}]), quiet).await;
    w.fake.ok(&w.lena, "calendar.event", "create", json!([{"name": "Past", "start": "2026-01-05 09:00:00", "stop": "2026-01-05 10:00:00", "partner_ids": [[6, 0, [w.lena.odoo_partner_id, w.kunde]]]}]), json!({})).await;
    assert!(
        w.fake.outbox().await.is_empty(),
        "{:?}",
        w.fake.outbox().await
    );
    let queue = w
        .fake
        .ok(
            &w.admin,
            "mail.mail",
            "search_count",
            json!([[]]),
            json!({}),
        )
        .await;
    assert_eq!(queue, 0);
}

#[tokio::test]
async fn creating_a_contact_makes_its_creator_a_follower_and_mails_nobody() {
    let w = world().await;
    w.fake.control_delete("outbox").await;
    let id = w.fake.ok(&w.lena, "res.partner", "create", json!([{"name": "Neukunde GmbH", "is_company": true, "email": "info@neukunde.example"}]), json!({})).await;
    let read = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "read",
            json!([[id]]),
            json!({"fields": ["message_partner_ids", "message_is_follower"]}),
        )
        .await;
    assert_eq!(
        read[0]["message_partner_ids"],
        json!([w.lena.odoo_partner_id])
    );
    assert_eq!(read[0]["message_is_follower"], true);
    assert!(w.fake.outbox().await.is_empty());
}
