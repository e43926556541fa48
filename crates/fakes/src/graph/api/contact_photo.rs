//! A contact's photo (https://learn.microsoft.com/graph/api/profilephoto-update,
//! https://learn.microsoft.com/graph/api/profilephoto-get), under `/me/contacts/{id}` and
//! `/me/contactFolders/{folder}/contacts/{id}`:
//! - `PUT` or `PATCH …/photo/$value` with `Content-Type: image/jpeg` (or `image/png`) and the
//!   image bytes → 200 with no body. The photo is a change of the contact: new change key,
//!   reported by delta. A request body of 4 MB or more is 413 `RequestEntityTooLarge` ("The
//!   maximum request length supported is 4MB.", Graph's words for its REST request limit); a
//!   body that is no JPEG or PNG image is 400 ([`crate::graph::mailbox::photo`]).
//! - `GET …/photo/$value` → 200 with the bytes and their content type; 404
//!   `ErrorItemNotFound` when the contact has no photo.
//! - `GET …/photo` → the `profilePhoto` metadata `{"@odata.mediaContentType",
//!   "@odata.mediaEtag", "id": "{w}x{h}", "width", "height"}`; 404 when there is no photo (the
//!   documentation describes a 1×1 placeholder for users only).
//!
//! Photos work in `$batch` too: the request `body` is then the image in base64 with its
//! `Content-Type` in `headers`, the `$value` answer base64 in the item's `body`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::contacts::find;
use super::{Caller, context, json};
use crate::graph::mailbox::photo::{Photo, PhotoError};
use crate::graph::protocol::errors::GraphError;
use crate::graph::state::GraphState;

/// Graph's REST request limit: a photo must be smaller.
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

fn no_photo() -> GraphError {
    GraphError::not_found()
}

fn photo_of(
    state: &GraphState,
    caller: &Caller,
    folder: Option<&str>,
    id: &str,
) -> Result<Photo, GraphError> {
    caller.with_mailbox(state, |mb| {
        let index = find(mb, folder, id)?;
        mb.contacts.contacts[index]
            .photo
            .clone()
            .ok_or_else(no_photo)
    })
}

async fn put(
    state: &GraphState,
    caller: &Caller,
    (folder, id): (Option<&str>, &str),
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, GraphError> {
    // NOTE: one byte under the limit is the largest body taken; the check reads no further.
    let bytes = axum::body::to_bytes(body, MAX_REQUEST_BYTES - 1)
        .await
        .map_err(|_| {
            GraphError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                "The maximum request length supported is 4MB.",
            )
        })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let photo = Photo::parse(content_type, bytes.to_vec()).map_err(|e| {
        let code = match e {
            PhotoError::ContentType => "ErrorInvalidContentType",
            PhotoError::NotAnImage => "ErrorInvalidImage",
        };
        GraphError::new(StatusCode::BAD_REQUEST, code, e.to_string())
    })?;
    let now = state.clock.now();
    caller.with_mailbox(state, |mb| {
        let index = find(mb, folder, id)?;
        mb.contacts.set_photo(index, Some(photo), now);
        Ok(())
    })?;
    Ok(StatusCode::OK.into_response())
}

fn value(photo: Photo) -> Response {
    let content_type = photo.content_type.clone();
    let mut response = photo.bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    response
}

fn metadata(state: &GraphState, id: &str, photo: &Photo) -> Response {
    json(
        StatusCode::OK,
        json!({
            "@odata.context": context(state, &format!("users('me')/contacts('{id}')/photo/$entity")),
            "@odata.mediaContentType": photo.content_type,
            "@odata.mediaEtag": photo.media_etag(),
            "id": format!("{}x{}", photo.width, photo.height),
            "width": photo.width,
            "height": photo.height,
        }),
    )
}

/// `PUT|PATCH /me/contacts/{id}/photo/$value`.
pub async fn set(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, GraphError> {
    put(&state, &caller, (None, &id), &headers, body).await
}

/// `PUT|PATCH /me/contactFolders/{folder}/contacts/{id}/photo/$value`.
pub async fn set_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, GraphError> {
    put(&state, &caller, (Some(&folder), &id), &headers, body).await
}

/// `GET /me/contacts/{id}/photo/$value`.
pub async fn get_value(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, GraphError> {
    Ok(value(photo_of(&state, &caller, None, &id)?))
}

/// `GET /me/contactFolders/{folder}/contacts/{id}/photo/$value`.
pub async fn get_value_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
) -> Result<Response, GraphError> {
    Ok(value(photo_of(&state, &caller, Some(&folder), &id)?))
}

/// `GET /me/contacts/{id}/photo`.
pub async fn get_metadata(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, GraphError> {
    let photo = photo_of(&state, &caller, None, &id)?;
    Ok(metadata(&state, &id, &photo))
}

/// `GET /me/contactFolders/{folder}/contacts/{id}/photo`.
pub async fn get_metadata_in_folder(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path((folder, id)): Path<(String, String)>,
) -> Result<Response, GraphError> {
    let photo = photo_of(&state, &caller, Some(&folder), &id)?;
    Ok(metadata(&state, &id, &photo))
}
