//! Shared state of one fake Graph + identity platform instance.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use super::clock::FakeClock;
use super::identity::tokens::Identity;
use super::mailbox::Mailbox;
use super::protocol::throttle::{Fault, Limits, Throttle};

/// Directory, grants and mailboxes, behind one lock (never held across an await).
#[derive(Debug)]
pub struct World {
    /// The identity platform.
    pub identity: Identity,
    /// Mailboxes by lower-case UPN.
    pub mailboxes: BTreeMap<String, Mailbox>,
}

/// Everything a request handler of the fake can reach.
#[derive(Debug)]
pub struct GraphState {
    /// The fake's clock.
    pub clock: FakeClock,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    world: Mutex<World>,
    /// Throttling limits (changeable through the control API).
    pub limits: Mutex<Limits>,
    /// Concurrency and budget accounting.
    pub throttle: Throttle,
    /// Injected faults.
    pub faults: Mutex<Vec<Fault>>,
    /// Request counts by (endpoint, mailbox).
    pub requests: Mutex<BTreeMap<(String, String), u64>>,
    /// Response body bytes served by (endpoint, mailbox): what a client downloaded.
    pub served_bytes: Mutex<BTreeMap<(String, String), u64>>,
    /// Bumped to release requests held by a `hold` fault.
    pub release: tokio::sync::watch::Sender<u64>,
}

impl GraphState {
    /// State for a fake served at `base_url`.
    pub fn new(base_url: String, clock: FakeClock, world: World, limits: Limits) -> Self {
        Self {
            clock,
            base_url,
            world: Mutex::new(world),
            limits: Mutex::new(limits),
            throttle: Throttle::default(),
            faults: Mutex::new(Vec::new()),
            requests: Mutex::new(BTreeMap::new()),
            served_bytes: Mutex::new(BTreeMap::new()),
            release: tokio::sync::watch::Sender::new(0),
        }
    }

    /// Locks the world.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Releases every request held by a `hold` fault and removes those faults.
    pub fn release_held(&self) {
        self.faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|f| !matches!(f.kind, super::protocol::throttle::FaultKind::Hold));
        self.release.send_modify(|generation| *generation += 1);
    }

    /// Graph base URL, ending in `/v1.0`.
    pub fn graph_url(&self) -> String {
        format!("{}/v1.0", self.base_url)
    }

    /// Identity base URL; `/{tenant}/oauth2/v2.0/...` live under it.
    pub fn login_url(&self) -> String {
        format!("{}/login", self.base_url)
    }
}
