//! The local SQLite store: accounts (no secrets), job cursors, item links, the journal of
//! remote writes, and the run history.
//!
//! One file in the state home's data folder, opened in WAL mode with a busy timeout so the
//! desktop app and the CLI can use it at once. The file and its `-wal`/`-shm` companions are
//! readable by the owner only (0600): they hold addresses and subjects. The schema is migrated
//! on open (`PRAGMA user_version`, see [`migrations`]); a database from a newer build is refused
//! rather than damaged.
//!
//! A file that cannot be used is said to be what it is ([`StoreError::Damaged`],
//! [`StoreError::TooNew`], [`StoreError::NotWritable`]), never "try again": retrying cannot
//! help, and the message names the journal's unfinished writes before the person moves the file
//! aside. A home this user may only read is opened as a snapshot ([`Store::open_read_only`]).

mod accounts;
mod calendar;
mod contacts;
mod cursors;
mod journal;
mod links;
pub mod migrations;
mod runs;
pub mod texts;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::clock::Clock;
use crate::error_code::{ErrorCode, UserFacing};
use crate::i18n::Msg;

pub use accounts::{Account, NewAccount};
pub use calendar::EventLink;
pub use cursors::Cursor;
pub use journal::{JournalEntry, JournalIntent, JournalNote, JournalState};
pub use links::{Link, LinkState, NewLink};
pub use runs::{RecordedEvent, RunDetail, RunEvent, RunFilter, RunSummary};
pub use texts::{PendingWrite, PendingWrites, StoreMsg};

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
    #[error("database {} is newer than this build (version {found})", file.display())]
    TooNew {
        /// The database file.
        file: PathBuf,
        /// Its schema version.
        found: i64,
        /// What its journal still tells.
        pending: PendingWrites,
    },
    /// The file is no SQLite database any more, or SQLite found it corrupt.
    #[error("database {} is damaged", file.display())]
    Damaged {
        /// The database file.
        file: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
        /// What its journal still tells.
        pending: PendingWrites,
    },
    /// This user may not write the database or its folder.
    #[error("{} is not writable: {detail}", path.display())]
    NotWritable {
        /// The folder or file.
        path: PathBuf,
        /// The OS or SQLite description.
        detail: String,
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
            StoreError::TooNew { .. }
            | StoreError::Damaged { .. }
            | StoreError::NotWritable { .. } => ErrorCode::LocalStateUnusable,
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
            StoreError::TooNew {
                file,
                found,
                pending,
            } => Msg::Store(StoreMsg::FromNewerVersion {
                file: file.clone(),
                found: *found,
                known: migrations::latest_version(),
                pending: pending.clone(),
            }),
            StoreError::Damaged {
                file,
                source,
                pending,
            } => Msg::Store(StoreMsg::Damaged {
                file: file.clone(),
                detail: source.to_string(),
                pending: pending.clone(),
            }),
            StoreError::NotWritable { path, detail } => Msg::Store(StoreMsg::NotWritable {
                path: path.clone(),
                detail: detail.clone(),
            }),
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
        let conn = Connection::open(file).map_err(|e| classify(file, e))?;
        let store = Store::init(conn, file.to_path_buf(), clock, true)?;
        secure_companions(file)?;
        Ok(store)
    }

    /// A snapshot of the database at `file` for a home this user may only read: the file is
    /// opened read-only (no `-wal`/`-shm` created, no migration written) and copied into
    /// memory, where it is migrated; writes to the snapshot are refused.
    pub fn open_read_only(file: &Path, clock: Arc<dyn Clock>) -> Result<Store, StoreError> {
        let source = open_read_only_connection(file).map_err(|e| classify(file, e))?;
        check_not_too_new(&source, file)?;
        let mut conn = Connection::open_in_memory().map_err(|e| classify(file, e))?;
        rusqlite::backup::Backup::new(&source, &mut conn)
            .and_then(|b| b.run_to_completion(1024, Duration::ZERO, None))
            .map_err(|e| classify(file, e))?;
        drop(source);
        let store = Store::init(conn, file.to_path_buf(), clock, false)?;
        store
            .conn()
            .pragma_update(None, "query_only", "ON")
            .map_err(|e| store.sql(e))?;
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
        let sql = |source| classify(&file, source);
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
        classify(&self.file, source)
    }
}

/// Refuses a database whose schema is newer than this build knows.
fn check_not_too_new(conn: &Connection, file: &Path) -> Result<(), StoreError> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(file, e))?;
    if usize::try_from(found).unwrap_or(usize::MAX) > migrations::latest_version() {
        return Err(StoreError::TooNew {
            file: file.to_path_buf(),
            found,
            pending: pending_writes(file),
        });
    }
    Ok(())
}

fn migrate(conn: &mut Connection, file: &Path) -> Result<(), StoreError> {
    check_not_too_new(conn, file)?;
    let result = migrations::migrations().to_latest(conn);
    // NOTE: the app and the CLI may open a fresh database at the same moment; the loser of
    // that race gets "busy" although the winner has just migrated the schema for both.
    let now: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap_or(0);
    match result {
        Ok(()) => Ok(()),
        Err(_) if usize::try_from(now).ok() == Some(migrations::latest_version()) => Ok(()),
        Err(rusqlite_migration::Error::RusqliteError { err, .. }) if !is_plain(&err) => {
            Err(classify(file, err))
        }
        Err(source) => Err(StoreError::Migration {
            file: file.to_path_buf(),
            source,
        }),
    }
}

/// Whether `e` says nothing about the file itself (busy, a constraint, …).
fn is_plain(e: &rusqlite::Error) -> bool {
    !matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::NotADatabase
                | rusqlite::ErrorCode::DatabaseCorrupt
                | rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
        )
    )
}

/// What an SQLite failure on `file` means for the person: a damaged file, one they may not
/// write, or (anything else) a failure worth another try.
fn classify(file: &Path, source: rusqlite::Error) -> StoreError {
    let folder = file.parent().filter(|d| !d.as_os_str().is_empty());
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::Damaged {
                file: file.to_path_buf(),
                pending: pending_writes(file),
                source,
            }
        }
        Some(rusqlite::ErrorCode::ReadOnly) => StoreError::NotWritable {
            // NOTE: a writable file in a folder it may not write: SQLite lacks its -wal there
            path: match folder {
                Some(d) if !may_write_in(d) => d.to_path_buf(),
                _ => file.to_path_buf(),
            },
            detail: source.to_string(),
        },
        // NOTE: SQLite cannot open its -wal/-shm beside the file in a folder it may not write.
        Some(rusqlite::ErrorCode::CannotOpen) if folder.is_some_and(|d| !may_write_in(d)) => {
            StoreError::NotWritable {
                path: folder.unwrap_or(file).to_path_buf(),
                detail: source.to_string(),
            }
        }
        _ => StoreError::Sqlite {
            file: file.to_path_buf(),
            source,
        },
    }
}

/// Whether this user may create a file in `dir` (tried, since permissions, ACLs, read-only
/// mounts and root all answer differently).
fn may_write_in(dir: &Path) -> bool {
    let probe = dir.join(format!(".office-connector-probe-{}", std::process::id()));
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if created {
        let _ = std::fs::remove_file(&probe);
    }
    created
}

/// `file` opened read-only. A WAL database in a folder this user may not write cannot get
/// its `-shm` file; then it is opened as immutable (nobody can be writing it there either).
fn open_read_only_connection(file: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(file, flags)?;
    let probe = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match probe {
        Ok(_) => Ok(conn),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
            ) =>
        {
            let Some(uri) = std::path::absolute(file)
                .ok()
                .and_then(|f| url::Url::from_file_path(f).ok())
            else {
                return Err(e);
            };
            drop(conn);
            Connection::open_with_flags(
                format!("{uri}?immutable=1"),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        Err(e) => Err(e),
    }
}

/// The journal's unfinished writes (`intent`, `written`) in the database at `file`, read
/// without changing anything; [`PendingWrites::Unreadable`] when it cannot tell.
pub fn pending_writes(file: &Path) -> PendingWrites {
    let read = || -> rusqlite::Result<Vec<PendingWrite>> {
        let conn = open_read_only_connection(file)?;
        let mut stmt = conn.prepare(
            "SELECT job, item_key, operation, target FROM journal \
             WHERE state IN ('intent', 'written') ORDER BY id",
        )?;
        stmt.query_map([], |r| {
            Ok(PendingWrite {
                job: r.get(0)?,
                item_key: r.get(1)?,
                operation: r.get(2)?,
                target: r.get(3)?,
            })
        })?
        .collect()
    };
    if file.as_os_str() == ":memory:" || !file.is_file() {
        return PendingWrites::Unreadable;
    }
    read().map_or(PendingWrites::Unreadable, PendingWrites::Listed)
}

/// Creates the database file with mode 0600 before SQLite opens it; SQLite then gives its
/// `-wal` and `-shm` files the same mode.
fn create_private_file(file: &Path) -> Result<(), StoreError> {
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::NotWritable {
                path: if file.exists() {
                    file.to_path_buf()
                } else {
                    file.parent().unwrap_or(file).to_path_buf()
                },
                detail: source.to_string(),
            }
        }
        _ => StoreError::Io {
            file: file.to_path_buf(),
            source,
        },
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
