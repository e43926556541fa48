//! A fake Odoo started in-process for one test, and a minimal JSON-RPC caller for it.
//!
//! The caller is deliberately raw (plain JSON over reqwest): the tests check the fake's wire
//! contract, so they must not go through the product's client.

use office_connector_fakes::odoo::store::Clock;
use office_connector_fakes::odoo::{OdooServer, OdooState, OdooVersion, Seed, SeedUser};
use serde_json::{Value, json};

/// The path of `shared/` (CI keeps it next to the repository).
pub fn shared_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

/// A running fake Odoo plus an HTTP client.
pub struct FakeOdoo {
    /// The server (stops when dropped).
    pub server: OdooServer,
    /// A keep-alive HTTP client.
    pub http: reqwest::Client,
}

impl FakeOdoo {
    /// Starts a fake Odoo of that version and seed on a free port.
    pub async fn start(seed: Seed, version: OdooVersion) -> Self {
        let server = OdooServer::start(OdooState::new(version, seed), 0)
            .await
            .expect("fake odoo starts");
        Self {
            server,
            http: reqwest::Client::new(),
        }
    }

    /// Starts a fake Odoo whose clock stands still at `now` (UTC) from the seed on, so a test
    /// that depends on "now" (invitations go out only for future events) answers the same on
    /// any day.
    pub async fn start_at(seed: Seed, version: OdooVersion, now: chrono::NaiveDateTime) -> Self {
        let clock = Clock {
            frozen: Some(now),
            ..Clock::default()
        };
        let server = OdooServer::start(OdooState::with_clock(version, seed, clock), 0)
            .await
            .expect("fake odoo starts");
        Self {
            server,
            http: reqwest::Client::new(),
        }
    }

    /// Base URL.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The seed's user with that login.
    pub fn user(&self, login: &str) -> SeedUser {
        let state = self.server.state();
        let guard = office_connector_fakes::odoo::server::lock(&state);
        guard
            .users
            .iter()
            .find(|u| u.odoo_login == login)
            .cloned()
            .expect("seed has that user")
    }

    /// Posts a JSON-RPC call and returns the whole response object.
    pub async fn jsonrpc(&self, service: &str, method: &str, args: Value) -> Value {
        let body = json!({"jsonrpc": "2.0", "method": "call", "params": {"service": service, "method": method, "args": args}, "id": 1});
        let resp = self
            .http
            .post(format!("{}/jsonrpc", self.url()))
            .json(&body)
            .send()
            .await
            .expect("jsonrpc answers");
        assert_eq!(
            resp.status(),
            200,
            "JSON-RPC answers HTTP 200 even for errors"
        );
        resp.json().await.expect("json body")
    }

    /// `execute_kw` as a seed user (password); returns the whole response object.
    pub async fn execute_as(
        &self,
        user: &SeedUser,
        model: &str,
        method: &str,
        args: Value,
        kwargs: Value,
    ) -> Value {
        self.jsonrpc(
            "object",
            "execute_kw",
            json!([
                user.odoo_db,
                user.odoo_uid,
                user.odoo_password,
                model,
                method,
                args,
                kwargs
            ]),
        )
        .await
    }

    /// `execute_kw` that must succeed; returns `result`.
    pub async fn ok(
        &self,
        user: &SeedUser,
        model: &str,
        method: &str,
        args: Value,
        kwargs: Value,
    ) -> Value {
        let resp = self.execute_as(user, model, method, args, kwargs).await;
        assert!(
            resp.get("error").is_none(),
            "{model}.{method} failed: {resp}"
        );
        resp.get("result").cloned().unwrap_or(Value::Null)
    }

    /// `execute_kw` that must fail; returns `(error.data.name, error.data.message)`.
    pub async fn err(
        &self,
        user: &SeedUser,
        model: &str,
        method: &str,
        args: Value,
        kwargs: Value,
    ) -> (String, String) {
        let resp = self.execute_as(user, model, method, args, kwargs).await;
        let data = resp
            .pointer("/error/data")
            .unwrap_or_else(|| panic!("{model}.{method} should fail: {resp}"));
        (
            data["name"].as_str().unwrap_or_default().to_string(),
            data["message"].as_str().unwrap_or_default().to_string(),
        )
    }

    /// GET a control API path.
    pub async fn control_get(&self, path: &str) -> Value {
        self.control(reqwest::Method::GET, path, None).await
    }

    /// PUT JSON to a control API path.
    pub async fn control_put(&self, path: &str, body: Value) -> Value {
        self.control(reqwest::Method::PUT, path, Some(body)).await
    }

    /// POST JSON to a control API path.
    pub async fn control_post(&self, path: &str, body: Value) -> Value {
        self.control(reqwest::Method::POST, path, Some(body)).await
    }

    /// DELETE a control API path.
    pub async fn control_delete(&self, path: &str) -> Value {
        self.control(reqwest::Method::DELETE, path, None).await
    }

    /// One control API call; its JSON answer.
    async fn control(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method, format!("{}/_fake/{path}", self.url()));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request
            .send()
            .await
            .expect("control answers")
            .json()
            .await
            .expect("json")
    }

    /// The outbox (every e-mail the fake Odoo would have sent).
    pub async fn outbox(&self) -> Vec<Value> {
        self.control_get("outbox")
            .await
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}
