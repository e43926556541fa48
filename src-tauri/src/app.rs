//! The app's lifecycle: command line, plugins, commands, setup (state home, scheduler, tray,
//! window), and the run loop that keeps a tray app alive when its window closes.
//!
//! Generic over the Tauri runtime so tests build it on `tauri::test::mock_builder()` (after
//! Tauri's `examples/api`).

use std::path::PathBuf;
use std::sync::Arc;

use clap::Parser;
use office_connector_core::api::{OpenOptions, Session};
use office_connector_core::model::Job;
use office_connector_core::settings::SettingKey;
use tauri::{App, AppHandle, Builder, Context, Manager, RunEvent, Runtime};

use crate::calendar::CalendarEngine;
use crate::contacts::ContactsEngine;
use crate::jobs::CoreJobs;
use crate::mail::MailEngine;
use crate::scheduler::{
    JobRunner, Scheduler, SchedulerEvent, SchedulerLoop, SystemTicks, TickSource,
};
use crate::state::AppState;
use crate::tray::TrayError;
use crate::wizard::{Connectors, SharedConnectors};
use crate::{calendar, commands, mail, notify, start_at_login, tray, window};

/// How the app was started (command line).
#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "office-connector-desktop",
    version,
    about = "Office Connector: files Outlook mail and events in Odoo, keeps Odoo contacts in Outlook"
)]
pub struct Launch {
    /// Demo mode (started by `office-connector demo`): the window title says "Demo".
    #[arg(long)]
    pub demo: bool,
    /// The state folder; default: OFFICE_CONNECTOR_HOME, else the platform's data folder.
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Start in the tray without opening the settings window (used when started at login).
    #[arg(long)]
    pub minimized: bool,
    /// Integrate with the desktop (tray icon, single instance, start at login); tests turn it off.
    #[arg(skip = true)]
    pub desktop: bool,
}

/// Runs the app from the command line; exits the process when it ends.
pub fn run() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("OFFICE_CONNECTOR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // NOTE: never mail bodies in logs, whatever OFFICE_CONNECTOR_LOG says (ammonia's HTML
    // parser logs every text it reads at debug level).
    for directive in office_connector_core::mail::body::QUIET_LOG_DIRECTIVES {
        if let Ok(d) = directive.parse() {
            filter = filter.add_directive(d);
        }
    }
    // NOTE: colour codes only for a terminal; a desktop launch logs to a file or the journal.
    let colour = {
        use std::io::IsTerminal;
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .init();
    let launch = Launch::parse();
    if let Err(e) = run_app(
        tauri::Builder::default(),
        launch,
        tauri::generate_context!(),
    ) {
        eprintln!("office-connector-desktop: {e}");
        std::process::exit(1);
    }
}

/// Makes the scheduler's runner for a state home whose engines reach the remotes through the
/// given connectors (the app's: [`CoreJobs`] with the core's engines; tests add their own).
pub type RunnerFactory = Box<
    dyn FnOnce(
            Arc<Session>,
            SharedConnectors,
        ) -> Result<Box<dyn JobRunner>, Box<dyn std::error::Error + Send + Sync>>
        + Send,
>;

/// The app's runner: the core's jobs of the home, each with the engine this build has (mail,
/// calendar, contacts).
pub fn core_runner() -> RunnerFactory {
    Box::new(|session, connectors| {
        let jobs = CoreJobs::new(session)
            .with_engine(Job::Mail, Box::new(MailEngine::new(connectors.clone())))
            .with_engine(
                Job::Calendar,
                Box::new(CalendarEngine::new(connectors.clone())),
            )
            .with_engine(Job::Contacts, Box::new(ContactsEngine::new(connectors)));
        Ok(Box::new(jobs) as Box<dyn JobRunner>)
    })
}

/// Builds the app on `builder` (the real runtime, or `tauri::test::mock_builder()`): plugins,
/// commands, window events, and in setup the state home, scheduler, tray and window.
pub fn build_app<R: Runtime>(
    builder: Builder<R>,
    launch: Launch,
    context: Context<R>,
) -> tauri::Result<App<R>> {
    build_app_with(
        builder,
        launch,
        context,
        core_runner(),
        Arc::new(SystemTicks::default()),
    )
}

/// [`build_app`] with the scheduler's runner and clock given (tests).
pub fn build_app_with<R: Runtime>(
    builder: Builder<R>,
    launch: Launch,
    context: Context<R>,
    runner: RunnerFactory,
    ticks: Arc<dyn TickSource>,
) -> tauri::Result<App<R>> {
    let mut builder = builder;
    // NOTE: a demo runs beside the user's real app (its own home); single instance would
    // focus the real one instead, and start at login belongs to the real one.
    if launch.desktop && !launch.demo {
        builder = builder
            .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
                window::open_settings(app);
            }))
            .plugin(
                tauri_plugin_autostart::Builder::new()
                    .arg("--minimized")
                    .build(),
            );
    }
    builder
        .invoke_handler(crate::ipc::handler())
        .on_window_event(window::on_window_event)
        .setup(move |app| {
            let options = OpenOptions {
                home: launch.home.clone(),
                ..OpenOptions::default()
            };
            let session = Arc::new(Session::open(options)?);
            start_at_login::at_first_start(app.handle(), session.home().config_dir());
            let connectors = SharedConnectors::new(Connectors::system(&session));
            // NOTE: one session for the window and the scheduler: the store takes its lock per
            // statement, so a long run never blocks the window for long.
            let runner = runner(session.clone(), connectors.clone())
                .map_err(|e| -> Box<dyn std::error::Error> { e })?;
            start(app.handle(), session, runner, ticks, launch, connectors);
            Ok(())
        })
        .build(context)
}

/// Builds and runs the app until Quit. Closing the window keeps it (and its timers) running.
pub fn run_app<R: Runtime>(
    builder: Builder<R>,
    launch: Launch,
    context: Context<R>,
) -> tauri::Result<()> {
    let app = build_app(builder, launch, context)?;
    app.run(|app, event| match event {
        // no window left is no reason to quit a tray app; only Quit (with a code) ends it
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        RunEvent::Exit => stop_scheduler(app),
        _ => {}
    });
    Ok(())
}

fn stop_scheduler<R: Runtime>(app: &AppHandle<R>) {
    if let Some(state) = app.try_state::<AppState>() {
        state.scheduler.stop(std::time::Duration::from_secs(10));
    }
}

/// Starts the app's state on `handle`: the scheduler over `runner`, tray (desktop only) and
/// window (unless minimized); the window's commands reach the remotes through `connectors`.
/// Tests call it with a fake runner and clock.
pub fn start<R: Runtime>(
    handle: &AppHandle<R>,
    session: Arc<Session>,
    runner: Box<dyn JobRunner>,
    ticks: Arc<dyn TickSource>,
    launch: Launch,
    connectors: SharedConnectors,
) {
    let events = handle.clone();
    let scheduler = Scheduler::start(SchedulerLoop::new(runner, ticks), move |event| {
        on_scheduler_event(&events, event);
    });
    let desktop = launch.desktop;
    let minimized = launch.minimized;
    handle.manage(AppState::new(session, scheduler, launch, connectors));
    show(handle, desktop.then_some(tray::create), minimized);
}

/// Makes the tray icon ([`tray::create`]; tests give their own).
pub(crate) type MakeTray<R> = fn(&AppHandle<R>) -> Result<(), TrayError>;

/// Shows the app: the tray icon made by `make_tray` (none in tests), and the settings window
/// unless the app was started minimized or the tray cannot be made.
pub(crate) fn show<R: Runtime>(
    handle: &AppHandle<R>,
    make_tray: Option<MakeTray<R>>,
    minimized: bool,
) {
    if let Some(make_tray) = make_tray
        && let Err(e) = make_tray(handle)
    {
        // NOTE: without a tray (no tray library, no panel) the window is the only way in,
        // also when started minimized at login: show it.
        tracing::warn!(error = %e, "no tray icon: showing the settings window instead");
        window::open_settings(handle);
        return;
    }
    if !minimized {
        window::open_settings(handle);
    }
}

fn on_scheduler_event<R: Runtime>(app: &AppHandle<R>, event: SchedulerEvent) {
    match event {
        SchedulerEvent::Changed(view) => {
            tray::refresh(app, &view);
            mail::stream_scheduler_progress(app, &view);
            calendar::stream_scheduler_progress(app, &view);
        }
        SchedulerEvent::RunFinished {
            job,
            run,
            recent_outcomes,
        } => {
            let Some(state) = app.try_state::<AppState>() else {
                return;
            };
            let lang = state.language();
            let (sign_in, every_run) = {
                let session = state.session();
                let sign_in = session.take_sign_in_notices().unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "cannot read the accounts' sign-in state");
                    Vec::new()
                });
                let every_run = session
                    .effective_settings()
                    .is_ok_and(|s| s.flag(SettingKey::NotifyEveryRun));
                (sign_in, every_run)
            };
            let summary = commands::run_view(&run, lang).summary;
            let notice = notify::after_run(&notify::RunEnded {
                job,
                recent_outcomes: &recent_outcomes,
                counts: &run.counts,
                summary: &summary,
                sign_in_refused: &sign_in,
                every_run,
            });
            let Some(notice) = notice else {
                return;
            };
            let clicked = app.clone();
            let page = notice.page();
            notify::show(&notice, lang, move || window::open_page(&clicked, page));
        }
    }
}
