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
//! - A page's envelope (`value` list, links) must be whole, else the page fails; its items are
//!   read one by one, so one malformed message ([`MessageChange::Unreadable`]) does not block
//!   the rest. A round's links are followed only on Graph's own origin (the client checks each
//!   request; a foreign `deltaLink` is refused before anybody saves it), and a round ends at a
//!   link that came again or at the page bound ([`DeltaCursor`]).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::graph::client::{GraphClient, PageTrail};
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
    /// An item Graph sent in a form that cannot be read (a wrongly typed field, no usable id).
    Unreadable(UnreadableItem),
}

/// What is known of an item that could not be read, for the run log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableItem {
    /// Its id, when it has one as text.
    pub id: Option<String>,
    /// Its Message-ID, when it has one as text.
    pub internet_message_id: Option<String>,
    /// Its subject, when it has one as text (so the person can tell which mail it was).
    pub subject: Option<String>,
    /// What is wrong with it.
    pub problem: String,
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

/// Where a delta read goes on from: the folder's first page, or a link Graph gave (a saved
/// `deltaLink`, or the `nextLink` of the page before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeltaFrom<'a> {
    /// A new round over the whole folder.
    Start,
    /// A link from Graph, followed verbatim.
    Link(&'a str),
}

/// One page of a delta round (of messages; the calendar reads its own changes, `C`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeltaPage<C = MessageChange> {
    /// More pages follow from the `nextLink`.
    More {
        /// The page's changes in Graph's order.
        changes: Vec<C>,
        /// The next page, verbatim.
        next_link: String,
    },
    /// The round's last page.
    Last {
        /// The page's changes in Graph's order.
        changes: Vec<C>,
        /// Where the next round starts; persist it after handling the round.
        delta_link: DeltaLink,
    },
}

/// Reads one page of `folder_id`'s delta, `page_size` items at most (`Prefer:
/// odata.maxpagesize`), so a caller handles a large folder a page at a time.
pub async fn delta_page(
    client: &GraphClient,
    folder_id: &str,
    from: DeltaFrom<'_>,
    page_size: u32,
) -> Result<DeltaPage, GraphError> {
    let url = match from {
        DeltaFrom::Link(link) => link.to_owned(),
        DeltaFrom::Start => format!(
            "/me/mailFolders/{}/messages/delta?$select={MESSAGE_SELECT}",
            encode(folder_id)
        ),
    };
    let prefer = format!("odata.maxpagesize={page_size}");
    let response = client
        .send(reqwest::Method::GET, &url, None, &[&prefer])
        .await?;
    let page = read_delta_page(response.body).map_err(|e| GraphError {
        request_id: response.request_id,
        ..e
    })?;
    if let DeltaPage::Last { delta_link, .. } = &page {
        // NOTE: a deltaLink is saved and followed by a later run: one on another server is
        // refused now, before it is saved, not in every run after.
        client.checked_url(&delta_link.0)?;
    }
    Ok(page)
}

/// Reads a delta page's JSON body. The envelope must be whole (an object whose `value` is a
/// list and whose links are text, with a nextLink or a deltaLink), else the page fails; each
/// item is read on its own, so a malformed one becomes [`MessageChange::Unreadable`] and the
/// others are kept in Graph's order.
pub fn read_delta_page(body: Value) -> Result<DeltaPage, GraphError> {
    read_delta_page_with(body, change_of)
}

/// [`read_delta_page`] for any item type: `change_of` reads one item.
pub fn read_delta_page_with<C>(
    body: Value,
    change_of: impl Fn(Value) -> C,
) -> Result<DeltaPage<C>, GraphError> {
    let bad = |detail: &str| {
        GraphError::local(
            GraphErrorKind::BadAnswer,
            "unexpectedBody",
            detail.to_owned(),
        )
    };
    let Value::Object(mut envelope) = body else {
        return Err(bad("a delta page that is not a JSON object"));
    };
    let link = |value: Option<Value>, name: &str| match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(link)) => Ok(Some(link)),
        Some(_) => Err(bad(&format!("a delta page whose {name} is not text"))),
    };
    let next_link = link(envelope.remove("@odata.nextLink"), "nextLink")?;
    let delta_link = link(envelope.remove("@odata.deltaLink"), "deltaLink")?;
    let items = match envelope.remove("value") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(bad("a delta page whose value is not a list")),
    };
    let changes = items.into_iter().map(change_of).collect();
    match (next_link, delta_link) {
        (Some(next_link), _) => Ok(DeltaPage::More { changes, next_link }),
        (None, Some(d)) => Ok(DeltaPage::Last {
            changes,
            delta_link: DeltaLink(d),
        }),
        (None, None) => Err(GraphError::local(
            GraphErrorKind::Transient,
            "deltaIncomplete",
            "delta page without nextLink or deltaLink",
        )),
    }
}

/// Where a delta round stands, without I/O: which link to read next, and the round's end.
/// The whole-round reader below and a job that handles each page as it arrives share it.
/// A round that links back to a page it read, or runs past its page bound, ends with an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaCursor {
    next: Option<Option<String>>,
    end: Option<DeltaLink>,
    trail: PageTrail,
}

impl DeltaCursor {
    /// A round from `from` (a saved delta link) or, without one, from the folder's start, of at
    /// most [`MAX_PAGES_PER_ROUND`](crate::graph::client::MAX_PAGES_PER_ROUND) pages.
    pub fn new(from: Option<&str>) -> Self {
        Self::bounded(from, crate::graph::client::MAX_PAGES_PER_ROUND)
    }

    /// A round of at most `max_pages` pages.
    pub fn bounded(from: Option<&str>, max_pages: usize) -> Self {
        DeltaCursor {
            next: Some(from.map(str::to_owned)),
            end: None,
            trail: PageTrail::new(max_pages, from),
        }
    }

    /// What to read next; none once the round's last page was taken.
    pub fn next(&self) -> Option<DeltaFrom<'_>> {
        self.next
            .as_ref()
            .map(|link| link.as_deref().map_or(DeltaFrom::Start, DeltaFrom::Link))
    }

    /// Takes a page read from [`DeltaCursor::next`]; answers its changes, or why the round
    /// cannot go on (its next link came before in this round, or the round is too long).
    pub fn take<C>(&mut self, page: DeltaPage<C>) -> Result<Vec<C>, GraphError> {
        let next = match &page {
            DeltaPage::More { next_link, .. } => Some(next_link.as_str()),
            DeltaPage::Last { .. } => None,
        };
        if let Err(e) = self.trail.page(next) {
            self.next = None;
            return Err(e);
        }
        Ok(match page {
            DeltaPage::More { changes, next_link } => {
                self.next = Some(Some(next_link));
                changes
            }
            DeltaPage::Last {
                changes,
                delta_link,
            } => {
                self.next = None;
                self.end = Some(delta_link);
                changes
            }
        })
    }

    /// Pages taken so far.
    pub fn pages(&self) -> usize {
        self.trail.pages()
    }

    /// Where the next round starts, once this one was read to its end.
    pub fn end(self) -> Option<DeltaLink> {
        self.end
    }
}

/// Runs one whole delta round of `folder_id`, starting from `from` (or an initial round), with
/// `page_size` items per page; holds the round in memory.
pub async fn delta(
    client: &GraphClient,
    folder_id: &str,
    from: Option<&DeltaLink>,
    page_size: u32,
) -> Result<DeltaRound, GraphError> {
    let mut cursor = DeltaCursor::bounded(from.map(|l| l.0.as_str()), client.max_pages_per_round());
    let mut changes = Vec::new();
    while let Some(at) = cursor.next() {
        let page = delta_page(client, folder_id, at, page_size).await?;
        changes.extend(cursor.take(page)?);
    }
    let pages = cursor.pages();
    let delta_link = cursor.end().ok_or_else(|| {
        GraphError::local(
            GraphErrorKind::Transient,
            "deltaIncomplete",
            "delta round ended early",
        )
    })?;
    Ok(DeltaRound {
        changes,
        delta_link,
        pages,
    })
}

/// A message's body, with the folder it is in when it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailBody {
    /// The HTML (or text) body.
    pub html: String,
    /// Its `parentFolderId` now (the mail may have left the folder it was found in).
    pub folder: Option<String>,
}

/// A message's HTML (or text) body and its folder now.
pub async fn body(client: &GraphClient, message_id: &str) -> Result<MailBody, GraphError> {
    let value: Value = client
        .get(&format!(
            "/me/messages/{}?$select=body,parentFolderId",
            encode(message_id)
        ))
        .await?;
    let text = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
    Ok(MailBody {
        html: text("/body/content").unwrap_or_default().to_owned(),
        folder: text("/parentFolderId").map(str::to_owned),
    })
}

/// What kind of attachment Graph lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentKind {
    /// A file: its `$value` is the file.
    File,
    /// An attached mail: its `$value` is the mail's MIME.
    Item,
    /// A link to a cloud file, no bytes.
    Reference,
}

/// An attachment as listed (GRAPH_FACTS §2.6): metadata only, never its bytes, so one over a
/// limit is left out without being downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    /// Its id.
    pub id: String,
    /// What it is.
    pub kind: AttachmentKind,
    /// Its file name, if any.
    pub name: Option<String>,
    /// Its content type, if any.
    pub content_type: Option<String>,
    /// Its size in bytes as Graph states it.
    pub size: u64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListedAttachment {
    #[serde(rename = "@odata.type", default)]
    odata_type: String,
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    size: u64,
}

/// The attachments of a message with their metadata (`$select`: no `contentBytes`).
pub async fn attachments(
    client: &GraphClient,
    message_id: &str,
) -> Result<Vec<AttachmentInfo>, GraphError> {
    let list: Vec<ListedAttachment> = client
        .get_all(&format!(
            "/me/messages/{}/attachments?$select=id,name,contentType,size,isInline",
            encode(message_id)
        ))
        .await?;
    Ok(list
        .into_iter()
        .map(|a| AttachmentInfo {
            kind: if a.odata_type.ends_with("fileAttachment") {
                AttachmentKind::File
            } else if a.odata_type.ends_with("itemAttachment") {
                AttachmentKind::Item
            } else {
                AttachmentKind::Reference
            },
            id: a.id,
            name: a.name,
            content_type: a.content_type,
            size: a.size,
        })
        .collect())
}

/// The raw bytes of one attachment (`$value`: the file, or an attached mail's MIME).
pub async fn attachment_bytes(
    client: &GraphClient,
    message_id: &str,
    attachment_id: &str,
) -> Result<Vec<u8>, GraphError> {
    client
        .get_bytes(&format!(
            "/me/messages/{}/attachments/{}/$value",
            encode(message_id),
            encode(attachment_id)
        ))
        .await
}

/// One item of a delta page: a change, or what is known of it when it cannot be read.
fn change_of(item: Value) -> MessageChange {
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    let unreadable = |problem: String| {
        MessageChange::Unreadable(UnreadableItem {
            id: text("id"),
            internet_message_id: text("internetMessageId"),
            subject: text("subject"),
            problem,
        })
    };
    // NOTE: an id is asked for again (body, attachments, move): one that is not text, empty,
    // or had bytes that were not UTF-8 (read as U+FFFD) cannot be, so the item is unreadable.
    let id = match text("id") {
        Some(id) if !id.is_empty() && !id.contains(char::REPLACEMENT_CHARACTER) => id,
        _ if !item.is_object() => return unreadable("an item that is not a JSON object".into()),
        _ => return unreadable("an item without a usable id".into()),
    };
    if item.get("@removed").is_some() {
        return MessageChange::Removed { id };
    }
    match Message::deserialize(&item) {
        Ok(m) => MessageChange::Upsert(Box::new(m)),
        Err(e) => unreadable(e.to_string()),
    }
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
        .map_err(|e| GraphError::local(GraphErrorKind::BadAnswer, "unexpectedBody", e.to_string()))
}
