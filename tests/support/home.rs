//! A throwaway state home for a test: its own folder, database and settings, and an admin
//! policy path inside it, so no test reads the machine's `/etc/office-connector/policy.toml`
//! or touches a real user's state.

use std::path::{Path, PathBuf};

use office_connector_core::api::{OpenOptions, Session};

/// A temporary state home, deleted when dropped.
#[derive(Debug)]
pub struct TempHome {
    dir: tempfile::TempDir,
}

impl TempHome {
    /// A fresh, empty state home.
    pub fn new() -> TempHome {
        TempHome {
            dir: tempfile::Builder::new()
                .prefix("oc-home-")
                .tempdir()
                .expect("create a temporary state home"),
        }
    }

    /// The state folder (`--home`).
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The user's settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.path().join("settings.toml")
    }

    /// The admin policy file this home's tests use (absent until written).
    pub fn policy_file(&self) -> PathBuf {
        self.path().join("admin-policy.toml")
    }

    /// Writes the user's settings file.
    pub fn write_settings(&self, text: &str) {
        std::fs::write(self.settings_file(), text).expect("write settings.toml");
    }

    /// Writes the admin policy file.
    pub fn write_policy(&self, text: &str) {
        std::fs::write(self.policy_file(), text).expect("write the policy file");
    }

    /// Opens the home through the core API, with this home's policy file.
    pub fn session(&self) -> Session {
        Session::open(OpenOptions {
            home: Some(self.path().to_path_buf()),
            policy_file: Some(self.policy_file()),
            clock: None,
        })
        .expect("open the state home")
    }
}

impl Default for TempHome {
    fn default() -> Self {
        TempHome::new()
    }
}
