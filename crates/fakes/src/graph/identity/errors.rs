//! Errors of the identity platform's token and devicecode endpoints, shaped as Microsoft sends
//! them: HTTP 400 (401 for `invalid_client`) with
//! `{"error","error_description":"AADSTSnnn: …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …",
//! "error_codes":[nnn],"timestamp","trace_id","correlation_id","error_uri"}`
//! (GRAPH_FACTS §1.4). Errors of the authorize step that Microsoft shows on its own sign-in page
//! (AADSTS50011, unknown application, unknown user) are an HTML page with status 400 and are never
//! redirected to the app.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::json;

/// One identity-platform error: the OAuth `error` value, the AADSTS number and its text.
#[derive(Debug, Clone)]
pub struct AadError {
    /// OAuth error value, e.g. `invalid_grant`.
    pub error: &'static str,
    /// AADSTS number, e.g. 54005.
    pub code: u32,
    /// Text after `AADSTSnnnnn: `.
    pub message: String,
}

impl AadError {
    /// Builds an error from its parts.
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> Self {
        Self {
            error,
            code,
            message: message.into(),
        }
    }

    /// HTTP status Microsoft uses: 401 for `invalid_client`, 400 otherwise.
    pub fn status(&self) -> StatusCode {
        if self.error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        }
    }

    /// The JSON response of the token/devicecode endpoints at time `now`.
    pub fn into_token_response(self, now: DateTime<Utc>) -> Response {
        let timestamp = now.format("%Y-%m-%d %H:%M:%SZ").to_string();
        let trace_id = uuid::Uuid::new_v4().to_string();
        let correlation_id = uuid::Uuid::new_v4().to_string();
        let description = format!(
            "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {timestamp}",
            self.code, self.message
        );
        let body = json!({
            "error": self.error,
            "error_description": description,
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.code),
        });
        let mut response = (self.status(), axum::Json(body)).into_response();
        response.headers_mut().insert(
            "cache-control",
            "no-store, no-cache".parse().expect("static header"),
        );
        response
    }

    /// The HTML error page of the authorize step (never redirected to the app).
    pub fn into_page(self) -> Response {
        let page = format!(
            "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>\
             <h1>Sorry, but we're having trouble signing you in.</h1>\
             <p id=\"error\">AADSTS{}: {}</p></body></html>",
            self.code,
            html_escape(&self.message)
        );
        (StatusCode::BAD_REQUEST, Html(page)).into_response()
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
