//! Waiting between retries and polls, injectable so tests observe the waits instead of sleeping.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Waits; injected so tests observe the waits instead of sleeping.
pub trait Sleeper: Send + Sync {
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// Real waiting with tokio.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Records every wait and returns at once (tests and dry runs).
#[derive(Debug, Default, Clone)]
pub struct RecordingSleeper {
    waits: Arc<Mutex<Vec<Duration>>>,
}

impl RecordingSleeper {
    /// A sleeper with no waits recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// The waits asked for, in order.
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        self.waits
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(duration);
        // NOTE: yield so concurrent requests interleave as they would while really waiting.
        Box::pin(tokio::task::yield_now())
    }
}
