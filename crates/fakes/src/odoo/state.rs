//! The whole fake Odoo server's state: version, databases, faults, request counts, clock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::access::Role;
use super::errors::RpcError;
use super::fields::Modules;
use super::seeds::{self, Seed, SeedUser};
use super::store::{Clock, Database};
use super::version::OdooVersion;

/// Injected failures (set through `/_fake/faults`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Delay before every API answer, in milliseconds.
    pub latency_ms: u64,
    /// Answer API requests with an HTTP 5xx.
    pub http_error: Option<HttpErrorFault>,
    /// Close the connection of the next N API requests without answering.
    pub drop_connections: u32,
    /// The server is down: every API request's connection is closed (control API still works).
    pub down: bool,
    /// Holds every `message_post` until this many have arrived (0: off), then lets them all go
    /// on: with one post per caller, every caller has run its pre-filing duplicate check before
    /// any post lands, so two colleagues filing the same mail race on every run. A held post
    /// goes on after 10 s regardless.
    pub hold_posts: u32,
    /// How many `message_post` calls arrived since `hold_posts` was set.
    #[serde(skip_deserializing)]
    pub posts_arrived: u32,
    /// Every `message_post` whose request contains this text is refused with a
    /// `ValidationError`, as a server module's constraint would refuse that content for good.
    pub refuse_posts_containing: Option<String>,
    /// A proxy in front of Odoo that answers 413 above this many request bytes (Odoo.sh and
    /// many nginx set-ups take far less than Odoo's 128 MiB).
    pub max_request_bytes: Option<usize>,
}

/// An HTTP 5xx fault, optionally limited to one model/method and to a number of requests.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpErrorFault {
    /// The status to answer with (default 503).
    pub status: Option<u16>,
    /// Only requests for this model.
    pub model: Option<String>,
    /// Only requests for this method.
    pub method: Option<String>,
    /// Let this many matching requests pass first (to fail "the Nth write").
    pub skip: u32,
    /// Fail this many matching requests, then stop (absent: until cleared).
    pub count: Option<u32>,
}

/// The state behind one fake Odoo server.
#[derive(Debug)]
pub struct OdooState {
    /// The version the server pretends to be.
    pub version: OdooVersion,
    /// The seed it was last reset to.
    pub seed: Seed,
    /// The optional modules of the seed's databases (`empty` and `demo`; the `transcripts`
    /// world keeps its recorded modules).
    pub modules: Modules,
    /// Databases by name.
    pub dbs: BTreeMap<String, Database>,
    /// Injected failures.
    pub faults: Faults,
    /// Requests per `model.method` (and `common.x`, `db.x`).
    pub counts: BTreeMap<String, u64>,
    /// The server clock.
    pub clock: Clock,
    /// The people the seed created, with their secrets (for the announcement).
    pub users: Vec<SeedUser>,
    /// The URL the server is reachable at (`web.base.url` of every database).
    pub base_url: Option<String>,
}

impl OdooState {
    /// A server of that version reset to a seed, on the real clock.
    pub fn new(version: OdooVersion, seed: Seed) -> Self {
        Self::with_clock(version, seed, Clock::default())
    }

    /// A server of that version reset to a seed, on `clock` from the start, so the seed's
    /// dates and everything that compares with "now" (invitations only for future events)
    /// answer the same on any day.
    pub fn with_clock(version: OdooVersion, seed: Seed, clock: Clock) -> Self {
        let mut state = Self {
            version,
            seed,
            modules: Modules::default(),
            dbs: BTreeMap::new(),
            faults: Faults::default(),
            counts: BTreeMap::new(),
            clock,
            users: Vec::new(),
            base_url: None,
        };
        state.reset(seed);
        state
    }

    /// Replaces all databases with a fresh seed (faults, counts, clock and modules stay).
    pub fn reset(&mut self, seed: Seed) {
        self.reset_with(seed, self.modules);
    }

    /// Replaces all databases with a fresh seed whose databases have these modules.
    pub fn reset_with(&mut self, seed: Seed, modules: Modules) {
        let world = seeds::build(seed, self.version, modules, self.clock.now());
        self.seed = seed;
        self.modules = modules;
        self.dbs = world.dbs;
        self.users = world.users;
        if let Some(url) = self.base_url.clone() {
            self.apply_base_url(&url);
        }
    }

    /// Sets `web.base.url` in every database.
    pub fn apply_base_url(&mut self, url: &str) {
        self.base_url = Some(url.to_string());
        for db in self.dbs.values_mut() {
            for id in db.ids("ir.config_parameter") {
                if db.text("ir.config_parameter", id, "key").as_deref() == Some("web.base.url")
                    && let Some(row) = db.table("ir.config_parameter").rows.get_mut(&id)
                {
                    row.insert("value".into(), Value::from(url));
                }
            }
        }
    }

    /// Forgets every recorded e-mail.
    pub fn outbox_clear(&mut self) {
        for db in self.dbs.values_mut() {
            db.outbox.clear();
        }
    }

    /// Counts one request.
    pub fn count(&mut self, key: &str) {
        *self.counts.entry(key.to_string()).or_default() += 1;
    }

    /// `common.login`: uid for a login and password or API key, `None` when wrong.
    pub fn login(&self, db: &str, login: &str, secret: &str) -> Option<i64> {
        let database = self.dbs.get(db)?;
        let uid = database.ids("res.users").into_iter().find(|u| {
            database.text("res.users", *u, "login").as_deref() == Some(login)
                && database.raw("res.users", *u, "active") != Value::Bool(false)
        })?;
        let creds = database.credentials.get(&uid)?;
        (!secret.is_empty()
            && (creds.password == secret || creds.api_keys.iter().any(|k| k == secret)))
        .then_some(uid)
    }

    /// Checks `execute_kw`'s uid/password pair; AccessDenied when wrong (FACTS 5).
    pub fn check_credentials(&self, db: &str, uid: i64, secret: &str) -> Result<Role, RpcError> {
        let database = self.dbs.get(db).ok_or_else(|| RpcError::no_database(db))?;
        let active = database.raw("res.users", uid, "active") != Value::Bool(false)
            && database.get("res.users", uid).is_some();
        let ok = active
            && database.credentials.get(&uid).is_some_and(|c| {
                !secret.is_empty()
                    && (c.password == secret || c.api_keys.iter().any(|k| k == secret))
            });
        if ok {
            Ok(database.roles.get(&uid).copied().unwrap_or(Role::Internal))
        } else {
            Err(RpcError::access_denied())
        }
    }

    /// The user owning an API key (JSON-2 bearer auth accepts keys only).
    pub fn uid_for_api_key(&self, db: &str, key: &str) -> Option<i64> {
        let database = self.dbs.get(db)?;
        database
            .credentials
            .iter()
            .find(|(_, c)| c.api_keys.iter().any(|k| k == key))
            .map(|(uid, _)| *uid)
    }
}
