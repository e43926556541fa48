//! Starting a fake Graph: one loopback listener serving Graph v1.0 under `/v1.0`, the identity
//! platform under `/login`, and the control API under `/_fake`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Router, ServiceExt};
use tokio::net::TcpListener;
use tower::Layer;

use super::api;
use super::clock::FakeClock;
use super::control;
use super::identity::endpoints;
use super::protocol::errors::{self, GraphError};
use super::protocol::throttle::{self, Fault, Limits};
use super::seed;
use super::state::GraphState;

/// What the fake starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GraphSeed {
    /// The demo tenant, apps and the demo people's mailboxes.
    #[default]
    Demo,
    /// The demo tenant and apps, no people (tests add their own via the control API).
    Empty,
}

/// Settings of a fake Graph instance.
#[derive(Debug, Clone)]
pub struct GraphConfig {
    /// Lifetime of access tokens (Microsoft: ~60–90 min; `expires_in` says 3599).
    pub access_token_lifetime: std::time::Duration,
    /// Throttling limits.
    pub limits: Limits,
    /// Initial content.
    pub seed: GraphSeed,
    /// Clock (share one to control time from a test).
    pub clock: FakeClock,
}

impl Default for GraphConfig {
    fn default() -> Self {
        Self {
            access_token_lifetime: std::time::Duration::from_secs(3599),
            limits: Limits::default(),
            seed: GraphSeed::Demo,
            clock: FakeClock::default(),
        }
    }
}

/// A demo person as a client needs them to sign in.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoAccount {
    /// User principal name (`login_hint`).
    pub upn: String,
    /// Display name.
    pub display_name: String,
    /// Tenant id (the `{tenant}` path segment).
    pub tenant: String,
    /// Client id of the desktop app registration.
    pub client_id: String,
}

/// A running fake Graph + identity platform; stops when dropped.
#[derive(Debug)]
pub struct FakeGraph {
    state: Arc<GraphState>,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

async fn count_identity(
    State(state): State<Arc<GraphState>>,
    request: Request,
    next: Next,
) -> Response {
    let endpoint = throttle::endpoint_name(&request);
    {
        let mut requests = state.requests.lock().unwrap_or_else(|e| e.into_inner());
        *requests.entry((endpoint, String::new())).or_insert(0) += 1;
    }
    next.run(request).await
}

async fn unknown_segment(request: Request) -> Response {
    let segment = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    GraphError::bad_request(format!("Resource not found for the segment '{segment}'."))
        .into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    GraphError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "ErrorInvalidRequest",
        format!(
            "The OData request is not supported: {} is not allowed on this resource.",
            request.method()
        ),
    )
    .into_response()
}

/// The whole fake as one router, for embedding in another server.
pub fn router(state: Arc<GraphState>) -> Router {
    let graph = api::routes()
        .fallback(unknown_segment)
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            throttle::gate,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            errors::finish,
        ));
    let login = endpoints::routes().route_layer(middleware::from_fn_with_state(
        state.clone(),
        count_identity,
    ));
    Router::new()
        .nest("/v1.0", graph)
        .nest("/login", login)
        // NOTE: tests put mails of tens of megabytes through the control API
        .nest(
            "/_fake",
            control::routes().layer(axum::extract::DefaultBodyLimit::max(256 * 1024 * 1024)),
        )
        .with_state(state)
}

impl FakeGraph {
    /// Starts the fake on an ephemeral port of 127.0.0.1.
    pub async fn start(config: GraphConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        Self::serve(listener, config).await
    }

    /// Starts the fake on an already bound listener.
    pub async fn serve(listener: TcpListener, config: GraphConfig) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let lifetime = chrono::Duration::from_std(config.access_token_lifetime)
            .unwrap_or(chrono::Duration::seconds(3599));
        let world = match config.seed {
            GraphSeed::Demo => seed::demo_world(lifetime, config.clock.now()),
            GraphSeed::Empty => seed::empty_world(lifetime),
        };
        let state = Arc::new(GraphState::new(
            format!("http://{addr}"),
            config.clock,
            world,
            config.limits,
        ));
        let app =
            tower::util::MapRequestLayer::new(api::normalize_path).layer(router(state.clone()));
        let task = tokio::spawn(async move {
            if let Err(e) =
                axum::serve(listener, ServiceExt::<Request>::into_make_service(app)).await
            {
                tracing::error!(error = %e, "fake graph stopped");
            }
        });
        Ok(Self { state, addr, task })
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>` (the control API lives under `/_fake`).
    pub fn base_url(&self) -> String {
        self.state.base_url.clone()
    }

    /// Graph base URL, ending in `/v1.0`.
    pub fn graph_url(&self) -> String {
        self.state.graph_url()
    }

    /// Identity base URL; `/{tenant}/oauth2/v2.0/{authorize,token,devicecode}` live under it.
    pub fn login_url(&self) -> String {
        self.state.login_url()
    }

    /// The fake's clock.
    pub fn clock(&self) -> FakeClock {
        self.state.clock.clone()
    }

    /// Shared state (for in-process inspection).
    pub fn state(&self) -> Arc<GraphState> {
        self.state.clone()
    }

    /// Adds a fault (same as `POST /_fake/graph/faults`).
    pub fn add_fault(&self, fault: Fault) {
        self.state
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fault);
    }

    /// The people who have a mailbox, with what a client needs to sign them in.
    pub fn accounts(&self) -> Vec<DemoAccount> {
        let world = self.state.world();
        world
            .mailboxes
            .values()
            .map(|mb| DemoAccount {
                upn: mb.user.upn.clone(),
                display_name: mb.user.display_name.clone(),
                tenant: mb.user.tenant_id.clone(),
                client_id: seed::DEMO_CLIENT_ID.to_string(),
            })
            .collect()
    }
}

impl Drop for FakeGraph {
    fn drop(&mut self) {
        self.task.abort();
    }
}
