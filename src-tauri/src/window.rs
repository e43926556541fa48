//! The settings window: one, labelled [`SETTINGS`]; closing it hides it (the app and its timers
//! keep running in the tray), opening it again shows the same one.

use office_connector_core::i18n::Language;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder, Window, WindowEvent};

use crate::state::AppState;
use crate::texts::{Text, render};

/// The settings window's label.
pub const SETTINGS: &str = "settings";

/// The window title: the app's name, and "Demo" in demo mode.
pub fn title(demo: bool, lang: Language) -> String {
    let name = render(Text::AppName, lang);
    if demo {
        format!("{name} — {}", render(Text::Demo, lang))
    } else {
        name
    }
}

/// Shows the settings window (creating it the first time) and brings it to the front.
pub fn open_settings<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(SETTINGS) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let (demo, lang) = app
        .try_state::<AppState>()
        .map(|s| (s.launch.demo, s.language()))
        .unwrap_or((false, Language::from_os()));
    let built = WebviewWindowBuilder::new(app, SETTINGS, WebviewUrl::App("index.html".into()))
        .title(title(demo, lang))
        .inner_size(1000.0, 700.0)
        .min_inner_size(640.0, 480.0)
        .build();
    if let Err(e) = built {
        tracing::error!(error = %e, "cannot open the settings window");
    }
}

/// Opens the settings window at `page` (a location hash such as `#/logs`).
pub fn open_page<R: Runtime>(app: &AppHandle<R>, page: &str) {
    open_settings(app);
    if let Some(window) = app.get_webview_window(SETTINGS) {
        // NOTE: the UI routes by location.hash; serde_json quotes the page as a JS string.
        let page = serde_json::Value::from(page);
        if let Err(e) = window.eval(format!("window.location.hash = {page};")) {
            tracing::warn!(error = %e, "cannot open the page");
        }
    }
}

/// Window events: closing the settings window hides it instead.
pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event
        && window.label() == SETTINGS
    {
        api.prevent_close();
        let _ = window.hide();
    }
}
