//! The routing table of Graph v1.0 (mounted under `/v1.0`) and the path normalisation Graph
//! applies before routing (case-insensitive segments, OData key syntax).

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::{
    attachments, batch, calendar_delta, calendar_view, delta, events, mail_folders, me, messages,
};
use crate::graph::state::GraphState;

/// All Graph routes (mounted under `/v1.0`), without the throttling gate.
pub fn routes() -> Router<Arc<GraphState>> {
    Router::new()
        .route("/me", get(me::get))
        .route(
            "/me/mailFolders",
            get(mail_folders::list_root).post(mail_folders::create_in_root),
        )
        .route("/me/mailFolders/{folder_id}", get(mail_folders::get))
        .route(
            "/me/mailFolders/{folder_id}/childFolders",
            get(mail_folders::list_children).post(mail_folders::create_child),
        )
        .route("/me/mailFolders/{folder_id}/messages", get(messages::list))
        .route(
            "/me/mailFolders/{folder_id}/messages/delta",
            get(delta::get),
        )
        .route(
            "/me/mailFolders/{folder_id}/messages/{message_id}",
            get(messages::get_in_folder),
        )
        .route(
            "/me/mailFolders/{folder_id}/messages/{message_id}/$value",
            get(messages::mime_in_folder),
        )
        .route(
            "/me/messages/{message_id}",
            get(messages::get)
                .patch(messages::update)
                .delete(messages::delete),
        )
        .route("/me/messages/{message_id}/$value", get(messages::mime))
        .route("/me/messages/{message_id}/move", post(messages::move_to))
        .route(
            "/me/messages/{message_id}/attachments",
            get(attachments::list),
        )
        .route(
            "/me/messages/{message_id}/attachments/{attachment_id}",
            get(attachments::get),
        )
        .route(
            "/me/messages/{message_id}/attachments/{attachment_id}/$value",
            get(attachments::value),
        )
        .route("/me/events", get(events::list))
        .route("/me/calendar/events", get(events::list))
        .route("/me/events/{event_id}", get(events::get))
        .route("/me/calendar/events/{event_id}", get(events::get))
        .route("/me/events/{event_id}/instances", get(events::instances))
        .route("/me/calendarView", get(calendar_view::list))
        .route("/me/calendar/calendarView", get(calendar_view::list))
        .route("/me/calendarView/delta", get(calendar_delta::get))
        .route("/$batch", post(batch::post))
}

/// Path segments Graph matches case-insensitively, in the spelling our routes use.
const SEGMENTS: &[&str] = &[
    "me",
    "mailFolders",
    "childFolders",
    "messages",
    "delta",
    "move",
    "attachments",
    "events",
    "calendar",
    "calendarView",
    "instances",
    "$value",
    "$batch",
    "v1.0",
];

/// Rewrites Graph's case-insensitive path segments (`mailfolders` → `mailFolders`) and OData key
/// segments (`mailfolders('id')` → `mailFolders/id`) before routing.
pub fn normalize_path<B>(mut request: axum::http::Request<B>) -> axum::http::Request<B> {
    let uri = request.uri().clone();
    let path = uri.path();
    let normalized: Vec<String> = path
        .split('/')
        .map(|seg| {
            // OData key syntax, as Graph writes it in delta links: `mailfolders('AQMk...')`.
            if let Some((name, key)) = seg.split_once("('")
                && let Some(key) = key.strip_suffix("')")
                && let Some(known) = SEGMENTS.iter().find(|s| s.eq_ignore_ascii_case(name))
            {
                return format!("{known}/{key}");
            }
            SEGMENTS
                .iter()
                .find(|s| s.eq_ignore_ascii_case(seg))
                .map(|s| s.to_string())
                .unwrap_or_else(|| seg.to_string())
        })
        .collect();
    let normalized = normalized.join("/");
    if normalized != path {
        let pq = match uri.query() {
            Some(q) => format!("{normalized}?{q}"),
            None => normalized,
        };
        if let Ok(new) = pq.parse::<axum::http::uri::PathAndQuery>() {
            let mut parts = uri.into_parts();
            parts.path_and_query = Some(new);
            if let Ok(new_uri) = axum::http::Uri::from_parts(parts) {
                *request.uri_mut() = new_uri;
            }
        }
    }
    request
}
