//! Odoo versions 16-19: each modelled difference, checked once per version.
//!
//! - `common.version` reports the chosen version;
//! - the JSON-2 API (`/json/2/<model>/<method>`, bearer API key) exists only on 19, earlier it is
//!   werkzeug's HTML 404 (transcript 163);
//! - `res.partner.mobile` is gone in 19 (OCA ships `partner_mobile` for 19.0 to add it back).

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::{Value, json};

async fn reports_its_version(version: OdooVersion, major: i64) {
    let fake = FakeOdoo::start(Seed::Empty, version).await;
    let resp = fake.jsonrpc("common", "version", json!([])).await;
    assert_eq!(resp["result"]["server_version"], format!("{major}.0"));
    assert_eq!(resp["result"]["server_version_info"][0], major);
}

async fn json2_probe(fake: &FakeOdoo, key: &str) -> reqwest::Response {
    fake.http
        .post(format!("{}/json/2/res.partner/search_read", fake.url()))
        .header("Authorization", format!("bearer {key}"))
        .header("X-Odoo-Database", "odoo")
        .json(&json!({"domain": [["id", "=", 3]], "fields": ["name"], "limit": 1}))
        .send()
        .await
        .expect("answers")
}

async fn json2_is_absent(version: OdooVersion) {
    let fake = FakeOdoo::start(Seed::Empty, version).await;
    let key = fake.user("admin").odoo_api_key;
    let resp = json2_probe(&fake, &key).await;
    assert_eq!(resp.status(), 404);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("<title>404 Not Found</title>")
    );
}

async fn has_mobile(version: OdooVersion, expected: bool) {
    let fake = FakeOdoo::start(Seed::Empty, version).await;
    let admin = fake.user("admin");
    let fields = fake
        .ok(
            &admin,
            "res.partner",
            "fields_get",
            json!([]),
            json!({"attributes": ["type"]}),
        )
        .await;
    assert_eq!(fields.get("mobile").is_some(), expected);
    let resp = fake
        .execute_as(
            &admin,
            "res.partner",
            "read",
            json!([[3]]),
            json!({"fields": ["name", "mobile"]}),
        )
        .await;
    if expected {
        assert_eq!(resp["result"][0]["mobile"], false);
    } else {
        assert_eq!(
            resp["error"]["data"]["message"],
            "Invalid field 'mobile' on model 'res.partner'"
        );
    }
}

#[tokio::test]
async fn odoo_16_reports_version_16() {
    reports_its_version(OdooVersion::V16, 16).await;
}
#[tokio::test]
async fn odoo_17_reports_version_17() {
    reports_its_version(OdooVersion::V17, 17).await;
}
#[tokio::test]
async fn odoo_18_reports_version_18() {
    reports_its_version(OdooVersion::V18, 18).await;
}
#[tokio::test]
async fn odoo_19_reports_version_19() {
    reports_its_version(OdooVersion::V19, 19).await;
}

#[tokio::test]
async fn odoo_16_has_no_json2_api() {
    json2_is_absent(OdooVersion::V16).await;
}
#[tokio::test]
async fn odoo_17_has_no_json2_api() {
    json2_is_absent(OdooVersion::V17).await;
}
#[tokio::test]
async fn odoo_18_has_no_json2_api() {
    json2_is_absent(OdooVersion::V18).await;
}
#[tokio::test]
async fn odoo_19_serves_json2_with_a_bearer_api_key_and_rejects_a_wrong_one() {
    let fake = FakeOdoo::start(Seed::Empty, OdooVersion::V19).await;
    let key = fake.user("admin").odoo_api_key;
    let resp = json2_probe(&fake, &key).await;
    assert_eq!(resp.status(), 200);
    let rows: Value = resp.json().await.unwrap();
    assert_eq!(rows, json!([{"id": 3, "name": "Mitchell Admin"}]));
    let denied = json2_probe(&fake, "wrong-key").await;
    assert_eq!(denied.status(), 401);
    let body: Value = denied.json().await.unwrap();
    assert_eq!(body["name"], "odoo.exceptions.AccessDenied");
    // the password is not a bearer token
    assert_eq!(json2_probe(&fake, "admin").await.status(), 401);
}

#[tokio::test]
async fn odoo_16_has_the_partner_mobile_field() {
    has_mobile(OdooVersion::V16, true).await;
}
#[tokio::test]
async fn odoo_17_has_the_partner_mobile_field() {
    has_mobile(OdooVersion::V17, true).await;
}
#[tokio::test]
async fn odoo_18_has_the_partner_mobile_field() {
    has_mobile(OdooVersion::V18, true).await;
}
#[tokio::test]
async fn odoo_19_has_no_partner_mobile_field() {
    has_mobile(OdooVersion::V19, false).await;
}
