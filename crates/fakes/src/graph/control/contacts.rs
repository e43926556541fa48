//! The contacts part of the control API (documented with the rest in [`super`]): acting as the
//! person in Outlook on their contacts and contact folders, reading them raw, and the contacts
//! delta knob.
//!
//! Outlook writes the same properties Graph does, so a contact's `fields` are Graph's contact
//! properties (camelCase) checked by the same rules — but Outlook cannot set extended
//! properties, and it regenerates the display name only when a name part changes.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Problem, display_path, problem, with_mailbox};
use crate::graph::mailbox::contact::{
    ContactData, ContactWrite, NAME_SOURCES, StoredContact, parse_write,
};
use crate::graph::mailbox::contacts::Contacts;
use crate::graph::mailbox::photo::Photo;
use crate::graph::state::GraphState;

/// Routes of the contacts control API (nested under `/_fake`).
pub fn routes() -> axum::Router<Arc<GraphState>> {
    axum::Router::new()
        .route(
            "/graph/mailboxes/{upn}/contact-folders",
            get(list_folders).post(create_folder),
        )
        .route(
            "/graph/mailboxes/{upn}/contact-folders/{folder}",
            patch(rename_folder).delete(delete_folder),
        )
        .route(
            "/graph/mailboxes/{upn}/contacts",
            get(list_contacts).post(create_contact),
        )
        .route(
            "/graph/mailboxes/{upn}/contacts/expire-delta",
            post(expire_delta),
        )
        .route(
            "/graph/mailboxes/{upn}/contacts/{id}",
            patch(update_contact).delete(delete_contact),
        )
        .route(
            "/graph/mailboxes/{upn}/contacts/{id}/move",
            post(move_contact),
        )
}

fn bad(message: impl Into<String>) -> Problem {
    problem(StatusCode::BAD_REQUEST, message)
}

fn folder_id(contacts: &Contacts, key: Option<&str>) -> Result<String, Problem> {
    contacts
        .folder_by_path(key.unwrap_or_default())
        .map(|f| f.id.clone())
        .ok_or_else(|| problem(StatusCode::NOT_FOUND, format!("no contact folder {key:?}")))
}

/// The display-name path of a folder below the default folder (`""` for the default folder).
fn folder_path(contacts: &Contacts, id: &str) -> String {
    display_path(&contacts.folders, &contacts.default_folder().id, id, |f| {
        (&f.id, &f.parent_id, &f.display_name)
    })
}

fn contact_index(contacts: &Contacts, id: &str) -> Result<usize, Problem> {
    contacts
        .index(id)
        .map_err(|_| problem(StatusCode::NOT_FOUND, format!("no contact {id}")))
}

async fn list_folders(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let c = &mb.contacts;
        Ok(c.folders
            .iter()
            .map(|f| {
                json!({"id": f.id, "path": folder_path(c, &f.id), "display_name": f.display_name,
                       "parent_id": f.parent_id, "is_default": f.id == c.default_folder().id})
            })
            .collect::<Vec<_>>())
    }) {
        Ok(list) => Json(Value::Array(list)).into_response(),
        Err(p) => p.into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewFolder {
    display_name: String,
    #[serde(default)]
    parent: Option<String>,
}

async fn create_folder(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<NewFolder>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let parent = folder_id(&mb.contacts, body.parent.as_deref())?;
        mb.contacts
            .create_folder(&parent, &body.display_name)
            .map_err(|_| {
                problem(
                    StatusCode::CONFLICT,
                    "a contact folder with that name exists",
                )
            })
    }) {
        Ok(id) => (StatusCode::CREATED, Json(json!({"id": id}))).into_response(),
        Err(p) => p.into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    display_name: String,
}

async fn rename_folder(
    State(state): State<Arc<GraphState>>,
    Path((upn, folder)): Path<(String, String)>,
    Json(body): Json<Rename>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let id = folder_id(&mb.contacts, Some(&folder))?;
        mb.contacts
            .rename_folder(&id, &body.display_name)
            .map_err(|_| {
                problem(
                    StatusCode::CONFLICT,
                    "a contact folder with that name exists",
                )
            })
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(p) => p.into_response(),
    }
}

async fn delete_folder(
    State(state): State<Arc<GraphState>>,
    Path((upn, folder)): Path<(String, String)>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let id = folder_id(&mb.contacts, Some(&folder))?;
        if id == mb.contacts.default_folder().id {
            return Err(problem(
                StatusCode::CONFLICT,
                "Outlook cannot delete the default Contacts folder",
            ));
        }
        mb.contacts.delete_folder(&id);
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(p) => p.into_response(),
    }
}

/// A contact as the control API shows it: ids, place, raw extended properties and photo.
fn raw_json(contacts: &Contacts, c: &StoredContact) -> Value {
    let photo = c.photo.as_ref().map(|p| {
        json!({"content_type": p.content_type, "size": p.bytes.len(), "sha256": p.sha256(),
               "width": p.width, "height": p.height})
    });
    let extended: Vec<Value> = c
        .extended
        .iter()
        .map(|p| json!({"id": p.id, "value": p.value}))
        .collect();
    json!({
        "id": c.rest_id,
        "immutable_id": c.immutable_id,
        "folder_id": c.folder_id,
        "folder": folder_path(contacts, &c.folder_id),
        "change_key": c.change_key,
        "created": c.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "last_modified": c.last_modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "fields": Value::Object(c.data.to_json()),
        "extended_properties": extended,
        "photo": photo,
    })
}

async fn list_contacts(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let c = &mb.contacts;
        let folder = match q.get("folder") {
            Some(f) => Some(folder_id(c, Some(f))?),
            None => None,
        };
        Ok(c.contacts
            .iter()
            .filter(|x| folder.as_ref().is_none_or(|f| &x.folder_id == f))
            .map(|x| raw_json(c, x))
            .collect::<Vec<_>>())
    }) {
        Ok(list) => Json(Value::Array(list)).into_response(),
        Err(p) => p.into_response(),
    }
}

/// A photo given to the control API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoInput {
    content_type: String,
    content_base64: String,
}

impl PhotoInput {
    fn into_photo(self) -> Result<Photo, Problem> {
        let bytes = STANDARD
            .decode(self.content_base64.as_bytes())
            .map_err(|e| bad(format!("photo: {e}")))?;
        Photo::parse(&self.content_type, bytes).map_err(|e| bad(format!("photo: {e}")))
    }
}

/// Checks Outlook's `fields`: Graph's rules, and no extended properties.
fn outlook_fields(fields: Option<&Value>) -> Result<ContactWrite, Problem> {
    let Some(fields) = fields else {
        return Ok(ContactWrite::default());
    };
    let write = parse_write(fields).map_err(|e| bad(e.to_string()))?;
    if !write.extended.is_empty() {
        return Err(bad(
            "Outlook cannot set extended properties; write them through Graph",
        ));
    }
    Ok(write)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewContact {
    #[serde(default)]
    folder: Option<String>,
    fields: Value,
    #[serde(default)]
    photo: Option<PhotoInput>,
}

fn changed(c: &StoredContact) -> Value {
    json!({"id": c.rest_id, "immutable_id": c.immutable_id, "change_key": c.change_key})
}

async fn create_contact(
    State(state): State<Arc<GraphState>>,
    Path(upn): Path<String>,
    Json(body): Json<NewContact>,
) -> Response {
    let now = state.clock.now();
    let made = outlook_fields(Some(&body.fields))
        .and_then(|w| Ok((w, body.photo.map(PhotoInput::into_photo).transpose()?)));
    let (write, photo) = match made {
        Ok(made) => made,
        Err(p) => return p.into_response(),
    };
    match with_mailbox(&state, &upn, |mb| {
        let folder = folder_id(&mb.contacts, body.folder.as_deref())?;
        let mut data = ContactData::default();
        data.apply(&write);
        if !write.sets("displayName") {
            data.regenerate_display_name();
        }
        let index = mb.contacts.add(&folder, data, Vec::new(), now);
        if photo.is_some() {
            mb.contacts.set_photo(index, photo, now);
        }
        Ok(changed(&mb.contacts.contacts[index]))
    }) {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(p) => p.into_response(),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContactChange {
    #[serde(default)]
    fields: Option<Value>,
    #[serde(default)]
    photo: Option<PhotoInput>,
    #[serde(default)]
    remove_photo: bool,
}

async fn update_contact(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
    Json(body): Json<ContactChange>,
) -> Response {
    let now = state.clock.now();
    let made = outlook_fields(body.fields.as_ref())
        .and_then(|w| Ok((w, body.photo.map(PhotoInput::into_photo).transpose()?)));
    let (write, photo) = match made {
        Ok(made) => made,
        Err(p) => return p.into_response(),
    };
    match with_mailbox(&state, &upn, |mb| {
        let index = contact_index(&mb.contacts, &id)?;
        mb.contacts.update(index, now, |c| {
            c.data.apply(&write);
            // NOTE: Outlook makes the display name anew when a part it is made of changes.
            let renamed = NAME_SOURCES.iter().any(|n| write.sets(n));
            if renamed && !write.sets("displayName") {
                c.data.regenerate_display_name();
            }
            if photo.is_some() || body.remove_photo {
                c.photo = photo;
            }
        });
        Ok(changed(&mb.contacts.contacts[index]))
    }) {
        Ok(v) => Json(v).into_response(),
        Err(p) => p.into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveTo {
    folder: String,
}

async fn move_contact(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
    Json(body): Json<MoveTo>,
) -> Response {
    let now = state.clock.now();
    match with_mailbox(&state, &upn, |mb| {
        let index = contact_index(&mb.contacts, &id)?;
        let folder = folder_id(&mb.contacts, Some(&body.folder))?;
        mb.contacts.move_to(index, &folder, now);
        Ok(changed(&mb.contacts.contacts[index]))
    }) {
        Ok(v) => Json(v).into_response(),
        Err(p) => p.into_response(),
    }
}

async fn delete_contact(
    State(state): State<Arc<GraphState>>,
    Path((upn, id)): Path<(String, String)>,
) -> Response {
    match with_mailbox(&state, &upn, |mb| {
        let index = contact_index(&mb.contacts, &id)?;
        mb.contacts.remove(index);
        Ok(())
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(p) => p.into_response(),
    }
}

async fn expire_delta(State(state): State<Arc<GraphState>>, Path(upn): Path<String>) -> Response {
    match with_mailbox(&state, &upn, |mb| Ok(mb.contacts.expire_sync_states())) {
        Ok(n) => Json(json!({"expired": n})).into_response(),
        Err(p) => p.into_response(),
    }
}
