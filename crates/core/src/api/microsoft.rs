//! The Microsoft use cases of a [`Session`]: connect (sign in), the Microsoft half of the
//! connection test, the mail folder tree, and disconnect. Re-exported from [`crate::api`].
//!
//! What is kept where: the account row (UPN, name, endpoints: authority, Graph URL, tenant,
//! client id, registration, and the "needs sign-in" flag) in SQLite; the refresh token and an
//! optional client secret only in the secret store (OS keyring); access tokens only in memory.
//! When a refresh is refused (revoked, expired, MFA), the account is flagged "needs sign-in":
//! [`Session::status`] then shows it and every job's timer is off until the person signs in again.

use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::Session;
use crate::clock::{Clock, SystemClock};
use crate::error::{CoreError, UiError, UserFacing};
use crate::graph::auth::{
    CLIENT_SECRET_SECRET, DeviceCode, IdentityClient, MicrosoftApp, REFRESH_TOKEN_SECRET,
    Registration, TokenSource, UrlOpener, check_tenant, sign_in_with_browser,
};
use crate::graph::client::{GraphClient, GraphClientOptions, Sleeper};
use crate::graph::error::{GraphError, SignInError};
use crate::graph::mail_folders::{self, FolderNode};
use crate::graph::me::{Me, get_me};
use crate::graph::texts::MicrosoftMsg;
use crate::i18n::Msg;
use crate::model::AccountKind;
use crate::secrets::SecretStore;
use crate::settings::SettingKey;
use crate::store::NewAccount;

/// Marks a "needs sign-in" the person was already told about (in the account's endpoints).
const SIGN_IN_NOTIFIED: &str = "sign_in_notified";

/// Where the Microsoft account lives, as stored in the account row (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MicrosoftEndpoints {
    /// Identity platform base URL.
    pub authority: String,
    /// Graph base URL including the version.
    pub graph: String,
    /// Directory (tenant) id or `organizations`/`common`.
    pub tenant: String,
    /// Application (client) id.
    pub client_id: String,
    /// How the app is registered.
    #[serde(default)]
    pub registration: Registration,
    /// Set when Microsoft refused the stored sign-in: jobs pause until the person signs in.
    #[serde(default)]
    pub needs_sign_in: bool,
}

/// What the Microsoft use cases need besides the session: secrets, clock, waits.
#[derive(Clone)]
pub struct MicrosoftRuntime {
    /// Where the refresh token and client secret live.
    pub secrets: Arc<dyn SecretStore>,
    /// The clock deciding access-token expiry.
    pub clock: Arc<dyn Clock>,
    /// Graph client settings (concurrency, retries, sleeper).
    pub client: GraphClientOptions,
}

impl MicrosoftRuntime {
    /// The OS keyring of `session`, the system clock and real waits.
    pub fn keyring(session: &Session) -> Self {
        Self::with_secrets(Arc::new(session.secrets()))
    }

    /// `secrets`, the system clock and real waits.
    pub fn with_secrets(secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            secrets,
            clock: Arc::new(SystemClock),
            client: GraphClientOptions::default(),
        }
    }
}

/// Shows the device code to the person (CLI: stdout; app: a dialog).
pub trait DeviceCodePrompt: Send + Sync {
    /// Tells the person where to go and what to type.
    fn show(&self, code: &DeviceCode);
}

/// How the person signs in.
#[derive(Clone)]
pub enum SignInMethod {
    /// Authorization code + PKCE: the opener shows the authorize URL (system browser, or
    /// printing it for `--no-browser`), the loopback listener gets the answer.
    Browser(Arc<dyn UrlOpener>),
    /// Device code: the prompt shows the code; polling waits through `sleeper`.
    DeviceCode {
        /// Shows the code.
        prompt: Arc<dyn DeviceCodePrompt>,
        /// Waits between polls.
        sleeper: Arc<dyn Sleeper>,
    },
}

/// What `connect microsoft` needs.
#[derive(Clone)]
pub struct MicrosoftConnectRequest {
    /// Application (client) id.
    pub client_id: String,
    /// Directory (tenant) id, domain, `organizations` or `common`.
    pub tenant: String,
    /// Identity platform base; none: the `microsoft.authority_url` setting.
    pub authority: Option<String>,
    /// Graph base URL; none: the `microsoft.graph_url` setting.
    pub graph: Option<String>,
    /// The account to sign in (`login_hint`).
    pub login_hint: Option<String>,
    /// Client secret of a Web registration; its presence selects [`Registration::Web`].
    pub client_secret: Option<SecretString>,
    /// Browser or device code.
    pub method: SignInMethod,
    /// How long to wait for the person in the browser.
    pub timeout: Duration,
}

/// The result of connecting Microsoft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MicrosoftConnection {
    /// The signed-in UPN.
    pub upn: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Primary SMTP address.
    pub mail: Option<String>,
    /// Where the account lives.
    pub endpoints: MicrosoftEndpoints,
    /// What to tell the person, in their language.
    pub message: String,
}

/// The Microsoft half of the connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MicrosoftCheck"))]
pub struct MicrosoftCheck {
    /// Whether a Microsoft account is stored.
    pub connected: bool,
    /// The UPN as stored.
    pub upn: Option<String>,
    /// Display name as stored.
    pub display_name: Option<String>,
    /// Tenant as stored.
    pub tenant: Option<String>,
    /// Whether Graph accepted the sign-in and named the same person (none: not tried).
    pub signed_in: Option<bool>,
    /// Whether the mailbox (Inbox) could be read (none: not tried).
    pub mailbox_reachable: Option<bool>,
    /// Whether the person must sign in again (jobs are paused).
    pub needs_sign_in: bool,
    /// What failed, in the user's language.
    #[cfg_attr(feature = "ts", ts(type = "UiError | null"))]
    pub error: Option<UiError>,
}

impl MicrosoftCheck {
    /// Whether everything checked out.
    pub fn ok(&self) -> bool {
        self.connected
            && self.error.is_none()
            && self.signed_in == Some(true)
            && self.mailbox_reachable == Some(true)
    }
}

impl Session {
    /// Signs in to Microsoft and connects the mailbox: the refresh token (and client secret)
    /// go to the secret store first, so without a keyring nothing is kept; then the account.
    /// (The desktop app, which needs a `Send` future, calls the three steps itself:
    /// [`Session::microsoft_endpoints_for`], [`sign_in_microsoft`], [`Session::save_microsoft_sign_in`].)
    pub async fn connect_microsoft(
        &self,
        runtime: &MicrosoftRuntime,
        request: MicrosoftConnectRequest,
    ) -> Result<MicrosoftConnection, CoreError> {
        let endpoints = self.microsoft_endpoints_for(&request)?;
        let signed_in = sign_in_microsoft(runtime, endpoints, request, self.language()).await?;
        self.save_microsoft_sign_in(&signed_in)
    }

    /// Where a connect request goes: its addresses, else the settings, else Microsoft's.
    pub fn microsoft_endpoints_for(
        &self,
        request: &MicrosoftConnectRequest,
    ) -> Result<MicrosoftEndpoints, CoreError> {
        let settings = self.effective_settings()?;
        let authority = request
            .authority
            .clone()
            .or_else(|| settings.text(SettingKey::MicrosoftAuthority))
            .unwrap_or_else(|| crate::settings::DEFAULT_AUTHORITY.to_owned());
        let graph = request
            .graph
            .clone()
            .or_else(|| settings.text(SettingKey::MicrosoftGraph))
            .unwrap_or_else(|| crate::settings::DEFAULT_GRAPH.to_owned());
        for url in [&authority, &graph] {
            check_url(url)?;
        }
        let registration = if request.client_secret.is_some() {
            Registration::Web
        } else {
            Registration::Desktop
        };
        Ok(MicrosoftEndpoints {
            authority: authority.trim_end_matches('/').to_owned(),
            graph: graph.trim_end_matches('/').to_owned(),
            tenant: check_tenant(&request.tenant)?,
            client_id: request.client_id.trim().to_owned(),
            registration,
            needs_sign_in: false,
        })
    }

    /// Stores the account of a finished sign-in (clearing any "needs sign-in" flag).
    pub fn save_microsoft_sign_in(
        &self,
        signed_in: &MicrosoftSignIn,
    ) -> Result<MicrosoftConnection, CoreError> {
        let me = &signed_in.me;
        self.save_microsoft(me, &signed_in.endpoints)?;
        let message = Msg::Microsoft(MicrosoftMsg::SignedInAs {
            upn: me.user_principal_name.clone(),
        })
        .render(self.language());
        Ok(MicrosoftConnection {
            upn: me.user_principal_name.clone(),
            display_name: me.display_name.clone(),
            mail: me.mail.clone(),
            endpoints: signed_in.endpoints.clone(),
            message,
        })
    }

    fn save_microsoft(&self, me: &Me, endpoints: &MicrosoftEndpoints) -> Result<(), CoreError> {
        let json = serde_json::to_value(endpoints).map_err(|e| {
            tracing::error!(error = %e, "microsoft endpoints not serialisable");
            CoreError::SignIn(SignInError::BadResponse("endpoints".into()))
        })?;
        self.store().save_account(&NewAccount {
            kind: AccountKind::Microsoft,
            identity: me.user_principal_name.clone(),
            display_name: me.display_name.clone(),
            endpoints: json,
        })?;
        // a sign-in that just worked ends any refusal before it
        self.store().note_accepted(AccountKind::Microsoft)?;
        Ok(())
    }

    /// The stored Microsoft endpoints, if an account is connected.
    pub fn microsoft_endpoints(&self) -> Result<Option<MicrosoftEndpoints>, CoreError> {
        let Some(account) = self.store().account(AccountKind::Microsoft)? else {
            return Ok(None);
        };
        match serde_json::from_value(account.endpoints) {
            Ok(e) => Ok(Some(e)),
            Err(e) => {
                tracing::warn!(error = %e, "stored microsoft account unreadable");
                Ok(None)
            }
        }
    }

    /// Sets or clears the account's "needs sign-in" flag (jobs pause while it is set).
    pub fn set_microsoft_needs_sign_in(&self, needs: bool) -> Result<(), CoreError> {
        if needs {
            self.store().note_refused(AccountKind::Microsoft)?;
        }
        self.update_microsoft_flags(|flag| {
            if flag("needs_sign_in") == needs {
                return Vec::new();
            }
            if needs {
                tracing::warn!("microsoft sign-in refused; jobs pause until the person signs in");
            }
            // a new refusal is told again
            vec![("needs_sign_in", needs), (SIGN_IN_NOTIFIED, false)]
        })
        .map(|_| ())
    }

    /// The accounts whose sign-in must be renewed and whose person was not told yet; each is
    /// returned once per refusal (remembered in the store, so a restart does not tell again).
    pub fn take_sign_in_notices(&self) -> Result<Vec<AccountKind>, CoreError> {
        let told = self.update_microsoft_flags(|flag| {
            if flag("needs_sign_in") && !flag(SIGN_IN_NOTIFIED) {
                vec![(SIGN_IN_NOTIFIED, true)]
            } else {
                Vec::new()
            }
        })?;
        Ok(if told {
            vec![AccountKind::Microsoft]
        } else {
            Vec::new()
        })
    }

    /// Sets the flags `change` asks for (given a reader of the current ones) in the Microsoft
    /// account's row; true when something changed. No account: nothing to change.
    fn update_microsoft_flags(
        &self,
        change: impl FnOnce(&dyn Fn(&str) -> bool) -> Vec<(&'static str, bool)>,
    ) -> Result<bool, CoreError> {
        let Some(account) = self.store().account(AccountKind::Microsoft)? else {
            return Ok(false);
        };
        let flag = |key: &str| account.endpoints.get(key).and_then(|v| v.as_bool()) == Some(true);
        let changes = change(&flag);
        if changes.is_empty() {
            return Ok(false);
        }
        let mut endpoints = account.endpoints.clone();
        if let Some(map) = endpoints.as_object_mut() {
            for (key, value) in changes {
                map.insert(key.into(), serde_json::Value::Bool(value));
            }
        }
        self.store().save_account(&NewAccount {
            kind: AccountKind::Microsoft,
            identity: account.identity,
            display_name: account.display_name,
            endpoints,
        })?;
        Ok(true)
    }

    /// A Graph client for the connected mailbox.
    pub fn microsoft_client(&self, runtime: &MicrosoftRuntime) -> Result<GraphClient, CoreError> {
        let account = self
            .store()
            .account(AccountKind::Microsoft)?
            .ok_or(CoreError::SignIn(SignInError::NotConnected))?;
        let endpoints = self
            .microsoft_endpoints()?
            .ok_or(CoreError::SignIn(SignInError::NotConnected))?;
        let secret = match endpoints.registration {
            Registration::Web => runtime.secrets.get(CLIENT_SECRET_SECRET)?,
            Registration::Desktop => None,
        };
        let identity = IdentityClient::new(app_of(&endpoints, secret)?, runtime.clock.clone());
        let source = TokenSource::new(identity, runtime.secrets.clone(), runtime.clock.clone());
        let mut options = runtime.client.clone();
        if options.mailbox.is_none() {
            options.mailbox = Some(format!(
                "{} {}",
                endpoints.graph,
                account.identity.to_lowercase()
            ));
        }
        Ok(GraphClient::new(
            &endpoints.graph,
            Arc::new(source),
            options,
        ))
    }

    /// Records what a Graph failure means for the account: a refused sign-in flags it.
    pub fn note_microsoft_error(&self, error: &GraphError) {
        if error.needs_sign_in()
            && let Err(e) = self.set_microsoft_needs_sign_in(true)
        {
            tracing::error!(error = %e, "could not flag the microsoft account");
        }
    }

    /// Records that Graph just accepted the stored sign-in; a store that cannot take the note
    /// does not fail what the person asked for (the status then shows an older check).
    pub(crate) fn note_microsoft_answered(&self) {
        if let Err(e) = self.store().note_accepted(AccountKind::Microsoft) {
            tracing::warn!(error = %e, "could not note that microsoft answered");
        }
    }

    /// The Microsoft half of the connection test: who is signed in, and is the mailbox
    /// reachable. A refused sign-in flags the account; a good test clears the flag.
    pub async fn test_microsoft(&self, runtime: &MicrosoftRuntime) -> MicrosoftCheck {
        let lang = self.language();
        let mut check = MicrosoftCheck {
            connected: false,
            upn: None,
            display_name: None,
            tenant: None,
            signed_in: None,
            mailbox_reachable: None,
            needs_sign_in: false,
            error: None,
        };
        let account = match self.store().account(AccountKind::Microsoft) {
            Ok(Some(a)) => a,
            Ok(None) => return check,
            Err(e) => {
                check.error = Some(CoreError::from(e).to_ui(lang));
                return check;
            }
        };
        check.connected = true;
        check.upn = Some(account.identity.clone());
        check.display_name = account.display_name.clone();
        check.tenant = account.endpoints["tenant"].as_str().map(str::to_owned);
        check.needs_sign_in = account.endpoints["needs_sign_in"].as_bool() == Some(true);
        let client = match self.microsoft_client(runtime) {
            Ok(c) => c,
            Err(e) => {
                check.error = Some(e.to_ui(lang));
                return check;
            }
        };
        let failed = |check: &mut MicrosoftCheck, e: GraphError| {
            self.note_microsoft_error(&e);
            if e.needs_sign_in() {
                check.needs_sign_in = true;
                check.signed_in = Some(false);
            }
            check.error = Some(e.to_ui(lang));
        };
        match get_me(&client).await {
            Ok(me) => {
                let same_person = me
                    .user_principal_name
                    .eq_ignore_ascii_case(&account.identity);
                if same_person {
                    self.note_microsoft_answered();
                }
                check.signed_in = Some(same_person);
                check.display_name = me.display_name.or(check.display_name.take());
            }
            Err(e) => {
                failed(&mut check, e);
                return check;
            }
        }
        match mail_folders::get(&client, "inbox").await {
            Ok(_) => {
                check.mailbox_reachable = Some(true);
                if check.needs_sign_in {
                    check.needs_sign_in = false;
                    if let Err(e) = self.set_microsoft_needs_sign_in(false) {
                        check.error = Some(e.to_ui(lang));
                    }
                }
            }
            Err(e) => {
                check.mailbox_reachable = Some(false);
                failed(&mut check, e);
            }
        }
        check
    }

    /// The mailbox's folder tree, all levels, with unread/total counts.
    pub async fn mail_folders(
        &self,
        runtime: &MicrosoftRuntime,
    ) -> Result<Vec<FolderNode>, CoreError> {
        let client = self.microsoft_client(runtime)?;
        match mail_folders::tree(&client).await {
            Ok(tree) => {
                self.note_microsoft_answered();
                Ok(tree)
            }
            Err(e) => {
                self.note_microsoft_error(&e);
                Err(e.into())
            }
        }
    }

    /// Disconnects Microsoft: removes the tokens and client secret from the secret store and
    /// the account. Returns the message saying consent can be revoked in the account portal.
    pub fn disconnect_microsoft(&self, runtime: &MicrosoftRuntime) -> Result<String, CoreError> {
        runtime.secrets.delete(REFRESH_TOKEN_SECRET)?;
        runtime.secrets.delete(CLIENT_SECRET_SECRET)?;
        self.store().remove_account(AccountKind::Microsoft)?;
        Ok(Msg::Microsoft(MicrosoftMsg::Disconnected).render(self.language()))
    }
}

/// A finished sign-in: who signed in and where (tokens are already in the secret store).
#[derive(Debug, Clone)]
pub struct MicrosoftSignIn {
    /// The signed-in person as Graph names them.
    pub me: Me,
    /// Where the account lives.
    pub endpoints: MicrosoftEndpoints,
}

/// Signs the person in (browser or device code), stores the refresh token and client secret in
/// the secret store and asks Graph who signed in. The future is `Send` (no session inside).
pub async fn sign_in_microsoft(
    runtime: &MicrosoftRuntime,
    endpoints: MicrosoftEndpoints,
    request: MicrosoftConnectRequest,
    lang: crate::i18n::Language,
) -> Result<MicrosoftSignIn, CoreError> {
    // NOTE: make sure the keyring answers before the person signs in for nothing.
    runtime.secrets.get(REFRESH_TOKEN_SECRET)?;
    let app = app_of(&endpoints, request.client_secret.clone())?;
    let identity = IdentityClient::new(app, runtime.clock.clone());
    let tokens = match &request.method {
        SignInMethod::Browser(opener) => {
            sign_in_with_browser(
                &identity,
                opener.as_ref(),
                request.login_hint.as_deref(),
                lang,
                request.timeout,
            )
            .await?
        }
        SignInMethod::DeviceCode { prompt, sleeper } => {
            let code = identity.start_device_code().await?;
            prompt.show(&code);
            identity.poll_device_code(&code, sleeper.as_ref()).await?
        }
    };
    match &request.client_secret {
        Some(secret) => runtime.secrets.set(CLIENT_SECRET_SECRET, secret)?,
        None => runtime.secrets.delete(CLIENT_SECRET_SECRET)?,
    }
    let source = Arc::new(TokenSource::new(
        identity,
        runtime.secrets.clone(),
        runtime.clock.clone(),
    ));
    source.accept(tokens).await?;
    let client = GraphClient::new(&endpoints.graph, source, runtime.client.clone());
    match get_me(&client).await {
        Ok(me) => Ok(MicrosoftSignIn { me, endpoints }),
        Err(e) => {
            // NOTE: no account without a confirmed identity; do not keep an orphan token.
            let _ = runtime.secrets.delete(REFRESH_TOKEN_SECRET);
            Err(e.into())
        }
    }
}

/// The app registration of `endpoints`; the tenant is checked again, since stored endpoints
/// may come from a build that did not check it.
fn app_of(
    endpoints: &MicrosoftEndpoints,
    client_secret: Option<SecretString>,
) -> Result<MicrosoftApp, SignInError> {
    Ok(MicrosoftApp {
        authority: endpoints.authority.clone(),
        tenant: check_tenant(&endpoints.tenant)?,
        client_id: endpoints.client_id.clone(),
        registration: endpoints.registration,
        client_secret,
    })
}

fn check_url(url: &str) -> Result<(), CoreError> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "https" | "http") && u.host_str().is_some() => Ok(()),
        _ => Err(CoreError::SignIn(SignInError::BadUrl(url.to_owned()))),
    }
}

/// One mail folder of one level of the tree, as the folder picker shows it (lazily loaded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MailFolderEntry"))]
pub struct MailFolderEntry {
    /// Folder id.
    pub id: String,
    /// Name shown in Outlook.
    pub name: String,
    /// Names from the mailbox root, joined with " / ", e.g. "Inbox / Customers".
    pub path: String,
    /// Unread mails.
    pub unread: u32,
    /// All mails.
    pub total: u32,
    /// Number of direct sub-folders (0: nothing to expand).
    pub child_count: u32,
}

impl MailFolderEntry {
    fn of(folder: mail_folders::MailFolder, parent_path: &str) -> Self {
        let path = if parent_path.is_empty() {
            folder.display_name.clone()
        } else {
            format!("{parent_path} / {}", folder.display_name)
        };
        MailFolderEntry {
            id: folder.id,
            name: folder.display_name,
            path,
            unread: folder.unread_item_count,
            total: folder.total_item_count,
            child_count: folder.child_folder_count,
        }
    }
}

/// The folders directly under `parent` (none: the mailbox root), each with its path from the
/// root: one level of the tree, for a picker that loads a level when it is opened. The
/// future is `Send` (no session inside).
pub async fn mail_folder_level(
    client: &GraphClient,
    parent: Option<&str>,
) -> Result<Vec<MailFolderEntry>, GraphError> {
    let Some(parent) = parent else {
        let root = mail_folders::list_root(client).await?;
        return Ok(root
            .into_iter()
            .map(|f| MailFolderEntry::of(f, ""))
            .collect());
    };
    let path = folder_path(client, parent).await?;
    let children = mail_folders::list_children(client, parent).await?;
    Ok(children
        .into_iter()
        .map(|f| MailFolderEntry::of(f, &path))
        .collect())
}

/// One folder by id with its path from the root, e.g. a chosen transfer folder to show by
/// name (a folder that is gone answers Graph's not-found). The future is `Send`.
pub async fn mail_folder_entry(
    client: &GraphClient,
    folder_id: &str,
) -> Result<MailFolderEntry, GraphError> {
    let folder = mail_folders::get(client, folder_id).await?;
    let path = folder_path(client, &folder.id).await?;
    Ok(MailFolderEntry {
        path,
        ..MailFolderEntry::of(folder, "")
    })
}

/// The names from the mailbox root down to `folder_id`, joined with " / ".
async fn folder_path(client: &GraphClient, folder_id: &str) -> Result<String, GraphError> {
    Ok(folder_names(client, folder_id).await?.join(" / "))
}

/// The names from the mailbox root down to `folder_id`.
pub(super) async fn folder_names(
    client: &GraphClient,
    folder_id: &str,
) -> Result<Vec<String>, GraphError> {
    // NOTE: the picker asks by id only; Graph has no path, so walk up the parents (a few GETs)
    let root = mail_folders::get(client, "msgfolderroot").await?.id;
    let mut names = Vec::new();
    let mut next = Some(folder_id.to_owned());
    // a cycle or a runaway depth would be Graph's bug; stop rather than loop
    for _ in 0..64 {
        let Some(id) = next.take().filter(|id| *id != root) else {
            break;
        };
        let folder = mail_folders::get(client, &id).await?;
        names.push(folder.display_name);
        next = folder.parent_folder_id;
    }
    names.reverse();
    Ok(names)
}

/// Creates a folder named `name` directly under the mailbox root, or, when the root already
/// has one of that name (case-insensitive, as Outlook compares), answers that one: the person
/// wants a folder of that name, and Graph would refuse a second. The future is `Send`.
pub async fn create_root_mail_folder(
    client: &GraphClient,
    name: &str,
) -> Result<MailFolderEntry, GraphError> {
    let name = name.trim();
    let root = mail_folders::list_root(client).await?;
    if let Some(existing) = root
        .into_iter()
        .find(|f| f.display_name.to_lowercase() == name.to_lowercase())
    {
        return Ok(MailFolderEntry::of(existing, ""));
    }
    let created = mail_folders::create(client, None, name).await?;
    Ok(MailFolderEntry::of(created, ""))
}
