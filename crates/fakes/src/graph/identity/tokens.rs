//! Grants and tokens of the fake identity platform: authorization codes (PKCE S256/plain, ~10 min,
//! single use), refresh tokens, opaque access tokens and device codes, and the rules that turn a
//! token request into tokens or an AADSTS error.
//!
//! Refresh tokens follow Microsoft's documented behaviour (refresh-tokens.md, GRAPH_FACTS §1.5):
//! every redemption returns a NEW refresh token, and the old one is NOT revoked — it stays usable
//! until it expires (90 days of inactivity → AADSTS700082) or is revoked (password change, admin
//! revoke → AADSTS50173). Access tokens are opaque strings (like MSA tokens); their lifetime is
//! configurable and measured on the fake's clock.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::apps::{DirectoryUser, Platform, RegisteredApp, Tenant};
use super::errors::AadError;

/// How long an authorization code can be redeemed.
const CODE_LIFETIME_MINUTES: i64 = 10;
/// Refresh tokens expire after this much inactivity.
const REFRESH_INACTIVITY_DAYS: i64 = 90;
/// Device codes expire after this many seconds.
const DEVICE_CODE_SECONDS: i64 = 900;

/// Why the refresh tokens of a user stop working (a fault the control API injects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefreshRevocation {
    /// Password reset or admin revoke: AADSTS50173.
    Revoked,
    /// Not used for 90 days: AADSTS700082.
    Expired,
    /// Conditional Access now demands MFA: AADSTS50076.
    MfaRequired,
    /// Consent was withdrawn: AADSTS65001.
    ConsentRequired,
}

#[derive(Debug, Clone)]
struct AuthCode {
    client_id: String,
    upn: String,
    redirect_uri: String,
    platform: Platform,
    challenge: Option<(String, String)>,
    scopes: Vec<String>,
    issued_at: DateTime<Utc>,
    redeemed: bool,
}

#[derive(Debug, Clone)]
struct RefreshGrant {
    client_id: String,
    upn: String,
    scopes: Vec<String>,
    issued_at: DateTime<Utc>,
    confidential: bool,
    revoked: Option<RefreshRevocation>,
}

#[derive(Debug, Clone)]
struct AccessGrant {
    upn: String,
    scopes: Vec<String>,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
struct DeviceGrant {
    client_id: String,
    user_code: String,
    scopes: Vec<String>,
    expires_at: DateTime<Utc>,
    approved_by: Option<String>,
    declined: bool,
    redeemed: bool,
}

/// What the authorize endpoint answers.
#[derive(Debug)]
pub enum AuthorizeOutcome {
    /// 302 to this location (the app's redirect URI with `code`/`error` and `state`).
    Redirect(String),
    /// An error page on the sign-in site (not redirected).
    Page(AadError),
    /// The account picker a browser would show (no `login_hint`).
    AccountPicker(Vec<DirectoryUser>),
}

/// Why an access token was not accepted by Graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessProblem {
    /// No `Authorization: Bearer` header.
    Missing,
    /// Not a token this fake issued.
    Malformed,
    /// Issued, but past its lifetime.
    Expired,
}

/// The device-code answer of `/devicecode`.
#[derive(Debug, Serialize)]
pub struct DeviceAuthorization {
    /// Secret the app polls with.
    pub device_code: String,
    /// Code the person types on the verification page.
    pub user_code: String,
    /// Page the person opens.
    pub verification_uri: String,
    /// Seconds until the device code expires.
    pub expires_in: i64,
    /// Seconds between polls.
    pub interval: i64,
    /// Text for the person.
    pub message: String,
}

/// State of the identity platform: directory, registrations and all grants.
#[derive(Debug)]
pub struct Identity {
    /// Known tenants.
    pub tenants: Vec<Tenant>,
    /// Known people.
    pub users: Vec<DirectoryUser>,
    /// Registered apps.
    pub apps: Vec<RegisteredApp>,
    /// Lifetime of newly issued access tokens.
    pub access_token_lifetime: Duration,
    codes: HashMap<String, AuthCode>,
    refresh: HashMap<String, RefreshGrant>,
    access: HashMap<String, AccessGrant>,
    devices: HashMap<String, DeviceGrant>,
}

fn random_token(prefix: &str, bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(raw))
}

fn parse_scopes(scope: Option<&str>) -> Vec<String> {
    let mut scopes = Vec::new();
    for s in scope.unwrap_or_default().split_whitespace() {
        let short = s
            .strip_prefix("https://graph.microsoft.com/")
            .unwrap_or(s)
            .to_string();
        if !scopes.contains(&short) {
            scopes.push(short);
        }
    }
    scopes
}

/// A datetime with 7 fraction digits, as .NET writes them in AADSTS messages.
fn ticks(t: DateTime<Utc>) -> String {
    format!(
        "{}.{:07}Z",
        t.format("%Y-%m-%dT%H:%M:%S"),
        t.timestamp_subsec_nanos() / 100
    )
}

/// The Graph permissions a token carries (without the OpenID scopes; `User.Read` at least).
fn granted_scopes(scopes: &[String]) -> Vec<String> {
    let mut granted: Vec<String> = scopes.iter().filter(|s| !is_oidc(s)).cloned().collect();
    if granted.is_empty() {
        granted.push("User.Read".to_string());
    }
    granted
}

fn is_oidc(scope: &str) -> bool {
    matches!(scope, "openid" | "profile" | "email" | "offline_access")
}

impl Identity {
    /// An empty directory whose access tokens live `access_token_lifetime`.
    pub fn new(access_token_lifetime: Duration) -> Self {
        Self {
            tenants: Vec::new(),
            users: Vec::new(),
            apps: Vec::new(),
            access_token_lifetime,
            codes: HashMap::new(),
            refresh: HashMap::new(),
            access: HashMap::new(),
            devices: HashMap::new(),
        }
    }

    /// Whether `segment` names a tenant this fake serves (`common`, `organizations`, id, domain).
    fn tenant_known(&self, segment: &str) -> bool {
        matches!(segment, "common" | "organizations")
            || self
                .tenants
                .iter()
                .any(|t| t.id == segment || t.domain.eq_ignore_ascii_case(segment))
    }

    fn tenant_error(segment: &str) -> AadError {
        AadError::new(
            "invalid_request",
            90002,
            format!(
                "Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
            ),
        )
    }

    fn user_in_tenant(&self, segment: &str, upn: &str) -> Option<&DirectoryUser> {
        let user = self
            .users
            .iter()
            .find(|u| u.upn.eq_ignore_ascii_case(upn))?;
        let tenant_ok = matches!(segment, "common" | "organizations")
            || self.tenants.iter().any(|t| {
                t.id == user.tenant_id
                    && (t.id == segment || t.domain.eq_ignore_ascii_case(segment))
            });
        tenant_ok.then_some(user)
    }

    fn app(&self, tenant: &str, client_id: Option<&str>) -> Result<&RegisteredApp, AadError> {
        let client_id = client_id.unwrap_or_default();
        if client_id.is_empty() {
            return Err(AadError::new(
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'client_id'.",
            ));
        }
        self.apps.iter().find(|a| a.client_id == client_id).ok_or_else(|| {
            AadError::new(
                "unauthorized_client",
                700016,
                format!(
                    "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
                ),
            )
        })
    }

    /// The authorize endpoint: validates the request and signs in the `login_hint` person at once.
    pub fn authorize(
        &mut self,
        tenant: &str,
        q: &HashMap<String, String>,
        now: DateTime<Utc>,
    ) -> AuthorizeOutcome {
        if !self.tenant_known(tenant) {
            return AuthorizeOutcome::Page(Self::tenant_error(tenant));
        }
        let app = match self.app(tenant, q.get("client_id").map(String::as_str)) {
            Ok(app) => app.clone(),
            Err(e) => return AuthorizeOutcome::Page(e),
        };
        let Some(redirect_uri) = q.get("redirect_uri").cloned() else {
            return AuthorizeOutcome::Page(AadError::new(
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'redirect_uri'.",
            ));
        };
        let Some(registered) = app.match_redirect(&redirect_uri).cloned() else {
            return AuthorizeOutcome::Page(AadError::new(
                "invalid_request",
                50011,
                format!(
                    "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.",
                    app.client_id
                ),
            ));
        };
        let state = q.get("state").cloned();
        let redirect_error = |error: &str, code: u32, message: &str| {
            let mut url = url::Url::parse(&redirect_uri).ok()?;
            {
                let mut pairs = url.query_pairs_mut();
                pairs.append_pair("error", error);
                pairs.append_pair("error_description", &format!("AADSTS{code}: {message}"));
                if let Some(state) = &state {
                    pairs.append_pair("state", state);
                }
            }
            Some(AuthorizeOutcome::Redirect(url.to_string()))
        };
        if q.get("response_type").map(String::as_str) != Some("code") {
            return redirect_error(
                "unsupported_response_type",
                700054,
                "response_type 'code' is required for this flow.",
            )
            .unwrap_or_else(|| {
                AuthorizeOutcome::Page(AadError::new(
                    "invalid_request",
                    50011,
                    "Invalid redirect URI.",
                ))
            });
        }
        let challenge = match (
            q.get("code_challenge"),
            q.get("code_challenge_method").map(String::as_str),
        ) {
            (None, _) => None,
            (Some(c), None | Some("plain")) => Some((c.clone(), "plain".to_string())),
            (Some(c), Some("S256")) => Some((c.clone(), "S256".to_string())),
            (Some(_), Some(_)) => {
                return redirect_error(
                    "invalid_request",
                    50149,
                    "Invalid Code_Challenge_method parameter.",
                )
                .unwrap_or_else(|| {
                    AuthorizeOutcome::Page(AadError::new(
                        "invalid_request",
                        50149,
                        "Invalid code challenge method.",
                    ))
                });
            }
        };
        let Some(hint) = q.get("login_hint") else {
            let users = self.users.clone();
            return AuthorizeOutcome::AccountPicker(users);
        };
        let Some(user) = self.user_in_tenant(tenant, hint).cloned() else {
            return AuthorizeOutcome::Page(AadError::new(
                "invalid_request",
                50034,
                format!(
                    "The user account {{EmailHidden}} does not exist in the '{tenant}' directory. To sign into this application, the account must be added to the directory."
                ),
            ));
        };
        let code = random_token("1.AXkA", 96);
        self.codes.insert(
            code.clone(),
            AuthCode {
                client_id: app.client_id.clone(),
                upn: user.upn.clone(),
                redirect_uri: redirect_uri.clone(),
                platform: registered.platform,
                challenge,
                scopes: parse_scopes(q.get("scope").map(String::as_str)),
                issued_at: now,
                redeemed: false,
            },
        );
        let Ok(mut url) = url::Url::parse(&redirect_uri) else {
            return AuthorizeOutcome::Page(AadError::new(
                "invalid_request",
                50011,
                "The redirect URI is not a valid URL.",
            ));
        };
        {
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair("code", &code);
            if let Some(state) = &state {
                pairs.append_pair("state", state);
            }
            pairs.append_pair("session_state", &uuid::Uuid::new_v4().to_string());
        }
        AuthorizeOutcome::Redirect(url.to_string())
    }

    /// The token endpoint: every grant type, with Microsoft's client-authentication rules.
    pub fn token(
        &mut self,
        tenant: &str,
        form: &HashMap<String, String>,
        now: DateTime<Utc>,
    ) -> Result<Value, AadError> {
        if !self.tenant_known(tenant) {
            return Err(Self::tenant_error(tenant));
        }
        let app = self
            .app(tenant, form.get("client_id").map(String::as_str))?
            .clone();
        let secret = form.get("client_secret").filter(|s| !s.is_empty());
        let check_client = |confidential: bool| -> Result<(), AadError> {
            match (confidential, secret) {
                (false, Some(_)) => Err(AadError::new(
                    "invalid_client",
                    700025,
                    "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
                )),
                (true, None) => Err(AadError::new(
                    "invalid_client",
                    7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                )),
                (true, Some(s)) if !app.secrets.contains(s) => Err(AadError::new(
                    "invalid_client",
                    7000215,
                    format!(
                        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.",
                        app.client_id
                    ),
                )),
                _ => Ok(()),
            }
        };
        match form.get("grant_type").map(String::as_str) {
            Some("authorization_code") => {
                let code_value = form.get("code").cloned().unwrap_or_default();
                let Some(code) = self.codes.get(&code_value).cloned() else {
                    return Err(AadError::new(
                        "invalid_grant",
                        9002313,
                        "Invalid request. Request is malformed or invalid.",
                    ));
                };
                if code.client_id != app.client_id {
                    return Err(AadError::new(
                        "invalid_grant",
                        70000,
                        "The provided value for the 'code' parameter is not valid. The code was issued to a different client.",
                    ));
                }
                check_client(code.platform == Platform::Web)?;
                if code.redeemed {
                    return Err(AadError::new(
                        "invalid_grant",
                        54005,
                        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
                    ));
                }
                if now - code.issued_at > Duration::minutes(CODE_LIFETIME_MINUTES) {
                    return Err(AadError::new(
                        "invalid_grant",
                        70008,
                        "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
                    ));
                }
                if form.get("redirect_uri") != Some(&code.redirect_uri) {
                    return Err(AadError::new(
                        "invalid_grant",
                        500112,
                        "The reply address does not match the reply address provided when requesting Authorization code.",
                    ));
                }
                if let Some((challenge, method)) = &code.challenge {
                    let Some(verifier) = form.get("code_verifier") else {
                        return Err(AadError::new(
                            "invalid_request",
                            900144,
                            "The request body must contain the following parameter: 'code_verifier'.",
                        ));
                    };
                    let computed = if method == "S256" {
                        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
                    } else {
                        verifier.clone()
                    };
                    if &computed != challenge {
                        return Err(AadError::new(
                            "invalid_grant",
                            501481,
                            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
                        ));
                    }
                }
                if let Some(stored) = self.codes.get_mut(&code_value) {
                    stored.redeemed = true;
                }
                let scopes = if form.contains_key("scope") {
                    parse_scopes(form.get("scope").map(String::as_str))
                } else {
                    code.scopes.clone()
                };
                Ok(self.issue(
                    &app,
                    &code.upn,
                    &scopes,
                    code.platform == Platform::Web,
                    now,
                ))
            }
            Some("refresh_token") => {
                let token = form.get("refresh_token").cloned().unwrap_or_default();
                let Some(grant) = self.refresh.get(&token).cloned() else {
                    return Err(AadError::new(
                        "invalid_grant",
                        9002313,
                        "Invalid request. Request is malformed or invalid.",
                    ));
                };
                if grant.client_id != app.client_id {
                    return Err(AadError::new(
                        "invalid_grant",
                        700003,
                        "Device object was not found in the tenant directory. The refresh token was issued to a different client.",
                    ));
                }
                check_client(grant.confidential)?;
                match grant.revoked {
                    Some(RefreshRevocation::MfaRequired) => {
                        return Err(AadError::new(
                            "invalid_grant",
                            50076,
                            "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
                        ));
                    }
                    Some(RefreshRevocation::ConsentRequired) => {
                        return Err(AadError::new(
                            "invalid_grant",
                            65001,
                            format!(
                                "The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.",
                                app.client_id, app.display_name
                            ),
                        ));
                    }
                    _ => {}
                }
                if grant.revoked == Some(RefreshRevocation::Revoked) {
                    return Err(AadError::new(
                        "invalid_grant",
                        50173,
                        format!(
                            "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '{}' and the TokensValidFrom date (before which tokens are not valid) for this user is '{}'.",
                            ticks(grant.issued_at),
                            ticks(now)
                        ),
                    ));
                }
                if now - grant.issued_at > Duration::days(REFRESH_INACTIVITY_DAYS) {
                    return Err(AadError::new(
                        "invalid_grant",
                        700082,
                        format!(
                            "The refresh token has expired due to inactivity. The token was issued on {} and was inactive for 90.00:00:00.",
                            ticks(grant.issued_at)
                        ),
                    ));
                }
                let scopes = match form.get("scope") {
                    Some(s) => parse_scopes(Some(s)),
                    None => grant.scopes.clone(),
                };
                Ok(self.issue(&app, &grant.upn, &scopes, grant.confidential, now))
            }
            Some("urn:ietf:params:oauth:grant-type:device_code") => {
                if !app.allow_public_client_flows {
                    return Err(AadError::new(
                        "invalid_client",
                        7000218,
                        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                    ));
                }
                check_client(false)?;
                let device_code = form.get("device_code").cloned().unwrap_or_default();
                let Some(grant) = self
                    .devices
                    .get(&device_code)
                    .cloned()
                    .filter(|g| g.client_id == app.client_id && !g.redeemed)
                else {
                    return Err(AadError::new(
                        "bad_verification_code",
                        70000,
                        "The provided value for the input parameter 'device_code' is not valid.",
                    ));
                };
                if now > grant.expires_at {
                    return Err(AadError::new(
                        "expired_token",
                        70020,
                        "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
                    ));
                }
                if grant.declined {
                    return Err(AadError::new(
                        "authorization_declined",
                        70000,
                        "The user declined the sign-in request on the verification page.",
                    ));
                }
                let Some(upn) = grant.approved_by.clone() else {
                    return Err(AadError::new(
                        "authorization_pending",
                        70016,
                        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
                    ));
                };
                if let Some(stored) = self.devices.get_mut(&device_code) {
                    stored.redeemed = true;
                }
                Ok(self.issue(&app, &upn, &grant.scopes, false, now))
            }
            Some(other) => Err(AadError::new(
                "unsupported_grant_type",
                70003,
                format!("The app requested an unsupported grant type '{other}'."),
            )),
            None => Err(AadError::new(
                "invalid_request",
                900144,
                "The request body must contain the following parameter: 'grant_type'.",
            )),
        }
    }

    fn issue(
        &mut self,
        app: &RegisteredApp,
        upn: &str,
        scopes: &[String],
        confidential: bool,
        now: DateTime<Utc>,
    ) -> Value {
        let lifetime = self.access_token_lifetime.num_seconds().max(1);
        let access_token = random_token("EwB4A8l6BAAU", 96);
        self.access.insert(
            access_token.clone(),
            AccessGrant {
                upn: upn.to_string(),
                scopes: granted_scopes(scopes),
                expires_at: now + Duration::seconds(lifetime),
            },
        );
        let mut granted: Vec<String> = scopes.iter().filter(|s| !is_oidc(s)).cloned().collect();
        if granted.is_empty() {
            granted.push("User.Read".to_string());
        }
        let openid = scopes.iter().any(|s| s == "openid");
        if openid {
            granted.extend(["profile", "openid", "email"].map(String::from));
        }
        let mut body = json!({
            "token_type": "Bearer",
            "scope": granted.join(" "),
            "expires_in": lifetime,
            "ext_expires_in": lifetime,
            "access_token": access_token,
        });
        if scopes.iter().any(|s| s == "offline_access") {
            let refresh_token = random_token("1.AXkAPf", 160);
            self.refresh.insert(
                refresh_token.clone(),
                RefreshGrant {
                    client_id: app.client_id.clone(),
                    upn: upn.to_string(),
                    scopes: scopes.to_vec(),
                    issued_at: now,
                    confidential,
                    revoked: None,
                },
            );
            body["refresh_token"] = json!(refresh_token);
        }
        if openid && let Some(user) = self.users.iter().find(|u| u.upn.eq_ignore_ascii_case(upn)) {
            body["id_token"] = json!(id_token(app, user, now));
        }
        body
    }

    /// The devicecode endpoint: starts a device flow for `client_id`.
    pub fn device_authorize(
        &mut self,
        tenant: &str,
        form: &HashMap<String, String>,
        verification_uri: &str,
        now: DateTime<Utc>,
    ) -> Result<DeviceAuthorization, AadError> {
        if !self.tenant_known(tenant) {
            return Err(Self::tenant_error(tenant));
        }
        let app = self
            .app(tenant, form.get("client_id").map(String::as_str))?
            .clone();
        const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let user_code: String = (0..9)
            .map(|_| LETTERS[rand::random_range(0..LETTERS.len())] as char)
            .collect();
        let device_code = random_token("DAQABIQEAAAB", 120);
        self.devices.insert(
            device_code.clone(),
            DeviceGrant {
                client_id: app.client_id,
                user_code: user_code.clone(),
                scopes: parse_scopes(form.get("scope").map(String::as_str)),
                expires_at: now + Duration::seconds(DEVICE_CODE_SECONDS),
                approved_by: None,
                declined: false,
                redeemed: false,
            },
        );
        Ok(DeviceAuthorization {
            message: format!(
                "To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate."
            ),
            device_code,
            user_code,
            verification_uri: verification_uri.to_string(),
            expires_in: DEVICE_CODE_SECONDS,
            interval: 5,
        })
    }

    /// Approves a pending device code as `upn` (what the person does on the verification page).
    pub fn approve_device(&mut self, user_code: &str, upn: &str) -> Result<(), String> {
        let Some(user) = self.users.iter().find(|u| u.upn.eq_ignore_ascii_case(upn)) else {
            return Err(format!("unknown user {upn}"));
        };
        let upn = user.upn.clone();
        let grant = self
            .devices
            .values_mut()
            .find(|g| g.user_code.eq_ignore_ascii_case(user_code) && !g.redeemed)
            .ok_or_else(|| format!("no pending device code {user_code}"))?;
        grant.approved_by = Some(upn);
        Ok(())
    }

    /// Declines a pending device code (the person refuses on the verification page).
    pub fn decline_device(&mut self, user_code: &str) -> Result<(), String> {
        let grant = self
            .devices
            .values_mut()
            .find(|g| g.user_code.eq_ignore_ascii_case(user_code) && !g.redeemed)
            .ok_or_else(|| format!("no pending device code {user_code}"))?;
        grant.declined = true;
        Ok(())
    }

    /// Makes every refresh token of `upn` fail with the given reason.
    pub fn revoke_refresh_tokens(&mut self, upn: &str, reason: RefreshRevocation) -> usize {
        let mut n = 0;
        for grant in self
            .refresh
            .values_mut()
            .filter(|g| g.upn.eq_ignore_ascii_case(upn))
        {
            match reason {
                RefreshRevocation::Revoked
                | RefreshRevocation::MfaRequired
                | RefreshRevocation::ConsentRequired => grant.revoked = Some(reason),
                RefreshRevocation::Expired => {
                    grant.issued_at -= Duration::days(REFRESH_INACTIVITY_DAYS + 1);
                }
            }
            n += 1;
        }
        n
    }

    /// Makes every access token of `upn` expired (as if its lifetime had passed).
    pub fn expire_access_tokens(&mut self, upn: &str, now: DateTime<Utc>) -> usize {
        let mut n = 0;
        for grant in self
            .access
            .values_mut()
            .filter(|g| g.upn.eq_ignore_ascii_case(upn))
        {
            grant.expires_at = now - Duration::seconds(1);
            n += 1;
        }
        n
    }

    /// The person an `Authorization` header value signs in, or why it is not accepted.
    pub fn access_user(
        &self,
        authorization: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<String, AccessProblem> {
        self.access_grant(authorization, now).map(|(upn, _)| upn)
    }

    /// The person and the Graph permissions of an `Authorization` header value.
    pub fn access_grant(
        &self,
        authorization: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(String, Vec<String>), AccessProblem> {
        let Some(header) = authorization else {
            return Err(AccessProblem::Missing);
        };
        let Some(token) = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
        else {
            return Err(AccessProblem::Missing);
        };
        let grant = self
            .access
            .get(token.trim())
            .ok_or(AccessProblem::Malformed)?;
        if now >= grant.expires_at {
            return Err(AccessProblem::Expired);
        }
        Ok((grant.upn.clone(), grant.scopes.clone()))
    }
}

fn id_token(app: &RegisteredApp, user: &DirectoryUser, now: DateTime<Utc>) -> String {
    let header = json!({"typ": "JWT", "alg": "none"});
    let claims = json!({
        "aud": app.client_id,
        "iss": format!("https://login.microsoftonline.com/{}/v2.0", user.tenant_id),
        "iat": now.timestamp(),
        "nbf": now.timestamp(),
        "exp": now.timestamp() + 3600,
        "name": user.display_name,
        "oid": user.id,
        "preferred_username": user.upn,
        "sub": URL_SAFE_NO_PAD.encode(Sha256::digest(format!("{}{}", user.id, app.client_id))),
        "tid": user.tenant_id,
        "ver": "2.0",
    });
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}
