//! The setup wizard's and Settings page's commands (issue 5): Odoo databases and connect,
//! Microsoft sign-in (browser or device code, cancellable), the connection test, one level of
//! the mail folder tree, creating a transfer folder, and every per-user option.
//!
//! Thin like [`crate::commands`]: each calls the core's use cases and answers in the shapes of
//! `ui/src/lib/bindings.ts`. What talks to a remote runs off the main thread as a `Send`
//! future: the core's `Send` steps (`odoo::connect::connect`, `sign_in_microsoft`, one folder
//! level) are awaited with no session held, and the session is only locked for the quick,
//! local steps before and after. The connection test, whose core future holds the session,
//! runs on a blocking thread with a session of its own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use office_connector_core::api::{
    self, DeviceCodePrompt, MailFolderEntry, MicrosoftCheck, MicrosoftConnectRequest,
    MicrosoftConnection, MicrosoftEndpoints, MicrosoftRuntime, MicrosoftSignIn, OdooCheck,
    OdooConnection, Session, SignInMethod,
};
use office_connector_core::error::{CoreError, UiError};
use office_connector_core::graph::auth::{DeviceCode, Registration, SystemUrlOpener, UrlOpener};
use office_connector_core::graph::client::{
    GraphClient, GraphClientOptions, Sleeper, TokioSleeper,
};
use office_connector_core::graph::error::SignInError;
use office_connector_core::graph::texts::SignInProblem;
use office_connector_core::i18n::Language;
use office_connector_core::model::AccountKind;
use office_connector_core::odoo::ConnectRequest;
use office_connector_core::secrets::SecretStore;
use office_connector_core::settings::SettingEntry;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::State;
use tokio::sync::oneshot;

use crate::error::{internal, to_ui};
use crate::state::AppState;

/// How long the browser sign-in waits for the person.
const BROWSER_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// What the wizard's commands use to reach the outside: the secret store, the browser, the
/// waits between device-code polls. The app's are the OS keyring, the system browser
/// (`OFFICE_CONNECTOR_URL_OPENER` replaces it) and real waits; tests put in their own.
#[derive(Clone)]
pub struct Connectors {
    /// Where the Odoo key, refresh token and client secret live.
    pub secrets: Arc<dyn SecretStore>,
    /// Opens the authorize page.
    pub opener: Arc<dyn UrlOpener>,
    /// Waits between device-code polls.
    pub sleeper: Arc<dyn Sleeper>,
    /// Graph client settings.
    pub client: GraphClientOptions,
    /// How long the browser sign-in waits for the person.
    pub sign_in_timeout: Duration,
}

impl std::fmt::Debug for Connectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connectors")
            .field("sign_in_timeout", &self.sign_in_timeout)
            .finish_non_exhaustive()
    }
}

impl Connectors {
    /// The real ones for `session`: its keyring, the system browser, real waits.
    pub fn system(session: &Session) -> Self {
        Self {
            secrets: Arc::new(session.secrets()),
            opener: Arc::new(SystemUrlOpener),
            sleeper: Arc::new(TokioSleeper),
            client: GraphClientOptions::default(),
            sign_in_timeout: BROWSER_SIGN_IN_TIMEOUT,
        }
    }

    /// The Microsoft side's runtime over these connectors.
    pub fn runtime(&self) -> MicrosoftRuntime {
        MicrosoftRuntime {
            client: self.client.clone(),
            ..MicrosoftRuntime::with_secrets(self.secrets.clone())
        }
    }
}

/// The app's [`Connectors`], shared by the window's commands and the scheduler's engines and
/// replaceable as a whole (tests).
#[derive(Debug, Clone)]
pub struct SharedConnectors(Arc<Mutex<Connectors>>);

impl SharedConnectors {
    /// Shares `connectors`.
    pub fn new(connectors: Connectors) -> Self {
        Self(Arc::new(Mutex::new(connectors)))
    }

    /// The current ones.
    pub fn get(&self) -> Connectors {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces them.
    pub fn set(&self, connectors: Connectors) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = connectors;
    }
}

/// The one Microsoft sign-in that may be going: a new one cancels it, and so does
/// `cancel_microsoft_sign_in`.
#[derive(Debug, Default)]
pub struct SignIns {
    current: Mutex<Option<PendingSignIn>>,
    next_id: AtomicU64,
}

type SignInTask = tauri::async_runtime::JoinHandle<Result<MicrosoftSignIn, CoreError>>;

struct PendingSignIn {
    id: u64,
    /// Sending or dropping it ends the sign-in.
    _cancel: oneshot::Sender<()>,
    /// A device-code sign-in runs as a task between `start_device_code` and `finish_device_code`.
    device: Option<SignInTask>,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl SignIns {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<PendingSignIn>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a sign-in, cancelling the one before; the receiver fires when this one is cancelled.
    fn begin(&self) -> (u64, oneshot::Receiver<()>) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (cancel, cancelled) = oneshot::channel();
        let before = self.lock().replace(PendingSignIn {
            id,
            _cancel: cancel,
            device: None,
        });
        if before.is_some() {
            tracing::info!("a new microsoft sign-in cancels the one before");
        }
        (id, cancelled)
    }

    fn set_device(&self, id: u64, task: SignInTask) {
        match self.lock().as_mut() {
            Some(p) if p.id == id => p.device = Some(task),
            // NOTE: cancelled between begin and here: the task ends by itself
            _ => {}
        }
    }

    /// The device-code task of sign-in `id` (none: of the current one), for awaiting it.
    fn take_device(&self, id: Option<u64>) -> Option<(u64, SignInTask)> {
        let mut current = self.lock();
        let pending = current
            .as_mut()
            .filter(|p| id.is_none_or(|id| p.id == id))?;
        let task = pending.device.take()?;
        Some((pending.id, task))
    }

    /// Forgets sign-in `id` once it ended.
    fn end(&self, id: u64) {
        let mut current = self.lock();
        if current.as_ref().is_some_and(|p| p.id == id) {
            *current = None;
        }
    }

    /// Cancels the sign-in going on, if any; true if there was one.
    pub fn cancel(&self) -> bool {
        self.lock().take().is_some()
    }
}

/// The window's Graph client, kept between folder commands so opening a folder does not
/// refresh the access token each time. It belongs to one stored account: a sign-in, a
/// "needs sign-in" flag or a change by the CLI makes a new one.
#[derive(Default)]
pub struct GraphCache {
    current: Mutex<Option<(String, GraphClient)>>,
}

impl std::fmt::Debug for GraphCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphCache").finish_non_exhaustive()
    }
}

impl GraphCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(String, GraphClient)>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets the client (a new sign-in, other connectors).
    pub fn clear(&self) {
        *self.lock() = None;
    }
}

/// The Graph client of the stored Microsoft account, made once per account.
fn graph_client(state: &AppState, lang: Language) -> Result<GraphClient, UiError> {
    let session = state.session();
    let account = session
        .store()
        .account(AccountKind::Microsoft)
        .map_err(|e| to_ui(&CoreError::from(e), lang))?;
    let key = account
        .map(|a| format!("{}\n{}", a.identity, a.endpoints))
        .unwrap_or_default();
    let mut cache = state.graph.lock();
    if let Some((cached, client)) = cache.as_ref()
        && *cached == key
    {
        return Ok(client.clone());
    }
    let client = session
        .microsoft_client(&state.connectors().runtime())
        .map_err(|e| to_ui(&e, lang))?;
    *cache = Some((key, client.clone()));
    Ok(client)
}

/// The error a cancelled sign-in ends with: Microsoft's "cancelled or declined" text.
fn cancelled() -> CoreError {
    CoreError::SignIn(SignInError::NeedsSignIn {
        aadsts: None,
        problem: SignInProblem::Declined,
    })
}

/// What a person enters to connect Odoo (`connect_odoo`); `secret` is the API key or password.
#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "OdooConnectRequest"))]
pub struct OdooConnectRequestView {
    /// The address as pasted.
    pub url: String,
    /// Null: the backend uses the one in the address or the only one on the server.
    pub db: Option<String>,
    /// The login, usually the e-mail address.
    pub login: String,
    /// The API key (or password).
    pub secret: String,
}

/// What a person enters to sign in to Microsoft 365 (`sign_in_microsoft`, `start_device_code`).
#[derive(Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MicrosoftSignInRequest"))]
pub struct MicrosoftSignInRequestView {
    /// Application (client) ID, a GUID.
    pub client_id: String,
    /// Directory (tenant) ID, a domain, or `organizations` / `common`.
    pub tenant: String,
    /// Only for the older Web registration; null for the recommended public client.
    pub client_secret: Option<String>,
}

/// How the app is registered in Entra ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationKind {
    /// "Mobile and desktop applications": no secret (recommended).
    PublicClient,
    /// "Web", with a client secret.
    Web,
}

/// Where a Microsoft account lives (no secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MicrosoftEndpoints"))]
pub struct MicrosoftEndpointsView {
    /// Identity platform base URL.
    pub authority: String,
    /// Graph base URL including the version.
    pub graph: String,
    /// Directory (tenant).
    pub tenant: String,
    /// Application (client) ID.
    pub client_id: String,
    /// How the app is registered.
    pub registration: RegistrationKind,
    /// The person must sign in again.
    pub needs_sign_in: bool,
}

impl From<MicrosoftEndpoints> for MicrosoftEndpointsView {
    fn from(e: MicrosoftEndpoints) -> Self {
        Self {
            authority: e.authority,
            graph: e.graph,
            tenant: e.tenant,
            client_id: e.client_id,
            registration: match e.registration {
                Registration::Desktop => RegistrationKind::PublicClient,
                Registration::Web => RegistrationKind::Web,
            },
            needs_sign_in: e.needs_sign_in,
        }
    }
}

/// The answer of a finished Microsoft sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "MicrosoftConnection"))]
pub struct MicrosoftConnectionView {
    /// The signed-in UPN.
    pub upn: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Primary SMTP address.
    pub mail: Option<String>,
    /// Where the account lives.
    pub endpoints: MicrosoftEndpointsView,
    /// What to tell the user, in their language.
    pub message: String,
}

impl From<MicrosoftConnection> for MicrosoftConnectionView {
    fn from(c: MicrosoftConnection) -> Self {
        Self {
            upn: c.upn,
            display_name: c.display_name,
            mail: c.mail,
            endpoints: c.endpoints.into(),
            message: c.message,
        }
    }
}

/// The code a person types at Microsoft's device login page (`start_device_code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DeviceCodeView {
    /// What the person types.
    pub user_code: String,
    /// The page to open on any device, as Microsoft sent it.
    pub verification_uri: String,
    /// Seconds until the code expires.
    #[cfg_attr(test, ts(type = "number"))]
    pub expires_in: u64,
    /// Microsoft's own instruction text.
    pub message: String,
}

/// Both sides of the connection test (`test_connection`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "ConnectionTest"))]
pub struct ConnectionTestView {
    /// The Odoo side.
    pub odoo: OdooCheck,
    /// The Microsoft side.
    pub microsoft: MicrosoftCheck,
}

/// One per-user option with its effective value and whether the administrator locked it
/// (`get_setting_entries`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "SettingEntry"))]
pub struct SettingEntryView {
    /// Dotted name, e.g. `mail.delete_after_transfer`.
    pub key: String,
    /// The effective value.
    #[cfg_attr(test, ts(type = "SettingValue"))]
    pub value: serde_json::Value,
    /// The built-in default.
    #[cfg_attr(test, ts(type = "SettingValue"))]
    pub default: serde_json::Value,
    /// Where the value comes from.
    #[cfg_attr(test, ts(type = "SettingSource"))]
    pub source: serde_json::Value,
    /// The administrator locked it.
    pub locked: bool,
    /// What a value must look like.
    #[cfg_attr(test, ts(type = "SettingExpected"))]
    pub expected: serde_json::Value,
}

impl SettingEntryView {
    fn of(entry: &SettingEntry, lang: Language) -> Result<Self, UiError> {
        let json = |v: serde_json::Result<serde_json::Value>| {
            v.map_err(|_| internal("a setting is not serialisable", lang))
        };
        Ok(Self {
            key: entry.key.to_owned(),
            value: json(serde_json::to_value(&entry.value))?,
            default: json(serde_json::to_value(&entry.default))?,
            source: json(serde_json::to_value(entry.source))?,
            locked: entry.locked,
            expected: json(serde_json::to_value(entry.expected))?,
        })
    }
}

/// The databases of the Odoo at `url` (as pasted), for the wizard's database choice.
#[tauri::command]
pub async fn odoo_databases(
    state: State<'_, AppState>,
    url: String,
) -> Result<Vec<String>, UiError> {
    let lang = state.language();
    api::odoo_databases(&url).await.map_err(|e| to_ui(&e, lang))
}

/// Checks address, database, login and key, then stores the key in the keyring and the account.
#[tauri::command]
pub async fn connect_odoo(
    state: State<'_, AppState>,
    request: OdooConnectRequestView,
) -> Result<OdooConnection, UiError> {
    let lang = state.language();
    let request = ConnectRequest {
        url: request.url,
        db: request.db.filter(|d| !d.trim().is_empty()),
        login: request.login,
        secret: SecretString::from(request.secret),
    };
    let secrets = state.connectors().secrets;
    let connection = state
        .session()
        .connect_odoo_with(secrets.as_ref(), &request)
        .await
        .map_err(|e| to_ui(&e, lang))?;
    state.scheduler.reconfigure();
    Ok(connection)
}

/// The connect request of `request`, its endpoints, and the runtime to sign in with.
fn prepare(
    state: &AppState,
    request: MicrosoftSignInRequestView,
    method: SignInMethod,
    lang: Language,
) -> Result<
    (
        MicrosoftConnectRequest,
        MicrosoftEndpoints,
        MicrosoftRuntime,
    ),
    UiError,
> {
    let connectors = state.connectors();
    let request = MicrosoftConnectRequest {
        client_id: request.client_id,
        tenant: request.tenant,
        authority: None,
        graph: None,
        login_hint: None,
        client_secret: request
            .client_secret
            .filter(|s| !s.trim().is_empty())
            .map(|s| SecretString::from(s.trim().to_owned())),
        method,
        timeout: connectors.sign_in_timeout,
    };
    let endpoints = state
        .session()
        .microsoft_endpoints_for(&request)
        .map_err(|e| to_ui(&e, lang))?;
    Ok((request, endpoints, connectors.runtime()))
}

/// Stores a finished sign-in; the timers follow (a job may be set up now).
fn save(
    state: &AppState,
    signed_in: Result<MicrosoftSignIn, CoreError>,
    lang: Language,
) -> Result<MicrosoftConnectionView, UiError> {
    let signed_in = signed_in.map_err(|e| to_ui(&e, lang))?;
    let connection = state
        .session()
        .save_microsoft_sign_in(&signed_in)
        .map_err(|e| to_ui(&e, lang))?;
    state.graph.clear();
    state.scheduler.reconfigure();
    Ok(connection.into())
}

/// Browser sign-in: opens the system browser and answers when the sign-in finished (or was
/// cancelled by `cancel_microsoft_sign_in` or a newer sign-in).
#[tauri::command]
pub async fn sign_in_microsoft(
    state: State<'_, AppState>,
    request: MicrosoftSignInRequestView,
) -> Result<MicrosoftConnectionView, UiError> {
    let lang = state.language();
    let opener = state.connectors().opener;
    let (request, endpoints, runtime) =
        prepare(&state, request, SignInMethod::Browser(opener), lang)?;
    let (id, cancel) = state.sign_ins.begin();
    // NOTE: dropping the sign-in future on cancel closes its loopback listener
    let signed_in = tokio::select! {
        result = api::sign_in_microsoft(&runtime, endpoints, request, lang) => result,
        _ = cancel => Err(cancelled()),
    };
    state.sign_ins.end(id);
    save(&state, signed_in, lang)
}

/// Hands the device code from the core's sign-in to the waiting `start_device_code`.
struct CodeToWindow(Mutex<Option<oneshot::Sender<DeviceCode>>>);

impl DeviceCodePrompt for CodeToWindow {
    fn show(&self, code: &DeviceCode) {
        if let Some(tx) = self.0.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = tx.send(code.clone());
        }
    }
}

/// Device-code sign-in, first half: starts it and answers with the code the person types.
#[tauri::command]
pub async fn start_device_code(
    state: State<'_, AppState>,
    request: MicrosoftSignInRequestView,
) -> Result<DeviceCodeView, UiError> {
    let lang = state.language();
    let (code_tx, code_rx) = oneshot::channel();
    let method = SignInMethod::DeviceCode {
        prompt: Arc::new(CodeToWindow(Mutex::new(Some(code_tx)))),
        sleeper: state.connectors().sleeper,
    };
    let (request, endpoints, runtime) = prepare(&state, request, method, lang)?;
    let (id, cancel) = state.sign_ins.begin();
    let task = tauri::async_runtime::spawn(async move {
        tokio::select! {
            result = api::sign_in_microsoft(&runtime, endpoints, request, lang) => result,
            _ = cancel => Err(cancelled()),
        }
    });
    state.sign_ins.set_device(id, task);
    match code_rx.await {
        Ok(code) => Ok(DeviceCodeView {
            user_code: code.user_code,
            verification_uri: code.verification_uri,
            expires_in: code.expires_in,
            message: code.message,
        }),
        // the sign-in ended before Microsoft gave a code: say why
        Err(_) => {
            let ended = finish_task(&state, Some(id)).await;
            Err(match ended {
                Ok(_) => internal("a device-code sign-in ended without a code", lang),
                Err(e) => to_ui(&e, lang),
            })
        }
    }
}

/// Waits for the device-code sign-in task `id` (none: the current one); a missing one (a newer
/// sign-in replaced it) counts as cancelled.
async fn finish_task(state: &AppState, id: Option<u64>) -> Result<MicrosoftSignIn, CoreError> {
    let Some((id, task)) = state.sign_ins.take_device(id) else {
        return Err(cancelled());
    };
    let result = match task.await {
        Ok(result) => result,
        Err(e) => {
            tracing::error!(error = %e, "device-code sign-in task failed");
            Err(cancelled())
        }
    };
    state.sign_ins.end(id);
    result
}

/// Device-code sign-in, second half: answers once the person entered the code.
#[tauri::command]
pub async fn finish_device_code(
    state: State<'_, AppState>,
) -> Result<MicrosoftConnectionView, UiError> {
    let lang = state.language();
    let signed_in = finish_task(&state, None).await;
    save(&state, signed_in, lang)
}

/// Stops a running sign-in (browser or device code); its pending call then fails.
#[tauri::command]
pub async fn cancel_microsoft_sign_in(state: State<'_, AppState>) -> Result<(), UiError> {
    state.sign_ins.cancel();
    Ok(())
}

/// Runs both sides' connection test.
#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>) -> Result<ConnectionTestView, UiError> {
    let connectors = state.connectors();
    let runtime = connectors.runtime();
    let session = state.session();
    let (odoo, microsoft) = tokio::join!(
        session.test_odoo_with(connectors.secrets.as_ref()),
        session.test_microsoft(&runtime)
    );
    // NOTE: the test may have flagged or cleared "needs sign-in": the timers follow
    state.scheduler.reconfigure();
    Ok(ConnectionTestView { odoo, microsoft })
}

/// One level of the mailbox's folder tree: the root's folders (null) or a folder's children.
#[tauri::command]
pub async fn list_mail_folders(
    state: State<'_, AppState>,
    parent_id: Option<String>,
) -> Result<Vec<MailFolderEntry>, UiError> {
    let lang = state.language();
    let client = graph_client(&state, lang)?;
    match api::mail_folder_level(&client, parent_id.as_deref()).await {
        Ok(level) => Ok(level),
        Err(e) => {
            state.session().note_microsoft_error(&e);
            Err(to_ui(&CoreError::from(e), lang))
        }
    }
}

/// One folder by id with its path (the Mail page names the chosen transfer folders).
#[tauri::command]
pub async fn get_mail_folder(
    state: State<'_, AppState>,
    id: String,
) -> Result<MailFolderEntry, UiError> {
    let lang = state.language();
    let client = graph_client(&state, lang)?;
    match api::mail_folder_entry(&client, &id).await {
        Ok(folder) => Ok(folder),
        Err(e) => {
            state.session().note_microsoft_error(&e);
            Err(to_ui(&CoreError::from(e), lang))
        }
    }
}

/// Creates a folder directly under the mailbox root (or answers the one of that name there).
#[tauri::command]
pub async fn create_mail_folder(
    state: State<'_, AppState>,
    name: String,
) -> Result<MailFolderEntry, UiError> {
    let lang = state.language();
    let client = graph_client(&state, lang)?;
    match api::create_root_mail_folder(&client, &name).await {
        Ok(folder) => Ok(folder),
        Err(e) => {
            state.session().note_microsoft_error(&e);
            Err(to_ui(&CoreError::from(e), lang))
        }
    }
}

/// Every per-user option with value, default, source and lock.
#[tauri::command]
pub async fn get_setting_entries(
    state: State<'_, AppState>,
) -> Result<Vec<SettingEntryView>, UiError> {
    let session = state.session();
    let lang = session.language();
    let entries = session.settings().map_err(|e| to_ui(&e, lang))?;
    entries
        .iter()
        .map(|e| SettingEntryView::of(e, lang))
        .collect()
}
