//! The contacts job's options over HTTP against both fakes (issue 16): salutations, the link
//! back to Odoo in the form the connected version uses, "all my customers", "the contacts I
//! create", companies, and a wider selection that never deletes what it narrows again only
//! with the deletion option.

use it::calendar_job::{CalendarUser, graph};
use it::contacts::{
    act, admin_writes, exported, exported_named, follow, later, line, partner_named, raw, sync,
};
use it::fakes_odoo::FakeOdoo;
use it::mail::{LENA, odoo};
use office_connector_core::model::ItemOutcome;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::{Value, json};

const HANNAH: &str = "Dr. Hannah Kößler";

async fn set(user: &CalendarUser, key: &str, value: &str) {
    user.ms.session.set_setting(key, value).expect("setting");
}

#[tokio::test]
async fn salutations_go_into_title_and_display_name_only_with_the_option() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let hannah = partner_named(&odoo, HANNAH).await;
    follow(&odoo, LENA, &[hannah]).await;
    sync(&lena).await;
    let with = &exported_named(&fx, LENA, "Hannah").await[0]["fields"];
    // Odoo's title is "Doctor", its short form "Dr."; the name carries it already
    assert_eq!(with["title"], "Dr.");
    assert_eq!(with["displayName"], HANNAH, "not Dr. twice");

    // a salutation the name does not carry goes in front of it
    later(&odoo).await;
    admin_writes(&odoo, hannah, json!({"name": "Hannah Kößler"})).await;
    sync(&lena).await;
    let renamed = &exported_named(&fx, LENA, "Hannah").await[0]["fields"];
    assert_eq!(renamed["displayName"], "Dr. Hannah Kößler");
    assert_eq!(renamed["givenName"], "Hannah");

    // switching the option off rewrites the exported contacts at the next run, though nothing
    // changed in Odoo
    set(&lena, "contacts.sync_salutations", "false").await;
    let run = sync(&lena).await;
    assert_eq!(line(&run, hannah).outcome, ItemOutcome::Updated, "{run:#?}");
    let without = &exported_named(&fx, LENA, "Hannah").await[0]["fields"];
    assert_eq!(without["displayName"], "Hannah Kößler");
    assert_eq!(without["title"], Value::Null);
    assert!(
        sync(&lena).await.report.contacts.is_empty(),
        "then quiet again"
    );
}

#[tokio::test]
async fn odoo_tags_become_outlook_categories_with_the_option() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    let admin = odoo.user("admin").odoo_login;
    let hannah = partner_named(&odoo, HANNAH).await;
    follow(&odoo, LENA, &[hannah]).await;
    let tag = act(
        &odoo,
        &admin,
        "res.partner.category",
        "create",
        json!([{"name": "Messe 2026"}]),
        json!({}),
    )
    .await;
    let tag = tag.as_i64().or_else(|| tag[0].as_i64()).expect("tag id");
    admin_writes(&odoo, hannah, json!({"category_id": [[6, 0, [tag]]]})).await;
    sync(&lena).await;
    let plain = &exported_named(&fx, LENA, "Hannah").await[0]["fields"];
    assert_eq!(plain["categories"], json!([]), "off by default");

    set(&lena, "contacts.sync_categories", "true").await;
    sync(&lena).await;
    let tagged = &exported_named(&fx, LENA, "Hannah").await[0]["fields"];
    assert_eq!(tagged["categories"], json!(["Messe 2026"]));
}

async fn website_of(version: OdooVersion) -> (String, String, i64) {
    let fx = graph().await;
    let odoo = FakeOdoo::start(Seed::Demo, version).await;
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    set(&lena, "contacts.backlink_to_odoo", "true").await;
    let run = sync(&lena).await;
    let finn = partner_named(&odoo, "Finn Lüders").await;
    assert_eq!(line(&run, finn).outcome, ItemOutcome::Created);
    let link = exported_named(&fx, LENA, "Finn Lüders").await[0]["fields"]["businessHomePage"]
        .as_str()
        .expect("a website")
        .to_owned();
    (link, odoo.url().trim_end_matches('/').to_owned(), finn)
}

#[tokio::test]
async fn the_back_link_takes_the_form_the_connected_odoo_version_uses() {
    let (link, base, finn) = website_of(OdooVersion::V17).await;
    assert_eq!(
        link,
        format!("{base}/web#id={finn}&model=res.partner&view_type=form")
    );
    let (link, base, finn) = website_of(OdooVersion::V18).await;
    assert_eq!(link, format!("{base}/odoo/contacts/{finn}"));
}

#[tokio::test]
async fn all_my_customers_come_without_following_and_companies_stay_out_on_request() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    set(&lena, "contacts.export_all_my_customers", "true").await;
    let theresa = partner_named(&odoo, "Theresa Huber").await;
    let alpenblick = partner_named(&odoo, "Alpenblick Hotels GmbH").await;

    let run = sync(&lena).await;

    // Lena is the salesperson of Alpenblick and its people; she follows none of them
    assert_eq!(line(&run, theresa).outcome, ItemOutcome::Created);
    assert_eq!(line(&run, alpenblick).outcome, ItemOutcome::Created);
    assert_eq!(exported_named(&fx, LENA, "Theresa Huber").await.len(), 1);

    // a second person on the same mailbox who wants no companies: a new home relinks people,
    // and companies stay out of what it exports
    let people_only = CalendarUser::connect(&fx, &odoo, LENA).await;
    set(&people_only, "contacts.export_all_my_customers", "true").await;
    set(&people_only, "contacts.include_companies", "false").await;
    let narrowed = sync(&people_only).await;
    assert!(
        narrowed
            .report
            .contacts
            .iter()
            .all(|c| c.partner != alpenblick),
        "{:#?}",
        narrowed.report
    );
    assert_eq!(line(&narrowed, theresa).outcome, ItemOutcome::Linked);
}

#[tokio::test]
async fn companies_stay_out_when_the_person_wants_only_people() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    set(&lena, "contacts.include_companies", "false").await;

    let run = sync(&lena).await;

    let nordwind = partner_named(&odoo, "Nordwind Logistik AG").await;
    let left_out = line(&run, nordwind);
    assert_eq!(left_out.outcome, ItemOutcome::Skipped);
    assert!(left_out.verdict.contains("company"), "{}", left_out.verdict);
    let all = exported(&raw(&fx, LENA).await);
    assert!(
        all.iter()
            .all(|c| c["fields"]["displayName"] != "Nordwind Logistik AG"),
        "{all:#?}"
    );
    let sonke = &exported_named(&fx, LENA, "Sönke").await[0];
    assert_eq!(
        sonke["fields"]["companyName"], "Nordwind Logistik AG",
        "a person's company still travels as companyName"
    );
}

#[tokio::test]
async fn the_contacts_a_person_creates_count_only_with_the_option() {
    let (fx, odoo) = (graph().await, odoo().await);
    let lena = CalendarUser::connect(&fx, &odoo, LENA).await;
    // Lena creates a contact in Odoo: Odoo makes her its follower
    let created = act(
        &odoo,
        LENA,
        "res.partner",
        "create",
        json!([{"name": "Paula Neumann", "email": "paula.neumann@mail.example"}]),
        json!({}),
    )
    .await;
    let paula = created
        .as_i64()
        .or_else(|| created[0].as_i64())
        .expect("id");

    let run = sync(&lena).await;
    let left_out = line(&run, paula);
    assert_eq!(left_out.outcome, ItemOutcome::Skipped);
    assert!(
        left_out.verdict.contains("you created it"),
        "{}",
        left_out.verdict
    );
    assert!(exported_named(&fx, LENA, "Paula").await.is_empty());

    set(&lena, "contacts.auto_export_new", "true").await;
    let run = sync(&lena).await;

    assert_eq!(line(&run, paula).outcome, ItemOutcome::Created);
    assert_eq!(exported_named(&fx, LENA, "Paula").await.len(), 1);
}
