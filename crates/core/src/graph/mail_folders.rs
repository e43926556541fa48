//! Mail folders (https://learn.microsoft.com/graph/api/resources/mailfolder, GRAPH_FACTS §2.1).
//!
//! Contract: `GET /me/mailFolders` lists only the children of the mailbox root; each level is
//! read with `GET /me/mailFolders/{id}/childFolders`. Default page size is 10, so every level is
//! paged by following `@odata.nextLink`. Folder ids are stable (no immutable-id needed).
//! Well-known names (`inbox`, `msgfolderroot`) work in place of ids. Creating a sibling with an
//! existing name answers 400/409 `ErrorFolderExists`.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::graph::client::GraphClient;
use crate::graph::error::GraphError;

const SELECT: &str =
    "$select=id,displayName,parentFolderId,childFolderCount,unreadItemCount,totalItemCount";

/// One mail folder as Graph lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailFolder {
    /// Folder id.
    pub id: String,
    /// Name shown in Outlook.
    pub display_name: String,
    /// Parent folder id.
    #[serde(default)]
    pub parent_folder_id: Option<String>,
    /// Number of direct child folders.
    #[serde(default)]
    pub child_folder_count: u32,
    /// Unread mails.
    #[serde(default)]
    pub unread_item_count: u32,
    /// All mails.
    #[serde(default)]
    pub total_item_count: u32,
}

/// A folder with its path and all its sub-folders, for the folder picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderNode {
    /// Folder id.
    pub id: String,
    /// Name shown in Outlook.
    pub name: String,
    /// Names from the root, joined with `/`.
    pub path: String,
    /// Unread mails.
    pub unread: u32,
    /// All mails.
    pub total: u32,
    /// Sub-folders, in Graph's order.
    pub children: Vec<FolderNode>,
}

/// The folders directly under the mailbox root.
pub async fn list_root(client: &GraphClient) -> Result<Vec<MailFolder>, GraphError> {
    client
        .get_all(&format!("/me/mailFolders?{SELECT}&$top=100"))
        .await
}

/// The direct sub-folders of `folder_id`.
pub async fn list_children(
    client: &GraphClient,
    folder_id: &str,
) -> Result<Vec<MailFolder>, GraphError> {
    client
        .get_all(&format!(
            "/me/mailFolders/{}/childFolders?{SELECT}&$top=100",
            encode(folder_id)
        ))
        .await
}

/// One folder by id or well-known name.
pub async fn get(client: &GraphClient, folder_id: &str) -> Result<MailFolder, GraphError> {
    client
        .get(&format!("/me/mailFolders/{}?{SELECT}", encode(folder_id)))
        .await
}

/// Creates a folder named `name` under `parent` (or directly under the root).
pub async fn create(
    client: &GraphClient,
    parent: Option<&str>,
    name: &str,
) -> Result<MailFolder, GraphError> {
    let path = match parent {
        Some(p) => format!("/me/mailFolders/{}/childFolders", encode(p)),
        None => "/me/mailFolders".to_owned(),
    };
    let response = client
        .send(
            reqwest::Method::POST,
            &path,
            Some(&json!({ "displayName": name })),
            &[],
        )
        .await?;
    serde_json::from_value(response.body).map_err(|e| {
        GraphError::local(
            crate::graph::error::GraphErrorKind::BadAnswer,
            "unexpectedBody",
            e.to_string(),
        )
    })
}

/// The whole folder tree, all levels (a level is read only where `childFolderCount > 0`).
pub async fn tree(client: &GraphClient) -> Result<Vec<FolderNode>, GraphError> {
    let root = list_root(client).await?;
    let mut nodes = Vec::with_capacity(root.len());
    for folder in root {
        nodes.push(subtree(client, folder, "").await?);
    }
    Ok(nodes)
}

fn subtree<'a>(
    client: &'a GraphClient,
    folder: MailFolder,
    parent_path: &'a str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<FolderNode, GraphError>> + Send + 'a>>
{
    Box::pin(async move {
        let path = if parent_path.is_empty() {
            folder.display_name.clone()
        } else {
            format!("{parent_path}/{}", folder.display_name)
        };
        let mut children = Vec::new();
        if folder.child_folder_count > 0 {
            for child in list_children(client, &folder.id).await? {
                children.push(subtree(client, child, &path).await?);
            }
        }
        Ok(FolderNode {
            id: folder.id,
            name: folder.display_name,
            path,
            unread: folder.unread_item_count,
            total: folder.total_item_count,
            children,
        })
    })
}

/// Percent-encodes an id for a path segment (ids may hold `/`, `+`, `=`).
pub(crate) fn encode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
