//! `office-connector demo`: the connector against the embedded fakes, in a throwaway state
//! folder, so a newcomer sees it work without a Microsoft or Odoo account.
//!
//! It never touches the user's real state: `--home` and `OFFICE_CONNECTOR_HOME` are ignored and
//! the keyring entries are namespaced by the throwaway folder (and removed again at the end,
//! unless `--keep-state`). Unless `--fresh`, it signs the first demo person in to both fakes
//! the way the app does (API key into the keyring, PKCE sign-in whose browser it plays itself),
//! prints the mailbox's folders and the status. With a display and the desktop app built, it
//! opens `office-connector-desktop --demo` against the same fakes and keeps them running until
//! the app quits; headless, it exits 0 after printing.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use office_connector_core::api::{
    MailSyncRequest, MicrosoftConnectRequest, MicrosoftRuntime, OpenOptions, Session, SignInMethod,
};
use office_connector_core::error::{CoreError, UserFacing};
use office_connector_core::graph::auth::UrlOpener;
use office_connector_core::graph::error::SignInError;
use office_connector_core::graph::mail_folders::FolderNode;
use office_connector_core::i18n::{Language, Msg};
use office_connector_core::mail::engine::NoProgress;
use office_connector_core::model::Trigger;
use office_connector_core::odoo::ConnectRequest;
use office_connector_fakes::{FakesConfig, start};
use secrecy::SecretString;
use serde_json::Value;

use super::exit::report;
use super::output::{emit, emit_json};
use super::status::status_text;
use super::sync::{calendar_run_text, contacts_run_text, mail_run_text};
use office_connector_core::api::CalendarSyncRequest;
use office_connector_core::calendar::notes::CalendarMsg;

/// Arguments of `office-connector demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Start unconnected, to try the setup wizard.
    #[arg(long)]
    fresh: bool,
    /// Print the run only; do not open the desktop app even when a display is available.
    #[arg(long)]
    no_window: bool,
    /// Keep the fakes running until interrupted (Ctrl-C) after printing, without a window.
    #[arg(long)]
    keep_running: bool,
    /// Keep the throwaway state folder (and its keyring entries) after the demo.
    #[arg(long)]
    keep_state: bool,
}

/// Runs `office-connector demo`.
pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new()?;
    let fakes = runtime.block_on(start(FakesConfig::default()))?;
    let state = tempfile::Builder::new()
        .prefix("office-connector-demo-")
        .tempdir()?;
    // NOTE: the first stdout line is the fakes' JSON line, the same as `office-connector fakes`,
    // so scripts can read it either way.
    let announcement = fakes.announcement();
    emit_json(&format!("{announcement}\n"));

    let session = match Session::open(OpenOptions {
        home: Some(state.path().to_path_buf()),
        ..OpenOptions::default()
    }) {
        Ok(session) => session,
        Err(e) => return Ok(report(&e.to_ui(Language::from_os()), false)),
    };
    let lang = session.language();
    let microsoft = MicrosoftRuntime::keyring(&session);
    // The identity platform and Graph are the fakes', also for the wizard under --fresh.
    for (key, field) in [
        ("microsoft.authority_url", "login"),
        ("microsoft.graph_url", "graph"),
    ] {
        if let Some(url) = announcement.get(field).and_then(Value::as_str)
            && let Err(e) = session.set_setting(key, url)
        {
            return Ok(report(&e.to_ui(lang), false));
        }
    }

    if !args.fresh
        && let Some(person) = DemoPerson::first(&announcement)
    {
        emit(&runtime.block_on(first_runs(&session, &microsoft, &person, lang)));
    }

    let status = match session.status() {
        Ok(status) => status,
        Err(e) => return Ok(report(&e.to_ui(lang), false)),
    };
    emit(&status_text(&status, lang, &super::runs::local_time));
    emit(&format!("\n{}\n", Msg::DemoExplanation.render(lang)));

    let code = match desktop_app() {
        Some(app) if !args.no_window && display_available() => {
            let status = std::process::Command::new(app)
                .arg("--demo")
                .arg("--home")
                .arg(state.path())
                .status()?;
            if status.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        _ if args.keep_running => {
            runtime.block_on(wait_for_interrupt())?;
            ExitCode::SUCCESS
        }
        _ => ExitCode::SUCCESS,
    };

    if args.keep_state {
        let kept: PathBuf = state.keep();
        emit(&format!(
            "{}\n",
            Msg::DemoStateKept { path: kept }.render(lang)
        ));
    } else {
        // NOTE: the folder goes with `state`; its keyring entries would outlive it.
        let _ = session.disconnect_odoo();
        let _ = session.disconnect_microsoft(&microsoft);
    }
    drop(fakes);
    Ok(code)
}

/// A demo person as the fakes' JSON line announces it.
#[derive(Debug)]
struct DemoPerson {
    name: String,
    odoo_url: String,
    odoo_db: String,
    odoo_login: String,
    odoo_api_key: String,
    login_url: String,
    graph_url: String,
    client_id: String,
    tenant: String,
    upn: String,
}

impl DemoPerson {
    fn first(announcement: &Value) -> Option<DemoPerson> {
        let top = |key: &str| announcement.get(key)?.as_str().map(str::to_owned);
        let person = announcement.get("users")?.as_array()?.first()?;
        let field = |key: &str| person.get(key)?.as_str().map(str::to_owned);
        Some(DemoPerson {
            name: field("name")?,
            odoo_url: top("odoo")?,
            odoo_db: field("odoo_db")?,
            odoo_login: field("odoo_login")?,
            odoo_api_key: field("odoo_api_key")?,
            login_url: top("login")?,
            graph_url: top("graph")?,
            client_id: field("client_id")?,
            tenant: field("tenant")?,
            upn: field("upn")?,
        })
    }
}

/// Connects both sides as `person` and reads the mailbox's folders.
async fn connect(
    session: &Session,
    microsoft: &MicrosoftRuntime,
    person: &DemoPerson,
) -> Result<Vec<FolderNode>, CoreError> {
    session
        .connect_odoo(&ConnectRequest {
            url: person.odoo_url.clone(),
            db: Some(person.odoo_db.clone()),
            login: person.odoo_login.clone(),
            secret: SecretString::from(person.odoo_api_key.clone()),
        })
        .await?;
    let browser = DemoBrowser(tokio::runtime::Handle::current());
    session
        .connect_microsoft(
            microsoft,
            MicrosoftConnectRequest {
                client_id: person.client_id.clone(),
                tenant: person.tenant.clone(),
                authority: Some(person.login_url.clone()),
                graph: Some(person.graph_url.clone()),
                login_hint: Some(person.upn.clone()),
                client_secret: None,
                method: SignInMethod::Browser(Arc::new(browser)),
                timeout: Duration::from_secs(30),
            },
        )
        .await?;
    session.mail_folders(microsoft).await
}

/// Signs the demo person in and runs the mail and calendar jobs once, as the wizard and "Sync
/// now" would: what the jobs do with the demo data, item by item.
async fn first_runs(
    session: &Session,
    microsoft: &MicrosoftRuntime,
    person: &DemoPerson,
    lang: Language,
) -> String {
    let mut out = format!(
        "{}\n",
        Msg::DemoConnecting {
            name: person.name.clone()
        }
        .render(lang)
    );
    match connect(session, microsoft, person).await {
        Ok(folders) => {
            out.push_str(&folder_text(&folders, lang));
            out.push_str(&first_mail_run(session, microsoft, &folders, lang).await);
            out.push_str(&first_calendar_run(session, microsoft, lang).await);
            out.push_str(&first_contacts_run(session, microsoft, lang).await);
        }
        Err(e) => out.push_str(&format!(
            "{} {}\n\n",
            Msg::DemoNotConnected.render(lang),
            e.to_ui(lang).message
        )),
    }
    out
}

/// The demo mailbox's transfer folders, directly under its root.
const DEMO_TRANSFER_FOLDERS: (&str, &str) = ("Odoo Eingang", "Odoo Ausgang");

/// Sets the mail job up with the demo's transfer folders and runs it once, as "Sync now"
/// would: what the job does with the demo data, mail by mail.
async fn first_mail_run(
    session: &Session,
    microsoft: &MicrosoftRuntime,
    folders: &[FolderNode],
    lang: Language,
) -> String {
    let (incoming, outgoing) = DEMO_TRANSFER_FOLDERS;
    let id_of = |name: &str| {
        folders
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.id.clone())
    };
    let (Some(incoming_id), Some(outgoing_id)) = (id_of(incoming), id_of(outgoing)) else {
        return String::new();
    };
    let mut out = format!(
        "{}\n",
        Msg::DemoMailRun {
            incoming: incoming.into(),
            outgoing: outgoing.into()
        }
        .render(lang)
    );
    let set_up = [
        ("mail.incoming_folder", incoming_id.as_str()),
        ("mail.outgoing_folder", outgoing_id.as_str()),
        ("mail.enabled", "true"),
    ]
    .into_iter()
    .try_for_each(|(key, value)| session.set_setting(key, value).map(|_| ()));
    if let Err(e) = set_up {
        out.push_str(&format!("{}\n\n", e.to_ui(lang).message));
        return out;
    }
    let request = MailSyncRequest {
        trigger: Trigger::Manual,
        dry_run: false,
        page_size: None,
    };
    match session
        .sync_mail(microsoft, &session.secrets(), request, &NoProgress)
        .await
    {
        Ok(done) => out.push_str(&mail_run_text(&done, lang)),
        Err(e) => out.push_str(&format!("{}\n", e.to_ui(lang).message)),
    }
    out.push('\n');
    out
}

/// Sets the calendar up from a few days back and runs it once, as "Sync now" would: the demo
/// week of meetings, event by event, into Odoo's calendar.
async fn first_calendar_run(
    session: &Session,
    microsoft: &MicrosoftRuntime,
    lang: Language,
) -> String {
    let start = (chrono::Utc::now() - chrono::Duration::days(3)).date_naive();
    let mut out = format!(
        "{}\n",
        Msg::Calendar(CalendarMsg::DemoRun {
            start: start.to_string()
        })
        .render(lang)
    );
    let set_up = [
        ("calendar.start_date", start.to_string()),
        ("calendar.enabled", "true".to_owned()),
    ]
    .into_iter()
    .try_for_each(|(key, value)| session.set_setting(key, &value).map(|_| ()));
    if let Err(e) = set_up {
        out.push_str(&format!("{}\n\n", e.to_ui(lang).message));
        return out;
    }
    let request = CalendarSyncRequest {
        trigger: Trigger::Manual,
        dry_run: false,
        page_size: None,
    };
    match session
        .sync_calendar(microsoft, &session.secrets(), request, &CalendarQuiet)
        .await
    {
        Ok(done) => out.push_str(&calendar_run_text(&done, lang)),
        Err(e) => out.push_str(&format!("{}\n", e.to_ui(lang).message)),
    }
    out.push('\n');
    out
}

/// Switches the contacts job on and runs it once, as "Sync now" would: the contacts the demo
/// person follows in Odoo, contact by contact, into their Outlook address book.
async fn first_contacts_run(
    session: &Session,
    microsoft: &MicrosoftRuntime,
    lang: Language,
) -> String {
    let mut out = format!(
        "{}\n",
        office_connector_core::contacts::notes::demo_heading(lang)
    );
    if let Err(e) = session.set_setting("contacts.enabled", "true") {
        out.push_str(&format!("{}\n\n", e.to_ui(lang).message));
        return out;
    }
    match session
        .sync_contacts(microsoft, &session.secrets(), Trigger::Manual, false)
        .await
    {
        Ok(done) => out.push_str(&contacts_run_text(&done, lang)),
        Err(e) => out.push_str(&format!("{}\n", e.to_ui(lang).message)),
    }
    out.push('\n');
    out
}

/// Nobody watches the demo's calendar progress.
struct CalendarQuiet;

impl office_connector_core::calendar::report::Progress for CalendarQuiet {
    fn events(&self, _done: usize) {}
}

/// Plays the person's browser: the fake signs the `login_hint` in at once and redirects to the
/// app's loopback listener, which this follows like a browser would.
struct DemoBrowser(tokio::runtime::Handle);

impl UrlOpener for DemoBrowser {
    fn open(&self, url: &str) -> Result<(), SignInError> {
        let url = url.to_owned();
        self.0.spawn(async move {
            if let Err(e) = reqwest::get(&url).await {
                tracing::warn!(error = %e, "demo browser could not follow the sign-in");
            }
        });
        Ok(())
    }
}

fn folder_text(folders: &[FolderNode], lang: Language) -> String {
    fn walk(out: &mut String, nodes: &[FolderNode], depth: usize) {
        for node in nodes {
            out.push_str(&format!(
                "  {:indent$}{} ({}/{})\n",
                "",
                node.name,
                node.unread,
                node.total,
                indent = depth * 2
            ));
            walk(out, &node.children, depth + 1);
        }
    }
    let mut out = format!("{}\n", Msg::DemoFolders.render(lang));
    walk(&mut out, folders, 0);
    out.push('\n');
    out
}

/// The desktop app built next to this binary, if there is one.
fn desktop_app() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let name = format!("office-connector-desktop{}", std::env::consts::EXE_SUFFIX);
    let app = exe.parent()?.join(name);
    app.is_file().then_some(app)
}

fn display_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

async fn wait_for_interrupt() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
