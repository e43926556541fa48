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

/// A home this test's user may read but not write, and how to run the CLI in it.
///
/// NOTE: root may write anywhere, so as root the home is handed to `nobody` and the CLI runs
/// as `nobody` (through `setpriv`); as anyone else the write bits are taken away.
#[derive(Debug)]
pub struct ReadOnlyHome<'a> {
    home: &'a TempHome,
    as_nobody: Option<PathBuf>,
}

#[cfg(unix)]
impl<'a> ReadOnlyHome<'a> {
    /// Takes the write permission on `home` (its folder and files) away.
    pub fn of(home: &'a TempHome) -> ReadOnlyHome<'a> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        const NOBODY: u32 = 65534;
        let root = std::fs::metadata(home.path()).expect("home").uid() == 0;
        let mut paths = vec![home.path().to_path_buf()];
        paths.extend(
            std::fs::read_dir(home.path())
                .expect("list home")
                .map(|e| e.expect("entry").path()),
        );
        for path in &paths {
            if root {
                std::os::unix::fs::chown(path, Some(NOBODY), Some(NOBODY)).expect("chown");
            }
            let mode = if path.is_dir() { 0o555 } else { 0o400 };
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        let as_nobody = root.then(|| crate::cli::binary_for(NOBODY));
        ReadOnlyHome { home, as_nobody }
    }

    /// Runs `office-connector --home HOME ARGS…` in English as the reading user.
    pub fn run(&self, args: &[&str]) -> crate::cli::CliRun {
        let mut cmd = crate::cli::command(self.home);
        if let Some(bin) = &self.as_nobody {
            let inner: Vec<std::ffi::OsString> = std::iter::once(bin.clone().into_os_string())
                .chain(cmd.get_args().map(ToOwned::to_owned))
                .collect();
            let mut outer = std::process::Command::new("setpriv");
            outer.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            outer.args(inner);
            for (k, v) in cmd.get_envs() {
                match v {
                    Some(v) => outer.env(k, v),
                    None => outer.env_remove(k),
                };
            }
            cmd = outer;
        }
        cmd.args(args)
            .output()
            .expect("run office-connector")
            .into()
    }

    /// Every file in the home with its size, to show that nothing was added or changed.
    pub fn listing(&self) -> Vec<(String, u64)> {
        let mut files: Vec<(String, u64)> = std::fs::read_dir(self.home.path())
            .expect("list home")
            .map(|e| {
                let e = e.expect("entry");
                let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                (e.file_name().to_string_lossy().into_owned(), len)
            })
            .collect();
        files.sort();
        files
    }
}
