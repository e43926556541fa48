//! Sign-in against the fake identity platform, through HTTP as the desktop app does it:
//! authorization code + PKCE, refresh, device code, and Microsoft's AADSTS errors.

use it::graph::{GraphFixture, SCOPES, pkce_pair};
use office_connector_fakes::graph::seed::{DEMO_CLIENT_ID, WEB_CLIENT_ID, WEB_CLIENT_SECRET};
use office_connector_fakes::graph::{GraphConfig, GraphSeed};
use reqwest::StatusCode;
use serde_json::{Value, json};

const LENA: &str = "lena.schaefer@yourcompany.example.com";
const JONAS: &str = "jonas.weiss@yourcompany.example.com";

fn assert_aadsts(body: &Value, error: &str, code: u64) {
    assert_eq!(body["error"], error, "error in {body}");
    let description = body["error_description"]
        .as_str()
        .expect("error_description");
    assert!(
        description.starts_with(&format!("AADSTS{code}: ")),
        "description {description}"
    );
    assert!(description.contains("\r\nTrace ID: ") && description.contains("\r\nCorrelation ID: "));
    assert_eq!(body["error_codes"], json!([code]));
    for key in ["timestamp", "trace_id", "correlation_id"] {
        assert!(
            body[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key} in {body}"
        );
    }
}

#[tokio::test]
async fn code_with_pkce_signs_in_and_graph_accepts_the_token() {
    let fx = GraphFixture::demo().await;
    let tokens = fx.sign_in(LENA).await;
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["expires_in"].as_i64().is_some_and(|s| s > 0));
    assert!(
        tokens["refresh_token"].is_string(),
        "offline_access gives a refresh token"
    );
    assert!(tokens["id_token"].is_string(), "openid gives an id token");
    let me = fx
        .get(
            tokens["access_token"].as_str().expect("token"),
            &fx.graph("/me"),
            &[],
        )
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["userPrincipalName"], LENA);
    assert_eq!(me.body["displayName"], "Lena Schäfer");
}

#[tokio::test]
async fn a_wrong_verifier_fails_and_a_code_is_single_use() {
    let fx = GraphFixture::demo().await;
    let (verifier, challenge) = pkce_pair();
    let redirect = "http://localhost:40001/";
    let code = fx
        .authorize(LENA, DEMO_CLIENT_ID, redirect, &challenge)
        .await;
    let redeem = |verifier: String| {
        let code = code.clone();
        let fx = &fx;
        async move {
            fx.token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", redirect),
                ("code_verifier", &verifier),
            ])
            .await
        }
    };
    let wrong = redeem("not-the-verifier".into()).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&wrong.body, "invalid_grant", 501481);

    let right = redeem(verifier.clone()).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.body);

    let again = redeem(verifier).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&again.body, "invalid_grant", 54005);
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let fx = GraphFixture::demo().await;
    let (verifier, challenge) = pkce_pair();
    let code = fx
        .authorize(LENA, DEMO_CLIENT_ID, "http://localhost/", &challenge)
        .await;
    fx.advance_clock(11 * 60).await;
    let reply = fx
        .token(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://localhost/"),
            ("code_verifier", &verifier),
        ])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&reply.body, "invalid_grant", 70008);
}

#[tokio::test]
async fn every_refresh_returns_a_new_refresh_token_and_the_old_one_stays_valid() {
    // GRAPH_FACTS §1.5: refresh tokens replace themselves on every use; the old one is not revoked.
    let fx = GraphFixture::demo().await;
    let first = fx.sign_in(LENA).await;
    let old = first["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_string();
    let refresh = |token: String| {
        let fx = &fx;
        async move {
            fx.token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("refresh_token", &token),
                ("scope", SCOPES),
            ])
            .await
        }
    };
    let second = refresh(old.clone()).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let new = second.body["refresh_token"]
        .as_str()
        .expect("rotated refresh token")
        .to_string();
    assert_ne!(new, old, "each refresh returns a new refresh token");
    assert_ne!(second.body["access_token"], first["access_token"]);
    let me = fx
        .get(
            second.body["access_token"].as_str().expect("token"),
            &fx.graph("/me"),
            &[],
        )
        .await;
    assert_eq!(me.status, StatusCode::OK);

    assert_eq!(refresh(new).await.status, StatusCode::OK);
    assert_eq!(
        refresh(old).await.status,
        StatusCode::OK,
        "Microsoft does not revoke the replaced token"
    );
}

#[tokio::test]
async fn revoked_or_inactive_refresh_tokens_are_rejected_with_their_aadsts_codes() {
    let fx = GraphFixture::demo().await;
    let anna = fx.sign_in(LENA).await["refresh_token"]
        .as_str()
        .expect("rt")
        .to_string();
    let ben = fx.sign_in(JONAS).await["refresh_token"]
        .as_str()
        .expect("rt")
        .to_string();
    let refresh = |token: String| {
        let fx = &fx;
        async move {
            fx.token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("refresh_token", &token),
            ])
            .await
        }
    };

    fx.control_post(
        "/identity/refresh-tokens/revoke",
        json!({"upn": LENA, "reason": "revoked"}),
    )
    .await;
    let revoked = refresh(anna).await;
    assert_eq!(revoked.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&revoked.body, "invalid_grant", 50173);
    assert_eq!(
        refresh(ben.clone()).await.status,
        StatusCode::OK,
        "other people are unaffected"
    );

    fx.advance_clock(91 * 24 * 3600).await;
    let inactive = refresh(ben).await;
    assert_eq!(inactive.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&inactive.body, "invalid_grant", 700082);
}

#[tokio::test]
async fn device_code_polls_pending_until_the_person_approves() {
    let fx = GraphFixture::demo().await;
    let response = fx
        .http
        .post(fx.login("devicecode"))
        .form(&[("client_id", DEMO_CLIENT_ID), ("scope", SCOPES)])
        .send()
        .await
        .expect("devicecode");
    assert_eq!(response.status(), StatusCode::OK);
    let start: Value = response.json().await.expect("json");
    for key in ["device_code", "user_code", "verification_uri", "message"] {
        assert!(start[key].is_string(), "{key} in {start}");
    }
    assert_eq!(start["expires_in"], 900);
    assert_eq!(start["interval"], 5);
    let device_code = start["device_code"]
        .as_str()
        .expect("device code")
        .to_string();
    let poll = || {
        let fx = &fx;
        let device_code = device_code.clone();
        async move {
            fx.token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", &device_code),
            ])
            .await
        }
    };
    let pending = poll().await;
    assert_eq!(pending.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&pending.body, "authorization_pending", 70016);

    fx.control_post(
        "/identity/devicecode/approve",
        json!({"user_code": start["user_code"], "upn": JONAS}),
    )
    .await;
    let done = poll().await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let me = fx
        .get(
            done.body["access_token"].as_str().expect("token"),
            &fx.graph("/me"),
            &[],
        )
        .await;
    assert_eq!(me.body["userPrincipalName"], JONAS);

    let reused = poll().await;
    assert_eq!(
        reused.status,
        StatusCode::BAD_REQUEST,
        "a device code is redeemed once"
    );
}

#[tokio::test]
async fn a_declined_or_expired_device_code_stops_the_flow() {
    let fx = GraphFixture::demo().await;
    let start = || {
        let fx = &fx;
        async move {
            let v: Value = fx
                .http
                .post(fx.login("devicecode"))
                .form(&[("client_id", DEMO_CLIENT_ID), ("scope", SCOPES)])
                .send()
                .await
                .expect("devicecode")
                .json()
                .await
                .expect("json");
            v
        }
    };
    let poll = |device_code: String| {
        let fx = &fx;
        async move {
            fx.token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", &device_code),
            ])
            .await
        }
    };
    let declined = start().await;
    fx.control_post(
        "/identity/devicecode/decline",
        json!({"user_code": declined["user_code"]}),
    )
    .await;
    let reply = poll(declined["device_code"].as_str().expect("code").to_string()).await;
    assert_eq!(reply.body["error"], "authorization_declined");

    let expired = start().await;
    fx.advance_clock(901).await;
    let reply = poll(expired["device_code"].as_str().expect("code").to_string()).await;
    assert_aadsts(&reply.body, "expired_token", 70020);
}

#[tokio::test]
async fn an_unregistered_redirect_is_shown_on_the_sign_in_page_not_redirected() {
    let fx = GraphFixture::demo().await;
    let (_, challenge) = pkce_pair();
    for redirect in [
        "http://localhost:5000/other-path",
        "https://evil.example/callback",
        "http://127.0.0.1:5000/",
    ] {
        let response = fx
            .http
            .get(fx.login("authorize"))
            .query(&[
                ("client_id", DEMO_CLIENT_ID),
                ("response_type", "code"),
                ("redirect_uri", redirect),
                ("scope", SCOPES),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("login_hint", LENA),
            ])
            .send()
            .await
            .expect("authorize");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{redirect}");
        assert!(
            response.headers().get("location").is_none(),
            "never redirected: {redirect}"
        );
        assert!(
            response.text().await.expect("page").contains("AADSTS50011"),
            "{redirect}"
        );
    }
    // The loopback exception: any port of the registered http://localhost matches.
    fx.authorize(LENA, DEMO_CLIENT_ID, "http://localhost:61234", &challenge)
        .await;
}

#[tokio::test]
async fn a_public_client_must_not_send_a_secret() {
    let fx = GraphFixture::demo().await;
    let (verifier, challenge) = pkce_pair();
    let code = fx
        .authorize(LENA, DEMO_CLIENT_ID, "http://localhost:1234/", &challenge)
        .await;
    let reply = fx
        .token(&[
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", "shipped-in-the-binary"),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://localhost:1234/"),
            ("code_verifier", &verifier),
        ])
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_aadsts(&reply.body, "invalid_client", 700025);
}

#[tokio::test]
async fn a_web_app_must_send_its_secret() {
    let fx = GraphFixture::demo().await;
    let (verifier, challenge) = pkce_pair();
    let redirect = "http://localhost/office365/authorization";
    let code = fx
        .authorize(LENA, WEB_CLIENT_ID, redirect, &challenge)
        .await;
    let form = |secret: Option<&'static str>| {
        let mut form = vec![
            ("client_id", WEB_CLIENT_ID.to_string()),
            ("grant_type", "authorization_code".to_string()),
            ("code", code.clone()),
            ("redirect_uri", redirect.to_string()),
            ("code_verifier", verifier.clone()),
        ];
        if let Some(s) = secret {
            form.push(("client_secret", s.to_string()));
        }
        form
    };
    let without: Vec<(&str, String)> = form(None);
    let without: Vec<(&str, &str)> = without.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = fx.token(&without).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_aadsts(&reply.body, "invalid_client", 7000218);

    let with: Vec<(&str, String)> = form(Some(WEB_CLIENT_SECRET));
    let with: Vec<(&str, &str)> = with.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = fx.token(&with).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[tokio::test]
async fn device_code_needs_public_client_flows_enabled() {
    let fx = GraphFixture::demo().await;
    let start: Value = fx
        .http
        .post(fx.login("devicecode"))
        .form(&[("client_id", WEB_CLIENT_ID), ("scope", SCOPES)])
        .send()
        .await
        .expect("devicecode")
        .json()
        .await
        .expect("json");
    let reply = fx
        .token(&[
            ("client_id", WEB_CLIENT_ID),
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            (
                "device_code",
                start["device_code"].as_str().expect("device code"),
            ),
        ])
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_aadsts(&reply.body, "invalid_client", 7000218);
}

#[tokio::test]
async fn an_expired_access_token_is_rejected_until_the_client_refreshes() {
    let fx = GraphFixture::with(GraphConfig {
        access_token_lifetime: std::time::Duration::from_secs(60),
        ..GraphConfig::default()
    })
    .await;
    let tokens = fx.sign_in(LENA).await;
    assert_eq!(tokens["expires_in"], 60);
    let access = tokens["access_token"].as_str().expect("token");
    assert_eq!(
        fx.get(access, &fx.graph("/me"), &[]).await.status,
        StatusCode::OK
    );

    fx.advance_clock(61).await;
    let expired = fx.get(access, &fx.graph("/me"), &[]).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.body["error"]["code"], "InvalidAuthenticationToken");
    assert!(
        expired
            .header("www-authenticate")
            .is_some_and(|h| h.starts_with("Bearer"))
    );

    let refreshed = fx
        .token(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            (
                "refresh_token",
                tokens["refresh_token"].as_str().expect("rt"),
            ),
        ])
        .await;
    let fresh = refreshed.body["access_token"]
        .as_str()
        .expect("fresh token");
    assert_eq!(
        fx.get(fresh, &fx.graph("/me"), &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn graph_without_a_token_is_401() {
    let fx = GraphFixture::with(GraphConfig {
        seed: GraphSeed::Demo,
        ..GraphConfig::default()
    })
    .await;
    let reply = it::graph::to_reply(fx.http.get(fx.graph("/me")).send().await.expect("get")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["error"]["code"], "InvalidAuthenticationToken");
    let forged = fx
        .get("EwB-not-issued-by-the-fake", &fx.graph("/me"), &[])
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_unknown_app_or_tenant_is_rejected() {
    let fx = GraphFixture::demo().await;
    let reply = fx
        .token(&[
            ("client_id", "00000000-0000-0000-0000-000000000001"),
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
        ])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_aadsts(&reply.body, "unauthorized_client", 700016);
    let wrong_tenant = fx
        .http
        .post(format!(
            "{}/no-such-tenant.example/oauth2/v2.0/token",
            fx.fake.login_url()
        ))
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
        ])
        .send()
        .await
        .expect("token");
    let reply = it::graph::to_reply(wrong_tenant).await;
    assert_aadsts(&reply.body, "invalid_request", 90002);
}

#[tokio::test]
async fn discovery_names_the_endpoints_a_client_signs_in_with() {
    let fx = GraphFixture::demo().await;
    let tenant = office_connector_fakes::graph::seed::DEMO_TENANT_ID;
    let url = format!(
        "{}/{tenant}/v2.0/.well-known/openid-configuration",
        fx.fake.login_url()
    );
    let config: Value = fx
        .http
        .get(url)
        .send()
        .await
        .expect("discovery")
        .json()
        .await
        .expect("json");
    assert_eq!(config["authorization_endpoint"], fx.login("authorize"));
    assert_eq!(config["token_endpoint"], fx.login("token"));
    assert_eq!(
        config["device_authorization_endpoint"],
        fx.login("devicecode")
    );
}

#[tokio::test]
async fn mfa_or_withdrawn_consent_stops_refresh_with_their_aadsts_codes() {
    let fx = GraphFixture::demo().await;
    for (reason, code) in [("mfa_required", 50076), ("consent_required", 65001)] {
        let token = fx.sign_in(LENA).await["refresh_token"]
            .as_str()
            .expect("rt")
            .to_string();
        fx.control_post(
            "/identity/refresh-tokens/revoke",
            json!({"upn": LENA, "reason": reason}),
        )
        .await;
        let reply = fx
            .token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("refresh_token", &token),
            ])
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_aadsts(&reply.body, "invalid_grant", code);
    }
}

#[tokio::test]
async fn a_token_without_mail_permission_reads_the_person_but_not_the_mail() {
    let fx = GraphFixture::demo().await;
    let (verifier, challenge) = pkce_pair();
    let response = fx
        .http
        .get(fx.login("authorize"))
        .query(&[
            ("client_id", DEMO_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", "http://localhost/"),
            ("scope", "offline_access User.Read"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("login_hint", LENA),
        ])
        .send()
        .await
        .expect("authorize");
    let location =
        url::Url::parse(response.headers()["location"].to_str().expect("location")).expect("url");
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let tokens = fx
        .token(&[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://localhost/"),
            ("code_verifier", &verifier),
        ])
        .await;
    assert_eq!(tokens.body["scope"], "User.Read");
    let token = tokens.body["access_token"].as_str().expect("token");
    assert_eq!(
        fx.get(token, &fx.graph("/me"), &[]).await.status,
        StatusCode::OK
    );
    let mail = fx.get(token, &fx.graph("/me/mailFolders"), &[]).await;
    assert_eq!(mail.status, StatusCode::FORBIDDEN);
    assert_eq!(mail.body["error"]["code"], "ErrorAccessDenied");
}
