//! Microsoft identity platform v2.0, delegated OAuth 2.0 for a desktop app (GRAPH_FACTS §1).
//!
//! Contract:
//! - `GET {authority}/{tenant}/oauth2/v2.0/authorize?client_id&response_type=code&redirect_uri
//!   &response_mode=query&scope&state&code_challenge&code_challenge_method=S256[&login_hint]` in
//!   the system browser; the answer comes back to a loopback listener on 127.0.0.1 as
//!   `GET /?code&state` or `GET /?error&error_description&state`. The redirect URI is
//!   `http://localhost:PORT/` (Microsoft ignores the port of localhost redirects, RFC 8252), or
//!   `http://localhost:PORT/office365/authorization` for an app registered the older way as *Web*
//!   — that platform makes the token request confidential, so its client secret is sent
//!   (AADSTS7000218 without it; AADSTS700025 when a public client sends one).
//!   Redirect mismatches (AADSTS50011) are shown on Microsoft's page, never redirected.
//! - `POST {authority}/{tenant}/oauth2/v2.0/token` (form): `authorization_code` + `code_verifier`,
//!   `refresh_token`, and the device-code grant. Errors are 400 (401 for `invalid_client`)
//!   `{"error","error_description":"AADSTSnnnn: …","error_codes":[nnnn]}`.
//! - `POST {authority}/{tenant}/oauth2/v2.0/devicecode` → `device_code, user_code,
//!   verification_uri, expires_in, interval`; poll the token endpoint every `interval` seconds:
//!   `authorization_pending` (keep going), `slow_down` (+5 s, RFC 8628), `expired_token`,
//!   `authorization_declined` (stop).
//! - Refresh tokens replace themselves on every use (the old one stays valid); we store the
//!   newest at once. Access tokens stay in memory. `invalid_grant` (AADSTS50173 revoked, 700082
//!   inactive, 50076 MFA, 65001 consent) means the person must sign in again.
//!
//! Hand-written rather than with the `oauth2` crate: see docs/decisions/0005-hand-written-microsoft-oauth.md.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::clock::Clock;
use crate::graph::error::{AadError, SignInError, aadsts_in};
use crate::graph::sleep::Sleeper;
use crate::graph::texts::{MicrosoftMsg, SignInProblem};
use crate::i18n::Language;
use crate::secrets::SecretStore;

/// The delegated permissions the product asks for.
pub const SCOPES: &str =
    "offline_access User.Read Mail.ReadWrite Mail.Send Calendars.ReadWrite Contacts.ReadWrite";
/// The secret-store name of the Microsoft refresh token.
pub const REFRESH_TOKEN_SECRET: &str = "microsoft.refresh_token";
/// The secret-store name of the optional client secret of a Web registration.
pub const CLIENT_SECRET_SECRET: &str = "microsoft.client_secret";
/// Environment variable naming a command that opens a URL (the URL is its last argument).
pub const URL_OPENER_ENV: &str = "OFFICE_CONNECTOR_URL_OPENER";
/// Refresh this long before the access token's stated expiry.
const EXPIRY_MARGIN_SECS: i64 = 300;

/// How the app is registered in Entra ID, which decides the redirect path and the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Registration {
    /// "Mobile and desktop applications", redirect `http://localhost`: no secret (recommended).
    #[default]
    Desktop,
    /// "Web", redirect `http://localhost/office365/authorization`, with a client secret.
    Web,
}

impl Registration {
    /// The path of the loopback redirect URI.
    pub fn redirect_path(self) -> &'static str {
        match self {
            Registration::Desktop => "/",
            Registration::Web => "/office365/authorization",
        }
    }
}

/// The app registration and where its identity platform lives.
#[derive(Clone)]
pub struct MicrosoftApp {
    /// Identity platform base, e.g. `https://login.microsoftonline.com`.
    pub authority: String,
    /// Directory (tenant) id, domain, `organizations` or `common`.
    pub tenant: String,
    /// Application (client) id.
    pub client_id: String,
    /// How the app is registered.
    pub registration: Registration,
    /// The client secret (Web registrations only).
    pub client_secret: Option<SecretString>,
}

impl std::fmt::Debug for MicrosoftApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MicrosoftApp")
            .field("authority", &self.authority)
            .field("tenant", &self.tenant)
            .field("client_id", &self.client_id)
            .field("registration", &self.registration)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .finish()
    }
}

impl MicrosoftApp {
    /// The URL of identity endpoint `what` (`authorize`, `token`, `devicecode`).
    pub fn endpoint(&self, what: &str) -> String {
        format!(
            "{}/{}/oauth2/v2.0/{what}",
            self.authority.trim_end_matches('/'),
            self.tenant.trim_matches('/')
        )
    }
}

/// Tokens from one successful token request.
pub struct TokenSet {
    /// The bearer token for Graph (memory only).
    pub access_token: SecretString,
    /// The new refresh token, if one came (it replaces the stored one).
    pub refresh_token: Option<SecretString>,
    /// When the access token expires, by our clock.
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// A PKCE verifier and its S256 challenge (RFC 7636).
pub struct Pkce {
    /// The verifier, sent with the code redemption.
    pub verifier: SecretString,
    /// `BASE64URL(SHA256(verifier))`, sent with the authorize request.
    pub challenge: String,
}

impl Pkce {
    /// A fresh random pair (32 random bytes → 43-character verifier).
    pub fn new() -> Pkce {
        let verifier = random_b64(32);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier: SecretString::from(verifier),
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Self::new()
    }
}

fn random_b64(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A started device-code sign-in.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DeviceCode {
    /// Secret handle polled at the token endpoint.
    #[serde(skip_serializing)]
    pub device_code: String,
    /// What the person types.
    pub user_code: String,
    /// Where they type it.
    pub verification_uri: String,
    /// Seconds the code stays valid.
    pub expires_in: u64,
    /// Seconds between polls.
    #[serde(default = "default_interval")]
    pub interval: u64,
    /// Microsoft's own instruction (English).
    #[serde(default)]
    pub message: String,
}

fn default_interval() -> u64 {
    5
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<i64>,
}

/// Talks to the identity platform's token and devicecode endpoints.
#[derive(Clone)]
pub struct IdentityClient {
    http: reqwest::Client,
    app: MicrosoftApp,
    clock: Arc<dyn Clock>,
    token_requests: Arc<AtomicUsize>,
}

impl std::fmt::Debug for IdentityClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityClient")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl IdentityClient {
    /// A client for `app`; expiry times are computed with `clock`.
    pub fn new(app: MicrosoftApp, clock: Arc<dyn Clock>) -> Self {
        // NOTE: never follow redirects from the identity platform (SSRF, GRAPH_FACTS §1.8).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        Self {
            http,
            app,
            clock,
            token_requests: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The app registration.
    pub fn app(&self) -> &MicrosoftApp {
        &self.app
    }

    /// How many token requests this client (and its clones) sent.
    pub fn token_requests(&self) -> usize {
        self.token_requests.load(Ordering::SeqCst)
    }

    /// The authorize URL the browser opens.
    pub fn authorize_url(
        &self,
        redirect_uri: &str,
        state: &str,
        challenge: &str,
        login_hint: Option<&str>,
    ) -> Result<url::Url, SignInError> {
        let endpoint = self.app.endpoint("authorize");
        let mut url = url::Url::parse(&endpoint).map_err(|_| SignInError::BadUrl(endpoint))?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", &self.app.client_id)
                .append_pair("response_type", "code")
                .append_pair("redirect_uri", redirect_uri)
                .append_pair("response_mode", "query")
                .append_pair("scope", SCOPES)
                .append_pair("state", state)
                .append_pair("code_challenge", challenge)
                .append_pair("code_challenge_method", "S256");
            if let Some(hint) = login_hint.filter(|h| !h.is_empty()) {
                q.append_pair("login_hint", hint);
            }
        }
        Ok(url)
    }

    fn with_secret(&self, mut form: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
        if self.app.registration == Registration::Web
            && let Some(secret) = &self.app.client_secret
        {
            form.push(("client_secret", secret.expose_secret().to_owned()));
        }
        form
    }

    /// Redeems an authorization code (with its PKCE verifier).
    pub async fn redeem_code(
        &self,
        code: &str,
        redirect_uri: &str,
        verifier: &SecretString,
    ) -> Result<TokenSet, SignInError> {
        let form = self.with_secret(vec![
            ("client_id", self.app.client_id.clone()),
            ("grant_type", "authorization_code".into()),
            ("code", code.to_owned()),
            ("redirect_uri", redirect_uri.to_owned()),
            ("code_verifier", verifier.expose_secret().to_owned()),
            ("scope", SCOPES.into()),
        ]);
        self.token_request(&form).await.map_err(|e| e.into_error())
    }

    /// Exchanges a refresh token for new tokens. A refusal means the person must sign in again.
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<TokenSet, SignInError> {
        let form = self.with_secret(vec![
            ("client_id", self.app.client_id.clone()),
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh_token.expose_secret().to_owned()),
            ("scope", SCOPES.into()),
        ]);
        match self.token_request(&form).await {
            Ok(tokens) => Ok(tokens),
            Err(TokenFailure::Refused(e)) if e.problem() != SignInProblem::ServiceUnavailable => {
                Err(SignInError::NeedsSignIn {
                    aadsts: e.aadsts(),
                    problem: e.problem(),
                })
            }
            Err(other) => Err(other.into_error()),
        }
    }

    /// Starts a device-code sign-in.
    pub async fn start_device_code(&self) -> Result<DeviceCode, SignInError> {
        let form = [
            ("client_id", self.app.client_id.as_str()),
            ("scope", SCOPES),
        ];
        let response = self
            .http
            .post(self.app.endpoint("devicecode"))
            .form(&form)
            .send()
            .await
            .map_err(SignInError::Network)?;
        let status = response.status();
        let body: serde_json::Value = response.json().await.map_err(|_| {
            SignInError::BadResponse(format!("devicecode answered HTTP {status} without JSON"))
        })?;
        if !status.is_success() {
            return Err(match AadError::from_body(&body) {
                Some(e) => SignInError::Aad(e),
                None => SignInError::BadResponse(format!("devicecode answered HTTP {status}")),
            });
        }
        serde_json::from_value(body)
            .map_err(|e| SignInError::BadResponse(format!("devicecode answer: {e}")))
    }

    /// Polls until the person entered the code (honouring `interval` and `slow_down`), it
    /// expired, or they declined. Waits go through `sleeper`.
    pub async fn poll_device_code(
        &self,
        device: &DeviceCode,
        sleeper: &dyn Sleeper,
    ) -> Result<TokenSet, SignInError> {
        let mut interval = device.interval.max(1);
        let mut waited = 0u64;
        let form = vec![
            ("client_id", self.app.client_id.clone()),
            (
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code".into(),
            ),
            ("device_code", device.device_code.clone()),
        ];
        loop {
            sleeper.sleep(Duration::from_secs(interval)).await;
            waited += interval;
            match self.token_request(&form).await {
                Ok(tokens) => return Ok(tokens),
                Err(TokenFailure::Refused(e)) => match e.error.as_str() {
                    "authorization_pending" if waited < device.expires_in => {}
                    "slow_down" if waited < device.expires_in => interval += 5,
                    "authorization_pending" | "slow_down" => {
                        return Err(SignInError::Aad(AadError {
                            error: "expired_token".into(),
                            codes: vec![70020],
                            description: "device code expired".into(),
                        }));
                    }
                    _ => return Err(SignInError::Aad(e)),
                },
                Err(other) => return Err(other.into_error()),
            }
        }
    }

    async fn token_request(&self, form: &[(&str, String)]) -> Result<TokenSet, TokenFailure> {
        self.token_requests.fetch_add(1, Ordering::SeqCst);
        let response = self
            .http
            .post(self.app.endpoint("token"))
            .form(form)
            .send()
            .await
            .map_err(|e| TokenFailure::Other(SignInError::Network(e)))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| TokenFailure::Other(SignInError::Network(e)))?;
        let body: serde_json::Value = serde_json::from_str(&text).map_err(|_| {
            TokenFailure::Other(SignInError::BadResponse(format!(
                "token endpoint answered HTTP {status} without JSON"
            )))
        })?;
        if !status.is_success() {
            return Err(match AadError::from_body(&body) {
                Some(e) => TokenFailure::Refused(e),
                None if status.is_server_error() => TokenFailure::Refused(AadError {
                    error: "temporarily_unavailable".into(),
                    codes: Vec::new(),
                    description: format!("HTTP {status}"),
                }),
                None => TokenFailure::Other(SignInError::BadResponse(format!(
                    "token endpoint answered HTTP {status}"
                ))),
            });
        }
        let body: TokenBody = serde_json::from_value(body).map_err(|_| {
            TokenFailure::Other(SignInError::BadResponse(
                "token answer without access_token".into(),
            ))
        })?;
        let lifetime = body.expires_in.unwrap_or(3599).max(0);
        Ok(TokenSet {
            access_token: SecretString::from(body.access_token),
            refresh_token: body.refresh_token.map(SecretString::from),
            expires_at: self.clock.now() + chrono::Duration::seconds(lifetime),
        })
    }
}

enum TokenFailure {
    Refused(AadError),
    Other(SignInError),
}

impl TokenFailure {
    fn into_error(self) -> SignInError {
        match self {
            TokenFailure::Refused(e) => SignInError::Aad(e),
            TokenFailure::Other(e) => e,
        }
    }
}

/// Opens a URL in the person's browser; replaceable so tests (and `--no-browser`) can play it.
pub trait UrlOpener: Send + Sync {
    /// Opens `url`.
    fn open(&self, url: &str) -> Result<(), SignInError>;
}

/// The system browser: the command in [`URL_OPENER_ENV`] if set, else `xdg-open` / `open` /
/// `explorer`.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemUrlOpener;

impl UrlOpener for SystemUrlOpener {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        let configured = std::env::var(URL_OPENER_ENV)
            .ok()
            .filter(|c| !c.trim().is_empty());
        let command_line = configured.unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "open".into()
            } else if cfg!(windows) {
                "explorer".into()
            } else {
                "xdg-open".into()
            }
        });
        let mut parts = command_line.split_whitespace();
        let program = parts.next().unwrap_or("xdg-open").to_owned();
        std::process::Command::new(&program)
            .args(parts)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(drop)
            .map_err(|source| SignInError::Browser {
                command: command_line.clone(),
                source,
            })
    }
}

/// The loopback listener that receives the browser's redirect (RFC 8252 §7.3).
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    redirect_uri: String,
    path: &'static str,
}

/// What came back to the loopback listener.
enum Callback {
    Code(String),
    Error(AadError),
}

impl LoopbackListener {
    /// Listens on 127.0.0.1 on a free port for `registration`'s redirect path.
    pub async fn bind(registration: Registration) -> Result<LoopbackListener, SignInError> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(SignInError::Listener)?;
        let port = listener.local_addr().map_err(SignInError::Listener)?.port();
        let path = registration.redirect_path();
        Ok(LoopbackListener {
            listener,
            redirect_uri: format!("http://localhost:{port}{path}"),
            path,
        })
    }

    /// The redirect URI to send (`http://localhost:PORT/…`).
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the redirect carrying `state`, answers once with a page in `lang`, and returns
    /// the code. Other paths (e.g. `/favicon.ico`) get 404 and do not end the wait.
    pub async fn wait_for_code(self, state: &str, lang: Language) -> Result<String, SignInError> {
        // NOTE: browsers open speculative connections that may never send a request; each
        // connection is read in its own task so an idle one cannot hold up the real redirect.
        let (tx, mut rx) = tokio::sync::mpsc::channel(16);
        let mut readers = tokio::task::JoinSet::new();
        loop {
            let (mut stream, target) = tokio::select! {
                accepted = self.listener.accept() => {
                    let (mut stream, _) = accepted.map_err(SignInError::Listener)?;
                    let tx = tx.clone();
                    readers.spawn(async move {
                        if let Some(target) = read_request_target(&mut stream).await {
                            let _ = tx.send((stream, target)).await;
                        }
                    });
                    continue;
                }
                Some(request) = rx.recv() => request,
            };
            let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
            if path != self.path {
                let _ = respond(&mut stream, "404 Not Found", "").await;
                continue;
            }
            let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            let outcome = if params.get("state").map(String::as_str) != Some(state) {
                Err(SignInError::StateMismatch)
            } else if let Some(error) = params.get("error") {
                let description = params.get("error_description").cloned().unwrap_or_default();
                Ok(Callback::Error(AadError {
                    error: error.clone(),
                    codes: aadsts_in(&description).into_iter().collect(),
                    description,
                }))
            } else if let Some(code) = params.get("code") {
                Ok(Callback::Code(code.clone()))
            } else {
                let _ = respond(&mut stream, "400 Bad Request", "").await;
                continue;
            };
            let ok = matches!(outcome, Ok(Callback::Code(_)));
            let text = if ok {
                MicrosoftMsg::BrowserPageSuccess
            } else {
                MicrosoftMsg::BrowserPageFailure
            }
            .render(lang);
            let page = format!(
                "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>Office Connector</title></head>\
                 <body style=\"font-family:sans-serif;margin:3em\"><h1>Office Connector</h1><p>{text}</p></body></html>",
                lang.as_str()
            );
            let status = if ok { "200 OK" } else { "400 Bad Request" };
            let _ = respond(&mut stream, status, &page).await;
            return match outcome? {
                Callback::Code(code) => Ok(code),
                Callback::Error(e) => Err(SignInError::Aad(e)),
            };
        }
    }
}

async fn read_request_target(stream: &mut tokio::net::TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut chunk))
            .await
            .ok()?
            .ok()?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf);
    let line = head.lines().next()?;
    let mut parts = line.split_whitespace();
    if parts.next()? != "GET" {
        return None;
    }
    parts.next().map(str::to_owned)
}

async fn respond(
    stream: &mut tokio::net::TcpStream,
    status: &str,
    body: &str,
) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

/// Signs in with authorization code + PKCE through the browser and the loopback listener.
/// `timeout` bounds the wait for the person.
pub async fn sign_in_with_browser(
    identity: &IdentityClient,
    opener: &dyn UrlOpener,
    login_hint: Option<&str>,
    lang: Language,
    timeout: Duration,
) -> Result<TokenSet, SignInError> {
    let listener = LoopbackListener::bind(identity.app().registration).await?;
    let redirect_uri = listener.redirect_uri().to_owned();
    let pkce = Pkce::new();
    let state = random_b64(24);
    let url = identity.authorize_url(&redirect_uri, &state, &pkce.challenge, login_hint)?;
    opener.open(url.as_str())?;
    let code = tokio::time::timeout(timeout, listener.wait_for_code(&state, lang))
        .await
        .map_err(|_| SignInError::TimedOut)??;
    identity
        .redeem_code(&code, &redirect_uri, &pkce.verifier)
        .await
}

/// Hands out access tokens, refreshing them once for all waiting callers (single flight) and
/// storing every rotated refresh token in the secret store at once.
pub struct TokenSource {
    identity: IdentityClient,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    cached: tokio::sync::Mutex<Option<(SecretString, DateTime<Utc>)>>,
    refreshes: AtomicUsize,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("identity", &self.identity)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// A source that starts without an access token (the first call refreshes).
    pub fn new(
        identity: IdentityClient,
        secrets: Arc<dyn SecretStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            identity,
            secrets,
            clock,
            cached: tokio::sync::Mutex::new(None),
            refreshes: AtomicUsize::new(0),
        }
    }

    /// Stores the refresh token of a fresh sign-in and keeps its access token in memory.
    pub async fn accept(&self, tokens: TokenSet) -> Result<(), SignInError> {
        if let Some(refresh) = &tokens.refresh_token {
            self.secrets.set(REFRESH_TOKEN_SECRET, refresh)?;
        }
        *self.cached.lock().await = Some((tokens.access_token, tokens.expires_at));
        Ok(())
    }

    /// How many refreshes this source performed.
    pub fn refreshes(&self) -> usize {
        self.refreshes.load(Ordering::SeqCst)
    }

    /// A valid access token, refreshing if the cached one is missing or about to expire.
    pub async fn access_token(&self) -> Result<SecretString, SignInError> {
        let mut cached = self.cached.lock().await;
        if let Some((token, expires_at)) = cached.as_ref()
            && self.clock.now() + chrono::Duration::seconds(EXPIRY_MARGIN_SECS) < *expires_at
        {
            return Ok(token.clone());
        }
        self.refresh_locked(&mut cached).await
    }

    /// Graph refused `rejected` (401): refresh unless another caller already did, and return
    /// the token to retry with. Several callers with the same rejected token cause one refresh.
    pub async fn after_rejection(
        &self,
        rejected: &SecretString,
    ) -> Result<SecretString, SignInError> {
        let mut cached = self.cached.lock().await;
        if let Some((token, _)) = cached.as_ref()
            && token.expose_secret() != rejected.expose_secret()
        {
            return Ok(token.clone());
        }
        self.refresh_locked(&mut cached).await
    }

    async fn refresh_locked(
        &self,
        cached: &mut Option<(SecretString, DateTime<Utc>)>,
    ) -> Result<SecretString, SignInError> {
        let Some(refresh_token) = self.secrets.get(REFRESH_TOKEN_SECRET)? else {
            return Err(SignInError::NeedsSignIn {
                aadsts: None,
                problem: SignInProblem::SignInRevoked,
            });
        };
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        tracing::debug!("refreshing the microsoft access token");
        let tokens = self.identity.refresh(&refresh_token).await?;
        if let Some(rotated) = &tokens.refresh_token {
            // NOTE: store the rotated token before anything else can fail (GRAPH_FACTS §1.5).
            self.secrets.set(REFRESH_TOKEN_SECRET, rotated)?;
        }
        let token = tokens.access_token.clone();
        *cached = Some((tokens.access_token, tokens.expires_at));
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn get(port: u16, target: &str) -> String {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        stream
            .write_all(format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
            .await
            .expect("write");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("read");
        answer
    }

    fn port_of(listener: &LoopbackListener) -> u16 {
        url::Url::parse(listener.redirect_uri())
            .expect("uri")
            .port()
            .expect("port")
    }

    #[test]
    fn the_pkce_challenge_is_the_s256_of_the_verifier() {
        let pkce = Pkce::new();
        let verifier = pkce.verifier.expose_secret();
        assert_eq!(verifier.len(), 43);
        assert_eq!(
            pkce.challenge,
            URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
        );
        assert_ne!(Pkce::new().challenge, pkce.challenge);
    }

    #[tokio::test]
    async fn an_idle_browser_connection_and_a_favicon_do_not_hold_up_the_redirect() {
        let listener = LoopbackListener::bind(Registration::Desktop)
            .await
            .expect("bind");
        assert!(listener.redirect_uri().starts_with("http://localhost:"));
        assert!(listener.redirect_uri().ends_with('/'));
        let port = port_of(&listener);
        let wait = tokio::spawn(listener.wait_for_code("s1", Language::En));
        // A speculative connection that never sends anything stays open meanwhile.
        let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("idle");
        // Without per-connection reading, the idle connection would block the others for 10 s.
        let (favicon, page, code) = tokio::time::timeout(Duration::from_secs(5), async {
            let favicon = get(port, "/favicon.ico").await;
            let page = get(port, "/?code=abc&state=s1").await;
            (favicon, page, wait.await)
        })
        .await
        .expect("not held up by the idle connection");
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        let code = code.expect("task").expect("code");
        assert_eq!(code, "abc");
    }

    #[tokio::test]
    async fn an_error_redirect_becomes_the_aadsts_problem() {
        let listener = LoopbackListener::bind(Registration::Web)
            .await
            .expect("bind");
        assert!(
            listener
                .redirect_uri()
                .ends_with("/office365/authorization")
        );
        let port = port_of(&listener);
        let wait = tokio::spawn(listener.wait_for_code("s2", Language::De));
        let page = get(
            port,
            "/office365/authorization?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent&state=s2",
        )
        .await;
        assert!(page.starts_with("HTTP/1.1 400"), "{page}");
        assert!(page.contains("nicht gelungen"), "{page}");
        let err = wait.await.expect("task").expect_err("declined");
        assert_eq!(err.problem(), Some(SignInProblem::ConsentMissing));
    }
}
