//! Contact folders (https://learn.microsoft.com/graph/api/resources/contactfolder,
//! GRAPH_FACTS §4.1): `{"id","displayName","parentFolderId"}`.
//! - `GET /me/contactFolders` lists the children of the default Contacts folder — never the
//!   default folder itself, whose id is their `parentFolderId` (and that of its contacts).
//!   Page size 10, `$top`, `$skip` in the nextLink, `$select`, and `$filter=displayName eq '…'`
//!   (case-insensitive, as Exchange compares folder names).
//! - `GET /me/contactFolders/{id}` (the default folder's id too), `GET|POST
//!   /me/contactFolders/{id}/childFolders`.
//! - `POST /me/contactFolders {displayName[, parentFolderId]}` creates under the default folder
//!   (or the folder `parentFolderId` names) → 201; a sibling with the same name (in any case) is
//!   409 `ErrorFolderExists`, as for mail folders (decision 0003).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::messages::encode_segment;
use super::{Caller, context};
use crate::graph::mailbox::contacts::ContactFolder;
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::{OData, link};
use crate::graph::state::GraphState;

const DEFAULT_PAGE: usize = 10;
const SELECTABLE: &[&str] = &["id", "displayName", "parentFolderId"];

/// Graph JSON of a contact folder.
pub fn folder_json(f: &ContactFolder) -> Value {
    json!({"id": f.id, "displayName": f.display_name, "parentFolderId": f.parent_id})
}

/// `$filter=displayName eq '…'`, the only folder filter modelled.
fn name_filter(odata: &OData) -> Result<Option<String>, GraphError> {
    let Some(filter) = &odata.filter else {
        return Ok(None);
    };
    let text = filter.trim();
    let parts: Option<String> = text
        .get(..11)
        .filter(|head| head.eq_ignore_ascii_case("displayName"))
        .and_then(|_| text.get(11..))
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix("eq ").or_else(|| r.strip_prefix("EQ ")))
        .map(str::trim)
        .and_then(|r| r.strip_prefix('\''))
        .and_then(|r| r.strip_suffix('\''))
        .map(|v| v.replace("''", "'"));
    parts.map(Some).ok_or_else(|| {
        GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            format!("The fake Graph filters contact folders by 'displayName eq '<name>'' only, not '{filter}'."),
        )
    })
}

fn check_select(odata: &OData) -> Result<(), GraphError> {
    match odata
        .select
        .iter()
        .flatten()
        .find(|s| !SELECTABLE.iter().any(|p| p.eq_ignore_ascii_case(s)))
    {
        Some(bad) => Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "RequestBroker--ParseUri",
            format!(
                "Could not find a property named '{bad}' on type 'microsoft.graph.contactFolder'."
            ),
        )),
        None => Ok(()),
    }
}

fn list(
    state: &GraphState,
    caller: &Caller,
    parent: Option<&str>,
    query: &HashMap<String, String>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(query, 1000)?;
    check_select(&odata)?;
    let name = name_filter(&odata)?;
    let page = odata.top.unwrap_or(DEFAULT_PAGE);
    let (items, total) = caller.with_mailbox(state, |mb| {
        let contacts = &mb.contacts;
        let parent = match parent {
            Some(key) => contacts.folder(key)?.id.clone(),
            None => contacts.default_folder().id.clone(),
        };
        let all: Vec<Value> = contacts
            .children(&parent)
            .into_iter()
            .filter(|f| {
                name.as_ref()
                    .is_none_or(|n| f.display_name.eq_ignore_ascii_case(n))
            })
            .map(|f| super::project(folder_json(f), odata.select.as_deref()))
            .collect();
        let total = all.len();
        Ok((
            all.into_iter()
                .skip(odata.skip)
                .take(page)
                .collect::<Vec<_>>(),
            total,
        ))
    })?;
    let (path, fragment) = match parent {
        Some(key) => (
            format!("/me/contactFolders/{}/childFolders", encode_segment(key)),
            "Collection(contactFolder)",
        ),
        None => (
            "/me/contactFolders".to_string(),
            "users('me')/contactFolders",
        ),
    };
    let mut body = json!({"@odata.context": context(state, fragment)});
    if odata.skip + page < total {
        let mut pairs = Vec::new();
        if let Some(select) = &odata.select {
            pairs.push(("$select", select.join(",")));
        }
        if let Some(filter) = &odata.filter {
            pairs.push(("$filter", filter.clone()));
        }
        pairs.push(("$top", page.to_string()));
        pairs.push(("$skip", (odata.skip + page).to_string()));
        body["@odata.nextLink"] = json!(link(&state.graph_url(), &path, &pairs));
    }
    body["value"] = Value::Array(items);
    Ok(super::json(StatusCode::OK, body))
}

/// `GET /me/contactFolders`.
pub async fn list_root(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    list(&state, &caller, None, &query)
}

/// `GET /me/contactFolders/{id}/childFolders`.
pub async fn list_children(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    list(&state, &caller, Some(&folder), &query)
}

/// `GET /me/contactFolders/{id}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_select(&odata)?;
    let mut body = caller.with_mailbox(&state, |mb| {
        let f = mb.contacts.folder(&folder)?;
        Ok(super::project(folder_json(f), odata.select.as_deref()))
    })?;
    if let Value::Object(map) = &mut body {
        map.insert(
            "@odata.context".into(),
            json!(context(&state, "users('me')/contactFolders/$entity")),
        );
    }
    Ok(super::json(StatusCode::OK, body))
}

/// Body of a folder create.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewFolder {
    display_name: Option<String>,
    parent_folder_id: Option<String>,
}

fn create(
    state: &GraphState,
    caller: &Caller,
    parent: Option<&str>,
    body: &[u8],
) -> Result<Response, GraphError> {
    let request: NewFolder = super::parse_body(body)?;
    let Some(name) = request.display_name.filter(|n| !n.trim().is_empty()) else {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "The value of the parameter 'DisplayName' is empty.",
        ));
    };
    let mut folder = caller.with_mailbox(state, |mb| {
        let contacts = &mut mb.contacts;
        let parent = match parent.or(request.parent_folder_id.as_deref()) {
            Some(key) => contacts.folder(key)?.id.clone(),
            None => contacts.default_folder().id.clone(),
        };
        let id = contacts.create_folder(&parent, &name).map_err(|_| {
            GraphError::new(
                StatusCode::CONFLICT,
                "ErrorFolderExists",
                "A folder with the specified name already exists.",
            )
        })?;
        Ok(folder_json(contacts.folder(&id)?))
    })?;
    if let Value::Object(map) = &mut folder {
        map.insert(
            "@odata.context".into(),
            json!(context(state, "users('me')/contactFolders/$entity")),
        );
    }
    Ok(super::json(StatusCode::CREATED, folder))
}

/// `POST /me/contactFolders`.
pub async fn create_in_root(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, None, &body)
}

/// `POST /me/contactFolders/{id}/childFolders`.
pub async fn create_child(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder): Path<String>,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, Some(&folder), &body)
}
