//! Record semantics of the fake Odoo that a sync engine relies on: value formats, write_date,
//! ordering and paging, strict datetimes, chatter posts and the "no result key" answer
//! (FACTS 2, 11, 14-21, 26).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};

async fn demo() -> (FakeOdoo, SeedUser) {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    fake.control_put("clock", json!({"now": "2026-06-01 08:00:00"}))
        .await;
    let lena = fake.user("lena.schaefer@yourcompany.example.com");
    (fake, lena)
}

#[tokio::test]
async fn values_read_back_in_odoos_formats() {
    let (fake, lena) = demo().await;
    let ids = fake.ok(&lena, "res.partner", "create", json!([[{"name": "Format Test", "email": "f@example.com", "country_id": 57}, {"name": "Zweite"}]]), json!({})).await;
    assert_eq!(
        ids.as_array().map(Vec::len),
        Some(2),
        "create(list) answers a list of ids"
    );
    let rows = fake.ok(&lena, "res.partner", "read", json!([ids]), json!({"fields": ["name", "country_id", "parent_id", "phone", "category_id", "write_date", "is_company"]})).await;
    let first = &rows[0];
    assert_eq!(
        first["country_id"],
        json!([57, "Germany"]),
        "many2one is [id, display_name]"
    );
    assert_eq!(first["parent_id"], false, "an empty many2one is false");
    assert_eq!(first["phone"], false, "an empty char is false");
    assert_eq!(first["category_id"], json!([]), "an empty x2many is []");
    assert_eq!(
        first["write_date"], "2026-06-01 08:00:00",
        "datetimes are UTC with second precision"
    );
    assert_eq!(first["is_company"], false);
    let all = fake
        .ok(
            &lena,
            "res.partner",
            "search_read",
            json!([[["id", "=", ids[0]]]]),
            json!({"fields": []}),
        )
        .await;
    let keys = all[0].as_object().expect("a record").len();
    assert!(keys > 100, "fields=[] returns every field ({keys})");
    assert_eq!(
        fake.ok(
            &lena,
            "res.partner",
            "read",
            json!([[999_999]]),
            json!({"fields": ["name"]})
        )
        .await,
        json!([]),
        "missing ids are skipped silently"
    );
}

#[tokio::test]
async fn a_write_bumps_write_date_and_a_missing_record_is_a_missing_error() {
    let (fake, lena) = demo().await;
    let ids = fake
        .ok(
            &lena,
            "res.partner",
            "create",
            json!([[{"name": "Datum"}, {"name": "Unverändert"}]]),
            json!({}),
        )
        .await;
    let (id, untouched) = (ids[0].clone(), ids[1].clone());
    fake.control_put("clock", json!({"advance_seconds": 90}))
        .await;
    fake.ok(
        &lena,
        "res.partner",
        "write",
        json!([[id], {"phone": "+49 1"}]),
        json!({}),
    )
    .await;
    let row = fake
        .ok(
            &lena,
            "res.partner",
            "read",
            json!([[id]]),
            json!({"fields": ["write_date", "create_date"]}),
        )
        .await;
    assert_eq!(row[0]["create_date"], "2026-06-01 08:00:00");
    assert_eq!(row[0]["write_date"], "2026-06-01 08:01:30");
    let changed = fake
        .ok(
            &lena,
            "res.partner",
            "search",
            json!([[
                ["write_date", ">", "2026-06-01 08:00:00"],
                ["id", "in", [id, untouched]]
            ]]),
            json!({}),
        )
        .await;
    assert_eq!(
        changed,
        json!([id]),
        "only the written record changed since its creation"
    );
    let (name, message) = fake
        .err(
            &lena,
            "res.partner",
            "write",
            json!([[999_999], {"name": "x"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.MissingError");
    assert_eq!(
        message,
        "Record does not exist or has been deleted.\n(Record: res.partner(999999,), User: 6)"
    );
    let (name, message) = fake
        .err(
            &lena,
            "res.partner",
            "write",
            json!([[id], {"no_such_field": 1}]),
            json!({}),
        )
        .await;
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "builtins.ValueError",
            "Invalid field 'no_such_field' on model 'res.partner'"
        )
    );
}

#[tokio::test]
async fn datetimes_accept_only_odoos_format() {
    let (fake, lena) = demo().await;
    let (_, message) = fake
        .err(
            &lena,
            "calendar.event",
            "create",
            json!([{"name": "iso", "start": "2026-12-01T09:00:00", "stop": "2026-12-01T10:00:00"}]),
            json!({}),
        )
        .await;
    assert_eq!(
        message,
        "time data '2026-12-01T09:00:00' does not match format '%Y-%m-%d %H:%M:%S'"
    );
    let (_, message) = fake.err(&lena, "calendar.event", "create", json!([{"name": "micro", "start": "2026-12-01 09:00:00.123456", "stop": "2026-12-01 10:00:00"}]), json!({})).await;
    assert_eq!(message, "unconverted data remains: .123456");
    let (name, message) = fake
        .err(
            &lena,
            "calendar.event",
            "create",
            json!([{"name": "bad", "start": "2026-12-01 10:00:00", "stop": "2026-12-01 09:00:00"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert!(message.starts_with(
        "The ending date and time cannot be earlier than the starting date and time."
    ));
    let allday = fake.ok(&lena, "calendar.event", "create", json!([{"name": "Messe", "allday": true, "start_date": "2026-12-07", "stop_date": "2026-12-08"}]), json!({"context": {"no_mail_to_attendees": true}})).await;
    let row = fake
        .ok(
            &lena,
            "calendar.event",
            "read",
            json!([[allday]]),
            json!({"fields": ["start", "stop", "start_date", "stop_date", "duration"]}),
        )
        .await;
    assert_eq!(row[0]["start"], "2026-12-07 08:00:00");
    assert_eq!(row[0]["stop"], "2026-12-08 18:00:00");
    assert_eq!(row[0]["stop_date"], "2026-12-08");
    assert_eq!(row[0]["duration"], 34.0);
}

#[tokio::test]
async fn order_limit_and_offset_page_through_a_stable_order() {
    let (fake, lena) = demo().await;
    let all = fake
        .ok(
            &lena,
            "res.partner",
            "search",
            json!([[]]),
            json!({"order": "id asc"}),
        )
        .await;
    let all: Vec<Value> = all.as_array().cloned().unwrap();
    let page = fake
        .ok(
            &lena,
            "res.partner",
            "search",
            json!([[]]),
            json!({"order": "id asc", "limit": 5, "offset": 5}),
        )
        .await;
    assert_eq!(page.as_array().unwrap().as_slice(), &all[5..10]);
    let desc = fake
        .ok(
            &lena,
            "res.partner",
            "search",
            json!([[]]),
            json!({"order": "id desc", "limit": 1}),
        )
        .await;
    assert_eq!(desc[0], *all.last().unwrap());
    // default order: complete_name, so a company comes right before its people
    let names = fake
        .ok(
            &lena,
            "res.partner",
            "search_read",
            json!([[["name", "ilike", "Hansen"]]]),
            json!({"fields": ["display_name"]}),
        )
        .await;
    let shown: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["display_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        shown,
        [
            "Hansen Elektrotechnik",
            "Hansen Elektrotechnik, Ida Hansen",
            "Hansen Elektrotechnik, Ole Hansen"
        ]
    );
}

#[tokio::test]
async fn message_post_files_mail_as_given_and_unsubscribe_answers_without_result() {
    let (fake, lena) = demo().await;
    let admin = fake.user("admin");
    let partner = fake
        .ok(
            &lena,
            "res.partner",
            "search",
            json!([[["name", "=", "Sönke Petersen"]]]),
            json!({}),
        )
        .await[0]
        .clone();
    let kwargs = json!({"body": "<p>Hallo <b>Sönke</b></p>", "body_is_html": true, "message_type": "email", "email_from": "\"Sönke Petersen\" <soenke.petersen@nordwind-logistik.example>", "message_id": "<abc@outlook.example>", "date": "2026-05-30 07:15:00", "subject": "Angebot", "subtype_xmlid": "mail.mt_note"});
    let first = fake
        .ok(
            &lena,
            "res.partner",
            "message_post",
            json!([[partner]]),
            kwargs.clone(),
        )
        .await;
    let second = fake
        .ok(
            &lena,
            "res.partner",
            "message_post",
            json!([[partner]]),
            kwargs,
        )
        .await;
    assert_ne!(
        first, second,
        "no unique constraint on message_id: both are filed"
    );
    let rows = fake
        .ok(
            &lena,
            "mail.message",
            "search_read",
            json!([[["message_id", "=", "<abc@outlook.example>"]]]),
            json!({"fields": ["author_id", "date", "body", "model", "res_id", "subtype_id"]}),
        )
        .await;
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(
        rows[0]["author_id"][1], "Nordwind Logistik AG, Sönke Petersen",
        "the author is found by e-mail"
    );
    assert_eq!(rows[0]["date"], "2026-05-30 07:15:00");
    assert_eq!(rows[0]["subtype_id"], json!([2, "Note"]));
    let case = fake
        .ok(
            &lena,
            "mail.message",
            "search_count",
            json!([[["message_id", "=", "<ABC@outlook.example>"]]]),
            json!({}),
        )
        .await;
    assert_eq!(case, 0, "message_id search is case-sensitive");
    let plain = fake
        .ok(
            &lena,
            "res.partner",
            "message_post",
            json!([[partner]]),
            json!({"body": "<b>x</b>", "subtype_xmlid": "mail.mt_note"}),
        )
        .await;
    let body = fake
        .ok(
            &lena,
            "mail.message",
            "read",
            json!([[plain]]),
            json!({"fields": ["body"]}),
        )
        .await;
    assert_eq!(
        body[0]["body"], "<p>&lt;b&gt;x&lt;/b&gt;</p>",
        "a plain-text body is escaped"
    );
    let (_, message) = fake
        .err(
            &lena,
            "res.partner",
            "message_post",
            json!([[partner]]),
            json!({"body": "x", "res_id": 1}),
        )
        .await;
    assert_eq!(
        message,
        "Those values are not supported when posting or notifying: res_id"
    );
    let (_, message) = fake
        .err(
            &lena,
            "res.partner",
            "message_post",
            json!([[partner, 3]]),
            json!({"body": "x"}),
        )
        .await;
    assert!(message.starts_with("Expected singleton: res.partner("));

    let resp = fake
        .execute_as(
            &admin,
            "res.partner",
            "message_unsubscribe",
            json!([[partner]]),
            json!({"partner_ids": [3]}),
        )
        .await;
    assert!(
        resp.get("result").is_none() && resp.get("error").is_none(),
        "None answers without a result key: {resp}"
    );
}

#[tokio::test]
async fn mandatory_fields_are_enforced_like_the_database_does() {
    let (fake, lena) = demo().await;
    let (name, message) = fake
        .err(
            &lena,
            "res.partner",
            "create",
            json!([{"email": "noname@example.com"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert_eq!(
        message,
        "The operation cannot be completed: Contacts require a name"
    );
    let (name, message) = fake
        .err(
            &lena,
            "calendar.event",
            "create",
            json!([{"start": "2026-12-01 09:00:00", "stop": "2026-12-01 10:00:00"}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert!(
        message.contains("a mandatory field is not set") && message.ends_with("(name)"),
        "{message}"
    );
    assert_eq!(
        fake.ok(
            &lena,
            "calendar.event",
            "search_count",
            json!([[]]),
            json!({})
        )
        .await,
        0,
        "nothing was created"
    );
}

/// A whole 1x1 GIF: Odoo opens a photo before storing it (`fields.Image`), so a cut one is
/// refused (tests/odoo_contacts_fake.rs).
const GIF: &str = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

#[tokio::test]
async fn photos_read_back_as_raw_base64_in_every_size() {
    let (fake, lena) = demo().await;
    let with_photo = fake
        .ok(
            &lena,
            "res.partner",
            "search_read",
            json!([[["image_128", "!=", false]]]),
            json!({"fields": ["name", "image_128"]}),
        )
        .await;
    assert_eq!(
        with_photo.as_array().unwrap().len(),
        3,
        "three demo people have a photo"
    );
    assert!(
        with_photo[0]["image_128"]
            .as_str()
            .unwrap()
            .starts_with("iVBOR"),
        "raw base64, no data: prefix"
    );
    let id = fake
        .ok(
            &lena,
            "res.partner",
            "create",
            json!([{"name": "Ohne Foto"}]),
            json!({}),
        )
        .await;
    let row = fake
        .ok(
            &lena,
            "res.partner",
            "read",
            json!([[id]]),
            json!({"fields": ["image_128"]}),
        )
        .await;
    assert_eq!(row[0]["image_128"], false);
    fake.ok(
        &lena,
        "res.partner",
        "write",
        json!([[id], {"image_1920": GIF}]),
        json!({}),
    )
    .await;
    let row = fake
        .ok(
            &lena,
            "res.partner",
            "read",
            json!([[id]]),
            json!({"fields": ["image_128", "image_1920"]}),
        )
        .await;
    assert_eq!(row[0]["image_128"], GIF);
}

#[tokio::test]
async fn typos_and_dangling_references_fail_like_on_a_real_server() {
    let (fake, lena) = demo().await;
    let (name, message) = fake
        .err(
            &lena,
            "res.partner",
            "search_read",
            json!([[]]),
            json!({"fields": ["name"], "limt": 5}),
        )
        .await;
    assert_eq!(name, "builtins.TypeError");
    assert_eq!(
        message,
        "BaseModel.read() got an unexpected keyword argument 'limt'"
    );
    let (_, message) = fake
        .err(
            &lena,
            "res.partner",
            "message_subscribe",
            json!([[3]]),
            json!({"partner_id": [3]}),
        )
        .await;
    assert_eq!(
        message,
        "MailThread.message_subscribe() got an unexpected keyword argument 'partner_id'"
    );
    let (name, message) = fake
        .err(
            &lena,
            "res.partner",
            "create",
            json!([{"name": "Waise", "parent_id": 999_999}]),
            json!({}),
        )
        .await;
    assert_eq!(name, "odoo.exceptions.ValidationError");
    assert!(
        message.ends_with("Field: Related Company (parent_id)"),
        "{message}"
    );
    let id = fake
        .ok(
            &lena,
            "res.partner",
            "create",
            json!([{"name": "Zeitreise", "write_date": "2000-01-01 00:00:00"}]),
            json!({}),
        )
        .await;
    let row = fake
        .ok(
            &lena,
            "res.partner",
            "read",
            json!([[id]]),
            json!({"fields": ["write_date"]}),
        )
        .await;
    assert_eq!(
        row[0]["write_date"], "2026-06-01 08:00:00",
        "log columns are the server's"
    );
}
