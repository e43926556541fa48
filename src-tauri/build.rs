//! Generates the Tauri context and the app's command permissions (`allow-<command>`), so the
//! capability file can allow exactly the commands the settings window uses.

/// The commands the window may call (`src/commands.rs`, `src/wizard.rs`, `src/mail.rs`); each
/// gets an `allow-…` permission.
const COMMANDS: &[&str] = &[
    "status",
    "list_runs",
    "show_run",
    "get_settings",
    "set_setting",
    "odoo_databases",
    "connect_odoo",
    "sign_in_microsoft",
    "start_device_code",
    "finish_device_code",
    "cancel_microsoft_sign_in",
    "test_connection",
    "list_mail_folders",
    "get_mail_folder",
    "create_mail_folder",
    "get_setting_entries",
    "sync_mail",
    "mail_progress",
    "mail_decisions",
    "mail_choices",
    "choose_mail_contacts",
    "create_mail_contact",
    "search_mail_contacts",
];

fn main() {
    // NOTE: the app embeds the built settings UI; say how to get it instead of Tauri's
    // "frontendDist doesn't exist".
    if !std::path::Path::new("../ui/dist/index.html").exists() {
        panic!(
            "ui/dist is missing: build the settings UI first (cd ui && npm ci && npm run build)"
        );
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {e:#}");
    }
}
