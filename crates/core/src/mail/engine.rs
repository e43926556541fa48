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

use serde_json::{Value, json};

use super::address::Address;
use super::apply::{
    Filing, OP_FILE, PARTNER, PageError, crash_point, file_on_opportunities, message_ref, post,
    read_filing, remove_confirmed, target_of, verify,
};
use super::collect::{direction_name, item_of, search_contacts};
use super::decisions::{OpenAddress, OpenKind};
use super::key::MailKey;
use super::matching::ContactIndex;
use super::plan::{Action, Direction, Known, MailItem, PlanInput, Resolution, Verdict};
use super::texts::MailMsg;
use crate::error::UserFacing;
use crate::graph::client::GraphClient;
use crate::graph::error::GraphErrorKind;
use crate::graph::messages::{self, DeltaLink, MessageChange};
use crate::i18n::Msg;
use crate::model::{ItemOutcome, Job, OdooId};
use crate::odoo::{OdooClient, SearchRead};
use crate::store::{
    Cursor, JournalIntent, JournalNote, JournalState, PendingMail, Store, StoreError,
};

pub use super::report::{MailOutcome, MailReport, NoProgress, Progress};

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
    /// The language of the notes a person reads.
    pub lang: crate::i18n::Language,
}

/// Errors that stop a mail run before it did anything.
#[derive(Debug, thiserror::Error)]
pub enum MailRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
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
    let mut unread_scopes: BTreeSet<String> = BTreeSet::new();
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
                if e.needs_sign_in() {
                    sign_in_refused(&mut report, options.lang);
                } else {
                    report.incomplete.push(format!("{scope}: {}", e.code));
                }
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
                        // NOTE: the folder's delta link is then not saved, so the next run
                        // reads this mail again instead of losing it.
                        tracing::warn!(scope = %scope, error = %e, "mail not read");
                        if e.needs_sign_in() {
                            sign_in_refused(&mut report, options.lang);
                        } else {
                            report.incomplete.push(format!("{scope}: {}", e.code));
                        }
                        unread_scopes.insert(scope.clone());
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
    let mut failed_scopes: BTreeSet<String> = unread_scopes;
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
                // NOTE: a refused key is for a person to fix (connect Odoo again), not a rerun.
                if e.code() == crate::error::ErrorCode::CredentialsRejected {
                    let note = Msg::Mail(MailMsg::KeyRefused).render(options.lang);
                    if !report.needs_attention.contains(&note) {
                        report.needs_attention.push(note);
                    }
                } else {
                    report.incomplete.push(format!("odoo: {e}"));
                }
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

/// Microsoft refused the stored sign-in: a person must sign in again (not a rerun), so it is
/// told once as something to act on and the account gets flagged by the caller.
fn sign_in_refused(report: &mut MailReport, lang: crate::i18n::Language) {
    report.microsoft_sign_in_refused = true;
    let note = Msg::Mail(MailMsg::MicrosoftSignInRefused).render(lang);
    if !report.needs_attention.contains(&note) {
        report.needs_attention.push(note);
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
        let mut refused: BTreeSet<OdooId> = BTreeSet::new();
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
                    // NOTE: a contact that refused a write this run refuses the next mail too:
                    // neither Outlook nor Odoo is asked again for it.
                    if refused.contains(contact) {
                        results.insert(
                            slot,
                            Err("not filed: no write access on the Odoo contact".into()),
                        );
                        continue;
                    }
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
                                refused.insert(*contact);
                                let note = Msg::Mail(MailMsg::NoWriteAccess { contact: contact.0 })
                                    .render(options.lang);
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
            let survivors = verify(odoo, PARTNER, &to_verify).await?;
            for slot in &to_verify {
                let Some(survivor) = survivors.get(slot) else {
                    // NOTE: posted but not found on reading back: the entry stays written
                    // and the mail pending, so a later run reads it back again.
                    tracing::warn!(contact = slot.1.0, "filed entry not found on reading back");
                    results.insert(
                        slot.clone(),
                        Err("filed, but Odoo did not show the entry when read back".into()),
                    );
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
    let mut opportunity_errors: HashMap<MailKey, String> = HashMap::new();
    if options.file_on_opportunity && !options.dry_run {
        // NOTE: entries settled in an earlier run count too, so an opportunity filing a crash
        // or a failure interrupted is picked up when the mail is read again.
        let mut settled: Vec<(MailKey, OdooId)> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(slot, _)| slot.clone())
            .collect();
        settled.extend(
            known
                .iter()
                .filter(|(slot, k)| matches!(k, Known::Journal(_)) && !results.contains_key(*slot))
                .map(|(slot, _)| slot.clone()),
        );
        (opportunities, opportunity_errors) =
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
        if let Some(e) = opportunity_errors.get(&item.key) {
            errors.push(e.clone());
        }
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
