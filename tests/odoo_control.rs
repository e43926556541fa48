//! The fake Odoo's control API: injected faults (HTTP 5xx, dropped connections, server down),
//! request counts, reseeding and direct record access for tests.

// NOTE: a test panics to report a failure; unwrapping the fake's answers is the point.
#![allow(clippy::unwrap_used)]

use it::fakes_odoo::FakeOdoo;
use office_connector_fakes::odoo::{OdooVersion, Seed};
use serde_json::json;

async fn search_count(fake: &FakeOdoo) -> reqwest::Result<reqwest::Response> {
    let admin = fake.user("admin");
    let body = json!({"jsonrpc": "2.0", "method": "call", "params": {"service": "object", "method": "execute_kw", "args": [admin.odoo_db, 2, admin.odoo_password, "res.partner", "search_count", [[]]]}, "id": 1});
    fake.http
        .post(format!("{}/jsonrpc", fake.url()))
        .json(&body)
        .send()
        .await
}

#[tokio::test]
async fn an_injected_5xx_hits_only_the_chosen_call_and_only_as_often_as_asked() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let admin = fake.user("admin");
    fake.control_put("faults", json!({"http_error": {"status": 502, "model": "res.partner", "method": "write", "skip": 1, "count": 1}})).await;
    assert_eq!(
        search_count(&fake).await.unwrap().status(),
        200,
        "other calls pass"
    );
    assert_eq!(
        fake.ok(
            &admin,
            "res.partner",
            "write",
            json!([[3], {"phone": "1"}]),
            json!({})
        )
        .await,
        true,
        "the first write passes (skip 1)"
    );
    let body = json!({"jsonrpc": "2.0", "method": "call", "params": {"service": "object", "method": "execute_kw", "args": ["demo", 2, "admin", "res.partner", "write", [[3], {"phone": "2"}]]}, "id": 1});
    let failed = fake
        .http
        .post(format!("{}/jsonrpc", fake.url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), 502);
    let phone = fake
        .ok(
            &admin,
            "res.partner",
            "read",
            json!([[3]]),
            json!({"fields": ["phone"]}),
        )
        .await;
    assert_eq!(phone[0]["phone"], "1", "the failed write changed nothing");
    assert_eq!(
        fake.ok(
            &admin,
            "res.partner",
            "write",
            json!([[3], {"phone": "3"}]),
            json!({})
        )
        .await,
        true,
        "count 1: the next write passes again"
    );
}

#[tokio::test]
async fn a_server_that_is_down_closes_api_connections_while_the_control_api_answers() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    fake.control_put("faults", json!({"down": true})).await;
    assert!(search_count(&fake).await.is_err(), "no answer while down");
    assert_eq!(fake.control_get("faults").await["down"], true);
    fake.control_delete("faults").await;
    assert_eq!(search_count(&fake).await.unwrap().status(), 200);
}

#[tokio::test]
async fn dropped_connections_fail_the_next_requests_only() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    fake.control_put("faults", json!({"drop_connections": 1}))
        .await;
    assert!(search_count(&fake).await.is_err());
    assert_eq!(search_count(&fake).await.unwrap().status(), 200);
}

#[tokio::test]
async fn request_counts_are_kept_per_model_and_method_and_can_be_reset() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let admin = fake.user("admin");
    fake.jsonrpc(
        "common",
        "authenticate",
        json!(["demo", "admin", "admin", {}]),
    )
    .await;
    for _ in 0..3 {
        fake.ok(
            &admin,
            "res.partner",
            "search_read",
            json!([[]]),
            json!({"fields": ["name"], "limit": 1}),
        )
        .await;
    }
    fake.ok(
        &admin,
        "res.partner",
        "search_count",
        json!([[]]),
        json!({}),
    )
    .await;
    let counts = fake.control_get("requests").await;
    assert_eq!(counts["counts"]["res.partner.search_read"], 3);
    assert_eq!(counts["counts"]["res.partner.search_count"], 1);
    assert_eq!(counts["counts"]["common.authenticate"], 1);
    assert_eq!(counts["total"], 5);
    fake.control_delete("requests").await;
    assert_eq!(fake.control_get("requests").await["total"], 0);
}

#[tokio::test]
async fn reseeding_restores_the_world_and_records_can_be_inserted_and_read_directly() {
    let fake = FakeOdoo::start(Seed::Demo, OdooVersion::V17).await;
    let admin = fake.user("admin");
    let inserted = fake.control_post("records/demo/res.partner", json!({"values": {"name": "Direkt eingefügt", "active": true, "email": "direkt@example.com"}})).await;
    let id = inserted["id"].as_i64().unwrap();
    let found = fake
        .ok(
            &admin,
            "res.partner",
            "search",
            json!([[["email", "=ilike", "DIREKT@example.com"]]]),
            json!({}),
        )
        .await;
    assert_eq!(found, json!([id]));
    let raw = fake
        .control_get(&format!("records/demo/res.partner?ids={id}"))
        .await;
    assert_eq!(raw[0]["name"], "Direkt eingefügt");
    let users = fake.control_post("seed", json!({"seed": "empty"})).await;
    assert_eq!(users.as_array().unwrap().len(), 1);
    let resp = fake
        .jsonrpc(
            "common",
            "authenticate",
            json!(["demo", "admin", "admin", {}]),
        )
        .await;
    assert_eq!(
        resp["error"]["data"]["name"], "psycopg2.OperationalError",
        "the empty seed has only the `odoo` database"
    );
}
