//! The local SQLite store: accounts (no secrets), job cursors, item links, the journal of
//! remote writes, and the run history.
//!
//! One file in the state home's data folder, opened in WAL mode with a busy timeout so the
//! desktop app and the CLI can use it at once. The file and its `-wal`/`-shm` companions are
//! readable by the owner only (0600): they hold addresses and subjects. The schema is migrated
//! on open (`PRAGMA user_version`, see [`migrations`]); a database from a newer build is refused
//! rather than damaged.

mod accounts;
mod cursors;
mod journal;
mod links;
pub mod migrations;
mod runs;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::clock::Clock;
use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::Msg;

pub use accounts::{Account, NewAccount};
pub use cursors::Cursor;
pub use journal::{JournalEntry, JournalIntent, JournalNote, JournalState};
pub use links::{Link, LinkState, NewLink};
pub use runs::{RecordedEvent, RunDetail, RunEvent, RunFilter, RunSummary};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database {}", file.display())]
    Sqlite {
        /// The database file (`:memory:` for tests).
        file: PathBuf,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// The schema could not be migrated.
    #[error("migrating database {}", file.display())]
    Migration {
        /// The database file.
        file: PathBuf,
        /// The migration error.
        #[source]
        source: rusqlite_migration::Error,
    },
    /// The database was written by a newer build.
    #[error("database {} is newer than this build", file.display())]
    TooNew {
        /// The database file.
        file: PathBuf,
    },
    /// The database file cannot be created or secured.
    #[error("database file {}", file.display())]
    Io {
        /// The database file.
        file: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A row holds a value this build does not understand.
    #[error("unexpected value {value:?} in column {column}")]
    Corrupt {
        /// The column.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// A journal entry cannot move from its state to the one asked for.
    #[error("journal entry {id} cannot go from {from:?} to {to:?}")]
    InvalidTransition {
        /// The entry.
        id: i64,
        /// Its current state.
        from: JournalState,
        /// The state asked for.
        to: JournalState,
    },
}

impl StoreError {
    /// Whether SQLite answered "busy" (another connection holds a lock a moment longer).
    pub fn is_busy(&self) -> bool {
        let sqlite = match self {
            StoreError::Sqlite { source, .. } => Some(source),
            StoreError::Migration {
                source: rusqlite_migration::Error::RusqliteError { err, .. },
                ..
            } => Some(err),
            _ => None,
        };
        sqlite.and_then(|e| e.sqlite_error_code()) == Some(rusqlite::ErrorCode::DatabaseBusy)
    }
}

impl UserFacing for StoreError {
    fn code(&self) -> ErrorCode {
        match self {
            StoreError::Sqlite { .. } | StoreError::Io { .. } | StoreError::Migration { .. } => {
                ErrorCode::Storage
            }
            StoreError::TooNew { .. } => ErrorCode::Storage,
            StoreError::Corrupt { .. } | StoreError::InvalidTransition { .. } => {
                ErrorCode::Internal
            }
        }
    }

    fn msg(&self) -> Msg {
        match self {
            StoreError::Sqlite { file, source } => Msg::DatabaseFailed {
                file: file.clone(),
                detail: source.to_string(),
            },
            StoreError::Migration { file, source } => Msg::DatabaseFailed {
                file: file.clone(),
                detail: source.to_string(),
            },
            StoreError::Io { file, source } => Msg::DatabaseFailed {
                file: file.clone(),
                detail: source.to_string(),
            },
            StoreError::TooNew { file } => Msg::DatabaseTooNew { file: file.clone() },
            StoreError::Corrupt { .. } | StoreError::InvalidTransition { .. } => Msg::Internal,
        }
    }
}

/// The open store.
pub struct Store {
    // NOTE: one connection behind a lock makes the store (and the session) Send + Sync, so the
    // window, the scheduler and the CLI share one; no lock is held across an await.
    conn: Mutex<Connection>,
    file: PathBuf,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("file", &self.file)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating and migrating as needed) the database at `file`.
    pub fn open(file: &Path, clock: Arc<dyn Clock>) -> Result<Store, StoreError> {
        // NOTE: switching a fresh file to WAL and migrating it need the whole database for a
        // moment, and SQLite answers "busy" at once instead of waiting when the app and the CLI
        // open a fresh home together; so opening is retried for a bounded time.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            match Store::open_once(file, clock.clone()) {
                Err(e) if e.is_busy() && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                other => return other,
            }
        }
    }

    fn open_once(file: &Path, clock: Arc<dyn Clock>) -> Result<Store, StoreError> {
        create_private_file(file)?;
        let conn = Connection::open(file).map_err(|source| StoreError::Sqlite {
            file: file.to_path_buf(),
            source,
        })?;
        let store = Store::init(conn, file.to_path_buf(), clock, true)?;
        secure_companions(file)?;
        Ok(store)
    }

    /// An in-memory store, for tests.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Sqlite {
            file: PathBuf::from(":memory:"),
            source,
        })?;
        Store::init(conn, PathBuf::from(":memory:"), clock, false)
    }

    fn init(
        mut conn: Connection,
        file: PathBuf,
        clock: Arc<dyn Clock>,
        wal: bool,
    ) -> Result<Store, StoreError> {
        let sql = |source| StoreError::Sqlite {
            file: file.clone(),
            source,
        };
        conn.busy_timeout(Duration::from_secs(10)).map_err(sql)?;
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(sql)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(sql)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sql)?;
        migrate(&mut conn, &file)?;
        Ok(Store {
            conn: Mutex::new(conn),
            file,
            clock,
        })
    }

    /// The connection, for one statement or transaction at a time.
    pub(crate) fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The database file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        self.conn()
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .map(|v| usize::try_from(v).unwrap_or(0))
            .map_err(|e| self.sql(e))
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(crate) fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            file: self.file.clone(),
            source,
        }
    }
}

fn migrate(conn: &mut Connection, file: &Path) -> Result<(), StoreError> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|source| StoreError::Sqlite {
            file: file.to_path_buf(),
            source,
        })?;
    if usize::try_from(found).unwrap_or(usize::MAX) > migrations::latest_version() {
        return Err(StoreError::TooNew {
            file: file.to_path_buf(),
        });
    }
    let result = migrations::migrations().to_latest(conn);
    // NOTE: the app and the CLI may open a fresh database at the same moment; the loser of
    // that race gets "busy" although the winner has just migrated the schema for both.
    let now: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap_or(0);
    match result {
        Ok(()) => Ok(()),
        Err(_) if usize::try_from(now).ok() == Some(migrations::latest_version()) => Ok(()),
        Err(source) => Err(StoreError::Migration {
            file: file.to_path_buf(),
            source,
        }),
    }
}

/// Creates the database file with mode 0600 before SQLite opens it; SQLite then gives its
/// `-wal` and `-shm` files the same mode.
fn create_private_file(file: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        file: file.to_path_buf(),
        source,
    };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(file).map_err(io)?;
    set_private(file).map_err(io)
}

/// Belt and braces: an older file or a companion created under a loose umask is tightened.
fn secure_companions(file: &Path) -> Result<(), StoreError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        if path.exists() {
            set_private(&path).map_err(|source| StoreError::Io {
                file: path.clone(),
                source,
            })?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_path: &Path) -> std::io::Result<()> {
    // NOTE: on Windows the per-user AppData ACLs already keep other users out.
    Ok(())
}

pub(crate) fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(column: &'static str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt {
            column,
            value: text.to_owned(),
        })
}

pub(crate) fn parse_name<T: std::str::FromStr>(
    column: &'static str,
    text: &str,
) -> Result<T, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt {
        column,
        value: text.to_owned(),
    })
}

#[cfg(test)]
mod tests;
