//! Apply: the side effects of a page's plan, one place per action kind. The exactly-once
//! sequence of an entry lives in [`file`] and [`confirm`] only: intent journaled before the
//! `message_post`, written after it, confirmed after reading it back (mbsync's pending state);
//! the read-back keeps the lowest id where a colleague posted the same mail at the same moment
//! and removes the others.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use super::body;
use super::collect::{OP_FILE, PageError};
use super::key::MailKey;
use super::notes::{MailNote, Problem};
use super::options::MailOptions;
use super::plan::{Action, MailItem, Plan, Record, Slot};
use super::remote::{Mailbox, OdooSide};
use super::texts::MailMsg;
use crate::error_code::{ErrorCode, UserFacing};
use crate::graph::error::GraphError;
use crate::graph::messages::{AttachmentKind, MailBody};
use crate::i18n::Msg;
use crate::model::{Job, JournalId, OdooId, OdooRef};
use crate::odoo::OdooError;
use crate::odoo::chatter::{Attachment, Note};
use crate::odoo::partners::PARTNER;
use crate::store::{JournalIntent, JournalNote, JournalState, Store};

/// Named steps of the exactly-once sequence where a test may stop a run as a kill would.
pub trait CrashPoints: Sync {
    /// True: stop the run here, writing nothing more.
    fn reached(&self, step: &'static str) -> bool;
}

/// NOTE: debug builds can be killed at a named journal step, for the crash-safety tests:
/// `OFFICE_CONNECTOR_CRASH_PLAN` names a file of step names, one a line; the process that
/// reaches the step on the first line removes that line and SIGKILLs itself, so a series of
/// runs crashes once at each listed step. Release builds never look at the variable.
#[derive(Debug, Default, Clone, Copy)]
pub struct KillAtPlannedSteps;

impl CrashPoints for KillAtPlannedSteps {
    fn reached(&self, step: &'static str) -> bool {
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
        false
    }
}

/// What the job works with while applying.
pub(super) struct Context<'a, M, O> {
    pub(super) mailbox: &'a M,
    pub(super) odoo: &'a O,
    pub(super) store: &'a Store,
    pub(super) options: &'a MailOptions,
    pub(super) crash: &'a dyn CrashPoints,
}

impl<M, O> Context<'_, M, O> {
    fn stop_at(&self, step: &'static str) -> Result<(), PageError> {
        if self.crash.reached(step) {
            return Err(PageError::Crashed);
        }
        Ok(())
    }
}

/// What applying a page's entry actions did.
#[derive(Default)]
pub(super) struct Applied {
    /// Per (mail, record): the entry that holds it, or why not.
    pub(super) results: BTreeMap<Slot, Result<OdooId, Problem>>,
    /// Per mail: what was left out of its entry.
    pub(super) notes: HashMap<MailKey, Vec<MailNote>>,
    /// Mails posted on a contact in this run.
    pub(super) filed: BTreeSet<MailKey>,
    /// Mails posted (now or before) whose entries Odoo could not show this run: they stay
    /// pending, so a later run checks them.
    pub(super) unconfirmed: BTreeSet<MailKey>,
    /// Things a person must act on (no write access).
    pub(super) needs_attention: Vec<String>,
}

impl Applied {
    /// What a preview tells: nothing was written, the plan's filings on contacts count as done.
    pub(super) fn preview(plan: &Plan) -> Applied {
        let filed = plan
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::File { key, record, .. } if record.model == PARTNER => Some(key.clone()),
                _ => None,
            })
            .collect();
        Applied {
            filed,
            ..Applied::default()
        }
    }

    fn attention(&mut self, text: String) {
        if !self.needs_attention.contains(&text) {
            self.needs_attention.push(text);
        }
    }
}

/// Applies the links, filings and read-backs of a page's plan.
pub(super) async fn entries<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    items: &[MailItem],
    plan: &Plan,
) -> Result<Applied, PageError> {
    let mut applied = Applied::default();
    let mut filing = Filing::default();
    let mut to_confirm: BTreeSet<Slot> = BTreeSet::new();
    for action in &plan.actions {
        match action {
            Action::Link {
                key,
                graph_id,
                record,
                message,
                duplicates,
            } => {
                if !duplicates.is_empty() {
                    tracing::info!(
                        count = duplicates.len(),
                        "removing duplicate chatter entries"
                    );
                    cx.odoo.remove_entries(duplicates).await?;
                }
                link(cx, key, graph_id, *record, *message, &mut applied)?;
            }
            Action::File {
                graph_id, record, ..
            } => {
                let Some(item) = items.iter().find(|i| &i.graph_id == graph_id) else {
                    continue;
                };
                if file(cx, item, *record, &mut filing, &mut applied).await? {
                    to_confirm.insert((item.key.clone(), *record));
                }
            }
            Action::Confirm {
                key,
                record,
                message,
            } => {
                applied.results.insert((key.clone(), *record), Ok(*message));
                to_confirm.insert((key.clone(), *record));
            }
            _ => {}
        }
    }
    confirm(cx, &to_confirm, &mut applied).await?;
    Ok(applied)
}

/// A colleague's entry already there: noted, nothing is written.
fn link<M, O>(
    cx: &Context<'_, M, O>,
    key: &MailKey,
    graph_id: &str,
    record: Record,
    message: OdooId,
    applied: &mut Applied,
) -> Result<(), PageError> {
    let entry = cx.store.journal_intent(&intent(key, record, graph_id))?;
    cx.store.journal_advance(
        entry.id,
        JournalState::Confirmed,
        &JournalNote {
            odoo: Some(message_ref(message)),
            detail: Some("linked: already in Odoo".into()),
            ..JournalNote::default()
        },
    )?;
    applied.results.insert((key.clone(), record), Ok(message));
    Ok(())
}

fn intent(key: &MailKey, record: Record, graph_id: &str) -> JournalIntent {
    JournalIntent {
        job: Job::Mail,
        item_key: key.0.clone(),
        operation: OP_FILE.into(),
        target: record.target(),
        remote_id: Some(graph_id.to_owned()),
    }
}

/// A mail as read for filing: the note, what was left out of it, and its fingerprint.
type Read = Result<(Note, Vec<MailNote>, String), Problem>;

/// Per page: each mail's entry read once, the records that refused a write, and whether Odoo
/// stopped answering.
#[derive(Default)]
struct Filing {
    notes: HashMap<String, Read>,
    refused: BTreeMap<Record, Problem>,
    /// NOTE: once Odoo stops answering, the page's other mails are not tried (each would wait
    /// for its own timeout); a later run files them.
    down: Option<Problem>,
}

/// Not in Odoo yet: intent, attach, post, written. True when posted (to be read back).
async fn file<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    item: &MailItem,
    record: Record,
    filing: &mut Filing,
    applied: &mut Applied,
) -> Result<bool, PageError> {
    let slot = (item.key.clone(), record);
    // NOTE: a record that refused a write this run refuses the next mail too: neither
    // Outlook nor Odoo is asked again for it.
    if let Some(problem) = filing.refused.get(&record).or(filing.down.as_ref()) {
        applied.results.insert(slot, Err(problem.clone()));
        return Ok(false);
    }
    if !filing.notes.contains_key(&item.graph_id) {
        let read = read_for_filing(cx, item).await;
        filing.notes.insert(item.graph_id.clone(), read);
    }
    let (note, left_out, fingerprint) = match filing.notes.get(&item.graph_id) {
        Some(Ok(n)) => n,
        Some(Err(problem)) => {
            applied.results.insert(slot, Err(problem.clone()));
            return Ok(false);
        }
        None => return Ok(false),
    };
    let entry = cx
        .store
        .journal_intent(&intent(&item.key, record, &item.graph_id))?;
    cx.stop_at("intent")?;
    match attach_and_post(cx, entry.id, record, note, left_out).await? {
        Ok((message, refused_files)) => {
            cx.stop_at("posted")?;
            let note = JournalNote {
                odoo: Some(message_ref(message)),
                ..JournalNote::default()
            };
            cx.store
                .journal_advance(entry.id, JournalState::Written, &note)?;
            cx.stop_at("written")?;
            let notes = applied.notes.entry(item.key.clone()).or_default();
            for n in left_out.iter().chain(&refused_files) {
                if !notes.contains(n) {
                    notes.push(n.clone());
                }
            }
            if record.model == PARTNER {
                applied.filed.insert(item.key.clone());
                cx.store
                    .remember_fingerprint(item.key.as_str(), &item.graph_id, fingerprint)?;
            }
            applied.results.insert(slot, Ok(message));
            Ok(true)
        }
        Err(e) => {
            let problem = not_filed(cx, entry.id, record, &e, filing, applied)?;
            applied.results.insert(slot, Err(problem));
            Ok(false)
        }
    }
}

/// Reads the mail once per page; a mail that left its transfer folder since it was found is
/// not filed at all.
async fn read_for_filing<M: Mailbox, O>(cx: &Context<'_, M, O>, item: &MailItem) -> Read {
    let limit = cx.options.attachment_limit_bytes;
    let read = read_note(cx.mailbox, item, limit, cx.options.time_zone).await;
    let ReadMail {
        note,
        left_out,
        folder,
        fingerprint,
    } = read.map_err(|e| Problem::new(MailNote::NotReadFromOutlook, e))?;
    let transfer = cx.options.folder_of(item.direction);
    if let (Some(now), Some(transfer)) = (folder.as_deref(), transfer)
        && now != transfer
        && !is_well_known_name(transfer)
    {
        tracing::info!("mail left its transfer folder before it was filed");
        return Err(Problem::new(
            MailNote::LeftTheFolder,
            format!("now in folder {now}"),
        ));
    }
    Ok((note, left_out, fingerprint))
}

/// `inbox`, `sentitems`…: a folder named by its well-known name, which a mail's
/// `parentFolderId` never is, so the folder check cannot compare.
fn is_well_known_name(folder: &str) -> bool {
    folder.len() < 24 && folder.chars().all(|c| c.is_ascii_lowercase())
}

/// The note's files as attachments (those Odoo refuses left out and named in the entry), then
/// the post. The entry's id and the files left out because Odoo refused them. The attachments
/// are noted before the post, so a kill in between leaves nothing the next run does not remove.
async fn attach_and_post<M, O: OdooSide>(
    cx: &Context<'_, M, O>,
    entry: JournalId,
    record: Record,
    note: &Note,
    left_out: &[MailNote],
) -> Result<Result<(OdooId, Vec<MailNote>), OdooError>, PageError> {
    let orphans = cx.store.take_unposted_attachments(entry)?;
    if !orphans.is_empty() {
        tracing::info!(
            count = orphans.len(),
            "removing attachments of an interrupted post"
        );
        if let Err(e) = cx.odoo.remove_attachments(&orphans).await {
            cx.store.note_unposted_attachments(entry, &orphans)?;
            return Ok(Err(e));
        }
    }
    let attached = match cx.odoo.attach(record, &note.attachments).await {
        Ok(a) => a,
        Err(e) => return Ok(Err(e)),
    };
    let (ids, refused) = sort_attached(&note.attachments, attached);
    if !ids.is_empty() {
        cx.store.note_unposted_attachments(entry, &ids)?;
        cx.stop_at("attached")?;
    }
    let all: Vec<MailNote> = left_out.iter().chain(&refused).cloned().collect();
    let posted = Note {
        key: note.key.clone(),
        subject: note.subject.clone(),
        body: format!(
            "{}{}",
            note.body,
            body::left_out_list(&all, cx.options.lang)
        ),
        email_from: note.email_from.clone(),
        date: note.date.clone(),
        attachments: Vec::new(),
    };
    let posted = cx.odoo.post(record, &posted, &ids).await;
    // NOTE: posted, or the failed post removed them: either way they are no orphans
    cx.store.take_unposted_attachments(entry)?;
    Ok(posted.map(|message| (message, refused)))
}

/// The attachment ids Odoo gave, and a note for each file it refused.
fn sort_attached(
    files: &[Attachment],
    attached: Vec<Result<OdooId, OdooError>>,
) -> (Vec<OdooId>, Vec<MailNote>) {
    let mut ids = Vec::with_capacity(attached.len());
    let mut refused = Vec::new();
    for (file, result) in files.iter().zip(attached) {
        match result {
            Ok(id) => ids.push(id),
            Err(e) => {
                tracing::info!(error = %e, "odoo refuses an attachment; filed without it");
                refused.push(MailNote::AttachmentRefused {
                    name: file.name.clone(),
                    reason: e.reason(),
                });
            }
        }
    }
    (ids, refused)
}

/// Journals a failed post and sorts Odoo's answer by what helps: a person granting access, a
/// person deciding (Odoo refuses the content for good), or a later run.
fn not_filed<M, O>(
    cx: &Context<'_, M, O>,
    entry: JournalId,
    record: Record,
    e: &OdooError,
    filing: &mut Filing,
    applied: &mut Applied,
) -> Result<Problem, PageError> {
    tracing::warn!(error = %e, record = record.id.0, "mail not filed");
    let note = JournalNote {
        detail: Some(e.to_string()),
        ..JournalNote::default()
    };
    cx.store
        .journal_advance(entry, JournalState::Failed, &note)?;
    let lang = cx.options.lang;
    let problem = match e.code() {
        // NOTE: without write access on the record a rerun will not help: a person must grant
        // it (FACTS 20); the mail stays.
        ErrorCode::PermissionDenied => {
            let p = Problem::new(
                MailNote::NoWriteAccess {
                    contact: record.id.0,
                },
                e,
            );
            filing.refused.insert(record, p.clone());
            applied.attention(
                Msg::Mail(MailMsg::NoWriteAccess {
                    contact: record.id.0,
                })
                .render(lang),
            );
            p
        }
        ErrorCode::CredentialsRejected => {
            applied.attention(Msg::Mail(MailMsg::KeyRefused).render(lang));
            let p = Problem::new(MailNote::KeyRefused, e);
            filing.down = Some(p.clone());
            p
        }
        _ if e.refuses_content() => Problem::new(MailNote::Refused { reason: e.reason() }, e),
        _ => {
            let p = Problem::new(MailNote::OdooDidNotAnswer, e);
            if e.is_transport() {
                filing.down = Some(p.clone());
            }
            p
        }
    };
    Ok(problem)
}

/// Reads back the posted entries of the page, per model in one `search_read`; where there are
/// several for one slot the lowest id survives and the others are removed; confirms them. When
/// Odoo stops answering here, the posted mails stay written (and pending) for a later check.
async fn confirm<M, O: OdooSide>(
    cx: &Context<'_, M, O>,
    slots: &BTreeSet<Slot>,
    applied: &mut Applied,
) -> Result<(), PageError> {
    let models: BTreeSet<&'static str> = slots.iter().map(|(_, r)| r.model).collect();
    for model in models {
        let of_model: BTreeSet<Slot> = slots
            .iter()
            .filter(|(_, r)| r.model == model)
            .cloned()
            .collect();
        let survivors = match survivors(cx.odoo, model, &of_model).await {
            Ok(s) => s,
            Err(PageError::Odoo(e)) => {
                tracing::warn!(error = %e, "filed entries not read back");
                applied
                    .unconfirmed
                    .extend(of_model.iter().map(|(k, _)| k.clone()));
                continue;
            }
            Err(other) => return Err(other),
        };
        for slot in &of_model {
            let Some(survivor) = survivors.get(slot) else {
                // NOTE: posted but not found on reading back: the entry stays written and
                // the mail pending, so a later run reads it back again.
                tracing::warn!(
                    record = slot.1.id.0,
                    "filed entry not found on reading back"
                );
                let missing = Problem::new(MailNote::NotFoundWhenChecked, "not read back");
                applied.results.insert(slot.clone(), Err(missing));
                continue;
            };
            let target = slot.1.target();
            if let Some(entry) =
                cx.store
                    .journal_find(Job::Mail, slot.0.as_str(), OP_FILE, &target)?
            {
                let note = JournalNote {
                    odoo: Some(message_ref(*survivor)),
                    ..JournalNote::default()
                };
                cx.store
                    .journal_advance(entry.id, JournalState::Confirmed, &note)?;
                cx.stop_at("confirmed")?;
            }
            applied.results.insert(slot.clone(), Ok(*survivor));
        }
    }
    Ok(())
}

/// The lowest entry per slot of one model; the others are removed.
async fn survivors(
    odoo: &impl OdooSide,
    model: &'static str,
    slots: &BTreeSet<Slot>,
) -> Result<BTreeMap<Slot, OdooId>, PageError> {
    let keys: BTreeSet<&str> = slots.iter().map(|(k, _)| k.as_str()).collect();
    let keys: Vec<&str> = keys.into_iter().collect();
    let ids: BTreeSet<i64> = slots.iter().map(|(_, r)| r.id.0).collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut survivors: BTreeMap<Slot, OdooId> = BTreeMap::new();
    let mut extra: Vec<OdooId> = Vec::new();
    for entry in odoo.entries(model, &keys, Some(&ids)).await? {
        let slot = (MailKey(entry.key), entry.record);
        if !slots.contains(&slot) {
            continue;
        }
        match survivors.get(&slot) {
            Some(kept) if *kept < entry.id => extra.push(entry.id),
            Some(kept) => {
                extra.push(*kept);
                survivors.insert(slot, entry.id);
            }
            None => {
                survivors.insert(slot, entry.id);
            }
        }
    }
    if !extra.is_empty() {
        tracing::info!(count = extra.len(), "removing duplicate chatter entries");
        odoo.remove_entries(&extra).await?;
    }
    Ok(survivors)
}

/// Moves a filed mail to Deleted Items (never a hard delete) once every one of its contact
/// entries is confirmed; its journal entries become `removed`. A mail with an entry not yet
/// confirmed stays where it is (`Ok(Ok(()))` without a move).
pub(super) async fn move_to_deleted_items<M: Mailbox, O>(
    cx: &Context<'_, M, O>,
    item: &MailItem,
    targets: &[OdooId],
) -> Result<Result<(), GraphError>, PageError> {
    let mut entries = Vec::with_capacity(targets.len());
    for contact in targets {
        let target = Record::contact(*contact).target();
        match cx
            .store
            .journal_find(Job::Mail, item.key.as_str(), OP_FILE, &target)?
        {
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
    cx.stop_at("before_move")?;
    if let Err(e) = cx.mailbox.move_to_deleted_items(&item.graph_id).await {
        return Ok(Err(e));
    }
    cx.stop_at("moved")?;
    for e in entries {
        if e.state == JournalState::Confirmed {
            cx.store
                .journal_advance(e.id, JournalState::Removed, &JournalNote::default())?;
        }
    }
    Ok(Ok(()))
}

fn message_ref(id: OdooId) -> OdooRef {
    OdooRef {
        model: crate::odoo::chatter::MESSAGE.into(),
        id,
    }
}

/// One mail as read for filing.
pub(super) struct ReadMail {
    /// The body under its header, and the attachments that fit.
    pub(super) note: Note,
    /// A note for each attachment left out (said in the entry itself, so nobody looks in vain).
    pub(super) left_out: Vec<MailNote>,
    /// The folder the mail is in now.
    pub(super) folder: Option<String>,
    /// What this copy looks like (see [`super::key::MailKey::fingerprint`]).
    pub(super) fingerprint: String,
}

/// Reads what is posted for one mail.
pub(super) async fn read_note(
    mailbox: &impl Mailbox,
    item: &MailItem,
    limit: u64,
    time_zone: Option<chrono_tz::Tz>,
) -> Result<ReadMail, GraphError> {
    let MailBody { html, folder } = mailbox.body(&item.graph_id).await?;
    let fingerprint = super::collect::fingerprint_of(item, &html);
    let date = item.sent.as_deref().and_then(odoo_datetime);
    let shown = item
        .sent
        .as_deref()
        .and_then(|sent| body::shown_date(sent, time_zone));
    let body = format!(
        "{}{}",
        body::header(item.from.as_ref(), &item.to, &item.cc, shown.as_deref()),
        body::sanitize(&html)
    );
    let (attachments, left_out) = if item.has_attachments || html.contains("cid:") {
        read_attachments(mailbox, &item.graph_id, limit).await?
    } else {
        (Vec::new(), Vec::new())
    };
    let note = Note {
        key: item.key.0.clone(),
        subject: item.subject.clone(),
        body,
        email_from: item.from.as_ref().map(|a| a.as_str().to_owned()),
        date,
        attachments,
    };
    Ok(ReadMail {
        note,
        left_out,
        folder,
        fingerprint,
    })
}

/// The attachments that fit under `limit` (decided from the listed size, before any byte is
/// downloaded), and a line for each one left out.
async fn read_attachments(
    mailbox: &impl Mailbox,
    message: &str,
    limit: u64,
) -> Result<(Vec<Attachment>, Vec<MailNote>), GraphError> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut files = Vec::new();
    let mut left_out = Vec::new();
    let mut names = super::file_names::FileNames::default();
    for a in mailbox.attachments(message).await? {
        let name = names.name(a.name.as_deref(), a.content_type.as_deref());
        if a.size > limit {
            tracing::info!(size = a.size, "attachment over the limit left out");
            left_out.push(MailNote::AttachmentOverLimit {
                name,
                mb: a.size / 1_000_000,
                limit_mb: limit / 1_000_000,
            });
            continue;
        }
        let (name, mimetype) = match a.kind {
            AttachmentKind::File => (
                name,
                a.content_type
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            // an attached mail: Graph serves its MIME, filed as the .eml a mail program opens
            AttachmentKind::Item => (eml_name(&name), "message/rfc822".into()),
            AttachmentKind::Reference => {
                tracing::info!("attachment that is only a link left out");
                left_out.push(MailNote::AttachmentIsLink { name });
                continue;
            }
        };
        let bytes = mailbox.attachment_bytes(message, &a.id).await?;
        files.push(Attachment {
            name,
            base64: base64::Engine::encode(&b64, bytes),
            mimetype,
        });
    }
    Ok((files, left_out))
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
