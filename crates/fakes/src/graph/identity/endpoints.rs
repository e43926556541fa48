//! HTTP endpoints of the identity platform, as a client reaches them:
//! - `GET  /login/{tenant}/oauth2/v2.0/authorize` — with `login_hint=<upn>` the person is signed in
//!   at once and the browser is sent (302) to `redirect_uri?code=…&state=…`; without it the
//!   account picker a browser would show is returned. Redirect-URI mismatches (AADSTS50011) and
//!   unknown apps/users are an error page, never a redirect.
//! - `POST /login/{tenant}/oauth2/v2.0/token` — form-encoded; grants `authorization_code`,
//!   `refresh_token`, `urn:ietf:params:oauth:grant-type:device_code`.
//! - `POST /login/{tenant}/oauth2/v2.0/devicecode` — starts a device flow; the person "signs in"
//!   through `POST /_fake/identity/devicecode/approve`.
//! - `GET  /login/devicelogin` — the verification page the device flow points to.
//! - `GET  /login/{tenant}/v2.0/.well-known/openid-configuration` — discovery of the above.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};

use super::tokens::AuthorizeOutcome;
use crate::graph::state::GraphState;

/// Routes of the identity platform (nested under `/login`).
pub fn routes() -> Router<Arc<GraphState>> {
    Router::new()
        .route("/{tenant}/oauth2/v2.0/authorize", get(authorize))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/{tenant}/oauth2/v2.0/devicecode", post(devicecode))
        .route("/devicelogin", get(devicelogin))
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(openid_configuration),
        )
}

async fn authorize(
    State(state): State<Arc<GraphState>>,
    Path(tenant): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let now = state.clock.now();
    let outcome = state.world().identity.authorize(&tenant, &query, now);
    match outcome {
        AuthorizeOutcome::Redirect(location) => {
            let mut response = StatusCode::FOUND.into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        AuthorizeOutcome::Page(error) => error.into_page(),
        AuthorizeOutcome::AccountPicker(users) => {
            let mut items = String::new();
            for user in users {
                let mut url = url::Url::parse(&format!(
                    "{}/{tenant}/oauth2/v2.0/authorize",
                    state.login_url()
                ))
                .unwrap_or_else(|_| url::Url::parse("http://127.0.0.1/").expect("static url"));
                {
                    let mut pairs = url.query_pairs_mut();
                    for (k, v) in &query {
                        pairs.append_pair(k, v);
                    }
                    pairs.append_pair("login_hint", &user.upn);
                }
                items.push_str(&format!(
                    "<li><a href=\"{url}\">{} ({})</a></li>",
                    user.display_name, user.upn
                ));
            }
            Html(format!(
                "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><h1>Pick an account</h1><ul>{items}</ul></body></html>"
            ))
            .into_response()
        }
    }
}

async fn token(
    State(state): State<Arc<GraphState>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let now = state.clock.now();
    let result = state.world().identity.token(&tenant, &form, now);
    match result {
        Ok(body) => {
            let mut response = Json(body).into_response();
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store, no-cache"),
            );
            response
        }
        Err(error) => error.into_token_response(now),
    }
}

async fn devicecode(
    State(state): State<Arc<GraphState>>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let now = state.clock.now();
    let verification_uri = format!("{}/devicelogin", state.login_url());
    let result = state
        .world()
        .identity
        .device_authorize(&tenant, &form, &verification_uri, now);
    match result {
        Ok(body) => Json(body).into_response(),
        Err(error) => error.into_token_response(now),
    }
}

async fn openid_configuration(
    State(state): State<Arc<GraphState>>,
    Path(tenant): Path<String>,
) -> Response {
    let base = format!("{}/{tenant}", state.login_url());
    let issuer_tenant = if matches!(tenant.as_str(), "common" | "organizations" | "consumers") {
        "{tenantid}".to_string()
    } else {
        tenant.clone()
    };
    Json(serde_json::json!({
        "issuer": format!("https://login.microsoftonline.com/{issuer_tenant}/v2.0"),
        "authorization_endpoint": format!("{base}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{base}/oauth2/v2.0/token"),
        "device_authorization_endpoint": format!("{base}/oauth2/v2.0/devicecode"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "code_challenge_methods_supported": ["plain", "S256"],
        "tenant_region_scope": "EU",
    }))
    .into_response()
}

async fn devicelogin() -> Html<&'static str> {
    Html(
        "<!DOCTYPE html><html><head><title>Enter code</title></head><body><h1>Enter code</h1>\
         <p>This is the fake identity platform. Approve a code with \
         <code>POST /_fake/identity/devicecode/approve {\"user_code\":\"…\",\"upn\":\"…\"}</code>.</p></body></html>",
    )
}
