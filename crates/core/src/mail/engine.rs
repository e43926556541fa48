//! One mail run: collect (per transfer folder, the folder's delta round plus the mails still
//! pending from earlier runs) → per page of mails: look up (one contact `search_read`, one
//! duplicate `search_read`), plan (pure) → apply (see [`super::apply`]) → report. A preview
//! stops after the plan: it is the plan, told as a report, and writes nothing.
//!
//! Exactly once across users (issue 6 §6): Odoo has no unique constraint on `message_id`, so
//! after posting the page's entries are read back by (`message_id`, `model`, `res_id`); where
//! two colleagues posted the same mail at once, the lowest `mail.message` id survives, the
//! others are removed (a `MissingError` means a colleague already did) and the journal points
//! at the survivor.
//!
//! A folder's delta link is saved once the folder was read to its end, also past mails that
//! failed: what still has to be done waits in the pending table (and the journal), not in the
//! delta, so a mail taken out of the folder meanwhile shows up as removed and is never filed.
//! Only a mail that could not even be read keeps its folder's old link.

use std::collections::BTreeSet;

use super::address::Address;
use super::apply::{self, Applied, Context, CrashPoints, KillAtPlannedSteps};
use super::collect::{self, Collected, Lookups, PageError, ReadProblem};
use super::decisions::{OpenAddress, OpenKind};
use super::matching::ContactIndex;
use super::notes::{MailNote, Problem};
use super::plan::{Action, Direction, MailItem, MailPlan, Plan, PlanInput, Resolution};
use super::remote::{Mailbox, OdooSide};
use super::report::Outcomes;
use super::round::StagedRound;
use super::state::PendingMail;
use super::texts::MailMsg;
use crate::error_code::UserFacing;
use crate::i18n::Msg;
use crate::model::{ItemOutcome, Job};
use crate::store::{Cursor, Store, StoreError};

pub use super::options::MailOptions;
pub use super::report::{MailOutcome, MailReport, NoProgress, Progress};

/// Errors that stop a mail run before it finished.
#[derive(Debug, thiserror::Error)]
pub enum MailRunError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A test's crash point stopped the run (as a kill would).
    #[error("stopped at a crash point")]
    Crashed,
}

/// Runs the mail job once.
pub async fn run(
    mailbox: &impl Mailbox,
    odoo: &impl OdooSide,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
) -> Result<MailReport, MailRunError> {
    run_with_crash_points(
        mailbox,
        odoo,
        store,
        options,
        own,
        progress,
        &KillAtPlannedSteps,
    )
    .await
}

/// [`run`] with the given crash points (tests stop runs there, as a kill would).
pub async fn run_with_crash_points(
    mailbox: &impl Mailbox,
    odoo: &impl OdooSide,
    store: &Store,
    options: &MailOptions,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
    crash: &dyn CrashPoints,
) -> Result<MailReport, MailRunError> {
    let cx = Context {
        mailbox,
        odoo,
        store,
        options,
        crash,
    };
    run_with(&cx, own, progress).await
}

async fn run_with<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    progress: &dyn Progress,
) -> Result<MailReport, MailRunError> {
    let options = cx.options;
    let mut report = MailReport {
        dry_run: options.dry_run,
        ..MailReport::default()
    };
    let folders = [
        (Direction::Incoming, options.incoming.as_deref()),
        (Direction::Outgoing, options.outgoing.as_deref()),
    ];
    let round = StagedRound::new(cx.store)?;
    let collected =
        collect::transfer_folders(cx.mailbox, cx.store, &round, folders, options.page_size).await?;
    report.microsoft_answered = !collected.rounds.is_empty();
    tell_read_problems(&collected, &mut report, options.lang);
    let page_size = usize::try_from(options.page_size.max(1)).unwrap_or(50);
    let total = round.count()?;
    let (mut done, mut after) = (0, 0);
    loop {
        let page = round.page(after, page_size)?;
        let Some((last, _)) = page.last() else { break };
        after = *last;
        let items: Vec<MailItem> = page.into_iter().map(|(_, item)| item).collect();
        let (held, items) = held_for_a_person(cx.store, items, options.lang)?;
        report.mails.extend(held);
        let outcomes = handle_page(cx, own, &items, &mut report).await?;
        report.mails.extend(outcomes);
        done += items.len();
        progress.mails(done, total);
    }
    if !options.dry_run {
        round.forget_the_ones_that_left()?;
        save_cursors(cx.store, &collected, &collected.unread_scopes)?;
    }
    Ok(report)
}

/// What reading the transfer folders left for the person: a refused sign-in, folders read
/// incompletely (with why, where a rerun alone may not be the whole story), and each item
/// Outlook sent in a form that cannot be read.
fn tell_read_problems(collected: &Collected, report: &mut MailReport, lang: crate::i18n::Language) {
    for problem in &collected.problems {
        match problem {
            ReadProblem::SignInRefused => sign_in_refused(report, lang),
            ReadProblem::Incomplete {
                scope,
                technical,
                reason,
            } => {
                tracing::info!(scope = %scope, technical = %technical, "folder read incompletely");
                let incoming = scope.starts_with("incoming");
                let text = match reason {
                    Some(reason) => Msg::Mail(MailMsg::FolderNotReadBecause {
                        incoming,
                        reason: reason.render(lang),
                    }),
                    None => Msg::Mail(MailMsg::FolderNotRead { incoming }),
                }
                .render(lang);
                if !report.incomplete.contains(&text) {
                    report.incomplete.push(text);
                }
            }
        }
    }
    for item in &collected.unreadable {
        report.mails.push(MailOutcome::unreadable(item, lang));
    }
}

/// Saves each folder's delta link, but for folders with a mail that could not be read.
fn save_cursors(
    store: &Store,
    collected: &Collected,
    unread_scopes: &BTreeSet<String>,
) -> Result<(), StoreError> {
    for (scope, link) in &collected.rounds {
        // a folder with a mail that could not be read is read again from its old link
        if unread_scopes.contains(scope) {
            continue;
        }
        store.save_cursor(&Cursor {
            job: Job::Mail,
            scope: scope.clone(),
            graph_delta_link: Some(link.0.clone()),
            odoo_since: None,
            last_full_scan: None,
        })?;
    }
    Ok(())
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

/// The mails of a page that wait for a person after Odoo refused them (or that the person
/// skipped): told as they stand, asked of nobody; and the others.
fn held_for_a_person(
    store: &Store,
    items: Vec<MailItem>,
    lang: crate::i18n::Language,
) -> Result<(Vec<MailOutcome>, Vec<MailItem>), StoreError> {
    let mut held = Vec::new();
    let mut others = Vec::with_capacity(items.len());
    for item in items {
        match store.pending_mail(&item.graph_id)? {
            Some(p) if p.verdict == ItemOutcome::Refused.as_str() => {
                let refusal = p.refusal.unwrap_or(Problem {
                    note: MailNote::Refused {
                        reason: String::new(),
                    },
                    technical: None,
                });
                held.push(MailOutcome::not_filed(
                    &item,
                    ItemOutcome::Refused,
                    &refusal,
                    lang,
                ));
            }
            Some(p) if p.verdict == ItemOutcome::Skipped.as_str() => {
                let skipped = Problem {
                    note: MailNote::SkippedByPerson,
                    technical: None,
                };
                held.push(MailOutcome::not_filed(
                    &item,
                    ItemOutcome::Skipped,
                    &skipped,
                    lang,
                ));
            }
            _ => others.push(item),
        }
    }
    Ok((held, others))
}

/// Looks up, plans and (unless previewing) applies one page; Odoo failing to answer fails the
/// page's mails, not the run: they wait in the pending table for the next run.
async fn handle_page<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    items: &[MailItem],
    report: &mut MailReport,
) -> Result<Vec<MailOutcome>, MailRunError> {
    match file_page(cx, own, items, &mut report.needs_attention).await {
        Ok(outcomes) => {
            report.odoo_answered = true;
            Ok(outcomes)
        }
        Err(PageError::Store(e)) => Err(e.into()),
        Err(PageError::Crashed) => Err(MailRunError::Crashed),
        Err(PageError::Odoo(e)) => {
            tracing::warn!(error = %e, "odoo lookup failed");
            let lang = cx.options.lang;
            // NOTE: a refused key is for a person to fix (connect Odoo again), not a rerun.
            let (note, list, text) =
                if e.code() == crate::error_code::ErrorCode::CredentialsRejected {
                    report.odoo_key_refused |= e.is_refusal();
                    let text = MailMsg::KeyRefused;
                    (MailNote::KeyRefused, &mut report.needs_attention, text)
                } else {
                    let text = MailMsg::OdooDidNotAnswer;
                    (MailNote::OdooDidNotAnswer, &mut report.incomplete, text)
                };
            let text = Msg::Mail(text).render(lang);
            if !list.contains(&text) {
                list.push(text);
            }
            let problem = Problem::new(note, &e);
            let mut outcomes = Vec::with_capacity(items.len());
            for item in items {
                if !cx.options.dry_run && cx.store.pending_mail(&item.graph_id)?.is_none() {
                    keep(cx.store, item, Vec::new(), "failed", None)?;
                }
                outcomes.push(MailOutcome::not_filed(
                    item,
                    ItemOutcome::Failed,
                    &problem,
                    lang,
                ));
            }
            Ok(outcomes)
        }
    }
}

/// The three steps of a page: look up → plan → apply (or, previewing, the plan as is).
async fn file_page<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    own: &BTreeSet<Address>,
    items: &[MailItem],
    needs_attention: &mut Vec<String>,
) -> Result<Vec<MailOutcome>, PageError> {
    let options = cx.options;
    let lookups = collect::look_up(
        cx.odoo,
        cx.store,
        items,
        own,
        options.include_colleagues,
        options.file_on_opportunity,
    )
    .await?;
    let index = ContactIndex::new(&lookups.contacts, options.include_colleagues);
    let plan = super::plan::plan(PlanInput {
        mails: items,
        contacts: &index,
        choices: &lookups.choices,
        known: &lookups.known,
        own,
        opportunities: &lookups.opportunities,
        delete_after_transfer: options.delete_after_transfer,
        duplicates: &lookups.duplicates,
    });
    if options.dry_run {
        let preview = Applied::preview(&plan);
        let outcomes = Outcomes::new(&plan, &lookups.known, &preview, options.lang);
        return Ok(items.iter().filter_map(|i| outcomes.of(i)).collect());
    }
    let applied = apply::entries(cx, items, &plan).await?;
    for note in &applied.needs_attention {
        if !needs_attention.contains(note) {
            needs_attention.push(note.clone());
        }
    }
    settle(cx, items, &plan, &lookups, &index, &applied).await
}

/// After the entries: each mail's outcome, the moves to Deleted Items and what stays pending.
async fn settle<M: Mailbox, O: OdooSide>(
    cx: &Context<'_, M, O>,
    items: &[MailItem],
    plan: &Plan,
    lookups: &Lookups,
    index: &ContactIndex,
    applied: &Applied,
) -> Result<Vec<MailOutcome>, PageError> {
    let lang = cx.options.lang;
    let outcomes = Outcomes::new(plan, &lookups.known, applied, lang);
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let (Some(mut outcome), Some(mail)) = (
            outcomes.of(item),
            plan.mails.iter().find(|m| m.graph_id == item.graph_id),
        ) else {
            continue;
        };
        let wants_move = plan.actions.iter().any(
            |a| matches!(a, Action::MoveToDeletedItems { graph_id, .. } if graph_id == &item.graph_id),
        );
        // NOTE: only confirmed entries move a mail (a mail that left the folder has none)
        if wants_move && !matches!(outcome.outcome, ItemOutcome::Failed | ItemOutcome::Refused) {
            let targets: Vec<_> = plan.targets_of(mail).collect();
            if let Err(e) = apply::move_to_deleted_items(cx, item, &targets).await? {
                tracing::warn!(error = %e, "filed mail not moved to deleted items");
                outcome.add_problem(&Problem::new(MailNote::NotMoved, e.code), lang);
                outcome.outcome = ItemOutcome::Failed;
            }
        }
        let waits_in_plan = plan
            .actions
            .iter()
            .any(|a| matches!(a, Action::KeepPending { graph_id } if graph_id == &item.graph_id));
        let unconfirmed = applied.unconfirmed.contains(&item.key);
        match outcome.outcome {
            ItemOutcome::Refused => {
                let refusal = outcomes.refusal(&item.key);
                keep(cx.store, item, Vec::new(), "refused", refusal)?;
            }
            ItemOutcome::Failed => {
                keep(cx.store, item, open_addresses(mail, index), "failed", None)?;
            }
            _ if unconfirmed => keep(cx.store, item, Vec::new(), "failed", None)?,
            o if waits_in_plan => {
                keep(
                    cx.store,
                    item,
                    open_addresses(mail, index),
                    o.as_str(),
                    None,
                )?;
            }
            _ => cx.store.remove_pending_mail(&item.graph_id)?,
        }
        out.push(outcome);
    }
    Ok(out)
}

/// Keeps a mail for later runs with why it waits: `verdict` (a decision, an unknown address, a
/// retry, or a person after Odoo refused it).
fn keep(
    store: &Store,
    item: &MailItem,
    open: Vec<OpenAddress>,
    verdict: &str,
    refusal: Option<Problem>,
) -> Result<(), StoreError> {
    store.save_pending_mail(&PendingMail {
        mail: item.clone(),
        verdict: verdict.to_owned(),
        open,
        refusal,
    })
}

fn open_addresses(mail: &MailPlan, index: &ContactIndex) -> Vec<OpenAddress> {
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
