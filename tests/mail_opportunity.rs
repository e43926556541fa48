//! The option "also file on the contact's open opportunity" (issue 6 §2, FACTS 40 and 43): a
//! contact's opportunities are its company's — those on the company and on its people
//! (`partner_id child_of` the commercial partner) —, and the entry
//! on the opportunity is read back like the contact's, so colleagues filing at the same moment
//! leave one.

use it::mail::{IN, JONAS, LENA, MailUser, entries, mail, odoo, take_odoo_counts};
use office_connector_core::model::ItemOutcome;
use serde_json::{Value, json};

async fn on_lead(odoo: &it::fakes_odoo::FakeOdoo, lead: i64, message_id: &str) -> Vec<Value> {
    let admin = odoo.user("admin");
    odoo.ok(
        &admin,
        "mail.message",
        "search_read",
        json!([[
            ["model", "=", "crm.lead"],
            ["res_id", "=", lead],
            ["message_id", "=", message_id]
        ]]),
        json!({"fields": ["id"]}),
    )
    .await
    .as_array()
    .cloned()
    .unwrap_or_default()
}

/// Lena, with the option on, files one incoming mail from `from`; her run, with the filing
/// checked to have reached exactly `contact` and `lead` once and to have e-mailed nobody.
async fn file_with_the_option(
    odoo: &it::fakes_odoo::FakeOdoo,
    from: &str,
    message_id: &str,
    contact: i64,
    lead: i64,
) {
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, odoo, LENA).await;
    lena.ms
        .session
        .set_setting("mail.file_on_opportunity", "true")
        .expect("option");
    lena.put(IN, mail("Anfrage", from, &[LENA], message_id))
        .await;

    let run = lena.sync(false).await;

    let m = &run.report.mails[0];
    assert_eq!(m.outcome, ItemOutcome::Filed, "{run:?}");
    assert_eq!(m.contacts, vec![contact]);
    assert_eq!(m.opportunities, vec![lead], "{m:?}");
    assert_eq!(on_lead(odoo, lead, message_id).await.len(), 1);
    assert!(odoo.outbox().await.is_empty());
}

#[tokio::test]
async fn a_mail_to_a_company_is_also_filed_on_the_open_opportunity_of_one_of_its_people() {
    const KONTOR: &str = "info@kontor-nord.example";
    let odoo = odoo().await;
    let admin = odoo.user("admin");
    let company = odoo
        .ok(
            &admin,
            "res.partner",
            "create",
            json!([{"name": "Kontor Nord GmbH", "is_company": true, "email": KONTOR}]),
            json!({}),
        )
        .await
        .as_i64()
        .expect("company");
    let person = odoo
        .ok(
            &admin,
            "res.partner",
            "create",
            json!([{"name": "Eva Kontor", "parent_id": company, "email": "eva@kontor-nord.example"}]),
            json!({}),
        )
        .await
        .as_i64()
        .expect("person");
    let lead = odoo
        .ok(
            &admin,
            "crm.lead",
            "create",
            json!([{"name": "Regale 2027", "type": "opportunity", "partner_id": person, "probability": 30.0,
                     "user_id": odoo.user(LENA).odoo_uid}]),
            json!({}),
        )
        .await
        .as_i64()
        .expect("lead");
    // a won one of the company itself does not count (probability 100)
    odoo.ok(
        &admin,
        "crm.lead",
        "create",
        json!([{"name": "Regale 2026", "type": "opportunity", "partner_id": company, "probability": 100.0,
                 "user_id": odoo.user(LENA).odoo_uid}]),
        json!({}),
    )
    .await;
    file_with_the_option(&odoo, KONTOR, "<regale@kontor-nord.example>", company, lead).await;
}

#[tokio::test]
async fn two_colleagues_filing_on_the_same_opportunity_at_the_same_moment_leave_one_entry() {
    const HAFEN: &str = "einkauf@hafen-ag.example";
    let id = "<race-lead@hafen-ag.example>";
    let odoo = odoo().await;
    let admin = odoo.user("admin");
    let hafen = odoo
        .ok(
            &admin,
            "res.partner",
            "create",
            json!([{"name": "Hafen AG", "is_company": true, "email": HAFEN}]),
            json!({}),
        )
        .await
        .as_i64()
        .expect("company");
    // unassigned, so both salespeople see it
    odoo.ok(
        &admin,
        "crm.lead",
        "create",
        json!([{"name": "Kräne", "type": "opportunity", "partner_id": hafen, "probability": 50.0, "user_id": false}]),
        json!({}),
    )
    .await;
    let lena = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, LENA).await;
    let jonas = MailUser::connect(it::graph::GraphFixture::demo().await, &odoo, JONAS).await;
    for user in [&lena, &jonas] {
        user.ms
            .session
            .set_setting("mail.file_on_opportunity", "true")
            .expect("option");
        user.put(IN, mail("Flottenrennen", HAFEN, &[LENA, JONAS], id))
            .await;
    }
    // both file on the contact, one after the other; both fail on the opportunity, so the
    // opportunity filing of both is left for the next runs
    odoo.control_put(
        "faults",
        json!({"http_error": {"status": 502, "model": "crm.lead", "method": "message_post", "count": 2}}),
    )
    .await;
    assert_eq!(
        lena.sync(false).await.report.mails[0].outcome,
        ItemOutcome::Failed
    );
    assert_eq!(
        jonas.sync(false).await.report.mails[0].outcome,
        ItemOutcome::Failed
    );
    // NOTE: both posts on the opportunity wait until both arrived, so both checks saw nothing.
    odoo.control_put("faults", json!({"hold_posts": 2})).await;
    take_odoo_counts(&odoo).await;

    let (a, b) = tokio::join!(lena.sync(false), jonas.sync(false));

    let counts = take_odoo_counts(&odoo).await;
    assert_eq!(
        counts["counts"]["crm.lead.message_post"], 2,
        "both filed: the race happened: {counts}"
    );
    let lead = a.report.mails[0].opportunities.clone();
    assert_eq!(lead.len(), 1, "{a:?}");
    assert_eq!(b.report.mails[0].opportunities, lead, "{b:?}");
    for run in [&a, &b] {
        assert_ne!(run.report.mails[0].outcome, ItemOutcome::Failed, "{run:?}");
    }
    let left = on_lead(&odoo, lead[0], id).await;
    assert_eq!(left.len(), 1, "one entry on the opportunity: {left:?}");
    assert_eq!(entries(&odoo, hafen, id).await.len(), 1);
}

#[tokio::test]
async fn a_mail_from_a_companys_person_is_also_filed_on_the_companys_open_opportunity() {
    // NOTE: as in Odoo's demo data (FACTS 43): the opportunity sits on the company
    const PERSON: &str = "floyd.steward@deco-addict.example";
    let odoo = odoo().await;
    let admin = odoo.user("admin");
    let create = |model: &'static str, values: Value| {
        let odoo = &odoo;
        let admin = admin.clone();
        async move {
            odoo.ok(&admin, model, "create", json!([values]), json!({}))
                .await
                .as_i64()
                .expect("created")
        }
    };
    let company = create(
        "res.partner",
        json!({"name": "Deco Addict", "is_company": true}),
    )
    .await;
    let person = create(
        "res.partner",
        json!({"name": "Floyd Steward", "parent_id": company, "email": PERSON}),
    )
    .await;
    let lead = create(
        "crm.lead",
        json!({"name": "Office Design Project", "type": "opportunity", "partner_id": company,
               "probability": 10.0, "user_id": odoo.user(LENA).odoo_uid}),
    )
    .await;
    file_with_the_option(&odoo, PERSON, "<entwurf@deco-addict.example>", person, lead).await;
}
