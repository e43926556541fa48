//! Helpers for the Microsoft sign-in and Graph client tests: a state home with an in-memory
//! keyring, a manual clock and a recording sleeper, wired to a running fake Graph; and a
//! "browser" that follows the authorize redirect to the app's loopback listener.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use office_connector_core::api::{
    MicrosoftConnectRequest, MicrosoftConnection, MicrosoftRuntime, OpenOptions, Session,
    SignInMethod,
};
use office_connector_core::clock::ManualClock;
use office_connector_core::error::CoreError;
use office_connector_core::graph::auth::UrlOpener;
use office_connector_core::graph::client::{GraphClientOptions, RecordingSleeper, RetryPolicy};
use office_connector_core::graph::error::SignInError;
use office_connector_core::home::StateHome;
use office_connector_core::secrets::{MemoryKeyring, MemorySecretStore, SecretStore};
use office_connector_fakes::graph::seed::{DEMO_CLIENT_ID, DEMO_PEOPLE, DEMO_TENANT_ID};
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::graph::GraphFixture;
use crate::home::TempHome;

/// The first demo person's UPN (Lena Schäfer).
pub fn lena() -> &'static str {
    DEMO_PEOPLE[0].0
}

/// A state home connected to a fake Graph, with test doubles for keyring, clock and waits.
pub struct MsFixture {
    /// The running fake.
    pub graph: GraphFixture,
    /// The state home (kept alive for the session).
    pub home: TempHome,
    /// The open session.
    pub session: Session,
    /// The in-memory keyring.
    pub keyring: MemoryKeyring,
    /// This home's secret store on it.
    pub secrets: Arc<MemorySecretStore>,
    /// The core's clock (decides access-token expiry).
    pub clock: Arc<ManualClock>,
    /// Records the client's waits.
    pub sleeper: RecordingSleeper,
}

impl MsFixture {
    /// A fake with the demo people and a fresh home.
    pub async fn demo() -> Self {
        Self::on(GraphFixture::demo().await)
    }

    /// A fresh home on `graph`.
    pub fn on(graph: GraphFixture) -> Self {
        let home = TempHome::new();
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
                .single()
                .expect("time"),
        ));
        let session = Session::open(OpenOptions {
            home: Some(home.path().to_path_buf()),
            policy_file: Some(home.policy_file()),
            clock: Some(clock.clone()),
        })
        .expect("open session");
        let keyring = MemoryKeyring::new();
        let secrets = Arc::new(keyring.store_for(&StateHome::at(home.path())));
        Self {
            graph,
            home,
            session,
            keyring,
            secrets,
            clock,
            sleeper: RecordingSleeper::new(),
        }
    }

    /// The runtime the use cases get: in-memory keyring, manual clock, recording sleeper.
    pub fn runtime(&self) -> MicrosoftRuntime {
        MicrosoftRuntime {
            secrets: self.secrets.clone(),
            clock: self.clock.clone(),
            client: GraphClientOptions {
                sleeper: Arc::new(self.sleeper.clone()),
                retry: RetryPolicy {
                    max_attempts: 8,
                    ..RetryPolicy::default()
                },
                ..GraphClientOptions::default()
            },
        }
    }

    /// The identity platform base of the fake.
    pub fn authority(&self) -> String {
        self.graph.fake.login_url()
    }

    /// A connect request for the demo desktop app and tenant.
    pub fn request(
        &self,
        method: SignInMethod,
        login_hint: Option<&str>,
    ) -> MicrosoftConnectRequest {
        MicrosoftConnectRequest {
            client_id: DEMO_CLIENT_ID.into(),
            tenant: DEMO_TENANT_ID.into(),
            authority: Some(self.authority()),
            graph: Some(self.graph.fake.graph_url()),
            login_hint: login_hint.map(str::to_owned),
            client_secret: None,
            method,
            timeout: Duration::from_secs(20),
        }
    }

    /// Connects `upn` through the browser flow with a well-behaved browser.
    pub async fn connect(&self, upn: &str) -> MicrosoftConnection {
        let browser = Browser::new();
        self.session
            .connect_microsoft(
                &self.runtime(),
                self.request(SignInMethod::Browser(Arc::new(browser)), Some(upn)),
            )
            .await
            .expect("connect microsoft")
    }

    /// Tries to connect with `request`.
    pub async fn try_connect(
        &self,
        request: MicrosoftConnectRequest,
    ) -> Result<MicrosoftConnection, CoreError> {
        self.session
            .connect_microsoft(&self.runtime(), request)
            .await
    }

    /// The stored refresh token, if any.
    pub fn refresh_token(&self) -> Option<String> {
        self.secrets
            .get("microsoft.refresh_token")
            .expect("secret store")
            .map(|s| s.expose_secret().to_owned())
    }

    /// How many requests the fake counted for endpoints containing `fragment`.
    pub async fn request_count(&self, fragment: &str) -> u64 {
        let v: Value = self
            .graph
            .http
            .get(self.graph.control("/graph/requests"))
            .send()
            .await
            .expect("requests")
            .json()
            .await
            .expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .filter(|r| r["endpoint"].as_str().is_some_and(|e| e.contains(fragment)))
            .map(|r| r["count"].as_u64().unwrap_or(0))
            .sum()
    }

    /// Clears every fault injected into the fake Graph.
    pub async fn clear_faults(&self) {
        self.graph
            .http
            .delete(self.graph.control("/graph/faults"))
            .send()
            .await
            .expect("clear faults");
    }

    /// Resets the fake's request counts.
    pub async fn reset_counts(&self) {
        self.graph
            .http
            .delete(self.graph.control("/graph/requests"))
            .send()
            .await
            .expect("reset counts");
    }
}

/// What the test browser saw.
#[derive(Debug, Clone, Default)]
pub struct BrowserVisit {
    /// The authorize URL it was asked to open.
    pub authorize_url: String,
    /// Status of the identity platform's answer.
    pub authorize_status: u16,
    /// The page the identity platform showed instead of redirecting (errors), if any.
    pub authorize_page: String,
    /// The status the loopback listener answered with.
    pub loopback_status: Option<u16>,
    /// The page the loopback listener answered with.
    pub loopback_page: String,
}

/// Waits until step 0 of a [`crate::odoo_client::KeyringSession`] run in `keyring_dir` printed
/// its first stdout line (the authorize URL of `connect microsoft --no-browser`) and opens it in
/// a scripted [`Browser`], as a person would; returns the browser to look at what it saw.
pub async fn browse_first_printed_url(keyring_dir: std::path::PathBuf) -> Browser {
    let out = keyring_dir.join("steps").join("0.out");
    for _ in 0..600 {
        if let Ok(text) = std::fs::read_to_string(&out)
            && let Some(line) = text.lines().next()
            && text.contains('\n')
        {
            let browser = Browser::new();
            browser.browse(line.to_owned()).await;
            return browser;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("connect microsoft never printed the authorize URL");
}

/// A scripted browser: follows the authorize redirect to the loopback listener, optionally
/// tampering with the redirect first.
#[derive(Clone)]
pub struct Browser {
    /// What happened (filled in the background).
    pub visits: Arc<Mutex<Vec<BrowserVisit>>>,
    /// Changes the redirect URL before it is followed.
    pub tamper: Option<Arc<dyn Fn(url::Url) -> url::Url + Send + Sync>>,
}

impl Browser {
    /// A browser that does what a person would.
    pub fn new() -> Self {
        Self {
            visits: Arc::new(Mutex::new(Vec::new())),
            tamper: None,
        }
    }

    /// A browser that replaces the `state` of the redirect.
    pub fn with_forged_state() -> Self {
        Self {
            tamper: Some(Arc::new(|mut url: url::Url| {
                let pairs: Vec<(String, String)> = url
                    .query_pairs()
                    .map(|(k, v)| {
                        let v = if k == "state" {
                            "forged".into()
                        } else {
                            v.into_owned()
                        };
                        (k.into_owned(), v)
                    })
                    .collect();
                url.query_pairs_mut().clear().extend_pairs(pairs);
                url
            })),
            ..Self::new()
        }
    }

    /// The first visit, once the background browsing finished (waits up to 10 s).
    pub async fn visit(&self) -> BrowserVisit {
        for _ in 0..200 {
            if let Some(v) = self.visits.lock().expect("visits").first()
                && v.loopback_status.is_some() | !v.authorize_page.is_empty()
            {
                return v.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the browser never finished");
    }

    /// Opens `url` like a browser: identity platform first, then the redirect.
    pub async fn browse(&self, url: String) {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let mut visit = BrowserVisit {
            authorize_url: url.clone(),
            ..BrowserVisit::default()
        };
        let response = http.get(&url).send().await.expect("authorize");
        visit.authorize_status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        match location {
            Some(location) => {
                let mut target = url::Url::parse(&location).expect("redirect url");
                if let Some(tamper) = &self.tamper {
                    target = tamper(target);
                }
                let answer = http.get(target).send().await.expect("loopback");
                visit.loopback_status = Some(answer.status().as_u16());
                visit.loopback_page = answer.text().await.unwrap_or_default();
            }
            None => visit.authorize_page = response.text().await.unwrap_or_default(),
        }
        self.visits.lock().expect("visits").push(visit);
    }
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl UrlOpener for Browser {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        let me = self.clone();
        let url = url.to_owned();
        tokio::spawn(async move { me.browse(url).await });
        Ok(())
    }
}

/// Someone on this machine who reaches the sign-in listener before the browser does: sends each
/// of `requests` (raw HTTP; `{state}` becomes the sign-in's own state) to the port of the
/// redirect URI, keeps the statuses answered, then, if `then_browse`, lets a [`Browser`] finish
/// the sign-in. Talks HTTP only, so it holds for any listener implementation.
#[derive(Clone)]
pub struct LoopbackVisitor {
    /// The raw requests, in order.
    pub requests: Vec<String>,
    /// Whether a well-behaved browser follows the authorize URL afterwards.
    pub then_browse: bool,
    /// The status answered to each request (`None`: no HTTP answer), once all were sent.
    pub statuses: Arc<Mutex<Option<Vec<Option<u16>>>>>,
    /// The browser that followed, if any.
    pub browser: Browser,
}

impl LoopbackVisitor {
    /// Sends `requests`, then browses if `then_browse`.
    pub fn new(requests: &[&str], then_browse: bool) -> Self {
        Self {
            requests: requests.iter().map(|r| (*r).to_owned()).collect(),
            then_browse,
            statuses: Arc::new(Mutex::new(None)),
            browser: Browser::new(),
        }
    }

    /// Plays everything against the authorize URL `url`.
    pub async fn visit(&self, url: String) {
        let authorize = url::Url::parse(&url).expect("authorize url");
        let query = |name: &str| {
            authorize
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
                .unwrap_or_else(|| panic!("{name} missing in {url}"))
        };
        let (redirect, state) = (query("redirect_uri"), query("state"));
        let port = url::Url::parse(&redirect)
            .expect("redirect uri")
            .port()
            .expect("a port");
        let mut statuses = Vec::new();
        for request in &self.requests {
            let raw = request.replace("{state}", &state);
            statuses.push(raw_http(port, raw.as_bytes()).await);
        }
        *self.statuses.lock().expect("statuses") = Some(statuses);
        if self.then_browse {
            self.browser.browse(url).await;
        }
    }

    /// The statuses, once all requests were sent (waits up to 10 s).
    pub async fn statuses(&self) -> Vec<Option<u16>> {
        for _ in 0..200 {
            if let Some(s) = self.statuses.lock().expect("statuses").clone() {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the visitor never finished");
    }
}

impl UrlOpener for LoopbackVisitor {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        let me = self.clone();
        let url = url.to_owned();
        tokio::spawn(async move { me.visit(url).await });
        Ok(())
    }
}

/// Sends `request` to 127.0.0.1:`port` and returns the status of the answer, if one came
/// within 5 s.
pub async fn raw_http(port: u16, request: &[u8]) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // NOTE: a listener that stopped after an earlier request refuses the connection: no answer.
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    stream.write_all(request).await.ok()?;
    // NOTE: a request without its blank line would wait for more; closing our half ends it.
    stream.shutdown().await.ok()?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .ok()?
        .ok()?;
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// Like [`browse_first_printed_url`], with a [`LoopbackVisitor`] instead of a browser.
pub async fn visit_first_printed_url(
    keyring_dir: std::path::PathBuf,
    visitor: LoopbackVisitor,
) -> LoopbackVisitor {
    let out = keyring_dir.join("steps").join("0.out");
    for _ in 0..600 {
        if let Ok(text) = std::fs::read_to_string(&out)
            && let Some(line) = text.lines().next()
            && text.contains('\n')
        {
            visitor.visit(line.to_owned()).await;
            return visitor;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("connect microsoft never printed the authorize URL");
}

/// `connect microsoft` with the fake's demo app for `upn`, as the CLI tests run it: the
/// authorize URL printed first (`--no-browser`) for the test to play the browser, a minute at
/// most.
pub fn connect_microsoft_args<'a>(
    authority: &'a str,
    graph: &'a str,
    upn: &'a str,
) -> Vec<&'a str> {
    vec![
        "connect",
        "microsoft",
        "--client-id",
        DEMO_CLIENT_ID,
        "--tenant",
        DEMO_TENANT_ID,
        "--authority",
        authority,
        "--graph",
        graph,
        "--login-hint",
        upn,
        "--no-browser",
        "--wait-minutes",
        "1",
    ]
}

/// `connect odoo` at `url` as `login`, the API key read from stdin.
pub fn connect_odoo_args<'a>(url: &'a str, login: &'a str) -> Vec<&'a str> {
    vec![
        "connect",
        "odoo",
        "--url",
        url,
        "--login",
        login,
        "--api-key-stdin",
    ]
}
