//! `office-connector demo`: the connector against the embedded fakes, in a throwaway state
//! folder, so a newcomer sees it work without a Microsoft or Odoo account.
//!
//! It never touches the user's real state: `--home` and `OFFICE_CONNECTOR_HOME` are ignored and
//! the keyring entries are namespaced by the throwaway folder. With a display and the desktop
//! app built, it opens `office-connector-desktop --demo` against the same fakes and keeps them
//! running until the app quits; headless, it prints what there is and exits 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use office_connector_core::api::{OpenOptions, Session};
use office_connector_core::error::UserFacing;
use office_connector_core::i18n::Language;
use office_connector_fakes::{FakesConfig, start};

use super::exit::report;
use super::runs::emit;
use super::status::status_text;

/// Arguments of `office-connector demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Print the run only; do not open the desktop app even when a display is available.
    #[arg(long)]
    no_window: bool,
    /// Keep the fakes running until interrupted (Ctrl-C) after printing, without a window.
    #[arg(long)]
    keep_running: bool,
    /// Keep the throwaway state folder after the demo, to look at it.
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
    emit(&format!("{}\n", fakes.announcement()));

    let session = match Session::open(OpenOptions {
        home: Some(state.path().to_path_buf()),
        ..OpenOptions::default()
    }) {
        Ok(session) => session,
        Err(e) => return Ok(report(&e.to_ui(Language::from_os()), false)),
    };
    let lang = session.language();
    let status = match session.status() {
        Ok(status) => status,
        Err(e) => return Ok(report(&e.to_ui(lang), false)),
    };
    emit(&status_text(&status, lang));
    emit(&format!("\n{}\n", demo_explanation(lang)));

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
        emit(&format!("{}\n", kept_state_line(&kept, lang)));
    }
    drop(fakes);
    Ok(code)
}

fn demo_explanation(lang: Language) -> &'static str {
    match lang {
        Language::De => {
            "Demo: die Fakes für Microsoft Graph und Odoo laufen auf dieser Maschine (die JSON-Zeile oben \
             sagt, wo). Noch ist kein Sync-Auftrag eingerichtet: Mail, Kalender und Kontakte folgen."
        }
        Language::En => {
            "Demo: the fake Microsoft Graph and fake Odoo run on this machine (the JSON line above says \
             where). No sync job is set up yet: mail, calendar and contacts follow."
        }
    }
}

fn kept_state_line(path: &Path, lang: Language) -> String {
    match lang {
        Language::De => format!("Demo-Zustand aufbewahrt in {}", path.display()),
        Language::En => format!("Demo state kept in {}", path.display()),
    }
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
