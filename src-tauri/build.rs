//! Generates the Tauri context and the app's command permissions (`allow-<command>`) from the
//! one declaration of the window's commands, so the capability file can allow exactly them.

/// Reads the one declaration of the window's commands (`src/ipc_commands.rs`) for their names
/// only; each gets an `allow-…` permission.
macro_rules! ipc_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $answer:ty;)*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("src/ipc_commands.rs");

fn main() {
    // NOTE: the app embeds the built settings UI; say how to get it instead of Tauri's
    // "frontendDist doesn't exist".
    if !std::path::Path::new("../ui/dist/index.html").exists() {
        panic!(
            "ui/dist is missing: build the settings UI first (cd ui && npm ci && npm run build)"
        );
    }
    println!("cargo:rerun-if-changed=src/ipc_commands.rs");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {e:#}");
    }
}
