//! Apply: the remote writes of a plan, each journaled — intent before the `message_post`,
//! written after, confirmed after reading back (mbsync's pending state) — the read-back that
//! removes a colleague's simultaneous duplicate, the move to Deleted Items, and the optional
//! filing on the contact's only open opportunity.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::body;
use super::collect::read_body;
use super::engine::MailOptions;
use super::key::MailKey;
use super::plan::MailItem;
use crate::graph::client::GraphClient;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages;
use crate::model::{Job, OdooId, OdooRef};
use crate::odoo::{OdooClient, OdooError, SearchRead};
use crate::store::{JournalIntent, JournalNote, JournalState, Store, StoreError};

/// NOTE: debug builds can be killed at a named journal step, for the crash-safety tests:
/// `OFFICE_CONNECTOR_CRASH_PLAN` names a file of step names, one a line; the process that
/// reaches the step on the first line removes that line and SIGKILLs itself, so a series of
/// runs crashes once at each listed step. Release builds never look at the variable.
pub(super) fn crash_point(step: &str) {
    #[cfg(debug_assertions)]
    if let Ok(plan) = std::env::var("OFFICE_CONNECTOR_CRASH_PLAN") {
        let text = std::fs::read_to_string(&plan).unwrap_or_default();
        let mut lines = text.lines();
        if lines.next().map(str::trim) == Some(step) {
            let rest: Vec<&str> = lines.collect();
            let _ = std::fs::write(&plan, rest.join("\n"));
            tracing::warn!(step, "crash test: killing this process");
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &std::process::id().to_string()])
                .status();
            std::process::abort();
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

pub(super) const PARTNER: &str = "res.partner";
pub(super) const OP_FILE: &str = "file";

pub(super) fn target_of(contact: OdooId) -> String {
    format!("{PARTNER}/{}", contact.0)
}

pub(super) enum PageError {
    Store(StoreError),
    Odoo(OdooError),
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError::Store(e)
    }
}

impl From<OdooError> for PageError {
    fn from(e: OdooError) -> Self {
        PageError::Odoo(e)
    }
}

const LEAD: &str = "crm.lead";

/// Per mail: the opportunities it is filed on, and why filing on one failed.
pub(super) type Opportunities = (HashMap<MailKey, Vec<i64>>, HashMap<MailKey, String>);

/// Files each settled (mail, contact) also on the contact's open opportunity when it has
/// exactly one (FACTS 40): one `crm.lead` lookup and one duplicate lookup for the page, then
/// one journaled `message_post` per new entry. Returns the opportunities per mail and what
/// failed per mail (such a mail stays pending, so a later run files the rest).
pub(super) async fn file_on_opportunities(
    graph: &GraphClient,
    odoo: &OdooClient,
    store: &Store,
    options: &MailOptions,
    items: &[MailItem],
    settled: &[(MailKey, OdooId)],
) -> Result<Opportunities, PageError> {
    let mut out: HashMap<MailKey, Vec<i64>> = HashMap::new();
    let mut failed: HashMap<MailKey, String> = HashMap::new();
    let contacts: BTreeSet<i64> = settled.iter().map(|(_, c)| c.0).collect();
    if contacts.is_empty() {
        return Ok((out, failed));
    }
    // FACTS 40: a contact's opportunities are those of it and of its people (`child_of`);
    // archived ones are left out by Odoo's default `active_test`.
    let rows = odoo
        .search_read(
            LEAD,
            &SearchRead {
                domain: json!([
                    ["partner_id", "child_of", contacts],
                    ["type", "=", "opportunity"],
                    ["probability", "<", 100]
                ]),
                fields: vec!["id".into(), "partner_id".into()],
                ..SearchRead::default()
            },
        )
        .await?;
    // NOTE: which settled contact a lead belongs to needs the family tree below the contacts:
    // one `search_read` of it for the page, walked upwards from each lead's partner.
    let lead_partners: BTreeSet<i64> = rows
        .iter()
        .filter_map(|r| r.get("partner_id")?.get(0)?.as_i64())
        .collect();
    let mut parent_of: BTreeMap<i64, i64> = BTreeMap::new();
    if lead_partners.iter().any(|p| !contacts.contains(p)) {
        for row in odoo
            .search_read(
                PARTNER,
                &SearchRead {
                    domain: json!([["id", "child_of", contacts]]),
                    fields: vec!["id".into(), "parent_id".into()],
                    ..SearchRead::default()
                },
            )
            .await?
        {
            if let (Some(id), Some(parent)) = (
                row.get("id").and_then(Value::as_i64),
                row.get("parent_id")
                    .and_then(|p| p.get(0))
                    .and_then(Value::as_i64),
            ) {
                parent_of.insert(id, parent);
            }
        }
    }
    let mut by_partner: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in &rows {
        let (Some(id), Some(partner)) = (
            row.get("id").and_then(Value::as_i64),
            row.get("partner_id")
                .and_then(|p| p.get(0))
                .and_then(Value::as_i64),
        ) else {
            continue;
        };
        // the lead counts for its partner and every settled contact above it
        let mut at = Some(partner);
        let mut steps = 0;
        while let Some(p) = at {
            if contacts.contains(&p) {
                by_partner.entry(p).or_default().push(id);
            }
            steps += 1;
            // NOTE: bounded, so a cycle in remote data cannot hang the run
            at = parent_of.get(&p).copied().filter(|_| steps < 64);
        }
    }
    let mut todo: Vec<(MailKey, OdooId)> = Vec::new();
    for (key, contact) in settled {
        // none or several open opportunities: the contact's chatter is enough
        let Some([lead]) = by_partner.get(&contact.0).map(Vec::as_slice) else {
            continue;
        };
        let lead = OdooId(*lead);
        let target = format!("{LEAD}/{}", lead.0);
        match store.journal_find(Job::Mail, key.as_str(), OP_FILE, &target)? {
            Some(e) if matches!(e.state, JournalState::Confirmed | JournalState::Removed) => {
                out.entry(key.clone()).or_default().push(lead.0);
            }
            _ => todo.push((key.clone(), lead)),
        }
    }
    if todo.is_empty() {
        return Ok((out, failed));
    }
    let keys: BTreeSet<&str> = todo.iter().map(|(k, _)| k.as_str()).collect();
    let leads: BTreeSet<i64> = todo.iter().map(|(_, l)| l.0).collect();
    let mut existing: BTreeMap<(String, i64), i64> = BTreeMap::new();
    for r in odoo
        .search_read(
            "mail.message",
            &SearchRead {
                domain: json!([
                    ["message_id", "in", keys],
                    ["model", "=", LEAD],
                    ["res_id", "in", leads]
                ]),
                fields: vec!["id".into(), "message_id".into(), "res_id".into()],
                order: Some("id asc".into()),
                ..SearchRead::default()
            },
        )
        .await?
    {
        if let (Some(id), Some(key), Some(lead)) = (
            r.get("id").and_then(Value::as_i64),
            r.get("message_id").and_then(Value::as_str),
            r.get("res_id").and_then(Value::as_i64),
        ) {
            // ascending ids: the first one is the survivor
            existing.entry((key.to_owned(), lead)).or_insert(id);
        }
    }
    let mut posted: Vec<(MailKey, OdooId, crate::model::JournalId)> = Vec::new();
    for (key, lead) in todo {
        let Some(item) = items.iter().find(|i| i.key == key) else {
            continue;
        };
        let entry = store.journal_intent(&JournalIntent {
            job: Job::Mail,
            item_key: key.0.clone(),
            operation: OP_FILE.into(),
            target: format!("{LEAD}/{}", lead.0),
            remote_id: Some(item.graph_id.clone()),
        })?;
        // already on the opportunity (a colleague, or a crash after posting): link
        if let Some(message) = existing.get(&(key.0.clone(), lead.0)) {
            store.journal_advance(
                entry.id,
                JournalState::Confirmed,
                &JournalNote {
                    odoo: Some(message_ref(OdooId(*message))),
                    detail: Some("linked: already in Odoo".into()),
                    ..JournalNote::default()
                },
            )?;
            out.entry(key).or_default().push(lead.0);
            continue;
        }
        let filing = match read_filing(graph, item, options.attachment_limit_bytes).await {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(error = %e, "mail not read for the opportunity");
                failed.insert(key, format!("not filed on the opportunity: {}", e.code));
                continue;
            }
        };
        match post(odoo, item, &filing, LEAD, lead).await {
            Ok(message) => {
                store.journal_advance(
                    entry.id,
                    JournalState::Written,
                    &JournalNote {
                        odoo: Some(message_ref(message)),
                        ..JournalNote::default()
                    },
                )?;
                posted.push((key, lead, entry.id));
            }
            Err(e) => {
                tracing::warn!(error = %e, lead = lead.0, "mail not filed on the opportunity");
                failed.insert(key.clone(), format!("not filed on the opportunity: {e}"));
                store.journal_advance(
                    entry.id,
                    JournalState::Failed,
                    &JournalNote {
                        detail: Some(e.to_string()),
                        ..JournalNote::default()
                    },
                )?;
            }
        }
    }
    // read back like the contact's entries: a colleague may have posted the same mail on the
    // same opportunity in the same moment; the lowest id survives
    if !posted.is_empty() {
        let slots: BTreeSet<(MailKey, OdooId)> =
            posted.iter().map(|(k, l, _)| (k.clone(), *l)).collect();
        let survivors = verify(odoo, LEAD, &slots).await?;
        for (key, lead, entry) in posted {
            let Some(survivor) = survivors.get(&(key.clone(), lead)) else {
                // NOTE: stays written and the mail pending; a later run links it
                failed.insert(
                    key,
                    "filed on the opportunity, but Odoo did not show the entry when read back"
                        .into(),
                );
                continue;
            };
            store.journal_advance(
                entry,
                JournalState::Confirmed,
                &JournalNote {
                    odoo: Some(message_ref(*survivor)),
                    ..JournalNote::default()
                },
            )?;
            out.entry(key).or_default().push(lead.0);
        }
    }
    Ok((out, failed))
}

/// Moves a filed mail to Deleted Items (never a hard delete) once every one of its entries is
/// confirmed by reading back; its journal entries become `removed`. A mail with an entry not
/// yet confirmed stays where it is (`Ok(Ok(()))` without a move).
pub(super) async fn remove_confirmed(
    graph: &GraphClient,
    store: &Store,
    item: &MailItem,
    targets: &[OdooId],
) -> Result<Result<(), GraphError>, StoreError> {
    let mut entries = Vec::with_capacity(targets.len());
    for contact in targets {
        match store.journal_find(Job::Mail, item.key.as_str(), OP_FILE, &target_of(*contact))? {
            Some(e) if matches!(e.state, JournalState::Confirmed | JournalState::Removed) => {
                entries.push(e);
            }
            // not confirmed (yet): the mail stays in its folder
            _ => return Ok(Ok(())),
        }
    }
    if entries.is_empty() {
        return Ok(Ok(()));
    }
    crash_point("before_move");
    match messages::move_to(graph, &item.graph_id, "deleteditems").await {
        Ok(_) => {}
        // already gone from the folder (the person moved it, or a crash after the move)
        Err(e) if e.kind == GraphErrorKind::NotFound => {}
        Err(e) => return Ok(Err(e)),
    }
    crash_point("moved");
    for e in entries {
        if e.state == JournalState::Confirmed {
            store.journal_advance(e.id, JournalState::Removed, &JournalNote::default())?;
        }
    }
    Ok(Ok(()))
}

pub(super) fn message_ref(id: OdooId) -> OdooRef {
    OdooRef {
        model: "mail.message".into(),
        id,
    }
}

/// What is posted for one mail: the body with its header and the attachments that fit.
pub(super) struct Filing {
    pub(super) body: String,
    pub(super) attachments: Vec<(String, String, String)>,
    pub(super) notes: Vec<String>,
}

/// An attachment as listed with `$select` (GRAPH_FACTS §2.6): its metadata, never its bytes,
/// so one over the limit is left out without being downloaded.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphAttachment {
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

/// The properties of the attachment listing: metadata only (no `contentBytes`).
const ATTACHMENT_SELECT: &str = "id,name,contentType,size,isInline";

pub(super) async fn read_filing(
    graph: &GraphClient,
    item: &MailItem,
    limit: u64,
) -> Result<Filing, GraphError> {
    let html = read_body(graph, &item.graph_id).await?;
    let date = item.sent.as_deref().and_then(odoo_datetime);
    let body = format!(
        "{}{}",
        body::header(item.from.as_ref(), &item.to, &item.cc, date.as_deref()),
        body::sanitize(&html)
    );
    let mut attachments = Vec::new();
    let mut notes = Vec::new();
    if item.has_attachments || html.contains("cid:") {
        let message = crate::graph::mail_folders::encode(&item.graph_id);
        let list: Vec<GraphAttachment> = graph
            .get_all(&format!(
                "/me/messages/{message}/attachments?$select={ATTACHMENT_SELECT}"
            ))
            .await?;
        let b64 = base64::engine::general_purpose::STANDARD;
        for a in list {
            let name = a.name.clone().unwrap_or_else(|| "attachment".into());
            // NOTE: decided from the listed size, before any byte is downloaded.
            if a.size > limit {
                tracing::info!(size = a.size, "attachment over the limit left out");
                notes.push(format!(
                    "attachment {name} ({} MB) left out: over the limit of {} MB",
                    a.size / 1_000_000,
                    limit / 1_000_000
                ));
                continue;
            }
            let value = format!(
                "/me/messages/{message}/attachments/{}/$value",
                crate::graph::mail_folders::encode(&a.id)
            );
            if a.odata_type.ends_with("fileAttachment") {
                let bytes = graph.get_bytes(&value).await?;
                attachments.push((
                    name,
                    base64::Engine::encode(&b64, bytes),
                    a.content_type
                        .unwrap_or_else(|| "application/octet-stream".into()),
                ));
            } else if a.odata_type.ends_with("itemAttachment") {
                // an attached mail: Graph serves its MIME, filed as the .eml a mail program opens
                let bytes = graph.get_bytes(&value).await?;
                attachments.push((
                    eml_name(&name),
                    base64::Engine::encode(&b64, bytes),
                    "message/rfc822".into(),
                ));
            } else {
                tracing::info!("attachment that is only a link left out");
                notes.push(format!(
                    "attachment {name} left out: a link to a cloud file, not a file"
                ));
            }
        }
    }
    // NOTE: what was left out is said in the entry itself, so nobody looks for it in vain.
    let body = if notes.is_empty() {
        body
    } else {
        let list: Vec<String> = notes
            .iter()
            .map(|n| format!("<li>{}</li>", body::escape(n)))
            .collect();
        format!("{body}<ul style=\"font-size:small\">{}</ul>", list.join(""))
    };
    Ok(Filing {
        body,
        attachments,
        notes,
    })
}

/// `Angebot` → `Angebot.eml`; a name already ending in `.eml` stays.
fn eml_name(name: &str) -> String {
    if name.to_ascii_lowercase().ends_with(".eml") {
        name.to_owned()
    } else {
        format!("{name}.eml")
    }
}

/// `2026-03-02T09:00:00Z` → `2026-03-02 09:00:00` (Odoo's UTC datetime format).
pub(super) fn odoo_datetime(rfc3339: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|d| {
        d.with_timezone(&Utc)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    })
}

/// Creates the attachments (one list `create`) and posts the entry as a note of type e-mail:
/// a note mails nobody (FACTS 23), and no `partner_ids` are ever passed.
pub(super) async fn post(
    odoo: &OdooClient,
    item: &MailItem,
    filing: &Filing,
    model: &str,
    record: OdooId,
) -> Result<OdooId, OdooError> {
    let mut attachment_ids = Vec::new();
    if !filing.attachments.is_empty() {
        let records = filing
            .attachments
            .iter()
            .map(|(name, datas, mimetype)| {
                let mut m = Map::new();
                m.insert("name".into(), json!(name));
                m.insert("datas".into(), json!(datas));
                m.insert("mimetype".into(), json!(mimetype));
                m.insert("res_model".into(), json!(model));
                m.insert("res_id".into(), json!(record.0));
                m
            })
            .collect();
        attachment_ids = odoo
            .create("ir.attachment", records)
            .await?
            .into_iter()
            .map(|i| i.0)
            .collect();
    }
    let mut kwargs = Map::new();
    kwargs.insert("body".into(), json!(filing.body));
    kwargs.insert("body_is_html".into(), json!(true));
    kwargs.insert("subject".into(), json!(item.subject));
    kwargs.insert("message_type".into(), json!("email"));
    kwargs.insert("subtype_xmlid".into(), json!("mail.mt_note"));
    kwargs.insert("message_id".into(), json!(item.key.as_str()));
    if let Some(from) = &item.from {
        kwargs.insert("email_from".into(), json!(from.as_str()));
    }
    if let Some(date) = item.sent.as_deref().and_then(odoo_datetime) {
        kwargs.insert("date".into(), json!(date));
    }
    if !attachment_ids.is_empty() {
        kwargs.insert("attachment_ids".into(), json!(attachment_ids));
    }
    match odoo.message_post(model, record, kwargs).await {
        Ok(message) => Ok(message),
        Err(e) => {
            // NOTE: a refused or failed post must not leave its attachments behind on the
            // record (every rerun would add another set); removing them is best effort.
            if !attachment_ids.is_empty() {
                let ids: Vec<OdooId> = attachment_ids.iter().copied().map(OdooId).collect();
                if let Err(cleanup) = odoo.unlink("ir.attachment", &ids).await {
                    tracing::warn!(error = %cleanup, "attachments of a failed post not removed");
                }
            }
            Err(e)
        }
    }
}

/// Reads back the entries of `slots` (mail, record of `model`) in one `search_read`; where
/// there are several for one slot, keeps the lowest id and unlinks the others. Returns the
/// survivors.
pub(super) async fn verify(
    odoo: &OdooClient,
    model: &str,
    slots: &BTreeSet<(MailKey, OdooId)>,
) -> Result<BTreeMap<(MailKey, OdooId), OdooId>, OdooError> {
    let keys: BTreeSet<&str> = slots.iter().map(|(k, _)| k.as_str()).collect();
    let contacts: BTreeSet<i64> = slots.iter().map(|(_, c)| c.0).collect();
    let rows = odoo
        .search_read(
            "mail.message",
            &SearchRead {
                domain: json!([
                    ["message_id", "in", keys],
                    ["model", "=", model],
                    ["res_id", "in", contacts]
                ]),
                fields: vec!["id".into(), "message_id".into(), "res_id".into()],
                order: Some("id asc".into()),
                ..SearchRead::default()
            },
        )
        .await?;
    let mut survivors: BTreeMap<(MailKey, OdooId), OdooId> = BTreeMap::new();
    let mut extra: Vec<OdooId> = Vec::new();
    for row in rows {
        let (Some(id), Some(key), Some(res_id)) = (
            row.get("id").and_then(Value::as_i64),
            row.get("message_id").and_then(Value::as_str),
            row.get("res_id").and_then(Value::as_i64),
        ) else {
            continue;
        };
        let slot = (MailKey(key.to_owned()), OdooId(res_id));
        if !slots.contains(&slot) {
            continue;
        }
        match survivors.get(&slot) {
            Some(kept) if kept.0 < id => extra.push(OdooId(id)),
            Some(kept) => {
                extra.push(*kept);
                survivors.insert(slot, OdooId(id));
            }
            None => {
                survivors.insert(slot, OdooId(id));
            }
        }
    }
    if !extra.is_empty() {
        tracing::info!(count = extra.len(), "removing duplicate chatter entries");
        match odoo.unlink("mail.message", &extra).await {
            // a colleague removed them first: same result
            Ok(()) | Err(OdooError::MissingRecord { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(survivors)
}
