//! One mail run: collect (per transfer folder, the folder's delta round plus the mails still
//! pending from earlier runs) → per page of mails: one contact `search_read`, one duplicate
//! `search_read`, plan (pure) → apply (journal intent before each `message_post`, written
//! after, confirmed after reading back) → report.
//!
//! Exactly once across users (issue 6 §6): Odoo has no unique constraint on `message_id`, so
//! after posting the page's entries are read back by (`message_id`, `model`, `res_id`); where
//! two colleagues posted the same mail at once, the lowest `mail.message` id survives, the
//! others are unlinked (a `MissingError` means a colleague already did) and the journal points
//! at the survivor.
//!
//! A folder's delta link is saved only when every action of its mails settled, so a rerun
//! re-reads what failed; the journal makes that re-read harmless.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::address::Address;
use super::body;
use super::decisions::{OpenAddress, OpenKind};
use super::key::{KeyContent, MailKey};
use super::matching::{Contact, ContactIndex};
use super::plan::{Action, Direction, Known, MailItem, PlanInput, Resolution, Verdict};
use crate::error::UserFacing;
use crate::graph::client::GraphClient;
use crate::graph::error::{GraphError, GraphErrorKind};
use crate::graph::messages::{self, DeltaLink, Message, MessageChange};
use crate::model::{ItemOutcome, Job, OdooId, OdooRef};
use crate::odoo::{OdooClient, OdooError, SearchRead};
use crate::store::{
    Cursor, JournalIntent, JournalNote, JournalState, PendingMail, Store, StoreError,
};

/// Tells the shell how far a run is (n of m mails); the CLI logs it, the tray shows it.
pub trait Progress: Send + Sync {
    /// `done` of `total` mails handled.
    fn mails(&self, done: usize, total: usize);
}

/// Progress nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn mails(&self, _done: usize, _total: usize) {}
}

/// What a mail run works with, read from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailOptions {
    /// The incoming transfer folder's Graph id.
    pub incoming: Option<String>,
    /// The outgoing transfer folder's Graph id.
    pub outgoing: Option<String>,
    /// Colleagues' partners are targets too.
    pub include_colleagues: bool,
    /// Move confirmed mails to Deleted Items.
    pub delete_after_transfer: bool,
    /// Larger attachments are left out with a note.
    pub attachment_limit_bytes: u64,
    /// Also file on the contact's open opportunity when it has exactly one (CRM installed).
    pub file_on_opportunity: bool,
    /// Mails per delta page (`Prefer: odata.maxpagesize`) and per Odoo lookup.
    pub page_size: u32,
    /// Show what would happen; write nothing anywhere.
    pub dry_run: bool,
}

/// What happened to one mail in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailOutcome {
    /// The mail's key (Message-ID or content key).
    pub key: String,
    /// Its subject.
    pub subject: String,
    /// filed | linked | waiting | unassigned | skipped | failed.
    pub outcome: ItemOutcome,
    /// The contacts (`res.partner`) it is filed or linked on.
    pub contacts: Vec<i64>,
    /// The chatter entries (`mail.message`) that hold it.
    pub messages: Vec<i64>,
    /// The opportunities (`crm.lead`) it is also filed on (option).
    pub opportunities: Vec<i64>,
    /// Why, in a few words (notes such as an attachment left out, or the error).
    pub detail: Option<String>,
}

/// The report of a mail run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MailReport {
    /// A preview: nothing was written.
    pub dry_run: bool,
    /// Per mail, in plan order.
    pub mails: Vec<MailOutcome>,
    /// Scopes a rerun must pick up (a folder whose read failed, Odoo down).
    pub incomplete: Vec<String>,
    /// Things a person must act on beyond decisions (e.g. no write access).
    pub needs_attention: Vec<String>,
}

impl MailReport {
    /// How many mails ended with `outcome`.
    pub fn count(&self, outcome: ItemOutcome) -> usize {
        self.mails.iter().filter(|m| m.outcome == outcome).count()
    }

    /// "23 mails → 19 contacts, 4 need a decision" in `lang`.
    pub fn summary(&self, lang: crate::i18n::Language) -> String {
        let contacts: BTreeSet<i64> = self
            .mails
            .iter()
            .flat_map(|m| m.contacts.iter().copied())
            .collect();
        crate::i18n::Msg::Mail(super::texts::MailMsg::Summary {
            mails: self.mails.len(),
            contacts: contacts.len(),
            waiting: self.count(ItemOutcome::Waiting),
            unassigned: self.count(ItemOutcome::Unassigned),
        })
        .render(lang)
    }
}

/// Errors that stop a mail run before it did anything.
#[derive(Debug, thiserror::Error)]
pub enum MailRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// NOTE: debug builds can be killed at a named journal step, for the crash-safety tests:
/// `OFFICE_CONNECTOR_CRASH_PLAN` names a file of step names, one a line; the process that
/// reaches the step on the first line removes that line and SIGKILLs itself, so a series of
/// runs crashes once at each listed step. Release builds never look at the variable.
fn crash_point(step: &str) {
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

const PARTNER: &str = "res.partner";
const OP_FILE: &str = "file";

fn target_of(contact: OdooId) -> String {
    format!("{PARTNER}/{}", contact.0)
}

/// A mail read from a folder this run, with where it came from.
struct Found {
    item: MailItem,
    scope: Option<String>,
}

/// Runs the mail job once.
pub async fn run(
    graph: &GraphClient,
    odoo: &OdooClient,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
) -> Result<MailReport, MailRunError> {
    let mut report = MailReport {
        dry_run: options.dry_run,
        ..MailReport::default()
    };
    let mut found: Vec<Found> = Vec::new();
    let mut seen_ids: BTreeSet<String> = BTreeSet::new();
    let mut rounds: Vec<(String, DeltaLink)> = Vec::new();
    let folders = [
        (Direction::Incoming, options.incoming.as_deref()),
        (Direction::Outgoing, options.outgoing.as_deref()),
    ];
    for (direction, folder) in folders {
        let Some(folder) = folder.filter(|f| !f.trim().is_empty()) else {
            continue;
        };
        let scope = format!("{}:{folder}", direction_name(direction));
        let from = store
            .cursor(Job::Mail, &scope)?
            .and_then(|c| c.graph_delta_link)
            .map(DeltaLink);
        let round = match messages::delta(graph, folder, from.as_ref(), options.page_size).await {
            Err(e) if e.kind == GraphErrorKind::ResyncRequired => {
                // NOTE: an expired delta link means "read it all again", never "deleted";
                // the journal keeps the re-read from filing twice.
                tracing::info!(scope = %scope, "delta link expired, reading the folder again");
                messages::delta(graph, folder, None, options.page_size).await
            }
            other => other,
        };
        let round = match round {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(scope = %scope, error = %e, "transfer folder not read");
                report.incomplete.push(format!("{scope}: {}", e.code));
                continue;
            }
        };
        for change in round.changes {
            match change {
                MessageChange::Upsert(message) => match item_of(graph, &message, direction).await {
                    Ok(item) => {
                        if seen_ids.insert(item.graph_id.clone()) {
                            found.push(Found {
                                item,
                                scope: Some(scope.clone()),
                            });
                        }
                    }
                    Err(e) => {
                        tracing::warn!(scope = %scope, error = %e, "mail not read");
                        report.incomplete.push(format!("{scope}: {}", e.code));
                    }
                },
                MessageChange::Removed { id } => {
                    // left the folder (moved by the person or by us): nothing waits on it
                    if !options.dry_run {
                        store.remove_pending_mail(&id)?;
                    }
                    seen_ids.insert(id);
                }
            }
        }
        rounds.push((scope, round.delta_link));
    }
    for pending in store.pending_mails()? {
        if seen_ids.insert(pending.mail.graph_id.clone()) {
            found.push(Found {
                item: pending.mail,
                scope: None,
            });
        }
    }

    let total = found.len();
    let mut failed_scopes: BTreeSet<String> = BTreeSet::new();
    let page = usize::try_from(options.page_size.max(1)).unwrap_or(50);
    let mut done = 0;
    for chunk in found.chunks(page) {
        let page = file_page(
            graph,
            odoo,
            store,
            options,
            own,
            chunk,
            &mut report.needs_attention,
        );
        let outcomes = match page.await {
            Ok(o) => o,
            Err(PageError::Store(e)) => return Err(e.into()),
            Err(PageError::Odoo(e)) => {
                tracing::warn!(error = %e, "odoo lookup failed");
                report.incomplete.push(format!("odoo: {e}"));
                chunk
                    .iter()
                    .map(|f| MailOutcome {
                        key: f.item.key.0.clone(),
                        subject: f.item.subject.clone(),
                        outcome: ItemOutcome::Failed,
                        contacts: vec![],
                        messages: vec![],
                        opportunities: vec![],
                        detail: Some(format!("Odoo could not be asked: {e}")),
                    })
                    .collect()
            }
        };
        for (f, outcome) in chunk.iter().zip(&outcomes) {
            if outcome.outcome == ItemOutcome::Failed
                && let Some(scope) = &f.scope
            {
                failed_scopes.insert(scope.clone());
            }
        }
        report.mails.extend(outcomes);
        done += chunk.len();
        progress.mails(done, total);
    }

    if !options.dry_run {
        for (scope, link) in rounds {
            if failed_scopes.contains(&scope) {
                continue;
            }
            store.save_cursor(&Cursor {
                job: Job::Mail,
                scope,
                graph_delta_link: Some(link.0),
                odoo_since: None,
                last_full_scan: None,
            })?;
        }
    }
    Ok(report)
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
    }
}

/// The planner's view of a Graph message; reads the body only to key a mail without Message-ID.
async fn item_of(
    graph: &GraphClient,
    message: &Message,
    direction: Direction,
) -> Result<MailItem, GraphError> {
    let from = message
        .from
        .as_ref()
        .or(message.sender.as_ref())
        .and_then(|r| r.email_address.address.as_deref())
        .and_then(Address::parse);
    let addresses = |list: &[crate::graph::messages::Recipient]| {
        list.iter()
            .filter_map(|r| r.email_address.address.as_deref().and_then(Address::parse))
            .collect::<Vec<_>>()
    };
    let subject = message.subject.clone().unwrap_or_default();
    let sent = message
        .sent_date_time
        .clone()
        .or(message.received_date_time.clone());
    let has_id = message
        .internet_message_id
        .as_deref()
        .is_some_and(|m| m.trim().len() > 2);
    let key = if has_id {
        MailKey::of(message.internet_message_id.as_deref(), empty_content())
    } else {
        let body = read_body(graph, &message.id).await?;
        MailKey::from_content(KeyContent {
            sender: from.as_ref().map(Address::as_str).unwrap_or_default(),
            sent: sent.as_deref().unwrap_or_default(),
            subject: &subject,
            body: &body,
        })
    };
    Ok(MailItem {
        graph_id: message.id.clone(),
        direction,
        key,
        subject,
        from,
        to: addresses(&message.to_recipients),
        cc: addresses(&message.cc_recipients),
        sent,
        has_attachments: message.has_attachments,
    })
}

fn empty_content() -> KeyContent<'static> {
    KeyContent {
        sender: "",
        sent: "",
        subject: "",
        body: "",
    }
}

async fn read_body(graph: &GraphClient, id: &str) -> Result<String, GraphError> {
    let value: Value = graph
        .get(&format!(
            "/me/messages/{}?$select=body",
            crate::graph::mail_folders::encode(id)
        ))
        .await?;
    Ok(value
        .pointer("/body/content")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned())
}

enum PageError {
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

/// Looks up, plans and files one page of mails.
async fn file_page(
    graph: &GraphClient,
    odoo: &OdooClient,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    chunk: &[Found],
    needs_attention: &mut Vec<String>,
) -> Result<Vec<MailOutcome>, PageError> {
    let items: Vec<MailItem> = chunk.iter().map(|f| f.item.clone()).collect();
    let choices = store.mail_choices()?;

    // 1. one contact search for every address of the page that no choice settles
    let mut wanted: BTreeSet<Address> = BTreeSet::new();
    for item in &items {
        let list: Vec<&Address> = match item.direction {
            Direction::Incoming => item.from.iter().collect(),
            Direction::Outgoing => item.to.iter().chain(&item.cc).collect(),
        };
        for a in list {
            if !own.contains(a) && !choices.contains_key(a) {
                wanted.insert(a.clone());
            }
        }
    }
    let contacts = if wanted.is_empty() {
        Vec::new()
    } else {
        search_contacts(odoo, &wanted).await?
    };
    let index = ContactIndex::new(&contacts, options.include_colleagues);

    // 2. what our journal already settled, then one duplicate search for the rest
    let first = super::plan::plan(PlanInput {
        mails: &items,
        contacts: &index,
        choices: &choices,
        known: &BTreeMap::new(),
        own,
    });
    let mut known: BTreeMap<(MailKey, OdooId), Known> = BTreeMap::new();
    let mut to_verify: BTreeSet<(MailKey, OdooId)> = BTreeSet::new();
    let mut ask: BTreeSet<MailKey> = BTreeSet::new();
    for action in &first.actions {
        let slot = (action.key().clone(), action.contact());
        let entry = store.journal_find(
            Job::Mail,
            action.key().as_str(),
            OP_FILE,
            &target_of(action.contact()),
        )?;
        match entry {
            // settled before: nothing to do
            Some(e) if matches!(e.state, JournalState::Confirmed | JournalState::Removed) => {
                let message = e.odoo.map(|o| o.id).unwrap_or(OdooId(0));
                known.insert(slot, Known::Journal(message));
            }
            // posted, not yet read back: read it back with this page
            Some(e) if e.state == JournalState::Written => {
                let message = e.odoo.map(|o| o.id).unwrap_or(OdooId(0));
                known.insert(slot.clone(), Known::Journal(message));
                to_verify.insert(slot);
            }
            // new, failed, or an intent a crash left open: Odoo tells whether it is there
            _ => {
                ask.insert(action.key().clone());
            }
        }
    }
    if !ask.is_empty() {
        let keys: Vec<&str> = ask.iter().map(MailKey::as_str).collect();
        let rows = odoo
            .search_read(
                "mail.message",
                &SearchRead {
                    domain: json!([["message_id", "in", keys], ["model", "=", PARTNER]]),
                    fields: vec!["id".into(), "message_id".into(), "res_id".into()],
                    order: Some("id asc".into()),
                    ..SearchRead::default()
                },
            )
            .await?;
        for row in rows {
            let (Some(id), Some(key), Some(res_id)) = (
                row.get("id").and_then(Value::as_i64),
                row.get("message_id").and_then(Value::as_str),
                row.get("res_id").and_then(Value::as_i64),
            ) else {
                continue;
            };
            // NOTE: ascending ids, so the first one seen is the lowest (the survivor).
            known
                .entry((MailKey(key.to_owned()), OdooId(res_id)))
                .or_insert(Known::Odoo(OdooId(id)));
        }
    }

    // 3. the plan
    let plan = super::plan::plan(PlanInput {
        mails: &items,
        contacts: &index,
        choices: &choices,
        known: &known,
        own,
    });

    // 4. apply
    let mut results: BTreeMap<(MailKey, OdooId), Result<OdooId, String>> = BTreeMap::new();
    let mut notes: HashMap<MailKey, Vec<String>> = HashMap::new();
    let mut files_of: BTreeMap<MailKey, bool> = BTreeMap::new();
    if !options.dry_run {
        let mut content: HashMap<String, Result<Filing, String>> = HashMap::new();
        for action in &plan.actions {
            let slot = (action.key().clone(), action.contact());
            let intent = JournalIntent {
                job: Job::Mail,
                item_key: action.key().0.clone(),
                operation: OP_FILE.into(),
                target: target_of(action.contact()),
                remote_id: None,
            };
            match action {
                // a colleague's entry already there: note it, nothing is written
                Action::Link {
                    graph_id, message, ..
                } => {
                    let entry = store.journal_intent(&JournalIntent {
                        remote_id: Some(graph_id.clone()),
                        ..intent
                    })?;
                    store.journal_advance(
                        entry.id,
                        JournalState::Confirmed,
                        &JournalNote {
                            odoo: Some(message_ref(*message)),
                            detail: Some("linked: already in Odoo".into()),
                            ..JournalNote::default()
                        },
                    )?;
                    results.insert(slot, Ok(*message));
                }
                // not in Odoo yet: intent, post, written
                Action::File {
                    key,
                    graph_id,
                    contact,
                } => {
                    let Some(item) = items.iter().find(|i| &i.graph_id == graph_id) else {
                        continue;
                    };
                    if !content.contains_key(graph_id) {
                        let read = read_filing(graph, item, options.attachment_limit_bytes)
                            .await
                            .map_err(|e| format!("mail not read from Outlook: {}", e.code));
                        content.insert(graph_id.clone(), read);
                    }
                    let filing = match content.get(graph_id) {
                        Some(Ok(f)) => f,
                        Some(Err(e)) => {
                            results.insert(slot, Err(e.clone()));
                            continue;
                        }
                        None => continue,
                    };
                    if !filing.notes.is_empty() {
                        notes.insert(key.clone(), filing.notes.clone());
                    }
                    let entry = store.journal_intent(&JournalIntent {
                        remote_id: Some(graph_id.clone()),
                        ..intent
                    })?;
                    crash_point("intent");
                    match post(odoo, item, filing, PARTNER, *contact).await {
                        Ok(message) => {
                            crash_point("posted");
                            store.journal_advance(
                                entry.id,
                                JournalState::Written,
                                &JournalNote {
                                    odoo: Some(message_ref(message)),
                                    ..JournalNote::default()
                                },
                            )?;
                            crash_point("written");
                            files_of.insert(key.clone(), true);
                            to_verify.insert(slot.clone());
                            results.insert(slot, Ok(message));
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, contact = contact.0, "mail not filed");
                            store.journal_advance(
                                entry.id,
                                JournalState::Failed,
                                &JournalNote {
                                    detail: Some(e.to_string()),
                                    ..JournalNote::default()
                                },
                            )?;
                            // NOTE: without write access on the contact a rerun will not
                            // help: a person must grant it (FACTS 20); the mail stays.
                            if e.code() == crate::error::ErrorCode::PermissionDenied {
                                let note = format!(
                                    "no write access on Odoo contact {}: ask an Odoo administrator",
                                    contact.0
                                );
                                if !needs_attention.contains(&note) {
                                    needs_attention.push(note);
                                }
                            }
                            results.insert(slot, Err(format!("not filed: {e}")));
                        }
                    }
                }
            }
        }
        // 5. read back, keep the lowest id per (mail, contact), unlink the others
        if !to_verify.is_empty() {
            let survivors = verify(odoo, &to_verify).await?;
            for slot in &to_verify {
                let Some(survivor) = survivors.get(slot) else {
                    // NOTE: posted but not found on reading back: leave it written so the
                    // next run reads it back again.
                    continue;
                };
                if let Some(entry) =
                    store.journal_find(Job::Mail, slot.0.as_str(), OP_FILE, &target_of(slot.1))?
                {
                    store.journal_advance(
                        entry.id,
                        JournalState::Confirmed,
                        &JournalNote {
                            odoo: Some(message_ref(*survivor)),
                            ..JournalNote::default()
                        },
                    )?;
                    crash_point("confirmed");
                }
                if let Some(Ok(m)) = results.get_mut(slot) {
                    *m = *survivor;
                }
            }
        }
    }

    // 5b. the option: also on the contact's only open opportunity
    let mut opportunities: HashMap<MailKey, Vec<i64>> = HashMap::new();
    if options.file_on_opportunity && !options.dry_run {
        let settled: Vec<(MailKey, OdooId)> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(slot, _)| slot.clone())
            .collect();
        opportunities =
            file_on_opportunities(graph, odoo, store, options, &items, &settled).await?;
    }

    // 6. report and what stays pending
    let mut outcomes = Vec::with_capacity(chunk.len());
    for item in &items {
        let Some(mail) = plan.mails.iter().find(|m| m.graph_id == item.graph_id) else {
            continue;
        };
        let targets: Vec<OdooId> = plan.targets_of(mail).collect();
        let mut messages = Vec::new();
        let mut errors = Vec::new();
        let mut linked = false;
        for contact in &targets {
            let slot = (item.key.clone(), *contact);
            match (results.get(&slot), known.get(&slot)) {
                (Some(Ok(m)), _) => {
                    messages.push(m.0);
                    if plan
                        .actions
                        .iter()
                        .any(|a| matches!(a, Action::Link { key, contact: c, .. } if key == &item.key && c == contact))
                    {
                        linked = true;
                    }
                }
                (Some(Err(e)), _) => errors.push(e.clone()),
                (None, Some(Known::Journal(m) | Known::Odoo(m))) => {
                    messages.push(m.0);
                    if matches!(known.get(&slot), Some(Known::Odoo(_))) {
                        linked = true;
                    }
                }
                (None, None) => {}
            }
        }
        let filed_now = files_of.get(&item.key).copied().unwrap_or(false)
            || options.dry_run
                && plan
                    .actions
                    .iter()
                    .any(|a| matches!(a, Action::File { key, .. } if key == &item.key));
        let mut detail: Vec<String> = notes.get(&item.key).cloned().unwrap_or_default();
        let outcome = if !errors.is_empty() {
            detail.extend(errors);
            ItemOutcome::Failed
        } else {
            match &mail.verdict {
                // a decision is needed
                Verdict::Waiting => ItemOutcome::Waiting,
                // an address matches nobody
                Verdict::Unassigned => ItemOutcome::Unassigned,
                // nothing to file
                Verdict::Skipped(reason) => {
                    detail.push(reason.clone());
                    ItemOutcome::Skipped
                }
                // filed on at least one contact this run
                Verdict::Done if filed_now => ItemOutcome::Filed,
                // only colleagues' entries were found
                Verdict::Done if linked => ItemOutcome::Linked,
                // settled in an earlier run
                Verdict::Done => {
                    detail.push("already filed".into());
                    ItemOutcome::Skipped
                }
            }
        };
        let mut outcome = outcome;
        if options.delete_after_transfer
            && !options.dry_run
            && mail.verdict == Verdict::Done
            && matches!(
                outcome,
                ItemOutcome::Filed | ItemOutcome::Linked | ItemOutcome::Skipped
            )
            && let Err(e) = remove_confirmed(graph, store, item, &targets).await?
        {
            tracing::warn!(error = %e, "filed mail not moved to deleted items");
            detail.push(format!("filed, but not moved to Deleted Items: {}", e.code));
            outcome = ItemOutcome::Failed;
        }
        if !options.dry_run {
            match outcome {
                ItemOutcome::Waiting | ItemOutcome::Unassigned | ItemOutcome::Failed => {
                    store.save_pending_mail(&PendingMail {
                        mail: item.clone(),
                        verdict: outcome.as_str().to_owned(),
                        open: open_addresses(mail, &index),
                    })?;
                }
                _ => store.remove_pending_mail(&item.graph_id)?,
            }
        }
        outcomes.push(MailOutcome {
            key: item.key.0.clone(),
            subject: item.subject.clone(),
            outcome,
            contacts: targets.iter().map(|c| c.0).collect(),
            messages,
            opportunities: opportunities.get(&item.key).cloned().unwrap_or_default(),
            detail: (!detail.is_empty()).then(|| detail.join("; ")),
        });
    }
    Ok(outcomes)
}

const LEAD: &str = "crm.lead";

/// Files each settled (mail, contact) also on the contact's open opportunity when it has
/// exactly one (FACTS 40): one `crm.lead` lookup and one duplicate lookup for the page, then
/// one journaled `message_post` per new entry. Returns the opportunities per mail.
async fn file_on_opportunities(
    graph: &GraphClient,
    odoo: &OdooClient,
    store: &Store,
    options: &MailOptions,
    items: &[MailItem],
    settled: &[(MailKey, OdooId)],
) -> Result<HashMap<MailKey, Vec<i64>>, PageError> {
    let mut out: HashMap<MailKey, Vec<i64>> = HashMap::new();
    let contacts: BTreeSet<i64> = settled.iter().map(|(_, c)| c.0).collect();
    if contacts.is_empty() {
        return Ok(out);
    }
    let rows = odoo
        .search_read(
            LEAD,
            &SearchRead {
                domain: json!([
                    ["partner_id", "in", contacts],
                    ["type", "=", "opportunity"],
                    ["probability", "<", 100]
                ]),
                fields: vec!["id".into(), "partner_id".into()],
                ..SearchRead::default()
            },
        )
        .await?;
    let mut by_partner: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in &rows {
        if let (Some(id), Some(partner)) = (
            row.get("id").and_then(Value::as_i64),
            row.get("partner_id")
                .and_then(|p| p.get(0))
                .and_then(Value::as_i64),
        ) {
            by_partner.entry(partner).or_default().push(id);
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
        return Ok(out);
    }
    let keys: BTreeSet<&str> = todo.iter().map(|(k, _)| k.as_str()).collect();
    let leads: BTreeSet<i64> = todo.iter().map(|(_, l)| l.0).collect();
    let existing: BTreeSet<(String, i64)> = odoo
        .search_read(
            "mail.message",
            &SearchRead {
                domain: json!([
                    ["message_id", "in", keys],
                    ["model", "=", LEAD],
                    ["res_id", "in", leads]
                ]),
                fields: vec!["message_id".into(), "res_id".into()],
                ..SearchRead::default()
            },
        )
        .await?
        .iter()
        .filter_map(|r| {
            Some((
                r.get("message_id")?.as_str()?.to_owned(),
                r.get("res_id")?.as_i64()?,
            ))
        })
        .collect();
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
        if existing.contains(&(key.0.clone(), lead.0)) {
            store.journal_advance(entry.id, JournalState::Confirmed, &JournalNote::default())?;
            out.entry(key).or_default().push(lead.0);
            continue;
        }
        let filing = match read_filing(graph, item, options.attachment_limit_bytes).await {
            Ok(f) => f,
            Err(e) => {
                tracing::warn!(error = %e, "mail not read for the opportunity");
                continue;
            }
        };
        match post(odoo, item, &filing, LEAD, lead).await {
            Ok(message) => {
                store.journal_advance(
                    entry.id,
                    JournalState::Confirmed,
                    &JournalNote {
                        odoo: Some(message_ref(message)),
                        ..JournalNote::default()
                    },
                )?;
                out.entry(key).or_default().push(lead.0);
            }
            Err(e) => {
                tracing::warn!(error = %e, lead = lead.0, "mail not filed on the opportunity");
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
    Ok(out)
}

/// Moves a filed mail to Deleted Items (never a hard delete) once every one of its entries is
/// confirmed by reading back; its journal entries become `removed`. A mail with an entry not
/// yet confirmed stays where it is (`Ok(Ok(()))` without a move).
async fn remove_confirmed(
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

fn message_ref(id: OdooId) -> OdooRef {
    OdooRef {
        model: "mail.message".into(),
        id,
    }
}

fn open_addresses(mail: &super::plan::MailPlan, index: &ContactIndex) -> Vec<OpenAddress> {
    mail.addresses
        .iter()
        .filter_map(|a| match &a.resolution {
            Resolution::Waiting(ids) => Some(OpenAddress {
                address: a.address.clone(),
                kind: OpenKind::Waiting,
                candidates: ids
                    .iter()
                    .filter_map(|id| index.contact(*id).cloned())
                    .collect(),
            }),
            Resolution::Unassigned => Some(OpenAddress {
                address: a.address.clone(),
                kind: OpenKind::Unassigned,
                candidates: Vec::new(),
            }),
            _ => None,
        })
        .collect()
}

/// One `search_read` for every contact holding one of `addresses` (substring match, since an
/// Odoo e-mail field may hold several addresses; the exact match is ours).
async fn search_contacts(
    odoo: &OdooClient,
    addresses: &BTreeSet<Address>,
) -> Result<Vec<Contact>, OdooError> {
    // NOTE: many addresses of one mail domain (a circular to 2,000 people) become one
    // `ilike '@domain'` leaf, so the domain Odoo evaluates stays small; matching is exact here.
    let mut by_domain: BTreeMap<&str, Vec<&Address>> = BTreeMap::new();
    for a in addresses {
        by_domain.entry(a.domain()).or_default().push(a);
    }
    let mut leaves: Vec<Value> = Vec::new();
    for (mail_domain, list) in by_domain {
        if list.len() >= 3 {
            leaves.push(json!(["email", "ilike", format!("@{mail_domain}")]));
        } else {
            leaves.extend(list.iter().map(|a| json!(["email", "ilike", a.as_str()])));
        }
    }
    let mut domain: Vec<Value> = Vec::new();
    for _ in 1..leaves.len() {
        domain.push(json!("|"));
    }
    domain.extend(leaves);
    let rows = odoo
        .search_read(
            PARTNER,
            &SearchRead {
                domain: Value::Array(domain),
                fields: [
                    "id",
                    "name",
                    "email",
                    "parent_id",
                    "city",
                    "active",
                    "user_ids",
                ]
                .map(String::from)
                .to_vec(),
                ..SearchRead::default()
            },
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(Contact {
                id: OdooId(row.get("id")?.as_i64()?),
                name: row
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                email: row
                    .get("email")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                company: row
                    .get("parent_id")
                    .and_then(|p| p.get(1))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                city: row.get("city").and_then(Value::as_str).map(str::to_owned),
                active: row.get("active").and_then(Value::as_bool).unwrap_or(true),
                is_colleague: row
                    .get("user_ids")
                    .and_then(Value::as_array)
                    .is_some_and(|u| !u.is_empty()),
            })
        })
        .collect())
}

/// What is posted for one mail: the body with its header and the attachments that fit.
struct Filing {
    body: String,
    attachments: Vec<(String, String, String)>,
    notes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphAttachment {
    #[serde(rename = "@odata.type", default)]
    odata_type: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    size: u64,
    #[serde(default)]
    content_bytes: Option<String>,
}

async fn read_filing(
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
        let list: Vec<GraphAttachment> = graph
            .get_all(&format!(
                "/me/messages/{}/attachments",
                crate::graph::mail_folders::encode(&item.graph_id)
            ))
            .await?;
        for a in list {
            let name = a.name.clone().unwrap_or_else(|| "attachment".into());
            if a.size > limit {
                tracing::info!(size = a.size, "attachment over the limit left out");
                notes.push(format!(
                    "attachment {name} ({} MB) left out: over the limit of {} MB",
                    a.size / 1_000_000,
                    limit / 1_000_000
                ));
                continue;
            }
            match (a.odata_type.as_str(), a.content_bytes) {
                (t, Some(bytes)) if t.ends_with("fileAttachment") => attachments.push((
                    name,
                    bytes,
                    a.content_type
                        .unwrap_or_else(|| "application/octet-stream".into()),
                )),
                _ => {
                    tracing::info!("attachment that is no file left out");
                    notes.push(format!(
                        "attachment {name} left out: an attached item, not a file"
                    ));
                }
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

/// `2026-03-02T09:00:00Z` → `2026-03-02 09:00:00` (Odoo's UTC datetime format).
fn odoo_datetime(rfc3339: &str) -> Option<String> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|d| {
        d.with_timezone(&Utc)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    })
}

/// Creates the attachments (one list `create`) and posts the entry as a note of type e-mail:
/// a note mails nobody (FACTS 23), and no `partner_ids` are ever passed.
async fn post(
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
    odoo.message_post(model, record, kwargs).await
}

/// Reads back the entries of `slots` in one `search_read`; where there are several for one
/// (mail, contact), keeps the lowest id and unlinks the others. Returns the survivors.
async fn verify(
    odoo: &OdooClient,
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
                    ["model", "=", PARTNER],
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
