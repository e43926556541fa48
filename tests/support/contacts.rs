//! Helpers for contact tests against the fake Graph: a person on a fixed date, contacts and
//! folders made over Graph or as the person in Outlook (control API), the raw view of a mailbox's
//! contacts, and small images for photos.

use office_connector_fakes::graph::GraphSeed;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::calendar::fixture_at;
use crate::graph::{GraphFixture, Reply};

/// The fixed instant contact tests run at.
pub const NOW: &str = "2026-05-04T08:00:00Z";

/// An extended property id of the kind a connector marks its contacts with.
pub const LINK_ID: &str = "String {6c1d7a52-3f0e-4c5b-9a8d-2e4f6b7c8d9e} Name OdooLinkId";

/// An empty fake on [`NOW`] with one person; their access token.
pub async fn person(upn: &str, name: &str) -> (GraphFixture, String) {
    let fx = fixture_at(GraphSeed::Empty, NOW).await;
    fx.add_person(upn, name).await;
    let token = fx.access_token(upn).await;
    (fx, token)
}

/// `POST` of `body` to a Graph path, expecting 201; the created entity.
pub async fn create(fx: &GraphFixture, token: &str, path: &str, body: Value) -> Value {
    let reply = fx
        .send(token, Method::POST, &fx.graph(path), Some(body), &[])
        .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "POST {path}: {}",
        reply.body
    );
    reply.body
}

/// Creates a contact folder under the default Contacts folder; its id.
pub async fn folder(fx: &GraphFixture, token: &str, name: &str) -> String {
    let f = create(
        fx,
        token,
        "/me/contactFolders",
        json!({"displayName": name}),
    )
    .await;
    f["id"].as_str().expect("folder id").to_string()
}

/// `PATCH` of `body` to a Graph path with extra headers.
pub async fn patch(
    fx: &GraphFixture,
    token: &str,
    path: &str,
    body: Value,
    headers: &[(&str, &str)],
) -> Reply {
    fx.send(token, Method::PATCH, &fx.graph(path), Some(body), headers)
        .await
}

/// The person adds a contact in Outlook (`{folder?, fields, photo?}`); the action answer.
pub async fn outlook_add(fx: &GraphFixture, upn: &str, body: Value) -> Value {
    let reply = fx
        .control_call(
            Method::POST,
            &format!("/graph/mailboxes/{upn}/contacts"),
            Some(body),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "outlook add: {}",
        reply.body
    );
    reply.body
}

/// Every contact of a mailbox as the control API shows it (raw).
pub async fn raw(fx: &GraphFixture, upn: &str) -> Vec<Value> {
    let reply = fx
        .control_call(
            Method::GET,
            &format!("/graph/mailboxes/{upn}/contacts"),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "raw contacts: {}", reply.body);
    reply.body.as_array().cloned().unwrap_or_default()
}

/// The items of a collection answer.
pub fn values(reply: &Reply) -> Vec<Value> {
    reply.body["value"].as_array().cloned().unwrap_or_default()
}

/// A JPEG of `width`×`height` (its header; enough for a photo store), padded to `len` bytes.
pub fn jpeg(width: u16, height: u16, len: usize) -> Vec<u8> {
    let [wh, wl] = width.to_be_bytes();
    let [hh, hl] = height.to_be_bytes();
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xFF, 0xC0, 0x00, 0x11, 0x08, hh, hl, wh, wl, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ];
    bytes.resize(len.max(bytes.len() + 2) - 2, 0);
    bytes.extend([0xFF, 0xD9]);
    bytes
}

/// A PNG of `width`×`height` (signature and IHDR).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend(b"IHDR");
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

// ----- the contacts job against both demo fakes ---------------------------------------------

use office_connector_core::api::ContactsRun;
use office_connector_core::contacts::engine::ContactOutcome;
use office_connector_core::model::Trigger;

use crate::calendar_job::CalendarUser;
use crate::fakes_odoo::FakeOdoo;

/// Runs the contacts job for `user` (a state home connected to both fakes).
pub async fn sync(user: &CalendarUser) -> ContactsRun {
    user.ms
        .session
        .sync_contacts(
            &user.ms.runtime(),
            &*user.ms.secrets,
            Trigger::Manual,
            false,
        )
        .await
        .expect("the contacts run starts")
}

/// The contacts the connector made (they carry an extended property), raw.
pub fn exported(contacts: &[Value]) -> Vec<Value> {
    contacts
        .iter()
        .filter(|c| {
            c["extended_properties"]
                .as_array()
                .is_some_and(|p| !p.is_empty())
        })
        .cloned()
        .collect()
}

/// The connector's contacts of `upn`'s mailbox whose display name contains `name`.
pub async fn exported_named(fx: &GraphFixture, upn: &str, name: &str) -> Vec<Value> {
    exported(&raw(fx, upn).await)
        .into_iter()
        .filter(|c| {
            c["fields"]["displayName"]
                .as_str()
                .is_some_and(|d| d.contains(name))
        })
        .collect()
}

/// The one line of the run's report about `partner`.
pub fn line(run: &ContactsRun, partner: i64) -> &ContactOutcome {
    let found: Vec<&ContactOutcome> = run
        .report
        .contacts
        .iter()
        .filter(|c| c.partner == partner)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one line for {partner}: {:#?}",
        run.report.contacts
    );
    found[0]
}

/// The id of the demo contact named exactly `name` (archived ones too).
pub async fn partner_named(odoo: &FakeOdoo, name: &str) -> i64 {
    let admin = odoo.user("admin");
    let found = odoo
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["name", "=", name]]]),
            json!({"context": {"active_test": false}}),
        )
        .await;
    found[0]
        .as_i64()
        .unwrap_or_else(|| panic!("no partner {name}: {found}"))
}

/// Acts as the Odoo user `login` (`POST /_fake/act`); the answer's `result`, panicking on an
/// error.
pub async fn act(
    odoo: &FakeOdoo,
    login: &str,
    model: &str,
    method: &str,
    args: Value,
    kwargs: Value,
) -> Value {
    let answer = odoo
        .control_post(
            "act",
            json!({"login": login, "model": model, "method": method, "args": args,
                "kwargs": kwargs}),
        )
        .await;
    assert!(
        answer.get("error").is_none() && answer.get("message").is_none(),
        "{model}.{method} as {login}: {answer}"
    );
    answer.get("result").cloned().unwrap_or(Value::Null)
}

/// `login` (whose partner is `own`) stops following `partner` in Odoo.
pub async fn unfollow(odoo: &FakeOdoo, login: &str, partner: i64) {
    let own = odoo.user(login).odoo_partner_id;
    act(
        odoo,
        login,
        "res.partner",
        "message_unsubscribe",
        json!([[partner]]),
        json!({"partner_ids": [own]}),
    )
    .await;
}

/// `login` starts following `partners` in Odoo.
pub async fn follow(odoo: &FakeOdoo, login: &str, partners: &[i64]) {
    let own = odoo.user(login).odoo_partner_id;
    act(
        odoo,
        login,
        "res.partner",
        "message_subscribe",
        json!([partners]),
        json!({"partner_ids": [own]}),
    )
    .await;
}

/// Moves the fake Odoo's clock two seconds on: Odoo's `write_date` has second precision, so a
/// write a test makes right after a run lands in a later second than what that run read.
pub async fn later(odoo: &FakeOdoo) {
    odoo.control_put("clock", json!({"advance_seconds": 2}))
        .await;
}

/// The partners following `partner` in Odoo (read as its administrator).
pub async fn followers_of(odoo: &FakeOdoo, partner: i64) -> Vec<i64> {
    let admin = odoo.user("admin");
    let rows = odoo
        .ok(
            &admin,
            "mail.followers",
            "search_read",
            json!([[["res_model", "=", "res.partner"], ["res_id", "=", partner]]]),
            json!({"fields": ["partner_id"]}),
        )
        .await;
    rows.as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["partner_id"][0].as_i64())
                .collect()
        })
        .unwrap_or_default()
}

/// Odoo's administrator writes `vals` on contact `partner`.
pub async fn admin_writes(odoo: &FakeOdoo, partner: i64, vals: Value) {
    let admin = odoo.user("admin").odoo_login;
    act(
        odoo,
        &admin,
        "res.partner",
        "write",
        json!([[partner], vals]),
        json!({}),
    )
    .await;
}
