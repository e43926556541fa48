//! The fake Odoo's contacts and followers where no transcript shows them: the follower API's
//! rights and answers, who Odoo makes a follower by itself, the contact fields a contacts sync
//! reads, photos as attachments, the demo seed's followed contacts and the control API that acts
//! as a person. Each test names the fact or the Odoo 17 source it follows.

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};

/// Two different whole 1x1 PNGs and their SHA-1 (what `ir.attachment` reports as checksum).
const RED: (&str, &str) = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "c7a9c45fd419815a5ab1998503a9f03514c0e229",
);
const BLUE: (&str, &str) = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "4a5eb7171b58e08a6881721e3b43d5a44419a2be",
);

fn june() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("a valid date")
}

struct World {
    fake: FakeOdoo,
    admin: SeedUser,
    lena: SeedUser,
    jonas: SeedUser,
}

async fn world() -> World {
    let fake = FakeOdoo::start_at(Seed::Demo, OdooVersion::V17, june()).await;
    World {
        admin: fake.user("admin"),
        lena: fake.user("lena.schaefer@yourcompany.example.com"),
        jonas: fake.user("jonas.weiss@yourcompany.example.com"),
        fake,
    }
}

impl World {
    async fn partner(&self, name: &str) -> i64 {
        let ids = self
            .fake
            .ok(
                &self.admin,
                "res.partner",
                "search",
                json!([[["name", "=", name]]]),
                json!({"context": {"active_test": false}}),
            )
            .await;
        ids[0]
            .as_i64()
            .unwrap_or_else(|| panic!("no contact {name}"))
    }

    /// The names of the contacts `user` follows (archived ones too), sorted.
    async fn followed(&self, user: &SeedUser) -> Vec<String> {
        let rows = self
            .fake
            .ok(
                user,
                "res.partner",
                "search_read",
                json!([[["message_partner_ids", "in", [user.odoo_partner_id]]]]),
                json!({"fields": ["name"], "context": {"active_test": false}}),
            )
            .await;
        let mut names: Vec<String> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    }

    /// The partners following a contact.
    async fn followers(&self, id: i64) -> Vec<i64> {
        let rows = self
            .fake
            .ok(
                &self.admin,
                "mail.followers",
                "search_read",
                json!([[["res_model", "=", "res.partner"], ["res_id", "=", id]]]),
                json!({"fields": ["partner_id"]}),
            )
            .await;
        let mut partners: Vec<i64> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partner_id"][0].as_i64().unwrap())
            .collect();
        partners.sort_unstable();
        partners
    }

    async fn read(&self, user: &SeedUser, id: i64, fields: Value) -> Value {
        let rows = self
            .fake
            .ok(
                user,
                "res.partner",
                "read",
                json!([[id]]),
                json!({"fields": fields}),
            )
            .await;
        rows[0].clone()
    }
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

// ----- the demo seed ---------------------------------------------------------------------------

#[tokio::test]
async fn each_demo_person_follows_contacts_of_every_shape_and_sells_to_others() {
    let w = world().await;
    assert_eq!(
        w.followed(&w.lena).await,
        [
            "Altkunde Archiv GmbH",
            "Blumen Brandt",
            "Büro Lindqvist",
            "Finn Lüders",
            "Kim Lee",
            "Maren Jürgensen",
            "Nordwind Logistik AG",
            "Sönke Petersen",
            "Ömer Yılmaz",
            "يوسف الحداد",
        ]
    );
    assert_eq!(
        w.followed(&w.jonas).await,
        [
            "Bäckerei Groß KG",
            "Café Sonnenschein ☀️",
            "Günther Weiß",
            "Hartmut Alt",
            "Käthe Groß",
            "Mia Sonnenschein",
            "Reservierung Sonnenschein",
            "Ömer Yılmaz",
            "נועה בן-דוד",
        ]
    );
    let shapes = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "search_read",
            json!([[["name", "in", ["Büro Lindqvist", "Blumen Brandt", "Kim Lee", "Sönke Petersen", "Maren Jürgensen"]]]]),
            json!({"fields": ["name", "email", "phone", "country_id", "image_128"], "order": "name"}),
        )
        .await;
    let row = |name: &str| {
        shapes
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        row("Büro Lindqvist")["email"]
            .as_str()
            .unwrap()
            .matches('@')
            .count(),
        3
    );
    assert_eq!(row("Blumen Brandt")["phone"], "0800 BLUMEN 1");
    assert_eq!(row("Kim Lee")["country_id"], false);
    assert!(row("Sönke Petersen")["image_128"].is_string());
    assert_eq!(row("Maren Jürgensen")["image_128"], false);
    // salespeople (`user_id`, FACTS 38): Lena of Nordwind and Alpenblick, Jonas of two others
    for (user, count) in [(&w.lena, 8), (&w.jonas, 6)] {
        let mine = w
            .fake
            .ok(
                user,
                "res.partner",
                "search_count",
                json!([[["user_id", "=", user.odoo_uid]]]),
                json!({}),
            )
            .await;
        assert_eq!(mine, count, "{}", user.name);
    }
}

// ----- mail.followers (FACTS 25, 26; mail_thread.py, mail_followers.py) ------------------------

#[tokio::test]
async fn follower_rows_read_like_fact_25_and_their_related_fields_are_the_partners() {
    let w = world().await;
    let rows = w
        .fake
        .ok(
            &w.lena,
            "mail.followers",
            "search_read",
            json!([[["res_model", "=", "res.partner"], ["partner_id", "=", w.lena.odoo_partner_id]]]),
            json!({"fields": ["res_model", "res_id", "partner_id", "subtype_ids", "name", "email", "is_active"]}),
        )
        .await;
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 10, "archived documents keep their followers");
    assert_eq!(
        rows[0]["partner_id"],
        json!([w.lena.odoo_partner_id, "YourCompany, Lena Schäfer"])
    );
    assert_eq!(rows[0]["subtype_ids"], json!([1]));
    assert_eq!(rows[0]["name"], "Lena Schäfer");
    assert_eq!(rows[0]["email"], "lena.schaefer@yourcompany.example.com");
    assert_eq!(rows[0]["is_active"], true);
    // the two other ways to ask "followed by me" (FACTS 25); archived contacts hide (FACTS 40)
    let by_partner = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "search",
            json!([[["message_partner_ids", "in", [w.lena.odoo_partner_id]]]]),
            json!({}),
        )
        .await;
    let by_flag = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "search",
            json!([[["message_is_follower", "=", true]]]),
            json!({}),
        )
        .await;
    assert_eq!(by_partner.as_array().unwrap().len(), 9);
    assert_eq!(by_partner, by_flag);
    // `is_active` is the follower's own `active` (related field): an archived follower reads false
    let sales = w.partner("Blumen Brandt").await;
    let hartmut = w.partner("Hartmut Alt").await;
    w.fake
        .ok(
            &w.admin,
            "mail.followers",
            "create",
            json!([{"res_model": "res.partner", "res_id": sales, "partner_id": hartmut}]),
            json!({}),
        )
        .await;
    let row = w
        .fake
        .ok(
            &w.admin,
            "mail.followers",
            "search_read",
            json!([[["partner_id", "=", hartmut]]]),
            json!({"fields": ["is_active", "subtype_ids"]}),
        )
        .await;
    assert_eq!(row[0]["is_active"], false);
    assert_eq!(
        row[0]["subtype_ids"],
        json!([]),
        "a row created directly has no subtypes"
    );
}

#[tokio::test]
async fn subscribing_is_idempotent_and_unsubscribing_answers_none() {
    let w = world().await;
    let alpenblick = w.partner("Alpenblick Hotels GmbH").await;
    for _ in 0..2 {
        let ok = w
            .fake
            .ok(
                &w.lena,
                "res.partner",
                "message_subscribe",
                json!([[alpenblick]]),
                json!({"partner_ids": [w.lena.odoo_partner_id]}),
            )
            .await;
        assert_eq!(ok, true);
    }
    assert_eq!(w.followers(alpenblick).await, [w.lena.odoo_partner_id]);
    // FACTS 2: None is an answer without a "result" key
    let resp = w
        .fake
        .execute_as(
            &w.lena,
            "res.partner",
            "message_unsubscribe",
            json!([[alpenblick]]),
            json!({"partner_ids": [w.lena.odoo_partner_id]}),
        )
        .await;
    assert!(
        resp.get("result").is_none() && resp.get("error").is_none(),
        "{resp}"
    );
    assert!(w.followers(alpenblick).await.is_empty());
    // nothing to do: `True` at once, also for unsubscribe
    for method in ["message_subscribe", "message_unsubscribe"] {
        let ok = w
            .fake
            .ok(
                &w.lena,
                "res.partner",
                method,
                json!([[alpenblick]]),
                json!({"partner_ids": []}),
            )
            .await;
        assert_eq!(ok, true, "{method}");
    }
    // subtype_ids replace an existing follower's subtypes (`existing_policy='replace'`)
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "message_subscribe",
            json!([[alpenblick]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id], "subtype_ids": [1, 2]}),
        )
        .await;
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "message_subscribe",
            json!([[alpenblick]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id]}),
        )
        .await;
    let row = w
        .fake
        .ok(
            &w.admin,
            "mail.followers",
            "search_read",
            json!([[
                ["res_id", "=", alpenblick],
                ["res_model", "=", "res.partner"]
            ]]),
            json!({"fields": ["subtype_ids"]}),
        )
        .await;
    assert_eq!(
        row[0]["subtype_ids"],
        json!([1, 2]),
        "without subtype_ids nothing changes"
    );
}

#[tokio::test]
async fn without_write_access_a_user_follows_and_unfollows_only_himself() {
    let w = world().await;
    let uid = w
        .fake
        .ok(&w.admin, "res.users", "create", json!([{"name": "Pia Praktikum", "login": "pia", "password": "pia-pw", "email": "pia@yourcompany.example.com", "groups_id": [[6, 0, [1]]]}]), json!({}))
        .await;
    let mut pia = w.lena.clone();
    pia.odoo_uid = uid.as_i64().unwrap();
    pia.odoo_password = "pia-pw".into();
    pia.odoo_login = "pia".into();
    let me = w
        .fake
        .ok(
            &pia,
            "res.users",
            "read",
            json!([[pia.odoo_uid]]),
            json!({"fields": ["partner_id"]}),
        )
        .await[0]["partner_id"][0]
        .as_i64()
        .unwrap();
    let nordwind = w.partner("Nordwind Logistik AG").await;
    let ok = w
        .fake
        .ok(
            &pia,
            "res.partner",
            "message_subscribe",
            json!([[nordwind]]),
            json!({"partner_ids": [me]}),
        )
        .await;
    assert_eq!(ok, true);
    let denied = "You are not allowed to modify 'Contact' (res.partner) records.\n\nThis operation is allowed for the following groups:\n\t- Extra Rights/Contact Creation\n\t- Sales/User: Own Documents Only\n\nContact your administrator to request access if necessary.";
    for method in ["message_subscribe", "message_unsubscribe"] {
        let (name, message) = w
            .fake
            .err(
                &pia,
                "res.partner",
                method,
                json!([[nordwind]]),
                json!({"partner_ids": [w.lena.odoo_partner_id]}),
            )
            .await;
        assert_eq!(
            (name.as_str(), message.as_str()),
            ("odoo.exceptions.AccessError", denied),
            "{method}"
        );
    }
    let resp = w
        .fake
        .execute_as(
            &pia,
            "res.partner",
            "message_unsubscribe",
            json!([[nordwind]]),
            json!({"partner_ids": [me]}),
        )
        .await;
    assert!(resp.get("error").is_none(), "{resp}");
    assert_eq!(w.followers(nordwind).await, [w.lena.odoo_partner_id]);
}

#[tokio::test]
async fn following_what_one_may_not_read_answers_false_and_archived_partners_are_left_out() {
    let w = world().await;
    // crm.lead's "own documents" rule hides Jonas's lead from Lena: message_subscribe catches
    // the AccessError of the read check and answers False
    let lead = w
        .fake
        .ok(
            &w.admin,
            "crm.lead",
            "create",
            json!([{"name": "Jonas' Lead", "user_id": w.jonas.odoo_uid}]),
            json!({}),
        )
        .await;
    let answer = w
        .fake
        .ok(
            &w.lena,
            "crm.lead",
            "message_subscribe",
            json!([[lead]]),
            json!({"partner_ids": [w.lena.odoo_partner_id]}),
        )
        .await;
    assert_eq!(answer, false);
    // others than oneself: archived partners are filtered out without a word
    let kim = w.partner("Kim Lee").await;
    let hartmut = w.partner("Hartmut Alt").await;
    let ok = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "message_subscribe",
            json!([[kim]]),
            json!({"partner_ids": [hartmut, w.jonas.odoo_partner_id]}),
        )
        .await;
    assert_eq!(ok, true);
    assert_eq!(
        w.followers(kim).await,
        sorted(vec![w.lena.odoo_partner_id, w.jonas.odoo_partner_id])
    );
}

#[tokio::test]
async fn follower_rows_are_for_administrators_and_unique_per_partner_and_document() {
    let w = world().await;
    let kim = w.partner("Kim Lee").await;
    let vals =
        json!([{"res_model": "res.partner", "res_id": kim, "partner_id": w.jonas.odoo_partner_id}]);
    let (name, message) = w
        .fake
        .err(&w.lena, "mail.followers", "create", vals.clone(), json!({}))
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert_eq!(
        message,
        "You are not allowed to create 'Document Followers' (mail.followers) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary."
    );
    w.fake
        .ok(
            &w.admin,
            "mail.followers",
            "create",
            vals.clone(),
            json!({}),
        )
        .await;
    // transcript 96
    let (name, message) = w
        .fake
        .err(&w.admin, "mail.followers", "create", vals, json!({}))
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert_eq!(
        message,
        "The operation cannot be completed: Error, a partner cannot follow twice the same object."
    );
    // a deleted partner stops following (`ondelete='cascade'`)
    let temp = w
        .fake
        .ok(
            &w.admin,
            "res.partner",
            "create",
            json!([{"name": "Kurzzeit"}]),
            json!({}),
        )
        .await;
    w.fake
        .ok(
            &w.admin,
            "res.partner",
            "message_subscribe",
            json!([[kim]]),
            json!({"partner_ids": [temp]}),
        )
        .await;
    w.fake
        .ok(
            &w.admin,
            "res.partner",
            "unlink",
            json!([[temp]]),
            json!({}),
        )
        .await;
    assert_eq!(
        w.followers(kim).await,
        sorted(vec![w.lena.odoo_partner_id, w.jonas.odoo_partner_id])
    );
}

#[tokio::test]
async fn creating_subscribes_the_creator_and_a_new_salesperson_who_is_told() {
    let w = world().await;
    w.fake.control_delete("outbox").await;
    // FACTS 26 and mail.thread `_message_auto_subscribe`: user_id is tracked on contacts
    let id = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "create",
            json!([{"name": "Neukunde GmbH", "is_company": true, "user_id": w.jonas.odoo_uid}]),
            json!({}),
        )
        .await
        .as_i64()
        .unwrap();
    assert_eq!(
        w.followers(id).await,
        sorted(vec![w.lena.odoo_partner_id, w.jonas.odoo_partner_id])
    );
    let outbox = w.fake.outbox().await;
    assert_eq!(outbox.len(), 1, "{outbox:?}");
    assert_eq!(outbox[0]["kind"], "assignment");
    assert_eq!(outbox[0]["partner_id"], w.jonas.odoo_partner_id);
    assert_eq!(
        outbox[0]["subject"],
        "You have been assigned to Neukunde GmbH"
    );
    // oneself as salesperson: followed, not told; the context can keep the creator out
    w.fake.control_delete("outbox").await;
    let quiet = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "create",
            json!([{"name": "Stillkunde", "user_id": w.lena.odoo_uid}]),
            json!({"context": {"mail_create_nosubscribe": true}}),
        )
        .await
        .as_i64()
        .unwrap();
    assert_eq!(w.followers(quiet).await, [w.lena.odoo_partner_id]);
    assert!(w.fake.outbox().await.is_empty());
    let none = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "create",
            json!([{"name": "Niemands"}]),
            json!({"context": {"mail_create_nosubscribe": true}}),
        )
        .await;
    assert!(w.followers(none.as_i64().unwrap()).await.is_empty());
}

#[tokio::test]
async fn posting_anything_but_a_notification_makes_the_poster_follow() {
    let w = world().await;
    // mail.thread `message_post`: the calling user follows so that answers reach them
    let alpenblick = w.partner("Alpenblick Hotels GmbH").await;
    let franz = w.partner("Franz Öttl").await;
    let post = |kind: &str| json!({"body": "<p>x</p>", "body_is_html": true, "message_type": kind, "subtype_xmlid": "mail.mt_note"});
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "message_post",
            json!([[franz]]),
            post("notification"),
        )
        .await;
    assert!(w.followers(franz).await.is_empty());
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "message_post",
            json!([[alpenblick]]),
            post("email"),
        )
        .await;
    assert_eq!(w.followers(alpenblick).await, [w.lena.odoo_partner_id]);
    // `mail_post_autofollow` subscribes the recipients too
    w.fake
        .ok(&w.lena, "res.partner", "message_post", json!([[franz]]), json!({"body": "x", "message_type": "comment", "partner_ids": [w.jonas.odoo_partner_id]}))
        .await;
    assert_eq!(w.followers(franz).await, [w.lena.odoo_partner_id]);
    let franz_ctx = json!({"body": "y", "message_type": "comment", "partner_ids": [w.jonas.odoo_partner_id], "context": {"mail_post_autofollow": true}});
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "message_post",
            json!([[franz]]),
            franz_ctx,
        )
        .await;
    assert_eq!(
        w.followers(franz).await,
        sorted(vec![w.lena.odoo_partner_id, w.jonas.odoo_partner_id])
    );
}

// ----- res.partner fields (FACTS 14-17, 38, 40; res_partner.py) --------------------------------

#[tokio::test]
async fn the_fields_a_contacts_sync_reads_have_odoo_17s_shapes() {
    let w = world().await;
    let tag = w
        .fake
        .ok(
            &w.lena,
            "res.partner.category",
            "create",
            json!([{"name": "Stammkunde"}]),
            json!({}),
        )
        .await;
    let gold = w
        .fake
        .ok(
            &w.lena,
            "res.partner.category",
            "create",
            json!([{"name": "Gold", "parent_id": tag}]),
            json!({}),
        )
        .await;
    let hannah = w.partner("Dr. Hannah Kößler").await;
    w.fake
        .ok(&w.lena, "res.partner", "write", json!([[hannah], {"category_id": [[6, 0, [tag, gold]]], "comment": "<p>Termin<br/>nur vormittags</p><script>alert(1)</script>", "website": "www.rheinufer-kliniken.example"}]), json!({}))
        .await;
    let fields = json!([
        "name",
        "is_company",
        "parent_id",
        "commercial_company_name",
        "title",
        "function",
        "email",
        "phone",
        "mobile",
        "street",
        "street2",
        "zip",
        "city",
        "state_id",
        "country_id",
        "website",
        "comment",
        "category_id",
        "user_id",
        "create_uid",
        "create_date",
        "write_date",
        "active",
        "image_128",
        "display_name"
    ]);
    let row = w.read(&w.lena, hannah, fields).await;
    let company = w.partner("Rheinufer Kliniken").await;
    assert_eq!(row["parent_id"], json!([company, "Rheinufer Kliniken"]));
    assert_eq!(row["display_name"], "Rheinufer Kliniken, Dr. Hannah Kößler");
    assert_eq!(row["commercial_company_name"], "Rheinufer Kliniken");
    assert_eq!(row["title"], json!([4, "Doctor"]));
    assert_eq!(row["mobile"], "+49 170 000 0000");
    assert_eq!(row["state_id"], json!([1397, "Nordrhein-Westfalen (DE)"]));
    assert_eq!(
        row["street2"], false,
        "empty char fields read false (FACTS 14)"
    );
    assert_eq!(
        row["comment"], "<p>Termin<br>nur vormittags</p>",
        "sanitized (FACTS 17)"
    );
    assert_eq!(
        row["website"], "http://www.rheinufer-kliniken.example",
        "_clean_website"
    );
    assert_eq!(row["create_uid"], json!([1, "OdooBot"]));
    assert_eq!(row["user_id"], false);
    assert_eq!(row["write_date"], "2026-06-01 08:00:00");
    assert_eq!(row["image_128"], false);
    // a many2many reads in the tags' order (by name), not in the order written (FACTS 14)
    assert_eq!(row["category_id"], json!([gold, tag]));
    let tags = w
        .fake
        .ok(
            &w.lena,
            "res.partner.category",
            "read",
            json!([row["category_id"].clone()]),
            json!({"fields": ["display_name"]}),
        )
        .await;
    assert_eq!(tags[0]["display_name"], "Stammkunde / Gold");
    // title has its name and shortcut (transcript 34)
    let title = w
        .fake
        .ok(
            &w.lena,
            "res.partner.title",
            "read",
            json!([[4]]),
            json!({"fields": ["name", "shortcut"]}),
        )
        .await;
    assert_eq!(title[0]["shortcut"], "Dr.");
    // tools.email_normalize(strict=False): the first of several addresses
    let lindqvist = w.partner("Büro Lindqvist").await;
    assert_eq!(
        w.read(&w.lena, lindqvist, json!(["email_normalized"]))
            .await["email_normalized"],
        "anna@lindqvist.example"
    );
}

/// Lena writes `vals` on a contact; its `write_date` afterwards.
async fn write_date_after(w: &World, id: i64, vals: Value) -> Value {
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "write",
            json!([[id], vals]),
            json!({}),
        )
        .await;
    w.read(&w.lena, id, json!(["write_date"])).await["write_date"].clone()
}

#[tokio::test]
async fn write_date_moves_on_every_write_by_the_second_and_never_back() {
    let w = world().await;
    let kim = w.partner("Kim Lee").await;
    let einkauf = json!({"function": "Einkauf"});
    assert_eq!(
        write_date_after(&w, kim, einkauf.clone()).await,
        "2026-06-01 08:00:00"
    );
    w.fake
        .control_put("clock", json!({"advance_seconds": 2}))
        .await;
    // FACTS 16: a write moves it even when nothing changes
    assert_eq!(
        write_date_after(&w, kim, einkauf).await,
        "2026-06-01 08:00:02"
    );
    w.fake
        .control_put("clock", json!({"now": "2026-06-01 07:00:00"}))
        .await;
    let later = write_date_after(&w, kim, json!({"function": "Vertrieb"})).await;
    assert_eq!(later, "2026-06-01 08:00:02", "never backwards");
    let changed = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "search",
            json!([[["write_date", ">", "2026-06-01 08:00:01"]]]),
            json!({}),
        )
        .await;
    assert_eq!(changed, json!([kim]));
}

#[tokio::test]
async fn archived_contacts_hide_and_a_users_contact_is_the_users() {
    let w = world().await;
    // FACTS 40 (transcripts 180, 190)
    let hidden = w
        .fake
        .ok(
            &w.lena,
            "res.partner",
            "search",
            json!([[["name", "=", "Hartmut Alt"]]]),
            json!({}),
        )
        .await;
    assert_eq!(hidden, json!([]));
    let kim = w.partner("Kim Lee").await;
    let none = w
        .fake
        .execute_as(
            &w.lena,
            "res.partner",
            "action_archive",
            json!([[kim]]),
            json!({}),
        )
        .await;
    assert!(
        none.get("result").is_none() && none.get("error").is_none(),
        "{none}"
    );
    assert_eq!(
        w.read(&w.lena, kim, json!(["active"])).await["active"],
        false
    );
    // res_partner.write: the contact of an active user cannot be archived, and changing another
    // internal user's contact needs the right to change users
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "res.partner",
            "write",
            json!([[w.jonas.odoo_partner_id], {"active": false}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert_eq!(
        message,
        "You cannot archive contacts linked to an active user.\nAsk an administrator to archive their associated user first.\n\nLinked active users :\nJonas Weiß"
    );
    let (name, message) = w
        .fake
        .err(
            &w.lena,
            "res.partner",
            "write",
            json!([[w.jonas.odoo_partner_id], {"phone": "1"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.AccessError");
    assert!(
        message.starts_with("You are not allowed to modify 'User' (res.users) records."),
        "{message}"
    );
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "write",
            json!([[w.lena.odoo_partner_id], {"phone": "+49 30 1"}]),
            json!({}),
        )
        .await;
}

#[tokio::test]
async fn a_company_gives_its_contacts_its_address_salesperson_and_language() {
    let w = world().await;
    // res_partner._fields_sync, _compute_user_id, _onchange_parent_id_for_lang
    let nordwind = w.partner("Nordwind Logistik AG").await;
    let soenke = w.partner("Sönke Petersen").await;
    w.fake
        .control_put("clock", json!({"advance_seconds": 60}))
        .await;
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "write",
            json!([[nordwind], {"street": "Am Sandtorkai 1"}]),
            json!({}),
        )
        .await;
    let row = w
        .read(&w.lena, soenke, json!(["street", "zip", "write_date"]))
        .await;
    assert_eq!(row["street"], "Am Sandtorkai 1");
    assert_eq!(row["zip"], "20457");
    assert_eq!(
        row["write_date"], "2026-06-01 08:01:00",
        "the copy is a write"
    );
    let new = w
        .fake
        .ok(&w.jonas, "res.partner", "create", json!([{"name": "Lotte Neu", "parent_id": nordwind, "street": "Privatweg 9", "city": "Kiel"}]), json!({}))
        .await
        .as_i64()
        .unwrap();
    let row = w
        .read(
            &w.jonas,
            new,
            json!(["street", "city", "user_id", "lang", "display_name"]),
        )
        .await;
    assert_eq!(
        (row["street"].clone(), row["city"].clone()),
        (json!("Am Sandtorkai 1"), json!("Hamburg"))
    );
    assert_eq!(row["user_id"], json!([w.lena.odoo_uid, "Lena Schäfer"]));
    assert_eq!(row["lang"], "de_DE");
    assert_eq!(row["display_name"], "Nordwind Logistik AG, Lotte Neu");
    // the first contact of a company without address gives the company its address
    let bare = w
        .fake
        .ok(
            &w.jonas,
            "res.partner",
            "create",
            json!([{"name": "Ohne Adresse AG", "is_company": true}]),
            json!({}),
        )
        .await;
    w.fake
        .ok(
            &w.jonas,
            "res.partner",
            "create",
            json!([{"name": "Erste Person", "parent_id": bare, "city": "Kassel"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        w.read(&w.jonas, bare.as_i64().unwrap(), json!(["city"]))
            .await["city"],
        "Kassel"
    );
}

// ----- photos (FACTS 15, 40, 44; transcript 209; fields.Image, ir_attachment.py) ----------------

async fn photo_rows(w: &World, ids: &[i64]) -> Vec<Value> {
    let rows = w
        .fake
        .ok(
            &w.lena,
            "ir.attachment",
            "search_read",
            json!([[
                ["res_model", "=", "res.partner"],
                ["res_field", "=", "image_128"],
                ["res_id", "in", ids]
            ]]),
            json!({"fields": ["res_id", "checksum", "file_size", "mimetype", "name"]}),
        )
        .await;
    rows.as_array().unwrap().clone()
}

async fn set_photo(w: &World, id: i64, picture: Value) {
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "write",
            json!([[id], {"image_1920": picture}]),
            json!({}),
        )
        .await;
}

#[tokio::test]
async fn a_photo_is_an_attachment_whose_checksum_changes_exactly_with_the_picture() {
    let w = world().await;
    let kim = w.partner("Kim Lee").await;
    let soenke = w.partner("Sönke Petersen").await;
    assert_eq!(
        photo_rows(&w, &[kim, soenke]).await.len(),
        1,
        "only Sönke has a photo"
    );
    set_photo(&w, kim, json!(RED.0)).await;
    let first = photo_rows(&w, &[kim]).await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["checksum"], RED.1, "SHA-1 of the content");
    assert_eq!(
        (
            first[0]["file_size"].clone(),
            first[0]["mimetype"].clone(),
            first[0]["name"].clone()
        ),
        (json!(70), json!("image/png"), json!("image_128"))
    );
    assert_eq!(
        w.read(&w.lena, kim, json!(["image_128"])).await["image_128"],
        RED.0
    );
    // the same picture again: same attachment, same checksum (the contact's write_date moves)
    set_photo(&w, kim, json!(RED.0)).await;
    assert_eq!(photo_rows(&w, &[kim]).await, first);
    // another picture: the same attachment with another checksum
    set_photo(&w, kim, json!(BLUE.0)).await;
    let second = photo_rows(&w, &[kim]).await;
    assert_eq!(
        (second[0]["id"].clone(), second[0]["checksum"].clone()),
        (first[0]["id"].clone(), json!(BLUE.1))
    );
    // a smaller size written is the picture written (a related field)
    w.fake
        .ok(
            &w.lena,
            "res.partner",
            "write",
            json!([[kim], {"image_128": RED.0}]),
            json!({}),
        )
        .await;
    assert_eq!(
        w.read(&w.lena, kim, json!(["image_1920"])).await["image_1920"],
        RED.0
    );
    // no picture, no attachment
    set_photo(&w, kim, json!(false)).await;
    assert!(photo_rows(&w, &[kim]).await.is_empty());
    // a search that does not name res_field never finds photos (ir.attachment._search)
    let plain = w
        .fake
        .ok(
            &w.lena,
            "ir.attachment",
            "search_count",
            json!([[["res_model", "=", "res.partner"]]]),
            json!({}),
        )
        .await;
    assert_eq!(plain, 0);
}

#[tokio::test]
async fn what_is_no_image_is_refused_as_odoo_opens_it() {
    let w = world().await;
    let kim = w.partner("Kim Lee").await;
    for (picture, name, message) in [
        (
            "R0lGODlhAQABAAAAACw=",
            "odoo.exceptions.UserError",
            "This file could not be decoded as an image file.",
        ),
        (
            "SGVsbG8gV29ybGQ=",
            "odoo.exceptions.UserError",
            "This file could not be decoded as an image file.",
        ),
        (
            "kein base64!",
            "odoo.exceptions.UserError",
            "Image is not encoded in base64.",
        ),
        (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAEB/4mZPR0AAAAASUVORK5CYII=",
            "builtins.OSError",
            "Truncated File Read",
        ),
    ] {
        let (n, m) = w
            .fake
            .err(
                &w.lena,
                "res.partner",
                "write",
                json!([[kim], {"image_1920": picture}]),
                json!({}),
            )
            .await;
        assert_eq!((n.as_str(), m.as_str()), (name, message), "{picture}");
    }
    assert_eq!(
        w.read(&w.lena, kim, json!(["image_128"])).await["image_128"],
        false
    );
}

#[tokio::test]
async fn the_recorded_photos_answer_transcript_209() {
    let fake = FakeOdoo::start(Seed::Transcripts, OdooVersion::V17).await;
    let demo = fake.user("demo");
    let rows = fake
        .ok(
            &demo,
            "ir.attachment",
            "search_read",
            json!([[
                ["res_model", "=", "res.partner"],
                ["res_field", "=", "image_128"],
                ["res_id", "in", [3, 7, 10, 14, 26, 27]]
            ]]),
            json!({"fields": ["res_id", "checksum", "file_size", "mimetype"]}),
        )
        .await;
    let pairs: Vec<(i64, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_i64().unwrap(), r["res_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [(172, 27), (171, 26), (159, 14), (155, 10), (24, 3), (23, 7)],
        "ids as recorded, id desc"
    );
}

// ----- versions and the control API --------------------------------------------------------

#[tokio::test]
async fn odoo_19_has_neither_mobile_nor_title() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V19).await;
    let lena = fake.user("lena.schaefer@yourcompany.example.com");
    let fields = fake
        .ok(
            &lena,
            "res.partner",
            "fields_get",
            json!([]),
            json!({"attributes": ["type"]}),
        )
        .await;
    assert!(fields.get("title").is_none() && fields.get("mobile").is_none());
    assert!(fields.get("commercial_company_name").is_some());
    let (name, message) = fake
        .err(&lena, "res.partner.title", "search", json!([[]]), json!({}))
        .await;
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "odoo.exceptions.UserError",
            "Object res.partner.title doesn't exist"
        )
    );
}

#[tokio::test]
async fn the_control_api_acts_as_a_person_in_odoo() {
    let w = world().await;
    let kim = w.partner("Kim Lee").await;
    let act = |method: &str, args: Value, kwargs: Value| {
        w.fake.control_post(
            "act",
            json!({"login": w.jonas.odoo_login, "model": "res.partner", "method": method, "args": args, "kwargs": kwargs}),
        )
    };
    assert_eq!(
        act(
            "message_subscribe",
            json!([[kim]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id]})
        )
        .await,
        json!({"result": true})
    );
    assert!(w.followers(kim).await.contains(&w.jonas.odoo_partner_id));
    assert_eq!(
        act(
            "message_unsubscribe",
            json!([[kim]]),
            json!({"partner_ids": [w.jonas.odoo_partner_id]})
        )
        .await,
        json!({})
    );
    assert_eq!(
        act(
            "write",
            json!([[kim], {"email": "kim@lee.example", "image_1920": RED.0}]),
            json!({})
        )
        .await,
        json!({"result": true})
    );
    assert_eq!(photo_rows(&w, &[kim]).await[0]["checksum"], RED.1);
    assert_eq!(
        act("action_archive", json!([[kim]]), json!({})).await,
        json!({})
    );
    let refused = act(
        "write",
        json!([[w.lena.odoo_partner_id], {"active": false}]),
        json!({}),
    )
    .await;
    assert_eq!(
        refused["error"]["data"]["name"],
        "odoo.exceptions.ValidationError"
    );
    let resp = w
        .fake
        .http
        .post(format!("{}/_fake/act", w.fake.url()))
        .json(
            &json!({"login": "nobody", "model": "res.partner", "method": "read", "args": [[kim]]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let counts = w.fake.control_get("requests").await;
    assert!(
        counts["counts"].get("res.partner.write").is_none(),
        "not counted: {counts}"
    );
}
