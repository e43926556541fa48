//! The person's Outlook contacts as the contacts job writes them (GRAPH_FACTS §4,
//! https://learn.microsoft.com/graph/api/resources/contact).
//!
//! Contract:
//! - Create `POST /me/contactFolders/{folder}/contacts` (201), update `PATCH
//!   /me/contacts/{id}` (200, arrays replaced whole; `displayName` always sent, or Exchange may
//!   generate one over it), and `DELETE /me/contacts/{id}` (Outlook moves a deleted contact to
//!   Deleted Items; GRAPH_FACTS §4.3 notes servers that delete for good, which the fake models).
//!   Writes go in `$batch` of 20 (`graph::batch`), each item throttled on its own.
//! - The main Contacts folder is not listed by `/me/contactFolders`; its id is the
//!   `parentFolderId` of its contacts and child folders ([`default_folder_id`]). An empty
//!   address book has none to read it from: contacts are then created through `/me/contacts`.
//! - Our contacts carry the Odoo identity in a `singleValueExtendedProperty`
//!   ([`IDENTITY_PROPERTY`]); they are found again by `$filter` on it (a reinstall relinks), and
//!   the person's own contacts, which lack it, are never listed for writing.
//! - Outlook-side edits and deletions: `GET /me/contactFolders/{folder}/contacts/delta`, rounds
//!   like the mail delta (`@removed` for deleted or moved-away contacts, 410 = read again).

use serde::Deserialize;
use serde_json::{Value, json};

use super::batch::BatchRequest;
use super::client::GraphClient;
use super::error::{GraphError, GraphErrorKind};
use super::mail_folders::encode;
use crate::contacts::mapping::IDENTITY_PROPERTY;

/// One entry of a contacts delta round.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactChange {
    /// Created or changed: its id, change key and fields as Outlook has them now.
    Upsert {
        /// Its id.
        id: String,
        /// Its change key.
        change_key: String,
        /// Its fields.
        body: Value,
    },
    /// Deleted or moved out of the folder.
    Removed {
        /// Its id.
        id: String,
    },
}

/// Reads one delta item (an item without a usable id is left out: it cannot be ours).
pub fn change_of(item: Value) -> Option<ContactChange> {
    let id = item.get("id")?.as_str()?.to_owned();
    if item.get("@removed").is_some() {
        return Some(ContactChange::Removed { id });
    }
    let change_key = item
        .get("changeKey")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    Some(ContactChange::Upsert {
        id,
        change_key,
        body: item,
    })
}

/// The first page of a folder's delta.
pub fn delta_url(folder: &str) -> String {
    format!("/me/contactFolders/{}/contacts/delta", encode(folder))
}

/// Our contacts in `folder`, each with its identity property (a reinstall finds them).
pub fn ours_url(folder: &str) -> String {
    let property = IDENTITY_PROPERTY.replace('\'', "''");
    format!(
        "/me/contactFolders/{}/contacts?$select=id,changeKey&$top=100\
         &$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{property}' and ep/value ne '')\
         &$expand=singleValueExtendedProperties($filter=id eq '{property}')",
        encode(folder)
    )
}

/// The identity value of a contact listed by [`ours_url`].
pub fn identity_of(contact: &Value) -> Option<&str> {
    contact
        .get("singleValueExtendedProperties")?
        .as_array()?
        .iter()
        .find(|p| p.get("id").and_then(Value::as_str) == Some(IDENTITY_PROPERTY))?
        .get("value")?
        .as_str()
}

/// A batch item creating `body` in `folder` (empty: the main Contacts folder).
pub fn create(id: String, folder: &str, body: &Value) -> BatchRequest {
    let url = if folder.is_empty() {
        "/me/contacts".to_owned()
    } else {
        format!("/me/contactFolders/{}/contacts", encode(folder))
    };
    BatchRequest {
        id,
        method: "POST".into(),
        url,
        body: Some(body.clone()),
        content_type: None,
    }
}

/// A batch item writing `body` over contact `contact`.
pub fn update(id: String, contact: &str, body: &Value) -> BatchRequest {
    BatchRequest {
        id,
        method: "PATCH".into(),
        url: format!("/me/contacts/{}", encode(contact)),
        body: Some(body.clone()),
        content_type: None,
    }
}

/// A batch item deleting contact `contact` (Outlook keeps it in Deleted Items).
pub fn delete(id: String, contact: &str) -> BatchRequest {
    BatchRequest {
        id,
        method: "DELETE".into(),
        url: format!("/me/contacts/{}", encode(contact)),
        body: None,
        content_type: None,
    }
}

/// A batch item setting contact `contact`'s photo (JSON batching carries a binary body as
/// base64 with its own `Content-Type`); none when the bytes are neither JPEG nor PNG.
pub fn photo(id: String, contact: &str, bytes: &[u8]) -> Option<BatchRequest> {
    use base64::Engine as _;
    let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else {
        return None;
    };
    Some(BatchRequest {
        id,
        method: "PUT".into(),
        url: format!("/me/contacts/{}/photo/$value", encode(contact)),
        body: Some(Value::String(
            base64::engine::general_purpose::STANDARD.encode(bytes),
        )),
        content_type: Some(kind.to_owned()),
    })
}

/// The main Contacts folder's id, read from a contact or a child folder in it; none for an
/// empty address book.
pub async fn default_folder_id(client: &GraphClient) -> Result<Option<String>, GraphError> {
    for url in [
        "/me/contacts?$top=1&$select=parentFolderId",
        "/me/contactFolders?$top=1&$select=parentFolderId",
    ] {
        let page: Value = client.get(url).await?;
        let found = page["value"]
            .as_array()
            .and_then(|v| v.first())
            .and_then(|c| c["parentFolderId"].as_str());
        if let Some(id) = found {
            return Ok(Some(id.to_owned()));
        }
    }
    Ok(None)
}

/// The child folder `name` of the main Contacts folder, if there is one.
pub async fn folder_if_there(
    client: &GraphClient,
    name: &str,
) -> Result<Option<String>, GraphError> {
    let escaped = name.replace('\'', "''");
    let page: Value = client
        .get(&format!(
            "/me/contactFolders?$filter=displayName eq '{escaped}'&$select=id"
        ))
        .await?;
    Ok(page["value"]
        .as_array()
        .and_then(|v| v.first())
        .and_then(|f| f["id"].as_str())
        .map(str::to_owned))
}

/// The child folder `name` of the main Contacts folder, created when missing.
pub async fn folder_named(client: &GraphClient, name: &str) -> Result<String, GraphError> {
    if let Some(id) = folder_if_there(client, name).await? {
        return Ok(id);
    }
    let made = client
        .send(
            reqwest::Method::POST,
            "/me/contactFolders",
            Some(&json!({"displayName": name})),
            &[],
        )
        .await?;
    made.body["id"].as_str().map(str::to_owned).ok_or_else(|| {
        GraphError::local(
            GraphErrorKind::BadAnswer,
            "unexpectedBody",
            "a folder without id".to_owned(),
        )
    })
}

/// What a create or update answered: the contact's id and new change key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Written {
    /// Its id.
    pub id: String,
    /// Its change key after the write.
    #[serde(default)]
    pub change_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_items_are_changes_or_removals_and_our_identity_is_read_back() {
        assert_eq!(
            change_of(json!({"id": "A", "@removed": {"reason": "deleted"}})),
            Some(ContactChange::Removed { id: "A".into() })
        );
        let Some(ContactChange::Upsert { change_key, .. }) =
            change_of(json!({"id": "B", "changeKey": "ck", "displayName": "Anna"}))
        else {
            panic!("an upsert")
        };
        assert_eq!(change_key, "ck");
        assert_eq!(change_of(json!({"displayName": "no id"})), None);
        let listed = json!({"id": "C", "singleValueExtendedProperties": [
            {"id": IDENTITY_PROPERTY, "value": "prod:42"}]});
        assert_eq!(identity_of(&listed), Some("prod:42"));
        assert!(ours_url("AAMk/x=").contains("AAMk%2Fx%3D"));
    }

    #[test]
    fn writes_are_batch_items_and_an_empty_folder_is_the_main_one() {
        let body = json!({"displayName": "Anna"});
        assert_eq!(
            create("1".into(), "F", &body).url,
            "/me/contactFolders/F/contacts"
        );
        assert_eq!(update("2".into(), "C", &body).method, "PATCH");
        let gone = delete("3".into(), "C");
        assert_eq!(
            (gone.method.as_str(), gone.url.as_str()),
            ("DELETE", "/me/contacts/C")
        );
        assert_eq!(create("4".into(), "", &body).url, "/me/contacts");
    }
}
