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

use crate::clock::Clock;
use crate::graph::error::{AadError, SignInError};
pub use crate::graph::loopback::{LoopbackListener, Registration};
use crate::graph::sleep::Sleeper;
use crate::graph::texts::SignInProblem;
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

/// The directory (tenant) as the identity platform's URLs take it: a GUID, a domain name,
/// `organizations`, `common` or `consumers`. Anything else is refused, since the tenant becomes
/// a path segment of every sign-in URL and must not change its path or query.
pub fn check_tenant(tenant: &str) -> Result<String, SignInError> {
    let tenant = tenant.trim();
    let known = ["organizations", "common", "consumers"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(tenant));
    if known || is_guid(tenant) || is_domain(tenant) {
        Ok(tenant.to_owned())
    } else {
        Err(SignInError::BadTenant(tenant.to_owned()))
    }
}

fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_domain(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    text.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.bytes().any(|b| b.is_ascii_alphabetic()))
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

    #[test]
    fn a_tenant_is_a_guid_a_domain_or_one_of_the_three_names() {
        for good in [
            "4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "contoso.onmicrosoft.com",
            "yourcompany.example.com",
            "organizations",
            "Common",
            "consumers",
            " xn--mller-kva.example ",
        ] {
            assert!(check_tenant(good).is_ok(), "{good:?}");
        }
        for bad in [
            "../../evil?x=",
            "evil.example/x",
            "evil.example?x=",
            "contoso.onmicrosoft.com#x",
            "a b.example",
            "",
            "localhost",
            "4d3c2b1a-5e6f-4a7b-8c9d-0e1f2a3b4c5",
            "-bad.example",
            "bad..example",
            "10.0.0.1",
            "m\u{fc}ller.example",
        ] {
            assert!(
                matches!(check_tenant(bad), Err(SignInError::BadTenant(_))),
                "{bad:?}"
            );
        }
    }
}
