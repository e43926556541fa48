//! Logins and access rights of the fake Odoo: password and API key, wrong keys, and a plain
//! internal user who may read contacts but not change them (FACTS 5, 10, 12, 20, 26).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use serde_json::json;

const CONTACT_WRITE_DENIED: &str = "You are not allowed to modify 'Contact' (res.partner) records.\n\nThis operation is allowed for the following groups:\n\t- Extra Rights/Contact Creation\n\t- Sales/User: Own Documents Only\n\nContact your administrator to request access if necessary.";

/// The transcripts' world plus demo2, created as transcript 42 does (only base.group_user).
async fn with_plain_user() -> (FakeOdoo, SeedUser, SeedUser) {
    let fake = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let admin = fake.user("admin");
    let uid = fake
        .ok(&admin, "res.users", "create", json!([{"name": "Demo Two", "login": "demo2", "email": "demo2@example.com", "password": "demo2pw", "groups_id": [[6, 0, [1]]], "tz": "Europe/Berlin"}]), json!({}))
        .await;
    let mut demo2 = admin.clone();
    demo2.odoo_login = "demo2".into();
    demo2.odoo_password = "demo2pw".into();
    demo2.odoo_uid = uid.as_i64().expect("uid");
    (fake, admin, demo2)
}

#[tokio::test]
async fn authenticate_accepts_the_password_and_the_api_key_and_answers_false_otherwise() {
    let fake = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let admin = fake.user("admin");
    for secret in [admin.odoo_password.as_str(), admin.odoo_api_key.as_str()] {
        let resp = fake
            .jsonrpc(
                "common",
                "authenticate",
                json!(["o365", "admin", secret, {}]),
            )
            .await;
        assert_eq!(resp["result"], 2);
        let resp = fake
            .jsonrpc("common", "login", json!(["o365", "admin", secret]))
            .await;
        assert_eq!(resp["result"], 2);
    }
    let last = if admin.odoo_api_key.ends_with('0') {
        '1'
    } else {
        '0'
    };
    let wrong_key = format!("{}{last}", &admin.odoo_api_key[..39]);
    for (login, secret) in [
        ("admin", wrong_key.as_str()),
        ("admin", ""),
        ("nobody@example.com", "x"),
    ] {
        let resp = fake
            .jsonrpc("common", "authenticate", json!(["o365", login, secret, {}]))
            .await;
        assert_eq!(resp["result"], false, "{login}/{secret} must not log in");
        assert!(resp.get("error").is_none());
    }
    let resp = fake
        .jsonrpc(
            "common",
            "authenticate",
            json!(["no_such_db", "admin", "admin", {}]),
        )
        .await;
    assert_eq!(resp["error"]["data"]["name"], "psycopg2.OperationalError");
}

#[tokio::test]
async fn execute_kw_works_with_the_api_key_and_a_wrong_key_is_access_denied() {
    let fake = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let admin = fake.user("admin");
    let with_key = fake
        .jsonrpc(
            "object",
            "execute_kw",
            json!([
                "o365",
                2,
                admin.odoo_api_key,
                "res.partner",
                "search_count",
                [[]]
            ]),
        )
        .await;
    assert!(with_key["result"].as_i64().expect("a count") > 10);
    let wrong = fake
        .jsonrpc(
            "object",
            "execute_kw",
            json!([
                "o365",
                2,
                "not-the-key",
                "res.partner",
                "search_count",
                [[]]
            ]),
        )
        .await;
    assert_eq!(wrong["error"]["code"], 200);
    assert_eq!(wrong["error"]["message"], "Odoo Server Error");
    assert_eq!(
        wrong["error"]["data"]["name"],
        "odoo.exceptions.AccessDenied"
    );
    assert_eq!(wrong["error"]["data"]["message"], "Access Denied");
    // another user's key does not open the admin's uid
    let demo = fake.user("demo");
    let borrowed = fake
        .jsonrpc(
            "object",
            "execute_kw",
            json!([
                "o365",
                2,
                demo.odoo_api_key,
                "res.partner",
                "search_count",
                [[]]
            ]),
        )
        .await;
    assert_eq!(
        borrowed["error"]["data"]["name"],
        "odoo.exceptions.AccessDenied"
    );
}

#[tokio::test]
async fn a_plain_internal_user_reads_contacts_but_may_not_create_write_or_post_on_them() {
    let (fake, _admin, demo2) = with_plain_user().await;
    let resp = fake
        .jsonrpc(
            "common",
            "authenticate",
            json!(["o365", "demo2", "demo2pw", {}]),
        )
        .await;
    assert_eq!(resp["result"], demo2.odoo_uid);
    let read = fake
        .ok(
            &demo2,
            "res.partner",
            "read",
            json!([[10]]),
            json!({"fields": ["name"]}),
        )
        .await;
    assert_eq!(read[0]["name"], "Deco Addict");

    let (name, message) = fake
        .err(
            &demo2,
            "res.partner",
            "write",
            json!([[10], {"phone": "1"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert_eq!(message, CONTACT_WRITE_DENIED);
    let (_, message) = fake
        .err(
            &demo2,
            "res.partner",
            "create",
            json!([{"name": "X by demo2"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        message,
        CONTACT_WRITE_DENIED.replace("to modify", "to create")
    );
    let (_, message) = fake
        .err(
            &demo2,
            "res.partner",
            "message_post",
            json!([[10]]),
            json!({"body": "note", "message_type": "comment", "subtype_xmlid": "mail.mt_note"}),
        )
        .await;
    assert_eq!(
        message, CONTACT_WRITE_DENIED,
        "posting needs write access to the contact"
    );
    let (_, message) = fake.err(&demo2, "mail.message", "create", json!([{"model": "res.partner", "res_id": 10, "message_type": "email", "body": "<p>x</p>"}]), json!({})).await;
    assert_eq!(message, CONTACT_WRITE_DENIED);
    // ir.attachment.check: attaching a file to a contact is changing the contact
    let (_, message) = fake
        .err(
            &demo2,
            "ir.attachment",
            "create",
            json!([{"name": "a.txt", "datas": "aGk=", "res_model": "res.partner", "res_id": 10}]),
            json!({}),
        )
        .await;
    assert_eq!(
        message, CONTACT_WRITE_DENIED,
        "attaching needs write access to the contact"
    );
    let (_, message) = fake
        .err(
            &demo2,
            "res.users",
            "write",
            json!([[2], {"signature": "hacked"}]),
            json!({}),
        )
        .await;
    assert!(message.starts_with("You are not allowed to modify 'User' (res.users) records."));
    let (_, message) = fake
        .err(
            &demo2,
            "ir.config_parameter",
            "search_read",
            json!([[]]),
            json!({"fields": ["key"]}),
        )
        .await;
    assert!(message.starts_with(
        "You are not allowed to access 'System Parameter' (ir.config_parameter) records."
    ));
    // nothing changed
    let after = fake
        .ok(
            &demo2,
            "res.partner",
            "search_count",
            json!([[["name", "=", "X by demo2"]]]),
            json!({}),
        )
        .await;
    assert_eq!(after, 0);
}

#[tokio::test]
async fn a_plain_internal_user_may_follow_a_contact_himself_but_not_subscribe_others() {
    let (fake, admin, demo2) = with_plain_user().await;
    let me = fake
        .ok(
            &demo2,
            "res.users",
            "read",
            json!([[demo2.odoo_uid]]),
            json!({"fields": ["partner_id"]}),
        )
        .await;
    let my_partner = me[0]["partner_id"][0].as_i64().expect("partner");
    let ok = fake
        .ok(
            &demo2,
            "res.partner",
            "message_subscribe",
            json!([[10]]),
            json!({"partner_ids": [my_partner]}),
        )
        .await;
    assert_eq!(ok, true);
    let (name, _) = fake
        .err(
            &demo2,
            "res.partner",
            "message_subscribe",
            json!([[10]]),
            json!({"partner_ids": [3]}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    let followers = fake
        .ok(
            &admin,
            "mail.followers",
            "search_read",
            json!([[["res_model", "=", "res.partner"], ["res_id", "=", 10]]]),
            json!({"fields": ["partner_id"]}),
        )
        .await;
    let partners: Vec<i64> = followers
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["partner_id"][0].as_i64().unwrap())
        .collect();
    assert_eq!(partners, [my_partner]);
}

#[tokio::test]
async fn a_salesperson_may_create_and_change_contacts() {
    let fake = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let demo = fake.user("demo");
    let id = fake
        .ok(
            &demo,
            "res.partner",
            "create",
            json!([{"name": "Created by demo"}]),
            json!({}),
        )
        .await;
    assert!(id.is_i64(), "create(dict) answers one id");
    assert_eq!(
        fake.ok(
            &demo,
            "res.partner",
            "write",
            json!([[id], {"phone": "+49 1"}]),
            json!({})
        )
        .await,
        true
    );
    let (name, _) = fake
        .err(
            &demo,
            "mail.mail",
            "search_read",
            json!([[]]),
            json!({"fields": ["state"]}),
        )
        .await;
    assert_eq!(
        name, "odoo.exceptions.AccessError",
        "only administrators read the outgoing queue"
    );
}

#[tokio::test]
async fn a_salesperson_sees_only_his_own_and_unassigned_leads() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let admin = fake.user("admin");
    let lena = fake.user("lena.schaefer@yourcompany.example.com");
    let jonas = fake.user("jonas.weiss@yourcompany.example.com");
    let open = json!([[["type", "=", "opportunity"], ["probability", "<", 100]]]);
    assert_eq!(
        fake.ok(&lena, "crm.lead", "search_count", open.clone(), json!({}))
            .await,
        1
    );
    assert_eq!(
        fake.ok(&admin, "crm.lead", "search_count", open.clone(), json!({}))
            .await,
        1
    );
    assert_eq!(
        fake.ok(&jonas, "crm.lead", "search_count", open.clone(), json!({}))
            .await,
        0,
        "Lena's opportunity is not Jonas's"
    );
    fake.ok(
        &admin,
        "crm.lead",
        "create",
        json!([{"name": "Unassigned", "type": "opportunity", "user_id": false}]),
        json!({}),
    )
    .await;
    assert_eq!(
        fake.ok(&jonas, "crm.lead", "search_count", open, json!({}))
            .await,
        1,
        "unassigned leads are visible to every salesperson"
    );
}
