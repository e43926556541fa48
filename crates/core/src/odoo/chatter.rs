//! Chatter entries (`mail.message`) and their attachments (`ir.attachment`) on any record.
//!
//! Contract (FACTS 18, 23): `message_post` on one record answers the new `mail.message` id; a
//! note (`subtype_xmlid = mail.mt_note`) with `message_type = email` mails nobody as long as no
//! `partner_ids` are passed. Odoo has no unique constraint on `message_id`, so whoever needs an
//! entry once reads entries back by (`message_id`, `model`, `res_id`). Attachments are created
//! first (one list `create`, FACTS 16) and handed to the post by id; Odoo inspects their content
//! and refuses a damaged image for good (FACTS 42). `unlink` of an id another
//! user removed first answers `MissingError`.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{OdooClient, OdooError, SearchRead};
use crate::model::OdooId;

/// The chatter entry model.
pub const MESSAGE: &str = "mail.message";

/// A record that has a chatter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Record {
    /// Its model (`res.partner`, `crm.lead`).
    pub model: &'static str,
    /// Its id.
    pub id: OdooId,
}

impl Record {
    /// A contact (`res.partner`).
    pub fn contact(id: OdooId) -> Record {
        Record {
            model: super::partners::PARTNER,
            id,
        }
    }

    /// An opportunity (`crm.lead`).
    pub fn opportunity(id: OdooId) -> Record {
        Record {
            model: super::opportunities::LEAD,
            id,
        }
    }

    /// `model/id`, as the journal names a target.
    pub fn target(&self) -> String {
        format!("{}/{}", self.model, self.id.0)
    }
}

/// An entry found in a chatter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The `mail.message` id.
    pub id: OdooId,
    /// Its `message_id` (the mail's key).
    pub key: String,
    /// The record it is on.
    pub record: Record,
}

/// A file to attach to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// The bytes, base64 (Odoo's `datas`).
    pub base64: String,
    /// MIME type.
    pub mimetype: String,
}

/// An e-mail-type note for a chatter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The key entries are found by again (`message_id`).
    pub key: String,
    /// Subject.
    pub subject: String,
    /// Sanitised HTML body.
    pub body: String,
    /// The sender's address.
    pub email_from: Option<String>,
    /// When it was sent (`YYYY-MM-DD HH:MM:SS`, UTC).
    pub date: Option<String>,
    /// Files.
    pub attachments: Vec<Attachment>,
}

/// The entries with one of `keys` on `model` records (of `ids`, when given), lowest id first.
pub async fn entries(
    odoo: &OdooClient,
    model: &'static str,
    keys: &[&str],
    ids: Option<&[i64]>,
) -> Result<Vec<Entry>, OdooError> {
    let mut domain = vec![
        json!(["message_id", "in", keys]),
        json!(["model", "=", model]),
    ];
    if let Some(ids) = ids {
        domain.push(json!(["res_id", "in", ids]));
    }
    let query = SearchRead {
        domain: Value::Array(domain),
        fields: vec!["id".into(), "message_id".into(), "res_id".into()],
        order: Some("id asc".into()),
        ..SearchRead::default()
    };
    let rows = odoo.search_read(MESSAGE, &query).await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(Entry {
                id: OdooId(row.get("id")?.as_i64()?),
                key: row.get("message_id")?.as_str()?.to_owned(),
                record: Record {
                    model,
                    id: OdooId(row.get("res_id")?.as_i64()?),
                },
            })
        })
        .collect())
}

/// Base64 bytes per `create` request: several small files go together, a big one alone, so no
/// request is far bigger than its largest file (a proxy's limit, the client's memory).
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Creates `files` as attachments of `record`, a batch of small files per request (FACTS 16,
/// atomic per request); when Odoo refuses a batch for its content (a damaged image, FACTS 42;
/// a file too large for the server), each of its files again on its own, so the refused ones are
/// known and the others kept. Per file its attachment id or why Odoo refuses it; `Err` when Odoo
/// could not be asked (what this call created is removed then).
pub async fn attach(
    odoo: &OdooClient,
    record: Record,
    files: &[Attachment],
) -> Result<Vec<Result<OdooId, OdooError>>, OdooError> {
    let mut each = Vec::with_capacity(files.len());
    for batch in batches(files) {
        match attach_batch(odoo, record, batch).await {
            Ok(done) => each.extend(done),
            Err(e) => return Err(undo(odoo, &each, e).await),
        }
    }
    Ok(each)
}

/// Odoo could not be asked half way: what this call created goes again; the error stays.
async fn undo(
    odoo: &OdooClient,
    each: &[Result<OdooId, OdooError>],
    error: OdooError,
) -> OdooError {
    let created: Vec<OdooId> = each
        .iter()
        .filter_map(|r| r.as_ref().ok().copied())
        .collect();
    remove_attachments(odoo, &created).await;
    error
}

/// Consecutive runs of files of at most [`BATCH_BYTES`] together (a bigger file alone).
fn batches(files: &[Attachment]) -> Vec<&[Attachment]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, file) in files.iter().enumerate() {
        if i > start && size + file.base64.len() > BATCH_BYTES {
            out.push(&files[start..i]);
            (start, size) = (i, 0);
        }
        size += file.base64.len();
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

async fn attach_batch(
    odoo: &OdooClient,
    record: Record,
    files: &[Attachment],
) -> Result<Vec<Result<OdooId, OdooError>>, OdooError> {
    match odoo
        .create_from("ir.attachment", &new_attachments(record, files))
        .await
    {
        Ok(ids) if ids.len() == files.len() => Ok(ids.into_iter().map(Ok).collect()),
        Ok(ids) => Err(OdooError::UnexpectedAnswer {
            what: "ir.attachment create".into(),
            detail: format!("{} ids for {} files", ids.len(), files.len()),
        }),
        Err(e) if e.refuses_content() && files.len() > 1 => {
            let mut each = Vec::with_capacity(files.len());
            for file in files {
                match odoo
                    .create_from("ir.attachment", &[NewAttachment::of(record, file)])
                    .await
                {
                    Ok(ids) => {
                        each.push(
                            ids.first()
                                .copied()
                                .ok_or_else(|| OdooError::UnexpectedAnswer {
                                    what: "ir.attachment create".into(),
                                    detail: "no id".into(),
                                }),
                        )
                    }
                    Err(e) if e.refuses_content() => each.push(Err(e)),
                    Err(e) => return Err(undo(odoo, &each, e).await),
                }
            }
            Ok(each)
        }
        Err(e) if e.refuses_content() => Ok(vec![Err(e)]),
        Err(e) => Err(e),
    }
}

fn new_attachments(record: Record, files: &[Attachment]) -> Vec<NewAttachment<'_>> {
    files.iter().map(|a| NewAttachment::of(record, a)).collect()
}

/// An `ir.attachment` to create, borrowing the file's bytes (written into the request once).
#[derive(Serialize)]
struct NewAttachment<'a> {
    name: &'a str,
    datas: &'a str,
    mimetype: &'a str,
    res_model: &'a str,
    res_id: i64,
}

impl<'a> NewAttachment<'a> {
    fn of(record: Record, a: &'a Attachment) -> Self {
        NewAttachment {
            name: &a.name,
            datas: &a.base64,
            mimetype: &a.mimetype,
            res_model: record.model,
            res_id: record.id.0,
        }
    }
}

/// Removes attachments of a post that failed (best effort), so a retry does not pile them up.
pub async fn remove_attachments(odoo: &OdooClient, ids: &[OdooId]) {
    if ids.is_empty() {
        return;
    }
    if let Err(cleanup) = unlink_attachments(odoo, ids).await {
        tracing::warn!(error = %cleanup, "attachments of a failed post not removed");
    }
}

/// Removes attachments; ids already gone count as removed.
pub async fn unlink_attachments(odoo: &OdooClient, ids: &[OdooId]) -> Result<(), OdooError> {
    match odoo.unlink("ir.attachment", ids).await {
        Ok(()) | Err(OdooError::MissingRecord { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Posts `note` on `record` with the attachments created for it; a failed post removes them.
pub async fn post(
    odoo: &OdooClient,
    record: Record,
    note: &Note,
    attachment_ids: &[OdooId],
) -> Result<OdooId, OdooError> {
    match odoo
        .message_post(record.model, record.id, post_kwargs(note, attachment_ids))
        .await
    {
        Ok(message) => Ok(message),
        Err(e) => {
            remove_attachments(odoo, attachment_ids).await;
            Err(e)
        }
    }
}

fn post_kwargs(note: &Note, attachment_ids: &[OdooId]) -> Map<String, Value> {
    let mut kwargs = Map::new();
    kwargs.insert("body".into(), json!(note.body));
    kwargs.insert("body_is_html".into(), json!(true));
    kwargs.insert("subject".into(), json!(note.subject));
    kwargs.insert("message_type".into(), json!("email"));
    kwargs.insert("subtype_xmlid".into(), json!("mail.mt_note"));
    kwargs.insert("message_id".into(), json!(note.key));
    if let Some(from) = &note.email_from {
        kwargs.insert("email_from".into(), json!(from));
    }
    if let Some(date) = &note.date {
        kwargs.insert("date".into(), json!(date));
    }
    if !attachment_ids.is_empty() {
        let ids: Vec<i64> = attachment_ids.iter().map(|i| i.0).collect();
        kwargs.insert("attachment_ids".into(), json!(ids));
    }
    kwargs
}

/// Removes entries; ids a colleague removed first count as removed.
pub async fn remove(odoo: &OdooClient, ids: &[OdooId]) -> Result<(), OdooError> {
    match odoo.unlink(MESSAGE, ids).await {
        Ok(()) | Err(OdooError::MissingRecord { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
