//! Protocol behaviour of the fake Graph: throttling like Exchange (concurrency and request
//! budget), injected faults, the error envelope with request ids, and request counts.

use it::graph::{GraphFixture, to_reply};
use reqwest::StatusCode;
use serde_json::{Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";
const JONAS: &str = "jonas.weiss@yourcompany.example.com";

async fn count(fx: &GraphFixture, endpoint: &str, mailbox: &str) -> u64 {
    let counts: Value = fx
        .http
        .get(fx.control("/graph/requests"))
        .send()
        .await
        .expect("counts")
        .json()
        .await
        .expect("json");
    counts
        .as_array()
        .expect("list")
        .iter()
        .filter(|c| c["endpoint"] == endpoint && c["mailbox"] == mailbox)
        .filter_map(|c| c["count"].as_u64())
        .sum()
}

#[tokio::test]
async fn a_fifth_concurrent_request_to_one_mailbox_gets_429_with_retry_after() {
    let fx = GraphFixture::demo().await;
    let anna = fx.access_token(LENA).await;
    let ben = fx.access_token(JONAS).await;
    // Hold Anna's requests open so four are in flight at once.
    fx.control_post("/graph/faults", json!({"kind": "hold", "mailbox": LENA}))
        .await;
    let mut held = Vec::new();
    for _ in 0..4 {
        let http = fx.http.clone();
        let url = fx.graph("/me");
        let token = anna.clone();
        held.push(tokio::spawn(async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .map(|r| r.status())
        }));
    }
    // Wait until the fake has admitted all four (counted), then send the fifth.
    while count(&fx, "GET /v1.0/me", LENA).await < 4 {
        tokio::task::yield_now().await;
    }
    let fifth = fx.get(&anna, &fx.graph("/me"), &[]).await;
    assert_eq!(
        fifth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        fifth.body
    );
    assert_eq!(fifth.body["error"]["code"], "ApplicationThrottled");
    assert!(
        fifth.body["error"]["message"]
            .as_str()
            .expect("message")
            .contains("MailboxConcurrency")
    );
    let retry_after: u64 = fifth
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(retry_after >= 1);

    let other = fx.get(&ben, &fx.graph("/me"), &[]).await;
    assert_eq!(
        other.status,
        StatusCode::OK,
        "another mailbox is not throttled"
    );
    fx.control_post("/graph/release", json!({})).await;
    for h in held {
        assert_eq!(
            h.await.expect("join").expect("held request"),
            StatusCode::OK
        );
    }
    let after = fx.get(&anna, &fx.graph("/me/mailFolders/inbox"), &[]).await;
    assert_eq!(after.status, StatusCode::OK, "slots are released");
}

#[tokio::test]
async fn the_request_budget_per_window_throttles_until_the_window_passes() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let limits = json!({"max_concurrent_per_mailbox": 4, "concurrency_retry_after_secs": 1, "requests_per_window": 3, "window_secs": 60});
    let put = fx
        .http
        .put(fx.control("/graph/limits"))
        .json(&limits)
        .send()
        .await
        .expect("limits");
    assert!(put.status().is_success());
    for _ in 0..3 {
        assert_eq!(
            fx.get(&token, &fx.graph("/me"), &[]).await.status,
            StatusCode::OK
        );
    }
    let over = fx.get(&token, &fx.graph("/me"), &[]).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = over
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    fx.advance_clock(61).await;
    assert_eq!(
        fx.get(&token, &fx.graph("/me"), &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn injected_faults_answer_5xx_429_storms_and_dropped_connections_then_recover() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let url = fx.graph("/me/mailFolders/inbox");

    fx.control_post(
        "/graph/faults",
        json!({"kind": "server_error", "status": 503, "count": 1}),
    )
    .await;
    let unavailable = fx.get(&token, &url, &[]).await;
    assert_eq!(unavailable.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unavailable.body["error"]["code"], "ServiceUnavailable");
    assert_eq!(fx.get(&token, &url, &[]).await.status, StatusCode::OK);

    fx.control_post("/graph/faults", json!({"kind": "throttle", "retry_after_secs": 7, "count": 2, "path_contains": "mailFolders"})).await;
    assert_eq!(
        fx.get(&token, &fx.graph("/me"), &[]).await.status,
        StatusCode::OK,
        "other paths are spared"
    );
    for _ in 0..2 {
        let storm = fx.get(&token, &url, &[]).await;
        assert_eq!(storm.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(storm.header("retry-after"), Some("7"));
    }
    assert_eq!(fx.get(&token, &url, &[]).await.status, StatusCode::OK);

    fx.control_post(
        "/graph/faults",
        json!({"kind": "drop_connection", "count": 1}),
    )
    .await;
    let dropped = async {
        fx.http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await?
            .bytes()
            .await
    }
    .await;
    assert!(dropped.is_err(), "the connection drops: {dropped:?}");
    assert_eq!(fx.get(&token, &url, &[]).await.status, StatusCode::OK);
}

#[tokio::test]
async fn errors_carry_the_envelope_with_request_ids() {
    let fx = GraphFixture::demo().await;
    let token = fx.access_token(LENA).await;
    let reply = fx
        .get(
            &token,
            &fx.graph("/me/messages/AAMkAGI2doesnotexistAAAAAAAAAAAAAAAAAAA="),
            &[("client-request-id", "c0ffee00-1111-2222-3333-444455556666")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let inner = &reply.body["error"]["innerError"];
    assert_eq!(
        inner["client-request-id"],
        "c0ffee00-1111-2222-3333-444455556666"
    );
    assert_eq!(
        reply.header("client-request-id"),
        Some("c0ffee00-1111-2222-3333-444455556666")
    );
    assert_eq!(inner["request-id"].as_str(), reply.header("request-id"));
    let date = inner["date"].as_str().expect("date");
    assert_eq!(date.len(), 19, "date without Z: {date}");
    assert!(
        reply
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json"))
    );

    let ok = fx.get(&token, &fx.graph("/me"), &[]).await;
    assert!(ok.header("request-id").is_some());
    assert_eq!(
        ok.header("client-request-id"),
        ok.header("request-id"),
        "echoes its own id when the client sent none"
    );

    let unknown = to_reply(
        fx.http
            .get(fx.graph("/me/nosuchthing"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get"),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.body["error"]["code"], "BadRequest");
    let wrong_method = fx
        .send(&token, reqwest::Method::PUT, &fx.graph("/me"), None, &[])
        .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.body["error"]["innerError"]["request-id"].is_string());
}

#[tokio::test]
async fn request_counts_are_kept_per_endpoint_and_mailbox() {
    let fx = GraphFixture::demo().await;
    let anna = fx.access_token(LENA).await;
    let ben = fx.access_token(JONAS).await;
    for _ in 0..3 {
        fx.get(&anna, &fx.graph("/me/mailFolders/inbox"), &[]).await;
    }
    fx.get(&ben, &fx.graph("/me/mailfolders/inbox"), &[]).await;
    assert_eq!(
        count(&fx, "GET /v1.0/me/mailFolders/{folder_id}", LENA).await,
        3
    );
    assert_eq!(
        count(&fx, "GET /v1.0/me/mailFolders/{folder_id}", JONAS).await,
        1,
        "paths are case-insensitive"
    );
    assert_eq!(
        count(&fx, "POST /login/{tenant}/oauth2/v2.0/token", "").await,
        2
    );
    let reset = fx
        .http
        .delete(fx.control("/graph/requests"))
        .send()
        .await
        .expect("reset");
    assert!(reset.status().is_success());
    assert_eq!(
        count(&fx, "GET /v1.0/me/mailFolders/{folder_id}", LENA).await,
        0
    );
}
