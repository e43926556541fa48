//! The fake's clock: real time plus an offset that tests move forward through the control API
//! (`POST /_fake/clock/advance`) or [`FakeClock::advance`], so token expiry, code lifetimes and
//! throttling windows are tested without real sleeps; or set to a fixed instant
//! ([`FakeClock::starting_at`], `POST /_fake/clock/set`), so calendars are tested on fixed dates
//! whatever the machine's date.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// A clock shared by every part of the fake; cloning shares the offset.
#[derive(Clone, Debug, Default)]
pub struct FakeClock {
    offset: Arc<Mutex<Duration>>,
}

impl FakeClock {
    /// The fake's current time.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A clock that reads `now` at once and runs on from there.
    pub fn starting_at(now: DateTime<Utc>) -> Self {
        let clock = Self::default();
        clock.set(now);
        clock
    }

    /// Sets the fake's time to `now` (it runs on from there).
    pub fn set(&self, now: DateTime<Utc>) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        *offset = now - Utc::now();
    }

    /// Moves the fake's time forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        *offset += by;
    }
}
