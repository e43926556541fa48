//! Start at login: the operating system's autostart entry, kept by tauri-plugin-autostart
//! (Linux: an XDG autostart file `~/.config/autostart/Office Connector.desktop`; Windows: the
//! `Run` key; macOS: a launch agent). The entry starts the app with `--minimized`: tray only.
//!
//! An installed app turns it on at its first start, as desktop sync clients do (Nextcloud,
//! Dropbox): a connector that is not running after the next login silently stops filing mail.
//! The tray's check item turns it off and on; a marker in the state home's config folder says
//! it was turned on once, so the person's "off" stays off. The packages install no system-wide
//! entry (`/etc/xdg/autostart`): it would start the app for every user of the machine, and the
//! tray's item could not turn it off for one of them.

use std::io;
use std::path::Path;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// The marker file (in the state home's config folder): start at login was turned on once.
pub const TURNED_ON_MARKER: &str = "start-at-login-turned-on";

/// The autostart entry of this user, as far as start at login needs it.
pub trait AutostartEntry {
    /// Whether the entry exists.
    fn is_enabled(&self) -> Result<bool, String>;
    /// Writes the entry.
    fn enable(&self) -> Result<(), String>;
}

impl AutostartEntry for AutoLaunchManager {
    fn is_enabled(&self) -> Result<bool, String> {
        AutoLaunchManager::is_enabled(self).map_err(|e| e.to_string())
    }

    fn enable(&self) -> Result<(), String> {
        AutoLaunchManager::enable(self).map_err(|e| e.to_string())
    }
}

/// What the first start did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstStart {
    /// The entry was written now.
    TurnedOn,
    /// The entry was there already (made by the tray's item or an earlier install).
    WasOn,
    /// Not the first start: the person's choice stands.
    NotFirst,
}

/// Why start at login could not be turned on.
#[derive(Debug, thiserror::Error)]
pub enum StartAtLoginError {
    /// The autostart entry cannot be read or written.
    #[error("the autostart entry cannot be written: {0}")]
    Entry(String),
    /// The marker cannot be written (the next start tries again).
    #[error("cannot note that start at login was turned on: {0}")]
    Marker(#[source] io::Error),
}

/// Turns start at login on unless the marker in `config_dir` says it was done before; writes
/// the marker once the entry exists. A failure leaves no marker, so the next start tries again.
pub fn turn_on_once(
    config_dir: &Path,
    entry: &dyn AutostartEntry,
) -> Result<FirstStart, StartAtLoginError> {
    let marker = config_dir.join(TURNED_ON_MARKER);
    if marker.exists() {
        return Ok(FirstStart::NotFirst);
    }
    let outcome = if entry.is_enabled().map_err(StartAtLoginError::Entry)? {
        FirstStart::WasOn
    } else {
        entry.enable().map_err(StartAtLoginError::Entry)?;
        FirstStart::TurnedOn
    };
    std::fs::write(
        &marker,
        "Start at login was turned on at the first start; the tray menu's item turns it off.\n",
    )
    .map_err(StartAtLoginError::Marker)?;
    Ok(outcome)
}

/// At the app's start: turns start at login on if this is the first start of an installed app.
/// Nothing without the plugin (demo, tests) and in debug builds: a developer's build must not
/// make itself start at every login (the packages are release builds).
pub fn at_first_start<R: Runtime>(app: &AppHandle<R>, config_dir: &Path) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(manager) = app.try_state::<AutoLaunchManager>() else {
        return;
    };
    match turn_on_once(config_dir, manager.inner()) {
        Ok(FirstStart::TurnedOn) => tracing::info!("start at login turned on (first start)"),
        Ok(FirstStart::WasOn | FirstStart::NotFirst) => {}
        Err(e) => tracing::warn!(error = %e, "cannot turn on start at login"),
    }
}

/// Whether start at login is on; `None` without the plugin (demo, tests) or when the entry
/// cannot be read.
pub fn is_on<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    let manager = app.try_state::<AutoLaunchManager>()?;
    AutostartEntry::is_enabled(manager.inner()).ok()
}

/// Turns start at login off when on, on when off (the tray's check item).
pub fn toggle<R: Runtime>(app: &AppHandle<R>) {
    let Some(manager) = app.try_state::<AutoLaunchManager>() else {
        return;
    };
    let result = match AutostartEntry::is_enabled(manager.inner()) {
        Ok(true) => manager.disable().map_err(|e| e.to_string()),
        Ok(false) => AutostartEntry::enable(manager.inner()),
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        tracing::warn!(error = %e, "cannot change start at login");
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// An autostart entry in memory; `broken` makes writing it fail.
    #[derive(Default)]
    struct Entry {
        on: Cell<bool>,
        writes: Cell<u32>,
        broken: bool,
    }

    impl AutostartEntry for Entry {
        fn is_enabled(&self) -> Result<bool, String> {
            Ok(self.on.get())
        }

        fn enable(&self) -> Result<(), String> {
            if self.broken {
                return Err("read-only file system".into());
            }
            self.writes.set(self.writes.get() + 1);
            self.on.set(true);
            Ok(())
        }
    }

    #[test]
    fn the_first_start_turns_start_at_login_on_and_the_persons_off_stays_off() {
        let home = tempfile::tempdir().expect("temp dir");
        let entry = Entry::default();
        assert_eq!(
            turn_on_once(home.path(), &entry).expect("first start"),
            FirstStart::TurnedOn
        );
        assert!(entry.on.get());

        // the person turns it off in the tray; later starts leave it off
        entry.on.set(false);
        for _ in 0..2 {
            assert_eq!(
                turn_on_once(home.path(), &entry).expect("later start"),
                FirstStart::NotFirst
            );
        }
        assert!(!entry.on.get());
        assert_eq!(entry.writes.get(), 1);
    }

    #[test]
    fn an_entry_made_before_is_kept_as_it_is() {
        let home = tempfile::tempdir().expect("temp dir");
        let entry = Entry::default();
        entry.on.set(true);
        assert_eq!(
            turn_on_once(home.path(), &entry).expect("first start"),
            FirstStart::WasOn
        );
        assert_eq!(entry.writes.get(), 0);
        assert!(home.path().join(TURNED_ON_MARKER).exists());
    }

    #[test]
    fn an_entry_that_cannot_be_written_is_tried_again_at_the_next_start() {
        let home = tempfile::tempdir().expect("temp dir");
        let broken = Entry {
            broken: true,
            ..Entry::default()
        };
        let err = turn_on_once(home.path(), &broken).expect_err("cannot write");
        assert!(matches!(err, StartAtLoginError::Entry(_)), "{err}");
        assert!(!home.path().join(TURNED_ON_MARKER).exists());

        let entry = Entry::default();
        assert_eq!(
            turn_on_once(home.path(), &entry).expect("next start"),
            FirstStart::TurnedOn
        );
    }
}
