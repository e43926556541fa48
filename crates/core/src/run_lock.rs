//! The single-run lock per job, shared by the desktop app and the CLI: never two runs of one
//! job at a time, also not app vs CLI.
//!
//! A lock file per job in the state home (`locks/<job>.lock`) held with an OS advisory lock
//! (`flock` on Unix, `LockFileEx` on Windows, through `std::fs::File::try_lock`). The OS drops
//! the lock when the holder dies, so a crash never leaves a stale lock behind — the reason for
//! a lock file over a lock row in SQLite.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::PathBuf;

use crate::error::CoreError;
use crate::home::{HomeError, StateHome, create_private_dir};
use crate::model::Job;

/// A held run lock; released when dropped.
#[derive(Debug)]
pub struct RunLock {
    job: Job,
    path: PathBuf,
    _file: File,
}

impl RunLock {
    /// Takes the lock of `job` in `home`, or fails at once with [`CoreError::JobBusy`].
    pub fn try_acquire(home: &StateHome, job: Job) -> Result<RunLock, CoreError> {
        let dir = home.lock_dir();
        create_private_dir(&dir)?;
        let path = dir.join(format!("{}.lock", job.as_str()));
        let unusable = |source| {
            CoreError::Home(HomeError::Unusable {
                path: path.clone(),
                source,
            })
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path).map_err(unusable)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(CoreError::JobBusy(job)),
            Err(TryLockError::Error(e)) => return Err(unusable(e)),
        }
        // NOTE: the holder's pid is only a hint for a person looking at the folder.
        let _ = file.set_len(0);
        let _ = writeln!(file, "{}", std::process::id());
        Ok(RunLock {
            job,
            path,
            _file: file,
        })
    }

    /// Whether some run (in any process) holds the lock of `job` right now.
    pub fn is_held(home: &StateHome, job: Job) -> bool {
        let path = home.lock_dir().join(format!("{}.lock", job.as_str()));
        let Ok(file) = File::open(&path) else {
            return false;
        };
        matches!(file.try_lock(), Err(TryLockError::WouldBlock))
    }

    /// The job this lock belongs to.
    pub fn job(&self) -> Job {
        self.job
    }

    /// The lock file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_of_the_same_job_is_refused_and_another_job_may_run() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = StateHome::at(dir.path());
        let mail = RunLock::try_acquire(&home, Job::Mail).expect("first mail run");
        assert!(matches!(
            RunLock::try_acquire(&home, Job::Mail),
            Err(CoreError::JobBusy(Job::Mail))
        ));
        assert!(RunLock::is_held(&home, Job::Mail));
        let calendar = RunLock::try_acquire(&home, Job::Calendar).expect("calendar may run");
        drop(mail);
        assert!(!RunLock::is_held(&home, Job::Mail));
        RunLock::try_acquire(&home, Job::Mail).expect("free again after the first run ended");
        drop(calendar);
    }
}
