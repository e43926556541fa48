//! The state home: the one place where all of a user's state lives.
//!
//! By default the platform's config folder holds `settings.toml` and its data folder the
//! database and lock files (`directories` crate). `--home DIR` / `OFFICE_CONNECTOR_HOME` moves
//! everything into DIR, which is how tests, scripts and `demo` stay away from a real user's
//! state. The admin policy file lives outside the home (system-wide).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::Msg;
use crate::store::texts::StoreMsg;

/// Environment variable that moves all state into one folder.
pub const HOME_ENV: &str = "OFFICE_CONNECTOR_HOME";
/// Environment variable that points at another admin policy file (tests, odd installs).
pub const POLICY_ENV: &str = "OFFICE_CONNECTOR_POLICY";
/// Name of the user's settings file inside the config folder.
pub const SETTINGS_FILE: &str = "settings.toml";
/// Name of the SQLite database inside the data folder.
pub const DATABASE_FILE: &str = "office-connector.db";

/// Errors of the state home.
#[derive(Debug, thiserror::Error)]
pub enum HomeError {
    /// The platform knows no home folder for this user.
    #[error("no home folder is known for this user")]
    NoHome,
    /// The state folder is a file, or lies under one.
    #[error("{} is a file, not a folder", path.display())]
    NotAFolder {
        /// The file.
        path: PathBuf,
    },
    /// This user may not create or write the state folder.
    #[error("state folder {} is not writable", path.display())]
    NotWritable {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: io::Error,
    },
    /// A folder cannot be created or secured.
    #[error("state folder {} cannot be used", path.display())]
    Unusable {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: io::Error,
    },
}

impl UserFacing for HomeError {
    fn code(&self) -> ErrorCode {
        match self {
            HomeError::NotAFolder { .. } | HomeError::NotWritable { .. } => {
                ErrorCode::LocalStateUnusable
            }
            HomeError::NoHome | HomeError::Unusable { .. } => ErrorCode::Storage,
        }
    }

    fn msg(&self) -> Msg {
        match self {
            HomeError::NoHome => Msg::NoStateHome,
            HomeError::NotAFolder { path } => {
                Msg::Store(StoreMsg::NotAFolder { path: path.clone() })
            }
            HomeError::NotWritable { path, source } => Msg::Store(StoreMsg::NotWritable {
                path: path.clone(),
                detail: source.to_string(),
            }),
            HomeError::Unusable { path, source } => Msg::StateHomeUnavailable {
                path: path.clone(),
                detail: source.to_string(),
            },
        }
    }
}

/// Where one user's state lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateHome {
    config_dir: PathBuf,
    data_dir: PathBuf,
}

impl StateHome {
    /// All state in one folder (`--home DIR`).
    pub fn at(dir: impl Into<PathBuf>) -> StateHome {
        let dir = dir.into();
        StateHome {
            config_dir: dir.clone(),
            data_dir: dir,
        }
    }

    /// The platform's per-user config and data folders.
    pub fn platform_default() -> Result<StateHome, HomeError> {
        let dirs =
            directories::ProjectDirs::from("", "", "office-connector").ok_or(HomeError::NoHome)?;
        Ok(StateHome {
            config_dir: dirs.config_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// `explicit` if given, else `OFFICE_CONNECTOR_HOME`, else the platform default.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<StateHome, HomeError> {
        match explicit.or_else(|| std::env::var_os(HOME_ENV).map(PathBuf::from)) {
            Some(dir) if !dir.as_os_str().is_empty() => Ok(StateHome::at(dir)),
            _ => StateHome::platform_default(),
        }
    }

    /// Creates the folders (mode 0700 on Unix: they hold a user's mail metadata).
    pub fn ensure(&self) -> Result<(), HomeError> {
        for dir in [&self.config_dir, &self.data_dir] {
            check_folder(dir)?;
            create_private_dir(dir)?;
        }
        Ok(())
    }

    /// Fails with [`HomeError::NotAFolder`] when a folder of this home is a file or lies under
    /// one; a folder that does not exist yet is fine.
    pub fn check_folders(&self) -> Result<(), HomeError> {
        check_folder(&self.config_dir)?;
        check_folder(&self.data_dir)
    }

    /// The folder holding `settings.toml`.
    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    /// The folder holding the database and the run locks.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The user's settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join(SETTINGS_FILE)
    }

    /// The SQLite database.
    pub fn database_file(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    /// The folder of the per-job run lock files.
    pub fn lock_dir(&self) -> PathBuf {
        self.data_dir.join("locks")
    }

    /// A short stable name for this home, used to namespace keyring entries.
    ///
    /// NOTE: the hash is over the canonical path, so `./x` and `/abs/x` share entries while two
    /// different homes (a test's temp folder and the real one) never do.
    pub fn namespace(&self) -> String {
        let path = fs::canonicalize(&self.data_dir)
            .or_else(|_| std::path::absolute(&self.data_dir))
            .unwrap_or_else(|_| self.data_dir.clone());
        let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The admin policy file: `explicit`, else `OFFICE_CONNECTOR_POLICY`, else the system location
/// (`/etc/office-connector/policy.toml` on Linux).
pub fn policy_file(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os(POLICY_ENV).map(PathBuf::from))
        .unwrap_or_else(system_policy_file)
}

fn system_policy_file() -> PathBuf {
    if cfg!(windows) {
        let base = std::env::var_os("ProgramData").unwrap_or_else(|| "C:\\ProgramData".into());
        PathBuf::from(base)
            .join("office-connector")
            .join("policy.toml")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/office-connector/policy.toml")
    } else {
        PathBuf::from("/etc/office-connector/policy.toml")
    }
}

/// The nearest existing one of `dir` and the folders above it must be a folder.
fn check_folder(dir: &Path) -> Result<(), HomeError> {
    for path in dir.ancestors().filter(|p| !p.as_os_str().is_empty()) {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(HomeError::NotAFolder {
                    path: path.to_path_buf(),
                });
            }
            Err(_) => continue,
        }
    }
    Ok(())
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<(), HomeError> {
    let unusable = |source: io::Error| match source.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            HomeError::NotWritable {
                path: dir.to_path_buf(),
                source,
            }
        }
        _ => HomeError::Unusable {
            path: dir.to_path_buf(),
            source,
        },
    };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(unusable)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_home_holds_settings_database_and_locks() {
        let home = StateHome::at("/tmp/x");
        assert_eq!(home.settings_file(), PathBuf::from("/tmp/x/settings.toml"));
        assert_eq!(
            home.database_file(),
            PathBuf::from("/tmp/x/office-connector.db")
        );
        assert_eq!(home.lock_dir(), PathBuf::from("/tmp/x/locks"));
    }

    #[test]
    fn two_homes_have_different_namespaces_and_one_home_a_stable_one() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let (ha, hb) = (StateHome::at(a.path()), StateHome::at(b.path()));
        assert_ne!(ha.namespace(), hb.namespace());
        assert_eq!(
            ha.namespace(),
            StateHome::at(a.path().join(".")).namespace()
        );
        assert_eq!(ha.namespace().len(), 16);
    }

    #[cfg(unix)]
    #[test]
    fn the_home_folder_is_private_to_its_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let home = StateHome::at(dir.path().join("home"));
        home.ensure().expect("ensure");
        let mode = fs::metadata(home.data_dir())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
