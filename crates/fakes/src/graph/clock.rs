//! The fake's clock: real time plus an offset that tests move forward through the control API
//! (`POST /_fake/clock/advance`) or [`FakeClock::advance`], so token expiry, code lifetimes and
//! throttling windows are tested without real sleeps.

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

    /// Moves the fake's time forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|e| e.into_inner());
        *offset += by;
    }
}
