//! What the app keeps while it runs: the state home's session (for the window's commands), the
//! scheduler thread, and how it was launched.

use std::sync::{Mutex, MutexGuard};

use office_connector_core::api::Session;
use office_connector_core::i18n::Language;

use crate::Launch;
use crate::scheduler::Scheduler;
use crate::tray::TrayView;
use crate::wizard::{Connectors, GraphCache, SignIns};

/// The app's state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    session: Mutex<Session>,
    /// The scheduler thread; stopped on Quit.
    pub scheduler: Scheduler,
    /// How the app was started.
    pub launch: Launch,
    shown_tray: Mutex<Option<TrayView>>,
    connectors: Mutex<Connectors>,
    /// The Microsoft sign-in going on, if any.
    pub sign_ins: SignIns,
    /// The folder commands' Graph client.
    pub graph: GraphCache,
}

impl AppState {
    /// The state of an app over `session`, with `scheduler` running.
    pub fn new(session: Session, scheduler: Scheduler, launch: Launch) -> Self {
        Self {
            connectors: Mutex::new(Connectors::system(&session)),
            session: Mutex::new(session),
            scheduler,
            launch,
            shown_tray: Mutex::new(None),
            sign_ins: SignIns::default(),
            graph: GraphCache::default(),
        }
    }

    /// The session; a panic in another command must not lock the user out, so poison is ignored.
    pub fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What the wizard's commands reach the outside with (keyring, browser, waits).
    pub fn connectors(&self) -> Connectors {
        self.connectors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces them (tests: an in-memory keyring, a scripted browser, short waits).
    pub fn set_connectors(&self, connectors: Connectors) {
        *self.connectors.lock().unwrap_or_else(|p| p.into_inner()) = connectors;
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
