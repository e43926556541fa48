//! The routing table of Graph v1.0 (mounted under `/v1.0`) and the path normalisation Graph
//! applies before routing (case-insensitive segments, OData key syntax).

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use super::{
    attachments, batch, calendar_delta, calendar_view, contact_delta, contact_folders,
    contact_photo, contacts, delta, events, mail_folders, me, messages,
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
        .merge(contact_routes())
        .route("/$batch", post(batch::post))
}

/// The routes of contact folders, contacts and their photos.
fn contact_routes() -> Router<Arc<GraphState>> {
    const IN_FOLDER: &str = "/me/contactFolders/{folder_id}/contacts/{contact_id}";
    Router::new()
        .route(
            "/me/contactFolders",
            get(contact_folders::list_root).post(contact_folders::create_in_root),
        )
        .route("/me/contactFolders/{folder_id}", get(contact_folders::get))
        .route(
            "/me/contactFolders/{folder_id}/childFolders",
            get(contact_folders::list_children).post(contact_folders::create_child),
        )
        .route(
            "/me/contactFolders/{folder_id}/contacts",
            get(contacts::list_in_folder).post(contacts::create_in_folder),
        )
        .route(
            "/me/contactFolders/{folder_id}/contacts/delta",
            get(contact_delta::get),
        )
        .route(
            IN_FOLDER,
            get(contacts::get_in_folder)
                .patch(contacts::patch_in_folder)
                .delete(contacts::remove_in_folder),
        )
        .route(
            &format!("{IN_FOLDER}/photo"),
            get(contact_photo::get_metadata_in_folder),
        )
        .route(
            &format!("{IN_FOLDER}/photo/$value"),
            get(contact_photo::get_value_in_folder)
                .put(contact_photo::set_in_folder)
                .patch(contact_photo::set_in_folder),
        )
        .route(
            "/me/contacts",
            get(contacts::list_default).post(contacts::create_default),
        )
        .route(
            "/me/contacts/{contact_id}",
            get(contacts::get)
                .patch(contacts::patch)
                .delete(contacts::remove),
        )
        .route(
            "/me/contacts/{contact_id}/photo",
            get(contact_photo::get_metadata),
        )
        .route(
            "/me/contacts/{contact_id}/photo/$value",
            get(contact_photo::get_value)
                .put(contact_photo::set)
                .patch(contact_photo::set),
        )
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
    "contacts",
    "contactFolders",
    "photo",
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
