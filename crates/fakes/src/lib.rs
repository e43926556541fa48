//! Fake Microsoft Graph and fake Odoo, served over HTTP on 127.0.0.1.
//!
//! They stand in for services no machine here can reach, so they follow the recorded reference in
//! `shared/reference/` and never share types with the client in `office-connector-core`: a fake
//! that shared the client's types could not catch the client's mistakes.
//!
//! [`start`] launches them together (used by `office-connector fakes`, `demo` and tests) and
//! [`RunningFakes::announcement`] describes how to reach them as one JSON object.

pub mod graph;
pub mod odoo;

use serde_json::{Value, json};

use odoo::{OdooServer, OdooState, OdooVersion, Seed};

/// How to start the fakes.
#[derive(Debug, Clone)]
pub struct FakesConfig {
    /// The world the fake Odoo starts with.
    pub seed: Seed,
    /// The Odoo version the fake Odoo pretends to be.
    pub odoo_version: OdooVersion,
    /// Delay before every API answer, in milliseconds.
    pub latency_ms: u64,
    /// Port of the fake Odoo on 127.0.0.1 (0 = a free one).
    pub odoo_port: u16,
}

impl Default for FakesConfig {
    fn default() -> Self {
        Self {
            seed: Seed::Demo,
            odoo_version: OdooVersion::V17,
            latency_ms: 0,
            odoo_port: 0,
        }
    }
}

/// The running fakes; dropping it stops them.
#[derive(Debug)]
pub struct RunningFakes {
    /// The fake Odoo.
    pub odoo: OdooServer,
    /// The fake Microsoft Graph and identity platform.
    pub graph: graph::FakeGraph,
}

/// Why the fakes could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A port could not be bound.
    #[error("could not listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for.
        port: u16,
        /// The socket error.
        #[source]
        source: std::io::Error,
    },
}

/// Starts the fakes on loopback.
pub async fn start(config: FakesConfig) -> Result<RunningFakes, StartError> {
    let mut state = OdooState::new(config.odoo_version, config.seed);
    state.faults.latency_ms = config.latency_ms;
    let odoo = OdooServer::start(state, config.odoo_port)
        .await
        .map_err(|source| StartError::Bind {
            port: config.odoo_port,
            source,
        })?;
    // NOTE: the Graph demo people are the Odoo demo people; other Odoo seeds get an empty tenant.
    let graph_seed = if config.seed == Seed::Demo {
        graph::GraphSeed::Demo
    } else {
        graph::GraphSeed::Empty
    };
    let graph = graph::FakeGraph::start(graph::GraphConfig {
        seed: graph_seed,
        ..graph::GraphConfig::default()
    })
    .await
    .map_err(|source| StartError::Bind { port: 0, source })?;
    if config.latency_ms > 0 {
        graph.add_fault(graph::protocol::throttle::Fault {
            kind: graph::protocol::throttle::FaultKind::Latency {
                ms: config.latency_ms,
            },
            mailbox: None,
            path_contains: None,
            count: None,
        });
    }
    Ok(RunningFakes { odoo, graph })
}

impl RunningFakes {
    /// One JSON object: `odoo` (base URL), `graph` (Graph base URL ending in `/v1.0`), `login`
    /// (identity base URL with `/{tenant}/oauth2/v2.0/...` under it) and `users` (one entry per
    /// demo person with `odoo_db`, `odoo_login`, `odoo_api_key`, `odoo_password`, and — for people
    /// with a mailbox — `upn`, `client_id`, `tenant`).
    pub fn announcement(&self) -> Value {
        let state = self.odoo.state();
        let guard = odoo::server::lock(&state);
        let mut users: Vec<Value> = guard
            .users
            .iter()
            .filter(|u| u.demo_person)
            .map(|u| {
                json!({
                    "name": u.name,
                    "odoo_db": u.odoo_db,
                    "odoo_login": u.odoo_login,
                    "odoo_api_key": u.odoo_api_key,
                    "odoo_password": u.odoo_password,
                    "odoo_uid": u.odoo_uid,
                })
            })
            .collect();
        // Each demo person's Microsoft sign-in, matched by address: the same people on both sides.
        let accounts = self.graph.accounts();
        for user in &mut users {
            let login = user["odoo_login"].as_str().unwrap_or_default().to_string();
            if let Some(account) = accounts.iter().find(|a| a.upn.eq_ignore_ascii_case(&login)) {
                user["upn"] = json!(account.upn);
                user["client_id"] = json!(account.client_id);
                user["tenant"] = json!(account.tenant);
            }
        }
        json!({
            "odoo": self.odoo.url(),
            "graph": self.graph.graph_url(),
            "login": self.graph.login_url(),
            "odoo_version": guard.version.major(),
            "seed": guard.seed,
            "users": users,
        })
    }
}
