//! Helpers for tests against the fake Microsoft Graph and identity platform: start it, sign a
//! person in through real HTTP (authorization code + PKCE, as the desktop app does), call Graph
//! and the control API.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use office_connector_fakes::graph::seed::{DEMO_CLIENT_ID, DEMO_TENANT_ID};
use office_connector_fakes::graph::{FakeGraph, GraphConfig, GraphSeed};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The scopes the product asks for.
pub const SCOPES: &str = "offline_access openid profile User.Read Mail.ReadWrite Mail.Send Calendars.ReadWrite Contacts.ReadWrite";

/// A running fake Graph and an HTTP client that does not follow redirects.
#[derive(Debug, Clone)]
pub struct GraphFixture {
    /// The fake (shared: colleagues' homes talk to one fake, so a meeting reaches them all).
    pub fake: std::sync::Arc<FakeGraph>,
    /// Client without redirects (the sign-in redirect is inspected, not followed).
    pub http: reqwest::Client,
}

/// A response as the tests look at it.
#[derive(Debug)]
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// JSON body (`Null` when empty or not JSON).
    pub body: Value,
}

impl Reply {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A PKCE verifier and its S256 challenge.
pub fn pkce_pair() -> (String, String) {
    let verifier = format!(
        "verifier-{}-{}",
        std::process::id(),
        URL_SAFE_NO_PAD.encode(rand_bytes())
    );
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

fn rand_bytes() -> [u8; 16] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    nanos.to_le_bytes()
}

impl GraphFixture {
    /// The fake with the demo people.
    pub async fn demo() -> Self {
        Self::with(GraphConfig::default()).await
    }

    /// The fake with the demo tenant and apps but no people.
    pub async fn empty() -> Self {
        Self::with(GraphConfig {
            seed: GraphSeed::Empty,
            ..GraphConfig::default()
        })
        .await
    }

    /// The fake with `config`.
    pub async fn with(config: GraphConfig) -> Self {
        let fake = FakeGraph::start(config).await.expect("start fake graph");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            fake: std::sync::Arc::new(fake),
            http,
        }
    }

    /// URL of the identity endpoint `what` (`authorize`, `token`, `devicecode`) of the demo tenant.
    pub fn login(&self, what: &str) -> String {
        format!(
            "{}/{DEMO_TENANT_ID}/oauth2/v2.0/{what}",
            self.fake.login_url()
        )
    }

    /// URL of a Graph path (`/me/...`).
    pub fn graph(&self, path: &str) -> String {
        format!("{}{path}", self.fake.graph_url())
    }

    /// URL of a control-API path (`/graph/...`).
    pub fn control(&self, path: &str) -> String {
        format!("{}/_fake{path}", self.fake.base_url())
    }

    /// POSTs JSON to the control API and returns the JSON answer.
    pub async fn control_post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(self.control(path))
            .json(&body)
            .send()
            .await
            .expect("control call");
        assert!(
            response.status().is_success(),
            "control {path}: {}",
            response.status()
        );
        response.json().await.unwrap_or(Value::Null)
    }

    /// Calls the control API with any method; the answer as a [`Reply`].
    pub async fn control_call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.http.request(method, self.control(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        to_reply(request.send().await.expect("control call")).await
    }

    /// Moves the fake's clock forward (through the control API).
    pub async fn advance_clock(&self, seconds: i64) {
        self.control_post("/clock/advance", json!({"seconds": seconds}))
            .await;
    }

    /// Adds a person with an empty mailbox.
    pub async fn add_person(&self, upn: &str, display_name: &str) {
        self.control_post(
            "/graph/mailboxes",
            json!({"upn": upn, "display_name": display_name}),
        )
        .await;
    }

    /// Creates a folder (path from the root) in a mailbox; returns its id.
    pub async fn add_folder(&self, upn: &str, display_name: &str) -> String {
        let v = self
            .control_post(
                &format!("/graph/mailboxes/{upn}/folders"),
                json!({"display_name": display_name}),
            )
            .await;
        v["id"].as_str().expect("folder id").to_string()
    }

    /// Puts a mail into a folder as Outlook would; returns its REST id.
    pub async fn put_mail(&self, upn: &str, mail: Value) -> String {
        let v = self
            .control_post(&format!("/graph/mailboxes/{upn}/messages"), mail)
            .await;
        v["id"].as_str().expect("message id").to_string()
    }

    /// Starts authorization code + PKCE for `upn` and returns the `code` from the redirect.
    pub async fn authorize(
        &self,
        upn: &str,
        client_id: &str,
        redirect_uri: &str,
        challenge: &str,
    ) -> String {
        let response = self
            .http
            .get(self.login("authorize"))
            .query(&[
                ("client_id", client_id),
                ("response_type", "code"),
                ("redirect_uri", redirect_uri),
                ("response_mode", "query"),
                ("scope", SCOPES),
                ("state", "state-42"),
                ("code_challenge", challenge),
                ("code_challenge_method", "S256"),
                ("login_hint", upn),
            ])
            .send()
            .await
            .expect("authorize");
        assert_eq!(response.status(), StatusCode::FOUND, "authorize redirects");
        let location = response.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        let url = url::Url::parse(&location).expect("redirect url");
        let params: HashMap<String, String> = url.query_pairs().into_owned().collect();
        assert_eq!(
            params.get("state").map(String::as_str),
            Some("state-42"),
            "state echoed"
        );
        params.get("code").expect("code in redirect").clone()
    }

    /// POSTs a form to the token endpoint.
    pub async fn token(&self, form: &[(&str, &str)]) -> Reply {
        let response = self
            .http
            .post(self.login("token"))
            .form(form)
            .send()
            .await
            .expect("token");
        to_reply(response).await
    }

    /// Signs `upn` in with the desktop app (code + PKCE); returns the token response.
    pub async fn sign_in(&self, upn: &str) -> Value {
        let (verifier, challenge) = pkce_pair();
        let redirect = "http://localhost:53123/";
        let code = self
            .authorize(upn, DEMO_CLIENT_ID, redirect, &challenge)
            .await;
        let reply = self
            .token(&[
                ("client_id", DEMO_CLIENT_ID),
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", redirect),
                ("code_verifier", &verifier),
            ])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "token: {}", reply.body);
        reply.body
    }

    /// Signs `upn` in and returns just the access token.
    pub async fn access_token(&self, upn: &str) -> String {
        self.sign_in(upn).await["access_token"]
            .as_str()
            .expect("access token")
            .to_string()
    }

    /// GET with a bearer token and extra headers.
    pub async fn get(&self, token: &str, url: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self.http.get(url).bearer_auth(token);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        to_reply(request.send().await.expect("graph get")).await
    }

    /// Sends `method` with a JSON body and a bearer token.
    pub async fn send(
        &self,
        token: &str,
        method: reqwest::Method,
        url: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self.http.request(method, url).bearer_auth(token);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        to_reply(request.send().await.expect("graph call")).await
    }
}

/// Reads a response into a [`Reply`].
pub async fn to_reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
    }
}
