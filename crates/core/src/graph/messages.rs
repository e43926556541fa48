//! Messages and per-folder message delta (https://learn.microsoft.com/graph/api/message-delta,
//! GRAPH_FACTS §2.2–2.5).
//!
//! Contract:
//! - `GET /me/mailFolders/{id}/messages/delta?$select=…` with `Prefer: odata.maxpagesize=N`
//!   starts a round; pages link by `@odata.nextLink` (`$skiptoken`), followed verbatim; the last
//!   page carries `@odata.deltaLink` (`$deltatoken`). The caller persists that link (store
//!   cursor) only after it handled the round, and starts the next round from it.
//! - Removed or moved-away messages appear as `{"id", "@removed": {"reason"}}`.
//! - An expired delta token answers 410 Gone (`syncStateNotFound`) with a `Location` header for a
//!   fresh round: [`GraphErrorKind::ResyncRequired`](crate::graph::error::GraphErrorKind) — the
//!   caller enumerates again, it never treats the gap as deletions.
//! - Ids are immutable ids (`Prefer: IdType="ImmutableId"`, sent by the client), so a move keeps
//!   the id; `POST /me/messages/{id}/move {"destinationId"}` answers the moved message.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::graph::client::{GraphClient, Page};
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::mail_folders::encode;

/// The properties every message read selects.
pub const MESSAGE_SELECT: &str = "id,internetMessageId,subject,from,sender,toRecipients,ccRecipients,receivedDateTime,sentDateTime,hasAttachments,isRead,parentFolderId,changeKey";

/// A saved `@odata.deltaLink`, opaque.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeltaLink(pub String);

/// A mail address with its display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// SMTP address.
    #[serde(default)]
    pub address: Option<String>,
}

/// A sender or recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    /// The address.
    pub email_address: EmailAddress,
}

/// A message with the selected properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Immutable id.
    pub id: String,
    /// RFC 5322 Message-ID (with `<>`).
    #[serde(default)]
    pub internet_message_id: Option<String>,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// From (may be null on drafts).
    #[serde(default)]
    pub from: Option<Recipient>,
    /// Sender.
    #[serde(default)]
    pub sender: Option<Recipient>,
    /// To.
    #[serde(default)]
    pub to_recipients: Vec<Recipient>,
    /// Cc.
    #[serde(default)]
    pub cc_recipients: Vec<Recipient>,
    /// Received (UTC, RFC 3339).
    #[serde(default)]
    pub received_date_time: Option<String>,
    /// Sent (UTC, RFC 3339).
    #[serde(default)]
    pub sent_date_time: Option<String>,
    /// Has file attachments (false with only inline ones).
    #[serde(default)]
    pub has_attachments: bool,
    /// Read.
    #[serde(default)]
    pub is_read: bool,
    /// The folder it is in.
    #[serde(default)]
    pub parent_folder_id: Option<String>,
    /// Change key.
    #[serde(default)]
    pub change_key: Option<String>,
}

/// One entry of a delta round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageChange {
    /// Created or changed (the current state).
    Upsert(Box<Message>),
    /// Left the folder (moved or deleted).
    Removed {
        /// Its id.
        id: String,
    },
}

/// A complete delta round: every change and the link to continue from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaRound {
    /// Changes in the order Graph sent them (an item may appear more than once).
    pub changes: Vec<MessageChange>,
    /// Where the next round starts; persist it after handling the changes.
    pub delta_link: DeltaLink,
    /// How many pages the round had.
    pub pages: usize,
}

/// Runs one delta round of `folder_id`, starting from `from` (or an initial round), with
/// `page_size` items per page (`Prefer: odata.maxpagesize`).
pub async fn delta(
    client: &GraphClient,
    folder_id: &str,
    from: Option<&DeltaLink>,
    page_size: u32,
) -> Result<DeltaRound, GraphError> {
    let first = match from {
        Some(link) => link.0.clone(),
        None => format!(
            "/me/mailFolders/{}/messages/delta?$select={MESSAGE_SELECT}",
            encode(folder_id)
        ),
    };
    let prefer = format!("odata.maxpagesize={page_size}");
    let mut next = Some(first);
    let mut changes = Vec::new();
    let mut pages = 0;
    while let Some(url) = next.take() {
        let response = client
            .send(reqwest::Method::GET, &url, None, &[&prefer])
            .await?;
        pages += 1;
        let page: Page<Value> = serde_json::from_value(response.body).map_err(|e| {
            GraphError::local(GraphErrorKind::Permanent, "unexpectedBody", e.to_string())
        })?;
        for item in page.value {
            changes.push(change_of(item)?);
        }
        match (page.next_link, page.delta_link) {
            (Some(n), _) => next = Some(n),
            (None, Some(d)) => {
                return Ok(DeltaRound {
                    changes,
                    delta_link: DeltaLink(d),
                    pages,
                });
            }
            (None, None) => {
                return Err(GraphError::local(
                    GraphErrorKind::Transient,
                    "deltaIncomplete",
                    "delta page without nextLink or deltaLink",
                ));
            }
        }
    }
    Err(GraphError::local(
        GraphErrorKind::Transient,
        "deltaIncomplete",
        "delta round ended early",
    ))
}

fn change_of(item: Value) -> Result<MessageChange, GraphError> {
    if item.get("@removed").is_some() {
        let id = item["id"].as_str().unwrap_or_default().to_owned();
        return Ok(MessageChange::Removed { id });
    }
    serde_json::from_value(item)
        .map(|m| MessageChange::Upsert(Box::new(m)))
        .map_err(|e| GraphError::local(GraphErrorKind::Permanent, "unexpectedBody", e.to_string()))
}

/// Every message in `folder_id` (paged), newest first.
pub async fn list(client: &GraphClient, folder_id: &str) -> Result<Vec<Message>, GraphError> {
    client
        .get_all(&format!(
            "/me/mailFolders/{}/messages?$select={MESSAGE_SELECT}&$top=50",
            encode(folder_id)
        ))
        .await
}

/// Moves a message to `destination` (folder id or well-known name); returns it as moved.
pub async fn move_to(
    client: &GraphClient,
    message_id: &str,
    destination: &str,
) -> Result<Message, GraphError> {
    let response = client
        .send(
            reqwest::Method::POST,
            &format!("/me/messages/{}/move", encode(message_id)),
            Some(&json!({ "destinationId": destination })),
            &[],
        )
        .await?;
    serde_json::from_value(response.body)
        .map_err(|e| GraphError::local(GraphErrorKind::Permanent, "unexpectedBody", e.to_string()))
}
