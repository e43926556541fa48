//! Messages and attachments as Exchange stores them, and their Graph v1.0 JSON
//! (`microsoft.graph.message`, `fileAttachment`, `itemAttachment`: exactly the properties of
//! shared/reference/graph/schemas.json, in the order Graph writes them; datetimes as
//! `2026-11-20T08:15:00Z`; `internetMessageId` with its angle brackets; `@odata.etag` is
//! `W/"<changeKey>"`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// Formats a datetime the way Graph writes Outlook timestamps.
pub fn graph_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A name and address, as in `emailAddress`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// SMTP address.
    pub address: String,
}

/// What an attachment holds.
#[derive(Debug, Clone)]
pub enum AttachmentContent {
    /// A file with its bytes.
    File(Vec<u8>),
    /// An attached Outlook item (an e-mail).
    Item(Box<MessageData>),
}

/// An attachment of a message.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Attachment id.
    pub id: String,
    /// File or item name.
    pub name: String,
    /// MIME type of a file attachment.
    pub content_type: String,
    /// Whether it is shown inside the body (`cid:` image).
    pub is_inline: bool,
    /// `Content-ID` referenced by the body as `cid:…`.
    pub content_id: Option<String>,
    /// The content.
    pub content: AttachmentContent,
    /// Last change.
    pub last_modified: DateTime<Utc>,
}

impl Attachment {
    /// The attachment's raw bytes as `/$value` serves them (MIME for an item attachment).
    pub fn raw(&self) -> Vec<u8> {
        match &self.content {
            AttachmentContent::File(bytes) => bytes.clone(),
            AttachmentContent::Item(item) => super::mime::render(item).into_bytes(),
        }
    }

    /// Size Graph reports.
    pub fn size(&self) -> i64 {
        i64::try_from(self.raw().len()).unwrap_or(i64::MAX)
    }

    /// Graph JSON of the attachment (file attachments include `contentBytes`).
    pub fn to_json(&self) -> Value {
        match &self.content {
            AttachmentContent::File(bytes) => json!({
                "@odata.type": "#microsoft.graph.fileAttachment",
                "@odata.mediaContentType": self.content_type,
                "id": self.id,
                "lastModifiedDateTime": graph_datetime(self.last_modified),
                "name": self.name,
                "contentType": self.content_type,
                "size": self.size(),
                "isInline": self.is_inline,
                "contentId": self.content_id,
                "contentLocation": null,
                "contentBytes": STANDARD.encode(bytes),
            }),
            AttachmentContent::Item(_) => json!({
                "@odata.type": "#microsoft.graph.itemAttachment",
                "id": self.id,
                "lastModifiedDateTime": graph_datetime(self.last_modified),
                "name": self.name,
                "contentType": null,
                "size": self.size(),
                "isInline": self.is_inline,
            }),
        }
    }
}

/// The content of an e-mail, independent of where it is stored.
#[derive(Debug, Clone)]
pub struct MessageData {
    /// Subject; empty when the mail has none (Graph then sends `""`).
    pub subject: String,
    /// HTML body.
    pub body_html: String,
    /// Author (`from`, also used as `sender`).
    pub from: Option<Address>,
    /// Sender when it differs from `from` (sent on behalf / shared mailbox).
    pub sender: Option<Address>,
    /// To recipients.
    pub to: Vec<Address>,
    /// Cc recipients.
    pub cc: Vec<Address>,
    /// Bcc recipients.
    pub bcc: Vec<Address>,
    /// Reply-To addresses.
    pub reply_to: Vec<Address>,
    /// When the mailbox received it.
    pub received: DateTime<Utc>,
    /// When it was sent.
    pub sent: DateTime<Utc>,
    /// RFC 5322 Message-ID with angle brackets.
    pub internet_message_id: String,
    /// Read flag.
    pub is_read: bool,
    /// Draft flag.
    pub is_draft: bool,
    /// `low`, `normal` or `high`.
    pub importance: String,
    /// Categories.
    pub categories: Vec<String>,
    /// Attachments (file, inline, item).
    pub attachments: Vec<Attachment>,
}

/// A message in a mailbox: its content plus the ids and bookkeeping Exchange keeps.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    /// REST id; changes when the message moves to another folder.
    pub rest_id: String,
    /// Immutable id (`Prefer: IdType="ImmutableId"`).
    pub immutable_id: String,
    /// Folder the message is in.
    pub folder_id: String,
    /// Content.
    pub data: MessageData,
    /// Created in this mailbox.
    pub created: DateTime<Utc>,
    /// Last change.
    pub last_modified: DateTime<Utc>,
    /// Change key; new on every change.
    pub change_key: String,
    /// Conversation id.
    pub conversation_id: String,
    /// Conversation index bytes.
    pub conversation_index: Vec<u8>,
    /// Mailbox change sequence of the last change (drives delta).
    pub version: u64,
}

/// Every property Graph returns for a message without `$select`, in Graph's order.
pub const DEFAULT_PROPERTIES: &[&str] = &[
    "createdDateTime",
    "lastModifiedDateTime",
    "changeKey",
    "categories",
    "receivedDateTime",
    "sentDateTime",
    "hasAttachments",
    "internetMessageId",
    "subject",
    "bodyPreview",
    "importance",
    "parentFolderId",
    "conversationId",
    "conversationIndex",
    "isDeliveryReceiptRequested",
    "isReadReceiptRequested",
    "isRead",
    "isDraft",
    "webLink",
    "inferenceClassification",
    "body",
    "sender",
    "from",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "replyTo",
    "flag",
];

/// Properties only returned when `$select`ed.
pub const SELECT_ONLY_PROPERTIES: &[&str] = &["uniqueBody", "internetMessageHeaders"];

fn recipient(a: &Address) -> Value {
    json!({"emailAddress": {"name": a.name, "address": a.address}})
}

fn recipients(list: &[Address]) -> Value {
    Value::Array(list.iter().map(recipient).collect())
}

/// The text of an HTML body, as Graph returns it for `Prefer: outlook.body-content-type="text"`.
pub fn html_to_text(html: &str) -> String {
    let html = html
        .replace("<br>", "\r\n")
        .replace("<br/>", "\r\n")
        .replace("</p>", "\r\n");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// Plain-text preview of an HTML body (at most 255 characters), as `bodyPreview`.
pub fn body_preview(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().take(255).collect()
}

impl StoredMessage {
    /// The id to show: immutable when the request asked for `IdType="ImmutableId"`.
    pub fn id(&self, immutable: bool) -> &str {
        if immutable {
            &self.immutable_id
        } else {
            &self.rest_id
        }
    }

    /// Whether Graph reports attachments (inline-only messages report `false`).
    pub fn has_attachments(&self) -> bool {
        self.data.attachments.iter().any(|a| !a.is_inline)
    }

    fn property(&self, name: &str) -> Option<Value> {
        let d = &self.data;
        Some(match name {
            "createdDateTime" => json!(graph_datetime(self.created)),
            "lastModifiedDateTime" => json!(graph_datetime(self.last_modified)),
            "changeKey" => json!(self.change_key),
            "categories" => json!(d.categories),
            "receivedDateTime" => json!(graph_datetime(d.received)),
            "sentDateTime" => json!(graph_datetime(d.sent)),
            "hasAttachments" => json!(self.has_attachments()),
            "internetMessageId" => json!(d.internet_message_id),
            "subject" => json!(d.subject),
            "bodyPreview" => json!(body_preview(&d.body_html)),
            "importance" => json!(d.importance),
            "parentFolderId" => json!(self.folder_id),
            "conversationId" => json!(self.conversation_id),
            "conversationIndex" => json!(STANDARD.encode(&self.conversation_index)),
            "isDeliveryReceiptRequested" => json!(false),
            "isReadReceiptRequested" => json!(false),
            "isRead" => json!(d.is_read),
            "isDraft" => json!(d.is_draft),
            "webLink" => json!(format!(
                "https://outlook.office365.com/owa/?ItemID={}&exvsurl=1&viewmodel=ReadMessageItem",
                url::form_urlencoded::byte_serialize(self.rest_id.as_bytes()).collect::<String>()
            )),
            "inferenceClassification" => json!("focused"),
            "body" => json!({"contentType": "html", "content": d.body_html}),
            "uniqueBody" => json!({"contentType": "html", "content": d.body_html}),
            "sender" => d
                .sender
                .as_ref()
                .or(d.from.as_ref())
                .map(recipient)
                .unwrap_or(Value::Null),
            "from" => d.from.as_ref().map(recipient).unwrap_or(Value::Null),
            "toRecipients" => recipients(&d.to),
            "ccRecipients" => recipients(&d.cc),
            "bccRecipients" => recipients(&d.bcc),
            "replyTo" => recipients(&d.reply_to),
            "flag" => json!({"flagStatus": "notFlagged"}),
            "internetMessageHeaders" => {
                let mut headers = vec![
                    json!({"name": "Message-ID", "value": d.internet_message_id}),
                    json!({"name": "Subject", "value": d.subject}),
                ];
                if let Some(from) = &d.from {
                    headers.push(json!({"name": "From", "value": format!("{} <{}>", from.name, from.address)}));
                }
                Value::Array(headers)
            }
            _ => return None,
        })
    }

    /// Graph JSON of the message: all default properties, or `@odata.etag`, `id` and the
    /// `select`ed ones; `attachments` when expanded.
    pub fn to_json(
        &self,
        select: Option<&[String]>,
        expand_attachments: bool,
        immutable: bool,
    ) -> Value {
        let mut out = Map::new();
        out.insert(
            "@odata.etag".into(),
            json!(format!("W/\"{}\"", self.change_key)),
        );
        out.insert("id".into(), json!(self.id(immutable)));
        let names: Vec<&str> = match select {
            None => DEFAULT_PROPERTIES.to_vec(),
            Some(list) => DEFAULT_PROPERTIES
                .iter()
                .chain(SELECT_ONLY_PROPERTIES)
                .copied()
                .filter(|p| list.iter().any(|s| s.eq_ignore_ascii_case(p)))
                .collect(),
        };
        for name in names {
            if let Some(v) = self.property(name) {
                out.insert(name.to_string(), v);
            }
        }
        if expand_attachments {
            out.insert(
                "attachments".into(),
                Value::Array(
                    self.data
                        .attachments
                        .iter()
                        .map(Attachment::to_json)
                        .collect(),
                ),
            );
        }
        Value::Object(out)
    }
}

/// Whether `name` is a message property `$select` accepts.
pub fn is_selectable(name: &str) -> bool {
    name.eq_ignore_ascii_case("id")
        || name.eq_ignore_ascii_case("attachments")
        || DEFAULT_PROPERTIES
            .iter()
            .chain(SELECT_ONLY_PROPERTIES)
            .any(|p| p.eq_ignore_ascii_case(name))
}
