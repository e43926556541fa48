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
//!
//! The forms, PKCE (S256) and token parsing are the `oauth2` crate's, on our reqwest client
//! (no redirects followed); Microsoft's error body, the device-code deadline counted in our
//! waits, and the loopback listener are ours: docs/decisions/0005-microsoft-sign-in-on-oauth2.md.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AsyncHttpClient, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DeviceAuthorizationResponse, DeviceAuthorizationUrl, EmptyExtraTokenFields, EndpointNotSet,
    EndpointSet, ExtraDeviceAuthorizationFields, HttpClientError, HttpRequest, HttpResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

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

/// The devicecode answer's field beyond RFC 8628.
#[derive(Debug, Deserialize, Serialize)]
struct DeviceMessage {
    #[serde(default)]
    message: String,
}

impl ExtraDeviceAuthorizationFields for DeviceMessage {}

/// An authorize request: where the browser goes, and what checks and redeems the answer.
#[derive(Debug)]
pub struct Authorize {
    /// The authorize URL the browser opens.
    pub url: url::Url,
    /// The `state` the redirect must carry back.
    pub state: String,
    /// The PKCE verifier of the URL's S256 challenge, sent with the code redemption.
    pub verifier: PkceCodeVerifier,
}

type TokenAnswer = StandardTokenResponse<EmptyExtraTokenFields, BasicTokenType>;

/// The `oauth2` client for Microsoft: errors parsed as [`AadError`]; authorize, token and
/// devicecode endpoints set.
type OAuthClient = oauth2::Client<
    AadError,
    TokenAnswer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// Why an identity-platform request got no answer `oauth2` can read.
#[derive(Debug, thiserror::Error)]
enum Transport {
    /// No answer at all.
    #[error("identity platform unreachable")]
    Network(#[source] reqwest::Error),
    /// An error status without Microsoft's error body (a proxy's or a broken server's page).
    #[error("identity platform answered HTTP {0}")]
    Status(reqwest::StatusCode),
    /// The request could not be built or the answer not read.
    #[error("{0}")]
    Other(String),
    /// During a device-code poll: the failure went to the poll's [`Heard`].
    #[error("kept for the poll")]
    Kept,
}

/// The last answer of a device-code poll: the `oauth2` poller ends with its own summary (the
/// standard error type, or "expired" at the deadline), while the product needs Microsoft's
/// whole error and knows a network failure from a code nobody entered.
#[derive(Default)]
struct Heard(Mutex<Option<Result<Option<AadError>, Transport>>>);

impl Heard {
    /// Keeps what `result` says and passes it on for `oauth2`'s poll loop.
    fn keep(&self, result: Result<HttpResponse, Transport>) -> Result<HttpResponse, Transport> {
        let (kept, passed) = match result {
            Ok(response) => {
                let refusal = (!response.status().is_success())
                    .then(|| serde_json::from_slice::<AadError>(response.body()).ok())
                    .flatten();
                (Ok(refusal), Ok(response))
            }
            Err(failure) => (Err(failure), Err(Transport::Kept)),
        };
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(kept);
        passed
    }

    /// Why the poll ended without tokens.
    fn verdict(self) -> SignInError {
        match self.0.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(Ok(Some(e)))
                if !matches!(e.error.as_str(), "authorization_pending" | "slow_down") =>
            {
                refused(e)
            }
            Some(Ok(None)) => SignInError::BadResponse("token answer without access_token".into()),
            Some(Err(failure)) => transport_error(failure, "token"),
            // NOTE: still pending when our deadline passed (the poller stops before asking).
            Some(Ok(Some(_))) | None => SignInError::Aad(AadError::local(
                "expired_token",
                vec![70020],
                "device code expired",
            )),
        }
    }
}

/// Microsoft's refusal, logged with the ids its support asks for; never the description (it
/// may name the person).
fn refused(e: AadError) -> SignInError {
    tracing::info!(
        error = %e.error,
        aadsts = ?e.aadsts(),
        trace_id = ?e.support.trace_id,
        correlation_id = ?e.support.correlation_id,
        "the identity platform refused"
    );
    SignInError::Aad(e)
}

fn transport_error(failure: Transport, endpoint: &str) -> SignInError {
    match failure {
        Transport::Network(e) => SignInError::Network(e),
        Transport::Status(status) if status.is_server_error() => SignInError::Aad(AadError::local(
            "temporarily_unavailable",
            Vec::new(),
            format!("HTTP {status}"),
        )),
        Transport::Status(status) => {
            SignInError::BadResponse(format!("{endpoint} endpoint answered HTTP {status}"))
        }
        Transport::Other(what) => SignInError::BadResponse(what),
        Transport::Kept => SignInError::BadResponse(format!("{endpoint} endpoint failed")),
    }
}

/// A failed `oauth2` request as the product says it. The raw body of an unreadable answer is
/// never kept: it may hold tokens.
fn sign_in_error(e: RequestTokenError<Transport, AadError>, endpoint: &str) -> SignInError {
    match e {
        RequestTokenError::ServerResponse(e) => refused(e),
        RequestTokenError::Request(failure) => transport_error(failure, endpoint),
        RequestTokenError::Parse(..) => {
            SignInError::BadResponse(format!("{endpoint} answer is not what Microsoft documents"))
        }
        RequestTokenError::Other(what) => SignInError::BadResponse(format!("{endpoint}: {what}")),
    }
}

/// The HTTP under `oauth2`: our reqwest client (through the crate's reqwest support). An error
/// status without Microsoft's error body keeps its status (5xx: try again later) instead of
/// becoming a parse error; during a device-code poll every answer is also [`Heard`].
struct Http<'a> {
    client: &'a reqwest::Client,
    heard: Option<&'a Heard>,
}

impl<'c> AsyncHttpClient<'c> for Http<'_> {
    type Error = Transport;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Transport>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let result = send(self.client, request).await;
            match self.heard {
                Some(heard) => heard.keep(result),
                None => result,
            }
        })
    }
}

async fn send(client: &reqwest::Client, request: HttpRequest) -> Result<HttpResponse, Transport> {
    let response = AsyncHttpClient::call(client, request)
        .await
        .map_err(|e| match e {
            HttpClientError::Reqwest(e) => Transport::Network(*e),
            other => Transport::Other(other.to_string()),
        })?;
    let status = response.status();
    if !status.is_success() && serde_json::from_slice::<AadError>(response.body()).is_err() {
        return Err(Transport::Status(status));
    }
    Ok(response)
}

fn redirect_url(uri: &str) -> Result<RedirectUrl, SignInError> {
    RedirectUrl::new(uri.to_owned()).map_err(|_| SignInError::BadUrl(uri.to_owned()))
}

fn scopes() -> impl Iterator<Item = Scope> {
    SCOPES.split(' ').map(|s| Scope::new(s.to_owned()))
}

/// Talks to the identity platform's token and devicecode endpoints.
#[derive(Clone)]
pub struct IdentityClient {
    http: reqwest::Client,
    app: MicrosoftApp,
    clock: Arc<dyn Clock>,
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
        Self { http, app, clock }
    }

    /// The app registration.
    pub fn app(&self) -> &MicrosoftApp {
        &self.app
    }

    fn http(&self) -> Http<'_> {
        Http {
            client: &self.http,
            heard: None,
        }
    }

    /// The `oauth2` client; `confidential` adds the secret of a Web registration (code and
    /// refresh grants only: device code is a public-client flow).
    fn oauth(&self, confidential: bool) -> Result<OAuthClient, SignInError> {
        let endpoint = |what: &str| self.app.endpoint(what);
        let bad = |what: &str| SignInError::BadUrl(endpoint(what));
        let mut client = oauth2::Client::new(ClientId::new(self.app.client_id.clone()))
            .set_auth_type(AuthType::RequestBody)
            .set_auth_uri(AuthUrl::new(endpoint("authorize")).map_err(|_| bad("authorize"))?)
            .set_token_uri(TokenUrl::new(endpoint("token")).map_err(|_| bad("token"))?)
            .set_device_authorization_url(
                DeviceAuthorizationUrl::new(endpoint("devicecode"))
                    .map_err(|_| bad("devicecode"))?,
            );
        if confidential
            && self.app.registration == Registration::Web
            && let Some(secret) = &self.app.client_secret
        {
            client = client.set_client_secret(ClientSecret::new(secret.expose_secret().to_owned()));
        }
        Ok(client)
    }

    /// The authorize request for a browser sign-in answering to `redirect_uri`: a fresh
    /// `state` and PKCE pair.
    pub fn authorize(
        &self,
        redirect_uri: &str,
        login_hint: Option<&str>,
    ) -> Result<Authorize, SignInError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let client = self.oauth(false)?;
        let mut request = client
            .authorize_url(|| CsrfToken::new_random_len(24))
            .set_redirect_uri(Cow::Owned(redirect_url(redirect_uri)?))
            .add_scopes(scopes())
            .set_pkce_challenge(challenge)
            .add_extra_param("response_mode", "query");
        if let Some(hint) = login_hint.filter(|h| !h.is_empty()) {
            request = request.add_extra_param("login_hint", hint.to_owned());
        }
        let (url, state) = request.url();
        Ok(Authorize {
            url,
            state: state.into_secret(),
            verifier,
        })
    }

    /// Redeems an authorization code (with its PKCE verifier).
    pub async fn redeem_code(
        &self,
        code: &str,
        redirect_uri: &str,
        verifier: PkceCodeVerifier,
    ) -> Result<TokenSet, SignInError> {
        let client = self.oauth(true)?;
        let answer = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_redirect_uri(Cow::Owned(redirect_url(redirect_uri)?))
            .set_pkce_verifier(verifier)
            .add_extra_param("scope", SCOPES)
            .request_async(&self.http())
            .await
            .map_err(|e| sign_in_error(e, "token"))?;
        Ok(self.token_set(&answer))
    }

    /// Exchanges a refresh token for new tokens. A refusal means the person must sign in again.
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<TokenSet, SignInError> {
        let token = RefreshToken::new(refresh_token.expose_secret().to_owned());
        let client = self.oauth(true)?;
        let answer = client
            .exchange_refresh_token(&token)
            .add_scopes(scopes())
            .request_async(&self.http())
            .await;
        match answer.map_err(|e| sign_in_error(e, "token")) {
            Ok(answer) => Ok(self.token_set(&answer)),
            Err(SignInError::Aad(e)) if e.problem() != SignInProblem::ServiceUnavailable => {
                Err(SignInError::NeedsSignIn {
                    aadsts: e.aadsts(),
                    problem: e.problem(),
                })
            }
            Err(other) => Err(other),
        }
    }

    /// Starts a device-code sign-in.
    pub async fn start_device_code(&self) -> Result<DeviceCode, SignInError> {
        let client = self.oauth(false)?;
        let answer: DeviceAuthorizationResponse<DeviceMessage> = client
            .exchange_device_code()
            .add_scopes(scopes())
            .request_async(&self.http())
            .await
            .map_err(|e| sign_in_error(e, "devicecode"))?;
        Ok(DeviceCode {
            device_code: answer.device_code().secret().clone(),
            user_code: answer.user_code().secret().clone(),
            verification_uri: answer.verification_uri().as_str().to_owned(),
            expires_in: answer.expires_in().as_secs(),
            interval: answer.interval().as_secs(),
            message: answer.extra_fields().message.clone(),
        })
    }

    /// Polls until the person entered the code (honouring `interval` and `slow_down`), it
    /// expired, or they declined. Waits go through `sleeper`; the deadline is `expires_in`
    /// seconds of those waits, so a sleeper that does not really sleep still ends the poll.
    pub async fn poll_device_code(
        &self,
        device: &DeviceCode,
        sleeper: &dyn Sleeper,
    ) -> Result<TokenSet, SignInError> {
        // NOTE: `oauth2` builds the poll from the devicecode answer it parsed, which it only
        // deserialises; the interval is at least a second so a zero cannot make it spin.
        let details: DeviceAuthorizationResponse<DeviceMessage> =
            serde_json::from_value(serde_json::json!({
                "device_code": device.device_code,
                "user_code": device.user_code,
                "verification_uri": device.verification_uri,
                "expires_in": device.expires_in,
                "interval": device.interval.max(1),
                "message": device.message,
            }))
            .map_err(|e| SignInError::BadResponse(format!("device code: {e}")))?;
        let deadline = details.expires_in();
        let waited = Mutex::new(Duration::ZERO);
        let origin = self.clock.now();
        // NOTE: a wait that would end past the deadline is not waited: the poller sees the
        // deadline passed and stops without asking again.
        let wait = |d: Duration| {
            let mut total = waited.lock().unwrap_or_else(|p| p.into_inner());
            let within = total.saturating_add(d) <= deadline;
            *total = total.saturating_add(d);
            let sleep: Pin<Box<dyn Future<Output = ()> + Send + '_>> = if within {
                sleeper.sleep(d)
            } else {
                Box::pin(std::future::ready(()))
            };
            sleep
        };
        let now = || {
            let total = *waited.lock().unwrap_or_else(|p| p.into_inner());
            chrono::Duration::from_std(total)
                .ok()
                .and_then(|t| origin.checked_add_signed(t))
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        };
        // NOTE: `oauth2` asks at once; nobody can have entered the code within the first
        // interval, so it is waited first.
        wait(details.interval()).await;
        let left = deadline.saturating_sub(*waited.lock().unwrap_or_else(|p| p.into_inner()));
        let heard = Heard::default();
        let polling = Http {
            heard: Some(&heard),
            ..self.http()
        };
        let client = self.oauth(false)?;
        let answer = client
            .exchange_device_access_token(&details)
            .set_time_fn(now)
            .request_async(&polling, wait, Some(left))
            .await;
        match answer {
            Ok(answer) => Ok(self.token_set(&answer)),
            Err(RequestTokenError::Other(what)) => Err(SignInError::BadResponse(what)),
            Err(_) => Err(heard.verdict()),
        }
    }

    /// The tokens of `answer`, their expiry by our clock.
    fn token_set(&self, answer: &TokenAnswer) -> TokenSet {
        // NOTE: a lifetime beyond a day is not believed; a 401 from Graph refreshes anyway.
        let lifetime = answer
            .expires_in()
            .map_or(3599, |d| d.as_secs())
            .min(86_400);
        TokenSet {
            access_token: SecretString::from(answer.access_token().secret().clone()),
            refresh_token: answer
                .refresh_token()
                .map(|t| SecretString::from(t.secret().clone())),
            expires_at: self.clock.now() + chrono::Duration::seconds(lifetime as i64),
        }
    }
}

/// Opens a URL in the person's browser; replaceable so tests (and `--no-browser`) can play it.
pub trait UrlOpener: Send + Sync {
    /// Opens `url`.
    fn open(&self, url: &str) -> Result<(), SignInError>;
}

/// The system browser (the `opener` crate, which honours `BROWSER`), or the command in
/// [`URL_OPENER_ENV`] if set.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemUrlOpener;

impl UrlOpener for SystemUrlOpener {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        let configured = std::env::var(URL_OPENER_ENV)
            .ok()
            .filter(|c| !c.trim().is_empty());
        let Some(command_line) = configured else {
            return opener::open_browser(url).map_err(browser_error);
        };
        let mut parts = command_line.split_whitespace();
        let program = parts.next().unwrap_or_default().to_owned();
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

fn browser_error(e: opener::OpenError) -> SignInError {
    let (command, source) = match e {
        opener::OpenError::Spawn { cmds, source } => (cmds, source),
        opener::OpenError::Io(source) => ("the system browser".to_owned(), source),
        other => (
            "the system browser".to_owned(),
            std::io::Error::other(other.to_string()),
        ),
    };
    SignInError::Browser { command, source }
}

/// Signs in with authorization code + PKCE through the browser and the loopback listener.
/// `timeout` bounds the wait for the person; at it the listener closes.
pub async fn sign_in_with_browser(
    identity: &IdentityClient,
    opener: &dyn UrlOpener,
    login_hint: Option<&str>,
    lang: Language,
    timeout: Duration,
) -> Result<TokenSet, SignInError> {
    let listener = LoopbackListener::bind(identity.app().registration).await?;
    let redirect_uri = listener.redirect_uri().to_owned();
    let authorize = identity.authorize(&redirect_uri, login_hint)?;
    opener.open(authorize.url.as_str())?;
    let code = tokio::time::timeout(timeout, listener.wait_for_code(&authorize.state, lang))
        .await
        .map_err(|_| SignInError::TimedOut)??;
    identity
        .redeem_code(&code, &redirect_uri, authorize.verifier)
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

    fn identity(authority: &str) -> IdentityClient {
        IdentityClient::new(
            MicrosoftApp {
                authority: authority.into(),
                tenant: "organizations".into(),
                client_id: "app".into(),
                registration: Registration::Desktop,
                client_secret: None,
            },
            Arc::new(crate::clock::SystemClock),
        )
    }

    /// An identity platform that answers every request with `status`, `content_type`, `body`.
    async fn answering(status: u16, content_type: &'static str, body: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let service = hyper::service::service_fn(move |_request| async move {
                    let mut response = hyper::Response::new(body.to_owned());
                    *response.status_mut() = hyper::StatusCode::from_u16(status).expect("status");
                    response.headers_mut().insert(
                        hyper::header::CONTENT_TYPE,
                        hyper::header::HeaderValue::from_static(content_type),
                    );
                    Ok::<_, std::convert::Infallible>(response)
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service),
                );
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    #[tokio::test]
    async fn answers_without_microsofts_error_body_keep_their_meaning() {
        let refresh = |authority: String| async move {
            identity(&authority)
                .refresh(&SecretString::from("rt"))
                .await
                .expect_err("no tokens")
        };
        let down = refresh(answering(503, "text/html", "<h1>down</h1>").await).await;
        assert_eq!(
            down.problem(),
            Some(SignInProblem::ServiceUnavailable),
            "{down:?}"
        );
        assert!(
            !down.needs_sign_in(),
            "a server error is no reason to sign in again"
        );
        let odd = refresh(answering(404, "text/html", "<h1>gone</h1>").await).await;
        assert!(
            matches!(&odd, SignInError::BadResponse(t) if t.contains("HTTP 404")),
            "{odd:?}"
        );
        // An answer that is no token answer is not echoed: it may hold a token.
        let half =
            refresh(answering(200, "application/json", r#"{"access_token":"at-123"}"#).await).await;
        assert!(matches!(&half, SignInError::BadResponse(_)), "{half:?}");
        assert!(!format!("{half:?} {half}").contains("at-123"));
        let revoked = refresh(
            answering(
                400,
                "application/json; charset=utf-8",
                r#"{"error":"invalid_grant","error_description":"AADSTS50173: revoked","error_codes":[50173],"trace_id":"t"}"#,
            )
            .await,
        )
        .await;
        assert!(
            matches!(
                revoked,
                SignInError::NeedsSignIn {
                    aadsts: Some(50173),
                    problem: SignInProblem::SignInRevoked
                }
            ),
            "{revoked:?}"
        );
    }

    #[tokio::test]
    async fn a_device_code_poll_that_never_reached_microsoft_says_so_at_the_deadline() {
        let closed = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind");
        let authority = format!("http://{}", closed.local_addr().expect("addr"));
        drop(closed);
        let code = DeviceCode {
            device_code: "dc".into(),
            user_code: "ABC".into(),
            verification_uri: "https://microsoft.com/devicelogin".into(),
            expires_in: 20,
            interval: 5,
            message: String::new(),
        };
        let sleeper = crate::graph::sleep::RecordingSleeper::new();
        let err = identity(&authority)
            .poll_device_code(&code, &sleeper)
            .await
            .expect_err("unreachable");
        assert!(matches!(err, SignInError::Network(_)), "{err:?}");
        // The crate's backoff (RFC 8628 §3.5) within our deadline: 5 s, then 10 s, then over.
        let secs: Vec<u64> = sleeper.waits().iter().map(|d| d.as_secs()).collect();
        assert_eq!(secs, vec![5, 10]);
    }

    #[test]
    fn the_authorize_url_asks_for_a_code_with_an_s256_challenge_of_its_verifier() {
        use base64::Engine;
        use sha2::Digest;
        let identity = identity("https://login.example/");
        let authorize = identity
            .authorize("http://localhost:4711/", Some("lena@example.com"))
            .expect("authorize");
        let q: std::collections::HashMap<_, _> = authorize.url.query_pairs().into_owned().collect();
        assert!(
            authorize
                .url
                .as_str()
                .starts_with("https://login.example/organizations/oauth2/v2.0/authorize?")
        );
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(authorize.verifier.secret().as_bytes()));
        assert_eq!(q["code_challenge"], challenge);
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["response_mode"], "query");
        assert_eq!(q["redirect_uri"], "http://localhost:4711/");
        assert_eq!(q["scope"], SCOPES);
        assert_eq!(q["login_hint"], "lena@example.com");
        assert_eq!(q["state"], authorize.state);
        assert_eq!(authorize.state.len(), 32);
        let again = identity
            .authorize("http://localhost:4711/", None)
            .expect("again");
        assert_ne!(again.state, authorize.state);
        assert!(!again.url.as_str().contains("login_hint"));
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
