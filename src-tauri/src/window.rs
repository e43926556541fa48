//! The settings window: one, labelled [`SETTINGS`]; closing it hides it (the app and its timers
//! keep running in the tray), opening it again shows the same one.

use office_connector_core::i18n::Language;
use tauri::webview::PageLoadEvent;
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
    open(app, None);
}

/// Opens the settings window at `page` (a location hash such as `#/logs`).
pub fn open_page<R: Runtime>(app: &AppHandle<R>, page: &str) {
    open(app, Some(page));
}

/// The script that shows `page`: the UI routes by `location.hash`.
pub fn show_page_script(page: &str) -> String {
    // NOTE: serde_json quotes the page as a JavaScript string literal.
    format!("window.location.hash = {};", serde_json::Value::from(page))
}

fn open<R: Runtime>(app: &AppHandle<R>, page: Option<&str>) {
    if let Some(window) = app.get_webview_window(SETTINGS) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        if let Some(page) = page
            && let Err(e) = window.eval(show_page_script(page))
        {
            tracing::warn!(error = %e, "cannot open the page");
        }
        return;
    }
    let (demo, lang) = app
        .try_state::<AppState>()
        .map(|s| (s.launch.demo, s.language()))
        .unwrap_or((false, Language::from_os()));
    let mut builder =
        WebviewWindowBuilder::new(app, SETTINGS, WebviewUrl::App("index.html".into()))
            .title(title(demo, lang))
            .inner_size(1000.0, 700.0)
            .min_inner_size(640.0, 480.0);
    if let Some(page) = page {
        // NOTE: a new window has no page to set the hash on yet: do it once the UI has loaded
        let script = show_page_script(page);
        let pending = std::sync::atomic::AtomicBool::new(true);
        builder = builder.on_page_load(move |window, load| {
            if load.event() == PageLoadEvent::Finished
                && pending.swap(false, std::sync::atomic::Ordering::SeqCst)
                && let Err(e) = window.eval(&script)
            {
                tracing::warn!(error = %e, "cannot open the page");
            }
        });
    }
    if let Err(e) = builder.build() {
        tracing::error!(error = %e, "cannot open the settings window");
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
