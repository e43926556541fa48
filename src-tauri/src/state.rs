//! What the app keeps while it runs: the state home's one session (the window's commands and the
//! scheduler share it), the scheduler thread, and how it was launched.

use std::sync::{Arc, Mutex};

use office_connector_core::api::Session;
use office_connector_core::i18n::Language;

use crate::Launch;
use crate::calendar::WindowCalendarRun;
use crate::mail::WindowMailRun;
use crate::scheduler::Scheduler;
use crate::tray::TrayView;
use crate::wizard::{Connectors, GraphCache, SharedConnectors, SignIns};

/// The app's state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    session: Arc<Session>,
    /// The scheduler thread; stopped on Quit.
    pub scheduler: Scheduler,
    /// How the app was started.
    pub launch: Launch,
    shown_tray: Mutex<Option<TrayView>>,
    connectors: SharedConnectors,
    /// The Microsoft sign-in going on, if any.
    pub sign_ins: SignIns,
    /// The folder commands' Graph client.
    pub graph: GraphCache,
    /// The mail run the window started, if one is going.
    pub mail_run: WindowMailRun,
    /// The calendar run the window started, if one is going.
    pub calendar_run: WindowCalendarRun,
}

impl AppState {
    /// The state of an app over `session`, with `scheduler` running and its engines reaching
    /// the remotes through `connectors`.
    pub fn new(
        session: Arc<Session>,
        scheduler: Scheduler,
        launch: Launch,
        connectors: SharedConnectors,
    ) -> Self {
        Self {
            connectors,
            session,
            scheduler,
            launch,
            shown_tray: Mutex::new(None),
            sign_ins: SignIns::default(),
            graph: GraphCache::default(),
            mail_run: WindowMailRun::default(),
            calendar_run: WindowCalendarRun::default(),
        }
    }

    /// The session, shared with the scheduler (it is `Send + Sync`).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, to move into a task.
    pub fn shared_session(&self) -> Arc<Session> {
        self.session.clone()
    }

    /// What the wizard's commands reach the outside with (keyring, browser, waits).
    pub fn connectors(&self) -> Connectors {
        self.connectors.get()
    }

    /// Replaces them (tests: an in-memory keyring, a scripted browser, short waits).
    pub fn set_connectors(&self, connectors: Connectors) {
        self.connectors.set(connectors);
        self.graph.clear();
    }

    /// The user's language (settings, else the OS locale).
    pub fn language(&self) -> Language {
        self.session().language()
    }

    /// Remembers what the tray shows; false when it already showed exactly `view`.
    pub fn remember_tray_view(&self, view: TrayView) -> bool {
        let mut shown = self.shown_tray.lock().unwrap_or_else(|p| p.into_inner());
        if shown.as_ref() == Some(&view) {
            return false;
        }
        *shown = Some(view);
        true
    }
}
