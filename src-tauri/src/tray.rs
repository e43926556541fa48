//! The tray icon: state in the icon, state and progress in the tooltip (and in a status line at
//! the top of the menu: Linux panels show no tooltips), and the menu Sync now, Pause/Resume,
//! Open settings, Start at login, Quit. A left click opens the settings window.
//!
//! What the tray shows is a pure function of the scheduler's view ([`tray_view`]); the menu's
//! handlers are plain functions ([`on_menu_item`]) so tests call them without a panel.

use office_connector_core::i18n::Language;
use office_connector_core::model::Outcome;
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::notify::REPEATED_FAILURES;
use crate::scheduler::{JobTimerView, SchedulerView};
use crate::start_at_login;
use crate::state::AppState;
use crate::texts::{Text, render};
use crate::tray_library::{self, LibraryMissing};
use crate::window;

/// The tray icon's id.
pub const TRAY_ID: &str = "main";

/// Menu item ids.
pub mod ids {
    /// Run every set-up job now.
    pub const SYNC_NOW: &str = "sync_now";
    /// Pause or resume the timers.
    pub const PAUSE: &str = "pause";
    /// Show the settings window.
    pub const OPEN_SETTINGS: &str = "open_settings";
    /// Start the app at login (on/off).
    pub const START_AT_LOGIN: &str = "start_at_login";
    /// Stop the scheduler and end the app.
    pub const QUIT: &str = "quit";
}

/// Why there is no tray icon.
#[derive(Debug, thiserror::Error)]
pub enum TrayError {
    /// The tray's library is not installed (Linux: libayatana-appindicator3).
    #[error(transparent)]
    LibraryMissing(#[from] LibraryMissing),
    /// Tauri could not make the icon or its menu.
    #[error("cannot make the tray icon: {0}")]
    Tauri(#[from] tauri::Error),
}

/// The state the tray icon shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayState {
    /// All is well, or nothing set up yet.
    Idle,
    /// A run is going.
    Syncing,
    /// A job waits for the user.
    Attention,
    /// A run could not start, or runs keep failing.
    Error,
    /// The user paused the timers.
    Paused,
}

impl TrayState {
    /// The icon (PNG) for this state.
    pub fn icon_png(self) -> &'static [u8] {
        match self {
            TrayState::Idle => include_bytes!("../../icons/tray-idle.png"),
            TrayState::Syncing => include_bytes!("../../icons/tray-syncing.png"),
            TrayState::Attention => include_bytes!("../../icons/tray-attention.png"),
            TrayState::Error => include_bytes!("../../icons/tray-error.png"),
            TrayState::Paused => include_bytes!("../../icons/tray-paused.png"),
        }
    }
}

/// Everything the tray shows, computed from the scheduler's view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayView {
    /// The icon's state.
    pub state: TrayState,
    /// The tooltip and the menu's status line.
    pub tooltip: String,
    /// Whether "Sync now" is enabled.
    pub sync_now_enabled: bool,
    /// Why "Sync now" is disabled, shown right under it.
    pub sync_now_hint: Option<String>,
    /// "Pause" or "Resume".
    pub pause_label: String,
}

fn keeps_failing(job: &JobTimerView) -> bool {
    match job.recent_outcomes.first() {
        Some(Some(Outcome::Failed)) => true,
        _ => {
            job.recent_outcomes
                .iter()
                .take_while(|o| matches!(o, Some(Outcome::Failed | Outcome::Incomplete)))
                .count()
                >= REPEATED_FAILURES
        }
    }
}

/// What the tray shows for `view`, in `lang`.
pub fn tray_view(view: &SchedulerView, lang: Language) -> TrayView {
    let (state, text) = if let Some(job) = view.running {
        // NOTE: a total of 0 is unknown (the calendar counts events as it reads them)
        let progress = view.progress.filter(|(_, total)| *total > 0);
        (TrayState::Syncing, Text::Syncing(job, progress))
    } else if view.paused {
        (TrayState::Paused, Text::Paused)
    } else if view.jobs.iter().any(keeps_failing) {
        (TrayState::Error, Text::Failing)
    } else if view
        .jobs
        .iter()
        .any(|j| j.recent_outcomes.first() == Some(&Some(Outcome::NeedsAttention)))
    {
        (TrayState::Attention, Text::Attention)
    } else {
        (TrayState::Idle, Text::Idle)
    };
    let can_sync = view.can_sync_now();
    TrayView {
        state,
        tooltip: format!("{}: {}", render(Text::AppName, lang), render(text, lang)),
        sync_now_enabled: can_sync,
        sync_now_hint: (!can_sync).then(|| render(Text::NothingSetUp, lang)),
        pause_label: render(
            if view.paused {
                Text::Resume
            } else {
                Text::Pause
            },
            lang,
        ),
    }
}

/// What a menu item asked for beyond its own effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuOutcome {
    /// Done.
    Handled,
    /// The scheduler stopped; the caller ends the app now.
    Quit,
    /// Not one of our items.
    Unknown,
}

/// Handles a click on the menu item `id`. Quit stops the scheduler (a running job finishes
/// first, for a few seconds at most) and returns [`MenuOutcome::Quit`]; the caller then exits.
pub fn on_menu_item<R: Runtime>(app: &AppHandle<R>, id: &str) -> MenuOutcome {
    let Some(state) = app.try_state::<AppState>() else {
        return MenuOutcome::Unknown;
    };
    match id {
        ids::SYNC_NOW => state.scheduler.sync_now(),
        ids::PAUSE => {
            let paused = state.scheduler.view().paused;
            state.scheduler.set_paused(!paused);
            refresh(app, &state.scheduler.view());
        }
        ids::OPEN_SETTINGS => window::open_settings(app),
        ids::START_AT_LOGIN => toggle_start_at_login(app),
        ids::QUIT => {
            if !state.scheduler.stop(std::time::Duration::from_secs(10)) {
                tracing::warn!("a run did not finish in time; quitting anyway");
            }
            return MenuOutcome::Quit;
        }
        _ => return MenuOutcome::Unknown,
    }
    MenuOutcome::Handled
}

fn toggle_start_at_login<R: Runtime>(app: &AppHandle<R>) {
    start_at_login::toggle(app);
    if let Some(state) = app.try_state::<AppState>() {
        refresh(app, &state.scheduler.view());
    }
}

fn build_menu<R: Runtime>(
    app: &AppHandle<R>,
    view: &TrayView,
    lang: Language,
) -> tauri::Result<Menu<R>> {
    let status = MenuItem::with_id(app, "status", &view.tooltip, false, None::<&str>)?;
    let sync_now = MenuItem::with_id(
        app,
        ids::SYNC_NOW,
        render(Text::SyncNow, lang),
        view.sync_now_enabled,
        None::<&str>,
    )?;
    let pause = MenuItem::with_id(app, ids::PAUSE, &view.pause_label, true, None::<&str>)?;
    let open = MenuItem::with_id(
        app,
        ids::OPEN_SETTINGS,
        render(Text::OpenSettings, lang),
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, ids::QUIT, render(Text::Quit, lang), true, None::<&str>)?;
    let separator = || PredefinedMenuItem::separator(app);
    let menu = Menu::with_items(app, &[&status, &separator()?, &sync_now])?;
    if let Some(hint) = &view.sync_now_hint {
        menu.append(&MenuItem::with_id(
            app,
            "sync_now_hint",
            hint,
            false,
            None::<&str>,
        )?)?;
    }
    menu.append_items(&[&pause, &separator()?, &open])?;
    if let Some(enabled) = start_at_login::is_on(app) {
        menu.append(&CheckMenuItem::with_id(
            app,
            ids::START_AT_LOGIN,
            render(Text::StartAtLogin, lang),
            true,
            enabled,
            None::<&str>,
        )?)?;
    }
    menu.append_items(&[&separator()?, &quit])?;
    Ok(menu)
}

/// Creates the tray icon (needs a desktop; skipped in tests).
pub fn create<R: Runtime>(app: &AppHandle<R>) -> Result<(), TrayError> {
    // NOTE: asked first because Tauri's tray panics, instead of failing, without its library
    // (tray_library.rs says why this is not a caught panic).
    tray_library::check()?;
    let state = app.state::<AppState>();
    let lang = state.language();
    let view = tray_view(&state.scheduler.view(), lang);
    let menu = build_menu(app, &view, lang)?;
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(Image::from_bytes(view.state.icon_png())?)
        .tooltip(&view.tooltip)
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| {
            if on_menu_item(app, event.id.as_ref()) == MenuOutcome::Quit {
                app.exit(0);
            }
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::open_settings(tray.app_handle());
            }
        })
        .build(app)?;
    state.remember_tray_view(view);
    Ok(())
}

/// Shows `view` in the tray if it changed (the menu is rebuilt only then, so an open menu does
/// not flicker on every scheduler step).
pub fn refresh<R: Runtime>(app: &AppHandle<R>, view: &SchedulerView) {
    let Some(state) = app.try_state::<AppState>() else {
        return;
    };
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let lang = state.language();
    let shown = tray_view(view, lang);
    if !state.remember_tray_view(shown.clone()) {
        return;
    }
    let result = (|| -> tauri::Result<()> {
        tray.set_icon(Some(Image::from_bytes(shown.state.icon_png())?))?;
        tray.set_tooltip(Some(&shown.tooltip))?;
        tray.set_menu(Some(build_menu(app, &shown, lang)?))?;
        Ok(())
    })();
    if let Err(e) = result {
        tracing::warn!(error = %e, "cannot update the tray icon");
    }
}

#[cfg(test)]
mod tests {
    use office_connector_core::model::Job;

    use super::*;

    fn job(job: Job, timer_on: bool, recent: &[Option<Outcome>]) -> JobTimerView {
        JobTimerView {
            job,
            timer_on,
            set_up: timer_on,
            next_run_at: None,
            recent_outcomes: recent.to_vec(),
        }
    }

    fn nothing_set_up() -> SchedulerView {
        SchedulerView {
            jobs: Job::ALL.into_iter().map(|j| job(j, false, &[])).collect(),
            ..SchedulerView::default()
        }
    }

    #[test]
    fn with_no_job_set_up_sync_now_is_disabled_and_says_why() {
        let view = tray_view(&nothing_set_up(), Language::En);
        assert_eq!(view.state, TrayState::Idle);
        assert!(!view.sync_now_enabled);
        assert_eq!(
            view.sync_now_hint.as_deref(),
            Some("No job is set up yet: set one up in the settings")
        );
        let de = tray_view(&nothing_set_up(), Language::De);
        assert!(de.sync_now_hint.is_some_and(|h| h.contains("eingerichtet")));
    }

    #[test]
    fn a_set_up_job_enables_sync_now() {
        let mut view = nothing_set_up();
        view.jobs[0].set_up = true;
        let shown = tray_view(&view, Language::En);
        assert!(shown.sync_now_enabled);
        assert_eq!(shown.sync_now_hint, None);
    }

    #[test]
    fn the_icon_shows_syncing_with_progress_then_paused_error_attention_idle() {
        let mut view = nothing_set_up();
        view.running = Some(Job::Mail);
        view.progress = Some((12, 40));
        let shown = tray_view(&view, Language::En);
        assert_eq!(shown.state, TrayState::Syncing);
        assert_eq!(shown.tooltip, "Office Connector: Syncing Mail… 12 of 40");
        view.running = Some(Job::Calendar);
        view.progress = Some((7, 0));
        let shown = tray_view(&view, Language::En);
        assert!(
            !shown.tooltip.contains(" of "),
            "no total while the calendar counts its events: {}",
            shown.tooltip
        );

        let mut view = nothing_set_up();
        view.paused = true;
        let shown = tray_view(&view, Language::De);
        assert_eq!(shown.state, TrayState::Paused);
        assert_eq!(shown.pause_label, "Fortsetzen");

        let mut view = nothing_set_up();
        view.jobs[1] = job(Job::Calendar, true, &[Some(Outcome::Failed)]);
        view.jobs[0] = job(Job::Mail, true, &[Some(Outcome::NeedsAttention)]);
        assert_eq!(tray_view(&view, Language::En).state, TrayState::Error);

        view.jobs[1] = job(Job::Calendar, true, &[Some(Outcome::Incomplete)]);
        assert_eq!(
            tray_view(&view, Language::En).state,
            TrayState::Attention,
            "a single incomplete run is left to the rerun"
        );
        view.jobs[0] = job(Job::Mail, true, &[Some(Outcome::Success)]);
        let shown = tray_view(&view, Language::En);
        assert_eq!(shown.state, TrayState::Idle);
        assert_eq!(shown.pause_label, "Pause");
    }

    #[test]
    fn every_state_has_its_own_icon() {
        let states = [
            TrayState::Idle,
            TrayState::Syncing,
            TrayState::Attention,
            TrayState::Error,
            TrayState::Paused,
        ];
        for (i, a) in states.iter().enumerate() {
            let image = Image::from_bytes(a.icon_png()).expect("a PNG");
            assert_eq!((image.width(), image.height()), (64, 64));
            for b in &states[i + 1..] {
                assert_ne!(a.icon_png(), b.icon_png(), "{a:?} and {b:?} look alike");
            }
        }
    }
}
