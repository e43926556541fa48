//! Mail folders (https://learn.microsoft.com/graph/api/resources/mailfolder):
//! - `GET /me/mailFolders` lists the children of the root only (page size 10, `$top`, `$skip` in
//!   `@odata.nextLink`); hidden folders only with `includeHiddenFolders=true`.
//! - `GET /me/mailFolders/{id}` accepts ids and well-known names (`inbox`, `msgfolderroot`, …) and
//!   answers with the real opaque id.
//! - `GET|POST /me/mailFolders/{id}/childFolders`; `POST /me/mailFolders` creates under the root;
//!   a duplicate sibling name is 409 `ErrorFolderExists`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Caller, context, json};
use crate::graph::mailbox::{Folder, Mailbox};
use crate::graph::protocol::errors::GraphError;
use crate::graph::protocol::query::{OData, link};
use crate::graph::state::GraphState;

const DEFAULT_PAGE: usize = 10;

/// Properties of `microsoft.graph.mailFolder` that `$select` accepts.
const SELECTABLE: &[&str] = &[
    "id",
    "displayName",
    "parentFolderId",
    "childFolderCount",
    "unreadItemCount",
    "totalItemCount",
    "isHidden",
];

fn check_select(odata: &OData) -> Result<(), GraphError> {
    for name in odata.select.iter().flatten() {
        if !SELECTABLE.iter().any(|p| p.eq_ignore_ascii_case(name)) {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                "RequestBroker--ParseUri",
                format!(
                    "Could not find a property named '{name}' on type 'microsoft.graph.mailFolder'."
                ),
            ));
        }
    }
    Ok(())
}

/// Graph JSON of a folder with its counts.
pub fn folder_json(mb: &Mailbox, f: &Folder) -> Value {
    let messages = mb.messages_in(&f.id);
    json!({
        "id": f.id,
        "displayName": f.display_name,
        "parentFolderId": f.parent_id,
        "childFolderCount": mb.children(&f.id).len(),
        "unreadItemCount": messages.iter().filter(|m| !m.data.is_read).count(),
        "totalItemCount": messages.len(),
        "isHidden": f.is_hidden,
    })
}

fn list(
    state: &GraphState,
    caller: &Caller,
    key: Option<&str>,
    query: &HashMap<String, String>,
    path: &str,
) -> Result<Response, GraphError> {
    let odata = OData::parse(query, 1000)?;
    check_select(&odata)?;
    let include_hidden = odata
        .other
        .get("includeHiddenFolders")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let page = odata.top.unwrap_or(DEFAULT_PAGE);
    let (items, total) = caller.with_mailbox(state, |mb| {
        let parent = match key {
            Some(k) => mb.folder(k)?.id.clone(),
            None => mb.root().id.clone(),
        };
        let children: Vec<Value> = mb
            .children(&parent)
            .into_iter()
            .filter(|f| include_hidden || !f.is_hidden)
            .map(|f| super::project(folder_json(mb, f), odata.select.as_deref()))
            .collect();
        let total = children.len();
        Ok((
            children
                .into_iter()
                .skip(odata.skip)
                .take(page)
                .collect::<Vec<_>>(),
            total,
        ))
    })?;
    let mut body = json!({"@odata.context": context(state, "users('me')/mailFolders")});
    if odata.skip + page < total {
        let mut pairs = Vec::new();
        if let Some(select) = &odata.select {
            pairs.push(("$select", select.join(",")));
        }
        pairs.extend([
            ("$top", page.to_string()),
            ("$skip", (odata.skip + page).to_string()),
        ]);
        if include_hidden {
            pairs.push(("includeHiddenFolders", "true".to_string()));
        }
        body["@odata.nextLink"] = json!(link(&state.graph_url(), path, &pairs));
    }
    body["value"] = Value::Array(items);
    Ok(json(StatusCode::OK, body))
}

/// `GET /me/mailFolders`.
pub async fn list_root(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    list(&state, &caller, None, &query, "/me/mailFolders")
}

/// `GET /me/mailFolders/{id}/childFolders`.
pub async fn list_children(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let path = format!(
        "/me/mailFolders/{}/childFolders",
        super::messages::encode_segment(&folder_id)
    );
    list(&state, &caller, Some(&folder_id), &query, &path)
}

/// `GET /me/mailFolders/{id}`.
pub async fn get(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, GraphError> {
    let odata = OData::parse(&query, 1000)?;
    check_select(&odata)?;
    let mut body = caller.with_mailbox(&state, |mb| {
        Ok(super::project(
            folder_json(mb, mb.folder(&folder_id)?),
            odata.select.as_deref(),
        ))
    })?;
    if let Value::Object(map) = &mut body {
        map.insert(
            "@odata.context".into(),
            json!(context(&state, "users('me')/mailFolders/$entity")),
        );
    }
    Ok(json(StatusCode::OK, body))
}

/// Body of a folder create.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewFolder {
    display_name: Option<String>,
    #[serde(default)]
    is_hidden: bool,
}

fn create(
    state: &GraphState,
    caller: &Caller,
    parent: Option<&str>,
    body: NewFolder,
) -> Result<Response, GraphError> {
    let Some(name) = body.display_name.filter(|n| !n.trim().is_empty()) else {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "The value of the parameter 'DisplayName' is empty.",
        ));
    };
    let mut folder = caller.with_mailbox(state, |mb| {
        let parent_id = match parent {
            Some(k) => mb.folder(k)?.id.clone(),
            None => mb.root().id.clone(),
        };
        let id = mb
            .create_folder(&parent_id, &name, body.is_hidden)
            .map_err(|_| {
                GraphError::new(
                    StatusCode::CONFLICT,
                    "ErrorFolderExists",
                    "A folder with the specified name already exists.",
                )
            })?;
        let folder = mb.folder(&id)?;
        Ok(folder_json(mb, folder))
    })?;
    if let Value::Object(map) = &mut folder {
        map.insert(
            "@odata.context".into(),
            json!(context(state, "users('me')/mailFolders/$entity")),
        );
    }
    Ok(json(StatusCode::CREATED, folder))
}

/// `POST /me/mailFolders`.
pub async fn create_in_root(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, None, super::parse_body(&body)?)
}

/// `POST /me/mailFolders/{id}/childFolders`.
pub async fn create_child(
    State(state): State<Arc<GraphState>>,
    caller: Caller,
    Path(folder_id): Path<String>,
    body: Bytes,
) -> Result<Response, GraphError> {
    create(&state, &caller, Some(&folder_id), super::parse_body(&body)?)
}
